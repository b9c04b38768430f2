"""The offline HTML report of a run: figures with captions and citation strings, key numbers, notebooks."""

from __future__ import annotations

import json
import re
import shutil
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
figure{margin:1.5rem 0;border-top:1px solid #ddd;padding-top:1rem}figure img{max-width:100%;max-height:34rem;display:block}
figcaption{font-size:.95rem}code,.cite{font-family:ui-monospace,monospace;font-size:.85rem;background:#f4f4f4;padding:.1rem .3rem}
table{border-collapse:collapse;font-size:.9rem}td,th{border-bottom:1px solid #ddd;padding:.25rem .6rem;text-align:left}
"""


# What each method of the tables is, for a reader of the report (the option values are climadiplo's names).
METHOD_NAMES = {
    "frames_method": ("frames", "--frames-method"),
    "sentiment_method": ("tone", "--sentiment-method"),
}
METHOD_MEANING = {
    ("frames_method", "lexicon"): "the cue lexicon (data/lexicons) with its exceptions, negation and modality",
    ("frames_method", "classifier"): "the learned frame classifier (annotate/models/frames.npz) over the lexicon's"
    " features and n-grams",
    ("sentiment_method", "model"): "the learned tone models of sentences and of mentions (annotate/models/"
    "tone_sentence.npz, tone_target.npz)",
    ("sentiment_method", "lexicon"): "VADER with the domain lexicon (data/lexicons)",
}
HOW_MADE = ("workers", "engine", "scheduler", "chunk_size", "max_doc_mb")


def _methods(manifest: dict) -> dict[str, str]:
    """The methods that made the run's tables, as its manifest records them (none for an older manifest)."""
    options = manifest.get("table_options") or {}
    return {name: str(options[name]) for name in METHOD_NAMES if options.get(name) is not None}


def citation(entry: dict, number: int, manifest: dict) -> str:
    """A ready citation string for one figure of a run (with the methods that made its tables, when recorded)."""
    methods = "".join(f", {METHOD_NAMES[name][0]} {value}" for name, value in _methods(manifest).items())
    return (
        f"climadiplo {manifest['climadiplo_version']}, Figure {number} ({entry['label']}), "
        f"run {manifest['run_id']}, corpus {manifest['corpus_sha256'][:12]}{methods}: {entry['caption']}"
    )


def _provenance(manifest: dict) -> str:
    """The section saying how the tables were made: methods, engine options, code, data and model digests."""
    methods = _methods(manifest)
    if methods:
        items = "".join(
            f"<li>{escape(METHOD_NAMES[name][0])}: <code>{escape(METHOD_NAMES[name][1])} {escape(value)}</code>"
            f"{' — ' + escape(METHOD_MEANING[name, value]) if (name, value) in METHOD_MEANING else ''}</li>"
            for name, value in methods.items()
        )
    else:
        items = "<li>methods: not recorded in this run's manifest</li>"
    options = manifest.get("table_options") or {}
    made = ", ".join(f"{name} {options[name]}" for name in HOW_MADE if options.get(name) is not None)
    if made:
        items += (
            f"<li>made with <code>{escape(made)}</code> (any engine, workers and chunk size give the same tables)</li>"
        )
    code = f"climadiplo {manifest['climadiplo_version']}"
    if manifest.get("git_commit"):
        code += f", commit {manifest['git_commit'][:12]}"
    versions = manifest.get("versions") or {}
    packages = ", ".join(f"{name} {versions[name]}" for name in ("scikit-learn", "vaderSentiment") if name in versions)
    items += f"<li>code: <code>{escape(code)}</code>{f' ({escape(packages)})' if packages else ''}</li>"
    if manifest.get("data_sha256"):
        items += (
            f"<li>data/ and models: SHA-256 <code>{escape(manifest['data_sha256'][:12])}</code> (in the run id)</li>"
        )
    models = manifest.get("models_sha256") or {}
    if models:
        rows = "".join(
            f"<tr><td><code>{escape(name)}</code></td><td><code>{escape(digest[:12])}</code></td></tr>"
            for name, digest in sorted(models.items())
        )
        items += f"<li>model files (annotate/models/): <table><tr><th>file</th><th>SHA-256</th></tr>{rows}</table></li>"
    return f"<ul>{items}</ul>"


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


def _pct(value) -> str:
    return "–" if value is None else f"{value:.1%}"


def _key_numbers(run_dir: Path) -> str:
    path = run_dir / "values" / "05-summary.json"
    if not path.exists():
        return "<p>Run the 05-summary notebook for the key numbers.</p>"
    values = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for key, what in (
        ("overall_frame_shares", "all sentences"),
        ("relationship_frame_shares", "sentences naming two sides"),
    ):
        for item in values.get(key, []):
            rows.append(
                f"<tr><td>{escape(item['frame'])}, {what}</td><td>{_pct(item['share'])}</td>"
                f"<td>{_pct(item['ci_low'])} – {_pct(item['ci_high'])}</td>"
                f"<td>{item['n_articles']:,} / {item['n_sentences']:,}</td></tr>"
            )
    readings = "".join(f"<li>{escape(text)}</li>" for text in values.get("reading", []))
    return (
        "<table><tr><th>share of sentences with the frame</th><th>value</th>"
        "<th>95% bootstrap CI (articles resampled)</th><th>articles / sentences</th></tr>"
        + "".join(rows)
        + f"</table><ul>{readings}</ul>"
    )


def _evidence(tables: dict[str, pd.DataFrame], per_frame: int = 3) -> str:
    sentences = tables["sentences"]
    parts = []
    for frame in FRAMES:
        framed = sentences[sentences[frame]]
        top = framed.sort_values([f"{frame}_score", "doc_id", "sentence"], ascending=[False, True, True]).head(
            per_frame
        )
        items = "".join(
            f"<li>{escape(_shorten(row.text))} <span class='cite'>{escape(row.doc_id)} #{row.sentence}: "
            f"{escape(row.frame_cues or '')}</span></li>"
            for row in top.itertuples()
        )
        parts.append(f"<h3>{escape(frame)}</h3><ul>{items}</ul>")
    return "".join(parts)


def _shorten(text: str, width: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + " …"


def _brief(parameters: dict) -> dict:
    """Parameters for the page header: each side as its name and number of actors (the lists are long)."""
    sides = parameters.get("sides")
    if isinstance(sides, dict):
        return {**parameters, "sides": {side: f"{len(actors)} actors" for side, actors in sides.items()}}
    return parameters


def ordered_figures(run_dir: Path, notebooks: list[str]) -> list[dict]:
    """The run's figures in reading order: notebook order of the run, then the order each notebook saved them."""
    rank = {name: index for index, name in enumerate(notebooks)}
    entries = read_index(run_dir)
    return sorted(entries, key=lambda e: (rank.get(str(e["notebook"]), len(rank)), e.get("order", 0), e["label"]))


def _copy(source: Path, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, folder / source.name)


def write_report(run_dir: Path, manifest: dict, tables: dict[str, pd.DataFrame]) -> Path:
    """Write run_dir/report/: index.html (summary, figures, citations, evidence, notebooks) with its own copies."""
    report = run_dir / "report"
    links = render_notebooks(run_dir)
    figures_html = []
    notebooks = manifest.get("notebooks") or sorted({str(e["notebook"]) for e in read_index(run_dir)})
    for number, entry in enumerate(ordered_figures(run_dir, notebooks), start=1):
        # The report folder stands alone: its figures (and their plotted values) are copied into it.
        for name in entry["files"].values():
            if (run_dir / "figures" / name).is_file():
                _copy(run_dir / "figures" / name, report / "figures")
        image = entry["files"].get("svg") or entry["files"].get("png")
        values_link = (
            f" <a href='figures/{escape(entry['files']['csv'])}'>Plotted values (CSV)</a>."
            if "csv" in entry["files"]
            else ""
        )
        figures_html.append(
            f"<figure id='{escape(entry['label'])}'><img src='figures/{escape(image)}' alt='{escape(entry['caption'])}'>"
            f"<figcaption><b>Figure {number}</b> ({escape(entry['label'])}, notebook {escape(str(entry['notebook']))}). "
            f"{escape(entry['caption'])}{values_link}<br>Cite as: "
            f"<span class='cite'>{escape(citation(entry, number, manifest))}</span></figcaption></figure>"
        )
    downloads = []
    for path in sorted((run_dir / "values").glob("*.csv")) if (run_dir / "values").is_dir() else []:
        _copy(path, report / "data")
        downloads.append(f"<li><a href='data/{escape(path.name)}'>{escape(path.stem)}</a></li>")
    notebooks_html = "".join(f"<li><a href='{escape(link)}'>{escape(name)}</a></li>" for name, link in links)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>climadiplo report {escape(manifest["run_id"])}</title>
<style>{_STYLE}</style></head><body>
<h1>climadiplo report</h1>
<p>Run <code>{escape(manifest["run_id"])}</code> · corpus <code>{escape(manifest["corpus"])}</code>
(SHA-256 <code>{escape(manifest["corpus_sha256"][:12])}</code>, {len(manifest["inputs"]):,} documents) ·
climadiplo {escape(manifest["climadiplo_version"])}. Parameters: <code>{escape(json.dumps(_brief(manifest["parameters"]), sort_keys=True))}</code> (in full in manifest.json).</p>
<h2>Summary</h2>{_key_numbers(run_dir)}
<h2>How the tables were made</h2>{_provenance(manifest)}
<h2>Figures</h2>{"".join(figures_html) or "<p>No figures.</p>"}
<h2>Evidence sentences</h2><p>The strongest sentences for each frame, with the cue words behind the label.</p>{_evidence(tables)}
<h2>Tables to download</h2><ul>{"".join(downloads) or "<li>none</li>"}</ul>
<h2>Notebooks</h2><ul>{notebooks_html}</ul>
</body></html>
"""
    path = report / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path
