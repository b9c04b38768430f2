"""Claim type, hedging and check-worthiness of a sentence, from the cue lists in data/lexicons/claims.csv."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from climadiplo.annotate.quotemarks import QuoteSpan, quote_spans
from climadiplo.resources import read_rows

CLAIM_TYPES = ("factual", "evaluative", "predictive", "prescriptive")
# A modal right after a complementiser or relative ("that could help", "whether it should") sits in a
# subordinate clause and neither hedges nor sets the type of the main claim.
_SUBORDINATE = re.compile(r"\b(?:that|which|who|whether|if)\s+(?:\w+\s+){0,2}$")
_STATE_VERBS = frozenset({"have", "be", "been", "not", "well"})
_ADVERBS = frozenset({"also", "still", "even", "soon", "eventually", "yet", "finally", "actually", "just", "then"})
_WORDS = re.compile(r"[A-Za-z][\w'’.-]*")
# "I" and its contractions open no record to check: they are not names.
_PRONOUNS = frozenset({"I", "I'm", "I've", "I'll", "I'd", "I’m", "I’ve", "I’ll", "I’d"})
ATTRIBUTION_WORDS = 6


@dataclass(frozen=True)
class ClaimAnnotation:
    """What a sentence claims, whether it hedges, and whether it is worth fact-checking."""

    claim: str | None
    hedged: bool
    hedge_cues: str
    checkworthy: bool
    checkworthy_score: float


@cache
def _cue_patterns() -> dict[str, re.Pattern[str]]:
    cues: dict[str, list[str]] = defaultdict(list)
    for row in read_rows("lexicons", "claims.csv"):
        cues[row["category"]].append(row["cue"])
    # Cues are matched against lower-cased text without IGNORECASE, which is twice as fast in `re`;
    # lower-case the cue letters but not escapes such as \S or \W.
    return {
        category: re.compile(
            r"(?<![\w'’])(?:" + "|".join(f"(?:{_lower_literals(cue)})" for cue in items) + r")(?![\w'’])"
        )
        for category, items in cues.items()
    }


def _lower_literals(pattern: str) -> str:
    return re.sub(r"(?<!\\)[A-Z]", lambda match: match.group().lower(), pattern)


def _main_clause_matches(category: str, text: str) -> list[re.Match[str]]:
    return list(_iter_main_clause(category, text))


def _iter_main_clause(category: str, text: str) -> Iterator[re.Match[str]]:
    # Only the few words before a cue can make it subordinate; look no further back than that.
    subordinate = _SUBORDINATE.search
    for m in _cue_patterns()[category].finditer(text):
        if not subordinate(text[max(0, m.start() - 60) : m.start()]):
            yield m


def _any_main_clause(category: str, text: str) -> bool:
    """Whether a cue of the category stands in a main clause (stops at the first one)."""
    return next(_iter_main_clause(category, text), None) is not None


def claim_text(sentence: str) -> str:
    """The part of a sentence whose claim is typed (lower-cased): the quotation if it is most of it, else the rest."""
    quoted = quote_spans(sentence)
    inside = sum(span.close_at + 1 - span.open_at for span in quoted)
    outside = _replace_spans(sentence, quoted, " ")
    # A quotation with only an attribution around it ("…," the minister said) is typed by what it says.
    if quoted and (inside >= 0.6 * len(sentence) or len(outside.split()) <= ATTRIBUTION_WORDS):
        text = " ".join(sentence[span.open_at + 1 : span.close_at] for span in quoted)
    else:
        text = _replace_spans(sentence, quoted, " QUOTE ")
    return text.replace("’", "'").lower()


def _replace_spans(sentence: str, spans: list[QuoteSpan], replacement: str) -> str:
    """The sentence with each quotation (marks included) replaced."""
    pieces, position = [], 0
    for span in spans:
        pieces += [sentence[position : span.open_at], replacement]
        position = span.close_at + 1
    return "".join([*pieces, sentence[position:]])


def _predictive_modal(text: str) -> bool:
    """may/might/could followed by an event verb (could start), not a state (may have, might be)."""
    for match in _iter_main_clause("future_modal", text):
        following = text[match.end() :].split(maxsplit=3)  # only the next three words count
        following = [word.strip(",.;:").lower() for word in following[:3]]
        while following and following[0] in _ADVERBS:
            following = following[1:]
        if following and following[0] not in _STATE_VERBS and following[0].isalpha():
            return True
    return False


def annotate_claim(sentence: str, is_question: bool) -> ClaimAnnotation:
    """Type a sentence's claim (None for questions), find its hedges and score its check-worthiness."""
    return annotate_claims([sentence], [is_question])[0]


def annotate_claims(sentences: Sequence[str], questions: Sequence[bool]) -> list[ClaimAnnotation]:
    """Claims, hedges and check-worthiness of a document's sentences (the ranker scores them all at once)."""
    from climadiplo.annotate import checkworthy_model

    typed = [_analyse(sentence, is_question) for sentence, is_question in zip(sentences, questions, strict=True)]
    # Every sentence is ranked, whatever its claim type: a hedged or predictive claim can be worth checking.
    scores = checkworthy_model.scores([row for *_, row in typed])
    cut = checkworthy_model.threshold()
    # Six decimals: at four, 83% of CLEF lines share their score with another text (at six, 3%).
    return [
        ClaimAnnotation(claim, hedged, cues, bool(score >= cut), round(float(score), 6))
        for (claim, hedged, cues, _), score in zip(typed, scores, strict=True)
    ]


def ranker_features(sentence: str, is_question: bool) -> dict[str, float]:
    """The check-worthiness ranker's input for one sentence (its n-grams and the rules' features)."""
    return _analyse(sentence, is_question)[3]


def _analyse(sentence: str, is_question: bool) -> tuple[str | None, bool, str, dict[str, float]]:
    """Claim type, hedged, hedge cues, and the ranker's features of one sentence."""
    from climadiplo.annotate import checkworthy_model

    text = claim_text(sentence)
    hedges = [(m.start(), m.group().lower()) for m in _main_clause_matches("hedge", text)]
    hedges += [
        (m.start(), m.group().lower()) for m in _cue_patterns()["opinion"].finditer(text) if m.group().startswith("i ")
    ]
    hedge_cues = "|".join(dict.fromkeys(cue for _, cue in sorted(hedges)))
    claim = None if is_question else _claim_type(text, hedged=bool(hedges))
    row = checkworthy_model.features(sentence, rule_features(sentence, text, claim, bool(hedges)))
    return claim, bool(hedges), hedge_cues, row


def _claim_type(text: str, hedged: bool) -> str:
    patterns = _cue_patterns()
    if _any_main_clause("obligation", text):
        return "prescriptive"
    if _any_main_clause("future", text) or _predictive_modal(text):
        return "predictive"
    if hedged or patterns["opinion"].search(text):
        return "evaluative"
    # An evaluative cue counts unless it comes after a reporting verb (the first evaluative cue decides).
    reported = patterns["reported"].search(text)
    evaluative = patterns["evaluative"].search(text)
    if evaluative and not (reported and evaluative.start() > reported.start()):
        return "evaluative"
    return "factual"


def rule_features(sentence: str, text: str, claim: str | None, hedged: bool) -> dict[str, float]:
    """The claim rules as ranker features: figures, rankings, records of action, names, claim type, hedging."""
    patterns = _cue_patterns()
    # Capitalised words after the first are names, places or events: the things a record is about.
    named = [word for word in _WORDS.findall(sentence)[1:] if word[0].isupper() and word not in _PRONOUNS]
    return {
        "_quantity": 1.0 if patterns["quantity"].search(text) else 0.0,
        "_ranking": 1.0 if patterns["ranking"].search(text) else 0.0,
        "_record": 1.0 if patterns["record"].search(text) else 0.0,
        "_named": min(len(named), 3) / 3,
        f"_claim={claim or 'question'}": 1.0,
        "_hedged": 1.0 if hedged else 0.0,
    }
