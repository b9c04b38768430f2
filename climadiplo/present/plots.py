"""Plot functions for the notebooks: each takes a tidy table and returns a matplotlib Figure."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from climadiplo.annotate.frames import FRAMES
from climadiplo.present.figures import FRAME_COLORS, use_style

ROLE_COLORS = {"narration": "#999999", "question": "#E69F00", "answer": "#0072B2"}
CLAIM_COLORS = {"factual": "#0072B2", "evaluative": "#E69F00", "predictive": "#009E73", "prescriptive": "#CC79A7"}


def _figure(height: float = 4.0, width: float = 7.0) -> tuple[Figure, plt.Axes]:
    use_style()
    return plt.subplots(figsize=(width, height))


def _stacked_bars(table: pd.DataFrame, colors: dict | None, xlabel: str, title: str, percent: bool) -> Figure:
    """Horizontal stacked bars, one row per index entry, one segment per column."""
    fig, ax = _figure(height=1.4 + 0.5 * len(table))
    left = np.zeros(len(table))
    scale = 100 if percent else 1
    for column in table.columns:
        color = colors.get(column) if colors else None
        ax.barh(table.index, table[column] * scale, left=left, color=color, label=column)
        left += table[column].to_numpy() * scale
    if percent:
        ax.set_xlim(0, 100)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.invert_yaxis()
    return fig


def document_sizes(sentences: pd.DataFrame) -> Figure:
    """Sentences per document, stacked by role (narration, question, answer)."""
    counts = (
        sentences.groupby(["doc_id", "role"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=list(ROLE_COLORS), fill_value=0)
    )
    return _stacked_bars(
        counts, ROLE_COLORS, "sentences (count)", "Article length by role of the sentences", percent=False
    )


def voice_shares(shares: pd.DataFrame, top: int = 8) -> Figure:
    """Share of each article's words per voice (author, interviewee, quoted speakers)."""
    pivot = shares.pivot_table(index="doc_id", columns="voice", values="share", fill_value=0)
    pivot = pivot[pivot.sum().sort_values(ascending=False).index[:top]]
    return _stacked_bars(pivot, None, "share of the article's words (%)", "Who speaks: words per voice", percent=True)


def claim_types(sentences: pd.DataFrame) -> Figure:
    """Share of statements by claim type per document (questions excluded)."""
    claims = sentences[sentences["claim"].notna()]
    shares = claims.groupby("doc_id")["claim"].value_counts(normalize=True).unstack(fill_value=0)
    shares = shares.reindex(columns=list(CLAIM_COLORS), fill_value=0)
    return _stacked_bars(
        shares, CLAIM_COLORS, "share of statements (%)", "What kind of claims the articles make", percent=True
    )


def tone_arc(sentences: pd.DataFrame) -> Figure:
    """Sentence sentiment along each article (relative position 0–1), with a 5-sentence rolling mean."""
    fig, ax = _figure()
    for doc_id, group in sentences.sort_values(["doc_id", "sentence"]).groupby("doc_id"):
        position = group["sentence"] / max(group["sentence"].max(), 1)
        rolling = group["sentiment_score"].rolling(5, center=True, min_periods=1).mean()
        ax.plot(position, rolling, label=doc_id)
    ax.axhline(0, color="#666666", linewidth=0.8)
    ax.set_ylim(-1, 1)
    ax.set_xlabel("position in the article (0 = start, 1 = end)")
    ax.set_ylabel("sentiment (compound, rolling mean of 5)")
    ax.set_title("Tone along each article")
    ax.legend(loc="lower left")
    return fig


def actor_sentiment(summary: pd.DataFrame, top: int = 12) -> Figure:
    """Mean sentence sentiment per actor, with the number of sentences behind each bar."""
    data = summary.head(top).iloc[::-1]
    fig, ax = _figure(height=1.2 + 0.35 * len(data))
    colors = ["#D55E00" if value < 0 else "#0072B2" for value in data["mean_sentiment"]]
    ax.barh(data["actor"], data["mean_sentiment"], color=colors)
    for y, (value, count) in enumerate(zip(data["mean_sentiment"], data["n_sentences"], strict=True)):
        ax.annotate(
            f"n={count}",
            (value, y),
            xytext=(4 if value >= 0 else -4, 0),
            textcoords="offset points",
            ha="left" if value >= 0 else "right",
            va="center",
            fontsize=8,
        )
    ax.axvline(0, color="#666666", linewidth=0.8)
    ax.set_xlim(-1, 1)
    ax.set_xlabel("mean sentence sentiment (compound, −1 to 1)")
    ax.set_title("Tone of the sentences that mention each actor")
    return fig


def frame_shares(shares: pd.DataFrame, group: str, title: str) -> Figure:
    """Frame shares per group with 95% bootstrap confidence intervals, frames in their fixed colours."""
    groups = list(dict.fromkeys(shares[group]))
    fig, ax = _figure(height=1.4 + 0.55 * len(groups))
    height = 0.8 / len(FRAMES)
    for index, frame in enumerate(FRAMES):
        rows = shares[shares["frame"] == frame].set_index(group).reindex(groups)
        y = np.arange(len(groups)) + (index - 1) * height
        errors = [(rows["share"] - rows["ci_low"]) * 100, (rows["ci_high"] - rows["share"]) * 100]
        ax.barh(
            y,
            rows["share"] * 100,
            height=height,
            color=FRAME_COLORS[frame],
            label=frame,
            xerr=errors,
            error_kw={"elinewidth": 0.8, "capsize": 2, "ecolor": "#333333"},
        )
    ax.set_yticks(np.arange(len(groups)), groups)
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of sentences with the frame (%), 95% bootstrap CI")
    ax.set_title(title)
    ax.legend(loc="lower right")
    ax.invert_yaxis()
    return fig


def net_index(index: pd.DataFrame) -> Figure:
    """Net cooperation − competition − conflict index per document with its 95% CI."""
    fig, ax = _figure(height=1.2 + 0.5 * len(index))
    y = np.arange(len(index))
    ax.errorbar(
        index["net_index"],
        y,
        xerr=[index["net_index"] - index["ci_low"], index["ci_high"] - index["net_index"]],
        fmt="o",
        color="#000000",
        ecolor="#666666",
        capsize=3,
    )
    ax.axvline(0, color="#666666", linewidth=0.8)
    ax.set_yticks(y, index["doc_id"])
    ax.set_xlabel("net index: mean of cooperation − competition − conflict per sentence (−2 to 1)")
    ax.set_title("Cooperation against rivalry and conflict, per article")
    ax.invert_yaxis()
    return fig


def frame_arc(arc: pd.DataFrame) -> Figure:
    """Frames sentence by sentence through each article: one row per document, a mark per framed sentence."""
    documents = list(dict.fromkeys(arc["doc_id"]))
    fig, ax = _figure(height=1.4 + 0.7 * len(documents))
    for row, doc_id in enumerate(documents):
        group = arc[arc["doc_id"] == doc_id]
        for offset, frame in zip((-0.2, 0.0, 0.2), FRAMES, strict=True):
            hits = group[group[frame]]
            ax.scatter(
                hits["position"],
                np.full(len(hits), row + offset),
                s=18,
                marker="s",
                color=FRAME_COLORS[frame],
                label=frame if row == 0 else None,
            )
    ax.set_yticks(range(len(documents)), documents)
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel("position in the article (0 = start, 1 = end)")
    ax.set_title("The frame arc: where each frame appears")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.invert_yaxis()
    return fig


def co_mention_network(pairs: pd.DataFrame, counts: pd.DataFrame, top: int = 14) -> Figure:
    """Actors on a circle, linked when named in the same sentence (line width = shared sentences)."""
    actors = counts.head(top)["actor"].tolist()
    fig, ax = _figure(height=6.0, width=7.0)
    angles = np.linspace(0, 2 * math.pi, num=max(len(actors), 1), endpoint=False)
    position = {actor: (math.cos(a), math.sin(a)) for actor, a in zip(actors, angles, strict=True)}
    shown = pairs[pairs["actor_a"].isin(actors) & pairs["actor_b"].isin(actors)]
    for pair in shown.itertuples():
        (x1, y1), (x2, y2) = position[pair.actor_a], position[pair.actor_b]
        ax.plot(
            [x1, x2], [y1, y2], color="#56B4E9", linewidth=0.6 + 0.5 * min(pair.n_sentences, 8), alpha=0.7, zorder=1
        )
    sizes = counts.set_index("actor").loc[actors, "n_sentences"] if actors else []
    for actor, size in zip(actors, sizes, strict=True):
        x, y = position[actor]
        ax.scatter([x], [y], s=40 + 12 * size, color="#0072B2", zorder=2)
        ax.annotate(actor, (x, y), xytext=(1.2 * x, 1.2 * y), ha="center", va="center", fontsize=8)
    ax.set_xlim(-1.6, 1.6)
    ax.set_ylim(-1.4, 1.4)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("Actors named together (node size and line width: sentences)")
    return fig


def timeline(events: pd.DataFrame) -> Figure:
    """Dated events on a time axis (year precision shown at mid-year, month at mid-month)."""
    data = events.copy()
    data["when"] = data["date"].map(_decimal_year)
    data = data.sort_values("when").reset_index(drop=True)
    fig, ax = _figure(height=1.5 + 0.3 * len(data))
    markers = {"year": "s", "month": "o", "day": "D"}
    for precision, marker in markers.items():
        rows = data[data["precision"] == precision]
        ax.scatter(rows["when"], rows.index, marker=marker, color="#0072B2", label=f"{precision} precision")
    for row in data.itertuples():
        ax.annotate(
            f"{row.date}  {str(row.event)[:48]}",
            (row.when, row.Index),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
        )
    ax.set_yticks([])
    ax.set_xlabel("year")
    span = (data["when"].min(), data["when"].max()) if len(data) else (2000, 2030)
    ax.set_xlim(span[0] - 1, span[1] + (span[1] - span[0]) * 0.6 + 2)
    ax.set_title("Dated events mentioned in the articles")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3)
    ax.invert_yaxis()
    return fig


def _decimal_year(value: str) -> float:
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 1:
        return parts[0] + 0.5
    if len(parts) == 2:
        return parts[0] + (parts[1] - 0.5) / 12
    return parts[0] + (parts[1] - 1) / 12 + (parts[2] - 0.5) / 365
