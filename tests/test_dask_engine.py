"""`lib extract --engine dask`: a LocalCluster of two worker processes analyses the seeds, each
task writing Parquet parts, and the five CSV files are those of the in-process run, byte for
byte. Real pipeline (one per worker): slow, about a minute on two busy cores."""
from __future__ import annotations

import pytest

from lib.cli import EXTRACT_TABLES, main
from lib.settings import DATA_DIR

pytest.importorskip("distributed")


def test_dask_writes_the_csvs_of_one_process(tmp_path, monkeypatch):
    from lib.extract import dask_engine

    monkeypatch.setattr(dask_engine, "CHUNK_ARTICLES", 2)  # three tasks for five articles
    corpus = str(DATA_DIR / "corpus")
    assert main(["extract", corpus, "--out", str(tmp_path / "one"), "--workers", "1"]) == 0
    assert main(["extract", corpus, "--out", str(tmp_path / "dask"), "--engine", "dask",
                 "--workers", "2"]) == 0
    parts = sorted(p.name for p in (tmp_path / "dask" / "parts").iterdir())
    # three tasks of two articles; on a machine so loaded that a task of the batch fails (a worker
    # lost, a time-out), the pipeline analyses what is left one article at a time: more parts, the
    # same CSVs
    numbers = {kind: [n for n in range(len(parts)) if f"{kind}-{n:06d}.parquet" in parts]
               for kind in ("mentions", "timexes")}
    assert numbers["mentions"] == numbers["timexes"] and len(numbers["mentions"]) >= 3, parts
    for table in EXTRACT_TABLES:
        one, dask = (tmp_path / run / f"{table}.csv" for run in ("one", "dask"))
        assert dask.read_bytes() == one.read_bytes(), table


def test_the_parts_read_back_as_the_records(tmp_path):
    from lib.corpus import Article
    from lib.extract.dask_engine import analyse_part, read_parts
    from lib.model import Mention
    from lib.temporal import Timex

    article = Article("a1", "", "Wire", "", "2024-12-06", "metadata",
                      "Rebels captured Hama on Thursday. Government forces withdrew a day earlier.")
    written = analyse_part(7, 10, [article], str(tmp_path), None)
    assert written["timexes"] >= 2 and written["mentions"] >= 1 and written["failures"] == 0
    from lib.extract.articles import analyse
    [(_, timexes, mentions)] = list(analyse([article], workers=1))
    assert read_parts([tmp_path / "timexes-000007.parquet"], Timex) == {10: timexes}
    assert read_parts([tmp_path / "mentions-000007.parquet"], Mention) == {10: mentions}
