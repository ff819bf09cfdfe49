"""On whose word, and how: attribution ("the Observatory said") and polarity (asserted, denied,
hedged, planned), and denials in the next sentence.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from lib.corpus import Article
from lib.model import Mention, Polarity
from lib.extract import lexicon
from lib.extract.mentions.index import DocIndex, TriggerMatch, actor_for, ents_in, span_text, tokens_with
from lib.extract.mentions.parse import clause_spine, path_up, short_text
from lib.extract.mentions.words import DENIAL_LEMMAS, HEDGE_WORDS, NON_IMPLICATIVE, PLANNING, REPORTING_LEMMAS, WORDS

# what the loops below look for, lower-cased: a Token only for a word that may be one
_ATTRIBUTING = frozenset({"accord", *(w.lower() for w in REPORTING_LEMMAS)})
_DENYING = frozenset(w.lower() for w in DENIAL_LEMMAS)


def attribution_of(sentence: Span, trigger: TriggerMatch) -> str:
    for token in tokens_with(sentence, lemmas=_ATTRIBUTING):
        if token.lemma_ == "accord" and token.nbor(1).lower_ == "to" if token.i + 1 < len(token.doc) else False:
            objects = [t for t in token.nbor(1).children if t.dep_ == "pobj"]
            if objects:
                return short_text(objects[0])
        if token.lemma_ in REPORTING_LEMMAS and token.pos_ == "VERB" and token != trigger.head:
            if path_up(trigger.head, token) is not None or token.dep_ in ("parataxis", "ccomp") or token.head == token:
                subjects = [_teller(t) for t in _subjects_nearest_first(token)]
                if subjects and subjects[0].lower_ not in ("it", "he", "she", "they", "we", "i"):
                    return _named(subjects[0]) or short_text(subjects[0])
    return ""


def _speaker(sentence: Span, trigger: TriggerMatch) -> Token | None:
    """The subject of the verb of saying that reports the trigger's clause, as `attribution_of` finds it."""
    for token in tokens_with(sentence, lemmas=_ATTRIBUTING):
        if token.lemma_ in REPORTING_LEMMAS and token.pos_ == "VERB" and token != trigger.head \
                and (path_up(trigger.head, token) is not None or token.dep_ in ("parataxis", "ccomp")
                     or token.head == token):
            return next((_teller(t) for t in token.children if t.dep_ in ("nsubj", "nsubjpass")), None)
    return None


def _subjects_nearest_first(verb: Token) -> list[Token]:
    """The subjects of a verb of saying, those before it nearest first, then those after it ("Twin
    bombings killed 57 ..., state media said": "media" before "bombings")."""
    subjects = [t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")]
    return sorted((t for t in subjects if t.i < verb.i), key=lambda t: -t.i) + [t for t in subjects if t.i > verb.i]


def _named(subject: Token) -> str:
    """The whole name a subject token lies in when its own words lie within it too ("Jaish al-Islam
    said", parsed as three subjects "al", "-", "Islam"): the name, not the piece; "" otherwise."""
    ent = next((e for e in subject.doc.ents if e.start <= subject.i < e.end), None)
    words = list(subject.subtree)
    return ent.text if ent is not None and ent.start <= words[0].i and words[-1].i < ent.end else ""


def _teller(subject: Token) -> Token:
    """Who a verb of saying at the end of a sentence reports on: "..., killing at least three people,
    the Syrian Observatory for Human Rights reported" is parsed with the counted dead as its subject
    and the Observatory as their apposition; the apposition tells. A subject with no number keeps
    its own apposition out ("Rami Abdel Rahman, the Observatory's head, said": Rami Abdel Rahman)."""
    if not any(c.dep_ == "nummod" for c in subject.children):
        return subject
    return next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), subject)


SPEAKING_FORCES = ("state", "state_forces")


def _foreign(actor: lexicon.Actor, folder: str) -> bool:
    """Is the actor a foreign state's, whose side holds no territory of its own (sides.tsv: a foreign
    state, or an ally of a side of this war: Russia's or Turkey's forces), not the country's own?"""
    side = lexicon.sides(folder).get(actor.side)
    return actor.side == "foreign_state" or (side is not None and not side.controller and bool(side.ally_of))


def speaker_forces(sentence: Span, trigger: TriggerMatch) -> lexicon.Actor | None:
    """The armed forces of a state whose spokesman, ministry or army reports the act ("Turkish army
    spokesman X said that troops shelled ...": Turkey's forces; "the Russian Defence Ministry said
    aircraft struck ...": Russia's), or None. A monitor, an outlet, a person of no state, or the
    country the articles are about (whose army is what an unnamed "troops" means anyway) give none."""
    subject = _speaker(sentence, trigger)
    if subject is None:
        return None
    words = {t.i for t in subject.subtree}
    folder = DocIndex.of(sentence.doc).folder
    actors = lexicon.actors(folder)
    for ent in ents_in(sentence):
        if ent.start in words:
            actor = actor_for(ent)
            if actor is None or actor.kind not in SPEAKING_FORCES or not _foreign(actor, folder):
                continue
            forces = actors.get(actor.forces) if actor.forces else actor
            if forces is not None and forces.kind == "state_forces":
                return forces
    return None


def cited(word: Token) -> bool:
    """Is the word what "according to" cites ("According to the SDF, the attack killed 20"): a source,
    no party to what it reports?"""
    return word.dep_ == "pobj" and word.head.lower_ == "to" and word.head.head.lemma_ == "accord"


PERCEPTION_VERBS = WORDS["perception_verbs"]


def polarity_of(sentence: Span, trigger: TriggerMatch) -> str:
    head = trigger.head
    if any(child.dep_ == "neg" for child in head.children) or negated_object(head):
        return Polarity.DENIED
    ancestors = clause_spine(head)
    if denied_clause(ancestors):
        return Polarity.DENIED
    for token in ancestors:
        if token.lemma_.lower() in PERCEPTION_VERBS and token.pos_ == "VERB":
            continue  # "intense air strikes and artillery fire could be heard": witnessed, no hedge
        if any(child.lower_ in HEDGE_WORDS and child.dep_ in ("aux", "mark") for child in token.children):
            return Polarity.HEDGED
    for token in ancestors:
        if token.dep_ in ("xcomp", "advcl", "acl", "ccomp") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            if token.head.lemma_.lower() in PLANNING:
                return Polarity.PLANNED
            if token.head.lemma_.lower() in NON_IMPLICATIVE or token.dep_ in ("advcl", "acl"):
                return Polarity.HEDGED
        if any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall") for c in token.children):
            return Polarity.PLANNED
    return Polarity.ASSERTED


def denied_clause(spine: Sequence[Token]) -> bool:
    """Is the act told in a clause a verb of denial governs ("The army denied that rebels had captured
    Homs", "the ministry rejected claims that its jets had bombed the market": words.tsv denials)? What
    the sentence reports only to deny it is denied, as a denial in the next sentence makes it. "The
    army said rebels had captured Homs", "rebels captured Homs, which the army denied" (the denial
    in a clause of its own) and "did not deny that ..." assert it (counter-examples)."""
    for token in spine:
        if token.dep_ == "ccomp" and _denying(token.head):
            return True
    top = spine[-1]
    noun = top.head  # "denied reports that ...": the clause of a noun the denial verb takes as object
    return top.dep_ in ("acl", "ccomp") and noun.pos_ == "NOUN" and noun.dep_ == "dobj" and _denying(noun.head)


def _denying(verb: Token) -> bool:
    """A verb of denial not itself negated ("did not deny that airstrikes had been carried out" affirms)."""
    return verb.lemma_ in DENIAL_LEMMAS and verb.pos_ == "VERB" and not any(c.dep_ == "neg" for c in verb.children)


def negated_object(noun: Token) -> bool:
    """Is the noun the object of a verb said not to have happened ("Russian planes had not carried out
    air strikes on Idlib", "the army did not launch an offensive"): the act it names is denied as well?"""
    return noun.pos_ in ("NOUN", "PROPN") and noun.dep_ == "dobj" and any(c.dep_ == "neg" for c in noun.head.children)


def denials(doc: Doc, article: Article, mentions: Sequence[Mention]) -> Iterable[Mention]:
    """"But the military denied that": a denial of what the sentence before reported."""
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence_start, []).append(mention)
    previous: Span | None = None
    for sentence in doc.sents:
        denier = next((t for t in tokens_with(sentence, lemmas=_DENYING)
                       if t.lemma_ in DENIAL_LEMMAS and t.pos_ == "VERB"), None)
        if denier is not None and previous is not None:
            subjects = [t for t in denier.children if t.dep_ == "nsubj"]
            who = short_text(subjects[0]) if subjects else ""
            for mention in by_sentence.get(previous.start_char, []):
                if mention.polarity == Polarity.ASSERTED:
                    yield _denied(mention, sentence, who)
        previous = sentence


def _denied(mention: Mention, sentence: Span, who: str) -> Mention:
    return replace(mention, mention_id=f"{mention.mention_id}:denied@{sentence.start_char}",
                   sentence_start=sentence.start_char, sentence_end=sentence.end_char,
                   sentence=span_text(sentence).strip(), polarity=Polarity.DENIED, attribution=who)
