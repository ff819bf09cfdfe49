"""A briefing for a chosen day: the headline developments up to it, the control map and the
timeline in large type, the sources; exported as one self-contained HTML file (plotly.js inlined,
the boundaries inside the map's traces: it opens offline) and as PNG images (kaleido driving the
system's Chromium, with MathJax off so nothing is fetched).

>>> from lib.app.explore import empty_events
>>> b = build_briefing(empty_events(), pd.DataFrame(columns=["city"]), pd.DataFrame(columns=[
...     "id", "title", "source", "url", "published"]), as_of="2024-12-07")
>>> b.as_of, len(b.headlines)
('2024-12-07', 0)
"""
from __future__ import annotations

import html
import shutil
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from lib.app.charts import control_chart_figure, control_map_figure, timeline_figure
from lib.app.control_map import cities_as_of, on_map
from lib.app.explore import EventFilter, event_label, event_table, filter_events, latest_developments
from lib.temporal.spans import day_of

SOURCE_COLUMNS = ["title", "source", "published", "url", "id"]
# What the timeline of a briefing covers: the days up to the chosen one.
TIMELINE_DAYS = 10


@dataclass(frozen=True)
class Briefing:
    title: str
    as_of: str
    headlines: pd.DataFrame      # events, most recent first, one per place
    events: pd.DataFrame         # the events up to as_of within the timeline window (Event columns)
    cities: pd.DataFrame         # lib.app.control_map.cities_as_of
    control: pd.DataFrame        # the control table, for the control-over-time chart
    sources: pd.DataFrame        # articles published up to as_of: SOURCE_COLUMNS


def build_briefing(events: pd.DataFrame, control: pd.DataFrame, articles: pd.DataFrame, *,
                   as_of: str, title: str = "", headlines: int = 6) -> Briefing:
    """Everything a briefing for `as_of` shows (nothing after that day)."""
    day = day_of(as_of)
    start = (pd.Timestamp(day) - pd.Timedelta(days=TIMELINE_DAYS)).strftime("%Y-%m-%d")
    window = filter_events(events, EventFilter(date_from=start, date_to=day))
    window = window[window["location"].fillna("").astype(str) != ""].reset_index(drop=True)
    published = articles["published"].fillna("").astype(str).str[:10] if len(articles) else None
    sources = (articles[(published <= day) & (published != "")] if published is not None
               else articles).reindex(columns=SOURCE_COLUMNS)
    return Briefing(
        title=title or f"Situation as of {day}", as_of=day,
        headlines=latest_developments(events, as_of=day, limit=headlines),
        events=window, cities=cities_as_of(control, events, day), control=control,
        sources=sources.sort_values(["published", "source"], kind="stable").reset_index(drop=True))


def briefing_figures(briefing: Briefing) -> dict[str, go.Figure]:
    """The briefing's three figures in slide type, by name: map, timeline, control."""
    day = briefing.as_of
    placed = on_map(briefing.cities)
    return {
        "map": control_map_figure(placed, title=f"Who controls which city, {day}", large=True),
        "timeline": timeline_figure(briefing.events, title=f"Events in the {TIMELINE_DAYS} days "
                                    f"to {day}", large=True, as_of=day),
        "control": control_chart_figure(briefing.control, as_of=day, large=True,
                                        title="Control over time"),
    }


def headline_lines(briefing: Briefing) -> list[str]:
    """One plain-text line a headline (escape before showing as HTML)."""
    return [f"{event_label(row)}: {row.get('notes') or ''}".strip().rstrip(":")
            for row in briefing.headlines.to_dict("records")]


def briefing_html(briefing: Briefing, figures: dict[str, go.Figure] | None = None) -> bytes:
    """The briefing as one HTML file that opens offline: plotly.js inlined once, every text from
    the corpus escaped."""
    figures = figures or briefing_figures(briefing)
    charts = []
    for n, (name, fig) in enumerate(figures.items()):
        charts.append(pio.to_html(fig, full_html=False, include_plotlyjs=(n == 0),
                                  include_mathjax=False, div_id=f"briefing-{name}",
                                  config={"displaylogo": False, "responsive": True}))
    headlines = "".join(f"<li>{html.escape(line)}</li>" for line in headline_lines(briefing)) \
        or "<li>No events reported up to this day.</li>"
    sources = "".join(
        f"<li>{html.escape(str(r['source'] or 'unknown outlet'))}, "
        f"{html.escape(str(r['published'] or ''))}: {html.escape(str(r['title'] or r['id']))}"
        f"{' — ' + html.escape(str(r['url'])) if r.get('url') else ''}</li>"
        for r in briefing.sources.fillna("").to_dict("records"))
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(briefing.title)}</title>
<style>
body {{ font-family: Arial, Helvetica, sans-serif; margin: 2rem auto; max-width: 1400px;
       color: #222; font-size: 20px; line-height: 1.5; }}
h1 {{ font-size: 40px; margin-bottom: 0.2em; }} h2 {{ font-size: 30px; margin-top: 1.6em; }}
.asof {{ color: #555; font-size: 22px; }} li {{ margin: 0.4em 0; }}
.legend {{ font-size: 18px; color: #444; }}
</style></head><body>
<h1>{html.escape(briefing.title)}</h1>
<div class="asof">As of the end of {html.escape(briefing.as_of)} · generated by the conflict
timeline explorer from {len(briefing.sources)} report(s)</div>
<h2>Headline developments</h2><ul>{headlines}</ul>
<h2>Control of cities</h2>
<p class="legend">Government red, opposition green, SDF yellow, contested grey (striped in the
chart); a black ring marks a city whose control the sources dispute.</p>
{charts[0] if charts else ""}
{"".join(charts[1:])}
<h2>Sources</h2><ul>{sources or "<li>none</li>"}</ul>
</body></html>"""
    return page.encode("utf-8")


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
    """The briefing's events as the Timeline's table (what the CSV/JSON/GeoJSON downloads hold)."""
    return event_table(briefing.events)
