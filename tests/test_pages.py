"""Every page in Streamlit's AppTest: it renders, and what an analyst does changes what it shows."""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import lib.export

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["app.py", "pages/1_Timeline.py", "pages/2_Control_map.py", "pages/3_Articles.py",
         "pages/4_Briefing.py"]


def run(page: str) -> AppTest:
    return AppTest.from_file(str(ROOT / page), default_timeout=180).run()


def all_html(app: AppTest) -> str:
    return "\n".join(element.value for element in app.html)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_the_bundled_corpus(page, corpus_store):
    app = run(page)
    assert not app.exception, app.exception
    assert not app.error


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_a_generated_store(page, fixture_store):
    app = run(page)
    assert not app.exception, app.exception


def test_home_page_counts_the_corpus(corpus_store):
    app = run("app.py")
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Articles"] == "5"
    assert metrics["Outlets"] == "5"
    assert metrics["Published"] == "6–7 Dec 2024"
    assert int(metrics["Events"]) > 0 and int(metrics["Cities"]) > 0
    assert set(app.dataframe[0].value["id"]) >= {"000_3e5b5d5b855bd088"}
    assert any("Latest" in h.value for h in app.subheader)


def _recording_csv(monkeypatch) -> list[bytes]:
    """Every CSV a page exports, as the page handed it to st.download_button."""
    exported: list[bytes] = []
    original = lib.export.to_csv_bytes

    def recording(df):
        data = original(df)
        exported.append(data)
        return data

    monkeypatch.setattr(lib.export, "to_csv_bytes", recording)
    return exported


def test_a_filter_changes_the_rows_shown_and_exported(fixture_store, monkeypatch):
    exported = _recording_csv(monkeypatch)
    app = run("pages/1_Timeline.py")
    before = app.dataframe[0].value
    city = sorted(before["location"].unique())[0]
    app.multiselect(key="tl_cities").set_value([city]).run()
    assert not app.exception
    after = app.dataframe[0].value
    assert 0 < len(after) < len(before)
    assert set(after["location"]) == {city}
    app.button(key="tl_csv_prepare").click().run()
    assert not app.exception
    csv = pd.read_csv(io.BytesIO(exported[-1]), encoding="utf-8-sig")
    assert len(csv) == len(after)
    assert list(csv["event_id"]) == list(after["event_id"])
    assert exported[-1].startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel


def test_the_csv_is_built_only_when_asked_for_and_holds_every_page(tmp_path, monkeypatch):
    from tests.conftest import make_fixture_store

    fixture = make_fixture_store(tmp_path, n_events=130)
    monkeypatch.setenv("CTE_STORE_PATH", str(fixture.store))
    monkeypatch.setenv("CTE_CORPUS_DIR", str(fixture.corpus))
    exported = _recording_csv(monkeypatch)
    app = run("pages/1_Timeline.py")
    app.selectbox(key="tl_page_size").set_value(25).run()
    assert not exported and not app.download_button  # nothing built on a plain rerun
    total = int(app.caption[0].value.split(" of ")[0])
    app.button(key="tl_csv_prepare").click().run()
    assert len(exported) == 1 and app.download_button(key="tl_csv")
    csv = pd.read_csv(io.BytesIO(exported[-1]), encoding="utf-8-sig")
    assert len(csv) == total > 25  # every row the filter keeps, not the page shown
    app.number_input(key="tl_page").set_value(2).run()  # the same rows: the download stays
    assert len(exported) == 1 and app.download_button(key="tl_csv")
    app.multiselect(key="tl_claims").set_value(["disputed"]).run()  # other rows: asked again
    assert not app.download_button and len(exported) == 1


def test_the_table_is_paged_and_a_filter_goes_back_to_the_first_page(tmp_path, monkeypatch):
    from tests.conftest import make_fixture_store

    fixture = make_fixture_store(tmp_path, n_events=130)
    monkeypatch.setenv("CTE_STORE_PATH", str(fixture.store))
    monkeypatch.setenv("CTE_CORPUS_DIR", str(fixture.corpus))
    app = run("pages/1_Timeline.py")
    app.selectbox(key="tl_page_size").set_value(25).run()
    total = int(app.caption[0].value.split(" of ")[0])
    first = app.dataframe[0].value
    assert len(first) == 25 and total > 50
    assert f"of {total:,}" in " ".join(c.value for c in app.caption)
    app.number_input(key="tl_page").set_value(2).run()
    second = app.dataframe[0].value
    assert len(second) == 25 and not set(first["event_id"]) & set(second["event_id"])
    assert first["date_start"].min() >= second["date_start"].max()  # latest first, across pages
    event_id = second["event_id"].iloc[3]  # an event of this page can be opened
    app.selectbox(key="tl_event").set_value(event_id).run()
    assert not app.exception and "cte-evidence" in all_html(app)
    app.text_input(key="tl_q").set_value("Hama").run()
    assert app.number_input(key="tl_page").value == 1
    shown = app.dataframe[0].value
    assert len(shown) and shown.apply(lambda r: "hama" in " ".join(map(str, r)).lower(), axis=1).all()


def test_many_events_are_counted_by_day_and_row_few_are_drawn_one_by_one(fixture_store,
                                                                         monkeypatch):
    import lib.app.query

    app = run("pages/1_Timeline.py")
    marks = app.get("plotly_chart")[0].proto.spec
    assert '"customdata"' in marks  # each event a mark that opens it
    monkeypatch.setattr(lib.app.query, "POINTS_LIMIT", 5)
    app.run()
    assert not app.exception
    assert any("each mark counts the events" in i.value for i in app.info)
    assert '"customdata"' not in app.get("plotly_chart")[0].proto.spec


def test_minimum_sources_and_claim_status_filter(fixture_store):
    app = run("pages/1_Timeline.py")
    total = len(app.dataframe[0].value)
    app.slider(key="tl_min_sources").set_value(2).run()
    shown = app.dataframe[0].value
    assert len(shown) < total and (shown["n_sources"] >= 2).all()
    app.multiselect(key="tl_claims").set_value(["disputed"]).run()
    assert set(app.dataframe[0].value["claim_status"]) <= {"disputed"}


def test_choosing_an_event_shows_its_evidence_and_how_its_date_was_resolved(corpus_store):
    app = run("pages/1_Timeline.py")
    table = app.dataframe[0].value
    dated = table[table["date_text"].fillna("") != ""]
    event_id = dated["event_id"].iloc[0]
    app.selectbox(key="tl_event").set_value(event_id).run()
    assert not app.exception
    shown = all_html(app)
    assert "<mark" in shown and "<b>Date:</b>" in shown
    assert dated["date_text"].iloc[0] in shown
    assert "→" in shown


def test_control_map_shows_a_city_history_with_evidence(corpus_store):
    app = run("pages/2_Control_map.py")
    assert "Homs" in app.selectbox(key="map_city").options
    app.selectbox(key="map_city").set_value("Homs").run()
    assert not app.exception
    history = app.dataframe[0].value
    told = history[history["controller"] != "unknown"]
    assert len(told) >= 1 and told["evidence"].str.len().gt(0).all()
    # a year without news: the contested state lapses, and the row says since when
    assert history[history["controller"] == "unknown"]["actor_detail"].str.startswith("no report since").all()
    assert "disputed" in all_html(app)


def _map_markers(app: AppTest) -> dict[str, int]:
    """How many city markers each legend entry of the control map has."""
    import json

    chart = next(c for c in app.get("plotly_chart") if "map_chart" in c.proto.id)
    figure = json.loads(chart.proto.spec)
    return {t["name"]: len(t["lon"]) for t in figure["data"]
            if t.get("type") == "scattergeo" and "markers" in t.get("mode", "")}


def test_control_map_day_slider_changes_who_controls_a_city(fixture_store):
    from lib.store import Store
    with Store(fixture_store.store) as store:
        control = store.control()
    changes = sorted(control["valid_to"][control["valid_to"] != ""])
    app = run("pages/2_Control_map.py")
    app.slider(key="map_day").set_value(pd.Timestamp(changes[0]).date()
                                        - pd.Timedelta(days=1)).run()
    early = _map_markers(app)
    app.slider(key="map_day").set_value(pd.Timestamp(changes[-1]).date()).run()
    late = _map_markers(app)
    assert not app.exception
    assert early.get("Government", 0) > late.get("Government", 0)


def test_article_text_and_title_are_escaped(fixture_store):
    app = run("pages/3_Articles.py")
    assert not app.exception
    shown = all_html(app)
    assert "<script" not in shown and "<img" not in shown
    assert "&lt;script&gt;" in shown and "&lt;img src=x onerror=alert(1)&gt;" in shown
    for element in app.markdown:
        assert "<script" not in element.value and "<img" not in element.value


def test_article_shows_its_temporal_expressions(corpus_store):
    app = run("pages/3_Articles.py")
    timexes = app.dataframe[0].value
    assert {"text", "value", "anchor", "rule"} <= set(timexes.columns)
    assert "Friday" in set(timexes["text"])
    assert 'class="cte-timex"' in all_html(app)


def test_editing_a_publication_date_changes_a_resolved_date(corpus_store_copy):
    article_id = "000_3e5b5d5b855bd088"
    app = run("pages/3_Articles.py")
    app.selectbox(key="art_pick").set_value(article_id).run()
    before = app.dataframe[0].value
    assert before.loc[before["text"] == "Friday", "value"].iloc[0] == "2024-12-06"
    app.date_input(key=f"art_date_{article_id}").set_value(pd.Timestamp("2024-12-13").date())
    app.button(key="art_set").click().run()
    assert not app.exception
    after = app.dataframe[0].value
    assert after.loc[after["text"] == "Friday", "value"].iloc[0] == "2024-12-13"
    assert any("re-resolved" in s.value for s in app.success)
    # persisted: a new session reads it from the store
    again = run("pages/3_Articles.py")
    again.selectbox(key="art_pick").set_value(article_id).run()
    assert again.dataframe[0].value.loc[lambda t: t["text"] == "Friday", "value"].iloc[0] == \
        "2024-12-13"


def test_an_invalid_upload_is_refused_with_a_clear_message(fixture_store):
    app = run("pages/3_Articles.py")
    app.file_uploader(key="art_upload").set_value(("bad <b>name</b>.txt", b"\xff\xfe not utf-8",
                                                   "text/plain"))
    app.button(key="art_add").click().run()
    assert not app.exception
    assert app.error and "UTF-8" in app.error[0].value and "b\\>.txt" in app.error[0].value
    assert not list((fixture_store.corpus / "uploads").glob("*"))


def test_an_upload_over_the_size_limit_is_refused(fixture_store, monkeypatch):
    monkeypatch.setenv("CTE_MAX_ARTICLE_BYTES", "100")
    app = run("pages/3_Articles.py")
    app.file_uploader(key="art_upload").set_value(("big.txt", b"Rebels took Hama. " * 20,
                                                   "text/plain"))
    app.button(key="art_add").click().run()
    assert app.error and "big.txt" in app.error[0].value


def test_a_pasted_article_is_added_and_survives_a_restart(corpus_store_copy):
    app = run("pages/3_Articles.py")
    app.text_area(key="art_paste").set_value("Rebels captured Hama on Thursday, activists said.")
    app.text_input(key="art_title").set_value("Pasted <i>report</i>")
    app.text_input(key="art_source").set_value("Wire")
    app.checkbox(key="art_has_date").check()
    app.date_input(key="art_new_date").set_value(pd.Timestamp("2024-12-06").date())
    app.button(key="art_add").click().run()
    assert not app.exception, app.exception
    assert not app.error
    saved = list((corpus_store_copy.corpus / "uploads").glob("*.md"))
    assert len(saved) == 1
    from lib.store import Store
    with Store(corpus_store_copy.store) as store:
        added = store.articles().loc[lambda t: t["title"] == "Pasted <i>report</i>"]
        assert len(added) == 1 and added["published"].iloc[0] == "2024-12-06"
        assert not store.timexes(added["id"].iloc[0]).empty


def test_briefing_offers_every_download(corpus_store):
    app = run("pages/4_Briefing.py")
    labels = {b.label for b in app.download_button}
    assert {"Briefing (HTML, opens offline)", "Events (CSV)", "Events (JSON)",
            "Events (GeoJSON)"} <= labels
    assert "Headline developments" in all_html(app)


def test_briefing_as_of_date_limits_its_events(fixture_store):
    app = run("pages/4_Briefing.py")
    day = app.date_input(key="br_day")
    app.date_input(key="br_day").set_value(day.value - pd.Timedelta(days=5)).run()
    assert not app.exception
