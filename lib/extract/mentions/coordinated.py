"""One sentence, several acts: the mentions a sentence's coordination adds to the one its trigger
gives (assemble.py calls `coordinated_acts` for each mention it keeps).

An ACLED event is one act, at one place, on one day. Two instruments of other kinds joined by "and"
("killed in government air strikes and artillery fire on rebel-held neighbourhoods") are two acts,
an air strike and a shelling: the second is added, without the toll, which the sentence tells for
the first (or for both at once, no toll of its own).
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from lib.model import Mention
from lib.extract.mentions.actors import VIOLENT_TYPES
from lib.extract.mentions.index import TriggerMatch
from lib.extract.mentions.triggers import instruments_in
from lib.extract.mentions.words import WORDS

NOUN_MODIFIERS = ("compound", "amod", "nmod")  # "artillery" of "artillery fire", "air" of "air strikes"
REMOTE = "Explosions/Remote violence"
SPLIT_RANK = 5  # instruments.tsv: a weapon named by its kind ("air strikes", "artillery", "barrage"), not "a bomb"
MEANS_PREPS = WORDS["means_preps"]
SPLIT_MARK = ":and"  # in the id of a mention `coordinated_acts` adds


def coordinated_acts(mention: Mention, sentence: Span, trigger: TriggerMatch | None) -> list[Mention]:
    """The acts besides `mention` that its sentence tells by coordination (see the module's doc)."""
    if trigger is None or mention.event_type not in VIOLENT_TYPES or mention.control or mention.background:
        return []
    return other_instruments(mention, sentence, trigger)


def _noun_head(token: Token) -> Token:
    """The noun an instrument's word modifies ("fire" of "artillery fire"), or the word itself."""
    while token.dep_ in NOUN_MODIFIERS and token.head.i > token.i and token.head.pos_ in ("NOUN", "PROPN"):
        token = token.head
    return token


def other_instruments(mention: Mention, sentence: Span, trigger: TriggerMatch) -> list[Mention]:
    """"At least 18 people were killed in government air strikes and artillery fire": the mention
    takes its type from one instrument (the air strikes); an instrument of another sub-event type
    coordinated with it ("and artillery fire") is another act, at the same place and time by the
    same doer, with no toll of its own. Only weapons of remote violence that name their kind
    (instruments.tsv rank of SPLIT_RANK or more: not a mere "bombing" or "explosion", which the
    other names), in the trigger's own clause (not "while air strikes killed 82" of another verb);
    not an instrument of the same kind ("rockets and mortars": one shelling), nor the weapons an act
    was done with ("struck rebels north of Hama with artillery, missiles and airstrikes": one strike,
    words.tsv means_preps), only acts named by their weapon ("killed in/by air strikes and artillery fire",
    "as airstrikes and artillery fire hit the area")."""
    head = trigger.head.head if trigger.head.dep_ in ("acl", "relcl") else trigger.head
    named = [(_noun_head(words[-1]), words, entry) for words, entry in instruments_in(sentence)
             if entry.event_type == REMOTE and entry.rank >= SPLIT_RANK]
    named = [(noun, words, entry) for noun, words, entry in named if _in_clause_of(noun, head)]
    own = [noun for noun, _, entry in named if entry.sub_event_type == mention.sub_event_type and not _means(noun)]
    if mention.event_type != REMOTE:
        return []
    found: list[Mention] = []
    kinds = {mention.sub_event_type}
    for noun, words, entry in named:
        if entry.sub_event_type in kinds or not any(_coordinated(noun, mine) for mine in own):
            continue
        kinds.add(entry.sub_event_type)
        found.append(replace(mention, event_type=entry.event_type, sub_event_type=entry.sub_event_type,
                             fatalities=None, fatalities_text="",
                             mention_id=f"{mention.mention_id}{SPLIT_MARK}{words[0].idx}"))
    return found


def _means(noun: Token) -> bool:
    """Is the noun (or the first of its conjuncts) the means of a verb's act, the object of "with"
    ("struck ... with artillery, missiles and airstrikes")?"""
    while noun.dep_ == "conj" and noun.head.i < noun.i:
        noun = noun.head
    return noun.dep_ == "pobj" and noun.head.lemma_.lower() in MEANS_PREPS


def _in_clause_of(token: Token, head: Token) -> bool:
    """Is `token` in the clause `head` heads: below it, with no other verb between them?"""
    while token.i != head.i:
        if token.head.i == token.i:
            return False
        token = token.head
        if token.i != head.i and token.pos_ in ("VERB", "AUX"):
            return False
    return True


def _coordinated(a: Token, b: Token) -> bool:
    """Are two nouns conjuncts of one coordination ("air strikes and artillery fire")?"""
    return a.i != b.i and (b in a.conjuncts or a in b.conjuncts)



def told_apart(a: Mention, b: Mention) -> bool:
    """Two mentions of one sentence that are other acts by coordination: one of them added by
    `coordinated_acts`, of another sub-event type than the other (not to be merged back as one
    happening)."""
    return a.sub_event_type != b.sub_event_type and (SPLIT_MARK in a.mention_id or SPLIT_MARK in b.mention_id)
