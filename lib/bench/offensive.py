"""Who controls each city, day by day, through the offensive of 26 Nov - 12 Dec 2024: our
hand-written stand-in corpus for the client's blind "recent offensive" set, against the truth table.

    python -m lib.bench.offensive [--refresh] [--cities] [--corpus PATH] [--held-out]

The corpus, `data/gold/offensive_2024/articles.jsonl`, holds reports written by hand in the
styles of the outlets of those days (its README says how and by whom), before any output of the
project on them was seen; the five seed articles are read with it. The probes are every day of
the window for every city of `data/gold/control_truth.tsv`, the controller following from its
rows (`truth_on`): no probe inside a change window, before a city's first row or after the day
its history is "followed to". A probe is scored only when an article of the corpus published on
or before its day names the city (under any name the lexicon or the gazetteer gives it): the
others cannot be answered from the corpus by any reader. Verdicts as in `lib.bench.control`
(right, wrong, contested-but-clear, missing); cities split by its fixed rule (`split_of`): dev
and test totals print apart, dev cities' details only, and a "majors" line scores the six cities
the client's first measure named (Aleppo, Hama, Homs, Daraa, Deir ez-Zor, Damascus) on five
days, as that measure did. `--held-out` reads instead `data/gold/offensive_2024_test/`, reports of the
same days by another writer that the developers never read nor tune on: it prints totals only (no city,
no day), with the seeds left out. A benchmark: it prints figures and always exits 0.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
from pathlib import Path
from typing import Sequence

from lib.bench.control import (cached_mentions, flips, naming_days, rows_of, same_city, split_of, status_of,
                               verdict)
from lib.bench.seeds import seed_articles
from lib.bench.table import format_table
from lib.corpus import Article, read_articles
from lib.extract import control as control_model
from lib.settings import DATA_DIR, PROJECT_ROOT

CORPUS = DATA_DIR / "gold" / "offensive_2024" / "articles.jsonl"
HELD_OUT = DATA_DIR / "gold" / "offensive_2024_test" / "articles.jsonl"
TRUTH = DATA_DIR / "gold" / "control_truth.tsv"
FIRST, LAST = dt.date(2024, 11, 26), dt.date(2024, 12, 12)
MAJORS = ("Aleppo", "Hama", "Homs", "Daraa", "Deir ez-Zor", "Damascus")
MAJOR_DAYS = ("2024-11-27", "2024-11-30", "2024-12-04", "2024-12-07", "2024-12-10")
_FOLLOWED = "History followed to "


def truth_on(rows: Sequence[dict[str, str]], city: str, day: str) -> str | None:
    """The controller the truth rows give `city` on `day`: the `after` of the last change ended by
    then, the `before` of the next; None inside a change window, before a city's first row or after
    the day its history is followed to.

    >>> rows = [{"city": "Hama", "date_from": "2011-03-15", "date_to": "2011-03-15", "before": "-",
    ...          "after": "government", "note": ""},
    ...         {"city": "Hama", "date_from": "2024-12-05", "date_to": "2024-12-05", "before": "government",
    ...          "after": "opposition", "note": "History followed to 2024-12-10 only"}]
    >>> [truth_on(rows, "Hama", d) for d in ("2024-12-04", "2024-12-05", "2024-12-10", "2024-12-11")]
    ['government', 'opposition', 'opposition', None]
    >>> truth_on(rows, "Homs", "2024-12-04") is None
    True
    """
    own = sorted((r for r in rows if r["city"] == city), key=lambda r: r["date_from"])
    if not own:
        return None
    last = own[-1]["note"]
    if _FOLLOWED in last and day > last.split(_FOLLOWED, 1)[1][:10]:
        return None
    held = None
    for row in own:
        if day < row["date_from"]:
            return held if held is not None else (row["before"] if row["before"] != "-" else None)
        if day < row["date_to"]:
            return None
        held = row["after"]
    return held


def probes(rows: Sequence[dict[str, str]]) -> list[dict[str, str]]:
    """Every (city, day) of the window whose controller the truth rows determine."""
    days = [(FIRST + dt.timedelta(days=n)).isoformat() for n in range((LAST - FIRST).days + 1)]
    found = []
    for city in sorted({r["city"] for r in rows}):
        for day in days:
            controller = truth_on(rows, city, day)
            if controller is not None:
                found.append({"city": city, "date": day, "controller": controller})
    return found


def run(corpus: Path, refresh: bool, show_cities: bool, held_out: bool = False) -> None:
    articles = [a for a in read_articles([corpus]) if isinstance(a, Article)] if corpus.exists() else []
    both = [*articles] if held_out else [*articles, *seed_articles()]
    texts = hashlib.sha1(corpus.read_bytes()).hexdigest()[:8] if corpus.exists() else "none"
    mentions = cached_mentions(f"offensive-{texts}", articles, refresh) + (
        [] if held_out else cached_mentions("seeds", seed_articles(), refresh))
    intervals = control_model.control_intervals(mentions)
    truth = rows_of(TRUTH)
    wanted = probes(truth)
    days = naming_days({p["city"] for p in wanted}, both)
    names_of = same_city(intervals)
    tally: dict[str, dict[str, int]] = {"dev": {}, "test": {}}
    majors: dict[str, int] = {}
    by_city: dict[str, dict[str, int]] = {}
    table = []
    for probe in wanted:
        named = days[probe["city"]]
        if not named or named[0] > probe["date"]:
            continue
        got = status_of(intervals, names_of(probe["city"]), probe["date"])
        result = verdict(probe["controller"], got)
        split = split_of(probe["city"])
        tally[split][result] = tally[split].get(result, 0) + 1
        if probe["city"] in MAJORS and probe["date"] in MAJOR_DAYS:
            majors[result] = majors.get(result, 0) + 1
        if split == "dev":
            by_city.setdefault(probe["city"], {}).setdefault(result, 0)
            by_city[probe["city"]][result] += 1
            table.append([probe["city"], probe["date"], probe["controller"], got.controller if got else "-",
                          got.status if got else "", result])
    counts = flips(intervals)
    where = corpus.relative_to(PROJECT_ROOT) if corpus.is_relative_to(PROJECT_ROOT) else corpus
    if held_out:
        total = {k: tally["dev"].get(k, 0) + tally["test"].get(k, 0) for k in {*tally["dev"], *tally["test"]}}
        print(f"offensive 2024, held out: {len(articles)} articles, {len(mentions)} mentions ({where})")
        print(_figures("all city-days named by then", total))
        print(_figures(f"majors ({', '.join(MAJORS)}) on {', '.join(MAJOR_DAYS)}", majors))
        print(f"flips, all cities: {sum(counts.values())}")
        return
    print(f"offensive 2024 + seeds: {len(articles)} + 5 articles, {len(mentions)} mentions, "
          f"{len(counts)} cities with a history ({where})")
    for split in ("dev", "test"):
        print(_figures(f"{split} city-days named by then", tally[split]))
    print(_figures(f"majors ({', '.join(MAJORS)}) on {', '.join(MAJOR_DAYS)}", majors))
    print("dev cities:")
    print(format_table(["city", "right", "wrong", "contested-but-clear", "missing", "flips"],
                       [[c, v.get("right", 0), v.get("wrong", 0), v.get("contested-but-clear", 0),
                         v.get("missing", 0), counts.get(c, 0)] for c, v in sorted(by_city.items())]))
    if show_cities:
        print(format_table(["city", "day", "truth", "ours", "status", "verdict"], table))


def _figures(label: str, tally: dict[str, int]) -> str:
    n = sum(tally.values())
    return (f"{label}: {n}; " + ", ".join(f"{k} {v}" for k, v in sorted(tally.items()))
            + (f"; right {tally.get('right', 0) / n:.1%}" if n else ""))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.bench.offensive", description=__doc__.split("\n")[0])
    parser.add_argument("--refresh", action="store_true", help="extract again even when cached")
    parser.add_argument("--cities", action="store_true", help="print every dev city-day scored")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the reports to read (JSONL)")
    parser.add_argument("--held-out", action="store_true",
                        help="the held-out reports of another writer: totals only, never a city's details")
    args = parser.parse_args(argv)
    run(HELD_OUT if args.held_out else args.corpus, args.refresh, args.cities and not args.held_out, args.held_out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
