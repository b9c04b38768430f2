"""Tone of sentences and towards mentions: a learned model (default) or VADER with the domain lexicon.

Methods: ``model`` (``annotate/tone_model.py``: logistic regressions trained on NewsMTSC and the seed
gold over n-grams and the VADER and domain lexicons' valences) and ``lexicon`` (VADER with the news-and-diplomacy
lexicon in ``data/lexicons/sentiment.csv``, as before the model). Both give a score in [-1, 1] and a
label in {-1, 0, 1}.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from functools import cache

from vaderSentiment.vaderSentiment import N_SCALAR, NEGATE, SentimentIntensityAnalyzer

from climadiplo.annotate import vader_fast
from climadiplo.annotate.tokens import SentenceTokens
from climadiplo.resources import read_rows

# VADER's own band is ±0.05; on news, one mildly toned word already passes it, so a sentence is only
# called positive or negative when its compound clears a wider band.
NEUTRAL_BAND = 0.1
VADER_NEUTRAL_BAND = 0.05


_NEGATE = frozenset(NEGATE)
_PUNCTUATION = string.punctuation


def _is_negation(word: str) -> bool:
    return word in _NEGATE or "n't" in word


class FastVader(SentimentIntensityAnalyzer):
    """VADER with the same scores, minus the cost of lower-casing the whole sentence per lexicon word."""

    def sentiment_valence(self, valence, sentitext, item, i, sentiments):
        if item.lower() not in self.lexicon:  # VADER only appends the incoming valence for these
            sentiments.append(valence)
            return sentiments
        return super().sentiment_valence(valence, sentitext, item, i, sentiments)

    @staticmethod
    def _negation_check(valence, words_and_emoticons, start_i, i):
        def word(k: int) -> str:
            return str(words_and_emoticons[k]).lower()

        if start_i == 0 and _is_negation(word(i - 1)):
            valence = valence * N_SCALAR
        if start_i == 1:
            if word(i - 2) == "never" and word(i - 1) in ("so", "this"):
                valence = valence * 1.25
            elif word(i - 2) == "without" and word(i - 1) == "doubt":
                pass
            elif _is_negation(word(i - 2)):
                valence = valence * N_SCALAR
        if start_i == 2:
            if (word(i - 3) == "never" and word(i - 2) in ("so", "this")) or word(i - 1) in ("so", "this"):
                valence = valence * 1.25
            elif word(i - 3) == "without" and (word(i - 2) == "doubt" or word(i - 1) == "doubt"):
                pass
            elif _is_negation(word(i - 3)):
                valence = valence * N_SCALAR
        return valence


@cache
def plain_vader() -> SentimentIntensityAnalyzer:
    """VADER with its shipped lexicon, for comparison."""
    return SentimentIntensityAnalyzer()


@cache
def _domain_analyzer() -> tuple[SentimentIntensityAnalyzer, re.Pattern[str] | None, dict[str, str]]:
    analyzer = FastVader()
    phrases: dict[str, str] = {}
    for row in read_rows("lexicons", "sentiment.csv"):
        term = row["term"].lower()
        token = term.replace(" ", "_")
        analyzer.lexicon[token] = float(row["valence"])
        if " " in term:
            phrases[term] = token
    pattern = (
        re.compile(
            r"\b(" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")\b", re.IGNORECASE
        )
        if phrases
        else None
    )
    return analyzer, pattern, phrases


def domain_score(text: str) -> float:
    """Compound sentiment in [-1, 1] of one sentence with the domain lexicon."""
    analyzer, pattern, phrases = _domain_analyzer()
    text = text.replace("’", "'")
    if pattern is not None:
        text = pattern.sub(lambda m: phrases[m.group().lower()], text)
    # Without one lexicon word every valence is 0, and so is the compound: skip VADER's word loop.
    if text.isascii() and not any(
        token in analyzer.lexicon or token.strip(_PUNCTUATION) in analyzer.lexicon for token in text.lower().split()
    ):
        return 0.0
    return vader_fast.compound(analyzer, text)


def vader_score(text: str) -> float:
    """Compound sentiment of plain VADER."""
    return float(plain_vader().polarity_scores(text)["compound"])


def polarity(score: float, band: float = NEUTRAL_BAND) -> int:
    """-1, 0 or 1 for a compound score and a neutral band."""
    return 1 if score >= band else -1 if score <= -band else 0


SENTIMENT_METHODS = ("model", "lexicon")
DEFAULT_SENTIMENT_METHOD = "model"
Tone = tuple[float, int]


def _check_method(method: str) -> None:
    if method not in SENTIMENT_METHODS:
        raise ValueError(f"sentiment method {method!r}: choose one of {', '.join(SENTIMENT_METHODS)}")


def sentence_tones(
    texts: Sequence[str], method: str = DEFAULT_SENTIMENT_METHOD, read: SentenceTokens | None = None
) -> list[Tone]:
    """(score in [-1, 1], label in {-1, 0, 1}) of each sentence of a document (read: their tokens, if tokenised)."""
    _check_method(method)
    if method == "lexicon":
        return [(round(score, 4), polarity(score)) for score in map(domain_score, texts)]
    from climadiplo.annotate.tone_model import sentence_tones as model_tones

    return model_tones(texts, read)


def mention_tones(
    texts: Sequence[str], targets: Sequence[tuple[int, int, int]], method: str = DEFAULT_SENTIMENT_METHOD
) -> list[Tone]:
    """The tone towards each (sentence index, start, end) target, offsets within that sentence.

    The model reads the words around and attached to the target; the lexicon method has no notion of a
    target and gives the sentence's tone.
    """
    _check_method(method)
    if method == "lexicon":
        return [(round(domain_score(texts[i]), 4), polarity(domain_score(texts[i]))) for i, _, _ in targets]
    from climadiplo.annotate.tone_model import target_tones

    return target_tones([(texts[i], start, end) for i, start, end in targets])
