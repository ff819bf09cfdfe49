"""Which fields of the matched events differ from the gold, on the dev split of fakes-dev only, each
with its sentences: actor1, fatalities and place, to find the causes (never run on the test split).

    python -m lib.bench.event_fields                    # every field
    python -m lib.bench.event_fields --field actor1     # one field (actor1, fatalities, place)
    python -m lib.bench.event_fields --articles 0292,0750   # only these articles (a read set: the
                                                            # other dev articles stay unread)

Matching and the field checks are lib/bench/fakes_events.py's; only the dev articles are read and
extracted, so a run takes about two thirds of that benchmark's.
A benchmark: it prints and exits 0 (2, with the reason, for an --articles the gold lacks).
"""
from __future__ import annotations

import argparse
import sys
from typing import Sequence

from lib.bench.fakes_events import Gold, actor_ok, evaluate, only_articles, place_named, read_articles, read_gold
from lib.extract.articles import analyse
from lib.extract.gazetteer import Gazetteer, Place, distance_km
from lib.model import Event

FIELDS = ("actor1", "fatalities", "place")
SPLIT = "dev"  # the test split is held out: never listed
SAME_PLACE_KM = 5.0


def differs(field: str, gold: Gold, event: Event) -> str:
    """"ours / gold" when `field` of the matched pair differs from the gold, else ""."""
    if field == "actor1" and not actor_ok(gold.actor1, event.actor1):
        return f"{event.actor1 or '-'} / {'|'.join(gold.actor1)}"
    if field == "fatalities" and (gold.fatalities is not None or event.fatalities is not None) \
            and gold.fatalities != event.fatalities:
        return f"{event.fatalities} / {gold.fatalities}"
    if field == "place" and not place_named(gold, event):
        nearby = f" [a gold place lies within {SAME_PLACE_KM:g} km]" if same_place(gold, event) else ""
        return f"{event.location or '-'} ({event.admin1 or '-'}) / {'|'.join(gold.places)} ({'|'.join(gold.admin1)}){nearby}"
    return ""


def same_place(gold: Gold, event: Event, km: float = SAME_PLACE_KM) -> bool:
    """Does a place the gold names lie within `km` of the event's (a gazetteer candidate of a gold
    name)? The same place under another spelling is already `place_named`; this finds neighbours
    ("Al-Bab" for the gold's "Taduf", 2.5 km away) and places misplaced by a few km."""
    if event.latitude is None or event.longitude is None:
        return False
    here = Place(id="", name="", lat=event.latitude, lon=event.longitude, country="", admin1="")
    gazetteer = Gazetteer.load()
    return any(distance_km(candidate, here) <= km for name in gold.places for candidate in gazetteer.candidates(name))


def misses(pairs: Sequence[tuple[Gold, Event]], field: str) -> list[tuple[Gold, Event, str]]:
    return [(g, e, d) for g, e in pairs if (d := differs(field, g, e))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.bench.event_fields", description=__doc__.split("\n")[0])
    parser.add_argument("--field", choices=FIELDS, action="append", help="the field(s) to list (default: all)")
    parser.add_argument("--articles", metavar="IDS", help="only these dev articles, comma-separated ids or "
                        "their four-digit numbers, as lib.bench.fakes_events takes them")
    args = parser.parse_args(argv)
    gold = [g for g in read_gold() if g.split == SPLIT]
    if args.articles:
        try:
            gold = only_articles(gold, args.articles)
        except ValueError as problem:
            print(problem, file=sys.stderr)
            return 2
    articles = read_articles({g.article_id for g in gold})
    mentions = {article.id: found for article, _, found in analyse(articles)}
    result = evaluate(gold, mentions, SPLIT)
    print(f"{SPLIT}: {len(articles)} articles, {len(result.pairs)} matched events")
    for field in args.field or FIELDS:
        found = misses(result.pairs, field)
        print(f"\n== {field}: {len(found)} of {len(result.pairs)} matched differ (ours / gold)")
        if field == "place":
            print(f"   of which a gold place lies within {SAME_PLACE_KM:g} km: {sum('lies within' in d for _, _, d in found)}")
        for g, e, what in found:
            print(f"\n{g.article_id} {g.key}: {what}")
            print(f"  gold: {g.evidence}")
            for sentence in e.evidence.split(" | ")[:2]:
                print(f"  ours: {sentence[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
