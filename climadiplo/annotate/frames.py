"""Cooperation, competition and conflict framing of sentences: a transparent lexicon with traceable cues.

Three kinds of cue, all data in ``data/lexicons/``: the project's own terms (``frames.csv``), the CAMEO verb
dictionary converted from PETRARCH2 (``cameo_verbs.csv``, ``cameo_patterns.csv``; each CAMEO code's frame and
weight in ``cameo_codes.csv``), and what stops a cue: multi-word exceptions that are not a frame at all
(``frame_exceptions.csv``: "a great deal", "Air Force") and non-frame senses of a cue given by its neighbours
(``frame_senses.csv``: "election race", "heat wave killed"). Some cues count only in the sense their neighbours
give (``frame_contexts.csv``: "supported" is cooperation in "supported her campaign", not in "voters supported"),
and some name a politician's camp right after a person's name (``frame_camps.csv``: "Clinton allies", not "NATO allies").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import chain, compress, repeat

from climadiplo.read.segment import ends_with_question
from climadiplo.resources import read_rows

FRAMES = ("cooperation", "competition", "conflict")
LABEL_THRESHOLD = 1.0  # one full-weight cue, or two weaker ones
# The codebook codes cooperation "whether it succeeds or fails": "no joint agreement" is still a
# cooperation frame. A negated cue therefore keeps its weight; it is marked "~" in the cues.
NEGATION_FACTOR = 1.0
CONTRAST_FACTORS = (0.8, 1.2)  # before / after "but", "however": the stressed clause counts more
PATTERN_WINDOW = 4  # words after (or before) a CAMEO verb in which its pattern's words may stand
# A pattern of function words only ("press * on", "lead * into") must follow the verb at once: within a window
# it would match any later "on" ("speaks at a campaign rally ... on June 14").
FUNCTION_WINDOW = 1
FUNCTION_WORDS = frozenset(
    "a about across after against along among around at away back by down for from in into it of off on onto "
    "out over the them through to toward towards under up upon with".split()
)
SENSE_WINDOW = 3  # words before (or after) a cue in which a non-frame sense's context words may stand
CONTEXT_WINDOW = 2  # words before (or after) a context cue in which one of the words it needs must stand
NAME = "<name>"  # a context word standing for any capitalised word that does not begin the sentence (an actor's name)
NUMBER = "<number>"  # a context word standing for any number ("his 32% support": a poll share)
_NEGATOR = re.compile(
    r"\b(?:not(?!\s+(?:only|just|merely))|no|never|without|nor|lack of|n't|neither)\b\W+(?:\w+\W+){0,2}$", re.IGNORECASE
)
# "not only X but also Y" adds Y to X: no contrast, so "but also" does not weaken the cues before it.
_CONTRAST = re.compile(
    r"(?:^|[,;—–]\s*|\s)(?:but(?!\s+also\b)|however|yet|although|though|whereas|still)\b", re.IGNORECASE
)
_WORD = re.compile(r"(?<![\w-])\w[\w'’-]*")
# Literal words without which the negation and contrast patterns cannot match, checked on the case-folded text
# before the (slower) regexes run. casefold() maps every character the regexes' IGNORECASE equates with these
# letters, except the dotless "ı" that IGNORECASE equates with "i" (checked on purpose).
_NEGATION_WORDS = ("no", "never", "without", "lack of", "n't", "neither")  # "not", "nor" contain "no"
_CONTRAST_WORDS = ("but", "however", "yet", "though", "whereas", "still", "ı")  # "although" contains "though"


@dataclass(frozen=True, init=False)
class FrameScore:
    """Per-frame scores, labels and the cue words behind them ("frame:term", "~" marks a negated cue).

    ``words`` are the sentence's lower-cased words as the lexicon read them (``frame_words``): the classifier's
    tokens, so the sentence is tokenised once for both methods.
    """

    scores: dict[str, float]
    labels: dict[str, bool]
    cues: tuple[str, ...]
    words: list[str] = field(default_factory=list, compare=False, repr=False)

    def __init__(
        self, scores: dict[str, float], labels: dict[str, bool], cues: tuple[str, ...], words: list[str] | None = None
    ) -> None:
        # (a frozen dataclass's own __init__ sets each field through object.__setattr__: one update of the
        # instance's dict costs half as much, and every sentence gets a FrameScore)
        self.__dict__.update(scores=scores, labels=labels, cues=cues, words=[] if words is None else words)


@dataclass(frozen=True)
class Cue:
    """One matched cue: its span in the text, the lexicon term behind it and the frames it adds to."""

    start: int
    end: int
    surface: str
    term: str
    weights: tuple[tuple[str, float], ...]

    def group(self) -> str:
        """The matched text (as a regex match would give it)."""
        return self.surface


class _LazyPattern:
    """A case-insensitive pattern compiled on its first match: a text tries few of the lexicon's terms' patterns,
    so a process compiles those it needs instead of all of them when it loads the lexicon."""

    __slots__ = ("_compiled", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._compiled: re.Pattern[str] | None = None

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """The pattern's match at pos, as re.Pattern.match."""
        if self._compiled is None:
            self._compiled = re.compile(self.source, re.IGNORECASE)
        return self._compiled.match(text, pos)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _LazyPattern) and other.source == self.source

    def __hash__(self) -> int:
        return hash(self.source)


def _term_pattern(term: str) -> str:
    parts = []
    for token in term.split():
        if token == "*":
            parts.append(r"[\w'’-]+")
        else:
            escaped = re.escape(token.rstrip("*"))
            parts.append(escaped + (r"[\w-]*" if token.endswith("*") else ""))
    return r"\s+".join(parts)


@dataclass(frozen=True)
class VerbPattern:
    """A CAMEO pattern of a verb block: words required before and after the verb, and the code it gives."""

    before: tuple[frozenset[str], ...]
    after: tuple[frozenset[str], ...]
    code: str
    rank: int  # its line in the lexicon: among equally specific patterns the first one wins, as in the file
    window: int = PATTERN_WINDOW

    @property
    def size(self) -> int:
        """How specific the pattern is (more required words win)."""
        return len(self.before) + len(self.after)


@dataclass(frozen=True)
class CameoVerbs:
    """CAMEO verbs by the first word of each form, with their block's patterns and each code's frame weight."""

    forms: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # first word -> ((words of the form), lemma)
    code_of: dict[str, str]  # lemma -> isolated code ("" when the verb alone is no event)
    block_of: dict[str, str]
    patterns: dict[str, dict[str, tuple[VerbPattern, ...]]]  # block -> key word -> patterns, most specific first
    weights: dict[str, tuple[tuple[str, float], ...]]  # code -> ((frame, weight),)
    dropped: frozenset[str] = frozenset()
    # lemma -> the code its noun names ("the strike": 143), "" for a noun that names no event ("an object")
    nouns: dict[str, str] = field(default_factory=dict)
    # block -> the key words of its patterns that carry a frame (computed once, see _frame_keys)
    frame_keys: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        framed = {code for code, weights in self.weights.items() if code and weights}  # the codes that give a frame
        for block, index in self.patterns.items():
            self.frame_keys[block] = frozenset(
                key for key, patterns in index.items() if any(pattern.code in framed for pattern in patterns)
            )


@dataclass(frozen=True)
class SenseRule:
    """A non-frame sense: the cue does not count when one of these words stands just before (or after) it."""

    before: frozenset[str]
    after: frozenset[str]


@dataclass(frozen=True)
class CampRule:
    """A cue that names a politician's camp, not an alliance, right after a person's name ("Clinton allies").

    The cue gives no frame when the word before it (past any of ``skip``: "closest", "longtime") is capitalised, is
    not the sentence's first word (unless a possessive: "Clinton's allies") and is not one of ``not_names``
    (countries, regions, organisations, words such as "today": "NATO allies", "Britain's closest ally" stay alliances).
    """

    skip: frozenset[str]
    not_names: frozenset[str]


class _Gate(dict):
    """Per word, what can start at it: () for nothing, else (its candidate terms, whether it is a CAMEO verb form,
    the words one of which must stand in the verb's window for it to give a frame or None if it can alone, the
    second words of its multi-word forms).

    Filled on first sight of a word, so a known word costs one dictionary look-up.
    """

    lexicon: FrameLexicon | None = None

    def __missing__(self, word: str) -> tuple:
        lexicon = self.lexicon
        verb = lexicon.verbs is not None and word in lexicon.verbs.forms
        # Most new words begin no term, nor like any stem, and are no verb: known in three look-ups, without asking
        # candidates (the same test it makes first).
        if (
            not verb
            and word not in lexicon.by_first_word
            and (not lexicon.stem_lengths or word[: lexicon.stem_lengths[0]] not in lexicon.stem_heads)
        ):
            self[word] = ()
            return ()
        terms = lexicon.candidates(word)
        entry = self[word] = (
            (terms, verb, *(_frame_keys(lexicon.verbs, word) if verb else (None, frozenset()))) if terms or verb else ()
        )
        return entry


def _frame_keys(verbs: CameoVerbs, word: str) -> tuple[frozenset[str] | None, frozenset[str]]:
    """For a verb form's first word: what it needs to give a cue, as (keys, seconds).

    ``seconds``: the second words of its multi-word forms (one of them must follow for such a form to match, as
    "determined" after "is"). ``keys``: None if a one-word form has a frame of its own, else the key words of its
    one-word forms' blocks' patterns that carry one. With neither the next word in ``seconds`` nor a key word in
    its window the word gives no cue (most "said", "is" in news), so it is skipped unread.
    """
    keys: frozenset[str] = frozenset()
    seconds = set()
    for form, lemma in verbs.forms[word]:
        if len(form) > 1:
            seconds.add(form[1])
            continue
        code = verbs.code_of[lemma]
        if (code and verbs.weights.get(code)) or verbs.nouns.get(lemma):
            return None, frozenset(seconds)
        keys |= verbs.frame_keys.get(verbs.block_of[lemma], frozenset())
    return keys, frozenset(seconds)


@dataclass(frozen=True)
class FrameLexicon:
    """A compiled frame lexicon: each term's frames and weights, and the terms indexed by their first word."""

    terms: dict[str, list[tuple[str, float]]]
    by_first_word: dict[str, tuple[tuple[int, str, _LazyPattern], ...]]
    by_stem: dict[str, tuple[tuple[int, str, _LazyPattern], ...]]
    stem_lengths: tuple[int, ...]
    verbs: CameoVerbs | None = None
    senses: dict[str, SenseRule] = field(default_factory=dict)
    contexts: dict[str, SenseRule] = field(default_factory=dict)  # cues that count only with one of these neighbours
    camps: dict[str, CampRule] = field(default_factory=dict)  # cues that are no frame after a person's name
    names: frozenset[str] = frozenset()  # terms that are no cue inside a name ("Olaf Lies", "Dana Bash")
    entries: tuple[tuple[str, str, float], ...] = ()
    memo: dict[str, tuple] = field(default_factory=dict, compare=False, repr=False)
    # term -> its second word (without "*") and whether that is a stem: a word-level test that must hold
    # before the term's pattern is tried in the text ("a" starts "a great deal" but is rarely followed by "great")
    second: dict[str, tuple[str, bool]] = field(default_factory=dict, compare=False, repr=False)
    gate: _Gate = field(default_factory=lambda: _Gate(), compare=False, repr=False)
    # stems' first letters (as many as the shortest stem has) -> the lengths of the stems that begin with them
    stem_heads: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.gate.lexicon = self
        shortest = self.stem_lengths[0] if self.stem_lengths else 0
        heads: dict[str, set[int]] = {}
        for stem in self.by_stem:
            heads.setdefault(stem[:shortest], set()).add(len(stem))
        self.stem_heads.update((head, tuple(sorted(lengths))) for head, lengths in heads.items())

    def candidates(self, word: str) -> tuple[tuple[int, str, _LazyPattern], ...]:
        """Terms that can start at a word (exact first word or a wildcard stem), longest first."""
        cached = self.memo.get(word)
        if cached is None:
            found = list(self.by_first_word.get(word, ()))
            shortest = self.stem_lengths[0] if self.stem_lengths else 0
            # Most words begin like no stem: one look-up of their first letters rules all stems out, and gives
            # the lengths of the stems that begin like them (only those are looked up).
            for length in self.stem_heads.get(word[:shortest], ()) if self.stem_lengths else ():
                if length <= len(word):
                    found.extend(self.by_stem.get(word[:length], ()))
            cached = self.memo[word] = tuple(sorted(found)) if len(found) > 1 else tuple(found)
        return cached

    def without(self, frame: str, term: str) -> FrameLexicon:
        """The same lexicon without one term of one frame (for drop-one-term sensitivity); CAMEO terms by lemma."""
        if term.startswith("cameo:") and self.verbs is not None:
            lemma = term.split(":", 1)[1].split(" [", 1)[0]
            verbs = CameoVerbs(
                self.verbs.forms,
                self.verbs.code_of,
                self.verbs.block_of,
                self.verbs.patterns,
                self.verbs.weights,
                self.verbs.dropped | {lemma},
                self.verbs.nouns,
            )
            return compile_lexicon(self.entries, verbs, self.senses, self.contexts, self.camps, self.names)
        entries = tuple(e for e in self.entries if not (e[0] == frame and e[1] == term.lower()))
        return compile_lexicon(entries, self.verbs, self.senses, self.contexts, self.camps, self.names)


def compile_lexicon(
    entries: tuple[tuple[str, str, float], ...],
    verbs: CameoVerbs | None = None,
    senses: dict[str, SenseRule] | None = None,
    contexts: dict[str, SenseRule] | None = None,
    camps: dict[str, CampRule] | None = None,
    names: frozenset[str] = frozenset(),
) -> FrameLexicon:
    """Compile (frame, term, weight) entries into a first-word index of case-insensitive patterns, longest first.

    An entry with frame "none" is an exception: it takes its words' span and adds to no frame. ``senses``: per cue,
    neighbours that mark a non-frame sense; ``contexts``: per cue, neighbours one of which it needs to count;
    ``camps``: per cue, when a person's name before it makes it a camp (``CampRule``); ``names``: terms that are no
    cue written capitalised inside a name (CAMEO verbs are none there either).
    """
    terms: dict[str, list[tuple[str, float]]] = {}
    for frame, term, weight in entries:
        if frame not in FRAMES and frame != "none":
            raise ValueError(f"frame '{frame}' is not one of {', '.join(FRAMES)}")
        items = terms.setdefault(term.lower(), [])
        if frame != "none":
            items.append((frame, float(weight)))
    ordered = sorted(terms, key=lambda t: (-len(t.replace("*", "")), t))
    # One big alternation would be tried at every character; indexing terms by their first word lets
    # each word try only its few candidates, longest first.
    by_first_word: dict[str, list] = {}
    by_stem: dict[str, list] = {}
    for rank, term in enumerate(ordered):
        compiled = _LazyPattern(_term_pattern(term) + r"(?![\w-])")
        first = term.split()[0]
        if first.endswith("*"):
            by_stem.setdefault(first.rstrip("*"), []).append((rank, term, compiled))
        else:
            by_first_word.setdefault(first, []).append((rank, term, compiled))
    second = {}
    for term in ordered:
        parts = term.split()
        if len(parts) > 1 and parts[1] != "*":
            second[term] = (parts[1].rstrip("*"), parts[1].endswith("*"))
    return FrameLexicon(
        terms,
        {word: tuple(items) for word, items in by_first_word.items()},
        {stem: tuple(items) for stem, items in by_stem.items()},
        tuple(sorted({len(stem) for stem in by_stem})),
        verbs,
        dict(senses or {}),
        dict(contexts or {}),
        dict(camps or {}),
        frozenset(names),
        tuple(entries),
        second=second,
    )


def _word_sets(text: str) -> tuple[frozenset[str], ...]:
    """A CAMEO pattern half ("to (peace/peaces) treaty") as one set of accepted words per position."""
    sets = []
    for token in re.findall(r"\([^)]*\)|\S+", text):
        words = token.strip("()").replace("|", "/").split("/")
        # A multi-word synset member is represented by its head (last word), as PETRARCH stores noun phrases.
        sets.append(frozenset(word.split()[-1] for word in words if word.strip()))
    return tuple(sets)


@cache
def load_cameo() -> CameoVerbs:
    """The CAMEO verbs, patterns and code weights shipped in data/lexicons/."""
    weights: dict[str, tuple[tuple[str, float], ...]] = {}
    prefixes = {row["code"]: (row["frame"], float(row["weight"])) for row in read_rows("lexicons", "cameo_codes.csv")}

    def weight_of(code: str) -> tuple[tuple[str, float], ...]:
        if code not in weights:
            found = next((prefixes[code[:n]] for n in range(len(code), 1, -1) if code[:n] in prefixes), None)
            weights[code] = ((found[0], found[1]),) if found and found[0] in FRAMES and found[1] > 0 else ()
        return weights[code]

    forms: dict[str, list] = {}
    code_of, block_of = {}, {}
    # Reviewed on the PolNeAR corpus: verbs whose bare use is mostly a noun or no relationship event.
    nonframe = {row["verb"] for row in read_rows("lexicons", "cameo_nonframe.csv")}
    nouns = {row["verb"]: row["cameo_code"] for row in read_rows("lexicons", "cameo_nouns.csv")}
    for code in nouns.values():
        weight_of(code) if code else None
    for row in read_rows("lexicons", "cameo_verbs.csv"):
        code_of[row["verb"]] = "" if row["verb"] in nonframe else row["cameo_code"]
        block_of[row["verb"]] = row["block"]
        weight_of(row["cameo_code"]) if row["cameo_code"] else None
        for form in row["forms"].split("|"):
            words = tuple(form.split())
            forms.setdefault(words[0], []).append((words, row["verb"]))
    patterns: dict[str, list[VerbPattern]] = {}
    word_sets = cache(_word_sets)  # the 8,560 pattern halves hold 2,561 distinct texts
    for rank, row in enumerate(read_rows("lexicons", "cameo_patterns.csv")):
        if row["cameo_code"]:
            weight_of(row["cameo_code"])
        before, after = word_sets(row["before"]), word_sets(row["after"])
        window = FUNCTION_WINDOW if all(words <= FUNCTION_WORDS for words in (*before, *after)) else PATTERN_WINDOW
        patterns.setdefault(row["block"], []).append(VerbPattern(before, after, row["cameo_code"], rank, window))
    # Each pattern is indexed by the words of its last required position, so a verb's window looks up only
    # the few patterns one of its words can complete instead of trying every pattern of the block. Each block's
    # patterns are sorted once, most specific first (ranks are unique), so every word's list is in that order.
    indexed: dict[str, dict[str, tuple[VerbPattern, ...]]] = {}
    for block, items in patterns.items():
        index: dict[str, list[VerbPattern]] = {}
        for pattern in sorted(items, key=_specificity):
            for word in pattern.after[-1] if pattern.after else pattern.before[-1]:
                index.setdefault(word, []).append(pattern)
        indexed[block] = {word: tuple(found) for word, found in index.items()}
    return CameoVerbs(
        {word: tuple(sorted(items, key=lambda item: -len(item[0]))) for word, items in forms.items()},
        code_of,
        block_of,
        indexed,
        weights,
        nouns=nouns,
    )


def _context_rules(rows: list[dict]) -> dict[str, SenseRule]:
    """Per cue (a term or CAMEO lemma; several separated by "|"), the union of its rows' before and after words."""
    rules: dict[str, SenseRule] = {}
    for row in rows:
        for cue in row["cue"].lower().split("|"):
            old = rules.get(cue, SenseRule(frozenset(), frozenset()))
            rules[cue] = SenseRule(
                old.before | frozenset(row.get("before", "").lower().split("|")) - {""},
                old.after | frozenset(row.get("after", "").lower().split("|")) - {""},
            )
    return rules


@cache
def load_senses() -> dict[str, SenseRule]:
    """Non-frame senses (data/lexicons/frame_senses.csv): a cue's term or CAMEO lemma and its context words."""
    return _context_rules(read_rows("lexicons", "frame_senses.csv"))


@cache
def load_contexts() -> tuple[tuple[tuple[str, str, float], ...], dict[str, SenseRule]]:
    """Cues that count only beside a context word (data/lexicons/frame_contexts.csv): their entries and contexts."""
    rows = read_rows("lexicons", "frame_contexts.csv")
    entries = {(row["frame"], cue): float(row["weight"]) for row in rows for cue in row["cue"].lower().split("|")}
    return tuple((frame, cue, weight) for (frame, cue), weight in entries.items()), _context_rules(rows)


@cache
def load_camps() -> dict[str, CampRule]:
    """Cues that name a camp after a person's name (data/lexicons/frame_camps.csv; data/actors.csv's countries and
    organisations, and the rows' own words that are no person's name, keep the alliance reading)."""
    places: set[str] = set()
    for row in read_rows("actors.csv"):
        if row["type"] in ("country", "organisation"):
            for alias in row["aliases"].split("|"):
                places.update(_WORD.findall(alias.lower()))
    rows = read_rows("lexicons", "frame_camps.csv")
    for row in rows:
        places.update(row["not_names"].lower().split("|"))
    places.discard("")
    # "Britain's allies", "America’s closest ally": a place's possessive is the place.
    places |= {f"{place}{mark}s" for place in places for mark in ("'", "’")}
    not_names = frozenset(places)  # one set, shared by every cue's rule
    return {
        cue: CampRule(frozenset(row["skip"].lower().split("|")) - {""}, not_names)
        for row in rows
        for cue in row["cue"].lower().split("|")
    }


@cache
def load_lexicon() -> FrameLexicon:
    """The frame lexicon shipped in data/lexicons/: project terms, exceptions, CAMEO verbs and non-frame senses."""
    rows = read_rows("lexicons", "frames.csv")
    entries = [(row["frame"], row["term"], float(row["weight"])) for row in rows]
    entries += [("none", row["phrase"], 0.0) for row in read_rows("lexicons", "frame_exceptions.csv")]
    context_entries, contexts = load_contexts()
    names = frozenset(cue for row in read_rows("lexicons", "frame_names.csv") for cue in row["cue"].lower().split("|"))
    return compile_lexicon((*entries, *context_entries), load_cameo(), load_senses(), contexts, load_camps(), names)


def _specificity(pattern: VerbPattern) -> tuple[int, int]:
    return (-pattern.size, pattern.rank)


def _window_has(words: list[str], sets: tuple[frozenset[str], ...]) -> bool:
    """Whether the word sets occur in order (gaps allowed) among the words."""
    position = 0
    for accepted in sets:
        while position < len(words) and words[position] not in accepted:
            position += 1
        if position == len(words):
            return False
        position += 1
    return True


# Words that end the object's first noun group after a verb ("deepen cooperation | on security"), and words that may
# lead it without being its head ("boost | the | security").
_GROUP_END = (FUNCTION_WORDS - {"a", "the", "it", "them"}) | frozenset(
    "and or but between that which who as than".split()
)
_GROUP_LEAD = frozenset("a an the its their his her our my your this these those more new further".split())


def _object_head(after: list[str]) -> int:
    """The position of the head of the first noun group after a verb: the last word before a preposition or conjunction."""
    position = 0
    while position < len(after) and after[position] in _GROUP_LEAD:
        position += 1
    while position + 1 < len(after) and after[position + 1] not in _GROUP_END:
        position += 1
    return position


def _last_position(words: list[str], sets: tuple[frozenset[str], ...]) -> int:
    """Where the last of the word sets stands in words when they occur in order (as _window_has reads them)."""
    position = -1
    for accepted in sets:
        position += 1
        while position < len(words) and words[position] not in accepted:
            position += 1
    return position


def _nearest_head(patterns: list[VerbPattern], after: list[str]) -> VerbPattern:
    """Among equally specific patterns that match, the one whose object word is the object's head, else the nearest to
    it: "deepen cooperation on security" is cooperation (050), not security (150); "boost security cooperation" too.

    A pattern with words before the verb only is ranked after those with an object; ties keep the file order.
    """
    head = _object_head(after)

    def distance(pattern: VerbPattern) -> tuple[int, int]:
        if not pattern.after:
            return (PATTERN_WINDOW + 1, pattern.rank)
        return (abs(_last_position(after[: pattern.window], pattern.after) - head), pattern.rank)

    return min(patterns, key=distance)


def _cameo_at(words: list[str], index: int, verbs: CameoVerbs) -> tuple[int, str, str] | None:
    """A CAMEO verb starting at word index: (words it spans, lemma, code) for its most specific pattern."""
    for form, lemma in verbs.forms.get(words[index], ()):
        size = len(form)
        if (size > 1 and tuple(words[index : index + size]) != form) or lemma in verbs.dropped:
            continue
        code = verbs.code_of[lemma]
        block_index = verbs.patterns.get(verbs.block_of[lemma])
        if block_index:
            after = words[index + size : index + size + PATTERN_WINDOW]
            before = words[max(0, index - PATTERN_WINDOW) : index]
            # Patterns one of the window's words can complete, looked up in C (most windows complete none).
            found = set(chain.from_iterable(map(block_index.get, chain(after, before), repeat(()))))
            matching: list[VerbPattern] = []
            for pattern in sorted(found, key=_specificity) if found else ():
                if matching and pattern.size < matching[0].size:
                    break  # only equally specific patterns compete with the first that matched
                window = pattern.window
                if _window_has(after[:window], pattern.after) and _window_has(
                    before[len(before) - window :], pattern.before
                ):
                    matching.append(pattern)
            if matching:
                code = matching[0].code
                if len(matching) > 1 and any(pattern.code != code for pattern in matching):
                    code = _nearest_head(matching, after).code
        return size, lemma, code
    return None


def _is_other_sense(rule: SenseRule | None, words: list[str], first: int, last: int) -> bool:
    if rule is None:
        return False
    before = words[max(0, first - SENSE_WINDOW) : first]
    after = words[last + 1 : last + 1 + SENSE_WINDOW]
    if not rule.before.isdisjoint(before) or not rule.after.isdisjoint(after):
        return True
    return (NUMBER in rule.before and any(map(str.isdigit, before))) or (
        NUMBER in rule.after and any(map(str.isdigit, after))
    )


def _is_camp(rule: CampRule | None, words: list[str], first: int, text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether a person's name stands right before the cue (past the rule's skip words): a camp, not an alliance."""
    if rule is None:
        return False
    position = first - 1
    while position > 0 and words[position] in rule.skip:
        position -= 1
    word = words[position] if position >= 0 else ""
    # "I" is no name; nor is a compound ("US-led coalition", "Saudi-backed allies": the alliance itself).
    if not word or word in rule.not_names or word == "i" or "-" in word:
        return False
    # The sentence's first word is capitalised wherever it stands: there only a possessive ("Clinton's allies") is a name.
    if position == 0 and not word.endswith(("'s", "’s")):
        return False
    return text[spans[position][0]].isupper()


def _has_context(
    rule: SenseRule, words: list[str], first: int, last: int, text: str, spans: list[tuple[int, int]]
) -> bool:
    """Whether one of the words a context cue needs stands within CONTEXT_WINDOW of it (``NAME``: a capitalised word)."""
    before = range(max(0, first - CONTEXT_WINDOW), first)
    after = range(last + 1, min(len(words), last + 1 + CONTEXT_WINDOW))
    for positions, accepted in ((before, rule.before), (after, rule.after)):
        for position in positions:
            word = words[position]
            if word in accepted or (
                NAME in accepted and position > 0 and word != "i" and text[spans[position][0]].isupper()
            ):
                return True
    return False


# Words after which a verb form is read as a noun ("the strike", "an object", "its approach"): no verb pattern applies,
# unless a preposition gives the noun its object ("the end of the fighting", "the campaign against ISIS", "his visit to").
_NOUN_LEADS = frozenset("a an the its their his our my your each every another".split())
_NOT_POSSESSIVE = frozenset("it's he's she's that's there's what's who's here's let's".split())
_NOUN_MARK = re.compile(r"^(?:a|an|the|its|their|his|our|my|your|each|every|another)$|['’-]")  # a quick first test
_NOUN_OBJECT = frozenset("of against to on with for over between into by from".split())


def _noun_reading(words: list[str], index: int) -> bool:
    """Whether a CAMEO verb form reads as a noun: after a determiner, a possessive ("the union's strike") or a
    hyphenated modifier ("colonial-era objects"), and not a participle ("a concerted effort")."""
    word, previous = words[index], words[index - 1]
    if word.endswith("ed"):
        return False
    if previous in _NOUN_LEADS:
        return True
    if previous.endswith(("'s", "’s", "s'")):
        return previous.replace("’", "'") not in _NOT_POSSESSIVE
    return "-" in previous.strip("-")


def _as_noun(hit: tuple[int, str, str], verbs: CameoVerbs, words: list[str], index: int) -> tuple[int, str, str] | None:
    """A CAMEO verb read as a noun: the code of the event its noun names (``verbs.nouns``: "the strike" 143), none for a
    noun that names no event ("colonial-era objects");
    its pattern's code when a preposition gives it an object ("the end of the fighting"); else its isolated code (the
    event it names: "the strike continues until an agreement" is a strike, not striking a deal, 030)."""
    lemma = hit[1]
    if lemma in verbs.nouns and not words[index].endswith("ing"):
        code = verbs.nouns[lemma]
        return (1, lemma, code) if code else None
    if index + 1 < len(words) and words[index + 1] in _NOUN_OBJECT:
        return hit
    return (1, lemma, verbs.code_of[lemma])


@lru_cache(maxsize=4)  # asked once per capitalised cue of one sentence
def _title_case(text: str) -> bool:
    """Whether most words of three letters or more are capitalised (a headline): there capitals do not mark a name."""
    long_words = [word for word in _WORD.findall(text) if len(word) > 2 and word[0].isalpha()]
    return sum(word[0].isupper() for word in long_words) * 5 > len(long_words) * 3


def _in_name(words: list[str], first: int, last: int, text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether a cue is written capitalised inside a run of capitalised words, not first in the sentence and not in a
    headline: part of a name ("Olaf Lies", "Dana Bash", "Paulson Partners", "Morning Consult"), not the word."""
    start = spans[first][0]
    if first == 0 or not text[start].isupper() or text[start : spans[first][1]].isupper():
        return False
    beside = [first - 1] + ([last + 1] if last + 1 < len(spans) else [])
    if not any(text[spans[index][0]].isupper() and words[index] != "i" for index in beside):
        return False
    return not _title_case(text)


def frame_words(text: str) -> list[str]:
    """The lower-cased words of a text as the lexicon reads them (also the classifier's tokens)."""
    return _WORD.findall(text.lower())


def cue_matches(text: str, lexicon: FrameLexicon) -> list[Cue]:
    """Non-overlapping cues in text order: the longest project term at each word, else a CAMEO verb.

    Exceptions take their span and add nothing; a cue whose neighbours mark a non-frame sense is dropped.
    """
    return [Cue(*cue) for cue in _words_and_cues(text, lexicon)[1]]


# A cue as _words_and_cues finds it: Cue's fields as a tuple (score_sentence reads them; most become no object).
_FoundCue = tuple[int, int, str, str, tuple[tuple[str, float], ...]]


def _words_and_cues(text: str, lexicon: FrameLexicon) -> tuple[list[str], list[_FoundCue]]:
    lowered = text.lower()
    read = words = _WORD.findall(lowered)
    gate = lexicon.gate
    # Most words start no cue: find the ones that may before computing any offsets.
    starts = list(compress(range(len(words)), map(gate.__getitem__, words)))  # in C: most words start no cue
    if not starts:
        return read, []
    # Offsets are computed only once a cue (or a pattern that must be matched in the text) needs them. Where
    # lower-casing keeps the length, every character keeps its word class, so the words stand at the same offsets
    # and a one-word term equal to the word matches it whole.
    spans = None
    lazy = len(lowered) == len(text)
    if not lazy:  # lower-casing changed the text's length (rare Unicode): slice the words from the text instead
        spans = list(map(re.Match.span, _WORD.finditer(text)))
        if len(words) != len(spans):
            words = [text[a:b].lower() for a, b in spans]
            starts = [i for i, word in enumerate(words) if gate[word]]
    found: list[_FoundCue] = []
    verbs = lexicon.verbs
    count, next_free = len(words), 0
    second = lexicon.second
    for index in starts:
        if index < next_free:
            continue
        word = words[index]
        entry = gate[word]
        matched = None
        end = None  # None: the cue ends where its last word does
        last = index
        for _, term, compiled in entry[0]:
            if lazy:
                if term == word:
                    matched = (term, tuple(lexicon.terms[term]), term)
                    break
                following = second.get(term)
                if following is not None:
                    if index + 1 == count:
                        continue
                    after = words[index + 1]
                    if not (after.startswith(following[0]) if following[1] else after == following[0]):
                        continue
            if spans is None:
                spans = list(map(re.Match.span, _WORD.finditer(text)))
            match = compiled.match(text, spans[index][0])
            if match:
                matched = (term, tuple(lexicon.terms[term]), term)
                end = match.end()
                while last + 1 < count and spans[last + 1][0] < end:
                    last += 1
                break
        if matched is None and entry[1]:
            keys = entry[2]
            if (
                keys is not None
                and (index + 1 == count or words[index + 1] not in entry[3])
                and keys.isdisjoint(words[index + 1 : index + 1 + PATTERN_WINDOW])
                and keys.isdisjoint(words[max(0, index - PATTERN_WINDOW) : index])
            ):
                continue  # no multi-word form, nor a pattern that carries a frame, can complete here: no cue
            hit = _cameo_at(words, index, verbs)
            if hit and hit[0] == 1 and index and _NOUN_MARK.search(words[index - 1]) and _noun_reading(words, index):
                hit = _as_noun(hit, verbs, words, index)
            if hit:
                size, lemma, code = hit
                weights = verbs.weights.get(code, ()) if code else ()
                if not weights and size == 1:
                    continue  # a one-word verb with no frame: no cue, and the next start is after it anyway
                matched = (f"cameo:{lemma} [{code or '---'}]", weights, lemma)
                last = index + size - 1
        if matched is None:
            continue
        term, weights, key = matched
        needs = lexicon.contexts.get(key)
        camp = lexicon.camps.get(key)
        named = key in lexicon.names or term.startswith("cameo:")  # a cue that is none inside a name
        if (needs is not None or camp is not None or named) and spans is None:
            spans = list(map(re.Match.span, _WORD.finditer(text)))
        if (
            weights
            and not _is_other_sense(lexicon.senses.get(key), words, index, last)
            and (needs is None or _has_context(needs, words, index, last, text, spans))
            and not _is_camp(camp, words, index, text, spans)
            and not (named and text[spans[index][0]].isupper() and _in_name(words, index, last, text, spans))
        ):
            if spans is None:
                spans = list(map(re.Match.span, _WORD.finditer(text)))
            start = spans[index][0]
            end = spans[last][1] if end is None else end
            found.append((start, end, text[start:end], term, weights))
        next_free = last + 1
    return read, found


def score_sentence(text: str, lexicon: FrameLexicon | None = None) -> FrameScore:
    """Score one sentence for each frame from its cue words, with negation and contrast handling."""
    lexicon = lexicon or load_lexicon()
    scores = dict.fromkeys(FRAMES, 0.0)
    words, found = _words_and_cues(text, lexicon)
    if not found:
        return FrameScore(scores, dict.fromkeys(FRAMES, False), (), words)
    cues: list[str] = []
    folded = text.casefold()
    contrast = _CONTRAST.search(text) if any(word in folded for word in _CONTRAST_WORDS) else None
    may_negate = any(word in folded for word in _NEGATION_WORDS)
    for start, _, surface, _, weights in found:
        factor = 1.0
        negated = may_negate and bool(_NEGATOR.search(text[max(0, start - 40) : start]))
        if negated:
            factor *= NEGATION_FACTOR
        if contrast and contrast.end() < len(text) - 1:
            factor *= CONTRAST_FACTORS[0] if start < contrast.start() else CONTRAST_FACTORS[1]
        for frame, weight in weights:
            scores[frame] += weight * factor
            cues.append(f"{frame}:{'~' if negated else ''}{surface.lower()}")
    scores = {frame: round(value, 3) for frame, value in scores.items()}
    labels = {frame: scores[frame] >= LABEL_THRESHOLD for frame in FRAMES}
    return FrameScore(scores, labels, tuple(cues), words)


CONTINUATION_MAX_WORDS = 10
NO_FRAME = "none"


@cache
def dominant_threshold() -> float:
    """The article share at which a frame is the article's frame (chosen on development data by train_frames.py)."""
    import json
    from pathlib import Path

    meta = Path(__file__).resolve().parent / "models" / "frames.json"
    return float(json.loads(meta.read_text(encoding="utf-8"))["figures"]["dominant_threshold"])


def article_frames(rows: list[dict], threshold: float | None = None) -> dict[str, float | str]:
    """An article's frame shares (share of its sentences with each frame) and its dominant frame.

    The dominant frame is the one with the largest share among those reaching the threshold (``none`` if
    no frame does); a tie goes to the frame with the larger summed ``<frame>_score`` over the article's sentences,
    then to the first in FRAMES.
    """
    threshold = dominant_threshold() if threshold is None else threshold
    shares = {frame: round(sum(bool(r[frame]) for r in rows) / len(rows), 4) if rows else 0.0 for frame in FRAMES}
    reaching = [frame for frame in FRAMES if shares[frame] >= threshold and shares[frame] > 0]
    top = [frame for frame in reaching if shares[frame] == max(shares[f] for f in reaching)]
    # max keeps the first of equal keys: a tie in the summed score too goes to the first in FRAMES.
    dominant = (top[0] if len(top) == 1 else max(top, key=lambda f: _summed_score(rows, f))) if top else NO_FRAME
    return {**{f"{frame}_share": shares[frame] for frame in FRAMES}, "dominant_frame": dominant}


def _summed_score(rows: list[dict], frame: str) -> float:
    # The tie-break of the dominant frame: on the 100 blind-coded development articles (articles.csv), among the 18
    # article-method pairs whose top frames tie, the larger summed score picked a coded frame 9 times, the first in
    # FRAMES (cooperation first) 5 times (see data/README.md).
    return round(sum(float(r.get(f"{frame}_score", 0.0)) for r in rows), 6)


def score_document(texts: list[str], paragraphs: list[int], lexicon: FrameLexicon | None = None) -> list[FrameScore]:
    """Score a document's sentences in order; a short statement too weak to label continues its predecessor's frames."""
    scored = [score_sentence(text, lexicon) for text in texts]
    for index in range(1, len(scored)):
        text, current = texts[index], scored[index]
        # The cheap tests first: most sentences follow one with no frame, or start a paragraph.
        if (
            paragraphs[index] == paragraphs[index - 1]
            and any(scored[index - 1].labels.values())
            and not any(current.labels.values())
            and len(text.split()) <= CONTINUATION_MAX_WORDS
            and not ends_with_question(text)
        ):
            # "Closer is better." after "A thaw is in everyone's interest": the frame is carried by context.
            inherited = scored[index - 1]
            scored[index] = FrameScore(
                current.scores, dict(inherited.labels), (*current.cues, "context:previous sentence"), current.words
            )
    return scored
