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
