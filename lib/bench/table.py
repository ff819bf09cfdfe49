"""Plain-text tables for benchmark output."""
from __future__ import annotations

from typing import Sequence


def format_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Columns padded to their widest cell; text left-aligned, numbers right-aligned.

    >>> print(format_table(["system", "F1"], [["ours", "90.30"], ["peer", "9.09"]]))
    system     F1
    ------  -----
    ours    90.30
    peer     9.09
    """
    cells = [[str(h) for h in headers]] + [[_cell(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    numeric = [all(_is_number(r[i]) for r in cells[1:] if r[i]) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        return "  ".join(c.rjust(w) if num else c.ljust(w)
                         for c, w, num in zip(row, widths, numeric)).rstrip()

    return "\n".join([line(cells[0]), line(["-" * w for w in widths])] + [line(r) for r in cells[1:]])


def percent(fraction: float | None) -> str:
    """A fraction as a percentage with two decimals, as the TempEval-3 tables print them.

    >>> percent(0.7761), percent(None)
    ('77.61', '')
    """
    return "" if fraction is None else f"{100 * fraction:.2f}"


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _is_number(text: str) -> bool:
    try:
        float(text.rstrip("%x").replace(",", ""))
    except ValueError:
        return False
    return True
