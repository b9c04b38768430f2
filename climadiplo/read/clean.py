"""Clean an article: drop page furniture, keep body paragraphs, record what was removed."""

from __future__ import annotations

import re
import re._parser as _sre_parser
import unicodedata
from dataclasses import dataclass
from functools import cache

from climadiplo.resources import read_rows

# Why a verb list: a photo caption is typically a verbless noun phrase ("X with Y in 2013.");
# a lede almost always has a finite verb. These are the commonest finite forms in news.
_FINITE_VERBS = frozenset(
    (
        "is are was were be been am has have had do does did will would can could shall should may might must "
        "says said say tells told asks asked calls called "
        # Common news verbs, so that a lede is not mistaken for a verbless caption (issue 15).
        "show shows rose rise rises fell fall falls grew grows met meet meets came comes went goes took takes "
        "made makes got gets gave gives found finds began begins remain remains include includes"
    ).split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_TERMINAL = re.compile(r"[.!?…:;][\"”’')\]]*$")
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]{1,500})\]\([^()\s]{0,2000}\)")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_SENTENCE_BREAK = re.compile(r"[a-z]{2}[.!?][\"”’')\]]*\s+[A-Z]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\u00a0]*\n\s*")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
# A whole paragraph in Markdown emphasis (*By NAME*, _Write to NAME at …_): the furniture rules see its words.
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1")
# Emphasis inside a body paragraph (**Q: ...?**, __Reporter:__, *Q.*): the markers are layout, not words, and the
# readers after cleaning (interview roles, quotes, the coding sheet) must see the words alone. Not inside a word
# (snake_case, 2*3*4), and not a lone star (a footnote mark).
_INLINE_EMPHASIS = re.compile(r"(?<![\w*\\])(\*{1,3}|_{1,3})(?=[^\s*_])(.{1,300}?)(?<=[^\s*_\\])\1(?![\w*])")


@dataclass(frozen=True)
class Removed:
    """A stretch of the raw text that cleaning dropped, and why."""

    kind: str
    raw_start: int
    raw_end: int
    text: str


@dataclass(frozen=True)
class CleanText:
    """Cleaned body text with paragraph spans and an audit of what was removed."""

    text: str
    paragraphs: tuple[tuple[int, int], ...]
    removed: tuple[Removed, ...]
    title: str | None
    author: str | None


@dataclass(frozen=True)
class _Rule:
    kind: str
    lead_only: bool
    pattern: re.Pattern[str]
    longest: int  # the most characters a match can hold: a longer paragraph cannot fullmatch


@cache
def _boilerplate_rules() -> tuple[_Rule, ...]:
    rules = []
    for row in read_rows("lexicons", "boilerplate.csv"):
        pattern = re.compile(row["pattern"], re.IGNORECASE | re.DOTALL)
        # (IGNORECASE compares one character with one, so the width counts the paragraph's characters)
        longest = _sre_parser.parse(pattern.pattern, pattern.flags).getwidth()[1]
        rules.append(_Rule(row["kind"], row["where"] == "lead", pattern, longest))
    return tuple(rules)


def raw_paragraphs(raw_text: str) -> list[tuple[int, int, str]]:
    """Split raw text at blank lines into (raw_start, raw_end, whitespace-normalised text)."""
    pieces = []
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(raw_text):
        pieces.append((position, match.start()))
        position = match.end()
    pieces.append((position, len(raw_text)))
    paragraphs = []
    for start, end in pieces:
        text = raw_text[start:end]
        if not text.isascii():  # the invisible characters are not ASCII
            text = _INVISIBLE.sub("", text)
        # str.split() splits at the runs `\s+` matches (both ask Py_UNICODE_ISSPACE), ~4x faster than sub + strip
        text = " ".join(text.split())
        if text:
            paragraphs.append((start, end, text))
    return paragraphs


def strip_emphasis(text: str) -> str:
    """Drop Markdown emphasis markers (**bold**, *italic*, __bold__, _italic_), keeping the words inside."""
    for _ in range(3):  # nested emphasis (**bold *and* italic**) peels one level a pass
        if "*" not in text and "_" not in text:
            break
        stripped = _INLINE_EMPHASIS.sub(r"\2", text)
        if stripped == text:
            break
        text = stripped
    return text


def _has_finite_verb(text: str) -> bool:
    return any(
        word.lower() in _FINITE_VERBS or (word.islower() and word.endswith("ed")) for word in _WORD.findall(text)
    )


def is_verbless_caption(paragraph: str) -> bool:
    """True for a short verbless line naming people, a place or a year, as photo captions are."""
    words = _WORD.findall(paragraph)
    if not 3 <= len(words) <= 30 or not paragraph.endswith("."):
        return False
    has_finite_verb = _has_finite_verb(paragraph)
    looks_like_caption = bool(re.search(r"\b(1[89]|20)\d\d\b|\bwith\b|\(left\)|\(right\)|\(center\)", paragraph))
    return not has_finite_verb and looks_like_caption


def _is_title(paragraph: str) -> bool:
    # A headline is one unpunctuated line; "Sentence. Photo: X" holds a sentence break, so it is body text.
    one_line = not _SENTENCE_BREAK.search(paragraph)
    return not _TERMINAL.search(paragraph) and 1 <= len(_WORD.findall(paragraph)) <= 20 and one_line


def clean_text(raw_text: str) -> CleanText:
    """Return the body text of an article, dropping captions, headlines and footers."""
    kept: list[str] = []
    removed: list[Removed] = []
    title = author = None
    in_lead = True
    # Composed accents (NFC) for the furniture rules and all that reads the body; the offsets stay the raw text's.
    paragraphs = [(start, end, _nfc(text)) for start, end, text in raw_paragraphs(raw_text)]
    for index, (start, end, text) in enumerate(paragraphs):
        following = paragraphs[index + 1][2] if index + 1 < len(paragraphs) else None
        kind, found_author = _classify(text, in_lead, following)
        if kind == "title" and title is None:
            title = _MARKDOWN_HEADING.sub("", text)  # "# Headline" of a .md file: the headline without its marker
        if found_author and author is None:
            author = found_author
        if kind is None:
            in_lead = False
            kept.append(strip_emphasis(_MARKDOWN_LINK.sub(r"\1", text)))
        else:
            removed.append(Removed(kind, start, end, text))
    body = _join_broken_paragraphs(kept)
    spans = []
    offset = 0
    for paragraph in body:
        spans.append((offset, offset + len(paragraph)))
        offset += len(paragraph) + 2
    return CleanText("\n\n".join(body), tuple(spans), tuple(removed), title, author)


def _nfc(text: str) -> str:
    """The text with its accents composed (NFC): a name typed decomposed ("g" and a combining breve for "ğ") is then
    one word, as the patterns' \\w takes no combining mark. (ASCII text and most other text is NFC: checked first.)"""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def _classify(text: str, in_lead: bool, following: str | None) -> tuple[str | None, str | None]:
    """The kind of furniture a paragraph is (None for body text) and any author it names."""
    if text[:1] in "*_" and (emphasis := _EMPHASIS.fullmatch(text)):
        text = emphasis.group(2)
    for rule in _boilerplate_rules():
        if (rule.lead_only and not in_lead) or len(text) > rule.longest:
            continue
        match = rule.pattern.fullmatch(text)
        if match and rule.lead_only and not _has_form(rule.kind, text, match):
            continue  # a lead sentence that only contains a byline's or a caption's words is body text
        if match:
            author = match.groupdict().get("author")
            return rule.kind, author.strip() if author else None
    if in_lead and following is not None:
        if is_verbless_caption(text):
            return "caption", None
        # A line continued by a lower-case paragraph is a sentence broken by layout, not a headline.
        if _is_title(text) and not following[:1].islower():
            return "title", None
    return None, None


def _has_form(kind: str, text: str, match: re.Match[str]) -> bool:
    """Evidence beyond a keyword: a byline or caption of the lead has no finite verb outside its credit words."""
    if kind == "byline":
        return not _has_finite_verb(text)
    if kind == "caption" and match.re.groups:
        rest = text[: match.start(1)] + " " + text[match.end(1) :]
        words = _WORD.findall(rest)
        # A caption is one short verbless line (the credit may close it); a lede has a verb or runs longer.
        return not _has_finite_verb(rest) and len(words) <= 30
    return True


def _join_broken_paragraphs(paragraphs: list[str]) -> list[str]:
    """Re-join a paragraph that stops mid-sentence with the next one if it starts lower-case."""
    joined: list[str] = []
    for paragraph in paragraphs:
        if joined and not _TERMINAL.search(joined[-1]) and paragraph[:1].islower():
            joined[-1] = f"{joined[-1]} {paragraph}"
        else:
            joined.append(paragraph)
    return joined
