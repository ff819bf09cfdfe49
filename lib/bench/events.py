"""Events and control on the seed articles against the gold files in data/gold/.

    python -m lib.bench.events            # figures, every unmatched event, every control mismatch

Matching (one-to-one, in gold order): an extracted event matches a gold one when its place is one
the gold lists ("-" allows an event without place), its date span overlaps the gold span and its
event type is one the gold lists. Precision counts extracted events matching a gold one; recall
gold events matched. Actor agreement: matched events whose actor1 the gold accepts.
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from lib.extract.articles import analyse
from lib.bench.seeds import seed_articles
from lib.bench.table import format_table
from lib.extract.control import control_intervals, status_at
from lib.temporal.spans import overlaps
from lib.extract.events import consolidate
from lib.model import DateSource, Event, current
from lib.settings import DATA_DIR

GOLD_EVENTS = DATA_DIR / "gold" / "seed_events.tsv"
GOLD_CONTROL = DATA_DIR / "gold" / "seed_control.tsv"


@dataclass(frozen=True)
class GoldEvent:
    key: str
    event_types: tuple[str, ...]
    places: tuple[str, ...]
    date_start: str
    date_end: str
    actors: tuple[str, ...]
    note: str

    def matches(self, event: Event) -> bool:
        place_ok = (event.location in self.places) or (not event.location and "-" in self.places)
        return (place_ok and event.event_type in self.event_types
                and overlaps((self.date_start, self.date_end), (event.date_start, event.date_end)))


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"))


def read_gold_events(path: Path = GOLD_EVENTS) -> list[GoldEvent]:
    def split(text: str) -> tuple[str, ...]:
        return tuple(part.strip() for part in text.split("|"))
    return [GoldEvent(r["key"], split(r["event_types"]), split(r["places"]), r["date_start"],
                      r["date_end"], split(r["actors"]), r["note"]) for r in _rows(path)]


def match(gold: Sequence[GoldEvent], events: Sequence[Event]) -> list[tuple[GoldEvent, Event]]:
    """The most pairs of gold and extracted events that match one-to-one (Kuhn's augmenting paths),
    trying for each gold event the candidates with an accepted actor and the best date first."""
    options = [sorted((e for e in events if g.matches(e)),
                      key=lambda e: (e.actor1 not in g.actors, e.time_precision, -e.n_sources))
               for g in gold]
    owner: dict[str, int] = {}

    def place(index: int, seen: set[str]) -> bool:
        for event in options[index]:
            if event.event_id in seen:
                continue
            seen.add(event.event_id)
            if event.event_id not in owner or place(owner[event.event_id], seen):
                owner[event.event_id] = index
                return True
        return False

    # first the pairs whose actor1 the gold accepts, then augment with the rest: as many pairs as
    # possible, and among those as many with the right actor as this order finds
    all_options = options
    options = [[e for e in found if e.actor1 in g.actors] for g, found in zip(gold, all_options)]
    for index in range(len(gold)):
        place(index, set())
    options = all_options
    for index in range(len(gold)):
        if index not in owner.values():
            place(index, set())
    by_id = {e.event_id: e for e in events}
    return sorted(((gold[i], by_id[eid]) for eid, i in owner.items()), key=lambda p: gold.index(p[0]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.bench.events", description=__doc__.split("\n")[0])
    parser.parse_args(argv)
    articles = seed_articles()
    mentions = [m for _, _, found in analyse(articles) for m in found]
    # history (background) is consolidated apart from current news; the seed gold lists the history
    # that has a date of its own (1967, 2011), not undated recaps ("Over the years")
    background = [m for m in mentions if m.background and m.date_source == DateSource.CLAUSE]
    events = consolidate(current(mentions)) + consolidate(background)
    gold = read_gold_events()
    pairs = match(gold, events)
    precision = len(pairs) / len(events) if events else 0.0
    recall = len(pairs) / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    actors_ok = sum(1 for g, e in pairs if e.actor1 in g.actors)
    print(f"Seed events: {len(articles)} articles, {len(mentions)} mentions, {len(events)} events, "
          f"{len(gold)} gold events ({GOLD_EVENTS.relative_to(DATA_DIR.parent)})\n")
    print(format_table(["measure", "value", "goal"], [
        ["precision", f"{precision:.3f}", "> 0.9"], ["recall", f"{recall:.3f}", "> 0.9"],
        ["F1", f"{f1:.3f}", ""],
        ["actor1 accepted (of matched)", f"{actors_ok}/{len(pairs)}", ""],
        ["disputed events", str(sum(e.claim_status == "disputed" for e in events)), ""],
    ]))
    matched_ids = {e.event_id for _, e in pairs}
    matched_keys = {g.key for g, _ in pairs}
    print("\nGold events not found:")
    print(format_table(["key", "types", "places", "dates", "note"],
                       [[g.key, "|".join(g.event_types), "|".join(g.places),
                         f"{g.date_start}..{g.date_end}", g.note[:70]]
                        for g in gold if g.key not in matched_keys]) or "(none)")
    print("\nExtracted events matching no gold event:")
    print(format_table(["date", "type", "place", "actor1", "n", "notes"],
                       [[f"{e.date_start}..{e.date_end}", e.event_type, e.location, e.actor1, e.n_sources,
                         e.notes[:80]] for e in events if e.event_id not in matched_ids]) or "(none)")
    print("\nMatched with an actor1 the gold does not accept:")
    print(format_table(["key", "ours", "gold accepts"],
                       [[g.key, e.actor1, "|".join(g.actors)] for g, e in pairs if e.actor1 not in g.actors])
          or "(none)")
    intervals = control_intervals(mentions)
    rows, wrong = [], 0
    for row in _rows(GOLD_CONTROL):
        got = status_at(intervals, row["city"], row["as_of"])
        ours = (got.controller, got.status) if got else ("(no information)", "")
        ok = ours == (row["controller"], row["status"])
        wrong += not ok
        rows.append([row["city"], row["as_of"], f"{row['controller']} {row['status']}",
                     " ".join(ours), "ok" if ok else "MISMATCH",
                     (got.actor_detail if got else "")[:50]])
    print(f"\nControl against {GOLD_CONTROL.relative_to(DATA_DIR.parent)}: "
          f"{len(rows) - wrong}/{len(rows)} right")
    print(format_table(["city", "as of", "gold", "ours", "", "actor detail"], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
