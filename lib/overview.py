"""What the corpus holds, as tables the first page shows: one row an article, and what was skipped.

>>> overview = corpus_overview([DATA_DIR / "corpus"])
>>> len(overview.articles), list(overview.articles.columns)[:4]
(5, ['id', 'title', 'source', 'published'])
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pandas as pd

from lib.corpus import Article, Problem, read_articles
from lib.settings import DATA_DIR  # noqa: F401  (used by the doctest)
from lib.temporal import tag

ARTICLE_COLUMNS = ["id", "title", "source", "published", "dct_source", "dct_note", "words",
                   "timexes", "first_expressions"]


@dataclass(frozen=True)
class Overview:
    articles: pd.DataFrame
    problems: tuple[Problem, ...]


def corpus_overview(paths: Iterable[str | Path]) -> Overview:
    """Read the articles in `paths`, tag each, and summarise them (skipped files in `problems`)."""
    rows, problems = [], []
    for item in read_articles(paths):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        rows.append(_row(item))
    return Overview(pd.DataFrame(rows, columns=ARTICLE_COLUMNS), tuple(problems))


def _row(article: Article) -> dict:
    timexes = tag(article.text, article.dct)
    shown = ", ".join(f"{t.text} → {t.value}" for t in timexes[:4])
    return {"id": article.id, "title": article.title, "source": article.source,
            "published": article.published, "dct_source": article.dct_source,
            "dct_note": getattr(article, "dct_note", ""), "words": len(article.text.split()),
            "timexes": len(timexes), "first_expressions": shown}
