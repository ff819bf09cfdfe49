"""A view in the address bar: the Timeline's filters, colouring, rows and chosen event as query
parameters, and back, so that a copied address opens the same rows. Plain functions of
dictionaries (the Streamlit glue is lib.app.desk).

Repeated choices are repeated parameters (`?city=Hama&city=Homs`); what is at its default is left
out, so a plain address means the default view.

>>> view = TimelineView(EventFilter(date_from="2024-12-01", cities=("Hama", "Homs"), text="took"),
...                     color_by="side1", event_id="EVab")
>>> params = view_params(view)
>>> params["city"], params["q"], params["color"], params["event"]
(['Hama', 'Homs'], 'took', 'side1', 'EVab')
>>> view_from_params(params) == view
True
>>> view_from_params({"min": "x", "color": "nonsense"}) == TimelineView()
True
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Mapping

from lib.app.explore import EventFilter

# parameter -> EventFilter field, for the repeated (list) filters
LISTS = {"city": "cities", "actor": "actors", "type": "event_types", "source": "sources",
         "claim": "claim_statuses"}
COLOR_CHOICES = ("event_type", "side1")
GROUP_CHOICES = ("location", "actor1")


@dataclass(frozen=True)
class TimelineView:
    """What the Timeline shows: the filter, the colouring, the rows and the chosen event."""

    filter: EventFilter = field(default_factory=EventFilter)
    color_by: str = "event_type"
    group_by: str = "location"
    event_id: str = ""

    def with_event(self, event_id: str) -> "TimelineView":
        return replace(self, event_id=event_id)


def view_params(view: TimelineView) -> dict[str, str | list[str]]:
    """The query parameters of a view (defaults left out)."""
    f = view.filter
    params: dict[str, str | list[str]] = {}
    if f.date_from:
        params["from"] = f.date_from
    if f.date_to:
        params["to"] = f.date_to
    for name, attribute in LISTS.items():
        values = list(getattr(f, attribute))
        if values:
            params[name] = values
    if f.min_sources > 1:
        params["min"] = str(f.min_sources)
    if f.text.strip():
        params["q"] = f.text.strip()
    if view.color_by != "event_type":
        params["color"] = view.color_by
    if view.group_by != "location":
        params["rows"] = view.group_by
    if view.event_id:
        params["event"] = view.event_id
    return params


def _all(params: Mapping, name: str) -> list[str]:
    value = params.get(name)
    if value is None:
        return []
    values = [value] if isinstance(value, str) else list(value)
    return [v for v in values if v]


def _one(params: Mapping, name: str) -> str:
    values = _all(params, name)
    return values[-1] if values else ""


def _day(text: str) -> str:
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return ""


def view_from_params(params: Mapping) -> TimelineView:
    """The view a set of query parameters describes (a value that makes no sense is ignored);
    `params` maps a name to a value or a list of values."""
    try:
        min_sources = max(1, int(_one(params, "min") or 1))
    except ValueError:
        min_sources = 1
    color, rows = _one(params, "color"), _one(params, "rows")
    return TimelineView(
        filter=EventFilter(date_from=_day(_one(params, "from")), date_to=_day(_one(params, "to")),
                           min_sources=min_sources, text=_one(params, "q"),
                           **{attribute: tuple(_all(params, name))
                              for name, attribute in LISTS.items()}),
        color_by=color if color in COLOR_CHOICES else "event_type",
        group_by=rows if rows in GROUP_CHOICES else "location",
        event_id=_one(params, "event"))


def query_dict(query_params) -> dict[str, list[str]]:
    """st.query_params (or any mapping with get_all) as name -> every value."""
    return {name: list(query_params.get_all(name)) for name in query_params.keys()}


def day_param(params: Mapping, name: str, first: dt.date, last: dt.date, default: dt.date
              ) -> dt.date:
    """A day from the parameters, kept within first..last; `default` when absent or wrong.

    >>> day_param({"day": "2024-12-05"}, "day", dt.date(2024, 12, 1), dt.date(2024, 12, 8),
    ...           dt.date(2024, 12, 8))
    datetime.date(2024, 12, 5)
    >>> day_param({"day": "1967-06-05"}, "day", dt.date(2024, 12, 1), dt.date(2024, 12, 8),
    ...           dt.date(2024, 12, 8))
    datetime.date(2024, 12, 1)
    """
    text = _day(_one(params, name))
    if not text:
        return default
    return min(max(dt.date.fromisoformat(text), first), last)
