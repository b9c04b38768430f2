"""Column names and types of every table the package writes (the data dictionary in code)."""

from __future__ import annotations

import pandas as pd

TABLE_COLUMNS: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": "str",
        "title": "str",
        "outlet": "str",
        "author": "str",
        "published": "str",
        "genre": "str",
        "text": "str",
        "n_paragraphs": "int64",
        "n_sentences": "int64",
        "n_words": "int64",
        "source": "str",
        "sha256": "str",
        "reference_date": "str",
        "interviewee": "str",
    },
    "sentences": {
        "doc_id": "str",
        "sentence": "int64",
        "paragraph": "int64",
        "start": "int64",
        "end": "int64",
        "text": "str",
        "role": "str",
        "voice": "str",
        "is_question": "bool",
        "claim": "str",
        "hedged": "bool",
        "hedge_cues": "str",
        "checkworthy": "bool",
        "checkworthy_score": "float64",
        "sentiment_score": "float64",
        "sentiment": "int64",
        "cooperation_score": "float64",
        "competition_score": "float64",
        "conflict_score": "float64",
        "cooperation": "bool",
        "competition": "bool",
        "conflict": "bool",
        "frame_cues": "str",
    },
    "quotes": {
        "doc_id": "str",
        "quote_id": "str",
        "sentence": "int64",
        "start": "int64",
        "end": "int64",
        "text": "str",
        "speaker": "str",
        "cue": "str",
        "kind": "str",
        "speaker_actor": "str",
    },
    "mentions": {
        "doc_id": "str",
        "sentence": "int64",
        "start": "int64",
        "end": "int64",
        "surface": "str",
        "actor": "str",
        "actor_type": "str",
    },
    "events": {
        "doc_id": "str",
        "sentence": "int64",
        "start": "int64",
        "end": "int64",
        "surface": "str",
        "date": "str",
        "precision": "str",
        "event": "str",
    },
    "removed": {
        "doc_id": "str",
        "kind": "str",
        "raw_start": "int64",
        "raw_end": "int64",
        "text": "str",
    },
}

SORT_KEYS: dict[str, list[str]] = {
    "documents": ["doc_id"],
    "sentences": ["doc_id", "sentence"],
    "removed": ["doc_id", "raw_start"],
    "quotes": ["doc_id", "start", "end", "kind"],
    "mentions": ["doc_id", "start", "end"],
    "events": ["doc_id", "start", "end"],
}


def to_frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """Build a table from row dicts with the declared columns, types and sort order."""
    columns = TABLE_COLUMNS[table]
    frame = pd.DataFrame.from_records(rows, columns=list(columns))
    for column, dtype in columns.items():
        if dtype == "str":
            frame[column] = frame[column].astype("string")
        else:
            frame[column] = frame[column].astype(dtype)
    return frame.sort_values(SORT_KEYS[table], kind="stable").reset_index(drop=True)
