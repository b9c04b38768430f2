"""Date expressions resolved against a reference date; named events from the gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

from climadiplo.annotate.actors import find_mentions, load_gazetteer
from climadiplo.annotate.events import find_events, parse_reference

REFERENCE = date(2023, 6, 20)  # a Tuesday


def resolved(sentence: str, reference: date | None = REFERENCE) -> list[tuple[str, str, str]]:
    gazetteer = load_gazetteer()
    named = [
        (m, gazetteer.actors[m.actor].date)
        for m in find_mentions(sentence, gazetteer)
        if m.actor_type in ("event", "agreement") and gazetteer.actors[m.actor].date
    ]
    return [(e.surface, e.date, e.precision) for e in find_events(sentence, 0, reference, named)]


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("The accord was signed in 2015.", [("2015", "2015", "year")]),
        ("Talks resumed in June 2023.", [("June 2023", "2023-06", "month")]),
        ("It happened in Feb. 2023.", [("Feb. 2023", "2023-02", "month")]),
        ("They met on March 3, 2022.", [("March 3, 2022", "2022-03-03", "day")]),
        ("They met on 3 March 2022.", [("3 March 2022", "2022-03-03", "day")]),
        ("The talks stopped last August.", [("last August", "2022-08", "month")]),
        ("The talks stopped last February.", [("last February", "2023-02", "month")]),
        ("After February’s incident, things cooled.", [("February’s", "2023-02", "month")]),
        ("He arrived on Monday.", [("on Monday", "2023-06-19", "day")]),
        ("He will arrive on Monday.", [("on Monday", "2023-06-26", "day")]),
        ("They met on Tuesday.", [("on Tuesday", "2023-06-20", "day")]),  # the reference is a Tuesday
        ("They will meet on Tuesday.", [("on Tuesday", "2023-06-20", "day")]),
        ("They met last Tuesday.", [("last Tuesday", "2023-06-13", "day")]),
        ("They meet next Tuesday.", [("next Tuesday", "2023-06-27", "day")]),
        ("They hoped to reach a deal in September.", [("in September", "2023-09", "month")]),
        ("She spoke this week.", [("this week", "2023-06", "month")]),
        ("You visited in June.", [("in June", "2023-06", "month")]),
        ("It would come in September.", [("in September", "2023-09", "month")]),
        ("It came in September.", [("in September", "2022-09", "month")]),
        ("Ahead of this year's COP28, hopes rose.", [("this year's COP28", "2023-11", "month")]),
        ("Delegates gathered at COP26.", [("COP26", "2021-11", "month")]),
        ("Targets for 2030 and 2060 stand.", [("2030", "2030", "year"), ("2060", "2060", "year")]),
    ],
)
def test_resolution(sentence, expected):
    assert resolved(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "They spent 2 weeks there.",
        "It cost $2,015 per tonne.",
        "Output rose 2030% in a decade.",
        "The 2020s will be decisive.",
        "The Inflation Reduction Act passed Congress.",
    ],
)
def test_not_dates(sentence):
    assert resolved(sentence) == []


def test_relative_dates_need_a_reference():
    assert resolved("He arrived on Monday, in 2019.", reference=None) == [("2019", "2019", "year")]


def test_parse_reference():
    assert parse_reference("2023-06") == date(2023, 6, 1)
    assert parse_reference("2023-06-20") == date(2023, 6, 20)
    assert parse_reference("soon") is None and parse_reference(None) is None


@pytest.mark.parametrize(
    "sentence,expected",
    [
        # IGNORECASE reads ı as i and ſ as s, and İ lower-cases to two characters: no lower-cased shortcut
        ("The envoy WİLL arrive on Monday.", [("on Monday", "2023-06-26", "day")]),
        ("The envoy wıll arrive on Monday.", [("on Monday", "2023-06-26", "day")]),
        ("The talks stopped yeſterday.", [("yeſterday", "2023-06-19", "day")]),
        ("The talks stopped YESTERDAY.", [("YESTERDAY", "2023-06-19", "day")]),
        ("NEXT MONTH the talks resume.", [("NEXT MONTH", "2023-07", "month")]),
    ],
)
def test_case_folding_shortcuts_find_what_ignorecase_finds(sentence, expected):
    assert resolved(sentence) == expected


def test_sentences_without_a_date_word_are_the_ones_with_no_events():
    from climadiplo.annotate.events import date_word_sentences

    sentences = [
        "Talks resumed in June 2023.",
        "Nothing here at all.",
        "It happened yesterday.",
        "",
        "Prices rose 5%.",
        "The envoy wıll come tomorrow.",
        "No date.",
        "Still nothing.",
        "ſo it went on Tueſday.",
        "Talks end in Sept.",
        "They met last Tuesday.",
        "Prices have risen since March.",
        "This week's talks went well.",
        "See you Dec. 3, 2021.",
        "It is 1999 again.",
    ]
    plain = [sentences[index] for index in (0, 1, 2, 3, 4, 6, 7, 9, 10, 11, 12, 13, 14)]
    for texts in (sentences, plain):  # with and without the characters that stop the shortcut
        looked_at = date_word_sentences(texts)
        assert looked_at == sorted(looked_at)
        for index, sentence in enumerate(texts):
            if index not in looked_at:
                assert find_events(sentence, 0, REFERENCE) == []
            elif texts is plain:
                assert find_events(sentence, 0, REFERENCE), sentence
        assert 1 not in looked_at


def test_dotless_i_and_long_s_words_resolve_without_a_crash():
    # They match IGNORECASE patterns; reading them as keys once raised KeyError mid-corpus.
    assert resolved("It came thıs week.") == [("thıs week", "2023-06", "month")]


FRIDAY = date(2025, 3, 14)  # a Friday


@pytest.mark.parametrize(
    "sentence,expected",
    [
        # The verb a weekday follows decides its week, not a future word elsewhere in the sentence (review 10).
        ("The ministry said on Tuesday it would appeal the ruling.", ["2025-03-11"]),
        ("Chile protested on Monday and warned that it would recall its envoy.", ["2025-03-10"]),
        ("On Wednesday, the union said it would go on strike.", ["2025-03-12"]),
        # Plans, readiness and schedules look ahead.
        ("The council is due to vote on the budget on Wednesday.", ["2025-03-19"]),
        ("The airline plans to resume flights on Monday.", ["2025-03-17"]),
        ("The mayor is ready to sign the pact on Tuesday.", ["2025-03-18"]),
        # Two dates, two verbs.
        ("The envoys met on Monday and will meet again on Thursday.", ["2025-03-10", "2025-03-20"]),
        # A month without a year follows its verb too.
        ("The minister said in January that the talks would resume.", ["2025-01"]),
        ("Both sides hope to sign the treaty in January.", ["2026-01"]),
    ],
)
def test_a_relative_date_takes_the_tense_of_its_own_clause(sentence, expected):
    assert [found for _, found, _ in resolved(sentence, FRIDAY)] == expected


def test_event_text_is_not_cut_inside_a_number():
    sentence = "At 09:30 the port said some 3,400 dockers stopped work on Monday."
    (event,) = find_events(sentence, 0, FRIDAY)
    assert event.event == "At 09:30 the port said some 3,400 dockers stopped work on Monday"


def test_a_year_before_a_comma_is_a_date_and_each_date_is_an_event():
    sentence = "The archive opened in 2011 and the museum in 2019, long after the war."
    assert [found for _, found, _ in resolved(sentence)] == ["2011", "2019"]
    assert [found for _, found, _ in resolved("In 2008, the two cities signed a water pact.")] == ["2008"]
    # a year inside a number still is not one
    assert resolved("The fund holds 2019,500 euros.") == []


JUNE = date(2025, 6, 1)


@pytest.mark.parametrize(
    "sentence,expected",
    [
        # A month and day without a year, its clause's tense on the other side of the reference (codereview10 #5).
        ("The talks will resume on March 4.", ["2026-03-04"]),
        ("The talks resumed on August 4.", ["2024-08-04"]),
        # Within six weeks of the piece, the nearest is the one meant, whatever the tense.
        ("The talks resumed on June 20.", ["2025-06-20"]),
        ("The votes won't be counted until May 20.", ["2025-05-20"]),
        # A date naming an occasion takes no verb's tense; nor does one after an infinitive.
        ("Voters backed him in the August 4 election.", ["2025-08-04"]),
        ("She challenged him to debate her on August 4.", ["2025-08-04"]),
        # No tense in the clause: the nearest.
        ("The summit opens March 4.", ["2025-03-04"]),
    ],
)
def test_a_month_and_day_without_a_year_takes_its_clause_tense(sentence, expected):
    assert [found for _, found, _ in resolved(sentence, JUNE)] == expected


@pytest.mark.parametrize(
    "sentence,expected",
    [
        # A month alone with no tense anywhere in the sentence: the nearest (recheck10: "a deadline in May" of a piece
        # of late April was last May); with a tense, as before.
        ("Both sides face a deadline in July.", ["2025-07"]),
        ("The party looks towards November's election.", ["2025-11"]),
        ("The dispute over quotas in February.", ["2025-02"]),
        ("The ministers met in July.", ["2024-07"]),
        ("The ministers will meet in April.", ["2026-04"]),
    ],
)
def test_a_month_alone_without_a_tense_is_the_nearest(sentence, expected):
    assert [found for _, found, _ in resolved(sentence, JUNE)] == expected


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("He praised Theresa May 10 years ago.", []),
        ("Talks stalled under Prime Minister May's government.", []),
        ("On May 10, talks stalled.", ["2025-05-10"]),
        ("Born May 24, 1917, he studied law.", ["1917-05-24"]),
        ("Talks stalled through May 10.", ["2025-05-10"]),
        ("The vote is on Friday May 30.", ["2025-05-30", "2025-05-30"]),
        ("LONDON May 10 (Reuters) - Talks stalled.", ["2025-05-10"]),
    ],
)
def test_may_after_a_capitalised_word_inside_a_sentence_is_a_name(sentence, expected):
    assert [found for _, found, _ in resolved(sentence, JUNE)] == expected
