"""Speech against scare quote: the learned decision on invented sentences (quotes.quotes_in_text)."""

from __future__ import annotations

import pytest

from climadiplo.annotate.quotes import quotes_in_text


def kinds(text: str) -> list[tuple[str, str]]:
    return [(quote.text, quote.kind) for quote in quotes_in_text(text) if quote.kind != "indirect"]


@pytest.mark.parametrize(
    "text,quoted",
    [
        (
            "Senator Maria Lopez toured the flooded town on Monday and condemned what she called "
            "“a failure of planning at every level.”",
            "a failure of planning at every level",
        ),
        ("Councilman Eric Dunn dismissed the report as “a fantasy” on Tuesday.", "a fantasy"),
        (
            "The inspector general said on Monday that the report “found no wrongdoing” by the mayor.",
            "found no wrongdoing",
        ),
    ],
)
def test_words_a_named_person_is_quoted_as_saying_are_speech(text, quoted):
    assert kinds(text) == [(quoted, "partial")]


@pytest.mark.parametrize(
    "text,kind",
    [
        ("The plan is a “friend-shoring” strategy.", "scare"),
        ("Rivals mocked the so-called “green wall” of turbines.", "scare"),
        ("She wrote a book titled “The Long Thaw” in 2019.", "title"),
        ("The auditors released their report “A Costly Delay” on Friday.", "title"),
    ],
)
def test_labels_and_titles_stay_not_speech(text, kind):
    assert [k for _, k in kinds(text)] == [kind]


def test_a_quoted_phrase_in_a_title_cased_headline_is_speech():
    # In a headline every word is capitalised: the case of the quoted words does not make them a title.
    text = (
        "Council Sees ‘Real Progress’ On Housing Plan.\n\n"
        "The statement came on Monday after a long meeting. Officials said more details would follow."
    )
    assert kinds(text) == [("Real Progress", "partial")]
