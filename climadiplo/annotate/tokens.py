"""A document's sentences tokenised once for every stage that reads the same words.

The tone models and the check-worthiness ranker tokenise alike: words (with inner apostrophes), numbers
(with inner ``.`` or ``,``) and every other non-space character, after typographic apostrophes are
straightened. Tone keeps the case (capitalised words after the first are names); the ranker reads the
lower-cased text. Both are read here in one pass per sentence (``sentence_tokens``), and each stage takes
what it needs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Possessive repeats: nothing follows a token's repeats, so these are the tokens of the plain pattern
# (``[A-Za-z]+(?:'[A-Za-z]+)*|\d+(?:[.,]\d+)*|[^\sA-Za-z\d]``), found without saving states to backtrack to; the
# one-character class comes before the number, as it takes most of the tokens that are no word (10% fewer
# instructions in ``re``).
TOKEN = re.compile(r"[A-Za-z]++(?:'[A-Za-z]++)*+|[^\sA-Za-z\d]|\d++(?:[.,]\d++)*+")


@dataclass(frozen=True)
class SentenceTokens:
    """Per sentence of a document: its text with typographic apostrophes straightened, its tokens (case kept),
    each token lower-cased, and the tokens of its lower-cased text (``folded``).

    ``folded`` is ``lowered`` itself where lower-casing changes only the letters A-Z (then every character keeps
    its class and its place, so the lower-cased text has the same tokens, lower-cased); None where it changes
    another character ("É", "Σ", the Kelvin sign), which may change a class or the length.
    """

    texts: list[str]
    tokens: list[list[str]]
    lowered: list[list[str]]
    folded: list[list[str] | None]


def _folds_as_ascii(text: str) -> bool:
    """Whether lower-casing a text changes only its letters A-Z (bytes.lower() lower-cases only those, and UTF-8
    writes every other character with bytes above 127)."""
    return text.isascii() or text.lower().encode() == text.encode().lower()


def read_sentence(text: str) -> tuple[str, list[str], list[str]]:
    """One sentence read as ``sentence_tokens`` reads each: its straightened text, its tokens, them lower-cased."""
    straight = text.replace("’", "'")
    tokens = TOKEN.findall(straight)
    return straight, tokens, list(map(str.lower, tokens))


def sentence_tokens(texts: Sequence[str]) -> SentenceTokens:
    """A document's sentences' tokens, case kept and lower-cased (see ``SentenceTokens``)."""
    sentences = [read_sentence(text) for text in texts]
    straight = [text for text, _, _ in sentences]
    tokens = [words for _, words, _ in sentences]
    lowered = [words for _, _, words in sentences]
    if _folds_as_ascii("\n".join(straight)):  # most documents: one test for all their sentences
        return SentenceTokens(straight, tokens, lowered, lowered)
    folded = [words if _folds_as_ascii(text) else None for text, words in zip(straight, lowered, strict=True)]
    return SentenceTokens(straight, tokens, lowered, folded)
