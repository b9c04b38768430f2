"""Issue 15: never lose a user's files or text; bad input ends in one line and exit 2, never a traceback."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import climadiplo
import climadiplo.run as run_module
from climadiplo.cli import main
from climadiplo.resources import data_path

ARTICLE = "Officials met in Geneva on Monday.\n\nThey agreed to talk again in May. Nothing else was decided."
CHECKOUT = Path(climadiplo.__file__).resolve().parent.parent


def run_cli(*args: object) -> int:
    return main([str(arg) for arg in args])


def one_line_error(capsys, *fragments: str) -> str:
    lines = capsys.readouterr().err.strip().split("\n")
    errors = [line for line in lines if line.startswith("climadiplo: error: ")]
    assert len(errors) == 1, lines
    assert all(line.startswith("climadiplo: ") for line in lines), lines  # progress lines of `run`, no traceback
    err = errors[0]
    for fragment in fragments:
        assert fragment in err, err
    return err


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "alpha.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def user_folder(path: Path) -> Path:
    (path / ".ssh").mkdir(parents=True)
    (path / ".ssh" / "id_ed25519").write_text("secret\n")
    (path / "thesis.txt").write_text("three years of work\n")
    return path


def umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


# --- item 1: --overwrite replaces only the tool's own folders ---------------------------------------------------


def test_overwrite_refuses_a_folder_the_tool_did_not_write(tmp_path, capsys):
    home = user_folder(tmp_path / "home")
    before = tree(home)
    assert run_cli("tables", "--corpus", corpus(tmp_path), "--out", home, "--overwrite") == 2
    one_line_error(capsys, str(home), "not a climadiplo output folder")
    assert tree(home) == before


def test_overwrite_refuses_the_corpus_folder_even_with_a_marker(tmp_path, capsys):
    folder = corpus(tmp_path)
    (folder / ".climadiplo-output").write_text("planted\n")
    before = tree(folder)
    assert run_cli("tables", "--corpus", folder, "--out", folder, "--overwrite") == 2
    one_line_error(capsys, "corpus")
    assert tree(folder) == before


def test_overwrite_refuses_a_parent_of_the_corpus(tmp_path, capsys):
    folder = corpus(tmp_path / "project")
    (tmp_path / "project" / ".climadiplo-output").write_text("planted\n")
    assert run_cli("tables", "--corpus", folder, "--out", tmp_path / "project", "--overwrite") == 2
    one_line_error(capsys, "corpus")
    assert (folder / "alpha.txt").is_file()


def test_overwrite_refuses_the_home_folder_even_with_a_marker(tmp_path, capsys, monkeypatch):
    home = user_folder(tmp_path / "home")
    (home / ".climadiplo-output").write_text("planted\n")
    monkeypatch.setenv("HOME", str(home))
    before = tree(home)
    assert run_cli("tables", "--corpus", corpus(tmp_path), "--out", home, "--overwrite") == 2
    one_line_error(capsys, "home")
    assert tree(home) == before


@pytest.mark.parametrize("where", ["root", "checkout", "checkout-parent"])
def test_root_and_the_checkout_are_never_output_folders(where):
    from climadiplo.errors import OutputError
    from climadiplo.files import check_writable

    path = {"root": Path("/"), "checkout": CHECKOUT, "checkout-parent": CHECKOUT.parent}[where]
    with pytest.raises(OutputError):
        check_writable(path, overwrite=True)


def test_a_notebooks_like_folder_is_refused(tmp_path, capsys):
    notebooks = tmp_path / "checkout" / "notebooks"
    notebooks.mkdir(parents=True)
    (notebooks / "00-corpus.ipynb").write_text("{}")
    assert run_cli("tables", "--corpus", corpus(tmp_path), "--out", notebooks, "--overwrite") == 2
    one_line_error(capsys, "not a climadiplo output folder")
    assert (notebooks / "00-corpus.ipynb").read_text() == "{}"


def test_overwrite_replaces_a_folder_the_tool_wrote(tmp_path, capsys):
    out = tmp_path / "out"
    assert run_cli("tables", "--corpus", corpus(tmp_path), "--out", out, "--format", "csv") == 0
    assert (out / ".climadiplo-output").is_file()
    assert run_cli("tables", "--corpus", corpus(tmp_path), "--out", out, "--overwrite") == 0
    assert (out / "sentences.parquet").is_file() and not (out / "sentences.csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out"]  # no staging left behind


def test_make_report_refuses_a_home_folder(tmp_path):
    """`make report OUT=~` must not wipe a home folder (and `make clean OUT=~` neither)."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    home = user_folder(tmp_path / "home")
    before = tree(home)
    for name in ("pyproject.toml", "constraints.txt"):  # the install stamp's prerequisites, older than it
        (tmp_path / name).write_text("")
        os.utime(tmp_path / name, (0, 0))
    shutil.copy(CHECKOUT / "Makefile", tmp_path / "Makefile")
    env = {**os.environ, "PYTHONPATH": str(CHECKOUT), "MPLCONFIGDIR": str(tmp_path / "mpl")}
    common = ["make", "-s", "-f", str(tmp_path / "Makefile"), f"OUT={home}", f"PY={sys.executable}"]
    common += [f"STAMP={tmp_path / 'Makefile'}", f"VENV={tmp_path / 'no-venv'}"]
    report = subprocess.run([*common, "report"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert report.returncode != 0
    assert "not a climadiplo output folder" in report.stderr or "home folder" in report.stderr, report.stderr
    clean = subprocess.run([*common, "clean"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert clean.returncode != 0, clean.stdout
    assert tree(home) == before


# --- item 2: `run` keeps what appeared during the run; two runs cannot both succeed; DIR.failed is kept ----------


def fake_notebooks(monkeypatch, during=None, fail=False):
    """Replace papermill: write a tiny notebook (or fail), after calling during() if given."""

    def execute(source, target, parameters, cwd):
        if during is not None:
            during()
        target.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
        if fail:
            raise RuntimeError("cell exploded")
        return 0.0

    monkeypatch.setattr(run_module, "execute_notebook", execute)


def test_files_created_in_the_output_folder_during_a_run_are_kept(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    fake_notebooks(monkeypatch)
    assert run_cli("run", "--corpus", corpus(tmp_path), "--out", out, "--only", "00") == 0
    capsys.readouterr()

    def user_writes():
        (out / "notes.txt").write_text("mine\n")

    fake_notebooks(monkeypatch, during=user_writes)
    assert run_cli("run", "--corpus", corpus(tmp_path), "--out", out, "--only", "00", "--overwrite") == 2
    one_line_error(capsys, "changed")
    assert (out / "notes.txt").read_text() == "mine\n"


def test_two_runs_into_one_folder_cannot_both_succeed(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    results = []

    def second_run():
        fake_notebooks(monkeypatch)  # the inner run must not recurse
        results.append(run_cli("run", "--corpus", corpus(tmp_path), "--out", out, "--only", "00"))
        (out / "second.txt").write_text("the second run's file\n")

    fake_notebooks(monkeypatch, during=second_run)
    first = run_cli("run", "--corpus", corpus(tmp_path), "--out", out, "--only", "00")
    assert results == [0]
    assert first == 2
    assert (out / "second.txt").is_file()


def test_an_older_failed_folder_is_not_deleted(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    older = tmp_path / "out.failed"
    older.mkdir()
    (older / "kept.txt").write_text("an earlier failure I was reading\n")
    fake_notebooks(monkeypatch, fail=True)
    assert run_cli("run", "--corpus", corpus(tmp_path), "--out", out, "--only", "00") == 2
    err = one_line_error(capsys, "cell exploded")
    assert (older / "kept.txt").read_text() == "an earlier failure I was reading\n"
    fresh = [p for p in tmp_path.iterdir() if p.name.startswith("out.failed") and p != older]
    assert len(fresh) == 1 and str(fresh[0]) in err
    assert (fresh[0] / "notebooks" / "00-corpus.ipynb").is_file()


# --- item 6: tracebacks become one line and exit 2 ---------------------------------------------------------------


def jsonl(tmp_path: Path, *records: str) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    return path


def test_far_future_reference_date_with_tomorrow_is_not_a_crash(tmp_path, capsys):
    record = {"doc_id": "a", "text": "The summit ends tomorrow. Leaders met.", "reference_date": "9999-12-31"}
    path = jsonl(tmp_path, json.dumps(record))
    assert run_cli("tables", "--corpus", path, "--out", tmp_path / "out", "--format", "csv") == 0


def test_a_lone_surrogate_is_refused_naming_the_line(tmp_path, capsys):
    path = jsonl(tmp_path, '{"doc_id": "a", "text": "Fine."}', '{"doc_id": "b", "text": "Officials met \\ud800 here."}')
    assert run_cli("tables", "--corpus", path, "--out", tmp_path / "out") == 2
    one_line_error(capsys, "corpus.jsonl:2")
    assert not (tmp_path / "out").exists()


def test_deeply_nested_json_is_refused_naming_the_line(tmp_path, capsys):
    path = jsonl(tmp_path, '{"doc_id": "a", "text": "x", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert run_cli("tables", "--corpus", path, "--out", tmp_path / "out") == 2
    one_line_error(capsys, "corpus.jsonl:1")


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe\x00garbage", b"[1, 2]\n", b'{"doc_id": "time-blinken-2023-06"}\n', b'"just a string"\n'],
    ids=["not-utf8", "not-an-object", "missing-fields", "string"],
)
def test_malformed_gold_files_are_one_line(tmp_path, capsys, content):
    gold = tmp_path / "gold"
    shutil.copytree(data_path("annotations", "seed-gold"), gold)
    (gold / "sentences.jsonl").write_bytes(content)
    assert run_cli("evaluate", "--gold", gold) == 2
    one_line_error(capsys, "sentences.jsonl")


@pytest.mark.parametrize(
    "damage",
    ["junk-parquet", "wrong-columns-csv", "junk-csv"],
)
def test_corrupt_tables_for_evaluate_are_one_line(tmp_path, capsys, damage):
    fmt = "parquet" if damage == "junk-parquet" else "csv"
    tables = tmp_path / "tables"
    assert run_cli("tables", "--out", tables, "--format", fmt) == 0
    capsys.readouterr()
    if damage == "junk-parquet":
        (tables / "quotes.parquet").write_bytes(b"junk!")
    elif damage == "wrong-columns-csv":
        (tables / "sentences.csv").write_text("a,b\n1,2\n")
    else:
        (tables / "sentences.csv").write_bytes(b'doc_id,sentence\n"unterminated\n\x00\x00')
    assert run_cli("evaluate", "--tables", tables) == 2
    one_line_error(capsys, str(tables))


def coded_sheet(tmp_path: Path, capsys, name: str = "coded.csv") -> Path:
    sheet = tmp_path / name
    assert run_cli("code", "export", "--out", sheet, "--sample", "4") == 0
    capsys.readouterr()
    rows = pd.read_csv(sheet, dtype=str, keep_default_na=False)
    rows = rows.assign(cooperation="1", competition="0", conflict="0", coder="ann")
    rows.to_csv(sheet, index=False, lineterminator="\n")
    return sheet


def test_a_coding_sheet_row_with_extra_fields_is_one_line(tmp_path, capsys):
    sheet = coded_sheet(tmp_path, capsys)
    lines = sheet.read_text().splitlines()
    sheet.write_text("\n".join([*lines, lines[1] + ",an unquoted, note"]) + "\n")
    assert run_cli("code", "agree", sheet) == 2
    one_line_error(capsys, "coded.csv", "fields")


def test_a_coding_sheet_with_duplicate_rows_is_one_line(tmp_path, capsys):
    sheet = coded_sheet(tmp_path, capsys)
    lines = sheet.read_text().splitlines()
    sheet.write_text("\n".join([*lines, lines[1]]) + "\n")
    assert run_cli("code", "agree", sheet) == 2
    one_line_error(capsys, "coded.csv", "duplicate")


def test_an_empty_coding_sheet_is_one_line(tmp_path, capsys):
    sheet = tmp_path / "empty.csv"
    sheet.write_bytes(b"")
    assert run_cli("code", "agree", "--no-tool", sheet, sheet) == 2
    one_line_error(capsys, "empty.csv")


@pytest.mark.parametrize("sample", ["-5", "0"])
def test_code_export_refuses_a_sample_below_one(tmp_path, capsys, sample):
    assert run_cli("code", "export", "--out", tmp_path / "sheet.csv", "--sample", sample) == 2
    one_line_error(capsys, "--sample")
    assert not (tmp_path / "sheet.csv").exists()


# --- item 7: single files: random temporary name, never through a symlink, never over a user's file --------------


def test_a_planted_symlink_at_the_temporary_name_is_not_followed(tmp_path, capsys):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (tmp_path / ".sheet.csv.tmp").symlink_to(victim)
    assert run_cli("code", "export", "--out", tmp_path / "sheet.csv", "--sample", "3") == 0
    assert victim.read_text() == "precious\n"
    assert (tmp_path / "sheet.csv").is_file() and not (tmp_path / "sheet.csv").is_symlink()


def test_a_symlink_as_the_output_file_is_refused(tmp_path, capsys):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (tmp_path / "metrics.json").symlink_to(tmp_path / "elsewhere.json")
    assert run_cli("evaluate", "--json", tmp_path / "metrics.json", "--overwrite") == 2
    one_line_error(capsys, "metrics.json")
    assert not (tmp_path / "elsewhere.json").exists()


def test_evaluate_json_does_not_overwrite_an_existing_file_unless_asked(tmp_path, capsys):
    target = tmp_path / "metrics.json"
    target.write_text("my notes\n")
    assert run_cli("evaluate", "--json", target) == 2
    one_line_error(capsys, "metrics.json", "--overwrite")
    assert target.read_text() == "my notes\n"
    assert run_cli("evaluate", "--json", target, "--overwrite") == 0
    assert json.loads(target.read_text())[0]["task"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask()


# --- item 8: atomicity: `--out .`, staging folders of a killed run, the swap ------------------------------------


def test_out_dot_is_refused_before_any_work(tmp_path, capsys, monkeypatch):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    assert run_cli("tables", "--corpus", corpus(tmp_path), "--out", ".") == 2
    one_line_error(capsys, "current folder")
    assert list(here.iterdir()) == []


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_staging_folders_of_a_killed_run_are_cleaned(tmp_path, capsys):
    stale = tmp_path / f".out.climadiplo-staging-{dead_pid()}-abc123"
    stale.mkdir()
    (stale / "half.parquet").write_bytes(b"half")
    assert run_cli("tables", "--corpus", corpus(tmp_path), "--out", tmp_path / "out") == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out"]


def test_a_kill_between_the_two_renames_leaves_the_earlier_results_whole(tmp_path, capsys):
    out = tmp_path / "out"
    assert run_cli("tables", "--corpus", corpus(tmp_path), "--out", out) == 0
    before = tree(out)
    retired = tmp_path / f".out.climadiplo-old-{dead_pid()}-abc123"
    retired.mkdir()
    out.rename(retired / "out")  # what a SIGKILL between "old aside" and "new in" leaves
    assert run_cli("tables", "--corpus", corpus(tmp_path), "--out", out) == 2  # not empty: the old one is back
    one_line_error(capsys, "not empty")
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out"]


# --- item 9: no silent coercion, no misleading messages ---------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "fragment"),
    [
        ('{"doc_id": true, "text": "Officials met."}', "doc_id"),
        ('{"doc_id": 7, "text": "Officials met."}', "doc_id"),
        ('{"doc_id": "a", "text": "Officials met.", "title": 1e999}', "1e999"),
        ('{"doc_id": "a", "text": "Officials met.", "title": NaN}', "NaN"),
        ('{"doc_id": "a", "text": "Officials met.", "is_html": "false"}', "is_html"),
        ('{"doc_id": "a", "text": "Officials met.", "published": "2020-13-45"}', "published"),
        ('{"doc_id": "a", "text": "Officials met.", "reference_date": "yesterday"}', "reference_date"),
    ],
    ids=["bool-id", "int-id", "inf", "nan", "string-flag", "bad-date", "word-date"],
)
def test_jsonl_types_are_strict(tmp_path, capsys, record, fragment):
    path = jsonl(tmp_path, '{"doc_id": "ok", "text": "Fine."}', record)
    assert run_cli("tables", "--corpus", path, "--out", tmp_path / "out") == 2
    one_line_error(capsys, "corpus.jsonl:2", fragment)


def test_valid_dates_and_flags_are_accepted(tmp_path, capsys):
    record = {"doc_id": "a", "text": "Officials met.", "is_html": False, "published": "2023-06-01T10:00:00Z"}
    path = jsonl(tmp_path, json.dumps(record), json.dumps({"doc_id": "b", "text": "Hi.", "published": "2023-06"}))
    assert run_cli("tables", "--corpus", path, "--out", tmp_path / "out", "--format", "csv") == 0


def test_a_fractional_seed_is_refused(tmp_path, capsys):
    assert run_cli("run", "--out", tmp_path / "out", "-p", "seed", "1.7") == 2
    one_line_error(capsys, "seed")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0"])
def test_max_doc_mb_must_be_a_positive_number(tmp_path, capsys, value):
    with pytest.raises(SystemExit) as exit_status:
        run_cli("tables", "--corpus", corpus(tmp_path), "--out", tmp_path / "out", "--max-doc-mb", value)
    assert exit_status.value.code == 2
    assert "--max-doc-mb" in capsys.readouterr().err


def test_utf16_files_are_read_not_called_binary(tmp_path, capsys):
    folder = tmp_path / "utf16"
    folder.mkdir()
    (folder / "a.txt").write_bytes(ARTICLE.encode("utf-16"))
    assert run_cli("tables", "--corpus", folder, "--out", tmp_path / "out", "--format", "csv") == 0
    assert "Geneva" in (tmp_path / "out" / "sentences.csv").read_text()


def test_utf16_without_a_byte_order_mark_is_named(tmp_path, capsys):
    folder = tmp_path / "utf16"
    folder.mkdir()
    (folder / "a.txt").write_bytes(ARTICLE.encode("utf-16-le"))
    assert run_cli("tables", "--corpus", folder, "--out", tmp_path / "out") == 2
    one_line_error(capsys, "UTF-16")


def test_a_full_disk_during_a_notebook_is_reported_as_such(tmp_path, monkeypatch, capsys):
    import papermill

    def full_disk(source, target, **kwargs):
        Path(target).write_text('{"cells": [')  # papermill got this far
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))

    monkeypatch.setattr(papermill, "execute_notebook", full_disk)
    status = run_cli("run", "--corpus", corpus(tmp_path), "--out", tmp_path / "out", "--only", "00")
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert status != 0
    assert "No space left on device" in err and "NotJSONError" not in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]


def test_run_only_advises_options_it_has(tmp_path, capsys):
    folder = corpus(tmp_path)
    (folder / "big.txt").write_text("Officials met in Geneva. " * 2000)
    assert run_cli("run", "--corpus", folder, "--out", tmp_path / "out", "--max-doc-mb", "0.01") == 2
    err = one_line_error(capsys, "big.txt", "--max-doc-mb")
    assert "run" in err or "--max-doc-mb" in err


def test_output_folders_follow_the_umask(tmp_path, capsys):
    out = tmp_path / "fresh" / "out"
    assert run_cli("tables", "--corpus", corpus(tmp_path), "--out", out) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o777 & ~umask()
    assert stat.S_IMODE((out / "sentences.parquet").stat().st_mode) == 0o666 & ~umask()


# --- fuzz: corpus lines and parameters ---------------------------------------------------------------------------

_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20), st.lists(st.integers(), max_size=2)
)
_RECORD = st.fixed_dictionaries(
    {},
    optional={
        "doc_id": st.one_of(_VALUES, st.from_regex(r"[a-z0-9_.-]{1,8}", fullmatch=True)),
        "text": st.one_of(_VALUES, st.text(min_size=1, max_size=120), st.just('He said: "We agree." $8 and 40% ^_^')),
        "is_html": _VALUES,
        "published": st.one_of(_VALUES, st.sampled_from(["2023-06-01", "2023-13", "9999-12-31", "0001-01-01"])),
        "reference_date": st.one_of(_VALUES, st.sampled_from(["2023-06-20", "9999-12-31", "0001-01-01"])),
        "title": _VALUES,
    },
)
_TEXT = st.one_of(st.text(min_size=1, max_size=200), st.just('He said: "We agree." The $8.5 billion deal was 40% ^_^'))
_VALID = st.fixed_dictionaries(
    {"doc_id": st.from_regex(r"[a-z0-9]{1,6}", fullmatch=True), "text": _TEXT},
    optional={"reference_date": st.sampled_from(["2023-06-20", "9999-12-31", "0001-01-01"]), "is_html": st.booleans()},
)
_HOSTILE = st.sampled_from(
    [
        '{"doc_id": "s", "text": "Officials met \\ud800 here."}',
        '{"doc_id": "n", "text": "x", "deep": ' + "[" * 5000 + "]" * 5000 + "}",
        '{"doc_id": "f", "text": "The summit ends tomorrow.", "reference_date": "9999-12-31"}',
        '{"doc_id": "i", "text": "Officials met.", "title": 1e999}',
        '{"doc_id": "c\\u001e1", "text": "Officials met."}',
    ]
)
_LINE = st.one_of(
    _RECORD.map(json.dumps), _VALID.map(json.dumps), _VALID.map(json.dumps), _HOSTILE, st.text(max_size=40)
)


def assert_clean_outcome(status: int, err: str, folder: Path, expected: set[str]) -> None:
    assert status in (0, 2), err
    assert "Traceback" not in err, err
    if status == 2:
        errors = [line for line in err.splitlines() if line.startswith("climadiplo: error: ")]
        assert len(errors) == 1 and err.strip() == errors[0], err
        expected = expected - {"out"}
    assert {p.name for p in folder.iterdir()} == expected, err  # nothing left behind


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(_LINE, max_size=3))
def test_fuzz_corpus_lines(capsys, lines):
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        (folder / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
        capsys.readouterr()
        status = run_cli("tables", "--corpus", folder / "c.jsonl", "--out", folder / "out", "--format", "csv")
        assert_clean_outcome(status, capsys.readouterr().err, folder, {"c.jsonl", "out"})


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    parameters=st.lists(
        st.tuples(
            st.sampled_from(["seed", "n_boot", "figure_formats", "colour"]),
            st.one_of(
                st.text(max_size=12).filter(lambda value: not value.startswith("-")),  # argparse: an option
                st.sampled_from(["1.7", "nan", "1e999", "[svg]", "-3", "true", "200"]),
            ),
        ),
        max_size=2,
    )
)
def test_fuzz_run_parameters(capsys, monkeypatch, parameters):
    fake_notebooks(monkeypatch)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        corpus(folder)
        options = [item for name, value in parameters for item in ("-p", name, value)]
        capsys.readouterr()
        status = run_cli("run", "--corpus", folder / "corpus", "--out", folder / "out", "--only", "00", *options)
        assert_clean_outcome(status, capsys.readouterr().err, folder, {"corpus", "out"})


_SLOW_WRITER = """
import sys, time
from pathlib import Path
import climadiplo.tables as tables
from climadiplo.cli import main

original_write = tables.TableWriter.write

def slow(self, frames):  # the streaming writer, half-way: one chunk written, the folder not yet in place
    original_write(self, frames)
    Path(sys.argv[1]).write_text("writing")
    time.sleep(60)

tables.TableWriter.write = slow
sys.exit(main(["tables", "--corpus", sys.argv[2], "--out", sys.argv[3], "--overwrite"]))
"""


_SLOW_RUN = """
import sys, time
from pathlib import Path
import climadiplo.run as run
from climadiplo.cli import main

original_write = run.write_tables

def slow(tables, folder, **options):  # `run` half-way: its tables written in the staging folder, no notebook yet
    original_write(tables, folder, **options)
    Path(sys.argv[1]).write_text("writing")
    time.sleep(60)

run.write_tables = slow
sys.exit(main(["run", "--corpus", sys.argv[2], "--out", sys.argv[3], "--only", "00", "--workers", "1"]))
"""


def _interruptible() -> None:
    """Give the child SIGINT's default action: a shell starts background jobs (`make test &`, nohup) with SIGINT
    ignored, and Python then installs no KeyboardInterrupt handler, so Ctrl-C could not be tested there."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


# The exit status a shell gives a process the signal ended: 128 + the signal's number (SIGKILL cannot be caught).
_STATUS = {"SIGTERM": 143, "SIGINT": 130, "SIGKILL": -9}


@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT", "SIGKILL"])
def test_a_killed_run_leaves_the_earlier_results_whole_and_no_staging(tmp_path, capsys, how):
    import signal
    import time

    out = tmp_path / "out"
    assert run_cli("tables", "--corpus", corpus(tmp_path), "--out", out) == 0
    before = tree(out)
    ready = tmp_path / "ready"
    env = {**os.environ, "PYTHONPATH": str(CHECKOUT)}
    child = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITER, str(ready), str(tmp_path / "corpus"), str(out)],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_interruptible,
    )
    for _ in range(600):  # until the child is half-way through writing (at most a minute)
        if ready.exists() or child.poll() is not None:
            break
        time.sleep(0.1)
    child.send_signal(getattr(signal, how))
    _, err = child.communicate(timeout=60)
    assert "Traceback" not in err, err
    assert child.returncode == _STATUS[how], err
    assert tree(out) == before
    ready.unlink()
    if how != "SIGKILL":  # cleaned on the way out
        assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out"]
    assert run_cli("tables", "--corpus", tmp_path / "corpus", "--out", out) == 2  # a later start: refused, not empty
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out"]  # and the killed run's staging is gone
    assert tree(out) == before


@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT"])
def test_a_signal_during_run_exits_128_plus_its_number_and_leaves_nothing(tmp_path, how):
    import signal
    import time

    folder = corpus(tmp_path)
    ready, out = tmp_path / "ready", tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(CHECKOUT)}
    child = subprocess.Popen(
        [sys.executable, "-c", _SLOW_RUN, str(ready), str(folder), str(out)],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_interruptible,
    )
    for _ in range(600):
        if ready.exists() or child.poll() is not None:
            break
        time.sleep(0.1)
    assert ready.exists(), child.stderr.read() if child.poll() is not None else "never got half-way"
    child.send_signal(getattr(signal, how))
    _, err = child.communicate(timeout=60)
    assert child.returncode == _STATUS[how], err
    assert err.strip().splitlines()[-1] == f"climadiplo: {'terminated' if how == 'SIGTERM' else 'interrupted'}"
    ready.unlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]  # no output folder, no staging folder


def test_output_written_before_the_marker_existed_can_still_be_replaced(tmp_path, capsys):
    out = tmp_path / "out"
    assert run_cli("tables", "--corpus", corpus(tmp_path), "--out", out, "--format", "csv") == 0
    (out / ".climadiplo-output").unlink()  # as an older climadiplo left it
    assert run_cli("tables", "--corpus", corpus(tmp_path), "--out", out, "--overwrite") == 0
    (out / ".climadiplo-output").unlink()
    (out / "notes.txt").write_text("mine\n")  # but not once something else is in it
    assert run_cli("tables", "--corpus", corpus(tmp_path), "--out", out, "--overwrite") == 2
    one_line_error(capsys, "not a climadiplo output folder")
    assert (out / "notes.txt").read_text() == "mine\n"


def test_a_reports_folder_with_only_the_notebooks_interactive_output_can_be_replaced(tmp_path, monkeypatch, capsys):
    out = tmp_path / "reports"
    (out / "interactive" / "figures").mkdir(parents=True)
    (out / "interactive" / "figures" / "a.svg").write_text("<svg/>")
    fake_notebooks(monkeypatch)
    assert run_cli("run", "--corpus", corpus(tmp_path), "--out", out, "--only", "00", "--overwrite") == 0
    (out / ".climadiplo-output").unlink()
    (out / "interactive" / "figures").mkdir(parents=True)
    (out / "interactive" / "thesis.docx").write_text("mine")
    assert run_cli("run", "--corpus", corpus(tmp_path), "--out", out, "--only", "00", "--overwrite") == 2
    assert (out / "interactive" / "thesis.docx").read_text() == "mine"


def test_control_bytes_make_a_file_binary_from_five_percent_but_tabs_and_line_ends_never():
    from climadiplo.read.corpus import looks_binary

    assert not looks_binary(b"\t\n\f\r" * 25)
    assert not looks_binary(b"\x01" * 5 + b"a" * 95)  # 5 of 100: not more than 5%
    assert looks_binary(b"\x1b" * 6 + b"a" * 94)
    assert looks_binary(b"text\x00")
