"""Control map: who controls each city on a chosen day of the reporting period (the day is in the
address bar), a city's history with its evidence, control over time, an analyst's correction of
a city's control as of a day, and control.csv."""
import datetime as dt

import streamlit as st

from lib.app import desk, ui
from lib.app.briefing import day_label
from lib.app.charts import CONTROL_LABELS, control_chart_figure, control_map_figure
from lib.app.control_desk import control_form, correction_table, removal_form
from lib.app.control_map import city_table, control_history, history_html, off_map, on_map
from lib.app.map_view import readable_map, with_cities
from lib.app.theme import follow_theme
from lib.export import control_table, to_csv_bytes

st.set_page_config(page_title="Control map · Conflict timeline explorer", layout="wide")
st.title("Control map")

index = desk.event_index()  # the events, queried (lib.app.query)
tables = desk.store_view()  # the articles (no texts), control and corrections
period = desk.period_with_corrections(index.period, tables.control)  # analysts' days too
if period is None:
    st.info("No events or control claims extracted yet.")
    st.stop()
first, last = period
if "map_day" not in st.session_state:
    st.session_state["map_day"] = desk.day_from_url("day", first, last, last)


def step(days: int) -> None:
    moved = st.session_state["map_day"] + dt.timedelta(days=days)
    st.session_state["map_day"] = min(max(moved, first), last)


back, slider, forward = st.columns([2, 11, 2], vertical_alignment="bottom")  # the buttons keep their words
back.button("◀ Day before", key="map_prev", on_click=step, args=(-1,), disabled=
            st.session_state["map_day"] <= first, width="stretch")
day = slider.slider("As of the end of (the reporting period: the reports and the days they tell "
                    "of)", min_value=first, max_value=last, format="ddd D MMM YYYY",
                    key="map_day")
forward.button("Day after ▶", key="map_next", on_click=step, args=(1,), disabled=
               day >= last, width="stretch")
desk.write_query({"day": day.isoformat()} if day != last else {})

cities = with_cities(city_table(tables.control, desk.event_places(index), day),
                     desk.named_cities())
placed = on_map(cities)
dark = desk.dark_theme()
map_column, side_column = st.columns([3, 1], gap="medium")
with side_column:
    city = st.selectbox("City", list(cities["city"]), index=None, key="map_city",
                        placeholder="Choose a city to see its control history")
    desk.city_lists(placed)
    outside = off_map(cities)
    if outside:
        st.caption("Also named by the events, outside this map: " + ui.plain(", ".join(outside)))
with map_column:
    figure = readable_map(control_map_figure(placed, title=f"Who controls which city, "
                                             f"{day_label(day.isoformat())} {day.year}",
                                             highlight=city or ""), width=900, height=780)
    desk.plotly(follow_theme(figure, dark), key="map_chart", dark=dark)
    st.caption("Contested: grey, hatched (claims of the same days disagree); divided: lilac, its "
               "parts in the hover; a white marker: a city the reports name without saying who "
               "holds it; a black ring: a state the sources dispute.")

if city:
    st.subheader(f"Control history: {ui.plain(city)}")
    history = control_history(tables.control, city)
    if history.empty:
        st.info("The reports name this place but say nothing about who controls it.")
    else:
        st.dataframe(history, key="map_history", hide_index=True)
        ui.html_block(history_html(history, CONTROL_LABELS))

with st.expander("Correct a city's control", expanded=bool(st.session_state.get("ctl_fix_notice"))):
    control_form(list(cities["city"]), day, city=city or "")
    made = correction_table(tables.corrections)
    if len(made):
        st.dataframe(made, key="map_corrections", hide_index=True)
    removal_form(tables.corrections)

st.subheader("Control over time")
desk.plotly(follow_theme(control_chart_figure(tables.control, as_of=day.isoformat(),
                                              first_day=first.isoformat(),
                                              last_day=last.isoformat()), dark),
            key="map_over_time", dark=dark)
st.download_button("Download control.csv (one row a state, with its sources)",
                   lambda: to_csv_bytes(control_table(tables.control)), file_name="control.csv",
                   mime="text/csv", key="map_csv", on_click="ignore")
