"""Finding the words that signal a happening (data/lexicon/triggers.tsv), and whether one reports a
happening at all: not figurative, not a state, a noun anchored by its own date or place.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from spacy.tokens import Span, Token

from lib.extract import lexicon
from lib.model import ControlEffect
from lib.temporal import Timex
from lib.extract.mentions.index import DocIndex, TriggerMatch, by_first_word, per_span, place_for
from lib.extract.mentions.parse import crosses_clause, governing_prep, path_up, preps_on, quoted
from lib.extract.mentions.places import PlaceChoice
from lib.extract.mentions.words import AWAY_PREPS, WORDS, HARM_WORDS, DEATH_NOUNS, DEATH_VERBS, SEQUENCE_WORDS, HYPOTHETICAL, PLANNING, REPORTING_LEMMAS, ABSTRACT_SUBJECTS, DESCRIPTIVE_DEPS, INSTRUMENT_KINDS, INSTRUMENT_VERBS, LIGHT_TERRITORY_VERBS, PLACE_PREPS, TERRITORY_OBJECTS, TOLL_NOUNS, WAR_WORDS

@per_span
def find_triggers(sentence: Span) -> list[TriggerMatch]:
    """The trigger words of a sentence, longest match first, none inside another (the list is
    shared by every caller: not to be changed)."""
    index = DocIndex.of(sentence.doc).triggers
    found: list[TriggerMatch] = []
    if asks(sentence):
        return found
    used: set[int] = set()
    lemmas = DocIndex.of(sentence.doc).lemmas  # a Token only for the words of a trigger
    for position in range(sentence.start, sentence.end):
        if position in used:
            continue
        for words, entry in index.get(lemmas[position], ()):
            window = None
            if tuple(lemmas[position:min(position + len(words), sentence.end)]) == words:
                window = list(sentence.doc[position:position + len(words)])
            elif len(words) == 2 and (taken := _object_named(sentence.doc[position], words[1])) is not None:
                window = [sentence.doc[position], taken]  # "established full control over Minian"
            elif len(words) == 2 and (particle := _particle_after(sentence.doc[position], words[1])) is not None:
                window = [sentence.doc[position], particle]  # "shot the jet down"
            elif len(words) == 3 and (phrase := _result_phrase(sentence.doc[position], words[1:])) is not None:
                window = [sentence.doc[position], *phrase]  # "stoned a woman to death"
            if window is not None:
                pos = "NOUN" if window[0].pos_ == "PROPN" else window[0].pos_
                if not entry.event_type or pos not in entry.pos \
                        or (window[0].dep_ in DESCRIPTIVE_DEPS and not acts(window[0], entry)) \
                        or quoted(sentence, window[0]) or unarmed(sentence, window[0], entry) or untravelled(window, entry) \
                        or leaves_toll(window[0]) or undowned(window[0], entry) \
                        or other_sense(window[0]) \
                        or figurative(window[0], entry) or striving(window[0], entry) or hypothetical(window[-1]) or refers_back(window[-1]) \
                        or to_care(window[-1]) or summary(window[0]) or unobjected(window[0], entry) \
                        or describes_fighter(window[0], entry) or idle_appeal(window[0], entry) \
                        or not_a_crowd(window[0], entry) or closes_daily_life(window[0], entry) \
                        or displaced(window[0], entry):
                    break
                if purpose(window[0], entry):
                    # "their offensive to take Manbij": the fight for the place, no taking
                    entry = next((e for w, e in index.get(FIGHT, ()) if w == (FIGHT,)), entry)
                if delivers_aid(window[0], entry):
                    # "trucks carrying aid entered Eastern Ghouta": an aid delivery, no capture
                    entry = next((e for w, e in index.get(DELIVER, ()) if w == (DELIVER,)), entry)
                if seizes_weapons(window[-1], entry):
                    # "fighters seized a cache of weapons": a seizure of weapons, no territory taken
                    entry = next((e for w, e in index.get(INTERCEPT, ()) if w == (INTERCEPT,)), entry)
                if downs_drone(window[0], entry):
                    # "shot down a drone": ACLED's disrupted weapons use, as an interception
                    entry = next((e for w, e in index.get(INTERCEPT, ()) if w == (INTERCEPT,)), entry)
                found.append(TriggerMatch(tuple(window), entry))
                used.update(t.i for t in window)
                break
    return found


def _object_named(verb: Token, noun: str) -> Token | None:
    """The direct object of `verb` whose lemma is `noun`, words between them allowed ("established
    full control", "took complete control"): a trigger of a verb and its object ("establish control")
    is the verb with that object, however modified; so is one of a verb and the adjective of its
    result ("shoot dead" in "shot two civilians dead", the object between them); None if the verb
    has none."""
    if verb.pos_ != "VERB":
        return None
    return next((c for c in verb.children if c.lemma_.lower() == noun and (
        c.dep_ == "dobj" or c.pos_ == "ADJ" and c.dep_ in RESULT_DEPS)), None)


RESULT_DEPS = ("oprd", "acomp", "advcl", "xcomp", "ccomp")  # how the parser hangs a result adjective
SEPARABLE_PARTICLES = WORDS["separable_particles"]


def _particle_after(verb: Token, particle: str) -> Token | None:
    """The particle of a phrasal verb trigger ("shoot down", "win back") told after the verb's object:
    "shot the jet down", "won the town back"; only a particle of words.tsv separable_particles ("deploy
    in" is no phrasal verb: "deployed troops in Homs" deploys); None if the verb has none."""
    if verb.pos_ != "VERB" or particle not in SEPARABLE_PARTICLES:
        return None
    return next((c for c in verb.children if c.lower_ == particle and c.i > verb.i + 1
                 and c.dep_ in ("prt", "prep", "advmod")), None)


def _result_phrase(verb: Token, words: tuple[str, ...]) -> tuple[Token, Token] | None:
    """The preposition and noun of `verb`'s result phrase (`words`, "to death"), its object between
    them: a trigger of a verb and its result ("stone to death", "beat to death") is the verb with that
    phrase, as in "militants stoned a woman to death"; None if the verb has none."""
    if verb.pos_ != "VERB":
        return None
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == words[0]), None)
    noun = next((g for g in prep.children if g.dep_ == "pobj" and g.lemma_.lower() == words[1]), None) \
        if prep is not None else None
    return (prep, noun) if noun is not None else None


OTHER_SENSES = WORDS["other_senses"]
QUESTION_OPENERS = WORDS["question_openers"]


def asks(sentence: Span) -> bool:
    """A question reports nothing: it ends with "?", or opens with an auxiliary before its subject
    (words.tsv question_openers: "Does such a shift mean the desire to complicate the operation
    conducted by the Syrian army ...", the question mark lost); not "Rebels did capture Hama"."""
    first = next((t for t in sentence if not t.is_space and not t.is_punct), None)
    if first is None:
        return False
    if sentence[-1].text == "?" or (len(sentence) > 1 and sentence[-2].text == "?"):
        return True
    return first.lower_ in QUESTION_OPENERS and first.pos_ == "AUX" and first.dep_ != "ROOT" \
        and any(c.dep_ in ("nsubj", "nsubjpass") and c.i > first.i for c in first.head.children)
CAMPAIGNS = WORDS["campaigns"]
EARLIER = WORDS["earlier_objects"]


def summary(verb: Token) -> bool:
    """A verb in the perfect whose object is told as earlier ones (words.tsv earlier_objects) sums up
    past acts, no happening: "Moscow and Beijing have vetoed previous Western efforts"; not "vetoed a
    draft resolution on Monday"."""
    return verb.pos_ == "VERB" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children) \
        and any(c.dep_ == "dobj" and any(a.dep_ == "amod" and a.lower_ in EARLIER for a in c.children)
                for c in verb.children)
FIGHT = "fight"  # the triggers.tsv row of a fight for a place (Battles, Armed clash)


def purpose(verb: Token, entry: lexicon.Trigger) -> bool:
    """A taking of territory told as the infinitive of purpose of a campaign (words.tsv campaigns:
    the act it is the aim of, or the verb or its object) is the aim, not the taking: "their offensive
    to take the Daesh-held town of Manbij", "the operation of the Syrian army to liberate the city",
    "attacked Mayadin to recapture it" tell the fight for the place; not the complement of another
    verb ("managed to take the town", "went on to capture it")."""
    if entry.control != "gain" or verb.pos_ != "VERB" or verb.tag_ != "VB" \
            or verb.dep_ not in ("acl", "advcl", "xcomp") \
            or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    head = verb.head
    if head.dep_ == "relcl" or (head.tag_ == "VBG" and {"have", "be"} <= {c.lemma_ for c in head.children if c.dep_ == "aux"}):
        # "one of the areas regime forces have been battling to recapture": a lasting campaign described
        return False
    # the act itself, or the verb, its object, or the object of its "with" ("pressed ahead with their
    # offensive to take Manbij")
    acts = [head, *(c for c in head.children if c.dep_ == "dobj"),
            *(g for c in head.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children
              if g.dep_ == "pobj")] if head.pos_ == "VERB" else [head]
    return any(t.lemma_.lower() in CAMPAIGNS for t in acts)
CARE_PLACES = WORDS["care_places"]


def to_care(verb: Token) -> bool:
    """A verb of moving whose goal is a place of care (words.tsv care_places) moves the wounded,
    no force: "victims had died after they had been transferred to Turkish hospitals", "the injured
    were evacuated to hospitals"; not "transferred to Latakia"."""
    return verb.pos_ == "VERB" and any(
        c.dep_ == "prep" and c.lower_ in ("to", "toward", "towards", "into")
        and any(g.dep_ == "pobj" and g.lemma_.lower() in CARE_PLACES for g in c.children)
        for c in verb.children)


CROWD_WORDS = WORDS["crowd_words"]


def not_a_crowd(verb: Token, entry: lexicon.Trigger) -> bool:
    """A verb of street protest (kind "protest") whose subject is no crowd (words.tsv crowd_words), or
    that governs an object or a clause, is another sense: "Turkey protested the shelling", "oil prices
    rallied", "the report demonstrated that ..."; not "thousands demonstrated in Maarat al-Numan"."""
    if entry.kind != "protest" or verb.pos_ != "VERB" or " " in entry.lemma:
        return False
    if any(c.dep_ in ("dobj", "ccomp") for c in verb.children):
        return True
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return any(s.pos_ != "PRON" and not {s.lemma_.lower(), s.lower_.removesuffix("s")} & CROWD_WORDS for s in subjects)


DAILY_LIFE_PLACES = WORDS["daily_life_places"]


def _closed_things(verb: Token) -> list[Token]:
    """What a verb of closing closes: its object, the subject of its passive, or the subject of the
    intransitive ("shops closed"); a pronoun subject of a clause said by someone stands for the sayer
    ("the university announced they were closing down")."""
    things = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")] \
        or [c for c in verb.children if c.dep_ == "nsubj"]
    said = [c for t in things if t.pos_ == "PRON" and verb.dep_ == "ccomp"
            and verb.head.lemma_.lower() in REPORTING_LEMMAS for c in verb.head.children if c.dep_ == "nsubj"]
    return [*things, *said, *(c for t in [*things, *said] for c in t.children if c.dep_ == "conj")]


def closes_daily_life(verb: Token, entry: lexicon.Trigger) -> bool:
    """A closing (kind "closure") of a place of daily life (words.tsv daily_life_places: "Schools were
    closed due to the strikes", "Idlib University announced they were closing down for fear of aerial
    bombardment") tells what violence does to life, no happening of the conflict; not "Jordan closed a
    border crossing"."""
    if entry.kind != "closure" or verb.pos_ != "VERB":
        return False
    return any(t.lemma_.lower() in DAILY_LIFE_PLACES or t.lower_ in DAILY_LIFE_PLACES for t in _closed_things(verb))


DISPLACED_NOUNS = WORDS["displaced_nouns"]
FLIGHT_VERBS = WORDS["flight_verbs"]


def displaced(verb: Token, entry: lexicon.Trigger) -> bool:
    """A flight (words.tsv flight_verbs, kind "departure") of civilians (words.tsv displaced_nouns)
    told only by where it led ("civilians had fled in waves into villages in Turkey", "thousands fled to
    Lebanon") is displacement elsewhere, which ACLED codes no event of; not the flight from a place
    ("civilians fled Homs", "fled from Douma": the town's news), nor an armed side's ("rebels fled to
    Idlib"), nor residents' leaving under a deal ("the residents had left the besieged villages")."""
    if entry.kind != "departure" or entry.lemma not in FLIGHT_VERBS or verb.pos_ != "VERB":
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    people = [next((g for c in s.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                    if g.dep_ == "pobj"), s) if s.lemma_.lower() in QUANTITY_NOUNS else s for s in subjects]
    civilians = bool(people) and all(p.lemma_.lower() in DISPLACED_NOUNS or p.lower_ in QUANTITY_NOUNS for p in people)
    if civilians and _fled_violence(verb):
        return True  # "Thousands have fled the fierce fighting in Manbij": away from the violence, no place left
    if any(c.dep_ == "dobj" or (c.dep_ in ("prep", "prt") and c.lower_ in ("from", "out")) for c in verb.children) \
            or not any(c.dep_ == "prep" and c.lower_ in AWAY_PREPS | {"into"} for c in verb.children):
        return False  # "civilians fled Homs": the town they left; a flight told by where it led only
    return civilians


def _fled_violence(verb: Token) -> bool:
    """What a flight left is violence, not a place: its object (or the object of "from") is a noun of
    an act of violence (a trigger of a violent type: "fled the fierce fighting in Manbij", "fleeing
    from the bombardment") or of the war (words.tsv war_words, "violence"): the civilians escape the
    acts, which the article tells; "fled Homs", "fled from Douma" leave a town."""
    left = [c for c in verb.children if c.dep_ == "dobj"] + [
        g for c in verb.children if c.dep_ == "prep" and c.lower_ == "from" for g in c.children if g.dep_ == "pobj"]
    index = DocIndex.of(verb.doc).triggers
    return bool(left) and all(
        o.lemma_.lower() in WAR_WORDS | {"violence"} or any(
            len(words) == 1 and entry.event_type in lexicon.VIOLENT_TYPES and "NOUN" in entry.pos
            for words, entry in index.get(o.lemma_.lower(), ())) for o in left)



QUANTITY_NOUNS = ("thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "score", "scores")


CALLED_DEPARTURES = WORDS["called_departures"]


def idle_appeal(verb: Token, entry: lexicon.Trigger) -> bool:
    """An appeal (kind "appeal": "urge", "call on") that calls for no departure or defection (words.tsv
    called_departures): "Syrian Coalition urges UN to relieve Deir Ezzor residents", "called on Ban
    Ki-moon to launch an investigation" are advocacy; "urged Americans to depart Syria" is an event."""
    if entry.kind != "appeal" or verb.pos_ != "VERB":
        return False
    return not any(c.dep_ == "xcomp" and c.lemma_.lower() in CALLED_DEPARTURES for c in verb.children)


def other_sense(verb: Token) -> bool:
    """A verb whose particle or object gives it a sense its trigger row is not (words.tsv
    other_senses): "sign up for insurance", "took part in", "hit out at"; the subject of a passive is
    its object ("the air strikes were executed": carried out)."""
    lemma = verb.lemma_.lower()
    return verb.pos_ == "VERB" and any(f"{lemma}_{c.lemma_.lower()}" in OTHER_SENSES
                                       for c in verb.children if c.dep_ in ("prt", "dobj", "nsubjpass"))


TRAVEL_VERBS = WORDS["travel_verbs"]
ENVOY_NOUNS = WORDS["envoy_nouns"]
ARRIVAL_VERBS = WORDS["arrival_verbs"]
AID_WORDS = WORDS["aid_words"]
DELIVER = "deliver"  # the triggers.tsv row of an aid delivery


VISIT = "visit"
VISITED_PEOPLE = WORDS["visited_people"]


def untravelled(window: Sequence[Token], entry: lexicon.Trigger) -> bool:
    """A verb of travel (words.tsv travel_verbs) that reports no visit: who travels is no person and
    no envoy (envoy_nouns: "refugees arrived in Turkey"), or it says not where to ("the minister is
    going to resign"); and "deliver" with no aid named ("delivered a speech"); and "visit" whose
    object is people (words.tsv visited_people: "visited the injured at the hospital"). Aid arriving
    is a delivery (`delivers_aid`)."""
    verb = window[0]
    if entry.lemma == DELIVER:
        return not _names_aid(verb)
    if entry.lemma == VISIT and verb.pos_ == "VERB" and any(
            o.dep_ == "dobj" and (o.lemma_.lower() in VISITED_PEOPLE or any(
                c.dep_ in ("amod", "compound") and c.lemma_.lower() in VISITED_PEOPLE for c in o.children))
            for o in verb.children):
        return True  # "the governor visited the injured persons at the hospital": a call on people, no visit of a place
    if entry.lemma.replace(" ", "_") not in TRAVEL_VERBS or _names_aid(verb):
        return False
    goal = any(t.dep_ == "prep" and any(g.dep_ == "pobj" for g in t.children)
               for t in (window[-1], *verb.children) if t.lower_ in ("to", "in", "at", "into"))
    return not goal or not any(_envoy(t) for t in _subject_heads(verb))


TOLL_LEAVING_VERBS = WORDS["toll_leaving_verbs"]
TOLL_COMPLEMENTS = ("dobj", "oprd", "acomp", "xcomp", "ccomp")


def leaves_toll(verb: Token) -> bool:
    """A verb of leaving (words.tsv toll_leaving_verbs) whose complement or object holds a word of harm
    done (HARMING) tells the toll of the act that is its subject, no departure: "air strikes left 15
    dead", "left 12 people killed", "left dozens of casualties"; not "the rebels left Aleppo", nor a
    relative clause of the object ("left the town where five were killed")."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in TOLL_LEAVING_VERBS:
        return False
    return any(t.lemma_.lower() in HARMING and not any(a.dep_ == "relcl" for a in path_up(t, argument)[:-1])
               for argument in verb.children if argument.dep_ in TOLL_COMPLEMENTS for t in argument.subtree)


INTERCEPT = "intercept"  # the triggers.tsv row of an interception (Disrupted weapons use)
DOWNING = "downing"  # the kind of the triggers.tsv rows of downing an aircraft (Armed clash)
UNMANNED_AIRCRAFT = WORDS["unmanned_aircraft"]


def downs_drone(verb: Token, entry: lexicon.Trigger) -> bool:
    """Downing an aircraft is a clash with its crew, but what it downs is a drone (words.tsv
    unmanned_aircraft): "the army shot down a drone near Hama", "a drone was shot down" is a weapon
    stopped, as ACLED codes an interception; not "shot down a helicopter"."""
    return entry.kind == DOWNING and any(o.lemma_.lower() in UNMANNED_AIRCRAFT or o.lower_ in UNMANNED_AIRCRAFT
                                         for o in _objects(verb))


SEIZED_WEAPONS = WORDS["seized_weapons"]


def seizes_weapons(verb: Token, entry: lexicon.Trigger) -> bool:
    """Taking a place is a change of hands, but what is taken is weapons (words.tsv seized_weapons,
    the object's head, its "of" or a compound of it): "fighters seized a cache of weapons", "an arms
    depot was captured", as ACLED codes a seizure of weapons (disrupted weapons use); not "seized the
    town" nor "captured a base"."""
    return entry.control == "gain" and any(
        t.lemma_.lower() in SEIZED_WEAPONS or t.lower_ in SEIZED_WEAPONS
        for o in _objects(verb) for t in (o, *(c for c in o.children if c.dep_ == "compound")))


def undowned(verb: Token, entry: lexicon.Trigger) -> bool:
    """A verb of downing (kind downing: "shot down", "downed") whose object or passive subject is no
    aircraft (an instrument of the air, instruments.tsv, or words.tsv unmanned_aircraft) downs no
    aircraft: "shot down the proposal", "the workers downed tools"; not "downed a Syrian fighter jet"."""
    if entry.kind != DOWNING:
        return False
    return not any(_aircraft(o) for o in _objects(verb))


def _aircraft(noun: Token) -> bool:
    instruments = _instrument_index(DocIndex.of(noun.doc).folder)
    return noun.lower_ in UNMANNED_AIRCRAFT or any(
        entry.sub_event_type == AIR_STRIKE and words == (form,)
        for form in _forms(noun) for words, entry in instruments.get(form, ()))


AIR_STRIKE = "Air/drone strike"
TARGET_KINDS = (DOWNING, "interception")  # kinds whose object is the target, never the doer's instrument


def _subject_heads(verb: Token) -> list[Token]:
    """The head nouns of who does a verb: its subject, the subject of the verb it is conjoined with,
    or the noun its relative clause describes ("a team of experts which arrived")."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    if verb.dep_ == "relcl" and (not subjects or subjects[0].tag_ in ("WDT", "WP")):
        subjects = [verb.head]
    # "a team of experts", "two of the envoys": the noun of "of" too
    return [*subjects, *(g for s in subjects for c in s.children if c.dep_ == "prep" and c.lower_ == "of"
                         for g in c.children if g.dep_ == "pobj")]


def _envoy(noun: Token) -> bool:
    return noun.ent_type_ == "PERSON" or noun.lemma_.lower() in ENVOY_NOUNS


def _names_aid(verb: Token) -> bool:
    """Its subject or object names aid (words.tsv aid_words): "trucks carrying aid", "an aid convoy",
    "delivered food"; not in a relative clause of theirs."""
    for argument in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")):
        if any(t.lemma_.lower() in AID_WORDS and not any(a.dep_ == "relcl" for a in path_up(t, argument)[:-1])
               for t in argument.subtree):
            return True
    return False


def delivers_aid(verb: Token, entry: lexicon.Trigger) -> bool:
    """A verb of arriving (words.tsv arrival_verbs) whose subject names aid: "dozens of trucks
    carrying aid entered Eastern Ghouta" delivered aid, took no town."""
    return entry.lemma in ARRIVAL_VERBS and verb.pos_ == "VERB" and any(
        c.dep_ == "nsubj" for c in verb.children) and _names_aid(verb)


VIOLENT_EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def acts(token: Token, entry: lexicon.Trigger) -> bool:
    """A participle of violence that the parser hung on a noun ("acl") but that tells its own act:
    it has its own object, its own agent or its own date ("terrorist groups targeted on Wednesday
    al-Shrafiyeh", "shells fired by terrorists on al-Ramouseh", "civilians killed by mines"); not a
    present participle without a date of its own on a party ("the coalition fighting IS in Syria"; on
    an act it tells the act: "air strikes targeting Tal Hamis"), nor a
    bare description ("the number of people killed", "a truce brokered by Russia" is the truce's),
    nor harm told as the toll of the act it hangs on (HARM_WORDS: "shells killing a woman")."""
    if entry.event_type not in VIOLENT_EVENT_TYPES and not entry.control and _main_verb_misparsed(token):
        return True  # "Hundreds of people protested in Kafr Nabl on Friday", parsed as a noun phrase
    if token.dep_ != "acl" or token.pos_ != "VERB" or entry.event_type not in VIOLENT_EVENT_TYPES \
            or entry.control:
        return False
    if token.lemma_.lower() in HARM_WORDS:
        # "shells killing a woman": the shells' toll; but a past participle with an object is a
        # misparsed main verb ("a bomb blast killed 16 people": no passive takes an object)
        return any(c.dep_ == "agent" for c in token.children) or (
            token.tag_ in ("VBD", "VBN") and any(c.dep_ == "dobj" for c in token.children))
    if token.lemma_.lower() in INSTRUMENT_SUBJECT_VERBS and _names_act(token.head):
        return True  # "fired three shells landed in al-Zablatani": the shells' own verb, misparsed
    dated = any(t.ent_type_ in ("DATE", "TIME") for t in token.subtree if t.i > token.i)
    if token.tag_ == "VBG" and not dated and not _names_act(token.head):
        return False  # "the coalition fighting the jihadist group in Syria": what it does, no happening
    return dated or any(c.dep_ in ("dobj", "agent") for c in token.children)


def _main_verb_misparsed(token: Token) -> bool:
    """Is a participle hung on a noun ("acl") the sentence's own verb, the parse having made the whole
    sentence one noun phrase ("Hundreds of people protested in Kafr Nabl on Friday": the noun is the
    ROOT, no other verb stands in the sentence, and the participle goes on with a place or a date)?
    Not a description inside a clause ("the people displaced by the fighting returned")."""
    head = token.head
    if token.dep_ != "acl" or token.pos_ != "VERB" or token.tag_ not in ("VBD", "VBN") or head.dep_ != "ROOT" \
            or head.pos_ not in ("NOUN", "PROPN") or head.i > token.i:
        return False
    if any(t.pos_ in ("VERB", "AUX") and t.i != token.i for t in token.sent):
        return False
    return any(c.dep_ == "prep" for c in token.children) and any(
        t.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC") for t in token.subtree if t.i > token.i)


OBJECTED_VERBS = WORDS["objected_verbs"]
HARM_OR_DEATH_VERBS = HARM_WORDS | DEATH_VERBS
HARMED_BY_VERBS = HARM_OR_DEATH_VERBS | OBJECTED_VERBS  # verbs whose object is who or what suffered (_victims)
MILITARY_OBJECTS = WORDS["military_objects"]


def unobjected(verb: Token, entry: lexicon.Trigger) -> bool:
    """A verb of a military communiqué (words.tsv objected_verbs) that reports no fight: its object
    (or passive subject) is no military object (military_objects: "destroyed documents", "the raids
    destroyed several shops", the raids' effect); not "army units destroyed hideouts", "inflicted
    heavy losses upon terrorists", nor "the airstrikes destroyed an ammunition depot" (an air strike,
    the instrument deciding). A verb of words.tsv person_object_verbs reports a killing only when what
    it acted on are people (victim_nouns, men_nouns, men: "neutralized 20 terrorists"; not
    "neutralized the threat"); one of route_verbs only when it is a route (route_objects: "cut the only
    road leading to Aleppo"; not "severed ties with Damascus")."""
    if entry.lemma in PERSON_OBJECT_VERBS:
        return not any(o.lemma_.lower() in PEOPLE_NOUNS for o in _objects(verb))
    if entry.lemma in ROUTE_VERBS:  # "cut the only road leading to Aleppo"; not "severed ties"
        return not any(o.lemma_.lower() in ROUTE_OBJECTS for o in _objects(verb))
    if entry.lemma not in OBJECTED_VERBS:
        return False
    return not any(o.lemma_.lower() in MILITARY_OBJECTS for o in _objects(verb)) and not _by_instrument(verb)


def _by_instrument(verb: Token) -> bool:
    """The doer of a verb is an instrument of violence (instruments.tsv: the head of its subject or agent, "coalition
    warplanes had destroyed al-Asharah Bridge", "the bridge was destroyed by Russian missiles"): a strike
    on whatever it hit; not a noun of an act ("the raids destroyed several shops", "aerial bombardment was
    destroying vital infrastructure": the noun's own trigger tells the act, this verb only its effect), nor
    a person ("destroyed documents")."""
    own = [c for c in verb.children if c.dep_ in ("nsubj", "agent")]
    if not own and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        own = [c for c in verb.head.children if c.dep_ == "nsubj"]  # "were causing casualties and destroying"
    doers = {g.i for c in own for g in ([c] if c.dep_ == "nsubj" else [g for g in c.children if g.dep_ == "pobj"])}
    triggers = DocIndex.of(verb.doc).triggers
    return any(words[-1].i in doers and not any("NOUN" in entry.pos for form in _forms(words[-1])
                                                 for _, entry in triggers.get(form, ()))
               for words, _ in instruments_in(verb.sent))


PERSON_OBJECT_VERBS = WORDS["person_object_verbs"]
ROUTE_VERBS = WORDS["route_verbs"]
ROUTE_OBJECTS = WORDS["route_objects"]
PEOPLE_NOUNS = WORDS["victim_nouns"] | WORDS["men_nouns"] | WORDS["men"]


def _objects(verb: Token) -> list[Token]:
    """The head nouns of what a verb acted on: its object or passive subject, their conjuncts, and
    the noun of their "of" ("destroyed a number of hideouts", "neutralised dozens of terrorists")."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [t for o in objects for t in o.conjuncts]
    return objects + [g for o in objects for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"]

INSTRUMENT_SUBJECT_VERBS = WORDS["instrument_subject_verbs"]
INJURY_VERBS = WORDS["injury_verbs"]
ARMED_NOUNS = WORDS["armed_nouns"]
PROJECTILES = WORDS["projectiles"]


def unarmed(sentence: Span, verb: Token, entry: lexicon.Trigger) -> bool:
    """A verb that reports violence only through an instrument, without one where it must be
    (words.tsv): the doer or object of instrument_subject_verbs ("rocket shells fell on X", "bombs that landed
    on X", "forces rained shells on X"; not "Hama fell", nor "the properties where the shells fell", a place told by an act told
    before), anywhere in the own clause of injury_verbs ("wounded in terrorist shells"; not "injured
    in the attack", whose noun tells the act, nor "killed and wounded", told by the killing), among
    the modifiers of armed_nouns ("rocket and artillery fire"; not "opened fire", "a fire broke out",
    nor one conjoined with a noun of an act, which reports the act: "artillery fire and airstrikes")."""
    key = entry.lemma.replace(" ", "_")
    if verb.pos_ == "NOUN" and key in ARMED_NOUNS:
        if any(_act_noun(t) for t in verb.conjuncts):
            return True  # "killed by artillery fire and airstrikes": the act noun reports the strike
        where = {t.i for t in verb.subtree if t.i < verb.i}
    elif key in INSTRUMENT_SUBJECT_VERBS:
        if any(c.dep_ == "advmod" and c.lower_ in PLACE_RELATIVES for c in verb.children):
            return True  # "damage to the properties where the shells fell": a place, by an act told
        where = _arguments(verb, ("nsubj", "nsubjpass", "csubj", "agent"), antecedent=True)
        # what is thrown, as the object ("forces rained shells on Daraya"): the instrument too
        where |= {t.i for c in verb.children if c.dep_ == "dobj" for t in c.subtree}
        return not any(words[0].i in where and PROJECTILES & set(entry.words.split())
                       for words, entry in instruments_in(sentence))
    elif key in INJURY_VERBS:
        if any(t.lemma_.lower() in HARM_WORDS - INJURY_VERBS for t in verb.conjuncts):
            return True  # "were killed and 12 others wounded": the killing tells the act
        where = {t.i for t in verb.subtree if t != verb and not crosses_clause(path_up(t, verb) or [t, t])}
        if any(_act_noun(verb.doc[i]) for i in where):
            return True  # "injured in a terrorist attack with rocket shells": the attack tells the act
    else:
        return False
    return not any(words[0].i in where for words, _ in instruments_in(sentence))


PLACE_RELATIVES = ("where", "wherever")


def _act_noun(token: Token) -> bool:
    """A noun that is a trigger as a noun ("attack", "air strikes"; not "shells", a verb's trigger)."""
    return token.pos_ == "NOUN" and any(
        "NOUN" in entry.pos for _, entry in DocIndex.of(token.doc).triggers.get(token.lemma_.lower(), ()))


def _arguments(verb: Token, deps: tuple[str, ...], antecedent: bool) -> set[int]:
    """The token indices of a verb's arguments of the dependency labels given; of a verb conjoined
    with another and without its own subject, the other's; with `antecedent`, also the noun its
    relative clause or participle describes ("bombs that landed", "shells landed" misparsed as a
    participle), without the clause itself."""
    own = [c for c in verb.children if c.dep_ in deps]
    if not own and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        own = [c for c in verb.head.children if c.dep_ in deps]
    found = {t.i for c in own for t in c.subtree}
    if antecedent and verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
        clause = {t.i for t in verb.subtree}
        found |= {t.i for t in verb.head.subtree if t.i not in clause}
    return found


def _names_act(noun: Token) -> bool:
    """A noun that is a trigger or an instrument: "strikes", "shells"."""
    index = DocIndex.of(noun.doc)
    return any(form in index.triggers or form in _instrument_index(index.folder) for form in _forms(noun))


def hypothetical(token: Token) -> bool:
    """A noun of a happening that has not happened: "options for possible strikes in Syria";
    "militants preparing for an attack on Turkey" (what a verb of planning is for); "a resolution
    calling for a seven-day ceasefire in Aleppo" (what a verb of asking is for, words.tsv demanding);
    "There have been no US strikes so far" (none, words.tsv negative_determiners); "an operations
    room aimed at fighting the regime" (a gerund after "at" or "for", what a verb of planning is for)."""
    if token.dep_ in ("pobj", "pcomp") and token.head.lower_ in AIM_PREPS \
            and token.head.head.lemma_.lower() in PLANNING_OR_DEMANDING:
        return True  # "preparing for an attack", "a resolution calling for a ceasefire" (words.tsv demanding)
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(c.dep_ == "det" and c.lower_ in NEGATIVE_DETERMINERS for c in token.children):
        return True  # "no US strikes so far": none happened
    return any(c.dep_ == "amod" and c.lemma_.lower() in HYPOTHETICAL for c in token.children)


NEGATIVE_DETERMINERS = WORDS["negative_determiners"]
AIM_PREPS = ("for", "at")  # "preparing for an attack", "aimed at fighting the regime"
DEMONSTRATIVES = WORDS["demonstratives"]
DEMANDING = WORDS["demanding"]
PLANNING_OR_DEMANDING = PLANNING | DEMANDING


SEQUEL_VERBS = WORDS["sequel_verbs"]
CLAIMING = WORDS["claiming"]
JUDGING = WORDS["judging_verbs"]


def refers_back(token: Token) -> bool:
    """A noun of a happening with a demonstrative refers back to one told before ("Look at the
    devastation from this terrorist attack in Qamishli"): told twice, one happening. So does one
    with "the" that is the subject of a verb setting it against another happening (words.tsv
    sequel_verbs: "The attack in Idlib came a day after air strikes", "the attack was now over"),
    and one with "the" that is the object of a claim of responsibility, a verb or a noun (words.tsv
    claiming: "IS claimed the attack", "claimed responsibility for the bombing", "no immediate claim
    of responsibility for the attack"): the act was told already; not "claimed a suicide attack",
    told for the first time; and one with "the" that a verb of judging has as its object (words.tsv
    judging_verbs: "described the attack as a massacre", "condemned the bombing"). A day's name
    owning the noun is "the"
    ("There was no immediate claim of responsibility for Wednesday's attack")."""
    if _accused_again(token):
        return True
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in token.children):
        return True
    if not any((c.dep_ == "det" and c.lower_ == "the") or _day_owned(c) for c in token.children):
        return False  # "claimed a suicide attack on a rival group": told for the first time
    head = token.head
    if token.dep_ == "nsubj" and (head.lemma_.lower() in SEQUEL_VERBS or head.lemma_ == "be" and any(
            c.lower_ in SEQUEL_VERBS and c.dep_ in ("acomp", "advmod", "prt", "prep") for c in head.children)):
        return True  # "came a day after", "was now over"
    if token.dep_ == "dobj" and head.lemma_.lower() in JUDGING and head.pos_ == "VERB":
        return True  # "described the attack as a massacre", "the UN condemned Tuesday's bombing"
    if token.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in CLAIMING:
        head = head.head.head if head.head.dep_ == "dobj" else head.head
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in CLAIMING:
            head = head.head.head  # "no immediate claim of responsibility for Wednesday's attack"
    return token.dep_ in ("dobj", "pobj") and head.lemma_.lower() in CLAIMING and head.pos_ in ("VERB", "NOUN")


_DAYS_OWNING = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?(?:['’]s?)?$")


def _day_owned(child: Token) -> bool:
    """Is `child` a day's name owning a noun ("Saturday's attack", or "Saturdays attack" as pages
    that lost their apostrophes write it, parsed a compound)?"""
    return child.dep_ in ("poss", "compound") and (
        _DAYS_OWNING.match(child.lower_) is not None or (child.dep_ == "poss" and child.ent_type_ in ("DATE", "TIME")))


ACCUSING = WORDS["accusing_verbs"]  # the verbs whose object is said to have done the act


def _accused_again(token: Token) -> bool:
    """An act told before that a party is accused of ("The Syrian government has accused rebels of
    launching the chemical attacks": "the attacks" told already, the accusation no new happening);
    not an act first told through the accusation ("accused government forces of gassing hundreds of
    people", "of launching a chemical attack")."""
    verb = token if token.pos_ == "VERB" else token.head if token.dep_ == "dobj" else None
    if verb is None or verb.dep_ != "pcomp" or verb.head.lower_ != "of":
        return False
    accuser = verb.head.head if verb.head.head.lemma_.lower() in ACCUSING else verb.head.head.head
    if accuser.lemma_.lower() not in ACCUSING or accuser.pos_ != "VERB":
        return False
    acts = [token] if token.pos_ in ("NOUN", "PROPN") else [c for c in verb.children if c.dep_ == "dobj"]
    return any(any(c.dep_ == "det" and (c.lower_ == "the" or c.lower_ in DEMONSTRATIVES) for c in act.children)
               and _names_act(act) for act in acts)


def figurative(token: Token, entry: lexicon.Trigger | None = None) -> bool:
    """An abstract subject (words.tsv abstract_subjects) makes the trigger figurative ("the rebel advance
    struck at a moment of weakness") or an aggregate ("the conflict killed 305,000"); not a military
    operation (words.tsv operation_subjects) that takes a place it names as its object ("The rebel
    offensive captured Aleppo": the offensive's side took it)."""
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in ABSTRACT_SUBJECTS]
    if not subjects:
        return False
    return not (entry is not None and entry.control == "gain" and all(
        s.dep_ == "nsubj" and s.lemma_.lower() in OPERATION_SUBJECTS for s in subjects) and any(
        c.dep_ == "dobj" and place_for_token(c) for c in token.children))


OPERATION_SUBJECTS = WORDS["operation_subjects"]


def place_for_token(word: Token) -> bool:
    """Is the word a place's name (an entity the lexicon or the gazetteer places)?"""
    return any(e.start <= word.i < e.end and place_for(e) is not None for e in word.doc.ents)


COMBATANT_NOUNS = WORDS["combatant_victims"]


def striving(verb: Token, entry: lexicon.Trigger) -> bool:
    """A verb of fighting whose subject is no armed side (no actor, no words.tsv combatant_victims)
    and whose infinitive tells what the effort is for, an act of no violence and no territory:
    "firefighters battled to put out blazes", "doctors are fighting to save the wounded" strive,
    nobody clashes. Not "rebels battled to break a siege" (an armed side), nor "they fought to take
    the town" (the infinitive is itself a trigger of violence or of territory: the fight is one)."""
    if entry.kind != "clash" or verb.pos_ != "VERB" or verb.lemma_.lower() in HARM_WORDS:
        return False  # "the attack killed 15 civilians with another 10 bodies yet to be identified": harm
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects or any(s.lemma_.lower() in COMBATANT_NOUNS or lexicon.actor_by_alias(s.lemma_.lower()) is not None
                           or lexicon.actor_by_alias(" ".join(t.text for t in s.subtree)) is not None for s in subjects):
        return False  # "rebels battled to break a siege of the city": an armed side's fight is a clash
    index = DocIndex.of(verb.doc).triggers
    purposes = [c for c in verb.children if c.dep_ in ("xcomp", "advcl")
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    return bool(purposes) and not any(
        e.event_type in lexicon.VIOLENT_TYPES or e.control
        for p in purposes for t in (p, *(c for c in p.children if c.dep_ == "dobj"))
        for _, e in index.get(t.lemma_.lower(), ()))


STATE_PASSIVES = WORDS["state_passives"]


def is_stative(trigger: TriggerMatch) -> bool:
    """"where they are deployed": a present passive describes a state, not a happening; so does any
    passive or past participle of a verb of a lasting hold (words.tsv state_passives: "a town
    besieged by government forces", "we were besieged inside Madaya"), and its present participle on a
    verb in the present simple ("IS controls 60 percent of the city besieging 200000 people")."""
    head = trigger.head
    if head.lemma_.lower() in STATE_PASSIVES and (head.tag_ == "VBN" or (
            head.tag_ == "VBG" and head.head.tag_ in ("VBP", "VBZ") and head.dep_ in ("advcl", "ccomp", "xcomp", "acl"))):
        return True
    return any(c.dep_ == "auxpass" and c.tag_ in ("VBP", "VBZ") for c in head.children)


# people a verb of taking can have as its object: taking them is a capture of persons, no territory
TAKEN_PEOPLE = WORDS["victim_nouns"] | WORDS["combatant_victims"] | WORDS["civilian_victims"] | WORDS["role_nouns"] \
    | WORDS["taken_people"]


def takes_territory(trigger: TriggerMatch) -> bool:
    """A territorial verb with an object: the object is a place or a word for territory. No verb of
    taking takes territory when what it took is people ("captured a government pilot", "five soldiers
    were seized": persons, whatever the verb). A withdrawal of people ("Iran withdrew its troops from
    Syria") is still a loss: the troops leave the place."""
    head = trigger.tokens[0]
    taken = [c for c in trigger.tokens[-1].children if c.dep_ == "dobj"] \
        or [c for c in head.children if c.dep_ == "nsubjpass"]
    if trigger.entry.control == ControlEffect.GAIN and taken and taken[0].ent_type_ not in ("GPE", "LOC", "FAC") and (
            taken[0].lemma_.lower() in TAKEN_PEOPLE or taken[0].ent_type_ == "PERSON"):
        return False
    if trigger.entry.lemma not in LIGHT_TERRITORY_VERBS:
        return True
    if head.tag_ == "VBG" and head.dep_ in ("advcl", "acl", "conj"):
        return False  # "targeted the town, leaving material damage": a result, not a change of hands
    # a passive's subject is what was taken ("Hama was taken by the rebels"; "the injured were
    # taken to hospital" is no territory)
    objects = [c for c in trigger.tokens[-1].children if c.dep_ == "dobj"] \
        or [c for c in head.children if c.dep_ == "nsubjpass"]
    if not objects:
        return True
    obj = objects[0]
    if obj.lower_ in ("which", "that", "who", "what"):
        return True  # "the Golan Heights, which Israel seized": the antecedent is the place
    return (obj.ent_type_ in ("GPE", "LOC", "FAC") or obj.lemma_.lower() in TERRITORY_OBJECTS
            or any(c.ent_type_ in ("GPE", "LOC", "FAC") and _of_the_object(c, obj) for c in obj.subtree))


def _of_the_object(place: Token, obj: Token) -> bool:
    """Is a place inside a verb's object part of what the object names ("the town of Saqba", "parts
    of Aleppo", "Douma and Harasta"), not where the object is ("held talks in Idlib", "took 20
    prisoners near Hama": no territory)? Every preposition between them is "of"."""
    token = place
    while token.i != obj.i and token.head.i != token.i:
        if token.dep_ == "prep" and token.lower_ != "of":
            return False
        token = token.head
    return True


OCCURRENCE_VERBS = WORDS["occurrence_verbs"]


def occurring(trigger: TriggerMatch) -> bool:
    """A happening noun that is the subject of a verb that only says it happened, went on or began
    (words.tsv occurrence_verbs): "Battles continued ... on all fronts in Hama", "scattered fighting
    was taking place along the Jobar-Zamalka axis", "talks entered a second day in Astana". The
    clause reports the happening, and its place and date are the noun's; not so the subject of any
    other verb ("the fighting forced thousands to flee": a consequence, not where). See
    `occurrence_verb` for the verb whose clause it is."""
    return occurrence_verb(trigger) is not None


def occurrence_verb(trigger: TriggerMatch) -> Token | None:
    """The verb of the clause that reports a happening noun (`occurring`): "there was heavy fighting
    in the town"; a verb of occurrence ("Battles continued ..."), its subject also the measure of
    the noun (words.tsv measure_nouns: "a fresh round of peace talks entered a second day in
    Astana"); the passive of words.tsv occurrence_passives ("the meeting will be held in Astana");
    a word of planning with an infinitive of planned_starts ("negotiations are due to begin in
    Geneva on November 28"); a verb of harm (toll_verbs) done by a noun that makes it figurative
    (abstract_subjects: "Fierce fighting killed at least 18 soldiers on Friday"); not "air strikes
    killed 18 in Tokhar", which the verb reports itself; a past verb of starting the act its object
    names, told for the first time (words.tsv launch_verbs: "rebels launched an offensive in Aleppo
    on Tuesday"; not "since the regime launched its offensive", one known already, nor "an alliance
    that has mounted a major Aleppo offensive", a description of a party); a past verb of making
    the agreement its object names, told for the first time (words.tsv declaring_verbs: "the regime
    announced a nationwide ceasefire for three days"; not "declared the ceasefire over")."""
    head = trigger.head
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ == "attr" and head.head.lemma_ == "be" \
            and head.head.tag_ in ("VBD", "VBN") and any(c.dep_ == "expl" for c in head.head.children) \
            and not any(c.tag_ == "MD" for c in head.head.children):
        return head.head  # "there was heavy fighting in the town": the clause only says it happened
    if head.pos_ not in ("NOUN", "PROPN") and not (head.tag_ == "VBG" and head.dep_ in ("nsubj", "nsubjpass")):
        return None  # a gerund subject is the noun misread: "Fighting between rival factions erupted in Douma"
    if (exposed := _exposed_to(head)) is not None:
        return exposed  # "the town came under heavy shelling on Monday"
    if (toll := _tolled(head)) is not None:
        return toll  # "the death toll from a bomb blast on a bus convoy outside Aleppo reached 112"
    if (passive := _agent_of(head)) is not None:
        return passive  # "the mosque in Kafr Zeita was destroyed by Russian airstrikes"
    head = _measured(head)  # "a fresh round of peace talks entered ..."
    if head.dep_ == "dobj" and head.head.lemma_.lower() in LAUNCH_VERBS and head.head.tag_ in ("VBD", "VBN") \
            and not _describes_party(head.head) and not _definite(head):
        return head.head  # "rebels launched an offensive in Aleppo on Tuesday"
    if head.dep_ == "dobj" and head.head.lemma_.lower() in DECLARING_VERBS and head.head.tag_ in ("VBD", "VBN") \
            and trigger.entry.sub_event_type == "Agreement" and not _describes_party(head.head) and not _definite(head):
        return head.head  # "the regime announced a nationwide ceasefire for three days", "signed a deal"
    if head.dep_ == "dobj" and head.head.pos_ == "VERB" and head.head.lemma_.lower() in WITNESSING_VERBS:
        return head.head  # "Douma witnessed fierce clashes on Monday": what befell its subject, placed by the clause
    harming = _harm_told(head)
    if harming is not None:
        return harming  # "were injured due to an attack with mortar rounds"
    if head.dep_ not in ("nsubj", "nsubjpass") or head.head.pos_ not in ("VERB", "AUX"):
        return None
    verb = head.head
    if _occurrence(verb):
        return verb
    if head.dep_ == "nsubj" and trigger.entry.event_type == "Explosions/Remote violence" and _joined(verb) & IMPACT_VERBS:
        return verb  # "two explosions rocked the Mezzeh district on Thursday": the blast, where it hit
    if head.dep_ == "nsubj" and head.lemma_.lower() in ABSTRACT_SUBJECTS and _joined(verb) & TOLL_VERBS:
        return verb  # "the fighting killed 18": the verb is figurative (`figurative`), the noun tells it
    if head.dep_ == "nsubjpass" and verb.lemma_.lower() in OCCURRENCE_PASSIVES:
        return verb
    plan = verb if verb.lemma_.lower() in PLANNING else next(
        (c for c in verb.children if c.dep_ == "acomp" and c.lemma_.lower() in PLANNING), None)
    start = next((c for c in plan.children if c.dep_ == "xcomp" and _joined(c) & PLANNED_STARTS), None) \
        if plan is not None else None
    return start


EXPOSURE_PREPS = WORDS["exposure_preps"]
DECLARING_VERBS = WORDS["declaring_verbs"]
WITNESSING_VERBS = WORDS["witnessing_verbs"]


def _exposed_to(noun: Token) -> Token | None:
    """The verb of a noun of an act that is the object of a verb and preposition of words.tsv
    exposure_preps ("came under shelling", "came under the heavy airstrikes of the Russian
    warplanes"): what befell its subject, the clause tells it; None for any other noun."""
    prep = noun.head if noun.dep_ == "pobj" else None
    if prep is None or prep.dep_ != "prep" or prep.head.pos_ != "VERB":
        return None
    return prep.head if f"{prep.head.lemma_.lower()}_{prep.lower_}" in EXPOSURE_PREPS else None


MEASURE_NOUNS = WORDS["measure_nouns"]
LAUNCH_VERBS = WORDS["launch_verbs"]
HARM_OUTCOMES = WORDS["harm_outcomes"] | DEATH_NOUNS
CAUSE_PREPS = ("from", "in", "by")
VICTIM_DEPS = ("dobj", "nsubjpass", "pobj", "prep")  # the way up from the victims' phrase to the verb of harm
HARMING = HARM_OUTCOMES | HARM_WORDS  # a word of harm done, a noun or a verb


def _harm_told(noun: Token) -> Token | None:
    """The verb of the clause that tells the harm a noun of an act did, which says the act happened
    (words.tsv harm_outcomes): the act after "from", "in", "by" or "due to" hung on a word of harm
    ("the death of five members in airstrikes", "were injured due to an attack with mortar rounds"),
    or on the victims of one ("injured a number of civilians in mortar attacks"),
    or the subject of a past verb whose object or "in" phrase is one ("rocket fire caused several
    casualties", "clashes resulted in the deaths of 30"); not an act known already ("the toll from
    the blast": its toll is told back to it), nor one whose toll is reported ("the death toll from a
    bomb blast reached 112 on Sunday": the day of the report, not of the blast), nor a campaign that
    goes on ("bombardment was causing huge casualties")."""
    if _definite(noun):
        return None
    if noun.dep_ == "pobj":
        prep = noun.head
        if prep.lower_ == "to" and prep.head.lower_ == "due":
            prep = prep.head  # the parse hangs the act on "to" or on "due"
        harm = prep.head if prep.lower_ in (*CAUSE_PREPS, "due") else None
        while harm is not None and harm.lemma_.lower() not in HARMING \
                and harm.dep_ in VICTIM_DEPS and harm.pos_ in ("NOUN", "PROPN", "NUM", "ADP"):
            harm = harm.head  # "injured a number of civilians in mortar attacks": hung on the victims
        if harm is None or harm.lemma_.lower() not in HARMING:
            return None
        return next((w for w in (harm, *harm.ancestors) if w.pos_ in ("VERB", "AUX")), None)
    if noun.dep_ != "nsubj" or noun.head.pos_ != "VERB" or noun.head.tag_ not in ("VBD", "VBN"):
        return None  # "bombardment was causing huge casualties": a campaign going on
    verb = noun.head
    outcomes = [c for c in verb.children if c.dep_ == "dobj"] + \
        [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children if g.dep_ == "pobj"]
    return verb if any(o.lemma_.lower() in HARM_OUTCOMES for o in outcomes) else None


DEFINITE = ("the", *DEMONSTRATIVES)


def _describes_party(verb: Token) -> bool:
    """A relative clause whose subject is the relative pronoun describes the noun it hangs on ("an
    alliance that has mounted a major Aleppo offensive"); not "the city where several groups
    launched an offensive", a clause of its own subject."""
    return verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.tag_ in ("WDT", "WP") for c in verb.children)


def describes_fighter(verb: Token, entry: lexicon.Trigger) -> bool:
    """A verb of fighting between parties (triggers.tsv: Armed clash, many parties) in a clause that
    describes a party, with no date of its own: a relative clause on a common noun whose subject is the
    relative pronoun ("people who fought them", "fighters who have been fighting ISIS", "groups that
    ... continue to fight alongside it") or a participle on its own noun subject ("rival rebel groups also
    battling Assad"): what the party does, no happening. Not "rebels who fought troops in Hama on
    Friday" (dated), nor "Rebels fought troops in Hama" (a clause of its own)."""
    if verb.pos_ != "VERB" or not entry.many_parties or entry.sub_event_type != "Armed clash":
        return False
    if any(t.ent_type_ in ("DATE", "TIME") for t in verb.subtree):
        return False
    clause = verb
    while clause.dep_ in ("xcomp", "conj") and clause.head.pos_ in ("VERB", "AUX"):
        clause = clause.head  # "that have failed to break ranks and continue to fight": the relative clause
    if _describes_party(clause):
        return clause.head.pos_ == "NOUN"  # a kind of party picked out by its fighting; a named one's
        # history ("Islamic State, which has fought the army, ...") is left to dating, background
    return verb.tag_ == "VBG" and verb.dep_ != "ROOT" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children) \
        and any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in verb.children)


IN_FORCE_VERBS = WORDS["in_force_verbs"]


def kept_or_broken(trigger: TriggerMatch) -> bool:
    """An agreement named as the object (or passive subject) of a verb of keeping or breaking it
    (words.tsv in_force_verbs: "groups breached the cessation of hostilities agreement", "the center
    for monitoring the truce", "the ceasefire has been violated"): one already in force, told in
    passing, as after dating.in_force's prepositions; not "the two sides signed an agreement"."""
    head = trigger.head
    if trigger.entry.sub_event_type != "Agreement" or head.pos_ not in ("NOUN", "PROPN"):
        return False
    verb = next((a for a in head.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.lemma_.lower() not in IN_FORCE_VERBS:
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    # the agreement in the verb's object ("monitoring the cessation of hostilities agreement"), or
    # hung on the verb itself by a parse that split the name ("breached the cessation of hostilities
    # agreement 3 times"), never its subject
    return any(head in o.subtree for o in objects) or (head.head == verb and head.dep_ != "nsubj")


def _definite(noun: Token) -> bool:
    """A noun with "the", a demonstrative or an owner ("its offensive"): one known already."""
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in noun.children)


RESULT_VERBS = WORDS["result_verbs"]


def _agent_of(noun: Token) -> Token | None:
    """The past passive of a verb of what an act did to its target (words.tsv result_verbs) whose
    agent is a noun of an act told for the first time: its clause tells the act, where and when ("The
    mosque in Kafr Zeita was destroyed by Russian airstrikes"); not a participle that describes a noun
    ("a hospital destroyed by airstrikes"), an act known already ("was destroyed by the airstrikes"),
    nor another verb ("was followed by bombardment")."""
    if noun.dep_ != "pobj" or noun.head.dep_ != "agent" or _definite(noun):
        return None
    verb = noun.head.head
    if verb.pos_ != "VERB" or verb.tag_ != "VBN" or verb.lemma_.lower() not in RESULT_VERBS \
            or not any(c.dep_ == "nsubjpass" for c in verb.children):
        return None
    return verb if any(c.dep_ == "auxpass" and c.tag_ in ("VBD", "VBN") for c in verb.children) else None


def _tolled(noun: Token) -> Token | None:
    """The toll noun (words.tsv toll_nouns) whose "from", "of" or "in" phrase names an act told for
    the first time: news gives the dead of a new act as the toll of it ("The death toll from a bomb
    blast on a crowded bus convoy outside Aleppo reached 112", "the toll from Tuesday's rocket
    attacks on the neighbourhood was put at 8"), and the parse hangs the act's own place on the toll,
    which stands for the act; None for an act known already ("the toll from the blast rose to 20":
    its toll is told back to it) or any other noun."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("from", "of", "in") \
            or noun.head.head.lemma_.lower() not in TOLL_NOUNS:
        return None
    if any((c.dep_ == "det" and c.lower_ in DEFINITE) or (c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME"))
           for c in noun.children):
        return None  # "Tuesday's rocket attacks": a day, no owner
    return noun.head.head


def _measured(noun: Token) -> Token:
    """The noun that counts or groups a noun of happenings (words.tsv measure_nouns: "a fresh round
    of talks", "dozens of air raids"), which stands for it in the clause; else the noun itself."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in MEASURE_NOUNS:
        return noun.head.head
    return noun
OCCURRENCE_PASSIVES = WORDS["occurrence_passives"]
PLANNED_STARTS = WORDS["planned_starts"]
TOLL_VERBS = WORDS["toll_verbs"]


IMPACT_VERBS = WORDS["impact_verbs"]
MISREAD_LEMMAS = dict(pair.split("=") for pair in WORDS["misread_lemmas"])


def _lemma(verb: Token) -> str:
    """A verb's lemma, put right where the lemmatizer reads it wrong (words.tsv misread_lemmas: "raged"
    is "rag" to it)."""
    lemma = verb.lemma_.lower()
    return MISREAD_LEMMAS.get(lemma, lemma)


def _joined(verb: Token) -> set[str]:
    """A verb's lemma, and its lemma joined to each particle or object's ("take_place", "claim_life")."""
    lemma = _lemma(verb)
    return {lemma, *(f"{lemma}_{c.lemma_.lower()}" for c in verb.children if c.dep_ in ("prt", "dobj"))}


OCCURRENCE_PREDICATES = WORDS["occurrence_predicates"]


def _occurrence(verb: Token) -> bool:
    """Does the verb (words.tsv occurrence_verbs), or "be" with its predicate (occurrence_predicates:
    "are ongoing", "were under way"), only say that its subject happened or is going on?"""
    said = _joined(verb)
    if verb.lemma_ == "be":
        said |= {c.lower_ for c in verb.children if c.dep_ == "acomp"}
        said |= {f"{c.lower_}_{g.lower_}" for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"}
    # "the truce came into force", "went into effect": the verb joined to its phrase
    said |= {f"{_lemma(verb)}_{c.lower_}_{g.lemma_.lower()}" for c in verb.children if c.dep_ == "prep"
             for g in c.children if g.dep_ == "pobj"}
    return bool(said & (OCCURRENCE_VERBS | OCCURRENCE_PREDICATES))


def noun_is_anchored(trigger: TriggerMatch, timexes: Sequence[Timex], place: "PlaceChoice | None") -> bool:
    """A noun trigger ("the evacuation", "a meeting") reports a happening when its own phrase
    holds a date or a place: "a meeting Saturday in Qatar", "evacuations at bases in Damascus";
    a vague "recent" or "in the past" dates no happening ("airstrikes to slow the recent advance")."""
    head = trigger.head
    if accompanies(head) or told_with_its_doer(head):
        return True
    subtree = list(head.subtree)
    first, last = subtree[0].idx, subtree[-1].idx + len(subtree[-1])
    if any(first <= t.start < last and t.type in ("DATE", "TIME") and not t.value.endswith("_REF")
           for t in timexes):
        return True
    return any(ent.label_ in ("GPE", "LOC", "FAC") and place_for(ent) is not None
               and (_placed_in(ent, head) or _fought_for(ent, head, trigger.entry))
               for ent in DocIndex.of(head.doc).ents if first <= ent.start_char < last and ent.root != head)


def _fought_for(ent: Span, noun: Token, entry: lexicon.Trigger) -> bool:
    """A place a clash is "for" is where it is fought ("the two-week-old battle for Zabadani has cost
    the lives of 63 rebels", "the fight for Aleppo"): the noun's own phrase names the place contested;
    not a strike "for" a town ("air strikes for the sake of Aleppo": no clash)."""
    prep = ent.root.head
    return entry.kind == "clash" and ent.root.dep_ == "pobj" and prep.lower_ == "for" and prep.head == noun


FIRST_TELLING_DETERMINERS = ("a", "an", "another", "some")


def told_with_its_doer(noun: Token) -> bool:
    """A noun of a happening told for the first time (no determiner but "a", "an", "another", "some";
    no owner) whose own phrase names who does it ("fierce fighting between regime forces and ISIS",
    "cross-border artillery fire by Turkish troops"): a particular happening, the news, though its
    phrase names neither place nor date; not one told back ("the offensive by the army") nor one
    denied ("no strikes by the coalition"), nor the subject of a verb in the progressive (a campaign
    going on: "bombardment by Syrian forces was causing huge casualties"). Tried and left out: an
    object of words.tsv acting_verbs ("pressing a battle", "carried out air strikes"): read set
    recall +2 but validation precision -1."""
    if any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ not in FIRST_TELLING_DETERMINERS)
           for c in noun.children):
        return False
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.tag_ == "VBG":
        return False  # "aerial bombardment by Syrian forces was causing huge casualties": what goes on
    return any(c.dep_ == "prep" and c.lower_ in ("by", "between") and any(g.dep_ == "pobj" for g in c.children)
               for c in noun.children)


ACCOMPANYING_VERBS = WORDS["accompanying_verbs"]


def accompanies(noun: Token) -> bool:
    """A noun of a happening set beside a clause by a verb of words.tsv accompanying_verbs
    ("Battles continued in Hama coinciding with dozens of air raids", "accompanied by heavy
    shelling") happened where and when that clause did; not the verb's own clause ("They are
    believed to be accompanied by Russian air strikes")."""
    noun = _measured(noun)
    prep = noun.head if noun.dep_ == "pobj" else None
    return prep is not None and prep.lower_ in ("with", "by") and prep.head.lemma_.lower() in ACCOMPANYING_VERBS \
        and prep.head.dep_ in ("acl", "advcl")  # a participle beside the clause, not "they are accompanied by"


def _placed_in(ent: Span, head: Token) -> bool:
    """The place is where the noun's happening is: the object of a place preposition ("strikes in
    Idlib"), or a word of one ("air strikes on the Ain Tarma area")."""
    path = path_up(ent.root, head)
    if path is not None and crosses_clause(path):
        return False  # "strikes by the coalition fighting IS in Syria": the clause's place, not the strikes'
    if governing_prep(ent) in PLACE_PREPS:
        return True
    return path is not None and bool(preps_on(path) & PLACE_PREPS)


@lru_cache(maxsize=4)
def _instrument_index(folder: str) -> dict[str, list[tuple[tuple[str, ...], lexicon.Instrument]]]:
    return by_first_word(lexicon.instruments(folder).items())


def _forms(token: Token) -> tuple[str, ...]:
    """A token's lemma, and its lower-cased text without a plural s: a headline's "Airstrikes" is
    a proper noun the lemmatiser leaves alone; and a model's designation without its number, its
    maker's name ("Sukhoi-34", "MiG-23": a "sukhoi", a "mig")."""
    return _word_forms(token.lemma_.lower(), token.lower_)


@lru_cache(maxsize=65536)
def _word_forms(lemma: str, text: str) -> tuple[str, ...]:
    """`_forms` of a token of this lower-cased lemma and text."""
    maker, dash, number = text.rpartition("-")
    return (lemma, text, text[:-1] if text.endswith("s") and len(text) > 3 else text,
            maker if dash and maker and number.isdigit() else text)


@per_span
def instruments_in(sentence: Span) -> list[tuple[tuple[Token, ...], lexicon.Instrument]]:
    """The instruments a sentence names (data/lexicon/instruments.tsv), longest match first (the
    list is shared by every caller: not to be changed)."""
    doc_index = DocIndex.of(sentence.doc)
    index = _instrument_index(doc_index.folder)
    # each token's forms from the doc's strings, a Token only for the words of an instrument
    tokens = [_word_forms(lemma, text) for lemma, text in zip(doc_index.lemmas[sentence.start:sentence.end],
                                                              doc_index.lowers[sentence.start:sentence.end])]
    found, position = [], 0
    while position < len(tokens):
        step = 1
        entries = [e for form in tokens[position] for e in index.get(form, ())]
        for words, entry in {e[1].words: e for e in entries}.values() if entries else ():
            window = tokens[position:position + len(words)]
            if len(window) == len(words) and all(w in forms for forms, w in zip(window, words)):
                start = sentence.start + position
                found.append((tuple(sentence.doc[start:start + len(words)]), entry))
                step = len(words)
                break
        position += step
    return found


def decided_by_instrument(trigger: TriggerMatch) -> bool:
    """A killing, a clash or a strike: the instrument its phrase names says what kind it was; not a
    word told through another's row, the fight a taking is the aim of (`purpose`)."""
    return trigger.entry.kind in INSTRUMENT_KINDS and not trigger.entry.control \
        and trigger.head.lemma_.lower() == trigger.entry.lemma.split()[0]


def instrument_for(sentence: Span, trigger: TriggerMatch) -> lexicon.Instrument | None:
    """The instrument that says how the trigger's happening was done: in the trigger's own phrase
    (its subtree) the highest ranked, then the nearest; else the nearest named in the sentence. The
    trigger's own words alone are no instrument (its row in triggers.tsv says what it means), but an
    instrument of more words than them is ("air attacks", "a gas attack")."""
    own = {t.i for t in trigger.tokens}
    head = trigger.head
    victims = _victims(head) | _downed(sentence, trigger)
    # an instrument that is more than the trigger's own words names it ("air attacks", "gas attack")
    # an act that times a harm tells how it was done ("died after warplanes bombarded the area");
    # one that times any other act is another ("bombarded Damascus a day after a chemical attack")
    harm = head.lemma_.lower() in HARM_OR_DEATH_VERBS
    found = [(words, entry) for words, entry in instruments_in(sentence)
             if not {t.i for t in words} <= own and words[0].i not in victims
             and (harm or not _another_act(words[0], head)) and not _beside(words[0], head)]
    if not found:
        return None
    # a verb the parse hung on its subject ("a suicide bomb blast killed 16": "killed" as acl of
    # "blast") has that subject in its phrase
    phrase = {t.i for t in (head.head if head.dep_ in ("acl", "relcl") else head).subtree}
    inside = [(words, entry) for words, entry in found if words[0].i in phrase]
    if inside:
        return min(inside, key=lambda item: (-item[1].rank, abs(item[0][0].i - head.i)))[1]
    if head.pos_ != "VERB" or names_its_mode(trigger):
        return None
    return min(found, key=lambda item: (abs(item[0][0].i - head.i), -item[1].rank))[1]


def names_its_mode(trigger: TriggerMatch) -> bool:
    """Does the trigger's own word name how the act was done, being an instrument of
    instruments.tsv ("shelled", "raided", "bombarded")? Then only an instrument of its own phrase
    says otherwise ("shelled the town with mortars"), not one of another clause ("air strikes
    killed five as rebels shelled Zahraa": the shelling is shelling); a verb that does not ("killed",
    "hit", "targeted") takes the nearest the sentence names."""
    return trigger.entry.lemma in lexicon.instruments(DocIndex.of(trigger.head.doc).folder)


def _another_act(token: Token, head: Token) -> bool:
    """Is the token in a phrase that times the trigger by another happening (words.tsv
    sequence_words), outside the trigger's own phrase: "bombarded the suburbs a day after the
    opposition accused the army of a chemical weapons attack" (the chemical attack is the other)."""
    above = {t.i for t in head.ancestors} | {head.i}
    phrase = [t for t in [token, *token.ancestors] if t.i not in above]
    return any(t.lower_ in SEQUENCE_WORDS or any(c.dep_ == "mark" and c.lower_ in SEQUENCE_WORDS for c in t.children)
               for t in phrase)


CONTRAST_MARKS = WORDS["contrast_marks"]


def _beside(token: Token, head: Token) -> bool:
    """Is the token, below the trigger, in a clause of contrast (words.tsv contrast_marks: "while",
    "whereas") that tells another act beside it: "The rebel barrage killed 10 people while the
    government air strikes fired at Eastern Ghouta killed 82" (the air strikes are the other act's)?"""
    path = path_up(token, head)
    return path is not None and any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for t in path[:-1] for c in t.children)


SUBJECT_DEPS = ("nsubj", "nsubjpass")


def _clause_head(token: Token) -> Token | None:
    """The verb heading a trigger's own finite clause with a subject of its own: the trigger itself
    when it has a subject ("a car bomb exploded"), the verb it is the subject of ("other air raids
    took place"); None otherwise."""
    if token.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECT_DEPS for c in token.children):
        return token
    if token.dep_ in SUBJECT_DEPS and token.head.pos_ in ("VERB", "AUX"):
        return token.head
    return None


def in_clauses_of_their_own(sentence: Span, first: int, second: int) -> bool:
    """Do the triggers at these character offsets head two finite clauses, each with its own subject,
    one joined to the other as a clause of contrast (words.tsv contrast_marks: "while", "whereas") or
    by a conjunction ("and")? Then they tell two acts side by side, whatever they share: "Three children
    were killed in five separate air raids on Jisr al-Shigour while a car bomb exploded outside a mosque
    in the city"; not one verb and its own phrase ("air strikes killed 39 people", "killed when
    warplanes bombed the town": a clause of how, no contrast)."""
    tokens = {t.idx: t for t in sentence}
    heads = [_clause_head(tokens[i]) if i in tokens else None for i in (first, second)]
    if heads[0] is None or heads[1] is None or heads[0].i == heads[1].i:
        return False
    for upper, lower in (heads, heads[::-1]):
        if lower.head.i != upper.i:
            continue
        if lower.dep_ == "conj":
            return True
        return lower.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in lower.children)
    return False


def _shared_conjuncts(verb: Token) -> list[Token]:
    """The verbs conjoined to a verb that take its subject, having none of their own ("killed ISIS
    terrorists and destroyed a car bomb")."""
    return [c for c in verb.conjuncts if c.i > verb.i and c.pos_ == "VERB"
            and not any(d.dep_ in SUBJECT_DEPS for d in c.children)]


def _victims(head: Token) -> set[int]:
    """The token indices of whom a verb of harm or death harmed (its object or passive subject,
    words.tsv harm_words and death_verbs) or what it destroyed (objected_verbs): an instrument named among
    them is who suffered, not how ("eliminated over 75 militants including the suicide bombers" is no
    suicide bombing, "destroyed radio-controlled aircrafts" no air strike)."""
    if head.pos_ != "VERB":
        return set()
    # and a verb of harm conjoined to it, sharing its subject: "the army air force killed ISIS
    # terrorists and destroyed a car bomb" (the car bomb was destroyed, no means of the killing)
    harmers = [v for v in (head, *_shared_conjuncts(head)) if v.lemma_.lower() in HARMED_BY_VERBS]
    victims = {t.i for v in harmers for c in v.children if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree}
    # a phrase of means the parse hung on them is the verb's ("25 civilians killed 80 injured in
    # rocket attacks": "in rocket attacks" tells how)
    means = {t.i for i in victims for c in head.doc[i].children
             if c.dep_ == "prep" and c.lower_ in MEANS_PREPS for t in c.subtree}
    return victims - means


def _downed(sentence: Span, trigger: TriggerMatch) -> set[int]:
    """The token indices of what another trigger of the sentence shot down or intercepted (TARGET_KINDS):
    a target there, not how the trigger's act was done ("thwarted an attack ... shooting down 4 RC
    drones" is no air strike)."""
    return {t.i for m in find_triggers(sentence) if m.entry.kind in TARGET_KINDS and m.head.i != trigger.head.i
            for o in _objects(m.head) for t in o.subtree}


STRIKE = "strike"  # the kind of the triggers.tsv rows of a light verb of violence ("fired", "dropped")
MEANS_PREPS = ("in", "by", "with", "from", "during", "due", "after")


def lacks_instrument(sentence: Span, trigger: TriggerMatch) -> bool:
    """A light verb of violence ("dropped", "carried out", "fired") without an instrument in its
    own phrase reports no violence: "dropped its demand", "fired the commander"; not a row of the
    verb that tells its act by its own words ("shot dead", "shot down": a killing, a downing, no strike)."""
    if trigger.head.lemma_.lower() not in INSTRUMENT_VERBS or trigger.entry.kind != STRIKE:
        return False
    head = trigger.head
    # its subtree, and the few words before it (a subject the parse attached elsewhere: "as a
    # missile is fired")
    phrase = ({t.i for t in head.subtree} | set(range(max(head.i - 4, 0), head.i))) - {t.i for t in trigger.tokens}
    return not any(words[0].i in phrase for words, _ in instruments_in(sentence))


KIND_OF_TYPE = {"Battles": "clash", "Explosions/Remote violence": "strike",
                "Violence against civilians": "attack on civilians"}


def violence_type(sentence: Span, trigger: TriggerMatch) -> tuple[str, str, str]:
    """(event type, sub-event type, kind) of a trigger, the instrument deciding where it may."""
    entry = trigger.entry
    act = _object_act(sentence, trigger)
    if act is not None:
        doer = _doer_instrument(sentence, trigger) if decided_by_instrument(act) \
            and instrument_for(sentence, act) is None else None
        if doer is not None:  # "Two suicide bombers have conducted an attack": the doer says how
            return doer.event_type, doer.sub_event_type, KIND_OF_TYPE.get(doer.event_type, act.entry.kind)
        return violence_type(sentence, act)
    if entry.lemma in FOILED_ASSAULTS and not entry.control and instrument_for(sentence, trigger) is None:
        return "Battles", "Armed clash", KIND_OF_TYPE["Battles"]  # an assault stopped: a fight
    if decided_by_instrument(trigger):
        instrument = instrument_for(sentence, trigger)
        if instrument is not None:
            return (instrument.event_type, instrument.sub_event_type,
                    KIND_OF_TYPE.get(instrument.event_type, entry.kind))
        if by_ground_force(trigger):
            return "Battles", "Armed clash", KIND_OF_TYPE["Battles"]
        doer = _subject_act(sentence, trigger)
        if doer is not None:  # "Another strike targeted a settlement": the strike says what it was
            return violence_type(sentence, doer)
    if entry.lemma in EVACUATION_WORDS and _fighters_evacuated(trigger):
        return "Strategic developments", "Non-violent transfer of territory", entry.kind
    return entry.event_type, entry.sub_event_type, entry.kind


EVACUATION_WORDS = WORDS["evacuation_words"]
EVACUATED_FIGHTERS = WORDS["evacuated_fighters"]
EVACUEE_DEPS = ("nsubj", "nsubjpass", "dobj", "agent", "prep")


def _fighters_evacuated(trigger: TriggerMatch) -> bool:
    """Does an evacuation move a side's fighters out of a place, or out of a place they held (words.tsv
    evacuated_fighters in its subject, object, agent or prepositional phrases: "Daraya was evacuated by
    rebels", "2200 evacuated from opposition-held Madaya")? Then it hands the place over; an
    evacuation of civilians or of a state's personnel does not."""
    return any(t.lemma_.lower() in EVACUATED_FIGHTERS or t.lower_ in EVACUATED_FIGHTERS
               for c in trigger.head.children if c.dep_ in EVACUEE_DEPS for t in c.subtree)


def _subject_act(sentence: Span, trigger: TriggerMatch) -> TriggerMatch | None:
    """The noun of a strike (a triggers.tsv row of kind strike: "strike", "raid", "shelling") that is
    the subject of a verb telling violence with no instrument named, which says what the act was:
    "the coalition's strikes hit the city of Al Bukamal" (air strikes, no shelling), "the Saturday
    strike hit dormitories"; not a noun that names no strike ("the attack hit a market")."""
    head = trigger.head
    if head.pos_ != "VERB":
        return None
    subjects = {s.i for s in _subject_heads(head)}
    return next((m for m in find_triggers(sentence) if m.head.i in subjects and m.head.pos_ in ("NOUN", "PROPN")
                 and m.entry.kind == STRIKE and not m.entry.control), None)


FOILED_ASSAULTS = WORDS["foiled_assaults"]
GROUND_AIMING_VERBS = WORDS["ground_aiming_verbs"]
GROUND_FORCES = WORDS["ground_forces"]
AIR_WORDS = WORDS["air_words"]


def by_ground_force(trigger: TriggerMatch) -> bool:
    """A verb of aiming (words.tsv ground_aiming_verbs) whose doer is a ground force (ground_forces:
    "army units targeted gatherings of terrorists") with no instrument named is a fight, no shelling;
    not the air force ("the Air Force targeted", a word of the air on the doer)."""
    head = trigger.head
    if head.pos_ != "VERB" or trigger.entry.lemma not in GROUND_AIMING_VERBS:
        return False
    doers = _subject_heads(head)
    return any(d.lemma_.lower() in GROUND_FORCES for d in doers) and not any(
        t.lemma_.lower() in AIR_WORDS or t.lower_ in AIR_WORDS for d in doers for t in d.subtree)


def _object_act(sentence: Span, trigger: TriggerMatch) -> TriggerMatch | None:
    """The noun of an act that a light verb of violence (words.tsv instrument_verbs) has as its
    object, which says what the act was: "launched an assault on the town, prompting air strikes"
    is an assault, whatever instrument its phrase names elsewhere."""
    head = trigger.head
    if head.lemma_.lower() not in INSTRUMENT_VERBS:
        return None
    objects = {c.i for c in head.children if c.dep_ == "dobj"}
    return next((m for m in find_triggers(sentence) if m.head.pos_ in ("NOUN", "PROPN")
                 and objects & {t.i for t in m.tokens}), None)


def _doer_instrument(sentence: Span, trigger: TriggerMatch) -> lexicon.Instrument | None:
    """The highest ranked instrument named in the subject of a light verb of violence, which says how
    the act its object names was done when the act's own phrase does not: "Two suicide bombers have
    conducted an attack near police headquarters" (a suicide bombing), "a suicide bomber carried out
    the attack"; not "ISIS militants launched an assault"."""
    subject = {t.i for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    named = [entry for words, entry in instruments_in(sentence) if words[0].i in subject]
    return max(named, key=lambda entry: entry.rank, default=None)


def instrument_tokens(sentence: Span, trigger: TriggerMatch) -> frozenset[int]:
    """The token indices of the instruments named in the trigger's own phrase (its subtree), whose
    owners act: "Russian warplanes", "regime air strikes"."""
    own = {t.i for t in trigger.tokens}
    phrase = {t.i for t in trigger.head.subtree}
    if trigger.entry.kind in TARGET_KINDS:
        # "a Russian helicopter was shot down", "intercepted a missile": what was downed is the target
        phrase -= {t.i for o in _objects(trigger.head) for t in o.subtree}
    return frozenset(t.i for words, _ in instruments_in(sentence) if words[0].i in phrase
                     for t in words if t.i not in own)


def repair_reported_object(sentence: Span) -> None:
    """"Rebels captured Hama, the Observatory said": the statistical parser makes the object
    ("Hama") the subject of the reporting verb and the source its apposition, leaving the capture
    without its place. Give the object back to the verb before it and the reporting verb its
    subject (the parse of the doc is changed in place)."""
    lemmas = DocIndex.of(sentence.doc).lemmas
    for verb in (sentence.doc[i] for i in range(sentence.start, sentence.end) if lemmas[i] in REPORTING_LEMMAS):
        if verb.pos_ != "VERB":
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
        if subject is None:
            continue
        source = next((c for c in subject.children if c.dep_ == "appos" and c.i > subject.i), None)
        before = subject.left_edge.i - 1
        if source is None or before < sentence.start:
            continue
        reported = subject.doc[before]
        if reported.pos_ == "VERB" and reported.head == verb and reported.dep_ == "ccomp" \
                and not any(c.dep_ == "dobj" for c in reported.children):
            subject.head, subject.dep_ = reported, "dobj"
            source.head, source.dep_ = verb, "nsubj"
            DocIndex.of(sentence.doc).memo.clear()  # what was worked out on the old parse


def repair_misparsed_noun(sentence: Span) -> None:
    """"Turkey launched an air and ground offensive on Afrin": the statistical parser tags a noun
    trigger as an adjective hung on a noun before it ("offensive" on "air"), so no verb launches it and
    no trigger of nouns matches. An English adjective comes before its noun: a word of a noun trigger
    (triggers.tsv pos noun) hung as an adjective on a noun to its left, with no words of its own, is the
    head of that phrase, and the noun it was hung on its modifier (the parse of the doc is changed in
    place). Not a postponed adjective with words of its own ("forces loyal to Assad")."""
    index = DocIndex.of(sentence.doc)
    for word in sentence:
        noun = word.head
        if word.pos_ != "ADJ" or word.dep_ != "amod" or noun.i >= word.i or noun.pos_ not in ("NOUN", "PROPN") \
                or noun.dep_ == "ROOT" or any(True for _ in word.children) \
                or not any(words == (index.lemmas[word.i],) and "NOUN" in entry.pos
                           for words, entry in index.triggers.get(index.lemmas[word.i], ())):
            continue
        word.head, word.dep_, word.pos_ = noun.head, noun.dep_, "NOUN"
        noun.head, noun.dep_ = word, "compound"
        index.memo.clear()  # what was worked out on the old parse
