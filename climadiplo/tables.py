"""Write the tables (one file per table, atomically, all at once or chunk by chunk) and read them back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from climadiplo.errors import InputError, OutputError
from climadiplo.files import OutputState, check_writable, make_staging, replace_directory
from climadiplo.schema import TABLE_COLUMNS, arrow_schema, to_frame

if TYPE_CHECKING:  # (pandas is imported where it is used: writing parquet from pyarrow tables needs none)
    import pandas as pd

FORMATS = ("parquet", "csv")
ROW_GROUP_ROWS = 100_000  # a parquet row group is written when a table has this many rows waiting...
ROW_GROUP_BYTES = 32_000_000  # ...or this many bytes (the documents table carries whole articles)
RECORD_KEY = b"climadiplo"  # the parquet schema metadata that says which methods made the table
RECORDED = ("frames_method", "sentiment_method")


def table_record(frames_method: str, sentiment_method: str) -> dict[str, str]:
    """What made a table, as each parquet file keeps it in its schema metadata (read_table_record reads it)."""
    from climadiplo import __version__

    return {"frames_method": frames_method, "sentiment_method": sentiment_method, "climadiplo_version": __version__}


def _with_record(schema: pa.Schema, record: dict[str, str] | None) -> pa.Schema:
    """The schema with the tables' record (methods, version) in its metadata under ``RECORD_KEY``."""
    if record is None:
        return schema
    return schema.with_metadata({**(schema.metadata or {}), RECORD_KEY: json.dumps(record, sort_keys=True).encode()})


def write_tables(
    tables: dict[str, pd.DataFrame],
    out_dir: str | Path,
    fmt: str = "parquet",
    overwrite: bool = False,
    state: OutputState | None = None,
    record: dict[str, str] | None = None,
) -> Path:
    """Write one file per table into out_dir atomically; refuse a non-empty folder unless overwrite.

    state: what check_writable saw before the work began (the folder must not have changed since).
    record: which methods made the tables (table_record), kept in each parquet file's schema metadata.
    """
    if fmt not in FORMATS:
        raise OutputError(f"--format {fmt}: choose one of {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    state = state or check_writable(out_dir, overwrite)
    staging = make_staging(out_dir)
    try:
        for name, frame in tables.items():
            write_frame(frame, staging / f"{name}.{fmt}", fmt, record)
        replace_directory(staging, out_dir, state)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out_dir


def write_frame(frame: pd.DataFrame, path: Path, fmt: str, record: dict[str, str] | None = None) -> None:
    """Write a DataFrame as parquet (record, if any, in its schema metadata) or CSV, with deterministic bytes."""
    if fmt == "parquet" and record is not None:
        table = pa.Table.from_pandas(frame, preserve_index=False)  # as DataFrame.to_parquet, plus the record
        pq.write_table(
            table.replace_schema_metadata(_with_record(table.schema, record).metadata), path, compression="zstd"
        )
    elif fmt == "parquet":
        frame.to_parquet(path, index=False, engine="pyarrow", compression="zstd")
    else:
        frame.to_csv(path, index=False, lineterminator="\n")


def _read_table(path: Path, name: str, fmt: str) -> pd.DataFrame:
    """One table file, checked against the data dictionary; a damaged file is refused in one line."""
    import pandas as pd

    try:
        frame = pd.read_parquet(path) if fmt == "parquet" else pd.read_csv(path, keep_default_na=False, na_values=[""])
    except Exception as error:  # pyarrow and pandas raise many types for a damaged file
        reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        raise InputError(f"{path}: not a readable {fmt} table ({reason})") from None
    missing = [column for column in TABLE_COLUMNS[name] if column not in frame.columns]
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(missing)}; not a climadiplo {name} table")
    if fmt == "csv":
        try:
            return to_frame(name, frame.to_dict("records"))
        except (ValueError, TypeError) as error:
            reason = str(error).splitlines()[0][:200]
            raise InputError(f"{path}: a column holds values of the wrong type ({reason})") from None
    return frame


class TableWriter:
    """Append chunks of every table to one file per table: parquet row groups, or CSV rows under one header.

    The chunks must come in table order; the files are then the same as write_tables writes for the whole.
    """

    def __init__(self, directory: Path, fmt: str = "parquet", record: dict[str, str] | None = None) -> None:
        if fmt not in FORMATS:
            raise OutputError(f"--format {fmt}: choose one of {', '.join(FORMATS)}")
        self.directory = Path(directory)
        self.fmt = fmt
        self.counts = dict.fromkeys(TABLE_COLUMNS, 0)
        self._pending: dict[str, list[pa.Table]] = {name: [] for name in TABLE_COLUMNS}
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._schemas = {name: _with_record(arrow_schema(name), record) for name in TABLE_COLUMNS}  # (parquet)
        if fmt == "csv":
            for name in TABLE_COLUMNS:
                write_frame(to_frame(name, []), self._path(name), fmt)

    def _path(self, name: str) -> Path:
        return self.directory / f"{name}.{self.fmt}"

    def write(self, frames: dict[str, pd.DataFrame | pa.Table]) -> None:
        """Append one chunk's rows of each table (DataFrames of ``to_frame``, or pyarrow tables of ``to_table``)."""
        for name, frame in frames.items():
            if not len(frame):
                continue
            self.counts[name] += len(frame)
            if self.fmt == "csv":
                if isinstance(frame, pa.Table):
                    frame = frame.to_pandas()
                frame.to_csv(self._path(name), mode="a", header=False, index=False, lineterminator="\n")
                continue
            pending = self._pending[name]
            if not isinstance(frame, pa.Table):
                frame = pa.Table.from_pandas(frame, schema=self._schemas[name], preserve_index=False)
            pending.append(frame)
            if (
                sum(len(table) for table in pending) >= ROW_GROUP_ROWS
                or sum(t.nbytes for t in pending) >= ROW_GROUP_BYTES
            ):
                self._flush(name)

    def _flush(self, name: str) -> None:
        if name not in self._writers:
            self._writers[name] = pq.ParquetWriter(self._path(name), self._schemas[name], compression="zstd")
        if self._pending[name]:
            self._writers[name].write_table(pa.concat_tables(self._pending[name]), row_group_size=ROW_GROUP_ROWS)
        self._pending[name] = []

    def close(self) -> dict[str, int]:
        """Write what is still waiting, close the files and return the row count of each table."""
        if self.fmt == "parquet":
            for name in TABLE_COLUMNS:
                self._flush(name)
                self._writers.pop(name).close()
        return dict(self.counts)


def read_table_record(tables_dir: str | Path) -> dict[str, str] | None:
    """Which methods made a folder of tables: its parquet files' record, or the manifest of the run it is part of.

    None when nothing says (CSV tables, or tables written before the record); a folder whose files disagree (tables
    of two builds) is refused in one line.
    """
    tables_dir = Path(tables_dir)
    records = {}
    for name in TABLE_COLUMNS:
        path = tables_dir / f"{name}.parquet"
        if path.is_file():
            try:
                metadata = pq.read_schema(path).metadata or {}
            except Exception as error:  # as _read_table: pyarrow raises many types for a damaged file
                raise InputError(f"{path}: not a readable parquet table ({str(error).splitlines()[0][:200]})") from None
            try:
                recorded = json.loads(metadata[RECORD_KEY]) if RECORD_KEY in metadata else {}
            except ValueError:
                raise InputError(f"{path}: its climadiplo metadata is not JSON") from None
            records[name] = tuple(recorded.get(key) for key in RECORDED) if isinstance(recorded, dict) else ()
    if len(set(records.values())) > 1:
        shown = ", ".join(f"{name}: {'/'.join(map(str, methods)) or 'none'}" for name, methods in records.items())
        raise InputError(f"{tables_dir}: its tables were made with different methods ({shown}); rebuild them together")
    methods = next(iter(records.values()), ())
    if methods and None not in methods:
        return dict(zip(RECORDED, methods, strict=True))
    manifest = tables_dir.parent / "manifest.json"  # a run's folder: DIR/tables beside DIR/manifest.json
    if tables_dir.name == "tables" and manifest.is_file():
        try:
            options = json.loads(manifest.read_text(encoding="utf-8")).get("table_options", {})
        except (ValueError, UnicodeDecodeError, AttributeError):
            return None  # not a manifest this can read: nothing says
        if isinstance(options, dict) and all(isinstance(options.get(key), str) for key in RECORDED):
            return {key: options[key] for key in RECORDED}
    return None


def read_tables(tables_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Read the tables a previous ``climadiplo tables`` run wrote (parquet or CSV); all must be there."""
    tables_dir = Path(tables_dir)
    if not tables_dir.is_dir():
        raise InputError(f"{tables_dir}: tables folder not found")
    tables = {}
    for name in TABLE_COLUMNS:
        for fmt in FORMATS:
            path = tables_dir / f"{name}.{fmt}"
            if path.is_file():
                tables[name] = _read_table(path, name, fmt)
                break
    missing = [name for name in TABLE_COLUMNS if name not in tables]
    if missing:
        raise InputError(
            f"{tables_dir}: missing table(s) {', '.join(missing)} (rebuild with climadiplo tables --out {tables_dir} --overwrite)"
        )
    return tables
