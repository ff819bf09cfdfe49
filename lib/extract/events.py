"""Consolidation: the mentions of one happening, across articles, become one event with its sources.

Two mentions are the same happening when they are at the same place, their dates can mean the
same day, and they are the same kind of happening: a capture and a withdrawal from the same city
on the same day are one change of hands; statements, strikes or meetings also need the same
acting side (a mention naming no actor joins an actor's event only at one of its places). Hedged
mentions ("if the rebels gain control") are not events. Background (the conflict's past told in
passing) is never merged with current reports: it makes events of its own, flagged `background`.
Where one source reports what another denies, or says a city was taken while another has its
defenders holding it, the event is disputed and every claim is kept with its source.

An event counts its reports (`n_sources`, distinct articles) and its independent origins
(`n_origins`, `origins`: the outlets its reports trace to, lib/extract/origins.py): five articles
passing on one New York Times report are five reports of one origin.
"""
from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from dataclasses import fields, replace
from datetime import date
from functools import lru_cache
from hashlib import sha1
from operator import attrgetter
from pathlib import Path
from typing import Mapping, Sequence

from lib.extract import collector_paused, lexicon
from lib.extract.allocation import kept_as_old
from lib.extract.gazetteer import km_between, reach_km
from lib.extract.origins import event_origins, origins_passed_on, own_origins
from lib.extract.tolls import event_toll, one_toll_one_event, other_dead_elsewhere, other_victims, others_of_another_act, parts_of_a_sum, sums_of_parts, told_as_another_act, updates_dated_by_their_acts, wider_reports_of_one_act
from lib.model import CLAIM_DENIED, CLAIM_DISPUTED, CLAIM_REPORTED, ControlEffect, DateSource, Event, Mention, Polarity, Record, TERRITORIAL_EFFECTS, interaction_code, is_around, split_relation

TERRITORY = "territory"


@lru_cache(maxsize=1)
def described_sides() -> frozenset[str]:
    """The sides a generic description of armed men may stand for (words.tsv described_sides).

    >>> "hts" in described_sides(), "government" in described_sides()
    (True, False)
    """
    from lib.extract.mentions.words import WORDS  # here: lib.extract.mentions imports this module
    return WORDS["described_sides"]


def side_camps() -> dict[str, str]:
    """Each side's camp: the controller it holds territory for, or the one it fights for as an ally
    (sides.tsv ally_of); sides of no camp are left out. Read once per clustering (like the generic
    actors), so a sides.tsv changed while the app runs is read at the next consolidation."""
    return {side.side: side.controller or side.ally_of for side in lexicon.sides().values()
            if side.controller or side.ally_of}


def allies(actors: Mapping[str, str], side1: str, camps: Mapping[str, str] | None = None) -> bool:
    """Are the sides of `actors` (actor -> side) all allies of `side1` in one camp, none of them
    `side1` itself: an ally and the side it fights for striking one place on one day are one act told
    with either or both ("Russian and regime warplanes bombed Hass", the monitor's "regime strikes" and
    the rescuers' "Russian strikes" on one village)? Two groups of one side stay two acts.

    >>> allies({"Syrian government forces": "government"}, "government_ally"), allies({"Russian armed forces": "government_ally"}, "opposition")
    (True, False)
    """
    camps = side_camps() if camps is None else camps  # `camps`: side_camps(), read once by the caller
    camp = camps.get(side1)
    if not camp:
        return False
    for side in actors.values():
        if side == side1 or camps.get(side) != camp:
            return False
    return True


GEO_PRECISION = {"city": 1, "town": 1, "site": 1, "crossing": 1, "region": 2, "province": 3,
                 "country": 3}
AROUND_PRECISION = 2  # ACLED: "near the town" or "part of a region"


def coded_place(m: Mention, places: Mapping[str, lexicon.Place]) -> tuple[str, str, float | None, float | None, int]:
    """(location, admin1, latitude, longitude, geo_precision) of what `m` reports, as ACLED codes it:
    the place itself at the precision of its kind (a town 1, a governorate 3); a place told around a
    town ("villages north of Manbij", "the outskirts of Damascus", "near Saraqib", "the Aleppo
    countryside") at that town, precision 2; a town's name standing for its governorate ("the western
    province of Hama", "Idlib province") at the governorate, precision 3. A part of a town ("eastern
    Aleppo") is the town (tests/test_events.py).
    """
    precision = GEO_PRECISION.get(m.place_kind, 3)
    relation = m.place_relation
    if not relation or relation == "in" or not m.place or precision == 3:
        return m.place, m.admin1, m.latitude, m.longitude, precision
    kind, detail, _ = split_relation(relation)
    if kind == "around" and detail == "province":
        province = places.get(m.admin1)
        if province is not None and province.kind == "province":
            return province.name, province.name, province.latitude, province.longitude, 3
    if is_around(kind):
        return m.place, m.admin1, m.latitude, m.longitude, max(precision, AROUND_PRECISION)
    return m.place, m.admin1, m.latitude, m.longitude, precision


KINDS_FILE = "kinds.tsv"


@lru_cache(maxsize=4)
def _kinds(path: str, _stamp: int) -> dict[str, str]:
    lines = [line.split("\t") for line in Path(path).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")] if Path(path).is_file() else []
    if lines and lines[0] != ["kind", "counts_as", "example"]:
        raise ValueError(f"{path}: the header row should be kind TAB counts_as TAB example")
    return {row[0].strip(): row[1].strip() for row in lines[1:]}


def kinds_counted_as(directory: str | Path | None = None) -> dict[str, str]:
    """Kinds that are one happening with another when no territory changes hands (kinds.tsv).

    >>> kinds_counted_as()["withdrawal"]
    'departure'
    """
    path = lexicon.lexicon_dir(directory) / KINDS_FILE
    return _kinds(str(path), path.stat().st_mtime_ns if path.exists() else 0)


def is_background(mention: Mention) -> bool:
    return bool(getattr(mention, "background", False))


def family(mention: Mention, kinds: Mapping[str, str] | None = None) -> str:
    """The kind of happening mentions must share to be one event; background is a family apart."""
    past = "background/" if is_background(mention) else ""
    if mention.control in TERRITORIAL_EFFECTS:
        return past + TERRITORY
    kind = (kinds_counted_as() if kinds is None else kinds).get(mention.kind, mention.kind)
    return f"{past}{mention.event_type}/{mention.sub_event_type}/{kind}"


IN_CITY_KINDS = frozenset({"town", "site", "crossing"})  # what a city's built-up area holds: districts, villages
CITY_REACH_KM = 15.0  # the most a city's reach counts (Aleppo's is 12 km)


@lru_cache(maxsize=4)
def _cities(_places_id: int) -> dict[str, tuple[lexicon.Place, ...]]:
    """The lexicon's cities by governorate."""
    found: dict[str, list[lexicon.Place]] = {}
    for place in lexicon.places().values():
        if place.kind == "city" and place.admin1:
            found.setdefault(place.admin1, []).append(place)
    return {admin1: tuple(cities) for admin1, cities in found.items()}


@lru_cache(maxsize=1 << 14)
def city_holding(kind: str, admin1: str, latitude: float, longitude: float) -> str:
    """The lexicon city whose built-up area holds a town, site or crossing at these coordinates: one
    of its governorate within its reach (`reach_km`, from the gazetteer), the nearest; "" if none.

    >>> city_holding("town", "Damascus Governorate", 33.5131, 36.3160), city_holding("town", "Rif Dimashq Governorate", 33.522, 36.356)
    ('Damascus', '')
    """
    if kind not in IN_CITY_KINDS or not admin1:
        return ""
    found = [(km, city.name) for city in _cities(id(lexicon.places())).get(admin1, ())
             if (km := km_between(latitude, longitude, city.latitude, city.longitude))
             <= min(CITY_REACH_KM, reach_km(city.name, city.latitude, city.longitude))]
    return min(found)[1] if found else ""


def _within(inner: str, outer: str, places: Mapping[str, lexicon.Place]) -> bool:
    """Is place `inner` inside place `outer` ("Damascus" in "Syria", "Doha" in "Qatar", the district
    "Bab Touma" in the city "Damascus": a town, site or crossing of the city's governorate within its
    built-up reach, `reach_km`)?"""
    place, container = places.get(inner), places.get(outer)
    if place is None or container is None:
        return False
    if container.kind in ("country", "province"):
        return place.admin1 == container.name if container.kind == "province" else place.country == container.name
    # a district or village of a city: in its governorate, within the city's built-up reach
    return container.kind == "city" and \
        city_holding(place.kind, place.admin1, place.latitude, place.longitude) == container.name


def places_of(mentions: Sequence[Mention], known: Mapping[str, lexicon.Place]) -> dict[str, lexicon.Place]:
    """The places mentions carry that `known` lacks (the gazetteer's), as lexicon places, so that a
    village the gazetteer found lies in its governorate and its country for `places_compatible`."""
    found: dict[str, lexicon.Place] = {}
    for m in mentions:
        if m.place and m.place_known and m.place not in known and m.place not in found \
                and m.latitude is not None and m.longitude is not None:
            governorate = known.get(m.admin1)
            found[m.place] = lexicon.Place(m.place, m.place_kind or "town", m.admin1,
                                           governorate.country if governorate else "", m.latitude,
                                           m.longitude)
    return found


def places_compatible(a: str, b: str, places: Mapping[str, lexicon.Place]) -> bool:
    """Can two mentions' places be the same happening's? Equal, one unknown, or one inside the other
    (`places`: the lexicon's places by name).

    >>> places_compatible("Damascus", "Syria", lexicon.places()), places_compatible("Hama", "Homs", {})
    (True, False)
    """
    return a == b or not a or not b or _within(a, b, places) or _within(b, a, places)


def a_part_of_another_toll(a: Mention, b: Mention, places: Mapping[str, lexicon.Place]) -> bool:
    """Do two reports of one article tell two happenings, one toll at a place and another toll at a
    part of it ("Air strikes killed at least 12 civilians in Aleppo" and "the highest number of dead
    were in Qaterji where Russian raids claimed 17 lives")? A part named with a toll of its own is a
    happening of its own (the part of a sum, or another act), not the same one retold; the same toll,
    or one place named twice ("10 civilians were killed in Salah Eddin", "the toll in Salah Eddin rose
    to 12"), is no sign."""
    return (a.fatalities is not None and b.fatalities is not None and a.fatalities != b.fatalities
            and bool(a.place) and bool(b.place) and a.place != b.place
            and (_part_of_city(a.place, b.place, places) or _part_of_city(b.place, a.place, places)))


_WORDS_OF = re.compile(r"[a-z]+")
LATER_WINDOW = 6  # words after a trigger where "40 minutes later", "again" tell its act a repeat
# acts a weapon delivers again, each delivery an event: a strike or a shelling "40 minutes later"; the
# blasts of one coordinated bombing ("another explosion a few minutes later") are one attack
SORTIES = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})


def told_as_a_later_act(m: Mention) -> bool:
    """Does the report tell its act as a repeat, after a lapse, of one told before: "a Russian Sukhoi
    jet hit the same area 40 minutes later", "then struck again" (words.tsv later_act_words among the
    words after the trigger, LATER_WINDOW)? Such a report is another event than its article's others
    (`_Cluster.accepts`; ACLED codes a follow-up strike apart). Not "the toll later rose" nor "he later
    died" (the word before the trigger), nor "another explosion occurred shortly after the two blasts"
    (a part of one coordinated attack, told with no lapse). Only a strike or a shelling (SORTIES): the
    blasts of a double suicide bombing, "another explosion a few minutes later", are one attack.
    """
    if m.sub_event_type not in SORTIES:
        return False
    from lib.extract.mentions.words import WORDS  # here: lib.extract.mentions imports this module
    start = m.sentence_start
    after = _WORDS_OF.findall(m.sentence[max(m.trigger_end - start, 0):].lower())[:LATER_WINDOW]
    return not WORDS["later_act_words"].isdisjoint(after)


def later_acts(mentions: Sequence[Mention]) -> frozenset[str]:
    """The reports told as a repeat of an act told before (`told_as_a_later_act`), by mention id: a
    first look for the words (most sentences have none) before the closer one."""
    from lib.extract.mentions.words import WORDS
    words = WORDS["later_act_words"]
    return frozenset(m.mention_id for m in mentions if m.sub_event_type in SORTIES
                     and any(word in m.sentence for word in words) and told_as_a_later_act(m))


def _part_of_city(part: str, whole: str, places: Mapping[str, lexicon.Place]) -> bool:
    """Is `part` a district or village of the city `whole` (`_within`)? A toll of a governorate or a
    country sums its parts' tolls, and is no happening beside them (`a_part_of_another_toll`)."""
    known = places.get(whole)
    return known is not None and known.kind == "city" and _within(part, whole, places)


LONG_SPAN = 31  # days: a cluster or mention spanning more is indexed by month, not by week


@lru_cache(maxsize=1 << 12)
def spans_a_campaign(start: str, end: str) -> bool:
    """Do a report's days, from `start` to `end`, span more than a month (LONG_SPAN): "since April", "in
    recent months"? Such a report sums up a campaign; ACLED codes one event a day and a place, so it is
    no report of any one day's act (`_Cluster.accepts`).

    >>> spans_a_campaign("2016-04-01", "2016-06-03"), spans_a_campaign("2016-05-30", "2016-06-06")
    (True, False)
    """
    if start == end:
        return False
    first, last = _ordinal(start), _ordinal(end)
    return first is not None and last is not None and last - first + 1 > LONG_SPAN


_LAST_DAY = date.max.toordinal()


def _ordinal(day: str) -> int | None:
    try:
        return date.fromisoformat(day[:10]).toordinal()
    except ValueError:
        return None


_NO_ACTORS: dict[str, str] = {}  # a cluster's actors before it has any: never written (`_Cluster.add`)
_NO_TOLLS: dict[str, list[Mention]] = {}  # its placed reports with a toll before it has any: never written
_NO_REPEATS: dict[str, set[int]] = {}  # its reports told as a repeat before it has any: never written


class _Cluster:
    """Mentions of one happening so far, with what `accepts` asks of them kept up to date: the
    span every mention allows, the places named and the actors with their sides."""

    __slots__ = ("key", "index", "places", "generic", "mentions", "start", "end", "territory", "named", "actors",
                 "compatible", "camps", "tolled", "campaign", "parts", "later", "repeats")

    def __init__(self, key: str, index: int, places: Mapping[str, lexicon.Place],
                 generic: frozenset[str] | None = None, compatible: dict[tuple[str, str], bool] | None = None,
                 camps: Mapping[str, str] | None = None, parts: frozenset[str] = frozenset(),
                 later: frozenset[str] = frozenset()):
        # `generic`: the actors that describe a side (lexicon.generic_actors), read once by the caller;
        # `compatible`: places_compatible of pairs of places, shared by the clusters of one clustering
        self.key, self.index, self.places = key, index, places
        self.generic = lexicon.generic_actors() if generic is None else generic
        self.compatible = {} if compatible is None else compatible
        self.camps = side_camps() if camps is None else camps  # read once by the caller too
        self.parts = parts  # the reports whose toll is a part of a sum told beside them (`parts_of_a_sum`)
        self.later = later  # the reports told as a repeat of an act told before (`later_acts`)
        self.repeats: dict[str, set[int]] = _NO_REPEATS  # article -> the sentences of its such reports held
        self.mentions: list[Mention] = []
        self.start = self.end = ""
        self.territory = key.endswith(TERRITORY)
        self.campaign = False  # its reports span more than a month each (`spans_a_campaign`)
        # a tuple and a dict shared while empty: most clusters keep one mention (one place, one actor)
        self.named: tuple[str, ...] = ()   # the places of its mentions that are not ""
        self.actors: dict[str, str] = _NO_ACTORS  # actor1 -> the side its latest mention gives
        self.tolled: dict[str, list[Mention]] = _NO_TOLLS  # article -> its placed mentions with a toll

    def accepts(self, mention: Mention) -> bool:
        if not self._may_share(mention):
            return False
        if self.later or self.repeats:  # "hit the same area 40 minutes later": not the article's act told before
            if mention.mention_id in self.later:
                for m in self.mentions:
                    if m.article_id == mention.article_id and m.sentence_start != mention.sentence_start:
                        return False
            elif (held := self.repeats.get(mention.article_id)) and mention.sentence_start not in held:
                return False
        if mention.fatalities is not None and mention.place:
            tolled = self.tolled.get(mention.article_id, ())
            another = bool(tolled) and told_as_another_act(mention)
            for m in tolled:
                if a_part_of_another_toll(m, mention, self.places) or (another and m.fatalities != mention.fatalities) \
                        or other_dead_elsewhere(m, mention) or other_victims(m, mention) \
                        or others_of_another_act(m, mention) \
                        or (m.fatalities != mention.fatalities and m.mention_id in self.parts
                            and mention.mention_id in self.parts):
                    return False
        return True

    def _may_share(self, mention: Mention) -> bool:
        if not (self.start <= mention.date_end and mention.date_start <= self.end):
            return False
        if self.territory:  # a change of hands is of one city
            return mention.place == self.mentions[0].place
        place = mention.place
        if place and not self._fits(place):
            return False
        if spans_a_campaign(mention.date_start, mention.date_end) != self.campaign:
            return False  # a campaign ("since April") and one day's act are two happenings
        actors = self.actors
        if not mention.actor1 and actors and not mention.many_parties:
            # nobody named: only the place ties it to this actor's happening, so the place must be one
            # the event already has ("fled Sweida" is no part of Iran's evacuation from Syria)
            return not mention.place or mention.place in self.named
        if mention.many_parties or not mention.actor1:
            return True
        if not actors or mention.actor1 in actors:
            return True
        # one side named two ways: a generic description and a named group of that side ("Syrian
        # opposition" and "Jaysh al-Islam" at one place and day) are one happening; a description of
        # armed men ("terrorists", "gunmen") may name a group of any armed side against the state
        # (words.tsv described_sides: "terrorists fired shells on Hadar" and "Nusra terrorists shelled Hadar")
        side1 = mention.side1
        if not side1:
            return False
        for side in actors.values():  # loops, not any() and all(): no generator made per call
            if side != side1 and not (side in described_sides() and side1 in described_sides()):
                return allies(actors, side1, self.camps)
        generic = self.generic
        mine = mention.actor1 in generic
        for actor in actors:
            if (actor in generic) == mine:
                return False
        return True

    def _fits(self, place: str) -> bool:
        """Is `place` compatible with every place the cluster names?"""
        compatible = self.compatible
        for q in self.named:
            if q != place:
                fits = compatible.get((q, place))
                if fits is None:
                    fits = compatible[(q, place)] = places_compatible(q, place, self.places)
                if not fits:
                    return False
        return True

    def add(self, mention: Mention) -> tuple[str, ...]:
        """Add a mention; the places it names that the cluster did not have."""
        self.mentions.append(mention)
        if not self.start:
            self.start, self.end = mention.date_start, mention.date_end
            self.campaign = spans_a_campaign(self.start, self.end)
        else:  # narrow to what every mention allows
            self.start, self.end = max(self.start, mention.date_start), min(self.end, mention.date_end)
        if mention.actor1:
            if self.actors:
                self.actors[mention.actor1] = mention.side1
            else:  # its first actor: a dict of its own, never the shared empty one
                self.actors = {mention.actor1: mention.side1}
        if mention.mention_id in self.later:
            if not self.repeats:  # its first: a dict of its own, never the shared empty one
                self.repeats = {}
            self.repeats.setdefault(mention.article_id, set()).add(mention.sentence_start)
        if mention.fatalities is not None and mention.place:
            if not self.tolled:  # its first: a dict of its own, never the shared empty one
                self.tolled = {}
            self.tolled.setdefault(mention.article_id, []).append(mention)
        if mention.place and mention.place not in self.named:
            self.named += (mention.place,)
            return (mention.place,)
        return ()


class _Blocks:
    """The open clusters of each family, indexed by place and by days, so that a mention is compared
    only with the clusters it could join: those whose span can share a day with its own and, for a
    placed mention, naming its place, a place inside it or around it, or none. A mention without a
    place can join any cluster of its family and days, so it walks them in the order they were made.
    Candidates are a superset of the clusters that accept: the first (oldest) that accepts wins, as a
    scan of every cluster would find.

    Days are filed at three grains, by the span's length: a one-day span under its day, a span up to
    LONG_SPAN days under its weeks (Monday to Sunday), a longer one under its months; each span is
    also filed under the coarser grains' "finer spans of this week/month" buckets, where mentions of
    a longer span look them up. Most spans are one day: a mention meets the clusters of its own day,
    not of its whole week."""

    def __init__(self, places: Mapping[str, lexicon.Place]):
        self.places = places
        # family -> bucket -> place key -> cluster indexes (filed by subscript; looked up by get)
        self.lists: defaultdict[str, defaultdict[int, defaultdict[str, list[int]]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(list)))
        self.unbounded: dict[str, list[int]] = {}  # clusters whose span is no pair of ISO dates
        self.every: defaultdict[str, list[int]] = defaultdict(list)  # family -> its clusters
        self._filed: dict[tuple[str, bool], tuple[str, ...]] = {}
        self._spans: dict[tuple[str, str], tuple[tuple[int, ...], tuple[int, ...]] | None] = {}
        self._tokens: dict[str, list[str]] = {}
        self._lookups: tuple[dict[str, list[str]], dict[str, list[str]]] = ({}, {})  # by territory, place

    def buckets(self, start: str, end: str) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
        """The buckets a span is filed under and those it looks up; None when the span is not two
        ISO dates. Day d (its ordinal) is 4d; week w (from day 1, a Monday) is 4w+1 for the one-day
        spans in it and 4w+2 for the spans filed by week; month m is -4m-1 for one-day spans in it,
        -4m-2 for spans filed by week, -4m-3 for long spans."""
        found = self._spans.get((start, end), False)
        if found is not False:
            return found
        first, last = _ordinal(start), _ordinal(end)
        if first is None or last is None or last < first:
            found = None
        else:
            a, b = date.fromordinal(first), date.fromordinal(last)
            months = range(a.year * 12 + a.month - 1, b.year * 12 + b.month)
            weeks = range((first - 1) // 7, (last - 1) // 7 + 1)
            if first == last:
                week, month = weeks[0], months[0]
                found = ((4 * first, 4 * week + 1, -4 * month - 1), (4 * first, 4 * week + 2, -4 * month - 3))
            elif last - first < LONG_SPAN:
                by_week = tuple(4 * w + 2 for w in weeks)
                if a.day == 1 and last < _LAST_DAY and date.fromordinal(last + 1).day == 1:  # whole months: their buckets hold
                    # every span that meets them and no day outside (a month's weeks reach into the next)
                    looked_up = tuple(-4 * m - k for m in months for k in (1, 2, 3))
                else:
                    looked_up = tuple(4 * w + 1 for w in weeks) + by_week + tuple(-4 * m - 3 for m in months)
                found = (by_week + tuple(-4 * m - 2 for m in months), looked_up)
            else:
                found = (tuple(-4 * m - 3 for m in months), tuple(-4 * m - k for m in months for k in (1, 2, 3)))
        self._spans[(start, end)] = found
        return found

    def tokens(self, place: str, territory: bool) -> list[str]:
        """The place keys a cluster naming `place` is filed under."""
        if territory:
            return ["T" + place]
        found = self._tokens.get(place)
        if found is None:
            known = self.places.get(place)
            found = ["@" + place]
            if known:
                city = city_holding(known.kind, known.admin1, known.latitude, known.longitude)
                found += ["<" + known.country, "<" + known.admin1] + (["<" + city] if city else [])
            self._tokens[place] = found
        return found

    def filed(self, place: str, territory: bool) -> tuple[str, ...]:
        """The keys a new cluster whose mention names `place` is filed under: every cluster ("*"),
        then its place keys (`tokens`; "0" for none)."""
        found = self._filed.get((place, territory))
        if found is None:
            found = self._filed[(place, territory)] = ("*", *(self.tokens(place, territory) if territory or place
                                                              else ["0"]))
        return found

    def place_lookups(self, place: str, territory: bool) -> list[str]:
        """The place keys of the clusters a mention naming `place` could join: naming no place, its
        place, a place inside it, or a place it is inside."""
        cache = self._lookups[territory]
        found = cache.get(place)
        if found is None:
            if territory:
                found = ["T" + place]
            else:
                known = self.places.get(place)
                found = ["0", "@" + place, "<" + place]
                if known:
                    city = city_holding(known.kind, known.admin1, known.latitude, known.longitude)
                    found += ["@" + known.country, "@" + known.admin1] + (["@" + city] if city else [])
            cache[place] = found
        return found

    def in_creation_order(self) -> None:
        """Sort the lists of every cluster ("*"), which `_clusters` merges as made in creation order:
        clusters made day by day are filed under a week or a month out of that order."""
        for by_bucket in self.lists.values():
            for by_token in by_bucket.values():
                if (every := by_token.get("*")) is not None:
                    every.sort()
        for every in self.every.values():
            every.sort()

    def file(self, cluster: _Cluster, tokens: Sequence[str], span) -> None:
        if span is None:
            filed = self.unbounded.setdefault(cluster.key, [])
            if cluster.index not in filed[-1:]:  # filed once, when it was made
                filed.append(cluster.index)
            return
        lists, index = self.lists[cluster.key], cluster.index
        for bucket in span[0]:
            by_token = lists[bucket]
            for token in tokens:
                by_token[token].append(index)


def _unique(ordered):
    last = None
    for item in ordered:
        if item != last:
            yield item
            last = item


def cluster(mentions: Sequence[Mention], places: Mapping[str, lexicon.Place],
            kinds: Mapping[str, str] | None = None, generic: frozenset[str] | None = None) -> list[list[Mention]]:
    """Group mentions into happenings, the most precisely dated first (`places`: the lexicon's;
    `kinds`: kinds.tsv's folding, default the configured lexicon's). Each mention joins the oldest
    cluster of its family that accepts it (same days, compatible places, the actor rules), else
    starts one; blocking by place and week (`_Blocks`) keeps this linear in the mentions."""
    return [group for _, group in _clusters(mentions, places, kinds, generic)]


_by_id = attrgetter("mention_id")


def _most_precise_first(mentions: list[Mention]) -> list[Mention]:
    """`sorted(mentions, key=lambda m: (m.time_precision, m.date_source != DateSource.CLAUSE,
    m.mention_id))`: sorted by id (one string a key, not a tuple), then gathered by the few
    (precision, dated by its clause?) pairs in order; `mentions` is sorted in place."""
    mentions.sort(key=_by_id)
    groups: dict[tuple, list[Mention]] = {}
    for m in mentions:
        what = (m.time_precision, m.date_source != DateSource.CLAUSE)
        if (group := groups.get(what)) is None:
            group = groups[what] = []
        group.append(m)
    return [m for what in sorted(groups) for m in groups[what]] if len(groups) > 1 else mentions


def _day_first(ordered: Sequence[Mention], family_of, span_of) -> tuple[list, list]:
    """`ordered`'s mentions as (position, mention, family, span) in two walks that give the same clusters
    as walking them in order, the first day by day (a million mentions walked in article order
    touch a cold day's clusters each time; walked by day, the clusters touched are the day's, hot).

    A family's mentions up to its first that does not span one day (`span_of`: its buckets, None
    when its dates are no ISO dates) can only join clusters of their own day: every cluster of that family made so far is of one
    day (made by a one-day mention, and joining narrows a span), and a cluster accepts only a
    mention whose span meets its own. Mentions of different days, or of different families, never
    meet a cluster in common, so those of each (family, day) may be walked together, in their order,
    the days one after another; the family's later mentions follow in their order (`rest`). A
    cluster is numbered by the position of the mention that made it, so "the oldest that accepts"
    picks the cluster a walk in order picks."""
    by_day: dict[str, list] = {}
    rest: list = []
    open_families: dict[str, bool] = {}  # family -> still in its one-day mentions?
    for position, mention in enumerate(ordered):
        found = family_of(mention)
        key = found[0]
        span = span_of(mention)
        day = mention.date_start
        if span is not None and day == mention.date_end and open_families.get(key, True):
            if (group := by_day.get(day)) is None:
                group = by_day[day] = []
            group.append((position, mention, found, span))
        else:
            open_families[key] = False
            rest.append((position, mention, found, span))
    return [item for day in sorted(by_day) for item in by_day[day]], rest


def _clusters(mentions: Sequence[Mention], places: Mapping[str, lexicon.Place],
              kinds: Mapping[str, str] | None = None,
              generic: frozenset[str] | None = None) -> list[tuple[str, list[Mention]]]:
    """`cluster`'s groups, each with its family."""
    kinds = kinds_counted_as() if kinds is None else kinds
    generic = lexicon.generic_actors() if generic is None else generic
    families: dict[tuple, tuple] = {}  # what `family` reads -> the family, territorial?, its blocks
    blocks = _Blocks(places)
    compatible: dict[tuple[str, str], bool] = {}
    camps = side_camps()  # each side's camp (allies), read once: not in the loop
    parts = parts_of_a_sum(mentions)
    later = later_acts(mentions)
    every, unbounded, file, filed, buckets = blocks.every, blocks.unbounded, blocks.file, blocks.filed, blocks.buckets
    lookups, spans, placed = blocks.place_lookups, blocks._spans, blocks._lookups[False]  # and their caches
    ordered = _most_precise_first([m for m in mentions if m.polarity != Polarity.HEDGED
                                   and m.control != ControlEffect.HELD])
    clusters: list[_Cluster | None] = [None] * len(ordered)  # by the position of the mention that made it

    def family_of(mention: Mention) -> tuple:
        what = (getattr(mention, "background", False), mention.control, mention.event_type, mention.sub_event_type,
                mention.kind)  # is_background's field
        found = families.get(what)
        if found is None:
            key = family(mention, kinds)
            found = families[what] = (key, key.endswith(TERRITORY), blocks.lists[key], every[key])
        return found

    def span_of(mention: Mention):
        start, end = mention.date_start, mention.date_end
        span = spans.get((start, end), False)
        return buckets(start, end) if span is False else span

    star = ["*"]
    for walk in _day_first(ordered, family_of, span_of):
        for position, mention, (key, territory, lists, family_every), span in walk:
            start, end, place = mention.date_start, mention.date_end, mention.place
            # the clusters to try, oldest first (a superset of those that accept)
            if span is None:
                tried = family_every
            else:
                if territory:
                    tokens = lookups(place, True)
                elif place:
                    tokens = placed.get(place) or lookups(place, False)
                else:
                    tokens = star
                hits = [hit for bucket in span[1] if (by_token := lists.get(bucket))
                        for token in tokens if (hit := by_token.get(token))]
                if key in unbounded:
                    hits.append(unbounded[key])
                if not hits:
                    tried = ()
                elif len(hits) == 1:
                    tried = hits[0] if tokens is star or len(hits[0]) == 1 else sorted(set(hits[0]))
                elif tokens is star:  # every cluster of these days: each list is in creation order
                    tried = _unique(heapq.merge(*hits))
                else:  # a place gained later files an older cluster
                    tried = sorted({i for hit in hits for i in hit})
            for i in tried:
                home = clusters[i]
                if home.start <= end and start <= home.end and home.accepts(mention):  # most fail on the days
                    for gained in home.add(mention):
                        if not territory:
                            file(home, blocks.tokens(gained, False), buckets(home.start, home.end))
                    break
            else:  # a new cluster, filed at once under its days and every place key its mention gives it
                home = clusters[position] = _Cluster(key, position, places, generic, compatible, camps, parts, later)
                family_every.append(position)
                file(home, filed(place, territory), span)
                home.add(mention)
        blocks.in_creation_order()
    return [(c.key, c.mentions) for c in clusters if c is not None]


def claim_status(mentions: Sequence[Mention]) -> str:
    """reported, disputed (sources disagree) or denied (only denials)."""
    if len(mentions) == 1:  # one report disagrees with nobody
        return CLAIM_DENIED if mentions[0].polarity == Polarity.DENIED else CLAIM_REPORTED
    polarities = {m.polarity for m in mentions}
    if Polarity.DENIED in polarities:
        return CLAIM_DISPUTED if Polarity.ASSERTED in polarities else CLAIM_DENIED
    asserted = mentions if len(polarities) == 1 and Polarity.ASSERTED in polarities else \
        [m for m in mentions if m.polarity == Polarity.ASSERTED]
    if mentions[0].control in TERRITORIAL_EFFECTS:
        gainers = {m.side1 for m in asserted if m.control == ControlEffect.GAIN and m.side1}
        holders = {m.side1 for m in asserted if m.control == ControlEffect.HOLD and m.side1}
        if gainers and holders - gainers:
            return CLAIM_DISPUTED
    return CLAIM_REPORTED


def _most_common(values) -> str:
    values = [v for v in values if v]
    return Counter(values).most_common(1)[0][0] if values else ""


_SPEAKING = (Polarity.ASSERTED, Polarity.PLANNED)  # what a representative says: asserted or planned
_GAIN_FIRST = {ControlEffect.GAIN: 0, ControlEffect.LOSS: 1}


def _representative(mentions: Sequence[Mention], generic: frozenset[str]) -> Mention:
    """The mention that speaks for the event: an asserted gain before a loss, the most precise place
    (a governorate before the whole country, though ACLED's geo_precision gives both 3), specific
    actors before generic ones, the best date."""
    def rank(m: Mention):
        return (m.polarity not in _SPEAKING, _GAIN_FIRST.get(m.control, 2),
                not m.place, GEO_PRECISION.get(m.place_kind, 3), m.place_kind == "country", m.place_kind == "city",
                m.actor1 in generic or not m.actor1, m.time_precision,
                m.date_source != DateSource.CLAUSE, m.mention_id)
    return mentions[0] if len(mentions) == 1 else min(mentions, key=rank)


def _doer(lead: Mention, mentions: Sequence[Mention], generic: frozenset[str]) -> Mention:
    """The report that names who did the event: its lead (`_representative`), unless the lead names
    nobody while another report of it, told as the lead is (asserted, denied...), names the doer: "Ten
    civilians were killed as terrorist groups targeted Salah Eddin neighborhood ... terrorist groups
    targeted Salah Eddin neighborhood with a number of rocket shells" (a report naming no actor joins an
    actor's cluster only at one of its places, `_Cluster.accepts`: the same act)."""
    if lead.actor1:
        return lead
    named = [m for m in mentions if m.actor1 and m.polarity == lead.polarity]
    return _representative(named, generic) if named else lead


def actor_types(directory: str | Path | None = None) -> dict[str, int]:
    """Each actor's ACLED type (actors.tsv's `acled_type`), by canonical name.

    >>> types = actor_types()
    >>> types["Hayat Tahrir al-Sham"], types["Syrian government forces"]
    (2, 1)
    """
    return {a.name: a.acled_type for a in lexicon.actors(directory).values() if a.acled_type}


def _type_of(actor: str, types: Mapping[str, int], mentions: Sequence[Mention]) -> int:
    """An actor's ACLED type: the lexicon's, else the one its mentions carry (an actor the lexicon
    lacks, typed at extraction), else 0."""
    if not actor:
        return 0
    if actor in types:
        return types[actor]
    for m in mentions:
        if m.actor1 == actor and m.actor1_type:
            return m.actor1_type
        if m.actor2 == actor and m.actor2_type:
            return m.actor2_type
    return 0


_in_article_order = attrgetter("article_id", "sentence_start")
_in_event_order = attrgetter("date_start", "location", "event_id")
_DATE_START, _DATE_END = attrgetter("date_start"), attrgetter("date_end")
_interaction = lru_cache(maxsize=None)(interaction_code)  # few pairs of types for many events


def _event(mentions: Sequence[Mention], start: str, end: str, generic: frozenset[str],
           origins: Mapping[str, str], own: Mapping[str, str], kinds: Mapping[str, str],
           types: Mapping[str, int], places: Mapping[str, lexicon.Place], key: str | None = None) -> Event:
    """`key`: the mentions' family (`family`), when the caller knows it."""
    if len(mentions) == 1:
        return _event_of_one(mentions[0], start, end, origins, kinds, types, places, key)
    lead = _representative(mentions, generic)
    doer = _doer(lead, mentions, generic)
    actor2 = lead.actor2 if lead.actor2 != doer.actor1 else doer.actor2
    if lead.control == ControlEffect.GAIN and not actor2:
        losers = [m.actor1 for m in mentions if m.control == ControlEffect.LOSS and m.actor1 != doer.actor1]
        actor2 = _most_common(losers)
    outlets = sorted({m.source for m in mentions})
    evidence = " | ".join(f"[{m.source}] {m.sentence}" for m in sorted(mentions, key=_in_article_order))
    # conflicting reports: the lowest figure (ACLED), of those told at the event's own place when any
    # is (a lead's province-wide total is not the village's toll); "more than 200" agrees with 213
    told = any(m.fatalities is not None for m in mentions)  # most events: no toll told, none to weigh
    fatalities = event_toll(mentions, lead.place) if told else None
    traced = event_origins(mentions, origins, own)
    return _led_by(_placed_around(lead, mentions), start, end, kinds, places, key, actor2, "; ".join(outlets), fatalities, evidence,
                   len({m.article_id for m in mentions}), claim_status(mentions),
                   next((m.side1 for m in mentions if m.actor1 == actor2), lead.side2),
                   "; ".join([m.mention_id for m in mentions]), len(traced), "; ".join(traced),
                   _interaction(_type_of(doer.actor1, types, mentions), _type_of(actor2, types, mentions)), doer)


def _placed_around(lead: Mention, mentions: Sequence[Mention]) -> Mention:
    """The lead, told around its place when another report of the event, as the lead is told, places it
    at the same town only around it ("the assault targeted ISIL positions south of the town of Ras
    al-Ain" beside "were killed in Ras al-Ain"; "a bomb attack on a bus convoy outside Aleppo" beside
    "the Aleppo bomb attack"): the report that says where exactly outweighs the one naming the town
    alone, as ACLED codes "near the town" (`coded_place`, precision 2). A report at another place, one
    telling a part of the town ("eastern Aleppo") or a smaller place by it ("around:<noun>", "the
    village of X"), changes nothing."""
    if split_relation(lead.place_relation)[0] not in ("", "in") or not lead.place:
        return lead
    around = next((m.place_relation for m in mentions if m.place == lead.place and m.polarity == lead.polarity
                   and is_around(split_relation(m.place_relation)[0])
                   and split_relation(m.place_relation)[0] != "around"), None)
    return lead if around is None else replace(lead, place_relation=around)


def _event_of_one(m: Mention, start: str, end: str, origins: Mapping[str, str], kinds: Mapping[str, str],
                  types: Mapping[str, int], places: Mapping[str, lexicon.Place], key: str | None) -> Event:
    """`_event` of one report (most events): it leads, and nothing is ranked, counted or joined."""
    actor2 = "" if m.control == ControlEffect.GAIN and not m.actor2 else m.actor2  # no loser beside it
    one = (m,)
    return _led_by(m, start, end, kinds, places, key, actor2, m.source, m.fatalities, f"[{m.source}] {m.sentence}", 1,
                   CLAIM_DENIED if m.polarity == Polarity.DENIED else CLAIM_REPORTED,
                   m.side1 if m.actor1 == actor2 else m.side2, m.mention_id, 1,
                   origins.get(m.mention_id, m.source or m.article_id),
                   _interaction(_type_of(m.actor1, types, one), _type_of(actor2, types, one)))


_EVENT_FIELDS = ("event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
                 "actor2", "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes",
                 "fatalities", "date_text", "timex_value", "date_start", "date_end", "anchor", "evidence",
                 "n_sources", "claim_status", "side1", "side2", "place_known", "mention_ids", "n_origins",
                 "origins", "background", "interaction")
if _EVENT_FIELDS != tuple(f.name for f in fields(Event)):
    raise ImportError("lib.model.Event's fields changed: update events._EVENT_FIELDS and _led_by")


class _Draft(Record):
    """An Event's slots in its order, writable. Event is frozen: its __init__ sets each field through
    object.__setattr__ (most of a one-report event's cost). A draft's fields are set as plain slots,
    then its class becomes Event (CPython allows it between classes of one layout): the same record
    at a sixth of the cost. `_as_event` checks once that this holds, else builds the Event."""

    __slots__ = _EVENT_FIELDS


def _as_event(draft: _Draft) -> Event:
    if _DRAFTS_BECOME_EVENTS:
        draft.__class__ = Event
        return draft  # type: ignore[return-value]
    return Event(*(getattr(draft, name) for name in _EVENT_FIELDS))


def _drafts_become_events() -> bool:
    draft = _Draft()
    for n, name in enumerate(_EVENT_FIELDS):
        setattr(draft, name, n)
    try:
        draft.__class__ = Event
    except TypeError:
        return False
    return tuple(getattr(draft, name) for name in _EVENT_FIELDS) == tuple(range(len(_EVENT_FIELDS)))


_DRAFTS_BECOME_EVENTS = _drafts_become_events()


def _led_by(lead: Mention, start: str, end: str, kinds: Mapping[str, str], places: Mapping[str, lexicon.Place],
            key: str | None, actor2: str,
            source: str, fatalities: int | None, evidence: str, n_sources: int, claim_status_: str, side2: str,
            mention_ids: str, n_origins: int, origins: str, interaction: int, doer: Mention | None = None) -> Event:
    """The event `lead` speaks for, with what its reports give together (source to interaction), done
    by the actor `doer` names (`_doer`; the lead's own by default)."""
    doer = lead if doer is None else doer
    place = lead.place
    identity = f"{place}|{family(lead, kinds) if key is None else key}|{start}|{lead.actor1}"
    event = _Draft()
    event.event_id = "EV" + sha1(identity.encode()).hexdigest()[:10]
    event.event_date = start
    event.time_precision = 1 if start == end else lead.time_precision
    event.event_type, event.sub_event_type = lead.event_type, lead.sub_event_type
    event.actor1, event.actor2 = doer.actor1, actor2
    event.location, event.admin1, event.latitude, event.longitude, event.geo_precision = coded_place(lead, places)
    event.source, event.notes, event.fatalities = source, lead.sentence[:300], fatalities
    event.date_text, event.timex_value, event.date_start, event.date_end = lead.date_text, lead.timex_value, start, end
    event.anchor, event.evidence, event.n_sources, event.claim_status = lead.anchor, evidence, n_sources, claim_status_
    event.side1, event.side2, event.place_known = doer.side1, side2, lead.place_known
    event.mention_ids, event.n_origins, event.origins = mention_ids, n_origins, origins
    event.background, event.interaction = is_background(lead), interaction
    return _as_event(event)


def consolidate(mentions: Sequence[Mention], places: Mapping[str, lexicon.Place] | None = None,
                generic_actors: frozenset[str] | None = None,
                types: Mapping[str, int] | None = None) -> list[Event]:
    """One event per happening, ordered by date then place. `places` (the lexicon's places by
    name), `generic_actors` and `types` (ACLED actor types by actor name, `actor_types`) default
    to the configured lexicon's, read once. An event's `interaction` is ACLED's code of its two
    actors' types (12: state forces against rebels; 20: rebels alone).

    The same article stored twice counts once (n_sources counts distinct article ids; the
    pipeline already refuses the same text under two names); reports passed on from one outlet
    count as one origin (n_origins).
    """
    with collector_paused():  # nothing here makes reference cycles
        events = _consolidate(mentions, places, generic_actors, types)
        kept_as_old()  # the events live on: no young passes of the collector over them
    return events


def _consolidate(mentions: Sequence[Mention], places: Mapping[str, lexicon.Place] | None,
                 generic_actors: frozenset[str] | None, types: Mapping[str, int] | None) -> list[Event]:
    places = lexicon.places() if places is None else places
    generic = lexicon.generic_actors() if generic_actors is None else generic_actors
    mentions = updates_dated_by_their_acts(mentions)  # a later count of an act's dead joins the act
    places = {**places_of(mentions, places), **places}
    own = own_origins(mentions)
    origins = origins_passed_on(mentions, own=own)  # the others' origin is their source
    kinds = kinds_counted_as()
    types = actor_types() if types is None else types
    events = []
    for key, group in _clusters(mentions, places, kinds, generic):
        if len(group) == 1:
            one = group[0]
            events.append(_event_of_one(one, one.date_start, one.date_end, origins, kinds, types, places, key))
            continue
        start, end = max(map(_DATE_START, group)), min(map(_DATE_END, group))
        if start > end:  # cannot happen after clustering, but never emit an empty span
            start, end = group[0].date_start, group[0].date_end
        events.append(_event(group, start, end, generic, origins, own, kinds, types, places, key))
    located = [e for e in events if not unlocated(e, places)]
    return _in_order(wider_reports_of_one_act(sums_of_parts(one_toll_one_event(located, mentions, places), mentions), mentions))


TAKING_TERRITORY = ("Non-state actor overtakes territory", "Government regains territory")


def unlocated(event: Event, places: Mapping[str, lexicon.Place]) -> bool:
    """An act of violence that none of its reports places below a whole country ("Turkish artillery
    and US air strikes killed 23 IS militants in Syria", "the regime's attacks across Syria") cannot
    be coded, as ACLED codes none without at least a governorate: it makes no event (its mentions are
    kept, in mentions.csv). "Northern Syria" (a part) is placed, and a change of hands of a country's
    territory ("the SDF took parts of the border with Iraq"), history and every other kind of event
    (an agreement in Syria) are kept."""
    place = places.get(event.location)
    return (place is not None and place.kind == "country" and not event.background
            and event.event_type in lexicon.VIOLENT_TYPES and event.sub_event_type not in TAKING_TERRITORY)


def _in_order(events: list[Event]) -> list[Event]:
    """`sorted(events, key=_in_event_order)`, by one string a key: date, place and id joined by NUL
    (the lowest character, so the strings sort as the triples do; at a million events a third of
    the time of comparing tuples). Triples holding a NUL are sorted as triples."""
    keys = [f"{e.date_start}\x00{e.location}\x00{e.event_id}" for e in events]
    if "".join(keys).count("\x00") != 2 * len(keys):
        return sorted(events, key=_in_event_order)
    return [events[i] for i in sorted(range(len(keys)), key=keys.__getitem__)]
