"""The per-document pipeline: run every stage on one article (``annotate_document``) and gather tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

from climadiplo.annotate.actors import (
    Gazetteer,
    Mention,
    find_mentions,
    load_gazetteer,
    pronoun_mentions,
    sentence_index,
    sentence_indices,
    single_names,
)
from climadiplo.annotate.claims import annotate_claims
from climadiplo.annotate.events import date_word_sentences, find_events, parse_reference
from climadiplo.annotate.frames import FRAMES, article_frames, score_document
from climadiplo.annotate.quotes import extract_quotes
from climadiplo.annotate.sentiment import DEFAULT_SENTIMENT_METHOD, mention_tones, sentence_tones
from climadiplo.annotate.tokens import sentence_tokens
from climadiplo.read.clean import CleanText, clean_text
from climadiplo.read.corpus import Document, with_metadata
from climadiplo.read.html import extract_article
from climadiplo.read.interview import paragraph_roles
from climadiplo.read.segment import Sentence, ends_with_question, split_sentences
from climadiplo.schema import SORT_KEYS, TABLE_COLUMNS, to_frame

if TYPE_CHECKING:  # (the tables command writes parquet without pandas: see schema.to_table)
    import pandas as pd

Rows = dict[str, list[dict]]
Progress = Callable[[int, int], None]
FRAME_METHODS = ("lexicon", "classifier")
# chosen by measurement on data neither method was fitted to: higher per-frame kappa on the hand-coded PolNeAR
# sample, the classifier cross-validated (climadiplo/annotate/models/frames.json; README)
DEFAULT_FRAME_METHOD = "classifier"


@dataclass(frozen=True)
class Article:
    """One document after reading: its metadata, cleaned text, sentences and actor mentions."""

    document: Document
    cleaned: CleanText
    sentences: list[Sentence]
    gazetteer: Gazetteer
    mentions: list[Mention]
    sentence_starts: list[int]


def annotate_document(
    document: Document, frames_method: str = DEFAULT_FRAME_METHOD, sentiment_method: str = DEFAULT_SENTIMENT_METHOD
) -> Rows:
    """Run every stage on one document and return its rows for each table.

    The stages, in order: read HTML (if any) → clean → split sentences → paragraph roles
    and voices → actor mentions → per-sentence claims, hedges, check-worthiness and tone →
    dated events → frames → quotes and speakers → the document row and cleaning audit.
    """
    article = read_article(document)
    sentence_rows = sentence_table(article, sentiment_method)
    add_frames(article.document.doc_id, sentence_rows, frames_method)
    return {
        "documents": [document_row(article, sentence_rows)],
        "sentences": sentence_rows,
        "removed": removed_table(article),
        "quotes": quote_table(article, sentence_rows),
        "mentions": mention_table(article, sentiment_method),
        "events": event_table(article),
    }


def read_article(document: Document) -> Article:
    """Extract (HTML), clean and segment one document and find its actor mentions."""
    raw_text = document.raw_text
    if document.is_html:
        extracted = extract_article(raw_text, document.source)
        raw_text = extracted.text
        document = with_metadata(
            document,
            title=extracted.title,
            author=extracted.author,
            published=extracted.published,
            outlet=extracted.outlet,
        )
    cleaned = clean_text(raw_text)
    document = with_metadata(document, title=cleaned.title, author=cleaned.author)
    sentences = split_sentences(cleaned.text, cleaned.paragraphs)
    gazetteer = load_gazetteer()
    mentions = find_mentions(cleaned.text, gazetteer)
    starts = [sentence.start for sentence in sentences]
    return Article(document, cleaned, sentences, gazetteer, mentions, starts)


def sentence_table(article: Article, sentiment_method: str = DEFAULT_SENTIMENT_METHOD) -> list[dict]:
    """One row per sentence: position, role and voice, claim type, hedges, check-worthiness and tone."""
    document, cleaned = article.document, article.cleaned
    paragraph_texts = [cleaned.text[start:end] for start, end in cleaned.paragraphs]
    roles = paragraph_roles(paragraph_texts, document.genre, document.interviewee)
    texts = [sentence.text for sentence in article.sentences]
    questions = [ends_with_question(text) for text in texts]
    # Claims and tone are scored per document: one matrix product per model, not one per sentence; the sentences
    # are tokenised once for both.
    read = sentence_tokens(texts)
    claims = annotate_claims(
        texts,
        [q or roles[s.paragraph][0] == "question" for q, s in zip(questions, article.sentences, strict=True)],
        read,
    )
    tones = sentence_tones(texts, sentiment_method, read)
    doc_id, sentences = document.doc_id, article.sentences
    return [
        {
            "doc_id": doc_id,
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
            "sentiment_score": score,
            "sentiment": label,
        }
        for index, (sentence, (role, voice), is_question, claim, (score, label)) in enumerate(
            zip(sentences, [roles[s.paragraph] for s in sentences], questions, claims, tones, strict=True)
        )
    ]


def event_table(article: Article) -> list[dict]:
    """One row per dated expression, resolved against the article's reference date."""
    document, gazetteer = article.document, article.gazetteer
    reference = parse_reference(document.reference_date or document.published)
    named_by_sentence: dict[int, list] = {}
    for mention in article.mentions:
        if mention.actor_type in ("event", "agreement") and gazetteer.actors[mention.actor].date:
            index = sentence_index(article.sentence_starts, mention.start)
            named_by_sentence.setdefault(index, []).append((mention, gazetteer.actors[mention.actor].date))
    sentences = article.sentences
    # find_events finds nothing in a sentence without a date word or a dated named event: skip those
    looked_at = sorted({*date_word_sentences([sentence.text for sentence in sentences]), *named_by_sentence})
    return [
        {"doc_id": document.doc_id, "sentence": index, **event.__dict__}
        for index in looked_at
        for event in find_events(
            sentences[index].text, sentences[index].start, reference, named_by_sentence.get(index, [])
        )
    ]


def add_frames(doc_id: str, rows: list[dict], method: str) -> None:
    """Frame scores, labels and cues per sentence, by the lexicon or the (out-of-fold) classifier."""
    texts = [row["text"] for row in rows]
    paragraphs = [row["paragraph"] for row in rows]
    lexical = score_document(texts, paragraphs)
    columns = [(frame, f"{frame}_score") for frame in FRAMES]
    if method == "classifier" and rows:
        from climadiplo.annotate.frame_model import THRESHOLD, predict_scored

        # Python floats (tolist) compare and round as the numpy scalars would, without a scalar per cell.
        probabilities = predict_scored(doc_id, texts, paragraphs, lexical).tolist()
        for row, probability, scored in zip(rows, probabilities, lexical, strict=True):
            for (frame, score_column), value in zip(columns, probability, strict=False):
                row[score_column] = round(value, 4)
                row[frame] = value >= THRESHOLD
            row["frame_cues"] = "|".join(scored.cues)
        return
    for row, scored in zip(rows, lexical, strict=True):
        scores, labels = scored.scores, scored.labels
        for frame, score_column in columns:
            row[score_column] = scores[frame]
            row[frame] = labels[frame]
        row["frame_cues"] = "|".join(scored.cues)


def quote_table(article: Article, sentence_rows: list[dict]) -> list[dict]:
    """One row per quotation or reported-speech passage, with its speaker."""
    doc_id = article.document.doc_id
    quotes = extract_quotes(
        article.cleaned.text,
        [(s.start, s.end) for s in article.sentences],
        article.mentions,
        article.gazetteer,
        [row["voice"] for row in sentence_rows],
    )
    return [
        {"doc_id": doc_id, "quote_id": f"{doc_id}:q{number:03d}", **quote.__dict__}
        for number, quote in enumerate(quotes, start=1)
    ]


def mention_table(article: Article, sentiment_method: str = DEFAULT_SENTIMENT_METHOD) -> list[dict]:
    """One row per actor mention (and one-word name and pronoun the quote stage does not use), with its tone."""
    text = article.cleaned.text
    names = article.mentions + single_names(text, article.mentions, article.sentence_starts)
    mentions = sorted(names + pronoun_mentions(text, names), key=attrgetter("start", "end"))
    starts = article.sentence_starts
    indices = sentence_indices(starts, [mention.start for mention in mentions])
    ends = [sentence.end for sentence in article.sentences]
    tones = mention_tones(
        [sentence.text for sentence in article.sentences],
        [(i, m.start - starts[i], min(m.end, ends[i]) - starts[i]) for i, m in zip(indices, mentions, strict=True)],
        sentiment_method,
    )
    return [
        {
            "doc_id": article.document.doc_id,
            "sentence": index,
            "start": mention.start,
            "end": mention.end,
            "surface": mention.surface,
            "actor": mention.actor,
            "actor_type": mention.actor_type,
            "sentiment_score": score,
            "sentiment": label,
        }
        for mention, index, (score, label) in zip(mentions, indices, tones, strict=True)
    ]


def document_row(article: Article, sentence_rows: list[dict]) -> dict:
    """The article's own row: metadata, cleaned text, counts, and the interviewee if any."""
    document, cleaned = article.document, article.cleaned
    interviewee = next((row["voice"] for row in sentence_rows if row["role"] == "answer"), document.interviewee)
    return {
        "doc_id": document.doc_id,
        "title": document.title,
        "outlet": document.outlet,
        "author": document.author,
        "published": document.published,
        "genre": document.genre,
        "text": cleaned.text,
        "n_paragraphs": len(cleaned.paragraphs),
        "n_sentences": len(article.sentences),
        "n_words": len(cleaned.text.split()),
        "source": document.source,
        "sha256": document.sha256,
        # relative dates resolve against the publication date when the catalogue gives no reference date
        "reference_date": document.reference_date or document.published or None,
        "interviewee": interviewee,
        **article_frames(sentence_rows),
    }


def removed_table(article: Article) -> list[dict]:
    """One row per paragraph that cleaning dropped, with its offsets into the raw text."""
    return [
        {
            "doc_id": article.document.doc_id,
            "kind": item.kind,
            "raw_start": item.raw_start,
            "raw_end": item.raw_end,
            "text": item.text,
        }
        for item in article.cleaned.removed
    ]


def build_tables(
    documents: Iterable[Document],
    progress: Progress | None = None,
    frames_method: str = DEFAULT_FRAME_METHOD,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    sentiment_method: str = DEFAULT_SENTIMENT_METHOD,
    chunk_size: int | None = None,
) -> dict[str, pd.DataFrame]:
    """Annotate every document and return one sorted DataFrame per table (engines: climadiplo.engines).

    chunk_size: most documents per chunk (default: the engines' own); the tables are the same whatever it is.
    """
    from climadiplo.engines import DEFAULT_CHUNK_SIZE, annotate_chunks, check_engine_options

    chunk_size = DEFAULT_CHUNK_SIZE if chunk_size is None else chunk_size
    check_engine_options(frames_method, workers, engine, scheduler, chunk_size, sentiment_method)
    documents = list(documents)
    parts: dict[str, list[pd.DataFrame]] = {table: [] for table in TABLE_COLUMNS}
    done = 0
    chunks = annotate_chunks(
        documents, frames_method, workers, engine, scheduler, chunk_size, sentiment_method=sentiment_method
    )
    for size, frames in chunks:
        for table, frame in frames.items():
            parts[table].append(frame)
        done += size
        if progress is not None:
            progress(done, len(documents))
    return {table: _concat_sorted(table, frames) for table, frames in parts.items()}


def _concat_sorted(table: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Chunks of one table in one frame, in the table's sort order (stable, so each chunk's order holds)."""
    import pandas as pd

    if not frames:
        return to_frame(table, [])
    whole = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return whole.sort_values(SORT_KEYS[table], kind="stable").reset_index(drop=True)
