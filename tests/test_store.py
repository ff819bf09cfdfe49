"""lib.store: every table round-trips, an article's rows are replaced as one, committed articles
survive a crash, a second process gets a clear message, a schema change rebuilds."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import fields

import pytest

from lib.corpus import Article
from lib.model import ControlInterval, Event, Mention
from lib.settings import PROJECT_ROOT, Settings
from lib.store import ARTICLE_COLUMNS, Store, StoreError, StoreLocked
from lib.temporal import Timex

_DEFAULTS = {"str": "", "int": 0, "float": 0.0, "bool": False}


def record(cls, **values):
    """A record of `cls` with every field defaulted by its type ("" / 0 / False / None)."""
    defaults = {f.name: None if "None" in str(f.type) else _DEFAULTS[str(f.type)] for f in fields(cls)}
    return cls(**{**defaults, **values})


def article(article_id: str = "a1", text: str = "Rebels took Deir ez-Zor (دير الزور) on Friday.",
            **values) -> Article:
    return Article(**{"id": article_id, "title": "Title " + article_id, "source": "Wire", "url": "",
                      "published": "2024-12-06", "dct_source": "metadata", "text": text,
                      "path": f"{article_id}.md", "dct_note": "", **values})


def mention(article_id: str = "a1", start: int = 0, **values) -> Mention:
    return record(Mention, mention_id=f"{article_id}:0:{start}", article_id=article_id,
                  source="Wire", published="2024-12-06", trigger="took", trigger_start=start,
                  place="Deir ez-Zor", place_known=True, latitude=35.33, longitude=40.14,
                  time_precision=1, fatalities=None, **values)


FRIDAY = Timex(38, 44, "Friday", "DATE", "2024-12-06", "", "DCT", "weekday")


def run_python(code: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=60, **kwargs)


def test_every_table_round_trips(tmp_path):
    events = [record(Event, event_id="e1", event_date="2024-12-06", time_precision=1,
                     location="Deir ez-Zor", latitude=35.33, longitude=-40.14, n_sources=2,
                     fatalities=None, place_known=True, mention_ids="a1:0:7")]
    control = [record(ControlInterval, city="Homs", controller="opposition", valid_from="2024-12-07",
                      precision=1, latitude=None, longitude=None)]
    with Store(tmp_path / "s.duckdb") as store:
        store.put_article(article(), "hash1", [FRIDAY], [mention(start=7)])
        store.put_derived(events, control)
        store.set_published_override("a1", "2024-12-05")

        articles = store.articles()
        assert list(articles.columns) == list(ARTICLE_COLUMNS)
        assert articles.iloc[0]["text"] == article().text and articles.iloc[0]["content_hash"] == "hash1"
        assert store.known_hashes() == {"a1": "hash1"}
        assert store.article("a1") == article() and store.article("nope") is None

        timexes = store.timexes()
        assert list(timexes.columns) == ["article_id", "start", "end", "text", "type", "value", "mod",
                                         "anchor", "rule"]
        assert timexes.iloc[0].to_dict() == {"article_id": "a1", **FRIDAY.to_dict()}
        assert store.timexes("a1").shape[0] == 1 and store.timexes("other").empty

        mentions = store.mentions()
        assert list(mentions.columns) == Mention.columns()
        assert store.mention_records() == [mention(start=7)]

        assert list(store.events().columns) == Event.columns()
        assert store.events().iloc[0]["longitude"] == -40.14
        assert list(store.control().columns) == ControlInterval.columns()
        assert store.control().iloc[0]["controller"] == "opposition"
        assert store.overrides() == {"a1": "2024-12-05"}


def test_put_article_replaces_its_rows_only(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.put_article(article("a1"), "h1", [FRIDAY], [mention("a1", 1), mention("a1", 2)])
        store.put_article(article("a2"), "h2", [FRIDAY], [mention("a2", 1)])
        store.put_article(article("a1", text="Changed."), "h1b", [], [mention("a1", 3)])
        assert store.known_hashes() == {"a1": "h1b", "a2": "h2"}
        assert store.timexes()["article_id"].tolist() == ["a2"]
        assert store.mentions()["mention_id"].tolist() == ["a1:0:3", "a2:0:1"]
        store.remove_article("a2")
        assert store.known_hashes() == {"a1": "h1b"} and store.mentions()["article_id"].tolist() == ["a1"]


def test_a_batch_of_articles_replaces_their_rows_in_one_write(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.put_article(article("a1"), "h1", [FRIDAY], [mention("a1", 1)])
        store.put_articles([(article("a2"), "h2", [], [mention("a2", 1)]),
                            (article("a1", text="Changed."), "h1b", [], [mention("a1", 3)]),
                            (article("a3"), "h3", [FRIDAY], [])])
        assert store.known_hashes() == {"a1": "h1b", "a2": "h2", "a3": "h3"}
        assert store.timexes()["article_id"].tolist() == ["a3"]
        assert store.mentions()["mention_id"].tolist() == ["a1:0:3", "a2:0:1"]


def test_mentions_are_read_a_page_at_a_time_in_order_with_repeated_strings_shared(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        for name in ("b", "a", "c"):
            store.put_article(article(name), name, [], [mention(name, 5), mention(name, 2)])
        every = store.mention_records()
        assert [m.mention_id for m in every] == [f"{n}:0:{s}" for n in "abc" for s in (2, 5)]
        assert list(store.iter_mentions(page=1)) == list(store.iter_mentions(page=4)) == every
        assert every[0].place is every[5].place and every[0].article_id is every[1].article_id


def test_put_derived_replaces_everything_and_keeps_order(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.put_derived([record(Event, event_id="old")], [])
        store.put_derived([record(Event, event_id=f"e{i}") for i in (3, 1, 2)],
                          [record(ControlInterval, city="Hama")])
        assert store.events()["event_id"].tolist() == ["e3", "e1", "e2"]
        assert store.control()["city"].tolist() == ["Hama"]
        assert not store.derived_stale()
        store.put_article(article(), "h", [], [])
        assert store.derived_stale()


def test_a_reopened_store_sees_the_data(tmp_path):
    path = tmp_path / "deep" / "s.duckdb"
    with Store(path) as store:
        store.put_article(article(), "h", [FRIDAY], [mention()])
    with Store(path, read_only=True) as store:
        assert store.known_hashes() == {"a1": "h"} and len(store.mentions()) == 1
        with pytest.raises(StoreError, match="read-only"):
            store.put_article(article("a2"), "h2", [], [])


def test_read_only_without_a_file_says_so(tmp_path):
    with pytest.raises(StoreError, match="no store at .*missing.duckdb"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_a_crash_mid_batch_keeps_finished_articles(tmp_path):
    path = tmp_path / "s.duckdb"
    result = run_python(f"""
        import os
        from tests.test_store import article, mention, FRIDAY
        from lib.store import Store
        store = Store({str(path)!r})
        store.put_article(article("a1"), "h1", [FRIDAY], [mention("a1")])
        store.put_article(article("a2"), "h2", [FRIDAY], [mention("a2")])
        store._con.execute("BEGIN TRANSACTION")  # the third article, half written
        store._con.execute("DELETE FROM articles WHERE id = 'a1'")
        store._con.execute("INSERT INTO timexes (article_id) VALUES ('a3')")
        os._exit(3)  # no commit, no close: as a killed process
    """)
    assert result.returncode == 3, result.stderr
    with Store(path) as store:
        assert store.known_hashes() == {"a1": "h1", "a2": "h2"}
        assert sorted(store.timexes()["article_id"]) == ["a1", "a2"]


def test_a_locked_store_names_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("CTE_STORE_WAIT", "0.5")
    path = tmp_path / "s.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", f"from lib.store import Store; s = Store({str(path)!r}); "
                               "print('open', flush=True); input()"],
        cwd=PROJECT_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreLocked) as error:
            Store(path)
        message = str(error.value)
        assert str(path) in message and "in use by another process" in message
        assert "--store" in message and "CTE_STORE_PATH" in message
        with pytest.raises(StoreLocked):
            Store(path, read_only=True)
    finally:
        holder.communicate("\n", timeout=30)


def test_a_schema_change_rebuilds_but_keeps_overrides(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.put_article(article(), "h", [FRIDAY], [mention()])
        store.set_published_override("a1", "2024-12-05")
        store._con.execute("UPDATE meta SET value = '0:old' WHERE key = 'schema'")
    with pytest.raises(StoreError, match="another version"):
        Store(path, read_only=True)
    with Store(path) as store:
        assert store.known_hashes() == {} and store.mentions().empty
        assert store.overrides() == {"a1": "2024-12-05"}


def test_override_is_checked(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(ValueError, match="not a valid date"):
            store.set_published_override("a1", "2024-02-30")


def test_default_path_is_the_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("CTE_STORE_PATH", str(tmp_path / "x.duckdb"))
    assert Settings.from_env().store_path == tmp_path / "x.duckdb"
    with Store() as store:
        assert store.path == tmp_path / "x.duckdb"
    assert (tmp_path / "x.duckdb").exists()


def test_two_stores_in_one_process_share_the_file_in_one_mode(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as writer, Store(path) as other:
        writer.put_article(article(), "h", [], [])
        assert other.known_hashes() == {"a1": "h"}
        with pytest.raises(StoreError, match="already has it open for writing"):
            Store(path, read_only=True)


def test_a_file_that_is_not_a_store_says_so(tmp_path):
    path = tmp_path / "s.duckdb"
    path.write_text("not a database", encoding="utf-8")
    with pytest.raises(StoreError, match=f"cannot open the store {path}"):
        Store(path)
