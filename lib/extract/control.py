"""Who controls each city, day by day, and on whose word.

Each territorial mention of a city is a claim: a gain ("rebels captured Hama") says its actor's
side holds the city from that date; a loss ("the army withdrew from Hama") that the actor's side
held it until then; a hold ("troops were reinforcing their positions in the city"), or a denied
loss ("the military denied" leaving), that the side still holds it. Claims whose dates can mean
the same day are weighed together: one side gaining with nobody holding against it changes hands;
a gain against a hold is contested and marked disputed, both claims kept. When sides disagree only
on who took a city, a named group's own claim outweighs a generic "rebels". A city is only known
from its first claim: before it, the map says there is no information rather than guess.

>>> from datetime import date
>>> intervals = [ControlInterval("Hama", "government", "", "", "2024-12-05", 1, "reported", "", "",
...                              None, None, ""),
...              ControlInterval("Hama", "opposition", "", "2024-12-05", "", 1, "reported", "", "",
...                              None, None, "")]
>>> status_at(intervals, "Hama", date(2024, 12, 4)).controller, status_at(intervals, "Hama", "2024-12-07").controller
('government', 'opposition')
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable, Sequence

from lib.temporal.spans import overlaps
from lib.extract import lexicon
from lib.model import CLAIM_DISPUTED, CLAIM_REPORTED, ControlEffect, ControlInterval, Mention, Polarity, TERRITORIAL_EFFECTS
from lib.temporal.spans import day_of

CITY_KINDS = ("city", "town")


@dataclass(frozen=True)
class Claim:
    controller: str
    effect: str          # gain | loss | hold
    start: str
    end: str
    precision: int
    generic: bool        # made of a generic actor ("rebels") rather than a named group
    mention: Mention


def claims(mentions: Sequence[Mention], controller_of: Callable[[str], str],
           generic_actors: frozenset[str]) -> dict[str, list[Claim]]:
    """The territorial claims about each city, by city name (`controller_of`: the controller an
    actor's side holds territory for, "" when none; `generic_actors`: names of generic actors)."""
    found: dict[str, list[Claim]] = {}
    for m in mentions:
        if m.control not in TERRITORIAL_EFFECTS or m.place_kind not in CITY_KINDS:
            continue
        if m.polarity in (Polarity.HEDGED, Polarity.PLANNED):
            continue
        controller = controller_of(m.side1)
        if not controller:
            continue
        effect = ControlEffect.HOLD if m.control == ControlEffect.HELD else m.control
        if m.polarity == Polarity.DENIED:
            if effect != ControlEffect.LOSS:
                continue  # a denied gain is weighed as the gain's dispute through its event
            effect = ControlEffect.HOLD
        found.setdefault(m.place, []).append(Claim(controller, effect, m.date_start, m.date_end,
                                                   m.time_precision, m.actor1 in generic_actors, m))
    return found


def _moments(city_claims: Sequence[Claim]) -> list[list[Claim]]:
    """Claims grouped by the day they can mean, earliest first (day-precise claims lead)."""
    groups: list[tuple[tuple[str, str], list[Claim]]] = []
    for claim in sorted(city_claims, key=lambda c: (c.precision, c.end, c.start)):
        for index, (window, members) in enumerate(groups):
            if overlaps(window, (claim.start, claim.end)):
                members.append(claim)
                groups[index] = ((max(window[0], claim.start), min(window[1], claim.end)), members)
                break
        else:
            groups.append(((claim.start, claim.end), [claim]))
    return [members for _, members in sorted(groups, key=lambda g: g[0][1])]


@dataclass(frozen=True)
class _State:
    controller: str
    status: str
    detail: str
    support: tuple[Claim, ...]


def _weigh(moment: Sequence[Claim], current: str) -> _State | None:
    gains = [c for c in moment if c.effect == ControlEffect.GAIN]
    holds = [c for c in moment if c.effect == ControlEffect.HOLD]
    losses = [c for c in moment if c.effect == ControlEffect.LOSS]
    gainers = {c.controller for c in gains}
    settled_by_specificity = False
    if len(gainers) > 1:
        specific = {c.controller for c in gains if not c.generic}
        if len(specific) == 1:
            gainers, settled_by_specificity = specific, True
    holders = {c.controller for c in holds} - gainers
    if gainers and holders:
        detail = "; ".join(sorted({_detail(c) for c in gains + holds}))
        return _State("contested", CLAIM_DISPUTED, detail, tuple(gains + holds))
    if len(gainers) == 1:
        (winner,) = gainers
        support = tuple(c for c in gains if c.controller == winner) + tuple(losses)
        others = [c for c in gains if c.controller != winner]
        status = CLAIM_DISPUTED if others and not settled_by_specificity else CLAIM_REPORTED
        detail = _most_specific(c for c in gains if c.controller == winner)
        if others:  # keep what the generic reports said, with their sources
            detail += "; also reported taken by " + ", ".join(sorted({_detail(c) for c in others}))
        return _State(winner, status, detail, support + tuple(others))
    if len(gainers) > 1:
        return _State("contested", CLAIM_DISPUTED, "; ".join(sorted(gainers)), tuple(gains))
    if holds:
        holder = sorted(holders or {c.controller for c in holds})[0]
        if current and current not in (holder, "unknown"):
            return _State("contested", CLAIM_DISPUTED, f"{current}; {holder}", tuple(holds))
        return _State(holder, CLAIM_REPORTED, _most_specific(holds), tuple(holds))
    if losses:
        losers = ", ".join(sorted({c.controller for c in losses}))
        return _State("unknown", CLAIM_REPORTED, f"no longer held by {losers}", tuple(losses))
    return None


def _detail(claim: Claim) -> str:
    return f"{claim.controller} ({claim.mention.actor1 or claim.controller}, per {claim.mention.source})"


def _most_specific(claims_: Sequence[Claim] | object) -> str:
    items = list(claims_)  # type: ignore[arg-type]
    named = [c.mention.actor1 for c in items if not c.generic and c.mention.actor1]
    generic = [c.mention.actor1 for c in items if c.mention.actor1]
    return (named or generic or [""])[0]


def _interval(city: str, state: _State, valid_from: str, precision: int, sample: Mention) -> dict:
    mentions = [c.mention for c in state.support]
    return {"city": city, "controller": state.controller, "actor_detail": state.detail,
            "valid_from": valid_from, "valid_to": "", "precision": precision, "status": state.status,
            "sources": "; ".join(sorted({m.source for m in mentions})),
            "evidence": " | ".join(dict.fromkeys(f"[{m.source}] {m.sentence}" for m in mentions)),
            "latitude": sample.latitude, "longitude": sample.longitude, "admin1": sample.admin1}


def city_intervals(city: str, city_claims: Sequence[Claim]) -> list[ControlInterval]:
    """The control history of one city from its claims."""
    rows: list[dict] = []
    current = ""
    sample = city_claims[0].mention
    for moment in _moments(city_claims):
        day = min(c.end for c in moment)
        precision = min(c.precision for c in moment)
        state = _weigh(moment, current)
        if state is None:
            continue
        if not rows:
            losers = {c.controller for c in moment if c.effect == ControlEffect.LOSS} - {state.controller}
            if len(losers) == 1:
                before = _State(next(iter(losers)), CLAIM_REPORTED, "",
                                tuple(c for c in moment if c.effect == ControlEffect.LOSS))
                rows.append(_interval(city, before, "", precision, sample))
        if rows and rows[-1]["controller"] == state.controller and rows[-1]["status"] == state.status:
            merged = _interval(city, state, rows[-1]["valid_from"], rows[-1]["precision"], sample)
            merged["sources"] = "; ".join(sorted((set(rows[-1]["sources"].split("; "))
                                                  | set(merged["sources"].split("; "))) - {""}))
            merged["evidence"] = " | ".join(dict.fromkeys(
                (rows[-1]["evidence"] + " | " + merged["evidence"]).split(" | ")))
            rows[-1] = merged
            continue
        if rows:
            rows[-1]["valid_to"] = day
        rows.append(_interval(city, state, day, precision, sample))
        current = state.controller
    return [ControlInterval(**row) for row in rows]


def control_intervals(mentions: Sequence[Mention], controller_of: Callable[[str], str] | None = None,
                      generic_actors: frozenset[str] | None = None) -> list[ControlInterval]:
    """Every city's control history, cities in name order. `controller_of` and `generic_actors`
    default to the configured lexicon's (sides.tsv, actors.tsv), read once."""
    if controller_of is None:
        sides = lexicon.sides()
        controller_of = lambda side: sides[side].controller if side in sides else ""  # noqa: E731
    generic = lexicon.generic_actors() if generic_actors is None else generic_actors
    found: list[ControlInterval] = []
    for city, city_claims in sorted(claims(mentions, controller_of, generic).items()):
        found.extend(city_intervals(city, city_claims))
    return found


def status_at(intervals: Sequence[ControlInterval], city: str, day: date | str) -> ControlInterval | None:
    """The interval saying who controls `city` on `day`, or None when the corpus says nothing."""
    key = day.isoformat() if isinstance(day, date) else day_of(str(day))
    holding = [i for i in intervals if i.city == city and (not i.valid_from or i.valid_from <= key)
               and (not i.valid_to or key < i.valid_to)]
    return max(holding, key=lambda i: i.valid_from, default=None)
