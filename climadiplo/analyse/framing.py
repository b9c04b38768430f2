"""Frame shares with bootstrap confidence intervals, by document, voice, actor and side; the terms behind cues."""

from __future__ import annotations

import numpy as np
import pandas as pd

from climadiplo.analyse.aggregates import sentence_actors
from climadiplo.analyse.stats import bootstrap_means
from climadiplo.annotate.actors import load_gazetteer
from climadiplo.annotate.frames import FRAMES, cue_matches
from climadiplo.annotate.quotes import SPEECH_KINDS, UNKNOWN_SPEAKER

N_BOOT = 1000
SEED = 0


def frame_shares(
    sentences: pd.DataFrame, by: list[str] | str = "doc_id", n_boot: int = N_BOOT, seed: int = SEED
) -> pd.DataFrame:
    """Share of sentences carrying each frame per group, with 95% bootstrap CIs (resampling sentences)."""
    by = [by] if isinstance(by, str) else list(by)
    rows = []
    rng = np.random.default_rng(seed)
    for key, group in sentences.groupby(by, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        labels = group[list(FRAMES)].to_numpy(dtype=float)
        boots = bootstrap_means(labels, n_boot, rng)
        low, high = np.percentile(boots, [2.5, 97.5], axis=0)
        for index, frame in enumerate(FRAMES):
            rows.append(
                {
                    **dict(zip(by, key, strict=True)),
                    "frame": frame,
                    "share": round(float(labels[:, index].mean()), 4),
                    "ci_low": round(float(low[index]), 4),
                    "ci_high": round(float(high[index]), 4),
                    "n_sentences": len(group),
                }
            )
    return pd.DataFrame(rows, columns=[*by, "frame", "share", "ci_low", "ci_high", "n_sentences"])


def net_index(sentences: pd.DataFrame, n_boot: int = N_BOOT, seed: int = SEED) -> pd.DataFrame:
    """Per document, mean of (cooperation − competition − conflict) over sentences, in [-2, 1], with a 95% CI."""
    rng = np.random.default_rng(seed)
    rows = []
    for doc_id, group in sentences.groupby("doc_id", sort=True):
        values = (
            group["cooperation"].astype(float) - group["competition"].astype(float) - group["conflict"].astype(float)
        ).to_numpy()
        boots = bootstrap_means(values[:, None], n_boot, rng)[:, 0]
        low, high = np.percentile(boots, [2.5, 97.5])
        rows.append(
            {
                "doc_id": doc_id,
                "net_index": round(float(values.mean()), 4),
                "ci_low": round(float(low), 4),
                "ci_high": round(float(high), 4),
                "n_sentences": len(group),
            }
        )
    return pd.DataFrame(rows, columns=["doc_id", "net_index", "ci_low", "ci_high", "n_sentences"])


def sentence_speakers(sentences: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """Sentences with a ``speaker_voice``: the quoted speaker where a sentence quotes someone, else its voice."""
    speech = quotes[quotes["kind"].isin(SPEECH_KINDS) & ~quotes["speaker"].isin(["", UNKNOWN_SPEAKER])]
    first = speech.sort_values(["doc_id", "sentence", "start"]).drop_duplicates(["doc_id", "sentence"])
    merged = sentences.merge(first[["doc_id", "sentence", "speaker"]], on=["doc_id", "sentence"], how="left")
    merged["speaker_voice"] = merged["speaker"].fillna(merged["voice"]).astype(str)
    return merged.drop(columns=["speaker"])


def shares_by_voice(
    sentences: pd.DataFrame, quotes: pd.DataFrame, n_boot: int = N_BOOT, seed: int = SEED
) -> pd.DataFrame:
    """Frame shares per voice (the author, the interviewee, each quoted speaker) across the corpus."""
    return frame_shares(sentence_speakers(sentences, quotes), by="speaker_voice", n_boot=n_boot, seed=seed)


def shares_by_side(
    sentences: pd.DataFrame, mentions: pd.DataFrame, n_boot: int = N_BOOT, seed: int = SEED
) -> pd.DataFrame:
    """Frame shares over sentences mentioning US-side and China-side actors (gazetteer ``side``)."""
    gazetteer = load_gazetteer()
    pairs = sentence_actors(mentions)
    pairs["side"] = pairs["actor"].map(
        lambda actor: gazetteer.actors[actor].side if actor in gazetteer.actors else "other"
    )
    pairs = pairs[pairs["side"].isin(["US", "China"])][["doc_id", "sentence", "side"]].drop_duplicates()
    joined = pairs.merge(sentences[["doc_id", "sentence", *FRAMES]], on=["doc_id", "sentence"])
    return frame_shares(joined, by="side", n_boot=n_boot, seed=seed)


def frame_arc(sentences: pd.DataFrame) -> pd.DataFrame:
    """Frames along each article: relative position (0–1) of every sentence with its frame labels."""
    frame = sentences[["doc_id", "sentence", *FRAMES]].copy()
    sizes = frame.groupby("doc_id")["sentence"].transform("max").clip(lower=1)
    frame["position"] = (frame["sentence"] / sizes).round(4)
    return frame


def term_occurrences(sentences: pd.DataFrame, lexicon) -> dict[tuple[str, str], list[str]]:
    """Each (frame, lexicon term) behind the cues in ``frame_cues``, with the doc_id of each sentence it labels."""
    found: dict[tuple[str, str], list[str]] = {}
    for doc_id, cues in zip(sentences["doc_id"], sentences["frame_cues"].fillna(""), strict=True):
        terms = set()
        for cue in cues.split("|"):
            frame, _, surface = cue.partition(":")
            if not surface or frame == "context":
                continue
            surface = surface.lstrip("~")
            # The cue was found by the same matcher: re-matching its words alone names its term.
            terms.update(
                (frame, match.term)
                for match in cue_matches(surface, lexicon)
                if match.surface.lower() == surface and any(f == frame for f, _ in match.weights)
            )
        for key in terms:
            found.setdefault(key, []).append(doc_id)
    return found
