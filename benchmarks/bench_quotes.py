"""Speed of the quote stage alone (marks, cues, speakers, reported speech), words per second on one core.

Run: ``.venv/bin/python benchmarks/bench_quotes.py [--copies N]``. Mentions and sentences are computed
first and not timed, so the figure is the quote stage's own cost.
"""

from __future__ import annotations

import argparse
import time

from climadiplo.annotate.actors import find_mentions, load_gazetteer
from climadiplo.annotate.quotes import extract_quotes
from climadiplo.read.clean import clean_text
from climadiplo.read.corpus import load_corpus
from climadiplo.read.segment import split_sentences
from climadiplo.resources import data_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100)
    args = parser.parse_args()
    documents = load_corpus() + load_corpus(data_path("annotations", "invented-news", "articles.jsonl"))
    prepared = []
    for document in documents:
        cleaned = clean_text(document.raw_text)
        spans = [(s.start, s.end) for s in split_sentences(cleaned.text, cleaned.paragraphs)]
        prepared.append((cleaned.text, spans, find_mentions(cleaned.text)))
    gazetteer = load_gazetteer()
    words = sum(len(text.split()) for text, _, _ in prepared) * args.copies
    seconds = float("inf")
    for _ in range(3):  # best of three: the least disturbed run
        started = time.perf_counter()
        count = 0
        for _ in range(args.copies):
            for text, spans, mentions in prepared:
                count += len(extract_quotes(text, spans, mentions, gazetteer))
        seconds = min(seconds, time.perf_counter() - started)
    print(f"quote stage: {words:,} words, {count:,} quotes in {seconds:.2f} s = {words / seconds:,.0f} words/s")


if __name__ == "__main__":
    main()
