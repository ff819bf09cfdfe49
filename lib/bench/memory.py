"""Memory of the extraction as the corpus grows: peak resident set size of a first `update()` into
a fresh store, on generated corpora of two sizes, each in a fresh process.

The corpora are generated as lib.bench.extract_scale does it (seed sentences recombined, one
.jsonl file). In its own process each size loads the pipeline (the resident size then is the
baseline), runs `update()`, and samples the resident size as batches of articles are stored
(four points), the peak while storing and the resident size before consolidation (events and
control, which hold every mention), and after it. The strings spaCy's vocabulary gained (new
words, kept for the process's life) are counted. Memory is flat when the peak less the baseline does not grow with the
number of articles; the growth per thousand articles is printed.

    python -m lib.bench.memory                               # 1000 and 3000 articles of ~200 words
    python -m lib.bench.memory --sizes 1000 10000 --words-per-article 100
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Sequence

from lib.bench.table import format_table
from lib.settings import PROJECT_ROOT, Settings

SAMPLES = 4


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2 ** 20


def measure(corpus: Path, store_path: Path, articles: int) -> dict:
    """In this process: load the pipeline, run update(), sample the resident size."""
    from lib.extract.spacy_pipeline import load_pipeline
    from lib.pipeline import update
    from lib.store import Store

    import lib.pipeline

    nlp = load_pipeline()
    baseline, strings = _rss_mb(), len(nlp.vocab.strings)
    every = max(1, articles // SAMPLES)
    samples: list[tuple[int, float]] = []
    put, derive = Store.put_articles, lib.pipeline.recompute_derived
    count = [0]
    before_derived: dict[str, float] = {}

    def put_articles(self, items):
        items = list(items)
        put(self, items)
        previous, count[0] = count[0], count[0] + len(items)
        if count[0] // every > previous // every:
            samples.append((count[0], _rss_mb()))

    def recompute_derived(store):
        before_derived.update(rss_mb=_rss_mb(), peak_mb=_peak_mb())
        derive(store)

    Store.put_articles, lib.pipeline.recompute_derived = put_articles, recompute_derived
    start = time.perf_counter()
    with Store(store_path) as store:
        report = update(store, [corpus], nlp=nlp)
        mentions = store.explorer_frame("SELECT count(*) AS n FROM mentions")["n"].iloc[0]
    seconds = time.perf_counter() - start
    return {"articles": report.processed, "baseline_mb": baseline, "samples": samples,
            "before_derived_mb": before_derived.get("rss_mb", 0.0),
            "peak_before_derived_mb": before_derived.get("peak_mb", 0.0),
            "after_mb": _rss_mb(), "mentions": int(mentions), "seconds": seconds,
            "new_strings": len(nlp.vocab.strings) - strings, "peak_mb": _peak_mb()}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.bench.memory",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--words-per-article", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:  # a child process: one size, printed as JSON
        print(json.dumps(measure(args.measure, args.store, args.sizes[0])))
        return 0

    from lib.bench.extract_scale import write_generated

    print(f"Memory of the extraction on {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"model {Settings.from_env().spacy_model}; each size in its own process: resident set "
          f"size (psutil) after loading the pipeline, as articles are stored, after consolidation, "
          f"and the peak (ru_maxrss)\n")
    rows, results = [], []
    with tempfile.TemporaryDirectory(prefix="cte-memory-") as tmp:
        for size in args.sizes:
            corpus = Path(tmp) / f"corpus-{size}.jsonl"
            words = write_generated(corpus, size, args.seed, args.words_per_article)
            command = [sys.executable, "-m", "lib.bench.memory", "--measure", str(corpus),
                       "--store", str(Path(tmp) / f"store-{size}.duckdb"), "--sizes", str(size)]
            done = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT_ROOT)
            if done.returncode != 0:
                raise SystemExit(f"measurement of {size} articles failed:\n{done.stderr}")
            result = json.loads(done.stdout.strip().splitlines()[-1])
            result["words"] = words
            results.append(result)
            curve = ", ".join(f"{n}: {mb:,.0f}" for n, mb in result["samples"])
            rows.append([size, f"{words:,}", result["mentions"], f"{result['new_strings']:,}",
                         f"{result['seconds']:.0f}", f"{result['baseline_mb']:,.0f}", curve,
                         f"{result['peak_before_derived_mb']:,.0f}",
                         f"{result['before_derived_mb']:,.0f}", f"{result['after_mb']:,.0f}",
                         f"{result['peak_mb']:,.0f}", f"{result['peak_mb'] - result['baseline_mb']:,.0f}"])
    print(format_table(["articles", "words", "mentions", "new spaCy strings", "seconds",
                        "after load MB", "RSS MB as articles are stored", "peak while storing MB",
                        "before events MB", "after update MB", "peak MB", "peak - after load MB"],
                       rows))
    if len(results) >= 2:
        small, large = results[0], results[-1]
        growth = ((large["peak_mb"] - large["baseline_mb"]) - (small["peak_mb"] - small["baseline_mb"]))
        per_thousand = 1000 * growth / (large["articles"] - small["articles"])
        print(f"\npeak above the loaded pipeline grows by {growth:,.0f} MB from {small['articles']:,} "
              f"to {large['articles']:,} articles: {per_thousand:,.1f} MB per 1,000 articles "
              f"({'flat' if per_thousand < 10 else 'grows with the corpus'}; flat = under 10 MB "
              f"per 1,000 articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
