"""`evaluate --attribution FILE --errors PATH`: every wrong quote in a CSV; a quote without a speaker key refused."""

from __future__ import annotations

import json
import sys

import pandas as pd
import pytest

from climadiplo.analyse.evaluate import (
    ERROR_COLUMNS,
    attribution_errors,
    attribution_metrics,
    load_attribution,
    predict_attribution,
)
from climadiplo.annotate.quotes import Quote
from climadiplo.cli import main
from climadiplo.errors import InputError

TEXT = "“Go now,” Okafor said. “Stay,” he said. “Maybe.” Lee added: “Never.” “Later,” Kim said."
# Gold: five quotes. The fake tool finds four of them and one that is not a quote.
GOLD = [
    {"start": 1, "end": 7, "speaker": "Okafor"},  # found, right speaker, right span: not listed
    {"start": 24, "end": 28, "speaker": "Okafor", "as_written": "he"},  # credited to nobody: unnamed
    {"start": 41, "end": 46, "speaker": "Smith"},  # credited to Lee: wrong speaker
    {"start": 61, "end": 66, "speaker": None},  # nobody named in the gold: a shorter span is a boundary error only
    {"start": 70, "end": 75, "speaker": "Kim"},  # not found: missed
]


def predict(_text):
    return [
        Quote(0, 1, 7, "Go now", "Okafor", "", "said", "direct"),
        Quote(0, 24, 28, "Stay", "unknown", "", "said", "direct"),
        Quote(0, 41, 46, "Maybe", "Lee", "", "", "direct"),
        Quote(0, 61, 65, "Neve", "Lee", "", "added", "direct"),
        Quote(0, 82, 86, "said", "Kim", "", "", "partial"),
    ]


RECORDS = [{"doc_id": "d", "text": TEXT, "quotes": GOLD}]


def test_every_wrong_quote_is_one_row_of_its_kind_sorted():
    errors = attribution_errors(RECORDS, predict)
    assert list(errors.columns) == list(ERROR_COLUMNS)
    assert errors[["start", "end", "kind"]].values.tolist() == [
        [24, 28, "unnamed"],
        [41, 46, "wrong_speaker"],
        [61, 66, "boundary"],
        [70, 75, "missed"],
        [82, 86, "extra"],
    ]
    extra = errors.iloc[-1]
    assert (extra["gold_speaker"], extra["predicted_speaker"], extra["text"]) == ("", "Kim", "said")
    missed = errors[errors["kind"] == "missed"].iloc[0]
    assert (missed["predicted_start"], missed["predicted_end"], missed["text"]) == (-1, -1, "Later")
    boundary = errors[errors["kind"] == "boundary"].iloc[0]
    assert (boundary["predicted_start"], boundary["predicted_end"]) == (61, 65)


def test_the_errors_add_up_to_the_metrics():
    predicted = predict_attribution(RECORDS, predict)
    metrics = attribution_metrics(RECORDS, predicted=predicted).set_index("metric")
    errors = attribution_errors(RECORDS, predicted=predicted)
    kinds = errors["kind"].str.split("+").explode().value_counts()
    n_gold, n_predicted = len(GOLD), len(predict(TEXT))
    assert metrics.loc["recall", "value"] == pytest.approx((n_gold - kinds["missed"]) / n_gold, abs=1e-4)
    assert metrics.loc["precision", "value"] == pytest.approx((n_predicted - kinds["extra"]) / n_predicted, abs=1e-4)
    named = metrics.loc["named_speaker_accuracy"]
    assert named["value"] == pytest.approx(1 - (kinds["wrong_speaker"] + kinds["unnamed"]) / named["n"], abs=1e-4)


def test_a_boundary_and_a_speaker_error_on_one_quote_are_one_row():
    records = [{"doc_id": "d", "text": TEXT, "quotes": [{"start": 41, "end": 46, "speaker": "Smith"}]}]
    errors = attribution_errors(records, lambda _text: [Quote(0, 41, 45, "Mayb", "Lee", "", "", "direct")])
    assert errors["kind"].tolist() == ["boundary+wrong_speaker"]


def _write(path, quotes, text=TEXT):
    path.write_text(json.dumps({"doc_id": "a", "text": text, "quotes": quotes}) + "\n", encoding="utf-8")
    return path


def test_cli_writes_the_errors_csv_and_never_overwrites_it_without_overwrite(tmp_path, capsys):
    text = "“We are ready,” said Nadia Karim. “Not yet,” the minister said."
    gold = _write(tmp_path / "gold.jsonl", [{"start": 1, "end": 13, "speaker": "Jane Roe"}], text)
    out = tmp_path / "errors.csv"
    assert main(["evaluate", "--attribution", str(gold), "--errors", str(out)]) == 0
    written = pd.read_csv(out, keep_default_na=False)
    assert list(written.columns) == list(ERROR_COLUMNS)
    assert written["kind"].tolist() == ["wrong_speaker", "extra"]
    assert written["predicted_speaker"].tolist()[0] == "Nadia Karim"
    assert "wrote 2 wrong quotes" in capsys.readouterr().err
    out.write_text("mine\n")
    assert main(["evaluate", "--attribution", str(gold), "--errors", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "already exists" in err[0] and "--overwrite" in err[0]
    assert out.read_text() == "mine\n"
    assert main(["evaluate", "--attribution", str(gold), "--errors", str(out), "--overwrite"]) == 0
    assert out.read_text(encoding="utf-8").startswith(",".join(ERROR_COLUMNS) + "\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["errors.csv", "gold.jsonl"]  # no temporary file left


@pytest.mark.parametrize(
    "options,fragment",
    [
        (["--errors", "e.csv"], "give --attribution too"),
        (["--attribution", "gold.jsonl", "--errors", "e.csv", "--json", "e.csv"], "the same file"),
        (["--attribution", "gold.jsonl", "--errors", "nowhere/e.csv"], "does not exist"),
        (["--attribution", "gold.jsonl", "--errors", "gold.jsonl", "--overwrite"], "is an input"),
    ],
)
def test_bad_errors_options_fail_in_one_line(tmp_path, monkeypatch, capsys, options, fragment):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "gold.jsonl", [{"start": 1, "end": 7, "speaker": "Okafor"}])
    assert main(["evaluate", *options]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and fragment in err[0], err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gold.jsonl"]


def test_a_quote_without_a_speaker_key_names_the_file_and_line(tmp_path, capsys):
    path = tmp_path / "gold.jsonl"
    good = {"doc_id": "a", "text": TEXT, "quotes": [{"start": 1, "end": 7, "speaker": "Okafor"}]}
    bad = {"doc_id": "b", "text": TEXT, "quotes": [{"start": 1, "end": 7, "speaker": None}, {"start": 24, "end": 28}]}
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"gold.jsonl:2: quote 2 has no 'speaker' key"):
        load_attribution(path)
    assert main(["evaluate", "--attribution", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "gold.jsonl:2" in err[0] and "null" in err[0]


def test_an_explicit_null_or_empty_speaker_is_a_source_nobody_names(tmp_path):
    path = _write(
        tmp_path / "gold.jsonl", [{"start": 1, "end": 7, "speaker": None}, {"start": 24, "end": 28, "speaker": ""}]
    )
    records = load_attribution(path)
    metrics = attribution_metrics(records, predict).set_index("metric")
    assert metrics.loc["named_speaker_accuracy", "n"] == 0  # neither is scored for its speaker
    assert set(attribution_errors(records, predict)["kind"]) == {"extra"}


def test_a_failure_listing_the_errors_leaves_neither_the_json_nor_the_errors_file(tmp_path, monkeypatch, capsys):
    def fail(*_args, **_kwargs):
        raise InputError("the list of errors failed")

    # The package's evaluate() shadows the module of the same name: take the module from sys.modules.
    monkeypatch.setattr(sys.modules["climadiplo.analyse.evaluate"], "attribution_errors", fail)
    gold = _write(tmp_path / "gold.jsonl", [{"start": 1, "end": 7, "speaker": "Okafor"}])
    options = ["--json", str(tmp_path / "m.json"), "--errors", str(tmp_path / "e.csv")]
    assert main(["evaluate", "--attribution", str(gold), *options]) == 2
    assert "the list of errors failed" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gold.jsonl"]  # both results computed before either file


@pytest.mark.parametrize("target", ["gold/quotes.jsonl", "corpus.jsonl"])
def test_evaluate_json_never_replaces_a_gold_file_or_the_corpus(tmp_path, monkeypatch, capsys, target):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "quotes.jsonl").write_text("{}\n", encoding="utf-8")
    (tmp_path / "corpus.jsonl").write_text('{"doc_id": "a", "text": "Hello."}\n', encoding="utf-8")
    before = (tmp_path / target).read_bytes()
    options = ["--gold", "gold", "--corpus", "corpus.jsonl", "--json", target, "--overwrite"]
    assert main(["evaluate", *options]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "is an input" in err[0], err
    assert (tmp_path / target).read_bytes() == before
