"""The data dictionary in code (climadiplo.schema) is the one data/README.md shows, and the tables follow it."""

from __future__ import annotations

import re

import pyarrow as pa
import pytest

from climadiplo.resources import data_path
from climadiplo.schema import COLUMNS, TABLE_COLUMNS, arrow_schema, markdown_columns, to_frame, to_table
from climadiplo.tables import FORMATS, TableWriter


def _readme_tables() -> dict[str, str]:
    text = data_path("README.md").read_text(encoding="utf-8")
    found = {}
    for match in re.finditer(r"^### `(\w+)`.*?\n(\| column \| type \| meaning \|\n(?:\|.*\n?)+)", text, re.M):
        found[match.group(1)] = match.group(2).rstrip("\n")
    return found


def test_readme_lists_every_table_of_the_schema():
    assert set(_readme_tables()) == set(COLUMNS)


def test_readme_column_tables_agree_with_the_schema():
    for table, shown in _readme_tables().items():
        assert shown == markdown_columns(table), f"data/README.md's {table} table differs from climadiplo.schema"


def test_every_column_has_a_type_and_a_meaning():
    for table, columns in COLUMNS.items():
        for name, column in columns.items():
            assert column.dtype in {"str", "int64", "float64", "bool"}, (table, name)
            assert column.meaning.strip(), (table, name)


def test_written_tables_have_exactly_the_schema_columns_and_types(seed_tables):
    for table, frame in seed_tables.items():
        assert list(frame.columns) == list(TABLE_COLUMNS[table]), table
        for name, dtype in TABLE_COLUMNS[table].items():
            expected = "string" if dtype == "str" else dtype
            assert str(frame[name].dtype) == expected, (table, name)


def _mention_row(doc_id, start, surface="Ruto", **extra):
    row = {"doc_id": doc_id, "sentence": 0, "start": start, "end": start + 4, "surface": surface, "actor": surface}
    return {**row, "actor_type": "person", "sentiment_score": 0.5, "sentiment": 1, **extra}


def test_to_frame_sorts_rows_that_come_out_of_order_and_keeps_ties_in_order():
    rows = [_mention_row("b", 3), _mention_row("a", 9), _mention_row("a", 2, "first"), _mention_row("a", 2, "second")]
    frame = to_frame("mentions", rows)
    assert list(zip(frame["doc_id"], frame["start"], frame["surface"], strict=True)) == [
        ("a", 2, "first"),
        ("a", 2, "second"),
        ("a", 9, "Ruto"),
        ("b", 3, "Ruto"),
    ]
    assert list(frame.index) == [0, 1, 2, 3]
    assert [str(dtype) for dtype in frame.dtypes] == [
        "string" if dtype == "str" else dtype for dtype in TABLE_COLUMNS["mentions"].values()
    ]


def test_to_frame_orders_text_keys_as_text_even_when_given_numbers():
    # doc_ids read from a CSV as numbers: 10 before 9 as text, as pandas sorts the str column
    frame = to_frame("mentions", [_mention_row(9, 0), _mention_row(10, 0)])
    assert list(frame["doc_id"]) == ["10", "9"]


def test_to_frame_takes_a_missing_column_as_empty():
    row = _mention_row("a", 0)
    del row["surface"]
    frame = to_frame("mentions", [row, _mention_row("a", 5, None)])
    assert frame["surface"].isna().all() and list(frame["start"]) == [0, 5]
    assert len(to_frame("mentions", [])) == 0 and list(to_frame("mentions", []).columns) == list(
        TABLE_COLUMNS["mentions"]
    )


def _through_pandas(table, rows):
    return pa.Table.from_pandas(to_frame(table, rows), schema=arrow_schema(table), preserve_index=False)


def _seed_rows() -> dict[str, list[dict]]:
    from climadiplo.pipeline import annotate_document
    from climadiplo.read.corpus import load_corpus

    rows: dict[str, list[dict]] = {table: [] for table in TABLE_COLUMNS}
    documents = [*load_corpus(None), *load_corpus("data/annotations/invented-news/articles.jsonl")[:20]]
    for document in sorted(documents, key=lambda document: document.doc_id):
        for table, table_rows in annotate_document(document).items():
            rows[table].extend(table_rows)
    return rows


def test_the_arrow_schema_is_the_one_pandas_gives_the_tables():
    for table in TABLE_COLUMNS:
        from_pandas = pa.Schema.from_pandas(to_frame(table, []), preserve_index=False)
        assert arrow_schema(table).equals(from_pandas, check_metadata=True), table


def test_to_table_builds_what_pyarrow_reads_from_to_frames_table():
    for table, rows in _seed_rows().items():
        assert rows, table
        for part in (rows, rows[:1], rows[:0], rows[1:7]):
            assert to_table(table, part).equals(_through_pandas(table, part), check_metadata=True), table


def test_to_table_keeps_nulls_nans_unicode_and_the_sort_of_rows_out_of_order():
    rows = [
        _mention_row("b", 3, "Ðorđe Σ’s 😀"),
        _mention_row("a", 9, None, sentiment_score=float("nan")),
        _mention_row("a", 2, "", actor=None),
        _mention_row("a", 2, "plain"),
    ]
    for part in (rows, rows[1:], [rows[3], rows[0]], [rows[1]]):
        assert to_table("mentions", part).equals(_through_pandas("mentions", part), check_metadata=True)
    # values to_frame converts (numbers in a text column) or refuses (a missing integer) go through pandas
    assert to_table("mentions", [_mention_row(9, 0), _mention_row(10, 0)]).equals(
        _through_pandas("mentions", [_mention_row(9, 0), _mention_row(10, 0)])
    )
    with pytest.raises(TypeError):
        to_table("mentions", [_mention_row("a", 0, sentiment=None)])


def test_a_writer_given_arrow_tables_writes_the_bytes_it_writes_from_dataframes(tmp_path):
    rows = _seed_rows()
    for fmt in FORMATS:
        written = {}
        for build in (to_frame, to_table):
            directory = tmp_path / f"{fmt}-{build.__name__}"
            directory.mkdir()
            writer = TableWriter(directory, fmt)
            half = {table: len(table_rows) // 2 for table, table_rows in rows.items()}
            writer.write({table: build(table, table_rows[: half[table]]) for table, table_rows in rows.items()})
            writer.write({table: build(table, table_rows[half[table] :]) for table, table_rows in rows.items()})
            counts = writer.close()
            assert counts == {table: len(table_rows) for table, table_rows in rows.items()}
            written[build] = {path.name: path.read_bytes() for path in sorted(directory.iterdir())}
        assert written[to_frame] == written[to_table], fmt
