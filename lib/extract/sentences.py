"""A line break ends a sentence: headlines, captions and sidebar links are lines of their own.

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

_NEWLINE = re.compile("\n")


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A token after a line break starts a sentence, unless it is white space after a word: found
    from the line breaks of the text (a Token only for those), not by visiting every token."""
    text = doc.text
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
