"""Given names and their gender, read from data/lexicons, and the gender of a person's name.

``given_names.csv`` is learned from PolNeAR attribution-train by ``training/train_speakers.py`` (articles that
write "Hillary Clinton" and "Mrs. Clinton"; names only, no text): it gives a name its gender. A name it does not
hold has no gender, never a guess. ``given_names_census.csv`` (the 1990 US Census first-name lists, public domain,
converted by ``training/convert_census_names.py``) only says that a word is a given name ("Melanie" is someone):
its genders do not gender a pronoun's antecedent, as they lowered the train split's end-to-end CV (0.8489 -> 0.8474):
PolNeAR's pronoun gold is the source named last, often of the other gender; they only keep a short form from being
another person's name ("Joan Biden" is not Joe Biden, actors._same_given). This module imports no other annotate
module, so actors.py, quotes.py and speaker_model.py all read it without importing each other.
"""

from __future__ import annotations

from functools import cache

from climadiplo.resources import read_rows

GIVEN_NAMES = "given_names.csv"
CENSUS = "given_names_census.csv"


@cache
def given_names() -> dict[str, str]:
    """Given name -> "m"/"f", as learned from the train split."""
    return {row["name"]: row["gender"] for row in read_rows("lexicons", GIVEN_NAMES)}


@cache
def census_given_names() -> dict[str, str]:
    """Given name -> "m", "f" or "" (both genders bear it) from the 1990 US Census first-name lists."""
    return {row["name"]: row["gender"] for row in read_rows("lexicons", CENSUS)}


def is_given_name(word: str) -> bool:
    """True for a word either table lists as a given name ("Melanie"): a one-word name that is a person's."""
    return word in given_names() or word in census_given_names()


def given_gender(word: str) -> str:
    """ "m", "f" or "" (a name the table does not hold) for a given name."""
    return given_names().get(word, "")


def name_gender(name: str, genders: dict[str, str]) -> str:
    """ "m", "f" or "" for a person's name: its given name first, then the article's honorifics (``genders``)."""
    words = name.split()
    given = given_gender(words[0]) if len(words) > 1 else ""
    if given:
        # "Bill Clinton" in an article that writes "Mrs. Clinton": the honorific is the surname's other bearer's.
        return given
    for word in reversed(words):
        found = genders.get(word, "")
        if found == "?":
            break  # two people of one surname ("Mr. Clinton", "Mrs. Clinton") and no known given name
        if found:
            return found
    return ""
