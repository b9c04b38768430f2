"""A dateline says where a story was filed: it is no speaker and no pronoun's antecedent (issue 10, review 9 A3)."""

from __future__ import annotations

import pytest

from climadiplo.annotate.quotes import find_cues, quotes_in_text, rule_records
from climadiplo.annotate.speaker_model import DocumentCandidates
from climadiplo.read.segment import dateline_span


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("OSLO (Reuters) - Norway raised its fuel tax.", "OSLO (Reuters) - "),
        ("SANTIAGO, Chile — Copper prices fell.", "SANTIAGO, Chile — "),
        ("PORT MORESBY, May 9 (Staff) - The talks began.", "PORT MORESBY, May 9 (Staff) - "),
        ("KAMLOOPS, B.C., Jan. 4 (UPI) -- Snow closed roads.", "KAMLOOPS, B.C., Jan. 4 (UPI) -- "),
        ("ÅRHUS — The port reopened.", "ÅRHUS — "),
        ("Wind plans stall\n\nLIMA – Peru paused its auction.", "LIMA – "),  # a headline above the lede
    ],
)
def test_a_dateline_opening_the_lede_is_found(text, dateline):
    start, end = dateline_span(text)
    assert text[start:end] == dateline


@pytest.mark.parametrize(
    "text",
    [
        "Oslo - the capital - raised its fuel tax.",  # a place not in capitals
        "EU - China talks resumed on Monday.",  # two letters: an acronym, not a place
        "Norway raised its fuel tax.\n\nA second paragraph.\n\nA third.\n\nBERGEN — too deep into the text.",
    ],
)
def test_other_openings_are_no_dateline(text):
    assert dateline_span(text) == (0, 0)


@pytest.mark.parametrize("place", ["SAN JOSE —", "PUERTO ASÍS, Oct 3 -", "CIUDAD DEL ESTE (Staff) -"])
def test_a_dateline_is_neither_a_speaker_nor_the_antecedent_of_he(place):
    text = (
        f"{place} Uruguay and Paraguay are arguing over river dredging, officials said on Monday.\n\n"
        "Paraguay's waterways chief, Rubén Ortega, accused Uruguay of stalling the permits. "
        "“This delay costs our barges money every week,” he said."
    )
    (quote,) = [q for q in quotes_in_text(text) if q.kind == "direct"]
    assert quote.speaker == "Rubén Ortega"
    _, end = dateline_span(text)
    masked, _, mentions, gazetteer = rule_records(text)
    doc = DocumentCandidates(text, masked, mentions, gazetteer, find_cues(masked))
    assert [c.name for c in doc.candidates if c.start < end] == []
