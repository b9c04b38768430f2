"""Sentences of reading computed from the data: the biggest frame, the largest change, the group that differs most."""

from __future__ import annotations

import html
import re

import pandas as pd


def _pct(value: float) -> str:
    return f"{value:.1%}"


def _interval(low: float, high: float, signed: bool = False) -> str:
    if pd.isna(low) or pd.isna(high):
        return "no interval: too few articles"
    if signed:
        return f"95% CI {low * 100:+.1f} to {high * 100:+.1f} points"
    return f"95% CI {_pct(low)}–{_pct(high)}"


def biggest_frame(shares: pd.DataFrame, what: str = "sentences") -> str:
    """Which frame is the most common, with its interval and the n behind it."""
    rows = shares.dropna(subset=["share"])
    if rows.empty or rows["share"].max() == 0:
        return f"No {what} in this selection carry a cooperation, competition or conflict cue."
    top = rows.sort_values(["share", "frame"], ascending=[False, True]).iloc[0]
    others = ", ".join(f"{r.frame} {_pct(r.share)}" for r in rows.itertuples() if r.frame != top["frame"])
    n = f"{int(top['n_articles']):,} articles, {int(top['n_sentences']):,} {what}" if "n_articles" in top else ""
    rough = " With so few articles the interval is only a rough guide." if top.get("n_articles", 99) < 10 else ""
    return (
        f"The most common frame is {top['frame']}: {_pct(top['share'])} of {what} "
        f"({_interval(top['ci_low'], top['ci_high'])}, articles resampled; {n}); {others}.{rough}"
    )


def _verdict(row) -> str:
    if pd.isna(row["ci_low"]) or row["ci_low"] <= 0 <= row["ci_high"]:
        return "an interval that includes no change, so within the noise"
    return "an interval that excludes no change"


def largest_change(change: dict | None, unit: str) -> str:
    """The largest change in a frame's share between the first and last period, with its interval."""
    if not change:
        return f"Too few {unit}s with enough articles to compare over time."
    direction = "rose" if change["difference"] > 0 else "fell"
    return (
        f"From {change['from']} to {change['to']} the {change['frame']} share {direction} by "
        f"{abs(change['difference']) * 100:.1f} points ({_interval(change['ci_low'], change['ci_high'], True)}; "
        f"{change['n_articles_b']} and {change['n_articles_a']} articles): {_verdict(change)}."
    )


def most_different(best: dict | None, by: str) -> str:
    """The group whose frame share differs most from every other article's, with its interval."""
    if not best:
        return f"Too few {by} groups with enough articles to compare."
    side = "more" if best["difference"] > 0 else "less"
    return (
        f"The {by} that differs most is {best['group']}: {abs(best['difference']) * 100:.1f} points {side} "
        f"{best['frame']} than the other articles ({_interval(best['ci_low'], best['ci_high'], True)}; "
        f"{best['n_articles_a']} against {best['n_articles_b']} articles): {_verdict(best)}."
    )


def relationship_gap(overall: pd.DataFrame, relationship: pd.DataFrame) -> str:
    """How the shares over relationship sentences compare with those over all sentences."""
    if relationship.empty or relationship["n_sentences"].max() == 0:
        return "No sentence names actors of two different sides, so the relationship itself is not measured here."
    merged = overall.merge(relationship, on="frame", suffixes=("_all", "_rel"))
    merged["gap"] = merged["share_rel"] - merged["share_all"]
    row = merged.loc[merged["gap"].abs().idxmax()]
    n = int(relationship["n_sentences"].iloc[0])
    return (
        f"In the {n:,} sentences that name actors of two sides, {row['frame']} is {_pct(row['share_rel'])} "
        f"({_interval(row['ci_low_rel'], row['ci_high_rel'])}) against {_pct(row['share_all'])} over all sentences: "
        "figures say which of the two they show."
    )


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$])")


def escape_markdown(text: str) -> str:
    """Text from the data made inert in Markdown: no markup, no HTML, no MathJax ``$``."""
    # HTML first (as entities, which Markdown passes through), then Markdown's own punctuation.
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


def show(*sentences: str):
    """The sentences of reading as a Markdown paragraph each (escaped: outlet and actor names are data)."""
    from IPython.display import Markdown

    return Markdown("\n\n".join(escape_markdown(sentence) for sentence in sentences if sentence))
