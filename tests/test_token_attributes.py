"""The memoised attribute ruler and lemmatizer (lib.extract.attributes) give every token the part of
speech, morphology, lemma, tag and dependency label the model's own components give: on the seeds,
and on sentences that exercise its two-word patterns and white space."""
from __future__ import annotations

import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from lib.corpus import Article, read_articles
from lib.extract import attributes
from lib.settings import DATA_DIR, Settings

ATTRS = [POS, MORPH, LEMMA, TAG, DEP, HEAD]
TRICKY = [
    "There were clashes in Hama. There's a siege, and there is no aid.",
    "We're gonna hold it, let's go, y'all ain't seen nothin' yet. I got ta leave.",
    "He said:\n\n  \"It was them.\"\n\nShe'd have done it; I'd go. Did they? They did.\n \n",
    "C'mon, 'em lot can't and won't and shan't. Being bombed, it had been hit.",
]


@pytest.fixture(scope="module")
def pipelines():
    import spacy

    name = Settings.from_env().spacy_model
    shipped = spacy.load(name, exclude=["ner"])
    ours = spacy.load(name, exclude=["ner"])
    assert attributes.install(ours)
    return shipped, ours


def test_it_takes_the_place_of_the_two_components(pipelines):
    shipped, ours = pipelines
    assert "attribute_ruler" in shipped.pipe_names and "lemmatizer" in shipped.pipe_names
    assert attributes.NAME in ours.pipe_names
    assert "attribute_ruler" not in ours.pipe_names and "lemmatizer" not in ours.pipe_names


def test_the_same_attributes_as_the_model_gives(pipelines):
    shipped, ours = pipelines
    texts = TRICKY + [a.text for a in read_articles([DATA_DIR / "corpus"]) if isinstance(a, Article)]
    for _ in range(2):  # the second time from what the first left in the caches
        for text, mine in zip(texts, ours.pipe(texts)):
            theirs = shipped(text)
            assert mine.to_array(ATTRS).tolist() == theirs.to_array(ATTRS).tolist(), text[:60]
            assert [str(t.morph) for t in mine] == [str(t.morph) for t in theirs]


def test_a_ruler_it_cannot_read_keeps_the_model_components():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([[{"LOWER": "a", "OP": "?"}, {"LOWER": "b"}]], {"LEMMA": "x"})
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not attributes.install(nlp)
    assert nlp.pipe_names == ["attribute_ruler", "lemmatizer"]
