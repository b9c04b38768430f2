"""Shared fixtures: the seed corpus tables (built once) and the seed gold."""

from __future__ import annotations

import pytest

from climadiplo.analyse.evaluate import load_gold
from climadiplo.pipeline import build_tables
from climadiplo.read.corpus import load_corpus


@pytest.fixture(scope="session")
def seed_tables():
    """Tables of the embedded seed corpus."""
    return build_tables(load_corpus())


@pytest.fixture(scope="session")
def gold():
    """The seed gold annotations, one DataFrame per jsonl file."""
    return load_gold()


@pytest.fixture
def write(tmp_path):
    """Write a file under tmp_path (text or bytes) and return its path."""

    def _write(name: str, content: str | bytes):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write
