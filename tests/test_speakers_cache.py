"""The speaker ranker's per-document caches change no feature: cold and warm look-ups agree, on either side."""

from __future__ import annotations

import json
from pathlib import Path

from climadiplo.annotate import speaker_model
from climadiplo.annotate.actors import find_mentions, load_gazetteer
from climadiplo.annotate.quotemarks import mask_quotes, quote_spans
from climadiplo.annotate.quotes import find_cues

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "annotations" / "invented-news" / "articles.jsonl"


def _document(text: str) -> tuple[list, speaker_model.DocumentCandidates]:
    spans = quote_spans(text)
    masked = mask_quotes(text, spans)
    doc = speaker_model.DocumentCandidates(text, masked, find_mentions(text), load_gazetteer(), find_cues(masked))
    return spans, doc


def test_candidate_features_do_not_depend_on_what_the_document_cache_saw_first():
    # A candidate after one quotation stands before the next: its side-independent facts are computed once and
    # shared by both sides. A fresh document per quotation (nothing cached) must give the same features as one
    # document asked in reverse order (each candidate seen on the other side first).
    texts = [json.loads(line)["text"] for line in ARTICLES.read_text(encoding="utf-8").splitlines()]
    a_names, b_names = frozenset(speaker_model._B_NAMES), frozenset(speaker_model._B_NAMES.values())
    both_sides = 0
    for text in texts:
        spans, warm = _document(text)
        for span in reversed(spans):
            _, cold = _document(text)
            expected = speaker_model.quote_candidates(cold, span, "", None)
            assert speaker_model.quote_candidates(warm, span, "", None) == expected
            for candidate, features in expected:  # and each side has its own names ("cue_right_b0", "subject_a")
                other_side = a_names if candidate.end <= span.open_at else b_names
                assert other_side.isdisjoint(features), (candidate, features)
        both_sides += sum(
            (start, end, "a") in warm._facts and (start, end, "b") in warm._facts for start, end in warm._cores
        )
    assert both_sides > 0  # the shared facts were exercised
