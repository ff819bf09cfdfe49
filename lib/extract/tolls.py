"""Tolls across reports: one toll per event, as ACLED counts it. Of conflicting reports the lowest,
but a strict lower bound ("more than 200") does not conflict with a figure above it ("at least 213"):
it is the same count rounded; nor do the dead counted one by one ("its director Amjad al-Danaf was
killed") conflict with a total ("31 people were killed"), nor does an addition ("three more died").
A toll told for several places at once ("fired shells on al-Furqan and al-Midan, killing two") is
their sum or covers them all: where one of those places has a toll told for it alone, that toll is
the place's.

>>> strict_bound("more than 200"), strict_bound("its director Amjad al-Danaf"), strict_bound("at least 213 people")
(True, True, False)
>>> strict_bound("at least one teacher as well as the children"), strict_bound("two men as well as a child")
(True, False)
>>> adds("three more people"), adds("another five"), adds("A woman and her three children as well as another child")
(True, True, False)
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from functools import lru_cache
from typing import Mapping, Sequence

from lib.extract.gazetteer import name_key
from lib.extract.lexicon import Place
from lib.model import Event, Mention, split_relation

STRICT_BOUND = re.compile(r"^(?:more than|over|upwards of|in excess of) ", re.IGNORECASE)
NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|"
                    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen)\b", re.IGNORECASE)

# closing the toll: a count with victims beside it left uncounted ("at least one teacher as well as the
# children", "20 fighters along with their families"): a part of the dead, not their number
UNCOUNTED_TAIL = re.compile(r"\b(?:as well as|along with|together with)\s+(?:(?:the|their|his|her|its|other|many|"
                            r"several|dozens of|scores of)\s+)?(?:[a-z-]+s|children|people|men|women)$", re.IGNORECASE)


# opening the toll: "another five", "a further nine", "three more people", "two others" (not "a woman
# and her three children as well as another child", "three civilians injuring eight others")
ADDED = re.compile(r"^(?:(?:another|an? (?:further|additional))\b|\S+ (?:more(?! than)|others?|further|additional)\b)",
                   re.IGNORECASE)


def adds(text: str) -> bool:
    """Is the toll as written an addition to one told before ("three more people had died", "another
    five", "a further nine"; not "more than 30")?"""
    return bool(ADDED.search(text))


def partial(text: str) -> bool:
    """Does the toll as written count only some of the dead, others told beside them uncounted ("at
    least one teacher as well as the children"; not "two men as well as a child")?"""
    return bool(UNCOUNTED_TAIL.search(text))


def strict_bound(text: str) -> bool:
    """Is the toll as written a lower bound that a figure above it agrees with: "more than 200", "over
    30 people", the dead counted one by one, named or not ("its director Amjad al-Danaf", "a
    woman"), who may be among a total told elsewhere, or a count beside victims left uncounted ("at
    least one teacher as well as the children")?"""
    return bool(STRICT_BOUND.match(text)) or (bool(text) and not NUMBER.search(text)) or partial(text)


# a figure and one noun, with at most a bound before it and a word between: "Seven children", "at least
# three Syrian soldiers" (not "A woman and her three children as well as another child")
GROUP_COUNT = re.compile(r"^(?:(?:at least|more than|over|some|about|nearly) )?(?:\d+|[a-z]+(?:-[a-z]+)?) "
                         r"(?:[a-z]+ )?[a-z]+$", re.IGNORECASE)


@lru_cache(maxsize=1 << 14)
def counts_in_general(text: str) -> bool:
    """Does the toll as written count the dead in general ("12 people", "at least 20 civilians":
    words.tsv general_victims)?"""
    # here, not at the top: the mention package imports this module
    from lib.extract.mentions.fatalities import IRREGULAR_PLURALS
    from lib.extract.mentions.words import WORDS
    general = WORDS["general_victims"]
    return any(w in general or (IRREGULAR_PLURALS.get(w) or (w[:-1] if w.endswith("s") else w)) in general
               for w in re.findall(r"[a-z]+", text.lower())[:6])


@lru_cache(maxsize=1 << 14)
def counts_a_group(text: str) -> bool:
    """Does the toll as written count one group of the dead, a figure and a noun that is not of the dead
    in general ("Seven children", "three volunteers"; not "12 people", nor a bare "15", nor a list)?

    >>> counts_a_group("Seven children"), counts_a_group("12 people"), counts_a_group("15")
    (True, False, False)
    >>> counts_a_group("A woman and her three children as well as another child")
    False
    >>> counts_a_group("98 evacuees from the northern towns of Fuaa and Kafraya"), counts_a_group("12 people in Idlib")
    (True, False)
    """
    head = counted_phrase(text)
    return bool(GROUP_COUNT.match(head)) and bool(NUMBER.search(head)) and not counts_in_general(text)


# the words that open what follows a victims' count and its noun: where they were, who they were, what
# they were part of ("98 evacuees from the northern towns of Fuaa and Kafraya", "20 fighters who guarded
# the buses", "12 people in Idlib")
POST_MODIFIER = re.compile(r"\s*(?:[,;(]|\b(?:from|of|in|at|on|near|outside|inside|across|around|who|whom|which|"
                           r"that|when|while|after|during|including|among)\b)", re.IGNORECASE)


def counted_phrase(text: str) -> str:
    """The toll as written up to its noun, the phrase after it left out: "98 evacuees" of "98 evacuees
    from the northern towns of Fuaa and Kafraya", "20 fighters" of "20 fighters who guarded the buses".

    >>> counted_phrase("98 evacuees from the northern towns of Fuaa"), counted_phrase("Seven children")
    ('98 evacuees', 'Seven children')
    """
    cut = POST_MODIFIER.search(text, 1)
    return text[:cut.start()].strip() if cut else text


def event_toll(mentions: Sequence[Mention], place: str) -> int | None:
    """The toll of an event from its reports: of those told at the event's own place when any is (a
    province-wide total is not the village's toll), else of any; the lowest of the figures that
    conflict, a strict lower bound giving way to a figure above it: "more than 200" and "at least 213
    people" give 213, "more than 30" and "12 people" give 12. A toll added to one told ("the earlier
    toll of 15 ... three more people had died") is no other report of it: 15, not 3.
    """
    told = [m for m in mentions if m.fatalities is not None]
    here = [m for m in told if m.place == place] or told
    # "three more died": no other report; but an addition told at the event's own place beside a toll
    # of another place ("Sixteen civilians were killed across Idlib province ... Another man and a
    # woman were killed in Kafr Awid") is that place's own toll
    here = [m for m in here if not adds(m.fatalities_text)] or here
    # a report that names no place may be of this place's dead: a bound told here ("its director
    # Amjad al-Danaf", "more than 50") gives way to a figure above it there ("31 people")
    unplaced = [m for m in told if not m.place and not adds(m.fatalities_text) and m not in here]
    figures = [(m.fatalities, strict_bound(m.fatalities_text) and not adds(m.fatalities_text)) for m in here]
    wider = figures + [(m.fatalities, strict_bound(m.fatalities_text)) for m in unplaced]
    # a count of one group ("seven children") beside a larger count of the dead in general ("12 people")
    # is a part of it, not another report
    general = [m.fatalities for m in here if counts_in_general(m.fatalities_text)]
    groups = [m.fatalities for m in here if counts_a_group(m.fatalities_text)]
    # and a count of the dead in general below a count of one group ("two persons" beside "seven
    # students") cannot count the same dead: other dead, no lower report of the group's
    figures = [(n, bound or (counts_a_group(m.fatalities_text) and any(g > n for g in general))
                or (counts_in_general(m.fatalities_text) and any(g > n for g in groups))
                or told_within(m, told)) for (n, bound), m in zip(figures, here)]
    agreed = [n for n, bound in figures if not (bound and any(other > n for other, _ in wider))]
    if not agreed:  # every figure here is a part of a larger one told with no place
        agreed = [n for n, bound in wider if not (bound and any(other > n for other, _ in wider))]
    if not agreed:
        return None
    # "The death toll from a Syrian government raid ... has risen to 18" beside "On Wednesday the
    # Observatory reported that at least five IS militants had been killed in that attack": a toll told
    # risen (`told_as_update`) is the latest count, the figures below it earlier counts, no conflicting
    # report (not an addition, nor a count of one part: those are weighed as ever)
    risen = [m.fatalities for m in here + unplaced if told_as_update(m)]
    if risen:
        agreed = [n for n in agreed if n >= max(risen)] or agreed
    lowest = min(agreed)
    told_here = [m for m in here if m.fatalities == lowest]
    if told_here and all(partial(m.fatalities_text) for m in told_here):
        # a count known to be partial ("at least one teacher as well as the children") gives way to a
        # figure above it told for the province or the country that holds the place ("air strikes killed
        # at least 22 people in a village in Idlib province"); a count of its own does not ("a woman")
        admin1 = next((m.admin1 for m in here if m.admin1), "")
        above = [m.fatalities for m in told if m.fatalities > lowest and not adds(m.fatalities_text) and (
            m.place_kind == "country" or (m.place_kind == "province" and admin1 and m.admin1 == admin1))]
        return min(above, default=lowest)
    return lowest


def told_within(m: Mention, told: Sequence[Mention]) -> bool:
    """Is the toll as written a part of another report's larger toll, its words among that one's ("Seven
    rebels" of "eight soldiers and Seven rebels", "seven children" of "12 people including seven
    children"): a part, not a conflicting report (a bare figure, "seven", is no words of its own)?"""
    text = m.fatalities_text.lower()
    return bool(NUMBER.search(text)) and len(text.split()) > 1 and any(
        o.fatalities > m.fatalities and re.search(rf"\b{re.escape(text)}\b", o.fatalities_text.lower()) for o in told)


def told_as_another_act(m: Mention) -> bool:
    """Does the report's trigger open with a word of another act (words.tsv other_act_words), at most one
    word between ("Another strike targeted a settlement ... claiming the lives of seven people", "a
    second coalition strike"), its toll its own? Not "another five were killed" (the toll is added,
    `adds`), nor "the strikes hit Al Bukamal"."""
    if m.fatalities is None:
        return False
    from lib.extract.mentions.words import WORDS  # here: the mention package imports this module
    before = re.findall(r"[a-z]+", m.sentence[:max(m.trigger_start - m.sentence_start, 0)].lower())[-2:]
    return any(word in WORDS["other_act_words"] for word in before) and not adds(m.fatalities_text)


def other_dead_elsewhere(a: Mention, b: Mention) -> bool:
    """Do two reports of one article count other dead at two spots of one place: a toll told as an
    addition ("six others", "three more", `adds`) beside another toll, each at its own spot ("At least 15
    civilians were killed in raids in a northern district of Manbij while six others were killed in a
    village near the city": Manbij's north and its outskirts)? Two acts, as ACLED codes one event a spot.
    At one spot ("Ten were killed in Douma and five others died of their wounds there") the dead are
    added to one act's (`event_toll`)."""
    if a.fatalities is None or b.fatalities is None or a.fatalities == b.fatalities:
        return False
    if not (adds(a.fatalities_text) or adds(b.fatalities_text)):
        return False
    return bool(a.place) and a.place == b.place and split_relation(a.place_relation)[:2] != split_relation(b.place_relation)[:2]


def others_of_another_act(a: Mention, b: Mention) -> bool:
    """Do two acts of one sentence, neither a word of harm itself, carry two tolls, one told as an
    addition ("As well as the 10 civilians killed in strikes on the bus, 21 others died in intense
    strikes on several neighbourhoods": `adds`)? The others are the second act's dead: two acts, as
    ACLED codes each strike with its own toll. Not "Ten were killed in Douma and five others died of
    their wounds there" (words of harm: more dead of one act, `event_toll`)."""
    if a.fatalities is None or b.fatalities is None or a.fatalities == b.fatalities:
        return False
    if a.article_id != b.article_id or a.sentence_start != b.sentence_start or a.sentence != b.sentence \
            or a.trigger_start == b.trigger_start:
        return False
    if not (adds(a.fatalities_text) or adds(b.fatalities_text)):
        return False
    return not (harm_word(a.trigger) or harm_word(b.trigger))


def harm_word(trigger: str) -> bool:
    """Is the trigger as written a word of harm or death ("died", "were killed", "executed")?"""
    from lib.extract.mentions.words import WORDS  # here: the mention package imports this module
    return _trigger_word_of(trigger, WORDS["harm_words"] | _death_lemmas(), ("dying", "slain", "dead"))


def _death_lemmas() -> frozenset[str]:
    """The lemmas of words of death (words.tsv death_words, death_verbs, killing_verbs, dying_verbs)."""
    from lib.extract.mentions.words import WORDS  # here: the mention package imports this module
    return frozenset(WORDS["death_words"] | WORDS["death_verbs"] | WORDS["killing_verbs"] | WORDS["dying_verbs"])


def _trigger_word_of(trigger: str, lemmas, also: Sequence[str]) -> bool:
    """Is the first word of the trigger as written one of `lemmas` or an inflection of one ("killed",
    "executes"), or one of the words `also`?"""
    word = trigger.lower().split()[0] if trigger.strip() else ""
    return any(word == lemma or (word.startswith(lemma.rstrip("e")) and word[len(lemma.rstrip("e")):] in
                                 ("e", "es", "ed", "ing", "s", "d")) for lemma in lemmas) or word in also


def other_victims(a: Mention, b: Mention) -> bool:
    """Do two reports of one article, in two sentences, count dead that cannot be the same: a count of
    the dead in general below a count of one group ("Rebels fired rockets at al-Furqan, killing two
    persons", "A mortar shell fell on a school in al-Furqan, killing seven students": the two persons
    are not among the seven students)? Two acts, each with its own dead (`event_toll` reads the pair
    so too); not a lower report of one toll ("12 people" beside "seven children": a part of it)."""
    if a.fatalities is None or b.fatalities is None or a.fatalities == b.fatalities or a.sentence_start == b.sentence_start:
        return False
    low, high = (a, b) if a.fatalities < b.fatalities else (b, a)
    return counts_in_general(low.fatalities_text) and counts_a_group(high.fatalities_text) \
        and not adds(low.fatalities_text) and not adds(high.fatalities_text)


def parts_of_a_sum(mentions: Sequence[Mention]) -> frozenset[str]:
    """The reports whose toll is one part of a sum the same article tells at the same place, day and type
    of event: "Ten civilians were killed ... as terrorist groups targeted Salah Eddin neighborhood",
    then "terrorist groups targeted Salah Eddin neighborhood with rocket shells claiming the lives of three"
    and "Earlier on Wednesday ... seven civilians were killed": the largest toll is the sum of the two or
    more others, so those count the dead of two acts, each an event of its own (`_Cluster.accepts`). Tolls
    no figure sums up (a toll rising from 3 to 7) stay reports of one act."""
    groups: dict[tuple[str, str, str, str], dict[int, list[str]]] = {}
    for m in mentions:
        if m.fatalities is not None and m.place:
            key = (m.article_id, m.place, m.event_type, m.date_start)
            if (tolls := groups.get(key)) is None:
                groups[key] = {m.fatalities: [m.mention_id]}
            elif (ids := tolls.get(m.fatalities)) is None:
                tolls[m.fatalities] = [m.mention_id]
            else:
                ids.append(m.mention_id)
    found: list[str] = []
    for tolls in groups.values():
        if len(tolls) < 3:
            continue
        largest = max(tolls)
        if sum(tolls) - largest == largest:
            found.extend(i for n, ids in tolls.items() if n != largest for i in ids)
    return frozenset(found)


def narrowest_tolls(mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions of an article, a toll told for several places at once dropped at a place where
    another report of the same day and type tells a different toll for fewer places ("13 civilians
    were killed in Sulaiman al-Halabi, al-Midan, al-Sulimaniah and al-Furqan" beside "9 persons were
    killed in al-Sulimaniah and al-Furqan": al-Furqan's toll is 9), or where the same toll is told
    again after for fewer places that leave it out (`_told_for_others`). A toll's places are those its
    reports are placed at and those its sentence names of the places tolls are told at: one report may stand
    for a list ("Seven people were killed ... on the neighborhoods of New Aleppo Bab al-Faraj
    al-Ismailiya al-Furqan Maisaloun and al-Jabiryieh" is told for more places than "4 people were
    killed ... on the neighborhoods of Maisaloun and al-Jabiryieh", each kept as two reports)."""
    places: dict[tuple[int, str, int], set[str]] = defaultdict(set)  # each toll as told -> its places
    by_place: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.fatalities is not None and m.place:
            places[_told(m)].add(m.place)
            by_place[m.place].append(m)
    keys = {p: name_key(p) for p in by_place}  # the places tolls are told at, as the gazetteer folds them
    named = {told: {p for p, key in keys.items() if key in _names_in(sentence)}
             for told, sentence in {_told(m): m.sentence for m in mentions if _told(m) in places}.items()}
    widths = {told: len(places[told] | named[told]) for told in places}
    out = []
    for m in mentions:
        if m.fatalities is not None and m.place and (any(
                o.fatalities != m.fatalities and o.date_start == m.date_start and o.event_type == m.event_type
                and widths[_told(o)] < widths[_told(m)] for o in by_place[m.place])
                or _told_for_others(m, places, mentions)):
            m = replace(m, fatalities=None, fatalities_text="")
        out.append(m)
    return out


def _told_for_others(m: Mention, places: dict[tuple[int, str, int], set[str]], mentions: Sequence[Mention]) -> bool:
    """"Air strikes hit Saraqeb and Binnish on Monday. In Saraqeb, five people were killed.": is the
    toll, told for several places at once, told again after for some of them only (the same figure, a
    later sentence, the same day and type), of which `m`'s place is not? Then it is theirs."""
    told = places[_told(m)]
    return len(told) > 1 and any(
        o.fatalities == m.fatalities and o.sentence_start > m.sentence_start and o.date_start == m.date_start
        and o.event_type == m.event_type and places[_told(o)] < told and m.place not in places[_told(o)]
        for o in mentions if o.fatalities is not None and o.place)


def _told(m: Mention) -> tuple[int, str, int]:
    return m.sentence_start, m.fatalities_text, m.fatalities


TOWN_KINDS = frozenset({"city", "town"})


def separate_towns(names: set[str], places: Mapping[str, Place], sentence: str = "") -> bool:
    """Are the places of one toll told at once two or more separate towns or cities ("mortar attacks
    on al-Sqeilbiyeh city and al-Jaberiyeh village killing one civilian"), none inside another nor
    districts of one city? ACLED codes a row a town, the toll shared by them on none (it is no town's
    own); neighbourhoods of one city hit in one barrage keep it ("fired shells on al-Furqan and
    al-Midan, killing two"; "at al-Zahraa and Nile Street neighborhoods": words.tsv city_part_nouns in
    the sentence), as does a town beside its province."""
    from lib.extract.events import _within, city_holding  # here: lib.extract.events imports this module
    from lib.extract.mentions.words import WORDS
    if any(word in WORDS["city_part_nouns"] or word[:-1] in WORDS["city_part_nouns"]  # "neighborhoods"
           for word in re.findall(r"[a-z]+", sentence.lower())):
        return False
    # a name the lexicon lacks beside a known town is a village the gazetteer does not know
    known = [p for name in names if (p := places.get(name)) is not None]
    if len(names) < 2 or not known or any(p.kind not in TOWN_KINDS for p in known):
        return False
    holders = [p.name if p.kind == "city" else city_holding(p.kind, p.admin1, p.latitude, p.longitude) for p in known]
    if any(holders) and (len(set(holders)) < len(holders) or len(known) < len(names)):
        return False  # districts of one city, or a name beside a city's district (another district?)
    return not any(_within(a.name, b.name, places) for a in known for b in known if a is not b)


def one_toll_one_event(events: Sequence[Event], mentions: Sequence[Mention],
                       places: Mapping[str, Place]) -> list[Event]:
    """One toll, one event: a toll as written in one sentence ("19 regime forces" of "19 regime forces
    were killed Monday when rebels blew up a tunnel in the Old City") counts on one event only when
    several acts of its sentence make events of their own: on the act that killed, not on another
    told in passing (a scene, a campaign, a clash told as context). The act that killed is, of the
    sentence's acts that carry the toll (`_acts_that_killed`): the one placed by the sentence itself
    rather than by those before; then the act of a clause telling how the harm came ("when rebels
    blew up a tunnel": words.tsv harm_clause_marks); then the death word itself ("were killed in
    air raids"). The other events keep the tolls of their other reports, or none. One act told for
    several places (one trigger) is left as it is, and so is the same act told by another article
    (another toll as written)."""
    by_id = {m.mention_id: m for m in mentions}
    members = [[by_id[i] for i in e.mention_ids.split("; ") if i in by_id] for e in events]
    written = _where_written(mentions)
    carriers: dict[tuple[str, str, str], set[int]] = defaultdict(set)  # a toll as written -> its events
    for index, told in enumerate(members):
        for m in told:
            if m.fatalities is not None:
                carriers[written[m.mention_id]].add(index)
    yields: dict[int, set[tuple[str, str, str]]] = defaultdict(set)  # an event -> the tolls it gives up
    for toll, owners in carriers.items():
        if len(owners) < 2:
            continue
        told = {k: [m for m in members[k] if m.fatalities is not None and written[m.mention_id] == toll] for k in owners}
        shared = set.intersection(*({m.trigger_start for m in reports} for reports in told.values()))
        sentence = next(m.sentence for reports in told.values() for m in reports)
        if shared and separate_towns({events[k].location for k in owners}, places, sentence):
            for k in owners:  # one act told for separate towns: the toll is none's own
                yields[k].add(toll)
            continue
        if len({m.trigger_start for reports in told.values() for m in reports}) < 2:
            continue  # one act told for several places
        keep = _fight_of_both_sides(told, events) or _acts_that_killed(told, places)
        acts = {m.trigger_start for k in keep for m in told[k]}
        for k in owners - keep:
            if not acts & {m.trigger_start for m in told[k]}:  # not the same act told for another place
                yields[k].add(toll)
    out = list(events)
    for k, tolls in yields.items():
        rest = [m for m in members[k] if m.fatalities is None or written[m.mention_id] not in tolls]
        toll = event_toll(rest, events[k].location) if any(m.fatalities is not None for m in rest) else None
        out[k] = replace(events[k], fatalities=toll)
    return out


FIRST_FIGURE = re.compile(r"\d[\d,]*")


def sums_groups(m: Mention) -> bool:
    """Is the toll the sum of groups of dead counted apart ("at least 45 Islamic State militants and 20
    Kurdish militia fighters", 65): more than the first figure its words give, an "and" after it?"""
    first = FIRST_FIGURE.search(m.fatalities_text)
    return m.fatalities is not None and first is not None and " and" in m.fatalities_text[first.end():] \
        and int(first.group().replace(",", "")) < m.fatalities


def _fight_of_both_sides(told: Mapping[int, Sequence[Mention]], events: Sequence[Event]) -> set[int]:
    """Of the events whose reports carry one toll as written that sums groups of dead counted apart
    (`sums_groups`: "It said at least 45 Islamic State militants and 20 Kurdish militia fighters had been
    killed", after "ISIS militants attacked Tel Abyad ... Coalition war planes carried out 10 air strikes
    to try to repel the assault"), the fights (Battles): the dead of both sides are the fight's, not
    those of a strike told beside it, which took them from the sentence that counts them (its other
    reports of them only words of death). None when no fight, or only fights, carry them, or another act
    carries them in the sentence that counts them ("12 civilians and 11 fighters were killed in air
    strikes on Raqqa, the scene of fierce fighting")."""
    if not any(sums_groups(m) for reports in told.values() for m in reports):
        return set()
    fights = {k for k in told if events[k].event_type == "Battles"}
    if not fights or fights == set(told):
        return set()
    others = [m for k in set(told) - fights for m in told[k]]
    took = any(_took_the_toll(m, {}) for m in others) and all(_took_the_toll(m, {}) or _death_word(m, {}) for m in others)
    return fights if took else set()


def _acts_that_killed(told: Mapping[int, Sequence[Mention]], places: Mapping[str, Place]) -> set[int]:
    """Of the events whose reports carry one toll as written (event -> those reports), the ones of the
    act that killed: the first test that tells some apart from the others decides; none, all."""
    for test in (_placed_by_sentence, _in_harm_clause, _took_the_toll, _death_word):
        chosen = {k for k, reports in told.items() if any(test(m, places) for m in reports)}
        if chosen and chosen != set(told):
            return chosen
    return set(told)


def _placed_by_sentence(m: Mention, places: Mapping[str, Place]) -> bool:
    """Does the report's own sentence name its place (by name or alias, in any spelling the gazetteer
    folds together: "Arika" is Ariqah), rather than one before it?"""
    place = places.get(m.place)
    names = (m.place, *(place.aliases if place else ()))
    return any(name and name_key(name) in _names_in(m.sentence) for name in names)


@lru_cache(maxsize=1 << 10)
def _names_in(sentence: str, longest: int = 4) -> frozenset[str]:
    """The gazetteer keys of every run of up to `longest` words of a sentence."""
    words = re.findall(r"[\w'’‘-]+", sentence)
    return frozenset(name_key(" ".join(words[i:i + n])) for i in range(len(words)) for n in range(1, longest + 1)
                     if i + n <= len(words))


# words between a harm clause's mark and its verb: the clause's subject ("when Russian and Syrian
# warplanes struck"); an act further in is not the clause's own ("as they tried to escape fighting")
HARM_CLAUSE_SUBJECT = 5


def _in_harm_clause(m: Mention, _places: Mapping[str, Place]) -> bool:
    """Is the report's trigger the verb of a clause, after the toll, that tells how the harm came ("19
    regime forces were killed Monday when rebels blew up a tunnel": words.tsv harm_clause_marks), its
    subject at most between (not "killed 38 civilians as they tried to cross the river to escape
    fighting": the victims' flight, not the act)?"""
    from lib.extract.mentions.words import WORDS  # here: the mention package imports this module
    at = m.sentence.find(m.fatalities_text) if m.fatalities_text else -1
    trigger = m.trigger_start - m.sentence_start
    if at < 0 or trigger < at + len(m.fatalities_text):
        return False
    between = re.findall(r"[a-z]+", m.sentence[at + len(m.fatalities_text):trigger].lower())
    marks = [i for i, word in enumerate(between) if word in WORDS["harm_clause_marks"]]
    return bool(marks) and len(between) - marks[-1] - 1 <= HARM_CLAUSE_SUBJECT


def _took_the_toll(m: Mention, _places: Mapping[str, Place]) -> bool:
    """Did the report take its toll from another sentence, one that tells the dead but not the act
    ("Daesh attacked government positions south of Tabaqa ... fierce clashes broke out", then
    "Eleven regime fighters and 17 Daesh fighters were killed in the attack"): the act the dead are
    told of, not the death word of the sentence that counts them?"""
    return bool(m.fatalities_text) and m.fatalities_text not in m.sentence


def _death_word(m: Mention, _places: Mapping[str, Place]) -> bool:
    """Is the report's trigger a word of death itself ("were killed", "executed": words.tsv death_words,
    death_verbs, killing_verbs, dying_verbs), the dead's own act?"""
    return _trigger_word_of(m.trigger, _death_lemmas(), ("dying", "slain"))


def _as_written(m: Mention) -> tuple[str, str, str]:
    """The toll as written, by its sentence's words: a sentence the page tells twice is one telling."""
    return m.article_id, m.sentence, m.fatalities_text


def _where_written(mentions: Sequence[Mention]) -> dict[str, tuple[str, str, str]]:
    """Each report's toll as written (`_as_written`), at the sentence that tells it: a toll an act took
    from another sentence ("The Saturday strike hit dormitories in the camp", the toll of "A Syrian air
    strike on an IS training camp killed 17 militants and a child" before it; "It said at least 45
    militants had been killed" after "war planes carried out 10 air strikes") is the toll of the nearest
    report whose own sentence tells the same words, one toll carried by two acts."""
    out = {}
    for m in mentions:
        if m.fatalities is None or not m.fatalities_text or m.fatalities_text in m.sentence:
            out[m.mention_id] = _as_written(m)
            continue
        tellers = [o for o in mentions if o.article_id == m.article_id and o.fatalities == m.fatalities
                   and o.fatalities_text == m.fatalities_text and o.fatalities_text in o.sentence]
        teller = min(tellers, key=lambda o: abs(o.sentence_start - m.sentence_start), default=m)
        out[m.mention_id] = _as_written(teller)
    return out


# "The death toll from a bomb blast on a crowded convoy reached ...": the act's trigger within the
# phrase of a toll noun (words.tsv toll_nouns), a few words after its preposition
_TOLL_OF_ACT = r"\b(?:{nouns})\s+(?:from|of|in)\b(?:\s+\S+){{0,8}}\s*$"


@lru_cache(maxsize=4)
def _toll_of_act(nouns: frozenset[str]) -> re.Pattern:
    """_TOLL_OF_ACT with the toll nouns, compiled once per list (told_as_update asks it for every toll)."""
    return re.compile(_TOLL_OF_ACT.format(nouns="|".join(map(re.escape, sorted(nouns)))), re.IGNORECASE)


def told_as_update(m: Mention) -> bool:
    """Is the report a later count of its act's dead ("The death toll from a bomb blast on a crowded
    Syrian bus convoy outside Aleppo reached at least 112 people, the Observatory said on Sunday"):
    its trigger inside the phrase of a toll noun that a verb of update (words.tsv update_verbs) tells
    risen, before the toll it gives? Not an act told with its own dead ("Air strikes killed 12")."""
    if m.fatalities is None or not m.fatalities_text:
        return False
    from lib.extract.mentions.words import WORDS  # here: the mention package imports this module
    trigger = m.trigger_start - m.sentence_start
    toll = m.sentence.rfind(m.fatalities_text, trigger)  # the last: a title run into the sentence tells it first
    if trigger < 0 or toll < 0:
        return False
    if not _toll_of_act(WORDS["toll_nouns"]).search(m.sentence[:trigger]):
        return False
    return any(w in WORDS["update_verbs"] for w in re.findall(r"[a-z]+", m.sentence[m.trigger_end - m.sentence_start:toll].lower()))


def updates_dated_by_their_acts(mentions: Sequence[Mention]) -> list[Mention]:
    """A later count of an act's dead (`told_as_update`) dated when it was told (the publication, "the
    Observatory said on Sunday") is a report of the act it updates, told of in the same article: of
    the same type, at the same place (or the update names none), dated before it ("the site of
    Saturday's blast"); the nearest such act before it lends it its date. With no such act, or of
    an act told with its own toll on a later day ("Another strike on Monday killed 5"), nothing moves."""
    updates = [i for i, m in enumerate(mentions) if m.fatalities is not None and told_as_update(m)]
    if not updates:
        return list(mentions)
    out = list(mentions)
    told = set(updates)  # told_as_update once a report, not again for every update
    for i in updates:
        u = mentions[i]
        acts = [m for k, m in enumerate(mentions) if m.article_id == u.article_id and m.event_type == u.event_type
                and m.date_end < u.date_start and (not u.place or m.place == u.place) and k not in told]
        if acts:
            act = max(acts, key=lambda m: (m.date_end, m.date_start))
            out[i] = replace(u, date_start=act.date_start, date_end=act.date_end, time_precision=act.time_precision,
                             date_text=act.date_text, timex_value=act.timex_value)
    return out


GOVERNORATE_PRECISION = 3  # ACLED geo_precision of an event coded at a whole governorate


def sums_of_parts(events: Sequence[Event], mentions: Sequence[Mention]) -> list[Event]:
    """A toll told for a whole governorate ("At least 12 civilians were killed in coalition airstrikes in
    the province of Deir ez-Zor": an event coded at the governorate) that is the sum of the tolls of
    two acts or more the same article tells at places inside it, of the same type and days ("the
    strikes hit Al Bukamal killing five civilians", "Another strike targeted a settlement ... claiming
    the lives of seven people") counts those acts' dead: no event of its own. A governorate's toll no
    parts add up to stays an event."""
    tolled = [k for k, e in enumerate(events) if e.fatalities is not None]
    if len(tolled) < 3:
        return list(events)
    by_id = {m.mention_id: m for m in mentions}
    parts: dict[tuple[str, str, str], list[Event]] = defaultdict(list)  # (article, admin1, type) -> acts
    wide: dict[int, tuple[str, str, str]] = {}
    for k in tolled:
        e = events[k]
        articles = {by_id[i].article_id for i in e.mention_ids.split("; ") if i in by_id}
        if len(articles) != 1:
            continue
        key = (next(iter(articles)), e.admin1, e.event_type)
        if e.geo_precision >= GOVERNORATE_PRECISION:
            wide[k] = key
        else:
            parts[key].append(e)
    dropped = set()
    for k, key in wide.items():
        e = events[k]
        within = [f.fatalities for f in parts.get(key, ()) if f.date_start <= e.date_end and e.date_start <= f.date_end]
        if len(within) > 1 and sum(within) == e.fatalities:
            dropped.add(k)
    return [e for k, e in enumerate(_totals_taken_for_a_part(events, by_id)) if k not in dropped]


def _totals_taken_for_a_part(events: Sequence[Event], by_id: Mapping[str, Mention]) -> list[Event]:
    """An event that takes its toll only from reports told for a wider place that holds its own ("Some
    120 IS fighters and 60 mercenaries were killed in a series of Russian air strikes in Syria over the
    past 24 hours" beside the strikes on Mayadeen) keeps none when two or more other acts of the
    article, of its type and days, tell smaller tolls at their own places within that wider place that
    add up to no more than it ("some 40 IS fighters were killed around Albu Kamal", "more than 60
    foreign mercenaries were killed south of Deir Ezzor"): the total of several acts, not this one's.
    A wider toll with no such parts beside it stays (the lede of this very act), and so does one
    beside acts told in another governorate."""
    def reports(e: Event) -> list[Mention]:
        return [by_id[i] for i in e.mention_ids.split("; ") if i in by_id]

    def carriers(e: Event) -> list[Mention]:
        return [m for m in reports(e) if m.fatalities == e.fatalities]

    def article(e: Event) -> str:
        articles = {m.article_id for m in reports(e)}
        return next(iter(articles)) if len(articles) == 1 else ""

    def own(e: Event) -> bool:
        return any(m.place == e.location for m in carriers(e))

    out = list(events)
    for k, e in enumerate(events):
        if e.fatalities is None or e.geo_precision >= GOVERNORATE_PRECISION or own(e) or not article(e):
            continue
        wider = [m for m in carriers(e) if m.place_kind in ("country", "province", "city")]
        if not wider:
            continue
        parts = [f.fatalities for j, f in enumerate(events) if j != k and f.fatalities is not None
                 and f.fatalities < e.fatalities and f.event_type == e.event_type and article(f) == article(e)
                 and f.location != e.location and f.date_start <= e.date_end and e.date_start <= f.date_end
                 and own(f) and any(m.place_kind == "country" or m.admin1 == f.admin1 for m in wider)]
        if len(parts) > 1 and sum(parts) <= e.fatalities:
            out[k] = replace(e, fatalities=None)
    return out


def wider_reports_of_one_act(events: Sequence[Event], mentions: Sequence[Mention]) -> list[Event]:
    """A toll told for a whole governorate ("At least 18 militants have been killed in a car bomb
    explosion in Syria's southern province of Quneitra") beside the one act of the same article, of its
    type and days, told at a place inside that governorate with a toll of its own ("the blast killed 20
    militants" in Asheh) is another report of that act: of conflicting reports the lowest, so the place's
    toll gives way to a lower one told for its governorate (not to a strict lower bound, "more than 15",
    nor to an addition, "another five"). With two acts or more inside it the governorate's toll may be
    any one's or their sum: nothing changes; nor does a higher toll of the governorate, which may count
    more dead than the act's (`sums_of_parts`)."""
    by_id = {m.mention_id: m for m in mentions}

    def reports(e: Event) -> list[Mention]:
        return [by_id[i] for i in e.mention_ids.split("; ") if i in by_id]

    def article(e: Event) -> str:
        articles = {m.article_id for m in reports(e)}
        return next(iter(articles)) if len(articles) == 1 else ""

    out = list(events)
    for wide in events:
        if wide.fatalities is None or not wide.admin1 or not article(wide):
            continue
        told = [m for m in reports(wide) if m.fatalities == wide.fatalities]
        if not (wide.location == wide.admin1 or all(m.place_kind == "province" for m in told)):
            continue  # not told for the governorate itself
        if not told or any(strict_bound(m.fatalities_text) or adds(m.fatalities_text) for m in told):
            continue  # no figure to weigh
        inside = [k for k, e in enumerate(events) if e is not wide and e.fatalities is not None
                  and e.location != wide.location and e.admin1 == wide.admin1
                  and e.sub_event_type == wide.sub_event_type and article(e) == article(wide)
                  and e.date_start <= wide.date_end and wide.date_start <= e.date_end]
        if len(inside) == 1 and events[inside[0]].fatalities > wide.fatalities:
            out[inside[0]] = replace(events[inside[0]], fatalities=wide.fatalities)
    return out
