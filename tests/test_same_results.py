"""Faster forms of a computation give the results of the plain form they replace (speed changes, issue 14)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from climadiplo.annotate import tone_model
from climadiplo.annotate.actors import _written_lower
from climadiplo.read.clean import clean_text
from climadiplo.read.corpus import load_corpus


def _texts() -> list[str]:
    documents = [*load_corpus(None), *load_corpus("data/annotations/invented-news/articles.jsonl")]
    return [clean_text(document.raw_text).text for document in documents]


def test_a_word_written_lower_case_is_one_of_the_texts_runs_of_a_to_z():
    runs_of = re.compile(r"[a-z]+").findall
    probes = ["", "a", "the", "s", "us", "o'brien", "é", "new york", "said,", "Said"]
    for text in [*_texts(), "", "a", "The us-led bus, US.", "o'brien said O'Brien"]:
        runs = set(runs_of(text))
        words = {word.lower() for word in re.findall(r"[A-Za-z][\w'’.-]*", text)}
        for word in [*sorted(words), *probes]:
            assert _written_lower(text, word) == (word in runs), (word, text[:60])


def test_the_tone_logits_are_scipys_sparse_product_to_the_last_bit():
    csr_matrix = pytest.importorskip("scipy.sparse").csr_matrix
    model = tone_model._joint()
    rng = np.random.default_rng(0)
    size = len(model.vocabulary)
    counts = rng.integers(0, 60, size=200)
    counts[:3] = 0  # rows without a known feature
    indptr = np.concatenate([[0], np.cumsum(counts)])
    columns = np.concatenate([rng.choice(size, count, replace=False) for count in counts]).astype(np.int64)
    values = rng.random(len(columns)) / np.sqrt(np.repeat(np.maximum(counts, 1), counts))
    expected = csr_matrix((values, columns, indptr), shape=(len(counts), size)) @ model.coef.T + model.intercept
    got = tone_model._product(model, values, columns, indptr, len(counts))
    assert got.tobytes() == np.asarray(expected).tobytes()
    assert tone_model._product(model, values[:0], columns[:0], np.zeros(1, dtype=np.int64), 0).shape == (0, 6)


def test_the_date_word_scan_finds_what_the_trie_in_one_group_finds():
    from climadiplo.annotate import events
    from climadiplo.annotate.actors import trie_pattern

    grouped = re.compile(r"(?:19|20)\d\d|" + trie_pattern(sorted(set(events._NEED_WORDS))))
    extra = "in may 2019, march. the 1999 week; mon. sept. 12 yesterday-today tomorrow 2030s dec.ember"
    for text in [*(text.lower() for text in _texts()), extra]:
        spans = [match.span() for match in grouped.finditer(text)]
        assert [match.span() for match in events._ANY_NEED_LOWER.finditer(text)] == spans


def test_the_sentence_boundary_scan_finds_what_the_plain_pattern_finds():
    from climadiplo.read import segment

    plain = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]*[A-Z0-9])")
    for text in [*_texts(), "Yes!!! “No.” (Maybe…) It is. 3 ends… A. B. c. D"]:
        assert [m.span() for m in segment._CANDIDATE.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_the_quotation_mark_scan_finds_what_the_class_finds():
    from climadiplo.annotate import quotemarks

    plain = re.compile(r"''|[“”«»\"‘’']|\n\n")
    for text in [*_texts(), "''a'' “b” «c» \"d\" ‘e’ f'g\n\nh'''"]:
        assert [m.span() for m in quotemarks._EVENTS.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_the_speaker_scans_find_what_their_look_around_first_forms_find():
    from climadiplo.annotate import speaker_model as sm

    # The forms before issue 14's rewrite: a look-ahead and a look-behind first, which re cannot skip on.
    token = r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Del|Gov|Gen|Prof|Pres|Lt|Col|Sgt|Capt|Rev|Hon|St)\.|(?:[A-Z]\.)+|[A-Z](?:[\w’'-]*\w)?)"
    particle = r"(?:de|la|del|da|di|van|von|der|den|bin|al|le|du|ibn|el)"
    name = rf"(?=[A-Z])(?<![\w’'-]){token}(?:[ \t]+(?:{particle}[ \t]+)*{token})*(?:,?[ \t]+(?:Jr\.|Sr\.|II|III|IV)(?![\w]))?"
    no_break = "".join(rf"(?<!\b{word})" for word in sm._ABBREVIATIONS)
    plain = {
        "_NAME": name,
        "_PRONOUN": r"(?=[hHsStTIwW])(?<![\w’'-])(he|she|they|He|She|They|I|we|We)(?![\w’'-])",
        "_SENTENCE_BREAK": rf"(?=[.!?;؟۔।。！？\n])(?:(?<!\b[A-Z]){no_break}[.!?;؟۔।。！？]+[\"”’')\]]*\s|\n)",
        "_HONORIFIC_NAME": r"(?=M)\b(Mr|Mrs|Ms|Miss)\.?[ \t]+([A-Z][\w’'-]+)",
    }
    extra = (
        "Mr. J.T. Smith Jr. and Mrs.Jones, Sen. Ted Cruz (R-Texas.) said. Capt. O'Neil-Ray, Gen.  Lee, Sgt.Col. "
        "St. Louis? MrX. Prof.Dr. Hon. A. B. van der Berg, III. She’s; she-he 'they' I, we! We’re ‘He’ thesis "
        "Adm. Sens. Reps. Del.\nDr.\n\nMs Ann, Miss.  Bo xMr Al Mrs\tO’Neil Mr.\nJo M. Ray U.S. T.? x.” y!) z!!” Lt.؟ a۔ b। c。d！ e？\tf; Shes They'd WE I'm"
    )
    for text in [*_texts(), extra]:
        for attribute, pattern in plain.items():
            expected = [(match.span(), match.groups()) for match in re.finditer(pattern, text)]
            assert [(match.span(), match.groups()) for match in getattr(sm, attribute).finditer(text)] == expected


def test_the_context_columns_are_the_named_context_features_on_real_sentences():
    from climadiplo.annotate.linear_model import load_model
    from climadiplo.read.segment import split_sentences

    model = load_model(tone_model.TARGET_MODEL)
    columns = tone_model._Columns(model.vocabulary)
    documents = [*load_corpus(None), *load_corpus("data/annotations/invented-news/articles.jsonl")]
    cleaned = [clean_text(document.raw_text) for document in documents]
    sentences = [s.text for c in cleaned for s in split_sentences(c.text, c.paragraphs)][:1500]
    rows, named = [], []
    for text in sentences:
        analysed = tone_model._analyse(text)
        for match in re.finditer(r"\w[\w'’.-]*", text):  # every word a target
            rows.append(tone_model._context_row(analysed, *match.span(), columns))
            named.append(tone_model._context_features(analysed, *match.span()))
    assert sum(map(len, rows)) > 10 * len(rows) > 10_000 and sum(row != {} for row in rows) == len(rows)
    assert tone_model._column_logits(model, rows).tobytes() == tone_model._logits(model, named).tobytes()


def test_the_sentence_logits_from_the_gram_sets_are_those_of_the_features_dicts_bit_for_bit():
    from climadiplo.read.segment import split_sentences

    documents = [*load_corpus(None), *load_corpus("data/annotations/invented-news/articles.jsonl")]
    cleaned = [clean_text(document.raw_text) for document in documents]
    sentences = [s.text for c in cleaned for s in split_sentences(c.text, c.paragraphs)]
    analysed = [tone_model._analyse(text) for text in [*sentences, "", "...", "A sanctioned sanctions regime."]]
    # The plain form: each sentence's features dict as training reads it (n-grams, each of 1/sqrt(count), then the
    # lexicon tallies), through the named look-up.
    plain = [{**tone_model._ngrams(a.lowered), **a.lexical} for a in analysed]
    assert [a.features for a in analysed] == plain and [list(a.features) for a in analysed] == list(map(list, plain))
    assert sum(bool(a.lexical) for a in analysed) > 50 and any(not a.grams for a in analysed)
    joint = tone_model._joint()
    assert tone_model._sentence_logits(joint, analysed).tobytes() == tone_model._logits(joint, plain).tobytes()


def test_the_sentence_logits_read_as_word_ids_survive_repeats_shared_stems_and_new_words(monkeypatch):
    # Repeated words and bigrams (counted once), words sharing a stem, known bigrams, and more unseen words than the
    # id arrays first hold (they grow), in a fresh table: the same bytes as the features dicts'.
    joint = tone_model._joint()
    rng = np.random.default_rng(0)
    known = [name for name in joint.vocabulary if " " in name][:300]
    made_up = [f"zq{k}x" for k in range(3000)]
    texts = [
        "The sanctions sanctioned the sanctioning state; the the the state state.",
        " ".join(known[:40]) + " " + " ".join(known[:10]),
        "Sanctions, sanctions, sanctions!",
        *(" ".join(rng.choice(made_up + known, size=rng.integers(1, 60)).tolist()) for _ in range(200)),
    ]
    analysed = [tone_model._analyse(text) for text in texts]
    plain = [a.features for a in analysed]
    words = tone_model._WORDS.pop(id(joint), None)
    try:
        assert tone_model._sentence_logits(joint, analysed).tobytes() == tone_model._logits(joint, plain).tobytes()
        assert len(tone_model._WORDS[id(joint)].unigram) > 2048  # grown from its first size
        # a document of too many distinct words for their pairs' small numbers: the pairs numbered apart
        monkeypatch.setattr(tone_model, "_FEW_WORDS", 10)
        assert tone_model._sentence_logits(joint, analysed).tobytes() == tone_model._logits(joint, plain).tobytes()
    finally:
        if words is not None:
            tone_model._WORDS[id(joint)] = words
    assert tone_model._sentence_logits(joint, []).shape == (0, 6)


def test_the_quote_regions_sentence_end_scan_finds_what_the_plain_pattern_finds():
    from climadiplo.annotate import quotes

    plain = re.compile(
        r"[.!?;؟۔।。！？；]+[\"”’')\]]*\s|\n"
    )  # before issue 14: a repeat first, which re cannot skip on
    extra = "a.\n b!!” c؟ d；e .)\tf\n\ng. x；” y…? z.’) wait...” so?!? w.\u3000v"
    for text in [*_texts(), extra, "\n", ".", ". ", ""]:
        assert [m.span() for m in quotes._SCRIPT_BREAK.finditer(text)] == [m.span() for m in plain.finditer(text)]


_LOGIT_BYTES = """
import hashlib
from climadiplo.annotate import checkworthy_model, tone_model
from climadiplo.read.clean import clean_text
from climadiplo.read.corpus import load_corpus
from climadiplo.read.segment import split_sentences

documents = [*load_corpus(None), *load_corpus("data/annotations/invented-news/articles.jsonl")]
cleaned = [clean_text(document.raw_text) for document in documents]
sentences = [s.text for c in cleaned for s in split_sentences(c.text, c.paragraphs)]
tone = tone_model._sentence_logits(tone_model._joint(), [tone_model._analyse(text) for text in sentences])
worth = checkworthy_model.sentence_scores(sentences, [{} for _ in sentences])
print(hashlib.sha256(tone.tobytes() + worth.tobytes()).hexdigest())
"""


def test_the_tone_and_checkworthiness_scores_do_not_depend_on_the_string_hash_seed():
    # The models once summed a sentence's n-grams in the order of a set of strings, which follows the process's
    # hash seed: the scores' last bits changed from run to run. Two seeds must give the same bytes.
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    digests = set()
    for seed in ("1", "2"):
        env = {**__import__("os").environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        run = subprocess.run(
            [sys.executable, "-c", _LOGIT_BYTES], cwd=root, env=env, capture_output=True, text=True, check=True
        )
        digests.add(run.stdout.strip())
    assert len(digests) == 1, digests


def test_the_context_logits_and_target_tokens_of_a_whole_document_are_those_of_each_target_bit_for_bit():
    # Every word of each seed and invented-news document a target, and odd spans (empty, inside a token, across
    # tokens, the whole sentence, its first and last characters), with new words in a fresh id table: the same bytes
    # as the per-target rows of columns (_context_row, which the test above ties to the named features).
    from climadiplo.annotate.linear_model import load_model
    from climadiplo.read.segment import split_sentences

    model = load_model(tone_model.TARGET_MODEL)
    columns = tone_model._Columns(model.vocabulary)
    documents = [*load_corpus(None), *load_corpus("data/annotations/invented-news/articles.jsonl")]
    saved = tone_model._ID_COLUMNS.pop(id(model), None)
    try:
        checked = empty = 0
        for document in documents:
            cleaned = clean_text(document.raw_text)
            texts = list(dict.fromkeys(s.text for s in split_sentences(cleaned.text, cleaned.paragraphs)))
            texts.append("No valence here at all , zq1x zq2x ; zq3x")  # words no table has seen, no lexicon value
            texts += [
                "a\u00a0b  c\t'd' 1,000.5 x's é\u2003İstanbul ٣٤ \u200b z\u3000\U0001f600 ",
                "  ",
                "",
                "Don't—stop.",
            ]
            state = tone_model._new_document()
            state.add(texts)
            targets = []
            for row, text in enumerate(texts):
                targets += [(row, *match.span()) for match in re.finditer(r"\w[\w'’.-]*", text)]
                size = len(text)
                targets += [(row, 0, size), (row, 0, 0), (row, size, size), (row, 0, 1), (row, size - 1, size)]
                targets += [(row, min(2, size), min(9, size)), (row, size // 2, size // 2 + 1)]
            rows = [row for row, _, _ in targets]
            analysed = state.analysed
            spans = np.array([tone_model._target_tokens(analysed[r], s, e) for r, s, e in targets], dtype=np.int64)
            # the tokens of all targets at once (token offsets by numpy) are those of each target's own look
            items = [(texts[r], s, e) for r, s, e in targets]
            assert tone_model._target_spans(state, rows, items).tolist() == spans.tolist(), document.doc_id
            plain = [tone_model._context_row(analysed[r], s, e, columns) for r, s, e in targets]
            got = tone_model._context_logits(model, state, rows, spans.reshape(-1, 2))
            assert got.tobytes() == tone_model._column_logits(model, plain).tobytes(), document.doc_id
            checked += len(targets)
            empty += sum(row == {} for row in plain)
        assert checked > 3000 and empty > 100
        nothing = tone_model._context_logits(model, tone_model._new_document(), [], np.zeros((0, 2), np.int64))
        assert nothing.shape == (0, 3)
    finally:
        tone_model._ID_COLUMNS.pop(id(model), None)
        if saved is not None:
            tone_model._ID_COLUMNS[id(model)] = saved


def test_the_target_tokens_fall_back_to_each_targets_own_look(monkeypatch):
    # No token at all among the targets' sentences, or tokens that would not cover the non-space characters (here
    # made so by reading no character as white space): each target's tokens found on its own, the same.
    texts = ["He said: 'No,' and left.", "  ", ""]
    state = tone_model._new_document()
    state.add(texts)
    targets = [(0, 3, 7), (0, 0, 2), (0, 10, 12), (1, 0, 2), (2, 0, 0)]
    items = [(texts[r], s, e) for r, s, e in targets]
    rows = [r for r, _, _ in targets]
    expected = [list(tone_model._target_tokens(state.analysed[r], s, e)) for r, s, e in targets]
    assert expected[:3] == [[1, 2], [0, 1], [4, 5]]
    assert tone_model._target_spans(state, rows, items).tolist() == expected
    assert tone_model._target_spans(state, rows[3:], items[3:]).tolist() == expected[3:]
    monkeypatch.setattr(tone_model, "_spaces", lambda: np.zeros(0x3002, dtype=bool))
    assert tone_model._target_spans(state, rows, items).tolist() == expected
