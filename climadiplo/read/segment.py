"""Split cleaned text into sentences with character offsets (abbreviation-aware rules)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from climadiplo.resources import read_column, read_rows

# A candidate boundary: terminal punctuation, any closing quotes/brackets, white space, and a
# next sentence that opens (after optional opening quotes/brackets) with a capital or digit. One mark, then any more
# (not `[.!?…]+`): a pattern that opens with a character class lets `re` skip in C to the next mark.
_CANDIDATE = re.compile(r"[.!?…][.!?…]*[\"”’')\]]*(?=\s+[\"“‘'(\[]*[A-Z0-9])")
_DOTTED_INITIALS = re.compile(r"^(?:[A-Za-z]\.){2,}$|^[A-Z]\.$")
_NEXT_WORD = re.compile(r"\s+[\"“‘'(\[]*([A-Za-z0-9]+)")
# After an initial, another initial and a capitalised word ("T. C. A. Raghavan"): a run of initials, whatever the
# letter ("A" opens sentences, "A." before a name does not).
_NEXT_INITIAL = re.compile(r"\s+[A-Z]\.\s+[A-Z]")


@dataclass(frozen=True, init=False)
class Sentence:
    """One sentence: its paragraph, offsets into the cleaned text, and text."""

    paragraph: int
    start: int
    end: int
    text: str

    def __init__(self, paragraph: int, start: int, end: int, text: str) -> None:
        # (a frozen dataclass's own __init__ sets each field through object.__setattr__: one update of the
        # instance's dict costs half as much)
        self.__dict__.update(paragraph=paragraph, start=start, end=end, text=text)


@cache
def _abbreviation_rules() -> dict[str, str]:
    return {row["abbreviation"].lower(): row["rule"] for row in read_rows("lexicons", "abbreviations.csv")}


@cache
def _sentence_starters() -> frozenset[str]:
    return frozenset(read_column("lexicons", "sentence_starters.csv", column="word"))


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    """Decide whether a candidate full stop ends the sentence."""
    punctuation = match.group()
    if punctuation != ".":  # ?, !, an ellipsis, or a stop before a closing quote or bracket
        return True
    token_start = max(text.rfind(" ", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
    token = text[token_start : match.end()].lstrip("\"“‘'([")
    rule = _abbreviation_rules().get(token.lower())
    if rule is None and _DOTTED_INITIALS.match(token):
        rule = "starter"
    if rule is None:
        return True
    if rule == "never":
        return False
    if len(token) == 2 and token[0].isupper() and _NEXT_INITIAL.match(text, match.end()):
        return False
    next_word = _NEXT_WORD.match(text, match.end())
    return bool(next_word) and next_word.group(1) in _sentence_starters()


def split_sentences(text: str, paragraphs: tuple[tuple[int, int], ...]) -> list[Sentence]:
    """Split each paragraph of the cleaned text into sentences, keeping offsets."""
    sentences = []
    for paragraph_index, (paragraph_start, paragraph_end) in enumerate(paragraphs):
        paragraph = text[paragraph_start:paragraph_end]
        cut = 0
        for match in _CANDIDATE.finditer(paragraph):
            if _is_boundary(paragraph, match):
                sentences.extend(_span(paragraph, paragraph_index, paragraph_start, cut, match.end()))
                cut = match.end()
        sentences.extend(_span(paragraph, paragraph_index, paragraph_start, cut, len(paragraph)))
    return sentences


def _span(paragraph: str, index: int, offset: int, start: int, end: int) -> list[Sentence]:
    piece = paragraph[start:end]
    stripped = piece.strip()
    if not stripped:
        return []
    start += len(piece) - len(piece.lstrip())
    return [Sentence(index, offset + start, offset + start + len(stripped), stripped)]


def neighbours(texts: list[str], paragraphs: list[int]) -> tuple[list[str], list[str]]:
    """The previous and next sentence of each sentence within its paragraph (empty at paragraph edges)."""
    last = len(texts) - 1
    previous = [texts[i - 1] if i > 0 and paragraphs[i - 1] == paragraphs[i] else "" for i in range(len(texts))]
    following = [texts[i + 1] if i < last and paragraphs[i + 1] == paragraphs[i] else "" for i in range(len(texts))]
    return previous, following


# A dateline opening a wire story: a place in capitals (one to four words), perhaps a region or state and a date,
# perhaps the agency in brackets, then a dash: "GENEVA (Reuters) -", "RENO, Nev. (AP) —", "NEW DELHI, Oct 3 -",
# "BUENOS AIRES, March 3 (Staff) -", "SÃO PAULO —". The place's case is checked after the match (str.isupper).
_DATELINE = re.compile(
    r"[ \t]*(?P<place>[^\W\d_][\w.'’-]*(?:[ \t][^\W\d_][\w.'’-]*){0,3})"
    r"(?:,[ \t](?:[^\W\d_][\w.'’-]*(?:[ \t][^\W\d_][\w.'’-]*)?\.?|\d{1,2}))?"  # ", Nev.", ", Switzerland"
    r"(?:,?[ \t][A-Z][a-z]{2,8}\.?[ \t]\d{1,2}(?:,[ \t]\d{4})?)?"  # a date: ", Oct 3", " March 3, 2025"
    r"(?:[ \t]\([^()\n]{1,40}\))?"  # the agency: "(AP)", "(Reuters)"
    r"[ \t]*(?:—|–|--?)[ \t]+"
)


def dateline_span(text: str) -> tuple[int, int]:
    """Where a dateline opening the article's lede stands ("WASHINGTON (AP) — "), else (0, 0).

    The lede is the text's first paragraph, or one of the next two when a headline or byline stands above it (a text
    read without cleaning). A dateline says where a story was filed: it is no speaker and no one a pronoun stands for.
    """
    start = 0
    for _ in range(3):
        match = _DATELINE.match(text, start, start + 120)
        if match is not None:
            place = match.group("place")
            if place.isupper() and sum(c.isalpha() for c in place) >= 3:  # not "US - China"
                return match.start("place"), match.end()
        start = text.find("\n", start, 600) + 1
        if start == 0:
            break
        while text.startswith("\n", start):
            start += 1
    return 0, 0


def ends_with_question(text: str) -> bool:
    """True if the text ends with a question mark, closing quotes and brackets aside."""
    return text.rstrip("\"”’')] ").endswith("?")


# A live blog's time stamp opening a paragraph, before a capitalised sentence: "09:20", "9.20am", "14:05 GMT",
# "11:15 a.m. ET". Page furniture, as a dateline is (not "3.45 million people": a capital must follow).
# "09:20" or "9.20am": a full stop between the digits only with am/pm or a zone after it, since "3.45 Million people"
# and "12.50 Euros a tonne" open sentences with a figure, not a stamp.
_ZONE = r"(?:GMT|BST|CET|CEST|EET|UTC|EST|EDT|CST|CDT|PST|PDT|ET|PT|local(?: time)?)"
_TIMESTAMP = re.compile(
    r"(?:[01]?\d|2[0-3])(?::[0-5]\d(?:\s?(?:[ap]\.?m\.?))?(?:\s" + _ZONE + r")?"
    r"|\.[0-5]\d(?:\s?[ap]\.?m\.?(?:\s" + _ZONE + r")?|\s" + _ZONE + r"))"
    r"(?:\s*[-–—:|]\s*|\s+)(?=[\"“‘'(\[]*[A-Z])"
)


def timestamp_end(text: str) -> int:
    """Where a live blog's time stamp opening the text ends ("09:20 Union leader …": 6), else 0."""
    if not text[:1].isdigit():
        return 0
    match = _TIMESTAMP.match(text)
    return match.end() if match else 0
