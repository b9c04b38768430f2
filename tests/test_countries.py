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


def test_converted_countries_equal_what_the_script_produces(tmp_path):
    source = SHARED_DEV / "petrarch2" / "Phoenix.Countries.actors.txt"
    if not source.is_file():
        pytest.skip(f"{source} is not beside this checkout (the PETRARCH2 dictionary is not shipped)")
    # Rebuild from the rows the script did not write, in a copy of the repository layout.
    (tmp_path / "data").mkdir()
    (tmp_path / "training").mkdir()
    lines = ACTORS.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if "(PETRARCH2 Phoenix " not in line]
    (tmp_path / "data" / "actors.csv").write_text("".join(kept), encoding="utf-8")
    shutil.copy(ROOT / "training" / "convert_phoenix_countries.py", tmp_path / "training")
    subprocess.run(
        [sys.executable, str(tmp_path / "training" / "convert_phoenix_countries.py"), str(SHARED_DEV)],
        check=True,
        capture_output=True,
    )
    assert (tmp_path / "data" / "actors.csv").read_text(encoding="utf-8") == ACTORS.read_text(encoding="utf-8")
