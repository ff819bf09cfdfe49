"""Briefing: a presentation view for a chosen day, and its downloads (HTML, PNG, CSV, JSON,
GeoJSON)."""
import streamlit as st

from lib.app import ui
from lib.app.briefing import (briefing_figures, briefing_html, briefing_table, build_briefing,
                          headline_lines)
from lib.app.control_map import day_range
from lib.export import to_csv_bytes, to_geojson_bytes, to_json_bytes

st.set_page_config(page_title="Briefing · Conflict timeline explorer", layout="wide")

tables = ui.tables()
days = day_range(tables.control, tables.events)
if days is None:
    st.title("Briefing")
    st.info("No events or control claims extracted yet.")
    st.stop()

with st.sidebar:
    day = st.date_input("As of the end of", value=days.last, min_value=days.first,
                        max_value=days.last, key="br_day", format="YYYY-MM-DD")
    title = st.text_input("Title", value="", placeholder=f"Situation as of {day}",
                          key="br_title")

briefing = build_briefing(tables.events, tables.control, tables.articles, as_of=day.isoformat(),
                          title=title)
figures = briefing_figures(briefing)
ui.show_briefing_header(briefing.title, briefing.as_of, headline_lines(briefing))
st.markdown(ui.CONTROL_LEGEND, unsafe_allow_html=True)
ui.plotly(figures["map"], key="br_map")
ui.plotly(figures["timeline"], key="br_timeline")
ui.plotly(figures["control"], key="br_control")
ui.show_sources(briefing.sources)

st.header("Downloads")
table = briefing_table(briefing)
name = f"briefing-{briefing.as_of}"
columns = st.columns(4)
columns[0].download_button("Briefing (HTML, opens offline)", briefing_html(briefing, figures),
                           file_name=f"{name}.html", mime="text/html", key="br_html",
                           on_click="ignore")
columns[1].download_button("Events (CSV)", to_csv_bytes(table), file_name=f"{name}-events.csv",
                           mime="text/csv", key="br_csv", on_click="ignore")
columns[2].download_button("Events (JSON)", to_json_bytes(table), key="br_json",
                           file_name=f"{name}-events.json", mime="application/json",
                           on_click="ignore")
columns[3].download_button("Events (GeoJSON)", to_geojson_bytes(table), key="br_geojson",
                           file_name=f"{name}-events.geojson", mime="application/geo+json",
                           on_click="ignore")

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
