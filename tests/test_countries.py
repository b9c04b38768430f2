"""The gazetteer's countries from the PETRARCH2 Phoenix dictionary: converted rows and mentions on invented text."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from climadiplo.annotate.actors import find_mentions

ROOT = Path(__file__).resolve().parents[1]
SHARED_DEV = ROOT.parent / "shared" / "dev"
ACTORS = ROOT / "data" / "actors.csv"


def countries_in(text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.actor) for m in find_mentions(text) if m.actor_type == "country"]


def test_countries_their_demonyms_and_capitals_are_country_mentions():
    assert countries_in("Nigeria's trade minister met Danish officials in Santiago, Chile.") == [
        ("Nigeria", "Nigeria"),
        ("Danish", "Denmark"),
        ("Chile", "Chile"),
    ]
    assert countries_in("Abuja and Copenhagen backed the Côte d'Ivoire and Bosnia and Herzegovina plans.") == [
        ("Abuja", "Nigeria"),
        ("Copenhagen", "Denmark"),
        ("Côte d'Ivoire", "Côte d'Ivoire"),
        ("Bosnia and Herzegovina", "Bosnia and Herzegovina"),
    ]


def test_peoples_plurals_and_standard_demonyms_the_dictionary_lacks():
    assert countries_in("Nigerians and Swedish diplomats met Kenyans.") == [
        ("Nigerians", "Nigeria"),
        ("Swedish", "Sweden"),
        ("Kenyans", "Kenya"),
    ]


def test_ambiguous_names_are_not_countries():
    # A US state, a first name, a surname: the country keeps its demonym and capital only.
    text = "Chad Day voted in Georgia for Jim Jordan; Jordanian and Chadian envoys flew from Tbilisi."
    assert countries_in(text) == [
        ("Jordanian", "Jordan (country)"),
        ("Chadian", "Chad (country)"),
        ("Tbilisi", "Georgia (country)"),
    ]


def test_the_sixteen_first_countries_keep_their_rows():
    with ACTORS.open(encoding="utf-8", newline="") as handle:
        rows = {row["actor"]: row for row in csv.DictReader(handle)}
    assert rows["China"]["side"] == "China" and rows["United States"]["aliases"].endswith("|Washington")
    assert rows["Nigeria"]["role"] == "a country (PETRARCH2 Phoenix NGA)" and rows["Nigeria"]["side"] == "other"


def _phoenix() -> Path:
    source = SHARED_DEV / "petrarch2" / "Phoenix.Countries.actors.txt"
    if not source.is_file():
        pytest.skip(f"{source} is not beside this checkout (the PETRARCH2 dictionary is not shipped)")
    return source


def _layout(tmp_path: Path, drop: str) -> Path:
    """A copy of the repository layout: actors.csv without the rows whose line holds drop nor the rows
    training/add_leaders.py added (it runs last), the converters and data/leaders.csv."""
    (tmp_path / "data").mkdir()
    (tmp_path / "training").mkdir()
    lines = ACTORS.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = "".join(line for line in lines if drop not in line and "[leaders.csv]" not in line)
    (tmp_path / "data" / "actors.csv").write_text(kept, encoding="utf-8")
    shutil.copy(ROOT / "data" / "leaders.csv", tmp_path / "data")
    for script in ("convert_phoenix_countries.py", "convert_phoenix_actors.py", "actors_csv.py", "add_leaders.py"):
        shutil.copy(ROOT / "training" / script, tmp_path / "training")
    return tmp_path / "data" / "actors.csv"


def _convert(tmp_path: Path, script: str) -> None:
    arguments = [] if script == "add_leaders.py" else [str(SHARED_DEV)]
    subprocess.run([sys.executable, str(tmp_path / "training" / script), *arguments], check=True, capture_output=True)


def test_converted_countries_equal_what_the_script_produces(tmp_path):
    _phoenix()
    # Rebuild from the rows the script did not write, in a copy of the repository layout.
    target = _layout(tmp_path, "(PETRARCH2 Phoenix ")
    _convert(tmp_path, "convert_phoenix_countries.py")
    _convert(tmp_path, "add_leaders.py")
    assert target.read_text(encoding="utf-8") == ACTORS.read_text(encoding="utf-8")


def test_converted_officials_then_countries_equal_what_the_scripts_produce(tmp_path):
    _phoenix()
    target = _layout(tmp_path, "PETRARCH2 Phoenix")  # the hand-written rows only; officials came first
    inode = target.stat().st_ino
    _convert(tmp_path, "convert_phoenix_actors.py")
    assert target.stat().st_ino != inode  # written beside and renamed into place, not appended to in place
    _convert(tmp_path, "convert_phoenix_countries.py")
    _convert(tmp_path, "add_leaders.py")  # the curated leaders last: Phoenix rows gain their aliases
    assert target.read_bytes() == ACTORS.read_bytes()
    for script in ("convert_phoenix_actors.py", "convert_phoenix_countries.py", "add_leaders.py"):  # nothing to add
        _convert(tmp_path, script)
    assert target.read_bytes() == ACTORS.read_bytes()
    assert sorted(p.name for p in target.parent.iterdir()) == ["actors.csv", "leaders.csv"]  # no temporary file


def test_no_training_script_shadows_a_module_function_with_a_local():
    # convert_phoenix_countries once had both a function `rows` and a local `rows = []` (codereview10 #9)
    import ast

    for name in ("convert_phoenix_countries.py", "convert_phoenix_actors.py", "actors_csv.py", "add_leaders.py"):
        path = Path(__file__).resolve().parents[1] / "training" / name
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
        for function in (node for node in tree.body if isinstance(node, ast.FunctionDef)):
            assigned = {
                target.id
                for node in ast.walk(function)
                if isinstance(node, ast.Assign)
                for target in node.targets
                if isinstance(target, ast.Name)
            }
            assert not assigned & functions, f"{path.name}: {function.name} shadows {sorted(assigned & functions)}"
