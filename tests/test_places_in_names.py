"""A country or city inside an organisation's name is the organisation, not the country (review 9 A10)."""

from __future__ import annotations

import pytest

from climadiplo.annotate.actors import find_mentions
from climadiplo.annotate.quotes import quotes_in_text


def mentions(text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.actor_type) for m in find_mentions(text)]


@pytest.mark.parametrize(
    "name",
    [
        "the Kenyan Wildlife Society",  # a demonym opening a body's name
        "Oxfam Canada Atlantic",  # a country between two name words
        "Trinity College Dublin",  # a capital after an organisation word
        "the Indonesian Institute of Marine Sciences",  # with its "of" tail
        "Mexico Airlines",
    ],
)
def test_a_place_inside_an_organisation_name_is_the_organisation(name):
    text = f"On Monday {name} criticised the plan."
    bare = name.removeprefix("the ")
    assert mentions(text) == [(bare, "unknown")]


def test_state_organs_and_titles_keep_their_country():
    assert mentions("The Kenyan Foreign Ministry criticised the plan.")[0] == ("Kenyan", "country")
    assert mentions("Later, Indonesian President Joko Widodo spoke.")[0] == ("Indonesian", "country")
    assert mentions("Canada and Kenya signed the plan.") == [("Canada", "country"), ("Kenya", "country")]


def test_the_body_not_its_country_speaks():
    (quote,) = quotes_in_text("The Kenyan Wildlife Society said the plan would destroy the wetlands.")
    assert quote.speaker == "Kenyan Wildlife Society"


def test_the_word_before_a_place_at_a_paragraph_start_is_read_after_the_line_break():
    from climadiplo.annotate.actors import _in_capitalised_run

    text = "The talks went ok.\nCollege London said so."
    start = text.index("London")
    assert _in_capitalised_run(text, start, start + len("London"))  # "College", not "ok." of the paragraph before
    text = "We met the UN.\nin London, they said so."
    start = text.index("London")
    assert not _in_capitalised_run(text, start, start + len("London"))


def test_places_in_names_of_a_long_document_are_those_of_each_paragraph():
    # The mentions inside a run are looked up by bisection: the same answer in the 400th paragraph as in the first.
    paragraph = "The Kenyan Wildlife Society met China. Chinese President Xi Jinping met Kenya.\n\n"
    one = mentions(paragraph)
    assert ("Kenyan Wildlife Society", "unknown") in one and ("China", "country") in one
    assert mentions(paragraph * 400) == one * 400
