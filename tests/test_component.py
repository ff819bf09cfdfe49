"""The timex component inside a real spaCy pipeline."""
import pytest
import spacy

from lib.extract.spacy_pipeline import ModelNotFound, load_pipeline
from lib.temporal.component import SPANS_KEY


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def test_pipeline_writes_resolved_timexes_to_doc_spans(nlp):
    doc = nlp.make_doc("Iranians began to leave Syria early Friday, heading toward Lebanon.")
    doc._.dct = "2024-12-06"
    doc = nlp(doc)
    spans = doc.spans[SPANS_KEY]
    assert [(s.text, s.label_, s._.timex.value, s._.timex.mod) for s in spans] == [
        ("early Friday", "DATE", "2024-12-06", "START")]


def test_the_dct_of_each_doc_is_its_own(nlp):
    docs = []
    for text, dct in [("The army said Saturday.", "2024-12-07"), ("The army said Saturday.", "2024-12-10")]:
        doc = nlp.make_doc(text)
        doc._.dct = dct
        docs.append(doc)
    values = [d.spans[SPANS_KEY][0]._.timex.value for d in nlp.pipe(docs)]
    assert values == ["2024-12-07", "2024-12-07"]


def test_without_a_dct_relative_dates_stay_underspecified(nlp):
    doc = nlp("Rebels took Hama on Thursday, Dec. 5, 2024 and Homs on Friday.")
    assert [s._.timex.value for s in doc.spans[SPANS_KEY]] == ["2024-12-05", "XXXX-WXX-5"]


def test_the_model_is_a_setting(monkeypatch):
    monkeypatch.setenv("CTE_SPACY_MODEL", "no_such_model_xyz")
    with pytest.raises(ModelNotFound, match="no_such_model_xyz"):
        load_pipeline()


def test_blank_pipeline_gets_the_component_by_name():
    nlp = spacy.blank("en")
    nlp.add_pipe("timex", config={"dct": "2024-12-06"})
    doc = nlp("last week")
    assert doc.spans[SPANS_KEY][0]._.timex.value == "2024-W48"


@pytest.fixture(scope="module")
def names_nlp():
    return load_pipeline(ner_scope="names")


def test_the_ner_on_names_labels_the_names_the_lexicon_lacks_as_the_whole_doc_ner_does(names_nlp):
    text = ("Fighters loyal to Abu Mohammad al-Jolani entered Homs on Saturday, said Rami Abdel Rahman of "
            "the Syrian Observatory for Human Rights, a monitor based in Britain.")
    names = {(e.text, e.label_) for e in names_nlp(text).ents}
    assert names_nlp.pipe_names[-2:] == ["ner_on_names", "timex"] and "ner" in names_nlp.disabled
    assert {("Abu Mohammad al-Jolani", "PERSON"), ("Rami Abdel Rahman", "PERSON"), ("Britain", "GPE")} <= names
    assert names == {(e.text, e.label_) for e in load_pipeline(ner_scope="doc", timex=False)(text).ents}


def test_the_ner_on_names_keeps_the_lexicon_entities(names_nlp):
    doc = names_nlp("HTS fighters entered Deir el-Zour.")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [
        ("HTS", "ORG", "Hayat Tahrir al-Sham"), ("Deir el-Zour", "GPE", "Deir ez-Zor")]


def test_a_text_without_names_passes_the_ner_on_names(names_nlp):
    assert [t.ent_type_ for t in names_nlp("they left .")] == ["", "", ""]
