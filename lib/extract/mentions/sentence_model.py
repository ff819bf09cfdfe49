"""A learned reading of whole sentences: does this sentence report a current happening, and of what
ACLED event type? A softmax regression over simple, general features of the sentence (its lemmas,
the kinds of its entities, the event types its trigger words would give, a number next to a word
of death, a past year or "since", the tense of its main verb, its place in the article), trained
on the hand-written gold of fakes-dev's dev articles by `python -m lib.bench.sentence_model_train`
and shipped as data (`data/models/event_sentences.tsv`: one weight a row, its provenance in its
header). Nothing is trained at run time.

Used after the rules (`revise`): a sentence the rules found nothing in, scored as a current
happening of one event type above RESCUE, gives a mention through the rules' own machinery
(actors, place, date, toll, background) with a generic trigger of that type on its main verb.

>>> model = SentenceModel({"bias": {"none": 1.0}, "lex:Battles": {"Battles": 3.0}}, ("none", "Battles"), {})
>>> round(model.probabilities(["bias", "lex:Battles"])["Battles"], 3)
0.881
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from spacy.tokens import Doc, Span

from lib.model import ControlEffect
from lib.settings import DATA_DIR, Settings
from lib.extract import lexicon
from lib.extract.mentions.index import DocIndex, TriggerMatch
from lib.extract.mentions.places import last_city_in
from lib.extract.sentences import is_headline
from lib.extract.mentions.triggers import find_triggers
from lib.extract.mentions.words import DEATH_WORDS, HARM_WORDS

MODEL_PATH = DATA_DIR / "models" / "event_sentences.tsv"
NONE = "none"          # the class of a sentence that reports no current happening
RESCUE = 0.7           # the least probability of a current happening (1 - P(none)) that makes a mention where
                       # the rules made none (grouped 5-fold cross-validation on dev: see Benchmarks in README)
YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass(frozen=True)
class SentenceModel:
    weights: Mapping[str, Mapping[str, float]]   # feature -> class -> weight
    classes: tuple[str, ...]
    sub_events: Mapping[str, str]                # event type -> the sub-event type a rescued mention gets

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        scores = dict.fromkeys(self.classes, 0.0)
        for feature in set(features):
            for label, weight in self.weights.get(feature, {}).items():
                scores[label] += weight
        top = max(scores.values())
        exp = {label: math.exp(score - top) for label, score in scores.items()}
        total = sum(exp.values())
        return {label: value / total for label, value in exp.items()}

    @classmethod
    def read(cls, path: str | Path) -> "SentenceModel":
        """The model file: comment lines ("#"), `class` rows (class, its rescue sub-event type) and
        weight rows (feature, class, weight), TAB-separated."""
        weights: dict[str, dict[str, float]] = {}
        classes: list[str] = []
        sub_events: dict[str, str] = {}
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if cells[0] == "class":
                classes.append(cells[1])
                if len(cells) > 2 and cells[2]:
                    sub_events[cells[1]] = cells[2]
            elif cells[0] == "weight":
                weights.setdefault(cells[1], {})[cells[2]] = float(cells[3])
        return cls(weights, tuple(classes), sub_events)


def model_path() -> Path | None:
    """The model the extractor uses: CTE_SENTENCE_MODEL, a path, `on` (the shipped model) or `off`
    (the default)."""
    value = Settings.from_env().sentence_model
    if value.lower() == "off":
        return None
    return MODEL_PATH if value.lower() == "on" else Path(value)


@lru_cache(maxsize=4)
def _load(path: str, mtime: int) -> SentenceModel:
    return SentenceModel.read(path)


def loaded() -> SentenceModel | None:
    path = model_path()
    if path is None or not path.exists():
        return None
    return _load(str(path), path.stat().st_mtime_ns)


def features(sentence: Span, dct: str | None, number: int) -> list[str]:
    """The features of a sentence (the `number`th of its article; `dct` its publication day)."""
    index = DocIndex.of(sentence.doc)
    lemmas = index.lemmas
    found = {"bias", f"position:{min(number, 3)}"}
    year = int(dct[:4]) if dct else None
    for token in sentence:
        lemma = lemmas[token.i]
        if token.ent_type_:
            found.add("ent:" + token.ent_type_)
        elif token.is_alpha and not token.is_stop and len(token) > 2:
            found.add("w:" + lemma)
        if YEAR.match(token.text) and year is not None:
            found.add("year:past" if int(token.text) < year else "year:this")
        if token.like_num and not YEAR.match(token.text):
            near = sentence.doc[max(sentence.start, token.i - 1):min(sentence.end, token.i + 4)]
            if any(lemmas[t.i] in DEATH_WORDS or lemmas[t.i] in HARM_WORDS for t in near):
                found.add("toll")
        for words, entry in index.triggers.get(lemma, ()):
            if entry.event_type and tuple(lemmas[token.i:token.i + len(words)]) == words:
                found.add("lex:" + entry.event_type)
    for trigger in find_triggers(sentence):
        found.add("trigger:" + trigger.entry.event_type)
    root = sentence.root
    found.add("root:" + root.tag_)
    for child in root.children:
        if child.dep_ in ("aux", "auxpass") and child.lemma_ in ("have", "will", "would", "could", "may", "might"):
            found.add("aux:" + child.lemma_)
    if any(t.lower_ == "since" for t in sentence):
        found.add("since")
    if '"' in sentence.text or "“" in sentence.text:
        found.add("quote")
    return sorted(found)


def revise(doc: Doc, article, timexes: Sequence, dct: str | None, mentions: list,
           model: SentenceModel | None) -> list:
    """The rules' mentions, and the mentions of each sentence without one that the model reads as a
    current happening (1 - P(none) >= RESCUE): of its trigger words, with the rules' checks that
    ask for a place tied by the parse or a clause telling a noun happened waived (the model has
    said it did), else of its main verb as a generic trigger of the most likely event type."""
    if model is None:  # `model`: loaded(), None when switched off
        return mentions
    from lib.extract.mentions.assemble import mention_at
    # a state ("the divided city of Deir Ezzor", control "held") tells no happening, as consolidation
    # reads it; a happening whose place carries a description ("struck the IS stronghold of Raqqa") does
    told = {m.sentence_start for m in mentions if m.control != ControlEffect.HELD}
    added = []
    last_city = None
    for number, sentence in enumerate(doc.sents):
        if sentence.start_char in told or len(sentence) < 4 or is_headline(sentence.text):
            last_city = last_city_in(sentence) or last_city
            continue
        chances = model.probabilities(features(sentence, dct, number))
        kind = max((c for c in model.classes if c != NONE), key=chances.__getitem__)
        if 1.0 - chances.get(NONE, 0.0) >= RESCUE:
            triggers = find_triggers(sentence) or [TriggerMatch((sentence.root,), lexicon.Trigger(
                lemma=sentence.root.lemma_, event_type=kind, sub_event_type=model.sub_events.get(kind, "Other"),
                control="", pos=(sentence.root.pos_,), kind=kind.lower()))]
            for trigger in triggers:
                mention = mention_at(doc, article, sentence, trigger, timexes, dct, last_city)
                if mention is not None:
                    added.append(replace(mention, mention_id=mention.mention_id + ":model"))
        last_city = last_city_in(sentence) or last_city
    return mentions + added
