"""The learned speaker selector: names the gazetteer does not know, canonical names, bounded work, scoring."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from climadiplo.analyse.evaluate import (
    attribution_metrics,
    load_attribution,
    match_quotes,
    polnear_to_attribution,
    speaker_key,
    speaker_matches,
)
from climadiplo.annotate import names, speaker_model
from climadiplo.annotate.actors import load_gazetteer
from climadiplo.annotate.quotes import REGION_REACH, Quote, _bounded_region, quotes_in_text
from climadiplo.cli import main
from climadiplo.errors import InputError
from climadiplo.resources import data_path

ROOT = Path(__file__).resolve().parents[1]
SHARED_DEV = ROOT.parent / "shared" / "dev"


def speech(text: str) -> list[tuple[str, str]]:
    return [(q.text, q.speaker) for q in quotes_in_text(text) if q.kind in ("direct", "partial")]


@pytest.mark.parametrize(
    "text,expected",
    [
        # A surname the gazetteer does not know, alone where a speaker stands.
        ("“We will win the state,” Okafor said.", [("We will win the state", "Okafor")]),
        # Titles and initials: one canonical name per person per article.
        (
            "Donald J. Trump spoke in Ohio.\n\n“We will build it,” Mr. Trump said.",
            [("We will build it", "Donald Trump")],
        ),
        ("“It is over,” Sen. Ted Cruz told reporters.", [("It is over", "Ted Cruz")]),
        # A name with a description around it.
        (
            "Maria Lopez, an adviser to the governor's campaign, said: “The numbers are moving.”",
            [("The numbers are moving", "Maria Lopez")],
        ),
        # Cue verbs the old list lacked.
        ("“Best crowd ever,” gushed Harlan Pike.", [("Best crowd ever", "Harlan Pike")]),
        # Outlets and documents as sources; a headline of the form "Name: “…”".
        ("“The deal is dead,” the daily wrote.", [("The deal is dead", "unnamed daily")]),
        ("The emails show “a pattern of neglect.”", [("a pattern of neglect", "unnamed emails")]),
        ("“It is over,” Acme Corp said in a statement.", [("It is over", "Acme Corp")]),
        ("Jim Okafor: “We will win.”", [("We will win", "Jim Okafor")]),
        (
            "Republican pollster Frank Luntz, part of the team that ran the survey, told NBC: “Voters are angry.”",
            [("Voters are angry", "Frank Luntz")],
        ),
        # A run of quoted paragraphs after one attribution.
        (
            "“We are ready,” said Nadia Karim.\n\n“We have the votes.”",
            [("We are ready", "Nadia Karim"), ("We have the votes", "Nadia Karim")],
        ),
    ],
)
def test_speakers_the_gazetteer_does_not_know(text, expected):
    assert speech(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # Inverted or following subjects with a party tag, initials, an apposition or an office word as surname.
        (
            "“We will not back down,” said Rep. J.T. Wexford (D-Ore.), chair of the Rural Caucus.",
            [("We will not back down", "Wexford")],
        ),
        (
            "Lawmakers met Tom Quill and Sam King on Monday.\n\n“We are done here,” Mr. King added.",
            [("We are done here", "Sam King")],
        ),
        # A partial quote in narration: the subject of the cue nearest the quote, not of the sentence's first cue.
        (
            "Wendell Ostrow said on Monday that Rosa Delgado once described the plan as “a gift to lobbyists.”",
            [("a gift to lobbyists", "Rosa Delgado")],
        ),
        # Organisations, documents and descriptions as the subject of the cue keep their head noun.
        (
            "Tom Reyes toured the plant on Monday. The commission said the rules were “badly outdated.”",
            [("badly outdated", "unnamed commission")],
        ),
        (
            "Tom Reyes toured the plant. The article says the mill is “a relic of another age.”",
            [("a relic of another age", "unnamed article")],
        ),
        (
            "Tom Reyes spoke on Monday. A Homeland Security memo warned of “serious gaps” in screening.",
            [("serious gaps", "unnamed homeland security memo")],
        ),
        (
            "Tom Reyes watched. The ad's narrator says Reyes is “out of touch.”",
            [("out of touch", "unnamed ad's narrator")],
        ),
        (
            "Tom Reyes toured the plant.\n\n“Why did you vote no?” asked one questioner.",
            [("Why did you vote no?", "unnamed questioner")],
        ),
        # The possessor of a speech noun.
        (
            "Donald Trump's claim that there have been “millions of fake ballots” drew scorn from Tom Reyes.",
            [("millions of fake ballots", "Donald Trump")],
        ),
    ],
)
def test_speaker_groups_of_real_news(text, expected):
    assert speech(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # "Mr. Trump" mid-sentence opens no sentence: the pronoun is the subject of "said", not the object.
        (
            "Mr. Manafort said Thursday that the campaign was changing, suggesting that Mr. Trump was ready."
            "\n\n“We are ready,” he added.",
            [("We are ready", "Manafort")],
        ),
        # The source in an apposition ("X, an analyst at …, wrote"), not the last capitalised word before it.
        (
            "Isaac Brill, an analyst at Compass Point Research & Trading, wrote to investors on Monday."
            "\n\nIn addition, he suggested, “the banks will wait.”",
            [("the banks will wait", "Isaac Brill")],
        ),
    ],
)
def test_pronoun_is_the_last_source_of_speech(text, expected):
    assert speech(text) == expected


def test_pronoun_is_the_person_the_article_talks_about():
    text = "Nadia Karim arrived with Tom Reyes.\n\n“We came to win,” she said."
    assert speech(text) == [("We came to win", "Nadia Karim")]


def test_no_named_person_means_unknown_never_a_pronoun():
    assert speech("“It is over,” he said.") == [("It is over", "unknown")]


def test_candidate_work_per_quote_is_bounded():
    # One "sentence" of 2,000 quotations and names: each quote looks at a bounded set of candidates.
    text = "".join(f"Ana Silva{i} said “we vote {i}” and Tom Reyes{i} told “no {i}”, " for i in range(2000))
    found = quotes_in_text(text)
    assert sum(q.kind in ("direct", "partial") for q in found) == 4000
    masked = text  # candidates are found on the masked text; the bound does not depend on it
    from climadiplo.annotate.actors import find_mentions, load_gazetteer
    from climadiplo.annotate.quotemarks import mask_quotes, quote_spans
    from climadiplo.annotate.quotes import find_cues

    spans = quote_spans(text)
    masked = mask_quotes(text, spans)
    doc = speaker_model.DocumentCandidates(text, masked, find_mentions(text), load_gazetteer(), find_cues(masked))
    limit = speaker_model.MAX_BEFORE + speaker_model.MAX_AFTER
    assert max(len(doc.around(span)) for span in spans) <= limit
    for span in spans[::97]:
        low, high = _bounded_region(text, span, 0, len(text))
        assert high - low <= 2 * REGION_REACH + (span.close_at - span.open_at) + 2


def test_a_200_kb_quote_dense_text_without_full_stops_finishes_and_finds_every_quote():
    unit = "Senator Ana Silva said “we will vote” and officials told reporters “never again”, "
    text = unit * (200_000 // len(unit))
    found = [q for q in quotes_in_text(text) if q.kind in ("direct", "partial")]
    assert len(found) == 2 * (200_000 // len(unit))


def test_arabic_text_with_angle_quotes_is_attributed_linearly():
    unit = "وقال الوزير أحمد خالد «إن المفاوضات مستمرة» ثم "
    text = unit * 3000
    found = [q for q in quotes_in_text(text) if q.kind != "indirect"]
    assert len(found) == 3000
    assert found[0].text == "إن المفاوضات مستمرة"


@pytest.mark.parametrize(
    "speaker,key",
    [
        ("Sen. Ted Cruz (R-Texas)", "cruz"),
        ("Donald Trump Jr.", "trump"),
        ("The New York Post", "post"),
        ("a campaign spokesman for the senator", "spokesman"),
        ("the presumptive Republican nominee", "nominee"),
        ("Trump's campaign manager Kellyanne Conway", "conway"),
        ("Secretary of State John F. Kerry", "kerry"),
        ("Former Secretary of State Madeleine Albright", "albright"),
        ("Deputy Director of the Office", "director"),
        ("Speaker of the House", "speaker"),
        ("Representative Charles B. Rangel of New York", "rangel"),
        ("director of the Institute of Politics", "director"),
        # a person before "of/at <organisation>" is keyed on the person, not on the organisation's last word
        ("Mr. Morgan of the Sierra Club", "morgan"),
        ("Jane Doe at Princeton University", "doe"),
        ("a longtime adviser to Trump", "adviser"),  # the description's head, not the person it serves
        ("Mrs. Clinton's campaign", "campaign"),  # an honorific is no surname
        ("Mrs. Clinton", "clinton"),
        ("Chairman of the Joint Chiefs Gen. Joseph Dunford", "dunford"),
    ],
)
def test_speaker_key_is_surname_or_head_word(speaker, key):
    assert speaker_key(speaker) == key


def test_speaker_matching_by_surname_or_any_comma_part():
    assert speaker_matches("Donald Trump", "Mr. Trump")
    assert speaker_matches("Josh Earnest", "the White House spokesman, Josh Earnest,")
    assert speaker_matches("unnamed sources", "a source")
    assert not speaker_matches("Hillary Clinton", "Bill de Blasio")
    assert not speaker_matches("unknown", "Ted Cruz")


def test_quote_matching_is_one_to_one_and_needs_half_overlap():
    assert match_quotes([(0, 10), (12, 20)], [(0, 9), (30, 40)]) == {0: 0}
    assert match_quotes([(0, 10)], [(0, 30)]) == {}


def test_attribution_metrics_count_spans_speakers_and_vague_ones():
    text = "“Go now,” Okafor said. “Stay,” he said. “Maybe.”"
    records = [
        {
            "doc_id": "d",
            "text": text,
            "quotes": [
                {"start": 1, "end": 7, "speaker": "Okafor"},
                {"start": 24, "end": 28, "speaker": "Okafor", "as_written": "he"},
                {"start": 41, "end": 47, "speaker": "Smith"},
            ],
        }
    ]

    def predict(_text):
        return [
            Quote(0, 1, 7, "Go now", "Okafor", "", "said", "direct"),
            Quote(0, 24, 28, "Stay", "unknown", "", "said", "direct"),
            Quote(0, 41, 47, "Maybe", "Okafor", "", "", "direct"),
            Quote(0, 60, 66, "other", "he", "", "", "partial"),
        ]

    metrics = attribution_metrics(records, predict).set_index("metric")["value"]
    assert metrics["precision"] == 0.75 and metrics["recall"] == 1.0
    assert metrics["named_speaker_accuracy"] == round(1 / 3, 4)
    assert metrics["pronoun_resolved_accuracy"] == 0.0
    assert metrics["unknown_or_pronoun_share"] == 0.5


def test_polnear_pronoun_sources_become_the_source_named_before():
    record = {
        "doc_id": "x",
        "text": "t" * 200,
        "quotes": [
            {"start": 10, "end": 20, "speaker": "Jane Roe", "speaker_start": 0, "speaker_end": 8},
            {"start": 60, "end": 70, "speaker": "she", "speaker_start": 72, "speaker_end": 75},
            {"start": 90, "end": 99, "speaker": None, "speaker_start": None, "speaker_end": None},
        ],
        "indirect": [],
    }
    quotes = polnear_to_attribution(record)["quotes"]
    assert [q["speaker"] for q in quotes] == ["Jane Roe", "Jane Roe", ""]
    assert quotes[1]["as_written"] == "she"
    # the source span stays as written (the pronoun's own offsets), for `source_mention_found`
    assert [(q.get("speaker_start"), q.get("speaker_end")) for q in quotes] == [(0, 8), (72, 75), (None, None)]


@pytest.mark.parametrize(
    "line,problem",
    [
        ("{not json", "malformed JSON"),
        ('{"doc_id": "a", "text": "short", "quotes": [{"start": 0, "end": 99, "speaker": "X"}]}', "inside the text"),
        ('{"doc_id": "a", "quotes": []}', "string 'text'"),
    ],
)
def test_bad_attribution_files_fail_in_one_line(tmp_path, line, problem):
    path = tmp_path / "gold.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        load_attribution(path)


def test_cli_evaluate_attribution(tmp_path, capsys):
    text = "“We are ready,” said Nadia Karim."
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"doc_id": "a", "text": text, "quotes": [{"start": 1, "end": 13, "speaker": "Karim"}]}))
    assert main(["evaluate", "--attribution", str(path)]) == 0
    out = capsys.readouterr().out
    assert "named_speaker_accuracy" in out and "1.0" in out
    (tmp_path / "bad.jsonl").write_text("[1]\n")
    assert main(["evaluate", "--attribution", str(tmp_path / "bad.jsonl")]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_shipped_model_is_small_and_names_its_data():
    model = speaker_model.load_model()
    assert "PolNeAR" in model["trained_on"]
    assert speaker_model.MODEL_PATH.stat().st_size < 100_000
    assert model["speaker"]["weights"]["cue_right_a0"] > 0  # "…,” Okafor said": the subject of the cue
    # A given name is no evidence of who speaks: the learned given names carry no word weight.
    given = {f"wf_{name.lower()}" for name in names.given_names()}
    assert len(given) > 20 and not given & set(model["speaker"]["weights"])


def test_shipped_model_equals_what_the_training_script_produces(tmp_path):
    if not (SHARED_DEV / "polnear" / "attribution-train.jsonl").is_file():
        pytest.skip(f"{SHARED_DEV}/polnear is not beside this checkout (the training data is not shipped)")
    out, names_out = tmp_path / "speakers.json", tmp_path / "given_names.csv"
    script = str(ROOT / "training" / "train_speakers.py")
    subprocess.run(
        [sys.executable, script, str(SHARED_DEV), "--out", str(out), "--names-out", str(names_out)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    assert out.read_bytes() == speaker_model.MODEL_PATH.read_bytes()
    assert names_out.read_bytes() == data_path("lexicons", names.GIVEN_NAMES).read_bytes()


def test_she_resolves_to_the_woman_not_the_man_named_last():
    # The article writes "Mr. Hale" and "Ms. Okafor": "she" is Okafor, though Hale is named nearer.
    from climadiplo.annotate.actors import find_mentions
    from climadiplo.annotate.quotes import find_cues

    text = "Nadia Okafor spoke to reporters. Victor Hale arrived. Mr. Hale and Ms. Okafor left.\n\nThen she said"
    doc = speaker_model.DocumentCandidates(text, text, find_mentions(text), load_gazetteer(), find_cues(text))
    she = next(c for c in doc.candidates if c.name == "she")
    assert doc.resolve(she, []).name == "Nadia Okafor"
    he = speaker_model.Candidate(she.start, she.end, "he", "", "he")
    assert doc.resolve(he, []).name == "Victor Hale"


def test_gender_comes_from_the_article_then_from_learned_given_names(monkeypatch):
    text = "Mr. Hale spoke."
    doc = speaker_model.DocumentCandidates(text, text, [], load_gazetteer(), [])
    person = speaker_model.Candidate(0, 4, "Victor Hale", "", "name2")
    assert doc.gender_of(person) == "m"
    other = speaker_model.Candidate(0, 4, "Nadia Okafor", "", "name2")
    given = names.given_names()
    assert doc.gender_of(other) == given.get("Nadia", "")
    monkeypatch.setitem(given, "Nadia", "f")
    doc = speaker_model.DocumentCandidates(text, text, [], load_gazetteer(), [])  # genders are cached per document
    assert doc.gender_of(other) == "f"


def test_learned_name_lists_come_from_the_articles():
    sys.path.insert(0, str(ROOT / "training"))
    import train_speakers

    articles = [{"text": "Hillary Clinton spoke. Mrs. Clinton left.", "quotes": []}] * 2
    assert train_speakers.given_names(articles) == {"Hillary": "f"}
    assert train_speakers.given_names(articles[:1]) == {}  # one article is not enough evidence
    text = "In Ohio, Kerry said so. " * 8
    source = {"speaker_start": text.index("Kerry"), "speaker_end": text.index("Kerry") + 5}
    assert train_speakers.non_speakers([{"text": text, "quotes": [source] * 8}]) == ["in", "ohio"]


def test_lower_case_word_lookup_agrees_with_listing_every_lower_case_word():
    # The per-word look-up must answer as the set of all _LOWER_WORD matches would (hyphens, apostrophes, prefixes).
    text = "Maybe not. maybe-later, re-elect Hope’s x-ray; hopeful as was AS 'as' Über über tom1 tomorrow _tom tom"
    doc = speaker_model.DocumentCandidates(text, text, [], load_gazetteer(), [])
    listed = frozenset(speaker_model._LOWER_WORD.findall(text))
    asked = "Maybe maybe-later re-elect Hope hope’s x-ray hopeful As was Über Tom tom1 tomorrow Later K Elect".split()
    for word in asked:
        assert doc._lower_words_has(word) == (word.lower() in listed), word
    assert {word for word in asked if doc._lower_words_has(word)} != set()  # the test can see both answers
    assert {word for word in asked if not doc._lower_words_has(word)} != set()


@pytest.mark.parametrize(
    "text,expected",
    [
        # A capitalised participle opening the sentence is no one: the pronoun is the person after it.
        (
            "Reached by phone on Tuesday, Omar Quill would not discuss the ruling.\n\n“We will not appeal,” he said.",
            [("We will not appeal", "Omar Quill")],
        ),
        # The sentence's subject, not the object named after it, nor a place a preposition governs.
        (
            "Speaking in Salem on Monday, Dale Ortiz met Paul Hask.\n\n“We will win this,” he said.",
            [("We will win this", "Dale Ortiz")],
        ),
        # A plural the article also writes in the singular ("Democrats", "a Democrat") is a group, not "he".
        (
            "Dale Ortiz, a Democrat, spoke first. Democrats cheered loudly.\n\n“We will win this,” he said.",
            [("We will win this", "Dale Ortiz")],
        ),
        # "X, 61, told Y": Y is the hearer, not the source the pronoun goes back to.
        (
            "“It is a fine plan,” Tom Velez, 61, told Paul Hask at the fair.\n\n“We will see,” he said.",
            [("It is a fine plan", "Tom Velez"), ("We will see", "Tom Velez")],
        ),
        # "she" after a woman's quotation: a sentence opened by a word of unknown gender does not take it over.
        (
            "“The bank is sound,” Ms. Lora Acosta said.\n\nStates typically spread their money around. "
            "Its job is “to hold it all in one place,” she said.",
            [("The bank is sound", "Lora Acosta"), ("to hold it all in one place", "Lora Acosta")],
        ),
        # ... but a new source of speech does, whatever her given name.
        (
            "“We are done here,” Ms. Ana Ruiz said.\n\nJorun Vask, 27, a nurse in Akron, said the vote was close.\n\n"
            "“We will see,” she said.",
            [("We are done here", "Ana Ruiz"), ("We will see", "Jorun Vask")],
        ),
    ],
)
def test_pronoun_antecedent_groups_of_real_news(text, expected):
    assert speech(text) == expected


def test_shared_surname_leaves_gender_to_the_given_name():
    # "Mr. Carden" and "Mrs. Carden" in one article: the surname is no evidence, the given name still is.
    given = names.given_names()
    male = next(name for name, gender in sorted(given.items()) if gender == "m")
    assert names.name_gender(f"{male} Carden", {"Carden": "?"}) == "m"


def test_a_known_given_name_outweighs_the_honorific_of_the_surname():
    # "Mrs. Clinton" in an article that also names Bill Clinton: the surname's honorific is hers, the given name his.
    given = names.given_names()
    male = next(name for name, gender in sorted(given.items()) if gender == "m")
    assert names.name_gender(f"{male} Carden", {"Carden": "f"}) == "m"
    assert names.name_gender("Zeno Carden", {"Carden": "f"}) == "f"  # no known given name: the article's


def test_an_article_naming_two_people_of_one_surname_teaches_neither_given_name():
    sys.path.insert(0, str(ROOT / "training"))
    import train_speakers

    # "Mr. Trump" in an article naming Donald and Ivanka Trump is either's: no evidence that Ivanka is a man's name.
    family = {"text": "Donald Trump spoke. Ivanka Trump spoke. Mr. Trump left. Miss Universe waved.", "quotes": []}
    assert train_speakers.given_names([family] * 3) == {}
    one = {"text": "Donald Trump spoke. Mr. Trump left.", "quotes": []}
    assert train_speakers.given_names([one, one, family]) == {"Donald": "m"}


@pytest.mark.parametrize(
    "text,expected",
    [
        # The gazetteer knows Donald Trump and Barack Obama: their namesakes are other people.
        ("“We love our father,” Eric Trump said.", "Eric Trump"),
        ("Michelle Obama told the crowd: “When they go low, we go high.”", "Michelle Obama"),
        # Not given names: an office, a sentence opening, a word the article writes lower-case, a party noun.
        ("“We will win,” President Obama said.", "Barack Obama"),
        ("But Trump said: “We will win.”", "Donald Trump"),
        ("The Republican nominee spoke. Republican Trump said: “We will win.”", "Donald Trump"),
        ("Republican Marco Rubio spoke. Republican Trump said: “We will win.”", "Donald Trump"),
    ],
)
def test_a_gazetteer_persons_namesake_is_another_person(text, expected):
    assert [speaker for _, speaker in speech(text)] == [expected]


def test_a_bare_surname_is_the_first_person_of_that_surname_named_in_full():
    # The gazetteer knows Hillary Clinton, not Bill: "Clinton" is still the first Clinton the article names in full.
    text = (
        "Hillary Clinton campaigned in Iowa with her husband, Bill Clinton.\n\n“We will win,” Clinton said.\n\n"
        "“It is close,” she added."
    )
    assert [speaker for _, speaker in speech(text)] == ["Hillary Clinton", "Hillary Clinton"]
    text = "Bill Clinton spoke first. Then Hillary Clinton arrived.\n\n“We will win,” Clinton said."
    assert [speaker for _, speaker in speech(text)] == ["Bill Clinton"]


def test_the_honorific_of_a_shared_surname_is_the_person_whose_given_name_fits_it():
    # "Mr. Trump" is Donald's (a man's given name): it says nothing of Melania Trump, whom "she" then finds.
    text = (
        "Donald Trump spoke in Ohio on Monday. Mr. Trump left early.\n\nMelania Trump stayed with the crowd. "
        "Reporters asked about the campaign.\n\n“We are very proud,” she said."
    )
    assert names.given_names().get("Donald") == "m"
    assert [speaker for _, speaker in speech(text)] == ["Melania Trump"]


def test_a_relative_clause_with_a_stance_verb_does_not_hide_the_source_from_a_pronoun():
    # "Bernie Sanders, who on Tuesday endorsed Clinton, said …": "endorsed" is the clause's verb, "said" the cue.
    text = (
        "House Speaker Paul Ryan told CNN that the comments “show bias to me.”\n\nFormer Democratic candidate Bernie "
        "Sanders, who on Tuesday endorsed Clinton, said Wednesday he agrees with Ginsburg's remarks.\n\nThe Vermont "
        "senator declined to say more. But he told ABC: “She is entitled to her opinion.”"
    )
    assert [speaker for _, speaker in speech(text)] == ["Paul Ryan", "Bernie Sanders"]


def test_the_sentence_subject_speaks_not_its_object():
    # "X went after Y, calling him “…”": the subject of the sentence, not the nearest name, is the source.
    text = "Speaking at a town hall in Salem, Dale Ortiz went after Paul Hask, calling him “a total stiff.”"
    assert speech(text) == [("a total stiff", "Dale Ortiz")]


def _features_of(text: str, name: str) -> list[str]:
    from climadiplo.annotate.quotes import find_cues, rule_records

    masked, records, mentions, gazetteer = rule_records(text)
    doc = speaker_model.DocumentCandidates(text, masked, mentions, gazetteer, find_cues(masked))
    span = records[0][0]
    return next(f for c, f in speaker_model.quote_candidates(doc, span, "", None) if c.name == name)


def test_next_said_stays_in_the_quotations_paragraph():
    # "“…,” Kamarck said" names the speaker next; a new paragraph's "Kamarck noted" does not.
    assert "next_said" in _features_of("“We will need a unified effort,” Kamarck said.", "Kamarck")
    assert "next_said" not in _features_of("“We will need a unified effort.”\n\nKamarck noted the rules.", "Kamarck")


@pytest.mark.parametrize(
    "introduction",
    [
        "Norway's ocean envoy, Liv Haugland, met her Chilean counterpart in Oslo on Monday.",
        "Ocean envoy Liv Haugland met her Chilean counterpart in Oslo on Monday.",
        "Liv Haugland, Norway's ocean envoy, met her Chilean counterpart in Oslo on Monday.",
    ],
)
def test_a_role_the_article_gave_a_named_person_is_that_person(introduction):
    text = (
        f"{introduction}\n\nThe talks ran late into the evening.\n\n"
        "Asked about fishing quotas, the envoy said: “That is for the ministers to decide.”"
    )
    (quote,) = [q for q in quotes_in_text(text) if q.kind == "direct"]
    assert quote.speaker == "Liv Haugland"


def test_a_role_no_named_person_holds_stays_a_description():
    text = (
        "Officials met in Oslo on Monday.\n\nAsked about quotas, the envoy said: “That is for the ministers to decide.”"
    )
    (quote,) = [q for q in quotes_in_text(text) if q.kind == "direct"]
    assert quote.speaker == "unnamed envoy"


@pytest.mark.parametrize(
    "text,expected",
    [
        # A name modifying the head of the noun phrase after the cue: the head speaks, not the modifier.
        (
            "Lena Ortiz spoke in Dayton on Monday.\n\n“The plan is dead,” said Ortiz’s chief policy aide Mark Dunlow.",
            [("The plan is dead", "Mark Dunlow")],
        ),
        (
            "Senator Paula Vance toured the plant.\n\n“We want jobs here,” said Vance constituent Omar Tilley.",
            [("We want jobs here", "Omar Tilley")],
        ),
        # A preposition after the name is no modifier: the name stays the cue's subject.
        ("“We will win,” said Karim on Monday.", [("We will win", "Karim")]),
    ],
)
def test_the_head_of_a_noun_phrase_after_the_cue_speaks(text, expected):
    assert speech(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Ortiz's time is running out.\n\n“It will not be easy for Dale Ortiz,” said Representative Peter T. Quill"
        " of New York, who endorsed Mr. Ortiz on Tuesday.",
        "Mr. Ortiz's time is running out.\n\n“It will not be easy,” said Representative Peter T. Quill of New York,"
        " who endorsed Mr. Ortiz on Tuesday.",
    ],
)
def test_a_later_cue_in_the_apposition_does_not_name_the_speaker(text):
    # "said X, who endorsed Mr. Y": the cue after the closing mark is X's, not the relative clause's "endorsed".
    assert [speaker for _, speaker in speech(text)] == ["Peter Quill"]


def test_a_transcript_turn_is_spoken_by_its_label():
    # Each paragraph reopens the quotation with a new label: the label names the speaker, the article's full name
    # where it has one, not a person the turn talks about.
    text = (
        "Dana Pike spoke with the host on Sunday. Partial transcript as follows:\n\n"
        '"HOLT: Do you really see Mark Cuban and Jo Flowers as equivalent?\n\n'
        '"PIKE: Well, look, Mark Cuban has been out there saying some pretty tough stuff.\n\n'
        '"HOLT: Governor, I want to try to get one more in."'
    )
    assert [speaker for _, speaker in speech(text)] == ["Holt", "Dana Pike", "Holt"]


def test_a_delegate_title_is_no_name():
    # "Del." is a state delegate's title, as "Sen." or "Rep." is: never the speaker's name.
    text = "“It is ominous,” said Del. Stacey Plaskett of the Virgin Islands."
    assert speech(text) == [("It is ominous", "Stacey Plaskett")]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "“It was a hard winter,” said J. K. Amsel, a former aide to Mitt Romney. “We lost everything.”",
            [("It was a hard winter", "Amsel"), ("We lost everything", "Amsel")],
        ),
        (
            # no one named before for "she": unknown, never the governor named in her attribution
            "“The vote is rigged,” she said, pointing to a letter from Governor Mark Halvorsen. “It is a disgrace.”",
            [("The vote is rigged", "unknown"), ("It is a disgrace", "unknown")],
        ),
    ],
)
def test_names_in_the_previous_attribution_do_not_speak_the_next_quote(text, expected):
    # "“…,” said X, <a description naming others>. “…”": the next sentence's quotation goes on with X.
    assert speech(text) == expected


def test_the_next_quotes_own_cue_still_names_its_speaker():
    text = (
        "“The levee will not hold,” said Marta Ilves, a former engineer for Governor Paul Dressler. "
        "“We told them so,” Dressler replied."
    )
    assert speech(text) == [("The levee will not hold", "Marta Ilves"), ("We told them so", "Paul Dressler")]


@pytest.mark.parametrize(
    "text,expected",
    [
        # An ordinary word opening a sentence is no one's name, and no antecedent for "he".
        (
            "Tom Quill runs the fund.\n\nHarsh? He doesn't think so. “Saving is a habit,” he said.",
            "Tom Quill",
        ),
        # A name after a locative preposition, or one the article writes after "in", is a place.
        (
            "Rep. Tom Zeldin of New York spoke on Monday.\n\n“We will get there,” he said.",
            "Tom Zeldin",
        ),
        (
            "Dale Ortiz flew to Boulder on Monday. Dale Ortiz met voters in Boulder.\n\n"
            "Boulder was quiet. “We will get there,” he said.",
            "Dale Ortiz",
        ),
    ],
)
def test_pronouns_skip_ordinary_words_and_places(text, expected):
    from climadiplo.annotate.actors import find_mentions
    from climadiplo.annotate.quotes import find_cues

    doc = speaker_model.DocumentCandidates(text, text, find_mentions(text), load_gazetteer(), find_cues(text))
    he = [c for c in doc.candidates if c.name == "he"][-1]
    assert doc.resolve(he, []).name == expected


def test_a_name_after_the_closing_mark_with_an_apposition_before_its_cue_speaks():
    # "“…,” X, <apposition naming others>, said Sunday.": X, not the previous quotation's speaker.
    text = (
        "Hillary Rodham Clinton said the images from France were “a call to act.”\n\n"
        "The images have not prompted Mr. Obama to change course.\n\n"
        "“We will not back down,” Benjamin J. Rhodes, Mr. Obama's deputy national security adviser, said Sunday."
    )
    assert speech(text)[-1] == ("We will not back down", "Benjamin Rhodes")


def test_the_rules_naming_does_not_drop_the_persons_name():
    # The rules read "Judicial Watch" (the organisation) where the ranker chose the person in the run after it.
    text = (
        "Judicial Watch sued the department. “The emails must be released,” said Judicial Watch President Tom Fitton."
    )
    assert speech(text) == [("The emails must be released", "Tom Fitton")]


def test_the_previous_attributions_head_goes_on_not_its_modifier():
    # "said Huckabee campaign spokesman Hogan Gidley. “…”": Gidley goes on; Huckabee only modifies "spokesman".
    text = (
        "Mike Huckabee spoke in Iowa on Monday.\n\n"
        "“It is not a conflict,” said Huckabee campaign spokesman Hogan Gidley. “He has always been open.”"
    )
    assert [speaker for _, speaker in speech(text)] == ["Hogan Gidley", "Hogan Gidley"]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Barack Obama spoke on Monday.\n\nObama consultant Cornell Belcher, a pollster, picked up the thread. "
            "“They have a lot more to lose,” he said.",
            "Cornell Belcher",
        ),
        (
            "Barack Obama spoke on Monday.\n\nFox News’ Bret Baier noticed that no network cut away. “It was long,” he said.",
            "Bret Baier",
        ),
    ],
)
def test_a_pronoun_is_the_head_not_the_name_that_modifies_it(text, expected):
    assert speech(text)[-1][1] == expected


def test_a_name_inside_a_description_is_no_source_for_a_pronoun():
    # "X, who lost … in Aurora, Colorado, in July, said": Colorado stands before ", …, said" but does not speak.
    from climadiplo.annotate.actors import find_mentions
    from climadiplo.annotate.quotes import find_cues

    text = "Sandy Phillips, who lost her daughter in Aurora, Colorado, in July 2012, said the call went badly. Then she said"
    doc = speaker_model.DocumentCandidates(text, text, find_mentions(text), load_gazetteer(), find_cues(text))
    she = next(c for c in doc.candidates if c.name == "she")
    assert doc.resolve(she, []).name == "Sandy Phillips"


def test_a_possessor_after_a_verb_is_no_inverted_source():
    # "X, who …, praised Obama’s presidency": Obama is the object of "praised", not a source of speech.
    from climadiplo.annotate.actors import find_mentions
    from climadiplo.annotate.quotes import find_cues

    text = "Peter Westmacott, who will retire soon, praised Obama’s presidency in an interview. Then he said"
    doc = speaker_model.DocumentCandidates(text, text, find_mentions(text), load_gazetteer(), find_cues(text))
    he = next(c for c in doc.candidates if c.name == "he")
    assert doc.resolve(he, []).name == "Peter Westmacott"


def test_the_rules_pronoun_is_their_pick_not_its_antecedent():
    # The rules read "“…,” he said" and resolve "he" to the nearest man: the ranker sees the pronoun as the rules'
    # pick and the name as the rules' antecedent, so the learned resolver decides who "he" is.
    from climadiplo.annotate.quotes import find_cues, rule_records

    text = "Dale Ortiz spoke first in Salem.\n\n“We will win this state,” he said."
    masked, records, mentions, gazetteer = rule_records(text)
    doc = speaker_model.DocumentCandidates(text, masked, mentions, gazetteer, find_cues(masked))
    span, quote = records[0]
    assert quote.speaker == "Dale Ortiz" and text[quote.speaker_start : quote.speaker_end] == "he"
    found = {
        c.name: f
        for c, f in speaker_model.quote_candidates(
            doc, span, quote.speaker, None, (quote.speaker_start, quote.speaker_end)
        )
    }
    assert "rule_pick" in found["he"] and "rule_antecedent" not in found["he"]
    assert "rule_antecedent" in found["Dale Ortiz"] and "rule_pick" not in found["Dale Ortiz"]
    # Read at a name, the rules' pick is that name as before.
    named = {c.name: f for c, f in speaker_model.quote_candidates(doc, span, "Dale Ortiz", None, (0, 10))}
    assert "rule_pick" in named["Dale Ortiz"] and "rule_pick" not in named["he"]


def test_a_shared_given_name_does_not_rename_the_chosen_person():
    # The rules' "Paul Ryan" shares only a given name with the ranker's "Paul Nehlen": the ranker's person stays.
    nehlen = speaker_model.Candidate(0, 6, "Paul Nehlen", "", "name1k")
    assert not speaker_model._keeps_head(nehlen, "Paul Ryan")
    assert speaker_model._keeps_head(nehlen, "Mr. Nehlen")


def test_a_sentence_opening_and_governs_no_candidate():
    # "And critics … compared": the first "And" of a sentence joins no noun phrase; "Smith and Jones" still does.
    masked = "It ended. And critics compared it. Smith and Jones left."
    assert not speaker_model._governed(masked, masked.index("critics"))
    assert speaker_model._governed(masked, masked.index("Jones"))


def test_a_source_after_according_to_is_no_object():
    text = "According to Dana Welch, Tom Reyes praised his “wonderful donors” in the audience."
    features = _features_of(text, "Dana Welch")
    assert "according" in features and "object" not in features
    assert "object" in _features_of(
        "Tom Reyes wrote a letter to Dana Welch about his “wonderful donors”.", "Dana Welch"
    )


def test_a_past_tense_word_after_a_name_reads_as_its_verb_not_a_modifier():
    # "Toomey fumed on Tuesday": the name is the verb's subject; "Sanders protesters shouted" modifies a head.
    fumed = _features_of("“We vote no,” Dana Welch fumed on Tuesday.", "Dana Welch")
    assert "modifier_ed" in fumed and "modifier" not in fumed
    protesters = _features_of("Dana Welch protesters shouted “we vote no” all day.", "Dana Welch")
    assert "modifier" in protesters and "modifier_ed" not in protesters


def test_a_conjunct_is_no_object():
    # "Tom Reyes and Dana Welch shunned …": a conjunct may be a co-subject, so it is told apart from an object.
    features = _features_of("Tom Reyes and Dana Welch shunned the “wonderful donors” in the audience.", "Dana Welch")
    assert "conjoined" in features and "object" not in features
    assert "object" in _features_of(
        "Tom Reyes wrote a letter to Dana Welch about his “wonderful donors”.", "Dana Welch"
    )


def test_a_document_or_a_former_office_holder_is_not_the_person_the_role_links_to():
    # The rules link "report" and "president" to persons named near them; the ranker's "the report" stays a report,
    # and "the former president" or "a president" is not the article's president.
    from climadiplo.annotate.quotes import Speaker

    class Linked:  # what _linked_person asks of the rules' resolver
        def __init__(self) -> None:
            self.role_index = {"report": ([0], ["Sheila Bair"]), "president": ([0], ["Barack Obama"])}
            self.text = (
                "Barack Obama, the president, spoke. the report; the former president; the president; a president"
            )

        def resolve_role(self, role: str, position: int) -> Speaker:
            return Speaker(self.role_index[role][1][0], "")

    resolver = Linked()
    text = resolver.text

    def role(phrase: str, name: str) -> speaker_model.Candidate:
        start = text.index(phrase, 35)
        return speaker_model.Candidate(start, start + len(phrase), name, "", "role")

    report = role("the report", "unnamed report")
    former = role("the former president", "unnamed former president")
    president = role("the president;", "unnamed president")
    another = role("a president", "unnamed president")
    assert speaker_model._linked_person(resolver, report) == ""
    assert speaker_model._linked_person(resolver, former) == ""
    assert speaker_model._linked_person(resolver, president) == "Barack Obama"
    assert speaker_model._linked_person(resolver, another) == ""  # "a president" is someone new


def test_an_apposition_closes_where_its_noun_phrase_does():
    # "Mika Brzezinski, the candidate stated": the candidate is the clause's subject, not Brzezinski's role; a
    # closed apposition ("Dale Ortiz, the envoy, said") or one that goes on ("the senator from Ohio") still links.
    from climadiplo.annotate.actors import find_mentions, load_gazetteer
    from climadiplo.annotate.quotes import SpeakerResolver

    gazetteer = load_gazetteer()
    text = (
        "In an interview with Mika Brzezinski, the candidate stated that taxes matter. Dale Ortiz, the envoy, said no."
        " Paul Hask, the senator from Ohio, left."
    )
    links = SpeakerResolver(text, find_mentions(text, gazetteer), gazetteer).role_index
    assert "candidate" not in links
    assert links["envoy"][1] == ["Dale Ortiz"] and links["senator"][1] == ["Paul Hask"]


def test_a_headline_cue_ends_one_name_and_starts_the_next():
    # "Francois Hollande Says Donald Trump …": one capitalised run, two names; the cue between them is no name's part.
    from climadiplo.annotate.quotes import quotes_in_text, rule_records

    text = "Dale Ortiz Says Paul Hask ‘Makes You Want To Leave.’\n\nOrtiz spoke in Salem on Monday."
    (quote,) = quotes_in_text(text)
    assert quote.speaker == "Dale Ortiz"
    masked, _, mentions, gazetteer = rule_records(text)
    doc = speaker_model.DocumentCandidates(text, masked, mentions, gazetteer, [])
    assert {"Dale Ortiz", "Paul Hask"} <= {c.name for c in doc.candidates}


def test_a_sentence_subject_does_not_take_over_from_a_source_of_its_paragraph():
    # "X said …. Y wants …": Y is talked about, X spoke; the pronoun of the next quotation is X's.
    text = "Dale Ortiz said the count was slow. Paul Hask wants a recount.\n\n“We will see,” he said."
    assert speech(text) == [("We will see", "Dale Ortiz")]
    # With no source of speech in the paragraph, the sentence's subject is still the antecedent.
    assert speech("The count was slow. Paul Hask wants a recount.\n\n“We will see,” he said.") == [
        ("We will see", "Paul Hask")
    ]


def test_a_source_after_according_to_in_the_closing_sentence_is_the_outer_source():
    # "“…,” X said, according to Fox News": PolNeAR names the outlet; an "according to" before the quote is not it.
    assert "according_after" in _features_of("“We vote no,” Dana Welch said, according to Fox News.", "Fox News")
    before = _features_of("According to Fox News, Dana Welch praised his “wonderful donors”.", "Fox News")
    assert "according" in before and "according_after" not in before


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The Ortiz campaign backtracked after Dale Ortiz spoke on Monday.\n\n"
            "In cases of fraud, it said, “the voter is a victim.”",
            "unnamed ortiz campaign",
        ),
        (
            "The Sierra Club backed the bill that Dale Ortiz wrote.\n\n“We are proud of this vote,” it said.",
            "Sierra Club",
        ),
        ("Dale Ortiz met the Sierra Club on Monday. It said “the bill is a start.”", "Sierra Club"),
    ],
)
def test_it_as_a_cues_subject_is_the_organisation_or_document_named_before(text, expected):
    # Not the person named last: "it" said it ("it is said" is no one's).
    assert [speaker for _, speaker in speech(text)] == [expected]
    assert speech("“We will see,” it is said.") == [("We will see", "unknown")]


@pytest.mark.parametrize("adverb", ["also said", "once described", "repeatedly told"])
def test_an_adverb_between_a_name_and_its_cue_is_no_modifier(adverb):
    # "Rosa Delgado once described the plan as “…”": the name is the cue's subject, not a modifier of a head noun.
    features = _features_of(f"Rosa Delgado {adverb} the plan as “a gift to lobbyists.”", "Rosa Delgado")
    assert "modifier_ed" in features and "modifier" not in features
    protesters = _features_of("Rosa Delgado protesters said the plan was “a gift to lobbyists.”", "Rosa Delgado")
    assert "modifier" in protesters
    family = _features_of("The Delgado family said the plan was “a gift to lobbyists.”", "Delgado")
    assert "modifier" in family


def test_the_ranker_fits_differences_between_a_quotations_candidates():
    # A conditional logit: a feature every candidate of a quotation shares ranks none above another, so it gets no
    # weight (a pointwise fit would give it one), and there is no intercept.
    sys.path.insert(0, str(ROOT / "training"))
    import train_speakers

    # Five quotations with "shared" on all their candidates (one right of four), five without (one right of two).
    rows = [["good", "shared"], ["shared"], ["shared"], ["shared"]] * 5 + [["good"], []] * 5
    labels = [1, 0, 0, 0] * 5 + [1, 0] * 5
    groups = [g for g in range(5) for _ in range(4)] + [g for g in range(5, 10) for _ in range(2)]
    weights, intercept = train_speakers.fit_listwise(rows, labels, groups, [1.0] * len(rows))
    assert intercept == 0.0 and weights["good"] > 1 and "shared" not in weights
    pointwise, _, _, _ = train_speakers.fit(rows, labels)
    assert pointwise["shared"] < 0  # what a pointwise fit learns from "shared" rows being mostly wrong


def test_attribution_measures_of_no_quotes_are_unknown_not_zero():
    from climadiplo.analyse.evaluate import attribution_metrics
    from climadiplo.annotate.quotes import Quote

    records = [
        {"doc_id": "d", "text": "“Go now,” Okafor said.", "quotes": [{"start": 1, "end": 7, "speaker": "Okafor"}]}
    ]
    metrics = attribution_metrics(records, lambda _text: [Quote(0, 1, 7, "Go now", "Okafor", "", "said", "direct")])
    values = metrics.set_index("metric")
    assert values.loc["named_as_written_accuracy", "value"] == 1.0
    # No gold source is a pronoun: the pronoun figure is unknown (NaN, null in --json), over n = 0.
    assert math.isnan(values.loc["pronoun_resolved_accuracy", "value"])
    assert values.loc["pronoun_resolved_accuracy", "n"] == 0
    assert '"value":null' in metrics.to_json(orient="records")


@pytest.mark.parametrize(
    "text,expected",
    [
        # A country as a person's surname: the person, also when the surname stands alone later.
        (
            "Mark Cuban, the owner of a team, spoke on Sunday.\n\n“I will not run,” Cuban said.",
            [("I will not run", "Mark Cuban", "")],
        ),
        ("“It is a lie,” Rep. Steve Israel said.", [("It is a lie", "Steve Israel", "")]),
        # A place that opens a longer name is no speaker of its own: the outlet, the president.
        ("“There is no basis,” the Philippine Star reported.", [("There is no basis", "Philippine Star", "")]),
        ("“Crime is up,” the Washington Post reported.", [("Crime is up", "Washington Post", "")]),
        # The country itself still speaks where it is the subject.
        ("“We reject it,” China said in a statement.", [("We reject it", "China", "China")]),
        # A body or an unknown name that opens a longer run is the office holder's: the run's end is its head.
        ("“We made mistakes,” Senate Minority Leader Harry M. Reid said.", [("We made mistakes", "Harry Reid", "")]),
        # The surname alone later is the person, without the office before the name.
        (
            "Senate Minority Leader Harry M. Reid spoke on Monday.\n\n“We made mistakes,” Reid said.",
            [("We made mistakes", "Harry Reid", "")],
        ),
        # A people in the plural is named as written, its country the actor.
        (
            "“Poor Mexico, so far from God,” Mexicans often say.",
            [("Poor Mexico, so far from God", "Mexicans", "Mexico")],
        ),
        ("“We are ready,” Israelis often say.", [("We are ready", "Israelis", "Israel")]),
        # A capital that stands for its country is the country, not a people ("Athens" is no plural of "Athen").
        ("“We will not accept this,” Athens said.", [("We will not accept this", "Greece", "Greece")]),
        ("“We will not accept this,” Tunis said.", [("We will not accept this", "Tunisia", "Tunisia")]),
        ("“We will not accept this,” Algiers said.", [("We will not accept this", "Algeria", "Algeria")]),
    ],
)
def test_a_country_inside_a_longer_name_is_that_name(text, expected):
    found = [(q.text, q.speaker, q.speaker_actor) for q in quotes_in_text(text) if q.kind in ("direct", "partial")]
    assert found == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # A plural role noun's speech is "they"'s: "he" and "she" are the person named before.
        (
            "Dale Ortiz spoke to the crowd in Salem on Monday. Voters said they were tired of waiting.\n\n"
            "“We will win this race,” he said.",
            "Dale Ortiz",
        ),
        (
            "Nadia Okafor spoke to the crowd on Monday. Officials said the count was slow.\n\n"
            "“We will win this race,” she said.",
            "Nadia Okafor",
        ),
        # A one-word capitalised word that is no person's name (untitled, no known given name, no source).
        (
            "Dale Ortiz grew up on a farm. His Catholic faith is important to him.\n\n“We will win this race,” he said.",
            "Dale Ortiz",
        ),
        # A one-word given name (the census lists) is a person's: the last named subject.
        (
            "Nadia Okafor met voters on Monday. Melanie listened to the speech.\n\n“We will win this race,” she said.",
            "Melanie",
        ),
        # In apposition, a one-word name is a person's ("his wife, Jane,").
        ("Dale Ortiz arrived with his wife, Jane, on Monday.\n\n“We will win this race,” she said.", "Jane"),
    ],
)
def test_a_pronoun_takes_a_person_of_its_number_not_a_word(text, expected):
    assert speech(text)[-1][1] == expected


def test_a_given_name_the_table_does_not_hold_has_no_gender():
    table = names.given_names()
    assert table and set(table.values()) <= {"m", "f"}
    assert "Petra" not in table and names.given_gender("Petra") == ""  # unknown: no guess from its ending
    assert names.name_gender("Petra Novak", {}) == ""
    assert names.name_gender("Petra Novak", {"Novak": "f"}) == "f"  # the article's Ms. Novak still tells


def test_actors_and_the_speaker_model_read_the_name_table_without_importing_each_other():
    import ast
    import inspect

    from climadiplo.annotate import actors

    def imported(module) -> set[str]:
        tree = ast.parse(inspect.getsource(module))
        return {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}

    assert "climadiplo.annotate.speaker_model" not in imported(actors)
    assert "climadiplo.annotate.actors" not in imported(names)
    assert "climadiplo.annotate.names" in imported(actors) & imported(speaker_model)


@pytest.mark.parametrize(
    "text,expected",
    [
        # Family name first (Korean, Chinese): the titled family name is the one person the article names so.
        (
            "Lee Jae-myung, the opposition leader, visited Busan on Monday.\n\n“We will win,” Mr. Lee said.",
            "Lee Jae-myung",
        ),
        (
            "Foreign Ministry spokeswoman Hua Chunying spoke on Monday. “We oppose hacking,” Ms. Hua said.",
            "Hua Chunying",
        ),
        # A titled word that ends another full name is that person's surname, not the first word of the other.
        ("Grant Okafor met Dale Grant on Monday.\n\n“We will win,” Mr. Grant said.", "Dale Grant"),
        # A titled word the gazetteer's person ends is theirs, not the first word of another name.
        (
            "Hillary Clinton spoke on Monday. The Clinton Plan was published.\n\n“We will win,” Mrs. Clinton said.",
            "Hillary Clinton",
        ),
        # Two full names open with it: no one canonical person.
        ("Lee Jae-myung met Lee Nak-yon on Monday.\n\n“We will win,” Mr. Lee said.", "Lee"),
    ],
)
def test_a_titled_family_name_is_the_one_person_named_family_name_first(text, expected):
    assert speech(text)[-1][1] == expected


def test_census_names_are_given_names_of_one_gender_or_of_both():
    sys.path.insert(0, str(ROOT / "training"))
    import convert_census_names

    rows = convert_census_names.census_genders({"James": 3.3, "Jean": 0.1}, {"Jean": 0.3, "Mary": 2.6})
    assert rows == [("James", "m", "1.000"), ("Jean", "", "0.750"), ("Mary", "f", "1.000")]
    census = names.census_given_names()
    assert len(census) > 4000 and set(census.values()) <= {"m", "f", ""}
    assert names.is_given_name("Melanie") and not names.is_given_name("Catholic")
    assert names.given_gender("Melanie") == names.given_names().get("Melanie", "")  # the census gives no gender
