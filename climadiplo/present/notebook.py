"""What a notebook calls first: load the tables once, point figures at the run folder, record key values."""

from __future__ import annotations

import inspect
import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from climadiplo.errors import InputError
from climadiplo.files import write_text_atomically
from climadiplo.pipeline import build_tables
from climadiplo.present import figures
from climadiplo.present.selection import Selection, Tables, article_counts, chunks, read, select, to_pandas
from climadiplo.read.corpus import load_corpus


@dataclass(frozen=True)
class Parameters:
    """Every notebook parameter with its default: the parameters cells, ``start`` and ``climadiplo run`` use these."""

    corpus: str = ""  # folder of .txt/.md/.html files or a .jsonl file; empty: the seed corpus
    tables: str = ""  # folder of prebuilt tables from climadiplo tables; empty: build them here
    out_dir: str = ""  # where figures/ and values/ are written; empty: exploration/ in the checkout
    figure_formats: tuple[str, ...] = ("svg", "png")
    seed: int = 0  # seed of every bootstrap
    n_boot: int = 1000  # bootstrap resamples for confidence intervals
    actors: tuple[str, ...] = ()  # only the sentences (and articles) that name one of these actors; empty: all
    sides: tuple[tuple[str, tuple[str, ...]], ...] = ()  # side -> its actors; empty: the side column of data/actors.csv
    date_from: str = ""  # first publication date kept (YYYY, YYYY-MM or YYYY-MM-DD); empty: no limit
    date_to: str = ""  # last publication date kept (inclusive, same forms); empty: no limit
    outlets: tuple[str, ...] = ()  # only articles of these outlets; empty: all
    group_by: str = "outlet"  # the groups compared in the by-group views: outlet, month, year, side, voice
    min_count: int = 3  # smallest group shown on its own (articles for frame shares, quotes for speakers)
    top_n: int = 10  # longest list shown in a figure; the rest is merged into "other"
    sensitivity_terms: int = 10  # lexicon terms in the drop-one-term sensitivity table (most frequent first); 0: skip

    def as_dict(self) -> dict:
        """The parameters as plain JSON-ready values (lists for tuples, a mapping for sides)."""
        plain = {name: list(value) if isinstance(value, tuple) else value for name, value in asdict(self).items()}
        plain["sides"] = {side: list(actors) for side, actors in self.sides}
        return plain


PARAMETER_NAMES = tuple(item.name for item in fields(Parameters))
PATH_PARAMETERS = ("corpus", "tables", "out_dir")  # climadiplo run sets these from --corpus and --out
RUN_PARAMETERS = tuple(name for name in PARAMETER_NAMES if name not in PATH_PARAMETERS)
LIST_PARAMETERS = ("figure_formats", "actors", "outlets")
TEXT_PARAMETERS = ("date_from", "date_to", "group_by")
GROUPS = ("outlet", "month", "year", "side", "voice")
# Bounds keep a typo from taking a kernel to gigabytes (n_boot 10,000,000 did) and keep figures legible.
INT_BOUNDS = {
    "seed": (0, 2**32 - 1),
    "n_boot": (100, 100_000),
    "min_count": (1, 1_000_000),
    "top_n": (1, 50),
    "sensitivity_terms": (0, 1_000),
}
MAX_LIST = 1_000  # entries in a list parameter
MAX_TEXT = 1_000  # characters in one text parameter
# Per-article lists are kept in values/<notebook>.json up to this many articles; beyond, the CSV beside it holds
# them (at 275,000 articles the list made the JSON 206 MB, rewritten by every later record).
VALUE_ARTICLES = 1_000
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _clip(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 3] + "..."


def _short(value) -> str:
    """A bounded repr for error lines: a huge value must not make a huge (or slow) message."""
    return _clip(repr(value)) if not isinstance(value, (dict, list, tuple)) or len(value) < 50 else type(value).__name__


def _as_int(name: str, value) -> int:
    low, high = INT_BOUNDS[name]
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InputError(f"parameter {name}={_short(value)}: expected a whole number")
    try:
        number = float(value) if not isinstance(value, int) else value
    except ValueError:
        raise InputError(f"parameter {name}={_short(value)}: expected a whole number") from None
    if isinstance(number, float) and (not math.isfinite(number) or not number.is_integer()):
        raise InputError(f"parameter {name}={_short(value)}: expected a whole number")
    number = int(number)
    if number < low:
        hint = " resamples (1,000 or more for reported CIs)" if name == "n_boot" else ""
        raise InputError(f"parameter {name}={number}: use at least {low:,}{hint}")
    if number > high:
        raise InputError(f"parameter {name}={number}: use at most {high:,}")
    return number


def _as_list(name: str, value) -> tuple[str, ...]:
    """A list of text; a single string is one entry, or several separated by commas (papermill's -p)."""
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, (list, tuple)):
        raise InputError(f"parameter {name}={_short(value)}: expected a list of names (or one name)")
    if len(value) > MAX_LIST or not all(isinstance(item, str) and len(item) <= MAX_TEXT for item in value):
        raise InputError(f"parameter {name}={_short(value)}: expected at most {MAX_LIST} names, each text")
    return tuple(dict.fromkeys(item.strip() for item in value if item.strip()))


def _as_sides(value) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Sides as (name, actors): a mapping side -> actors, or side names taken from data/actors.csv."""
    from climadiplo.annotate.actors import load_gazetteer

    gazetteer = {}
    for actor in load_gazetteer().actors.values():
        if actor.side and actor.side != "other":
            gazetteer.setdefault(actor.side, []).append(actor.name)
    if isinstance(value, (str, list, tuple)):
        names = _as_list("sides", value) or tuple(gazetteer)
        unknown = [name for name in names if name not in gazetteer]
        if unknown:
            raise InputError(
                f"parameter sides: no actor of side {_short(unknown[0])} in data/actors.csv (sides there: "
                f"{', '.join(sorted(gazetteer))}); give a mapping side -> actors instead"
            )
        value = {name: gazetteer[name] for name in names}
    if not isinstance(value, dict) or len(value) > MAX_LIST:
        raise InputError(f"parameter sides={_short(value)}: expected a mapping of side names to lists of actors")
    if not value:
        value = gazetteer
    sides = []
    for side, actors in value.items():
        if not isinstance(side, str) or not side.strip():
            raise InputError(f"parameter sides: side name {_short(side)} is not text")
        members = _as_list(f"sides[{side}]", actors)
        if not members:
            raise InputError(f"parameter sides: side {_short(side)} has no actors")
        sides.append((side.strip(), tuple(sorted(members))))
    return tuple(sorted(sides))


def _as_text(name: str, value) -> str:
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise InputError(f"parameter {name}={_short(value)}: expected text")
    return value.strip()


def _as_date(name: str, value) -> str:
    import datetime

    text = _as_text(name, value)
    if not text:
        return ""
    full = text + "-01" * (2 - text.count("-")) if _DATE.fullmatch(text) else ""
    try:
        datetime.date.fromisoformat(full)
    except ValueError:
        raise InputError(f"parameter {name}={_short(value)}: expected a date YYYY, YYYY-MM or YYYY-MM-DD") from None
    return text


def validate_parameters(parameters: dict, allowed: tuple[str, ...] = RUN_PARAMETERS) -> Parameters:
    """Check notebook parameters (known names, right types, sensible values) and return them with defaults."""
    if not isinstance(parameters, dict):
        raise InputError("parameters: expected a mapping of parameter names to values")
    unknown = sorted(str(name) for name in set(parameters) - set(allowed))
    if unknown:
        hint = " (use --corpus and --out for paths)" if allowed == RUN_PARAMETERS else ""
        raise InputError(
            f"unknown parameter(s) {_clip(', '.join(unknown))}; the notebooks take {', '.join(allowed)}{hint}"
        )
    merged = {**Parameters().as_dict(), **parameters}
    for name in INT_BOUNDS:
        merged[name] = _as_int(name, merged[name])
    for name in LIST_PARAMETERS:
        merged[name] = _as_list(name, merged[name])
    for name in PATH_PARAMETERS:
        if not isinstance(merged[name], str):
            raise InputError(f"parameter {name}={_short(merged[name])}: expected a path (text)")
    bad = [fmt for fmt in merged["figure_formats"] if fmt not in figures.FORMATS]
    if bad or not merged["figure_formats"]:
        raise InputError(
            f"parameter figure_formats={_short(list(merged['figure_formats']))}: choose from {', '.join(figures.FORMATS)}"
        )
    merged["group_by"] = _as_text("group_by", merged["group_by"])
    if merged["group_by"] not in GROUPS:
        raise InputError(f"parameter group_by={_short(merged['group_by'])}: choose from {', '.join(GROUPS)}")
    for name in ("date_from", "date_to"):
        merged[name] = _as_date(name, merged[name])
    if merged["date_from"] and merged["date_to"] and merged["date_from"] > merged["date_to"]:
        raise InputError(f"parameters date_from={merged['date_from']} and date_to={merged['date_to']}: empty range")
    merged["sides"] = _as_sides(merged["sides"])
    return Parameters(**merged)


class Session:
    """A notebook's tables (read lazily, filtered to the selection) and outputs: figures/ and values/ under out_dir."""

    def __init__(self, name: str, tables: Tables, selection: Selection, out_dir: Path, params: Parameters):
        self.name = name
        self.source = tables
        self.selection = selection
        self.out_dir = out_dir
        self.params = params
        self.parameters = params.as_dict()
        self.values: dict = {}
        self._loaded: dict[str, pd.DataFrame] = {}

    def __getitem__(self, table: str) -> pd.DataFrame:
        """A whole table (its selected rows) as pandas, read on first use: for small corpora only."""
        if table not in self._loaded:
            self._loaded[table] = to_pandas(read(self.source, self.selection, table))
        return self._loaded[table]

    def load(self, table: str, columns: list[str]) -> pd.DataFrame:
        """Only some columns of a table (its selected rows): for the documents table (one row per article)."""
        if table in self._loaded:
            return self._loaded[table][columns]
        return to_pandas(read(self.source, self.selection, table, columns))

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table as pandas (loads them all: for small corpora and evaluation)."""
        return {name: self[name] for name in self.source.datasets}

    def tables_of(self, doc_ids) -> dict[str, pd.DataFrame]:
        """Every table restricted to some articles of the selection (the hand-coded ones), the filter pushed down."""
        wanted = set(doc_ids)
        if self.selection.doc_ids is not None:
            wanted &= set(self.selection.doc_ids.to_pylist())
        only = Selection(pa.array(sorted(wanted), pa.string()), self.selection.sentences, self.selection.description)
        return {name: to_pandas(read(self.source, only, name)) for name in self.source.datasets}

    def chunks(self, **columns: list[str]) -> Iterator[dict[str, pd.DataFrame]]:
        """The columns asked for of each table, as pandas, a chunk of whole articles at a time (doc_id order)."""
        for part in chunks(self.source, self.selection, columns):
            yield {name: to_pandas(table) for name, table in part.items()}

    def frames(self, table: str, columns: list[str]) -> Frames:
        """One table's columns as a re-iterable sequence of chunks of whole articles (for two-pass functions)."""
        return Frames(self, table, columns)

    def stream(self, function: Callable[..., pd.DataFrame], **arguments) -> pd.DataFrame:
        """function over chunks of whole articles, results concatenated: memory for one chunk and the results.

        Arguments named after a table give its columns; the chunk's frames are passed in that order,
        the other arguments as they are. A ``seed`` becomes one generator shared by every chunk, so a
        per-article bootstrap draws what one call over the whole table would have drawn.
        """
        tables = {name: value for name, value in arguments.items() if name in self.source.datasets}
        rest = {name: value for name, value in arguments.items() if name not in tables}
        if "seed" in rest:
            rest["seed"] = np.random.default_rng(rest["seed"])
        results = [function(*part.values(), **rest) for part in self.chunks(**tables)]
        filled = [result for result in results if len(result)]
        return pd.concat(filled, ignore_index=True) if filled else results[0]

    def head(self, table: str, columns: list[str], n: int) -> pd.DataFrame:
        """The first n rows of a table in its sort order, reading no further than needed."""
        parts, size = [], 0
        for part in self.chunks(**{table: columns}):
            parts.append(part[table])
            size += len(part[table])
            if size >= n:
                break
        return pd.concat(parts, ignore_index=True)[columns].head(n)

    def top(
        self, table: str, columns: list[str], by: list[str], ascending: list[bool], n: int, any_of=()
    ) -> pd.DataFrame:
        """The n first rows in the order given (of the rows where any of the any_of columns is true), chunk by chunk."""
        wanted = list(dict.fromkeys([*columns, *by, *any_of]))
        best = None
        for part in self.chunks(**{table: wanted}):
            rows = part[table]
            if any_of:
                rows = rows[rows[list(any_of)].fillna(False).astype(bool).any(axis=1)]
            rows = rows if best is None else pd.concat([best, rows], ignore_index=True) if len(rows) else best
            best = rows.sort_values(by, ascending=ascending, kind="stable").head(n).reset_index(drop=True)
        return best[columns]

    def value_counts(self, table: str, column: str, **equal) -> pd.Series:
        """How often each value of a column occurs (in rows where the columns given equal their values), largest first."""
        counts: dict = {}
        for part in self.chunks(**{table: [column, *equal]}):
            rows = part[table]
            for name, value in equal.items():
                rows = rows[rows[name] == value]
            # Values in order of first appearance, as pandas' own value_counts orders equal counts.
            for value, count in rows[column].value_counts(sort=False).items():
                counts[value] = counts.get(value, 0) + int(count)
        return (
            pd.Series(counts, name="count", dtype="int64")
            .rename_axis(column)
            .sort_values(ascending=False, kind="stable")
        )

    def article_counts(self) -> pd.DataFrame:
        """One row per article: sentences and framed sentences, outlet, month, year (aggregated before pandas)."""
        return article_counts(self.source, self.selection)

    def record(self, name: str, value) -> object:
        """Keep a key number (or small table) for the report and for tests; returns the value."""
        self.values[name] = _plain(value)
        folder = self.out_dir / "values"
        folder.mkdir(parents=True, exist_ok=True)
        write_text_atomically(
            folder / f"{self.name}.json", json.dumps(self.values, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        )
        return value

    def record_articles(self, name: str, frame: pd.DataFrame, file_label: str) -> pd.DataFrame:
        """Keep a per-article table: every row in values/<notebook>-<file_label>.csv, in the JSON up to VALUE_ARTICLES."""
        path = self.save_table(frame, file_label)
        short = "doc_id" not in frame or frame["doc_id"].nunique() <= VALUE_ARTICLES
        self.values[f"{name}_csv"] = path.name
        self.record(name, frame if short else None)
        return frame

    def save_table(self, frame: pd.DataFrame, name: str) -> Path:
        """Write a per-article (or other long) table as values/<notebook>-<name>.csv, for download."""
        folder = self.out_dir / "values"
        folder.mkdir(parents=True, exist_ok=True)
        return write_text_atomically(folder / f"{self.name}-{name}.csv", frame.to_csv(index=False, lineterminator="\n"))

    def where(self) -> str:
        """One line: where this notebook writes and what it analyses (paths relative, never the user's home)."""
        place = "exploration/ in the checkout" if self.out_dir == default_out_dir() else f"{self.out_dir.name or '.'}/"
        return f"Figures go to figures/ and recorded values to values/ under {place}; selection: {self.selection.description}."

    def save_figure(self, fig, label: str, caption: str, tables: list[str], data: pd.DataFrame | None = None) -> dict:
        """Save a figure for citation, with the numbers it plots as label.csv (see climadiplo.present.figures.save)."""
        if self.selection.doc_ids is not None:
            caption = f"{caption.rstrip()} Selection: {self.selection.description}."
        return figures.save(fig, label, caption, tables, data=data)


class Frames:
    """One table of a session as chunks of whole articles, re-read on every iteration."""

    def __init__(self, session: Session, table: str, columns: list[str]):
        self.session, self.table, self.columns = session, table, columns

    def __iter__(self) -> Iterator[pd.DataFrame]:
        for part in self.session.chunks(**{self.table: self.columns}):
            yield part[self.table]


def _plain(value):
    """JSON-ready values: DataFrames as records, floats rounded, NaN as None."""
    if isinstance(value, pd.DataFrame):
        return [_plain(record) for record in value.to_dict("records")]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        return round(value, 4) if math.isfinite(value) else None
    return value


_checked_namespace = False
_IPYTHON_NAMES = {"In", "Out", "exit", "quit", "get_ipython", "open"}


def _unknown_injected(namespace: dict) -> list[str]:
    """Literal-valued names in a kernel namespace that are not parameters: a misspelt ``papermill -p``."""
    literal = (str, int, float, bool, list, dict, tuple, type(None))
    return sorted(
        name
        for name, value in namespace.items()
        if not name.startswith("_")
        and name not in _IPYTHON_NAMES
        and name not in PARAMETER_NAMES
        and isinstance(value, literal)
    )


def default_out_dir() -> Path:
    """Where an interactive run writes: exploration/ in the checkout (never touched by make report), else ./exploration."""
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "notebooks").is_dir() and (checkout / "pyproject.toml").is_file():
        return checkout / "exploration"
    return Path.cwd() / "exploration"


def start(name: str, **parameters) -> Session:
    """Open a notebook session: check the parameters, open the tables lazily (or build them), apply the selection."""
    global _checked_namespace
    if not _checked_namespace:
        # The first call in a kernel sees what papermill injected: a parameter the notebooks do not take is an error.
        _checked_namespace = True
        caller = inspect.currentframe().f_back
        if caller is not None and "get_ipython" in caller.f_globals:
            unknown = _unknown_injected(caller.f_globals)
            if unknown:
                raise InputError(
                    f"unknown parameter(s) {_clip(', '.join(unknown))}; the notebooks take {', '.join(PARAMETER_NAMES)}"
                )
    checked = validate_parameters(parameters, allowed=PARAMETER_NAMES)
    if checked.tables:
        source = Tables.open(checked.tables)
    else:
        source = Tables.from_frames(build_tables(load_corpus(checked.corpus or None)))
    selection = select(source, checked.outlets, checked.date_from, checked.date_to, checked.actors)
    out = Path(checked.out_dir) if checked.out_dir else default_out_dir()
    out.mkdir(parents=True, exist_ok=True)
    recorded = {**checked.as_dict(), "corpus": checked.corpus or "seed corpus"}
    for path in PATH_PARAMETERS[1:]:
        recorded.pop(path)
    figures.configure(out, notebook=name, parameters=recorded, formats=checked.figure_formats)
    return Session(name, source, selection, out, checked)


MAX_YAML_BYTES = 64 * 1024
MAX_YAML_DEPTH = 20


def load_yaml(text: str, source: str) -> object:
    """Parse parameters written in YAML, refusing what a parameter file never needs and an attack uses.

    A 440-byte file of nested aliases ("billion laughs") passes ``safe_load`` and expands to
    gigabytes, so aliases are refused outright, as are files over 64 KB and nesting past 20 levels.
    """
    import yaml

    if len(text.encode("utf-8", "surrogatepass")) > MAX_YAML_BYTES:
        raise InputError(f"{source}: parameter file larger than {MAX_YAML_BYTES // 1024} KB")
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise InputError(f"{source}: YAML anchors and aliases (&, *) are not allowed in parameters")
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    raise InputError(f"{source}: YAML nested deeper than {MAX_YAML_DEPTH} levels")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        reason = str(error).splitlines()[0]
        raise InputError(f"{source}: malformed YAML ({_clip(reason, 120)})") from None
