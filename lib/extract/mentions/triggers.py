"""Finding the words that signal a happening (data/lexicon/triggers.tsv), and whether one reports a
happening at all: not figurative, not a state, a noun anchored by its own date or place.
"""
from __future__ import annotations

from typing import Sequence

from spacy.tokens import Span, Token

from lib.temporal import Timex
from lib.extract.mentions.index import DocIndex, TriggerMatch, place_for
from lib.extract.mentions.parse import governing_prep, quoted
from lib.extract.mentions.places import PlaceChoice
from lib.extract.mentions.words import ABSTRACT_SUBJECTS, DESCRIPTIVE_DEPS, LIGHT_TERRITORY_VERBS, PLACE_PREPS, TERRITORY_OBJECTS

def find_triggers(sentence: Span) -> list[TriggerMatch]:
    """The trigger words of a sentence, longest match first, none inside another."""
    index = DocIndex.of(sentence.doc).triggers
    found: list[TriggerMatch] = []
    used: set[int] = set()
    tokens = list(sentence)
    for position, token in enumerate(tokens):
        if token.i in used:
            continue
        for words, entry in index.get(token.lemma_.lower(), ()):
            window = tokens[position:position + len(words)]
            if len(window) == len(words) and all(t.lemma_.lower() == w for t, w in zip(window, words)):
                pos = "NOUN" if window[0].pos_ == "PROPN" else window[0].pos_
                if not entry.event_type or pos not in entry.pos \
                        or window[0].dep_ in DESCRIPTIVE_DEPS or quoted(sentence, window[0]) \
                        or figurative(window[0]):
                    break
                found.append(TriggerMatch(tuple(window), entry))
                used.update(t.i for t in window)
                break
    return found


def figurative(token: Token) -> bool:
    return any(child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in ABSTRACT_SUBJECTS
               for child in token.children)


def is_stative(trigger: TriggerMatch) -> bool:
    """"where they are deployed": a present passive describes a state, not a happening."""
    return any(c.dep_ == "auxpass" and c.tag_ in ("VBP", "VBZ") for c in trigger.head.children)


def takes_territory(trigger: TriggerMatch) -> bool:
    """A territorial verb with an object: the object is a place or a word for territory."""
    if trigger.entry.lemma not in LIGHT_TERRITORY_VERBS:
        return True
    objects = [c for c in trigger.tokens[-1].children if c.dep_ == "dobj"]
    if not objects:
        return True
    obj = objects[0]
    if obj.lower_ in ("which", "that", "who", "what"):
        return True  # "the Golan Heights, which Israel seized": the antecedent is the place
    return (obj.ent_type_ in ("GPE", "LOC", "FAC") or obj.lemma_.lower() in TERRITORY_OBJECTS
            or any(c.ent_type_ in ("GPE", "LOC", "FAC") for c in obj.subtree))


def noun_is_anchored(trigger: TriggerMatch, timexes: Sequence[Timex], place: "PlaceChoice | None") -> bool:
    """A noun trigger ("the evacuation", "a meeting") reports a happening when its own phrase
    holds a date or a place: "a meeting Saturday in Qatar", "evacuations at bases in Damascus"."""
    head = trigger.head
    subtree = list(head.subtree)
    first, last = subtree[0].idx, subtree[-1].idx + len(subtree[-1])
    if any(first <= t.start < last and t.type in ("DATE", "TIME") for t in timexes):
        return True
    return any(ent.label_ in ("GPE", "LOC", "FAC") and first <= ent.start_char < last
               and place_for(ent) is not None and governing_prep(ent) in PLACE_PREPS
               for ent in head.doc.ents if ent.root != head)
