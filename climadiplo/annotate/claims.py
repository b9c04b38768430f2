"""Claim type, hedging and check-worthiness of a sentence, from the cue lists in data/lexicons/claims.csv."""

from __future__ import annotations

import re
import re._constants as _sre
import re._parser as _sre_parser
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from climadiplo.annotate.actors import trie_pattern
from climadiplo.annotate.quotemarks import QuoteSpan, quote_spans
from climadiplo.annotate.quotes import find_cues
from climadiplo.annotate.tokens import SentenceTokens
from climadiplo.read.segment import timestamp_end
from climadiplo.resources import read_column, read_rows

CLAIM_TYPES = ("factual", "evaluative", "predictive", "prescriptive")
# A modal right after a complementiser or relative ("that could help", "whether it should") sits in a
# subordinate clause and neither hedges nor sets the type of the main claim.
_SUBORDINATE = re.compile(r"\b(?:that|which|who|whether|if)\s+(?:\w+\s+){0,2}$")
_STATE_VERBS = frozenset({"have", "be", "been", "not", "well"})
_ADVERBS = frozenset({"also", "still", "even", "soon", "eventually", "yet", "finally", "actually", "just", "then"})
_DECIMAL = re.compile(r"\d")
_WORDS = re.compile(r"[A-Za-z][\w'’.-]*")
# "I" and its contractions open no record to check: they are not names.
_PRONOUNS = frozenset({"I", "I'm", "I've", "I'll", "I'd", "I’m", "I’ve", "I’ll", "I’d"})
ATTRIBUTION_WORDS = 6
# A longer attribution of a whole quoted utterance, stripped when it only names the speaker (``only_attribution``):
# its parts between commas, dashes and brackets; the speech cues that attribute; the words of a clause of its own.
_ATTRIBUTION_BREAK = re.compile(r"[,;:()\[\]—–]|\s-\s")
_ATTRIBUTION_WORD = re.compile(r"[a-z][\w'’-]*")
_ATTRIBUTION_CUES = frozenset({"speech", "quote", "stance"})
_HEAD_WORDS = 12  # the speaker and the cue: "a senior administration official told reporters on Tuesday"
_RELATIVE_STARTS = frozenset({"who", "whose", "whom", "which", "where"})
_PARTICIPLE_STARTS = frozenset({"speaking", "asked", "citing", "referring", "responding", "writing"})
_PERFECT = frozenset({"has", "have", "had"})  # right before the cue: "he has said"
_CLAUSE_WORDS = frozenset(
    "is are was were be been being am has have had do does did will would shall should can could may might must "
    "that but yet although though because while whereas unless if as so when".split()
)
_CONTRACTED = ("'m", "’m", "'re", "’re", "'ll", "’ll", "'ve", "’ve", "'d", "’d", "n't", "n’t")  # I'm, they'll: verbs
_PRONOUN_IS = frozenset(
    p + s for p in ("it", "that", "he", "she", "there", "what", "here", "who") for s in ("'s", "’s")
)
_CLOSING = " .!?;:'\"”’»)"  # what may follow a quotation that closes the sentence
_BEFORE_CUE = 7  # words of a speaker before the cue ("the chinese foreign ministry's spokesperson")
_COORDINATORS = frozenset({"and", "or"})
# A bracket around a quotation: a label of the speaker ("(D-Calif.)", "(in French)") or a clause ("(emissions rose
# 5 percent)").
_BRACKETED = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
_OPENING_MARKS = re.compile(r"[“«\"‘']")  # the marks that can open a quotation in quotemarks.quote_spans
# a word's first letter, where _WORDS finds words (the same matches)
_INITIALS = re.compile(r"([A-Za-z])[\w'’.-]*")
# A cue prefix that stands for any one decimal digit (``\d``): figures are gated by the scan as words are.
DIGIT_PREFIX = r"\d"


@dataclass(frozen=True, init=False)
class ClaimAnnotation:
    """What a sentence claims, whether it hedges, and whether it is worth fact-checking."""

    claim: str | None
    hedged: bool
    hedge_cues: str
    checkworthy: bool
    checkworthy_score: float

    def __init__(
        self, claim: str | None, hedged: bool, hedge_cues: str, checkworthy: bool, checkworthy_score: float
    ) -> None:
        # (a frozen dataclass's own __init__ sets each field through object.__setattr__: one update of the
        # instance's dict costs half as much, and every sentence gets one)
        self.__dict__.update(
            claim=claim,
            hedged=hedged,
            hedge_cues=hedge_cues,
            checkworthy=checkworthy,
            checkworthy_score=checkworthy_score,
        )


@cache
def _cues() -> dict[str, list[str]]:
    cues: dict[str, list[str]] = defaultdict(list)
    for row in read_rows("lexicons", "claims.csv"):
        # Cues are matched against lower-cased text without IGNORECASE, which is twice as fast in `re`;
        # lower-case the cue letters but not escapes such as \S or \W.
        cues[row["category"]].append(_lower_literals(row["cue"]))
    return dict(cues)


@cache
def _cue_patterns() -> dict[str, re.Pattern[str]]:
    return {
        category: re.compile(r"(?<![\w'’])(?:" + "|".join(f"(?:{cue})" for cue in items) + r")(?![\w'’])")
        for category, items in _cues().items()
    }


@cache
def _cue_gates() -> dict[str, frozenset[str] | None]:
    """Per category, the texts one of its cues must begin with (None: a cue that can begin with anything)."""
    gates: dict[str, frozenset[str] | None] = {}
    for category, items in _cues().items():
        prefixes: set[str] | None = set()
        for cue in items:
            found = _prefixes(cue)
            if found is None:
                prefixes = None
                break
            prefixes |= found
        gates[category] = None if prefixes is None else frozenset(prefixes)
    return gates


def _prefixes(cue: str, limit: int = 512) -> set[str] | None:
    """Literal texts one of which begins every match of a cue, or None when there is no such non-empty text.

    The walk follows the cue's literals, branches, character sets of literals and short repeats, and stops at
    anything else (a class such as \\w, a long repeat): what it has read so far still begins every match.
    Lookarounds only narrow what matches, so they are stepped over. A cue that begins with \\d has the
    prefix ``DIGIT_PREFIX``.
    """
    prefixes: set[str] = set()
    # Depth-first over (remaining ops, text so far); each branch or optional part forks the walk.
    stack: list[tuple[list, str]] = [(list(_sre_parser.parse(cue).data), "")]
    while stack:
        ops, prefix = stack.pop()
        if len(prefixes) + len(stack) > limit:
            return None
        if not ops:
            if not prefix:
                return None
            prefixes.add(prefix)
            continue
        (op, argument), rest = ops[0], ops[1:]
        if op is _sre.LITERAL:
            stack.append((rest, prefix + chr(argument)))
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            stack.append((rest, prefix))
        elif op is _sre.SUBPATTERN and not argument[1] and not argument[2]:  # no inline flags
            stack.append((list(argument[3].data) + rest, prefix))
        elif op is _sre.BRANCH:
            stack.extend((list(branch.data) + rest, prefix) for branch in argument[1])
        elif op is _sre.IN and all(kind is _sre.LITERAL for kind, _ in argument):
            stack.extend(([(_sre.LITERAL, code), *rest], prefix) for _, code in argument)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and argument[1] <= 3:
            low, high, item = argument
            stack.extend((list(item.data) * count + rest, prefix) for count in range(low, high + 1))
        elif op is _sre.IN and argument == [(_sre.CATEGORY, _sre.CATEGORY_DIGIT)] and not prefix:
            prefixes.add(DIGIT_PREFIX)
        elif prefix:
            prefixes.add(prefix)
        else:
            return None
    return prefixes


def _lower_literals(pattern: str) -> str:
    return re.sub(r"(?<!\\)[A-Z]", lambda match: match.group().lower(), pattern)


# One cue match in a text: (start, end, matched text), offsets into that text.
_Cue = tuple[int, int, str]


class _Text:
    """Lower-cased claim text and every category's cue matches in it, as ``finditer`` on it alone would give."""

    __slots__ = ("matches", "text")

    def __init__(self, text: str, matches: dict[str, list[_Cue]] | None = None) -> None:
        self.text = text
        self.matches = _scan([text])[0] if matches is None else matches

    def finditer(self, category: str) -> list[_Cue]:
        """Every match of a category's cues, in order."""
        return self.matches.get(category, [])

    def search(self, category: str) -> _Cue | None:
        """The first match of a category's cues."""
        found = self.matches.get(category)
        return found[0] if found else None


def _scan(texts: Sequence[str]) -> list[dict[str, list[_Cue]]]:
    """Each text's cue matches per category, found in one pass over all the texts joined by newlines.

    No cue can match a newline (those that could are scanned text by text), so joining changes no match.
    Gated categories run their regex only where one of their cue prefixes begins (``_prefixes``);
    skipping the starts inside a category's previous match gives what ``finditer`` gives.
    """
    out: list[dict[str, list[_Cue]]] = [{} for _ in texts]
    if not texts:
        return out
    joined = "\n".join(texts)
    # the offset at which each text starts in `joined`, and a sentinel past the end
    starts = [*accumulate((len(text) + 1 for text in texts), initial=0)]
    patterns, index = _cue_patterns(), _prefix_index()
    digit = index.get(DIGIT_PREFIX, ())
    matchers = {category: patterns[category].match for category in _gated()}
    ends = dict.fromkeys(matchers, -1)
    number, next_start = 0, starts[1]
    for word in _prefix_pattern().finditer(joined):
        position = word.start()
        # (a prefix found that is not in the index is one digit: the prefix DIGIT_PREFIX)
        for category in index.get(word.group(1)) or digit:
            if position >= ends[category] and (m := matchers[category](joined, position)):
                end = ends[category] = m.end()
                while position >= next_start:
                    number += 1
                    next_start = starts[number + 1]
                offset = starts[number]
                out[number].setdefault(category, []).append((position - offset, end - offset, m.group()))
    for category in _scanned_whole():
        for m in patterns[category].finditer(joined):
            number = bisect_right(starts, m.start()) - 1
            offset = starts[number]
            out[number].setdefault(category, []).append((m.start() - offset, m.end() - offset, m.group()))
    for category in _scanned_apart():
        for number, text in enumerate(texts):
            hits = [(m.start(), m.end(), m.group()) for m in patterns[category].finditer(text)]
            if hits:
                out[number][category] = hits
    return out


@cache
def _gated() -> tuple[str, ...]:
    """Categories whose cues all begin with known literal prefixes, scanned only where one begins."""
    return tuple(c for c, gate in _cue_gates().items() if gate is not None and c not in _scanned_apart())


@cache
def _prefix_index() -> dict[str, tuple[str, ...]]:
    """Each prefix of a gated category's cues → the categories whose cues can begin there.

    The candidate pattern finds the longest prefix at a position, so a prefix also stands for the shorter
    prefixes it begins with ("has got to" for "has" too), and one that begins with a digit for ``DIGIT_PREFIX``.
    """
    owners: dict[str, set[str]] = defaultdict(set)
    for category in _gated():
        for prefix in _cue_gates()[category] or ():
            owners[prefix].add(category)
    order = {category: number for number, category in enumerate(_cues())}

    def beginnings(prefix: str) -> set[str]:
        # the prefixes a prefix starts with are its own beginnings that are prefixes too (one look-up per length)
        found = {c for k in range(1, len(prefix) + 1) for c in owners.get(prefix[:k], ())}
        if _DECIMAL.match(prefix):
            found |= owners.get(DIGIT_PREFIX, set())
        return found

    return {prefix: tuple(sorted(beginnings(prefix), key=order.get)) for prefix in owners}


@cache
def _prefix_pattern() -> re.Pattern[str]:
    """Any prefix of a gated cue after a word boundary, the longest one (a trie: few branches to try)."""
    # zero-width, so that prefixes may overlap ("is expected to" holds "expected to")
    literals = trie_pattern(sorted(prefix for prefix in _prefix_index() if prefix != DIGIT_PREFIX))
    # a digit that begins no literal prefix is the prefix DIGIT_PREFIX (found as itself: see _scan)
    digit = "|\\d" if DIGIT_PREFIX in _prefix_index() else ""
    return re.compile(r"(?<![\w'’])(?=(" + literals + digit + "))")


@cache
def _scanned_whole() -> tuple[str, ...]:
    """Categories with a cue of no literal prefix, scanned over the joined texts."""
    return tuple(c for c, gate in _cue_gates().items() if gate is None and c not in _scanned_apart())


@cache
def _scanned_apart() -> tuple[str, ...]:
    """Categories with a cue that could match a newline: scanned text by text, as joining could change them."""
    return tuple(c for c, items in _cues().items() if any(_may_match_newline(cue) for cue in items))


def _may_match_newline(cue: str) -> bool:
    """Whether any part of a cue (lookarounds included) could match a newline; True when unsure."""
    if "\n" in cue:
        return True
    try:
        compiled = re.compile(cue)
    except re.error:
        return True
    pieces = _sre_parser.parse(cue).data
    stack = list(pieces)
    safe_categories = {_sre.CATEGORY_DIGIT, _sre.CATEGORY_WORD, _sre.CATEGORY_NOT_SPACE}
    while stack:
        op, argument = stack.pop()
        if op is _sre.LITERAL:
            if argument == 10:
                return True
        elif op is _sre.IN:
            for kind, value in argument:
                if kind is _sre.NEGATE or (kind is _sre.CATEGORY and value not in safe_categories):
                    return True
                if kind is _sre.RANGE and value[0] <= 10 <= value[1]:
                    return True
                if kind is _sre.LITERAL and value == 10:
                    return True
        elif op in (_sre.NOT_LITERAL, _sre.ANY_ALL):
            return True
        elif op is _sre.ANY:
            if compiled.flags & re.DOTALL:
                return True
        elif op is _sre.SUBPATTERN:
            if argument[1] or argument[2]:
                return True  # inline flags (such as s: a dot that matches a line break)
            stack.extend(argument[3].data)
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            stack.extend(argument[1].data)
        elif op is _sre.BRANCH:
            for branch in argument[1]:
                stack.extend(branch.data)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            stack.extend(argument[2].data)
        elif op is _sre.ATOMIC_GROUP:
            stack.extend(argument.data)
        elif op in (_sre.AT, _sre.GROUPREF):
            continue
        else:
            return True
    return False


def _main_clause_matches(category: str, text: _Text) -> list[_Cue]:
    return list(_iter_main_clause(category, text))


def _iter_main_clause(category: str, text: _Text) -> Iterator[_Cue]:
    # Only the few words before a cue can make it subordinate; look no further back than that.
    subordinate, raw = _SUBORDINATE.search, text.text
    for m in text.finditer(category):
        if not subordinate(raw[max(0, m[0] - 60) : m[0]]):
            yield m


def _any_main_clause(category: str, text: _Text) -> bool:
    """Whether a cue of the category stands in a main clause (stops at the first one)."""
    return category in text.matches and next(_iter_main_clause(category, text), None) is not None


def claim_text(sentence: str) -> str:
    """The part of a sentence whose claim is typed (lower-cased): the quotation if it is most of it, else the rest."""
    if not _OPENING_MARKS.search(sentence):
        return sentence.replace("’", "'").lower()  # no mark that can open a quotation: none to find
    quoted = quote_spans(sentence)
    inside = sum(span.close_at + 1 - span.open_at for span in quoted)
    outside = _replace_spans(sentence, quoted, " ")
    # A quotation with only an attribution around it ("…," the minister said) is typed by what it says; so is a
    # whole utterance whose longer attribution is only speaker, cue and appositions ("…," said one diplomat, who asked
    # not to be named).
    if quoted and (
        inside >= 0.6 * len(sentence)
        or len(outside.split()) <= ATTRIBUTION_WORDS
        or (_is_utterance(sentence, quoted) and only_attribution(outside))
    ):
        text = " ".join(sentence[span.start : span.end] for span in quoted)  # the words, without marks of any width
    else:
        text = _replace_spans(sentence, quoted, " QUOTE ")
    return text.replace("’", "'").lower()


def _is_utterance(sentence: str, quoted: list[QuoteSpan]) -> bool:
    """Whether the quotations are a whole utterance: opening or closing the sentence, from a capital or a figure (not
    a phrase quoted inside a clause: called the “Crossroads of America” by residents)."""
    first = sentence[quoted[0].start : quoted[0].end].lstrip()[:1]
    edge = not sentence[: quoted[0].open_at].strip() or not sentence[quoted[-1].close_at + 1 :].strip(_CLOSING)
    return edge and (first.isupper() or first.isdigit())


def only_attribution(outside: str) -> bool:
    """Whether the text around a quotation only attributes it: one part holding the speaker and a speech cue ("said
    one senior diplomat", "a senior official told reporters"), the others appositions, relative clauses, time or
    place phrases and "speaking on condition of anonymity" — nothing that makes a claim of its own."""
    if _clause_apart(outside):
        return False
    parts = [part for part in _ATTRIBUTION_BREAK.split(outside.lower()) if part.strip(" .!?'\"")]
    head = None
    for number, part in enumerate(parts):
        words = _ATTRIBUTION_WORD.findall(part)
        if not words:
            continue
        if words[0] in _COORDINATORS and (head is None or number == head + 1):
            # "…," the minister said, and the talks collapsed: a clause joined to the attribution, not to a speaker's
            # apposition, which alone may go on as a list ("the former secretary of State, U.S. senator, and first lady")
            return False
        if words[0] in _RELATIVE_STARTS or words[0] in _PARTICIPLE_STARTS:
            continue  # any relative clause or "speaking on condition of anonymity" only describes the speaker
        if words[0].endswith("ing"):
            return False  # "…, urging voters to", "adding that": a clause of the speaker's own
        cues = [cue for cue in find_cues(part) if cue.kind in _ATTRIBUTION_CUES]
        if cues and head is None:
            # the speaker and the cue: a noun phrase and adverbials, no clause of its own ("and said it would …")
            cue_words = len(_ATTRIBUTION_WORD.findall(part[: cues[0].start]))
            auxiliary = {cue_words - 1} if cue_words and words[cue_words - 1] in _PERFECT else set()
            if (
                len(cues) > 1
                or len(words) > _HEAD_WORDS
                or cue_words > _BEFORE_CUE
                or "and" in words  # "… and he said": a clause before the speaker's
                or any(_is_clause_word(word) and index not in auxiliary for index, word in enumerate(words))
            ):
                return False
            head = number
        elif any(map(_is_clause_word, words)):
            return False  # an apposition or a time phrase has no verb of its own; a clause does
    return head is not None


def _clause_apart(outside: str) -> bool:
    """Whether the text around a quotation sets a clause apart: words after a semicolon ("…," he said; emissions
    rose), or a bracket of more than two words, not all capitalised ("(emissions rose 5 percent)", not "(D-Calif.)")."""
    if ";" in outside and any(_ATTRIBUTION_WORD.search(piece.lower()) for piece in outside.split(";")[1:]):
        return True
    if "(" not in outside and "[" not in outside:
        return False
    for inner in _BRACKETED.findall(outside):
        words = inner.split()
        first = words[0].lower() if words else ""
        describes = (
            first in _RELATIVE_STARTS
            or first in _PARTICIPLE_STARTS
            or first in ("a", "an", "the")
            or first.endswith("ing")
        )
        if len(words) > 2 and any(word[:1].islower() for word in words) and not describes:
            return True
    return False


def _is_clause_word(word: str) -> bool:
    """A word that gives a part of an attribution a clause of its own: an auxiliary, a modal, a conjunction."""
    return word in _CLAUSE_WORDS or word in _PRONOUN_IS or word.endswith(_CONTRACTED)


def _replace_spans(sentence: str, spans: list[QuoteSpan], replacement: str) -> str:
    """The sentence with each quotation (marks included) replaced."""
    pieces, position = [], 0
    for span in spans:
        pieces += [sentence[position : span.open_at], replacement]
        position = span.close_at + 1
    return "".join([*pieces, sentence[position:]])


def _predictive_modal(text: _Text) -> bool:
    """may/might/could followed by an event verb (could start), not a state (may have, might be)."""
    if "future_modal" not in text.matches:
        return False
    for match in _iter_main_clause("future_modal", text):
        following = text.text[match[1] :].split(maxsplit=3)  # only the next three words count
        following = [word.strip(",.;:").lower() for word in following[:3]]
        while following and following[0] in _ADVERBS:
            following = following[1:]
        if following and following[0] not in _STATE_VERBS and following[0].isalpha():
            return True
    return False


def annotate_claim(sentence: str, is_question: bool) -> ClaimAnnotation:
    """Type a sentence's claim (None for questions), find its hedges and score its check-worthiness."""
    return annotate_claims([sentence], [is_question])[0]


def annotate_claims(
    sentences: Sequence[str], questions: Sequence[bool], read: SentenceTokens | None = None
) -> list[ClaimAnnotation]:
    """Claims, hedges and check-worthiness of a document's sentences (the ranker scores them all at once; read:
    their tokens, if tokenised already)."""
    from climadiplo.annotate import checkworthy_model

    sentences, read = _without_timestamps(sentences, read)
    typed = _analyse_all(sentences, questions)
    # Every sentence is ranked, whatever its claim type: a hedged or predictive claim can be worth checking.
    scores = checkworthy_model.sentence_scores(sentences, [rules for *_, rules in typed], read)
    cut = checkworthy_model.threshold()
    # Six decimals: at four, 83% of CLEF lines share their score with another text (at six, 3%).
    return [
        ClaimAnnotation(claim, hedged, cues, bool(score >= cut), round(score, 6))
        for (claim, hedged, cues, _), score in zip(typed, scores.tolist(), strict=True)  # Python floats at once
    ]


def ranker_features(sentence: str, is_question: bool) -> dict[str, float]:
    """The check-worthiness ranker's input for one sentence (its n-grams and the rules' features)."""
    from climadiplo.annotate import checkworthy_model

    sentence = sentence[timestamp_end(sentence) :]
    return checkworthy_model.features(sentence, _analyse_all([sentence], [is_question])[0][3])


def _without_timestamps(
    sentences: Sequence[str], read: SentenceTokens | None
) -> tuple[Sequence[str], SentenceTokens | None]:
    """The sentences without a live blog's time stamp at their start ("09:20 Union leader …"), which is no figure to
    check; the tokens read already, if none had one."""
    if not any(sentence[:1].isdigit() and timestamp_end(sentence) for sentence in sentences):
        return sentences, read
    return [sentence[timestamp_end(sentence) :] for sentence in sentences], None


@cache
def _signpost() -> re.Pattern[str]:
    """The opening of a greeting or sign-post to readers (data/lexicons/signposts.csv): page furniture, no claim."""
    phrases = sorted(read_column("lexicons", "signposts.csv", column="phrase"), key=len, reverse=True)
    alternatives = "|".join(re.escape(phrase).replace("'", "['’]") for phrase in phrases)
    # (IGNORECASE costs nothing in a match tried at one position only)
    return re.compile(r"[\"“‘'(\[]*(?:and\s+|so\s+)?(?:" + alternatives + r")\b", re.IGNORECASE)


def _with_signpost(rules: dict[str, float], sentence: str) -> dict[str, float]:
    """The rule features with ``_signpost`` (1) if the sentence opens with a greeting or a sign-post ("Good morning and
    welcome …")."""
    if _signpost().match(sentence):
        rules["_signpost"] = 1.0
    return rules


def _analyse_all(
    sentences: Sequence[str], questions: Sequence[bool]
) -> list[tuple[str | None, bool, str, dict[str, float]]]:
    """Claim type, hedged, hedge cues, and the ranker's rule features of each sentence (cues found in one scan)."""
    texts = [claim_text(sentence) for sentence in sentences]
    out = []
    for sentence, is_question, text, matches in zip(sentences, questions, texts, _scan(texts), strict=True):
        if not matches:  # no cue at all: no hedge, and a factual claim unless a question (what _claim_type finds)
            claim = None if is_question else "factual"
            out.append((claim, False, "", _with_signpost(_rule_features(sentence, matches, claim, False), sentence)))
            continue
        scanned = _Text(text, matches)
        hedges = []
        if "hedge" in matches:
            hedges = [(start, cue) for start, _, cue in _main_clause_matches("hedge", scanned)]
        if "opinion" in matches:
            hedges += [(start, cue) for start, _, cue in matches["opinion"] if cue.startswith("i ")]
        hedge_cues = "|".join(dict.fromkeys(cue for _, cue in sorted(hedges))) if hedges else ""
        claim = None if is_question else _claim_type(scanned, hedged=bool(hedges))
        rules = _with_signpost(_rule_features(sentence, matches, claim, bool(hedges)), sentence)
        out.append((claim, bool(hedges), hedge_cues, rules))
    return out


def _claim_type(text: _Text, hedged: bool) -> str:
    if _any_main_clause("obligation", text):
        return "prescriptive"
    if _any_main_clause("future", text) or _predictive_modal(text):
        return "predictive"
    if hedged or text.search("opinion"):
        return "evaluative"
    # An evaluative cue counts unless it comes after a reporting verb (the first evaluative cue decides).
    reported = text.search("reported")
    evaluative = text.search("evaluative")
    if evaluative and not (reported and evaluative[0] > reported[0]):
        return "evaluative"
    return "factual"


def rule_features(sentence: str, text: str | _Text, claim: str | None, hedged: bool) -> dict[str, float]:
    """The claim rules as ranker features: figures, rankings, records of action, names, claim type, hedging."""
    return _rule_features(sentence, (text if isinstance(text, _Text) else _Text(text)).matches, claim, hedged)


def _rule_features(sentence: str, matches: dict[str, list[_Cue]], claim: str | None, hedged: bool) -> dict[str, float]:
    """``rule_features`` of a sentence whose claim text's cue matches are found already."""
    # Capitalised words after the first are names, places or events: the things a record is about.
    initials = _INITIALS.findall(sentence)[1:]
    # (counted in C: the words whose first letter is upper case, less the pronouns, which all are)
    named = sum(map(str.isupper, initials))
    if "I" in initials:  # every pronoun begins with I
        named -= sum(map(_PRONOUNS.__contains__, _WORDS.findall(sentence)[1:]))
    return {
        "_quantity": 1.0 if "quantity" in matches else 0.0,
        "_ranking": 1.0 if "ranking" in matches else 0.0,
        "_record": 1.0 if "record" in matches else 0.0,
        "_named": min(named, 3) / 3,
        f"_claim={claim or 'question'}": 1.0,
        "_hedged": 1.0 if hedged else 0.0,
    }
