"""Choosing events: the filters the Timeline offers, the table it shows and exports, the latest news.

Works on the events table (columns of lib.model.Event) as the store returns it.

>>> events = pd.DataFrame([
...     {"event_id": "e1", "event_date": "2024-12-06", "date_start": "2024-12-06",
...      "date_end": "2024-12-06", "location": "Homs", "actor1": "HTS", "actor2": "",
...      "event_type": "Battles", "source": "AP; Reuters", "n_sources": 2,
...      "claim_status": "reported"},
...     {"event_id": "e2", "event_date": "2024-12-02", "date_start": "2024-12-02",
...      "date_end": "2024-12-08", "location": "Daraa", "actor1": "Syrian army", "actor2": "",
...      "event_type": "Strategic developments", "source": "AP", "n_sources": 1,
...      "claim_status": "disputed"}])
>>> list(filter_events(events, EventFilter(cities=("Homs",)))["event_id"])
['e1']
>>> list(filter_events(events, EventFilter(date_from="2024-12-07"))["event_id"])  # spans overlap
['e2']
>>> list(filter_events(events, EventFilter(sources=("Reuters",), min_sources=2))["event_id"])
['e1']
>>> list(filter_events(events, EventFilter(text="syrian daraa"))["event_id"])  # every word, anywhere
['e2']
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from lib.app.geo import LAT_RANGE, LON_RANGE
from lib.model import DATE_FROM_PUBLICATION, Event
from lib.temporal.spans import day_of

SEP = "; "

# The columns the Timeline table shows and the CSV export holds, in this order: ACLED's first.
TABLE_COLUMNS = [
    "event_date", "date_start", "date_end", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "location", "admin1", "latitude", "longitude", "n_sources",
    "claim_status", "source", "source_url", "date_text", "timex_value", "anchor", "date_basis",
    "provenance", "corrections", "notes", "event_id",
]
# The columns the text search looks in: what was said, by whom, where.
SEARCHED = ("evidence", "notes", "actor1", "actor2", "location", "admin1", "source", "event_type",
            "sub_event_type", "date_text")
# How an event's date is known (the `date_basis` column describe_events adds).
BASIS_TEXT, BASIS_PUBLICATION, BASIS_ANALYST = "dated in the text", "undated", "set by an analyst"
# Rows of the timeline that are not a city of the map, and how they are named.
ROW_CITY, ROW_ELSEWHERE = "city", "elsewhere"
# Background: an event starting this many days before the first publication is history, not news.
BACKGROUND_DAYS = 14
PRECISION_NAMES = {1: "day", 2: "week", 3: "month", 4: "year"}


@dataclass(frozen=True)
class EventFilter:
    """What the analyst chose; an empty choice does not restrict. Dates are ISO strings."""

    date_from: str = ""
    date_to: str = ""
    cities: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    min_sources: int = 1
    claim_statuses: tuple[str, ...] = ()
    text: str = ""
    background: bool = False  # also history mentioned in passing (off the current timeline by default)


@dataclass(frozen=True)
class FilterOptions:
    """The values each filter can take, from the events themselves."""

    first_day: dt.date | None
    last_day: dt.date | None
    cities: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    event_types: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    max_sources: int = 1
    claim_statuses: list[str] = field(default_factory=list)


def empty_events() -> pd.DataFrame:
    return pd.DataFrame(columns=Event.columns())


def _split(column: pd.Series) -> set[str]:
    values: set[str] = set()
    for cell in column.dropna().astype(str):
        values.update(part.strip() for part in cell.split(SEP) if part.strip())
    return values


def _starts(events: pd.DataFrame) -> pd.Series:
    start = events["date_start"].fillna("").astype(str)
    return start.where(start != "", events["event_date"].fillna("").astype(str)).str[:10]


def _ends(events: pd.DataFrame) -> pd.Series:
    end = events["date_end"].fillna("").astype(str)
    return end.where(end != "", _starts(events)).str[:10]


def current_events(events: pd.DataFrame) -> pd.DataFrame:
    """The events of the news itself: those consolidated from background mentions (history
    recalled in passing: "since 2011", "the war of 1967") left out.

    >>> frame = pd.DataFrame({"event_id": ["a", "b"], "background": [False, True]})
    >>> list(current_events(frame)["event_id"])
    ['a']
    """
    if "background" not in events or events.empty:
        return events
    flags = events["background"].map(lambda v: str(v).strip().lower() in ("true", "1", "yes"))
    return events[~flags]


def filter_options(events: pd.DataFrame) -> FilterOptions:
    """The choices to offer for `events`; the date range is that of the current events (history
    mentioned in passing never stretches it).

    >>> filter_options(empty_events()).cities
    []
    """
    events = current_events(events) if len(current_events(events)) else events
    if events.empty:
        return FilterOptions(first_day=None, last_day=None)
    starts = [s for s in _starts(events) if s]
    ends = [e for e in _ends(events) if e]
    nonblank = lambda column: sorted(v for v in events[column].dropna().astype(str).unique() if v)
    return FilterOptions(
        first_day=dt.date.fromisoformat(min(starts)) if starts else None,
        last_day=dt.date.fromisoformat(max(ends)) if ends else None,
        cities=nonblank("location"),
        actors=sorted(_split(events["actor1"]) | _split(events["actor2"])),
        event_types=nonblank("event_type"),
        sources=sorted(_split(events["source"])),
        max_sources=int(pd.to_numeric(events["n_sources"], errors="coerce").fillna(1).max()),
        claim_statuses=nonblank("claim_status"),
    )


def _any_of(column: pd.Series, chosen: tuple[str, ...]) -> pd.Series:
    wanted = set(chosen)
    return column.fillna("").astype(str).map(
        lambda cell: any(part.strip() in wanted for part in cell.split(SEP)))


def filter_events(events: pd.DataFrame, chosen: EventFilter) -> pd.DataFrame:
    """The events `chosen` keeps, in their original order (index reset).

    An event is in a date range when the span its date can mean (date_start..date_end) overlaps
    it, so a week-precise event stays visible when the range covers part of its week.
    """
    if not chosen.background:
        events = current_events(events)
    keep = pd.Series(True, index=events.index)
    if chosen.date_from:
        keep &= _ends(events) >= day_of(chosen.date_from)
    if chosen.date_to:
        keep &= _starts(events) <= day_of(chosen.date_to)
    if chosen.cities:
        keep &= events["location"].isin(chosen.cities)
    if chosen.actors:
        keep &= _any_of(events["actor1"], chosen.actors) | _any_of(events["actor2"], chosen.actors)
    if chosen.event_types:
        keep &= events["event_type"].isin(chosen.event_types)
    if chosen.sources:
        keep &= _any_of(events["source"], chosen.sources)
    if chosen.min_sources > 1:
        keep &= pd.to_numeric(events["n_sources"], errors="coerce").fillna(0) >= chosen.min_sources
    if chosen.claim_statuses:
        keep &= events["claim_status"].isin(chosen.claim_statuses)
    if chosen.text.strip():
        keep &= _search(events, chosen.text)
    return events[keep].reset_index(drop=True)


def _search(events: pd.DataFrame, text: str) -> pd.Series:
    """True for the events whose evidence, actors, place, outlets or type hold every word of
    `text` (case-insensitive)."""
    columns = [c for c in SEARCHED if c in events]
    haystack = events[columns].fillna("").astype(str).agg(" ".join, axis=1).str.casefold()
    keep = pd.Series(True, index=events.index)
    for word in text.casefold().split():
        keep &= haystack.str.contains(word, regex=False)
    return keep


def event_table(events: pd.DataFrame) -> pd.DataFrame:
    """The table the Timeline shows and exports: TABLE_COLUMNS, latest first.

    >>> event_table(empty_events()).columns[:3].tolist()
    ['event_date', 'date_start', 'date_end']
    """
    table = events.reindex(columns=TABLE_COLUMNS)
    if table.empty:
        return table.reset_index(drop=True)
    order = table.assign(_start=_starts(events)).sort_values(
        ["_start", "n_sources", "event_id"], ascending=[False, False, True], kind="stable")
    return order.drop(columns="_start").reset_index(drop=True)


def event_label(event: pd.Series | dict) -> str:
    """One line naming an event, for choosers and headlines.

    >>> event_label({"event_date": "2024-12-06", "location": "Homs", "event_type": "Battles",
    ...              "sub_event_type": "Armed clash", "actor1": "HTS", "actor2": "Syrian army",
    ...              "n_sources": 2})
    '2024-12-06 · Homs · Armed clash · HTS vs Syrian army · 2 sources'
    """
    get = (lambda key: str(event.get(key) or ""))
    kind = get("sub_event_type") or get("event_type") or "event"
    actors = " vs ".join(a for a in (get("actor1"), get("actor2")) if a)
    n = int(event.get("n_sources") or 1)
    parts = [day_of(get("event_date")) or day_of(get("date_start")), get("location") or "somewhere",
             kind, actors, f"{n} source{'s' if n != 1 else ''}"]
    return " · ".join(part for part in parts if part)


def latest_developments(events: pd.DataFrame, *, as_of: str = "", limit: int = 5) -> pd.DataFrame:
    """The most recent events up to `as_of` (all when empty), one per place, best-sourced first
    within a day: what a briefing leads with.

    >>> latest_developments(empty_events()).empty
    True
    """
    events = current_events(events)
    if events.empty:
        return events.head(0)
    starts = _starts(events)
    chosen = events[starts <= day_of(as_of)] if as_of else events
    if chosen.empty:
        return chosen
    ranked = chosen.assign(
        _day=_starts(chosen),
        _n=pd.to_numeric(chosen["n_sources"], errors="coerce").fillna(0),
        _denied=(chosen["claim_status"] == "denied").astype(int),
    ).sort_values(["_day", "_denied", "_n", "event_id"],
                  ascending=[False, True, False, True], kind="stable")
    place = ranked["location"].fillna("").astype(str)
    ranked = ranked[~place.duplicated() | (place == "")]
    return ranked.head(limit).drop(columns=["_day", "_n", "_denied"]).reset_index(drop=True)


def reporting_period(events: pd.DataFrame, articles: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    """The days the reports are about: from the first publication (or the first current event
    starting at most BACKGROUND_DAYS before it) to the last publication or the last day such an
    event can mean. History mentioned in passing (a 1967 war) never stretches it, nor does a
    background mention of recent days ("the war, which has escalated in recent days").

    >>> articles = pd.DataFrame({"published": ["2024-12-06", "2024-12-07T10:00"]})
    >>> events = pd.DataFrame({"date_start": ["1967-01-01", "2024-11-28", "2024-11-30", "2024-12-06"],
    ...     "date_end": ["1967-12-31", "2024-12-06", "2024-12-06", "2024-12-06"], "event_date": [""] * 4,
    ...     "background": [True, True, False, False]})
    >>> [d.isoformat() for d in reporting_period(events, articles)]
    ['2024-11-30', '2024-12-07']
    """
    events = current_events(events)
    published = sorted(day_of(d) for d in articles.get("published", pd.Series(dtype=str))
                       .fillna("").astype(str) if len(d) >= 10) if len(articles) else []
    starts = [s for s in _starts(events) if len(s) == 10] if len(events) else []
    if not published:
        if not starts:
            return None
        published = [max(starts)]
    first_pub = dt.date.fromisoformat(published[0])
    floor = (first_pub - dt.timedelta(days=BACKGROUND_DAYS)).isoformat()
    ceiling = (dt.date.fromisoformat(published[-1]) + dt.timedelta(days=BACKGROUND_DAYS)).isoformat()
    days = list(published)
    if len(events):
        for start, end in zip(_starts(events), _ends(events)):
            if floor <= start <= ceiling:
                days += [start, min(end, ceiling)]
    return dt.date.fromisoformat(min(days)), dt.date.fromisoformat(max(days))


def _place_row(location: str, latitude: object, longitude: object, precision: object) -> str:
    if not location:
        return ROW_ELSEWHERE
    try:
        lat, lon = float(latitude), float(longitude)  # type: ignore[arg-type]
        inside = LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]
    except (TypeError, ValueError):
        inside = False
    city = int(pd.to_numeric(precision, errors="coerce") or 3) <= 1 if precision is not None else False
    return ROW_CITY if inside and city else ROW_ELSEWHERE


def describe_events(events: pd.DataFrame, mentions: pd.DataFrame | None = None,
                    articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The events with what the desk shows beside them: `date_basis` (dated in the text, or
    undated: no date in any of its sentences, so placed in the week before publication),
    `place_row` (a city of the map, or elsewhere: a country, a province, abroad, no place) and
    `source_url` (the articles' addresses, "; "-joined).

    >>> events = pd.DataFrame([{"event_id": "e1", "mention_ids": "a:1:2", "location": "Homs",
    ...     "latitude": 34.7, "longitude": 36.7, "geo_precision": 1}])
    >>> mentions = pd.DataFrame([{"mention_id": "a:1:2", "article_id": "a",
    ...     "date_source": DATE_FROM_PUBLICATION}])
    >>> articles = pd.DataFrame([{"id": "a", "url": "https://example.org/x"}])
    >>> describe_events(events, mentions, articles)[["date_basis", "place_row", "source_url"]].values.tolist()
    [['undated', 'city', 'https://example.org/x']]
    """
    out = events.copy()
    if out.empty:
        for column in ("date_basis", "place_row", "source_url"):
            out[column] = pd.Series(dtype=str)
        return out
    basis, urls = {}, {}
    if mentions is not None and len(mentions) and "mention_id" in mentions:
        basis = dict(zip(mentions["mention_id"], mentions["date_source"].fillna("")))
        url_of = {}
        if articles is not None and len(articles) and "url" in articles:
            url_of = dict(zip(articles["id"], articles["url"].fillna("")))
        urls = {m: url_of.get(a, "") for m, a in zip(mentions["mention_id"], mentions["article_id"])}
    bases, links = [], []
    for row in out.to_dict("records"):
        ids = [i for i in str(row.get("mention_ids") or "").split(SEP) if i]
        sources = {basis.get(i, "") for i in ids}
        if row.get("anchor") == "analyst":
            bases.append(BASIS_ANALYST)
        elif ids and sources and sources <= {DATE_FROM_PUBLICATION.value}:
            bases.append(BASIS_PUBLICATION)
        else:
            bases.append(BASIS_TEXT)
        links.append(SEP.join(dict.fromkeys(u for u in (urls.get(i, "") for i in ids) if u)))
    out["date_basis"] = bases
    out["source_url"] = links
    out["place_row"] = [_place_row(str(r.get("location") or ""), r.get("latitude"),
                                   r.get("longitude"), r.get("geo_precision"))
                        for r in out.to_dict("records")]
    return out
