"""Fit the speaker selector and the speech/scare-quote classifier on PolNeAR attribution-train.

Run: ``python training/train_speakers.py [SHARED_DIR] [--out FILE]`` (default ``../shared/dev``
relative to the repository root). Reads ``polnear/attribution-train.jsonl`` only: the dev split
is for measuring (``climadiplo evaluate --attribution``), never for fitting. Writes the weights
to ``climadiplo/annotate/models/speakers.json`` (sorted, rounded: the same bytes on every run).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from climadiplo.analyse.evaluate import (  # noqa: E402
    _stem,
    match_quotes,
    polnear_to_attribution,
    speaker_keys,
    speaker_matches,
)
from climadiplo.annotate.quotes import find_cues, rule_records  # noqa: E402
from climadiplo.annotate.speaker_model import (  # noqa: E402
    CONTINUATION,
    MODEL_PATH,
    DocumentCandidates,
    _stopwords,
    quote_candidates,
    speech_features,
)

GIVEN_NAMES_PATH = ROOT / "data" / "lexicons" / "given_names.csv"
SEED = 0
C = 0.5
# The ranker is a conditional logit: one softmax over each quotation's candidates, fitted on the probability of its
# right ones (a pointwise logistic regression fits every candidate alone, against an intercept). Grouped 5-fold CV on
# train (the folds of --cv), ranking top-1 / named-speaker accuracy of the whole quote stage: pointwise LR (C=0.5)
# 0.9161 / 0.8361, conditional logit C=2 0.9202 / 0.8417. C chosen on train before the adverb rule of
# speaker_model._ADVERB_GAP (then: LR 0.9171 / 0.8362; C=0.1 0.9189 / -, C=0.5 0.9211 / 0.8408, C=2 0.9213 / 0.8425).
# Same folds, other classes: HistGradientBoosting (300 trees, 31 leaves) 0.9226 / 0.8404; the conditional logit with
# (distance, rank, side, paragraph) x cue-subject interactions 0.9199 / 0.8396; LR with interactions <= 0.9167 / -.
C_RANKER = 2.0
MIN_WEIGHT = 0.15
LEAST_ARTICLES = 10  # a word feature is learned only from words found in this many training articles
# The fitting weight of a candidate right only by name when another stands at the gold source span (see examples):
# 1 fits it as any speaker, 0 not at all. Grouped end-to-end CV on train (named-speaker accuracy of the held-out
# fifth, the whole quote stage): 1 -> 0.8278, 0.5 -> 0.8305, 0.3 -> 0.8327, 0.15 -> 0.8342, 0 -> 0.8347, flat below
# 0.3. Chosen on train, so dev stays unfitted: 0.15, the best of the flat values that keeps the nested-cue
# regression case of tests/test_speakers.py ("X said that Y described the plan as “…”" is Y's; at 0 it becomes X's).
# Dev, for the record only: 0.8300 at 0.15, 0.8311 at 0, 0.8364 at 0.3 (one standard error there is about 0.012).
ECHO_WEIGHT = 0.15
PERSON_TYPES = ("gperson", "name2", "name1", "name1k")
NAME_TYPES = ("gperson", "gorg", "gplace", "name2", "name1", "name1k", "acronym", "org", "role", "desc")


def examples(records: list[dict]) -> tuple[list, list, list, list, list, list]:
    """Speech examples (features, label) and ranking examples (features, label, group, fitting weight) from gold
    articles."""
    speech_x, speech_y, rank_x, rank_y, groups, rank_w = [], [], [], [], [], []
    groups_article: dict[int, int] = {}  # the article of each quotation: lexical features must recur across articles
    speech_articles: list[int] = []  # the article of each quoted span, for the same reason
    for article, record in enumerate(records):
        text = record["text"]
        masked, rules, mentions, gazetteer = rule_records(text)
        doc = DocumentCandidates(text, masked, mentions, gazetteer, find_cues(masked))
        converted = polnear_to_attribution(record)["quotes"]
        gold = record["quotes"]
        spans = [span for span, _ in rules]
        matched = match_quotes([(s.start, s.end) for s in spans], [(g["start"], g["end"]) for g in gold])
        previous = None
        previous_gold = None
        for index, (span, quote) in enumerate(rules):
            if quote.kind not in ("direct", "partial", "scare", "title"):
                continue
            speech_x.append(speech_features(text, masked, span, quote.kind, doc))
            speech_y.append(int(index in matched))
            speech_articles.append(article)
            if index not in matched:
                continue
            g = gold[matched[index]]
            resolved = converted[matched[index]]["speaker"]
            rule_name = quote.speaker if quote.speaker not in ("", "unknown") else ""
            options = quote_candidates(doc, span, rule_name, previous, (quote.speaker_start, quote.speaker_end))
            labels = []
            for candidate, _ in options:
                if candidate is CONTINUATION:
                    labels.append(int(bool(previous_gold and resolved and speaker_matches(previous_gold, resolved))))
                elif g.get("speaker_start") is None:
                    labels.append(0)
                elif candidate.start < g["speaker_end"] and candidate.end > g["speaker_start"]:
                    # Inside the source's span, and the source itself (not an organisation in its description).
                    spoken = candidate.ctype in ("he", "they", "iwe") or speaker_matches(candidate.name, g["speaker"])
                    labels.append(int(spoken or speaker_matches(candidate.name, resolved)))
                else:
                    labels.append(int(candidate.ctype in NAME_TYPES and speaker_matches(candidate.name, resolved)))
            if any(label and c.ctype in PERSON_TYPES for (c, _), label in zip(options, labels, strict=True)):
                # "Rep. J.T. Wexford (D-Ore.), chair of …": the name is the source, its description only describes it.
                labels = [
                    0 if c.ctype in ("role", "desc") else label for (c, _), label in zip(options, labels, strict=True)
                ]
            explicit = any(label for (c, _), label in zip(options, labels, strict=True) if c.ctype in NAME_TYPES)
            if explicit:  # the speaker is named here: "the previous one goes on" is not what tells us
                labels = [0 if c is CONTINUATION else label for (c, _), label in zip(options, labels, strict=True)]
            if resolved:
                previous_gold = resolved
            if not any(labels):
                continue
            group = len(groups)
            groups_article[group] = article
            # A right candidate at the gold source span makes the article's other mentions of that person right
            # only by name: picked, they name the right speaker, but nothing near them says so ("Trump" twice in
            # the window, the one at the span the subject of the cue). Fitted as fully as the source, they teach
            # the model that a mention anywhere speaks (and the mention it picks is not the source): they count
            # ECHO_WEIGHT in the fit, fully in top1.
            at_source = [
                g.get("speaker_start") is not None
                and c is not CONTINUATION
                and c.start < g["speaker_end"]
                and c.end > g["speaker_start"]
                for c, _ in options
            ]
            exact = any(label and at for label, at in zip(labels, at_source, strict=True))
            for (_, features), label, at in zip(options, labels, at_source, strict=True):
                rank_x.append(features)
                rank_y.append(label)
                groups.append(group)
                rank_w.append(ECHO_WEIGHT if exact and label and not at else 1.0)
            best = (
                next(c for (c, _), label in zip(options, labels, strict=True) if label and c is not CONTINUATION)
                if any(label and c is not CONTINUATION for (c, _), label in zip(options, labels, strict=True))
                else (previous[1] if previous else None)
            )
            if best is not None:
                previous = (span, best)
    speech_x = _common_inner_words(speech_x, speech_articles)
    # A given name says nothing about who speaks ("wf_thomas", "wf_peter" only remember the split's people): the
    # learned given names are no word features. End-to-end CV on train 0.8354 -> 0.8360, ranking CV 0.9159 -> 0.9159.
    given = {f"wf_{name.lower()}" for name in given_names(records)}
    return speech_x, speech_y, _common_words_only(rank_x, groups, groups_article, given), rank_y, groups, rank_w


_WORD_FEATURES = ("wl_", "wf_", "dh_")


_RARE_SPEECH_WORDS = ("inw_", "tc_lead_")  # a short quotation's words; the word before a title-cased one


def _common_inner_words(speech_x: list[list[str]], articles: list[int]) -> list[list[str]]:
    """Drop word features (inw_, tc_lead_) found in fewer than LEAST_ARTICLES articles: no story's own words."""
    found: dict[str, set[int]] = {}
    for row, article in zip(speech_x, articles, strict=True):
        for feature in row:
            if feature.startswith(_RARE_SPEECH_WORDS):
                found.setdefault(feature, set()).add(article)
    common = {feature for feature, seen in found.items() if len(seen) >= LEAST_ARTICLES}
    return [[f for f in row if not f.startswith(_RARE_SPEECH_WORDS) or f in common] for row in speech_x]


def _common_words_only(
    rank_x: list[list[str]], groups: list[int], groups_article: dict[int, int], dropped: set[str]
) -> list[list[str]]:
    """Drop word features seen in fewer than LEAST_ARTICLES articles (keep "ohio" or "gop", not one story's people)
    and the dropped ones."""
    articles: dict[str, set[int]] = {}
    for row, group in zip(rank_x, groups, strict=True):
        for feature in row:
            if feature.startswith(_WORD_FEATURES):
                articles.setdefault(feature, set()).add(groups_article[group])
    common = {feature for feature, found in articles.items() if len(found) >= LEAST_ARTICLES}
    return [
        [f for f in row if (not f.startswith(_WORD_FEATURES) or f in common) and f not in dropped] for row in rank_x
    ]


_HONORIFIC = re.compile(r"(?=M)\b(Mr|Mrs|Ms|Miss)\.?[ \t]+([A-Z][\w’'-]+)")
_HONORIFIC_WORDS = frozenset({"Mr", "Mrs", "Ms", "Miss"})
_FULL_NAME = re.compile(r"(?=[A-Z])\b([A-Z][a-z]+)[ \t]+(?:[A-Z]\.[ \t]+)?([A-Z][\w’'-]+)")


def given_names(records: list[dict], least: int = 2, share: float = 0.9) -> dict[str, str]:
    """Given names with their gender ("m"/"f"), learned from articles that write "Hillary Clinton" and "Mrs. Clinton".

    Only the names are kept (no text): a name counts once per article, and is kept when at least ``least``
    articles agree at ``share`` or more.
    """
    stop = _stopwords()
    counts: dict[str, Counter] = {}
    for record in records:
        text = record["text"]
        surnames: dict[str, set[str]] = {}
        for match in _HONORIFIC.finditer(text):
            surnames.setdefault(match.group(2), set()).add("m" if match.group(1) == "Mr" else "f")
        firsts: dict[str, set[str]] = {}
        for match in _FULL_NAME.finditer(text):
            first, last = match.groups()
            if first not in stop and first not in _HONORIFIC_WORDS:  # "Miss Universe" names no one
                firsts.setdefault(last, set()).add(first)
        for last, names in firsts.items():
            genders = surnames.get(last, set())
            # One person of that surname: "Mrs. Trump" in an article naming Donald and Ivanka Trump is either's.
            if len(genders) == 1 and len(names) == 1:
                counts.setdefault(next(iter(names)), Counter())[next(iter(genders))] += 1
    kept = {}
    for name, count in counts.items():
        gender, n = count.most_common(1)[0]
        if n >= least and n / sum(count.values()) >= share:
            kept[name] = gender
    return dict(sorted(kept.items()))


_CAPITALISED = re.compile(r"(?<![\w’'-])[A-Z][a-z][\w’'-]*")


def non_speakers(records: list[dict], least: int = 8, rate: float = 0.02) -> list[str]:
    """Capitalised words frequent in the articles but (almost) never a source's surname or head word.

    "Ohio", "Debates", "Libertarian": no pronoun refers to them. Only the words are kept (no text).
    """
    seen: Counter = Counter()
    heads: Counter = Counter()
    for record in records:
        text = record["text"]
        seen.update(word.lower() for word in _CAPITALISED.findall(text))
        for item in [*record.get("quotes", []), *record.get("indirect", [])]:
            if item.get("speaker_start") is not None:
                heads.update(speaker_keys(text[item["speaker_start"] : item["speaker_end"]]))
    return sorted(word for word, n in seen.items() if n >= least and heads[_stem(word)] <= rate * n)


def fit(
    features: list[list[str]], labels: list[int], weights: list[float] | None = None
) -> tuple[dict[str, float], float, DictVectorizer, LogisticRegression]:
    """A logistic regression over binary features; returns named weights and the intercept."""
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform([{f: 1 for f in row} for row in features])
    model = LogisticRegression(C=C, max_iter=2000, random_state=SEED)
    model.fit(matrix, np.asarray(labels), sample_weight=None if weights is None else np.asarray(weights))
    named = zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
    # Weights near zero change no decision: dropping them keeps the shipped file small.
    weights = {name: round(float(w), 4) for name, w in named if abs(w) >= MIN_WEIGHT}
    return weights, round(float(model.intercept_[0]), 4), vectorizer, model


def fit_listwise(
    features: list[list[str]], labels: list[int], groups: list[int], weights: list[float]
) -> tuple[dict[str, float], float]:
    """A conditional logit over binary features (a softmax over each group's rows); returns named weights and 0.0.

    Rows of one group are consecutive. The loss of a group is -log(sum of its right rows' weight * exp(score) /
    sum of all its rows' exp(score)), plus an L2 penalty of 1/(2 C_RANKER): only differences within a quotation
    are fitted, so there is no intercept.
    """
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform([{f: 1 for f in row} for row in features]).tocsr()
    group = np.asarray(groups)
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    sizes = np.diff(np.r_[starts, len(group)])
    right = np.asarray(labels, dtype=float) * np.asarray(weights, dtype=float)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        margins = matrix @ theta
        exp = np.exp(margins - np.repeat(np.maximum.reduceat(margins, starts), sizes))  # shifted: no overflow
        total, good = np.add.reduceat(exp, starts), np.add.reduceat(right * exp, starts)
        value = float(np.sum(np.log(total) - np.log(good))) + float(theta @ theta) / (2 * C_RANKER)
        gradient = matrix.T @ (exp / np.repeat(total, sizes) - right * exp / np.repeat(good, sizes))
        return value, gradient + theta / C_RANKER

    result = minimize(loss, np.zeros(matrix.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 5000})
    named = zip(vectorizer.get_feature_names_out(), result.x, strict=True)
    # Weights near zero change no decision: dropping them keeps the shipped file small.
    return {name: round(float(w), 4) for name, w in named if abs(w) >= MIN_WEIGHT}, 0.0


def top1(weights: dict[str, float], features: list, labels: list, groups: list) -> float:
    """Share of quotations whose best-scored candidate is a right one."""
    best: dict[int, tuple[float, int]] = {}
    for row, label, group in zip(features, labels, groups, strict=True):
        margin = sum(weights.get(f, 0.0) for f in row)
        if group not in best or margin > best[group][0]:
            best[group] = (margin, label)
    return sum(label for _, label in best.values()) / max(1, len(best))


def _end_to_end(records: list[dict], weights: dict[str, float], intercept: float) -> tuple[float, int]:
    """Named-speaker accuracy and its count on held-out articles, the quote stage ranking with these weights."""
    from climadiplo.analyse.evaluate import attribution_metrics
    from climadiplo.annotate import speaker_model

    model = json.loads(speaker_model.MODEL_PATH.read_text(encoding="utf-8"))  # its speech model and word lists
    model["speaker"]["weights"], model["speaker"]["intercept"] = weights, intercept
    shipped = speaker_model.load_model
    speaker_model.load_model = lambda path=None: model  # what select_speakers reads, for this fold only
    try:
        table = attribution_metrics([polnear_to_attribution(record) for record in records]).set_index("metric")
    finally:
        speaker_model.load_model = shipped
    return float(table.loc["named_speaker_accuracy", "value"]), int(table.loc["named_speaker_accuracy", "n"])


def main(argv: list[str] | None = None) -> int:
    """Fit both models and write the JSON weights."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", default=str(ROOT.parent / "shared" / "dev"))
    parser.add_argument("--out", default=str(MODEL_PATH))
    parser.add_argument(
        "--names-out",
        default=str(GIVEN_NAMES_PATH),
        help="where the learned given names and their gender go (CSV; read by climadiplo.annotate.names)",
    )
    parser.add_argument(
        "--cv", action="store_true", help="also print 5-fold cross-validated ranking accuracy (folds by article)"
    )
    parser.add_argument(
        "--cv-end-to-end",
        action="store_true",
        help="with --cv: also run the whole quote stage on each held-out fold (named-speaker accuracy; slow)",
    )
    args = parser.parse_args(argv)
    path = Path(args.shared) / "polnear" / "attribution-train.jsonl"
    if not path.is_file():
        print(f"train_speakers: {path} not found", file=sys.stderr)
        return 2
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    # The rules' pronoun resolver reads the shipped given names; they depend on the train split only, so a
    # second run after changing how they are learned reproduces the file exactly.
    speech_x, speech_y, rank_x, rank_y, groups, fitted = examples(records)
    if args.cv:
        folds = 5
        # Grouped by article: every quotation of one article falls in the same fold.
        doc_fold = np.asarray([index % folds for index, record in enumerate(records) for _ in examples([record])[2]])
        scores = []
        named = []  # per fold: (named-speaker accuracy, quotes scored) of the whole stage
        for fold in range(folds):
            train = [i for i in range(len(rank_x)) if doc_fold[i] != fold]
            test = [i for i in range(len(rank_x)) if doc_fold[i] == fold]
            weights, intercept = fit_listwise(
                [rank_x[i] for i in train],
                [rank_y[i] for i in train],
                [groups[i] for i in train],
                [fitted[i] for i in train],
            )
            scores.append(
                top1(weights, [rank_x[i] for i in test], [rank_y[i] for i in test], [groups[i] for i in test])
            )
            if args.cv_end_to_end:
                held = [record for index, record in enumerate(records) if index % folds == fold]
                named.append(_end_to_end(held, weights, intercept))
        print(f"ranking top-1 accuracy, 5-fold CV on train: {np.mean(scores):.4f}")
        if named:
            accuracy = sum(a * n for a, n in named) / max(1, sum(n for _, n in named))
            print(f"named-speaker accuracy of the whole quote stage, 5-fold CV on train: {accuracy:.4f}")
    speaker_weights, speaker_intercept = fit_listwise(rank_x, rank_y, groups, fitted)
    speech_weights, speech_intercept, _, _ = fit(speech_x, speech_y)
    print(f"ranking top-1 accuracy on train (in sample): {top1(speaker_weights, rank_x, rank_y, groups):.4f}")
    model = {
        "about": (
            "speaker selector (conditional logit: a softmax over each quotation's candidates) and speech/scare"
            " classifier (logistic regression), both over binary features"
        ),
        "trained_on": "PolNeAR v1.0.0 attribution-train (Newell, Margolin & Ruths, LREC 2018); weights only, no text",
        "speaker": {
            "intercept": speaker_intercept,
            "weights": dict(sorted(speaker_weights.items())),
            "non_speakers": non_speakers(records),
        },
        "speech": {"intercept": speech_intercept, "weights": dict(sorted(speech_weights.items()))},
    }
    Path(args.out).write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    names = "".join(f"{name},{gender}\n" for name, gender in given_names(records).items())
    Path(args.names_out).write_text("name,gender\n" + names, encoding="utf-8")
    print(f"train_speakers: {len(set(groups))} quotations, {len(speech_y)} quoted spans -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
