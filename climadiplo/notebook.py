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
    if int(n_boot) < 100:
        raise InputError(f"n_boot={n_boot}: use at least 100 bootstrap resamples (1,000 or more for reported CIs)")
    loaded = read_tables(tables) if tables else build_tables(load_corpus(corpus or None))
    out = Path(out_dir or Path.cwd().parent / "reports" / "interactive")
    out.mkdir(parents=True, exist_ok=True)
    parameters = {
        "corpus": corpus or "seed corpus",
        "figure_formats": list(figure_formats),
        "seed": int(seed),
        "n_boot": int(n_boot),
    }
    figures.configure(out, notebook=name, parameters=parameters, formats=tuple(figure_formats))
    return Session(name, loaded, out, parameters)
