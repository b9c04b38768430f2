"""Speech against title or scare quote: the title-noun features of the speech model (invented sentences)."""

from __future__ import annotations

import pytest

from climadiplo.annotate import speaker_model
from climadiplo.annotate.quotemarks import quote_spans
from climadiplo.annotate.quotes import quotes_in_text
from climadiplo.resources import read_rows


def title_noun_features(text: str) -> list[str]:
    (span,) = quote_spans(text)
    return speaker_model._title_noun_features(text, span)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dana Reyes, star of the cable drama “Harbor Lights,” thanked the governor.", ["work_b"]),
        ("Dana Reyes, who hosts the “Morning Table” radio program, endorsed the mayor.", ["work_a"]),
        ("The rival answered to the nickname “Slick Eddie” at every rally.", ["term_near"]),
        ("The mayor said the plan was “dead on arrival” and would never pass.", []),
        # Four words away is out of reach: the noun describes something else.
        ("The show began late and the host, Dana Reyes, said “we are back” to the crowd.", []),
    ],
)
def test_a_title_noun_beside_the_marks_is_a_feature(text, expected):
    assert title_noun_features(text) == expected


def test_title_nouns_are_listed_once_with_a_known_kind():
    rows = read_rows("lexicons", "title_nouns.csv")
    words = [row["word"].lower() for row in rows]
    assert len(words) == len(set(words))
    assert {row["kind"] for row in rows} <= {"work", "term"}


def test_the_shipped_model_reads_a_work_noun_as_evidence_against_speech():
    weights = speaker_model.load_model()["speech"]["weights"]
    assert weights.get("work_a", 0.0) < 0 and weights.get("work_b", 0.0) < 0


def test_a_programme_named_beside_its_noun_is_not_speech():
    text = "Dana Reyes, who hosts the “Morning Table” radio program, endorsed the mayor on Tuesday."
    assert [q.kind for q in quotes_in_text(text)] == ["title"]
