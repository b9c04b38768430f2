"""Read a corpus (the seed folder, a folder of .txt/.md/.html files, a JSONL file, or parquet file(s))."""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from climadiplo.errors import InputError
from climadiplo.resources import data_path

TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
PARQUET_SUFFIX = ".parquet"
PARQUET_BATCH_ROWS = 256  # rows read at a time: memory for a few hundred articles, not a row group
CATALOGUE_NAME = "corpus.csv"
CATALOGUE_FIELDS = (
    "doc_id",
    "file",
    "title",
    "outlet",
    "author",
    "published",
    "genre",
    "reference_date",
    "interviewee",
)
METADATA_FIELDS = CATALOGUE_FIELDS[2:]
JSONL_KEYS = ("doc_id", "text", "is_html", *METADATA_FIELDS)
# Other names exporters give the same fields: read as the field when the field itself is absent (a note says so).
JSONL_ALIASES = {
    "date": "published",
    "pub_date": "published",
    "publication_date": "published",
    "published_at": "published",
    "source": "outlet",
    "publisher": "outlet",
    "site_name": "outlet",
    "headline": "title",
    "byline": "author",
}
DEFAULT_MAX_DOC_MB = 10.0
_DOC_ID = re.compile(r"[\w.\-]{1,200}")
DATE_FIELDS = ("published", "reference_date")
_DATE = re.compile(
    r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?)?)?"
)
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class CorpusEncodingWarning(UserWarning):
    """A file was not valid UTF-8 and was decoded with a legacy encoding."""


class CorpusSkippedFilesWarning(UserWarning):
    """A corpus folder held files of a kind the reader does not read (.pdf, .docx, …)."""


class CorpusKeysWarning(UserWarning):
    """A JSONL file used another name for a field (read as that field) or keys the reader does not know (ignored)."""


@dataclass(frozen=True)
class Document:
    """One article as read from disk: raw text plus catalogue metadata."""

    doc_id: str
    raw_text: str
    source: str
    sha256: str
    is_html: bool = False
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    genre: str | None = None
    reference_date: str | None = None
    interviewee: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def seed_corpus_path() -> Path:
    """Return the folder of the embedded seed corpus."""
    return data_path("raw")


def load_corpus(path: str | Path | None = None, max_doc_mb: float = DEFAULT_MAX_DOC_MB) -> list[Document]:
    """Read every document of a corpus path (default: the seed corpus), sorted by doc_id."""
    if path is not None and Path(path).suffix.lower() == ".jsonl" and Path(path).is_file():
        documents = list(_read_jsonl(Path(path), max_doc_mb))  # one pass: open_corpus would read the file twice
    else:
        documents = list(open_corpus(path, max_doc_mb))
    _check_unique(documents)
    return sorted(documents, key=lambda document: document.doc_id)


class Corpus:
    """A corpus checked and indexed up front whose documents are read one at a time, in doc_id order."""

    def __init__(self, read: Callable[[], Iterator[Document]], size: int) -> None:
        self._read = read
        self._size = size

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[Document]:
        return self._read()


def open_corpus(path: str | Path | None = None, max_doc_mb: float = DEFAULT_MAX_DOC_MB) -> Corpus:
    """A corpus path (default: the seed corpus) read lazily: errors in the listing or any JSONL line come now."""
    if path is None:
        return _directory_corpus(seed_corpus_path(), data_path(CATALOGUE_NAME), max_doc_mb)
    corpus = Path(path)
    if not corpus.exists():
        raise InputError(f"{corpus}: no such file or directory")
    if corpus.is_dir():
        listing = _listing(corpus)  # one listing: which kind of folder, its files, and those it skips
        parquet_files = _parquet_files(corpus, listing)
        if parquet_files:
            return _parquet_corpus(parquet_files, max_doc_mb)
        return _directory_corpus(corpus, _find_catalogue(corpus), max_doc_mb, listing)
    if corpus.suffix.lower() == PARQUET_SUFFIX:
        return _parquet_corpus([corpus], max_doc_mb)
    if corpus.suffix.lower() == ".jsonl":
        # The first pass checks every line and notes where each document starts, so that the second pass can
        # read them one at a time in doc_id order: memory for the index, not the text.
        # (The first pass needs only each line's doc_id: its documents are not built, nor their text hashed.)
        offsets: list[int] = []
        index = [
            (doc_id, line_number, offsets[-1])
            for line_number, _, _, doc_id in _jsonl_records(corpus, max_doc_mb, _jsonl_lines(corpus, offsets))
        ]
        plan = [(line_number, offset) for _, line_number, offset in sorted(index)]
        return Corpus(lambda: _read_jsonl(corpus, max_doc_mb, _lines_at(corpus, plan), warn=False), len(plan))
    if corpus.suffix.lower() in TEXT_SUFFIXES:
        document = _read_text_file(corpus, corpus.stem, {}, max_doc_mb)
        return Corpus(lambda: iter([document]), 1)
    raise InputError(
        f"{corpus}: unsupported corpus type; give a folder of .txt/.md/.html files, a .jsonl or .parquet file, "
        "or a folder of .parquet files"
    )


def _listing(directory: Path) -> list[Path]:
    """The files of a folder (links to files included, as Path.is_file), sorted by name."""
    if not directory.is_dir():
        raise InputError(f"{directory}: no such directory")
    with os.scandir(directory) as entries:  # the file types come with the listing: no stat per file
        return sorted(Path(entry.path) for entry in entries if entry.is_file())


def _directory_corpus(
    directory: Path, catalogue_path: Path | None, max_doc_mb: float, listing: list[Path] | None = None
) -> Corpus:
    listing = _listing(directory) if listing is None else listing
    files = _directory_files(directory, catalogue_path, listing)  # the listing's errors come before any work
    skipped = sorted(
        path.name
        for path in listing
        if not path.name.startswith(".") and path.suffix.lower() not in TEXT_SUFFIXES and path.name != CATALOGUE_NAME
    )
    if skipped:  # a .pdf or .docx left out without a word looked like an article the tool had read
        shown = ", ".join(skipped[:3]) + (", …" if len(skipped) > 3 else "")
        warnings.warn(
            f"{directory}: skipped {len(skipped)} file(s) that are not .txt, .md or .html: {shown}",
            CorpusSkippedFilesWarning,
            stacklevel=2,
        )
    return Corpus(lambda: _read_directory(files, max_doc_mb), len(files))


def _find_catalogue(directory: Path) -> Path | None:
    """The catalogue beside the files, or one level up if it lists files of this folder."""
    inside = directory / CATALOGUE_NAME
    if inside.is_file():
        return inside
    above = directory.parent / CATALOGUE_NAME
    if above.is_file():
        names = {row.get("file", "") for row in _read_catalogue(above).values()}
        if any((directory / name).is_file() for name in names if name):
            return above
    return None


def _read_catalogue(path: Path) -> dict[str, dict[str, str]]:
    """Catalogue rows keyed by file name."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames or "file" not in reader.fieldnames:
                raise InputError(f"{path}: catalogue has no 'file' column (expected {', '.join(CATALOGUE_FIELDS)})")
            rows = {}
            for line_number, row in enumerate(reader, start=2):
                name = (row.get("file") or "").strip()
                if not name:
                    raise InputError(f"{path}:{line_number}: catalogue row without a file name")
                rows[name] = {key: (value or "").strip() for key, value in row.items() if key}
                for key in DATE_FIELDS:  # refused as the same value in a JSONL line is, not passed on unchecked
                    _check_date(f"{path}:{line_number}", key, rows[name].get(key))
            return rows
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: catalogue is not valid UTF-8 ({error.reason})") from None
    except csv.Error as error:
        raise InputError(f"{path}: malformed catalogue CSV ({error})") from None


def _directory_files(
    directory: Path, catalogue_path: Path | None, listing: list[Path]
) -> list[tuple[str, Path, dict[str, str]]]:
    """(doc_id, file, catalogue row) of every text file of a folder, in doc_id order, ids checked and unique."""
    files = [p for p in listing if p.suffix.lower() in TEXT_SUFFIXES and not p.name.startswith(".")]
    catalogue = _read_catalogue(catalogue_path) if catalogue_path else {}
    for name in catalogue:
        if not (directory / name).is_file():
            raise InputError(f"{catalogue_path}: lists '{name}', which is not in {directory}")
    if not files:
        raise InputError(f"{directory}: empty directory (no .txt, .md or .html files)")
    entries = []
    seen: dict[str, str] = {}
    for file in files:
        metadata = catalogue.get(file.name, {})
        doc_id = _valid_doc_id(metadata.get("doc_id") or file.stem, str(file))
        if doc_id in seen:
            raise InputError(
                f"{file}: duplicate doc_id '{doc_id}' (also {seen[doc_id]} in {directory}; one doc_id per file stem)"
            )
        seen[doc_id] = file.name
        entries.append((doc_id, file, metadata))
    return sorted(entries, key=lambda entry: entry[0])


def _read_directory(files: list[tuple[str, Path, dict[str, str]]], max_doc_mb: float) -> Iterator[Document]:
    for doc_id, file, metadata in files:  # as listed and checked when the corpus was opened
        yield _read_text_file(file, doc_id, metadata, max_doc_mb)


def _read_text_file(path: Path, doc_id: str, metadata: dict[str, str], max_doc_mb: float) -> Document:
    data = _read_bytes(path, max_doc_mb)
    text = decode_text(data, str(path))
    is_html = path.suffix.lower() in (".html", ".htm")
    fields = {key: metadata.get(key) or None for key in METADATA_FIELDS}
    return Document(
        doc_id=_valid_doc_id(doc_id, str(path)),
        raw_text=text,
        source=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        is_html=is_html,
        **fields,
    )


def _read_bytes(path: Path, max_doc_mb: float) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_doc_mb * 1_000_000:
            raise InputError(
                f"{path}: {size / 1_000_000:.1f} MB is larger than the {max_doc_mb:g} MB limit for one document "
                "(split it into articles, e.g. one JSONL line each, or raise --max-doc-mb)"
            )
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    if not data.strip():
        raise InputError(f"{path}: empty file")
    return data


def looks_binary(data: bytes) -> bool:
    """True when bytes hold NULs or mostly control characters, i.e. are not text."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample.translate(None, _NOT_CONTROL))  # in C: a generator over the bytes cost ~0.1 ms a line
    return controls > len(sample) * 0.05


# every byte but the control characters looks_binary counts (tab, line feed, form feed and return are text)
_NOT_CONTROL = bytes([*range(32, 256), 9, 10, 12, 13])


def _utf16(data: bytes) -> str | None:
    """'bom' for UTF-16 with a byte-order mark, 'bare' for UTF-16 without one, None for anything else."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return None  # UTF-32: left to the binary check
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "bom"
    sample = data[:8192]
    if len(sample) >= 8 and (
        sample[1::2].count(0) > 0.9 * (len(sample) // 2) or sample[0::2].count(0) > 0.9 * (len(sample) // 2)
    ):
        return "bare"  # ASCII-range text in UTF-16: every other byte is NUL
    return None


def decode_text(data: bytes, name: str) -> str:
    """Decode bytes as UTF-8 (or UTF-16 with a byte-order mark), else cp1252/latin-1 with a warning; refuse binary."""
    kind = _utf16(data)
    if kind == "bom":
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: marked as UTF-16 but not valid UTF-16; save it as UTF-8") from None
    if kind == "bare":
        raise InputError(f"{name}: looks like UTF-16 text without a byte-order mark; save it as UTF-8")
    if looks_binary(data):
        raise InputError(f"{name}: binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        warnings.warn(f"{name}: not valid UTF-8, read as {encoding}", CorpusEncodingWarning, stacklevel=2)
        return text
    raise InputError(f"{name}: cannot decode as UTF-8, cp1252 or latin-1")  # pragma: no cover


def _parquet_files(directory: Path, listing: list[Path]) -> list[Path]:
    """The .parquet files of a folder (a parquet corpus), or [] for a folder of text files; both is refused."""
    files = [p for p in listing if p.suffix.lower() == PARQUET_SUFFIX and not p.name.startswith(".")]
    if files and any(p.suffix.lower() in TEXT_SUFFIXES for p in listing):
        raise InputError(f"{directory}: holds both .parquet files and text files; give a folder of one kind")
    return files


def _parquet_corpus(files: list[Path], max_doc_mb: float) -> Corpus:
    """A parquet corpus: every row checked and indexed by doc_id now, the documents read later in doc_id order."""
    index = []  # (doc_id, file number, row number)
    seen: dict[str, str] = {}
    for number, path in enumerate(files):
        for row_number, record in _parquet_records(path):
            where = f"{path}: row {row_number}"
            document = _parquet_document(path, row_number, record, max_doc_mb)
            if document.doc_id in seen:
                raise InputError(f"{where}: duplicate doc_id '{document.doc_id}' (first at {seen[document.doc_id]})")
            seen[document.doc_id] = f"{path.name} row {row_number}"
            index.append((document.doc_id, number, row_number))
    if not index:
        raise InputError(f"{files[0] if len(files) == 1 else files[0].parent}: empty parquet corpus (no rows)")
    plan = [(number, row_number) for _, number, row_number in sorted(index)]
    del seen, index
    return Corpus(lambda: _read_parquet(files, plan, max_doc_mb), len(plan))


def _parquet_columns(path: Path):  # -> pyarrow.parquet.ParquetFile, columns to read
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as error:  # pyarrow raises several types for a file that is not parquet
        reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        raise InputError(f"{path}: not a readable parquet file ({reason})") from None
    names = parquet.schema_arrow.names
    for required in ("doc_id", "text"):
        if required not in names:
            raise InputError(
                f"{path}: no '{required}' column (a parquet corpus has the JSONL fields as columns: doc_id, text, "
                f"and optionally is_html, {', '.join(METADATA_FIELDS)})"
            )
    wanted = ("doc_id", "text", "is_html", *METADATA_FIELDS)
    return parquet, [name for name in wanted if name in names]


def _parquet_records(path: Path, start: int = 1) -> Iterator[tuple[int, dict]]:
    """(row number from 1, record of the known columns) of every row from row `start`, read a batch at a time."""
    parquet, columns = _parquet_columns(path)
    row_number, first = 1, 0
    # skip the row groups that end before `start`
    while first < parquet.metadata.num_row_groups and row_number + parquet.metadata.row_group(first).num_rows <= start:
        row_number += parquet.metadata.row_group(first).num_rows
        first += 1
    groups = list(range(first, parquet.metadata.num_row_groups))
    if not groups:
        return
    try:
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, row_groups=groups, columns=columns):
            for record in batch.to_pylist():
                if row_number >= start:
                    yield row_number, record
                row_number += 1
    except InputError:
        raise
    except Exception as error:  # a damaged page shows only when it is read
        reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        raise InputError(f"{path}: row {row_number}: cannot read ({reason})") from None


def _parquet_document(path: Path, row_number: int, record: dict, max_doc_mb: float) -> Document:
    """One parquet row as a Document, checked as a JSONL line is (its sha256 is of the row's fields as JSON)."""
    where = f"{path}: row {row_number}"
    text = record.get("text")
    if isinstance(text, str) and len(text) > max_doc_mb * 1_000_000:
        raise InputError(f"{where}: document larger than the {max_doc_mb:g} MB limit (raise --max-doc-mb)")
    record = check_record({key: value for key, value in record.items() if value is not None}, where, "value")
    doc_id = _valid_doc_id(record["doc_id"].strip(), where)
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return Document(
        doc_id=doc_id,
        raw_text=record["text"],
        source=f"{path.name}:{row_number}",
        sha256=hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
        is_html=record.get("is_html") is True or _looks_like_html(record["text"]),
        **{key: _as_text(record.get(key)) for key in METADATA_FIELDS},
    )


def _read_parquet(files: list[Path], plan: list[tuple[int, int]], max_doc_mb: float) -> Iterator[Document]:
    """The planned rows, in plan order: each file read forward; a step back re-opens it at that row's row group.

    A corpus stored in doc_id order is read once; any other order costs a re-read per step back.
    """
    readers: dict[int, Iterator[tuple[int, dict]]] = {}
    current: dict[int, tuple[int, dict]] = {}
    for number, row_number in plan:
        if number in current and current[number][0] > row_number:
            del readers[number], current[number]
        if number not in readers:
            readers[number] = _parquet_records(files[number], start=row_number)
        while number not in current or current[number][0] < row_number:
            current[number] = next(readers[number])
        yield _parquet_document(files[number], row_number, current[number][1], max_doc_mb)


# What a JSONL file's keys outside JSONL_KEYS were: alias -> field it was read as, alias not read -> (why,),
# unknown key -> None.
KeysSeen = dict[str, str | tuple[str] | None]


def _jsonl_lines(path: Path, offsets: list[int] | None = None) -> Iterator[tuple[int, bytes]]:
    """(line number, bytes without the newline) of each line, read as it goes; offsets gets where each starts."""
    try:
        handle = path.open("rb")
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    with handle:
        head = handle.read(8192)
        if _utf16(head):
            raise InputError(f"{path}: a JSONL file must be UTF-8, and this one is UTF-16; save it as UTF-8")
        if looks_binary(head):
            raise InputError(f"{path}: binary file, not JSONL")
        handle.seek(0)
        offset = 0
        for line_number, line in enumerate(handle, start=1):
            if offsets is not None:
                offsets.append(offset)
            offset += len(line)
            yield line_number, line.removesuffix(b"\n")


def _lines_at(path: Path, plan: list[tuple[int, int]]) -> Iterator[tuple[int, bytes]]:
    """The lines at the given (line number, byte offset) pairs, in the order given."""
    with path.open("rb") as handle:
        for line_number, offset in plan:
            handle.seek(offset)
            yield line_number, handle.readline().removesuffix(b"\n")


def _read_jsonl(
    path: Path, max_doc_mb: float, lines: Iterable[tuple[int, bytes]] | None = None, warn: bool = True
) -> Iterator[Document]:
    for line_number, line_bytes, record, doc_id in _jsonl_records(path, max_doc_mb, lines, warn):
        text = record["text"]
        fields = {key: _as_text(record.get(key)) for key in METADATA_FIELDS}
        yield Document(
            doc_id=doc_id,
            raw_text=text,
            source=f"{path.name}:{line_number}",
            sha256=hashlib.sha256(line_bytes.rstrip(b"\r")).hexdigest(),
            is_html=record.get("is_html") is True or _looks_like_html(text),
            **fields,
        )


def _jsonl_records(
    path: Path, max_doc_mb: float, lines: Iterable[tuple[int, bytes]] | None = None, warn: bool = True
) -> Iterator[tuple[int, bytes, dict, str]]:
    """(line number, line, checked record, doc_id) of each non-blank JSONL line; every refusal of the reader."""
    seen: dict[str, int] = {}
    keys: KeysSeen = {}
    for line_number, line_bytes in _jsonl_lines(path) if lines is None else lines:
        if not line_bytes.strip():
            continue
        where = f"{path}:{line_number}"
        if len(line_bytes) > max_doc_mb * 1_000_000:
            raise InputError(f"{where}: document larger than the {max_doc_mb:g} MB limit (raise --max-doc-mb)")
        record = parse_record(line_bytes, where, keys)
        doc_id = _valid_doc_id(record["doc_id"].strip(), where)
        if doc_id in seen:
            raise InputError(f"{where}: duplicate doc_id '{doc_id}' (first on line {seen[doc_id]})")
        seen[doc_id] = line_number
        yield line_number, line_bytes, record, doc_id
    if not seen:
        raise InputError(f"{path}: empty file (no JSON lines)")
    if warn:
        _warn_keys(path, keys)


def _warn_keys(path: Path, keys: KeysSeen) -> None:
    """One line for the aliases read as fields, one for the aliases not read, one for the keys ignored (a date lost
    without a word is no date)."""
    aliased = sorted((alias, field) for alias, field in keys.items() if isinstance(field, str))
    if aliased:
        read_as = ", ".join(f"'{alias}' as '{field}'" for alias, field in aliased)
        warnings.warn(f"{path}: read {read_as}", CorpusKeysWarning, stacklevel=3)
    unread = sorted((alias, why[0]) for alias, why in keys.items() if isinstance(why, tuple))
    if unread:
        shown = ", ".join(f"'{alias}' ({why})" for alias, why in unread)
        warnings.warn(f"{path}: ignored the alias(es) {shown}", CorpusKeysWarning, stacklevel=3)
    ignored = sorted(key for key, field in keys.items() if field is None)
    if ignored:
        shown = ", ".join(f"'{key[:40]}'" for key in ignored[:5]) + (", …" if len(ignored) > 5 else "")
        warnings.warn(
            f"{path}: ignored {len(ignored)} key(s) the reader does not know: {shown} "
            f"(it reads {', '.join(JSONL_KEYS)})",
            CorpusKeysWarning,
            stacklevel=3,
        )


_RECORD = {"field": "line", "value": "row"}


class _BadNumber(ValueError):
    """A JSON number that is not a finite float (NaN, Infinity, 1e999)."""


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _BadNumber(text)
    return value


def _no_constant(text: str) -> float:
    raise _BadNumber(text)


def _describe(value: object) -> str:
    kind = {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return f"{kind.get(type(value), type(value).__name__)} ({json.dumps(value)[:40]})"


def parse_record(line_bytes: bytes, where: str, keys: KeysSeen | None = None) -> dict:
    """One JSONL line as a checked record: string doc_id and text, boolean is_html, string metadata, valid dates.

    Nothing is coerced: ``"doc_id": true`` or ``"is_html": "false"`` is refused in one line naming the line.
    A key of JSONL_ALIASES is read as its field when the field is absent; keys gets the aliases read and the
    keys ignored.
    """
    line = decode_text(line_bytes, where)
    try:
        record = json.loads(line, parse_float=_finite_float, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise InputError(f"{where}: malformed JSON ({error.msg} at column {error.colno})") from None
    except _BadNumber as error:
        raise InputError(f"{where}: the number {str(error)[:40]} is not finite (JSON has no NaN or infinity)") from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object with 'doc_id' and 'text'")
    if any(key not in JSONL_KEYS for key in record):
        record = _with_aliases(record, where, {} if keys is None else keys)
    return check_record(record, where)


def _with_aliases(record: dict, where: str, keys: KeysSeen) -> dict:
    """The record with each alias read as its field (checked under the alias's own name); unknown keys noted."""
    record = dict(record)
    for key in [key for key in record if key not in JSONL_KEYS]:
        field = JSONL_ALIASES.get(key)
        value = record[key]
        if field is None:
            keys.setdefault(key, None)  # unknown: ignored
            continue
        if record.get(field) not in (None, "") or value in (None, ""):
            # The reader knows this alias; it is not read because its field is given (or it is empty).
            why = "empty" if value in (None, "") else f"'{field}' is given"
            keys.setdefault(key, (why,))
            continue
        if not isinstance(value, str):
            raise InputError(f"{where}: '{key}' (read as '{field}') must be a string, not {_describe(value)}")
        if field in DATE_FIELDS:
            _check_date(where, key, value)  # named as the user wrote it
        record[field] = record.pop(key)
        keys[key] = field
    return record


def check_record(record: dict, where: str, field_kind: str = "field") -> dict:
    """The checks of one record (a JSONL line or a parquet row), each refused in one line naming it."""
    text = record.get("text")
    if not isinstance(text, str):
        got = "" if text is None else f", not {_describe(text)}"
        raise InputError(f"{where}: no 'text' {field_kind} (a string{got}) in this {_RECORD[field_kind]}")
    if not text.strip():
        raise InputError(f"{where}: empty 'text'")
    doc_id = record.get("doc_id")
    if doc_id is None or (isinstance(doc_id, str) and not doc_id.strip()):
        raise InputError(f"{where}: no 'doc_id' {field_kind} in this {_RECORD[field_kind]}")
    if not isinstance(doc_id, str):
        raise InputError(f"{where}: 'doc_id' must be a string, not {_describe(doc_id)}")
    if record.get("is_html") is not None and not isinstance(record["is_html"], bool):
        raise InputError(f"{where}: 'is_html' must be true or false, not {_describe(record['is_html'])}")
    for key in ("text", "doc_id", *METADATA_FIELDS):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{where}: '{key}' must be a string, not {_describe(value)}")
        if isinstance(value, str) and _SURROGATE.search(value):
            position = _SURROGATE.search(value).start()
            raise InputError(
                f"{where}: '{key}' holds a lone surrogate (\\u{ord(value[position]):04x}), not valid Unicode"
            )
    for key in DATE_FIELDS:
        _check_date(where, key, record.get(key))
    return record


def _check_date(where: str, key: str, value: str | None) -> None:
    """Refuse a date field that is given but not a real YYYY[-MM[-DD]] date, in one line naming where."""
    if value and not valid_date(value):
        raise InputError(f"{where}: '{key}' {value[:40]!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)")


def valid_date(value: str) -> bool:
    """True for YYYY, YYYY-MM or YYYY-MM-DD (optionally followed by a time) naming a real calendar date."""
    match = _DATE.fullmatch(value.strip())
    if not match:
        return False
    try:
        date(int(match["year"]), int(match["month"] or 1), int(match["day"] or 1))
    except ValueError:
        return False
    return True


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</p>" in text.lower())


def _valid_doc_id(doc_id: str, where: str) -> str:
    if not _DOC_ID.fullmatch(doc_id):
        raise InputError(f"{where}: doc_id '{doc_id[:60]}' must be 1-200 letters, digits, '.', '_' or '-'")
    return doc_id


def _check_unique(documents: list[Document]) -> None:
    seen: dict[str, str] = {}
    for document in documents:
        if document.doc_id in seen:
            raise InputError(f"{document.source}: duplicate doc_id '{document.doc_id}' (also {seen[document.doc_id]})")
        seen[document.doc_id] = document.source


def with_metadata(document: Document, **metadata: str | None) -> Document:
    """Return a copy of a document with metadata fields filled where they were empty."""
    filled = {key: value for key, value in metadata.items() if value and not getattr(document, key)}
    return replace(document, **filled) if filled else document
