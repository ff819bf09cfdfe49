"""The tagger: find candidates, then resolve each against the DCT or the last date mentioned.

>>> from datetime import date
>>> text = "Rebels left Hama on Friday, a day earlier, and will hold talks Saturday."
>>> [(t.text, t.value, t.anchor) for t in tag(text, date(2024, 12, 6))]
[('Friday', '2024-12-06', 'DCT'), ('a day earlier', '2024-12-05', 't@20'), ('Saturday', '2024-12-07', 'DCT')]
"""
from __future__ import annotations

import re
from datetime import date, datetime

from lib.temporal.find import find_candidates
from lib.temporal.resolve import Context, Unresolvable, evaluate
from lib.temporal.tense import direction
from lib.temporal.timex import Timex, is_valid_value

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")


def _as_date(dct: date | datetime | str | None) -> date | None:
    if dct is None or dct == "":
        return None
    if isinstance(dct, datetime):
        return dct.date()
    if isinstance(dct, date):
        return dct
    return date.fromisoformat(str(dct)[:10])


def tag(text: str, dct: date | datetime | str | None) -> list[Timex]:
    """Every temporal expression in `text` as a Timex, resolved against the publication date.

    With no DCT, explicit dates still get their values and relative ones an underspecified value
    (`XXXX-WXX-5` for "Friday") or a vague reference (PAST_REF for "last week").
    """
    dct_day = _as_date(dct)
    ref: date | None = None
    ref_label = ""
    found: list[Timex] = []
    for cand in find_candidates(text):
        context = Context(dct=dct_day, ref=ref, direction=direction(text, cand.start, cand.end))
        try:
            value, anchor = evaluate(cand.template, context)
        except Unresolvable:
            continue
        if not is_valid_value(value):
            continue
        if anchor == "REF":
            anchor = ref_label
        found.append(Timex(cand.start, cand.end, cand.text, cand.type, value, cand.mod, anchor,
                           cand.rule))
        day = _DAY.match(value)
        if day and cand.type in ("DATE", "TIME"):
            ref, ref_label = date(*map(int, day.groups())), f"t@{cand.start}"
    return found
