"""Shared fixtures: stores the pages read, made without the language model where possible.

- `fixture_store`: a small generated store (lib.bench.synthetic) whose first article carries
  `<script>` and `<img onerror>` in its title and text; its corpus folder holds the same articles,
  so the app's update finds nothing to do.
- `corpus_store`: the bundled corpus extracted once per session (real pipeline); tests that
  change it get their own copy (`corpus_store_copy`).
Both set CTE_STORE_PATH and CTE_CORPUS_DIR for the test.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

from lib.bench.synthetic import generate, write_store
from lib.settings import DATA_DIR

HOSTILE_TITLE = "<img src=x onerror=alert(1)> Rebels <script>alert('title')</script>"
HOSTILE_TEXT = " <script>alert('xss')</script> <img src=x onerror=alert(2)> [link](javascript:alert(3))"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: end-to-end test in Chromium (Debian package `chromium`), driven by "
                   "Playwright against a `streamlit run` server")


@dataclasses.dataclass(frozen=True)
class StoreFixture:
    store: Path
    corpus: Path

    def copy_to(self, folder: Path) -> "StoreFixture":
        """A private copy of this store and its corpus folder in `folder`, free to change."""
        copy = StoreFixture(folder / "store.duckdb", folder / "corpus")
        shutil.copy(self.store, copy.store)
        shutil.copytree(self.corpus, copy.corpus)
        return copy


def make_fixture_store(folder: Path, *, n_events: int = 40) -> StoreFixture:
    data = generate(n_events, seed=7, first_day=dt.date(2024, 11, 28), days=10, n_articles=6)
    first = data.articles[0]
    data.articles[0] = dataclasses.replace(first, title=HOSTILE_TITLE, text=first.text + HOSTILE_TEXT)
    fixture = StoreFixture(folder / "store.duckdb", folder / "corpus")
    write_store(data, fixture.store, fixture.corpus)
    return fixture


@pytest.fixture
def fixture_store(tmp_path, monkeypatch) -> StoreFixture:
    fixture = make_fixture_store(tmp_path)
    monkeypatch.setenv("CTE_STORE_PATH", str(fixture.store))
    monkeypatch.setenv("CTE_CORPUS_DIR", str(fixture.corpus))
    return fixture


@pytest.fixture(scope="session")
def _extracted_corpus(tmp_path_factory) -> StoreFixture:
    from lib.pipeline import update
    from lib.store import Store

    folder = tmp_path_factory.mktemp("corpus_store")
    corpus = folder / "corpus"
    shutil.copytree(DATA_DIR / "corpus", corpus)
    fixture = StoreFixture(folder / "store.duckdb", corpus)
    with Store(fixture.store) as store:
        update(store, [corpus], remove_missing=True)
    return fixture


@pytest.fixture
def corpus_store(_extracted_corpus, monkeypatch) -> StoreFixture:
    """The extracted bundled corpus, shared: do not write to it."""
    monkeypatch.setenv("CTE_STORE_PATH", str(_extracted_corpus.store))
    monkeypatch.setenv("CTE_CORPUS_DIR", str(_extracted_corpus.corpus))
    return _extracted_corpus


@pytest.fixture
def corpus_store_copy(_extracted_corpus, tmp_path, monkeypatch) -> StoreFixture:
    """A private copy of the extracted bundled corpus (store and folder), free to change."""
    fixture = _extracted_corpus.copy_to(tmp_path)
    monkeypatch.setenv("CTE_STORE_PATH", str(fixture.store))
    monkeypatch.setenv("CTE_CORPUS_DIR", str(fixture.corpus))
    return fixture


@pytest.fixture(scope="session")
def shared_nlp():
    """The configured spaCy pipeline, loaded once for the tests that run real sentences."""
    from lib.extract.spacy_pipeline import load_pipeline

    return load_pipeline()
