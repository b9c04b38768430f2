"""Compare the tables with hand-coded gold annotations and report metrics (never used by extractors)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

import pandas as pd

from climadiplo.analyse.stats import accuracy, binary_scores, macro_f1, pearson, precision_recall_f1
from climadiplo.annotate.actors import NOT_ACTORS, fold_accents
from climadiplo.annotate.claims import CLAIM_TYPES
from climadiplo.annotate.quotes import SPEECH_KINDS, UNKNOWN_SPEAKER, Quote
from climadiplo.errors import InputError
from climadiplo.resources import data_path

Tables = dict[str, pd.DataFrame]
Gold = dict[str, pd.DataFrame]
MetricRow = dict[str, object]
_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def default_gold_dir() -> Path:
    """Return the seed gold folder shipped in data/."""
    return data_path("annotations", "seed-gold")


def normalise(text: str) -> str:
    """Text for matching: straight quote marks, single spaces, stripped."""
    return re.sub(r"\s+", " ", str(text).translate(_QUOTE_MARKS)).strip()


def load_gold(gold_dir: str | Path | None = None) -> Gold:
    """Read every ``*.jsonl`` file of a gold folder into DataFrames keyed by file stem."""
    folder = Path(gold_dir) if gold_dir else default_gold_dir()
    if not folder.is_dir():
        raise InputError(f"{folder}: gold folder not found")
    gold = {}
    for path in sorted(folder.glob("*.jsonl")):
        gold[path.stem] = pd.DataFrame.from_records(_read_gold_file(path, _gold_fields().get(path.stem, ())))
    if not gold:
        raise InputError(f"{folder}: no *.jsonl gold files in this folder")
    return gold


# The gold files evaluate() reads, and the fields each of its records needs (see the seed gold's CODEBOOK.md).
GOLD_FIELDS = {
    "events": ("doc_id", "sentence", "date"),
    "quotes": ("doc_id", "kind", "speaker", "text"),
    "indirect": ("doc_id", "sentence", "speaker"),
}


@cache
def _gold_fields() -> dict[str, tuple[str, ...]]:
    """Fields a gold record must have: GOLD_FIELDS, and for sentences every field of the seed gold's sentences."""
    path = default_gold_dir() / "sentences.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    sentence_fields = tuple(sorted(set.intersection(*(set(record) for record in records)))) if records else ()
    return {**GOLD_FIELDS, "sentences": sentence_fields}


def check_gold_complete(gold: Gold, folder: str | Path | None = None) -> None:
    """Refuse gold that lacks a file evaluate() needs, naming the missing files."""
    missing = [f"{name}.jsonl" for name in ("sentences", *GOLD_FIELDS) if name not in gold]
    if missing:
        where = folder or default_gold_dir()
        raise InputError(f"{where}: missing gold file(s) {', '.join(missing)} (see the seed gold for the format)")


def _read_gold_file(path: Path, required: tuple[str, ...]) -> list[dict]:
    """The records of one gold file; a line that is not a JSON object with the required fields is refused."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not valid UTF-8 ({error.reason} at byte {error.start})") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    records = []
    for line_number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{line_number}: malformed JSON ({error.msg})") from None
        except RecursionError:
            raise InputError(f"{path}:{line_number}: JSON nested too deeply") from None
        if not isinstance(record, dict):
            raise InputError(f"{path}:{line_number}: expected a JSON object (one annotation per line)")
        absent = [name for name in required if name not in record]
        if absent:
            raise InputError(f"{path}:{line_number}: missing field(s) {', '.join(absent)}")
        records.append(record)
    return records


def aligned_sentences(tables: Tables, gold: Gold) -> pd.DataFrame:
    """Gold sentences joined to predicted ones with the same document and text (suffix _gold)."""
    predicted = tables["sentences"].copy()
    predicted["key"] = predicted["text"].map(normalise)
    reference = gold["sentences"].copy()
    reference["key"] = reference["text"].map(normalise)
    reference = reference[reference["doc_id"].isin(set(predicted["doc_id"]))]
    # Same text can occur twice in an article: pair the n-th occurrences.
    predicted["occurrence"] = predicted.groupby(["doc_id", "key"]).cumcount()
    reference["occurrence"] = reference.groupby(["doc_id", "key"]).cumcount()
    return predicted.merge(reference, on=["doc_id", "key", "occurrence"], suffixes=("", "_gold"))


def sentence_metrics(tables: Tables, gold: Gold) -> list[MetricRow]:
    """Sentence boundary precision/recall/F1 and role/voice/question accuracy on matched sentences."""
    predicted = tables["sentences"]
    reference = gold["sentences"][gold["sentences"]["doc_id"].isin(set(predicted["doc_id"]))]
    matched = aligned_sentences(tables, gold)
    in_gold_docs = predicted[predicted["doc_id"].isin(set(reference["doc_id"]))]
    rows = _prf_rows("sentences", len(matched), len(in_gold_docs), len(reference))
    for column in ("role", "voice", "is_question", "paragraph"):
        rows.append(
            _row("sentences", f"{column}_accuracy", accuracy(matched[f"{column}_gold"], matched[column]), len(matched))
        )
    return rows


def _prf_rows(task: str, hits: int, n_predicted: int, n_gold: int) -> list[MetricRow]:
    """Precision (over predictions), recall and F1 (over gold) rows for one task."""
    precision, recall, f1 = precision_recall_f1(hits, n_predicted, n_gold)
    return [
        _row(task, "precision", precision, n_predicted),
        _row(task, "recall", recall, n_gold),
        _row(task, "f1", f1, n_gold),
    ]


def actor_metrics(tables: Tables, gold: Gold) -> list[MetricRow]:
    """Micro precision/recall/F1 of (sentence, actor) pairs against the gold ``actors`` field."""
    matched = aligned_sentences(tables, gold)
    mentions = tables["mentions"]
    known = mentions[~mentions["actor_type"].isin(NOT_ACTORS)]
    by_sentence = known.groupby(["doc_id", "sentence"])["actor"].apply(set).to_dict()
    predicted, expected = set(), set()
    for row in matched.itertuples():
        predicted |= {(row.doc_id, row.sentence, actor) for actor in by_sentence.get((row.doc_id, row.sentence), set())}
        expected |= {(row.doc_id, row.sentence, actor) for actor in row.actors}
    return _prf_rows("actors", len(predicted & expected), len(predicted), len(expected))


def claim_metrics(tables: Tables, gold: Gold) -> list[MetricRow]:
    """Claim-type accuracy and macro-F1, hedge F1 and check-worthiness F1 on matched sentences."""
    matched = aligned_sentences(tables, gold)
    gold_claims = matched["claim_gold"].fillna("").astype(str).tolist()
    our_claims = matched["claim"].fillna("").astype(str).tolist()
    hedge = binary_scores(matched["hedged_gold"].astype(bool).tolist(), matched["hedged"].astype(bool).tolist())
    check = binary_scores(
        matched["checkworthy_gold"].astype(bool).tolist(), matched["checkworthy"].astype(bool).tolist()
    )
    n = len(matched)
    return [
        _row("claims", "accuracy", accuracy(gold_claims, our_claims), n),
        _row("claims", "macro_f1", macro_f1(gold_claims, our_claims, CLAIM_TYPES), n),
        _row("hedging", "precision", hedge[0], n),
        _row("hedging", "recall", hedge[1], n),
        _row("hedging", "f1", hedge[2], n),
        _row("checkworthy", "precision", check[0], n),
        _row("checkworthy", "recall", check[1], n),
        _row("checkworthy", "f1", check[2], n),
    ]


def sentiment_metrics(tables: Tables, gold: Gold) -> list[MetricRow]:
    """Sentiment accuracy, macro-F1 and Pearson r of the score, next to plain VADER on the same sentences."""
    from climadiplo.annotate.sentiment import VADER_NEUTRAL_BAND, polarity, vader_score

    matched = aligned_sentences(tables, gold)
    expected = matched["sentiment_gold"].astype(int).tolist()
    vader_scores = [vader_score(text) for text in matched["text"]]
    vader_labels = [polarity(score, VADER_NEUTRAL_BAND) for score in vader_scores]
    ours = matched["sentiment"].astype(int).tolist()
    n = len(matched)
    return [
        _row("sentiment", "accuracy", accuracy(expected, ours), n),
        _row("sentiment", "macro_f1", macro_f1(expected, ours, (-1, 0, 1)), n),
        _row("sentiment", "pearson_r", pearson(expected, matched["sentiment_score"].tolist()), n),
        _row("sentiment_vader", "accuracy", accuracy(expected, vader_labels), n),
        _row("sentiment_vader", "macro_f1", macro_f1(expected, vader_labels, (-1, 0, 1)), n),
        _row("sentiment_vader", "pearson_r", pearson(expected, vader_scores), n),
    ]


def event_metrics(tables: Tables, gold: Gold) -> list[MetricRow]:
    """Dated events: a gold event is found when a predicted one in its sentence agrees on the date."""
    events = tables["events"]
    reference = gold["events"][gold["events"]["doc_id"].isin(set(tables["documents"]["doc_id"]))]
    unmatched = [(row.doc_id, row.sentence, row.date) for row in events.itertuples()]
    found = 0
    for row in reference.itertuples():
        for candidate in unmatched:
            doc_id, sentence, predicted_date = candidate
            same_place = (doc_id, sentence) == (row.doc_id, row.sentence)
            # Compare at the coarser precision: "2021" agrees with "2021-11".
            if same_place and (predicted_date.startswith(row.date) or row.date.startswith(predicted_date)):
                unmatched.remove(candidate)
                found += 1
                break
    in_gold_docs = events[events["doc_id"].isin(set(reference["doc_id"]))]
    return _prf_rows("events", found, len(in_gold_docs), len(reference))


def _speaker_ok(predicted: str, row) -> bool:
    accepted = {normalise(row.speaker).lower()}
    accepted |= {normalise(name).lower() for name in (getattr(row, "also_accept", None) or [])}
    return normalise(predicted).lower() in accepted


def quote_metrics(tables: Tables, gold: Gold) -> list[MetricRow]:
    """Quotation P/R/F1 by text, speaker accuracy, kind accuracy and the share of unknown speakers."""
    doc_ids = set(tables["documents"]["doc_id"])
    reference = gold["quotes"][gold["quotes"]["doc_id"].isin(doc_ids)]
    quotes = tables["quotes"]
    speech = quotes[quotes["kind"].isin(SPEECH_KINDS) & quotes["doc_id"].isin(set(reference["doc_id"]))]
    pool = {index: (row.doc_id, normalise(row.text)) for index, row in speech.iterrows()}
    speakers_ok = kinds_ok = matched = 0
    for row in reference.itertuples():
        hit = next((index for index, key in pool.items() if key == (row.doc_id, normalise(row.text))), None)
        if hit is None:
            continue
        matched += 1
        speakers_ok += _speaker_ok(speech.loc[hit, "speaker"], row)
        kinds_ok += speech.loc[hit, "kind"] == row.kind
        del pool[hit]
    all_speech = quotes[quotes["kind"].isin(SPEECH_KINDS)]
    unknown = (all_speech["speaker"] == UNKNOWN_SPEAKER).mean() if len(all_speech) else 0.0
    return [
        *_prf_rows("quotes", matched, len(speech), len(reference)),
        _row("quotes", "speaker_accuracy", speakers_ok / matched if matched else 0.0, matched),
        _row("quotes", "kind_accuracy", kinds_ok / matched if matched else 0.0, matched),
        _row("quotes", "unknown_speaker_share", unknown, len(all_speech)),
    ]


def indirect_metrics(tables: Tables, gold: Gold) -> list[MetricRow]:
    """Reported-speech sentences found (P/R/F1 by sentence) and their speaker accuracy."""
    doc_ids = set(tables["documents"]["doc_id"])
    reference = gold["indirect"][gold["indirect"]["doc_id"].isin(doc_ids)]
    quotes = tables["quotes"]
    indirect = quotes[(quotes["kind"] == "indirect") & quotes["doc_id"].isin(set(reference["doc_id"]))]
    predicted = {(row.doc_id, row.sentence): row.speaker for row in indirect.itertuples()}
    hits = [row for row in reference.itertuples() if (row.doc_id, row.sentence) in predicted]
    speakers_ok = sum(_speaker_ok(predicted[(row.doc_id, row.sentence)], row) for row in hits)
    return [
        *_prf_rows("indirect", len(hits), len(predicted), len(reference)),
        _row("indirect", "speaker_accuracy", speakers_ok / len(hits) if hits else 0.0, len(hits)),
    ]


def _frame_rows(
    task: str, gold_labels: pd.DataFrame, predicted: pd.DataFrame, frames: tuple[str, ...] | None = None
) -> list[MetricRow]:
    from climadiplo.analyse.stats import cohen_kappa, krippendorff_alpha_nominal
    from climadiplo.annotate.frames import FRAMES

    rows = []
    for frame in frames or FRAMES:
        expected = gold_labels[frame].astype(bool).tolist()
        ours = predicted[frame].astype(bool).tolist()
        precision, recall, f1 = binary_scores(expected, ours)
        n = len(expected)
        rows += [
            _row(task, f"{frame}_precision", precision, n),
            _row(task, f"{frame}_recall", recall, n),
            _row(task, f"{frame}_f1", f1, n),
            _row(task, f"{frame}_kappa", cohen_kappa(expected, ours), n),
            _row(task, f"{frame}_alpha", krippendorff_alpha_nominal(list(zip(expected, ours, strict=True))), n),
        ]
    return rows


def frame_metrics(tables: Tables, gold: Gold) -> list[MetricRow]:
    """Per-frame P/R/F1, Cohen's kappa and Krippendorff's alpha (excluding frames_unsure) for both methods."""
    from climadiplo.annotate.frame_model import THRESHOLD, predict_document, with_neighbours
    from climadiplo.annotate.frames import FRAMES, score_document

    matched = aligned_sentences(tables, gold)
    sentences = with_neighbours(tables["sentences"][tables["sentences"]["doc_id"].isin(set(matched["doc_id"]))])
    lexicon, classifier = [], []
    for doc_id, group in sentences.groupby("doc_id", sort=True):
        scored = score_document(group["text"].tolist(), group["paragraph"].tolist())
        probabilities = predict_document(
            doc_id, group["text"].tolist(), group["previous_text"].tolist(), group["next_text"].tolist()
        )
        for row, lexical, probability in zip(group.itertuples(), scored, probabilities, strict=True):
            key = {"doc_id": doc_id, "sentence": row.sentence}
            lexicon.append({**key, **lexical.labels})
            classifier.append({**key, **{f: bool(p >= THRESHOLD) for f, p in zip(FRAMES, probability, strict=True)}})
    sure = matched[~matched["frames_unsure"].astype(bool)][["doc_id", "sentence", *[f"{f}_gold" for f in FRAMES]]]
    sure = sure.rename(columns={f"{f}_gold": f for f in FRAMES})
    rows: list[MetricRow] = []
    for task, predictions in (("frames_lexicon", lexicon), ("frames_classifier_cv", classifier)):
        merged = sure.merge(pd.DataFrame(predictions), on=["doc_id", "sentence"], suffixes=("", "_predicted"))
        predicted = merged[[f"{f}_predicted" for f in FRAMES]].rename(columns=lambda c: c.removesuffix("_predicted"))
        rows += _frame_rows(task, merged[list(FRAMES)], predicted)
    return rows


def _read_codes(path: Path) -> pd.DataFrame:
    """A hand-coded CSV read as strings; a missing or unreadable file is an input error."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not a readable CSV ({error})") from None


def _require_binary(codes: pd.DataFrame, columns: Iterable[str], path: Path) -> None:
    """Each of the columns holds only 0 or 1; else an input error naming the file's first bad line."""
    for column in columns:
        bad = ~codes[column].isin(["0", "1"])
        if bad.any():
            raise InputError(f"{path}:{int(codes.index[bad][0]) + 2}: '{column}' must be 0 or 1")


SAMPLE_COLUMNS = ("doc_id", "text_sha1", "cooperation", "competition", "conflict", "frames_unsure", "weight")


def load_frame_sample(path: str | Path) -> pd.DataFrame:
    """Read a coded frames sample (CSV of codes keyed by ``doc_id, text_sha1``); a bad file is an input error."""
    path = Path(path)
    sample = _read_codes(path)
    missing = [column for column in SAMPLE_COLUMNS if column not in sample.columns]
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(missing)}")
    _require_binary(sample, ("cooperation", "competition", "conflict", "frames_unsure"), path)
    weights = pd.to_numeric(sample["weight"], errors="coerce")
    if weights.isna().any() or (weights <= 0).any():
        raise InputError(
            f"{path}:{int(sample.index[weights.isna() | (weights <= 0)][0]) + 2}: 'weight' must be positive"
        )
    return sample.assign(weight=weights.astype(float))


def frame_sample_metrics(sentences: pd.DataFrame, sample: pd.DataFrame, task: str = "frames_sample") -> pd.DataFrame:
    """Per-frame kappa (unweighted and weighted by ``weight``), P/R/F1 of a sentences table against a coded sample.

    The sample holds codes, not text (``doc_id, text_sha1, cooperation, competition, conflict, frames_unsure,
    weight``, as ``data/annotations/frames-dev/sample.csv``); rows are matched to sentences by the SHA-1 of their
    text, so offsets may move. Unsure rows are left out; a sample row with no matching sentence is an input error.
    """
    from climadiplo.analyse.coding import text_sha1, weighted_kappa
    from climadiplo.annotate.frames import FRAMES

    keyed = sentences.assign(text_sha1=[text_sha1(text) for text in sentences["text"]]).drop_duplicates(
        ["doc_id", "text_sha1"]
    )
    coded = sample[~sample["frames_unsure"].astype(int).astype(bool)]
    merged = coded.merge(keyed, on=["doc_id", "text_sha1"], how="left", suffixes=("_coded", ""), indicator=True)
    if (merged["_merge"] != "both").any():
        missing = merged[merged["_merge"] != "both"].iloc[0]
        raise InputError(
            f"sample row {missing['doc_id']} {missing['text_sha1']}: no sentence of the tables has this text"
        )
    rows: list[MetricRow] = []
    n = len(merged)
    for frame in FRAMES:
        expected = merged[f"{frame}_coded"].astype(int).astype(bool).tolist()
        ours = merged[frame].astype(bool).tolist()
        rows += _frame_rows(task, pd.DataFrame({frame: expected}), pd.DataFrame({frame: ours}), frames=(frame,))
        rows.append(_row(task, f"{frame}_weighted_kappa", weighted_kappa(expected, ours, merged["weight"].tolist()), n))
    return pd.DataFrame(rows, columns=["task", "metric", "value", "n"])


ARTICLE_CODE_COLUMNS = {
    "cooperation": "cooperation_frame",
    "competition": "competition_frame",
    "conflict": "conflict_frame",
}


def load_frame_articles(path: str | Path) -> pd.DataFrame:
    """Read article-level frame codes (CSV: ``doc_id``, optional ``text_sha1``, 0/1 ``<frame>_frame`` columns)."""
    path = Path(path)
    codes = _read_codes(path)
    present = [column for column in ARTICLE_CODE_COLUMNS.values() if column in codes.columns]
    if "doc_id" not in codes.columns or not present:
        raise InputError(
            f"{path}: needs a 'doc_id' column and at least one of {', '.join(ARTICLE_CODE_COLUMNS.values())}"
        )
    _require_binary(codes, present, path)
    duplicated = codes["doc_id"].duplicated()
    if duplicated.any():
        raise InputError(f"{path}:{int(codes.index[duplicated][0]) + 2}: doc_id coded twice")
    return codes


def frame_article_metrics(documents: pd.DataFrame, codes: pd.DataFrame, task: str = "frames_articles") -> pd.DataFrame:
    """Per-frame ROC-AUC of the documents table's ``<frame>_share`` against article-level codes.

    A coded article missing from the tables, or whose cleaned text no longer has the coded ``text_sha1``, is an
    input error: the codes would be scored against another text.
    """
    from climadiplo.analyse.coding import text_sha1
    from climadiplo.analyse.stats import roc_auc

    by_id = documents.set_index("doc_id")
    rows: list[MetricRow] = []
    for row in codes.itertuples(index=False):
        if row.doc_id not in by_id.index:
            raise InputError(f"coded article {row.doc_id}: not in the tables' documents")
        expected = getattr(row, "text_sha1", "")
        if expected and text_sha1(str(by_id.at[row.doc_id, "text"])) != expected:
            raise InputError(f"coded article {row.doc_id}: its text differs from the text it was coded on (text_sha1)")
    for frame, column in ARTICLE_CODE_COLUMNS.items():
        if column not in codes.columns:
            continue
        gold = codes[column].astype(int).astype(bool).to_numpy()
        shares = by_id.loc[codes["doc_id"], f"{frame}_share"].to_numpy(dtype=float)
        rows.append(_row(task, f"{frame}_share_roc_auc", roc_auc(gold, shares), len(gold)))
        rows.append(_row(task, f"{frame}_coded_share", gold.mean(), len(gold)))
    return pd.DataFrame(rows, columns=["task", "metric", "value", "n"])


def _row(task: str, metric: str, value: float, n: int) -> MetricRow:
    return {"task": task, "metric": metric, "value": round(float(value), 4), "n": int(n)}


# Each later stage registers its metric function here; evaluate() runs those whose gold exists.
METRICS: list[tuple[str, Callable[[Tables, Gold], list[MetricRow]]]] = [
    ("sentences", sentence_metrics),
    ("sentences", actor_metrics),
    ("sentences", claim_metrics),
    ("sentences", sentiment_metrics),
    ("events", event_metrics),
    ("quotes", quote_metrics),
    ("sentences", frame_metrics),
    ("indirect", indirect_metrics),
]


def evaluate(tables: Tables, gold: Gold) -> pd.DataFrame:
    """Return a metrics table (task, metric, value, n) for every task with gold annotations."""
    gold_doc_ids = set().union(*(set(frame["doc_id"]) for frame in gold.values() if "doc_id" in frame))
    if not set(tables["documents"]["doc_id"]) & gold_doc_ids:
        raise InputError("no document of the corpus has gold annotations (doc_ids differ)")
    rows: list[MetricRow] = []
    for gold_name, metric in METRICS:
        if gold_name in gold:
            rows.extend(metric(tables, gold))
    return pd.DataFrame.from_records(rows, columns=["task", "metric", "value", "n"])


# --- Attribution gold: one article a line, {doc_id, text, quotes: [{start, end, speaker}]} ---------------

PRONOUNS = frozenset("he she they i we it him her them his hers their you who whom that which here us me".split())
_DETERMINERS = frozenset(
    "the a an his her their its this that these those our my your another one some two three several".split()
)
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_WORD = re.compile(r"[^\W\d_][\w’'.-]*")


def _stem(word: str) -> str:
    # Accents folded: "Calderón" in the text is the gazetteer's "Felipe Calderon", one person however written.
    word = fold_accents(word.lower().strip(".’'-"))
    word = re.sub(r"[’']s$", "", word)
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def speaker_keys(speaker: str) -> set[str]:
    """The words a speaker is matched on: each comma-separated part's surname or head word."""
    text = re.sub(r"\([^)]*\)", " ", str(speaker or ""))
    return {key for part in text.split(",") if (key := speaker_key(part))}


def speaker_key(speaker: str) -> str:
    """The word a speaker is matched on: a person's surname, else an organisation's or description's head word."""
    text = re.sub(r"\([^)]*\)", " ", str(speaker or ""))
    head, *rest = re.split(r",|\s(?:of|for|at|from|who|with|in|on|to)\s", text)
    tokens = [t for t in _WORD.findall(head) if _stem(t) not in _NAME_SUFFIXES]
    if rest and tokens and all(t.lower().rstrip(".") in _title_words("office", "role", "body") for t in tokens):
        # A title before the name ("Secretary of State John F. Kerry", "Former Secretary of State Madeleine
        # Albright"): the name after the title is the key. Only a head of office words is a title: "Mr. Morgan of
        # the Sierra Club" is keyed on Morgan, not on the club.
        after = [t for t in _WORD.findall(text) if _stem(t) not in _NAME_SUFFIXES]
        if len(after) >= 2 and after[-1][:1].isupper() and after[-2][:1].isupper():
            tokens = after
    if tokens and tokens[0].lower() in _DETERMINERS and tokens[-1][:1].islower():
        return _stem(tokens[-1])  # "the presumptive Republican nominee": a description, matched on its noun
    names = [
        t
        for t in tokens
        if t[:1].isupper()
        and t.lower() not in _DETERMINERS
        and t.lower().rstrip(".") not in _title_words("honorific")  # "Mrs. Clinton's campaign" is a campaign, not "Mrs"
        and not re.search(r"[’']s$", t)
    ]
    if names:
        return _stem(names[-1])
    words = [t for t in tokens if t.lower() not in _DETERMINERS]
    return _stem(words[-1]) if words else ""


@cache
def _title_words(*kinds: str) -> frozenset[str]:
    """Lower-cased words of ``titles.csv`` of the given kinds, without a full stop (``mrs``, ``secretary``)."""
    from climadiplo.resources import read_rows

    return frozenset(
        row["title"].lower().rstrip(".") for row in read_rows("lexicons", "titles.csv") if row["kind"] in kinds
    )


def is_pronoun(speaker: str) -> bool:
    """True for a speaker written as a bare pronoun ("he", "They")."""
    return str(speaker or "").strip().lower() in PRONOUNS


def speaker_matches(predicted: str, gold: str) -> bool:
    """A predicted speaker is right when it contains the gold speaker's surname or head word."""
    keys = speaker_keys(gold)
    return bool(keys & {_stem(t) for t in _WORD.findall(str(predicted or ""))})


def load_attribution(path: str | Path) -> list[dict]:
    """Read a hand-coded attribution JSONL file (one article a line: doc_id, text, quotes[{start, end, speaker}])."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            f"{path}: cannot read attribution file ({getattr(error, 'strerror', None) or error})"
        ) from None
    records = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            raise InputError(f"{path}:{number}: malformed JSON") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f"{path}:{number}: each line needs a JSON object with a string 'text'")
        quotes = record.get("quotes", [])
        if not isinstance(quotes, list):
            raise InputError(f"{path}:{number}: 'quotes' must be a list of {{start, end, speaker}} inside the text")
        wrong = next((k for k, q in enumerate(quotes, start=1) if not _valid_quote(q, len(record["text"]))), None)
        if wrong is not None:  # which quote and its offsets, so the coder can find it
            quote = quotes[wrong - 1]
            offsets = f" (start {quote.get('start')!r}, end {quote.get('end')!r})" if isinstance(quote, dict) else ""
            raise InputError(
                f"{path}:{number}: doc_id {str(record.get('doc_id', number))[:60]!r}: quote {wrong}{offsets} must be "
                f"{{start, end, speaker}} inside the text (0 <= start < end <= {len(record['text'])}, its length)"
            )
        unkeyed = next((k for k, q in enumerate(quotes, start=1) if "speaker" not in q), None)
        if unkeyed is not None:  # read as "nobody named" it would count a forgotten source as an unnamed one
            raise InputError(
                f"{path}:{number}: quote {unkeyed} has no 'speaker' key "
                "(give the source as the article names it, or null when the article names nobody)"
            )
        bad = next((k for k, q in enumerate(quotes, start=1) if not _valid_mention(q, len(record["text"]))), None)
        if bad is not None:
            raise InputError(
                f"{path}:{number}: quote {bad}: optional 'speaker_start', 'speaker_end' must be given together, "
                "as offsets inside the text with start < end (or both null)"
            )
        records.append({"doc_id": str(record.get("doc_id", number)), "text": record["text"], "quotes": quotes})
    if not records:
        raise InputError(f"{path}: no articles in the attribution file")
    return records


def _valid_quote(quote: object, length: int) -> bool:
    if not isinstance(quote, dict):
        return False
    start, end = quote.get("start"), quote.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and not isinstance(start, bool)):
        return False
    return 0 <= start < end <= length and isinstance(quote.get("speaker", ""), (str, type(None)))


def _valid_mention(quote: dict, length: int) -> bool:
    """The optional source-mention offsets: both absent, both null, or integers 0 <= start < end <= length."""
    if "speaker_start" not in quote and "speaker_end" not in quote:
        return True
    start, end = quote.get("speaker_start"), quote.get("speaker_end")
    if start is None and end is None:
        return True
    if not all(isinstance(value, int) and not isinstance(value, bool) for value in (start, end)):
        return False
    return 0 <= start < end <= length


def polnear_to_attribution(record: dict) -> dict:
    """One PolNeAR article in the attribution format; a pronoun source becomes the source the gold named before."""
    named: list[tuple[int, str]] = []
    for item in [*record.get("quotes", []), *record.get("indirect", [])]:
        if item.get("speaker_start") is not None and not is_pronoun(item.get("speaker")):
            named.append((item["speaker_start"], item["speaker"]))
    named.sort()
    quotes = []
    for quote in record.get("quotes", []):
        speaker = quote.get("speaker") if quote.get("speaker_start") is not None else ""
        written = speaker
        if is_pronoun(speaker):
            before = [name for where, name in named if where < quote["speaker_start"]]
            speaker = before[-1] if before else ""
        entry = {"start": quote["start"], "end": quote["end"], "speaker": speaker or ""}
        if written and written != speaker:
            entry["as_written"] = written
        if quote.get("speaker_start") is not None and quote.get("speaker_end") is not None:
            # The source span as written (for a pronoun, the pronoun): what "source mention found" is scored on.
            entry["speaker_start"], entry["speaker_end"] = quote["speaker_start"], quote["speaker_end"]
        quotes.append(entry)
    return {"doc_id": record["doc_id"], "text": record["text"], "quotes": quotes}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_quotes(predicted: list[tuple[int, int]], gold: list[tuple[int, int]]) -> dict[int, int]:
    """Pair predicted and gold spans one-to-one when they overlap by at least half of the longer one."""
    pairs = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            shared = _overlap(p, g)
            if shared and shared * 2 >= max(p[1] - p[0], g[1] - g[0]):
                pairs.append((-shared, i, j))
    used_p, used_g, matched = set(), set(), {}
    for _, i, j in sorted(pairs):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matched[i] = j
    return matched


Predicted = list[tuple[list, dict[int, int]]]  # per record: its found quotes, and found index -> gold index


def predict_attribution(records: list[dict], predict: Callable[[str], list[Quote]] | None = None) -> Predicted:
    """Each record's predicted direct and partial quotes, paired one-to-one with its gold quotes (match_quotes)."""
    from climadiplo.annotate.quotes import quotes_in_text

    predict = predict or quotes_in_text
    predicted = []
    for record in records:
        found = [q for q in predict(record["text"]) if q.kind in ("direct", "partial")]
        gold = record["quotes"]
        predicted.append(
            (found, match_quotes([(q.start, q.end) for q in found], [(g["start"], g["end"]) for g in gold]))
        )
    return predicted


def attribution_metrics(
    records: list[dict], predict: Callable[[str], list[Quote]] | None = None, predicted: Predicted | None = None
) -> pd.DataFrame:
    """Quote span P/R/F1, named-speaker accuracy, unknown-or-pronoun share and, where the gold gives the source's
    offsets, the share of matched quotes whose predicted speaker mention overlaps them ("source mention found")."""
    predicted = predict_attribution(records, predict) if predicted is None else predicted
    n_pred = n_gold = hits = vague = 0
    with_mention = mention_found = 0
    named = {"name": 0, "pronoun": 0}
    named_ok = {"name": 0, "pronoun": 0}
    for record, (found, matched) in zip(records, predicted, strict=True):
        gold = record["quotes"]
        n_pred, n_gold, hits = n_pred + len(found), n_gold + len(gold), hits + len(matched)
        vague += sum(q.speaker == UNKNOWN_SPEAKER or is_pronoun(q.speaker) for q in found)
        for i, j in matched.items():
            if gold[j].get("speaker_start") is not None:
                with_mention += 1
                found_at = (getattr(found[i], "speaker_start", -1), getattr(found[i], "speaker_end", -1))
                mention_found += (
                    found_at[0] >= 0 and _overlap(found_at, (gold[j]["speaker_start"], gold[j]["speaker_end"])) > 0
                )
            speaker = gold[j].get("speaker") or ""
            if speaker and not is_pronoun(speaker):
                group = "pronoun" if is_pronoun(gold[j].get("as_written")) else "name"
                named[group] += 1
                named_ok[group] += speaker_matches(found[i].speaker, speaker)
    rows = _prf_rows("attribution", hits, n_pred, n_gold)
    total, right = sum(named.values()), sum(named_ok.values())
    # A measure of no quotes is not known (NaN, JSON null), not 0: "0.0000 0" read as a tool that got every one wrong.
    rows.append(_row("attribution", "named_speaker_accuracy", right / total if total else math.nan, total))
    for group, label in (("name", "named_as_written_accuracy"), ("pronoun", "pronoun_resolved_accuracy")):
        rows.append(
            _row("attribution", label, named_ok[group] / named[group] if named[group] else math.nan, named[group])
        )
    rows.append(_row("attribution", "unknown_or_pronoun_share", vague / n_pred if n_pred else math.nan, n_pred))
    if with_mention:  # only when the gold gives source offsets (the optional speaker_start, speaker_end)
        rows.append(_row("attribution", "source_mention_found", mention_found / with_mention, with_mention))
    return pd.DataFrame.from_records(rows, columns=["task", "metric", "value", "n"])


ERROR_COLUMNS = (
    "doc_id",
    "start",
    "end",
    "gold_speaker",
    "predicted_speaker",
    "kind",
    "predicted_start",
    "predicted_end",
    "text",
)


def _speaker_error(predicted: str, gold: dict) -> str | None:
    """What is wrong with a matched quote's speaker, scored as named_speaker_accuracy scores it (None: right)."""
    speaker = gold.get("speaker") or ""
    if not speaker or is_pronoun(speaker):  # a source the gold names nobody for is not scored
        return None
    if predicted == UNKNOWN_SPEAKER or is_pronoun(predicted):
        return "unnamed"
    return None if speaker_matches(predicted, speaker) else "wrong_speaker"


def _error_row(record: dict, start: int, end: int, gold_speaker: str | None, quote, kind: str) -> tuple:
    at = (quote.start, quote.end) if quote is not None else (-1, -1)
    speaker = quote.speaker if quote is not None else ""
    return (record["doc_id"], start, end, gold_speaker or "", speaker, kind, *at, record["text"][start:end])


def attribution_errors(
    records: list[dict], predict: Callable[[str], list[Quote]] | None = None, predicted: Predicted | None = None
) -> pd.DataFrame:
    """One row per gold or predicted quote that is wrong (kind: missed, extra, boundary, wrong_speaker, unnamed).

    A matched quote with a boundary and a speaker error has both, joined by "+" ("boundary+unnamed"). start, end:
    the gold quote's span (the predicted one's for an extra quote); predicted_start, predicted_end: -1 when missed.
    """
    predicted = predict_attribution(records, predict) if predicted is None else predicted
    rows = []
    for record, (found, matched) in zip(records, predicted, strict=True):
        paired = {j: i for i, j in matched.items()}
        for j, quote in enumerate(record["quotes"]):
            got = found[paired[j]] if j in paired else None
            if got is None:
                rows.append(_error_row(record, quote["start"], quote["end"], quote.get("speaker"), None, "missed"))
                continue
            kinds = [] if (got.start, got.end) == (quote["start"], quote["end"]) else ["boundary"]
            kinds += [error] if (error := _speaker_error(got.speaker, quote)) else []
            if kinds:
                rows.append(
                    _error_row(record, quote["start"], quote["end"], quote.get("speaker"), got, "+".join(kinds))
                )
        rows += [_error_row(record, q.start, q.end, "", q, "extra") for i, q in enumerate(found) if i not in matched]
    return pd.DataFrame.from_records(sorted(rows), columns=list(ERROR_COLUMNS))
