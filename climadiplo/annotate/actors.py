"""Actor mentions: gazetteer aliases (one compiled pattern), surname disambiguation, unknown names."""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from climadiplo.errors import InputError
from climadiplo.resources import data_path, read_column

ACTOR_TYPES = ("country", "person", "organisation", "place", "event", "agreement")
UNKNOWN = "unknown"
_NAME_TOKEN = r"[A-Z][a-z]+(?:[-'’][A-Za-z][a-z]+)?"
_PARTICLE = r"(?:de|la|del|da|di|van|von|der|den|bin|al|le|du)"
_CANDIDATE = re.compile(rf"(?<![\w.])({_NAME_TOKEN}(?:\s(?:{_PARTICLE}\s)?{_NAME_TOKEN})+)(?![\w])")


@dataclass(frozen=True)
class Actor:
    """A gazetteer entry."""

    name: str
    type: str
    role: str
    side: str
    date: str


@dataclass(frozen=True)
class Mention:
    """An actor named in the text: offsets, the words used and the canonical actor."""

    start: int
    end: int
    surface: str
    actor: str
    actor_type: str


@dataclass(frozen=True)
class Gazetteer:
    """Actors and one compiled pattern over all their aliases."""

    actors: dict[str, Actor]
    alias_actors: dict[str, tuple[str, ...]]
    pattern: re.Pattern[str]


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
                    alias_actors.setdefault(alias, []).append(name)
    except OSError as error:
        raise InputError(f"{path}: cannot read gazetteer ({error.strerror})") from None
    # Longest aliases first is implied by the trie (greedy), and the look-arounds keep words whole.
    pattern = re.compile(rf"(?<![\w]){trie_pattern(sorted(alias_actors))}(?![\w]|\.\w)")
    return Gazetteer(actors, {alias: tuple(names) for alias, names in alias_actors.items()}, pattern)


@cache
def _name_stopwords() -> frozenset[str]:
    titles = read_column("lexicons", "titles.csv", column="title")
    # Role nouns are listed lower-case ("analyst") but open a name capitalised ("Analyst Maria Chen").
    return (
        frozenset(read_column("lexicons", "sentence_starters.csv", column="word"))
        | frozenset(titles)
        | frozenset(title[:1].upper() + title[1:] for title in titles)
    )


def find_mentions(text: str, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """All actor mentions in a document's text, in order, with ambiguous surnames resolved."""
    gazetteer = gazetteer or load_gazetteer()
    matches = [(m.start(), m.end(), m.group()) for m in gazetteer.pattern.finditer(text)]
    first_full: dict[str, int] = {}
    for start, _, surface in matches:
        names = gazetteer.alias_actors[surface]
        if len(names) == 1:
            first_full.setdefault(names[0], start)
    mentions: list[Mention] = []
    last_seen: dict[str, int] = {}
    for start, end, surface in matches:
        names = gazetteer.alias_actors[surface]
        actor = names[0] if len(names) == 1 else _resolve_ambiguous(names, start, last_seen, first_full)
        if actor is None:
            mentions.append(Mention(start, end, surface, surface, UNKNOWN))
            continue
        last_seen[actor] = start
        mentions.append(Mention(start, end, surface, actor, gazetteer.actors[actor].type))
    mentions.extend(_unknown_names(text, mentions))
    return sorted(mentions, key=lambda mention: (mention.start, mention.end))


def _resolve_ambiguous(
    names: tuple[str, ...], position: int, last_seen: dict[str, int], first_full: dict[str, int]
) -> str | None:
    """Pick the candidate the article named most recently (else next); None if it names none."""
    before = [(last_seen[name], name) for name in names if name in last_seen]
    if before:
        return max(before)[1]
    after = [(first_full[name], name) for name in names if name in first_full and first_full[name] > position]
    return min(after)[1] if after else None


def _unknown_names(text: str, known: list[Mention]) -> list[Mention]:
    """Capitalised multi-word names outside the gazetteer, and later surname-only uses of them."""
    covered = bytearray(len(text))  # a coverage mask keeps overlap checks linear on huge documents
    for mention in known:
        covered[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    stopwords = _name_stopwords()
    found: list[Mention] = []
    surnames: dict[str, str] = {}
    for match in _CANDIDATE.finditer(text):
        # The name is the run's tail after its last title, opener or known actor:
        # "Indian Finance Minister Nirmala Sitharaman" -> "Nirmala Sitharaman".
        tokens, position, offsets = match.group(1).split(" "), match.start(1), []
        for token in tokens:
            offsets.append(position)
            position += len(token) + 1
        cut = 0
        for index, (token, offset) in enumerate(zip(tokens, offsets, strict=True)):
            titled = token + "." in stopwords and text.startswith(".", offset + len(token))  # "Mr" of "Mr."
            if token in stopwords or token.split("-")[0] in stopwords or covered[offset] or titled:
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
        found.append(Mention(start, end, name, name, UNKNOWN))
        surnames.setdefault(tail[-1], name)
        covered[start:end] = b"\x01" * (end - start)
    if surnames:
        surname_pattern = re.compile(rf"(?<![\w]){trie_pattern(sorted(surnames))}(?![\w])")
        for match in surname_pattern.finditer(text):
            if not any(covered[match.start() : match.end()]):
                found.append(Mention(match.start(), match.end(), match.group(), surnames[match.group()], UNKNOWN))
    return found


def sentence_index(sentence_starts: list[int], position: int) -> int:
    """The index of the sentence containing a character position (sentences sorted by start)."""
    return max(0, bisect_right(sentence_starts, position) - 1)
