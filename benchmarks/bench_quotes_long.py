"""Quote attribution on long, hostile text: 1 MB of quote-dense text without full stops, and non-Latin text.

Run: ``.venv/bin/python benchmarks/bench_quotes_long.py [--mb 1]``. Before the bound on how far a cue
or speaker is looked for (issue 15), a 200 KB sentence full of quotes took minutes (quadratic); the
stage is now linear, so the time per MB is about the same at any size.
"""

from __future__ import annotations

import argparse
import time

from climadiplo.annotate.quotes import quotes_in_text


def quote_dense(size: int) -> str:
    """English-like text with a quotation every few words and no full stop at all."""
    pieces, n = [], 0
    while sum(map(len, pieces)) < size:
        pieces.append(
            f"Senator Ana Silva{n} said “we will vote {n} times” and officials told reporters “never again {n}”, "
        )
        n += 1
    return "".join(pieces)


def arabic(size: int) -> str:
    """Arabic news-like text with quotations and no sentence break the segmenter knows."""
    unit = "وقال الوزير أحمد خالد «إن المفاوضات مستمرة» وأضاف المتحدث باسم الحكومة «لن نتراجع» ثم "
    return unit * (size // len(unit) + 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0)
    args = parser.parse_args()
    size = int(args.mb * 1_000_000)
    for name, text in (("quote-dense, no full stops", quote_dense(size)), ("Arabic, no sentence breaks", arabic(size))):
        text = text[:size]
        started = time.perf_counter()
        found = quotes_in_text(text)
        seconds = time.perf_counter() - started
        words = len(text.split())
        print(
            f"{name}: {len(text) / 1e6:.2f} MB, {words:,} words, {len(found):,} quotes in {seconds:.2f} s"
            f" = {words / seconds:,.0f} words/s (mentions and sentences included)"
        )


if __name__ == "__main__":
    main()
