"""History mentioned in passing stays off the current timeline, its date range and the briefing's
headlines, unless the analyst asks for it (and the address keeps that choice)."""
from __future__ import annotations

import pandas as pd

from lib.app.explore import EventFilter, filter_events, filter_options, latest_developments
from lib.app.url_state import TimelineView, view_from_params, view_params
from lib.model import Event


def _events() -> pd.DataFrame:
    base = dict.fromkeys(Event.columns(), "")
    rows = [
        {**base, "event_id": "now", "event_date": "2024-12-05", "date_start": "2024-12-05",
         "date_end": "2024-12-05", "location": "Hama", "n_sources": 2, "background": False},
        {**base, "event_id": "1967", "event_date": "1967-06-10", "date_start": "1967-06-05",
         "date_end": "1967-06-10", "location": "Golan Heights", "n_sources": 5, "background": True},
    ]
    return pd.DataFrame(rows, columns=Event.columns())


def test_background_events_are_off_the_timeline_unless_asked_for():
    events = _events()
    assert list(filter_events(events, EventFilter())["event_id"]) == ["now"]
    assert set(filter_events(events, EventFilter(background=True))["event_id"]) == {"now", "1967"}


def test_background_never_stretches_the_date_range_or_leads_the_news():
    options = filter_options(_events())
    assert options.first_day.isoformat() == "2024-12-05"
    assert list(latest_developments(_events())["event_id"]) == ["now"]


def test_the_choice_to_see_history_is_kept_in_the_address():
    view = TimelineView(EventFilter(background=True))
    assert view_params(view)["history"] == "1"
    assert view_from_params(view_params(view)).filter.background is True
    assert view_from_params({}).filter.background is False
