"""lib.pipeline: incremental updates, duplicates, user dates that persist, and checked uploads.

The NLP, consolidation and control steps are replaced by fakes (fake modules in sys.modules), so
these tests check the pipeline's own logic and run in a fraction of a second each."""
from __future__ import annotations

import importlib
import json
import re
import sys
import types
from dataclasses import fields
from pathlib import Path

import pytest

from lib.corpus import Article, Problem, read_articles
from lib.model import ControlInterval, Event, Mention
from lib.corpus.uploads import add_articles, safe_file_name
from lib.pipeline import UpdateReport, content_hash, set_published, update
from lib.store import Store
from lib.temporal import Timex

_DEFAULTS = {"str": "", "int": 0, "float": 0.0, "bool": False}


def record(cls, **values):
    defaults = {f.name: None if "None" in str(f.type) else _DEFAULTS[str(f.type)] for f in fields(cls)}
    return cls(**{**defaults, **values})


class FakeNLP:
    """analyse(): a timex per "Friday" valued at the article's DCT, a mention per "took";
    consolidate(): an event per mention; control_intervals(): an interval per place."""

    def __init__(self):
        self.calls: list[list[str]] = []
        self.fail_on: set[str] = set()
        self.crash_after: int | None = None
        self.crash_on: set[str] = set()

    def analyse(self, articles, nlp=None):
        self.calls.append([a.id for a in articles])
        for n, article in enumerate(articles):
            if (self.crash_after is not None and n == self.crash_after) or article.id in self.crash_on:
                raise KeyboardInterrupt("simulated crash")
            if article.id in self.fail_on:
                raise RuntimeError(f"cannot analyse {article.id}")
            timexes = [Timex(m.start(), m.end(), m.group(), "DATE", article.published[:10], "",
                             "DCT", "fake") for m in re.finditer("Friday", article.text)]
            mentions = [record(Mention, mention_id=f"{article.id}:0:{m.start()}",
                               article_id=article.id, source=article.source,
                               published=article.published, trigger="took",
                               trigger_start=m.start(), place="Hama", latitude=35.1,
                               longitude=36.7, date_start=article.published[:10],
                               fatalities=None) for m in re.finditer("took", article.text)]
            yield article, timexes, mentions

    @staticmethod
    def consolidate(mentions):
        return [record(Event, event_id=m.mention_id, event_date=m.date_start, location=m.place,
                       latitude=m.latitude, longitude=m.longitude, fatalities=None,
                       mention_ids=m.mention_id) for m in mentions]

    @staticmethod
    def control_intervals(mentions):
        return [record(ControlInterval, city=place, controller="opposition", latitude=None,
                       longitude=None) for place in sorted({m.place for m in mentions})]


@pytest.fixture
def fake(monkeypatch):
    fake = FakeNLP()
    # the real modules first: the extractor imports the real events module, which the fakes would shadow
    importlib.import_module("lib.extract.spacy_pipeline")
    for name, attributes in (("lib.extract.articles", {"analyse": fake.analyse}),
                             ("lib.extract.events", {"consolidate": fake.consolidate}),
                             ("lib.extract.control", {"control_intervals": fake.control_intervals})):
        monkeypatch.setitem(sys.modules, name, types.SimpleNamespace(**attributes))

    def no_model(*args, **kwargs):
        raise AssertionError("the spaCy model was loaded")
    monkeypatch.setattr("lib.extract.spacy_pipeline.load_pipeline", no_model)
    return fake


def write_md(folder: Path, name: str, text: str, published: str = "2024-12-06", **meta) -> Path:
    header = "".join(f"{key}: {value}\n" for key, value in {"published": published, **meta}.items())
    path = folder / name
    path.write_text(f"---\n{header}---\n{text}", encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_md(folder, "a.md", "Rebels took Hama on Friday.")
    write_md(folder, "b.md", "The army took back Homs on Friday.", source="Wire")
    write_md(folder, "c.md", "Talks in Doha on Friday.")
    return folder


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "store.duckdb") as store:
        yield store


def test_second_update_on_an_unchanged_corpus_analyses_nothing(fake, corpus, store):
    first = update(store, [corpus])
    assert (first.processed, first.unchanged, first.removed, first.problems) == (3, 0, 0, ())
    assert fake.calls == [["a", "b", "c"]]
    assert store.events()["event_id"].tolist() == ["a:0:7", "b:0:9"]
    assert store.control()["city"].tolist() == ["Hama"]
    second = update(store, [corpus])
    assert (second.processed, second.unchanged, second.removed) == (0, 3, 0)
    assert fake.calls == [["a", "b", "c"]]  # analyse not called at all


def test_a_changed_article_is_the_only_one_analysed_again(fake, corpus, store):
    update(store, [corpus])
    write_md(corpus, "b.md", "The army took back Homs on Friday and took Hama.", source="Wire")
    write_md(corpus, "c.md", "Talks in Doha on Friday.", published="2024-12-07")  # a new DCT
    report = update(store, [corpus])
    assert (report.processed, report.unchanged) == (2, 1)
    assert fake.calls[-1] == ["b", "c"]
    assert len(store.events()) == 3  # recomputed from every stored mention


def test_the_same_article_under_two_names_is_reported_and_counted_once(fake, corpus, store):
    (corpus / "copy_of_a.md").write_bytes((corpus / "a.md").read_bytes())
    report = update(store, [corpus])
    assert report.problems == (Problem(str(corpus / "copy_of_a.md"), "same text as a"),)
    assert sorted(store.known_hashes()) == ["a", "b", "c"]


def test_one_id_with_two_texts_is_reported(fake, tmp_path, store):
    lines = [{"id": "x", "text": "Rebels took Hama.", "published": "2024-12-06"},
             {"id": "x", "text": "Something else.", "published": "2024-12-06"}]
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    report = update(store, [path, path])  # the same file twice: only the clash is reported
    assert len(report.problems) == 1
    assert "id 'x' is already used by" in report.problems[0].reason
    assert store.article("x").text == "Rebels took Hama."


def test_articles_without_a_date_are_reported(fake, tmp_path, store):
    (tmp_path / "nodate.txt").write_text("Rebels took Hama.", encoding="utf-8")
    report = update(store, [tmp_path / "nodate.txt", tmp_path / "missing.md"])
    assert [p.reason.split(":")[0] for p in report.problems] == ["no publication date",
                                                                  "no such file or folder"]
    assert store.known_hashes() == {}


def test_a_date_given_for_the_run_dates_every_article(fake, corpus, store):
    update(store, [corpus], published="2024-12-01")
    assert set(store.articles()["published"]) == {"2024-12-01"}
    assert set(store.articles()["dct_source"]) == {"user"}
    assert set(store.timexes()["value"]) == {"2024-12-01"}


def test_remove_missing_drops_articles_no_longer_given(fake, corpus, store):
    update(store, [corpus])
    (corpus / "c.md").unlink()
    assert update(store, [corpus]).removed == 0
    report = update(store, [corpus], remove_missing=True)
    assert (report.removed, sorted(store.known_hashes())) == (1, ["a", "b"])


def test_an_override_persists_and_changes_the_dates(fake, corpus, tmp_path):
    path = tmp_path / "store.duckdb"
    with Store(path) as store:
        update(store, [corpus])
        set_published(store, "a", "2024-11-29")
        assert fake.calls[-1] == ["a"]
        assert store.timexes("a")["value"].tolist() == ["2024-11-29"]
        assert store.events().set_index("event_id").loc["a:0:7", "event_date"] == "2024-11-29"
    with Store(path) as store:  # a restart: the next update keeps the user's date
        assert store.overrides() == {"a": "2024-11-29"}
        report = update(store, [corpus])
        assert (report.processed, report.unchanged) == (0, 3)
        row = store.articles().set_index("id").loc["a"]
        assert (row["published"], row["dct_source"]) == ("2024-11-29", "user")
        assert store.timexes("a")["value"].tolist() == ["2024-11-29"]


def test_set_published_checks_the_date_and_the_article(fake, corpus, store):
    update(store, [corpus])
    with pytest.raises(ValueError, match=r"'2024-13-01' is not a valid date: month must be in 1\.\.12"):
        set_published(store, "a", "2024-13-01")
    with pytest.raises(ValueError, match="no article 'zzz' in the store"):
        set_published(store, "zzz", "2024-12-01")
    assert store.overrides() == {}


def test_a_crash_keeps_the_finished_batches_and_none_of_the_one_it_stopped(fake, corpus, tmp_path, monkeypatch):
    monkeypatch.setattr("lib.pipeline.STORE_BATCH", 2)
    fake.crash_on = {"c"}
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(KeyboardInterrupt):
            update(store, [corpus], nlp=object())
    fake.crash_on = set()
    with Store(tmp_path / "s.duckdb") as store:
        assert sorted(store.known_hashes()) == ["a", "b"]  # the first batch, committed
        report = update(store, [corpus], nlp=object())  # the next run finishes the job
        assert report.processed == 1 and fake.calls[-1] == ["c"]
        assert len(store.events()) == 2
    fake.crash_after = 1  # in the middle of a batch: nothing of it is stored
    with Store(tmp_path / "t.duckdb") as store:
        with pytest.raises(KeyboardInterrupt):
            update(store, [corpus], nlp=object())
        assert store.known_hashes() == {}


def test_articles_are_analysed_and_stored_in_batches(fake, corpus, store, monkeypatch):
    """One transaction a batch, whatever analyses it (this process, a pool, the Dask driver)."""
    monkeypatch.setattr("lib.pipeline.STORE_BATCH", 2)
    transactions, stored_in = [0], []
    begin, put = Store._begin, Store.put_articles
    monkeypatch.setattr(Store, "_begin", lambda self, con: transactions.__setitem__(0, transactions[0] + 1)
                        or begin(self, con))

    def put_articles(self, items):
        items = list(items)
        stored_in.extend((transactions[0], article.id) for article, *_ in items)
        put(self, items)
    monkeypatch.setattr(Store, "put_articles", put_articles)
    report = update(store, [corpus], nlp=object())
    assert report.processed == 3 and fake.calls == [["a", "b"], ["c"]]
    assert sorted(store.known_hashes()) == ["a", "b", "c"]
    first, second = stored_in[0][0], stored_in[2][0]
    assert stored_in == [(first, "a"), (first, "b"), (second, "c")] and second > first


def test_an_article_the_analysis_fails_on_is_skipped_and_reported(fake, corpus, store):
    fake.fail_on = {"b"}
    report = update(store, [corpus], nlp=object())
    assert report.processed == 2 and sorted(store.known_hashes()) == ["a", "c"]
    assert report.problems == (Problem(str(corpus / "b.md"),
                                       "analysis failed: RuntimeError: cannot analyse b"),)


def test_content_hash_follows_text_and_date():
    a = Article("a", "", "", "", "2024-12-06", "metadata", "Text.")
    b = Article("b", "other title", "", "", "2024-12-06", "metadata", "Text.", path="b.md")
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash(Article("a", "", "", "", "2024-12-07", "metadata", "Text."))


def test_update_report_is_what_the_app_shows(fake, corpus, store):
    report = update(store, [corpus])
    assert isinstance(report, UpdateReport) and report.seconds >= 0


# --- uploads -------------------------------------------------------------------------------------

def test_uploads_are_saved_under_safe_unique_names(tmp_path):
    content = b"---\npublished: 2024-12-06\n---\nRebels took Hama."
    written, problems = add_articles([("../../etc/evil name.md", content),
                                      ("C:\\Users\\x\\evil name.md", content)], tmp_path)
    assert problems == []
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        "uploads/evil_name.md", "uploads/evil_name-2.md"]
    assert all(p.read_bytes() == content for p in written)
    written_again, _ = add_articles([("evil_name.md", b"Another text entirely.")], tmp_path)
    assert written_again[0].name == "evil_name-3.md"
    assert written[0].read_bytes() == content  # never overwritten


@pytest.mark.parametrize("name, data, reason", [
    ("notes.pdf", b"%PDF-1.4", "unknown file type '.pdf'"),
    ("noext", b"text", "unknown file type '(no suffix)'"),
    ("latin1.txt", "Alep tombée".encode("latin-1"), "not UTF-8 text"),
    ("empty.md", b"", "empty file"),
    ("bad.md", b"---\npublished: [\n---\nText", "malformed front matter"),
    ("bad.jsonl", b'{"text": "ok"}\n{"text": \n', "line 2: not valid JSON"),
    ("baddate.md", b"---\npublished: 2024-13-45\n---\nText", "not a valid date"),
    ("nav.html", b"<html><body><nav>Home</nav></body></html>", "no article text found in the HTML"),
])
def test_bad_uploads_are_refused_with_the_reason(tmp_path, name, data, reason):
    written, problems = add_articles([(name, data)], tmp_path)
    assert written == [] and len(problems) == 1
    assert problems[0].where == name and reason in problems[0].reason
    assert not (tmp_path / "uploads").exists() or not any((tmp_path / "uploads").iterdir())


def test_an_upload_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("CTE_MAX_ARTICLE_BYTES", "100")
    written, problems = add_articles([("big.txt", b"word " * 100), ("small.txt", b"ok")], tmp_path)
    assert [p.name for p in written] == ["small.txt"]
    assert problems[0].where == "big.txt" and "too large" in problems[0].reason


@pytest.mark.parametrize("name, data", [
    ("a.txt", "Rebels took دير الزور on Friday.".encode()),
    ("a.md", "---\ntitle: T\npublished: 2020-01-01\n---\nRebels took دير الزور on Friday.".encode()),
    ("a.jsonl", json.dumps({"id": "j1", "text": "Rebels took دير الزور on Friday."}).encode()),
])
def test_a_given_date_is_written_into_the_saved_file(tmp_path, name, data):
    written, problems = add_articles([(name, data)], tmp_path, published="2024-12-07")
    assert problems == []
    [article] = [a for a in read_articles(written) if isinstance(a, Article)]
    assert (article.published, article.dct_source) == ("2024-12-07", "user")
    assert article.text == "Rebels took دير الزور on Friday."


def test_a_given_date_is_written_into_html(tmp_path):
    html = ("<html><head><title>Homs</title></head><body><article><p>Rebels said on Saturday "
            "they had entered Homs after government forces withdrew overnight.</p></article>"
            "</body></html>").encode()
    written, problems = add_articles([("page.html", html)], tmp_path, published="2024-12-07")
    [article] = list(read_articles(written))
    assert (article.published, article.dct_source) == ("2024-12-07", "user")


def test_a_bad_given_date_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="not a valid date"):
        add_articles([("a.txt", b"x")], tmp_path, published="2024-02-30")


def test_file_names_are_sanitised():
    assert safe_file_name("../../a b/c<script>.MD") == "c_script.md"
    assert safe_file_name("...") == "upload"


def test_progress_counts_every_article_as_its_batch_is_stored(fake, corpus, store, monkeypatch):
    monkeypatch.setattr("lib.pipeline.STORE_BATCH", 2)
    seen = []
    update(store, [corpus], nlp=object(), on_progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_reading_keeps_no_text_and_the_analysis_reads_each_article_again(corpus):
    from lib.pipeline import _articles, _read

    seen, problems, _, _, _ = _read([str(corpus)], None, {}, {})
    assert [s.id for s in seen] == ["a", "b", "c"] and all(s.article is None for s in seen)
    again = list(_articles(seen[1:], None, {}, {}, problems))
    assert [a.id for a in again] == ["b", "c"] and all(a.text for a in again) and not problems
