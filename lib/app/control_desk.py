"""The control map's Streamlit side for analysts: a form to set a city's state as of a day (a
controller, divided with its parts, contested, or no report) with who and why, saved in the store
with the time (lib.control_corrections), the list of those corrections, and a form to remove
one (the log keeps it, with who removed it, when and why). The model continues from each, and
every reader of control (the map, the Timeline, the Briefing, control.csv, the command line's
export) sees it.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from lib.app import ui
from lib.control_corrections import (REMOVED, add_control, control_fixes, control_log,
                                     controller_choices, make_control, make_removal, removals)

NOTICE = "ctl_fix_notice"


def save_control(fix) -> None:
    from lib.store import Store

    with ui.stop_on_store_problem(), Store(ui.settings().store_path) as store:
        add_control(store, fix)


def control_form(cities: list[str], day: dt.date, *, city: str = "", key: str = "ctl_fix") -> None:
    """The form: city, controller or state, as of which day, the parts of a divided city, who and
    why. Saved, it says so above the map and the page reruns with control recomputed."""
    notice = st.session_state.pop(NOTICE, None)
    if notice:
        st.success(notice)
    choices = controller_choices()
    with st.form(f"{key}_form", clear_on_submit=False):
        st.markdown("**Set a city's control as of a day** (kept with your name and the time; "
                    "re-extraction keeps it, and the reports after that day continue from it)")
        a, b, c = st.columns(3)
        chosen_city = a.selectbox("City", cities, index=cities.index(city) if city in cities
                                  else None, key=f"{key}_city", placeholder="Choose a city")
        controller = b.selectbox("Held by", list(choices), format_func=choices.get, index=None,
                                 key=f"{key}_controller", placeholder="Who holds it, or a state")
        as_of = c.date_input("As of (from this day on)", value=day, key=f"{key}_day",
                             format="YYYY-MM-DD")
        parts = st.text_input("Parts, when divided (part: controller; …)", key=f"{key}_parts",
                              placeholder="east: opposition; rest: government")
        who, note = ui.who_and_why(key, "Why (your source, optional)")
        submitted = st.form_submit_button("Save the control correction", key=f"{key}_save")
    if not submitted:
        return
    if not chosen_city or not controller or not as_of:
        st.error("Choose the city, who holds it (or its state) and the day.")
        return
    try:
        fix = make_control(chosen_city, controller, as_of, who=who or "", parts=parts or "",
                           note=note or "")
    except ValueError as error:
        st.error(str(error))
        return
    save_control(fix)
    st.session_state[NOTICE] = (f"Saved: {fix.city} {choices[fix.value].split(' (')[0].lower()} "
                                f"as of {fix.as_of}, by {fix.who}.")
    st.rerun()


def _label(fix) -> str:
    state = controller_choices().get(fix.value, fix.value).split(" (")[0].lower()
    return f"{fix.city}: {state} as of {fix.as_of}, by {fix.who} ({fix.at} UTC)"


def removal_form(corrections: pd.DataFrame, *, key: str = "ctl_remove") -> None:
    """A form to remove a control correction in force: which one, who removes it and why. Saved,
    control is recomputed without it; the log keeps both rows."""
    active = {repr((f.city, f.as_of, f.who, f.at)): f for f in control_fixes(corrections)}
    if not active:
        return
    with st.form(f"{key}_form", clear_on_submit=False):
        st.markdown("**Remove a control correction** (the log keeps it, with who removed it, "
                    "when and why)")
        chosen = st.selectbox("Correction", list(active), index=None, key=f"{key}_which",
                              format_func=lambda k: _label(active[k]),
                              placeholder="Choose the correction to remove")
        who, note = ui.who_and_why(key)
        submitted = st.form_submit_button("Remove the correction", key=f"{key}_save")
    if not submitted:
        return
    if chosen is None:
        st.error("Choose the correction to remove.")
        return
    fix = active[chosen]
    try:
        removal = make_removal(fix, who=who or "", note=note or "")
    except ValueError as error:
        st.error(str(error))
        return
    save_control(removal)
    st.session_state[NOTICE] = f"Removed: {_label(fix)}, by {removal.who}."
    st.rerun()


TABLE_COLUMNS = ["city", "as of", "state", "parts", "who", "when (UTC)", "why", "removed by",
                 "removed (UTC)", "why removed"]


def correction_table(corrections: pd.DataFrame) -> pd.DataFrame:
    """The control corrections made so far, newest first: city, as of, state, parts, who, when,
    why, and for a removed one who removed it, when and why."""
    gone = removals(corrections)
    rows = []
    for f in control_log(corrections):
        if f.field == REMOVED:
            continue
        removal = gone.get((f.city, f.as_of, f.who, f.at))
        rows.append({"city": f.city, "as of": f.as_of, "state": f.value, "parts": f.parts,
                     "who": f.who, "when (UTC)": f.at, "why": f.note,
                     "removed by": removal.who if removal else "",
                     "removed (UTC)": removal.at if removal else "",
                     "why removed": removal.note if removal else ""})
    return pd.DataFrame(rows, columns=TABLE_COLUMNS).iloc[::-1].reset_index(drop=True)
