"""Analyst control corrections: set a city's state as of a day, kept with who and when, applied
wherever control is read (the store's control table, so the map, the Timeline, Home and the
command line's export; the briefing as of a day), the model continuing from them, and surviving
re-extraction."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib import corrections
from lib.control_corrections import add_control, control_fixes, corrected_control, make_control
from lib.extract.control import status_at
from lib.app.control_map import intervals

ROOT = Path(__file__).resolve().parent.parent


def _control(path) -> pd.DataFrame:
    from lib.store import Store

    with Store(path) as store:
        return store.control()


def _at(control: pd.DataFrame, city: str, day: str):
    return status_at(intervals(control), city, day)


def test_the_model_continues_from_a_correction(corpus_store):
    from lib.store import Store

    with Store(corpus_store.store) as store:
        mentions = store.mention_records()
    fixes = pd.DataFrame([make_control("Aleppo", "divided", "2024-12-06", who="ana",
                                       parts="east: opposition; rest: government").to_row()])
    control = pd.DataFrame([c.to_row() for c in corrected_control(mentions, fixes)])
    divided = _at(control, "Aleppo", "2024-12-06")
    assert (divided.controller, divided.parts, divided.state) == (
        "divided", "east: opposition; rest: government", "divided")
    assert divided.provenance.startswith("analyst (ana, ")
    assert divided.evidence.startswith("[analyst ana, ")
    # the next day's reports ("they now control Aleppo") change it again: the model went on
    after = _at(control, "Aleppo", "2024-12-07")
    assert (after.controller, after.provenance) == ("opposition", "extracted")
    assert _at(control, "Aleppo", "2024-12-05").controller == "opposition"  # before it: unchanged


def test_a_city_the_reports_never_say_is_held_can_be_set(corpus_store):
    fixes = pd.DataFrame([make_control("Latakia", "government", "2024-12-01", who="ana").to_row()])
    (latakia,) = [i for i in corrected_control([], fixes) if i.city == "Latakia"]
    assert (latakia.controller, latakia.valid_from, latakia.valid_to) == ("government", "2024-12-01", "")
    assert latakia.latitude is not None  # placed from the lexicon: it shows on the map


def test_contested_and_no_report_set_by_an_analyst(corpus_store):
    fixes = pd.DataFrame([make_control("Daraa", "contested", "2024-12-07", who="ana").to_row(),
                          make_control("Rastan", "unknown", "2024-12-07", who="bo").to_row()])
    control = pd.DataFrame([c.to_row() for c in corrected_control([], fixes)])
    daraa, rastan = _at(control, "Daraa", "2024-12-07"), _at(control, "Rastan", "2024-12-07")
    assert (daraa.state, daraa.status) == ("contested", "disputed") and "analyst ana" in daraa.claims
    assert (rastan.state, rastan.controller) == ("no report", "unknown")


def test_bad_corrections_are_refused():
    with pytest.raises(ValueError, match="cannot set control"):
        make_control("Homs", "martians", "2024-12-06", who="ana")
    with pytest.raises(ValueError, match="who"):
        make_control("Homs", "government", "2024-12-06", who=" ")
    with pytest.raises(ValueError):
        make_control("Homs", "government", "6 December", who="ana")


def test_event_corrections_ignore_control_rows():
    events = pd.DataFrame([{"event_id": "", "event_type": "Battles", "mention_ids": ""}])
    fixes = pd.DataFrame([make_control("Homs", "government", "2024-12-06", who="ana").to_row()])
    assert corrections.apply_corrections(events, fixes)["provenance"].tolist() == ["extracted"]


def test_a_correction_survives_re_extraction(corpus_store_copy, shared_nlp):
    from lib.pipeline import update
    from lib.store import Store

    with Store(corpus_store_copy.store) as store:
        add_control(store, make_control("Homs", "opposition", "2024-12-07", who="ana",
                                        note="rebels filmed in the city centre"))
    homs = _at(_control(corpus_store_copy.store), "Homs", "2024-12-07")
    assert (homs.controller, homs.provenance[:13]) == ("opposition", "analyst (ana,")
    assert _at(_control(corpus_store_copy.store), "Homs", "2024-12-06").controller == "contested"
    article = sorted(corpus_store_copy.corpus.glob("*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nMore reports followed.\n",
                       encoding="utf-8")
    with Store(corpus_store_copy.store) as store:
        report = update(store, [corpus_store_copy.corpus], nlp=shared_nlp)
        kept = control_fixes(corrections.read(store))
    assert report.processed == 1  # re-extracted
    assert [(f.city, f.value, f.as_of, f.who) for f in kept] == [
        ("Homs", "opposition", "2024-12-07", "ana")]
    homs = _at(_control(corpus_store_copy.store), "Homs", "2024-12-07")
    assert homs.controller == "opposition" and "rebels filmed" in homs.evidence


def test_an_old_corrections_table_gets_the_new_columns(tmp_path):
    from lib.store import Store

    with Store(tmp_path / "s.duckdb") as store:
        con = store._connection()
        con.execute('CREATE TABLE corrections ("event_id" VARCHAR, "mention_ids" VARCHAR, '
                    '"action" VARCHAR, "field" VARCHAR, "value" VARCHAR, "who" VARCHAR, '
                    '"at" VARCHAR, "target_mention_ids" VARCHAR, "note" VARCHAR)')
        con.execute("INSERT INTO corrections VALUES ('EV1', 'a:1:2', 'reject', '', '', 'ana', "
                    "'2026-01-01T00:00:00', '', '')")
        assert corrections.read(store)["city"].tolist() == [""]
        add_control(store, make_control("Homs", "government", "2024-12-06", who="bo"))
        table = corrections.read(store)
    assert table["action"].tolist() == ["reject", "control"]
    assert [f.city for f in control_fixes(table)] == ["Homs"]


def test_the_command_line_export_applies_every_correction(corpus_store_copy, tmp_path):
    from lib.cli import main
    from lib.store import Store

    with Store(corpus_store_copy.store) as store:
        event = store.events().iloc[0].to_dict()
        corrections.add(store, corrections.make(event, corrections.SET, "event_type", "Riots",
                                                who="ana"))
        add_control(store, make_control("Aleppo", "divided", "2024-12-06", who="=cmd|' /C calc'!A0",
                                        parts="=1+2: opposition"))
    out = tmp_path / "out"
    assert main(["extract", str(corpus_store_copy.corpus), "--out", str(out), "--store",
                 str(corpus_store_copy.store)]) == 0
    events = pd.read_csv(out / "events.csv", encoding="utf-8-sig")
    fixed = events[events["event_id"] == event["event_id"]].iloc[0]
    assert (fixed["event_type"], fixed["provenance"]) == ("Riots", "analyst")
    control = pd.read_csv(out / "control.csv", encoding="utf-8-sig", keep_default_na=False)
    assert list(control.columns[:11]) == ["city", "state", "controller", "parts", "claims",
                                          "valid_from", "valid_to", "precision", "status",
                                          "n_sources", "sources"]
    row = control[(control["city"] == "Aleppo") & (control["valid_from"] == "2024-12-06")].iloc[0]
    assert (row["state"], row["parts"], row["n_sources"]) == ("divided", "'=1+2: opposition", 1)
    assert row["provenance"].startswith("analyst (=cmd")
    assert not any(str(cell).startswith(("=", "+", "@")) for cell in control.to_numpy().ravel())


def test_the_briefing_as_of_a_day_applies_control_corrections(corpus_store_copy):
    from lib.app.briefing import build_briefing
    from lib.store import Store

    with Store(corpus_store_copy.store) as store:
        add_control(store, make_control("Aleppo", "divided", "2024-12-06", who="ana",
                                        parts="east: opposition; rest: government"))
        tables = (store.events(), store.control(), store.articles(), store.mentions(),
                  corrections.read(store))
    events, control, articles, mentions, fixes = tables
    briefing = build_briefing(events, control, articles, as_of="2024-12-06", mentions=mentions,
                              corrections=fixes)
    lines = [c.line for c in briefing.changes]
    assert any(line.startswith("Aleppo is divided (east: opposition; rest: government) · Fri 6 Dec"
                               " · analyst correction (ana, ") for line in lines), lines
    aleppo = briefing.cities.set_index("city").loc["Aleppo"]
    assert aleppo["controller"] == "divided"


def test_the_control_map_form_saves_a_correction_shown_everywhere(corpus_store_copy):
    app = AppTest.from_file(str(ROOT / "pages/2_Control_map.py"), default_timeout=120)
    app.query_params["day"] = "2024-12-07"
    app.run()
    assert not app.exception, app.exception
    app.selectbox(key="ctl_fix_city").set_value("Homs")
    app.selectbox(key="ctl_fix_controller").set_value("opposition")
    app.text_input(key="ctl_fix_who").input("ana <b>")
    app.text_input(key="ctl_fix_note").input("<script>alert(1)</script> seen on video")
    app.button(key="ctl_fix_save").click()
    app.run()
    assert not app.exception, app.exception
    assert any("Saved: Homs" in s.value for s in app.success)
    made = app.dataframe[-1].value  # the corrections made (no city chosen: no history table)
    assert made[["city", "as of", "state"]].values.tolist() == [["Homs", "2024-12-07", "opposition"]]
    app.selectbox(key="map_city").set_value("Homs")
    app.run()
    assert not app.exception, app.exception
    shown = "\n".join(h.value for h in app.html)
    assert "analyst correction" in shown and "&lt;script&gt;" in shown and "<script>" not in shown
    assert "contested since 2024-12-06" in shown  # the extracted state before it
    homs = _at(_control(corpus_store_copy.store), "Homs", "2024-12-07")
    assert homs.controller == "opposition" and homs.provenance.startswith("analyst (ana <b>, ")


def test_home_shows_the_events_and_control_as_corrected(corpus_store_copy):
    from lib.app.explore import latest_developments
    from lib.store import Store

    with Store(corpus_store_copy.store) as store:
        events = store.events()
    first = latest_developments(events, limit=6).iloc[0].to_dict()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.run()
    assert not app.exception, app.exception
    before = app.metric[3].value
    with Store(corpus_store_copy.store) as store:
        corrections.add(store, corrections.make(first, corrections.REJECT, who="ana"))
    app.run()
    assert not app.exception, app.exception
    assert int(app.metric[3].value) == int(before) - 1  # the rejected event is gone from Home


def test_a_correction_on_the_day_of_the_first_change_keeps_the_history_before_it(corpus_store):
    """Hama's reports: government before 5 Dec, the opposition from then. A correction as of 5 Dec
    (the day the model's first change happens) changes nothing before that day."""
    from lib.store import Store

    with Store(corpus_store.store) as store:
        mentions = store.mention_records()
    plain = pd.DataFrame([c.to_row() for c in corrected_control(mentions, None)])
    assert _at(plain, "Hama", "2024-12-04").controller == "government"
    assert _at(plain, "Hama", "2024-12-05").controller == "opposition"
    for state in ("opposition", "government", "contested"):
        fixes = pd.DataFrame([make_control("Hama", state, "2024-12-05", who="ana").to_row()])
        control = pd.DataFrame([c.to_row() for c in corrected_control(mentions, fixes)])
        before = _at(control, "Hama", "2024-12-04")
        assert (before.controller, before.valid_from, before.valid_to, before.provenance) == (
            "government", "", "2024-12-05", "extracted"), state
        assert _at(control, "Hama", "2024-12-05").controller == state


def test_a_removed_correction_is_no_longer_applied_and_the_log_keeps_it(corpus_store_copy):
    from lib.control_corrections import control_log, make_removal
    from lib.store import Store

    fix = make_control("Homs", "opposition", "2024-12-07", who="ana")
    with Store(corpus_store_copy.store) as store:
        add_control(store, fix)
        add_control(store, make_removal(fix, who="bo", note="misread report"))
        log = control_log(corrections.read(store))
    assert control_fixes(corrections.read(Store(corpus_store_copy.store))) == []
    assert [(f.field, f.who, f.note) for f in log] == [
        ("controller", "ana", ""), ("removed", "bo", "misread report")]
    homs = _at(_control(corpus_store_copy.store), "Homs", "2024-12-07")
    assert homs.provenance == "extracted"


def test_the_control_map_removes_an_analysts_correction(corpus_store_copy):
    from lib.store import Store

    with Store(corpus_store_copy.store) as store:
        add_control(store, make_control("Homs", "opposition", "2024-12-07", who="ana",
                                        note="seen on video"))
    app = AppTest.from_file(str(ROOT / "pages/2_Control_map.py"), default_timeout=120)
    app.query_params["day"] = "2024-12-07"
    app.run()
    assert not app.exception, app.exception
    (chosen,) = app.selectbox(key="ctl_remove_which").options
    assert "Homs: opposition as of 2024-12-07, by ana" in chosen
    app.button(key="ctl_remove_save").click().run()  # none chosen: refused
    assert any("Choose the correction" in e.value for e in app.error)
    app.selectbox(key="ctl_remove_which").select_index(0)
    app.button(key="ctl_remove_save").click().run()  # nobody named: refused
    assert any("who removes" in e.value for e in app.error)
    app.text_input(key="ctl_remove_who").input("bo")
    app.text_input(key="ctl_remove_note").input("the video was of Hama")
    app.button(key="ctl_remove_save").click().run()
    assert not app.exception, app.exception
    assert any("Removed: Homs" in s.value for s in app.success)
    made = app.dataframe[-1].value
    assert made[["city", "who", "removed by", "why removed"]].values.tolist() == [
        ["Homs", "ana", "bo", "the video was of Hama"]]
    assert made["removed (UTC)"].iloc[0] >= made["when (UTC)"].iloc[0]
    assert not any(s.key == "ctl_remove_which" for s in app.selectbox)  # none left in force
    homs = _at(_control(corpus_store_copy.store), "Homs", "2024-12-07")
    assert homs.controller == "contested" and homs.provenance == "extracted"
