"""Places from the lexicon and the gazetteer: found in the text, resolved in the article's context,
given coordinates and a governorate; a name neither knows is kept and flagged."""
from __future__ import annotations

import pytest

from lib.corpus import Article
from lib.extract.articles import analyse
from lib.extract.entities import GAZETTEER_KEY
from lib.extract.mentions.index import DocIndex


@pytest.fixture(scope="module")
def nlp():
    from lib.extract.spacy_pipeline import load_pipeline
    return load_pipeline()


def places(nlp, text):
    doc = nlp(text)
    index = DocIndex.build(doc)
    return {e.text: index.places.get((e.start, e.end)) for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")}


def mentions_of(nlp, text, dct="2024-12-06"):
    article = Article("a1", "", "Wire", "", dct, "metadata", text)
    return [m for _, _, found in analyse([article], nlp) for m in found]


@pytest.mark.parametrize("text, name, expected", [
    # the gazetteer's places the lexicon lacks, with their governorate as the lexicon names it
    ("Clashes erupted in Khan Sheikhun on Friday.", "Khan Sheikhun", ("Khan Shaykhun", "Idlib Governorate")),
    ("Government forces took Daraya near Damascus.", "Daraya", ("Darayya", "Rif Dimashq Governorate")),
    ("Mortars fell on Jobar overnight.", "Jobar", ("Jobar", "Damascus Governorate")),
    # a spelling the lexicon lacks, folded to the lexicon's own place
    ("Rebels shelled the outskirts of Deir Ezour.", "Deir Ezour", ("Deir ez-Zor", "Deir ez-Zor Governorate")),
    # the lexicon's name stays the lexicon's
    ("Rebels entered Hama.", "Hama", ("Hama", "Hama Governorate")),
])
def test_a_place_gets_its_canonical_name_and_governorate(nlp, text, name, expected):
    place = places(nlp, text)[name]
    assert place is not None and (place.name, place.admin1) == expected
    assert -90 <= place.latitude <= 90 and -180 <= place.longitude <= 180


@pytest.mark.parametrize("text, governorate", [
    ("Rebels shelled Suran, north of Hama, near Morek and Taybat al-Imam.", "Hama Governorate"),
    ("Rebels shelled Suran near Azaz and al-Bab, north of Aleppo.", "Aleppo Governorate"),
    ("Shelling hit Khalidiya and Bab Amr in Homs.", "Homs Governorate"),
])
def test_a_name_of_several_places_is_the_one_near_the_articles_other_places(nlp, text, governorate):
    name = text.split()[2].rstrip(",") if text.startswith("Rebels") else "Khalidiya"
    assert places(nlp, text)[name].admin1 == governorate


def test_common_words_and_people_are_no_places(nlp):
    found = places(nlp, "Seven Assad loyalists said the Mosque was closed, Omar told reporters.")
    assert all(p is None or p.kind == "country" for p in found.values())
    assert "Assad" not in found and "Omar" not in found


def test_a_mention_at_a_gazetteer_place_has_coordinates_and_governorate(nlp):
    (mention,) = mentions_of(nlp, "Rebels captured Khan Sheikhun on Thursday.")
    assert (mention.place, mention.place_known, mention.admin1) == ("Khan Shaykhun", True, "Idlib Governorate")
    assert round(mention.latitude, 1) == 35.4 and round(mention.longitude, 1) == 36.7


def test_a_place_neither_knows_is_kept_and_flagged(nlp):
    found = mentions_of(nlp, "Rebels captured Zorbastan on Thursday.")
    assert [(m.place, m.place_known, m.latitude) for m in found] == [("Zorbastan", False, None)]


def test_the_gazetteer_can_be_turned_off(nlp):
    component = nlp.get_pipe("lexicon_ruler")
    component.use_gazetteer = False
    try:
        doc = nlp("Clashes erupted in Khan Sheikhun on Friday.")
        assert GAZETTEER_KEY not in doc.user_data
    finally:
        component.use_gazetteer = True
