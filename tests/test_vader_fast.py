"""vader_fast gives vaderSentiment's own scores: plain VADER, sentiment.FastVader and the domain analyzer."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from climadiplo.analyse.evaluate import load_gold
from climadiplo.annotate import vader_fast
from climadiplo.annotate.sentiment import FastVader, _domain_analyzer, plain_vader
from climadiplo.read.clean import clean_text
from climadiplo.read.corpus import load_corpus
from climadiplo.read.segment import split_sentences
from climadiplo.resources import data_path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from newsgen import generate

# each rule of vaderSentiment 3.3.2's polarity_scores: negation, "but", ALL CAPS, ! and ?, boosters, "kind of",
# "least", "no", "never so", "without doubt", idioms, emoticons, emoji (VADER's own path), non-ASCII, white space
CASES = [
    "",
    "   ",
    "  The talks were good.  ",
    "The deal is not bad at all.",
    "The summit was good, but the outcome was terrible.",
    "The summit was GREAT while the rest was dull.",
    "THIS IS A DISASTER!!!",
    "Is this really a success???",
    "It was extremely good and incredibly well received!",
    "The plan is kind of good.",
    "This is the least bad option.",
    "No problem was found, and no good came of it.",
    "Never so good, without doubt great, and isn't this nice?",
    "That proposal is the kiss of death; he can't cut the mustard.",
    "Yeah right, the party was the bomb :) :-( <3",
    "“Deeply worrying,” the minister said of the café’s résumé.",
    "The envoy was 😁 about it and the crowd 💘 the speech 👍🏽.",
    "Good\tnews\nfor\u00a0everyone",
    "sort of okay... hardly great, barely acceptable",
]


def _texts() -> list[str]:
    invented = pd.read_csv(data_path("annotations", "invented-sentences.csv"))["text"].tolist()
    texts = [
        d.raw_text for d in load_corpus(None) + load_corpus(data_path("annotations", "invented-news", "articles.jsonl"))
    ]
    texts += [record["text"] for record in generate(30, seed=3)]  # benchmarks/newsgen.py: invented news prose
    sentences = [
        sentence.text
        for text in texts
        for cleaned in [clean_text(text)]
        for sentence in split_sentences(cleaned.text, cleaned.paragraphs)
    ]
    return CASES + load_gold()["sentences"]["text"].tolist() + invented + sentences


def test_fast_polarity_scores_are_vaders_own():
    plain, fast, domain = SentimentIntensityAnalyzer(), FastVader(), _domain_analyzer()[0]
    texts = _texts()
    assert len(texts) > 1000
    for text in texts:
        expected = plain.polarity_scores(text)
        assert vader_fast.polarity_scores(plain_vader(), text) == expected, text
        assert vader_fast.polarity_scores(fast, text) == expected, text
        assert vader_fast.polarity_scores(domain, text) == domain.polarity_scores(text), text


def test_the_kept_compound_is_the_domain_analyzers_score():
    domain = _domain_analyzer()[0]
    for text in _texts()[:300] * 2:  # the second pass reads the kept scores
        assert vader_fast.compound(domain, text) == domain.polarity_scores(text)["compound"], text
