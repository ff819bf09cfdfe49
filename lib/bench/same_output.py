"""Same output, faster: the model's pipeline as it ships (every component, its own attribute ruler
and lemmatizer, thinc's blis matrix products) against the one the project loads (lib.extract.spacy_pipeline.load_pipeline with
its defaults), article by article: timexes and mentions compared.

    python -m lib.bench.same_output                   # the seeds and fakes-dev's dev articles
    python -m lib.bench.same_output --articles 100    # the first 100 of fakes-dev only

The fakes-dev articles whose id falls in the held-out test split (int(sha1(id), 16) % 3 == 0, the
rule of data/gold/fakes_events.tsv) are left out, so no test text is ever shown here.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import time
from typing import Sequence

from lib.bench.fakes_events import CORPUS
from lib.corpus import Article, read_articles
from lib.corpus.readers import read_json_lines
from lib.settings import DATA_DIR


def dev_articles(limit: int | None = None) -> list[Article]:
    """fakes-dev's articles outside the test split, in file order (the first `limit`)."""
    found = [item for item in read_json_lines(CORPUS / "articles.jsonl", 10**8)
             if isinstance(item, Article) and int(hashlib.sha1(item.id.encode()).hexdigest(), 16) % 3]
    return found[:limit] if limit else found


def seed_articles() -> list[Article]:
    return [a for a in read_articles([DATA_DIR / "corpus"]) if isinstance(a, Article)]


def compare(articles: Sequence[Article], shipped, ours) -> tuple[list[str], int, int, float, float]:
    """Ids of the articles whose timexes or mentions differ, the mentions of the shipped pipeline,
    those found by one pipeline only, and the CPU seconds of each."""
    from lib.extract.articles import analyse

    differ, cpu, total, apart = [], [0.0, 0.0], 0, 0
    for article in articles:
        outputs = []
        for k, nlp in enumerate((shipped, ours)):
            start = time.process_time()
            outputs.append([(t, m) for _, t, m in analyse([article], nlp, workers=1)])
            cpu[k] += time.process_time() - start
        total += len(outputs[0][0][1])
        if outputs[0] != outputs[1]:
            differ.append(article.id)
            apart += len(set(outputs[0][0][1]) ^ set(outputs[1][0][1]))
    return differ, total, apart, cpu[0], cpu[1]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.bench.same_output",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, help="fakes-dev articles (default: every dev one)")
    args = parser.parse_args(argv)
    from lib.extract.spacy_pipeline import load_pipeline

    shipped = load_pipeline(exclude=(), memoised=False, matmul="blis", ner_scope="doc")
    ours = load_pipeline()
    print(f"shipped: {', '.join(shipped.pipe_names)}\nours:    {', '.join(ours.pipe_names)}")
    suites = ([] if args.articles else [("seeds", seed_articles())]) + [("fakes-dev (dev)", dev_articles(args.articles))]
    for name, articles in suites:
        differ, total, apart, cpu_shipped, cpu_ours = compare(articles, shipped, ours)
        print(f"{name}: {len(articles)} articles, {total} mentions; {len(articles) - len(differ)} articles "
              f"with the same timexes and mentions, {len(differ)} differ"
              f"{' (' + ', '.join(differ) + f'; {apart} mentions found by one pipeline only)' if differ else ''}; "
              f"CPU {cpu_shipped:.1f} s shipped, {cpu_ours:.1f} s ours ({cpu_ours / cpu_shipped:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
