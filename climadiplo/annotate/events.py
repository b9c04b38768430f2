"""Dated events: absolute and relative date expressions resolved against the reference date."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from itertools import accumulate

from climadiplo.annotate.actors import Mention, trie_pattern
from climadiplo.resources import read_column

_MONTH_NAMES = [  # each month's name, then its abbreviations (written with a full stop)
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
]
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names}
WEEKDAYS = {
    name: index
    for index, name in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    ("month_day_year", re.compile(rf"\b{_MONTH}\s(?P<day>\d{{1,2}}),?\s{_YEAR}\b")),
    ("day_month_year", re.compile(rf"\b(?P<day>\d{{1,2}})\s{_MONTH}\s{_YEAR}\b")),
    ("month_year", re.compile(rf"\b{_MONTH}\s(?:of\s)?{_YEAR}\b")),
    # A day and month without a year ("until March 4", "on 4 March"), after the forms with one; not a count
    # ("March 12,000"), a share ("March 5%") nor "in March 12 countries" (a day is "on March 12").
    ("month_day", re.compile(rf"(?<!\bin\s)(?<!\bIn\s)\b{_MONTH}\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?![.,]?\d|%)")),
    ("day_month", re.compile(rf"(?<![\d.,$£€-])\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s(?:of\s)?{_MONTH}(?![\w’'])")),
    (
        "relative_month",
        re.compile(
            rf"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Ii]n|[Ee]arly|[Ll]ate|[Mm]id-?|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom)\s{_MONTH}"
            r"(?!\s\d)"
        ),
    ),
    ("possessive_month", re.compile(rf"\b{_MONTH}[’']s\b")),
    # (a sentence may open with its date: "On Monday, ...", "In March ...")
    ("relative_weekday", re.compile(rf"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Oo]n)\s{_WEEKDAY}\b")),
    (
        "relative_period",
        re.compile(r"\b(?P<rel>this|last|next)\s(?P<period>week|month|year)(?:[’']s)?\b", re.IGNORECASE),
    ),
    ("deictic_day", re.compile(r"\b(?P<word>yesterday|today|tomorrow)\b", re.IGNORECASE)),
    # Not inside a number ("1,2019", "2019,500", "2019.5", "2019%"); a comma after it may end a clause.
    ("year", re.compile(rf"(?<![\d,.$£€-]){_YEAR}(?![\d%]|,\d|s\b|\.\d)")),
]
# What each pattern cannot match without (a year's digits, a month's or a weekday's name): sentences
# without it skip the pattern, which could not have matched there.
_NEEDS = {
    "iso": {"year"},
    "month_day_year": {"year", "month"},
    "day_month_year": {"year", "month"},
    "month_year": {"year", "month"},
    "month_day": {"month", "digit"},
    "day_month": {"month", "digit"},
    "year": {"year"},
    "relative_month": {"month"},
    "possessive_month": {"month"},
    "relative_weekday": {"weekday"},
    "relative_period": {"period"},
    "deictic_day": {"day"},
}
_NEEDED = {
    "year": re.compile(r"(?:19|20)\d\d"),
    "month": re.compile(_MONTH.replace("(?P<month>", "(?:")),
    "weekday": re.compile(_WEEKDAY.replace("(?P<weekday>", "(?:")),
    "digit": re.compile(r"\d"),
}
# The case-insensitive patterns' words, looked for in the lower-cased sentence (see _plainly_lowered).
_NEEDED_LOWER = {"period": re.compile(r"week|month|year"), "day": re.compile(r"yesterday|today|tomorrow")}
# A cheap test that skips the full patterns for the many sentences with no date word at all.
_ANY_DATE_WORD = re.compile(
    r"\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|day\b|\b(?:week|month|year|today|tomorrow)",
    re.IGNORECASE,
)
# The same test on lower-cased text, case-sensitive (IGNORECASE makes `re` several times slower).
_ANY_DATE_WORD_LOWER = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|day\b|\b(?:week|month|year|today|tomorrow)"
)
# Lower-cased, anything a pattern needs (_NEEDED, _NEEDED_LOWER), "may" or "march" as words too; factored by
# prefix, as one long alternation is tried branch by branch at every letter.
_NEED_WORDS = (
    *(name for full, *short in _MONTH_NAMES for name in (full, *(abbreviation + "." for abbreviation in short))),
    *WEEKDAYS,
    *("week", "month", "year", "yesterday", "today", "tomorrow"),
)


def _first_literal_alternation(words: list[str]) -> str:
    """The words' trie, its branches (one per first letter) as top-level alternatives opening with a literal: `re`
    then scans in C for a character that can open one, instead of trying the pattern at every position (the same
    matches as the trie in one group; date_word_sentences a third faster)."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        by_first.setdefault(word[0], []).append(word)
    return "|".join(trie_pattern(group) for _, group in sorted(by_first.items()))


_ANY_NEED_LOWER = re.compile(r"19\d\d|20\d\d|" + _first_literal_alternation(list(_NEED_WORDS)))
_FUTURE_WORDS = (
    r"\b(?:will|would|'ll|’ll|shall|going to|expects?|expected|plans?|planned|upcoming|scheduled|due to|set to|"
    r"intends?|hop(?:e[sd]?|ing) to|aims? to|aimed to)\b"
)
_FUTURE = re.compile(_FUTURE_WORDS, re.IGNORECASE)
_TENSED = frozenset(
    {"relative_month", "possessive_month", "relative_weekday", "month_day", "day_month"}
)  # kinds whose date depends on tense
_FUTURE_LOWER = re.compile(_FUTURE_WORDS)
_MONTH_DAY = frozenset({"month_day", "day_month"})  # a day without a year: the tense of its clause bounds it
# A month and day within six weeks of the piece is the one meant, whatever the tense (news tells of the days just
# past and the weeks ahead; the other side of the reference is ten months or more away). On PolNeAR (train and dev,
# 924 articles) a tense that took such a date across the reference was wrong 12 times of 12; for a date further away
# it was right 9 times of 10 (and three more were Sept. 11 of 2001, wrong either way).
_NEAR = timedelta(days=42)
# The verb a relative date attaches to decides its tense ("said on Thursday it would ..." is last Thursday, "ready to
# meet on Wednesday" next Wednesday): the tense marker nearest the date inside its clause. Future: a modal, a plan or
# readiness "to" (the infinitive's act is still ahead); past: a past-tense or perfect verb (said, met, -ed).
_TENSE_MARKER = re.compile(
    r"\b(?P<modal_past>(?:may|might|must|could|would|should) have)\b"  # "may have brought": a past act
    r"|\b(?P<future>will|would|'ll|’ll|shall|(?-i:may|might|can)|going to|expects?|expected|plans?|planned|planning|"
    r"upcoming|scheduled|due|set to|intends?|hop(?:e[sd]?|ing) to|aims? to|ready to|poised to|willing to|wants? to|"
    r"wanted to|promised to|pledged to|vowed to|threatened to|(?:is|are|was|were) to|next)\b"
    r"|\b(?P<past>was|were|had|did)\b"
    r"|\b(?P<participle>said|told|met|came|went|took|gave|made|held|began|spoke|wrote|saw|left|won|lost|fell|rose|"
    r"sent|kept|found|brought|became|ran|drew|sought|struck|broke|(?-i:[a-z]{2,}(?<!e)ed|agreed|freed))\b",
    re.IGNORECASE,
)
# A past form after these is an adjective or a passive ("a contested convention", "will be held"): no tense.
_NOT_PAST_BEFORE = frozenset(
    "a an the this these those his her its our their my your be been being is are am was were get gets got "
    "very more most less least so too well newly widely fully".split()
)
# "said the talks in May would ...": a date inside what was said takes the tense of the reported verb.
_REPORTED_CLAUSE = re.compile(r"\s+(?:that|the|a|an|it|he|she|they|we|his|her|its|their)\b", re.IGNORECASE)
# Where a date's clause ends: a comma, semicolon, colon, dash or bracket, but not a digit separator ("1,200",
# "12:00") nor a hyphen inside a word.
_CLAUSE_BREAK = re.compile(r"[;—()]|(?<!\d)[,:]|[,:](?!\d)|(?<=\s)[-–](?=\s)")  # a spaced hyphen is a dash
# "Theresa May 10 years ago", "Theresa May's government": "May" right after a capitalised word is a surname, unless
# that word opens a date ("Since May 10", "Through May 10", "Friday May 10"): a sentence starter of
# data/lexicons/sentence_starters.csv, a weekday, a month, or one of these prepositions of time.
# Before a date that names an occasion ("the June 7 primary", "a May 11 speech").
_DETERMINERS = frozenset("the a an this that these those its his her their our my your whose each every".split())
# "to" and a verb (not "to the", "to Iowa"): "ordering him to appear in court May 4".
_INFINITIVE = re.compile(r"\bto\s+(?!(?:the|a|an|his|her|its|their|our|my|your|this|that|these|those)\b)[a-z]+\b")
_WORD_BEFORE = re.compile(r"(?<![\w'’.-])([^\W\d_][\w'’-]*) $")
_DATE_OPENERS = frozenset(
    {"through", "throughout", "till", "around", "between", "starting", "beginning", "come", "mid"}
)


@cache
def _date_words() -> frozenset[str]:
    """Lower-cased words after which a capitalised "May" is the month."""
    starters = read_column("lexicons", "sentence_starters.csv", column="word")
    return frozenset(word.lower() for word in starters) | _DATE_OPENERS | set(WEEKDAYS) | set(MONTHS)


def _surname_may(sentence: str, match: re.Match[str]) -> bool:
    """Whether a date's month is "May" as a surname: right after a capitalised word inside the sentence that opens
    no date ("said Theresa May 10 years ago", not "On May 10", "Friday May 10" nor "LONDON May 10")."""
    if match.groupdict().get("month") != "May":
        return False
    start = match.start("month")
    before = _WORD_BEFORE.search(sentence, max(0, start - 40), start)
    if before is None:
        return False
    word = before.group(1)
    # (a capitalised word opening the sentence may be any word: "Born May 24, 1917", "Effective May 1")
    opens = not sentence[: before.start()].strip(" \"'“‘([")
    return not opens and word[0].isupper() and not word.isupper() and word.lower() not in _date_words()


def _local_tense(sentence: str, start: int, end: int) -> bool | None:
    """True (future) or False (past) from the tense marker nearest the date in its clause; None if it has none.

    Looks left to the clause's start first (the verb a date follows: "said on Thursday"), then right to its end
    ("On Thursday, India said ..."; "talks on Monday will ...").
    """
    left = _clause_start(sentence, start)
    before = [marker for marker in _TENSE_MARKER.finditer(sentence, left, start) if _is_tense(sentence, marker)]
    reported = (
        bool(before)
        and before[-1].group().lower() in ("said", "says")
        and (_REPORTED_CLAUSE.match(sentence, before[-1].end()) is not None)
    )
    if before and not reported:
        return before[-1].group("future") is not None
    # Right of the date to its clause's end, then one clause on ("On Thursday, India said ...", "In interviews on
    # Sunday, he defended ...": a date in an opening phrase takes the main verb after the comma).
    after, position = None, end
    for _ in range(2):
        stop_mark = _CLAUSE_BREAK.search(sentence, position, position + _REACH)
        stop = stop_mark.start() if stop_mark else min(len(sentence), position + _REACH)
        markers = _TENSE_MARKER.finditer(sentence, position, stop)
        after = next((marker for marker in markers if _is_tense(sentence, marker)), None)
        if after is not None or stop == len(sentence):
            break
        position = stop + 1
    if after is None:
        return False if reported else None  # what was said has no verb of its own after the date: the saying's
    return after.group("future") is not None


# How far either side of a date its clause is looked for: linear on a long sentence with many dates and no breaks
# (a clause of news is far shorter; an event's text is cut at 120 characters anyway).
_REACH = 300


def _clause_start(sentence: str, start: int) -> int:
    """Where the clause of a date starting at ``start`` begins: after the last clause break within ``_REACH``."""
    floor = max(0, start - _REACH)
    return max((mark.end() for mark in _CLAUSE_BREAK.finditer(sentence, floor, start)), default=floor)


def _is_tense(sentence: str, marker: re.Match[str]) -> bool:
    """Whether a marker shows tense: a past form does unless an article, a possessive or 'be' goes before it."""
    if marker.group("participle") is None:
        return True
    previous = sentence[max(0, marker.start() - 30) : marker.start()].split()
    word = previous[-1].lower() if previous else ""
    return word not in _NOT_PAST_BEFORE and not word.endswith(("'s", "’s"))


def _plainly_lowered(text: str, lowered: str) -> bool:
    """Whether a case-sensitive search of the lower-cased text finds what IGNORECASE finds in the text.

    It does unless lower-casing changes a length (İ) or the text holds ı or ſ, which IGNORECASE also takes
    for i and s.
    """
    return len(lowered) == len(text) and "ı" not in lowered and "ſ" not in lowered


@dataclass(frozen=True)
class DatedEvent:
    """A date mentioned in a sentence, resolved to ISO form with its precision."""

    start: int
    end: int
    surface: str
    date: str
    precision: str
    event: str


def parse_reference(value: str | None) -> date | None:
    """Parse a reference date (YYYY-MM-DD, YYYY-MM or YYYY); None if absent or malformed."""
    if not value:
        return None
    parts = str(value).strip()[:10].split("-")
    try:
        numbers = [int(part) for part in parts]
        return date(numbers[0], numbers[1] if len(numbers) > 1 else 1, numbers[2] if len(numbers) > 2 else 1)
    except (ValueError, IndexError):
        return None


def _iso(year: int, month: int | None = None, day: int | None = None) -> tuple[str, str]:
    if day is not None and month is not None:
        return f"{year:04d}-{month:02d}-{day:02d}", "day"
    if month is not None:
        return f"{year:04d}-{month:02d}", "month"
    return f"{year:04d}", "year"


def _fold(word: str) -> str:
    """A word matched case-insensitively, as its lower-case ASCII key (IGNORECASE also takes ı and ſ)."""
    return word.lower().replace("ı", "i").replace("ſ", "s")


def _month_number(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _resolve(
    kind: str, match: re.Match[str], reference: date | None, tense: bool | None, bound: bool | None = None
) -> tuple[str, str] | None:
    """The date a match names (and its precision): tense True future, False past, None none found in the sentence;
    bound: the tense a month and day must keep to, if any."""
    future = bool(tense)
    groups = match.groupdict()
    if kind == "iso":
        return _iso(int(groups["year"]), int(groups["m"]), int(groups["d"]))
    if kind in ("month_day_year", "day_month_year"):
        return _iso(int(groups["year"]), _month_number(groups["month"]), int(groups["day"]))
    if kind == "month_year":
        return _iso(int(groups["year"]), _month_number(groups["month"]))
    if kind == "year":
        return _iso(int(groups["year"]))
    if reference is None:
        return None
    if kind in ("relative_month", "possessive_month"):
        month = _month_number(groups["month"])
        relation = (groups.get("rel") or "").lower()
        if relation == "last":
            year = reference.year if month < reference.month else reference.year - 1
        elif relation == "next":
            year = reference.year if month > reference.month else reference.year + 1
        elif relation == "this":
            year = reference.year
        elif tense is None and relation in ("", "in", "early", "late", "mid", "mid-"):  # not "since", "until", "by"
            # No tense in the sentence ("... before a deadline in May" in a piece of late April): the nearest May,
            # as for a month and day; at six months either way the earlier.
            ahead = (month - reference.month) % 12
            year = (
                reference.year + (month < reference.month) if ahead < 6 else reference.year - (month > reference.month)
            )
        elif future:
            year = reference.year if month >= reference.month else reference.year + 1
        else:
            year = reference.year if month <= reference.month else reference.year - 1
        return _iso(year, month)
    if kind in ("month_day", "day_month"):
        return _nearest_month_day(_month_number(groups["month"]), int(groups["day"]), reference, future, bound)
    if kind == "relative_weekday":
        target = WEEKDAYS[groups["weekday"].lower()]
        relation = groups["rel"].lower()
        if relation in ("on", "this") and target == reference.weekday():
            delta = 0  # "on Tuesday" in a piece dated Tuesday is that day, as news writes it
        elif relation == "next" or (relation in ("on", "this") and future):
            delta = (target - reference.weekday()) % 7 or 7
        else:
            delta = -((reference.weekday() - target) % 7 or 7)
        day = reference + timedelta(days=delta)
        return _iso(day.year, day.month, day.day)
    if kind == "relative_period":
        relation, period = _fold(groups["rel"]), _fold(groups["period"])
        step = {"this": 0, "last": -1, "next": 1}[relation]
        if period == "year":
            return _iso(reference.year + step)
        if period == "month":
            month_index = reference.year * 12 + reference.month - 1 + step
            return _iso(month_index // 12, month_index % 12 + 1)
        day = reference + timedelta(weeks=step)
        return _iso(day.year, day.month)  # a week is reported at month precision
    if kind == "deictic_day":
        day = reference + timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[_fold(groups["word"])])
        return _iso(day.year, day.month, day.day)
    return None


def _nearest_month_day(
    month: int, day: int, reference: date, future: bool, bound: bool | None = None
) -> tuple[str, str] | None:
    """A month and day without a year: the nearest to the reference date (this year's, last year's or next), unless its
    clause's tense (bound: True future, False past) puts it on the other side of the reference and it is more than
    ``_NEAR`` away.

    So "March 4" in a piece of 2025-02-04 is 2025-03-04, "January 1" in one of 2025-10-15 is 2026-01-01, and "the
    talks will resume on March 4" in one of 2025-06-01 is 2026-03-04. At equal distance (half a year) a future cue
    in the sentence takes the later one.
    """
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:  # "February 30"; "February 29" outside a leap year
            continue
    if not candidates:
        return None
    later_first = future  # the tie-break: at equal distance, the later date with a future cue, else the earlier

    def distance(candidate: date) -> tuple[int, bool]:
        return abs((candidate - reference).days), (candidate < reference) if later_first else (candidate > reference)

    nearest = min(candidates, key=distance)
    if (
        bound is not None
        and abs(nearest - reference) > _NEAR
        and (nearest < reference if bound else nearest > reference)
    ):
        # (unless the tense rules out every one: "February 29" is in one year of four)
        nearest = min(
            [c for c in candidates if (c >= reference if bound else c <= reference)] or [nearest], key=distance
        )
    return _iso(nearest.year, nearest.month, nearest.day)


def _month_day_bound(sentence: str, start: int, tense: bool | None) -> bool | None:
    """The tense a month and day without a year keeps to: its own clause's (``_local_tense``), unless the date names
    an occasion ("the Nov. 8 election", "Iowa's Feb. 1 caucuses": the verb is not its act) or, in the past, an
    infinitive comes between ("challenged him to debate on April 14": that act lay ahead)."""
    if tense is None:
        return None
    before = sentence[max(0, start - 40) : start].split()
    if before and (before[-1].lower() in _DETERMINERS or before[-1].endswith(("'s", "’s", "s'"))):
        return None
    if tense is False:
        left = _clause_start(sentence, start)
        if _INFINITIVE.search(sentence, left, start):
            return None
    return tense


def _clause(sentence: str, start: int, end: int) -> str:
    """The clause of the sentence around a date expression, as a short event description."""
    left = _clause_start(sentence, start)
    right_mark = _CLAUSE_BREAK.search(sentence, end, end + _REACH)
    right = right_mark.start() if right_mark else min(len(sentence), end + _REACH)
    clause = sentence[left:right].strip(" .")
    return clause if len(clause) <= 120 else clause[:117].rstrip() + "..."


def date_word_sentences(sentences: Sequence[str]) -> list[int]:
    """The indices of the sentences where find_events can find a date (without a named event) — or more.

    A date pattern needs a year, a month or weekday name, or a period or day word (_NEEDS): one search over
    the document's lower-cased sentences (joined by line breaks, which none of those holds), from each hit
    to the next sentence, finds every sentence with one. Lower-casing matches as IGNORECASE does unless it
    changes a length (İ) or the text holds ı or ſ, which IGNORECASE also takes for i and s; then each
    sentence with a digit or date word (find_events's own first test) is kept.
    """
    joined = "\n".join(sentences)
    lowered = joined.lower()
    if not _plainly_lowered(joined, lowered):
        return [index for index, sentence in enumerate(sentences) if _ANY_DATE_WORD.search(sentence)]
    starts = [*accumulate((len(sentence) + 1 for sentence in sentences), initial=0)]
    found, position, search = [], 0, _ANY_NEED_LOWER.search
    while (match := search(lowered, position)) is not None:
        index = bisect_right(starts, match.start()) - 1
        found.append(index)
        position = starts[index + 1]
    return found


def find_events(
    sentence: str,
    offset: int,
    reference: date | None,
    named_events: list[tuple[Mention, str]] | None = None,
) -> list[DatedEvent]:
    """Date expressions in one sentence (offset = its start in the document), plus dated named events."""
    lowered = sentence.lower()
    plain = _plainly_lowered(sentence, lowered)
    if not named_events and not (_ANY_DATE_WORD_LOWER.search(lowered) if plain else _ANY_DATE_WORD.search(sentence)):
        return []
    future = None  # looked for only when a relative date needs it (a scan of the whole sentence)
    taken = bytearray(len(sentence))
    events: list[DatedEvent] = []
    present = {need for need, pattern in _NEEDED.items() if pattern.search(sentence)}
    present.update(need for need, pattern in _NEEDED_LOWER.items() if not plain or pattern.search(lowered))
    for kind, pattern in _PATTERNS:
        if not _NEEDS[kind] <= present:
            continue
        for match in pattern.finditer(sentence):
            start, end = match.span()
            if any(taken[start:end]) or _surname_may(sentence, match):
                continue
            tense = bound = None
            if kind in _TENSED and reference is not None:
                tense = _local_tense(sentence, start, end)
                if kind in _MONTH_DAY:
                    bound = _month_day_bound(sentence, start, tense)
                if tense is None:  # no verb in the date's clause: any future cue in the sentence
                    if future is None:
                        future = bool(_FUTURE_LOWER.search(lowered) if plain else _FUTURE.search(sentence))
                    tense = future or None  # None: no tense anywhere, a month alone is then the nearest
            try:
                resolved = _resolve(kind, match, reference, tense, bound)
            except OverflowError:  # "tomorrow" of 9999-12-31 is past the last date Python can hold
                resolved = None
            if resolved is None:
                continue
            taken[start:end] = b"\x01" * (end - start)
            events.append(
                DatedEvent(offset + start, offset + end, match.group(), *resolved, _clause(sentence, start, end))
            )
    for mention, known_date in named_events or []:
        date_text, precision = _iso(*[int(part) for part in known_date.split("-")])
        local_start, local_end = mention.start - offset, mention.end - offset
        nearby = [e for e in events if abs(e.end - mention.start) <= 12 or abs(mention.end - e.start) <= 12]
        consistent = [e for e in nearby if date_text.startswith(e.date) or e.date.startswith(date_text)]
        if consistent:
            # "this year's COP28", "the 2021 COP26 summit": one event, named, at the finer precision.
            event = consistent[0]
            finer = (date_text, precision) if len(date_text) > len(event.date) else (event.date, event.precision)
            start, end = min(event.start, mention.start), max(event.end, mention.end)
            events[events.index(event)] = DatedEvent(
                start, end, sentence[start - offset : end - offset], *finer, mention.actor
            )
        elif mention.actor_type == "event" and not any(taken[local_start:local_end]):
            # A meeting is an event in itself; an agreement or law only names a date written beside it.
            events.append(DatedEvent(mention.start, mention.end, mention.surface, date_text, precision, mention.actor))
    return sorted(events, key=lambda event: (event.start, event.end))
