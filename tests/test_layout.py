"""The package layout shows the pipeline: read → annotate → analyse → present, imports flowing one way."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import nbformat

import climadiplo
from climadiplo.pipeline import annotate_document
from climadiplo.present.notebook import Parameters
from climadiplo.run import collection

PACKAGE = Path(climadiplo.__file__).parent
ROOT_MODULES = {
    "__init__",
    "__main__",
    "cli",
    "run",
    "pipeline",
    "engines",
    "tables",
    "schema",
    "files",
    "errors",
    "resources",
}
STAGES = ("read", "annotate", "analyse", "present")  # a stage may import only the stages before it


def test_the_package_root_holds_only_the_listed_modules_and_the_four_stages():
    modules = {path.stem for path in PACKAGE.glob("*.py")}
    assert modules == ROOT_MODULES
    packages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    assert packages == set(STAGES)


def _imported_stages(path: Path) -> set[str]:
    stages = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("climadiplo."):
            stages.add(node.module.split(".")[1])
    return stages & set(STAGES)


def test_imports_flow_one_way_between_stages():
    for position, stage in enumerate(STAGES):
        later = set(STAGES[position + 1 :])
        for path in (PACKAGE / stage).glob("*.py"):
            assert not _imported_stages(path) & later, f"{stage}/{path.name} imports a later stage"


def test_annotate_document_reads_as_the_list_of_stages():
    lines = inspect.getsource(annotate_document).splitlines()
    assert len(lines) <= 40
    assert "read_article" in inspect.getsource(annotate_document)


def test_every_notebook_parameters_cell_gives_the_parameters_defaults():
    defaults = Parameters().as_dict()
    for path in collection():
        notebook = nbformat.read(path, as_version=4)
        cell = next(cell for cell in notebook.cells if "parameters" in cell.metadata.get("tags", []))
        namespace: dict = {}
        exec(cell.source, namespace)  # the cell holds literals only (checked in test_notebooks)
        given = {name: namespace[name] for name in defaults}
        assert given == defaults, path.name
