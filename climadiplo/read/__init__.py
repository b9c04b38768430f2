"""Read: corpus files → Document → cleaned text (with what was removed) → sentences, roles and voices."""

from climadiplo.read.clean import CleanText, Removed, clean_text
from climadiplo.read.corpus import Document, load_corpus, with_metadata
from climadiplo.read.html import ExtractedArticle, extract_article
from climadiplo.read.interview import paragraph_roles
from climadiplo.read.segment import Sentence, ends_with_question, neighbours, split_sentences

__all__ = [
    "CleanText",
    "Document",
    "ExtractedArticle",
    "Removed",
    "Sentence",
    "clean_text",
    "ends_with_question",
    "extract_article",
    "load_corpus",
    "neighbours",
    "paragraph_roles",
    "split_sentences",
    "with_metadata",
]
