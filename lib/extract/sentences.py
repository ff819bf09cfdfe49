"""A line break ends a sentence: headlines, captions and sidebar links are lines of their own. So does
a dateline after a headline at the top of a text whose line breaks were lost: "Blast at Syria-Turkey
border kills 20 rebels Monitor AFP Thursday 6 Oct 2016 At least 20 Syrian rebels were killed ..." is
a headline, then the report's first sentence with its dateline (lib.corpus.datelines finds it).

Runs before the parser, which keeps boundaries already set.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("line_breaks")
>>> _ = nlp.add_pipe("sentencizer")
>>> [s.text for s in nlp("More on the Middle East\\nMap: where rebels advanced").sents]
['More on the Middle East\\n', 'Map: where rebels advanced']
"""
from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc
from lib.temporal.component import doc_text

_NEWLINE = re.compile("\n")


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A token after a line break starts a sentence, unless it is white space after a word: found
    from the line breaks of the text (a Token only for those), not by visiting every token. The
    dateline that follows a headline at the top of the text starts one too (after_datelines)."""
    after_datelines(doc)
    text = doc_text(doc)
    if "\n" not in text:
        return doc
    breaks = [m.start() for m in _NEWLINE.finditer(text)]
    starts = doc.to_array([IDX, IS_SPACE])
    space = starts[:, 1].tolist()
    # the token whose text or trailing space holds each line break (its space is " " at most)
    holders = sorted(set((numpy.searchsorted(starts[:, 0], breaks, side="right") - 1).tolist()))
    for k in holders:
        if k + 1 < len(space) and (not space[k + 1] or space[k]):
            doc[k + 1].is_sent_start = True
    return doc


def is_headline(text: str) -> bool:
    """A line that reports nothing itself: a title, caption, subheading or link (no closing
    punctuation, short).

    >>> is_headline("Rebel militias take Jordanian border region"), is_headline("Rebels took Hama.")
    (True, False)
    """
    stripped = text.strip()
    return bool(stripped) and stripped[-1] not in ".!?\"”’'):" and len(stripped.split()) <= 40


def after_datelines(doc: Doc) -> Doc:
    """A dateline at the top of the text that follows words of its line (a headline, an outlet's
    name) starts a sentence: the headline is no part of the report's first sentence, whatever
    punctuation the page lost. The dateline stays with the sentence after it, which it dates.

    >>> import spacy
    >>> doc = after_datelines(spacy.blank("en")("Blast kills 20 rebels AFP Thursday 6 Oct 2016 At least 20 rebels died."))
    >>> [t.text for t in doc if t.is_sent_start]
    ['Blast', 'Thursday']
    """
    from lib.corpus.datelines import read_datelines
    if len(doc) == 0:
        return doc
    text = doc_text(doc)
    starts = doc.to_array(IDX)
    for dateline in read_datelines(text):
        start = text.rfind(dateline.quote, 0, dateline.end)
        line = text[text.rfind("\n", 0, max(start, 0)) + 1:max(start, 0)]
        if start <= 0 or not any(c.isalnum() for c in line):
            continue  # the dateline opens its line: nothing to part it from
        k = int(numpy.searchsorted(starts, start, side="left"))
        if 0 < k < len(doc) and doc[k].idx == start:
            doc[k].is_sent_start = True
    return doc


TITLE_REACH = 200  # a page repeats its title within this many characters of its text's start
TITLE_MIN = 20  # characters: a shorter title ("Syria") may be any words of the text
_OUTLET_SUFFIX = re.compile(r"\s+[|\u2013\u2014-]\s+[^|\u2013\u2014-]{2,40}$")  # "... | Jordan Times"


def title_span(text: str, title: str) -> tuple[int, int] | None:
    """Where the text repeats the page's title at its top (start and end offsets), None when it
    does not: a headline, whatever punctuation it lost or gained, reports nothing the article does
    not tell again ("18 October 2016 Four killed including two women in terrorist attacks in Aleppo
    and Quneitra. A source at Aleppo Police Command told SANA that ..."). An outlet's name after the
    title ("... | Jordan Times") is not looked for.

    >>> title_span("Sun 16 Apr 2017 Death toll from Aleppo bomb attack at least 112. The death toll ...",
    ...            "Death toll from Aleppo bomb attack at least 112")
    (16, 63)
    >>> title_span("Rebels took Hama on Thursday.", "Rebels take Hama")
    """
    for name in dict.fromkeys((title.strip(), _OUTLET_SUFFIX.sub("", title.strip()))):
        if len(name) < TITLE_MIN:
            continue
        start = text.find(name, 0, TITLE_REACH + len(name))
        if start >= 0:
            return start, start + len(name)
    return None
