"""What a notebook calls first: load the tables once, point figures at the run folder, record key values."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import figures
from .corpus import load_corpus
from .errors import InputError
from .files import write_text_atomically
from .tables import build_tables, read_tables

PARAMETER_TYPES = {"figure_formats": list, "seed": int, "n_boot": int}
ALLOWED_PARAMETERS = ("figure_formats", "seed", "n_boot")
DEFAULTS = {"figure_formats": ["svg", "png"], "seed": 0, "n_boot": 1000}


def validate_parameters(parameters: dict) -> dict:
    """Check notebook parameters: known names, right types, sensible values; return them with defaults."""
    unknown = sorted(set(parameters) - set(ALLOWED_PARAMETERS))
    if unknown:
        raise InputError(
            f"unknown parameter(s) {', '.join(unknown)}; the notebooks take {', '.join(ALLOWED_PARAMETERS)} (use --corpus and --out for paths)"
        )
    merged = {**DEFAULTS, **parameters}
    if isinstance(merged["figure_formats"], str):
        merged["figure_formats"] = [part.strip() for part in merged["figure_formats"].split(",") if part.strip()]
    for name, kind in PARAMETER_TYPES.items():
        value = merged[name]
        if kind is int:
            try:
                merged[name] = int(value)
            except (TypeError, ValueError):
                raise InputError(f"parameter {name}={value!r}: expected a whole number") from None
        elif not isinstance(value, list):
            raise InputError(f"parameter {name}={value!r}: expected a list")
    if merged["n_boot"] < 100:
        raise InputError(
            f"parameter n_boot={merged['n_boot']}: use at least 100 resamples (1,000 or more for reported CIs)"
        )
    bad = [fmt for fmt in merged["figure_formats"] if fmt not in figures.FORMATS]
    if bad or not merged["figure_formats"]:
        raise InputError(
            f"parameter figure_formats={merged['figure_formats']!r}: choose from {', '.join(figures.FORMATS)}"
        )
    return merged


@dataclass
class Session:
    """A notebook's tables and outputs: figures go to out_dir/figures, recorded values to out_dir/values."""

    name: str
    tables: dict[str, pd.DataFrame]
    out_dir: Path
    parameters: dict
    values: dict = field(default_factory=dict)

    def __getitem__(self, table: str) -> pd.DataFrame:
        return self.tables[table]

    def record(self, name: str, value) -> object:
        """Keep a key number (or small table) for the report and for tests; returns the value."""
        self.values[name] = _plain(value)
        folder = self.out_dir / "values"
        folder.mkdir(parents=True, exist_ok=True)
        write_text_atomically(
            folder / f"{self.name}.json", json.dumps(self.values, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        )
        return value

    def save_figure(self, fig, label: str, caption: str, tables: list[str]) -> dict:
        """Save a figure for citation (see climadiplo.figures.save)."""
        return figures.save(fig, label, caption, tables)


def _plain(value):
    """JSON-ready values: DataFrames as records, floats rounded, NaN as None."""
    if isinstance(value, pd.DataFrame):
        return [_plain(record) for record in value.to_dict("records")]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 4)
    return value


def start(
    name: str,
    corpus: str = "",
    tables: str = "",
    out_dir: str = "",
    figure_formats=("svg", "png"),
    seed: int = 0,
    n_boot: int = 1000,
) -> Session:
    """Open a notebook session: read prebuilt tables (or build them from the corpus; '' = seed corpus)."""
    checked = validate_parameters({"figure_formats": list(figure_formats), "seed": seed, "n_boot": n_boot})
    loaded = read_tables(tables) if tables else build_tables(load_corpus(corpus or None))
    out = Path(out_dir or Path.cwd().parent / "reports" / "interactive")
    out.mkdir(parents=True, exist_ok=True)
    parameters = {"corpus": corpus or "seed corpus", **checked}
    figures.configure(out, notebook=name, parameters=parameters, formats=tuple(checked["figure_formats"]))
    return Session(name, loaded, out, parameters)
