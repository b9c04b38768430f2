"""Plot functions for the notebooks: each takes an aggregated table and returns a matplotlib Figure.

Every figure has a bounded size whatever the corpus (aggregates, top N with an "other" row, small
multiples), draws a short notice instead of failing on an empty table, and escapes text from the
data so that a "$8.5 billion" never starts mathtext.
"""

from __future__ import annotations

import math
import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from climadiplo.annotate.frames import FRAMES
from climadiplo.present.figures import FRAME_COLORS, escape_text, use_style

ROLE_COLORS = {"narration": "#999999", "question": "#E69F00", "answer": "#0072B2"}
CLAIM_COLORS = {"factual": "#0072B2", "evaluative": "#E69F00", "predictive": "#009E73", "prescriptive": "#CC79A7"}
VOICE_COLORS = {"narration": "#999999", "speaker": "#0072B2", "other": "#56B4E9", "unknown": "#D55E00"}
OTHER_COLOR = "#BBBBBB"
MAX_ROWS = 30  # rows of one bar chart; callers pass top-N tables, this is the last guard
MAX_PANELS = 6
ROW_INCHES = 0.32


def _figure(height: float = 4.0, width: float = 7.0, ncols: int = 1, **kwargs) -> tuple[Figure, object]:
    use_style()
    return plt.subplots(1, ncols, figsize=(width, min(max(height, 2.2), 9.0)), **kwargs)


def _label(text, width: int = 40) -> str:
    """A row label: whole words, shortened with an ellipsis, escaped for drawing."""
    return escape_text(textwrap.shorten(" ".join(str(text).split()), width=width, placeholder="…") or "—")


def _empty(ax, message: str) -> None:
    ax.text(0.5, 0.5, escape_text(message), ha="center", va="center", transform=ax.transAxes, color="#666666")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)


def _percent_limit(high: pd.Series) -> float:
    """An axis that fits the data (real news shares are 2–20%), with room for the labels."""
    top = float(np.nanmax(high.to_numpy(dtype=float))) * 100 if len(high) and high.notna().any() else 10.0
    step = 2 if top < 16 else 5
    return min(100.0, max(4.0, math.ceil(top * 1.2 / step) * step))


def empty_figure(title: str, message: str) -> Figure:
    """A small figure that says why there is nothing to show."""
    fig, ax = _figure(height=2.2)
    ax.set_title(escape_text(title))
    _empty(ax, message)
    return fig


def corpus_overview(articles: pd.DataFrame, unit: str = "month", top_n: int = 6) -> Figure:
    """Articles per period stacked by outlet (top outlets, the rest as other) and the spread of article lengths."""
    fig, (left, right) = _figure(height=3.8, width=9.0, ncols=2, gridspec_kw={"width_ratios": [3, 2]})
    fig.suptitle("The corpus: articles over time and article lengths", fontweight="bold")
    dated = articles[articles[unit] != "undated"] if len(articles) else articles
    if dated.empty:
        _empty(left, "no publication dates")
    else:
        outlets = dated["outlet"].value_counts().sort_index().sort_values(ascending=False, kind="stable")
        kept = list(outlets.index[:top_n])
        grouped = dated.assign(outlet=dated["outlet"].where(dated["outlet"].isin(kept), "other"))
        table = grouped.groupby([unit, "outlet"]).size().unstack(fill_value=0)
        table = table.reindex(columns=[c for c in [*kept, "other"] if c in table.columns])
        x = np.arange(len(table))
        bottom = np.zeros(len(table))
        for column in table.columns:
            color = OTHER_COLOR if column == "other" else None
            left.bar(x, table[column], bottom=bottom, label=_label(column, 24), color=color, width=0.85)
            bottom += table[column].to_numpy()
        step = max(1, math.ceil(len(table) / 12))
        left.set_xticks(x[::step], [escape_text(v) for v in table.index[::step]], rotation=45, ha="right")
        left.set_ylabel("articles")
        left.set_title(f"articles per {unit}", fontsize=10)
        left.legend(fontsize=7, loc="upper left", bbox_to_anchor=(0.0, -0.3), ncol=4)  # below: never over the bars
    if articles.empty:
        _empty(right, "no articles")
    else:
        right.hist(articles["n_sentences"], bins=min(30, max(5, len(articles) // 5)), color="#0072B2")
        right.set_xlabel("sentences per article")
        right.set_ylabel("articles")
        right.set_title(
            f"{len(articles):,} articles, median {articles['n_sentences'].median():.0f} sentences", fontsize=10
        )
    return fig


def voice_shares(voices: pd.DataFrame, unknown_share: float | None = None) -> Figure:
    """Share of all words per voice (narrating voices, top speakers, other speakers, unknown speaker)."""
    data = voices.head(MAX_ROWS)
    fig, ax = _figure(height=1.3 + ROW_INCHES * len(data))
    title = "Who speaks: share of all words per voice"
    if unknown_share is not None:
        title += f" (unknown speaker: {unknown_share:.0%} of quotations)"
    ax.set_title(title)
    if data.empty:
        _empty(ax, "no words in this selection")
        return fig
    y = np.arange(len(data))
    colors = [VOICE_COLORS.get(kind, OTHER_COLOR) for kind in data["kind"]]
    ax.barh(y, data["share"] * 100, color=colors)
    for row, (share, words, quotes) in enumerate(zip(data["share"], data["words"], data["n_quotes"], strict=True)):
        note = f"{share:.1%} · {words:,} words" + (f" · {quotes} quote{'s' if quotes != 1 else ''}" if quotes else "")
        ax.annotate(note, (share * 100, row), xytext=(3, 0), textcoords="offset points", va="center", fontsize=7)
    ax.set_yticks(y, [_label(v, 32) for v in data["voice"]])
    ax.set_xlim(0, min(100, float(data["share"].max()) * 100 * 1.45 + 1))
    ax.set_xlabel("share of all words in the selection (%)")
    ax.invert_yaxis()
    return fig


def claim_types(shares: pd.DataFrame, group: str) -> Figure:
    """Share of statements by claim type per group (top groups, the rest as other), 100% stacked bars."""
    data = shares.head(MAX_ROWS)
    fig, ax = _figure(height=1.5 + ROW_INCHES * len(data))
    ax.set_title("What kind of claims the articles make")
    if data.empty:
        _empty(ax, "no statements in this selection")
        return fig
    y = np.arange(len(data))
    left = np.zeros(len(data))
    for claim, color in CLAIM_COLORS.items():
        values = data[claim].to_numpy(dtype=float) * 100 if claim in data else np.zeros(len(data))
        ax.barh(y, values, left=left, color=color, label=claim)
        left += values
    labels = [f"{_label(g, 28)} (n={n:,})" for g, n in zip(data[group], data["n_statements"], strict=True)]
    ax.set_yticks(y, labels)
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of statements (%), questions excluded")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=4, fontsize=8)
    ax.invert_yaxis()
    return fig


def position_profile(profile: pd.DataFrame, title: str, ylabel: str, colors: dict | None = None) -> Figure:
    """A mean along the article (tenths of its length) with its 95% CI band, one line per variable."""
    fig, ax = _figure(height=3.6)
    ax.set_title(escape_text(title))
    if profile.empty or profile["mean"].isna().all():
        _empty(ax, "no sentences in this selection")
        return fig
    percent = colors is not None
    scale = 100 if percent else 1
    for variable, rows in profile.groupby("variable", sort=False):
        color = (colors or {}).get(variable, "#0072B2")
        ax.plot(rows["position"], rows["mean"] * scale, color=color, label=escape_text(variable), marker="o", ms=3)
        ax.fill_between(rows["position"], rows["ci_low"] * scale, rows["ci_high"] * scale, color=color, alpha=0.18)
    if not percent:
        ax.axhline(0, color="#666666", linewidth=0.8)
    else:
        ax.set_ylim(0, _percent_limit(profile["ci_high"]))
    ax.set_xlim(0, 1)
    ax.set_xlabel("position in the article (0 = start, 1 = end), tenths")
    ax.set_ylabel(ylabel)
    if percent:
        ax.legend(loc="upper right", fontsize=8)
    return fig


def actor_sentiment(summary: pd.DataFrame, top: int = 12) -> Figure:
    """Mean tone towards each actor (its mentions' tone), with the number of sentences behind each bar."""
    data = summary.head(min(top, MAX_ROWS)).iloc[::-1]
    fig, ax = _figure(height=1.2 + ROW_INCHES * len(data))
    ax.set_title("Tone towards each actor where it is mentioned")
    if data.empty:
        _empty(ax, "no actor named often enough in this selection")
        return fig
    y = np.arange(len(data))
    colors = ["#D55E00" if value < 0 else "#0072B2" for value in data["mean_sentiment"]]
    ax.barh(y, data["mean_sentiment"], color=colors)
    for row, (value, count) in enumerate(zip(data["mean_sentiment"], data["n_sentences"], strict=True)):
        ax.annotate(
            f"n={count}",
            (value, row),
            xytext=(4 if value >= 0 else -4, 0),
            textcoords="offset points",
            ha="left" if value >= 0 else "right",
            va="center",
            fontsize=8,
        )
    ax.set_yticks(y, [_label(a, 30) for a in data["actor"]])
    ax.axvline(0, color="#666666", linewidth=0.8)
    ax.set_xlim(-1, 1)
    ax.set_xlabel("mean tone towards the actor in its mentions (−1 to 1)")
    return fig


def frame_shares(shares: pd.DataFrame, group: str, title: str) -> Figure:
    """Frame shares per group with 95% CIs, frames in their fixed colours, the n behind each group."""
    groups = list(dict.fromkeys(shares[group]))[:MAX_ROWS] if len(shares) else []
    fig, ax = _figure(height=1.6 + 0.42 * len(groups))
    ax.set_title(escape_text(title))
    if not groups:
        _empty(ax, "no sentences in this selection")
        return fig
    height = 0.8 / len(FRAMES)
    for index, frame in enumerate(FRAMES):
        rows = shares[shares["frame"] == frame].set_index(group).reindex(groups)[["share", "ci_low", "ci_high"]]
        rows = rows.astype(float)
        y = np.arange(len(groups)) + (index - 1) * height
        errors = np.nan_to_num(
            np.vstack([(rows["share"] - rows["ci_low"]) * 100, (rows["ci_high"] - rows["share"]) * 100]).clip(min=0)
        )
        ax.barh(
            y,
            rows["share"] * 100,
            height=height,
            color=FRAME_COLORS[frame],
            label=frame,
            xerr=errors,
            error_kw={"elinewidth": 0.8, "capsize": 2, "ecolor": "#333333"},
        )
    first = shares.drop_duplicates(group).set_index(group).reindex(groups)
    count = "n_articles" if "n_articles" in first else "n_sentences"
    unit = "art." if count == "n_articles" else "sent."
    labels = [f"{_label(g, 30)} ({int(n):,} {unit})" for g, n in zip(groups, first[count].fillna(0), strict=True)]
    ax.set_yticks(np.arange(len(groups)), labels)
    ax.set_xlim(0, _percent_limit(shares["ci_high"]))
    ax.set_xlabel("share of sentences with the frame (%), 95% CI")
    ax.legend(loc="lower right", fontsize=8)
    ax.invert_yaxis()
    return fig


def frame_lines(shares: pd.DataFrame, period: str, title: str, ax=None) -> Figure:
    """Frame shares over periods with their 95% CI bands (one line per frame)."""
    fig, ax = _figure(height=3.8) if ax is None else (ax.figure, ax)
    ax.set_title(escape_text(title), fontsize=11 if ax is None else 9)
    data = shares[shares[period] != "undated"] if len(shares) else shares
    periods = sorted(data[period].unique()) if len(data) else []
    if not periods:
        _empty(ax, "no dated articles in this selection")
        return fig
    x = np.arange(len(periods))
    for frame in FRAMES:
        rows = data[data["frame"] == frame].set_index(period).reindex(periods)[["share", "ci_low", "ci_high"]]
        rows = rows.astype(float)
        ax.plot(x, rows["share"] * 100, color=FRAME_COLORS[frame], label=frame, marker="o", ms=3)
        ax.fill_between(x, rows["ci_low"] * 100, rows["ci_high"] * 100, color=FRAME_COLORS[frame], alpha=0.15)
    step = max(1, math.ceil(len(periods) / 12))
    ax.set_xticks(x[::step], [escape_text(p) for p in periods[::step]], rotation=45, ha="right", fontsize=8)
    ax.set_ylim(0, _percent_limit(data["ci_high"]))
    ax.set_ylabel("share of sentences (%)")
    ax.legend(loc="upper left", fontsize=7, ncol=3)
    return fig


def frame_small_multiples(shares: pd.DataFrame, panel: str, period: str, title: str) -> Figure:
    """One small panel per group (the largest few), frame shares over periods in each."""
    panels = list(dict.fromkeys(shares[panel]))[:MAX_PANELS] if len(shares) else []
    ncols = min(3, max(1, len(panels)))
    nrows = max(1, math.ceil(len(panels) / ncols))
    use_style()
    fig, axes = plt.subplots(nrows, ncols, figsize=(9.0, 0.6 + 2.6 * nrows), squeeze=False, sharey=True)
    fig.suptitle(escape_text(title), fontweight="bold")
    for ax in axes.ravel()[len(panels) :]:
        ax.axis("off")
    if not panels:
        _empty(axes[0, 0], "no dated articles in this selection")
        return fig
    for ax, name in zip(axes.ravel(), panels, strict=False):
        frame_lines(shares[shares[panel] == name], period, _label(name, 30), ax=ax)
        ax.set_ylabel("")
        legend = ax.get_legend()
        if legend is not None and ax is not axes.ravel()[0]:
            legend.remove()
    fig.tight_layout()
    return fig


def co_mention_network(pairs: pd.DataFrame, counts: pd.DataFrame, top: int = 14) -> Figure:
    """Actors on a circle, linked when named in the same sentence (line width = shared sentences)."""
    actors = counts.head(min(top, MAX_ROWS))["actor"].tolist()
    fig, ax = _figure(height=6.0, width=7.5)
    ax.set_title("Actors named together (node size and line width: sentences)")
    if not actors:
        _empty(ax, "no actors named in this selection")
        return fig
    angles = np.linspace(0, 2 * math.pi, num=len(actors), endpoint=False) + math.pi / 2
    position = {actor: (math.cos(a), math.sin(a)) for actor, a in zip(actors, angles, strict=True)}
    shown = pairs[pairs["actor_a"].isin(actors) & pairs["actor_b"].isin(actors)]
    widest = max(int(shown["n_sentences"].max()), 1) if len(shown) else 1
    for pair in shown.itertuples():
        (x1, y1), (x2, y2) = position[pair.actor_a], position[pair.actor_b]
        ax.plot([x1, x2], [y1, y2], color="#56B4E9", linewidth=0.5 + 5 * pair.n_sentences / widest, alpha=0.6, zorder=1)
    sizes = counts.set_index("actor").loc[actors, "n_sentences"].to_numpy(dtype=float)
    largest = max(sizes.max(), 1)
    for actor, size in zip(actors, sizes, strict=True):
        x, y = position[actor]
        ax.scatter([x], [y], s=30 + 400 * size / largest, color="#0072B2", zorder=2)
        # Labels sit outside the circle, aligned away from it, so neighbours do not overlap.
        ha = "left" if x > 0.2 else "right" if x < -0.2 else "center"
        ax.annotate(
            f"{_label(actor, 24)} ({int(size)})", (x, y), xytext=(1.13 * x, 1.13 * y), ha=ha, va="center", fontsize=8
        )
    ax.set_xlim(-1.9, 1.9)
    ax.set_ylim(-1.3, 1.3)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig


def _weighted_quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    """The linear-interpolation quantile of values repeated weights times (numpy's default), without repeating them."""
    order = np.argsort(values, kind="stable")
    values, ends = values[order], np.cumsum(weights[order])
    index = (ends[-1] - 1) * q
    low = int(np.floor(index))
    below = values[np.searchsorted(ends, low, side="right")]
    above = values[np.searchsorted(ends, min(low + 1, ends[-1] - 1), side="right")]
    # numpy's own interpolation between the two neighbours, so the bounds equal those of the long form
    return float(np.quantile(np.array([below, above], dtype=float), index - low))


def timeline(events: pd.DataFrame, top_n: int = 10, detail_limit: int = 30) -> Figure:
    """Dated events: each on a time axis when there are few, else counted per year with the most cited named.

    events is the events table or its ``aggregates.event_counts`` (one row per event, date and
    precision, with its number of mentions ``n``): the figure needs no more than those counts.
    """
    data = events.assign(n=events["n"]) if "n" in events.columns else events.assign(n=1)
    data["when"] = data["date"].map(_decimal_year)
    data = data.dropna(subset=["when"])
    total = int(data["n"].sum())
    if total <= detail_limit:
        data = data.loc[data.index.repeat(data["n"])]
        data = data.sort_values(["when", "event"]).reset_index(drop=True)
        fig, ax = _figure(height=1.6 + 0.26 * len(data))
        ax.set_title("Dated events mentioned in the articles")
        if data.empty:
            _empty(ax, "no dated events in this selection")
            return fig
        markers = {"year": "s", "month": "o", "day": "D"}
        for precision, marker in markers.items():
            rows = data[data["precision"] == precision]
            ax.scatter(rows["when"], rows.index, marker=marker, color="#0072B2", label=f"{precision} precision")
        for row in data.itertuples():
            ax.annotate(
                f"{row.date}  {_label(row.event, 44)}",
                (row.when, row.Index),
                xytext=(6, 0),
                textcoords="offset points",
                va="center",
                fontsize=7,
            )
        span = (data["when"].min(), data["when"].max())
        ax.set_xlim(span[0] - 1, span[1] + (span[1] - span[0]) * 0.8 + 3)
        ax.set_yticks([])
        ax.set_xlabel("year")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=3, fontsize=8)
        ax.invert_yaxis()
        return fig
    fig, (left, right) = _figure(height=4.2, width=10.0, ncols=2, gridspec_kw={"width_ratios": [3, 2]})
    fig.suptitle(f"{total:,} dated events mentioned in the articles", fontweight="bold")
    years = data["when"].astype(int)
    counts = data["n"].groupby(years).sum().sort_index()
    left.bar(counts.index, counts.to_numpy(), color="#0072B2", width=0.8)
    # a few far-off years must not squeeze the bulk into one bar
    weights = data["n"].to_numpy()
    low, high = (_weighted_quantile(years.to_numpy(), weights, q) for q in (0.01, 0.99))
    left.set_xlim(low - 1.5, high + 1.5)
    outside = int(data.loc[(years < low) | (years > high), "n"].sum())
    left.set_xlabel("year the event is dated to" + (f" ({outside} outside the range shown)" if outside else ""))
    left.set_ylabel("mentions")
    # The dates most referred to, each named by its most frequent description ("COP21", "last year").
    named = data.groupby(["date", "event"])["n"].sum().reset_index()
    named = named.sort_values(["date", "n", "event"], ascending=[True, False, True]).drop_duplicates("date")
    cited = data.groupby("date")["n"].sum().rename("total").reset_index().merge(named[["date", "event"]], on="date")
    cited = cited.sort_values(["total", "date"], ascending=[False, True]).head(top_n).iloc[::-1]
    y = np.arange(len(cited))
    right.barh(y, cited["total"], color="#0072B2")
    labels = [f"{d}: {_label(e, 26)}" for d, e in zip(cited["date"], cited["event"], strict=True)]
    right.set_yticks(y, labels, fontsize=7)
    right.set_xlabel("mentions")
    right.set_title(f"the {len(cited)} dates most referred to", fontsize=9)
    fig.tight_layout()
    return fig


def _decimal_year(value) -> float:
    try:
        parts = [int(p) for p in str(value).split("-")]
    except ValueError:
        return float("nan")
    if not parts or not 1 <= parts[0] <= 9999:
        return float("nan")
    if len(parts) == 1:
        return parts[0] + 0.5
    if len(parts) == 2:
        return parts[0] + (parts[1] - 0.5) / 12
    return parts[0] + (parts[1] - 1) / 12 + (parts[2] - 0.5) / 365
