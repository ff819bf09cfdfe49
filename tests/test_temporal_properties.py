"""What must hold on any text and any valid publication date."""
from datetime import date

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
dcts = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


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


@settings(max_examples=200, deadline=None)
@given(dcts)
def test_weekday_in_a_past_report_is_within_the_week_before_the_dct(dct):
    (timex,) = tag("The army said Friday that it had withdrawn.", dct)
    day = date.fromisoformat(timex.value)
    assert day.isoweekday() == 5
    assert 0 <= (dct - day).days < 7


@settings(max_examples=200, deadline=None)
@given(dcts)
def test_last_week_is_the_iso_week_before_the_dcts(dct):
    (timex,) = tag("The offensive was launched last week.", dct)
    year, week, _ = date.fromordinal(dct.toordinal() - 7).isocalendar()
    assert timex.value == f"{year}-W{week:02d}"
