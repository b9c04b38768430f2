"""Group, period, side and relationship shares; the lazy reader and the selection; sentences of reading."""

from __future__ import annotations

import pandas as pd
import pytest

from climadiplo.analyse import aggregates, shares
from climadiplo.annotate.frames import FRAMES
from climadiplo.present import reading
from climadiplo.present.selection import Tables, article_counts, read, select, to_pandas
from climadiplo.tables import write_tables


def counts_table(rows: list[tuple]) -> pd.DataFrame:
    """Per-article counts from (doc_id, outlet, month, n_sentences, cooperation, competition, conflict)."""
    frame = pd.DataFrame(rows, columns=["doc_id", "outlet", "month", "n_sentences", *FRAMES])
    return frame.assign(year=frame["month"].str.slice(0, 4))


def test_group_shares_pool_sentences_and_count_articles():
    counts = counts_table(
        [("a", "x", "2024-01", 10, 5, 0, 1), ("b", "x", "2024-01", 30, 3, 3, 0), ("c", "y", "2024-02", 20, 0, 2, 2)]
    )
    result = shares.group_shares(counts, "outlet", n_boot=200).set_index(["outlet", "frame"])
    assert result.loc[("x", "cooperation"), "share"] == pytest.approx(8 / 40, abs=1e-4)
    assert result.loc[("x", "cooperation"), "n_articles"] == 2
    assert result.loc[("y", "conflict"), "n_sentences"] == 20
    overall = shares.group_shares(counts, None, n_boot=200).set_index("frame")
    assert overall.loc["competition", "share"] == pytest.approx(5 / 60, abs=1e-4)
    assert (overall["ci_low"] <= overall["share"]).all() and (overall["share"] <= overall["ci_high"]).all()


def test_small_groups_are_pooled_as_other_and_nothing_is_lost():
    rows = [(f"d{i}", "big" if i < 6 else f"small{i}", "2024-01", 10, 1, 0, 0) for i in range(9)]
    merged = shares.merge_small_groups(counts_table(rows), "outlet", top_n=5, min_count=3)
    assert set(merged["outlet"]) == {"big", shares.OTHER}
    assert merged["n_sentences"].sum() == 90 and merged["doc_id"].nunique() == 9
    dropped = shares.merge_small_groups(counts_table(rows), "outlet", top_n=5, min_count=3, other=False)
    assert set(dropped["outlet"]) == {"big"}


def test_the_relationship_is_the_sentences_naming_two_sides():
    mentions = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "b"],
            "sentence": [0, 0, 1, 0],
            "actor": ["EU", "India", "EU", "India"],
            "actor_type": "country",
        }
    )
    sides = {"Europe": ["EU"], "South Asia": ["India"]}
    both = shares.relationship_assignments(mentions, sides)
    assert both[["doc_id", "sentence"]].values.tolist() == [["a", 0]]
    by_side = shares.side_assignments(mentions, sides)
    assert len(by_side) == 4 and set(by_side["side"]) == set(sides)


def test_largest_change_and_most_different_group_name_the_frame_that_moved():
    rows = [(f"a{i}", "x", "2020-01", 10, 1, 0, 0) for i in range(5)]
    rows += [(f"b{i}", "y", "2021-01", 10, 6, 0, 0) for i in range(5)]
    counts = counts_table(rows)
    change = shares.largest_change(counts, "year", min_count=3, n_boot=200)
    assert (change["frame"], change["from"], change["to"]) == ("cooperation", "2020", "2021")
    assert change["difference"] == pytest.approx(0.5) and change["ci_low"] > 0
    best = shares.most_different_group(counts, "outlet", min_count=3, n_boot=200)
    assert best["frame"] == "cooperation" and abs(best["difference"]) == pytest.approx(0.5)
    text = reading.largest_change(change, "year")
    assert "rose by 50.0 points" in text and "excludes no change" in text
    assert "Too few" in reading.largest_change(None, "month")


def test_position_profile_pools_articles_by_tenth():
    sentences = pd.DataFrame({"doc_id": ["a"] * 10 + ["b"] * 10, "sentence": list(range(10)) * 2})
    sentences["cooperation"] = [True] + [False] * 9 + [True] + [False] * 9
    profile = shares.position_profile(sentences, "cooperation", n_boot=100)
    assert len(profile) == 10 and profile.iloc[0]["mean"] == 1.0 and profile.iloc[5]["mean"] == 0.0


@pytest.fixture(scope="module")
def seed_folder(seed_tables, tmp_path_factory):
    return write_tables(seed_tables, tmp_path_factory.mktemp("tables") / "t")


def test_the_lazy_reader_aggregates_like_pandas(seed_tables, seed_folder):
    lazy = Tables.open(seed_folder)
    everything = select(lazy)
    assert everything.doc_ids is None
    columns = ["doc_id", "n_sentences", *FRAMES]
    pd.testing.assert_frame_equal(
        article_counts(lazy, everything)[columns].astype({"doc_id": str}),
        shares.article_counts(seed_tables["sentences"])[columns].astype({"doc_id": str}),
    )
    assert read(lazy, everything, "sentences", ["doc_id"]).num_rows == len(seed_tables["sentences"])
    assert to_pandas(read(lazy, everything, "documents")).dtypes.equals(seed_tables["documents"].dtypes)


def test_the_selection_filters_articles_and_sentences(seed_tables, seed_folder):
    lazy = Tables.open(seed_folder)
    first = seed_tables["documents"].iloc[0]
    chosen = select(lazy, outlets=[first["outlet"]])
    assert set(chosen.doc_ids.to_pylist()) == set(
        seed_tables["documents"].loc[seed_tables["documents"]["outlet"] == first["outlet"], "doc_id"]
    )
    actor = seed_tables["mentions"]["actor"].value_counts().index[0]
    named = select(lazy, actors=[actor])
    sentences = to_pandas(read(lazy, named, "sentences"))
    expected = seed_tables["mentions"].loc[seed_tables["mentions"]["actor"] == actor, ["doc_id", "sentence"]]
    assert len(sentences) == len(expected.drop_duplicates()) > 0
    assert sentences["sentence"].is_monotonic_increasing or sentences["doc_id"].nunique() > 1
    mentions = to_pandas(read(lazy, named, "mentions"))
    assert set(zip(mentions["doc_id"], mentions["sentence"], strict=True)) <= set(
        zip(sentences["doc_id"], sentences["sentence"], strict=True)
    )
    published = str(first["published"])
    assert select(lazy, date_to="1900").doc_ids.to_pylist() == []
    assert first["doc_id"] in select(lazy, date_from=published[:4], date_to=published[:7]).doc_ids.to_pylist()


def test_corpus_voices_add_to_one_and_merge_name_variants(seed_tables):
    quotes = seed_tables["quotes"].copy()
    voices = aggregates.corpus_voices(seed_tables["sentences"], quotes, top_n=3, min_count=1)
    assert voices["share"].sum() == pytest.approx(1, abs=0.002)
    speech = quotes["kind"].isin(aggregates.SPEECH_KINDS)
    named = quotes.loc[speech & (quotes["speaker"] != "unknown"), "speaker"].iloc[0]
    quotes.loc[speech & (quotes["speaker"] == named), "speaker_actor"] = "One Actor"
    quotes.loc[speech & (quotes["speaker"] != "unknown"), "speaker_actor"] = "One Actor"
    merged = aggregates.corpus_voices(seed_tables["sentences"], quotes, top_n=3, min_count=1)
    speakers = merged[merged["kind"] == "speaker"]
    assert speakers["voice"].tolist() == ["One Actor"]


def test_term_sensitivity_is_limited_to_the_most_frequent_terms(seed_tables):
    sentences = seed_tables["sentences"]
    table = shares.term_sensitivity(sentences, 3)
    assert len(table) == 3 and table["n_sentences"].is_monotonic_decreasing
    assert shares.term_sensitivity(sentences, 0).empty
    for row in table.itertuples():
        assert row.share_without == pytest.approx(row.share + row.change, abs=1e-4)


def test_sentences_of_reading_are_inert_markdown():
    shown = reading.show("The outlet that differs most is <img src=x onerror=alert(1)> *bold* $x$ [l](u).")
    assert "<img" not in shown.data and "\\*bold\\*" in shown.data and "\\$x\\$" in shown.data
    overall = pd.DataFrame(
        {
            "frame": list(FRAMES),
            "share": [0.1, 0.05, 0.02],
            "ci_low": [0.08, 0.04, 0.01],
            "ci_high": [0.12, 0.06, 0.03],
            "n_articles": 40,
            "n_sentences": 900,
        }
    )
    text = reading.biggest_frame(overall)
    assert text.startswith("The most common frame is cooperation: 10.0%") and "8.0%–12.0%" in text
    assert "rough" not in text and "rough" in reading.biggest_frame(overall.assign(n_articles=4))


def test_named_voices_read_in_one_order_by_words_and_pooled_rows_come_last():
    sentences = pd.DataFrame(
        {
            "doc_id": ["a"] * 4 + ["b"] * 2,
            "sentence": [0, 1, 2, 3, 0, 1],
            "voice": ["author", "author", "Ms Interviewee", "author", "author", "Mr Small"],
            "text": ["one two three four five six seven eight", "a b c d e f", "x y", "p q r s t", "u v w", "z"],
        }
    )
    quotes = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b"],
            "sentence": [0, 1, 0],
            "kind": ["direct", "direct", "direct"],
            "speaker": ["Big Speaker", "Big Speaker", "unknown"],
            "speaker_actor": ["", "", ""],
            "text": ["one two three", "a b c d", "u"],
        }
    )
    voices = aggregates.corpus_voices(sentences, quotes, top_n=6, min_count=1)
    # the speaker (7 words) ranks above the interviewee (2 words) although it is not a narrating voice
    assert voices["voice"].tolist() == [
        "author",
        "Big Speaker",
        "Ms Interviewee",
        "other narrating voices",
        "unknown speaker",
    ]
    assert voices["words"].tolist() == [14, 7, 2, 1, 1]  # author: 22 words, less the 8 quoted in its sentences
    assert voices["share"].sum() == pytest.approx(1, abs=0.002)


def test_dropping_a_frequent_term_can_lower_its_frame_and_moves_articles_at_least_as_much(seed_tables):
    sentences = seed_tables["sentences"]
    table = shares.term_sensitivity(sentences, 5)
    assert (table["change"] < 0).any()  # some cue no longer labels the sentences it alone labelled
    for row in table.itertuples():
        assert row.share == pytest.approx(sentences[row.frame].mean(), abs=1e-4)
        assert abs(row.largest_article_change) >= abs(row.change)
