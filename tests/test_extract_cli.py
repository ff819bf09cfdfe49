"""`python -m lib extract INPUT... --out DIR`: five Excel-safe CSV files, bad input reported and
skipped, re-runs incremental. One end-to-end test runs the real pipeline on the seed corpus; the
others replace the NLP with a fake (fake modules in sys.modules) to stay fast."""
from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import sys
import types
from dataclasses import fields
from pathlib import Path

import pytest

from lib.cli import COMMANDS, main
from lib.export import CONTROL_CSV_FIRST
from lib.model import ControlInterval, Event, Mention
from lib.settings import DATA_DIR, PROJECT_ROOT
from lib.store import ARTICLE_COLUMNS, Store
from lib.temporal import Timex

CSV_COLUMNS = {
    "articles.csv": list(ARTICLE_COLUMNS),
    "timexes.csv": ["article_id", "start", "end", "text", "type", "value", "mod", "anchor", "rule"],
    "mentions.csv": Mention.columns(),
    # the events as the app shows them: with the analysts' corrections (lib.corrections)
    "events.csv": Event.columns() + ["provenance", "corrections"],
    # one row a state, what it is first, with its number of sources (lib.export.control_table)
    "control.csv": list(dict.fromkeys(CONTROL_CSV_FIRST + ControlInterval.columns())),
}
ACLED_FIRST = ["event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
               "actor2", "admin1", "location", "latitude", "longitude", "geo_precision", "source",
               "notes", "fatalities"]
_DEFAULTS = {"str": "", "int": 0, "float": 0.0, "bool": False}


def record(cls, **values):
    defaults = {f.name: None if "None" in str(f.type) else _DEFAULTS[str(f.type)] for f in fields(cls)}
    return cls(**{**defaults, **values})


def read_csv(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), f"{path.name} has no byte order mark"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def header(path: Path) -> list[str]:
    return next(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


@pytest.fixture
def fake(monkeypatch):
    """analyse() as a fake that records its calls: a timex per 'Friday', a mention per 'took'."""
    calls: list[list[str]] = []

    def analyse(articles, nlp=None):
        calls.append([a.id for a in articles])
        for article in articles:
            timexes = [Timex(m.start(), m.end(), m.group(), "DATE", article.published[:10], "",
                             "DCT", "fake") for m in re.finditer("Friday", article.text)]
            mentions = [record(Mention, mention_id=f"{article.id}:{m.start()}", article_id=article.id,
                               place="=Hama", trigger="took", latitude=35.1, longitude=-36.7,
                               fatalities=None) for m in re.finditer("took", article.text)]
            yield article, timexes, mentions

    events = types.SimpleNamespace(consolidate=lambda ms: [
        record(Event, event_id=m.mention_id, location=m.place, latitude=m.latitude,
               longitude=m.longitude, fatalities=None) for m in ms])
    control = types.SimpleNamespace(control_intervals=lambda ms: [
        record(ControlInterval, city="Hama", controller="opposition", latitude=None, longitude=None)])
    monkeypatch.setitem(sys.modules, "lib.extract.articles", types.SimpleNamespace(analyse=analyse))
    monkeypatch.setitem(sys.modules, "lib.extract.events", events)
    monkeypatch.setitem(sys.modules, "lib.extract.control", control)
    return calls


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.md").write_text("---\npublished: 2024-12-06\n---\nRebels took Hama on Friday.",
                                 encoding="utf-8")
    (folder / "b.jsonl").write_text('{"id": "b1", "text": "The army took Homs on Friday.", '
                                    '"published": "2024-12-07", "source": "دير الزور 24"}\n',
                                    encoding="utf-8")
    return folder


def run(capsys, *argv) -> tuple[int, str, list[str]]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


def test_extract_is_a_registered_command():
    assert "extract" in COMMANDS


def test_writes_the_five_csv_files_with_their_columns(fake, corpus, tmp_path, capsys):
    code, out, errors = run(capsys, "extract", corpus, "--out", tmp_path / "out")
    assert (code, errors) == (0, [])
    for name, columns in CSV_COLUMNS.items():
        assert header(tmp_path / "out" / name) == columns, name
    assert header(tmp_path / "out" / "events.csv")[:len(ACLED_FIRST)] == ACLED_FIRST
    articles = read_csv(tmp_path / "out" / "articles.csv")
    assert [(a["id"], a["published"], a["source"]) for a in articles] == [
        ("a", "2024-12-06", ""), ("b1", "2024-12-07", "دير الزور 24")]
    assert articles[0]["text"] == "Rebels took Hama on Friday."
    events = read_csv(tmp_path / "out" / "events.csv")
    assert [e["location"] for e in events] == ["'=Hama", "'=Hama"]  # formula-like: escaped
    assert events[0]["longitude"] == "-36.7"  # a number stays a number
    assert "2 articles" in out and "2 analysed" in out
    assert (tmp_path / "out" / "store.duckdb").exists()


def test_a_bad_file_is_reported_and_the_rest_written(fake, corpus, tmp_path, capsys):
    (corpus / "broken.md").write_bytes(b"---\npublished: 2024-12-06\n---\n\xff\xfe")
    (corpus / "undated.txt").write_text("No date anywhere here.", encoding="utf-8")
    code, _, errors = run(capsys, "extract", corpus, tmp_path / "missing.txt", "--out", tmp_path / "out")
    assert code == 1
    assert errors == [
        f"lib extract: {corpus / 'broken.md'}: not UTF-8 text: byte 0xff at byte offset 30 "
        "(invalid start byte)",
        f"lib extract: {corpus / 'undated.txt'}: no publication date: not in the metadata and none "
        "could be inferred from the text; give one (--dct, or set it in the app)",
        f"lib extract: {tmp_path / 'missing.txt'}: no such file or folder"]
    assert [a["id"] for a in read_csv(tmp_path / "out" / "articles.csv")] == ["a", "b1"]


def test_a_rerun_on_the_same_dir_is_incremental(fake, corpus, tmp_path, capsys):
    out = tmp_path / "out"
    run(capsys, "extract", corpus, "--out", out)
    assert fake == [["a", "b1"]]
    code, summary, _ = run(capsys, "extract", corpus, "--out", out)
    assert code == 0 and fake == [["a", "b1"]] and "0 analysed, 2 unchanged" in summary
    (corpus / "a.md").write_text("---\npublished: 2024-12-06\n---\nRebels took Homs.", encoding="utf-8")
    (corpus / "b.jsonl").unlink()
    code, summary, _ = run(capsys, "extract", corpus, "--out", out)
    assert fake[-1] == ["a"]
    assert [a["id"] for a in read_csv(out / "articles.csv")] == ["a", "b1"]  # kept: not asked
    assert "1 stored article(s) not in the inputs kept (--prune removes them)" in summary
    code, summary, _ = run(capsys, "extract", corpus, "--out", out, "--prune")
    assert code == 0 and "1 removed" in summary
    assert [a["id"] for a in read_csv(out / "articles.csv")] == ["a"]  # DIR mirrors the input


def test_a_mistyped_input_keeps_the_store_and_prune_refuses_it(fake, corpus, tmp_path, capsys):
    out = tmp_path / "out"
    run(capsys, "extract", corpus, "--out", out)
    typo = tmp_path / "corpsu"
    code, summary, errors = run(capsys, "extract", typo, "--out", out)
    assert code == 1 and errors == [f"lib extract: {typo}: no such file or folder"]
    assert [a["id"] for a in read_csv(out / "articles.csv")] == ["a", "b1"]
    assert "0 removed" in summary
    code, _, errors = run(capsys, "extract", typo, "--out", out, "--prune")
    assert code == 2 and f"refusing to prune: {typo} does not exist" in errors[-1]
    assert [a["id"] for a in read_csv(out / "articles.csv")] == ["a", "b1"]


def test_dct_dates_every_article(fake, corpus, tmp_path, capsys):
    code, _, _ = run(capsys, "extract", corpus, "--out", tmp_path / "out", "--dct", "2024-12-01")
    assert code == 0
    rows = read_csv(tmp_path / "out" / "articles.csv")
    assert {(r["published"], r["dct_source"]) for r in rows} == {("2024-12-01", "user")}
    assert {r["value"] for r in read_csv(tmp_path / "out" / "timexes.csv")} == {"2024-12-01"}


def test_bad_dct_is_a_usage_error(corpus, tmp_path, capsys):
    code, _, errors = run(capsys, "extract", corpus, "--out", tmp_path / "out", "--dct", "2024-13-01")
    assert code == 2 and "month must be in 1..12" in errors[-1]


def test_store_option_adds_to_another_store(fake, corpus, tmp_path, capsys):
    shared = tmp_path / "shared.duckdb"
    other = tmp_path / "other.md"
    other.write_text("---\npublished: 2024-12-05\n---\nRebels took Aleppo.", encoding="utf-8")
    run(capsys, "extract", other, "--out", tmp_path / "o1", "--store", shared)
    run(capsys, "extract", corpus, "--out", tmp_path / "o2", "--store", shared)
    assert not (tmp_path / "o2" / "store.duckdb").exists()
    assert [a["id"] for a in read_csv(tmp_path / "o2" / "articles.csv")] == ["a", "b1", "other"]


def test_a_locked_store_is_reported(corpus, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CTE_STORE_WAIT", "0.5")
    store = tmp_path / "out" / "store.duckdb"
    Store(store).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"from lib.store import Store; s = Store({str(store)!r}); "
                               "print('open', flush=True); input()"],
        cwd=PROJECT_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        code, _, errors = run(capsys, "extract", corpus, "--out", tmp_path / "out")
    finally:
        holder.communicate("\n", timeout=30)
    assert code == 2  # nothing done, said in words, no traceback
    assert errors[0].startswith(f"lib extract: the store {store} is in use by another process")
    assert "Traceback" not in "\n".join(errors)


def test_end_to_end_on_the_seed_corpus(tmp_path, capsys, monkeypatch):
    """The real pipeline (spaCy model, lexicons, events, control) on the seed articles plus a bad
    file; then a re-run that must not even load the model."""
    pytest.importorskip("lib.extract.articles")
    corpus = tmp_path / "corpus"
    shutil.copytree(DATA_DIR / "corpus", corpus)
    (corpus / "zz_empty.txt").write_text("   ", encoding="utf-8")
    out = tmp_path / "out"
    code, summary, errors = run(capsys, "extract", corpus, "--out", out)
    assert code == 1
    assert errors == [f"lib extract: {corpus / 'zz_empty.txt'}: file has only whitespace, no text"]
    for name, columns in CSV_COLUMNS.items():
        assert header(out / name) == columns, name
    articles = read_csv(out / "articles.csv")
    assert len(articles) == 5 and all(a["published"].startswith("2024-12-0") for a in articles)
    assert len(read_csv(out / "timexes.csv")) > 20
    assert len(read_csv(out / "mentions.csv")) > 0 and len(read_csv(out / "events.csv")) > 0
    for cell in (c for row in read_csv(out / "events.csv") for c in row.values()):
        assert not cell.startswith(("=", "+", "@")), cell

    def no_model(*args, **kwargs):
        raise AssertionError("the spaCy model was loaded on an unchanged corpus")
    monkeypatch.setattr("lib.extract.spacy_pipeline.load_pipeline", no_model)
    monkeypatch.setattr("spacy.load", no_model)
    before = (out / "events.csv").read_bytes()
    code, summary, _ = run(capsys, "extract", corpus, "--out", out)
    assert code == 1 and "0 analysed, 5 unchanged" in summary
    assert (out / "events.csv").read_bytes() == before
