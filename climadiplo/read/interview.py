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
    paragraph = strip_emphasis(paragraph)  # "**Q: ...?**" is a question whether or not cleaning saw the markers
    if _QUESTION_PREFIX.match(paragraph):
        return True
    if interviewer is not None and (label := _LABEL.match(paragraph)):
        return label.group(1) == interviewer  # in a labelled transcript another label is the interviewee answering
    return ends_with_question(paragraph) and len(paragraph.split()) <= MAX_QUESTION_WORDS


def interviewer_label(paragraphs: list[str]) -> str | None:
    """The transcript label that opens most of the '?'-ending paragraphs (at least 2), e.g. "Reporter"."""
    asking: Counter[str] = Counter()
    answering: Counter[str] = Counter()
    for paragraph in paragraphs:
        paragraph = strip_emphasis(paragraph)
        if label := _LABEL.match(paragraph):
            counter = asking if ends_with_question(paragraph) else answering
            counter[label.group(1)] += 1
    if not asking:
        return None
    label, count = max(asking.items(), key=lambda item: (item[1], -answering[item[0]], item[0]))
    # The interviewer's label asks more often than it answers; an interviewee's label answers.
    return label if count >= 2 and count > answering[label] / 2 else None


def looks_like_interview(paragraphs: list[str]) -> bool:
    """Detect a Q&A layout: an intro naming an interview and ≥2 questions each followed by answers."""
    interviewer = interviewer_label(paragraphs)
    questions = [index for index, text in enumerate(paragraphs) if is_question_paragraph(text, interviewer)]
    if len(questions) < 2:
        return False
    asked = set(questions)
    answered = sum(1 for index in questions if index + 1 < len(paragraphs) and index + 1 not in asked)
    intro = " ".join(paragraphs[: questions[0]])
    plain = [strip_emphasis(text) for text in paragraphs]
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
    is_interview = (genre or "").strip().lower() in INTERVIEW_GENRES or (
        genre is None and looks_like_interview(paragraphs)
    )
    if not is_interview:
        return [("narration", "author")] * len(paragraphs)
    interviewer = interviewer_label(paragraphs)
    asked = [is_question_paragraph(text, interviewer) for text in paragraphs]
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
