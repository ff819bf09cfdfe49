"""Names labelled by rules on the parse instead of the model's ner (CTE_NER_SCOPE=rules,
lib/extract/names.py): an example of every list of data/lexicon/name_cues.tsv."""
from __future__ import annotations

import pytest

from lib.extract.names import CUES_FILE, cues
from lib.extract.spacy_pipeline import load_pipeline


@pytest.fixture(scope="module")
def rules_nlp():
    return load_pipeline(ner_scope="rules")


CASES = [  # (text, cue list shown, an entity it must have (text, label), or a text no entity may have)
    ("Its director Amjad al-Danaf was killed, an activist told AFP.", "person_titles",
     ("Amjad al-Danaf", "PERSON")),
    ("Abu Osama al-Iraqi and Amer al-Rafdan were killed in what is believed to have been US airstrikes.",
     "name_openers", ("Amer al-Rafdan", "PERSON")),
    ("Minister of health Mohammad Jundi said the bombing continues.", "name_openers", ("Mohammad Jundi", "PERSON")),
    ("The coalition jets killed at least 60 civilians in Salsana village.", "place_nouns_after", ("Salsana", "GPE")),
    ("Over 30 militants were killed in Drousha on Monday.", "place_name_preps", ("Drousha", "GPE")),
    ("Moscow yesterday hit out at Johnson for accusing Russia of war crimes.", "place_name_preps", ("Johnson", "ORG")),
    ("Saturdays convoy attack killed 126 people.", "date_words", ("Saturdays", "DATE")),
    ("The explosion in Salem Mosque in Ariha also killed a senior member of the group.", "institution_nouns",
     ("Salem Mosque", "ORG")),
    ("The warplanes targeted the village 50km Northeast of Aleppo.", "direction_words", "Northeast"),
    # a region named by a direction after "the" is a LOC (not put in the article's governorate)
    ("Air strikes killed six people in the Middle East on Tuesday.", "direction_words", ("Middle East", "LOC")),
    # a name the tagger took for an adjective, before a place noun (names._mistagged_before_place_noun)
    ("Two children were injured in an attack with rocket shells on Harfa village in Quneitra Countryside.",
     "place_nouns_after", ("Harfa", "GPE")),
    # counter-example: a people's word before a place noun is no place's name
    ("Government forces shelled a Kurdish town in Latakia on Monday.", "place_nouns_after", "Kurdish"),
    # a part of a month written with a hyphen is a date, no place "in mid-July"
    ("Rebels shelled Daraa in mid-July, killing five people.", "date_words", ("mid-July", "DATE")),
    # a name ending in a noun of a happening is an event's, though "in" governs it
    ("Syrian troops fought in the 1967 Six Day War.", "event_nouns", ("Day War", "EVENT")),
    # a name ending in a military unit's noun is an organisation's, though "in" governs it
    ("Five soldiers were killed in the 17th Division on Monday.", "unit_nouns", ("Division", "ORG")),
    # a unit's name may run across "of" (names._unit_named_with_of) ...
    ("The Lions of Sunna Brigade shelled army positions near Daraa.", "unit_nouns", ("Lions of Sunna Brigade", "ORG")),
    # ... but only a name ending in a unit's noun: "Minister of Defence" is no one name with "of"
    ("The Syrian Minister of Defence Ali Ayoub visited Hama.", "unit_nouns", "Minister of Defence Ali Ayoub"),
    # an acronym of at most four capitals before a place noun is the kind of the place, no place
    ("Air strikes hit an IDP camp near Atmeh on Monday.", "place_nouns_after", ("IDP", "ORG")),
    # a gazetteer name right after a word only a person's name opens with is the person's (entities._after_name_opener)
    ("The towns medical centre was hit, activist Abu Malek al-Jayrudi told AFP.", "name_openers",
     ("Abu Malek al-Jayrudi", "PERSON")),
    # counter-example: a longer word in capitals before a place noun is a place ("DARAYA city" in a headline)
    ("Air strikes hit KAFRNABL city on Monday.", "place_nouns_after", ("KAFRNABL", "GPE")),
]


@pytest.mark.parametrize("text, cue, expected", CASES)
def test_each_cue_labels_its_example(rules_nlp, text, cue, expected):
    found = {(e.text, e.label_) for e in rules_nlp(text).ents}
    if isinstance(expected, tuple):
        assert expected in found
    else:
        assert expected not in {name for name, _ in found}


def test_every_cue_list_has_an_example():
    assert {cue for _, cue, _ in CASES} == set(cues()), CUES_FILE


def test_the_rules_replace_the_ner_last_in_the_pipeline(rules_nlp):
    assert "ner" not in rules_nlp.pipe_names and rules_nlp.pipe_names[-2:] == ["timex", "name_rules"]


def test_a_common_word_written_with_a_capital_is_no_name(rules_nlp):
    doc = rules_nlp("Casualties pile up in the city as the casualties of the war grow.")
    assert not doc.ents


def test_the_lexicon_entities_are_kept(rules_nlp):
    doc = rules_nlp("HTS fighters entered Deir el-Zour on Friday.")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [
        ("HTS", "ORG", "Hayat Tahrir al-Sham"), ("Deir el-Zour", "GPE", "Deir ez-Zor"), ("Friday", "DATE", "")]
