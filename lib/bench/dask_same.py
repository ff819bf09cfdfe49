"""The Dask engine against one process on generated articles: the same CSVs, byte for byte.

    python -m lib.bench.dask_same                        # 1,000 generated articles of ~100 words
    python -m lib.bench.dask_same --articles 200 --words-per-article 300

Generates articles from the seed sentences (lib.bench.throughput.generated_corpus, the generator
of the other extraction benchmarks), runs `lib extract` on them in one process (`--workers 1`)
and with `--engine dask` on a LocalCluster of `--workers` processes, and compares each of the
five CSV files. Prints the wall and CPU time of each run (the CPU of this process and its
children) and exits 1 when a file differs. `tests/test_dask_engine.py` does the same on the seeds
in CI; this is the issue's second check, too slow for every test run.
"""
from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path
from typing import Sequence

from lib.bench.table import format_table


def _cpu() -> float:
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_both(corpus: Path, out: Path, workers: int) -> tuple[list[list[str]], list[str]]:
    """Extract `corpus` in one process and with Dask; the timing rows and the CSVs that differ."""
    from lib.cli import EXTRACT_TABLES, main

    rows = []
    for name, extra in (("one process", ["--workers", "1"]),
                        (f"dask LocalCluster, {workers} workers", ["--engine", "dask", "--workers", str(workers)])):
        cpu, wall = _cpu(), time.perf_counter()
        code = main(["extract", str(corpus), "--out", str(out / name.split()[0]), *extra])
        rows.append([name, str(code), f"{time.perf_counter() - wall:.1f}", f"{_cpu() - cpu:.1f}"])
        if code != 0:
            raise SystemExit(f"lib extract ({name}) exited {code}")
    differ = [table for table in EXTRACT_TABLES
              if (out / "one" / f"{table}.csv").read_bytes() != (out / "dask" / f"{table}.csv").read_bytes()]
    return rows, differ


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.bench.dask_same", description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="generated articles (default 1000)")
    parser.add_argument("--words-per-article", type=int, default=100, help="about this many words each (default 100)")
    parser.add_argument("--workers", type=int, default=2, help="Dask worker processes (default 2)")
    parser.add_argument("--seed", type=int, default=2024, help="random seed of the generated corpus")
    args = parser.parse_args(argv)

    from lib.bench.extract_scale import write_generated

    with tempfile.TemporaryDirectory(prefix="cte-dask-same-") as tmp:
        corpus = Path(tmp) / "generated.jsonl"
        words = write_generated(corpus, args.articles, args.seed, args.words_per_article)
        print(f"{args.articles:,} generated articles ({words:,} words, seed {args.seed}) on "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}\n")
        rows, differ = run_both(corpus, Path(tmp), args.workers)
        print(format_table(["run", "exit", "wall s", "CPU s (with children)"], rows))
        lines = {table: sum(1 for _ in (Path(tmp) / "one" / f"{table}.csv").open(encoding="utf-8")) - 1
                 for table in ("timexes", "mentions", "events", "control")}
        print("\nrows: " + ", ".join(f"{table} {n:,}" for table, n in lines.items()))
    print("the same CSVs, byte for byte" if not differ else f"DIFFERENT: {', '.join(differ)}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
