"""Summaries of the tables for notebooks: per document, per actor, per speaker (pure functions over frames).

A summary over the whole corpus comes in two steps so that big tables can be read a chunk of
whole articles at a time: ``*_totals`` sums one chunk into a small table that adds up across
chunks, and the summary function finishes from the concatenated totals (one chunk for a table
held in memory: the two paths run the same code).
"""

from __future__ import annotations

import pandas as pd

from climadiplo.annotate.actors import NOT_ACTORS, PRONOUN
from climadiplo.annotate.quotes import SPEECH_KINDS, UNKNOWN_SPEAKER


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
    """One row per (document, sentence, actor): each actor counted once per sentence (pronouns never count)."""
    rows = mentions[~mentions["actor_type"].isin([PRONOUN] if include_unknown else NOT_ACTORS)]
    return (
        rows[["doc_id", "sentence", "actor", "actor_type"]]
        .drop_duplicates()
        .sort_values(["doc_id", "sentence", "actor"])
        .reset_index(drop=True)
    )


def actor_sentiment_totals(sentences: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Per actor: sentences that mention it and the sum of its tone there (adds up over chunks of articles).

    The tone of a sentence towards an actor is the mean of its mentions' target-dependent tone there
    (``mentions.sentiment_score``); tables written before mentions had a tone fall back on the
    sentence's own score.
    """
    known = mentions[~mentions["actor_type"].isin(NOT_ACTORS)]
    if "sentiment_score" in known.columns:
        pairs = (
            known.groupby(["doc_id", "sentence", "actor", "actor_type"], sort=True)["sentiment_score"]
            .mean()
            .reset_index()
            # only the sentences given count, as with the sentence fallback
            .merge(sentences[["doc_id", "sentence"]].drop_duplicates(), on=["doc_id", "sentence"], how="inner")
        )
    else:
        pairs = sentence_actors(mentions).merge(
            sentences[["doc_id", "sentence", "sentiment_score"]], on=["doc_id", "sentence"], how="inner"
        )
    return (
        pairs.groupby(["actor", "actor_type"], sort=True)
        .agg(n_sentences=("sentiment_score", "size"), sum_sentiment=("sentiment_score", "sum"))
        .reset_index()
    )


def actor_sentiment(
    sentences: pd.DataFrame, mentions: pd.DataFrame | None = None, min_sentences: int = 1
) -> pd.DataFrame:
    """Mean tone towards each actor over the sentences that mention it, with the count behind it.

    Give sentences and mentions, or (mentions None) the concatenated ``actor_sentiment_totals`` of chunks.
    """
    totals = sentences if mentions is None else actor_sentiment_totals(sentences, mentions)
    summary = totals.groupby(["actor", "actor_type"], sort=True)[["n_sentences", "sum_sentiment"]].sum().reset_index()
    # The sum rounded first: chunked and whole-table sums differ in their last bits, which at a mean of x.xxxx5
    # would round the two paths apart.
    summary["mean_sentiment"] = (summary["sum_sentiment"].round(9) / summary["n_sentences"]).round(4)
    summary = summary[summary["n_sentences"] >= min_sentences][["actor", "actor_type", "n_sentences", "mean_sentiment"]]
    return summary.sort_values(["n_sentences", "actor"], ascending=[False, True]).reset_index(drop=True)


def actor_totals(mentions: pd.DataFrame) -> pd.DataFrame:
    """Per known actor: sentences and documents that mention it (adds up over chunks of whole articles)."""
    return (
        sentence_actors(mentions)
        .groupby(["actor", "actor_type"], sort=True)
        .agg(n_sentences=("sentence", "size"), n_documents=("doc_id", "nunique"))
        .reset_index()
    )


def actor_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """How many sentences and documents mention each known actor (mentions, or concatenated ``actor_totals``)."""
    totals = mentions if "n_documents" in mentions.columns else actor_totals(mentions)
    return (
        totals.groupby(["actor", "actor_type"], sort=True)[["n_sentences", "n_documents"]]
        .sum()
        .reset_index()
        .sort_values(["n_sentences", "actor"], ascending=[False, True])
        .reset_index(drop=True)
    )


def co_mention_totals(mentions: pd.DataFrame) -> pd.DataFrame:
    """Pairs of actors named in the same sentence, with how many sentences they share (adds up over chunks)."""
    pairs = sentence_actors(mentions)
    joined = pairs.merge(pairs, on=["doc_id", "sentence"], suffixes=("_a", "_b"))
    joined = joined[joined["actor_a"] < joined["actor_b"]]
    return joined.groupby(["actor_a", "actor_b"], sort=True).size().rename("n_sentences").reset_index()


def co_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    """Pairs of actors named in the same sentence, with how many sentences they share (or from their totals)."""
    totals = mentions if "actor_a" in mentions.columns else co_mention_totals(mentions)
    return (
        totals.groupby(["actor_a", "actor_b"], sort=True)["n_sentences"]
        .sum()
        .reset_index()
        .sort_values(["n_sentences", "actor_a", "actor_b"], ascending=[False, True, True])
        .reset_index(drop=True)
    )


def event_counts(events: pd.DataFrame) -> pd.DataFrame:
    """Mentions per dated event (event, date, precision): what the timeline and the most-cited list need.

    events is the events table, or concatenated counts of chunks (with ``n``), which are summed.
    """
    grouped = events.groupby(["event", "date", "precision"], sort=True, dropna=False)
    return (grouped["n"].sum() if "n" in events.columns else grouped.size().rename("n")).reset_index()


def most_cited(event_counts: pd.DataFrame) -> pd.DataFrame:
    """Mentions per (event, date), most mentioned first (from the events table or its ``event_counts``)."""
    counts = event_counts if "n" in event_counts.columns else event_counts.assign(n=1)
    cited = counts.groupby(["event", "date"])["n"].sum().rename("mentions").reset_index()
    return cited.sort_values(["mentions", "date"], ascending=[False, True])


def _word_count(text: str) -> int:
    return len(str(text).split())


# A word is what str.split() separates: a run of characters that are not whitespace in Python's sense.
_WHITESPACE = "\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
WORD = f"[^{_WHITESPACE}]+"


def word_counts(texts: pd.Series) -> pd.Series:
    """len(text.split()) of every text (0 for a missing one), counted by a regex: no lists of words are built."""
    return texts.fillna("").astype(str).str.count(WORD).astype("int64")


def speaker_summary(quotes: pd.DataFrame) -> pd.DataFrame:
    """Per document and speaker: quotations, reported-speech passages and words quoted (scare quotes excluded)."""
    columns = ["doc_id", "speaker", "n_quotes", "n_indirect", "words_quoted"]
    speech = quotes[quotes["kind"].isin((*SPEECH_KINDS, "indirect"))].copy()
    if speech.empty:
        return pd.DataFrame(columns=columns)
    speech["words"] = word_counts(speech["text"])
    speech["is_quote"] = speech["kind"].isin(SPEECH_KINDS)
    grouped = speech.groupby(["doc_id", "speaker"], sort=True)
    summary = pd.DataFrame(
        {
            "n_quotes": grouped["is_quote"].sum().astype(int),
            "n_indirect": grouped["kind"].apply(lambda kinds: int((kinds == "indirect").sum())),
            "words_quoted": grouped.apply(lambda g: int(g.loc[g["is_quote"], "words"].sum()), include_groups=False),
        }
    ).reset_index()
    return summary.sort_values(["doc_id", "n_quotes", "speaker"], ascending=[True, False, True]).reset_index(drop=True)


def voice_shares(documents: pd.DataFrame, sentences: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """Share of each article's words spoken per voice: the author, the interviewee, and each quoted speaker."""
    rows = []
    quoted = quotes[quotes["kind"].isin(SPEECH_KINDS)]
    for document in documents.itertuples():
        doc_sentences = sentences[sentences["doc_id"] == document.doc_id]
        words_by_voice: dict[str, int] = {}
        for sentence in doc_sentences.itertuples():
            words_by_voice[sentence.voice] = words_by_voice.get(sentence.voice, 0) + _word_count(sentence.text)
        doc_quotes = quoted[quoted["doc_id"] == document.doc_id]
        for quote in doc_quotes.itertuples():
            # Quoted words leave the voice of the sentence they stand in and go to their speaker.
            voice = doc_sentences.loc[doc_sentences["sentence"] == quote.sentence, "voice"]
            owner = voice.iloc[0] if len(voice) else "author"
            words = _word_count(quote.text)
            words_by_voice[owner] = max(0, words_by_voice.get(owner, 0) - words)
            words_by_voice[quote.speaker] = words_by_voice.get(quote.speaker, 0) + words
        total = sum(words_by_voice.values()) or 1
        for voice, words in sorted(words_by_voice.items()):
            rows.append({"doc_id": document.doc_id, "voice": voice, "words": words, "share": round(words / total, 4)})
    return pd.DataFrame(rows, columns=["doc_id", "voice", "words", "share"])


OTHER_SPEAKERS = "other speakers"
OTHER_NARRATORS = "other narrating voices"
UNKNOWN_VOICE = "unknown speaker"


def voice_totals(sentences: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """Words per voice in three parts (adds up over chunks of whole articles).

    ``narration``: the words of the sentences of each voice; ``moved``: the quoted words standing in
    sentences of that voice; ``speaker``: the words and quotations of each speaker (name variants
    merged when the gazetteer links them to one actor).
    """
    columns = ["part", "voice", "words", "n_quotes"]
    narration = (
        sentences.assign(words=word_counts(sentences["text"])).groupby("voice", sort=True)["words"].sum().reset_index()
    )
    speech = quotes[quotes["kind"].isin(SPEECH_KINDS)].copy()
    if "speaker_actor" in speech.columns:
        actor = speech["speaker_actor"].fillna("").astype(str)
        speech["speaker"] = actor.where(actor != "", speech["speaker"].astype(str))
    speech["words"] = word_counts(speech["text"])
    owners = speech.merge(sentences[["doc_id", "sentence", "voice"]], on=["doc_id", "sentence"], how="left")
    owners["voice"] = owners["voice"].fillna("author").astype(str)
    moved = owners.groupby("voice", sort=True)["words"].sum().reset_index()
    speakers = (
        speech.assign(voice=speech["speaker"].astype(str))
        .groupby("voice", sort=True)
        .agg(words=("words", "sum"), n_quotes=("words", "size"))
        .reset_index()
    )
    parts = [
        frame.assign(part=part)
        for part, frame in (("narration", narration), ("moved", moved), ("speaker", speakers))
        if len(frame)
    ]
    if not parts:
        return pd.DataFrame(columns=columns)
    totals = pd.concat(parts, ignore_index=True).reindex(columns=columns)
    totals["n_quotes"] = totals["n_quotes"].fillna(0).astype("int64")
    return totals


def corpus_voices(
    sentences: pd.DataFrame, quotes: pd.DataFrame | None = None, top_n: int = 10, min_count: int = 3
) -> pd.DataFrame:
    """Share of all words per voice: the narrating voices, the top speakers (name variants merged), other, unknown.

    Give sentences and quotes, or (quotes None) the concatenated ``voice_totals`` of chunks. Quoted
    words leave the voice of the sentence they stand in and go to their speaker; speakers with fewer
    than min_count quotations, or past the top_n, are pooled as "other speakers", so the shares add
    up to 1. The named voices, narrating or quoted, read from the largest down; pooled rows come last.
    """
    columns = ["voice", "kind", "words", "n_quotes", "share"]
    totals = sentences if quotes is None else voice_totals(sentences, quotes)
    totals = totals.groupby(["part", "voice"], sort=True)[["words", "n_quotes"]].sum().reset_index()
    by_part = {part: frame.drop(columns="part").reset_index(drop=True) for part, frame in totals.groupby("part")}
    if "narration" not in by_part:
        return pd.DataFrame(columns=columns)
    narration = by_part["narration"][["voice", "words"]].assign(kind="narration", n_quotes=0)
    # Interviewees (and other narrating voices) beyond the few largest are pooled, as speakers are.
    narration = narration.sort_values(["words", "voice"], ascending=[False, True])
    narrators = narration.head(max(1, top_n // 3))
    if len(narration) > len(narrators):
        rest = narration.drop(narrators.index)
        narrators = pd.concat(
            [narrators, pd.DataFrame([{"voice": OTHER_NARRATORS, "words": rest["words"].sum(), "kind": "narration"}])]
        ).assign(n_quotes=0)
    narration = narrators.reset_index(drop=True)
    empty = pd.DataFrame(columns=["voice", "words", "n_quotes"]).astype({"words": "int64", "n_quotes": "int64"})
    moved = by_part.get("moved", empty).set_index("voice")["words"]
    pooled = ~moved.index.isin(narration["voice"])
    if pooled.any():
        moved[OTHER_NARRATORS] = moved.get(OTHER_NARRATORS, 0) + moved[pooled].sum()
    narration["words"] = (narration["words"] - narration["voice"].map(moved).fillna(0)).clip(lower=0).astype("int64")
    speakers = by_part.get("speaker", empty)[["voice", "words", "n_quotes"]]
    unknown = speakers["voice"].isin([UNKNOWN_SPEAKER, ""])
    named = speakers[~unknown].sort_values(["words", "voice"], ascending=[False, True])
    shown = named[named["n_quotes"] >= min_count].head(top_n)
    rest = named.drop(shown.index)
    rows = [narration[["voice", "kind", "words", "n_quotes"]], shown.assign(kind="speaker")]
    if len(rest):
        rows.append(_pooled(rest, OTHER_SPEAKERS, "other"))
    if unknown.any():
        rows.append(_pooled(speakers[unknown], UNKNOWN_VOICE, "unknown"))
    result = pd.concat(rows, ignore_index=True)
    result = result[result["words"] > 0].copy() if len(result) else pd.DataFrame(columns=columns)
    total = result["words"].sum()
    result["share"] = (result["words"] / total).round(4) if total else 0.0
    # One order by size for the named voices, so a quoted speaker with many quotations is not listed
    # below an interviewee with a few lines; the pooled rows follow, other narrators before other speakers.
    order = {OTHER_NARRATORS: 1, OTHER_SPEAKERS: 2, UNKNOWN_VOICE: 3}
    pooled_rows = result["kind"].isin(["other", "unknown"]) | result["voice"].eq(OTHER_NARRATORS)
    result["rank"] = result["voice"].map(order).where(pooled_rows, 0).fillna(0).astype(int)
    result = result.sort_values(["rank", "words", "voice"], ascending=[True, False, True])
    return result[columns].reset_index(drop=True)


def _pooled(voices: pd.DataFrame, voice: str, kind: str) -> pd.DataFrame:
    """One row that pools several voices' words and quotes under one label."""
    return pd.DataFrame(
        [{"voice": voice, "kind": kind, "words": voices["words"].sum(), "n_quotes": voices["n_quotes"].sum()}]
    )
