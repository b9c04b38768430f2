"""A fresh-clone review's findings (session 9): metadata keys, month-day dates, small-n sentences, emphasis, edges.

Every input here is invented for the test.
"""

from __future__ import annotations

import json
import warnings
from datetime import date

import matplotlib
import pandas as pd
import pytest

from climadiplo.annotate.events import find_events
from climadiplo.cli import main
from climadiplo.errors import InputError
from climadiplo.pipeline import build_tables
from climadiplo.present import plots, reading
from climadiplo.present.selection import unnamed_actors
from climadiplo.read.clean import clean_text
from climadiplo.read.corpus import CorpusKeysWarning, load_corpus, open_corpus
from climadiplo.read.html import extract_article

matplotlib.use("Agg")

BODY = "The ministers of Ruritania and Freedonia met on Monday. They agreed to meet again, officials said."


def write_jsonl(path, *records: dict) -> None:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")


# 1. JSONL keys the reader does not know, and catalogue dates


def test_jsonl_aliases_are_read_as_fields_with_one_note_and_unknown_keys_are_named_once(tmp_path):
    corpus = tmp_path / "news.jsonl"
    write_jsonl(
        corpus,
        {"doc_id": "b", "text": BODY, "date": "2024-03-05", "source": "Daily Ruritanian", "url": "http://x.example"},
        {"doc_id": "a", "text": BODY, "date": "2024-03-06", "lang": "en"},
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        documents = list(open_corpus(corpus))  # two passes over the file: still one warning of each
    assert [(d.doc_id, d.published, d.outlet) for d in documents] == [
        ("a", "2024-03-06", None),
        ("b", "2024-03-05", "Daily Ruritanian"),
    ]
    messages = [str(w.message) for w in caught if issubclass(w.category, CorpusKeysWarning)]
    assert len(messages) == 2, messages
    assert "'date' as 'published'" in messages[0] and "'source' as 'outlet'" in messages[0]
    assert "ignored 2 key(s)" in messages[1] and "'lang', 'url'" in messages[1]
    assert all("\n" not in message and str(corpus) in message for message in messages)


def _load_one_with_key_warnings(corpus):
    """The one document of a corpus and the key warnings its reading gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        (document,) = load_corpus(corpus)
    return document, [str(w.message) for w in caught if issubclass(w.category, CorpusKeysWarning)]


def test_a_jsonl_alias_beside_its_field_is_ignored_and_a_bad_alias_date_names_the_alias(tmp_path):
    corpus = tmp_path / "news.jsonl"
    write_jsonl(corpus, {"doc_id": "a", "text": BODY, "published": "2024-01-02", "date": "2023-12-31"})
    document, messages = _load_one_with_key_warnings(corpus)
    assert document.published == "2024-01-02"
    # The reader knows 'date': it is not read because the field itself is given, not a key it does not know.
    assert messages == [f"{corpus}: ignored the alias(es) 'date' ('published' is given)"], messages
    write_jsonl(corpus, {"doc_id": "a", "text": BODY, "date": "2024-01-02", "pub_date": "2023-12-31"})
    document, messages = _load_one_with_key_warnings(corpus)
    assert document.published == "2024-01-02"
    assert messages[1:] == [f"{corpus}: ignored the alias(es) 'pub_date' ('published' is given)"], messages
    write_jsonl(corpus, {"doc_id": "a", "text": BODY, "date": "15/10/2025"})
    with pytest.raises(InputError, match=r"news\.jsonl:1: 'date' '15/10/2025' is not a date"):
        load_corpus(corpus)


def test_known_keys_only_give_no_warning(tmp_path):
    corpus = tmp_path / "news.jsonl"
    write_jsonl(corpus, {"doc_id": "a", "text": BODY, "published": "2024-01-02", "outlet": "X", "is_html": False})
    with warnings.catch_warnings():
        warnings.simplefilter("error", CorpusKeysWarning)
        assert load_corpus(corpus)[0].outlet == "X"


def test_a_catalogue_date_is_checked_like_a_jsonl_date(tmp_path, capsys):
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "one.txt").write_text(BODY, encoding="utf-8")
    (folder / "corpus.csv").write_text("doc_id,file,published\none,one.txt,15/10/2025\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["tables", "--corpus", str(folder), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "corpus.csv:2: 'published' '15/10/2025' is not a date" in err
    assert not out.exists()
    (folder / "corpus.csv").write_text("doc_id,file,published\none,one.txt,2025-10-15\n", encoding="utf-8")
    assert load_corpus(folder)[0].published == "2025-10-15"


# 2. Month and day without a year: the occurrence nearest the reference date


@pytest.mark.parametrize(
    ("sentence", "reference", "expected"),
    [
        ("The White House said the pause would last until March 4.", "2025-02-04", "2025-03-04"),
        ("The rules are due to take effect on January 1.", "2025-10-15", "2026-01-01"),
        ("The talks resume on January 5.", "2025-12-20", "2026-01-05"),
        ("The talks broke down on December 28.", "2026-01-03", "2025-12-28"),
        ("The summit opens on 4 March.", "2025-12-20", "2026-03-04"),
        ("It was signed on the 30th of December.", "2026-01-02", "2025-12-30"),
        ("Ministers met on December 31.", "2025-12-31", "2025-12-31"),
        ("The vote was held on February 29.", "2025-02-01", "2024-02-29"),  # no 29th in 2025 or 2026
        # Half a year either way (2023-07-01 and 2024-07-01 are 183 days off): the tense decides.
        ("The deal took effect on July 1.", "2023-12-31", "2023-07-01"),
        ("The deal will take effect on July 1.", "2023-12-31", "2024-07-01"),
    ],
)
def test_month_day_without_a_year_is_the_nearest_such_day(sentence, reference, expected):
    (event,) = find_events(sentence, 0, date.fromisoformat(reference))
    assert (event.date, event.precision) == (expected, "day")


@pytest.mark.parametrize(
    "sentence",
    [
        "In March 12 countries signed the pact.",
        "Exports reached March 12,000 tonnes.",
        "Prices rose by March 5% a year.",
        "The vote was set for February 30.",
    ],
)
def test_a_number_after_a_month_is_not_always_a_day(sentence):
    assert [event.date for event in find_events(sentence, 0, date(2025, 6, 1)) if event.precision == "day"] == []


def test_a_month_day_with_a_year_or_without_a_reference_date_is_unchanged():
    (event,) = find_events("They met on March 4, 2019.", 0, date(2025, 6, 1))
    assert event.date == "2019-03-04"
    assert find_events("They met on March 4.", 0, None) == []


# 3. Sentences of reading: one article per group, the sides named


def test_a_change_between_single_articles_has_no_interval_and_no_verdict():
    change = {
        "frame": "competition",
        "from": "2024-10",
        "to": "2025-10",
        "difference": -0.49,
        "ci_low": -0.49,
        "ci_high": -0.49,
        "n_articles_a": 1,
        "n_articles_b": 1,
    }
    text = reading.largest_change(change, "month")
    assert "one article per month: no interval" in text and "95% CI" not in text and "excludes" not in text
    wide = reading.largest_change(
        {**change, "n_articles_a": 6, "n_articles_b": 5, "ci_low": -0.6, "ci_high": -0.3}, "month"
    )
    assert "95% CI" in wide and "excludes no change" in wide
    best = {**change, "group": "Daily Ruritanian", "difference": 0.3, "ci_low": 0.3, "ci_high": 0.3}
    assert "no interval" in reading.most_different(best, "outlet")


def shares_table(share: float, n_articles: int, n_sentences: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "frame": ["cooperation", "competition", "conflict"],
            "share": [share, 0.1, 0.1],
            "ci_low": [share, 0.1, 0.1],
            "ci_high": [share, 0.1, 0.1],
            "n_articles": n_articles,
            "n_sentences": n_sentences,
        }
    )


def test_the_relationship_sentence_names_the_sides_and_says_when_one_article_gives_no_interval():
    overall = shares_table(0.2, 40, 900)
    one = reading.relationship_gap(overall, shares_table(1.0, 1, 1), ["Ruritania", "Freedonia"])
    assert one.startswith("In the one sentence that names actors of the sides Freedonia and Ruritania")
    assert "one article: no interval" in one and "95% CI" not in one
    many = reading.relationship_gap(overall, shares_table(0.6, 30, 80), ["Ruritania", "Freedonia"])
    assert "In the 80 sentences that name actors of the sides" in many and "95% CI 60.0%–60.0%" in many
    none = shares_table(0.0, 0, 0)
    assert "Freedonia and Ruritania" in reading.relationship_gap(overall, none, ["Ruritania", "Freedonia"])
    assert "two sides" in reading.relationship_gap(overall, shares_table(0.6, 30, 80))


# 4. Markdown emphasis around furniture


def test_emphasised_byline_and_footer_are_furniture_and_the_author_is_kept():
    raw = (
        "# Ruritania and Freedonia talk\n\n*By Ann Lee*\n\n"
        "Ruritania and Freedonia held talks on Tuesday, officials said.\n\n"
        "**The talks will resume in May, the ministry said.**\n\n_Write to Ann Lee at ann@example.org_"
    )
    cleaned = clean_text(raw)
    assert cleaned.author == "Ann Lee"
    assert "Write to" not in cleaned.text and "By Ann" not in cleaned.text
    assert "resume in May" in cleaned.text  # emphasis alone does not make a sentence furniture
    assert [removed.kind for removed in cleaned.removed] == ["title", "byline", "byline"]


# 5. Rough edges


def test_actor_tone_axis_says_mention_tone_and_one_quote_is_singular():
    summary = pd.DataFrame({"actor": ["Ruritania"], "mean_sentiment": [0.2], "n_sentences": [3]})
    axis = plots.actor_sentiment(summary).axes[0]
    assert "mentions" in axis.get_xlabel() and "compound" not in axis.get_xlabel()
    voices = pd.DataFrame({"voice": ["Ann Lee"], "kind": ["speaker"], "share": [0.1], "words": [12], "n_quotes": [1]})
    notes = [text.get_text() for text in plots.voice_shares(voices).axes[0].texts]
    assert any(note.endswith("· 1 quote") for note in notes), notes


def tiny_corpus(tmp_path):
    corpus = tmp_path / "news.jsonl"
    write_jsonl(
        corpus,
        {"doc_id": "a", "text": BODY, "published": "2024-03-05"},
        {"doc_id": "b", "text": "China and India met on Friday. They said talks went well.", "published": "2024-03-06"},
    )
    return corpus


def test_code_export_says_how_many_sentences_it_wrote(tmp_path, capsys):
    corpus = tiny_corpus(tmp_path)
    assert main(["code", "export", "--corpus", str(corpus), "--out", str(tmp_path / "s.csv"), "--sample", "100"]) == 0
    written = len(pd.read_csv(tmp_path / "s.csv"))
    assert written < 100 and f"all {written} sentences (fewer than --sample 100)" in capsys.readouterr().out


def test_code_agree_leaves_out_and_names_rows_of_sentences_the_corpus_does_not_have(tmp_path, capsys):
    corpus = tiny_corpus(tmp_path)
    assert main(["code", "export", "--corpus", str(corpus), "--out", str(tmp_path / "s.csv")]) == 0
    sheet = pd.read_csv(tmp_path / "s.csv")
    sheet[["cooperation", "competition", "conflict"]] = 0
    sheet["coder"] = "me"
    extra = sheet.iloc[:1].assign(doc_id="not_in_corpus")
    pd.concat([extra, sheet]).to_csv(tmp_path / "coded.csv", index=False)
    capsys.readouterr()
    assert main(["code", "agree", str(tmp_path / "coded.csv"), "--corpus", str(corpus)]) == 0
    out, err = capsys.readouterr()
    assert "coded.csv:2: left out 1 coded row(s)" in err and "not_in_corpus" in err
    alpha = [line for line in out.splitlines() if "krippendorff_alpha" in line]
    assert alpha and all(line.split()[-1] == str(len(sheet)) for line in alpha)


def test_an_actors_filter_no_sentence_names_is_explained():
    (narnia,) = unnamed_actors(("China", "Narnia"), {"China"})
    assert "'Narnia'" in narnia and "not an actor of data/actors.csv" in narnia
    (eu,) = unnamed_actors(("EU",), {"China"})
    assert "a name of 'European Union'" in eu
    # The gazetteer keys its aliases accents folded; a name written with its accents is still known.
    (erdogan,) = unnamed_actors(("Recep Tayyip Erdoğan",), {"China"})
    assert "a name of 'Recep Tayyip Erdogan'" in erdogan
    (india,) = unnamed_actors(("India",), {"China"})
    assert "an actor of data/actors.csv this corpus does not name" in india
    assert unnamed_actors((), {"China"}) == [] and unnamed_actors(("China",), {"China"}) == []


def test_an_empty_selection_says_so_rather_than_that_no_sentence_has_a_cue():
    empty = pd.DataFrame(columns=["frame", "share", "ci_low", "ci_high", "n_articles", "n_sentences"])
    assert "its filters (actors, outlets, dates) match none" in reading.biggest_frame(empty)
    assert "carry a cooperation" in reading.biggest_frame(shares_table(0.0, 3, 20).assign(share=0.0))


def test_run_with_an_unknown_actor_warns_and_still_runs(tmp_path, capsys):
    out = tmp_path / "run"
    corpus = tiny_corpus(tmp_path)
    args = ["run", "--corpus", str(corpus), "--out", str(out), "-p", "actors", "Narnia", "--only", "05"]
    assert main([*args, "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert (
        "climadiplo: warning: parameter actors: no sentence names 'Narnia'" in err and "(the selection is empty)" in err
    )
    summary = json.loads((out / "values" / "05-summary.json").read_text(encoding="utf-8"))
    assert "match none" in summary["reading"][0]


PAGE = """<html><head><title>Talks resume</title>
<meta property="og:site_name" content="The Ruritanian Ledger">
<meta property="article:published_time" content="2025-02-04T09:30:00Z"></head>
<body><article><h1>Talks resume</h1>
<p>Ruritania and Freedonia agreed on Monday to resume talks on their shared river, the two foreign ministries said.</p>
<p>The ministers will meet again in the spring to discuss water quotas and the building of a new dam.</p>
</article></body></html>"""


def test_an_html_page_site_name_becomes_the_outlet(tmp_path):
    assert extract_article(PAGE, "page.html").outlet == "The Ruritanian Ledger"
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    documents = build_tables(load_corpus(tmp_path))["documents"]
    assert documents["outlet"].tolist() == ["The Ruritanian Ledger"]


def test_code_agree_on_a_sheet_of_another_corpus_is_one_line_naming_the_sheet(tmp_path, capsys):
    corpus = tiny_corpus(tmp_path)
    assert main(["code", "export", "--corpus", str(corpus), "--out", str(tmp_path / "s.csv")]) == 0
    sheet = pd.read_csv(tmp_path / "s.csv").assign(coder="me", cooperation=0, competition=0)
    sheet["doc_id"] = "elsewhere-" + sheet["doc_id"]
    sheet.assign(conflict=0).to_csv(tmp_path / "other.csv", index=False)
    capsys.readouterr()
    assert main(["code", "agree", str(tmp_path / "other.csv"), "--corpus", str(corpus)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert (
        err[-1].startswith("climadiplo: ") and "other.csv: none of its" in err[-1] and "Traceback" not in "".join(err)
    )
