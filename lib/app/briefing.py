"""A briefing for a chosen day, strictly as of it: only what was published by the end of that day
counts (events and control are consolidated again from those reports alone, so the sources, the
headlines, the map and the timeline agree). It opens with the changes of control in the period
("Hama fell to the opposition · Thu 5 Dec · 4 reports, 2 independent"), then the events ranked by
what matters (fatalities, independent sources, the severity of their type), one line each in plain
words with their sources. Exported as one self-contained HTML file (plotly.js inlined, the
boundaries inside the map's traces: it opens offline) and as PNG images (kaleido driving the
system's Chromium, with MathJax off so nothing is fetched).

>>> from lib.app.explore import empty_events
>>> b = build_briefing(empty_events(), pd.DataFrame(columns=["city"]), pd.DataFrame(columns=[
...     "id", "title", "source", "url", "published"]), as_of="2024-12-07")
>>> b.as_of, len(b.headlines), b.changes
('2024-12-07', 0, ())
"""
from __future__ import annotations

import datetime as dt
import html
import math
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from lib.app.charts import (control_chart_figure, control_map_figure, timeline_density_figure,
                            timeline_figure)
from lib.app.control_map import city_table, event_places, evidence_lines, on_map
from lib.app.explore import EventFilter, describe_events, event_table, filter_events
from lib.app.map_view import named_cities, readable_map, with_cities
from lib.model import Mention
from lib.temporal.spans import day_of

if TYPE_CHECKING:
    from lib.app.query import EventIndex
    from lib.store import Store

SOURCE_COLUMNS = ["title", "source", "published", "url", "id"]
# What the timeline of a briefing covers, and the period whose changes of control it leads with:
# the days up to the chosen one.
TIMELINE_DAYS = 10
# How much an event type weighs in the ranking (ACLED types; a sub-type may weigh more).
SEVERITY = {"Violence against civilians": 5, "Explosions/Remote violence": 4, "Battles": 4,
            "Riots": 2, "Protests": 1, "Strategic developments": 1}
SUB_SEVERITY = {"Non-state actor overtakes territory": 5, "Government regains territory": 5,
                "Non-violent transfer of territory": 3, "Agreement": 2,
                "Headquarters or base established": 2}
# Plain words for a sub-event type: {a1}, {a2} the actors, {place} the place.
PHRASES = {
    "Non-state actor overtakes territory": "{a1} took {place}{from_a2}",
    "Government regains territory": "{a1} retook {place}{from_a2}",
    "Non-violent transfer of territory": "{a1} took over {place} without a fight{from_a2}",
    "Armed clash": "Clashes in {place}{between}",
    "Air/drone strike": "Air strike on {place}{by_a1}",
    "Shelling/artillery/missile attack": "Shelling of {place}{by_a1}",
    "Attack": "Attack on civilians in {place}{by_a1}",
    "Agreement": "Agreement{between} in {place}",
}
# How a change of control reads, by the new controller.
# A controller without a phrase of its own: "{city} passed to <its name in sides.tsv>".
# A non-violent transfer told by the side that left ("the army withdrew from Hama", "rebels were
# evacuated from Darayya"), and one whose lead report says neither way.
LEFT_PHRASE = "{a1} withdrew from {place}{to_a2}"
TRANSFER_PHRASE = "{place} changed hands without a fight{involving}"
CHANGE_PHRASES = {"opposition": "{city} fell to the opposition",
                  "government": "{city} returned to government control",
                  "sdf": "{city} passed to the Kurdish-led SDF",
                  "contested": "{city} is contested",
                  "divided": "{city} is divided"}
DISPUTED_PHRASE = "Control of {city} is disputed: the sources disagree"


def _controller_name(controller: str) -> str:
    """A controller's name for a sentence: its legend words without the colour ("Islamic State")."""
    from lib.app.charts import CONTROL_LABELS

    return CONTROL_LABELS.get(controller, controller).split(" (")[0]


@dataclass(frozen=True)
class ControlChange:
    """A city changing hands (or coming into dispute) in the briefing's period."""

    city: str
    day: str
    controller: str
    previous: str
    detail: str
    disputed: bool
    reports: int
    independent: int
    outlets: tuple[str, ...]
    parts: str = ""          # divided: its parts
    claims: str = ""         # contested: the claims that disagree
    analyst: str = ""        # set by an analyst: "ana, 2026-11-30T10:00:00"

    @property
    def line(self) -> str:
        """The change in plain words, since when, and on whose word.

        >>> ControlChange("Aleppo", "2024-12-06", "divided", "opposition", "", False, 1, 1, (),
        ...               parts="east: opposition; rest: government", analyst="ana, 2026-11-30").line
        'Aleppo is divided (east: opposition; rest: government) · Fri 6 Dec · analyst correction (ana, 2026-11-30)'
        >>> ControlChange("Palmyra", "2024-12-06", "islamic_state", "", "", False, 2, 2, ()).line
        'Palmyra passed to Islamic State · Fri 6 Dec · 2 reports, 2 independent'
        """
        what = (DISPUTED_PHRASE if self.disputed else
                CHANGE_PHRASES.get(self.controller, "{city} passed to " +
                                   _controller_name(self.controller).replace("{", "{{")
                                   .replace("}", "}}")))
        text = what.format(city=self.city)
        if self.parts:
            text += f" ({self.parts})"
        if self.claims:
            text += f" — {self.claims}"
        basis = (f"analyst correction ({self.analyst})" if self.analyst else
                 f"{_count(self.reports, 'report')}, {self.independent} independent")
        return f"{text} · {day_label(self.day)} · {basis}"


@dataclass(frozen=True)
class Briefing:
    title: str
    as_of: str
    headlines: pd.DataFrame      # ranked events (the Event columns, `line` and `score` added)
    events: pd.DataFrame         # the events up to as_of within the timeline window (Event columns)
    cities: pd.DataFrame         # lib.app.control_map.cities_as_of
    control: pd.DataFrame        # the control table as of the day
    sources: pd.DataFrame        # articles published up to as_of: SOURCE_COLUMNS
    changes: tuple[ControlChange, ...] = ()
    period_start: str = ""


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def day_label(day: str) -> str:
    """A day as an analyst says it.

    >>> day_label("2024-12-05")
    'Thu 5 Dec'
    """
    try:
        date = dt.date.fromisoformat(day_of(day))
    except ValueError:
        return day
    return f"{date:%a} {date.day} {date:%b}"


def when_label(event: dict) -> str:
    """When an event happened, as precisely as its date says (an undated event: the week before
    the report that placed it).

    >>> when_label({"date_start": "2024-11-30", "date_end": "2024-12-06", "time_precision": 2,
    ...             "date_basis": "undated"})
    'undated, in the week to Fri 6 Dec'
    >>> when_label({"date_start": "2024-12-02", "date_end": "2024-12-08", "time_precision": 2})
    'week of Mon 2 Dec'
    """
    start, end = day_of(str(event.get("date_start") or event.get("event_date") or "")), \
        day_of(str(event.get("date_end") or ""))
    if event.get("date_basis") == "undated":
        return f"undated, in the week to {day_label(end or start)}"
    if not end or end == start:
        return day_label(start)
    precision = int(pd.to_numeric(event.get("time_precision"), errors="coerce") or 2)
    if precision == 2:
        return f"week of {day_label(start)}"
    if precision == 3:
        return f"{dt.date.fromisoformat(start):%b %Y}"
    return start[:4]


def outlet_origin(outlet: str) -> str:
    """The outlet a report comes from, copies counted as their original: "X (re-posted ...)" is
    X, whatever the parenthesis says.

    >>> outlet_origin("The New York Times (re-posted, machine-translated copy)")
    'The New York Times'
    """
    return re.sub(r"\s*\(.*\)\s*$", "", outlet or "").strip() or (outlet or "")


# --- strictly as of a day ------------------------------------------------------------------------

def mention_records(mentions: pd.DataFrame) -> list[Mention]:
    """The mentions table's rows as Mention records (NULL -> None)."""
    columns = Mention.columns()
    rows = mentions.reindex(columns=columns).astype(object).where(mentions.reindex(
        columns=columns).notna(), None)
    return [Mention(**row) for row in rows.to_dict("records")]


def as_of_tables(mentions: pd.DataFrame, articles: pd.DataFrame, day: str,
                 corrections: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(events, control) consolidated from the reports published by the end of `day` alone, the
    analysts' control corrections applied (lib.control_corrections)."""
    from lib.control_corrections import corrected_control
    from lib.extract.events import consolidate
    from lib.model import ControlInterval, Event

    published = mentions["published"].fillna("").astype(str).str[:10] if len(mentions) else None
    known = mentions[(published != "") & (published <= day_of(day))] if published is not None \
        else mentions
    records = mention_records(known) if len(known) else []
    events = pd.DataFrame([e.to_row() for e in consolidate(records)], columns=Event.columns())
    control = pd.DataFrame([c.to_row() for c in corrected_control(records, corrections)],
                           columns=ControlInterval.columns())
    return events, control


def control_changes(control: pd.DataFrame, start: str, end: str) -> list[ControlChange]:
    """The cities that changed hands, or came into dispute, from `start` to `end` (ISO days),
    latest first, then by the number of independent reports.

    >>> control = pd.DataFrame([
    ...     {"city": "Hama", "controller": "government", "valid_from": "", "valid_to": "2024-12-05",
    ...      "status": "reported", "actor_detail": "", "evidence": "[AP] Army held Hama."},
    ...     {"city": "Hama", "controller": "opposition", "valid_from": "2024-12-05", "valid_to": "",
    ...      "status": "reported", "actor_detail": "HTS",
    ...      "evidence": "[AP] Rebels took Hama. | [AP (copy)] Rebels took Hama. | [BBC] Hama fell."}])
    >>> [c.line for c in control_changes(control, "2024-12-01", "2024-12-07")]
    ['Hama fell to the opposition · Thu 5 Dec · 3 reports, 2 independent']
    """
    if control.empty:
        return []
    found = []
    frame = control.fillna("")
    for city, rows in frame.groupby("city", sort=True):
        rows = rows.assign(_from=rows["valid_from"].astype(str).str[:10]).sort_values("_from",
                                                                                       kind="stable")
        previous = ""
        for row in rows.to_dict("records"):
            begins = row["_from"]
            disputed = row.get("status") == "disputed"
            changed = row["controller"] != previous or disputed
            if begins and start <= begins <= end and changed and row["controller"] != "unknown":
                lines = [(o, t) for o, t in evidence_lines(str(row.get("evidence") or ""))
                         if not o.startswith("analyst")]
                outlets = tuple(dict.fromkeys(o for o, _ in lines if o))
                provenance = str(row.get("provenance") or "")
                analyst = provenance[len("analyst"):].strip(" ()") \
                    if provenance.startswith("analyst") else ""
                found.append(ControlChange(
                    city=str(city), day=begins, controller=str(row["controller"]),
                    previous=previous, detail=str(row.get("actor_detail") or ""),
                    disputed=disputed, reports=len(lines) or 1,
                    independent=len({outlet_origin(o) for o in outlets}) or 1, outlets=outlets,
                    parts=str(row.get("parts") or "") if row["controller"] == "divided" else "",
                    claims=str(row.get("claims") or "") if disputed else "", analyst=analyst))
            previous = row["controller"]
    return sorted(found, key=lambda c: (c.day, c.independent, c.reports), reverse=True)


# --- ranking ---------------------------------------------------------------------------------------

def _number(value: object) -> float:
    number = pd.to_numeric(value, errors="coerce")
    return 0.0 if pd.isna(number) else float(number)


def _cell(value: object) -> str:
    """A table cell as text: "" for an empty one (None, or NaN from a NULL)."""
    return "" if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) \
        else str(value)


def event_score(event: dict) -> float:
    """What an event weighs in a briefing: the severity of its type, its toll, how many
    independent outlets report it; less when denied or undated, or not at a city.

    >>> event_score({"event_type": "Battles", "sub_event_type": "Armed clash", "fatalities": 9,
    ...              "source": "AP; BBC", "claim_status": "reported", "place_row": "city"})
    13.5
    """
    severity = max(SEVERITY.get(_cell(event.get("event_type")), 1),
                   SUB_SEVERITY.get(_cell(event.get("sub_event_type")), 0))
    toll = math.log1p(_number(event.get("fatalities")))
    outlets = {outlet_origin(o.strip()) for o in _cell(event.get("source")).split(";") if o.strip()}
    score = 2 * severity + 1.5 * toll + len(outlets)
    if event.get("claim_status") == "denied":
        score -= 4
    if event.get("date_basis") == "undated":
        score -= 1.5
    if event.get("place_row", "city") != "city":  # a country or province: vaguer, often misread
        score -= 5
    return round(score, 1)


def _direction(event: dict, mentions: pd.DataFrame | None) -> str:
    """"gain" or "loss": what the event's first report that changes hands does for its actor1 ("the
    army withdrew": loss; "the SDF moved into Deir ez-Zor": gain); "" when no report says.

    >>> rows = pd.DataFrame({"mention_id": ["a:1:2", "a:1:9"], "control": ["", "loss"]})
    >>> _direction({"mention_ids": "a:1:2; a:1:9"}, rows), _direction({"mention_ids": "a:1:2"}, rows)
    ('loss', '')
    """
    if mentions is None or mentions.empty or "control" not in mentions:
        return ""
    return next((c for c in _lead_rows(event, mentions)["control"] if c in ("gain", "loss")), "")


def _lead_rows(event: dict, mentions: pd.DataFrame) -> pd.DataFrame:
    """The rows of `mentions` of the event's first eight reports (its lead first in the event)."""
    ids = [i for i in str(event.get("mention_ids") or "").split("; ") if i]
    return mentions[mentions["mention_id"].isin(ids[:8])]


def _clause(event: dict, mentions: pd.DataFrame | None) -> str:
    """The words of the lead report from its trigger to the end of the clause ("closed a border
    crossing with Syria on Friday")."""
    if mentions is None or mentions.empty:
        return ""
    for row in _lead_rows(event, mentions).to_dict("records"):
        start = int(_number(row.get("trigger_start")) - _number(row.get("sentence_start")))
        rest = str(row.get("sentence") or "")[max(start, 0):]
        clause = re.split(r"[,;:.!?\u201c\u201d\"()]", rest, maxsplit=1)[0].split()
        if clause:
            return " ".join(clause[:12]) + (" …" if len(clause) > 12 else "")
    return ""


def plain_line(event: dict, mentions: pd.DataFrame | None = None) -> str:
    """An event in plain words, when and on whose word.

    >>> plain_line({"sub_event_type": "Non-state actor overtakes territory", "actor1": "HTS",
    ...     "actor2": "Syrian army", "location": "Hama", "date_start": "2024-12-05",
    ...     "date_end": "2024-12-05", "source": "AP; BBC", "n_sources": 2})
    'HTS took Hama from Syrian army · Thu 5 Dec · 2 reports: AP, BBC'

    A change of hands placed at no city of the map is told in the report's own words, not as taking a
    country ("took Iraq" for "took control of further parts of the border with Iraq"):

    >>> plain_line({"sub_event_type": "Non-state actor overtakes territory", "actor1": "SDF",
    ...     "location": "Iraq", "place_row": "elsewhere", "date_start": "2024-12-06",
    ...     "date_end": "2024-12-06", "source": "AP", "n_sources": 1}).split(" · ")[0]
    'SDF: non-state actor overtakes territory (Iraq)'

    A transfer without a fight reads by its report's direction: a withdrawal is no taking over.

    >>> reports = pd.DataFrame({"mention_id": ["w:0:5"], "control": ["loss"]})
    >>> left = {"sub_event_type": "Non-violent transfer of territory", "actor1": "Syrian army",
    ...     "location": "Hama", "mention_ids": "w:0:5", "date_start": "2024-12-05",
    ...     "date_end": "2024-12-05", "source": "AP", "n_sources": 1}
    >>> plain_line(left, reports).split(" · ")[0], plain_line(left).split(" · ")[0]
    ('Syrian army withdrew from Hama', 'Hama changed hands without a fight (Syrian army)')
    """
    a1, a2 = str(event.get("actor1") or ""), str(event.get("actor2") or "")
    place = str(event.get("location") or "") or "an unnamed place"
    template = PHRASES.get(str(event.get("sub_event_type") or ""))
    if event.get("sub_event_type") == "Non-violent transfer of territory":
        direction = _direction(event, mentions)  # a withdrawal is no taking over
        template = LEFT_PHRASE if direction == "loss" else template if direction == "gain" else TRANSFER_PHRASE
    if template and SUB_SEVERITY.get(str(event.get("sub_event_type") or ""), 0) >= 3 \
            and event.get("place_row", "city") != "city":
        template = None  # "took Iraq": a change of hands is of a city; told elsewhere, its own words
    if template and (a1 or "{a1}" not in template):
        text = template.format(
            a1=a1, place=place, from_a2=f" from {a2}" if a2 else "", to_a2=f" to {a2}" if a2 else "",
            involving=f" ({a1}{', ' + a2 if a2 else ''})" if a1 else "",
            between=f" between {a1} and {a2}" if a1 and a2 else (f" involving {a1}" if a1 else ""),
            by_a1=f" by {a1}" if a1 else "")
    else:
        clause = _clause(event, mentions)
        kind = str(event.get("sub_event_type") or event.get("event_type") or "event")
        subject = a1 or "Unnamed actors"
        text = (f"{subject}: {clause}" if clause else f"{subject}: {kind.lower()}") + \
            (f" ({place})" if event.get("location") and place not in clause else "")
    outlets = [o.strip() for o in str(event.get("source") or "").split(";") if o.strip()]
    n = int(_number(event.get("n_sources")) or len(outlets) or 1)
    tail = f"{_count(n, 'report')}: {', '.join(outlets)}" if outlets else _count(n, "report")
    if event.get("claim_status") in ("disputed", "denied"):
        tail += f" · {event.get('claim_status')}"
    toll = _number(event.get("fatalities"))
    if toll:
        text += f", {int(toll)} killed"
    return f"{text[0].upper() + text[1:]} · {when_label(event)} · {tail}"


def _text(events: pd.DataFrame, column: str) -> pd.Series:
    return events[column].fillna("").astype(str) if column in events else \
        pd.Series("", index=events.index)


def event_scores(events: pd.DataFrame) -> pd.Series:
    """event_score of every row, over the columns at once (a briefing's window holds tens of
    thousands of events at a million); the same figures as event_score row by row.

    >>> event_scores(pd.DataFrame([{"event_type": "Battles", "sub_event_type": "Armed clash",
    ...     "fatalities": 9, "source": "AP; BBC", "claim_status": "reported", "place_row": "city"},
    ...     {"event_type": "Protests", "fatalities": None, "source": "",
    ...      "date_basis": "undated", "place_row": "province"}])).tolist()
    [13.5, -4.5]
    """
    sub = _text(events, "sub_event_type").map(SUB_SEVERITY).fillna(0)
    severity = _text(events, "event_type").map(SEVERITY).fillna(1).clip(lower=sub)
    fatalities = pd.to_numeric(events["fatalities"], errors="coerce") if "fatalities" in events \
        else pd.Series(float("nan"), index=events.index)
    toll = np.log1p(fatalities.fillna(0.0).astype(float))
    sources = _text(events, "source")
    outlets = sources.map({s: len({outlet_origin(o.strip()) for o in s.split(";") if o.strip()})
                           for s in sources.unique()})
    place_row = events["place_row"] if "place_row" in events else "city"
    score = (2 * severity + 1.5 * toll + outlets
             - 4 * (_text(events, "claim_status") == "denied")
             - 1.5 * (_text(events, "date_basis") == "undated")
             - 5 * (place_row != "city"))
    return score.astype(float).round(1)


def _lead_ids(events: pd.DataFrame) -> list[str]:
    """The ids of the mentions plain_line may read: the first eight of each event."""
    return [i for cell in events["mention_ids"].fillna("") for i in str(cell).split("; ")[:8] if i]


def ranked_events(events: pd.DataFrame, changes: list[ControlChange], *, limit: int,
                  mentions: pd.DataFrame | Callable[[list[str]], pd.DataFrame] | None = None
                  ) -> pd.DataFrame:
    """The events worth a line, best first; a territorial event the changes of control already
    tell (same city, same day) is left out. `mentions` may be a function of mention ids that reads
    them: then only the mentions of the events kept are read."""
    if events.empty:
        return events.assign(line=pd.Series(dtype=str), score=pd.Series(dtype=float))
    told = {(c.city, c.day) for c in changes}
    territorial = _text(events, "sub_event_type").map(SUB_SEVERITY).fillna(0) >= 3
    if told and territorial.any():
        days = _text(events, "date_start").map(day_of)
        said = pd.Series([(place, day) in told for place, day in zip(events["location"], days)],
                         index=events.index)
        events = events[~(territorial & said)]
    ranked = events.assign(score=event_scores(events)).sort_values(
        ["score", "date_start"], ascending=[False, False], kind="stable")
    best = ranked.head(limit).reset_index(drop=True)  # a line for those alone
    if callable(mentions):
        mentions = mentions(_lead_ids(best)) if "mention_ids" in best else None
    return best.assign(line=[plain_line(e, mentions) for e in best.to_dict("records")])


def build_briefing(events: pd.DataFrame, control: pd.DataFrame, articles: pd.DataFrame, *,
                   as_of: str, title: str = "", headlines: int = 8,
                   mentions: pd.DataFrame | Callable[[list[str]], pd.DataFrame] | None = None,
                   corrections: pd.DataFrame | None = None, hindsight: bool = False,
                   places: pd.DataFrame | None = None,
                   named: dict[str, tuple[float, float]] | None = None) -> Briefing:
    """Everything a briefing for `as_of` shows, nothing published after that day. With the
    `mentions` table, events and control are consolidated again from the reports published by
    then (and the analysts' `corrections` applied); without it, the given events and control are
    cut at the day. With `hindsight`, the given events and control (everything known now) are
    cut at the day and every report is a source (`mentions` may then be a function of mention ids
    that reads those of the headlines alone: lib.app.query.mentions_by_id). `places` (the places every event names,
    control_map.event_places; with hindsight, when `events` hold only the briefing's window) and
    `named` (the cities the reports by then name, map_view.named_cities; when `articles` hold no
    texts) spare reading them from the tables given."""
    day = day_of(as_of)
    if mentions is not None and not hindsight:
        from lib.corrections import apply_corrections

        events, control = as_of_tables(mentions, articles, day, corrections)
        events = describe_events(apply_corrections(events, corrections), mentions, articles)
    elif "date_basis" not in events:
        events = describe_events(events, mentions, articles)
    start = (pd.Timestamp(day) - pd.Timedelta(days=TIMELINE_DAYS - 1)).strftime("%Y-%m-%d")
    window = filter_events(events, EventFilter(date_from=start, date_to=day))
    window = window[window["date_start"].fillna("").astype(str).str[:10] <= day]
    window = window[window["location"].fillna("").astype(str) != ""].reset_index(drop=True)
    published = articles["published"].fillna("").astype(str).str[:10] if len(articles) else None
    sources = (articles[(published <= day) & (published != "")]
               if published is not None and not hindsight else articles).reindex(
        columns=SOURCE_COLUMNS)
    changes = control_changes(control, start, day)
    return Briefing(
        title=title or f"Situation as of {day_label(day)} {day[:4]}", as_of=day,
        headlines=ranked_events(window, changes, limit=headlines, mentions=mentions),
        events=window, control=control,
        cities=with_cities(city_table(control, event_places(events) if places is None
                                      else places, day),
                           named_cities(articles, "" if hindsight else day) if named is None
                           else named),
        sources=sources.sort_values(["published", "source"], kind="stable").reset_index(drop=True),
        changes=tuple(changes), period_start=start)


def stored_briefing(store: "Store", index: "EventIndex", control: pd.DataFrame,
                    articles: pd.DataFrame, corrections: pd.DataFrame, *, as_of: str,
                    title: str = "", hindsight: bool = False,
                    named: dict[str, tuple[float, float]] | None = None,
                    places: pd.DataFrame | None = None) -> Briefing:
    """build_briefing over the store and the events' file (lib.app.query), with the same
    result: as of the day, the mentions of the reports published by then read from the store
    (none later) and consolidated again, unless every stored report was published by then; with
    hindsight, or then, the events of the briefing's window queried from `index` and
    the places of every event counted there (`places`, when already made: index.places()).
    `articles` may lack their texts (lib.app.query.article_rows) when `named` is given."""
    from lib.app import query

    day = day_of(as_of)
    if not hindsight and query.reports_after(store, day):
        return build_briefing(pd.DataFrame(), control, articles, as_of=day, title=title,
                              mentions=query.mentions_published_by(store, day),
                              corrections=corrections, named=named)
    # With hindsight, or as of a day every stored report was published by: the stored events and
    # control (consolidated from every report) are what consolidating those reports again gives.
    start = (pd.Timestamp(day) - pd.Timedelta(days=TIMELINE_DAYS - 1)).strftime("%Y-%m-%d")
    window = index.events(EventFilter(date_from=start, date_to=day))
    # the events' file tells each event's date basis: the mentions are read for the headlines alone
    mentions = (lambda ids: query.mentions_by_id(store, ids)) if "date_basis" in window \
        else query.mentions_by_id(store, _lead_ids(window))
    return build_briefing(window, control, articles, as_of=day, title=title,
                          mentions=mentions, corrections=corrections,
                          hindsight=True, places=index.places() if places is None else places,
                          named=named)


def _timeline(briefing: Briefing, *, title: str) -> go.Figure:
    """The briefing's timeline: a mark an event, or past POINTS_LIMIT events their counts by day
    and place (as the Timeline page shows them)."""
    from lib.app.query import POINTS_LIMIT

    window, day = (briefing.period_start, briefing.as_of), briefing.as_of
    events = briefing.events
    if len(events) <= POINTS_LIMIT:
        return timeline_figure(events, title=title, large=True, as_of=day, window=window)
    start = events["date_start"].fillna("").astype(str).str[:10]
    counts = pd.DataFrame({
        "day": start.where(start != "", events["event_date"].fillna("").astype(str).str[:10]),
        "row": events["location"].fillna("").astype(str),
        "colour": events["event_type"].fillna("").astype(str),
        "elsewhere": events.get("place_row", pd.Series("", index=events.index)) == "elsewhere"})
    counts = counts[counts["day"] != ""].groupby(["day", "row", "colour"], as_index=False).agg(
        elsewhere=("elsewhere", "all"), events=("elsewhere", "size"))
    return timeline_density_figure(counts, window=window, large=True, title=title, as_of=day)


def briefing_figures(briefing: Briefing, *, dark: bool = False) -> dict[str, go.Figure]:
    """The briefing's three figures in slide type, by name: map, timeline, control."""
    from lib.app.theme import follow_theme

    day = briefing.as_of
    placed = on_map(briefing.cities)
    figures = {
        "map": readable_map(control_map_figure(placed, title=f"Who controls which city, "
                                               f"{day_label(day)}", large=True), large=True,
                            width=900),
        "timeline": _timeline(briefing, title=f"Events from {day_label(briefing.period_start)} "
                                           f"to {day_label(day)}"),
        "control": control_chart_figure(briefing.control, as_of=day, large=True,
                                        title="Control over time", last_day=day),
    }
    return {name: follow_theme(fig, dark) for name, fig in figures.items()}


def change_lines(briefing: Briefing) -> list[str]:
    return [change.line for change in briefing.changes]


def headline_lines(briefing: Briefing) -> list[str]:
    """One plain-text line a ranked event (escape before showing as HTML)."""
    return list(briefing.headlines["line"]) if "line" in briefing.headlines else []


def _link(url: str) -> str:
    if not str(url).startswith(("http://", "https://")):
        return ""
    address = html.escape(str(url), quote=True)
    return f' — <a href="{address}">{address}</a>'


def sources_html(sources: pd.DataFrame) -> str:
    """The reports a briefing rests on, each with its address (escaped HTML list items)."""
    return "".join(
        f"<li>{html.escape(str(r['source'] or 'unknown outlet'))}, "
        f"{html.escape(str(r['published'] or ''))}: {html.escape(str(r['title'] or r['id']))}"
        f"{_link(r.get('url') or '')}</li>"
        for r in sources.fillna("").to_dict("records")) or "<li>none</li>"


def list_html(lines: list[str], empty: str) -> str:
    return "".join(f"<li>{html.escape(line)}</li>" for line in lines) or \
        f"<li>{html.escape(empty)}</li>"


NO_CHANGES = "No city changed hands in the period, on the reports published by then."
NO_EVENTS = "No events reported in the period."


def briefing_html(briefing: Briefing, figures: dict[str, go.Figure] | None = None) -> bytes:
    """The briefing as one HTML file that opens offline: plotly.js inlined once, every text from
    the corpus escaped; the map first, then the changes of control, the ranked events, the
    timeline, control over time and the sources with their addresses."""
    figures = figures or briefing_figures(briefing)
    charts = {}
    for n, (name, fig) in enumerate(figures.items()):
        charts[name] = pio.to_html(fig, full_html=False, include_plotlyjs=(n == 0),
                                   include_mathjax=False, div_id=f"briefing-{name}",
                                   config={"displaylogo": False, "responsive": True})
    rest = "".join(chart for name, chart in charts.items() if name != "map")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(briefing.title)}</title>
<style>
body {{ font-family: Arial, Helvetica, sans-serif; margin: 1.5rem auto; max-width: 1800px;
       color: #222; font-size: 20px; line-height: 1.45; padding: 0 1rem; }}
h1 {{ font-size: 40px; margin: 0 0 0.1em 0; }} h2 {{ font-size: 28px; margin: 0.8em 0 0.3em; }}
.asof {{ color: #555; font-size: 22px; }} li {{ margin: 0.35em 0; }}
.top {{ display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5rem; }}
.legend {{ font-size: 18px; color: #444; }}
@media (max-width: 1100px) {{ .top {{ grid-template-columns: 1fr; }} }}
</style></head><body>
<h1>{html.escape(briefing.title)}</h1>
<div class="asof">As of the end of {html.escape(day_label(briefing.as_of))} {briefing.as_of[:4]},
on the {len(briefing.sources)} report(s) published by then · generated by the conflict timeline
explorer</div>
<div class="top"><div>{charts.get("map", "")}
<p class="legend">{html.escape(legend_text())}</p></div>
<div><h2>Changes of control</h2><ul>{list_html(change_lines(briefing), NO_CHANGES)}</ul>
<h2>Headline developments</h2><ul>{list_html(headline_lines(briefing), NO_EVENTS)}</ul></div></div>
{rest}
<h2>Sources</h2><ul>{sources_html(briefing.sources)}</ul>
</body></html>"""
    return page.encode("utf-8")


def legend_text() -> str:
    """The map's convention in words, from the sides' legend (data/lexicon/sides.tsv) and the
    states no side holds.

    >>> legend_text().startswith("Government (red); Opposition (green)")
    True
    """
    from lib.app.charts import CONTROL_LABELS, DISPUTED_LABEL

    return "; ".join([*CONTROL_LABELS.values(), DISPUTED_LABEL]) + "."


def chromium_path() -> str | None:
    """The system's Chromium (Debian package `chromium`), which kaleido drives for PNG export."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def figure_pngs(figures: dict[str, go.Figure], *, width: int = 1600,
                scale: float = 1.0) -> dict[str, bytes]:
    """Each figure as a PNG, rendered by kaleido in the system Chromium (one browser for all),
    offline: plotly.js from the installed plotly package, MathJax off, no base map to fetch.
    RuntimeError when no Chromium is installed."""
    import asyncio

    import kaleido

    path = chromium_path()
    if path is None:
        raise RuntimeError("PNG export needs Chromium: install the Debian package `chromium`")

    async def render() -> dict[str, bytes]:
        async with kaleido.Kaleido(n=1, mathjax=False, path=path) as browser:
            return {name: await browser.calc_fig(fig, opts={
                "format": "png", "width": width, "height": fig.layout.height or 800,
                "scale": scale}) for name, fig in figures.items()}

    return asyncio.run(render())


def briefing_table(briefing: Briefing) -> pd.DataFrame:
    """The briefing's events as the Timeline's table, with their source addresses and analyst
    provenance (what the CSV/JSON/GeoJSON downloads hold)."""
    return event_table(briefing.events)
