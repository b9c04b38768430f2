"""Frame shares, confidence intervals, net index, sensitivity and the coding round trip."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from climadiplo.analyse import framing
from climadiplo.analyse.coding import agreement, export_sheet, import_sheet
from climadiplo.cli import main
from climadiplo.errors import InputError, OutputError


def toy_sentences(n_coop: int, n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["d"] * n,
            "sentence": range(n),
            "cooperation": [i < n_coop for i in range(n)],
            "competition": [False] * n,
            "conflict": [i == n - 1 for i in range(n)],
        }
    )


def test_shares_and_bootstrap_interval():
    shares = framing.frame_shares(toy_sentences(40, 100), n_boot=2000, seed=1).set_index("frame")
    row = shares.loc["cooperation"]
    assert row["share"] == 0.4
    # Normal approximation: 0.4 ± 1.96 * sqrt(0.4 * 0.6 / 100) = [0.304, 0.496]
    assert row["ci_low"] == pytest.approx(0.304, abs=0.025)
    assert row["ci_high"] == pytest.approx(0.496, abs=0.025)
    assert shares.loc["competition", "ci_high"] == 0.0


def test_same_seed_same_interval():
    sentences = toy_sentences(3, 10)
    assert framing.frame_shares(sentences, seed=5).equals(framing.frame_shares(sentences, seed=5))


def test_net_index():
    result = framing.net_index(toy_sentences(4, 10)).iloc[0]
    assert result["net_index"] == pytest.approx((4 - 1) / 10)
    assert result["ci_low"] <= result["net_index"] <= result["ci_high"]


def test_seed_views(seed_tables):
    sentences = seed_tables["sentences"]
    sides = framing.shares_by_side(sentences, seed_tables["mentions"])
    assert set(sides["side"]) == {"US", "China"}
    voices = framing.shares_by_voice(sentences, seed_tables["quotes"])
    assert {"author", "Alex Wang", "Xi Jinping"} <= set(voices["speaker_voice"])


def test_coding_round_trip(tmp_path, seed_tables):
    sentences = seed_tables["sentences"]
    sheet = export_sheet(sentences, tmp_path / "sheet.csv", sample=12, seed=3)
    frame = pd.read_csv(sheet)
    assert len(frame) == 12 and frame["cooperation"].isna().all()
    with pytest.raises(OutputError, match="already exists"):
        export_sheet(sentences, tmp_path / "sheet.csv")
    # Coder A copies the tool; coder B flips cooperation on two rows.
    tool = sentences.set_index(["doc_id", "sentence"])
    for coder, flips in (("A", 0), ("B", 2)):
        coded = frame.copy()
        for column in ("cooperation", "competition", "conflict"):
            coded[column] = [int(tool.loc[(d, s), column]) for d, s in zip(coded.doc_id, coded.sentence, strict=True)]
        coded.loc[: flips - 1, "cooperation"] = 1 - coded.loc[: flips - 1, "cooperation"]
        coded["coder"] = coder
        coded.to_csv(tmp_path / f"{coder}.csv", index=False)
    result = agreement([import_sheet(tmp_path / "A.csv"), import_sheet(tmp_path / "B.csv")], sentences)
    kappas = result.set_index(["frame", "pair"])["value"]
    assert kappas[("cooperation", "A vs climadiplo")] == 1.0
    assert kappas[("cooperation", "A vs B")] < 1.0
    assert kappas[("competition", "A vs B")] == 1.0


def test_badly_coded_sheet_names_the_cell(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "doc_id,sentence,text,cooperation,competition,conflict,coder\nd,0,x,maybe,0,0,A\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"bad.csv:2 \(cooperation\): 'maybe'"):
        import_sheet(path)


def test_code_cli(tmp_path, capsys):
    out = tmp_path / "s.csv"
    assert main(["code", "export", "--out", str(out), "--sample", "5"]) == 0
    assert main(["code", "export", "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err


def _corpus_sentences(n: int, n_framed: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": [f"d{i // 10}" for i in range(n)],
            "sentence": [i % 10 for i in range(n)],
            "text": [f"sentence {i}" for i in range(n)],
            "is_question": [False] * n,
            "cooperation": [i < n_framed for i in range(n)],
            "competition": [False] * n,
            "conflict": [False] * n,
        }
    )


def test_oversampled_sheet_is_stratified_and_weighted(tmp_path):
    sentences = _corpus_sentences(200, 20)
    sheet = pd.read_csv(export_sheet(sentences, tmp_path / "s.csv", sample=40, seed=1, oversample_framed=True))
    assert list(sheet.columns[-2:]) == ["stratum", "weight"]
    counts = sheet["stratum"].value_counts()
    assert counts["s1"] == counts["s2"] == 20  # half from the 20 framed sentences, half from the 180 others
    framed = set(sentences.loc[sentences["cooperation"], "text"])
    assert set(sheet.loc[sheet["stratum"] == "s1", "text"]) <= framed
    # Weights are the inverse sampling probabilities: they add up to the population of each stratum.
    assert sheet.groupby("stratum")["weight"].sum().round(2).to_dict() == {"s1": 20.0, "s2": 180.0}
    assert sheet["cooperation"].isna().all()  # the tool's labels are not shown to the coder
    with pytest.raises(InputError, match="--sample"):
        export_sheet(sentences, tmp_path / "t.csv", oversample_framed=True)


def test_weighted_agreement_re_weights_to_the_corpus(tmp_path):
    sentences = _corpus_sentences(200, 20)
    sheet = pd.read_csv(export_sheet(sentences, tmp_path / "s.csv", sample=40, seed=1, oversample_framed=True))
    coded = sheet.copy()
    coded["cooperation"] = (coded["stratum"] == "s1").astype(int)
    coded["competition"], coded["conflict"], coded["coder"] = 0, 0, "A"
    coded.loc[coded["stratum"] == "s2", "cooperation"] = [1, 1] + [0] * 18  # two framed among the unframed stratum
    coded.to_csv(tmp_path / "A.csv", index=False)
    result = agreement([import_sheet(tmp_path / "A.csv")], sentences, weighted=True)
    values = result[result["frame"] == "cooperation"].set_index("statistic")["value"]
    # Unweighted: 38 of 40 agree; weighted, the two misses stand for 18 corpus sentences: kappa falls.
    assert values["weighted_cohen_kappa"] < values["cohen_kappa"]
    bad = coded.assign(weight="heavy")
    bad.to_csv(tmp_path / "bad.csv", index=False)
    with pytest.raises(InputError, match="'weight' must be a positive number"):
        import_sheet(tmp_path / "bad.csv")


def test_weighted_kappa_equals_kappa_with_equal_weights():
    from climadiplo.analyse.coding import weighted_kappa
    from climadiplo.analyse.stats import cohen_kappa

    a = [True, False, True, True, False, False]
    b = [True, False, False, True, True, False]
    assert weighted_kappa(a, b, [2.0] * 6) == pytest.approx(cohen_kappa(a, b))
    # Duplicating a unit is the same as giving it weight 2.
    assert weighted_kappa(a, b, [2, 1, 1, 1, 1, 1]) == pytest.approx(cohen_kappa([True, *a], [True, *b]))


def test_agreement_against_tables_of_another_corpus_is_refused(tmp_path):
    sentences = _corpus_sentences(200, 20)
    sheet = pd.read_csv(export_sheet(sentences, tmp_path / "s.csv", sample=40, seed=1))
    sheet[["cooperation", "competition", "conflict"]] = 0
    sheet["coder"] = "A"
    sheet.to_csv(tmp_path / "A.csv", index=False)
    other_corpus = sentences.assign(doc_id="elsewhere-" + sentences["doc_id"])
    with pytest.raises(InputError, match=r"A and the tables of this corpus .* share no coded sentence"):
        agreement([import_sheet(tmp_path / "A.csv")], other_corpus)


def _codes(coder: str, coded: dict[int, int]) -> pd.DataFrame:
    """A coded sheet as import_sheet reads it: cooperation as given, the other frames 0."""
    return pd.DataFrame(
        {
            "doc_id": "d",
            "sentence": list(coded),
            "cooperation": [bool(value) for value in coded.values()],
            "competition": False,
            "conflict": False,
            "weight": 1.0,
            "coder": coder,
        }
    )


def test_alpha_leaves_out_the_sentences_only_the_tool_coded():
    # The tool codes six sentences; A codes 0-3, B codes 0, 1 and 4; nobody but the tool codes sentence 5.
    tool = _codes("climadiplo", {0: 1, 1: 0, 2: 0, 3: 0, 4: 1, 5: 1}).drop(columns=["weight", "coder"])
    a, b = _codes("A", {0: 1, 1: 1, 2: 0, 3: 0}), _codes("B", {0: 1, 1: 0, 4: 0})
    result = agreement([a, b], tool).set_index(["frame", "statistic"])
    # By hand (Krippendorff 2011, nominal): pairable values in the coincidence matrix, each unit's pairs 1/(m-1):
    # unit 0 (1,1,1): o11 += 3; unit 1 (1,0,0): o10 += 1, o01 += 1, o00 += 1; units 2 and 3 (0,0): o00 += 2 each;
    # unit 4 (0,1): o01 += 1, o10 += 1; unit 5 (1) has no pair. n1 = 3 + 2 = 5, n0 = 2 + 5 = 7, n = 12.
    # alpha = 1 - (n - 1) * (o01 + o10) / (2 * n0 * n1) = 1 - 11 * 4 / 70 = 26 / 70. (Counting unit 5 would give 3/7.)
    alpha = result.loc[("cooperation", "krippendorff_alpha")]
    assert alpha["value"] == round(26 / 70, 4) and alpha["n"] == 5
    # Without the second coder: A and the tool pair on sentences 0-3 only, so n is 4 (not the tool's 6):
    # o11 = 2, o10 = o01 = 1, o00 = 4; n1 = 3, n0 = 5, n = 8; alpha = 1 - 7 * 2 / 30 = 8 / 15.
    alpha = agreement([a], tool).set_index(["frame", "statistic"]).loc[("cooperation", "krippendorff_alpha")]
    assert alpha["value"] == round(8 / 15, 4) and alpha["n"] == 4


def test_code_export_refuses_an_existing_sheet_as_other_outputs_do_and_overwrites_when_asked(tmp_path, capsys):
    out = tmp_path / "s.csv"
    out.write_text("doc_id,sentence,text,cooperation\nd,0,coded by hand,1\n", encoding="utf-8")
    assert main(["code", "export", "--out", str(out), "--sample", "5"]) == 2
    err = capsys.readouterr().err
    assert err == f"climadiplo: error: {out}: already exists; choose another file name or pass --overwrite\n"
    assert "coded by hand" in out.read_text(encoding="utf-8")  # untouched
    assert main(["code", "export", "--out", str(out), "--sample", "5", "--overwrite"]) == 0
    assert len(pd.read_csv(out)) == 5
    assert main(["code", "export", "--out", str(tmp_path / "no-such-folder" / "s.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"doc_id": "a", "text": "China and India met on Friday."}) + "\n", encoding="utf-8")
    assert main(["code", "export", "--corpus", str(corpus), "--out", str(corpus), "--overwrite"]) == 2
    assert "is the --corpus" in capsys.readouterr().err and corpus.read_text(encoding="utf-8").startswith('{"doc_id"')
