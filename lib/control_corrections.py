"""Analyst control corrections: a city's state set as of a day (a controller, divided with its
parts, contested, or no report), kept with who made it, when and why in the store's corrections
table (lib.corrections, action "control"), and applied wherever control is computed: the model
(lib.extract.control) takes each as a moment of its own and continues from it, so the corrected
state holds from its day until the claims after it change it.

After the model, each correction is made visible on the interval it starts: its parts (divided),
"disputed" with the analyst's word as the claim (contested), its note first in the evidence with
who and when. Should the model not start an interval on the correction's day (the same state as
before it, or a model that takes no corrections), the interval holding that day is split there
and the corrected state holds from it to that interval's end: an override from its day to the
model's next change.

>>> fix = make_control("Hama", "government", "2024-12-06", who="ana", note="AP photo, army in town")
>>> fixes = pd.DataFrame([fix.to_row()])
>>> [(i.city, i.controller, i.valid_from, i.provenance.split(",")[0])
...  for i in corrected_control([], fixes)]
[('Hama', 'government', '2024-12-06', 'analyst (ana')]
>>> corrected_control([], fixes)[0].evidence.split(" | ")[0]  # doctest: +ELLIPSIS
'[analyst ana, 20...] as of 2024-12-06: government. AP photo, army in town'
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Callable, Sequence

import pandas as pd

from lib.corrections import CONTROL, Correction, add, now
from lib.model import CLAIM_DISPUTED, ControlInterval, Mention

if TYPE_CHECKING:
    from lib.store import Store

# The states no side holds, as the analyst picks them (the model's controller names).
STATES = {"divided": "divided (name its parts)", "contested": "contested (claims disagree)",
          "unknown": "no report (unknown)"}
ANALYST = "analyst"
# A removal is a control row of its own: `field` REMOVED, `value` the removed correction's
# "who<REMOVED_SEP>at" (with its city and as_of, that names it).
REMOVED, REMOVED_SEP = "removed", " @ "


def controller_choices() -> dict[str, str]:
    """What an analyst may set a city to: every controller of sides.tsv (by its legend words),
    then the states no side holds.

    >>> choices = controller_choices()
    >>> choices["government"], choices["unknown"]
    ('Government (red)', 'no report (unknown)')
    """
    from lib.extract import lexicon

    choices: dict[str, str] = {}
    for side in lexicon.sides().values():
        if side.controller and side.controller not in choices:
            choices[side.controller] = side.legend or side.label or side.controller
    return {**choices, **STATES}


def make_control(city: str, controller: str, as_of: str | dt.date, *, who: str, parts: str = "",
                 note: str = "") -> Correction:
    """A control correction, checked: `city` is held by `controller` (or divided, contested,
    "unknown": no report) from the day `as_of` on.

    >>> make_control("Homs", "divided", "2024-12-06", who="ana", parts="east: opposition").parts
    'east: opposition'
    >>> make_control("Homs", "martians", "2024-12-06", who="ana")
    Traceback (most recent call last):
    ValueError: cannot set control to 'martians': one of government, opposition, hts, turkish_backed, sdf, islamic_state, divided, contested, unknown
    """
    choices = controller_choices()
    if controller not in choices:
        raise ValueError(f"cannot set control to {controller!r}: one of {', '.join(choices)}")
    if not str(city).strip():
        raise ValueError("say which city")
    day = as_of.isoformat() if isinstance(as_of, dt.date) else dt.date.fromisoformat(
        str(as_of).strip()[:10]).isoformat()
    if not who.strip():
        raise ValueError("say who makes the correction")
    parts = parts.strip() if controller == "divided" else ""
    return Correction(event_id="", mention_ids="", action=CONTROL, field="controller",
                      value=controller, who=who.strip(), at=now(), note=note.strip(),
                      city=str(city).strip(), as_of=day, parts=parts)


def control_log(corrections: pd.DataFrame | None) -> list[Correction]:
    """Every control row of a corrections table (lib.corrections.read), oldest first: the
    corrections and their removals (`field` REMOVED)."""
    if corrections is None or corrections.empty or "action" not in corrections:
        return []
    rows = corrections[corrections["action"] == CONTROL].fillna("")
    names = Correction.columns()
    return [Correction(**{n: str(row.get(n, "")) for n in names})
            for row in rows.to_dict("records") if row.get("city") and row.get("as_of")]


def _key(fix: Correction) -> tuple[str, str, str, str]:
    return fix.city, fix.as_of, fix.who, fix.at


def removals(corrections: pd.DataFrame | None) -> dict[tuple[str, str, str, str], Correction]:
    """The removal of each removed control correction, keyed by (city, as_of, who, at) of the
    correction it removes."""
    return {(r.city, r.as_of, *r.value.rsplit(REMOVED_SEP, 1)): r  # who may hold the separator
            for r in control_log(corrections) if r.field == REMOVED and REMOVED_SEP in r.value}


def control_fixes(corrections: pd.DataFrame | None) -> list[Correction]:
    """The control corrections in force (made and not removed), oldest first.

    >>> fix = make_control("Hama", "government", "2024-12-06", who="ana")
    >>> log = pd.DataFrame([fix.to_row()])
    >>> len(control_fixes(log))
    1
    >>> gone = make_removal(fix, who="bo", note="the photo was of Homs")
    >>> control_fixes(pd.DataFrame([fix.to_row(), gone.to_row()]))
    []
    """
    removed = removals(corrections)
    return [f for f in control_log(corrections) if f.field != REMOVED and _key(f) not in removed]


def make_removal(fix: Correction, *, who: str, note: str = "") -> Correction:
    """The removal of control correction `fix`, by `who` now: a row of its own in the corrections
    log (the correction stays there, with who removed it, when and why).

    >>> fix = make_control("Hama", "government", "2024-12-06", who="ana")
    >>> gone = make_removal(fix, who="bo")
    >>> (gone.field, gone.city, gone.as_of, gone.value == f"ana{REMOVED_SEP}{fix.at}")
    ('removed', 'Hama', '2024-12-06', True)
    """
    if not who.strip():
        raise ValueError("say who removes the correction")
    return Correction(event_id="", mention_ids="", action=CONTROL, field=REMOVED,
                      value=f"{fix.who}{REMOVED_SEP}{fix.at}", who=who.strip(), at=now(),
                      note=note.strip(), city=fix.city, as_of=fix.as_of)


def add_control(store: "Store", fix: Correction) -> None:
    """Keep a control correction (or its removal, make_removal) and recompute control with it, in
    one change of the store (every reader then sees the corrected control: the map, the Timeline,
    the exports)."""
    from lib.pipeline import recompute_derived

    with store.change():
        add(store, fix)
        recompute_derived(store)


def corrected_control(mentions: Sequence[Mention], corrections: pd.DataFrame | None
                      ) -> list[ControlInterval]:
    """Every city's control history from the mentions, with the analysts' control corrections
    applied (the model continues from each); without any, the model's own output."""
    from lib.extract.control import control_intervals

    fixes = control_fixes(corrections)
    if not fixes:
        return control_intervals(mentions)
    latest: dict[tuple[str, str], Correction] = {}
    for fix in fixes:  # two corrections of one city and day: the later one holds
        latest[(fix.city, fix.as_of)] = fix
    fixes = list(latest.values())
    try:
        from lib.extract.control import Correction as ModelCorrection
        intervals = control_intervals(mentions, corrections=[
            ModelCorrection(f.city, f.as_of, f.value, f.who, f.at) for f in fixes])
        intervals = _history_before(intervals, fixes, lambda: control_intervals(mentions))
    except (ImportError, TypeError):  # a model that takes no corrections: override after it
        intervals = control_intervals(mentions)
    for fix in sorted(fixes, key=lambda f: (f.city, f.as_of)):
        intervals = _shown(intervals, fix)
    return intervals


def _history_before(intervals: list[ControlInterval], fixes: list[Correction],
                    uncorrected: Callable[[], list[ControlInterval]]) -> list[ControlInterval]:
    """A correction changes nothing before its day. The model, given one on the day a city's
    first change is reported, takes that day's claims as the correction's and with them the
    state they imply before it: the city's history then starts on the correction's day. There,
    the history before the city's first correction is the model's without corrections
    (`uncorrected()`, made only when needed), cut at that day.

    >>> def held(who, start, end):
    ...     return ControlInterval("Hama", who, "", start, end, 1, "reported", "", "", None, None, "")
    >>> before, after = held("government", "", "2024-12-05"), held("opposition", "2024-12-05", "")
    >>> fix = make_control("Hama", "government", "2024-12-05", who="ana")
    >>> [(i.controller, i.valid_from, i.valid_to)
    ...  for i in _history_before([after], [fix], lambda: [before, after])]
    [('opposition', '2024-12-05', ''), ('government', '', '2024-12-05')]
    """
    firsts: dict[str, str] = {}
    for fix in fixes:
        firsts[fix.city] = min(firsts.get(fix.city, fix.as_of), fix.as_of)
    missing = {city: first for city, first in firsts.items()
               if not any(i.city == city and (not i.valid_from or i.valid_from < first)
                          for i in intervals)}
    if not missing:
        return intervals
    restored = [dataclasses.replace(i, valid_to=missing[i.city])
                if not i.valid_to or i.valid_to > missing[i.city] else i
                for i in uncorrected() if i.city in missing
                and (not i.valid_from or i.valid_from < missing[i.city])]
    return list(intervals) + restored


def _evidence(fix: Correction) -> str:
    state = fix.value + (f" ({fix.parts})" if fix.parts else "")
    note = f". {fix.note}" if fix.note else ""
    return f"[{ANALYST} {fix.who}, {fix.at}] as of {fix.as_of}: {state}{note}"


def _shown(intervals: list[ControlInterval], fix: Correction) -> list[ControlInterval]:
    """The intervals with `fix`'s state starting on its day, made visible as the analyst's."""
    city = [i for i in intervals if i.city == fix.city]
    others = [i for i in intervals if i.city != fix.city]
    at = next((n for n, i in enumerate(city) if i.valid_from == fix.as_of
               and i.provenance.startswith(ANALYST)), None)
    if at is None:
        holding = [n for n, i in enumerate(city) if (not i.valid_from or i.valid_from <= fix.as_of)
                   and (not i.valid_to or fix.as_of < i.valid_to)]
        template = city[holding[-1]] if holding else None
        corrected = _as_set(template, fix)
        if template is None:
            later = [i.valid_from for i in city if i.valid_from > fix.as_of]
            corrected = dataclasses.replace(corrected, valid_to=min(later, default=""))
            city.append(corrected)
        else:
            n = holding[-1]
            before = dataclasses.replace(template, valid_to=fix.as_of)
            city[n:n + 1] = ([before] if template.valid_from != fix.as_of else []) + [corrected]
    else:
        city[at] = _as_set(city[at], fix)
    city.sort(key=lambda i: (i.valid_from, i.valid_to == ""))
    return sorted(others + city, key=lambda i: i.city)


def _as_set(interval: ControlInterval | None, fix: Correction) -> ControlInterval:
    """`interval` (or a new one) saying what `fix` says, from its day, with its provenance."""
    from lib.extract.control import STATE_CONTESTED, STATE_CONTROLLER, STATE_DIVIDED, STATE_NO_REPORT

    state = {"divided": STATE_DIVIDED, "contested": STATE_CONTESTED,
             "unknown": STATE_NO_REPORT}.get(fix.value, STATE_CONTROLLER)
    if interval is None:
        lat, lon, admin1 = _place(fix.city)
        interval = ControlInterval(fix.city, fix.value, "", fix.as_of, "", 1, "reported", "", "",
                                   lat, lon, admin1)
    same = interval.controller == fix.value
    kept = [e for e in interval.evidence.split(" | ") if e and not e.startswith(f"[{ANALYST}")
            and same]
    lat, lon = interval.latitude, interval.longitude
    admin1 = interval.admin1
    if lat is None:
        lat, lon, admin1 = _place(fix.city)
    contested = fix.value == "contested"
    return dataclasses.replace(
        interval, controller=fix.value, valid_from=fix.as_of, precision=1,
        actor_detail=f"set by {ANALYST} {fix.who}" + (f": {fix.note}" if fix.note else ""),
        status=CLAIM_DISPUTED if contested else "reported", state=state,
        parts=fix.parts if fix.value == "divided" else "",
        claims=f"contested (analyst {fix.who}, {fix.at}, as of {fix.as_of})" if contested else "",
        sources="; ".join(sorted({s for s in interval.sources.split("; ") if s and same
                                  and not s.startswith(ANALYST)} | {f"{ANALYST} {fix.who}"})),
        evidence=" | ".join([_evidence(fix), *kept]),
        latitude=lat, longitude=lon, admin1=admin1,
        provenance=f"{ANALYST} ({fix.who}, {fix.at})")


def _place(city: str) -> tuple[float | None, float | None, str]:
    try:
        from lib.extract import lexicon
        place = lexicon.places().get(city)
    except Exception:  # another conflict's lexicon may lack a file: the city stays off the map
        place = None
    return (place.latitude, place.longitude, place.admin1) if place else (None, None, "")


__all__ = ["REMOVED", "STATES", "add_control", "control_fixes", "control_log",
           "controller_choices", "corrected_control", "make_control", "make_removal", "removals"]
