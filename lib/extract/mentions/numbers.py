"""Numbers written in digits or English words, as reports count the dead and the days between
happenings ("twenty-two", "1,400", "a dozen").

>>> number_value("twenty-two"), number_value("1,400"), number_value("1 400"), number_value("dozen"), number_value("a")
(22, 1400, 1400, 12, None)
"""
from __future__ import annotations

import re

UNITS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * n for n, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}


def number_value(text: str) -> int | None:
    """The value of a number written in digits or English words, None when it is none."""
    text = text.lower().replace(",", "").strip()
    if text.isdigit() or re.fullmatch(r"\d{1,3}(?: \d{3})+", text):  # "1 400": thousands set apart by a space
        return int(text.replace(" ", ""))
    if text in ("dozen",):
        return 12
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text):
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES and (current or word != "million"):
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
        elif word in ("and", "a"):
            continue
        else:
            return None
    value = total + current
    return value if value or text in ("zero",) else None
