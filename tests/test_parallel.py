"""Analysing on several processes (lib.extract.parallel) gives what one process gives: the same
timexes and mentions for the seeds, in the same order; the records cross process boundaries as
plain data. Real pipeline: one in this process, two in the pool."""
from __future__ import annotations

import pickle

import pytest

from lib.corpus import Article, read_articles
from lib.extract import parallel
from lib.settings import DATA_DIR


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    return [a for a in read_articles([DATA_DIR / "corpus"]) if isinstance(a, Article)]


@pytest.fixture(scope="module")
def one_process(seeds):
    from lib.extract.articles import analyse

    return [(a.id, timexes, mentions) for a, timexes, mentions in analyse(seeds, workers=1)]


def test_the_records_are_plain_data(one_process):
    _, timexes, mentions = one_process[0]
    assert timexes and mentions
    assert pickle.loads(pickle.dumps((timexes, mentions))) == (timexes, mentions)


def test_two_workers_give_what_one_gives(seeds, one_process):
    # one article a task, so that both workers analyse some and the results must be put in order
    pooled = [(a.id, timexes, mentions) for a, timexes, mentions
              in parallel.analyse_parallel(seeds, 2, chunk_articles=1)]
    assert [a for a, _, _ in pooled] == [a.id for a in seeds]
    assert pooled == one_process


def test_using_sets_the_workers_of_a_block():
    assert parallel.configured_workers() == 1
    with parallel.using(workers=3):
        assert parallel.configured_workers() == 3
        with parallel.using(workers=1):
            assert parallel.configured_workers() == 1
        assert parallel.configured_workers() == 3
    assert parallel.configured_workers() == 1


def test_a_few_articles_stay_in_this_process():
    assert not parallel.worth_parallel(5, 2)
    assert parallel.worth_parallel(16, 2)
    assert not parallel.worth_parallel(1000, 1)
