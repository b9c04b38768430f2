"""Climate and energy words that the lexicons read in a sense they do not have in climate news (session 9 review).

Invented sentences only: the cases the review found, written anew.
"""

from __future__ import annotations

import pytest

from climadiplo.annotate.claims import annotate_claim, claim_text, only_attribution
from climadiplo.annotate.frames import score_sentence
from climadiplo.annotate.sentiment import sentence_tones


def cues(text: str) -> tuple[str, ...]:
    return score_sentence(text).cues


@pytest.mark.parametrize(
    "text",
    [
        "Denmark connected 2 gigawatts of onshore turbines to the grid last year.",
        "Offshore wind farms in the Baltic supplied a third of the electricity this winter.",
        "Strong winds knocked out the power lines on the coast.",
        "The ministry opened a short window for bids in April.",
        "Oil majors booked a windfall from high gas prices.",
        "The valley is known for its wine and its old windmills.",
        "The party's left wing wants a faster coal exit.",
    ],
)
def test_wind_winter_window_wine_and_onshore_are_no_competition(text) -> None:
    assert not [cue for cue in cues(text) if cue.startswith("competition:")], cues(text)


@pytest.mark.parametrize(
    "text, cue",
    [
        ("The utility hopes to win the auction for the new turbines.", "competition:win"),
        ("The coalition wins a majority in the regional vote.", "competition:wins"),
        ("She is winning the race for the nomination.", "competition:winning"),
        ("The consortium was named the winner of the tender.", "competition:winner"),
        ("Carmakers are onshoring battery production.", "competition:onshoring"),
        ("Korea overtook Japan as the biggest maker of ships.", "competition:overtook"),
        ("Solar makers fear being overtaken by cheaper rivals.", "competition:overtaken"),
    ],
)
def test_the_forms_of_win_onshoring_and_overtaking_are_competition(text, cue) -> None:
    assert cue in cues(text)


@pytest.mark.parametrize(
    "text",
    [
        "India overtook Germany in installed solar capacity last year.",
        "Electricity demand rose sharply during the heatwave.",
        "Global demand for copper is expected to double by 2040.",
        "The country will build two nuclear power plants by 2035.",
        "A winter storm cut power to thousands of homes.",
        "The government launched a tender for floating solar parks.",
        "Parliament approved a carbon levy on steel.",
        "The import tariff on panels was halved.",
        "Victoria plans to close its last coal plant in 2035.",
        "Ottawa cleared Argentine beef with new sanitary checks.",
    ],
)
def test_climate_senses_give_no_conflict_or_cooperation(text) -> None:
    score = score_sentence(text)
    found = [cue for cue in score.cues if cue.startswith(("conflict:", "cooperation:"))]
    assert not found, found
    assert not score.labels["conflict"]


@pytest.mark.parametrize(
    "text",
    [
        "Workers demand an end to the pit closures.",  # an actor's demand
        "North Korea wants to be accepted as a nuclear power.",  # a state with the bomb
        "Protesters stormed the energy ministry.",  # an attack
        "The senator has a beef with the regulator.",  # a grievance
    ],
)
def test_the_conflict_sense_of_those_words_stays(text) -> None:
    assert any(cue.startswith("conflict:") for cue in cues(text)), cues(text)


@pytest.mark.parametrize(
    "text",
    [
        "Beijing vowed to take all necessary measures to defend its carmakers.",
        "The miners will challenge the permit in court.",
        "Green groups filed a legal challenge against the pipeline.",
        "Officials said tariffs stay on the table if Seoul does not deliver.",
        "Tokyo is weighing countermeasures.",
        "Seoul denounced the new quotas as thinly veiled protectionism.",
        "The carmakers called the duties protectionism.",
    ],
)
def test_threats_and_court_challenges_are_conflict(text) -> None:
    assert score_sentence(text).labels["conflict"], cues(text)


def test_everything_on_the_table_in_talks_is_no_threat() -> None:
    assert not any(cue.startswith("conflict:") for cue in cues("The negotiator said everything is on the table."))


@pytest.mark.parametrize(
    "text",
    [
        "The bloc published a new list of critical raw materials.",
        "Ottawa and Canberra signed a pact on critical minerals.",
        "Hackers probed critical infrastructure such as ports.",
    ],
)
def test_critical_minerals_are_no_judgement(text) -> None:
    assert annotate_claim(text, False).claim == "factual"
    # the domain lexicon's valence (the learned model masks the phrase from its n-grams: test_sentiment.py)
    assert [label for _, label in sentence_tones([text], "lexicon")] == [0]


def test_critical_as_a_judgement_stays_evaluative() -> None:
    assert annotate_claim("The talks have reached a critical stage.", False).claim == "evaluative"


@pytest.mark.parametrize(
    "sentence, claim",
    [
        (
            "“Confidence must be restored,” said a senior negotiator, who spoke on condition of anonymity.",
            "prescriptive",
        ),
        (
            "“We accept rivalry, but it has to be fair,” said Marta Lindqvist, the Swedish trade minister.",
            "prescriptive",
        ),
        (
            "“The border levy should be scrapped,” a senior official told reporters in Delhi, speaking on condition "
            "of anonymity.",
            "prescriptive",
        ),
        ("“The plant will open in 2027,” Kenji Sato, the firm's chief executive, said in an interview.", "predictive"),
        ("Aiko Mori, the agency's director, said: “The new quotas should be dropped.”", "prescriptive"),
    ],
)
def test_a_quote_with_a_long_attribution_is_typed_by_the_quote(sentence, claim) -> None:
    assert annotate_claim(sentence, False).claim == claim
    assert "quote" not in claim_text(sentence).split()


@pytest.mark.parametrize(
    "sentence",
    [
        "“We will appeal,” he said, but the ministry said the ruling was final.",
        "“We will appeal,” the firm's lawyer said, adding that the ruling should be overturned.",
        "The minister called the duties “naked coercion” and said Ottawa would respond.",
        "Nadia Karim, who said “we must act now”, left the room before the vote.",
        "Sato started the talks in 2014 and he said, “We must finish them.”",
        # a clause after the attribution: joined by "and"/"or", after a semicolon, in brackets (codereview10 #3)
        "“We will cut emissions by half,” the minister said, and the talks collapsed hours later.",
        "“We will cut emissions by half,” the minister said on Monday, or so the agency reported.",
        "“We will cut emissions by half,” the minister said; emissions rose 5 percent.",
        "“We will cut emissions by half,” the minister said (emissions rose 5 percent).",
        "“We will cut emissions by half,” and exports fell sharply last week, the minister said.",
    ],
)
def test_an_attribution_with_a_claim_of_its_own_keeps_the_sentence(sentence) -> None:
    assert "quote" in claim_text(sentence).split()


@pytest.mark.parametrize(
    "outside",
    [
        " said Rep. Jane Doe (D-Calif.), a member of the energy committee.",
        " the minister said (in French).",
        " said Ana Ruiz, the former minister of energy, senator, and party leader.",
        " he said;  ",  # a semicolon between two quotations: no words after it
        # a bracketed relative clause, participle or apposition describes the speaker (codereview10b)
        " said one official (who spoke on condition of anonymity).",
        " he said (speaking in French).",
        " said Ana Silva (a senior economist at the bank).",
    ],
)
def test_a_label_in_brackets_or_a_list_in_an_apposition_is_still_only_attribution(outside) -> None:
    assert only_attribution(outside)


def test_only_attribution_reads_the_parts_around_a_quote() -> None:
    assert only_attribution(" said one senior diplomat, who asked not to be named.")
    assert only_attribution(" the ministry's spokesperson told reporters on Monday.")
    assert not only_attribution(" the ministry said the talks would resume on Monday.")
    assert not only_attribution(" the talks resumed on Monday.")  # no speech cue: no attribution
