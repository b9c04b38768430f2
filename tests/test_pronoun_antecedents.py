"""The hand-checked antecedents of PolNeAR dev's pronoun-sourced quotes: well-formed, and keyed on those quotes."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from climadiplo.analyse.coding import text_sha1
from climadiplo.analyse.evaluate import is_pronoun, polnear_to_attribution, speaker_matches

ROOT = Path(__file__).resolve().parents[1]
SHARED_DEV = ROOT.parent / "shared" / "dev"
CSV = ROOT / "data" / "annotations" / "speakers-dev" / "pronoun-antecedents.csv"
COLUMNS = ["doc_id", "start", "end", "pronoun", "converter_sha1", "antecedent", "agrees", "note", "coder"]
sys.path.insert(0, str(ROOT / "benchmarks"))

import evaluate_dev  # noqa: E402


def _rows() -> list[dict]:
    with CSV.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def test_every_row_is_one_coded_pronoun_quote():
    rows = _rows()
    keys = [(row["doc_id"], int(row["start"]), int(row["end"])) for row in rows]
    assert len(keys) == len(set(keys)) and keys == sorted(keys)
    for row in rows:
        assert is_pronoun(row["pronoun"]) and row["antecedent"].strip() and row["coder"].strip()
        assert row["agrees"] in ("0", "1") and len(row["converter_sha1"]) == 12


def test_the_keys_are_the_pronoun_sourced_quotes_of_attribution_dev():
    path = SHARED_DEV / "polnear" / "attribution-dev.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} is not beside this checkout (PolNeAR is not shipped)")
    expected = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = polnear_to_attribution(json.loads(line))
        for quote in record["quotes"]:
            if is_pronoun(quote.get("as_written")):
                expected[(record["doc_id"], quote["start"], quote["end"])] = (quote["as_written"], quote["speaker"])
    rows = _rows()
    coded = {(r["doc_id"], int(r["start"]), int(r["end"])): (r["pronoun"], r["converter_sha1"]) for r in rows}
    assert coded == {key: (pronoun, text_sha1(source)) for key, (pronoun, source) in expected.items()}
    for row in rows:
        # An agreement is one the scoring rule would count: the converter's gold matches the antecedent.
        source = expected[(row["doc_id"], int(row["start"]), int(row["end"]))][1]
        assert row["agrees"] == "0" or speaker_matches(source, row["antecedent"])


def test_the_hand_gold_replaces_only_pronoun_sources_and_leaves_unnamed_out(tmp_path):
    records = [
        {
            "doc_id": "d",
            "text": "x" * 40,
            "quotes": [
                {"start": 0, "end": 5, "speaker": "Ms. Okafor"},
                {"start": 10, "end": 15, "speaker": "the report", "as_written": "it"},
                {"start": 20, "end": 25, "speaker": "Okafor", "as_written": "she"},
            ],
        }
    ]
    table = tmp_path / "antecedents.csv"
    table.write_text(
        ",".join(COLUMNS)
        + "\nd,10,15,it,0123456789ab,unnamed: a report,0,,t\nd,20,25,she,0123456789ab,Ada Okafor,1,,t\n",
        encoding="utf-8",
    )
    hand, left_out = evaluate_dev.with_pronoun_antecedents(records, table)
    assert [q["speaker"] for q in hand[0]["quotes"]] == ["Ms. Okafor", "", "Ada Okafor"] and left_out == 1
    assert records[0]["quotes"][2]["speaker"] == "Okafor"  # the converter's records are left as they were
    table.write_text(",".join(COLUMNS) + "\nd,20,25,she,0123456789ab,Ada Okafor,1,,t\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="no antecedent for d 10-15"):
        evaluate_dev.with_pronoun_antecedents(records, table)
