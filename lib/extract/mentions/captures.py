"""Captures told without a verb the trigger lexicon reads: a nominal capture ("the government's
recapture of Aleppo city late last year", "Palmyra's capture by Islamic State", "the fall of Aleppo to
government forces") and a control verb the tagger misreads ("the Syrian Army retook Palmyra": "retook"
tagged a noun and left as its own lemma). Each is a gain Mention of a city or town for the control model
(words.tsv capture_nouns, misread_control_verbs):

- the taker: a nominal's possessive or compound before it ("the regime's recapture", "government
  recapture"), its "by" ("capture by Islamic State") or, for "fall", its "to"; a misread verb's nearest
  actor before it in the sentence;
- the place: a nominal's "of" phrase or possessive ("Palmyra's capture"); a misread verb's object, a
  place named within three words after it;
- the date: the clause's own (a timex the noun governs or that follows its phrase: "recapture of Aleppo
  city late last year"), else the publication; history dated long before publication is `background`,
  which the control model keeps when its own clause gives a year.

An expulsion is a capture too ("the YPG forces which drove Islamic State from Kobane", "Kurdish militia
expelled jihadists in Ras al-Ain", "Ras al-Ain, from which the jihadists were expelled by Kurdish
militia"; words.tsv expulsion_verbs, combatant_nouns): the expeller takes the place it drove an armed
side out of, when that place is the preposition's object or "the town of X" (not "their Idlib
positions", "the suburbs of X").

Left out: no taker named ("the liberation of Idlib", "the fall of Aleppo"); a capture that may or will
happen ("aimed at the recapture of", "could fall"); a word a trigger already reads.
"""
from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc, Span, Token

from lib.corpus import Article
from lib.extract.mentions.attribution import polarity_of
from lib.extract.mentions.dating import governs, is_background_mention, timex_for
from lib.extract.mentions.held import STATED, claim_mention, outside_appositions, subject_of
from lib.extract.mentions.index import DocIndex, TriggerMatch, actor_for, ents_in, place_for, span_text, tokens_with
from lib.extract.mentions.words import NON_IMPLICATIVE, PLANNING, SPECIFIC_PLACE_KINDS, WORDS
from lib.extract.sentences import is_headline
from lib.model import ControlEffect, Mention, Polarity
from lib.temporal import Timex

CAPTURE_NOUNS = WORDS["capture_nouns"]
MISREAD_VERBS = WORDS["misread_control_verbs"]
EXPULSION_VERBS = WORDS["expulsion_verbs"]
ARMED_NOUNS = WORDS["men"] | WORDS["men_nouns"] | WORDS["combatant_nouns"]
RELATIVES = frozenset({"which", "who", "that", "where"})
# nouns whose taker follows "to" ("the fall of Aleppo to government forces", "the loss of Tal Abyad to
# Kurdish fighters"; words.tsv fall_nouns): a possessive before them is the loser, never the taker
FALL_NOUNS = WORDS["fall_nouns"]
_UNSAID = (Polarity.HEDGED, Polarity.PLANNED)
_TAKING_NOUNS = CAPTURE_NOUNS | FALL_NOUNS
# "Hama came under rebel control", "Aleppo fell into the hands of the rebels" (words.tsv passing_verbs)
PASSING_VERBS = WORDS["passing_verbs"]
# "Rebels announced the capture of Hama": the subject is the taker (words.tsv capture_claiming_verbs)
CAPTURE_CLAIMING_VERBS = WORDS["capture_claiming_verbs"]
# "The opposition declared the city of Homs liberated" (words.tsv freedom_declaring_verbs, freed_words)
FREEDOM_DECLARING_VERBS = WORDS["freedom_declaring_verbs"]
FREED_WORDS = WORDS["freed_words"]
TOWN_NOUNS = WORDS["town_nouns"]
# "The SDF handed Deir ez-Zor over to the rebels", "withdrew, handing the city to opposition fighters"
HANDING_VERBS = WORDS["handing_verbs"]
# "The army pulled its troops out of Hama" (words.tsv removal_verbs)
REMOVAL_VERBS = WORDS["removal_verbs"]
REPOSITIONING_VERBS = WORDS["repositioning_verbs"]
_HOLDING_NOUNS = frozenset({"control", "hand"})  # "no longer under government control", "in government hands"
_CAPTURE_WORDS = (_TAKING_NOUNS | EXPULSION_VERBS | PASSING_VERBS | FREEDOM_DECLARING_VERBS | _HOLDING_NOUNS
                  | HANDING_VERBS | REMOVAL_VERBS | REPOSITIONING_VERBS)


def captures(doc: Doc, article: Article, timexes: Sequence[Timex], dct: str,
             found: Sequence[Mention]) -> list[Mention]:
    """A gain mention for each nominal or misread capture of a city or town in the doc's sentences
    (`found`: the trigger mentions, whose words are not read again). Needs the doc's DocIndex."""
    read = {m.trigger_start for m in found}
    index = DocIndex.of(doc)
    mentions: list[Mention] = []
    for sentence in doc.sents:
        if is_headline(span_text(sentence)):
            continue
        ents = ents_in(sentence)
        places = [(e, place_for(e)) for e in ents if place_for(e) is not None
                  and place_for(e).kind in SPECIFIC_PLACE_KINDS]
        if not places:
            continue
        actors = [(e, actor_for(e)) for e in ents if actor_for(e) is not None]
        for token in tokens_with(sentence, MISREAD_VERBS, _CAPTURE_WORDS):  # a word of a capture
            # a redeployment's trigger mention holds where it went; outside a place, it also left it
            again = token.lemma_.lower() in REPOSITIONING_VERBS
            reading = None if token.idx in read and not again else _reading(token, places, actors, index)
            if reading is None:
                continue
            word, side, place, options = reading
            for each in _with_conjuncts(place, places):  # "Aleppo and Hama came under rebel control"
                mention = _mention(sentence, word, side, each, article, timexes, dct, **options)
                if mention:
                    mentions.append(mention)
    return mentions


def _reading(token: Token, places, actors, index: DocIndex):
    """(the word that tells it, the side, the place, `_mention`'s options) of the capture, loss or
    handing over `token` tells, or None."""
    lemma = token.lemma_.lower()
    taker = place = None
    if token.pos_ in ("NOUN", "PROPN") and lemma in _TAKING_NOUNS:
        taker, place = _nominal(token, places, actors, index)
    elif token.lower_ in MISREAD_VERBS and lemma == token.lower_:
        taker, place = _misread(token, places, actors)
    elif token.pos_ == "VERB" and lemma in EXPULSION_VERBS:
        taker, place = _expulsion(token, places, actors)
        loser = None if taker else _expelled_unnamed(token, places, actors)
        if loser:
            return token, loser[0], loser[1], {"control": ControlEffect.LOSS}
    elif token.pos_ in ("VERB", "AUX") and lemma in PASSING_VERBS:
        taker, place = _passing(token, places, index)
    elif token.pos_ == "VERB" and lemma in FREEDOM_DECLARING_VERBS:
        taker, place = _declared_free(token, places, actors, index)
    elif token.pos_ == "VERB" and lemma in HANDING_VERBS:
        giver, place, receiver = _handover(token, places, actors, index)
        return (token, giver, place, {"control": ControlEffect.LOSS, "gainer": receiver}) if giver else None
    elif token.pos_ == "VERB" and lemma in REMOVAL_VERBS:
        loser, place = _pulled_out(token, places, actors, index)
        return (token, loser, place, {"control": ControlEffect.LOSS, "withdrawn": True}) if loser else None
    elif token.pos_ == "VERB" and lemma in REPOSITIONING_VERBS:
        loser, place = _moved_outside(token, places, actors, index)
        return (token, loser, place, {"control": ControlEffect.LOSS, "withdrawn": True}) if loser else None
    elif lemma in _HOLDING_NOUNS and token.dep_ == "pobj":
        verb, loser, place = _no_longer_held(token, places, index)
        return (verb, loser, place, {"control": ControlEffect.LOSS, "stated": True}) if loser else None
    return (token, taker, place, {}) if taker and place else None


def _with_conjuncts(place, places) -> list:
    """The place and the cities or towns coordinated with its name ("Aleppo and Hama came under rebel
    control": both); not a province coordinated with it."""
    ent = place[0]
    joined = {t.i for t in ent.root.conjuncts}
    return [place] + [(e, p) for e, p in places if e.root.i in joined and p.kind in ("city", "town")]


def _in(token: Token, items):
    """The (entity, entry) of `items` whose entity holds `token`."""
    return next(((e, x) for e, x in items if e.start <= token.i < e.end), None)


def _side_word(token: Token, index: DocIndex) -> tuple[str, str] | None:
    """("Syrian government", "government") for a word a side is named by ("government's", "regime")."""
    for side in index.sides.values():
        if side.controller and token.lemma_.lower() in side.held_words:
            return side.label, side.side
    return None


def _nominal(noun: Token, places, actors, index: DocIndex):
    taker = place = None
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            place = next((p for t in child.subtree if (p := _in(t, places))), None)
        elif child.dep_ == "poss" and _in(child, places):
            place = _in(child, places)
        elif child.dep_ == "prep" and child.lower_ == ("to" if noun.lemma_.lower() in FALL_NOUNS else "by"):
            found = next((a for t in child.subtree if (a := _in(t, actors))), None)
            taker = (found[1].name, found[1].side) if found else None
        elif child.dep_ in ("poss", "compound", "amod") and child.i < noun.i and noun.lemma_.lower() not in FALL_NOUNS:
            # "the regime's recapture", "government recapture", "the rebel takeover" (read as an adjective)
            found = _in(child, actors)
            taker = (found[1].name, found[1].side) if found else _side_word(child, index)
    if taker is None and noun.lemma_.lower() in FALL_NOUNS:
        taker = _to_right_after(noun, actors)
    elif taker is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in CAPTURE_CLAIMING_VERBS:
        taker = _claimant(noun.head, actors, index)
    return taker, place


def _claimant(verb: Token, actors, index: DocIndex):
    """"Rebels announced the capture of Hama", "the army completed the liberation of Palmyra": who
    announces or completes a capture (words.tsv capture_claiming_verbs) told with no taker of its own
    took the place: the verb's subject, an actor of a side that holds territory, or a side's word.
    "The Observatory announced the capture of Hama" names a monitor, no taker (counter-example)."""
    subject = [t for t in subject_of(verb).subtree] if subject_of(verb) is not None else []
    found = next((a for t in subject if (a := _in(t, actors))), None)
    if found is not None:
        return (found[1].name, found[1].side) if index.controller_of(found[1].side) else None
    return next((w for t in subject if (w := _side_word(t, index))), None)


def _to_right_after(noun: Token, actors):
    """The taker of "the loss of the border town of Tal Abyad to Kurdish fighters" when the parser
    hangs "to" on the verb before: a "to" phrase right after the noun's own phrase."""
    after = max(t.i for t in noun.subtree) + 1
    if after >= len(noun.doc) or noun.doc[after].lower_ != "to":
        return None
    found = next((a for t in noun.doc[after].subtree if (a := _in(t, actors))), None)
    return (found[1].name, found[1].side) if found else None


def _misread(verb: Token, places, actors):
    place = next(((e, p) for e, p in places if 0 < e.start - verb.i <= 3), None)
    before = [(e, a) for e, a in actors if e.end <= verb.i and verb.i - e.end <= 8]
    taker = (before[-1][1].name, before[-1][1].side) if before else None
    return taker, place


def _expulsion(verb: Token, places, actors):
    """"The YPG forces which drove Islamic State from Kobane": the expeller (subject, or the agent of a
    passive: "from which the jihadists were expelled by Kurdish militia") takes the place it drove an
    armed side (an actor, or fighters, militants...) out of ("from", "out of", "in"). "He drove his car
    from Hama" expels no one (counter-example)."""
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    expelled = [c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
    if not expelled or not (_in(expelled[0], actors) or expelled[0].lemma_.lower() in ARMED_NOUNS):
        return None, None
    if passive:
        by = [t for c in verb.children if c.dep_ == "agent" for t in c.subtree]
    else:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ in RELATIVES and verb.dep_ == "relcl":
            by = [t for t in verb.head.subtree if t.i < subject.i]  # "the YPG forces which drove ..."
        else:
            by = list(subject.subtree) if subject is not None else []
    found = next((a for t in by if (a := _in(t, actors))), None)
    taker = (found[1].name, found[1].side) if found else None
    place = None
    heads = (*verb.children, *expelled[0].children)  # "expelled jihadists in Ras al-Ain": "in" hangs on them
    for prep in (c for c in heads if c.dep_ == "prep" and c.lower_ in ("from", "out", "in")):
        objects = [t for c in prep.children for t in ([c] if c.dep_ == "pobj" else
                                                       [g for g in c.children if g.dep_ == "pobj"])]
        for obj in objects:
            if obj.lower_ in RELATIVES and verb.dep_ == "relcl":  # "the town of Ras al-Ain from which"
                place = next((p for t in reversed(list(verb.head.subtree)) if t.i < verb.i and (p := _in(t, places))), None)
            else:  # the place itself, or "the town of X"; not "their Idlib positions", "the suburbs of X"
                place = next((p for t in _named_by(obj) if (p := _in(t, places))), None)
            if place:
                return taker, place
    return taker, place


def _expelled_unnamed(verb: Token, places, actors):
    """"Government forces were driven out of Aleppo on Friday", "IS was expelled from Manbij": a side
    driven out of a place (the subject of a passive verb of expulsion, words.tsv expulsion_verbs) by no
    one named has lost it, its taker unknown: (the side, the place), or None. "Civilians were driven
    from Aleppo" expels no armed side, and "IS was driven from Manbij by the SDF" names its taker (a
    capture: `_expulsion`) (counter-examples)."""
    if any(c.dep_ == "agent" for c in verb.children):
        return None
    expelled = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    found = expelled is not None and _in(expelled, actors)
    if not found or not DocIndex.of(verb.doc).controller_of(found[1].side):
        return None  # no side that holds ground ("civilians")
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("from", "out")):
        objects = [t for c in prep.children for t in ([c] if c.dep_ == "pobj" else
                                                       [g for g in c.children if g.dep_ == "pobj"])]
        named = [t for obj in objects for t in _named_by(obj)]  # "Aleppo", "the town of Manbij"; not "the outskirts of"
        place = next((p for t in named if (p := _in(t, places))), None)
        if place:
            return (found[1].name, found[1].side), place
    return None


def _declared_free(verb: Token, places, actors, index: DocIndex):
    """"The opposition declared the city of Homs liberated on Sunday", "Syrian rebels declared Damascus
    free of Assad": a side that declares a place liberated or free (words.tsv freedom_declaring_verbs,
    freed_words: the place the subject of the complement) took it, as `_claimant` reads the side. "The
    Observatory declared Hama liberated" names no taker, and "Rebels declared a ceasefire in Hama"
    frees nothing (counter-examples)."""
    freed = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "oprd", "acomp")
                  and c.lower_ in FREED_WORDS), None)
    if freed is None:
        return None, None
    named = [t for c in freed.children if c.dep_ in ("nsubj", "nsubjpass") for t in _named_by(c)] \
        + [t for c in verb.children if c.dep_ == "dobj" for t in _named_by(c)]
    place = next((p for t in named if (p := _in(t, places))), None)
    return (_claimant(verb, actors, index) if place else None), place


def _pulled_out(verb: Token, places, actors, index: DocIndex):
    """"The Syrian army said it had pulled its troops out of Hama", "government forces pulled their
    fighters out of Hama": a side that takes its men (words.tsv men, men_nouns, combatant_nouns) out of a
    place (words.tsv removal_verbs, "out of" or "from") withdrew from it: (the side, the place), else
    Nones. "Rescuers pulled bodies out of the rubble in Hama" takes out no men, and "the army pulled
    its troops back towards Hama" leaves no place (counter-examples)."""
    men = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in ARMED_NOUNS), None)
    subject = subject_of(verb)
    if men is None or subject is None:
        return None, None
    place = None
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("out", "from")):
        objects = [t for c in prep.children for t in ([c] if c.dep_ == "pobj" else
                                                       [g for g in c.children if g.dep_ == "pobj"])]
        place = next((p for t in objects if (p := _in(t, places))), None)
        if place:
            break
    return _leaving(subject, place, actors, index)


def _moved_outside(verb: Token, places, actors, index: DocIndex):
    """"The army said it had redeployed its troops outside Hama", "repositioned its forces outside the
    city of Hama": a side that moves its forces (words.tsv repositioning_verbs) outside a place left
    it: (the side, the place), else Nones. "Government forces redeployed to Homs" or "in Homs" stay
    (counter-example: triggers.tsv redeploy holds it)."""
    subject = subject_of(verb)
    if subject is None:
        return None, None
    objects = [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "outside"
               for o in p.children if o.dep_ == "pobj"]  # its words: "outside the city of Hama" too
    place = next((p for o in objects for t in o.subtree if (p := _in(t, places))), None)
    return _leaving(subject, place, actors, index)


def _leaving(subject: Token, place, actors, index: DocIndex):
    """(the side the subject names, the place) when the subject is an actor of a side that holds
    territory and a place was found, else Nones: who left it, as `_pulled_out` and `_moved_outside` read."""
    side = next((a for t in subject.subtree if (a := _in(t, actors))), None)
    if place is None or side is None or not index.controller_of(side[1].side):
        return None, None
    return (side[1].name, side[1].side), place


def _handover(verb: Token, places, actors, index: DocIndex):
    """"The SDF handed Deir ez-Zor over to the rebels", "handed control of Deir ez-Zor to the rebels",
    "Kurdish forces withdrew from Deir ez-Zor, handing the city to opposition fighters": a side that
    hands a place (its object: the place, "control of" it, or "the city" standing for the place its
    clause's head verb is about) to another side (after "to") lost it to that side: (the giver, the
    place, the receiver), else Nones. The giver is the verb's subject, or its head verb's for a
    participle or a second verb without one. "The army handed aid to civilians in Hama" hands no place,
    and "rebels handed the prisoners to the Red Cross" none to a side that holds ground (counter-examples)."""
    nothing = None, None, None
    to = [t for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ == "to" for t in c.subtree]
    receiver = next((a for t in to if (a := _in(t, actors))), None)
    if receiver is None or not index.controller_of(receiver[1].side):
        return nothing
    thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if thing is None:
        return nothing
    named = [thing] + [g for c in thing.children if c.dep_ == "prep" and c.lower_ == "of"
                       and thing.lemma_.lower() in TOWN_NOUNS | {"control"} for g in c.children if g.dep_ == "pobj"]
    place = next((p for t in named if (p := _in(t, places))), None)
    if place is None and thing.lemma_.lower() in TOWN_NOUNS and verb.dep_ in ("advcl", "conj") \
            and not any(c.dep_ == "prep" for c in thing.children):  # "handing the city": the head's place
        place = next(((e, p) for e, p in places if verb.head.left_edge.i <= e.start and e.end <= verb.i
                      and e.root.head.i != thing.i), None)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ in ("advcl", "conj", "xcomp"):
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    giver = next((a for t in (subject.subtree if subject is not None else ()) if (a := _in(t, actors))), None)
    if place is None or giver is None or not index.controller_of(giver[1].side) \
            or index.controller_of(giver[1].side) == index.controller_of(receiver[1].side):
        return nothing
    return (giver[1].name, giver[1].side), place, (receiver[1].name, receiver[1].side)


def _no_longer_held(noun: Token, places, index: DocIndex):
    """"the city of Sweida was no longer under government control", "Hama is no longer in government
    hands", "Aleppo fell out of government control": a place that is no longer under a side's control
    or in its hands, or falls out of its control, was lost by that side, its taker unknown: (the side,
    the place) with the verb that tells it, else Nones. The place is the verb's subject itself ("Hama", "the city of Hama"):
    "Most of Idlib's countryside fell out of government control" is about the countryside, and "Hama is
    not under government control" says no change (counter-examples)."""
    from lib.extract.mentions.held import CONTROL_NOUNS, STATE_VERBS, _side_of
    prep = noun.head
    if prep.lower_ == "of" and prep.head.lower_ == "out" and noun.lemma_.lower() == "control":
        verb, change = prep.head.head, True  # "fell out of government control"
    elif prep.lower_ in CONTROL_NOUNS and noun.lemma_.lower() in CONTROL_NOUNS[prep.lower_]:
        verb, change = prep.head, False
    else:
        return None, None, None
    lemma = verb.lemma_.lower()
    if not ((change and lemma in PASSING_VERBS) or (not change and lemma in STATE_VERBS
                                                    and any(c.lower_ == "longer" for c in verb.children))):
        return None, None, None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    place = next((p for t in _named_by(subject) if (p := _in(t, places))), None)
    side = _side_of([t for t in noun.subtree if t.i < noun.i]
                    + [t for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree], index)
    if not place or not index.controller_of(side):
        return None, None, None
    return verb, (index.sides[side].label, side), place


def _named_by(noun: Token | None) -> list[Token]:
    """The words that can name the place a noun phrase is: its head, or the name after "the city of"
    ("the fate of Homs" is no place)."""
    if noun is None:
        return []
    return [noun] + [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                     and noun.lemma_.lower() in TOWN_NOUNS for g in c.children if g.dep_ == "pobj"]


def _passing(verb: Token, places, index: DocIndex):
    """"Hama came under rebel control on Thursday", "Aleppo fell into the hands of the rebels",
    "Raqqa fell under the control of IS": a place, the subject of a verb of passing (words.tsv
    passing_verbs), that comes under a side's control or into its hands is taken by that side (the
    side's word before "control" or "hands", or the actor after its "of"). "Hama did not fall into rebel
    hands" (negated), "Aleppo came under rebel fire" (no holding), "Homs fell into chaos" (no side) and
    "the fate of Homs fell into rebel hands" (no place) take nothing (counter-examples)."""
    from lib.extract.mentions.held import CONTROL_NOUNS, _side_of
    if any(c.dep_ == "neg" for c in verb.children):
        return None, None
    control = next((o for p in verb.children if p.dep_ == "prep" and p.lower_ in ("under", "into")
                    for o in p.children if o.dep_ == "pobj"
                    and o.lemma_.lower() in CONTROL_NOUNS["under" if p.lower_ == "under" else "in"]), None)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if control is None or subject is None:
        return None, None
    place = next((p for t in _named_by(subject) if (p := _in(t, places))), None)  # "Hama", "the city of Hama"
    side = _side_of([t for t in control.subtree if t.i < control.i]
                    + [t for c in control.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree], index)
    taker = (index.sides[side].label, side) if side in index.sides else None
    return taker, place


def _mention(sentence: Span, word: Token, taker: tuple[str, str], place: tuple, article: Article,
             timexes: Sequence[Timex], dct: str, control: ControlEffect = ControlEffect.GAIN,
             stated: bool = False, gainer: tuple[str, str] | None = None,
             withdrawn: bool = False) -> Mention | None:
    """The claim of `word`: `taker` gains `place` or, for a loss, `taker` is the side that lost it
    (`stated`: a change told as a state, whose negation is the loss itself: "no longer under government
    control", a state mention of kind STATED + the effect, no event of its own)."""
    clause = TriggerMatch((word,), None)  # type: ignore[arg-type]
    if not stated and any(c.dep_ == "neg" for c in word.children):
        return None  # "Government forces were not driven out of Aleppo"
    if polarity_of(sentence, clause) in _UNSAID or any(
            a.lemma_.lower() in PLANNING | NON_IMPLICATIVE for a in word.ancestors):
        return None
    # "Rebels announced the capture of Hama on Thursday": dated by the announcing clause (taken by then)
    claimed = word.dep_ == "dobj" and word.head.lemma_.lower() in CAPTURE_CLAIMING_VERBS
    dating = TriggerMatch((word.head,), None) if claimed else clause  # type: ignore[arg-type]
    if gainer and word.dep_ in ("advcl", "conj") and not any(
            governs(clause, t) for t in timexes if sentence.start_char <= t.start < sentence.end_char):
        dating = TriggerMatch((word.head,), None)  # type: ignore[arg-type]  # "withdrew on Friday, handing the city"
    timex = timex_for(sentence, dating, outside_appositions(word, timexes))
    phrase_end = max(t.idx + len(t) for t in word.subtree)
    governed = timex is not None and (governs(dating, timex) or 0 <= timex.start - phrase_end <= 2 or any(
        governs(TriggerMatch((c,), None), timex) for c in word.children  # type: ignore[arg-type]
        if c.dep_ in ("ccomp", "xcomp", "oprd") and c.lower_ in FREED_WORDS))  # "declared Homs liberated on Sunday"
    ent, entry = place
    actor, side = taker
    government = DocIndex.of(sentence.doc).controller_of(side) == "government"
    if stated:  # "no longer under government control": a state mention the control model reads as the loss
        event_type, sub_event, kind, control = "Strategic developments", "Other", STATED + control, ControlEffect.HELD
    elif control == ControlEffect.LOSS and (gainer or withdrawn):  # handed over, pulled out: as triggers.tsv
        # "hand over" and "pull out" read it
        event_type, sub_event, kind = "Strategic developments", "Non-violent transfer of territory", "withdrawal"
    elif control == ControlEffect.LOSS:  # driven out by someone unnamed: a fight it lost, its taker unknown
        sub_event = "Non-state actor overtakes territory" if government else "Armed clash"
        kind = "withdrawal"
    else:
        sub_event = "Government regains territory" if government else "Non-state actor overtakes territory"
        kind = "capture"
    if not stated and not (control == ControlEffect.LOSS and (gainer or withdrawn)):
        event_type = "Battles"
    return claim_mention(
        sentence, article, clause, word, entry, timex if governed else None, dct,
        mention_id=f"{article.id}:{sentence.start_char}:{word.idx}:capture@{ent.start_char}",
        event_type=event_type,
        sub_event_type=sub_event, control=control, kind=kind, actor1=actor, side1=side, place_relation="in",
        **({"actor2": gainer[0], "side2": gainer[1]} if gainer else {}),
        background=is_background_mention(sentence, timexes, timex if governed else None, governed, dct))
