"""The app under hostile values, store problems, bad settings, concurrent edits, undated and
oversized uploads (Streamlit's AppTest, analysis faked: lib.bench.reliability)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.bench.reliability import EVIL_HOST, HOSTILE_ID, hostile_store

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["app.py", "pages/1_Timeline.py", "pages/2_Control_map.py", "pages/3_Articles.py",
         "pages/4_Briefing.py"]
# Markdown that would fetch or link: an image or link whose target is the outside host
_LIVE_MARKDOWN = re.compile(r"(?<!\\)\]\((?:http|javascript)|(?<!\\)<(?:img|script|iframe)",
                            re.IGNORECASE)
_LIVE_HTML = re.compile(r"<(?:img|script|iframe)\b[^>]*", re.IGNORECASE)


def run(page: str) -> AppTest:
    return AppTest.from_file(str(ROOT / page), default_timeout=180).run()


@pytest.fixture
def fake(monkeypatch):
    from lib.bench.reliability import install_fake_analysis

    for name in ("lib.extract.articles", "lib.extract.events", "lib.extract.control",
                 "lib.extract.spacy_pipeline"):
        monkeypatch.setitem(sys.modules, name, sys.modules.get(name))
    install_fake_analysis()


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    store, corpus = hostile_store(tmp_path)
    monkeypatch.setenv("CTE_STORE_PATH", str(store))
    monkeypatch.setenv("CTE_CORPUS_DIR", str(corpus))
    return store, corpus


def markdown_values(app: AppTest) -> list[str]:
    kinds = ("markdown", "caption", "warning", "error", "info", "success", "title", "header",
             "subheader")
    return [str(e.value) for kind in kinds for e in getattr(app, kind)]


@pytest.mark.parametrize("page", PAGES)
def test_hostile_article_values_stay_inert_on_every_page(hostile, page):
    app = run(page)
    assert not app.exception, app.exception
    for value in markdown_values(app):
        assert not _LIVE_MARKDOWN.search(value), value
    for element in app.html:
        for tag in _LIVE_HTML.findall(element.value):
            assert EVIL_HOST not in tag, tag


def test_the_hostile_article_itself_on_the_articles_page(hostile):
    app = run("pages/3_Articles.py")
    assert app.selectbox(key="art_pick").value == HOSTILE_ID  # sorts first
    html = "\n".join(e.value for e in app.html)
    assert "&lt;img src=http://evil.example/text.png&gt;" in html
    assert "&lt;script&gt;" in html and "<script" not in html
    caption = " ".join(c.value for c in app.caption)
    assert "\\!\\[id\\]" not in caption or "`" not in caption  # no code span to break out of
    assert "\\`x\\`" in caption


# --- store problems and settings: words, never a traceback -----------------------------------------

@pytest.mark.parametrize("page", ["app.py", "pages/3_Articles.py", "pages/1_Timeline.py"])
def test_a_damaged_store_is_explained(tmp_path, monkeypatch, page):
    store = tmp_path / "store.duckdb"
    store.write_bytes(b"not a database " * 500)
    monkeypatch.setenv("CTE_STORE_PATH", str(store))
    monkeypatch.setenv("CTE_CORPUS_DIR", str(tmp_path / "corpus"))
    app = run(page)
    assert not app.exception
    assert "damaged or not a DuckDB file" in app.error[0].value
    assert "Move it aside" in app.error[0].value


def test_a_store_in_use_by_another_process_is_explained(hostile, monkeypatch):
    store, _ = hostile
    monkeypatch.setenv("CTE_STORE_WAIT", "0.3")
    holder = subprocess.Popen(
        [sys.executable, "-c", f"from lib.store import Store; s = Store({str(store)!r}); "
                               "print('open', flush=True); input()"],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        app = run("app.py")
    finally:
        holder.communicate("\n", timeout=30)
    assert not app.exception
    assert "in use by another process" in app.warning[0].value


def test_a_bad_setting_is_explained(hostile, monkeypatch):
    monkeypatch.setenv("CTE_MAX_ARTICLE_BYTES", "2 XB")
    app = run("pages/3_Articles.py")
    assert not app.exception
    assert "CTE\\_MAX\\_ARTICLE\\_BYTES" in app.error[0].value


def test_a_missing_corpus_folder_keeps_the_store_and_says_so(hostile, monkeypatch, tmp_path):
    monkeypatch.setenv("CTE_CORPUS_DIR", str(tmp_path / "corpsu"))
    app = run("app.py")
    assert not app.exception
    assert app.metric[0].value == "6"  # nothing removed
    assert any("no such file or folder" in w.value for w in app.warning)
    assert any("no longer in the corpus folder" in i.value for i in app.info)


# --- edits and uploads ---------------------------------------------------------------------------

def test_two_analysts_saving_a_date_one_gets_the_current_value(hostile, fake):
    first, second = run("pages/3_Articles.py"), run("pages/3_Articles.py")
    article_id = "gen0001"
    for app in (first, second):
        app.selectbox(key="art_pick").set_value(article_id).run()
    second.date_input(key=f"art_date_{article_id}").set_value(pd.Timestamp("2024-11-20").date())
    second.button(key="art_set").click().run()
    assert not second.exception and any("re-resolved" in s.value for s in second.success)
    first.date_input(key=f"art_date_{article_id}").set_value(pd.Timestamp("2024-11-25").date())
    first.button(key="art_set").click().run()
    assert not first.exception
    [warning] = [w.value for w in first.warning if "another analyst" in w.value]
    assert "2024-11-20" in warning and "not saved" in warning
    assert first.date_input(key=f"art_date_{article_id}").value == pd.Timestamp("2024-11-25").date()
    from lib.bench.reliability import consistency_problems
    from lib.store import Store
    with Store(hostile[0]) as store:
        assert store.article(article_id).published == "2024-11-20"
        assert consistency_problems(store) == []


def test_an_undated_paste_waits_on_the_page_and_is_added_when_dated(hostile, fake):
    app = run("pages/3_Articles.py")
    app.text_area(key="art_paste").set_value("Rebels took Homs on Friday, activists said.")
    app.text_input(key="art_title").set_value("Undated report")
    app.button(key="art_add").click().run()
    assert not app.exception and not app.error
    assert any("wait for a publication date" in s.value for s in app.success)
    [form_date] = [d for d in app.date_input if d.key.startswith("art_pending_date_")]
    form_date.set_value(pd.Timestamp("2024-12-06").date())
    [button] = [b for b in app.button if b.key.startswith("art_pending_set_")]
    button.click().run()
    assert not app.exception
    assert any("was added" in s.value for s in app.success)
    assert not [d for d in app.date_input if d.key.startswith("art_pending_date_")]
    again = run("app.py")  # a restart lists nothing waiting
    assert not any("wait for a publication date" in w.value for w in again.warning)


def test_too_many_files_in_one_upload_are_refused_in_words(hostile, fake, monkeypatch):
    monkeypatch.setenv("CTE_MAX_UPLOAD_FILES", "2")
    app = run("pages/3_Articles.py")
    content = b"---\npublished: 2024-12-06\n---\nRebels took Hama."
    app.file_uploader(key="art_upload").set_value(
        [(f"r{n}.md", content, "text/markdown") for n in range(3)])
    app.button(key="art_add").click().run()
    assert not app.exception
    assert "too many files in one upload: at most 2" in app.error[0].value
    assert not (hostile[1] / "uploads").exists()


def test_the_uploader_states_the_real_limit(hostile, monkeypatch):
    from streamlit import config

    monkeypatch.setenv("CTE_MAX_ARTICLE_BYTES", "3MB")
    app = run("pages/3_Articles.py")
    assert app.file_uploader(key="art_upload").proto.max_upload_size_mb == 3
    assert config.get_option("server.maxUploadSize") == 3
    assert any("3.0 MB (3,000,000 bytes) a file" in m.value for m in app.markdown)
    config.set_option("server.maxUploadSize", 1)
