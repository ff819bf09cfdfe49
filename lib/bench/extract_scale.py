"""The extraction pipeline at scale: a full `update()` into a fresh store against a bare spaCy pass
over the same texts, and a second `update()` on the unchanged corpus.

The corpus is generated as lib.bench.throughput does it: seed sentences (the articles of
data/corpus, read with lib.corpus) recombined with a fixed random seed, each article under a
shifted publication date, written as one .jsonl file into a temporary folder. Each measurement
runs in a fresh Python process, so that its peak memory is its own: peak resident set size of
that process (resource.getrusage ru_maxrss, model and interpreter included). Model loading is
timed apart; the timed passes start after a warm-up of the model on a few texts.

    python -m lib.bench.extract_scale                 # 1000 generated articles (~500k words)
    python -m lib.bench.extract_scale --articles 200
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Sequence

from lib.bench.table import format_table
from lib.bench.throughput import WARM_UP_DOCS, Text, generated_corpus
from lib.settings import DATA_DIR, Settings

FULL_OVER_BARE_GOAL = 1.5
SECOND_OVER_FIRST_GOAL = 0.05


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


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _warm_up(nlp, texts: Sequence[str]) -> None:
    collections.deque(nlp.pipe(texts[:WARM_UP_DOCS]), maxlen=0)


def _timed_parts() -> dict[str, float]:
    """Wrap the steps of update() that are not the NLP with timers; returns their running totals:
    reading (read, date, hash), storing (Store.put_article), derived (events and control)."""
    from lib import pipeline
    from lib.store import Store

    parts = {"reading": 0.0, "storing": 0.0, "derived": 0.0}

    def timer(name, function):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                parts[name] += time.perf_counter() - start
        return timed

    pipeline._read = timer("reading", pipeline._read)
    pipeline.recompute_derived = timer("derived", pipeline.recompute_derived)
    Store.put_article = timer("storing", Store.put_article)
    return parts


def measure(what: str, corpus: Path, store_path: Path, model: str) -> dict:
    """One measurement in this process: "bare", "first" or "second"."""
    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    result: dict = {"what": what, "load_seconds": 0.0}
    if what == "bare":
        import spacy

        start = time.perf_counter()
        nlp = spacy.load(model)
        result["load_seconds"] = time.perf_counter() - start
        _warm_up(nlp, texts)
        try:
            from lib.extract.articles import BATCH_SIZE as batch_size
        except ImportError:
            batch_size = nlp.batch_size
        start = time.perf_counter()
        collections.deque(nlp.pipe(texts, batch_size=batch_size), maxlen=0)
        result["seconds"] = time.perf_counter() - start
        result["pipes"] = ", ".join(nlp.pipe_names)
    else:
        from lib.pipeline import update
        from lib.store import Store

        nlp = None
        if what == "first":
            from lib.extract.spacy_pipeline import load_pipeline

            start = time.perf_counter()
            nlp = load_pipeline(model)
            result["load_seconds"] = time.perf_counter() - start
            _warm_up(nlp, texts)
            result["pipes"] = ", ".join(nlp.pipe_names)
        parts = _timed_parts()
        with Store(store_path) as store:
            start = time.perf_counter()
            report = update(store, [corpus], nlp=nlp)
            result["seconds"] = time.perf_counter() - start
            result["parts"] = parts
            result.update(processed=report.processed, unchanged=report.unchanged,
                          problems=len(report.problems), events=len(store.events()),
                          mentions=len(store.mentions()))
        result["spacy_imported"] = "spacy" in sys.modules
    result["peak_mb"] = _peak_mb()
    return result


def measure_in_subprocess(what: str, corpus: Path, store_path: Path, model: str) -> dict:
    command = [sys.executable, "-m", "lib.bench.extract_scale", "--measure", what,
               "--corpus", str(corpus), "--store", str(store_path), "--model", model]
    done = subprocess.run(command, capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2])
    if done.returncode != 0:
        raise SystemExit(f"measurement {what!r} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.bench.extract_scale",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="generated articles (default 1000)")
    parser.add_argument("--words-per-article", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2024, help="random seed of the generated corpus")
    parser.add_argument("--model", default=Settings.from_env().spacy_model)
    parser.add_argument("--measure", choices=("bare", "first", "second"), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:  # a child process: one measurement, printed as JSON
        print(json.dumps(measure(args.measure, args.corpus, args.store, args.model)))
        return 0

    seeds, sources = seed_texts()
    texts = generated_corpus(seeds, args.articles, args.seed, args.words_per_article)
    with tempfile.TemporaryDirectory(prefix="cte-extract-scale-") as tmp:
        corpus, store_path = Path(tmp) / "generated.jsonl", Path(tmp) / "store.duckdb"
        words = write_corpus(texts, sources, corpus, args.seed)
        print(f"Extraction at scale on {os.cpu_count()} CPUs (usable: {len(os.sched_getaffinity(0))}), "
              f"Python {platform.python_version()}, model {args.model}; each measurement in its own "
              f"process, time.perf_counter, after a warm-up on {WARM_UP_DOCS} docs")
        print(f"corpus: {args.articles} articles generated from {len(seeds)} seed articles "
              f"(data/corpus), seed {args.seed}, {words:,} words, one .jsonl file\n")
        bare = measure_in_subprocess("bare", corpus, store_path, args.model)
        first = measure_in_subprocess("first", corpus, store_path, args.model)
        second = measure_in_subprocess("second", corpus, store_path, args.model)

    rows = []
    for label, m in (("bare spaCy nlp.pipe", bare), ("first update() (full pipeline, new store)", first),
                     ("second update() (unchanged corpus)", second)):
        seconds = m["seconds"]
        rows.append([label, args.articles, words, f"{m['load_seconds']:.2f}", f"{seconds:.2f}",
                     f"{args.articles / seconds:,.1f}" if seconds else "",
                     f"{words / seconds:,.0f}" if seconds else "", f"{m['peak_mb']:,.0f}"])
    print(format_table(["measurement", "articles", "words", "model load s", "seconds", "articles/s",
                        "words/s", "peak RSS MB"], rows))
    print(f"\nbare pipes: {bare.get('pipes', '')}\nfull pipes: {first.get('pipes', '')}")
    print(f"first update: {first['processed']} analysed, {first['problems']} problems, "
          f"{first['mentions']:,} mentions, {first['events']:,} events")
    print(f"second update: {second['processed']} analysed, {second['unchanged']} unchanged; "
          f"spaCy imported: {'yes' if second['spacy_imported'] else 'no'}\n")

    parts = first["parts"]
    analysis = first["seconds"] - sum(parts.values())
    print("where the first update's time goes:")
    print(format_table(["step", "seconds", "share"], [
        [label, f"{seconds:.2f}", f"{100 * seconds / first['seconds']:.1f}%"]
        for label, seconds in (
            ("spaCy pipeline and mention extraction (lib.extract.articles)", analysis),
            ("reading, dating, hashing the articles", parts["reading"]),
            ("storing articles (a transaction each)", parts["storing"]),
            ("events and control from all mentions", parts["derived"]))]))
    print()

    full_over_bare = first["seconds"] / bare["seconds"]
    second_over_first = second["seconds"] / first["seconds"]
    print(format_table(["ratio", "value", "goal", "met"], [
        ["full / bare", f"{full_over_bare:.2f}x", f"<= {FULL_OVER_BARE_GOAL}x",
         "yes" if full_over_bare <= FULL_OVER_BARE_GOAL else "no"],
        ["second / first", f"{100 * second_over_first:.1f}%", f"< {100 * SECOND_OVER_FIRST_GOAL:.0f}%",
         "yes" if second_over_first < SECOND_OVER_FIRST_GOAL else "no"]]))
    print("\nfull = update(): reading, hashing, spaCy with entity ruler and timex component, "
          "mentions, one store transaction per article, consolidation and control; model load "
          "excluded from both sides of the ratio. Peak RSS is the whole measuring process's "
          "(resource.getrusage ru_maxrss). One pass each: read small differences as noise.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
