"""The data dictionary in code (climadiplo.schema) is the one data/README.md shows, and the tables follow it."""

from __future__ import annotations

import re

from climadiplo.resources import data_path
from climadiplo.schema import COLUMNS, TABLE_COLUMNS, markdown_columns, to_frame


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
