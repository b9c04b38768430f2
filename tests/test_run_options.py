"""`climadiplo run` takes the options of `tables` that decide what the tables hold and how they are made, and never
reuses old tables."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import climadiplo.run as run_module
from climadiplo.cli import build_parser, main
from climadiplo.tables import read_table_record

METHOD_OPTIONS = ("frames_method", "sentiment_method", "workers", "engine", "scheduler", "chunk_size", "max_doc_mb")


def _fake_notebooks(monkeypatch) -> None:
    """papermill replaced by a tiny notebook: these tests are about the tables and the manifest."""

    def execute(source, target, parameters, cwd):
        target.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
        return 0.0

    monkeypatch.setattr(run_module, "execute_notebook", execute)


def _options(command: str) -> dict:
    parser = build_parser()
    commands = next(action for action in parser._actions if action.dest == "command")
    return {
        action.dest: (action.option_strings, action.default, action.choices, action.type, action.help)
        for action in commands.choices[command]._actions
        if action.dest in METHOD_OPTIONS
    }


def test_run_has_the_method_options_of_tables_with_the_same_names_defaults_and_help():
    assert set(_options("run")) == set(METHOD_OPTIONS)
    assert _options("run") == _options("tables")


def _tables(out: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(out / "tables" / f"{name}.parquet") for name in ("sentences", "mentions")}


def test_a_rerun_with_other_methods_builds_other_tables_and_records_them(tmp_path, monkeypatch, capsys):
    from climadiplo.pipeline import build_tables
    from climadiplo.read.corpus import load_corpus

    _fake_notebooks(monkeypatch)
    out = tmp_path / "out"
    options = ["--frames-method", "lexicon", "--sentiment-method", "lexicon", "--workers", "1"]
    assert main(["run", "--out", str(out), "--only", "00", *options]) == 0
    first = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert first["table_options"] == {
        "frames_method": "lexicon",
        "sentiment_method": "lexicon",
        "workers": 1,
        "engine": "local",
        "scheduler": None,
        "chunk_size": 100,
        "max_doc_mb": 10.0,
    }
    lexicon = _tables(out)
    # The tables keep their methods (evaluate --tables reads them), and the report says them beside the figures.
    assert read_table_record(out / "tables") == {"frames_method": "lexicon", "sentiment_method": "lexicon"}
    report = (out / "report" / "index.html").read_text(encoding="utf-8")
    assert "--frames-method lexicon" in report and "--sentiment-method lexicon" in report
    assert main(["run", "--out", str(out), "--only", "00", "--overwrite"]) == 0  # the defaults, over the same folder
    second = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert (second["table_options"]["frames_method"], second["table_options"]["sentiment_method"]) == (
        "classifier",
        "model",
    )
    assert second["run_id"] != first["run_id"]  # figures cited from the two runs cite different runs
    default = _tables(out)
    expected = {
        methods: build_tables(load_corpus(None), frames_method=methods[0], sentiment_method=methods[1])
        for methods in (("lexicon", "lexicon"), ("classifier", "model"))
    }
    for got, methods in ((lexicon, ("lexicon", "lexicon")), (default, ("classifier", "model"))):
        for name, frame in got.items():
            pd.testing.assert_frame_equal(frame, expected[methods][name], check_dtype=False)
    # The seed corpus tells the methods apart, so the comparison above would catch a reused table.
    assert not lexicon["sentences"]["sentiment"].equals(default["sentences"]["sentiment"])
    assert "frames: lexicon, tone: lexicon" in capsys.readouterr().err


@pytest.mark.parametrize(
    "options,fragment",
    [(["--workers", "0"], "--workers 0"), (["--frames-method", "dictionary"], "invalid choice")],
)
def test_bad_method_options_of_run_fail_in_one_line_before_any_work(tmp_path, monkeypatch, capsys, options, fragment):
    _fake_notebooks(monkeypatch)
    out = tmp_path / "out"
    try:
        status = main(["run", "--out", str(out), "--only", "00", *options])
    except SystemExit as exit:  # argparse refuses an unknown choice itself
        status = exit.code
    assert status == 2
    assert fragment in capsys.readouterr().err
    assert not out.exists() and sorted(tmp_path.iterdir()) == []


def _table_bytes(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((out / "tables").iterdir())}


def test_engine_workers_and_chunk_size_are_recorded_but_give_the_same_tables_and_run_id(tmp_path, monkeypatch):
    import climadiplo.engines as engines

    _fake_notebooks(monkeypatch)
    dask = engines._dask
    # Dask's workers as threads of this process: the same engine code, without starting processes in a test.
    monkeypatch.setattr(
        engines,
        "_dask",
        lambda function, chunks, workers, scheduler, processes: dask(function, chunks, workers, None, False),
    )
    seen = []
    build = run_module.build_tables
    monkeypatch.setattr(run_module, "build_tables", lambda *a, **k: seen.append(k) or build(*a, **k))
    runs = {}
    for name, options in (
        ("default", ["--workers", "1"]),
        ("dask", ["--engine", "dask", "--workers", "2", "--chunk-size", "1"]),
    ):
        out = tmp_path / name
        assert main(["run", "--out", str(out), "--only", "00", *options]) == 0
        runs[name] = (json.loads((out / "manifest.json").read_text(encoding="utf-8")), _table_bytes(out))
    (default, default_tables), (dask_run, dask_tables) = runs["default"], runs["dask"]
    assert [(k["engine"], k["workers"], k["chunk_size"]) for k in seen] == [("local", 1, 100), ("dask", 2, 1)]
    options = dask_run["table_options"]
    assert (options["engine"], options["workers"], options["chunk_size"], options["scheduler"]) == ("dask", 2, 1, None)
    assert default["table_options"]["engine"] == "local"
    # Identical tables by contract (tests/test_engines.py), so the same run: a figure cites the same run id.
    assert dask_tables == default_tables
    assert dask_run["run_id"] == default["run_id"]


@pytest.mark.parametrize(
    "options,fragment",
    [
        (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
        (["--chunk-size", "0"], "--chunk-size 0"),
        (["--engine", "spark"], "invalid choice"),
    ],
)
def test_bad_engine_options_of_run_fail_in_one_line_before_any_work(tmp_path, monkeypatch, capsys, options, fragment):
    _fake_notebooks(monkeypatch)
    out = tmp_path / "out"
    try:
        status = main(["run", "--out", str(out), "--only", "00", *options])
    except SystemExit as exit:
        status = exit.code
    assert status == 2
    err = capsys.readouterr().err
    assert fragment in err and "building tables" not in err
    assert sorted(tmp_path.iterdir()) == []
