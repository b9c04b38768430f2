"""The CLI as a user meets it: inputs, bad inputs with one-line errors, atomic and reproducible outputs."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from climadiplo.cli import main
from climadiplo.read.corpus import load_corpus
from climadiplo.resources import data_path

ARTICLE = "Officials met in Geneva.\n\nThey agreed to talk again in May. Nothing else was decided."


def run_cli(*args: str) -> int:
    return main([str(arg) for arg in args])


def assert_one_line_error(capsys, *fragments: str) -> None:
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0, err
    assert err.startswith("climadiplo: error: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, err


def test_tables_on_the_seed_corpus_writes_every_table(tmp_path, capsys):
    assert run_cli("tables", "--out", tmp_path / "out") == 0
    written = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert {"documents.parquet", "sentences.parquet", "removed.parquet"} <= set(written)
    assert len(pd.read_parquet(tmp_path / "out" / "sentences.parquet")) == 81
    assert "81 sentences" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_same_input_gives_byte_identical_files(tmp_path, fmt):
    for name in ("a", "b"):
        assert run_cli("tables", "--out", tmp_path / name, "--format", fmt) == 0
    files = sorted(path.name for path in (tmp_path / "a").iterdir())
    assert files
    for file in files:
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes(), file


def test_folder_and_jsonl_give_the_same_sentences(tmp_path, write):
    write("folder/alpha.txt", ARTICLE)
    write("folder/beta.md", "Beijing said it would respond. Washington declined to comment.")
    lines = [
        json.dumps({"doc_id": "alpha", "text": ARTICLE}),
        json.dumps({"doc_id": "beta", "text": "Beijing said it would respond. Washington declined to comment."}),
    ]
    write("corpus.jsonl", "\n".join(lines) + "\n")
    assert run_cli("tables", "--corpus", tmp_path / "folder", "--out", tmp_path / "t1", "--format", "csv") == 0
    assert run_cli("tables", "--corpus", tmp_path / "corpus.jsonl", "--out", tmp_path / "t2", "--format", "csv") == 0
    first = pd.read_csv(tmp_path / "t1" / "sentences.csv")
    second = pd.read_csv(tmp_path / "t2" / "sentences.csv")
    assert first["text"].tolist() == second["text"].tolist()
    assert first["doc_id"].tolist() == ["alpha", "alpha", "alpha", "beta", "beta"]


def test_catalogue_beside_the_files_supplies_metadata(tmp_path, write):
    write("c/one.txt", ARTICLE)
    write(
        "c/corpus.csv",
        "doc_id,file,title,outlet,author,published,genre,reference_date,interviewee\n"
        "geneva-1,one.txt,Geneva talks,Daily,Ana Ruiz,2024-05-02,news,2024-05-02,\n",
    )
    [document] = load_corpus(tmp_path / "c")
    assert (document.doc_id, document.outlet, document.author) == ("geneva-1", "Daily", "Ana Ruiz")


def test_html_input_is_reduced_to_article_text(tmp_path, write):
    paragraphs = "".join(
        f"<p>Paragraph {n} says the envoys from both countries met again to discuss methane and coal.</p>"
        for n in range(6)
    )
    html = (
        "<html><head><title>Envoys meet</title></head><body><nav><a href='/'>Home</a> <a href='/x'>World</a></nav>"
        f"<article><h1>Envoys meet</h1>{paragraphs}</article><footer>Copyright 2024 Example News</footer></body></html>"
    )
    write("h/page.html", html)
    out = tmp_path / "out"
    assert run_cli("tables", "--corpus", tmp_path / "h", "--out", out, "--format", "csv") == 0
    sentences = pd.read_csv(out / "sentences.csv")
    assert len(sentences) == 6
    assert not sentences["text"].str.contains("Home|Copyright|<p>").any()
    # A copyright year in the footer is no publication date (the page declares none).
    assert pd.read_csv(out / "documents.csv")["published"].isna().all()


def test_html_publication_date_comes_from_the_page_metadata(tmp_path, write):
    paragraphs = "".join(
        f"<p>Paragraph {n} says the envoys met again to discuss methane and coal.</p>" for n in range(6)
    )
    write(
        "h/page.html",
        "<html><head><title>Envoys meet</title></head><body><article><h1>Envoys meet</h1>"
        f'<time datetime="2024-05-02">May 2</time>{paragraphs}</article><footer>Copyright 2021 Example</footer></body></html>',
    )
    out = tmp_path / "out"
    assert run_cli("tables", "--corpus", tmp_path / "h", "--out", out, "--format", "csv") == 0
    assert pd.read_csv(out / "documents.csv")["published"].tolist() == ["2024-05-02"]


def test_files_the_reader_skips_are_named_in_one_warning(tmp_path, write, capsys):
    write("f/one.txt", "Envoys “met again” today, officials said.")
    write("f/report.pdf", b"%PDF-1.4 binary")
    write("f/notes.docx", b"PK binary")
    write("f/.hidden", "x")
    assert run_cli("tables", "--corpus", tmp_path / "f", "--out", tmp_path / "out", "--format", "csv") == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if "skipped" in line]
    assert len(lines) == 1 and "skipped 2 file(s) that are not .txt, .md or .html: notes.docx, report.pdf" in lines[0]


def test_legacy_encoding_is_read_with_a_warning(tmp_path, write, capsys):
    write("enc/old.txt", "Café talks “resumed” today.".encode("cp1252"))
    assert run_cli("tables", "--corpus", tmp_path / "enc", "--out", tmp_path / "out", "--format", "csv") == 0
    err = capsys.readouterr().err
    assert "old.txt: not valid UTF-8, read as cp1252" in err
    assert "Café talks “resumed” today." in pd.read_csv(tmp_path / "out" / "sentences.csv")["text"].tolist()


@pytest.mark.parametrize(
    "setup,fragments",
    [
        (lambda w, t: t / "missing", ["missing", "no such file or directory"]),
        (lambda w, t: (t / "empty").mkdir() or t / "empty", ["empty", "empty directory"]),
        (lambda w, t: w("e/blank.txt", "  \n").parent, ["blank.txt", "empty file"]),
        (lambda w, t: w("b/data.txt", b"\x00\x01\x02binary\x00").parent, ["data.txt", "binary file"]),
        (
            lambda w, t: w("bad.jsonl", '{"doc_id": "a", "text": "ok."}\n{"doc_id": "b", "text": \n'),
            ["bad.jsonl:2", "malformed JSON"],
        ),
        (lambda w, t: w("notext.jsonl", '{"doc_id": "a", "body": "x"}\n'), ["notext.jsonl:1", "no 'text'"]),
        (
            lambda w, t: w("dup.jsonl", '{"doc_id": "a", "text": "One."}\n{"doc_id": "a", "text": "Two."}\n'),
            ["dup.jsonl:2", "duplicate doc_id 'a'", "line 1"],
        ),
        (lambda w, t: w("empty.jsonl", ""), ["empty.jsonl", "empty file"]),
        (lambda w, t: w("list.jsonl", '["a", "b"]\n'), ["list.jsonl:1", "JSON object"]),
        (lambda w, t: w("x/corpus.pdf", "%PDF"), ["corpus.pdf", "unsupported corpus type"]),
    ],
    ids=[
        "missing",
        "empty-dir",
        "empty-file",
        "binary",
        "malformed-jsonl",
        "no-text",
        "duplicate",
        "empty-jsonl",
        "not-object",
        "pdf",
    ],
)
def test_bad_input_gives_one_line_error_and_no_output(tmp_path, write, capsys, setup, fragments):
    corpus = setup(write, tmp_path)
    out = tmp_path / "out"
    assert run_cli("tables", "--corpus", corpus, "--out", out) == 2
    assert_one_line_error(capsys, *fragments)
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]


def test_non_empty_output_folder_is_refused_without_overwrite(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("earlier results")
    assert run_cli("tables", "--out", out) == 2
    assert_one_line_error(capsys, "not empty", "--overwrite")
    assert (out / "mine.txt").read_text() == "earlier results"
    assert run_cli("tables", "--out", out, "--overwrite") == 2  # not the tool's folder: never replaced (issue 15)
    assert_one_line_error(capsys, "not a climadiplo output folder")
    assert (out / "mine.txt").read_text() == "earlier results"
    (out / "mine.txt").unlink()
    assert run_cli("tables", "--out", out) == 0  # an empty folder is fine
    assert run_cli("tables", "--out", out, "--overwrite") == 0  # and now it is the tool's own
    assert (out / "sentences.parquet").exists()


def test_failure_while_writing_leaves_earlier_results_intact(tmp_path, monkeypatch, capsys):
    from climadiplo import tables as tables_module  # the writer lives in tables.py

    out = tmp_path / "out"
    assert run_cli("tables", "--out", out, "--format", "csv") == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def explode(frame, path, fmt):
        raise OSError("disk full")

    monkeypatch.setattr(tables_module, "write_frame", explode)
    capsys.readouterr()
    assert run_cli("tables", "--out", out, "--format", "csv", "--overwrite") == 1
    assert capsys.readouterr().err.strip() == "climadiplo: error: disk full"
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_oversized_document_is_refused_quickly_with_a_clear_message(tmp_path, write, capsys):
    write("big/huge.txt", ("All work and no play. " * 50 + "\n\n") * 20_000)  # about 22 MB
    assert run_cli("tables", "--corpus", tmp_path / "big", "--out", tmp_path / "out") == 2
    assert_one_line_error(capsys, "huge.txt", "MB limit", "--max-doc-mb")


def test_catalogue_listing_a_missing_file_is_an_error(tmp_path, write, capsys):
    write("c/one.txt", ARTICLE)
    write("c/corpus.csv", "doc_id,file\nx,one.txt\ny,two.txt\n")
    assert run_cli("tables", "--corpus", tmp_path / "c", "--out", tmp_path / "out") == 2
    assert_one_line_error(capsys, "corpus.csv", "two.txt")


def test_python_dash_m_and_version():
    result = subprocess.run(
        [sys.executable, "-m", "climadiplo", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("climadiplo ")


def test_bad_arguments_exit_non_zero(capsys):
    with pytest.raises(SystemExit) as exit_info:
        run_cli("tables", "--format", "xlsx")
    assert exit_info.value.code == 2


def test_seed_corpus_is_shipped():
    assert sorted(p.name for p in data_path("raw").iterdir()) == [
        "000_48feec18d6bfb221.txt",
        "004_e2bd48a0d0a3a7a8.txt",
    ]


def test_progress_is_reported_on_large_corpora_only(capsys):
    from climadiplo.cli import _progress_printer

    small, large = _progress_printer(10), _progress_printer(400)
    for done in range(1, 11):
        small(done, 10)
    assert capsys.readouterr().err == ""
    for done in range(1, 401):
        large(done, 400)
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 20 and lines[-1] == "climadiplo: annotated 400/400 documents"


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_evaluate_reads_prebuilt_tables_with_the_same_result(tmp_path, capsys, fmt):
    assert run_cli("tables", "--out", tmp_path / "t", "--format", fmt) == 0
    capsys.readouterr()
    assert run_cli("evaluate", "--tables", tmp_path / "t") == 0
    from_files = capsys.readouterr().out
    assert run_cli("evaluate") == 0
    assert capsys.readouterr().out == from_files


def test_evaluate_with_a_missing_or_partial_tables_folder(tmp_path, capsys):
    assert run_cli("evaluate", "--tables", tmp_path / "none") == 2
    assert_one_line_error(capsys, "none", "tables folder not found")
    assert run_cli("tables", "--out", tmp_path / "t", "--format", "csv") == 0
    (tmp_path / "t" / "quotes.csv").unlink()
    capsys.readouterr()
    assert run_cli("evaluate", "--tables", tmp_path / "t") == 2
    assert_one_line_error(capsys, "missing table(s) quotes")


def test_the_parsers_choices_and_defaults_are_the_packages():
    # cli.py writes them out so that parsing imports nothing heavy; the modules that use them own them
    from climadiplo import cli, engines, pipeline, tables
    from climadiplo.annotate import sentiment
    from climadiplo.read import corpus

    assert (cli.FRAME_METHODS, cli.DEFAULT_FRAME_METHOD) == (pipeline.FRAME_METHODS, pipeline.DEFAULT_FRAME_METHOD)
    assert (cli.SENTIMENT_METHODS, cli.DEFAULT_SENTIMENT_METHOD) == (
        sentiment.SENTIMENT_METHODS,
        sentiment.DEFAULT_SENTIMENT_METHOD,
    )
    assert cli.FORMATS == tables.FORMATS
    assert (cli.ENGINES, cli.DEFAULT_ENGINE, cli.DEFAULT_CHUNK_SIZE) == (
        engines.ENGINES,
        engines.DEFAULT_ENGINE,
        engines.DEFAULT_CHUNK_SIZE,
    )
    assert cli.DEFAULT_MAX_DOC_MB == corpus.DEFAULT_MAX_DOC_MB
    assert cli.default_workers() == engines.default_workers()


HEAVY = ("pandas", "pyarrow", "numpy", "sklearn", "vaderSentiment", "climadiplo.pipeline", "climadiplo.engines")
PROBE = """
import contextlib, io, sys
from climadiplo.cli import main
for argv in {cases!r}:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            main(argv)
        except SystemExit:
            pass
print(sorted({{name.split(".")[0] if not name.startswith("climadiplo") else name for name in sys.modules}}
      & set({heavy!r})))
"""


def test_help_version_and_bad_arguments_import_nothing_heavy():
    cases = [["--help"], ["--version"], [], ["bogus"], ["tables", "--help"], ["tables", "--workers", "two"]]
    cases += [[*command, "--help"] for command in (["evaluate"], ["run"], ["code"], ["code", "export"])]
    code = PROBE.format(cases=cases, heavy=HEAVY)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
