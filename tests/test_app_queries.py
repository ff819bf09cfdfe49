"""Home, the Control map and the Briefing read the events by queries (lib.app.query) and give, on
the bundled corpus with analysts' corrections, what the pandas path over every table gave."""
from __future__ import annotations

import datetime as dt

import pytest

from lib import corrections
from lib.app import query
from lib.app.briefing import briefing_table, build_briefing, stored_briefing
from lib.app.control_map import cities_as_of, city_table
from lib.app.explore import describe_events, reporting_period
from lib.app.map_view import cities_named_in, with_cities, with_named_cities
from lib.app.summary import indexed_summary, store_summary
from lib.control_corrections import add_control, make_control


@pytest.fixture
def corrected(corpus_store_copy, tmp_path):
    """The corpus store with an event rejected, one changed, one merged and a control
    correction; its tables, the desk's events, and its EventIndex."""
    from lib.store import Store

    with Store(corpus_store_copy.store) as store:
        events = store.events()
        first, second, third = (events.iloc[n].to_dict() for n in range(3))
        for fix in (corrections.make(first, corrections.REJECT, who="ana"),
                    corrections.make(second, corrections.SET, "location", "Hama", who="ana"),
                    corrections.make(third, corrections.MERGE, who="bo", target=second)):
            corrections.add(store, fix)
        add_control(store, make_control("Homs", "opposition", "2024-12-07", who="ana"))
        tables = {"articles": store.articles(), "timexes": store.timexes(),
                  "mentions": store.mentions(), "control": store.control(),
                  "fixes": corrections.read(store)}
        tables["events"] = describe_events(
            corrections.apply_corrections(store.events(), tables["fixes"]),
            tables["mentions"], tables["articles"])
        index = query.materialise(store, tmp_path / "events.parquet")
    return corpus_store_copy.store, tables, index


def _same(a, b) -> bool:
    return a.astype(str).reset_index(drop=True).equals(b.astype(str).reset_index(drop=True))


def test_home_by_queries_is_the_home_of_every_table(corrected):
    from lib.store import Store

    path, t, index = corrected
    old = store_summary(t["articles"], t["timexes"], t["events"], t["control"], t["mentions"])
    with Store(path) as store:
        new = indexed_summary(store, index)
    for field in ("n_articles", "n_outlets", "published_range", "n_events", "n_cities",
                  "latest_lines"):
        assert getattr(new, field) == getattr(old, field), field
    assert new.latest["event_id"].tolist() == old.latest["event_id"].tolist()
    assert _same(new.article_table, old.article_table)


def test_the_control_map_by_queries_is_the_map_of_every_table(corrected):
    from lib.store import Store

    path, t, index = corrected
    assert index.period == reporting_period(t["events"], t["articles"])
    with Store(path) as store:
        named = cities_named_in(query.article_texts(store, batch=2))
    day, last = index.period
    while day <= last:
        old = with_named_cities(cities_as_of(t["control"], t["events"], day), t["articles"])
        assert _same(with_cities(city_table(t["control"], index.places(), day), named), old), day
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("hindsight", [False, True])
def test_the_briefing_by_queries_is_the_briefing_of_every_table(corrected, hindsight):
    from lib.store import Store

    path, t, index = corrected
    first, last = index.period
    with Store(path) as store:
        articles = query.article_rows(store)
        for day in (first + dt.timedelta(days=n) for n in range((last - first).days + 1)):
            as_of = day.isoformat()
            old = build_briefing(t["events"], t["control"], t["articles"], as_of=as_of,
                                 mentions=t["mentions"], corrections=t["fixes"],
                                 hindsight=hindsight)
            named = cities_named_in(query.article_texts(store, "" if hindsight else as_of))
            new = stored_briefing(store, index, t["control"], articles, t["fixes"], as_of=as_of,
                                  hindsight=hindsight, named=named)
            assert (new.title, new.changes) == (old.title, old.changes), as_of
            assert new.headlines["line"].tolist() == old.headlines["line"].tolist(), as_of
            assert new.events["event_id"].tolist() == old.events["event_id"].tolist(), as_of
            for part in ("cities", "sources", "control"):
                assert _same(getattr(new, part), getattr(old, part)), (as_of, part)
            assert _same(briefing_table(new), briefing_table(old)), as_of
