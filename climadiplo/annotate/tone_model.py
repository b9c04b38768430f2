"""Learned tone: of a sentence, and towards one mention in it (target-dependent), as shipped linear models.

Both models are one-vs-rest logistic regressions (negative / neutral / positive) over word uni- and
bigrams, six-letter stems of longer words and lexicon features, each feature scaled per class by its naive-Bayes log-count ratio (as NBSVM;
the scaling is folded into the shipped coefficients), trained by ``training/train_tone.py`` on NewsMTSC
(Hamborg & Donnay, EACL 2021; MIT) and the seed gold; see ``annotate/models/README.md``. The lexicon is VADER's with the
domain lexicon (``data/lexicons/sentiment.csv``) over it; capitalised words after the first are names
and are masked before it looks (``Security Council``, ``United Nations``), and a negation reaches only
to the next clause punctuation (``does not decompose, straining …``), and words after "but" weigh
double those before it, as in VADER. A second reading of the same valences is one feature more, VADER's way
(names not masked, a negation reaching the three tokens after it, the whole normalised as VADER's compound): the
same loop computes it, where VADER's own compound would cost as much as both models (NewsMTSC train, grouped CV:
sentence macro-F1 0.625 -> 0.628, r 0.592 -> 0.596; VADER's own compound with the domain lexicon 0.630 / 0.596).
The valences of quoted words are also tallied apart (reported speech: 0.628 -> 0.630, nested band 0.625 -> 0.629).
The words of a domain-lexicon phrase of valence 0 ("critical raw materials", "United Nations") are masked from the
n-grams and stems too (``mask_neutral``), as the lexicon reads the phrase as 0, so "~critic" does not carry the single
word's tone into them (NewsMTSC train, grouped CV: sentence macro-F1 0.624 -> 0.623, r 0.597 both: no change).
The target model adds the target's own words, the words either side of it, and its clause's and window's tallies. The score is
P(positive) − P(negative) in [-1, 1]; the label is neutral when P(neutral) is within the model's neutral band of the larger of the other two (the band is chosen by
cross-validation on the training data, not guessed).
"""

from __future__ import annotations

import math
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import chain, compress, pairwise, repeat
from operator import itemgetter, methodcaller

import numpy as np

from climadiplo.annotate.linear_model import Features, LinearModel, load_model
from climadiplo.annotate.tokens import TOKEN as _TOKEN
from climadiplo.annotate.tokens import SentenceTokens, read_sentence
from climadiplo.resources import read_rows

SENTENCE_MODEL = "tone_sentence"
TARGET_MODEL = "tone_target"
_CLAUSE = frozenset(",;:.!?()—–")
_QUOTE_MARKS = frozenset('"“”')
_NEGATORS = frozenset(
    "not no never none nobody nothing neither nor without cannot lack lacks lacked hardly barely".split()
)
NEGATION_SCALAR = -0.74  # VADER's
NEGATION_WINDOW = 3  # tokens before a word in which VADER looks for a negation (the compound reading's scope)
_START, _END = itemgetter(0), itemgetter(1)
_ENDS_NT = methodcaller("endswith", "n't")
WINDOW = 4  # words either side of a target read as its context
# Letters of a word longer than this that also stand as its stem feature (chosen by the grouped CV on NewsMTSC
# train: sentence macro-F1 0.620 -> 0.625, r 0.583 -> 0.592, higher in every fold).
STEM = 6
# Weights of the target's own feature groups beside the sentence's n-grams, chosen by grouped cross-validation on
# NewsMTSC train (training/train_tone.py): its window, clause and position, and its own words.
CONTEXT_WEIGHT = 0.5
IDENTITY_WEIGHT = 0.5


@cache
def tone_lexicon() -> tuple[dict[str, float], dict[tuple[str, ...], float]]:
    """Single-word and phrase valences: VADER's lexicon, overridden and extended by the domain lexicon."""
    from climadiplo.annotate.sentiment import plain_vader

    words = {word: float(value) for word, value in plain_vader().lexicon.items() if word.isalpha()}
    phrases: dict[tuple[str, ...], float] = {}
    for row in read_rows("lexicons", "sentiment.csv"):
        parts = tuple(_TOKEN.findall(row["term"].lower()))
        if len(parts) == 1:
            words[parts[0]] = float(row["valence"])
        elif parts:
            phrases[parts] = float(row["valence"])
    return words, phrases


@cache
def _phrase_starts() -> frozenset[str]:
    return frozenset(phrase[0] for phrase in tone_lexicon()[1])


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Word, number and punctuation tokens with their character offsets."""
    text = text.replace("’", "'")
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _words(text: str) -> list[str]:
    return _TOKEN.findall(text.replace("’", "'"))


@cache
def _interesting() -> frozenset[str]:
    """Lower-cased tokens the valence loop acts on; every other token has valence 0 and changes no state."""
    words, _ = tone_lexicon()
    return frozenset(words) | _phrase_starts() | _NEGATORS | _CLAUSE | _QUOTE_MARKS | {"but"}


def valences(tokens: Sequence[str], lowered: Sequence[str] | None = None) -> list[float]:
    """Each token's lexicon valence, names masked, negated up to the next clause mark, weakened before 'but'."""
    if lowered is None:
        lowered = [token.lower() for token in tokens]
    return _valences(tokens, lowered)[0]


def _valences(
    tokens: Sequence[str], lowered: Sequence[str]
) -> tuple[list[float], list[int], list[int], float, list[int], list[int]]:
    """valences(), the indices of its non-zero values and of the clause marks, the sentence's compound reading in
    (-1, 1) (see below), the indices of the non-zero values between quotation marks (a straight mark opens or
    closes, a curly one as it is written), and the (start, end) token indices, flat, of the phrases of valence 0
    it read, visiting only the tokens that matter."""
    words, phrases = tone_lexicon()
    starts = _phrase_starts()
    interesting = _interesting()
    hits = list(compress(range(len(lowered)), map(interesting.__contains__, lowered)))
    # "don't", "isn't": negators the set cannot list (one search of the joined words rules most sentences out)
    if "n't" in "".join(lowered) and any(map(_ENDS_NT, lowered)):
        hits = sorted(set(hits) | set(compress(range(len(lowered)), map(_ENDS_NT, lowered))))
    out = [0.0] * len(tokens)
    nonzero: list[int] = []
    clauses: list[int] = []
    quoted: list[int] = []
    neutral: list[int] = []
    if not hits:
        return out, nonzero, clauses, 0.0, quoted, neutral
    negated = False
    skip_to = 0
    # The compound reading: every lexicon word's valence, names included, negated by a negation among the
    # NEGATION_WINDOW tokens before it, halved before the first "but" (as VADER reads a sentence).
    last_negation = -NEGATION_WINDOW - 1
    halved = False
    reading = 0.0
    inside = False  # between quotation marks
    for index in hits:
        low = lowered[index]
        if low in _CLAUSE:
            clauses.append(index)
            if index >= skip_to:
                negated = False
            continue
        if low in _QUOTE_MARKS:
            inside = (not inside) if low == '"' else low == "“"
            continue
        if index < skip_to:
            continue
        if low in _NEGATORS or low.endswith("n't"):
            negated = True
            own = words.get(low)  # "no", "lack": a valence of their own in the compound reading
            if own:
                reading += own * NEGATION_SCALAR if index - last_negation <= NEGATION_WINDOW else own
            last_negation = index
            continue
        if low == "but":  # VADER's rule: what comes after "but" outweighs what came before
            out[:index] = [value * 0.5 for value in out[:index]]
            if not halved:  # the compound reading halves what came before the first "but" only
                reading *= 0.5
                halved = True
            continue
        value = None
        name = False
        if low in starts:  # phrases first, capitalised or not ("Security Council" is a phrase of 0)
            for size in (3, 2):
                phrase = tuple(lowered[index : index + size])
                if len(phrase) == size and phrase in phrases:
                    value, skip_to = phrases[phrase], index + size
                    if not value:
                        neutral += (index, skip_to)
                    break
        if value is None:
            value = words.get(low)
            if value is None:
                continue
            name = index > 0 and tokens[index][:1].isupper()
        if value:
            reading += value * NEGATION_SCALAR if index - last_negation <= NEGATION_WINDOW else value
            if name:  # a name: masked from the tallies, read by the compound
                continue
            if negated:
                value *= NEGATION_SCALAR
            out[index] = value
            nonzero.append(index)
            if inside:
                quoted.append(index)
    compound = reading / math.sqrt(reading * reading + 15.0) if reading else 0.0
    return out, nonzero, clauses, compound, quoted, neutral


def _tallies(values: Sequence[float]) -> tuple[float, float, float]:
    """log1p of the positive and of the negative values' sums, and their net share."""
    # One pass, not two filtered lists and sums (most lists hold one or two values): the same sums in the same
    # order from 0, and subtracting each negative value gives the negated sum of them exactly.
    positive = negative = 0
    for v in values:
        if v > 0:
            positive += v
        elif v < 0:
            negative -= v
    return math.log1p(positive), math.log1p(negative), (positive - negative) / (positive + negative + 1.0)


def _tally(prefix: str, values: Sequence[float], features: Features) -> None:
    if not values:  # all three would be 0, and a feature of value 0 adds nothing to a linear score
        return
    features[prefix + "pos"], features[prefix + "neg"], features[prefix + "net"] = _tallies(values)


def _gram_set(lowered: Sequence[str]) -> dict[str, None]:
    """A sentence's distinct uni- and bigrams and long words' stems (the n-gram features, each of one value).

    Kept in the order they first occur, not as a set: a set of strings iterates in the order of the process's string
    hashes, and the model sums the features in that order, so a score's last bits changed with PYTHONHASHSEED.
    """
    # A long word's first STEM letters too, so its other forms share a feature ("sanctioned", "sanctions").
    return dict.fromkeys(
        chain(lowered, map(" ".join, pairwise(lowered)), filter(None, map(_STEMS.__getitem__, lowered)))
    )


class _Stems(dict):
    """Per lower-cased word, its stem feature ("~" and its first STEM letters) or None; filled on first sight."""

    def __missing__(self, word: str) -> str | None:
        stem = self[word] = _stem(word)
        return stem


def _stem(word: str) -> str | None:
    """A lower-cased word's stem feature ("~" and its first STEM letters), or None if it is too short or no word."""
    return "~" + word[:STEM] if len(word) > STEM and word.isalpha() else None


_STEMS = _Stems()


def _gram_features(grams: dict[str, None]) -> Features:
    """The n-gram features of a sentence's distinct n-grams: each of value 1/sqrt(their number)."""
    return dict.fromkeys(grams, 1.0 / math.sqrt(len(grams))) if grams else {}


def _ngrams(lowered: Sequence[str]) -> Features:
    return _gram_features(_gram_set(lowered))


def sentence_features(text: str) -> Features:
    """Features of a whole sentence: its n-grams and lexicon tallies."""
    return _analyse(text).features


@dataclass(slots=True)
class _Analysed:
    """A sentence read once for all its targets: tokens, valences and sentence-wide features (offsets on demand)."""

    text: str  # with typographic apostrophes straightened, as tokenised
    tokens: list[str]
    lowered: list[str]
    values: list[float]
    nonzero: list[int]  # indices of the non-zero values, increasing
    clauses: list[int]  # indices of the clause marks, increasing
    # the n-gram features (each of value 1/sqrt(len(grams))), in the order the features dict has them; None until
    # asked for (scoring reads the n-grams a whole document at a time, _sentence_logits, not as these strings)
    _grams: dict[str, None] | None
    lexical: Features  # the lexicon features, after the n-grams
    _spans: list[tuple[int, int]] | None = None

    @property
    def grams(self) -> dict[str, None]:
        """The sentence's distinct n-grams (_gram_set), in the order the features dict has them."""
        if self._grams is None:
            self._grams = _gram_set(self.lowered)
        return self._grams

    @property
    def features(self) -> Features:
        """The sentence's features: its n-grams, then its lexicon tallies."""
        features = _gram_features(self.grams)
        features.update(self.lexical)
        return features

    def spans(self) -> list[tuple[int, int]]:
        """Token (start, end) offsets: increasing in both, as tokens are non-empty and do not overlap."""
        if self._spans is None:
            # Only white space stands between tokens (every other character is in one), so each token is found
            # where the last one ended or after white space: str.find from there is its match's start.
            spans = self._spans = []
            find, position = self.text.find, 0
            for token in self.tokens:
                position = find(token, position)
                spans.append((position, position + len(token)))
                position += len(token)
        return self._spans


# What the words of a neutral phrase read as in the n-grams: no token holds "<" and a digit, so no n-gram of the
# sentence's own words is one of it, and it has no stem.
NEUTRAL_MASK = "<0>"


def mask_neutral(lowered: list[str], spans: Sequence[int] | None = None) -> list[str]:
    """The lower-cased tokens with each word of a valence-0 lexicon phrase ("critical raw materials") masked.

    The lexicon already reads such a phrase as 0 (as it masks names); its words' n-grams and stems ("critical",
    "~critic") still carried the single word's tone into the model, so they are masked too. spans: the phrases'
    (start, end) token indices, flat, as the valence loop found them (found here if not given). The list given is
    returned as it is when there are none (it is shared with other stages: never written to).
    """
    if spans is None:
        spans = _valences(lowered, lowered)[5]
    if not spans:
        return lowered
    masked = list(lowered)
    for start, end in zip(spans[::2], spans[1::2], strict=True):
        masked[start:end] = repeat(NEUTRAL_MASK, end - start)
    return masked


def _analyse(text: str, read: tuple[str, list[str], list[str]] | None = None) -> _Analysed:
    # read: the sentence tokenised already (tokens.sentence_tokens), else read here the same way
    text, tokens, lowered = read_sentence(text) if read is None else read
    values, nonzero, clauses, compound, quoted, neutral = _valences(tokens, lowered)
    if neutral:  # the lexicon read the phrase itself; the n-grams do not see its words
        lowered = mask_neutral(lowered, neutral)
    features: Features = {}
    _tally("_lex_", [values[i] for i in nonzero], features)
    if compound:  # else 0, which adds nothing
        features["_lex_compound"] = compound
    if quoted:  # quoted words' valences tallied apart too (reported speech)
        _tally("_lexq_", [values[i] for i in quoted], features)
    return _Analysed(text, tokens, lowered, values, nonzero, clauses, None, features)


def _splits_token(text: str, position: int) -> bool:
    """Whether a token may run across position (so counting the tokens before it would cut that token)."""
    if position <= 0 or position >= len(text):
        return False
    left, right = text[position - 1], text[position]
    if left.isalnum() and right.isalnum():
        return True
    if right in "'.," and left.isalnum():  # "don't", "1,000"
        return text[position + 1 : position + 2].isalnum()
    return left in "'.," and right.isalnum() and text[position - 2 : position - 1].isalnum()


def target_features(text: str, start: int, end: int, analysed: _Analysed | None = None) -> Features:
    """Features of the tone towards the target at [start, end) of a sentence: the sentence's, and its context's."""
    sentence = analysed or _analyse(text)
    return {**sentence.features, **_context_features(sentence, start, end)}


def _target_tokens(sentence: _Analysed, start: int, end: int) -> tuple[int, int]:
    """The tokens overlapping [start, end): from the first ending after start to the last starting before end."""
    text = sentence.text
    if sentence._spans is not None or _splits_token(text, start) or _splits_token(text, end):
        spans = sentence.spans()
        return bisect_right(spans, start, key=_END), bisect_left(spans, end, key=_START)
    # No token crosses either offset: count the tokens before each (every non-space character is in one).
    first = len(_TOKEN.findall(text, 0, start))
    return first, first + len(_TOKEN.findall(text, start, end))


def _window_and_clause(sentence: _Analysed, first: int, last: int) -> tuple[list[float], list[float]]:
    """The non-zero values within WINDOW tokens of the target, and those of its clause (between clause marks)."""
    values, nonzero, clauses = sentence.values, sentence.nonzero, sentence.clauses
    window = nonzero[bisect_left(nonzero, first - WINDOW - 1) : bisect_left(nonzero, last + WINDOW + 1)]
    before = bisect_left(clauses, first)
    lo = clauses[before - 1] + 1 if before else 0
    after = bisect_left(clauses, last)
    hi = clauses[after] if after < len(clauses) else len(sentence.lowered)
    return [values[i] for i in window], [
        values[i] for i in nonzero[bisect_left(nonzero, lo) : bisect_left(nonzero, hi)]
    ]


def _context_features(sentence: _Analysed, start: int, end: int) -> Features:
    """The target's own features: the words either side, its clause's and window's lexicon tallies, position."""
    lowered, nonzero = sentence.lowered, sentence.nonzero
    features: Features = {}
    first, last = _target_tokens(sentence, start, end)
    if first >= last:
        return features
    for word in lowered[max(0, first - WINDOW) : first]:
        features["L:" + word] = 0.5
    for word in lowered[last : last + WINDOW]:
        features["R:" + word] = 0.5
    features["<T " + (lowered[first - 1] if first else "^")] = 1.0
    features["T> " + (lowered[last] if last < len(lowered) else "$")] = 1.0
    if nonzero:  # the window's and clause's non-zero values (none: no tallies)
        window, clause = _window_and_clause(sentence, first, last)
        _tally("_win_", window, features)
        _tally("_clause_", clause, features)
    if first == 0:  # else 0, which adds nothing
        features["_t_first"] = 1.0
    features["_t_position"] = first / max(len(lowered), 1)
    features = {name: value * CONTEXT_WEIGHT for name, value in features.items()}
    # The target's own words ("he", "Trump", "the ad"): who it is carries a prior the sentence's n-grams share out.
    own = lowered[first:last]
    weight = IDENTITY_WEIGHT / math.sqrt(len(own))
    for word in own:
        features["T=" + word] = weight
    return features


_NO_TALLY = (None, None, None)  # an empty window or clause: no tallies
_SIDE = 0.5 * CONTEXT_WEIGHT  # an L: or R: word's value in the target model's row (its weight in _context_features)
_EDGE = 1.0 * CONTEXT_WEIGHT  # <T, T> and _t_first
_TALLY_NAMES = tuple(prefix + part for prefix in ("_win_", "_clause_") for part in ("pos", "neg", "net"))


class _Columns(dict):
    """Per lower-cased token, the target model's columns of its context features (L:, R:, T=, <T, T>; -1: none),
    and the columns of the features no token names. Filled on first sight of a word."""

    def __init__(self, vocabulary: dict[str, int]) -> None:
        super().__init__()
        self.vocabulary = vocabulary
        get = vocabulary.get
        self.fixed = {name: get(name, -1) for name in ("<T ^", "T> $", "_t_first", "_t_position", *_TALLY_NAMES)}
        self.tallies = tuple(self.fixed[name] for name in _TALLY_NAMES)  # the window's three, then the clause's
        self.opening, self.closing = self.fixed["<T ^"], self.fixed["T> $"]
        self.first, self.position = self.fixed["_t_first"], self.fixed["_t_position"]

    def __missing__(self, word: str) -> tuple[int, int, int, int, int]:
        get = self.vocabulary.get
        entry = self[word] = (
            get("L:" + word, -1),
            get("R:" + word, -1),
            get("T=" + word, -1),
            get("<T " + word, -1),
            get("T> " + word, -1),
        )
        return entry


_COLUMNS: dict[int, _Columns] = {}  # by id of the (cached, never freed) model


def _context_row(sentence: _Analysed, start: int, end: int, columns: _Columns) -> dict[int, float]:
    """_context_features() as the model's known columns and their values, in the same order (the plain form of one
    target that _context_logits builds for a whole document at once).

    Distinct names have distinct columns, so a dict by column keeps each known feature once, where its name first
    stood, as the dict by name does; the unknown ones (-1) are left out, as the matrix leaves them out.
    """
    row: dict[int, float] = {}
    first, last = _target_tokens(sentence, start, end)
    if first >= last:
        return row
    lowered = sentence.lowered
    count = len(lowered)
    for word in lowered[first - WINDOW if first > WINDOW else 0 : first]:
        column = columns[word][0]
        if column >= 0:
            row[column] = _SIDE
    for word in lowered[last : last + WINDOW]:
        column = columns[word][1]
        if column >= 0:
            row[column] = _SIDE
    column = columns[lowered[first - 1]][3] if first else columns.opening
    if column >= 0:
        row[column] = _EDGE
    column = columns[lowered[last]][4] if last < count else columns.closing
    if column >= 0:
        row[column] = _EDGE
    if sentence.nonzero:
        window, clause = _window_and_clause(sentence, first, last)
        # The window's tallies, then the clause's: their columns in _TALLY_NAMES's order (a zip, not name look-ups).
        tallies = (*(_tallies(window) if window else _NO_TALLY), *(_tallies(clause) if clause else _NO_TALLY))
        for column, value in zip(columns.tallies, tallies, strict=True):
            if column >= 0 and value is not None:
                row[column] = value * CONTEXT_WEIGHT
    if first == 0 and columns.first >= 0:
        row[columns.first] = _EDGE
    if columns.position >= 0:
        row[columns.position] = first / (count or 1) * CONTEXT_WEIGHT
    own = lowered[first:last]
    weight = IDENTITY_WEIGHT / math.sqrt(len(own))
    for word in own:
        column = columns[word][2]
        if column >= 0:
            row[column] = weight
    return row


class _IdColumns:
    """Per word id of a _Words table, the target model's columns of its context features (L:, R:, T=, <T, T>; -1:
    none), as _Columns has them by word: an array filled for the ids a document needs, on first sight of each."""

    def __init__(self, vocabulary: dict[str, int], words: _Words) -> None:
        self.vocabulary = vocabulary
        self.words = words
        self.fixed = _Columns(vocabulary)  # its columns of the features no token names
        # (the table, whether each id's row is filled): one pair, so that a reader gets both of one moment
        self.state = np.full((0, 5), -1, dtype=np.int64), np.zeros(0, dtype=bool)
        self.lock = threading.Lock()

    def __call__(self, ids: np.ndarray) -> np.ndarray:
        """The table, holding the rows of these ids."""
        table, filled = self.state
        if len(ids) and (ids.max() >= len(filled) or not filled[ids].all()):
            with self.lock:  # a Dask worker's threads share it: rows written before they are marked filled
                table, filled = self.state
                top = int(ids.max()) + 1
                if top > len(filled):  # grown by doubling (a copy per document would cost more than the rest)
                    size = max(1024, 2 * len(filled), top)
                    table = np.concatenate([table, np.full((size - len(table), 5), -1, dtype=np.int64)])
                    filled = np.concatenate([filled, np.zeros(size - len(filled), dtype=bool)])
                seen = np.zeros(len(filled), dtype=bool)
                seen[ids] = True
                # (a mask, not np.unique: its plain form imports numpy.ma, 0.02 CPU s, on first use)
                new = np.flatnonzero(seen & ~filled)
                names = [self.words.names[k] for k in new.tolist()]
                get = self.vocabulary.get
                for k, prefix in enumerate(("L:", "R:", "T=", "<T ", "T> ")):  # as _Columns's entries
                    names_of = map(prefix.__add__, names)
                    table[new, k] = np.fromiter(map(get, names_of, repeat(-1)), dtype=np.int64, count=len(names))
                filled[new] = True
                self.state = table, filled
        return table


_ID_COLUMNS: dict[int, _IdColumns] = {}  # by id of the (cached, never freed) model


def _spread(starts: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ranges [start, start + length) (lengths >= 0) laid end to end: each item's range number and its position."""
    which = np.arange(len(lengths)).repeat(lengths)
    ends = lengths.cumsum()
    return which, np.arange(ends[-1] if len(ends) else 0) - (ends - lengths - starts)[which]


def _id_columns(model: LinearModel) -> _IdColumns:
    """The target model's context columns by word id (made on first use)."""
    columns = _ID_COLUMNS.get(id(model))
    return columns or _ID_COLUMNS.setdefault(id(model), _IdColumns(model.vocabulary, _words(_joint())))


def _context_logits(model: LinearModel, document: _Document, rows: Sequence[int], spans: np.ndarray) -> np.ndarray:
    """_column_logits() of the targets' _context_row()s (their sentences' rows, their tokens (first, last)): the
    same entries in the same order, built for all of a document's targets at once from its word ids.

    Each feature group is one array over all targets, the groups in _context_row's order, so each target's entries
    keep its order among other targets' (as _row_product sums them); a column repeated within a target (a word twice
    in its window) is kept where it first stood, as the dict by column keeps it, with the one value its group gives.
    """
    n = len(rows)
    rows = np.asarray(rows, dtype=np.int64)
    first, last = spans[:, 0], spans[:, 1]
    base = document.starts[rows]
    count = document.starts[rows + 1] - base
    kept = first < last  # else no features: the intercept alone
    ids = document.ids
    columns = _id_columns(model)
    fixed = columns.fixed
    # The words either side (L:, R:) and the target's own (T=): token ranges, the three groups one after another.
    left = np.maximum(first - WINDOW, 0)
    own = np.where(kept, last - first, 0)
    which, position = _spread(
        np.concatenate([base + left, base + last, base + first]),
        np.concatenate(
            [np.where(kept, first - left, 0), np.where(kept, np.minimum(last + WINDOW, count) - last, 0), own]
        ),
    )
    group, item = np.divmod(which, n)
    words = ids[position]
    # <T and T>: the tokens either side, or the sentence's edges; then _t_first and _t_position
    at = np.flatnonzero(kept)
    edge = base[at]
    if len(ids):
        previous, following = ids[np.maximum(edge + first[at] - 1, 0)], ids[np.minimum(edge + last[at], len(ids) - 1)]
    else:
        previous = following = np.zeros(0, dtype=np.int64)
    # the table rows of only the words the targets read (as _Columns fills only the words it is asked)
    table = columns(np.concatenate([words, previous, following]))
    word_columns = table[words, group]  # the table's first three columns: L:, R:, T=
    sides = which.searchsorted(2 * n)  # the L: and R: words before the T= ones
    identity = IDENTITY_WEIGHT / np.sqrt(own[item[sides:]])
    before = np.where(first[at] > 0, table[previous, 3], fixed.opening)
    after = np.where(last[at] < count[at], table[following, 4], fixed.closing)
    starting = at[first[at] == 0]
    tally_items, tally_columns, tally_values = _context_tallies(document, rows, first, last, base, count, kept, fixed)
    k = len(at)
    item = np.concatenate([item[:sides], at, at, tally_items, starting, at, item[sides:]])
    column = np.concatenate(
        [
            word_columns[:sides],
            before,
            after,
            tally_columns,
            np.full(len(starting), fixed.first),
            np.full(k, fixed.position),
            word_columns[sides:],
        ]
    )
    value = np.concatenate(
        [
            np.full(sides, _SIDE),
            np.full(2 * k, _EDGE),
            tally_values * CONTEXT_WEIGHT,
            np.full(len(starting), _EDGE),
            first[at] / count[at] * CONTEXT_WEIGHT,
            identity,
        ]
    )
    known = np.flatnonzero(column >= 0)
    # each (target, column) where it first stands
    key = item[known] * len(model.vocabulary) + column[known]
    chosen = known[np.sort(np.unique(key, return_index=True)[1])]
    return _row_product(model, value[chosen], column[chosen], item[chosen], n)


def _context_tallies(
    document: _Document,
    rows: np.ndarray,
    first: np.ndarray,
    last: np.ndarray,
    base: np.ndarray,
    count: np.ndarray,
    kept: np.ndarray,
    fixed: _Columns,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The window's three tallies, then the clause's (as _window_and_clause and _tallies give them), of the targets
    whose window or clause holds a non-zero value: their targets, columns and values, in that order."""
    analysed = document.analysed
    distinct = sorted(set(rows[kept].tolist()))  # increasing, so their values' positions in the document increase
    starts = document.starts.tolist()
    where = np.array([starts[r] + i for r in distinct for i in analysed[r].nonzero], dtype=np.int64)
    if not len(where):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
    valence = np.array([analysed[r].values[i] for r in distinct for i in analysed[r].nonzero], dtype=np.float64)
    marks = np.array([starts[r] + i for r in distinct for i in analysed[r].clauses], dtype=np.int64)
    end = base + count
    # the clause: after the last clause mark before the target, up to the first at or after its end
    if len(marks):
        k = marks.searchsorted(base + first)
        previous = marks[np.maximum(k - 1, 0)]
        lo = np.where((k > 0) & (previous >= base), previous + 1, base)
        j = marks.searchsorted(base + last)
        following = marks[np.minimum(j, len(marks) - 1)]
        hi = np.where((j < len(marks)) & (following < end), following, end)
    else:
        lo, hi = base, end
    # the window (values within WINDOW + 1 tokens of the target, in its sentence), then the clause: 2n ranges
    n = len(rows)
    a = where.searchsorted(np.concatenate([base + np.maximum(first - WINDOW - 1, 0), lo]))
    b = where.searchsorted(np.concatenate([np.minimum(base + last + WINDOW + 1, end), hi]))
    b = np.where(np.concatenate([kept, kept]), b, a)
    which, position = _spread(a, b - a)
    v = valence[position]
    # summed one by one in order from 0 (np.bincount), as _tallies sums them
    positive = np.bincount(which, np.where(v > 0, v, 0.0), minlength=2 * n)
    negative = np.bincount(which, np.where(v < 0, -v, 0.0), minlength=2 * n)
    at = np.flatnonzero(b > a)
    p, m = positive[at].tolist(), negative[at].tolist()
    # math's log1p, not numpy's (whose vectorised one need not round alike)
    tallies = np.array([list(map(math.log1p, p)), list(map(math.log1p, m))]).reshape(2, -1)
    net = (positive[at] - negative[at]) / (positive[at] + negative[at] + 1.0)
    split = at.searchsorted(n)  # the windows' before the clauses'
    window, clause = at[:split], at[split:] - n
    items = np.concatenate([window, window, window, clause, clause, clause])
    columns = np.repeat(np.array(fixed.tallies, dtype=np.int64), [split, split, split, *[len(clause)] * 3])
    values = np.concatenate(
        [tallies[0, :split], tallies[1, :split], net[:split], tallies[0, split:], tallies[1, split:], net[split:]]
    )
    return items, columns, values


def _flattened(rows: Sequence[dict]) -> tuple[list, list[float], list[int]]:
    """Rows of {feature: value} as one list of keys, one of values, and each row's end in them (CSR order)."""
    keys: list = []
    values: list[float] = []
    counts = [0]
    for row in rows:
        keys.extend(row)
        values.extend(row.values())
        counts.append(len(keys))
    return keys, values, counts


def _product(model: LinearModel, values: np.ndarray, columns: np.ndarray, indptr, n_rows: int) -> np.ndarray:
    """The logits of a CSR feature matrix (values, columns, row ends): per class, each row's products summed in
    order from 0 (as scipy's CSR product sums them, so the same floats), then the intercept. Without scipy, whose
    import cost 0.045 CPU s a process."""
    return _row_product(model, values, columns, np.repeat(np.arange(n_rows), np.diff(indptr)), n_rows)


def _row_product(
    model: LinearModel, values: np.ndarray, columns: np.ndarray, rows: np.ndarray, n_rows: int
) -> np.ndarray:
    """_product() of entries given with their rows: each row's products summed in the entries' order, from 0
    (np.bincount adds them one by one), so a row's entries may lie among other rows' and still give its sum."""
    out = np.empty((n_rows, model.coef.shape[0]))
    for k, weights in enumerate(_by_class(model)):
        out[:, k] = np.bincount(rows, values * weights.take(columns), minlength=n_rows)
    return out + model.intercept


def _column_logits(model: LinearModel, rows: Sequence[dict[int, float]]) -> np.ndarray:
    """_logits() of rows already given as known columns: the same matrix, without looking names up."""
    columns, values, counts = _flattened(rows)
    return _product(
        model,
        np.asarray(values, dtype=np.float64),
        np.asarray(columns, dtype=np.int64),
        np.asarray(counts, dtype=np.int64),
        len(rows),
    )


def label(probabilities: np.ndarray, band: float) -> np.ndarray:
    """-1, 0 or 1 per row of (negative, neutral, positive) probabilities and a neutral band."""
    negative, neutral, positive = probabilities[:, 0], probabilities[:, 1], probabilities[:, 2]
    polar = np.where(positive > negative, 1, -1)
    return np.where(neutral + band >= np.maximum(negative, positive), 0, polar)


def _tones(model, probabilities: np.ndarray) -> list[tuple[float, int]]:
    scores = probabilities[:, 2] - probabilities[:, 0]
    labels = label(probabilities, model.threshold)
    # tolist(): Python floats and ints at once (the same values float() and int() give), not a numpy scalar each
    return [(round(s, 4), y) for s, y in zip(scores.tolist(), labels.tolist(), strict=True)]


@cache
def _joint() -> LinearModel:
    """Both models' weights over one vocabulary: the sentence model's 3 classes, then the target model's 3.

    A sentence's features are looked up once for its own tone and for the sentence part of its mentions'.
    """
    sentence, target = load_model(SENTENCE_MODEL), load_model(TARGET_MODEL)
    vocabulary = dict(sentence.vocabulary)
    for name in target.vocabulary:
        vocabulary.setdefault(name, len(vocabulary))
    coef = np.zeros((6, len(vocabulary)))
    for rows, model in ((slice(0, 3), sentence), (slice(3, 6), target)):
        columns = np.fromiter((vocabulary[name] for name in model.vocabulary), dtype=np.int64)
        coef[rows, columns] = model.coef[:, list(model.vocabulary.values())]
    return LinearModel(vocabulary, coef, np.concatenate([sentence.intercept, target.intercept]), (), 0.0)


@dataclass
class _Document:
    """The sentences scored last, read once for their tones and their mentions': each text's row, its analysis,
    and the target model's part of the score that its sentence features make."""

    rows: dict[str, int]
    analysed: list[_Analysed]
    bases: np.ndarray  # rows × 3
    # the sentences' tokens as word ids (_Words), one after another, and where each row's start (and the last ends)
    ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    starts: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))

    def add(self, texts: Sequence[str], read: Sequence[tuple[str, list[str], list[str]]] | None = None) -> np.ndarray:
        """Read new texts in (tokenised already, if read is given); return both models' logits of their sentence
        features (rows × 6)."""
        kept: list[np.ndarray] = []
        analysed, logits = _read(texts, read, kept)
        self.ids = np.concatenate([self.ids, *kept])
        sizes = np.fromiter(map(len, (sentence.lowered for sentence in analysed)), dtype=np.int64, count=len(analysed))
        self.starts = np.concatenate([self.starts, self.starts[-1] + np.cumsum(sizes)])
        self.rows.update((text, len(self.analysed) + k) for k, text in enumerate(texts))
        self.analysed.extend(analysed)
        bases = logits[:, 3:] - load_model(TARGET_MODEL).intercept
        self.bases = np.vstack([self.bases, bases]) if len(self.bases) else bases
        return logits


# One per thread: a Dask worker's threads annotate different documents at once.
_last = threading.local()


def _new_document() -> _Document:
    _last.document = _Document({}, [], np.zeros((0, 3)))
    return _last.document


_BY_CLASS: dict[int, np.ndarray] = {}  # by id of the (cached, never freed) model


def _by_class(model: LinearModel) -> np.ndarray:
    """The model's weights, each class's row contiguous."""
    if id(model) not in _BY_CLASS:
        _BY_CLASS[id(model)] = np.ascontiguousarray(model.coef)
    return _BY_CLASS[id(model)]


def _logits(model: LinearModel, rows: Sequence[Features]) -> np.ndarray:
    """model.logits(rows), as one sparse product: the same sums in the same order, in one pass over all classes."""
    names, values, counts = _flattened(rows)
    columns = np.fromiter(map(model.vocabulary.get, names, repeat(-1)), dtype=np.int64, count=len(names))
    known = columns >= 0
    # Row pointers after the unknown features are dropped: the known ones before each row's end.
    indptr = np.concatenate([[0], np.cumsum(known)])[counts]
    return _product(model, np.asarray(values, dtype=np.float64)[known], columns[known], indptr, len(rows))


def _read(
    texts: Sequence[str],
    read: Sequence[tuple[str, list[str], list[str]]] | None = None,
    kept: list[np.ndarray] | None = None,
) -> tuple[list[_Analysed], np.ndarray]:
    """Each sentence analysed (from its (text, tokens, lowered) if read), and both models' logits of its sentence
    features (rows × 6); kept, if given, gets their tokens' word ids."""
    analysed = [_analyse(text, tokens) for text, tokens in zip(texts, read or [None] * len(texts), strict=True)]
    return analysed, _sentence_logits(_joint(), analysed, kept)


class _Words(dict):
    """Per lower-cased word seen, its id (the model's bigrams' words first, then others in order of first sight);
    per id, a model's column of the word as a unigram and of its stem feature (-1: none) and the stem's id (-1: no
    stem); and the model's bigrams as sorted pairs of word ids, so that a document's n-grams are looked up as
    numbers (_sentence_logits). It grows with the corpus's distinct words, as _STEMS did when scoring filled it.

    Filled on first sight of a word under a lock (a Dask worker's threads share it): the arrays grow by copies
    that hold every earlier id, and a word's id is published only once its entries are written.
    """

    def __init__(self, vocabulary: dict[str, int]) -> None:
        super().__init__()
        self.vocabulary = vocabulary
        self.lock = threading.Lock()
        # A bigram feature is two tokens joined by a space (tokens hold none). A name of another form (more spaces,
        # "<T x") is no token pair, and a pair of its parts never comes up (no token holds "<" and a letter).
        names = [name for name in vocabulary if " " in name]
        parts = " ".join(names).split(" ")  # two per name, if each holds one space (a list per name costs more)
        if len(parts) != 2 * len(names):
            names = [name for name in names if name.count(" ") == 1]
            parts = " ".join(names).split(" ")
        # Their words take the first ids, in one pass (a word per call of __missing__ costs ~10× more).
        words = list(dict.fromkeys(parts))
        dict.update(self, zip(words, range(len(words)), strict=True))
        self.names = words  # each id's word
        self.unigram = np.fromiter(map(vocabulary.get, words, repeat(-1)), dtype=np.int64, count=len(words))
        stems = list(map(_stem, words))
        distinct = list(dict.fromkeys(filter(None, stems)))
        self.stems = dict(zip(distinct, range(len(distinct)), strict=True))  # each stem feature's id
        self.stem = np.fromiter(map(self.stems.get, stems, repeat(-1)), dtype=np.int64, count=len(words))
        self.stem_column = np.fromiter(map(vocabulary.get, stems, repeat(-1)), dtype=np.int64, count=len(words))
        # Each bigram as its words' ids, the first in the high 32 bits, sorted; one key past every pair's last, so
        # a search never falls off the end.
        ids = np.fromiter(map(self.__getitem__, parts), dtype=np.int64, count=len(parts))
        keys = (ids[0::2] << 32) | ids[1::2]
        columns = np.fromiter(map(vocabulary.__getitem__, names), dtype=np.int64, count=len(names))  # same strings
        order = np.argsort(keys, kind="stable")
        self.pair_keys = np.append(keys[order], np.iinfo(np.int64).max)
        self.pair_columns = np.append(columns[order], -1)

    def __missing__(self, word: str) -> int:
        with self.lock:
            if word in self:  # another thread added it meanwhile
                return dict.__getitem__(self, word)
            index = len(self)
            if index == len(self.unigram):
                size = max(1024, 2 * index)
                self.unigram, self.stem_column, self.stem = (
                    np.concatenate([array, np.full(size - index, -1, dtype=np.int64)])
                    for array in (self.unigram, self.stem_column, self.stem)
                )
            get = self.vocabulary.get
            self.unigram[index] = get(word, -1)
            stem = _stem(word)  # not through _STEMS: a word's entries here are enough to keep
            if stem is not None:
                self.stem[index] = self.stems.setdefault(stem, len(self.stems))
                self.stem_column[index] = get(stem, -1)
            self.names.append(word)
            dict.__setitem__(self, word, index)
            return index


_WORDS: dict[int, _Words] = {}  # by id of the (cached, never freed) model


def _words(model: LinearModel) -> _Words:
    """The model's table of word ids (made on first use)."""
    return _WORDS.get(id(model)) or _WORDS.setdefault(id(model), _Words(model.vocabulary))


_FEW_WORDS = 1 << 16  # a document's distinct words whose pairs' numbers stay below 2**32


def _sentence_logits(
    model: LinearModel, analysed: Sequence[_Analysed], kept: list[np.ndarray] | None = None
) -> np.ndarray:
    """_logits() of the sentences' features, their n-grams read as numbers a whole document at a time.

    Each row's features are those of its features dict in the same order (its distinct unigrams in order of first
    occurrence, then its bigrams, then its stems: three kinds of name that never coincide; then the lexicon
    features), each n-gram of value 1/sqrt(their number), so the same sums: without building the n-grams' strings
    and a dictionary of them per sentence, and a string look-up per n-gram. kept, if given, gets the tokens' word ids
    (for their mentions' context, _context_logits).
    """
    words = _words(model)
    n_rows = len(analysed)
    lowered = [sentence.lowered for sentence in analysed]
    sizes = np.fromiter(map(len, lowered), dtype=np.int64, count=n_rows)
    ids = np.fromiter(map(words.__getitem__, chain.from_iterable(lowered)), dtype=np.int64, count=int(sizes.sum()))
    if kept is not None:
        kept.append(ids)
    row_of = np.repeat(np.arange(n_rows, dtype=np.int64), sizes)
    paired = np.flatnonzero(row_of[1:] == row_of[:-1])  # the tokens followed by another of their sentence
    # A bigram's key: its words' numbers among the document's distinct words (below 2**32 if they are few enough)
    distinct, word = np.unique(ids, return_inverse=True)
    word = word.reshape(-1)
    if len(distinct) < _FEW_WORDS:
        pair_key = word[paired] * len(distinct) + word[paired + 1]
    else:
        pair_key = np.unique((ids[paired] << 32) | ids[paired + 1], return_inverse=True)[1].reshape(-1)
    stem = words.stem[ids]
    stemmed = np.flatnonzero(stem >= 0)
    # Every n-gram as (kind, row, key) in one number, the kind in the top bits: the first occurrence of each, in
    # order, is each row's distinct unigrams in order, then (after every unigram) its bigrams, then its stems.
    # (Keys below 2**32, rows below 2**29: a document of half a billion sentences is none this reads.)
    first = np.sort(
        np.unique(
            np.concatenate(
                [
                    (row_of << 32) | word,
                    (1 << 61) | (row_of[paired] << 32) | pair_key,
                    (2 << 61) | (row_of[stemmed] << 32) | stem[stemmed],
                ]
            ),
            return_index=True,
        )[1]
    )
    bigram_from, stem_from = first.searchsorted([len(row_of), len(row_of) + len(paired)])
    unigrams = first[:bigram_from]
    bigrams = paired[first[bigram_from:stem_from] - len(row_of)]
    stems = stemmed[first[stem_from:] - len(row_of) - len(paired)]
    pairs = (ids[bigrams] << 32) | ids[bigrams + 1]
    found = words.pair_keys.searchsorted(pairs)
    gram_rows = row_of[np.concatenate([unigrams, bigrams, stems])]
    gram_columns = np.concatenate(
        [
            words.unigram[ids[unigrams]],
            np.where(words.pair_keys[found] == pairs, words.pair_columns[found], -1),
            words.stem_column[ids[stems]],
        ]
    )
    value = 1.0 / np.sqrt(np.maximum(np.bincount(gram_rows, minlength=n_rows), 1))  # as 1.0 / math.sqrt(count)
    # the lexicon features, after every n-gram (each row's entries keep their order; rows may interleave)
    get = model.vocabulary.get
    lexical = [(row, get(name, -1), v) for row, s in enumerate(analysed) for name, v in s.lexical.items()]
    rows = np.concatenate([gram_rows, np.array([row for row, _, _ in lexical], dtype=np.int64)])
    columns = np.concatenate([gram_columns, np.array([column for _, column, _ in lexical], dtype=np.int64)])
    values = np.concatenate([value[gram_rows], np.array([v for *_, v in lexical], dtype=float)])
    known = columns >= 0
    return _row_product(model, values[known], columns[known], rows[known], n_rows)


def sentence_tones(texts: Sequence[str], read: SentenceTokens | None = None) -> list[tuple[float, int]]:
    """(score in [-1, 1], label in {-1, 0, 1}) per sentence of a document, scored together (read: their tokens)."""
    model = load_model(SENTENCE_MODEL)
    unique = list(dict.fromkeys(texts))
    triples = None if read is None else list(zip(read.texts, read.tokens, read.lowered, strict=True))
    if triples is not None and len(unique) < len(texts):
        triples = list(dict(zip(texts, triples, strict=True)).values())  # a repeated text has the same tokens
    document = _new_document()
    logits = document.add(unique, triples)
    rows = [document.rows[text] for text in texts] if len(unique) < len(texts) else slice(None)
    return _tones(model, model.probabilities(logits[rows, :3]))


@cache
def _spaces() -> np.ndarray:
    """Per code point up to U+3000 (the last white space), whether it is white space as the token pattern's \\s
    reads it (str.isspace), and one False after for every code point beyond."""
    return np.array([chr(point).isspace() for point in range(0x3001)] + [False])


def _target_spans(document: _Document, rows: Sequence[int], items: Sequence[tuple[str, int, int]]) -> np.ndarray:
    """_target_tokens() of each (text, start, end) target of the document's rows, as (first, last) rows, for all
    targets at once from the token offsets of their sentences (those of spans(), by numpy).

    Every character is white space or in exactly one token, and tokens come in order, so the k-th token's characters
    are the non-space characters after the earlier tokens' ones. A sentence whose tokens do not cover its non-space
    characters (none the pattern reads) is left to _target_tokens, as all are if any is.
    """
    analysed = document.analysed
    distinct = sorted(set(rows))
    texts = [analysed[r].text for r in distinct]
    tokens = list(chain.from_iterable(analysed[r].tokens for r in distinct))
    points = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    solid = np.flatnonzero(~_spaces()[np.minimum(points, 0x3001)])  # the non-space characters' positions
    lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
    ends = lengths.cumsum()
    if not len(tokens) or ends[-1] != len(solid):
        return np.array(
            [_target_tokens(analysed[row], start, end) for row, (_, start, end) in zip(rows, items, strict=True)],
            dtype=np.int64,
        ).reshape(-1, 2)
    token_starts = solid[ends - lengths]
    token_ends = solid[ends - 1] + 1
    # each row's first character and first token among the distinct rows' (joined in order)
    at = np.searchsorted(distinct, rows)
    text_from = np.concatenate([[0], np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)))])[at]
    counts = np.fromiter((len(analysed[r].tokens) for r in distinct), dtype=np.int64, count=len(distinct))
    token_from = (np.cumsum(counts) - counts)[at]
    count = counts[at]
    offsets = np.array([(start, end) for _, start, end in items], dtype=np.int64).reshape(-1, 2)
    # the first token ending after start, the last starting before end (as bisect_right / bisect_left), in the row
    first = token_ends.searchsorted(text_from + offsets[:, 0], "right") - token_from
    last = token_starts.searchsorted(text_from + offsets[:, 1], "left") - token_from
    # (minimum and maximum, not np.clip, which costs more on short arrays)
    return np.stack([np.minimum(np.maximum(first, 0), count), np.minimum(np.maximum(last, 0), count)], axis=1)


def target_tones(items: Sequence[tuple[str, int, int]]) -> list[tuple[float, int]]:
    """(score, label) of the tone towards each (sentence text, start, end) target.

    The model is linear, so a target's score is its sentence's part (computed once per sentence) plus
    its own context's part: the same sum as over all its features, without repeating the sentence's.
    """
    model = load_model(TARGET_MODEL)
    if not items:
        return []
    document = getattr(_last, "document", None) or _new_document()
    missing = list(dict.fromkeys(text for text, _, _ in items if text not in document.rows))
    if missing:
        document.add(missing)
    rows = [document.rows[text] for text, _, _ in items]
    spans = _target_spans(document, rows, items)
    context = _context_logits(model, document, rows, spans)
    return _tones(model, model.probabilities(document.bases[rows] + context))
