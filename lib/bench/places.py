"""Places on fakes-dev: how many mentions name a place the extractor can't locate, and how often an
article's own governorate (FA-KES's `location` label) is among the places of its events; the lexicon
alone ("before") against the lexicon and the gazetteer ("after"), and what the gazetteer costs.

    python -m lib.bench.places [--corpus DIR] [--limit N] [--repeats R] [--against REF] [--timing-only]
    python -m lib.bench.places --misses     # the articles outside their own governorate (no test article)
    python -m lib.bench.places --unknown    # the unknown places: name, count, a sentence (no test article)

The corpus folder holds `articles.jsonl` and `labels.csv` (id, location). An article counts as
placed when one of the events built from its mentions lies in its labelled governorate (the event's
admin1); FA-KES's "damascus" accepts Damascus and Rural Damascus (Rif Dimashq) alike, as the dataset
uses it for both. Timing is paired: the same parsed docs through the entity step with and without the
gazetteer (and the component of git revision `--against`, today's), alternated `--repeats` times,
best of each; and the whole pipeline over the corpus, once each.
A benchmark: it prints figures and always exits 0.
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path
from typing import Sequence

from lib.bench.table import format_table
from lib.corpus import Article, read_articles
from lib.extract import lexicon
from lib.extract.entities import LexiconEntities
from lib.extract.events import consolidate
from lib.extract.spacy_pipeline import LEXICON_RULER, load_pipeline
from lib.settings import DATA_DIR

FAKES_DEV = DATA_DIR.parent.parent / "shared" / "corpora" / "fakes-dev"
# FA-KES writes one governorate for the city and its countryside
SAME_LABEL = {"damascus": ("Damascus Governorate", "Rif Dimashq Governorate")}


def governorates(label: str) -> tuple[str, ...]:
    """The lexicon's governorate names a FA-KES location label accepts.

    >>> governorates("deir ezzor"), governorates("damascus")[1]
    (('Deir ez-Zor Governorate',), 'Rif Dimashq Governorate')
    """
    if label in SAME_LABEL:
        return SAME_LABEL[label]
    for suffix in (" governorate", " province", ""):
        place = lexicon.place_by_alias(label + suffix)
        if place is not None and place.kind == "province":
            return (place.name,)
    return ()


def read_labels(folder: Path) -> dict[str, str]:
    with (folder / "labels.csv").open(encoding="utf-8") as handle:
        return {row["id"]: row["location"] for row in csv.DictReader(handle)}


def figures(articles: Sequence[Article], labels: dict[str, str], nlp) -> dict[str, float]:
    from lib.extract.articles import analyse
    started = time.perf_counter()
    mentions = [m for _, _, found in analyse(articles, nlp) for m in found]
    seconds = time.perf_counter() - started
    placed = [m for m in mentions if m.place]
    unknown = [m for m in placed if not m.place_known]
    events = consolidate(mentions)
    admin1_of: dict[str, set[str]] = {}
    for event in events:
        for mention_id in event.mention_ids.split("; "):
            admin1_of.setdefault(mention_id.split(":")[0], set()).add(event.admin1)
    hit = sum(1 for a in articles if set(governorates(labels.get(a.id, ""))) & admin1_of.get(a.id, set()))
    missed = [a.id for a in articles if not set(governorates(labels.get(a.id, ""))) & admin1_of.get(a.id, set())]
    return {"missed": missed, "admin1_of": admin1_of, "mentions": len(mentions), "placed": len(placed), "unknown": len(unknown),
            "unknown_share": len(unknown) / len(placed) if placed else 0.0,
            "events": len(events), "articles": len(articles), "governorate_hits": hit,
            "governorate_share": hit / len(articles) if articles else 0.0, "seconds": seconds,
            "unknown_names": sorted({m.place for m in unknown}), "unknown_mentions": unknown}


def component_at(ref: str):
    """The entity component as it was at git revision `ref` (lib/extract/entities.py), lexicon only."""
    import subprocess
    import types
    source = subprocess.run(["git", "show", f"{ref}:lib/extract/entities.py"], capture_output=True,
                            text=True, check=True, cwd=DATA_DIR.parent).stdout
    source = source.replace('@Language.factory("lexicon_entities"', f'@Language.factory("lexicon_entities_{ref}"')
    module = types.ModuleType(f"entities_at_{ref}")
    sys.modules[module.__name__] = module
    exec(compile(source, f"{ref}:lib/extract/entities.py", "exec"), module.__dict__)
    component = module.LexiconEntities(None)
    component.use_gazetteer = False
    return component


def entity_timing(nlp, articles: Sequence[Article], repeats: int, against: str = "") -> dict[str, float]:
    """Best CPU seconds of the entity step over the same parsed docs, contenders alternated: lexicon only,
    lexicon + gazetteer, and the component of git revision `against` when given."""
    component: LexiconEntities = nlp.get_pipe(LEXICON_RULER)
    before_ruler = [name for name in nlp.pipe_names[:nlp.pipe_names.index(LEXICON_RULER)]]
    docs = list(nlp.pipe((a.text for a in articles), disable=[n for n in nlp.pipe_names if n not in before_ruler]))
    contenders = {f"{against} (lexicon)": (component_at(against), False)} if against else {}
    contenders.update({"lexicon": (component, False), "lexicon + gazetteer": (component, True)})
    best = {name: float("inf") for name in contenders}
    for _ in range(repeats):
        for name, (step, use) in contenders.items():
            step.use_gazetteer = use
            started = time.process_time()  # CPU time: the machine is shared, wall time is not ours
            for doc in docs:
                doc.ents = ()
                step(doc)
            best[name] = min(best[name], time.process_time() - started)
    component.use_gazetteer = True
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.bench.places", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=FAKES_DEV)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--timing-only", action="store_true", help="only the entity step's timing")
    parser.add_argument("--misses", action="store_true",
                        help="only list the articles outside their own governorate (never those of the gold's test split)")
    parser.add_argument("--against", default="", metavar="REF",
                        help="also time the entity component of git revision REF (e.g. main)")
    parser.add_argument("--unknown", action="store_true",
                        help="only list the unknown places, with their count and a sentence (never those of the gold's test split)")
    args = parser.parse_args(argv)
    labels = read_labels(args.corpus)
    articles = [a for a in read_articles([args.corpus / "articles.jsonl"]) if isinstance(a, Article)]
    if args.limit:
        articles = articles[:args.limit]
    nlp = load_pipeline()
    component: LexiconEntities = nlp.get_pipe(LEXICON_RULER)
    runs = {}
    if args.misses:
        print_misses(articles, labels, nlp)
        return 0
    if args.unknown:
        print_unknown(articles, labels, nlp)
        return 0
    if args.timing_only:
        print_timing(nlp, articles, args)
        return 0
    for name, use in (("before (lexicon)", False), ("after (lexicon + gazetteer)", True)):
        component.use_gazetteer = use
        runs[name] = figures(articles, labels, nlp)
    component.use_gazetteer = True
    print(f"Places on {args.corpus.name}: {len(articles)} articles\n")
    print(format_table(
        ["run", "mentions", "with place", "unknown", "unknown %", "articles in own governorate", "%",
         "pipeline s"],
        [[name, r["mentions"], r["placed"], r["unknown"], f"{100 * r['unknown_share']:.1f}",
          f"{r['governorate_hits']}/{r['articles']}", f"{100 * r['governorate_share']:.1f}",
          f"{r['seconds']:.1f}"] for name, r in runs.items()]))
    print("\ngoals: unknown <= 5% of mentions with a place; own governorate >= 90% of articles")
    print_timing(nlp, articles, args)
    before, after = runs["before (lexicon)"], runs["after (lexicon + gazetteer)"]
    print(f"Whole pipeline: {before['seconds']:.1f} s before, {after['seconds']:.1f} s after (one run each, "
          f"the first also warms up: not a paired figure)")
    print("\nUnknown places after:", "; ".join(after["unknown_names"][:60]) or "(none)")
    return 0


def held_out() -> set[str]:
    """The articles of data/gold/fakes_events.tsv's test split: never listed."""
    path = DATA_DIR / "gold" / "fakes_events.tsv"
    return {line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()
            if not line.startswith("#") and line.count("\t") > 1 and line.split("\t")[1] == "test"}


def print_misses(articles: Sequence[Article], labels: dict[str, str], nlp) -> None:
    """The articles (test split left out) whose events lie in no governorate of their label, with the
    governorates and the unknown places their events have."""
    hidden = held_out()
    shown = [a for a in articles if a.id not in hidden]
    run = figures(shown, labels, nlp)
    print(f"{len(run['missed'])} of {len(shown)} articles (the gold's {len(articles) - len(shown)} test "
          f"articles left out) have no event in their own governorate:")
    for article_id in run["missed"]:
        print(f"{article_id}\tlabel {labels.get(article_id, '')}\tevents in "
              f"{'; '.join(sorted(run['admin1_of'].get(article_id, set()) - {''})) or '-'}")


def print_unknown(articles: Sequence[Article], labels: dict[str, str], nlp) -> None:
    """The unknown places of the articles (test split left out), most mentioned first: the name, how many
    mentions have it, and each distinct sentence it is read from (article id first)."""
    hidden = held_out()
    shown = [a for a in articles if a.id not in hidden]
    run = figures(shown, labels, nlp)
    by_name: dict[str, list] = {}
    for mention in run["unknown_mentions"]:
        by_name.setdefault(mention.place, []).append(mention)
    print(f"{run['unknown']} unknown of {run['placed']} mentions with a place in {len(shown)} articles "
          f"(the gold's {len(articles) - len(shown)} test articles left out):")
    for name, found in sorted(by_name.items(), key=lambda item: (-len(item[1]), item[0])):
        print(f"\n{name}\t{len(found)}")
        for article_id, sentence in dict.fromkeys((m.article_id, " ".join(m.sentence.split())) for m in found):
            print(f"  {article_id}\t{sentence}")


def print_timing(nlp, articles: Sequence[Article], args) -> None:
    timing = entity_timing(nlp, articles, args.repeats, args.against)
    words = sum(len(a.text.split()) for a in articles)
    reference = timing.get(f"{args.against} (lexicon)", timing["lexicon"])
    print(f"\nEntity step over the same {len(articles)} parsed docs ({words:,} words), contenders alternated, "
          f"best of {args.repeats}:")
    print(format_table(["component", "seconds", "words/s", "vs " + (args.against or "lexicon")],
                       [[name, f"{s:.3f}", f"{words / s:,.0f}", f"{100 * (s / reference - 1):+.0f}%"]
                        for name, s in timing.items()]))


if __name__ == "__main__":
    sys.exit(main())
