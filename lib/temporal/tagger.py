"""The tagger: find candidates, then resolve each against the DCT or the last date mentioned.

>>> from datetime import date
>>> text = "Rebels left Hama on Friday, a day earlier, and will hold talks Saturday."
>>> [(t.text, t.value, t.anchor) for t in tag(text, date(2024, 12, 6))]
[('Friday', '2024-12-06', 'DCT'), ('a day earlier', '2024-12-05', 't@20'), ('Saturday', '2024-12-07', 'DCT')]
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

from lib.temporal.find import find_candidates
from lib.temporal.resolve import Context, OutOfRange, Unresolvable, evaluate
from lib.temporal.tense import direction
from lib.temporal.timex import Timex, is_valid_value

_BC_YEAR = re.compile(r"^BC\d{4}(?:-(?:SP|SU|FA|WI|\d\d))?(?:-\d\d)?$")
_QUARTER = re.compile(r"^\d{4}-Q[1-4]$")
_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")


def _as_date(dct: date | datetime | str | None) -> date | None:
    if dct is None or dct == "":
        return None
    if isinstance(dct, datetime):
        return dct.date()
    if isinstance(dct, date):
        return dct
    return date.fromisoformat(str(dct)[:10])


_EXPLICIT_YEAR = re.compile(r"^(?:ymd\()?(\d{4})(?![\d(])")
_STORY = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:$|T|-(?:SP|SU|FA|WI|Q\d|H\d))")
# A text tells a story rather than news when most years it names lie this far before its DCT.
_FAR_YEARS = 3
# Which values move the story's time: explicit dates and names of months, days and seasons, not
# the back-references and offsets that point away from it ("the previous year", "a week later").
_MOVES_STORY = re.compile(r"^(?!(?:relunit|refunit|rel|ago|refoffset|refday|period|periodyear|refseason)\()")
_MIN_FAR = 4
# ... or when it names so many years that it must be telling a history, however recent.
_HISTORY_YEARS = 20


def choose_mode(templates: list[str], dct: date | None) -> str:
    """'narrative' when the explicit years of a text are mostly far before its DCT, else 'news'.

    >>> choose_mode(["1939", "ymd(1940,05,10)", "1941", "1942-06", "month(06)"], date(2009, 12, 19))
    'narrative'
    >>> choose_mode(["2024", "ymd(2011,03,15)", "weekday(5)"], date(2024, 12, 6))
    'news'
    """
    years = [int(m.group(1)) for m in map(_EXPLICIT_YEAR.match, templates) if m]
    years += [0 for template in templates if template.startswith(("bc(", "bcdecade("))]
    if dct is None:
        return "narrative" if len(years) >= _HISTORY_YEARS else "news"
    far = sum(year < dct.year - _FAR_YEARS for year in years)
    if far >= _MIN_FAR and far * 2 >= len(years):
        return "narrative"
    return "narrative" if len(years) >= _HISTORY_YEARS else "news"


def _story_point(value: str) -> tuple[date, str] | None:
    """The date and grain (Y, M, D) a resolved value establishes in the story, if any."""
    match = _STORY.match(value)
    if not match:
        return None
    year, month, day = match.groups()
    if int(year) < 1:
        return None
    if day:
        return date(int(year), int(month), int(day)), "D"
    if month:
        return date(int(year), int(month), 1), "M"
    return date(int(year), 1, 1), "Y"


def _restates(point: tuple[date, str], story: tuple[date, str] | None) -> bool:
    """Whether `point` only restates, less precisely, the story's time: "December 8, 1941 ...
    in 1941" leaves the story on December 8 (a following "In January" is 1942's)."""
    if story is None or "YMD".index(point[1]) >= "YMD".index(story[1]):
        return False
    same = story[0].year == point[0].year
    return same and (point[1] == "Y" or story[0].month == point[0].month)


_BAD_YEAR = re.compile(r"^(?:-|\d{1,3}-|\d{5,}|0000)")


def _out_of_range(cand) -> Timex:
    """The expression with an open value: resolving it fell outside the years 1-9999."""
    return Timex(cand.start, cand.end, cand.text, cand.type,
                 "PXY" if cand.type == "DURATION" else "XXXX", cand.mod, "",
                 f"{cand.rule}:out-of-range")


# A time of day told before its day: "At 5:34 AM Baghdad time on March 20, 2003", "at 10 p.m., Dec. 4".
_TIME_OF_DAY = "rel(ref,day,0)&"
_BEFORE_ITS_DAY = re.compile(r"\s*(?:[A-Z][a-z]+ time\s*)?(?:,\s*|\s+on\s+|,\s*on\s+)")


# A bare year in brackets after a name dates the thing named, a book, a law, a treaty ("the Civil
# Constitution of the Clergy (1790)", "How Wars Are Won (2003)"), not the story's time.
_NAME_BEFORE = re.compile(r"(?:\b[A-Z][\w.’'-]*|\d+)\s*\($")


# "the first incursion since 1995": a look back from the story's time, which stays where it was.
_SINCE = re.compile(r"\bsince\s+(?:the\s+)?\Z", re.IGNORECASE)


# A date told in the past perfect ("forces that had invaded Burma in late 1943") lies behind the
# story's time, which stays where it was ("By June" after "In May 1944" is 1944's June).
_FLASHBACK = re.compile(r"\bhad\s+(?:\w+\s+)?\w+ed\b[^.;:!?]*\Z", re.IGNORECASE)


def _aside_in_brackets(text: str, cand) -> bool:
    """Whether the expression ends an aside in round brackets opened in its sentence with words
    before it ("(as of December 5, 2006)", "(effective until 1978)"): a date the aside measures
    by, which leaves the story's time where it was. A bracket holding only the date ("fought on
    (1794)") still moves it."""
    before = text[max(0, cand.start - 80):cand.start]
    opened = before.rfind("(")
    if opened < 0 or opened < before.rfind(")"):
        return False
    inside = before[opened + 1:]
    return re.search(r"[A-Za-z]{2,}", inside) is not None and not re.search(r"[.!?]\s", inside)


def _dates_a_name(text: str, cand) -> bool:
    if not (cand.template.isdigit() and text[cand.end:cand.end + 1] == ")"):
        return False
    return _NAME_BEFORE.search(text, max(0, cand.start - 40), cand.start) is not None


def _day_told_after(text: str, cand, following, context: Context) -> date | None:
    """The day a clock time is given right after it ("5:34 AM local time on March 20, 2003"),
    which it falls on rather than on the last day mentioned before it."""
    if following is None or not cand.template.startswith(_TIME_OF_DAY):
        return None
    if not _BEFORE_ITS_DAY.fullmatch(text, cand.end, following.start):
        return None
    try:
        value, _ = evaluate(following.template, context)
    except (OutOfRange, Unresolvable):
        return None
    day = _DAY.fullmatch(value)
    return date(*map(int, day.groups())) if day else None


# In a story, a month, season or day named without its year takes the year of the explicit date
# told right after it in its sentence, after "in/of/on/during" or a bracket ("their summer
# offensive against southern Russia in June 1942", "Winter Offensive (early 1951)"), not a
# comparison ("than in 1941", "since 1940").
_YEARLESS = re.compile(r"^(?:month|season|monthday)\(")
_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)|\n")
_DATE_OF = re.compile(r"(?:(?<!\bthan\s)\b(?:in|of|on|during)\s+|\()\Z", re.IGNORECASE)


def _year_told_after(text: str, cand, later, context) -> tuple[date, str] | None:
    """The story point of the explicit date told right after a year-less one, if any (above); the
    resolver reads that date, so any template with its own year counts, not one template shape."""
    if not _YEARLESS.match(cand.template):
        return None
    for other in later:
        if _SENTENCE_END.search(text, cand.end, other.start):
            return None
        if other.start - cand.end > 60:
            return None
        if (_EXPLICIT_YEAR.match(other.template)
                and _DATE_OF.search(text, max(0, other.start - 12), other.start)):
            try:
                value, _ = evaluate(other.template, context)
            except (OutOfRange, Unresolvable):
                return None
            return _story_point(value)
    return None


# A story's last date lying this many years or more off the one before, when that one and the one
# before it kept to a year, is an aside ("On April 9 Baghdad fell. In November 2008, protesters
# staged a similar stomping ... On April 15 the coalition ..."): a year-less date after it keeps
# to the line of the story. The story itself still moves there, so a second date confirms a jump.
_JUMP = 5


def _line_of_story(story, story_label: str, history: list) -> tuple[tuple[date, str] | None, str]:
    if story is None or len(history) < 2:
        return story, story_label
    (before, before_label), (earlier, _) = history[-1], history[-2]
    if (before and earlier and abs(story[0].year - before[0].year) >= _JUMP
            and abs(before[0].year - earlier[0].year) <= 1):
        return before, before_label
    return story, story_label


def tag(text: str, dct: date | datetime | str | None) -> list[Timex]:
    """Every temporal expression in `text` as a Timex, resolved against the publication date.

    A text whose explicit years lie mostly long before its DCT (a history, a war narrative) is
    read in narrative mode: year-less months, days and "the previous year" resolve against the
    story's last date instead (`anchor` names the timex that date came from).
    With no DCT, explicit dates still get their values and relative ones an underspecified value
    (`XXXX-WXX-5` for "Friday") or a vague reference (PAST_REF for "last week").
    """
    dct_day = _as_date(dct)
    candidates = find_candidates(text)
    mode = choose_mode([c.template for c in candidates], dct_day)
    ref: date | None = None
    ref_label = ""
    story: tuple[date, str] | None = None
    story_label = ""
    period, period_label = "", ""
    story_bc = 0
    found: list[Timex] = []
    history: list = []  # the story's earlier points, with their labels
    for index, cand in enumerate(candidates):
        if cand.mode and cand.mode != mode:
            continue
        way = direction(text, cand.start, cand.end)
        if cand.rule == "future_ref" and way == "past":
            continue  # "the town soon fell": soon after the story's time, not after publication
        context = Context(dct=dct_day, ref=ref, direction=way,
                          mode=mode, story=story[0] if story else None,
                          story_grain=story[1] if story else "", period=period,
                          story_bc=story_bc)
        following = candidates[index + 1] if index + 1 < len(candidates) else None
        label_of_story = story_label
        if mode == "narrative" and _YEARLESS.match(cand.template):
            line, label_of_story = _line_of_story(story, story_label, history)
            if line is not None and line is not story:
                context = replace(context, story=line[0], story_grain=line[1])
        if mode == "narrative":
            told = _year_told_after(text, cand, candidates[index + 1:index + 6], context)
            if told is not None:
                context = replace(context, story=told[0], story_grain=told[1], story_bc=0)
        day_after = _day_told_after(text, cand, following, context)
        if day_after is not None:
            context = replace(context, ref=day_after, story=day_after, story_grain="D")
        try:
            value, anchor = evaluate(cand.template, context)
        except OutOfRange:
            found.append(_out_of_range(cand))
            continue
        except Unresolvable:
            continue
        if not is_valid_value(value):
            if _BAD_YEAR.match(value):
                found.append(_out_of_range(cand))
            continue
        if anchor == "REF":
            anchor = ref_label
        elif anchor == "STORY":
            anchor = label_of_story
        elif anchor == "PERIOD":
            anchor = period_label
        found.append(Timex(cand.start, cand.end, cand.text, cand.type, value, cand.mod, anchor,
                           cand.rule))
        if cand.type not in ("DATE", "TIME"):
            continue
        if _QUARTER.match(value) and _MOVES_STORY.match(cand.template):
            period, period_label = value, f"t@{cand.start}"
        day = _DAY.match(value)
        if day:
            ref, ref_label = date(*map(int, day.groups())), f"t@{cand.start}"
        # a season placed by the story's own date tells nothing new (a December's winter is
        # named by the next year, where the story has not gone)
        told_from_story = cand.template.startswith("season(") and anchor == label_of_story != ""
        moves = (_MOVES_STORY.match(cand.template) and not _dates_a_name(text, cand)
                 and not told_from_story
                 and not _SINCE.search(text, max(0, cand.start - 12), cand.start)
                 and not _FLASHBACK.search(text, max(0, cand.start - 60), cand.start)
                 and not _aside_in_brackets(text, cand))
        point = _story_point(value) if moves else None
        if point and not _restates(point, story):
            history.append((story, story_label))
            story, story_label, story_bc = point, f"t@{cand.start}", 0
        elif _BC_YEAR.match(value) and cand.template.startswith("bc("):
            story, story_label, story_bc = None, f"t@{cand.start}", int(value[2:6])
    return found
