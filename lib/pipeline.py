"""From article files to the store: read, date, analyse what changed, consolidate.

`update` is incremental: an article is analysed again only when its content hash (text,
publication date and outlet: what the extracted rows depend on) differs from the stored one, and
the spaCy model is loaded only when something must be analysed. Events and control are then
recomputed from every stored mention, because one new report can change any of them.

>>> import tempfile, pathlib
>>> from lib.store import Store
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with Store(folder / "s.duckdb") as store:  # doctest: +SKIP
...     update(store, [folder / "corpus"]).processed
5
"""
from __future__ import annotations

import hashlib
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from lib.corpus import Article, Problem, normalise_published, read_articles, with_dct
from lib.store import Store

if TYPE_CHECKING:
    from spacy.language import Language

NO_DCT = ("no publication date: not in the metadata and none could be inferred from the text; "
          "give one (--dct, or set it in the app)")
USER_NOTE = "set by a user in the explorer"
_INFERRED = ("text cue", "inferred", "disputed")


def content_hash(article: Article) -> str:
    """sha256 of what the extracted rows depend on: the text, the publication date and the outlet.

    A changed DCT re-runs the article (every relative date moves with it).

    >>> a = Article("a", "", "Reuters", "", "2024-12-06", "metadata", "Rebels took Hama.")
    >>> content_hash(a) == content_hash(replace(a, title="other title"))
    True
    >>> content_hash(a) == content_hash(replace(a, published="2024-12-07"))
    False
    """
    key = "\x1f".join((article.published, article.source, article.text))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def text_hash(article: Article) -> str:
    """sha256 of the text alone: the same report under two names has the same text hash."""
    return hashlib.sha256(article.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class UpdateReport:
    """What an update did: articles analysed, left as they were, removed; what was skipped."""

    processed: int
    unchanged: int
    removed: int
    problems: tuple[Problem, ...]
    seconds: float


def article_problem(article: Article, reason: str) -> Problem:
    """A Problem at the article's file, naming the article when the file holds more than it."""
    if article.path and article.path != "-" and article.id != Path(article.path).stem:
        reason = f"article {article.id!r}: {reason}"
    return Problem(article.path or article.id, reason)


def update(store: Store, paths: Iterable[str | Path], *, nlp: Language | None = None,
           progress: bool = False, remove_missing: bool = False,
           published: str | None = None) -> UpdateReport:
    """Bring the store up to date with the articles in `paths` (files, folders, .jsonl).

    New and changed articles are analysed and stored one by one (a crash keeps the finished
    ones); unchanged ones are not touched. With remove_missing, stored articles not in `paths`
    are removed. `published` (the CLI's --dct) dates every article, dct_source "user"; otherwise a
    date a user set in the app (Store.overrides) beats the file's own. Problems (unreadable files,
    no date, the same text under two ids, one id with two texts, analysis failures) are returned,
    never raised.
    """
    start = time.perf_counter()
    if published is not None:
        published = normalise_published(published)
    articles, problems, duplicates = _read(store, paths, published)
    known = store.known_hashes()
    hashes = {a.id: content_hash(a) for a in articles}
    todo = [a for a in articles if known.get(a.id) != hashes[a.id]]
    removed = 0
    for article_id in sorted(duplicates & set(known)):  # now known to repeat another article
        store.remove_article(article_id)
        removed += 1
    if remove_missing:
        present = {a.id for a in articles} | duplicates
        for article_id in sorted(set(known) - present):
            store.remove_article(article_id)
            removed += 1
    processed = _analyse_into(store, todo, hashes, nlp, progress, problems) if todo else 0
    if store.derived_stale():
        recompute_derived(store)
    return UpdateReport(processed, len(articles) - len(todo), removed, tuple(problems),
                        time.perf_counter() - start)


def _read(store: Store, paths: Iterable[str | Path],
          published: str | None) -> tuple[list[Article], list[Problem], set[str]]:
    """The articles to keep (dated, each text and id once), the problems, the duplicate ids."""
    overrides, stored = store.overrides(), store.stored_dcts()
    kept: dict[str, Article] = {}
    by_text: dict[str, Article] = {}
    problems: list[Problem] = []
    duplicates: set[str] = set()
    for item in read_articles(paths, infer_dct=False):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        article = _dated(item, published, overrides, stored)
        first_same_id, first_same_text = kept.get(article.id), by_text.get(text_hash(article))
        if first_same_id is not None:
            if first_same_id.text != article.text:
                problems.append(article_problem(article, (
                    f"id {article.id!r} is already used by {first_same_id.path or 'another article'}"
                    " with a different text: skipped (give it an id of its own)")))
            continue  # the same file given twice (a folder and a file in it): nothing to say
        if first_same_text is not None:
            problems.append(article_problem(article, f"same text as {first_same_text.id}"))
            duplicates.add(article.id)
            continue
        if not article.published:
            problems.append(article_problem(article, NO_DCT))
            continue
        kept[article.id] = by_text[text_hash(article)] = article
    duplicates -= set(kept)
    return list(kept.values()), list(dict.fromkeys(problems)), duplicates


def _dated(article: Article, published: str | None, overrides: dict[str, str],
           stored: dict[str, tuple[str, str, str, str]]) -> Article:
    """The article with its DCT: given for the run, set by a user, from the file, or inferred
    (the stored inference is reused when the text has not changed, so no tagging is repeated)."""
    if published is not None:
        return replace(article, published=published, dct_source="user", dct_note="given with --dct")
    if article.id in overrides:
        return replace(article, published=overrides[article.id], dct_source="user",
                       dct_note=USER_NOTE)
    if article.published:
        return with_dct(article)  # a metadata date is checked against the text's dateline
    previous = stored.get(article.id)
    if previous is not None and previous[2] in _INFERRED:
        candidate = replace(article, published=previous[1], dct_source=previous[2],
                            dct_note=previous[3])
        if content_hash(candidate) == previous[0]:
            return candidate
    return with_dct(article)


def _analyse_into(store: Store, todo: Sequence[Article], hashes: dict[str, str],
                  nlp: Language | None, progress: bool, problems: list[Problem]) -> int:
    """Analyse `todo` in batches, storing each article as it comes; on an error, go on one article
    at a time so that only the article that fails is skipped (reported in `problems`)."""
    from tqdm import tqdm

    from lib.extract.articles import analyse
    from lib.extract.spacy_pipeline import ModelNotFound

    done: set[str] = set()
    with tqdm(total=len(todo), unit="article", desc="extract", file=sys.stderr,
              disable=not progress, dynamic_ncols=True) as bar:
        def store_all(results: Iterable[tuple[Article, list, list]]) -> None:
            for article, timexes, mentions in results:
                store.put_article(article, hashes.get(article.id) or content_hash(article),
                                  timexes, mentions)
                done.add(article.id)
                bar.update()

        try:
            store_all(analyse(todo, nlp))
            return len(done)
        except (ModelNotFound, ImportError, MemoryError):
            raise
        except Exception:  # one bad article must not stop the batch: find it, skip it
            pass
        if nlp is None:
            from lib.extract.spacy_pipeline import load_pipeline
            nlp = load_pipeline()
        for article in todo:
            if article.id in done:
                continue
            try:
                store_all(analyse([article], nlp))
            except Exception as error:
                problems.append(article_problem(
                    article, f"analysis failed: {type(error).__name__}: {error}"))
                bar.update()
    return len(done)


def recompute_derived(store: Store) -> None:
    """Consolidate every stored mention into events and control intervals, and store them."""
    from lib.extract.control import control_intervals
    from lib.extract.events import consolidate

    mentions = store.mention_records()
    store.put_derived(consolidate(mentions), control_intervals(mentions))


def set_published(store: Store, article_id: str, published: str, *,
                  nlp: Language | None = None) -> None:
    """Set an article's publication date (ISO date, or date and time), re-analyse it, and recompute
    events and control. The date is kept in the store, so later updates use it too.

    ValueError when the date is not one or the article is not in the store.
    """
    published = normalise_published(published)
    article = store.article(article_id)
    if article is None:
        raise ValueError(f"no article {article_id!r} in the store {store.path}")
    store.set_published_override(article_id, published)
    article = replace(article, published=published, dct_source="user", dct_note=USER_NOTE)
    problems: list[Problem] = []
    _analyse_into(store, [article], {article.id: content_hash(article)}, nlp, False, problems)
    if problems:
        raise RuntimeError(str(problems[0]))
    recompute_derived(store)


__all__ = ["UpdateReport", "article_problem", "content_hash", "recompute_derived",
           "set_published", "text_hash", "update"]
