"""The tables a notebook reads: lazily, through pyarrow datasets, filtered to the analyst's selection.

pyarrow (already a dependency for parquet) rather than DuckDB: a dataset scan reads only the
columns asked for and pushes ``doc_id``/``actor``/``outlet`` filters into the parquet reader, and
``Table.group_by`` aggregates sentences per article before anything becomes a pandas frame; DuckDB
would add a 50 MB engine for the same three operations.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from climadiplo.annotate.frames import FRAMES
from climadiplo.schema import SORT_KEYS, TABLE_COLUMNS

SENTENCE_TABLES = ("sentences", "quotes", "mentions", "events")
DOCUMENT_META = ("doc_id", "title", "outlet", "published")


class Tables:
    """One pyarrow dataset per table, file-backed (parquet) or in memory (tables built in the notebook)."""

    def __init__(self, datasets: dict[str, ds.Dataset]):
        self.datasets = datasets

    @classmethod
    def open(cls, folder: str | Path) -> Tables:
        """Open a tables folder lazily (parquet files or partitioned folders); CSV tables are read at once."""
        from climadiplo.tables import read_tables

        folder = Path(folder)
        datasets = {}
        for name in TABLE_COLUMNS:
            candidates = [folder / f"{name}.parquet", folder / name]
            found = next((path for path in candidates if path.exists()), None)
            if found is None:
                return cls.from_frames(read_tables(folder))  # CSV tables, or a missing table (one error line)
            datasets[name] = ds.dataset(found, format="parquet")
        return cls(datasets)

    @classmethod
    def from_frames(cls, frames: dict[str, pd.DataFrame]) -> Tables:
        """Wrap tables already in memory."""
        return cls(
            {name: ds.dataset(pa.Table.from_pandas(frame, preserve_index=False)) for name, frame in frames.items()}
        )

    def scan(self, name: str, columns: list[str] | None = None, filter=None) -> pa.Table:
        """Read the columns asked for of the rows that pass the filter."""
        dataset = self.datasets[name]
        return dataset.to_table(columns=columns, filter=filter)


@dataclass(frozen=True)
class Selection:
    """The articles (and, with an actors filter, the sentences) a notebook analyses; None means all."""

    doc_ids: pa.Array | None = None
    sentences: pa.Table | None = None  # (doc_id, sentence) pairs
    description: str = "all articles"


def select(tables: Tables, outlets=(), date_from: str = "", date_to: str = "", actors=()) -> Selection:
    """Apply the outlet, date range and actor filters of the parameters."""
    parts, condition = [], None
    if outlets:
        condition = ds.field("outlet").isin(list(outlets))
        parts.append(f"outlets {', '.join(outlets)}")
    if date_from:
        later = ds.field("published") >= date_from
        condition = later if condition is None else condition & later
    if date_from or date_to:
        parts.append(f"published {date_from or '…'} to {date_to or '…'}")
    pairs = None
    if condition is None and not date_to and not actors:
        return Selection()
    documents = tables.scan("documents", ["doc_id", "published"], condition)
    if date_to:
        published = pc.fill_null(documents["published"], "")
        prefix = pc.utf8_slice_codeunits(published, 0, len(date_to))
        documents = documents.filter(pc.and_(pc.less_equal(prefix, date_to), pc.greater(pc.utf8_length(published), 0)))
    doc_ids = documents["doc_id"].combine_chunks()
    if actors:
        mentions = tables.scan(
            "mentions", ["doc_id", "sentence"], ds.field("actor").isin(list(actors)) & ds.field("doc_id").isin(doc_ids)
        )
        pairs = mentions.group_by(["doc_id", "sentence"]).aggregate([])
        doc_ids = pc.unique(pairs["doc_id"].combine_chunks()) if len(pairs) else pa.array([], pa.string())
        parts.append(f"sentences naming {', '.join(actors)}")
    return Selection(doc_ids, pairs, "; ".join(parts))


def read(tables: Tables, selection: Selection, name: str, columns: list[str] | None = None) -> pa.Table:
    """One table restricted to the selection (sentence-level tables to the selected sentences), in its sort order."""
    condition = ds.field("doc_id").isin(selection.doc_ids) if selection.doc_ids is not None else None
    wanted = columns
    if columns is not None and selection.sentences is not None and name in SENTENCE_TABLES:
        wanted = list(dict.fromkeys([*columns, "doc_id", "sentence"]))
    table = tables.scan(name, wanted, condition)
    if selection.sentences is not None and name in SENTENCE_TABLES:
        metadata = table.schema.metadata
        table = table.join(selection.sentences, keys=["doc_id", "sentence"], join_type="left semi")
        keys = [key for key in SORT_KEYS[name] if key in table.column_names]
        table = table.sort_by([(key, "ascending") for key in keys]).replace_schema_metadata(metadata)
        if columns is not None:
            table = table.select(columns)
    return table


def to_pandas(table: pa.Table) -> pd.DataFrame:
    """A pandas frame with the table's declared dtypes (text as pandas strings)."""
    frame = table.to_pandas()
    for column in frame.columns:
        if pa.types.is_string(table.schema.field(column).type) or pa.types.is_large_string(
            table.schema.field(column).type
        ):
            frame[column] = frame[column].astype("string")
    return frame


def article_counts(tables: Tables, selection: Selection) -> pd.DataFrame:
    """Per article: sentences and sentences carrying each frame, with outlet, date, month and year.

    The sentences are counted per article inside pyarrow, so only one row per article reaches pandas.
    """
    sentences = read(tables, selection, "sentences", ["doc_id", *FRAMES])
    aggregated = sentences.group_by("doc_id").aggregate([("doc_id", "count"), *[(frame, "sum") for frame in FRAMES]])
    counts = aggregated.to_pandas().rename(columns={"doc_id_count": "n_sentences", **{f"{f}_sum": f for f in FRAMES}})
    meta = to_pandas(read(tables, selection, "documents", list(DOCUMENT_META)))
    merged = meta.merge(counts, on="doc_id", how="inner").sort_values("doc_id").reset_index(drop=True)
    for frame in FRAMES:
        merged[frame] = merged[frame].astype("int64")
    merged["n_sentences"] = merged["n_sentences"].astype("int64")
    published = merged["published"].fillna("").astype(str)
    merged["year"] = published.str.slice(0, 4).where(published.str.fullmatch(r"\d{4}.*"), "undated")
    merged["month"] = published.str.slice(0, 7).where(published.str.fullmatch(r"\d{4}-\d{2}.*"), "undated")
    merged["outlet"] = merged["outlet"].fillna("unknown outlet").astype(str).replace("", "unknown outlet")
    return merged
