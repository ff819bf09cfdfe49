"""Words per second of the tagger alone, the bare spaCy model and the full pipeline, on the seed
articles and on a larger corpus generated from them.

The generated corpus recombines seed sentences with a fixed random seed and shifts each
article's publication date, so every run measures the same texts. The configurations are timed
paired and interleaved, batch by batch, over several rounds (lib.bench.paired); the tagger
overhead is worked out within each round from CPU time, and its median over the rounds is
judged against the goal (<= 25% of the pipeline it joins).

With `--cost`, the first extraction instead (lib.extract.articles.analyse: the spaCy pipeline and
mention extraction, what a first run spends ~91% of its time on): the model as it ships (every
component, its own attribute ruler and lemmatizer, thinc's blis matrix products) against the pipeline the project loads,
that one with its names found the other way (CTE_NER_SCOPE: the model's `ner` only around names, or
rules on the parse instead of it; the `ner` on every word is left out, ~1.5x the CPU), and with neither
the model's `ner` nor the rules, paired and interleaved the same way.
Per-core throughput is words per CPU second; the cost of a million 600-word articles follows from
it, beside the goal of <= 30 core-hours.

With `--split`, where the first extraction's CPU goes: the pipeline we load run a component at a
time over each batch (as `nlp.pipe` runs them, with the same batch sizes), then the mention
extraction, after a warm-up over every text (the caches filled, as in a long run); each step's CPU
seconds over the rounds, its share, and what the whole costs per million articles.

    python -m lib.bench.throughput                      # 100 generated articles (~50k words), 3 rounds
    python -m lib.bench.throughput --articles 300 --rounds 5
    python -m lib.bench.throughput --seeds              # the seed articles
    python -m lib.bench.throughput --cost               # the first extraction and its cost per 1M articles
    python -m lib.bench.throughput --cost --fakes-dev 150   # on 150 of fakes-dev's dev articles
    python -m lib.bench.throughput --split --fakes-dev 40   # the CPU of each step of the extraction
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import os
import platform
import random
import re
import sys
import time
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from lib.bench.seeds import load_documents
from lib.bench.paired import (CLOCK_HEADERS, GOAL_HEADERS, Goal, Round, Summary, clock_rows, info_row,
                              ratio, run_rounds, summary)
from lib.bench.table import format_table
from lib.settings import Settings

OVERHEAD_GOAL = 0.25
WARM_UP_DOCS = 3
COST_ARTICLES, COST_ARTICLE_WORDS, CORE_HOURS_GOAL = 1_000_000, 600, 30.0
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class Text:
    """A text to process and its publication date."""

    text: str
    dct: dt.date | None


def word_count(texts: Iterable[Text]) -> int:
    """Whitespace-separated words, the unit of every figure here.

    >>> word_count([Text("Rebels took Hama on Thursday.", None)])
    5
    """
    return sum(len(t.text.split()) for t in texts)


def sentences(text: str) -> list[str]:
    """Split a text into sentences, roughly: paragraph breaks, then sentence-final punctuation.

    >>> sentences("Rebels took Hama. On Friday, they moved south.\\n\\nIran left.")
    ['Rebels took Hama.', 'On Friday, they moved south.', 'Iran left.']
    """
    out = []
    for paragraph in re.split(r"\n\s*\n|\n", text):
        out += [s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip()]
    return out


def generated_corpus(seeds: Sequence[Text], articles: int, seed: int = 2024,
                     words_per_article: int = 500) -> list[Text]:
    """`articles` texts of about `words_per_article` words each, made of seed sentences drawn
    with `random.Random(seed)`, in paragraphs of one to four sentences, each dated a shifted
    seed date (up to a year either way).

    >>> seeds = [Text("Rebels took Hama on Friday. Iran left. The war began in 2011.", dt.date(2024, 12, 6))]
    >>> corpus = generated_corpus(seeds, 2, seed=1, words_per_article=10)
    >>> len(corpus), corpus == generated_corpus(seeds, 2, seed=1, words_per_article=10)
    (2, True)
    """
    rng = random.Random(seed)
    pool = [s for t in seeds for s in sentences(t.text) if len(s.split()) >= 4]
    dates = [t.dct for t in seeds if t.dct is not None] or [dt.date(2024, 12, 6)]
    corpus = []
    for _ in range(articles):
        target = rng.randint(words_per_article // 2, words_per_article * 3 // 2)
        paragraphs, words = [], 0
        while words < target:
            chosen = [rng.choice(pool) for _ in range(rng.randint(1, 4))]
            paragraphs.append(" ".join(chosen))
            words += sum(len(s.split()) for s in chosen)
        day = _as_date(rng.choice(dates)) + dt.timedelta(days=rng.randint(-365, 365))
        corpus.append(Text("\n\n".join(paragraphs), day))
    return corpus


def _as_date(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def tagger_alone(texts: Sequence[Text]) -> None:
    """`lib.temporal.tag` over each text with its DCT."""
    from lib.temporal import tag

    for t in texts:
        tag(t.text, t.dct)


def pipe_with(nlp) -> Callable[[Sequence[Text]], None]:
    """A pass of `nlp.pipe` over the texts, keeping no Doc.

    Every pass tokenises with `nlp.make_doc` and sets `doc._.dct` (read by the timex component)
    when that extension exists, so the bare and full passes do the same work outside the pipes.
    """
    from spacy.tokens import Doc

    def doc_of(t: Text) -> Doc:
        doc = nlp.make_doc(t.text)
        if Doc.has_extension("dct"):
            doc._.dct = t.dct
        return doc

    def process(texts: Sequence[Text]) -> None:
        collections.deque(nlp.pipe(doc_of(t) for t in texts), maxlen=0)
    return process


ALONE, BARE, WITHOUT, FULL = ("tagger alone (lib.temporal.tag)", "bare model nlp.pipe",
                              "pipeline without timex", "full pipeline (timex=True)")


def load_systems(model: str) -> tuple[list[tuple[str, Callable[[Sequence[Text]], None]]], list[str]]:
    """What to time, by name, and notes on what could not be loaded."""
    import spacy

    bare = spacy.load(model)
    systems: list[tuple[str, Callable[[Sequence[Text]], None]]] = [
        (ALONE, tagger_alone), (BARE, pipe_with(bare))]
    notes = [f"spaCy {spacy.__version__}; model {model} {bare.meta.get('version', '?')}; "
             f"bare model: {', '.join(bare.pipe_names)}"]
    try:
        from lib.extract.spacy_pipeline import load_pipeline
    except ImportError as error:
        notes.append(f"full pipeline not measured: lib.extract.spacy_pipeline not importable ({error})")
        return systems, notes
    without = load_pipeline(model=model, timex=False)
    full = load_pipeline(model=model, timex=True)
    if without.pipe_names != bare.pipe_names:  # e.g. an entity ruler: time it apart from timex
        systems.append((WITHOUT, pipe_with(without)))
        notes.append(f"pipeline without timex: {', '.join(without.pipe_names)}")
    systems.append((FULL, pipe_with(full)))
    notes.append(f"full pipeline: {', '.join(full.pipe_names)}")
    return systems, notes


SHIPPED, OURS, OURS_NO_NER = ("extraction, the model as shipped", "extraction, load_pipeline()",
                               "extraction, load_pipeline() without ner nor its rules")


def ner_scope_name(scope: str) -> str:
    return f"extraction, load_pipeline(ner_scope={scope!r})"


def core_hours(words_per_cpu_second: float) -> float:
    """Core-hours for a million 600-word articles at this per-core throughput.

    >>> round(core_hours(5556), 1)
    30.0
    """
    return COST_ARTICLES * COST_ARTICLE_WORDS / words_per_cpu_second / 3600


def extraction_with(nlp) -> Callable[[Sequence[Text]], None]:
    """A first extraction of the texts (timexes and mentions, lib.extract.articles.analyse) with
    `nlp`, in this process, keeping nothing."""
    from lib.corpus import Article
    from lib.extract.articles import analyse

    def process(texts: Sequence[Text]) -> None:
        articles = [Article(f"t{i}", "", "", "", t.dct.isoformat() if t.dct else "", "metadata", t.text)
                    for i, t in enumerate(texts)]
        collections.deque(analyse(articles, nlp, workers=1), maxlen=0)
    return process


def cost(texts: Sequence[Text], batch: int, n_rounds: int) -> None:
    """Time the first extraction with each pipeline, print throughput and the 1M-article cost."""
    from lib.extract.spacy_pipeline import load_pipeline

    from lib.settings import NER_SCOPES

    pipelines = {SHIPPED: load_pipeline(exclude=(), memoised=False, matmul="blis", ner_scope="doc"),
                 OURS: load_pipeline()}
    pipelines |= {ner_scope_name(scope): load_pipeline(ner_scope=scope) for scope in NER_SCOPES
                  if scope not in (Settings.from_env().ner_scope, "doc")}  # the other way of naming (doc, the ner on every word, ~1.5x its CPU: left out)
    pipelines[OURS_NO_NER] = load_pipeline(exclude=("ner",), ner_scope="names")  # neither the ner nor its rules
    for name, nlp in pipelines.items():
        print(f"{name}: {', '.join(nlp.pipe_names)}")
    words = word_count(texts)
    configurations = {name: extraction_with(nlp) for name, nlp in pipelines.items()}
    for process in configurations.values():
        process(texts[:WARM_UP_DOCS])
    batches = [texts[i:i + batch] for i in range(0, len(texts), batch)]
    rounds = run_rounds(configurations, batches, n_rounds)
    print()
    print(format_table(CLOCK_HEADERS, clock_rows(rounds, words)))
    goal = Goal("core-hours", CORE_HOURS_GOAL, "<=")
    rows = []
    for name in configurations:
        cpu = summary(rounds, name)
        best, median = core_hours(words / cpu.min), core_hours(words / cpu.median)
        rows.append([name, f"{words / cpu.median:,.0f}", f"{best:.0f}", f"{median:.0f}",
                     f"<= {CORE_HOURS_GOAL:.0f}", "yes" if goal.met(median) else "NO"])
    print(f"\nper core, and a million {COST_ARTICLE_WORDS}-word articles ({COST_ARTICLES * COST_ARTICLE_WORDS / 1e6:,.0f} M "
          f"words) at that rate (the analysis alone; a first run adds the store, ~8%, and consolidation):")
    print(format_table(["configuration", "words / CPU s (median)", "core-hours (min)", "core-hours (median)",
                        "goal", "met (median)"], rows))
    print()
    print(format_table(GOAL_HEADERS, [
        info_row(f"{OURS} / {SHIPPED}, CPU", ratio(rounds, lambda r: r[OURS].cpu, lambda r: r[SHIPPED].cpu)),
        *[info_row(f"{name} / {SHIPPED}, CPU", ratio(rounds, lambda r, n=name: r[n].cpu, lambda r: r[SHIPPED].cpu))
          for name in pipelines if name not in (SHIPPED, OURS)]]))


MAKE_DOC, MENTIONS = "make_doc (boilerplate blanked)", "mentions (lib.extract.mentions)"


def split(texts: Sequence[Text], batch: int, n_rounds: int) -> None:
    """Time each step of the first extraction (`analyse`'s, one at a time over each batch) and
    print its CPU seconds, share and the cost of a million articles."""
    from lib.corpus import Article
    from lib.extract.articles import BATCH_SIZE, COMPONENT_CFG, article_doc, article_output
    from lib.extract.mentions import sentence_model
    from lib.extract.spacy_pipeline import load_pipeline
    from lib.temporal.spans import day_of

    nlp = load_pipeline()
    model = sentence_model.loaded()
    articles = [Article(f"t{i}", "", "", "", t.dct.isoformat() if t.dct else "", "metadata", t.text)
                for i, t in enumerate(texts)]
    times: dict[str, float] = collections.Counter()

    def timed(name: str, step: Callable[[], list]) -> list:
        start = time.process_time()
        done = step()
        times[name] += time.process_time() - start
        return done

    def extract(batch_articles: Sequence[Article]) -> None:
        dcts = [day_of(article.published) for article in batch_articles]
        docs = timed(MAKE_DOC, lambda: [article_doc(nlp, a, d) for a, d in zip(batch_articles, dcts)])
        for name, proc in nlp.pipeline:
            config = {"batch_size": BATCH_SIZE, **COMPONENT_CFG.get(name, {})}
            docs = timed(name, lambda: list(proc.pipe(docs, **config)) if hasattr(proc, "pipe")
                         else [proc(doc) for doc in docs])
        timed(MENTIONS, lambda: [article_output(doc, a, d, model) for doc, a, d in zip(docs, batch_articles, dcts)])

    batches = [articles[i:i + batch] for i in range(0, len(articles), batch)]
    for each in batches:  # the warm-up
        extract(each)
    times.clear()
    for _ in range(n_rounds):
        for each in batches:
            extract(each)
    print(f"{', '.join(nlp.pipe_names)}; after a warm-up over every text, {n_rounds} rounds\n")
    print(format_table(["step", "CPU s", "share"], split_rows(times)))
    cpu, words = sum(times.values()), word_count(texts) * n_rounds
    print(f"\n{words / cpu:,.0f} words per CPU second: {core_hours(words / cpu):.1f} core-hours for a "
          f"million {COST_ARTICLE_WORDS}-word articles (goal <= {CORE_HOURS_GOAL:.0f}; steps timed one at a time)")


def split_rows(times: dict[str, float]) -> list[list[str]]:
    """Each step's CPU seconds and share of the whole, then the total.

    >>> split_rows({"parser": 3.0, "mentions": 1.0})
    [['parser', '3.00', '75.0%'], ['mentions', '1.00', '25.0%'], ['total', '4.00', '100.0%']]
    """
    total = sum(times.values())
    return [[name, f"{cpu:.2f}", f"{100 * cpu / total:.1f}%"] for name, cpu in [*times.items(), ("total", total)]]


def overhead_rounds(rounds: Sequence[Round]) -> Summary:
    """The tagger overhead of each round: (full - without timex) / without timex, CPU time;
    against the bare model when the pipeline has nothing else."""
    base = WITHOUT if WITHOUT in rounds[0] else BARE
    return ratio(rounds, lambda r: r[FULL].cpu - r[base].cpu, lambda r: r[base].cpu)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.bench.throughput",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100,
                        help="generated articles (default 100, ~50k words)")
    parser.add_argument("--words-per-article", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2024, help="random seed of the generated corpus")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over the corpus (default 3)")
    parser.add_argument("--batch", type=int, default=8, help="articles a batch (default 8)")
    parser.add_argument("--seeds", action="store_true", help="time the seed articles instead")
    parser.add_argument("--model", default=Settings.from_env().spacy_model)
    parser.add_argument("--cost", action="store_true",
                        help="time the first extraction and print its cost per million articles")
    parser.add_argument("--split", action="store_true",
                        help="time each step of the first extraction and print its share of the CPU")
    parser.add_argument("--fakes-dev", type=int, metavar="N",
                        help="with --cost or --split: the first N dev articles of fakes-dev instead")
    args = parser.parse_args(argv)

    documents, origin = load_documents()
    seeds = [Text(d.text, d.dct) for d in documents]
    texts = seeds if args.seeds else generated_corpus(seeds, args.articles, args.seed,
                                                      args.words_per_article)
    if args.fakes_dev:
        from lib.bench.same_output import dev_articles
        from lib.temporal.spans import day_of

        texts = [Text(a.text, dt.date.fromisoformat(day_of(a.published)) if day_of(a.published) else None)
                 for a in dev_articles(args.fakes_dev)]
        origin = "fakes-dev, dev split"
    words = word_count(texts)
    print(f"Throughput on {os.cpu_count()} CPUs (usable: {len(os.sched_getaffinity(0))}), "
          f"Python {platform.python_version()}, one process; {'steps timed one at a time' if args.split else 'configurations interleaved'} batch by "
          f"batch ({args.batch} articles), {args.rounds} rounds, after a warm-up on "
          f"{WARM_UP_DOCS} docs; CPU = time.process_time, wall = time.perf_counter")
    corpus = (f"the {len(texts)} seed articles ({origin})" if args.seeds else
              f"{len(texts)} articles ({origin})" if args.fakes_dev else
              f"{len(texts)} articles generated from the seeds ({origin}), seed {args.seed}")
    if args.split or args.cost:
        print(f"corpus: {corpus}, {words:,} words; load average before: "
              f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        (split if args.split else cost)(texts, args.batch, args.rounds)
        print(f"\nload average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        return 0
    systems, notes = load_systems(args.model)
    print("\n".join(notes))
    print(f"corpus: {corpus}, {words:,} words\n")
    configurations = dict(systems)
    for process in configurations.values():
        process(texts[:WARM_UP_DOCS])
    batches = [texts[i:i + args.batch] for i in range(0, len(texts), args.batch)]
    rounds = run_rounds(configurations, batches, args.rounds)
    print(format_table(CLOCK_HEADERS, clock_rows(rounds, words)))
    print()
    goal = Goal("tagger overhead", OVERHEAD_GOAL, "<=", percent=True)
    rows = [goal.row("tagger overhead (full - without timex) / without timex, CPU", overhead_rounds(rounds))]
    rows.append(info_row("(full - bare) / bare, CPU", ratio(
        rounds, lambda r: r[FULL].cpu - r[BARE].cpu, lambda r: r[BARE].cpu), percent=True))
    rows.append(info_row("tagger alone / bare, CPU", ratio(
        rounds, lambda r: r[ALONE].cpu, lambda r: r[BARE].cpu), percent=True))
    print(format_table(GOAL_HEADERS, rows))
    met = goal.met(overhead_rounds(rounds).median)
    print(f"\ngoal: tagger overhead <= {100 * OVERHEAD_GOAL:.0f}% of the pipeline it joins "
          f"(median over rounds, CPU time): {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
