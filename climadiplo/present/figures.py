"""Figures for citation: one shared style, fixed frame colours, deterministic files and an index."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import matplotlib.pyplot as plt

from climadiplo.files import write_atomically, write_text_atomically

STYLE = Path(__file__).with_name("style") / "climadiplo.mplstyle"
# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies; the same everywhere.
FRAME_COLORS = {"cooperation": "#0072B2", "competition": "#E69F00", "conflict": "#D55E00"}
FORMATS = ("svg", "png", "pdf")
INDEX_NAME = "index.json"
_METADATA = {"svg": {"Date": None}, "pdf": {"CreationDate": None, "ModDate": None}, "png": {"Software": None}}

_context: dict[str, object] = {"out_dir": None, "notebook": None, "parameters": {}, "formats": ("svg", "png")}


def use_style() -> None:
    """Apply the shared climadiplo matplotlib style."""
    plt.style.use(str(STYLE))


def configure(
    out_dir: str | Path, notebook: str | None = None, parameters: dict | None = None, formats=("svg", "png")
) -> Path:
    """Set where save() writes (out_dir/figures), which notebook and parameters it records, and the formats."""
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown:
        raise ValueError(f"figure_formats: {', '.join(unknown)} not one of {', '.join(FORMATS)}")
    folder = Path(out_dir) / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    _context.update(out_dir=folder, notebook=notebook, parameters=dict(parameters or {}), formats=tuple(formats))
    use_style()
    return folder


def save(fig, label: str, caption: str, tables: list[str] | None = None) -> dict:
    """Write label.svg/.png (and .pdf if configured) with deterministic bytes and record it in index.json."""
    if not label or not label.replace("-", "").replace("_", "").isalnum():
        raise ValueError(f"figure label '{label}': use letters, digits, '-' or '_'")
    if not caption or not caption.strip():
        raise ValueError(f"figure '{label}' needs a caption")
    folder = _context["out_dir"]
    if folder is None:
        raise RuntimeError("call climadiplo.figures.configure(out_dir, ...) before save()")
    files = {}
    for fmt in _context["formats"]:
        path = Path(folder) / f"{label}.{fmt}"
        write_atomically(path, lambda temporary, fmt=fmt: fig.savefig(temporary, format=fmt, metadata=_METADATA[fmt]))
        files[fmt] = hashlib.sha256(path.read_bytes()).hexdigest()
    entry = {
        "label": label,
        "caption": caption.strip(),
        "notebook": _context["notebook"],
        "parameters": _context["parameters"],
        "tables": sorted(tables or []),
        "files": {fmt: f"{label}.{fmt}" for fmt in files},
        "sha256": files,
    }
    _update_index(Path(folder) / INDEX_NAME, entry)
    return entry


def _update_index(path: Path, entry: dict) -> None:
    entries = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    entries = [item for item in entries if item["label"] != entry["label"]] + [entry]
    entries.sort(key=lambda item: (str(item["notebook"]), item["label"]))
    write_text_atomically(path, json.dumps(entries, indent=1, ensure_ascii=False, sort_keys=True) + "\n")


def read_index(out_dir: str | Path) -> list[dict]:
    """The figure index of a run folder (empty if none)."""
    path = Path(out_dir) / "figures" / INDEX_NAME
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
