"""Timeline: the events on a time axis, filtered; an event's evidence; the table and its CSV."""
import streamlit as st

from lib.app import ui
from lib.app.charts import COLOR_BY, GROUP_BY, timeline_figure
from lib.app.evidence import event_evidence
from lib.app.explore import event_label, event_table, filter_events, filter_options
from lib.export import to_csv_bytes

st.set_page_config(page_title="Timeline · Conflict timeline explorer", layout="wide")
st.title("Timeline")

tables = ui.tables()
chosen = ui.event_filter_widgets(filter_options(tables.events), key="tl")
shown = filter_events(tables.events, chosen)
table = event_table(shown)

left, right = st.columns(2)
color_by = left.radio("Colour by", list(COLOR_BY), format_func=COLOR_BY.get, horizontal=True,
                      key="tl_color")
group_by = right.radio("A row per", list(GROUP_BY), format_func=GROUP_BY.get, horizontal=True,
                       key="tl_group")
st.caption(f"{len(shown)} of {len(tables.events)} events. A point is an event dated to the day; "
           "a bar spans the week or month a less precise date can mean. Circle: reported, "
           "diamond: disputed, cross: denied.")
ui.plotly(timeline_figure(shown, color_by=color_by, group_by=group_by,
                          window=(chosen.date_from, chosen.date_to)), key="tl_chart")

st.subheader("Evidence")
labels = {row["event_id"]: event_label(row) for row in table.to_dict("records")}
event_id = st.selectbox("Event", list(labels), format_func=labels.get, key="tl_event",
                        index=None, placeholder="Choose an event to see its sources")
if event_id is not None:
    event = shown[shown["event_id"] == event_id].iloc[0].to_dict()
    ui.show_evidence(event_evidence(event, tables.mentions, tables.timexes))

st.subheader("Events shown")
st.dataframe(table, key="tl_table", hide_index=True)
st.download_button("Download these events (CSV)", to_csv_bytes(table), file_name="events.csv",
                   mime="text/csv", key="tl_csv", on_click="ignore")
