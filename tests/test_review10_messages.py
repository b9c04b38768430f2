"""Review 10's rough edges: an error names the file (and the place in it); a tie at the top names every frame."""

from __future__ import annotations

import pandas as pd

from climadiplo.cli import main
from climadiplo.present import reading


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and err.startswith("climadiplo: error: ") and "Traceback" not in err, err
    return err


def test_a_bad_name_in_a_params_file_names_the_file(tmp_path, capsys):
    params = tmp_path / "study.yaml"
    params.write_text("min_count: 2\nouttlets: [a]\n")
    out = tmp_path / "out"
    assert main(["run", "--params", str(params), "--out", str(out), "--only", "00"]) == 2
    err = one_line_error(capsys)
    assert str(params) in err and "outtlets" in err
    assert not out.exists()


def test_a_bad_value_in_a_params_file_names_the_file(tmp_path, capsys):
    params = tmp_path / "study.yaml"
    params.write_text("group_by: planet\n")
    assert main(["run", "--params", str(params), "--out", str(tmp_path / "out"), "--only", "00"]) == 2
    err = one_line_error(capsys)
    assert str(params) in err and "group_by" in err


def test_two_files_with_one_stem_name_the_folder(tmp_path, capsys):
    folder = tmp_path / "harbour"
    folder.mkdir()
    (folder / "pact.txt").write_text("The two ports signed a pact.\n")
    (folder / "pact.md").write_text("The two ports signed a pact.\n")
    assert main(["tables", "--corpus", str(folder), "--out", str(tmp_path / "out")]) == 2
    err = one_line_error(capsys)
    assert str(folder) in err and "duplicate doc_id 'pact'" in err


def test_a_gold_quote_out_of_range_is_named_with_its_line_doc_and_offsets(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        '{"doc_id": "ok-1", "text": "Fine.", "quotes": []}\n'
        '{"doc_id": "port-7", "text": "She said \\"no\\".", "quotes": [{"start": 9, "end": 13, "speaker": "she"}, '
        '{"start": 2, "end": 90, "speaker": "she"}]}\n'
    )
    assert main(["evaluate", "--attribution", str(gold)]) == 2
    err = one_line_error(capsys)
    for fragment in (f"{gold}:2", "port-7", "quote 2", "start 2", "end 90"):
        assert fragment in err, err


def test_frames_tied_at_the_top_are_all_named():
    shares = pd.DataFrame(
        {
            "frame": ["cooperation", "competition", "conflict"],
            "share": [0.5, 0.25, 0.5],
            "ci_low": [0.3, 0.1, 0.35],
            "ci_high": [0.7, 0.4, 0.65],
            "n_articles": 12,
            "n_sentences": 40,
        }
    )
    text = reading.biggest_frame(shares)
    assert text.startswith("The most common frames are conflict and cooperation, tied at 50.0%"), text
    assert "competition 25.0%" in text and "35.0%–65.0%" in text and "30.0%–70.0%" in text
    alone = reading.biggest_frame(shares.assign(share=[0.5, 0.25, 0.4]))
    assert alone.startswith("The most common frame is cooperation: 50.0%")
