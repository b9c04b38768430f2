"""Hand-coding round trip: export sentences to a coding sheet, import coded sheets, measure agreement."""

from __future__ import annotations

import csv
import hashlib
import itertools
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from climadiplo.analyse.stats import cohen_kappa, krippendorff_alpha_nominal
from climadiplo.annotate.frames import FRAMES
from climadiplo.errors import InputError
from climadiplo.files import write_atomically

SHEET_COLUMNS = ["doc_id", "sentence", "text", *FRAMES, "coder", "note", "stratum", "weight"]
_TRUE = {"1", "true", "yes", "y", "x"}
_FALSE = {"0", "false", "no", "n"}
# Opaque stratum names: the sheet is coded blind, so it must not say which sentences the tool framed.
STRATA = ("s1", "s2")


def text_sha1(text: str) -> str:
    """A coded text's key in a sheet that holds no text: the first 12 hex digits of sha1(text, UTF-8)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def export_sheet(
    sentences: pd.DataFrame,
    path: str | Path,
    sample: int | None = None,
    seed: int = 0,
    oversample_framed: bool = False,
    overwrite: bool = False,
) -> Path:
    """Write a coding sheet (CSV) with empty frame columns, optionally for a (stratified) random sample."""
    sheet = coding_sheet(sentences, sample=sample, seed=seed, oversample_framed=oversample_framed)
    return write_sheet(sheet, path, overwrite=overwrite)


def coding_sheet(
    sentences: pd.DataFrame, sample: int | None = None, seed: int = 0, oversample_framed: bool = False
) -> pd.DataFrame:
    """The rows of a coding sheet with empty frame columns, optionally for a (stratified) random sample.

    With ``oversample_framed``, half the sample comes from the sentences the tool gives any frame (stratum
    ``s1``) and half from the rest (``s2``); each row's ``weight`` is its stratum's size over its sample size,
    so agreement can be re-weighted to the corpus (``code agree --weighted``). A uniform sample has one
    weight for all rows.
    """
    if sample is not None and (isinstance(sample, bool) or not isinstance(sample, int) or sample < 1):
        raise InputError(f"--sample {sample}: give a number of sentences of at least 1")
    rows = sentences[~sentences["is_question"]] if "is_question" in sentences else sentences
    rng = np.random.RandomState(seed)
    if oversample_framed:
        if sample is None:
            raise InputError("--oversample-framed needs --sample N (the number of sentences to draw)")
        framed = rows[list(FRAMES)].astype(bool).any(axis=1)
        strata = [(STRATA[0], rows[framed]), (STRATA[1], rows[~framed])]
        wanted = [min(len(strata[0][1]), sample // 2)]
        wanted.append(min(len(strata[1][1]), sample - wanted[0]))
        wanted[0] = min(len(strata[0][1]), sample - wanted[1])  # a small second stratum leaves room to the first
        parts = []
        for (name, population), size in zip(strata, wanted, strict=True):
            if size == 0:
                continue
            drawn = population.sample(n=size, random_state=rng).copy()
            drawn["stratum"], drawn["weight"] = name, round(len(population) / size, 4)
            parts.append(drawn)
        rows = pd.concat(parts) if parts else rows.iloc[:0].assign(stratum="", weight=1.0)
    else:
        population = len(rows)
        if sample is not None and sample < len(rows):
            rows = rows.sample(n=sample, random_state=rng)
        rows = rows.assign(stratum="all", weight=round(population / max(len(rows), 1), 4))
    sheet = rows.sort_values(["doc_id", "sentence"])[["doc_id", "sentence", "text", "stratum", "weight"]].copy()
    for column in (*FRAMES, "coder", "note"):
        sheet[column] = ""
    return sheet[SHEET_COLUMNS]


def write_sheet(sheet: pd.DataFrame, path: str | Path, overwrite: bool = False) -> Path:
    """Write a coding sheet to a CSV file and return its path; an existing file (a coder's work) only if overwrite."""
    return write_atomically(
        Path(path),
        lambda temporary: sheet.to_csv(temporary, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL),
        overwrite=overwrite,
    )


def weighted_kappa(coder_a: list[bool], coder_b: list[bool], weights: list[float]) -> float:
    """Cohen's kappa with each unit weighted (e.g. by its inverse sampling probability); binary codes."""
    a, b, w = (np.asarray(values, dtype=float) for values in (coder_a, coder_b, weights))
    if not len(w) or w.sum() <= 0:
        return float("nan")
    observed = float((w * (a == b)).sum() / w.sum())
    share_a, share_b = (w * a).sum() / w.sum(), (w * b).sum() / w.sum()
    expected = float(share_a * share_b + (1 - share_a) * (1 - share_b))
    if expected == 1.0:
        return 1.0 if observed == 1.0 else 0.0
    return (observed - expected) / (1 - expected)


def _as_bool(value: object, where: str) -> bool:
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise InputError(f"{where}: '{value}' is not a code; use 1/0, yes/no or true/false")


def import_sheet(path: str | Path, coder: str | None = None) -> pd.DataFrame:
    """Read a coded sheet; every frame cell must be coded. The coder comes from the sheet or the argument."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        with warnings.catch_warnings():
            # pandas would silently turn the first columns of a row with extra fields into an index
            warnings.simplefilter("error", pd.errors.ParserWarning)
            sheet = pd.read_csv(path, dtype=str, keep_default_na=False, index_col=False)
    except pd.errors.ParserWarning:
        raise InputError(f"{path}: a row has more fields than the header (a comma in a note needs quotes)") from None
    except pd.errors.EmptyDataError:
        raise InputError(f"{path}: empty file (expected a coding sheet with a header row)") from None
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not a readable CSV ({str(error).splitlines()[0]})") from None
    missing = [column for column in ("doc_id", "sentence", *FRAMES) if column not in sheet.columns]
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(missing)}")
    if sheet.empty:
        raise InputError(f"{path}: no coded rows")
    coded = sheet[["doc_id", "sentence"]].copy()
    coded["sentence"] = pd.to_numeric(coded["sentence"], errors="coerce")
    not_whole = coded["sentence"].isna() | ~np.isfinite(coded["sentence"]) | (coded["sentence"] % 1 != 0)
    if not_whole.any():
        line = int(coded.index[not_whole][0]) + 2
        raise InputError(f"{path}:{line}: 'sentence' must be a whole number")
    coded["sentence"] = coded["sentence"].astype(int)
    repeated = coded.duplicated(["doc_id", "sentence"])
    if repeated.any():
        line = int(coded.index[repeated][0]) + 2
        doc_id, sentence = coded.loc[repeated].iloc[0][["doc_id", "sentence"]]
        raise InputError(f"{path}:{line}: duplicate row for doc_id '{doc_id}' sentence {sentence} (code each once)")
    for frame in FRAMES:
        coded[frame] = [_as_bool(value, f"{path}:{line + 2} ({frame})") for line, value in enumerate(sheet[frame])]
    coded["weight"] = 1.0
    if "weight" in sheet and (sheet["weight"].str.strip() != "").any():
        weights = pd.to_numeric(sheet["weight"], errors="coerce")
        if weights.isna().any() or (weights <= 0).any():
            line = int(sheet.index[weights.isna() | (weights <= 0)][0]) + 2
            raise InputError(f"{path}:{line}: 'weight' must be a positive number")
        coded["weight"] = weights.astype(float)
    names = sheet["coder"].str.strip() if "coder" in sheet else pd.Series([""] * len(sheet))
    coded["coder"] = coder or (names.iloc[0] if names.iloc[0] else path.stem)
    return coded


class SheetRowsWarning(UserWarning):
    """A coded sheet had rows naming sentences the tool's tables do not have: they were left out."""


def known_sentences(sheet: pd.DataFrame, tool: pd.DataFrame, path: str | Path) -> pd.DataFrame:
    """The sheet's rows whose (doc_id, sentence) the tool's tables have; a warning names the rows left out.

    Such a row used to drop out of coder-vs-tool without a word while still counting as a unit of alpha; left out
    of every figure, all of them are over the same sentences. (A sentence the cleaner now drops, a sheet of
    another corpus.)
    """
    known = pd.MultiIndex.from_frame(tool[["doc_id", "sentence"]].astype({"sentence": int}))
    missing = ~pd.MultiIndex.from_frame(sheet[["doc_id", "sentence"]]).isin(known)
    if missing.all():
        raise InputError(
            f"{path}: none of its {len(sheet)} coded row(s) names a sentence of this corpus's tables; was the sheet "
            "exported from this --corpus?"
        )
    if missing.any():
        first = int(missing.argmax())
        doc_id, sentence = sheet.iloc[first][["doc_id", "sentence"]]
        warnings.warn(
            f"{path}:{int(sheet.index[first]) + 2}: left out {int(missing.sum())} coded row(s) naming a sentence "
            f"not in this corpus's tables (first: doc_id '{doc_id}' sentence {sentence}); was the sheet exported "
            "from this --corpus?",
            SheetRowsWarning,
            stacklevel=2,
        )
    return sheet[~missing]


def agreement(coded: list[pd.DataFrame], tool: pd.DataFrame | None = None, weighted: bool = False) -> pd.DataFrame:
    """Per frame: Cohen's kappa for each pair of coders (and each coder vs the tool), Krippendorff's alpha overall.

    With ``weighted``, each pair also gets a kappa weighted by the first sheet's ``weight`` column (a
    stratified sample re-weighted to the corpus it was drawn from).
    """
    frames = [frame.set_index(["doc_id", "sentence"]) for frame in coded]
    names = [frame["coder"].iloc[0] for frame in frames]
    if tool is not None:
        frames.append(tool.set_index(["doc_id", "sentence"])[list(FRAMES)])
        names.append("climadiplo")
    if len(frames) < 2:
        raise InputError("agreement needs at least two codings (two coders, or one coder and the tool)")
    # Each pair of codings with the sentences both coded.
    pairs = [
        (name_a, a, name_b, b, a.index.intersection(b.index))
        for (name_a, a), (name_b, b) in itertools.combinations(zip(names, frames, strict=True), 2)
    ]
    for name_a, _, name_b, _, common in pairs:
        if not len(common):
            # Without this a sheet scored against the wrong corpus gave NaN for every frame and exit 0.
            against = "the tables of this corpus (pass --corpus with the corpus the sheet was exported from)"
            raise InputError(
                f"{name_a} and {against if name_b == 'climadiplo' else name_b} share no coded sentence (doc_id, sentence)"
            )
    rows = []
    for frame in FRAMES:
        for name_a, a, name_b, b, common in pairs:
            kappa = cohen_kappa(a.loc[common, frame].tolist(), b.loc[common, frame].tolist())
            rows.append(
                {
                    "frame": frame,
                    "pair": f"{name_a} vs {name_b}",
                    "statistic": "cohen_kappa",
                    "value": round(kappa, 4),
                    "n": len(common),
                }
            )
            if weighted:
                weights = frames[0]["weight"].reindex(common).fillna(1.0) if "weight" in frames[0] else 1.0
                value = weighted_kappa(
                    a.loc[common, frame].tolist(),
                    b.loc[common, frame].tolist(),
                    pd.Series(weights, index=common).tolist(),
                )
                rows.append(
                    {
                        "frame": frame,
                        "pair": f"{name_a} vs {name_b}",
                        "statistic": "weighted_cohen_kappa",
                        "value": round(value, 4),
                        "n": len(common),
                    }
                )
        units = pd.concat([f[frame].rename(name) for name, f in zip(names, frames, strict=True)], axis=1)
        values = [[None if pd.isna(v) else bool(v) for v in row] for row in units.itertuples(index=False)]
        # A unit with one value (the tool's code of a sentence no coder was given) has no pair: alpha leaves it
        # out, and so does its n, the units alpha is over (not every sentence of the corpus).
        pairable = [unit for unit in values if sum(value is not None for value in unit) >= 2]
        alpha = krippendorff_alpha_nominal(pairable)
        rows.append(
            {
                "frame": frame,
                "pair": "all",
                "statistic": "krippendorff_alpha",
                "value": round(alpha, 4),
                "n": len(pairable),
            }
        )
    return pd.DataFrame(rows, columns=["frame", "pair", "statistic", "value", "n"])
