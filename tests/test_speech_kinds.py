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


def _speech_features_of(text: str) -> tuple[list[str], object, object]:
    from climadiplo.annotate import speaker_model
    from climadiplo.annotate.quotes import find_cues, rule_records

    masked, rules, mentions, gazetteer = rule_records(text)
    doc = speaker_model.DocumentCandidates(text, masked, mentions, gazetteer, find_cues(masked))
    span, quote = rules[0]
    return speaker_model.speech_features(text, masked, span, quote.kind, doc), doc, span


def test_the_speech_decision_ignores_stance_cues_the_ranker_keeps():
    # "favored" is a stance cue: it helps rank who holds a view, but says nothing about whether the
    # quoted words were spoken. A speech cue ("said") in the same place still counts.
    body = "City budget vote\n\nThe council met on Tuesday.\n\n"
    features, doc, span = _speech_features_of(body + "Residents favored the “work-related” exemption.")
    assert doc.cue_between(span.open_at - 30, span.open_at)  # the ranker sees "favored"
    assert not doc.cue_between(span.open_at - 30, span.open_at, speech=True)
    assert "no_cue_near" in features
    assert not any(f.startswith(("cue_before", "cue_after", "cue_same_sentence")) for f in features)
    features, _, _ = _speech_features_of(body + "Residents said the “work-related” exemption was fair.")
    assert "cue_same_sentence" in features and "no_cue_near" not in features


def test_a_title_cased_quotation_is_described_by_its_cue_distance_sentence_and_lead_word():
    # Whether "Gang of Five" is a name or words someone said depends on the cues around it and the word
    # before it ("the", "on", "show"): the speech model learns these for title-cased quotations only.
    body = "City budget vote\n\nThe council met on Tuesday.\n\n"
    features, _, _ = _speech_features_of(body + "Members of the “Gang of Five” met again on Friday.")
    assert {"tc_nocue", "tc_3n", "tc_lead_the"} <= set(features)
    features, _, _ = _speech_features_of(body + "Members of the “gang of five” met again on Friday.")
    assert not any(f.startswith("tc_") for f in features)
    features, _, _ = _speech_features_of(body + "The mayor said the “Gang of Five” met again on Friday.")
    assert "tc_nocue" not in features and "tc_30" in features


def test_rare_lead_words_of_title_cased_quotations_are_not_learned():
    # A word before a title-cased quotation seen in fewer than LEAST_ARTICLES articles ("NBC's") is one
    # story's word: the training script drops it, as it drops a short quotation's rare inner words.
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))
    import train_speakers

    common = ["tc_lead_on", "inw_plan"]
    rows = [[*common, "tc_lead_nbc’s", "inw_zebra"]] + [list(common) for _ in range(train_speakers.LEAST_ARTICLES)]
    kept = train_speakers._common_inner_words(rows, list(range(len(rows))))
    assert kept[0] == common
