"""Control map: who controls each city on a chosen day, a city's history, control over time."""
import streamlit as st

from lib.app import ui
from lib.app.charts import control_chart_figure, control_map_figure
from lib.app.control_map import cities_as_of, control_history, day_range, off_map, on_map

st.set_page_config(page_title="Control map · Conflict timeline explorer", layout="wide")
st.title("Control map")

tables = ui.tables()
days = day_range(tables.control, tables.events)
if days is None:
    st.info("No events or control claims extracted yet.")
    st.stop()

day = st.slider("As of the end of", min_value=days.first, max_value=days.last, value=days.last,
                format="YYYY-MM-DD", key="map_day")
cities = cities_as_of(tables.control, tables.events, day)
placed = on_map(cities)
city = st.selectbox("City", list(cities["city"]), index=None, key="map_city",
                    placeholder="Choose a city to see its control history")

st.markdown(ui.CONTROL_LEGEND, unsafe_allow_html=True)
ui.plotly(control_map_figure(placed, title=f"Who controls which city, {day}", highlight=city or ""),
          key="map_chart")
outside = off_map(cities)
if outside:
    st.caption("Also named by the events, outside this map: " + ui.plain(", ".join(outside)))

if city:
    st.subheader(f"Control history: {ui.plain(city)}")
    history = control_history(tables.control, city)
    if history.empty:
        st.info("The reports name this place but say nothing about who controls it.")
    else:
        st.dataframe(history, key="map_history", hide_index=True)
        ui.show_control_evidence(history)

st.subheader("Control over time")
ui.plotly(control_chart_figure(tables.control, as_of=day.isoformat()), key="map_over_time")
