"""What the control map shows: every city with who controls it on a day, and a city's history.

The cities are every city of the control table and every place the events name that has
coordinates (a place with events but no control claim is "unknown": the corpus does not say).

>>> control = pd.DataFrame([
...     {"city": "Hama", "controller": "government", "actor_detail": "", "valid_from": "",
...      "valid_to": "2024-12-05", "precision": 1, "status": "reported", "sources": "AP",
...      "evidence": "[AP] The army held Hama.", "latitude": 35.13, "longitude": 36.75,
...      "admin1": "Hama"},
...     {"city": "Hama", "controller": "opposition", "actor_detail": "HTS",
...      "valid_from": "2024-12-05", "valid_to": "", "precision": 1, "status": "disputed",
...      "sources": "AP; Reuters", "evidence": "[AP] Rebels took Hama.", "latitude": 35.13,
...      "longitude": 36.75, "admin1": "Hama"}])
>>> events = pd.DataFrame([{"location": "Daraa", "latitude": 32.62, "longitude": 36.1,
...                         "event_date": "2024-12-06"}])
>>> table = cities_as_of(control, events, "2024-12-06")
>>> table[["city", "controller", "status"]].values.tolist()
[['Daraa', 'unknown', ''], ['Hama', 'opposition', 'disputed']]
>>> cities_as_of(control, events, "2024-12-04").set_index("city").loc["Hama", "controller"]
'government'
"""
from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

import pandas as pd

from lib.export import n_sources
from lib.app.geo import LAT_RANGE, LON_RANGE
from lib.model import ControlInterval, status_at
from lib.temporal.spans import day_of

CITY_COLUMNS = ["city", "latitude", "longitude", "controller", "actor_detail", "status", "since",
                "until", "sources", "evidence", "parts", "claims", "n_events", "hover"]
CONTROL_COLUMNS = ControlInterval.columns()


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def _number(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if pd.isna(number) else number


def intervals(control: pd.DataFrame) -> list[ControlInterval]:
    """The control table's rows as ControlInterval records (what lib.extract.control works on)."""
    rows = []
    for row in control.reindex(columns=CONTROL_COLUMNS).to_dict("records"):
        rows.append(ControlInterval(
            city=_text(row["city"]), controller=_text(row["controller"]) or "unknown",
            actor_detail=_text(row["actor_detail"]), valid_from=day_of(_text(row["valid_from"])),
            valid_to=day_of(_text(row["valid_to"])), precision=int(_number(row["precision"]) or 1),
            status=_text(row["status"]), sources=_text(row["sources"]),
            evidence=_text(row["evidence"]), latitude=_number(row["latitude"]),
            longitude=_number(row["longitude"]), admin1=_text(row["admin1"]),
            state=_text(row["state"]), parts=_text(row["parts"]), claims=_text(row["claims"]),
            nearby=_text(row["nearby"]), provenance=_text(row["provenance"]) or "extracted"))
    return rows


@dataclass(frozen=True)
class DayRange:
    first: dt.date
    last: dt.date


def day_range(control: pd.DataFrame, events: pd.DataFrame) -> DayRange | None:
    """The days the slider offers: from the first to the last date the tables mention.

    >>> day_range(pd.DataFrame(columns=CONTROL_COLUMNS), pd.DataFrame(columns=["event_date"]))
    """
    days = []
    for frame, columns in ((control, ("valid_from", "valid_to")),
                           (events, ("event_date", "date_start", "date_end"))):
        for column in columns:
            if column in frame:
                days.extend(day_of(d) for d in frame[column].dropna().astype(str) if len(d) >= 10)
    if not days:
        return None
    return DayRange(dt.date.fromisoformat(min(days)), dt.date.fromisoformat(max(days)))


def _hover(city: str, interval: ControlInterval | None, n_events: int) -> str:
    name = f"<b>{html.escape(city)}</b>"
    if interval is None:
        return f"{name}<br>no control reported<br>{n_events} event(s)"
    detail = f" ({html.escape(interval.actor_detail)})" if interval.actor_detail else ""
    since = f"since {interval.valid_from}" if interval.valid_from else "before the reports"
    disputed = "<br><b>disputed</b>: sources disagree" if interval.status == "disputed" else ""
    if interval.claims:
        disputed += "<br>claims: " + html.escape(interval.claims)
    parts = f"<br>parts: {html.escape(interval.parts)}" if interval.parts else ""
    analyst = (f"<br>set by {html.escape(interval.provenance)}"
               if interval.provenance and interval.provenance != "extracted" else "")
    return (f"{name}<br>{html.escape(interval.controller)}{detail}, {since}{disputed}{parts}{analyst}"
            f"<br>sources: {html.escape(interval.sources)}<br>{n_events} event(s)")


def event_places(events: pd.DataFrame) -> pd.DataFrame:
    """The places the events name at city precision (geo_precision 1, or none given), in the
    order each is first named: location, latitude, longitude (of its first event that has them),
    n_events. (lib.app.query's EventIndex.places makes the same by a query.)

    >>> event_places(pd.DataFrame([
    ...     {"location": "Homs", "latitude": None, "longitude": None, "geo_precision": 1},
    ...     {"location": "Homs", "latitude": 34.7, "longitude": 36.7, "geo_precision": 1},
    ...     {"location": "Syria", "latitude": 35.0, "longitude": 38.0, "geo_precision": 3},
    ... ])).values.tolist()
    [['Homs', 34.7, 36.7, 2]]
    """
    places: dict[str, list] = {}
    if len(events) and "location" in events:
        precise = events.reindex(columns=["location", "latitude", "longitude", "geo_precision"])
        for row in precise.to_dict("records"):
            city = _text(row["location"])
            if not city or (_number(row["geo_precision"]) or 1) > 1:
                continue  # a province or country is not a city marker
            lat, lon = _number(row["latitude"]), _number(row["longitude"])
            place = places.setdefault(city, [lat, lon, 0])
            if place[0] is None and lat is not None:
                place[:2] = [lat, lon]
            place[2] += 1
    return pd.DataFrame([[city, *place] for city, place in places.items()],
                        columns=["location", "latitude", "longitude", "n_events"])


def cities_as_of(control: pd.DataFrame, events: pd.DataFrame, day: dt.date | str) -> pd.DataFrame:
    """A row a city (CITY_COLUMNS), sorted by name: who controls it on `day`, since when, on
    whose word, and whether that is disputed."""
    return city_table(control, event_places(events), day)


def city_table(control: pd.DataFrame, places_named: pd.DataFrame, day: dt.date | str
               ) -> pd.DataFrame:
    """cities_as_of with the events' places already counted (`places_named`: event_places, or
    lib.app.query's EventIndex.places)."""
    key = day.isoformat() if isinstance(day, dt.date) else day_of(str(day))
    records = intervals(control)
    places: dict[str, tuple[float | None, float | None]] = {}
    for record in records:
        if record.latitude is not None or record.city not in places:
            places[record.city] = (record.latitude, record.longitude)
    counts: dict[str, int] = {}
    for row in places_named.to_dict("records"):
        city = _text(row["location"])
        counts[city] = int(row["n_events"])
        lat, lon = _number(row["latitude"]), _number(row["longitude"])
        if city not in places or (places[city][0] is None and lat is not None):
            places[city] = (lat, lon)
    rows = []
    for city in sorted(places):
        lat, lon = places[city]
        interval = status_at(records, city, key)
        rows.append({
            "city": city, "latitude": lat, "longitude": lon,
            "controller": interval.controller if interval else "unknown",
            "actor_detail": interval.actor_detail if interval else "",
            "status": interval.status if interval else "",
            "since": interval.valid_from if interval else "",
            "until": interval.valid_to if interval else "",
            "sources": interval.sources if interval else "",
            "evidence": interval.evidence if interval else "",
            "parts": interval.parts if interval else "",
            "claims": interval.claims if interval else "",
            "n_events": counts.get(city, 0),
            "hover": _hover(city, interval, counts.get(city, 0)),
        })
    return pd.DataFrame(rows, columns=CITY_COLUMNS)


def on_map(cities: pd.DataFrame) -> pd.DataFrame:
    """The cities the map of Syria can show: with coordinates inside its frame.

    >>> on_map(pd.DataFrame({"city": ["Homs", "Tehran"], "latitude": [34.7, 35.7],
    ...                      "longitude": [36.7, 51.4]}))["city"].tolist()
    ['Homs']
    """
    if cities.empty:
        return cities
    inside = (cities["latitude"].between(*LAT_RANGE) & cities["longitude"].between(*LON_RANGE))
    return cities[inside].reset_index(drop=True)


def off_map(cities: pd.DataFrame) -> list[str]:
    """The cities outside the map's frame (or without coordinates), by name."""
    if cities.empty:
        return []
    return sorted(set(cities["city"]) - set(on_map(cities)["city"]))


def control_history(control: pd.DataFrame, city: str) -> pd.DataFrame:
    """A city's intervals, earliest first, with their evidence (the table under the map).

    >>> control_history(pd.DataFrame(columns=CONTROL_COLUMNS), "Homs").empty
    True
    """
    rows = control[control["city"] == city] if len(control) else control
    shown = ["valid_from", "valid_to", "controller", "actor_detail", "status", "parts", "claims",
             "sources", "evidence", "nearby", "provenance"]
    rows = rows.reindex(columns=list(dict.fromkeys(list(rows.columns) + shown)))
    if rows.empty:
        return pd.DataFrame(columns=shown)
    order = rows.assign(_from=rows["valid_from"].fillna("").astype(str))
    return order.sort_values("_from", kind="stable")[shown].reset_index(drop=True)


PRECISIONS = {1: "day", 2: "week", 3: "month", 4: "year"}


def state_words(row: dict, labels: dict[str, str] | None = None) -> str:
    """A control state in words: its controller (by the legend's name), or divided with its parts,
    contested since when with the claims that disagree, or no report.

    >>> state_words({"controller": "divided", "parts": "east: opposition; rest: government"})
    'divided: east: opposition; rest: government'
    >>> state_words({"controller": "contested", "valid_from": "2024-12-06",
    ...              "claims": "opposition (HTS, per AP, 2024-12-06)"})
    'contested since 2024-12-06: opposition (HTS, per AP, 2024-12-06)'
    >>> state_words({"controller": "unknown"}), state_words({"controller": "sdf"}, {"sdf": "SDF (yellow)"})
    ('no report', 'SDF')
    """
    controller = _text(row.get("controller")) or "unknown"
    if controller == "divided":
        parts = _text(row.get("parts"))
        return f"divided: {parts}" if parts else "divided (parts not named)"
    if controller == "contested":
        since = _text(row.get("valid_from")) or "before the reports"
        claims = _text(row.get("claims")) or _text(row.get("actor_detail"))
        return f"contested since {since}" + (f": {claims}" if claims else "")
    if controller == "unknown":
        return "no report"
    name = (labels or {}).get(controller, controller).split(" (")[0]
    return name


def history_html(history: pd.DataFrame, labels: dict[str, str] | None = None) -> str:
    """A city's history (control_history) as escaped HTML: each state with its span and the
    precision of its start, on whose word (an analyst's correction with who and when), the
    sentences it rests on, and the claims about places around the city (evidence only).

    >>> history = pd.DataFrame([{"valid_from": "2024-12-06", "valid_to": "", "controller":
    ...     "government", "status": "reported", "sources": "analyst ana", "precision": 1,
    ...     "evidence": "[analyst ana, 2026-11-30T10:00:00] as of 2024-12-06: <b>", "nearby": "",
    ...     "provenance": "analyst (ana, 2026-11-30T10:00:00)", "parts": "", "claims": ""}])
    >>> "&lt;b&gt;" in history_html(history) and "analyst correction" in history_html(history)
    True
    """
    blocks = []
    for row in history.fillna("").to_dict("records"):
        span = f"{_text(row.get('valid_from')) or 'before the reports'} → " \
               f"{_text(row.get('valid_to')) or 'now'}"
        precision = PRECISIONS.get(int(_number(row.get("precision")) or 1), "day")
        provenance = _text(row.get("provenance"))
        by = (f" · <b>analyst correction</b> {html.escape(provenance[len('analyst'):].strip())}"
              if provenance.startswith("analyst") else "")
        disputed = " · <b>disputed</b>" if row.get("status") == "disputed" else ""
        lines = "".join(f"<li><b>{html.escape(outlet or 'unknown outlet')}</b>: "
                        f"{html.escape(sentence)}</li>"
                        for outlet, sentence in evidence_lines(row.get("evidence") or ""))
        around = evidence_lines(row.get("nearby") or "")
        nearby = ("<div style='opacity:0.75'>Around the city (evidence only, not a change of "
                  "hands):<ul style='margin:2px 0'>" + "".join(
                      f"<li><b>{html.escape(o or 'unknown outlet')}</b>: {html.escape(t)}</li>"
                      for o, t in around) + "</ul></div>") if around else ""
        count = n_sources(row.get("sources"))
        blocks.append(
            f"<div class='cte-state' style='margin:8px 0'><b>{html.escape(state_words(row, labels))}"
            f"</b> · {html.escape(span)} (from the {precision}){disputed}{by} · "
            f"{count} source{'' if count == 1 else 's'}: {html.escape(_text(row.get('sources')))}"
            f"<ul style='margin:2px 0'>{lines}</ul>{nearby}</div>")
    return "".join(blocks)


def evidence_lines(evidence: str) -> list[tuple[str, str]]:
    """(outlet, sentence) pairs of an evidence cell ("[AP] ... | [Reuters] ...").

    >>> evidence_lines("[AP] Rebels took Hama. | [Reuters] The army withdrew.")
    [('AP', 'Rebels took Hama.'), ('Reuters', 'The army withdrew.')]
    """
    pairs = []
    for part in _text(evidence).split(" | "):
        part = part.strip()
        if not part:
            continue
        if part.startswith("[") and "] " in part:
            outlet, sentence = part[1:].split("] ", 1)
            pairs.append((outlet, sentence))
        else:
            pairs.append(("", part))
    return pairs
