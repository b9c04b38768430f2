"""Learned check-worthiness: a logistic regression over word n-grams and the claim rules' features.

Trained by ``training/train_checkworthy.py`` on CLEF-2019 CheckThat! task 1 (Atanasova et al.; US
debate and speech transcripts, "free for general research use"); see ``annotate/models/README.md``.
Classes are weighted equally in training, so the score is the probability of a check-worthy claim
under equal priors. The threshold is chosen on debate-grouped cross-validation: the best out-of-fold
F1 once check-worthy lines are re-weighted to 10% of all (CLEF marks 2.7%; news and
ClaimBuster-style sets more, the seed gold 22%; see ``training/train_checkworthy.py``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from itertools import pairwise

import numpy as np

from climadiplo.annotate.linear_model import Features, load_model

MODEL = "checkworthy"
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)*|\d+(?:[.,]\d+)*|[$%€£]|[^\sa-z\d]")
_DIGIT = re.compile(r"\d")


def features(sentence: str, rules: Features) -> Features:
    """The n-grams of a sentence (numbers collapsed to a shape) and the rule features given."""
    tokens = [
        ("<num>" if token[0].isdigit() else token) for token in _TOKEN.findall(sentence.replace("’", "'").lower())
    ]
    grams = set(tokens) | {a + " " + b for a, b in pairwise(tokens)}
    out: Features = {}
    if grams:
        weight = 1.0 / math.sqrt(len(grams))
        out = dict.fromkeys(grams, weight)
    out["_words"] = min(len(sentence.split()), 40) / 40
    out["_digit"] = 1.0 if _DIGIT.search(sentence) else 0.0
    out.update(rules)
    return out


def scores(rows: Sequence[Features]) -> np.ndarray:
    """Probability of a check-worthy claim per feature row, in one matrix product."""
    return load_model(MODEL).predict_proba(rows)[:, 1]


def threshold() -> float:
    """The score from which a sentence is called check-worthy."""
    return load_model(MODEL).threshold
