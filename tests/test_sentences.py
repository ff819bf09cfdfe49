"""Sentence boundaries set before the parser: line breaks, and a dateline that follows a headline."""
from __future__ import annotations

import pytest
import spacy

from lib.corpus import Article
from lib.extract.articles import analyse
from lib.extract.sentences import after_datelines, run_in_heads, title_span


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


@pytest.mark.parametrize("text, title, span", [
    ("Sun 16 Apr 2017 Death toll from Aleppo bomb attack at least 112. The death toll reached 112.",
     "Death toll from Aleppo bomb attack at least 112", (16, 63)),
    ("Syria regime air strikes kill 15 near Damascus BEIRUT At least 15 people were killed.",
     "Syria regime air strikes kill 15 near Damascus | Jordan Times", (0, 46)),  # the outlet's name not in the text
    ("Rebels took Hama on Thursday.", "Rebels take Hama in a day", None),
])
def test_the_title_repeated_at_the_top_of_the_text(text, title, span):
    assert title_span(text, title) == span


TOLD_AGAIN = ("18 October 2016 Four killed including two women in terrorist attacks in Aleppo and Quneitra. A woman was "
              "killed by rocket shells fired by terrorists on al-Hamadaniyeh neighborhood in Aleppo on Tuesday.")
TOLD_ONCE = ("Sat 24 Aug 2013 Damascus explosion due to rocket bomb . The blast heard Saturday evening in the area "
             "of Burj Rouss in the capital was due to a rocket bomb.")


@pytest.mark.parametrize("text, title, headline_kept", [
    (TOLD_AGAIN, "Four killed including two women in terrorist attacks in Aleppo and Quneitra", False),
    (TOLD_AGAIN, "", True),  # no title known: the first sentence is the report's
    (TOLD_ONCE, "Damascus explosion due to rocket bomb", True),  # the body tells no happening of its kind
])
def test_a_headline_is_kept_only_when_the_body_does_not_tell_its_kind(text, title, headline_kept, shared_nlp):
    article = Article("a", title, "SANA", "", "2016-10-18", "metadata", text)
    ((_, _, mentions),) = list(analyse([article], shared_nlp))
    headline_end = text.index(". ") if "bomb ." not in text else text.index(" .")
    assert any(m.trigger_start < headline_end for m in mentions) == headline_kept


@pytest.mark.parametrize("text, sub_event, place", [
    # a report's sentence in lower case the parser cut short before its last words is no headline
    (("Date of publication 4 October 2017 A Russian airstrike killed at least 38 civilians on Wednesday as they "
      "attempted to cross the Euphrates River to escape fighting in eastern Syrias Deir az-Zour region."),
     "Air/drone strike", None),
    # a name cut at its hyphen by a space goes on the sentence: the place is read with its act
    ("Russian jets carried out 150 strikes on Wednesday on ISIS positions near al- Mayadin city in Deir Ezzor.",
     "Air/drone strike", "Mayadin"),
])
def test_a_sentence_cut_short_is_read_as_a_sentence(text, sub_event, place, shared_nlp):
    article = Article("a", "", "AFP", "", "2017-10-05", "metadata", text)
    ((_, _, mentions),) = list(analyse([article], shared_nlp))
    assert any(m.sub_event_type == sub_event and (place is None or m.place == place) for m in mentions), \
        [(m.sub_event_type, m.place) for m in mentions]


def test_a_short_line_without_its_full_stop_stays_a_headline(shared_nlp):
    text = "Russian airstrike kills 38 civilians in Deir az-Zour"
    ((_, _, mentions),) = list(analyse([Article("a", "", "AFP", "", "2017-10-05", "metadata", text)], shared_nlp))
    assert mentions == []


@pytest.mark.parametrize("text, starts", [
    # a SANA bulletin's section head run into its first sentence
    ("Seven were injured. Hasaka In a relevant context ISIS terrorists detonated two car bombs.",
     ["Seven", "In"]),
    ("Shells fell. Damascus Countryside Earlier on the day four people were injured.", ["Shells", "Earlier"]),
    # a place's name before a capitalised noun, an opener before a name, an opener within a sentence
    ("Aleppo Governor Hussein Diab said rebels shelled the city.", ["Aleppo"]),
    ("Aleppo On Monday rebels shelled the city.", ["Aleppo"]),
    ("Rebels shelled the Deir Ezzor Military Airport In the morning.", ["Rebels"]),
])
def test_a_section_head_run_into_a_sentence_is_a_line_of_its_own(text, starts):
    doc = spacy.blank("en")(text)
    assert [t.text for t in run_in_heads(doc, doc.text) if t.is_sent_start] == starts
