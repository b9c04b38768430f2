"""Learned frame classifier: TF-IDF word n-grams + lexicon scores (own and neighbours') + whether the sentence quotes.

One logistic regression per frame.

Trained by ``training/train_frames.py`` on the seed gold (minus ``frames_unsure``), the invented labelled
sentences (``data/annotations/invented-sentences.csv``), the hand-coded PolNeAR development sample
(``data/annotations/frames-dev/sample.csv``: codes only; the text is re-read from ``../shared/dev``) and the coded
training sheets beside it (``train-sample.csv``; ``train-coop.csv``, cooperation-rich; ``train-coop2.csv`` to
``train-coop10.csv``, one coder's nine sheets, two cooperation-rich and seven drawn like the sample). PolNeAR
(Newell, Margolin & Ruths, LREC 2018) has no licence file: the shipped model holds n-gram weights, no text.

The weights ship in ``models/frames.npz``: one model trained on everything, plus one per held-out group (each
seed article; each of the sample's document folds). A document that is in the training data is always labelled
by a model that did not see it (out-of-fold), so the seed tables and the sample never show in-sample labels.
Prediction needs no scikit-learn: the TF-IDF transform is re-implemented over the shipped vocabulary. The n-grams
are those of the lexicon's own words (``frames.frame_words``), so a sentence is tokenised once for both methods.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from itertools import chain, pairwise, repeat
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from climadiplo.annotate.frames import FRAMES, FrameScore, frame_words, score_sentence
from climadiplo.read.segment import neighbours

if TYPE_CHECKING:  # (pandas only for with_neighbours' callers: the tables command runs without it)
    import pandas as pd

SEED = 0
CONTEXT_WEIGHT = 0.5  # neighbours in the same paragraph inform sentences with no cue of their own
THRESHOLD = 0.5  # the models are fitted with balanced class weights, so 0.5 is the balanced decision point
MODEL_PATH = Path(__file__).resolve().parent / "models" / "frames.npz"
N_LEXICAL = 2 * len(FRAMES) + len(FRAMES) + 1  # own scores, own labels (score >= 1), neighbours' scores, quoted
_SEPARATOR = "\n"  # closes each sentence's words in FrameModel.tfidf (no vocabulary entry holds a line break)


@dataclass(frozen=True)
class TrainingSentence:
    """One labelled sentence with its neighbours' text (empty when it has none)."""

    group: str
    text: str
    previous: str
    following: str
    labels: tuple[bool, bool, bool]
    weight: float = 1.0  # relative to the other rows of its source (see training/train_frames.py SHEET_WEIGHTS)


def quoted(text: str) -> float:
    """1.0 when the sentence holds a quotation mark: quoted speech, where election news carries most of its attacks."""
    # Straight or curly double marks, or two apostrophes as some outlets print them (a lone ’ is an apostrophe).
    return float('"' in text or "\u201c" in text or "\u201d" in text or "''" in text)


def lexical_features(
    own: list[dict[str, float]], before: list[dict[str, float]], after: list[dict[str, float]], texts: list[str]
):
    """Lexicon features per sentence: its frame scores, whether each reaches a label, its neighbours' scores, quoted."""
    rows = []
    for mine, previous, following, text in zip(own, before, after, texts, strict=True):
        scores = [mine[frame] for frame in FRAMES]
        rows.append(
            scores
            + [float(score >= 1.0) for score in scores]
            + [CONTEXT_WEIGHT * (previous[frame] + following[frame]) for frame in FRAMES]
            + [quoted(text)]
        )
    return np.asarray(rows, dtype=float).reshape(len(rows), N_LEXICAL)


_EMPTY = dict.fromkeys(FRAMES, 0.0)


def _scores(texts: list[str]) -> list[dict[str, float]]:
    return [score_sentence(text).scores if text else _EMPTY for text in texts]


def features(texts: list[str], previous: list[str], following: list[str]) -> np.ndarray:
    """Lexicon features of each sentence and of its neighbours (see ``lexical_features``)."""
    return lexical_features(_scores(texts), _scores(previous), _scores(following), texts)


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


@dataclass(frozen=True)
class FrameModel:
    """Shipped weights: vocabulary with idf, and per model the n-gram and lexical coefficients and intercepts."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  # (models, frames, vocabulary + lexical)
    intercept: np.ndarray  # (models, frames)
    held_out: dict[str, int]  # group (doc_id) -> index of the model that did not see it; 0 is the full model
    # The bigrams' columns by their two words: a pair of words is looked up as a tuple, which hashes from the words'
    # cached hashes, instead of as a new joined string (words never hold a space, so the pairs are the same bigrams).
    bigrams: dict[tuple[str, str], int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for gram, column in self.vocabulary.items():
            words = tuple(gram.split(" "))
            if len(words) == 2:
                self.bigrams[words] = column

    def tfidf(self, tokens: list[list[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Sublinear, idf-weighted, L2-normalised n-gram values (as scikit-learn's TfidfVectorizer computes them).

        Flat (row, column, value) arrays over all sentences: n-grams are counted in C, weighted for the whole
        document at once.
        """
        # All sentences' words in one list, each sentence closed by a separator that is no word (frame_words never
        # gives "\n"): its unigram and the bigrams across it are unknown, so one pass per document maps every
        # unigram and bigram to its column (-1 when unknown), in C, instead of three per sentence.
        flat: list[str] = []
        for words in tokens:
            flat += words
            flat.append(_SEPARATOR)
        # Straight into an int64 array (np.asarray of a list of ints first scans it for a dtype, then converts).
        grams = np.fromiter(
            chain(map(self.vocabulary.get, flat, repeat(-1)), map(self.bigrams.get, pairwise(flat), repeat(-1))),
            dtype=np.int64,
            count=2 * len(flat) - 1,
        )
        lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens)) + 1
        row_of = np.repeat(np.arange(len(tokens), dtype=np.int64), lengths)  # each word's (and separator's) sentence
        rows = np.concatenate([row_of, row_of[:-1]])  # a bigram's sentence is its first word's
        size = len(self.vocabulary)
        known = grams >= 0
        keys, counts = np.unique(rows[known] * size + grams[known], return_counts=True)
        where, at = np.divmod(keys, size)
        values = (1.0 + np.log(counts)) * self.idf[at]
        norms = np.sqrt(np.bincount(where, values * values, minlength=len(tokens)))
        return where, at, values / norms[where] if len(values) else values

    def predict_proba(self, model: int, tokens: list[list[str]], lexical: np.ndarray) -> np.ndarray:
        """Probability of each frame for each sentence (rows: sentences, columns: FRAMES) from one model.

        ``tokens``: each sentence's words (``frame_words``); ``lexical``: its lexicon features.
        """
        if not tokens:
            return np.zeros((0, len(FRAMES)))
        size = len(self.vocabulary)
        logits = lexical @ self.coef[model, :, size:].T + self.intercept[model]
        where, at, values = self.tfidf(tokens)
        if len(at):
            words = self.coef[model, :, :size]
            for index in range(len(FRAMES)):
                logits[:, index] += np.bincount(where, words[index, at] * values, minlength=len(tokens))
        return 1.0 / (1.0 + np.exp(-logits))


@cache
def load_model(path: Path = MODEL_PATH) -> FrameModel:
    """The shipped frame model (written by training/train_frames.py)."""
    with np.load(path, allow_pickle=False) as data:
        return model_from_arrays(data)


def model_from_arrays(arrays) -> FrameModel:
    """A FrameModel from the arrays ``training/train_frames.py`` writes (a loaded npz or the dict it saves)."""
    # tolist() gives Python strings and ints at once (str() of each numpy string is slow at start-up)
    terms = arrays["vocabulary"].tolist()
    held_out = dict(zip(arrays["groups"].tolist(), arrays["group_model"].tolist(), strict=True))
    return FrameModel(
        dict(zip(terms, range(len(terms)), strict=True)),
        arrays["idf"].astype(float),
        arrays["coef"].astype(float),
        arrays["intercept"],
        held_out,
    )


def training_groups() -> frozenset[str]:
    """Document ids present in the training data (each is labelled by a model that did not see it)."""
    return frozenset(load_model().held_out)


def predict_scored(
    doc_id: str, texts: list[str], paragraphs: list[int], scored: list[FrameScore], model: FrameModel | None = None
) -> np.ndarray:
    """Frame probabilities for one document's sentences, given their lexicon scores (out-of-fold when trained on)."""
    model = model or load_model()
    own = np.array([[score.scores[frame] for frame in FRAMES] for score in scored], dtype=float).reshape(-1, 3)
    # The neighbours' scores within the paragraph, as lexical_features computes them, for the whole document at once.
    same = np.asarray(paragraphs[1:]) == np.asarray(paragraphs[:-1])
    before, after = np.zeros_like(own), np.zeros_like(own)
    before[1:][same] = own[:-1][same]
    after[:-1][same] = own[1:][same]
    marks = np.array([quoted(text) for text in texts], dtype=float).reshape(-1, 1)
    lexical = np.hstack([own, (own >= 1.0).astype(float), CONTEXT_WEIGHT * (before + after), marks])
    # A score built elsewhere may lack the words: read them again rather than score without n-grams.
    tokens = [score.words or frame_words(text) for score, text in zip(scored, texts, strict=True)]
    return model.predict_proba(model.held_out.get(doc_id, 0), tokens, lexical)


def predict_document(doc_id: str, texts: list[str], previous: list[str], following: list[str]) -> np.ndarray:
    """Frame probabilities for one document's sentences, out-of-fold when the document was trained on."""
    model = load_model()
    tokens = [frame_words(text) for text in texts]
    return model.predict_proba(model.held_out.get(doc_id, 0), tokens, features(texts, previous, following))
