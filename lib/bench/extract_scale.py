"""The extraction pipeline at scale: the first run into a fresh store against a bare spaCy pass
over the same texts, and a second run (`update()`) on the unchanged corpus.

The corpus is generated as lib.bench.throughput does it: seed sentences (the articles of
data/corpus, read with lib.corpus) recombined with a fixed random seed, each article under a
shifted publication date, written as one .jsonl file into a temporary folder. In one process,
batch by batch and interleaved (lib.bench.paired), the bare model and the first run's steps
(analysis with the full pipeline, a store transaction per article) take turns; reading the
articles and consolidation (events and control) are timed once a round and added to the first
run. Each round starts a fresh store and ends with the second run. Goals, on the median over the
rounds of CPU time: the first run <= 1.5x the bare pass, the second < 5% of the first. The first
run without the model's `ner` (CTE_SPACY_EXCLUDE=ner) is timed beside them.

    python -m lib.bench.extract_scale                 # 100 generated articles (~50k words), 3 rounds
    python -m lib.bench.extract_scale --articles 300 --rounds 5

`--mentions N...` times consolidation and control alone on generated mentions
(lib.bench.synthetic.generate_mentions: the same density, a period growing with N), each size
once, with the growth from one size to the next beside the goals: 1,000,000 mentions in under a
minute, 10x the mentions in <= 12x the time.

    python -m lib.bench.extract_scale --mentions 10000 100000 1000000
"""
from __future__ import annotations

import argparse
import collections
import json
import math
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Sequence

from lib.bench.paired import (CLOCK_HEADERS, GOAL_HEADERS, Clock, Goal, clock_rows, info_row, ratio,
                              run_rounds, summary)
from lib.bench.table import format_table
from lib.bench.throughput import WARM_UP_DOCS, Text, generated_corpus
from lib.settings import DATA_DIR, Settings

FULL_OVER_BARE_GOAL = 1.5
SECOND_OVER_FIRST_GOAL = 0.05
DERIVED_SECONDS_GOAL, DERIVED_AT, GROWTH_GOAL = 60.0, 1_000_000, 12.0  # growth: per 10x mentions


def seed_texts(folder: Path = DATA_DIR / "corpus") -> tuple[list[Text], list[str]]:
    """The seed articles as (text, DCT), and their outlets, read with lib.corpus."""
    from lib.corpus import Article, read_articles

    articles = [a for a in read_articles([folder]) if isinstance(a, Article) and a.dct]
    if not articles:
        raise SystemExit(f"no dated seed articles in {folder}")
    return [Text(a.text, a.dct) for a in articles], sorted({a.source for a in articles if a.source})


def write_corpus(texts: Sequence[Text], sources: Sequence[str], path: Path, seed: int = 2024) -> int:
    """Write `texts` as JSON Lines articles gen-00000, gen-00001...; returns the word count.

    >>> import tempfile, datetime as dt
    >>> path = Path(tempfile.mkdtemp()) / "c.jsonl"
    >>> write_corpus([Text("Rebels took Hama.", dt.date(2024, 12, 6))], ["Wire"], path)
    3
    >>> json.loads(path.read_text())["published"]
    '2024-12-06'
    """
    rng = random.Random(seed)
    words = 0
    with path.open("w", encoding="utf-8") as handle:
        for i, text in enumerate(texts):
            record = {"id": f"gen-{i:05d}", "title": "", "source": rng.choice(list(sources) or [""]),
                      "url": "", "published": text.dct.isoformat()[:10] if text.dct else "",
                      "text": text.text}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            words += len(text.text.split())
    return words


def write_generated(path: Path, articles: int, seed: int, words_per_article: int) -> int:
    """`articles` articles recombined from the seed sentences (throughput.generated_corpus), written
    as JSON Lines to `path` (write_corpus); returns the word count."""
    seeds, sources = seed_texts()
    return write_corpus(generated_corpus(seeds, articles, seed, words_per_article), sources, path, seed)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


BARE, FULL, LEAN = "bare spaCy nlp.pipe", "first run: analyse + store", "first run without ner"


class FirstRun:
    """The first run's work on a batch: analyse the articles and store each (as update() does),
    into this round's store; the storing is also timed apart."""

    def __init__(self, nlp, hashes: dict[str, str]):
        self.nlp, self.hashes = nlp, hashes
        self.store = None
        self.storing = Clock()

    def __call__(self, batch) -> None:
        from lib.extract.articles import analyse

        for article, timexes, mentions in analyse(batch, self.nlp, workers=1):
            self.storing.time(self.store.put_article, article, self.hashes[article.id], timexes, mentions)


def derived_scale(sizes: Sequence[int], seed: int = 0) -> int:
    """Consolidation and control of generated mentions at each size, CPU and wall time."""
    import gc
    import time

    from lib.bench.synthetic import MENTIONS_PER_DAY, generate_mentions
    from lib.extract.control import control_intervals
    from lib.extract.events import consolidate

    print(f"Consolidation and control at scale on {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}: generated mentions ({MENTIONS_PER_DAY} a day, the period "
          f"growing with them; seed {seed}), each size once; CPU = time.process_time, wall = "
          f"time.perf_counter\n")
    rows, previous = [], None
    for size in sizes:
        mentions = generate_mentions(size, seed=seed)
        gc.collect()
        timed = {}
        for name, step in (("consolidation", consolidate), ("control", control_intervals)):
            cpu, wall = time.process_time(), time.perf_counter()
            found = step(mentions)
            timed[name] = (time.process_time() - cpu, time.perf_counter() - wall, len(found))
        total = timed["consolidation"][0] + timed["control"][0]
        growth = ""
        if previous is not None:
            factor = size / previous[0]
            allowed = GROWTH_GOAL ** math.log10(factor)
            growth = (f"{total / previous[1]:.1f}x for {factor:g}x mentions (goal <= {allowed:.1f}x: "
                      f"{'met' if total / previous[1] <= allowed else 'NOT met'})")
        goal = ""
        if size == DERIVED_AT:
            goal = f"{'met' if total < DERIVED_SECONDS_GOAL else 'NOT met'} (< {DERIVED_SECONDS_GOAL:.0f} s)"
        rows.append([f"{size:,}", f"{size // MENTIONS_PER_DAY:,}", f"{timed['consolidation'][2]:,}",
                     f"{timed['consolidation'][0]:.2f} / {timed['consolidation'][1]:.2f}",
                     f"{timed['control'][2]:,}", f"{timed['control'][0]:.2f} / {timed['control'][1]:.2f}",
                     f"{total:.2f}", growth, goal])
        previous = (size, total)
        del mentions
        print(format_table(["mentions", "days", "events", "consolidation CPU / wall s", "intervals",
                            "control CPU / wall s", "CPU s together", "growth (CPU)",
                            f"{DERIVED_AT:,} in under a minute"], rows[-1:] if len(rows) > 1 else rows),
              flush=True)
    print()
    print(format_table(["mentions", "days", "events", "consolidation CPU / wall s", "intervals",
                        "control CPU / wall s", "CPU s together", "growth (CPU)",
                        f"{DERIVED_AT:,} in under a minute"], rows))
    print(f"\npeak RSS of this process: {_peak_mb():,.0f} MB")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.bench.extract_scale",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100, help="generated articles (default 100)")
    parser.add_argument("--words-per-article", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2024, help="random seed of the generated corpus")
    parser.add_argument("--rounds", type=int, default=3, help="rounds (default 3)")
    parser.add_argument("--batch", type=int, default=16, help="articles a batch (default 16)")
    parser.add_argument("--no-lean", action="store_true",
                        help="do not time the first run without the model's ner as well")
    parser.add_argument("--model", default=Settings.from_env().spacy_model)
    parser.add_argument("--mentions", type=int, nargs="+", metavar="N",
                        help="time consolidation and control alone on N generated mentions")
    args = parser.parse_args(argv)
    if args.mentions:
        return derived_scale(args.mentions, args.seed if args.seed != 2024 else 0)

    import spacy

    from lib.corpus import Article, read_articles
    from lib.extract.articles import BATCH_SIZE
    from lib.extract.spacy_pipeline import load_pipeline
    from lib.pipeline import content_hash, recompute_derived, update
    from lib.store import Store

    seeds, sources = seed_texts()
    texts = generated_corpus(seeds, args.articles, args.seed, args.words_per_article)
    with tempfile.TemporaryDirectory(prefix="cte-extract-scale-") as tmp:
        corpus = Path(tmp) / "generated.jsonl"
        words = write_corpus(texts, sources, corpus, args.seed)
        print(f"Extraction at scale on {os.cpu_count()} CPUs (usable: {len(os.sched_getaffinity(0))}), "
              f"Python {platform.python_version()}, model {args.model}; one process, configurations "
              f"interleaved batch by batch ({args.batch} articles), {args.rounds} rounds, a fresh "
              f"store each; CPU = time.process_time, wall = time.perf_counter")
        print(f"corpus: {args.articles} articles generated from {len(seeds)} seed articles "
              f"(data/corpus), seed {args.seed}, {words:,} words, one .jsonl file\n")
        bare = spacy.load(args.model)
        full = load_pipeline(args.model)
        reading = [Clock() for _ in range(args.rounds)]

        def read():
            articles = [a for a in read_articles([corpus], infer_dct=False) if isinstance(a, Article)]
            return articles, {a.id: content_hash(a) for a in articles}

        articles, hashes = read()
        first = FirstRun(full, hashes)
        configurations = {BARE: lambda batch: collections.deque(
            bare.pipe((a.text for a in batch), batch_size=BATCH_SIZE), maxlen=0), FULL: first}
        lean = None
        if not args.no_lean:
            lean = FirstRun(load_pipeline(args.model, exclude=("ner",)), hashes)
            configurations[LEAN] = lean
        for nlp in (bare, full) + ((lean.nlp,) if lean else ()):
            collections.deque(nlp.pipe(t.text for t in texts[:WARM_UP_DOCS]), maxlen=0)
        seconds: list[dict[str, Clock]] = []
        counts: dict[str, int] = {}

        def before_round(n: int) -> None:
            for run, name in ((first, "full"), (lean, "lean")):
                if run is not None:
                    run.store = Store(Path(tmp) / f"{name}-{n}.duckdb")
                    run.storing = Clock()
            reading[n].time(read)

        def after_round(n: int, clocks: dict[str, Clock]) -> None:
            extra = {"storing": first.storing, "reading": reading[n], "derived": Clock(),
                     "second": Clock()}
            extra["derived"].time(recompute_derived, first.store)
            clocks[FULL] = clocks[FULL] + reading[n] + extra["derived"]
            if lean is not None:
                lean_derived = Clock()
                lean_derived.time(recompute_derived, lean.store)
                clocks[LEAN] = clocks[LEAN] + reading[n] + lean_derived
                lean.store.close()
            report = extra["second"].time(update, first.store, [corpus], nlp=full)
            counts.update(second_analysed=report.processed, second_unchanged=report.unchanged,
                          mentions=len(first.store.mentions()), events=len(first.store.events()))
            first.store.close()
            seconds.append(extra)

        rounds = run_rounds(configurations, [articles[i:i + args.batch]
                                             for i in range(0, len(articles), args.batch)],
                            args.rounds, before_round=before_round, after_round=after_round)
        for r, extra in zip(rounds, seconds):
            r["second run: update(), unchanged"] = extra["second"]

    print(format_table(CLOCK_HEADERS, clock_rows(rounds, words)))
    print(f"\nbare pipes: {', '.join(bare.pipe_names)}\nfull pipes: {', '.join(full.pipe_names)}")
    print(f"first run: {counts['mentions']:,} mentions, {counts['events']:,} events; second run: "
          f"{counts['second_analysed']} analysed, {counts['second_unchanged']} unchanged\n")

    print("where the first run's CPU time goes (median over rounds):")
    total = summary(rounds, FULL).median
    parts = {name: statistics.median(getattr(extra[name], "cpu") for extra in seconds)
             for name in ("reading", "storing", "derived")}
    analysis = total - sum(parts.values())
    print(format_table(["step", "CPU s", "share"], [
        [label, f"{value:.2f}", f"{100 * value / total:.1f}%"] for label, value in (
            ("spaCy pipeline and mention extraction (lib.extract.articles)", analysis),
            ("reading, dating, hashing the articles", parts["reading"]),
            ("storing articles (a transaction each)", parts["storing"]),
            ("events and control from all mentions", parts["derived"]))]))
    print()

    full_goal = Goal("first run / bare", FULL_OVER_BARE_GOAL, "<=")
    second_goal = Goal("second / first", SECOND_OVER_FIRST_GOAL, "<", percent=True)
    full_over_bare = ratio(rounds, lambda r: r[FULL].cpu, lambda r: r[BARE].cpu)
    second_over_first = ratio(rounds, lambda r: r["second run: update(), unchanged"].cpu,
                              lambda r: r[FULL].cpu)
    rows = [full_goal.row("first run / bare spaCy, CPU", full_over_bare),
            info_row("first run / bare spaCy, wall", ratio(
                rounds, lambda r: r[FULL].wall, lambda r: r[BARE].wall)),
            second_goal.row("second run / first run, CPU", second_over_first)]
    if lean is not None:
        rows.insert(2, info_row("first run without ner / bare spaCy, CPU", ratio(
            rounds, lambda r: r[LEAN].cpu, lambda r: r[BARE].cpu)))
        rows.insert(3, info_row("first run without ner / first run, CPU", ratio(
            rounds, lambda r: r[LEAN].cpu, lambda r: r[FULL].cpu)))
    print(format_table(GOAL_HEADERS, rows))
    met = full_goal.met(full_over_bare.median) and second_goal.met(second_over_first.median)
    print(f"\ngoals (median over rounds, CPU time): first run <= {FULL_OVER_BARE_GOAL}x bare spaCy, "
          f"second run < {100 * SECOND_OVER_FIRST_GOAL:.0f}% of the first: "
          f"{'met' if met else 'NOT met'}")
    print("first run = update()'s steps: reading, dating and hashing the articles, the full pipeline "
          "(entity ruler, timex component) with mentions, one store transaction per article, then "
          "consolidation and control; model load excluded. The second run is update() on the "
          f"unchanged corpus. Peak RSS of this process: {_peak_mb():,.0f} MB (all configurations; "
          "python -m lib.bench.memory measures the extraction's alone).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
