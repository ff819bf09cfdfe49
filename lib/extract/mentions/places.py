"""Where: the places a doc names, resolved once per doc (the lexicon's, else the gazetteer's best
candidate for this article), and the place of a mention (the one the parse binds to the trigger).

A name the gazetteer knows under several places is resolved as Mordecai resolves GeoNames candidates
(lib.extract.gazetteer.resolve): in the article's country, in the governorate its unambiguous places
mostly lie in (its own governorate, inferred from the text), near those places. A place the gazetteer
resolves is given as a lexicon Place: the lexicon's own row when it is the same place (so that every
article calls Deir ez-Zor by one name), else one made from the gazetteer's row, its governorate named
as the lexicon names governorates. A place name neither knows stays None: kept with its name, flagged
unknown.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from spacy.tokens import Span, Token

from lib.model import ControlEffect, split_relation
from lib.extract import lexicon
from lib.extract.lexicon import VIOLENT_TYPES
from lib.extract.mentions.index import DocIndex, TriggerMatch, actor_for, ents_in, per_span, place_for, span_text, tokens_with
from lib.extract.gazetteer import city_of_district, name_key
from lib.extract.mentions.name_runs import same_run
from lib.extract.mentions.relation import GOVERNORATE_NOUNS, relation_words
from lib.extract.mentions.parse import apposed, crosses_clause, governing_prep, path_up, preps_on, token_distance
from lib.extract.mentions.words import (WORDS, AWAY_PREPS, CITY_PART_NOUNS, TARGET_PLACE_PREPS, REPORTING_LEMMAS, CITY_REFERENCES, INSTRUMENT_KINDS, PLACE_NOUNS, PLACE_PREPS,
                                        SPECIFIC_PLACE_KINDS, TOPIC_NOUNS)

@dataclass(frozen=True)
class PlaceChoice:
    name: str
    known: bool
    place: lexicon.Place | None
    bound: bool = True  # tied to the trigger by the parse, not only near it


NEARNESS_WORDS = WORDS["nearness_words"]
PEOPLE_NOUNS = WORDS["people_nouns"]


def _nearness_to(token: Token) -> bool:
    """"to" after a word of nearness ("close to"): a place beside, no direction."""
    return token.lower_ == "to" and token.head.lower_ in NEARNESS_WORDS


def _beside(ent: Span) -> bool:
    """Is the entity the object of a "to" that a word of nearness governs (words.tsv nearness_words:
    "close to", "next to", "adjacent to")?"""
    root = ent.root
    while root.dep_ in ("conj", "compound") and root.head != root:
        root = root.head  # "close to the Bab al-Salama crossing": the name modifies the noun of the place
    return _nearness_to(root.head)


def choose_place(sentence: Span, trigger: TriggerMatch, last_city: PlaceChoice | None) -> PlaceChoice | None:
    chosen = _chosen_place(sentence, trigger, last_city)
    if chosen is not None and chosen.place is not None and chosen.place.kind not in WIDE_KINDS:
        return chosen  # a town, or a name kept as written
    if chosen is not None and chosen.place is None:
        return chosen
    if unnamed_settlement(sentence, trigger) is None:
        return chosen
    named = settlement_named_next(sentence, chosen.place if chosen is not None else None)
    return named if named is not None else chosen


WIDE_KINDS = ("country", "province", "region")
NAMED_NEXT_SENTENCES = 2  # how far after "a town in northern Syria" its name may come


def unnamed_settlement(sentence: Span, trigger: TriggerMatch) -> Token | None:
    """A settlement the act's phrase tells without its name, after "a" ("attacked a mainly Kurdish
    town in northeastern Syria", "killed in a Syrian village", "air strikes killed 22 people in a
    village in Idlib province": words.tsv town_nouns), tied to the trigger by the parse; None when
    there is none. Not "the town" (one named before: `city_referred`), nor a town with its name
    ("a town called Tibni")."""
    for token in tokens_with(sentence, lemmas=TOWN_NOUNS):
        if token.lemma_.lower() not in TOWN_NOUNS or token.ent_type_ \
                or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children) \
                or any(c.dep_ in ("compound", "appos", "acl") or (c.dep_ == "prep" and c.lower_ == "of")
                       for c in token.children):
            continue
        path = path_up(token, trigger.head)
        if path is not None and len(path) <= 10 and not crosses_clause(_outside_participle(path, trigger, True)):
            return token
    return None


def settlement_named_next(sentence: Span, container: lexicon.Place | None) -> PlaceChoice | None:
    """The settlement the next sentences name first (up to NAMED_NEXT_SENTENCES of them), a town or
    city known, or a name a place noun names ("The killings took place in the village of Rityan"),
    lying in the governorate the act's own sentence gave, if it gave one: what "a Syrian village" of
    a report's opening sentence was ("Ten children were among at least 48 people killed in a Syrian
    village ... The killings took place in the village of Rityan"). None when none is named."""
    doc = sentence.doc
    at = sentence.end
    for _ in range(NAMED_NEXT_SENTENCES):
        if at >= len(doc):
            return None
        following = doc[at].sent
        for ent in ents_in(following):
            if dateline(ent) or actor_for(ent) is not None:
                continue
            place = place_for(ent)
            if place is None and named_by_place_noun(ent) and ent.label_ != "NORP":
                return PlaceChoice(ent.text, False, unknown_within(ent.text, container)
                                   if container is not None and container.kind == "province" else None)
            if place is not None and place.kind in SPECIFIC_PLACE_KINDS and place.kind != "site" and (
                    container is None or container.kind != "province" or fits_within(place, container)):
                return PlaceChoice(place.name, True, place)
        at = following.end
    return None


def _chosen_place(sentence: Span, trigger: TriggerMatch, last_city: PlaceChoice | None) -> PlaceChoice | None:
    candidates = []
    violent = trigger.entry.event_type in VIOLENT_TYPES or trigger.entry.kind in INSTRUMENT_KINDS
    # "continue to battle for the town of Tabqa": what a fight is for is where it is fought
    contest = trigger.entry.event_type == "Battles" and not trigger.entry.control
    for ent in ents_in(sentence):
        named = named_by_place_noun(ent)
        if ent.label_ not in ("GPE", "LOC", "FAC") and not object_taken(ent, trigger) and not named:
            continue
        if dateline(ent) or based_in(ent):
            continue
        place = place_for(ent) or (gazetteer_place(ent) if named else None)
        if place is None and ent.text.lower() in PEOPLE_NOUNS:
            continue  # "Al-Qaeda attacks Syria Kurd town": a people (words.tsv people_nouns), no place
        actor = actor_for(ent)
        prep = governing_prep(ent)
        if prep not in AWAY_PREPS:
            place = facility_of(ent, place) or place
        if prep in ("to", "") and _beside(ent):
            prep = "near"  # "close to the Bab al-Salama crossing": where, not whither
        path = path_up(ent.root, trigger.head)
        if path is None and trigger.head.tag_ == "VBG" and trigger.head.dep_ in ("advcl", "acl"):
            # "the hospital in Kafar Hamra was destroyed in airstrikes, killing three": the killing
            # tells of the act of the clause it hangs on
            path = path_up(ent.root, trigger.head.head)
        goal = trigger.entry.goal_is_place
        if path is None and trigger.head.dep_ == "conj" and trigger.head.pos_ == "VERB" \
                and trigger.head.head.pos_ == "VERB":
            # "advanced on the city of Tabqa and killed 47 militants": a verb conjoined with another
            # shares its place; the goal of an advance is where the fighting is ("advance closer to
            # the center of Al Tabqah and kill 47 militants")
            path = path_up(ent.root, trigger.head.head)
            goal = goal or (path is not None and trigger.head.head.lemma_.lower() in ADVANCE_WORDS)
        if path is None:
            path = exposed_subject(ent, trigger) or fronted_for_report(ent, trigger)
        away = AWAY_PREPS - ({"to", "toward", "towards"} if goal else set()) \
            - ({"against"} if violent else set())  # "rocket attacks against neighbourhoods in Aleppo"
        fought_for = fought_over(ent) if contest else None
        if fought_for is not None and path is not None:
            path = [t for t in path if t.i != fought_for.i]
        if actor is not None and (place is None or (prep not in PLACE_PREPS and prep not in AWAY_PREPS)):
            continue  # a state named as an actor ("Iran began evacuating"), not as a place
        if violent and positioned(ent, trigger):
            continue  # "shells fired by terrorists positioned in Bani Zaid on al-Zaharra": where they stand
        if (prep in away and fought_for is None) or (path is not None and preps_on([t for t in path if not toward_side(t) and not _nearness_to(t)
                                                           and not for_purpose(t) and not for_whom(t, path)]) & away):
            continue
        if prep == "from" and trigger.entry.control == ControlEffect.GAIN and place is not None \
                and place.kind == "country":
            continue  # "seized the Golan Heights from Syria": Syria is who lost it, not where
        score = token_distance(ent, trigger)
        if path is not None and any(t.lemma_.lower() in TOPIC_NOUNS and t.pos_ in ("NOUN", "PROPN") for t in path[1:-1]):
            continue  # "to discuss developments in Syria": what it is about, not where
        antecedent = trigger.head.head if trigger.head.dep_ == "relcl" else None
        bound = ((path is not None and len(path) <= 10 and not crosses_clause(_outside_participle(path, trigger, violent)))
                 or (antecedent is not None and ent.root in (antecedent, apposed(antecedent)))
                 or (ent.root.dep_ in ("nsubj", "nsubjpass") and ent.root.head == trigger.head))
        if bound:
            score -= 100
        if ent.root.dep_ == "poss":
            score += 30
        if prep in PLACE_PREPS or (violent and prep == "against"):
            score -= 20  # "air strikes against Irbin": what an act of violence is against is where it hit
        if aside(ent, trigger) or doers_origin(ent, trigger):
            score += ASIDE_PENALTY
        if path is not None and other_conjunct(path, trigger):
            score += CONJUNCT_PENALTY
        if place is not None and place.kind in SPECIFIC_PLACE_KINDS:
            score -= 10
        if place is not None and place.kind == "country":
            score += 15
        candidates.append((score, bound, ent, place))
    if candidates and not any(c[1] for c in candidates):
        referred = city_referred(sentence, trigger, last_city)
        if referred is not None:
            return referred  # "Activists in Deir Ezzor said ... killed in shelling on parts of the city"
    if not any(c[1] for c in candidates):
        referred = facility_referred(sentence, trigger)
        if referred is not None:
            return referred  # "the fight over Tabqa base ... the army had bombed areas around the base"
    if not any(c[1] for c in candidates):
        referred = province_referred(sentence, trigger)
        if referred is not None:
            return referred  # "Idlib province ... U.S. air strikes have also hit several areas in the rural province"
    if candidates:
        _, bound, ent, place = within_province(within_country(min(candidates, key=lambda c: c[0]), candidates), candidates)
        if place is not None and place.kind == "city":
            place = around_city(place, sentence, trigger)
        inner = next((c for c in candidates if c[2].start != ent.start
                      and ((not wider(c[3], place) and (lies_in(c[2], ent) or located_by(c[2], ent)
                                                        or (not trigger.entry.control and part_of(c[2], ent))))
                           or (c[3] is not None and c[3].kind == "region" and on_outskirts(c[2], ent)))), None)
        if inner is not None and place is not None:
            # "the village of Tal Toughan in rural Idlib", "al-Maleh north of Aleppo": the place named
            # inside the one chosen, or located from it
            container, outer_ent, ent, place = place, ent, inner[2], inner[3]
            if place is None and landmark(ent):
                # "near the Public Park in al-Aziziyeh neighborhood": the act is at the known place
                # the landmark lies in, as ACLED codes the locality, not at a name no gazetteer holds
                return PlaceChoice(container.name, bool(container.kind), container, bound)
            if place is None or not fits_within(place, container, stated_km(ent, outer_ent)):
                name = written_name(ent) if place is None else ent.text
                return PlaceChoice(name, False, unknown_within(name, container), bound)
        elif place is not None and place.kind in SPECIFIC_PLACE_KINDS:
            # "al-Hamidiyeh village to the west of Quneitra city": a homonym the gazetteer has far
            # from the place it is located from is rather a village it lacks, beside that place
            outer, outer_ent = next(((c[3], c[2]) for c in candidates if c[2].start > ent.start and c[3] is not None
                                     and (lies_in(ent, c[2]) or located_by(ent, c[2]))), (None, None))
            if outer is not None and not fits_within(place, outer, stated_km(ent, outer_ent)):
                return PlaceChoice(ent.text, False, unknown_within(ent.text, outer), bound)
        if place is None:
            # a town's or a building's name, not a region's ("the Middle East", "the Euphrates River")
            # in the governorate the act's phrase puts it in, else one the act is tied to too ("In
            # Idlib province air strikes killed five people in Tal Nabhan"), else the article's
            holder = next((c[3] for c in candidates if c[3] is not None and c[2].start >= ent.end
                           and lies_in(ent, c[2])), None) if landmark(ent) else None
            if holder is not None:
                # "fell near the Public Park in al-Aziziyeh neighborhood", the park chosen: the act is at
                # the known place the landmark lies in, as when that place is chosen (the inner branch above)
                return PlaceChoice(holder.name, bool(holder.kind), holder, bound)
            name = written_name(ent)
            if unknown_region(ent):
                return PlaceChoice(name, True, region_without_point(name), bound)
            held = next((c[3] for c in candidates if c[1] and c[3] is not None and c[3].kind == "province"), None)
            own = (act_container(ent) or held or article_governorate(sentence.doc)) if ent.label_ != "LOC" else None
            return PlaceChoice(name, False, unknown_within(name, own) if own else None, bound)
        return PlaceChoice(place.name, bool(place.kind), place, bound)  # no kind: kept as written (unknown_within)
    if last_city is not None and (said := CITY_REFERENCES.search(span_text(sentence))):
        return last_city if said.group(0).lower() == "there" else whole_city(last_city)
    return None


def unknown_region(ent: Span) -> bool:
    """Is the entity a region's or a natural feature's name that neither the lexicon nor the gazetteer
    knows (the statistical model's LOC: "the Middle East", "the Levant", "the Euphrates River"; or a
    name a noun of a natural feature heads or follows, `feature_named`, even when listed with a town),
    not a place noun's name ("the village of Jbab Hamad", "Salsana village": a settlement they lack)?
    Then it is no unknown settlement but a region: `region_without_point`. Only for the place chosen
    itself: one told inside a known place ("Abed Hill" located from Jebb al-Jarrah) stays as it was."""
    root = ent.root
    of_place_noun = root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in PLACE_NOUNS
    return (feature_named(ent) and not of_place_noun) or (ent.label_ == "LOC" and not named_by_place_noun(ent))


FEATURE_NOUNS = WORDS["feature_nouns"]


def feature_named(ent: Span) -> bool:
    """Is the name one of a natural feature (words.tsv feature_nouns): headed by such a noun ("Abed
    Hill") or the name of one written right after it ("the Western side of Antar mountain")?"""
    last = ent[-1]
    if len(ent) > 1 and last.i == ent.root.i and last.lemma_.lower() in FEATURE_NOUNS:
        return True
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return after is not None and after.lemma_.lower() in FEATURE_NOUNS and ent.root.head.i == after.i \
        and ent.root.dep_ in ("compound", "nmod", "amod")


def region_without_point(name: str) -> lexicon.Place:
    """A region named as written, of the kind "region" (coded at a region's precision, events.GEO_PRECISION)
    but with no position, governorate or country: no point is made up for "the Middle East", and it is
    put in no governorate of the article's."""
    return lexicon.Place(name=name, kind="region", admin1="", country="", latitude=None, longitude=None)


def written_name(ent: Span) -> str:
    """The name of a place neither the lexicon nor the gazetteer knows, as written: the entity, with
    the one word before it when the statistical model cut that word off as an entity of its own, of
    another label, that is no place and no actor and modifies the same name ("hit in Dabet al-Mella
    village": "Dabet" an ORG, "al-Mella" a GPE; "Janah al-Salama"). Not a place of a list whose
    commas were lost ("in Kafr Zita Jub al-Rayan": Kafr Zita is a place of its own)."""
    before = next((e for e in ents_in(ent.sent) if e.end == ent.start), None)
    if before is None or len(before) != 1 or before.label_ in PLACE_LABELS or not before[0].is_title \
            or before.root.dep_ != "compound" or place_for(before) is not None or actor_for(before) is not None:
        return ent.text
    return span_text(ent.doc[before.start:ent.end])


FACILITY_NOUNS = WORDS["facility_nouns"]
FACILITY_HEADS = ("base", "airbase", "airport", "airfield")  # the nouns that end a facility's name
FACILITY_NAMES = ("{} air base", "{} airbase", "{} airport", "{} military airport", "{} base")


def facility_of(ent: Span, place: lexicon.Place | None) -> lexicon.Place | None:
    """The military facility a town's name is the name of, when words of a facility follow it
    (words.tsv facility_nouns: "the fight over Tabqa base", "near Tabqa military airport"): the
    gazetteer's base of that name, under any of the ways agencies call one (air base, airbase,
    airport, military airport, base), near the town when the town is known; None when the words
    end in no facility noun or the gazetteer has no such base."""
    doc = ent.doc
    end = ent.end
    while end < len(doc) and end - ent.end < 3 and doc[end].lower_ in FACILITY_NOUNS:
        end += 1
    if end == ent.end or doc[end - 1].lower_ not in FACILITY_HEADS:
        return None
    if doc[end - 1].dep_ == "pobj" and (doc[end - 1].head.lower_ in AWAY_PREPS or doc[end - 1].head.lower_ == "from"):
        return None  # "15 kilometres from the Tabaqa airport": near the town, not at the base
    from lib.extract.gazetteer import STRAY_KM, km_between
    gaz = _gazetteer()
    stem = re.sub(r"^(?:the)\s+", "", ent.text, flags=re.IGNORECASE)
    stems = dict.fromkeys([stem, *((place.name, *place.names) if place is not None else ())])
    texts = [span_text(doc[ent.start:end])] + [f.format(name) for name in stems for f in FACILITY_NAMES]
    for text in texts:
        for candidate in gaz.candidates(text):
            if candidate.kind != "base":
                continue
            if place is not None and place.latitude is not None and place.longitude is not None \
                    and km_between(candidate.lat, candidate.lon, place.latitude, place.longitude) > STRAY_KM:
                continue
            return as_lexicon_place(candidate, DocIndex.of(doc).folder)
    return None


ADVANCE_WORDS = WORDS["advance_words"]
TOWN_NOUNS = WORDS["town_nouns"]  # "advance closer to Al Tabqah": its goal is where it fights
EXPOSURE_STEPS = ("acl", "pobj", "prep", "agent", "acomp", "amod", "compound")  # from an act up to "were subject to"
EXPOSURE_PREPS = ("to", "under", "by")  # "subject to", "came under", "hit by": the act the subject suffered


def exposed_subject(ent: Span, trigger: TriggerMatch) -> list | None:
    """The path from a place in the subject of the clause that says what an act hit, to that clause
    ("homes in the district of Alwaer in Homs were subject to intense regime shelling"): the act's
    phrase hangs, through "to", "under" or "by", on the copula or a passive verb whose subject is the
    target; None when the act is not such a clause's complement or the place not in its subject."""
    clause, steps = trigger.head, 0
    while clause.dep_ in EXPOSURE_STEPS and clause.head != clause and steps < 6:
        if clause.dep_ == "prep" and clause.lower_ not in EXPOSURE_PREPS:
            return None  # "angry about the shelling of Aleppo": not what the subject suffered
        clause, steps = clause.head, steps + 1
    if steps == 0 or clause.pos_ not in ("VERB", "AUX") or not (
            clause.lemma_ in ("be", "come") or any(c.dep_ == "nsubjpass" for c in clause.children)):
        return None
    path = path_up(ent.root, clause)
    if path is None or len(path) < 2 or path[-2].dep_ not in ("nsubj", "nsubjpass"):
        return None
    return path


def fought_over(ent: Span) -> Token | None:
    """The "for" whose object is the place itself ("the battle for Tabqa", "to battle for the town of
    Tabqa", "clashed for control of Hama"), not a party or a purpose ("machineguns for Jabhat
    al-Nusra terrorists in the brick factory"); None when there is none."""
    head = place_head(ent)
    if head.dep_ == "pobj" and head.head.lower_ == "of" and (head.head.head.lemma_.lower() in PLACE_NOUNS
                                                             or head.head.head.lower_ == "control"):
        head = head.head.head  # "the town of Tabqa", "for control of Hama"
    return head.head if head.dep_ == "pobj" and head.head.lower_ == "for" else None


POSITION_PARTICIPLES = WORDS["position_participles"]


def positioned(ent: Span, trigger: TriggerMatch) -> bool:
    """Is the place in the phrase of a participle of where a party is (words.tsv position_participles)
    describing the doers, the act outside it: "rocket shells fired by terrorists positioned in Bani
    Zaid on al-Zaharra", "terrorists located in the Eastern Ghouta fired a rocket shell at Bab Touma"
    (not "regime forces positioned in Hama were attacked": the target's place is the act's)?"""
    token, steps = ent.root, 0
    while token.dep_ in ("compound", "conj", "appos", "pobj", "prep", "amod") and token.head != token and steps < 6:
        token, steps = token.head, steps + 1
    if token.lemma_.lower() not in POSITION_PARTICIPLES or token.dep_ not in ("acl", "relcl") \
            or token == trigger.head or token.is_ancestor(trigger.head):
        return False
    party = token.head  # the doers (the subject, or the agent after "by"), not the target
    return party.dep_ == "nsubj" or (party.dep_ == "pobj" and party.head.lower_ == "by")


def doers_origin(ent: Span, trigger: TriggerMatch) -> bool:
    """Is the place the object of a "from" on the act's subject, where its doers or victims come from
    ("Rebels from Daraa attacked army positions in Sweida", "Fighters from Idlib were killed in Hama"),
    not where the act is? (A place of its own only when no other is named.)"""
    root = ent.root
    while root.dep_ in ("compound", "conj") and root.head != root:
        root = root.head
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ == "from" and prep.dep_ == "prep" \
        and prep.head.dep_ in ("nsubj", "nsubjpass") and prep.head.head == trigger.head


def for_purpose(token) -> bool:
    """Is the token a "for" of purpose, before a gerund ("the authority for managing the liberated
    areas in Idlib"), which points at no place ("left for Iraq" does)?"""
    return token.dep_ == "prep" and token.lower_ == "for" and any(c.dep_ == "pcomp" and c.tag_ == "VBG"
                                                                 for c in token.children)


def for_whom(token, path: Sequence[Token]) -> bool:
    """Is the token a "for" of whom a thing is for, on the way from a place named deeper ("a center
    for the group in the town of Al-Atareb", "positions for Jaish al-Fateh and other terrorist
    organizations in Kafr Zita"): its object, on the path, a party (`_party`: no place noun and no
    name of a place; an actor's name, and the parties conjoined with it), placed by a preposition of
    place other than "of"? A "for" of direction takes
    the place ("left for Iraq", "left for the town of Azaz"); "for control of Hama" is what is sought."""
    if token.dep_ != "prep" or token.lower_ != "for":
        return False
    at = next((i for i, t in enumerate(path) if t.i == token.i), None)
    if at is None or at < 2:
        return False
    whom, k = path[at - 1], at - 2  # "the group", then the "in" that places it
    if whom.dep_ != "pobj" or not _party(whom):
        return False
    while k > 0 and path[k].dep_ == "conj" and path[k].head.i == path[k + 1].i and _party(path[k]):
        k -= 1  # "positions for Jaish al-Fateh and other terrorist organizations in Kafr Zita"
    where = path[k]
    return where.dep_ == "prep" and where.lower_ in PLACE_PREPS and where.lower_ != "of"


def _party(token) -> bool:
    """Is the token a noun of whom a thing may be for: a common noun that is no place noun and no
    name ("a center for the group"), or a name or noun the lexicon knows as an actor ("positions for
    Jaish al-Fateh", "for terrorist organizations")?"""
    if token.pos_ == "NOUN" and token.ent_type_ == "" and token.lemma_.lower() not in PLACE_NOUNS:
        return True
    ent = next((e for e in ents_in(token.sent) if e.start <= token.i < e.end), None)
    return ent is not None and actor_for(ent) is not None and place_for(ent) is None


def toward_side(token) -> bool:
    """Is the token the "to" of "to the southeast of the Panorama area", "to the north of Hama": a
    side of a place (a direction word of place_relations.tsv), where the happening is, not a direction
    it points in ("advanced to Hama")?"""
    if token.dep_ != "prep" or token.lower_ != "to":
        return False
    words = DocIndex.of(token.doc).once(relation_words)
    return any(c.dep_ == "pobj" and words.has("direction", c.lower_)
               and any(g.dep_ == "prep" and g.lower_ == "of" for g in c.children)
               for c in token.children)


def fronted_for_report(ent: Span, trigger: TriggerMatch) -> list | None:
    """The path from a place fronted before a report to the verb of saying, when the act is what is
    reported ("Meanwhile in northeastern Idlib province the Observatory said three children were
    killed in air strikes"): the place sets the scene of what is said, not of the saying; None
    otherwise (a place after the subject, "Activists in Deir Ezzor said", is the speakers')."""
    prep = ent.root.head
    while prep.dep_ == "pobj" or prep.dep_ == "compound":
        prep = prep.head
    verb = prep.head
    if prep.dep_ != "prep" or verb.lemma_.lower() not in REPORTING_LEMMAS:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    reported = path_up(trigger.head, verb)
    if subject is None or prep.i > subject.i or reported is None \
            or not any(t.dep_ == "ccomp" for t in reported[:-1]):
        return None
    return path_up(ent.root, verb)


def city_referred(sentence: Span, trigger: TriggerMatch, last_city: PlaceChoice | None) -> PlaceChoice | None:
    """The city "the city" or "the town" refers back to when the parse ties it to the trigger
    ("three civilians were killed in mortar shelling on the regime-held parts of the city"): the last
    town or city named before it, in its sentence or earlier; None when it is not tied or none is."""
    for token in tokens_with(sentence, lowers=("city", "town")):
        if token.lower_ not in ("city", "town") or token.i == 0 or token.nbor(-1).lower_ != "the":
            continue
        path = path_up(token, trigger.head)
        if path is None or len(path) > 10 or crosses_clause(_outside_participle(path, trigger, True)):
            continue
        before = [e for e in ents_in(sentence) if e.end <= token.i]
        named = [PlaceChoice(p.name, True, p) if p is not None else unlisted for e in before
                 for p, unlisted in [(place_for(e), laid_in_province(e, before))]
                 if (p is not None and p.kind in SPECIFIC_PLACE_KINDS) or (p is None and unlisted is not None)]
        if named:
            return whole_city(named[-1])
        return whole_city(last_city)
    return None


def whole_city(choice: PlaceChoice | None) -> PlaceChoice | None:
    """What "the city" or "the town" refers back to when the place told last is a district of a city
    (the gazetteer's `part_of`): its city ("Rebels advanced into the neighbourhoods of New Aleppo and
    Hamdaniyeh ... the army said they had not entered the city": Aleppo); any other place itself."""
    if choice is None or not choice.known or choice.place is None:
        return choice
    city = _city_place(city_of_district(choice.name))
    return PlaceChoice(city.name, True, city) if city is not None else choice


@lru_cache(maxsize=256)
def _city_place(key: str) -> lexicon.Place | None:
    return next((p for p in lexicon.places().values() if key and name_key(p.name) == key and p.kind == "city"), None)


def facility_referred(sentence: Span, trigger: TriggerMatch) -> PlaceChoice | None:
    """The military facility "the base", "the airport" or "the air base" refers back to when the parse
    ties it to the trigger ("the fight over Tabqa base ... Earlier on Sunday the air force had bombed
    areas around the base", "a successful evacuation of the airport"): the last facility the article
    named before it that the gazetteer knows (`facility_of`). So does "the neighborhood" ("the district":
    words.tsv city_part_nouns) to the last city part the article named with such a noun (`_named_as_part`).
    None when the noun has a name of its own ("the Kuweires airbase", "the neighborhood of Qaboun"), is
    plural ("the western neighborhoods"), is not tied, or none was named."""
    for token in tokens_with(sentence, lowers=FACILITY_HEADS, lemmas=CITY_PART_NOUNS):
        if token.ent_type_ or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) \
                or any(c.dep_ in ("compound", "amod") and (c.ent_type_ or c.pos_ == "PROPN") for c in token.children) \
                or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children) or token.tag_ == "NNS":
            continue
        path = path_up(token, trigger.head)
        if path is None or len(path) > 10 or crosses_clause(_outside_participle(path, trigger, True)):
            continue
        if token.lower_ in FACILITY_HEADS:
            named = [PlaceChoice(f.name, True, f) for e in token.doc.ents if e.end <= token.i and not dateline(e)
                     for f in [facility_of(e, place_for(e))] if f is not None]
        else:  # "the neighborhood": the last one named with a noun of a city's part
            named = [_part_named(e) for e in token.doc.ents if e.end <= token.i and not dateline(e)
                     and actor_for(e) is None and _named_as_part(e)]
        return named[-1] if named else None
    return None


def _named_as_part(ent: Span) -> bool:
    """Is the name one of a city's part, by the noun it modifies or follows ("Jamiyet al-Zahraa
    neighborhood", "the neighborhood of Qaboun": words.tsv city_part_nouns)? Not the city whose part is
    named ("the Akrameh neighbourhood of Homs"), nor a wider place."""
    place = place_for(ent)
    if place is not None and place.kind in ("city", *WIDE_KINDS):
        return False
    root, head = ent.root, place_head(ent)
    return (head != root and head.lemma_.lower() in CITY_PART_NOUNS) or (
        root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in CITY_PART_NOUNS)


def _part_named(ent: Span) -> PlaceChoice:
    """The place a name of a city's part gives: the known place, else the name as written, in the
    article's governorate."""
    place = place_for(ent)
    if place is not None:
        return PlaceChoice(place.name, True, place)
    name, own = written_name(ent), article_governorate(ent.doc)
    return PlaceChoice(name, False, unknown_within(name, own) if own else None)


def laid_in_province(ent: Span, ents: Sequence[Span]) -> PlaceChoice | None:
    """A name neither the lexicon nor the gazetteer knows, nor an actor, written as lying in a
    governorate the sentence names ("air raids on Jisr al-Shigour in Idlib province", whatever label
    the statistical model gave it): a town of that governorate, kept unknown; else None."""
    if actor_for(ent) is not None or ent.label_ not in PLACE_LABELS + ("ORG",):
        return None
    province = next((p for o in ents if o.start >= ent.end and lies_in(ent, o)
                     for p in [place_for(o)] if p is not None and p.kind == "province"), None)
    return PlaceChoice(ent.text, False, unknown_within(ent.text, province)) if province else None


def province_referred(sentence: Span, trigger: TriggerMatch) -> PlaceChoice | None:
    """The governorate "the province" refers back to when the parse ties it to the trigger ("U.S. air
    strikes have also hit several areas in the rural province", after "Idlib province contains ..."):
    the last governorate named before it, in its sentence or earlier, not the town told last; None
    when it is not tied, is named itself ("the province of Idlib", "Idlib province") or none is."""
    for token in tokens_with(sentence, lemmas=GOVERNORATE_NOUNS):
        if token.ent_type_ or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) \
                or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children) or token.tag_ == "NNS":
            continue
        path = path_up(token, trigger.head)
        if path is None and trigger.head.dep_ in ("nsubj", "nsubjpass"):
            path = path_up(token, trigger.head.head)  # "air strikes have hit areas in the province"
        if path is None or len(path) > 10 or crosses_clause(_outside_participle(path, trigger, True)):
            continue
        named = [p for e in token.doc.ents if e.end <= token.i and not dateline(e)
                 for p in [place_for(e)] if p is not None and p.kind == "province"]
        return PlaceChoice(named[-1].name, True, named[-1]) if named else None
    return None


ASIDE_PENALTY = 200  # more than binding by the parse: a place in an aside only when no other is named


def aside(ent: Span, trigger: TriggerMatch) -> bool:
    """Is the place in parentheses the trigger is outside of ("killed 47 militants (Daesh is outlawed
    in Russia)")? An aside (a disclaimer, a gloss) names the event's place only when nothing else does."""
    lowers, start = DocIndex.of(ent.doc).lowers, ent.sent.start
    if "(" not in lowers[start:ent.start]:
        return False  # no parenthesis opens before it

    def depth(position: int) -> int:  # parentheses open before the token at `position`
        return sum((word == "(") - (word == ")") for word in lowers[start:position])
    inside = depth(ent.start)
    return inside > 0 and depth(trigger.head.i) < inside


OUTSIDE_RELATIONS = ("near", "outskirts", "countryside")  # and "<direction> of": around the city, not in it


def around_city(place: lexicon.Place, sentence: Span, trigger: TriggerMatch) -> lexicon.Place:
    """A city the happening is only near ("rebel areas east of Damascus", "the Damascus suburbs"),
    when the city is a governorate of its own: the city, in the governorate around it (Rural
    Damascus), which is where it happened. Aleppo's outskirts are Aleppo's: unchanged."""
    from lib.extract.gazetteer import governorate_around
    from lib.extract.mentions.relation import relation_of
    relation = split_relation(relation_of(sentence, place.name, trigger))[0]
    if relation not in OUTSIDE_RELATIONS and not relation.endswith(" of"):
        return place
    around = governorate_around(place.name, place.latitude, place.longitude)
    if not around:
        return place
    _, admin1, _ = _lexicon_links(DocIndex.of(sentence.doc).folder)
    return replace(place, admin1=admin1.get(around, around))


# nouns between a place and the "in" that says what holds it: "in the northern countryside of Hama"
_HOLDING_NOUNS = frozenset({"countryside", "outskirts", "suburbs", "province", "governorate", "region", "area",
                            "part", "parts", "side", "rural", "of"})


def lies_in(inner: Span, outer: Span) -> bool:
    """Is `outer` named as the place `inner` lies in: "Tal Toughan in rural Idlib", "Harfa village in
    Quneitra Countryside", "the villages of Masqan and Ehras in the northern countryside of Aleppo"
    (an "in" phrase on the inner name, on its place noun, or on the name it is conjoined with), or
    "Kafr Nabl, a rebel-held town in Idlib" (on the place noun of an apposition), or
    "Jaramana city in Damascus Countryside", "al-Athamiyeh neighborhood in Aleppo city" as written
    (`written_in`), wherever the parser hung the "in"?"""
    if written_in(inner, outer):
        return True
    token, steps = place_head(outer), 0  # "in Aleppo city": from the place noun the name modifies
    while token.dep_ in ("pobj", "compound", "amod", "nmod", "prep") and token.lower_ != "in" and steps < 4:
        if token.dep_ == "prep" and token.lower_ not in _HOLDING_NOUNS:
            return False
        if token.dep_ != "prep" and token.i != outer.root.i and token.lower_ not in _HOLDING_NOUNS:
            return False
        token, steps = token.head, steps + 1
    if token.lower_ != "in" or token.dep_ != "prep":
        return False
    holder = token.head
    root = inner.root
    while root.dep_ == "conj" and root.head != root:
        root = root.head
    return (inner.start <= holder.i < inner.end
            or (root.head.i == holder.i and root.dep_ == "compound" and holder.pos_ == "NOUN")
            or (holder.dep_ == "appos" and holder.lemma_.lower() in PLACE_NOUNS and (
                holder.head.i == root.i or (root.dep_ == "compound" and holder.head.i == root.head.i)))
            or (root.head.lower_ == "of" and root.head.head.i == holder.i
                and holder.lemma_.lower() in PLACE_NOUNS))


def written_in(inner: Span, outer: Span) -> bool:
    """Is `outer` written right after `inner` as the place it lies in: the inner name, its place noun
    if any, "in", then only a determiner, adjectives and nouns of holding ("Harfa village in Quneitra
    Countryside", "Kafr Nabudah in the northern countryside of Hama", "Jaramana city in Damascus
    Countryside")? Read from the words, not the parse, which often hangs the "in" on the verb."""
    if inner.label_ not in PLACE_LABELS and place_for(inner) is None and not named_by_place_noun(inner):
        return False  # "regime fighters in Daraa": who is there
    doc = outer.doc
    at = inner.end
    while at < outer.start and doc[at].lemma_.lower() in PLACE_NOUNS:
        at += 1
    if at >= outer.start or doc[at].lower_ != "in":
        return False
    return all(t.pos_ in ("DET", "ADJ") or t.lower_ in _HOLDING_NOUNS for t in doc[at + 1:outer.start])


def part_of(inner: Span, outer: Span) -> bool:
    """Is `inner` named as a part of the city `outer`, by a noun of a city's parts and "of" (words.tsv
    city_part_nouns): "the Qaboun district of Damascus", "Al Qousour district of Syrias eastern city of
    Deir ez-Zor"? Between the "of" and the city only determiners, adjectives, the country and "city
    of" may stand. (Not for a change of hands: the control map reads "the Qaboun district of
    Damascus" as a pocket of the city's.)"""
    doc = outer.doc
    at = inner.end
    if at + 1 >= outer.start or doc[at].lemma_.lower() not in CITY_PART_NOUNS or doc[at + 1].lower_ != "of":
        return False
    for token in doc[at + 2:outer.start]:
        country = (place := place_for_token(token)) is not None and place.kind == "country"
        if not (token.pos_ in ("DET", "ADJ") or token.lower_ in ("of", "city", "capital", "'s") or country):
            return False
    return True


def place_for_token(token: Token) -> lexicon.Place | None:
    """The place of the entity a token is part of, if any."""
    return next((place_for(e) for e in ents_in(token.sent) if e.start <= token.i < e.end), None)


def on_outskirts(inner: Span, outer: Span) -> bool:
    """Is `outer` the city `inner` is written as lying on the outskirts of, right after it: "in Eastern
    Ghouta on the outskirts of the capital Damascus", "Jobar, on the eastern edge of Damascus" (the nouns of place_relations.tsv's outskirts row,
    "on" or "at" before them, "of" after, and only a determiner, adjectives and a word for the city
    between)? A region by the city is no wider place the city lies in: the act is in the region."""
    doc = outer.doc
    words = DocIndex.of(doc).once(relation_words)
    between = doc[inner.end + (inner.end < outer.start and doc[inner.end].lower_ == ","):outer.start]
    if len(between) < 3 or between[0].lower_ not in ("on", "at"):
        return False
    nouns = [k for k, t in enumerate(between) if words.has("outskirts", t.lower_)]
    if len(nouns) != 1 or nouns[0] + 1 >= len(between) or between[nouns[0] + 1].lower_ != "of":
        return False
    return all(t.pos_ in ("DET", "ADJ") or t.lower_ in ("city", "capital", "town")
               for k, t in enumerate(between) if k not in (0, nouns[0], nouns[0] + 1))


LOCATING_GAP = 4  # words between a place and the direction locating it: "village to the", "25 kilometers"


def located_by(inner: Span, outer: Span) -> bool:
    """Is `outer` the place a direction locates `inner` from, right after it: "al-Maleh north of
    Aleppo", "the village of Rityan north of second city Aleppo", "al-Hamidiyeh village to the west
    of Quneitra city", "Kafar Naya 25 kilometers north of Aleppo", "Turkmen Bareh three kilometres (two
    miles) east of Dabiq" (a direction word of place_relations.tsv and "of", whatever the parser
    attached them to; a gloss in brackets skipped)? The words between are read,
    not the parse, which often hangs the direction on the verb."""
    doc = outer.doc
    words = DocIndex.of(doc).once(relation_words)
    start = _apposed_noun_end(inner)
    near = start
    while near < outer.start and (doc[near].lower_ == "," or doc[near].lemma_.lower() in PLACE_NOUNS):
        near += 1  # "Harasta, near Damascus", "Khan Tuman village near Aleppo"
    if on_outskirts(inner, outer):
        return True  # "Jobar, on the eastern edge of Damascus"
    if near < outer.start and (doc[near].lower_ in LOCATING_NEAR or doc[near].lower_ in NEARNESS_WORDS):
        # "Douma near Damascus", "Harasta, close to Damascus": the nearby city only says where the town is
        return all(t.pos_ in ("DET", "ADJ") or t.lower_ in ("to", "city", "capital", "town")
                   for t in doc[near + 1:outer.start])
    of = outer.start - 1
    while of > inner.end and doc[of].lower_ != "of" and (doc[of].pos_ in ("DET", "ADJ", "NUM")
                                                          or doc[of].lemma_.lower() in PLACE_NOUNS):
        of -= 1  # "of second city Aleppo"
    direction = of - 1
    if outer.start - 1 >= inner.end and words.has("direction", doc[outer.start - 1].lower_):
        direction = outer.start - 1  # "the village of al-Latamineh northwest Hama": the "of" left out
    elif of <= inner.end or doc[of].lower_ != "of" or outer.start - of > 4 or not words.has("direction", doc[direction].lower_):
        return False
    between = _unbracketed(doc[start:direction])
    return len(between) <= LOCATING_GAP and not any(t.is_punct or t.pos_ in ("VERB", "AUX", "PROPN") for t in between)


LOCATING_NEAR = frozenset({"near", "outside"})  # "Douma near Damascus": a town, then the city it is by


def _apposed_noun_end(inner: Span) -> int:
    """Where the words locating `inner` begin: right after it, or after an apposition of a place noun
    that opens them ("Yabroud, a town 80 km north of Damascus": after "a town"; words.tsv
    place_nouns), or after a comma ("Dumeir, 40 km east of Damascus")."""
    doc = inner.doc
    at = inner.end
    if at + 2 < len(doc) and doc[at].lower_ == "," and doc[at + 1].lower_ in ("a", "an"):
        noun = at + 2
        while noun < len(doc) and doc[noun].pos_ == "ADJ":
            noun += 1
        if noun < len(doc) and doc[noun].lemma_.lower() in PLACE_NOUNS:
            return noun + 1
    if at < len(doc) and doc[at].lower_ == ",":
        return at + 1  # "Dumeir, 40 km east of Damascus", "Um Hosh, north of Aleppo"
    return at


def _unbracketed(tokens: Span) -> list[Token]:
    """The tokens outside brackets: a gloss in brackets ("three kilometres (two miles) east of Dabiq",
    a distance told again in other units) is no word between a place and what locates it."""
    kept, depth = [], 0
    for token in tokens:
        if token.lower_ == "(":
            depth += 1
        elif token.lower_ == ")" and depth:
            depth -= 1
        elif not depth:
            kept.append(token)
    return kept if not depth else list(tokens)


_KIND_RANK = {"country": 4, "region": 3, "province": 3, "city": 2}  # any other kind: 1


def wider(place: lexicon.Place | None, container: lexicon.Place | None) -> bool:
    """Is a known place of a wider kind than the one it is written as lying in ("the mosque north of
    Hama city in Kafr Zeita": no city lies in a town)?

    >>> wider(lexicon.Place("Hama", "city", "Hama Governorate", "Syria", None, None),
    ...       lexicon.Place("Kafr Zayta", "town", "Hama Governorate", "Syria", None, None))
    True
    """
    return place is not None and container is not None \
        and _KIND_RANK.get(place.kind, 1) > _KIND_RANK.get(container.kind, 1)


def fits_within(place: lexicon.Place, container: lexicon.Place, km: float | None = None) -> bool:
    """Can `place` lie in or beside `container`: the same governorate, or within reach of it, or as
    far from it as the text says (`km`: "Palmyra, 210 km northeast of Damascus")? A name the
    gazetteer resolved to a homonym far away ("al-Maleh north of Aleppo" is no Malah of Suwayda)
    is rather a village it lacks, in the container's governorate."""
    from lib.extract.gazetteer import STRAY_KM, km_between
    admin1 = container.name if container.kind == "province" else container.admin1
    if not admin1 or place.admin1 == admin1 or place.kind in ("country", "province", "region"):
        return True
    if None in (place.latitude, place.longitude, container.latitude, container.longitude) \
            or container.kind == "province":
        return False
    apart = km_between(place.latitude, place.longitude, container.latitude, container.longitude)
    return apart <= STRAY_KM or (km is not None and abs(apart - km) <= max(STRAY_KM / 3, km / 3))


_DISTANCE_UNITS = {"km": 1.0, "kms": 1.0, "kilometre": 1.0, "kilometres": 1.0, "kilometer": 1.0, "kilometers": 1.0,
                   "mile": 1.609, "miles": 1.609}


def stated_km(inner: Span, outer: Span) -> float | None:
    """The distance the words between a place and the place locating it state, in km ("Palmyra, 210 km
    northeast of Damascus": 210), or None."""
    doc = inner.doc
    for token in doc[inner.end:outer.start]:
        unit = _DISTANCE_UNITS.get(token.lower_)
        if unit and token.i > 0 and doc[token.i - 1].like_num:
            try:
                return float(doc[token.i - 1].text.replace(",", "")) * unit
            except ValueError:
                return None
    return None


_OWN_GOVERNORATE = "cte_article_governorate"


def article_governorate(doc) -> lexicon.Place | None:
    """The governorate most of the places a doc names lie in (more than half of the names of a town,
    city, site or governorate that it places in its country), None when none is: where a village
    neither the lexicon nor the gazetteer knows most likely lies ("the village of Ghareebeh" in an
    article on Deir ez-Zor province)."""
    index = DocIndex.of(doc)
    cached = doc.user_data.get(_OWN_GOVERNORATE)
    if cached is None or cached[0] != id(index):  # worked out once per index of the doc
        names = [p.admin1 for p in index.places.values()
                 if p is not None and p.admin1 and p.country == COUNTRY_NAME and p.kind not in ("country", "region")]
        top = Counter(names).most_common(1)
        cached = doc.user_data[_OWN_GOVERNORATE] = (id(index), index.places_by_name.get(top[0][0])
                                                    if top and top[0][1] * 2 > len(names) else None)
    return cached[1]


def unknown_within(name: str, container: lexicon.Place) -> lexicon.Place:
    """A place the lexicon and the gazetteer lack, named as lying in a known one: its governorate and
    country are the container's, its position unknown (no coordinates: it is not the container)."""
    admin1 = container.name if container.kind == "province" else container.admin1
    return lexicon.Place(name=name, kind="", admin1=admin1, country=container.country,
                         latitude=None, longitude=None)


def _outside_participle(path: list, trigger: TriggerMatch, violent: bool) -> list:
    """The path without the participles describing the trigger noun, which are its phrase, not
    another clause ("rocket attacks launched by terrorists against neighbourhoods in Aleppo"); in an
    act of violence, without any participle describing a noun on the way, the weapon or the target
    ("airstrikes targeting a camp in Idlib province", "shells filled with gas in Aleppo"; not the
    "staff working at the embassy in Damascus" who were evacuated)."""
    return [t for t in path if not (t.dep_ == "acl" and t.tag_ in ("VBN", "VBG") and (violent or t.head == trigger.head))]


@per_span  # asked for each trigger of the sentence
def named_by_place_noun(ent: Span) -> bool:
    """"the village of Ghareebeh", "the town of Kafar Hamra", "al-Sqeilbiyeh city", "Marj al-Sultan
    town", "al-Wafideen Camp": the name after a place noun and "of", right before a place noun it
    modifies, or ending in one, is a place, whatever label the statistical model gave it (never an
    actor of the lexicon), unless an acronym ("an IDP camp": names.ACRONYM_LETTERS capitals at most, the
    kind of camp, not its place) or a people's word ("the Damascene suburb of Douma": NORP)."""
    from lib.extract.names import ACRONYM_LETTERS
    root = ent.root
    return ((root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in PLACE_NOUNS)
            or place_head(ent) != root or ends_in_place_noun(ent) or listed_with_town(ent)) and actor_for(ent) is None \
        and not (len(ent) == 1 and ent.text.isupper() and len(ent.text) <= ACRONYM_LETTERS) and ent.label_ != "NORP" \
        and not person_named_before(ent)


def person_named_before(ent: Span) -> bool:
    """Is the name the last words of a person's fuller name told earlier in the doc (news names a
    person in full once, then by the surname: "Col. Gen. Sergei Rudskoi said ... the chemical attack
    on the city of Khan-Shaikhoun Rudskoi said")? A person, not a place, wherever the parser hung it.
    Not a place the lexicon or gazetteer knows, nor a name told before only as a place's."""
    if place_for(ent) is not None:
        return False
    words = ent.text.split()
    return any(e.label_ == "PERSON" and e.end <= ent.start and len(e.text.split()) > len(words)
               and e.text.split()[-len(words):] == words for e in DocIndex.of(ent.doc).ents)


def listed_after_noun(anchor: Span) -> list[Span]:
    """The names of a list after a plural noun of settlements and "of" that is conjoined with the
    anchor's place noun ("in al-Bab city and the villages of Jub Ghabsheh Eibed Souran Tal Alam Deir
    Qaq Sarjeh and al-Zaalaneh": words.tsv town_nouns): the entities that follow the "of" one after
    another, only "and" or a comma between, whatever the parser made of them (a list whose commas
    the page lost); [] when the anchor has no such conjunct."""
    doc, head = anchor.doc, place_head(anchor)
    for noun in head.conjuncts:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if noun.tag_ not in ("NNS", "NNPS") or noun.lemma_.lower() not in TOWN_NOUNS or of is None:
            continue
        run, at = [], of.i + 1
        for ent in ents_in(anchor.sent):
            if ent.start < at:
                continue
            if ent.start != at and not (ent.start == at + 1 and doc[at].lower_ in ("and", ",")):
                break
            run.append(ent)
            at = ent.end
        return run
    return []


FUSED_DEPS = ("compound", "nmod")  # how the parser hangs a name of a list whose commas were lost on the next


def list_names(ent: Span) -> list[Span]:
    """The names of the list `ent` is a name of, itself included, in the order written: the names
    conjoined by "and" and those fused before one of them (a list whose commas the page lost, "in Kafr
    Zita Jub al-Rayan and Kafr Nabudah": Kafr Zita hangs on Rayan, Kafr Nabudah is Rayan's conjunct);
    [ent] alone when it is listed with no other name."""
    spans = {e.root.i: e for e in ents_in(ent.sent)}
    first = ent.root
    while first.dep_ == "conj" and first.head.i in spans:
        first = first.head
    while first.dep_ in FUSED_DEPS and first.head.i in spans and first.head.i > first.i:
        first = first.head  # a fused name: the list goes on to the name it hangs on
    while first.dep_ == "conj" and first.head.i in spans:
        first = first.head
    found, todo = [], [first]
    while todo:
        token = todo.pop()
        if token.i in spans and spans[token.i] not in found:
            found.append(spans[token.i])
            todo.extend(c for c in token.children if c.dep_ == "conj" or (c.dep_ in FUSED_DEPS and c.i < token.i))
    return sorted(found, key=lambda e: e.start) if ent in found else [ent]


@per_span
def listed_with_town(ent: Span) -> bool:
    """Is the name listed with a town or city the lexicon or gazetteer knows, by "and" or fused
    before or after it (`list_names`): "in Kafr Zita Jub al-Rayan and Kafr Nabudah" names three
    places, whatever label the statistical model gave the two it does not know? The list must be
    joined by "and", have lost a comma (a name fused before another) and be said to be where something
    happened (after a preposition of place of words.tsv place_preps other than "of"). Not made places:
    a name only joined to a town by "and" ("Foua and Kafyra"), a name listed with no known town
    ("Jaysh al-Islam and Faylaq al-Rahman"), a person's ("the outskirts of Tal Halaf Havidar told
    AFP"), and a list of a city's parts ("the neighborhoods of Bustan al-Qasr Qadi Askar and
    al-Jadideh": city_part, or its known names districts)."""
    if ent.label_ == "PERSON" or city_part(ent):
        return False
    names = list_names(ent)
    heads = [e.root for e in names if e.root.dep_ not in ("conj", *FUSED_DEPS)]
    return any(e.root.dep_ == "conj" for e in names) and any(e.root.dep_ in FUSED_DEPS for e in names) \
        and any(h.dep_ == "pobj" and h.head.lower_ in PLACE_PREPS and h.head.lower_ != "of" for h in heads) \
        and any(other != ent and _known_town(other) for other in names)


def _known_town(ent: Span) -> bool:
    """A town or city the lexicon or gazetteer knows, not a city's district the gazetteer has as one."""
    from lib.extract.gazetteer import CITY_PARTS
    place = place_for(ent)
    if place is None or place.kind not in ("town", "city"):
        return False
    candidates = _gazetteer().candidates(ent.text)
    return not candidates or any(c.kind not in CITY_PARTS for c in candidates)


def ends_in_place_noun(ent: Span) -> bool:
    """Is the name one of a place by its last word, a place noun (words.tsv place_nouns) that heads it:
    "al-Wafideen Camp", "Yarmouk Camp", whatever label the statistical model gave it? So is a name
    ending in a capitalised noun of an open place of a town that names the quarter around it (words.tsv
    square_nouns: "the Absasiyeen Square", "Saadallah al-Jabiri Square"), whatever label it got; not a
    building's name ("Damascus Sheraton Hotel", "Ikrima al-Makhzoumi School": a site in the locality
    ACLED codes, words.tsv landmark_nouns)."""
    if len(ent) < 2 or ent[-1].i != ent.root.i:
        return False
    return ent[-1].lemma_.lower() in PLACE_NOUNS or (ent[-1].text[:1].isupper() and ent[-1].lower_ in SQUARE_NOUNS)


SQUARE_NOUNS = WORDS["square_nouns"]


def place_head(ent: Span) -> Token:
    """The word that stands for the place in its clause: the place noun a name modifies ("al-Jaberiyeh
    village"), else the name's own root."""
    root = ent.root
    if root.dep_ == "compound" and root.head.i == ent.end and root.head.lemma_.lower() in PLACE_NOUNS:
        return root.head
    return root


def city_part(ent: Span) -> bool:
    """Is the name a part of a city's, by the noun that names it (words.tsv city_part_nouns), itself
    or through the names it is listed with: "Saif al-Dawleh neighborhood", "Salah-Eddin al-Zahraa and
    al-Akramiya neighborhoods", "the neighborhoods of al-Sabil al-Mogambo and al-Midan"?"""
    token = ent.root
    for _ in range(6):
        if token.lemma_.lower() in CITY_PART_NOUNS or (token.dep_ == "pobj" and token.head.lower_ == "of"
                                                      and token.head.head.lemma_.lower() in CITY_PART_NOUNS) \
                or any(c.dep_ == "conj" and c.lemma_.lower() in CITY_PART_NOUNS for c in token.children):
            return True  # the noun after the last name of a list names them all ("X and Y neighborhoods")
        if token.dep_ not in ("conj", "compound", "appos") or token.head == token:
            return False
        token = token.head
    return False


def act_container(ent: Span) -> lexicon.Place | None:
    """The known place an "in" phrase of the act, or of the list's last item, gives a list of places
    the act was "on" ("mortar attacks on al-Sqeilbiyeh city and al-Jaberiyeh village in Hama
    province": Hama province holds both, whatever word the parser hung "in" on); None when there is
    none."""
    token = place_head(ent)
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    if token.dep_ != "pobj" or token.head.lower_ not in TARGET_PREPS:
        return None
    holders, item = [token.head.head, token], token
    while (item := next((c for c in item.children if c.dep_ == "conj"), None)) is not None:
        holders.append(item)
    spans = {e.root.i: e for e in ents_in(ent.sent)}
    for prep in (p for holder in holders for p in holder.children):
        if prep.dep_ == "prep" and prep.lower_ == "in" and prep.i > ent.end:
            for held in prep.children:
                place = place_for(spans[held.i]) if held.dep_ == "pobj" and held.i in spans else None
                if place is not None and place.kind in ("province", "city"):
                    return place
    return None


TARGET_PREPS = ("on", "against")  # "air strikes on", "attacks against": what follows is what was hit


def listed_targets(head: Token) -> list[Token]:
    """The nouns of a list an act was done to, when it is one ("shelled al-Foaa town in Idleb the
    villages of Ard al-Wata and Rasha in Lattakia military checkpoints in Hama ..."): the verb's
    objects (a list whose commas the page lost parses as several), the nouns after its "on" or
    "against", and their appositions and conjuncts; [] for a single target."""
    objects = [c for c in head.children if c.dep_ == "dobj"]
    # "struck Raqqa on Monday, and Palmyra on Tuesday": an object after a phrase of the verb is that of
    # a clause of its own (the verb left out), with its own time; the list ends before it
    first = [o for o in objects if not any(c.dep_ not in ("dobj", "punct", "cc") and objects[0].i < c.i < o.i
                                           for c in head.children)]
    first += [o for c in head.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS
              for o in c.children if o.dep_ == "pobj"]
    listed = included(head)
    first += listed
    found, todo = [], list(first)
    while todo:
        token = todo.pop(0)
        if token.pos_ in ("NOUN", "PROPN") and token not in found:
            found.append(token)
            todo.extend(c for c in token.children if c.dep_ in ("appos", "conj"))
            # "checkpoints in Hama ... town and neighborhoods in al-Menshiyeh area": a common noun
            # conjoined with the noun of a target's place is a target of its own
            todo.extend(c for p in token.children if p.dep_ == "prep" and p.lower_ in PLACE_PREPS
                        for o in p.children if o.dep_ == "pobj" for c in o.children if c.dep_ == "conj" and c.pos_ == "NOUN")
    return found if len(found) > 1 or listed else []


INCLUDING_VERBS = WORDS["including_verbs"]  # "locations targeted this week include the towns of ..."


def included(head: Token) -> list[Token]:
    """The objects of "include" whose subject is the noun an act is told of by a participle ("Other
    locations targeted this week include the towns of Misraba and Arbin", "Areas hit by the strikes
    included Douma"): the places the act was done to, a list of targets."""
    noun = head.head
    if head.dep_ != "acl" or head.tag_ != "VBN" or noun.dep_ != "nsubj" or noun.head.lemma_.lower() not in INCLUDING_VERBS:
        return []
    return [o for o in noun.head.children if o.dep_ == "dobj"]


def elided_conjuncts(head: Token) -> list[Token]:
    """The conjuncts of a verb that are a noun or a number with a place phrase of their own, the verb
    left out ("30 jihadists were killed around the town of Shadadi and another five outside the
    embattled town of Kobane"), or of its object that has a place phrase too ("Air strikes killed seven
    people in Douma and five in Harasta", the act's subject or its verb given): the same act told again
    at another place."""
    def placed(t: Token) -> bool:
        return any(p.dep_ == "prep" and p.lower_ in TARGET_PLACE_PREPS for p in t.children)
    verb = head.head if head.dep_ == "nsubj" and head.head.pos_ == "VERB" else head
    objects = [o for o in verb.children if o.dep_ == "dobj" and placed(o)] if verb.pos_ == "VERB" else []
    return [c for h in (head, *objects) for c in h.children if c.dep_ == "conj" and c.pos_ in ("NUM", "NOUN") and placed(c)]


def target_places(target: Token, targets: Sequence[Token], sentence: Span) -> list[Span]:
    """The place an item of a list of targets names first within its own words (not those of the
    items listed inside it): "al-Foaa town in Idleb" Foaa, "military checkpoints in Hama" Hama; a
    place named as the item itself, before a place noun, after one and "of", or after a preposition
    of where it was hit (words.tsv target_place_preps). A town or city fused before it (a list whose commas the page lost, "checkpoints in Hama
    Marj al-Sultan town") is the place of an item of its own, listed first."""
    ents = ents_in(sentence)
    first = _target_place(target, targets, ents)
    if first is None:
        return []
    head = place_head(first)
    fused = [e for e in ents if e.end <= first.start and e.root.dep_ == "compound" and e.root.head == head
             and (place := place_for(e)) is not None and place.kind in ("town", "city")]
    return [*fused, first]


def _target_place(target: Token, targets: Sequence[Token], ents: Sequence[Span]) -> Span | None:
    inside = {t.i for t in target.subtree}
    for other in targets:
        if other != target and other.i in inside:
            inside -= {t.i for t in other.subtree}
    for ent in ents:
        if ent.root.i not in inside or actor_for(ent) is not None:
            continue
        known = place_for(ent) is not None
        if not known and ent.label_ not in PLACE_LABELS and not named_by_place_noun(ent):
            continue
        if (known and place_head(ent) == target) or named_by_place_noun(ent) or governing_prep(ent) in TARGET_PLACE_PREPS:
            return ent
    return None


@per_span  # asked for each trigger of the sentence
def dateline(ent: Span) -> bool:
    """"BEIRUT Syrian government air strikes killed...": a city abroad opening the sentence with no
    preposition is where the report was filed, not where it happened; so is a city abroad written in
    capitals before an agency's name in brackets, wherever the lost line breaks of a page put it
    ("... Major Offensive Takes Shape MOSCOW (Sputnik) The coalitions airstrike was conducted")."""
    place = place_for(ent)
    if place is None or place.kind not in SPECIFIC_PLACE_KINDS or place.country == COUNTRY_NAME:
        return False
    first = ent.sent.start == ent.start or all(t.is_punct or t.is_space for t in ent.doc[ent.sent.start:ent.start])
    return ((first and ent.root.dep_ not in ("nsubj", "nsubjpass") and not governing_prep(ent))
            or agency_tagged(ent))


def agency_tagged(ent: Span) -> bool:
    """Is the name written in capitals and followed by an agency's name in brackets ("MOSCOW (Sputnik)",
    "BEIRUT (Reuters)"; the agencies of lib/corpus/datelines.txt)?"""
    from lib.corpus.datelines import dateline_grammar
    following = ent.doc[ent.end:ent.end + 3]
    return (ent.text.isupper() and len(following) == 3 and following[0].text == "("
            and following[2].text == ")" and bool(dateline_grammar().agency.fullmatch(following[1].text)))


LANDMARK_NOUNS = WORDS["landmark_nouns"]


def landmark(ent: Span) -> bool:
    """Does the name end in a noun of a landmark (words.tsv landmark_nouns: "the Public Park", "Nile
    Street", "Damascus Central Prison"), not of a village or a district ("Tal Toughan", "al-Sabil")?"""
    return ent[-1].lemma_.lower() in LANDMARK_NOUNS or ent[-1].lower_ in LANDMARK_NOUNS


CONJUNCT_PENALTY = 30  # more than a place preposition's preference: a direct object of the act wins


def other_conjunct(path: Sequence[Token], trigger: TriggerMatch) -> bool:
    """Is the place under a verb conjoined with the trigger's, with an auxiliary or a subject of its
    own, rather than under the trigger's verb itself? "Opposition fighters took Hama on Thursday and
    were advancing on Homs on Friday": Homs is where they advanced, Hama what they took; the place
    still counts when the act names none of its own ("rebels shelled and captured Talbiseh"). So
    is one under a conjunct that tells the act again at another place, the verb left out (`elided_
    conjuncts`: "five were killed in the town of Sabqa and one in the town of Harasta": Sabqa's)."""
    told_again = {t.i for t in elided_conjuncts(trigger.head)}
    return any((t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and t.i != trigger.head.i
                and any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in t.children))
               or t.i in told_again
               for t in path[:-1])


@per_span  # asked for each trigger of the sentence
def based_in(ent: Span) -> bool:
    """"the Britain-based Observatory": where an outlet or a monitor is based, not a place of the happening."""
    following = ent.doc[ent.end:ent.end + 2]
    return len(following) == 2 and following[0].text == "-" and following[1].lower_ == "based"


def gazetteer_place(ent: Span) -> lexicon.Place | None:
    """The gazetteer's place for a name the model did not label a place, in Syria first (a name the
    article's resolution already weighed, and left unknown, stays unknown)."""
    from lib.extract.entities import GAZETTEER_KEY
    from lib.extract.gazetteer import Context, resolve
    if ent.label_ in PLACE_LABELS or (ent.start, ent.end) in ent.doc.user_data.get(GAZETTEER_KEY, {}):
        return None
    candidates = next((found for name in _names(ent.text) if (found := _gazetteer().candidates(name))), ())
    best = resolve(candidates, Context(country=COUNTRY)) if candidates else None
    return as_lexicon_place(best, DocIndex.of(ent.doc).folder) if best is not None else None


NAMED_WITHIN = 8  # tokens: "in Syria's northeastern city of Qamishli"


def within_country(best: tuple, candidates: list[tuple]) -> tuple:
    """A country chosen while a town of that country is named right after it ("a checkpoint in
    Syria's divided northeastern city of Qamishli", whatever the parser made of "divided"): the town.
    So for a city or a governorate named as the possessor of a place in it ("Aleppo's
    opposition-held Atarib district", "Aleppos Atarib district" where the apostrophe was lost)."""
    _, _, ent, place = best
    if place is None or place.kind not in ("country", "province", "city"):
        return best
    if place.kind == "country":
        inside = [c for c in candidates if c[3] is not None and c[3].kind in SPECIFIC_PLACE_KINDS
                  and c[3].country == place.name and 0 < c[2].start - ent.end <= NAMED_WITHIN]
    elif possessive(ent):
        # "Daraas Manshiyah district": a name the possessor holds, known or not (a homonym the
        # gazetteer has elsewhere is rather a part of the possessor it lacks)
        inside = [c for c in candidates if (c[3] is None or c[3].kind in SPECIFIC_PLACE_KINDS)
                  and c[3] != place and 0 <= c[2].start - ent.end <= NAMED_WITHIN and c[2].start != ent.start]
    else:
        return best
    if not inside:
        return best
    score, bound, _, _ = best
    _, _, town, town_place = min(inside, key=lambda c: c[2].start)
    if place.kind != "country" and (town_place is None or not town_place.admin1 or town_place.admin1 != place.admin1):
        town_place = unknown_within(town.text, place)
    return score, bound, town, town_place


def within_province(best: tuple, candidates: list[tuple]) -> tuple:
    """A governorate chosen, or a city that sets the scene (`sets_scene`) or is named for the land
    around it (`rural`), while the parse ties a place
    inside it to the act too ("Meanwhile in
    northeastern Idlib province the Observatory said three children were killed in air strikes on Tel
    Minis", "In Damascus Countryside the army air force killed ISIS terrorists in Tal al-Dabe
    al-Gharbi"): the nearest such place to the act, a town, city, site or crossing of that governorate,
    or a name of a place neither the lexicon nor the gazetteer knows; the act is told at its most
    precise place."""
    _, bound, ent, place = best
    if not bound or place is None or not (place.kind == "province"
                                          or (place.kind == "city" and (sets_scene(ent) or rural(ent)))):
        return best
    admin1 = place.name if place.kind == "province" else place.admin1
    inside = [c for c in candidates if c[1] and c[2].start != ent.start
              and ((c[3] is not None and c[3].kind in SPECIFIC_PLACE_KINDS and c[3].admin1 == admin1 and c[3] != place)
                   or (c[3] is None and c[2].label_ in PLACE_LABELS))]
    if not inside:
        return best
    score, bound, ent, found = min(inside, key=lambda c: c[0])
    return score, bound, ent, found if found is not None else unknown_within(ent.text, place)


RURAL_NOUNS = WORDS["rural_nouns"]


def rural(ent: Span) -> bool:
    """Is a city named for the land around it (words.tsv rural_nouns): "the northern countryside of
    Hama", "Quneitra Countryside", "rural Aleppo", "the outskirts of Damascus"?"""
    root = ent.root
    return ((root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in RURAL_NOUNS)
            or (root.dep_ == "compound" and root.head.lemma_.lower() in RURAL_NOUNS)
            or ent[-1].lower_ in RURAL_NOUNS
            or (ent.start > 0 and ent.doc[ent.start - 1].lower_ == "rural"))


def sets_scene(ent: Span) -> bool:
    """Does the name open its sentence after "in", as the heading of a round-up's paragraph ("In
    Lattakia at least 50 terrorists were killed in army operations ... in the villages of Droushan
    al-Durra and Rabia", "Meanwhile in Daraa ...")? Only adverbs and punctuation may stand before."""
    prep = place_head(ent).head
    if prep.lower_ != "in" or prep.dep_ != "prep" or prep.i >= ent.start:
        return False
    return all(t.is_punct or t.is_space or t.pos_ in ("ADV", "CCONJ") for t in ent.doc[ent.sent.start:prep.i])


def fused_in_list(ent: Span, anchor: Span) -> bool:
    """Is `ent` a town of a list whose commas the page lost, parsed as a modifier of the place
    named last ("the nearby towns of Rastan Talbeesah Ter Maaleh and Zafarana": Rastan and
    Talbeesah are no part of Maaleh's name)? A town or city the lexicon or gazetteer knows, as a
    compound of another place's name after a plural of words.tsv town_nouns and "of", is a place
    of its own; "the neighbourhoods of al-Hamadaniyeh al-Midan" are parts of one city, "the city
    of Qamishli Hasaka" a city and its province. So is a town or city fused with the first place of a
    list joined by "and" ("clashes continued in Daraa Latakia and Homs"), when both are known, or
    when the one the act is placed at is a place only by its list (`listed_with_town`); and so is a
    name neither knows fused before the known town the act is placed at, in a list of towns joined by
    "and" (`listed_with_town`: "in al-Hamediyeh Abu al-Duhour and Khan Sheikhoun"). The parser
    may hang a fused name as a compound or a noun modifier (FUSED_DEPS). Any other name of a list
    the act's town is fused in is one too (`in_fused_list`)."""
    if same_run(ent, anchor):
        return True  # "in Tabaret al-Deibeh Abu Hanaya Abu Hbeilat": names of one run (name_runs.py)
    place = place_for(ent)
    listing = anchor.root.head
    fused_before = ent.root.dep_ in FUSED_DEPS and ent.root.head == anchor.root and ent.end <= anchor.start
    if fused_before and place is None and _known_town(anchor) and listed_with_town(ent):
        return True  # "in al-Hamediyeh Abu al-Duhour and Khan Sheikhoun", the act placed at Abu al-Duhour
    if not (fused_before and place is not None and place.kind in ("town", "city")):
        return in_fused_list(ent, anchor)
    if listing.lower_ == "of" and listing.head.tag_ in ("NNS", "NNPS") and listing.head.lemma_.lower() in TOWN_NOUNS:
        return True
    listed = place_for(anchor)
    if listed is None and listed_with_town(anchor):
        return True  # "in Kafr Zita Jub al-Rayan and Kafr Nabudah", the act placed at Jub al-Rayan
    return (listed is not None and listed.kind in ("town", "city") and listed != place
            and any(c.dep_ == "conj" and c.ent_type_ in PLACE_LABELS for c in anchor.root.children))


def in_fused_list(ent: Span, anchor: Span) -> bool:
    """Is `ent` another name of a list whose commas the page lost, `anchor` a town fused before a name
    of it ("in Kafr Zita Jub al-Rayan and Kafr Nabudah": Jub al-Rayan and Kafr Nabudah, told with
    Kafr Zita)? The list must go on after the name the town hangs on by "and" to a proper name, and
    its names be proper names, none a place noun's ("the Tabqa Dam and the town": the town's dam).
    "The city of Qamishli Hasaka" (a city and its province) is no list, nor are a city's districts
    (`_known_town`: "Bab al-Faraj al-Midan and al-Neel Street" are one city's)."""
    head = anchor.root.head
    if ent == anchor or not _known_town(anchor) or anchor.root.dep_ not in FUSED_DEPS or head.i < anchor.end \
            or (place_for(ent) is not None and not _known_town(ent)) or actor_for(ent) is not None:
        return False
    names = list_names(anchor)
    if ent not in names or not any(e.root == head for e in names):
        return False
    return any(c.dep_ == "conj" and c.pos_ == "PROPN" and c.ent_type_ in LISTED_LABELS for c in head.children) \
        and all(e.root.pos_ == "PROPN" and e.label_ in LISTED_LABELS and e[-1].lemma_.lower() not in PLACE_NOUNS
                for e in names)


LISTED_LABELS = ("GPE", "LOC", "FAC", "ORG", "PERSON")  # what the statistical model labels a town it does not know


def possessive(ent: Span) -> bool:
    """Is the name written as a possessive: "Aleppo's", or "Aleppos" where the page lost the
    apostrophe (a final s the place's own names lack)?"""
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if ent.root.dep_ == "poss" or (following is not None and following.lower_ in ("'s", "\u2019s")):
        return True
    place = place_for(ent)
    return (place is not None and ent.text.endswith("s")
            and not any(name.lower().endswith("s") for name in (place.name, *place.names)))


def object_taken(ent: Span, trigger: TriggerMatch) -> bool:
    """"Rebels captured Kafr Nabudah": the proper-noun object of a capture or a withdrawal is a
    place, whatever the statistical model labelled it, unless the lexicon knows it as an actor or it
    ends in a military unit's noun ("captured the army's 17th Division": name_cues.tsv unit_nouns)."""
    from lib.extract.names import cues
    root = ent.root
    return (bool(trigger.entry.control) and root.pos_ == "PROPN" and actor_for(ent) is None
            and ent[-1].lower_ not in cues()["unit_nouns"]
            and (root.dep_ == "dobj" and root.head == trigger.tokens[-1]
                 or root.dep_ == "pobj" and root.head.lower_ in ("from", "of", "into")
                 and root.head.head in trigger.tokens))


def last_city_in(sentence: Span) -> PlaceChoice | None:
    """The last town or city the sentence names, what "the town" of a later sentence refers back to;
    never the one another place is named as lying in ("the village of Tal Toughan in rural Idlib": the
    village, known or not, not Idlib)."""
    last = None
    ents = ents_in(sentence)
    for ent in ents:
        place = place_for(ent)
        if place is None or dateline(ent):
            continue  # where the report was filed is no city the text refers back to
        inner = next((e for e in ents if e.start < ent.start and (lies_in(e, ent) or located_by(e, ent))
                      and (e.label_ in PLACE_LABELS or place_for(e) is not None or named_by_place_noun(e))), None)
        if inner is not None:
            if place_for(inner) is None and actor_for(inner) is None:
                last = PlaceChoice(inner.text, False, unknown_within(inner.text, place))
            continue
        if place.kind in SPECIFIC_PLACE_KINDS:
            last = PlaceChoice(place.name, True, place)
    return last


def home_town(last_city: PlaceChoice | None) -> PlaceChoice | None:
    """The town told last, as the place of an act of the war that its own sentence does not place
    ("A Russian jet targeted us with cluster bombs", after a paragraph on Kafr Zeita): news goes on
    telling of the town it named last; not a town abroad ("the Middle East Institute in Washington":
    a source's seat, where no act of the war is), nor none.

    >>> home_town(PlaceChoice("Washington", True, lexicon.place_by_alias("Washington"))) is None
    True
    """
    if last_city is None or (last_city.place is not None and last_city.place.country != COUNTRY_NAME):
        return None
    return last_city


UNNAMED_GROUND = WORDS["unnamed_ground"]
DEFINITE_DETS = ("the", "this", "that")  # "the village" stands for the place named: the place itself
PART_PREPS = ("of", "but", "except")  # "control of", "all but one of", "all except two of"


def unnamed_ground(trigger: TriggerMatch) -> Token | None:
    """The ground a change of hands takes with no name (words.tsv unnamed_ground), its object or its
    passive subject, also through "control of" or "all but one of": "regained control of several
    areas", "all but one of the villages had been recaptured", "seized a hilltop". Not a singular
    noun after "the" ("the village was captured": the place named before, itself)."""
    head = trigger.tokens[0]
    last = trigger.tokens[-1]
    objects = [c for c in last.children if c.dep_ == "dobj"] or [c for c in head.children if c.dep_ == "nsubjpass"] \
        or ([last] if last.i != head.i and last.pos_ == "NOUN" else [])  # "took control" of what
    if not objects:
        return None
    ground = objects[0]
    for _ in range(3):  # "control of several areas", "all but one of the villages": the phrase of a part
        of = next((c for c in ground.children if c.dep_ == "prep" and c.lower_ in PART_PREPS), None)
        if ground.lemma_.lower() in UNNAMED_GROUND or of is None:
            break
        ground = next((c for c in of.children if c.dep_ == "pobj"), ground)
    if ground.lemma_.lower() not in UNNAMED_GROUND or ground.ent_type_:
        return None
    definite = any(c.dep_ == "det" and c.lower_ in DEFINITE_DETS for c in ground.children)
    plural = ground.tag_ in ("NNS", "NNPS")
    return None if definite and not plural else ground


# --- resolving the doc's places -----------------------------------------------------------------------

PLACE_LABELS = ("GPE", "LOC", "FAC")
COUNTRY = "SY"          # the country the articles are about unless their places say otherwise
COUNTRY_NAME = "Syria"  # the same, as the lexicon names it
SAME_PLACE_KM = 25.0    # a gazetteer place this close to a lexicon place of the same name is that place
# gazetteer kinds as the lexicon's kinds (lib.extract.lexicon.PLACE_KINDS)
KIND_AS_LEXICON = {"city": "city", "town": "town", "village": "town", "district": "town", "camp": "site",
                   "crossing": "crossing", "base": "site", "site": "site", "region": "region",
                   "province": "province", "country": "country"}
_POSSESSIVE = re.compile(r"(?:['’]s?|(?<=[a-z]{4})s)$")


def _gazetteer():
    from lib.extract.gazetteer import Gazetteer
    return Gazetteer.load()


def _ascii(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub("[\u2018\u2019\u02bb\u02bc\u02be\u02bf`]", "", text)


@lru_cache(maxsize=4)
def _lexicon_links(folder: str) -> tuple[dict[str, lexicon.Place], dict[str, str], dict[str, str]]:
    """(gazetteer id -> the lexicon place it is, gazetteer admin1 -> lexicon governorate name,
    ISO country code -> lexicon country name), worked out once per lexicon folder."""
    from lib.extract.gazetteer import distance_km, name_key
    gaz = _gazetteer()
    places = lexicon.places(folder)
    by_key: dict[str, list[lexicon.Place]] = {}
    for place in places.values():
        for name in place.names:
            by_key.setdefault(name_key(name), []).append(place)
    links: dict[str, lexicon.Place] = {}
    for candidate in gaz.places:
        for name in candidate.names:
            for place in by_key.get(name_key(name), ()):
                if place.kind in ("country", "province") and candidate.kind != place.kind:
                    continue
                here = type(candidate)(id="", name="", lat=place.latitude, lon=place.longitude,
                                       country="", admin1="")
                if distance_km(candidate, here) <= SAME_PLACE_KM or place.kind in ("country", "province"):
                    links.setdefault(candidate.id, place)
    countries = {}
    admin1 = {}
    for candidate in gaz.places:
        linked = links.get(candidate.id)
        if candidate.kind == "country":
            countries[candidate.country] = linked.name if linked else _ascii(candidate.name)
    for candidate in gaz.places:
        if candidate.kind == "province" or candidate.admin1 in admin1:
            continue
        for text in (candidate.admin1 + " province", candidate.admin1):
            found = lexicon.place_by_alias(text, folder)
            if found is not None and found.kind == "province":
                admin1[candidate.admin1] = found.name
                break
    for candidate in gaz.places:
        if candidate.kind == "province":
            linked = links.get(candidate.id)
            admin1.setdefault(candidate.admin1, linked.name if linked else _ascii(candidate.name))
    return links, admin1, countries


def as_lexicon_place(place, folder: str) -> lexicon.Place:
    """A gazetteer place as the lexicon would list it (the lexicon's own row when it has one)."""
    links, admin1, countries = _lexicon_links(folder)
    if place.id in links:
        return links[place.id]
    kind = KIND_AS_LEXICON.get(place.kind, "town")
    return lexicon.Place(name=_ascii(place.name), kind=kind,
                         admin1="" if kind == "country" else admin1.get(place.admin1, place.admin1),
                         country=countries.get(place.country, place.country),
                         latitude=round(place.lat, 4), longitude=round(place.lon, 4))


def _names(text: str) -> Iterable[str]:
    """The entity's text, then without a leading "the" or a possessive ending."""
    yield text
    bare = re.sub(r"^(?:the)\s+", "", text, flags=re.IGNORECASE)
    stem = _POSSESSIVE.sub("", bare)
    for other in (bare, stem):
        if other and other != text:
            yield other


def resolve_places(ents: Iterable, lexicon_places: Mapping[tuple[int, int], lexicon.Place | None],
                   gazetteer_ids: Mapping[tuple[int, int], tuple[str, ...]], folder: str,
                   sentence_of: Mapping[tuple[int, int], int] | None = None
                   ) -> dict[tuple[int, int], lexicon.Place | None]:
    """The place each place entity names, by its token span: the lexicon's (given), else the
    gazetteer's candidates (found by the entity component, or looked up for a name the statistical
    model found), resolved in the article's context and its own sentence's (`sentence_of`: the
    sentence start of each entity's span); None when neither knows the name."""
    from lib.extract.gazetteer import CITY_PARTS, Context, as_written, resolve
    gaz = _gazetteer()
    resolved = dict(lexicon_places)
    pending: dict[tuple[int, int], tuple[str, tuple]] = {}
    for ent in ents:
        key = (ent.start, ent.end)
        if resolved.get(key) is not None:
            continue
        ids = gazetteer_ids.get(key)
        if ids:
            candidates = tuple(p for p in (gaz.by_id(i) for i in ids) if p is not None)
        elif ent.label_ in PLACE_LABELS:
            candidates = next((found for name in _names(ent.text) if (found := gaz.candidates(name))), ())
        else:
            continue
        if candidates and _cut_from_name(ent, resolved):
            candidates = tuple(c for c in candidates if as_written(ent.text, c))
        if candidates:
            pending[key] = (ent.text, candidates)
    if not pending:
        return as_provinces(ents, resolved, folder)
    # the article's own places: the lexicon's (as gazetteer places) and the names with one candidate
    # (a city's district is no evidence of the article's governorate: its name may be another place's,
    # which only the places around can tell: gazetteer.stray)
    placed = [(key, c[0]) for key, (_, c) in pending.items() if len(c) == 1 and c[0].kind not in CITY_PARTS]
    for key, place in lexicon_places.items():
        if place is not None and place.kind not in ("country", "region"):
            found = _anchor(place.name, place.latitude, place.longitude)
            if found is not None:
                placed.append((key, found))
    anchors = [place for _, place in placed]
    countries = Counter(p.country for p in anchors if p.kind != "country")
    country = COUNTRY if not countries or countries.get(COUNTRY) else countries.most_common(1)[0][0]
    governorates = Counter(p.admin1 for p in anchors if p.country == country and p.admin1
                           and p.kind != "country")
    context = Context(country=country, admin1=governorates.most_common(1)[0][0] if governorates else "",
                      nearby=tuple(dict.fromkeys(anchors)))
    sentence_of = sentence_of or {}
    placed_in: dict[int, list[tuple[tuple[int, int], object]]] = {}  # sentence start -> its anchored places
    for key, place in placed:
        if (sentence := sentence_of.get(key)) is not None:
            placed_in.setdefault(sentence, []).append((key, place))
    for key, (text, candidates) in pending.items():
        local = tuple(p for k, p in placed_in.get(sentence_of.get(key), ()) if k != key)
        best = resolve(candidates, Context(context.country, context.admin1, context.nearby, text, local))
        resolved[key] = as_lexicon_place(best, folder) if best is not None else None
    return as_provinces(ents, resolved, folder)


def _cut_from_name(ent: Span, resolved: Mapping[tuple[int, int], lexicon.Place | None]) -> bool:
    """Is the entity the tail of a longer name whose first word the statistical model cut off as an
    entity of its own, of a label of no place, that modifies it and is no place or actor the lexicon
    knows ("near al Zabat mountain and Baar al-Qasab": "Baar" an ORG, "al-Qasab" a GPE)? Then a
    gazetteer place reached only by folding the tail's spelling (Kassab, of Latakia) is not the name:
    only one written as the tail is."""
    if ent.start == 0:
        return False
    word = ent.doc[ent.start - 1]
    return word.ent_iob_ == "B" and word.ent_type_ not in PLACE_LABELS and word.is_title and word.pos_ == "PROPN" \
        and word.dep_ == "compound" and ent.start <= word.head.i < ent.end \
        and (word.i + 1 >= len(word.doc) or word.doc[word.i + 1].ent_iob_ != "I") \
        and resolved.get((word.i, word.i + 1)) is None and lexicon.actor_by_alias(word.text) is None


LISTED_BEFORE_NOUN = 8  # tokens from a name to the plural noun after the list: "Aleppo Hama and Idlib provinces"


def provinces_listed(ent: Span) -> bool:
    """Is the name one of a list that a plural governorate noun ends ("in Raqqa and Deir Ezzor
    provinces", "Aleppo, Hama and Idlib governorates"), only names, commas and "and" between? Each
    name is then a governorate, as "Idlib province" is, not the city ("in the city of Raqqa and
    Deir Ezzor province": a noun of its own between, the city stays)."""
    doc = ent.doc
    for token in doc[ent.end:min(len(doc), ent.end + LISTED_BEFORE_NOUN)]:
        if token.lemma_.lower() in GOVERNORATE_NOUNS or token.lower_ in GOVERNORATE_NOUNS:
            return token.tag_ == "NNS"
        if not (token.lower_ in ("and", ",", "-") or token.pos_ == "PROPN"):
            return False
    return False


def as_provinces(ents: Iterable, resolved: dict[tuple[int, int], lexicon.Place | None],
                 folder: str) -> dict[tuple[int, int], lexicon.Place | None]:
    """`resolved`, with each city named as a governorate by a list's plural noun (`provinces_listed`)
    given as the governorate named after it (places.tsv: "Deir ez-Zor" in "Deir ez-Zor Governorate")."""
    known = lexicon.places(folder)
    for ent in ents:
        key = (ent.start, ent.end)
        place = resolved.get(key)
        if place is None or place.kind != "city" or not provinces_listed(ent):
            continue
        province = known.get(place.admin1)
        if province is not None and province.kind == "province" and province.name.startswith(place.name):
            resolved[key] = province
    return resolved


@lru_cache(maxsize=1024)
def _anchor(name: str, latitude: float, longitude: float):
    """The gazetteer place a lexicon place is (its name, within SAME_PLACE_KM), None if none."""
    from lib.extract.gazetteer import distance_km
    here = None
    for candidate in _gazetteer().candidates(name):
        if here is None:
            here = type(candidate)(id="", name="", lat=latitude, lon=longitude, country="", admin1="")
        if distance_km(candidate, here) <= SAME_PLACE_KM:
            return candidate
    return None
