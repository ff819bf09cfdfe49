"""Speed-up of the analysis on several cores: one process against a pool of worker processes
(lib.extract.parallel), paired and interleaved segment by segment over several rounds.

The corpus is generated as lib.bench.throughput does it. Both sides are started before timing
(the pool's workers have loaded their pipelines: that start is timed apart); then, segment after
segment of the corpus, one process and the pool take turns, in an order that rotates. The
speed-up of a round is the one process's wall time over the pool's; the goal is a median of
>= 1.6x on 2 cores. CPU time is counted for both (the pool's is its workers', read with psutil),
so that the cost of going parallel shows beside the gain. On a machine other work is using the
speed-up reads low: the load average is printed, and so is what a pure-CPU loop gains on as many
processes just before and just after the rounds (the most any pool could at that moment), with the
pool's speed-up as a share of it.

    python -m lib.bench.parallel                        # 64 articles (~32k words), 3 rounds
    python -m lib.bench.parallel --articles 160 --workers 2 --rounds 5
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
from typing import Sequence

from lib.bench.paired import (CLOCK_HEADERS, GOAL_HEADERS, Clock, Goal, clock_rows, info_row, ratio,
                              run_rounds)
from lib.bench.table import format_table
from lib.bench.throughput import WARM_UP_DOCS, generated_corpus
from lib.settings import Settings

SPEED_UP_GOAL = 1.6


def children_cpu() -> float:
    """CPU seconds of this process's living children (the pool's workers)."""
    import psutil

    total = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def burn(n: int) -> int:
    """Pure CPU work, to see how many cores the machine gives us right now."""
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_speed_up(workers: int, n: int = 10_000_000) -> float:
    """Wall time of `workers` burns in this process over their wall time on a pool of `workers`:
    what any parallel code can gain on this machine at this moment."""
    import multiprocessing
    import time

    start = time.perf_counter()
    for _ in range(workers):
        burn(n)
    one = time.perf_counter() - start
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        pool.map(burn, [1] * workers, chunksize=1)
        start = time.perf_counter()
        pool.map(burn, [n] * workers, chunksize=1)
        return one / (time.perf_counter() - start)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.bench.parallel",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=64, help="generated articles (default 64)")
    parser.add_argument("--words-per-article", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--workers", type=int, default=2, help="the pool's processes (default 2)")
    parser.add_argument("--segment", type=int, default=32, help="articles a segment (default 32)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    import time

    from lib.bench.extract_scale import seed_texts
    from lib.corpus import Article
    from lib.extract.articles import analyse
    from lib.extract.parallel import WorkerPool
    from lib.extract.spacy_pipeline import load_pipeline

    seeds, sources = seed_texts()
    texts = generated_corpus(seeds, args.articles, args.seed, args.words_per_article)
    articles = [Article(f"gen-{i:05d}", "", sources[i % len(sources)] if sources else "", "",
                        t.dct.isoformat()[:10], "metadata", t.text) for i, t in enumerate(texts)]
    words = sum(len(t.text.split()) for t in texts)
    chunk = max(1, args.segment // (2 * args.workers))  # every worker busy within a segment
    print(f"Parallel analysis on {os.cpu_count()} CPUs (usable: {len(os.sched_getaffinity(0))}), "
          f"Python {platform.python_version()}, model {Settings.from_env().spacy_model}; one process "
          f"against a pool of {args.workers} (tasks of {chunk} articles), interleaved segment by segment "
          f"({args.segment} articles), {args.rounds} rounds; load average before: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"corpus: {args.articles} generated articles, seed {args.seed}, {words:,} words\n")
    calibration_before = machine_speed_up(args.workers)
    print(f"the machine before: a pure-CPU loop on {args.workers} processes runs {calibration_before:.2f}x "
          f"as fast as on one")
    nlp = load_pipeline()
    single = [None]
    list(analyse(articles[:WARM_UP_DOCS], nlp, workers=1))
    with WorkerPool(args.workers, chunk_articles=chunk) as pool:
        start = time.perf_counter()
        pool.warm_up()
        list(pool.analyse(articles[:WARM_UP_DOCS * args.workers]))
        started = time.perf_counter() - start

        one_name, pool_name = "one process", f"pool of {args.workers}"
        pool_cpu: list[float] = [0.0]
        outputs: dict[str, list] = {one_name: [], pool_name: []}

        def one(segment) -> None:
            outputs[one_name] += [(a.id, t, m) for a, t, m in analyse(segment, nlp, workers=1)]

        def pooled(segment) -> None:
            before = children_cpu()
            outputs[pool_name] += [(a.id, t, m) for a, t, m in pool.analyse(segment)]
            pool_cpu[0] += children_cpu() - before

        def before_round(_: int) -> None:
            pool_cpu[0] = 0.0
            for name in outputs:
                outputs[name].clear()

        def after_round(_: int, clocks: dict[str, Clock]) -> None:
            clocks[pool_name].cpu += pool_cpu[0]  # the workers' CPU (the parent's is already in)
            single[0] = outputs[one_name] == outputs[pool_name]

        segments = [articles[i:i + args.segment] for i in range(0, len(articles), args.segment)]
        rounds = run_rounds({one_name: one, pool_name: pooled}, segments, args.rounds,
                            before_round=before_round, after_round=after_round)
    print(format_table(CLOCK_HEADERS, clock_rows(rounds, words)))
    print(f"\npool start (spawn {args.workers} workers, each loads the pipeline): {started:.1f} s "
          f"wall, not in the figures; same output as one process: {'yes' if single[0] else 'NO'}\n")
    calibration = machine_speed_up(args.workers)
    machine = (calibration_before + calibration) / 2
    goal = Goal("speed-up", SPEED_UP_GOAL, ">=")
    speed_up = ratio(rounds, lambda r: r[one_name].wall, lambda r: r[pool_name].wall)
    print(format_table(GOAL_HEADERS, [
        goal.row(f"speed-up: wall of one process / wall of the pool of {args.workers}", speed_up),
        info_row(f"speed-up / the pure-CPU loop's ({machine:.2f}x, mean of before and after)",
                 ratio(rounds, lambda r: r[one_name].wall / machine, lambda r: r[pool_name].wall)),
        info_row("CPU of the pool / CPU of one process", ratio(
            rounds, lambda r: r[pool_name].cpu, lambda r: r[one_name].cpu)),
        info_row(f"speed-up {args.workers} free cores would give: {args.workers} x CPU of one / "
                 "CPU of the pool", ratio(rounds, lambda r: args.workers * r[one_name].cpu,
                                          lambda r: r[pool_name].cpu))]))
    print(f"\nthe machine after: a pure-CPU loop on {args.workers} processes runs {calibration:.2f}x "
          f"as fast as on one, {calibration_before:.2f}x before (a speed-up below that is the pool's "
          f"shortfall; one at that level is all the machine gave: {args.workers} free cores give "
          f"{args.workers:.2f}x)")
    print(f"goal: speed-up >= {SPEED_UP_GOAL}x on {args.workers} cores (median over rounds): "
          f"{'met' if goal.met(speed_up.median) else 'NOT met'}; load average after: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
