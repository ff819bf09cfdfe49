"""Inferring a publication date (DCT) from an article's text and the explicit dates found in it."""
from __future__ import annotations

import functools
import re

import pytest

from lib.corpus import Article
from lib.corpus.dct import (DctGuess, explicit_value, infer_dct, is_future_context, past_weekdays,
                            with_dct)
from lib.settings import DATA_DIR, PROJECT_ROOT
from lib.temporal.timex import Timex

SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"


def found(text: str, *spans: tuple[str, str]) -> list[Timex]:
    """Fake tagger output: (fragment, value) pairs located in `text` (the n-th repeat by order)."""
    timexes, seen = [], {}
    for fragment, value in spans:
        starts = [m.start() for m in re.finditer(re.escape(fragment), text)]
        start = starts[seen.get(fragment, 0)]
        seen[fragment] = seen.get(fragment, 0) + 1
        kind = "TIME" if "T" in value and value[:1].isdigit() else "DATE"
        timexes.append(Timex(start, start + len(fragment), fragment, kind, value))
    return sorted(timexes, key=lambda t: t.start)


SIDEBAR = ("Iran began evacuating its commanders on Friday, officials said.\n"
           "A missile is fired at government forces near Hama on Wednesday.\n"
           "More on the Middle East\n"
           "Map: Where rebels advanced in Syria on Dec. 4, 2024\n"
           "Syrian rebels attack another major city on Dec. 5, 2024\n")

CASES = [  # id, text, (fragment, value) found without a DCT, expected guess (or None)
    ("updated line",
     "Rebels took Deir Ezzor.\n\nmore\nUpdated 12/06/24, 10:35 PM: This article has been updated.",
     [("12/06/24, 10:35 PM", "2024-12-06T22:35")],
     DctGuess("2024-12-06T22:35", "text cue", "from 'Updated 12/06/24, 10:35 PM'")),
    ("published beats updated",
     "Updated: Dec. 7, 2024\nPublished: Dec. 6, 2024\nRebels took Hama.",
     [("Dec. 7, 2024", "2024-12-07"), ("Dec. 6, 2024", "2024-12-06")],
     DctGuess("2024-12-06", "text cue", "from 'Published: Dec. 6, 2024'")),
    ("posted, after a separator",
     "By A. Writer | Posted December 5, 2024 at 9:10 AM\nRebels reached Hama on Dec. 6, 2024.",
     [("December 5, 2024 at 9:10 AM", "2024-12-05T09:10"), ("Dec. 6, 2024", "2024-12-06")],
     DctGuess("2024-12-05T09:10", "text cue", "from 'Posted December 5, 2024 at 9:10 AM'")),
    ("cue line without an explicit date is no evidence",
     "Updated 2 hours ago\nRebels advanced on Friday.",
     [("2 hours ago", "PAST_REF")],
     None),
    ("AP dateline",
     "DAMASCUS, Syria (AP) — Dec. 6, 2024 — Rebels reached the outskirts of Homs on Friday.",
     [("Dec. 6, 2024", "2024-12-06")],
     DctGuess("2024-12-06", "text cue", "from the dateline 'DAMASCUS, Syria (AP) — Dec. 6, 2024'")),
    ("Reuters dateline without a year takes the year of the latest explicit date",
     "Dec. 6 (Reuters) - Rebels said they had reached Homs. The offensive began on Nov. 27, 2024.",
     [("Dec. 6", "XXXX-12-06"), ("Nov. 27, 2024", "2024-11-27")],
     DctGuess("2024-12-06", "inferred",
              "from the dateline 'Dec. 6 (Reuters)', the year from 'Nov. 27, 2024'")),
    ("Reuters dateline after the place",
     "BEIRUT, December 7, 2024 (Reuters) - Syria's army said it redeployed in Daraa.",
     [("December 7, 2024", "2024-12-07")],
     DctGuess("2024-12-07", "text cue",
              "from the dateline 'BEIRUT, December 7, 2024 (Reuters)'")),
    ("a year-less dateline with no year anywhere is no evidence",
     "Dec. 6 (Reuters) - Rebels said they had reached Homs.",
     [("Dec. 6", "XXXX-12-06")],
     None),
    ("a date opening an ordinary sentence is not a dateline",
     "On Dec. 4, 2024, rebels fired at Hama. They took it on Thursday.",
     [("Dec. 4, 2024", "2024-12-04")],
     DctGuess("2024-12-05", "inferred",
              "from 'Dec. 4, 2024' (2024-12-04), the latest explicit date, and the weekdays "
              "named in the text (Thursday): Thursday 2024-12-05")),
    ("sidebar dates and 'on Friday' (seed 001)",
     SIDEBAR,
     [("Dec. 4, 2024", "2024-12-04"), ("Dec. 5, 2024", "2024-12-05")],
     DctGuess("2024-12-06", "inferred",
              "from 'Dec. 5, 2024' (2024-12-05), the latest explicit date, and the weekdays "
              "named in the text (Friday, Wednesday): Friday 2024-12-06")),
    ("latest explicit date alone",
     "Rebels entered Aleppo on Nov. 29, 2024 and Hama on Dec. 5, 2024.",
     [("Nov. 29, 2024", "2024-11-29"), ("Dec. 5, 2024", "2024-12-05")],
     DctGuess("2024-12-05", "inferred",
              "from 'Dec. 5, 2024' (2024-12-05), the latest explicit date")),
    ("a weekday before the latest date stays before it",
     "Rebels took Aleppo on Monday. Hama fell on Dec. 5, 2024.",
     [("Dec. 5, 2024", "2024-12-05")],
     DctGuess("2024-12-05", "inferred",
              "from 'Dec. 5, 2024' (2024-12-05), the latest explicit date, and the weekdays "
              "named in the text (Monday): Thursday 2024-12-05")),
    ("a future date is no evidence of when the text was written",
     "Elections will be held on Dec. 20, 2024. Rebels took Hama on Dec. 5, 2024.",
     [("Dec. 20, 2024", "2024-12-20"), ("Dec. 5, 2024", "2024-12-05")],
     DctGuess("2024-12-05", "inferred",
              "from 'Dec. 5, 2024' (2024-12-05), the latest explicit date")),
    ("a future weekday does not move the date",
     "Rebels took Hama on Dec. 5, 2024. Ministers are set to meet Saturday in Doha.",
     [("Dec. 5, 2024", "2024-12-05")],
     DctGuess("2024-12-05", "inferred",
              "from 'Dec. 5, 2024' (2024-12-05), the latest explicit date")),
    ("weekdays alone are no evidence", "Rebels took Hama on Thursday and Homs on Friday.",
     [("Thursday", "XXXX-WXX-4"), ("Friday", "XXXX-WXX-5")], None),
    ("years and decades are not days",
     "The war killed 305,000 people between 2011 and 2021, the UN said in 2022; since the 1980s.",
     [("2011", "2011"), ("2021", "2021"), ("2022", "2022"), ("the 1980s", "198")], None),
    ("durations are not dates", "The 13-year civil war.", [("13-year", "P13Y")], None),
    ("no dates at all", "Homs is on the brink of falling.", [], None),
]


@pytest.mark.parametrize("text, spans, expected", [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_infer_dct(text, spans, expected):
    assert infer_dct(text, found(text, *spans)) == expected


@pytest.mark.parametrize("value, kind, expected", [
    ("2024-12-06", "DATE", "2024-12-06"),
    ("2024-12-06T22:35", "TIME", "2024-12-06T22:35"),
    ("2024-12-06TMO", "TIME", "2024-12-06"),
    ("2024-12-32", "DATE", None),
    ("XXXX-12-06", "DATE", None),
    ("2024-W49", "DATE", None),
    ("2024-12", "DATE", None),
    ("P1D", "DURATION", None),
    ("2024-12-06", "SET", None),
])
def test_explicit_value(value, kind, expected):
    assert explicit_value(Timex(0, 1, "x", kind, value)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Rebels took Hama on Thursday.", {3}),
    ("Iranians began to leave early Friday. The U.S. Embassy on Friday urged Americans to go.", {4}),
    ("Ministers will meet on Saturday.", set()),
    ("They are set to discuss it in a meeting Saturday in Qatar.", set()),
    ("Lavrov planned to discuss it at a meeting Friday.", set()),
    ("Prayers are held on Fridays.", set()),
    ("Last Friday rebels attacked; next Monday talks open. Rebels fired on Wednesday.", {2}),
])
def test_past_weekdays(text, expected):
    assert past_weekdays(text) == expected


def test_future_context_is_the_sentence_not_the_paragraph():
    text = "Hama fell on Dec. 5, 2024. Talks will open on Dec. 9, 2024."
    assert not is_future_context(text, text.index("Dec. 5"))
    assert is_future_context(text, text.index("Dec. 9"))


# --- with_dct ------------------------------------------------------------------------------------

def article(text: str, published: str = "", dct_source: str = "none") -> Article:
    return Article("a", "", "", "", published, dct_source, text)


def test_with_dct_keeps_a_known_date_without_tagging():
    def tagger(text, dct):
        raise AssertionError("not needed")

    dated = article("Text.", "2024-12-06", "metadata")
    assert with_dct(dated, tagger) is dated


def test_with_dct_fills_in_a_guess_and_calls_the_tagger_without_dct():
    calls = []

    def tagger(text, dct):
        calls.append(dct)
        return found(text, ("Dec. 6, 2024", "2024-12-06"))

    filled = with_dct(article("Posted Dec. 6, 2024\nRebels took Homs."), tagger)
    assert calls == [None]
    assert (filled.published, filled.dct_source, filled.dct_note) == (
        "2024-12-06", "text cue", "from 'Posted Dec. 6, 2024'")


def test_with_dct_says_none_when_nothing_supports_a_date():
    filled = with_dct(article("Rebels advanced on Friday."), lambda text, dct: [])
    assert (filled.published, filled.dct_source, filled.dct) == ("", "none", None)


# --- end to end with the real tagger (skipped while lib.temporal.tag is a placeholder) ----------

@functools.lru_cache(maxsize=1)
def real_tagger_ready() -> bool:
    from lib.temporal import tag
    return bool(tag("Dec. 4, 2024", None))


@pytest.fixture
def real_tag():
    if not real_tagger_ready():
        pytest.skip("lib.temporal.tag is still a placeholder")
    from lib.temporal import tag
    return tag


@pytest.mark.parametrize("stem, published, dct_source, note_fragment", [
    ("000_3e5b5d5b855bd088", None, None, None),
    ("001_deb08d6d3284c542", "2024-12-06", "inferred", "'Dec. 5, 2024'"),
    ("002_9947dc919c21692a", "2024-12-06T22:35", "text cue", "'Updated 12/06/24, 10:35 PM'"),
    ("003_233c76e6b16ad938", None, None, None),
    ("004_fb0bac4d8e447d8c", None, None, None),
])
def test_seed_dates_from_their_text_alone(real_tag, stem, published, dct_source, note_fragment):
    path = SEEDS / f"{stem}.txt"
    if path.exists():
        text = path.read_text(encoding="utf-8")
    else:  # without ../shared: the bundled copy's body is the same text (its header would give the date)
        from lib.corpus.readers import split_front_matter
        bundled = DATA_DIR / "corpus" / f"{stem}.md"
        if not bundled.exists():
            pytest.skip(f"neither ../shared/seeds nor {bundled.name} is here")
        text = split_front_matter(bundled.read_text(encoding="utf-8"))[1]
    guess = infer_dct(text, real_tag(text, None))
    if published is None:
        assert guess is None
    else:
        assert (guess.published, guess.dct_source) == (published, dct_source), guess
        assert note_fragment in guess.note


@pytest.mark.parametrize("text, published, dct_source", [
    ("DAMASCUS, Syria (AP) — Dec. 6, 2024 — Rebels reached Homs on Friday.", "2024-12-06",
     "text cue"),
    ("LONDON, December 6 (Reuters) - Rebels reached Homs. Hama fell on Dec. 5, 2024.",
     "2024-12-06", "inferred"),
    ("Rebels reached Homs on Friday.\nPublished Dec. 6, 2024", "2024-12-06", "text cue"),
    ("Rebels reached Homs on Friday.", None, None),
    # numeric datelines, day first; a clock time before a date is not a year
    ("14-03-2016 Syrian Army Kills 30 Terrorists. On Sunday the army advanced.", "2016-03-14",
     "text cue"),
    ("03.02.2016 (updated 1412 03.02.2016) Get short URL The army advanced on Tuesday.",
     "2016-02-03", "text cue"),
    ("Posted on April 2 2017 by a staff writer. Rebels shelled Hama on Monday.", "2017-04-02",
     "text cue"),
    ("Date of publication 7 July 2016 Video More than 33 people were killed on Tuesday.",
     "2016-07-07", "text cue"),
    # a dated weekday at the top outranks the latest date agreeing with the weekdays named
    ("Sun 22 Feb 2015 Suicide bomber kills 4. The attack came on Tuesday.", "2015-02-22",
     "text cue"),
    ("Car bomb kills 34 in Hama AFP Friday 20 Jun 2014 A car bomb killed 34 on Wednesday.",
     "2014-06-20", "text cue"),
    # cues that disagree are reported, not silently resolved
    ("BEIRUT (AP) — Dec. 2, 2024 — Rebels reached Homs.\nPublished Dec. 6, 2024", "2024-12-06",
     "inferred"),
])
def test_inference_with_the_real_tagger(real_tag, text, published, dct_source):
    guess = infer_dct(text, real_tag(text, None))
    if published is None:
        assert guess is None
    else:
        assert (guess.published, guess.dct_source) == (published, dct_source), guess
