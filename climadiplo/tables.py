"""Run every stage on each document and gather the rows into tidy tables; write them atomically."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from .actors import find_mentions, load_gazetteer, sentence_index
from .claims import annotate_claim
from .clean import clean_text
from .corpus import Document, with_metadata
from .errors import InputError, OutputError
from .events import find_events, parse_reference
from .frames import FRAMES, score_document
from .htmltext import extract_article
from .interview import paragraph_roles
from .quotes import extract_quotes
from .schema import TABLE_COLUMNS, to_frame
from .segment import split_sentences
from .sentiment import domain_score, polarity

Rows = dict[str, list[dict]]
Progress = Callable[[int, int], None]
FORMATS = ("parquet", "csv")
FRAME_METHODS = ("lexicon", "classifier")
DEFAULT_FRAME_METHOD = "lexicon"  # chosen by measurement: higher per-frame kappa on the seed gold (see README)


def annotate(document: Document, frames_method: str = DEFAULT_FRAME_METHOD) -> Rows:
    """Run every stage on one document and return its rows for each table."""
    raw_text = document.raw_text
    if document.is_html:
        article = extract_article(raw_text, document.source)
        raw_text = article.text
        document = with_metadata(document, title=article.title, author=article.author, published=article.published)
    cleaned = clean_text(raw_text)
    document = with_metadata(document, title=cleaned.title, author=cleaned.author)
    sentences = split_sentences(cleaned.text, cleaned.paragraphs)
    paragraph_texts = [cleaned.text[start:end] for start, end in cleaned.paragraphs]
    roles = paragraph_roles(paragraph_texts, document.genre, document.interviewee)
    gazetteer = load_gazetteer()
    mentions = find_mentions(cleaned.text, gazetteer)
    starts = [sentence.start for sentence in sentences]
    mentions_by_sentence: dict[int, list] = {}
    for mention in mentions:
        mentions_by_sentence.setdefault(sentence_index(starts, mention.start), []).append(mention)
    reference = parse_reference(document.reference_date or document.published)
    sentence_rows, event_rows = [], []
    for index, sentence in enumerate(sentences):
        role, voice = roles[sentence.paragraph]
        is_question = sentence.text.rstrip("\"”’')] ").endswith("?")
        claim = annotate_claim(sentence.text, is_question or role == "question")
        score = domain_score(sentence.text)
        sentence_rows.append(
            {
                "doc_id": document.doc_id,
                "sentence": index,
                "paragraph": sentence.paragraph,
                "start": sentence.start,
                "end": sentence.end,
                "text": sentence.text,
                "role": role,
                "voice": voice,
                "is_question": is_question,
                "claim": claim.claim,
                "hedged": claim.hedged,
                "hedge_cues": claim.hedge_cues,
                "checkworthy": claim.checkworthy,
                "checkworthy_score": claim.checkworthy_score,
                "sentiment_score": round(score, 4),
                "sentiment": polarity(score),
            }
        )
        named_events = [
            (mention, gazetteer.actors[mention.actor].date)
            for mention in mentions_by_sentence.get(index, [])
            if mention.actor_type in ("event", "agreement") and gazetteer.actors[mention.actor].date
        ]
        for event in find_events(sentence.text, sentence.start, reference, named_events):
            event_rows.append({"doc_id": document.doc_id, "sentence": index, **event.__dict__})
    _add_frames(document.doc_id, sentence_rows, frames_method)
    quotes = extract_quotes(
        cleaned.text,
        [(s.start, s.end) for s in sentences],
        mentions,
        gazetteer,
        [row["voice"] for row in sentence_rows],
    )
    quote_rows = [
        {"doc_id": document.doc_id, "quote_id": f"{document.doc_id}:q{number:03d}", **quote.__dict__}
        for number, quote in enumerate(quotes, start=1)
    ]
    mention_rows = [
        {
            "doc_id": document.doc_id,
            "sentence": sentence_index(starts, mention.start),
            "start": mention.start,
            "end": mention.end,
            "surface": mention.surface,
            "actor": mention.actor,
            "actor_type": mention.actor_type,
        }
        for mention in mentions
    ]
    interviewee = next((row["voice"] for row in sentence_rows if row["role"] == "answer"), document.interviewee)
    document_row = {
        "doc_id": document.doc_id,
        "title": document.title,
        "outlet": document.outlet,
        "author": document.author,
        "published": document.published,
        "genre": document.genre,
        "text": cleaned.text,
        "n_paragraphs": len(cleaned.paragraphs),
        "n_sentences": len(sentences),
        "n_words": len(cleaned.text.split()),
        "source": document.source,
        "sha256": document.sha256,
        "reference_date": document.reference_date or _reference_from_published(document.published),
        "interviewee": interviewee,
    }
    removed_rows = [
        {
            "doc_id": document.doc_id,
            "kind": item.kind,
            "raw_start": item.raw_start,
            "raw_end": item.raw_end,
            "text": item.text,
        }
        for item in cleaned.removed
    ]
    return {
        "documents": [document_row],
        "sentences": sentence_rows,
        "removed": removed_rows,
        "quotes": quote_rows,
        "mentions": mention_rows,
        "events": event_rows,
    }


def _add_frames(doc_id: str, rows: list[dict], method: str) -> None:
    """Frame scores, labels and cues per sentence, by the lexicon or the (out-of-fold) classifier."""
    texts = [row["text"] for row in rows]
    lexical = score_document(texts, [row["paragraph"] for row in rows])
    for row, scored in zip(rows, lexical, strict=True):
        for frame in FRAMES:
            row[f"{frame}_score"] = scored.scores[frame]
            row[frame] = scored.labels[frame]
        row["frame_cues"] = "|".join(scored.cues)
    if method == "classifier" and rows:
        from .frame_model import neighbours, predict_document

        previous, following = neighbours(texts, [row["paragraph"] for row in rows])
        probabilities = predict_document(doc_id, texts, previous, following)
        for row, probability in zip(rows, probabilities, strict=True):
            for index, frame in enumerate(FRAMES):
                row[f"{frame}_score"] = round(float(probability[index]), 4)
                row[frame] = bool(probability[index] >= 0.5)


def _reference_from_published(published: str | None) -> str | None:
    """The day relative dates resolve against when the catalogue gives none: the publication date."""
    return published or None


def build_tables(
    documents: Iterable[Document], progress: Progress | None = None, frames_method: str = DEFAULT_FRAME_METHOD
) -> dict[str, pd.DataFrame]:
    """Annotate every document and return one sorted DataFrame per table."""
    if frames_method not in FRAME_METHODS:
        raise InputError(f"--frames-method {frames_method}: choose one of {', '.join(FRAME_METHODS)}")
    documents = list(documents)
    rows: Rows = {table: [] for table in TABLE_COLUMNS}
    for index, document in enumerate(documents, start=1):
        for table, table_rows in annotate(document, frames_method).items():
            rows[table].extend(table_rows)
        if progress is not None:
            progress(index, len(documents))
    return {table: to_frame(table, table_rows) for table, table_rows in rows.items()}


def write_tables(
    tables: dict[str, pd.DataFrame], out_dir: str | Path, fmt: str = "parquet", overwrite: bool = False
) -> Path:
    """Write one file per table into out_dir atomically; refuse a non-empty folder unless overwrite."""
    if fmt not in FORMATS:
        raise OutputError(f"--format {fmt}: choose one of {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    check_writable(out_dir, overwrite)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        for name, frame in tables.items():
            write_frame(frame, staging / f"{name}.{fmt}", fmt)
        replace_directory(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out_dir


def check_writable(out_dir: Path, overwrite: bool) -> None:
    """Refuse to write into a non-empty folder (or over a file) unless asked to overwrite."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: exists and is not a directory")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not overwrite:
        raise OutputError(f"{out_dir}: output directory is not empty; pass --overwrite to replace it")


def write_frame(frame: pd.DataFrame, path: Path, fmt: str) -> None:
    """Write a DataFrame as parquet or CSV with deterministic bytes."""
    if fmt == "parquet":
        frame.to_parquet(path, index=False, engine="pyarrow", compression="zstd")
    else:
        frame.to_csv(path, index=False, lineterminator="\n")


def replace_directory(staging: Path, target: Path) -> None:
    """Move a finished staging folder into place, replacing target only once staging is complete."""
    if target.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
        os.replace(target, retired / target.name)
        os.replace(staging, target)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(staging, target)


def read_tables(tables_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Read the tables a previous ``climadiplo tables`` run wrote (parquet or CSV); all must be there."""
    tables_dir = Path(tables_dir)
    if not tables_dir.is_dir():
        raise InputError(f"{tables_dir}: tables folder not found")
    tables = {}
    for name in TABLE_COLUMNS:
        for fmt in FORMATS:
            path = tables_dir / f"{name}.{fmt}"
            if path.is_file():
                frame = (
                    pd.read_parquet(path)
                    if fmt == "parquet"
                    else pd.read_csv(path, keep_default_na=False, na_values=[""])
                )
                tables[name] = to_frame(name, frame.to_dict("records")) if fmt == "csv" else frame
                break
    missing = [name for name in TABLE_COLUMNS if name not in tables]
    if missing:
        raise InputError(
            f"{tables_dir}: missing table(s) {', '.join(missing)} (rebuild with climadiplo tables --out {tables_dir} --overwrite)"
        )
    return tables
