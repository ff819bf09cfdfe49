"""The store: one embedded DuckDB file holding what extraction found, keyed by article.

Tables and their columns come from the records (lib/model.py, lib.temporal.Timex, lib.corpus
Article): articles (+ content_hash), timexes (+ article_id), mentions, events, control, and
overrides (publication dates a user set). Each article's rows are written in one transaction, so
a crash in a batch keeps every article finished before it. A schema fingerprint is kept in the
`meta` table: when the records change, opening the store for writing drops the extracted tables
(overrides are kept) and the next update re-runs every article.

DuckDB lets one process write a file at a time (and none read it while one writes): a second
process gets StoreLocked, naming the file.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "s.duckdb"
>>> with Store(path) as store:
...     store.set_published_override("a1", "2024-12-06")
...     store.overrides()
{'a1': '2024-12-06'}
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import fields
from pathlib import Path
from typing import Any, Iterable, Sequence

import duckdb
import pandas as pd
import pyarrow as pa

from lib.corpus.article import Article, normalise_published
from lib.model import ControlInterval, Event, Mention
from lib.settings import Settings
from lib.temporal.timex import Timex

SCHEMA_VERSION = 1  # bump for a change the column fingerprint does not see (a key, an index)

_SQL_TYPES = {"str": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN"}
_ARROW_TYPES = {"VARCHAR": pa.string(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
                "BOOLEAN": pa.bool_()}


class StoreError(RuntimeError):
    """The store cannot be opened or used; the message says why and what to do."""


class StoreLocked(StoreError):
    """Another process has the store file open."""


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
}
_KEYS = {"articles": "PRIMARY KEY (id)", "overrides": "PRIMARY KEY (article_id)"}
_ORDER = {"articles": "id", "timexes": "article_id, start, \"end\"",
          "mentions": "article_id, sentence_start, trigger_start, mention_id",
          "overrides": "article_id"}  # events and control keep the order they were given in
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

    def __init__(self, path: str | Path | None = None, read_only: bool = False):
        self.path = Path(path) if path is not None else Settings.from_env().store_path
        self._stale = False  # derived_stale already set in this session
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise StoreError(f"no store at {self.path}: run an update (python -m lib extract, or "
                             "the app) to create it")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as error:
            message = str(error)
            if "lock" in message.lower():
                holder = re.search(r"held in (.+?)(?:\. See|$)", message)
                raise StoreLocked(
                    f"the store {self.path} is in use by another process"
                    f"{' (' + holder.group(1) + ')' if holder else ''}: DuckDB lets one process "
                    "write a store at a time. Close the app or the other command using it, or "
                    "point this one at another file (--store, or the CTE_STORE_PATH setting)."
                ) from None
            raise StoreError(f"cannot open the store {self.path}: {message}") from None
        except duckdb.ConnectionException as error:
            raise StoreError(f"cannot open the store {self.path}: {error}; this process already "
                             f"has it open {'for writing' if read_only else 'read-only'}: use one "
                             "mode for every Store on a file within a process") from None
        except duckdb.Error as error:
            raise StoreError(f"cannot open the store {self.path}: {error} (not a DuckDB file? "
                             "move it away and run the update again)") from None
        self._prepare()

    # --- opening ------------------------------------------------------------------------------

    def _prepare(self) -> None:
        fingerprint = schema_fingerprint()
        stored = self._stored_fingerprint()
        if self.read_only:
            if stored != fingerprint:
                self.close()
                raise StoreError(f"the store {self.path} was written by another version of the "
                                 f"explorer (schema {stored or 'none'}, expected {fingerprint}): "
                                 "run an update to rebuild it")
            return
        with self._transaction():
            if stored is not None and stored != fingerprint:
                for table in TABLES:  # derived data: rebuilt by the next update
                    if table not in _KEPT_ON_REBUILD:
                        self._con.execute(f"DROP TABLE IF EXISTS {table}")
            self._con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
            for table in TABLES:
                self._con.execute(_ddl(table))
            self._set_meta("schema", fingerprint)

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

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r}{', read_only=True' if self.read_only else ''})"

    # --- writing ------------------------------------------------------------------------------

    def _transaction(self):
        return _Transaction(self._connection())

    def _connection(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            raise StoreError(f"the store {self.path} is closed")
        return self._con

    def _insert(self, table: str, rows: Iterable[Sequence[Any]]) -> None:
        """Insert rows (values in TABLES[table] order) as one Arrow table: binding each value as a
        query parameter costs several times more per article."""
        rows = list(rows)
        if not rows:
            return
        columns = TABLES[table]
        batch = pa.table({name: pa.array([row[i] for row in rows], type=_ARROW_TYPES[sql_type])
                          for i, (name, sql_type) in enumerate(columns)})
        quoted = ", ".join(f'"{name}"' for name, _ in columns)
        self._con.register("_rows", batch)
        try:
            self._con.execute(f"INSERT INTO {table} ({quoted}) SELECT {quoted} FROM _rows")
        finally:
            self._con.unregister("_rows")

    def put_article(self, article: Article, content_hash: str, timexes: Sequence[Timex],
                    mentions: Sequence[Mention]) -> None:
        """Store one article with its timexes and mentions, replacing whatever it had, in one
        transaction; events and control are marked stale until put_derived."""
        row = {**article.__dict__, "content_hash": content_hash}
        with self._transaction():
            self._delete_article(article.id)
            self._insert("articles", [[row[c] for c in ARTICLE_COLUMNS]])
            self._insert("timexes", [[article.id, t.start, t.end, t.text, t.type, t.value, t.mod,
                                      t.anchor, t.rule] for t in timexes])
            self._insert("mentions", [[getattr(m, c) for c in Mention.columns()] for m in mentions])
            self._mark_stale()
        self._stale = True

    def _delete_article(self, article_id: str) -> None:
        for table, key in (("timexes", "article_id"), ("mentions", "article_id"), ("articles", "id")):
            self._con.execute(f"DELETE FROM {table} WHERE {key} = ?", [article_id])

    def remove_article(self, article_id: str) -> None:
        """Remove an article and its timexes and mentions (a user's date override is kept)."""
        with self._transaction():
            self._delete_article(article_id)
            self._mark_stale()
        self._stale = True

    def put_derived(self, events: Sequence[Event], control: Sequence[ControlInterval]) -> None:
        """Replace every event and control interval, in one transaction."""
        with self._transaction():
            self._con.execute("DELETE FROM events")
            self._con.execute("DELETE FROM control")
            self._insert("events", [[getattr(e, c) for c in Event.columns()] for e in events])
            self._insert("control", [[getattr(c, n) for n in ControlInterval.columns()]
                                     for c in control])
            self._set_meta("derived_stale", "0")
        self._stale = False

    def _mark_stale(self) -> None:
        # once per session, not once per article (only this connection can write the file);
        # the caller sets self._stale after the transaction commits
        if not self._stale:
            self._set_meta("derived_stale", "1")

    def derived_stale(self) -> bool:
        """True when articles changed since events and control were last computed."""
        return self._stale or self._meta("derived_stale") == "1"

    def set_published_override(self, article_id: str, published: str) -> None:
        """Remember a publication date a user set for an article (ISO date or date and time)."""
        published = normalise_published(published)
        with self._transaction():
            self._con.execute("INSERT OR REPLACE INTO overrides VALUES (?, ?)", [article_id, published])

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
        """Every stored mention as a Mention (NULL -> None), for consolidation."""
        names = ", ".join(f'"{c}"' for c in Mention.columns())
        rows = self._connection().execute(
            f"SELECT {names} FROM mentions ORDER BY {_ORDER['mentions']}").fetchall()
        return [Mention(*row) for row in rows]

    def events(self) -> pd.DataFrame:
        """Every event (Event.columns()), in the order consolidation gave them."""
        return self._frame("events")

    def control(self) -> pd.DataFrame:
        """Every control interval (ControlInterval.columns()), in the order they were computed."""
        return self._frame("control")


class _Transaction:
    """BEGIN on entry; COMMIT on success, ROLLBACK on any exception."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    def __enter__(self) -> None:
        self.con.execute("BEGIN TRANSACTION")

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        self.con.execute("COMMIT" if kind is None else "ROLLBACK")
