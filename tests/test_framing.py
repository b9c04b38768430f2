"""Frame shares, confidence intervals, net index, sensitivity and the coding round trip."""

from __future__ import annotations

import pandas as pd
import pytest

from climadiplo.analyse import framing
from climadiplo.analyse.coding import agreement, export_sheet, import_sheet
from climadiplo.cli import main
from climadiplo.errors import InputError


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


def test_seed_views_and_sensitivity(seed_tables):
    sentences = seed_tables["sentences"]
    sides = framing.shares_by_side(sentences, seed_tables["mentions"])
    assert set(sides["side"]) == {"US", "China"}
    voices = framing.shares_by_voice(sentences, seed_tables["quotes"])
    assert {"author", "Alex Wang", "Xi Jinping"} <= set(voices["speaker_voice"])
    sens = framing.sensitivity(sentences)
    top = sens.iloc[0]
    assert top["share_change"] < 0  # dropping the most influential cue lowers its own frame's share
    # A term moves a document's share only where that document has a cue of the term's frame.
    cues_by_doc = sentences.groupby("doc_id")["frame_cues"].agg("|".join)
    moved = sens[sens["share_change"] != 0]
    assert len(moved) > 0
    for row in moved.itertuples():
        assert f"{row.frame}:" in cues_by_doc[row.doc_id], (row.frame, row.term, row.doc_id)


def test_coding_round_trip(tmp_path, seed_tables):
    sentences = seed_tables["sentences"]
    sheet = export_sheet(sentences, tmp_path / "sheet.csv", sample=12, seed=3)
    frame = pd.read_csv(sheet)
    assert len(frame) == 12 and frame["cooperation"].isna().all()
    with pytest.raises(InputError, match="already exists"):
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
