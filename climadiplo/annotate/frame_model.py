"""Supervised frame classifier (TF-IDF n-grams + lexicon features, one-vs-rest logistic regression).

Trained on the seed gold (minus ``frames_unsure``) and the invented labelled sentences in
``data/annotations/``. A document that is in the training data is always labelled by a model
that did not see it (out-of-fold), so the seed tables never show in-sample labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from climadiplo.annotate.frames import FRAMES, score_sentence
from climadiplo.read.segment import neighbours
from climadiplo.resources import data_path

SEED = 0
CONTEXT_WEIGHT = 0.5  # neighbours in the same paragraph inform sentences with no cue of their own


@dataclass(frozen=True)
class TrainingSentence:
    """One labelled sentence with its neighbours' text (empty when it has none)."""

    group: str
    text: str
    previous: str
    following: str
    labels: tuple[bool, bool, bool]


def _lexicon_features(text: str) -> list[float]:
    scores = score_sentence(text).scores
    return [scores[frame] for frame in FRAMES]


def features(texts: list[str], previous: list[str], following: list[str]) -> np.ndarray:
    """Lexicon scores of each sentence and (down-weighted) of its neighbours."""
    rows = []
    for text, before, after in zip(texts, previous, following, strict=True):
        own = _lexicon_features(text)
        context = [
            CONTEXT_WEIGHT * (a + b) for a, b in zip(_lexicon_features(before), _lexicon_features(after), strict=True)
        ]
        rows.append(own + context)
    return np.asarray(rows, dtype=float)


def with_neighbours(sentences: pd.DataFrame) -> pd.DataFrame:
    """Add ``previous_text`` and ``next_text``: the neighbours of each sentence within its paragraph."""
    frame = sentences.sort_values(["doc_id", "sentence"]).copy()
    previous, following = [], []
    for _, document in frame.groupby("doc_id", sort=False):  # rows of a document are contiguous once sorted
        before, after = neighbours(document["text"].tolist(), document["paragraph"].tolist())
        previous += before
        following += after
    frame["previous_text"] = previous
    frame["next_text"] = following
    return frame


@cache
def training_sentences() -> tuple[TrainingSentence, ...]:
    """The documented training set: seed gold sentences (not unsure) and invented sentences."""
    gold = pd.read_json(data_path("annotations", "seed-gold", "sentences.jsonl"), lines=True)
    gold = with_neighbours(gold)
    gold = gold[~gold["frames_unsure"]]
    items = [
        TrainingSentence(
            row.doc_id, row.text, row.previous_text, row.next_text, tuple(bool(getattr(row, f)) for f in FRAMES)
        )
        for row in gold.itertuples()
    ]
    invented = pd.read_csv(data_path("annotations", "invented-sentences.csv"))
    items += [
        TrainingSentence("invented", row.text, "", "", tuple(bool(getattr(row, f)) for f in FRAMES))
        for row in invented.itertuples()
    ]
    return tuple(items)


class FrameClassifier:
    """One logistic regression per frame over TF-IDF word n-grams plus lexicon features."""

    def __init__(self, items: list[TrainingSentence]):
        from scipy.sparse import csr_matrix, hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self._hstack, self._csr = hstack, csr_matrix
        self.vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, lowercase=True)
        words = self.vectorizer.fit_transform([item.text for item in items])
        lexical = features([i.text for i in items], [i.previous for i in items], [i.following for i in items])
        matrix = hstack([words, csr_matrix(lexical)]).tocsr()
        self.models = []
        for index, _ in enumerate(FRAMES):
            target = np.array([item.labels[index] for item in items])
            model = LogisticRegression(C=4.0, class_weight="balanced", solver="liblinear", random_state=SEED)
            self.models.append(model.fit(matrix, target) if target.any() and not target.all() else None)

    def predict_proba(self, texts: list[str], previous: list[str], following: list[str]) -> np.ndarray:
        """Probability of each frame for each sentence (rows: sentences, columns: FRAMES)."""
        if not texts:
            return np.zeros((0, len(FRAMES)))
        matrix = self._hstack(
            [self.vectorizer.transform(texts), self._csr(features(texts, previous, following))]
        ).tocsr()
        columns = [
            model.predict_proba(matrix)[:, 1] if model is not None else np.zeros(len(texts)) for model in self.models
        ]
        return np.column_stack(columns)


@cache
def classifier_without(group: str | None) -> FrameClassifier:
    """A classifier trained on every training sentence except those of one document (None: all)."""
    return FrameClassifier([item for item in training_sentences() if item.group != group])


def training_groups() -> frozenset[str]:
    """Document ids present in the training data."""
    return frozenset(item.group for item in training_sentences())


def predict_document(doc_id: str, texts: list[str], previous: list[str], following: list[str]) -> np.ndarray:
    """Frame probabilities for one document's sentences, out-of-fold when the document was trained on."""
    model = classifier_without(doc_id if doc_id in training_groups() else None)
    return model.predict_proba(texts, previous, following)
