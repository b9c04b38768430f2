"""Reported speech whose attribution closes the sentence, or whose cue a time phrase follows (review 9 A4)."""

from __future__ import annotations

import pytest

from climadiplo.annotate.quotes import quotes_in_text


def reported(text: str) -> list[tuple[str, str]]:
    return [(q.text, q.speaker) for q in quotes_in_text(text) if q.kind == "indirect"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The smelter will shed 400 jobs by March, Ingrid Dahl said.", "Ingrid Dahl"),
        ("The smelter will shed 400 jobs by March, Ingrid Dahl, the plant manager, said on Monday.", "Ingrid Dahl"),
        ("The smelter will shed 400 jobs by March, the Nordic Council said in a statement.", "Nordic Council"),
        ("The smelter will shed 400 jobs by March, union officials said.", "unnamed officials"),
        (
            "The smelter will shed 400 jobs by March, two people briefed on the plan said.",
            "unnamed two people briefed on the plan",
        ),
        ("The smelter will shed 400 jobs by March, said Ingrid Dahl.", "Ingrid Dahl"),
    ],
)
def test_the_clause_before_a_closing_attribution_is_reported_speech(text, speaker):
    assert reported(text) == [("The smelter will shed 400 jobs by March", speaker)]


def test_a_time_phrase_between_the_cue_and_its_content_is_neither():
    assert reported("Fishing cooperatives said on Wednesday they would sue the regulator.") == [
        ("they would sue the regulator", "unnamed fishing cooperatives")
    ]
    assert reported("Ingrid Dahl said yesterday the smelter would stay open.") == [
        ("the smelter would stay open", "Ingrid Dahl")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "“The smelter will shed 400 jobs,” Ingrid Dahl said.",  # a quotation: its own row, no reported speech
        "The smelter, Ingrid Dahl said, is safe.",  # the attribution does not close the sentence
        "Asked about it, Dahl said nothing.",
        "The latest setback said little about the smelter's future, and the board agreed.",
    ],
)
def test_no_closing_attribution_no_trailing_report(text):
    assert [q for q in quotes_in_text(text) if q.kind == "indirect" and q.speaker_start > q.end] == []


@pytest.mark.parametrize(
    "hearer",
    ["reporters", "him", "Lars Berg", "the BBC", "a news conference", "my Norwegian colleague", "reporters on Friday"],
)
def test_the_content_after_told_starts_after_the_hearer(hearer):
    assert reported(f"Ingrid Dahl told {hearer} the smelter would stay open until March.") == [
        ("the smelter would stay open until March", "Ingrid Dahl")
    ]


def test_telling_someone_the_same_thing_reports_no_content():
    assert reported("Ingrid Dahl told her Finnish colleague the same thing last month.") == []


def test_according_to_after_a_quotations_own_attribution_adds_no_row():
    quotes = quotes_in_text(
        "Chinese Foreign Minister Wang Yi met his Korean counterpart in Seoul. "
        '"Both sides want calm waters," Wang said after the talks, according to a ministry statement.'
    )
    assert [(q.kind, q.speaker) for q in quotes] == [("direct", "Wang Yi")]


def test_according_to_still_reports_plain_speech():
    texts = [
        text for text, _ in reported("The smelter will shed 400 jobs by March, according to a ministry statement.")
    ]
    assert texts == ["The smelter will shed 400 jobs by March"]


def test_a_direct_and_an_indirect_quote_of_one_person_carry_the_same_actor():
    quotes = quotes_in_text(
        'Polish Prime Minister Donald Tusk spoke first. "Europe cannot wait for one capital," Tusk said. '
        "He added that Poland would act without Hungary if needed."
    )
    assert [(q.kind, q.speaker, q.speaker_actor) for q in quotes] == [
        ("direct", "Donald Tusk", "Donald Tusk"),
        ("indirect", "Donald Tusk", "Donald Tusk"),
    ]
