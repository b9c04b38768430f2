"""Quotations and speakers on invented news: each pattern, each failure mode, and where the rules stop."""

from __future__ import annotations

import pandas as pd
import pytest

from climadiplo.analyse.aggregates import speaker_summary, voice_shares
from climadiplo.annotate.actors import find_mentions, load_gazetteer
from climadiplo.annotate.quotes import extract_quotes
from climadiplo.read.clean import clean_text
from climadiplo.read.segment import split_sentences


def quotes_of(raw: str, voices: list[str] | None = None):
    cleaned = clean_text(raw)
    sentences = split_sentences(cleaned.text, cleaned.paragraphs)
    spans = [(s.start, s.end) for s in sentences]
    found = extract_quotes(cleaned.text, spans, find_mentions(cleaned.text), load_gazetteer(), voices)
    for quote in found:
        assert quote.kind == "indirect" or cleaned.text[quote.start : quote.end].startswith(quote.text[:10])
    return found


def speech(raw: str) -> list[tuple[str, str, str]]:
    return [(q.text, q.speaker, q.kind) for q in quotes_of(raw) if q.kind != "indirect"]


@pytest.mark.parametrize(
    "raw,expected",
    [
        (
            "Environment Minister Priya Nair spoke on Monday. “We will cut coal,” she said.",
            [("We will cut coal", "Priya Nair", "direct")],
        ),
        ("“Talks are over,” said Wang Yi.", [("Talks are over", "Wang Yi", "direct")]),
        ("Kerry said: “We are close.”", [("We are close", "John Kerry", "direct")]),
        (
            "“First,” Blinken said, “we talk.”",
            [("First", "Antony Blinken", "direct"), ("we talk", "Antony Blinken", "direct")],
        ),
        ("“One step. Then another,” said Blinken.", [("One step. Then another", "Antony Blinken", "direct")]),
        (
            "John Kerry, the top U.S. climate negotiator, arrived. “We are ready,” the negotiator said.",
            [("We are ready", "John Kerry", "direct")],
        ),
        ("Ana Silva arrived late. “Fine,” Silva said.", [("Fine", "Ana Silva", "direct")]),
        (
            "Officials said the plan was “ambitious but fragile” and would be revised.",
            [("ambitious but fragile", "unnamed officials", "partial")],
        ),
        (
            "There might be a backlash in China that goes something like “Why should we listen?”",
            [("Why should we listen?", "China", "hypothetical")],
        ),
    ],
)
def test_attribution_patterns(raw, expected):
    assert speech(raw) == expected


def test_quote_over_several_paragraphs():
    raw = "Tanaka put it plainly: “We discussed wind.\n\n“We also discussed grids.”\n\nThe talks end Friday."
    # One quotation per paragraph, as news annotators code them (PolNeAR), the speaker going on in the second; the
    # reopening mark is part of neither.
    assert [(text, kind) for text, _speaker, kind in speech(raw)] == [
        ("We discussed wind", "direct"),
        ("We also discussed grids", "direct"),
    ]


def test_a_following_unattributed_quote_continues_the_speaker():
    raw = "“We will not wait,” said Ana Reyes. “Time is short.”"
    assert speech(raw) == [("We will not wait", "Ana Reyes", "direct"), ("Time is short", "Ana Reyes", "direct")]


def test_unbalanced_marks_do_not_swallow_the_article():
    raw = 'He wrote “draft three, then nothing.\n\nA stray " mark here.\n\n“This one is fine,” said Kerry.'
    assert speech(raw) == [("This one is fine", "John Kerry", "direct")]


def test_apostrophes_are_not_quotation_marks():
    assert speech("Kerry’s team doesn't expect the countries’ leaders to meet, and China's won't.") == []


def test_single_quotes_and_nested_quotes():
    assert speech("The message was 'don't rush,' Xi Jinping said.") == [("don't rush", "Xi Jinping", "partial")]
    [(text, speaker, kind)] = speech("“She told me ‘never again,’ and I agree,” said Ana Reyes.")
    assert (text, speaker, kind) == ("She told me ‘never again,’ and I agree", "Ana Reyes", "direct")


@pytest.mark.parametrize(
    "raw,kind",
    [
        ("Diplomats called it the so-called “undercard” of the summit.", "scare"),
        ("She wrote a book titled “The Long Thaw” in 2019.", "title"),
        ("The plan is a “friend-shoring” strategy.", "scare"),
    ],
)
def test_scare_quotes_and_titles_are_marked_not_speech(raw, kind):
    [quote] = quotes_of(raw)
    assert quote.kind == kind
    assert quote.speaker == ""


def test_reported_speech_without_quotation_marks():
    found = [(q.speaker, q.cue, q.text) for q in quotes_of("John Kerry said China would publish a new target soon.")]
    assert found == [("John Kerry", "said", "China would publish a new target soon")]
    [according] = quotes_of("Talks will resume in May, according to Alex Wang, a UCLA scholar.")
    assert (according.kind, according.speaker, according.text) == ("indirect", "Alex Wang", "Talks will resume in May")
    [claim] = quotes_of("U.S. lawmakers claim that the deal is a trap.")
    assert (claim.speaker, claim.speaker_actor) == ("U.S. lawmakers", "United States")


def test_reported_speech_after_a_name_and_its_apposition():
    # Invented: the name before a role apposition, or the name as the apposition, is the subject of "said".
    found = [
        (q.speaker, q.text) for q in quotes_of("Ana Ferreira, Portugal's finance minister, said the plan was sound.")
    ]
    assert found == [("Ana Ferreira", "the plan was sound")]
    found = [(q.speaker, q.text) for q in quotes_of("Peru's president, Rosa Quispe, said her country would wait.")]
    assert found == [("Rosa Quispe", "her country would wait")]


def test_she_after_a_researcher_at_a_university_is_the_researcher_not_the_place():
    # Invented: "Port Elizabeth" is part of the university's name, and "She" is the researcher, not Modi.
    raw = (
        '"We agree," Prime Minister Narendra Modi said.\n\nThandi Mokoena-Ruiz, an economist at the University of '
        "Port Elizabeth, said the fund was late. She added that Japan still leads the market for batteries."
    )
    found = [(q.speaker, q.kind) for q in quotes_of(raw)]
    assert found == [
        ("Narendra Modi", "direct"),
        ("Thandi Mokoena-Ruiz", "indirect"),
        ("Thandi Mokoena-Ruiz", "indirect"),
    ]


def test_belief_verbs_are_not_reported_speech():
    assert quotes_of("Taiwan, which China considers a breakaway province, held elections.") == []


def test_pronouns_take_the_last_named_subject_not_the_nearest_person():
    # "he" is the person the article is talking about (the subject, Kerry), not merely the nearest name.
    assert speech("John Kerry met Wang Yi. “We disagree,” he said.") == [("We disagree", "John Kerry", "direct")]


def test_where_it_stops_no_named_person_means_unknown_never_a_guess():
    assert speech("“It is over,” he said.") == [("It is over", "unknown", "direct")]


def test_interview_answer_quotes_go_to_who_the_answer_names():
    found = quotes_of("Xi Jinping said the goal was “unwavering.”", voices=["Alex Wang"])
    assert [(q.speaker, q.kind) for q in found if q.kind != "indirect"] == [("Xi Jinping", "partial")]


def test_speaker_summary_and_voice_shares():
    documents = pd.DataFrame({"doc_id": ["d"]})
    sentences = pd.DataFrame(
        {
            "doc_id": ["d", "d"],
            "sentence": [0, 1],
            "voice": ["author", "author"],
            "text": ["one two three four", "five six"],
        }
    )
    quotes = pd.DataFrame(
        {
            "doc_id": ["d", "d", "d"],
            "sentence": [0, 0, 1],
            "text": ["two three", "x y z", "six"],
            "speaker": ["Ana", "Ana", ""],
            "kind": ["direct", "indirect", "scare"],
        }
    )
    summary = speaker_summary(quotes)
    assert summary.to_dict("records") == [
        {"doc_id": "d", "speaker": "Ana", "n_quotes": 1, "n_indirect": 1, "words_quoted": 2}
    ]
    shares = voice_shares(documents, sentences, quotes).set_index("voice")
    assert shares.loc["Ana", "words"] == 2 and shares.loc["author", "words"] == 4
    assert shares["share"].sum() == pytest.approx(1.0)


def test_role_before_a_name_is_found_as_the_pattern_finds_it():
    # The look-up replacing the apposition pattern's search must give the same noun on every kind of window.
    from climadiplo.annotate.quotes import _apposition_patterns, _role_before, _role_nouns

    _, before = _apposition_patterns()
    roles = sorted(set(_role_nouns()))[:40]
    windows = [
        f"{lead}{role if upper else role.title()}{tail}"
        for role in roles
        for lead in ("", "the ", "co-", "x", "(", "é", "_", "1 ", "Vice ")
        for tail in ("", " ", ", ", ",", " ,", "\n", "  ", "s ", "\u00a0")
        for upper in (True, False)
    ]
    found = [_role_before(window, before) for window in windows]
    expected = [match.group(1) if (match := before.search(window)) else None for window in windows]
    assert found == expected
    assert any(found) and not all(found)  # both answers occur


def test_a_quotation_reopened_over_paragraphs_is_one_quotation_per_paragraph():
    from climadiplo.annotate.quotemarks import quote_spans
    from climadiplo.annotate.quotes import paragraph_quotes

    text = "He said: “One.\n\n“Two.\n\n“Three.”\n\nThe end. “Alone,” she said."
    pieces = paragraph_quotes(text, quote_spans(text))
    assert [text[span.start : span.end] for span in pieces] == ["One.", "Two.", "Three.", "Alone,"]
    # The pieces after the first open with the mark that reopened the quotation; the last keeps the closing mark.
    assert [span.reopened == (span.open_at,) for span in pieces] == [False, True, True, False]
    assert text[pieces[2].close_at] == "”" and text[pieces[2].open_at] == "“"


@pytest.mark.parametrize(
    "text,expected",
    [
        # A plural speaks when its singular is a source, role, group or organisation noun.
        ("Diplomats said the deal was close.", [("unnamed diplomats", "the deal was close")]),
        (
            "Environmental groups said the rule was unlawful.",
            [("unnamed environmental groups", "the rule was unlawful")],
        ),
        ("Dairy farmers said the tariffs would ruin them.", [("unnamed dairy farmers", "the tariffs would ruin them")]),
        # Any other plural is no one's voice ("said" a participle here).
        ("Many things said in the debate were wrong and harmful to all.", []),
        ("Several mistakes said to be minor delayed the launch of the rocket.", []),
        # A "that" after the content's subject and verb is a relative one: the content is what they say.
        (
            "The two sides say they are still negotiating a trade deal that could replace the tariffs.",
            [("unnamed two sides", "they are still negotiating a trade deal that could replace the tariffs")],
        ),
        ("Officials said on Friday that the talks would resume.", [("unnamed officials", "the talks would resume")]),
    ],
)
def test_unnamed_plural_sources_and_their_content(text, expected):
    from climadiplo.annotate.quotes import quotes_in_text

    found = [(q.speaker, q.text) for q in quotes_in_text(text) if q.kind == "indirect"]
    assert found == expected


@pytest.mark.parametrize(
    "raw,expected",
    [
        # A capitalised run inside an organisation's name, after "of the", before a body's word: not the "she".
        (
            "“Prices fell,” said Maria Okoye, head of the Northern Blue Mussel growers association. "
            "She added that exports had halved.",
            "Maria Okoye",
        ),
        # An apposition's party: "the Free Democrat ..." is no person.
        (
            "“We will not sign,” said Anders Holm, the Free Democrat regional mayor. "
            "He added that the deal was unfair.",
            "Anders Holm",
        ),
        # A venue after "at", of ordinary words.
        ("Tomas Ferreira spoke at Union Square. He said the strike would go on.", "Tomas Ferreira"),
        # A run of ordinary words alone ("Main Street").
        ("Ines Duarte left Main Street. She said the toll was too high.", "Ines Duarte"),
    ],
)
def test_a_pronoun_speaker_is_no_place_or_body_named_after_the_person(raw, expected):
    assert [q.speaker for q in quotes_of(raw) if q.kind == "indirect"][-1] == expected


def test_an_unknown_name_that_speaks_or_holds_a_given_name_is_still_a_person():
    said = quotes_of("Zola Mbatha-Kheswa, an energy analyst, said on Monday that tariffs would rise.")
    assert [q.speaker for q in said] == ["Zola Mbatha-Kheswa"]
    given = quotes_of("Officials praised Helen Vantrout. She said the plan was sound.")
    assert [q.speaker for q in given if q.kind == "indirect"] == ["Helen Vantrout"]
