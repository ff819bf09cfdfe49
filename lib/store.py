"""The store: one embedded DuckDB file holding what extraction found, keyed by article.

Tables and their columns come from the records (lib/model.py, lib.temporal.Timex, lib.corpus
Article): articles (+ content_hash), timexes (+ article_id), mentions, events, control, and
overrides (publication dates a user set), pending (articles waiting for a date). An update writes each batch of articles in one
transaction, so a crash keeps every batch finished before it. A schema fingerprint is kept in the
`meta` table: when the records change, opening the store for writing drops the extracted tables
(overrides are kept) and the next update re-runs every article.

One writer at a time, across processes and threads: a process holds the store file's lock while
it has it open, another waits, then gets StoreLocked in plain words (lib.store_access). Within a
process,
every change goes through `Store.change()`, which takes the process's writer lock and one
transaction, so two sessions of one server never conflict; `snapshot()` gives readers one
consistent view (never half a change). Store problems (locked, damaged, not writable) are
StoreError with a message saying what to do.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "s.duckdb"
>>> with Store(path) as store:
...     store.set_published_override("a1", "2024-12-06")
...     store.overrides()
{'a1': '2024-12-06'}
"""
from __future__ import annotations

import contextlib
import hashlib
import itertools
import re
from dataclasses import fields
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import duckdb
import pandas as pd
import pyarrow as pa

from lib.corpus.article import Article, normalise_published
from lib.model import ControlInterval, Event, Mention
from lib.settings import Settings
from lib.store_access import (EditConflict, StoreError, StoreLocked, acquire, damaged,
                               holder_of, release, unwritable)
from lib.temporal.timex import Timex

SCHEMA_VERSION = 1  # bump for a change the column fingerprint does not see (a key, an index)
INSERT_CHUNK = 5_000  # rows turned into one Arrow table and inserted at once
MENTIONS_PAGE = 5_000  # mentions read in one query by iter_mentions

_SQL_TYPES = {"str": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN"}
_ARROW_TYPES = {"VARCHAR": pa.string(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
                "BOOLEAN": pa.bool_()}


def _columns(record: type, extra: Sequence[tuple[str, str]] = (), first: Sequence[tuple[str, str]] = ()
             ) -> list[tuple[str, str]]:
    """(name, SQL type) of each field of a dataclass, from its annotation ("float | None" -> DOUBLE)."""
    out = list(first)
    for field in fields(record):
        annotation = str(field.type).replace(" ", "")
        base = re.sub(r"\|None$|^None\|", "", annotation)
        if base not in _SQL_TYPES:
            raise TypeError(f"{record.__name__}.{field.name}: no SQL type for {field.type!r}")
        out.append((field.name, _SQL_TYPES[base]))
    return out + list(extra)


# articles(): this column order; the assertion keeps it in step with the Article record.
ARTICLE_COLUMNS = ("id", "title", "source", "url", "published", "dct_source", "dct_note", "text",
                   "path", "content_hash")
assert set(ARTICLE_COLUMNS) == {f.name for f in fields(Article)} | {"content_hash"}, \
    "lib.corpus.Article changed: update ARTICLE_COLUMNS in lib/store.py"

TABLES: dict[str, list[tuple[str, str]]] = {
    "articles": sorted(_columns(Article, extra=[("content_hash", "VARCHAR")]),
                       key=lambda c: ARTICLE_COLUMNS.index(c[0])),
    "timexes": _columns(Timex, first=[("article_id", "VARCHAR")]),
    "mentions": _columns(Mention),
    "events": _columns(Event),
    "control": _columns(ControlInterval),
    "overrides": [("article_id", "VARCHAR"), ("published", "VARCHAR")],
    # articles read but waiting for a publication date (none in the file, none inferred)
    "pending": [("article_id", "VARCHAR"), ("path", "VARCHAR"), ("title", "VARCHAR"),
                ("source", "VARCHAR"), ("excerpt", "VARCHAR")],
}
_KEYS = {"articles": "PRIMARY KEY (id)", "overrides": "PRIMARY KEY (article_id)"}
_ORDER = {"articles": "id", "timexes": "article_id, start, \"end\"",
          "mentions": "article_id, sentence_start, trigger_start, mention_id",
          "overrides": "article_id", "pending": "article_id"}  # events and control keep the order they were given in
_KEPT_ON_REBUILD = ("overrides",)


def _ddl(table: str) -> str:
    columns = [f'"{name}" {sql_type}' for name, sql_type in TABLES[table]]
    if table in _KEYS:
        columns.append(_KEYS[table])
    return f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(columns)})"


def schema_fingerprint() -> str:
    """A short hash of every table's columns and the schema version: it changes with the records."""
    text = f"{SCHEMA_VERSION}\n" + "\n".join(_ddl(t) for t in TABLES)
    return f"{SCHEMA_VERSION}:{hashlib.sha256(text.encode()).hexdigest()[:16]}"


class Store:
    """The DuckDB store at `path` (default: the CTE_STORE_PATH setting); a context manager.

    One connection per Store. read_only opens an existing file without writing anything (several
    read-only processes may share a file, but not with a writer).
    """

    def __init__(self, path: str | Path | None = None, read_only: bool = False, *,
                 wait: float | None = None):
        settings = Settings.from_env() if path is None or wait is None else None
        self.path = Path(path) if path is not None else settings.store_path
        self._depth = 0  # nesting of change()
        self._con = None
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise StoreError(f"no store at {self.path}: run an update (python -m lib extract, or "
                             "the app) to create it")
        if not read_only:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(unwritable(self.path, f"cannot create its folder: "
                                                        f"{error.strerror or error}")) from None
        self._holder = holder_of(self.path)
        self._con = acquire(self._holder, self.path, not read_only,
                             settings.store_wait if wait is None else wait)
        try:
            self._prepare()
        except BaseException:
            self.close()
            raise

    # --- opening ------------------------------------------------------------------------------

    def _prepare(self) -> None:
        fingerprint = schema_fingerprint()
        try:
            stored = self._stored_fingerprint()
        except duckdb.Error as error:
            raise StoreError(damaged(self.path, str(error).splitlines()[0])) from None
        if self.read_only:
            if stored != fingerprint:
                raise StoreError(f"the store {self.path} was written by another version of the "
                                 f"explorer (schema {stored or 'none'}, expected {fingerprint}): "
                                 "run an update to rebuild it")
            return
        if stored == fingerprint and self._has_every_table():
            return  # nothing to write: opening is not a change
        with self.change():
            stored = self._stored_fingerprint()  # another thread may have prepared it meanwhile
            if stored is not None and stored != fingerprint:
                for table in TABLES:  # derived data: rebuilt by the next update
                    if table not in _KEPT_ON_REBUILD:
                        self._con.execute(f"DROP TABLE IF EXISTS {table}")
            self._con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
            for table in TABLES:
                self._con.execute(_ddl(table))
            if stored != fingerprint:
                self._set_meta("schema", fingerprint)

    def _has_every_table(self) -> bool:
        names = {row[0] for row in self._con.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
        return set(TABLES) <= names

    def _stored_fingerprint(self) -> str | None:
        exists = self._con.execute("SELECT count(*) FROM information_schema.tables "
                                   "WHERE table_name = 'meta'").fetchone()[0]
        if not exists:
            return None
        row = self._con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self._con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    def _meta(self, key: str) -> str | None:
        row = self._con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def close(self) -> None:
        con, self._con = getattr(self, "_con", None), None
        if con is not None:
            con.close()
        holder, self._holder = getattr(self, "_holder", None), None
        if holder is not None:  # after the connection: the file lock outlives DuckDB's use of it
            release(holder)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r}{', read_only=True' if self.read_only else ''})"

    # --- writing ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def change(self):
        """One change of the store: this process's writer lock and one transaction (nested calls
        join the outer one). Committed on success, rolled back on any exception; a failure to
        write (disk full, permissions) is a StoreError in plain words.

        >>> import tempfile, pathlib
        >>> with Store(pathlib.Path(tempfile.mkdtemp()) / "s.duckdb") as store:
        ...     with store.change():
        ...         store.set_published_override("a1", "2024-12-06")
        ...         store.set_published_override("a2", "2024-12-07")
        ...     sorted(store.overrides())
        ['a1', 'a2']
        """
        if self.read_only:
            raise StoreError(f"the store {self.path} is open read-only: nothing can be changed")
        con = self._connection()
        if not self._holder.writer.acquire(timeout=max(60.0, Settings.from_env().store_wait)):
            raise StoreLocked(f"the store {self.path} is being changed by another session of "
                              "this app for over a minute: try again in a moment")
        try:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._begin(con)
            self._depth = 1
            try:
                yield
            except BaseException as error:
                self._depth = 0
                with contextlib.suppress(duckdb.Error):
                    con.execute("ROLLBACK")
                if isinstance(error, duckdb.Error):  # disk full, permissions: said in words
                    raise self._write_error(error) from None
                raise
            self._depth = 0
            try:
                con.execute("COMMIT")
            except duckdb.Error as error:
                with contextlib.suppress(duckdb.Error):
                    con.execute("ROLLBACK")
                raise self._write_error(error) from None
        finally:
            self._holder.writer.release()

    def _begin(self, con: duckdb.DuckDBPyConnection) -> None:
        try:
            con.execute("BEGIN TRANSACTION")
        except duckdb.Error as error:
            raise self._write_error(error) from None

    def _write_error(self, error: duckdb.Error) -> StoreError:
        message = str(error).splitlines()[0]
        if isinstance(error, duckdb.TransactionException):
            return StoreError(f"the store {self.path} was changed by someone else at the same "
                              f"moment ({message}): nothing was written; try again")
        return StoreError(unwritable(self.path, message))

    @contextlib.contextmanager
    def snapshot(self):
        """Read in one transaction: every read inside sees the store as it was at the start,
        never half of a change being written meanwhile."""
        con = self._connection()
        if self._depth:  # inside a change: read what it wrote
            yield
            return
        con.execute("BEGIN TRANSACTION")
        try:
            yield
        finally:
            with contextlib.suppress(duckdb.Error):
                con.execute("COMMIT")

    def _transaction(self):
        return self.change()

    def _connection(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            raise StoreError(f"the store {self.path} is closed")
        return self._con

    def _insert(self, table: str, rows: Iterable[Sequence[Any]]) -> None:
        """Insert rows (values in TABLES[table] order) as Arrow tables of INSERT_CHUNK rows:
        binding each value as a query parameter costs several times more per article, and rows
        given as a generator are never all held at once (events and control of a whole corpus)."""
        columns = TABLES[table]
        quoted = ", ".join(f'"{name}"' for name, _ in columns)
        rows = iter(rows)
        while chunk := list(itertools.islice(rows, INSERT_CHUNK)):
            batch = pa.table({name: pa.array([row[i] for row in chunk], type=_ARROW_TYPES[sql_type])
                              for i, (name, sql_type) in enumerate(columns)})
            del chunk
            self._con.register("_rows", batch)
            try:
                self._con.execute(f"INSERT INTO {table} ({quoted}) SELECT {quoted} FROM _rows")
            finally:
                self._con.unregister("_rows")

    def put_article(self, article: Article, content_hash: str, timexes: Sequence[Timex],
                    mentions: Sequence[Mention]) -> None:
        """Store one article with its timexes and mentions, replacing whatever it had, in one
        transaction; events and control are marked stale until put_derived."""
        self.put_articles([(article, content_hash, timexes, mentions)])

    def put_articles(self, items: Iterable[tuple[Article, str, Sequence[Timex], Sequence[Mention]]]
                     ) -> None:
        """Store (article, content_hash, timexes, mentions) items, each replacing whatever its
        article had, in one transaction: one delete and one insert a table for the lot (a
        statement per article cost more than the rows). An id given twice keeps its last item."""
        latest = {item[0].id: item for item in items}
        if not latest:
            return
        with self._transaction():
            self._delete_articles(list(latest))
            self._insert("articles", [[{**article.__dict__, "content_hash": content_hash}[c]
                                       for c in ARTICLE_COLUMNS]
                                      for article, content_hash, _, _ in latest.values()])
            self._insert("timexes", [[article.id, t.start, t.end, t.text, t.type, t.value, t.mod,
                                      t.anchor, t.rule]
                                     for article, _, timexes, _ in latest.values() for t in timexes])
            self._insert("mentions", [[getattr(m, c) for c in Mention.columns()]
                                      for _, _, _, mentions in latest.values() for m in mentions])
            self._mark_stale()

    def _delete_articles(self, article_ids: Sequence[str]) -> None:
        for table, key in (("timexes", "article_id"), ("mentions", "article_id"), ("articles", "id")):
            self._con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?))",
                              [list(article_ids)])

    def remove_article(self, article_id: str) -> None:
        """Remove an article and its timexes and mentions (a user's date override is kept)."""
        with self._transaction():
            self._delete_articles([article_id])
            self._mark_stale()

    def put_derived(self, events: Sequence[Event], control: Sequence[ControlInterval]) -> None:
        """Replace every event and control interval, in one transaction."""
        with self._transaction():
            self._con.execute("DELETE FROM events")
            self._con.execute("DELETE FROM control")
            self._insert("events", ([getattr(e, c) for c in Event.columns()] for e in events))
            self._insert("control", ([getattr(c, n) for n in ControlInterval.columns()]
                                     for c in control))
            self._set_meta("derived_stale", "0")

    def _mark_stale(self) -> None:
        self._set_meta("derived_stale", "1")

    def derived_stale(self) -> bool:
        """True when articles changed since events and control were last computed."""
        return self._meta("derived_stale") == "1"

    def set_published_override(self, article_id: str, published: str) -> None:
        """Remember a publication date a user set for an article (ISO date or date and time)."""
        published = normalise_published(published)
        with self._transaction():
            self._con.execute("DELETE FROM overrides WHERE article_id = ?", [article_id])
            self._con.execute("INSERT INTO overrides VALUES (?, ?)", [article_id, published])

    def override(self, article_id: str) -> str | None:
        """The publication date a user set for this article, None when none."""
        row = self._connection().execute("SELECT published FROM overrides WHERE article_id = ?",
                                         [article_id]).fetchone()
        return row[0] if row else None

    def set_pending(self, files_read: Iterable[str], waiting: Iterable[Article]) -> None:
        """Record the articles waiting for a publication date: the rows of the files read this
        run are replaced by `waiting`."""
        waiting = list(waiting)
        files = sorted(set(files_read) | {a.path for a in waiting})
        now = {(row[0], row[1]) for row in self._connection().execute(
            "SELECT article_id, path FROM pending").fetchall() if row[1] in set(files)}
        if now == {(a.id, a.path) for a in waiting}:
            return  # nothing to change: no write
        with self._transaction():
            for start in range(0, len(files), 500):
                chunk = files[start:start + 500]
                self._con.execute(f"DELETE FROM pending WHERE path IN ({', '.join('?' * len(chunk))})",
                                  chunk)
            self._insert("pending", [[a.id, a.path, a.title, a.source, a.text[:300]]
                                     for a in waiting])

    def remove_pending(self, article_ids: Iterable[str]) -> None:
        """Forget that these articles wait for a date (they were dated, or pruned)."""
        with self._transaction():
            for article_id in article_ids:
                self._con.execute("DELETE FROM pending WHERE article_id = ?", [article_id])

    # --- reading ------------------------------------------------------------------------------

    def known_hashes(self) -> dict[str, str]:
        """article_id -> content_hash of every stored article."""
        return dict(self._connection().execute("SELECT id, content_hash FROM articles").fetchall())

    def stored_dcts(self) -> dict[str, tuple[str, str, str, str]]:
        """article_id -> (content_hash, published, dct_source, dct_note) of every stored article."""
        rows = self._connection().execute(
            "SELECT id, content_hash, published, dct_source, dct_note FROM articles").fetchall()
        return {row[0]: tuple(row[1:]) for row in rows}

    def article(self, article_id: str) -> Article | None:
        """The stored article with this id, None when there is none."""
        names = ", ".join(f'"{c}"' for c in ARTICLE_COLUMNS if c != "content_hash")
        row = self._connection().execute(f"SELECT {names} FROM articles WHERE id = ?",
                                         [article_id]).fetchone()
        if row is None:
            return None
        return Article(**dict(zip([c for c in ARTICLE_COLUMNS if c != "content_hash"], row)))

    def overrides(self) -> dict[str, str]:
        """article_id -> the publication date a user set for it."""
        return dict(self._connection().execute(
            "SELECT article_id, published FROM overrides ORDER BY article_id").fetchall())

    def _frame(self, table: str, where: str = "", params: Sequence[Any] = ()) -> pd.DataFrame:
        names = ", ".join(f'"{name}"' for name, _ in TABLES[table])
        order = f" ORDER BY {_ORDER[table]}" if table in _ORDER else ""
        return self._connection().execute(f"SELECT {names} FROM {table}{where}{order}", params).df()

    def articles(self) -> pd.DataFrame:
        """One row per stored article: ARTICLE_COLUMNS, sorted by id."""
        return self._frame("articles")

    def timexes(self, article_id: str | None = None) -> pd.DataFrame:
        """article_id and the Timex fields, of one article or all, in text order."""
        if article_id is None:
            return self._frame("timexes")
        return self._frame("timexes", " WHERE article_id = ?", [article_id])

    def mentions(self) -> pd.DataFrame:
        """Every stored mention (Mention.columns()), by article and position."""
        return self._frame("mentions")

    def mention_records(self) -> list[Mention]:
        """Every stored mention as a Mention (NULL -> None), for consolidation: the strings that
        repeat (article, outlet, dates, types, actors, places, a sentence with two mentions) are
        one object each, so a mention holds little more than its record and its id."""
        return list(self.iter_mentions())

    def iter_mentions(self, page: int | None = None) -> Iterator[Mention]:
        """Every stored mention as a Mention, by article and position, `page` rows (default
        MENTIONS_PAGE) a query: each query sorts only the next page (DuckDB's top-N), so neither
        DuckDB nor Python ever holds every row beside the records made of them. Equal strings
        are given as one object (see mention_records)."""
        columns = Mention.columns()
        names = ", ".join(f'"{c}"' for c in columns)
        order = _ORDER["mentions"]
        keys = [columns.index(key.strip().strip('"')) for key in order.split(",")]
        unique = columns.index("mention_id")
        shared: dict[str, str] = {}
        after: list[Any] = []
        while True:
            where = f" WHERE ({order}) > ({', '.join('?' * len(keys))})" if after else ""
            rows = self._connection().execute(
                f"SELECT {names} FROM mentions{where} ORDER BY {order} LIMIT {page or MENTIONS_PAGE}",
                after).fetchall()
            if not rows:
                return
            after = [rows[-1][k] for k in keys]
            for row in rows:
                yield Mention(*[shared.setdefault(value, value) if type(value) is str and i != unique
                                else value for i, value in enumerate(row)])

    def pending(self) -> pd.DataFrame:
        """The articles waiting for a publication date: article_id, path, title, source, excerpt."""
        return self._frame("pending")

    def events(self) -> pd.DataFrame:
        """Every event (Event.columns()), in the order consolidation gave them."""
        return self._frame("events")

    def control(self) -> pd.DataFrame:
        """Every control interval (ControlInterval.columns()), in the order they were computed."""
        return self._frame("control")

    # explorer queries (read-only; lib.app.query builds the Timeline's file of events with them)
    def explorer_frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """The rows of a read-only SELECT over the store's tables."""
        return self._connection().execute(sql, list(params)).df()

    def explorer_copy(self, sql: str, target: str | Path,
                      frames: dict[str, pd.DataFrame] | None = None, *,
                      memory_limit: str = "500MB") -> None:
        """Write the rows of a read-only SELECT (which may read `frames`, by name) into the
        Parquet file `target`, DuckDB held to `memory_limit` meanwhile (a large sort spills to
        disk); the store itself is not changed."""
        con = self._connection().cursor()  # its own results: none of the store's left pending
        try:
            con.execute("SET enable_progress_bar = false")
            con.execute(f"SET memory_limit = '{memory_limit}'")
            con.execute("SET preserve_insertion_order = false")  # rows in any order: less memory
            for name, frame in (frames or {}).items():
                con.register(name, frame)
            quoted = str(target).replace("'", "''")
            con.execute(f"COPY ({sql}) TO '{quoted}' (FORMAT parquet, COMPRESSION zstd, "
                        "ROW_GROUP_SIZE 100000)")
        finally:
            con.execute("RESET memory_limit")
            con.execute("RESET preserve_insertion_order")
            con.close()

    def explorer_published_range(self) -> tuple[str | None, str | None]:
        """The first and last publication day of the stored articles (None, None without any)."""
        first, last = self._connection().execute(
            "SELECT min(substr(published, 1, 10)), max(substr(published, 1, 10)) FROM articles "
            "WHERE length(published) >= 10").fetchall()[0]
        return first, last

    def explorer_evidence(self, mention_ids: Sequence[str]
                          ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """The mentions of these ids, the timexes and the articles they are in: what an event's
        evidence shows (lib.app.evidence.event_evidence)."""
        ids = list(mention_ids) or [""]
        mentions = self._frame("mentions", " WHERE mention_id IN (SELECT unnest(?))", [ids])
        articles = list(dict.fromkeys(mentions["article_id"])) or [""]
        return (mentions,
                self._frame("timexes", " WHERE article_id IN (SELECT unnest(?))", [articles]),
                self._frame("articles", " WHERE id IN (SELECT unnest(?))", [articles]))
