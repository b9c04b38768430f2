"""Speaker candidates around a quotation: what is and is not a candidate, and what a phrase is named (issue 10)."""

from __future__ import annotations

import pytest

from climadiplo.annotate.quotes import find_cues, quotes_in_text, rule_records
from climadiplo.annotate.speaker_model import DocumentCandidates, quote_candidates


def speech(text: str) -> list[tuple[str, str]]:
    return [(q.text, q.speaker) for q in quotes_in_text(text) if q.kind in ("direct", "partial")]


def candidates(text: str) -> DocumentCandidates:
    masked, _, mentions, gazetteer = rule_records(text)
    return DocumentCandidates(text, masked, mentions, gazetteer, find_cues(masked))


def features_of(text: str, name: str) -> list[str]:
    """The features of the first quotation's candidate of that name."""
    masked, rules, mentions, gazetteer = rule_records(text)
    doc = DocumentCandidates(text, masked, mentions, gazetteer, find_cues(masked))
    span, _ = rules[0]
    return next(features for c, features in quote_candidates(doc, span, "", None) if c.name == name)


@pytest.mark.parametrize("tag", ["(Vt.)", "(R)", "(D-S.C.)", "(I-Vt.)", "(N.Y.)", "(R-Texas)"])
def test_a_party_or_state_parenthesis_is_no_candidate(tag):
    text = f"Sen. Ralph Tolliver {tag}, who lost the primaries, said the plan was “a serious mistake for the city.”"
    names = [c.name for c in candidates(text).candidates]
    assert "Ralph Tolliver" in names
    assert not any(name.strip("().") in tag for name in names if name != "Ralph Tolliver")
    assert speech(text) == [("a serious mistake for the city", "Ralph Tolliver")]


def test_a_parenthesis_that_is_a_name_stays_a_candidate():
    text = "The Alliance to Reclaim Our Schools (AROS) said the cuts were “a betrayal.”"
    assert "AROS" in [c.name for c in candidates(text).candidates]


def test_a_time_phrase_between_subject_and_cue_keeps_the_subject():
    text = (
        "Sen. Ralph Tolliver (I-Vt.) on Saturday criticized the accord adopted after talks among diplomats in Paris,"
        " saying the agreement goes “nowhere near far enough.”"
    )
    assert "subject_b" in features_of(text, "Ralph Tolliver")
    assert "subject_b" not in features_of(text, "Paris")
    assert speech(text) == [("nowhere near far enough", "Ralph Tolliver")]


@pytest.mark.parametrize(
    "text,expected",
    [
        # A name's possessive before a role noun: the role speaks, named as written, not the possessor.
        ("Nadia Karim ran.\n\nKarim’s campaign said the ad was “a lie.”", "Karim’s campaign"),
        ("Tom Reyes spoke.\n\nReyes's lawyers said the suit was “baseless.”", "Reyes's lawyers"),
        # A sentence's opening word is not part of the possessor.
        ("Tom Reyes spoke. Although Reyes’s office said the plan was “fine,” few agreed.", "Reyes’s office"),
        # A document or group its owner's possessive determines, as a cue's subject.
        ("Tom Reyes wrote a book.\n\nReyes’s memoir says the deal was “a disaster.”", "Reyes’s memoir"),
    ],
)
def test_a_possessive_phrase_speaks_not_its_possessor(text, expected):
    # The rules may write the apostrophe straight: the phrase is the same.
    assert [speaker.replace("’", "'") for _, speaker in speech(text)] == [expected.replace("’", "'")]


def test_a_possessor_without_a_role_noun_still_speaks():
    # "Reyes's claim that …": the possessor of a speech noun is the speaker (no role noun follows).
    text = "Tom Reyes's claim that there were “millions of fake ballots” drew scorn from Nadia Karim."
    assert speech(text) == [("millions of fake ballots", "Tom Reyes")]
