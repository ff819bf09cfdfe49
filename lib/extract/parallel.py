"""Analysing articles on several cores: a pool of worker processes, each with its own pipeline.

spaCy's own `nlp.pipe(n_process=N)` sends Docs between processes, and a Doc holding Timex objects
in an extension does not serialise. Here a worker receives articles (plain data), runs the whole
analysis (`lib.extract.articles.analyse`) on them with its own pipeline, and sends back each
article's timexes and mentions: frozen dataclasses of strings and numbers, which pickle. Results
come back in the order the articles were given, so the output is the one a single process gives.

`analyse` of lib.extract.articles uses the pool when asked for more than one worker, by its
`workers` argument or for a block of code with `using(workers=N)` (what `lib extract --workers N`
does, so that `lib.pipeline.update` needs no change):

>>> with using(workers=2):  # doctest: +SKIP
...     update(store, ["data/corpus"])
>>> [len(m) for _, _, m in analyse_parallel(articles, workers=2)]  # doctest: +SKIP
[7, 12, 3]

The same `using(engine=...)` hook carries any engine with an `analyse(articles, lexicon_dir)`
method: lib.extract.dask_engine is the other one.
"""
from __future__ import annotations

import collections
import contextlib
import contextvars
import multiprocessing
import os
from pathlib import Path
from typing import Iterator, Protocol, Sequence

from lib.corpus import Article
from lib.model import Mention
from lib.temporal import Timex

# Articles per task: large enough that sending them costs little, small enough to spread the work.
CHUNK_ARTICLES = 16
# Tasks in flight per worker: the pool never holds more results than this waiting to be stored.
IN_FLIGHT_PER_WORKER = 2
# Below this many articles per worker, starting workers (each loads the model) costs more than
# it saves: analyse in this process.
MIN_ARTICLES_PER_WORKER = 8
# "spawn": a worker starts a fresh interpreter (no threads or open store inherited from the parent).
START_METHOD = "spawn"

Result = tuple[Article, list[Timex], list[Mention]]


class Engine(Protocol):
    def analyse(self, articles: Sequence[Article], lexicon_dir: str | Path | None) -> Iterator[Result]:
        ...


_WORKERS: contextvars.ContextVar[int] = contextvars.ContextVar("cte_workers", default=1)
_ENGINE: contextvars.ContextVar[Engine | None] = contextvars.ContextVar("cte_engine", default=None)


def default_workers() -> int:
    """The cores this process may use.

    >>> default_workers() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def using(*, workers: int | None = None, engine: Engine | None = None):
    """Within the block, `lib.extract.articles.analyse` runs on `workers` processes, or hands its
    articles to `engine`."""
    tokens = []
    if workers is not None:
        tokens.append((_WORKERS, _WORKERS.set(max(1, workers))))
    if engine is not None:
        tokens.append((_ENGINE, _ENGINE.set(engine)))
    try:
        yield
    finally:
        for var, token in reversed(tokens):
            var.reset(token)


def configured_workers() -> int:
    """The workers set by the innermost `using(workers=...)`, 1 outside any."""
    return _WORKERS.get()


def configured_engine() -> Engine | None:
    """The engine set by the innermost `using(engine=...)`, None outside any."""
    return _ENGINE.get()


def worth_parallel(n_articles: int, workers: int) -> bool:
    """Whether a pool of `workers` pays for `n_articles`.

    >>> worth_parallel(5, 2), worth_parallel(100, 2), worth_parallel(100, 1)
    (False, True, False)
    """
    return workers > 1 and n_articles >= workers * MIN_ARTICLES_PER_WORKER


def chunks(items: Sequence, size: int) -> list[Sequence]:
    """`items` cut into consecutive runs of `size`.

    >>> chunks([1, 2, 3, 4, 5], 2)
    [[1, 2], [3, 4], [5]]
    """
    return [items[i:i + size] for i in range(0, len(items), size)]


# --- in a worker process ------------------------------------------------------------------------

_worker_nlp = None
_worker_lexicon_dir: str | None = None


def _start_worker(lexicon_dir: str | None) -> None:
    """Pool initializer: load the pipeline once for this process."""
    global _worker_nlp, _worker_lexicon_dir
    from lib.extract.spacy_pipeline import load_pipeline

    _worker_lexicon_dir = lexicon_dir
    _worker_nlp = load_pipeline(lexicon_dir=lexicon_dir)


def analyse_chunk(articles: Sequence[Article]) -> list[tuple[list[Timex], list[Mention]]]:
    """The timexes and mentions of each article of `articles`, in order (run in a worker)."""
    from lib.extract.articles import analyse

    return [(timexes, mentions) for _, timexes, mentions
            in analyse(articles, _worker_nlp, lexicon_dir=_worker_lexicon_dir, workers=1)]


# --- in the parent ------------------------------------------------------------------------------

def analyse_parallel(articles: Sequence[Article], workers: int | None = None, *,
                     lexicon_dir: str | Path | None = None,
                     chunk_articles: int = CHUNK_ARTICLES) -> Iterator[Result]:
    """Each article with its timexes and mentions, in the order given, analysed by a pool of
    `workers` processes (default: the cores). An error in a worker is raised here, after the
    results of the articles before it have been yielded."""
    if not articles:
        return
    workers = workers or default_workers()
    tasks = chunks(list(articles), chunk_articles)
    workers = min(workers, len(tasks))
    context = multiprocessing.get_context(START_METHOD)
    directory = None if lexicon_dir is None else str(lexicon_dir)
    with context.Pool(workers, initializer=_start_worker, initargs=(directory,)) as pool:
        pending: collections.deque = collections.deque()
        queued = iter(tasks)
        for task in queued:
            pending.append((task, pool.apply_async(analyse_chunk, (task,))))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                break
        while pending:
            task, result = pending.popleft()
            analysed = result.get()
            following = next(queued, None)
            if following is not None:
                pending.append((following, pool.apply_async(analyse_chunk, (following,))))
            for article, (timexes, mentions) in zip(task, analysed):
                yield article, timexes, mentions


__all__ = ["CHUNK_ARTICLES", "Engine", "analyse_chunk", "analyse_parallel", "chunks",
           "configured_engine", "configured_workers", "default_workers", "using", "worth_parallel"]
