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
