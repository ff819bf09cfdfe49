"""Mentions: one report of a happening in one sentence, with who, where, when and on whose word.

A happening is found by its trigger word (data/lexicon/triggers.tsv, matched on lemmas); its
actors and place are the lexicon entities the parse ties to the trigger; its date is the timex
governing the trigger's clause, else the last date of the paragraph, else the publication date
(flagged, with the lower precision that deserves).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from lib import lexicon
from lib.corpus import Article
from lib.dates import span, undated_span
from lib.events import places_compatible
from lib.sentences import is_headline
from lib.model import (DATE_FROM_CLAUSE, DATE_FROM_PARAGRAPH, DATE_FROM_PUBLICATION,
                       Mention)
from lib.temporal import Timex

REPORTING_LEMMAS = frozenset({"say", "report", "tell", "announce", "claim", "state", "confirm",
                              "add", "cite", "quote", "accord", "write", "post"})
HEDGE_WORDS = frozenset({"could", "may", "might", "would", "if", "unless", "whether", "should",
                         "must"})
DENIAL_LEMMAS = frozenset({"deny", "reject", "dismiss", "refute"})
# Prepositions that put a place where a happening is, and those that only point at it.
PLACE_PREPS = frozenset({"in", "into", "of", "from", "at", "on", "near", "around", "over", "across",
                         "outside", "inside", "throughout", "within", "through", "with"})
AWAY_PREPS = frozenset({"toward", "towards", "to", "for", "against"})
CITY_REFERENCES = re.compile(r"\b(?:the city|the town|there)\b", re.IGNORECASE)
SPECIFIC_PLACE_KINDS = ("city", "town", "site", "crossing")
# Verbs whose infinitive complement did not (yet) happen: "tried to slow", "called on them to leave".
NON_IMPLICATIVE = frozenset({"try", "seek", "want", "hope", "threaten", "attempt", "call", "urge",
                             "ask", "order", "vow", "pledge", "need", "refuse", "fail", "decide",
                             "wish", "allow", "help", "remind", "warn", "push", "able", "ready",
                             "likely", "hesitant"})
# Verbs whose infinitive complement is scheduled: "set to meet Saturday" is a planned happening.
PLANNING = frozenset({"set", "plan", "schedule", "due", "expect", "intend", "prepare", "aim"})
# Sides that hold territory: a leaving or taking by anyone else (civilians, a foreign convoy,
# evacuated diplomats) is a happening, not a change of hands.
TERRITORIAL_SIDES = frozenset({"government", "opposition", "jihadist", "sdf"})
# Subjects that make a trigger figurative: "the rebel advance struck at a moment of weakness",
# "Syria's conflict killed 305,000 people" (an aggregate, not a happening).
ABSTRACT_SUBJECTS = frozenset({"advance", "offensive", "gain", "war", "conflict", "violence", "crisis",
                               "chaos", "move", "development", "progress", "success", "push",
                               "onslaught", "campaign", "fighting", "collapse", "instability"})
# Trigger words that only describe a noun ("rebel-held areas", "a truce brokered by Russia").
DESCRIPTIVE_DEPS = frozenset({"amod", "acl", "compound"})
# Nouns whose place is their topic, not where a happening is: "to discuss developments in Syria".
TOPIC_NOUNS = frozenset({"development", "situation", "crisis", "conflict", "war", "future", "issue",
                         "fate", "policy", "support", "influence", "role", "presence", "interest"})
QUOTES = "\"“”"
# Light verbs that change who holds a place only when their object is territory: "took Hama",
# "took control", not "took refuge" or "taken advantage" (see the header of triggers.tsv).
LIGHT_TERRITORY_VERBS = frozenset({"take", "enter", "leave", "hold", "control"})
TERRITORY_OBJECTS = frozenset({"control", "territory", "area", "city", "town", "village", "region",
                               "province", "crossing", "border", "base", "airport", "position",
                               "checkpoint", "part", "half", "neighborhood", "district", "swath",
                               "stronghold", "outskirts", "country", "capital"})
# Durations that put a sentence in the background: "Over the years", "for decades".
BACKGROUND_DURATION = re.compile(r"^P(?:X|\d+)(?:Y|DE|CE)$")


@dataclass(frozen=True)
class _Trigger:
    tokens: tuple[Token, ...]
    entry: lexicon.Trigger

    @property
    def head(self) -> Token:
        return self.tokens[0]


def _trigger_index(directory: str) -> dict[str, list[tuple[tuple[str, ...], lexicon.Trigger]]]:
    """Trigger entries by the lemma of their first word, longest first (rebuilt when the file changes)."""
    path = Path(directory) / "triggers.tsv"
    return _trigger_index_of(directory, path.stat().st_mtime_ns if path.exists() else 0)


@lru_cache(maxsize=4)
def _trigger_index_of(directory: str, _stamp: int) -> dict[str, list[tuple[tuple[str, ...], lexicon.Trigger]]]:
    index: dict[str, list[tuple[tuple[str, ...], lexicon.Trigger]]] = {}
    for lemma, entry in lexicon.triggers(directory).items():
        words = tuple(lemma.split())
        index.setdefault(words[0], []).append((words, entry))
    for entries in index.values():
        entries.sort(key=lambda item: -len(item[0]))
    return index


def find_triggers(sentence: Span) -> list[_Trigger]:
    """The trigger words of a sentence, longest match first, none inside another."""
    index = _DocIndex.of(sentence.doc).triggers
    found: list[_Trigger] = []
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
                        or window[0].dep_ in DESCRIPTIVE_DEPS or _quoted(sentence, window[0]) \
                        or _figurative(window[0]):
                    break
                found.append(_Trigger(tuple(window), entry))
                used.update(t.i for t in window)
                break
    return found


def _quoted(sentence: Span, token: Token) -> bool:
    """Inside quotation marks: someone's words, not the report's."""
    marks = sum(1 for t in sentence.doc[sentence.start:token.i] if t.text in QUOTES)
    return marks % 2 == 1


def _figurative(token: Token) -> bool:
    return any(child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in ABSTRACT_SUBJECTS
               for child in token.children)


class _DocIndex:
    """What mention extraction asks of a doc again and again, worked out once: each sentence's
    entities and the lexicon place and actor each entity names."""

    KEY = "cte_mentions_index"

    def __init__(self, doc: Doc):
        folder = str(lexicon.lexicon_dir())
        places, actors = lexicon.places(folder), lexicon.actors(folder)
        self.triggers = _trigger_index(folder)
        self.by_sentence: dict[int, list[Span]] = {}
        self.places: dict[tuple[int, int], lexicon.Place | None] = {}
        self.actors: dict[tuple[int, int], lexicon.Actor | None] = {}
        for ent in doc.ents:
            self.by_sentence.setdefault(ent.sent.start, []).append(ent)
            key, name = (ent.start, ent.end), ent.ent_id_
            self.places[key] = places.get(name) or _alias("place", folder, ent.text)
            self.actors[key] = actors.get(name) or _alias("actor", folder, ent.text)

    @classmethod
    def of(cls, doc: Doc) -> "_DocIndex":
        if cls.KEY not in doc.user_data:
            doc.user_data[cls.KEY] = cls(doc)
        return doc.user_data[cls.KEY]


@lru_cache(maxsize=4096)
def _alias(kind: str, folder: str, text: str):
    lookup = lexicon.place_by_alias if kind == "place" else lexicon.actor_by_alias
    return lookup(text, folder)


def _actor_for(ent: Span) -> lexicon.Actor | None:
    return _DocIndex.of(ent.doc).actors.get((ent.start, ent.end))


def _place_for(ent: Span) -> lexicon.Place | None:
    return _DocIndex.of(ent.doc).places.get((ent.start, ent.end))


def _ents_in(sentence: Span) -> list[Span]:
    return _DocIndex.of(sentence.doc).by_sentence.get(sentence.start, [])


def _crosses_clause(path: Sequence[Token]) -> bool:
    return any(t.dep_ in ("relcl", "acl", "advcl", "ccomp") for t in path[:-1])


def _apposed(noun: Token) -> Token | None:
    """The noun a phrase stands in apposition to: "Sweida" for "Sweida, a Druze heartland"."""
    if noun.dep_ == "appos":
        return noun.head
    start = noun.left_edge.i
    if start >= 2 and noun.doc[start - 1].text == ",":
        return noun.doc[start - 2]
    return None


def _path(token: Token, root: Token) -> list[Token] | None:
    """The tokens from `token` up to `root` (both included), or None when root is not above it."""
    path = [token]
    while token != root:
        if token.head == token:
            return None
        token = token.head
        path.append(token)
    return path


def _preps_on(path: Sequence[Token]) -> set[str]:
    return {t.lower_ for t in path if t.dep_ == "prep"}


def _governing_prep(ent: Span) -> str:
    """The preposition an entity is the object of ("in" for "in Homs", also for "Hama" in
    "in Aleppo and Hama"), or ""."""
    head = ent.root
    while head.dep_ == "conj" and head.head != head:
        head = head.head
    if head.dep_ == "pobj" and head.head.dep_ == "prep":
        return head.head.lower_
    return ""


def _distance(ent: Span, trigger: _Trigger) -> int:
    return abs(ent.root.i - trigger.head.i)


@dataclass(frozen=True)
class _Place:
    name: str
    known: bool
    place: lexicon.Place | None
    bound: bool = True  # tied to the trigger by the parse, not only near it


def _choose_place(sentence: Span, trigger: _Trigger, last_city: _Place | None) -> _Place | None:
    candidates = []
    for ent in _ents_in(sentence):
        if ent.label_ not in ("GPE", "LOC", "FAC") and not _object_taken(ent, trigger):
            continue
        place = _place_for(ent)
        actor = _actor_for(ent)
        prep = _governing_prep(ent)
        path = _path(ent.root, trigger.head)
        away = AWAY_PREPS - ({"to", "toward", "towards"} if trigger.entry.goal_is_place else set())
        if actor is not None and (place is None or (prep not in PLACE_PREPS and prep not in AWAY_PREPS)):
            continue  # a state named as an actor ("Iran began evacuating"), not as a place
        if prep in away or (path is not None and _preps_on(path) & away):
            continue
        if prep == "from" and trigger.entry.control == "gain" and place is not None \
                and place.kind == "country":
            continue  # "seized the Golan Heights from Syria": Syria is who lost it, not where
        score = _distance(ent, trigger)
        if path is not None and any(t.lemma_.lower() in TOPIC_NOUNS for t in path[1:-1]):
            continue  # "to discuss developments in Syria": what it is about, not where
        antecedent = trigger.head.head if trigger.head.dep_ == "relcl" else None
        bound = ((path is not None and len(path) <= 10 and not _crosses_clause(path))
                 or (antecedent is not None and ent.root in (antecedent, _apposed(antecedent)))
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
        return _Place(place.name if place else ent.text, place is not None, place, bound)
    if last_city is not None and CITY_REFERENCES.search(sentence.text):
        return last_city
    return None


def _object_taken(ent: Span, trigger: _Trigger) -> bool:
    """"Rebels captured Kafr Nabudah": the proper-noun object of a capture or a withdrawal is a
    place, whatever the statistical model labelled it, unless the lexicon knows it as an actor."""
    root = ent.root
    return (bool(trigger.entry.control) and root.pos_ == "PROPN" and _actor_for(ent) is None
            and (root.dep_ == "dobj" and root.head == trigger.tokens[-1]
                 or root.dep_ == "pobj" and root.head.lower_ in ("from", "of", "into")
                 and root.head.head in trigger.tokens))


def _choose_actors(sentence: Span, trigger: _Trigger) -> tuple[lexicon.Actor | None, lexicon.Actor | None]:
    subject, obj, others = None, None, []
    for ent in _ents_in(sentence):
        actor = _actor_for(ent)
        if actor is None or actor.kind in ("outlet", "monitor"):
            continue
        root = ent.root
        # walk up compounds and appositions to the word that takes the grammatical role
        while root.dep_ in ("compound", "amod", "appos", "conj") and root.head != root:
            root = root.head
        if root.dep_ in ("nsubj", "nsubjpass") and (
                root.head == trigger.head
                or (root.head == trigger.head.head and trigger.head.dep_ in ("xcomp", "conj")
                    and not _actor_between(sentence, root, trigger.head))):
            subject = subject or actor
        elif root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.head == trigger.head:
            subject = subject or actor
        elif (root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head == trigger.head
              and trigger.head.lemma_ == "fall"):
            subject = actor  # "Hama fell to the rebels": the rebels took it
        elif root.dep_ in ("dobj", "pobj") and _path(root, trigger.head) is not None:
            obj = obj or actor
        else:
            others.append((_distance(ent, trigger), ent.start < trigger.head.i, actor))
    if subject is None:
        subject = _subject_by_grammar(sentence, trigger)
    if subject is None and not _explicit_subject(trigger):
        before = [item for item in others if item[1]]
        if before:
            subject = min(before, key=lambda item: item[0])[2]
    # actor2 only from the parse: an actor merely named in the sentence ("fled to Iraq") is no party
    if obj == subject:
        obj = None
    return subject, obj


PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
# Bare nouns for an armed actor's men: "troops were reinforcing" said by the military are its troops.
MEN = frozenset({"troop", "force", "soldier", "fighter", "unit", "personnel"})


def _explicit_subject(trigger: _Trigger) -> Token | None:
    return next((c for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _subject_by_grammar(sentence: Span, trigger: _Trigger) -> lexicon.Actor | None:
    """"The SDF said it had deployed": a pronoun subject is the subject of the verb that reports it."""
    subject = _explicit_subject(trigger)
    if subject is None or (subject.lower_ not in PRONOUNS and subject.lemma_.lower() not in MEN):
        return None
    for verb in trigger.head.ancestors:
        speaker = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if speaker is None:
            continue
        for ent in _ents_in(sentence):
            if ent.start <= speaker.i < ent.end or ent.root.head == speaker or ent.root == speaker:
                actor = _actor_for(ent)
                if actor is not None:
                    return actor
        return None
    return None


def _actor_between(sentence: Span, left: Token, right: Token) -> bool:
    """Is another actor named between the subject and the trigger (not one conjoined with it)?"""
    low, high = sorted((left.i, right.i))
    return any(low < ent.root.i < high and _actor_for(ent) is not None and not _conjoined_with(ent.root, left)
               for ent in _ents_in(sentence))


def _conjoined_with(token: Token, other: Token) -> bool:
    while token.dep_ in ("conj", "appos") and token.head != token:
        token = token.head
        if token == other:
            return True
    return False


def _attribution(sentence: Span, trigger: _Trigger) -> str:
    for token in sentence:
        if token.lemma_ == "accord" and token.nbor(1).lower_ == "to" if token.i + 1 < len(token.doc) else False:
            objects = [t for t in token.nbor(1).children if t.dep_ == "pobj"]
            if objects:
                return _short(objects[0])
        if token.lemma_ in REPORTING_LEMMAS and token.pos_ == "VERB" and token != trigger.head:
            if _path(trigger.head, token) is not None or token.dep_ in ("parataxis", "ccomp") or token.head == token:
                subjects = [t for t in token.children if t.dep_ in ("nsubj", "nsubjpass")]
                if subjects and subjects[0].lower_ not in ("it", "he", "she", "they", "we", "i"):
                    return _short(subjects[0])
    return ""


def _short(token: Token) -> str:
    words = list(token.subtree)
    text = token.doc[words[0].i:words[-1].i + 1].text
    return text if len(words) <= 10 else token.doc[token.left_edge.i:token.i + 1].text


def _clause_spine(head: Token) -> list[Token]:
    """The trigger and the verbs above it, up to a relative clause or a noun (own assertions)."""
    spine = [head]
    token = head
    while token.head != token and token.dep_ != "relcl":
        token = token.head
        if token.pos_ in ("NOUN", "PROPN", "PRON"):
            break
        if token.pos_ in ("VERB", "AUX", "ADJ"):
            spine.append(token)
    return spine


def _polarity(sentence: Span, trigger: _Trigger) -> str:
    head = trigger.head
    if any(child.dep_ == "neg" for child in head.children):
        return "denied"
    ancestors = _clause_spine(head)
    for token in ancestors:
        if any(child.lower_ in HEDGE_WORDS and child.dep_ in ("aux", "mark") for child in token.children):
            return "hedged"
    for token in ancestors:
        if token.dep_ in ("xcomp", "advcl", "acl", "ccomp") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            if token.head.lemma_.lower() in PLANNING:
                return "planned"
            if token.head.lemma_.lower() in NON_IMPLICATIVE or token.dep_ in ("advcl", "acl"):
                return "hedged"
        if any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall") for c in token.children):
            return "planned"
    return "asserted"


def _timex_for(sentence: Span, trigger: _Trigger, timexes: Sequence[Timex]) -> Timex | None:
    inside = [t for t in timexes if sentence.start_char <= t.start < sentence.end_char
              and t.type in ("DATE", "TIME")]
    if not inside:
        return None
    doc = sentence.doc
    governed = [timex for timex in inside if _governs(trigger, timex)]
    if governed:
        return min(governed, key=lambda t: abs(t.start - trigger.head.idx))
    ancestors = set(trigger.head.ancestors)
    attached = []
    for timex in inside:
        span_ = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span_ is not None and (span_.root.head in ancestors
                                  or (span_.root.head.dep_ == "prep" and span_.root.head.head in ancestors)):
            attached.append(timex)
    pool = attached or inside
    return min(pool, key=lambda t: abs(t.start - trigger.head.idx))


def _stative(trigger: _Trigger) -> bool:
    """"where they are deployed": a present passive describes a state, not a happening."""
    return any(c.dep_ == "auxpass" and c.tag_ in ("VBP", "VBZ") for c in trigger.head.children)


def _governs(trigger: _Trigger, timex: Timex) -> bool:
    span_ = trigger.head.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    path = _path(span_.root, trigger.head) if span_ is not None else None
    return path is not None and not _crosses_clause(path)


def _takes_territory(trigger: _Trigger) -> bool:
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


def _background(sentence: Span, timexes: Sequence[Timex]) -> bool:
    """A sentence about the long past: "Over the years, government forces besieged ...", "Early
    in the civil war, parts of Homs fell" (data/lexicon/background.tsv), with no date of its own."""
    inside = [t for t in timexes if sentence.start_char <= t.start < sentence.end_char]
    if any(t.type in ("DATE", "TIME") and t.value not in ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
           for t in inside):
        return False
    return (any(t.type == "DURATION" and BACKGROUND_DURATION.match(t.value) for t in inside)
            or bool(_background_regex(str(lexicon.lexicon_dir())).search(sentence.text)))


@lru_cache(maxsize=4)
def _background_regex(folder: str) -> re.Pattern:
    path = Path(folder) / "background.tsv"
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")][1:] if path.is_file() else []
    return re.compile("|".join(rf"\b(?:{line})\b" for line in lines) or r"(?!x)x", re.IGNORECASE)


def _noun_is_anchored(trigger: _Trigger, timexes: Sequence[Timex], place: "_Place | None") -> bool:
    """A noun trigger ("the evacuation", "a meeting") reports a happening when its own phrase
    holds a date or a place: "a meeting Saturday in Qatar", "evacuations at bases in Damascus"."""
    head = trigger.head
    subtree = list(head.subtree)
    first, last = subtree[0].idx, subtree[-1].idx + len(subtree[-1])
    if any(first <= t.start < last and t.type in ("DATE", "TIME") for t in timexes):
        return True
    return any(ent.label_ in ("GPE", "LOC", "FAC") and first <= ent.start_char < last
               and _place_for(ent) is not None and _governing_prep(ent) in PLACE_PREPS
               for ent in head.doc.ents if ent.root != head)


def _fatalities(sentence: Span, trigger: _Trigger) -> int | None:
    if trigger.entry.lemma != "kill":
        return None
    for token in sentence:
        if token.like_num and token.head.lemma_ in ("people", "civilian", "fighter", "soldier", "person"):
            try:
                return int(token.text.replace(",", ""))
            except ValueError:
                return None
    return None


def mentions_in(doc: Doc, article: Article, timexes: Sequence[Timex]) -> list[Mention]:
    """Every mention in a parsed article (the doc must have been through load_pipeline)."""
    dct = article.published[:10] if article.published else ""
    found: list[Mention] = []
    last_city: _Place | None = None
    paragraph_date: Timex | None = None
    paragraph_end = -1
    text = doc.text
    doc.user_data.pop(_DocIndex.KEY, None)  # entities may have changed since a previous run
    for sentence in doc.sents:
        if sentence.start_char > paragraph_end:
            paragraph_date = None
            newline = text.find("\n", sentence.start_char)
            paragraph_end = len(text) if newline < 0 else newline
        if is_headline(sentence.text) or _background(sentence, timexes):
            continue
        in_sentence: list[Mention] = []
        heads: dict[int, Mention] = {}
        for trigger in find_triggers(sentence):
            mention = _mention(doc, article, sentence, trigger, timexes, dct, paragraph_date, last_city)
            if mention is None:
                continue
            partner = heads.get(trigger.head.head.i) if trigger.head.dep_ == "conj" else None
            heads[trigger.head.i] = mention
            if partner is not None and _one_trip(partner, mention):
                continue  # "visited Damascus this week, met with Assad": one happening
            for each in [mention, *_conjoined(mention, sentence)]:
                if not any(_same_happening(each, m) for m in in_sentence):
                    in_sentence.append(each)
        found.extend(in_sentence)
        last_city = _last_city(sentence) or last_city
        dated = [t for t in timexes if sentence.start_char <= t.start < sentence.end_char
                 and t.type in ("DATE", "TIME") and span(t.value, dct) is not None]
        if dated:
            paragraph_date = dated[-1]
    found.extend(_denials(doc, article, found))
    doc.user_data.pop(_DocIndex.KEY, None)  # keep the doc serialisable
    return found


def _conjoined(mention: Mention, sentence: Span) -> list[Mention]:
    """The same change of hands at the places conjoined with its place: "Rastan and Talbiseh"."""
    if not mention.control or not mention.place_known:
        return []
    ents = _ents_in(sentence)
    anchor = next((e for e in ents if _place_for(e) is not None and _place_for(e).name == mention.place), None)
    if anchor is None:
        return []
    found = []
    for ent in ents:
        if ent.root.dep_ == "conj" and ent.root.head == anchor.root:
            place = _place_for(ent)
            if place is not None and place.name != mention.place:
                found.append(replace(
                    mention, mention_id=f"{mention.mention_id}:{ent.start_char}", place=place.name,
                    place_kind=place.kind, admin1=place.admin1, latitude=place.latitude,
                    longitude=place.longitude))
                anchor = ent
    return found


def _one_trip(first: Mention, then: Mention) -> bool:
    """Two coordinated verbs of one actor at one time, neither changing who holds a place."""
    return (not first.control and not then.control and first.date_start == then.date_start
            and (first.actor1 == then.actor1 or not then.actor1)
            and places_compatible(first.place, then.place))


def _same_happening(a: Mention, b: Mention) -> bool:
    """Two triggers of one sentence telling one happening: "besieged and bombarded" the city."""
    return (a.place == b.place and a.date_start == b.date_start and a.control == b.control
            and a.kind == b.kind and a.polarity == b.polarity
            and (a.actor1 == b.actor1 or not a.actor1 or not b.actor1))


def _last_city(sentence: Span) -> _Place | None:
    last = None
    for ent in _ents_in(sentence):
        place = _place_for(ent)
        if place is not None and place.kind in SPECIFIC_PLACE_KINDS:
            last = _Place(place.name, True, place)
    return last


def _mention(doc: Doc, article: Article, sentence: Span, trigger: _Trigger, timexes: Sequence[Timex],
             dct: str, paragraph_date: Timex | None, last_city: _Place | None) -> Mention | None:
    actor1, actor2 = _choose_actors(sentence, trigger)
    place = _choose_place(sentence, trigger, last_city)
    if place is not None and not place.bound:
        place = None  # a place merely near the trigger says nothing of where it happened
    if trigger.entry.control and (place is None or not place.bound):
        return None  # a change of hands needs the place it happened to, not one nearby
    if trigger.entry.control and not _takes_territory(trigger):
        return None
    if actor1 is None and place is None:
        return None
    timex = _timex_for(sentence, trigger, timexes)
    if _stative(trigger) and (timex is None or not _governs(trigger, timex)):
        return None
    if trigger.head.pos_ != "VERB" and not _noun_is_anchored(trigger, timexes, place):
        return None
    source = DATE_FROM_CLAUSE
    if timex is None or span(timex.value, dct, timex.mod) is None:
        # "the rebels have overrun Hama": a perfect tells of some time before publication, not of
        # the paragraph's last date
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in trigger.head.children)
        timex, source = (None, DATE_FROM_PUBLICATION) if perfect else (paragraph_date, DATE_FROM_PARAGRAPH)
    date_span = span(timex.value, dct, timex.mod) if timex is not None else None
    if date_span is None:
        if not dct:
            return None
        timex, source = None, DATE_FROM_PUBLICATION
        date_span = undated_span(dct)
    entry = trigger.entry
    event_type, sub_event_type = entry.event_type, entry.sub_event_type
    control = entry.control if actor1 is not None and actor1.side in TERRITORIAL_SIDES else ""
    if entry.control == "held" and not control:
        return None  # "they now control Aleppo": a state, and without a side it says nothing
    if entry.control and not control and entry.control != "gain":
        event_type, sub_event_type = "Strategic developments", "Other"
    if entry.control == "gain" and actor1 is not None and actor1.side == "government":
        event_type, sub_event_type = "Battles", "Government regains territory"
    head = trigger.head
    return Mention(
        mention_id=f"{article.id}:{sentence.start_char}:{head.idx}",
        article_id=article.id, source=article.source or article.id, published=article.published,
        sentence_start=sentence.start_char, sentence_end=sentence.end_char,
        sentence=sentence.text.strip(),
        trigger=doc[trigger.tokens[0].i:trigger.tokens[-1].i + 1].text,
        trigger_start=head.idx, trigger_end=trigger.tokens[-1].idx + len(trigger.tokens[-1]),
        event_type=event_type, sub_event_type=sub_event_type,
        control=control, many_parties=entry.many_parties, kind=entry.kind,
        actor1=actor1.name if actor1 else "", actor2=actor2.name if actor2 else "",
        side1=actor1.side if actor1 else "", side2=actor2.side if actor2 else "",
        place=place.name if place else "", place_known=bool(place and place.known),
        place_kind=place.place.kind if place and place.place else "",
        admin1=place.place.admin1 if place and place.place else "",
        latitude=place.place.latitude if place and place.place else None,
        longitude=place.place.longitude if place and place.place else None,
        date_start=date_span[0], date_end=date_span[1], time_precision=date_span[2],
        date_text=timex.text if timex else "", timex_value=timex.value if timex else "",
        timex_start=timex.start if timex else -1, timex_end=timex.end if timex else -1,
        date_source=source, anchor=timex.anchor if timex else "DCT", rule=timex.rule if timex else "",
        attribution=_attribution(sentence, trigger), polarity=_polarity(sentence, trigger),
        fatalities=_fatalities(sentence, trigger),
    )


def _denials(doc: Doc, article: Article, mentions: Sequence[Mention]) -> Iterable[Mention]:
    """"But the military denied that": a denial of what the sentence before reported."""
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence_start, []).append(mention)
    previous: Span | None = None
    for sentence in doc.sents:
        denier = next((t for t in sentence if t.lemma_ in DENIAL_LEMMAS and t.pos_ == "VERB"), None)
        if denier is not None and previous is not None:
            subjects = [t for t in denier.children if t.dep_ == "nsubj"]
            who = _short(subjects[0]) if subjects else ""
            for mention in by_sentence.get(previous.start_char, []):
                if mention.polarity == "asserted":
                    yield _denied(mention, sentence, who)
        previous = sentence


def _denied(mention: Mention, sentence: Span, who: str) -> Mention:
    return replace(mention, mention_id=f"{mention.mention_id}:denied@{sentence.start_char}",
                   sentence_start=sentence.start_char, sentence_end=sentence.end_char,
                   sentence=sentence.text.strip(), polarity="denied", attribution=who)
