"""Write a document and its timexes as TempEval-3 style TimeML.

>>> print(to_timeml("d1", "Hama fell on Thursday & Homs is next.", "2024-12-06",
...                 [Timex(13, 21, "Thursday", "DATE", "2024-12-05", anchor="DCT")]))
<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">
<BLANKLINE>
<DOCID>d1</DOCID>
<BLANKLINE>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-12-06" temporalFunction="false" functionInDocument="CREATION_TIME">2024-12-06</TIMEX3></DCT>
<BLANKLINE>
<TEXT>Hama fell on <TIMEX3 tid="t1" type="DATE" value="2024-12-05" temporalFunction="true" anchorTimeID="t0">Thursday</TIMEX3> &amp; Homs is next.</TEXT>
<BLANKLINE>
</TimeML>
<BLANKLINE>
"""
from __future__ import annotations

import re
from typing import Sequence
from xml.sax.saxutils import escape

from lib.temporal.timex import Timex

_HEADER = ('<?xml version="1.0" ?>\n'
           '<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">\n')
# XML 1.0 cannot carry these characters even as references; each becomes U+FFFD so offsets hold.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TEXT_ESCAPES = {"\r": "&#13;"}  # a raw CR would be read back as a newline
_ATTRIBUTE_ESCAPES = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def to_timeml(doc_id: str, text: str, dct: str, timexes: Sequence[Timex]) -> str:
    """A TimeML document: DOCID, the DCT as TIMEX3 t0, and the text with each timex wrapped in TIMEX3.

    dct is the ISO publication date (a datetime is written with its date part as the DCT value);
    "" leaves the DCT element out. Timexes are numbered t1, t2... in text order; of overlapping
    ones only the longer is kept. A timex anchored on "DCT" gets anchorTimeID="t0", one anchored on
    another timex ("t@<start>") gets that timex's id when it is in the document, else no anchor.
    Taking the tags out of TEXT gives `text` back.
    """
    kept = kept_timexes(text, timexes)
    tids = {timex.start: f"t{number}" for number, timex in enumerate(kept, start=1)}
    tids_for_anchor = {f"t@{start}": tid for start, tid in tids.items()}
    if dct:
        tids_for_anchor["DCT"] = "t0"

    parts, position = [], 0
    for timex in kept:
        parts.append(_text(text[position:timex.start]))
        attributes = [("tid", tids[timex.start]), ("type", timex.type), ("value", timex.value)]
        if timex.mod:
            attributes.append(("mod", timex.mod))
        anchor = tids_for_anchor.get(timex.anchor)
        if anchor:
            attributes += [("temporalFunction", "true"), ("anchorTimeID", anchor)]
        parts.append(f"<TIMEX3 {_attributes(attributes)}>{_text(text[timex.start:timex.end])}</TIMEX3>")
        position = timex.end
    parts.append(_text(text[position:]))

    out = [_HEADER, f"\n<DOCID>{_text(doc_id)}</DOCID>\n"]
    if dct:
        attributes = [("tid", "t0"), ("type", "DATE"), ("value", dct[:10]),
                      ("temporalFunction", "false"), ("functionInDocument", "CREATION_TIME")]
        out.append(f"\n<DCT><TIMEX3 {_attributes(attributes)}>{_text(dct)}</TIMEX3></DCT>\n")
    out.append(f"\n<TEXT>{''.join(parts)}</TEXT>\n\n</TimeML>\n")
    return "".join(out)


def kept_timexes(text: str, timexes: Sequence[Timex]) -> list[Timex]:
    """The timexes that fit in `text`, without overlaps (the longer wins, then the earlier), by start.

    >>> [t.text for t in kept_timexes("early Friday", [Timex(6, 12, "Friday", "DATE", "2024-12-06"),
    ...                                                  Timex(0, 12, "early Friday", "TIME", "2024-12-06TMO")])]
    ['early Friday']
    """
    kept: list[Timex] = []
    for timex in sorted(timexes, key=lambda t: (t.start - t.end, t.start)):
        if not 0 <= timex.start < timex.end <= len(text):
            continue
        if all(timex.end <= other.start or other.end <= timex.start for other in kept):
            kept.append(timex)
    return sorted(kept, key=lambda t: t.start)


def _text(content: str) -> str:
    return escape(_NOT_XML.sub("\ufffd", content), _TEXT_ESCAPES)


def _attributes(pairs: list[tuple[str, str]]) -> str:
    return " ".join(f'{name}="{escape(_NOT_XML.sub(chr(0xFFFD), value), _ATTRIBUTE_ESCAPES)}"'
                    for name, value in pairs)
