"""Sentiment: the domain lexicon on invented sentences, and against plain VADER beyond the seeds."""

from __future__ import annotations

import pandas as pd
import pytest

from climadiplo.analyse.stats import macro_f1
from climadiplo.annotate.sentiment import VADER_NEUTRAL_BAND, domain_score, polarity, vader_score
from climadiplo.resources import data_path


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("The standoff between the two capitals deepened.", -1),
        ("A thaw in relations is finally under way.", 1),
        ("China suspended talks in retaliation for the visit.", -1),
        ("The sticking points remain unresolved.", -1),
        ("They announced a new partnership on methane.", 1),
        ("Global warming is accelerating.", -1),
        ("The delegation arrived in Geneva on Monday.", 0),
    ],
)
def test_domain_vocabulary(sentence, expected):
    assert polarity(domain_score(sentence)) == expected


def test_vader_alone_gets_the_domain_words_wrong():
    # The reason for the lexicon: VADER reads "warming" as warm feelings and knows no "standoff".
    assert vader_score("The warming of relations continued.") > 0
    assert vader_score("The standoff continued.") == 0


def test_scores_are_bounded_and_saturate_with_the_right_sign():
    # VADER's normalisation keeps long texts inside [-1, 1]; a pile of one polarity comes close to its end.
    assert -1 <= domain_score("terrible awful disaster war retaliation " * 50) < -0.95
    assert 0.95 < domain_score("wonderful great partnership success breakthrough " * 50) <= 1


def test_better_than_plain_vader_on_invented_news():
    labelled = pd.read_csv(data_path("annotations", "invented-sentences.csv"))
    gold = labelled["sentiment"].tolist()
    ours = macro_f1(gold, [polarity(domain_score(t)) for t in labelled["text"]], (-1, 0, 1))
    vader = macro_f1(gold, [polarity(vader_score(t), VADER_NEUTRAL_BAND) for t in labelled["text"]], (-1, 0, 1))
    print(f"invented set: sentiment macro-F1 {ours:.3f} (VADER {vader:.3f})")
    assert ours > vader


def test_fast_vader_scores_exactly_like_vader():
    from climadiplo.analyse.evaluate import load_gold
    from climadiplo.annotate.sentiment import FastVader, plain_vader

    fast = FastVader()
    texts = (
        load_gold()["sentences"]["text"].tolist()
        + pd.read_csv(data_path("annotations", "invented-sentences.csv"))["text"].tolist()
    )
    texts += ["It is not so bad.", "Never so good.", "Without doubt great.", "Isn't this nice", "not at all good"]
    for text in texts:
        assert fast.polarity_scores(text) == plain_vader().polarity_scores(text), text


def test_shortcut_for_sentences_without_lexicon_words_changes_no_score():
    from climadiplo.analyse.evaluate import load_gold
    from climadiplo.annotate.sentiment import _domain_analyzer

    analyzer, pattern, phrases = _domain_analyzer()
    texts = [*load_gold()["sentences"]["text"].tolist(), "The delegation arrived in Geneva on Monday.", "A. B. C."]
    for text in texts:
        prepared = pattern.sub(lambda m: phrases[m.group().lower()], text.replace("’", "'"))
        assert domain_score(text) == analyzer.polarity_scores(prepared)["compound"], text
