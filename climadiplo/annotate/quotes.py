"""Quotations and reported speech with their speakers: who says what, attributed to a real name."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import cache
from typing import NamedTuple

from climadiplo.annotate.actors import _ORG_WORD_SET, _ORG_WORDS, UNKNOWN, UPPER, Gazetteer, Mention, trie_pattern
from climadiplo.annotate.names import is_given_name, name_gender
from climadiplo.annotate.quotemarks import QuoteSpan, mask_quotes, quote_spans
from climadiplo.read.segment import dateline_span, ends_with_question
from climadiplo.resources import read_rows

UNKNOWN_SPEAKER = "unknown"
SPEECH_KINDS = ("direct", "partial", "hypothetical")  # quotations of speech (indirect is reported speech)
NOT_SPEECH = ("scare", "title")
_GROUP_NOUNS = (
    "officials|lawmakers|legislators|leaders|diplomats|negotiators|experts|analysts|authorities|government|"
    "ministry|administration|officials'|side|delegation|scientists|researchers|companies|firms|media|state media"
)
_TITLE_CONTEXT = re.compile(
    r"(?=[bfrdneaht])\b(?:book|film|report|documentary|novel|essay|article|headline|titled|entitled|dubbed)\W+$",
    re.IGNORECASE,
)
_SCARE_CONTEXT = re.compile(
    r"(?=[sckwtl])(?:\bso-called\s*$|\bcalled\s*$|\bknown as\s*$|\bterm\s*$|\bword\s*$|\blabel(?:led|ed)?\s*$)",
    re.IGNORECASE,
)
_PRONOUN_TAIL = re.compile(r"(?=[hstwi])\b(he|she|they|we|I)\s+(?:\w+\s+)?$", re.IGNORECASE)
ATTRIBUTION_REACH = 60
REGION_REACH = 400  # characters around a quote searched for cues and speakers (keeps the stage linear)
# Sentence ends of scripts that do not use "." (Arabic, Urdu, Devanagari, CJK) and of any script.
# One class first, so that re skips in C to the marks (not "[…]+…|\n"): the same matches, found faster.
_SCRIPT_BREAK = re.compile(r"[.!?;؟۔।。！？；\n](?:(?<=\n)|[.!?;؟۔।。！？；]*[\"”’')\]]*\s)")
LOOKBACK_MENTIONS = 300
# Compiled once: these run per quotation or per cue.
_GROUP_TAIL = re.compile(rf"\s+({_GROUP_NOUNS})\b")
_SPACES = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")  # a letter of any script
_TITLE_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_NOT_REPORTED = re.compile(r"\s*(?:this|it|so|nothing|little|much|something|the\s+same\b|that\s*[,.;]|that\s+and\b)")
# Words between a cue and its "that" ("said in a statement that"): a subject pronoun or an auxiliary among them
# means the content has begun, and its "that" is a relative one ("say they are negotiating a deal that could …").
_GAP_WORD = r"\s+(?!(?i:he|she|they|we|i|it|you|is|are|was|were|will|would|could|can|should|has|have|had)\b)[^\s,.;]+"
_THAT = re.compile(rf"(?:{_GAP_WORD}){{0,8}}?\s+that\s+")
# "said that …", "said …", and "said on Friday (that) …": a time phrase between the cue and its content is neither.
_THAT_OR_SPACE = re.compile(
    rf"(?:(?:{_GAP_WORD}){{0,8}}?\s+that\s+|\s+(?:(?:on|last|this|late|early)\s+[A-Z][a-z]+day"
    r"(?:\s+(?:morning|afternoon|evening|night))?\s+|(?:yesterday|today|earlier|later)\s+(?!that\b)(?=[a-z]))?)"
)
# After a trailing cue ("…, Watt said on Tuesday."): nothing, or a time, place or venue phrase, to the sentence's end.
_TRAILING_TAIL = re.compile(
    r"(?:\s+(?:on|in|at|during|after|before|last|this|earlier|later|late|early|yesterday|today|tonight|told|to|from|"
    r"via|when|while)\b[^,;:\n]{0,60})?(?:,\s+[a-z]+ing\b[^;\n]{0,300}?)?\s*[.!]?[\"”’')\]]*\s*"
)  # "…, the commission said on Tuesday, escalating a trade fight." too
_DESCRIBED = re.compile(
    r"(?:(?:the|a|an|one|two|three|several|some|many|other|most)\s+)?(?:[\w’'-]+\s+){0,6}?[^\W\d_][\w’'-]*\s*"
)
_NOT_DESCRIPTION = frozenset(
    "is are was were be been has have had will would can could may might should must do does did not "
    "it this that these those which who there here what he she they we i you and but or nor while when as if "
    "because although though so yet then also still just now again once later earlier already only even".split()
)
# Where a description's head ends and what qualifies it begins: "a person familiar with the matter".
_POSTMODIFIERS = frozenset("familiar close briefed involved knowledgeable with of at in from for on who".split())
_SOURCE_NOUNS = frozenset("person people source sources".split())  # anonymous sources, no role of their own
_REPORTED_WORD = re.compile(r"[^\W\d_]\w*")
# After an inverted cue: a description, a capitalised run of up to four words (any script's capitals), a pronoun.
_RIGHT_SUBJECT = re.compile(
    rf"\s+((?:the|a|an)\s+(?:[\w.’'-]+\s+){{0,5}}?[\w-]+|{UPPER}[\w.’'-]*(?:\s+{UPPER}[\w.’'-]*){{0,3}}|he|she|they)"
)
# Who is told, after "told": a determiner phrase up to the next word that opens a clause ("told my Chinese counterpart
# the same thing"), a capitalised name ("told Lars Berg"), an object pronoun, or one bare noun before such a word
# ("told reporters the meeting could resume"). The reported content starts after it.
_CLAUSE_OPENER = r"(?=\s+(?:the|a|an|he|she|they|it|we|i|you|his|her|their|its|our|my|there|this|these|those|on|last|yesterday|today|earlier|later)\b)"
_HEARER = re.compile(
    rf"\s+(?:(?:the|a|an|my|his|her|our|their|its|your)\s+(?:[\w’'.-]+\s+){{0,3}}?[\w’'.-]+{_CLAUSE_OPENER}"
    rf"|{UPPER}[\w.’'-]*(?:\s+{UPPER}[\w.’'-]*){{0,3}}\b|(?:me|him|her|us|them|you)\b|[a-z]+{_CLAUSE_OPENER})"
)
_TELL_CUES = frozenset({"told", "tells", "tell", "telling"})
_ORG_NOUNS = "ministry|foreign ministry|government|embassy|delegation|administration|department|agency|cabinet|office|spokesperson|spokesman|spokeswoman"  # characters between a speaker and its cue ("Xi Jinping said at a conference … that")


class Cue(NamedTuple):
    """A speech cue found in the text (a named tuple: a document has hundreds, and these build fastest)."""

    start: int
    end: int
    text: str
    kind: str
    needs_that: bool


class Speaker(NamedTuple):
    """A resolved speaker: display name, the gazetteer actor behind it (if any), and the offsets of the mention it
    was read from (the name, pronoun or description at the cue; -1 when unknown)."""

    name: str
    actor: str
    start: int = -1
    end: int = -1


def _read_at(speaker: Speaker | None, start: int, end: int) -> Speaker | None:
    """The speaker as read from the mention at [start, end) ("he" resolved to a person keeps the pronoun's offsets)."""
    return speaker._replace(start=start, end=end) if speaker is not None else None


@dataclass(frozen=True)
class Quote:
    """One quotation or reported-speech passage."""

    sentence: int
    start: int
    end: int
    text: str
    speaker: str
    speaker_actor: str
    cue: str
    kind: str
    speaker_start: int = -1  # offsets of the mention the speaker was read from; -1 when unknown or empty
    speaker_end: int = -1


def first_chars(words) -> str:
    """A look-ahead for the characters the words start with: a scan skips other positions without entering the
    pattern (the same matches, found faster)."""
    return "(?=[" + "".join(re.escape(char) for char in sorted({word[0] for word in words})) + "])"


@cache
def _cue_table() -> tuple[re.Pattern[str], dict[str, tuple[str, bool]]]:
    rows = read_rows("lexicons", "speech_cues.csv")
    info = {row["cue"].lower(): (row["kind"], row["needs_that"] == "yes") for row in rows}
    # Matched against lower-cased text (same length, same offsets): twice as fast as IGNORECASE; the
    # alternatives factored as a trie keep it fast with a long cue list.
    pattern = re.compile(first_chars(info) + r"(?<![\w’'])(?:" + trie_pattern(sorted(info)) + r")(?![\w’'])")
    return pattern, info


@cache
def _role_nouns() -> tuple[str, ...]:
    return tuple(row["title"].lower() for row in read_rows("lexicons", "titles.csv") if row["kind"] == "role")


@cache
def _roles_alternation() -> str:
    """The role nouns as one trie alternation: at any position it prefers the longest noun, as a longest-first list
    would, but is much faster to search."""
    return trie_pattern(sorted(set(_role_nouns())))


@cache
def _apposition_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    roles = _roles_alternation()
    # An apposition closes where its noun phrase does ("John Kerry, the envoy, said", "…, the envoy for climate"): in
    # "an interview with Mika Brzezinski, the Democratic candidate stated" the candidate is a subject, not her role.
    after = re.compile(
        rf",\s+(?:(?:the|a|an)\s+)?(?:[\w.’'-]+\s+){{0,6}}?({roles})\b"
        r"(?=[’']s\b|\s*(?:[,.;:)\]—–-]|$)|\s+(?:of|for|at|in|on|to|with|from|and|who|whose|which|since|under)\b)",
        re.IGNORECASE,
    )
    before = re.compile(rf"\b({roles}),?\s+$", re.IGNORECASE)
    return after, before


@cache
def _role_lookup() -> tuple[frozenset[str], int, bool]:
    """The role nouns as a set, the longest one's length, and whether all are one word."""
    roles = frozenset(_role_nouns())
    return roles, max(map(len, roles), default=0), all(re.fullmatch(r"[a-z-]+", role) for role in roles)


_WORD_CHAR = re.compile(r"\w")


def _role_before(window: str, before: re.Pattern[str]) -> str | None:
    """The role noun ending window (before a ",?\\s+" tail), as ``before.search(window).group(1)`` finds it.

    The pattern tries a trie of role nouns at every position of the window; for ASCII text the one place a match
    can end is known, and only the few starts before it are looked up (one-word nouns; others: the pattern).
    """
    roles, longest, one_word = _role_lookup()
    head = window.rstrip()
    if len(head) == len(window):
        return None  # the pattern ends in white space
    end = len(head) - 1 if head.endswith(",") else len(head)
    if not one_word:
        match = before.search(window)
        return match.group(1) if match else None
    low = max(0, end - longest)
    if not window[max(0, low - 1) : end].isascii():
        match = before.search(window)
        return match.group(1) if match else None
    for start in range(low, end):  # the leftmost start, as a search finds it
        if window[start:end].lower() in roles and (start == 0 or not _WORD_CHAR.match(window, start - 1)):
            return window[start:end]
    return None


@cache
def _roles_in(description: str) -> tuple[str, ...]:
    """Role nouns in a gazetteer role description ("US climate envoy" -> envoy)."""
    words = set(re.findall(r"[a-z-]+", description.lower()))
    return tuple(role for role in _role_nouns() if role in words)


def find_cues(text: str, offset: int = 0) -> list[Cue]:
    """All speech cues in text (use on text with quotations masked); offset is added to their positions."""
    pattern, info = _cue_table()
    cues = []
    for match in pattern.finditer(text.lower()):
        kind, needs_that = info[match.group()]
        start, end = match.span()
        cues.append(Cue(start + offset, end + offset, text[start:end], kind, needs_that))
    return cues


class CueIndex:
    """A document's cues, found once on its masked text, looked up by position (keeps the stage linear)."""

    def __init__(self, cues: list[Cue]) -> None:
        self.cues = cues
        self.starts = [cue.start for cue in cues]

    def within(self, low: int, high: int) -> list[Cue]:
        """The cues lying inside [low, high)."""
        first, last = bisect_left(self.starts, low), bisect_left(self.starts, high)
        return [cue for cue in self.cues[first:last] if cue.end <= high]


class SpeakerResolver:
    """Resolves names, pronouns, role nouns and group phrases to speakers, using one document's mentions."""

    def __init__(self, text: str, mentions: list[Mention], gazetteer: Gazetteer, voice_at=None):
        self.text = text
        self.gazetteer = gazetteer
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.voice_at = voice_at or (lambda position: None)
        self._role_index: dict[str, tuple[list[int], list[str]]] | None = None
        self._genders: dict[str, str] | None = None
        self._people: dict[tuple[int, int], bool] = {}  # is_person of each unknown run, by its span

    @property
    def role_index(self) -> dict[str, tuple[list[int], list[str]]]:
        """Per role noun, the positions (in order: bisect, never a scan) and persons linked to it; built on first use."""
        if self._role_index is None:  # most documents never resolve a role noun: skip the appositions scan
            self._role_index = {}
            for where, noun, actor in self._role_links():
                positions, actors = self._role_index.setdefault(noun, ([], []))
                positions.append(where)
                actors.append(actor)
        return self._role_index

    def is_person(self, mention: Mention) -> bool:
        """True for people: gazetteer persons, and unknown names that read as a person's (``_unknown_is_person``)."""
        if mention.actor_type != UNKNOWN:
            return mention.actor_type == "person"
        key = (mention.start, mention.end)
        known = self._people.get(key)
        if known is None:
            known = self._people[key] = _unknown_is_person(self.text, mention)
        return known

    def _role_links(self) -> list[tuple[int, str, str]]:
        """(position, role noun, person) from appositions and titles: "John Kerry, the top U.S. climate negotiator"."""
        links: list[tuple[int, str, str]] = []
        after, before = _apposition_patterns()
        for mention in self.mentions:
            if not self.is_person(mention):
                continue
            match = after.match(self.text, mention.end)
            if match and "\n" not in match.group():
                links.append((mention.start, match.group(1).lower(), mention.actor))
            window = self.text[max(0, mention.start - 40) : mention.start]
            role = _role_before(window, before)
            if role:
                links.append((mention.start, role.lower(), mention.actor))
            entry = self.gazetteer.actors.get(mention.actor)
            if entry and entry.role:
                links.extend((mention.start, role, mention.actor) for role in _roles_in(entry.role))
        return sorted(links)

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The mention lying inside [start, end), preferring the longest."""
        index = bisect_right(self.starts, end) - 1
        found = [m for m in self.mentions[max(0, index - 5) : index + 1] if m.start >= start and m.end <= end]
        return max(found, key=lambda m: m.end - m.start) if found else None

    def between(self, start: int, end: int) -> list[Mention]:
        """Mentions lying inside [start, end), in order."""
        low = bisect_right(self.starts, start - 1)
        high = bisect_right(self.starts, end)
        return [m for m in self.mentions[low:high] if m.start >= start and m.end <= end]

    def _before(self, position: int, wanted) -> Mention | None:
        index = bisect_right(self.starts, position) - 1
        floor = max(-1, index - LOOKBACK_MENTIONS)  # an antecedent is near; never scan a whole book
        while index > floor:
            mention = self.mentions[index]
            if mention.end <= position and wanted(mention):
                return mention
            index -= 1
        return None

    def as_speaker(self, mention: Mention) -> Speaker:
        """A mention as a speaker; a country followed by a group noun keeps the phrase ("U.S. lawmakers")."""
        tail = _GROUP_TAIL.match(self.text, mention.end, mention.end + 40)
        if mention.actor_type in ("country", "place") and tail:
            return Speaker(f"{mention.surface} {tail.group(1)}", mention.actor, mention.start, tail.end(1))
        actor = mention.actor if mention.actor_type != UNKNOWN else ""
        return Speaker(mention.actor, actor, mention.start, mention.end)

    def resolve_role(self, role: str, position: int) -> Speaker | None:
        """The person the article linked to this role noun most recently before position."""
        positions, actors = self.role_index.get(role, ([], []))
        if actors:
            before = bisect_right(positions, position)
            actor = actors[before - 1] if before else actors[-1]
            return Speaker(actor, actor if actor in self.gazetteer.actors else "")
        # An anonymous source is reported as the text describes it ("unnamed diplomat"), not guessed.
        return Speaker(f"unnamed {role}", "")

    def resolve_pronoun(self, pronoun: str, position: int) -> Speaker | None:
        """he/she: the nearest person named before; they: the nearest group; I/we: the sentence's voice."""
        lower = pronoun.lower()
        if lower in ("he", "she"):
            from climadiplo.annotate.speaker_model import honorific_genders  # as select_speakers: imported on use

            if self._genders is None:
                self._genders = honorific_genders(self.text)
            wanted, genders = "m" if lower == "he" else "f", self._genders
            # A person of the pronoun's gender (or of unknown gender): "she" is not the Mr. Hale named last.
            mention = self._before(
                position, lambda m: self.is_person(m) and name_gender(m.actor, genders) in ("", wanted)
            )
        elif lower == "they":
            mention = self._before(position, lambda m: m.actor_type in ("country", "organisation"))
        else:
            voice = self.voice_at(position)  # "I" in an answer is the interviewee; in narration, the author
            return Speaker(voice, voice if voice in self.gazetteer.actors else "") if voice else None
        return self.as_speaker(mention) if mention else None


# Before a capitalised run that is a place's or a body's, not a person's: a determiner or "of"/"at", perhaps through
# other capitalised words ("of the Southern Rock Lobster association", "said at Town Hall", "the Social Democrat
# state premier"). A person's name takes none ("the late Ana Silva" has a lower-case word between).
_PLACE_BEFORE = re.compile(rf"(?:^|\s)(?:the|The|a|an|of|at)\s+(?:{UPPER}[\w’'.-]*\s+)*$")
# After it: a lower-case word naming a body or a place ("association", "hall", "party", "council").
_BODY_WORDS = (
    "association|associations|party|council|hall|club|union|league|federation|group|company|board|authority|"
    "agency|institute|industry|sector|committee|commission|government|ministry|department|office|foundation|"
    "society|movement|campaign|coalition|alliance|centre|center|school|university|college|church|hospital|"
    "museum|park|square|street|river|region|province|county|district|city|town|village|airport|station|"
    "bank|fund|firm|network|organisation|organization|body|lobby|trust|project|programme|program|"
    "island|islands|lake|bay|mall|beach|valley|coast|mountain|mountains|shoal|harbour|harbor|bridge|road|avenue"
)
_BODY_AFTER = re.compile(rf"\s+(?:{_BODY_WORDS})\b")
_BODY_WORD_SET = frozenset(_BODY_WORDS.split("|"))
_PLACE_FIRST = frozenset({"Lake", "Mount", "Fort", "Cape", "Port"})  # words opening a place's name, no one's
_SOURCE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+$|(?:^|\s)([a-z]+)\s+$")
_APPOSITION_AFTER = re.compile(r",\s+(?:the|a|an|who|whose|its|his|her)\s")


def _unknown_is_person(text: str, mention: Mention) -> bool:
    """Whether an unknown name is a person's.

    A speech source ("said Kate Sawyer", "Ana Silva said", "Ana Silva, an economist, said"), a titled name
    ("Mr. Lies") or one with an apposition ("Olaf Lies, the …") is. An organisation's name is not, nor a run after a
    determiner or "of"/"at" ("of the Southern Rock Lobster association", "at Town Hall") or before a body's word
    ("… association"). Otherwise a run after a title ("Senator …") or with a given name ("Kate …") is, and one ending
    in a body's or a place's word ("Easter Island") or of ordinary words only ("Town Hall", "Social Democrat") is not.
    """
    from climadiplo.annotate.actors import _SPEAKS_AFTER, _common_words, _name_stopwords, _speech_cues

    name = mention.actor
    if _ORG_WORDS.search(name):
        return False
    words = mention.surface.split()
    if len(words) < 2 or name != mention.surface:
        return True  # a one-word name, or a surname standing for a full name already read
    cues = _speech_cues()
    window = text[max(0, mention.start - 60) : mention.start]
    source = _SOURCE_BEFORE.search(window)
    if source and (source.group(1) is None or source.group(1) in cues):
        return True
    verb = _SPEAKS_AFTER.match(text, mention.end, mention.end + 120)
    if (verb and verb.group(1).lower() in cues) or _APPOSITION_AFTER.match(text, mention.end):
        return True
    if _PLACE_BEFORE.search(window) or _BODY_AFTER.match(text, mention.end) or words[0] in _PLACE_FIRST:
        return False  # "Lake Winola" too
    before_word = window.rsplit(None, 1)[-1] if window.strip() else ""
    if before_word in _name_stopwords() and before_word[:1].isupper():
        return True  # "Senator Ana Silva", "Economist Ana Silva"
    if any(is_given_name(word) for word in words[:-1]):
        return True
    if words[-1].lower() in _BODY_WORD_SET:
        return False  # "Maricopa County", "Easter Island": a place's or a body's name
    common = _common_words()
    return not all(word.lower() in common for word in words)


@cache
def _left_patterns() -> tuple[re.Pattern[str], ...]:
    roles = _roles_alternation()
    subject_gap = re.compile(rf"(?:\s+({_GROUP_NOUNS}))?(?:,[^,\n]{{0,80}},)?\s*(?:\w+\s+){{0,2}}")
    possessive_gap = re.compile(rf"[’']s\s+((?:[\w-]+\s+){{0,2}}?(?:{roles}|{_ORG_NOUNS}))\s+(?:\w+\s+)?")
    role_tail = re.compile(
        rf"(?=[tao])\b(?:the|a|an|one|another)\s+(?:[\w.’'-]+\s+){{0,5}}?({roles})\s+(?:\w+\s+)?$", re.IGNORECASE
    )
    group_tail = re.compile(
        rf"(?:^|[\s,(])((?:[^\W\d_]{{2,}}\s+)?({roles}))(?:\s+(?:in|from|at|of|for)\s+[\w.’'-]+(?:\s+[\w.’'-]+)?)?\s+(?:\w+\s+)?$",
        re.IGNORECASE,
    )
    return subject_gap, possessive_gap, role_tail, group_tail


_APPOSITION_END = re.compile(r",\s*")
_APPOSITION_GAP = re.compile(r",[^,\n]{1,80},\s*")
APPOSITION_REACH = 130  # a name, an 80-character apposition and its commas


def _last_break(window: str) -> int:
    """Where the last ";" or line break of a window before a cue stands (-1: none): a subject never sits across."""
    return max(window.rfind(";"), window.rfind("\n"))


def _speaker_left_of(resolver: SpeakerResolver, outside: str, offset: int, cue: Cue) -> Speaker | None:
    """The subject just before a cue: "Kerry told", "the envoy said", "Beijing's envoy said", "she said"."""
    window_start = max(0, cue.start - offset - ATTRIBUTION_REACH)
    window = outside[window_start : cue.start - offset]
    cut = _last_break(window)
    if cut >= 0:
        window_start += cut + 1
        window = outside[window_start : cue.start - offset]
    base = offset + window_start
    candidates: list[tuple[int, Speaker | None]] = []
    subject_gap, possessive_gap, role_tail, group_tail = _left_patterns()
    nearby = resolver.between(base, cue.start)
    if nearby:
        mention = nearby[-1]
        between = resolver.text[mention.end : cue.start]
        # Allow a group noun, an apposition ("John Kerry, the envoy, said") or up to two words ("has said").
        if subject_gap.fullmatch(between) or (
            # The name is the apposition: "Chile's president, Gabriel Boric, said".
            _APPOSITION_END.fullmatch(between)
            and _role_before(resolver.text[max(0, mention.start - 40) : mention.start], _apposition_patterns()[1])
        ):
            candidates.append((mention.start, resolver.as_speaker(mention)))
        possessive = possessive_gap.fullmatch(between)
        if possessive:
            owner = resolver.as_speaker(mention)
            phrase = f"{mention.surface}'s {possessive.group(1)}"
            where = (mention.start, mention.end + possessive.end(1))
            candidates.append((mention.start + 1, Speaker(phrase, owner.actor, *where)))
        if not candidates:
            # An apposition naming an actor stands between the subject and its cue: "Maria Sousa, Brazil's
            # environment minister, said", "Ana Lima, an economist at the University of Lisbon, said" (the
            # subject is the person before it, perhaps beyond the reach, not "Brazil" or the university).
            wide = outside[max(0, cue.start - offset - APPOSITION_REACH) : cue.start - offset]
            low = cue.start - len(wide) + _last_break(wide) + 1
            earlier = [m for m in resolver.between(low, cue.start) if m.start < mention.start]
            person = next((m for m in reversed(earlier) if resolver.is_person(m)), None)
            if person is not None and _APPOSITION_GAP.fullmatch(resolver.text[person.end : cue.start]):
                candidates.append((person.start, resolver.as_speaker(person)))
    pronoun = _PRONOUN_TAIL.search(window)
    if pronoun:
        at = base + pronoun.start()
        found = resolver.resolve_pronoun(pronoun.group(1), at)
        candidates.append((at, _read_at(found, at, at + len(pronoun.group(1)))))
    role = role_tail.search(window)
    if role:
        role_start = base + role.start()
        modifier = next(iter(resolver.between(role_start, base + role.end(1))), None)
        if modifier is not None and modifier.actor_type != UNKNOWN and not resolver.is_person(modifier):
            # "a Chinese commerce ministry spokesperson": an unnamed voice of a named actor.
            phrase = re.sub(r"^(?:the|a|an|one|another)\s+", "", role.group(0).strip(), flags=re.IGNORECASE)
            phrase = phrase[: phrase.lower().rfind(role.group(1).lower()) + len(role.group(1))]
            candidates.append((role_start, Speaker(phrase, modifier.actor, role_start, base + role.end(1))))
        else:
            found = resolver.resolve_role(role.group(1).lower(), role_start)
            candidates.append((role_start, _read_at(found, role_start, base + role.end(1))))
    if not candidates:
        group = group_tail.search(window)  # searched only when nothing else was found (it tries every position)
        if group and group.group(2).lower().endswith("s"):
            # "Officials said", "Negotiators in Bonn said": an unnamed group, reported as such.
            return Speaker(f"unnamed {group.group(2).lower()}", "", base + group.start(1), base + group.end(1))
        return None
    return max(candidates, key=lambda item: item[0])[1]


def _speaker_right_of(resolver: SpeakerResolver, outside: str, offset: int, cue: Cue) -> Speaker | None:
    """The inverted subject after a cue ("said Kerry", "said the envoy", "said a spokesperson for X")."""
    rest = outside[cue.end - offset : cue.end - offset + ATTRIBUTION_REACH]
    if cue.text.lower() == "according to":
        phrase_end = cue.end + len(re.split(r"[,.;:—]", rest, maxsplit=1)[0])
        first = next(iter(resolver.between(cue.end, phrase_end)), None)
        if first is not None:
            return resolver.as_speaker(first)
    match = _RIGHT_SUBJECT.match(rest)
    if not match:
        return None
    start, end = cue.end + match.start(1), cue.end + match.end(1)
    mention = resolver.mention_at(start, end)
    role = re.match(r"(?:the|a|an)\s+(?:[\w.’'-]+\s+){0,5}?([\w-]+)$", match.group(1))
    if role and role.group(1).lower() in _role_nouns():
        for_org = re.match(r"\s+(?:for|of|at)\s+(?:the\s+)?", resolver.text[end : end + 20])
        if for_org:
            org = resolver.mention_at(end, end + 80)
            if org is not None:
                return resolver.as_speaker(org)
        linked = resolver.resolve_role(role.group(1).lower(), start)
        if linked:
            return _read_at(linked, start, end)
    if mention is not None:
        return resolver.as_speaker(mention)
    if match.group(1).lower() in ("he", "she", "they"):
        return _read_at(resolver.resolve_pronoun(match.group(1), start), start, end)
    return None


def paragraph_quotes(text: str, spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """The quotations with one reopened over paragraphs split into one quotation per paragraph.

    "“We discussed wind.\n\n“We also discussed grids.”": two quoted paragraphs, as news annotators code them
    (PolNeAR train: 28 of the 34 quotations the scanner joins over paragraphs are coded one per paragraph); the
    speaker of the first goes on in the next (the ranker's continuation candidate).
    """
    if not any(span.reopened for span in spans):
        return spans
    split: list[QuoteSpan] = []
    for span in spans:
        if not span.reopened:
            split.append(span)
            continue
        open_at, start = span.open_at, span.start
        reopened: tuple[int, ...] = ()
        for reopen in span.reopened:
            end = text.rfind("\n\n", start, reopen)
            end = reopen if end < 0 else end
            while end > start and text[end - 1].isspace():
                end -= 1
            split.append(QuoteSpan(open_at, end, start, end, span.mark, reopened))
            open_at, start = reopen, reopen + (2 if text.startswith("''", reopen) else 1)
            reopened = (reopen,)  # the pieces after the first open with the mark that reopened the quotation
        split.append(QuoteSpan(open_at, span.close_at, start, span.end, span.mark, reopened))
    return split


def _clean_quote_text(text: str, span: QuoteSpan) -> tuple[int, int, str]:
    """Trim white space and a trailing comma or full stop that belongs to the sentence around the quote."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",."):
        end -= 1
    words = text[start:end]
    for reopen in sorted(span.reopened, reverse=True):
        relative = reopen - start
        if 0 <= relative < len(words):
            width = 2 if text.startswith("''", reopen) else 1  # the mark that reopens it: “ or ''
            words = words[:relative] + words[relative + width :]
    return start, end, _SPACES.sub(" ", words)


def extract_quotes(
    text: str,
    sentence_spans: list[tuple[int, int]],
    mentions: list[Mention],
    gazetteer: Gazetteer,
    sentence_voices: list[str] | None = None,
    use_model: bool = True,
) -> list[Quote]:
    """Quotations (direct, partial, hypothetical; scare quotes and titles marked) and reported speech.

    The rules find the quotations and a first speaker; the learned selector (speaker_model) then
    decides speech against scare quote and ranks the candidate speakers (``use_model=False``: rules only).
    """
    starts = [start for start, _ in sentence_spans]
    voices = sentence_voices or ["author"] * len(sentence_spans)

    def sentence_of(position: int) -> int:
        return max(0, bisect_right(starts, position) - 1)

    spans = quote_spans(text)
    masked = mask_quotes(text, spans)  # once per document: every region below is a slice of it
    spans = paragraph_quotes(text, spans)
    resolver = SpeakerResolver(text, mentions, gazetteer, voice_at=lambda position: voices[sentence_of(position)])
    cues = CueIndex(find_cues(masked))
    records, attributed_cues = _rule_quotes(text, sentence_spans, spans, masked, resolver, sentence_of, cues)
    quotes = [quote for _, quote in records]
    if use_model:
        from climadiplo.annotate.speaker_model import select_speakers

        quotes = select_speakers(text, masked, records, mentions, gazetteer, cues.cues, resolver)
    quotes.extend(_indirect_speech(text, masked, sentence_spans, resolver, attributed_cues, cues))
    quotes = [_with_actor(_mention_checked(quote), gazetteer) for quote in quotes]
    return sorted(quotes, key=lambda q: (q.start, q.end, q.kind))


def _with_actor(quote: Quote, gazetteer: Gazetteer) -> Quote:
    """The quote with its speaker's gazetteer actor when the speaker is one by name: the same look-up for direct and
    reported speech (a surname the model resolved to "Donald Tusk" left the actor empty)."""
    if not quote.speaker_actor and quote.speaker in gazetteer.actors:
        return replace(quote, speaker_actor=quote.speaker)
    return quote


def _mention_checked(quote: Quote) -> Quote:
    """The quote with -1/-1 speaker offsets when its speaker is unknown or empty (no mention was read)."""
    if quote.speaker in ("", UNKNOWN_SPEAKER) and quote.speaker_start != -1:
        return replace(quote, speaker_start=-1, speaker_end=-1)
    return quote


def _rule_quotes(
    text: str,
    sentence_spans: list[tuple[int, int]],
    spans: list[QuoteSpan],
    masked: str,
    resolver: SpeakerResolver,
    sentence_of,
    cues: CueIndex,
) -> tuple[list[tuple[QuoteSpan, Quote]], dict[int, str]]:
    """The rules' pass: every quotation with its kind, cue and speaker, in text order, and the cues used."""
    records: list[tuple[QuoteSpan, Quote]] = []
    attributed_cues: dict[int, str] = {}
    previous: Quote | None = None
    previous_cue: Cue | None = None
    for span in spans:
        first, last = sentence_of(span.open_at), sentence_of(span.close_at)
        region_start, region_end = _bounded_region(text, span, sentence_spans[first][0], sentence_spans[last][1])
        outside = masked[region_start:region_end]
        start, end, words = _clean_quote_text(text, span)
        if not words:
            continue
        kind, cue, speaker = _attribute(text, span, outside, region_start, resolver, cues)
        opens_sentence = not text[region_start : span.open_at].strip()
        if (
            kind in ("direct", "partial", "scare")
            and cue is None
            and opens_sentence
            and previous is not None
            and _continues(previous, span, text, sentence_of)
        ):
            # A quotation with no attribution right after an attributed one continues the same speaker.
            kind = _direct_or_partial(text, span, region_start, outside, None) if kind == "scare" else kind
            cue = previous_cue
            speaker = Speaker(previous.speaker, previous.speaker_actor, previous.speaker_start, previous.speaker_end)
        elif kind == "scare" and cue is None and span.reopened[:1] == (span.open_at,):
            # A paragraph that goes on with a quotation (its mark reopens it) is as much speech as the first one.
            kind = _direct_or_partial(text, span, region_start, outside, None)
        elif cue is not None:
            attributed_cues[cue.start] = kind
        quote = Quote(
            sentence=first,
            start=start,
            end=end,
            text=words,
            speaker=speaker.name if speaker else ("" if kind in NOT_SPEECH else UNKNOWN_SPEAKER),
            speaker_actor=speaker.actor if speaker else "",
            cue=cue.text.lower() if cue else "",
            kind=kind,
            speaker_start=speaker.start if speaker else -1,
            speaker_end=speaker.end if speaker else -1,
        )
        records.append((span, quote))
        if kind in ("direct", "partial"):
            previous, previous_cue = quote, cue
    return records, attributed_cues


def _bounded_region(text: str, span: QuoteSpan, start: int, end: int) -> tuple[int, int]:
    """The quote's sentence(s), cut at REGION_REACH characters and at non-Latin sentence ends on either side.

    A speaker and its cue stand near the quote; bounding the region keeps attribution linear in the
    text length even when a "sentence" is a whole book (no full stops, or a script without ".").
    """
    low = max(start, span.open_at - REGION_REACH)
    high = min(end, span.close_at + 1 + REGION_REACH)
    if low > start or high < end:
        left = text[low : span.open_at]
        breaks = [match.end() for match in _SCRIPT_BREAK.finditer(left)]
        low = low + breaks[-1] if breaks else low
        right = _SCRIPT_BREAK.search(text, span.close_at + 1, high)
        high = right.end() if right else high
    return low, high


def _continues(previous: Quote, span: QuoteSpan, text: str, sentence_of) -> bool:
    """An unattributed quotation right after an attributed one in the same or next paragraph continues it."""
    if previous.speaker == UNKNOWN_SPEAKER:
        return False
    gap = text[previous.end : span.open_at]
    return (
        "\n\n" not in gap.strip("”\"’' ,.\n") and len(gap) < 200 and sentence_of(span.open_at) - previous.sentence <= 2
    )


def _attribute(
    text: str, span: QuoteSpan, outside: str, offset: int, resolver: SpeakerResolver, index: CueIndex
) -> tuple[str, Cue | None, Speaker | None]:
    """Kind, cue and speaker of one quotation, from the words around it in its sentence(s)."""
    before = text[max(offset, span.open_at - 40) : span.open_at]
    cues = index.within(offset, offset + len(outside))
    inner = text[span.start : span.end].strip()
    hypothetical = [c for c in cues if c.kind == "hypothetical" and 0 <= span.open_at - c.end <= 12]
    if hypothetical:
        cue = hypothetical[0]
        window = outside[max(0, cue.start - offset - ATTRIBUTION_REACH) : cue.start - offset]
        mention = resolver._before(cue.start, lambda m: m.actor_type != UNKNOWN and m.start >= cue.start - len(window))
        return "hypothetical", cue, resolver.as_speaker(mention) if mention else None
    # A stance cue ("backed", "sees") is no speech cue: a title-cased quotation beside one is still a title.
    spoken = any(c.kind != "stance" for c in cues)
    if _TITLE_CONTEXT.search(before) or (not spoken and len(inner.split()) >= 2 and _is_title_case(inner)):
        return "title", None, None
    if _SCARE_CONTEXT.search(before):
        return "scare", None, None
    speech = [c for c in cues if c.kind in ("speech", "quote", "slogan", "venue")]
    after_close = [c for c in speech if 0 <= c.start - span.close_at <= ATTRIBUTION_REACH]
    before_open = [c for c in speech if c.end <= span.open_at]
    ordered = sorted(after_close, key=lambda c: c.start) + sorted(before_open, key=lambda c: -c.end)
    speaker = None
    chosen = None
    for cue in ordered:
        if cue.kind == "venue":
            continue
        if cue in after_close:
            # "…,” Kerry told Reuters: a subject between the quote and the cue wins; else "…,” said Kerry.
            left = _speaker_left_of(resolver, outside, offset, cue)
            between = text[span.close_at + 1 : cue.start]
            speaker = left if left is not None and _LETTER.search(between) else None
            speaker = speaker or _speaker_right_of(resolver, outside, offset, cue) or left
        else:
            speaker = _speaker_left_of(resolver, outside, offset, cue)
            if speaker is None and cue.text.lower() == "according to":
                speaker = _speaker_right_of(resolver, outside, offset, cue)
        chosen = cue
        if speaker is not None:
            break
    kind = _direct_or_partial(text, span, offset, outside, chosen)
    lead = outside[: max(0, span.open_at - offset)].rstrip()  # a mark opening the sentence: nothing before it
    if chosen is None and lead.endswith(":"):
        # "Tanaka described the talks in detail: “…”": the subject of the introducing clause speaks.
        clause_start = offset + max(lead.rfind(mark) for mark in (". ", "; ", "\n")) + 1
        subject = next(iter(resolver.between(clause_start, offset + len(lead))), None)
        if subject is not None and resolver.is_person(subject):
            return "direct", Cue(span.open_at - 1, span.open_at, ":", "speech", False), resolver.as_speaker(subject)
    if chosen is None and len(inner.split()) <= 4:
        return "scare", None, None
    return kind, chosen, speaker


def _is_title_case(words: str) -> bool:
    tokens = [
        t
        for t in _TITLE_WORD.findall(words)
        if t.lower() not in {"of", "the", "and", "a", "an", "in", "on", "for", "to", "at"}
    ]
    return bool(tokens) and all(t[0].isupper() for t in tokens) and len(tokens) <= 8


def _direct_or_partial(text: str, span: QuoteSpan, offset: int, outside: str, cue: Cue | None) -> str:
    """Direct when the quotation is a whole utterance (opens capitalised at a sentence or clause start)."""
    inner = text[span.start : span.end].lstrip()
    lead = outside[: max(0, span.open_at - offset)].rstrip()  # a mark opening the sentence: nothing before it
    introduced = cue is not None and cue.end <= span.open_at and span.open_at - cue.end <= 12
    split_quote = (
        introduced and lead.endswith(",") and re.search(r"[”\"’'],?\s+(?:[\w.’'-]+\s+){0,3}$", text[offset : cue.start])
    )
    if not inner[:1].isupper() and not inner[:1].isdigit() and not split_quote:
        return "partial"
    return "direct" if not lead or lead[-1] in ":,—–." or introduced else "partial"


def _indirect_speech(
    text: str,
    masked: str,
    sentence_spans: list[tuple[int, int]],
    resolver: SpeakerResolver,
    attributed_cues: dict[int, str],
    cue_index: CueIndex,
) -> list[Quote]:
    """Reported speech without quotation marks: "X said (that) …", "according to X, …", "X claims that …"."""
    found: list[Quote] = []
    dateline = dateline_span(text)
    for index, (start, end) in enumerate(sentence_spans):
        cues = cue_index.within(start, end)
        # most sentences hold no cue: skip them before the question test and the slices
        if not cues or ends_with_question(text[start:end]):
            continue
        outside = masked[start:end]
        for cue in cues:
            if cue.kind != "speech" or attributed_cues.get(cue.start) == "direct":
                continue
            if cue.text.lower() == "according to":
                if cue.start - start >= 5 and any(
                    attributed_cues.get(other.start) in ("direct", "partial")
                    for other in cues
                    if other.start < cue.start
                ):
                    continue  # "“…,” Wang said, according to a ministry statement": the quotation's own attribution
                speaker = _speaker_right_of(resolver, outside, start, cue)
                content_start, content_end = start, cue.start
                if cue.start - start < 5:  # "According to X, …": the content follows the name
                    comma = outside.find(",", cue.end - start)
                    content_start, content_end = (start + comma + 1, end) if comma != -1 else (cue.end, end)
            else:
                after = outside[cue.end - start : cue.end - start + REGION_REACH]
                if _NOT_REPORTED.match(after):
                    continue
                if _to_before(outside, cue.start - start):
                    continue  # "to say" is an intention, not a report
                trailing = _trailing_speech(resolver, outside, start, cue)
                if trailing is not None:
                    speaker, content_start, content_end = trailing
                else:
                    that = _THAT.match(after) if cue.needs_that else _THAT_OR_SPACE.match(after)
                    if not that:
                        continue
                    speaker = _speaker_left_of(resolver, outside, start, cue) or _described(outside, start, cue)
                    if speaker is None:
                        continue
                    content_start, content_end = cue.end + that.end(), end
                    if cue.text.lower() in _TELL_CUES and "that" not in that.group():
                        content_start = _after_hearer(after, cue.end)
                        if _NOT_REPORTED.match(outside, content_start - start):
                            continue  # "told my counterpart the same thing": no content of its own
            if dateline[0] <= content_start < dateline[1]:
                content_start = dateline[1]  # "BUENOS AIRES — …, officials said": the report opens after the dateline
            words = text[content_start:content_end].strip(" ,.;:")
            reported_words = _REPORTED_WORD.findall(outside, content_start - start, content_end - start)
            if len(words.split()) < 3 or len(reported_words) < 3:
                continue
            leading = len(text[content_start:content_end]) - len(text[content_start:content_end].lstrip(" ,.;:"))
            found.append(
                Quote(
                    sentence=index,
                    start=content_start + leading,
                    end=content_start + leading + len(words),
                    text=words,
                    speaker=speaker.name if speaker else UNKNOWN_SPEAKER,
                    speaker_actor=speaker.actor if speaker else "",
                    cue=cue.text.lower(),
                    kind="indirect",
                    speaker_start=speaker.start if speaker else -1,
                    speaker_end=speaker.end if speaker else -1,
                )
            )
            break
    return found


def _after_hearer(after: str, cue_end: int) -> int:
    """Where the content of "X told <hearer> …" begins: after the hearer and any time phrase that follows it."""
    hearer = _HEARER.match(after)
    if hearer is None:
        return cue_end  # "was told the plant would close": the hearer is the subject
    time = _THAT_OR_SPACE.match(after, hearer.end())
    return cue_end + (time.end() if time else hearer.end())


def _trailing_speech(
    resolver: SpeakerResolver, outside: str, start: int, cue: Cue
) -> tuple[Speaker | None, int, int] | None:
    """Reported speech whose attribution closes the sentence: "The mine will create 1,500 jobs, Murray Watt said.",
    "…, the commission said on Tuesday.", "…, a person familiar with the matter said.", "…, said Murray Watt."

    The speaker, and the content's offsets: the clause before the comma that opens the attribution. None when the
    cue is not the sentence's last clause.
    """
    at, cue_end = cue.start - start, cue.end - start
    if _TRAILING_TAIL.fullmatch(outside, cue_end):  # "…, Watt (, the minister,) said (on Tuesday)."
        comma_at = outside.rfind(",", 0, at)
        if comma_at < 0:
            return None
        speaker = _speaker_left_of(resolver, outside, start, cue) or _described(outside, start, cue)
        if speaker is None:
            return None
        if speaker.start >= 0:
            # The attribution opens after the comma before the speaker's own words (its apposition is the speaker's).
            comma_at = outside.rfind(",", 0, speaker.start - start)
            if comma_at < 0 or len(outside[comma_at + 1 : speaker.start - start].split()) > 3:
                return None
    elif outside[:at].rstrip().endswith(","):  # "…, said Murray Watt (, the minister)."
        rest = outside[cue_end:]
        speaker = _speaker_right_of(resolver, outside, start, cue)
        phrase = _RIGHT_SUBJECT.match(rest)
        if speaker is None or phrase is None:
            return None
        after = rest[phrase.end() :]
        if not (_TRAILING_TAIL.fullmatch(after) or re.fullmatch(r",[^,;:\n]{1,80}[.!]?\s*", after)):
            return None
        comma_at = len(outside[:at].rstrip()) - 1
    else:
        return None
    content = outside[:comma_at]
    if len(_REPORTED_WORD.findall(content)) < 3 or content.rstrip().endswith(("”", '"')):
        return None  # a quotation's own attribution is the quotation's
    return speaker, start, start + comma_at


def _described(outside: str, start: int, cue: Cue) -> Speaker | None:
    """An unnamed source described by a noun phrase as the cue's subject, from its clause's start: "Environmental
    groups said", "…, a person familiar with the matter said" -> "unnamed person familiar with the matter"."""
    at = cue.start - start
    clause = max(outside.rfind(",", 0, at), outside.rfind(";", 0, at)) + 1
    lead = len(outside[clause:at]) - len(outside[clause:at].lstrip())
    phrase = _DESCRIBED.fullmatch(outside, clause + lead, at)
    if phrase is None:
        return None
    words = phrase.group().split()
    if not words or any(w.lower() in _NOT_DESCRIPTION for w in words):
        return None
    if words[0].lower() in ("the", "a", "an", "one"):
        words = words[1:]
    first = start + clause + lead
    end = first + len(phrase.group().rstrip())
    if words and all(w[:1].isupper() for w in words):
        return Speaker(" ".join(words), "", first, end)  # a name the mentions do not know: "the European Commission"
    if not words or not words[-1][:1].islower() or any(c.isdigit() or c in "’'" for w in words for c in w):
        return None
    head = next((i for i, w in enumerate(words) if w.lower() in _POSTMODIFIERS), len(words))
    noun = words[head - 1].lower() if head else ""
    plural = noun.endswith("s") and not noun.endswith("ss") and len(noun) > 3 and head <= 3
    # A plural speaks only when its singular is a source, role, group or organisation noun: "diplomats said", not
    # "many things said in the debate were wrong".
    singular = (noun[:-3] + "y" if noun.endswith("ies") else noun[:-1]) if plural else noun
    if not (_known_noun(noun) or (plural and _known_noun(singular))):
        return None  # "the latest hiccup said" is no one's voice
    return Speaker(f"unnamed {' '.join(w.lower() for w in words)}", "", first, end)


@cache
def _source_groups() -> frozenset[str]:
    """Singular nouns of groups whose plural speaks as an unnamed source (data/lexicons/source_groups.csv)."""
    return frozenset(row["noun"].lower() for row in read_rows("lexicons", "source_groups.csv"))


def _known_noun(noun: str) -> bool:
    """Whether a lower-case noun names a source, role, group or organisation ("person", "diplomat", "officials")."""
    return (
        noun in _SOURCE_NOUNS
        or noun in _source_groups()
        or noun in _role_lookup()[0]
        or noun.capitalize() in _ORG_WORD_SET
        or re.fullmatch(_GROUP_NOUNS, noun) is not None
    )


def _to_before(outside: str, at: int) -> bool:
    """Whether the word "to" stands right before position at: "to say", not the end of "Nieto said" or "Soto said"."""
    return at >= 3 and outside[at - 3 : at] == "to " and (at == 3 or not outside[at - 4].isalnum())


def paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Paragraphs of plain text (blocks between blank lines), as (start, end) offsets."""
    spans = []
    for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        piece = match.group()
        if piece.strip():
            spans.append((match.start(), match.end()))
    return tuple(spans)


def quotes_in_text(text: str, gazetteer: Gazetteer | None = None) -> list[Quote]:
    """Quotations and their speakers in plain text, offsets into that text (no cleaning, narration voice)."""
    from climadiplo.annotate.actors import find_mentions, load_gazetteer
    from climadiplo.read.segment import split_sentences

    gazetteer = gazetteer or load_gazetteer()
    sentences = split_sentences(text, paragraph_spans(text))
    return extract_quotes(text, [(s.start, s.end) for s in sentences], find_mentions(text, gazetteer), gazetteer)


def rule_records(
    text: str, gazetteer: Gazetteer | None = None
) -> tuple[str, list[tuple[QuoteSpan, Quote]], list[Mention], Gazetteer]:
    """The rules' quotations of plain text with their spans, the masked text and mentions (for training)."""
    from climadiplo.annotate.actors import find_mentions, load_gazetteer
    from climadiplo.read.segment import split_sentences

    gazetteer = gazetteer or load_gazetteer()
    sentence_spans = [(s.start, s.end) for s in split_sentences(text, paragraph_spans(text))]
    starts = [start for start, _ in sentence_spans]
    mentions = find_mentions(text, gazetteer)
    spans = quote_spans(text)
    masked = mask_quotes(text, spans)
    spans = paragraph_quotes(text, spans)
    resolver = SpeakerResolver(text, mentions, gazetteer)

    def sentence_of(position: int) -> int:
        return max(0, bisect_right(starts, position) - 1)

    records, _ = _rule_quotes(text, sentence_spans, spans, masked, resolver, sentence_of, CueIndex(find_cues(masked)))
    return masked, records, mentions, gazetteer
