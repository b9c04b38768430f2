"""The shared sentence tokens give each stage the tokens it would read itself, so sharing changes no score."""

from __future__ import annotations

import re

import pytest

from climadiplo.annotate import checkworthy_model, tone_model
from climadiplo.annotate.claims import annotate_claims
from climadiplo.annotate.sentiment import sentence_tones
from climadiplo.annotate.tokens import TOKEN, sentence_tokens
from climadiplo.read.clean import clean_text
from climadiplo.read.corpus import load_corpus
from climadiplo.read.segment import split_sentences

# Characters whose lower-casing is not A-Z's: a letter that lowers to ASCII (the Kelvin sign), one that grows
# (İ), a final sigma, accented capitals, a digit that \d does not match (²), typographic apostrophes.
TRICKY = [
    "The \u212aelvin scale, 20 \u212a, is Kelvin’s.",
    "İstanbul’s mayor said İ and i differ.",
    "ΟΔΥΣΣΕΥΣ met ΣΑΣ in Athens, 2,500.5 km away.",
    "Élysée officials told ÉDF it won’t pay 3,000 €.",
    "The area grew to 40 km² (x²) in 2020.",
    "Plain ASCII: they didn't say 1.5 or 12,000.",
    "",
    "   ",
    "“Quoted,” she said — ‘twice’.",
]


def _sentences() -> list[list[str]]:
    documents = [*load_corpus(None), *load_corpus("data/annotations/invented-news/articles.jsonl")]
    out = [TRICKY, *[[text] for text in TRICKY]]
    for document in documents:
        cleaned = clean_text(document.raw_text)
        out.append([sentence.text for sentence in split_sentences(cleaned.text, cleaned.paragraphs)])
    return out


DOCUMENTS = _sentences()


def test_the_tokens_are_tone_and_check_worthiness_own_tokens():
    for texts in DOCUMENTS:
        read = sentence_tokens(texts)
        for index, text in enumerate(texts):
            analysed = tone_model._analyse(text)
            # (tone masks the words of the lexicon's valence-0 phrases from its n-grams: tone_model.mask_neutral)
            lowered = tone_model.mask_neutral(read.lowered[index])
            assert (read.texts[index], read.tokens[index], lowered) == (
                analysed.text,
                analysed.tokens,
                analysed.lowered,
            )
            if read.folded[index] is not None:
                folded = checkworthy_model._numbers(read.folded[index], read.texts[index])
                assert folded == checkworthy_model._tokens(text), text


def test_lower_casing_that_changes_more_than_a_to_z_leaves_the_ranker_to_read_the_sentence():
    read = sentence_tokens(TRICKY)
    folded = [tokens is not None for tokens in read.folded]
    assert folded == [False, False, False, False, True, True, True, True, True]
    # where shared, the ranker's tokens are the lower-cased text's, not merely the lowered tokens' (Kelvin: no)
    assert checkworthy_model._tokens(TRICKY[0])[0] != [t for t in read.lowered[0]]


@pytest.mark.parametrize("texts", [TRICKY, DOCUMENTS[-1]])
def test_scores_are_the_same_with_the_shared_tokens(texts):
    read = sentence_tokens(texts)
    questions = [text.endswith("?") for text in texts]
    assert annotate_claims(texts, questions, read) == annotate_claims(texts, questions)
    assert sentence_tones(texts, read=read) == sentence_tones(texts)
    repeated = [*texts, *texts]  # a repeated sentence is scored once
    assert sentence_tones(repeated, read=sentence_tokens(repeated)) == sentence_tones(repeated)


def test_the_possessive_token_pattern_finds_the_plain_patterns_tokens():
    plain = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*|\d+(?:[.,]\d+)*|[^\sA-Za-z\d]")
    edges = ["don't'", "'tis", "it''s", "1.", "1.5.", "1,2,3,,4", "a1b2", "x'1", "9'a", "__--..", "l'été 2,5"]
    for text in [*edges, *(text for texts in DOCUMENTS for text in texts)]:
        text = text.replace("’", "'")
        assert TOKEN.findall(text) == plain.findall(text), text
        for start in range(0, len(text), 7):  # tone reads token counts of a slice with pos and endpos
            assert TOKEN.findall(text, 0, start) == plain.findall(text, 0, start)
