"""Interview structure: which paragraphs are narration, questions or answers, and whose voice."""

from __future__ import annotations

import re
from collections import Counter

from climadiplo.read.segment import ends_with_question

_QUESTION_PREFIX = re.compile(r"^(?:Q|Question|Interviewer)\s*[:.\-–—]\s*")
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


def is_question_paragraph(paragraph: str) -> bool:
    """True for an interviewer's line: a short paragraph ending in '?', or one marked 'Q:'."""
    if _QUESTION_PREFIX.match(paragraph):
        return True
    return ends_with_question(paragraph) and len(paragraph.split()) <= MAX_QUESTION_WORDS


def looks_like_interview(paragraphs: list[str]) -> bool:
    """Detect a Q&A layout: an intro naming an interview and ≥2 questions each followed by answers."""
    questions = [index for index, text in enumerate(paragraphs) if is_question_paragraph(text)]
    if len(questions) < 2:
        return False
    answered = sum(
        1 for index in questions if index + 1 < len(paragraphs) and not is_question_paragraph(paragraphs[index + 1])
    )
    intro = " ".join(paragraphs[: questions[0]])
    prefixed = sum(1 for text in paragraphs if _QUESTION_PREFIX.match(text) or _ANSWER_PREFIX.match(text))
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
    is_interview = (genre or "").strip().lower() in INTERVIEW_GENRES or (
        genre is None and looks_like_interview(paragraphs)
    )
    if not is_interview:
        return [("narration", "author")] * len(paragraphs)
    first_question = next((i for i, text in enumerate(paragraphs) if is_question_paragraph(text)), len(paragraphs))
    voice = interviewee or guess_interviewee(" ".join(paragraphs[:first_question])) or UNKNOWN_INTERVIEWEE
    roles = []
    for index, text in enumerate(paragraphs):
        if index < first_question or _EDITORIAL_NOTE.search(text):
            roles.append(("narration", "author"))
        elif is_question_paragraph(text):
            roles.append(("question", "author"))
        else:
            roles.append(("answer", voice))
    return roles
