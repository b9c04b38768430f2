"""Append G20 government officials from the PETRARCH2 Phoenix actor dictionary to data/actors.csv.

Run: ``python training/convert_phoenix_actors.py [SHARED_DIR]`` (default ``../shared/dev``). Keeps
people of the G20 countries with a government (``GOV``) role that lasted into 2008 or later,
written with two to four name words; names already in the gazetteer (as actor or alias) are
skipped, so re-running adds nothing. Only the full name is an alias: a bare surname stays the
article's to resolve. Source: PETRARCH2 (github openeventdata/petrarch2), MIT licence, copied
to data/licences/petrarch2-LICENSE.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from training.actors_csv import convert_main  # noqa: E402

G20 = {
    "USA": "United States", "CHN": "China", "JPN": "Japan", "DEU": "Germany", "FRA": "France",
    "GBR": "United Kingdom", "ITA": "Italy", "CAN": "Canada", "RUS": "Russia", "IND": "India",
    "BRA": "Brazil", "MEX": "Mexico", "KOR": "South Korea", "IDN": "Indonesia", "TUR": "Turkey",
    "SAU": "Saudi Arabia", "ARG": "Argentina", "ZAF": "South Africa", "AUS": "Australia",
}  # fmt: skip
SIDES = {"USA": "US", "CHN": "China"}
PARTICLES = {"de", "da", "del", "di", "van", "von", "der", "den", "bin", "al", "le", "du", "dos", "do"}
SOURCE = "PETRARCH2 Phoenix"


def _year(stamp: str) -> int:
    stamp = stamp.strip("<>")
    if len(stamp) == 6:  # YYMMDD: the dictionary's two-digit years
        return 2000 + int(stamp[:2]) if int(stamp[:2]) <= 30 else 1900 + int(stamp[:2])
    return int(stamp[:4])


def _title(word: str) -> str:
    if word.lower() in PARTICLES:
        return word.lower()
    return "-".join(
        re.sub(r"(?<=['’])([a-z])", lambda m: m.group(1).upper(), part.capitalize()) for part in word.split("-")
    )


def officials(path: Path) -> list[tuple[str, str, int, int]]:
    """(name, country code, first year, last year) of G20 government officials in office in 2008 or later."""
    entries: list[tuple[str, list[tuple[str, str, str]]]] = []
    for line in path.read_text(encoding="latin-1").splitlines():
        if not line.strip() or line.startswith(("#", "+")):
            continue
        if line[0] in " \t":
            code = re.match(r"\s*\[([A-Z]{3})([A-Z]{3})(?:\s+(\S+))?\]", line)
            if code and entries:
                entries[-1][1].append((code.group(1), code.group(2), code.group(3) or ""))
            continue
        entries.append((line.split("#")[0].strip().rstrip("_"), []))
    found = {}
    for raw, codes in entries:
        best = None
        for country, role, dates in codes:
            if country not in G20 or role != "GOV" or not dates or dates.startswith("<"):
                continue
            if dates.startswith(">"):
                first, last = _year(dates), 9999
            elif "-" in dates:
                first, last = (_year(part) for part in dates.split("-", 1))
            else:
                continue
            if last >= 2008 and (best is None or first > best[1]):
                best = (country, first, last)
        tokens = raw.split("_")
        if best and 2 <= len(tokens) <= 4 and all(re.fullmatch(r"[A-Z][A-Z'.-]*", t) for t in tokens):
            name = " ".join(_title(t) for t in tokens)
            found.setdefault(name, (name, *best))
    return sorted(found.values())


def rows(source: Path, known: set[str]) -> list[list[str]]:
    """The actors.csv rows of the officials not yet in the gazetteer."""
    new = []
    for name, country, first, last in officials(source):
        if name in known:
            continue
        until = "" if last == 9999 else str(last)
        role = f"in the {G20[country]} government ({first}-{until}; {SOURCE})"
        new.append([name, "person", name, role, SIDES.get(country, "other"), ""])
    return new


def main(argv: list[str] | None = None) -> int:
    """Append the officials not yet in data/actors.csv."""
    return convert_main(ROOT, "convert_phoenix_actors", "officials", rows, argv)


if __name__ == "__main__":
    raise SystemExit(main())
