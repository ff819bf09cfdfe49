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
