"""The taggers a benchmark compares: ours and dateparser's `search_dates` as the peer.

Each is a function `(text, dct) -> list[Timex]` in `SYSTEMS`, so a benchmark loops over names
instead of branching on them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Iterable

from lib.bench.scoring import GoldDocument, Run, align
from lib.temporal.timex import Timex

Tagger = Callable[[str, "dt.date | None"], list[Timex]]


def ours(text: str, dct: dt.date | None) -> list[Timex]:
    """The project's tagger, `lib.temporal.tag`, imported at call time so a fresh one is used.

    >>> isinstance(ours("It rained.", dt.date(2024, 12, 6)), list)
    True
    """
    from lib.temporal import tag

    return list(tag(text, dct))


def dateparser_search(text: str, dct: dt.date | None) -> list[Timex]:
    """dateparser 1.5 `search_dates` with `languages=["en"]` and the DCT as RELATIVE_BASE.

    Every hit becomes a DATE with value YYYY-MM-DD; its offset is found by searching the text
    forward from the end of the previous hit.

    >>> [(t.text, t.value) for t in dateparser_search("They met on 4 December.", dt.date(2024, 12, 6))]
    [('on 4 December', '2024-12-04')]
    """
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": to_datetime(dct)} if dct else {}
    found = search_dates(text, languages=["en"], settings=settings) or []
    return list(locate(text, ((s, d.strftime("%Y-%m-%d")) for s, d in found), rule="dateparser"))


def locate(text: str, hits: Iterable[tuple[str, str]], rule: str) -> Iterable[Timex]:
    """Turn (substring, value) hits, in text order, into DATE timexes with offsets.

    A substring not found after the previous hit is looked for from the start of the text, and
    dropped if it is not there at all.

    >>> [(t.start, t.end) for t in locate("Friday, then Friday", [("Friday", "a"), ("Friday", "b")], "r")]
    [(0, 6), (13, 19)]
    """
    position = 0
    for substring, value in hits:
        start = text.find(substring, position)
        if start < 0:
            start = text.find(substring)
        if start < 0:
            continue
        end = start + len(substring)
        position = end
        yield Timex(start, end, substring, "DATE", value, rule=rule)


def to_datetime(day: dt.date | dt.datetime) -> dt.datetime:
    """A date as midnight of that day; a datetime unchanged."""
    return day if isinstance(day, dt.datetime) else dt.datetime.combine(day, dt.time())


SYSTEMS: dict[str, Tagger] = {"ours": ours, "dateparser": dateparser_search}


@dataclass(frozen=True)
class Output:
    """A system's timexes for one text, or the error it raised (a benchmark goes on without it)."""

    timexes: tuple[Timex, ...]
    error: str = ""


def run_tagger(system: str, text: str, dct: dt.date | None) -> Output:
    """Run `SYSTEMS[system]`; an exception becomes an empty output with its message.

    >>> run_tagger("dateparser", "", None)
    Output(timexes=(), error='')
    """
    try:
        return Output(tuple(SYSTEMS[system](text, dct)))
    except Exception as error:  # a tagger under construction must not stop the benchmark
        return Output((), f"{type(error).__name__}: {error}")


def evaluate(system: str, documents: Iterable[GoldDocument]) -> Run:
    """Tag every document with `SYSTEMS[system]` and align the output with its gold.

    >>> doc = GoldDocument("d", dt.date(2024, 12, 6), "They met on 4 December.",
    ...                    (Timex(12, 22, "4 December", "DATE", "2024-12-04"),))
    >>> evaluate("dateparser", [doc]).tally
    Tally(right=1, wrong=0, missed=0, spurious=0)
    """
    alignments, errors = [], []
    for doc in documents:
        output = run_tagger(system, doc.text, doc.dct)
        if output.error:
            errors.append((doc.id, output.error))
        alignments.append((doc.id, align(doc.gold, output.timexes)))
    return Run(system, tuple(alignments), tuple(errors))
