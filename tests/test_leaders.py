"""The project-curated leaders of data/leaders.csv: in the gazetteer, checked by training/add_leaders.py, found in
invented text."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest

from climadiplo.annotate.actors import find_mentions, fold_accents, load_gazetteer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))

import add_leaders  # noqa: E402

ACTORS = ROOT / "data" / "actors.csv"
HEADS = ("President of", "Prime Minister of", "Chancellor of", "Taoiseach of", "King of", "Queen of", "Emir of")


def _leaders() -> list[dict[str, str]]:
    return add_leaders.read_leaders()


def _actors() -> list[dict[str, str]]:
    with ACTORS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_actors_csv_is_what_the_script_makes_of_it():
    # Re-running adds nothing: the shipped gazetteer already holds every leader, aliases included.
    text = ACTORS.read_text(encoding="utf-8")
    assert add_leaders.add_leaders(text, _leaders()) == text


def test_every_leader_is_a_person_of_the_gazetteer_with_its_aliases_and_side():
    gazetteer = load_gazetteer()
    sides = {row["actor"]: row["side"] for row in _actors()}
    for row in _leaders():
        actor = gazetteer.actors[row["actor"]]
        assert actor.type == "person", row["actor"]
        for alias in [row["actor"], *add_leaders._aliases(row)]:
            assert row["actor"] in gazetteer.alias_actors[fold_accents(alias)], alias
        if actor.role.endswith(add_leaders.MARK):  # a row the script added, not a Phoenix row it gave aliases to
            assert actor.side == (sides[row["country"]] or "other") and actor.role == row["role"] + add_leaders.MARK


def test_no_alias_of_a_leader_is_another_actor_and_every_country_is_known():
    leaders, names = _leaders(), {row["actor"] for row in _leaders()}
    countries = {row["actor"] for row in _actors() if row["type"] in add_leaders.COUNTRY_TYPES}
    assert {row["country"] for row in leaders} <= countries
    assert len(names) == len(leaders)  # no leader twice
    gazetteer = load_gazetteer()
    for row in leaders:
        for alias in [row["actor"], *add_leaders._aliases(row)]:
            others = set(gazetteer.alias_actors[fold_accents(alias)]) - {row["actor"]}
            # Only a one-word surname may be shared, and only between two leaders (the loader's ambiguity rule).
            assert not others or (" " not in alias and others <= names), (alias, others)


def test_heads_of_state_and_government_of_every_g20_member_and_sixty_countries():
    heads = {row["country"] for row in _leaders() if row["role"].startswith(HEADS)}
    g20 = {"Argentina", "Australia", "Brazil", "Canada", "France", "Germany", "India", "Indonesia", "Italy", "Japan"}
    g20 |= {"Mexico", "Russia", "Saudi Arabia", "South Africa", "South Korea", "Turkey", "United Kingdom"}
    assert g20 <= heads and len(heads) >= 60
    roles = " ".join(row["role"] for row in _leaders())
    for cop in range(21, 31):
        assert f"COP{cop} president" in roles or cop == 28  # COP28's Sultan Al Jaber is a hand-written row


def _refused(rows: list[dict[str, str]], message: str) -> None:
    with pytest.raises(add_leaders.LeaderError, match=message):
        add_leaders.check_leaders(rows, _actors())


def test_bad_rows_are_refused():
    row = {"actor": "Ada Quixley", "country": "France", "aliases": "", "role": "President of France", "source": "x"}
    add_leaders.check_leaders([row], _actors())
    _refused([{**row, "country": "Narnia"}], "country 'Narnia' is no country")
    _refused([row, row], "listed twice")
    _refused([{**row, "aliases": "Tesla"}], "alias 'Tesla' is already Tesla")
    _refused([{**row, "aliases": "May"}], "one-word alias 'May' is an ordinary word")
    _refused(
        [{**row, "aliases": "Quixley"}, {**row, "actor": "Bo Other", "aliases": "Ada Quixley"}], "is also Ada Quixley"
    )
    _refused([{**row, "source": ""}], "must not be empty")


def test_a_bad_leaders_file_exits_2_and_writes_nothing(tmp_path, monkeypatch, capsys):
    actors = tmp_path / "actors.csv"
    actors.write_bytes(ACTORS.read_bytes())
    leaders = tmp_path / "leaders.csv"
    leaders.write_text("actor,country,aliases,role,source\nAda Quixley,Narnia,,President,x\n", encoding="utf-8")
    monkeypatch.setattr(add_leaders, "ACTORS", actors)
    monkeypatch.setattr(add_leaders, "LEADERS", leaders)
    assert add_leaders.main([]) == 2
    assert "leaders.csv:2 (Ada Quixley): country 'Narnia'" in capsys.readouterr().err
    assert actors.read_bytes() == ACTORS.read_bytes()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["actors.csv", "leaders.csv"]


def test_added_rows_and_aliases_then_nothing_more():
    header = "actor,type,aliases,role,side,date\n"
    text = header + "France,country,France|French,,other,\nAda Quixley,person,Ada Quixley,old role,other,\n"
    rows = [
        {"actor": "Ada Quixley", "country": "France", "aliases": "Quixley|Adá Quixley", "role": "PM", "source": "x"},
        {"actor": "Bo Other", "country": "France", "aliases": "Bö Other", "role": "President", "source": "x"},
    ]
    once = add_leaders.add_leaders(text, rows)
    assert list(csv.reader(io.StringIO(once)))[2:] == [
        ["Ada Quixley", "person", "Ada Quixley|Quixley", "old role", "other", ""],  # "Adá Quixley" folds to it
        ["Bo Other", "person", "Bo Other", "President [leaders.csv]", "other", ""],
    ]
    assert add_leaders.add_leaders(once, rows) == once
    rows[1]["role"] = "President (2020-)"  # an edited leaders.csv row: the script's own row follows it
    assert "Bo Other,person,Bo Other,President (2020-) [leaders.csv],other," in add_leaders.add_leaders(once, rows)


def persons(text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.actor) for m in find_mentions(text) if m.actor_type == "person"]


def test_current_leaders_are_persons_in_invented_news():
    text = (
        "Emmanuel Macron and Keir Starmer met Anthony Albanese, Olaf Scholz and Kyriakos Mitsotakis. "
        "Shigeru Ishiba, Lee Jae-myung, Abiy Ahmed and Shehbaz Sharif sent envoys. Macron said Orbán objected."
    )
    assert persons(text) == [
        ("Emmanuel Macron", "Emmanuel Macron"),
        ("Keir Starmer", "Keir Starmer"),
        ("Anthony Albanese", "Anthony Albanese"),
        ("Olaf Scholz", "Olaf Scholz"),
        ("Kyriakos Mitsotakis", "Kyriakos Mitsotakis"),
        ("Shigeru Ishiba", "Shigeru Ishiba"),
        ("Lee Jae-myung", "Lee Jae-myung"),
        ("Abiy Ahmed", "Abiy Ahmed"),
        ("Shehbaz Sharif", "Shehbaz Sharif"),
        ("Macron", "Emmanuel Macron"),
        ("Orbán", "Viktor Orbán"),
    ]


def test_shared_and_withheld_surnames_follow_the_ambiguity_rules():
    # "Sharif" and "May" are no aliases: a surname of two leaders, an ordinary word.
    assert persons("Nawaz Sharif spoke. Theresa May may come.") == [
        ("Nawaz Sharif", "Nawaz Sharif"),
        ("Theresa May", "Theresa May"),
    ]
    # "Zuma" is listed for two leaders: the one the article named in full most recently.
    text = "Nkosazana Dlamini-Zuma arrived. Zuma said no. Then Jacob Zuma spoke, and Zuma left."
    assert [actor for _, actor in persons(text)] == [
        "Nkosazana Clarice Dlamini Zuma",
        "Nkosazana Clarice Dlamini Zuma",
        "Jacob Zuma",
        "Jacob Zuma",
    ]
