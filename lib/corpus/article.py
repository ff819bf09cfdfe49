"""An article of the corpus, the problem reported instead of one, and the check of a publication date.

>>> a = Article(id="a1", title="", source="", url="", published="2024-12-06T22:35",
...             dct_source="metadata", text="Rebels took Hama on Thursday.")
>>> a.dct
datetime.datetime(2024, 12, 6, 22, 35)
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# How an article's publication date (its DCT, the anchor of relative dates) is known;
# "disputed": the text's own cues disagree with it or with each other (dct_note says how).
DCT_SOURCES = ("metadata", "text cue", "inferred", "user", "disputed", "none")

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                           r"(?:Z|[+-]\d{2}:?\d{2})?$")


@dataclass(frozen=True)
class Article:
    """One news report: its text and what is known of it.

    published is the DCT as an ISO date ("2024-12-06") or local datetime ("2024-12-06T22:35"), or ""
    when unknown; dct_source says how it is known (one of DCT_SOURCES) and dct_note why.
    path is the file it came from ("-" for stdin); offsets into text are offsets into the file's body.
    """

    id: str
    title: str
    source: str
    url: str
    published: str
    dct_source: str
    text: str
    path: str = ""
    dct_note: str = ""

    @property
    def dct(self) -> dt.date | dt.datetime | None:
        """The publication date as a date (or datetime when the time is known), None when unknown."""
        if not self.published:
            return None
        return parse_dct(self.published)


@dataclass(frozen=True)
class Problem:
    """Why something could not be read; `where` is a file path, or "path:line" for JSON Lines."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def parse_dct(value: str) -> dt.date | dt.datetime:
    """Parse a normalised published value (see normalise_published) into a date or datetime.

    >>> parse_dct("2024-12-07")
    datetime.date(2024, 12, 7)
    """
    if "T" in value:
        return dt.datetime.fromisoformat(value)
    return dt.date.fromisoformat(value)


def normalise_published(value: object, field: str = "published") -> str:
    """The ISO form of a publication date given as text, a date or a datetime; ValueError if it isn't one.

    A time is kept to the minute (seconds when not zero); a time zone offset is dropped and the local
    wall-clock time kept, because TIMEX3 values are local times. The message starts with `field`
    (when not "") and says why. A date outside the accepted range is refused too (check_range).

    >>> normalise_published("2024-12-06"), normalise_published("2024-12-06 22:35:00+02:00")
    ('2024-12-06', '2024-12-06T22:35')
    >>> normalise_published("2024-13-45")
    Traceback (most recent call last):
    ...
    ValueError: published: '2024-13-45' is not a valid date: month must be in 1..12
    """
    iso = _iso(value, f"{field}: " if field else "")
    check_range(iso, field)
    return iso


def check_range(published: str, field: str = "published") -> None:
    """ValueError when a normalised publication date is outside the accepted range (the
    CTE_PUBLISHED_RANGE setting: 1900 to a year past today unless set), which keeps dates such as
    0001-01-01 or 9999-12-31, typos or placeholders, from reaching the date arithmetic.

    >>> check_range("0001-01-01")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: published: '0001-01-01' is outside the accepted publication dates, 1900-01-01 to ... (setting CTE_PUBLISHED_RANGE)
    """
    from lib.settings import Settings

    accepted = Settings.from_env().accepted_published()
    day = dt.date.fromisoformat(published[:10])
    if not accepted.first <= day <= accepted.last:
        prefix = f"{field}: " if field else ""
        raise ValueError(f"{prefix}{published!r} is outside the accepted publication dates, "
                         f"{accepted} (setting CTE_PUBLISHED_RANGE)")


def _iso(value: object, field: str) -> str:
    if isinstance(value, dt.datetime):
        return _datetime_iso(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"{field}{value!r} is not a date (expected text such as YYYY-MM-DD, "
                         f"got {type(value).__name__})")
    text = value.strip()
    if _ISO_DATE.match(text):
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError as error:
            raise ValueError(f"{field}{value!r} is not a valid date: {error}") from None
    if _ISO_DATETIME.match(text):
        try:
            return _datetime_iso(dt.datetime.fromisoformat(text))
        except ValueError as error:
            raise ValueError(f"{field}{value!r} is not a valid date and time: {error}") from None
    raise ValueError(f"{field}{value!r} is not an ISO date "
                     "(expected YYYY-MM-DD or YYYY-MM-DDTHH:MM)")


def _datetime_iso(value: dt.datetime) -> str:
    value = value.replace(tzinfo=None, microsecond=0)
    return value.isoformat(timespec="minutes" if value.second == 0 else "seconds")
