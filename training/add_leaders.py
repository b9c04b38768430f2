"""Add the project-curated heads of state and government, foreign ministers and climate and trade officials of
``data/leaders.csv`` to ``data/actors.csv``.

Run: ``python training/add_leaders.py [--check]``. A leader the gazetteer already has (the same actor name, as a
PETRARCH2 Phoenix row spells it) keeps its row and gains the aliases it lacks; any other is added at the end as a
``person`` with its country's ``side`` and the role ``<role> [leaders.csv]`` (a re-run brings those rows' role and
side up to date with leaders.csv; an alias removed there stays). Re-running changes nothing; the file
is written beside itself and renamed into place. ``--check`` writes nothing and exits 1 when actors.csv is not what
this script makes of it.

Refused, with one line naming the row (exit 2, nothing written): a country that is no country, place or
organisation of actors.csv; an actor listed twice; an alias that is another gazetteer actor's name or alias (a
one-word alias may be shared by two leaders: the loader resolves it to the one the article named in full most
recently); a one-word alias that is an ordinary word or a learned given name ("May", "Martin").
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from climadiplo.annotate.actors import _common_words, _given_name, fold_accents  # noqa: E402

LEADERS = ROOT / "data" / "leaders.csv"
ACTORS = ROOT / "data" / "actors.csv"
COLUMNS = ["actor", "country", "aliases", "role", "source"]
COUNTRY_TYPES = ("country", "place", "organisation")
MARK = " [leaders.csv]"


class LeaderError(ValueError):
    """A leaders.csv row the gazetteer cannot take."""


def _aliases(row: dict[str, str]) -> list[str]:
    return [alias.strip() for alias in row["aliases"].split("|") if alias.strip()]


def read_leaders(path: Path = LEADERS) -> list[dict[str, str]]:
    """The rows of leaders.csv, with its columns checked."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            raise LeaderError(f"{path}: columns must be {', '.join(COLUMNS)}")
        return list(reader)


def check_leaders(leaders: list[dict[str, str]], actors: list[dict[str, str]]) -> None:
    """Raise LeaderError for the first row the gazetteer cannot take (see the module's docstring)."""
    countries = {row["actor"] for row in actors if row["type"] in COUNTRY_TYPES}
    names = {row["actor"] for row in leaders}
    owners: dict[str, set[str]] = {}  # folded alias -> the actors (not leaders) that have it
    for row in actors:
        if row["actor"] not in names:
            for alias in {row["actor"], *_aliases(row)}:
                owners.setdefault(fold_accents(alias), set()).add(row["actor"])
    common = _common_words()
    seen: dict[str, str] = {}
    for number, row in enumerate(leaders, start=2):
        where = f"{LEADERS.name}:{number} ({row['actor']})"
        if not row["actor"].strip() or not row["role"].strip() or not row["source"].strip():
            raise LeaderError(f"{where}: actor, role and source must not be empty")
        if row["country"] not in countries:
            raise LeaderError(f"{where}: country '{row['country']}' is no country, place or organisation of actors.csv")
        if row["actor"] in seen.values():
            raise LeaderError(f"{where}: listed twice")
        for alias in dict.fromkeys([row["actor"], *_aliases(row)]):
            folded = fold_accents(alias)
            if owners.get(folded, set()) - {row["actor"]}:
                raise LeaderError(f"{where}: alias '{alias}' is already {', '.join(sorted(owners[folded]))}")
            single = " " not in folded
            if folded in seen and seen[folded] != row["actor"] and not single:
                raise LeaderError(f"{where}: alias '{alias}' is also {seen[folded]}")
            if single and alias != row["actor"] and (folded.lower() in common or _given_name(folded)):
                raise LeaderError(f"{where}: one-word alias '{alias}' is an ordinary word or a given name")
            seen.setdefault(folded, row["actor"])


def add_leaders(actors_text: str, leaders: list[dict[str, str]]) -> str:
    """actors.csv's text with the leaders added (existing rows gain missing aliases; new rows at the end)."""
    actors = list(csv.DictReader(io.StringIO(actors_text)))
    check_leaders(leaders, actors)
    sides = {row["actor"]: row["side"] or "other" for row in actors}
    by_name = {row["actor"]: row for row in actors}
    for leader in leaders:
        row = by_name.get(leader["actor"])
        if row is None:
            row = {"actor": leader["actor"], "type": "person", "aliases": leader["actor"], "role": MARK, "date": ""}
            actors.append(row)
            by_name[row["actor"]] = row
        if row["role"].endswith(MARK):  # a row of this script's: its role and side follow leaders.csv
            row.update(type="person", role=leader["role"] + MARK, side=sides[leader["country"]])
        aliases = _aliases(row)
        have = {fold_accents(alias) for alias in [row["actor"], *aliases]}
        for alias in _aliases(leader):
            if fold_accents(alias) not in have:  # the loader folds accents: "Orbán" is already "Orban"
                aliases.append(alias)
                have.add(fold_accents(alias))
        row["aliases"] = "|".join(aliases)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(actors[0]) if actors else [], lineterminator="\n")
    writer.writeheader()
    writer.writerows(actors)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Command line: add data/leaders.csv to data/actors.csv (``--check``: only say whether it is up to date)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if actors.csv is out of date")
    args = parser.parse_args(argv)
    try:
        before = ACTORS.read_text(encoding="utf-8")
        after = add_leaders(before, read_leaders(LEADERS))
    except (LeaderError, OSError, KeyError) as error:
        print(f"add_leaders: {error}", file=sys.stderr)
        return 2
    if args.check:
        print(f"add_leaders: {ACTORS} is {'up to date' if after == before else 'out of date'}")
        return 0 if after == before else 1
    from climadiplo.files import write_atomically

    if after != before:
        write_atomically(ACTORS, lambda temporary: temporary.write_text(after, encoding="utf-8"), overwrite=True)
    print(f"add_leaders: {len(after.splitlines()) - len(before.splitlines())} rows added to {ACTORS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
