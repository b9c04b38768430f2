"""Write files so that a reader never sees half of one: write beside the target, then rename."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


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
