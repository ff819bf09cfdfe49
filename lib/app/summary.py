"""What the store holds, for the home page: counts, the publication range, the latest events, and
one row an article.

>>> from lib.app.explore import empty_events
>>> articles = pd.DataFrame([{"id": "a", "title": "T", "source": "AP", "published": "2024-12-06",
...                           "dct_source": "metadata", "dct_note": "", "text": "x"}])
>>> s = store_summary(articles, pd.DataFrame(columns=["article_id"]), empty_events(),
...                   pd.DataFrame(columns=["city"]))
>>> s.n_articles, s.n_outlets, s.published_range
(1, 1, '2024-12-06')
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.app.briefing import plain_line
from lib.app.explore import latest_developments
from lib.temporal.spans import day_of

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
    days = sorted(day_of(d) for d in articles["published"].fillna("").astype(str) if d)
    published = ("unknown" if not days else days[0] if days[0] == days[-1]
                 else f"{days[0]} – {days[-1]}")
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
