"""Aggregates on small hand-built frames, with numbers worked out by hand."""

from __future__ import annotations

import pandas as pd

from climadiplo.analyse.aggregates import actor_counts, actor_sentiment, co_mentions, document_sentiment

SENTENCES = pd.DataFrame(
    {
        "doc_id": ["a", "a", "a", "b"],
        "sentence": [0, 1, 2, 0],
        "sentiment_score": [0.5, -0.5, 0.0, 0.9],
        "sentiment": [1, -1, 0, 1],
    }
)
MENTIONS = pd.DataFrame(
    {
        "doc_id": ["a", "a", "a", "a", "b", "b"],
        "sentence": [0, 0, 1, 1, 0, 0],
        "actor": ["China", "China", "China", "John Kerry", "China", "Maria Chen"],
        "actor_type": ["country", "country", "country", "person", "country", "unknown"],
        # the tone towards each mention (target-dependent), not its sentence's tone
        "sentiment_score": [0.4, 0.2, -0.6, 0.1, 0.6, -0.9],
        "sentiment": [1, 0, -1, 0, 1, -1],
    }
)


def test_document_sentiment_is_the_mean_of_sentences():
    result = document_sentiment(SENTENCES).set_index("doc_id")
    assert result.loc["a", "mean_sentiment"] == 0.0
    assert result.loc["a", "share_positive"] == round(1 / 3, 4)
    assert result.loc["b", "mean_sentiment"] == 0.9


def test_actor_sentiment_reads_the_mention_tone_once_per_sentence_and_skips_unknown():
    result = actor_sentiment(SENTENCES, MENTIONS).set_index("actor")
    assert result.loc["China", "n_sentences"] == 3  # two mentions in sentence a/0 count once, as their mean
    assert result.loc["China", "mean_sentiment"] == round(((0.4 + 0.2) / 2 - 0.6 + 0.6) / 3, 4)
    assert result.loc["John Kerry", "mean_sentiment"] == 0.1  # its sentence scores -0.5
    assert "Maria Chen" not in result.index


def test_actor_sentiment_counts_only_the_sentences_given():
    result = actor_sentiment(SENTENCES[SENTENCES["doc_id"] == "a"], MENTIONS).set_index("actor")
    assert result.loc["China", "n_sentences"] == 2


def test_actor_sentiment_of_tables_without_mention_tone_uses_the_sentences():
    old = MENTIONS.drop(columns=["sentiment_score", "sentiment"])
    result = actor_sentiment(SENTENCES, old).set_index("actor")
    assert result.loc["China", "mean_sentiment"] == round((0.5 - 0.5 + 0.9) / 3, 4)
    assert result.loc["John Kerry", "mean_sentiment"] == -0.5


def test_counts_and_co_mentions():
    counts = actor_counts(MENTIONS).set_index("actor")
    assert counts.loc["China", "n_documents"] == 2
    pairs = co_mentions(MENTIONS)
    assert pairs.to_dict("records") == [{"actor_a": "China", "actor_b": "John Kerry", "n_sentences": 1}]
