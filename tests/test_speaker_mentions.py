"""The quotes table's speaker_start, speaker_end: where the speaker was read, and how evaluate scores it."""

from __future__ import annotations

import json
import re

import pytest

from climadiplo.analyse.evaluate import attribution_metrics, load_attribution
from climadiplo.annotate.quotes import UNKNOWN_SPEAKER, Quote, _role_nouns, quotes_in_text
from climadiplo.cli import main
from climadiplo.errors import InputError
from climadiplo.pipeline import build_tables
from climadiplo.read.corpus import load_corpus
from climadiplo.resources import data_path

PRONOUNS = {"he", "she", "they", "i", "we"}


def _words(text: str) -> set[str]:
    return {re.sub(r"[’']s$", "", word.lower()) for word in re.findall(r"[\w’'.-]+", text)} - {"unnamed"}


@pytest.fixture(scope="module")
def invented_tables():
    return build_tables(load_corpus(data_path("annotations", "invented-news", "articles.jsonl")))


@pytest.mark.parametrize("which", ["seed", "invented"])
def test_speaker_offsets_point_at_the_speakers_mention(which, seed_tables, invented_tables):
    tables = seed_tables if which == "seed" else invented_tables
    texts = tables["documents"].set_index("doc_id")["text"]
    mentions = tables["mentions"]
    checked = 0
    for row in tables["quotes"].itertuples():
        if row.speaker in ("", UNKNOWN_SPEAKER):
            assert (row.speaker_start, row.speaker_end) == (-1, -1), row
            continue
        text = texts[row.doc_id]
        assert 0 <= row.speaker_start < row.speaker_end <= len(text), row
        written = text[row.speaker_start : row.speaker_end]
        # The mention is the speaker's name or part of it ("Kerry" for John Kerry), a pronoun, the description
        # itself ("one diplomat" for "unnamed diplomat"), a role the article gave the person ("the envoy" for Kenji
        # Tanaka), or a gazetteer alias of the speaker's actor ("Chinese" for China).
        alias = (
            (mentions["doc_id"] == row.doc_id)
            & (mentions["start"] == row.speaker_start)
            & (mentions["actor"] == row.speaker_actor)
        ).any()
        named = bool(_words(written) & _words(row.speaker))
        role = written.lower().split()[-1] in _role_nouns()
        assert named or written.lower() in PRONOUNS or role or alias, (row.speaker, written)
        checked += 1
    assert checked >= 5


@pytest.mark.parametrize(
    "text,speaker,written",
    [
        ("“We will win the state,” said Nadia Karim on Monday.", "Nadia Karim", "Nadia Karim"),
        # A pronoun resolved to a person: the speaker is the person, the mention the pronoun.
        ("Nadia Karim spoke to voters in Ohio on Monday.\n\n“We will win the state,” she said.", "Nadia Karim", "she"),
        ("“We will win the state,” Okafor told reporters.", "Okafor", "Okafor"),
    ],
)
def test_offsets_of_a_name_and_of_a_pronoun(text, speaker, written):
    (quote,) = [q for q in quotes_in_text(text) if q.kind in ("direct", "partial")]
    assert quote.speaker == speaker
    assert text[quote.speaker_start : quote.speaker_end] == written


def test_no_speaker_no_offsets():
    quotes = quotes_in_text("The plan is a “friend-shoring” strategy.")
    assert quotes and all((q.speaker_start, q.speaker_end) == (-1, -1) for q in quotes if not q.speaker)


def _record(text: str, quotes: list[dict]) -> str:
    return json.dumps({"doc_id": "a", "text": text, "quotes": quotes})


def test_source_mention_found_is_scored_where_the_gold_gives_offsets():
    text = "“Go now,” Okafor said. “Stay,” he said. “Maybe,” Lee said."
    records = [
        {
            "doc_id": "d",
            "text": text,
            "quotes": [
                {"start": 1, "end": 7, "speaker": "Okafor", "speaker_start": 10, "speaker_end": 16},
                {"start": 24, "end": 28, "speaker": "Okafor", "speaker_start": 31, "speaker_end": 33},
                {"start": 41, "end": 46, "speaker": "Lee"},  # no offsets: not scored for the mention
            ],
        }
    ]

    def predict(_text):
        return [
            Quote(0, 1, 7, "Go now", "Okafor", "", "said", "direct", 10, 16),
            Quote(0, 24, 28, "Stay", "Okafor", "", "said", "direct", 10, 16),  # the right person, read elsewhere
            Quote(0, 41, 46, "Maybe", "Lee", "", "said", "direct", 49, 52),
        ]

    metrics = attribution_metrics(records, predict).set_index("metric")
    assert metrics.loc["source_mention_found", "value"] == 0.5
    assert metrics.loc["source_mention_found", "n"] == 2
    assert metrics.loc["named_speaker_accuracy", "value"] == 1.0  # unchanged by the offsets
    # Without offsets in the gold, no such line.
    for quote in records[0]["quotes"]:
        quote.pop("speaker_start", None), quote.pop("speaker_end", None)
    assert "source_mention_found" not in set(attribution_metrics(records, predict)["metric"])


def test_cli_prints_source_mention_found(tmp_path, capsys):
    text = "“We are ready,” said Nadia Karim."
    path = tmp_path / "gold.jsonl"
    path.write_text(
        _record(text, [{"start": 1, "end": 13, "speaker": "Karim", "speaker_start": 21, "speaker_end": 32}])
    )
    assert main(["evaluate", "--attribution", str(path)]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if "source_mention_found" in line)
    assert line.split()[-2:] == ["1.0", "1"]


@pytest.mark.parametrize(
    "quote",
    [
        {"start": 1, "end": 5, "speaker": "X", "speaker_start": 3},  # one without the other
        {"start": 1, "end": 5, "speaker": "X", "speaker_start": 8, "speaker_end": 6},  # start after end
        {"start": 1, "end": 5, "speaker": "X", "speaker_start": 0, "speaker_end": 99},  # outside the text
        {"start": 1, "end": 5, "speaker": "X", "speaker_start": "0", "speaker_end": 3},  # not an offset
        {"start": 1, "end": 5, "speaker": "X", "speaker_start": True, "speaker_end": 3},
    ],
)
def test_bad_mention_offsets_fail_in_one_line(tmp_path, capsys, quote):
    path = tmp_path / "gold.jsonl"
    path.write_text(_record("“Hello there,” said Nadia Karim.", [quote]) + "\n")
    with pytest.raises(InputError, match=r"gold.jsonl:1: quote 1: optional 'speaker_start', 'speaker_end'"):
        load_attribution(path)
    assert main(["evaluate", "--attribution", str(path)]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_null_mention_offsets_are_accepted(tmp_path):
    path = tmp_path / "gold.jsonl"
    quote = {"start": 1, "end": 5, "speaker": "", "speaker_start": None, "speaker_end": None}
    path.write_text(_record("“Hello there,” said Nadia Karim.", [quote]) + "\n")
    assert load_attribution(path)[0]["quotes"][0]["speaker_start"] is None
