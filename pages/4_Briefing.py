"""Briefing: the situation as of a chosen day on the reports published by then (changes of control
first, then the events that matter), the map first; a presentation mode (?present=1: no sidebar,
slide type); downloads as HTML, PNG, CSV, JSON and GeoJSON."""
import html
from urllib.parse import urlencode

import streamlit as st

from lib.app import desk, ui
from lib.app.briefing import (NO_CHANGES, NO_EVENTS, briefing_figures, briefing_html,
                              briefing_table, change_lines, day_label, headline_lines,
                              sources_html)
from lib.export import to_csv_bytes, to_geojson_bytes, to_json_bytes

st.set_page_config(page_title="Briefing · Conflict timeline explorer", layout="wide")
# the events, queried (lib.app.query), and the days analysts set a city's state as of
period = desk.period_with_corrections(desk.event_index().period, desk.store_view().control)
if period is None:
    st.title("Briefing")
    st.info("No events or control claims extracted yet.")
    st.stop()

presenting = desk.presenting()
first, last = period
if "br_day" not in st.session_state:
    st.session_state["br_day"] = desk.day_from_url("day", first, last, last)
if "br_hindsight" not in st.session_state:
    st.session_state["br_hindsight"] = st.query_params.get("hindsight", "") == "1"
if "br_title" not in st.session_state:
    st.session_state["br_title"] = st.query_params.get("title", "")
if presenting:
    st.html(desk.PRESENTATION_CSS)
    day, title, hindsight = (st.session_state["br_day"], st.session_state["br_title"],
                             st.session_state["br_hindsight"])
else:
    with st.sidebar:
        day = st.date_input("As of the end of", min_value=first, max_value=last, key="br_day",
                            format="YYYY-MM-DD")
        hindsight = st.checkbox("With hindsight (use reports published later too)",
                                key="br_hindsight")
        title = st.text_input("Title", placeholder=f"Situation as of {day}", key="br_title")

briefing = desk.briefing(day, title, hindsight)
figures = briefing_figures(briefing, dark=desk.dark_theme())
params = {"day": day.isoformat(), **({"hindsight": "1"} if hindsight else {}),
          **({"title": title} if title else {}), **({"present": "1"} if presenting else {})}
desk.write_query(params)

basis = ("with hindsight: every report" if hindsight else
         f"on the {len(briefing.sources)} report(s) published by then")
ui.html_block(f"<h1 style='font-size:{'2.6rem' if presenting else '2.2rem'};margin:0;padding:0'>"
              f"{html.escape(briefing.title)}</h1><div style='font-size:1.25rem;opacity:0.75'>"
              f"As of the end of {html.escape(day_label(briefing.as_of))} "
              f"{briefing.as_of[:4]}, {html.escape(basis)}</div>")
if not hindsight and briefing.sources.empty:
    st.info(f"No report was published by {day_label(briefing.as_of)}: nothing is known yet. "
            "Choose a later day, or tick “With hindsight”.")
map_column, text_column = st.columns([5, 3] if presenting else [2, 1], gap="medium")
with map_column:
    desk.plotly(figures["map"], key="br_map", dark=desk.dark_theme())
with text_column:
    desk.list_block("Changes of control", change_lines(briefing), NO_CHANGES, large=presenting,
                    css_class="cte-changes")
    desk.list_block("Headline developments", headline_lines(briefing), NO_EVENTS,
                    large=presenting, css_class="cte-headlines")
desk.plotly(figures["timeline"], key="br_timeline", dark=desk.dark_theme())
desk.plotly(figures["control"], key="br_control", dark=desk.dark_theme())
ui.html_block(f"<h2 style='font-size:{'2rem' if presenting else '1.6rem'}'>Sources</h2>"
              f"<ul class='cte-sources' style='font-size:{'1.4rem' if presenting else '1.1rem'}'>"
              f"{sources_html(briefing.sources)}</ul>")
if presenting:
    st.link_button("Leave the presentation", "?" + urlencode(
        {k: v for k, v in params.items() if k != "present"}), key="br_leave")
    st.stop()

st.link_button("Present (map first, no sidebar, slide type)",
               "?" + urlencode({**params, "present": "1"}), key="br_present")
st.header("Downloads")
# Each file is made when its button is clicked (Streamlit calls the function then), not on every
# rerun: the events of a briefing's window reach hundreds of thousands at a million events.
name = f"briefing-{briefing.as_of}"
columns = st.columns(4)
columns[0].download_button("Briefing (HTML, opens offline)", lambda: briefing_html(briefing, figures),
                           file_name=f"{name}.html", mime="text/html", key="br_html",
                           on_click="ignore")
for column, (label, export, suffix, mime) in zip(columns[1:], (
        ("Events (CSV)", to_csv_bytes, "events.csv", "text/csv"),
        ("Events (JSON)", to_json_bytes, "events.json", "application/json"),
        ("Events (GeoJSON)", to_geojson_bytes, "events.geojson", "application/geo+json"))):
    column.download_button(label, lambda export=export: export(briefing_table(briefing)),
                           file_name=f"{name}-{suffix}", mime=mime,
                           key=f"br_{suffix.split('.')[-1]}", on_click="ignore")

if st.button("Make PNG images of the three charts", key="br_png"):
    with st.spinner("Rendering in Chromium…"):
        images = ui.figure_pngs(figures)
    if images is None:
        st.error("PNG export needs Chromium (the Debian package `chromium`); it is not installed.")
    else:
        image_columns = st.columns(len(images))
        for column, (chart, png) in zip(image_columns, images.items()):
            column.download_button(f"{chart} (PNG)", png, file_name=f"{name}-{chart}.png",
                                   mime="image/png", key=f"br_png_{chart}", on_click="ignore")
