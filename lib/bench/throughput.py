"""Words per second of the tagger alone, the bare spaCy model and the full pipeline, on the seed
articles and on a larger corpus generated from them.

The generated corpus recombines seed sentences with a fixed random seed and shifts each
article's publication date, so every run measures the same texts. Each measurement runs once,
after a warm-up on a few documents; the figures are printed, never judged.

    python -m lib.bench.throughput                  # seeds + 300 generated articles (~160k words)
    python -m lib.bench.throughput --articles 2000  # ~1M words (about 12 minutes on 2 cores)
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
from lib.bench.table import format_table
from lib.settings import Settings

OVERHEAD_GOAL = 0.25
WARM_UP_DOCS = 3
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class Text:
    """A text to process and its publication date."""

    text: str
    dct: dt.date | None


@dataclass(frozen=True)
class Measurement:
    """One timed pass over a corpus."""

    corpus: str
    what: str
    docs: int
    words: int
    seconds: float

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


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


def timed(corpus: str, what: str, texts: Sequence[Text],
          process: Callable[[Sequence[Text]], None]) -> Measurement:
    """Warm `process` up on the first few texts, then time one pass over all of them."""
    process(texts[:WARM_UP_DOCS])
    start = time.perf_counter()
    process(texts)
    return Measurement(corpus, what, len(texts), word_count(texts), time.perf_counter() - start)


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


def load_systems(model: str) -> tuple[list[tuple[str, Callable[[Sequence[Text]], None]]], list[str]]:
    """What to time, by name, and notes on what could not be loaded."""
    import spacy

    bare = spacy.load(model)
    systems: list[tuple[str, Callable[[Sequence[Text]], None]]] = [
        ("tagger alone (lib.temporal.tag)", tagger_alone),
        ("bare model nlp.pipe", pipe_with(bare))]
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
        systems.append(("pipeline without timex", pipe_with(without)))
        notes.append(f"pipeline without timex: {', '.join(without.pipe_names)}")
    systems.append(("full pipeline (timex=True)", pipe_with(full)))
    notes.append(f"full pipeline: {', '.join(full.pipe_names)}")
    return systems, notes


def ratios(measurements: Sequence[Measurement]) -> list[list[object]]:
    """Per corpus: the tagger overhead, the time the timex component adds to the pipeline it joins
    ((full - without timex) / without timex; against the bare model when the pipeline has nothing
    else), with its goal; then the whole pipeline and the tagger alone against the bare model."""
    rows: list[list[object]] = []
    for corpus in dict.fromkeys(m.corpus for m in measurements):
        by = {m.what: m.seconds for m in measurements if m.corpus == corpus}
        bare = by.get("bare model nlp.pipe")
        if not bare:
            continue
        full = by.get("full pipeline (timex=True)")
        base = by.get("pipeline without timex") or bare
        alone = by.get("tagger alone (lib.temporal.tag)")
        rows.append([corpus, "tagger overhead (full - without timex) / without timex",
                     "not measured" if full is None else f"{100 * (full - base) / base:.1f}%",
                     f"goal <= {100 * OVERHEAD_GOAL:.0f}%"])
        if full is not None:
            rows.append([corpus, "(full - bare) / bare", f"{100 * (full - bare) / bare:.1f}%", ""])
        if alone is not None:
            rows.append([corpus, "tagger alone / bare", f"{100 * alone / bare:.1f}%", ""])
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.bench.throughput",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300,
                        help="generated articles (default 300, ~160k words; 2000 is ~1M words)")
    parser.add_argument("--words-per-article", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2024, help="random seed of the generated corpus")
    parser.add_argument("--model", default=Settings.from_env().spacy_model)
    args = parser.parse_args(argv)

    documents, origin = load_documents()
    seeds = [Text(d.text, d.dct) for d in documents]
    generated = generated_corpus(seeds, args.articles, args.seed, args.words_per_article)
    print(f"Throughput on {os.cpu_count()} CPUs (usable: {len(os.sched_getaffinity(0))}), "
          f"Python {platform.python_version()}, one process, time.perf_counter, one timed pass "
          f"after a warm-up on {WARM_UP_DOCS} docs")
    systems, notes = load_systems(args.model)
    print("\n".join(notes))
    print(f"seeds: {origin}; generated: {args.articles} articles, seed {args.seed}\n")

    measurements = [timed(name, what, texts, process)
                    for name, texts in (("seeds", seeds), (f"generated ({args.articles})", generated))
                    for what, process in systems]
    print(format_table(["corpus", "measurement", "docs", "words", "seconds", "words/s"],
                       [[m.corpus, m.what, m.docs, m.words, f"{m.seconds:.2f}",
                         f"{m.words_per_second:,.0f}"] for m in measurements]))
    print()
    print(format_table(["corpus", "ratio", "value", "goal"], ratios(measurements)))
    print("\nEach figure is one pass: on a shared 2-core machine, passes of the same pipeline "
          "differ by several percent, so read small differences as noise.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
