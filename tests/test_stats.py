"""Agreement statistics against published worked examples."""

from __future__ import annotations

import math

import numpy as np
import pytest

from climadiplo.analyse.stats import (
    bootstrap_ci,
    bootstrap_means,
    cluster_bootstrap_ratios,
    cohen_kappa,
    krippendorff_alpha_nominal,
    macro_f1,
    pearson,
    percentile_interval,
)


def test_cohen_kappa_wikipedia_example():
    # Wikipedia "Cohen's kappa": 50 proposals, 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no -> kappa = 0.4.
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_krippendorff_alpha_nominal_worked_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", 4 coders x 12 units, nominal alpha = 0.743.
    coders = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    ]
    units = list(zip(*coders, strict=True))
    assert krippendorff_alpha_nominal(units) == pytest.approx(0.743, abs=0.0005)


def test_perfect_and_chance_agreement():
    assert cohen_kappa([1, 0, 1, 0], [1, 0, 1, 0]) == 1.0
    assert cohen_kappa([1, 1, 0, 0], [1, 0, 1, 0]) == pytest.approx(0.0)
    assert krippendorff_alpha_nominal([(1, 1), (0, 0), (1, 1)]) == 1.0


def test_macro_f1_and_pearson():
    assert macro_f1(["a", "a", "b"], ["a", "b", "b"]) == pytest.approx((2 / 3 + 2 / 3) / 2)
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert math.isnan(pearson([1, 1, 1], [1, 2, 3]))


def test_bootstrap_is_seeded_and_brackets_the_mean():
    values = [0, 1] * 50
    first, second = bootstrap_ci(values, n_boot=1000, seed=7), bootstrap_ci(values, n_boot=1000, seed=7)
    assert first == second
    mean, low, high = first
    assert low < mean == 0.5 < high
    assert low > 0.35 and high < 0.65  # the standard error of a proportion of 0.5 over 100 items is 0.05


def _correlated_corpus(n_articles: int, n_sentences: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Articles whose sentences share one frame (all or none): (article of each sentence, sentence labels)."""
    rng = np.random.default_rng(seed)
    framed = rng.random(n_articles) < 0.3
    article = np.repeat(np.arange(n_articles), n_sentences)
    return article, np.repeat(framed, n_sentences).astype(float)


def _widths(article: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    rng = np.random.default_rng(0)
    sums = np.bincount(article, weights=labels)
    sizes = np.bincount(article).astype(float)
    clustered = cluster_bootstrap_ratios(sums, sizes, 2000, rng)[:, 0]
    per_sentence = bootstrap_means(labels[:, None], 2000, rng)[:, 0]
    width = lambda samples: float(np.subtract(*np.percentile(samples, [97.5, 2.5])))  # noqa: E731
    return width(clustered), width(per_sentence)


def test_article_resampling_widens_intervals_when_sentences_of_an_article_agree():
    article, labels = _correlated_corpus(60, 20, seed=4)
    clustered, per_sentence = _widths(article, labels)
    # Design effect 1 + (20 - 1) * 1 = 20: the honest interval is about sqrt(20) = 4.5 times wider.
    assert clustered > 3 * per_sentence


def test_article_resampling_matches_sentence_resampling_when_sentences_are_independent():
    rng = np.random.default_rng(5)
    article = np.repeat(np.arange(60), 20)
    labels = (rng.random(article.size) < 0.3).astype(float)
    clustered, per_sentence = _widths(article, labels)
    assert 0.75 < clustered / per_sentence < 1.33


def test_cluster_bootstrap_is_a_ratio_of_sums_and_reproducible():
    numerators = np.array([[1.0, 0.0], [3.0, 2.0], [0.0, 4.0]])
    sizes = np.array([2.0, 6.0, 4.0])
    first = cluster_bootstrap_ratios(numerators, sizes, 300, np.random.default_rng(9))
    again = cluster_bootstrap_ratios(numerators, sizes, 300, np.random.default_rng(9))
    assert first.shape == (300, 2) and np.array_equal(first, again)
    assert ((first >= 0) & (first <= 1)).all()
    # A resample that draws every article once gives the pooled share: sum of numerators / sum of sizes.
    assert np.isclose(np.median(first[:, 0]), 4 / 12, atol=0.12)
    low, high = percentile_interval(first)
    assert (low <= high).all()
    assert np.isnan(cluster_bootstrap_ratios(np.zeros((0, 2)), np.zeros(0), 10, np.random.default_rng(0))).all()
