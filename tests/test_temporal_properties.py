"""What must hold on any text and any valid publication date."""
import random
import time
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.temporal import is_valid_value, tag
from lib.temporal.timex import MODS, TYPES

# Text mixing the words the rules look for with arbitrary characters, so that the rules fire often.
WORDS = ["Friday", "last", "week", "Dec.", "4,", "2024", "a", "day", "earlier", "13-year", "since",
         "the", "1980s", "early", "late", "October", "every", "now", "recently", "12/06/24,",
         "10:35", "PM", "between", "and", "2011", "more", "than", "decade", "will", "meet", "Saturday",
         "ago", "two", "years", "May", "'58", "1957-58", "night", "morning", "next", "month", "-", ".",
         "\n", "日本", "Ωmega", "31", "Feb.", "30,", "0", "99", "/", ":"]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=5)), max_size=40).map("".join),
)
ordinary_dcts = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
dcts = st.one_of(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.sampled_from([date(1, 1, 1), date(9999, 12, 31), date(1900, 1, 1),
                     date.today() + timedelta(days=365)]),
)
# Expressions that point far from the anchor, to push resolution past the years 1-9999.
WORDS += ["800000", "days", "centuries", "later", "following", "previous", "BC", "499", "that",
          "summer", "quarter", "third-quarter", "year-earlier", "Christmas"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.one_of(dcts, st.none()))
def test_tagger_never_raises_and_its_output_is_well_formed(text, dct):
    timexes = tag(text, dct)
    previous_end = 0
    for timex in timexes:
        assert 0 <= timex.start < timex.end <= len(text)
        assert text[timex.start:timex.end] == timex.text
        assert timex.start >= previous_end, "timexes overlap or are out of order"
        previous_end = timex.end
        assert timex.type in TYPES
        assert timex.mod in MODS
        assert is_valid_value(timex.value), timex
        assert timex.rule
        assert timex.anchor in ("", "DCT") or timex.anchor.startswith("t@")


def _check(text, timexes):
    previous_end = 0
    for timex in timexes:
        assert text[timex.start:timex.end] == timex.text
        assert timex.start >= previous_end
        previous_end = timex.end
        assert is_valid_value(timex.value), timex


@pytest.mark.parametrize("dct", [date(1, 1, 1), date(9999, 12, 31), date(1900, 1, 1)])
@pytest.mark.parametrize("text", ["It began 800000 days ago, last year, next century.",
                                  "Yesterday, tomorrow, last June, next summer, Friday.",
                                  "In 9998 the following decade began; 9000 years later."])
def test_resolution_outside_years_1_to_9999_keeps_the_expression_open(text, dct):
    timexes = tag(text, dct)
    _check(text, timexes)
    for timex in timexes:
        if timex.rule.endswith(":out-of-range"):
            assert timex.value in ("XXXX", "PXY") and timex.anchor == ""


def test_far_offsets_are_kept_with_an_open_value():
    (timex,) = tag("It happened 800000 days ago.", date(2024, 12, 6))
    assert (timex.text, timex.value, timex.rule) == ("800000 days ago", "XXXX", "ago:out-of-range")


def _dense(size: int) -> str:
    rng = random.Random(7)
    pieces = ["On Friday, December 4, 2024 rebels took Hama.", "Two days later, on Dec. 6, the army left.",
              "Last week 12/06/24 at 10:35 PM", "In 1939 and 1940, then in March and the following year.",
              "about three weeks ago", "the next day", "since the 1980s", "a year earlier in the third quarter"]
    text = ""
    while len(text) < size:
        text += rng.choice(pieces) + " "
    return text


def test_200_kb_of_dense_dates_is_well_formed_and_tagged_in_linear_time():
    small, large = _dense(20_000), _dense(200_000)
    started = time.process_time()
    tag(small, date(2024, 12, 6))
    small_seconds = time.process_time() - started
    started = time.process_time()
    timexes = tag(large, date(2024, 12, 6))
    large_seconds = time.process_time() - started
    _check(large, timexes)
    assert len(timexes) > 5000
    assert large_seconds < 20 * max(small_seconds, 0.05), (small_seconds, large_seconds)


@settings(max_examples=200, deadline=None)
@given(ordinary_dcts)
def test_weekday_in_a_past_report_is_within_the_week_before_the_dct(dct):
    (timex,) = tag("The army said Friday that it had withdrawn.", dct)
    day = date.fromisoformat(timex.value)
    assert day.isoweekday() == 5
    assert 0 <= (dct - day).days < 7


@settings(max_examples=200, deadline=None)
@given(ordinary_dcts)
def test_last_week_is_the_iso_week_before_the_dcts(dct):
    (timex,) = tag("The offensive was launched last week.", dct)
    year, week, _ = date.fromordinal(dct.toordinal() - 7).isocalendar()
    assert timex.value == f"{year}-W{week:02d}"
