"""The span of days a TIMEX3 value can mean, and its precision as ACLED codes it.

>>> span("2024-W49", "2024-12-06")
('2024-12-02', '2024-12-08', 2)
>>> span("2024-10", "2024-12-06", mod="END")
('2024-10-22', '2024-10-31', 3)
>>> span("PAST_REF", "2024-12-06")
('2024-11-29', '2024-12-06', 2)
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from lib.model import PRECISION_DAY, PRECISION_MONTH, PRECISION_WEEK, PRECISION_YEAR

Span = tuple[str, str, int]

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^\d{4}$")
_DECADE = re.compile(r"^\d{3}$")
_CENTURY = re.compile(r"^\d{2}$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
# How far back "recently" and forward "soon" reach: a week, said as week precision.
VAGUE_DAYS = 7


def day_of(value: str | date | None) -> str:
    """The ISO day of a date, datetime or TIMEX3 value that starts with one, "" when there is none.

    >>> day_of("2024-12-06T14:30"), day_of("2024-12-06"), day_of(None), day_of(date(2024, 1, 2))
    ('2024-12-06', '2024-12-06', '', '2024-01-02')
    """
    if isinstance(value, date):
        return value.isoformat()[:10]
    return str(value)[:10] if value else ""


def _iso(day: date) -> str:
    return day.isoformat()


def _month_end(year: int, month: int) -> date:
    while month > 12:
        year, month = year + 1, month - 12
    return date(year, month, calendar.monthrange(year, month)[1])


def _narrow(start: date, end: date, mod: str) -> tuple[date, date]:
    """The part of [start, end] a START / MID / END mod means: its first, middle or last third."""
    days = (end - start).days + 1
    if days < 3 or mod not in ("START", "MID", "END"):
        return start, end
    third = days // 3
    if mod == "START":
        return start, start + timedelta(days=third - 1)
    if mod == "MID":
        return start + timedelta(days=third), end - timedelta(days=third)
    return end - timedelta(days=third - 1), end


@lru_cache(maxsize=1 << 16)  # asked again for each mention a timex dates, and each clause it governs
def span(value: str, dct: str | date | None, mod: str = "") -> Span | None:
    """(first day, last day, precision) of a DATE/TIME value; None when it names no calendar span."""
    dct_day = date.fromisoformat(day_of(dct)) if dct else None
    if match := _DAY.match(value):
        day = date(*map(int, match.groups()))
        return _iso(day), _iso(day), PRECISION_DAY
    if match := _WEEK.match(value):
        monday = date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
        if match.group(3):
            return _iso(monday + timedelta(days=5)), _iso(monday + timedelta(days=6)), PRECISION_WEEK
        return _iso(monday), _iso(monday + timedelta(days=6)), PRECISION_WEEK
    if match := _MONTH.match(value):
        year, month = int(match.group(1)), int(match.group(2))
        start, end = _narrow(date(year, month, 1), _month_end(year, month), mod)
        return _iso(start), _iso(end), PRECISION_MONTH
    if match := _SEASON.match(value):
        year = int(match.group(1))
        first, last = _SEASON_MONTHS[match.group(2)]
        return _iso(date(year, first, 1)), _iso(_month_end(year, last)), PRECISION_YEAR
    if match := _QUARTER.match(value):
        year, quarter = int(match.group(1)), int(match.group(2))
        return (_iso(date(year, 3 * quarter - 2, 1)), _iso(_month_end(year, 3 * quarter)),
                PRECISION_YEAR)
    if _YEAR.match(value):
        start, end = _narrow(date(int(value), 1, 1), date(int(value), 12, 31), mod)
        return _iso(start), _iso(end), PRECISION_YEAR
    if _DECADE.match(value):
        return f"{value}0-01-01", f"{value}9-12-31", PRECISION_YEAR
    if _CENTURY.match(value):
        return f"{value}00-01-01", f"{value}99-12-31", PRECISION_YEAR
    if dct_day is None:
        return None
    if value == "PRESENT_REF":
        return _iso(dct_day), _iso(dct_day), PRECISION_DAY
    if value == "PAST_REF":
        return _iso(dct_day - timedelta(days=VAGUE_DAYS)), _iso(dct_day), PRECISION_WEEK
    if value == "FUTURE_REF":
        return _iso(dct_day), _iso(dct_day + timedelta(days=VAGUE_DAYS)), PRECISION_WEEK
    return None


def undated_span(dct: str) -> Span:
    """What an undated report in an article published on `dct` can mean: the week up to it.

    >>> undated_span("2024-12-07")
    ('2024-12-01', '2024-12-07', 2)
    """
    day = date.fromisoformat(day_of(dct))
    return _iso(day - timedelta(days=VAGUE_DAYS - 1)), _iso(day), PRECISION_WEEK


def overlaps(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Do two [start, end] ISO-date spans share a day?

    >>> overlaps(("2024-12-02", "2024-12-08"), ("2024-12-06", "2024-12-06"))
    True
    """
    return a[0] <= b[1] and b[0] <= a[1]
