"""The Timeline's events in DuckDB: filtered, counted, paged and aggregated by queries, never
loaded whole into pandas on a rerun.

`materialise` writes, once per store version (a later server of the same version opens the file it
finds, `open_index`), the events as the desk shows them (every analyst correction applied,
`date_basis`, `place_row` and `source_url` added, as lib.app.explore's describe_events does) into a
Parquet file, with the columns the filters read (`_start`, `_end`, `_current`, `_actors`,
`_sources`, `_order`, `_row`). Corrections cost no pass over every event: only the events a
correction can reach (its event id or one of its mention ids, the event a merge names) go through
lib.corrections.apply_corrections; the rest are described in SQL. Then each rerun runs a few queries
over that file (`EventIndex`): a count, a page of the table, the points of the chart or, past
POINTS_LIMIT events, their counts by day and row.

>>> import tempfile, pathlib
>>> from lib.store import Store
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with Store(folder / "s.duckdb") as store:
...     index = materialise(store, folder / "events.parquet")
>>> index.n_events, index.count(EventFilter())
(0, 0)
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import duckdb
import pandas as pd

from lib import corrections
from lib.app.explore import (BACKGROUND_DAYS, BASIS_ANALYST, BASIS_PUBLICATION, BASIS_TEXT,
                             ROW_CITY, ROW_ELSEWHERE, SEARCHED, SEP, TABLE_COLUMNS, EventFilter,
                             FilterOptions)
from lib.app.geo import LAT_RANGE, LON_RANGE
from lib.model import DATE_FROM_PUBLICATION, Event

if TYPE_CHECKING:
    from lib.store import Store

# Past this many events the chart shows their counts by day and row, not one mark each.
POINTS_LIMIT = 3_000
# The columns the chart's marks and hover read (lib.app.charts.timeline_figure).
FIGURE_COLUMNS = ["event_id", "event_date", "date_start", "date_end", "time_precision",
                  "event_type", "sub_event_type", "actor1", "actor2", "side1", "location",
                  "n_sources", "source", "claim_status", "date_text", "timex_value", "date_basis",
                  "place_row", "provenance", "corrections"]
# The table's order (latest first, best sourced first); the file is written in it (`_row`).
TABLE_ORDER = "_start DESC, n_sources DESC NULLS LAST, event_id, _order"
# An event's first day (explore's _starts), over a relation named s.
_START_SQL = ("substr(CASE WHEN coalesce(s.date_start, '') <> '' THEN s.date_start "
              "ELSE coalesce(s.event_date, '') END, 1, 10)")
_HELPERS = "_start, _end, _current, _actors, _sources, _order, _row"
# What the text search looks in (explore's SEARCHED), lower-cased: made by each search, not kept
# in the file (it would double the file's text).
_TEXT_SQL = ("lower(concat_ws(' ', "
             + ", ".join(f"coalesce(CAST(\"{c}\" AS VARCHAR), '')" for c in SEARCHED) + "))")
_SQL_TYPES = {"str": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN"}


def _event_types() -> dict[str, str]:
    """Event column -> its SQL type (as lib.store declares them)."""
    from lib.store import TABLES

    return dict(TABLES["events"])


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# --- materialising ----------------------------------------------------------------------------------

def _split_sql(column: str) -> str:
    """The "; "-joined parts of a column, trimmed, blanks dropped (explore's _split, _any_of)."""
    return (f"list_filter(list_transform(string_split(coalesce({column}, ''), ';'), "
            f"lambda x: trim(x)), lambda x: x <> '')")


def _described_sql(source: str) -> str:
    """SELECT of `source` (events with `_order`, `provenance`, `corrections`) with what
    describe_events adds and the filters' columns."""
    publication = DATE_FROM_PUBLICATION.value
    start = _START_SQL
    return f"""
    WITH ids AS (
        SELECT _order, unnest(l) AS mid, generate_subscripts(l, 1) AS pos
        FROM (SELECT _order, string_split(coalesce(mention_ids, ''), '{SEP}') AS l FROM {source})),
    per AS (
        SELECT i._order, i.pos, m.date_source, a.url
        FROM ids i LEFT JOIN mentions m ON m.mention_id = i.mid
        LEFT JOIN articles a ON a.id = m.article_id WHERE i.mid <> ''),
    basis AS (
        SELECT _order, bool_and(coalesce(date_source, '') = '{publication}') AS undated
        FROM per GROUP BY _order),
    rows AS (  -- the table's order, sorted on the narrow columns alone
        SELECT _order, row_number() OVER (ORDER BY {TABLE_ORDER.replace("_start", start)}) AS _row
        FROM {source} s),
    urls AS (
        SELECT _order, string_agg(url, '{SEP}' ORDER BY first) AS source_url
        FROM (SELECT _order, url, min(pos) AS first FROM per WHERE coalesce(url, '') <> ''
              GROUP BY _order, url) GROUP BY _order)
    SELECT s.* EXCLUDE (_order),
        CASE WHEN s.anchor = 'analyst' THEN '{BASIS_ANALYST}'
             WHEN b.undated THEN '{BASIS_PUBLICATION}' ELSE '{BASIS_TEXT}' END AS date_basis,
        CASE WHEN coalesce(s.location, '') <> ''
              AND s.latitude BETWEEN {LAT_RANGE[0]} AND {LAT_RANGE[1]}
              AND s.longitude BETWEEN {LON_RANGE[0]} AND {LON_RANGE[1]}
              AND coalesce(nullif(s.geo_precision, 0), 3) <= 1
             THEN '{ROW_CITY}' ELSE '{ROW_ELSEWHERE}' END AS place_row,
        coalesce(u.source_url, '') AS source_url,
        {start} AS _start,
        CASE WHEN coalesce(s.date_end, '') <> '' THEN substr(s.date_end, 1, 10)
             ELSE {start} END AS _end,
        NOT coalesce(lower(trim(CAST(s.background AS VARCHAR))) IN ('true', '1', 'yes'), false)
            AS _current,
        list_distinct(list_concat({_split_sql('s.actor1')}, {_split_sql('s.actor2')})) AS _actors,
        {_split_sql('s.source')} AS _sources,
        s._order AS _order, r._row AS _row
    FROM {source} s JOIN rows r USING (_order) LEFT JOIN basis b USING (_order)
    LEFT JOIN urls u USING (_order)
    """


def _reached(store: "Store", fixes: pd.DataFrame) -> pd.DataFrame:
    """The events a correction can reach (its event id or a mention in common; for a merge, the
    event it names too), each with its `_order` (its row in the store)."""
    ids = set(fixes["event_id"]) | set(fixes.loc[fixes["action"] == corrections.MERGE, "value"])
    mentions = {part.strip() for column in ("mention_ids", "target_mention_ids")
                for cell in fixes[column].fillna("") for part in str(cell).split(SEP)
                if part.strip()}
    names = ", ".join(_q(c) for c in Event.columns())
    return store.explorer_frame(
        f"SELECT {names}, rowid AS _order FROM events WHERE event_id IN (SELECT unnest(?)) "
        f"OR list_has_any({_split_sql('mention_ids')}, ?) ORDER BY rowid",
        [sorted(i for i in ids if i) or [""], sorted(mentions) or [""]])


def _corrected(store: "Store", reached: pd.DataFrame, fixes: pd.DataFrame) -> pd.DataFrame:
    """The reached events with the corrections applied (lib.corrections), typed as the store's
    events, `_order` kept."""
    fixed = corrections.apply_corrections(reached, fixes)
    types = _event_types()
    for column, sql_type in types.items():
        if sql_type in ("BIGINT", "DOUBLE"):
            fixed[column] = pd.to_numeric(fixed[column], errors="coerce")
        elif sql_type == "BOOLEAN":
            fixed[column] = fixed[column].map(lambda v: None if v is None or pd.isna(v) else bool(v))
        else:
            fixed[column] = fixed[column].map(lambda v: None if v is None or (
                isinstance(v, float) and pd.isna(v)) else str(v)).astype(object)
    fixed["_order"] = pd.to_numeric(fixed["_order"]).astype("int64")
    return fixed


@dataclass(frozen=True)
class EventIndex:
    """The Parquet file of the desk's events and the queries over it (one in-memory DuckDB
    connection; a cursor a query, so sessions in threads may share it)."""

    path: Path
    n_events: int
    period: tuple[dt.date, dt.date] | None
    options: FilterOptions
    connection: duckdb.DuckDBPyConnection

    def _rows(self, sql: str, params: list) -> pd.DataFrame:
        frame = self.connection.cursor().execute(sql, params).df()
        # plain Python strings: the figures and the table iterate them cell by cell, which is
        # several times slower over pandas' Arrow-backed strings
        return frame.astype({c: object for c in frame.columns if frame[c].dtype == "str"})

    def _from(self) -> str:
        return f"read_parquet('{_sql_string(str(self.path))}')"

    def count(self, chosen: EventFilter) -> int:
        where, params = where_sql(chosen)
        return int(self.connection.cursor().execute(
            f"SELECT count(*) FROM {self._from()} WHERE {where}", params).fetchone()[0])

    def page(self, chosen: EventFilter, size: int, number: int) -> pd.DataFrame:
        """Page `number` (from 1) of `size` rows of the table (TABLE_COLUMNS), latest first."""
        where, params = where_sql(chosen)
        offset = max(0, (number - 1) * size)
        return self._table(where, params, f"LIMIT {int(size)} OFFSET {int(offset)}")

    def table(self, chosen: EventFilter) -> pd.DataFrame:
        """Every row the filter keeps (TABLE_COLUMNS), latest first: what the CSV holds."""
        where, params = where_sql(chosen)
        return self._table(where, params, "")

    def _table(self, where: str, params: list, limit: str) -> pd.DataFrame:
        columns = ", ".join(_q(c) for c in TABLE_COLUMNS)
        return self._rows(f"SELECT {columns} FROM {self._from()} WHERE {where} ORDER BY _row "
                          f"{limit}", params)

    def points(self, chosen: EventFilter) -> pd.DataFrame:
        """The chart's columns of every event the filter keeps, in the store's order."""
        where, params = where_sql(chosen)
        columns = ", ".join(_q(c) for c in FIGURE_COLUMNS)
        return self._rows(f"SELECT {columns} FROM {self._from()} WHERE {where} ORDER BY _order",
                          params)

    def density(self, chosen: EventFilter, *, group_by: str, color_by: str) -> pd.DataFrame:
        """The events the filter keeps counted by first day, row (`group_by`) and colour
        (`color_by`): day, row, colour, elsewhere (a row that is not a city of the map), events."""
        where, params = where_sql(chosen)
        elsewhere = "bool_and(place_row = 'elsewhere')" if group_by == "location" else "false"
        return self._rows(
            f"SELECT _start AS day, coalesce({_q(group_by)}, '') AS row, "
            f"coalesce({_q(color_by)}, '') AS colour, {elsewhere} AS elsewhere, "
            f"count(*) AS events FROM {self._from()} WHERE {where} AND _start <> '' "
            f"GROUP BY ALL ORDER BY day, row, colour", params)

    def event(self, event_id: str, chosen: EventFilter | None = None) -> dict | None:
        """One event's row (every column), when the filter (if given) keeps it."""
        where, params = where_sql(chosen) if chosen is not None else ("true", [])
        rows = self._rows(f"SELECT * EXCLUDE ({_HELPERS}) FROM {self._from()} "
                          f"WHERE {where} AND event_id = ? LIMIT 1",
                          [*params, event_id])
        return rows.iloc[0].to_dict() if len(rows) else None

    def events(self, chosen: EventFilter) -> pd.DataFrame:
        """Every column of the events the filter keeps, in the store's order (what
        lib.app.explore.filter_events keeps of the desk's events)."""
        where, params = where_sql(chosen)
        return self._rows(f"SELECT * EXCLUDE ({_HELPERS}) FROM {self._from()} WHERE {where} "
                          f"ORDER BY _order", params)

    def latest(self, limit: int) -> pd.DataFrame:
        """explore.latest_developments of the events: the most recent current events, one per
        place, best-sourced first within a day (every column). The best of each place chosen on
        the few columns the order reads, then the first `limit` read whole (a million rows ranked
        with every column cost seconds)."""
        order = ("_start DESC, coalesce(claim_status = 'denied', false), coalesce(n_sources, 0) "
                 "DESC, event_id, _order")
        return self._rows(
            f"WITH firsts AS (SELECT _order, _start, claim_status, n_sources, event_id "
            f"FROM {self._from()} WHERE _current QUALIFY coalesce(location, '') = '' OR "
            f"row_number() OVER (PARTITION BY location ORDER BY {order}) = 1), "
            f"chosen AS (SELECT _order FROM firsts ORDER BY {order} LIMIT {int(limit)}) "
            f"SELECT * EXCLUDE ({_HELPERS}) FROM {self._from()} "
            f"WHERE _order IN (SELECT _order FROM chosen) ORDER BY {order}", [])

    def places(self) -> pd.DataFrame:
        """The places the events name at city precision (geo_precision 1, or none given), in the
        order each is first named: location, latitude, longitude (of its first event that has
        them), n_events (what lib.app.control_map.event_places makes of the events)."""
        point = "[latitude, longitude]"
        return self._rows(
            f"SELECT location, coalesce(arg_min({point}, _order) FILTER (WHERE latitude IS NOT "
            f"NULL AND NOT isnan(latitude)), arg_min({point}, _order)) AS _point, "
            f"count(*) AS n_events, min(_order) AS _first FROM {self._from()} "
            f"WHERE coalesce(location, '') <> '' AND coalesce(nullif(geo_precision, 0), 1) <= 1 "
            f"GROUP BY location ORDER BY _first", []).pipe(_points)

    def cities(self) -> set[str]:
        """The places the events name with geo_precision 1 or none (the Home page's count)."""
        rows = self.connection.cursor().execute(
            f"SELECT DISTINCT location FROM {self._from()} WHERE coalesce(location, '') <> '' "
            f"AND coalesce(geo_precision, 1) <= 1").fetchall()
        return {str(v) for (v,) in rows}

    def events_per_article(self, store: "Store") -> dict[str, int]:
        """How many events each article reports (an event counted once an article, whatever the
        number of its mentions there)."""
        rows = store.explorer_frame(
            f"SELECT m.article_id, count(DISTINCT e._order) AS n FROM (SELECT _order, "
            f"unnest(string_split(coalesce(mention_ids, ''), '{SEP}')) AS mid FROM "
            f"{self._from()}) e JOIN mentions m ON m.mention_id = e.mid GROUP BY m.article_id")
        return dict(zip(rows["article_id"], rows["n"].astype(int)))

    def near(self, event: dict, *, days: int = 7, limit: int = 200) -> pd.DataFrame:
        """Events another one may be merged into: the same place or within `days` of it, the
        closest in time first (event_id, event_date, location, sub_event_type, event_type,
        mention_ids)."""
        start = str(event.get("date_start") or event.get("event_date") or "")[:10]
        return self._rows(
            f"SELECT event_id, event_date, location, sub_event_type, event_type, mention_ids "
            f"FROM {self._from()} WHERE event_id <> ? AND (location = ? OR ? = '' OR "
            f"abs(date_diff('day', TRY_CAST(_start AS DATE), TRY_CAST(? AS DATE))) <= {int(days)}) "
            f"ORDER BY abs(date_diff('day', TRY_CAST(_start AS DATE), TRY_CAST(? AS DATE))) "
            f"NULLS LAST, event_id LIMIT {int(limit)}",
            [str(event.get("event_id")), str(event.get("location") or ""), start, start, start])


def _points(frame: pd.DataFrame) -> pd.DataFrame:
    """`_point` ([latitude, longitude]) as two columns, NaN made None."""
    def part(point, n: int):
        value = None if point is None else point[n]
        return None if value is None or value != value else float(value)

    return pd.DataFrame({"location": frame["location"],
                         "latitude": [part(p, 0) for p in frame["_point"]],
                         "longitude": [part(p, 1) for p in frame["_point"]],
                         "n_events": frame["n_events"].astype(int)})


# Python's str.split() separators (str.isspace), for DuckDB's regular expressions (RE2's \s is
# ASCII only).
_SPACE = r"\s\x{0b}\x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"


def article_rows(store: "Store") -> pd.DataFrame:
    """The stored articles without their text, sorted by id: id, title, source, url, published,
    dct_source, dct_note, and `words` (the number of words of the text, as str.split() counts
    them) and `timexes` (the number of its timexes), counted in the store."""
    return store.explorer_frame(
        f"SELECT a.id, a.title, a.source, a.url, a.published, a.dct_source, a.dct_note, "
        f"CAST(len(regexp_extract_all(coalesce(a.text, ''), '[^{_SPACE}]+')) AS BIGINT) AS words, "
        f"CAST(coalesce(t.n, 0) AS BIGINT) AS timexes FROM articles a LEFT JOIN (SELECT "
        f"article_id, count(*) AS n FROM timexes GROUP BY article_id) t ON t.article_id = a.id "
        f"ORDER BY a.id")


def control_cities(store: "Store") -> set[str]:
    """The cities of the control table."""
    rows = store.explorer_frame("SELECT DISTINCT city FROM control WHERE coalesce(city, '') <> ''")
    return set(rows["city"])


def article_texts(store: "Store", day: str = "", *, batch: int = 500) -> Iterator[str]:
    """The text of every stored article published by `day` (all when ""), read a batch at a
    time (never every text at once)."""
    where = "WHERE substr(published, 1, 10) <> '' AND substr(published, 1, 10) <= ?" if day else ""
    ids = store.explorer_frame(f"SELECT id FROM articles {where} ORDER BY id",
                               [day[:10]] if day else [])["id"].tolist()
    for start in range(0, len(ids), batch):
        chunk = store.explorer_frame("SELECT coalesce(text, '') AS text FROM articles WHERE id IN "
                                     "(SELECT unnest(?)) ORDER BY id", [ids[start:start + batch]])
        yield from chunk["text"]


def mentions_by_id(store: "Store", mention_ids: list[str]) -> pd.DataFrame:
    """The mentions of these ids, in the mentions table's order (article, sentence, trigger)."""
    from lib.model import Mention

    names = ", ".join(_q(c) for c in Mention.columns())
    return store.explorer_frame(
        f"SELECT {names} FROM mentions WHERE mention_id IN (SELECT unnest(?)) ORDER BY "
        f"article_id, sentence_start, trigger_start, mention_id", [list(mention_ids) or [""]])


def reports_after(store: "Store", day: str) -> int:
    """How many stored articles were published after `day`, or have no publication day."""
    return int(store.explorer_frame(
        "SELECT count(*) AS n FROM articles WHERE substr(coalesce(published, ''), 1, 10) = '' "
        "OR substr(published, 1, 10) > ?", [day[:10]])["n"].iloc[0])


def mentions_published_by(store: "Store", day: str) -> pd.DataFrame:
    """Every mention of a report published by the end of `day` (Mention.columns()), in the
    mentions table's order: what a briefing as of that day consolidates."""
    from lib.model import Mention

    names = ", ".join(_q(c) for c in Mention.columns())
    return store.explorer_frame(
        f"SELECT {names} FROM mentions WHERE substr(coalesce(published, ''), 1, 10) <> '' AND "
        f"substr(published, 1, 10) <= ? ORDER BY article_id, sentence_start, trigger_start, "
        f"mention_id", [day[:10]])


def _sql_string(text: str) -> str:
    return text.replace("'", "''")


def where_sql(chosen: EventFilter) -> tuple[str, list]:
    """The WHERE clause (and its parameters) of a filter over the materialised events, as
    lib.app.explore.filter_events keeps them.

    >>> clause, params = where_sql(EventFilter(cities=("Homs",), text="took Hama"))
    >>> clause.startswith("_current AND location IN (SELECT unnest(?)) AND "), params
    (True, [['Homs'], ['took', 'hama']])
    """
    parts: list[str] = []
    params: list = []
    if not chosen.background:
        parts.append("_current")
    if chosen.date_from:
        parts.append("_end >= ?")
        params.append(chosen.date_from[:10])
    if chosen.date_to:
        parts.append("_start <= ?")
        params.append(chosen.date_to[:10])
    for column, values in (("location", chosen.cities), ("event_type", chosen.event_types),
                           ("claim_status", chosen.claim_statuses)):
        if values:
            parts.append(f"{column} IN (SELECT unnest(?))")
            params.append(list(values))
    if chosen.actors:
        parts.append("list_has_any(_actors, ?)")
        params.append(list(chosen.actors))
    if chosen.sources:
        parts.append("list_has_any(_sources, ?)")
        params.append(list(chosen.sources))
    if chosen.min_sources > 1:
        parts.append("coalesce(n_sources, 0) >= ?")
        params.append(int(chosen.min_sources))
    words = chosen.text.lower().split()  # DuckDB's lower(), as the searched text is made
    if words:
        parts.append(f"list_bool_and(list_transform(?, lambda w: contains({_TEXT_SQL}, w)))")
        params.append(words)
    return " AND ".join(parts) or "true", params


def _options(con: duckdb.DuckDBPyConnection, source: str) -> FilterOptions:
    """The choices of explore.filter_options, by queries (the current events, or every event
    when there are none)."""
    current = con.execute(f"SELECT count(*) FROM {source} WHERE _current").fetchone()[0]
    rows = f"(SELECT * FROM {source} WHERE {'_current' if current else 'true'})"
    n, first, last, top = con.execute(
        f"SELECT count(*), min(nullif(_start, '')), max(nullif(_end, '')), max(n_sources) "
        f"FROM {rows}").fetchone()
    if not n:
        return FilterOptions(first_day=None, last_day=None)

    def distinct(expression: str) -> list[str]:
        found = con.execute(f"SELECT DISTINCT {expression} AS v FROM {rows}").fetchall()
        return sorted(str(v) for (v,) in found if v is not None and str(v) != "")

    return FilterOptions(
        first_day=dt.date.fromisoformat(first) if first else None,
        last_day=dt.date.fromisoformat(last) if last else None,
        cities=distinct("location"), actors=distinct("unnest(_actors)"),
        event_types=distinct("event_type"), sources=distinct("unnest(_sources)"),
        max_sources=int(top or 1), claim_statuses=distinct("claim_status"))


def _period(con: duckdb.DuckDBPyConnection, source: str, published: tuple[str | None, str | None]
            ) -> tuple[dt.date, dt.date] | None:
    """explore.reporting_period by a query: the first and last publication (`published`), and
    the current events starting at most BACKGROUND_DAYS before the first or after the last."""
    first_pub, last_pub = published
    if not first_pub:
        top = con.execute(f"SELECT max(_start) FROM {source} WHERE length(_start) = 10").fetchone()[0]
        if not top:
            return None
        first_pub = last_pub = top
    floor = (dt.date.fromisoformat(first_pub) - dt.timedelta(days=BACKGROUND_DAYS)).isoformat()
    ceiling = (dt.date.fromisoformat(last_pub) + dt.timedelta(days=BACKGROUND_DAYS)).isoformat()
    low, high = con.execute(
        f"SELECT min(least(_start, least(_end, ?))), max(greatest(_start, least(_end, ?))) "
        f"FROM {source} WHERE length(_start) = 10 AND _current AND _start BETWEEN ? AND ?",
        [ceiling, ceiling, floor, ceiling]).fetchone()
    days = [d for d in (first_pub, last_pub, low, high) if d]
    return dt.date.fromisoformat(min(days)), dt.date.fromisoformat(max(days))


# What the file holds, as a tag in its name: a file written by other code is never reused.
FILE_FORMAT = hashlib.sha1("\n".join([_described_sql("s"), *FIGURE_COLUMNS, *TABLE_COLUMNS,
                                      *Event.columns()]).encode()).hexdigest()[:8]


def materialise(store: "Store", target: Path) -> EventIndex:
    """Write the desk's events of `store` into the Parquet file `target` (replaced whole, so a
    reader never sees half of it) and open them; see the module's docstring."""
    fixes = corrections.read(store)
    names = ", ".join(_q(c) for c in Event.columns())
    base = f"(SELECT {names}, rowid AS _order FROM events)"
    fixed = None
    if len(fixes):
        reached = _reached(store, fixes)
        fixed = _corrected(store, reached, fixes)
        skipped = ", ".join(str(int(n)) for n in reached["_order"]) or "-1"
        base = (f"(SELECT {names}, rowid AS _order FROM events WHERE rowid NOT IN ({skipped}))")
    extracted = (f"SELECT *, '{corrections.PROVENANCE_EXTRACTED}' AS provenance, "
                 f"'' AS corrections FROM {base}")
    if fixed is not None and len(fixed):
        types = _event_types()
        typed = ", ".join(f"CAST({_q(c)} AS {types[c]}) AS {_q(c)}" for c in Event.columns())
        extracted += (f" UNION ALL SELECT {typed}, CAST(_order AS BIGINT), provenance, "
                      f"corrections FROM explorer_fixed")
    source = f"({extracted})"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + f".{os.getpid()}.part")
    published = store.explorer_published_range()
    described = _described_sql(source)
    store.explorer_copy(described,
                        partial, {"explorer_fixed": fixed} if fixed is not None else {})
    os.replace(partial, target)
    return open_index(target, published)


def open_index(path: Path, published: tuple[str | None, str | None]) -> EventIndex:
    """An EventIndex over a materialised file."""
    con = duckdb.connect()
    source = f"read_parquet('{_sql_string(str(path))}')"
    n = con.execute(f"SELECT count(*) FROM {source}").fetchone()[0]
    return EventIndex(path=path, n_events=int(n), period=_period(con, source, published),
                      options=_options(con, source), connection=con)

