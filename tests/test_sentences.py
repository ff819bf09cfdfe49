"""Sentence boundaries set before the parser: line breaks, and a dateline that follows a headline."""
from __future__ import annotations

import pytest
import spacy

from lib.extract.sentences import after_datelines


@pytest.mark.parametrize("text, starts", [
    # an AFP page that lost its line breaks: headline, outlet, dateline, report
    ("Blast at Syria-Turkey border kills 20 rebels Monitor AFP Thursday 6 Oct 2016 At least 20 Syrian rebels "
     "were killed in a blast.", ["Blast", "Thursday"]),
    # a dateline opening the text has nothing before it to part from
    ("Sun 16 Apr 2017 Death toll from Aleppo bomb attack at least 112.", ["Sun"]),
    # a date inside a sentence is no dateline
    ("Rebels said on 3 March 2015 they had stormed Idlib.", ["Rebels"]),
])
def test_a_dateline_after_a_headline_starts_the_report(text, starts):
    doc = after_datelines(spacy.blank("en")(text))
    assert [t.text for t in doc if t.is_sent_start] == starts
