"""The dateline at the top of an article's text: the date a page states about itself.

Read with the patterns of `datelines.txt` alone (its format is in its header), no tagger: cheap
enough to check every article's metadata date against. A date is a dateline when it starts the
text or one of its first lines (after page furniture at most), after a cue ("Posted on", "Date of
publication", "Last updated at"), or, after a headline, next to an agency tag, a clock time or an
"(updated ...)", or named with its weekday; never after a sentence word ("on 3 March 2015") or a
sentence's end, and never when it ends a sentence itself (a photo caption). A clock time is never a
year.

>>> [(d.value, d.kind, d.weekday_agrees) for d in read_datelines("Sat 11 Apr 2015 18:05 Assad ...")]
[('2015-04-11T18:05', 'dateline', True)]
>>> read_datelines("On 3 March 2015 rebels stormed Idlib.")
[]
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

DATELINES = Path(__file__).resolve().parent / "datelines.txt"
HEAD_REACH = 200  # a dateline starts within this many characters of the text's start
AGREE_DAYS = 1  # dates this close agree (time zones, a page dated at midnight)
_KIND_RANK = {"published": 0, "posted": 1, "dateline": 2, "updated": 3}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class DateForm:
    """One way of writing a full date (a `form` block of datelines.txt)."""

    name: str
    regex: re.Pattern
    order: str = ""  # "dmy", "mdy" or "ymd" for all-numeric forms
    padded: bool = False


@dataclass(frozen=True)
class DatelineGrammar:
    """The knowledge of datelines.txt, compiled: date forms, cues and the frame's word lists."""

    forms: tuple[DateForm, ...]
    cues: tuple[tuple[str, re.Pattern], ...]  # (kind, "the cue words, then the date" at the end)
    agency: re.Pattern  # an agency tag (whole words)
    chrome: re.Pattern  # page furniture, any number of them, is all that stands before
    sentence: re.Pattern  # a sentence word ends the text before the date
    clock: re.Pattern  # a clock time just after the date
    examples: tuple[tuple[str, str, str], ...]  # (text, value, kind)
    counters: tuple[str, ...]


@dataclass(frozen=True)
class Dateline:
    """A date the top of a text states about itself: "Sat 11 Apr 2015 18:05", "Posted on ...".

    day is the reading of the date (readings holds every reading the writing allows, day first);
    clock "HH:MM" or ""; kind is dateline, published, posted or updated; quote what was read, from
    the cue's first word; start and end the offsets of the date and its clock time; weekday the
    text names with it (Monday = 0) or None; cut is True when the date may be the end of a longer
    one that the text lost ("6-09-2013" opening a text whose outlet writes "16-09-2013").
    """

    day: dt.date
    clock: str
    kind: str
    quote: str
    start: int
    end: int
    weekday: int | None = None
    readings: tuple[dt.date, ...] = ()
    cut: bool = False

    @property
    def value(self) -> str:
        """The ISO date, or date and minute, the dateline states."""
        return self.day.isoformat() + (f"T{self.clock}" if self.clock else "")

    @property
    def weekday_agrees(self) -> bool | None:
        """True when the named weekday is the date's, False when not, None when none is named."""
        return None if self.weekday is None else self.weekday == self.day.weekday()

    def agrees_with(self, day: dt.date) -> bool:
        """True when one reading of the dateline is within AGREE_DAYS of `day`."""
        return any(abs((reading - day).days) <= AGREE_DAYS
                   for reading in self.readings or (self.day,))


def _blocks(path: Path) -> Iterable[list[tuple[str, str]]]:
    block: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#"):
            continue
        if not line.strip():
            if block:
                yield block
            block = []
            continue
        key, _, value = line.partition(":")
        block.append((key.strip(), value.strip()))


def _spaces(pattern: str) -> str:
    return pattern.replace(" ?", r"\s*").replace(" ", r"\s+")


@lru_cache(maxsize=1)
def dateline_grammar(path: Path = DATELINES) -> DatelineGrammar:
    """The compiled datelines.txt (cached)."""
    patterns: dict[str, str] = {}
    forms, cues, words = [], [], {}
    examples, counters = [], []
    for block in _blocks(path):
        kind, name = block[0]
        fields = [(k, v) for k, v in block[1:] if k not in ("example", "counter")]
        for key, value in block[1:]:
            if key == "example":
                text, _, expected = value.rpartition("=>")
                day, dateline_kind = expected.split()
                examples.append((text.strip().replace("\\n", "\n"), day, dateline_kind))
            elif key == "counter":
                counters.append(value.replace("\\n", "\n"))
        match = next((v for k, v in fields if k == "match"), "")
        if kind == "pattern":
            patterns[name] = match
        elif kind == "form":
            seen: dict[str, int] = {}

            def group(ref: re.Match) -> str:
                seen[ref.group(1)] = seen.get(ref.group(1), 0) + 1
                return f"(?P<{ref.group(1)}_{seen[ref.group(1)]}>{patterns[ref.group(1)]})"

            regex = re.sub(r"\{([A-Z0-9]+)\}", group, _spaces(match))
            options = dict(fields)
            forms.append(DateForm(name, re.compile(r"(?<![\w.-])" + regex + r"(?!\d|:\d)", re.I),
                                  options.get("order", ""), options.get("padded") == "yes"))
        elif kind == "cue":
            cues.append((name, re.compile(r"(?:^|[\s|·•(\[])(?:" + _spaces(match) + r")\W*"
                                          r"(?:(?:[01]\d|2[0-3]):?[0-5]\d\s+)?$", re.I)))
        elif kind == "words":
            words[name] = "|".join(f"(?:{v})" for k, v in fields if k == "match")
    return DatelineGrammar(
        tuple(forms), tuple(cues),
        agency=re.compile(rf"\b(?:{words['agency']})\b", re.I),
        chrome=re.compile(rf"^[\W_]*(?:(?:{words['chrome']})\b[\W_]*)*$", re.I),
        sentence=re.compile(rf"\b(?:{words['sentence']})\W*$", re.I),
        clock=re.compile(r"^(?:T|[ \t,]*)(?:" + patterns["CLOCK"] + ")", re.I),
        examples=tuple(examples), counters=tuple(counters))


_YEAR_IS_CLOCK = re.compile(r"^(?::\d|\s?(?:gmt|utc|hrs|[ap]\.?m\b))", re.I)
_AFTER_DATELINE = re.compile(r"^\W*(?:\(?updated\b|get short url)", re.I)
# "... in Idlib province Syria August 6 2016. (Reuters)": a date that ends a sentence (a caption)
_ENDS_A_SENTENCE = re.compile(r"^[ \t]*[.!?](?:\s|$)")
_SENTENCE_STOP = re.compile(r"[a-z]{2}[.!?][\"”’]?\s+(?:[\"“‘(]?[A-Z]|$)")  # not "U.S. strikes"


def read_datelines(text: str, grammar: DatelineGrammar | None = None) -> list[Dateline]:
    """Every dateline the top of `text` carries, in the order of the text.

    A date is a dateline when it starts the text or a line (after page furniture at most), after a
    cue ("Posted on", "Date of publication", "Last updated at"), or, after a headline, next to an
    agency tag or named with its weekday, and no sentence word ("on", "since") comes just before it.

    >>> [d.value for d in read_datelines("05.10.2017(updated 1935 06.10.2017) Get short URL")]
    ['2017-10-05', '2017-10-06']
    >>> read_datelines("On 3 March 2015 rebels stormed Idlib.")
    []
    """
    grammar = grammar or dateline_grammar()
    head = text[:HEAD_REACH + 40]  # the whole of a date that starts within reach
    found: dict[int, Dateline] = {}
    for form in grammar.forms:
        for match in form.regex.finditer(head):
            if match.start() >= HEAD_REACH:
                break
            if match.start() in found and found[match.start()].end >= match.end():
                continue  # the longer reading of a date wins
            dateline = _dateline(text, match, form, grammar)
            if dateline is not None:
                found[match.start()] = dateline
    datelines = sorted(found.values(), key=lambda d: d.start)
    return [d for i, d in enumerate(datelines)  # a date inside a longer one read at another start
            if not any(o.start < d.start < o.end for o in datelines[:i])]


def _dateline(text: str, match: re.Match, form: DateForm,
              grammar: DatelineGrammar) -> Dateline | None:
    groups = {name.rsplit("_", 1)[0] + name.rsplit("_", 1)[1]: value
              for name, value in match.groupdict().items() if value is not None}
    after = text[match.end():match.end() + 40]
    if _YEAR_IS_CLOCK.match(after):
        return None
    readings = _readings(groups, form)
    if not readings:
        return None
    before = text[:match.start()]
    framed = _frame(before, after, "WEEKDAY1" in groups, grammar)
    if framed is None:
        return None
    kind, quote_start = framed
    clock_match = grammar.clock.match(after)
    clock = _clock_value(clock_match.group()) if clock_match else ""
    quote_end = match.end() + (clock_match.end() if clock_match else 0)
    weekday = _weekday_number(groups["WEEKDAY1"]) if "WEEKDAY1" in groups else None
    cut = (form.padded and match.start() == 0 and len(groups.get("NUM1", "")) == 1
           and form.order == "dmy" and len(groups.get("NUM2", "")) == 2)
    if cut:
        first = readings[0]
        more = []
        for tens in (10, 20, 30):
            try:
                more.append(first.replace(day=first.day + tens))
            except ValueError:
                pass
        readings = (first, *more, *readings[1:])
    return Dateline(readings[0], clock, kind, text[quote_start:quote_end].strip(), match.start(),
                    quote_end, weekday, tuple(readings), cut)


def _frame(before: str, after: str, named_weekday: bool,
           grammar: DatelineGrammar) -> tuple[str, int] | None:
    """The kind of dateline the text around a date makes of it and where its quote starts (the
    cue's first word, or the date), None when it is no dateline."""
    for kind, cue in grammar.cues:
        cue_match = cue.search(before)
        if cue_match and (grammar.chrome.match(before[:cue_match.start()])
                          or re.search(r"[|·•\n(]\s*$", before[:cue_match.start() + 1])):
            words = cue_match.group()
            return kind, cue_match.start() + len(words) - len(words.lstrip(" \t\n|·•(["))
    here = len(before)
    if grammar.chrome.match(before[before.rfind("\n") + 1:]):  # the start of the text or a line
        return "dateline", here
    if (grammar.sentence.search(before) or _SENTENCE_STOP.search(before)
            or _ENDS_A_SENTENCE.match(after)):
        return None
    if _tagged(before, after, grammar) or named_weekday or _AFTER_DATELINE.match(after) or grammar.clock.match(after):
        return "dateline", here
    if re.search(r"(?:^|\n)[^\n]*[A-Z][A-Z]+[ \t]*[,(—–-][^\n]*$", before) and re.match(
            r"\s*(?:\([A-Za-z. ]+\)\s*)?[—–-]", after):
        return "dateline", here  # "BEIRUT, 4 December 2024 (Reuters) -"
    return None


def _tagged(before: str, after: str, grammar: DatelineGrammar) -> bool:
    """True when an agency's tag stands just before the date ("AFP Saturday 9 Jul 2016") or just
    after it ("8 November 2016 SANA", "Dec 6 (Reuters) -"); a tag in brackets with no dash after it
    is a photo credit ("Aleppo Syria August 1 2016 (Reuters Photo)"). Tags are capitalised."""
    agency = grammar.agency.pattern
    found = (re.search(rf"(?:{agency})[^\w(]*$", before, re.I)
             or re.match(rf"[^\w(]*((?:{agency}))(?![\w/])", after, re.I)
             or re.match(rf"\s*\(((?:{agency}))\)\s*[-—–]", after, re.I))
    return bool(found) and found.group(found.lastindex or 0).lstrip(" \t")[:1].isupper()


def _readings(groups: dict[str, str], form: DateForm) -> tuple[dt.date, ...]:
    year = int(groups["YEAR1"])
    if "MONTH1" in groups:
        candidates = [(_MONTHS.index(groups["MONTH1"][:3].lower()) + 1,
                       int(groups.get("DAY1") or groups["DAY21"]))]
    else:
        a, b = int(groups["NUM1"]), int(groups["NUM2"])
        candidates = {"dmy": [(b, a), (a, b)], "mdy": [(a, b), (b, a)], "ymd": [(a, b)]}[form.order]
    readings = []
    for month, day in candidates:
        try:
            reading = dt.date(year, month, day)
        except ValueError:
            continue
        if reading not in readings:
            readings.append(reading)
    return tuple(readings)


def _weekday_number(name: str) -> int:
    return _WEEKDAY_KEYS.index(name[:3].lower())


def _clock_value(clock: str) -> str:
    match = re.search(r"(\d{1,2}):?(\d{2})\s*(?:([ap])\.?m)?", clock, re.I)
    hour, minute = int(match.group(1)), int(match.group(2))
    if match.group(3) and match.group(3).lower() == "p" and hour < 12:
        hour += 12
    if match.group(3) and match.group(3).lower() == "a" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


def primary_dateline(datelines: Sequence[Dateline]) -> Dateline | None:
    """The dateline that dates the page: a "published" cue before "posted", a bare dateline, then
    "updated"; the first in the text among equals."""
    return min(datelines, key=lambda d: (_KIND_RANK[d.kind], d.start), default=None)


def dateline_conflicts(datelines: Sequence[Dateline]) -> list[Dateline]:
    """The datelines that contradict the primary one: another date of publication more than a day
    away, or an update dated before the publication.

    >>> text = "Published 4 December 2024 | Updated 2 December 2024"
    >>> [d.quote for d in dateline_conflicts(read_datelines(text))]
    ['Updated 2 December 2024']
    """
    primary = primary_dateline(datelines)
    conflicts = []
    for other in datelines:
        if other is primary:
            continue
        if "updated" in (other.kind, primary.kind):
            first, update = (primary, other) if other.kind == "updated" else (other, primary)
            if any(update.day < day - dt.timedelta(days=AGREE_DAYS) for day in first.readings[:1]):
                conflicts.append(other)
        elif not other.agrees_with(primary.day):
            conflicts.append(other)
    return conflicts
