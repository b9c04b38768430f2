"""The notebook collection as users run it: papermill on another corpus, the report, failures, determinism."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import matplotlib.pyplot as plt
import nbformat
import pytest

from climadiplo.cli import main
from climadiplo.errors import ClimadiploError, InputError
from climadiplo.present import figures
from climadiplo.present.notebook import PARAMETER_NAMES, RUN_PARAMETERS
from climadiplo.resources import data_path
from climadiplo.run import collection, execute_notebook, notebooks_dir, run_collection, validate_parameters

INVENTED = data_path("annotations", "invented-news", "articles.jsonl")


def quiet(_line: str) -> None:
    pass


@pytest.fixture(scope="module")
def invented_run(tmp_path_factory):
    """Every notebook run headless on a different corpus with non-default parameters."""
    out = tmp_path_factory.mktemp("runs") / "invented"
    run_collection(
        out,
        corpus=str(INVENTED),
        parameters={"n_boot": 200, "seed": 3, "figure_formats": ["svg", "pdf"]},
        progress=quiet,
    )
    return out


def values(run: Path, notebook: str) -> dict:
    return json.loads((run / "values" / f"{notebook}.json").read_text(encoding="utf-8"))


def test_every_notebook_runs_on_another_corpus_and_records_its_values(invented_run):
    import pandas as pd

    documents = pd.read_parquet(invented_run / "tables" / "documents.parquet")
    assert values(invented_run, "00-corpus")["n_documents"] == 5 == len(documents)
    assert values(invented_run, "00-corpus")["n_sentences"] == int(documents["n_sentences"].sum())
    quotes = pd.read_parquet(invented_run / "tables" / "quotes.parquet")
    assert values(invented_run, "01-voices-and-quotes")["n_quotes"] == int(
        quotes["kind"].isin(["direct", "partial", "hypothetical"]).sum()
    )
    shares = values(invented_run, "03-framing")["frame_shares"]
    assert {row["doc_id"] for row in shares} == set(documents["doc_id"])
    assert all(row["ci_low"] <= row["share"] <= row["ci_high"] for row in shares)
    assert values(invented_run, "04-actors-and-timeline")["n_events"] == len(
        pd.read_parquet(invented_run / "tables" / "events.parquet")
    )


def test_parameters_reach_the_notebooks_and_the_manifest(invented_run):
    manifest = json.loads((invented_run / "manifest.json").read_text(encoding="utf-8"))
    parameters = manifest["parameters"]
    assert {k: parameters[k] for k in ("figure_formats", "n_boot", "seed")} == {
        "figure_formats": ["svg", "pdf"],
        "n_boot": 200,
        "seed": 3,
    }
    assert set(parameters) == set(RUN_PARAMETERS) and parameters["sides"]  # defaults recorded, sides resolved
    assert len(manifest["data_sha256"]) == 64
    assert manifest["notebooks"] == [nb.stem for nb in collection()]
    assert set(manifest["durations_seconds"]) == set(manifest["notebooks"])
    assert len(manifest["inputs"]) == 5 and manifest["versions"]["climadiplo"]
    index = figures.read_index(invented_run)
    assert index and all(set(entry["files"]) - {"csv"} == {"svg", "pdf"} for entry in index)
    for entry in index:
        assert entry["caption"] and entry["tables"] and entry["parameters"]["n_boot"] == 200
        for name in entry["files"].values():
            assert (invented_run / "figures" / name).is_file(), name
    notebook = nbformat.read(invented_run / "notebooks" / "03-framing.ipynb", as_version=4)
    assert "papermill" not in notebook.metadata
    outputs = [cell.get("outputs", []) for cell in notebook.cells]  # the injected corpus path is the user's own
    assert not re.search(r"/tmp/|/work/|/home/", json.dumps(outputs))


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.sources += [value for name, value in attrs if name in ("src", "href") and value]


def test_report_is_offline_and_every_link_resolves(invented_run):
    report = invented_run / "report"
    for page in [report / "index.html", *(report / "notebooks").glob("*.html")]:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.sources:
            assert not link.startswith(("http://", "https://", "//")), f"{page.name} loads {link}"
            if not link.startswith(("#", "data:")):
                assert (page.parent / link).resolve().is_file(), f"{page.name}: broken link {link}"
    index = (report / "index.html").read_text(encoding="utf-8")
    assert index.count("<figure") == len(figures.read_index(invented_run))
    assert "Cite as:" in index and "95% bootstrap CI" in index
    assert "Traceback" not in index


def test_article_text_in_the_report_is_escaped(tmp_path):
    from climadiplo.pipeline import build_tables
    from climadiplo.present.report import write_report
    from climadiplo.read.corpus import load_corpus

    corpus = tmp_path / "x.jsonl"
    corpus.write_text(
        json.dumps({"doc_id": "x", "text": "Talks resumed. <script>alert('x')</script> The partnership grew."}) + "\n"
    )
    tables = build_tables(load_corpus(corpus))
    manifest = {
        "run_id": "r",
        "climadiplo_version": "0",
        "corpus": "<b>c</b>",
        "corpus_sha256": "0" * 64,
        "inputs": {"x": "y"},
        "parameters": {},
    }
    page = write_report(tmp_path / "run", manifest, tables).read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page and "&lt;b&gt;c&lt;/b&gt;" in page


def test_regenerating_the_committed_notebooks_gives_identical_bytes(tmp_path):
    for notebook in collection():
        target = tmp_path / notebook.name
        execute_notebook(notebook, target, {}, cwd=notebook.parent)
        assert target.read_bytes() == notebook.read_bytes(), (
            f"{notebook.name} is not committed in its regenerated state (make notebooks)"
        )


def test_figures_are_identical_across_runs(tmp_path, invented_run):
    again = tmp_path / "again"
    run_collection(
        again,
        corpus=str(INVENTED),
        parameters={"n_boot": 200, "seed": 3, "figure_formats": ["svg", "pdf"]},
        only=["03", "05"],
        progress=quiet,
    )
    names = sorted(path.name for path in (again / "figures").iterdir() if path.suffix in (".svg", ".pdf"))
    assert names
    for name in names:
        assert (again / "figures" / name).read_bytes() == (invented_run / "figures" / name).read_bytes(), name


def test_figure_save_is_deterministic_and_needs_a_caption(tmp_path):
    figures.configure(tmp_path, notebook="t", parameters={"seed": 0}, formats=("svg", "png", "pdf"))
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 0])
    first = figures.save(fig, "line", "A line.", ["sentences"])
    second = figures.save(fig, "line", "A line.", ["sentences"])
    assert first["sha256"] == second["sha256"]
    assert [entry["label"] for entry in figures.read_index(tmp_path)] == ["line"]
    svg = (tmp_path / "figures" / "line.svg").read_text()
    assert "<dc:date>" not in svg
    with pytest.raises(ValueError, match="caption"):
        figures.save(fig, "blank", " ")
    plt.close(fig)


def test_a_failing_notebook_is_named_kept_and_leaves_results_alone(tmp_path, monkeypatch):
    folder = tmp_path / "nbs"
    folder.mkdir()
    source = nbformat.read(notebooks_dir() / "00-corpus.ipynb", as_version=4)
    source.cells.insert(3, nbformat.v4.new_code_cell("raise ValueError('boom')"))
    nbformat.write(source, folder / "00-broken.ipynb")
    monkeypatch.setattr("climadiplo.run.notebooks_dir", lambda: folder)
    out = tmp_path / "out"
    out.mkdir()
    (out / "earlier.txt").write_text("mine")
    (out / ".climadiplo-output").write_text("")  # an earlier run's folder: --overwrite may replace it (issue 15)
    with pytest.raises(ClimadiploError, match=r"notebook 00-broken failed in cell \[\d+\]: ValueError: boom"):
        run_collection(out, overwrite=True, progress=quiet)
    assert (out / "earlier.txt").read_text() == "mine"
    assert (tmp_path / "out.failed" / "notebooks" / "00-broken.ipynb").is_file()


@pytest.mark.parametrize(
    "parameters,message",
    [
        ({"n_boot": 10}, "at least 100"),
        ({"seed": "abc"}, "whole number"),
        ({"bogus": 1}, "unknown parameter"),
        ({"figure_formats": ["gif"]}, "choose from svg, png, pdf"),
        ({"n_boot": 100_001}, "at most 100,000"),
        ({"n_boot": 10_000_000}, "at most 100,000"),
        ({"n_boot": float("nan")}, "whole number"),
        ({"n_boot": 1e999}, "whole number"),
        ({"seed": 1.7}, "whole number"),
        ({"seed": True}, "whole number"),
        ({"top_n": 0}, "at least 1"),
        ({"min_count": "many"}, "whole number"),
        ({"group_by": "colour"}, "choose from outlet, month, year, side, voice"),
        ({"date_from": "2024-13"}, "expected a date"),
        ({"date_from": "2024", "date_to": "2023-12"}, "empty range"),
        ({"sides": ["Atlantis"]}, "no actor of side"),
        ({"sides": {"EU": []}}, "has no actors"),
        ({"actors": 5}, "list of names"),
        ({"outlets": ["x"] * 5000}, "at most 1000"),
    ],
)
def test_bad_parameters_are_refused(parameters, message):
    with pytest.raises(InputError, match=message):
        validate_parameters(parameters)


def test_run_cli_errors_are_one_line(tmp_path, capsys):
    bad_yaml = tmp_path / "p.yaml"
    bad_yaml.write_text("n_boot: [1, 2\n")
    assert main(["run", "--out", str(tmp_path / "o"), "--params", str(bad_yaml)]) == 2
    assert "p.yaml: malformed YAML" in capsys.readouterr().err
    assert main(["run", "--out", str(tmp_path / "o"), "--only", "99"]) == 2
    assert "no such notebook" in capsys.readouterr().err
    assert main(["run", "--out", str(tmp_path / "o"), "-p", "n_boot", "5"]) == 2
    assert "at least 100" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_each_notebook_starts_with_literal_parameters():
    required = set(PARAMETER_NAMES)
    for path in collection():
        notebook = nbformat.read(path, as_version=4)
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        assert code[0].metadata.get("tags") == ["parameters"], path.name
        assert [cell for cell in notebook.cells if "parameters" in cell.metadata.get("tags", [])] == [code[0]]
        names = {line.split("=")[0].strip() for line in code[0].source.splitlines() if "=" in line}
        assert required <= names, path.name
        assert notebook.metadata.kernelspec.name == "python3"
        long_functions = [c for c in code if re.search(r"^def ", c.source, re.M) and c.source.count("\n") > 6]
        assert not long_functions, f"{path.name}: move logic into the package"


CHECKER = """<!DOCTYPE html><html><body><pre id="verdict">pending</pre>
<iframe id="report" src="REPORT" width="1280" height="2000"></iframe>
<script>
document.getElementById('report').addEventListener('load', function () {
  var page = this.contentDocument;
  var broken = Array.from(page.images).filter(function (img) { return !img.complete || img.naturalWidth === 0; });
  var text = page.body.innerText;
  var scripts = page.querySelectorAll('script').length;
  document.getElementById('verdict').textContent = 'images=' + page.images.length + ' broken=' + broken.length +
    ' scripts=' + scripts + ' error=' + /Traceback|Error:/.test(text) + ' height=' + page.documentElement.scrollHeight;
});
</script></body></html>"""


def test_report_in_a_real_browser(invented_run, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Debian chromium is not installed here (.ci/run installs it)")
    checker = tmp_path / "check.html"
    checker.write_text(CHECKER.replace("REPORT", (invented_run / "report" / "index.html").as_uri()), encoding="utf-8")
    command = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--allow-file-access-from-files",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=10000",
        "--dump-dom",
        checker.as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    verdict = re.search(r"images=(\d+) broken=(\d+) scripts=(\d+) error=(\w+) height=(\d+)", result.stdout)
    assert verdict, result.stdout[-500:] + result.stderr[-500:]
    images, broken, scripts, error, height = verdict.groups()
    assert int(height) < 15_000  # the report page stays readable: a summary, then bounded figures
    assert int(images) == len(figures.read_index(invented_run)) and int(broken) == 0
    assert int(scripts) == 0 and error == "false"


def test_list_parameters_accept_a_single_string_and_sides_default_to_the_gazetteer():
    checked = validate_parameters({"figure_formats": "svg", "actors": "China", "outlets": "nyt, politico"})
    assert checked.figure_formats == ("svg",) and checked.actors == ("China",)
    assert checked.outlets == ("nyt", "politico")
    assert {"US", "China"} <= dict(checked.sides).keys() and "other" not in dict(checked.sides)
    custom = validate_parameters({"sides": {"EU": "European Union", "India": ["India"]}})
    assert dict(custom.sides) == {"EU": ("European Union",), "India": ("India",)}
    assert validate_parameters({"n_boot": 100_000.0, "seed": "7"}).n_boot == 100_000


def test_papermill_refuses_an_unknown_parameter(tmp_path):
    import papermill

    with pytest.raises(papermill.PapermillExecutionError, match=r"unknown parameter.*n_bot"):
        execute_notebook(notebooks_dir() / "00-corpus.ipynb", tmp_path / "00.ipynb", {"n_bot": 200}, cwd=tmp_path)


@pytest.mark.parametrize(
    "text,message",
    [
        ("a: &x [1, 2]\nb: *x\n", "anchors and aliases"),
        ("n_boot: " + "[" * 30 + "]" * 30 + "\n", "nested deeper"),
        ("actors: [" + ", ".join(["China"] * 20_000) + "]\n", "larger than 64 KB"),
    ],
)
def test_hostile_parameter_files_are_refused_in_one_line(tmp_path, capsys, text, message):
    path = tmp_path / "p.yaml"
    path.write_text(text)
    assert main(["run", "--out", str(tmp_path / "o"), "--params", str(path)]) == 2
    error = capsys.readouterr().err
    assert message in error and len(error.strip().splitlines()) == 1 and len(error) < 400
    assert not (tmp_path / "o").exists()


def test_run_id_covers_the_content_of_data(tmp_path, monkeypatch):
    from climadiplo import resources
    from climadiplo.run import data_hash, run_id

    before = data_hash()
    copy = tmp_path / "data"
    shutil.copytree(resources.data_dir(), copy)
    monkeypatch.setattr(resources, "data_dir", lambda: copy)
    assert data_hash() == before
    with (copy / "lexicons" / "frames.csv").open("a", encoding="utf-8") as handle:
        handle.write("cooperation,handshake,1.0\n")
    assert data_hash() != before
    assert run_id("c", {}, before) != run_id("c", {}, data_hash())


def test_report_stands_alone_numbers_figures_in_notebook_order_and_summarises_first(invented_run):
    from climadiplo.present.report import ordered_figures

    page = (invented_run / "report" / "index.html").read_text(encoding="utf-8")
    assert "../" not in re.sub(r"<code>.*?</code>", "", page)  # nothing outside report/
    entries = ordered_figures(invented_run, [nb.stem for nb in collection()])
    numbers = [int(n) for n in re.findall(r"<b>Figure (\d+)</b>", page)]
    assert numbers == list(range(1, len(entries) + 1))
    labels = re.findall(r"<figure id='([^']+)'", page)
    assert labels == [entry["label"] for entry in entries]
    notebooks = [entry["notebook"] for entry in entries]
    assert notebooks == sorted(notebooks)
    for entry in entries:
        for name in entry["files"].values():
            assert (invented_run / "report" / "figures" / name).is_file()
    assert page.index("<h2>Summary") < page.index("<h2>Figures")
    assert "articles resampled" in page


def test_values_record_shares_by_outlet_and_month_with_article_counts(invented_run):
    recorded = values(invented_run, "06-time-and-outlets")
    documents = __import__("pandas").read_parquet(invented_run / "tables" / "documents.parquet")
    by_outlet = recorded["frame_shares_by_outlet"]
    assert {row["outlet"] for row in by_outlet} <= set(documents["outlet"]) | {"other"}
    assert sum(row["n_articles"] for row in by_outlet if row["frame"] == "cooperation") == len(documents)
    months = {row["month"] for row in recorded["frame_shares_by_month"]}
    assert months == {value[:7] for value in documents["published"]}
    assert all(row["ci_low"] <= row["share"] <= row["ci_high"] for row in by_outlet if row["ci_low"] is not None)
    assert all(isinstance(text, str) and text for text in values(invented_run, "05-summary")["reading"])


DEGENERATE = [
    # One sentence, no quotation, actor, event or frame cue, and every mathtext character in text and metadata.
    {
        "doc_id": "odd",
        "outlet": "$_^% press",
        "title": "$8.5 of $21",
        "published": "2024-01-02",
        "text": "The $8.5 billion sum was 40% of the $21 billion figure for x_1^2 holders.",
    },
    {"doc_id": "plain", "outlet": "<b>bold</b> *x* $y$", "text": "Nothing here."},
]


def test_every_notebook_runs_on_a_corpus_with_nothing_to_find(tmp_path):
    corpus = tmp_path / "odd.jsonl"
    corpus.write_text("".join(json.dumps(row) + "\n" for row in DEGENERATE), encoding="utf-8")
    out = run_collection(tmp_path / "out", corpus=str(corpus), parameters={"n_boot": 100}, progress=quiet)
    tables = {
        name: __import__("pandas").read_parquet(out / "tables" / f"{name}.parquet") for name in ("quotes", "events")
    }
    assert tables["quotes"].empty and tables["events"].empty
    index = figures.read_index(out)
    assert len(index) == len(figures.read_index(out)) and index
    assert "Traceback" not in (out / "report" / "index.html").read_text(encoding="utf-8")
    for page in (out / "report" / "notebooks").glob("*.html"):  # outlet names are data, never markup
        assert "<b>bold</b>" not in page.read_text(encoding="utf-8"), page.name


def test_an_empty_selection_still_runs(tmp_path):
    out = run_collection(
        tmp_path / "out",
        corpus=str(INVENTED),
        parameters={"n_boot": 100, "actors": ["Nobody At All"], "figure_formats": "svg"},
        only=["03", "06"],
        progress=quiet,
    )
    assert values(out, "03-framing")["overall_frame_shares"] == []


class _Guard:
    """A table that refuses to be read whole, or in batches larger than ``limit`` rows, and notes what is read."""

    limit = 8

    def __init__(self, dataset, name: str, reads: list):
        self.dataset, self.name, self.reads = dataset, name, reads

    @property
    def schema(self):
        return self.dataset.schema

    def to_table(self, columns=None, filter=None):
        raise AssertionError(f"table {self.name} read whole into memory (columns {columns}, filter {filter})")

    def to_batches(self, columns=None, filter=None, batch_size=None, **options):
        assert columns is not None, f"table {self.name}: every column read"
        assert batch_size is not None and batch_size <= self.limit, f"table {self.name}: batches of {batch_size} rows"
        self.reads.append((self.name, tuple(columns)))
        return self.dataset.to_batches(columns=columns, filter=filter, batch_size=batch_size, **options)


@pytest.fixture
def guarded_tables(monkeypatch):
    """Tables.open gives tables that only a chunk of one article and batches of 8 rows can be read from."""
    from climadiplo.present.selection import Tables

    reads: list = []
    opened = Tables.open.__func__

    def guarded(cls, folder):
        tables = opened(cls, folder)
        tables.chunk_documents, tables.batch_rows = 1, _Guard.limit
        # The documents table has one row per article: the size of an aggregate, so it may be read whole.
        tables.datasets = {
            name: dataset if name == "documents" else _Guard(dataset, name, reads)
            for name, dataset in tables.datasets.items()
        }
        return tables

    monkeypatch.setattr(Tables, "open", classmethod(guarded))
    return reads


def test_the_guard_fails_a_notebook_that_loads_a_whole_table(invented_run, guarded_tables, tmp_path):
    from climadiplo.present import notebook

    session = notebook.start("guard", tables=str(invented_run / "tables"), out_dir=str(tmp_path))
    with pytest.raises(AssertionError, match="table sentences read whole"):
        session["sentences"]
    with pytest.raises(AssertionError, match="table mentions read whole"):
        session.load("mentions", ["doc_id", "actor"])


@pytest.mark.parametrize("group_by", ["outlet", "voice"])
def test_no_notebook_holds_a_whole_sentence_table(invented_run, guarded_tables, tmp_path, group_by):
    from climadiplo.run import execute_in_process

    parameters = {"tables": str(invented_run / "tables"), "out_dir": str(tmp_path), "n_boot": 100}
    parameters.update({"figure_formats": ["svg"], "group_by": group_by, "sensitivity_terms": 2})
    for notebook in collection():
        namespace = execute_in_process(notebook, parameters)
        assert namespace["session"].values, notebook.stem  # it ran to its end and recorded its values
    read = {name for name, _ in guarded_tables}
    assert {"sentences", "mentions", "quotes", "events", "removed"} <= read
    # only the views that count words or score text again read the sentences' text
    assert any("text" not in columns for name, columns in guarded_tables if name == "sentences")


def test_per_article_values_move_to_the_csv_beyond_the_cap(invented_run, tmp_path, monkeypatch):
    import pandas as pd

    from climadiplo.present import notebook

    session = notebook.start("cap", tables=str(invented_run / "tables"), out_dir=str(tmp_path))
    rows = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "share": [0.1, 0.2, 0.3, 0.4]})
    session.record_articles("shares", rows, "shares")
    assert values(tmp_path, "cap")["shares"] == rows.to_dict("records")
    monkeypatch.setattr(notebook, "VALUE_ARTICLES", 2)  # three articles: over the cap
    session.record_articles("shares", rows, "shares")
    recorded = values(tmp_path, "cap")
    assert recorded["shares"] is None and recorded["shares_csv"] == "cap-shares.csv"
    assert pd.read_csv(tmp_path / "values" / "cap-shares.csv").equals(rows)  # every row is in the CSV
