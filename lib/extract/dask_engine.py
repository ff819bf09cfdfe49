"""Analysing articles on a Dask cluster: each task analyses a run of articles on a worker and
writes their timexes and mentions as Parquet parts; the driver reads the parts back through
DuckDB, in the order the articles were given, and the store, consolidation and control go on as
in one process (so `lib extract --engine dask` writes the CSVs a single process writes).

    python -m lib extract corpus/ --out out/ --engine dask                          # LocalCluster
    python -m lib extract corpus/ --out out/ --engine dask --scheduler tcp://head:8786

The parts go into a folder every worker and the driver can reach (`--out DIR/parts` by default:
on a cluster, a shared file system). Each part is two files, `timexes-NNNNNN.parquet` and
`mentions-NNNNNN.parquet`, with the store's columns plus `ordinal` (the article's place in the
run) and `seq` (the record's place in its article); an article whose analysis failed is named in
`failures-NNNNNN.parquet` with the error, and raised by the driver when it comes to that article.

>>> with DaskEngine(workers=2, parts=Path("out/parts")) as engine, using(engine=engine):  # doctest: +SKIP
...     update(store, ["data/corpus"])
"""
from __future__ import annotations

import shutil
from dataclasses import fields
from pathlib import Path
from typing import Iterator, Sequence

from lib.corpus import Article
from lib.extract.parallel import Result, chunks, using
from lib.model import Mention
from lib.temporal import Timex

CHUNK_ARTICLES = 64
_PARQUET_TYPES = {"VARCHAR": "string", "BIGINT": "int64", "DOUBLE": "float64", "BOOLEAN": "bool_"}


class AnalysisFailed(RuntimeError):
    """An article's analysis failed on a worker (the worker's error in the message)."""


def _schema(record: type):
    """Arrow schema of a record's parts: ordinal, seq, then the store's columns for the record."""
    import pyarrow as pa

    from lib.store import TABLES

    table = "timexes" if record is Timex else "mentions"
    columns = [(name, sql) for name, sql in TABLES[table] if name != "article_id"]
    return pa.schema([("ordinal", pa.int64()), ("seq", pa.int64()), ("article_id", pa.string())]
                     + [(name, getattr(pa, _PARQUET_TYPES[sql])()) for name, sql in columns])


# --- on a worker --------------------------------------------------------------------------------

_nlp_by_lexicon: dict = {}


def _pipeline(lexicon_dir: str | None):
    """This worker process's pipeline, loaded on its first task."""
    if lexicon_dir not in _nlp_by_lexicon:
        from lib.extract.spacy_pipeline import load_pipeline

        _nlp_by_lexicon[lexicon_dir] = load_pipeline(lexicon_dir=lexicon_dir)
    return _nlp_by_lexicon[lexicon_dir]


def analyse_part(part: int, first_ordinal: int, articles: Sequence[Article], parts: str,
                 lexicon_dir: str | None) -> dict:
    """Analyse `articles` (a run starting at `first_ordinal`) and write part number `part` into
    the folder `parts`; returns what was written. An article that fails is analysed again alone
    and, if it fails again, recorded in the failures file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from lib.extract.articles import analyse

    nlp = _pipeline(lexicon_dir)
    results: dict[int, tuple[list[Timex], list[Mention]]] = {}
    failures: list[dict] = []
    try:
        for i, (_, timexes, mentions) in enumerate(analyse(articles, nlp, lexicon_dir=lexicon_dir,
                                                           workers=1)):
            results[i] = (timexes, mentions)
    except Exception:  # find the article that fails, keep the rest
        for i, article in enumerate(articles):
            if i in results:
                continue
            try:
                for _, timexes, mentions in analyse([article], nlp, lexicon_dir=lexicon_dir, workers=1):
                    results[i] = (timexes, mentions)
            except Exception as error:
                failures.append({"ordinal": first_ordinal + i, "article_id": article.id,
                                 "error": f"{type(error).__name__}: {error}"})
    folder = Path(parts)
    folder.mkdir(parents=True, exist_ok=True)
    timex_rows, mention_rows = [], []
    for i, (timexes, mentions) in sorted(results.items()):
        ordinal, article_id = first_ordinal + i, articles[i].id
        timex_rows += [{"ordinal": ordinal, "seq": n, "article_id": article_id, **t.to_dict()}
                       for n, t in enumerate(timexes)]
        mention_rows += [{"ordinal": ordinal, "seq": n, **m.to_row()} for n, m in enumerate(mentions)]
    written = {"part": part, "articles": len(articles), "failures": len(failures)}
    for name, record, rows in (("timexes", Timex, timex_rows), ("mentions", Mention, mention_rows)):
        path = folder / f"{name}-{part:06d}.parquet"
        pq.write_table(pa.Table.from_pylist(rows, schema=_schema(record)), path)
        written[name] = len(rows)
    if failures:
        pq.write_table(pa.Table.from_pylist(failures), folder / f"failures-{part:06d}.parquet")
    return written


# --- on the driver ------------------------------------------------------------------------------

def read_parts(paths: Sequence[Path], record: type) -> dict[int, list]:
    """The records of the Parquet parts `paths`, by article ordinal, each article's in order,
    read through DuckDB."""
    import duckdb

    if not paths:
        return {}
    names = [f.name for f in fields(record)]
    quoted = ", ".join(f'"{n}"' for n in names)
    con = duckdb.connect()
    try:
        rows = con.execute(f"SELECT ordinal, {quoted} FROM read_parquet(?) ORDER BY ordinal, seq",
                           [[str(p) for p in paths]]).fetchall()
    finally:
        con.close()
    out: dict[int, list] = {}
    for ordinal, *values in rows:
        out.setdefault(ordinal, []).append(record(*values))
    return out


def _read_failures(path: Path) -> dict[int, str]:
    import duckdb

    if not path.exists():
        return {}
    con = duckdb.connect()
    try:
        return dict(con.execute("SELECT ordinal, error FROM read_parquet(?)", [str(path)]).fetchall())
    finally:
        con.close()


class DaskEngine:
    """Analyses articles on a Dask cluster: the scheduler at `scheduler` (an address such as
    tcp://head:8786), or a LocalCluster of `workers` processes, one thread each, when none is
    given. `parts`: the folder the workers write their Parquet parts into (emptied first)."""

    def __init__(self, scheduler: str | None = None, *, workers: int | None = None,
                 parts: Path, chunk_articles: int | None = None) -> None:
        self.scheduler, self.workers, self.parts = scheduler, workers, Path(parts)
        self.chunk_articles = chunk_articles or CHUNK_ARTICLES
        self.cluster = self.client = None
        self.next_part = 0

    def __enter__(self) -> "DaskEngine":
        from dask.distributed import Client, LocalCluster

        from lib.extract.parallel import default_workers

        if self.scheduler:
            self.client = Client(self.scheduler)
        else:
            self.cluster = LocalCluster(n_workers=self.workers or default_workers(),
                                        threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        if self.parts.exists():
            shutil.rmtree(self.parts)
        self.parts.mkdir(parents=True)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def analyse(self, articles: Sequence[Article], lexicon_dir: str | Path | None) -> Iterator[Result]:
        """Each article with its timexes and mentions, in the order given: one task per run of
        `chunk_articles`, results read from the parts in order as the tasks finish."""
        articles = list(articles)
        directory = None if lexicon_dir is None else str(lexicon_dir)
        runs = chunks(articles, self.chunk_articles)
        first_part, self.next_part = self.next_part, self.next_part + len(runs)
        futures = [self.client.submit(analyse_part, first_part + n, n * self.chunk_articles, run,
                                      str(self.parts), directory, pure=False)
                   for n, run in enumerate(runs)]
        for n, (run, future) in enumerate(zip(runs, futures)):
            future.result()  # raises a worker's error that analyse_part did not catch
            part = first_part + n
            timexes = read_parts([self.parts / f"timexes-{part:06d}.parquet"], Timex)
            mentions = read_parts([self.parts / f"mentions-{part:06d}.parquet"], Mention)
            failures = _read_failures(self.parts / f"failures-{part:06d}.parquet")
            for i, article in enumerate(run):
                ordinal = n * self.chunk_articles + i
                if ordinal in failures:
                    for later in futures[n + 1:]:
                        later.cancel()
                    raise AnalysisFailed(failures[ordinal])
                yield article, timexes.get(ordinal, []), mentions.get(ordinal, [])


def run_with_dask(scheduler: str | None, workers: int | None, parts: Path):
    """A context in which lib.extract.articles.analyse runs on Dask (what `--engine dask` does)."""
    import contextlib

    @contextlib.contextmanager
    def context():
        with DaskEngine(scheduler, workers=workers, parts=parts) as engine, using(engine=engine):
            yield engine
    return context()


__all__ = ["AnalysisFailed", "CHUNK_ARTICLES", "DaskEngine", "analyse_part", "read_parts",
           "run_with_dask"]
