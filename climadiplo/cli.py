"""Command line: ``climadiplo tables | evaluate | run | code`` — parse, report errors in one line, call the package."""

from __future__ import annotations

import argparse
import math
import os
import signal
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from climadiplo import __version__
from climadiplo.errors import ClimadiploError, InputError, OutputError

# Parsing imports nothing beyond this module, so that --help, --version and a bad argument answer at once, and
# `tables` on several workers can start their server before this process spends about 0.3 s importing pandas,
# pyarrow and the pipeline (the commands import what they need when they run). Hence the parser's choices and
# defaults are written here; tests/test_cli.py checks each one against the module that owns it.
FRAME_METHODS = ("lexicon", "classifier")  # pipeline
DEFAULT_FRAME_METHOD = "classifier"
SENTIMENT_METHODS = ("model", "lexicon")  # annotate.sentiment
DEFAULT_SENTIMENT_METHOD = "model"
FORMATS = ("parquet", "csv")  # tables
ENGINES = ("local", "dask")  # engines
DEFAULT_ENGINE = "local"
DEFAULT_CHUNK_SIZE = 100
DEFAULT_MAX_DOC_MB = 10.0  # read.corpus
POOL_PRELOAD = ["climadiplo.engines"]  # engines._pool_context: what the pool's forkserver imports
WARM_UP_ENV = "CLIMADIPLO_WARM_UP"  # engines.WARM_UP_ENV: tells the forkserver to load the models as it starts

DEFAULT_TABLES_DIR = Path("reports") / "tables"
PROGRESS_THRESHOLD = 200


def default_workers() -> int:
    """The number of cores this process may run on (as engines.default_workers)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def start_pool_server_early() -> None:
    """Start the local pool's forkserver as engines.start_pool_server would, before this process imports engines.

    The server imports the pipeline and loads the models (about 0.5 s of CPU) while this process imports the
    same modules and indexes the corpus, on the other core. Nothing happens without a forkserver (macOS and
    Windows spawn their workers), and engines keeps a server already running as it is.
    """
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return
    from multiprocessing import forkserver

    multiprocessing.get_context("forkserver").set_forkserver_preload(POOL_PRELOAD)
    os.environ[WARM_UP_ENV] = "1"
    try:
        forkserver.ensure_running()
    finally:
        os.environ.pop(WARM_UP_ENV, None)


def _progress_printer(total_hint: int):
    """A progress callback that prints about twenty lines for a large corpus, nothing for a small one."""
    step = max(1, total_hint // 20)
    printed = [0]  # documents done at the last line: chunks advance the count by more than one

    def report(done: int, total: int) -> None:
        if total > PROGRESS_THRESHOLD and (done // step > printed[0] // step or done == total):
            printed[0] = done
            print(f"climadiplo: annotated {done}/{total} documents", file=sys.stderr, flush=True)

    return report


def _megabytes(text: str) -> float:
    """An argparse type: a finite number of megabytes above zero (nan would switch the limit off)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number of megabytes above 0")
    return value


def _add_max_doc_mb(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-doc-mb", type=_megabytes, default=DEFAULT_MAX_DOC_MB, help="refuse documents larger than this (MB)"
    )


def _add_corpus_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus",
        help="folder of .txt/.md/.html files, a .jsonl or .parquet file, or a folder of .parquet files"
        " (default: the seed corpus)",
    )
    _add_max_doc_mb(parser)
    _add_method_arguments(parser)


class _Given(argparse.Action):
    """Store the value and note that the option was given: a default is not a choice (see _methods_of_tables)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        setattr(namespace, self.dest, values)
        namespace.given = {*getattr(namespace, "given", ()), self.dest}


def _add_method_arguments(parser: argparse.ArgumentParser) -> None:
    """The options that decide what the tables hold (tables, evaluate, code and run share them)."""
    parser.add_argument(
        "--frames-method",
        action=_Given,
        choices=FRAME_METHODS,
        default=DEFAULT_FRAME_METHOD,
        help=f"how sentences get frame labels (default: {DEFAULT_FRAME_METHOD}, the better one on the hand-coded dev sample)",
    )
    parser.add_argument(
        "--sentiment-method",
        action=_Given,
        choices=SENTIMENT_METHODS,
        default=DEFAULT_SENTIMENT_METHOD,
        help=f"how sentences and mentions get tone: the learned model or VADER with the domain lexicon "
        f"(default: {DEFAULT_SENTIMENT_METHOD})",
    )


def _add_workers(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workers",
        type=int,
        help=f"processes (or Dask workers) to annotate with (default: the cores, {default_workers()})",
    )


def _add_engine_arguments(parser: argparse.ArgumentParser) -> None:
    """How the tables are made, not what they hold: any engine and chunk size give the same tables (tables, run)."""
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default=DEFAULT_ENGINE,
        help="local: a process pool on this machine (default); dask: dask.distributed, a LocalCluster or --scheduler",
    )
    parser.add_argument("--scheduler", help="address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786")
    parser.add_argument(
        "--chunk-size",
        type=int,
        default=DEFAULT_CHUNK_SIZE,
        help=f"most documents per chunk: memory holds about two chunks per worker (default: {DEFAULT_CHUNK_SIZE}; "
        "smaller on a small corpus and toward the end, so that the workers finish together)",
    )


def _load_tables(args: argparse.Namespace) -> dict:
    from climadiplo.pipeline import build_tables
    from climadiplo.read.corpus import load_corpus

    documents = load_corpus(args.corpus, max_doc_mb=args.max_doc_mb)
    return build_tables(
        documents,
        progress=_progress_printer(len(documents)),
        frames_method=args.frames_method,
        sentiment_method=args.sentiment_method,
    )


def command_tables(args: argparse.Namespace) -> int:
    """Build the tables of a corpus, chunk by chunk on every core, and write one file per table as it goes."""
    from climadiplo.files import check_writable

    out_dir = Path(args.out)
    state = check_writable(out_dir, args.overwrite, protect=[args.corpus])  # fail before the work, not after it
    workers = default_workers() if args.workers is None else args.workers
    if args.engine == "local" and workers > 1 and args.chunk_size >= 1 and not args.scheduler:
        start_pool_server_early()  # (none for options check_engine_options will refuse)
    from climadiplo.engines import check_engine_options, stream_tables
    from climadiplo.read.corpus import open_corpus

    check_engine_options(
        args.frames_method, workers, args.engine, args.scheduler, args.chunk_size, args.sentiment_method
    )
    documents = open_corpus(args.corpus, max_doc_mb=args.max_doc_mb)
    counts = stream_tables(
        documents,
        out_dir,
        fmt=args.format,
        overwrite=args.overwrite,
        progress=_progress_printer(len(documents)),
        frames_method=args.frames_method,
        workers=workers,
        engine=args.engine,
        scheduler=args.scheduler,
        chunk_size=args.chunk_size,
        state=state,
        sentiment_method=args.sentiment_method,
    )
    written = ", ".join(f"{count} {name}" for name, count in counts.items())
    print(f"climadiplo: wrote {written} to {out_dir}/ ({args.format})")
    return 0


def command_evaluate(args: argparse.Namespace) -> int:
    """Print metrics comparing the tables of a corpus with gold annotations."""
    import pandas as pd

    from climadiplo.analyse.evaluate import check_gold_complete, evaluate, load_gold
    from climadiplo.files import write_atomically, write_text_atomically

    if args.errors and not args.attribution:
        raise InputError("--errors lists the wrong quotes of an --attribution FILE: give --attribution too")
    if args.json and args.errors and Path(args.json).resolve() == Path(args.errors).resolve():
        raise InputError(f"--json and --errors name the same file ({args.json}): give two file names")
    from climadiplo.analyse.evaluate import default_gold_dir

    inputs = {Path(path).resolve() for path in (args.attribution, args.frames_sample, args.frames_articles) if path}
    gold_dir = Path(args.gold) if args.gold else default_gold_dir()
    inputs |= {path.resolve() for path in gold_dir.glob("*.jsonl")}  # the gold files, read by name
    if args.corpus and Path(args.corpus).is_file():
        inputs.add(Path(args.corpus).resolve())
    for path in (args.json, args.errors):
        if path and Path(path).resolve() in inputs:  # --overwrite would replace the hand-coded file with results
            raise InputError(f"{path}: is an input of this evaluation; write the results to another file")
        if path:
            _check_output_file(Path(path), args.overwrite)  # refuse before the work, not after it
    if args.attribution:  # a hand-coded attribution file: the text is in the file, no corpus needed
        from climadiplo.analyse.evaluate import (
            attribution_errors,
            attribution_metrics,
            load_attribution,
            predict_attribution,
        )

        records = load_attribution(args.attribution)
        predicted = predict_attribution(records)  # once, for the metrics and the list of errors
        metrics = attribution_metrics(records, predicted=predicted)
        # Both results before either file: a failure in the list of errors leaves neither written.
        errors = attribution_errors(records, predicted=predicted) if args.errors else None
        print(metrics.to_string(index=False))
        if args.json:
            text = metrics.to_json(orient="records", indent=1) + "\n"
            write_text_atomically(Path(args.json), text, overwrite=args.overwrite)
        if errors is not None:
            write_atomically(
                Path(args.errors),
                lambda temporary: errors.to_csv(temporary, index=False, lineterminator="\n", encoding="utf-8"),
                overwrite=args.overwrite,
            )
            print(f"climadiplo: wrote {len(errors)} wrong quotes to {args.errors}", file=sys.stderr)
        return 0
    if args.frames_sample:
        from climadiplo.analyse.evaluate import frame_sample_metrics, load_frame_sample

        sample = load_frame_sample(args.frames_sample)  # checked before the work, not after it
    elif args.frames_articles:
        from climadiplo.analyse.evaluate import frame_article_metrics, load_frame_articles

        article_codes = load_frame_articles(args.frames_articles)
    else:
        gold = load_gold(args.gold)
        check_gold_complete(gold, args.gold)
    if args.tables:
        from climadiplo.tables import read_tables

        tables = read_tables(args.tables)
        _methods_of_tables(args, labelled=bool(args.frames_sample or args.frames_articles))
    else:
        tables = _load_tables(args)
    if args.frames_sample:
        metrics = frame_sample_metrics(tables["sentences"], sample, task=f"frames_sample_{args.frames_method}")
    elif args.frames_articles:
        metrics = frame_article_metrics(
            tables["documents"], article_codes, task=f"frames_articles_{args.frames_method}"
        )
    else:
        metrics = evaluate(tables, gold)
    with pd.option_context("display.max_rows", 500, "display.width", 120):
        print(metrics.to_string(index=False))
    if args.json:
        text = metrics.to_json(orient="records", indent=1) + "\n"
        write_text_atomically(Path(args.json), text, overwrite=args.overwrite)
    return 0


def _methods_of_tables(args: argparse.Namespace, labelled: bool) -> None:
    """Set args' methods to those that made the --tables (their record), refusing an option given against them.

    labelled: the metrics are labelled by the frames method, so tables that do not record it are said to be
    labelled by the option as given.
    """
    from climadiplo.tables import read_table_record

    record = read_table_record(args.tables)
    if record is None:
        if labelled:
            warnings.warn(
                f"{args.tables}: the tables do not record their frames method (CSV, or written before climadiplo "
                f"recorded it); the metrics are labelled by --frames-method {args.frames_method} as given",
                stacklevel=2,
            )
        return
    for dest, recorded in record.items():
        option = "--" + dest.replace("_", "-")
        if dest in getattr(args, "given", ()) and getattr(args, dest) != recorded:
            raise InputError(
                f"{args.tables}: the tables were made with {option} {recorded}, not {getattr(args, dest)}; "
                f"drop {option} or rebuild the tables with it"
            )
        setattr(args, dest, recorded)


def _check_output_file(path: Path, overwrite: bool) -> None:
    """Refuse an output file that exists (without --overwrite) or whose folder does not, before any work."""
    if path.is_symlink() or path.is_dir():  # as files.write_atomically would refuse them, after the work
        raise OutputError(
            f"{path}: is a {'symbolic link' if path.is_symlink() else 'directory'}; give a plain file name"
        )
    if path.exists() and not overwrite:
        raise OutputError(f"{path}: already exists; choose another file name or pass --overwrite")
    if not path.parent.is_dir():
        raise OutputError(f"{path}: the folder {path.parent} does not exist")


def command_code_export(args: argparse.Namespace) -> int:
    """Write a coding sheet of a corpus's sentences for hand-coding frames."""

    from climadiplo.analyse.coding import coding_sheet, write_sheet

    if args.corpus and Path(args.out).resolve() == Path(args.corpus).resolve():  # --overwrite would replace it
        raise InputError(f"{args.out}: is the --corpus; write the coding sheet to another file")
    _check_output_file(Path(args.out), args.overwrite)  # refuse before the work, not after it
    if args.sample is not None and args.sample < 1:
        raise InputError(f"--sample {args.sample}: give a number of sentences of at least 1")
    tables = _load_tables(args)
    sheet = coding_sheet(
        tables["sentences"], sample=args.sample, seed=args.seed, oversample_framed=args.oversample_framed
    )
    path = write_sheet(sheet, args.out, overwrite=args.overwrite)
    written = len(sheet)  # the rows just written, not the file read back
    # --sample beyond the corpus takes every sentence: say how many there were, not the number asked for
    short = args.sample is not None and written < args.sample
    shown = f"all {written:,} sentences (fewer than --sample {args.sample})" if short else f"{written:,} sentences"
    print(f"climadiplo: wrote a coding sheet of {shown} to {path}")
    return 0


def command_code_agree(args: argparse.Namespace) -> int:
    """Print agreement between coded sheets, and between each coder and the tool."""
    import pandas as pd

    from climadiplo.analyse.coding import agreement, import_sheet, known_sentences

    coded = [import_sheet(path) for path in args.sheets]
    tool = None
    if not args.no_tool:
        tables = _load_tables(args)
        tool = tables["sentences"][["doc_id", "sentence", "cooperation", "competition", "conflict"]]
        coded = [known_sentences(sheet, tool, path) for path, sheet in zip(args.sheets, coded, strict=True)]
    result = agreement(coded, tool, weighted=args.weighted)
    with pd.option_context("display.max_rows", 500, "display.width", 120):
        print(result.to_string(index=False))
    return 0


def _parse_value(text: str):
    """A -p value as YAML would read it: numbers, lists ([svg, pdf]) and strings."""
    from climadiplo.present.notebook import load_yaml

    try:
        return load_yaml(text, "-p value")
    except InputError:
        return text  # not YAML (or an alias): the words themselves


def command_run(args: argparse.Namespace) -> int:
    """Build the tables, run every notebook headless, and write figures, report and manifest."""
    from climadiplo.run import read_parameter_file, run_collection

    parameters = read_parameter_file(args.params) if args.params else {}
    for name, value in args.parameter or []:
        parameters[name] = _parse_value(value)
    run_collection(
        args.out,
        corpus=args.corpus,
        max_doc_mb=args.max_doc_mb,
        parameters=parameters,
        only=args.only.split(",") if args.only else None,
        overwrite=args.overwrite,
        progress=lambda line: print(line, file=sys.stderr, flush=True),
        frames_method=args.frames_method,
        sentiment_method=args.sentiment_method,
        workers=args.workers,
        engine=args.engine,
        scheduler=args.scheduler,
        chunk_size=args.chunk_size,
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``climadiplo`` command."""
    parser = argparse.ArgumentParser(
        prog="climadiplo",
        description="Who is quoted, what is claimed, with what tone, and how a relationship is framed: "
        "tidy tables, notebooks and a report from a corpus of news articles.",
        epilog="Start with `climadiplo run --out results` (the seed articles) or "
        "`climadiplo run --corpus YOUR_FOLDER --out results`; `climadiplo COMMAND --help` for each command.",
    )
    parser.add_argument("--version", action="version", version=f"climadiplo {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    tables = commands.add_parser("tables", help="build the tidy tables of a corpus")
    _add_corpus_arguments(tables)
    tables.add_argument("--out", default=str(DEFAULT_TABLES_DIR), help=f"output folder (default: {DEFAULT_TABLES_DIR})")
    tables.add_argument("--format", choices=FORMATS, default="parquet", help="file format (default: parquet)")
    tables.add_argument("--overwrite", action="store_true", help="replace a non-empty output folder")
    _add_workers(tables)
    _add_engine_arguments(tables)
    tables.set_defaults(handler=command_tables)

    evaluate = commands.add_parser("evaluate", help="compare the tables with hand-coded gold annotations")
    _add_corpus_arguments(evaluate)
    evaluate.add_argument("--gold", help="gold folder of *.jsonl files (default: the seed gold)")
    evaluate.add_argument(
        "--tables",
        help="read prebuilt tables from this folder instead of annotating (the metrics are labelled by the methods "
        "the tables record; a method option given against them is refused)",
    )
    evaluate.add_argument("--json", help="also write the metrics to this JSON file")
    evaluate.add_argument("--overwrite", action="store_true", help="replace an existing --json or --errors file")
    evaluate.add_argument(
        "--frames-sample",
        help="instead of gold: a coded frames sample (codes, no text; e.g. data/annotations/frames-dev/sample.csv)",
    )
    evaluate.add_argument(
        "--frames-articles",
        help="instead of gold: article-level frame codes (CSV: doc_id, text_sha1, conflict_frame, ...; e.g. "
        "data/annotations/frames-dev/articles.csv): ROC-AUC of the documents' frame shares",
    )
    evaluate.add_argument(
        "--attribution",
        help="score quotes and speakers on a hand-coded attribution JSONL file (doc_id, text, quotes; see data/README.md)",
    )
    evaluate.add_argument(
        "--errors",
        help="with --attribution: also write every wrong quote to this CSV, one row each (doc_id, start, end, "
        "gold_speaker, predicted_speaker, kind: missed, extra, boundary, wrong_speaker, unnamed)",
    )
    evaluate.set_defaults(handler=command_evaluate)

    run = commands.add_parser(
        "run",
        help="run every notebook headless: tables, figures, report, manifest",
        description="Build the tables afresh (the options as for `climadiplo tables`), run every notebook headless and "
        "write tables, figures, report and manifest. The manifest records every table option; the run id covers the "
        "methods, not --workers, --engine, --scheduler or --chunk-size, which give the same tables.",
    )
    run.add_argument("--corpus", help="a corpus, as for tables (default: the seed corpus)")
    _add_max_doc_mb(run)
    _add_method_arguments(run)
    _add_workers(run)
    _add_engine_arguments(run)  # the same tables whatever these are: the run id leaves them out
    run.add_argument("--out", default="reports", help="output folder (default: reports)")
    run.add_argument(
        "--params",
        help="YAML file of notebook parameters (as in the notebooks' parameter cell: n_boot, actors, sides, outlets, ...)",
    )
    run.add_argument(
        "-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"), help="one notebook parameter"
    )
    run.add_argument("--only", help="comma-separated notebook names or numbers (e.g. 00,03-framing)")
    run.add_argument("--overwrite", action="store_true", help="replace a non-empty output folder")
    run.set_defaults(handler=command_run)

    code = commands.add_parser("code", help="hand-code frames: export a coding sheet, measure agreement")
    code_commands = code.add_subparsers(dest="code_command", required=True)
    export = code_commands.add_parser("export", help="write sentences to a CSV with empty frame columns")
    _add_corpus_arguments(export)
    export.add_argument("--out", required=True, help="the coding sheet to write")
    export.add_argument(
        "--overwrite", action="store_true", help="replace an existing --out file (a coded sheet's codes are lost)"
    )
    export.add_argument("--sample", type=int, help="a random sample of this many sentences (default: all)")
    export.add_argument("--seed", type=int, default=0, help="seed of the random sample (default 0)")
    export.add_argument(
        "--oversample-framed",
        action="store_true",
        help="draw half of --sample from sentences the tool frames, half from the rest; weights go in the sheet",
    )
    export.set_defaults(handler=command_code_export)
    agree = code_commands.add_parser("agree", help="agreement between coded sheets and with the tool")
    _add_corpus_arguments(agree)
    agree.add_argument("sheets", nargs="+", help="coded sheets (CSV)")
    agree.add_argument("--no-tool", action="store_true", help="compare coders only, not the tool")
    agree.add_argument(
        "--weighted", action="store_true", help="also report kappa weighted by the sheet's weight column"
    )
    agree.set_defaults(handler=command_code_agree)
    return parser


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"climadiplo: warning: {message}", file=sys.stderr)


def _one_line(message: str) -> str:
    """A message with control and line-break characters (from file contents or names) shown escaped."""
    return "".join(
        char if char.isprintable() or char == " " else char.encode("unicode_escape", "backslashreplace").decode()
        for char in message
    )


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every cleanup on the way out runs, and told apart at the exit status."""


def _terminated(signum, frame) -> None:
    # SIGTERM as an exception, so the staging folders of this run are removed on the way out.
    raise Terminated


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run a subcommand and turn user-facing errors into one line and exit status 2."""
    args = build_parser().parse_args(argv)
    warnings.showwarning = _one_line_warning
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _terminated)
    try:
        return args.handler(args)
    except ClimadiploError as error:
        print(f"climadiplo: error: {_one_line(str(error))}", file=sys.stderr)
        return 2
    except OSError as error:  # disk full, permissions: say which file, not a traceback
        where = f"{error.filename}: " if error.filename else ""
        print(f"climadiplo: error: {_one_line(f'{where}{error.strerror or error}')}", file=sys.stderr)
        return 1
    except Terminated:
        print("climadiplo: terminated", file=sys.stderr)
        return 128 + signal.SIGTERM  # 143, as a shell reports a process SIGTERM ended
    except KeyboardInterrupt:
        print("climadiplo: interrupted", file=sys.stderr)
        return 128 + signal.SIGINT  # 130
