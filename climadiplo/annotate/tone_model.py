"""Learned tone: of a sentence, and towards one mention in it (target-dependent), as shipped linear models.

Both models are multinomial logistic regressions (negative / neutral / positive) over word uni- and
bigrams and lexicon features, trained by ``training/train_tone.py`` on NewsMTSC (Hamborg & Donnay,
EACL 2021; MIT) and the seed gold; see ``annotate/models/README.md``. The lexicon is VADER's with the
domain lexicon (``data/lexicons/sentiment.csv``) over it; capitalised words after the first are names
and are masked before it looks (``Security Council``, ``United Nations``), and a negation reaches only
to the next clause punctuation (``does not decompose, straining …``), and words after "but" weigh
double those before it, as in VADER. VADER's own compound is not a feature: its word loop would cost
more than both models (and it adds 0.01 macro-F1 in cross-validation). The score is P(positive) − P(negative) in [-1, 1]; the label is neutral when
P(neutral) is within the model's neutral band of the larger of the other two (the band is chosen by
cross-validation on the training data, not guessed).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import numpy as np

from climadiplo.annotate.linear_model import Features, load_model
from climadiplo.resources import read_rows

SENTENCE_MODEL = "tone_sentence"
TARGET_MODEL = "tone_target"
_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*|\d+(?:[.,]\d+)*|[^\sA-Za-z\d]")
_CLAUSE = frozenset(",;:.!?()—–")
_NEGATORS = frozenset(
    "not no never none nobody nothing neither nor without cannot lack lacks lacked hardly barely".split()
)
NEGATION_SCALAR = -0.74  # VADER's
WINDOW = 4  # words either side of a target read as its context


@cache
def tone_lexicon() -> tuple[dict[str, float], dict[tuple[str, ...], float]]:
    """Single-word and phrase valences: VADER's lexicon, overridden and extended by the domain lexicon."""
    from climadiplo.annotate.sentiment import plain_vader

    words = {word: float(value) for word, value in plain_vader().lexicon.items() if word.isalpha()}
    phrases: dict[tuple[str, ...], float] = {}
    for row in read_rows("lexicons", "sentiment.csv"):
        parts = tuple(_TOKEN.findall(row["term"].lower()))
        if len(parts) == 1:
            words[parts[0]] = float(row["valence"])
        elif parts:
            phrases[parts] = float(row["valence"])
    return words, phrases


@cache
def _phrase_starts() -> frozenset[str]:
    return frozenset(phrase[0] for phrase in tone_lexicon()[1])


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Word, number and punctuation tokens with their character offsets."""
    text = text.replace("’", "'")
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _words(text: str) -> list[str]:
    return _TOKEN.findall(text.replace("’", "'"))


def valences(tokens: Sequence[str], lowered: Sequence[str] | None = None) -> list[float]:
    """Each token's lexicon valence, names masked, negated up to the next clause mark, weakened before 'but'."""
    words, phrases = tone_lexicon()
    starts = _phrase_starts()
    if lowered is None:
        lowered = [token.lower() for token in tokens]
    out = [0.0] * len(tokens)
    negated = False
    skip = 0
    for index, low in enumerate(lowered):
        if skip:
            skip -= 1
            continue
        if low in _CLAUSE:
            negated = False
            continue
        if low in _NEGATORS or low.endswith("n't"):
            negated = True
            continue
        if low == "but":  # VADER's rule: what comes after "but" outweighs what came before
            out[:index] = [value * 0.5 for value in out[:index]]
            continue
        value = None
        if low in starts:  # phrases first, capitalised or not ("Security Council" is a phrase of 0)
            for size in (3, 2):
                phrase = tuple(lowered[index : index + size])
                if len(phrase) == size and phrase in phrases:
                    value, skip = phrases[phrase], size - 1
                    break
        if value is None:
            value = words.get(low)
            if value is None or (index > 0 and tokens[index][:1].isupper()):
                continue
        if value and negated:
            value *= NEGATION_SCALAR
        out[index] = value
    return out


def _tally(prefix: str, values: Sequence[float], features: Features) -> None:
    positive = sum(v for v in values if v > 0)
    negative = -sum(v for v in values if v < 0)
    features[prefix + "pos"] = math.log1p(positive)
    features[prefix + "neg"] = math.log1p(negative)
    features[prefix + "net"] = (positive - negative) / (positive + negative + 1.0)


def _ngrams(lowered: Sequence[str], features: Features) -> None:
    grams = set(lowered) | {a + " " + b for a, b in pairwise(lowered)}
    if grams:
        weight = 1.0 / math.sqrt(len(grams))
        for gram in grams:
            features[gram] = weight


def sentence_features(text: str) -> Features:
    """Features of a whole sentence: its n-grams and lexicon tallies."""
    return _analyse(text).features


@dataclass(frozen=True)
class _Analysed:
    """A sentence read once for all its targets: tokens, offsets, valences and sentence-wide features."""

    tokens: list[str]
    starts: list[int]  # token offsets, increasing: tokens are non-empty and do not overlap
    ends: list[int]
    lowered: list[str]
    values: list[float]
    features: Features


def _analyse(text: str) -> _Analysed:
    matches = list(_TOKEN.finditer(text.replace("’", "'")))  # as tokenize(), without the tuples
    tokens = [m.group() for m in matches]
    lowered = [token.lower() for token in tokens]
    values = valences(tokens, lowered)
    features: Features = {}
    _ngrams(lowered, features)
    _tally("_lex_", values, features)
    return _Analysed(tokens, [m.start() for m in matches], [m.end() for m in matches], lowered, values, features)


def target_features(text: str, start: int, end: int, analysed: _Analysed | None = None) -> Features:
    """Features of the tone towards the target at [start, end) of a sentence: the sentence's, and its context's."""
    sentence = analysed or _analyse(text)
    return {**sentence.features, **_context_features(sentence, start, end)}


def _context_features(sentence: _Analysed, start: int, end: int) -> Features:
    """The target's own features: the words either side, its clause's and window's lexicon tallies, position."""
    tokens, lowered, values = sentence.tokens, sentence.lowered, sentence.values
    features: Features = {}
    # The tokens overlapping [start, end): from the first ending after start to the last starting before end.
    first, last = bisect_right(sentence.ends, start), bisect_left(sentence.starts, end)
    if first >= last:
        return features
    for word in lowered[max(0, first - WINDOW) : first]:
        features["L:" + word] = 0.5
    for word in lowered[last : last + WINDOW]:
        features["R:" + word] = 0.5
    features["<T " + (lowered[first - 1] if first else "^")] = 1.0
    features["T> " + (lowered[last] if last < len(lowered) else "$")] = 1.0
    _tally("_win_", values[max(0, first - WINDOW - 1) : last + WINDOW + 1], features)
    # The target's clause: between the clause marks around it.
    lo = first
    while lo > 0 and tokens[lo - 1] not in _CLAUSE:
        lo -= 1
    hi = last
    while hi < len(tokens) and tokens[hi] not in _CLAUSE:
        hi += 1
    _tally("_clause_", values[lo:hi], features)
    features["_t_first"] = 1.0 if first == 0 else 0.0
    features["_t_position"] = first / max(len(tokens), 1)
    return features


def label(probabilities: np.ndarray, band: float) -> np.ndarray:
    """-1, 0 or 1 per row of (negative, neutral, positive) probabilities and a neutral band."""
    negative, neutral, positive = probabilities[:, 0], probabilities[:, 1], probabilities[:, 2]
    polar = np.where(positive > negative, 1, -1)
    return np.where(neutral + band >= np.maximum(negative, positive), 0, polar)


def _tones(model, probabilities: np.ndarray) -> list[tuple[float, int]]:
    scores = probabilities[:, 2] - probabilities[:, 0]
    labels = label(probabilities, model.threshold)
    return [(round(float(s), 4), int(y)) for s, y in zip(scores, labels, strict=True)]


# The sentences of the document scored last, read once for its sentence tones and its mentions' tones.
_last_document: dict[str, _Analysed] = {}


def sentence_tones(texts: Sequence[str]) -> list[tuple[float, int]]:
    """(score in [-1, 1], label in {-1, 0, 1}) per sentence of a document, scored together."""
    model = load_model(SENTENCE_MODEL)
    analysed = {text: _analyse(text) for text in texts}
    _last_document.clear()
    _last_document.update(analysed)
    return _tones(model, model.predict_proba([analysed[text].features for text in texts]))


def target_tones(items: Sequence[tuple[str, int, int]]) -> list[tuple[float, int]]:
    """(score, label) of the tone towards each (sentence text, start, end) target.

    The model is linear, so a target's score is its sentence's part (computed once per sentence) plus
    its own context's part: the same sum as over all its features, without repeating the sentence's.
    """
    model = load_model(TARGET_MODEL)
    if not items:
        return []
    analysed: dict[str, int] = {}
    sentences: list[_Analysed] = []
    for text, _, _ in items:
        if text not in analysed:
            analysed[text] = len(sentences)
            sentences.append(_last_document.get(text) or _analyse(text))
    base = model.logits([sentence.features for sentence in sentences]) - model.intercept
    context = model.logits([_context_features(sentences[analysed[text]], start, end) for text, start, end in items])
    logits = base[[analysed[text] for text, _, _ in items]] + context
    return _tones(model, model.probabilities(logits))
