"""Publication dates from the text, on fakes-dev: how many date labels disagree with their text's
dateline, what `reconcile_dct` chooses, and how often that choice is right on the articles checked
by hand (`data/gold/fakes_dct_checked.tsv`).

No tagger and no language model: the datelines are read with `lib/corpus/datelines.txt` alone.
A benchmark: it prints figures and always exits 0.

    python -m lib.bench.dct [--corpus FILE.jsonl] [--checked FILE.tsv] [--list]
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from lib.bench.table import format_table, percent
from lib.corpus.article import Article
from lib.corpus.datelines import primary_dateline, read_datelines
from lib.corpus.dct import reconcile_dct
from lib.settings import DATA_DIR, PROJECT_ROOT

DEFAULT_CORPUS = PROJECT_ROOT.parent / "shared" / "corpora" / "fakes-dev" / "articles.jsonl"
DEFAULT_CHECKED = DATA_DIR / "gold" / "fakes_dct_checked.tsv"


@dataclass(frozen=True)
class Outcome:
    """One article: its label, its dateline (or None), and what reconcile_dct made of them."""

    article: Article
    dateline: str | None  # ISO date of the primary dateline
    kind: str  # the dateline's kind, "" without one
    chosen: Article

    @property
    def disagrees(self) -> bool:
        return self.dateline is not None and self.chosen.published != self.article.published \
            or self.chosen.dct_source == "disputed"


def read_corpus(path: Path) -> list[Article]:
    """The articles of a JSON Lines corpus, dated by their metadata."""
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            articles.append(Article(record["id"], record.get("title", ""), record.get("source", ""),
                                    record.get("url", ""), record["published"], "metadata",
                                    record["text"]))
    return articles


def outcomes(articles: Sequence[Article]) -> list[Outcome]:
    """What the reconciliation does with each article."""
    result = []
    for article in articles:
        primary = primary_dateline(read_datelines(article.text))
        result.append(Outcome(article, primary.day.isoformat() if primary else None,
                              primary.kind if primary else "", reconcile_dct(article)))
    return result


def read_checked(path: Path) -> list[dict[str, str]]:
    """The hand-checked rows (see the file's header)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"))


def choice_is_right(outcome: Outcome, right: str) -> bool:
    """True when the date chosen is the one the hand check found right."""
    chosen = outcome.chosen.published[:10]
    if right == "text":
        return chosen == outcome.dateline
    if right == "label":
        return chosen == outcome.article.published[:10]
    return False


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--checked", type=Path, default=DEFAULT_CHECKED)
    parser.add_argument("--list", action="store_true", help="list every disagreeing article")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"no corpus at {args.corpus}")
        return 0
    start = time.perf_counter()
    results = outcomes(read_corpus(args.corpus))
    seconds = time.perf_counter() - start
    with_dateline = [o for o in results if o.dateline is not None]
    disagreeing = [o for o in results if o.disagrees]
    print(f"{args.corpus}: {len(results)} articles, {len(with_dateline)} with a dateline at the "
          f"top of the text, {len(disagreeing)} whose date label disagrees with it by more than a day "
          f"({seconds:.2f} s, no tagger)\n")

    by_kind: dict[str, Counter] = {}
    for outcome in with_dateline:
        counts = by_kind.setdefault(outcome.kind, Counter())
        counts["datelines"] += 1
        counts["disagree"] += outcome.disagrees
        counts[outcome.chosen.dct_source] += outcome.disagrees
    print(format_table(["dateline kind", "articles", "label disagrees", "text chosen", "disputed"],
                       [[kind, c["datelines"], c["disagree"], c["text cue"], c["disputed"]]
                        for kind, c in sorted(by_kind.items())]))
    by_source: dict[str, Counter] = {}
    for outcome in results:
        counts = by_source.setdefault(outcome.article.source or "?", Counter())
        counts["articles"] += 1
        counts["dateline"] += outcome.dateline is not None
        counts["disagree"] += outcome.disagrees
    print()
    print(format_table(["outlet", "articles", "with dateline", "label disagrees"],
                       [[source, c["articles"], c["dateline"], c["disagree"]]
                        for source, c in sorted(by_source.items())]))
    choices = Counter(o.chosen.dct_source for o in disagreeing)
    print(f"\nchosen where they disagree: {dict(sorted(choices.items()))}")
    if args.list:
        for outcome in disagreeing:
            print(f"  {outcome.article.id}  label {outcome.article.published}  "
                  f"-> {outcome.chosen.published} ({outcome.chosen.dct_source}): "
                  f"{outcome.chosen.dct_note}")

    if not args.checked.exists():
        return 0
    by_id = {o.article.id: o for o in results}
    rows = [row for row in read_checked(args.checked) if row["id"] in by_id]
    right = [row for row in rows if choice_is_right(by_id[row["id"]], row["right"])]
    stale = [row["id"] for row in rows if by_id[row["id"]].dateline != row["dateline"]
             or by_id[row["id"]].article.published[:10] != row["label"]]
    verdicts = Counter(row["right"] for row in rows)
    print(f"\nchecked by hand ({args.checked.name}): {len(rows)} disagreeing articles; the better "
          f"date is the text's for {verdicts['text']}, the label's for {verdicts['label']}, "
          f"neither for {verdicts['neither']}")
    print(f"the choice made is right for {len(right)} of {len(rows)} "
          f"({percent(len(right) / len(rows)) if rows else ''}%)")
    for row in rows:
        if row not in right:
            outcome = by_id[row["id"]]
            print(f"  wrong: {row['id']} chose {outcome.chosen.published} "
                  f"({outcome.chosen.dct_source}); {row['evidence']}")
    if stale:
        print(f"  (the dateline read now differs from the one checked for: {', '.join(stale)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
