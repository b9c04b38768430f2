"""Run the per-document pipeline over a corpus in chunks: in this process, a process pool, or a Dask cluster.

Every engine maps the same function (``annotate_chunk``) over consecutive chunks and hands the results
back in corpus order, so the tables are identical whatever the engine, the number of workers or the
chunk sizes. Memory is bounded by the chunks in flight (about two per worker), not by the corpus.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from climadiplo.annotate.sentiment import DEFAULT_SENTIMENT_METHOD, SENTIMENT_METHODS
from climadiplo.errors import InputError
from climadiplo.files import OutputState, check_writable, make_staging, replace_directory
from climadiplo.pipeline import DEFAULT_FRAME_METHOD, FRAME_METHODS, Progress, annotate_document
from climadiplo.read.corpus import Document
from climadiplo.schema import TABLE_COLUMNS, to_frame, to_table
from climadiplo.tables import FORMATS, TableWriter, table_record

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

Frames = dict[str, "pd.DataFrame | pa.Table"]
ENGINES = ("local", "dask")
DEFAULT_ENGINE = "local"
DEFAULT_CHUNK_SIZE = 100  # documents; a chunk is also closed at CHUNK_MAX_CHARS of raw text
MIN_DOCUMENTS_PER_WORKER = 20  # below this a local worker costs more to start (about a second) than it saves
CHUNKS_PER_WORKER = 8  # on a small corpus chunks shrink to give each worker this many
# Toward the end a chunk holds at most 1/(TAIL_SHARE * workers) of the documents left (but MIN_TAIL_CHUNK), so
# the last chunks are short and the workers finish together instead of one waiting for another's long last chunk.
TAIL_SHARE = 2
MIN_TAIL_CHUNK = 4  # a chunk costs about 5 ms of its own (its DataFrames), a PolNeAR article about 9 ms
CHUNK_MAX_CHARS = 8_000_000
CONNECT_TIMEOUT = 10  # seconds to reach a --scheduler before giving up
IN_FLIGHT_PER_WORKER = 2  # one being annotated, one waiting, so a worker never idles on the hand-over
# Allocations between two young collections once the models are loaded (Python's default is 700). A document makes
# hundreds of thousands of short-lived objects, and a young collection every 700 of them walked each survivor again:
# 1.4% of the command's CPU time on the 924 PolNeAR articles, 0.3% at this threshold.
YOUNG_COLLECTION_THRESHOLD = 20_000


WARM_UP_ENV = "CLIMADIPLO_WARM_UP"  # set while the forkserver starts: it then runs warm_up() on importing this module
_WARM_UP_TEXT = (
    "China and the United States agreed on Monday to cut emissions by 5 percent by 2030. "
    "“We must act now,” the minister said, and talks may resume next week.\n\n"
    "Critics said the deal was a remarkable failure, according to officials in Beijing."
)


def warm_up() -> None:
    """Load every model, lexicon and pattern the pipeline caches, by annotating a short invented article."""
    for method in FRAME_METHODS:
        _annotate(Document("warm-up", _WARM_UP_TEXT, "warm-up", "", published="2023-06-20"), method)


_LOADED = False  # whether this process has annotated a document (and so loaded the models) yet
_LOADING = threading.Lock()


def _annotate(document: Document, frames_method: str, sentiment_method: str = DEFAULT_SENTIMENT_METHOD):
    """annotate_document; the first call of a process then hides what it loaded from the garbage collector.

    The models, lexicons and patterns live as long as the process, yet every full collection walked them again
    (about 5% of the command's CPU time on 300 PolNeAR articles). Collection pauses while they load (they are
    hundreds of thousands of objects, none garbage) and they are then frozen (gc.freeze: also what the
    forkserver's workers should share unwritten). Everything made later is collected as usual, its young objects
    less often (``YOUNG_COLLECTION_THRESHOLD``; a higher threshold already set is kept).
    """
    global _LOADED
    # One thread loads (Dask's threaded workers share the process, and the collector is the process's): the
    # others wait for it, so that none sees the collector paused and leaves it so.
    if not _LOADED:
        with _LOADING:
            if not _LOADED:
                enabled = gc.isenabled()
                gc.disable()
                try:
                    return annotate_document(document, frames_method, sentiment_method)
                finally:
                    _LOADED = True
                    gc.freeze()
                    young, *older = gc.get_threshold()
                    if young < YOUNG_COLLECTION_THRESHOLD:
                        gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, *older)
                    if enabled:
                        gc.enable()
    return annotate_document(document, frames_method, sentiment_method)


def default_workers() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def annotate_chunk(
    documents: list[Document],
    frames_method: str = DEFAULT_FRAME_METHOD,
    sentiment_method: str = DEFAULT_SENTIMENT_METHOD,
    arrow: bool = False,
) -> Frames:
    """Annotate a chunk of documents and return one typed, sorted DataFrame per table (arrow: pyarrow tables)."""
    rows: dict[str, list[dict]] = {table: [] for table in TABLE_COLUMNS}
    for document in documents:
        for table, table_rows in _annotate(document, frames_method, sentiment_method).items():
            rows[table].extend(table_rows)
    build = to_table if arrow else to_frame
    return {table: build(table, table_rows) for table, table_rows in rows.items()}


def chunked(documents: Iterable[Document], size: int | Callable[[int], int]) -> Iterator[list[Document]]:
    """Consecutive chunks of at most size documents (and about CHUNK_MAX_CHARS of text).

    size may be a function of the documents chunked so far, asked as each chunk begins (see chunk_plan).
    """
    plan = size if callable(size) else (lambda done: size)
    chunk: list[Document] = []
    chars = done = 0
    limit = plan(0)
    for document in documents:
        chunk.append(document)
        chars += len(document.raw_text)
        if len(chunk) >= limit or chars >= CHUNK_MAX_CHARS:
            yield chunk
            done += len(chunk)
            chunk, chars = [], 0
            limit = plan(done)
    if chunk:
        yield chunk


def chunk_plan(total: int, workers: int, chunk_size: int) -> Callable[[int], int]:
    """Chunk sizes for a corpus of total documents: chunk_size, shrinking toward the end when several workers share it."""
    if workers <= 1 or total <= 0:
        return lambda done: chunk_size
    share = TAIL_SHARE * workers
    return lambda done: max(1, min(chunk_size, max(MIN_TAIL_CHUNK, -(-(total - done) // share))))


def _serial(function: Callable, chunks: Iterable[list[Document]]) -> Iterator[tuple[int, Frames]]:
    for chunk in chunks:
        yield len(chunk), function(chunk)


def _pool_context():
    """forkserver where there is one: workers start from a clean process with the pipeline loaded, not from a copy
    of this one (which may hold threads, e.g. pyarrow's writer pool, that fork would copy half-way)."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["climadiplo.engines"])
        return context
    return multiprocessing.get_context("spawn")


def start_pool_server() -> None:
    """Start the local pool's forkserver now, in the background: it loads every model while this process goes on.

    Called before the corpus is checked and indexed, so that the two overlap; without it the first pool runs it.
    Does nothing where there is no forkserver (macOS, Windows spawn their workers instead).
    """
    if _pool_context().get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    # Told by the environment, the forkserver loads the models and lexicons once, when it imports this module, and
    # every worker forks from it warm. A forkserver already running is kept as it is.
    os.environ[WARM_UP_ENV] = "1"
    try:
        forkserver.ensure_running()
    finally:
        os.environ.pop(WARM_UP_ENV, None)


def _local(
    function: Callable, documents: Iterable[Document], workers: int, plan: Callable[[int], int] | int
) -> Iterator[tuple[int, Frames]]:
    """(documents, tables) of each chunk in corpus order, from a pool of workers (or this process for one)."""
    chunks = chunked(documents, plan)
    if workers <= 1:
        yield from _serial(function, chunks)
        return
    start_pool_server()  # if the command has not started it yet (it does nothing without a forkserver)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context())
    try:
        yield from _in_order(partial(pool.submit, function), chunks, workers * IN_FLIGHT_PER_WORKER)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _in_order(submit: Callable, chunks: Iterable[list[Document]], window: int) -> Iterator[tuple[int, Frames]]:
    """Submit chunks, at most window at a time, and yield (documents, result) in submission order."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append((len(chunk), submit(chunk)))
        while len(pending) >= window:
            size, future = pending.popleft()
            yield size, future.result()
    while pending:
        size, future = pending.popleft()
        yield size, future.result()


def _dask(
    function: Callable, chunks: Iterable[list[Document]], workers: int, scheduler: str | None, processes: bool
) -> Iterator[tuple[int, Frames]]:
    import logging

    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as error:
            raise InputError(f"--scheduler {scheduler}: cannot connect to a Dask scheduler ({error})") from None
    else:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    try:
        threads = max(1, sum(client.nthreads().values()))
        yield from _in_order(partial(client.submit, function, pure=False), chunks, threads * IN_FLIGHT_PER_WORKER)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def annotate_chunks(
    documents: Iterable[Document],
    frames_method: str = DEFAULT_FRAME_METHOD,
    workers: int = 1,
    engine: str = DEFAULT_ENGINE,
    scheduler: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    processes: bool = True,
    sentiment_method: str = DEFAULT_SENTIMENT_METHOD,
    arrow: bool = False,
) -> Iterator[tuple[int, Frames]]:
    """(number of documents, tables) of each chunk, in corpus order, annotated by the chosen engine."""
    check_engine_options(frames_method, workers, engine, scheduler, chunk_size, sentiment_method)
    total = len(documents) if hasattr(documents, "__len__") else 0
    if workers > 1 and total:
        if engine == "local":
            workers = max(1, min(workers, total // MIN_DOCUMENTS_PER_WORKER))
        chunk_size = max(1, min(chunk_size, -(-total // (CHUNKS_PER_WORKER * workers))))
    function = partial(annotate_chunk, frames_method=frames_method, sentiment_method=sentiment_method, arrow=arrow)
    plan = chunk_plan(total, workers, chunk_size)
    if engine == "dask":
        return _dask(function, chunked(documents, plan), workers, scheduler, processes)
    return _local(function, documents, workers, plan)


def check_engine_options(
    frames_method: str,
    workers: int,
    engine: str,
    scheduler: str | None,
    chunk_size: int,
    sentiment_method: str = DEFAULT_SENTIMENT_METHOD,
) -> None:
    """Refuse unknown engines and methods, and counts below one, in one line each."""
    if frames_method not in FRAME_METHODS:
        raise InputError(f"--frames-method {frames_method}: choose one of {', '.join(FRAME_METHODS)}")
    if sentiment_method not in SENTIMENT_METHODS:
        raise InputError(f"--sentiment-method {sentiment_method}: choose one of {', '.join(SENTIMENT_METHODS)}")
    if engine not in ENGINES:
        raise InputError(f"--engine {engine}: choose one of {', '.join(ENGINES)}")
    if workers < 1:
        raise InputError(f"--workers {workers}: give at least 1")
    if chunk_size < 1:
        raise InputError(f"--chunk-size {chunk_size}: give at least 1 document")
    if scheduler and engine != "dask":
        raise InputError("--scheduler needs --engine dask")


def stream_tables(
    documents: Iterable[Document],
    out_dir: str | Path,
    fmt: str = "parquet",
    overwrite: bool = False,
    progress: Progress | None = None,
    frames_method: str = DEFAULT_FRAME_METHOD,
    workers: int = 1,
    engine: str = DEFAULT_ENGINE,
    scheduler: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    processes: bool = True,
    state: OutputState | None = None,
    sentiment_method: str = DEFAULT_SENTIMENT_METHOD,
) -> dict[str, int]:
    """Annotate documents (sorted by doc_id) chunk by chunk and write each table as it goes; return row counts.

    The folder appears only when every table is complete (it is built beside out_dir and moved in place).
    processes=False runs a Dask LocalCluster's workers as threads of this process (for tests).
    state: what check_writable saw before the work began (the folder must not have changed since).
    """
    if fmt not in FORMATS:
        raise InputError(f"--format {fmt}: choose one of {', '.join(FORMATS)}")
    check_engine_options(frames_method, workers, engine, scheduler, chunk_size, sentiment_method)
    out_dir = Path(out_dir)
    state = state or check_writable(out_dir, overwrite)
    total = len(documents) if hasattr(documents, "__len__") else 0
    staging = make_staging(out_dir)
    try:
        writer = TableWriter(staging, fmt, record=table_record(frames_method, sentiment_method))
        done = 0
        last_id = ""
        for size, frames in annotate_chunks(
            documents,
            frames_method,
            workers,
            engine,
            scheduler,
            chunk_size,
            processes,
            sentiment_method,
            arrow=fmt == "parquet",
        ):
            ids = frames["documents"]["doc_id"]
            ids = ids.to_pylist() if hasattr(ids, "to_pylist") else ids.tolist()  # a pyarrow or a pandas column
            if ids and ids[0] <= last_id:
                raise ValueError("stream_tables needs documents sorted by doc_id (open_corpus reads them so)")
            last_id = ids[-1] if ids else last_id
            writer.write(frames)
            done += size
            if progress is not None:
                progress(done, max(total, done))
        counts = writer.close()
        replace_directory(staging, out_dir, state)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return counts


if os.environ.get(WARM_UP_ENV) == "1":
    warm_up()
