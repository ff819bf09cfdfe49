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
from lib.extract.mentions.dating import governs, is_background_mention, timex_for
from lib.extract.mentions.index import DocIndex, TriggerMatch, actor_for, ents_in, place_for, span_text
from lib.extract.mentions.relation import description_of, relation_words, split_relation
from lib.extract.mentions.words import HEDGE_WORDS, WORDS
from lib.extract.sentences import is_headline
from lib.model import DATE_FROM_CLAUSE, DATE_FROM_PUBLICATION, ControlEffect, Mention, Polarity
from lib.temporal import Timex
from lib.temporal.spans import span, undated_span

_UNSAID = (Polarity.HEDGED, Polarity.PLANNED)
LEFT_PREPS = WORDS["left_preps"]  # "evacuated from opposition-held Madaya": the state before, not after
PARTIAL_STATE_WORDS = WORDS["partial_state_words"]
DIVISION_WORDS = WORDS["division_words"]  # "the city was split between government forces and Kurdish fighters"
EVACUATION_WORDS = WORDS["evacuation_words"]
CITY_KINDS = ("city", "town")  # "the mostly Kurdish-controlled city": a part


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
            + conjunct_claims(doc, found) + example_states(doc, article, timexes, dct))


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
        for marker in (doc[i] for i in range(sentence.start, sentence.end) if index.lowers[i] in EXAMPLE_MARKERS):
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
    the happenings' own places resolve it). "The population is divided along ethnic lines" shares no
    place between sides (counter-example)."""
    index = DocIndex.of(doc)
    held_words = index.once(_controllers_held_words)
    states: list[Mention] = []
    for sentence in doc.sents:
        for verb in (doc[i] for i in range(sentence.start, sentence.end)
                     if index.lemmas[i] in DIVISION_WORDS and doc[i].pos_ == "VERB"):
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
                     and m.place_kind in CITY_KINDS), None)
    return None


class _MentionPlace:
    """A mention's place as claim_mention reads it (name, kind, division, coordinates)."""
    def __init__(self, m: Mention):
        self.name, self.kind, self.admin1 = m.place, m.place_kind, m.admin1
        self.latitude, self.longitude = m.latitude, m.longitude


def _left(root: Token) -> bool:
    """"evacuated from opposition-held Madaya and Zabadani": a place the happening leaves."""
    while root.dep_ == "conj" and root.head != root:
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ in LEFT_PREPS


def _clause_verb(token: Token) -> Token:
    """The verb of the clause a description sits in (the description itself when none)."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return token


def _state(sentence: Span, ent: Span, place, article: Article, timexes: Sequence[Timex],
           dct: str) -> Mention | None:
    description = description_of(ent)
    if description is None:
        return None
    relation, holding = description
    kind, detail, _ = split_relation(relation)
    words = DocIndex.of(sentence.doc).once(relation_words)
    named_part = kind == "part" and (words.has("part_modifier", detail) or words.has("part_modifier", f"{detail}ern")
                                     or detail in PARTIAL_STATE_WORDS)
    if kind != "in" and not named_part:
        return None  # around the city, or a part no side of the city names ("rebel-held areas of Idlib")
    if _left(ent.root):
        return None
    clause = TriggerMatch((_clause_verb(ent.root),), None)  # type: ignore[arg-type]
    polarity = polarity_of(sentence, clause)
    if polarity in _UNSAID:
        return None
    timex = timex_for(sentence, clause, timexes)
    governed = timex is not None and governs(clause, timex)
    if is_background_mention(sentence, timexes, timex if governed else None, governed, dct):
        return None
    return claim_mention(sentence, article, clause, holding, place, timex if governed else None, dct,
                         mention_id=f"{article.id}:{sentence.start_char}:{holding.idx}:held@{ent.start_char}",
                         event_type="Strategic developments", sub_event_type="Other",
                         control=ControlEffect.HELD, kind="holding", place_relation=relation)


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

