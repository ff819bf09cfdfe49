"""The control map made readable: city labels placed where they do not cover each other, the legend
beside the map instead of over it, a taller map; and every city the reports name on it, with no
control reported when they say nothing of it.

Works on the figure lib.app.charts.control_map_figure builds (it stays the one map builder): the
city labels are the text of its marker traces, each given its own position.

>>> places = [("Homs", 36.72, 34.73), ("Rastan", 36.73, 34.92), ("Talbiseh", 36.73, 34.84)]
>>> placed = place_labels([(lon, lat, name) for name, lon, lat in places], font=12)
>>> placed  # Talbiseh's label would cover Homs's on the right: it goes left
['middle right', 'middle right', 'middle left']
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Iterable

import pandas as pd
import plotly.graph_objects as go

from lib.app.control_map import CITY_COLUMNS
from lib.app.geo import LAT_RANGE, LON_RANGE
from lib.temporal.spans import day_of

# Label positions, in the order they are tried: (plotly textposition, dx, dy) where dx, dy say
# where the label box lies from the marker: -1 left/below, 0 centred, 1 right/above.
POSITIONS = [("middle right", 1, 0), ("middle left", -1, 0), ("top center", 0, 1),
             ("bottom center", 0, -1), ("top right", 1, 1), ("bottom right", 1, -1),
             ("top left", -1, 1), ("bottom left", -1, -1)]
CITY_KINDS = ("city", "town")


def _mercator(lat: float) -> float:
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _scale(width: int, height: int) -> float:
    """Pixels per degree of longitude of the map's frame drawn `width` x `height`."""
    lon_span = LON_RANGE[1] - LON_RANGE[0]
    lat_span = _mercator(LAT_RANGE[1]) - _mercator(LAT_RANGE[0])
    return min(width / lon_span, height / lat_span)


def _box(x: float, y: float, w: float, h: float, dx: int, dy: int, gap: float
         ) -> tuple[float, float, float, float]:
    left = x + gap if dx > 0 else x - gap - w if dx < 0 else x - w / 2
    bottom = y + gap if dy > 0 else y - gap - h if dy < 0 else y - h / 2
    return left, bottom, left + w, bottom + h


def _overlap(a: tuple, b: tuple) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def place_labels(points: list[tuple[float, float, str]], *, font: int = 12, marker: int = 14,
                 width: int = 1000, height: int = 700,
                 sizes: list[float] | None = None) -> list[str]:
    """A textposition a point (lon, lat, label), chosen greedily so that labels overlap each
    other and the markers as little as they can, right of the marker when it is free. `sizes`
    gives each point's largest marker (a ring around a disputed city) when not `marker`."""
    scale = _scale(width, height)
    xy = [((lon - LON_RANGE[0]) * scale, (_mercator(lat) - _mercator(LAT_RANGE[0])) * scale)
          for lon, lat, _ in points]
    radii = [(size or marker) / 2 + 1 for size in (sizes or [marker] * len(points))]
    markers = [(x - r, y - r, x + r, y + r) for (x, y), r in zip(xy, radii)]
    placed: list[tuple[float, float, float, float]] = []
    chosen = [""] * len(points)
    # the crowded first: a label with many neighbours gets the first choice of sides
    def crowd(i: int) -> int:
        return sum(1 for j in range(len(xy)) if j != i and abs(xy[i][0] - xy[j][0]) < 80
                   and abs(xy[i][1] - xy[j][1]) < 30)
    for i in sorted(range(len(points)), key=lambda i: (-crowd(i), points[i][2])):
        x, y = xy[i]
        w, h = 0.6 * font * len(points[i][2]) + 4, 1.25 * font
        best = None
        for rank, (name, dx, dy) in enumerate(POSITIONS):
            box = _box(x, y, w, h, dx, dy, radii[i] + 1)
            cost = sum(_overlap(box, other) for other in placed) * 3
            cost += sum(_overlap(box, m) for j, m in enumerate(markers) if j != i)
            cost += rank * 0.5
            if best is None or cost < best[0]:
                best = (cost, name, box)
        chosen[i] = best[1]
        placed.append(best[2])
    return chosen


def readable_map(fig: go.Figure, *, large: bool = False, width: int = 1100,
                 height: int | None = None, legend_beside: bool = True) -> go.Figure:
    """The control map with its city labels placed apart, its legend beside the map (right of
    the frame, not over it, its entries without the colour words the markers show) and a height
    for a main view; `width` is the width the map itself (without the legend) will be drawn at.
    In place, returned."""
    height = height or (860 if large else 760)
    cities = [t for t in fig.data if t.type == "scattergeo" and t.mode and "markers" in t.mode
              and "text" in t.mode and t.text is not None]
    points, owners = [], []
    for trace in cities:
        for n, (lon, lat, text) in enumerate(zip(trace.lon, trace.lat, trace.text)):
            points.append((float(lon), float(lat), re.sub(r"<[^>]+>|&\w+;", "x", str(text))))
            owners.append((trace, n))
    if points:
        font = cities[0].textfont.size or (16 if large else 11)
        marker = cities[0].marker.size or 14
        largest: dict[tuple[float, float], float] = {}
        for trace in fig.data:  # rings drawn around a city (disputed, chosen) widen its marker
            if trace.type == "scattergeo" and trace.mode and "markers" in trace.mode \
                    and trace.lon is not None and isinstance(trace.marker.size, (int, float)):
                for lon, lat in zip(trace.lon, trace.lat):
                    key = (round(float(lon), 4), round(float(lat), 4))
                    largest[key] = max(largest.get(key, 0), float(trace.marker.size))
        sizes = [largest.get((round(lon, 4), round(lat, 4)), marker) for lon, lat, _ in points]
        positions = place_labels(points, font=int(font), marker=int(marker), width=width,
                                 height=height - 80, sizes=sizes)
        by_trace: dict[int, list[str]] = {}
        for (trace, n), position in zip(owners, positions):
            by_trace.setdefault(id(trace), ["middle right"] * len(trace.lon))[n] = position
        for trace in cities:
            trace.textposition = by_trace.get(id(trace), trace.textposition)
    fig.update_layout(height=height)
    hatch_contested(fig)
    full_legend(fig)
    for trace in fig.data:  # "Government (red)" -> "Government": the marker shows the colour
        if trace.name and trace.showlegend is not False:
            trace.name = LEGEND_WORDS.get(trace.name, re.sub(r"\s*\([^)]*\)", "", trace.name))
    if legend_beside:
        fig.update_layout(
            legend={"orientation": "v", "x": 1.01, "xanchor": "left", "y": 1, "yanchor": "top",
                    "yref": "paper", "bgcolor": "rgba(255,255,255,0)", "borderwidth": 0},
            margin={"r": 10, "l": 10, "t": 60 if fig.layout.title.text else 20, "b": 10})
    return fig


def _state_label(state: str) -> str:
    from lib.app.charts import CONTROL_LABELS

    return CONTROL_LABELS.get(state, state)


# The legend's words for the states no side holds: what the marker alone does not say.
LEGEND_WORDS = {_state_label("contested"): "Contested (hatched)",
                _state_label("divided"): "Divided (parts in the hover)",
                _state_label("unknown"): "No report (white)"}
HATCH = {"symbol": "hash-open", "angle": 45, "color": "#ffffff", "line": {"color": "#ffffff",
                                                                          "width": 1.4}}


def _has_points(trace) -> bool:
    """True when a trace has a point with coordinates (its lon may be a list or an array)."""
    return trace.lon is not None and any(lon is not None for lon in trace.lon)


def hatch_contested(fig: go.Figure) -> go.Figure:
    """Contested cities drawn hatched, the map's convention: a white diagonal hatch over their
    grey disc (a trace of its own, in the contested entry's legend group). In place, returned.

    >>> from lib.app.charts import control_map_figure
    >>> fig = hatch_contested(control_map_figure(pd.DataFrame([{"city": "Homs", "latitude": 34.73,
    ...     "longitude": 36.72, "controller": "contested", "status": "disputed", "hover": "Homs"}])))
    >>> [(t.marker.symbol, t.showlegend) for t in fig.data if t.name == "contested hatch"]
    [('hash-open', False)]
    """
    label = _state_label("contested")
    for trace in list(fig.data):
        if trace.type != "scattergeo" or trace.name != label or not _has_points(trace):
            continue
        trace.marker.symbol = "circle"
        trace.legendgroup = "contested"
        size = trace.marker.size or 14
        fig.add_trace(go.Scattergeo(
            name="contested hatch", lon=trace.lon, lat=trace.lat, mode="markers",
            hoverinfo="skip", showlegend=False, legendgroup="contested",
            marker={**HATCH, "size": max(6, size - 5)}))
    return fig


def full_legend(fig: go.Figure) -> go.Figure:
    """The whole map convention in the legend, whatever the day shows: an entry for every
    controller of data/lexicon/sides.tsv and every state no side holds (government red,
    opposition green, Kurdish-led forces yellow, Islamic State black, divided, contested hatched,
    no report white), in that order, the disputed ring last. In place, returned.

    >>> from lib.app.charts import CONTROL_LABELS, control_map_figure
    >>> fig = full_legend(control_map_figure(pd.DataFrame(columns=CITY_COLUMNS)))
    >>> [t.name for t in fig.data if t.showlegend] == list(CONTROL_LABELS.values())
    True
    """
    from lib.app.charts import CONTROL_COLOURS, CONTROL_LABELS, STATE_SYMBOLS

    ranks = {label: n for n, label in enumerate(CONTROL_LABELS.values())}
    have = {trace.name for trace in fig.data}
    size = next((t.marker.size for t in fig.data if t.name in ranks and t.marker.size), 14)
    for trace in fig.data:  # the contested entry of the legend is drawn by itself, hatched
        if trace.name == CONTROL_LABELS.get("contested") and _has_points(trace):
            trace.showlegend = False
            have.discard(trace.name)
    for controller, label in CONTROL_LABELS.items():
        if label in have:
            continue
        fig.add_trace(go.Scattergeo(
            name=label, lon=[None], lat=[None], mode="markers", hoverinfo="skip",
            showlegend=True, legendgroup=controller,
            marker={**HATCH, "size": size, "color": "#555555",
                    "line": {"color": "#555555", "width": 2}}
            if controller == "contested" else
            {"size": size, "color": CONTROL_COLOURS[controller],
             "symbol": STATE_SYMBOLS.get(controller, "circle"),
             "line": {"color": "#222222", "width": 1.5}}))
    for trace in fig.data:
        if trace.name in ranks and trace.showlegend is not False:
            trace.legendrank = 100 + ranks[trace.name]
        elif trace.showlegend is not False and trace.name:
            trace.legendrank = 900
    return fig


@lru_cache(maxsize=4)
def _city_pattern(directory_stamp: str) -> tuple[re.Pattern | None, dict[str, tuple]]:
    from lib.app.geo import country_outlines
    from lib.extract import lexicon

    focus = {outline.name for outline in country_outlines() if outline.focus}
    names: dict[str, tuple] = {}
    for place in lexicon.places().values():
        if place.kind not in CITY_KINDS or place.country not in focus:
            continue
        if not (LAT_RANGE[0] <= place.latitude <= LAT_RANGE[1]
                and LON_RANGE[0] <= place.longitude <= LON_RANGE[1]):
            continue
        for name in place.names:
            names[name] = (place.name, place.latitude, place.longitude)
    if not names:
        return None, {}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), names


def named_cities(articles: pd.DataFrame, day: str = "") -> dict[str, tuple[float, float]]:
    """Every city or town of the map's country (the focus of data/geo) that an article published
    by `day` (all when "") names: canonical name -> (latitude, longitude).

    >>> named_cities(pd.DataFrame([{"text": "Troops left for Latakia and Idlib.",
    ...                             "published": "2024-12-06"}]))
    {'Idlib': (35.9306, 36.6339), 'Latakia': (35.5317, 35.7915)}
    """
    if articles.empty:
        return {}
    chosen = articles
    if day:
        published = articles["published"].fillna("").astype(str).str[:10]
        chosen = articles[(published != "") & (published <= day_of(day))]
    return cities_named_in(chosen["text"].fillna("").astype(str))


def cities_named_in(texts: Iterable[str]) -> dict[str, tuple[float, float]]:
    """named_cities of texts, read one at a time (lib.app.query.article_texts reads them from
    the store a batch at a time)."""
    from lib.extract.lexicon import lexicon_dir

    pattern, names = _city_pattern(str(lexicon_dir()))
    if pattern is None:
        return {}
    found: dict[str, tuple[float, float]] = {}
    for text in texts:
        for match in pattern.finditer(text):
            name, lat, lon = names[match.group(0)]
            found[name] = (lat, lon)
    return dict(sorted(found.items()))


def with_named_cities(cities: pd.DataFrame, articles: pd.DataFrame, day: str = "") -> pd.DataFrame:
    """The cities table (lib.app.control_map.cities_as_of) with every city the reports name added,
    as "no control reported", when it is not there already.

    >>> table = with_named_cities(pd.DataFrame(columns=CITY_COLUMNS), pd.DataFrame([
    ...     {"text": "Latakia, the port.", "published": "2024-12-06"}]))
    >>> table[["city", "controller", "n_events"]].values.tolist()
    [['Latakia', 'unknown', 0]]
    """
    return with_cities(cities, named_cities(articles, day))


def with_cities(cities: pd.DataFrame, named: dict[str, tuple[float, float]]) -> pd.DataFrame:
    """with_named_cities of the cities already found (`named`: name -> (latitude, longitude))."""
    have = set(cities["city"]) if len(cities) else set()
    extra = [{"city": name, "latitude": lat, "longitude": lon, "controller": "unknown",
              "actor_detail": "", "status": "", "since": "", "until": "", "sources": "",
              "evidence": "", "n_events": 0,
              "hover": f"<b>{name}</b><br>named in the reports; no control reported"}
             for name, (lat, lon) in named.items() if name not in have]
    if not extra:
        return cities
    rows = pd.DataFrame(extra, columns=CITY_COLUMNS)
    combined = rows if cities.empty else pd.concat([cities, rows], ignore_index=True)
    return combined.sort_values("city", kind="stable").reset_index(drop=True)
