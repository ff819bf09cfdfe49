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

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Sequence

from lib.extract import lexicon
from lib.extract.origins import event_origins, mention_origins, own_origins
from lib.temporal.spans import overlaps
from lib.model import CLAIM_DENIED, CLAIM_DISPUTED, CLAIM_REPORTED, ControlEffect, DateSource, Event, Mention, Polarity, TERRITORIAL_EFFECTS

TERRITORY = "territory"
GEO_PRECISION = {"city": 1, "town": 1, "site": 1, "crossing": 1, "region": 2, "province": 3,
                 "country": 3}


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


def _within(inner: str, outer: str, places: Mapping[str, lexicon.Place]) -> bool:
    """Is place `inner` inside place `outer` ("Damascus" in "Syria", "Doha" in "Qatar")?"""
    place, container = places.get(inner), places.get(outer)
    if place is None or container is None:
        return False
    return (container.kind == "country" and place.country == container.name) or \
        (container.kind == "province" and place.admin1 == container.name)


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


@dataclass
class _Cluster:
    key: str
    places: Mapping[str, lexicon.Place]
    mentions: list[Mention] = field(default_factory=list)
    start: str = ""
    end: str = ""

    def accepts(self, mention: Mention) -> bool:
        if not overlaps((self.start, self.end), (mention.date_start, mention.date_end)):
            return False
        if self.key.endswith(TERRITORY):  # a change of hands is of one city
            return mention.place == self.mentions[0].place
        if not all(places_compatible(m.place, mention.place, self.places) for m in self.mentions):
            return False
        actors = {m.actor1 for m in self.mentions if m.actor1}
        if not mention.actor1 and actors and not mention.many_parties:
            # nobody named: only the place ties it to this actor's happening, so the place must be one
            # the event already has ("fled Sweida" is no part of Iran's evacuation from Syria)
            return not mention.place or mention.place in {m.place for m in self.mentions}
        if mention.many_parties or not mention.actor1:
            return True
        return not actors or mention.actor1 in actors

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        if not self.start:
            self.start, self.end = mention.date_start, mention.date_end
        else:  # narrow to what every mention allows
            self.start, self.end = max(self.start, mention.date_start), min(self.end, mention.date_end)


def cluster(mentions: Sequence[Mention], places: Mapping[str, lexicon.Place],
            kinds: Mapping[str, str] | None = None) -> list[list[Mention]]:
    """Group mentions into happenings, the most precisely dated first (`places`: the lexicon's;
    `kinds`: kinds.tsv's folding, default the configured lexicon's)."""
    kinds = kinds_counted_as() if kinds is None else kinds
    clusters: list[_Cluster] = []
    by_key: dict[str, list[_Cluster]] = {}
    ordered = sorted((m for m in mentions if m.polarity != Polarity.HEDGED and m.control != ControlEffect.HELD),
                     key=lambda m: (m.time_precision, m.date_source != DateSource.CLAUSE, m.mention_id))
    for mention in ordered:
        key = family(mention, kinds)
        home = next((c for c in by_key.get(key, ()) if c.accepts(mention)), None)
        if home is None:
            home = _Cluster(key, places)
            clusters.append(home)
            by_key.setdefault(key, []).append(home)
        home.add(mention)
    return [c.mentions for c in clusters]


def claim_status(mentions: Sequence[Mention]) -> str:
    """reported, disputed (sources disagree) or denied (only denials)."""
    asserted = [m for m in mentions if m.polarity == Polarity.ASSERTED]
    denied = [m for m in mentions if m.polarity == Polarity.DENIED]
    if denied and not asserted:
        return CLAIM_DENIED
    if denied:
        return CLAIM_DISPUTED
    if mentions[0].control in TERRITORIAL_EFFECTS:
        gainers = {m.side1 for m in asserted if m.control == ControlEffect.GAIN and m.side1}
        holders = {m.side1 for m in asserted if m.control == ControlEffect.HOLD and m.side1}
        if gainers and holders - gainers:
            return CLAIM_DISPUTED
    return CLAIM_REPORTED


def _most_common(values) -> str:
    values = [v for v in values if v]
    return Counter(values).most_common(1)[0][0] if values else ""


def _representative(mentions: Sequence[Mention], generic: frozenset[str]) -> Mention:
    """The mention that speaks for the event: an asserted gain before a loss, specific actors
    before generic ones, the best date."""
    def rank(m: Mention):
        return (m.polarity not in (Polarity.ASSERTED, Polarity.PLANNED), {ControlEffect.GAIN: 0, ControlEffect.LOSS: 1}.get(m.control, 2),
                not m.place, GEO_PRECISION.get(m.place_kind, 3),
                m.actor1 in generic or not m.actor1, m.time_precision,
                m.date_source != DateSource.CLAUSE, m.mention_id)
    return min(mentions, key=rank)


def _event(mentions: Sequence[Mention], start: str, end: str, generic: frozenset[str],
           origins: Mapping[str, str], own: Mapping[str, str], kinds: Mapping[str, str]) -> Event:
    lead = _representative(mentions, generic)
    actor2 = lead.actor2
    if lead.control == ControlEffect.GAIN and not actor2:
        losers = [m.actor1 for m in mentions if m.control == ControlEffect.LOSS and m.actor1 != lead.actor1]
        actor2 = _most_common(losers)
    articles = sorted({m.article_id for m in mentions})
    outlets = sorted({m.source for m in mentions})
    evidence = " | ".join(f"[{m.source}] {m.sentence}" for m in
                          sorted(mentions, key=lambda m: (m.article_id, m.sentence_start)))
    fatalities = [m.fatalities for m in mentions if m.fatalities is not None]
    identity = f"{lead.place}|{family(lead, kinds)}|{start}|{lead.actor1}"
    traced = event_origins(mentions, origins, own)
    return Event(
        event_id="EV" + hashlib.sha1(identity.encode()).hexdigest()[:10],
        event_date=start, time_precision=1 if start == end else lead.time_precision,
        event_type=lead.event_type, sub_event_type=lead.sub_event_type,
        actor1=lead.actor1, actor2=actor2, admin1=lead.admin1, location=lead.place,
        latitude=lead.latitude, longitude=lead.longitude,
        geo_precision=GEO_PRECISION.get(lead.place_kind, 3),
        source="; ".join(outlets), notes=lead.sentence[:300],
        fatalities=max(fatalities) if fatalities else None,
        date_text=lead.date_text, timex_value=lead.timex_value, date_start=start, date_end=end,
        anchor=lead.anchor, evidence=evidence, n_sources=len(articles),
        claim_status=claim_status(mentions), side1=lead.side1,
        side2=next((m.side1 for m in mentions if m.actor1 == actor2), lead.side2),
        place_known=lead.place_known,
        mention_ids="; ".join(m.mention_id for m in mentions),
        n_origins=len(traced), origins="; ".join(traced), background=is_background(lead),
    )


def consolidate(mentions: Sequence[Mention], places: Mapping[str, lexicon.Place] | None = None,
                generic_actors: frozenset[str] | None = None) -> list[Event]:
    """One event per happening, ordered by date then place. `places` (the lexicon's places by
    name) and `generic_actors` default to the configured lexicon's, read once.

    The same article stored twice counts once (n_sources counts distinct article ids; the
    pipeline already refuses the same text under two names); reports passed on from one outlet
    count as one origin (n_origins).
    """
    places = lexicon.places() if places is None else places
    generic = lexicon.generic_actors() if generic_actors is None else generic_actors
    places = {**places_of(mentions, places), **places}
    origins, own = mention_origins(mentions), own_origins(mentions)
    kinds = kinds_counted_as()
    events = []
    for group in cluster(mentions, places, kinds):
        start = max(m.date_start for m in group)
        end = min(m.date_end for m in group)
        if start > end:  # cannot happen after clustering, but never emit an empty span
            start, end = group[0].date_start, group[0].date_end
        events.append(_event(group, start, end, generic, origins, own, kinds))
    return sorted(events, key=lambda e: (e.date_start, e.location, e.event_id))
