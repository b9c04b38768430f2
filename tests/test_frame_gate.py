"""The frame matcher's gate: its shortcut for words that start nothing gives the entry candidates() would."""

from climadiplo.annotate.frames import _frame_keys, compile_lexicon, load_lexicon


def _entry_from_candidates(lexicon, word: str) -> tuple:
    """A gate entry built the long way: from every candidate term and the verb's frame keys."""
    terms = lexicon.candidates(word)
    verb = lexicon.verbs is not None and word in lexicon.verbs.forms
    return (terms, verb, *(_frame_keys(lexicon.verbs, word) if verb else (None, frozenset()))) if terms or verb else ()


def test_gate_entries_equal_the_candidates_entries() -> None:
    lexicon = load_lexicon()
    words = set(lexicon.by_first_word) | set(lexicon.verbs.forms) | set(lexicon.by_stem)
    words |= {stem + "x" for stem in lexicon.by_stem} | {stem[:-1] for stem in lexicon.by_stem}
    words |= {"", "a", "the", "x", "zzzq", "said", "allies", "peacefully", "wars"}
    fresh = compile_lexicon(lexicon.entries, lexicon.verbs, lexicon.senses, lexicon.contexts, lexicon.camps)
    assert any(fresh.gate[word] == () for word in words)  # the shortcut is taken
    assert any(fresh.gate[word] != () for word in words)
    for word in sorted(words):
        assert fresh.gate[word] == _entry_from_candidates(fresh, word), word


def test_gate_without_stems_or_verbs() -> None:
    lexicon = compile_lexicon((("cooperation", "joint venture", 1.0), ("conflict", "war*", 1.0)))
    assert lexicon.gate["joint"] != ()
    assert lexicon.gate["warring"] != ()
    assert lexicon.gate["wa"] == ()
    assert lexicon.gate["peace"] == ()
    plain = compile_lexicon((("cooperation", "joint venture", 1.0),))
    assert plain.gate["joint"] != () and plain.gate["venture"] == ()
