"""Choosing the actors of a mention: subject (or by-agent) as actor1, object as actor2.
"""
from __future__ import annotations


from spacy.tokens import Span, Token

from lib.extract import lexicon
from lib.extract.mentions.index import TriggerMatch, actor_for, ents_in
from lib.extract.mentions.parse import conjoined_with, path_up, token_distance
from lib.extract.mentions.words import MEN, PRONOUNS

def choose_actors(sentence: Span, trigger: TriggerMatch) -> tuple[lexicon.Actor | None, lexicon.Actor | None]:
    subject, obj, others = None, None, []
    for ent in ents_in(sentence):
        actor = actor_for(ent)
        if actor is None or actor.kind in ("outlet", "monitor"):
            continue
        root = ent.root
        # walk up compounds and appositions to the word that takes the grammatical role
        while root.dep_ in ("compound", "amod", "appos", "conj") and root.head != root:
            root = root.head
        if root.dep_ in ("nsubj", "nsubjpass") and (
                root.head == trigger.head
                or (root.head == trigger.head.head and trigger.head.dep_ in ("xcomp", "conj")
                    and not actor_between(sentence, root, trigger.head))):
            subject = subject or actor
        elif root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.head == trigger.head:
            subject = subject or actor
        elif (root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head == trigger.head
              and trigger.head.lemma_ == "fall"):
            subject = actor  # "Hama fell to the rebels": the rebels took it
        elif root.dep_ in ("dobj", "pobj") and path_up(root, trigger.head) is not None:
            obj = obj or actor
        else:
            others.append((token_distance(ent, trigger), ent.start < trigger.head.i, actor))
    if subject is None:
        subject = subject_by_grammar(sentence, trigger)
    if subject is None and not explicit_subject(trigger):
        before = [item for item in others if item[1]]
        if before:
            subject = min(before, key=lambda item: item[0])[2]
    # actor2 only from the parse: an actor merely named in the sentence ("fled to Iraq") is no party
    if obj == subject:
        obj = None
    return subject, obj


def explicit_subject(trigger: TriggerMatch) -> Token | None:
    return next((c for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def subject_by_grammar(sentence: Span, trigger: TriggerMatch) -> lexicon.Actor | None:
    """"The SDF said it had deployed": a pronoun subject is the subject of the verb that reports it."""
    subject = explicit_subject(trigger)
    if subject is None or (subject.lower_ not in PRONOUNS and subject.lemma_.lower() not in MEN):
        return None
    for verb in trigger.head.ancestors:
        speaker = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if speaker is None:
            continue
        for ent in ents_in(sentence):
            if ent.start <= speaker.i < ent.end or ent.root.head == speaker or ent.root == speaker:
                actor = actor_for(ent)
                if actor is not None:
                    return actor
        return None
    return None


def actor_between(sentence: Span, left: Token, right: Token) -> bool:
    """Is another actor named between the subject and the trigger (not one conjoined with it)?"""
    low, high = sorted((left.i, right.i))
    return any(low < ent.root.i < high and actor_for(ent) is not None and not conjoined_with(ent.root, left)
               for ent in ents_in(sentence))
