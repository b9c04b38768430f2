"""A pronoun's quotation goes to the source just named, not to the other side of the dispute (review 9 A2)."""

from __future__ import annotations

from climadiplo.annotate.quotes import quotes_in_text


def direct_speakers(text: str) -> list[str]:
    return [q.speaker for q in quotes_in_text(text) if q.kind == "direct"]


def test_he_after_a_role_nouns_speech_is_that_role_not_the_earlier_named_opponent():
    text = (
        "“Chile is stealing our river,” said Alvaro Peralta, Bolivia's water minister.\n\n"
        "Chile denied it. A spokesman for Chile's Foreign Ministry said the canal was legal. "
        "“Nothing has been diverted at all,” he told reporters in Santiago."
    )
    assert direct_speakers(text) == ["Alvaro Peralta", "unnamed spokesman"]


def test_he_after_a_name_in_apposition_to_a_possessive_role_is_that_name():
    text = (
        "“The port authority is ruining us,” said Greta Lindqvist, the shipping firm's founder.\n\n"
        "The authority defended the levy. Its director, Janusz Wróbel, said the levy was lawful. "
        "“We will win this case,” he said."
    )
    assert direct_speakers(text) == ["Greta Lindqvist", "Janusz Wróbel"]
