"""Cooperation, competition and conflict framing of sentences: a transparent lexicon with traceable cues."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from climadiplo.read.segment import ends_with_question
from climadiplo.resources import read_rows

FRAMES = ("cooperation", "competition", "conflict")
LABEL_THRESHOLD = 1.0  # one full-weight cue, or two weaker ones
# The codebook codes cooperation "whether it succeeds or fails": "no joint agreement" is still a
# cooperation frame. A negated cue therefore keeps its weight; it is marked "~" in the cues.
NEGATION_FACTOR = 1.0
CONTRAST_FACTORS = (0.8, 1.2)  # before / after "but", "however": the stressed clause counts more
_NEGATOR = re.compile(
    r"\b(?:not(?!\s+(?:only|just|merely))|no|never|without|nor|lack of|n't|neither)\b\W+(?:\w+\W+){0,2}$", re.IGNORECASE
)
_CONTRAST = re.compile(r"(?:^|[,;—–]\s*|\s)(?:but|however|yet|although|though|whereas|still)\b", re.IGNORECASE)


@dataclass(frozen=True)
class FrameScore:
    """Per-frame scores, labels and the cue words behind them ("frame:term", "~" marks a negated cue)."""

    scores: dict[str, float]
    labels: dict[str, bool]
    cues: tuple[str, ...]


def _term_pattern(term: str) -> str:
    parts = []
    for token in term.split():
        if token == "*":
            parts.append(r"[\w'’-]+")
        else:
            escaped = re.escape(token.rstrip("*"))
            parts.append(escaped + (r"[\w-]*" if token.endswith("*") else ""))
    return r"\s+".join(parts)


@dataclass(frozen=True)
class FrameLexicon:
    """A compiled frame lexicon: each term's frames and weights, and the terms indexed by their first word."""

    terms: dict[str, list[tuple[str, float]]]
    by_first_word: dict[str, tuple[tuple[int, str, re.Pattern[str]], ...]]
    by_stem: dict[str, tuple[tuple[int, str, re.Pattern[str]], ...]]
    stem_lengths: tuple[int, ...]
    memo: dict[str, tuple] = field(default_factory=dict, compare=False, repr=False)

    def candidates(self, word: str) -> tuple[tuple[int, str, re.Pattern[str]], ...]:
        """Terms that can start at a word (exact first word or a wildcard stem), longest first."""
        cached = self.memo.get(word)
        if cached is None:
            found = list(self.by_first_word.get(word, ()))
            for length in self.stem_lengths:
                if length <= len(word):
                    found.extend(self.by_stem.get(word[:length], ()))
            cached = self.memo[word] = tuple(sorted(found))
        return cached

    def without(self, frame: str, term: str) -> FrameLexicon:
        """The same lexicon without one term of one frame (for drop-one-term sensitivity)."""
        entries = {(f, t): w for t, items in self.terms.items() for f, w in items if not (f == frame and t == term)}
        return compile_lexicon(tuple(sorted((f, t, w) for (f, t), w in entries.items())))


def compile_lexicon(entries: tuple[tuple[str, str, float], ...]) -> FrameLexicon:
    """Compile (frame, term, weight) entries into a first-word index of case-insensitive patterns, longest first."""
    terms: dict[str, list[tuple[str, float]]] = {}
    for frame, term, weight in entries:
        if frame not in FRAMES:
            raise ValueError(f"frame '{frame}' is not one of {', '.join(FRAMES)}")
        terms.setdefault(term.lower(), []).append((frame, float(weight)))
    ordered = sorted(terms, key=lambda t: (-len(t.replace("*", "")), t))
    # One big alternation would be tried at every character; indexing terms by their first word lets
    # each word try only its few candidates, longest first.
    by_first_word: dict[str, list] = {}
    by_stem: dict[str, list] = {}
    for rank, term in enumerate(ordered):
        compiled = re.compile(_term_pattern(term) + r"(?![\w-])", re.IGNORECASE)
        first = term.split()[0]
        if first.endswith("*"):
            by_stem.setdefault(first.rstrip("*"), []).append((rank, term, compiled))
        else:
            by_first_word.setdefault(first, []).append((rank, term, compiled))
    return FrameLexicon(
        terms,
        {word: tuple(items) for word, items in by_first_word.items()},
        {stem: tuple(items) for stem, items in by_stem.items()},
        tuple(sorted({len(stem) for stem in by_stem})),
    )


@cache
def load_lexicon() -> FrameLexicon:
    """The frame lexicon shipped in data/lexicons/frames.csv."""
    rows = read_rows("lexicons", "frames.csv")
    return compile_lexicon(tuple((row["frame"], row["term"], float(row["weight"])) for row in rows))


_WORD_START = re.compile(r"(?<![\w-])\w[\w-]*")


def cue_matches(text: str, lexicon: FrameLexicon) -> list[tuple[re.Match[str], str]]:
    """Non-overlapping lexicon matches in text order, longest term first at each word."""
    found = []
    position = 0
    for word in _WORD_START.finditer(text):
        if word.start() < position:
            continue
        for _, term, compiled in lexicon.candidates(word.group().lower()):
            match = compiled.match(text, word.start())
            if match:
                found.append((match, term))
                position = match.end()
                break
    return found


def score_sentence(text: str, lexicon: FrameLexicon | None = None) -> FrameScore:
    """Score one sentence for each frame from its cue words, with negation and contrast handling."""
    lexicon = lexicon or load_lexicon()
    scores = dict.fromkeys(FRAMES, 0.0)
    cues: list[str] = []
    contrast = _CONTRAST.search(text)
    for match, term in cue_matches(text, lexicon):
        factor = 1.0
        negated = bool(_NEGATOR.search(text[max(0, match.start() - 40) : match.start()]))
        if negated:
            factor *= NEGATION_FACTOR
        if contrast and contrast.end() < len(text) - 1:
            factor *= CONTRAST_FACTORS[0] if match.start() < contrast.start() else CONTRAST_FACTORS[1]
        for frame, weight in lexicon.terms[term]:
            scores[frame] += weight * factor
            cues.append(f"{frame}:{'~' if negated else ''}{match.group().lower()}")
    scores = {frame: round(value, 3) for frame, value in scores.items()}
    labels = {frame: scores[frame] >= LABEL_THRESHOLD for frame in FRAMES}
    return FrameScore(scores, labels, tuple(cues))


CONTINUATION_MAX_WORDS = 10


def score_document(texts: list[str], paragraphs: list[int], lexicon: FrameLexicon | None = None) -> list[FrameScore]:
    """Score a document's sentences in order; a short statement too weak to label continues its predecessor's frames."""
    scored = [score_sentence(text, lexicon) for text in texts]
    for index in range(1, len(scored)):
        text, current = texts[index], scored[index]
        elliptical = (
            not any(current.labels.values())
            and len(text.split()) <= CONTINUATION_MAX_WORDS
            and not ends_with_question(text)
            and paragraphs[index] == paragraphs[index - 1]
        )
        if elliptical and any(scored[index - 1].labels.values()):
            # "Closer is better." after "A thaw is in everyone's interest": the frame is carried by context.
            inherited = scored[index - 1]
            scored[index] = FrameScore(
                current.scores, dict(inherited.labels), (*current.cues, "context:previous sentence")
            )
    return scored
