"""What the analyst sees of control: each state in words (divided with its parts, contested since
when with the claims, no report), escaped; the legend's whole convention; control over time
with every state visible up to the last day; the briefing's changes; control.csv's columns."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from lib.app.briefing import control_changes
from lib.app.charts import CONTROL_LABELS, control_chart_figure, control_map_figure
from lib.app.control_map import history_html
from lib.app.map_view import readable_map
from lib.export import control_table, to_csv_bytes

ROOT = Path(__file__).resolve().parent.parent


def _row(**values) -> dict:
    base = {"city": "Homs", "controller": "government", "actor_detail": "", "valid_from": "",
            "valid_to": "", "precision": 1, "status": "reported", "sources": "AP",
            "evidence": "[AP] Troops held Homs.", "latitude": 34.73, "longitude": 36.72,
            "admin1": "Homs", "state": "controller", "parts": "", "claims": "", "nearby": "",
            "provenance": "extracted"}
    return {**base, **values}


HISTORY = pd.DataFrame([
    _row(valid_to="2024-12-05"),
    _row(controller="divided", state="divided", valid_from="2024-12-05", valid_to="2024-12-06",
         parts="east: opposition; rest: government", sources="AP; <b>BBC</b>",
         evidence="[<b>BBC</b>] Rebels hold the <script>east</script>.",
         nearby="[AP, 2024-12-05] Fighting in the northern countryside."),
    _row(controller="contested", state="contested", valid_from="2024-12-06", valid_to="2024-12-07",
         status="disputed", claims="opposition (HTS, per AP, 2024-12-06); government (army, per "
                                   "SANA, 2024-12-06)", sources="AP; SANA"),
    _row(controller="unknown", state="no report", valid_from="2024-12-07", sources="analyst ana",
         evidence="[analyst ana, 2026-11-30T10:00:00] as of 2024-12-07: unknown",
         provenance="analyst (ana, 2026-11-30T10:00:00)")])


def test_each_state_in_words_escaped():
    shown = history_html(HISTORY, CONTROL_LABELS)
    assert "<b>Government</b> · before the reports → 2024-12-05" in shown
    assert "divided: east: opposition; rest: government" in shown
    assert "&lt;script&gt;east&lt;/script&gt;" in shown and "<script>" not in shown
    assert "&lt;b&gt;BBC&lt;/b&gt;" in shown
    assert "Around the city (evidence only" in shown and "northern countryside" in shown
    assert ("contested since 2024-12-06: opposition (HTS, per AP, 2024-12-06); government "
            "(army, per SANA, 2024-12-06)") in shown and "<b>disputed</b>" in shown
    assert "<b>no report</b>" in shown and "<b>analyst correction</b> (ana, 2026-11-30T10:00:00)" in shown


def test_control_over_time_shows_every_state_up_to_the_last_day_without_overlap():
    fig = control_chart_figure(HISTORY.assign(valid_to=["2024-12-05", "2024-12-06",
                                                        "2024-12-08", ""],
                                              valid_from=["", "2024-12-05", "2024-12-06",
                                                          "2024-12-08"]),
                               first_day="2024-11-30", last_day="2024-12-08")
    spans = sorted((pd.Timestamp(b), pd.Timestamp(b) + pd.Timedelta(milliseconds=x))
                   for t in fig.data for b, x in zip(t.base, t.x))
    assert all(end <= following for (_, end), (following, _) in zip(spans, spans[1:]))
    last = spans[-1]
    assert last == (pd.Timestamp("2024-12-08"), pd.Timestamp("2024-12-09"))  # seen, a day long
    assert pd.Timestamp(fig.layout.xaxis.range[1]) == pd.Timestamp("2024-12-09")
    names = [t.name for t in fig.data]
    assert any(n.startswith("Divided") for n in names) and any(n.startswith("Contested") for n in names)


def test_the_map_legend_gives_the_whole_convention_in_order():
    cities = pd.DataFrame([{"city": "Homs", "latitude": 34.73, "longitude": 36.72,
                            "controller": "contested", "status": "disputed", "hover": "Homs"}])
    fig = readable_map(control_map_figure(cities))
    legend = [t.name for t in sorted((t for t in fig.data if t.showlegend is not False),
                                     key=lambda t: t.legendrank or 0)]
    assert legend[:6] == ["Government", "Opposition", "HTS", "Turkish-backed factions",
                          "Kurdish-led forces, SDF", "Islamic State"]
    assert legend[6:] == ["Divided (parts in the hover)", "Contested (hatched)",
                          "No report (white)", "Disputed claim"]
    colours = {t.name: t.marker.color for t in fig.data if t.showlegend is not False}
    assert (colours["Government"], colours["Opposition"], colours["Kurdish-led forces, SDF"],
            colours["Islamic State"], colours["No report (white)"]) == (
        "#d62728", "#2ca02c", "#f2c80f", "#111111", "#ffffff")
    hatch = [t for t in fig.data if t.name == "contested hatch"]
    assert hatch and list(hatch[0].lon) == [36.72]


def test_briefing_changes_say_divided_and_the_contested_claims():
    lines = [c.line for c in control_changes(HISTORY, "2024-12-01", "2024-12-08")]
    assert lines[-1].startswith("Homs is divided (east: opposition; rest: government) · Thu 5 Dec")
    assert lines[0].startswith("Control of Homs is disputed: the sources disagree — opposition "
                               "(HTS, per AP, 2024-12-06); government (army, per SANA")


def test_control_csv_one_row_a_state_with_its_sources_and_no_formula():
    table = control_table(pd.DataFrame([_row(parts="=HYPERLINK(\"x\")", sources="AP; BBC")]))
    assert list(table.columns[:11]) == ["city", "state", "controller", "parts", "claims",
                                        "valid_from", "valid_to", "precision", "status",
                                        "n_sources", "sources"]
    text = to_csv_bytes(table).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",2,AP; BBC," in text


def test_the_briefing_page_shows_divided_and_contested_changes(corpus_store):
    app = AppTest.from_file(str(ROOT / "pages/4_Briefing.py"), default_timeout=120)
    app.query_params["day"] = "2024-12-07"
    app.run()
    assert not app.exception, app.exception
    shown = "\n".join(h.value for h in app.html)
    assert "Control of Homs is disputed: the sources disagree — " in shown
