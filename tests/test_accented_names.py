"""Names written with letters beyond A-Z are names (issue 10, review 9 A1): mentions, reported speech, speakers."""

from __future__ import annotations

import re
import unicodedata

import pytest

from climadiplo.annotate.actors import LOWER, UPPER, find_mentions, fold_accents, single_names
from climadiplo.annotate.quotes import quotes_in_text


def unknown_names(text: str) -> list[str]:
    return [m.actor for m in find_mentions(text) if m.actor_type == "unknown"]


@pytest.mark.parametrize(
    "name",
    ["Jürgen Köhler", "Inés Ibáñez", "Çağrı Öztürk", "Zoë Brontë", "Trần Văn Đức", "Łukasz Żuk", "Ørjan Sæther"],
)
def test_a_name_with_accented_letters_is_an_unknown_name_and_speaks(name):
    text = f"The court adjourned. {name} said the ruling would be appealed within weeks."
    assert unknown_names(text) == [name]
    (quote,) = quotes_in_text(text)
    assert (quote.kind, quote.speaker) == ("indirect", name)


def test_a_decomposed_accent_counts_as_its_letter():
    name = unicodedata.normalize("NFD", "Renée Brücke")
    assert unknown_names(f"Earlier, {name} said the port would reopen soon after the storm.") == [name]


def test_the_letter_classes_are_a_to_z_on_ascii():
    ascii_letters = [chr(point) for point in range(128)]
    assert [c for c in ascii_letters if re.fullmatch(UPPER, c)] == [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    assert [c for c in ascii_letters if re.fullmatch(LOWER, c)] == [chr(c) for c in range(ord("a"), ord("z") + 1)]
    assert re.fullmatch(UPPER, "Ş") and re.fullmatch(LOWER, "ễ") and not re.fullmatch(UPPER, "ß")


def test_a_gazetteer_name_written_with_its_accents_is_the_gazetteer_actor():
    # data/actors.csv writes the Phoenix dictionaries' names without accents ("Recep Tayyip Erdogan").
    text = "Recep Tayyip Erdoğan flew to Ankara. Later Erdoğan's aides said little."
    found = [(m.surface, m.actor, m.actor_type) for m in find_mentions(text) if m.actor_type == "person"]
    assert found[0] == ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan", "person")
    assert fold_accents("Ségolène Łódź") == "Segolene Lodz" and fold_accents("plain") == "plain"


def test_a_compound_surname_alone_is_the_person_named_in_full():
    text = "Marta Ruiz Gómez opened the session. Ruiz Gómez said the budget would pass by Friday."
    mentions = find_mentions(text)
    assert [(m.surface, m.actor) for m in mentions] == [
        ("Marta Ruiz Gómez", "Marta Ruiz Gómez"),
        ("Ruiz Gómez", "Marta Ruiz Gómez"),
    ]
    (quote,) = quotes_in_text(text)
    assert quote.speaker == "Marta Ruiz Gómez"


def test_a_name_ending_in_to_before_said_is_a_report_not_to_say():
    # "to " of "to say" is an intention; the end of "Soto" or "Nieto" is not.
    (quote,) = quotes_in_text("Daniela Soto said the dam would be finished next spring.")
    assert (quote.kind, quote.speaker) == ("indirect", "Daniela Soto")
    assert quotes_in_text("The minister wants to say the dam will be finished next spring.") == []


def test_a_lone_accented_surname_is_a_name():
    text = "Óscar Núñez met the mayor. On Monday the council thanked Núñez for his help."
    assert [(m.surface, m.actor) for m in find_mentions(text)] == [
        ("Óscar Núñez", "Óscar Núñez"),
        ("Núñez", "Óscar Núñez"),
    ]
    alone = "The mayor was late. On Monday the council thanked Ñúñez and Ågren for their help."
    singles = single_names(alone, find_mentions(alone), [0, 20])
    assert [m.surface for m in singles] == ["Ñúñez", "Ågren"]


def test_the_surname_of_a_gazetteer_person_written_with_accents_names_the_person():
    text = "Former president Felipe Calderón spoke first. “We will not pay for it,” Calderón said."
    (quote,) = [q for q in quotes_in_text(text) if q.kind == "direct"]
    assert quote.speaker == "Felipe Calderon"
