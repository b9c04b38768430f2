"""Agreement and accuracy statistics (computed here: the krippendorff package is GPL)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence

import numpy as np


def precision_recall_f1(true_positives: int, predicted: int, actual: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0 where undefined)."""
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def binary_scores(gold: Sequence[bool], predicted: Sequence[bool]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the positive class."""
    pairs = list(zip(gold, predicted, strict=True))
    true_positives = sum(1 for g, p in pairs if g and p)
    return precision_recall_f1(true_positives, sum(1 for _, p in pairs if p), sum(1 for g, _ in pairs if g))


def accuracy(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    """Share of items where the prediction equals gold."""
    pairs = list(zip(gold, predicted, strict=True))
    return sum(1 for g, p in pairs if g == p) / len(pairs) if pairs else 0.0


def macro_f1(
    gold: Sequence[Hashable], predicted: Sequence[Hashable], labels: Sequence[Hashable] | None = None
) -> float:
    """Unweighted mean of per-label F1 over the labels present in gold (or those given)."""
    labels = list(labels) if labels is not None else sorted(set(gold), key=str)
    scores = [binary_scores([g == label for g in gold], [p == label for p in predicted])[2] for label in labels]
    return float(np.mean(scores)) if scores else 0.0


def cohen_kappa(coder_a: Sequence[Hashable], coder_b: Sequence[Hashable]) -> float:
    """Cohen's kappa for two coders over the same items (1 when both agree on one label only)."""
    pairs = list(zip(coder_a, coder_b, strict=True))
    if not pairs:
        return float("nan")
    n = len(pairs)
    observed = sum(1 for a, b in pairs if a == b) / n
    counts_a, counts_b = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(counts_a[label] * counts_b[label] for label in counts_a) / (n * n)
    if expected == 1.0:
        return 1.0 if observed == 1.0 else 0.0
    return (observed - expected) / (1 - expected)


def krippendorff_alpha_nominal(units: Sequence[Sequence[Hashable | None]]) -> float:
    """Krippendorff's alpha for nominal data; units are items, each a list of coders' values (None = missing)."""
    coincidence: Counter[tuple[Hashable, Hashable]] = Counter()
    for unit in units:
        values = [value for value in unit if value is not None]
        m = len(values)
        if m < 2:
            continue
        for i, first in enumerate(values):
            for j, second in enumerate(values):
                if i != j:
                    coincidence[(first, second)] += 1 / (m - 1)
    if not coincidence:
        return float("nan")
    totals: Counter[Hashable] = Counter()
    for (first, _), weight in coincidence.items():
        totals[first] += weight
    n = sum(totals.values())
    observed_disagreement = sum(weight for (a, b), weight in coincidence.items() if a != b)
    expected_disagreement = sum(totals[a] * totals[b] for a in totals for b in totals if a != b) / (n - 1)
    if expected_disagreement == 0:
        return 1.0
    return 1 - observed_disagreement / expected_disagreement


def bootstrap_means(values: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Bootstrap means of each column of a 2-D array, resampling its rows: shape (n_boot, columns)."""
    picks = rng.integers(0, len(values), size=(n_boot, len(values)))
    return values[picks].mean(axis=1)


def bootstrap_ci(
    values: Sequence[float] | np.ndarray, n_boot: int = 1000, seed: int = 0, level: float = 0.95
) -> tuple[float, float, float]:
    """Mean of values with a percentile bootstrap confidence interval (resampling items)."""
    data = np.asarray(values, dtype=float)
    if data.size == 0:
        return float("nan"), float("nan"), float("nan")
    samples = bootstrap_means(data[:, None], n_boot, np.random.default_rng(seed))[:, 0]
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(samples, [tail, 100 - tail])
    return float(data.mean()), float(low), float(high)


def roc_auc(gold: Sequence[bool], scores: Sequence[float]) -> float:
    """Area under the ROC curve of scores for a binary gold (ties count half; nan without both classes)."""
    truth = np.asarray(gold, dtype=bool)
    values = np.asarray(scores, dtype=float)
    positives, negatives = int(truth.sum()), int((~truth).sum())
    if len(truth) != len(values):
        raise ValueError("gold and scores differ in length")
    if not positives or not negatives:
        return float("nan")
    # Mann-Whitney: the mean rank of the positives, with tied scores sharing their average rank.
    order = np.argsort(values, kind="stable")
    ranks = np.empty(len(values), dtype=float)
    sorted_values = values[order]
    starts = np.flatnonzero(np.r_[True, sorted_values[1:] != sorted_values[:-1]])
    ends = np.r_[starts[1:], len(values)]
    for start, end in zip(starts, ends, strict=True):
        ranks[order[start:end]] = (start + end + 1) / 2
    return float((ranks[truth].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def pearson(x: Sequence[float], y: Sequence[float]) -> float:
    """Pearson correlation (nan when either side is constant)."""
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if a.size < 2 or a.std() == 0 or b.std() == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1])


def cluster_bootstrap_ratios(
    numerators: np.ndarray, denominators: np.ndarray, n_boot: int, rng: np.random.Generator
) -> np.ndarray:
    """Bootstrap ratios of sums, resampling clusters (rows): shape (n_boot, columns).

    numerators is (clusters, columns), denominators (clusters,) or (clusters, columns): with articles as clusters and
    sentences counted inside them, a share's interval reflects that sentences of one article are
    not independent (resampling sentences gives intervals about half as wide on real news).
    """
    numerators = np.asarray(numerators, dtype=float)
    denominators = np.asarray(denominators, dtype=float)
    n = len(denominators)
    if numerators.ndim == 1:
        numerators = numerators[:, None]
    if n == 0:
        return np.full((n_boot, numerators.shape[1]), np.nan)
    results = np.empty((n_boot, numerators.shape[1]))
    chunk = max(1, 2_000_000 // n)  # bounded memory: picks for `chunk` resamples at a time
    for first in range(0, n_boot, chunk):
        size = min(chunk, n_boot - first)
        picks = rng.integers(0, n, size=(size, n))
        weights = np.bincount((picks + np.arange(size)[:, None] * n).ravel(), minlength=size * n).reshape(size, n)
        totals = weights @ denominators
        if totals.ndim == 1:
            totals = totals[:, None]
        with np.errstate(invalid="ignore", divide="ignore"):
            results[first : first + size] = (weights @ numerators) / totals
    return results


def percentile_interval(samples: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval of bootstrap samples along the first axis (NaN resamples ignored)."""
    tail = (1 - level) / 2 * 100
    if samples.size == 0 or np.isnan(samples).all():
        nan = np.full(samples.shape[1:], np.nan)
        return nan, nan
    low, high = np.nanpercentile(samples, [tail, 100 - tail], axis=0)
    return low, high
