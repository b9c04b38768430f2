"""Article-level frame codes: the ROC-AUC statistic, the codes reader and `climadiplo evaluate --frames-articles`."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest

from climadiplo.analyse.evaluate import frame_article_metrics, load_frame_articles
from climadiplo.analyse.stats import roc_auc
from climadiplo.errors import InputError
from climadiplo.resources import data_path


def _rank_auc_by_pairs(gold, scores) -> float:
    """The definition: the share of (positive, negative) pairs ranked right, ties counting half."""
    positives = [s for g, s in zip(gold, scores, strict=True) if g]
    negatives = [s for g, s in zip(gold, scores, strict=True) if not g]
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def test_roc_auc_equals_the_pairwise_definition_with_ties():
    rng = np.random.default_rng(7)
    for _ in range(100):
        n = int(rng.integers(2, 40))
        gold = rng.integers(0, 2, n).astype(bool)
        if gold.all() or not gold.any():
            continue
        scores = rng.integers(0, 4, n) / 3  # many ties, as article shares of 0 have
        assert roc_auc(gold, scores) == pytest.approx(_rank_auc_by_pairs(gold, scores), abs=1e-12)


def test_roc_auc_edges():
    assert roc_auc([True, False, True], [0.9, 0.1, 0.8]) == 1.0
    assert roc_auc([True, False, True], [0.1, 0.9, 0.2]) == 0.0
    assert roc_auc([True, False], [0.5, 0.5]) == 0.5
    assert np.isnan(roc_auc([True, True], [0.1, 0.2]))
    with pytest.raises(ValueError):
        roc_auc([True, False], [0.1])


def _documents(texts: dict[str, str], conflict: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": list(texts),
            "text": list(texts.values()),
            "cooperation_share": 0.0,
            "competition_share": 0.0,
            "conflict_share": [conflict[d] for d in texts],
        }
    )


def _sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def test_frame_article_metrics_scores_the_share_and_checks_the_text():
    texts = {"a": "They clashed.", "b": "They met.", "c": "They fought and sued."}
    documents = _documents(texts, {"a": 0.5, "b": 0.0, "c": 0.25})
    codes = pd.DataFrame({"doc_id": ["a", "b", "c"], "text_sha1": [_sha(t) for t in texts.values()]})
    metrics = frame_article_metrics(documents, codes.assign(conflict_frame=["1", "0", "1"]))
    values = metrics.set_index("metric")["value"]
    assert values["conflict_share_roc_auc"] == 1.0 and values["conflict_coded_share"] == pytest.approx(0.6667)
    assert "cooperation_share_roc_auc" not in values  # only the coded frames are scored
    reversed_codes = codes.assign(conflict_frame=["0", "1", "0"])
    assert frame_article_metrics(documents, reversed_codes).set_index("metric")["value"]["conflict_share_roc_auc"] == 0
    with pytest.raises(InputError, match="differs from the text it was coded on"):
        frame_article_metrics(documents, codes.assign(conflict_frame="1", text_sha1="000000000000"))
    with pytest.raises(InputError, match="not in the tables"):
        frame_article_metrics(documents, pd.DataFrame({"doc_id": ["z"], "conflict_frame": ["1"]}))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("doc_id,note\na,x\n", "at least one of"),
        ("doc_id,conflict_frame\na,1\nb,yes\n", ":3: 'conflict_frame' must be 0 or 1"),
        ("doc_id,conflict_frame\na,1\na,0\n", ":3: doc_id coded twice"),
    ],
)
def test_load_frame_articles_rejects_bad_files(tmp_path, content, message):
    path = tmp_path / "codes.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_frame_articles(path)


def test_shipped_article_codes_are_codes_only():
    codes = load_frame_articles(data_path("annotations", "frames-dev", "articles.csv"))
    assert len(codes) == 100 and codes["doc_id"].is_monotonic_increasing
    assert codes["text_sha1"].str.fullmatch(r"[0-9a-f]{12}").all()
    assert {"conflict_frame", "cooperation_frame", "competition_frame"} <= set(codes.columns)
    assert "text" not in codes.columns  # PolNeAR text stays out of the repository


def test_evaluate_cli_scores_article_codes_on_the_seeds(tmp_path, seed_tables, capsys):
    from climadiplo.cli import main

    documents = seed_tables["documents"]
    codes = pd.DataFrame(
        {
            "doc_id": documents["doc_id"],
            "text_sha1": [_sha(t) for t in documents["text"]],
            # the article with more conflict sentences coded as the conflict one: AUC 1 if the shares order them so
            "conflict_frame": (documents["conflict_share"] == documents["conflict_share"].max()).astype(int),
        }
    )
    path = tmp_path / "articles.csv"
    codes.to_csv(path, index=False)
    assert main(["evaluate", "--frames-articles", str(path), "--frames-method", "lexicon"]) == 0
    out = capsys.readouterr().out
    assert "frames_articles_lexicon" in out and "conflict_share_roc_auc" in out
    broken = tmp_path / "broken.csv"
    broken.write_text("doc_id,conflict_frame\nx,2\n", encoding="utf-8")
    assert main(["evaluate", "--frames-articles", str(broken)]) == 2
    assert "must be 0 or 1" in capsys.readouterr().err
