"""Given names and their gender, read from data/lexicons/given_names.csv, and the gender of a person's name.

The table is learned from PolNeAR attribution-train by ``training/train_speakers.py`` (articles that write
"Hillary Clinton" and "Mrs. Clinton"; names only, no text). A name the table does not hold has no gender: it is
never guessed. This module imports no other annotate module, so actors.py and speaker_model.py both read it
without importing each other.
"""

from __future__ import annotations

from functools import cache

from climadiplo.resources import read_rows

GIVEN_NAMES = "given_names.csv"


@cache
def given_names() -> dict[str, str]:
    """Given name -> "m"/"f", as learned from the train split."""
    return {row["name"]: row["gender"] for row in read_rows("lexicons", GIVEN_NAMES)}


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
