"""Write files and output folders so that a reader never sees half of one: write beside, then rename."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from climadiplo.errors import OutputError


def write_atomically(path: Path, write: Callable[[Path], None]) -> Path:
    """Call write(temporary) on a hidden file next to path, then rename it over path in one step."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        write(temporary)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)
    return path


def write_text_atomically(path: Path, text: str) -> Path:
    """Write UTF-8 text to path atomically."""
    return write_atomically(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))


def check_writable(out_dir: Path, overwrite: bool) -> None:
    """Refuse to write into a non-empty folder (or over a file) unless asked to overwrite."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: exists and is not a directory")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not overwrite:
        raise OutputError(f"{out_dir}: output directory is not empty; pass --overwrite to replace it")


def make_staging(out_dir: Path) -> Path:
    """A fresh hidden folder beside out_dir to build the output in before it is moved into place."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))


def replace_directory(staging: Path, target: Path) -> None:
    """Move a finished staging folder into place, replacing target only once staging is complete."""
    if target.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
        os.replace(target, retired / target.name)
        os.replace(staging, target)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(staging, target)
