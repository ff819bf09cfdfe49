"""TempEval-3 Task A scoring of temporal expressions, shared by every benchmark.

Gold and system timexes are both `Timex` records. `align` pairs them one-to-one by overlapping
extent (identical extents first, then the largest overlap); `Counts` adds up one document's
alignment and pools over documents; `Scores` turns pooled counts into strict / relaxed P, R, F1
and the value and type F1 of the TempEval-3 scorer:

    value F1 = (relaxed matches with an identical value string) / (relaxed matches) x relaxed F1

>>> gold = [Timex(0, 6, "Friday", "DATE", "2024-12-06")]
>>> ours = [Timex(3, 6, "day", "DATE", "2024-12-07")]
>>> Scores.of(Counts.of(align(gold, ours)))
Scores(strict_p=0.0, strict_r=0.0, strict_f1=0.0, relaxed_p=1.0, relaxed_r=1.0, relaxed_f1=1.0, value_f1=0.0, type_f1=1.0)
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Iterable, Sequence

from lib.temporal.timex import Timex


@dataclass(frozen=True)
class Alignment:
    """One document's one-to-one pairing: (gold, system) pairs, unmatched gold, unmatched system."""

    pairs: tuple[tuple[Timex, Timex], ...]
    missed: tuple[Timex, ...]
    spurious: tuple[Timex, ...]


def overlaps(a: Timex, b: Timex) -> bool:
    """True when two extents share at least one character.

    >>> overlaps(Timex(0, 5, "", "DATE", ""), Timex(4, 9, "", "DATE", ""))
    True
    >>> overlaps(Timex(0, 5, "", "DATE", ""), Timex(5, 9, "", "DATE", ""))
    False
    """
    return a.start < b.end and b.start < a.end


def same_extent(a: Timex, b: Timex) -> bool:
    """True when two timexes cover exactly the same characters (a strict match)."""
    return a.start == b.start and a.end == b.end


def align(gold: Sequence[Timex], system: Sequence[Timex]) -> Alignment:
    """Pair gold and system timexes one-to-one by overlapping extent.

    Identical extents are paired first, then the pairs with the largest overlap, ties broken by
    position, so a system timex that spans two gold ones matches only one of them.

    >>> g = [Timex(0, 4, "2009", "DATE", "2009"), Timex(5, 9, "2010", "DATE", "2010")]
    >>> a = align(g, [Timex(0, 9, "2009-2010", "DATE", "2009")])
    >>> [(p[0].text, p[1].text) for p in a.pairs], [m.text for m in a.missed]
    ([('2009', '2009-2010')], ['2010'])
    """
    candidates = sorted(
        ((gi, si) for gi, g in enumerate(gold) for si, s in enumerate(system) if overlaps(g, s)),
        key=lambda p: (not same_extent(gold[p[0]], system[p[1]]),
                       -_overlap(gold[p[0]], system[p[1]]), gold[p[0]].start, system[p[1]].start))
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs = []
    for gi, si in candidates:
        if gi not in used_gold and si not in used_system:
            used_gold.add(gi)
            used_system.add(si)
            pairs.append((gold[gi], system[si]))
    pairs.sort(key=lambda p: (p[0].start, p[0].end))
    return Alignment(
        pairs=tuple(pairs),
        missed=tuple(g for i, g in enumerate(gold) if i not in used_gold),
        spurious=tuple(s for i, s in enumerate(system) if i not in used_system),
    )


def _overlap(a: Timex, b: Timex) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def is_right(gold: Timex, system: Timex) -> bool:
    """True when a matched system timex has the gold value and type (what an analyst would use)."""
    return gold.value == system.value and gold.type == system.type


@dataclass(frozen=True)
class Counts:
    """What the scorer counts for one document or, added together, for a whole collection.

    >>> Counts(gold=2, system=1, strict=1, relaxed=1, value=1, type=1) + Counts(1, 1, 0, 1, 0, 1)
    Counts(gold=3, system=2, strict=1, relaxed=2, value=1, type=2)
    """

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    @classmethod
    def of(cls, alignment: Alignment) -> "Counts":
        """Count one alignment: every pair is a relaxed match; identical extents are strict."""
        pairs = alignment.pairs
        return cls(
            gold=len(pairs) + len(alignment.missed),
            system=len(pairs) + len(alignment.spurious),
            strict=sum(same_extent(g, s) for g, s in pairs),
            relaxed=len(pairs),
            value=sum(g.value == s.value for g, s in pairs),
            type=sum(g.type == s.type for g, s in pairs),
        )

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


def pooled(counts: Iterable[Counts]) -> Counts:
    """Sum per-document counts (micro-averaging, as the TempEval-3 scorer does)."""
    return sum(counts, Counts())


def prf(matches: int, system: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 as fractions; 0.0 where a denominator is zero.

    >>> prf(2, 4, 8)
    (0.5, 0.25, 0.3333333333333333)
    """
    p = matches / system if system else 0.0
    r = matches / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass(frozen=True)
class Scores:
    """TempEval-3 Task A figures, as fractions in [0, 1]."""

    strict_p: float
    strict_r: float
    strict_f1: float
    relaxed_p: float
    relaxed_r: float
    relaxed_f1: float
    value_f1: float
    type_f1: float

    @classmethod
    def of(cls, c: Counts) -> "Scores":
        """Score pooled counts.

        >>> s = Scores.of(Counts(gold=4, system=4, strict=2, relaxed=4, value=3, type=4))
        >>> s.strict_f1, s.relaxed_f1, s.value_f1, s.type_f1
        (0.5, 1.0, 0.75, 1.0)
        """
        strict = prf(c.strict, c.system, c.gold)
        relaxed = prf(c.relaxed, c.system, c.gold)
        attribute_f1 = (lambda n: n / c.relaxed * relaxed[2] if c.relaxed else 0.0)
        return cls(*strict, *relaxed, attribute_f1(c.value), attribute_f1(c.type))


@dataclass(frozen=True)
class Tally:
    """What an analyst sees of the gold expressions: right (matched with the gold value and type),
    wrong (matched, value or type differs), missed; plus spurious system timexes.

    >>> gold = [Timex(0, 6, "Friday", "DATE", "2024-12-06"), Timex(10, 14, "2016", "DATE", "2016")]
    >>> Tally.of(align(gold, [Timex(0, 6, "Friday", "DATE", "2024-12-13"), Timex(20, 23, "now", "DATE", "PRESENT_REF")]))
    Tally(right=0, wrong=1, missed=1, spurious=1)
    """

    right: int = 0
    wrong: int = 0
    missed: int = 0
    spurious: int = 0

    @classmethod
    def of(cls, alignment: Alignment) -> "Tally":
        right = sum(is_right(g, s) for g, s in alignment.pairs)
        return cls(right, len(alignment.pairs) - right, len(alignment.missed), len(alignment.spurious))

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def gold(self) -> int:
        return self.right + self.wrong + self.missed


@dataclass(frozen=True)
class GoldDocument:
    """A text to tag, its DCT, and the gold timexes in it (offsets into `text`)."""

    id: str
    dct: dt.date | None
    text: str
    gold: tuple[Timex, ...]


@dataclass(frozen=True)
class Run:
    """One system's alignment with the gold of every document, and the documents it failed on."""

    system: str
    alignments: tuple[tuple[str, Alignment], ...]
    errors: tuple[tuple[str, str], ...] = ()

    @property
    def counts(self) -> Counts:
        return pooled(Counts.of(a) for _, a in self.alignments)

    @property
    def tally(self) -> Tally:
        return sum((Tally.of(a) for _, a in self.alignments), Tally())
