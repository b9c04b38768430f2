"""The data dictionary in code (climadiplo.schema) is the one data/README.md shows, and the tables follow it."""

from __future__ import annotations

import re

from climadiplo.resources import data_path
from climadiplo.schema import COLUMNS, TABLE_COLUMNS, markdown_columns


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
