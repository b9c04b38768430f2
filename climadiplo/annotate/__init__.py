"""Annotate: one module per annotator; each takes a document's text and sentences, returns records with offsets.

The learned models live beside the rules they build on (``frame_model``, ``tone_model``,
``checkworthy_model``), with their shipped weights as package data in ``annotate/models/``.
"""

from climadiplo.annotate.actors import Gazetteer, Mention, find_mentions, load_gazetteer, sentence_index
from climadiplo.annotate.claims import CLAIM_TYPES, ClaimAnnotation, annotate_claim, annotate_claims
from climadiplo.annotate.events import DatedEvent, find_events, parse_reference
from climadiplo.annotate.frames import FRAMES, FrameScore, score_document, score_sentence
from climadiplo.annotate.quotemarks import QuoteSpan, quote_spans
from climadiplo.annotate.quotes import SPEECH_KINDS, UNKNOWN_SPEAKER, Quote, extract_quotes
from climadiplo.annotate.sentiment import domain_score, mention_tones, polarity, sentence_tones, vader_score

__all__ = [
    "CLAIM_TYPES",
    "FRAMES",
    "SPEECH_KINDS",
    "UNKNOWN_SPEAKER",
    "ClaimAnnotation",
    "DatedEvent",
    "FrameScore",
    "Gazetteer",
    "Mention",
    "Quote",
    "QuoteSpan",
    "annotate_claim",
    "annotate_claims",
    "domain_score",
    "extract_quotes",
    "find_events",
    "find_mentions",
    "load_gazetteer",
    "mention_tones",
    "parse_reference",
    "polarity",
    "quote_spans",
    "score_document",
    "score_sentence",
    "sentence_index",
    "sentence_tones",
    "vader_score",
]
