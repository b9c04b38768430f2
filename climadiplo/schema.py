"""Column names and types of every table the package writes (the data dictionary in code)."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from functools import cache
from operator import itemgetter, le
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Column:
    """One column of a table: its type and what it means (the data dictionary, rendered in data/README.md)."""

    dtype: str  # "str", "int64", "float64" or "bool"
    meaning: str


COLUMNS: dict[str, dict[str, Column]] = {
    "documents": {
        "doc_id": Column("str", "identifier (catalogue, JSONL `doc_id`, or file name without extension)"),
        "title": Column(
            "str",
            "the headline: catalogue or JSONL `title` (else `headline`), else a headline line, else HTML metadata",
        ),
        "outlet": Column(
            "str",
            "the publication, from the catalogue or JSONL (`outlet`, else `source`, `publisher` or `site_name`), "
            "else the HTML page's site name (`og:site_name`)",
        ),
        "author": Column(
            "str",
            'catalogue or JSONL `author` (else `byline`), else a byline or "Write to NAME at …" line (also in Markdown '
            "emphasis, `*By NAME*`), else HTML metadata",
        ),
        "published": Column(
            "str",
            "publication date (ISO) from the catalogue, JSONL (`published`, else `date`, `pub_date`, "
            "`publication_date` or `published_at`) or HTML metadata",
        ),
        "genre": Column("str", "catalogue or JSONL `genre` (`interview` switches on interview roles)"),
        "text": Column("str", "the cleaned body text; paragraphs separated by one blank line (`\\n\\n`)"),
        "n_paragraphs": Column("int64", "paragraphs after cleaning"),
        "n_sentences": Column("int64", "sentences after cleaning"),
        "n_words": Column("int64", "white-space separated tokens of `text`"),
        "source": Column("str", "the file name (or `file.jsonl:LINE`)"),
        "sha256": Column("str", "SHA-256 of the raw file bytes (or of the JSONL line)"),
        "reference_date": Column("str", "the day relative dates resolve against (catalogue; else `published`)"),
        "interviewee": Column("str", "whose voice the answers are, for interviews"),
        "cooperation_share": Column(
            "float64",
            "share of the article's sentences labelled cooperation (0–1), by the tables' `--frames-method`: "
            "the article-level frame measure",
        ),
        "competition_share": Column("float64", "as `cooperation_share`, for competition"),
        "conflict_share": Column("float64", "as `cooperation_share`, for conflict"),
        "dominant_frame": Column(
            "str",
            "the frame with the largest share among those reaching the threshold chosen on the frames development "
            "sample (`dominant_threshold` in `climadiplo/annotate/models/frames.json`), else `none`; a tie goes to "
            "the frame with the larger summed `<frame>_score` over the article's sentences, then to the first of "
            "cooperation, competition, conflict",
        ),
    },
    "sentences": {
        "doc_id": Column("str", "the document"),
        "sentence": Column("int64", "0-based sentence index within the document"),
        "paragraph": Column("int64", "0-based paragraph index after cleaning"),
        "start": Column("int64", "offset of the sentence's first character in `documents.text`"),
        "end": Column("int64", "offset just past the sentence's last character (end exclusive)"),
        "text": Column("str", "the sentence"),
        "role": Column("str", "`narration`, `question` (interviewer) or `answer` (interviewee)"),
        "voice": Column("str", "`author`, or the interviewee's name for answers"),
        "is_question": Column("bool", "the sentence ends with a question mark"),
        "claim": Column("str", "`factual`, `evaluative`, `predictive` or `prescriptive`; empty for questions"),
        "hedged": Column("bool", "the sentence softens its own claim"),
        "hedge_cues": Column("str", "the hedge words found, `|`-separated, in text order"),
        "checkworthy": Column("bool", "worth fact-checking: `checkworthy_score` at or above the threshold"),
        "checkworthy_score": Column("float64", "0–1: the learned ranker's probability of a check-worthy claim"),
        "sentiment_score": Column("float64", "−1…1: the tone model's P(positive) − P(negative)"),
        "sentiment": Column("int64", "−1, 0, 1 (neutral band chosen by cross-validation)"),
        "cooperation_score": Column(
            "float64",
            "cooperation score: the classifier's probability (the default `--frames-method classifier`, a label "
            "from 0.5), or the sum of lexicon cue weights with `--frames-method lexicon` (a label from 1.0)",
        ),
        "competition_score": Column("float64", "competition score, as `cooperation_score`"),
        "conflict_score": Column("float64", "conflict score, as `cooperation_score`"),
        "cooperation": Column(
            "bool",
            "the sentence frames the relationship as cooperation (several frames may hold; many sentences carry none)",
        ),
        "competition": Column("bool", "the sentence frames the relationship as competition"),
        "conflict": Column("bool", "the sentence frames the relationship as conflict"),
        "frame_cues": Column(
            "str",
            "`frame:term` cues behind the labels, `|`-separated; `~` marks a negated cue; `context:previous sentence` marks a label carried from the previous sentence",
        ),
    },
    "quotes": {
        "doc_id": Column("str", "the document"),
        "quote_id": Column("str", "`doc_id:qNNN`, numbered in text order"),
        "sentence": Column("int64", "index of the sentence the quotation starts in"),
        "start": Column("int64", "offset of the first quoted word (without marks)"),
        "end": Column("int64", "offset just past the last quoted word (without marks or a trailing comma/full stop)"),
        "text": Column(
            "str",
            "the quoted words; for a quote over several paragraphs, joined with single spaces and without the reopening marks; for `indirect`, the reported content",
        ),
        "speaker": Column(
            "str",
            "canonical name, a group as written (`U.S. lawmakers`), an anonymous source as written (`unnamed diplomat`), `unknown` if none can be found, empty for `scare`/`title`",
        ),
        "cue": Column("str", "the attribution word or phrase (`said`, `told`, `according to`, `slogan`, `:`)"),
        "kind": Column(
            "str",
            "`direct`, `partial`, `hypothetical`, `indirect`; `scare` and `title` are quoted words that are not speech",
        ),
        "speaker_actor": Column(
            "str", 'the gazetteer actor behind the speaker (`United States` for "U.S. lawmakers"), empty if none'
        ),
        "speaker_start": Column(
            "int64",
            "offset in `documents.text` of the mention the speaker was read from: the name, pronoun or description "
            "at the cue (for a pronoun resolved to a person, the pronoun; for a quotation that continues the previous "
            "one's speaker, that quotation's mention); −1 when `speaker` is `unknown` or empty",
        ),
        "speaker_end": Column("int64", "offset just past that mention (end exclusive); −1 with `speaker_start`"),
    },
    "mentions": {
        "doc_id": Column("str", "the document"),
        "sentence": Column("int64", "index of the sentence the mention is in"),
        "start": Column("int64", "offset of the mention's first character"),
        "end": Column("int64", "offset just past the mention (end exclusive)"),
        "surface": Column("str", "the words as written"),
        "actor": Column(
            "str",
            "canonical name (gazetteer), or the name as written for unknown names; for a pronoun, the person it most "
            "likely means (the last person named before it whose gender agrees), empty when unclear",
        ),
        "actor_type": Column(
            "str",
            "gazetteer type, or `unknown` for capitalised names not in the gazetteer (candidates to add to `actors.csv`), "
            "or `pronoun` for he/him/his/she/her/hers/they/them/their (a tone target only); `unknown` and `pronoun` "
            "mentions stay out of the actors view (`sentence_actors`, counts, sides, actor tone, `evaluate`)",
        ),
        "sentiment_score": Column("float64", "−1…1: tone towards this mention in its sentence"),
        "sentiment": Column("int64", "−1, 0, 1: the label of that tone"),
    },
    "events": {
        "doc_id": Column("str", "the document"),
        "sentence": Column("int64", "index of the sentence the date is in"),
        "start": Column("int64", "offset of the dated expression"),
        "end": Column("int64", "offset just past the dated expression"),
        "surface": Column("str", "the words as written (`last August`, `this year's COP28`)"),
        "date": Column("str", "ISO date at its precision: `2023`, `2023-06` or `2023-06-19`"),
        "precision": Column("str", '`year`, `month` or `day` ("this week" is reported at month precision)'),
        "event": Column("str", "the named event or agreement it dates (`COP26`), else the clause around the date"),
    },
    "removed": {
        "doc_id": Column("str", "the document"),
        "kind": Column(
            "str", "`title`, `caption`, `read_time`, `newsletter`, `signup`, `promo`, `share`, `copyright`, `byline`"
        ),
        "raw_start": Column("int64", "offset of the removed paragraph in the raw (decoded) file text"),
        "raw_end": Column("int64", "offset just past the removed paragraph in the raw text"),
        "text": Column("str", "the removed paragraph, white space normalised"),
    },
}

TABLE_COLUMNS: dict[str, dict[str, str]] = {
    table: {name: column.dtype for name, column in columns.items()} for table, columns in COLUMNS.items()
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
    names = list(TABLE_COLUMNS[table])
    columns = _columns(names, rows)
    frame = _typed_frame(table, columns)
    if _in_order(table, dict(zip(names, columns, strict=True))):  # a chunk's rows mostly come in order
        return frame
    return frame.sort_values(SORT_KEYS[table], kind="stable").reset_index(drop=True)


def to_table(table: str, rows: list[dict]) -> pa.Table:
    """The table of ``to_frame`` as pyarrow holds it in parquet (``arrow_schema``), built without pandas.

    It equals ``pa.Table.from_pandas(to_frame(table, rows), schema=arrow_schema(table), preserve_index=False)``:
    each column is typed by numpy as ``to_frame`` types it and handed to pyarrow as its buffers (``pa.array``
    would import pandas, a tenth of a second per process). Rows out of order, and values that ``to_frame`` would
    convert otherwise (a text column holding numbers, a missing integer), are built through pandas.
    """
    names = list(TABLE_COLUMNS[table])
    columns = _columns(names, rows)
    schema = arrow_schema(table)
    if _in_order(table, dict(zip(names, columns, strict=True))):
        try:
            arrays = [
                _array(dtype, values) for dtype, values in zip(TABLE_COLUMNS[table].values(), columns, strict=True)
            ]
            return pa.Table.from_arrays(arrays, schema=schema)
        except (TypeError, ValueError):
            pass  # let pandas build it (or refuse it) as to_frame does
    return pa.Table.from_pandas(to_frame(table, rows), schema=schema, preserve_index=False)


def _array(dtype: str, values: list) -> pa.Array:
    """One column's pyarrow array, as pyarrow converts ``to_frame``'s column; TypeError where that might differ."""
    size = len(values)
    if dtype == "str":
        return _string_array(values)
    typed = np.asarray(values, dtype=dtype)  # what to_frame makes of the column
    if dtype == "bool":  # one bit per value
        return pa.Array.from_buffers(pa.bool_(), size, [None, pa.py_buffer(np.packbits(typed, bitorder="little"))])
    valid = None
    if dtype == "float64" and np.isnan(typed).any():  # pyarrow reads a NaN from pandas as null
        valid = pa.py_buffer(np.packbits(~np.isnan(typed), bitorder="little"))
    return pa.Array.from_buffers(_ARROW_TYPES[dtype], size, [valid, pa.py_buffer(typed)])


def _string_array(values: list) -> pa.Array:
    """A text column as pyarrow's large strings: the UTF-8 bytes of every value, each one's end offset, nulls."""
    kinds = set(map(type, values))
    if not kinds <= _STR_TYPES:
        raise TypeError("a text column holds another type than str")
    valid = None
    if type(None) in kinds:
        valid = pa.py_buffer(np.packbits([value is not None for value in values], bitorder="little"))
        values = ["" if value is None else value for value in values]
    joined = "".join(values)
    data = joined.encode()  # (a lone surrogate raises UnicodeEncodeError, a ValueError, as pa.array refuses it)
    lengths = map(len, values)  # in bytes: in characters where every character is one byte (ASCII)
    if len(data) != len(joined):
        encoded = [value.encode() for value in values]
        data, lengths = b"".join(encoded), map(len, encoded)
    offsets = np.zeros(len(values) + 1, dtype=np.int64)  # each value's end
    np.cumsum(np.fromiter(lengths, dtype=np.int64, count=len(values)), out=offsets[1:])
    return pa.Array.from_buffers(pa.large_string(), len(values), [valid, pa.py_buffer(offsets), pa.py_buffer(data)])


def _columns(names: list[str], rows: list[dict]) -> list[list]:
    """Each named column's values, in row order (a row without a column gives None)."""
    try:  # each column taken out in C
        return [list(map(itemgetter(name), rows)) for name in names]
    except KeyError:
        return [[row.get(name) for row in rows] for name in names]


_ARROW_TYPES = {"str": pa.large_string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_()}
# pandas' names for a column of each type in the metadata it keeps in parquet (a str column is pyarrow strings)
_PANDAS_TYPES = {
    "str": ("object", "string"),
    "int64": ("int64", "int64"),
    "float64": ("float64", "float64"),
    "bool": ("bool", "bool"),
}


@cache
def arrow_schema(table: str) -> pa.Schema:
    """The parquet schema of a table: what ``pa.Schema.from_pandas(to_frame(table, []), preserve_index=False)``
    gives (its pandas metadata included, so pandas reads the columns back with their types), without pandas."""
    columns = [
        {"name": name, "field_name": name, "pandas_type": pandas, "numpy_type": numpy, "metadata": None}
        for name, dtype in TABLE_COLUMNS[table].items()
        for pandas, numpy in [_PANDAS_TYPES[dtype]]
    ]
    metadata = {
        "index_columns": [],
        "column_indexes": [],
        "columns": columns,
        "attributes": {},
        "creator": {"library": "pyarrow", "version": pa.__version__},
        "pandas_version": _pandas_version(),
    }
    fields = [pa.field(name, _ARROW_TYPES[dtype]) for name, dtype in TABLE_COLUMNS[table].items()]
    return pa.schema(fields, metadata={"pandas": json.dumps(metadata)})


def _pandas_version() -> str:
    """pandas' version: from pandas if it is loaded, else from its installed metadata (a tenth of the import)."""
    if "pandas" in sys.modules:
        return sys.modules["pandas"].__version__
    from importlib.metadata import version

    return version("pandas")


# Python orders values of these types as pandas orders their column (a number in a str column, as read from CSV,
# is ordered as a number by Python but as text by pandas).
_ORDERED_TYPES = {"str": {str}, "int64": {int}}


def _in_order(table: str, columns: dict[str, list]) -> bool:
    """Whether the rows are in their table's sort order already (so that a stable sort would keep them as they are)."""
    keys = [columns[key] for key in SORT_KEYS[table]]
    if any(
        not set(map(type, values)) <= _ORDERED_TYPES[TABLE_COLUMNS[table][key]]
        for key, values in zip(SORT_KEYS[table], keys, strict=True)
    ):
        return False
    ordered = list(zip(*keys, strict=True))
    return all(map(le, ordered, ordered[1:]))


def _typed_frame(table: str, columns: list[list]) -> pd.DataFrame:
    """A table's columns (lists of values, in its column order) typed as a DataFrame."""
    import pandas as pd  # (the tables command writes parquet without pandas: see to_table)

    # Each column typed as it is built (not built as objects, then cast): a chunk of rows costs half as much.
    data = {}
    for (column, dtype), values in zip(TABLE_COLUMNS[table].items(), columns, strict=True):
        if dtype != "str":
            data[column] = np.asarray(values, dtype=dtype)
        elif _arrow_strings() and set(map(type, values)) <= _STR_TYPES:
            # only str and None: pyarrow reads them as pd.array would, without first copying them into an object array
            data[column] = pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string()))
        else:
            data[column] = pd.array(values, dtype="string")
    return pd.DataFrame(data)


_STR_TYPES = {str, type(None)}


@cache
def _arrow_strings() -> bool:
    """Whether pandas keeps its 'string' columns in pyarrow (as pd.array makes them): then build those directly."""
    import pandas as pd

    return isinstance(pd.array([], dtype="string"), pd.arrays.ArrowStringArray)


_README_TYPES = {"str": "str", "int64": "int", "float64": "float", "bool": "bool"}


def markdown_columns(table: str) -> str:
    """The column table of one table as data/README.md shows it (generated from COLUMNS)."""
    lines = ["| column | type | meaning |", "| --- | --- | --- |"]
    for name, column in COLUMNS[table].items():
        meaning = column.meaning.replace("|", "\\|")
        lines.append(f"| `{name}` | {_README_TYPES[column.dtype]} | {meaning} |")
    return "\n".join(lines)
