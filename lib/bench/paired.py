"""Paired, interleaved timing: configurations compared batch by batch in one process, over several
rounds, CPU time beside wall time, so that a ratio holds on a machine others are using.

A round runs every configuration on every batch of the corpus; within a batch the configurations
take turns in an order that rotates from batch to batch, so that a slow minute (another process
on the cores, the CPU's clock) falls on all of them alike. Each round gives one total per
configuration and a ratio between any two; the figures printed are the minimum and the median
over the rounds. CPU time is `time.process_time` (this process, all its threads): what the
configuration costs, whoever else is on the machine; wall time is `time.perf_counter`.

>>> work = {"a": lambda batch: sum(batch), "b": lambda batch: sum(batch) + sum(batch)}
>>> rounds = run_rounds(work, [[1, 2], [3]], rounds=2)
>>> len(rounds), sorted(rounds[0])
(2, ['a', 'b'])
>>> Goal("b / a", 2.0, "<=").met(1.5), Goal("second / first", 0.05, "<").met(0.05)
(True, False)
"""
from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence


@dataclass
class Clock:
    """Running totals of CPU and wall seconds."""

    cpu: float = 0.0
    wall: float = 0.0

    def time(self, function: Callable, *args, **kwargs):
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            self.cpu += time.process_time() - cpu
            self.wall += time.perf_counter() - wall

    def __add__(self, other: "Clock") -> "Clock":
        return Clock(self.cpu + other.cpu, self.wall + other.wall)


Round = dict[str, Clock]


def run_rounds(configurations: Mapping[str, Callable[[Sequence], object]], batches: Sequence[Sequence],
               rounds: int = 3, *, before_round: Callable[[int], None] | None = None,
               after_round: Callable[[int, Round], None] | None = None) -> list[Round]:
    """Time each configuration on each batch, interleaved, `rounds` times; per round, a Clock per
    configuration. `before_round(n)` and `after_round(n, clocks)` run outside the batches
    (a fresh store before, consolidation after: `after_round` may time more into the clocks)."""
    names = list(configurations)
    out: list[Round] = []
    for n in range(rounds):
        if before_round:
            before_round(n)
        clocks = {name: Clock() for name in names}
        for b, batch in enumerate(batches):
            shift = (b + n) % len(names)
            for name in names[shift:] + names[:shift]:
                clocks[name].time(configurations[name], batch)
        if after_round:
            after_round(n, clocks)
        out.append(clocks)
    return out


@dataclass(frozen=True)
class Summary:
    """Minimum and median over rounds."""

    values: tuple[float, ...]

    @property
    def min(self) -> float:
        return min(self.values)

    @property
    def median(self) -> float:
        return statistics.median(self.values)


def summary(rounds: Sequence[Round], name: str, clock: str = "cpu") -> Summary:
    """One configuration's seconds ("cpu" or "wall") over the rounds."""
    return Summary(tuple(getattr(r[name], clock) for r in rounds))


def ratio(rounds: Sequence[Round], numerator: Callable[[Round], float],
          denominator: Callable[[Round], float]) -> Summary:
    """A ratio worked out within each round (the pair is timed together), over the rounds."""
    return Summary(tuple(numerator(r) / denominator(r) if denominator(r) else float("inf")
                         for r in rounds))


@dataclass(frozen=True)
class Goal:
    """A goal on a ratio: `name` `comparison` `limit`, e.g. "full / bare" <= 1.5."""

    name: str
    limit: float
    comparison: str = "<="
    percent: bool = False
    extra: Sequence[str] = field(default_factory=tuple)

    def met(self, value: float) -> bool:
        return value <= self.limit if self.comparison == "<=" else \
            value < self.limit if self.comparison == "<" else \
            value >= self.limit if self.comparison == ">=" else value > self.limit

    def show(self, value: float) -> str:
        return f"{100 * value:.1f}%" if self.percent else f"{value:.2f}x"

    def row(self, label: str, values: Summary) -> list[str]:
        """[ratio, min, median, goal, met (judged on the median)]."""
        return [label, self.show(values.min), self.show(values.median),
                f"{self.comparison} {self.show(self.limit)}",
                "yes" if self.met(values.median) else "NO"]


GOAL_HEADERS = ["ratio", "min", "median", "goal", "met (median)"]


def info_row(label: str, values: Summary, percent: bool = False) -> list[str]:
    """A ratio without a goal, in the rows of GOAL_HEADERS."""
    show = Goal(label, 0.0, percent=percent).show
    return [label, show(values.min), show(values.median), "", ""]


def clock_rows(rounds: Sequence[Round], words: int, names: Sequence[str] | None = None) -> list[list[str]]:
    """Per configuration: CPU min and median, wall min and median, words per CPU second."""
    rows = []
    for name in names or list(rounds[0]):
        cpu, wall = summary(rounds, name, "cpu"), summary(rounds, name, "wall")
        rows.append([name, f"{cpu.min:.2f}", f"{cpu.median:.2f}", f"{wall.min:.2f}",
                     f"{wall.median:.2f}", f"{words / cpu.median:,.0f}" if cpu.median else ""])
    return rows


CLOCK_HEADERS = ["configuration", "CPU s min", "CPU s median", "wall s min", "wall s median",
                 "words / CPU s (median)"]


__all__ = ["CLOCK_HEADERS", "Clock", "GOAL_HEADERS", "Goal", "info_row", "Round", "Summary", "clock_rows",
           "ratio", "run_rounds", "summary"]
