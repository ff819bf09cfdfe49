"""The learned sentence model (lib/extract/mentions/sentence_model.py): the shipped file loads, scores
sentences as documented, and (when switched on) adds a mention only where the rules found none and
the model reads a current happening."""
from __future__ import annotations

import pytest

from lib.corpus import Article
from lib.model import ControlEffect
from lib.extract.articles import analyse
from lib.extract.mentions import sentence_model
from lib.bench.sentence_model_train import train

DAY = "2016-10-10"

# sentence, P(current happening) = 1 - P(none) to two decimals, the mention the model adds
# ("sub-event type @ place"), or "none"
EXAMPLES = [
    ("They continue to push toward the town of Tabqa with clashes ongoing on Saturday the observatory said.",
     0.79, "Armed clash @ Tabqa"),
    # counter-examples: below RESCUE
    ("The air raids in Aleppo on Sunday came in the wake of strikes on civilian areas on Friday.", 0.53, "none"),
    ("Talk of a forceful foreign response remains unlikely to be translated into rapid action.", 0.06, "none"),
    ("The Syrian government has offered no public response to U.N. calls for its team to inspect the site.",
     0.01, "none"),
    ("The war has killed more than 300,000 people since 2011.", 0.00, "none"),
]


def _mentions(sentence: str, nlp, setting: str, monkeypatch) -> list:
    monkeypatch.setenv("CTE_SENTENCE_MODEL", setting)
    article = Article("example", "", "Wire", "", DAY, "metadata", sentence)
    ((_, _, mentions),) = list(analyse([article], nlp, workers=1))
    return mentions


def test_the_shipped_model_loads_with_its_classes(monkeypatch):
    monkeypatch.setenv("CTE_SENTENCE_MODEL", "on")
    model = sentence_model.loaded()
    assert model is not None and model.classes[0] == sentence_model.NONE
    assert {"Battles", "Explosions/Remote violence", "Strategic developments"} <= set(model.classes)
    assert model.sub_events["Battles"] == "Armed clash"


def test_off_by_default(monkeypatch):
    monkeypatch.delenv("CTE_SENTENCE_MODEL", raising=False)
    assert sentence_model.loaded() is None


@pytest.mark.parametrize("sentence, chance, expected", EXAMPLES, ids=lambda v: str(v)[:40])
def test_each_example_scores_and_gives_its_mention(sentence, chance, expected, shared_nlp, monkeypatch):
    monkeypatch.setenv("CTE_SENTENCE_MODEL", "on")
    doc = shared_nlp(sentence)
    probabilities = sentence_model.loaded().probabilities(sentence_model.features(next(doc.sents), DAY, 0))
    assert 1 - probabilities[sentence_model.NONE] == pytest.approx(chance, abs=0.011)
    def happenings(setting):  # states ("the divided city of X", control "held") are no happening
        return [m for m in _mentions(sentence, shared_nlp, setting, monkeypatch) if m.control != ControlEffect.HELD]

    assert happenings("off") == []  # the rules alone find no happening
    added = [f"{m.sub_event_type} @ {m.place}" for m in happenings("on")]
    assert added == ([] if expected == "none" else [expected])


@pytest.mark.parametrize("sentence", [
    "Rebels captured Hama on Thursday.",
    # the model's first example, until "IS" was read as the party (lib/extract/acronyms.py): the rules read it now
    "Heavy air strikes hit IS group -held areas in and outside the divided city of Deir Ezzor from early Monday he said.",
    # its next first example, until "battle" was read as a verb of fighting (triggers.tsv): the rules read it now
    "They continue to battle for the town of Tabqa around 40 kilometres west of Raqqa with clashes ongoing "
    "on Saturday the observatory said.",
    # the model's next first example, until the place a battle is "for" was read as where it is fought
    # (lib/extract/mentions/places.py fought_over): the rules read it now
    "They continue to battle for the town of Tabqa with clashes ongoing on Saturday the observatory said.",
])
def test_a_sentence_the_rules_read_gets_nothing_more(sentence, shared_nlp, monkeypatch):
    assert _mentions(sentence, shared_nlp, "on", monkeypatch) == _mentions(sentence, shared_nlp, "off", monkeypatch)


def test_training_is_deterministic_and_learns_the_direction():
    rows = [(f"a{i % 4}", ["bias", "lex:Battles"], "Battles", False) for i in range(8)] + \
           [(f"a{i % 4}", ["bias", "w:talk"], sentence_model.NONE, False) for i in range(8)]
    weights, classes = train(rows)
    assert (weights, classes) == train(rows)
    model = sentence_model.SentenceModel(weights, classes, {})
    assert model.probabilities(["bias", "lex:Battles"])["Battles"] > 0.8
    assert model.probabilities(["bias", "w:talk"])[sentence_model.NONE] > 0.8
