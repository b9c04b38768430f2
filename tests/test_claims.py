"""Claim type, hedges and check-worthiness on invented sentences, and on the invented labelled set."""

from __future__ import annotations

import pandas as pd
import pytest

from climadiplo.analyse.stats import binary_scores, macro_f1
from climadiplo.annotate.claims import annotate_claim
from climadiplo.resources import data_path


@pytest.mark.parametrize(
    "sentence,claim",
    [
        ("Both countries should phase out coal.", "prescriptive"),
        ("It is important to keep talking.", "prescriptive"),
        ("The envoy will travel to Delhi next week.", "predictive"),
        ("Talks could resume in the spring.", "predictive"),
        ("We'll have to rely on imports for years.", "predictive"),
        ("The deal was a remarkable success.", "evaluative"),
        ("I think the relationship has improved.", "evaluative"),
        ("The ministers met in Geneva on Monday.", "factual"),
        ("Officials discussed the need to provide backup power.", "factual"),
        ("Experts say there is a lot of discussion that the policy is difficult.", "factual"),
        ("“We must act now,” the minister said.", "prescriptive"),
        ("She said the plan was “essential” and left.", "factual"),
    ],
)
def test_claim_type(sentence, claim):
    assert annotate_claim(sentence, is_question=False).claim == claim


def test_questions_have_no_claim():
    assert annotate_claim("Will the talks resume?", is_question=True).claim is None


@pytest.mark.parametrize(
    "sentence,hedged",
    [
        ("The deal may reopen the door to cooperation.", True),
        ("In some ways, the talks were a success.", True),
        ("It seems the standoff could ease.", True),
        ("I expect an announcement in September.", True),
        ("Investment that could help both economies is welcome.", False),
        ("The talks resumed on Monday.", False),
        ("They reached some sort of agreement.", False),
        ("The premise that Kerry could force China is wrong.", False),
    ],
)
def test_hedging(sentence, hedged):
    assert annotate_claim(sentence, is_question=False).hedged is hedged


def test_hedge_cues_are_reported():
    assert annotate_claim("I think it may work.", is_question=False).hedge_cues.split("|") == ["i think", "may"]


def test_checkworthy_needs_specific_checkable_content():
    specific = annotate_claim("China became the largest exporter of cars in 2023, ahead of Japan.", is_question=False)
    vague = annotate_claim("Things have changed a lot.", is_question=False)
    assert specific.checkworthy and not vague.checkworthy
    assert specific.checkworthy_score > vague.checkworthy_score


def test_generalises_to_invented_news_sentences():
    # A labelled set of sentences about other bilateral relationships (data/annotations/invented-sentences.csv).
    labelled = pd.read_csv(data_path("annotations", "invented-sentences.csv"))
    predicted = [annotate_claim(text, is_question=False) for text in labelled["text"]]
    claim_f1 = macro_f1(labelled["claim"].tolist(), [p.claim for p in predicted])
    hedge_f1 = binary_scores(labelled["hedged"].tolist(), [p.hedged for p in predicted])[2]
    print(f"invented set: claim macro-F1 {claim_f1:.3f}, hedge F1 {hedge_f1:.3f}")
    assert claim_f1 >= 0.70
    assert hedge_f1 >= 0.75
