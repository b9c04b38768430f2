"""Find quoted spans in text: curly, straight and angle (« »), double and single, nested and multi-paragraph.

The scanner never fails: an unbalanced mark is dropped at the end of its paragraph and
scanning goes on, so one stray quote cannot swallow or discard the rest of an article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPENING_CONTEXT = ' \n\t([{—–-:;/"“‘'


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation: positions of its marks and of the words inside them (end exclusive)."""

    open_at: int
    close_at: int
    start: int
    end: int
    mark: str  # "double" or "single"
    reopened: tuple[int, ...] = ()  # marks that reopen the quote at each new paragraph


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalpha()


def _opens(text: str, i: int, width: int = 1) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    # Any white space opens (a no-break space before a mark is common in pasted web text), and so does an
    # invisible formatting character (a left-to-right mark pasted from social media).
    opening = before in _OPENING_CONTEXT or before.isspace() or (not before.isprintable() and not before.isalnum())
    return opening and not after.isspace()


def _closes(text: str, i: int, width: int = 1) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return not before.isspace() and not after.isalnum()


# Two apostrophes are one double mark in wire and database text (''like this''), as " is.
_STYLE = {"“": "curly", "”": "curly", "«": "angle", '"': "straight", "''": "straight"}
SPEAKER_TURN = re.compile(r"[A-Z][A-Z.'’ -]{0,30}:\s")  # a transcript's speaker label: "WALLACE: ", "Q: "
# Every alternative a literal (the marks one by one, not a class): `re` then skips in C to the next mark.
_EVENTS = re.compile(r"''|“|”|«|»|\"|‘|’|'|\n\n")


def _mark_at(text: str, i: int) -> str:
    """The quotation mark starting at i ("''" counts as one)."""
    return "''" if text.startswith("''", i) else text[i : i + 1]


def quote_spans(text: str) -> list[QuoteSpan]:
    """All top-level quotations in text, in order; nested quotes of another style stay inside their outer one."""
    spans: list[QuoteSpan] = []
    double_open: int | None = None
    double_start = 0  # where the open quotation's words start (after a mark of one or two characters)
    double_reopened: list[int] = []
    single_open: int | None = None
    skip_until = -1
    restarted = False  # the open quotation began where an earlier one was left open
    resume_at: int | None = None  # after such a quotation closed: where the earlier one may go on

    def restart(i: int, width: int) -> None:
        nonlocal double_open, double_start, double_reopened, restarted, resume_at
        # "“The plan is absurd and “has to do with” money": the earlier quotation, never closed, ends at
        # the new mark (its words are still quoted), and may go on after the inner quotation closes.
        if (
            double_open is not None
            and _STYLE.get(text[i : i + width]) == _STYLE[_mark_at(text, double_open)]
            and any(c.isalnum() for c in text[double_start:i])
        ):
            spans.append(QuoteSpan(double_open, i, double_start, i, "double", tuple(double_reopened)))
            restarted = True
        else:
            restarted = False
        double_open, double_start, double_reopened, resume_at = i, i + width, [], None

    def close(i: int, width: int) -> None:
        nonlocal double_open, double_reopened, restarted, resume_at
        spans.append(QuoteSpan(double_open, i + width - 1, double_start, i, "double", tuple(double_reopened)))
        resume_at = i + width if restarted else None
        double_open, double_reopened, restarted = None, [], False

    # Visit only quotation marks and paragraph breaks; everything else cannot change the state.
    for event in _EVENTS.finditer(text):
        i = event.start()
        if i < skip_until:
            continue
        char = event.group()
        if char == "\n\n":
            single_open, resume_at = None, None  # a single quote never spans paragraphs
            if double_open is not None:
                next_start = i + 2
                while next_start < len(text) and text[next_start].isspace():
                    next_start += 1
                mark = _mark_at(text, next_start)
                # Only a mark of the same style continues it: a straight quote left open and a curly one opening the
                # next paragraph are two quotations (the first one never closed), not one.
                if _STYLE.get(mark) == _STYLE[_mark_at(text, double_open)]:
                    skip_until = next_start + len(mark)
                    if SPEAKER_TURN.match(text, next_start + len(mark)):
                        # "“PENCE: …" after "“WALLACE: …": a new speaker's turn is a new quotation, not more of this one.
                        close(i, 1)
                        double_open, double_start, resume_at = next_start, next_start + len(mark), None
                        continue
                    double_reopened.append(next_start)  # the quotation goes on in the next paragraph
                    continue
                if double_reopened:
                    close(i, 1)  # a quotation reopened paragraph after paragraph was one, even if never closed
                    resume_at = None
                double_open, double_reopened, restarted = None, [], False
            continue
        width = len(char)
        straight = char in ('"', "''")
        if char == "“" and double_open is not None and _closes(text, i) and not _opens(text, i):
            # A left mark where a right one belongs ("the “best in the world“ and"): typed or converted
            # wrongly, it still closes the quotation it follows.
            close(i, 1)
        elif char in "“«" or (
            (straight or char == "”") and double_open is None and _opens(text, i, width) and not _closes(text, i, width)
        ):
            restart(i, width)
            single_open = None
        elif (straight or char in "”»") and double_open is not None:
            if straight and _opens(text, i, width) and not _closes(text, i, width):
                restart(i, width)  # the earlier mark was never closed: start again here
            else:
                close(i, width)
        elif (straight or char in "”»") and resume_at is not None and _closes(text, i, width):
            # '"Reporting that he shouted "Stop!" as he ran."': the words after the inner quotation are quoted too.
            if any(c.isalnum() for c in text[resume_at:i]):
                spans.append(QuoteSpan(resume_at - 1, i + width - 1, resume_at, i, "double"))
            resume_at = None
        elif double_open is None and char in "‘'’":
            if char in "’'" and _is_apostrophe(text, i):
                pass
            elif single_open is not None and char in "’'" and _closes(text, i):
                spans.append(QuoteSpan(single_open, i, single_open + 1, i, "single"))
                single_open = None
            elif char in "‘'" and single_open is None and _opens(text, i):
                single_open = i
    return spans


def mask_quotes(text: str, spans: list[QuoteSpan], offset: int = 0, fill: str = " ") -> str:
    """The text with the inside of every quotation blanked out (same length, offsets kept).

    ``spans`` must be in text order (as quote_spans returns them); only those overlapping
    text[offset:offset+len(text)] are visited, so masking each sentence of a long document stays linear.
    """
    pieces = []
    done = 0  # text[:done] is already in pieces; slices, not a list of characters: the same string, built faster
    first = _first_overlap(spans, offset)
    for span in spans[first:]:
        if span.start >= offset + len(text):
            break
        low, high = max(span.start - offset, done), min(span.end - offset, len(text))
        if high > low:
            pieces.append(text[done:low])
            pieces.append(fill * (high - low))
            done = high
    pieces.append(text[done:])
    return "".join(pieces)


def _first_overlap(spans: list[QuoteSpan], offset: int) -> int:
    """Index of the first span ending after offset (spans ordered, so their ends are increasing)."""
    low, high = 0, len(spans)
    while low < high:
        middle = (low + high) // 2
        if spans[middle].end <= offset:
            low = middle + 1
        else:
            high = middle
    return low
