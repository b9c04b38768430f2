"""Benchmark of the whole `climadiplo tables` command on real news: words/s per stage and in total, VADER-only
yardstick, the start-up of `climadiplo --help`, 1 vs 2 workers, Dask, and peak memory at several corpus sizes.

Run: ``make benchmark`` or ``.venv/bin/python benchmarks/bench_tables.py [--sizes 10,100,1000] [--profile 25]``.
The corpus is ``../shared/dev/polnear/corpus.jsonl`` (924 real articles) when it is there, else invented news
prose from benchmarks/newsgen.py (seeded). Larger corpora are that corpus repeated with new doc_ids, written to
a temporary folder and removed afterwards. Nothing is asserted: speed is reported, not unit-tested.

Peak memory is the largest sum, over the command's processes (main, pool workers), of their proportional set
size (PSS), sampled every 0.1 s. "Per core" figures divide words by CPU seconds (less disturbed by other load than wall-clock seconds);
speed-ups use wall-clock seconds, since that is what more workers buy.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "dev" / "polnear" / "corpus.jsonl"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsgen import generate, write_jsonl  # noqa: E402

from climadiplo import pipeline  # noqa: E402
from climadiplo.read.corpus import load_corpus  # noqa: E402
from climadiplo.tables import read_tables  # noqa: E402

BUILDERS = ("read_article", "sentence_table", "add_frames", "quote_table", "mention_table", "event_table")
LEAVES = (  # the stage functions pipeline calls (by the names it imports them under)
    "extract_article",
    "clean_text",
    "split_sentences",
    "find_mentions",
    "paragraph_roles",
    "annotate_claims",
    "sentence_tones",
    "mention_tones",
    "date_word_sentences",
    "find_events",
    "score_document",
    "extract_quotes",
)


def machine() -> str:
    """CPU model, cores, memory and load: the figures mean little without them."""
    model = platform.processor() or "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    memory = psutil.virtual_memory().total / 2**30
    return f"{model}; {psutil.cpu_count()} cores; {memory:.0f} GiB; Python {platform.python_version()}; load {load}"


def stage_times(documents: list) -> tuple[dict[str, float], float, list[str], int]:
    """CPU seconds inside each builder and each stage function of annotate_document, over all documents."""
    spent: dict[str, float] = defaultdict(float)
    originals = {}

    def timed(name, function):
        def wrapper(*args, **kwargs):
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - started

        return wrapper

    for name in BUILDERS + LEAVES:
        if hasattr(pipeline, name):
            originals[name] = getattr(pipeline, name)
            setattr(pipeline, name, timed(name, originals[name]))
    try:
        pipeline.annotate_document(documents[0])  # load lexicons and models outside the measurement
        spent.clear()
        started = time.process_time()
        results = [pipeline.annotate_document(document) for document in documents]
        total = time.process_time() - started
    finally:
        for name, function in originals.items():
            setattr(pipeline, name, function)
    sentences = [row["text"] for result in results for row in result["sentences"]]
    words = sum(row["n_words"] for result in results for row in result["documents"])
    return dict(spent), total, sentences, words


def vader_seconds(sentences: list[str]) -> float:
    """CPU seconds of plain VADER (its shipped lexicon, no domain terms) over the same sentences."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    started = time.process_time()
    for sentence in sentences:
        analyzer.polarity_scores(sentence)
    return time.process_time() - started


def run_tables(corpus: Path, out: Path, *options: str, cores: int = 2) -> dict[str, float]:
    """Run `climadiplo tables` in a fresh process; wall seconds, CPU seconds and peak memory (PSS) of its tree.

    path: the shortest wall-clock time idle cores would allow, start-up included (seconds).
    """
    command = [sys.executable, "-m", "climadiplo", "tables", "--corpus", str(corpus), "--out", str(out)]
    command += ["--overwrite", *options]
    load = os.getloadavg()[0]  # the larger of the load before and after counts
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    started = time.perf_counter()
    process = psutil.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak, cpu, kinds = 0, {}, {}
    before_server = None  # the command's own CPU seconds when the pool's forkserver appeared
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak, before_server
        while not stop.is_set():
            try:
                tree = [process, *process.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            rss = 0
            for member in tree:
                try:
                    if member.pid not in kinds:
                        kinds[member.pid] = _kind(process, member)
                        if kinds[member.pid] == "server" and before_server is None:
                            before_server = cpu.get(process.pid, 0.0)
                    # PSS shares pages that workers hold in common (the forkserver's modules) among them, so the
                    # sum is what the tree really occupies; plain RSS would count those pages once per process.
                    rss += getattr(member.memory_full_info(), "pss", 0) or member.memory_info().rss
                    times = member.cpu_times()
                    cpu[member.pid] = times.user + times.system
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    pass
            peak = max(peak, rss)
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"climadiplo tables {' '.join(options)} failed:\n{stderr.decode()[-2000:]}")
    load = max(load, os.getloadavg()[0])
    total = sum(cpu.values())
    path = max(max(cpu.values()), total / cores)  # without a forkserver (one process, Dask): the CPU bound
    if before_server is not None:
        server = sum(seconds for pid, seconds in cpu.items() if kinds.get(pid) == "server")
        worker = max([seconds for pid, seconds in cpu.items() if kinds.get(pid) == "worker"], default=0.0)
        # On idle cores no run is shorter than the coordinating process, than the chain of its start, the
        # forkserver's warm-up and a worker, nor than its start (one core) and then the rest of the CPU over the cores.
        path = max(cpu[process.pid], before_server + server + worker, before_server + (total - before_server) / cores)
    return {
        "wall": wall,
        "cpu": total,
        "busiest": max(cpu.values()),
        "path": path,
        "peak_mb": peak / 1e6,
        "load": load,
    }


def startup_ms(*arguments: str, repeats: int = 10) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds of `climadiplo ARGUMENTS` in a fresh process (e.g. --help)."""
    command = [sys.executable, "-m", "climadiplo", *arguments]
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    walls, cpus = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(process.pid, 0)
        walls.append(1000 * (time.perf_counter() - started))
        cpus.append(1000 * (usage.ru_utime + usage.ru_stime))
    return statistics.median(walls), statistics.median(cpus)


def _kind(command: psutil.Process, member: psutil.Process) -> str:
    """main, server (the pool's forkserver), tracker (multiprocessing's resource tracker) or worker."""
    if member.pid == command.pid:
        return "main"
    line = " ".join(member.cmdline())
    if member.ppid() == command.pid:  # the pool's workers are the forkserver's children, with its command line
        return "server" if "forkserver" in line else "tracker" if "resource_tracker" in line else "worker"
    return "worker"


def repeated_corpus(source: list[dict], megabytes: float, path: Path) -> Path:
    """The source articles repeated with new doc_ids until the JSONL file holds about `megabytes` MB."""
    target = megabytes * 1e6
    written, copy = 0, 0
    with path.open("w", encoding="utf-8") as handle:
        while written < target:
            for record in source:
                line = json.dumps({**record, "doc_id": f"{record['doc_id']}-{copy:05d}"}, ensure_ascii=False) + "\n"
                handle.write(line)
                written += len(line.encode())
                if written >= target:
                    break
            copy += 1
    return path


def profile(documents: list, top: int) -> None:
    """cProfile of annotate_document over the corpus: the functions with the most time of their own."""
    profiler = cProfile.Profile()
    profiler.enable()
    for document in documents:
        pipeline.annotate_document(document)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(entry[2] for entry in stats.stats.values())
    print(f"\nprofile (cProfile, own time; total {total:.1f} s under the profiler)")
    rows = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:top]
    for (filename, line, name), (_, calls, own, cumulative, _) in rows:
        where = filename.split("site-packages/")[-1].split(str(ROOT) + "/")[-1]
        print(f"{100 * own / total:5.1f}% own {100 * cumulative / total:5.1f}% cum {calls:>9} {where}:{line}({name})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", help="JSONL corpus (default: ../shared/dev/polnear/corpus.jsonl, else invented)")
    parser.add_argument("--sizes", default="10,100", help="JSONL sizes in MB for the memory runs (default 10,100)")
    parser.add_argument("--workers", type=int, default=2, help="most workers to measure (default 2)")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask runs")
    parser.add_argument(
        "--repeats", type=int, default=3, help="interleaved runs of each engine; the median counts (default 3)"
    )
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="also print the N hottest functions")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="climadiplo-bench-"))
    try:
        if args.corpus:
            corpus, label = Path(args.corpus), args.corpus
        elif POLNEAR.is_file():
            corpus, label = POLNEAR, "PolNeAR corpus.jsonl (924 real news articles, all splits)"
        else:
            corpus = write_jsonl(generate(900, seed=0), scratch / "invented.jsonl")
            label = "invented news prose (benchmarks/newsgen.py, 900 articles, seed 0)"
        documents = load_corpus(corpus)
        print(f"machine: {machine()}")
        wall_ms, cpu_ms = startup_ms("--help")
        print(f"start-up of `climadiplo --help`: {wall_ms:.0f} ms wall, {cpu_ms:.0f} ms CPU (median of 10)")
        spent, total, sentences, words = stage_times(documents)
        print(f"corpus: {label}: {len(documents)} documents, {len(sentences):,} sentences, {words:,} words")

        print(f"\n{'stage (one core, in process)':<34}{'CPU s':>8}{'share':>8}{'words/s':>12}")
        for name in BUILDERS + LEAVES:
            if name in spent:
                indent = "  " if name in LEAVES else ""
                share = spent[name] / total
                print(f"{indent + name:<34}{spent[name]:>8.2f}{share:>8.0%}{words / spent[name]:>12,.0f}")
        print(f"{'annotate_document (all)':<34}{total:>8.2f}{1:>8.0%}{words / total:>12,.0f}")
        vader = vader_seconds(sentences)
        print(f"{'VADER only (same sentences)':<34}{vader:>8.2f}{'':>8}{words / vader:>12,.0f}")

        print(
            f"\n{'whole `climadiplo tables` run':<34}{'wall s':>8}{'CPU s':>8}{'words/s':>12}{'/CPU s':>10}{'peak MB':>9}"
        )
        runs, tries = {}, defaultdict(list)
        options = [("local", workers) for workers in range(1, args.workers + 1)]
        if not args.no_dask:
            options += [("dask", workers) for workers in range(1, args.workers + 1)]
        keys = [f"--engine {engine} --workers {workers}" for engine, workers in options]
        # Interleaved rounds (the order reversed every other round), so that a neighbour's burst of load falls on
        # every engine alike; each figure is the median of its rounds.
        for round_ in range(args.repeats):
            for key in keys if round_ % 2 == 0 else keys[::-1]:
                cores = min(int(key.split()[-1]), psutil.cpu_count())
                tries[key].append(run_tables(corpus, scratch / key.replace(" ", "_"), *key.split(), cores=cores))
        for key in keys:
            runs[key] = {name: statistics.median(run[name] for run in tries[key]) for name in tries[key][0]}
            runs[key]["peak_mb"] = max(run["peak_mb"] for run in tries[key])
            r = runs[key]
            print(
                f"{key:<34}{r['wall']:>8.2f}{r['cpu']:>8.2f}{words / r['wall']:>12,.0f}{words / r['cpu']:>10,.0f}{r['peak_mb']:>9.0f}"
            )
        one = runs["--engine local --workers 1"]
        print(f"whole command vs VADER only (CPU): {one['cpu'] / vader:.1f}x")
        for engine in ("local", "dask"):
            first, last = f"--engine {engine} --workers 1", f"--engine {engine} --workers {args.workers}"
            if last in runs and args.workers > 1:
                # On a shared machine the wall-clock ratio says as much about the neighbours as about the code; the
                # CPU bound is what an idle machine allows: no run is shorter than its busiest process, nor than
                # its CPU seconds spread over the cores. Both are medians of the rounds' ratios.
                cores = min(args.workers, psutil.cpu_count())
                pairs = list(zip(tries[first], tries[last], strict=True))
                ratios = [single["wall"] / many["wall"] for single, many in pairs]
                bounds = [single["cpu"] / max(many["busiest"], many["cpu"] / cores) for single, many in pairs]
                paths = [single["cpu"] / many["path"] for single, many in pairs]
                loads = [run["load"] for pair in pairs for run in pair]
                print(
                    f"{engine}: {args.workers} workers {statistics.median(ratios):.2f}x one worker (wall, median of "
                    f"{', '.join(f'{ratio:.2f}' for ratio in ratios)}; load {min(loads):.1f}-{max(loads):.1f}); "
                    f"CPU bound on idle cores {statistics.median(bounds):.2f}x, start-up included "
                    f"{statistics.median(paths):.2f}x"
                )
        tables = [read_tables(scratch / key.replace(" ", "_")) for key in runs]
        same = all(all(t[name].equals(tables[0][name]) for name in t) for t in tables[1:])
        print(f"identical tables from every engine and worker count: {same}")

        source = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
        source_words = words / corpus.stat().st_size
        print(
            f"\n{'memory (default --workers)':<34}{'MB JSONL':>9}{'words':>13}{'wall s':>8}{'words/s':>10}{'peak MB':>9}"
        )
        for size in (float(text) for text in args.sizes.split(",") if text):
            path = repeated_corpus(source, size, scratch / f"corpus-{size:g}MB.jsonl")
            r = run_tables(path, scratch / "sized")
            n_words = source_words * path.stat().st_size
            print(
                f"{path.name:<34}{path.stat().st_size / 1e6:>9.0f}{n_words:>13,.0f}{r['wall']:>8.1f}{n_words / r['wall']:>10,.0f}{r['peak_mb']:>9.0f}"
            )
            path.unlink()
        if args.profile:
            profile(documents, args.profile)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
