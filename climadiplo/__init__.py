"""climadiplo: tidy tables of who says what, with what tone and frame, in US–China climate news."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "build_tables", "load_corpus", "read_tables", "write_tables"]


def __getattr__(name: str):
    # Lazy re-exports keep `import climadiplo` (and `climadiplo --version`) fast.
    if name == "load_corpus":
        from climadiplo.read.corpus import load_corpus

        return load_corpus
    if name == "build_tables":
        from climadiplo.pipeline import build_tables

        return build_tables
    if name in ("read_tables", "write_tables"):
        from climadiplo import tables

        return getattr(tables, name)
    raise AttributeError(name)
