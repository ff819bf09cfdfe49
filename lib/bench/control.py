"""Who controls each city, against history: the seeds and fakes-dev at the gold's probe dates.

    python -m lib.bench.control [--corpus seeds|fakes|both] [--refresh] [--cities] [--proposed-sides]
                                [--probes PATH] [--misses]

Seeds: `data/corpus/` against `data/gold/seed_control.tsv` (controller and status as of a day).
fakes-dev: the 384 real 2011-2018 articles of `../shared/corpora/fakes-dev/` against
`data/gold/control_probes.tsv` (city, date, controller, covered: whether the corpus reports
enough to know). Each probe is scored: right, wrong, contested-but-clear (we say contested where
history is clear) or missing (we say nothing). A city "flips" each time its controller changes
(contested and no-report states are not flips). Covered probes are also scored apart when an
article published 0 to 120 days before names the city itself (under any name the lexicon or the
gazetteer gives it): "covered" only asks for an article about its governorate, and a city no
article names cannot be answered from the corpus by any reader. The probes' cities are split once, by a fixed rule
(`split_of`: int(sha1(city).hexdigest(), 16) % 3 == 0 is `test`, never to change): dev and test
figures print apart, and only dev cities' details print (`--cities`), so that no rule is chosen by
looking at a test city. Mentions are extracted once and cached under
`bench-out/control/`, keyed by a hash of the extraction code and lexicons (`--refresh` redoes).
The probes are scored on the mentions of both corpora together (the seeds answer the 2024 probes).
`--proposed-sides` gives named actors the sides this issue proposes for actors.tsv (Islamic State its
own side, Turkish-backed factions, the government's allies) before the model runs: a what-if until
actors.tsv carries them. `--probes` scores against another probes file of the same format (an older
version of the gold, `git show REV:data/gold/control_probes.tsv`, to compare figures on the cities it
had). `--misses` prints, for each dev city whose covered probes are missing although an article of the
120 days before names it, those probes and the sentences naming it (dev only: a test city's text is
never printed, nor an article of the events gold's test split). A benchmark: it prints figures and always exits 0.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import sys
import time
from dataclasses import fields, replace
from pathlib import Path
from functools import lru_cache
from typing import Callable, Sequence

from lib.bench.seeds import seed_articles
from lib.bench.table import format_table
from lib.corpus import Article, read_articles
from lib.extract import control as control_model
from lib.model import ControlInterval, Mention
from lib.settings import DATA_DIR, PROJECT_ROOT

FAKES = PROJECT_ROOT.parent.parent / "shared" / "corpora" / "fakes-dev" / "articles.jsonl"
if not FAKES.exists():
    FAKES = Path("/work/shared/corpora/fakes-dev/articles.jsonl")
SEED_GOLD = DATA_DIR / "gold" / "seed_control.tsv"
PROBES = DATA_DIR / "gold" / "control_probes.tsv"
CACHE = PROJECT_ROOT / "bench-out" / "control"
_KEYED = ("lib/extract", "lib/temporal", "lib/corpus", "data/lexicon", "lib/model.py")
# The sides this issue proposes for actors.tsv rows (actor name -> side of sides.tsv).
PROPOSED_SIDES = {
    "Islamic State": "islamic_state", "Abu Bakr al-Baghdadi": "islamic_state",
    "Hayat Tahrir al-Sham": "hts", "Local armed groups": "southern_factions",
    "Syrian National Army": "turkish_backed",
    "Hezbollah": "government_ally", "Fatemiyoun Brigade": "government_ally",
    "Iran-backed militias": "government_ally", "Russian armed forces": "government_ally",
    "Islamic Revolutionary Guard Corps": "government_ally", "Quds Force": "government_ally",
    "Iranian armed forces": "government_ally",
}


def split_of(city: str) -> str:
    """The fixed split of the probes' cities: a third held out as `test` by a hash of the name.

    >>> split_of("Aleppo"), split_of("Homs")
    ('dev', 'test')
    """
    return "test" if int(hashlib.sha1(city.encode("utf-8")).hexdigest(), 16) % 3 == 0 else "dev"


def rows_of(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE))


def _code_key() -> str:
    digest = hashlib.sha1()
    for part in _KEYED:
        root = PROJECT_ROOT / part
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file() and path.suffix in (".py", ".tsv", ".txt") and path.name != "control.py":
                digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def cached_mentions(name: str, articles: Sequence[Article], refresh: bool = False) -> list[Mention]:
    """The mentions of `articles`, extracted once per version of the extraction code."""
    path = CACHE / f"{name}-{_code_key()}.jsonl"
    names = {f.name for f in fields(Mention)}
    if path.exists() and not refresh:
        with path.open(encoding="utf-8") as handle:
            return [Mention(**{k: v for k, v in json.loads(line).items() if k in names}) for line in handle]
    from lib.extract.articles import analyse
    started = time.perf_counter()
    found = [m for _, _, mentions in analyse(list(articles)) for m in mentions]
    CACHE.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for m in found:
            handle.write(json.dumps(m.to_row()) + "\n")
    print(f"(extracted {len(articles)} articles in {time.perf_counter() - started:.0f} s, cached in "
          f"{path.relative_to(PROJECT_ROOT)})")
    return found


def fakes_articles() -> list[Article]:
    return [a for a in read_articles([FAKES]) if isinstance(a, Article)]


def flips(intervals: Sequence[ControlInterval]) -> dict[str, int]:
    """How many times each city's controller changes (contested and no-report states skipped)."""
    counts: dict[str, int] = {}
    last: dict[str, str] = {}
    for interval in intervals:
        counts.setdefault(interval.city, 0)
        if interval.controller in ("contested", "unknown", "", "divided"):
            continue
        if interval.city in last and last[interval.city] != interval.controller:
            counts[interval.city] += 1
        last[interval.city] = interval.controller
    return counts


def same_city(intervals: Sequence[ControlInterval]) -> Callable[[str], set[str]]:
    """The names our histories give a probe's city: its own, and every name of the Syrian places the
    gazetteer and the lexicon know it by ("Zabadani" is the gazetteer's "Az Zabadani")."""
    from lib.extract import lexicon
    from lib.extract.gazetteer import Gazetteer, name_key
    gazetteer = Gazetteer.load()
    ours: dict[str, set[str]] = {}
    for interval in intervals:
        ours.setdefault(name_key(interval.city), set()).add(interval.city)
    aliases: dict[str, set[str]] = {}
    for place in lexicon.places().values():
        keys = {name_key(n) for n in (place.name, *place.aliases)}
        for key in keys:
            aliases.setdefault(key, set()).update(keys)

    def names(city: str) -> set[str]:
        keys = {name_key(city)} | aliases.get(name_key(city), set())
        keys |= {name_key(n) for p in gazetteer.candidates(city) if p.country == "SY" for n in p.names}
        return {city} | {c for key in keys for c in ours.get(key, ())}
    return lru_cache(maxsize=None)(names)


def name_patterns(cities: set[str]) -> dict:
    """For each probe city, a pattern of every name the lexicon and the gazetteer know it by."""
    import re
    from lib.extract import lexicon
    from lib.extract.gazetteer import Gazetteer, name_key
    gazetteer = Gazetteer.load()
    spelled: dict[str, set[str]] = {}
    for place in lexicon.places().values():
        names = {place.name, *place.aliases}
        for name in names:
            spelled.setdefault(name_key(name), set()).update(names)
    patterns = {}
    for city in cities:
        names = {city} | spelled.get(name_key(city), set())
        names |= {n for p in gazetteer.candidates(city) if p.country == "SY" for n in p.names}
        patterns[city] = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)
                                                            if len(n) > 2) + r")(?!\w)", re.IGNORECASE)
    return patterns


def naming_days(cities: set[str], articles: Sequence[Article]) -> dict[str, list[str]]:
    """For each probe city, the publication days of the articles whose text names it (under its
    own name or any name the lexicon and the gazetteer know it by), sorted."""
    return {city: sorted(a.published[:10] for a in articles if a.published and pattern.search(a.text))
            for city, pattern in name_patterns(cities).items()}


def held_out_articles(gold: Path = DATA_DIR / "gold" / "fakes_events.tsv") -> frozenset[str]:
    """The articles of the events gold's test split, whose text no rule may be chosen on."""
    return frozenset(r["article_id"] for r in rows_of(gold) if r.get("split") == "test") if gold.exists() else frozenset()


def print_misses(missed: dict[str, list[str]], articles: Sequence[Article], window: int = 120) -> None:
    """For each dev city with covered probes missing although an article of the `window` days before
    names it, those probes and every sentence of those articles that names it (to read what the corpus
    says of its control and the model does not read); articles of the events gold's test split left out."""
    import datetime as dt
    import re
    patterns = name_patterns(set(missed))
    held_out = held_out_articles()
    for city, probes in sorted(missed.items()):
        print(f"\n{city}: missing {', '.join(probes)}")
        start = (dt.date.fromisoformat(min(probes)) - dt.timedelta(days=window)).isoformat()
        for article in sorted((a for a in articles if start <= (a.published or "")[:10] <= max(probes)
                               and a.id not in held_out), key=lambda a: a.published):
            said = [s for s in re.split(r"(?<=[.!?])\s+", article.text) if patterns[city].search(s)]
            for sentence in dict.fromkeys(said):
                print(f"  {article.published[:10]} {article.id}: {sentence[:300]}")


def named_before(days: Sequence[str], probe_day: str, window: int = 120) -> bool:
    """Whether an article published 0 to `window` days before `probe_day` names the city."""
    import bisect
    import datetime as dt
    start = (dt.date.fromisoformat(probe_day) - dt.timedelta(days=window)).isoformat()
    at = bisect.bisect_left(days, start)
    return at < len(days) and days[at] <= probe_day


def history_split(intervals: Sequence[ControlInterval], probes: Sequence[dict[str, str]]) -> Callable[[str], str]:
    """The split of a history's city: that of the probe city it is a name of ("Al Qaryatayn" is the
    test city Qaryatayn, whatever the hash of its own name says), else by its own name."""
    names_of = same_city(intervals)
    of: dict[str, str] = {}
    for city in sorted({p["city"] for p in probes}, key=lambda c: split_of(c) != "test"):
        for name in names_of(city):
            of.setdefault(name, split_of(city))  # a name of a test city stays test
    return lambda city: of.get(city, split_of(city))


def status_of(intervals: Sequence[ControlInterval], names: set[str], day: str) -> ControlInterval | None:
    """The state a city is in on `day` under any of its names (the latest begun, when two say)."""
    found = [i for i in (control_model.status_at(intervals, n, day) for n in sorted(names)) if i is not None]
    return max(found, key=lambda i: i.valid_from, default=None)


def verdict(truth: str, got: ControlInterval | None) -> str:
    if got is None or got.controller in ("unknown", ""):
        return "missing"
    if got.controller == truth:
        return "right"
    if got.controller == "contested" and truth != "contested":
        return "contested-but-clear"
    return "wrong"


def seeds(refresh: bool) -> None:
    mentions = cached_mentions("seeds", seed_articles(), refresh)
    intervals = control_model.control_intervals(mentions)
    rows, right = [], 0
    for row in rows_of(SEED_GOLD):
        got = control_model.status_at(intervals, row["city"], row["as_of"])
        ours = (got.controller, got.status) if got else ("(no information)", "")
        ok = ours == (row["controller"], row["status"])
        right += ok
        rows.append([row["city"], row["as_of"], f"{row['controller']} {row['status']}", " ".join(ours),
                     "ok" if ok else "MISMATCH"])
    print(f"Seeds ({len(mentions)} mentions) against {SEED_GOLD.relative_to(PROJECT_ROOT)}: "
          f"{right}/{len(rows)} right")
    print(format_table(["city", "as of", "gold", "ours", ""], rows))
    counts = flips(intervals)
    print("flips: " + ", ".join(f"{c} {n}" for c, n in sorted(counts.items()) if n) or "none")


def with_proposed_sides(mentions: Sequence[Mention]) -> list[Mention]:
    return [replace(m, side1=PROPOSED_SIDES.get(m.actor1, m.side1), side2=PROPOSED_SIDES.get(m.actor2, m.side2))
            for m in mentions]


def fakes(refresh: bool, show_cities: bool, proposed: bool, probes_path: Path = PROBES,
          show_misses: bool = False) -> None:
    articles = fakes_articles()
    mentions = cached_mentions("fakes-dev", articles, refresh) + cached_mentions("seeds", seed_articles(), refresh)
    if proposed:
        mentions = with_proposed_sides(mentions)
    started = time.perf_counter()
    intervals = control_model.control_intervals(mentions)
    took = time.perf_counter() - started
    counts = flips(intervals)
    print(f"\nfakes-dev + seeds: {len(articles)} + 5 articles, {len(mentions)} mentions, {len(counts)} cities "
          f"with a history, {len(intervals)} intervals (model {took * 1000:.0f} ms)"
          + (" [proposed actor sides]" if proposed else ""))
    if not probes_path.exists():
        print(f"(no {probes_path}: no probes to score)")
    else:
        probes = rows_of(probes_path)
        tally: dict[str, dict[str, int]] = {"dev": {}, "test": {}}
        by_city: dict[str, dict[str, int]] = {}
        table = []
        names_of = same_city(intervals)
        named = {"dev": {}, "test": {}}
        days = naming_days({p["city"] for p in probes}, [*articles, *seed_articles()])
        missed: dict[str, list[str]] = {}
        for probe in probes:
            covered = probe.get("covered", "yes").strip().lower() in ("yes", "1", "true", "y")
            got = status_of(intervals, names_of(probe["city"]), probe["date"])
            result = verdict(probe["controller"], got)
            split = split_of(probe["city"])
            if covered:
                tally[split][result] = tally[split].get(result, 0) + 1
                if named_before(days[probe["city"]], probe["date"]):
                    named[split][result] = named[split].get(result, 0) + 1
                    if split == "dev" and result == "missing":
                        missed.setdefault(probe["city"], []).append(probe["date"])
                if split == "dev":
                    city = by_city.setdefault(probe["city"], {})
                    city[result] = city.get(result, 0) + 1
            if split == "dev":
                table.append([probe["city"], probe["date"], probe["controller"], "yes" if covered else "no",
                              got.controller if got else "-", result])
        for split in ("dev", "test"):
            print(_figures(f"{split} covered probes", tally[split]))
        both = {k: tally["dev"].get(k, 0) + tally["test"].get(k, 0) for k in set(tally["dev"]) | set(tally["test"])}
        print(_figures("all covered probes", both))
        for split in ("dev", "test"):
            print(_figures(f"{split} probes whose city an article of the 120 days before names", named[split]))
        print("dev cities:")
        print(format_table(["city", "right", "wrong", "contested-but-clear", "missing", "flips"],
                           [[c, v.get("right", 0), v.get("wrong", 0), v.get("contested-but-clear", 0),
                             v.get("missing", 0), counts.get(c, 0)]
                            for c, v in sorted(by_city.items()) if len(v) > 1 or "missing" not in v]))
        if show_cities:
            print(format_table(["city", "date", "truth", "covered", "ours", "verdict"],
                               [row for row in table if row[-1] != "missing"]))
        if show_misses:
            print_misses(missed, [*articles, *seed_articles()])
    split = history_split(intervals, rows_of(probes_path) if probes_path.exists() else [])
    flipped = sorted(((n, c) for c, n in counts.items() if n and split(c) == "dev"), reverse=True)
    print("flips per dev city: " + (", ".join(f"{c} {n}" for n, c in flipped) if flipped else "none"))
    print(f"flips of test cities (total only): {sum(n for c, n in counts.items() if split(c) == 'test')}")
    if show_cities:
        for interval in (i for i in intervals if split(i.city) == "dev"):
            print(f"  {interval.city:16} {interval.valid_from or '...':10} -> {interval.valid_to or '...':10} "
                  f"{interval.controller:11} {interval.status:9} {interval.actor_detail[:60]}")


def _figures(label: str, tally: dict[str, int]) -> str:
    n = sum(tally.values())
    said = n - tally.get("missing", 0)
    return (f"{label}: {n}; " + ", ".join(f"{k} {v}" for k, v in sorted(tally.items()))
            + (f"; right {tally.get('right', 0) / n:.1%} of covered" if n else "")
            + (f", {tally.get('right', 0) / said:.1%} of those we answer" if said else ""))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.bench.control", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", choices=("seeds", "fakes", "both"), default="both")
    parser.add_argument("--refresh", action="store_true", help="extract again even when cached")
    parser.add_argument("--cities", action="store_true", help="print every city's history and answered probe")
    parser.add_argument("--proposed-sides", action="store_true", help="named actors get the proposed sides")
    parser.add_argument("--probes", type=Path, default=PROBES, help="the probes file to score against")
    parser.add_argument("--misses", action="store_true",
                        help="dev cities only: the sentences naming each city of a missing probe an article names")
    args = parser.parse_args(argv)
    if args.corpus in ("seeds", "both"):
        seeds(args.refresh)
    if args.corpus in ("fakes", "both"):
        fakes(args.refresh, args.cities, args.proposed_sides, args.probes, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
