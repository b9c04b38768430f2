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


def test_a_quoted_transcript_splits_at_each_speakers_turn():
    text = (
        "The exchange went as follows:\n\n“HOST: Will you run again?\n\n“MAYOR: I have not decided.\n\n"
        "“We will see next year.”\n\nThe show ended there."
    )
    assert [text[span.start : span.end].rstrip() for span in quote_spans(text)] == [
        "HOST: Will you run again?",
        "MAYOR: I have not decided.\n\n“We will see next year.",
    ]


def test_one_speaker_quoted_over_paragraphs_stays_one_quotation():
    text = "She put it plainly: “We discussed wind.\n\n“We also discussed grids.”\n\nThe talks end Friday."
    [span] = quote_spans(text)
    assert span.reopened and text[span.start : span.end].endswith("grids.")


def test_a_curly_mark_does_not_continue_a_straight_quote_left_open():
    text = '"The crowd waited in the rain.\n\n“Here she comes,” a fan said.'
    assert inside(text) == ["Here she comes,"]


def test_a_quotation_left_open_before_a_new_mark_keeps_its_words_and_goes_on_after_it():
    text = (
        'The mayor tweeted, "Crews report that residents shouted "Thank you!" as the water came back." Then she left.'
    )
    assert inside(text) == ["Crews report that residents shouted ", "Thank you!", " as the water came back."]


def test_two_apostrophes_are_one_double_mark():
    text = "The mayor called it ''a win for the city,'' and added, ''We did not 'give up.' ''"
    assert inside(text) == ["a win for the city,", "We did not 'give up.' "]


def test_a_quotation_in_two_apostrophes_goes_on_into_the_next_paragraph():
    text = "''We will rebuild,'' the mayor said. ''It will take years.\n\n''But we start today.''\n\nShe left."
    spans = quote_spans(text)
    assert text[spans[0].start : spans[0].end] == "We will rebuild,"
    assert len(spans) == 2 and spans[1].reopened and text[spans[1].start : spans[1].end].endswith("today.")


def test_an_invisible_formatting_mark_before_a_quotation_mark_opens_it():
    text = "Readers replied.\n\n\u202a”Great speech, keep going!” wrote one of them."
    assert inside(text) == ["Great speech, keep going!"]


def test_a_quotation_reopened_over_paragraphs_is_kept_when_its_last_paragraph_is_not_closed():
    text = '"The board met twice.\n\n"It voted to close the plant.\n\n“We are sad,” a worker said.'
    assert [text[span.start : span.end] for span in quote_spans(text)] == [
        'The board met twice.\n\n"It voted to close the plant.',
        "We are sad,",
    ]
