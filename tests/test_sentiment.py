"""Sentiment: the domain lexicon on invented sentences, and against plain VADER beyond the seeds."""

from __future__ import annotations

import pandas as pd
import pytest

from climadiplo.analyse.stats import macro_f1
from climadiplo.annotate.sentiment import VADER_NEUTRAL_BAND, domain_score, polarity, vader_score
from climadiplo.resources import data_path
from training.train_tone import TONE_SHEETS


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


# The learned tone model (the tables' default method).


def _invented() -> pd.DataFrame:
    return pd.read_csv(data_path("annotations", "invented-sentences.csv"))


def test_model_tone_is_bounded_and_its_label_agrees_with_its_sign():
    from climadiplo.annotate.sentiment import sentence_tones

    texts = [*_invented()["text"], "terrible awful disaster war retaliation " * 50, "", "A. B. C."]
    for score, label in sentence_tones(texts):
        assert -1.0 <= score <= 1.0
        assert label in (-1, 0, 1)
        assert label == 0 or (label > 0) == (score > 0)


def test_model_holds_up_on_invented_news():
    # Out of its training domain (US political news) the model is below the domain lexicon here
    # (macro-F1 0.63 against 0.81): a floor, so that a change that makes it worse fails.
    from climadiplo.annotate.sentiment import sentence_tones

    labelled = _invented()
    gold = labelled["sentiment"].tolist()
    ours = macro_f1(gold, [label for _, label in sentence_tones(labelled["text"].tolist())], (-1, 0, 1))
    print(f"invented set: model sentiment macro-F1 {ours:.3f}")
    assert ours >= 0.60


def test_lexicon_method_is_vader_with_the_domain_lexicon():
    from climadiplo.annotate.sentiment import mention_tones, sentence_tones

    texts = ["The standoff between the two capitals deepened.", "A thaw in relations is finally under way."]
    assert sentence_tones(texts, method="lexicon") == [
        (round(domain_score(t), 4), polarity(domain_score(t))) for t in texts
    ]
    assert mention_tones(texts, [(1, 0, 4)], method="lexicon") == [sentence_tones(texts, method="lexicon")[1]]
    with pytest.raises(ValueError, match="choose one of"):
        sentence_tones(texts, method="guess")


def test_tone_towards_a_target_depends_on_the_target():
    from climadiplo.annotate.sentiment import mention_tones

    text = "Smith praised the brave rescuers, while Jones was convicted of fraud and corruption."
    smith, jones = mention_tones([text], [(0, 0, 5), (0, text.index("Jones"), text.index("Jones") + 5)])
    assert smith[0] > jones[0]


def test_pronoun_mentions_take_the_target_tone_at_their_own_span(write):
    from climadiplo.annotate.sentiment import mention_tones
    from climadiplo.pipeline import build_tables
    from climadiplo.read.corpus import load_corpus

    text = "Maria Lopez spoke. She praised the brave rescuers, while critics accused him of fraud and corruption."
    tables = build_tables(load_corpus(write("corpus/a.txt", text + "\n").parent))
    sentence = tables["sentences"].iloc[1]
    pronouns = tables["mentions"][tables["mentions"]["actor_type"] == "pronoun"]
    assert pronouns["surface"].tolist() == ["She", "him"]
    spans = [
        (0, start - sentence["start"], end - sentence["start"])
        for start, end in zip(pronouns["start"], pronouns["end"], strict=True)
    ]
    assert [score for score, _ in mention_tones([sentence["text"]], spans)] == pronouns["sentiment_score"].tolist()
    she, him = pronouns["sentiment_score"]
    assert she > him  # the tone towards each, not the sentence's


def test_names_are_masked_before_the_lexicon_looks():
    from climadiplo.annotate.tone_model import tokenize, valences

    tokens = [token for token, _, _ in tokenize("The Security Council met the United Nations envoy.")]
    assert not any(valences(tokens))
    negated = [token for token, _, _ in tokenize("It does not decompose, straining the good soil.")]
    values = dict(zip(negated, valences(negated), strict=True))
    assert values["good"] > 0  # the negation stopped at the comma


_NEUTRAL_PHRASES = [
    "The bloc drew up a new list of critical raw materials.",
    "Canberra and Tokyo signed a pact on critical minerals.",
    "Engineers inspected critical infrastructure such as ports and pipelines.",
]
_CRITICAL = ["The auditors published a critical report on the ministry.", "Critics said the plan would fail."]


def test_words_of_a_neutral_phrase_are_masked_from_the_ngrams():
    from climadiplo.annotate.tone_model import mask_neutral, sentence_features, tone_lexicon

    assert tone_lexicon()[1][("critical", "raw", "materials")] == 0  # the domain lexicon's phrase of valence 0
    for text in _NEUTRAL_PHRASES:
        assert not any("critic" in name for name in sentence_features(text)), text
    for text in _CRITICAL:  # "critical" alone (or "critics") is no such phrase: its n-grams stay
        assert any("critic" in name for name in sentence_features(text)), text
    lowered = "a pact on critical minerals and critical voices".split()
    masked = mask_neutral(lowered)
    assert masked[3:5] != lowered[3:5] and masked[:3] + masked[5:] == lowered[:3] + lowered[5:]
    assert lowered[3] == "critical"  # the shared token list is not written to


def test_critical_minerals_are_neutral_and_critics_still_negative():
    from climadiplo.annotate.sentiment import sentence_tones

    # With the phrase masked, a sentence scores as it does without "critical" (the model trained this way: before,
    # each of these was ~0.11 more negative, the last one labelled negative); "critical" alone still reads negative.
    plain = [text.replace("critical ", "") for text in _NEUTRAL_PHRASES]
    tones = sentence_tones(_NEUTRAL_PHRASES + plain)
    for text, (score, label), (without, _) in zip(_NEUTRAL_PHRASES, tones, tones[len(plain) :], strict=False):
        assert label == 0 and abs(score - without) < 0.05, (text, score, without)
    for (score, _), text in zip(sentence_tones(_CRITICAL), _CRITICAL, strict=True):
        assert score < -0.2, (text, score)


def test_the_compound_reading_sees_names_and_negation_as_vader_does():
    from climadiplo.annotate.tone_model import sentence_features, tone_lexicon

    words, _ = tone_lexicon()
    assert words["hope"] > 0 and words["good"] > 0
    # "Hope" after the first word is masked as a name in the tallies, but VADER (and the compound) reads it.
    named = sentence_features("They met Hope Hicks on Monday.")
    assert "_lex_pos" not in named and named["_lex_compound"] > 0
    # A negation three tokens before a word turns its compound reading, whatever the clause marks.
    near, far = sentence_features("It is not a good plan."), sentence_features("It is not, in truth, a good plan.")
    assert near["_lex_compound"] < 0 < far["_lex_compound"]
    assert -1 < near["_lex_compound"] < 1


def test_quoted_words_are_tallied_apart():
    from climadiplo.annotate.tone_model import sentence_features

    quoted = sentence_features('He said the talks were "a disaster" for everyone.')
    assert quoted["_lexq_neg"] > 0 == quoted["_lexq_pos"]
    unquoted = sentence_features("He said the talks were a disaster for everyone.")
    assert not any(name.startswith("_lexq_") for name in unquoted)
    # A curly closing mark ends the quotation: the words after it are not quoted.
    closed = sentence_features("“We agree,” she said, calling it a disaster.")
    assert closed["_lexq_pos"] > 0 == closed["_lexq_neg"]


def test_every_mention_has_a_tone_unknown_names_too(seed_tables):
    mentions = seed_tables["mentions"]
    assert mentions["sentiment_score"].between(-1, 1).all()
    assert set(mentions["sentiment"]) <= {-1, 0, 1}
    assert (mentions["actor_type"] == "unknown").any()
    assert mentions.loc[mentions["actor_type"] == "unknown", "sentiment_score"].notna().all()


def test_shipped_tone_models_are_what_the_training_script_makes():
    import numpy as np

    from climadiplo.annotate.linear_model import load_model
    from training.train_tone import default_shared, fit_all

    shared = default_shared()
    if not (shared / "newsmtsc" / "train.jsonl").is_file():
        pytest.skip(f"{shared}/newsmtsc/train.jsonl is not beside this checkout")
    # The final fits only; the neutral bands come from the script's cross-validation (run it with --cv).
    for name, made in fit_all(shared).items():
        shipped = load_model(name)
        assert made.vocabulary == shipped.vocabulary, name
        np.testing.assert_allclose(np.float32(made.coef), shipped.coef, rtol=0, atol=1e-5)
        np.testing.assert_allclose(np.float32(made.intercept), shipped.intercept, rtol=0, atol=1e-5)


def test_the_sentiment_method_is_chosen_from_the_command_line(tmp_path):
    from climadiplo.cli import main
    from climadiplo.tables import read_tables

    for method in ("model", "lexicon"):
        options = ["--format", "csv", "--workers", "1", "--sentiment-method", method]
        assert main(["tables", "--out", str(tmp_path / method), *options]) == 0
    model, lexicon = read_tables(tmp_path / "model"), read_tables(tmp_path / "lexicon")
    sentences = lexicon["sentences"]
    assert sentences["sentiment_score"].tolist() == [round(domain_score(t), 4) for t in sentences["text"]]
    assert sentences["sentiment_score"].tolist() != model["sentences"]["sentiment_score"].tolist()
    # The lexicon method has no notion of a target: each mention gets its sentence's tone.
    merged = lexicon["mentions"].merge(sentences, on=["doc_id", "sentence"], suffixes=("", "_sentence"))
    assert (merged["sentiment_score"] == merged["sentiment_score_sentence"]).all()
    assert len(lexicon["mentions"]) == len(model["mentions"])


def test_an_unknown_sentiment_method_is_one_clear_error(tmp_path, capsys):
    from climadiplo.cli import main
    from climadiplo.errors import InputError
    from climadiplo.pipeline import build_tables
    from climadiplo.read.corpus import load_corpus

    with pytest.raises(InputError, match="--sentiment-method guess: choose one of model, lexicon"):
        build_tables(load_corpus(), sentiment_method="guess")
    with pytest.raises(SystemExit) as exit_status:
        main(["tables", "--out", str(tmp_path / "out"), "--sentiment-method", "guess"])
    assert exit_status.value.code == 2
    assert "invalid choice: 'guess'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "text,target",
    [
        ("Critics said Clinton's plan would not work, but Sanders praised it.", "Clinton"),
        ("Critics said Clinton's plan would not work, but Sanders praised it.", "Sanders"),
        ("The 1,000 protesters didn't cheer O'Neil at all.", "O'Neil"),
        ("Smith praised the brave rescuers.", "Smith"),
        ("A deal, signed by Ruto; a win.", "Ruto"),
    ],
)
def test_the_fast_target_tone_is_the_model_over_all_its_features(text, target, monkeypatch):
    import numpy as np

    from climadiplo.annotate import tone_model
    from climadiplo.annotate.linear_model import load_model
    from climadiplo.annotate.tone_model import TARGET_MODEL, _tones, sentence_tones, target_features, target_tones

    start = text.index(target)
    spans = [(start, start + len(target)), (start + 1, start + len(target) - 1)]  # and one inside the word
    model = load_model(TARGET_MODEL)
    with monkeypatch.context() as patched:  # every offset by the token offsets, not by counting tokens before it
        patched.setattr(tone_model, "_splits_token", lambda text, position: True)
        direct = _tones(model, model.predict_proba([target_features(text, s, e) for s, e in spans]))
    items = [(text, s, e) for s, e in spans]
    sentence_tones(["An unrelated sentence."])
    cold = target_tones(items)  # its sentence not read yet
    sentence_tones([text])
    assert cold == target_tones(items) == direct
    assert np.isfinite([score for score, _ in direct]).all()


@pytest.mark.parametrize(
    "text",
    ["He said: ’No,’ and left.", "a\u00a0b  c\t’d’ 1,000.5 x’s é\u2003İstanbul ٣٤ \u200b z ", "  ", "", "Don't—stop."],
)
def test_token_offsets_are_the_token_patterns_matches(text):
    from climadiplo.annotate.tone_model import _TOKEN, _analyse

    analysed = _analyse(text)
    assert analysed.spans() == [m.span() for m in _TOKEN.finditer(analysed.text)]
    assert [analysed.text[a:b] for a, b in analysed.spans()] == analysed.tokens


def test_the_fast_context_columns_are_the_context_features():
    import numpy as np

    from climadiplo.annotate import tone_model
    from climadiplo.annotate.linear_model import load_model

    model = load_model(tone_model.TARGET_MODEL)
    text = "But Smith, who never liked the deal, said Smith and the United Nations failed badly."
    analysed = tone_model._analyse(text)
    targets = [(0, 3), (4, 9), (42, 47), (56, 70), (0, len(text)), (80, 85)]
    columns = tone_model._Columns(model.vocabulary)
    rows = [tone_model._context_row(analysed, start, end, columns) for start, end in targets]
    named = [tone_model._context_features(analysed, start, end) for start, end in targets]
    assert all(rows) and len(rows[4]) > len(rows[1])
    assert np.array_equal(tone_model._column_logits(model, rows), tone_model._logits(model, named))


def test_shipped_common_words_are_what_the_training_script_makes():
    from climadiplo.annotate.linear_model import MODELS_DIR
    from training.train_tone import COMMON_WORDS, common_words, default_shared, read_jsonl

    path = default_shared() / "newsmtsc" / "train.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} is not beside this checkout")
    shipped = (MODELS_DIR / COMMON_WORDS).read_text(encoding="utf-8").split("\n")
    assert shipped == [*common_words(read_jsonl(path)), ""]


def test_the_target_model_reads_the_targets_own_words():
    # Who the target is ("he", "the ad", a name) is a feature of the tone towards it, beside its context's words.
    from climadiplo.annotate.tone_model import IDENTITY_WEIGHT, target_features

    text = "Critics said the new ad unfairly attacks Smith."
    start = text.index("the new ad")
    features = target_features(text, start, start + len("the new ad"))
    assert {name for name in features if name.startswith("T=")} == {"T=the", "T=new", "T=ad"}
    assert features["T=ad"] == pytest.approx(IDENTITY_WEIGHT / 3**0.5)
    assert "T=smith" not in features and "T=smith" not in target_features(text, start, start + 3)


def test_the_seed_interval_resamples_whole_paragraphs():
    import numpy as np

    from training.train_tone import _seed_interval, macro_f1

    seeds = [{"doc_id": "a", "paragraph": k // 3} for k in range(30)]
    gold = np.array([-1, 0, 1] * 10)
    assert _seed_interval(seeds, gold, gold) == (1.0, 1.0)
    predicted = gold.copy()
    predicted[::4] = 0  # some wrong: the interval spans the figure and is not a point
    low, high = _seed_interval(seeds, gold, predicted)
    assert low < macro_f1(gold, predicted) < high <= 1.0


def test_a_row_of_weight_zero_is_not_trained_on():
    import numpy as np

    from training.train_tone import fit

    rows = [{"good": 1.0}, {"bad": 1.0}, {"fine": 1.0}, {"good": 1.0, "fine": 1.0}, {"bad": 1.0, "odd": 1.0}]
    rows += [{"bad": 1.0, "odd": 1.0}, {"good": 1.0}, {"bad": 1.0}, {"fine": 1.0}]
    y = [1, -1, 0, 1, -1, 1, 1, -1, 0]
    without = fit(rows[:5] + rows[6:], y[:5] + y[6:], 1.0)
    zero = fit(rows, y, 1.0, weights=[1.0] * 5 + [0.0] + [1.0] * 3)
    assert zero.vocabulary == without.vocabulary
    np.testing.assert_allclose(zero.coef, without.coef)
    heavier = fit(rows, y, 1.0, weights=[1.0] * 5 + [3.0] + [1.0] * 3)
    assert not np.allclose(heavier.intercept, zero.intercept)  # a weight moves the fit


@pytest.mark.parametrize("parts", TONE_SHEETS, ids=lambda parts: parts[-1])
def test_the_tone_sheet_matches_the_corpus_and_the_codebook_labels(parts):
    import csv

    from climadiplo.resources import data_path
    from training.train_tone import default_shared, load_tone_sheet

    with data_path(*parts).open(encoding="utf-8") as handle:
        sheet = list(csv.DictReader(handle))
    assert "text" not in sheet[0]  # PolNeAR text stays out of the repository
    assert {row["sentiment"] for row in sheet} == {"-1", "0", "1"}
    assert {row["unsure"] for row in sheet} == {"0", "1"}
    keys = [(row["doc_id"], int(row["sentence"])) for row in sheet]
    assert keys == sorted(set(keys))
    shared = default_shared()
    if not (shared / "polnear" / "corpus.jsonl").is_file():
        pytest.skip(f"{shared}/polnear/corpus.jsonl is not beside this checkout")
    read = load_tone_sheet(shared, (parts,))  # exits naming the sheet when a row matches no sentence
    assert len(read) == len(sheet) and all(len(row["text"].split()) >= 4 for row in read)
    assert {row["sheet"] for row in read} == {parts[-1]}


def test_the_tone_sheets_code_no_sentence_twice():
    import csv

    from climadiplo.resources import data_path

    keys = []
    for parts in TONE_SHEETS:
        with data_path(*parts).open(encoding="utf-8") as handle:
            keys += [(row["doc_id"], row["sentence"]) for row in csv.DictReader(handle)]
    assert len(keys) == len(set(keys))


# Each second coding (data/annotations/tone-dev/CODING-NOTES-coder2.md) and the sheet whose rows it re-codes.
CODER2_SHEETS = {"train-tone-coder2.csv": "train-tone.csv", "train-tone2-coder2.csv": "train-tone2.csv"}


def _read_tone_sheet(name: str) -> list[dict]:
    import csv

    with data_path("annotations", "tone-dev", name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_second_codings_re_code_rows_of_the_first_sheets_and_are_not_trained_on():
    assert not set(CODER2_SHEETS) & {parts[-1] for parts in TONE_SHEETS}  # agreement data, never training data
    for second, first in CODER2_SHEETS.items():
        rows, firsts = _read_tone_sheet(second), {(r["doc_id"], r["sentence"]): r for r in _read_tone_sheet(first)}
        keys = [(row["doc_id"], int(row["sentence"])) for row in rows]
        assert keys == sorted(set(keys))
        assert {row["sentiment"] for row in rows} == {"-1", "0", "1"} and {row["unsure"] for row in rows} == {"0", "1"}
        for row in rows:  # the same sentence (its offsets and text hash), another coder
            original = firsts[(row["doc_id"], row["sentence"])]
            same = ("start", "end", "text_sha1", "stratum", "weight")
            assert [row[k] for k in same] == [original[k] for k in same] and row["coder"] != original["coder"]


def test_the_second_codings_agreement_is_the_one_their_notes_give():
    import numpy as np

    first, second = [], []
    for name_2, name_1 in CODER2_SHEETS.items():
        codes = {(r["doc_id"], r["sentence"]): int(r["sentiment"]) for r in _read_tone_sheet(name_1)}
        for row in _read_tone_sheet(name_2):
            first.append(codes[(row["doc_id"], row["sentence"])])
            second.append(int(row["sentiment"]))
    a, b = np.asarray(first), np.asarray(second)
    expected = sum(np.mean(a == c) * np.mean(b == c) for c in (-1, 0, 1))
    kappa = (np.mean(a == b) - expected) / (1 - expected)
    notes = data_path("annotations", "tone-dev", "CODING-NOTES-coder2.md").read_text(encoding="utf-8")
    assert f"| all {len(a)} (unsure rows included, as coded) | {len(a)} | {kappa:.3f} |" in notes


def test_sheet_weights_are_one_for_all_or_one_per_sheet(capsys):
    from training.train_tone import sheet_weights

    names = [parts[-1] for parts in TONE_SHEETS]
    assert sheet_weights("2") == dict.fromkeys(names, 2.0)
    assert sheet_weights(",".join(str(i) for i in range(len(names)))) == {n: float(i) for i, n in enumerate(names)}
    for bad in ("-1", "1," * len(names) + "1", "x", "1,x", "", "nan", "inf", "1,,1"):
        with pytest.raises(SystemExit) as exit_:
            sheet_weights(bad)
        assert exit_.value.code == 2
        assert "--sheet-weight" in capsys.readouterr().err
    from training.train_tone import main

    with pytest.raises(SystemExit) as exit_:  # the command line too: one line before anything is read or written
        main(["--sheet-weight", "x", "--no-write"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        f"--sheet-weight x: give one weight of 0 or more, or one per sheet ({len(names)})"
    ]


def test_a_sheet_row_marked_unsure_trains_at_a_share_of_its_sheets_weight():
    from training.train_tone import TONE_UNSURE_SHARE, sheet_row_weight

    weights = {"a.csv": 2.0, "b.csv": 0.0}
    assert sheet_row_weight({"sheet": "a.csv", "unsure": "0"}, weights) == 2.0
    assert sheet_row_weight({"sheet": "a.csv", "unsure": "1"}, weights) == 2.0 * TONE_UNSURE_SHARE
    assert sheet_row_weight({"sheet": "b.csv", "unsure": "1"}, weights) == 0.0  # a sheet at 0 stays out of every fit


def test_the_seed_convention_notes_quote_the_seed_gold_and_count_it():
    """Every row of the reported-speech tables in SEED-CONVENTION-reported-speech.md names a seed sentence whose
    words it quotes and whose gold tone it gives, and its counts are those of the table (so a gold revision or a
    mistyped row shows)."""
    import json
    import re

    gold = {}
    with data_path("annotations", "seed-gold", "sentences.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            gold[(row["doc_id"].split("-")[0], row["sentence"])] = row
    notes = data_path("annotations", "tone-dev", "SEED-CONVENTION-reported-speech.md").read_text(encoding="utf-8")
    plain = re.compile(r"[\"'“”‘’]")  # quotation marks and apostrophes differ between the notes and the text
    rows = re.findall(r"^\| (ucla|time) (\d+) \| (.+?) \| ([+-]?\d) \| (.+?) \| (yes|no) \|$", notes, re.M)
    assert len(rows) == 8
    for doc, number, quoted, code, _rule2, _same in rows:
        sentence = gold[(doc, int(number))]
        assert int(code) == sentence["sentiment"]
        for fragment in filter(None, (part.strip(" ()") for part in plain.sub("", quoted).split("..."))):
            assert fragment in plain.sub("", sentence["text"]), (doc, number, fragment)
    same = sum(row[-1] == "yes" for row in rows)
    assert f"the gold follows rule 2 in **{same}** and codes 0 in **{len(rows) - same}**" in notes
    assert all(gold[(doc, int(n))]["sentiment"] == 0 for doc, n, *_, s in rows if s == "no")
    neutral, subordinate = notes.split("both readings give 0")[1].split("## Counts")[0].split("Attribution in a")
    neutral = re.findall(r"(ucla|time)\s(\d+)\s\(", neutral)
    assert len(neutral) == 8 and all(gold[(d, int(n))]["sentiment"] == 0 for d, n in neutral)  # "gold 0 for all"
    assert f"Neutral content: {len(neutral)} (gold 0 in all" in notes
    subordinate = re.findall(r"(ucla|time)\s(\d+)\s\(.+?gold ([+-]\d)", subordinate, re.S)
    assert f"Toned content under rule 2: **{len(rows)}**" in notes and len(subordinate) == 2
    assert f"- {len(rows) + len(neutral) + len(subordinate)} seed sentences hold reported speech" in notes
    for doc, number, code in subordinate:
        assert gold[(doc, int(number))]["sentiment"] == int(code)
