"""Every engine, worker count and chunk size gives the same tables; streaming writes them as a whole would."""

from __future__ import annotations

import filecmp
import sys
from pathlib import Path

import pandas as pd
import pytest

from climadiplo import engines
from climadiplo.cli import main
from climadiplo.engines import stream_tables
from climadiplo.pipeline import build_tables
from climadiplo.read.corpus import load_corpus, open_corpus
from climadiplo.tables import read_tables, write_tables

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from newsgen import generate, write_jsonl

N_DOCUMENTS = 300


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A few hundred short invented articles, written in shuffled doc_id order."""
    path = tmp_path_factory.mktemp("engines") / "invented.jsonl"
    return write_jsonl(generate(N_DOCUMENTS, seed=7, paragraphs=(2, 4)), path)


@pytest.fixture(scope="module")
def reference(corpus) -> dict[str, pd.DataFrame]:
    """The tables built in memory, in one process, from the whole corpus at once."""
    return build_tables(load_corpus(corpus))


def _assert_same(tables: dict[str, pd.DataFrame], reference: dict[str, pd.DataFrame]) -> None:
    assert set(tables) == set(reference)
    for name, frame in reference.items():
        pd.testing.assert_frame_equal(tables[name], frame, check_exact=True, obj=name)


def test_the_corpus_is_not_in_doc_id_order_and_exercises_every_table(corpus, reference):
    lines = corpus.read_text(encoding="utf-8").splitlines()
    ids = [line.split('"doc_id": "')[1].split('"')[0] for line in lines]
    assert ids != sorted(ids)
    assert all(len(reference[name]) > 0 for name in ("sentences", "quotes", "mentions", "events"))


def test_open_corpus_gives_the_documents_of_load_corpus_in_doc_id_order(corpus):
    lazy = open_corpus(corpus)
    documents = list(lazy)
    assert len(lazy) == N_DOCUMENTS
    assert documents == load_corpus(corpus)
    assert list(lazy) == documents  # iterable again: each pass re-reads the file


@pytest.mark.parametrize(
    ("engine", "workers", "chunk_size"),
    [("local", 1, 7), ("local", 2, 13), ("dask", 2, 50)],
)
def test_every_engine_writes_the_tables_of_build_tables(corpus, reference, tmp_path, engine, workers, chunk_size):
    out = tmp_path / "tables"
    counts = stream_tables(
        open_corpus(corpus), out, engine=engine, workers=workers, chunk_size=chunk_size, processes=False
    )
    assert counts == {name: len(frame) for name, frame in reference.items()}
    _assert_same(read_tables(out), reference)


def test_streamed_csv_is_byte_for_byte_the_csv_of_the_whole(corpus, reference, tmp_path):
    stream_tables(open_corpus(corpus), tmp_path / "streamed", fmt="csv", chunk_size=11)
    write_tables(reference, tmp_path / "whole", fmt="csv")
    for name in reference:
        assert filecmp.cmp(tmp_path / "streamed" / f"{name}.csv", tmp_path / "whole" / f"{name}.csv", shallow=False)


def test_parquet_row_groups_are_written_as_the_rows_come(corpus, tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    monkeypatch.setattr("climadiplo.tables.ROW_GROUP_ROWS", 500)
    stream_tables(open_corpus(corpus), tmp_path / "t", chunk_size=20)
    assert pq.ParquetFile(tmp_path / "t" / "sentences.parquet").num_row_groups > 2


def test_build_tables_is_the_same_with_a_pool(corpus, reference):
    _assert_same(build_tables(load_corpus(corpus), workers=2), reference)


def test_a_failure_half_way_leaves_no_folder_and_no_staging(corpus, tmp_path, monkeypatch):
    original = engines.annotate_chunk
    calls = []

    def failing(documents, frames_method, **options):
        calls.append(len(documents))
        if len(calls) == 3:
            raise RuntimeError("stage failed")
        return original(documents, frames_method, **options)

    monkeypatch.setattr(engines, "annotate_chunk", failing)
    with pytest.raises(RuntimeError, match="stage failed"):
        stream_tables(open_corpus(corpus), tmp_path / "out", chunk_size=10)
    assert len(calls) == 3
    assert list(tmp_path.iterdir()) == []


def test_documents_out_of_doc_id_order_are_refused(corpus, tmp_path):
    documents = list(open_corpus(corpus))
    with pytest.raises(ValueError, match="sorted by doc_id"):
        stream_tables(documents[::-1], tmp_path / "out", chunk_size=10)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--workers", "0"], "--workers 0: give at least 1"),
        (["--chunk-size", "0"], "--chunk-size 0: give at least 1"),
        (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
        (["--engine", "dask", "--scheduler", "bogus://nowhere"], "cannot connect to a Dask scheduler"),
    ],
)
def test_bad_engine_options_are_one_line_and_exit_2(corpus, tmp_path, capsys, options, message):
    status = main(["tables", "--corpus", str(corpus), "--out", str(tmp_path / "out"), *options])
    error = capsys.readouterr().err
    assert status == 2
    assert message in error
    assert len(error.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_the_tables_command_streams_with_workers(corpus, reference, tmp_path, capsys):
    status = main(["tables", "--corpus", str(corpus), "--out", str(tmp_path / "out"), "--workers", "2"])
    assert status == 0
    assert f"{len(reference['sentences'])} sentences" in capsys.readouterr().out
    _assert_same(read_tables(tmp_path / "out"), reference)


def test_progress_lines_keep_coming_when_chunks_advance_by_many_documents(capsys):
    from climadiplo.cli import _progress_printer

    report = _progress_printer(924)
    for done in [*range(50, 924, 50), 924]:
        report(done, 924)
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 19
    assert lines[-1] == "climadiplo: annotated 924/924 documents"


@pytest.mark.parametrize("workers", ["1", "2"])  # with 2 the pool's server starts before the corpus is checked
def test_a_bad_line_at_the_end_of_a_jsonl_corpus_stops_the_run_before_any_work(
    corpus, tmp_path, capsys, monkeypatch, workers
):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(corpus.read_text(encoding="utf-8") + '{"doc_id": "late", "text": \n', encoding="utf-8")
    annotated = []
    monkeypatch.setattr(
        engines, "annotate_chunk", lambda documents, frames_method, **options: annotated.append(documents)
    )
    status = main(["tables", "--corpus", str(bad), "--out", str(tmp_path / "out"), "--workers", workers])
    assert status == 2
    assert f"bad.jsonl:{N_DOCUMENTS + 1}: malformed JSON" in capsys.readouterr().err
    assert annotated == []
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bad.jsonl"]


@pytest.fixture(scope="module")
def parquet_corpus(corpus, tmp_path_factory) -> Path:
    """The same articles as a folder of three parquet files of small row groups, in no doc_id order."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    folder = tmp_path_factory.mktemp("parquet") / "corpus"
    folder.mkdir()
    for part in range(3):
        pq.write_table(pa.Table.from_pylist(records[part::3]), folder / f"part-{part}.parquet", row_group_size=17)
    return folder


@pytest.mark.parametrize(("engine", "workers", "chunk_size"), [("local", 1, 9), ("local", 2, 40), ("dask", 2, 50)])
def test_a_parquet_corpus_gives_the_tables_of_the_same_jsonl(
    parquet_corpus, reference, tmp_path, engine, workers, chunk_size
):
    out = tmp_path / "tables"
    stream_tables(
        open_corpus(parquet_corpus), out, engine=engine, workers=workers, chunk_size=chunk_size, processes=False
    )
    tables = read_tables(out)
    # the same rows, but the documents' source and sha256 name the parquet rows, not the JSONL lines
    assert tables["documents"]["source"].str.startswith("part-").all()
    for name, frame in reference.items():
        drop = ["source", "sha256"] if name == "documents" else []
        pd.testing.assert_frame_equal(tables[name].drop(columns=drop), frame.drop(columns=drop), obj=name)


def test_the_tables_command_reads_one_parquet_file(parquet_corpus, reference, tmp_path, capsys):
    status = main(["tables", "--corpus", str(parquet_corpus / "part-0.parquet"), "--out", str(tmp_path / "out")])
    assert status == 0
    documents = read_tables(tmp_path / "out")["documents"]
    assert len(documents) == len(range(0, N_DOCUMENTS, 3))  # the file holds every third article
    assert set(documents["doc_id"]) < set(reference["documents"]["doc_id"])
    assert list(documents["doc_id"]) == sorted(documents["doc_id"])


def _loaded_models(chunk):
    """What a pool worker holds before it annotates anything (run in the worker)."""
    from climadiplo.annotate.linear_model import load_model

    return load_model.cache_info().currsize


def test_pool_workers_start_with_the_models_loaded(corpus):
    # The forkserver loads them once (engines.warm_up) and every worker forks from it: no worker pays for it.
    documents = list(open_corpus(corpus))[:60]
    loaded = [result for _, result in engines._local(_loaded_models, documents, 2, 10)]
    assert len(loaded) == 6
    assert all(count >= 3 for count in loaded)


@pytest.mark.parametrize(("total", "workers", "chunk_size"), [(924, 2, 58), (300, 2, 100), (1000, 8, 13), (50, 3, 5)])
def test_chunks_shrink_toward_the_end_and_cover_the_corpus_once(total, workers, chunk_size):
    documents = [engines.Document(f"d{i:04d}", "text", "s", "") for i in range(total)]
    chunks = list(engines.chunked(documents, engines.chunk_plan(total, workers, chunk_size)))
    assert [document for chunk in chunks for document in chunk] == documents
    sizes = [len(chunk) for chunk in chunks]
    assert max(sizes) <= chunk_size
    assert sizes == sorted(sizes, reverse=True)  # never longer than the chunk before
    # the last chunks are short: the worker still busy when the documents run out finishes soon after
    assert sum(sizes[-workers:]) <= workers * engines.MIN_TAIL_CHUNK < chunk_size * workers


def test_one_worker_keeps_the_chunk_size():
    documents = [engines.Document(f"d{i:03d}", "text", "s", "") for i in range(95)]
    sizes = [len(chunk) for chunk in engines.chunked(documents, engines.chunk_plan(95, 1, 10))]
    assert sizes == [10] * 9 + [5]


def test_the_first_document_of_a_process_leaves_the_collector_as_it_found_it(monkeypatch):
    import gc

    document = load_corpus(None)[0]
    for enabled in (True, False):
        monkeypatch.setattr(engines, "_LOADED", False)
        (gc.enable if enabled else gc.disable)()
        try:
            engines.annotate_chunk([document])
            assert gc.isenabled() is enabled and engines._LOADED
        finally:
            gc.enable()


def test_the_first_document_of_a_process_collects_young_objects_less_often(monkeypatch):
    import gc

    document = load_corpus(None)[0]
    saved = gc.get_threshold()
    try:
        for young, expected in ((700, engines.YOUNG_COLLECTION_THRESHOLD), (10**6, 10**6)):
            monkeypatch.setattr(engines, "_LOADED", False)
            gc.set_threshold(young, 7, 9)
            engines.annotate_chunk([document])
            assert gc.get_threshold() == (expected, 7, 9)  # the older generations' thresholds are kept
            engines.annotate_chunk([document])  # only the first document of a process sets it
            assert gc.get_threshold() == (expected, 7, 9)
    finally:
        gc.set_threshold(*saved)


def _record_server_starts(monkeypatch) -> list:
    """Replace the forkserver's start by a note of what it would start with: (warm-up variable, preloaded modules)."""
    import os
    from multiprocessing import forkserver

    starts: list = []
    monkeypatch.setattr(
        forkserver,
        "ensure_running",
        lambda: starts.append((os.environ.get(engines.WARM_UP_ENV), list(forkserver._forkserver._preload_modules))),
    )
    return starts


@pytest.mark.skipif(
    "forkserver" not in engines.multiprocessing.get_all_start_methods(), reason="no forkserver on this platform"
)
def test_the_command_starts_the_same_pool_server_as_the_engine(monkeypatch):
    import os

    from climadiplo import cli

    starts = _record_server_starts(monkeypatch)
    cli.start_pool_server_early()
    engines.start_pool_server()
    assert starts == [("1", ["climadiplo.engines"])] * 2  # warmed up, preloading engines; the variable then gone
    assert engines.WARM_UP_ENV not in os.environ


@pytest.mark.parametrize(
    ("options", "starts"),
    [
        (["--workers", "2"], True),
        (["--workers", "1"], False),
        (["--workers", "2", "--engine", "dask"], False),
        (["--workers", "2", "--chunk-size", "0"], False),  # refused: no server for a run that will not happen
        (["--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], False),
    ],
)
def test_the_tables_command_starts_the_pool_server_for_local_workers_only(tmp_path, monkeypatch, options, starts):
    from climadiplo import cli

    started, streamed = [], []
    monkeypatch.setattr(cli, "start_pool_server_early", lambda: started.append(True))
    monkeypatch.setattr(engines, "stream_tables", lambda *args, **kwargs: streamed.append(kwargs) or {})
    main(["tables", "--out", str(tmp_path / "out"), *options])
    assert started == ([True] if starts else [])


def test_the_pool_server_starts_before_the_command_imports_the_pipeline(tmp_path):
    import subprocess

    # in a fresh process: what is imported when the server is asked to start (the start itself is not run)
    code = (
        "import sys\nfrom climadiplo import cli\n"
        "def note():\n"
        "    print(sorted({'pandas', 'pyarrow', 'climadiplo.pipeline', 'climadiplo.engines'} & set(sys.modules)))\n"
        "    raise SystemExit(0)\n"
        f"cli.start_pool_server_early = note\ncli.main(['tables', '--out', {str(tmp_path / 'out')!r}, '--workers', '2'])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
