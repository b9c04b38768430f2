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
from functools import cache
from itertools import chain, pairwise, repeat

import numpy as np

from climadiplo.annotate.linear_model import Features, load_model
from climadiplo.annotate.tokens import SentenceTokens

MODEL = "checkworthy"
# Words, numbers, any other mark ($ % € £ among them). Possessive: nothing follows a repeat, so the tokens are those
# of the plain pattern, found without saving states to backtrack to.
_TOKEN = re.compile(r"[a-z]++(?:'[a-z]++)*+|\d++(?:[.,]\d++)*+|[^\sa-z\d]")
_DIGIT = re.compile(r"\d")


def _tokens(sentence: str) -> tuple[list[str], bool]:
    """A sentence's word tokens, lower-cased, numbers collapsed to ``<num>``; and whether it has a digit 0-9."""
    lowered = sentence.replace("’", "'").lower()
    return _numbers(_TOKEN.findall(lowered), lowered)


def _numbers(tokens: list[str], lowered: str) -> tuple[list[str], bool]:
    """The tokens of a lower-cased text with numbers collapsed to ``<num>``; and whether it has a digit."""
    digit = _DIGIT.search(lowered) is not None
    # (a digit other than 0-9, such as ², is not ASCII)
    if digit or not lowered.isascii():
        tokens = [("<num>" if token[0].isdigit() else token) for token in tokens]
    return tokens, digit


def _grams(sentence: str) -> dict[str, None]:
    """A sentence's distinct word uni- and bigrams, in the order they occur (not a set: see ``sentence_scores``)."""
    tokens = _tokens(sentence)[0]
    return dict.fromkeys(chain(tokens, [a + " " + b for a, b in pairwise(tokens)]))


def features(sentence: str, rules: Features) -> Features:
    """The n-grams of a sentence (numbers collapsed to a shape) and the rule features given."""
    grams = _grams(sentence)
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


def sentence_scores(
    sentences: Sequence[str], rules: Sequence[Features], read: SentenceTokens | None = None
) -> np.ndarray:
    """``scores`` of ``features(sentence, rules)`` for each pair, without building the feature rows.

    The n-gram features share one value (1/sqrt(number of n-grams)), so their part of the logit is one
    sum of weights times that value. ``read``: the sentences' tokens (``tokens.sentence_tokens``), if read already.
    """
    if not sentences:
        return np.zeros(0)
    get = _weights().get
    words_weight, digit_weight = get("_words", 0.0), get("_digit", 0.0)
    logits = np.empty(len(sentences))
    for index, (sentence, rule) in enumerate(zip(sentences, rules, strict=True)):
        folded = None if read is None else read.folded[index]
        # The shared tokens of the lower-cased text are this model's own; where lower-casing changes another
        # character than A-Z there are none (folded None), and the sentence is read again.
        tokens, digit = _tokens(sentence) if folded is None else _numbers(folded, read.texts[index])
        # Bigrams as pairs of tokens (no string to build); tokens hold no space, so no pair equals a unigram.
        # Distinct, in the order they occur: a set's order follows the string hashes, and with it the sum's last bits.
        unigrams, bigrams = dict.fromkeys(tokens), dict.fromkeys(pairwise(tokens))
        count = len(unigrams) + len(bigrams)
        total = 0.0
        if count:
            total = (sum(map(get, unigrams, repeat(0.0))) + sum(map(get, bigrams, repeat(0.0)))) / math.sqrt(count)
        total += words_weight * (min(len(sentence.split()), 40) / 40)
        if digit:
            total += digit_weight
        for name, value in rule.items():
            total += get(name, 0.0) * value
        logits[index] = total
    model = load_model(MODEL)
    return model.probabilities((logits + model.intercept[0])[:, None])[:, 1]


@cache
def _weights() -> dict[str | tuple[str, ...], float]:
    """The binary model's weight per feature name (a bigram's name as its pair of tokens)."""
    model = load_model(MODEL)
    weights = model.coef[0][list(model.vocabulary.values())].tolist()
    return {
        (tuple(name.split(" ")) if " " in name else name): weight
        for name, weight in zip(model.vocabulary, weights, strict=True)
    }


def threshold() -> float:
    """The score from which a sentence is called check-worthy."""
    return load_model(MODEL).threshold
