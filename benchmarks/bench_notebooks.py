"""Benchmark of the notebooks on big tables: peak memory and CPU time of every notebook at 1 M and 10 M sentences.

Run: ``make benchmark`` or ``.venv/bin/python benchmarks/bench_notebooks.py [--sizes 1000000,10000000]``.
The tables are those of ``../shared/dev/polnear/corpus.jsonl`` (924 real articles, about 33,600 sentences)
when it is there, else of invented news from benchmarks/newsgen.py, repeated with new doc_ids until they hold
N sentences and written straight as parquet (row groups of 65,536 rows, as a streaming writer leaves them),
without annotating anything again. Each notebook runs in a fresh process, as ``climadiplo run`` gives each
its own kernel: the process executes the notebook's code cells (``climadiplo.run.execute_in_process``) and
reports its peak resident memory (``ru_maxrss``) and CPU seconds. The notebooks read the tables a chunk
of whole articles at a time, so peak memory should grow with the aggregates kept (a few rows per article),
not with the sentences. Nothing is asserted: memory and time are reported, not unit-tested.

``--code DIR`` runs the notebooks of another checkout (an older commit, say) on the same tables, for a
before/after comparison. The bootstrap uses n_boot=100 and the drop-one-term table is skipped
(sensitivity_terms=0): both only cost time here, and the sensitivity pass reads the same chunks.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "dev" / "polnear" / "corpus.jsonl"
ROW_GROUP = 65_536


def base_tables() -> tuple[dict, str]:
    """Annotated tables to repeat: PolNeAR's when it is there, else 300 invented articles."""
    from climadiplo.engines import default_workers
    from climadiplo.pipeline import build_tables
    from climadiplo.read.corpus import load_corpus

    if POLNEAR.is_file():
        return build_tables(load_corpus(POLNEAR), workers=default_workers()), "PolNeAR (924 articles) repeated"
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from newsgen import generate, write_jsonl

    with tempfile.TemporaryDirectory() as scratch:
        corpus = write_jsonl(generate(300, seed=0), Path(scratch) / "news.jsonl")
        return build_tables(load_corpus(corpus), workers=default_workers()), "invented news (300 articles) repeated"


def write_repeated(tables: dict, n_sentences: int, folder: Path) -> int:
    """Write the tables repeated (doc_ids prefixed r00000-, r00001-, … so the doc_id order holds) to N sentences."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from climadiplo.tables import write_tables

    repeats = max(1, -(-n_sentences // len(tables["sentences"])))
    base = folder.with_name(folder.name + "-base")
    write_tables(tables, base, fmt="parquet")  # the types and metadata climadiplo tables writes
    folder.mkdir(parents=True)
    for name in tables:
        table = pq.read_table(base / f"{name}.parquet")
        index = table.schema.get_field_index("doc_id")
        doc_ids = table.column("doc_id")
        with pq.ParquetWriter(folder / f"{name}.parquet", table.schema, compression="zstd") as writer:
            for repeat in range(repeats):
                prefix, dash = pa.scalar(f"r{repeat:05d}", doc_ids.type), pa.scalar("-", doc_ids.type)
                renamed = pc.binary_join_element_wise(prefix, doc_ids, dash)
                writer.write_table(
                    table.set_column(index, table.schema.field(index), renamed), row_group_size=ROW_GROUP
                )
    shutil.rmtree(base)
    return repeats * len(tables["sentences"])


def measure(folder: Path, out: Path, stem: str) -> dict:
    """Run one notebook in this process: its peak memory and CPU seconds."""
    from climadiplo.run import collection, execute_in_process

    parameters = {"tables": str(folder), "out_dir": str(out), "n_boot": 100, "figure_formats": ["svg"]}
    parameters["sensitivity_terms"] = 0
    started = time.process_time()
    execute_in_process(collection([stem])[0], parameters)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"notebook": stem, "cpu_s": round(time.process_time() - started, 1), "peak_mb": round(peak)}


def run_child(folder: Path, code: Path) -> dict:
    """Every notebook of the checkout at code, each in a fresh process."""
    environment = {**os.environ, "PYTHONPATH": str(code), "MPLBACKEND": "Agg"}
    notebooks = sorted(path.stem for path in (code / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    rows = []
    with tempfile.TemporaryDirectory() as out:
        for stem in notebooks:
            command = [sys.executable, __file__, "--measure", str(folder), "--out", out, "--only", stem]
            done = subprocess.run(command, capture_output=True, text=True, env=environment, cwd=code, check=False)
            if done.returncode:
                return {"error": f"{stem}: " + (done.stderr.strip().splitlines() or ["failed"])[-1]}
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {"notebooks": rows, "peak_mb": max(row["peak_mb"] for row in rows)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,10000000", help="sentences per synthetic table set")
    parser.add_argument("--code", default=str(ROOT), help="checkout whose notebooks and package run")
    parser.add_argument("--keep", help="folder to keep the synthetic tables in (default: a temporary one)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--only", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure), Path(args.out), args.only)))
        return 0
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    started = time.perf_counter()
    tables, source = base_tables()
    print(f"base tables: {source}, {len(tables['sentences']):,} sentences ({time.perf_counter() - started:.0f} s)")
    with tempfile.TemporaryDirectory(dir=args.keep) as scratch:
        for size in sizes:
            folder = Path(scratch) / f"tables-{size}"
            written = write_repeated(tables, size, folder)
            on_disk = sum(path.stat().st_size for path in folder.iterdir()) / 2**20
            result = run_child(folder, Path(args.code))
            if "error" in result:
                print(f"{written:>11,} sentences: FAILED: {result['error']}")
                continue
            per_notebook = ", ".join(
                f"{row['notebook'][:2]} {row['peak_mb']} MB/{row['cpu_s']} s" for row in result["notebooks"]
            )
            print(
                f"{written:>11,} sentences ({on_disk:,.0f} MB parquet): peak {result['peak_mb']:,} MB | {per_notebook}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
