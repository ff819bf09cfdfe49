"""Phase two: turn value templates into TIMEX3 values against an explicit anchor.

The anchor is the publication date (DCT) for expressions that point from "now" (weekdays, "last
week", "yesterday") and the last day-precise date mentioned for those that point from the story's
own time ("a day earlier", "the next day"). Which way a weekday or a month goes is read from tense.

>>> from datetime import date
>>> context = Context(dct=date(2024, 12, 6), ref=date(2024, 12, 6), direction="past")
>>> evaluate("weekday(4)", context)
('2024-12-05', 'DCT')
>>> evaluate("relunit(-1,week)", context)
('2024-W48', 'DCT')
>>> evaluate("refoffset(1,D,earlier)", context)
('2024-12-05', 'REF')
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from datetime import date, timedelta
from typing import Callable

from lib.temporal.rules import RESOURCES, vocab

_CALL = re.compile(r"^([a-z][a-z0-9]*)\((.*)\)$")


@dataclass(frozen=True)
class Context:
    dct: date | None
    ref: date | None  # the last day-precise date mentioned, if any
    direction: str  # past | future | nearest | ""
    # Narrative mode: expressions that point from "now" point from the story's time instead, the
    # last date the text established (`story`, precise to `story_grain`: "Y", "M" or "D").
    mode: str = "news"
    story: date | None = None
    story_grain: str = ""
    period: str = ""  # the last quarter the text named ("2024-Q3"), which "a year ago" compares with
    story_bc: int = 0  # in narrative mode, the story's year when it lies before the common era


def _now(context: Context, grain: str = "Y") -> tuple[date | None, str]:
    """The anchor "now"-relative expressions point from, and its label ("DCT" or "STORY").

    In narrative mode that is the story's last date when it is precise enough for `grain`
    (a weekday needs a day, a month name only a year); else, and in news mode, the DCT. A plan
    told in the present ("is due to be published in May", "will meet Monday") speaks from the
    writer's time, not the story's: the DCT too.

    >>> story = Context(dct=date(2013, 3, 22), ref=None, direction="", mode="narrative",
    ...                 story=date(2005, 6, 1), story_grain="M")
    >>> _now(story), _now(replace(story, direction="future"))
    ((datetime.date(2005, 6, 1), 'STORY'), (datetime.date(2013, 3, 22), 'DCT'))
    """
    if context.mode == "narrative" and context.story is not None and context.direction != "future":
        if "YMD".index(context.story_grain) >= "YMD".index(grain):
            return context.story, "STORY"
    return context.dct, "DCT"


class Unresolvable(ValueError):
    """The template cannot be given a value (an impossible date, a vague count)."""


class OutOfRange(Unresolvable):
    """The value would fall outside the years 1-9999 ("800000 days ago", a DCT of 0001-01-01):
    the expression is real, only its value cannot be written."""


_YEAR_OUT_OF_RANGE = re.compile(r"^(?:-|\d{5,}|0000)")


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _unit_code(word: str) -> str:
    units = vocab()["unit"]
    word = word.lower()
    if word in units:
        return units[word]
    return {"daily": "D", "nightly": "D", "weekly": "W", "monthly": "M", "annually": "Y",
            "yearly": "Y", "hourly": "H", "season": "Y", "weekend": "WE"}.get(word, word.upper())


def _pick(candidates: list[date], anchor: date, direction: str, default: str,
          guard_days: int | None = None) -> date:
    """The candidate on the side of `anchor` the direction says; the nearest when undecided."""
    how = direction or default
    nearest = min(candidates, key=lambda d: (abs((d - anchor).days), d > anchor))
    if how == "past":
        before = [d for d in candidates if d <= anchor]
        chosen = max(before) if before else nearest
    elif how == "future":
        after = [d for d in candidates if d >= anchor]
        chosen = min(after) if after else nearest
    else:
        chosen = nearest
    if guard_days is not None and abs((chosen - anchor).days) > guard_days:
        return nearest
    return chosen


def _need_dct(context: Context) -> date:
    if context.dct is None:
        raise Unresolvable("no publication date to resolve against")
    return context.dct


def _vague(offset: int) -> str:
    return "PAST_REF" if offset < 0 else "FUTURE_REF" if offset > 0 else "PRESENT_REF"


def _offset(text: str) -> int:
    tables = vocab()
    text = text.lower()
    if text in tables["storyoffset"]:
        return int(tables["storyoffset"][text])
    return int(tables["offset"].get(text.removeprefix("the "), text))


# Each function returns (value, anchor) where anchor is "DCT", "REF" or "".
def _ymd(context: Context, year: str, month: str, day: str) -> tuple[str, str]:
    return date(int(year), int(month), int(day)).isoformat(), ""


def _numdate(context: Context, first: str, second: str, year: str) -> tuple[str, str]:
    year_number = int(year) if len(year) == 4 else int(_year2_near(year, context))
    month, day = (int(first), int(second)) if int(first) <= 12 else (int(second), int(first))
    return date(year_number, month, day).isoformat(), ""


def _year2_near(digits: str, context: Context) -> str:
    """A two-digit year as the latest year ending so that lies at most 10 years after "now" (the
    DCT; in a story, its year): '58 is 1958 in news of 2024, '99 is 1899 in a story of 1918.

    >>> news = Context(dct=date(1990, 8, 15), ref=None, direction="")
    >>> _year2_near("99", news), _year2_near("05", news)
    ('1999', '1905')
    >>> story = Context(dct=date(2009, 12, 19), ref=None, direction="", mode="narrative",
    ...                 story=date(1918, 3, 9), story_grain="D")
    >>> _year2_near("99", story), _year2_near("89", story), _year2_near("17", story)
    ('1899', '1889', '1917')
    """
    now, _ = _now(context, "Y")
    if now is None:
        value = int(digits)
        return str(2000 + value if value <= 50 else 1900 + value)
    latest = now.year + 10
    year = latest - (latest - int(digits)) % 100
    return str(year)


def _year2(context: Context, digits: str) -> tuple[str, str]:
    year = _year2_near(digits, context)
    label = "STORY" if context.mode == "narrative" and context.story is not None else ""
    return year, label


# A year-less month in a story lies at most this many months before the story's month, else after;
# fewer once the story has reached a day, as a story told day by day mostly moves on.
_BACK_MONTHS = -5
_BACK_MONTHS_DAY = -3


def _story_year(context: Context, anchor: date, month: int) -> int:
    """The year of a year-less month in a story: the story's year when it only knows the year,
    else the year that puts the month nearest the story's month (a tie goes forward)."""
    if context.story_grain == "Y":
        return anchor.year
    here = anchor.year * 12 + anchor.month - 1
    back = _BACK_MONTHS_DAY if context.story_grain == "D" else _BACK_MONTHS
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if back <= year * 12 + month - 1 - here < back + 12:
            return year
    return anchor.year


def _monthday(context: Context, month: str, day: str, weekday: str = "") -> tuple[str, str]:
    """A day of a month without its year; a weekday told with it ("Sunday, March 8") picks, of
    the years the anchor allows, the one where that day is that weekday."""
    if _bc(context):
        return f"BC{_bc(context):04d}-{month}-{day}", "STORY"
    now, label = _now(context, "Y")
    if now is None:
        return f"XXXX-{month}-{day}", ""
    if label == "STORY":
        year = _story_year(context, now, int(month))
        for candidate in (year, year + 1, year - 1, year + 2, year - 2, year + 3):
            try:  # February 29 lies in the leap year nearest the story
                return date(candidate, int(month), int(day)).isoformat(), label
            except ValueError:
                continue
    candidates = []
    for year in (now.year - 1, now.year, now.year + 1):
        try:
            candidates.append(date(year, int(month), int(day)))
        except ValueError:
            continue
    if not candidates:
        raise Unresolvable(f"no day {day} in month {month}")
    chosen = _pick(candidates, now, context.direction, "nearest", guard_days=240)
    if weekday and chosen.isoweekday() != int(weekday):
        named = [d for d in candidates if d.isoweekday() == int(weekday)]
        chosen = named[0] if len(named) == 1 else chosen
    return chosen.isoformat(), label


def _weekday(context: Context, number: str) -> tuple[str, str]:
    now, label = _now(context, "D")
    if now is None:
        return f"XXXX-WXX-{number}", ""
    back = (now.isoweekday() - int(number)) % 7
    candidates = [now - timedelta(days=back), now + timedelta(days=(7 - back) % 7)]
    how = "future" if label == "STORY" else context.direction
    return _pick(candidates, now, how, "past").isoformat(), label


def _relweekday(context: Context, offset: str, number: str) -> tuple[str, str]:
    dct, label = _now(context, "D")
    if dct is None:
        raise Unresolvable("no day to count weekdays from")
    step = _offset(offset)
    target = int(number)
    if step == 0:
        day = dct + timedelta(days=target - dct.isoweekday())
    elif step < 0:
        day = dct - timedelta(days=(dct.isoweekday() - target - 1) % 7 + 1)
    else:
        day = dct + timedelta(days=(target - dct.isoweekday() - 1) % 7 + 1)
    return day.isoformat(), label


def _bc_date(context: Context, year: str, part: str = "", day: str = "") -> tuple[str, str]:
    """A year before the common era, with its month or season and day when named: "2 August 216
    BC" is BC0216-08-02, "the summer of 415 BC" BC0415-SU."""
    return f"BC{int(year):04d}" + (f"-{part}" if part else "") + (f"-{day}" if day else ""), ""


def _bc_range_start(context: Context, first: str, last: str) -> tuple[str, str]:
    """The first year of a span before the common era written once with its era: "264-241 BC"
    begins in 264 BC; years before the common era count down, so a first year below the last is
    no such span ("3 to 5 BC")."""
    if int(first) <= int(last):
        raise Unresolvable("a span before the common era counts down")
    return f"BC{int(first):04d}", ""


def _bc(context: Context) -> int:
    """The story's year before the common era (490 for 490 BC), 0 when there is none."""
    return context.story_bc if context.mode == "narrative" and context.story is None else 0


def _month(context: Context, month: str) -> tuple[str, str]:
    if _bc(context):
        return f"BC{_bc(context):04d}-{month}", "STORY"
    now, label = _now(context, "Y")
    if now is None:
        return f"XXXX-{month}", ""
    if label == "STORY":
        return f"{_story_year(context, now, int(month))}-{month}", label
    candidates = [date(year, int(month), 1) for year in (now.year - 1, now.year, now.year + 1)]
    chosen = _pick(candidates, now.replace(day=1), context.direction, "nearest")
    return f"{chosen.year}-{month}", label


def _relmonth(context: Context, offset: str, month: str) -> tuple[str, str]:
    dct, label = _now(context, "M")
    if dct is None:
        raise Unresolvable("no month to count from")
    step, target = _offset(offset), int(month)
    if step == 0:
        year = dct.year
    elif step < 0:
        year = dct.year if target < dct.month else dct.year - 1
    else:
        year = dct.year if target > dct.month else dct.year + 1
    return f"{year}-{target:02d}", label


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _season(context: Context, season: str) -> tuple[str, str]:
    if _bc(context):
        return f"BC{_bc(context):04d}-{season}", "STORY"
    now, label = _now(context, "Y")
    if now is None:
        return f"XXXX-{season}", ""
    if label == "STORY":
        # A winter told in a story's December is the one whose January and February follow,
        # named by their year ("encamped at Valley Forge in December 1777 ... over the winter").
        late = season == "WI" and context.story_grain != "Y" and now.month == 12
        return f"{now.year + late}-{season}", label
    month = _SEASON_START[season]
    candidates = [date(year, month, 1) for year in (now.year - 1, now.year, now.year + 1)]
    chosen = _pick(candidates, now, context.direction, "nearest")
    return f"{chosen.year}-{season}", label


def _current_season(day: date) -> tuple[int, str]:
    if day.month in (1, 2):
        return day.year - 1, "WI"
    return day.year, {3: "SP", 6: "SU", 9: "FA", 12: "WI"}[(day.month // 3) * 3]


def _relseason(context: Context, offset: str, season: str) -> tuple[str, str]:
    if _bc(context):
        return f"{_bc_shift(_bc(context), 'year', _offset(offset))}-{season}", "STORY"
    dct, label = _now(context, "M")
    if dct is None:
        raise Unresolvable("no month to count seasons from")
    step = _offset(offset)
    order = ["SP", "SU", "FA", "WI"]
    year, current = _current_season(dct)
    here, target = order.index(current), order.index(season)
    if step == 0:
        return f"{dct.year}-{season}", label
    if step < 0:
        year = year if target < here else year - 1
    else:
        year = year if target > here else year + 1
    return f"{year}-{season}", label


_GRAIN = {"day": "D", "d": "D", "week": "D", "w": "D", "weekend": "D", "we": "D", "month": "M",
          "m": "M", "quarter": "M", "q": "M"}


def _relunit(context: Context, offset: str, unit: str) -> tuple[str, str]:
    step = _offset(offset)
    now, label = _now(context, _GRAIN.get(unit.lower(), "Y"))
    if now is None:
        return _vague(step), ""
    return _shift(now, unit, step), label


def _refunit(context: Context, offset: str, unit: str) -> tuple[str, str]:
    """A unit counted from the story's last date ("the following year", "that month"), whatever
    the mode; from the DCT when the text has established no date precise enough."""
    step = _offset(offset)
    grain = _GRAIN.get(unit.lower(), "Y")
    if context.story_bc and context.story is None and unit.lower() in ("year", "decade", "century"):
        return _bc_shift(context.story_bc, unit.lower(), step), "STORY"
    if context.story is not None and "YMD".index(context.story_grain) >= "YMD".index(grain):
        return _shift(context.story, unit, step), "STORY"
    if context.dct is None:
        return _vague(step), ""
    return _shift(context.dct, unit, step), "DCT"


def _shift(anchor: date, unit: str, step: int) -> str:
    """The period `step` units away from the anchor's, at the unit's granularity."""
    value = _shift_unchecked(anchor, unit, step)
    year = {"decade": 10, "de": 10, "century": 100, "ce": 100}.get(unit.lower(), 1)
    if not 1 <= int(re.match(r"-?\d+", value).group(0)) * year <= 9999:
        raise OutOfRange(f"{step} {unit} from {anchor} is outside the years 1-9999")
    return value


def _shift_unchecked(anchor: date, unit: str, step: int) -> str:
    unit = unit.lower()
    if unit in ("day", "d"):
        return (anchor + timedelta(days=step)).isoformat()
    if unit in ("week", "w"):
        return _iso_week(anchor + timedelta(weeks=step))
    if unit in ("weekend", "we"):
        return _iso_week(anchor + timedelta(weeks=step)) + "-WE"
    if unit in ("month", "m"):
        year, month = _shift_month(anchor.year, anchor.month, step)
        return f"{year:04d}-{month:02d}"
    if unit in ("quarter", "q"):
        year, month = _shift_month(anchor.year, anchor.month, 3 * step)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if unit in ("year", "y"):
        return f"{anchor.year + step:04d}"
    if unit in ("decade", "de"):
        return str(anchor.year // 10 + step)
    if unit in ("century", "ce"):
        return f"{anchor.year // 100 + step:02d}"
    raise Unresolvable(f"no calendar unit {unit!r}")


def _from_story(context: Context, unit: str, step: int) -> tuple[str, str]:
    """A unit counted from the story's time when the story knows no day to count from: exact when
    the story is precise enough, else the story's year (and month) with the rest left open.

    >>> story = Context(dct=date(2009, 12, 19), ref=None, direction="", mode="narrative",
    ...                 story=date(1980, 1, 1), story_grain="Y")
    >>> _from_story(story, "D", 3), _from_story(story, "Y", -1)
    (('1980-XX-XX', 'STORY'), ('1979', 'STORY'))
    """
    story = context.story
    grain = _GRAIN.get(unit.lower(), "Y")
    if "YMD".index(context.story_grain) >= "YMD".index(grain):
        return _shift(story, unit, step), "STORY"
    if unit.lower() in ("week", "w"):
        return f"{story.year:04d}-WXX", "STORY"
    if grain == "M" or context.story_grain == "Y":
        return f"{story.year:04d}-XX" + ("-XX" if grain == "D" else ""), "STORY"
    return f"{story.year:04d}-{story.month:02d}-XX", "STORY"


def _rel(context: Context, anchor: str, unit: str, step: str) -> tuple[str, str]:
    step_number = int(step)
    if (anchor == "ref" and context.mode == "narrative" and context.story is not None
            and (context.ref is None or context.ref.year != context.story.year)):
        return _from_story(context, unit, step_number)  # no day yet, or one of another year
    if anchor == "ref" and context.ref is not None:
        return _shift(context.ref, unit, step_number), "REF"
    if context.dct is None:
        return _vague(step_number), ""
    return _shift(context.dct, unit, step_number), "DCT"


def _relday(context: Context, word: str) -> tuple[str, str]:
    return _rel(context, "dct", "day", "-1" if word == "yesterday" else "1")


_REF_DAYS = {"the next day": 1, "the following day": 1, "the day after": 1, "the previous day": -1,
             "the preceding day": -1, "the day before": -1, "that day": 0, "the same day": 0,
             "that same day": 0}


def _refday(context: Context, phrase: str) -> tuple[str, str]:
    return _rel(context, "ref", "day", str(_REF_DAYS[phrase]))


_PART_DAYS = {"": 0, "next": 1, "following": 1, "previous": -1, "before": -1}


def _refpart(context: Context, word: str = "") -> tuple[str, str]:
    """The day of "that evening" (0), "the next morning" (1), "the night before" (-1)."""
    return _rel(context, "ref", "day", str(_PART_DAYS[word.lower()]))


def _refoffset(context: Context, number: str, unit: str, way: str) -> tuple[str, str]:
    if number == "X" or "." in number:
        raise Unresolvable("a vague count cannot be counted from a date")
    step = int(number) * (-1 if way in ("earlier", "previously") else 1)
    code = _unit_code(unit)
    compared = _year_before_period(context, number, code) if step < 0 else None
    if compared:
        return compared
    if context.story_bc and context.story is None and code in ("Y", "DE", "CE"):
        years = step * {"Y": 1, "DE": 10, "CE": 100}[code]
        return _bc_shift(context.story_bc, "year", years), "STORY"
    if code == "W":
        code, step = "D", step * 7
    elif code in ("H", "MIN", "S"):  # "two hours later": that day; "48 hours later": two days on
        code, step = "D", int(step / 24) if code == "H" else 0
    return _rel(context, "ref", code, str(step))


def _bc_shift(year_bc: int, unit: str, step: int) -> str:
    """A year, decade or century `step` units after a year before the common era: 491 BC plus a
    year is 490 BC; past 1 BC the count goes on in the common era (no year 0)."""
    if unit == "year":
        after = year_bc - step
        return f"BC{after:04d}" if after >= 1 else f"{1 - after:04d}"
    if unit == "decade":
        decade = (year_bc - 1) // 10 - step
        return f"BC{decade:03d}" if decade >= 0 else f"{-decade - 1:03d}"
    century = (year_bc - 1) // 100 - step
    return f"BC{century:02d}" if century >= 0 else f"{-century - 1:02d}"


def _shift_quarter(quarter: str, step: int) -> str:
    year, number = int(quarter[:4]), int(quarter[-1])
    index = year * 4 + number - 1 + step
    return f"{index // 4:04d}-Q{index % 4 + 1}"


def _period(context: Context, step: str, text: str) -> tuple[str, str]:
    """A reporting period: "the quarter" is the quarter the text last named (else the last one
    completed before the DCT, or the DCT's own for "the current quarter"); "the year-earlier
    quarter" the same a year before (a year before the DCT's when no quarter was named)."""
    quarters = int(step)
    if context.period and "current" not in text.lower():
        return _shift_quarter(context.period, quarters), "PERIOD"
    if context.dct is None:
        raise Unresolvable("no period to refer to")
    dct = context.dct
    here = f"{dct.year:04d}-Q{(dct.month - 1) // 3 + 1}"
    if quarters:
        return str(dct.year + quarters // 4), "DCT"
    return (here if "current" in text.lower() else _shift_quarter(here, -1)), "DCT"


def _periodyear(context: Context, year: str, ordinal: str) -> tuple[str, str]:
    """ "the 2023 third quarter"; "the 2023 period" is the quarter last named, in that year."""
    if ordinal:
        return f"{year}-Q{ordinal}", ""
    if context.period:
        return f"{year}-Q{context.period[-1]}", "PERIOD"
    return year, ""


def _monthofyear(context: Context, offset: str, month: str) -> tuple[str, str]:
    """ "June last year": the month in the year the offset names, counted from the DCT."""
    year, anchor = _relunit(context, offset, "year")
    if not year.isdigit():
        return f"XXXX-{month}", ""
    return f"{year}-{month}", anchor


def _quarterofyear(context: Context, offset: str, ordinal: str) -> tuple[str, str]:
    """ "next year's first quarter": the quarter in the year the offset names."""
    year, anchor = _relunit(context, offset, "year")
    if not year.isdigit():
        return f"XXXX-Q{ordinal}", ""
    return f"{year}-Q{ordinal}", anchor


def _year_before_period(context: Context, number: str, code: str) -> tuple[str, str] | None:
    """ "a year ago" / "a year earlier" in a text about a quarter: that quarter a year before."""
    if code == "Y" and number in ("1", "1.0") and context.period:
        return _shift_quarter(context.period, -4), "PERIOD"
    return None


def _refseason(context: Context, offset: str, season: str) -> tuple[str, str]:
    """ "that summer", "the following spring", "the previous April": in the story's year, or the
    last one before / the first one after the story's date; counted from the DCT when the text
    has named no date."""
    if _bc(context):
        return f"{_bc_shift(_bc(context), 'year', _offset(offset))}-{season}", "STORY"
    if context.story is not None:
        anchor, label = context.story, "STORY"
    elif context.dct is not None:
        anchor, label = context.dct, "DCT"
    else:
        return f"XXXX-{season}", ""
    step = _offset(offset)
    if step == 0:
        return f"{anchor.year:04d}-{season}", label
    month = _SEASON_START.get(season) or int(season)
    starts = [date(anchor.year + k, month, 1) for k in (-1, 0, 1)]
    here = anchor.replace(day=1)
    chosen = max(d for d in starts if d < here) if step < 0 else min(d for d in starts if d > here)
    return f"{chosen.year:04d}-{season}", label


def _in_story_year(context: Context, offset: str, month: str, day: str) -> tuple[str, str]:
    """ "August of that year", "July 25 of the same year": the month (and day) in the story's
    year, or the year before or after it."""
    if _bc(context):
        year = _bc_shift(_bc(context), "year", _offset(offset))
        return f"{year}-{month}" + (f"-{day}" if day else ""), "STORY"
    anchor, label = (context.story, "STORY") if context.story else (context.dct, "DCT")
    if anchor is None:
        return (f"XXXX-{month}-{day}" if day else f"XXXX-{month}"), ""
    year = anchor.year + _offset(offset)
    if day:
        return date(year, int(month), int(day)).isoformat(), label
    return f"{year:04d}-{month}", label


def _ago(context: Context, number: str, unit: str, weekday: str = "") -> tuple[str, str]:
    if number == "X" or "." in number:
        return "PAST_REF", ""
    code = _unit_code(unit)
    if weekday:  # "a week ago Sunday"
        return _weeks_ago(context, number, weekday)
    compared = _year_before_period(context, number, code)
    if compared:
        return compared
    if code in ("H", "MIN", "S"):
        code, number = "D", "0"
    return _rel(context, "dct", code, str(-int(number)))


def _weeks_ago(context: Context, number: str, weekday: str) -> tuple[str, str]:
    """ "A week ago Sunday": the weekday last come by the DCT, that many weeks further back
    (a Friday's "a week ago Sunday" is not last Sunday but the one before)."""
    dct = _need_dct(context)
    if not number.isdigit():
        return "PAST_REF", ""
    back = (dct.isoweekday() - int(weekday)) % 7
    return (dct - timedelta(days=back + 7 * int(number))).isoformat(), "DCT"


def _weekend(context: Context) -> tuple[str, str]:
    dct, label = _now(context, "D")
    if dct is None:
        raise Unresolvable("no day to find the weekend from")
    if dct.isoweekday() >= 6:
        return _iso_week(dct) + "-WE", label
    how = context.direction or "past"
    if how == "nearest":
        how = "past" if dct.isoweekday() <= 3 else "future"
    step = -1 if how == "past" else 0
    return _iso_week(dct + timedelta(weeks=step)) + "-WE", label


def _quarter(context: Context, ordinal: str) -> tuple[str, str]:
    """ "the fourth quarter": reports tell results, so the last such quarter that has begun by the
    anchor (in January, last year's); with a future cue the one that begins nearest the anchor
    ("expects growth in the fourth quarter" in August is this year's; "will report third-quarter
    results" in October is the quarter just ended)."""
    now, label = _now(context, "Y")
    if now is None:
        return f"XXXX-Q{ordinal}", ""
    starts = [date(year, 3 * int(ordinal) - 2, 1) for year in (now.year - 1, now.year, now.year + 1)]
    how = "nearest" if context.direction == "future" else "past"
    return f"{_pick(starts, now, how, 'past').year}-Q{ordinal}", label


def _century(context: Context, ordinal: str) -> tuple[str, str]:
    return f"{int(ordinal) - 1:02d}", ""


def _duration_value(number: str, code: str) -> str:
    if code == "DE":
        return f"P{number}DE" if number == "X" else f"P{_times(number, 10)}Y"
    if code == "CE":
        return f"P{number}CE" if number == "X" else f"P{_times(number, 100)}Y"
    if code == "Q":
        return f"P{number}Q" if number == "X" else f"P{_times(number, 3)}M"
    if code in ("H", "S"):
        return f"PT{number}{code}"
    if code == "MIN":
        return f"PT{number}M"
    return f"P{number}{code}"


def _times(number: str, factor: int) -> str:
    value = float(number) * factor
    return str(int(value)) if value.is_integer() else str(value)


def _dur(context: Context, number: str, unit: str) -> tuple[str, str]:
    return _duration_value(number, _unit_code(unit)), ""


def _half(context: Context, unit: str, other: str) -> tuple[str, str]:
    if other:
        return {"minute": "PT1M30S", "hour": "PT90M", "day": "PT36H", "week": "P1.5W",
                "month": "P1.5M", "year": "P18M", "decade": "P15Y"}[other], ""
    return {"hour": "PT30M", "day": "PT12H", "year": "P6M", "century": "P50Y"}[unit], ""


def _durhalf(context: Context, number: str, unit: str) -> tuple[str, str]:
    """ "two and a half years": the count and a half, in the unit."""
    if not number.replace(".", "").isdigit():
        raise Unresolvable("a vague count has no half")
    return _duration_value(f"{float(number) + 0.5:g}", _unit_code(unit)), ""


def _halfyear(context: Context, which: str, year: str) -> tuple[str, str]:
    return f"{year}-H{1 if which.lower() == 'first' else 2}", ""


@lru_cache(maxsize=1)
def _moving_holidays() -> dict[tuple[str, int], date]:
    table = {}
    for line in (RESOURCES / "holidays.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, year, day = line.split("\t")
            table[(key, int(year))] = date.fromisoformat(day)
    return table


def _easter(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday_date(rule: str, year: int) -> date:
    """The day a holiday rule of vocab.tsv falls on in `year`.

    >>> holiday_date("12-25", 2024), holiday_date("easter+0", 2024), holiday_date("nth:11:4:4", 2024)
    (datetime.date(2024, 12, 25), datetime.date(2024, 3, 31), datetime.date(2024, 11, 28))
    """
    if rule[:2].isdigit():
        return date(year, int(rule[:2]), int(rule[3:5]))
    if rule.startswith("easter"):
        return _easter(year) + timedelta(days=int(rule[6:]))
    if rule.startswith("nth:"):
        _, month, weekday, n = rule.split(":")
        first = date(year, int(month), 1)
        return first + timedelta(days=(int(weekday) - first.isoweekday()) % 7 + 7 * (int(n) - 1))
    found = _moving_holidays().get((rule, year))
    if found is None:
        raise Unresolvable(f"no date of {rule} in {year}")
    return found


def _holiday(context: Context, rule: str, year: str) -> tuple[str, str]:
    """A holiday in the year named, else in the anchor's year or the one before or after."""
    if year:
        return holiday_date(rule, int(year)).isoformat(), ""
    now, label = _now(context, "Y")
    if now is None:
        raise Unresolvable("a holiday without a year needs an anchor")
    if label == "STORY":
        return holiday_date(rule, now.year).isoformat(), label
    candidates = []
    for offset in (-1, 0, 1):
        try:
            candidates.append(holiday_date(rule, now.year + offset))
        except (Unresolvable, ValueError):
            continue
    if not candidates:
        raise Unresolvable(f"no date of {rule} near {now}")
    return _pick(candidates, now, context.direction, "nearest").isoformat(), label


def _every(context: Context, number: str, unit: str) -> tuple[str, str]:
    return _duration_value(number, _unit_code(unit)), ""


def _day_of_month(context: Context, day: str) -> tuple[str, str]:
    """A bare day of the month ("on the 20th"): that day of the month the text last named to the
    day, else of the story's month, else of the DCT's month.

    >>> told = Context(dct=date(2009, 12, 19), ref=date(1917, 9, 12), direction="")
    >>> _day_of_month(told, "20")
    ('1917-09-20', 'REF')
    """
    if context.ref is not None:
        month, label = context.ref, "REF"
    else:
        month, label = _now(context, "M")
        if month is None:
            raise Unresolvable("no month to place a bare day in")
    return month.replace(day=int(day)).isoformat(), label


def _range_end(context: Context, day: str, year: str) -> tuple[str, str]:
    """The last day of a range written once with its month and year ("March 5-9, 1918"): the day
    of the first member's month, which must lie before it in that year."""
    first = context.ref
    if first is None or first.year != int(year) or first.day >= int(day):
        raise Unresolvable("no first day of the range in that year")
    return first.replace(day=int(day)).isoformat(), "REF"


_FUNCTIONS: dict[str, Callable[..., tuple[str, str]]] = {
    "ymd": _ymd, "numdate": _numdate, "year2": _year2, "monthday": _monthday,
    "weekday": _weekday, "relweekday": _relweekday, "month": _month, "relmonth": _relmonth,
    "season": _season, "relseason": _relseason, "relunit": _relunit, "refunit": _refunit, "rel": _rel,
    "relday": _relday, "refday": _refday, "refoffset": _refoffset, "ago": _ago,
    "rangeend": _range_end, "refpart": _refpart,
    "weekend": _weekend, "quarter": _quarter, "period": _period, "periodyear": _periodyear,
    "monthofyear": _monthofyear, "refseason": _refseason,
    "instoryyear": _in_story_year, "dayofmonth": _day_of_month,
    "bc": _bc_date, "bcrangestart": _bc_range_start, "bccentury": lambda context, ordinal: (f"BC{int(ordinal) - 1:02d}", ""),
    "bcdecade": lambda context, decade: (f"BC{int(decade):03d}", ""), "quarterofyear": _quarterofyear, "century": _century, "dur": _dur,
    "half": _half, "every": _every, "holiday": _holiday, "durhalf": _durhalf, "halfyear": _halfyear,
}


def _clock(hour: str, minute: str, ampm: str) -> str:
    hour_number = int(hour)
    if ampm == "pm" and hour_number < 12:
        hour_number += 12
    elif ampm == "am" and hour_number == 12:
        hour_number = 0
    return f"T{hour_number:02d}:{minute or '00'}"


def _time_suffix(template: str) -> str:
    call = _CALL.match(template)
    if not call:
        raise Unresolvable(f"bad time template {template!r}")
    name, args = call.group(1), call.group(2).split(",")
    if name == "clock":
        return _clock(*args)
    if name == "part":
        return "T" + args[0]
    raise Unresolvable(f"unknown time function {name!r}")


def evaluate(template: str, context: Context) -> tuple[str, str]:
    """The (value, anchor) a filled template stands for; anchor is "DCT", "REF" or ""."""
    date_part, _, time_part = template.partition("&")
    call = _CALL.match(date_part)
    if call:
        function = _FUNCTIONS.get(call.group(1))
        if function is None:
            raise Unresolvable(f"unknown function {call.group(1)!r}")
        args = [a.strip() for a in call.group(2).split(",")] if call.group(2) else []
        try:
            value, anchor = function(context, *args)
        except OutOfRange:
            raise
        except OverflowError as error:
            raise OutOfRange(str(error)) from error
        except (ValueError, KeyError, TypeError) as error:
            if re.search(r"year -?\d+ is out of range", str(error)):
                raise OutOfRange(str(error)) from error
            raise Unresolvable(str(error)) from error
        if _YEAR_OUT_OF_RANGE.match(value):
            raise OutOfRange(f"year out of range in {value!r}")
    else:
        value, anchor = date_part, ""
    if time_part:
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            raise Unresolvable(f"a time of day needs a day, got {value!r}")
        value += _time_suffix(time_part)
    return value, anchor
