"""A corpus folder is listed once: to tell its kind, to check and read its files, and to name those it skips."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pandas as pd
import pytest

from climadiplo.read.corpus import CorpusSkippedFilesWarning, load_corpus, open_corpus


@pytest.fixture
def listings(monkeypatch) -> list[Path]:
    """The folders listed (os.scandir, or os.listdir as Path.iterdir lists) while the test runs."""
    listed: list[Path] = []
    for name in ("scandir", "listdir"):
        original = getattr(os, name)

        def counting(path=".", _original=original):
            listed.append(Path(os.fsdecode(path)).resolve())
            return _original(path)

        monkeypatch.setattr(os, name, counting)
    return listed


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "b.txt").write_text("Envoys met in Geneva on Monday.", encoding="utf-8")
    (folder / "a.md").write_text("Talks resumed. The partnership grew.", encoding="utf-8")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4")
    (folder / ".hidden.txt").write_text("not an article", encoding="utf-8")
    (folder / "folder.txt").mkdir()  # a folder named like a file is neither read nor skipped
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("Officials agreed to talk again in May.", encoding="utf-8")
    (folder / "c.txt").symlink_to(outside)  # a link to a file is read, as before
    (folder / "corpus.csv").write_text("file,doc_id,outlet\nb.txt,bee,Wire\n", encoding="utf-8")
    return folder


def test_a_folder_is_listed_once_to_check_warn_and_read(tmp_path, listings):
    folder = _folder(tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = open_corpus(folder)
        documents = list(corpus)
    assert [d.doc_id for d in documents] == ["a", "bee", "c"] and len(corpus) == 3
    assert documents[1].outlet == "Wire" and documents[2].raw_text.startswith("Officials")
    skipped = [str(w.message) for w in caught if issubclass(w.category, CorpusSkippedFilesWarning)]
    assert len(skipped) == 1 and skipped[0].endswith("skipped 1 file(s) that are not .txt, .md or .html: report.pdf")
    assert listings.count(folder.resolve()) == 1, listings


def test_load_corpus_of_a_folder_and_of_parquet_files_lists_it_once(tmp_path, listings):
    folder = _folder(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusSkippedFilesWarning)
        assert [d.doc_id for d in load_corpus(folder)] == ["a", "bee", "c"]
    assert listings.count(folder.resolve()) == 1
    parquet = tmp_path / "parquet"
    parquet.mkdir()
    pd.DataFrame({"doc_id": ["x", "y"], "text": ["One sentence here.", "Another one there."]}).to_parquet(
        parquet / "part-0.parquet"
    )
    assert [d.doc_id for d in load_corpus(parquet)] == ["x", "y"]
    assert listings.count(parquet.resolve()) == 1
