"""Words per second of the frame stage on one core: the lexicon alone, and the learned model (lexicon included).

Run: ``.venv/bin/python benchmarks/bench_frames.py [--corpus PATH] [--max-docs N]``. Default corpus: the PolNeAR
development corpus in ``../shared/dev`` when it is there (real election news), else the seed articles x 200.
Prints figures; nothing is asserted (speed is reported, not unit-tested).
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

from climadiplo.annotate.frame_model import load_model, predict_scored
from climadiplo.annotate.frames import load_lexicon, score_document
from climadiplo.pipeline import read_article
from climadiplo.read.corpus import load_corpus

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "dev" / "polnear" / "corpus.jsonl"
REPEATS = 3


def best_of(function, repeats: int = REPEATS) -> float:
    """Best CPU time of `repeats` runs (the least disturbed one; CPU time, as the shared machine has other load)."""
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        function()
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    """Segment the corpus once, then time the frame stage by method."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(POLNEAR) if POLNEAR.is_file() else None)
    parser.add_argument("--max-docs", type=int, default=300)
    args = parser.parse_args()
    if args.corpus:
        documents = load_corpus(args.corpus)[: args.max_docs]
        name = args.corpus
    else:
        documents = [replace(d, doc_id=f"{d.doc_id}-{n}") for n in range(200) for d in load_corpus()]
        name = "seed articles x 200"
    docs = []
    for document in documents:
        sentences = read_article(document).sentences
        docs.append((document.doc_id, [s.text for s in sentences], [s.paragraph for s in sentences]))
    words = sum(len(text.split()) for _, texts, _ in docs for text in texts)
    print(f"corpus: {name}, {len(docs)} documents, {words:,} words")
    load_lexicon()
    load_model()
    lexicon = best_of(lambda: [score_document(texts, paragraphs) for _, texts, paragraphs in docs])

    def classifier() -> None:
        for doc_id, texts, paragraphs in docs:
            predict_scored(doc_id, texts, paragraphs, score_document(texts, paragraphs))

    learned = best_of(classifier)
    print(f"{'frames method (best of 3)':<28}{'seconds':>10}{'words/s':>14}")
    for method, seconds in (("lexicon", lexicon), ("classifier (with lexicon)", learned)):
        print(f"{method:<28}{seconds:>10.2f}{words / seconds:>14,.0f}")


if __name__ == "__main__":
    main()
