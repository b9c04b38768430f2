"""A seeded generator of invented news prose: US–China climate-diplomacy articles that exercise every stage.

Nothing here is real reporting. The sentences mix statements, direct quotes with their speakers,
reported speech, hedges, questions, dates and cooperation/competition/conflict cues, so that a
corpus of any size can be made (for the benchmark's memory runs and the engines test) without
copying anyone's text. Same seed, same corpus.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

PEOPLE = ["John Kerry", "Xie Zhenhua", "Antony Blinken", "Wang Yi", "Janet Yellen", "Li Qiang", "Joe Biden"]
TITLES = ["the climate envoy", "a senior official", "the foreign minister", "an analyst in Beijing", "a diplomat"]
PLACES = ["China", "the United States", "Beijing", "Washington", "the European Union", "India", "Japan"]
EVENTS = ["the Paris Agreement", "COP28", "the Glasgow talks", "the G20 summit", "the climate summit"]
WHEN = ["on Tuesday", "last week", "in March", "on 14 November", "earlier this year", "in 2021", "next month"]
ACTS = [
    "agreed to cooperate on methane",
    "held talks on coal power",
    "imposed new tariffs on solar panels",
    "competed for lithium supplies",
    "accused the other of blocking a deal",
    "signed a joint statement on emissions",
    "threatened sanctions over rare earths",
    "pledged to work together on clean energy",
    "raced to dominate the market for batteries",
    "resumed a dialogue that had stalled",
]
JUDGEMENTS = [
    "The move was widely seen as a breakthrough.",
    "Critics called the plan a dangerous failure.",
    "The talks ended without a clear result.",
    "Markets welcomed the news with cautious optimism.",
    "The rivalry has deepened a bitter standoff.",
    "Environmental groups praised the progress.",
]
PLANS = ["cut coal use", "join a methane pact", "raise tariffs on batteries", "walk away from the talks", "share data"]
HEDGES = ["may", "could", "is likely to", "appears to", "might"]
VERBS = ["said", "told reporters", "said in a statement", "warned", "added"]
QUOTED = [
    "We will not let politics stand in the way of the planet",
    "This is a serious threat to our industries",
    "Both sides must do more, and do it now",
    "There is real room for cooperation here",
    "Nobody wins a trade war over clean technology",
]
OUTLETS = ["The Daily Ledger", "Northern Courier", "Harbour Times", "The Evening Record"]


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(rng: random.Random) -> str:
    kind = rng.random()
    place, other = rng.sample(PLACES, 2)
    if kind < 0.25:
        return f"{_upper(place)} and {other} {rng.choice(ACTS)} {rng.choice(WHEN)}, {rng.choice(['officials', 'diplomats'])} said."
    if kind < 0.45:
        speaker = rng.choice(PEOPLE)
        return f"“{rng.choice(QUOTED)},” {speaker}, {rng.choice(TITLES)}, {rng.choice(VERBS)}."
    if kind < 0.6:
        return f"{rng.choice(PEOPLE)} said that {place} {rng.choice(HEDGES)} {rng.choice(PLANS)} before {rng.choice(EVENTS)}."
    if kind < 0.7:
        return f"Will {place} keep its promises under {rng.choice(EVENTS)}?"
    if kind < 0.85:
        return rng.choice(JUDGEMENTS)
    share = rng.randint(5, 60)
    return f"Emissions from {place} rose by {share} percent {rng.choice(WHEN)}, according to {rng.choice(TITLES)}."


def article(rng: random.Random, doc_id: str, paragraphs: int) -> dict:
    """One invented article as a climadiplo JSONL record."""
    body = ["\n".join([" ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))]) for _ in range(paragraphs)]
    year, month, day = rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28)
    title = _upper(f"{rng.choice(PLACES)} and {rng.choice(PLACES)} {rng.choice(ACTS)}")
    return {
        "doc_id": doc_id,
        "title": title,
        "outlet": rng.choice(OUTLETS),
        "published": f"{year}-{month:02d}-{day:02d}",
        "text": f"{title}\n\n" + "\n\n".join(body),
    }


def generate(n_documents: int, seed: int = 0, paragraphs: tuple[int, int] = (6, 12)) -> Iterator[dict]:
    """n_documents invented articles, in a shuffled (not doc_id) order, the same for the same seed."""
    rng = random.Random(seed)
    order = list(range(n_documents))
    rng.shuffle(order)
    for number in order:
        yield article(rng, f"invented-{seed}-{number:07d}", rng.randint(*paragraphs))


def write_jsonl(records: Iterator[dict], path: Path) -> Path:
    """Write records one JSON object a line."""
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
