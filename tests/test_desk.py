"""The analyst's desk without a browser: corrections that stick, the reporting period, the briefing
strictly as of its day, views restored from the address, the map's labels and named cities."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as hs
from streamlit.testing.v1 import AppTest

from lib import corrections
from lib.app.briefing import build_briefing, control_changes, headline_lines
from lib.app.explore import EventFilter, filter_events, latest_developments, reporting_period
from lib.app.map_view import named_cities, place_labels

ROOT = Path(__file__).resolve().parent.parent


def _tables(path):
    from lib.store import Store

    with Store(path) as store:
        return (store.articles(), store.mentions(), store.events(), store.control(),
                corrections.read(store))


def test_reporting_period_of_the_seeds_runs_from_late_november_to_the_last_publication(corpus_store):
    articles, _, events, _, _ = _tables(corpus_store.store)
    first, last = reporting_period(events, articles)
    # the current events' "this week", told as past: 1 to 7 Dec; background mentions ("Iran's
    # ally throughout the war, which has escalated in recent days") never widen it
    assert (first.isoformat(), last.isoformat()) == ("2024-12-01", "2024-12-07")
    assert events["date_start"].min() < "2000"  # a background mention the period ignores
    background = events[events["background"].astype(str).str.lower() == "true"]
    assert (background["date_start"].str[:10] < "2024-12-01").any()  # ... as are recent ones


def test_briefing_as_of_a_day_uses_only_reports_published_by_then(corpus_store):
    articles, mentions, events, control, _ = _tables(corpus_store.store)
    early = build_briefing(events, control, articles, as_of="2024-12-05", mentions=mentions)
    assert early.sources.empty and early.events.empty and not early.changes
    day = build_briefing(events, control, articles, as_of="2024-12-06", mentions=mentions)
    assert (day.sources["published"].str[:10] <= "2024-12-06").all()
    lines = [c.line for c in day.changes]
    assert any(line.startswith("Hama fell to the opposition · Thu 5 Dec") for line in lines)
    assert not any("Daraa" in line for line in lines)  # told only on 7 December
    assert all(" · " in line for line in headline_lines(day))
    hindsight = build_briefing(events, control, articles, as_of="2024-12-05", hindsight=True)
    assert any(c.city == "Hama" for c in hindsight.changes)


def test_control_changes_count_copies_of_one_outlet_once():
    control = pd.DataFrame([{"city": "Homs", "controller": "contested", "valid_from": "2024-12-06",
                             "valid_to": "", "status": "disputed", "actor_detail": "",
                             "evidence": "[AP] a | [AP (re-posted copy)] b"}])
    change, = control_changes(control, "2024-12-01", "2024-12-07")
    assert change.line == ("Control of Homs is disputed: the sources disagree · Fri 6 Dec · "
                           "2 reports, 1 independent")


def test_a_corrected_type_survives_re_analysis_and_restart(corpus_store_copy, shared_nlp):
    from lib.pipeline import set_published
    from lib.store import Store

    with Store(corpus_store_copy.store) as store:
        events = store.events()
        # any current event of another type than Protests: only whether the correction sticks matters
        event = events[~events["background"].astype(bool)
                       & (events["event_type"] != "Protests")].iloc[0].to_dict()
        corrections.add(store, corrections.make(event, corrections.SET, "event_type", "Protests",
                                                who="ana"))
        # re-extraction: the event's article analysed again, every event consolidated again
        article = event["mention_ids"].split("; ")[0].rsplit(":", 2)[0]
        set_published(store, article, store.article(article).published, nlp=shared_nlp)
    with Store(corpus_store_copy.store) as store:  # a restart: a new connection
        fixed = corrections.apply_corrections(store.events(), corrections.read(store))
    row = fixed[fixed["mention_ids"].str.contains(event["mention_ids"].split("; ")[0],
                                                   regex=False)].iloc[0]
    assert row["event_type"] == "Protests" and row["provenance"] == "analyst"
    assert "ana" in row["corrections"]


def test_reject_and_merge():
    events = pd.DataFrame([
        {"event_id": "A", "mention_ids": "a1:0:1", "source": "AP", "evidence": "[AP] x",
         "n_sources": 1, "fatalities": None, "event_type": "Battles", "claim_status": "reported"},
        {"event_id": "B", "mention_ids": "b1:0:1", "source": "BBC", "evidence": "[BBC] y",
         "n_sources": 1, "fatalities": 3, "event_type": "Battles", "claim_status": "reported"},
        {"event_id": "C", "mention_ids": "c1:0:1", "source": "AFP", "evidence": "[AFP] z",
         "n_sources": 1, "fatalities": None, "event_type": "Protests", "claim_status": "reported"}])
    rows = events.to_dict("records")
    fixes = pd.DataFrame([
        corrections.make(rows[1], corrections.MERGE, who="ana", target=rows[0]).to_row(),
        corrections.make(rows[2], corrections.REJECT, who="ana").to_row()])
    out = corrections.apply_corrections(events, fixes)
    assert list(out["event_id"]) == ["A"]
    merged = out.iloc[0]
    assert merged["source"] == "AP; BBC" and merged["n_sources"] == 2 and merged["fatalities"] == 3
    assert list(corrections.rejected(events, fixes)["event_id"]) == ["C"]


def test_merging_events_of_conflicting_tolls_keeps_the_lowest():
    events = pd.DataFrame([
        {"event_id": "A", "mention_ids": "a1:0:1", "source": "AP", "evidence": "[AP] 12 killed",
         "n_sources": 1, "fatalities": 12, "event_type": "Battles", "claim_status": "reported"},
        {"event_id": "B", "mention_ids": "b1:0:1", "source": "BBC", "evidence": "[BBC] 9 killed",
         "n_sources": 1, "fatalities": 9, "event_type": "Battles", "claim_status": "reported"}])
    rows = events.to_dict("records")
    fixes = pd.DataFrame([corrections.make(rows[1], corrections.MERGE, who="ana", target=rows[0]).to_row()])
    assert corrections.apply_corrections(events, fixes).iloc[0]["fatalities"] == 9


def test_text_search_looks_in_evidence_actors_and_places():
    events = pd.DataFrame([{"event_id": "e1", "evidence": "[AP] Rebels entered Hama.",
                            "actor1": "HTS", "location": "Hama"},
                           {"event_id": "e2", "evidence": "[AP] Shelling.", "actor1": "Army",
                            "location": "Homs"}])
    assert list(filter_events(events, EventFilter(text="entered"))["event_id"]) == ["e1"]
    assert list(filter_events(events, EventFilter(text="army homs"))["event_id"]) == ["e2"]


def test_the_cities_the_reports_name_are_on_the_map(corpus_store):
    articles, *_ = _tables(corpus_store.store)
    assert {"Latakia", "Idlib", "Hama", "Homs"} <= set(named_cities(articles))
    assert "Beirut" not in named_cities(articles)  # not a city of the map's country


def test_labels_of_a_cluster_take_different_sides():
    points = [(36.72, 34.73, "Homs"), (36.73, 34.84, "Talbiseh"), (36.73, 34.77, "Rastan")]
    assert len(set(place_labels(points, font=16, marker=20))) == 3


def test_timeline_view_is_restored_from_the_address(corpus_store):
    app = AppTest.from_file(str(ROOT / "pages/1_Timeline.py"), default_timeout=120)
    app.query_params["q"] = "Hama"
    app.query_params["color"] = "side1"
    app.run()
    assert not app.exception, app.exception
    assert app.text_input(key="tl_q").value == "Hama"
    assert app.radio(key="tl_color").value == "side1"
    table = app.dataframe[0].value
    assert 0 < len(table) and table.apply(lambda r: "hama" in " ".join(map(str, r)).lower(),
                                          axis=1).all()


def test_briefing_page_in_presentation_mode(corpus_store):
    app = AppTest.from_file(str(ROOT / "pages/4_Briefing.py"), default_timeout=120)
    app.query_params["day"] = "2024-12-06"
    app.query_params["present"] = "1"
    app.run()
    assert not app.exception, app.exception
    shown = "\n".join(h.value for h in app.html)
    assert "Changes of control" in shown and "Hama fell to the opposition" in shown
    assert not app.download_button  # a slide, not a workbench


def test_the_timelines_queries_keep_the_rows_the_pandas_filters_keep(tmp_path):
    """lib.app.query (the Timeline's DuckDB file, corrections applied only to the events they
    reach) gives the rows, values and order of explore's pandas filters over every event with
    every correction applied: set, date, place, merge, reject."""
    from lib.app import query
    from lib.app.explore import (TABLE_COLUMNS, describe_events, event_table, filter_options)
    from lib.bench.synthetic import generate, write_store
    from lib.store import Store

    write_store(generate(600, seed=3), tmp_path / "s.duckdb", tmp_path / "corpus")
    with Store(tmp_path / "s.duckdb") as store:
        rows = store.events().to_dict("records")
        for fix in [corrections.make(rows[3], corrections.SET, "event_type", "Protests", who="a"),
                    corrections.make(rows[5], corrections.SET, "date", "2024-11-20", who="a"),
                    corrections.make(rows[7], corrections.SET, "location", "Homs", who="b"),
                    corrections.make(rows[9], corrections.MERGE, who="a", target=rows[11]),
                    corrections.make(rows[11], corrections.SET, "actor1", "Syrian army", who="a"),
                    corrections.make(rows[13], corrections.REJECT, who="a")]:
            corrections.add(store, fix)
        index = query.materialise(store, tmp_path / "events.parquet")
        expected = describe_events(corrections.apply_corrections(store.events(),
                                                                 corrections.read(store)),
                                   store.mentions(), store.articles())
        period = reporting_period(expected, store.articles())
    assert index.options == filter_options(expected) and index.period == period
    assert rows[13]["event_id"] not in set(index.table(EventFilter(background=True))["event_id"])
    for chosen in [EventFilter(), EventFilter(cities=("Hama",)), EventFilter(text="army HAMA"),
                   EventFilter(actors=("Syrian army",), min_sources=2),
                   EventFilter(date_from="2024-11-10", date_to="2024-11-20", background=True),
                   EventFilter(sources=("AP",), claim_statuses=("disputed",))]:
        want = event_table(filter_events(expected, chosen))
        got = index.table(chosen)
        assert list(got["event_id"]) == list(want["event_id"]) and index.count(chosen) == len(want)
        blank = lambda frame: frame.astype(str).replace({"nan": "", "None": "", "<NA>": ""})
        assert blank(got[TABLE_COLUMNS]).values.tolist() == blank(want[TABLE_COLUMNS]).values.tolist()
        assert list(index.page(chosen, 25, 2)["event_id"]) == list(want["event_id"][25:50])
    for limit in (1, 5, 40):  # the Home page's latest developments: one a place, best first
        assert list(index.latest(limit)["event_id"]) == list(
            latest_developments(expected, limit=limit)["event_id"])


_TYPES = [None, "", "Battles", "Protests", "Riots", "Explosions/Remote violence",
          "Violence against civilians", "Strategic developments", "Something new"]
_SUBS = [None, "", "Armed clash", "Agreement", "Government regains territory",
         "Non-state actor overtakes territory", "Non-violent transfer of territory",
         "Headquarters or base established", "Air/drone strike"]


@settings(max_examples=60, deadline=None)
@given(hs.lists(hs.fixed_dictionaries({
    "event_type": hs.sampled_from(_TYPES), "sub_event_type": hs.sampled_from(_SUBS),
    "fatalities": hs.one_of(hs.none(), hs.integers(0, 5000), hs.sampled_from(["12", "", "n/a"])),
    "source": hs.sampled_from([None, "", "AP", "AP; BBC", "AP; AP (re-posted copy); SANA",
                               " ; Reuters;"]),
    "claim_status": hs.sampled_from([None, "reported", "denied", "disputed"]),
    "date_basis": hs.sampled_from([None, "stated", "undated"]),
    "place_row": hs.sampled_from([None, "city", "province", "country"])}), min_size=1,
    max_size=12))
def test_a_briefing_scores_its_events_at_once_as_one_by_one(rows):
    """The briefing ranks a window of tens of thousands of events by column (event_scores): every
    row must weigh what event_score gives it alone, whatever its cells hold."""
    from lib.app.briefing import event_score, event_scores

    events = pd.DataFrame(rows)
    assert event_scores(events).tolist() == [event_score(r) for r in events.to_dict("records")]
