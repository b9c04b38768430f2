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


# --- The lazy reader: chunks of whole articles give what the whole tables give ------------------------------

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from climadiplo.analyse import aggregates, framing, shares  # noqa: E402
from climadiplo.annotate.frames import FRAMES  # noqa: E402
from climadiplo.present.notebook import Session, validate_parameters  # noqa: E402
from climadiplo.present.selection import Tables, chunks, read, select, to_pandas  # noqa: E402
from climadiplo.schema import SORT_KEYS  # noqa: E402


@pytest.fixture(scope="module")
def many_tables(seed_tables, tmp_path_factory):
    """The seed tables three times over (doc_ids renamed, so articles differ) and the invented news, as parquet."""
    from climadiplo.pipeline import build_tables
    from climadiplo.read.corpus import load_corpus
    from climadiplo.resources import data_path
    from climadiplo.tables import write_tables

    invented = build_tables(load_corpus(str(data_path("annotations", "invented-news", "articles.jsonl"))))
    frames = {}
    for name, frame in seed_tables.items():
        copies = [frame.assign(doc_id=f"copy{n}-" + frame["doc_id"].astype(str)) for n in range(3)]
        whole = pd.concat([*copies, invented[name]], ignore_index=True)
        frames[name] = whole.sort_values(SORT_KEYS[name], kind="stable").reset_index(drop=True)
    folder = tmp_path_factory.mktemp("many") / "tables"
    write_tables(frames, folder, fmt="parquet")
    return folder


def session_on(folder, chunk_documents: int, batch_rows: int, **parameters) -> Session:
    tables = Tables.open(folder)
    tables.chunk_documents, tables.batch_rows = chunk_documents, batch_rows
    params = validate_parameters({"n_boot": 200, **parameters})
    selection = select(tables, params.outlets, params.date_from, params.date_to, params.actors)
    return Session("test", tables, selection, folder.parent / "out", params)


@pytest.fixture(scope="module", params=[(1, 5), (3, 64)], ids=["one-article-chunks", "three-article-chunks"])
def lazy(request, many_tables):
    return session_on(many_tables, *request.param)


@pytest.fixture(scope="module")
def whole(many_tables):
    session = session_on(many_tables, 10_000, 1_000_000)
    return {name: session[name] for name in session.source.datasets}


def test_chunks_hold_whole_articles_and_every_row_once(lazy, whole):
    parts = list(lazy.chunks(sentences=["sentence", "text"], quotes=["start"]))
    assert len(parts) > 2
    seen = pd.concat([part["sentences"] for part in parts], ignore_index=True)
    pd.testing.assert_frame_equal(seen, whole["sentences"][["doc_id", "sentence", "text"]])
    for part in parts:  # an article never spans two chunks, and the tables of one chunk hold the same articles
        assert set(part["quotes"]["doc_id"]) <= set(part["sentences"]["doc_id"])
    ids = [set(part["sentences"]["doc_id"]) for part in parts]
    assert all(not (a & b) for i, a in enumerate(ids) for b in ids[i + 1 :])


def test_lazy_aggregates_equal_the_pandas_ones(lazy, whole):
    sentences, mentions, quotes, events = (whole[name] for name in ("sentences", "mentions", "quotes", "events"))
    sides = lazy.params.sides
    counts = lazy.article_counts()
    expected = shares.article_counts(sentences, whole["documents"])
    columns = expected.columns.tolist()
    pd.testing.assert_frame_equal(counts[columns], expected[columns], check_dtype=False)
    frames = ["sentence", *FRAMES]
    pairs = [
        (
            lazy.stream(aggregates.speaker_summary, quotes=["kind", "speaker", "text"]),
            aggregates.speaker_summary(quotes),
        ),
        (
            lazy.stream(aggregates.document_sentiment, sentences=["sentiment", "sentiment_score"]),
            aggregates.document_sentiment(sentences),
        ),
        (
            aggregates.corpus_voices(
                lazy.stream(
                    aggregates.voice_totals,
                    sentences=["sentence", "voice", "text"],
                    quotes=["sentence", "kind", "speaker", "speaker_actor", "text"],
                ),
                top_n=3,
                min_count=1,
            ),
            aggregates.corpus_voices(sentences, quotes, top_n=3, min_count=1),
        ),
        (
            aggregates.actor_sentiment(
                lazy.stream(
                    aggregates.actor_sentiment_totals,
                    sentences=["sentence"],
                    mentions=["sentence", "actor", "actor_type", "sentiment_score"],
                )
            ),
            aggregates.actor_sentiment(sentences, mentions),
        ),
        (
            aggregates.actor_counts(lazy.stream(aggregates.actor_totals, mentions=["sentence", "actor", "actor_type"])),
            aggregates.actor_counts(mentions),
        ),
        (
            aggregates.co_mentions(
                lazy.stream(aggregates.co_mention_totals, mentions=["sentence", "actor", "actor_type"])
            ),
            aggregates.co_mentions(mentions),
        ),
        (
            aggregates.most_cited(
                aggregates.event_counts(lazy.stream(aggregates.event_counts, events=["event", "date", "precision"]))
            ),
            events.groupby(["event", "date"])
            .size()
            .rename("mentions")
            .reset_index()
            .sort_values(["mentions", "date"], ascending=[False, True]),
        ),
        (
            shares.claim_shares(lazy.stream(shares.claim_counts, sentences=["claim"]), counts, "outlet", 2, 1),
            shares.claim_shares(sentences, counts, "outlet", 2, 1),
        ),
        (
            shares.position_profile(lazy.frames("sentences", frames), list(FRAMES), n_boot=200, seed=4),
            shares.position_profile(sentences, list(FRAMES), n_boot=200, seed=4),
        ),
        (
            lazy.stream(
                shares.relationship_counts, sentences=frames, mentions=["sentence", "actor", "actor_type"], sides=sides
            ),
            shares.group_counts(sentences, shares.relationship_assignments(mentions, sides)),
        ),
        (
            lazy.stream(
                shares.sentence_group_counts,
                sentences=[*frames, "voice"],
                mentions=["sentence", "actor", "actor_type"],
                quotes=["sentence", "start", "kind", "speaker"],
                group_by="voice",
            ),
            shares.counts_by("voice", counts, sentences, mentions, quotes),
        ),
        (
            lazy.stream(framing.frame_shares, sentences=list(FRAMES), by="doc_id", n_boot=200, seed=2),
            framing.frame_shares(sentences, "doc_id", n_boot=200, seed=2),
        ),
        (
            lazy.stream(framing.net_index, sentences=list(FRAMES), n_boot=200, seed=2),
            framing.net_index(sentences, n_boot=200, seed=2),
        ),
        (
            shares.term_sensitivity(
                lazy.frames("sentences", ["sentence", "paragraph", "text", "frame_cues", *FRAMES]), 4
            ),
            shares.term_sensitivity(sentences, 4),
        ),
    ]
    for number, (streamed, in_memory) in enumerate(pairs):
        assert len(in_memory), number  # an empty comparison would prove nothing
        pd.testing.assert_frame_equal(
            streamed.reset_index(drop=True), in_memory.reset_index(drop=True), check_dtype=False, obj=f"pair {number}"
        )


def test_lazy_row_lists_equal_the_pandas_ones(lazy, whole):
    sentences, mentions = whole["sentences"], whole["mentions"]
    pd.testing.assert_series_equal(
        lazy.value_counts("sentences", "claim"),
        sentences["claim"].value_counts(),
        check_dtype=False,
        check_index_type=False,
    )
    unknown = mentions.loc[mentions["actor_type"] == "unknown", "actor"].value_counts()
    assert lazy.value_counts("mentions", "actor", actor_type="unknown").to_dict() == unknown.to_dict()
    pd.testing.assert_frame_equal(
        lazy.head("quotes", ["doc_id", "text"], 7), whole["quotes"][["doc_id", "text"]].head(7)
    )
    top = lazy.top(
        "sentences",
        ["doc_id", "sentence"],
        ["cooperation_score", "doc_id", "sentence"],
        [False, True, True],
        6,
        any_of=list(FRAMES),
    )
    framed = sentences[sentences[list(FRAMES)].any(axis=1)]
    expected = framed.sort_values(["cooperation_score", "doc_id", "sentence"], ascending=[False, True, True]).head(6)
    pd.testing.assert_frame_equal(top, expected[["doc_id", "sentence"]].reset_index(drop=True))


def test_an_actor_selection_reads_the_same_sentences_in_chunks(many_tables):
    lazy = session_on(many_tables, 2, 9, actors=["China"])
    parts = list(lazy.chunks(sentences=["sentence", "text"], mentions=["sentence", "actor"]))
    for name, columns in (("sentences", ["doc_id", "sentence", "text"]), ("mentions", ["doc_id", "sentence", "actor"])):
        expected = to_pandas(read(lazy.source, lazy.selection, name, columns))
        got = pd.concat([part[name] for part in parts], ignore_index=True)
        assert len(expected) and len(expected) < len(lazy.source.scan(name, ["doc_id"]))  # the selection bites
        pd.testing.assert_frame_equal(got, expected)


def test_an_unsorted_table_is_refused_in_one_line(many_tables, tmp_path):
    from climadiplo.errors import InputError

    tables = Tables.open(many_tables)
    shuffled = tables.scan("sentences").take(
        np.random.default_rng(0).permutation(len(tables.scan("sentences", ["doc_id"])))
    )
    tables.datasets["sentences"] = __import__("pyarrow.dataset").dataset.dataset(shuffled)
    tables.batch_rows = 16
    with pytest.raises(InputError, match="table sentences: rows are not sorted by doc_id"):
        list(chunks(tables, select(tables), {"sentences": ["sentence"]}))


@pytest.mark.parametrize("dtype", ["object", "string", "str"])
def test_word_counts_split_where_python_does(dtype):
    import random

    spaces = [chr(code) for code in range(0x110000) if chr(code).isspace()]
    rng = random.Random(0)
    alphabet = [*spaces, *"ab.,é中", "\x00", "\u200b"]  # a zero-width space is not whitespace to Python
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    counts = aggregates.word_counts(pd.Series([*texts, None], dtype=dtype)).tolist()
    assert counts == [len(text.split()) for text in texts] + [0]
