"""The seed corpus reproduces the hand-coded gold: documents and every sentence."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from climadiplo.resources import data_path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _value(cell):
    return None if pd.isna(cell) else cell


def test_seed_files_match_catalogue_hashes(gold):
    for row in gold["documents"].itertuples():
        assert hashlib.sha256(data_path("raw", row.file).read_bytes()).hexdigest() == row.sha256


@pytest.mark.parametrize("folder,copy", [("corpus/raw", "raw"), ("gold", "annotations/seed-gold")])
def test_copies_are_byte_identical_to_shared(folder, copy):
    source = SHARED / folder
    if not source.is_dir():
        pytest.skip(f"{source} is not beside this checkout")
    for path in sorted(source.iterdir()):
        assert data_path(copy, path.name).read_bytes() == path.read_bytes(), path.name


def test_document_rows_match_gold(seed_tables, gold):
    documents = seed_tables["documents"].set_index("doc_id")
    for row in gold["documents"].itertuples():
        ours = documents.loc[row.doc_id]
        assert ours["sha256"] == row.sha256
        assert ours["n_paragraphs"] == row.n_paragraphs
        assert ours["n_sentences"] == row.n_sentences
        assert ours["n_words"] == row.n_words
        assert _value(ours["author"]) == _value(row.author)
        assert ours["reference_date"] == row.reference_date
        if _value(row.caption):
            assert row.caption not in ours["text"]


def test_every_gold_sentence_is_reproduced_exactly(seed_tables, gold):
    ours = seed_tables["sentences"]
    columns = ["doc_id", "sentence", "paragraph", "text", "role", "voice", "is_question"]
    expected = gold["sentences"][columns].sort_values(["doc_id", "sentence"]).reset_index(drop=True)
    got = ours[columns].sort_values(["doc_id", "sentence"]).reset_index(drop=True)
    assert len(got) == len(expected) == 81
    mismatches = [(a, b) for a, b in zip(got.to_dict("records"), expected.to_dict("records"), strict=True) if a != b]
    assert mismatches == []


def test_offsets_index_the_cleaned_text(seed_tables):
    texts = seed_tables["documents"].set_index("doc_id")["text"]
    for row in seed_tables["sentences"].itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.text


def test_cleaning_audit_records_the_furniture(seed_tables):
    removed = seed_tables["removed"]
    kinds = removed.groupby("doc_id")["kind"].apply(list).to_dict()
    assert kinds["ucla-wang-2023-07"] == ["caption"]
    assert kinds["time-blinken-2023-06"] == ["title", "read_time", "newsletter", "promo", "byline"]


def test_evaluate_reports_perfect_segmentation(seed_tables, gold):
    from climadiplo.analyse.evaluate import evaluate

    metrics = evaluate(seed_tables, gold).set_index(["task", "metric"])["value"]
    assert metrics[("sentences", "f1")] == 1.0
    assert metrics[("sentences", "role_accuracy")] == 1.0
    assert metrics[("sentences", "voice_accuracy")] == 1.0


def test_gold_jsonl_is_valid():
    for path in data_path("annotations", "seed-gold").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert isinstance(json.loads(line), dict)


# Floors the implementation honestly meets on the seed gold (measured values are in the closing note);
# a change that drops below them fails here.
FLOORS = {
    ("actors", "f1"): 0.95,
    ("claims", "macro_f1"): 0.70,
    ("hedging", "f1"): 0.80,
    ("checkworthy", "f1"): 0.60,
    ("sentiment", "macro_f1"): 0.55,
    ("events", "f1"): 0.90,
    ("events", "precision"): 0.90,
    ("quotes", "f1"): 0.95,
    ("quotes", "speaker_accuracy"): 0.90,
    ("quotes", "kind_accuracy"): 0.90,
    ("indirect", "f1"): 0.90,
    # Issue target: per frame kappa >= 0.80 for the lexicon on the seeds it was written on.
    ("frames_lexicon", "cooperation_kappa"): 0.80,
    ("frames_lexicon", "competition_kappa"): 0.80,
    ("frames_lexicon", "conflict_kappa"): 0.80,
    # The classifier is cross-validated (leave one document out) and reported beside it.
    ("frames_classifier_cv", "cooperation_kappa"): 0.70,
    ("frames_classifier_cv", "competition_kappa"): 0.70,
    ("frames_classifier_cv", "conflict_kappa"): 0.70,
}


@pytest.fixture(scope="module")
def seed_metrics(seed_tables, gold):
    from climadiplo.analyse.evaluate import evaluate

    return evaluate(seed_tables, gold).set_index(["task", "metric"])["value"]


@pytest.mark.parametrize("key,floor", sorted(FLOORS.items()))
def test_metric_floor(seed_metrics, key, floor):
    assert seed_metrics[key] >= floor


def test_tables_use_the_better_frame_method():
    # Chosen on data neither method was fitted to: the hand-coded PolNeAR sample (the classifier out-of-fold),
    # as measured by training/train_frames.py (tests/test_frames.py checks the file matches a re-run).
    import json

    from climadiplo.annotate.frame_model import MODEL_PATH
    from climadiplo.pipeline import DEFAULT_FRAME_METHOD

    figures = json.loads(MODEL_PATH.with_suffix(".json").read_text(encoding="utf-8"))["figures"]

    def mean_kappa(method):
        return sum(
            figures[f"sample_sure_{method}_{frame}_kappa"] for frame in ("cooperation", "competition", "conflict")
        )

    better = "lexicon" if mean_kappa("lexicon") >= mean_kappa("classifier_cv") else "classifier"
    assert better == DEFAULT_FRAME_METHOD


def test_domain_sentiment_beats_plain_vader_on_seeds(seed_tables, gold):
    from climadiplo.analyse.evaluate import evaluate

    metrics = evaluate(seed_tables, gold).set_index(["task", "metric"])["value"]
    assert metrics[("sentiment", "macro_f1")] > metrics[("sentiment_vader", "macro_f1")]
    assert metrics[("sentiment", "pearson_r")] > metrics[("sentiment_vader", "pearson_r")]


def test_every_offset_in_mentions_and_events_points_at_its_surface(seed_tables):
    texts = seed_tables["documents"].set_index("doc_id")["text"]
    for table in ("mentions", "events"):
        for row in seed_tables[table].itertuples():
            assert texts[row.doc_id][row.start : row.end] == row.surface


def test_unknown_speakers_are_rare(seed_tables, gold):
    from climadiplo.analyse.evaluate import evaluate

    metrics = evaluate(seed_tables, gold).set_index(["task", "metric"])["value"]
    assert metrics[("quotes", "unknown_speaker_share")] <= 0.05
