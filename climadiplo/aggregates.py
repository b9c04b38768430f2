"""Summaries of the tables for notebooks: per document, per actor, per speaker (pure functions over frames)."""

from __future__ import annotations

import pandas as pd


def document_sentiment(sentences: pd.DataFrame) -> pd.DataFrame:
    """Article tone as the mean of its sentence scores (one compound of a whole article saturates)."""
    grouped = sentences.groupby("doc_id", sort=True)
    return pd.DataFrame(
        {
            "n_sentences": grouped.size(),
            "mean_sentiment": grouped["sentiment_score"].mean().round(4),
            "share_positive": grouped["sentiment"].apply(lambda s: (s > 0).mean()).round(4),
            "share_negative": grouped["sentiment"].apply(lambda s: (s < 0).mean()).round(4),
        }
    ).reset_index()


def sentence_actors(mentions: pd.DataFrame, include_unknown: bool = False) -> pd.DataFrame:
    """One row per (document, sentence, actor): each actor counted once per sentence."""
    rows = mentions if include_unknown else mentions[mentions["actor_type"] != "unknown"]
    return (
        rows[["doc_id", "sentence", "actor", "actor_type"]]
        .drop_duplicates()
        .sort_values(["doc_id", "sentence", "actor"])
        .reset_index(drop=True)
    )


def actor_sentiment(sentences: pd.DataFrame, mentions: pd.DataFrame, min_sentences: int = 1) -> pd.DataFrame:
    """Mean sentence sentiment over the sentences that mention each actor, with the count behind it."""
    pairs = sentence_actors(mentions).merge(
        sentences[["doc_id", "sentence", "sentiment_score"]], on=["doc_id", "sentence"], how="inner"
    )
    summary = (
        pairs.groupby(["actor", "actor_type"], sort=True)
        .agg(n_sentences=("sentiment_score", "size"), mean_sentiment=("sentiment_score", "mean"))
        .reset_index()
    )
    summary["mean_sentiment"] = summary["mean_sentiment"].round(4)
    summary = summary[summary["n_sentences"] >= min_sentences]
    return summary.sort_values(["n_sentences", "actor"], ascending=[False, True]).reset_index(drop=True)


def actor_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """How many sentences and documents mention each known actor."""
    pairs = sentence_actors(mentions)
    return (
        pairs.groupby(["actor", "actor_type"], sort=True)
        .agg(n_sentences=("sentence", "size"), n_documents=("doc_id", "nunique"))
        .reset_index()
        .sort_values(["n_sentences", "actor"], ascending=[False, True])
        .reset_index(drop=True)
    )


def co_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    """Pairs of actors named in the same sentence, with how many sentences they share."""
    pairs = sentence_actors(mentions)
    joined = pairs.merge(pairs, on=["doc_id", "sentence"], suffixes=("_a", "_b"))
    joined = joined[joined["actor_a"] < joined["actor_b"]]
    return (
        joined.groupby(["actor_a", "actor_b"], sort=True)
        .size()
        .rename("n_sentences")
        .reset_index()
        .sort_values(["n_sentences", "actor_a", "actor_b"], ascending=[False, True, True])
        .reset_index(drop=True)
    )
