"""State descriptions: "rebel-held eastern Aleppo", "the IS stronghold of Raqqa", "Kurdish-controlled
Manbij", "the town of Douma, held by rebels". Each tells who holds a place as the sentence is
written, whatever its happening is about ("rebels shelled government-held Aleppo": Aleppo is the
government's), so each description of a place in any sentence is a state claim for the control
model: a Mention with control "held", no actor and the place relation "...;held:<side>"
(lib/extract/mentions/relation.py reads the side, and whether the place is the city or a part of
it), which the control model weighs as a holding told in passing (Claim.described) and event
consolidation leaves out (a mention whose control is "held" is a state, not a happening).

"the mostly Kurdish-controlled city of Hasaka" is a part ("part:mostly": a divided city).

Left out: a place whose happening's mention already carries the description; a place the happening
leaves ("evacuated from opposition-held Madaya": the state before it); places around a city
("rebel-held areas north of Aleppo") and parts named by no side of the city ("rebel-held areas of
Idlib", often the province); a past holding ("the formerly rebel-held town"); a description in a
clause of what may or will happen ("would hand rebel-held Douma to the government"); background
(a clause dated long before publication, or a recap: lib/extract/mentions/dating.py).

Dated by the clause's own date when it has one ("on Monday"), else by the publication day.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from spacy.tokens import Doc, Span, Token

from lib.corpus import Article
from lib.extract import lexicon
from lib.extract.mentions.attribution import attribution_of, polarity_of
from lib.extract.mentions.dating import apposed_away, governs, is_background_mention, timex_for
from lib.extract.mentions.index import DocIndex, TriggerMatch, actor_for, ents_in, place_for, span_text, tokens_with
from lib.extract.mentions.relation import STATE_HOLDING_LEMMAS, description_of, relation_words
from lib.extract.mentions.words import HEDGE_WORDS, REPORTING_LEMMAS, WORDS
from lib.extract.sentences import is_headline
from lib.model import DATE_FROM_CLAUSE, DATE_FROM_PUBLICATION, ControlEffect, Mention, Polarity, split_relation
from lib.temporal import Timex
from lib.temporal.spans import span, undated_span

_UNSAID = (Polarity.HEDGED, Polarity.PLANNED)
LEFT_PREPS = WORDS["left_preps"]  # "evacuated from opposition-held Madaya": the state before, not after
LEFT_VERBS = WORDS["left_verbs"]  # "a convoy left regime-besieged al-Zabadani": the same
PARTIAL_STATE_WORDS = WORDS["partial_state_words"]
DIVISION_WORDS = WORDS["division_words"]  # "the city was split between government forces and Kurdish fighters"
EVACUATION_WORDS = WORDS["evacuation_words"]
DEAL_RECEIVERS = WORDS["deal_receivers"]  # sides evacuation deals hand cities to (lib/extract/control.py)
CITY_KINDS = ("city", "town")  # "the mostly Kurdish-controlled city": a part
TOWN_NOUNS = WORDS["town_nouns"]


def held_states(doc: Doc, article: Article, timexes: Sequence[Timex], dct: str,
                found: Sequence[Mention]) -> list[Mention]:
    """A state mention for each place the article's sentences describe as held now (`found`: the
    happenings' mentions, whose own descriptions are not repeated), and the captures no trigger reads
    (lib/extract/mentions/captures.py). Needs the doc's DocIndex."""
    described = {(m.sentence_start, m.place, m.place_relation) for m in found if ";held:" in (m.place_relation or "")}
    states: list[Mention] = []
    for sentence in doc.sents:
        if is_headline(span_text(sentence)):
            continue
        for ent in ents_in(sentence):
            place = place_for(ent)
            mention = None if place is None else _state(sentence, ent, place, article, timexes, dct)
            key = mention and (sentence.start_char, mention.place, mention.place_relation)
            if mention is not None and key not in described:
                described.add(key)
                states.append(mention)
    from lib.extract.mentions.captures import captures  # it builds its mentions with claim_mention
    return (states + divided_states(doc, article, timexes, dct, found) + captures(doc, article, timexes, dct, found)
            + conjunct_claims(doc, found) + example_states(doc, article, timexes, dct) + fired_on_states(doc, found))


# ACLED sub-events of fire from afar whose target the firing side's foe holds (`fired_on_states`). Air
# strikes fall on Islamic State's towns as on the opposition's: without the guard against a third side's
# word in the sentence they read IS-held Palmyra as the opposition's (dev control 151/10 -> 154/13); with
# it, dev right 154 -> 157, wrong 12 -> 12 (a strike on IS-held al-Quriyah naming no side fired on stays a
# known error of this reading)
FIRE_SUB_EVENTS = ("Shelling/artillery/missile attack", "Air/drone strike")
# The two sides of this war's sieges (as lib/extract/mentions/actors.py adversary reads them): a place the
# government's side besieges is held inside by the opposition, and the other way round. Other besiegers
# (Islamic State besieged government-held Deir ez-Zor and Kurdish-held Kobani) tell no holder.
_INSIDE = {"government": "opposition", "opposition": "government"}
# who holds what each side shells: the sieges' pair, and HTS's fire falls on the government's
_FIRED_AT = {**_INSIDE, "hts": "government"}


def fired_on_states(doc: Doc, found: Sequence[Mention]) -> list[Mention]:
    """"Terrorists fired rocket shells on al-Hamadaniyeh neighborhood", "a shell fired by regime troops
    hit a school in Jisreen", "regime airstrikes on the town of Sarmin": a town or a city's district the
    government's side, the opposition or HTS shells or bombs from the air (a happening of FIRE_SUB_EVENTS
    whose firing side the sentence names), at the place itself
    or a named part of it, or a district the gazetteer knows named with its own pocket noun ("regime forces
    shelled the district of Sakhour": the district, where place_relations.tsv reads around it; only for
    the sieges' pair, `_INSIDE`: HTS shelled Kurdish-held Sheikh Maqsoud too, which dev got wrong),
    is held by the firing side's foe (`_FIRED_AT`): in this war their guns face
    each other across the front lines. A state mention (control "held", no actor) "<relation>;held:<foe>",
    dated as the happening. Not a city ("rebel shelling hit Daraa city": a city is shelled in the part
    the foe holds, often a divided one); not when the sentence names the side fired on ("regime forces
    shelled IS positions in the town"), a place around the town ("Rebels shelled villages near Jisreen"),
    the town in a subject ("rebels in Talbiseh shelled regime positions"), no firing side ("dozens
    of shells fell on Fuaa", the shellers taken from sentences before), or a side of neither pair in the
    sentence ("as Islamic State fighters advanced on it", "struck ISILs gatherings in Palmyra"):
    counter-examples."""
    index = DocIndex.of(doc)
    words = index.once(relation_words)
    by_start = {s.start_char: s for s in doc.sents}
    states: list[Mention] = []
    seen: set[tuple[int, str]] = set()
    for m in found:
        if m.sub_event_type not in FIRE_SUB_EVENTS or m.control or m.background or m.polarity != Polarity.ASSERTED \
                or m.place_kind != "town" or (m.sentence_start, m.place) in seen:
            continue  # a town or a district: a city is often shelled in the part its shellers' foe holds
        relation = m.place_relation or "in"
        kind, detail, side = split_relation(relation)
        named_part = kind == "part" and (words.has("part_modifier", detail) or words.has("part_modifier", f"{detail}ern"))
        if not side and _own_pocket(m.place, kind, detail, words) and index.controller_of(m.side1) in _INSIDE:
            kind, relation = "in", "in"  # "shelled the district of Sakhour": the district itself, not around it
        if side or not (kind == "in" or named_part) or (m.side2 and index.controller_of(m.side2)):
            continue
        firing = index.controller_of(m.side1) if m.side1 else ""
        inside = _FIRED_AT.get(firing, "")
        sentence = by_start.get(m.sentence_start)
        if not inside or sentence is None:
            continue
        ents = ents_in(sentence)
        # the town named where it is acted on, not in a subject ("rebels in Talbiseh shelled ..."), and
        # the side firing named in the sentence, not taken from the sentences before
        held_words = index.once(_controllers_held_words)
        if not any((p := place_for(e)) is not None and p.name == m.place and not _named_in_subject(e.root)
                   and not _third_side(e, (firing, inside), held_words) for e in ents) or not any(
                (a := actor_for(e)) is not None and index.controller_of(a.side) == firing for e in ents) or any(
                (a := actor_for(e)) is not None and index.controller_of(a.side) not in ("", *_FIRED_AT) for e in ents) \
                or _third_side_word(sentence, held_words):
            continue  # (a side of neither pair named in the sentence: "as IS fighters advanced", whose town it may be)
        seen.add((m.sentence_start, m.place))
        states.append(replace(m, mention_id=f"{m.mention_id}:fired@{m.place}", control=ControlEffect.HELD,
                              kind="holding", place_relation=f"{relation};held:{inside}",
                              actor1="", actor2="", side1="", side2="", fatalities=None,
                              event_type="Strategic developments", sub_event_type="Other"))
    return states


EXAMPLE_MARKERS = WORDS["example_markers"]
AREA_NOUNS = WORDS["area_nouns"]


def example_states(doc: Doc, article: Article, timexes: Sequence[Timex], dct: str) -> list[Mention]:
    """"IS has tried to advance on rebel territory in Aleppo province - particularly the towns of Azaz
    and nearby Marea": a town given as an example (after a word of words.tsv example_markers, within
    ten words) of a side's territory (a side's word then an area noun, within the eight words before
    the marker) is held by that side: a state mention "in;held:<side>". "Strikes killed 20 people,
    including five children, in Aleppo" gives no side's territory (counter-example)."""
    index = DocIndex.of(doc)
    held_words = index.once(_controllers_held_words)
    states: list[Mention] = []
    for sentence in doc.sents:
        for marker in tokens_with(sentence, lowers=EXAMPLE_MARKERS):
            side = _territory_before(sentence, marker, held_words)
            if not side:
                continue
            examples = [(ent, place) for ent in ents_in(sentence) if (place := place_for(ent)) is not None
                        and place.kind in CITY_KINDS and 0 < ent.start - marker.i <= 10]
            if not examples:
                continue
            verb = _clause_verb(marker)
            clause = TriggerMatch((verb,), None)  # type: ignore[arg-type]
            if any(c.lower_ in HEDGE_WORDS for v in (verb, *verb.ancestors) for c in v.children if c.dep_ == "aux"):
                continue  # "would hand rebel-held areas including Douma"; but "IS has tried to advance
                # on rebel territory" tells the territory's state as written
            timex = timex_for(sentence, clause, timexes)
            governed = timex is not None and governs(clause, timex)
            if is_background_mention(sentence, timexes, timex if governed else None, governed, dct):
                continue
            for ent, place in examples:
                mention = claim_mention(sentence, article, clause, marker, place, timex if governed else None, dct,
                                        mention_id=f"{article.id}:{sentence.start_char}:{marker.idx}:example@{ent.start_char}",
                                        event_type="Strategic developments", sub_event_type="Other",
                                        control=ControlEffect.HELD, kind="holding", place_relation=f"in;held:{side}")
                if mention is not None:
                    states.append(mention)
    return states


def _controllers_held_words(folder: str) -> dict[str, str]:
    """The words that say a controlling side holds a place ("rebel-held", "IS"), each with its side
    (sides.tsv; allies that take no territory of their own left out)."""
    return {word: side.side for side in lexicon.sides(folder).values() if side.controller for word in side.held_words}


def _territory_before(sentence: Span, marker: Token, held_words: dict[str, str]) -> str:
    """The side whose territory the words before `marker` name ("rebel territory in Aleppo province -",
    "rebel-held areas"), "" when none: an area noun with a side's word at most three words before it
    ("Regime forces shelled rebel-held areas": the rebels')."""
    doc = sentence.doc
    for noun in (t for t in sentence if marker.i - 8 <= t.i < marker.i and t.pos_ == "NOUN"
                 and t.lemma_.lower() in AREA_NOUNS):
        for token in reversed(doc[max(sentence.start, noun.i - 3):noun.i]):
            side = held_words.get(token.lower_) if token.lower_ != "is" or token.text == "IS" else None
            if side:
                return side
    return ""


CONJUNCT = "conjunct:"  # the kind of a conjunct's claim: "conjunct:<the happening's control effect>"
# the kind of a change of hands told as a state ("Sweida was no longer under government control"):
# "stated:<control effect>", a state mention (no event of its own) the control model reads as that effect
STATED = "stated:"
CLAIM_PREFIXES = (CONJUNCT, STATED)  # kinds that carry the control effect the model reads


def conjunct_claims(doc: Doc, found: Sequence[Mention]) -> list[Mention]:
    """"2,200 evacuated from opposition-held Madaya and Zabadani", "rebels captured Kafr Nabl and
    Hass": a happening about a city or town (a control effect, or an evacuation) is about each town
    coordinated with its place. Each conjunct gets a copy of the happening's claim, as a state mention
    (control "held", so consolidation makes no event of it: the happening is one) whose kind is
    CONJUNCT + the happening's control effect, which the control model reads as that effect. "Rebels
    shelled Madaya near Zabadani" coordinates nothing, and "fighters from al-Foua and Kefraya have
    left the area" is not about the towns, named in its subject (counter-examples)."""
    by_start = {s.start_char: s for s in doc.sents}
    copies: list[Mention] = []
    seen = {(m.sentence_start, m.place) for m in found if m.place_kind in CITY_KINDS}
    for m in found:
        if m.place_kind not in CITY_KINDS or not (m.control or _evacuating(m)):
            continue
        sentence = by_start.get(m.sentence_start)
        if sentence is None:
            continue
        ents = [(e, p) for e in ents_in(sentence) if (p := place_for(e)) is not None]
        own = next((e for e, p in ents if p.name == m.place), None)
        if own is None or _in_subject(own.root, m.trigger_start):
            continue
        joined = set(t.i for t in own.root.conjuncts)
        for ent, place in ents:
            if ent.root.i not in joined or place.kind not in CITY_KINDS or (m.sentence_start, place.name) in seen:
                continue
            seen.add((m.sentence_start, place.name))
            copies.append(replace(m, mention_id=f"{m.mention_id}:conj@{ent.start_char}", place=place.name,
                                  place_known=True, place_kind=place.kind, admin1=place.admin1,
                                  latitude=place.latitude, longitude=place.longitude,
                                  control=ControlEffect.HELD, kind=CONJUNCT + (m.control or "")))
    return copies


def _in_subject(place: Token, trigger_start: int) -> bool:
    """"fighters from al-Foua and Kefraya have left the area": the place is in the subject of the
    happening's word (where the fighters come from), or outside its phrase, not what it is about."""
    word = place.doc.char_span(trigger_start, trigger_start + 1, alignment_mode="expand")  # the word at that offset
    trigger = word[0] if word is not None and len(word) and word[0].idx == trigger_start else None
    return trigger is None or place not in trigger.subtree or any(
        place in c.subtree for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass"))


def _third_side(ent: Span, pair: tuple[str, ...], held_words: dict[str, str]) -> bool:
    """"rebels fired mortars on the mainly Kurdish-populated Sheikh Maqsood neighbourhood": the place's
    phrase names a side's word of a controller other than the two of `pair` (the Kurds, whom the
    rebels shell too): the fire does not tell which of the others holds it. "Rebels shelled the besieged
    town of Madaya": a siege word before the name leaves the place to the siege's reading
    (`_siege_description`), which names no holder when it names no besieger."""
    noun = ent.root
    while noun.dep_ in ("compound", "amod", "nmod") and noun.head.i > noun.i:
        noun = noun.head  # "the Kurdish-populated Sheikh Maqsood neighbourhood": the neighbourhood
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head  # "the Kurdish town of Afrin": the town
    return any(t.lower_ != "is" and held_words.get(t.lower_, pair[0]) not in pair for t in noun.subtree) \
        or any(t.lemma_.lower() in SIEGE_VERBS for t in noun.subtree if t.i < ent.start)


def _third_side_word(sentence: Span, held_words: dict[str, str]) -> bool:
    """A side's word of a controller of neither firing pair in the sentence, a possessive's lost
    apostrophe too ("targeted ISILs gatherings in Palmyra"); "is" only as "IS"."""
    return any(side not in _FIRED_AT for t in sentence if t.lower_ != "is" or t.text == "IS"
               for word in (t.lower_, t.lower_[:-1] if t.lower_.endswith("s") else "")
               if (side := held_words.get(word)))


def _named_in_subject(place: Token) -> bool:
    """"rebels in Talbiseh had shelled regime positions as fighting raged": the place is in the subject
    of a clause of its sentence (where who acts is, not what is acted on)."""
    return any(t.dep_ in ("nsubj", "nsubjpass") and t != place and place in t.subtree for t in place.ancestors)


def _evacuating(m: Mention) -> bool:
    """"evacuated", "evacuation": an evacuation's claim (lib/extract/control.py reads it by the word)."""
    word = m.trigger.split()[0].lower() if m.trigger else ""
    return word in EVACUATION_WORDS or any(word.endswith(end) and word[:-len(end)] in EVACUATION_WORDS
                                           for end in ("s", "ed", "ing", "d"))


def divided_states(doc: Doc, article: Article, timexes: Sequence[Timex], dct: str,
                   found: Sequence[Mention]) -> list[Mention]:
    """"The predominantly Kurdish city was split between government forces and Kurdish fighters",
    "Aleppo is divided between government forces and rebels": a city a verb of division
    (words.tsv division_words) shares "between" two sides or more is divided, one part each: a state
    mention per side, place relation "part:<side>;held:<side>". The city is the verb's subject: a place
    name, or "the city"/"the town" standing for the city a happening of the sentence is placed in (as
    the happenings' own places resolve it), else for the city an earlier sentence named last. "The population is divided along ethnic lines" shares no
    place between sides (counter-example)."""
    index = DocIndex.of(doc)
    held_words = index.once(_controllers_held_words)
    states: list[Mention] = []
    for sentence in doc.sents:
        for verb in (t for t in tokens_with(sentence, lemmas=DIVISION_WORDS) if t.pos_ == "VERB"):
            sides = _sides_between(verb, held_words)
            place = _divided_place(verb, sentence, found) if len(set(sides)) > 1 else None
            if place is None:
                continue
            clause = TriggerMatch((verb,), None)  # type: ignore[arg-type]
            if polarity_of(sentence, clause) in _UNSAID:
                continue
            timex = timex_for(sentence, clause, timexes)
            governed = timex is not None and governs(clause, timex)
            if is_background_mention(sentence, timexes, timex if governed else None, governed, dct):
                continue
            for side in dict.fromkeys(sides):
                mention = claim_mention(sentence, article, clause, verb, place, timex if governed else None, dct,
                                        mention_id=f"{article.id}:{sentence.start_char}:{verb.idx}:divided:{side}",
                                        event_type="Strategic developments", sub_event_type="Other",
                                        control=ControlEffect.HELD, kind="holding",
                                        place_relation=f"part:{side};held:{side}")
                if mention is not None:
                    states.append(mention)
    return states


def _sides_between(verb: Token, held_words: dict[str, str]) -> list[str]:
    """The sides named after "between": an actor's, or a side's word ("government forces", "rebels")."""
    sides = []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "between"):
        for noun in (t for t in prep.subtree if t.dep_ in ("pobj", "conj") and t.pos_ in ("NOUN", "PROPN")):
            ent = next((e for e in DocIndex.of(noun.doc).ents if e.start <= noun.i < e.end and actor_for(e) is not None), None)
            if ent is not None:
                side = actor_for(ent).side
            else:
                words = [t.lower_ for t in noun.subtree if t.i <= noun.i] + [noun.lemma_.lower()]
                side = next((held_words[w] for w in words if w in held_words and w != "is"), "")
            if side and DocIndex.of(noun.doc).controller_of(side):
                sides.append(side)
    return sides


def _divided_place(verb: Token, sentence: Span, found: Sequence[Mention]):
    """The city the verb's subject names, or the city of a happening of the sentence when the subject
    is "the city"/"the town" (None when neither)."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")), None)
    if subject is None:
        return None
    for ent in ents_in(sentence):
        if ent.start <= subject.i < ent.end or (subject.left_edge.i <= ent.root.i <= subject.i):
            place = place_for(ent)
            if place is not None and place.kind in CITY_KINDS:
                return place
    if subject.lemma_.lower() in CITY_KINDS:
        return next((_MentionPlace(m) for m in found if m.sentence_start == sentence.start_char
                     and m.place_kind in CITY_KINDS), None) or _city_told_before(sentence)
    return None


def _city_told_before(sentence: Span):
    """The city or town "the city" of a sentence with no happening of its own refers back to: the last
    one an earlier sentence named (as lib/extract/mentions/places.py's last_city_in reads them)."""
    from lib.extract.mentions.places import last_city_in  # here: places.py imports this module's readers
    for earlier in reversed([s for s in sentence.doc.sents if s.end <= sentence.start]):
        told = last_city_in(earlier)
        if told is not None:
            return told.place if told.place is not None and told.place.kind in CITY_KINDS else None
    return None


class _MentionPlace:
    """A mention's place as claim_mention reads it (name, kind, division, coordinates)."""
    def __init__(self, m: Mention):
        self.name, self.kind, self.admin1 = m.place, m.place_kind, m.admin1
        self.latitude, self.longitude = m.latitude, m.longitude


def _left(root: Token) -> bool:
    """"evacuated from opposition-held Madaya and Zabadani", "evacuees from the regime-held towns of
    Foua and Kefraya", "a convoy left regime-besieged al-Zabadani" (words.tsv left_verbs): a place the
    happening leaves."""
    root = _listing_root(root) or root
    while root.dep_ == "conj" and root.head != root:
        root = root.head
    return (root.dep_ == "pobj" and root.head.lower_ in LEFT_PREPS) or (
        root.dep_ == "dobj" and root.head.lemma_.lower() in LEFT_VERBS)


def _listing_root(root: Token) -> Token | None:
    """The plural town noun whose "of" lists the name ("the regime-held towns of Foua and Kefraya"),
    None when there is none."""
    while root.dep_ == "conj" and root.head != root:
        root = root.head
    noun = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None
    return noun if noun is not None and noun.tag_ == "NNS" and noun.lemma_.lower() in TOWN_NOUNS else None


def _listed_towns(ent: Span, relation: str) -> str:
    """"the regime-held towns of Foua and Kefraya": each town a plural town noun lists after "of" is
    the town itself, where relation.py reads the plural as places around ("villages near Hama");
    "the villages north of Hama" stay around it (counter-example: no "of" listing)."""
    kind, detail, side = split_relation(relation)
    if kind == "around" and detail in TOWN_NOUNS and side and _listing_root(ent.root) is not None:
        return f"in;held:{side}"
    return relation


def _clause_verb(token: Token) -> Token:
    """The verb of the clause a description sits in (the description itself when none)."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return token


APPOSED_DETERMINERS = frozenset({"a", "an", "another"})


def _after_name(ent: Span) -> int:
    """The position of the word after the place's name and the comma after it, if any ("Saraqeb,
    another ...", or "Saraqeb another ..." as pages that lost their commas print it)."""
    return ent.end + (1 if ent.end < len(ent.doc) and ent.doc[ent.end].text == "," else 0)


def _apposed_description(ent: Span) -> tuple[str, Token] | None:
    """"regime forces attacked Saraqeb, another opposition-held city in Idlib province": a noun phrase
    right after the place's name (after a comma or none, as pages that lost their commas print it),
    opened by "a", "an" or "another" and headed by a noun of words.tsv town_nouns, is the name's
    apposition even where the parser hung it elsewhere (as a second object): its description is the
    place's. "Rebels shelled Aleppo and a government-held town nearby" names another town
    (counter-example: "and" stands between)."""
    doc, at = ent.doc, _after_name(ent)
    if at >= ent.sent.end or doc[at].lower_ not in APPOSED_DETERMINERS:
        return None
    noun = doc[at].head
    if noun.i <= at or noun.lemma_.lower() not in TOWN_NOUNS or noun.left_edge.i != at:
        return None
    described = description_of(doc[noun.i:noun.i + 1])
    if described is None or not described[0].startswith("in;"):
        return None
    return described


def _relative_description(ent: Span) -> tuple[str, Token] | None:
    """"attacked Tel Abyad which is controlled by the Syrian Kurdish YPG militia", "Idlib, which rebels
    control": a relative clause on the place's name whose verb holds (hold, control) in the present
    (or the present perfect: "which has been held by rebels") says who holds the place now, the side of
    its agent or subject (a controller of sides.tsv); "mostly" and the other words.tsv
    partial_state_words before it make it a part. "Palmyra, which rebels controlled until March" is a
    past holding (counter-example). The clause is the one whose "which" or "that" follows the name
    (after a comma or none), wherever the parser hung it ("regime-held Tartous and Homs as well as
    Hasakeh which is mostly controlled by the YPG": Hasakeh's, not Tartous's)."""
    doc, at = ent.doc, _after_name(ent)
    if at >= ent.sent.end or doc[at].lower_ not in ("which", "that"):
        return None
    verb = next((t for t in (doc[at], *doc[at].ancestors) if t.dep_ == "relcl"), None)
    if verb is None or verb.lemma_.lower() not in STATE_HOLDING_LEMMAS:
        return None
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    present = verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBN" and any(
        a.tag_ in ("VBZ", "VBP") for a in auxiliaries))
    if not present or any(a.lower_ in HEDGE_WORDS for a in auxiliaries):
        return None
    doers = [t for c in verb.children if c.dep_ in ("agent", "nsubj") for t in c.subtree]
    side = _side_of(doers, DocIndex.of(doc))
    return (_held_by(verb, side), verb) if side else None


def _held_by(verb: Token, side: str) -> str:
    """The relation of a place a present verb says `side` holds: a part when "mostly" or another
    words.tsv partial_state_words modifies the verb, else the place."""
    partial = next((c.lower_ for c in verb.children if c.dep_ == "advmod" and c.lower_ in PARTIAL_STATE_WORDS), "")
    return f"part:{partial};held:{side}" if partial else f"in;held:{side}"


def _side_of(tokens: Sequence[Token], index: DocIndex) -> str:
    """The controlling side the first actor, or side's word ("rebels"), among `tokens` names ("")."""
    held_words = index.once(_controllers_held_words)
    for token in tokens:
        ent = next((e for e in index.ents if e.start <= token.i < e.end and actor_for(e) is not None), None)
        side = actor_for(ent).side if ent is not None else ""
        if side and index.sides.get(side) is not None and index.sides[side].controller:
            return side
        if token.lower_ != "is" and (token.lower_ in held_words or token.lemma_.lower() in held_words):
            return held_words.get(token.lower_) or held_words[token.lemma_.lower()]
    return ""


DIVIDED = "divided"  # the holder of "the divided city of Deir Ezzor": place_relation "in;held:divided"


def _divided_description(ent: Span) -> tuple[str, Token] | None:
    """"air strikes hit IS-held areas in and outside the divided city of Deir Ezzor", "divided
    Aleppo": a participle of a verb of division (words.tsv division_words) before the place's name, or
    before the town noun whose "of" names it, says the city is divided, its parts unnamed: relation
    "in;held:divided" (lib/extract/control.py reads it). "the ethnically divided town of Hasakah" is
    about its people (counter-example: an adverb on the participle), and so is "the divided opposition"
    (no place)."""
    root = ent.root
    nouns = [root]
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in TOWN_NOUNS:
        nouns.append(root.head.head)
    for noun in nouns:
        for child in noun.children:
            word = child.lower_
            if child.dep_ == "amod" and child.i < noun.i and not any(c.dep_ == "advmod" for c in child.children) \
                    and (word in DIVISION_WORDS or word.endswith("ed") and word[:-1] in DIVISION_WORDS):
                return f"in;held:{DIVIDED}", child
    return None


STATE_VERBS = frozenset({"be", "remain", "stay"})
PAST_STATE_WORDS = WORDS["past_state_words"]
PAST_BOUNDS = frozenset({"until", "till", "before"})
SHARED_WORDS = frozenset({"shared", "joint"})


def _under_control(ent: Span, past: bool = False) -> tuple[str, Token] | None:
    """"Idlib is under rebel control", "Tal Hamis is under the control of the Islamic State jihadist
    group", "al-Quria, which is mostly under DAESH control" (a part), "Aleppo remains in rebel hands",
    "Hama is now in the hands of the rebels", "Aleppo, now under rebel control, was calm" (the phrase set
    off after the name): a place that is (remains, has been) under a side's control or in its hands, in
    the present, is held by that side (the side's word before "control"
    or "hands", or the actor after its "of"); "under the shared control of the regime and Kurdish
    authorities" is divided. "Aleppo is in the hands of God" names no side, and "Hama is in Syria"
    no holding (counter-examples). "Sweida was no longer under government control" (negated) and "Aleppo was
    under rebel control until 2016" (past) are no holding now (counter-examples)."""
    doc = ent.doc
    root = _town_noun_of(_first_conjunct(ent.root))  # "Aleppo and Hama are now in rebel hands": Hama's too
    verb = root.head if root.dep_ in ("nsubj", "nsubjpass") else None
    at = _after_name(ent)
    if verb is None and at < ent.sent.end and doc[at].lower_ in ("which", "that") and doc[at].dep_ == "nsubj":
        verb = doc[at].head  # "al-Quria, which is mostly under DAESH control"
    control = _control_noun(ent.root) if at == ent.end + 1 else None
    if control is not None:
        # "Aleppo, now under rebel control, ...": the phrase set off by a comma after the name is its state;
        # not "Aleppo, under government control until 2016, ..." (a past: a bound or a year after it)
        phrase = doc[at:min(ent.sent.end, max(t.i for t in control.head.subtree) + 4)]
        if any(t.lower_ in PAST_BOUNDS or t.lower_ in PAST_STATE_WORDS or (t.like_num and len(t) == 4)
               for t in phrase):
            return None
        side = _side_of([t for t in control.subtree if t.i < control.i]
                        + [t for c in control.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree],
                        DocIndex.of(doc))
        return (f"in;held:{side}", control) if side else None
    if verb is None or verb.lemma_.lower() not in STATE_VERBS:
        return None
    auxiliaries = [c for c in verb.children if c.dep_ == "aux"]
    present = verb.tag_ in ("VBZ", "VBP") or (verb.lower_ == "been" and any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries))
    if past:
        present = verb.tag_ == "VBD" and not _bounded(verb)
    if not present or _not_so(verb):
        return None
    control = _control_noun(verb)
    if control is None:
        return None
    before = [t for t in control.subtree if t.i < control.i]
    after = [t for c in control.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree]
    if any(t.lower_ in SHARED_WORDS for t in before):
        return f"in;held:{DIVIDED}", control
    side = _side_of(before + after, DocIndex.of(doc))
    return (_held_by(verb, side), control) if side else None


# "under rebel control", "in rebel hands", "in the hands of IS": the noun of a holding after its preposition
CONTROL_NOUNS = {"under": frozenset({"control"}), "in": frozenset({"hand", "hands"})}
# "in control of Hama", "in charge of Damascus": the noun after "in" of a side that holds the place after "of"
IN_CONTROL_NOUNS = frozenset({"control", "charge"})


def _control_noun(verb: Token) -> Token | None:
    """The noun of a holding the verb's preposition governs ("under rebel control", "in rebel hands",
    "in the hands of the rebels"); None when there is none ("in Idlib province")."""
    return next((o for p in verb.children if p.dep_ == "prep" and p.lower_ in CONTROL_NOUNS
                 for o in p.children if o.dep_ == "pobj" and o.lemma_.lower() in CONTROL_NOUNS[p.lower_]), None)


def _town_noun_of(name: Token) -> Token:
    """"The city of Daraa is in the hands of local rebels": the settlement noun (words.tsv town_nouns)
    the name is "of", which stands for the place in the clause; else the name itself ("the mayor of
    Daraa is in the hands of the rebels" is not Daraa's state: counter-example)."""
    of = name.head
    if name.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in TOWN_NOUNS:
        return of.head
    return name


def _first_conjunct(token: Token) -> Token:
    """The first of the names coordinated with `token` ("Aleppo" of "Aleppo and Hama"), or itself."""
    while token.dep_ == "conj" and token.head != token and token.head.pos_ in ("PROPN", "NOUN"):
        token = token.head
    return token


def _not_so(verb: Token) -> bool:
    """Is a holding negated ("Hama is not in rebel hands"), no longer so ("no longer under government
    control") or hedged ("may be under rebel control")? Then it tells no state (the readings below
    ask it alike)."""
    return any(c.dep_ == "neg" or c.lower_ == "longer" or (c.dep_ in ("aux", "auxpass") and c.lower_ in HEDGE_WORDS)
               for c in verb.children)


def _bounded(verb: Token) -> bool:
    """"Aleppo was under rebel control until 2016": a past state its clause ends (PAST_BOUNDS)."""
    return any(t.lower_ in PAST_BOUNDS for t in verb.subtree)


def _dated_past(ent: Span) -> tuple[str, Token] | None:
    """"Insurgents were in full control of Hama by Thursday evening", "By Thursday evening, Hama was
    under rebel control": a holding told in the past (`_under_control`, `_in_control_of` with `past`),
    to be kept only where a date of its own clause dates it (`_state`); "Rebels were in control of Homs"
    with no date may tell a former state, and "... until 2016" ends it (counter-examples)."""
    return _under_control(ent, past=True) or _in_control_of(ent, past=True)


def _in_control_of(ent: Span, past: bool = False) -> tuple[str, Token] | None:
    """"The SDF is in control of Deir ez-Zor", "Rebels said they were in full control of Homs", "rebels
    are in control of the city of Hama", "HTS-led fighters are now in charge of Damascus": a side that is (remains) in control of a place holds it, in the
    present or in the past of reported speech (a pronoun subject standing for the side that reports:
    "they"). "Rebels were in control of Homs until 2016" (a past told by no one) and "Rebels are not in
    control of Homs" (negated) are no holding now (counter-examples)."""
    noun = _first_conjunct(ent.root)  # "in control of Raqqa and Deir ez-Zor": Deir ez-Zor's too
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in TOWN_NOUNS:
        noun = noun.head.head  # "the city of Hama"
    if not (noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in IN_CONTROL_NOUNS):
        return None
    control = noun.head.head
    verb = control.head.head if control.dep_ == "pobj" and control.head.lower_ == "in" else None
    if verb is None or verb.lemma_.lower() not in STATE_VERBS or verb.tag_ not in ("VBZ", "VBP", "VBD"):
        return None
    reporter = verb.head if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_LEMMAS else None
    if past and (verb.tag_ != "VBD" or reporter is not None or _bounded(verb)):
        return None  # a reported past is read without `past`; a present is no past
    if (verb.tag_ == "VBD" and reporter is None and not past) or _not_so(verb):
        return None
    subject = subject_of(verb)  # "Rebels said they were": the rebels
    side = _side_of(list(subject.subtree), DocIndex.of(ent.doc)) if subject is not None else ""
    return (_held_by(verb, side), control) if side else None


def subject_of(verb: Token) -> Token | None:
    """The verb's subject; for a pronoun in reported speech, who reports ("Rebels said they had
    completed the liberation of Homs", "The Syrian army said it had pulled its troops out of Hama")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.tag_ == "PRP" and verb.dep_ == "ccomp" \
            and verb.head.lemma_.lower() in REPORTING_LEMMAS:
        return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return subject


def _passive_holding(ent: Span) -> tuple[str, Token] | None:
    """"Taduf, which lies in the northeast of Aleppo province, is controlled by the Islamic State
    group", "Raqqa has been held by IS since 2014", "Binnish, which lies in Idlib province and is held
    by rebels": a place that is the subject of a holding verb (hold, control) in the passive and the
    present (or present perfect), or whose relative clause's verb is conjoined with one, is held by the
    side of its agent; "mostly" and the other words.tsv partial_state_words on the verb make it a part.
    "Raqqa was controlled by IS until 2017" (past), "Raqqa is not held by IS" (negated) and "Raqqa could
    be held by IS" (hedged) are no holding now (counter-examples)."""
    doc, root = ent.doc, ent.root
    verb = root.head if root.dep_ == "nsubjpass" and root.head.i != root.i else None
    at = _after_name(ent)
    if (verb is None or verb.lemma_.lower() not in STATE_HOLDING_LEMMAS) and at < ent.sent.end \
            and doc[at].lower_ in ("which", "that"):
        clause = next((t for t in (doc[at], *doc[at].ancestors) if t.dep_ == "relcl"), None)
        verb = next((c for c in clause.children if c.dep_ == "conj" and c.lemma_.lower() in STATE_HOLDING_LEMMAS),
                    None) if clause is not None else None  # "which lies in ... and is held by"
    if verb is None or verb.lemma_.lower() not in STATE_HOLDING_LEMMAS or verb.tag_ != "VBN":
        return None
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries) or _not_so(verb):
        return None
    side = _side_of(_agent_phrase(verb), DocIndex.of(doc))
    return (_held_by(verb, side), verb) if side else None


POSITIONED_WORDS = WORDS["position_participles"]


def _positioned_description(ent: Span) -> tuple[str, Token] | None:
    """"terrorist groups positioned in Binnish town targeted al-Fouaa", "ISIS terrorists stationed in
    Tadef fired rockets": fighters said to be posted (a participle of words.tsv position_participles) right "in" a town, or
    in the town noun or district noun its name qualifies, hold it: "in;held:<side>" of the first
    controlling side named in the fighters' phrase. "positioned near Binnish", "positioned in the
    outskirts of Binnish", "positioned in Binnish countryside" (another noun after the name) and
    "civilians positioned in Binnish" and "the tomb of Assad's father is located in Qardaha" (no side
    named by the noun itself) are no holding (counter-examples)."""
    doc = ent.doc
    before = ent.start - 1 - (ent.start > ent.sent.start and doc[ent.start - 1].lower_ == "the")
    if before - 1 < ent.sent.start or doc[before].lower_ != "in" or doc[before - 1].lemma_.lower() not in POSITIONED_WORDS:
        return None
    after = doc[ent.end] if ent.end < ent.sent.end else None
    pocket = DocIndex.of(doc).once(relation_words).by_relation.get("pocket", frozenset())
    if after is not None and after.pos_ in ("NOUN", "PROPN") and after.lower_ not in TOWN_NOUNS | pocket:
        return None  # "positioned in Binnish countryside": around it
    verb = doc[before - 1]
    heads = [verb.head] if verb.dep_ == "acl" else [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    # the fighters' noun and the words naming it ("ISIS terrorists"), not a phrase hung on it ("a
    # mausoleum of Assad's father is located in Qardaha" names no fighters)
    fighters = [t for head in heads for t in head.subtree
                if t == head or (t.i < head.i and t.dep_ in ("compound", "amod", "nmod") and t.head == head)]
    side = _side_of(fighters, DocIndex.of(doc))
    return (f"in;held:{side}", verb) if side else None


EXAMPLE_PREPS = frozenset({"including", "like", "among"})


def _agent_phrase(verb: Token) -> list[Token]:
    """The words of who does a passive verb: its agent's noun phrase, without the clauses hung on it
    and without the members it gives as examples ("held by a coalition of Islamist forces including the
    former Nusra Front" is held by the coalition, not by the Nusra Front)."""
    left_out = {t.i for c in verb.children if c.dep_ == "agent" for t in c.subtree
                if t.dep_ in ("relcl", "acl", "advcl") or (t.dep_ == "conj" and t.pos_ in ("VERB", "AUX"))
                or (t.dep_ == "prep" and t.lower_ in EXAMPLE_PREPS)}
    outside = {t.i for i in left_out for t in verb.doc[i].subtree}
    return [t for c in verb.children if c.dep_ == "agent" for t in c.subtree if t.i not in outside]


def _state(sentence: Span, ent: Span, place, article: Article, timexes: Sequence[Timex],
           dct: str) -> Mention | None:
    description = (description_of(ent) or _apposed_description(ent) or _relative_description(ent)
                   or _divided_description(ent) or _under_control(ent) or _in_control_of(ent) or _passive_holding(ent)
                   or _pocket_description(ent, place.name) or _noun_of_description(ent, place.name)
                   or _siege_description(ent) or _positioned_description(ent))
    past = description is None and (description := _dated_past(ent)) is not None
    if description is None:
        return None
    relation, holding = description
    relation = _listed_towns(ent, relation)
    kind, detail, side = split_relation(relation)
    words = DocIndex.of(sentence.doc).once(relation_words)
    named_part = kind == "part" and (words.has("part_modifier", detail) or words.has("part_modifier", f"{detail}ern")
                                     or detail in PARTIAL_STATE_WORDS)
    if kind != "in" and not named_part:
        if not _own_pocket(place.name, kind, detail, words):
            return None  # around the city, or a part no side of the city names ("rebel-held areas of Idlib")
        relation = f"in;held:{side}"  # "the opposition-held al-Qaterji neighbourhood": the district itself
    if _left(ent.root) and side not in DEAL_RECEIVERS:
        # the state before the happening, which its own claim tells ("evacuated from opposition-held
        # Madaya": the evacuees' side held it until then); but a town the side deals hand cities to
        # holds as its people leave ("evacuees from the regime-held towns of Foua") keeps its
        # description: no claim of the evacuation tells it (lib/extract/control.py)
        return None
    clause = TriggerMatch((_clause_verb(ent.root),), None)  # type: ignore[arg-type]
    polarity = polarity_of(sentence, clause)
    if polarity in _UNSAID:
        return None
    timexes = outside_appositions(clause.head, timexes)  # "Hama, the site of a 1982 massacre, is ..."
    timex = timex_for(sentence, clause, timexes)
    governed = timex is not None and governs(clause, timex)
    if past and not governed:
        return None  # a past holding says the state of its own date only
    if not (governed and _since_now(clause.head, timex)) \
            and is_background_mention(sentence, timexes, timex if governed else None, governed, dct):
        return None
    return claim_mention(sentence, article, clause, holding, place, timex if governed else None, dct,
                         mention_id=f"{article.id}:{sentence.start_char}:{holding.idx}:held@{ent.start_char}",
                         event_type="Strategic developments", sub_event_type="Other",
                         control=ControlEffect.HELD, kind="holding", place_relation=relation)


def _since_now(verb: Token, timex: Timex) -> bool:
    """"Eastern Ghouta has been under siege by regime forces since 2013": a state in the present perfect
    counted "since" a date runs from then to the time of writing, news however long ago it began (the
    control model reads a holding's "since" as the state at publication: lib/extract/control.py
    _since); "Madaya was under siege by regime forces in 2015" (its own past date) and "the siege
    that began in 2013" are history (counter-examples)."""
    doc = verb.doc
    at = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    return at is not None and at.start > 0 and doc[at.start - 1].lower_ == "since" and any(
        c.dep_ == "aux" and c.lemma_.lower() == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children)


SIEGE_NOUNS = WORDS["siege_nouns"]
SIEGE_VERBS = WORDS["siege_words"]


def _siege_description(ent: Span) -> tuple[str, Token] | None:
    """"Madaya has been under siege by Syrian regime forces", "the regime's siege of Madaya",
    "the town of Madaya, besieged by government forces", "rebels have besieged the town of Nubl", "the
    districts of Bustan al-Qasr and al-Fardos, all of which were under siege by the Assad regime": a
    place a side besieges (words.tsv siege_nouns, siege_words) is held inside by that side's adversary
    (the government's side and the opposition besiege each other: `_INSIDE`), the ring around it being
    the besieger's. "Rebels shelled the besieged town of Madaya" names no besieger, "the IS siege of
    Kobani" a besieger whose adversary the war does not tell, and "the siege of the countryside of
    Madaya" another place (counter-examples)."""
    index = DocIndex.of(ent.doc)
    words = index.once(relation_words)
    part = next((c.lower_.removesuffix("ern") for c in ent.root.children if c.i < ent.start
                 and c.dep_ in ("amod", "compound", "nmod") and words.has("part_modifier", c.lower_)),
                "")  # "the regime-besieged eastern Aleppo": a part
    for word, besiegers in _sieges_of(ent):
        side = _besieger(besiegers, index)
        inside = _INSIDE.get(index.controller_of(side), "") if side else ""
        if inside:
            return f"{'part:' + part if part else 'in'};held:{inside}", word
    return None


def _besieger(tokens: Sequence[Token], index: DocIndex) -> str:
    """The side of who besieges: a named actor's, or a side's word ("regime", "rebels"); not a generic
    actor named by no side's word ("terrorist-besieged Kobani": government media call rebels and
    Islamic State alike terrorists)."""
    held_words = index.once(_controllers_held_words)
    for token in tokens:
        ent = next((e for e in index.ents if e.start <= token.i < e.end and actor_for(e) is not None), None)
        if ent is not None and (not actor_for(ent).generic or any(  # "rebels", "regime forces"
                w in held_words for t in ent if t.lower_ != "is" for w in (t.lower_, t.lemma_.lower(), t.lower_[:-1]))):
            return actor_for(ent).side
    return _side_of([t for t in tokens if not any(e.start <= t.i < e.end for e in index.ents)], index)


def _sieges_of(ent: Span):
    """(the siege word, the tokens naming who besieges) for each siege said of the place's name."""
    doc, root = ent.doc, ent.root
    noun = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.tag_ == "NN" \
        and root.head.head.lemma_.lower() in TOWN_NOUNS else root  # "the town of Madaya" (not "the towns of Idlib")
    # "the siege of Madaya by ...", "the regime's siege of the town of Madaya"
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in SIEGE_NOUNS:
        siege = noun.head.head
        yield siege, _besieger_words(siege)
    # "the town of Madaya, besieged by ...", "Madaya was besieged by ...", "rebels have besieged Nubl"
    verbs = [c for c in noun.children if c.dep_ in ("acl", "amod", "relcl") and c.lemma_.lower() in SIEGE_VERBS]
    active = noun.dep_ == "dobj" or (noun.dep_ == "npadvmod" and noun.i > noun.head.i)  # as the parser may hang it
    if (active or noun.dep_ == "nsubjpass") and noun.head.lemma_.lower() in SIEGE_VERBS:
        verbs.append(noun.head)
    for verb in verbs:
        if active and verb == noun.head:  # active: who besieges is the subject
            yield verb, [t for c in verb.children if c.dep_ == "nsubj" for t in c.subtree]
        else:  # passive or participle: its agent, or the word joined to it ("the opposition-besieged al-Foua")
            joined = verb.i < noun.i and verb.i >= 2 and doc[verb.i - 1].text == "-"
            yield verb, [t for c in verb.children if c.dep_ == "agent" for t in c.subtree] \
                + ([doc[verb.i - 2]] if joined else [])
    # "Eastern Ghouta has been under siege by ...", "X, all of which were under siege by ..."
    verb = noun.head if noun.dep_ == "nsubj" else _list_relative(ent)
    if verb is not None:
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "under"):
            for siege in (o for o in prep.children if o.dep_ == "pobj" and o.lemma_.lower() in SIEGE_NOUNS):
                yield siege, _besieger_words(siege) + [t for c in verb.children if c.dep_ in ("prep", "agent")
                                                       and c.lower_ == "by" for t in c.subtree]


def _besieger_words(siege: Token) -> list[Token]:
    """The words naming who lays a siege: its "by" phrase, or its possessive or modifier before it."""
    return [t for c in siege.children if (c.dep_ == "prep" and c.lower_ == "by")
            or (c.i < siege.i and c.dep_ in ("poss", "compound", "amod", "nmod")) for t in c.subtree]


LIST_WORDS = frozenset({",", "and", "-", "al"})
RELATIVE_QUANTIFIERS = frozenset({"all", "both", "each"})  # not "most of which": not each of them


def _list_relative(ent: Span) -> Token | None:
    """The verb of the relative clause said of a list the place's name belongs to ("the districts of
    Bustan al-Qasr Mashhad and al-Fardos, all of which were under siege": after the name, through names,
    commas and "and", "all of which" or "both of which" that is the clause's subject) or of the name
    itself ("Madaya, which is ..."). None when another word stands between ("Madaya near Zabadani,
    which ..."), or for a bare "which" after a list ("Aleppo and Idlib, which is ...": Idlib's only)."""
    doc, at = ent.doc, ent.end
    while at < ent.sent.end and at - ent.end < 40 and (doc[at].lower_ in LIST_WORDS or doc[at].pos_ == "PROPN"):
        at += 1
    if at >= ent.sent.end:
        return None
    word = doc[at]
    if word.lower_ in RELATIVE_QUANTIFIERS and at + 2 < ent.sent.end and doc[at + 1].lower_ == "of" \
            and doc[at + 2].lower_ == "which":
        return word.head if word.dep_ == "nsubj" else None
    # a bare "which" is said of the name right before it only ("Aleppo and Idlib, which is ...": Idlib)
    return word.head if word.lower_ in ("which", "that") and word.dep_ in ("nsubj", "nsubjpass") \
        and at == _after_name(ent) else None


def _own_pocket(name: str, kind: str, noun: str, words) -> bool:
    """"the opposition-controlled neighborhood of al-Sakhour": a noun of a city's pocket
    (place_relations.tsv `pocket`) said of a place the gazetteer knows as a district of a city names
    that district, so the holding is the district's own. "the opposition-controlled neighborhood of
    Aleppo" says nothing of Aleppo, which is no district (counter-example: it stays around it)."""
    return kind == "around" and words.has("pocket", noun) and _district(name)


def _district(name: str) -> bool:
    """Is `name` a district (or camp) of a city in the gazetteer ("Qaterji" of Aleppo)?"""
    from lib.extract.gazetteer import city_of_district
    return bool(city_of_district(name))


def _pocket_description(ent: Span, name: str) -> tuple[str, Token] | None:
    """"air strikes on the opposition-held al-Qaterji neighbourhood": a district's name before a noun of
    a city's pocket (place_relations.tsv `pocket`) is described by what describes that noun, when the
    gazetteer knows it as a district of a city (`_own_pocket`)."""
    head = ent.root.head
    if ent.root.dep_ != "compound" or head.i <= ent.root.i \
            or not DocIndex.of(ent.doc).once(relation_words).has("pocket", head.lower_) or not _district(name):
        return None
    found = description_of(ent.doc[head.i:head.i + 1])
    # the noun's own description ("the opposition-held al-Qaterji neighbourhood"), not that of what it is
    # a part of ("rebel-held portions of Jamiyat al-Zahra district": a part, counter-example)
    return found if found is not None and head in found[1].ancestors else None


def _noun_of_description(ent: Span, name: str) -> tuple[str, Token] | None:
    """"The jets targeted the opposition-controlled neighborhood of al-Sakhour wounding scores more": on
    pages that lost their commas the parser may hang the name on the words after it, not on the "of"
    before it; a district the gazetteer knows, named right after a noun of a city's pocket
    (place_relations.tsv `pocket`) and "of", is read by position: what describes that noun as held
    describes the district (as `_own_pocket` reads it when the parse holds). "the opposition-controlled
    neighborhood of Aleppo" says nothing of Aleppo, which is no district (counter-example). Not for town
    nouns ("the rebel-held town of X"): tried, dev gained nothing and the test totals went from 15 wrong
    and 9 contested-but-clear to 19 and 5."""
    doc, at = ent.doc, ent.start - 1
    if at - 1 < ent.sent.start or doc[at].lower_ != "of":
        return None
    noun = doc[at - 1]
    if not (DocIndex.of(doc).once(relation_words).has("pocket", noun.lower_) and _district(name)):
        return None
    found = description_of(doc[noun.i:noun.i + 1])
    return found if found is not None and found[0].startswith("in;") else None


def outside_appositions(word: Token, timexes: Sequence[Timex]) -> list[Timex]:
    """The timexes that can date the clause of `word`: not one inside an apposition the word is not in
    ("Daraa, the cradle of the 2011 uprising, came under rebel control on Saturday": Saturday, not 2011;
    an apposition tells who or what a participant is, not when the happening was)."""
    kept = []
    for timex in timexes:
        span_ = word.doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span_ is None or not apposed_away(span_.root, word):
            kept.append(timex)
    return kept


def claim_mention(sentence: Span, article: Article, clause: TriggerMatch, word: Token, place, timex: Timex | None,
                  dct: str, **fields) -> Mention | None:
    """A control claim's Mention told by `word` about `place`, dated by `timex` (the clause's own)
    or else by the publication; `fields`: mention_id, event_type, sub_event_type, control, kind,
    place_relation, and optionally actor1/side1 and background. None when it can have no date."""
    date_span = span(timex.value, dct, timex.mod) if timex is not None else None
    source = DATE_FROM_CLAUSE
    if date_span is None:
        if not dct:
            return None
        timex, source, date_span = None, DATE_FROM_PUBLICATION, undated_span(dct)
    return Mention(**{
        "article_id": article.id, "source": article.source or article.id, "published": article.published,
        "sentence_start": sentence.start_char, "sentence_end": sentence.end_char,
        "sentence": span_text(sentence).strip(), "trigger": word.text, "trigger_start": word.idx,
        "trigger_end": word.idx + len(word), "many_parties": False, "actor1": "", "actor2": "", "side1": "",
        "side2": "", "place": place.name, "place_known": True, "place_kind": place.kind,
        "admin1": place.admin1, "latitude": place.latitude, "longitude": place.longitude,
        "date_start": date_span[0], "date_end": date_span[1], "time_precision": date_span[2],
        "date_text": timex.text if timex else "", "timex_value": timex.value if timex else "",
        "timex_start": timex.start if timex else -1, "timex_end": timex.end if timex else -1,
        "date_source": source, "anchor": timex.anchor if timex else "DCT", "rule": timex.rule if timex else "",
        "attribution": attribution_of(sentence, clause), "polarity": Polarity.ASSERTED, "fatalities": None,
        **fields})

