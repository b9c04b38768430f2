"""The tables a notebook reads: lazily, through pyarrow datasets, filtered to the analyst's selection.

pyarrow (already a dependency for parquet) rather than DuckDB: a dataset scan reads only the
columns asked for, pushes ``doc_id``/``actor``/``outlet`` filters into the parquet reader and hands
the rows over in batches, and ``Table.group_by`` aggregates them before anything becomes a pandas
frame. DuckDB would add a 50 MB engine for the same operations, and its SQL would be a second
language beside the pandas the analysis functions are written in.

Big tables are never read whole: :func:`chunks` walks the tables of a selection side by side, a few
thousand whole articles at a time (every table is sorted by ``doc_id``), so each analysis function
sees complete articles and memory is bounded by one chunk plus the aggregates kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from climadiplo.annotate.frames import FRAMES
from climadiplo.errors import InputError
from climadiplo.schema import SORT_KEYS, TABLE_COLUMNS

SENTENCE_TABLES = ("sentences", "quotes", "mentions", "events")
DOCUMENT_META = ("doc_id", "title", "outlet", "published")


class Tables:
    """One pyarrow dataset per table, file-backed (parquet) or in memory (tables built in the notebook)."""

    batch_rows = 65_536  # rows decoded at once from one table
    chunk_documents = 1_000  # whole articles handed to an analysis function at once (~35,000 sentences of news)

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

    def batches(self, name: str, columns: list[str], filter=None) -> Iterator[pa.RecordBatch]:
        """The columns asked for of the rows that pass the filter, at most ``batch_rows`` rows at a time."""
        dataset = self.datasets[name]
        # Little read-ahead (no pre-buffered row groups): the point of batches is that memory does not grow
        # with the table.
        options = {"fragment_scan_options": ds.ParquetFragmentScanOptions(pre_buffer=False)}
        return dataset.to_batches(
            columns=columns,
            filter=filter,
            batch_size=self.batch_rows,
            batch_readahead=1,
            fragment_readahead=1,
            use_threads=False,
            **(options if isinstance(dataset, ds.FileSystemDataset) else {}),
        )


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


class _Cursor:
    """Rows of one table read in doc_id order, handed out up to a doc_id at a time."""

    def __init__(self, name: str, tables: Tables, columns: list[str], condition):
        self.name = name
        schema = tables.datasets[name].schema
        self.schema = pa.schema([schema.field(column) for column in columns], metadata=schema.metadata)
        self.batches = iter(tables.batches(name, columns, condition))
        self.pending: pa.RecordBatch | None = None
        self.last: str | None = None

    def _next(self) -> pa.RecordBatch | None:
        for batch in self.batches:
            if batch.num_rows:
                ids = batch.column("doc_id")
                # Chunks of whole articles need the doc_id order every table is written in: check it.
                ordered = batch.num_rows < 2 or pc.all(pc.greater_equal(ids.slice(1), ids.slice(0, len(ids) - 1)))
                if not (ordered is True or ordered.as_py()) or (self.last is not None and ids[0].as_py() < self.last):
                    raise InputError(
                        f"table {self.name}: rows are not sorted by doc_id (write it with climadiplo tables)"
                    )
                self.last = ids[len(ids) - 1].as_py()
                return batch
        return None

    def take(self, upto: str | None) -> pa.Table:
        """The rows whose doc_id is at most upto (all the rest for None)."""
        parts = []
        while True:
            if self.pending is None:
                self.pending = self._next()
                if self.pending is None:
                    break
            batch = self.pending
            size = batch.num_rows if upto is None else pc.sum(pc.less_equal(batch.column("doc_id"), upto)).as_py() or 0
            if size == batch.num_rows:
                parts.append(batch)
                self.pending = None
                continue
            parts.append(batch.slice(0, size))
            self.pending = batch.slice(size)
            break
        return pa.Table.from_batches(parts, schema=self.schema)


def selected_ids(tables: Tables, selection: Selection) -> list[str]:
    """The selected articles' doc_ids in order (one string per article: the size of an aggregate)."""
    ids = selection.doc_ids if selection.doc_ids is not None else tables.scan("documents", ["doc_id"])["doc_id"]
    return sorted(ids.to_pylist())


def chunks(tables: Tables, selection: Selection, columns: dict[str, list[str]]) -> Iterator[dict[str, pa.Table]]:
    """The columns asked for of several tables, ``chunk_documents`` whole articles at a time, in doc_id order.

    Each table is read once, batch by batch, with the selection pushed into the reader; rows of
    articles missing from the documents table come with the last chunk, as a whole read would have them.
    """
    condition = ds.field("doc_id").isin(selection.doc_ids) if selection.doc_ids is not None else None
    cursors, outputs = {}, {}
    for name, wanted in columns.items():
        outputs[name] = list(dict.fromkeys(["doc_id", *wanted]))
        read_columns = outputs[name]
        if selection.sentences is not None and name in SENTENCE_TABLES:
            read_columns = list(dict.fromkeys([*read_columns, "sentence", *SORT_KEYS[name]]))
        cursors[name] = _Cursor(name, tables, read_columns, condition)
    ids = selected_ids(tables, selection)
    size = max(1, tables.chunk_documents)
    for start in range(0, max(len(ids), 1), size):
        upto = ids[start + size - 1] if start + size < len(ids) else None
        part = {}
        for name, cursor in cursors.items():
            table = cursor.take(upto)
            if selection.sentences is not None and name in SENTENCE_TABLES:
                metadata = table.schema.metadata
                table = table.join(selection.sentences, keys=["doc_id", "sentence"], join_type="left semi")
                keys = [(key, "ascending") for key in SORT_KEYS[name]]
                table = table.sort_by(keys).replace_schema_metadata(metadata)
            part[name] = table.select(outputs[name])
        yield part


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

    The sentences are counted per article inside pyarrow, one chunk of articles at a time, so only
    one row per article reaches pandas.
    """
    parts = [
        part["sentences"].group_by("doc_id").aggregate([("doc_id", "count"), *[(frame, "sum") for frame in FRAMES]])
        for part in chunks(tables, selection, {"sentences": list(FRAMES)})
    ]
    counts = pa.concat_tables(parts).to_pandas()
    counts = counts.rename(columns={"doc_id_count": "n_sentences", **{f"{f}_sum": f for f in FRAMES}})
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


def unnamed_actors(actors: Iterable[str], mentioned: set[str]) -> list[str]:
    """One note per actor of an actors filter that no sentence of the corpus names, saying why it may not be."""
    from climadiplo.annotate.actors import fold_accents, load_gazetteer

    absent = [actor for actor in actors if actor not in mentioned]
    gazetteer = load_gazetteer() if absent else None
    notes = []
    for actor in absent:
        if actor in gazetteer.actors:
            why = "an actor of data/actors.csv this corpus does not name"
        elif names := gazetteer.alias_actors.get(fold_accents(actor)):
            # The aliases are keyed accents folded, as the text is matched ("Erdoğan" is the gazetteer's "Erdogan").
            why = f"a name of {', '.join(repr(name) for name in names)}: give the actor's name"
        else:
            why = "not an actor of data/actors.csv, nor a name any sentence here gives"
        notes.append(f"no sentence names '{actor}' ({why})")
    return notes
