"""Write the tables (one file per table, atomically, all at once or chunk by chunk) and read them back."""

from __future__ import annotations

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


def write_tables(
    tables: dict[str, pd.DataFrame],
    out_dir: str | Path,
    fmt: str = "parquet",
    overwrite: bool = False,
    state: OutputState | None = None,
) -> Path:
    """Write one file per table into out_dir atomically; refuse a non-empty folder unless overwrite.

    state: what check_writable saw before the work began (the folder must not have changed since).
    """
    if fmt not in FORMATS:
        raise OutputError(f"--format {fmt}: choose one of {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    state = state or check_writable(out_dir, overwrite)
    staging = make_staging(out_dir)
    try:
        for name, frame in tables.items():
            write_frame(frame, staging / f"{name}.{fmt}", fmt)
        replace_directory(staging, out_dir, state)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out_dir


def write_frame(frame: pd.DataFrame, path: Path, fmt: str) -> None:
    """Write a DataFrame as parquet or CSV with deterministic bytes."""
    if fmt == "parquet":
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

    def __init__(self, directory: Path, fmt: str = "parquet") -> None:
        if fmt not in FORMATS:
            raise OutputError(f"--format {fmt}: choose one of {', '.join(FORMATS)}")
        self.directory = Path(directory)
        self.fmt = fmt
        self.counts = dict.fromkeys(TABLE_COLUMNS, 0)
        self._pending: dict[str, list[pa.Table]] = {name: [] for name in TABLE_COLUMNS}
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._schemas = {name: arrow_schema(name) for name in TABLE_COLUMNS}
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
