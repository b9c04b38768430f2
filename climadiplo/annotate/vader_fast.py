"""VADER's ``polarity_scores`` with the same scores, faster: the lexicon tone method calls it per sentence.

vaderSentiment 3.3.2 first rebuilds the text character by character to replace emoji with their descriptions
(a Python string concatenation per character: most of its time on news), then scores the words. Its emoji
dictionary holds no ASCII character, and only its one-character keys can match that loop, so a text that is
ASCII, or holds none of those characters, comes out of it unchanged but for ``strip()``: here such a text goes
straight to the word scoring, which repeats VADER's own lines (and calls the analyzer's own methods, so a
subclass such as sentiment.FastVader keeps its shortcuts). Any other text is scored by VADER itself.
The tone method also asks for the same sentence once per mention in it: the last scores are kept.
tests/test_sentiment.py checks every score against vaderSentiment's on varied sentences.
"""

from __future__ import annotations

from functools import cache, lru_cache

from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer, SentiText


@cache
def _emoji_characters(analyzer: SentimentIntensityAnalyzer) -> frozenset[str]:
    """The analyzer's emoji that VADER's character loop can replace: its one-character keys."""
    return frozenset(key for key in analyzer.emojis if len(key) == 1)


def polarity_scores(analyzer: SentimentIntensityAnalyzer, text: str) -> dict[str, float]:
    """``analyzer.polarity_scores(text)``: neg, neu, pos and compound, exactly as VADER gives them."""
    if not (text.isascii() or _emoji_characters(analyzer).isdisjoint(text)):
        return analyzer.polarity_scores(text)
    # from here on, vaderSentiment 3.3.2's polarity_scores after its emoji loop
    text = text.strip()
    sentitext = SentiText(text)
    words = sentitext.words_and_emoticons
    last = len(words) - 1
    sentiments: list[float] = []
    for i, item in enumerate(words):
        lowered = item.lower()
        # boosters and "kind of" are modifiers, not valences of their own
        if lowered in BOOSTER_DICT or (i < last and lowered == "kind" and words[i + 1].lower() == "of"):
            sentiments.append(0)
            continue
        sentiments = analyzer.sentiment_valence(0, sentitext, item, i, sentiments)
    sentiments = analyzer._but_check(words, sentiments)
    return analyzer.score_valence(sentiments, text)


@lru_cache(maxsize=1024)
def compound(analyzer: SentimentIntensityAnalyzer, text: str) -> float:
    """VADER's compound score of a text (the last 1,024 texts' scores are kept: mentions repeat their sentence)."""
    return float(polarity_scores(analyzer, text)["compound"])
