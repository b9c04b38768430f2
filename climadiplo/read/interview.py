"""Interview structure: which paragraphs are narration, questions or answers, and whose voice."""

from __future__ import annotations

import re
from collections import Counter

from climadiplo.read.clean import strip_emphasis
from climadiplo.read.segment import ends_with_question

_QUESTION_PREFIX = re.compile(r"^(?:Q|Question|Interviewer|Reporter|Journalist)\s*[:.\-–—]\s*")
# A speaker label opening a transcript paragraph ("Reporter:", "Sari:", "Dewi Sari:").
_LABEL = re.compile(
    r"^(?!(?:Update|Updated|Note|Editor['’]s [Nn]ote|Correction|Clarification|Photo|Video|Watch|Read [Mm]ore|Related|"
    r"Source|Sources|Disclosure|Background|Breaking|Live|Warning)\s*:)"  # page furniture, not a speaker
    r"([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})\s*:\s+\S"
)
_ANSWER_PREFIX = re.compile(r"^(?:A|Answer)\s*[:.\-–—]\s*")
_INTRO_CUE = re.compile(
    r"\b(?:I|we)\s+(?:spoke|talked|sat down|caught up)\s+(?:to|with)\b|\binterview(?:ed)?\b|\bQ\s?&\s?A\b",
    re.IGNORECASE,
)
_EDITORIAL_NOTE = re.compile(r"\b(?:edited|condensed) for (?:length|clarity)\b", re.IGNORECASE)
_FULL_NAME = re.compile(r"\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2})\b")
MAX_QUESTION_WORDS = 80
INTERVIEW_GENRES = frozenset({"interview", "q&a", "qa"})
UNKNOWN_INTERVIEWEE = "interviewee"


def is_question_paragraph(paragraph: str, interviewer: str | None = None) -> bool:
    """True for an interviewer's line: a short paragraph ending in '?', one marked 'Q:', or the interviewer's label."""
    return _is_question(strip_emphasis(paragraph), interviewer)  # "**Q: ...?**" is a question either way


def _is_question(plain: str, interviewer: str | None) -> bool:
    """is_question_paragraph of a paragraph whose emphasis markers are stripped already."""
    if _QUESTION_PREFIX.match(plain):
        return True
    if interviewer is not None and (label := _LABEL.match(plain)):
        return label.group(1) == interviewer  # in a labelled transcript another label is the interviewee answering
    return ends_with_question(plain) and len(plain.split()) <= MAX_QUESTION_WORDS


def interviewer_label(paragraphs: list[str]) -> str | None:
    """The transcript label that opens most of the '?'-ending paragraphs (at least 2), e.g. "Reporter"."""
    return _interviewer_label([strip_emphasis(paragraph) for paragraph in paragraphs])


def _interviewer_label(plain: list[str]) -> str | None:
    """interviewer_label of paragraphs whose emphasis markers are stripped already."""
    asking: Counter[str] = Counter()
    answering: Counter[str] = Counter()
    for paragraph in plain:
        if label := _LABEL.match(paragraph):
            counter = asking if ends_with_question(paragraph) else answering
            counter[label.group(1)] += 1
    if not asking:
        return None
    label, count = max(asking.items(), key=lambda item: (item[1], -answering[item[0]], item[0]))
    # The interviewer's label asks more often than it answers; an interviewee's label answers.
    return label if count >= 2 and count > answering[label] / 2 else None


def _layout(paragraphs: list[str]) -> tuple[list[str], str | None, list[bool]]:
    """The paragraphs without emphasis markers (stripped once), the interviewer's label and which are questions."""
    plain = [strip_emphasis(paragraph) for paragraph in paragraphs]
    interviewer = _interviewer_label(plain)
    return plain, interviewer, [_is_question(text, interviewer) for text in plain]


def looks_like_interview(paragraphs: list[str]) -> bool:
    """Detect a Q&A layout: an intro naming an interview and ≥2 questions each followed by answers."""
    return _looks_like_interview(paragraphs, *_layout(paragraphs))


def _looks_like_interview(paragraphs: list[str], plain: list[str], interviewer: str | None, asked: list[bool]) -> bool:
    """looks_like_interview from the paragraphs' layout (``_layout``)."""
    questions = [index for index, question in enumerate(asked) if question]
    if len(questions) < 2:
        return False
    answered = sum(1 for index in questions if index + 1 < len(paragraphs) and not asked[index + 1])
    intro = " ".join(paragraphs[: questions[0]])
    prefixed = sum(1 for text in plain if _QUESTION_PREFIX.match(text) or _ANSWER_PREFIX.match(text))
    if interviewer is not None:  # a labelled transcript: each label line counts as a prefix
        prefixed += sum(1 for text in plain if _LABEL.match(text))
    return answered >= 2 and (bool(_INTRO_CUE.search(intro)) or prefixed >= 4)


def guess_interviewee(intro: str) -> str | None:
    """The full name in an interview's intro whose surname recurs most (ties: the later one)."""
    names = [match.group(1) for match in _FULL_NAME.finditer(intro)]
    if not names:
        return None
    surname_counts = Counter(re.findall(r"\b[A-Z][a-z]+\b", intro))
    best = max(enumerate(names), key=lambda item: (surname_counts[item[1].split()[-1]], item[0]))
    return best[1]


def paragraph_roles(paragraphs: list[str], genre: str | None, interviewee: str | None) -> list[tuple[str, str]]:
    """Return (role, voice) per paragraph: narration/question/answer and author or interviewee."""
    named = (genre or "").strip().lower() in INTERVIEW_GENRES
    if not named and genre is not None:
        return [("narration", "author")] * len(paragraphs)
    plain, interviewer, asked = _layout(paragraphs)
    if not named and not _looks_like_interview(paragraphs, plain, interviewer, asked):
        return [("narration", "author")] * len(paragraphs)
    first_question = next((i for i, question in enumerate(asked) if question), len(paragraphs))
    voice = interviewee or guess_interviewee(" ".join(paragraphs[:first_question])) or UNKNOWN_INTERVIEWEE
    roles = []
    for index, text in enumerate(paragraphs):
        if index < first_question or _EDITORIAL_NOTE.search(text):
            roles.append(("narration", "author"))
        elif asked[index]:
            roles.append(("question", "author"))
        else:
            roles.append(("answer", voice))
    return roles
