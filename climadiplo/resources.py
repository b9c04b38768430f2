"""Locate and load the rule data shipped in ``data/`` (CSV files with a header)."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir() -> Path:
    """Return the folder holding the project's data files (checkout or installed wheel)."""
    # A checkout (editable install) keeps data/ beside the package; a wheel ships a copy
    # as climadiplo/_data. Prefer the checkout so edits to the CSVs take effect at once.
    for candidate in (_PACKAGE_DIR.parent / "data", _PACKAGE_DIR / "_data"):
        if (candidate / "lexicons").is_dir():
            return candidate
    raise FileNotFoundError(f"climadiplo data folder not found beside {_PACKAGE_DIR}")


def data_path(*parts: str) -> Path:
    """Return the path of a file under the data folder."""
    return data_dir().joinpath(*parts)


@cache
def read_rows(*parts: str) -> tuple[dict[str, str], ...]:
    """Read a CSV under ``data/`` into rows of stripped strings, skipping blank lines."""
    path = data_path(*parts)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = []
        for row in csv.DictReader(handle):
            cleaned = {key.strip(): (value or "").strip() for key, value in row.items() if key}
            if any(cleaned.values()):
                rows.append(cleaned)
    return tuple(rows)


def read_column(*parts: str, column: str) -> tuple[str, ...]:
    """Read one column of a CSV under ``data/`` as a tuple of non-empty strings."""
    return tuple(row[column] for row in read_rows(*parts) if row.get(column))
