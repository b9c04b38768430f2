"""Sentence splitting on invented text: abbreviations, quotes, brackets — and its limits."""

from __future__ import annotations

import pytest

from climadiplo.read.segment import split_sentences


def sentences(text: str) -> list[str]:
    return [sentence.text for sentence in split_sentences(text, ((0, len(text)),))]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The U.S. and China met. Talks resumed.", ["The U.S. and China met.", "Talks resumed."]),
        ("He flew to the U.S. The talks began.", ["He flew to the U.S.", "The talks began."]),
        ("The U.S. Treasury agreed.", ["The U.S. Treasury agreed."]),
        ("The U.S may lead. China may not.", ["The U.S may lead.", "China may not."]),
        ("Rep. Nancy Pelosi spoke. Pres. Biden listened.", ["Rep. Nancy Pelosi spoke.", "Pres. Biden listened."]),
        ("Dr. Li and Sen. Cruz met.", ["Dr. Li and Sen. Cruz met."]),
        ("Martin Luther King Jr. spoke. It was 1963.", ["Martin Luther King Jr. spoke.", "It was 1963."]),
        ("John F. Kennedy was president.", ["John F. Kennedy was president."]),
        # A run of initials holds "A." and "I." too, which elsewhere open sentences (review 10).
        ("Poet R. K. A. Menon read first. A crowd listened.", ["Poet R. K. A. Menon read first.", "A crowd listened."]),
        ("Envoy J. I. Ortega left.", ["Envoy J. I. Ortega left."]),
        ("It was Plan B. A new plan followed.", ["It was Plan B.", "A new plan followed."]),
        ("It happened in Feb. 2023 in Beijing.", ["It happened in Feb. 2023 in Beijing."]),
        ("They said 'do that.' So it went.", ["They said 'do that.'", "So it went."]),
        ("She left. (It was late.) Mostly it rained.", ["She left.", "(It was late.)", "Mostly it rained."]),
        ("“We will cut coal,” he said. “Soon.”", ["“We will cut coal,” he said.", "“Soon.”"]),
        ("Where are they on methane? Where on coal?", ["Where are they on methane?", "Where on coal?"]),
        ("Costs fell, e.g. Solar and wind.", ["Costs fell, e.g. Solar and wind."]),
        ("It ranked No. 1 in 2022.", ["It ranked No. 1 in 2022."]),
        ("Emissions rose 3.5 percent. Then they fell.", ["Emissions rose 3.5 percent.", "Then they fell."]),
        ("He asked “why?” and left.", ["He asked “why?” and left."]),
        ("Wait... Nothing happened.", ["Wait...", "Nothing happened."]),
        ("Wow! That was fast.", ["Wow!", "That was fast."]),
    ],
)
def test_split(text, expected):
    assert sentences(text) == expected


def test_where_the_rules_stop_an_initialism_before_a_name_like_word():
    # "Lawmakers" is not a sentence-starting function word, so U.S. is read as an abbreviation here.
    assert sentences("He moved to the U.S. Lawmakers were divided.") == ["He moved to the U.S. Lawmakers were divided."]


def test_where_the_rules_stop_a_lower_case_sentence_start():
    assert sentences("Sales rose. iPhones led.") == ["Sales rose. iPhones led."]


def test_offsets_and_paragraphs():
    text = "One. Two.\n\nThree."
    result = split_sentences(text, ((0, 9), (11, 17)))
    assert [(s.paragraph, text[s.start : s.end]) for s in result] == [(0, "One."), (0, "Two."), (1, "Three.")]


def test_sentences_are_ordinary_frozen_sentences():
    import dataclasses

    from climadiplo.read.segment import Sentence

    text = "One sentence here. And another one."
    for sentence in split_sentences(text, ((0, len(text)),)):
        made = Sentence(sentence.paragraph, sentence.start, sentence.end, sentence.text)
        assert sentence == made and hash(sentence) == hash(made) and repr(sentence) == repr(made)
        assert list(vars(sentence)) == [field.name for field in dataclasses.fields(Sentence)]
        with pytest.raises(dataclasses.FrozenInstanceError):
            sentence.text = ""
