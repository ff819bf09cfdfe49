"""Timeline: the events on a time axis, filtered and searched (the view is in the address bar);
a click opens an event's evidence and the form to correct it; the table and its CSV."""
import streamlit as st

from lib.app import desk, ui
from lib.app.charts import timeline_figure
from lib.app.evidence import event_evidence, evidence_html
from lib.app.explore import (event_label, event_table, filter_events, filter_options,
                             reporting_period)
from lib.export import to_csv_bytes

st.set_page_config(page_title="Timeline · Conflict timeline explorer", layout="wide")
st.title("Timeline")

tables = desk.tables()
period = reporting_period(tables.events, tables.articles)
view = desk.timeline_widgets(filter_options(tables.events), period, key="tl")
shown = filter_events(tables.events, view.filter)
table = event_table(shown)

labels = {row["event_id"]: event_label(row) for row in table.to_dict("records")}
if "tl_event" not in st.session_state:
    st.session_state["tl_event"] = view.event_id if view.event_id in labels else None
elif st.session_state["tl_event"] not in labels:
    st.session_state["tl_event"] = None

st.caption(f"{len(shown)} of {len(tables.events)} events. Click a point or bar to see its "
           "sources. A point is an event dated to the day, on that day's tick; a solid bar spans "
           "the week or month a less precise date can mean; a hatched bar is an event with no "
           "date in its sentences, placed in the week before publication. Circle: reported, "
           "diamond: disputed, cross: denied. Rows under the dashed line are not cities of the "
           "map (countries, provinces, places abroad).")
desk.clickable_chart(
    timeline_figure(shown, color_by=view.color_by, group_by=view.group_by,
                    window=(view.filter.date_from, view.filter.date_to),
                    selected=st.session_state["tl_event"] or ""),
    key="tl_chart", on_pick=lambda event_id: st.session_state.update(tl_event=event_id))

st.subheader("Evidence")
event_id = st.selectbox("Event", list(labels), format_func=labels.get, key="tl_event",
                        placeholder="Click an event on the chart, or choose it here")
notice = st.session_state.pop("tl_fix_notice", None)
if notice:
    st.success(notice)
if event_id is not None:
    event = shown[shown["event_id"] == event_id].iloc[0].to_dict()
    if event.get("provenance") == "analyst":
        st.info(f"Corrected by an analyst: {event.get('corrections')}")
    ui.html_block(evidence_html(event_evidence(event, tables.mentions, tables.timexes,
                                               tables.articles)))
    with st.expander("Correct this event", expanded=False):
        desk.correction_form(event, tables.events, key="tl_fix")

st.subheader("Events shown")
st.dataframe(table, key="tl_table", hide_index=True)
st.download_button("Download these events (CSV)", to_csv_bytes(table), file_name="events.csv",
                   mime="text/csv", key="tl_csv", on_click="ignore")
desk.write_query(desk.view_query(view.with_event(event_id or ""), period))
