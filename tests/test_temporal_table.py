"""What an analyst would check by eye: (text, publication date, the expression, its value, mod)."""
import pytest

from lib.temporal import tag

FRI = "2024-12-06"  # a Friday
SAT = "2024-12-07"

CASES = [
    # explicit dates in newswire forms
    ("Rebels advanced on Dec. 4, 2024.", FRI, "Dec. 4, 2024", "DATE", "2024-12-04", ""),
    ("It began on 4 December 2024.", FRI, "4 December 2024", "DATE", "2024-12-04", ""),
    ("Posted 12/06/24 by staff.", FRI, "12/06/24", "DATE", "2024-12-06", ""),
    ("Fighting on December 4 was heavy.", FRI, "December 4", "DATE", "2024-12-04", ""),
    ("The file is dated 2024-12-04.", FRI, "2024-12-04", "DATE", "2024-12-04", ""),
    ("Updated 12/06/24, 10:35 PM: more.", FRI, "12/06/24, 10:35 PM", "TIME", "2024-12-06T22:35", ""),
    ("The truce began at 0300 GMT on Dec. 4.", FRI, "0300 GMT", "TIME", "2024-12-04T03:00", ""),
    # weekdays by tense and sense
    ("Rebels pushed south on Friday.", FRI, "Friday", "DATE", "2024-12-06", ""),
    ("Russia and Iran are set to meet Saturday in Doha.", FRI, "Saturday", "DATE", "2024-12-07", ""),
    ("The ministers will meet Monday.", FRI, "Monday", "DATE", "2024-12-09", ""),
    ("The army withdrew from Hama on Thursday.", FRI, "Thursday", "DATE", "2024-12-05", ""),
    ("Syria's army said Saturday it was redeploying.", SAT, "Saturday", "DATE", "2024-12-07", ""),
    ("The New York Times reported Friday.", SAT, "Friday", "DATE", "2024-12-06", ""),
    ("Lavrov said he planned a meeting Friday in Doha.", SAT, "Friday", "DATE", "2024-12-06", ""),
    # parts of days
    ("Iranians began to leave Syria early Friday.", FRI, "early Friday", "DATE", "2024-12-06", "START"),
    ("They began leaving on Friday morning.", FRI, "Friday morning", "TIME", "2024-12-06TMO", ""),
    ("The monitor said late Friday.", SAT, "late Friday", "DATE", "2024-12-06", "END"),
    ("Shelling went on Friday night.", SAT, "Friday night", "TIME", "2024-12-06TNI", ""),
    ("Jets struck at dawn on Thursday.", FRI, "dawn on Thursday", "TIME", "2024-12-05TMO", ""),
    ("The deadline expired at midnight Thursday.", FRI, "midnight Thursday", "TIME",
     "2024-12-05T24:00", ""),
    ("Talks broke off at noon Thursday.", FRI, "noon Thursday", "TIME", "2024-12-05T12:00", ""),
    ("Jets struck at dawn. On Thursday they left.", FRI, "Thursday", "DATE", "2024-12-05", ""),
    # relative days and their anchors
    ("He spoke today.", FRI, "today", "DATE", "2024-12-06", ""),
    ("He spoke yesterday.", FRI, "yesterday", "DATE", "2024-12-05", ""),
    ("Earlier yesterday, jets struck Idlib.", FRI, "Earlier yesterday", "DATE", "2024-12-05", ""),
    ("He will speak later this afternoon.", FRI, "later this afternoon", "TIME", "2024-12-06TAF",
     ""),
    ("He speaks tomorrow.", FRI, "tomorrow", "DATE", "2024-12-07", ""),
    ("Talks collapsed two days ago.", FRI, "two days ago", "DATE", "2024-12-04", ""),
    ("The strike came hours ago.", FRI, "hours ago", "DATE", "2024-12-06", ""),
    ("It lasted for hours. Ago is no word here.", FRI, "hours", "DURATION", "PTXH", ""),
    ("Talks collapsed a week or so ago.", FRI, "a week or so ago", "DATE", "2024-W48", ""),
    ("Losses fell from the four previous weeks.", FRI, "the four previous weeks", "DURATION",
     "P4W", ""),
    ("The rebels held towns in present-day Syria.", FRI, "present-day", "DATE", "PRESENT_REF",
     ""),
    ("The talks lasted an hour and a half.", FRI, "an hour and a half", "DURATION", "PT90M", ""),
    ("It ended a month-and-a-half long siege.", FRI, "a month-and-a-half long", "DURATION", "P1.5M",
     ""),
    ("It was the end of the Hundred Years' War.", FRI, "Hundred Years", "DURATION", "P100Y", ""),
    ("The rebels relied on night attacks.", FRI, "night", "TIME", "XXXX-XX-XXTNI", ""),
    ("Drones halted most daytime traffic.", FRI, "daytime", "TIME", "XXXX-XX-XXTDT", ""),
    ("The town withstood a months-long siege.", FRI, "months-long", "DURATION", "PXM", ""),
    ("The town withstood a month-long siege.", FRI, "a month-long", "DURATION", "P1M", ""),
    ("Talks may resume in the next year or so.", FRI, "the next year or so", "DURATION", "P1Y", ""),
    ("On Tuesday they marched; a day earlier they had regrouped.", FRI, "a day earlier", "DATE", "2024-12-02", ""),
    ("Aleppo fell on Nov. 30, 2024. The next day rebels moved south.", FRI, "The next day", "DATE", "2024-12-01", ""),
    ("Hama fell on Dec. 1. Less than a week later, Homs fell.", FRI, "Less than a week later", "DATE",
     "2024-12-08", "LESS_THAN"),
    ("Hama fell on Dec. 1. Two days previously, Aleppo had fallen.", FRI, "Two days previously",
     "DATE", "2024-11-29", ""),
    ("Aleppo fell in May 2016, in a feud that erupted earlier that year when talks failed.", FRI,
     "earlier that year", "DATE", "2016", ""),
    ("Hama fell on Thursday. The previous day was calm.", FRI, "The previous day", "DATE", "2024-12-04", ""),
    # weeks, months, seasons, years, decades, centuries
    ("In an interview this week, he spoke.", FRI, "this week", "DATE", "2024-W49", ""),
    ("Clashes broke out this past weekend.", FRI, "this past weekend", "DATE", "2024-W48-WE", ""),
    ("Talks resume this coming Sunday.", FRI, "this coming Sunday", "DATE", "2024-12-08", ""),
    ("The advance, launched last week, continued.", FRI, "last week", "DATE", "2024-W48", ""),
    ("Clashes broke out over the weekend.", FRI, "the weekend", "DATE", "2024-W48-WE", ""),
    ("Israel in late October killed Nasrallah.", FRI, "late October", "DATE", "2024-10", "END"),
    ("Talks stalled in early December.", FRI, "early December", "DATE", "2024-12", "START"),
    ("Prices rose last month.", FRI, "last month", "DATE", "2024-11", ""),
    ("It split with Al Qaeda in 2016.", FRI, "2016", "DATE", "2016", ""),
    ("Some Arab states last year normalized relations.", FRI, "last year", "DATE", "2023", ""),
    ("Ties date from the 1980s.", FRI, "the 1980s", "DATE", "198", ""),
    ("The wars of the 20th century.", FRI, "20th century", "DATE", "19", ""),
    ("Fighting resumed last summer.", FRI, "last summer", "DATE", "2024-SU", ""),
    # ranges and open intervals
    ("It killed 305,000 people between 2011 and 2021.", FRI, "2021", "DATE", "2021", ""),
    ("Prices rose from March to May.", FRI, "March", "DATE", "2024-03", ""),
    ("They spent the spring and early summer of 2023 preparing.", FRI, "the spring", "DATE",
     "2023-SP", ""),
    ("Talks on Dec. 3-4, 2023 failed.", FRI, "Dec. 3", "DATE", "2023-12-03", ""),
    ("Talks on Dec. 3-4, 2023 failed.", FRI, "4, 2023", "DATE", "2023-12-04", ""),
    ("The vote was 3-4; in 2023 it was 5-2.", FRI, "2023", "DATE", "2023", ""),
    ("Since 2017, the three countries have been partners.", FRI, "2017", "DATE", "2017", "ON_OR_AFTER"),
    # durations and sets
    ("The 13-year civil war.", FRI, "13-year", "DURATION", "P13Y", ""),
    ("After more than a decade of support.", FRI, "more than a decade", "DURATION", "P10Y", "MORE_THAN"),
    ("In just over a week, the rebels swept south.", FRI, "just over a week", "DURATION", "P1W", "MORE_THAN"),
    ("After several days of fighting.", FRI, "several days", "DURATION", "PXD", ""),
    ("Protesters gather every Friday.", FRI, "every Friday", "SET", "XXXX-WXX-5", ""),
    ("Flu shots each season.", FRI, "each season", "SET", "P1Y", ""),
    # vague references
    ("He recently told Newsweek.", FRI, "recently", "DATE", "PAST_REF", ""),
    ("The war escalated in recent days.", FRI, "recent days", "DATE", "PAST_REF", ""),
    ("Leave Syria now.", FRI, "now", "DATE", "PRESENT_REF", ""),
    # year boundaries
    ("The offensive began in December.", "2025-01-10", "December", "DATE", "2024-12", ""),
    ("The attack on Dec. 28 killed five.", "2025-01-10", "Dec. 28", "DATE", "2024-12-28", ""),
    ("Talks will resume on Jan. 3.", "2024-12-30", "Jan. 3", "DATE", "2025-01-03", ""),
    # a weekday told with the day picks the year where the day is that weekday
    ("Talks open on Monday, Jan. 6.", "2024-07-01", "Monday, Jan. 6", "DATE", "2025-01-06", ""),
    ("Talks opened on Saturday, Jan. 6.", "2024-07-01", "Saturday, Jan. 6", "DATE", "2024-01-06",
     ""),
    ("A ceasefire last week.", "2025-01-02", "last week", "DATE", "2024-W52", ""),
    ("Elections are due next month.", "2024-12-15", "next month", "DATE", "2025-01", ""),
    # "a week ago Sunday": the Sunday before last, one expression; a sentence break keeps two
    ("He was killed a week ago Sunday.", FRI, "a week ago Sunday", "DATE", "2024-11-24", ""),
    ("The talks ended a week ago. Sunday they resume.", FRI, "a week ago", "DATE", "2024-W48", ""),
    # the first or last days of something: a vague duration (not its singular, an event's date)
    ("In the first days of the offensive, rebels took Hama.", FRI, "the first days", "DURATION",
     "PXD", ""),
    ("They fled in the last weeks of the siege.", FRI, "the last weeks", "DURATION", "PXW", ""),
    # a time of day told before its day falls on that day, not on the day mentioned before it
    ("Aleppo fell on Nov. 30. At 5 a.m. on Dec. 4, 2024 rebels entered Hama.", FRI, "5 a.m.",
     "TIME", "2024-12-04T05:00", ""),
    ("Hama fell on Dec. 1. At 5:34 AM Damascus time on Dec. 4 the army left.", FRI, "5:34 AM",
     "TIME", "2024-12-04T05:34", ""),
    ("On Dec. 4 they met at 10 p.m. On Friday they left.", SAT, "10 p.m.", "TIME",
     "2024-12-04T22:00", ""),
    # "earlier / later in the day": the day the story is on; "the end of the week" as of the month
    ("Aleppo fell on Nov. 30. Later in the day the army fled.", FRI, "Later in the day", "DATE",
     "2024-11-30", "END"),
    ("Jets bombed Idlib. Earlier in the day, rebels entered Hama.", FRI, "Earlier in the day", "DATE",
     "2024-12-06", "START"),
    ("Rebels vowed to take Homs by the end of the week.", FRI, "the end of the week", "DATE",
     "2024-W49", "END"),
    # hours counted from the story's day: that day, or whole days on ("48 hours later")
    ("Hama fell on Dec. 4. Two hours later rebels entered.", FRI, "Two hours later", "DATE",
     "2024-12-04", ""),
    ("Aleppo fell on Dec. 1. 48 hours later the army left Hama.", FRI, "48 hours later", "DATE",
     "2024-12-03", ""),
    ("The talks ran 48 hours later than planned.", FRI, "48 hours", "DURATION", "PT48H", ""),
    # parts of the day after or before the story's day; "the early hours of" a day is its start
    ("Hama fell on Thursday. The next morning rebels entered Homs.", FRI, "The next morning",
     "TIME", "2024-12-06TMO", ""),
    ("Hama fell on Thursday. The night before, the army had left.", FRI, "The night before",
     "TIME", "2024-12-04TNI", ""),
    ("On the night before the vote, Hama fell on Thursday.", FRI, "Thursday", "DATE",
     "2024-12-05", ""),
    ("Rebels entered Hama in the early hours of Thursday.", FRI, "the early hours of Thursday",
     "DATE", "2024-12-05", "START"),
    # in a narrative, a bracketed year after a name dates the thing named, not the story
    (("In 1789 the Bastille fell; in 1791 the king fled; in 1792 the monarchy ended. In 1793 "
      "peasants revolted. They resented the Civil Constitution of the Clergy (1790) and in March "
      "they rose up."), "2009-12-19", "March", "DATE", "1793-03", ""),
    (("In 1789 the Bastille fell; in 1791 the king fled; in 1792 the monarchy ended. In 1793 "
      "peasants revolted. They fought on (1794) and in March they rose up."), "2009-12-19", "March",
     "DATE", "1794-03", ""),
    # ... nor a date that ends an aside in brackets, which the aside measures by
    (("In 1961 the war began; in 1965 it spread; in 1968 it peaked. In May 1972 the army "
      "advanced (losses stood at 900 as of December 5, 1980). By June it had withdrawn."),
     "2009-12-19", "June", "DATE", "1972-06", "ON_OR_BEFORE"),
    # a season or month without its year takes that of the date told right after it in its clause
    (("In 1939 the war began; in 1940 France fell; in 1941 Russia was invaded. In May 1943 the "
      "army retreated. The Axis had opened a summer offensive in June 1942."), "2009-12-19",
     "summer", "DATE", "1942-SU", ""),
    (("In 1939 the war began; in 1940 France fell; in 1941 Russia was invaded. In May 1943 the "
      "army retreated. In summer it lost more ground than in 1941, at the rate seen since 1940."),
     "2009-12-19",
     "summer", "DATE", "1943-SU", ""),
    # a year-less day after a day-precise story lies at most three months back, else ahead ...
    (("In 1914 the war began; in 1915 it spread; in 1916 Verdun bled. The council met on "
      "5 November 1917. The offensive was launched on 15 July."), "2009-12-19", "15 July", "DATE",
     "1918-07-15", ""),
    # ... and five after a story that knows only the month
    (("In 1914 the war began; in 1915 it spread; in 1916 Verdun bled. The council met in "
      "November 1917. The offensive had been launched in July."), "2009-12-19", "July", "DATE",
     "1917-07", ""),
    # a winter told in a story's December is named by the year of its January ...
    (("In 1775 the war began; in 1776 New York fell; in 1777 Philadelphia fell. The army "
      "encamped at Valley Forge in December 1777. Over the winter, many died. In June it left."),
     "2009-12-19", "the winter", "DATE", "1778-WI", ""),
    # ... where the story has not gone: June is still the next one after December 1777
    (("In 1775 the war began; in 1776 New York fell; in 1777 Philadelphia fell. The army "
      "encamped at Valley Forge in December 1777. Over the winter, many died. In June it left."),
     "2009-12-19", "June", "DATE", "1778-06", ""),
    # ... and one told in its January is that year's
    (("In 1775 the war began; in 1776 New York fell; in 1777 Philadelphia fell. The army won on "
      "January 3, 1777. Over the winter, many died."), "2009-12-19", "the winter", "DATE",
     "1777-WI", ""),
    # a date far off a story that had kept to one year is an aside the next year-less date ignores
    (("In 1980 a war began. In 1991 another ended. In 2002 threats grew. On March 20, 2003 "
      "the invasion began. On April 9 Baghdad fell. In November 2008, protesters staged a similar stomping. "
      "On April 15 the invasion was declared over."), "2009-12-19", "April 15", "DATE",
     "2003-04-15", ""),
    # ... but a second date there confirms the jump
    (("In 1980 a war began. In 1991 another ended. In 2002 threats grew. On March 20, 2003 "
      "the invasion began. On April 9 Baghdad fell. In November 2008, protesters staged a stomping. In "
      "February 2009 the troops left. On April 15 the last base closed."), "2009-12-19",
     "April 15", "DATE", "2009-04-15", ""),
    # ... and a year after "since" looks back from the story's time without moving it
    (("In 1961 the war began; in 1965 it spread; in 1968 it peaked. In 1972 the army advanced, "
      "the first incursion since 1965. In March it withdrew."), "2009-12-19", "March", "DATE", "1972-03",
     ""),
    # ... nor does a date told in the past perfect, behind the story's time
    (("In 1941 the war began; in 1942 it spread. In May 1944 the British attacked, and troops "
      "that had invaded Burma in late 1943 besieged the town. By June they had taken it."),
     "2009-12-19", "June", "DATE", "1944-06", "ON_OR_BEFORE"),
]


@pytest.mark.parametrize("text,dct,expression,type_,value,mod", CASES,
                         ids=[f"{c[2]}@{c[1]}" for c in CASES])
def test_expression_resolves(text, dct, expression, type_, value, mod):
    timexes = {t.text: t for t in tag(text, dct)}
    assert expression in timexes, f"{expression!r} not found; found {list(timexes)}"
    found = timexes[expression]
    assert (found.type, found.value, found.mod) == (type_, value, mod)


@pytest.mark.parametrize("text", [
    "A 900-kilometer border and 4.5 million people.",
    "May God protect them, and may they march on.",
    "Talks in Doha were held with 305,000 people watching.",
    "The 22-year-old son was found.",
    "Some 2500 GMT workers struck.",
])
def test_not_dates(text):
    assert tag(text, FRI) == []


def test_every_timex_keeps_its_rule_and_anchor():
    text = "Rebels took Hama on Thursday. A day later they reached Homs."
    timexes = tag(text, FRI)
    assert [(t.text, t.value, t.anchor, t.rule) for t in timexes] == [
        ("Thursday", "2024-12-05", "DCT", "weekday"),
        ("A day later", "2024-12-06", "t@20", "ref_offset"),
    ]


def test_day_anchored_expression_falls_back_to_the_dct_when_no_date_came_before():
    (timex,) = tag("A day earlier, the army left.", FRI)
    assert (timex.value, timex.anchor) == ("2024-12-05", "DCT")


def test_without_a_dct_explicit_dates_resolve_and_relative_ones_stay_open():
    values = {t.text: t.value for t in tag("On Friday, Dec. 6, 2024, and last week, and Thursday.", None)}
    assert values == {"Friday, Dec. 6, 2024": "2024-12-06", "last week": "PAST_REF",
                      "Thursday": "XXXX-WXX-4"}


HISTORY = ("The war began in 1939. Germany invaded France in May 1940. On December 7, 1941, Japan "
           "attacked Pearl Harbor, and in 1941 the United States entered the war. In January the "
           "Allies signed a declaration; in June 1942 the Battle of Midway was fought.")


def test_a_year_that_restates_the_story_date_does_not_move_it_back():
    """In a history, "in 1941" after "December 7, 1941" keeps the story on December 7: the
    next "In January" is January 1942, not January 1941."""
    values = {t.text: t.value for t in tag(HISTORY, "2009-12-19")}
    assert values["January"] == "1942-01"
    assert values["June 1942"] == "1942-06"


def test_a_plan_told_in_the_present_speaks_from_the_dct_even_in_a_history():
    """An obituary read as a story of 2005 still says "is due to be published in May" from its own
    publication date; a past plan in the story ("would sail in May") stays in the story's year."""
    obituary = ("He climbed Everest in 1953 and crossed Antarctica in 1957. He sailed in 1962, wrote in "
                "1975, and met Dr Lewis-Jones in 2005. A book of his photographs is due to be "
                "published in May.")
    assert {t.text: t.value for t in tag(obituary, "2013-03-22")}["May"] == "2013-05"
    story = ("The war began in 1939. Germany invaded France in May 1940. In June 1942 the Battle "
             "of Midway was fought, and in 1943 the Allies landed in Italy. The Allies would land "
             "in France in June.")
    assert {t.text: t.value for t in tag(story, "2009-12-19")}["June"] == "1943-06"


def test_a_span_before_the_common_era_counts_down_from_its_first_year():
    """ "264-241 BC" begins in 264 BC, the era written once after the last year; "3 to 5 BC" counts
    up, so it is no such span: its first number stays a number."""
    assert [(t.text, t.value) for t in tag("The First Punic War (264–241 BC) was fought at sea.", FRI)] == [
        ("264", "BC0264"), ("241 BC", "BC0241")]
    assert [(t.text, t.value) for t in tag("He lived 3 to 5 BC, they say.", FRI)] == [("5 BC", "BC0005")]
