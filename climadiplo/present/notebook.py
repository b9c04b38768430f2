"""What a notebook calls first: load the tables once, point figures at the run folder, record key values."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import pandas as pd

from climadiplo.errors import InputError
from climadiplo.files import write_text_atomically
from climadiplo.pipeline import build_tables
from climadiplo.present import figures
from climadiplo.read.corpus import load_corpus
from climadiplo.tables import read_tables


@dataclass(frozen=True)
class Parameters:
    """Every notebook parameter with its default: the parameters cells, ``start`` and ``climadiplo run`` use these."""

    corpus: str = ""  # folder of .txt/.md/.html files or a .jsonl file; empty: the seed corpus
    tables: str = ""  # folder of prebuilt tables from climadiplo tables; empty: build them here
    out_dir: str = ""  # where figures/ and values/ are written; empty: ../reports/interactive
    figure_formats: tuple[str, ...] = ("svg", "png")
    seed: int = 0  # seed of every bootstrap
    n_boot: int = 1000  # bootstrap resamples for confidence intervals

    def as_dict(self) -> dict:
        """The parameters as plain JSON-ready values (lists for tuples)."""
        return {name: list(value) if isinstance(value, tuple) else value for name, value in asdict(self).items()}


PARAMETER_NAMES = tuple(item.name for item in fields(Parameters))
PATH_PARAMETERS = ("corpus", "tables", "out_dir")  # climadiplo run sets these from --corpus and --out
RUN_PARAMETERS = tuple(name for name in PARAMETER_NAMES if name not in PATH_PARAMETERS)


def _whole_number(name: str, value: object) -> int:
    """A whole-number parameter as given: 7, 7.0 or "7"; never 1.7 silently read as 1, nor true as 1."""
    if isinstance(value, str) and value.strip().lstrip("+-").isdigit():
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise InputError(f"parameter {name}={value!r}: expected a whole number")


def validate_parameters(parameters: dict, allowed: tuple[str, ...] = RUN_PARAMETERS) -> Parameters:
    """Check notebook parameters (known names, right types, sensible values) and return them with defaults."""
    unknown = sorted(set(parameters) - set(allowed))
    if unknown:
        hint = " (use --corpus and --out for paths)" if allowed == RUN_PARAMETERS else ""
        raise InputError(f"unknown parameter(s) {', '.join(unknown)}; the notebooks take {', '.join(allowed)}{hint}")
    merged = {**Parameters().as_dict(), **parameters}
    if isinstance(merged["figure_formats"], str):
        merged["figure_formats"] = [part.strip() for part in merged["figure_formats"].split(",") if part.strip()]
    for name in ("seed", "n_boot"):
        merged[name] = _whole_number(name, merged[name])
    if not isinstance(merged["figure_formats"], (list, tuple)):
        raise InputError(f"parameter figure_formats={merged['figure_formats']!r}: expected a list")
    for name in PATH_PARAMETERS:
        if not isinstance(merged[name], str):
            raise InputError(f"parameter {name}={merged[name]!r}: expected a path (text)")
    if merged["n_boot"] < 100:
        raise InputError(
            f"parameter n_boot={merged['n_boot']}: use at least 100 resamples (1,000 or more for reported CIs)"
        )
    bad = [fmt for fmt in merged["figure_formats"] if fmt not in figures.FORMATS]
    if bad or not merged["figure_formats"]:
        raise InputError(
            f"parameter figure_formats={merged['figure_formats']!r}: choose from {', '.join(figures.FORMATS)}"
        )
    merged["figure_formats"] = tuple(merged["figure_formats"])
    return Parameters(**merged)


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


def start(name: str, **parameters) -> Session:
    """Open a notebook session: read prebuilt tables (or build them from the corpus; '' = seed corpus)."""
    checked = validate_parameters(parameters, allowed=PARAMETER_NAMES)
    loaded = read_tables(checked.tables) if checked.tables else build_tables(load_corpus(checked.corpus or None))
    out = Path(checked.out_dir or Path.cwd().parent / "reports" / "interactive")
    out.mkdir(parents=True, exist_ok=True)
    recorded = {
        "corpus": checked.corpus or "seed corpus",
        "figure_formats": list(checked.figure_formats),
        "seed": checked.seed,
        "n_boot": checked.n_boot,
    }
    figures.configure(out, notebook=name, parameters=recorded, formats=checked.figure_formats)
    return Session(name, loaded, out, recorded)
