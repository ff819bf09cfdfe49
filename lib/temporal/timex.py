"""The TIMEX3 record every part of the project passes around, and the check of its value."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date

TYPES = ("DATE", "TIME", "DURATION", "SET")
MODS = ("", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
        "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX")

_PART = r"(?:MO|AF|EV|NI|DT|XX)"  # XX: a time of that day, unsaid ("hours later")
_MONTH = r"(?:0[1-9]|1[0-2])"
_DAY = r"(?:0[1-9]|[12]\d|3[01])"
_WEEK = r"(?:0[1-9]|[1-4]\d|5[0-3])"
_YEAR = r"(?:\d{4}|XXXX)"
_CLOCK = r"T(?:" + _PART + r"|(?:[01]\d|2[0-4])(?::[0-5]\d(?::[0-5]\d)?)?)"
_DATE = (rf"(?:\d{{2}}|\d{{3}}|{_YEAR}"
         rf"(?:-(?:{_MONTH}(?:-(?:{_DAY}|XX))?|XX-XX|XX|W{_WEEK}(?:-[1-7]|-WE)?|WXX(?:-[1-7])?|SP|SU|FA|WI|Q[1-4X]|H[12]))?)")
_NUMBER = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = (rf"P(?:(?:{_NUMBER}(?:Y|M|W|D|DE|CE|Q))+(?:T(?:{_NUMBER}[HMS])+)?|T(?:{_NUMBER}[HMS])+)")
_BC = rf"(?:BC\d{{2,4}}(?:-(?:SP|SU|FA|WI|{_MONTH}(?:-{_DAY})?))?)"  # TimeML years before the common era: BC0490, BC047
_VALUE = re.compile(rf"^(?:{_DATE}(?:{_CLOCK})?|{_BC}|{_DURATION}|PRESENT_REF|PAST_REF|FUTURE_REF)$")


def is_valid_value(value: str) -> bool:
    """True when `value` is a well-formed TIMEX3 value (ISO 8601 with TimeML extensions).

    >>> [is_valid_value(v) for v in ("2024-12-06", "2024-W49-WE", "198", "P13Y", "2024-12-06TMO", "BC0490")]
    [True, True, True, True, True, True]
    >>> is_valid_value("1943-07-XX")  # a day of a known month
    True
    >>> [is_valid_value(v) for v in ("2024-13", "2024-02-30", "UNDEF-this-day", "P")]
    [False, False, False, False]
    """
    if not _VALUE.match(value):
        return False
    day = re.match(r"^(\d{4})-(\d\d)-(\d\d)", value)
    if day:
        try:
            date(*map(int, day.groups()))
        except ValueError:
            return False
    return True


@dataclass(frozen=True)
class Timex:
    """One temporal expression: where it is, what it means, and how that was worked out.

    start/end are str offsets into the text (end exclusive); anchor is "DCT", the start offset of
    the timex it was resolved from ("t@123"), or "" when the value needs no anchor.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str = ""
    anchor: str = ""
    rule: str = ""

    def to_dict(self) -> dict:
        return asdict(self)
