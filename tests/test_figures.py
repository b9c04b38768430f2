"""Every figure stays readable and within the size cap on a generated 1,000-article corpus, and on empty input."""

from __future__ import annotations

import inspect

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from PIL import Image

from climadiplo.analyse import aggregates, shares
from climadiplo.annotate.frames import FRAMES
from climadiplo.present import figures, plots

N_BOOT = 100
# Text from the data with every mathtext character: it must be drawn as written, never parsed.
ODD = "the $8.5 billion of the $21 billion, 40% of x_1^2"


def generated_tables(n_articles: int = 1000, seed: int = 0) -> dict[str, pd.DataFrame]:
    """Invented tables of the declared shape: many outlets, months, actors, speakers and events."""
    rng = np.random.default_rng(seed)
    outlets = [f"outlet {i:02d}" for i in range(24)] + [f"{ODD} outlet"]
    doc_ids = [f"doc{i:04d}" for i in range(n_articles)]
    years = rng.integers(2005, 2021, n_articles)
    months = rng.integers(1, 13, n_articles)
    documents = pd.DataFrame(
        {
            "doc_id": doc_ids,
            "title": [f"Title {i} {ODD}" for i in range(n_articles)],
            "outlet": rng.choice(outlets, n_articles),
            "published": [f"{y}-{m:02d}-15" for y, m in zip(years, months, strict=True)],
        }
    )
    lengths = rng.integers(3, 60, n_articles)
    doc_of = np.repeat(doc_ids, lengths)
    sentence = np.concatenate([np.arange(n) for n in lengths])
    rate = np.repeat(rng.random(n_articles) * 0.2, lengths)
    n = len(doc_of)
    sentences = pd.DataFrame(
        {
            "doc_id": doc_of,
            "sentence": sentence,
            "paragraph": sentence // 3,
            "text": [f"Sentence {i} says {ODD}." for i in range(n)],
            "voice": rng.choice(["author", "Interviewee $x_^"], n, p=[0.9, 0.1]),
            "claim": rng.choice(["factual", "evaluative", "predictive", "prescriptive"], n),
            "sentiment_score": rng.uniform(-1, 1, n).round(3),
            **{frame: rng.random(n) < rate for frame in FRAMES},
        }
    )
    actors = [f"Actor {i} {ODD}" for i in range(200)]
    picked = rng.integers(0, n, 2 * n_articles * 10)
    mentions = pd.DataFrame(
        {
            "doc_id": doc_of[picked],
            "sentence": sentence[picked],
            "actor": rng.choice(actors, len(picked)),
            "actor_type": "person",
        }
    )
    quoted = rng.integers(0, n, 5 * n_articles)
    quotes = pd.DataFrame(
        {
            "doc_id": doc_of[quoted],
            "sentence": sentence[quoted],
            "text": "we will act on $5 of 10% now",
            "speaker": rng.choice([f"Speaker {i} $_" for i in range(300)] + ["unknown"], len(quoted)),
            "speaker_actor": "",
            "kind": "direct",
        }
    )
    dated = rng.integers(0, n, 3 * n_articles)
    events = pd.DataFrame(
        {
            "doc_id": doc_of[dated],
            "sentence": sentence[dated],
            "date": [f"{y}" for y in rng.integers(1990, 2030, len(dated))],
            "precision": "year",
            "event": rng.choice([f"event {i} {ODD}" for i in range(500)], len(dated)),
        }
    )
    return {
        "documents": documents,
        "sentences": sentences,
        "mentions": mentions,
        "quotes": quotes,
        "events": events,
    }


def every_figure(tables: dict[str, pd.DataFrame], top_n: int = 10, min_count: int = 3) -> dict[str, object]:
    """Each plot function on the tables, aggregated as the notebooks aggregate them."""
    sentences, mentions = tables["sentences"], tables["mentions"]
    counts = shares.article_counts(sentences, tables["documents"])
    unit = shares.time_unit(counts)
    sides = {"A": ["Actor 1 " + ODD, "Actor 2 " + ODD], "B": ["Actor 3 " + ODD]}
    views = pd.concat(
        [
            counts.assign(group=shares.ALL),
            shares.group_counts(sentences, shares.relationship_assignments(mentions, sides)),
        ]
    )
    outlets = shares.merge_small_groups(counts, "outlet", top_n, min_count)
    by_outlet = shares.group_shares(outlets, "outlet", n_boot=N_BOOT)
    periods = shares.merge_small_groups(counts, unit, None, min_count, other=False)
    over_time = shares.group_shares(periods, unit, n_boot=N_BOOT)
    panels = [
        shares.group_shares(counts[counts["outlet"] == o], "year", n_boot=N_BOOT).assign(outlet=o)
        for o in outlets["outlet"].unique()[:6]
    ]
    panels = pd.concat(panels) if panels else pd.DataFrame(columns=["outlet", "year", *shares.SHARE_COLUMNS])
    actor_counts = aggregates.actor_counts(mentions)
    by_actor = pd.DataFrame({"actor": actor_counts["actor"], "n_sentences": actor_counts["n_sentences"]})
    by_actor["mean_sentiment"] = np.linspace(-0.5, 0.5, len(by_actor))
    return {
        "corpus_overview": plots.corpus_overview(counts, unit, top_n),
        "voice_shares": plots.voice_shares(
            aggregates.corpus_voices(sentences, tables["quotes"], top_n, min_count), 0.1
        ),
        "claim_types": plots.claim_types(shares.claim_shares(sentences, counts, "outlet", top_n, min_count), "outlet"),
        "position_profile": plots.position_profile(
            shares.position_profile(sentences, list(FRAMES), n_boot=N_BOOT), "arc", "%", colors=figures.FRAME_COLORS
        ),
        "actor_sentiment": plots.actor_sentiment(by_actor, top=top_n),
        "frame_shares": plots.frame_shares(shares.group_shares(views, "group", n_boot=N_BOOT), "group", "sides"),
        "frame_lines": plots.frame_lines(over_time, unit, "time"),
        "frame_small_multiples": plots.frame_small_multiples(panels, "outlet", "year", "outlets"),
        "co_mention_network": plots.co_mention_network(aggregates.co_mentions(mentions), actor_counts, top=top_n),
        "timeline": plots.timeline(tables["events"], top_n=top_n),
        "by_outlet": plots.frame_shares(by_outlet, "outlet", "outlets"),
    }


def _plot_functions() -> set[str]:
    return {
        name
        for name, function in inspect.getmembers(plots, inspect.isfunction)
        if function.__module__ == plots.__name__ and not name.startswith("_") and name != "empty_figure"
    }


def test_every_figure_fits_the_size_cap_on_a_thousand_articles(tmp_path):
    figures.configure(tmp_path, notebook="t", formats=("png",))
    drawn = every_figure(generated_tables(1000))
    assert _plot_functions() <= set(drawn), "a new plot function needs a size check here"
    for label, fig in drawn.items():
        entry = figures.save(fig, label.replace("_", "-"), "A figure.", ["sentences"])
        width, height = Image.open(tmp_path / "figures" / entry["files"]["png"]).size
        assert width <= figures.MAX_PIXELS and height <= figures.MAX_PIXELS, (label, width, height)
        assert height >= 200 and width >= 400, (label, width, height)
        plt.close(fig)


def test_the_size_cap_holds_for_an_oversized_figure(tmp_path):
    figures.configure(tmp_path, notebook="t", formats=("png",))
    fig, ax = plt.subplots(figsize=(4, 40))
    ax.plot([0, 1], [0, 1])
    entry = figures.save(fig, "tall", "A tall figure.", ["sentences"])
    assert max(Image.open(tmp_path / "figures" / entry["files"]["png"]).size) <= figures.MAX_PIXELS
    plt.close(fig)


def test_every_figure_draws_on_empty_tables(tmp_path):
    full = generated_tables(30)
    empty = {name: frame.iloc[0:0] for name, frame in full.items()}
    figures.configure(tmp_path, notebook="t", formats=("svg",))
    for label, fig in every_figure(empty).items():
        figures.save(fig, label.replace("_", "-"), "An empty figure.", ["sentences"])
        plt.close(fig)


def test_text_with_dollars_is_drawn_as_written_not_as_mathtext(tmp_path):
    import matplotlib as mpl

    figures.configure(tmp_path, notebook="t", formats=("svg",))
    with mpl.rc_context({"text.parse_math": True}):  # even where a user's style turns mathtext back on
        fig, ax = plt.subplots()
        ax.set_title(figures.escape_text(ODD))
        ax.set_yticks([0], [figures.escape_text("$21 _x^")])
        figures.save(fig, "odd", "Odd text.", ["sentences"])
        plt.close(fig)
        assert figures.escape_text("$8.5 and $21") == r"\$8.5 and \$21"
    assert figures.escape_text("$8.5 and $21") == "$8.5 and $21"  # the shared style turns mathtext off


def test_plotted_values_are_written_beside_the_figure_and_numbered_in_save_order(tmp_path):
    figures.configure(tmp_path, notebook="03-x", formats=("svg",))
    fig = plots.empty_figure("t", "nothing")
    data = pd.DataFrame({"frame": ["cooperation"], "share": [0.1]})
    figures.save(fig, "zeta", "First saved.", ["sentences"], data=data)
    figures.save(fig, "alpha", "Second saved.", ["sentences"])
    assert (tmp_path / "figures" / "zeta.csv").read_text() == "frame,share\ncooperation,0.1\n"
    assert [entry["label"] for entry in figures.read_index(tmp_path)] == ["zeta", "alpha"]
    plt.close(fig)


@pytest.mark.parametrize("n_articles", [2, 40])
def test_small_corpora_draw_too(tmp_path, n_articles):
    figures.configure(tmp_path, notebook="t", formats=("png",))
    for label, fig in every_figure(generated_tables(n_articles, seed=n_articles), min_count=1).items():
        entry = figures.save(fig, label.replace("_", "-"), "A figure.", ["sentences"])
        assert max(Image.open(tmp_path / "figures" / entry["files"]["png"]).size) <= figures.MAX_PIXELS
        plt.close(fig)
