"""Timeline: the events on a time axis, filtered and searched (the view is in the address bar);
a click opens an event's evidence and the form to correct it; the table, a page at a time, and
its CSV when asked for. Every figure comes from queries over the events (lib.app.query)."""
import streamlit as st

from lib.app import desk, ui
from lib.app.evidence import event_evidence, evidence_html
from lib.app.explore import event_label
from lib.app.query import POINTS_LIMIT

st.set_page_config(page_title="Timeline · Conflict timeline explorer", layout="wide")
st.title("Timeline")

index = desk.event_index()
view = desk.timeline_widgets(index.options, index.period, key="tl")
chosen = view.filter
total = index.count(chosen)

if "tl_event" not in st.session_state:
    st.session_state["tl_event"] = view.event_id or None
selected = index.event(st.session_state["tl_event"], chosen) if st.session_state["tl_event"] else None
if selected is None:
    st.session_state["tl_event"] = None

st.caption(f"{total} of {index.n_events} events. Click a point or bar to see its "
           "sources. A point is an event dated to the day, on that day's tick; a solid bar spans "
           "the week or month a less precise date can mean; a hatched bar is an event with no "
           "date in its sentences, placed in the week before publication. Circle: reported, "
           "diamond: disputed, cross: denied. Rows under the dashed line are not cities of the "
           "map (countries, provinces, places abroad).")
if total > POINTS_LIMIT:
    st.info(f"{total:,} events: each mark counts the events of a day on its row (the larger, the "
            f"more). Narrow the dates or filter to at most {POINTS_LIMIT:,} to see and click each "
            "event, or pick one in the table below.")
figure = desk.timeline_chart(index, view, total, st.session_state["tl_event"] or "")
desk.clickable_chart(figure, key="tl_chart",
                     on_pick=lambda event_id: st.session_state.update(tl_event=event_id))

evidence_area = st.container()  # above the table, filled once the table's page is known
st.subheader("Events shown")
size, number = desk.table_page(total, chosen, key="tl")
table = index.page(chosen, size, number)
st.dataframe(table, key="tl_table", hide_index=True)
desk.csv_on_demand(lambda: index.table(chosen), total, (str(index.path), chosen), key="tl_csv")

with evidence_area:
    st.subheader("Evidence")
    labels = {row["event_id"]: event_label(row) for row in table.to_dict("records")}
    if selected is not None:
        labels.setdefault(selected["event_id"], event_label(selected))
    event_id = st.selectbox("Event (this page's, or the one clicked on the chart)", list(labels),
                            format_func=labels.get, key="tl_event",
                            placeholder="Click an event on the chart, or choose it here")
    notice = st.session_state.pop("tl_fix_notice", None)
    if notice:
        st.success(notice)
    if event_id is not None:
        event = selected if selected is not None and selected["event_id"] == event_id \
            else index.event(event_id)
        if event.get("provenance") == "analyst":
            st.info(f"Corrected by an analyst: {event.get('corrections')}")
        mentions, timexes, articles = desk.evidence_tables(event)
        ui.html_block(evidence_html(event_evidence(event, mentions, timexes, articles)))
        with st.expander("Correct this event", expanded=False):
            desk.correction_form(event, index.near(event), key="tl_fix")
desk.write_query(desk.view_query(view.with_event(event_id or ""), index.period))
