"""Quoted stretches found by quotemarks.quote_spans on marks as real web text types them (invented sentences)."""

from __future__ import annotations

from climadiplo.annotate.quotemarks import quote_spans


def inside(text: str) -> list[str]:
    return [text[span.start : span.end] for span in quote_spans(text)]


def test_a_left_mark_typed_where_a_right_one_belongs_still_closes():
    text = "The mayor promised a “swift repair“ of the old bridge and called the delay “regrettable.“ Then she left."
    assert inside(text) == ["swift repair", "regrettable."]


def test_a_right_mark_typed_where_a_left_one_belongs_still_opens():
    text = "The panel said the plan ”needs more money” before winter."
    assert inside(text) == ["needs more money"]


def test_a_no_break_space_before_a_straight_mark_opens_it():
    text = 'The coach said,\u00a0"We trained hard." He smiled.'
    assert inside(text) == ["We trained hard."]
