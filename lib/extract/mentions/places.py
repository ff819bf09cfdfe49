"""Choosing the place of a mention: the lexicon place the parse binds to the trigger.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from lib.model import ControlEffect
from lib.extract import lexicon
from lib.extract.mentions.index import TriggerMatch, actor_for, ents_in, place_for
from lib.extract.mentions.parse import apposed, crosses_clause, governing_prep, path_up, preps_on, token_distance
from lib.extract.mentions.words import AWAY_PREPS, CITY_REFERENCES, PLACE_PREPS, SPECIFIC_PLACE_KINDS, TOPIC_NOUNS

@dataclass(frozen=True)
class PlaceChoice:
    name: str
    known: bool
    place: lexicon.Place | None
    bound: bool = True  # tied to the trigger by the parse, not only near it


def choose_place(sentence: Span, trigger: TriggerMatch, last_city: PlaceChoice | None) -> PlaceChoice | None:
    candidates = []
    for ent in ents_in(sentence):
        if ent.label_ not in ("GPE", "LOC", "FAC") and not object_taken(ent, trigger):
            continue
        place = place_for(ent)
        actor = actor_for(ent)
        prep = governing_prep(ent)
        path = path_up(ent.root, trigger.head)
        away = AWAY_PREPS - ({"to", "toward", "towards"} if trigger.entry.goal_is_place else set())
        if actor is not None and (place is None or (prep not in PLACE_PREPS and prep not in AWAY_PREPS)):
            continue  # a state named as an actor ("Iran began evacuating"), not as a place
        if prep in away or (path is not None and preps_on(path) & away):
            continue
        if prep == "from" and trigger.entry.control == ControlEffect.GAIN and place is not None \
                and place.kind == "country":
            continue  # "seized the Golan Heights from Syria": Syria is who lost it, not where
        score = token_distance(ent, trigger)
        if path is not None and any(t.lemma_.lower() in TOPIC_NOUNS for t in path[1:-1]):
            continue  # "to discuss developments in Syria": what it is about, not where
        antecedent = trigger.head.head if trigger.head.dep_ == "relcl" else None
        bound = ((path is not None and len(path) <= 10 and not crosses_clause(path))
                 or (antecedent is not None and ent.root in (antecedent, apposed(antecedent)))
                 or (ent.root.dep_ in ("nsubj", "nsubjpass") and ent.root.head == trigger.head))
        if bound:
            score -= 100
        if ent.root.dep_ == "poss":
            score += 30
        if prep in PLACE_PREPS:
            score -= 20
        if place is not None and place.kind in SPECIFIC_PLACE_KINDS:
            score -= 10
        if place is not None and place.kind == "country":
            score += 15
        candidates.append((score, bound, ent, place))
    if candidates:
        _, bound, ent, place = min(candidates, key=lambda c: c[0])
        return PlaceChoice(place.name if place else ent.text, place is not None, place, bound)
    if last_city is not None and CITY_REFERENCES.search(sentence.text):
        return last_city
    return None


def object_taken(ent: Span, trigger: TriggerMatch) -> bool:
    """"Rebels captured Kafr Nabudah": the proper-noun object of a capture or a withdrawal is a
    place, whatever the statistical model labelled it, unless the lexicon knows it as an actor."""
    root = ent.root
    return (bool(trigger.entry.control) and root.pos_ == "PROPN" and actor_for(ent) is None
            and (root.dep_ == "dobj" and root.head == trigger.tokens[-1]
                 or root.dep_ == "pobj" and root.head.lower_ in ("from", "of", "into")
                 and root.head.head in trigger.tokens))


def last_city_in(sentence: Span) -> PlaceChoice | None:
    last = None
    for ent in ents_in(sentence):
        place = place_for(ent)
        if place is not None and place.kind in SPECIFIC_PLACE_KINDS:
            last = PlaceChoice(place.name, True, place)
    return last
