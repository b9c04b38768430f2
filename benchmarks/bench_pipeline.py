"""Measure speed (words per second, one core) and peak memory of each stage on a scaled-up seed corpus.

Run: ``make benchmark`` or ``.venv/bin/python benchmarks/bench_pipeline.py [--copies N] [--big-mb M]``.
Prints a table of figures; nothing here is asserted (speed is reported, not unit-tested).
"""

from __future__ import annotations

import argparse
import resource
import time
from dataclasses import replace

from climadiplo.annotate.actors import find_mentions, load_gazetteer, sentence_index
from climadiplo.annotate.claims import annotate_claims
from climadiplo.annotate.events import find_events, parse_reference
from climadiplo.annotate.frames import score_document
from climadiplo.annotate.quotes import extract_quotes
from climadiplo.annotate.sentiment import domain_score, mention_tones, sentence_tones
from climadiplo.pipeline import annotate_document, build_tables
from climadiplo.read.clean import clean_text
from climadiplo.read.corpus import load_corpus
from climadiplo.read.segment import split_sentences

REPEATS = 3


def timed(function, *args, repeats: int = REPEATS):
    """Run function(*args) `repeats` times; return (result, best seconds). The best run is the least disturbed."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - started)
    return result, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=200, help="copies of each seed article (default 200)")
    parser.add_argument("--big-mb", type=float, default=20.0, help="size of the single large document (MB)")
    args = parser.parse_args()

    seeds = load_corpus()
    corpus = [replace(doc, doc_id=f"{doc.doc_id}-{n}") for n in range(args.copies) for doc in seeds]
    cleaned = [clean_text(doc.raw_text) for doc in corpus]
    words = sum(len(c.text.split()) for c in cleaned)
    print(f"corpus: {len(corpus)} documents, {words:,} words (seed articles x {args.copies})")

    rows = []
    _, seconds = timed(lambda: [clean_text(doc.raw_text) for doc in corpus])
    rows.append(("clean", seconds))
    _, seconds = timed(lambda: [split_sentences(c.text, c.paragraphs) for c in cleaned])
    rows.append(("segment", seconds))
    _, seconds = timed(lambda: [annotate_document(doc) for doc in corpus])
    rows.append(("annotate (all stages)", seconds))
    _, seconds = timed(build_tables, corpus)
    rows.append(("build_tables", seconds))
    segmented = [(c, split_sentences(c.text, c.paragraphs)) for c in cleaned]
    mentions = [find_mentions(c.text) for c in cleaned]
    gazetteer = load_gazetteer()
    reference = parse_reference("2023-06-20")
    mention_targets = []
    for (_, ss), found in zip(segmented, mentions, strict=True):
        starts = [s.start for s in ss]
        indices = [sentence_index(starts, m.start) for m in found]
        mention_targets.append(
            [(i, m.start - ss[i].start, m.end - ss[i].start) for i, m in zip(indices, found, strict=True)]
        )
    stages = {
        "  actors": lambda: [find_mentions(c.text, gazetteer) for c in cleaned],
        "  claims": lambda: [annotate_claims([s.text for s in ss], [False] * len(ss)) for _, ss in segmented],
        "  sentiment (lexicon)": lambda: [domain_score(s.text) for _, ss in segmented for s in ss],
        "  sentiment (model)": lambda: [sentence_tones([s.text for s in ss]) for _, ss in segmented],
        "  mention tone": lambda: [
            mention_tones([s.text for s in ss], targets)
            for (_, ss), targets in zip(segmented, mention_targets, strict=True)
        ],
        "  events": lambda: [find_events(s.text, s.start, reference, []) for _, ss in segmented for s in ss],
        "  quotes": lambda: [
            extract_quotes(c.text, [(s.start, s.end) for s in ss], m, gazetteer)
            for (c, ss), m in zip(segmented, mentions, strict=True)
        ],
        "  frames": lambda: [score_document([s.text for s in ss], [s.paragraph for s in ss]) for _, ss in segmented],
    }
    for stage, function in stages.items():
        _, seconds = timed(function)
        rows.insert(len(rows) - 2, (stage, seconds))
    print(f"{'stage (best of 3)':<24}{'seconds':>10}{'words/s':>14}")
    for stage, seconds in rows:
        print(f"{stage:<24}{seconds:>10.2f}{words / seconds:>14,.0f}")

    paragraph = seeds[1].raw_text.split("\n\n")[4] + "\n\n"
    big_text = paragraph * int(args.big_mb * 1_000_000 / len(paragraph.encode()))
    big = replace(seeds[1], doc_id="big", raw_text=big_text)
    big_words = len(big_text.split())
    _, seconds = timed(annotate_document, big, repeats=1)
    print(f"one {len(big_text.encode()) / 1e6:.1f} MB document ({big_words:,} words): {seconds:.1f} s")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
