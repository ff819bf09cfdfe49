"""The analyst's desk, the Streamlit side: the events with the analysts' corrections applied, queried
(lib.app.query), the small tables the pages read whole, the Timeline's filters kept in the address
bar, a chart whose points open their evidence, the correction form, and the presentation mode. The
logic lives in plain modules (lib.corrections, lib.app.url_state, lib.app.explore,
lib.app.briefing); this one lays out widgets.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd
import streamlit as st

from lib import corrections
from lib.app import query, ui
from lib.app.explore import EventFilter, FilterOptions
from lib.app.navigation import prefer_navigation
from lib.app.query import EventIndex
from lib.app.url_state import (COLOR_CHOICES, GROUP_CHOICES, TimelineView, query_dict,
                               view_from_params, view_params)

PAGE_SIZES = (25, 50, 100, 250)


# --- the Timeline's events, queried -----------------------------------------------------------------

def _index_folder(path: str) -> Path:
    """Where the events' file of the store at `path` is kept (outside the store's folder, which
    may be read-only; one folder a store)."""
    digest = hashlib.sha1(str(Path(path).resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / "cte-explorer" / digest


@st.cache_resource(max_entries=4, show_spinner="Indexing the events…")
def _event_index(path: str, version: tuple[int, int, int]) -> EventIndex:
    from lib.store import Store

    folder = _index_folder(path)
    target = folder / f"events-{'-'.join(map(str, version))}-{query.FILE_FORMAT}.parquet"
    with ui.stop_on_store_problem(), Store(path) as store:
        if target.exists():  # written whole (os.replace) by an earlier server of this version
            index = query.open_index(target, store.explorer_published_range())
        else:
            index = query.materialise(store, target)
    for old in sorted(folder.glob("events-*.parquet"), key=lambda f: f.stat().st_mtime)[:-4]:
        old.unlink(missing_ok=True)  # the cache keeps 4 versions: older files are unused
    return index


def event_index() -> EventIndex:
    """The desk's events (every correction applied) as an EventIndex to query, made once per
    store version."""
    prefer_navigation()
    path = ui.store_path()
    return _event_index(path, ui.store_version(path))


@dataclass(frozen=True)
class StoreView:
    """What the Home, Control map and Briefing pages read of the store besides the events' file:
    the articles without their texts (lib.app.query.article_rows), the control table (a few rows
    a city), every correction, and the articles waiting for a publication date."""

    articles: pd.DataFrame
    control: pd.DataFrame
    corrections: pd.DataFrame
    pending: pd.DataFrame


@st.cache_resource(max_entries=4, show_spinner=False)
def _store_view(path: str, version: tuple[int, int, int]) -> StoreView:
    from lib.store import Store

    with ui.stop_on_store_problem(), Store(path) as store, store.snapshot():
        return StoreView(query.article_rows(store), store.control(), corrections.read(store),
                         store.pending())


def store_view() -> StoreView:
    """The StoreView of the current store version (read once a version; treat as read-only)."""
    prefer_navigation()
    path = ui.store_path()
    return _store_view(path, ui.store_version(path))


def period_with_corrections(period: tuple[dt.date, dt.date] | None, control: pd.DataFrame
                            ) -> tuple[dt.date, dt.date] | None:
    """The reporting period (EventIndex.period) stretched to the days analysts set a city's state as
    of (control rows not extracted): a correction of a day after the last report is a day the map
    and the briefing can show, never clamped away.

    >>> rows = pd.DataFrame({"valid_from": ["2024-12-01", "2024-12-08"], "provenance": ["extracted", "analyst ana"]})
    >>> [d.isoformat() for d in period_with_corrections((dt.date(2024, 11, 30), dt.date(2024, 12, 7)), rows)]
    ['2024-11-30', '2024-12-08']
    """
    if not len(control) or "provenance" not in control or "valid_from" not in control:
        return period
    set_days = [dt.date.fromisoformat(d[:10]) for d, who in zip(control["valid_from"].astype(str),
                                                                 control["provenance"].astype(str))
                if who != "extracted" and len(d) >= 10]
    if not set_days:
        return period
    if period is None:
        return min(set_days), max(set_days)
    return min(period[0], *set_days), max(period[1], *set_days)


@st.cache_resource(max_entries=16, show_spinner=False)
def _named_cities(path: str, version: tuple[int, int, int], day: str) -> dict:
    from lib.app.map_view import cities_named_in
    from lib.store import Store

    with ui.stop_on_store_problem(), Store(path) as store:
        return cities_named_in(query.article_texts(store, day))


def named_cities(day: str = "") -> dict[str, tuple[float, float]]:
    """The map's cities the reports published by `day` (all when "") name
    (lib.app.map_view.named_cities), the texts read from the store a batch at a time, once a
    store version and day."""
    path = ui.store_path()
    return _named_cities(path, ui.store_version(path), day)


@st.cache_resource(max_entries=4, show_spinner=False)
def _event_places(path: str, _index: EventIndex) -> pd.DataFrame:
    return _index.places()


def event_places(index: EventIndex) -> pd.DataFrame:
    """The places the events name, counted (EventIndex.places), once an events' file."""
    return _event_places(str(index.path), index)


@st.cache_resource(max_entries=4, show_spinner=False)
def _home_summary(path: str, version: tuple[int, int, int], _index: EventIndex):
    from lib.app.summary import indexed_summary
    from lib.store import Store

    with ui.stop_on_store_problem(), Store(path) as store, store.snapshot():
        return indexed_summary(store, _index)


def home_summary():
    """The Home page's counts and tables (lib.app.summary.indexed_summary), once a store
    version."""
    index = event_index()
    path = ui.store_path()
    return _home_summary(path, ui.store_version(path), index)


@st.cache_resource(max_entries=64, show_spinner=False)
def _evidence_tables(path: str, version: tuple[int, int, int], mention_ids: str):
    from lib.store import Store

    with ui.stop_on_store_problem(), Store(path) as store:
        return store.explorer_evidence([i for i in mention_ids.split("; ") if i])


def evidence_tables(event: dict) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(mentions, timexes, articles) of one event, read from the store once per version."""
    path = ui.store_path()
    return _evidence_tables(path, ui.store_version(path), str(event.get("mention_ids") or ""))


@st.cache_resource(max_entries=32, show_spinner=False)
def _timeline_chart(path: str, view: str, selected: str, dense: bool, _index: EventIndex,
                    _view: TimelineView):
    from lib.app.charts import timeline_density_figure, timeline_figure

    chosen = _view.filter
    window = (chosen.date_from, chosen.date_to)
    if not dense:
        return timeline_figure(_index.points(chosen), color_by=_view.color_by,
                               group_by=_view.group_by, window=window, selected=selected)
    return timeline_density_figure(
        _index.density(chosen, group_by=_view.group_by, color_by=_view.color_by),
        color_by=_view.color_by, group_by=_view.group_by, window=window)


def timeline_chart(index: EventIndex, view: TimelineView, total: int, selected: str = ""):
    """The Timeline's figure for `view` (`total` events): a mark an event up to
    query.POINTS_LIMIT, else their counts by day and row; made once per view and version (a
    rerun that only pages the table or opens an event draws nothing again)."""
    dense = total > query.POINTS_LIMIT
    return _timeline_chart(str(index.path), repr(view.with_event("")),
                           "" if dense else selected, dense, index, view)


def table_page(total: int, chosen: EventFilter, *, key: str) -> tuple[int, int]:
    """The page size and page number the analyst chose for a table of `total` rows (back to the
    first page when the filter changes)."""
    if st.session_state.get(f"{key}_page_of") != chosen:
        st.session_state[f"{key}_page_of"] = chosen
        st.session_state[f"{key}_page"] = 1
    _init(f"{key}_page_size", PAGE_SIZES[1])
    left, middle, right = st.columns([1, 1, 3])
    size = left.selectbox("Rows a page", PAGE_SIZES, key=f"{key}_page_size")
    pages = max(1, -(-total // size))
    st.session_state[f"{key}_page"] = min(max(int(st.session_state.get(f"{key}_page", 1)), 1),
                                          pages)
    number = middle.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, step=1,
                                 key=f"{key}_page")
    first = (number - 1) * size
    right.caption(f"Rows {min(first + 1, total):,}–{min(first + size, total):,} of {total:,}, "
                  "latest first.")
    return size, int(number)


def csv_on_demand(rows: Callable[[], pd.DataFrame], n_rows: int, token: object, *,
                  key: str) -> None:
    """A button that builds the CSV of `rows()` (the filtered rows, every page), then its
    download; kept while `token` (what the rows depend on) stays the same."""
    from lib.export import to_csv_bytes

    if st.button(f"Prepare the CSV of these {n_rows:,} events", key=f"{key}_prepare"):
        st.session_state[f"{key}_data"] = (token, to_csv_bytes(rows()))
    ready = st.session_state.get(f"{key}_data")
    if ready and ready[0] == token:
        st.download_button("Download these events (CSV)", ready[1], file_name="events.csv",
                           mime="text/csv", key=key, on_click="ignore")
    elif ready:
        del st.session_state[f"{key}_data"]


def save_corrections(fixes: list[corrections.Correction]) -> None:
    from lib.store import Store

    with Store(ui.settings().store_path) as store:
        for fix in fixes:
            corrections.add(store, fix)


# --- the address bar -------------------------------------------------------------------------------

def url_view() -> TimelineView:
    return view_from_params(query_dict(st.query_params))


def write_query(params: dict[str, str | list[str]]) -> None:
    """Make the address bar say `params` (only when it does not already)."""
    wanted = {k: ([v] if isinstance(v, str) else list(v)) for k, v in params.items()}
    if query_dict(st.query_params) != wanted:
        st.query_params.from_dict(params)


def _init(key: str, value) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def timeline_widgets(options: FilterOptions, period: tuple[dt.date, dt.date] | None, *,
                     key: str = "tl") -> TimelineView:
    """The Timeline's filters (sidebar) and its colour and row choices, first filled from the
    address bar, else the defaults (the reporting period); the TimelineView chosen."""
    start = url_view()
    chosen = start.filter
    side = st.sidebar
    side.header("Filters")
    _init(f"{key}_q", chosen.text)
    text = side.text_input("Search evidence, actors, places", key=f"{key}_q",
                           placeholder="e.g. Hama, HTS, withdrew")
    date_from = date_to = ""
    if options.first_day and options.last_day:
        first, last = options.first_day, options.last_day
        default = period or (first, last)
        picked = (dt.date.fromisoformat(chosen.date_from) if chosen.date_from else default[0],
                  dt.date.fromisoformat(chosen.date_to) if chosen.date_to else default[1])
        clamp = lambda d: min(max(d, first), last)
        _init(f"{key}_dates", (clamp(picked[0]), clamp(picked[1])))
        value = side.date_input("Dates (events whose date can fall in the range)",
                                min_value=first, max_value=last, key=f"{key}_dates",
                                format="YYYY-MM-DD")
        value = (value,) if isinstance(value, dt.date) else tuple(value)
        date_from = value[0].isoformat() if len(value) > 0 else ""
        date_to = value[1].isoformat() if len(value) > 1 else ""

    def many(label: str, values: list[str], name: str, wanted: tuple[str, ...]) -> tuple[str, ...]:
        _init(f"{key}_{name}", [v for v in wanted if v in values])
        return tuple(side.multiselect(label, values, key=f"{key}_{name}"))

    cities = many("City", options.cities, "cities", chosen.cities)
    actors = many("Actor", options.actors, "actors", chosen.actors)
    types = many("Event type", options.event_types, "types", chosen.event_types)
    sources = many("Source (outlet)", options.sources, "sources", chosen.sources)
    min_sources = 1
    if options.max_sources > 1:
        _init(f"{key}_min_sources", min(chosen.min_sources, options.max_sources))
        min_sources = side.slider("At least this many sources", 1, options.max_sources,
                                  key=f"{key}_min_sources")
    statuses = many("Claim status", options.claim_statuses, "claims", chosen.claim_statuses)
    _init(f"{key}_background", chosen.background)
    background = side.checkbox("Include history mentioned in passing", key=f"{key}_background",
                               help="Events the reports only recall (\"since 2011\", \"the war of "
                                    "1967\"): off the current timeline unless asked for")
    left, right = st.columns(2)
    _init(f"{key}_color", start.color_by)
    _init(f"{key}_group", start.group_by)
    color_by = left.radio("Colour by", list(COLOR_CHOICES), horizontal=True, key=f"{key}_color",
                          format_func={"event_type": "event type", "side1": "side"}.get)
    group_by = right.radio("A row per", list(GROUP_CHOICES), horizontal=True, key=f"{key}_group",
                           format_func={"location": "place", "actor1": "actor"}.get)
    return TimelineView(
        filter=EventFilter(date_from=date_from, date_to=date_to, cities=cities, actors=actors,
                           event_types=types, sources=sources, min_sources=int(min_sources),
                           claim_statuses=statuses, text=text, background=bool(background)),
        color_by=color_by, group_by=group_by, event_id=start.event_id)


def view_query(view: TimelineView, period: tuple[dt.date, dt.date] | None) -> dict:
    """The parameters of a view, the reporting period (the default dates) left out."""
    params = view_params(view)
    if period and params.get("from") == period[0].isoformat() \
            and params.get("to") == period[1].isoformat():
        params.pop("from")
        params.pop("to")
    return params


# --- a chart that opens evidence -------------------------------------------------------------------

def picked_event(state) -> str:
    """The event_id of the first point or bar in a plotly selection state ("" for none)."""
    try:
        points = state["selection"]["points"]
    except (KeyError, TypeError):
        return ""
    for point in points or []:
        data = point.get("customdata")
        if isinstance(data, (list, tuple)):
            data = data[0] if data else ""
        if data:
            return str(data)
    return ""


def clickable_chart(fig, *, key: str, on_pick: Callable[[str], None]) -> None:
    """A plotly chart whose clicked point (its customdata: an event id) is passed to `on_pick`."""
    def picked() -> None:
        event_id = picked_event(st.session_state.get(key))
        if event_id:
            on_pick(event_id)

    st.plotly_chart(fig, key=key, width="stretch", theme=None, on_select=picked,
                    selection_mode=("points",),
                    config={"displaylogo": False, "toImageButtonOptions": {"scale": 2}})


# --- corrections -----------------------------------------------------------------------------------

def _choices(current: str, values: list[str]) -> list[str]:
    return sorted({v for v in values if v} | ({current} if current else set()))


def correction_form(event: dict, events: pd.DataFrame, *, key: str) -> None:
    """A form to change the event's type, actors, place or date, reject it or merge it into
    another of `events` (the candidates offered: event_id, event_date, location, event_type,
    sub_event_type, mention_ids); every change is kept with who made it and when."""
    from lib.extract import lexicon

    types = lexicon.SUB_EVENT_TYPES
    actors = sorted(lexicon.actors())
    places = sorted(lexicon.places())
    with st.form(f"{key}_form", clear_on_submit=False):
        st.markdown("**Correct this event** (kept with your name and the time; re-extraction "
                    "keeps it)")
        a, b = st.columns(2)
        event_type = a.selectbox("Event type", _choices(event.get("event_type", ""), list(types)),
                                 index=None, placeholder=str(event.get("event_type") or ""),
                                 key=f"{key}_type")
        sub_type = b.selectbox("Sub-event type", _choices(
            event.get("sub_event_type", ""), [s for subs in types.values() for s in subs]),
            index=None, placeholder=str(event.get("sub_event_type") or ""), key=f"{key}_sub")
        c, d = st.columns(2)
        actor1 = c.selectbox("Actor 1", _choices(event.get("actor1", ""), actors), index=None,
                             placeholder=str(event.get("actor1") or "(none)"), key=f"{key}_a1")
        actor2 = d.selectbox("Actor 2", _choices(event.get("actor2", ""), actors), index=None,
                             placeholder=str(event.get("actor2") or "(none)"), key=f"{key}_a2")
        e, f = st.columns(2)
        place = e.selectbox("Place", _choices(event.get("location", ""), places), index=None,
                            placeholder=str(event.get("location") or "(none)"), key=f"{key}_place")
        day = f.date_input("Date (the day it happened)", value=None, key=f"{key}_date",
                           format="YYYY-MM-DD")
        others = {r["event_id"]: f"{r.get('event_date')} · {r.get('location') or 'no place'} · "
                                 f"{r.get('sub_event_type') or r.get('event_type')} · {r['event_id']}"
                  for r in events.to_dict("records") if r["event_id"] != event["event_id"]}
        merge_into = st.selectbox("Merge into another event (the same happening)", list(others),
                                  format_func=others.get, index=None, key=f"{key}_merge",
                                  placeholder="not merged",
                                  help="Events of the same place or within a week of it")
        reject = st.checkbox("Reject this event (not a real happening)", key=f"{key}_reject")
        who, note = ui.who_and_why(key)
        submitted = st.form_submit_button("Save the correction", key=f"{key}_save")
    if not submitted:
        return
    changes = [("event_type", event_type), ("sub_event_type", sub_type), ("actor1", actor1),
               ("actor2", actor2), ("location", place),
               ("date", day.isoformat() if day else None)]
    try:
        fixes = [corrections.make(event, corrections.SET, field, value, who=who, note=note)
                 for field, value in changes if value and value != str(event.get(field) or "")]
        if merge_into:
            target = events[events["event_id"] == merge_into].iloc[0].to_dict()
            fixes.append(corrections.make(event, corrections.MERGE, who=who, target=target,
                                          note=note))
        if reject:
            fixes.append(corrections.make(event, corrections.REJECT, who=who, note=note))
    except ValueError as error:
        st.error(str(error))
        return
    if not fixes:
        st.warning("Nothing changed: choose a new value, a merge or a rejection.")
        return
    save_corrections(fixes)
    st.session_state[f"{key}_notice"] = f"Saved {len(fixes)} correction(s) by {who.strip()}."
    st.rerun()


# --- presentation ----------------------------------------------------------------------------------

PRESENTATION_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stSidebarNav"], header[data-testid="stHeader"] { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding-top: 0.6rem !important;
  padding-left: 1.5rem !important; padding-right: 1.5rem !important; max-width: 100% !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.3rem; }
</style>"""


def presenting() -> bool:
    return st.query_params.get("present", "") in ("1", "true", "yes")


def dark_theme() -> bool:
    """True when the viewer's Streamlit theme is dark (charts then follow it)."""
    try:
        return st.context.theme.type == "dark"
    except Exception:
        return False


# --- the briefing ----------------------------------------------------------------------------------

@st.cache_resource(max_entries=16, show_spinner="Consolidating the reports published by then…")
def _briefing(path: str, version: tuple[int, int, int], day: str, title: str, hindsight: bool,
              _index: EventIndex):
    from lib.app.briefing import stored_briefing
    from lib.store import Store

    view = _store_view(path, version)
    named = _named_cities(path, version, "" if hindsight else day)
    with ui.stop_on_store_problem(), Store(path) as store, store.snapshot():
        return stored_briefing(store, _index, view.control, view.articles, view.corrections,
                               as_of=day, title=title, hindsight=hindsight, named=named,
                               places=_event_places(str(_index.path), _index))


def briefing(day: dt.date, title: str = "", hindsight: bool = False):
    """The briefing as of `day` (lib.app.briefing.build_briefing), once per store version: as
    of that day, the mentions of the reports published by then read from the store; with
    hindsight, the events of its window queried from the events' file."""
    index = event_index()
    path = ui.store_path()
    return _briefing(path, ui.store_version(path), day.isoformat(), title, hindsight, index)


def day_from_url(name: str, first: dt.date, last: dt.date, default: dt.date) -> dt.date:
    from lib.app.url_state import day_param

    return day_param(query_dict(st.query_params), name, first, last, default)


def list_block(heading: str, lines: list[str], empty: str, *, large: bool, css_class: str) -> None:
    """A heading and a list of plain lines (escaped), in slide type when `large`."""
    import html

    size = "1.55rem" if large else "1.15rem"
    items = "".join(f"<li style='margin:0.35em 0'>{html.escape(line)}</li>" for line in lines) \
        or f"<li>{html.escape(empty)}</li>"
    ui.html_block(f"<div class='{css_class}'><h3 style='font-size:{'2rem' if large else '1.5rem'};"
                  f"margin:0.2em 0'>{html.escape(heading)}</h3><ul style='font-size:{size};"
                  f"line-height:1.35;padding-left:1.2em'>{items}</ul></div>")


def plotly(fig, *, key: str, dark: bool) -> None:
    """A plotly figure; the figure already follows the theme (lib.app.theme)."""
    st.plotly_chart(fig, key=key, width="stretch", theme=None,
                    config={"displaylogo": False, "toImageButtonOptions": {"scale": 2}})


def city_lists(cities: pd.DataFrame) -> None:
    """The cities of the map grouped by who controls them, in words (escaped)."""
    import html

    from lib.app.charts import CONTROL_LABELS

    blocks = []
    for controller, label in CONTROL_LABELS.items():
        names = sorted(cities.loc[cities["controller"] == controller, "city"]) if len(cities) else []
        if names:
            short = label.split(" (")[0]
            blocks.append(f"<p style='margin:0.3em 0'><b>{html.escape(short)}</b>: "
                          f"{html.escape(', '.join(names))}</p>")
    ui.html_block("".join(blocks) or "<p>No cities named yet.</p>")
