"""A shipped linear classifier: a fixed vocabulary of named features, coefficients and intercepts (npz).

Scoring is vectorised per document (rows: sentences or mentions), without sklearn: a dictionary
look-up per feature, then one gather-and-sum per class, rather than a pipeline's per-call overhead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # scipy only for training's matrix(): importing it costs ~0.05 CPU s per process
    from scipy.sparse import csr_matrix

Features = dict[str, float]
MODELS_DIR = Path(__file__).resolve().parent / "models"


@dataclass(frozen=True)
class LinearModel:
    """Logistic-regression weights (binary, or one-vs-rest) over named features; ``classes`` order the columns."""

    vocabulary: dict[str, int]
    coef: np.ndarray  # (n_classes or 1, n_features)
    intercept: np.ndarray
    classes: tuple[int, ...]
    threshold: float

    def matrix(self, rows: Sequence[Features]) -> csr_matrix:
        """The sparse feature matrix of some rows (features outside the vocabulary are dropped)."""
        from scipy.sparse import csr_matrix

        indices, values, indptr = [], [], [0]
        vocabulary = self.vocabulary
        for row in rows:
            for name, value in row.items():
                column = vocabulary.get(name)
                if column is not None and value:
                    indices.append(column)
                    values.append(value)
            indptr.append(len(indices))
        return csr_matrix(
            (np.asarray(values, dtype=np.float64), np.asarray(indices, dtype=np.int64), indptr),
            shape=(len(rows), len(vocabulary)),
        )

    def logits(self, rows: Sequence[Features]) -> np.ndarray:
        """Linear scores (rows × classes, or × 1 for a binary model), gathered per class without a matrix."""
        names: list[str] = []
        values: list[float] = []
        counts = []
        for row in rows:
            names.extend(row)
            values.extend(row.values())
            counts.append(len(row))
        get = self.vocabulary.get
        columns = np.fromiter(map(get, names, repeat(-1)), dtype=np.int64, count=len(names))
        row_of = np.repeat(np.arange(len(rows)), counts)
        known = columns >= 0
        columns, row_of, weights = columns[known], row_of[known], np.asarray(values, dtype=np.float64)[known]
        out = np.empty((len(rows), self.coef.shape[0]))
        for k in range(self.coef.shape[0]):
            out[:, k] = np.bincount(row_of, weights=weights * self.coef[k, columns], minlength=len(rows))
        return out + self.intercept

    def probabilities(self, logits: np.ndarray) -> np.ndarray:
        """Class probabilities from linear scores (binary: columns for classes 0 and 1)."""
        positive = 1.0 / (1.0 + np.exp(-logits))
        if self.coef.shape[0] == 1:
            return np.column_stack([1.0 - positive[:, 0], positive[:, 0]])
        # One-vs-rest: each class's own probability, normalised over the classes (as scikit-learn does).
        return positive / positive.sum(axis=1, keepdims=True)

    def predict_proba(self, rows: Sequence[Features]) -> np.ndarray:
        """Class probabilities, one row per feature dict."""
        if not rows:
            return np.zeros((0, len(self.classes)))
        return self.probabilities(self.logits(rows))


def save_model(path: Path, vocabulary: Sequence[str], coef, intercept, classes, threshold: float) -> None:
    """Write a fitted model as a compressed npz (float32 weights: small, and exact enough to rank with)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path,
        vocabulary=np.asarray(list(vocabulary), dtype=str),
        coef=np.asarray(coef, dtype=np.float32),
        intercept=np.asarray(intercept, dtype=np.float32),
        classes=np.asarray(classes, dtype=np.int64),
        threshold=np.asarray(threshold, dtype=np.float64),
    )


@cache
def load_model(name: str) -> LinearModel:
    """Read a shipped model from ``annotate/models/<name>.npz``."""
    with np.load(MODELS_DIR / f"{name}.npz", allow_pickle=False) as data:
        # tolist() gives Python strings at once (str() of each numpy string costs ~0.05 s per process)
        terms = data["vocabulary"].tolist()
        vocabulary = dict(zip(terms, range(len(terms)), strict=True))
        return LinearModel(
            vocabulary,
            data["coef"].astype(np.float64),
            data["intercept"].astype(np.float64),
            tuple(int(c) for c in data["classes"]),
            float(data["threshold"]),
        )
