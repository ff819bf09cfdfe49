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

import contextlib
import hashlib
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

from lib.corpus import Article, Problem, normalise_published, read_articles, with_dct
from lib.corpus.article import check_range
from lib.store import EditConflict, Store

if TYPE_CHECKING:
    from spacy.language import Language

NO_DCT = ("no publication date: not in the metadata and none could be inferred from the text; "
          "give one (--dct, or set it in the app)")
USER_NOTE = "set by a user in the explorer"
_INFERRED = ("text cue", "inferred", "disputed")
STORE_BATCH = 256  # articles analysed and stored in one transaction


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
    """What an update did: articles analysed, left as they were, removed; what was skipped.

    not_in_inputs: stored articles the inputs did not give (kept: only prune removes them);
    waiting: articles read but waiting for a publication date (Store.pending lists them)."""

    processed: int
    unchanged: int
    removed: int
    problems: tuple[Problem, ...]
    seconds: float
    not_in_inputs: tuple[str, ...] = ()
    waiting: tuple[str, ...] = ()


class PruneRefused(ValueError):
    """--prune with an input that does not exist: pruning would remove what it held."""


Progress = Callable[[int, int], None]


def article_problem(article: Article, reason: str) -> Problem:
    """A Problem at the article's file, naming the article when the file holds more than it."""
    if article.path and article.path != "-" and article.id != Path(article.path).stem:
        reason = f"article {article.id!r}: {reason}"
    return Problem(article.path or article.id, reason)


def update(store: Store, paths: Iterable[str | Path], *, nlp: Language | None = None,
           progress: bool = False, prune: bool = False, remove_missing: bool | None = None,
           published: str | None = None, on_progress: Progress | None = None) -> UpdateReport:
    """Bring the store up to date with the articles in `paths` (files, folders, .jsonl).

    New and changed articles are read again from their files, analysed and stored in batches
    of STORE_BATCH, one transaction each (a crash keeps the finished batches; no more than a
    batch of texts is held); unchanged ones are not touched. Nothing is removed because an input is missing or
    can't be read: only with `prune` are stored articles that the inputs no longer give removed,
    and then never those of a file that could not be read; `prune` with an input that does not
    exist raises PruneRefused before anything changes (remove_missing is its old name).
    `published` (the CLI's --dct) dates every article, dct_source "user"; otherwise a date a user
    set in the app (Store.overrides) beats the file's own. Problems (unreadable files, no date,
    the same text under two ids, one id with two texts, analysis failures) are returned, never
    raised; articles without a date are recorded as waiting for one (Store.pending).
    on_progress(done, total) is called as articles are analysed.
    """
    start = time.perf_counter()
    paths = [str(p) for p in paths]
    prune = bool(prune or remove_missing)
    if prune:
        _check_prunable(paths)
    if published is not None:
        published = normalise_published(published)
    overrides = store.overrides() if published is None else {}
    stored = store.stored_dcts()
    seen, problems, duplicates, waiting, files_read = _read(paths, published, overrides, stored)
    known = store.known_hashes()
    todo = [s for s in seen if known.get(s.id) != s.hash]
    removed = 0
    for article_id in sorted(duplicates & set(known)):  # now known to repeat another article
        store.remove_article(article_id)
        removed += 1
    present = {s.id for s in seen} | duplicates | {a.id for a in waiting}
    absent = sorted(set(known) - present)
    if prune and absent:
        protected = _unreadable_places(problems)
        stored_paths = dict(store.articles()[["id", "path"]].itertuples(index=False))
        for article_id in absent:
            if not _under(stored_paths.get(article_id) or "", protected):
                store.remove_article(article_id)
                store.remove_pending([article_id])
                removed += 1
        still = store.known_hashes()
        absent = [a for a in absent if a in still]
    store.set_pending(files_read, waiting)
    used = {s.id: overrides[s.id] for s in seen if s.id in overrides}
    articles = _articles(todo, published, overrides, stored, problems)
    processed = (_analyse_into(store, articles, len(todo), {s.id: s.hash for s in todo}, nlp,
                               progress, problems, on_progress, used) if todo else 0)
    if store.derived_stale():
        recompute_derived(store)
    return UpdateReport(processed, len(seen) - len(todo), removed, tuple(problems),
                        time.perf_counter() - start, tuple(absent), tuple(a.id for a in waiting))


def _check_prunable(paths: Sequence[str]) -> None:
    """PruneRefused when an input does not exist or is a folder without article files (a typo, an
    unmounted drive): pruning against it would remove everything it used to give."""
    from lib.corpus import folder_entries

    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if missing:
        raise PruneRefused(f"refusing to prune: {', '.join(missing)} does not exist (a typo?); "
                           "nothing was removed. Check the inputs, or run without --prune")
    empty = [p for p in paths if p != "-" and Path(p).is_dir() and not folder_entries(Path(p))[0]]
    if empty:
        raise PruneRefused(f"refusing to prune: the folder {', '.join(empty)} holds no article "
                           "files; nothing was removed. Check the inputs, or run without --prune")


def _unreadable_places(problems: Sequence[Problem]) -> list[str]:
    """The files and folders a problem was reported at ("path:line" -> "path")."""
    places = []
    for problem in problems:
        where = problem.where
        if not Path(where).exists() and ":" in where:
            where = where.rsplit(":", 1)[0]
        places.append(str(Path(where).absolute()))
    return places


def _under(path: str, places: Sequence[str]) -> bool:
    if not path:
        return False
    absolute = str(Path(path).absolute())
    return any(absolute == place or absolute.startswith(place.rstrip("/") + "/") for place in places)


@dataclass(frozen=True, slots=True)
class _Seen:
    """An article read, without its text (re-read from its file to be analysed): what deciding
    what to analyse needs. `article` is kept only for stdin, which cannot be read twice."""
    id: str
    path: str
    hash: str          # content_hash
    text_hash: str
    article: Article | None = None


def _read(paths: Iterable[str | Path], published: str | None, overrides: dict[str, str],
          stored: dict[str, tuple[str, str, str, str]]
          ) -> tuple[list[_Seen], list[Problem], set[str], list[Article], set[str]]:
    """The articles to keep (dated, each text and id once; texts not kept), the problems, the
    duplicate ids, the articles waiting for a date (their first 300 characters), and the files
    read."""
    kept: dict[str, _Seen] = {}
    by_text: dict[str, _Seen] = {}
    problems: list[Problem] = []
    duplicates: set[str] = set()
    waiting: dict[str, Article] = {}
    files_read: set[str] = set()
    for item in read_articles(paths, infer_dct=False):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        files_read.add(item.path)
        article = _dated(item, published, overrides, stored)
        if isinstance(article, Problem):
            problems.append(article)
            continue
        same_text = text_hash(article)
        first_same_id, first_same_text = kept.get(article.id), by_text.get(same_text)
        if first_same_id is not None:
            if first_same_id.text_hash != same_text:
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
            waiting.setdefault(article.id, replace(article, text=article.text[:300]))
            continue
        kept[article.id] = by_text[same_text] = _Seen(
            article.id, article.path, content_hash(article), same_text,
            article if article.path == "-" else None)
    duplicates -= set(kept)
    return (list(kept.values()), list(dict.fromkeys(problems)), duplicates,
            [a for a in waiting.values() if a.id not in kept], files_read)


def _articles(todo: Sequence[_Seen], published: str | None, overrides: dict[str, str],
              stored: dict[str, tuple[str, str, str, str]], problems: list[Problem]) -> Iterator[Article]:
    """The articles of `todo`, read again from their files one at a time (dated as the first
    reading dated them), so that no more than a batch of texts is held."""
    wanted = {s.id: s for s in todo}
    for s in todo:
        if s.article is not None:
            wanted.pop(s.id)
            yield s.article
    files = list(dict.fromkeys(s.path for s in wanted.values()))
    for item in read_articles(files, infer_dct=False) if files else ():
        if isinstance(item, Article) and item.id in wanted and item.path == wanted[item.id].path:
            article = _dated(item, published, overrides, stored)
            if isinstance(article, Article) and text_hash(article) == wanted[item.id].text_hash:
                wanted.pop(item.id)
                yield article
    for s in wanted.values():  # changed or gone since the first reading
        problems.append(Problem(s.path or s.id, f"article {s.id!r} changed while it was read: "
                                                "skipped (run the update again)"))


def _dated(article: Article, published: str | None, overrides: dict[str, str],
           stored: dict[str, tuple[str, str, str, str]]) -> Article | Problem:
    """The article with its DCT: given for the run, set by a user, from the file, or inferred
    (the stored inference is reused when the text has not changed, so no tagging is repeated);
    a Problem when the inferred date is outside the accepted range."""
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
    inferred = with_dct(article)
    if inferred.published:
        try:
            check_range(inferred.published)
        except ValueError as error:
            return article_problem(article, f"inferred publication date: {error} "
                                            "(give the date: --dct, or set it in the app)")
    return inferred


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@contextlib.contextmanager
def _analyser(nlp: Language | None, total: int):
    """A function from a batch of articles to their results, for the whole run: the configured
    engine (Dask), one pool of worker processes kept across batches, or this process's pipeline,
    loaded once."""
    from lib.extract import parallel
    from lib.extract.articles import analyse

    if parallel.configured_engine() is not None:
        yield lambda batch: analyse(batch, nlp)
        return
    workers = parallel.configured_workers()
    if parallel.worth_parallel(total, workers):
        with parallel.WorkerPool(min(workers, -(-total // parallel.CHUNK_ARTICLES))) as pool:
            yield pool.analyse
        return
    loaded = [nlp]

    def in_process(batch: Sequence[Article]):
        if loaded[0] is None and len(batch) < total:  # several calls: load the model once
            from lib.extract.spacy_pipeline import load_pipeline
            loaded[0] = load_pipeline()
        return analyse(batch, loaded[0])  # no engine, and too few articles for a pool
    yield in_process


def _is_store_error(error: BaseException) -> bool:
    return type(error).__module__.startswith("duckdb") or \
        type(error).__name__ in ("StoreError", "StoreLocked")


def _analyse_into(store: Store, articles: Iterable[Article], total: int, hashes: dict[str, str],
                  nlp: Language | None, progress: bool, problems: list[Problem],
                  on_progress: Progress | None = None,
                  used_overrides: dict[str, str] | None = None) -> int:
    """Analyse `articles` (`total` of them) in batches of STORE_BATCH, storing each batch in one
    transaction (a run stopped halfway keeps every finished batch; no more than a batch of texts
    and results is held). On an error, the rest of the batch goes one article at a time, so that
    only the article that fails is skipped (reported in `problems`).

    An article dated by a user's override is stored only if the override is still the one it was
    analysed with (an analyst may have set another date meanwhile: that edit stored its own)."""
    from tqdm import tqdm

    from lib.extract.spacy_pipeline import ModelNotFound

    used_overrides = used_overrides or {}
    done, counted = 0, [0]  # stored; stored or skipped (for the progress)
    with tqdm(total=total, unit="article", desc="extract", file=sys.stderr,
              disable=not progress, dynamic_ncols=True) as bar, _analyser(nlp, total) as analyse_batch:
        def store_batch(results: Sequence[tuple[Article, list, list]], failed: Sequence[Article]) -> None:
            nonlocal done
            with store.change():
                store.put_articles((article, hashes.get(article.id) or content_hash(article),
                                    timexes, mentions) for article, timexes, mentions in results
                                   if store.override(article.id) == used_overrides.get(article.id))
            done += len(results)
            for _ in range(len(results) + len(failed)):
                counted[0] += 1
                bar.update()
                if on_progress is not None:
                    on_progress(min(counted[0], total), total)

        for batch in _batches(articles, STORE_BATCH):
            results: list[tuple[Article, list, list]] = []
            try:
                results.extend(analyse_batch(batch))
            except (ModelNotFound, ImportError, MemoryError):
                raise
            except Exception as error:  # one bad article must not stop the batch: find it, skip it
                if _is_store_error(error):
                    raise
                failed = []
                for article in batch[len(results):]:
                    try:
                        results.extend(analyse_batch([article]))
                    except Exception as error:
                        if _is_store_error(error):
                            raise
                        problems.append(article_problem(
                            article, f"analysis failed: {type(error).__name__}: {error}"))
                        failed.append(article)
                store_batch(results, failed)
                continue
            store_batch(results, ())
    return done


def recompute_derived(store: Store) -> None:
    """Consolidate every stored mention into events and control intervals, and store them: read
    and written in one change, so no article stored meanwhile is left out."""
    from lib.control_corrections import corrected_control
    from lib.corrections import read
    from lib.extract.events import consolidate

    with store.change():
        mentions = store.mention_records()
        store.put_derived(consolidate(mentions), corrected_control(mentions, read(store)))


def set_published(store: Store, article_id: str, published: str, *,
                  nlp: Language | None = None, expected: str | None = None) -> None:
    """Set an article's publication date (ISO date, or date and time), re-analyse it, and recompute
    events and control. The date is kept in the store, so later updates use it too. The user's
    date, the article's rows and the events and control are written in one change: a reader sees
    all of it or none.

    `expected` is the date the user saw (the stored published value, "" when undated): when the
    article changed since (another analyst saved a date), EditConflict says what is stored now
    and nothing is written. An article waiting for a date (Store.pending) is read from its file.
    ValueError when the date is not one or the article is in neither table.
    """
    published = normalise_published(published)
    article = store.article(article_id)
    if article is None:
        _date_pending(store, article_id, published, nlp=nlp, expected=expected)
        return
    _check_expected(article_id, article.published, expected)
    dated = replace(article, published=published, dct_source="user", dct_note=USER_NOTE)
    problems: list[Problem] = []
    results = _analysed(dated, nlp, problems)
    if problems:
        raise RuntimeError(str(problems[0]))
    from lib.control_corrections import corrected_control
    from lib.corrections import read
    from lib.extract.events import consolidate

    _, timexes, mentions = results
    with store.change():
        now = store.article(article_id)
        if now is None or now.text != article.text or now.published != article.published:
            current = now.published if now is not None else ""
            raise EditConflict(article_id, current, _conflict_message(article_id, current))
        store.set_published_override(article_id, published)
        store.put_article(dated, content_hash(dated), timexes, mentions)
        every = store.mention_records()
        store.put_derived(consolidate(every), corrected_control(every, read(store)))


def _check_expected(article_id: str, current: str, expected: str | None) -> None:
    if expected is not None and (current or "") != (expected or ""):
        raise EditConflict(article_id, current or "", _conflict_message(article_id, current))


def _conflict_message(article_id: str, current: str) -> str:
    return (f"another analyst just changed the article {article_id!r}: its publication date is "
            f"now {current or 'not set'}. Your date was not saved; save it again to replace "
            "theirs.")


def _analysed(article: Article, nlp: Language | None, problems: list[Problem]):
    from lib.extract.articles import analyse

    try:
        return next(iter(analyse([article], nlp)))
    except Exception as error:
        problems.append(article_problem(article, f"analysis failed: {type(error).__name__}: {error}"))
        return None


def _date_pending(store: Store, article_id: str, published: str, *, nlp: Language | None,
                  expected: str | None) -> None:
    """Date an article waiting for one: remember the date, then read and analyse its file."""
    waiting = store.pending()
    row = waiting[waiting["article_id"] == article_id]
    if row.empty:
        raise ValueError(f"no article {article_id!r} in the store {store.path}")
    _check_expected(article_id, "", expected)
    path = str(row.iloc[0]["path"])
    with store.change():
        if store.article(article_id) is not None:  # dated by someone else meanwhile
            current = store.article(article_id).published
            raise EditConflict(article_id, current, _conflict_message(article_id, current))
        store.set_published_override(article_id, published)
    report = update(store, [path], nlp=nlp)
    if store.article(article_id) is None:
        reasons = "; ".join(p.reason for p in report.problems) or "it could not be read"
        raise RuntimeError(f"{path}: the date was kept but the article was not added: {reasons}")


__all__ = ["EditConflict", "PruneRefused", "UpdateReport", "article_problem", "content_hash", "recompute_derived",
           "set_published", "text_hash", "update"]
