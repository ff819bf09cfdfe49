"""Plotly figure builders: the event timeline, the control map, the control-over-time chart.

Every figure is self-contained: the map draws the shipped boundaries (lib.app.geo) as ordinary traces
and switches off every base layer of plotly's geo subplot, so plotly.js never fetches its world
map from a CDN (in the app, in the exported HTML and in kaleido's PNG export alike). Text that
comes from articles is HTML-escaped before it goes into hover labels.

`large=True` gives the type sizes of a slide (the Briefing page and its exports).

>>> fig = timeline_figure(pd.DataFrame([{"event_id": "e1", "event_date": "2024-12-06",
...     "date_start": "2024-12-06", "date_end": "2024-12-06", "time_precision": 1,
...     "event_type": "Battles", "location": "Homs", "actor1": "HTS", "n_sources": 2,
...     "claim_status": "reported"}]))
>>> [(t.type, t.name) for t in fig.data]
[('scatter', 'Battles')]
"""
from __future__ import annotations

import html
from typing import Iterable

import pandas as pd
import plotly.graph_objects as go

from lib.app.geo import LAT_RANGE, LON_RANGE, Outline, country_outlines
from lib.extract import lexicon
from lib.temporal.spans import day_of

# Control colours follow the usual Syria map convention (see the legend the map shows): each
# controller's colour and legend words are data (data/lexicon/sides.tsv); the states no side holds
# are the map's own.
STATE_COLOURS = {"divided": "#c5b0d5", "contested": "#8c8c8c", "unknown": "#ffffff"}
STATE_LABELS = {
    "divided": "Divided (lilac ⊕; parts in the hover)",
    "contested": "Contested (grey, hatched)",
    "unknown": "No report yet (white)",
}
STATE_SYMBOLS = {"contested": "circle-x", "divided": "circle-cross"}


def control_legend() -> tuple[dict[str, str], dict[str, str]]:
    """(colour, legend label) of every controller of sides.tsv, then of the states no side holds.

    >>> colours, labels = control_legend()
    >>> colours["government"], labels["islamic_state"], labels["unknown"]
    ('#d62728', 'Islamic State (black)', 'No report yet (white)')
    """
    colours: dict[str, str] = {}
    labels: dict[str, str] = {}
    for side in lexicon.sides().values():
        if side.controller and side.controller not in colours:
            colours[side.controller] = side.colour or "#7f7f7f"
            labels[side.controller] = side.legend or side.label
    return {**colours, **STATE_COLOURS}, {**labels, **STATE_LABELS}


CONTROL_COLOURS, CONTROL_LABELS = control_legend()
DISPUTED_LABEL = "Disputed claim (black ring / cross-hatch)"
# Timeline colours. A side takes its controller's colour from the map (government red, opposition
# green, SDF yellow); sides that hold no territory and event types take colours that are none of
# those, so a colour means one thing on every chart.
SIDE_COLOURS = {"government": "#d62728", "opposition": "#2ca02c", "jihadist": "#1b6e1b",
                "sdf": "#e0b000"}
PALETTE = ["#1f77b4", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#393b79", "#7f7f7f",
           "#6b6ecf", "#bd9e39", "#5254a3", "#a55194", "#636363"]
CLAIM_SYMBOLS = {"reported": "circle", "disputed": "diamond-open", "denied": "x-thin-open"}

COLOR_BY = {"event_type": "event type", "side1": "side"}
GROUP_BY = {"location": "city", "actor1": "actor"}
UNDATED_LABEL = "undated (hatched): the week before publication"
ELSEWHERE_LABEL = "not a city of the map"

FONT = "Arial, Helvetica, sans-serif"  # a system font: nothing fetched
DAY_MS = 86_400_000


def _sizes(large: bool) -> dict[str, int]:
    return ({"font": 20, "title": 28, "row": 44, "marker": 18, "city": 16} if large else
            {"font": 13, "title": 18, "row": 26, "marker": 11, "city": 11})


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def _esc(value: object) -> str:
    return html.escape(_text(value))


def side_labels() -> dict[str, str]:
    """side -> the name analysts read (data/lexicon/sides.tsv's label column)."""
    try:
        from lib.extract import lexicon
        return {side: entry.label for side, entry in lexicon.sides().items()}
    except Exception:  # a lexicon folder without sides.tsv: the codes are shown as they are
        return {}


def _colours(values: Iterable[str], by: str) -> dict[str, str]:
    """A colour a value: sides by SIDE_COLOURS (values may be labels: `codes` maps them back),
    everything else from PALETTE in order."""
    colours, n = {}, 0
    for value in values:
        if by in SIDE_COLOURS:
            colours[value] = SIDE_COLOURS[by]
            continue
        colours[value] = PALETTE[n % len(PALETTE)]
        n += 1
    return colours


# The width a chart is drawn at, at the least (a wide Streamlit page, the briefing's export): what
# the legend's rows are planned for.
NARROWEST = {False: 760, True: 1100}
# Arial's widest average character, in ems (capitals and wide letters included): a label's width
# is planned with it, so a long label never runs into the next entry or off the chart.
CHAR_EM = 0.6
SYMBOL_PX = 48  # the legend's symbol and the gap after an entry


def legend_plan(names: Iterable[str], font: int, width: int) -> tuple[int, int]:
    """(each entry's width in pixels, entries a row) of a legend of `names` under a chart
    `width` pixels wide: every entry as wide as the longest label, as many a row as fit.

    >>> legend_plan(["Battles", "Protests"], 13, 760)
    (110, 6)
    >>> legend_plan(["undated (hatched): the week before publication"], 13, 760)
    (406, 1)
    """
    longest = max((len(str(n)) for n in names), default=0)
    entry = int(longest * font * CHAR_EM) + SYMBOL_PX
    return entry, max(1, width // entry)


def _layout(fig: go.Figure, *, title: str, large: bool, height: int) -> go.Figure:
    """Fonts, margins and a legend under the plot (so it never collides with the title), its
    entries in columns as wide as the longest label (legend_plan), so none overlaps the next or
    runs off the chart."""
    size = _sizes(large)
    names = {t.legendgroup or t.name for t in fig.data if t.showlegend is not False and t.name}
    entry, per_row = legend_plan(names, size["font"], NARROWEST[large])
    legend_height = (size["font"] + 14) * -(-len(names) // per_row) if names else 0
    fig.update_layout(
        title={"text": html.escape(title), "font": {"size": size["title"]}, "x": 0.01,
               "xanchor": "left"} if title else None,
        font={"family": FONT, "size": size["font"]}, height=max(height + legend_height, 10),
        margin={"l": 10, "r": 20, "t": 70 if title else 30, "b": 40 + legend_height},
        paper_bgcolor="white", plot_bgcolor="white",
        legend={"orientation": "h", "yref": "container", "y": 0.0, "yanchor": "bottom",
                "x": 0, "xanchor": "left", "entrywidthmode": "pixels", "entrywidth": entry},
        hoverlabel={"font": {"family": FONT}},
    )
    return fig


def _day_axis(fig: go.Figure, first: pd.Timestamp, last: pd.Timestamp,
              large: bool = False) -> None:
    """Day ticks for a short window, every other day, weeks or months for longer ones."""
    days = (last - first).days
    daily = 8 if large else 16
    dtick = (DAY_MS if days <= daily else 2 * DAY_MS if days <= 2 * daily
             else 7 * DAY_MS if days <= 120 else "M1")
    fig.update_xaxes(type="date", showgrid=True, gridcolor="#eeeeee", dtick=dtick,
                     tickformat="%d %b" if days <= 120 else "%b %Y", title=None)


def _event_hover(events: pd.DataFrame) -> list[str]:
    rows = []
    for event in events.to_dict("records"):
        span = day_of(_text(event.get("date_start")))
        end = day_of(_text(event.get("date_end")))
        when = span if not end or end == span else f"{span} – {end}"
        actors = " vs ".join(_esc(event.get(a)) for a in ("actor1", "actor2") if _text(event.get(a)))
        phrase = _esc(event.get("date_text"))
        rows.append(
            f"<b>{_esc(event.get('sub_event_type') or event.get('event_type'))}</b>"
            f" · {_esc(event.get('location'))}<br>"
            f"{when}" + (f" (“{phrase}” → {_esc(event.get('timex_value'))})" if phrase else "")
            + (f"<br>{actors}" if actors else "")
            + f"<br>{int(event.get('n_sources') or 1)} source(s): {_esc(event.get('source'))}"
            + f"<br>claim: {_esc(event.get('claim_status'))}"
            + ("<br><i>no date in the text: placed in the week before publication</i>"
               if event.get("date_basis") == "undated" else "")
            + (f"<br><b>corrected by an analyst</b>: {_esc(event.get('corrections'))}"
               if event.get("provenance") == "analyst" else ""))
    return rows


def _legend_colours(names: list[str], code_of: dict[str, str], color_by: str) -> dict[str, str]:
    """A colour per legend name: a side's from SIDE_COLOURS (`code_of` gives its code), the rest
    from PALETTE in order."""
    colour_of = {name: (SIDE_COLOURS.get(code_of.get(name, ""), None) if color_by.startswith("side")
                        else None) for name in names}
    palette = _colours([n for n, c in colour_of.items() if c is None], "")
    return {n: c or palette[n] for n, c in colour_of.items()}


def _row_order(firsts: pd.DataFrame) -> tuple[list[str], int]:
    """The rows (the index of `firsts`, with each row's `_first` day and `_out`: not a city of
    the map) from the top, cities first by their first day; and how many are not cities."""
    order = firsts.sort_values(["_out", "_first"], kind="stable").index.tolist()
    return order, int(firsts["_out"].sum())


def _timeline_axes(fig: go.Figure, days: tuple[str, str], order: list[str], n_out: int,
                   large: bool) -> None:
    """The time axis over `days` (first, last; half a day's margin), a row a name of `order`
    from the top, and the dashed line above the `n_out` rows that are not cities."""
    first, last = pd.Timestamp(days[0]), pd.Timestamp(days[1])
    _day_axis(fig, first, last, large)
    fig.update_xaxes(range=[first - pd.Timedelta(hours=14), last + pd.Timedelta(hours=14)])
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=order[::-1],
                     showgrid=True, gridcolor="#f4f4f4", title=None, automargin=True)
    if 0 < n_out < len(order):
        size = _sizes(large)
        fig.add_shape(type="line", xref="paper", x0=0, x1=1, y0=n_out - 0.5, y1=n_out - 0.5,
                      line={"color": "#777777", "width": 1.5, "dash": "dash"})
        fig.add_annotation(xref="paper", x=1, y=n_out - 0.5, text=f"↓ {ELSEWHERE_LABEL}",
                           showarrow=False, xanchor="right", yanchor="top",
                           font={"size": size["font"] - 2, "color": "#555555"})


def timeline_density_figure(counts: pd.DataFrame, *, color_by: str = "event_type",
                            group_by: str = "location", window: tuple[str, str] = ("", ""),
                            large: bool = False, title: str = "", as_of: str = "") -> go.Figure:
    """Many events at once: a mark per day, row and colour, its area growing with the number of
    events (lib.app.query's EventIndex.density: day, row, colour, elsewhere, events). Rows that
    are not a city of the map come last, under a dashed line, as on timeline_figure.

    >>> fig = timeline_density_figure(pd.DataFrame([{"day": "2024-12-06", "row": "Homs",
    ...     "colour": "Battles", "elsewhere": False, "events": 40}]))
    >>> [(t.type, t.name, list(t.marker.size)) for t in fig.data]
    [('scatter', 'Battles', [34.0])]
    """
    size = _sizes(large)
    if counts.empty:
        return timeline_figure(pd.DataFrame(), large=large, title=title)
    frame = counts.copy()
    frame["_group"] = frame["row"].fillna("").astype(str).replace(
        "", "(no place)" if group_by == "location" else "(none)")
    frame["_out"] = frame["elsewhere"].fillna(False).astype(bool) | (frame["_group"] == "(no place)")
    labels = side_labels() if color_by.startswith("side") else {}
    raw = frame["colour"].fillna("").astype(str)
    frame["_colour"] = raw.map(lambda v: labels.get(v, v)).replace("", "(unknown)")
    colours = _legend_colours(sorted(frame["_colour"].unique()), dict(zip(frame["_colour"], raw)),
                              color_by)
    rank = frame.groupby(["_group", "day"]).cumcount()
    many = frame.groupby(["_group", "day"])["day"].transform("size")
    frame["_x"] = (pd.to_datetime(frame["day"])
                   + pd.to_timedelta((rank - (many - 1) / 2) * 0.8 / many.clip(lower=1), unit="D"))
    top = max(int(frame["events"].max()), 1)
    frame["_size"] = 6 + 28 * (frame["events"] / top) ** 0.5
    fig = go.Figure()
    for name, colour in colours.items():
        chosen = frame[frame["_colour"] == name]
        fig.add_trace(go.Scatter(
            name=name, mode="markers", x=chosen["_x"], y=chosen["_group"],
            hovertext=[f"<b>{_esc(g)}</b> · {_esc(d)}<br>{_esc(name)}: {n:,} event(s)"
                       for g, d, n in zip(chosen["_group"], chosen["day"], chosen["events"])],
            hoverinfo="text",
            marker={"color": colour, "size": chosen["_size"].round(1).tolist(), "opacity": 0.7,
                    "line": {"color": colour, "width": 1}}))
    firsts = frame.groupby("_group").agg(_first=("day", "min"), _out=("_out", "all"))
    order, n_out = _row_order(firsts)
    _timeline_axes(fig, (window[0][:10] or frame["day"].min(), window[1][:10] or frame["day"].max()),
                   order, n_out, large)
    if as_of:
        _day_line(fig, as_of, large, end=pd.Timedelta(hours=12))
    return _layout(fig, title=title, large=large, height=max(320, 140 + size["row"] * len(order)))


def timeline_figure(events: pd.DataFrame, *, color_by: str = "event_type",
                    group_by: str = "location", title: str = "", large: bool = False,
                    as_of: str = "", window: tuple[str, str] = ("", ""),
                    selected: str = "") -> go.Figure:
    """The events on a time axis, a row per city (or actor): a day-precise event is a point on its
    day's tick, a week- or month-precise one a bar over the days it can mean (date_start..date_end);
    an undated one (`date_basis` "undated": no date in its sentences, placed in the week before
    publication) a hatched bar. Colour by event type or side (sides by their names in
    sides.tsv); the marker's shape says the claim status (circle reported, diamond disputed,
    x denied). Rows that are not a city of the map (`place_row` "elsewhere": a country, a
    province, abroad, no place) come last, under a dashed line. Every point and bar carries its
    event_id as customdata (what a click selects); `selected` rings one event.
    `window` (first day, last day; either may be "") fixes the time axis."""
    size = _sizes(large)
    fig = go.Figure()
    if events.empty:
        fig.add_annotation(text="No events match", showarrow=False, font={"size": size["title"]})
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
        return _layout(fig, title=title, large=large, height=260)
    frame = events.copy()
    frame["_start"] = frame["date_start"].fillna("").astype(str).str[:10]
    frame.loc[frame["_start"] == "", "_start"] = frame["event_date"].astype(str).str[:10]
    frame["_end"] = frame["date_end"].fillna("").astype(str).str[:10]
    frame.loc[frame["_end"] < frame["_start"], "_end"] = frame["_start"]
    elsewhere = (frame["place_row"] == "elsewhere") if "place_row" in frame else \
        pd.Series(False, index=frame.index)
    if group_by != "location":
        elsewhere = pd.Series(False, index=frame.index)
    frame["_group"] = frame[group_by].fillna("").astype(str).replace(
        "", "(no place)" if group_by == "location" else "(none)")
    frame["_elsewhere"] = elsewhere | (frame["_group"] == "(no place)")
    labels = side_labels() if color_by.startswith("side") else {}
    raw = frame[color_by].fillna("").astype(str) if color_by in frame else pd.Series("", index=frame.index)
    frame["_colour"] = raw.map(lambda v: labels.get(v, v)).replace("", "(unknown)")
    code_of = dict(zip(frame["_colour"], raw))
    frame["_hover"] = _event_hover(frame)
    frame["_undated"] = (frame["date_basis"] == "undated") if "date_basis" in frame else False
    frame["_span"] = frame["_end"] > frame["_start"]
    # A point sits on its day's tick; points on the same row and day fan out within the day.
    points = frame[~frame["_span"]].copy()
    rank = points.groupby(["_group", "_start"]).cumcount()
    count = points.groupby(["_group", "_start"])["_start"].transform("size")
    points["_x"] = (pd.to_datetime(points["_start"])
                    + pd.to_timedelta((rank - (count - 1) / 2) * 0.8 / count.clip(lower=1), unit="D"))
    spans = frame[frame["_span"]]
    firsts = frame.groupby("_group").agg(_first=("_start", "min"), _out=("_elsewhere", "all"))
    order, n_out = _row_order(firsts)
    colours = _legend_colours(sorted(frame["_colour"].unique()), code_of, color_by)
    half = pd.Timedelta(hours=10)
    for name, colour in colours.items():
        chosen_spans = spans[spans["_colour"] == name]
        chosen_points = points[points["_colour"] == name]
        for undated in (False, True):
            bars = chosen_spans[chosen_spans["_undated"] == undated]
            if not len(bars):
                continue
            starts = pd.to_datetime(bars["_start"]) - half
            ends = pd.to_datetime(bars["_end"]) + half
            fig.add_trace(go.Bar(
                name=name, legendgroup=name,
                showlegend=bool(chosen_points.empty and not undated), orientation="h",
                y=bars["_group"], base=starts.dt.strftime("%Y-%m-%dT%H:%M:%S").tolist(),
                x=((ends - starts).dt.total_seconds() * 1000).tolist(),
                customdata=bars["event_id"].tolist(),
                marker={"color": colour if not undated else "rgba(0,0,0,0)",
                        "opacity": 0.45 if not undated else 0.9,
                        "line": {"color": colour, "width": 1.5},
                        "pattern": {"shape": "/" if undated else "", "fgcolor": colour,
                                    "size": 7, "solidity": 0.35}},
                hovertext=bars["_hover"], hoverinfo="text", width=0.5 if not undated else 0.36))
        if len(chosen_points):
            fig.add_trace(go.Scatter(
                name=name, legendgroup=name, mode="markers", x=chosen_points["_x"],
                y=chosen_points["_group"], hovertext=chosen_points["_hover"], hoverinfo="text",
                customdata=chosen_points["event_id"].tolist(),
                marker={"color": colour, "size": size["marker"],
                        "symbol": [CLAIM_SYMBOLS.get(s, "circle")
                                   for s in chosen_points["claim_status"].fillna("")],
                        "line": {"color": colour, "width": 2}}))
    if bool(frame["_undated"].any()):
        fig.add_trace(go.Bar(name=UNDATED_LABEL, x=[None], y=[None], orientation="h",
                             marker={"color": "rgba(0,0,0,0)", "line": {"color": "#555555", "width": 1.5},
                                     "pattern": {"shape": "/", "fgcolor": "#555555"}},
                             hoverinfo="skip"))
    if selected:
        chosen = frame[frame["event_id"] == selected]
        if len(chosen):
            row = chosen.iloc[0]
            x = (points.loc[points["event_id"] == selected, "_x"].iloc[0] if not row["_span"]
                 else pd.Timestamp(row["_start"]) + (pd.Timestamp(row["_end"]) - pd.Timestamp(row["_start"])) / 2)
            fig.add_trace(go.Scatter(
                name="selected", x=[x], y=[row["_group"]], mode="markers", hoverinfo="skip",
                showlegend=False, customdata=[selected],
                marker={"size": size["marker"] + 14, "symbol": "circle-open",
                        "color": "#000000", "line": {"width": 3}}))
    fig.update_layout(barmode="overlay", clickmode="event+select")
    _timeline_axes(fig, (window[0][:10] or frame["_start"].min(),
                         window[1][:10] or frame["_end"].max()), order, n_out, large)
    if as_of:
        _day_line(fig, as_of, large, end=pd.Timedelta(hours=12))
    return _layout(fig, title=title, large=large,
                   height=max(320, 140 + size["row"] * len(order)))


def _day_line(fig: go.Figure, day: str, large: bool, end: pd.Timedelta = pd.Timedelta(days=1)
              ) -> None:
    """A dotted line at the end of `day` (`end` after its first instant: the timeline centres a
    day on its tick, so its day ends half a day later)."""
    x = pd.Timestamp(day_of(day)) + end
    fig.add_shape(type="line", x0=x, x1=x, yref="paper", y0=0, y1=1,
                  line={"color": "#333333", "width": 2, "dash": "dot"})
    fig.add_annotation(x=x, yref="paper", y=1, text=f"as of {day_of(day)}", showarrow=False,
                       xanchor="right", yanchor="bottom",  # left of the line: never cut at the end bgcolor="rgba(255,255,255,0.8)",
                       font={"size": _sizes(large)["font"] - 2, "color": "#333333"})


def _outline_traces(outlines: Iterable[Outline], large: bool) -> list[go.Scattergeo]:
    traces = []
    label_lons, label_lats, labels = [], [], []
    for outline in outlines:
        traces.append(go.Scattergeo(
            lon=list(outline.lons), lat=list(outline.lats), mode="lines", fill="toself",
            fillcolor="#ffffff" if outline.focus else "#efece4",
            line={"color": "#333333" if outline.focus else "#9a968c",
                  "width": 2 if outline.focus else 1},
            hoverinfo="skip", showlegend=False, name=outline.name))
        if outline.label_lon is not None and not outline.focus:
            label_lons.append(outline.label_lon)
            label_lats.append(outline.label_lat)
            labels.append(outline.name.upper())
    traces.append(go.Scattergeo(
        lon=label_lons, lat=label_lats, text=labels, mode="text", hoverinfo="skip",
        showlegend=False, name="countries",
        textfont={"size": _sizes(large)["city"], "color": "#8a857a"}))
    return traces


def control_map_figure(cities: pd.DataFrame, *, title: str = "", large: bool = False,
                       outlines: Iterable[Outline] | None = None,
                       highlight: str = "") -> go.Figure:
    """The map of Syria with a marker a city, coloured by who controls it (lib.app.control_map's
    cities_as_of table: city, latitude, longitude, controller, status, ...). A disputed city
    gets a black ring; `highlight` circles one city.

    >>> fig = control_map_figure(pd.DataFrame([{"city": "Homs", "latitude": 34.73,
    ...     "longitude": 36.72, "controller": "government", "status": "disputed",
    ...     "actor_detail": "", "since": "", "sources": "", "hover": "Homs"}]))
    >>> [t.name for t in fig.data if "markers" in (t.mode or "")]
    ['Government (red)', 'Disputed claim (black ring / cross-hatch)']
    >>> fig.layout.geo.showland, fig.layout.geo.showcoastlines
    (False, False)
    """
    size = _sizes(large)
    fig = go.Figure(_outline_traces(country_outlines() if outlines is None else outlines, large))
    placed = cities.dropna(subset=["latitude", "longitude"]) if len(cities) else cities
    for controller, label in CONTROL_LABELS.items():
        chosen = placed[placed["controller"] == controller] if len(placed) else placed
        if not len(chosen):
            continue
        fig.add_trace(go.Scattergeo(
            name=label, lon=chosen["longitude"], lat=chosen["latitude"], mode="markers+text",
            text=[_esc(c) for c in chosen["city"]], textposition="middle right",
            textfont={"size": size["city"], "color": "#222222"},
            hovertext=chosen["hover"], hoverinfo="text",
            marker={"size": size["marker"] + 3, "color": CONTROL_COLOURS[controller],
                    "symbol": STATE_SYMBOLS.get(controller, "circle"),
                    "line": {"color": "#222222", "width": 1.5}}))
    disputed = placed[placed["status"] == "disputed"] if len(placed) else placed
    if len(disputed):
        fig.add_trace(go.Scattergeo(
            name=DISPUTED_LABEL, lon=disputed["longitude"], lat=disputed["latitude"],
            mode="markers", hovertext=disputed["hover"], hoverinfo="text",
            marker={"size": size["marker"] + 15, "color": "#000000", "symbol": "circle-open",
                    "line": {"width": 2.5}}))
    if highlight and len(placed):
        chosen = placed[placed["city"] == highlight]
        if len(chosen):
            fig.add_trace(go.Scattergeo(
                name=f"chosen: {highlight}", lon=chosen["longitude"], lat=chosen["latitude"],
                mode="markers", hoverinfo="skip", showlegend=False,
                marker={"size": size["marker"] + 26, "color": "#1f77b4",
                        "symbol": "circle-open", "line": {"width": 3}}))
    fig.update_geos(
        projection_type="mercator", lonaxis_range=list(LON_RANGE), lataxis_range=list(LAT_RANGE),
        showland=False, showocean=False, showlakes=False, showrivers=False,
        showcountries=False, showcoastlines=False, showsubunits=False, showframe=False,
        bgcolor="#dfeaf3", visible=True)
    fig = _layout(fig, title=title, large=large, height=0)
    fig.update_layout(
        height=820 if large else 620, margin={"b": 10},
        legend={"orientation": "v", "yref": "paper", "y": 0.02, "yanchor": "bottom", "x": 0.99,
                "xanchor": "right", "bgcolor": "rgba(255,255,255,0.85)", "entrywidth": 0,
                "entrywidthmode": "pixels", "bordercolor": "#999999", "borderwidth": 1,
                "title": {"text": "Who controls the city"}})
    return fig


def control_chart_figure(control: pd.DataFrame, *, as_of: str = "", title: str = "",
                         large: bool = False, first_day: str = "", last_day: str = ""
                         ) -> go.Figure:
    """Control over time: a row a city, a bar an interval coloured by controller (contested
    striped, a disputed claim cross-hatched); open ends run to the edges of the chart's window
    (first_day..last_day, default: the intervals' own dates with a margin)."""
    size = _sizes(large)
    fig = go.Figure()
    if control.empty:
        fig.add_annotation(text="No control reported", showarrow=False,
                           font={"size": size["title"]})
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
        return _layout(fig, title=title, large=large, height=260)
    frame = control.copy()
    froms = frame["valid_from"].fillna("").astype(str).str[:10]
    tos = frame["valid_to"].fillna("").astype(str).str[:10]
    known = [d for d in list(froms) + list(tos) + [day_of(as_of), day_of(first_day), day_of(last_day)] if d]
    window_start = (pd.Timestamp(day_of(first_day)) if first_day else
                    pd.Timestamp(min(known)) - pd.Timedelta(days=3))
    # the window ends with its last day (a state that begins that day is seen); valid_to is the
    # first day of the next state, so a bar ends where the next begins
    window_end = (pd.Timestamp(day_of(last_day)) + pd.Timedelta(days=1) if last_day else
                  pd.Timestamp(max(known)) + pd.Timedelta(days=2))
    frame["_start"] = [pd.Timestamp(d) if d else window_start for d in froms]
    frame["_end"] = [pd.Timestamp(d) if d else window_end for d in tos]
    frame.loc[frame["_end"] <= frame["_start"], "_end"] = frame["_start"] + pd.Timedelta(days=1)
    frame["_hover"] = [
        f"<b>{_esc(r['city'])}</b>: {_esc(r['controller'])}"
        + (f" ({_esc(r.get('actor_detail'))})" if _text(r.get("actor_detail")) else "")
        + f"<br>from {_esc(r.get('valid_from')) or 'before the reports'}"
        + f" to {_esc(r.get('valid_to')) or 'now'}"
        + (" <b>disputed</b>" if r.get("status") == "disputed" else "")
        + (f"<br>parts: {_esc(r.get('parts'))}" if _text(r.get("parts")) else "")
        + (f"<br>claims: {_esc(r.get('claims'))}" if _text(r.get("claims")) else "")
        + (f"<br>set by {_esc(r.get('provenance'))}"
           if _text(r.get("provenance")).startswith("analyst") else "")
        + f"<br>sources: {_esc(r.get('sources'))}"
        for r in frame.to_dict("records")]
    order = (frame.groupby("city")["_start"].min().reset_index()
             .sort_values(["_start", "city"])["city"].tolist())
    for controller, label in CONTROL_LABELS.items():
        for disputed in (False, True):
            chosen = frame[(frame["controller"] == controller)
                           & ((frame["status"] == "disputed") == disputed)]
            if chosen.empty:
                continue
            shape = "x" if disputed else {"contested": "/", "divided": "|"}.get(controller, "")
            fig.add_trace(go.Bar(
                name=label + (" · disputed" if disputed else ""), orientation="h",
                y=chosen["city"], base=chosen["_start"].dt.strftime("%Y-%m-%d"),
                x=((chosen["_end"] - chosen["_start"]).dt.total_seconds() * 1000).tolist(),
                hovertext=chosen["_hover"], hoverinfo="text", width=0.7,
                marker={"color": CONTROL_COLOURS[controller],
                        "line": {"color": "#444444", "width": 1},
                        "pattern": {"shape": shape, "fgcolor": "#333333", "size": 8,
                                    "fillmode": "overlay",
                                    "solidity": 0.3}}))
    fig.update_layout(barmode="overlay")
    _day_axis(fig, window_start, window_end, large)
    fig.update_xaxes(range=[window_start, window_end])
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=order[::-1],
                     title=None, automargin=True)
    if as_of:
        _day_line(fig, as_of, large)
    return _layout(fig, title=title, large=large,
                   height=max(300, 150 + size["row"] * len(order)))

