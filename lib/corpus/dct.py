"""Infer an article's publication date (DCT) from its text when its metadata has none, and check
a metadata date against the dateline at the top of the text.

A metadata date (`reconcile_dct`) gives way to a clear dateline of the text that disagrees with it
by more than a day ("Saturday 11 April 2015 18:05" over a label of 2015-02-02): dct_source
"text cue", the metadata's date kept in dct_note; so does a dateline a day after the label when the
weekdays the text tells of fit it better ("Last updated at Jan 202015 ... air strikes on Tuesday"
labelled Monday 19 January: from the label, that Tuesday would be a week old). When the text's own
cues disagree (a weekday that is not the date's, two datelines apart) the metadata's date is kept
and dct_source is "disputed".

Without a metadata date, the evidence, strongest first:
1. a cue line: "Published ...", "Posted on ...", "Date of publication ...", "Updated ..." with an
   explicit date -> "text cue" (Published before Posted before Updated when several are present);
2. a dateline at the start: "DAMASCUS, Syria (AP) — Dec. 6, 2024", "Dec 6 (Reuters) -",
   "14-03-2016 Syrian army ...", "03.02.2016 (updated 1412 03.02.2016)", or a date with its
   weekday in the opening words ("... AFP Sunday 22 Feb 2015 A suicide bomber ...") -> "text cue"
   (when the dateline has no year, the year of the latest explicit date is used -> "inferred");
3. a dateline at the top read with lib/corpus/datelines.txt alone ("14-03-2016", "Apr 092017",
   "Wed 01 Oct 2014 at 1459") -> "text cue", or "disputed" when its cues disagree;
4. the latest explicit day D the text mentions, moved to the weekday the text's own weekday names
   point at -> "inferred" (see `latest_day_guess`);
otherwise nothing: an article is never dated today. When a cue line and a dateline name different
days, the cue line's day is kept but dct_source is "inferred" and the note says that they disagree.

Explicit dates come from the tagger run without a DCT (`tag(text, None)`): fully specified values
such as "2024-12-06" or "2024-12-06T22:35"; relative expressions stay unresolved and are ignored.
Weekday names and tense are read from the text itself.

>>> text = "Rebels took Hama on Wednesday.\\nUpdated 12/06/24, 10:35 PM: more detail."
>>> cue = Timex(start=39, end=57, text="12/06/24, 10:35 PM", type="TIME", value="2024-12-06T22:35")
>>> infer_dct(text, [cue])
DctGuess(published='2024-12-06T22:35', dct_source='text cue', note="from 'Updated 12/06/24, 10:35 PM'")
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Sequence

from lib.corpus.article import Article
from lib.corpus.datelines import Dateline, dateline_conflicts, primary_dateline, read_datelines
from lib.temporal.timex import Timex

Tagger = Callable[[str, "dt.date | dt.datetime | None"], "list[Timex]"]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class DctGuess:
    """An inferred publication date: ISO date or datetime, how it was found, and from what."""

    published: str
    dct_source: str
    note: str


def infer_dct(text: str, timexes: Sequence[Timex]) -> DctGuess | None:
    """The best-supported publication date of `text`, given the timexes found in it without a DCT.

    >>> text = "Sidebar: rebels attack Hama on Dec. 5, 2024\\nIran began evacuating on Friday."
    >>> infer_dct(text, [Timex(30, 42, "Dec. 5, 2024", "DATE", "2024-12-05")]).published
    '2024-12-06'
    >>> infer_dct("Rebels advanced on Friday.", []) is None
    True
    """
    guesses = []
    for rule in GUESSERS:
        guess = rule(text, timexes)
        if guess is not None:
            guesses.append(guess)
            if guess.dct_source == "text cue" and len(guesses) == 2 or rule is latest_day_guess:
                break
    if not guesses:
        return None
    best = guesses[0]
    others = [g for g in guesses[1:] if g.dct_source == "text cue" and g.published[:10] != best.published[:10]]
    if best.dct_source == "text cue" and others:
        return DctGuess(best.published, "inferred",
                        f"cues disagree: {best.note} says {best.published[:10]}, "
                        f"{others[0].note} says {others[0].published[:10]}; kept the first")
    return best


def with_dct(article: Article, tagger: Tagger | None = None) -> Article:
    """`article` with its missing publication date inferred from its text, or dct_source "none".

    An article dated by its metadata has that date checked against the dateline at the top of its
    text (`reconcile_dct`, no tagging); any other dated article is returned unchanged. `tagger`
    defaults to lib.temporal.tag.

    >>> a = Article("a", "", "", "", "", "none", "Posted 2024-12-07: Rebels took Daraa.")
    >>> fake = lambda text, dct: [Timex(7, 17, "2024-12-07", "DATE", "2024-12-07")]
    >>> with_dct(a, fake).published, with_dct(a, fake).dct_source
    ('2024-12-07', 'text cue')
    """
    if article.published:
        return reconcile_dct(article)
    if tagger is None:
        from lib import temporal  # the tagger loads a pipeline: only when a date must be inferred
        tagger = temporal.tag
    guess = infer_dct(article.text, tagger(article.text, None))
    if guess is None:
        return replace(article, published="", dct_source="none",
                       dct_note="no date in the metadata and none could be inferred from the text")
    return replace(article, published=guess.published, dct_source=guess.dct_source,
                   dct_note=guess.note)


# --- what counts as an explicit date -------------------------------------------------------------

_DAY_VALUE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:(T\d{2}:\d{2}(?::\d{2})?)|T[A-Z]{2})?$")
_MONTH_DAY_VALUE = re.compile(r"^XXXX-(\d{2})-(\d{2})$")
_YEAR_VALUE = re.compile(r"^(\d{4})(?:-\d{2}(?:-\d{2})?)?(?:T.*)?$")


def explicit_value(timex: Timex) -> str | None:
    """The ISO date (or date and minute) a timex states outright, None when it is not a full date.

    >>> explicit_value(Timex(0, 18, "12/06/24, 10:35 PM", "TIME", "2024-12-06T22:35"))
    '2024-12-06T22:35'
    >>> explicit_value(Timex(0, 13, "Friday night", "TIME", "2024-12-06TNI"))
    '2024-12-06'
    >>> explicit_value(Timex(0, 6, "Friday", "DATE", "XXXX-WXX-5")) is None
    True
    """
    if timex.type not in ("DATE", "TIME"):
        return None
    match = _DAY_VALUE.match(timex.value)
    if match is None:
        return None
    try:
        dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None
    return match.group(1) + (match.group(2) or "")


# --- 1. cue lines --------------------------------------------------------------------------------

_CUE = re.compile(r"(?:^|[|·•(])[ \t]*(?:(?:last|first|originally)[ \t]+)?"
                  r"(published|posted|updated|date of publication)\b", re.IGNORECASE | re.MULTILINE)
_CUE_RANK = {"published": 0, "date of publication": 0, "posted": 1, "updated": 2}


def cue_line_guess(text: str, timexes: Sequence[Timex]) -> DctGuess | None:
    """A date stated on a "Published/Posted/Updated ..." line.

    >>> cue_line_guess("Published: Dec. 6, 2024", [Timex(11, 23, "Dec. 6, 2024", "DATE", "2024-12-06")])
    DctGuess(published='2024-12-06', dct_source='text cue', note="from 'Published: Dec. 6, 2024'")
    """
    found = []
    for cue in _CUE.finditer(text):
        line_end = text.find("\n", cue.end())
        line_end = min(len(text) if line_end < 0 else line_end, cue.end() + _CUE_REACH)
        for timex in timexes:
            value = explicit_value(timex)
            if value and cue.end() <= timex.start and timex.end <= line_end:
                rank = _CUE_RANK[cue.group(1).lower()]
                found.append((rank, cue.start(1), value, text[cue.start(1):timex.end]))
                break
    if not found:
        return None
    _, _, value, quote = min(found)
    return DctGuess(value, "text cue", f"from {_quote(quote)}")


_CUE_REACH = 60  # the cue's date follows it closely: "Posted on April 2 2017 by ..."


# --- 2. datelines --------------------------------------------------------------------------------

# Before the date: "DAMASCUS, Syria (AP) — ", "LONDON, " or nothing; after it: " (Reuters) -" or " — ".
_DATELINE_BEFORE = re.compile(r"^\s*(?:[A-Z][A-Z.'’ -]*[A-Z.](?:,[ \t]*[A-Z][\w.'’ -]*?)?[ \t]*"
                              r"(?:\([A-Za-z. ]+\))?[ \t]*[,:—–-]*[ \t]*)?$")
_DATELINE_AFTER = re.compile(r"^[ \t]*(?:\([A-Za-z. ]+\)[ \t]*)?[—–-]")
_DATELINE_REACH = 120  # a dateline's date is within this many characters of the first line's start


def dateline_guess(text: str, timexes: Sequence[Timex]) -> DctGuess | None:
    """The date of a dateline opening the text ("DAMASCUS, Syria (AP) — Dec. 6, 2024 — ...").

    >>> dateline_guess("BEIRUT (AP) — Dec. 7, 2024 — Rebels ...",
    ...                [Timex(14, 26, "Dec. 7, 2024", "DATE", "2024-12-07")]).note
    "from the dateline 'BEIRUT (AP) — Dec. 7, 2024'"
    """
    first = len(text) - len(text.lstrip())
    line_end = text.find("\n", first)
    line_end = len(text) if line_end < 0 else line_end
    for timex in sorted(timexes, key=lambda t: t.start):
        if timex.start >= min(line_end, first + _DATELINE_REACH):
            break
        before, after = text[first:timex.start], text[timex.end:timex.end + 40]
        value = explicit_value(timex)
        if value and (not before.strip(" \t") or _agrees_with_its_weekday(timex, value)):
            # the text opens with the date, or names it with its own weekday near the top
            return DctGuess(value, "text cue", f"from the dateline {_quote(text[first:timex.end])}")
        if not _DATELINE_BEFORE.match(before) or not (
                _DATELINE_AFTER.match(after) or re.search(r"[—–-]", before)):
            continue
        quote = text[first:timex.end] + (after[:after.find(")") + 1] if after.lstrip().startswith("(")
                                         else "")
        value = explicit_value(timex)
        if value:
            return DctGuess(value, "text cue", f"from the dateline {_quote(quote)}")
        month_day = _MONTH_DAY_VALUE.match(timex.value)
        year = _latest_year(text, timexes)
        if month_day and year:
            try:
                day = dt.date(year[0], int(month_day.group(1)), int(month_day.group(2)))
            except ValueError:
                continue
            return DctGuess(day.isoformat(), "inferred",
                            f"from the dateline {_quote(quote)}, the year from {_quote(year[1])}")
    return None


def _agrees_with_its_weekday(timex: Timex, value: str) -> bool:
    """True when the timex names a weekday and its day falls on that weekday ("Sunday 22 Feb 2015")."""
    named = [w for w in WEEKDAYS if re.search(rf"\b{w[:3]}", timex.text, re.IGNORECASE)]
    return len(named) == 1 and dt.date.fromisoformat(value[:10]).weekday() == WEEKDAYS.index(named[0])


def _latest_year(text: str, timexes: Sequence[Timex]) -> tuple[int, str] | None:
    years = [(int(m.group(1)), t.text) for t in timexes
             if t.type == "DATE" and (m := _YEAR_VALUE.match(t.value))
             and not is_future_context(text, t.start)]
    return max(years) if years else None


# --- 3. the latest explicit day, placed by the weekdays the text names ---------------------------

_WEEKDAY = re.compile(r"(?<!\w)(?<!last )(?<!next )(?<!every )(?<!coming )(" + "|".join(WEEKDAYS)
                      + r")(?![\w-])")
# Words that put a sentence in the future: its dates say nothing about when it was written.
_FUTURE = re.compile(r"\b(?:will|won't|shall|going to|set to|scheduled|plans? to|planned|planning|"
                     r"expected to|upcoming|next|tomorrow)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[A-Z\"“‘'(])|\n")


def latest_day_guess(text: str, timexes: Sequence[Timex]) -> DctGuess | None:
    """The latest explicit day D, moved forward to the weekday the text's past weekday names point at.

    News names the days of the past week by weekday ("on Friday"). The DCT is taken as the day in
    D..D+6 that places D and every weekday named (outside future-tense sentences) in the most
    compact stretch of days ending on it; with no weekday names it is D itself.

    >>> latest_day_guess("Map of Dec. 4, 2024. Rebels fired on Wednesday and advanced Friday.",
    ...                  [Timex(7, 19, "Dec. 4, 2024", "DATE", "2024-12-04")]).note
    "from 'Dec. 4, 2024' (2024-12-04), the latest explicit date, and the weekdays named in the text (Friday, Wednesday): Friday 2024-12-06"
    """
    days = [(dt.date.fromisoformat(value[:10]), timex) for timex in timexes
            if (value := explicit_value(timex)) and not is_future_context(text, timex.start)]
    if not days:
        return None
    latest, source = max(days, key=lambda pair: (pair[0], -pair[1].start))
    named = past_weekdays(text)
    best = min(range(7), key=lambda k: (_spread(latest, latest + dt.timedelta(days=k), named), k))
    day = latest + dt.timedelta(days=best)
    note = f"from {_quote(source.text)} ({latest.isoformat()}), the latest explicit date"
    if named:
        names = ", ".join(WEEKDAYS[w] for w in sorted(named, key=lambda w: (day.weekday() - w) % 7))
        note += f", and the weekdays named in the text ({names}): {WEEKDAYS[day.weekday()]} {day}"
    return DctGuess(day.isoformat(), "inferred", note)


def _spread(latest: dt.date, day: dt.date, weekdays: Iterable[int]) -> int:
    """How many days back from `day` reach `latest` and the last occurrence of every weekday."""
    back = [(day.weekday() - w) % 7 for w in weekdays]
    return max([(day - latest).days, *back])


def past_weekdays(text: str) -> set[int]:
    """Weekday numbers (Monday = 0) the text names outside future-tense sentences.

    >>> sorted(past_weekdays("Rebels took Hama on Thursday. Talks will start Sunday. Fridays are quiet."))
    [3]
    """
    return {WEEKDAYS.index(m.group(1)) for m in _WEEKDAY.finditer(text)
            if not is_future_context(text, m.start())}


def is_future_context(text: str, position: int) -> bool:
    """True when the sentence around `position` speaks of the future ("will", "set to", "next"...).

    >>> text = "Rebels took Hama on Thursday. Ministers are set to meet Saturday."
    >>> is_future_context(text, text.index("Thursday")), is_future_context(text, text.index("Saturday"))
    (False, True)
    """
    start = max(0, position - _SENTENCE_REACH)
    for boundary in _SENTENCE_END.finditer(text, start, position):
        start = boundary.end()
    boundary = _SENTENCE_END.search(text, position, position + _SENTENCE_REACH)
    end = boundary.start() if boundary else min(len(text), position + _SENTENCE_REACH)
    return bool(_FUTURE.search(text, start, end))


_SENTENCE_REACH = 600  # look no further than this for the ends of a sentence


def _quote(fragment: str) -> str:
    fragment = " ".join(fragment.split())
    return "'" + (fragment if len(fragment) <= 80 else fragment[:77] + "...") + "'"


# --- 4. the dateline at the top of the text (lib/corpus/datelines.py), and the metadata's date ----

def reconcile_dct(article: Article) -> Article:
    """`article` with its metadata date checked against the dateline at the top of its text.

    When they agree (within a day) or the text has no dateline, the article is returned unchanged.
    When a clear dateline disagrees, its date becomes the DCT (dct_source "text cue") and the note
    keeps the metadata's date. When the text's own cues disagree (its weekday is not the date's,
    two datelines differ), the metadata's date is kept and dct_source says "disputed".

    >>> a = Article("a", "", "", "", "2015-02-02", "metadata", "Sat 11 April 2015 18:05 Assad ...")
    >>> b = reconcile_dct(a)
    >>> b.published, b.dct_source
    ('2015-04-11T18:05', 'text cue')
    >>> b.dct_note
    "the text's dateline 'Sat 11 April 2015 18:05' (its weekday agrees), not the metadata's 2015-02-02"
    """
    if article.dct_source != "metadata" or not article.published:
        return article
    datelines = read_datelines(article.text)
    primary = primary_dateline(datelines)
    if primary is None:
        return article
    metadata_day = dt.date.fromisoformat(article.published[:10])
    if primary.agrees_with(metadata_day):
        if primary.day > metadata_day and _weekdays_fit(article.text[primary.end:], primary.day, metadata_day) \
                and not _doubt(primary, datelines, metadata_day):
            return replace(article, published=primary.value, dct_source="text cue",
                           dct_note=f"{_describe(primary)}, not the metadata's {article.published}: the "
                                    f"weekdays the text names reach back less far from it")
        return article
    doubt = _doubt(primary, datelines, metadata_day)
    if doubt:
        return replace(article, dct_source="disputed",
                       dct_note=f"kept the metadata's {article.published}: {doubt}")
    return replace(article, published=primary.value, dct_source="text cue",
                   dct_note=f"{_describe(primary)}, not the metadata's {article.published}")


def _weekdays_fit(text: str, dateline_day: dt.date, metadata_day: dt.date) -> bool:
    """Do the past weekdays the text names fit a dateline a day after the metadata's date better? A
    report tells "on Tuesday" of the last few days: a text dated by its page on Tuesday 20 January
    and labelled Monday 19 that says "air strikes on Tuesday killed 39" would, read from the label,
    tell of a Tuesday a week old.

    >>> _weekdays_fit("Air strikes on Tuesday killed 39.", dt.date(2015, 1, 20), dt.date(2015, 1, 19))
    True
    >>> _weekdays_fit("Air strikes on Monday killed 39.", dt.date(2015, 1, 20), dt.date(2015, 1, 19))
    False
    """
    named = past_weekdays(text)
    return bool(named) and _spread(dateline_day, dateline_day, named) < _spread(metadata_day, metadata_day, named)


def _doubt(primary: Dateline, datelines: Sequence[Dateline], metadata_day: dt.date | None) -> str:
    """Why the text's dateline can't be trusted over other evidence, "" when it can."""
    quote = _quote(primary.quote)
    if primary.weekday_agrees is False:
        return (f"the text's dateline {quote} names a {WEEKDAYS[primary.weekday]} but "
                f"{primary.day} is a {WEEKDAYS[primary.day.weekday()]}")
    conflicts = dateline_conflicts(datelines)
    if conflicts:
        return f"the text's datelines {quote} and {_quote(conflicts[0].quote)} disagree"
    if primary.cut and metadata_day is not None:
        return f"the text's dateline {quote} may be cut short at the start of the text"
    return ""


def _describe(dateline: Dateline) -> str:
    what = {"dateline": "dateline", "published": "publication date", "posted": "posting date",
            "updated": "update date"}[dateline.kind]
    weekday = {True: " (its weekday agrees)", False: " (its weekday does not agree)", None: ""}
    return f"the text's {what} {_quote(dateline.quote)}{weekday[dateline.weekday_agrees]}"


def text_dateline_guess(text: str, timexes: Sequence[Timex]) -> DctGuess | None:
    """The date of the dateline at the top of `text`, read with datelines.txt alone (the forms the
    tagger may not read: "14-03-2016", "Apr 092017"); "disputed" when the text's cues disagree.

    >>> text_dateline_guess("19.07.2016(updated 1457 19.07.2016) Get short URL 2440 ...", [])
    DctGuess(published='2016-07-19', dct_source='text cue', note="the text's dateline '19.07.2016'")
    """
    datelines = read_datelines(text)
    primary = primary_dateline(datelines)
    if primary is None:
        return None
    doubt = _doubt(primary, datelines, None)
    if doubt:
        return DctGuess(primary.value, "disputed", f"{_describe(primary)}, but {doubt}")
    return DctGuess(primary.value, "text cue", _describe(primary))


# Tried in order; the first that finds a date wins. A new kind of evidence is one function here.
# The tagger-read cue line and dateline come first; the dateline read with datelines.txt alone
# outranks the latest explicit date placed by the weekdays.
GUESSERS: tuple[Callable[[str, Sequence[Timex]], DctGuess | None], ...] = (
    cue_line_guess, dateline_guess, text_dateline_guess, latest_day_guess)
