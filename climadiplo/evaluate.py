"""Compare the tables with hand-coded gold annotations and report metrics (never used by extractors)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from .errors import InputError
from .resources import data_path
from .stats import accuracy, precision_recall_f1

Tables = dict[str, pd.DataFrame]
Gold = dict[str, pd.DataFrame]
MetricRow = dict[str, object]
_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def default_gold_dir() -> Path:
    """Return the seed gold folder shipped in data/."""
    return data_path("annotations", "seed-gold")


def normalise(text: str) -> str:
    """Text for matching: straight quote marks, single spaces, stripped."""
    return re.sub(r"\s+", " ", str(text).translate(_QUOTE_MARKS)).strip()


def load_gold(gold_dir: str | Path | None = None) -> Gold:
    """Read every ``*.jsonl`` file of a gold folder into DataFrames keyed by file stem."""
    folder = Path(gold_dir) if gold_dir else default_gold_dir()
    if not folder.is_dir():
        raise InputError(f"{folder}: gold folder not found")
    gold = {}
    for path in sorted(folder.glob("*.jsonl")):
        records = []
        for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise InputError(f"{path}:{line_number}: malformed JSON ({error.msg})") from None
        gold[path.stem] = pd.DataFrame.from_records(records)
    if "sentences" not in gold:
        raise InputError(f"{folder}: no sentences.jsonl in the gold folder")
    return gold


def aligned_sentences(tables: Tables, gold: Gold) -> pd.DataFrame:
    """Gold sentences joined to predicted ones with the same document and text (suffix _gold)."""
    predicted = tables["sentences"].copy()
    predicted["key"] = predicted["text"].map(normalise)
    reference = gold["sentences"].copy()
    reference["key"] = reference["text"].map(normalise)
    reference = reference[reference["doc_id"].isin(set(predicted["doc_id"]))]
    # Same text can occur twice in an article: pair the n-th occurrences.
    predicted["occurrence"] = predicted.groupby(["doc_id", "key"]).cumcount()
    reference["occurrence"] = reference.groupby(["doc_id", "key"]).cumcount()
    return predicted.merge(reference, on=["doc_id", "key", "occurrence"], suffixes=("", "_gold"))


def sentence_metrics(tables: Tables, gold: Gold) -> list[MetricRow]:
    """Sentence boundary precision/recall/F1 and role/voice/question accuracy on matched sentences."""
    predicted = tables["sentences"]
    reference = gold["sentences"][gold["sentences"]["doc_id"].isin(set(predicted["doc_id"]))]
    matched = aligned_sentences(tables, gold)
    in_gold_docs = predicted[predicted["doc_id"].isin(set(reference["doc_id"]))]
    precision, recall, f1 = precision_recall_f1(len(matched), len(in_gold_docs), len(reference))
    rows: list[MetricRow] = [
        _row("sentences", "precision", precision, len(in_gold_docs)),
        _row("sentences", "recall", recall, len(reference)),
        _row("sentences", "f1", f1, len(reference)),
    ]
    for column in ("role", "voice", "is_question", "paragraph"):
        rows.append(
            _row("sentences", f"{column}_accuracy", accuracy(matched[f"{column}_gold"], matched[column]), len(matched))
        )
    return rows


def _row(task: str, metric: str, value: float, n: int) -> MetricRow:
    return {"task": task, "metric": metric, "value": round(float(value), 4), "n": int(n)}


# Each later stage registers its metric function here; evaluate() runs those whose gold exists.
METRICS: list[tuple[str, Callable[[Tables, Gold], list[MetricRow]]]] = [("sentences", sentence_metrics)]


def evaluate(tables: Tables, gold: Gold) -> pd.DataFrame:
    """Return a metrics table (task, metric, value, n) for every task with gold annotations."""
    shared = set(tables["documents"]["doc_id"]) & set(gold["sentences"]["doc_id"])
    if not shared:
        raise InputError("no document of the corpus has gold annotations (doc_ids differ)")
    rows: list[MetricRow] = []
    for gold_name, metric in METRICS:
        if gold_name in gold:
            rows.extend(metric(tables, gold))
    return pd.DataFrame.from_records(rows, columns=["task", "metric", "value", "n"])
