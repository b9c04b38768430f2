"""Train the shipped tone models (sentence and target-dependent) from NewsMTSC, the seed gold and the tone sheets.

The tone sheets (``data/annotations/tone-dev/train-tone.csv`` and ``train-tone2.csv``: PolNeAR sentences coded for
the CODEBOOK's tone, their text re-read from SHARED_DIR/polnear/corpus.jsonl) train the sentence model only, at
``--sheet-weight`` (one weight for all, or one per sheet: ``1,0`` trains on the first only and scores the second).
Usage: ``python training/train_tone.py [SHARED_DIR] [--cv] [--sheet-weight W[,W2]] [--no-write]`` (default SHARED_DIR: ``../shared/dev``
relative to the repository root). Writes ``climadiplo/annotate/models/tone_sentence.npz`` and
``tone_target.npz``, and ``common_words.txt`` (NewsMTSC's ordinary lower-case words, read by the actor finder). ``--cv`` also prints the cross-validated figures (5 folds grouped by article, so
no article's sentences are both trained on and scored; each seed article is one group, so it is scored by a model
that did not see it), the seeds per article with a bootstrap interval, the sentence model trained on one of
NewsMTSC's two sources and scored on the other, and the final fit on the 60 invented sentences (a check, never
trained on). The neutral bands are always chosen by that cross-validation: the band that maximises out-of-fold
macro-F1.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from climadiplo.annotate import tone_model  # noqa: E402
from climadiplo.annotate.linear_model import MODELS_DIR, LinearModel, save_model  # noqa: E402
from climadiplo.resources import data_path  # noqa: E402

LABELS = {"negative": -1, "neutral": 0, "positive": 1}
CLASSES = (-1, 0, 1)
# C chosen on NewsMTSC train. Sentence model (NB-scaled), 5-fold CV by article: C 3 / 5 / 10 / 30 gave macro-F1
# 0.617 / 0.620 / 0.620 / 0.608 (r 0.575 / 0.583 / 0.585 / 0.575); of the two best, C 5 transfers better between
# NewsMTSC's two sources (trained on one, scored on the other: mean macro-F1 0.590 vs 0.586, r 0.547 vs 0.546).
# Target model, same folds, as the tables give it: C 3 / 5 / 10 / 20: 0.662 / 0.663 / 0.665 / 0.655.
# With the compound reading (tone_model's _lex_compound), sentence model C 3 / 5 / 10: 0.6275 / 0.6280 / 0.6267.
C = {"tone_sentence": 5.0, "tone_target": 10.0}
NB_ALPHA = 1.0  # add-one smoothing of the per-class feature counts behind the NB scaling
MIN_COUNT = 2  # a feature seen in one training row only is noise
FOLDS = 5
BANDS = np.round(np.arange(-0.2, 0.41, 0.02), 2)
COMMON_WORDS = "common_words.txt"
COMMON_MIN = 3  # sentences a word must appear in, lower-case, to count as an ordinary word
BOOTSTRAP = 2000  # resamples behind the seeds' interval (--cv only)
# Sample weight of the codebook-coded PolNeAR sheets (data/annotations/tone-dev/train-tone*.csv) in the sentence
# model; 0 leaves it out of every fit (it is still scored out-of-fold with --cv). Chosen by grouped CV on NewsMTSC
# train and on the sheets themselves, never on the seeds (see the sheets' CODING-NOTES). Session 8, same folds
# (NewsMTSC CV / both sheets' CV, macro-F1), with the second sheet's first 600 rows: second sheet at 0 -> 0.626 /
# 0.544; 1 -> 0.624 / 0.554; both at 2 -> 0.619 / 0.554. With all 900: at 0 -> 0.626 / 0.552; 1 -> 0.622 / 0.563.
# The rule fixed before (session 7): the best NewsMTSC + sheet sum whose NewsMTSC figure falls by no more than
# 0.005 -- weight 1. The band that best_band picks (-0.02) is also the one with the best NewsMTSC + sheet sum.
TONE_SHEET_WEIGHT = 1.0
# The share of that weight a sheet row marked `unsure` by its coder trains at (mild, mixed or context-dependent
# tone: the noisiest codes); every row is still scored. Same folds, all 900 rows of sheet 2, NewsMTSC CV / sheets'
# CV: unsure rows at 1 -> 0.622 / 0.563; 0.5 -> 0.624 / 0.563; 0.25 -> 0.624 / 0.563; 0 -> 0.625 / 0.550. By the
# same rule as for the weight 0.5 and 0.25 tie; the tie goes to the better cross-source figure (0.595 vs 0.597).
TONE_UNSURE_SHARE = 0.25
TONE_SHEET = ("annotations", "tone-dev", "train-tone.csv")
# Every tone sheet, in the order their rows are read: the first (random, stratified by a lexicon word) and the
# second (stratified towards reported speech, the diplomatic register and questions/hypotheticals).
TONE_SHEETS = (TONE_SHEET, ("annotations", "tone-dev", "train-tone2.csv"))


def default_shared() -> Path:
    """The shared development folder beside the checkout."""
    return ROOT.parent / "shared" / "dev"


def read_jsonl(path: Path) -> list[dict]:
    """Records of a JSON-lines file; a missing file is one clear error."""
    if not path.is_file():
        _fail(f"{path}: not found (pass the shared dev folder)")
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as error:
                _fail(f"{path}:{number}: malformed JSON ({error.msg})")
    return records


def _fail(message: str) -> None:
    """One clear line and exit status 2, before anything is written."""
    print(message, file=sys.stderr)
    raise SystemExit(2)


def article_of(record_id: str) -> str:
    """NewsMTSC ids start with the source and article (``allsides_1000_401_…``, ``polusa_v1_79085845_…``)."""
    return "_".join(record_id.split("_")[:3])


def load_tone_sheet(shared: Path, sheets: tuple[tuple[str, ...], ...] = TONE_SHEETS) -> list[dict]:
    """The codebook-coded PolNeAR sentences of the tone sheets with their text (and ``sheet``, the file's name),
    found by the project's own segmentation and ``text_sha1`` (the sheets hold no text); no sheet: none."""
    import csv

    from climadiplo.analyse.coding import text_sha1

    paths = [data_path(*parts) for parts in sheets]
    paths = [path for path in paths if path.is_file()]
    if not paths:
        return []
    from climadiplo.pipeline import read_article
    from climadiplo.read.corpus import load_corpus

    sheet = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            sheet += [{**row, "sheet": path.name} for row in csv.DictReader(handle)]
    wanted = {row["doc_id"] for row in sheet}
    found = {}
    corpus = shared / "polnear" / "corpus.jsonl"
    if not corpus.is_file():
        _fail(f"{corpus}: not found (the tone sheets' sentences are read from it)")
    for document in load_corpus(corpus):
        if document.doc_id in wanted:
            for sentence in read_article(document).sentences:
                key = (document.doc_id, text_sha1(sentence.text))
                found.setdefault(key, sentence.text)
    missing = [row for row in sheet if (row["doc_id"], row["text_sha1"]) not in found]
    if missing:
        _fail(
            f"{missing[0]['sheet']}: {len(missing)} rows match no sentence of {corpus} (first: {missing[0]['doc_id']})"
        )
    return [{**row, "text": found[(row["doc_id"], row["text_sha1"])]} for row in sheet]


def sheet_weights(weight: str | float, sheets: tuple[tuple[str, ...], ...] = TONE_SHEETS) -> dict[str, float]:
    """Each tone sheet's sample weight by file name: one number for all, or one per sheet (comma-separated)."""
    try:
        values = [float(part) for part in str(weight).split(",")]
    except ValueError:
        values = []  # not a number: the same one-line error as a negative weight
    if len(values) == 1:
        values *= len(sheets)
    if len(values) != len(sheets) or not all(np.isfinite(values)) or min(values) < 0:
        _fail(f"--sheet-weight {weight}: give one weight of 0 or more, or one per sheet ({len(sheets)})")
    return {parts[-1]: value for parts, value in zip(sheets, values, strict=True)}


def sheet_row_weight(row: dict, weights: dict[str, float]) -> float:
    """A tone sheet row's sample weight: its sheet's, times TONE_UNSURE_SHARE when its coder marked it unsure."""
    return weights[row["sheet"]] * (TONE_UNSURE_SHARE if row["unsure"] == "1" else 1.0)


def load_data(shared: Path, sheet_weight: str | float = TONE_SHEET_WEIGHT) -> dict[str, list]:
    """NewsMTSC targets, the seed gold sentences and the tone sheet, with features, labels, groups and weights."""
    news = read_jsonl(shared / "newsmtsc" / "train.jsonl")
    seeds = read_jsonl(data_path("annotations", "seed-gold", "sentences.jsonl"))
    sheet = load_tone_sheet(shared)
    weights = sheet_weights(sheet_weight)
    sentence_rows = [tone_model.sentence_features(r["sentence"]) for r in news]
    sentence_rows += [tone_model.sentence_features(r["text"]) for r in seeds]
    sentence_rows += [tone_model.sentence_features(r["text"]) for r in sheet]
    target_rows = [tone_model.target_features(r["sentence"], r["target_start"], r["target_end"]) for r in news]
    return {
        "news": news,
        "seeds": seeds,
        "sheet": sheet,
        "sentence_rows": sentence_rows,
        "sentence_y": [LABELS[r["label"]] for r in news]
        + [int(r["sentiment"]) for r in seeds]
        + [int(r["sentiment"]) for r in sheet],
        "sentence_groups": [article_of(r["id"]) for r in news]
        + [f"seed:{r['doc_id']}" for r in seeds]
        + [f"tone:{r['doc_id']}" for r in sheet],
        # A weight of 0 keeps a row out of every fit; it is still scored out-of-fold.
        "sentence_weights": [1.0] * (len(news) + len(seeds)) + [sheet_row_weight(r, weights) for r in sheet],
        "target_rows": target_rows,
        "target_y": [LABELS[r["label"]] for r in news],
        "target_groups": [article_of(r["id"]) for r in news],
    }


def vocabulary(rows: list[dict]) -> list[str]:
    """Features present in at least MIN_COUNT rows, sorted (dense lexicon features are always present)."""
    counts: dict[str, int] = {}
    for row in rows:
        for name in row:
            counts[name] = counts.get(name, 0) + 1
    return sorted(name for name, count in counts.items() if count >= MIN_COUNT or name.startswith("_"))


def nb_ratios(matrix, y: np.ndarray, label: int, dense: np.ndarray) -> np.ndarray:
    """|log-count ratio| of each feature for one class against the rest (Wang & Manning 2012); dense ones 1."""
    present = matrix.copy()
    present.data[:] = 1.0
    inside = np.asarray(present[y == label].sum(axis=0)).ravel() + NB_ALPHA
    outside = np.asarray(present[y != label].sum(axis=0)).ravel() + NB_ALPHA
    ratios = np.abs(np.log((inside / inside.sum()) / (outside / outside.sum())))
    ratios[dense] = 1.0  # lexicon tallies and positions are not counts
    return ratios


def fit(rows: list[dict], y: list[int], c: float, threshold: float = 0.0, weights=None) -> LinearModel:
    """One-vs-rest logistic regressions over the rows' features, each scaled per class by its NB log-count ratio.

    The scaling (NB-weighted logistic regression, as NBSVM) lets words that separate a class well be used with
    less regularisation; it is folded into the coefficients, so scoring is the same linear model as before.
    """
    from scipy.sparse import diags

    if weights is not None:  # rows of weight 0 are not trained on at all (nor do they add to the vocabulary)
        kept = [i for i, weight in enumerate(weights) if weight > 0]
        rows, y, weights = [rows[i] for i in kept], [y[i] for i in kept], np.asarray(weights, dtype=float)[kept]
    terms = vocabulary(rows)
    empty = LinearModel({t: i for i, t in enumerate(terms)}, np.zeros((3, len(terms))), np.zeros(3), CLASSES, 0.0)
    matrix = empty.matrix(rows)
    labels = np.asarray(y)
    dense = np.array([term.startswith("_") for term in terms], dtype=bool)
    coef, intercept = [], []
    for label in CLASSES:
        ratios = nb_ratios(matrix, labels, label, dense)
        # liblinear: seconds where a multinomial lbfgs fit takes minutes, and deterministic.
        estimator = LogisticRegression(C=c, solver="liblinear", random_state=0)
        estimator.fit(matrix @ diags(ratios), (labels == label).astype(int), sample_weight=weights)
        coef.append(estimator.coef_.ravel() * ratios)
        intercept.append(estimator.intercept_[0])
    return LinearModel(empty.vocabulary, np.vstack(coef), np.asarray(intercept), CLASSES, threshold)


def folds(groups: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Train/test indices of FOLDS folds grouped by article. The tone sheet's articles are split on their own and
    joined fold by fold, so NewsMTSC's and the seeds' folds are the same with or without the sheet."""
    groups = np.asarray(groups)
    sheet = np.char.startswith(groups.astype(str), "tone:")
    parts = []
    for mask in (~sheet, sheet):
        index = np.flatnonzero(mask)
        if len(index):
            parts.append([index[test] for _, test in GroupKFold(n_splits=FOLDS).split(index, index, groups[index])])
    everything = np.arange(len(groups))
    tests = [np.sort(np.concatenate([part[k] for part in parts])) for k in range(FOLDS)]
    return [(np.setdiff1d(everything, test), test) for test in tests]


def out_of_fold(
    rows: list[dict], y: list[int], groups: list[str], c: float, extra=None, weights=None
) -> tuple[np.ndarray, list]:
    """Probabilities of each row from the fold model that did not see its group (and of `extra` rows)."""
    probabilities = np.zeros((len(rows), 3))
    extra_probabilities = [None] * len(rows)
    for fold, (train, test) in enumerate(folds(groups)):
        print(f"  fold {fold}", file=sys.stderr, flush=True)
        fold_weights = None if weights is None else [weights[i] for i in train]
        model = fit([rows[i] for i in train], [y[i] for i in train], c, weights=fold_weights)
        probabilities[test] = model.predict_proba([rows[i] for i in test])
        if extra is not None:
            for i in test:
                if extra[i] is not None:
                    extra_probabilities[i] = model.predict_proba([extra[i]])[0]
    return probabilities, extra_probabilities


def macro_f1(gold, predicted) -> float:
    """Mean F1 of the three classes."""
    gold, predicted = np.asarray(gold), np.asarray(predicted)
    scores = []
    for label in CLASSES:
        tp = np.sum((gold == label) & (predicted == label))
        p, g = np.sum(predicted == label), np.sum(gold == label)
        scores.append(2 * tp / (p + g) if p + g else 0.0)
    return float(np.mean(scores))


def best_band(probabilities: np.ndarray, y: list[int]) -> float:
    """The neutral band with the highest out-of-fold macro-F1 (ties: the smallest band)."""
    scored = [(macro_f1(y, tone_model.label(probabilities, band)), -band) for band in BANDS]
    return float(-max(scored)[1])


def train(shared: Path, report: bool = False, sheet_weight: str | float = TONE_SHEET_WEIGHT) -> dict[str, LinearModel]:
    """Fit both models on all the data, with neutral bands chosen out-of-fold."""
    started = time.perf_counter()
    data = load_data(shared, sheet_weight)
    if report:
        print(f"features: {time.perf_counter() - started:.0f} s", flush=True)
    weights = data["sentence_weights"]
    oof_sentence, _ = out_of_fold(
        data["sentence_rows"], data["sentence_y"], data["sentence_groups"], C["tone_sentence"], weights=weights
    )
    extra = _mention_rows(data) if report else None
    oof_target, oof_mention = out_of_fold(
        data["target_rows"], data["target_y"], data["target_groups"], C["tone_target"], extra
    )
    trained = np.flatnonzero(np.asarray(weights) > 0)  # the band is chosen on the rows the model learns from
    bands = {
        "tone_sentence": best_band(oof_sentence[trained], [data["sentence_y"][i] for i in trained]),
        "tone_target": best_band(oof_target, data["target_y"]),
    }
    if report:
        _report(data, oof_sentence, oof_target, oof_mention, bands)
    return {
        "tone_sentence": fit(
            data["sentence_rows"], data["sentence_y"], C["tone_sentence"], bands["tone_sentence"], weights
        ),
        "tone_target": fit(data["target_rows"], data["target_y"], C["tone_target"], bands["tone_target"]),
    }


def fit_all(shared: Path, bands: dict[str, float] | None = None) -> dict[str, LinearModel]:
    """The final fits on all the data (bands as given; the CV in `train` chooses them)."""
    data = load_data(shared)
    bands = bands or {}
    return {
        "tone_sentence": fit(
            data["sentence_rows"],
            data["sentence_y"],
            C["tone_sentence"],
            bands.get("tone_sentence", 0.0),
            data["sentence_weights"],
        ),
        "tone_target": fit(data["target_rows"], data["target_y"], C["tone_target"], bands.get("tone_target", 0.0)),
    }


def _mention_rows(data: dict) -> list:
    """Target features at the span of the mention the pipeline finds over each NewsMTSC target (None: none)."""
    from climadiplo.annotate.actors import find_mentions, pronoun_mentions, single_names

    rows = []
    for record in data["news"]:
        text, start, end = record["sentence"], record["target_start"], record["target_end"]
        mentions = find_mentions(text)
        mentions += single_names(text, mentions, [0])  # as the mentions table has them
        mentions += pronoun_mentions(text, mentions)
        covering = sorted((m for m in mentions if m.start < end and m.end > start), key=lambda m: m.start)
        rows.append(tone_model.target_features(text, covering[0].start, covering[0].end) if covering else None)
    return rows


def _report(data: dict, oof_sentence, oof_target, oof_mention, bands) -> None:
    n_news = len(data["news"])
    y_news = np.asarray(data["target_y"])
    sentence_labels = tone_model.label(oof_sentence, bands["tone_sentence"])
    sentence_scores = oof_sentence[:, 2] - oof_sentence[:, 0]
    target_labels = tone_model.label(oof_target, bands["tone_target"])
    print(f"bands: {bands}")
    print(
        f"NewsMTSC train, {FOLDS}-fold CV by article: sentence model (target-blind) macro-F1 "
        f"{macro_f1(y_news, sentence_labels[:n_news]):.3f}, r {np.corrcoef(y_news, sentence_scores[:n_news])[0, 1]:.3f}"
    )
    print(f"  target model on the gold target span: macro-F1 {macro_f1(y_news, target_labels):.3f}")
    combined, covered = [], 0
    for i in range(n_news):
        if oof_mention[i] is not None:
            covered += 1
            combined.append(int(tone_model.label(oof_mention[i][None, :], bands["tone_target"])[0]))
        else:
            combined.append(int(sentence_labels[i]))
    print(
        f"  mention tone where a pipeline mention covers the target ({covered / n_news:.0%}), else sentence tone: "
        f"macro-F1 {macro_f1(y_news, combined):.3f}"
    )
    seed = slice(n_news, n_news + len(data["seeds"]))
    seed_y = np.asarray(data["sentence_y"][seed])
    seed_labels = sentence_labels[seed]
    print(
        f"seed gold (each seed document held out): macro-F1 {macro_f1(seed_y, seed_labels):.3f}, "
        f"r {np.corrcoef(seed_y, sentence_scores[seed])[0, 1]:.3f}"
    )
    documents = np.asarray([group for group in data["sentence_groups"][seed]])
    print(
        "  per seed document: "
        + ", ".join(
            f"{doc[5:]} {macro_f1(seed_y[documents == doc], seed_labels[documents == doc]):.3f}"
            for doc in sorted(set(documents))
        )
    )
    low, high = _seed_interval(data["seeds"], seed_y, seed_labels)
    print(f"  95% interval, paragraphs resampled ({BOOTSTRAP} draws): macro-F1 {low:.3f} to {high:.3f}")
    _report_unseeded(data, bands["tone_sentence"])
    _report_sheet(data, sentence_labels, sentence_scores)
    _report_cross_source(data, bands["tone_sentence"])
    _report_invented(data, bands["tone_sentence"])


def _report_unseeded(data: dict, band: float) -> None:
    """The seeds scored by a model that saw no seed at all (NewsMTSC and the tone sheet only)."""
    n_news, n_seeds = len(data["news"]), len(data["seeds"])
    weights = list(data["sentence_weights"])
    weights[n_news : n_news + n_seeds] = [0.0] * n_seeds
    model = fit(data["sentence_rows"], data["sentence_y"], C["tone_sentence"], weights=weights)
    probabilities = model.predict_proba(data["sentence_rows"][n_news : n_news + n_seeds])
    gold = np.asarray(data["sentence_y"][n_news : n_news + n_seeds])
    print(
        f"  no seed in training at all: macro-F1 {macro_f1(gold, tone_model.label(probabilities, band)):.3f}, "
        f"r {np.corrcoef(gold, probabilities[:, 2] - probabilities[:, 0])[0, 1]:.3f}"
    )


def _report_sheet(data: dict, labels: np.ndarray, scores: np.ndarray) -> None:
    """The tone sheet's own out-of-fold figures (its articles grouped), as drawn and weighted to its population."""
    if not data["sheet"]:
        return
    start = len(data["news"]) + len(data["seeds"])
    gold = np.asarray(data["sentence_y"][start:])
    predicted, score = labels[start:], scores[start:]
    sure = np.asarray([row["unsure"] == "0" for row in data["sheet"]])
    names = np.asarray([row["sheet"] for row in data["sheet"]])
    parts = [("all sheets", np.ones(len(gold), dtype=bool))] if len(set(names)) > 1 else []
    parts += [(name, names == name) for name in sorted(set(names))]
    for name, rows in parts:
        print(
            f"tone sheet {name} (PolNeAR, codebook-coded, {rows.sum()} rows), {FOLDS}-fold CV by article: macro-F1 "
            f"{macro_f1(gold[rows], predicted[rows]):.3f}, r {np.corrcoef(gold[rows], score[rows])[0, 1]:.3f}; "
            f"rows not marked unsure ({(rows & sure).sum()}): {macro_f1(gold[rows & sure], predicted[rows & sure]):.3f}"
        )


def _seed_interval(seeds: list[dict], gold: np.ndarray, predicted: np.ndarray) -> tuple[float, float]:
    """A 95% bootstrap interval of the seeds' macro-F1, resampling whole paragraphs (their sentences are not
    independent): 81 sentences leave the figure uncertain by about ±0.1."""
    paragraphs = np.asarray([f"{r['doc_id']}:{r['paragraph']}" for r in seeds])
    members = [np.flatnonzero(paragraphs == p) for p in sorted(set(paragraphs))]
    rng = np.random.default_rng(0)
    draws = []
    for _ in range(BOOTSTRAP):
        rows = np.concatenate([members[k] for k in rng.integers(0, len(members), len(members))])
        draws.append(macro_f1(gold[rows], predicted[rows]))
    low, high = np.percentile(draws, [2.5, 97.5])
    return float(low), float(high)


def _report_cross_source(data: dict, band: float) -> None:
    """Sentence model trained on one of NewsMTSC's two sources and scored on the other (band from the CV)."""
    sources = np.asarray([record["id"].split("_")[0] for record in data["news"]])
    rows, y = data["sentence_rows"], np.asarray(data["sentence_y"][: len(sources)])
    # The tone sheet (when weighted) trains with either source; the seeds never do here.
    sheet = range(len(sources) + len(data["seeds"]), len(rows))
    sheet_w = [data["sentence_weights"][i] for i in sheet]
    figures = []
    for held in sorted(set(sources)):
        train = np.flatnonzero(sources != held)
        train_rows = [rows[i] for i in train] + [rows[i] for i in sheet]
        train_y = list(y[train]) + [data["sentence_y"][i] for i in sheet]
        test = np.flatnonzero(sources == held)
        model = fit(train_rows, train_y, C["tone_sentence"], weights=[1.0] * len(train) + sheet_w)
        probabilities = model.predict_proba([rows[i] for i in test])
        scores = probabilities[:, 2] - probabilities[:, 0]
        figures.append((macro_f1(y[test], tone_model.label(probabilities, band)), np.corrcoef(y[test], scores)[0, 1]))
    f1, r = np.mean(figures, axis=0)
    print(
        f"NewsMTSC train, trained on one source and scored on the other (mean of both ways): macro-F1 {f1:.3f}, r {r:.3f}"
    )


def _report_invented(data: dict, band: float) -> None:
    """The shipped sentence fit on the 60 invented sentences (a check: never trained on)."""
    import csv

    with data_path("annotations", "invented-sentences.csv").open(encoding="utf-8") as handle:
        invented = list(csv.DictReader(handle))
    model = fit(data["sentence_rows"], data["sentence_y"], C["tone_sentence"], weights=data["sentence_weights"])
    probabilities = model.predict_proba([tone_model.sentence_features(r["text"]) for r in invented])
    gold = np.asarray([int(r["sentiment"]) for r in invented])
    print(
        f"invented sentences (not trained on), the final fit: macro-F1 "
        f"{macro_f1(gold, tone_model.label(probabilities, band)):.3f}, "
        f"r {np.corrcoef(gold, probabilities[:, 2] - probabilities[:, 0])[0, 1]:.3f}"
    )


def common_words(news: list[dict]) -> list[str]:
    """Words NewsMTSC writes lower-case after a sentence's first word in at least COMMON_MIN sentences, sorted.

    The actor finder reads them: a capitalised word opening a sentence or quotation is not taken for a
    name when it is one of these ("Build it before you break it").
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    counts: dict[str, int] = {}
    for record in news:
        for word in set(tone_model._TOKEN.findall(record["sentence"])[1:]):
            if word.isalpha() and word.islower():
                counts[word] = counts.get(word, 0) + 1
    # scikit-learn's English stop words are written in too, so the tables need not import scikit-learn (~0.5 CPU s).
    return sorted({word for word, count in counts.items() if count >= COMMON_MIN} | set(ENGLISH_STOP_WORDS))


def main(argv: list[str] | None = None) -> None:
    """Train and write the tone models."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", type=Path, default=default_shared())
    parser.add_argument("--cv", action="store_true", help="print cross-validated figures")
    parser.add_argument(
        "--sheet-weight",
        default=str(TONE_SHEET_WEIGHT),
        help="sample weight of the coded tone sheets "
        f"{', '.join(parts[-1] for parts in TONE_SHEETS)}: one for all, or one per sheet comma-separated "
        f"(0: not trained on; default {TONE_SHEET_WEIGHT})",
    )
    parser.add_argument("--no-write", action="store_true", help="print the figures only, write no model")
    args = parser.parse_args(argv)
    sheet_weights(args.sheet_weight)  # a bad weight is one clear error before anything is read
    models = train(args.shared, report=args.cv, sheet_weight=args.sheet_weight)
    if args.no_write:
        return
    words = common_words(read_jsonl(args.shared / "newsmtsc" / "train.jsonl"))
    (MODELS_DIR / COMMON_WORDS).write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {MODELS_DIR / COMMON_WORDS}: {len(words)} words")
    for name, model in models.items():
        terms = sorted(model.vocabulary, key=model.vocabulary.get)
        save_model(MODELS_DIR / f"{name}.npz", terms, model.coef, model.intercept, model.classes, model.threshold)
        print(f"wrote {MODELS_DIR / name}.npz: {len(terms)} features, neutral band {model.threshold}")


if __name__ == "__main__":
    main()
