"""Run the notebook collection headless: tables once, every notebook with papermill, figures, report, manifest."""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import nbformat

from climadiplo import __version__
from climadiplo.engines import DEFAULT_CHUNK_SIZE, DEFAULT_ENGINE, check_engine_options, default_workers
from climadiplo.errors import ClimadiploError, InputError
from climadiplo.files import check_writable, keep_aside, make_staging, replace_directory
from climadiplo.pipeline import DEFAULT_FRAME_METHOD, DEFAULT_SENTIMENT_METHOD, build_tables
from climadiplo.present.notebook import MAX_YAML_BYTES, RUN_PARAMETERS, load_yaml, validate_parameters
from climadiplo.present.selection import unnamed_actors
from climadiplo.read.corpus import DEFAULT_MAX_DOC_MB, load_corpus
from climadiplo.tables import table_record, write_tables

KERNEL = "python3"
PACKAGES = ("pandas", "numpy", "matplotlib", "scikit-learn", "vaderSentiment", "papermill", "nbconvert", "pyarrow")
_VOLATILE_METADATA = ("papermill", "execution", "collapsed", "scrolled")


def notebooks_dir() -> Path:
    """The folder of the notebook collection (checkout, or the copy shipped in the wheel)."""
    package = Path(__file__).resolve().parent
    for candidate in (package.parent / "notebooks", package / "_notebooks"):
        if any(candidate.glob("[0-9][0-9]-*.ipynb")):
            return candidate
    raise FileNotFoundError("the notebooks/ folder is missing")


def collection(only: list[str] | None = None) -> list[Path]:
    """The numbered notebooks in order, optionally only those named (by number or name)."""
    notebooks = sorted(notebooks_dir().glob("[0-9][0-9]-*.ipynb"))
    if not only:
        return notebooks
    wanted = [name.removesuffix(".ipynb") for name in only]
    chosen = [nb for nb in notebooks if any(nb.stem == w or nb.stem.split("-")[0] == w for w in wanted)]
    unknown = [w for w in wanted if not any(nb.stem == w or nb.stem.split("-")[0] == w for nb in notebooks)]
    if unknown:
        names = ", ".join(nb.stem for nb in notebooks)
        raise InputError(f"--only {', '.join(unknown)}: no such notebook (choose from {names})")
    return chosen


def read_parameter_file(path: str | Path) -> dict:
    """Read a YAML parameter file (a mapping of parameter names to values)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such parameter file")
    if path.stat().st_size > MAX_YAML_BYTES:
        raise InputError(f"{path}: parameter file larger than {MAX_YAML_BYTES // 1024} KB")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: parameter file is not UTF-8 text") from None
    loaded = load_yaml(text, str(path))
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise InputError(f"{path}: expected a mapping of parameter names to values")
    try:  # the file's own names and values, so that a bad one is reported with the file that holds it
        validate_parameters(loaded)
    except InputError as error:
        raise InputError(f"{path}: {error}") from None
    return loaded


def clean_notebook(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what changes between runs (papermill metadata, timestamps) and pin the kernel name."""
    notebook.metadata.pop("papermill", None)
    notebook.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": KERNEL}
    notebook.metadata["language_info"] = {"name": "python"}
    for cell in notebook.cells:
        for key in _VOLATILE_METADATA:
            cell.metadata.pop(key, None)
        if cell.get("cell_type") == "code":
            for output in cell.get("outputs", []):
                output.get("metadata", {}).pop("papermill", None)
    return notebook


def execute_notebook(source: Path, target: Path, parameters: dict, cwd: Path) -> float:
    """Execute one notebook with papermill into target (cleaned); return its duration in seconds."""
    import papermill

    started = time.perf_counter()
    try:
        papermill.execute_notebook(
            str(source),
            str(target),
            parameters=parameters,
            kernel_name=KERNEL,
            cwd=str(cwd),
            progress_bar=False,
            log_output=False,
            report_mode=False,
            extra_arguments=[
                "--IPKernelApp.log_level=CRITICAL"
            ],  # start-up chatter and the shutdown "KeyboardInterrupt caught" are not news
        )
    except BaseException:
        # Keep the failed notebook cleaned when it can be read; a half-written one (full disk) must not
        # hide the real error behind a NotJSONError.
        with contextlib.suppress(Exception):
            _clean_file(target)
        raise
    _clean_file(target)
    return time.perf_counter() - started


def _clean_file(target: Path) -> None:
    if target.exists():
        notebook = nbformat.read(target, as_version=4)
        nbformat.write(clean_notebook(notebook), target)


def _failure_message(error: Exception, notebook: Path) -> str:
    cell = getattr(error, "exec_count", None)
    name, value = getattr(error, "ename", type(error).__name__), getattr(error, "evalue", str(error))
    where = f"cell [{cell}]" if cell is not None else "a cell"
    return f"notebook {notebook.stem} failed in {where}: {name}: {str(value).splitlines()[0] if value else ''}"


def corpus_hash(documents_sha256: list[str]) -> str:
    """One hash for a corpus: SHA-256 over its documents' sorted SHA-256s."""
    return hashlib.sha256("\n".join(sorted(documents_sha256)).encode()).hexdigest()


def data_hash() -> str:
    """SHA-256 over everything a figure depends on besides corpus and code: data/ (lexicons, gazetteer) and models."""
    from climadiplo.resources import data_dir

    digest = hashlib.sha256()
    models = Path(__file__).resolve().parent / "annotate" / "models"
    for root in (data_dir(), models):
        if not root.is_dir():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(f"{root.name}/{path.relative_to(root).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def model_digests() -> dict[str, str]:
    """SHA-256 of each shipped model file (annotate/models/), by name: which weights made the tables."""
    models = Path(__file__).resolve().parent / "annotate" / "models"
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(models.iterdir())
        if path.is_file() and path.suffix != ".md"
    }


def run_id(corpus_digest: str, parameters: dict, data_digest: str = "", methods: dict | None = None) -> str:
    """A deterministic run identifier: the same corpus, parameters, methods, version and data/ give the same id."""
    payload = {"corpus": corpus_digest, "parameters": parameters, "version": __version__}
    if data_digest:
        payload["data"] = data_digest
    if methods:  # the tables' frames and tone methods: other methods, other tables, another run
        payload["methods"] = methods
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:12]


def _git_commit() -> str | None:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=Path(__file__).resolve().parent,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None


def _versions() -> dict[str, str]:
    versions = {"climadiplo": __version__, "python": sys.version.split()[0]}
    for package in PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return versions


def run_collection(
    out: str | Path,
    corpus: str | None = None,
    parameters: dict | None = None,
    only: list[str] | None = None,
    overwrite: bool = False,
    progress: Callable[[str], None] = print,
    max_doc_mb: float = DEFAULT_MAX_DOC_MB,
    frames_method: str = DEFAULT_FRAME_METHOD,
    sentiment_method: str = DEFAULT_SENTIMENT_METHOD,
    workers: int | None = None,
    engine: str = DEFAULT_ENGINE,
    scheduler: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Path:
    """Build the tables once, run every notebook, write figures, report and manifest into out (atomically).

    The tables are built afresh on every run (never reused from an earlier one), with the methods given here; the
    manifest records them and the run id covers them. workers (default: every core), engine, scheduler and
    chunk_size say how the tables are made, as for ``climadiplo tables``: every engine, number of workers and chunk
    size gives identical tables (tests/test_engines.py), so the manifest records them but the run id leaves them out.
    """
    from climadiplo.present.report import write_report

    out = Path(out)
    workers = default_workers() if workers is None else workers
    check_engine_options(frames_method, workers, engine, scheduler, chunk_size, sentiment_method)
    methods = {"frames_method": frames_method, "sentiment_method": sentiment_method}
    checked = validate_parameters(parameters or {}).as_dict()
    params = {name: checked[name] for name in RUN_PARAMETERS}
    notebooks = collection(only)
    state = check_writable(out, overwrite, protect=[corpus])
    documents = load_corpus(corpus, max_doc_mb=max_doc_mb)
    staging = make_staging(out)
    try:
        progress(
            f"climadiplo: building tables for {len(documents)} documents "
            f"(frames: {frames_method}, tone: {sentiment_method})"
        )
        # Identical tables on any engine, number of workers and chunk size.
        tables = build_tables(
            documents, workers=workers, engine=engine, scheduler=scheduler, chunk_size=chunk_size, **methods
        )
        notes = unnamed_actors(checked["actors"], set(tables["mentions"]["actor"].dropna()))
        for note in notes:  # an empty selection still runs; its summary then says that it is empty, and this says why
            empty = " (the selection is empty)" if len(notes) == len(checked["actors"]) else ""
            progress(f"climadiplo: warning: parameter actors: {note}{empty}")
        write_tables(tables, staging / "tables", fmt="parquet", record=table_record(frames_method, sentiment_method))
        digest = corpus_hash(tables["documents"]["sha256"].tolist())
        data_digest = data_hash()
        identifier = run_id(digest, params, data_digest, methods)
        (staging / "notebooks").mkdir()
        durations = {}
        injected = {"corpus": str(corpus or ""), "tables": "tables", "out_dir": ".", **params}
        for number, notebook in enumerate(notebooks, start=1):
            progress(f"climadiplo: [{number}/{len(notebooks)}] running {notebook.stem}")
            target = staging / "notebooks" / notebook.name
            try:
                durations[notebook.stem] = round(execute_notebook(notebook, target, injected, cwd=staging), 2)
            except OSError:
                raise  # a full disk or a permission problem is not the notebook's fault: say which file
            except Exception as error:  # papermill raises its own error types; keep the failed notebook
                failed = keep_aside(staging, out, "failed")  # a fresh name: an older DIR.failed stays
                raise ClimadiploError(
                    f"{_failure_message(error, notebook)} (the executed notebook is kept in {failed / 'notebooks' / notebook.name}; earlier results in {out} are untouched)"
                ) from None
        manifest = {
            "run_id": identifier,
            "climadiplo_version": __version__,
            "corpus": str(corpus) if corpus else "seed corpus",
            "corpus_sha256": digest,
            "data_sha256": data_digest,
            "inputs": dict(zip(tables["documents"]["source"], tables["documents"]["sha256"], strict=True)),
            "parameters": params,
            "table_options": {
                **methods,
                "workers": workers,
                "engine": engine,
                "scheduler": scheduler,
                "chunk_size": chunk_size,
                "max_doc_mb": max_doc_mb,
            },
            "models_sha256": model_digests(),
            "notebooks": [nb.stem for nb in notebooks],
            "durations_seconds": durations,
            "versions": _versions(),
            "git_commit": _git_commit(),
        }
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        progress("climadiplo: writing the report")
        write_report(staging, manifest, tables)
        replace_directory(staging, out, state)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # gone already when kept aside as DIR.failed or DIR.new
        raise
    progress(f"climadiplo: done: {out}/report/index.html")
    return out


def refresh_notebooks(only: list[str] | None = None, progress: Callable[[str], None] = print) -> list[Path]:
    """Re-execute the committed notebooks in place on the seed corpus with their defaults, cleaned for git."""
    refreshed = []
    for notebook in collection(only):
        progress(f"climadiplo: refreshing {notebook.name}")
        with tempfile.TemporaryDirectory() as scratch:
            target = Path(scratch) / notebook.name
            execute_notebook(notebook, target, {}, cwd=notebook.parent)
            notebook.write_bytes(target.read_bytes())
        refreshed.append(notebook)
    return refreshed


def execute_in_process(source: Path, parameters: dict) -> dict:
    """Run a notebook's code cells in this process, parameters in place of its parameters cell; return its names.

    For profiling and for measuring memory (a papermill kernel is another process); outputs are discarded.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from climadiplo.present.notebook import Parameters

    notebook = nbformat.read(source, as_version=4)
    namespace: dict = {"__name__": "__notebook__", "display": lambda *objects, **options: None}
    namespace.update({**Parameters().as_dict(), **parameters})
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type != "code" or "parameters" in cell.metadata.get("tags", []):
            continue
        exec(compile(cell.source, f"{source.name}[{number}]", "exec"), namespace)
        plt.close("all")
    return namespace
