"""The offline HTML report of a run: figures with captions and citation strings, key numbers, notebooks."""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

import pandas as pd

from climadiplo.annotate.frames import FRAMES
from climadiplo.present.figures import read_index

_EXTERNAL = re.compile(
    r"<script[^>]*\bsrc=[\"']https?://[^>]*>\s*</script>|<link[^>]*\bhref=[\"']https?://[^>]*>", re.IGNORECASE
)
_STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
figure{margin:2rem 0;border-top:1px solid #ddd;padding-top:1rem}figure img{max-width:100%}
figcaption{font-size:.95rem}code,.cite{font-family:ui-monospace,monospace;font-size:.85rem;background:#f4f4f4;padding:.1rem .3rem}
table{border-collapse:collapse;font-size:.9rem}td,th{border-bottom:1px solid #ddd;padding:.25rem .6rem;text-align:left}
"""


def citation(entry: dict, number: int, manifest: dict) -> str:
    """A ready citation string for one figure of a run."""
    return (
        f"climadiplo {manifest['climadiplo_version']}, Figure {number} ({entry['label']}), "
        f"run {manifest['run_id']}, corpus {manifest['corpus_sha256'][:12]}: {entry['caption']}"
    )


def render_notebooks(run_dir: Path) -> list[tuple[str, str]]:
    """Render executed notebooks to HTML without inputs or external scripts; return (name, relative link)."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    folder = run_dir / "report" / "notebooks"
    folder.mkdir(parents=True, exist_ok=True)
    links = []
    for notebook in sorted((run_dir / "notebooks").glob("*.ipynb")):
        body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
        body = _EXTERNAL.sub("", body)  # offline: no CDN scripts (MathJax, require.js)
        (folder / f"{notebook.stem}.html").write_text(body, encoding="utf-8")
        links.append((notebook.stem, f"notebooks/{notebook.stem}.html"))
    return links


def _key_numbers(run_dir: Path) -> str:
    path = run_dir / "values" / "05-summary.json"
    if not path.exists():
        return "<p>Run the 05-summary notebook for the key numbers.</p>"
    values = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for item in values.get("overall_frame_shares", []):
        rows.append(
            f"<tr><td>{escape(item['frame'])} share, all articles</td><td>{item['share']:.0%}</td>"
            f"<td>{item['ci_low']:.0%} – {item['ci_high']:.0%}</td><td>{item['n_sentences']}</td></tr>"
        )
    for item in values.get("net_index", []):
        rows.append(
            f"<tr><td>net index, {escape(str(item['doc_id']))}</td><td>{item['net_index']:+.2f}</td>"
            f"<td>{item['ci_low']:+.2f} – {item['ci_high']:+.2f}</td><td>{item['n_sentences']}</td></tr>"
        )
    return (
        "<table><tr><th>quantity</th><th>value</th><th>95% bootstrap CI</th><th>sentences</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _evidence(tables: dict[str, pd.DataFrame], per_frame: int = 3) -> str:
    sentences = tables["sentences"]
    parts = []
    for frame in FRAMES:
        top = sentences[sentences[frame]].sort_values(f"{frame}_score", ascending=False).head(per_frame)
        items = "".join(
            f"<li>{escape(row.text)} <span class='cite'>{escape(row.doc_id)} #{row.sentence}: {escape(row.frame_cues or '')}</span></li>"
            for row in top.itertuples()
        )
        parts.append(f"<h3>{escape(frame)}</h3><ul>{items}</ul>")
    return "".join(parts)


def write_report(run_dir: Path, manifest: dict, tables: dict[str, pd.DataFrame]) -> Path:
    """Write run_dir/report/index.html: figures, citations, key numbers, evidence and notebook links."""
    links = render_notebooks(run_dir)
    figures_html = []
    for number, entry in enumerate(read_index(run_dir), start=1):
        image = entry["files"].get("svg") or entry["files"].get("png")
        figures_html.append(
            f"<figure id='{escape(entry['label'])}'><img src='../figures/{escape(image)}' alt='{escape(entry['caption'])}'>"
            f"<figcaption><b>Figure {number}</b> ({escape(entry['label'])}, notebook {escape(str(entry['notebook']))}). "
            f"{escape(entry['caption'])}<br>Cite as: <span class='cite'>{escape(citation(entry, number, manifest))}</span>"
            "</figcaption></figure>"
        )
    notebooks_html = "".join(f"<li><a href='{escape(link)}'>{escape(name)}</a></li>" for name, link in links)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>climadiplo report {escape(manifest["run_id"])}</title>
<style>{_STYLE}</style></head><body>
<h1>climadiplo report</h1>
<p>Run <code>{escape(manifest["run_id"])}</code> · corpus <code>{escape(manifest["corpus"])}</code>
(SHA-256 <code>{escape(manifest["corpus_sha256"][:12])}</code>, {len(manifest["inputs"])} documents) ·
climadiplo {escape(manifest["climadiplo_version"])}. Parameters: <code>{escape(json.dumps(manifest["parameters"], sort_keys=True))}</code>.</p>
<h2>Key numbers</h2>{_key_numbers(run_dir)}
<h2>Figures</h2>{"".join(figures_html) or "<p>No figures.</p>"}
<h2>Evidence sentences</h2><p>The strongest sentences for each frame, with the cue words behind the label.</p>{_evidence(tables)}
<h2>Notebooks</h2><ul>{notebooks_html}</ul>
</body></html>
"""
    path = run_dir / "report" / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path
