"""What the PETRARCH2 Phoenix converters share: read data/actors.csv's names, append their rows in one step.

Both ``convert_phoenix_actors.py`` and ``convert_phoenix_countries.py`` skip every name the gazetteer already
has (an actor or an alias), so that re-running adds nothing, and add their rows at the end of the file. The
file is rewritten beside itself and renamed into place, so an interrupted run leaves it as it was.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

PHOENIX = Path("petrarch2") / "Phoenix.Countries.actors.txt"


def known_names(rows: list[dict[str, str]]) -> set[str]:
    """Every actor and alias of the gazetteer's rows."""
    return {row["actor"] for row in rows} | {alias.strip() for row in rows for alias in row["aliases"].split("|")}


def read_actors(path: Path) -> list[dict[str, str]]:
    """The rows of an actors.csv."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def append_rows(path: Path, rows: Sequence[Sequence[str]]) -> None:
    """Add rows at the end of path, as appending would, through a temporary file renamed into place."""
    from climadiplo.files import write_atomically

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    data = path.read_bytes() + buffer.getvalue().encode("utf-8")
    write_atomically(path, lambda temporary: temporary.write_bytes(data), overwrite=True)


def convert_main(
    root: Path,
    script: str,
    what: str,
    convert: Callable[[Path, set[str]], list[list[str]]],
    argv: list[str] | None = None,
) -> int:
    """A converter's command line: ``[SHARED_DIR]`` (default ../shared/dev); append convert(source, known)'s rows.

    root: the checkout whose data/actors.csv is written (the script's own, never this module's).
    """
    args = sys.argv[1:] if argv is None else argv
    shared = Path(args[0]) if args else root.parent / "shared" / "dev"
    source = shared / PHOENIX
    if not source.is_file():
        print(f"{script}: {source} not found", file=sys.stderr)
        return 2
    target = root / "data" / "actors.csv"
    rows = convert(source, known_names(read_actors(target)))
    append_rows(target, rows)
    print(f"{script}: added {len(rows)} {what} to {target}")
    return 0
