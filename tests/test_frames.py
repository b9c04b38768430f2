"""Frame lexicon, context rule and classifier on invented text about other bilateral relationships."""

from __future__ import annotations

import pandas as pd
import pytest

from climadiplo.analyse.stats import cohen_kappa
from climadiplo.annotate.frames import FRAMES, compile_lexicon, load_lexicon, score_document, score_sentence
from climadiplo.resources import data_path


def labels(text: str) -> set[str]:
    return {frame for frame, on in score_sentence(text).labels.items() if on}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The EU and India signed a partnership on hydrogen.", {"cooperation"}),
        ("Brussels and Tokyo agreed to work together on offshore wind.", {"cooperation"}),
        ("India is racing to build its own solar supply chain.", {"competition"}),
        ("China holds most of the cards in battery minerals.", {"competition"}),
        ("Moscow cut gas deliveries in retaliation for sanctions.", {"conflict"}),
        ("The standoff over Taiwan deepened.", {"conflict"}),
        ("Talks stalled amid tensions over tariffs.", {"cooperation", "competition", "conflict"}),
        ("The heat wave killed hundreds of people.", set()),
    ],
)
def test_lexicon_labels_other_bilateral_relationships(text, expected):
    assert labels(text) == expected


def test_failed_cooperation_is_still_cooperation_and_negation_is_marked():
    scored = score_sentence("There was no joint agreement or grand bargain.")
    assert scored.labels["cooperation"]
    assert "cooperation:~joint" in scored.cues


def test_not_only_is_not_a_negation():
    assert "cooperation:cooperation" in score_sentence("It's not only about cooperation.").cues


def test_contrast_weights_the_stressed_clause():
    scored = score_sentence("They compete on solar, but they cooperate on methane.")
    assert scored.scores["cooperation"] > scored.scores["competition"]


def test_every_label_is_traceable_to_cues():
    for text in pd.read_csv(data_path("annotations", "invented-sentences.csv"))["text"]:
        scored = score_sentence(text)
        for frame in FRAMES:
            if scored.labels[frame]:
                assert any(cue.startswith(f"{frame}:") for cue in scored.cues), text


def test_short_cue_less_statement_continues_the_previous_frame():
    texts = ["A thaw in relations is in everyone's interest.", "Closer is better.", "Will it last?"]
    scored = score_document(texts, [0, 0, 0])
    assert scored[1].labels["cooperation"] and scored[1].cues[-1] == "context:previous sentence"
    assert not any(scored[2].labels.values())  # a question never inherits


def test_where_it_stops_context_does_not_cross_paragraphs_or_long_sentences():
    texts = ["A thaw in relations is in everyone's interest.", "Closer is better."]
    assert not any(score_document(texts, [0, 1])[1].labels.values())
    long = "The weather in the capital was mild and pleasant for most of the week in question."
    assert not any(score_document([texts[0], long], [0, 0])[1].labels.values())


def test_lexicon_agrees_with_the_invented_hand_coding():
    labelled = pd.read_csv(data_path("annotations", "invented-sentences.csv"))
    scored = [score_sentence(text) for text in labelled["text"]]
    for frame in FRAMES:
        kappa = cohen_kappa(labelled[frame].astype(bool).tolist(), [s.labels[frame] for s in scored])
        print(f"invented set {frame} kappa {kappa:.3f}")
        assert kappa >= 0.70


def test_lexicon_rejects_unknown_frames():
    with pytest.raises(ValueError, match="frame 'peace'"):
        compile_lexicon((("peace", "treaty", 1.0),))


def test_dropping_a_term_removes_its_cue():
    lexicon = load_lexicon().without("conflict", "standoff")
    assert not score_sentence("The standoff deepened.", lexicon).labels["conflict"]


def test_classifier_is_out_of_fold_for_training_documents():
    from climadiplo.annotate.frame_model import classifier_without, predict_document, training_groups

    assert "ucla-wang-2023-07" in training_groups()
    texts = ["The two sides agreed to resume talks."]
    held_out = predict_document("ucla-wang-2023-07", texts, [""], [""])
    assert (held_out == classifier_without("ucla-wang-2023-07").predict_proba(texts, [""], [""])).all()
    assert held_out.shape == (1, 3) and held_out.min() >= 0 and held_out.max() <= 1
