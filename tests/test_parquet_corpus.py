"""A parquet corpus (one file or a folder of files): the JSONL fields as columns, checked row by row."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from climadiplo.cli import main
from climadiplo.errors import InputError
from climadiplo.read.corpus import load_corpus, open_corpus

RECORDS = [
    {"doc_id": "b", "text": "Talks resumed in June 2023.", "title": "Talks", "published": "2023-06-20"},
    {"doc_id": "a", "text": "China and India met on Monday.", "outlet": "Daily", "published": "2023-06-19"},
    {"doc_id": "c", "text": "<html><body><p>The envoy said it.</p></body></html>", "is_html": True},
]


def _write(path: Path, records: list[dict], schema: pa.Schema | None = None, **options) -> Path:
    # every field of any record is a column (from_pylist alone takes the first record's)
    names = list(dict.fromkeys(name for record in records for name in record))
    table = pa.Table.from_pylist([{name: r.get(name) for name in names} for r in records], schema=schema)
    pq.write_table(table, path, **options)
    return path


def _fields(documents) -> list[tuple]:
    return [(d.doc_id, d.raw_text, d.is_html, d.title, d.outlet, d.published) for d in documents]


def test_a_parquet_file_reads_as_the_same_jsonl_does(tmp_path):
    import json

    jsonl = tmp_path / "corpus.jsonl"
    jsonl.write_text("".join(json.dumps(record) + "\n" for record in RECORDS), encoding="utf-8")
    parquet = _write(tmp_path / "corpus.parquet", RECORDS)
    documents = load_corpus(parquet)
    assert _fields(documents) == _fields(load_corpus(jsonl))
    assert [d.doc_id for d in documents] == ["a", "b", "c"]
    assert documents[0].source == "corpus.parquet:2"
    assert len({d.sha256 for d in documents}) == 3


def test_a_folder_of_parquet_files_is_read_in_doc_id_order_with_small_row_groups(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    many = [{"doc_id": f"d{n:03d}", "text": f"Article {n} was written in 2020."} for n in range(60)]
    _write(folder / "one.parquet", many[1::2][::-1], row_group_size=4)
    _write(folder / "two.parquet", many[0::2], row_group_size=7)
    lazy = open_corpus(folder)
    assert len(lazy) == 60
    assert [d.raw_text for d in lazy] == [r["text"] for r in many]
    assert [d.doc_id for d in lazy] == [r["doc_id"] for r in many]  # iterable again


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ([{"doc_id": 5, "text": "x"}], "row 1: 'doc_id' must be a string, not a number (5)"),
        (
            [{"doc_id": "a", "text": "x"}, {"doc_id": "b", "text": None}],
            "row 2: no 'text' value (a string) in this row",
        ),
        ([{"doc_id": "a", "text": "x"}, {"doc_id": None, "text": "y"}], "row 2: no 'doc_id' value in this row"),
        ([{"doc_id": "a", "text": "  "}], "row 1: empty 'text'"),
        ([{"doc_id": "a", "text": "x", "published": "2023-02-30"}], "row 1: 'published' '2023-02-30' is not a date"),
        ([{"doc_id": "a", "text": "x", "is_html": "false"}], "row 1: 'is_html' must be true or false"),
        ([{"doc_id": "a b", "text": "x"}], "row 1: doc_id 'a b' must be"),
        ([{"doc_id": "a", "text": "x"}, {"doc_id": "a", "text": "y"}], "row 2: duplicate doc_id 'a'"),
        ([{"doc_id": "a"}], "no 'text' column"),
        ([{"doc_id": "a", "text": ["x"]}], "row 1: no 'text' value (a string, not a list"),
    ],
)
def test_a_bad_row_is_refused_in_one_line_naming_the_file_and_row(tmp_path, records, message):
    path = _write(tmp_path / "bad.parquet", records)
    with pytest.raises(InputError) as error:
        open_corpus(path)
    assert message in str(error.value)
    assert "bad.parquet" in str(error.value)
    assert "\n" not in str(error.value)


def test_files_that_are_not_a_parquet_corpus_are_refused(tmp_path):
    (tmp_path / "junk.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(InputError, match="not a readable parquet file"):
        open_corpus(tmp_path / "junk.parquet")
    empty = _write(tmp_path / "empty.parquet", [], schema=pa.schema([("doc_id", pa.string()), ("text", pa.string())]))
    with pytest.raises(InputError, match="empty parquet corpus"):
        open_corpus(empty)
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    _write(mixed / "a.parquet", RECORDS)
    (mixed / "b.txt").write_text("An article.", encoding="utf-8")
    with pytest.raises(InputError, match=r"both \.parquet files and text files"):
        open_corpus(mixed)


def test_a_bad_row_at_the_end_stops_the_tables_command_before_any_work(tmp_path, capsys):
    path = _write(tmp_path / "late.parquet", [*RECORDS, {"doc_id": "z", "text": "x", "reference_date": "soon"}])
    status = main(["tables", "--corpus", str(path), "--out", str(tmp_path / "out")])
    error = capsys.readouterr().err
    assert status == 2
    assert "late.parquet: row 4: 'reference_date' 'soon' is not a date" in error
    assert len(error.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["late.parquet"]
