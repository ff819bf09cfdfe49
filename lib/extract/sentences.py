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

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text_with_ws and not token.is_space:
            token.is_sent_start = True
        elif token.i > 0 and doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text:
            token.is_sent_start = True
    return doc


def is_headline(text: str) -> bool:
    """A line that reports nothing itself: a title, caption, subheading or link (no closing
    punctuation, short).

    >>> is_headline("Rebel militias take Jordanian border region"), is_headline("Rebels took Hama.")
    (True, False)
    """
    stripped = text.strip()
    return bool(stripped) and stripped[-1] not in ".!?\"”’'):" and len(stripped.split()) <= 40
