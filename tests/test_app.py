"""The home page runs in Streamlit's AppTest and shows what an analyst expects."""
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def test_home_page_lists_the_bundled_corpus(corpus_store):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not app.exception
    assert app.title[0].value == "Conflict timeline explorer"
    assert app.metric[0].value == "5"
    table = app.dataframe[0].value
    assert set(table["id"]) >= {"000_3e5b5d5b855bd088", "004_fb0bac4d8e447d8c"}
    assert (table["timexes"] > 0).all()
    assert not app.warning


def test_home_page_reports_a_file_it_skipped(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.md").write_text("---\npublished: 2024-12-07\n---\nRebels took Daraa on Friday.\n")
    (corpus / "bad.txt").write_bytes(b"\xff\xfe not utf-8")
    monkeypatch.setenv("CTE_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("CTE_STORE_PATH", str(tmp_path / "store.duckdb"))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not app.exception
    assert app.metric[0].value == "1"
    assert "bad.txt" in app.warning[0].value and "UTF-8" in app.warning[0].value
