"""What the store holds, for the home page: counts, the publication range, the latest events, and
one row an article.

>>> from lib.app.explore import empty_events
>>> articles = pd.DataFrame([{"id": "a", "title": "T", "source": "AP", "published": "2024-12-06",
...                           "dct_source": "metadata", "dct_note": "", "text": "x"}])
>>> s = store_summary(articles, pd.DataFrame(columns=["article_id"]), empty_events(),
...                   pd.DataFrame(columns=["city"]))
>>> s.n_articles, s.n_outlets, s.published_range
(1, 1, '6 Dec 2024')
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from lib.app.briefing import plain_line
from lib.app.explore import latest_developments
from lib.temporal.spans import day_of

if TYPE_CHECKING:
    from lib.app.query import EventIndex
    from lib.store import Store

ARTICLE_COLUMNS = ["id", "title", "source", "published", "dct_source", "dct_note", "words",
                   "timexes", "events"]


@dataclass(frozen=True)
class StoreSummary:
    n_articles: int
    n_outlets: int
    published_range: str
    n_events: int
    n_cities: int
    latest: pd.DataFrame
    latest_lines: list[str]
    article_table: pd.DataFrame


def store_summary(articles: pd.DataFrame, timexes: pd.DataFrame, events: pd.DataFrame,
                  control: pd.DataFrame, mentions: pd.DataFrame | None = None, *,
                  latest: int = 6) -> StoreSummary:
    """Counts and tables for the home page."""
    published = _published_range(articles)
    precise = events[pd.to_numeric(events.get("geo_precision"), errors="coerce").fillna(1) <= 1] \
        if len(events) else events
    cities = set(control["city"].dropna()) | set(precise["location"].dropna()) if len(events) \
        else set(control["city"].dropna())
    cities.discard("")
    newest = latest_developments(events, limit=latest)
    article_of = (dict(zip(mentions["mention_id"], mentions["article_id"]))
                  if mentions is not None and len(mentions) else {})
    mentioned = events["mention_ids"].fillna("").astype(str).str.split("; ") if len(events) else []
    per_article: dict[str, int] = {}
    for ids in mentioned:
        for article_id in {article_of[i] for i in ids if i in article_of}:
            per_article[article_id] = per_article.get(article_id, 0) + 1
    n_timexes = timexes.groupby("article_id").size() if len(timexes) else pd.Series(dtype=int)
    table = articles.assign(
        words=articles["text"].fillna("").astype(str).str.split().str.len(),
        timexes=articles["id"].map(n_timexes).fillna(0).astype(int),
        events=articles["id"].map(per_article).fillna(0).astype(int),
    ).reindex(columns=ARTICLE_COLUMNS)
    return StoreSummary(
        n_articles=len(articles), n_outlets=articles["source"].replace("", None).nunique(),
        published_range=published, n_events=len(events), n_cities=len(cities), latest=newest,
        latest_lines=[plain_line(r, mentions) for r in newest.to_dict("records")],
        article_table=table)


def _published_range(articles: pd.DataFrame) -> str:
    days = sorted(day_of(d) for d in articles["published"].fillna("").astype(str) if d)
    return "unknown" if not days else days_between(days[0], days[-1])


def days_between(first: str, last: str) -> str:
    """Two ISO days as short as a headline figure can show them, the shared month and year once.

    >>> days_between("2024-12-06", "2024-12-07"), days_between("2024-11-30", "2024-12-07")
    ('6–7 Dec 2024', '30 Nov – 7 Dec 2024')
    >>> days_between("2013-08-21", "2017-11-26"), days_between("2024-12-06", "2024-12-06")
    ('21 Aug 2013 – 26 Nov 2017', '6 Dec 2024')
    >>> days_between("unparsed", "2024-12-06")
    'unparsed – 2024-12-06'
    """
    try:
        a, b = date.fromisoformat(first[:10]), date.fromisoformat(last[:10])
    except ValueError:
        return first if first == last else f"{first} – {last}"
    if a == b:
        return f"{a.day} {a:%b %Y}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {b:%b %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%b} – {b.day} {b:%b %Y}"
    return f"{a.day} {a:%b %Y} – {b.day} {b:%b %Y}"


def indexed_summary(store: "Store", index: "EventIndex", *, latest: int = 6) -> StoreSummary:
    """store_summary by queries: the events of the index (lib.app.query.EventIndex), the
    articles' words, timexes and events counted in the store; no table is read whole (the
    articles' texts stay in the store, the mentions read are those of the latest events)."""
    from lib.app.query import article_rows, control_cities, mentions_by_id

    articles = article_rows(store)
    per_article = index.events_per_article(store)
    cities = control_cities(store) | index.cities()
    newest = index.latest(latest)
    ids = [i for cell in newest["mention_ids"].fillna("") for i in str(cell).split("; ")[:8] if i]
    mentions = mentions_by_id(store, ids)
    table = articles.assign(events=articles["id"].map(per_article).fillna(0).astype(int))
    return StoreSummary(
        n_articles=len(articles), n_outlets=articles["source"].replace("", None).nunique(),
        published_range=_published_range(articles), n_events=index.n_events,
        n_cities=len(cities), latest=newest,
        latest_lines=[plain_line(r, mentions) for r in newest.to_dict("records")],
        article_table=table.reindex(columns=ARTICLE_COLUMNS))
