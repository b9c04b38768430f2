"""Actor mentions: gazetteer aliases (one compiled pattern), surname disambiguation, unknown names, pronouns."""

from __future__ import annotations

import csv
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from operator import attrgetter
from pathlib import Path

import numpy as np

from climadiplo.annotate.names import census_given_names, given_gender, is_given_name
from climadiplo.errors import InputError
from climadiplo.resources import data_path, read_column

ACTOR_TYPES = ("country", "person", "organisation", "place", "event", "agreement")
UNKNOWN = "unknown"
PRONOUN = "pronoun"
NOT_ACTORS = (UNKNOWN, PRONOUN)  # mention kinds the actors view leaves out: they get a tone, not a count


def _letter_ranges(categories: tuple[str, ...], below: int = 0x2000) -> str:
    """The code points of these Unicode categories below ``below``, as the ranges of a regex character class.

    Python's re has no \\p{Lu}; U+0000-U+1FFF holds the cased scripts news names are written in (Latin with its
    extensions and Vietnamese, Greek, Cyrillic, Armenian, Georgian).
    """
    import unicodedata

    ranges: list[list[int]] = []
    for point in range(below):
        if unicodedata.category(chr(point)) in categories:
            if ranges and ranges[-1][1] == point - 1:
                ranges[-1][1] = point
            else:
                ranges.append([point, point])
    return "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)


# Capitals (and title-case digraphs) and lower-case letters of any cased script, for name patterns: "Müller",
# "Sánchez", "Erdoğan", "Ségolène", "Nguyễn" are names as "Mueller" is. Combining marks count as lower case, so a
# name typed decomposed ("Mu\u0308ller") is one too. On ASCII text these classes match as [A-Z] and [a-z] do.
UPPER_CHARS = _letter_ranges(("Lu", "Lt"))
LOWER_CHARS = _letter_ranges(("Ll", "Mn"))
UPPER, LOWER = f"[{UPPER_CHARS}]", f"[{LOWER_CHARS}]"


def _fold_table() -> dict[int, str]:
    """Letters below U+2000 that are an ASCII letter with marks ("é", "ğ", "ễ"), or read as one ("ø", "ł", "ı"),
    mapped to that letter."""
    import unicodedata

    table = {ord(a): b for a, b in zip("øØłŁđĐıħĦ", "oOlLdDihH", strict=True)}
    for point in range(0x80, 0x2000):
        base = unicodedata.normalize("NFD", chr(point))
        marks = base[1:]
        if marks and base[0].isascii() and base[0].isalpha() and all(unicodedata.category(m) == "Mn" for m in marks):
            table[point] = base[0]
    return table


_FOLD = {chr(point): letter for point, letter in _fold_table().items()}
_FOLDABLE = re.compile("[" + "".join(re.escape(char) for char in sorted(_FOLD)) + "]")


def _folded(match: re.Match[str]) -> str:
    return _FOLD[match.group()]


def fold_accents(text: str) -> str:
    """The text with accented letters as their ASCII letter, one character for one (offsets stay): gazetteer aliases
    are mostly written without accents. An equal text when it has none."""
    # Any curly quote or dash makes a text non-ASCII, so the substitution runs on nearly every article; it is cheap
    # (a regex scan, one call per accented letter, and the same object back when none matches), where
    # str.translate reads every character through a dict.
    return text if text.isascii() else _FOLDABLE.sub(_folded, text)


# What follows a name word's capital: lower case, perhaps an inner capital ("McConnell", "DeVos", "MacArthur"),
# or an O's apostrophe ("O'Brien"). One definition for every name pattern below.
_AFTER_CAPITAL = rf"(?:{LOWER}+(?:{UPPER}{LOWER}+)?|(?<=O)['’]{UPPER}{LOWER}+)"
_HYPHENATED = rf"(?:[-'’][{UPPER_CHARS}{LOWER_CHARS}]{LOWER}+)?"
_NAME_TOKEN = rf"{UPPER}{_AFTER_CAPITAL}{_HYPHENATED}"
_PARTICLE = r"(?:de|la|del|da|di|van|von|der|den|bin|al|le|du)"
# Patterns below open with the character class of their first character and check what precedes it after it
# ("[A-Z](?<![\w.][\s\S])" for "(?<![\w.])[A-Z]"): the same matches, but a scan can skip the positions that
# cannot start one without entering the pattern (twice as fast over a document).
_FIRST_NAME_TOKEN = rf"(?:{UPPER}(?<![\w.][\s\S]){_AFTER_CAPITAL}{_HYPHENATED})"
_CANDIDATE = re.compile(rf"({_FIRST_NAME_TOKEN}(?:\s(?:{_PARTICLE}\s)?{_NAME_TOKEN})+)(?![\w])")
# Words that make a capitalised name an organisation's ("Brookings Institute", "Ohio Democratic Party").
_ORG_WORD_SET = frozenset(
    "Institute University Council Ministry Agency Group Capital Bank Company Corp Foundation Center Centre "
    "Association Commission Committee Party Department Office Fund Network Times Post News Journal "
    "College School Society Trust Federation Alliance Coalition Airlines Airways Club".split()
)
_ORG_WORDS = re.compile(rf"\b(?:{'|'.join(sorted(_ORG_WORD_SET))})\b")
# "University of Cape Town", "Institute of Development Studies": an organisation word, "of", a capitalised run. The
# run after "of" is the organisation's, not a person or place of its own (found before the other unknown names).
_OF_TAIL = re.compile(rf"\sof\s(?:the\s)?{_NAME_TOKEN}(?:\s{_NAME_TOKEN})*")
_NAME_WORD_BEFORE = re.compile(rf"{_NAME_TOKEN}\s$")  # "Massachusetts " of "Massachusetts Institute of Technology"


@dataclass(frozen=True)
class Actor:
    """A gazetteer entry."""

    name: str
    type: str
    role: str
    side: str
    date: str


@dataclass(frozen=True, init=False)
class Mention:
    """An actor named in the text: offsets, the words used and the canonical actor."""

    start: int
    end: int
    surface: str
    actor: str
    actor_type: str

    def __init__(self, start: int, end: int, surface: str, actor: str, actor_type: str) -> None:
        # (a frozen dataclass's own __init__ sets each field through object.__setattr__: one update of the
        # instance's dict costs half as much, and a document has hundreds of mentions)
        self.__dict__.update(start=start, end=end, surface=surface, actor=actor, actor_type=actor_type)


@dataclass(frozen=True)
class Gazetteer:
    """Actors and one compiled pattern over all their aliases."""

    actors: dict[str, Actor]
    alias_actors: dict[str, tuple[str, ...]]
    pattern: re.Pattern[str]
    # actor -> the words before the last of its names of two or more words ("Marco" of "Marco Rubio"): its own
    # given names, which may stand before its one-word alias ("Marco Rubio" written over a line break aside)
    own_words: dict[str, frozenset[str]] = field(default_factory=dict)


def trie_pattern(words: list[str]) -> str:
    """A regex alternation of literal words, factored as a trie so matching stays fast with many words."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return render(trie)


def _whole_words(words: list[str], after: str) -> re.Pattern[str]:
    """Any of the literal words, preceded by no word character and followed by no match of ``after``.

    One trie per first character, that character first and the look-behind after it (see ``_CANDIDATE``).
    """
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[0], []).append(word[1:])
    body = "|".join(re.escape(first) + r"(?<!\w[\s\S])" + trie_pattern(rest) for first, rest in sorted(rests.items()))
    return re.compile(f"(?:{body})(?!{after})")


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Read an actors CSV (``actor, type, aliases, role, side, date``; default ``data/actors.csv``)."""
    return _load_gazetteer(str(path) if path else str(data_path("actors.csv")))


@cache
def _load_gazetteer(path: str) -> Gazetteer:
    actors: dict[str, Actor] = {}
    alias_actors: dict[str, list[str]] = {}
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            for line_number, row in enumerate(csv.DictReader(handle), start=2):
                name = (row.get("actor") or "").strip()
                actor_type = (row.get("type") or "").strip()
                if not name:
                    continue
                if actor_type not in ACTOR_TYPES:
                    raise InputError(
                        f"{path}:{line_number}: type '{actor_type}' is not one of {', '.join(ACTOR_TYPES)}"
                    )
                actors[name] = Actor(
                    name,
                    actor_type,
                    (row.get("role") or "").strip(),
                    (row.get("side") or "other").strip() or "other",
                    (row.get("date") or "").strip(),
                )
                aliases = {alias.strip() for alias in (row.get("aliases") or "").split("|") if alias.strip()} | {name}
                for alias in sorted(aliases):
                    # Keyed as the text is matched: accents folded ("Erdoğan" is the gazetteer's "Erdogan").
                    listed = alias_actors.setdefault(fold_accents(alias), [])
                    if name not in listed:
                        listed.append(name)
    except OSError as error:
        raise InputError(f"{path}: cannot read gazetteer ({error.strerror})") from None
    # Longest aliases first is implied by the trie (greedy), and the look-arounds keep words whole.
    pattern = _whole_words(sorted(alias_actors), r"[\w]|\.\w")
    own_words: dict[str, set[str]] = {}
    for alias, names in alias_actors.items():
        if " " in alias:
            for name in names:
                own_words.setdefault(name, set()).update(alias.split()[:-1])
    return Gazetteer(
        actors,
        {alias: tuple(names) for alias, names in alias_actors.items()},
        pattern,
        {name: frozenset(words) for name, words in own_words.items()},
    )


@cache
def _name_stopwords() -> frozenset[str]:
    titles = read_column("lexicons", "titles.csv", column="title")
    # Role nouns are listed lower-case ("analyst") but open a name capitalised ("Analyst Maria Chen").
    return (
        frozenset(read_column("lexicons", "sentence_starters.csv", column="word"))
        | frozenset(titles)
        | frozenset(title[:1].upper() + title[1:] for title in titles)
    )


@cache
def _dotted_titles() -> frozenset[str]:
    """The stop words written with a final dot ("Mr.", "Sen."), without it."""
    return frozenset(word[:-1] for word in _name_stopwords() if word.endswith("."))


def find_mentions(text: str, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """All actor mentions in a document's text, in order, with ambiguous surnames resolved."""
    gazetteer = gazetteer or load_gazetteer()
    folded = fold_accents(text)  # the same length and offsets: a surface is read from the text itself
    alias_actors = gazetteer.alias_actors
    # (start, end, the alias's actors, surface)
    matches = [(m.start(), m.end(), alias_actors[m.group()], m.group()) for m in gazetteer.pattern.finditer(folded)]
    if folded is not text:
        matches = [(start, end, names, text[start:end]) for start, end, names, _ in matches]
    matches = _other_bearers(text, matches, gazetteer)
    first_full: dict[str, int] = {}
    for start, _, names, _ in matches:
        if len(names) == 1:
            first_full.setdefault(names[0], start)
    mentions: list[Mention] = []
    last_seen: dict[str, int] = {}
    for start, end, names, surface in matches:
        actor = names[0] if len(names) == 1 else _resolve_ambiguous(names, start, last_seen, first_full)
        if actor is None:
            mentions.append(Mention(start, end, surface, surface, UNKNOWN))
            continue
        last_seen[actor] = start
        mentions.append(Mention(start, end, surface, actor, gazetteer.actors[actor].type))
    mentions = _places_in_names(text, mentions)
    mentions.extend(_unknown_names(text, mentions))
    return sorted(mentions, key=attrgetter("start", "end"))


_WORD_BEFORE = re.compile(rf"(?<![\w.'’-])({_NAME_TOKEN}) $")  # "Luis " of "Luis Rubio"
_PARTICLES = frozenset(_PARTICLE[3:-1].split("|"))


def _other_bearers(
    text: str, matches: list[tuple[int, int, tuple[str, ...], str]], gazetteer: Gazetteer
) -> list[tuple[int, int, tuple[str, ...], str]]:
    """The gazetteer's matches without a person's one-word alias that ends another person's full name ("Luis Rubio",
    "Sara Netanyahu" are not Marco Rubio, Benjamin Netanyahu), nor, in a document that names that person neither in
    full nor by the alias before, the same alias after it ("Luis Rubio … Rubio said"): the unknown names find them.

    The word before is another's given name when it is a given name, or a capitalised word the unknown-name rules
    take into a name (no title, opener or ordinary word: "Senator Rubio", "Republican Rubio" stay his), and neither a
    particle nor one of the actor's own names' words or its short form ("Marco", "Joseph" of Joe Biden).
    """
    actors, own = gazetteer.actors, gazetteer.own_words
    foreign: set[int] = set()  # starts of the aliases that end another bearer's full name
    first: dict[str, int] = {}  # alias -> where another bearer of it is first named in full
    reached = -1
    for start, end, names, surface in matches:
        if (
            start > 1
            and text[start - 1] == " "
            and start - 1 > reached  # the word before is no gazetteer match ("Obama Netanyahu" meeting)
            and " " not in surface
            and all(actors[name].type == "person" for name in names)
        ):
            before = _WORD_BEFORE.search(text, max(0, start - 40), start)
            word = before.group(1) if before else ""
            if (
                word
                and word not in _not_single_names()
                and not any(_same_given(word, w) for name in names for w in own.get(name, ()))
                and word.lower() not in _PARTICLES  # "Al Sisi" is el-Sisi
                and _names_someone(text, word, before.start(1), surface)
            ):
                foreign.add(start)
                first.setdefault(surface, start)
        reached = end
    if not foreign:
        return matches
    # The alias after another bearer's full name is that bearer's unless the document names the actor otherwise:
    # in full ("Marco Rubio"), or by the alias before ("Netanyahu … his wife Sara Netanyahu").
    named = {
        name
        for start, _, names, surface in matches
        if " " in surface or start < first.get(surface, -1)
        for name in names
    }
    return [
        match
        for match in matches
        if match[0] not in foreign
        and not (match[3] in first and match[0] > first[match[3]] and not named.intersection(match[2]))
    ]


def _same_given(word: str, own: str) -> bool:
    """Whether a word is the actor's own given name or its short form ("Joseph" of Joe Biden, "Mike" of Michael):
    equal, or sharing the first two letters with the shorter one of four letters at most (not "Mario" of Marco),
    unless the census lists the two for different genders ("Joan" is not Joe)."""
    if word == own:
        return True
    if word[:2] != own[:2] or min(len(word), len(own)) > 4:
        return False
    genders = census_given_names()
    return not (genders.get(word) and genders.get(own) and genders[word] != genders[own])


def _names_someone(text: str, word: str, start: int, surname: str) -> bool:
    """Whether a capitalised word before a surname is a given name of someone's.

    A listed given name is, unless it is an ordinary word opening a clause ("See Trump's …", "Will Netanyahu …").
    Another word is when it is neither ordinary (nor an ordinary word's inflection: "Compares") nor written
    lower-case in the document ("republican"), and, where a capital may be a headline's or a clause's ("Impeaching
    Trump, …", "Conservatives Rebuking Trump"), only when the document writes that full name twice ("Ivanka Trump").
    """
    low = word.lower()
    common = _common_words()
    ordinary = low in common or any(
        low.endswith(end) and low[: -len(end)] in common for end in ("s", "es", "ed", "ing")
    )
    preceding = text[max(0, start - 40) : start].rstrip()
    opening = not preceding or preceding[-1] in _OPENERS or preceding[-1] in ".!?"
    if is_given_name(word):
        return not (ordinary and opening)
    if ordinary or _written_lower(text, low):
        return False
    capital_before = preceding[-1:].isalpha() and preceding.rsplit(None, 1)[-1].lstrip("\"“‘'(")[:1].isupper()
    return not (opening or capital_before) or _count(text, f"{word} {surname}") > 1


@lru_cache(maxsize=32)
def _count(text: str, phrase: str) -> int:
    """How often the text writes a phrase (cached: a document asks once per name, not once per mention)."""
    return text.count(phrase)


# Organisation words that make a capitalised run a body of its own, not its country's voice: "the Australian
# Conservation Foundation", "King's College London", "Japan Airlines". State organs stay their country's metonym
# ("the Chinese Foreign Ministry said" is China's voice): Ministry, Department, Office, Agency, Commission,
# Committee and Council are taken out. Newspaper words ("China Daily") are added.
_OWN_BODY_WORDS = (
    _ORG_WORD_SET - {"Ministry", "Department", "Office", "Agency", "Commission", "Committee", "Council"}
) | {"Daily", "Review", "Herald", "Tribune"}
_RUN_WORD = rf"{UPPER}(?:[\w’'&-]|\.(?=\w))*"  # a full stop only inside ("U.S"): "War. Anti-slavery" is two runs
_RUN_BEFORE = re.compile(rf"(?:{_RUN_WORD} )+$")
_RUN_AFTER = re.compile(rf"(?: {_RUN_WORD})+")
_PLACE_TYPES = frozenset({"country", "place"})
_POSSESSIVE_END = re.compile(r"['’]s?$")


def _in_capitalised_run(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word stands right before or after [start, end) (a cheap test before the patterns)."""
    if text[end : end + 1] == " " and text[end + 1 : end + 2].isupper():
        return True
    if start < 2 or text[start - 1] != " ":
        return False
    # The word before starts after a space or a line break ("…ok.\nCollege London": "College", not "ok.").
    word = max(text.rfind(" ", max(0, start - 40), start - 1), text.rfind("\n", max(0, start - 40), start - 1)) + 1
    return text[word : word + 1].isupper()


def _places_in_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions with each country or place that stands inside an organisation's name made one unknown mention of
    that name: a run ending in an organisation word ("the Australian Conservation Foundation", "King's College
    London"), or a place between two name words ("Greenpeace Australia Pacific")."""
    if not any(m.actor_type in _PLACE_TYPES for m in mentions):
        return mentions
    stopwords = _name_stopwords()
    # The gazetteer's matches come in order of start and do not overlap: the mentions inside a run are found by
    # bisection over the starts (a scan of all of them per place grows with the square of a document's mentions).
    starts = [m.start for m in mentions]
    longest = max(m.end - m.start for m in mentions)
    kept: list[Mention] = []
    reached = -1
    for mention in mentions:
        if mention.start < reached:
            continue  # inside the name found for an earlier place
        if mention.actor_type not in _PLACE_TYPES or not _in_capitalised_run(text, mention.start, mention.end):
            kept.append(mention)
            continue
        before = _RUN_BEFORE.search(text, max(0, mention.start - 80), mention.start)
        after = _RUN_AFTER.match(text, mention.end, mention.end + 80)  # bounded as before: linear on long runs
        left = before.group().split() if before else []
        while left and left[0] in stopwords:
            left = left[1:]
        right = after.group().split() if after else []
        words = [*left, mention.surface, *right]
        # "Greenpeace Australia Pacific": one name word either side, neither a title, an opener or an ordinary word.
        flanked = (
            len(left) == 1
            and len(right) == 1
            and not {left[0], right[0]} & stopwords
            and not _common_words() & {left[0].lower(), right[0].lower()}
            and not _POSSESSIVE_END.search(left[0])
        )
        owned = any(word.rstrip(".,") in _OWN_BODY_WORDS for word in words[1:])
        if len(words) < 2 or not (owned or flanked):
            kept.append(mention)
            continue
        start = mention.start - len(" ".join(left)) - (1 if left else 0)
        end = mention.end + (after.end() - mention.end if right else 0)
        tail = _OF_TAIL.match(text, end) if words[-1] in _OWN_BODY_WORDS else None
        end = tail.end() if tail else end  # "the Brazilian Institute of Geography"
        near = mentions[bisect_left(starts, start - longest) : bisect_left(starts, end)]
        if any(m.end > start and m.actor_type not in _PLACE_TYPES for m in near):
            kept.append(mention)  # another actor's name inside the run ("Chinese President Xi Jinping")
            continue
        while kept and kept[-1].start >= start:
            kept.pop()  # an earlier place of the same name ("Australia" of "Australian National University")
        name = text[start:end]
        kept.append(Mention(start, end, name, name, UNKNOWN))
        reached = end
    return kept


def _resolve_ambiguous(
    names: tuple[str, ...], position: int, last_seen: dict[str, int], first_full: dict[str, int]
) -> str | None:
    """Pick the candidate the article named most recently (else next); None if it names none."""
    before = [(last_seen[name], name) for name in names if name in last_seen]
    if before:
        return max(before)[1]
    after = [(first_full[name], name) for name in names if name in first_full and first_full[name] > position]
    return min(after)[1] if after else None


def _of_organisations(text: str) -> list[tuple[int, int]]:
    """Spans of "<organisation word> of (the) <capitalised run>", found from each " of " (faster than a regex scan)."""
    found = []
    at = text.find(" of ")
    while at >= 0:
        word_start = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1
        if text[word_start:at] in _ORG_WORD_SET:
            tail = _OF_TAIL.match(text, at)
            if tail:
                found.append((word_start, tail.end()))
        at = text.find(" of ", at + 4)
    return found


def _unknown_names(text: str, known: list[Mention]) -> list[Mention]:
    """Capitalised multi-word names outside the gazetteer, and later surname-only uses of them."""
    covered = bytearray(len(text))  # a coverage mask keeps overlap checks linear on huge documents
    for mention in known:
        covered[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    stopwords, dotted = _name_stopwords(), _dotted_titles()
    found: list[Mention] = []
    for start, end in _of_organisations(text):
        before = _NAME_WORD_BEFORE.search(text, max(0, start - 30), start)
        if before and before.group().rstrip() not in stopwords:
            start = before.start()
        if not any(covered[start:end]):
            name = text[start:end]
            found.append(Mention(start, end, name, name, UNKNOWN))
            covered[start:end] = b"\x01" * (end - start)
    surnames: dict[str, str] = {}
    compound: dict[str, str] = {}  # the last two or more words of a name of three or more -> that name
    firsts: dict[str, set[str]] = {}  # a name's first word -> the names it opens
    for match in _CANDIDATE.finditer(text):
        # The name is the run's tail after its last title, opener or known actor:
        # "Indian Finance Minister Nirmala Sitharaman" -> "Nirmala Sitharaman".
        tokens, position, offsets = match.group(1).split(" "), match.start(1), []
        for token in tokens:
            offsets.append(position)
            position += len(token) + 1
        cut = 0
        for index, (token, offset) in enumerate(zip(tokens, offsets, strict=True)):
            if (
                token in stopwords
                or covered[offset]
                or ("-" in token and token.split("-")[0] in stopwords)
                or (token in dotted and text.startswith(".", offset + len(token)))  # "Mr" of "Mr."
            ):
                cut = index + 1
        tail = [token for token in tokens[cut:]]
        while tail and tail[0].islower():  # a particle cannot open a name
            tail, cut = tail[1:], cut + 1
        if len(tail) < 2 or len(tail) > 4:
            continue
        start = offsets[cut]
        name = " ".join(tail)
        end = start + len(name)
        if any(covered[start:end]):
            continue
        # A compound surname used alone is the person named in full before: "Peña Nieto", "Eskelsen García".
        found.append(Mention(start, end, name, compound.get(name, name), UNKNOWN))
        if len(tail) >= 3 and name not in compound and not _ORG_WORDS.search(name):
            for cut_at in range(1, len(tail) - 1):
                if _given_name(tail[cut_at]) or tail[cut_at - 1].lower() in _common_words():
                    break  # "Democrat Bernie Sanders", "Abortions Jeb Bush": a name of its own, no compound surname
                compound.setdefault(" ".join(tail[cut_at:]), name)
        surnames.setdefault(tail[-1], compound.get(name, name))
        firsts.setdefault(tail[0], set()).add(compound.get(name, name))
        covered[start:end] = b"\x01" * (end - start)
    ends = {
        word for mention in known for word in (mention.surface.rsplit(None, 1)[-1], mention.actor.rsplit(None, 1)[-1])
    }
    # A gazetteer person written family name first ("Lee Jae-myung") is as much a titled family name's owner.
    known_people = {mention.actor: mention.actor_type for mention in known if mention.actor_type == "person"}
    for name in known_people:
        if " " in name:
            firsts.setdefault(name.split(" ", 1)[0], set()).add(name)
    for family, name in _family_first(text, firsts, surnames.keys() | ends).items():
        surnames.setdefault(family, name)
    for start, end, surname in _whole_word_spans(text, surnames):
        if not any(covered[start:end]):
            name = surnames[surname]
            found.append(Mention(start, end, surname, name, known_people.get(name, UNKNOWN)))
    return found


_TITLED_WORD = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?[ \t]+({UPPER}[\w’'-]+)")


def _family_first(text: str, firsts: dict[str, set[str]], surnames: Iterable[str]) -> dict[str, str]:
    """Family name -> full name for names written family name first ("Lee Jae-myung … Mr. Lee said").

    A titled word ("Mr. Lee", "Ms. Hua") that opens exactly one full name of the article and ends none (``surnames``:
    the last words of its names, the gazetteer's too: "Mrs. Clinton" is not the "Clinton Plan") is that person's
    family name, whatever else it may be (the train split saw "Lee" as a given name): only one such person.
    """
    if not firsts or ("M" not in text and "Dr" not in text):
        return {}
    found: dict[str, str] = {}
    for match in _TITLED_WORD.finditer(text):
        word = match.group(1)
        names = firsts.get(word)
        if names and len(names) == 1 and word not in surnames and not _ORG_WORDS.search(next(iter(names))):
            found.setdefault(word, next(iter(names)))
    return found


def _given_name(word: str) -> bool:
    """Whether a word is a given name the speaker model learned from the train split ("Bernie", "Debbie")."""
    return given_gender(word) != ""


_WORD_CHAR = re.compile(r"\w")


def _whole_word_spans(text: str, words: Iterable[str]) -> list[tuple[int, int, str]]:
    r"""The matches of ``(?<!\w)(?:word|…)(?!\w)``, without compiling one pattern per document: where a word stands
    with no word character either side, from the left, the longest at a position, none overlapping the last."""
    found = []
    for word in words:
        start = text.find(word)
        while start >= 0:
            end = start + len(word)
            if not (start and _WORD_CHAR.match(text, start - 1)) and not _WORD_CHAR.match(text, end):
                found.append((start, -end, word))
            start = text.find(word, start + 1)
    spans = []
    reached = 0
    for start, end, word in sorted(found):
        if start >= reached:
            reached = -end
            spans.append((start, reached, word))
    return spans


# A capitalised word, an O' name or an acronym, preceded by none of [\w.'’-] (its capital first: see _CANDIDATE)
_SINGLE = re.compile(rf"{UPPER}(?<![\w.'’-][\s\S])(?:{_AFTER_CAPITAL}|{UPPER}{{1,4}})(?!\w|[.'’](?!s\b)\w)")
_OPENERS = frozenset("\"“‘'([—–-:")  # after these a capital opens a clause (a quotation), as at a sentence start
_LOWER_WORD = re.compile(r"[a-z]+")
_AFTER_NAME = re.compile(r"['’]s?\b|\s+([a-z]+)\b")


@cache
def _not_names() -> frozenset[str]:
    return frozenset(read_column("lexicons", "not_names.csv", column="word"))


@cache
def _not_single_names() -> frozenset[str]:
    """Titles, openers, dates and listed non-names, and abbreviated titles without their dot ("Sen")."""
    stopwords = _name_stopwords()
    return stopwords | _not_names() | _dotted_titles()


@cache
def _common_words() -> frozenset[str]:
    """Ordinary words: a sentence's first word followed by a verb is a name only if it is none of them.

    NewsMTSC's lower-case words and scikit-learn's English stop words (``models/common_words.txt``, written by
    ``training/train_tone.py``), and VADER's lexicon.
    """
    from climadiplo.annotate.sentiment import plain_vader  # the analyzer tone loads too: its lexicon read once

    shipped = (Path(__file__).resolve().parent / "models" / "common_words.txt").read_text(encoding="utf-8")
    return frozenset(shipped.split()) | frozenset(plain_vader().lexicon)


@cache
def _speech_cues() -> frozenset[str]:
    return frozenset(read_column("lexicons", "speech_cues.csv", column="cue"))


def single_names(text: str, mentions: list[Mention], sentence_starts: list[int]) -> list[Mention]:
    """One-word names the mentions leave out ("Clinton", "Mr. Cruz", "GOP", "the Kremlin"), as extra mentions.

    A lone capitalised word or acronym inside a sentence is a name unless it is a title, date or listed
    non-name (``data/lexicons/not_names.csv``); at a sentence's or quotation's start only when the document
    names it elsewhere, or when a possessive or a speech verb follows it and the document never writes it
    lower-case ("Ruto said"). A surname of a gazetteer person the document names is that person; any
    other name is of kind ``unknown``. Words of a longer capitalised run are left to the run.
    """
    covered = bytearray(len(text))
    surnames: dict[str, tuple[str, str]] = {}
    for mention in mentions:
        covered[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
        last = mention.surface.split(" ")[-1]
        if mention.actor_type in ("person", UNKNOWN) and last != mention.surface:
            surnames.setdefault(last, (mention.actor, mention.actor_type))
    stopwords, excluded = _name_stopwords(), _not_single_names()
    candidates: list[tuple[int, int, str, bool]] = []
    named = set(surnames)
    for match in _SINGLE.finditer(text):
        start, end = match.span()
        word = match.group()
        if covered[start] or word in excluded:
            continue
        before = text[max(0, start - 40) : start].rstrip()
        words = before.rsplit(None, 2) or [""]
        previous = words[-1]
        if previous.endswith(".") and previous in stopwords:  # "Mr. Cruz", "Sen. Paul"
            candidates.append((start, end, word, False))
            named.add(word)
            continue
        following = text[end : end + 1]
        # A capitalised word before it makes a run, unless it is a title ("Senator Smith") or an opener that
        # starts the run ("The Bundestag", not "Novel Of Greed"); a comma, colon or quotation mark ends a run
        # ("Hillary Clinton, Sanders", "on Twitter, Dorsey").
        run_before = (
            previous[:1].isupper()
            and (previous[-1].isalnum() or previous[-1] == ".")
            and (
                previous not in stopwords or (len(words) > 1 and words[-2][:1].isupper() and words[-2] not in stopwords)
            )
        )
        if run_before or (following == " " and text[end + 1 : end + 2].isupper()):
            continue  # part of a capitalised run
        # After a full stop that ends no title, a capital opens a sentence even where the splitter saw none.
        opening = (
            not before or before[-1] in _OPENERS or before[-1] in ".!?" or _opens_sentence(text, sentence_starts, start)
        )
        if not opening:
            named.add(word)
        candidates.append((start, end, word, opening))
    found: list[Mention] = []
    for start, end, word, opening in candidates:
        if opening and word not in named:
            after = _AFTER_NAME.match(text, end)
            if after is None:
                continue
            low = word.lower()
            if _written_lower(text, low) or (
                after.group(1) not in _speech_cues() and after.group(1) is not None and low in _common_words()
            ):
                continue
        actor, kind = surnames.get(word, (word, UNKNOWN))
        found.append(Mention(start, end, word, actor, kind))
    return found


@lru_cache(maxsize=32)  # asked again for each capitalised word before a surname; small: it keeps texts alive
def _written_lower(text: str, word: str) -> bool:
    """Whether the text writes the word as a whole run of letters a-z (none either side): the same answer as
    looking it up among all the text's runs, found with str.find for the few words a document asks about."""
    if not _LOWER_WORD.fullmatch(word):
        return False
    size, start = len(text), text.find(word)
    while start >= 0:
        end = start + len(word)
        if not (start and "a" <= text[start - 1] <= "z") and not (end < size and "a" <= text[end] <= "z"):
            return True
        start = text.find(word, start + 1)
    return False


def _opens_sentence(text: str, sentence_starts: list[int], position: int) -> bool:
    """Whether only quotes, brackets or spaces lie between the start of position's sentence and it."""
    index = bisect_right(sentence_starts, position) - 1
    return not text[sentence_starts[index] if index >= 0 else 0 : position].strip("\"“‘'([ ")


def sentence_index(sentence_starts: list[int], position: int) -> int:
    """The index of the sentence containing a character position (sentences sorted by start)."""
    return max(0, bisect_right(sentence_starts, position) - 1)


def sentence_indices(sentence_starts: list[int], positions: list[int]) -> list[int]:
    """sentence_index of each position, in one search (a document's mentions are thousands of look-ups)."""
    if not positions:
        return []
    found = np.searchsorted(np.asarray(sentence_starts, dtype=np.int64), positions, side="right") - 1
    return np.maximum(found, 0).tolist()


# Third-person personal pronouns and their gender ("p": plural). "it"/"its" are left out: they mostly stand
# for things and clauses, not actors.
_PRONOUN_GENDER = {
    **dict.fromkeys(("he", "him", "his", "himself"), "m"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "f"),
    **dict.fromkeys(("they", "them", "their", "theirs", "themselves"), "p"),
}
# Lower-case or capitalised (a sentence's first word), factored by first letter: twice as fast as an alternation;
# a contraction keeps its pronoun ("he's", "they'd", "she'll"), a quotation mark does not hide it ('him').
# Its first letter first, the look-behinds after it (see _CANDIDATE).
_PRONOUN_WORD = re.compile(
    r"[HhSsTt](?<![\w-][HhSsTt])(?<!\w['’][HhSsTt])"
    r"(?:(?<=[Hh])(?:e|im|is|imself|er|ers|erself)|(?<=[Ss])he|(?<=[Tt])he(?:y|m|ir|irs|mselves))(?![\w-])"
)
_TITLE_GENDER = {"Mr": "m", "Mrs": "f", "Ms": "f", "Miss": "f"}
_TITLED = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$")
_SPEAKS_AFTER = re.compile(r"(?:,[^,\n]{1,90},)?\s+(\w+)")  # the verb after a name or its apposition
PRONOUN_REACH = 8  # person mentions looked back at for an antecedent: a pronoun's referent is near


def pronoun_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """he/him/his/she/her/hers/they/them/their as mentions of kind ``pronoun``, with the person they most likely mean.

    he/she (and their forms) take the last person named before them, within ``PRONOUN_REACH`` person mentions,
    whose gender does not disagree: the gender comes from a title the article gives the person (Mr., Mrs., Ms.),
    a given name of ``data/lexicons/given_names.csv``, or an earlier pronoun that only that person could have meant. A name outside the gazetteer counts as a
    person only when titled, later called by its surname alone ("Eric Woolson … Woolson said"; not "Wall
    Street") or the subject of a speech verb ("Ana Silva, an economist, said"). The plural, and a pronoun with no
    such person, stay unresolved (``actor`` empty). Pronoun mentions are tone targets only, never actors
    (``NOT_ACTORS``).
    """
    gender: dict[str, str] = {}
    titled: set[str] = set()
    for mention in mentions:
        if mention.actor_type not in ("person", UNKNOWN):
            continue
        start = max(0, mention.start - 6)
        title = _TITLED.search(text, start, mention.start) if "M" in text[start : mention.start] else None
        if title:
            gender.setdefault(mention.actor, _TITLE_GENDER[title.group(1)])
            titled.add(mention.actor)
        elif " " in mention.actor and (given := given_gender(mention.actor.split(" ", 1)[0])):
            gender.setdefault(mention.actor, given)  # "Mark Rutte": a given name the speaker model learned is a man's
    resumed = {m.actor for m in mentions if m.actor_type == UNKNOWN and m.surface != m.actor}
    # A name that speaks is a person's ("Zanele Mbeki-Thorne, an energy researcher, said"; "Ana Silva said").
    cues = _speech_cues()
    for mention in mentions:
        if mention.actor_type == UNKNOWN and " " in mention.surface:
            verb = _SPEAKS_AFTER.match(text, mention.end, mention.end + 120)
            if verb and verb.group(1).lower() in cues:
                resumed.add(mention.actor)
    people = sorted(
        (
            m
            for m in mentions
            if m.actor_type == "person"
            or (
                m.actor_type == UNKNOWN
                and (m.actor in titled or (m.actor in resumed and " " in m.actor and not _ORG_WORDS.search(m.actor)))
            )
        ),
        key=attrgetter("start"),
    )
    starts = [m.start for m in people]
    spans = sorted((m.start, m.end) for m in mentions if " " in m.surface)  # a pronoun word is part of no one-word name
    span_starts = [span[0] for span in spans]
    found: list[Mention] = []
    for match in _PRONOUN_WORD.finditer(text):
        start, end = match.span()
        inside = bisect_right(span_starts, start) - 1
        if inside >= 0 and spans[inside][1] > start:  # part of a name ("His Holiness"): the name's mention
            continue
        word = match.group()
        wanted = _PRONOUN_GENDER[word.lower()]
        actor = ""
        if wanted != "p":
            index = bisect_right(starts, start) - 1
            window = [c for c in reversed(people[max(0, index + 1 - PRONOUN_REACH) : index + 1]) if c.end <= start]
            for candidate in window:
                if gender.get(candidate.actor, wanted) == wanted:
                    actor = candidate.actor
                    break
            if actor and all(c.actor == actor for c in window):  # only one person it could mean: their gender
                gender.setdefault(actor, wanted)
        found.append(Mention(start, end, word, actor, PRONOUN))
    return found
