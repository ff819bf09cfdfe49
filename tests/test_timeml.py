"""The TimeML writer: well-formed TempEval-3 style documents that give the text back."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.temporal.timeml import kept_timexes, to_timeml
from lib.temporal.timex import Timex

XSI = "http://www.w3.org/2001/XMLSchema-instance"


def timex_at(text: str, fragment: str, type_: str, value: str, **fields) -> Timex:
    start = text.index(fragment)
    return Timex(start, start + len(fragment), fragment, type_, value, **fields)


def parse(document: str) -> ET.Element:
    return ET.fromstring(document)


def text_of(root: ET.Element) -> str:
    return "".join(root.find("TEXT").itertext())


TRICKY = ('Rebels said "we took <Hama> & more" on Thursday; Jordan\'s border closed on Friday '
          'morning.\r\nThe 13-year war goes on.\n')


def tricky_timexes() -> list[Timex]:
    return [timex_at(TRICKY, "Thursday", "DATE", "2024-12-05", anchor="DCT", rule="weekday"),
            timex_at(TRICKY, "Friday morning", "TIME", "2024-12-06TMO", anchor="DCT"),
            timex_at(TRICKY, "13-year", "DURATION", "P13Y", mod="APPROX")]


def test_document_structure_and_dct():
    document = to_timeml("002_x", TRICKY, "2024-12-06T22:35", tricky_timexes())
    assert document.startswith('<?xml version="1.0" ?>\n<TimeML ')
    root = parse(document)
    assert root.tag == "TimeML"
    assert root.attrib == {f"{{{XSI}}}noNamespaceSchemaLocation":
                           "http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd"}
    assert [child.tag for child in root] == ["DOCID", "DCT", "TEXT"]
    assert root.find("DOCID").text == "002_x"
    dct = root.find("DCT/TIMEX3")
    assert dct.attrib == {"tid": "t0", "type": "DATE", "value": "2024-12-06",
                          "temporalFunction": "false", "functionInDocument": "CREATION_TIME"}
    assert dct.text == "2024-12-06T22:35"


def test_stripping_the_tags_gives_the_text_back_with_markup_characters_and_cr():
    root = parse(to_timeml("d", TRICKY, "2024-12-06", tricky_timexes()))
    assert text_of(root) == TRICKY


def test_values_types_mods_round_trip():
    root = parse(to_timeml("d", TRICKY, "2024-12-06", tricky_timexes()))
    got = [(t.get("tid"), t.text, t.get("type"), t.get("value"), t.get("mod"))
           for t in root.find("TEXT").iter("TIMEX3")]
    assert got == [("t1", "Thursday", "DATE", "2024-12-05", None),
                   ("t2", "Friday morning", "TIME", "2024-12-06TMO", None),
                   ("t3", "13-year", "DURATION", "P13Y", "APPROX")]


def test_offsets_of_the_text_match_the_timexes():
    root = parse(to_timeml("d", TRICKY, "2024-12-06", tricky_timexes()))
    position, spans = 0, []
    text_element = root.find("TEXT")
    position += len(text_element.text or "")
    for element in text_element:
        spans.append((position, position + len(element.text)))
        position += len(element.text) + len(element.tail or "")
    assert spans == [(t.start, t.end) for t in tricky_timexes()]


def test_anchors_point_at_timexes_in_the_document_or_are_left_out():
    text = "Hama fell on Thursday, a day earlier than Homs on Friday; a week before."
    thursday = timex_at(text, "Thursday", "DATE", "2024-12-05", anchor="DCT")
    earlier = timex_at(text, "a day earlier", "DATE", "2024-12-04", anchor=f"t@{thursday.start}")
    friday = timex_at(text, "Friday", "DATE", "2024-12-06", anchor="t@9999")
    week = timex_at(text, "a week before", "DURATION", "P1W")
    root = parse(to_timeml("d", text, "2024-12-06", [week, friday, earlier, thursday]))
    anchors = {t.text: t.get("anchorTimeID") for t in root.find("TEXT").iter("TIMEX3")}
    assert anchors == {"Thursday": "t0", "a day earlier": "t1", "Friday": None,
                       "a week before": None}
    functions = {t.text: t.get("temporalFunction") for t in root.find("TEXT").iter("TIMEX3")}
    assert functions["a day earlier"] == "true" and functions["Friday"] is None


@pytest.mark.parametrize("spans, kept", [
    ([(6, 12), (0, 12)], [(0, 12)]),                  # the longer wins
    ([(0, 12), (6, 12)], [(0, 12)]),                  # whatever the order given
    ([(0, 5), (3, 8)], [(0, 5)]),                     # same length: the earlier
    ([(0, 5), (5, 9)], [(0, 5), (5, 9)]),             # touching is not overlapping
    ([(2, 4), (0, 9), (5, 7)], [(0, 9)]),             # one long span covers two
    ([(0, 4), (-1, 3), (8, 99), (5, 5)], [(0, 4)]),   # outside the text or empty: dropped
])
def test_overlapping_timexes_keep_the_longer(spans, kept):
    text = "early Friday morning"
    timexes = [Timex(s, e, text[max(s, 0):e], "DATE", "2024-12-06") for s, e in spans]
    assert [(t.start, t.end) for t in kept_timexes(text, timexes)] == kept
    root = parse(to_timeml("d", text, "2024-12-06", timexes))
    assert text_of(root) == text
    assert len(list(root.find("TEXT").iter("TIMEX3"))) == len(kept)


def test_attribute_values_and_doc_id_are_escaped():
    text = "On Friday."
    odd = Timex(3, 9, "Friday", "DATE", 'a"b<c>&d')
    root = parse(to_timeml('id "<&>"', text, "2024-12-06", [odd]))
    assert root.find("DOCID").text == 'id "<&>"'
    assert root.find("TEXT/TIMEX3").get("value") == 'a"b<c>&d'


def test_no_dct_leaves_the_dct_element_out():
    root = parse(to_timeml("d", "Hama fell.", "", []))
    assert root.find("DCT") is None and text_of(root) == "Hama fell."


def test_characters_xml_cannot_carry_become_replacement_characters_in_place():
    text = "Bell\x07 on Friday."
    root = parse(to_timeml("d", text, "2024-12-06", [timex_at(text, "Friday", "DATE", "2024-12-06")]))
    assert text_of(root) == "Bell\ufffd on Friday."


XML_SAFE = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\x01\x02\x03\x04"
                         "\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18"
                         "\x19\x1a\x1b\x1c\x1d\x1e\x1f\ufffe\uffff")


@settings(max_examples=60, deadline=None)
@given(text=st.text(XML_SAFE, min_size=1, max_size=60),
       spans=st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=6))
def test_any_text_and_spans_round_trip(text, spans):
    timexes = [Timex(s, min(s + n, len(text)), text[s:s + n], "DATE", "2024-12-06")
               for s, n in spans if s < len(text)]
    root = parse(to_timeml("d", text, "2024-12-06", timexes))
    assert text_of(root) == text
    assert [t.text or "" for t in root.find("TEXT").iter("TIMEX3")] == [
        text[t.start:t.end] for t in kept_timexes(text, timexes)]


def test_timeml_output_reads_back_through_the_tempeval3_reader():
    """What `--format timeml` writes, the TempEval-3 reader of lib.bench.te3 reads back unchanged."""
    from lib.bench.te3 import parse_tml
    from lib.temporal import tag

    text = "Rebels took Hama on Thursday & Homs < 5 km away; \"last week\" Aleppo fell, a day earlier."
    timexes = tag(text, "2024-12-06")
    document = parse_tml(to_timeml("doc1", text, "2024-12-06", timexes), "doc1")
    assert document.text == text
    assert str(document.dct) == "2024-12-06"
    assert [(t.start, t.end, t.type, t.value) for t in document.gold] == [
        (t.start, t.end, t.type, t.value) for t in timexes]
