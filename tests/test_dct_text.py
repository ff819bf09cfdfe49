"""Publication dates from the text: the dateline at the top of an article, and its metadata date.

No tagger and no language model: datelines are read with lib/corpus/datelines.txt alone
(lib/corpus/datelines.py); lib/corpus/dct.py weighs them against the metadata.
"""
from __future__ import annotations

import pytest

from lib.corpus import DCT_SOURCES, Article
from lib.corpus.datelines import dateline_grammar, read_datelines
from lib.corpus.dct import infer_dct, reconcile_dct, text_dateline_guess, with_dct

GRAMMAR = dateline_grammar()


# --- the examples and counters datelines.txt carries ---------------------------------------------

@pytest.mark.parametrize("text, value, kind", GRAMMAR.examples,
                         ids=[example[0][:40] for example in GRAMMAR.examples])
def test_every_example_of_the_data_file(text, value, kind):
    datelines = read_datelines(text)
    assert datelines, f"no dateline read in {text!r}"
    assert (datelines[0].value, datelines[0].kind) == (value, kind)


@pytest.mark.parametrize("text", GRAMMAR.counters)
def test_every_counter_of_the_data_file(text):
    assert read_datelines(text) == []


def test_every_form_carries_an_example():
    examples = " ".join(text for text, _, _ in GRAMMAR.examples)
    for form in GRAMMAR.forms:
        assert form.regex.search(examples), f"form {form.name} has no example"


# --- what a dateline is --------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # a weekday that agrees, one that does not, none
    ("Sat 11 Apr 2015 Assad Regime ...", True),
    ("Fri 11 Apr 2015 Assad Regime ...", False),
    ("11 Apr 2015 Assad Regime ...", None),
])
def test_the_weekday_named_with_a_dateline_is_checked(text, expected):
    assert read_datelines(text)[0].weekday_agrees is expected


@pytest.mark.parametrize("text", [
    "On 3 March 2015 rebels stormed the town.",  # a preposition: the date belongs to a sentence
    "Rebels recall 3 March 2015 massacre in Idlib",  # inside a headline, nothing marks it
    "Rebels advanced. Saturday 11 April 2015 was calm.",  # after the first sentence
    "Talks since 4 December 2024 AFP have stalled.",  # a sentence word outranks an agency tag
    "Dec 4 1945 GMT rebels reached Hama",  # a clock time is never a year
    "Death toll at 1459 rises in Homs",
    "Rebels attack Homs " + "x" * 200 + " Saturday 11 April 2015",  # too far from the top
])
def test_what_is_not_a_dateline(text):
    assert read_datelines(text) == []


def test_a_clock_time_after_the_date_is_kept_and_never_read_as_a_year():
    [dateline] = read_datelines("Wed 01 Oct 2014 at 1459 Regional NNA - Twin car bombs")
    assert (dateline.value, dateline.weekday_agrees) == ("2014-10-01T14:59", True)
    [dateline] = read_datelines("May 24 2017 16 Civilians Dead in Coalition Strikes")
    assert dateline.value == "2017-05-24"


def test_an_update_in_brackets_is_a_second_dateline():
    datelines = read_datelines("05.10.2017(updated 1935 06.10.2017) Get short URL 101 A mortar")
    assert [(d.value, d.kind) for d in datelines] == [("2017-10-05", "dateline"),
                                                       ("2017-10-06", "updated")]


def test_a_one_digit_day_opening_a_padded_form_may_be_cut():
    [dateline] = read_datelines("6-09-2013 Extremists in Syria Admit Killing 30 Alawites.")
    assert dateline.cut
    assert [d.isoformat() for d in dateline.readings][:4] == [
        "2013-09-06", "2013-09-16", "2013-09-26", "2013-06-09"]
    [padded] = read_datelines("06-09-2013 Extremists in Syria Admit Killing 30 Alawites.")
    assert not padded.cut


# --- the metadata's date against the text's dateline ---------------------------------------------

CASES = [  # id, text, metadata date, expected published, expected dct_source, in the note
    ("a dateline with its weekday over a wrong label",
     "Saturday 11 April 2015 18:05 Assad Regime Commits Horrific Massacres After Loss of Idlib.",
     "2015-02-02", "2015-04-11T18:05", "text cue",
     "(its weekday agrees), not the metadata's 2015-02-02"),
    ("four years apart",
     "Fri Jul 1 2016 More Than 100 Jeish Al Fatah Terrorists Killed by Syrian Army in Aleppo.",
     "2012-11-13", "2016-07-01", "text cue", "'Fri Jul 1 2016'"),
    ("a numeric dateline, day first",
     "03-07-2015 Terrorist Blast Kills Grand Mosque Imam in Damascus.",
     "2015-07-10", "2015-07-03", "text cue", "'03-07-2015'"),
    ("a publication cue",
     "Date of publication 3 April 2017 At least 22 civilians have been killed on Monday.",
     "2017-04-10", "2017-04-03", "text cue", "publication date 'Date of publication 3 April 2017'"),
    ("after a headline and an agency tag",
     "Rocket attacks kill at least 30 in Syrias Aleppo AP Saturday 9 Jul 2016 Syrian pass "
     "burnt-out vehicles", "2016-07-01", "2016-07-09", "text cue", "'Saturday 9 Jul 2016'"),
    ("after a headline, before an agency tag",
     "ISIS executes three people in Raqqa and Deir Ezzor 8 November 2016 SANA Members of ISIS",
     "2016-11-01", "2016-11-08", "text cue", "'8 November 2016'"),
    ("after a headline and a clock time, before an update",
     "US-led Coalition Strikes on Syrian Abu Kamal Leave 31 Civilians Dead - Reports REUTERS "
     "Social Media Website Middle East 1924 16.05.2017(updated 1925 16.05.2017) Get short URL 6319",
     "2017-05-20", "2017-05-16", "text cue", "'16.05.2017'"),
    ("a clock time is never a year",
     "Wed 01 Oct 2014 at 1459 Regional NNA - Twin car bomb explosions in Homs on Wednesday",
     "2013-10-01", "2014-10-01T14:59", "text cue", "'Wed 01 Oct 2014 at 1459'"),
    ("an update dated before the label",
     "Last updated at Aug 012016 BEIRUT A Russian military helicopter was shot down on Monday",
     "2016-08-19", "2016-08-01", "text cue", "update date 'Last updated at Aug 012016'"),
    ("agreeing: unchanged", "Sun 16 Apr 2017 Death toll from Aleppo bomb attack at least 112.",
     "2017-04-16", "2017-04-16", "metadata", ""),
    ("a day apart agrees", "Sun 16 Apr 2017 Death toll from Aleppo bomb attack at least 112.",
     "2017-04-17", "2017-04-17", "metadata", ""),
    ("an update after the publication agrees",
     "19.07.2016(updated 1457 20.07.2016) Get short URL 2440 Over 100 Syrian civilians",
     "2016-07-19", "2016-07-19", "metadata", ""),
    ("a cut day agreeing with the label",
     "6-09-2013 Extremists in Syria Admit Killing 30 Alawites.", "2013-09-16", "2013-09-16", "metadata", ""),
    ("an event date opening a sentence is no dateline",
     "On 3 March 2015 rebels stormed the town of Idlib.", "2015-03-10", "2015-03-10", "metadata",
     ""),
    ("a numbered paragraph's date is no dateline",
     "1. Ghouta: On August 21 2013 the Assad regime fired rockets", "2013-08-13", "2013-08-13",
     "metadata", ""),
    ("no dateline", "Aleppo bomb blast kills six Syrian state TV A bomb blast killed six people",
     "2017-04-19", "2017-04-19", "metadata", ""),
    ("a weekday that disagrees makes the dateline doubtful",
     "Fri Jul 2 2016 More Than 100 Terrorists Killed in Aleppo.", "2016-06-20", "2016-06-20",
     "disputed", "names a Friday but 2016-07-02 is a Saturday"),
    ("two datelines that disagree",
     "Published 4 December 2024 | Updated 2 December 2024 Rebels entered Hama.", "2024-12-10",
     "2024-12-10", "disputed",
     "'Published 4 December 2024' and 'Updated 2 December 2024' disagree"),
    ("a cut day disagreeing with the label",
     "6-09-2013 Extremists in Syria Admit Killing 30 Alawites.", "2013-05-01", "2013-05-01",
     "disputed", "may be cut short"),
    ("a dateline a day after the label, whose weekday the text tells of",
     "Last updated at Jan 202015 Beirut Syrian government air strikes on Tuesday killed at least 39 people",
     "2015-01-19", "2015-01-20", "text cue", "the weekdays the text names reach back less far"),
    ("a dateline a day after the label, the text telling of the label's weekday: agrees",
     "Last updated at Jan 202015 Beirut Syrian government air strikes on Monday killed at least 39 people",
     "2015-01-19", "2015-01-19", "metadata", ""),
]


@pytest.mark.parametrize("text, metadata, published, dct_source, note",
                         [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_reconcile_the_metadata_date_with_the_text(text, metadata, published, dct_source, note):
    article = Article("a", "", "", "", metadata, "metadata", text)
    checked = reconcile_dct(article)
    assert (checked.published, checked.dct_source) == (published, dct_source)
    assert note in checked.dct_note
    if dct_source == "metadata":
        assert checked is article
    assert checked.dct_source in DCT_SOURCES


def test_a_date_a_user_gave_is_never_second_guessed():
    article = Article("a", "", "", "", "2015-02-02", "user", "Saturday 11 April 2015 18:05 Assad")
    assert reconcile_dct(article) is article


def test_with_dct_checks_a_metadata_date_without_tagging():
    def tagger(text, dct):
        raise AssertionError("the dateline is read without the tagger")

    article = Article("a", "", "", "", "2015-02-02", "metadata", "Saturday 11 April 2015 Assad")
    assert with_dct(article, tagger).published == "2015-04-11"


# --- no metadata: the dateline as evidence -------------------------------------------------------

@pytest.mark.parametrize("text, published, dct_source", [
    ("14-03-2016 Terrorist blast kills 9 in Homs.", "2016-03-14", "text cue"),
    ("Last updated at Apr 092017 At least 15 civilians were killed on Saturday.", "2017-04-09",
     "text cue"),
    ("Fri Jul 2 2016 More Than 100 Terrorists Killed in Aleppo.", "2016-07-02", "disputed"),
    ("On 3 March 2015 rebels stormed the town.", None, None),
])
def test_a_dateline_dates_an_article_without_metadata(text, published, dct_source):
    guess = text_dateline_guess(text, [])
    if published is None:
        assert guess is None and infer_dct(text, []) is None
    else:
        assert (guess.published, guess.dct_source) == (published, dct_source)
        assert infer_dct(text, []) == guess  # it outranks the latest explicit date


def test_the_store_gets_the_text_date_and_a_user_date_still_wins():
    from lib.pipeline import _dated

    article = Article("a", "", "", "", "2015-02-02", "metadata", "Saturday 11 April 2015 Assad")
    assert _dated(article, None, {}, {}).published == "2015-04-11"
    assert _dated(article, None, {"a": "2015-02-03"}, {}).published == "2015-02-03"
    assert _dated(article, "2015-02-04", {}, {}).dct_source == "user"
