"""Write data/lexicons/given_names_census.csv: given names and their gender from the 1990 US Census name lists.

Run: ``python training/convert_census_names.py DIR`` where DIR holds ``dist.male.first`` and
``dist.female.first`` (the PyPI package ``names`` 0.3.0 ships them: ``pip download names==0.3.0 --no-deps``,
unpack, DIR = ``names-0.3.0/names``). Each line of those files is a name, its frequency in per cent of the
census's men (or women), a cumulative frequency and a rank. A name is kept with the gender of the list where it is
at least ``SHARE`` of the two frequencies together; a name both lists hold more evenly ("Jean", "Leslie") is kept
with an empty gender: it is a given name of no one gender. Source: US Census Bureau, 1990 census name files, public domain (as the package's README
states); the package itself is MIT-licensed and is not a dependency.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "lexicons" / "given_names_census.csv"
SHARE = 0.95  # a name is a man's (a woman's) when at least this share of its bearers are men (women)


def read_list(path: Path) -> dict[str, float]:
    """Name (capitalised) -> frequency in per cent, from one census file."""
    found: dict[str, float] = {}
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) == 4:
            found[parts[0].capitalize()] = float(parts[1])
    return found


def census_genders(
    male: dict[str, float], female: dict[str, float], share: float = SHARE
) -> list[tuple[str, str, str]]:
    """(name, gender or "" below ``share``, share of the commoner gender's bearers rounded to 3 places)."""
    rows = []
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m + f <= 0:
            continue
        gender, part = ("m", m / (m + f)) if m >= f else ("f", f / (m + f))
        rows.append((name, gender if part >= share else "", f"{part:.3f}"))
    return rows


def main(argv: list[str] | None = None) -> int:
    """Convert the two census files into the CSV."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: convert_census_names.py DIR (holding dist.male.first and dist.female.first)", file=sys.stderr)
        return 2
    folder = Path(args[0])
    paths = [folder / "dist.male.first", folder / "dist.female.first"]
    for path in paths:
        if not path.is_file():
            print(f"convert_census_names: {path} not found", file=sys.stderr)
            return 2
    rows = census_genders(read_list(paths[0]), read_list(paths[1]))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["name", "gender", "share"])
        writer.writerows(rows)
    print(f"convert_census_names: {len(rows)} names -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
