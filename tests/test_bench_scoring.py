"""The benchmark scoring on cases small enough to check by hand (TempEval-3 Task A method)."""
from __future__ import annotations

import datetime as dt

import pytest

from lib.bench.scoring import Counts, Scores, Tally, align, pooled, prf
from lib.bench.seeds import parse_gold_tsv
from lib.bench.systems import locate
from lib.bench.te3 import parse_tml
from lib.temporal.timex import Timex


def tx(start: int, end: int, value: str = "2024-12-06", type_: str = "DATE") -> Timex:
    return Timex(start, end, "x" * (end - start), type_, value)


def test_overlap_is_one_to_one():
    # one system timex over two gold ones matches only one; the other gold one is missed
    gold = [tx(0, 4, "2009"), tx(5, 9, "2010")]
    a = align(gold, [tx(0, 9, "2009")])
    assert [(g.start, s.start) for g, s in a.pairs] == [(0, 0)]
    assert a.missed == (gold[1],)
    assert a.spurious == ()


def test_two_system_timexes_inside_one_gold_leave_one_spurious():
    a = align([tx(0, 12)], [tx(0, 5), tx(6, 12)])
    assert len(a.pairs) == 1 and len(a.spurious) == 1


def test_identical_extent_is_preferred_over_a_larger_overlap():
    # gold 0-6 and 4-10; system 4-10 could pair with either, it takes its identical twin
    gold = [tx(0, 6), tx(4, 10)]
    a = align(gold, [tx(4, 10), tx(0, 3)])
    assert sorted((g.start, s.start) for g, s in a.pairs) == [(0, 0), (4, 4)]


def test_touching_extents_do_not_overlap():
    a = align([tx(0, 5)], [tx(5, 9)])
    assert a.pairs == () and len(a.missed) == 1 and len(a.spurious) == 1


def test_strict_versus_relaxed():
    # gold: 3 timexes; system: 4, of which 1 identical, 1 overlapping, 2 spurious
    gold = [tx(0, 6), tx(10, 20), tx(30, 34)]
    system = [tx(0, 6), tx(12, 20), tx(40, 44), tx(50, 54)]
    c = Counts.of(align(gold, system))
    assert c == Counts(gold=3, system=4, strict=1, relaxed=2, value=2, type=2)
    s = Scores.of(c)
    assert (s.strict_p, s.strict_r) == (0.25, 1 / 3)
    assert s.strict_f1 == pytest.approx(2 / 7)       # 2 * 1/4 * 1/3 / (1/4 + 1/3)
    assert (s.relaxed_p, s.relaxed_r) == (0.5, 2 / 3)
    assert s.relaxed_f1 == pytest.approx(4 / 7)      # 2 * 1/2 * 2/3 / (1/2 + 2/3)


def test_value_and_type_f1_scale_relaxed_f1_by_the_share_of_matches_right():
    # 4 gold, 4 system, all overlapping: relaxed F1 = 1; 3 values right, 2 types right
    gold = [tx(0, 4), tx(10, 14), tx(20, 24), tx(30, 34)]
    system = [tx(0, 4), tx(10, 14), tx(20, 24, "2024-12-07"), tx(30, 34, type_="TIME")]
    system[1] = tx(10, 14, type_="DURATION")
    s = Scores.of(Counts.of(align(gold, system)))
    assert s.relaxed_f1 == 1.0
    assert s.value_f1 == 0.75
    assert s.type_f1 == 0.5


def test_value_f1_with_imperfect_extents():
    # 2 gold, 4 system, 2 relaxed matches, 1 with the right value:
    # relaxed P = 1/2, R = 1, F1 = 2/3; value F1 = 1/2 * 2/3 = 1/3
    gold = [tx(0, 4, "2013"), tx(10, 14, "P1W", "DURATION")]
    system = [tx(0, 4, "2013"), tx(10, 14, "P7D", "DURATION"), tx(20, 24), tx(30, 34)]
    s = Scores.of(Counts.of(align(gold, system)))
    assert s.relaxed_f1 == pytest.approx(2 / 3)
    assert s.value_f1 == pytest.approx(1 / 3)   # P1W is not P7D: exact strings
    assert s.type_f1 == pytest.approx(2 / 3)


def test_counts_are_pooled_over_documents_not_averaged():
    doc1 = Counts.of(align([tx(0, 4)], [tx(0, 4)]))                    # 1/1
    doc2 = Counts.of(align([tx(0, 4), tx(5, 9), tx(10, 14)], []))      # 0/3
    total = pooled([doc1, doc2])
    assert total == Counts(gold=4, system=1, strict=1, relaxed=1, value=1, type=1)
    assert Scores.of(total).relaxed_f1 == pytest.approx(0.4)    # P 1, R 1/4


def test_nothing_found_scores_zero_without_dividing_by_zero():
    assert prf(0, 0, 5) == (0.0, 0.0, 0.0)
    assert Scores.of(Counts(gold=5)).value_f1 == 0.0


def test_tally_right_wrong_missed_spurious():
    gold = [tx(0, 6), tx(10, 14, "2016"), tx(20, 24, "P13Y", "DURATION")]
    system = [tx(0, 6), tx(10, 14, "2017"), tx(30, 33)]
    assert Tally.of(align(gold, system)) == Tally(right=1, wrong=1, missed=1, spurious=1)


TML = ('<?xml version="1.0" ?><TimeML><DOCID>X</DOCID>'
       '<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">'
       'March 22, 2013</TIMEX3></DCT>'
       '<TITLE>AT&amp;T</TITLE>\n<TEXT>\nAT&amp;T <EVENT eid="e1">said</EVENT> '
       '<TIMEX3 tid="t1" type="DATE" value="2013-03-21">Thursday</TIMEX3> it '
       '<EVENT eid="e2">sold</EVENT> shares &lt;for&gt; '
       '<TIMEX3 tid="t2" type="DURATION" value="P1W" mod="APPROX">about a week</TIMEX3>'
       '<TIMEX3 tid="t3" type="DATE" value="PRESENT_REF" anchorTimeID="t0"/>.\n</TEXT></TimeML>')


def test_timeml_tags_are_stripped_and_gold_offsets_point_into_the_stripped_text():
    doc = parse_tml(TML, "X")
    assert doc.dct == dt.date(2013, 3, 22)
    assert doc.text == "\nAT&T said Thursday it sold shares <for> about a week.\n"
    assert [(t.start, t.end, t.text, t.type, t.value, t.mod) for t in doc.gold] == [
        (11, 19, "Thursday", "DATE", "2013-03-21", ""),
        (41, 53, "about a week", "DURATION", "P1W", "APPROX"),
    ]   # "&amp;" and "&lt;for&gt;" count as 1 and 5 characters; the empty t3 is not scored
    assert all(doc.text[t.start:t.end] == t.text for t in doc.gold)


def test_gold_tsv_reads_columns_by_name_and_skips_comments():
    tsv = ("# a comment\n# another\n"
           "article_id\tstart\tend\ttext\ttype\tvalue\tmod\tnote\n"
           "a1\t109\t115\tFriday\tDATE\t2024-12-06\t\tDCT is a Friday\n"
           "a1\t960\t978\tmore than a decade\tDURATION\tP10Y\tMORE_THAN\t\n")
    gold = parse_gold_tsv(tsv)
    assert [(t.start, t.end, t.value, t.mod) for t in gold["a1"]] == [
        (109, 115, "2024-12-06", ""), (960, 978, "P10Y", "MORE_THAN")]


def test_peer_hits_are_located_forward_from_the_previous_hit():
    text = "On Friday, and again Friday."
    found = list(locate(text, [("Friday", "2024-12-06"), ("Friday", "2024-12-06")], "peer"))
    assert [(t.start, t.end) for t in found] == [(3, 9), (21, 27)]
