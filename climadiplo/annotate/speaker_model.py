"""Learned speaker selector: rank the candidate speakers around each quotation with a logistic regression.

Candidates come from the text itself (capitalised names with titles, initials, particles and
suffixes; gazetteer actors; pronouns; role and group nouns; descriptions, outlets and documents standing as
a cue's subject, "the ad says", "asked one questioner"; a name's possessive phrase, "Sanders’ campaign said", "Axelrod’s
memoir says", which is the phrase and not its possessor; the previous quotation's speaker),
each within a bounded window around the quotation, so the work per quotation is bounded.
Features describe where a candidate stands (side, distance, sentence, paragraph), how it relates
to a speech cue (subject of the cue, inverted subject, apposition, a colon before the quote) and
what it is (name, pronoun, description, and its own words when they recur across training articles:
"Ohio" or "GOP" is rarely anyone's voice). A pronoun is resolved to the last named subject of its
gender (the article's Mr./Mrs./Ms., else given names learned from the train split), preferring the last source
of speech ("X said", "X, an aide, said", ", said X"), then a sentence's subject (its first candidate no
preposition governs: "Speaking in Salem, Dale Ortiz met Paul Hask"). Weights are
fitted by ``training/train_speakers.py`` on PolNeAR attribution-train and shipped in ``models/speakers.json``. A second small model decides
whether a quoted span is someone's speech at all (partial quotes) or a scare quote or title.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from functools import cache, lru_cache
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from climadiplo.annotate.actors import (
    _PLACE_TYPES,  # gazetteer types a capitalised name may hold ("Mark Cuban")
    LOWER,
    UNKNOWN,
    UPPER,
    Gazetteer,
    Mention,
    _common_words,
    fold_accents,
    trie_pattern,
)
from climadiplo.annotate.names import given_gender, is_given_name, name_gender
from climadiplo.annotate.quotemarks import SPEAKER_TURN, QuoteSpan
from climadiplo.read.segment import dateline_span
from climadiplo.resources import read_column, read_rows

MODEL_PATH = Path(__file__).with_name("models") / "speakers.json"
BEFORE_REACH = 300  # characters before the opening mark searched for a speaker
AFTER_REACH = 200  # characters after the closing mark
# Nearest candidates kept on each side: bounded work per quotation. Train end-to-end 5-fold CV (session 10): 6/4
# 0.8513, 8/4 0.8518, 8/6 0.8515, 10/4 0.8523 (= 12/4: the reach bounds it), 10/3 0.8524, 10/2 0.8500.
MAX_BEFORE, MAX_AFTER = 10, 3
PRONOUN_REACH = 40  # name candidates looked back at to resolve a pronoun
SPEECH_THRESHOLD = 0.5  # the speech model decides speech against scare quote or title (the rules' call is a feature)

_TITLES = "Mr|Mrs|Ms|Dr|Sen|Rep|Del|Gov|Gen|Prof|Pres|Lt|Col|Sgt|Capt|Rev|Hon|St"
# A name's capitals are any cased script's (UPPER: "Érdi", "Ōno"); its other letters are \w already.
_TOKEN = rf"(?:(?:{_TITLES})\.|(?:{UPPER}\.)+|{UPPER}(?:[\w’'-]*\w)?)"
_PARTICLE = r"(?:de|la|del|da|di|van|von|der|den|bin|al|le|du|ibn|el)"
# Python's re skips in C to the positions that can open a match only when a pattern opens with a character class
# or literal alternatives, not with a look-around. So each scan below consumes its first character and checks what
# precedes it after it ("[A-Z](?<![\w’'-][A-Z])" for "(?=[A-Z])(?<![\w’'-])"): the same matches, found faster.
# _NAME's first token is _TOKEN with its first capital taken out front: the titles by first letter, in _TOKEN's order.
_TITLE_RESTS: dict[str, list[str]] = {}
for _title in _TITLES.split("|"):
    _TITLE_RESTS.setdefault(_title[0], []).append(_title[1:])
_FIRST_TOKEN = (
    rf"{UPPER}(?<![\w’'-][\s\S])(?:(?:"
    + "|".join(rf"(?<={first})(?:{'|'.join(rests)})" for first, rests in _TITLE_RESTS.items())
    + rf")\.|\.(?:{UPPER}\.)*|(?:[\w’'-]*\w)?)"
)
_NAME = re.compile(
    rf"{_FIRST_TOKEN}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_TOKEN})*(?:,?[ \t]+(?:Jr\.|Sr\.|II|III|IV)(?![\w]))?"
)
_PRONOUN = re.compile(
    "("
    + "|".join(rf"{word[0]}(?<![\w’'-][\s\S]){word[1:]}" for word in "He I She They We he she they we".split())
    + r")(?![\w’'-])"
)
_POSSESSIVE = re.compile(r"[’']s?(?![\w])")
_ORG_WORD = re.compile(
    r"\b(?:Institute|University|Council|Ministry|Agency|Group|Bank|Company|Corp|Foundation|Center|Centre|"
    r"Association|Commission|Committee|Party|Department|Office|Fund|Network|Times|Post|News|Journal|Campaign|"
    r"Club|Project|Society|Union|Inc|LLC|Press|Magazine|Daily|Review|Herald|Tribune|Poll|Survey|Report)\b"
)
# A name a preposition governs is no sentence's subject ("Speaking in Salem, Dale Ortiz went after Paul Hask").
_GOVERNING = frozenset(
    "to of about with for against by from on at in into than like over after before near under during toward "
    "towards between behind among across through without and or".split()
)
_SUFFIXES = {"Jr.", "Sr.", "II", "III", "IV"}
_SUFFIX_STARTS = ("Jr.", "Sr.", "II", "IV")
_BODY_TYPES = frozenset({UNKNOWN, "organisation"})  # mentions a longer capitalised run may be headed by a name
_POSSESSIVE_LEAD = re.compile(r"^[’']s?")
_HEADLINE_VERB = re.compile(r"[a-z](?:ed|ing)$")  # "Questioned", "Slamming": a headline's verb, no name's word
_PEOPLE = re.compile(r"[A-Z][a-z]+(?:ans|ese|ish|is|ers|ns)")  # a demonym in the plural: "Mexicans", "Israelis"
_PERSONAL = frozenset({"Mr.", "Mrs.", "Ms.", "Miss", "Dr.", "Mr", "Mrs", "Ms", "Dr"})
_HONORIFICS = frozenset({"Mr.", "Mrs.", "Ms.", "Dr.", "Sen.", "Rep.", "Gov.", "Gen.", "Prof.", "Mr", "Mrs", "Ms", "Dr"})
_LOWER_WORD = re.compile(r"(?=[a-z])(?<![\w’'-])[a-z][a-z’'-]+")
_LOWER_RUN = re.compile(r"[a-z][a-z’'-]+")  # what a _LOWER_WORD match is made of
_WORD_CHAR = re.compile(r"[\w’'-]")  # a character before a _LOWER_WORD match may not be one of these
_RUN_CHAR = re.compile(r"[a-z’'-]")  # nor after it (the match is greedy)
_PARTY_TAG = re.compile(r"[RDI]-[A-Z][\w.-]*")  # "(R-OK)", "D-Ill."
# A parenthesis after a name that gives its party or state ("(Vt.)", "(R)", "(D-S.C.)", "(I-Vt.)", "(N.Y.)"): the
# name's tag, never a speaker of its own.
_TAG_PARENS = re.compile(
    r"\((?:[RDI](?:-[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?)?|[A-Z][a-z]{0,4}\.(?:[ \t]?[A-Z][a-z]{0,4}\.)?|[A-Z]\.[A-Z]\.)\)"
)
_NOT_A_NAME = re.compile(r"(?:ing|ed|ly|ions|ment|ness|ity)$")
_QUOTE_MARK = re.compile(r"[“”\"]")
_COLON_GAP = re.compile(r"\s*:\s*")
_FOLLOWING_WORD = re.compile(r"\s+[a-z]")
_DETERMINER_BEFORE = re.compile(r"(?<![\w’'-])(?:[Tt]he|[Aa]n?)[ \t]+$")
_GIVEN_BEFORE = re.compile(rf"(?<![\w’'.-])({UPPER}{LOWER}+)[ \t]+$")  # "Eric " before "Trump" in one capitalised run
_ACCORDING = re.compile(r"\b[Aa]ccording[ \t\xa0]+to[ \t\xa0]+(?:[Tt]he[ \t\xa0]+)?$")
# An adverb between a subject and its verb ("Clinton also said", "Delgado once described"): the verb is still its own.
_ADVERB = (  # nouns in -ly are no adverbs ("the Clinton family said")
    r"(?:also|then|once|later|still|never|often|again|(?!(?:family|rally|ally|assembly|supply)\b)[a-z]{2,}ly)[ \t\xa0]+"
)
_PAST_VERB = re.compile(r"[ \t\xa0]+(?:" + _ADVERB + r")?[a-z]{2,}ed\b")
_ADVERB_GAP = re.compile(r"[ \t\xa0]+" + _ADVERB)
_CLOSES_SENTENCE = frozenset(".!?”\"’'")
_HONORIFIC_NAME = re.compile(rf"(M(?<!\w[\s\S])(?:r|rs|s|iss))\.?[ \t]+({UPPER}[\w’'-]+)")  # \b before M: see _NAME
_LEXICAL_TYPES = frozenset({"name1", "name2", "name1k", "acronym", "org"})
_PHRASES = frozenset({"role", "desc"})
_NAMED = frozenset(
    {"gperson", "name2", "name1", "name1k"}
)  # candidates named by a noun phrase: a name inside them is their head
_ABBREVIATIONS = [*_TITLES.split("|"), "Adm", "Sens", "Reps"]  # a name's titles, and others that end no sentence
# A full stop after a title or an initial ends no sentence ("Mr. Trump", "J. Smith"): fixed-width look-behinds,
# checked after the mark (see _NAME).
_NO_BREAK_AFTER = "".join(rf"(?<!\b{word}[.!?;؟۔।。！？])" for word in _ABBREVIATIONS)
_SENTENCE_BREAK = re.compile(
    rf"[.!?;؟۔।。！？\n](?:(?<=\n)|(?<!\b[A-Z][.!?;؟۔।。！？]){_NO_BREAK_AFTER}[.!?;؟۔।。！？]*[\"”’')\]]*\s)"
)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# The auxiliaries and adverbs that may stand between a subject and its cue ("also noted", "has said").
_AUX_OR_ADVERB = r"(?:has|have|had|will|would|also|later|then|now|again|once|just|still|never|often|[a-z]+ly)"
# Between a subject and its cue: adverbs and auxiliaries only ("also noted", "has said"), or a party tag
# ("Rep. Alma Pruitt (D-Minn.) said").
# Or a time phrase ("Sen. Ralph Tolliver (I-Vt.) on Saturday criticized", "Ms. Ortiz last week told").
_TIGHT_GAP = re.compile(
    r"\s*(?:\([^()\n]{1,30}\)\s*)?(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"yesterday|today|(?:last|this|earlier\s+this)\s+(?:week|month|year))\s+)?"
    rf"(?:{_AUX_OR_ADVERB}\s+)*"
)
# Between a role noun and its cue: what the role is of ("for India's Ministry of External Affairs", "at the embassy").
_ROLE_QUALIFIER = re.compile(r"\s+(?:for|of|at|from|in|with)\s+[^,.;:\n“”\"]{1,60}?\s+(?:(?:also|has|had)\s+)?")
_PAREN_GAP = re.compile(r"\s*\([^()\n]{1,30}\)[\s,]*")
# Between an inverted cue and its subject: titles and initials only ("said Rep. J.T. Wexford").
_TITLE_GAP = re.compile(r"\s+(?:(?:[A-Z][a-z]{0,4}\.|[A-Z]\.)+\s*)+")
_LABEL_COLON = re.compile(r"[ \t]*:")
_SIGNATURE = re.compile(r"[ \t\xa0,.”\"’']*\n\s*[-–—]+[ \t\xa0]*")  # a closing mark, a line break, a dash
# Between a closing mark and the name that follows it: punctuation, titles and initials ("”, Mr. King said"),
# never a line break (a new paragraph's "Kamarck noted" does not name the speaker of the quotation before it).
_NEXT_GAP = re.compile(r"[ \t\xa0,”\"’']*(?:(?:[A-Z][a-z]{0,4}\.|[A-Z]\.)+\s*)*")
# A name that modifies the head of its noun phrase ("said Clinton’s top aide Jake Sullivan", "Cruz constituent Dan
# Golvach said"): one to four lower-case words, none a function word, then perhaps a comma and a title, then the head.
_MODIFIED_WORDS = (
    r"(?:[’']s)?(?:[ \t\xa0]+(?!(?:to|of|in|on|at|by|for|with|from|and|or|the|a|an|that|who|which|is|was|are|were|has|"
    r"have|had|will|would|said|says|told|as|about|after|before|when|while|but|not|also|then|this|its|his|her|their)"
    r"[ \t\xa0,])[a-z][a-z-]+){1,4},?[ \t\xa0]+(?:(?:[A-Z][a-z]{0,4}\.|[A-Z]\.)[ \t\xa0]*)*"
)
_NEXT_NAME = re.compile(rf"[’']s?[ \t\xa0]+(?:[A-Z][a-z]{{0,4}}\.[ \t\xa0]*)*{UPPER}{LOWER}")  # "Fox News’ Bret Baier"
_PERSON_NOUN = re.compile(r"(?:ist|er|or|ant|ent|man|woman|aide|chief|official|staffer|rep)$")
_TAIL_STARTS = frozenset(" \t\xa0’'")  # a modifier tail opens with a blank or a possessive: a cheap test first
_APOSTROPHE = re.compile("[’']")  # a cheap test before the possessive patterns
_APOSTROPHES = frozenset("’'")  # what a _POSSESSIVE match opens with
_MODIFIER_TAIL = re.compile(_MODIFIED_WORDS + rf"(?={UPPER}{LOWER})")
_MODIFIED_HEAD = re.compile(
    rf"[ \t\xa0]+(?:[a-z]+[ \t\xa0]+)?(?:{UPPER}[\w’'-]*[ \t\xa0]+){{0,3}}{UPPER}[\w’'-]*" + _MODIFIED_WORDS
)
_ABBREVIATION = re.compile(rf"(?:\b(?:{'|'.join(_ABBREVIATIONS)})|\b[A-Z])\.$")
# A cue that inverts its subject follows a quotation or a comma: "“…,” said X", ", said X".
_TOLD = re.compile(r"\b(?:told|tells|tell|telling)$")
_INVERTING = re.compile(r"[,”\"'’]\s*[a-z]+(?:\s+[a-z]+)?$")

# A description as the subject of a cue ("the ad's narrator says", "one questioner asked") or its inverted
# subject ("said the clerk"): a determiner, up to three modifiers and a lower-case head noun.
_DESC_MODIFIERS = (
    r"((?:(?!(?:to|be|is|was|are|were|and|or|of|the|a|an|as|that|who|in|on|for|has|have|had|said|says)\s)"
    r"[\w’'.-]+\s+){0,3}?)"
)
_DESC_DETERMINER = r"(?:the|a|an|one|another|several|some|many|two|three|his|her|its|their)\s+"
_DESC_BEFORE = re.compile(
    rf"(?<![\w’'-]){_DESC_DETERMINER}{_DESC_MODIFIERS}([a-z][a-z-]+)\s+"
    rf"(?:{_AUX_OR_ADVERB}\s+)*$"
)
# A name and its possessive ending, the name in group 1: "Sanders’ ", "Obama's ".
_POSSESSIVE_NAME = rf"(?<![\w’'.-])({UPPER}[\w.-]*(?:[ \t]+{UPPER}[\w.-]*){{0,3}})[’']s?[ \t]+"
# Or a name's possessive as its determiner ("Axelrod’s new memoir says").
_OWNED_DESC = re.compile(
    rf"{_POSSESSIVE_NAME}(?:[a-z][\w-]*[ \t]+){{0,2}}?([a-z][a-z-]+)[ \t]+(?:{_AUX_OR_ADVERB}[ \t]+)*$"
)
_DESC_AFTER = re.compile(
    rf"\s+{_DESC_DETERMINER}{_DESC_MODIFIERS}([a-z][a-z-]+)(?=\s*(?:[,.;:!?)]|$)|\s(?:of|for|at|in|who|from|with)\s)"
)


class Candidate(NamedTuple):
    """A possible speaker: its span, display name, gazetteer actor (or ""), and what it is."""

    # A named tuple, not a frozen dataclass: a document makes thousands, and this builds five times faster.

    start: int
    end: int
    name: str
    actor: str
    ctype: str


# Pronouns, articles and conjunctions that open sentences, beside data/lexicons/sentence_starters.csv.
_OPENING_WORDS = frozenset({"I", "The", "A", "An", "He", "She", "They", "We", "It", "This", "That", "But", "And"})


@cache
def _stopwords() -> frozenset[str]:
    titles = read_column("lexicons", "titles.csv", column="title")
    return _starters() | frozenset(titles) | {t[:1].upper() + t[1:] for t in titles}


@cache
def _starters() -> frozenset[str]:
    """Capitalised words that open sentences and headlines, never a name's part ("What", "It", "The")."""
    return frozenset(read_column("lexicons", "sentence_starters.csv", column="word")) | _OPENING_WORDS


@cache
def _role_pattern() -> re.Pattern[str]:
    """Role and group nouns, matched on lower-cased text (fast: one alternation, no look-back)."""
    rows = read_rows("lexicons", "titles.csv")
    roles = [row["title"].lower() for row in rows if row["kind"] in ("role", "body")]
    lead = "(?=[" + "".join(re.escape(char) for char in sorted({role[0] for role in roles})) + "])"
    return re.compile(rf"{lead}(?<![\w-])({trie_pattern(sorted(set(roles)))})(?![\w-])")  # a trie: fast with many nouns


# A name's possessive before a role noun, perhaps with two modifiers: "Sanders’ campaign", "Obama's former campaign".
_POSSESSOR = re.compile(rf"{_POSSESSIVE_NAME}(?:[a-z][\w-]*[ \t]+){{0,2}}$")


def _possessor_start(possessive: re.Match[str], openers: frozenset[str]) -> int | None:
    """Where the possessor's name in group 1 starts past any sentence opener ("Although Johnson's agency" ->
    "Johnson's"); None when the words are all openers."""
    words = possessive.group(1).split()
    skip = next((i for i, word in enumerate(words) if word not in openers), len(words))
    return possessive.start() + possessive.group(1).index(words[skip]) if skip < len(words) else None


# The words before a role noun that belong to its phrase: a determiner and up to two modifiers.
_ROLE_LEAD = re.compile(
    r"(?<![\w’'-])(?:the|a|an|one|another|two|three|several|some|other|his|her|its|their)\s+"
    r"((?:(?!(?:to|be|is|was|are|were|and|or|of|the|a|an|as|one|that|who|in|on|for|has|have|had|his|her|their|its)\s)"
    r"[\w’'-]+\s+){0,2})$"
)


@cache
def _slogan_cues() -> frozenset[str]:
    return frozenset(row["cue"].lower() for row in read_rows("lexicons", "speech_cues.csv") if row["kind"] == "slogan")


@cache
def _non_speakers() -> frozenset[str]:
    """Words learned from the train split as (almost) never a source's head ("ohio", "debates"), lower-case."""
    return frozenset(load_model()["speaker"].get("non_speakers", ()))


@cache
def load_model(path: str | None = None) -> dict:
    """The shipped weights (speaker ranker and speech classifier) as a dict."""
    return json.loads(Path(path or MODEL_PATH).read_text(encoding="utf-8"))


_INITIAL = re.compile(rf"{UPPER}\.")
_INITIALS = re.compile(rf"(?:{UPPER}\.)+")  # "J." or "J.T."
_TITLE_TOKEN = re.compile(r"[A-Za-z][\w’'-]*")
_LEAD_WORD = re.compile(r"[a-z’'-]+")
_FIRST_WORD = re.compile(r"[\w’'-]+")
_WORD = re.compile(r"\w+")


def _clean_name(tokens: list[str]) -> list[str]:
    """Drop titles, sentence openers and middle initials: "Mr. Donald J. Trump" -> Donald Trump."""
    stop = _stopwords()
    if len(tokens) >= 2 and tokens[0] in _PERSONAL and tokens[1] in stop and tokens[1][:1].isupper():
        return [t for t in tokens[1:] if not _INITIALS.fullmatch(t)]  # "Mr. King", "Mrs. Bishop": a surname
    while tokens and (tokens[0] in stop or (tokens[0].rstrip(".") + "." in stop and tokens[0].endswith("."))):
        tokens = tokens[1:]
    while tokens and tokens[0][:1].islower():
        tokens = tokens[1:]
    kept = [t for i, t in enumerate(tokens) if not (_INITIALS.fullmatch(t) and i > 0) and t not in _HONORIFICS]
    if kept and _INITIALS.fullmatch(kept[0]) and len(kept) > 1:
        kept = kept[1:]
    return kept


@lru_cache(maxsize=1 << 16)
def _parse_run(raw: str) -> tuple[tuple[str, ...], tuple[str, ...], int, bool, str] | None:
    """A capitalised run as a name: its cleaned tokens, tokens without suffixes, where the name starts in the run,
    whether it reads like a headline (a stop word or non-name word before the last), and its display form.

    A pure function of the run, cached: the same names recur within and across articles.
    """
    tokens = raw.replace("\t", " ").split()
    tokens = [t.rstrip(",") for t in tokens if not _PARTY_TAG.fullmatch(t.rstrip(","))]
    cleaned = _clean_name(tokens)
    if not cleaned:
        return None
    real = tuple(t for t in cleaned if t not in _SUFFIXES)
    if not real:
        return None
    stop = _stopwords()
    headline = len(real) >= 2 and any(t in stop or _NOT_A_NAME.search(t) for t in real[:-1])
    return tuple(cleaned), real, raw.find(cleaned[0]), headline, " ".join(cleaned)


@lru_cache(maxsize=1 << 16)
def _surname(name: str) -> str:
    """The last word of a name of two or more words, else "" (cached: the same names recur)."""
    words = name.split()
    return words[-1] if len(words) >= 2 else ""


@lru_cache(maxsize=1 << 16)
def _is_org(display: str) -> bool:
    return bool(_ORG_WORD.search(display))


@lru_cache(maxsize=1 << 16)
def _ordinary(word: str) -> bool:
    """True for a lower-cased word that news writes lower-case (``models/common_words.txt``, VADER's lexicon)."""
    return word in _common_words()


_TITLED = re.compile(r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof|Pres|Rev)\.?[ \t]$")


def _plain_word(masked: str, candidate: Candidate) -> bool:
    """True if a name candidate's first word is an ordinary word and no title stands before it ("Mr. King" is a name)."""
    return _ordinary(candidate.name.split()[0].lower()) and not _TITLED.search(
        masked, max(0, candidate.start - 6), candidate.start
    )


def _written(text: str, word: str) -> bool:
    """True if word (a _LOWER_RUN) is a whole _LOWER_WORD match of text: not preceded by a word character nor
    followed by a letter, apostrophe or hyphen."""
    at = text.find(word)
    while at != -1:
        after = at + len(word)
        if (at == 0 or not _WORD_CHAR.match(text, at - 1)) and not _RUN_CHAR.match(text, after):
            return True
        at = text.find(word, at + 1)
    return False


_LOCATIVE = frozenset("in at from of near across outside inside throughout".split())


def _located(masked: str, start: int) -> bool:
    """True if a locative preposition stands right before a position ("of New York", "in Copenhagen")."""
    lead = masked[max(0, start - 12) : start]
    if not lead[-1:].isspace():
        return False
    words = lead.rsplit(None, 1)
    return bool(words) and words[-1].lower() in _LOCATIVE


def _governed(masked: str, start: int) -> bool:
    """True if a preposition, and/or, or a possessive (then perhaps "the") stands right before a position."""
    # The last two words by one split, not a regular expression: this runs for every candidate of every document.
    lead = masked[max(0, start - 24) : start]
    if not lead[-1:].isspace():
        return False
    words = lead.rsplit(None, 2)
    if not words:
        return False
    last = words[-1].lstrip("(\"“‘'").lower()
    if last in ("and", "or") and (len(words) < 2 or words[-2][-1:] in _CLOSES_SENTENCE):
        return False  # "And critics in both parties compared …": a sentence's first "And" joins no noun phrase
    if last == "the":
        if len(words) < 2:
            return False
        last = words[-2].lstrip("(\"“‘'").lower()
    return last in _GOVERNING or last.endswith(("’s", "'s"))


def honorific_genders(text: str) -> dict[str, str]:
    """The words an article puts after Mr. ("m") or Mrs./Ms./Miss ("f"); "?" where it does both."""
    genders: dict[str, str] = {}
    for match in _HONORIFIC_NAME.finditer(text):
        found = "m" if match.group(1) == "Mr" else "f"
        if genders.setdefault(match.group(2), found) != found:
            genders[match.group(2)] = "?"  # two people of one surname: no evidence
    return genders


@cache
def _headline_cue() -> re.Pattern[str]:
    """A capitalised one-word cue, as headlines write them ("Says", "Tells", "Slams", "Said"): a trie of literals, so
    the document is scanned once, fast (most have none)."""
    words = {
        row["cue"]
        for row in read_rows("lexicons", "speech_cues.csv")
        if row["kind"] in ("speech", "stance") and row["cue"].isalpha() and row["cue"].endswith("s")
    }
    words |= {"said", "told"}
    return re.compile(rf"(?:{trie_pattern(sorted(w.capitalize() for w in words))})(?![\w’'-])")


def _cut_run(masked: str, whole: re.Match[str], cut: int, cut_end: int) -> tuple[re.Match[str], ...]:
    """The name runs before and after a headline cue (at cut..cut_end) inside one capitalised run."""
    parts = [_NAME.match(masked, whole.start(), cut - 1), _NAME.match(masked, cut_end + 1, whole.end())]
    return tuple(part for part in parts if part is not None)


_START, _END = itemgetter(0), itemgetter(1)  # a Candidate's start and end


def _surname_bearers(known: list[Mention]) -> dict[str, tuple[str, str]]:
    """Surname -> (name, gazetteer actor or "") of the first person the mentions name in full, for surnames that two or
    more people of the document share."""
    first: dict[str, tuple[str, str]] = {}
    shared: set[str] = set()
    for mention in known:  # in text order
        if " " not in mention.surface or mention.actor_type not in ("person", UNKNOWN):
            continue
        if mention.actor_type == UNKNOWN and mention.surface != mention.actor:
            continue
        person = (mention.actor, mention.actor if mention.actor_type == "person" else "")
        surname = mention.actor.rsplit(None, 1)[-1]
        if first.setdefault(surname, person) != person:
            shared.add(surname)
    return {surname: first[surname] for surname in shared}


def _given_by_surname(known: list[Mention], namesakes: list[tuple[str, str]]) -> dict[str, set[str]]:
    """Surname -> the given names of the people of that surname the mentions and the namesakes name."""
    found: dict[str, set[str]] = {}
    for mention in known:
        if " " in mention.actor and mention.actor_type in ("person", UNKNOWN):
            given, *_, surname = mention.actor.split()
            found.setdefault(surname, set()).add(given)
    for surname, given in namesakes:
        found.setdefault(surname, set()).add(given)
    return found


class DocumentCandidates:
    """Every candidate speaker of one document, found once (linear), and looked up per quotation by bisect."""

    def __init__(self, text: str, masked: str, mentions: list[Mention], gazetteer: Gazetteer, cues: list) -> None:
        self.text = text
        self.masked = masked
        self.gazetteer = gazetteer
        self.cue_starts = [c.start for c in cues]
        self.cue_ends = sorted(c.end for c in cues)
        # The speech/scare decision sees only the cues it was designed with: a stance verb ("backed", "opposes")
        # helps rank who speaks, but beside a quoted phrase it says nothing about speech ("too loud", "13th").
        speech_cues = [c for c in cues if c.kind != "stance"]
        self.speech_cue_starts = [c.start for c in speech_cues]
        self.speech_cue_ends = sorted(c.end for c in speech_cues)
        self.cues = cues
        self._facts: dict[tuple[int, int, str], tuple] = {}
        self._cores: dict[tuple[int, int], tuple] = {}  # see _candidate_core
        self.stop = _stopwords()
        self._lower_words: dict[str, bool] = {}
        self._genders: dict[str, str] | None = None
        self._gender_by_name: dict[str, str] = {}
        self._subjects: dict[tuple[int, bool], int] = {}
        self._places: frozenset[str] | None = None
        self._around: dict[tuple[int, int], list[Candidate]] = {}
        self.paragraph_breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
        self.quote_marks = [m.start() for m in _QUOTE_MARK.finditer(text)]
        # A full stop closing a parenthesis before a lower-case word ends no sentence: "Rep. Sean Duffy (R-Wisc.) also
        # addressed …" is one sentence, with Duffy its subject.
        self.sentence_breaks = [m.end() for m in _SENTENCE_BREAK.finditer(masked)]
        known = list(mentions)  # gazetteer actors, and unknown names already canonical ("Sitharaman" -> full name)
        # A bare surname is the first person of that surname the article names in full, whether the gazetteer knows
        # them or not: "Hillary Clinton … Bill Clinton … Clinton said" is hers (the mention finder counts only the
        # names the gazetteer does not know, and gives it to him).
        self._known = known
        self._surname_bearers: dict[str, tuple[str, str]] | None = None  # on first use (see _name)
        self._given_by_surname: dict[str, set[str]] | None = None  # each surname's given names (see gender_of)
        self._namesakes: list[tuple[str, str]] = []  # (surname, given name) of the namesakes found
        self.surnames: dict[str, str] = {}
        candidates: list[Candidate] = []
        known_starts = [m.start for m in known]
        stop, n_known = self.stop, len(known)
        # "Francois Hollande Says Donald Trump …": a headline's capitalised cue ends one name and starts the next.
        cuts = [
            (m.start(), m.end()) for m in _headline_cue().finditer(masked) if masked[m.start() - 1 : m.start()] == " "
        ]
        cut_starts = [start for start, _ in cuts]
        # A dateline ("BUENOS AIRES, March 3 (Staff) -") says where the story was filed: no one's voice or antecedent.
        dateline_start, dateline_end = dateline_span(masked)
        tags = {at for m in _TAG_PARENS.finditer(masked) for at in range(m.start() + 1, m.end() - 1)}
        for whole in _NAME.finditer(masked):
            if dateline_start <= whole.start() < dateline_end:
                continue
            if tags and whole.start() in tags:
                continue  # "Sen. Ralph Tolliver (Vt.)": the name's state, not a speaker
            parts: tuple[re.Match[str], ...] = (whole,)
            if cuts:
                at = bisect_right(cut_starts, whole.start())
                if at < len(cuts) and cuts[at][0] < whole.end():
                    parts = _cut_run(masked, whole, *cuts[at])
            for match in parts:
                raw = match.group()
                run_start, run_end = match.span()
                index = bisect_left(known_starts, run_start)
                # "The", "But": the commonest capitalised words are no names (and cost the most)
                if raw in stop and not (index < n_known and known[index].start < run_end):
                    continue
                candidate = self._name(run_start, run_end, raw, index, known)
                if candidate is not None:
                    candidates.append(candidate)
        for match in _PRONOUN.finditer(masked):
            word = match.group(1).lower()
            ctype = "he" if word in ("he", "she") else "they" if word == "they" else "iwe"
            candidates.append(Candidate(match.start(), match.end(), word, "", ctype))
        for cue in cues:
            # "In cases of abortion, it said, “…”", "At the bottom it reads": "it" as a cue's subject is an
            # organisation's or a document's voice, resolved as "they" is (only there: "it is" is nobody's).
            at = cue.start - 3
            if (
                at >= 0
                and cue.kind in ("speech", "quote")
                and masked[at : cue.start] in ("it ", "It ")
                and (at == 0 or not _WORD_CHAR.match(masked, at - 1))
            ):
                candidates.append(Candidate(at, at + 2, "it", "", "they"))
        lower = masked.lower()
        openers = _starters()
        for match in _role_pattern().finditer(lower):
            lead_start = max(0, match.start() - 40)
            lead = _ROLE_LEAD.search(lower, lead_start, match.start())
            start = lead.start() if lead and "\n" not in lead.group() else match.start()
            if start == match.start() and start >= 3 and _APOSTROPHE.search(masked, max(0, start - 60), start):
                owner = _POSSESSOR.search(masked, max(0, start - 60), start)
                at = _possessor_start(owner, openers) if owner is not None else None
                if at is not None:
                    # "Sanders’ campaign said", "Obama's former campaign strategist": the role, not its possessor
                    candidates.append(Candidate(at, match.end(), text[at : match.end()], "", "role"))
                    continue
            phrase = " ".join([*(lead.group(1) if lead and start < match.start() else "").split(), match.group(1)])
            candidates.append(Candidate(start, match.end(), f"unnamed {phrase}", "", "role"))
        candidates.extend(self._descriptions(lower, cues))
        # By start, the longest first: two stable sorts on C-level keys, the order of sorting by (start, -end)
        candidates.sort(key=_END, reverse=True)
        candidates.sort(key=_START)
        # Overlaps keep the phrase's head, at its end: "the New Jersey governor" stays a role, while
        # "the campaign's Robby Mook" is the name.
        kept: list[Candidate] = []
        for candidate in candidates:
            if kept and candidate.start < kept[-1].end:
                if kept[-1].ctype in _PHRASES and candidate.ctype not in _PHRASES and candidate.end >= kept[-1].end:
                    kept[-1] = candidate
                continue
            if (
                kept
                and kept[-1].ctype in _PHRASES
                and candidate.ctype in _NAMED
                and candidate.start - kept[-1].end == 1
            ):
                kept[-1] = candidate  # "professor Paul Beck", "moderator Gerard Baker": the role is the name's title
                continue
            kept.append(candidate)
        self.candidates = kept
        self.starts = [c.start for c in kept]
        self.ends = [c.end for c in kept]

    def _descriptions(self, lower: str, cues: list) -> list[Candidate]:
        """Descriptions standing as a cue's subject or inverted subject ("the ad says", "asked one questioner")."""
        found = []
        roles = _role_pattern()
        masked = self.masked
        openers = _starters()
        for cue in cues:
            if cue.kind not in ("speech", "quote", "stance"):
                continue
            # The word before the cue is a lower-case head or adverb, else no description ends there ("Trump said").
            before = cue.start >= 2 and masked[cue.start - 1].isspace() and masked[cue.start - 2].islower()
            owned = (
                _OWNED_DESC.search(masked, max(0, cue.start - 60), cue.start)
                if before and _APOSTROPHE.search(masked, max(0, cue.start - 60), cue.start)
                else None
            )
            if owned is not None and not roles.fullmatch(owned.group(2)) and "\n" not in owned.group():
                at = _possessor_start(owned, openers)
                if at is not None:
                    # "Axelrod’s memoir says", "Hoff’s letter argued": the document or group, not its owner
                    found.append(Candidate(at, owned.end(2), self.text[at : owned.end(2)], "", "desc"))
                    continue
            for match in (
                _DESC_BEFORE.search(lower, max(0, cue.start - 60), cue.start) if before else None,
                _DESC_AFTER.match(lower, cue.end, cue.end + 60),
            ):
                if match is None or "\n" in match.group():
                    continue
                head_at = match.start(2)
                head = match.group(2)
                # A capitalised head is a name ("the New York Times"); a role noun is a role candidate already.
                if not masked[head_at].islower() or roles.fullmatch(head):
                    continue
                phrase = " ".join([*match.group(1).split(), head])
                start = match.start() + (len(match.group()) - len(match.group().lstrip()))
                found.append(Candidate(start, match.end(2), f"unnamed {phrase}", "", "desc"))
        return found

    def _name(self, run_start: int, run_end: int, raw: str, index: int, known: list[Mention]) -> Candidate | None:
        """The candidate of one capitalised run at run_start..run_end (not a bare stop word; index: the first mention
        at or after it)."""
        if raw.endswith(("’s", "'s", "’", "'")):
            raw = raw[: -2 if raw.endswith("s") else -1]
        inside = index
        n_known = len(known)
        while inside + 1 < n_known and known[inside + 1].start < run_end:
            inside += 1  # the run's last actor is its head: "Clinton ally James Carville"
        mention = known[inside] if index < n_known and known[index].start < run_end else None
        if mention is not None and mention.actor_type == UNKNOWN and mention.surface == mention.actor:
            mention = None  # a full unknown name: parse the run here (initials, suffixes, titles)
        elif (
            mention is not None
            and mention.actor_type in _BODY_TYPES
            and mention.end < run_end - 1
            and self._run_goes_on(mention, run_end)
        ):
            mention = None  # "Maricopa County Recorder Helen Purcell": the run names the recorder, not the county
        if mention is not None and mention.actor_type == UNKNOWN:
            if self._surname_bearers is None and " " not in mention.surface:
                self._surname_bearers = _surname_bearers(self._known)
            bearer = self._surname_bearers.get(mention.surface) if self._surname_bearers else None
            if bearer is not None and bearer[0] != mention.actor:
                name, actor = bearer
                return Candidate(mention.start, mention.end, name, actor, "gperson" if actor else "name1k")
            name = mention.actor
            surname = _surname(name)
            if surname:
                self.surnames.setdefault(surname, name)
            ctype = "org" if _is_org(name) else "name2" if mention.surface == name else "name1k"
            return Candidate(mention.start, mention.end, name, "", ctype)
        if mention is not None and mention.actor_type in _PLACE_TYPES:
            if mention.start == run_start and mention.end >= run_end - 1:
                person = self.surnames.get(mention.surface)
                if person is not None:  # "Mark Cuban … Cuban said", "Steve Israel … Israel said": the person
                    return Candidate(mention.start, mention.end, person, "", "name1k")
            elif self._place_in_name(run_start, run_end, mention):
                mention = None  # "Mark Cuban", "the Philippine Star", "Washington Post": a name, not the place
        if mention is not None:
            actor = self.gazetteer.actors[mention.actor]
            ctype = {"person": "gperson", "organisation": "gorg"}.get(actor.type, "gplace")
            name = mention.actor
            if actor.type == "person":
                surname = name.rsplit(None, 1)[-1]
                self.surnames.setdefault(surname, name)
                written = mention.surface.rsplit(None, 1)[-1]
                if written != surname and fold_accents(written) == surname:
                    self.surnames.setdefault(written, name)  # "Calderón" of the gazetteer's "Felipe Calderon"
                namesake = self._namesake(run_start, mention, name) if mention.start > run_start else None
                if namesake is not None:
                    return namesake
            return Candidate(mention.start, mention.end, name, mention.actor, ctype)
        parsed = _parse_run(raw)
        if parsed is None:
            return None
        _, real, first_at, headline, display = parsed
        start = run_start + first_at
        end = run_start + len(raw)
        if headline and real[-1] in self.surnames:
            # A headline run ending in a known surname: "Private Meeting Between Clinton".
            return Candidate(start, end, self.surnames[real[-1]], "", "name1k")
        if len(real) >= 2:
            # The surname alone later is the person, not the office before the name ("Reid said": Harry Reid).
            self.surnames.setdefault(real[-1], _strip_office(display))
            ctype = "org" if _is_org(display) else "name2"
        else:
            word = real[0]
            display = self.surnames.get(word, word)
            ctype = "acronym" if word.isupper() and len(word) > 1 else ("name1k" if word in self.surnames else "name1")
            if _is_org(display):
                ctype = "org"
        return Candidate(start, end, display, "", ctype)

    def _run_goes_on(self, mention: Mention, run_end: int) -> bool:
        """True if a capitalised word follows the run's last mention inside the run: the run's end is the name's
        head ("Mexico’s President Peña Nieto", "Senate Minority Leader Harry M. Reid": the person, not the body)."""
        after = _POSSESSIVE_LEAD.sub("", self.masked[mention.end : run_end], count=1).lstrip(" \t,")
        if not after[:1].isupper() or after.startswith(_SUFFIX_STARTS):
            return False
        # "Gina Rodriguez Questioned What It Means": a headline's capitalised words go on, no name's
        starters = _starters()
        return not any(word in starters or _HEADLINE_VERB.search(word) for word in after.split())

    def _place_in_name(self, run_start: int, run_end: int, mention: Mention) -> bool:
        """True when a country or place is part of a longer capitalised name: a capitalised word after it inside the
        run (``_run_goes_on``: "Philippine Star"), or a given name before it ("Mark Cuban", "Rep. Steve Israel")."""
        masked = self.masked
        if self._run_goes_on(mention, run_end):
            return True
        if mention.start <= run_start:
            return False
        given = _GIVEN_BEFORE.search(masked, max(run_start, mention.start - 30), mention.start)
        if given is None:
            return False
        word = given.group(1)
        if given_gender(word):
            return True  # "Mark" is an ordinary word too, but the learned given names know it
        return not (
            word in self.stop
            or word in _offices()
            or _ordinary(word.lower())
            or _NOT_A_NAME.search(word)
            or self._lower_words_has(word)
        )

    def _namesake(self, run_start: int, mention: Mention, name: str) -> Candidate | None:
        """Another person of a gazetteer person's surname ("Eric Trump", "Michelle Obama": the gazetteer knows Donald
        and Barack), when a given name of someone else stands before the surname in the run; else None."""
        if " " in mention.surface:
            return None
        given = _GIVEN_BEFORE.search(self.masked, max(run_start, mention.start - 30), mention.start)
        if given is None:
            return None
        word = given.group(1)
        if (
            word in self.stop
            or word in name.split()
            or word in _offices()
            or _ordinary(word.lower())
            or _NOT_A_NAME.search(word)
            or self._lower_words_has(word)
        ):
            return None  # "But Trump", "President Obama", "Stop Trump", "Chasing Trump": no given name
        if word[:2] == name[:2]:
            return None  # "Joseph Biden" for the gazetteer's Joe Biden, "Mike" for Michael: the same person
        masked = self.masked
        surname = mention.surface
        # The pattern opens with the word itself, so the scan skips in C to its few occurrences.
        for use in re.finditer(rf"{word}(?![\w’'-])(?:([.,;:])|[ \t]+([^\W\d_][\w’'-]*))?", masked):
            if use.start() and _WORD_CHAR.match(masked, use.start() - 1):
                continue  # inside another word
            punctuation, following = use.group(1), use.group(2) or ""
            if (punctuation or following[:1].islower()) and _DETERMINER_BEFORE.search(
                masked, max(0, use.start() - 5), use.start()
            ):
                return None  # "the Republican nominee", "a Democrat": a word the article uses as no given name is
            if following[:1].isupper() and following[1:2].islower() and not following.startswith(surname):
                return None  # "Republican Marco Rubio" too: a word before other people's names is no one's given name
        self._namesakes.append((mention.surface, word))
        return Candidate(given.start(1), mention.end, f"{word} {mention.surface}", "", "name2")

    def paragraph_of(self, position: int) -> int:
        """Index of the paragraph holding a position."""
        return bisect_right(self.paragraph_breaks, position)

    def sentence_of(self, position: int) -> int:
        """Index of the (script-aware) sentence holding a position."""
        return bisect_right(self.sentence_breaks, position)

    def around(self, span: QuoteSpan) -> list[Candidate]:
        """The nearest candidates before the opening mark and after the closing one, within reach (cached: the
        speech decision and the speaker ranking both ask; callers do not change the list)."""
        key = (span.open_at, span.close_at)
        found = self._around.get(key)
        if found is None:
            found = self._around[key] = self._around_of(span)
        return found

    def _around_of(self, span: QuoteSpan) -> list[Candidate]:
        high = bisect_right(self.ends, span.open_at)
        low = bisect_left(self.starts, span.open_at - BEFORE_REACH)
        before = self.candidates[max(low, high - MAX_BEFORE) : high]
        first = bisect_left(self.starts, span.close_at)
        last = bisect_right(self.starts, span.close_at + AFTER_REACH)
        after = self.candidates[first : min(last, first + MAX_AFTER)]
        return [c for c in before if c.end <= span.open_at] + after

    def sentence_subject(self, sentence: int, heads: bool = False) -> int:
        """Start of a sentence's first speaker candidate that no preposition governs, else -1 (cached); heads: nor
        one that modifies the head after it ("Obama consultant Cornell Belcher": Belcher)."""
        found = self._subjects.get((sentence, heads))
        if found is None:
            found = -1
            low = self.sentence_breaks[sentence - 1] if sentence else 0
            high = self.sentence_breaks[sentence] if sentence < len(self.sentence_breaks) else len(self.masked)
            index = bisect_left(self.starts, low)
            while index < len(self.candidates) and self.candidates[index].start < high:
                other = self.candidates[index]
                index += 1
                if other.ctype in ("gplace", "iwe") or self._unlikely(other):
                    continue
                if other.ctype == "name1" and (_NOT_A_NAME.search(other.name) or self._common(other)):
                    continue  # "Speaking at a town hall in Salem, Trump went after Bush": not "Speaking"
                if not _governed(self.masked, other.start) and not (heads and self._modifies(other)):
                    found = other.start
                    break
            self._subjects[(sentence, heads)] = found
        return found

    def _modifies(self, candidate: Candidate) -> bool:
        """True for a name that modifies the head after it: "Obama consultant Cornell Belcher", "Fox News’ Bret
        Baier" (the head is the sentence's subject, not the modifier)."""
        masked, end = self.masked, candidate.end
        if masked[end : end + 1] not in _TAIL_STARTS:
            return False
        tail = _MODIFIER_TAIL.match(masked, end)
        if tail:  # the word before the head is a person noun ("consultant", "spokesman"), not a verb ("met")
            return _PERSON_NOUN.search(tail.group().rstrip(" \t\xa0,.ABCDEFGHIJKLMNOPQRSTUVWXYZ")) is not None
        return _POSSESSIVE.match(masked, end) is not None and _NEXT_NAME.match(masked, end) is not None

    def cue_right_of(self, position: int, reach: int, speech: bool = False) -> int | None:
        """Characters from position to the next cue start within reach, else None (speech: no stance cues)."""
        starts = self.speech_cue_starts if speech else self.cue_starts
        index = bisect_left(starts, position)
        if index < len(starts) and starts[index] - position <= reach:
            return starts[index] - position
        return None

    def cue_left_of(self, position: int, reach: int, speech: bool = False) -> int | None:
        """Characters from the previous cue end to position within reach, else None (speech: no stance cues)."""
        ends = self.speech_cue_ends if speech else self.cue_ends
        index = bisect_right(ends, position) - 1
        if index >= 0 and position - ends[index] <= reach:
            return position - ends[index]
        return None

    def quote_mark_between(self, low: int, high: int) -> bool:
        """True if a double quotation mark stands in text[low:high]."""
        index = bisect_left(self.quote_marks, low)
        return index < len(self.quote_marks) and self.quote_marks[index] < high

    def cue_between(self, low: int, high: int, speech: bool = False) -> bool:
        """True if a cue starts in [low, high) (speech: no stance cues)."""
        starts = self.speech_cue_starts if speech else self.cue_starts
        index = bisect_left(starts, low)
        return index < len(starts) and starts[index] < high

    def resolve(self, candidate: Candidate, history: list[tuple[int, Candidate]]) -> Candidate:
        """A pronoun as the person (he/she) or group (they) the article is talking about; others unchanged."""
        if candidate.ctype not in ("he", "they"):
            return candidate
        wanted = (
            ("gperson", "name2", "name1k", "name1")
            if candidate.ctype == "he"
            else ("gorg", "org", "role", "desc", "gplace")
        )
        gender = {"he": "m", "she": "f"}.get(candidate.name)
        plural = candidate.name.lower().startswith("the")  # they/them/their, not he, she or it

        def fits(other: Candidate) -> bool:
            # "she" is not the Mr. Scalia named last; "Ohio" or "Debates" is no one's antecedent.
            if other.ctype == "role" and _plural_role(other.name) and not plural:
                return False  # "he" (or "it") is not the "voters" of "voters said"
            if candidate.ctype == "he" and other.ctype == "role":
                return self.role_speaks(other)  # "A spokesperson for the ministry said …. “…,” he said"
            if other.ctype not in wanted or self._unlikely(other):
                return False
            if other.ctype == "name1" and (_NOT_A_NAME.search(other.name) or _plain_word(self.masked, other)):
                return False  # "Reached by phone, Joyce said", "Harsh? He doesn't think so.": no one's name
            if other.ctype in ("name1", "name2") and (_located(self.masked, other.start) or self.placed(other)):
                return False  # "Rep. Lee Zeldin of New York", "in Copenhagen": a place, not the one who speaks
            if (
                gender is not None
                and other.ctype == "name1"
                and other.name.endswith("s")
                and _written(self.masked, other.name[:-1])
            ):
                return False  # "Democrats" where the article also writes "Democrat": a group, not "he" or "she"
            if gender is not None and other.ctype == "name1" and not self._personal(other):
                return False  # "His Catholic faith", "on his Facebook page": a word, not whom "he" means
            return gender is None or self.gender_of(other) in ("", gender)

        where, recent = next(((where, c) for where, c in reversed(history[-20:]) if fits(c)), (-1, None))
        # Names between the last attributed quotation and the pronoun may take over; earlier ones may not.
        recent_at = max(recent.start, where) if recent is not None else -1
        index = bisect_right(self.ends, candidate.start) - 1
        floor = max(-1, index - PRONOUN_REACH)
        nearest = None
        while index > floor:
            other = self.candidates[index]
            if other.end <= candidate.start and fits(other) and not self._common(other):
                if other.start <= recent_at:
                    break
                # The last named subject: a source of speech ("X said", "X, an aide, said", ", said X"), its
                # sentence's subject ("Speaking in Salem, Dale Ortiz met Paul Hask"), or one in apposition to the
                # sentence's subject ("The delegation's head, Tom Hardy, was blunter").
                if self._is_source(other) or other.ctype == "role":
                    return other
                if self.sentence_subject(self.sentence_of(other.start), True) == other.start or self._in_apposition(
                    other
                ):
                    if (
                        gender == "f"
                        and recent is not None
                        and self.gender_of(other) == ""
                        and self.gender_of(recent) == gender
                    ):
                        # Women are a minority of named sources: after Ms. Acosta's quotation, "she" is not "States"
                        return recent
                    source = self._paragraph_source(index - 1, floor, recent_at, other, fits)
                    return source or other
                nearest = nearest or other
            index -= 1
        return recent or nearest or candidate

    def _personal(self, candidate: Candidate) -> bool:
        """True for a one-word name that is a person's: titled ("Ms. Acosta"), a known given name, or a source."""
        masked = self.masked
        before = masked[max(0, candidate.start - 16) : candidate.start].rsplit(None, 1)
        return (
            _TITLED.search(masked, max(0, candidate.start - 6), candidate.start) is not None
            or (masked[candidate.start - 1 : candidate.start] == " " and bool(before) and before[-1] in _titles())
            or masked[max(0, candidate.start - 2) : candidate.start] == ", "  # "his wife, Jane," names her
            or self.gender_of(candidate) != ""
            or is_given_name(candidate.name)
            or self._is_source(candidate)
        )

    def _paragraph_source(self, index: int, floor: int, recent_at: int, subject: Candidate, fits) -> Candidate | None:
        """A speech cue's subject earlier in the subject's paragraph (and after the last attributed quotation), if any.

        "Dale Ortiz said the count was slow. Paul Hask wants a recount.\n\n“…,” he said": a sentence's subject
        between a source and its pronoun is only talked about (PolNeAR train: pronouns resolved 0.6965 -> 0.6984).
        """
        paragraph = bisect_right(self.paragraph_breaks, subject.start)
        while index > floor:
            other = self.candidates[index]
            if other.start <= recent_at or bisect_right(self.paragraph_breaks, other.start) != paragraph:
                return None
            if fits(other) and not self._common(other) and self._is_source(other):
                return other
            index -= 1
        return None

    def _is_source(self, candidate: Candidate) -> bool:
        """True if the candidate is a speech cue's subject: "X said", "X also noted", "X, an aide, said", ", said X"."""
        masked, end = self.masked, candidate.end
        right = self.cue_right_of(end, 24)
        if right is not None and _TIGHT_GAP.fullmatch(masked, end, end + right):
            return True
        if masked.startswith(",", end) and not self._inside_phrase(candidate):
            far = self.cue_right_of(end, 150, speech=True)
            gap = masked[end + 1 : end + far] if far is not None else ""
            if len(gap) > 3 and gap.endswith(", ") and "\n" not in gap:
                return True  # "Greg Raiff, chief executive of …, said"
        left = self.cue_left_of(
            candidate.start, 12, speech=True
        )  # a stance verb does not invert ("…, praised Obama’s")
        if left is None:
            return False
        cue_end = candidate.start - left
        gap_ok = left <= 2 or _TITLE_GAP.fullmatch(masked, cue_end, candidate.start) is not None
        if _TOLD.search(masked, max(0, cue_end - 8), cue_end):
            return False  # "Sarandon, 69, told MSNBC": who is told is the hearer
        if _POSSESSIVE.match(masked, candidate.end):
            return False  # "…, praised Obama’s presidency": a possessor is the verb's object's, not its subject
        return gap_ok and _INVERTING.search(masked, max(0, cue_end - 12), cue_end) is not None

    def _inside_phrase(self, candidate: Candidate) -> bool:
        """True for a name inside another's description ("in Aurora, Colorado, in July", "at the Midway Baptist
        Church, which …"): a preposition governs it, or it follows a comma."""
        start = candidate.start
        return self.masked[max(0, start - 2) : start] == ", " or _governed(self.masked, start)

    def gender_of(self, candidate: Candidate) -> str:
        """ "m", "f" or "" for a person candidate: from the article's Mr./Mrs./Ms. and the learned given names."""
        name = candidate.name
        found = self._gender_by_name.get(name)  # asked for the same few names many times per document
        if found is not None:
            return found
        if self._genders is None:
            self._genders = honorific_genders(self.text)
        if self._given_by_surname is None:
            self._given_by_surname = _given_by_surname(self._known, self._namesakes)
        words = name.split()
        others = self._given_by_surname.get(words[-1], ()) if len(words) > 1 else ()
        honorific = self._genders.get(words[-1], "")
        if honorific in ("m", "f") and any(given_gender(word) == honorific for word in others if word != words[0]):
            # "Mr. Trump" in an article that names Donald and Melania Trump is his (a known man's name), not hers.
            found = name_gender(name, {**self._genders, words[-1]: "?"})
        else:
            found = name_gender(name, self._genders)
        self._gender_by_name[name] = found
        return found

    def _unlikely(self, candidate: Candidate) -> bool:
        """A capitalised word that is frequent in news but (almost) never heads a source ("Ohio"): no antecedent."""
        if candidate.ctype not in _LEXICAL_TYPES:
            return False
        return candidate.name.split()[-1].lower() in _non_speakers()

    def placed(self, candidate: Candidate) -> bool:
        """True for an unknown name the article writes after "in" somewhere ("in Colorado"): a place, no one's voice."""
        if candidate.ctype not in ("name1", "name2"):
            return False
        if self._places is None:  # once per document, on first use: a scan of its candidates
            masked = self.masked
            self._places = frozenset(
                c.name
                for c in self.candidates
                if c.ctype in ("name1", "name2")
                and masked[max(0, c.start - 3) : c.start] in ("in ", "In ")
                and not _POSSESSIVE.match(masked, c.end)
            )
        return candidate.name in self._places

    def _common(self, candidate: Candidate) -> bool:
        """A one-word "name" the article also writes lower-case ("Maybe"): no antecedent."""
        return candidate.ctype == "name1" and self._lower_words_has(candidate.name)

    def _lower_words_has(self, word: str) -> bool:
        """True if the article writes the word lower-case: a whole _LOWER_WORD match of the masked text."""
        lower = word.lower()
        found = self._lower_words.get(lower)
        if found is None:
            # Looked up per word, not by listing every lower-case word of the article (a few words are asked).
            found = self._lower_words[lower] = _LOWER_RUN.fullmatch(lower) is not None and _written(self.masked, lower)
        return found

    def _in_apposition(self, candidate: Candidate) -> bool:
        index = bisect_right(self.sentence_breaks, candidate.start)
        sentence_start = self.sentence_breaks[index - 1] if index else 0
        masked = self.masked
        if not (
            candidate.start - sentence_start < 80
            and masked[max(0, candidate.start - 2) : candidate.start] == ", "
            and masked.startswith(",", candidate.end)
        ):
            return False
        # "in Aurora, Colorado, in July": a name right after another name and a comma is a place's or a list's part;
        # after a role it is the role's name ("Its president, Klaus Müller, said").
        before = bisect_left(self.ends, candidate.start - 2)
        if before < len(self.ends) and self.ends[before] == candidate.start - 2:
            return self.candidates[before].ctype in _PHRASES
        return True

    def role_speaks(self, candidate: Candidate) -> bool:
        """True for a person's role noun that is a speech cue's subject, perhaps qualified: "A spokesperson for India's
        Ministry of External Affairs said", "the envoy said" (an antecedent for "he", as a named source is)."""
        if candidate.ctype != "role" or candidate.name.split()[-1] not in _person_roles():
            return False  # "the ministry said" is no "he"
        far = self.cue_right_of(candidate.end, 80, speech=True)
        if far is None:
            return False
        gap = self.masked[candidate.end : candidate.end + far]
        return bool(_TIGHT_GAP.fullmatch(gap) or _ROLE_QUALIFIER.fullmatch(gap))

    def _opens_sentence(self, position: int) -> bool:
        lead = self.masked[max(0, position - 4) : position]
        if not lead.strip(" \"“‘'("):
            return True
        # (No test for a newline at the end of the stripped lead: rstrip removes it.)
        stripped = lead.rstrip()
        if not stripped.endswith("."):
            return False  # most candidates: a word before them, no full stop
        stop = position - len(lead) + len(stripped)
        return not _ABBREVIATION.search(self.masked, max(0, stop - 7), stop)


_SIDE_STRINGS = {
    side: (
        f"side_{side}",
        tuple(f"dist_{side}{bucket}" for bucket in range(5)),
        tuple(f"rank_{side}{rank}" for rank in range(4)),
        tuple(f"par_{side}{gap}" for gap in range(3)),
        f"same_sentence_{side}",
        f"cue_between_{side}",
        f"quote_between_{side}",
        f"own_cue_subject_{side}",
    )
    for side in "ab"
}


# _candidate_facts's side-dependent names, formatted once: cue_right by level, subject, cue_appos, np_head,
# cue_left by nearness ("0" near), opens_sentence.
_FACT_STRINGS = {
    side: (
        tuple(f"cue_right_{side}{level}" for level in range(3)),
        f"subject_{side}",
        f"cue_appos_{side}",
        f"np_head_{side}",
        (f"cue_left_{side}1", f"cue_left_{side}0"),
        f"opens_sentence_{side}",
    )
    for side in "ab"
}

_TYPE_STRINGS: dict[tuple[str, str], tuple[str, str, tuple[tuple[str, str], ...]]] = {}


def _flat(names: tuple) -> list[str]:
    return [name for item in names for name in (item if isinstance(item, tuple) else (item,))]


# A side-"a" feature name of _candidate_core -> its side-"b" name (no other static feature has such a name).
_B_NAMES = dict(zip(_flat(_FACT_STRINGS["a"]), _flat(_FACT_STRINGS["b"]), strict=True))


def _type_strings(side: str, ctype: str) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """A candidate type's feature names on one side, and its conjunctions indexed by opens * 4 + cue (built once)."""
    found = _TYPE_STRINGS.get((side, ctype))
    if found is None:
        conjunctions = tuple(
            (f"t_{side}_{ctype}_{opens}{cue}", f"t_{side}_{ctype}_{opens}s{cue}")
            for opens in ("", "o")
            for cue in ("", "c0", "c1", "c2")
        )
        found = _TYPE_STRINGS[(side, ctype)] = (f"type_{ctype}", f"type_{side}_{ctype}", conjunctions)
    return found


def _candidate_facts(doc: DocumentCandidates, candidate: Candidate, side: str) -> tuple:
    """What candidate_features needs of a candidate on one side, whatever the quotation (cached per document).

    The look-ups and patterns do not depend on the side: they run once per candidate (_candidate_core), and each
    side only renames its few side-dependent features (a candidate stands after one quotation and before the next).
    """
    key = (candidate.start, candidate.end, side)
    found = doc._facts.get(key)
    if found is not None:
        return found
    core = doc._cores.get(key[:2])
    if core is None:
        core = doc._cores[key[:2]] = _candidate_core(doc, candidate)
    c_par, c_sen, right, left, static, conjunction, tight, near = core
    if side == "b":
        static = [_B_NAMES.get(name, name) for name in static]  # the same features, in the same order
    type_name, type_side, conjunctions = _type_strings(side, candidate.ctype)
    # One conjunction of where and what: a linear model cannot combine these on its own.
    found = (type_name, type_side, c_par, c_sen, right, left, static, conjunctions[conjunction], tight, near)
    doc._facts[key] = found
    return found


def _candidate_core(doc: DocumentCandidates, candidate: Candidate) -> tuple:
    """The side-independent part of _candidate_facts, its side-dependent feature names those of side "a".

    All in one function: this runs for every candidate of every quotation, so calls and allocations are kept few
    (the cue and break look-ups are the methods' bisects, inlined).
    """
    masked, start, end, ctype = doc.masked, candidate.start, candidate.end, candidate.ctype
    cue_starts, cue_ends = doc.cue_starts, doc.cue_ends
    cue_right_names, subject_name, appos_name, head_name, cue_left_names, opens_name = _FACT_STRINGS["a"]
    index = bisect_left(cue_starts, end)
    right = cue_starts[index] - end if index < len(cue_starts) and cue_starts[index] - end <= 30 else None
    index = bisect_right(cue_ends, start) - 1
    left = start - cue_ends[index] if index >= 0 and start - cue_ends[index] <= 12 else None
    static = []
    cue = 0
    tight = False
    if right is not None:
        level = 0 if right <= 2 or _PAREN_GAP.fullmatch(masked, end, end + right) else 1
        level = 2 if level and _QUOTE_MARK.search(masked, end, end + right) else level
        static.append(cue_right_names[level])
        cue = level + 1
        # The cue's own subject: only adverbs, auxiliaries or a party tag between ("Kasich also says").
        tight = _TIGHT_GAP.fullmatch(masked, end, end + right) is not None
        if tight:
            static.append(subject_name)
    elif masked.startswith(",", end):
        far = doc.cue_right_of(end, 120)
        if far is not None and "," in masked[end + 1 : end + far]:
            static.append(appos_name)
    near = False
    if masked[end : end + 1] in _TAIL_STARTS and _MODIFIER_TAIL.match(masked, end):
        left = None  # "said Clinton’s top aide Jake Sullivan": the cue's subject is the aide, not Clinton
        static.append("np_modifier")
    elif (
        left is None
        and index >= 0
        and start - cue_ends[index] <= 70
        and _MODIFIED_HEAD.fullmatch(masked, cue_ends[index], start)
    ):
        left = start - cue_ends[index]  # the head of the noun phrase that follows the cue
        near = True
        static.append(head_name)
    if left is not None:
        near = near or left <= 2 or _TITLE_GAP.fullmatch(masked, start - left, start) is not None  # "said Rep. J.T."
        static.append(cue_left_names[near])
    opens = 0
    if doc._opens_sentence(start):
        static.append(opens_name)
        opens = 4
        if _LABEL_COLON.match(masked, end) and (start == 0 or masked[start - 1] == "\n"):
            static.append("label")  # "WALLACE: …", "Pat Caddell: Voters …": a paragraph's or headline's speaker
    if ctype in _LEXICAL_TYPES:  # name1 and name2 among them
        words = candidate.name.lower().split()
        if ctype in ("name1", "name2") and doc._lower_words_has(words[0]):
            static.append("common_word")  # "Maybe", "Top Clinton": the article also writes it lower-case
        if ctype in ("name1", "name2") and _ordinary(words[0]):
            # "Harsh? He doesn't think so.", "Following Monday’s debate": an ordinary word (learned from NewsMTSC)
            static.append(f"ordinary_{ctype}{'o' if opens else ''}")
        # The words themselves: "Ohio", "Republican", "Debates" are capitalised but rarely anyone's voice.
        static.append(f"wl_{words[-1]}")
        if len(words) > 1:
            static.append(f"wf_{words[0]}")
    elif ctype in _PHRASES:
        static.append(f"dh_{candidate.name.rsplit(None, 1)[-1]}")  # "ad", "campaign": which heads speak
    if ctype == "name1" and _NOT_A_NAME.search(candidate.name):
        static.append("word_shape")  # "Reprising", "Depositions": a capitalised word, not a name
    after = masked[end : end + 1]  # cheap tests of the next character before the patterns that need it
    if after in _APOSTROPHES and _POSSESSIVE.match(masked, end):
        static.append("possessive")
    if _governed(masked, start):
        # "According to ProPublica, Clinton praised …": the source a preposition governs, not an object.
        according = _ACCORDING.search(masked, max(0, start - 18), start) is not None
        # "Netanyahu and other Israeli leaders shunned …": a conjunct may share the subject's role, unlike an object.
        conjoined = not according and masked[max(0, start - 5) : start].split()[-1:] in (["and"], ["or"])
        static.append("according" if according else "conjoined" if conjoined else "object")
    if (right is None or right > 3) and after.isspace() and _FOLLOWING_WORD.match(masked, end):
        # A lower-case word after a candidate: a modifier ("Sanders protesters"), or the verb of which it is the
        # subject when it reads as a past tense ("Toomey fumed", "Clinton talked up her …").
        # "Delgado once described", "Clinton also said": an adverb, then the candidate's own cue.
        verb = _PAST_VERB.match(masked, end) or (right is not None and _ADVERB_GAP.fullmatch(masked, end, end + right))
        static.append("modifier_ed" if verb else "modifier")
    return (
        bisect_right(doc.paragraph_breaks, start),
        bisect_right(doc.sentence_breaks, start),
        right,
        left,
        static,
        opens + cue,
        tight,
        near,
    )


def _introduced(doc: DocumentCandidates, span: QuoteSpan) -> bool:
    return doc.masked[max(0, span.open_at - 3) : span.open_at].rstrip().endswith((":", ","))


def _where(doc: DocumentCandidates, span: QuoteSpan) -> tuple[int, int, int, bool]:
    """A quotation's paragraph, opening and closing sentences, and whether a clause introduces it (":" or ",")."""
    return (
        doc.paragraph_of(span.open_at),
        doc.sentence_of(span.open_at),
        doc.sentence_of(span.close_at),
        _introduced(doc, span),
    )


def candidate_features(
    doc: DocumentCandidates,
    span: QuoteSpan,
    candidate: Candidate,
    rank: int,
    rule_name: str,
    where: tuple[int, int, int, bool] | None = None,
) -> list[str]:
    """Names of the binary features that hold for one candidate of one quotation."""
    before = candidate.end <= span.open_at
    side = "b" if before else "a"
    side_name, dists, ranks, pars, same_name, between_name, quote_name, subject_name = _SIDE_STRINGS[side]
    type_name, type_side, c_par, c_sen, right, left, static, conjunctions, tight, near = _candidate_facts(
        doc, candidate, side
    )
    distance = span.open_at - candidate.end if before else candidate.start - span.close_at
    bucket = 0 if distance < 4 else 1 if distance < 20 else 2 if distance < 60 else 3 if distance < 150 else 4
    # The quotation's paragraph and sentences, computed once per quotation by quote_candidates.
    q_par, sen_open, sen_close, introduced = where or _where(doc, span)
    features = [side_name, dists[bucket], ranks[min(rank, 3)], type_name, type_side, pars[min(abs(q_par - c_par), 2)]]
    same = c_sen == (sen_open if before else sen_close)
    if same:
        features.append(same_name)
    low, high = (candidate.end, span.open_at) if before else (span.close_at, candidate.start)
    # doc.cue_between and doc.quote_mark_between, inlined (this runs for every candidate of every quotation)
    cue_starts, marks = doc.cue_starts, doc.quote_marks
    index = bisect_left(cue_starts, low)
    if index < len(cue_starts) and cue_starts[index] < high:
        features.append(between_name)
    index = bisect_left(marks, low)
    if index < len(marks) and marks[index] < high:
        features.append(quote_name)
    if before and near and left is not None and distance < 4 and not doc._opens_sentence(span.open_at):
        features.append("said_x_quote")  # "…, explained Rosenberg, “…”": the inverted subject of the cue before it
    if before and _COLON_GAP.fullmatch(doc.masked, candidate.end, span.open_at):
        features.append("colon_quote")
    elif before and same and introduced:
        features.append("introduced_same_sentence")  # "Hoff … proposes this language: “…”"
    # The cue this candidate is the subject of ("X said") or the inverted subject of ("said X") is the
    # quotation's own cue when it stands between the candidate and the quotation.
    if right is not None and (low <= candidate.end + right <= high or not before):
        features.append(subject_name)
        # The subject of the cue nearest the quotation: "Trump said that Clinton described the TPP as “…”".
        if tight and before and same and not doc.cue_between(candidate.end + right + 1, span.open_at):
            features.append("nearest_cue_subject")
        elif before and not introduced and doc.sentence_of(candidate.end + right) != sen_open:
            features.append("earlier_cue_subject")  # "Mr. Quill spoke first. “…,” Mr. King added."
    if before and same and doc.sentence_subject(c_sen) == candidate.start:
        features.append("sentence_subject")  # "Trump went after Bush, calling him “…”": the subject, not the object
    if before and c_par == q_par and "label" in static:
        features.append("label_paragraph")
    cue_end = candidate.start - left if left is not None else 0
    if left is not None and not before and cue_end >= span.close_at:
        features.append("own_cue_inverted")
        # The cue right after the closing mark must be this candidate's own ("“…,” said X, who endorsed Mr. Y").
        if near and doc.cue_right_of(span.close_at, 4) is not None and not doc.cue_between(span.close_at + 5, cue_end):
            features.append("said_next")  # "“…,” said Rep. J.T. Wexford (D-Ore.), chair of …"
    elif (
        not before
        and tight
        and right is not None
        and _NEXT_GAP.fullmatch(doc.masked, span.close_at + 1, candidate.start)
    ):
        features.append("next_said")  # "“…,” Rep. Alma Pruitt (D-Minn.) said Friday."
    elif (
        not before
        and _FACT_STRINGS[side][2] in static
        and _NEXT_GAP.fullmatch(doc.masked, span.close_at + 1, candidate.start)
    ):
        features.append("next_appos_said")  # "“…,” Benjamin J. Rhodes, Mr. Obama's deputy adviser, said Sunday."
    if not before and distance < 12 and _SIGNATURE.fullmatch(doc.masked, span.close_at + 1, candidate.start):
        features.append("signature")  # "“…”\n\n- Sanders.": a paragraph that only names who said it
    features.extend(static)
    if same and not before and "according" in static:
        # "“…,” Sanders said, according to CNN": PolNeAR's source is the outer one, the outlet (train: 24 of 26).
        features.append("according_after")
    features.append(conjunctions[same])
    if rule_name and _same_person(candidate.name, rule_name):
        features.append("rule_pick")
    return features


def continuation_features(doc: DocumentCandidates, span: QuoteSpan, previous: tuple[QuoteSpan, Candidate]) -> list[str]:
    """Features of "the previous quotation's speaker goes on" for one quotation."""
    previous_span, _ = previous
    gap_par = doc.paragraph_of(span.open_at) - doc.paragraph_of(previous_span.close_at)
    features = ["type_cont", f"cont_par{min(gap_par, 3)}"]
    lead = doc.masked[max(0, span.open_at - 3) : span.open_at]
    if not lead.strip():
        features.append("cont_opens")
    elif lead.rstrip().endswith((":", ",")):
        features.append("cont_introduced")  # a clause of this sentence introduces the quote
    if span.open_at - previous_span.close_at < 40:
        features.append("cont_adjacent")
    if not doc.cue_between(span.open_at - BEFORE_REACH // 2, span.close_at + AFTER_REACH // 2):
        features.append("cont_no_cue")
    return features


@cache
def _offices() -> frozenset[str]:
    """Capitalised office words ("Mayor", "President", "Director"), as titles.csv lists them."""
    return frozenset(row["title"] for row in read_rows("lexicons", "titles.csv") if row["kind"] == "office")


def _without_office(chosen: Candidate) -> str:
    """A name's display without the organisation and office before it: "Judicial Watch President Tom Fitton" ->
    Tom Fitton (the candidate itself is unchanged: only what the table shows)."""
    if chosen.ctype != "name2":
        return chosen.name
    return _strip_office(chosen.name)


@lru_cache(maxsize=1 << 14)
def _strip_office(name: str) -> str:
    """A name without the organisation and office before it: "Senate Minority Leader Harry Reid" -> Harry Reid."""
    words = name.split()
    offices = _offices()
    for at in range(len(words) - 2, 0, -1):  # an office inside the run, with a name of two words or more after it
        if words[at] in offices and at <= len(words) - 3:
            return " ".join(words[at + 1 :])
    return name


def _keeps_head(chosen: Candidate, rule_name: str) -> bool:
    """False when the rules' naming drops a description's head ("a Homeland Security memo" is not "Homeland Security")."""
    if chosen.ctype in _PHRASES or chosen.ctype in ("name2", "org", "name1k", "gperson"):
        # Nor a name's ("Atlantic City Mayor Don Guardian" is not "Atlantic City"): its last word must stay, so a
        # shared given name does not make the rules' "Paul Ryan" of the ranker's "Paul Nehlen".
        words = chosen.name.lower().split()
        if (
            ((chosen.ctype == "name2" and len(words) == 2) or chosen.ctype == "gperson")
            and len(rule_name.split()) >= 2
            and words[0] not in _name_words(rule_name)
        ):
            return False  # "Eric Trump" is not the rules' Donald Trump: another given name, another person
        return words[-1] in _name_words(rule_name)
    return True


@cache
def _nonperson_roles() -> frozenset[str]:
    """Role nouns titles.csv notes as an organisation or document ("report", "company"): no person's role."""
    rows = read_rows("lexicons", "titles.csv")
    return frozenset(
        row["title"] for row in rows if row["kind"] == "role" and row["note"].startswith("an organisation")
    )


@cache
def _titles() -> frozenset[str]:
    """Honorifics and capitalised offices written before a name ("Admiral", "Representative", "Dr.")."""
    rows = read_rows("lexicons", "titles.csv")
    return frozenset(
        row["title"] for row in rows if row["kind"] in ("honorific", "office") and row["title"][:1].isupper()
    )


def _plural_role(name: str) -> bool:
    """True for a role noun in the plural ("officials", "voters"), whose speech "they" reports, not "he"."""
    noun = name.rsplit(None, 1)[-1].lower()
    return noun.endswith("s") and not noun.endswith(("ss", "us", "is"))


@cache
def _person_roles() -> frozenset[str]:
    """Role nouns of a person (titles.csv kind role, not an organisation's or document's): "spokesman", "envoy"."""
    rows = read_rows("lexicons", "titles.csv")
    return frozenset(row["title"].lower() for row in rows if row["kind"] == "role") - _nonperson_roles()


_ROLE_SHIFTERS = frozenset({"former", "vice", "ex", "deputy"})
_INDEFINITE = frozenset({"a", "an", "another", "one", "some", "several", "two", "three", "other"})


def _linked_person(resolver, chosen: Candidate) -> str:
    """The person the rules' resolver links to a role candidate's noun ("the envoy" -> the envoy named), else ""."""
    if chosen.ctype != "role":
        return ""
    if resolver.text[chosen.start : chosen.end].split(None, 1)[0].lower() in _INDEFINITE:
        return ""  # "a top aide", "another supporter": someone new, not the person the article named with that role
    words = chosen.name.split()[1:]  # "unnamed climate envoy" -> climate envoy
    for first in range(len(words)):  # the longest role noun the phrase ends in, as the rules' patterns match it
        noun = " ".join(words[first:])
        if noun in _nonperson_roles():
            return ""  # "the report said": the rules' link to a person named near "report" is no one's voice
        if noun in resolver.role_index:
            if not _ROLE_SHIFTERS.isdisjoint(words[:first]):
                return ""  # "the former president", "the vice president": not the person the article calls president
            return resolver.resolve_role(noun, chosen.start).name
    return ""


def _is_people(gazetteer: Gazetteer, surface: str, actor: str) -> bool:
    """Whether a place's surface is its people in the plural ("Mexicans", "Chinese"), not a capital that stands for
    its country ("Athens", "Tunis", "Algiers"): it ends like a demonym, or without its "s" it names the same actor."""
    if not _PEOPLE.fullmatch(surface):
        return False
    return surface.endswith(("ese", "ish")) or actor in gazetteer.alias_actors.get(fold_accents(surface[:-1]), ())


def _place_for_person(gazetteer: Gazetteer, actor: str, chosen: Candidate) -> bool:
    """True when the rules read a country or place where the ranker found a person of that surname ("Steve Israel")."""
    known = gazetteer.actors.get(actor) if actor else None
    return known is not None and known.type in _PLACE_TYPES and chosen.ctype in ("name2", "name1k")


def _same_person(name: str, other: str) -> bool:
    return not _name_words(name).isdisjoint(_name_words(other))


@cache
def _name_words(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(name) if w.lower() != "unnamed")


def score(weights: dict[str, float], intercept: float, features: list[str]) -> float:
    """Logistic-regression margin of a set of binary features."""
    return intercept + sum(map(weights.get, features, repeat(0.0)))  # the same sum, in the same order


def speech_features(text: str, masked: str, span: QuoteSpan, rule_kind: str, doc: DocumentCandidates) -> list[str]:
    """Binary features of a quoted span deciding speech (direct or partial quote) against scare quote or title."""
    inner = text[span.start : span.end].strip()
    words = inner.split()
    n = len(words)
    features = [
        f"kind_{rule_kind}",
        f"words_{'1' if n <= 1 else '2' if n == 2 else '3' if n <= 4 else '5' if n < 10 else '10'}",
    ]
    features.append(f"mark_{span.mark}")
    if inner[:1].isupper():
        features.append("upper")
    if inner[-1:] in ".,!?":
        features.append("end_punct")
    if _title_case(inner):
        features.append("title_case")
    lead = masked[max(0, span.open_at - 25) : span.open_at].lower()
    previous = _LEAD_WORD.findall(lead)
    if previous:
        features.append(f"lead_{previous[-1]}")
        if len(previous) > 1:
            features.append(f"lead2_{previous[-2]}")
    following = _NEXT_WORDS.match(masked, span.close_at + 1)
    if following:
        features.append(f"next_{following.group(1).lower()}")
    inner_first = _FIRST_WORD.match(inner)
    if inner_first:
        features.append(f"first_{inner_first.group().lower()}")
    if not masked[max(0, span.open_at - 3) : span.open_at].strip():
        features.append("opens_paragraph")
    right = doc.cue_right_of(span.close_at, 60, speech=True)
    if right is not None:
        features.append(f"cue_after{'0' if right < 15 else '1'}")
    left = doc.cue_left_of(span.open_at, 80, speech=True)
    if left is not None:
        features.append(f"cue_before{'0' if left < 15 else '1'}")
    near = doc.cue_between(span.open_at - 200, span.close_at + 150, speech=True)
    if not near:
        features.append("no_cue_near")
    around = doc.around(span)
    if any(c.name == "it" for c in around):
        around = [c for c in around if c.name != "it"]  # "it said" ranks speakers; speech is decided without it
    if not any(c.ctype not in ("role",) for c in around):
        features.append("no_candidate")
    if "?" in inner or "!" in inner:
        features.append("question")
    if _FIRST_PERSON.match(inner):
        features.append("first_person")
    if _PERSON_WORD.search(inner):
        features.append("person_words")  # "we", "my", "you" anywhere: someone speaking, not a label
    size = features[1][6:]
    # Conjunctions a linear model cannot build: a one-word quote right beside a cue is speech far more often
    # than one with no cue near it, and a capitalised short quote is a title more often than a lower-case one.
    close = (right is not None and right < 15) or (left is not None and left < 15)
    features.append(f"size_cue_{size}{'0' if close else '1' if near else 'n'}")
    features.append(f"size_case_{size}{'u' if inner[:1].isupper() else 'l'}")
    if n <= 4:
        features.extend(f"inw_{token.group().lower()}" for token in _TITLE_TOKEN.finditer(inner))
    features.extend(_sentence_features(text, span, doc, around))
    if "title_case" in features:
        # A title-cased quotation is a title or a name ("State of the Union", NBC's "Today") unless it is said:
        # how far the nearest cue stands, whether its sentence holds one, and the word before it decide.
        features.append(f"tc_{size}{'0' if close else '1' if near else 'n'}")
        if "cue_same_sentence" not in features:
            features.append("tc_nocue")
        if previous:
            features.append(f"tc_lead_{previous[-1]}")
    features.extend(_title_noun_features(text, span))
    after = masked[span.close_at + 1 : span.close_at + 2]
    if after in ".,":
        features.append("close_stop" if after == "." else "close_comma")
    if "first_paragraph" in features:
        # A headline capitalises every word: there, case and kind mean something else than in the body.
        features.extend([f"fp_{feature}" for feature in features if feature.startswith(_HEADLINE_VARIES)])
    return features


@cache
def _title_nouns() -> dict[str, str]:
    """Nouns naming a work, show or sign ("show", "star", "poster") or a word as such ("nickname"), with their kind."""
    return {row["word"].lower(): row["kind"] for row in read_rows("lexicons", "title_nouns.csv")}


_CONTEXT_WORD = re.compile(r"[A-Za-z][\w’'-]*")
TITLE_NOUN_REACH = 3  # words on each side of the marks looked at for a title noun


def _title_noun_features(text: str, span: QuoteSpan) -> list[str]:
    """A title noun among the three words before the opening mark or after the closing one.

    "star of the TLC reality show “Cake Boss”", "his “Keepin' It Real” radio program", "the nickname “Lyin' Ted”":
    each noun alone is too rare to learn from its own word, so they are one feature per side and kind.
    """
    nouns = _title_nouns()
    before = _CONTEXT_WORD.findall(text, max(0, span.open_at - 40), span.open_at)[-TITLE_NOUN_REACH:]
    after = _CONTEXT_WORD.findall(text, span.close_at + 1, span.close_at + 41)[:TITLE_NOUN_REACH]
    found = set()
    for side, words in (("b", before), ("a", after)):
        for word in words:
            kind = nouns.get(word.lower())
            if kind == "work":
                found.add(f"work_{side}")
            elif kind == "term":
                found.add("term_near")
    return sorted(found)


_HEADLINE_VARIES = ("kind_", "title_case", "words_", "upper", "sb_", "sa_", "tc_nocue", "tc_1", "tc_2", "tc_3", "tc_5")


_CANDIDATE_KIND = {"gperson": "p", "name2": "p", "name1k": "p", "gorg": "o", "org": "o", "acronym": "o", "gplace": "pl"}


def _sentence_features(text: str, span: QuoteSpan, doc: DocumentCandidates, around: list[Candidate]) -> list[str]:
    """What the quotation's sentence holds: a cue, how many quotations, who could be speaking in it."""
    breaks = doc.sentence_breaks
    index = bisect_right(breaks, span.open_at)
    low = breaks[index - 1] if index else 0
    index = bisect_right(breaks, span.close_at)
    high = breaks[index] if index < len(breaks) else len(text)
    found = []
    if doc.cue_between(low, high, speech=True):
        found.append("cue_same_sentence")
    marks = bisect_left(doc.quote_marks, high) - bisect_left(doc.quote_marks, low) + text.count("''", low, high)
    found.append(f"marks_{min(marks // 2, 3)}")
    if doc.paragraph_of(span.open_at) == 0:
        found.append("first_paragraph")  # the headline
    # A person, pronoun or organisation in the sentence may be the source; "sb_none": nobody to speak.
    before = {_CANDIDATE_KIND.get(c.ctype, c.ctype) for c in around if c.end <= span.open_at and c.start >= low}
    after = {_CANDIDATE_KIND.get(c.ctype, c.ctype) for c in around if c.start >= span.close_at and c.end <= high}
    found.extend(sorted(f"sb_{kind}" for kind in before) or ["sb_none"])
    found.extend(sorted(f"sa_{kind}" for kind in after))
    if not before and not after:
        found.append("s_nocand")
    return found


_TITLE_SMALL_WORDS = frozenset({"of", "the", "and", "a", "in"})


def _title_case(inner: str) -> bool:
    """Every word but of/the/and/a/in capitalised (and at least one such word): stops at the first that is not."""
    seen = False
    for match in _TITLE_TOKEN.finditer(inner):
        token = match.group()
        if token.lower() in _TITLE_SMALL_WORDS:
            continue
        if not token[0].isupper():
            return False
        seen = True
    return seen


_NEXT_WORDS = re.compile(r"[\s,.;:!?)]*([^\W\d_][\w’'-]*)")
_FIRST_PERSON = re.compile(r"(?:I|we|We|my|My|our|Our|you|You)\b")
_PERSON_WORD = re.compile(r"\b(?:I|we|We|our|Our|my|My|me|us|you|You|your|Your)\b")
_LEAD_WORDS = frozenset(
    "called calling calls dubbed so-called as a the of his her their its our word term label known named titled "
    "like about said says told saying added wrote that and to was is be being are "
    "described describes describing branded labeled labelled".split()
)


@cache
def _context_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The rules' title and scare-quote lead patterns (imported once: quotes imports this module)."""
    from climadiplo.annotate.quotes import _SCARE_CONTEXT, _TITLE_CONTEXT

    return _TITLE_CONTEXT, _SCARE_CONTEXT


def _explicit_not_speech(lead: str, inner: str) -> bool:
    """ "so-called", "known as", "a book titled" before the mark: never speech, whatever the model says.

    A bare "called" is left to the model: "what the senator called “a disgrace”" quotes the senator; so is
    "report" before words that are not title-cased: "the inspector's report “found no wrongdoing”" quotes it.
    """
    title_context, scare_context = _context_patterns()
    title = title_context.search(lead)
    if title:
        return not title.group().lower().startswith("report") or _title_case(inner)
    match = scare_context.search(lead)
    return bool(match) and not match.group().lower().startswith("called")


def speech_probability(model: dict, features: list[str]) -> float:
    """Probability that a quoted span is speech."""
    margin = score(model["speech"]["weights"], model["speech"]["intercept"], features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, margin))))


CONTINUATION = Candidate(-1, -1, "", "", "cont")
_PRONOUNS = frozenset({"he", "they", "iwe"})


def quote_candidates(
    doc: DocumentCandidates,
    span: QuoteSpan,
    rule_name: str,
    previous: tuple[QuoteSpan, Candidate] | None,
    rule_mention: tuple[int, int] = (-1, -1),
) -> list[tuple[Candidate, list[str]]]:
    """Each candidate speaker of one quotation with its features (the previous speaker as CONTINUATION).

    rule_mention: where the rules read their speaker. When that is a pronoun ("“…,” he said") or a role or
    description ("the envoy said"), the rules' pick is that mention, not the name their cruder resolver or role link
    gave it: "rule_pick" goes to the mention, "rule_antecedent" to the name.
    """
    around = doc.around(span)
    before = [c for c in around if c.end <= span.open_at]
    after = [c for c in around if c.end > span.open_at]
    where = _where(doc, span)
    low, high = rule_mention
    by_pronoun = rule_name and any(
        (c.ctype in _PRONOUNS or c.ctype in _PHRASES) and c.start < high and c.end > low for c in around
    )
    named = "" if by_pronoun else rule_name
    found = [(c, candidate_features(doc, span, c, len(before) - 1 - i, named, where)) for i, c in enumerate(before)]
    found += [(c, candidate_features(doc, span, c, i, named, where)) for i, c in enumerate(after)]
    if by_pronoun:
        for candidate, features in found:
            if candidate.start < high and candidate.end > low:
                features.append("rule_pick")
            elif _same_person(candidate.name, rule_name):
                features.append("rule_antecedent")
    if previous is not None:
        features = continuation_features(doc, span, previous)
        if rule_name and _same_person(previous[1].name, rule_name):
            features.append("rule_pick")
        found.append((CONTINUATION, features))
    return found


def _goes_on(doc: DocumentCandidates, span: QuoteSpan, previous: tuple[QuoteSpan, Candidate]) -> Candidate | None:
    """The previous quotation's attribution ("said X", "X said", "he said") when this one opens the next sentence.

    "“…,” said J. J. Price, a former aide to Mitt Romney. “…”": the quotation opens the sentence after the one
    that closed the previous quotation, in the same paragraph, and the first name after that closing mark is the
    previous speaker (or a pronoun for them). Returns that first candidate, else None.
    """
    close = previous[0].close_at
    if doc.paragraph_of(close) != doc.paragraph_of(span.open_at):
        return None
    if doc.sentence_of(span.open_at) != doc.sentence_of(close) + 1 or not doc._opens_sentence(span.open_at):
        return None
    index = bisect_left(doc.starts, close)
    masked = doc.masked
    while (
        index < len(doc.candidates)
        and masked[doc.candidates[index].end : doc.candidates[index].end + 1] in _TAIL_STARTS
        and _MODIFIER_TAIL.match(masked, doc.candidates[index].end)
    ):
        index += 1  # "said Huckabee campaign spokesman Hogan Gidley.": the head is the first name, not its modifier
    if index >= len(doc.candidates) or doc.candidates[index].end > span.open_at:
        return None
    first = doc.candidates[index]
    return first if first.ctype in ("he", "they") or _same_person(first.name, previous[1].name) else None


def _changed(quote, kind: str, speaker: str, actor: str, mention: tuple[int, int] | None = None):
    """The quotation with its kind, speaker and speaker mention set (default: the rules' mention; the constructor:
    dataclasses.replace costs five times more). No speaker, no mention: -1/-1."""
    start, end = mention if mention is not None else (quote.speaker_start, quote.speaker_end)
    if speaker in ("", "unknown"):
        start = end = -1
    return type(quote)(quote.sentence, quote.start, quote.end, quote.text, speaker, actor, quote.cue, kind, start, end)


def _turn_speaker(doc: DocumentCandidates, label: str, span: QuoteSpan) -> Candidate:
    """The person a transcript label ("PENCE", "MR. KING") names: the article's full name with that surname."""
    surname = label.split()[-1].strip(".") if label.split() else label
    words = surname.title()
    for candidate in doc.candidates:
        if candidate.ctype in _NAMED and candidate.name.split()[-1].lower() == surname.lower():
            return candidate._replace(start=span.start, end=span.start + len(label))
    return Candidate(span.start, span.start + len(label), words, "", "name1")


def select_speakers(
    text: str,
    masked: str,
    records: list,
    mentions: list[Mention],
    gazetteer: Gazetteer,
    cues: list,
    resolver,
    trace: list | None = None,
) -> list:
    """The rules' quotations with speech/scare decided and speakers chosen by the learned selector.

    resolver: the rules' ``quotes.SpeakerResolver`` of this document (its role links name "the envoy").
    """
    from climadiplo.annotate.quotes import NOT_SPEECH, UNKNOWN_SPEAKER

    if not records:
        return []  # no quotation: the document's candidates would go unused
    model = load_model()
    weights, intercept = model["speaker"]["weights"], model["speaker"]["intercept"]
    doc = DocumentCandidates(text, masked, mentions, gazetteer, cues)
    previous: tuple[QuoteSpan, Candidate] | None = None
    previous_mention = (-1, -1)  # where the previous quotation's speaker was read: a continuation is read there too
    history: list[tuple[int, Candidate]] = []
    quotes = []
    for span, quote in records:
        kind = quote.kind
        lead = text[max(0, span.open_at - 40) : span.open_at]
        # Left as the rules say: a transcript turn ("“PENCE: Well, …") names its speaker, and "so-called" or
        # "a book titled" before the mark is never speech.
        settled = (
            kind not in ("direct", "partial", "scare", "title")
            or SPEAKER_TURN.match(text, span.start)
            or _explicit_not_speech(lead, text[span.start : span.end])
        )
        if not settled:
            features = speech_features(text, masked, span, kind, doc)
            speech = speech_probability(model, features) >= SPEECH_THRESHOLD
            # Speech needs a cue near it or someone in its sentence to say it ("The plan is a “friend-shoring”
            # strategy" quotes nobody, whatever the model thinks of its words).
            voiced = "s_nocand" not in features or doc.cue_between(span.open_at - 400, span.close_at + 300, speech=True)
            if kind in NOT_SPEECH and speech and voiced:
                kind = "partial"
            elif kind not in NOT_SPEECH and not speech:
                kind = "scare"
        if kind not in ("direct", "partial"):
            quotes.append(_changed(quote, kind, "" if kind in NOT_SPEECH else quote.speaker, quote.speaker_actor))
            continue
        rule_name = quote.speaker if quote.speaker not in ("", UNKNOWN_SPEAKER) else ""
        if rule_name and quote.cue in _slogan_cues():
            # "The Chinese have a slogan “…”": a slogan is the group's, whoever repeats it next.
            quotes.append(_changed(quote, kind, quote.speaker, quote.speaker_actor))
            continue
        turn = SPEAKER_TURN.match(text, span.start)
        if turn:
            # "“PENCE: Well, …": a transcript turn's label is its speaker, the person the article names so.
            chosen = _turn_speaker(doc, turn.group().rstrip(": \t\n"), span)
            previous = (span, chosen)
            previous_mention = (chosen.start, chosen.end)
            history.append((span.open_at, chosen))
            quotes.append(_changed(quote, kind, chosen.name, chosen.actor, previous_mention))
            continue
        options = quote_candidates(doc, span, rule_name, previous, (quote.speaker_start, quote.speaker_end))
        if not options:
            quotes.append(_changed(quote, kind, UNKNOWN_SPEAKER, "", (-1, -1)))
            continue
        first = _goes_on(doc, span, previous) if previous is not None else None
        if first is not None:
            # The names in the previous attribution's description (Romney in "said J. J. Price, a former aide to
            # Mitt Romney.") do not speak this quotation: the previous speaker goes on, unless the quotation's
            # own sentence names another after it ("“…,” Mr. King added.").
            close_sentence = doc.sentence_of(span.close_at)
            options = [
                option
                for option in options
                if option[0] is CONTINUATION
                or option[0] is first
                or _same_person(option[0].name, previous[1].name)
                or (option[0].start > span.close_at and doc.sentence_of(option[0].start) == close_sentence)
            ]
        best, _ = max(options, key=lambda option: score(weights, intercept, option[1]))
        mention = previous_mention if best is CONTINUATION else (best.start, best.end)  # a pronoun: its own offsets
        if best is CONTINUATION and previous is not None:
            chosen = previous[1]
        elif best.ctype == "iwe" and rule_name:
            chosen = Candidate(best.start, best.end, rule_name, quote.speaker_actor, "gperson")
        else:
            chosen = doc.resolve(best, history)
        if chosen.ctype in ("he", "they", "iwe"):
            name, actor = UNKNOWN_SPEAKER, ""  # a pronoun the article gives no antecedent for
        elif (
            rule_name
            and _same_person(chosen.name, rule_name)
            and _keeps_head(chosen, rule_name)
            and not _place_for_person(gazetteer, quote.speaker_actor, chosen)
        ):
            name, actor = quote.speaker, quote.speaker_actor  # the rules' naming ("Beijing's envoy", voices)
            history.append((span.open_at, chosen))
        elif rule_name and _linked_person(resolver, chosen) == rule_name:
            # "Japan's climate envoy, Kenji Tanaka, …" then "the envoy said": the person the rules link to the role.
            name, actor = quote.speaker, quote.speaker_actor
            history.append((span.open_at, Candidate(chosen.start, chosen.end, name, actor, "gperson")))
        else:
            name, actor = _without_office(chosen), chosen.actor
            history.append((span.open_at, chosen))
        if chosen.ctype == "gplace" and _is_people(gazetteer, text[chosen.start : chosen.end], chosen.actor):
            name = text[chosen.start : chosen.end]  # "Mexicans often say": the people (actor: their country)
        previous = (span, chosen)
        previous_mention = mention
        quotes.append(_changed(quote, kind, name, actor, mention))
        if trace is not None:  # for error analysis: which candidate won, and what it became
            trace.append((span, best, chosen, name))
    return quotes
