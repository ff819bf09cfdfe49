"""Assembling mentions: every trigger of every sentence, with its actors, place, date, attribution,
polarity and toll, in one Mention record.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path
from typing import NamedTuple, Sequence

from spacy.tokens import Doc, Span, Token

from lib.corpus import Article
from lib.extract.events import described_sides, places_compatible, places_of, side_camps
from lib.extract.tolls import adds, harm_word, narrowest_tolls, other_dead_elsewhere, others_of_another_act, strict_bound
from lib.extract.sentences import is_headline, title_span
from lib.model import CIVILIANS, ControlEffect, interaction_code, DATE_FROM_CLAUSE, DATE_FROM_PARAGRAPH, DATE_FROM_PUBLICATION, Mention, is_around, split_relation
from lib.temporal import Timex
from lib.temporal.spans import day_of, overlaps, span, undated_span
from lib.extract import lexicon
from lib.extract.mentions.actors import ACT_NOUNS, HEADLINE, PROTESTERS_TYPE, UNCLAIMED_BOMBINGS, UNIDENTIFIED, VIOLENT_TYPES, as_coalition, blanket_named, choose_actors, last_armed_actor
from lib.extract.mentions.coordinated import coordinated_acts, told_apart
from lib.extract.mentions.attribution import attribution_of, denials, polarity_of, speaker_forces
from lib.extract.mentions.dating import (carries_over, overnight_span, past_window, told_overnight, governs, is_background_mention, long_before, news_day,
                                         sequence_offset, shifted, since_span, timex_for, war_toll)
from lib.extract.mentions.fatalities import (counts_a_part, dead_of_act_told, in_timex, kills_civilians, refers_back, reported_toll,
                                             tallied_campaign, toll_of, told_kind)
from lib.extract.mentions.numbers import number_value
from lib.extract.mentions.held import held_states
from lib.extract.mentions.name_runs import join_cut_names, join_openers, same_run, split_runs
from lib.extract.mentions.words import WORDS, DEATH_WORDS, HARM_WORDS, INSTRUMENT_KINDS, INSTRUMENT_VERBS, MEN
from lib.extract.mentions.index import DocIndex, TriggerMatch, actor_for, ents_in, place_for, span_text
from lib.extract.mentions.places import (COUNTRY_NAME, PlaceChoice, act_container, home_town, choose_place, city_part, elided_conjuncts,
                                         fused_in_list, last_city_in, lies_in, listed_after_noun, listed_targets, located_by,
                                         named_by_place_noun, place_head, sets_scene, target_places, unknown_within, unnamed_ground, PLACE_LABELS)
from lib.extract.mentions.relation import GOVERNORATE_NOUNS, relation_of, unhyphenated_holding
from lib.extract.mentions.triggers import find_triggers, in_clauses_of_their_own, kept_or_broken, occurrence_verb, instrument_for, is_stative, noun_is_anchored, takes_territory, violence_type, lacks_instrument, instrument_tokens, repair_misparsed_noun, repair_reported_object

def mentions_in(doc: Doc, article: Article, timexes: Sequence[Timex], *, dct: str | None = None,
                lexicon_dir: str | Path | None = None) -> list[Mention]:
    """Every mention in a parsed article (the doc must have been through load_pipeline). `dct` is
    the article's publication day (default: from `article.published`); `lexicon_dir` the folder of
    the lexicons (default: the CTE_LEXICON_DIR setting)."""
    dct = day_of(article.published) if dct is None else dct
    found: list[Mention] = []
    last_city: PlaceChoice | None = None
    paragraph_town: PlaceChoice | None = None  # the town told last in this paragraph
    town_before: PlaceChoice | None = None  # the town the sentence before told
    antecedent = None  # the last armed actor named: what "it" and "the group" refer to
    paragraph_date: Timex | None = None
    news_date: Timex | None = None  # the paragraph's publication day dating its acts (`news_day`)
    paragraph_end = -1
    paragraph_start = 0
    from lib.extract.entities import GAZETTEER_KEY
    split_runs(doc, set(doc.user_data.get(GAZETTEER_KEY, {})))  # "in Tabaret al-Deibeh Abu Hanaya": names of a list
    join_openers(doc, set(doc.user_data.get(GAZETTEER_KEY, {})))  # "Tal" "Alam": one name, cut by the model
    join_cut_names(doc)  # "Khaled al-" "Asaad": one person
    text = DocIndex.build(doc, lexicon_dir).text  # anew: entities may have changed since a previous run
    last_act: tuple[int, Mention] | None = None  # the last act of violence placed, by sentence number
    unplaced: tuple[int, int | None, str] = (-2, None, "")  # an act's toll told where no act was kept
    told_before: list[Mention] = []  # the acts of violence of the sentence before
    waiting: list[Mention] = []  # acts of violence kept from nowhere, for want of a place and a doer: a later sentence may place them
    title = title_span(text, article.title) if article.title else None
    if title is not None:
        doc.user_data[HEADLINE] = title  # what a blanket word of the body does not refer back to
    modeless: set[tuple[int, int]] = set()  # (sentence, trigger) offsets of generic acts told without their mode
    blanket: set[tuple[int, int]] = set()  # of those, the acts whose doer a blanket word names ("a terrorist attack")
    inherits: set[str] = set()  # the mentions placed at the act told before, their sentence naming no place of theirs
    for number, sentence in enumerate(doc.sents):
        if sentence.start_char > paragraph_end:
            paragraph_date = paragraph_town = news_date = None
            paragraph_start = sentence.start_char
            newline = text.find("\n", sentence.start_char)
            paragraph_end = len(text) if newline < 0 else newline
        if is_headline(span_text(sentence)):
            if _holds_title(sentence, title):
                found.extend(_headline_mentions(doc, article, sentence, timexes, dct))
            continue
        if _turns_away(sentence) or (news_date is not None and _heads_item(sentence)):
            # "Meanwhile ...", "In Idleb province ...": the date before dates another happening; the
            # round-up's news day, if told, dates the next
            paragraph_date = news_date
        repair_reported_object(sentence)
        repair_misparsed_noun(sentence)
        in_sentence: list[Mention] = []
        heads: dict[int, Mention] = {}
        harms: set[str] = set()  # the mentions whose trigger tells harm ("were killed")
        for trigger in find_triggers(sentence):
            placed = [m for m in in_sentence if m.event_type in VIOLENT_TYPES and m.place and not m.background]
            recent = placed[-1] if placed else \
                last_act[1] if last_act is not None and number - last_act[0] <= ACT_REACH else None
            mention = _mention(doc, article, sentence, trigger, timexes, dct, paragraph_date, last_city, antecedent,
                               recent, placeless=True, paragraph_town=paragraph_town, town_before=town_before,
                               inherits=inherits)
            if mention is not None and _talked_about(trigger) and any(
                    m.event_type in VIOLENT_TYPES and not m.background for m in found):
                mention = None  # "a meeting about Tuesday's attack": the act told before, talked about
            # an act told with neither a doer nor a place is no mention yet: a later sentence may place it
            placeless, mention = (mention, None) if mention is not None and not mention.actor1 \
                and not mention.place else (None, mention)
            if mention is not None and _told_without_mode(sentence, trigger):
                modeless.add((mention.sentence_start, mention.trigger_start))
                if mention.actor1 and blanket_named(sentence, lexicon.actors(DocIndex.of(doc).folder)[mention.actor1]):
                    blanket.add((mention.sentence_start, mention.trigger_start))
            if mention is None:
                toll = toll_of(sentence, trigger)
                _toll_told_back(found, sentence, trigger, timexes, dct, toll)
                unplaced = (number, *toll)
                if placeless is not None and placeless.event_type in VIOLENT_TYPES and not placeless.background \
                        and _told_anew(sentence, trigger):
                    waiting.append(placeless)
                continue
            if unplaced[0] == number - 1 and unplaced[1] is not None and mention.fatalities is None \
                    and mention.event_type in VIOLENT_TYPES \
                    and _toll_told_unplaced(sentence, trigger, unplaced, told_before):
                # "... were among at least 22 people killed in air strikes on the group's capital. The rest
                # of the dead in the raids on Raqa were IS fighters": the act told with its toll but no
                # place or doer is the one the next sentence names, referring back to it and to its dead
                mention = replace(mention, fatalities=unplaced[1], fatalities_text=unplaced[2])
            mention = _toll_told_before(mention, trigger, told_before)
            mention = _dated_as_added_to(mention, trigger, found)
            partner = heads.get(trigger.head.head.i) if trigger.head.dep_ == "conj" else None
            heads[trigger.head.i] = mention
            if trigger.head.lemma_.lower() in HARM_WORDS:
                harms.add(mention.mention_id)
            if partner is not None and _one_trip(partner, mention, DocIndex.of(doc).places_by_name):
                continue  # "visited Damascus this week, met with Assad": one happening
            for each in _tolls_by_place([mention, *_conjoined(mention, sentence)], sentence):
                for act in [each, *coordinated_acts(each, sentence, trigger)]:
                    _add_happening(in_sentence, act, sentence, inherits)
        waiting = [w for w in waiting if w.sentence_start != sentence.start_char
                   or not any(_same_happening(w, m) for m in in_sentence)]  # told by another trigger of its sentence
        for told in places_told_back(sentence, timexes, dct):
            found, waiting, act = _placed_back(found, waiting, told)
            if act is not None:  # "The explosion that hit the town of Qardaha": the act told before
                in_sentence = [_as_told(m, act) if m.trigger_start in told.words else m for m in in_sentence]
        found.extend(_tolls_to_their_act(in_sentence, harms))
        _toll_reported_again(found, sentence, paragraph_start)
        # a sentence of no act ("The Observatory gave a toll of 48 dead") leaves the act told before it
        # the one the next sentence refers back to ("the attack was carried out by a suicide bomber")
        told_before = [m for m in in_sentence if m.event_type in VIOLENT_TYPES and not m.background] \
            or (told_before if not in_sentence else [])
        acts = [m for m in in_sentence if m.event_type in VIOLENT_TYPES and m.place and not m.background]
        if acts:
            last_act = (number, acts[-1])
        told_town = last_city_in(sentence)
        last_city, paragraph_town, town_before = told_town or last_city, told_town or paragraph_town, told_town
        antecedent = last_armed_actor(sentence) or antecedent
        dated = [t for t in timexes if sentence.start_char <= t.start < sentence.end_char
                 and t.type in ("DATE", "TIME") and span(t.value, dct) is not None and carries_over(sentence, t, dct)]
        if dated:
            paragraph_date = dated[-1]
            news_date = next((t for t in dated if news_day(doc, t, dct)), news_date)
    found = _wide_leads_placed_next(_lead_tolls_placed_next(found, waiting))
    if title is not None:
        found = _without_headline(found, title)
    found = abroad(found, doc.user_data.pop(ABROAD, set()))
    places = DocIndex.of(doc).places_by_name
    found = _placed_within(_dated_by_the_text(_narrowed(_modes_told(found, modeless, places), places), places), places)
    found = _unclaimed(found, blanket, lexicon.actors(DocIndex.of(doc).folder))
    found = _unnamed_agents(found, lexicon.actors(DocIndex.of(doc).folder))
    found.extend(denials(doc, article, found))
    found.extend(held_states(doc, article, timexes, dct, found))  # "rebel-held Aleppo" in any sentence: a state
    found = narrowest_tolls(found)  # a place's own toll before one told for it and others at once
    found = _without_sums(found)
    doc.user_data.pop(DocIndex.KEY, None)  # keep the doc serialisable
    doc.user_data.pop(HEADLINE, None)
    return found


SHIFT_MARKERS = WORDS["shift_markers"]
CONTINUING_WORDS = WORDS["continuing_words"]  # "also hit a bakery": a happening that goes on from the one told


def _without_headline(mentions: list[Mention], title: tuple[int, int]) -> list[Mention]:
    """The mentions without those of the page's title repeated at the top of its text (offsets
    `title`), unless the body tells no happening of their kind: a headline sums up what the article
    tells again ("Four killed including two women in terrorist attacks in Aleppo and Quneitra"), and
    is the only report of a happening the body tells with no word that reports one ("Damascus
    explosion due to rocket bomb. The blast heard Saturday evening in the area of Burj Rouss").
    A title the page ran into the report's first sentence, no stop between ("Death toll from Aleppo
    bus convoy bomb attack at least 126 Observatory The death toll from a bomb attack on a crowded
    bus convoy outside Aleppo has reached at least 126"), is no line of its own: a mention of its
    words stands for that sentence, dropped only when the sentence's own words tell its kind."""
    def in_title(mention: Mention) -> bool:
        return title[0] <= mention.trigger_start < title[1]

    def run_on(mention: Mention) -> bool:  # the title's words and the report's in one sentence
        return not is_headline(mention.sentence) and any(c.isalnum() for c in mention.sentence[title[1] - mention.sentence_start:])

    def kind(mention: Mention) -> str:  # acts of violence are one kind: a headline's "attacks" are the body's shelling
        return "violence" if mention.event_type in VIOLENT_TYPES else mention.sub_event_type
    told = {kind(m) for m in mentions if not in_title(m)}
    told_by_sentence = {(m.sentence_start, kind(m)) for m in mentions if not in_title(m)}
    return [m for m in mentions if not in_title(m)
            or ((m.sentence_start, kind(m)) not in told_by_sentence if run_on(m) else kind(m) not in told)]


def _holds_title(sentence: Span, title: tuple[int, int] | None) -> bool:
    """Is a line the page's title repeated at the top of its text (a wire's headline parted from its
    dateline: "Blast at Syria-Turkey border kills 20 rebels Monitor AFP")?"""
    return title is not None and sentence.start_char < title[1] and title[0] < sentence.end_char


def _headline_mentions(doc: Doc, article: Article, sentence: Span, timexes: Sequence[Timex],
                       dct: str) -> list[Mention]:
    """The mentions of the page's title as a line of its own, read alone (it sets no town, date or doer
    for the body), one per happening: `_without_headline` keeps them only when the body tells no
    happening of their kind, so a title that is the only report of one ("35 cases of suffocation in
    terrorist chemical attack on al-Hamadaniyeh area in Aleppo city") is not lost."""
    told: list[Mention] = []
    for trigger in find_triggers(sentence):
        mention = _mention(doc, article, sentence, trigger, timexes, dct, None, None)
        if mention is not None:
            _add_happening(told, mention)
    return told


def _names_a_place(sentence: Span) -> bool:
    """Does a sentence name a place (a known one or an entity of a place's label)?"""
    return any(place_for(e) is not None or e.label_ in PLACE_LABELS for e in ents_in(sentence))


def _heads_item(sentence: Span) -> bool:
    """Does a sentence open with a place that heads an item of a round-up ("In Hasaka the army air
    force carried out ...": places.sets_scene)? Also when the parse, for want of a comma, runs the
    subject into the opening phrase ("In the neighboring Idleb province army units destroyed ...":
    the place within the object of the opening "in")."""
    first = next((t for t in sentence if not (t.is_punct or t.is_space or t.pos_ in ("ADV", "CCONJ"))), None)
    opening = set(first.subtree) if first is not None and first.lower_ == "in" and first.dep_ == "prep" else set()
    return any(sets_scene(e) or e.root in opening for e in ents_in(sentence)
               if place_for(e) is not None or e.label_ in PLACE_LABELS)


def _turns_away(sentence: Span) -> bool:
    """A sentence opening with a word that turns to another happening (words.tsv shift_markers):
    "On February 22 a facility in Idlib was hit ... Meanwhile Al-Nasr Army announced ...".
    """
    first = next((t for t in sentence if not (t.is_punct or t.is_space)), None)
    return first is not None and first.lower_ in SHIFT_MARKERS


def _unclaimed(mentions: list[Mention], blanket: set[tuple[int, int]], actors: dict) -> list[Mention]:
    """An act told without its mode whose doer only a blanket word names (`blanket`: its sentence and
    trigger offsets; words.tsv blanket_words: "A double terrorist attack in Homs claimed the lives of
    18 civilians"), once its article tells it a bombing ("two car bombs went off near the school":
    `_modes_told`), is an unidentified armed group's, as a bombing told with that word is
    (`choose_actors`): the outlet's word for its foes claims nothing."""
    unknown = actors.get(UNIDENTIFIED)
    if not blanket or unknown is None:
        return mentions
    return [replace(m, actor1=unknown.name, side1=unknown.side, actor1_type=unknown.acled_type,
                    interaction=interaction_code(unknown.acled_type, m.actor2_type))
            if m.sub_event_type in UNCLAIMED_BOMBINGS and (m.sentence_start, m.trigger_start) in blanket else m
            for m in mentions]


def _unnamed_agents(mentions: list[Mention], actors: dict) -> list[Mention]:
    """Who did an act of violence its sentence does not name: who did the last act of the same kind
    the article reported ("Regime warplanes struck Taduf ... Airstrikes also hit Daret Izza"); a
    bombing nobody is named for is an unidentified armed group's (as ACLED codes it)."""
    out, last = [], {}
    unknown = actors.get(UNIDENTIFIED)
    for mention in mentions:
        if mention.event_type in VIOLENT_TYPES and not mention.background and not mention.actor1:
            known = last.get(mention.sub_event_type)
            if known is not None:
                mention = replace(mention, actor1=known.actor1, side1=known.side1, actor1_type=known.actor1_type,
                                  interaction=interaction_code(known.actor1_type, mention.actor2_type))
            elif mention.sub_event_type in UNCLAIMED_BOMBINGS and unknown is not None:
                mention = replace(mention, actor1=unknown.name, side1=unknown.side, actor1_type=unknown.acled_type,
                                  interaction=interaction_code(unknown.acled_type, mention.actor2_type))
        if mention.event_type in VIOLENT_TYPES and mention.actor1 and not mention.background:
            last[mention.sub_event_type] = mention
        out.append(mention)
    return out


# A sub-event type another narrows down: who or what delivered the explosive (ACLED: a suicide bomb is an
# explosive a person carries to its target)
NARROWED_BY = {"Remote explosive/landmine/IED": "Suicide bomb"}


def _narrowed(mentions: list[Mention], places) -> list[Mention]:
    """An act of violence whose sub-event type another narrows down (`NARROWED_BY`) is of the
    narrower type when its article tells exactly one act of that type at the same place and day:
    "A car bomb went off near a police station in Midan on Monday ... two suicide bombers blew
    themselves up in Midan on Monday" is one suicide bombing, its explosion told before its bombers.
    `places`: the lexicon's places by name (the gazetteer's that the acts name are added)."""
    camps = side_camps()

    def taken_from(m: Mention):
        wanted = NARROWED_BY.get(m.sub_event_type)
        return None if wanted is None else lambda o: o.sub_event_type == wanted and _one_camp(m, o, camps)
    return _retyped(mentions, places, taken_from)


def _one_camp(a: Mention, b: Mention, camps: dict[str, str]) -> bool:
    """Can two acts be one: their doers' sides are of one camp (events.side_camps), or one of them has
    none (an unnamed bomber). "A bomb planted by Islamic State killed 12 people in Aleppo on Monday"
    and "Rebel suicide bombers blew themselves up at an army post in Aleppo on Monday" are two acts."""
    first, second = camps.get(a.side1), camps.get(b.side1)
    return not first or not second or first == second


WIDE_PLACE_KINDS = frozenset({"country"})


def _retyped(mentions: list[Mention], places, taken_from) -> list[Mention]:
    """The mentions, each current act of violence of the type of the one current act of violence of
    its article at the same place and day that `taken_from(mention)` accepts, if all such acts are of
    one type (event type, sub-event type and kind); unchanged otherwise. An act told of the whole
    country is a town's only when the article places no act of its type elsewhere: "airstrikes by
    the regime in Syria" that the article tells in Sermin and Kafr Zeita tell nothing of how "regime
    forces were attacking Qaboun" (WIDE_PLACE_KINDS)."""
    acts = [m for m in mentions if m.event_type in VIOLENT_TYPES and not m.background and not m.control]
    current = {id(m) for m in acts}
    places = {**places_of(acts, places), **places}

    def told_elsewhere(o: Mention, m: Mention) -> bool:
        # "airstrikes by the regime in Syria ... an airstrike hit Sermin ... regime forces were
        # attacking Qaboun": the country's acts are those its article places elsewhere, not Qaboun's
        return o.place_kind in WIDE_PLACE_KINDS and o.place != m.place and any(
            a.sub_event_type == o.sub_event_type and a.place_kind not in WIDE_PLACE_KINDS and a.place
            and not places_compatible(a.place, m.place, places) for a in acts)
    out = []
    for m in mentions:
        accepts = taken_from(m) if id(m) in current else None
        modes = {(o.event_type, o.sub_event_type, o.kind) for o in acts
                 if o is not m and accepts(o) and o.date_start <= m.date_end and m.date_start <= o.date_end
                 and bool(o.place) and places_compatible(o.place, m.place, places)
                 and not told_elsewhere(o, m)} if accepts else set()
        if len(modes) == 1:
            ((event_type, sub_event_type, kind),) = modes
            m = replace(m, event_type=event_type, sub_event_type=sub_event_type, kind=kind)
        out.append(m)
    return out


SUMMING_PLACE_KINDS = frozenset({"city", "region", "province", "country"})  # a place wide enough to sum acts in
SUM_LEAST = 4  # the least toll told as a sum of others: a small one is their sum by chance (1 + 1)


def _without_sums(mentions: list[Mention]) -> list[Mention]:
    """The mentions without an act of violence told at a wide place (SUMMING_PLACE_KINDS) whose toll
    is the sum of the tolls of two or more acts of its type and days the article tells after it at
    other places, one toll each: a lead that sums them up ("At least four people were killed by
    terrorist shelling ... a child was killed in al-Khalidiye ... three were killed in al-Baath") is
    no act of its own. Not an act at a town, whose toll may match others by chance, nor a small toll
    (SUM_LEAST)."""
    acts = [m for m in mentions if m.event_type in VIOLENT_TYPES and not m.background and not m.control]
    summed: set[int] = set()
    for m in acts:
        if m.fatalities is None or m.fatalities < SUM_LEAST or (m.place and m.place_kind not in SUMMING_PLACE_KINDS):
            continue
        tolls: dict[str, int] = {}
        for o in acts:
            if o.sentence_start > m.sentence_start and o.place and o.place != m.place and o.fatalities \
                    and o.sub_event_type == m.sub_event_type and (o.date_start, o.date_end) == (m.date_start, m.date_end):
                tolls.setdefault(o.place, o.fatalities)
        if any(sum(c) == m.fatalities for n in range(2, min(4, len(tolls)) + 1)
               for c in combinations(tolls.values(), n)):
            summed.add(id(m))
    return [m for m in mentions if id(m) not in summed] if summed else mentions


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
DATELINE_REACH = 3  # days before its page's stamp an act a lead dated by the stamp may have happened


def _dated_by_stamp(m: Mention) -> bool:
    """Is an act dated only by its page's stamp, a calendar date of the publication day heading the
    text before the act's sentence ("Friday 12 Sep 2014 Syrian government air raids on a rebel-held
    area near Damascus killed 42 people"), not by a date its sentence tells ("On 11 September ...")?"""
    return 0 <= m.timex_start <= m.sentence_start and _YEAR.search(m.date_text) is not None \
        and m.date_start == m.date_end == m.published


REPORT_DAY_WORDS = WORDS["report_day_words"]  # "killed in clashes overnight": of the stamp's day itself


def _dated_by_the_text(mentions: list[Mention], places) -> list[Mention]:
    """An act of violence a lead tells under its page's stamp (`_dated_by_stamp`) is the act of its
    type the text tells with a day its own clause names in the days just before (DATELINE_REACH), at
    its place (not a whole country: WIDE_PLACE_KINDS),
    a place compatible with it or one inside it (`_covers`), by the same doer or side (or nobody
    named), with no other toll (none told is none other: "Jeish al-Fatah has lost over one hundred
    militants in the battle ... in al-Mallah Farms" is the clashes there Thursday), when there is one such act (one day, one place: a lead over the acts of
    several towns sums them up): "Friday 12 Sep 2014 Syrian
    government air raids on a rebel-held area near Damascus killed 42 people ... Thursday's air strikes
    were carried out in Douma" is Thursday's raid; the stamp is the day of the report, not of the act.
    Counter-examples: an act of another toll that day ("On Thursday air raids on Douma killed five")
    is another act; a lead that tells its act of the stamp's day (words.tsv report_day_words: "were
    killed in clashes overnight") keeps it. `places`: the lexicon's places by name."""
    acts = [m for m in mentions if m.event_type in VIOLENT_TYPES and not m.background and not m.control and m.place]
    stamped = [m for m in acts if _dated_by_stamp(m) and not REPORT_DAY_WORDS & set(m.sentence.lower().split())]
    if not stamped:
        return mentions
    places = {**places_of(acts, places), **places}
    moved: dict[int, Mention] = {}
    for m in stamped:
        earliest = (date.fromisoformat(m.date_start) - timedelta(days=DATELINE_REACH)).isoformat()
        told = {(o.date_start, o.date_end, o.time_precision, o.place) for o in acts
                if o.sub_event_type == m.sub_event_type and not _dated_by_stamp(o) and o.date_source == DATE_FROM_CLAUSE
                and o.place_kind not in WIDE_PLACE_KINDS
                and earliest <= o.date_start and o.date_end < m.date_start
                and (not m.actor1 or not o.actor1 or m.actor1 == o.actor1 or (m.side1 and m.side1 == o.side1))
                and (m.fatalities is None or o.fatalities is None or m.fatalities == o.fatalities)
                and (o.place == m.place or places_compatible(m.place, o.place, places) or _covers(m, o.place, places))}
        days = {(start, end, precision) for start, end, precision, _ in told}
        if len(days) == 1 and len({place for *_, place in told} - {m.place}) <= 1:
            # one act: several towns that day are several acts the lead sums up
            ((start, end, precision),) = days
            moved[id(m)] = replace(m, date_start=start, date_end=end, time_precision=precision)
    # an act the stamp dates with no place ("the Raqqa massacre in which dozens were killed by the air
    # force") is the one its type and doer's placed acts under the stamp are, when all moved to one day
    for u in mentions:
        if u.event_type in VIOLENT_TYPES and not u.background and not u.control and not u.place and _dated_by_stamp(u):
            kin = [m for m in stamped if m.sub_event_type == u.sub_event_type and m.actor1 == u.actor1]
            days = {(moved[id(m)].date_start, moved[id(m)].date_end, moved[id(m)].time_precision) if id(m) in moved
                    else None for m in kin}
            if len(days) == 1 and None not in days:
                ((start, end, precision),) = days
                moved[id(u)] = replace(u, date_start=start, date_end=end, time_precision=precision)
    return [moved.get(id(m), m) for m in mentions] if moved else mentions


CITY_NOUNS = WORDS["city_nouns"]  # "the city of Deir Ezzor", "neighborhoods of Daraa": the city itself


def _placed_within(mentions: list[Mention], places) -> list[Mention]:
    """An act of violence told at a wide place is the act its article tells at the one town inside it
    of the same sub-event type, told by another word, whose days hold the act's, by the same actor
    or side (or nobody named), with no other toll: "A person injured in a terrorist rocket attack in
    Quneitra. A person was injured ... with a rocket shell on Hadar village in Quneitra southern
    province" is one shelling of Hadar. Wide places (`_covers`): a city whose name may stand for its
    governorate or the country around it, and a region (an act told broadly, then precisely, is one
    act: "an Israeli airstrike on the Golan Heights" and "an Israeli plane hit a car in the village of
    Hadar"); a governorate holds its towns already (lib/extract/events.py `_within`). Nothing moves
    when the article tells such acts at two towns inside it (two villages of one governorate are two acts), nor an act told over
    more days or with a toll of its own (a governorate-wide summary: "160 civilians were killed in
    raids on the Manbij countryside this week"). The evidence of both is kept: the two mentions
    become one event of the town. `places`: the lexicon's places by name."""
    acts = [m for m in mentions if m.event_type in VIOLENT_TYPES and not m.background and not m.control and m.place]
    if len(acts) < 2:
        return mentions
    places = {**places_of(acts, places), **places}
    moved: dict[int, Mention] = {}
    for m in acts:
        inside = {o.place: o for o in acts
                  if o.sub_event_type == m.sub_event_type and o.place != m.place
                  and (o.sentence_start, o.trigger_start) != (m.sentence_start, m.trigger_start)
                  and o.date_start <= m.date_start and m.date_end <= o.date_end
                  and (not m.actor1 or not o.actor1 or m.actor1 == o.actor1 or (m.side1 and m.side1 == o.side1))
                  and _covers(m, o.place, places)}
        if len(inside) != 1:
            continue
        ((town, o),) = inside.items()
        if m.fatalities is not None and not any(a.place == town and a.fatalities == m.fatalities for a in acts) \
                and not _toll_of_the_town(m, o, acts):
            continue
        moved[id(m)] = placed_as(m, o)
    return [moved.get(id(m), m) for m in mentions] if moved else mentions


def _toll_of_the_town(wide: Mention, town: Mention, acts: Sequence[Mention]) -> bool:
    """May the toll an act told at a wide place has be that of the one act told at a town inside it:
    the article gives the town no toll of its own and both are told of the same one day ("Ten
    civilians were killed on Tuesday when Russian warplanes struck a town in Aleppo province ...
    Russian jets targeted the Atarib district"); not a toll over more days ("160 civilians were
    killed in raids on the Manbij countryside this week"), nor one beside the town's own."""
    return wide.date_start == wide.date_end == town.date_start == town.date_end \
        and not any(a.place == town.place and a.fatalities is not None for a in acts)


def _covers(wide: Mention, town: str, places) -> bool:
    """Does the place `wide` names hold `town` (a town, village or site that consolidation does not
    already place inside it, `places_compatible`)? A city named with a word around it ("the Manbij countryside",
    "north of Hama") holds the towns of the governorate the mention is in, and so does a city that
    gives its governorate its name ("rocket attacks in Quneitra"), unless its sentence has a word
    that makes it the city itself (words.tsv city_nouns: "in and outside the city of Deir Ezzor",
    "neighborhoods of Daraa"; not a noun that names the town: "in the city of Qamishli, Hasaka"; and
    "eastern Aleppo", a part of it); told so after a city inside it, it holds that city too. A region ("the Golan Heights",
    "Eastern Ghouta") holds the towns and cities of its governorate: consolidation does not place them
    in it (a region has no bounds the gazetteer gives), so only one town told of the same act moves."""
    area, place = places.get(wide.place), places.get(town)
    if area is None or place is None or area.kind not in ("city", "region") \
            or place.kind not in ("city", "town", "site", "crossing") \
            or place.admin1 != (wide.admin1 or area.admin1) or places_compatible(wide.place, town, places):
        return False
    if area.kind == "region":  # "an airstrike on the Golan Heights", "rocket attacks from Eastern Ghouta"
        return True
    said = {word.rstrip("s") for word in _without_town_named(wide.sentence, town).lower().split()}
    if any(noun in said for noun in CITY_NOUNS):
        return False
    relation = split_relation(wide.place_relation)[0]
    if is_around(relation):  # "a rebel-held area near Damascus": Douma, a city of its own, too
        return True
    # "in the city of Qamishli, Hasaka": a city named after its governorate stands for it, a city inside too
    return relation == "in" and _named_after(area) and (place.kind != "city" or town.lower() in wide.sentence.lower())


def _without_town_named(sentence: str, town: str) -> str:
    """The sentence without the city noun that names the town ("the city of Qamishli, Hasaka": the
    noun is the town's, not the wide place's)."""
    return re.sub(rf"\b\w+ of (?:the )?{re.escape(town)}\b", town, sentence, flags=re.IGNORECASE)


def _named_after(city: lexicon.Place) -> bool:
    """Does the city give its governorate its name ("Quneitra" of "Quneitra Governorate")?"""
    name, _, noun = city.admin1.rpartition(" ")
    return name == city.name and noun.lower() in GOVERNORATE_NOUNS


def _told_without_mode(sentence: Span, trigger: TriggerMatch) -> bool:
    """A noun that names an act of violence without saying how (words.tsv generic_acts: "the attack
    targeted a market", "two gunmen conducted an attack"), as the trigger or the object of a light
    verb of violence (words.tsv instrument_verbs) or the subject of a verb of harm (words.tsv
    harm_words: "the attack on two villages killed 15 civilians"), or a verb that tells it without saying how
    (words.tsv modeless_verbs: "their positions were targeted in Haas", "ISIL vehicles were also hit
    in Hasakeh"), with no instrument named."""
    head = trigger.head
    words = {head.lemma_.lower()}
    if head.lemma_.lower() in INSTRUMENT_VERBS or trigger.entry.lemma.split()[0] in INSTRUMENT_VERBS:
        words |= {c.lemma_.lower() for c in head.children if c.dep_ == "dobj"}
    if head.lemma_.lower() in HARM_WORDS:  # "the attack on two villages killed 15 civilians": harm its subject did
        words |= {c.lemma_.lower() for c in head.children if c.dep_ == "nsubj"}
    modeless = bool(words & GENERIC_ACTS) or (head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in MODELESS_VERBS)
    return modeless and instrument_for(sentence, trigger) is None


def _modes_told(mentions: list[Mention], modeless: set[tuple[int, int]], places) -> list[Mention]:
    """A generic act told without its mode (`modeless`: its sentence and trigger offsets, see
    `_told_without_mode`) is the act its article tells with a mode at the same place and day, of
    that act's type, also when told before it: "Gunmen carried out an attack in Azaz on Monday ... A
    suicide bomber blew himself up at a checkpoint in Azaz on Monday" is one suicide bombing (an
    attack told after an act is already of its kind: `continues`). Nothing changes when the acts of that place and day are of more than one type.
    `places`: the lexicon's places by name (the gazetteer's that the acts name are added)."""
    def told(m: Mention) -> bool:
        return (m.sentence_start, m.trigger_start) in modeless
    return _retyped(mentions, places, lambda m: (lambda o: not told(o)) if told(m) else None) if modeless else mentions


ADDING_WORDS = frozenset({"also"})


def _dated_as_added_to(mention: Mention, trigger: TriggerMatch, found: Sequence[Mention]) -> Mention:
    """"Rockets hit Jobar on Thursday ... 500 people died on Wednesday from chemical attacks ...
    Rockets also hit Qaboun": an act that "also" adds to the last act of its kind told, dated only by
    the paragraph's last date, is of that act's day; the last date may be another happening's."""
    if mention.date_source != DATE_FROM_PARAGRAPH or mention.background \
            or not any(c.lower_ in ADDING_WORDS and c.dep_ == "advmod" for c in trigger.head.children):
        return mention
    added_to = next((m for m in reversed(found) if m.sub_event_type == mention.sub_event_type
                     and not m.background and m.date_source == DATE_FROM_CLAUSE), None)
    if added_to is None or (added_to.date_start, added_to.date_end) == (mention.date_start, mention.date_end):
        return mention
    return _dated_as(mention, added_to)


def _dated_as(mention: Mention, other: Mention, **changes) -> Mention:
    """The mention with the date of another mention (its span, precision and the timex behind it)."""
    return replace(mention, date_start=other.date_start, date_end=other.date_end, time_precision=other.time_precision,
                   date_text=other.date_text, timex_value=other.timex_value, timex_start=other.timex_start,
                   timex_end=other.timex_end, anchor=other.anchor, rule=other.rule, **changes)


def _named_non_actor(trigger: TriggerMatch) -> bool:
    """The active subject of the trigger is a noun that names no party (trucks, a convoy,
    residents)."""
    subject = next((c for c in trigger.head.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.pos_ in ("NOUN", "PROPN") and subject.ent_type_ == "" \
        and subject.lemma_.lower() not in MEN


def _conjoined(mention: Mention, sentence: Span) -> list[Mention]:
    """The same happening at the places conjoined with its place: a change of hands ("took Rastan
    and Talbiseh") or an act of violence ("struck Rastan, Talbiseh and Zafarana") at each, and any
    act a plural noun tells ("the recent ceasefires in Aleppo and Lattakia": `_plural_act`). A place
    the lexicon lacks is kept as written (an act of violence only: a change of hands needs a place
    the control map knows)."""
    violent = mention.event_type in VIOLENT_TYPES
    trigger = next((t for t in sentence if t.idx == mention.trigger_start), None)
    if not (mention.control or violent or _plural_act(trigger)) or not mention.place \
            or (not mention.place_known and not violent):
        return []
    ents = ents_in(sentence)
    anchor = next((e for e in ents if (place.name if (place := place_for(e)) is not None else span_text(e)) == mention.place), None)
    if anchor is None:
        return []
    found: list[Mention] = []
    named = {mention.place, mention.admin1}
    anchors = [anchor]
    if violent:
        # a list of targets, each with its own place: one happening at each
        targets = listed_targets(trigger) if trigger is not None else []
        for target in targets:
            for ent in target_places(target, targets, sentence):
                if ent.start != anchor.start:
                    _add_place(found, named, mention, ent, sentence, violent)
                    anchors.append(ent)
        for ent in _split_places(anchor, sentence):
            if _add_place(found, named, mention, ent, sentence, violent):
                anchors.append(ent)
        for ent in listed_after_noun(anchor):
            # "in al-Bab city and the villages of Jub Ghabsheh Eibed Souran ...": a place each, by the noun
            if ent.start != anchor.start and actor_for(ent) is None \
                    and _add_place(found, named, mention, ent, sentence, violent, listed=True):
                anchors.append(ent)
        for told in elided_conjuncts(trigger) if trigger is not None else []:
            # "30 were killed around Shadadi and another five outside Kobane": its own toll, if a number
            for ent in target_places(told, [told], sentence)[-1:]:
                if ent.start != anchor.start and _add_place(found, named, mention, ent, sentence, violent):
                    anchors.append(ent)
                    if mention.fatalities is not None:
                        count = number_value(told.text) if told.pos_ == "NUM" else None
                        found[-1] = replace(found[-1], fatalities=count, fatalities_text=told.text if count else "")
    for anchor in anchors:
        fused = anchor  # the place the mention names, which fused names of a list modify
        for ent in ents:
            if (place_head(ent).dep_ == "conj" and place_head(ent).head == place_head(anchor)) \
                    or fused_in_list(ent, fused):
                if _add_place(found, named, mention, ent, sentence, violent) and place_head(ent).dep_ == "conj":
                    anchor = ent
    return found


def _plural_act(trigger: Token | None) -> bool:
    """Is the mention's trigger a plural noun of acts ("the recent ceasefires in Aleppo and Lattakia"):
    acts told of each of the places conjoined with its place, one at each, whatever their kind?"""
    return trigger is not None and trigger.tag_ == "NNS"


def _figure_at(ent: Span) -> Token | None:
    """The figure told with "in" or "at" the place: "100 in Jableh", "12 soldiers in Raqqa", "21 in the
    town of Mayadeen"."""
    head = place_head(ent)
    while head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        head = head.head.head  # "the town of Mayadeen"
    prep = head.head
    if head.dep_ != "pobj" or prep.lower_ not in ("in", "at") or prep.dep_ != "prep":
        return None
    counted = prep.head
    return counted if counted.like_num else next((c for c in counted.children if c.dep_ == "nummod"), None)


def _split_places(anchor: Span, sentence: Span) -> list[Span]:
    """"Air strikes killed 38 civilians in Deir ez-Zor province: 21 in the town of Mayadeen and 17 in
    al-Quriyah": the places of bare figures each told with a place of its own, the act's place one of
    them (a toll split over places, each a happening: `_tolls_by_place` gives each its part)."""
    def bare(ent: Span) -> bool:
        figure = _figure_at(ent)
        return figure is not None and figure.like_num and figure.dep_ != "nummod"
    if not bare(anchor):
        return []
    return [e for e in ents_in(sentence) if e.start != anchor.start and bare(e)]


def _tolls_by_place(mentions: list[Mention], sentence: Span) -> list[Mention]:
    """The happening told at several places with one toll for them all, the toll then split over them
    ("bombings in Jableh and Tartus killed more than 140 people, 100 in Jableh and 48 in Tartus"): a
    figure with "in" the place, or a counted noun with it ("12 soldiers in Raqqa"), for every place
    and below the whole, is that place's own toll. Not when some place has none ("killed five people
    in Jableh and Tartus": the five cover them all)."""
    if len(mentions) < 2 or mentions[0].fatalities is None or any(m.fatalities != mentions[0].fatalities for m in mentions):
        return mentions
    told: dict[str, int] = {}
    for ent in ents_in(sentence):
        number = _figure_at(ent)
        value = number_value(number.text) if number is not None else None
        name = place.name if (place := place_for(ent)) is not None else span_text(ent)
        if value is not None and value < mentions[0].fatalities:
            told.setdefault(name, value)
    if not all(m.place in told for m in mentions):
        return mentions
    return [replace(m, fatalities=told[m.place], fatalities_text=str(told[m.place])) for m in mentions]


def _add_place(found: list[Mention], named: set[str], mention: Mention, ent: Span, sentence: Span,
               violent: bool, listed: bool = False) -> bool:
    """Add to `found` the mention at the place `ent` names, unless a place of that name is in `named`
    already (the names and governorates of the places added), or the place is unknown and the act
    no act of violence (or the name no place's), or a part of a city in a governorate named already
    (words.tsv city_part_nouns: one happening in the city). A place the lexicon lacks, named as lying
    in a known one of the sentence, gets its governorate."""
    place = place_for(ent)
    if place is None and (not violent or (ent.label_ not in ("GPE", "LOC", "FAC") and not named_by_place_noun(ent)
                                          and not listed)):
        return False  # `listed`: a name of a list after "the villages of", a place by that noun
    if place is not None and place.kind in ("country", "region"):
        return False
    name = place.name if place is not None else ent.text
    if name in named or any(e.start < ent.start and (lies_in(e, ent) or located_by(e, ent)) for e in ents_in(sentence)):
        return False  # named already, or only to say where another place is ("Dumeir east of Damascus")
    if place is None:
        container = next((p for e in ents_in(sentence) if e.start > ent.start and lies_in(ent, e)
                          and (p := place_for(e)) is not None), None) or act_container(ent)
        place = unknown_within(name, container) if container is not None else None
        if place is None and mention.admin1 and any(same_run(ent, e) for e in ents_in(sentence)):
            # a name of a run whose commas were lost lies where the list's other names do
            place = lexicon.Place(name=name, kind="", admin1=mention.admin1, country=COUNTRY_NAME,
                                  latitude=None, longitude=None)
    if city_part(ent) and (place is None or place.admin1 in named):
        return False
    named.update((name, place.admin1 if place is not None else ""))
    found.append(replace(_at(mention, PlaceChoice(name, place_for(ent) is not None, place)),
                         mention_id=f"{mention.mention_id}:{ent.start_char}"))
    return True


def _one_trip(first: Mention, then: Mention, places) -> bool:
    """Two coordinated verbs of one actor at one time, neither changing who holds a place."""
    return (not first.control and not then.control and first.date_start == then.date_start
            and (first.actor1 == then.actor1 or not then.actor1)
            and places_compatible(first.place, then.place, places))


class PlaceToldBack(NamedTuple):
    """A place a sentence gives an act it refers back to (`places_told_back`)."""
    event_type: str  # the act's, "" for a noun of any act
    place: PlaceChoice
    words: tuple[int, ...]  # the offsets of the noun and of the clause that tie it to the place
    day: tuple[str, str] | None  # the days a date of the noun's phrase or clause names ("Saturday's attack"), if any


def places_told_back(sentence: Span, timexes: Sequence[Timex], dct: str) -> list[PlaceToldBack]:
    """The places a sentence gives an act it refers back to, a definite noun of an act of violence (a
    trigger noun with "the", "this" or a possessive: `refers_back`): "... were injured in the strike on
    Heneyda", "The explosion that hit the town of Qardaha was caused by ...", "The bombardment struck
    the town of Jayrud", "the blast took place near a checkpoint in Azaz". The event type is the
    noun's, or "" for a noun of any act (words.tsv generic_acts: "the attack"); the place is the one
    bound to the noun's own phrase, else to the clause the noun is the subject of that says it
    happened or what it hit (an occurrence verb, a verb of violence), else to a clause on the noun
    that says so ("that hit"); a clause of what goes on or has gone on ("the bombings have
    intensified") tells no one act's place. A date in the noun's phrase or clause says which act it
    is ("the 2013 attack on Ghouta" is none of today's)."""
    told = []
    violent_verbs = {t.head.i for t in find_triggers(sentence)
                     if t.head.pos_ == "VERB" and t.entry.event_type in VIOLENT_TYPES}
    for noun in sentence:
        entry = act_noun(noun)
        if entry is None or not _definite(noun):
            continue
        trigger = TriggerMatch((noun,), entry)
        event_type = violence_type(sentence, trigger)[0]
        if event_type not in VIOLENT_TYPES:
            continue
        clauses = [noun]
        verb = occurrence_verb(trigger)
        if verb is not None:
            clauses.append(verb)  # "the blast took place near a checkpoint"
        if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i in violent_verbs:
            clauses.append(noun.head)  # "The bombardment struck the town of Jayrud"
        clauses.extend(c for c in noun.children if c.dep_ in ("relcl", "acl") and c.i in violent_verbs)
        for clause in (TriggerMatch((c,), entry) for c in clauses):
            if clause.head is not noun and not _told_once(clause):
                continue
            place = choose_place(sentence, clause, None)
            if place is not None and place.bound:
                told.append(PlaceToldBack("" if noun.lemma_.lower() in GENERIC_ACTS else event_type, place,
                                          (noun.idx, clause.head.idx), _day_of(noun, clause, timexes, dct)))
                break
    return told


def _definite(noun: Token) -> bool:
    """A noun made definite by a determiner ("the strike", "this bombing") or by the day it names
    ("Saturday's attack"): it refers back (`refers_back`); one owned by a party ("Russia's strikes on
    Idlib") may tell an act for the first time."""
    return refers_back(noun) and (any(c.dep_ == "det" for c in noun.children) or any(
        c.dep_ == "poss" and (in_timex(c) or c.ent_type_ in ("DATE", "TIME")) for c in noun.children))


def _day_of(noun: Token, clause: TriggerMatch, timexes: Sequence[Timex], dct: str) -> tuple[str, str] | None:
    """The days a date names in a noun's phrase ("Saturday's attack", "the 2013 attack"; not in a clause
    inside it), else in the clause that ties it to its place, or the one it is part of ("On Tuesday the
    strikes on Idlib killed five more"), if any."""
    sentence = noun.sent
    inside = [t for t in timexes if sentence.start_char <= t.start < sentence.end_char and t.type in ("DATE", "TIME")]
    verb = clause.head if clause.head is not noun else next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
    heads = [TriggerMatch((word,), clause.entry) for word in (noun, verb) if word is not None]
    timex = next((t for head in heads for t in inside if governs(head, t)), None)
    days = span(timex.value, dct, timex.mod) if timex is not None else None
    return days[:2] if days is not None else None


def act_noun(token: Token) -> lexicon.Trigger | None:
    """The trigger entry of a one-word noun of an act of violence ("strike", "explosion", "attack")."""
    if token.pos_ != "NOUN":
        return None
    lemma = token.lemma_.lower()
    index = DocIndex.of(token.doc).triggers
    return next((entry for words, entry in index.get(lemma, ()) if words == (lemma,) and "NOUN" in entry.pos
                 and entry.event_type in VIOLENT_TYPES), None)


def _told_once(clause: TriggerMatch) -> bool:
    """A clause that tells one happening: not what goes on (`_general`) nor what has gone on ("the
    bombings have intensified")."""
    return not _general(clause) and not _present_perfect(clause.head)


def _told_anew(sentence: Span, trigger: TriggerMatch) -> bool:
    """Does a trigger tell an act of its own: not harm alone, with no instrument ("at least 26 people
    were killed"), nor an act told before ("the attack killed more than 100 people", "were killed in
    the double-tap strike": a noun of an act that refers back)?"""
    head = trigger.head
    if head.lemma_.lower() in HARM_WORDS and instrument_for(sentence, trigger) is None:
        return False
    nouns = [head, *(c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")),
             *(sentence.doc[i] for i in instrument_tokens(sentence, trigger))]
    return not any(refers_back(n) and (act_noun(n) is not None or n.lemma_.lower() in ACT_NOUNS) for n in nouns)


def _lead_tolls_placed_next(found: list[Mention], waiting: list[Mention]) -> list[Mention]:
    """`found` with the acts that waited for a place and a doer in vain (`waiting`) and told a toll,
    each placed as the act of its type the very next sentence tells at a place on an overlapping day:
    a lead that counts the dead with no place ("At least 126 people were killed Saturday in a suicide
    car bomb attack on buses carrying evacuees") and a sentence that tells the act again with its place
    ("98 evacuees were killed when an explosives-laden vehicle hit their buses at a transit point west
    of Aleppo") are two reports of one act (`tolls.event_toll` weighs their tolls). Not an act the next
    sentence does not tell again (another type, another sub-type with no dead of its own, another day, no
    place, or a sentence further on)."""
    kept = []
    for w in waiting:
        if w.fatalities is None:
            continue
        # the act told again: of the type, and of the sub-type unless it counts dead too ("A car bomb killed
        # 40 people" then "Rebels shelled Azaz", no dead of its own: another act)
        acts = [m for m in _next_sentence(w, found) if m.event_type == w.event_type and m.place
                and (m.sub_event_type == w.sub_event_type or m.fatalities is not None)
                and not m.background and not m.control and m.date_start <= w.date_end and w.date_start <= m.date_end]
        # of its acts, one told with its dead first (the other report of the lead's toll), an act before a
        # word of harm ("98 evacuees from the towns of Fuaa and Kafraya were killed when a vehicle hit
        # their buses at a transit point west of Aleppo": the act tells where, the harm whence the dead)
        act = min(acts, key=lambda m: (m.fatalities is None, harm_word(m.trigger), m.trigger_start), default=None)
        if act is not None:
            kept.append(placed_as(w, act))
    return sorted([*found, *kept], key=lambda m: m.sentence_start) if kept else found


def _wide_leads_placed_next(found: list[Mention]) -> list[Mention]:
    """A lead that counts the dead of an act told nowhere or in a whole country, which no event can be
    coded at ("At least 50 jihadists ... were killed overnight by Syrian troops ... near the Lebanese
    border", "Islamic State group jihadists have attacked an oil and gas field in Syria killing at
    least 30 pro-regime gunmen"), is the act of its type the very next sentence tells at a place, on
    its day or the day before it (a lead stamped with the day of the report: "the jihadists clashed
    throughout Friday night ... in the Qalamun region", "after Tuesday's assault at Shaer"), told there
    with no toll of its own: it takes that act's place and days, as `_lead_tolls_placed_next` places
    a lead told with no doer. Not an act the next sentence tells with another toll, of another sub-type
    or by another side ("Russian jets killed 10 people on Monday. Rebels shelled Aleppo on Monday"),
    days before, or a sentence further on."""
    out = list(found)
    for k, w in enumerate(found):
        if w.fatalities is None or w.background or w.control or w.event_type not in VIOLENT_TYPES \
                or (w.place and w.place_kind != "country"):
            continue
        day_before = (date.fromisoformat(w.date_start) - timedelta(days=1)).isoformat()
        acts = [m for m in _next_sentence(w, found) if m.sub_event_type == w.sub_event_type and m.place
                and m.place_kind != "country" and m.fatalities is None and not m.background and not m.control
                and day_before <= m.date_end and m.date_start <= w.date_end
                and not (w.side1 and m.side1 and w.side1 != m.side1)]
        if len({m.place for m in acts}) != 1:
            continue
        act = acts[0]
        out[k] = placed_as(w, act, date_start=min(w.date_start, act.date_start), date_end=w.date_end,
                           time_precision=max(w.time_precision, act.time_precision))
    return out


PLACE_FIELDS = ("place", "place_known", "place_kind", "admin1", "latitude", "longitude", "place_relation")


def placed_as(mention: Mention, other: Mention, **changes) -> Mention:
    """The mention at `other`'s place (every Mention field of the place, PLACE_FIELDS), with `changes`."""
    return replace(mention, **{name: getattr(other, name) for name in PLACE_FIELDS}, **changes)


NEXT_SENTENCE_GAP = 3  # characters between a sentence's end and the next one's start: spaces, no paragraph


def _next_sentence(mention: Mention, found: list[Mention]) -> list[Mention]:
    """The mentions of the sentence right after `mention`'s, in the same paragraph (no more than
    NEXT_SENTENCE_GAP characters between them); [] when none follows so."""
    after = [m for m in found if m.sentence_start > mention.sentence_start]
    if not after:
        return []
    following = min(m.sentence_start for m in after)
    if following - mention.sentence_end > NEXT_SENTENCE_GAP or "\n" in mention.sentence[-1:]:
        return []
    return [m for m in after if m.sentence_start == following]


def _placed_back(found: list[Mention], waiting: list[Mention],
                 told: PlaceToldBack) -> tuple[list[Mention], list[Mention], Mention | None]:
    """`found` and `waiting` (acts kept from nowhere for want of a place and a doer) once a later
    sentence has told a place back (`told`) for the last current act of violence of its type told
    before: "At least 15 civilians were killed in a suspected US-led coalition air strike on Saturday
    ... at least 17 people were injured in the strike on Heneyda". That act, and the acts of its type
    its sentence tells with it, take the place when they have none, or only a country or a
    governorate that holds it; an act that waited is then kept. An act of its type told since (no
    matter where) is the one referred back to: nothing changes when it has a place of its own. The
    third value is the act referred back to, when it is at that place now (else None)."""
    def of_type(m: Mention) -> bool:
        return m.event_type in VIOLENT_TYPES and not m.background and not m.control \
            and (not told.event_type or m.event_type == told.event_type)
    acts = [m for m in (*found, *waiting) if of_type(m)]
    if not acts:
        return found, waiting, None
    last = max(acts, key=lambda m: (m.sentence_start, m.trigger_start))
    if told.day is not None and not overlaps(told.day, (last.date_start, last.date_end)):
        return found, waiting, None  # "the 2013 attack on Ghouta": another act
    same = {id(m) for m in acts if m.sentence_start == last.sentence_start}

    def placed(m: Mention) -> Mention | None:
        return _at(m, told.place, place_relation="in") if _holds(m, told.place) else None
    found = [(placed(m) or m) if id(m) in same else m for m in found]
    kept = [p for m in waiting if id(m) in same and (p := placed(m)) is not None]
    if kept:
        found = sorted([*found, *kept], key=lambda m: m.sentence_start)
        waiting = [m for m in waiting if id(m) not in same]
    referred = next((m for m in found if m.mention_id == last.mention_id), None)
    return found, waiting, referred if referred is not None and referred.place == told.place.name else None


def _as_told(mention: Mention, act: Mention) -> Mention:
    """A mention of an act told before (`_placed_back`) as that act: of its type, current as it is and
    of its date, unless its own lies within the act's. "A suicide bomber killed four people in a
    hospital on Sunday ... The explosion that hit the town of Qardaha": Sunday's suicide bombing;
    "The bombardment struck the town of Jayrud ... after he was forced to eject on Friday": Saturday's
    shelling; "The attack, the first explosion to hit the town since the outbreak of the war in 2011,
    took place in the parking of Qardaha hospital": today's."""
    if mention.event_type not in VIOLENT_TYPES or mention.control:
        return mention
    mention = replace(mention, event_type=act.event_type, sub_event_type=act.sub_event_type, kind=act.kind,
                      background=act.background)
    if act.date_start <= mention.date_start and mention.date_end <= act.date_end:
        return mention
    return _dated_as(mention, act, date_source=act.date_source)


def _holds(act: Mention, place: PlaceChoice) -> bool:
    """Can the place an act was told at hold `place`: none, the country of `place`, or its governorate?"""
    where = place.place
    return not act.place or (act.place_kind == "country" and (where is None or where.country == act.place)) \
        or (act.place_kind == "province" and where is not None and where.admin1 == act.admin1)


def _at(mention: Mention, place: PlaceChoice, **changes) -> Mention:
    """The mention at another place (a lexicon place, or one kept as written)."""
    where = place.place
    return replace(mention, place=place.name, place_known=place.known, place_kind=where.kind if where else "",
                   admin1=where.admin1 if where else "", latitude=where.latitude if where else None,
                   longitude=where.longitude if where else None, **changes)


def _toll_told_back(found: list[Mention], sentence: Span, trigger: TriggerMatch, timexes: Sequence[Timex],
                    dct: str, toll: tuple[int | None, str]) -> None:
    """"Saturday's convoy attack killed 126 people, the Observatory said.", sentences after the attack
    was told: a toll whose subject refers back to an act ("the attack", "Saturday's strike") is that
    act's: the latest current act of violence told before of the day the subject names; with no day
    named, the latest whose toll was told already (another report of it), else the latest. Of
    conflicting reports the lowest (`found` is updated in place; `toll`: toll_of the sentence and trigger)."""
    subject = next((c for c in trigger.head.children if c.dep_ == "nsubj"), None)
    if subject is None or trigger.head.lemma_.lower() not in HARM_WORDS:
        return
    # the day named in the subject ("Saturday's attack", "Saturdays convoy attack" as some outlets print it)
    named_day = next((c.lower_.rstrip("'s") for c in subject.children if c.dep_ in ("compound", "poss")
                      and (in_timex(c) or c.ent_type_ == "DATE")), None)
    act_noun = subject.lemma_.lower() in GENERIC_ACTS or any(t.head == subject for t in find_triggers(sentence))
    if not act_noun or not (refers_back(subject) or named_day):
        return  # "the heat killed two": no act referred back to
    value, text = toll
    if value is None:
        return
    timex = timex_for(sentence, trigger, timexes)
    day = span(timex.value, dct, timex.mod) if timex is not None else None
    acts = [i for i, act in enumerate(found) if act.event_type in VIOLENT_TYPES and not act.background
            and not act.control and (day is None or (act.date_start <= day[1] and day[0] <= act.date_end))
            and (not named_day or named_day in act.date_text.lower())]
    if not acts:
        return
    # with no day named, "the attack" whose toll was told already: another report of it
    told = [i for i in acts if found[i].fatalities is not None]
    i = (told or acts)[-1] if not named_day else acts[-1]
    if found[i].fatalities is None or value < found[i].fatalities:
        found[i] = replace(found[i], fatalities=value, fatalities_text=text)


def _toll_reported_again(found: list[Mention], sentence: Span, paragraph_start: int) -> None:
    """"An explosion at a mosque killed at least 25 members of the Nusra Front. ... Turkey's Anadolu
    Agency reported 15 deaths citing a statement.": a sentence of no act that reports a toll
    (`reported_toll`) is another report of the dead of the act last told with a counted toll in its
    paragraph (not a part of the dead told one by one: "also killed a senior member"); of conflicting
    reports the lowest, a strict lower bound ("more than 40") conflicting with none, nor a count of
    other dead (civilians after combatants: `told_kind`) (`found` is updated
    in place: every place the act was told at). With no toll told before in the paragraph, dead told
    as those of an act or weapon referred back to ("The rocket bomb ... led to the killing of one
    person") are the toll of the paragraph's last act (`dead_of_act_told`)."""
    value, text = reported_toll(sentence)
    if value is None or strict_bound(text):
        return
    acts = [m for m in found if m.sentence_start >= paragraph_start and m.event_type in VIOLENT_TYPES
            and not m.background and not m.control]
    kind = told_kind(text)
    act = next((m for m in reversed(acts) if m.fatalities is not None
                and not strict_bound(m.fatalities_text) and not adds(m.fatalities_text)), None)
    if act is not None and kind and told_kind(act.fatalities_text) not in (kind, ""):
        return  # "Strikes killed 40 fighters. The monitor reported 15 civilian deaths.": other dead
    if act is None and acts and acts[-1].fatalities is None and dead_of_act_told(sentence):
        # "The blast heard in Burj Rouss was due to a rocket bomb. The rocket bomb ... led to the killing
        # of one person": the dead of the act referred back to, told with no toll, are its toll
        act = acts[-1]
        told = (act.sentence_start, act.trigger_start)
        for i, m in enumerate(found):
            if (m.sentence_start, m.trigger_start) == told and m.fatalities is None:
                found[i] = replace(m, fatalities=value, fatalities_text=text)
        return
    if act is None or value >= act.fatalities:
        return
    told = (act.sentence_start, act.fatalities_text, act.fatalities)
    for i, m in enumerate(found):
        if (m.sentence_start, m.fatalities_text, m.fatalities) == told:
            found[i] = replace(m, fatalities=value, fatalities_text=text)


def _toll_told_unplaced(sentence: Span, trigger: TriggerMatch, unplaced: tuple[int, int | None, str],
                        before: Sequence[Mention]) -> bool:
    """Does the act of the sentence refer back to the act the sentence before told with its toll
    (`unplaced`) but kept no mention of, for want of a place and a doer, so that toll is its own? Its
    sentence places part of the dead told ("The rest of the dead in the raids on Raqa were IS
    fighters"), or, when no act kept from the sentence before (`before`) has that toll, the act is a
    definite noun of an act, or its subject is ("A suicide car bomb has hit a convoy of buses ...
    killing at least 100 people. The explosion took place at a transit point Rashideen area")."""
    head = trigger.head
    if refers_back(head) and counts_a_part(sentence):
        return True
    if any((m.fatalities, m.fatalities_text) == unplaced[1:] for m in before):
        return False  # "... in the attack, with one man killed in earlier shelling": told with an act kept
    clause = head.head if head.dep_ in ("nsubj", "nsubjpass") else head
    if any(c.lower_ in CONTINUING_WORDS for c in (*head.children, *clause.children)):
        return False  # "The raids on the city of Raqa also hit a bakery": another happening of the raids
    # the act noun as the subject of its clause, not a phrase of another noun ("a debate on the bombing of Aleppo")
    nouns = [head] if head.dep_ in ("nsubj", "nsubjpass", "ROOT") else []
    nouns += [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(refers_back(n) and (act_noun(n) is not None or n.lemma_.lower() in ACT_NOUNS) for n in nouns)


def _toll_told_before(mention: Mention, trigger: TriggerMatch, before: Sequence[Mention]) -> Mention:
    """"Regime shelling of a rebel-held town killed 31 people. The bombardment struck the town of
    Jayrud ...": an act the next sentence refers back to ("the bombardment", "the airstrikes have been
    conducted in ...") and tells more of, without a toll of its own, has the toll told with it (the
    last act of its type in the sentence before, `before`, told nowhere, at its place or in a country
    or governorate that holds it)."""
    if mention.fatalities is not None or mention.background:
        return mention
    head = trigger.head
    killed_in = next((m for m in reversed(before) if m.sub_event_type == mention.sub_event_type), None)
    if killed_in is not None and killed_in.fatalities is not None and _among_those_killed_in(head):
        # "At least 45 people were killed in government air strikes on opposition areas around Damascus.
        # ... at least six children were among those killed in nearly 40 air raids on parts of Eastern
        # Ghouta": the act the dead told before were killed in, told again where it was
        return replace(mention, fatalities=killed_in.fatalities, fatalities_text=killed_in.fatalities_text)
    act = next((m for m in reversed(before) if m.event_type == mention.event_type), None)
    if act is None or act.fatalities is None or not (
            act.place in ("", mention.place) or act.place_kind == "country"
            or (act.place_kind == "province" and act.admin1 == mention.admin1)):
        return mention
    subjects = [head] if head.pos_ == "NOUN" else [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not any(n.lemma_.lower() in ACT_NOUNS and refers_back(n) for n in subjects):
        return mention
    return replace(mention, fatalities=act.fatalities, fatalities_text=act.fatalities_text)


def _among_those_killed_in(act: Token) -> bool:
    """Is the act the one the dead "those killed" refer back to were killed in ("six children were among
    those killed in nearly 40 air raids on parts of Eastern Ghouta"): under "those", the object of
    "among", a word of death its modifier? Not "among the targets hit by air raids"."""
    for up in act.ancestors:
        if up.lower_ == "those" and up.dep_ == "pobj" and up.head.lower_ == "among":
            return any(c.lemma_.lower() in DEATH_WORDS for c in up.children)
    return False


def _tolls_to_their_act(in_sentence: list[Mention], harms: set[str]) -> list[Mention]:
    """"19 regime forces were killed Monday when rebels blew up a tunnel in the Old City": the dead
    a harm word tells (`harms`: its mentions' ids) with no place of its own are the toll of the act of
    the sentence that has them at its place; the harm's own mention keeps none (it is no other
    happening's toll to merge into a fight elsewhere)."""
    def placed_elsewhere(m: Mention) -> bool:
        return any(o is not m and o.place and (o.fatalities, o.fatalities_text) == (m.fatalities, m.fatalities_text)
                   for o in in_sentence)
    return [replace(m, fatalities=None, fatalities_text="")
            if m.mention_id in harms and not m.place and m.fatalities is not None and placed_elsewhere(m) else m
            for m in in_sentence]


def _with_toll(kept: Mention, other: Mention) -> Mention:
    """The report kept of two triggers of one happening, with the toll the other states when it
    states none ("a bomb attack hit a police station in Damascus, with a monitor saying at least 17
    people were killed": the attack's toll)."""
    if kept.fatalities is not None or other.fatalities is None:
        return kept
    return replace(kept, fatalities=other.fatalities, fatalities_text=other.fatalities_text)


def _add_happening(in_sentence: list[Mention], mention: Mention, sentence: Span | None = None,
                   inherits: set[str] = frozenset()) -> None:
    """Adds a trigger's mention to those of its sentence, or to the one of them telling the same
    happening (`_same_happening`): "air strikes killed 39 people in Idlib", the placed report, with
    the toll the other told. A place a report only inherits from the act told in a sentence before
    (`inherits`: their ids) is no place its sentence tells: "Eight civilians were killed when regime
    warplanes struck the village of Daret Izza", its harm placed at the village the sentence before
    named, is the one strike on Daret Izza."""
    def told(m: Mention, other: Mention) -> Mention:
        return replace(m, place="") if m.mention_id in inherits and m.place != other.place \
            and _tells_its_act(sentence, m, other) else m
    same = next((i for i, m in enumerate(in_sentence)
                 if _same_happening(told(mention, m), told(m, mention), sentence)), None)
    if same is None:
        in_sentence.append(mention)
    elif told(mention, in_sentence[same]).place and not told(in_sentence[same], mention).place:
        in_sentence[same] = _with_toll(mention, in_sentence[same])
    else:
        in_sentence[same] = _with_toll(in_sentence[same], mention)


TOPIC_PREPS = WORDS["topic_preps"]
UNARMED_SIDES = WORDS["unarmed_sides"]  # international organisations: no doer of violence


def _talked_about(trigger: TriggerMatch) -> bool:
    """Is the trigger a noun of an act that something said or done is about ("called for a meeting
    about Tuesday's attack", "investigators are looking into the alleged attack"): words.tsv
    topic_preps under a word that tells no act of violence itself?"""
    head = trigger.head
    if head.pos_ != "NOUN" or head.dep_ != "pobj" or head.head.lower_ not in TOPIC_PREPS:
        return False
    return act_noun(head.head.head) is None and head.head.head.lemma_.lower() not in HARM_WORDS


WHEN_CLAUSE = "advcl"  # "were killed when warplanes struck the village": the act told in a clause of the harm
ACT_CLAUSE_MARKERS = WORDS["act_clause_markers"]  # "when", "as": not "before", "after" (another act)


def _tells_its_act(sentence: Span | None, harm: Mention, act: Mention) -> bool:
    """Is `act`, of the sub-event type of `harm`, told in a clause of the harm's verb ("five were
    killed when helicopters dropped a barrel bomb on Taduf") or the harm in one of the act's ("warplanes
    struck Daret Izza, killing eight")?"""
    if sentence is None or harm.sub_event_type != act.sub_event_type:
        return False
    heads = {t.idx: t for t in sentence if t.idx in (harm.trigger_start, act.trigger_start)}
    first, second = heads.get(harm.trigger_start), heads.get(act.trigger_start)
    if first is None or second is None or first is second:
        return False
    return _clause_of(second, first) or _clause_of(first, second)


def _clause_of(inner: Token, outer: Token) -> bool:
    """Is `inner` the verb of a clause under `outer` that a marker of the act opens (words.tsv
    act_clause_markers: "when", "as")?"""
    return inner.dep_ == WHEN_CLAUSE and inner.head == outer and any(
        c.dep_ in ("advmod", "mark") and c.lower_ in ACT_CLAUSE_MARKERS for c in inner.children)


CLASH = "Armed clash"


def _two_sides_of(a: Mention, b: Mention, sentence: Span | None) -> bool:
    """Are two reports of an armed clash (one event whoever is named first) told
    from its two sides: the doer of one is the other party of the other, by name or by side ("many
    terrorists were killed ... during army operations against their hideouts", "their vehicles were
    destroyed")? Not one told in a relative clause: "after eliminating the terrorists who had
    infiltrated Minian" tells the attack the army answered, another event."""
    if sentence is None or not a.sub_event_type == b.sub_event_type == CLASH \
            or any(t.dep_ == "relcl" for t in sentence if t.idx in (a.trigger_start, b.trigger_start)):
        return False
    return (
        (bool(a.actor2) and (a.actor2 == b.actor1 or (bool(a.side2) and a.side2 == b.side1)
                             or {a.side2, b.side1} <= described_sides()))
        or (bool(b.actor2) and (b.actor2 == a.actor1 or (bool(b.side2) and b.side2 == a.side1)
                                or {b.side2, a.side1} <= described_sides())))


def _same_happening(a: Mention, b: Mention, sentence: Span | None = None) -> bool:
    """Two triggers of one sentence telling one happening: "besieged and bombarded" the city; "air
    strikes on Tuesday killed 39 people in Idlib" (one of them without the place). Other dead told at
    another spot ("... while six others were killed in a village near the city", `other_dead_elsewhere`)
    are another happening's; so is an act of another instrument told in a clause of its own, with its
    own subject ("killed in air raids on Jisr al-Shigour while a car bomb exploded outside a mosque in
    the city", `in_clauses_of_their_own`)."""
    return ((a.place == b.place or not a.place or not b.place) and a.date_start == b.date_start and a.control == b.control
            and a.kind == b.kind and a.polarity == b.polarity and a.background == b.background
            and (a.actor1 == b.actor1 or not a.actor1 or not b.actor1 or _two_sides_of(a, b, sentence))
            and not other_dead_elsewhere(a, b)
            and not others_of_another_act(a, b)
            and not told_apart(a, b) and not (sentence is not None and a.sub_event_type != b.sub_event_type
                     and in_clauses_of_their_own(sentence, a.trigger_start, b.trigger_start)))


def _sweeping(trigger: TriggerMatch, place: PlaceChoice | None, timex: Timex | None) -> bool:
    """A present or present perfect verb of violence or of territory with no date of its own, placed at
    most in a whole country, sums up what a party does or has done there ("IS, which has seized large areas of Syria and
    Iraq", "Russia and the coalition are carrying out air strikes in Syria"): no happening."""
    return (_general(trigger) or _present_perfect(trigger.head)) and (timex is None or not governs(trigger, timex)) \
        and (place is None or (place.place is not None and place.place.kind == "country"))


def _present_perfect(verb: Token) -> bool:
    """"has seized", "have intensified": what has gone on until now."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ")
                                      for c in verb.children)


# How many sentences on a report of harm or of an act with no place of its own still continues the
# last act of violence told ("Air strikes killed 39 people in Idlib. Eleven civilians were killed in
# Saraqeb."): see `continues`.
ACT_REACH = 2


def _graded_again(trigger: TriggerMatch) -> bool:
    """Is the trigger a noun of an act graded by a superlative in apposition to the clause or the noun
    that told the act ("Russian air strikes killed eleven fighters near Afrin on Tuesday, the deadliest attack in
    the area this year"): the act told again, compared, no other happening (nor one of the yardstick's
    days)? Not an act told with its own words ("in the heaviest air strikes on Idlib in months")."""
    head = trigger.head
    return head.pos_ == "NOUN" and head.dep_ in ("appos", "npadvmod") and any(
        c.dep_ == "amod" and c.tag_ == "JJS" and c.lower_ not in ("least", "most") for c in head.children)


def _general(trigger: TriggerMatch) -> bool:
    """A verb in the present (simple, progressive or passive progressive) tells what goes on in
    general, not a happening one can place: "Daesh is fighting against all sides", "terrorists that
    attack our civilians", "hospitals being targeted"."""
    head = trigger.head
    if head.pos_ != "VERB":
        return False
    auxiliaries = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    return head.tag_ in ("VBP", "VBZ") or bool(auxiliaries & {"is", "are", "am", "being"})


GENERIC_ACTS = WORDS["generic_acts"]
MODELESS_VERBS = WORDS["modeless_verbs"]


def continues(sentence: Span, trigger: TriggerMatch, last_act: Mention | None) -> tuple[bool, bool]:
    """Whether a trigger continues the last act of violence told (placed earlier in its sentence,
    else within ACT_REACH sentences): (its kind, its place). Harm with no instrument named ("Eleven
    civilians were killed in Saraqeb"), or a noun naming an act without saying how (words.tsv generic_acts:
    "Five civilians were also killed in similar attacks on Tal Toughan"), is that act's, so of its kind; an act of violence
    of any kind named without a place of its own ("Many fighters died after warplanes bombarded the
    area", "Rebels shelled Mhardeh on Friday. Heavy clashes erupted.") is at its place, unless it
    tells what goes on in general (`_general`)."""
    if last_act is None:
        return False, False
    head = trigger.head
    harm = (head.lemma_.lower() in HARM_WORDS or (head.pos_ == "NOUN" and head.lemma_.lower() in GENERIC_ACTS)) \
        and instrument_for(sentence, trigger) is None
    kind = harm and trigger.entry.kind in INSTRUMENT_KINDS and last_act.event_type != "Battles"
    return kind, True


def mention_at(doc: Doc, article: Article, sentence: Span, trigger: TriggerMatch, timexes: Sequence[Timex],
               dct: str, last_city: PlaceChoice | None) -> Mention | None:
    """The mention of one trigger in a sentence another reader (lib/extract/mentions/sentence_model.py)
    says reports a happening: the place nearest the trigger is taken even when the parse does not
    tie it to the trigger, else the town told last (`last_city`), and a noun needs no clause of
    its own to tell that it happened."""
    return _mention(doc, article, sentence, trigger, timexes, dct, None, last_city, near=True)


STATE_BOMBINGS = WORDS["state_bombings"]
FLYING_STATE_TYPES = (1, 8)  # ACLED's state forces and external forces: the air forces of this war


def _bombed_from_the_air(sentence: Span, trigger: TriggerMatch, sub_event_type: str, actor1) -> bool:
    """Is an act typed as a planted bomb only by the word "bombing" (words.tsv state_bombings: the
    trigger with no instrument named, or the instrument of "killed", "carried out") the act of a
    state's forces, so bombing from the air?

    >>> _bombed_from_the_air(None, None, "Air/drone strike", None)
    False
    """
    if sub_event_type != "Remote explosive/landmine/IED" or actor1 is None or actor1.acled_type not in FLYING_STATE_TYPES:
        return False
    instrument = instrument_for(sentence, trigger)
    return (instrument.words if instrument is not None else trigger.entry.lemma) in STATE_BOMBINGS


def told_as_past(trigger: TriggerMatch, timex: Timex | None) -> bool:
    """Is the act told as past at publication, so that the days it can mean end there: a verb in the
    past tense ("killed 20 people this month", "were killed this week"), or a date said to be earlier
    ("earlier this month"). "Rebels will attack Hama this month" and "are attacking this week" may
    reach past publication (counter-examples)."""
    if timex is not None and timex.text.lower().startswith("earlier"):
        return True
    head = trigger.head
    if head.tag_ == "VBD":
        return True
    return head.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP")
                                      and c.lemma_ in ("have", "be") for c in head.children)


def _mention(doc: Doc, article: Article, sentence: Span, trigger: TriggerMatch, timexes: Sequence[Timex],
             dct: str, paragraph_date: Timex | None, last_city: PlaceChoice | None,
             antecedent=None, last_act: Mention | None = None, near: bool = False,
             placeless: bool = False, paragraph_town: PlaceChoice | None = None,
             town_before: PlaceChoice | None = None, inherits: set[str] | None = None) -> Mention | None:
    """The mention of a trigger, None when it reports no happening; with `placeless`, also an act that
    names neither a place nor a doer (which a later sentence may place: `_placed_back`). `inherits`
    gathers the ids of the mentions placed at the act told before (`last_act`), not by their sentence."""
    event_type, sub_event_type, kind = violence_type(sentence, trigger)
    same_kind, same_place = continues(sentence, trigger, last_act)
    if same_kind:
        event_type, sub_event_type, kind = last_act.event_type, last_act.sub_event_type, last_act.kind
    parties = choose_actors(sentence, trigger, event_type=event_type, sub_event_type=sub_event_type,
                            instrument_tokens=instrument_tokens(sentence, trigger), antecedent=antecedent)
    actor1, actor2 = parties.actor1, parties.actor2
    if event_type in VIOLENT_TYPES and _bare_force_subject(trigger) \
            and (actor1 is None or _unnamed_in(sentence, actor1)):
        # "Turkish army spokesman X said that troops shelled ...", "the Russian Defence Ministry said
        # jets struck ...": unnamed troops and jets are the speaker's
        actor1 = speaker_forces(sentence, trigger) or actor1
    if event_type in VIOLENT_TYPES and actor1 is not None and (actor1.acled_type == CIVILIANS
                                                               or actor1.side in UNARMED_SIDES):
        actor1, actor2 = None, actor2 or actor1  # civilians, the UN: they suffer violence, they do not do it
    if _bombed_from_the_air(sentence, trigger, sub_event_type, actor1):
        sub_event_type = "Air/drone strike"  # "regime bombing of Douma": a state's bombing is from the air
    if sub_event_type == "Armed clash" and actor2 is not None and actor2.acled_type == CIVILIANS:
        # a killing of civilians with no weapon of war named is ACLED's attack on civilians
        event_type, sub_event_type, kind = "Violence against civilians", "Attack", "attack on civilians"
    elif sub_event_type == "Armed clash" and actor2 is None and kills_civilians(trigger.head):
        # "Gunmen shot dead a local official", "killed a teacher": one side's killing of unarmed people,
        # named by what they are rather than as "civilians", is ACLED's attack on civilians too
        actor2 = civilians_actor(DocIndex.of(doc).folder)
        if actor2 is not None:
            event_type, sub_event_type, kind = "Violence against civilians", "Attack", "attack on civilians"
    crowd = next((a for a in (actor2, actor1) if a is not None and a.acled_type == PROTESTERS_TYPE), None) \
        or _fired_on_crowd(sentence, trigger)
    force = actor1 if actor1 is not crowd else actor2 if actor2 is not crowd else None
    if event_type in VIOLENT_TYPES and crowd is not None and force is not None:
        # "Security forces opened fire on protesters in Homs, killing 15": violence on a protest is, for
        # ACLED, the protest's: the protesters are actor1, the force that used it actor2
        event_type, sub_event_type, kind = "Protests", "Excessive force against protesters", "protest"
        actor1, actor2 = crowd, force
    place = choose_place(sentence, trigger, last_city)
    verb = occurrence_verb(trigger)
    if verb is not None and (place is None or not place.bound):
        # "Battles continued ... in Hama": the place of the clause that says the noun happened
        place = choose_place(sentence, TriggerMatch((verb,), trigger.entry), last_city) or place
    if place is not None and not place.bound and not near:
        place = None  # a place merely near the trigger says nothing of where it happened
    if near and place is None:
        place = last_city  # read as a happening, placed by nothing in its sentence: the town told last
    # an act of violence its sentence does not place goes on where the telling was, unless it changes
    # hands, speaks in general, or turns to another happening ("Meanwhile ...")
    told_on = place is None and event_type in VIOLENT_TYPES and not trigger.entry.control \
        and not _general(trigger) and not _turns_away(sentence)
    inherited = last_act if told_on and same_place else None
    if told_on and inherited is None and actor1 is not None \
            and trigger.head.dep_ != "relcl":  # "the civil war that Mr. al-Assad had fought": a description
        place = home_town(paragraph_town)  # "a Russian jet targeted us with cluster bombs": at the town told last
    # "The army shelled Rityan. ... regained control of several areas": ground around the town the
    # sentence before told, when its own sentence names no place
    ground = unnamed_ground(trigger) if trigger.entry.control == ControlEffect.GAIN and place is None \
        and town_before is not None and not near and not _names_a_place(sentence) else None
    if ground is not None:
        place = home_town(town_before)
    if trigger.entry.control and (place is None or not place.bound):
        return None  # a change of hands needs the place it happened to, not one nearby
    if trigger.entry.control and not takes_territory(trigger):
        return None
    if trigger.entry.control == ControlEffect.GAIN and actor1 is None and _named_non_actor(trigger):
        return None  # "trucks carrying aid entered Eastern Ghouta": no one took it
    if actor1 is None and place is None and inherited is None and not placeless:
        return None
    if lacks_instrument(sentence, trigger):
        return None
    timex = timex_for(sentence, trigger, timexes, dct)
    if is_stative(trigger) and (timex is None or not governs(trigger, timex)):
        return None
    if _general(trigger) and place is None and inherited is None and timex is None:
        return None  # "Daesh is fighting against all sides": no happening, nowhere, never
    if _graded_again(trigger):
        return None  # "killed eleven fighters near Afrin, the deadliest attack in the area this year"
    if trigger.head.pos_ != "VERB" and verb is None and not near and not noun_is_anchored(trigger, timexes, place):
        return None
    source = DATE_FROM_CLAUSE
    background = is_background_mention(sentence, timexes, timex, timex is not None, dct, trigger) or war_toll(trigger) \
        or kept_or_broken(trigger) or tallied_campaign(trigger.head)
    if not background and (event_type in VIOLENT_TYPES or trigger.entry.control) and inherited is None \
            and _sweeping(trigger, place, timex):
        return None  # "the coalition has carried out air strikes in Syria": a summary, no happening
    window = past_window(timex, dct) if timex is not None and dct else None  # "over the past 48 hours"
    if window is None and (timex is None or span(timex.value, dct, timex.mod) is None):
        # "the rebels have overrun Hama": a perfect tells of some time before publication, not of
        # the paragraph's last date
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in trigger.head.children)
        timex, source = (None, DATE_FROM_PUBLICATION) if perfect else (paragraph_date, DATE_FROM_PARAGRAPH)
    date_span = window or (span(timex.value, dct, timex.mod) if timex is not None else None)
    if window is None and date_span is not None and source == DATE_FROM_CLAUSE and trigger.head.lemma_.lower() in DEATH_WORDS:
        date_span = since_span(date_span, timex, sentence, dct)  # "had died since Tuesday": until publication
    if date_span is None:
        if not dct:
            return None
        timex, source = None, DATE_FROM_PUBLICATION
        date_span = overnight_span(dct) if told_overnight(trigger) else undated_span(dct)
    if (timex is None or not governs(trigger, timex)) and (offset := sequence_offset(trigger)):
        date_span = shifted(date_span, offset)  # "a day after air strikes killed 20": the day before
    if dct and date_span[1] > dct[:10] >= date_span[0] and told_as_past(trigger, timex):
        date_span = (date_span[0], dct[:10], date_span[2])  # "killed 20 earlier this month": by publication
    background = background or (source == DATE_FROM_PARAGRAPH and long_before(date_span, dct))
    actor1 = as_coalition(actor1, sentence, sub_event_type, date_span[0], DocIndex.of(doc).folder)
    entry = trigger.entry
    control = entry.control if actor1 is not None and DocIndex.of(doc).controller_of(actor1.side) else ""
    if entry.control == ControlEffect.HELD and unhyphenated_holding(trigger.head):
        return None  # "on the government held western Aleppo": a description of the place (relation.py), no clause
    if entry.control == ControlEffect.HELD and not control:
        return None  # "they now control Aleppo": a state, and without a side it says nothing
    if entry.control and not control and entry.control != ControlEffect.GAIN:
        event_type, sub_event_type = "Strategic developments", "Other"
    if entry.control == ControlEffect.GAIN and actor1 is not None and DocIndex.of(doc).controller_of(actor1.side) == "government":
        event_type, sub_event_type = "Battles", "Government regains territory"
    head = trigger.head
    toll = toll_of(sentence, trigger)
    mention = Mention(
        mention_id=f"{article.id}:{sentence.start_char}:{head.idx}",
        article_id=article.id, source=article.source or article.id, published=article.published,
        sentence_start=sentence.start_char, sentence_end=sentence.end_char,
        sentence=span_text(sentence).strip(),
        trigger=doc[trigger.tokens[0].i:trigger.tokens[-1].i + 1].text,
        trigger_start=head.idx, trigger_end=trigger.tokens[-1].idx + len(trigger.tokens[-1]),
        event_type=event_type, sub_event_type=sub_event_type,
        control=control, many_parties=entry.many_parties, kind=kind,
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
        attribution=attribution_of(sentence, trigger), polarity=polarity_of(sentence, trigger),
        fatalities=toll[0], fatalities_text=toll[1], background=background,
        actor1_type=actor1.acled_type if actor1 else 0, actor2_type=actor2.acled_type if actor2 else 0,
        interaction=interaction_code(actor1.acled_type if actor1 else 0, actor2.acled_type if actor2 else 0),
        associated1="; ".join(parties.associated),
        place_relation=f"around:{ground.lemma_.lower()}" if ground is not None
        else relation_of(sentence, place.name, trigger) if place else "",
    )
    if inherited is not None:
        mention = placed_as(mention, inherited)
        if inherits is not None and inherited.sentence_start != mention.sentence_start:
            inherits.add(mention.mention_id)
    if place is not None and inherited is None and place_abroad(place.place):
        doc.user_data.setdefault(ABROAD, set()).add(place.name)
    return mention


def _unnamed_in(sentence: Span, actor: lexicon.Actor) -> bool:
    """Is the actor named in the sentence only by a bare noun of armed men or arms ("troops", "the
    army", "jets"), no nationality nor name with it, or not named in it at all (a doer by default)?"""
    named = [e for e in ents_in(sentence) if actor_for(e) == actor]
    return all(len([t for t in e if t.lower_ != "the"]) == 1 and e[-1].pos_ == "NOUN" for e in named)


FORCE_NOUNS = MEN | WORDS["force_arms"]


def _bare_force_subject(trigger: TriggerMatch) -> bool:
    """Is the trigger's subject a bare noun of armed men or of a force's arms ("troops", "jets",
    "warplanes"; not "a car bomb", whose doer is no army's by default)?"""
    subject = next((c for c in trigger.head.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lemma_.lower() in FORCE_NOUNS and not any(
        c.dep_ in ("amod", "compound", "poss") for c in subject.children)


def _fired_on_crowd(sentence: Span, trigger: TriggerMatch) -> lexicon.Actor | None:
    """The protesters an act of violence is aimed at by "on"/"at" ("fired live rounds at demonstrators"),
    or that of the verb a participle trigger goes on from ("opened fire on protesters, killing 15"), or
    None."""
    words = [*trigger.tokens, *((trigger.head.head,) if trigger.head.dep_ == "advcl" else ())]
    aimed = {o.i for t in words for p in t.children if p.dep_ == "prep" and p.lower_ in ("on", "at")
             for o in p.children if o.dep_ == "pobj"}
    return next((a for e in ents_in(sentence) if e.root.i in aimed
                 and (a := actor_for(e)) is not None and a.acled_type == PROTESTERS_TYPE), None)


def civilians_actor(folder: str) -> lexicon.Actor | None:
    """The lexicon's generic actor of the civilians (ACLED type 7)."""
    return next((a for a in lexicon.actors(folder).values() if a.acled_type == CIVILIANS and a.generic), None)


HOME_ONLY_TYPES = (*VIOLENT_TYPES, "Protests")  # ACLED's data of a country: what happens in it only
ABROAD = "cte_abroad"  # doc.user_data: the names of the places abroad its mentions were placed at


def place_abroad(where: lexicon.Place | None) -> bool:
    """A town or city of another country than the one the articles are about (not a country: an act
    placed only in a neighbouring country is most often one at its border with this one, "a blast at a
    border crossing with Turkey", "took the border with Iraq")."""
    return where is not None and where.kind != "country" and bool(where.country) and where.country != COUNTRY_NAME


def abroad(mentions: list[Mention], places_abroad: set[str]) -> list[Mention]:
    """The mentions, an act of violence or a protest told at a place in another country made
    background ("In Iraq government forces repelled an ISIS attack on Haditha. At least 20 militants
    were killed in the failed attack", "In Lebanon some 200 Kurds staged a demonstration in Beirut"):
    the war next door or the echo of this one, which ACLED's data of the country the articles are
    about leaves out, off the timeline. Talks, visits and deals abroad ("Kerry will meet Lavrov in
    Geneva") are the war's own news and stay. Done once the article is read, so that the sentences
    after such an act still tell of it (its toll, its place) rather than of an act told before it."""
    if not places_abroad:
        return mentions
    return [replace(m, background=True) if m.event_type in HOME_ONLY_TYPES and m.place in places_abroad
            and not m.background else m for m in mentions]
