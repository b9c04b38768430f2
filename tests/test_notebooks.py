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
    assert manifest["parameters"] == {"figure_formats": ["svg", "pdf"], "n_boot": 200, "seed": 3}
    assert manifest["notebooks"] == [nb.stem for nb in collection()]
    assert set(manifest["durations_seconds"]) == set(manifest["notebooks"])
    assert len(manifest["inputs"]) == 5 and manifest["versions"]["climadiplo"]
    index = figures.read_index(invented_run)
    assert index and all(set(entry["files"]) == {"svg", "pdf"} for entry in index)
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
    required = {"corpus", "tables", "out_dir", "figure_formats", "seed", "n_boot"}
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
    ' scripts=' + scripts + ' error=' + /Traceback|Error:/.test(text);
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
    verdict = re.search(r"images=(\d+) broken=(\d+) scripts=(\d+) error=(\w+)", result.stdout)
    assert verdict, result.stdout[-500:] + result.stderr[-500:]
    images, broken, scripts, error = verdict.groups()
    assert int(images) == len(figures.read_index(invented_run)) and int(broken) == 0
    assert int(scripts) == 0 and error == "false"
