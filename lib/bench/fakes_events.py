"""Events on real reporting: the articles of fakes-dev that data/gold/fakes_events.tsv annotates.

    python -m lib.bench.fakes_events                  # dev and test figures
    python -m lib.bench.fakes_events --show dev       # and every dev mismatch (never tune on test): gold
                                                      # events not found, by cause (why_missed), extracted
                                                      # events matching none, with their sentence

The gold was written by hand from the article text (data/gold/README.md); the articles are read
from ../shared/corpora/fakes-dev/articles.jsonl (CTE_FAKES_DEV overrides the folder).

Extraction runs article by article: each article's mentions are consolidated on their own, current
news apart from background (history recalled in passing, `Mention.background`). Matching, one to
one within an article: an extracted current event matches a gold current event when its event type
is the gold's, its date span overlaps the gold's, and its place is one the gold names (by name, a
lexicon alias, or as the same gazetteer place under another spelling: "Tadif" at Tadif's
coordinates is the gold's "Taduf"), lies in the gold's governorate, or is absent or a whole country while the gold's
governorate is unknown. Of the matched pairs: sub-event type equal; actor1 accepted (one of the
gold's names, compared through the actor lexicon's aliases; "-" wants none); place named (not only
the same governorate); place coded as ACLED would (`place_coded`: a place the gold names, or the town
the gold tells a place around, "north of Aleppo", at geo_precision 2, or a part of, "western Aleppo";
the issue's ">= 90%"); date within the gold's span; fatalities exact, counted over the pairs where
the gold or the extraction states a toll. "background on the current timeline": extracted current
events that match only a gold background row.

Figures (dev split; test reported, never looked at):
  before (the code of 4109d74, this benchmark; gold of 95 articles, 68 dev / 27 test):
    dev   recall 34/226 = 15%, precision 34/142 = 24%; of matched: sub-event 74%, actor1 24%,
          place named 24%, date 94%, fatalities 1/18; background on the current timeline 10
    test  recall 22/110 = 20%, precision 22/95 = 23%; sub-event 64%, actor1 41%, date 91%,
          fatalities 0/9; background on the current timeline 8
  after issue 9 part A (instruments, parties, tolls, background):
    dev   recall 69/226 = 31%, precision 69/185 = 37%; of matched: sub-event 87%, actor1 54%,
          place named 33%, date 91%, fatalities 21/46; background on the current timeline 5
    test  recall 26/110 = 24%, precision 26/94 = 28%; sub-event 81%, actor1 65%, date 92%,
          fatalities 5/16; background on the current timeline 3
  articles dated as the pipeline dates them (with_dct), extraction of 2026-11-30 (e4b3ca9) unchanged:
    dev   recall 95/226 = 42%, precision 95/218 = 44%; background on the current timeline 5
    test  recall 54/110 = 49%, precision 54/107 = 50%; background on the current timeline 3
  after issue 9 part B (participles, nouns placed through their phrase, acts continued, habits):
    dev   recall 111/226 = 49%, precision 111/234 = 47%; of matched: sub-event 88%, actor1 66%,
          place named 37%, date 93%, fatalities 40/73; background on the current timeline 3
    test  recall 55/110 = 50%, precision 55/113 = 49%; sub-event 85%, actor1 56%, date 91%,
          fatalities 7/29; background on the current timeline 3
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from lib.corpus.readers import read_json_lines
from lib.corpus.article import Article
from lib.corpus.dct import with_dct
from lib.extract import lexicon
from lib.extract.articles import analyse
from lib.extract.gazetteer import Gazetteer, Place as GazetteerPlace, distance_km
from lib.extract.events import consolidate
from lib.model import Event, Mention
from lib.settings import DATA_DIR
from lib.temporal.spans import overlaps
from lib.bench.table import format_table

GOLD = DATA_DIR / "gold" / "fakes_events.tsv"
CORPUS = Path(os.environ.get("CTE_FAKES_DEV", DATA_DIR.parent.parent / "shared" / "corpora" / "fakes-dev"))


@dataclass(frozen=True)
class Gold:
    article_id: str
    split: str
    key: str
    event_type: str
    sub_event_type: str
    actor1: tuple[str, ...]
    actor2: tuple[str, ...]
    places: tuple[str, ...]
    admin1: tuple[str, ...]
    date_start: str
    date_end: str
    fatalities: int | None
    background: bool
    evidence: str


def _alts(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def read_gold(path: Path = GOLD) -> list[Gold]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    rows = csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [Gold(r["article_id"], r["split"], r["key"], r["event_type"], r["sub_event_type"],
                 _alts(r["actor1"]), _alts(r["actor2"]), _alts(r["place"]), _alts(r["admin1"]),
                 r["date_start"], r["date_end"],
                 int(r["fatalities"]) if (r["fatalities"] or "").strip().isdigit() else None,
                 (r["background"] or "").strip() == "yes", r["evidence"] or "") for r in rows]


def read_articles(ids: set[str], folder: Path = CORPUS) -> list[Article]:
    """The articles of `ids`, dated as the pipeline dates them (lib/pipeline.py): a metadata date
    gives way to the text's own dateline when they disagree (lib.corpus.dct.with_dct), as the gold
    does (data/gold/README.md, Dates)."""
    found = {}
    for item in read_json_lines(folder / "articles.jsonl", 10**8):
        if isinstance(item, Article) and item.id in ids and item.id not in found:
            found[item.id] = with_dct(item)
    return [found[i] for i in sorted(found)]


def _norm(text: str) -> str:
    return lexicon.normalise(text) if text else ""


def _canonical_place(name: str) -> str:
    place = lexicon.place_by_alias(name)
    return place.name if place else name


CITY_WORD = re.compile(r"\s+city$", re.IGNORECASE)  # the gold's "Aleppo city" is the city Aleppo
SAME_PLACE_KM = 3.0  # the gazetteer place an event's name and coordinates are: within this of them


@lru_cache(maxsize=4096)
def _gazetteer_ids(name: str, latitude: float | None = None, longitude: float | None = None) -> frozenset[str]:
    """The gazetteer places a name can be (all its candidates), or, with coordinates, the one it is
    there (its candidates within SAME_PLACE_KM of them)."""
    candidates = Gazetteer.load().candidates(name)
    if latitude is None or longitude is None:
        return frozenset(p.id for p in candidates)
    here = GazetteerPlace(id="", name="", lat=latitude, lon=longitude, country="", admin1="")
    return frozenset(p.id for p in candidates if distance_km(p, here) <= SAME_PLACE_KM)


def place_named(gold: Gold, event: Event) -> bool:
    """Is the event's place one the gold names: the same name (or a lexicon alias of it), or the same
    gazetteer place under another spelling ("Tadif" for the gold's "Taduf": the gazetteer place at
    the event's name and coordinates is a candidate of a gold name); the gold's "Aleppo city" is the
    city Aleppo. Dev and test alike.
    """
    if not event.location:
        return False
    ours = _norm(event.location)
    names = [name for p in gold.places for name in dict.fromkeys((p, CITY_WORD.sub("", p)))]
    if any(_norm(p) == ours or _norm(_canonical_place(p)) == ours for p in names):
        return True
    here = _gazetteer_ids(event.location, event.latitude, event.longitude)
    return bool(here) and any(here & _gazetteer_ids(p) for p in names)


# a gold place told around a town ("north of Aleppo", "the outskirts of Damascus", "Hasakeh
# countryside", "near Saraqib") or as a part of it ("western Aleppo", "the eastern districts of Aleppo")
_AROUND_WORDS = re.compile(r"\b(?:near|outside|around|outskirts|suburbs?|countryside|vicinity|environs|surroundings|"
                           r"rural|between|(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)? of)\b",
                           re.IGNORECASE)
_PART_WORDS = re.compile(r"\b(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?|central|parts?|districts?|"
                         r"neighbou?rhoods?|sides?|half|quarters?|areas?|centre|center|front(?: lines?)?)\b",
                         re.IGNORECASE)
_WORD = re.compile(r"[\w'-]+")


def _named_within(phrase: str, event: Event) -> bool:
    """Does a span of up to four words of `phrase` name the event's place (as `place_named` compares)?"""
    words = [w.removesuffix("'s").removesuffix("s'") for w in _WORD.findall(phrase)]
    ours = _norm(event.location)
    here = _gazetteer_ids(event.location, event.latitude, event.longitude)
    for size in range(4, 0, -1):
        for at in range(len(words) - size + 1):
            span = " ".join(words[at:at + size])
            if _norm(span) == ours or _norm(_canonical_place(span)) == ours or (here and here & _gazetteer_ids(span)):
                return True
    return False


def place_coded(gold: Gold, event: Event) -> bool:
    """Is the event placed as ACLED would code the gold's place: a place the gold names (`place_named`);
    or, where the gold tells a place around a town ("north of Aleppo", "the Hasakeh countryside",
    "near Saraqib"), that town with geo_precision 2 (ACLED's "near the town"); or, where it tells a
    part of a town ("western Aleppo", "rebel-held neighbourhoods in the east of the city" is not: it
    names no town), that town at precision 1 or 2. The town itself at precision 1 for "north of
    Aleppo" says the act was in Aleppo: not coded so (tests/test_events_instruments.py).
    """
    if place_named(gold, event):
        return True
    if not event.location or event.geo_precision == 3:
        return False
    for phrase in gold.places:
        if _AROUND_WORDS.search(phrase):
            if event.geo_precision == 2 and _named_within(phrase, event):
                return True
        elif _PART_WORDS.search(phrase) and _named_within(phrase, event):
            return True
    return False


def governorate(name: str) -> str:
    """A governorate's name compared: "Aleppo", "Aleppo Governorate", "Aleppo province" alike;
    through the place lexicon's aliases ("Rural Damascus" is "Rif Dimashq Governorate")."""
    for text in (f"{name} Governorate", name):
        place = lexicon.place_by_alias(text)
        if place is not None and place.kind == "province":
            name = place.name
            break
    return re.sub(r" (?:governorate|province)$", "", _norm(name))


def place_ok(gold: Gold, event: Event) -> bool:
    if place_named(gold, event):
        return True
    admin = {governorate(a) for a in gold.admin1 if a != "-"}
    if event.admin1 and governorate(event.admin1) in admin:
        return True
    place = lexicon.place_by_alias(event.location) if event.location else None
    if place is not None and place.kind == "province" and governorate(place.name) in admin:
        return True
    whole = not event.location or (place is not None and place.kind == "country")
    return whole and not admin


def actor_ok(names: Sequence[str], actor: str) -> bool:
    if not names or names == ("-",):
        return not actor
    for name in names:
        known = lexicon.actor_by_alias(name)
        if actor and (_norm(name) == _norm(actor) or (known is not None and known.name == actor)):
            return True
    return False


def date_ok(gold: Gold, event: Event) -> bool:
    return gold.date_start <= event.date_start and event.date_end <= gold.date_end


def matches(gold: Gold, event: Event) -> bool:
    return (event.event_type == gold.event_type and place_ok(gold, event)
            and overlaps((gold.date_start, gold.date_end), (event.date_start, event.date_end)))


def match(gold: Sequence[Gold], events: Sequence[Event]) -> list[tuple[Gold, Event]]:
    """The most one-to-one pairs (augmenting paths), each gold event trying first the candidates that
    agree with it on most fields."""
    def rank(g: Gold, e: Event):
        return (e.sub_event_type != g.sub_event_type, not actor_ok(g.actor1, e.actor1),
                not place_named(g, e), not date_ok(g, e), e.fatalities != g.fatalities)
    options = [sorted((i for i, e in enumerate(events) if matches(g, e)), key=lambda i: rank(g, events[i]))
               for g in gold]
    owner: dict[int, int] = {}

    def assign(index: int, seen: set[int]) -> bool:
        for e in options[index]:
            if e in seen:
                continue
            seen.add(e)
            if e not in owner or assign(owner[e], seen):
                owner[e] = index
                return True
        return False

    for index in range(len(gold)):
        assign(index, set())
    return sorted(((gold[g], events[e]) for e, g in owner.items()), key=lambda p: gold.index(p[0]))


def is_background(mention: Mention) -> bool:
    return bool(getattr(mention, "background", False))


@dataclass
class Result:
    split: str
    gold: list[Gold]
    events: list[Event]
    pairs: list[tuple[Gold, Event]]
    on_timeline: list[tuple[Gold, Event]]
    background_events: int
    event_articles: list[str] = field(default_factory=list)  # the article of each of `events`


def evaluate(gold: Sequence[Gold], mentions_by_article: dict[str, list[Mention]], split: str) -> Result:
    rows = [g for g in gold if g.split == split]
    by_article: dict[str, list[Gold]] = defaultdict(list)
    for g in rows:
        by_article[g.article_id].append(g)
    places = lexicon.places()
    result = Result(split, [g for g in rows if not g.background], [], [], [], 0)
    for article_id, golds in by_article.items():
        mentions = mentions_by_article.get(article_id, [])
        current = consolidate([m for m in mentions if not is_background(m)], places)
        result.background_events += len(consolidate([m for m in mentions if is_background(m)], places))
        result.events.extend(current)
        result.event_articles.extend([article_id] * len(current))
        pairs = match([g for g in golds if not g.background], current)
        result.pairs.extend(pairs)
        taken = {id(e) for _, e in pairs}
        rest = [e for e in current if id(e) not in taken]
        result.on_timeline.extend(match([g for g in golds if g.background], rest))
    return result


def _share(n: int, d: int) -> str:
    return f"{n}/{d} = {n / d:.0%}" if d else "-"


def figures(result: Result) -> list[list[str]]:
    pairs = result.pairs
    tolls = [(g, e) for g, e in pairs if g.fatalities is not None or e.fatalities is not None]
    return [
        ["recall", _share(len(pairs), len(result.gold)), ">= 75%"],
        ["precision", _share(len(pairs), len(result.events)), ">= 75%"],
        ["sub-event type (of matched)", _share(sum(g.sub_event_type == e.sub_event_type for g, e in pairs), len(pairs)), ">= 85%"],
        ["actor1 (of matched)", _share(sum(actor_ok(g.actor1, e.actor1) for g, e in pairs), len(pairs)), ">= 80%"],
        ["place named (of matched)", _share(sum(place_named(g, e) for g, e in pairs), len(pairs)), ""],
        ["place coded as ACLED would (of matched)", _share(sum(place_coded(g, e) for g, e in pairs), len(pairs)), ">= 90%"],
        ["date within gold (of matched)", _share(sum(date_ok(g, e) for g, e in pairs), len(pairs)), ">= 90%"],
        ["fatalities exact (of matched with a toll)", _share(sum(g.fatalities == e.fatalities for g, e in tolls), len(tolls)), ">= 85%"],
        ["background on the current timeline", str(len(result.on_timeline)), "0"],
        ["background events kept apart", str(result.background_events), ""],
    ]


def why_missed(gold: Gold, text: str, mentions: Sequence[Mention]) -> str:
    """Why a gold event found no extracted event, from the mentions of its evidence's sentence: none
    there (no trigger fired, or its mention was dropped), only background ones, none of its event
    type, or one whose place or date disagrees; else its report was merged with or taken by another.

    >>> why_missed(Gold("a", "dev", "k", "Battles", "Armed clash", (), (), ("Hama",), ("Hama",),
    ...                 "2024-12-05", "2024-12-05", None, False, "fighting"), "Heavy fighting.", [])
    'no mention in its sentence'
    """
    at = text.find(gold.evidence[:60]) if gold.evidence else -1
    inside = [m for m in mentions if at >= 0 and m.sentence_start <= at < m.sentence_end]
    current = [m for m in inside if not is_background(m)]
    same = [m for m in current if m.event_type == gold.event_type]
    if at < 0:
        return "evidence not in the text"
    if not inside:
        return "no mention in its sentence"
    if not current:
        return "its mentions are background"
    if not same:
        return f"another type ({current[0].sub_event_type})"
    events = consolidate(same, lexicon.places())
    if events and not place_ok(gold, events[0]):
        return f"another place ({events[0].location or 'none'})"
    if events and not overlaps((gold.date_start, gold.date_end), (events[0].date_start, events[0].date_end)):
        return f"another date ({events[0].date_start}..{events[0].date_end})"
    return "merged with, or taken by, another report"


def show(result: Result, texts: dict[str, str], mentions: dict[str, list[Mention]]) -> None:
    matched = {g.key + g.article_id for g, _ in result.pairs}
    missed = [g for g in result.gold if g.key + g.article_id not in matched]
    causes = [why_missed(g, texts.get(g.article_id, ""), mentions.get(g.article_id, [])) for g in missed]
    print(f"\n{result.split}: gold events not found, by cause")
    counts: dict[str, int] = defaultdict(int)
    for cause in causes:
        counts[re.sub(r" \(.*", "", cause)] += 1
    print(format_table(["cause", "gold events"], sorted(([c, str(n)] for c, n in counts.items()),
                                                        key=lambda r: -int(r[1]))) or "(none)")
    print(f"\n{result.split}: gold events not found")
    print(format_table(["article", "key", "type", "place", "dates", "cause", "evidence"],
                       [[g.article_id[6:10], g.key[:28], g.sub_event_type[:22], "|".join(g.places)[:20],
                         f"{g.date_start}..{g.date_end}", cause[:40], g.evidence[:60]]
                        for g, cause in zip(missed, causes)]) or "(none)")
    ids = {id(e) for _, e in result.pairs}
    print(f"\n{result.split}: extracted events matching no gold event")
    print(format_table(["date", "type", "place", "actor1", "notes"],
                       [[e.date_start, e.sub_event_type[:22], e.location[:16], e.actor1[:20], e.notes[:80]]
                        for e in result.events if id(e) not in ids]) or "(none)")
    print(f"\n{result.split}: matched, some field wrong")
    rows = []
    for g, e in result.pairs:
        wrong = []
        if g.sub_event_type != e.sub_event_type:
            wrong.append(f"type {e.sub_event_type} / {g.sub_event_type}")
        if not actor_ok(g.actor1, e.actor1):
            wrong.append(f"actor1 {e.actor1 or '-'} / {'|'.join(g.actor1)}")
        if not place_coded(g, e):
            wrong.append(f"place {e.location or '-'} (precision {e.geo_precision}) / {'|'.join(g.places)}")
        if not date_ok(g, e):
            wrong.append(f"date {e.date_start}..{e.date_end} / {g.date_start}..{g.date_end}")
        if (g.fatalities is not None or e.fatalities is not None) and g.fatalities != e.fatalities:
            wrong.append(f"toll {e.fatalities} / {g.fatalities}")
        if wrong:
            rows.append([g.article_id[6:10], g.key[:24], "; ".join(wrong)[:200]])
    print(format_table(["article", "key", "ours / gold"], rows) or "(none)")
    print(f"\n{result.split}: background on the current timeline")
    print(format_table(["article", "key", "ours", "notes"],
                       [[g.article_id[6:10], g.key[:24], f"{e.date_start}..{e.date_end}", e.notes[:90]]
                        for g, e in result.on_timeline]) or "(none)")


def only_articles(gold: Sequence[Gold], ids: str) -> list[Gold]:
    """The gold rows of the articles `ids` names (comma-separated, whole ids or the number after
    "fakes_"); an id that names no article of the gold is an error that says which.

    >>> rows = [Gold(*(["fakes_0750_1965495384", "dev", "k"] + [""] * 11))]
    >>> len(only_articles(rows, "0750"))
    1
    >>> only_articles(rows, "0750, 9999")
    Traceback (most recent call last):
    ValueError: --articles: no article of the gold is 9999
    """
    wanted = [part.strip() for part in ids.split(",") if part.strip()]
    known = {g.article_id for g in gold}
    chosen = set()
    for want in wanted:
        found = {a for a in known if a == want or a.split("_")[1:2] == [want]}
        if not found:
            raise ValueError(f"--articles: no article of the gold is {want}")
        chosen |= found
    return [g for g in gold if g.article_id in chosen]


def outlets(folder: Path = CORPUS) -> dict[str, str]:
    """The outlet of every fakes-dev article (its labels.csv `source`)."""
    with open(folder / "labels.csv", encoding="utf-8", newline="") as handle:
        return {row["id"]: row["source"] for row in csv.DictReader(handle)}


def by_outlet(result: Result, outlet_of: dict[str, str]) -> list[list[str]]:
    """Recall, precision, actor1 and fatalities of `result` outlet by outlet: where the rules fail
    a house style (dev only: on the test split, as everything, totals alone)."""
    rows = []
    for outlet in sorted({outlet_of.get(g.article_id, "?") for g in result.gold}):
        def mine(article_id: str) -> bool:
            return outlet_of.get(article_id, "?") == outlet
        gold = [g for g in result.gold if mine(g.article_id)]
        events = [e for e, a in zip(result.events, result.event_articles) if mine(a)]
        pairs = [(g, e) for g, e in result.pairs if mine(g.article_id)]
        tolls = [(g, e) for g, e in pairs if g.fatalities is not None or e.fatalities is not None]
        rows.append([outlet, str(len({g.article_id for g in gold})), _share(len(pairs), len(gold)),
                     _share(len(pairs), len(events)),
                     _share(sum(actor_ok(g.actor1, e.actor1) for g, e in pairs), len(pairs)),
                     _share(sum(g.fatalities == e.fatalities for g, e in tolls), len(tolls))])
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.bench.fakes_events", description=__doc__.split("\n")[0])
    parser.add_argument("--show", choices=["dev"], help="list the mismatches of the dev split: gold events "
                        "not found with their cause, extracted events matching none, fields wrong")
    parser.add_argument("--articles", metavar="IDS", help="only these articles, comma-separated ids or their "
                        "four-digit numbers (0750 for fakes_0750_1965495384): a check of rules on articles "
                        "written into the gold after them")
    parser.add_argument("--by-outlet", action="store_true", help="the dev split's figures outlet by "
                        "outlet (where the rules fail a house style)")
    args = parser.parse_args(argv)
    gold = read_gold()
    if args.articles:
        try:
            gold = only_articles(gold, args.articles)
        except ValueError as error:
            parser.error(str(error))
    articles = read_articles({g.article_id for g in gold})
    mentions = {article.id: found for article, _, found in analyse(articles)}
    texts = {article.id: article.text for article in articles}
    print(f"fakes-dev events: {len(articles)} articles, {sum(map(len, mentions.values()))} mentions, "
          f"{len(gold)} gold rows ({GOLD.relative_to(DATA_DIR.parent)})")
    for split in ("dev", "test"):
        result = evaluate(gold, mentions, split)
        n_articles = len({g.article_id for g in gold if g.split == split})
        print(f"\n{split}: {n_articles} articles, {len(result.gold)} current gold events, "
              f"{len(result.events)} extracted")
        print(format_table(["measure", "value", "target"], figures(result)))
        if args.by_outlet and split == "dev":
            print(format_table(["outlet", "articles", "recall", "precision", "actor1", "fatalities"],
                               by_outlet(result, outlets())))
        if args.show == split:
            show(result, texts, mentions)
    return 0


if __name__ == "__main__":
    sys.exit(main())
