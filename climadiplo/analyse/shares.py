"""Frame shares by group, period, side and relationship, with intervals that resample articles.

Every function pools sentences of many articles, so every interval comes from a cluster
bootstrap over articles (``stats.cluster_bootstrap_ratios``): the sentences of one article share
its subject and author and are not independent draws. That bootstrap needs per-article sums only,
so the functions that read sentences come in two steps for big tables: a per-article step run on
chunks of whole articles (``group_counts``, ``claim_counts``, ``position_sums``) and one that
finishes from the concatenated per-article rows.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from climadiplo.analyse.aggregates import sentence_actors
from climadiplo.analyse.stats import cluster_bootstrap_ratios, percentile_interval
from climadiplo.annotate.frames import FRAMES

OTHER = "other"
ALL = "all sentences"
RELATIONSHIP = "relationship (two sides named)"
SHARE_COLUMNS = ["frame", "share", "ci_low", "ci_high", "n_articles", "n_sentences"]
N_POSITIONS = 10
CLAIM_TYPES = ("factual", "evaluative", "predictive", "prescriptive")
ARTICLE_GROUPS = ("outlet", "month", "year")  # groups of whole articles: the per-article counts serve them


def article_counts(sentences: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per article: sentences, sentences with each frame, and outlet/month/year when documents are given."""
    counts = sentences.groupby("doc_id", sort=True)[list(FRAMES)].sum().astype("int64")
    counts.insert(0, "n_sentences", sentences.groupby("doc_id", sort=True).size().astype("int64"))
    counts = counts.reset_index()
    if documents is not None:
        meta = documents[["doc_id", "outlet", "published"]]
        counts = meta.merge(counts, on="doc_id", how="inner")
        published = counts["published"].fillna("").astype(str)
        counts["year"] = published.str.slice(0, 4).where(published.str.fullmatch(r"\d{4}.*"), "undated")
        counts["month"] = published.str.slice(0, 7).where(published.str.fullmatch(r"\d{4}-\d{2}.*"), "undated")
        counts["outlet"] = counts["outlet"].fillna("").astype(str).replace("", "unknown outlet")
    return counts


def group_counts(sentences: pd.DataFrame, assignments: pd.DataFrame, group: str = "group") -> pd.DataFrame:
    """Per (article, group): sentences and framed sentences, from (doc_id, sentence, group) assignments."""
    joined = (
        assignments[["doc_id", "sentence", group]]
        .drop_duplicates()
        .merge(sentences[["doc_id", "sentence", *FRAMES]], on=["doc_id", "sentence"])
    )
    grouped = joined.groupby(["doc_id", group], sort=True)
    counts = grouped[list(FRAMES)].sum().astype("int64")
    counts.insert(0, "n_sentences", grouped.size().astype("int64"))
    return counts.reset_index()


def side_assignments(mentions: pd.DataFrame, sides: dict[str, list[str]] | tuple) -> pd.DataFrame:
    """(doc_id, sentence, side) for every sentence that names an actor of a side."""
    sides = dict(sides)
    member = {actor: side for side, actors in sides.items() for actor in actors}
    pairs = sentence_actors(mentions)
    pairs = pairs.assign(side=pairs["actor"].map(member)).dropna(subset=["side"])
    return pairs[["doc_id", "sentence", "side"]].drop_duplicates().reset_index(drop=True)


def relationship_assignments(mentions: pd.DataFrame, sides) -> pd.DataFrame:
    """(doc_id, sentence, group) for the sentences that name actors of at least two different sides."""
    by_side = side_assignments(mentions, sides)
    n_sides = by_side.groupby(["doc_id", "sentence"])["side"].nunique()
    both = n_sides[n_sides >= 2].reset_index()[["doc_id", "sentence"]]
    return both.assign(group=RELATIONSHIP)


def relationship_counts(sentences: pd.DataFrame, mentions: pd.DataFrame, sides) -> pd.DataFrame:
    """Per article: sentences naming actors of two sides, and the framed ones among them (group RELATIONSHIP)."""
    return group_counts(sentences, relationship_assignments(mentions, sides))


def side_counts(sentences: pd.DataFrame, mentions: pd.DataFrame, sides) -> pd.DataFrame:
    """Per (article, side): sentences naming an actor of the side, and the framed ones among them."""
    return group_counts(sentences, side_assignments(mentions, sides), "side")


def _bootstrap(counts: pd.DataFrame, n_boot: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    numerators = counts[list(FRAMES)].to_numpy(dtype=float)
    denominators = counts["n_sentences"].to_numpy(dtype=float)
    estimate = numerators.sum(axis=0) / denominators.sum() if denominators.sum() else np.full(len(FRAMES), np.nan)
    return estimate, cluster_bootstrap_ratios(numerators, denominators, n_boot, rng)


def merge_small_groups(
    counts: pd.DataFrame, by: str, top_n: int | None = None, min_count: int = 1, other: bool = True
) -> pd.DataFrame:
    """Keep the top_n groups by articles that have at least min_count articles; the rest become "other" (or go)."""
    articles = counts.groupby(by)["doc_id"].nunique().sort_index()
    ranked = articles[articles >= min_count].sort_values(ascending=False, kind="stable")
    kept = set(ranked.index[: top_n if top_n else None])
    if not other:
        return counts[counts[by].isin(kept)]
    merged = counts.assign(**{by: counts[by].where(counts[by].isin(kept), OTHER)})
    if merged[by].eq(OTHER).any():
        # An article counted under two merged groups counts once in "other".
        keys = ["doc_id", by]
        merged = merged.groupby(keys, sort=True)[["n_sentences", *FRAMES]].sum().reset_index()
    return merged


def group_shares(
    counts: pd.DataFrame,
    by: str | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    label: str = ALL,
    order: list | None = None,
) -> pd.DataFrame:
    """Frame shares per group (sum of framed sentences / sum of sentences) with article-resampled 95% CIs."""
    rng = np.random.default_rng(seed)
    column = by or "group"
    data = counts if by else counts.assign(group=label)
    groups = order if order is not None else sorted(data[column].unique(), key=_group_key)
    rows = []
    for group in groups:
        subset = data[data[column] == group]
        if subset.empty:
            continue
        estimate, boots = _bootstrap(subset, n_boot, rng)
        low, high = percentile_interval(boots)
        for index, frame in enumerate(FRAMES):
            rows.append(
                {
                    column: group,
                    "frame": frame,
                    "share": round(float(estimate[index]), 4),
                    "ci_low": round(float(low[index]), 4),
                    "ci_high": round(float(high[index]), 4),
                    "n_articles": int(subset["doc_id"].nunique()),
                    "n_sentences": int(subset["n_sentences"].sum()),
                }
            )
    return pd.DataFrame(rows, columns=[column, *SHARE_COLUMNS])


def _group_key(value) -> tuple:
    # "other" and "undated" after the real groups.
    return (str(value) in (OTHER, "undated", "unknown outlet"), str(value))


def differences(counts: pd.DataFrame, by: str, first, second, n_boot: int = 1000, seed: int = 0) -> pd.DataFrame:
    """Share(first) − share(second) per frame with a 95% CI; second may be None for "every other article"."""
    rng = np.random.default_rng(seed)
    a = counts[counts[by] == first]
    b = counts[counts[by] != first] if second is None else counts[counts[by] == second]
    b = b[~b["doc_id"].isin(a["doc_id"])] if second is None else b
    est_a, boots_a = _bootstrap(a, n_boot, rng)
    est_b, boots_b = _bootstrap(b, n_boot, rng)
    low, high = percentile_interval(boots_a - boots_b)
    return pd.DataFrame(
        {
            "frame": list(FRAMES),
            "difference": np.round(est_a - est_b, 4),
            "ci_low": np.round(low, 4),
            "ci_high": np.round(high, 4),
            "n_articles_a": a["doc_id"].nunique(),
            "n_articles_b": b["doc_id"].nunique(),
        }
    )


def most_different_group(
    counts: pd.DataFrame, by: str, min_count: int = 3, n_boot: int = 1000, seed: int = 0
) -> dict | None:
    """The group and frame whose share differs most from all other articles' (both with ≥ min_count articles)."""
    articles = counts.groupby(by)["doc_id"].nunique()
    eligible = [g for g in sorted(articles.index, key=_group_key) if articles[g] >= min_count and g != OTHER]
    best = None
    for group in eligible:
        if counts.loc[counts[by] != group, "doc_id"].nunique() < min_count:
            continue
        table = differences(counts, by, group, None, n_boot, seed)
        row = table.loc[table["difference"].abs().idxmax()]
        if best is None or abs(row["difference"]) > abs(best["difference"]):
            best = {"group": group, **row.to_dict()}
    return best


def largest_change(counts: pd.DataFrame, period: str, min_count: int = 3, n_boot: int = 1000, seed: int = 0):
    """The frame whose share changed most from the first to the last period with ≥ min_count articles."""
    articles = counts[counts[period] != "undated"].groupby(period)["doc_id"].nunique()
    periods = sorted(articles[articles >= min_count].index)
    if len(periods) < 2:
        return None
    table = differences(counts, period, periods[-1], periods[0], n_boot, seed)
    row = table.loc[table["difference"].abs().idxmax()]
    return {"from": periods[0], "to": periods[-1], **row.to_dict()}


def time_unit(counts: pd.DataFrame) -> str:
    """Months for a corpus spanning up to four years, else years (a readable number of points)."""
    months = counts.loc[counts["month"] != "undated", "month"]
    return "month" if months.nunique() <= 48 else "year"


def position_sums(sentences: pd.DataFrame, column: str | list[str], bins: int = N_POSITIONS) -> pd.DataFrame:
    """Per (article, tenth of the article): sentences and the sum of column(s) there (long form, whole articles)."""
    columns = [column] if isinstance(column, str) else list(column)
    data = sentences[["doc_id", "sentence", *columns]].copy()
    sizes = data.groupby("doc_id")["sentence"].transform("max").clip(lower=1)
    data["position"] = np.minimum((data["sentence"] / sizes * bins).astype(int), bins - 1)
    data[columns] = data[columns].astype(float)
    grouped = data.groupby(["doc_id", "position"])
    sums = grouped[columns].sum()
    sums.insert(0, "n", grouped.size())
    return sums.reset_index()


def position_profile(
    sentences: pd.DataFrame | Iterable[pd.DataFrame],
    column: str | list[str],
    n_boot: int = 1000,
    seed: int = 0,
    bins: int = N_POSITIONS,
) -> pd.DataFrame:
    """Mean of column(s) by relative position in the article (tenths), pooled over articles with a cluster CI.

    sentences is a table, or chunks of whole articles (read one at a time: only their sums are kept).
    """
    columns = [column] if isinstance(column, str) else list(column)
    parts = [sentences] if isinstance(sentences, pd.DataFrame) else list(sentences)
    sums = pd.concat([position_sums(part, columns, bins) for part in parts], ignore_index=True)
    rows = []
    if sums.empty:
        return pd.DataFrame(columns=["variable", "position", "mean", "ci_low", "ci_high", "n_articles"])
    rng = np.random.default_rng(seed)
    indexed = sums.set_index(["doc_id", "position"])
    counts = indexed["n"].unstack(fill_value=0).reindex(columns=range(bins), fill_value=0)
    for name in columns:
        values = indexed[name].unstack(fill_value=0.0).reindex(index=counts.index, columns=range(bins), fill_value=0.0)
        boots = cluster_bootstrap_ratios(values.to_numpy(), counts.to_numpy(dtype=float), n_boot, rng)
        low, high = percentile_interval(boots)
        totals = counts.sum(axis=0).to_numpy(dtype=float)
        with np.errstate(invalid="ignore", divide="ignore"):
            means = values.sum(axis=0).to_numpy() / totals
        for position in range(bins):
            rows.append(
                {
                    "variable": name,
                    "position": round((position + 0.5) / bins, 3),
                    "mean": round(float(means[position]), 4),
                    "ci_low": round(float(low[position]), 4),
                    "ci_high": round(float(high[position]), 4),
                    "n_articles": int((counts[position] > 0).sum()),
                }
            )
    return pd.DataFrame(rows)


def term_sensitivity(sentences: pd.DataFrame | Iterable[pd.DataFrame], n_terms: int = 10) -> pd.DataFrame:
    """Drop-one-term for the n most frequent lexicon terms: the corpus share and the largest article share moved.

    Only the articles where a term matched can change when it is dropped, so only those are scored
    again (the full table over every matched term took 105 s on 427 articles). sentences is a table
    or a re-iterable sequence of chunks of whole articles: a first pass counts the terms, a second
    scores again the articles where the chosen ones matched, so memory holds one chunk.
    """
    from climadiplo.analyse.framing import term_occurrences
    from climadiplo.annotate.frames import load_lexicon, score_document

    columns = ["frame", "term", "n_sentences", "share", "share_without", "change", "largest_article_change"]
    parts = [sentences] if isinstance(sentences, pd.DataFrame) else sentences
    if n_terms <= 0:
        return pd.DataFrame(columns=columns)
    lexicon = load_lexicon()
    frequency: dict[tuple[str, str], int] = {}
    framed = dict.fromkeys(FRAMES, 0)
    total = 0
    for part in parts:
        for key, doc_ids in term_occurrences(part, lexicon).items():
            frequency[key] = frequency.get(key, 0) + len(doc_ids)
        total += len(part)
        for frame in FRAMES:
            framed[frame] += int(part[frame].sum())
    if not total:
        return pd.DataFrame(columns=columns)
    chosen = sorted(frequency, key=lambda key: (-frequency[key], key))[:n_terms]
    without = {key: lexicon.without(*key) for key in chosen}
    moved, largest = dict.fromkeys(chosen, 0), dict.fromkeys(chosen, 0.0)
    for part in parts:
        where = {key: set(doc_ids) for key, doc_ids in term_occurrences(part, lexicon).items() if key in without}
        if not where:
            continue
        groups = dict(tuple(part.sort_values(["doc_id", "sentence"]).groupby("doc_id", sort=True)))
        for key in chosen:
            frame = key[0]
            for doc_id in sorted(where.get(key, ())):
                group = groups[doc_id]
                scored = score_document(group["text"].tolist(), group["paragraph"].tolist(), without[key])
                change = sum(bool(item.labels[frame]) for item in scored) - int(group[frame].sum())
                moved[key] += change
                if abs(change / len(group)) > abs(largest[key]):
                    largest[key] = change / len(group)
    rows = []
    for key in chosen:
        frame, term = key
        share = framed[frame] / total
        rows.append(
            {
                "frame": frame,
                "term": term,
                "n_sentences": frequency[key],
                "share": round(share, 4),
                "share_without": round(share + moved[key] / total, 4),
                "change": round(moved[key] / total, 4),
                "largest_article_change": round(largest[key], 4),
            }
        )
    return pd.DataFrame(rows, columns=columns)


def sentence_group_counts(
    sentences: pd.DataFrame, mentions: pd.DataFrame, quotes: pd.DataFrame, group_by: str, sides=()
) -> pd.DataFrame:
    """Per (article, group) counts for the groups that sentences belong to: side (of an actor named) or voice."""
    if group_by == "side":
        return side_counts(sentences, mentions, sides)
    if group_by == "voice":
        from climadiplo.analyse.framing import sentence_speakers

        voiced = sentence_speakers(sentences, quotes)[["doc_id", "sentence", "speaker_voice"]]
        return group_counts(sentences, voiced.rename(columns={"speaker_voice": "voice"}), "voice")
    raise ValueError(f"group_by {group_by!r}")


def counts_by(
    group_by: str,
    counts: pd.DataFrame,
    sentences: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    quotes: pd.DataFrame | None = None,
    sides=(),
) -> pd.DataFrame:
    """Per (article, group) counts for a group_by parameter: outlet, month, year, side or voice."""
    if group_by in ARTICLE_GROUPS:
        return counts
    return sentence_group_counts(sentences, mentions, quotes, group_by, sides)


def claim_counts(sentences: pd.DataFrame) -> pd.DataFrame:
    """Per article and claim type: statements (sentences with a claim type; questions have none)."""
    claims = sentences.loc[sentences["claim"].notna(), ["doc_id", "claim"]]
    return claims.groupby(["doc_id", "claim"], sort=True).size().rename("n").reset_index()


def claim_shares(sentences: pd.DataFrame, counts: pd.DataFrame, by: str, top_n: int, min_count: int) -> pd.DataFrame:
    """Share of statements per claim type per group (outlet, month or year of the article), top groups + other.

    sentences is the sentences table, or the concatenated per-article ``claim_counts`` of chunks.
    """
    per_article = sentences if "n" in sentences.columns and "text" not in sentences.columns else claim_counts(sentences)
    claims = per_article.merge(counts[["doc_id", by]], on="doc_id")
    columns = [by, *CLAIM_TYPES, "n_statements"]
    if claims.empty:
        return pd.DataFrame(columns=columns)
    articles = claims.groupby(by)["doc_id"].nunique()
    if by == "outlet":
        ranked = articles[articles >= min_count].sort_values(ascending=False, kind="stable")
        kept = set(ranked.index[:top_n])
        claims[by] = claims[by].where(claims[by].isin(kept), OTHER)
    statements = claims.groupby([by, "claim"])["n"].sum().unstack(fill_value=0)
    table = statements.div(statements.sum(axis=1), axis=0)
    table = table.reindex(columns=list(CLAIM_TYPES), fill_value=0.0).round(4)
    table["n_statements"] = claims.groupby(by)["n"].sum()
    table = table.reset_index()
    if by == "outlet":
        table = table.sort_values("n_statements", ascending=False, kind="stable")
        table = pd.concat([table[table[by] != OTHER], table[table[by] == OTHER]])
    else:
        table = table[table[by] != "undated"].tail(top_n * 3)
    return table[columns].reset_index(drop=True)
