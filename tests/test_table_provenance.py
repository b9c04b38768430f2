"""Which methods made a folder of tables: recorded by `tables` and `run`, read by `evaluate --tables`, shown in the report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from climadiplo.cli import main
from climadiplo.errors import InputError
from climadiplo.tables import read_table_record, read_tables, write_tables


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """The seed tables made with each frames method (parquet), and with the lexicon as CSV."""
    base = tmp_path_factory.mktemp("tables")
    folders = {}
    for name, options in (
        ("lexicon", ["--frames-method", "lexicon"]),
        ("classifier", ["--frames-method", "classifier"]),
        ("csv", ["--frames-method", "lexicon", "--format", "csv"]),
    ):
        folders[name] = base / name
        assert main(["tables", "--out", str(folders[name]), "--workers", "1", *options]) == 0
    return folders


@pytest.fixture(scope="module")
def article_codes(built, tmp_path_factory) -> Path:
    documents = read_tables(built["lexicon"])["documents"]
    path = tmp_path_factory.mktemp("codes") / "articles.csv"
    codes = pd.DataFrame({"doc_id": documents["doc_id"], "conflict_frame": [1] + [0] * (len(documents) - 1)})
    codes.to_csv(path, index=False)
    return path


def test_the_tables_command_records_the_methods_in_every_parquet_file(built):
    assert read_table_record(built["lexicon"]) == {"frames_method": "lexicon", "sentiment_method": "model"}
    assert read_table_record(built["classifier"]) == {"frames_method": "classifier", "sentiment_method": "model"}
    assert read_table_record(built["csv"]) is None  # a CSV file has nowhere to keep it


def test_evaluate_labels_by_the_method_that_made_the_tables_not_by_the_default(built, article_codes, capsys):
    # --frames-method left at its default (classifier): the tables say lexicon, and so does the label.
    assert main(["evaluate", "--tables", str(built["lexicon"]), "--frames-articles", str(article_codes)]) == 0
    out, err = capsys.readouterr()
    assert "frames_articles_lexicon" in out and "frames_articles_classifier" not in out and err == ""
    given = ["--frames-method", "lexicon"]
    assert main(["evaluate", "--tables", str(built["lexicon"]), "--frames-articles", str(article_codes), *given]) == 0
    assert "frames_articles_lexicon" in capsys.readouterr().out


@pytest.mark.parametrize(
    "option,value,recorded",
    [("--frames-method", "classifier", "lexicon"), ("--sentiment-method", "lexicon", "model")],
)
def test_evaluate_refuses_a_method_option_the_tables_contradict(
    built, article_codes, tmp_path, capsys, option, value, recorded
):
    json_out = tmp_path / "metrics.json"
    arguments = ["evaluate", "--tables", str(built["lexicon"]), "--frames-articles", str(article_codes)]
    assert main([*arguments, option, value, "--json", str(json_out)]) == 2
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and f"were made with {option} {recorded}, not {value}" in err
    assert out == "" and not json_out.exists()


def test_tables_that_record_nothing_are_labelled_by_the_option_with_a_warning(built, article_codes, capsys):
    arguments = ["evaluate", "--tables", str(built["csv"]), "--frames-articles", str(article_codes)]
    assert main([*arguments, "--frames-method", "lexicon"]) == 0
    out, err = capsys.readouterr()
    assert "frames_articles_lexicon" in out
    assert err.count("\n") == 1 and "do not record their frames method" in err and "--frames-method lexicon" in err


def test_a_folder_mixing_tables_of_two_methods_is_refused(built, tmp_path):
    mixed = tmp_path / "mixed"
    shutil.copytree(built["lexicon"], mixed)
    shutil.copyfile(built["classifier"] / "sentences.parquet", mixed / "sentences.parquet")
    with pytest.raises(InputError, match=r"made with different methods .*sentences: classifier/model"):
        read_table_record(mixed)


def test_a_run_folder_without_the_record_falls_back_to_its_manifest(built, tmp_path):
    run = tmp_path / "run"
    write_tables(read_tables(built["lexicon"]), run / "tables")  # no record: as a run before the record wrote them
    assert read_table_record(run / "tables") is None
    options = {"frames_method": "lexicon", "sentiment_method": "lexicon", "workers": 1}
    (run / "manifest.json").write_text(json.dumps({"table_options": options}), encoding="utf-8")
    assert read_table_record(run / "tables") == {"frames_method": "lexicon", "sentiment_method": "lexicon"}


def test_the_report_says_which_methods_and_models_made_the_tables(seed_tables, tmp_path):
    from climadiplo.present.report import citation, write_report
    from climadiplo.run import model_digests

    manifest = {
        "run_id": "r",
        "climadiplo_version": "0",
        "corpus": "c",
        "corpus_sha256": "0" * 64,
        "inputs": {"x": "y"},
        "parameters": {},
        "table_options": {"frames_method": "lexicon", "sentiment_method": "model", "workers": 2, "engine": "dask"},
        "models_sha256": model_digests(),
        "data_sha256": "d" * 64,
    }
    page = write_report(tmp_path / "run", manifest, seed_tables).read_text(encoding="utf-8")
    section = page.split("How the tables were made", 1)[1].split("<h2>", 1)[0]
    assert "--frames-method lexicon" in section and "--sentiment-method model" in section
    assert "workers 2, engine dask" in section and "d" * 12 in section
    assert manifest["models_sha256"]["frames.npz"][:12] in section and "tone_sentence.npz" in section
    entry = {"label": "f", "caption": "A caption."}
    assert citation(entry, 1, manifest).endswith("corpus 000000000000, frames lexicon, tone model: A caption.")
    # A manifest of an older run, which recorded no methods, says so rather than guess.
    older = {key: value for key, value in manifest.items() if key not in ("table_options", "models_sha256")}
    page = write_report(tmp_path / "older", older, seed_tables).read_text(encoding="utf-8")
    assert "methods: not recorded in this run's manifest" in page
    assert citation(entry, 1, older).endswith("corpus 000000000000: A caption.")
