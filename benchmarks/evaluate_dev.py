"""Every development figure of the README's accuracy table, recomputed from ../shared/dev; nothing is written.

Run: ``make evaluate`` (after the seed report), or ``.venv/bin/python benchmarks/evaluate_dev.py [SHARED_DEV]``.
Takes several minutes (the training scripts' cross-validation). Each block says which data and split it is on:
PolNeAR attribution **dev** (never trained on), and cross-validated figures on the **train** splits and on the
hand-coded frame sample (folds by article). The test splits are held back and scored outside the project.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))


def _block(title: str) -> float:
    print(f"\n== {title}", flush=True)
    return time.perf_counter()


def attribution_dev(shared: Path) -> None:
    """Quote spans, named speakers and vague speakers on PolNeAR attribution dev (never trained on)."""
    import json

    from climadiplo.analyse.evaluate import attribution_metrics, polnear_to_attribution

    path = shared / "polnear" / "attribution-dev.jsonl"
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [polnear_to_attribution(record) for record in lines]
    print(f"{path} ({len(records)} articles), as `climadiplo evaluate --attribution` prints it:")
    cache: dict[str, list] = {}
    predict = _cached_quotes(cache)
    figures = attribution_metrics(records, predict=predict)
    print(figures.to_string(index=False))
    hand, left_out = with_pronoun_antecedents(records, PRONOUN_ANTECEDENTS)
    checked = attribution_metrics(hand, predict=predict).set_index("metric")
    figures = figures.set_index("metric")
    print(
        f"pronoun-sourced quotes against the hand-checked antecedents ({PRONOUN_ANTECEDENTS.relative_to(ROOT)}; "
        f"{left_out} unnamed or unclear left out), same matching rule:"
    )
    for metric in ("pronoun_resolved_accuracy", "named_speaker_accuracy"):
        before, after = figures.loc[metric], checked.loc[metric]
        print(
            f"  {metric}: converter gold {before['value']:.3f} (n={before['n']}) -> "
            f"hand-checked {after['value']:.3f} (n={after['n']})"
        )


PRONOUN_ANTECEDENTS = ROOT / "data" / "annotations" / "speakers-dev" / "pronoun-antecedents.csv"


def _cached_quotes(cache: dict[str, list]):
    """``quotes_in_text`` run once per article text, so two scorings of the same articles share one prediction."""
    from climadiplo.annotate.quotes import quotes_in_text

    def predict(text: str) -> list:
        if text not in cache:
            cache[text] = quotes_in_text(text)
        return cache[text]

    return predict


def with_pronoun_antecedents(records: list[dict], path: Path) -> tuple[list[dict], int]:
    """The attribution records with each pronoun-sourced quote's gold speaker replaced by the hand-checked antecedent
    (an empty speaker, so left out of named-speaker accuracy, when it is unnamed or unclear), and how many were."""
    import copy
    import csv

    from climadiplo.analyse.evaluate import is_pronoun

    with path.open(encoding="utf-8", newline="") as handle:
        rows = {(row["doc_id"], int(row["start"]), int(row["end"])): row for row in csv.DictReader(handle)}
    records = copy.deepcopy(records)
    left_out = 0
    for record in records:
        for quote in record["quotes"]:
            if not is_pronoun(quote.get("as_written")):
                continue
            row = rows.pop((record["doc_id"], quote["start"], quote["end"]), None)
            if row is None:
                raise SystemExit(f"{path}: no antecedent for {record['doc_id']} {quote['start']}-{quote['end']}")
            vague = row["antecedent"].startswith(("unnamed:", "unclear"))
            left_out += vague
            quote["speaker"] = "" if vague else row["antecedent"]
    if rows:
        raise SystemExit(f"{path}: {len(rows)} rows match no pronoun-sourced quote, e.g. {next(iter(rows))}")
    return records, left_out


def speakers_cv(shared: Path) -> None:
    """The speaker ranker's 5-fold cross-validated top-1 accuracy on PolNeAR attribution train."""
    import train_speakers

    with tempfile.TemporaryDirectory() as folder:
        train_speakers.main([str(shared), "--cv", "--out", str(Path(folder) / "speakers.json")])


def frames_cv(shared: Path) -> None:
    """Frame classifier figures: cross-validated on the hand-coded PolNeAR sample, leave-one-article-out on seeds."""
    import train_frames

    with contextlib.redirect_stderr(io.StringIO()):
        _, figures = train_frames.train(shared)
    for key, value in sorted(figures.items()):
        print(f"{key}\t{value}")


def frame_articles(shared: Path) -> None:
    """Article frame shares against the 100 blind-coded PolNeAR articles (outside every training sheet), both methods."""
    from climadiplo.analyse.evaluate import frame_article_metrics, load_frame_articles
    from climadiplo.pipeline import build_tables
    from climadiplo.read.corpus import load_corpus

    codes = load_frame_articles(ROOT / "data" / "annotations" / "frames-dev" / "articles.csv")
    wanted = set(codes["doc_id"])
    documents = [document for document in load_corpus(shared / "polnear" / "corpus.jsonl") if document.doc_id in wanted]
    for method in ("classifier", "lexicon"):
        tables = build_tables(documents, frames_method=method)
        print(
            frame_article_metrics(tables["documents"], codes, task=f"frames_articles_{method}").to_string(index=False)
        )


def tone_cv(shared: Path) -> None:
    """Sentence and target tone, 5-fold cross-validated on NewsMTSC train (folds by article), and the seeds."""
    import train_tone

    with contextlib.redirect_stderr(io.StringIO()):
        train_tone.train(shared, report=True)


def checkworthy_cv(shared: Path) -> None:
    """Check-worthiness ranker, leave-one-debate-out on CLEF-2019 train."""
    import train_checkworthy

    train_checkworthy.train(shared, report=True)


BLOCKS = (
    ("quotes and speakers: PolNeAR attribution dev", attribution_dev),
    ("speaker ranker: PolNeAR attribution train, 5-fold CV by article", speakers_cv),
    ("frames: hand-coded PolNeAR sample (CV by article) and seeds (leave one article out)", frames_cv),
    ("frames by article: 100 blind-coded PolNeAR articles outside the training sheets (development)", frame_articles),
    ("tone: NewsMTSC train, 5-fold CV by article; seeds", tone_cv),
    ("check-worthiness: CLEF-2019 train, leave one debate out", checkworthy_cv),
)


def main(argv: list[str] | None = None) -> int:
    """Print every block whose data is there."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", type=Path, default=ROOT.parent / "shared" / "dev")
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        print(f"evaluate_dev: {args.shared}: no shared development data here; only the seed figures apply")
        return 0
    for title, block in BLOCKS:
        started = _block(title)
        block(args.shared)
        print(f"({time.perf_counter() - started:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
