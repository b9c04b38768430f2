"""Sentences of reading computed from the data: the biggest frame, the largest change, the group that differs most."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

import pandas as pd

MIN_ARTICLES = 2  # articles a group needs for an interval: resampling one article gives it a width of zero


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
    if rows.empty or ("n_sentences" in rows and rows["n_sentences"].max() == 0):
        # not "no cue": with no sentence at all, the filters (an actor no sentence names) left nothing to read
        return f"No {what} in this selection: its filters (actors, outlets, dates) match none."
    if rows["share"].max() == 0:
        return f"No {what} in this selection carry a cooperation, competition or conflict cue."
    ordered = rows.sort_values(["share", "frame"], ascending=[False, True])
    top = ordered.iloc[0]
    # Frames are not exclusive (a sentence can carry two): every frame at the top share is named, not the first.
    tied = ordered[(ordered["share"] - top["share"]).abs() < 1e-9]
    others = ", ".join(f"{r.frame} {_pct(r.share)}" for r in rows.itertuples() if r.frame not in set(tied["frame"]))
    n = f"{int(top['n_articles']):,} articles, {int(top['n_sentences']):,} {what}" if "n_articles" in top else ""
    rough = " With so few articles the interval is only a rough guide." if top.get("n_articles", 99) < 10 else ""
    if len(tied) > 1:
        names = " and ".join([", ".join(tied["frame"].iloc[:-1]), tied["frame"].iloc[-1]])
        intervals = "; ".join(f"{r.frame} {_interval(r.ci_low, r.ci_high)}" for r in tied.itertuples())
        rest = f"; {others}" if others else ""
        return (
            f"The most common frames are {names}, tied at {_pct(top['share'])} of {what} "
            f"({intervals}, articles resampled; {n}){rest}.{rough}"
        )
    return (
        f"The most common frame is {top['frame']}: {_pct(top['share'])} of {what} "
        f"({_interval(top['ci_low'], top['ci_high'])}, articles resampled; {n}); {others}.{rough}"
    )


def _too_few(*n_articles: int) -> bool:
    return min(int(n) for n in n_articles) < MIN_ARTICLES


def _verdict(row) -> str:
    if _too_few(row["n_articles_a"], row["n_articles_b"]):
        return "with one article on a side there is no interval, so no telling it from the noise"
    if pd.isna(row["ci_low"]) or row["ci_low"] <= 0 <= row["ci_high"]:
        return "an interval that includes no change, so within the noise"
    return "an interval that excludes no change"


def _difference_interval(row, group: str = "group") -> str:
    if _too_few(row["n_articles_a"], row["n_articles_b"]):
        return f"one article per {group}: no interval"
    return _interval(row["ci_low"], row["ci_high"], True)


def largest_change(change: dict | None, unit: str) -> str:
    """The largest change in a frame's share between the first and last period, with its interval."""
    if not change:
        return f"Too few {unit}s with enough articles to compare over time."
    direction = "rose" if change["difference"] > 0 else "fell"
    return (
        f"From {change['from']} to {change['to']} the {change['frame']} share {direction} by "
        f"{abs(change['difference']) * 100:.1f} points ({_difference_interval(change, unit)}; "
        f"{change['n_articles_b']} and {change['n_articles_a']} articles): {_verdict(change)}."
    )


def most_different(best: dict | None, by: str) -> str:
    """The group whose frame share differs most from every other article's, with its interval."""
    if not best:
        return f"Too few {by} groups with enough articles to compare."
    side = "more" if best["difference"] > 0 else "less"
    return (
        f"The {by} that differs most is {best['group']}: {abs(best['difference']) * 100:.1f} points {side} "
        f"{best['frame']} than the other articles ({_difference_interval(best)}; "
        f"{best['n_articles_a']} against {best['n_articles_b']} articles): {_verdict(best)}."
    )


def _sides_text(sides: Iterable[str] | None) -> str:
    names = sorted(str(side) for side in sides or ())
    if not names:
        return "two sides"
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"two of the sides {listed}" if len(names) > 2 else f"the sides {listed}"


def relationship_gap(overall: pd.DataFrame, relationship: pd.DataFrame, sides: Iterable[str] | None = None) -> str:
    """How the shares over relationship sentences compare with those over all sentences (naming the sides)."""
    where = _sides_text(sides)
    if relationship.empty or relationship["n_sentences"].max() == 0:
        return f"No sentence names actors of {where}, so the relationship itself is not measured here."
    merged = overall.merge(relationship, on="frame", suffixes=("_all", "_rel"))
    merged["gap"] = merged["share_rel"] - merged["share_all"]
    row = merged.loc[merged["gap"].abs().idxmax()]
    n = int(relationship["n_sentences"].iloc[0])
    n_articles = int(row["n_articles_rel"]) if "n_articles_rel" in row else MIN_ARTICLES
    if n_articles < MIN_ARTICLES:
        interval = "one article: no interval"
    else:
        interval = _interval(row["ci_low_rel"], row["ci_high_rel"])
    rough = " With so few articles the interval is only a rough guide." if MIN_ARTICLES <= n_articles < 10 else ""
    lead = f"In the {n:,} sentences" if n != 1 else "In the one sentence"
    return (
        f"{lead} that name{'s' if n == 1 else ''} actors of {where}, {row['frame']} is {_pct(row['share_rel'])} "
        f"({interval}) against {_pct(row['share_all'])} over all sentences: figures say which of the two they show."
        f"{rough}"
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
