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

MAX_PIXELS = 2000  # no side of a PNG longer than this: a figure must stay readable on one screen
_context: dict[str, object] = {
    "out_dir": None,
    "notebook": None,
    "parameters": {},
    "formats": ("svg", "png"),
    "order": {},
}


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
    _context.update(
        out_dir=folder, notebook=notebook, parameters=dict(parameters or {}), formats=tuple(formats), order={}
    )
    use_style()
    return folder


def escape_text(text) -> str:
    """Text from the data made safe to draw: with mathtext on, a pair of ``$`` would start a formula."""
    import matplotlib as mpl

    text = str(text)
    return text.replace("$", r"\$") if mpl.rcParams["text.parse_math"] else text


def capped_dpi(fig, dpi: float | None = None) -> float:
    """The savefig resolution that keeps both sides of the figure within MAX_PIXELS (tight bounding box)."""
    import matplotlib as mpl

    dpi = float(dpi or mpl.rcParams["savefig.dpi"])
    renderer = fig.canvas.get_renderer()
    box = fig.get_tightbbox(renderer)
    width, height = (box.width, box.height) if box is not None else fig.get_size_inches()
    longest = max(width, height, 1e-6) + 0.2  # savefig pads the tight box by 0.1 inch each side
    return min(dpi, (MAX_PIXELS - 4) / longest)


def save(fig, label: str, caption: str, tables: list[str] | None = None, data=None) -> dict:
    """Write label.svg/.png (and .pdf if configured) with deterministic bytes and record it in index.json.

    data (a DataFrame of the plotted numbers) is written beside the figure as label.csv, so a report
    can cite the values; PNGs are rendered at a resolution that keeps them within MAX_PIXELS.
    """
    if not label or not label.replace("-", "").replace("_", "").isalnum():
        raise ValueError(f"figure label '{label}': use letters, digits, '-' or '_'")
    if not caption or not caption.strip():
        raise ValueError(f"figure '{label}' needs a caption")
    folder = _context["out_dir"]
    if folder is None:
        raise RuntimeError("call climadiplo.figures.configure(out_dir, ...) before save()")
    files = {}
    dpi = capped_dpi(fig)
    for fmt in _context["formats"]:
        path = Path(folder) / f"{label}.{fmt}"
        write_atomically(
            path,
            lambda temporary, fmt=fmt: fig.savefig(temporary, format=fmt, metadata=_METADATA[fmt], dpi=dpi),
        )
        files[fmt] = hashlib.sha256(path.read_bytes()).hexdigest()
    names = {fmt: f"{label}.{fmt}" for fmt in files}
    if data is not None:
        path = Path(folder) / f"{label}.csv"
        write_text_atomically(path, data.to_csv(index=False, lineterminator="\n"))
        files["csv"] = hashlib.sha256(path.read_bytes()).hexdigest()
        names["csv"] = f"{label}.csv"
    order = _context["order"]
    order.setdefault(label, len(order))
    entry = {
        "label": label,
        "caption": caption.strip(),
        "notebook": _context["notebook"],
        "parameters": _context["parameters"],
        "tables": sorted(tables or []),
        "files": names,
        "sha256": files,
        "order": order[label],
    }
    _update_index(Path(folder) / INDEX_NAME, entry)
    return entry


def _update_index(path: Path, entry: dict) -> None:
    entries = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    entries = [item for item in entries if item["label"] != entry["label"]] + [entry]
    # Notebook order, then the order the notebook saved them in: figure numbers follow the reading order.
    entries.sort(key=lambda item: (str(item["notebook"]), item.get("order", 0), item["label"]))
    write_text_atomically(path, json.dumps(entries, indent=1, ensure_ascii=False, sort_keys=True) + "\n")


def read_index(out_dir: str | Path) -> list[dict]:
    """The figure index of a run folder (empty if none)."""
    path = Path(out_dir) / "figures" / INDEX_NAME
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
