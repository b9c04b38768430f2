"""Agreement statistics against published worked examples."""

from __future__ import annotations

import math

import pytest

from climadiplo.analyse.stats import bootstrap_ci, cohen_kappa, krippendorff_alpha_nominal, macro_f1, pearson


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
