"""Who controls each city, day by day, and on whose word: a small model over the claims.

Each territorial mention of a city is a claim. A gain ("rebels captured Hama", "Palmyra fell to
Islamic State", "the army recaptured Palmyra") says its actor's controller holds the city from
that date; a loss ("the army withdrew from Hama", "government forces lost control of Daraa") that
the loser held it until then (back to the previous claim, or open when there is none), and
nothing of who holds it after unless the sentence says; a taking back from a side ("recaptured
Palmyra from IS") that the side held it until then; a hold
("troops were reinforcing their positions in the city"), a denied loss, or a holding the text takes
for granted ("the IS-held town of Tabqa", Mention.place_relation "...;held:<side>") that a side
holds it on that day; a change of hands told as a state ("the city of Sweida was no longer under
government control": a state mention of kind "stated:loss", lib/extract/mentions/captures.py) is that
change, and a loss told with no loser but with the side it went to ("Hama was lost to the rebels") is
that side's gain. Entering a city ("rebels entered Homs") is not holding it: evidence only; nor
is a past holding a recap marker opens ("When it controlled Palmyra, Daesh ...": a former state).

What a claim is about comes from its place relation (lib/extract/mentions/relation.py): claims about
the city itself count; claims about a part of it ("the eastern districts", "rebel-held east
Aleppo") make it divided (its parts named); claims about places around it (outskirts, countryside,
villages north of it, "near", "the province of Idlib") are kept as evidence only, never a change of
hands; so is a place named as an end of a road ("a supply route linking Palmyra and Deir ez-Zor"),
while a town named as another place's suburb ("the Damascus suburb of Daraya") is the town itself.
Background mentions (Mention.background) are left out, unless their own clause dates them by a
year ("captured Tel Abyad last year"): then a year-precise claim, yielding to finer ones.

Time: a claim is dated by its own clause. One dated only by its paragraph, or by the publication
("has taken"), is bounded: it happened by then, at a lower precision. A holding told with "since"
(held "since 2016") is a state at the publication date, begun by the end of the span "since" names: its
start moves back there over a time without report (`_held_since`), never over a state told before. A month- or year-precise claim ("in 2014")
sets control only when no finer claim of the city falls in its span. How long a state is carried
without news: one told only by descriptions ("rebel-held Idlib"), or a divided or contested one,
CTE_CONTROL_DESCRIBED_DAYS (a year) after its last claim, a front a week; any other REPORTED_DAYS
(five years), when the reports go on past that; and a loss with nothing before it says the loser
held the city back to REPORTED_DAYS before it at most, as does a holding told as going on ("still
holding"), which holds on after its day too; a description with nothing before it ("the rebel-held town
of Atareb", the first word of the town) held as long before it as it holds after it, back to the first
day any report speaks of at most. Then "no report". A district's state ends when
its whole city is taken from another side; when the district's holder held the city or a part of it, the
district fell with it and follows its city's holders until a claim of its own (`fell_with_city`), as does a
district whose state lapses for want of news while its whole city is held by the same side.

The model, per city, sweeps the claims in date order (linear after one sort: no pairwise
comparison): claims whose dates can mean the same days are one moment, weighed together. One side
gaining, or holding, with none against it: that side controls the city. A gain against a hold, or
two sides gaining on the same days: contested, the disagreeing claims named with since-when. A
later moment whose claims agree settles a contest. Analyst corrections (`Correction`) set a city's
state as of a day, with who and when, and the model continues from them.

>>> from datetime import date, timedelta
>>> intervals = [ControlInterval("Hama", "government", "", "", "2024-12-05", 1, "reported", "", "",
...                              None, None, ""),
...              ControlInterval("Hama", "opposition", "", "2024-12-05", "", 1, "reported", "", "",
...                              None, None, "")]
>>> status_at(intervals, "Hama", date(2024, 12, 4)).controller, status_at(intervals, "Hama", "2024-12-07").controller
('government', 'opposition')
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import islice
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Callable, Iterable, Sequence

from lib.extract import collector_paused, lexicon
from lib.extract.gazetteer import city_of_district, districts_named, name_key
from lib.extract.mentions.held import CLAIM_PREFIXES, DIVIDED
from lib.extract.mentions.relation import STATE_HOLDING_LEMMAS, relation_words
from lib.extract.mentions.words import WORDS
from lib.model import (CLAIM_DISPUTED, CLAIM_REPORTED, DATE_FROM_CLAUSE, DATE_FROM_PARAGRAPH, DATE_FROM_PUBLICATION,
                       PRECISION_MONTH, PRECISION_WEEK, PRECISION_YEAR, ControlEffect, ControlInterval, Mention, Polarity,
                       TERRITORIAL_EFFECTS, is_around, split_relation, status_at)  # status_at: re-exported, the model's reading
from lib.settings import Settings
from lib.temporal.spans import day_of

# the places a side holds as one: cities, towns, and regions ("the rebel-held Eastern Ghouta area", an
# enclave of towns; dev control right 189 -> 192, wrong 20 -> 20); not provinces, whose towns are read apart
CITY_KINDS = ("city", "town", "region")
# Verbs of entering (words.tsv entry_words): the actor is in the city, which says nothing of who holds it.
ENTRY_WORDS = WORDS["entry_words"]
# "When it controlled Palmyra, ...": a past holding under these (words.tsv recap_markers) is a recap.
RECAP_MARKERS = WORDS["recap_markers"]
# "were still holding Homs", "Damascus remains in government hands": a holding going on from before
CONTINUITY_WORDS = WORDS["continuity_words"]
# "rebels evacuated the town under a deal": the evacuated side loses the city to the side deals hand
# cities to (words.tsv evacuation_words, deal_receivers: sides of sides.tsv)
EVACUATION_WORDS = WORDS["evacuation_words"]
DEAL_RECEIVERS = WORDS["deal_receivers"]
DEAL_EVACUEES = WORDS["deal_evacuees"]
# "the army wrested back Kasab last year": a taking back (words.tsv regain_words)
REGAIN_WORDS = WORDS["regain_words"]
# "an operation on liberating the city": a gerund after these (words.tsv purpose_preps) is a purpose
PURPOSE_PREPS = WORDS["purpose_preps"]
# "rebel-held Idlib" said of an HTS-held city: rebels are HTS too (words.tsv rebel_controllers)
REBEL_CONTROLLERS = WORDS["rebel_controllers"]
COALITION_PARTNERS = WORDS["coalition_partners"]
COALITION_UMBRELLA = WORDS["coalition_umbrella"]
# "breached the cessation of hostilities in Aleppo": no territory taken (words.tsv non_territorial_objects)
NON_TERRITORIAL_OBJECTS = WORDS["non_territorial_objects"]
BREAKING_VERBS = WORDS["breaking_verbs"]  # "had breached it": "it" may be an agreement told before (words.tsv)
# "rebels captured ten soldiers in Hama": a gain verb's object of men or materiel takes no ground
TAKEN_THINGS = WORDS["taken_things"]
REPOSITIONING_VERBS = WORDS["repositioning_verbs"]  # "redeployed its troops outside the city": left it
_PLACE_PREPOSITIONS = frozenset({"in", "from", "on", "at", "near", "to", "into", "inside", "outside", "around", "after", "by"})
# "IS-held Dabiq, which rebels have been pushing towards": a description of the goal of another side's
# advance (words.tsv advance_words, then a preposition of direction) tells a front, which moves: it
# holds FRONT_DAYS after its last report (a week), where other descriptions hold CTE_CONTROL_DESCRIBED_DAYS
ADVANCE_WORDS = WORDS["advance_words"]
NON_IMPLICATIVE = WORDS["non_implicative"]  # "tried to advance on": an attempt, no moving front
ADVANCE_PREPS = frozenset({"toward", "towards", "on", "into"})
FRONT_DAYS = 7
# "regime forces were attacking the opposition-controlled Qaboun neighbourhood": an attack in a place
# itself (an armed clash there, ACLED's sub-event) by a side other than the one last said to hold it
# puts that holding at stake: with no later word on who holds it, the state lapses FRONT_DAYS after the
# last report of such fighting, not years after the holding was told.
FIGHT = "Armed clash"
SIEGE_WORDS = WORDS["siege_words"]  # "rebels encircled the town": a siege, no attack in it (words.tsv)
# A state a change of hands or a holding told as news gave ("rebels captured Talbiseh" in 2012) is
# carried until the next claim, but not past REPORTED_DAYS (five years) without any report of the city:
# a report of 2017 says nothing of 2024. Descriptions lapse sooner (CTE_CONTROL_DESCRIBED_DAYS).
REPORTED_DAYS = 5 * 365
STATE_CONTROLLER, STATE_DIVIDED, STATE_CONTESTED, STATE_NO_REPORT = "controller", "divided", "contested", "no report"
NO_SIDE = ("contested", "divided", "unknown", "")
NO_REPORT_SINCE = "no report since "  # the detail of a state that lapsed for want of news
MAX_EVIDENCE = 12  # sentences kept per interval (the rest are counted in sources)


@dataclass(frozen=True)
class Correction:
    """An analyst's word: `city` is held by `controller` from `day` on (who said so, and when)."""
    city: str
    day: str
    controller: str
    who: str
    when: str


@dataclass(slots=True)
class Claim:
    controller: str      # who holds (gain, hold) or lost (loss) the city or part
    effect: str          # gain | loss | hold
    start: str
    end: str
    precision: int
    generic: bool        # made of a generic actor ("rebels") rather than a named group
    mention: Mention | None
    part: str = ""       # the part of the city the claim is about ("" = the whole city)
    gainer: str = ""     # for a loss: who the sentence says took it ("" = not said)
    correction: Correction | None = None
    described: bool = False  # told in passing by a "rebel-held" adjective, not by a happening
    front: bool = False      # a description of the goal of another side's advance (lapses after FRONT_DAYS)
    continuing: bool = False  # a holding told as going on from before ("still holding", `_continuing`)
    since: str = ""          # a holding told as going on since a date ("besieged since 2012", `_since_day`)

    @property
    def source(self) -> str:
        if self.correction is not None:
            return f"analyst {self.correction.who}"
        return self.mention.source if self.mention else ""


def _controller_lookup(directory=None) -> tuple[Callable[[str], str], Callable[[str], str]]:
    sides = lexicon.sides(directory)
    return ((lambda side: sides[side].controller if side in sides else ""),
            (lambda side: sides[side].ally_of if side in sides else ""))


def _dates(m: Mention, effect: str) -> tuple[str, str, int]:
    """The span a claim can mean: its own clause's date; else bounded by its paragraph's date or by
    the publication, at a lower precision."""
    start, end, precision = m.date_start, m.date_end, m.time_precision
    published = _day(m.published) or end
    if m.date_source == DATE_FROM_PARAGRAPH:
        end, precision = max(end, published), max(precision, PRECISION_WEEK)
    if effect == ControlEffect.HOLD and m.timex_start >= 0 and _since(m):
        start, end = published, published  # "has held it since 2016": the state as of writing
    return start, end or published, precision


def _since(m: Mention) -> bool:
    """"held since 2016", "since shortly after the crisis began in 2011": a state since then."""
    offset = m.timex_start - m.sentence_start
    return " since " in f" {m.sentence[max(0, offset - 60):max(0, offset)].lower()}"


def _since_day(m: Mention) -> str:
    """The day by which a holding told with "since" had begun: the end of the span "since" names
    ("Eastern Ghouta has been under government siege since 2012", told in 2017: held by the besieged side
    from 2012-12-31 at the latest); "" when the holding is not told with "since"."""
    return m.date_end if m.timex_start >= 0 and _since(m) and m.date_end < (_day(m.published) or m.date_end) else ""


def _unknown_place(m: Mention) -> bool:
    """A place the lexicon lacks, taken or held by name ("IS captured Qaryatayn"): a place of its
    own on the map's table (without coordinates), never rolled into a city it lies near."""
    return not m.place_known and bool(m.place) and m.place[:1].isupper() and (
        m.control in _TERRITORIAL or ";held:" in (getattr(m, "place_relation", "") or ""))


@lru_cache(maxsize=1 << 16)  # few words for many mentions
def _lemma_in(word: str, lemmas: frozenset[str]) -> bool:
    """Is `word` an inflection of one of the verb `lemmas` ("stormed", "entering", "enters")?"""
    word = word.lower()
    return word in lemmas or any(word.endswith(end) and word[:-len(end)] in lemmas
                                 for end in ("s", "ed", "ing", "d"))


def _clause_before(m: Mention) -> list[str]:
    """The (at most four) words before the trigger, in its clause: up to a comma, within 40 characters."""
    offset = m.trigger_start - m.sentence_start
    return m.sentence[max(0, offset - 40):max(0, offset)].lower().rsplit(",", 1)[-1].split()[-4:]


def _words_after(m: Mention, chars: int, words: int) -> list[str]:
    """The first `words` words after the trigger, within `chars` characters of it, lower case."""
    offset = m.trigger_end - m.sentence_start
    return m.sentence[offset:offset + chars].lower().split()[:words]


def _recap(m: Mention) -> bool:
    """"When it controlled the ancient city of Palmyra, Daesh carried out beheadings": a past-tense
    holding in a clause a recap marker opens tells a former state, not the state on its date."""
    word = m.trigger.lower().split()[0] if m.trigger else ""
    if not (word.endswith("ed") or word == "held"):
        return False
    return any(w in RECAP_MARKERS for w in _clause_before(m))


def _continuing(m: Mention) -> bool:
    """"Government forces were still holding Homs", "Damascus remains in government hands", "the army
    continues to hold the city": a holding told as going on from before (a continuity word among the
    four words before its trigger, in its clause) says its holder held the city before the day told
    too. "The army held Homs on Saturday" and "rebels, who had taken Homs, still hoped ..." (the word
    after the trigger) do not."""
    return any(w in CONTINUITY_WORDS for w in _clause_before(m)) or m.trigger.lower().split()[:1] == ["remains"]


def _dated_recap(m: Mention) -> bool:
    """"The YPG captured Tel Abyad from ISIS last year", "rebels seized it two years ago": history
    told in passing with a year of its own clause is kept, as a year-precise claim (it counts only
    where no finer claim of the city falls in its year); a recap dated finer, or by the paragraph or
    the publication, is left out; but a change of hands dated by its month ("the army retook Palmyra
    in March 2017") is kept, as a month-precise claim, and so is one dated by a day of the calendar
    ("Aleppo fell to the rebels on November 30", in a review of 14 December); not one dated by a weekday
    or a count of days, which a recap may have resolved from the wrong week."""
    if m.date_source != DATE_FROM_CLAUSE:
        return False
    hands_changed = m.control in (ControlEffect.GAIN, ControlEffect.LOSS) or _taken_by_someone(m)
    return m.time_precision >= PRECISION_YEAR or (hands_changed and (
        m.time_precision >= PRECISION_MONTH or m.rule in CALENDAR_DAY_RULES))


# timex rules (lib/temporal/resources/rules.txt) that name a day of the calendar, month and day
CALENDAR_DAY_RULES = frozenset({"iso_date", "iso_datetime", "numeric_date", "numeric_date_day_first", "numeric_datetime",
                                "month_day_year", "month_day_year_squashed", "day_month_year", "month_day", "day_month",
                                "month_day_time"})


@lru_cache(maxsize=8)
def _kinds_of(effect: str, directory=None) -> frozenset[str]:
    """The kinds of happening (triggers.tsv) every trigger of which has `effect`: a gain's ("capture",
    "takeover"), a loss's ("withdrawal")."""
    kinds: dict[str, set[str]] = {}
    for trigger in lexicon.triggers(directory).values():
        kinds.setdefault(trigger.kind, set()).add(trigger.control)
    return frozenset(k for k, effects in kinds.items() if effects == {effect})


def _gain_kinds(directory=None) -> frozenset[str]:
    return _kinds_of(str(ControlEffect.GAIN), directory)


def _lost_to(m: Mention) -> bool:
    """"Hama was lost to the rebels", "the town was handed over to the army": a loss told with no loser
    (its mention has no control effect, its kind is a loss's) but with the side it went to (actor2) is
    that side's gain. "Hama was lost" names no taker (counter-example)."""
    return not m.control and not m.side1 and bool(m.side2) and m.kind in _kinds_of(str(ControlEffect.LOSS))


def _taken_by_someone(m: Mention) -> bool:
    """"the coalition that took control of the regime-held stronghold of Idlib in March": a capture
    whose taker has no side the lexicon knows (its mention has no control effect, its kind is a gain's)
    still takes the place from whoever held it; entering is not taking ("troops entered the town"),
    nor is breaching a truce (counter-examples)."""
    return not m.control and m.kind in _gain_kinds() and bool(m.trigger) \
        and not _lemma_in(m.trigger.split()[0], ENTRY_WORDS) and not _non_territorial(m)


DEPARTURE_MARKS = frozenset({"after", "as", "once", "when"})
SAME_DOER_PRONOUNS = frozenset({"they", "it", "he", "she", "we"})
IRREGULAR_PASTS = {"withdrew": "withdraw", "withdrawn": "withdraw", "left": "leave", "fled": "flee", "lost": "lose"}


def _entered_as_left(m: Mention) -> bool:
    """"Opposition fighters entered Palmyra after government forces left the city", "forces of the new
    command entered Deir ez-Zor after the SDF withdrew", "... after the withdrawal of the Assad
    militias": an entering told with another side's departure, in a clause or phrase after it that
    "after", "as", "once" or "when" opens, is a taking. "Rebels entered Homs",
    "rebels entered Homs after a night of shelling" and "... after they had left Idlib" (the enterer's own
    departure) are not (counter-examples)."""
    after = re.findall(r"[\w'-]+", m.sentence[m.trigger_end - m.sentence_start:].lower())
    for at, word in enumerate(after):
        if word in DEPARTURE_MARKS:
            if after[at + 1:at + 2] and after[at + 1] in SAME_DOER_PRONOUNS:
                return False  # "after they had left Idlib": the enterer's own departure from elsewhere
            return any(_lemma_in(IRREGULAR_PASTS.get(w, w), lexicon.departure_words()) for w in after[at + 1:at + 9])
    return False


def _road_end(m: Mention) -> bool:
    """"repelled a counterattack on a supply route linking Palmyra and Deir ez-Zor": a place named as
    an end of a road or of a stretch (after a word of words.tsv link_words, through other names of
    places and "the towns of") is not where the happening is.
    "clashes between rebels and the army in Aleppo" names no road (counter-example)."""
    if not _ANY_LINK.search(m.sentence):  # no word of a link anywhere: most sentences
        return False
    names = _names_of(m.place)
    return any(_LINKED.search(m.sentence[:at]) for name in names
               for at in _starts(m.sentence, name))


def _in_agent_phrase(m: Mention) -> bool:
    """"attacked Tel Abyad which is controlled by the YPG militia and the nearby town of Suluk": a place
    named only after the "by" of a passive holding ("controlled by", "held by") is in the phrase of who
    holds, not what is held (the place before the verb). "Suluk is controlled by the YPG" names it
    before the verb, and "a shell fired by regime troops hit a school in Jisreen" is no holding verb's
    "by": a holding read from the fire (counter-examples)."""
    offset = m.trigger_end - m.sentence_start
    if not m.sentence[offset:offset + 4].lower().startswith(" by ") or not _holding_verb(m.trigger):
        return False
    names = _names_of(m.place)
    before, after = m.sentence[:m.trigger_start - m.sentence_start], m.sentence[offset:]
    return any(n in after for n in names) and not any(n in before for n in names)


def _holding_verb(word: str) -> bool:
    """Is `word` a form of a verb of holding ("held", "controlled", "run": relation.py
    STATE_HOLDING_LEMMAS)?"""
    word = word.split()[0].lower() if word else ""
    return word in _HOLDING_FORMS or any(word.endswith(end) and (word[:-len(end)] in STATE_HOLDING_LEMMAS
                                                                 or word[:-len(end) - 1] in STATE_HOLDING_LEMMAS)
                                         for end in ("s", "ed", "d", "ing", "led", "ling"))


_HOLDING_FORMS = frozenset({"held", "holding", "run", "ran", "running"})


def _starts(text: str, name: str) -> list[int]:
    at, found = text.find(name), []
    while at >= 0:
        found.append(at)
        at = text.find(name, at + 1)
    return found


@lru_cache(maxsize=4096)
def _names_of(place: str) -> tuple[str, ...]:
    entry = lexicon.places().get(place)
    return tuple({place, *(entry.aliases if entry else ())})


_ANY_LINK = re.compile(r"\b(?:" + "|".join(sorted(WORDS["link_words"])) + r")\s")
_LINKED = re.compile(r"\b(?:" + "|".join(sorted(WORDS["link_words"])) +
                     r")\s+(?:(?:the|city|cities|town|towns|of|and|[A-Z][\w'-]*),?\s+){0,6}$")


def _named_suburb(m: Mention) -> bool:
    """"the Damascus suburb of Daraya was evacuated by rebels": a town named as the suburb of another
    place (a capitalised name before a word of words.tsv suburb_nouns, then "of" and the town) is the
    place itself, not its outskirts. "the suburbs of Daraya" names its outskirts (counter-example)."""
    key = name_key(m.place)
    return any(name_key(name) == key or name_key(name.split()[0]) == key
               for name in _SUBURB_OF.findall(m.sentence))


_SUBURB_OF = re.compile(r"\b[A-Z][\w'-]+\s+(?:" + "|".join(sorted(WORDS["suburb_nouns"])) +
                        r")\s+of\s+((?:al-)?[A-Z][\w'-]*(?:\s[A-Z][\w'-]*)?)")


def _named_part(m: Mention) -> bool:
    return names_pocket(m.sentence, m.place)


def names_pocket(sentence: str, place: str) -> bool:
    """"rebel fire on the regime-controlled district of Hamdaniyeh", "attacking the opposition-controlled
    Qaboun neighborhood": a place written with a noun of a city's pocket (place_relations.tsv `pocket`:
    district, neighbourhood, quarter) right before it and "of", or right after it, is that district
    itself, and a claim is about it. The same noun names a pocket AROUND another place: "the Qaboun
    neighborhood of Damascus" says nothing of who holds Damascus, nor "a district of Aleppo" of Aleppo
    (counter-examples: the name the noun takes is not the mention's place, or is no district of a
    city in the gazetteer).

    >>> names_pocket("Rebel fire on the regime-controlled district of Hamdaniyeh killed 13.", "Hamdaniyeh")
    True
    >>> names_pocket("Troops attacked the opposition-held Qabun neighborhood on Friday.", "Qaboun")
    True
    >>> names_pocket("Troops recaptured the Qaboun neighborhood of Damascus on Sunday.", "Damascus")
    False
    >>> names_pocket("Rebels seized a district of Aleppo.", "Aleppo")
    False
    """
    key = name_key(place)
    return any(district == key for found in _named_pocket().findall(sentence)
               for words in [(found[0] or found[1]).split()] for k in range(len(words))
               for district, _ in districts_named(" ".join(words[k:])))


@lru_cache(maxsize=1)
def _named_pocket() -> re.Pattern:
    nouns = "|".join(sorted(relation_words().by_relation.get("pocket", frozenset()), key=len, reverse=True))
    name = r"((?:al-)?[A-Z][\w'-]*(?:\s[A-Z][\w'-]*)?)"
    return re.compile(rf"{name}\s+(?:{nouns})\b|\b(?:{nouns})\s+of\s+{name}")


def _moved_outside(m: Mention) -> bool:
    """"The army said it had redeployed its troops outside the city": a side that moves its forces
    (words.tsv repositioning_verbs) outside the place its report is about left it, as
    lib/extract/mentions/captures.py reads it where the place is named in the sentence ("outside
    Hama"); here the place is what "the city" stands for. "Troops redeployed to Homs" and "redeployed
    near Hama" hold or stay around it (counter-examples)."""
    if m.control != ControlEffect.HOLD or not m.trigger:
        return False
    return _lemma_in(m.trigger.split()[0], REPOSITIONING_VERBS) and "outside" in _words_after(m, 50, 5)


def _non_territorial(m: Mention) -> bool:
    """"terrorists breached the cessation of hostilities in Aleppo": a gain verb whose object, in the
    few words after it, is an agreement or a siege takes no territory; nor does one whose object, up
    to its first preposition but "of", is men or materiel ("captured ten soldiers in Hama", "seized
    dozens of weapons"; words.tsv taken_things): "captured Hama from government troops" takes the town."""
    words = [w.strip(".,;:'\"") for w in _words_after(m, 40, 4)]
    if any(w in NON_TERRITORIAL_OBJECTS for w in words):
        return True
    if words[:1] == ["it"] and _lemma_in(m.trigger.split()[0] if m.trigger else "", BREAKING_VERBS) \
            and _told_before_as_non_territorial(m):
        return True  # "Since the truce came into effect, terrorists had breached it 677 times in Aleppo"
    for word in words:
        if word in TAKEN_THINGS:
            return True
        if word in _PLACE_PREPOSITIONS or word in DEPARTURE_MARKS:
            return False  # the object ended: "entered Hama as government troops pulled out"
    return False


def _told_before_as_non_territorial(m: Mention) -> bool:
    """Does the pronoun object of a gain verb stand for an agreement or a siege: the last noun of its
    sentence before the trigger that is an object of words.tsv non_territorial_objects or a place, is
    the former? "Since the cessation of hostilities agreement came into effect, terrorists had breached
    it 677 times in Aleppo" takes nothing; "Rebels reached Morek and breached it" takes Morek."""
    before = m.sentence[:max(0, m.trigger_start - m.sentence_start)]
    last_object = max((found.start() for found in _non_territorial_noun().finditer(before)), default=-1)
    return last_object >= 0 and not (m.place and m.place in before[last_object:])


@lru_cache(maxsize=1)
def _non_territorial_noun() -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(sorted(NON_TERRITORIAL_OBJECTS)) + r")s?\b", re.IGNORECASE)


def _share(m: Mention, part_words: frozenset[str], directions: frozenset[str] = frozenset()) -> str:
    """The part a claim's object names in the words right after its verb, "" when none: a part noun
    before "of" or "in" ("DAESH holds around 60 percent of Deir e-Zzor", "repelled an offensive on a
    neighbourhood in the city of Aleppo"), or a thing of the city ("captured the city's Scientific
    Research Center"), or a quarter of the compass after "the" ("rebels seized the east of the city"):
    the claim is about that part even where the parse missed how the place hangs on it. "captured the
    city of Aleppo" names none (counter-example)."""
    offset = m.trigger_end - m.sentence_start
    return part_after(m.sentence[offset:offset + 90], part_words, directions)


def part_after(text: str, part_words: frozenset[str], directions: frozenset[str] = frozenset()) -> str:
    """The part named by the object `text` begins with (see _share); a quantity of parts is a part;
    so is "the east of" the city (`directions`: place_relations.tsv's compass words), where "villages
    east of" it are around it.

    >>> parts = frozenset({"districts", "percent", "neighbourhoods"})
    >>> part_after(" some districts.", parts), part_after(" several neighbourhoods of the city", parts)
    ('districts', 'neighbourhoods')
    >>> part_after(" the city of Hasakah.", parts), part_after(" some villages near Hasakah.", parts)
    ('', '')
    >>> compass = frozenset({"east", "west"})
    >>> part_after(" the east of the city", parts, compass), part_after(" villages east of the city", parts, compass)
    ('east', '')
    """
    words = [w.strip(".,;:'\"") for w in text.lower().split()[:10]]
    if len(words) > 2 and words[0] == "the" and words[1] in _OWNED:
        return "its " + words[2]
    if len(words) > 2 and words[0] == "the" and words[1] in directions and words[2] == "of":
        return words[1]  # "rebels seized the east of the city"
    if len(words) > 1 and words[0] in _QUANTIFIERS and words[1] in part_words:
        return words[1]  # "Syria's regime still holds some districts": a part, told by its quantity
    return next((w for w, after in zip(words, words[1:]) if after in ("of", "in") and w in part_words), "")


# "the city's research centre" (and "the citys", as some copies print it): a thing of the city
_OWNED = frozenset({"city's", "city\u2019s", "citys", "town's", "town\u2019s"})
# "still holds some districts", "seized several neighbourhoods": a quantity of parts is a part
_QUANTIFIERS = frozenset({"some", "several", "many", "most", "few", "two", "three", "four", "five"})


def _evacuation(m: Mention) -> bool:
    """"hundreds of rebels evacuated the town of Madaya", "2,200 evacuated from opposition-held Madaya"."""
    return bool(m.trigger) and _lemma_in(m.trigger.split()[0], EVACUATION_WORDS)


def _regain(m: Mention | None) -> bool:
    """"recaptured", "retook", "wrested back": a side takes back a place it had lost."""
    if m is None or not m.trigger:
        return False
    offset = m.trigger_end - m.sentence_start
    words = (m.trigger + " " + " ".join(m.sentence[offset:offset + 30].split()[:2])).lower().split()
    return any(_lemma_in(w, REGAIN_WORDS) for w in words)


def _infinitive(m: Mention) -> bool:
    """"an offensive to take the town", "an operation on liberating the city": a purpose, not a
    happening ("after capturing the city" is one)."""
    offset = m.trigger_start - m.sentence_start
    before = m.sentence[max(0, offset - 12):offset].lower().split()
    gerund = m.trigger.split()[0].lower().endswith("ing") if m.trigger else False
    return bool(before) and (before[-1] == "to" or (gerund and before[-1] in PURPOSE_PREPS))


_TERRITORIAL = frozenset(str(e) for e in TERRITORIAL_EFFECTS)
_UNSAID = frozenset({str(Polarity.HEDGED), str(Polarity.PLANNED)})
_EFFECTS = {str(e): e for e in ControlEffect}
_day = lru_cache(maxsize=65536)(day_of)


@lru_cache(maxsize=4096)
def _relation(value: str) -> tuple[str, str, str, bool]:
    relation, detail, held_by = split_relation(value)
    return relation, detail, held_by, is_around(relation)


def claims(mentions: Iterable[Mention], controller_of: Callable[[str], str],
           generic_actors: frozenset[str], ally_of: Callable[[str], str] | None = None,
           fights: dict[str, list[tuple[str, str, bool]]] | None = None,
           ) -> tuple[dict[str, list[Claim]], dict[str, list[Mention]]]:
    """The claims about each city, and the mentions about places around it (evidence only), by
    city name; `fights`, when given, gets the fighting reported in each city (`fight_of`).
    `controller_of`: the controller a side holds territory for ("" when none); `ally_of`: the
    controller a side takes territory for as an ally; `generic_actors`: names of generic actors
    ("rebels")."""
    ally_of = ally_of or (lambda side: "")
    found: dict[str, list[Claim]] = {}
    around: dict[str, list[Mention]] = {}
    holders: dict[str, tuple[str, bool]] = {}

    def holder(side: str) -> tuple[str, bool]:
        if side not in holders:
            own = controller_of(side)
            holders[side] = (own, False) if own else (ally_of(side), True)
        return holders[side]

    receivers = [c for c in (controller_of(side) for side in sorted(DEAL_RECEIVERS)) if c]
    part_words = relation_words().by_relation.get("part", frozenset())
    directions = relation_words().by_relation.get("direction", frozenset())
    for m in mentions:
        if m.kind.startswith(CLAIM_PREFIXES):  # a town coordinated with a happening's place: that happening's
            # claim; a change of hands told as a state ("no longer under government control"): that change
            m = replace(m, control=m.kind.split(":", 1)[1])
        elif _lost_to(m):  # "Hama was lost to the rebels": the rebels' gain
            m = replace(m, control=ControlEffect.GAIN, actor1=m.actor2, side1=m.side2, actor2="", side2="")
        if (getattr(m, "background", False) and not _dated_recap(m)) or not (m.place_kind in CITY_KINDS or _unknown_place(m)):
            continue
        if m.control == ControlEffect.HELD and m.kind == "holding" and _in_agent_phrase(m):
            continue
        relation, detail, held_by, around_it = _relation(getattr(m, "place_relation", ""))
        if around_it and _moved_outside(m):  # "it had redeployed its troops outside the city": it left the city
            m, relation, around_it = replace(m, control=ControlEffect.LOSS), "in", False
        named = around_it and (_named_suburb(m) or _named_part(m))
        if named:
            around_it = False  # "the Damascus suburb of Daraya", "the district of Hamdaniyeh": the place itself
        if around_it:
            if m.control in TERRITORIAL_EFFECTS or held_by:
                around.setdefault(m.place, []).append(m)
            continue
        if fights is not None and (relation == "in" or named) \
                and (fought := fight_of(m, holder)):
            fights.setdefault(m.place, []).append(fought)  # the city itself, not a part of it
        part = detail if relation == "part" else ""
        city = found.setdefault(m.place, [])
        evacuation = bool(receivers) and _evacuation(m)
        # hedged, planned or a purpose ("an offensive to take the town"): read only where a claim may follow
        unsaid = (evacuation or bool(held_by) or m.control in _TERRITORIAL) and (m.polarity in _UNSAID or _infinitive(m))
        if evacuation:
            # the evacuated side held the city until then ("opposition-held Madaya" is the state before)
            evacuees = [c for c in (holder(s)[0] for s in (held_by, m.side1, m.side2) if s)
                        if c and c not in receivers]
            if evacuees and not unsaid and m.polarity != Polarity.DENIED:
                start, end, precision = _dates(m, ControlEffect.LOSS)
                # the deals handed the besiegers' adversaries' towns to them; another side's evacuation
                # ("Kurdish forces evacuated Tal Rifaat") names no receiver
                city.append(Claim(evacuees[0], ControlEffect.LOSS, start, end, precision, True, m, part,
                                  receivers[0] if evacuees[0] in DEAL_EVACUEES else ""))
            continue
        if held_by == DIVIDED:
            # "the divided city of Deir Ezzor": divided, its parts unnamed (a description told in passing)
            if m.polarity not in _UNSAID and not getattr(m, "background", False):
                start, end, precision = _dates(m, ControlEffect.HOLD)
                city.append(Claim(DIVIDED, ControlEffect.HOLD, start, end, precision, True, m, described=True))
            continue
        side_controller = holder(held_by)[0] if held_by and m.polarity not in _UNSAID else ""
        # "took control of the regime-held city": it was held until then, and lost; so is the place its
        # holder leaves ("rebels left opposition-held Madaya": the state before the loss, not after it)
        taken = bool(side_controller) and not unsaid and (_taken_by_someone(m) or (
            m.control == ControlEffect.GAIN and holder(m.side1)[0] not in ("", side_controller)) or (
            m.control == ControlEffect.LOSS and holder(m.side1)[0] == side_controller))
        if side_controller and (taken or not getattr(m, "background", False)):
            # (a description in recalled history is left out, as lib/extract/mentions/held.py leaves it,
            # but not the loss a dated capture of it tells: the state before the capture)
            effect = ControlEffect.LOSS if taken else ControlEffect.HOLD
            start, end, precision = _dates(m, effect)
            city.append(Claim(side_controller, effect, start, end, precision, True, m, part,
                              described=True, front=_front(m),
                              continuing=effect == ControlEffect.HOLD and _continuing(m),
                              since=_since_day(m) if effect == ControlEffect.HOLD else ""))
        if m.control not in _TERRITORIAL or unsaid or (m.control == ControlEffect.HELD and _recap(m)):
            continue
        controller, ally = holder(m.side1)
        if not controller:
            continue
        effect = ControlEffect.HOLD if m.control == ControlEffect.HELD else _EFFECTS[m.control]
        if m.polarity == Polarity.DENIED:
            if effect != ControlEffect.LOSS:
                continue  # a denied gain is weighed as the gain's dispute through its event
            effect = ControlEffect.HOLD
        if (effect == ControlEffect.GAIN and _non_territorial(m)) or _road_end(m):
            continue
        if effect == ControlEffect.GAIN and _lemma_in(m.trigger.split()[0], ENTRY_WORDS) and not _entered_as_left(m):
            around.setdefault(m.place, []).append(m)  # in the city is not holding it
            continue
        gainer = ""
        if effect == ControlEffect.LOSS and m.side2:
            gainer = holder(m.side2)[0]
            gainer = "" if gainer == controller else gainer
        start, end, precision = _dates(m, effect)
        if m.control == ControlEffect.HELD and m.date_source == DATE_FROM_PUBLICATION:
            start = end  # "government forces were still holding Homs", "rebels now control Aleppo": as of writing
        generic, part = m.actor1 in generic_actors or ally, part or _share(m, part_words, directions)
        city.append(Claim(controller, effect, start, end, precision, generic, m, part, gainer,
                          continuing=effect == ControlEffect.HOLD and _continuing(m),
                          since=_since_day(m) if effect == ControlEffect.HOLD else ""))
        loser = holder(m.side2)[0] if effect == ControlEffect.GAIN and m.side2 and _regain(m) else ""
        if loser and loser != controller:
            # "the army recaptured Palmyra from IS": IS held it until then (the state before it). Not
            # yet the adversary (actor2) of any capture ("captured Hama after clashes with government
            # forces"): measured on fakes-dev it changes no dev probe but for "wrested control of Khanaser
            # from Daesh" last year, a year-precise loss whose state before ran five years back (12
            # wrong); and "established full control over Minian after eliminating the terrorists who had
            # infiltrated it" would have them hold it for years.
            city.append(Claim(loser, ControlEffect.LOSS, start, end, precision, generic, m, part, controller))
    return {c: v for c, v in found.items() if v}, around


def fight_of(m: Mention, holder: Callable[[str], tuple[str, bool]]) -> tuple[str, str, bool] | None:
    """The day of fighting a mention reports in its city, the controller of its doer, and whether it
    can be an attack on the place: an armed clash told as news ("regime forces were attacking the
    opposition-controlled Qaboun neighbourhood"), dated to the day or the week. Fighting, but no
    attack: one hedged ("Xelil said the YPG were able to crush this attack and encircle the
    attackers"), or a siege ("rebels besieged the government-held town": words.tsv siege_words;
    besieged is not lost). Not fighting: a strike or a shelling (no ground taken or lost), a clash
    recalled in background, planned or denied, or one whose doer no controller stands for."""
    if m.sub_event_type != FIGHT or not m.side1 or getattr(m, "background", False) \
            or m.polarity in (Polarity.PLANNED, Polarity.DENIED) or _infinitive(m):
        return None
    doer = holder(m.side1)[0]
    _, end, precision = _dates(m, ControlEffect.HOLD)
    siege = bool(m.trigger) and _lemma_in(m.trigger.split()[0], SIEGE_WORDS)
    return (end, doer, m.polarity != Polarity.HEDGED and not siege) if doer and precision < PRECISION_MONTH else None


def _fought_after(fights: Sequence[tuple[str, str, bool]], state: "_State", since: str, before: str) -> str:
    """The last day of an attack reported in a city on or after `since` (the last claim of `state`) and
    before `before` ("" = no end) by a side other than the state's controller; "" when none, when the
    holder is reported fighting there on that day or after, even as a claim ("the YPG were able to
    crush this attack": it is still there), or when the state is no single controller's (divided and
    contested states lapse as they do). The holder attacking from it ("Kurdish forces attacked IS in Ras al-Ain") puts
    nothing at stake."""
    if state.controller in NO_SIDE or not since:
        return ""
    fought = [(day, doer, attack) for day, doer, attack in fights if since <= day and (not before or day < before)]
    attacked = max((day for day, doer, attack in fought if doer != state.controller and attack), default="")
    if not attacked or any(day >= attacked for day, doer, _ in fought if doer == state.controller):
        return ""
    return attacked


def _overruled_after(overruled: Sequence[tuple[str, str]], state: "_State", since: str, before: str) -> str:
    """The first day after `since` (a district's last claim of `state`) and before `before` on which
    its city begins to be held whole by another side than the state's; "" when none."""
    if state.controller in NO_SIDE or not since:
        return ""
    return min((day for day, controller in overruled if since < day and (not before or day < before)
                and controller not in NO_SIDE and controller != state.controller), default="")


@dataclass
class _State:
    controller: str                   # a controller, or "contested", "divided", "unknown"
    status: str = CLAIM_REPORTED
    detail: str = ""
    parts: dict[str, str] = field(default_factory=dict)
    disagree: tuple[Claim, ...] = ()
    support: list[Claim] = field(default_factory=list)
    provenance: str = "extracted"

    @property
    def key(self) -> tuple:
        return (self.controller, self.status, tuple(sorted(self.parts.items())))


def _ordered(fine: Sequence[Claim]) -> list[Claim]:
    """Claims known only within a span ("had captured Homs", told on Sunday: by Sunday) read in the one
    order that agrees with a claim of a day inside it: a change of hands after a holding of that day
    by the side that loses it ("government forces were still holding Homs" on Saturday: the capture
    told by Sunday came on Sunday; "the army said it had withdrawn from Aleppo", told on Saturday, after
    "government-held Aleppo" on Thursday), so that two reports that agree are not read as a contest.
    Claims of the same day that disagree stay a contest, and so does a span no later day is left in.
    Likewise a holding known only within a span ("a week ago the army still held all of Aleppo") by
    the side a change of a day inside it takes the city from: the holding came before that change."""
    fine = _held_before_change(fine)
    holds = sorted((c.end, c.controller) for c in fine
                   if c.start == c.end and c.effect == ControlEffect.HOLD and not c.part)
    if not holds:
        return list(fine)
    days = [day for day, _ in holds]
    out = []
    for claim in fine:
        if claim.start < claim.end and claim.effect != ControlEffect.HOLD and not claim.part:
            # the last holding of a day inside the span by the side this change takes the city from
            at = bisect.bisect_left(days, claim.end) - 1
            while at >= 0 and days[at] >= claim.start:
                holder = holds[at][1]
                if (claim.effect == ControlEffect.GAIN and holder != claim.controller) or (
                        claim.effect == ControlEffect.LOSS and holder == claim.controller):
                    claim = replace(claim, start=_plus(days[at], 1))
                    break
                at -= 1
        out.append(claim)
    return out


def _held_before_change(fine: Sequence[Claim]) -> list[Claim]:
    """A holding known only within a span that ended before its report ("a week ago the army still
    held ...") ends the day before the first change of a day inside it that takes the city from the
    holder (another side's gain, or the holder's loss); a holding whose span reaches the day of its
    report is told as of writing and disputes such a change ("troops were reinforcing their positions
    in the city"); other claims as they are."""
    changes = sorted((c.end, c.controller, c.effect) for c in fine
                     if c.start == c.end and not c.part and c.effect in (ControlEffect.GAIN, ControlEffect.LOSS))
    if not changes:
        return list(fine)
    out = []
    for claim in fine:
        told_past = claim.mention is not None and claim.end < (_day(claim.mention.published) or claim.end)
        if claim.start < claim.end and claim.effect == ControlEffect.HOLD and not claim.part and told_past:
            first = next((day for day, controller, effect in changes if claim.start < day <= claim.end and (
                (effect == ControlEffect.GAIN and controller != claim.controller)
                or (effect == ControlEffect.LOSS and controller == claim.controller))), None)
            if first is not None:
                claim = replace(claim, end=_plus(first, -1))
        out.append(claim)
    return out


def _moments(fine: Sequence[Claim]) -> list[tuple[str, str, list[Claim]]]:
    """Claims grouped by the days they can mean: one sort, one sweep (a claim joins the moment
    whose common days it shares)."""
    moments: list[tuple[str, str, list[Claim]]] = []
    for claim in sorted(fine, key=lambda c: (c.end, c.start)):
        if moments and claim.start <= moments[-1][1]:
            first, last, members = moments[-1]
            members.append(claim)
            moments[-1] = (max(first, claim.start), last, members)
        else:
            moments.append((claim.start, claim.end, [claim]))
    return moments


def _say(claim: Claim) -> str:
    if claim.correction is not None:
        c = claim.correction
        return f"{c.controller} (analyst {c.who}, {c.when}, as of {c.day})"
    m = claim.mention
    actor = (m.actor1 if m and not claim.described else "") or claim.controller
    return f"{claim.controller} ({actor}, per {claim.source}, {claim.end})"


def _named_first(items: Sequence[Claim]) -> str:
    """The actor to name for a state: a named group's before a generic one's; never the actor of the
    happening a description was told in ("air strikes by government forces on the rebel-held town of
    Atareb": the rebels hold it, not the government)."""
    items = [c for c in items if not c.described]
    named = [c.mention.actor1 for c in items if c.mention and not c.generic and c.mention.actor1]
    generic = [c.mention.actor1 for c in items if c.mention and c.mention.actor1]
    return (named or generic or [""])[0]


def _weigh(moment: Sequence[Claim], state: _State, described_days: int = 0) -> _State | None:
    """The state after a moment's claims, from the state before it (None: no change)."""
    corrections = [c for c in moment if c.correction is not None]
    if corrections:
        last = corrections[-1]
        return _State(last.controller, CLAIM_REPORTED, f"set by analyst {last.correction.who}",
                      support=list(corrections),
                      provenance=f"analyst ({last.correction.who}, {last.correction.when})")
    said_divided = [c for c in moment if c.controller == DIVIDED]
    whole = [c for c in moment if not c.part and c.controller != DIVIDED]
    parts = [c for c in moment if c.part]
    if said_divided and not whole and not parts:
        return _said_divided(said_divided, state)
    if whole and all(c.generic for c in whole if c.effect == ControlEffect.GAIN):
        # "rebels took Deir ez-Zor" and, the same days, "the SDF moved into the government-held half
        # of the city": the named group's report is the more specific one, about the whole
        named = [c for c in parts if c.effect == ControlEffect.GAIN and not c.generic]
        if named and any(c.effect == ControlEffect.GAIN for c in whole):
            whole, parts = whole + named, [c for c in parts if c not in named]
    after = _weigh_whole(whole, state, described_days) if whole else None
    if parts and (after is None or after.controller in ("unknown",)):
        return _weigh_parts(parts, after or state)
    return after


def _said_divided(said: Sequence[Claim], state: _State) -> _State | None:
    """"the divided city of Deir Ezzor" alone on its days: divided, with the parts known before (the
    side that held it all holds the rest; none named when nothing was known); None when it already is."""
    if state.controller == DIVIDED:
        return None
    parts = {"rest": state.controller} if state.controller not in NO_SIDE else {}
    return _State(DIVIDED, CLAIM_REPORTED, "", parts=parts, support=list(said))


def _weigh_whole(moment: Sequence[Claim], state: _State, described_days: int = 0) -> _State | None:
    gains = [c for c in moment if c.effect == ControlEffect.GAIN]
    holds = [c for c in moment if c.effect == ControlEffect.HOLD]
    losses = [c for c in moment if c.effect == ControlEffect.LOSS]
    gainers = {c.controller for c in gains} | {c.gainer for c in losses if c.gainer}
    if len(gainers) > 1 and gainers <= COALITION_PARTNERS:
        # "rebels took Saraqib" and "HTS and allied factions took Saraqib" the same days: one coalition's
        # gain, under its common name
        gainers = set(COALITION_UMBRELLA)
    also = ""
    if len(gainers) > 1:
        specific = {c.controller for c in gains if not c.generic}
        if len(specific) == 1:
            also = "; also reported taken by " + ", ".join(sorted(
                {_say(c) for c in gains if c.controller not in specific}))
            gainers = specific
    losers = {c.controller for c in losses}
    holders = {c.controller for c in holds} - gainers
    if gainers and holders:
        # a gain against a hold on the same days; a divided city's holding part does not dispute
        # a gain of the whole, it is what is taken
        return _State("contested", CLAIM_DISPUTED, "", disagree=tuple(gains + holds), support=list(moment))
    if len(gainers) > 1:
        return _State("contested", CLAIM_DISPUTED, "", disagree=tuple(gains), support=list(moment))
    if len(gainers) == 1:
        (winner,) = gainers
        if winner == state.controller and not state.parts:
            return None if not gains else _State(winner, CLAIM_REPORTED, _named_first(gains) or state.detail,
                                                  support=list(moment))
        if _partner_told_again(gains, winner, state):
            return None
        return _State(winner, CLAIM_REPORTED,
                      _named_first([c for c in gains if c.controller == winner]) + also, support=list(moment))
    if holds:
        if len(holders) > 1:
            return _State("contested", CLAIM_DISPUTED, "", disagree=tuple(holds), support=list(moment))
        (holder,) = holders
        if holder in losers:  # "troops left" and "troops hold it" on the same days, in different sentences
            said = {(c.mention.article_id, c.mention.sentence_start) for c in losses if c.mention}
            if any(c.mention and (c.mention.article_id, c.mention.sentence_start) not in said for c in holds):
                return _State("contested", CLAIM_DISPUTED, "", disagree=tuple(holds + losses),
                              support=list(moment))
            holds = []  # one sentence telling both: "after their withdrawal from the city they still hold..."
    if holds:
        if state.parts and holder in state.parts.values() and all(c.generic for c in holds) \
                and not _others_lapsed(state, holder, holds, described_days):
            return None  # "government-held Aleppo" said of a divided city: of its government part
        if holder == state.controller:
            return None
        if holder in REBEL_CONTROLLERS and state.controller in REBEL_CONTROLLERS and all(c.generic for c in holds):
            return None  # "rebel-held Idlib" of a city HTS holds: HTS are rebels too
        if state.controller not in NO_SIDE and all(c.described for c in holds):
            # "air strikes on rebel-held Aleppo" while the reports have the government hold it: a
            # description of the part the rebels hold, not a change of hands
            return _State("divided", CLAIM_REPORTED, "", parts={"part": holder, "rest": state.controller},
                          support=list(moment))
        return _State(holder, CLAIM_REPORTED, _named_first(holds), support=list(moment))
    if losses:
        if state.controller in ("unknown",) and state.support:
            return None
        return _State("unknown", CLAIM_REPORTED, "no longer held by " + ", ".join(sorted(losers)),
                      support=list(losses))
    return None


def _partner_told_again(gains: Sequence[Claim], winner: str, state: _State) -> bool:
    """A gain by one of the coalition partners (words.tsv coalition_partners: the rebels and HTS) of a
    city another partner holds, told with no fight between them: the coalition's gain told again ("HTS
    and the factions took control of Saraqib" after "rebels took Saraqib"), no change of hands. Not a
    gain from the partner holding it ("HTS seized Idlib from Ahrar al-Sham": the partner is its adversary)."""
    if not (winner in COALITION_PARTNERS and state.controller in COALITION_PARTNERS and not state.parts):
        return False
    controller_of, _ = _controller_lookup()
    return not any(c.mention is not None and c.mention.side2 and controller_of(c.mention.side2) == state.controller
                   for c in gains)


def _others_lapsed(state: _State, holder: str, holds: Sequence[Claim], described_days: int) -> bool:
    """"the regime-held city of Aleppo" months after the last report of a rebel part: the whole city.
    The other sides' parts lapsed when no claim of theirs is `described_days` old or younger."""
    others = [c for c in state.support if c.controller != holder]
    seen = _last_seen(others)
    return bool(described_days) and bool(seen) and _plus(seen, described_days) < min(c.start for c in holds)


def _weigh_parts(moment: Sequence[Claim], state: _State) -> _State | None:
    parts = dict(state.parts)
    if not parts and state.controller not in NO_SIDE:
        parts["rest"] = state.controller
    changed = False
    for claim in sorted(moment, key=lambda c: c.effect != ControlEffect.LOSS):
        if claim.effect == ControlEffect.LOSS:
            if parts.get(claim.part) == claim.controller:
                parts.pop(claim.part)
                changed = True
            continue
        if parts.get(claim.part) != claim.controller:
            parts[claim.part] = claim.controller
            changed = True
    if not changed:
        return None
    sides = set(parts.values())
    if len(sides) == 1 and "rest" in parts:
        return _State(next(iter(sides)), CLAIM_REPORTED, state.detail, support=list(moment))
    return _State("divided", CLAIM_REPORTED, "", parts=parts, support=list(moment))


def _coarse_counts(coarse: Sequence[Claim], fine_days: Sequence[str]) -> list[Claim]:
    """The coarse claims (month, year) whose span holds no finer claim of the city; and a coarse
    taking back whose span holds finer ones, as of its span's last day: "the army wrested back Kasab
    last year" told after "rebels took Kasab on 21 March" of that year comes after it (a taking back
    follows the loss), where "the army took Kasab last year" says nothing of its order."""
    kept = []
    for claim in coarse:
        at = bisect.bisect_left(fine_days, claim.start)
        if at >= len(fine_days) or fine_days[at] > claim.end:
            kept.append(claim)
        elif claim.effect == ControlEffect.GAIN and claim.mention.date_source == DATE_FROM_CLAUSE \
                and _regain(claim.mention):
            kept.append(replace(claim, start=claim.end))
    return kept


def _taken_by_next(rows: list, after: _State) -> bool:
    """Is `after` the first holder reported after a loss that named no taker ("government forces left
    Idlib", then, with nothing between, "rebel-held Idlib")? Then it took the city at the loss: the
    loss says the city changed hands, the next report says to whom. A capture is dated by itself
    ("rebels captured it on 2 April" is the day they took it), so only a holding fills the gap."""
    if not rows or rows[-1][0].controller != "unknown" or not rows[-1][0].detail.startswith("no longer held by"):
        return False
    losers = {c.controller for c in rows[-1][0].support}
    return after.controller not in NO_SIDE and after.controller not in losers and bool(after.support) \
        and all(c.effect == ControlEffect.HOLD for c in after.support)


def _described_only(state: _State) -> bool:
    """Is the state known only from descriptions told in passing ("rebel-held Idlib")?"""
    return bool(state.support) and state.provenance == "extracted" and all(c.described for c in state.support)


def _passing(state: _State) -> bool:
    """Is the state one of a battle's days, divided or contested from extracted claims? Without
    new evidence it lapses as descriptions do: a city "divided" by one report of 2015 is not
    divided in 2017 for want of news."""
    return state.provenance == "extracted" and state.controller in ("divided", "contested")


def _lapse_end(claims_: Iterable[Claim], described_days: int) -> str:
    """The day a state known from `claims_` lapses: `described_days` after its last claim, a front's
    claim counting only FRONT_DAYS ("IS-held Dabiq, which rebels are pushing towards")."""
    return max((_plus(c.end, min(FRONT_DAYS, described_days) if c.front else described_days)
                for c in claims_ if c.mention is not None), default="")


def _front(m: Mention) -> bool:
    return advance_around(m.sentence, m.trigger_start - m.sentence_start)


def advance_around(sentence: str, at: int) -> bool:
    """Is the place described at offset `at` the goal of an advance told around it ("rebels have been
    pushing towards the IS group stronghold of Dabiq", "IS-held Dabiq, which rebels have been pushing
    towards")? A word of advancing (words.tsv advance_words) then a preposition of direction, within
    eight words of the description.

    >>> said = "Rebels have been pushing towards the IS group stronghold of Dabiq in recent days."
    >>> advance_around(said, said.index("stronghold"))
    True
    >>> said = "Rebels pushed the IS group out of villages near Dabiq, an IS stronghold."  # counter-example
    >>> advance_around(said, said.index("stronghold"))
    False
    >>> said = "Kurdish fighters were closing in on IS-held Manbij."
    >>> advance_around(said, said.index("held"))
    True
    >>> said = "IS has tried to advance on rebel territory in Aleppo province - particularly the towns of Azaz and Marea."
    >>> advance_around(said, said.index("particularly"))  # an attempt (_attempted)
    False
    """
    before = sentence[:at].split()
    words = [w.strip(".,;:'\"").lower() for w in before[-10:] + sentence[at:].split()[:9]]
    skip = max(0, min(len(before), 10) - 8)  # two words more before, for _attempted only
    return any((_lemma_in(w, ADVANCE_WORDS) or w.endswith("ing") and w[:-3] + "e" in ADVANCE_WORDS)
               and (after in ADVANCE_PREPS or after == "in" and then == "on")
               and not _attempted(words[:k])
               for k, (w, after, then) in enumerate(zip(words, words[1:], words[2:] + [""]))
               if k >= skip)  # "closing in on"


def _attempted(before: Sequence[str]) -> bool:
    """"IS has tried to advance on rebel territory - particularly the towns of Azaz and Marea - for
    several months": an advance under a verb of words.tsv non_implicative ("tried to", "failed to") is
    an attempt, no moving front; "rebels have been pushing towards Dabiq" is one (counter-example)."""
    if len(before) < 2 or before[-1] != "to":
        return False
    verb = before[-2]
    return _lemma_in(verb, NON_IMPLICATIVE) or (verb.endswith("ied") and verb[:-3] + "y" in NON_IMPLICATIVE)


def _last_seen(claims_: Iterable[Claim]) -> str:
    return max((c.end for c in claims_ if c.mention is not None), default="")


@lru_cache(maxsize=65536)
def _plus(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def city_intervals(city: str, city_claims: Sequence[Claim], around: Sequence[Mention] = (),
                   corrections: Sequence[Correction] = (), described_days: int = 0,
                   period: tuple[str, str] = ("", ""),
                   fights: Sequence[tuple[str, str, bool]] = (),
                   overruled: Sequence[tuple[str, str]] = ()) -> list[ControlInterval]:
    """The control history of one city from its claims (and analyst corrections). A state known only
    from descriptions lapses to no report `described_days` after its last one (0: never): "rebel-held
    Idlib" in 2016 says nothing of 2024. Any other extracted state lapses REPORTED_DAYS after its last
    claim when the reports go on past that (`period`: the first and last days any claim of any city
    speaks of; "" = no further than its own claims): "rebels captured Talbiseh" in 2012 says nothing of
    2024 either; and a loss with nothing before it says the loser held the city back to REPORTED_DAYS
    before it at most, when the reports reach back that far, a description `described_days` (`_held_before`).
    A controller's state with an attack by
    another side reported in the city on or after its last claim (`fights`: days, doers' controllers,
    whether an attack: `fight_of`) lapses FRONT_DAYS after the last such attack instead: its outcome
    is not known. A district's
    state lapses on the first day after its last claim that its whole city begins to be held by
    another side (`overruled`: the days and controllers of the city's own states): "the government's
    recapture of Aleppo" tells of its districts too, a description of one before it no longer."""
    dawn, horizon = period
    fine = [c for c in city_claims if c.precision < PRECISION_MONTH]
    coarse = [c for c in city_claims if c.precision >= PRECISION_MONTH]
    fine_days = sorted(c.end for c in fine)
    fine = fine + _coarse_counts(coarse, fine_days)
    moments = _moments(_ordered(fine))
    # corrections are moments of their own, on their day, and win over claims of that day
    for correction in corrections:
        claim = Claim(correction.controller, ControlEffect.HOLD, correction.day, correction.day, 1, False,
                      None, correction=correction)
        moments.append((correction.day, correction.day, [claim]))
    moments.sort(key=lambda m: (m[1], not any(c.correction for c in m[2])))
    sample = next((c.mention for c in city_claims if c.mention), None) or (around[0] if around else None)
    rows: list[tuple[_State, str, str, int]] = []  # state, valid_from, valid_to, precision
    state = _State("unknown")
    corrected_day = ""
    reported_days = max(described_days, REPORTED_DAYS)  # how long a state told as news holds

    def lapse(before: str, seen: str = "") -> bool:
        """Close a state that lapsed before `before` ("" = the end): no report. A state told only by
        descriptions, or a divided or contested one, lapses `described_days` after its last claim;
        any other extracted state REPORTED_DAYS after it; an analyst's never. `seen`: the last day of
        the moments before (no claim of the state is later), so that most moments cost no scan."""
        if not (described_days and rows and state.controller != "unknown" and state.provenance == "extracted"):
            return False
        told = _described_only(state) or _passing(state)
        fought = _fought_after(fights, state, _last_seen(state.support), before) if fights else ""
        overrule = _overruled_after(overruled, state, _last_seen(state.support), before) if overruled else ""
        if not fought and not overrule and not told and seen and (before or horizon) <= _plus(seen, reported_days):
            return False
        until = _lapse_end(state.support, described_days if told else reported_days)
        if fought:
            until = min(until, _plus(fought, FRONT_DAYS))
        if overrule:
            until = min(until, overrule)
        if (before or (horizon if not told else "")) and until >= (before or horizon):
            return False  # a reported state lapses only within the reports' period (`horizon`)
        rows[-1] = (rows[-1][0], rows[-1][1], until, rows[-1][3])
        rows.append((_State("unknown", detail=NO_REPORT_SINCE + _last_seen(state.support)), until, "", 1))
        return True

    seen = ""
    for first, last, members in moments:
        if lapse(first, seen):
            state = rows[-1][0]
        seen = last
        is_correction = members[0].correction is not None
        if corrected_day == last and not is_correction:
            rows[-1][0].support.extend(members)  # a claim of the corrected day: evidence only
            continue
        corrected_day = last if is_correction else ""
        after = _weigh(members, state, described_days)
        precision = max(c.precision for c in members)
        # a month- or year-precise change of hands is sure by the end of its span ("in December":
        # by 31 December); a holding of that span holds from its start
        changes = any(c.effect != ControlEffect.HOLD for c in members)
        day = last if precision < PRECISION_MONTH or changes else first
        if after is None:
            if rows:
                rows[-1][0].support.extend(members)
                _held_since(rows, members)
            continue
        start = _held_before(rows, members, after, day, precision, dawn, described_days)
        if rows and rows[-1][0].key == after.key:
            rows[-1][0].support.extend(after.support)
            rows[-1] = (rows[-1][0], rows[-1][1], "", rows[-1][3])  # a lapsed state told again
            state = rows[-1][0]
            _held_since(rows, members)
            continue
        if _taken_by_next(rows, after):
            rows[-1] = (after, rows[-1][1], "", rows[-1][3])
            state = after
            continue
        if rows:
            rows[-1] = (rows[-1][0], rows[-1][1], start, rows[-1][3])
        rows.append((after, start, "", precision))
        state = after
        _held_since(rows, members)
    lapse("")
    return [_interval(city, s, valid_from, valid_to, precision, sample, around)
            for s, valid_from, valid_to, precision in rows]


def _held_before(rows: list, members: Sequence[Claim], after: _State, day: str, precision: int,
                 dawn: str = "", described_days: int = 0) -> str:
    """A loss with nothing known before it ("government forces lost control of Daraa", "rebels
    evacuated Zabadani" after a year without news of it) says the loser held the city until then:
    a state before it, back to the previous claim's state (replacing the no-report row it lapsed
    to), but no further back than REPORTED_DAYS, as a state holds no longer than that after its last
    claim, when the reports reach back that far (`dawn`: the first day any claim speaks of; else
    open): "government forces lost Daraa" in 2024 says nothing of 2014. Appended to `rows`. So does a
    holding told as going on from before, with nothing known before it ("government forces were still
    holding Homs": `_continuing`): its holder held the city before it too, and the holding's own state
    begins that far back (the day returned; else `day`). A holding told only by descriptions ("air
    strikes on the rebel-held town of Atareb") is a standing state: with nothing known before it, it
    held `described_days` before it (as long as it is carried after it without news), but not before
    `dawn`, the first day any report speaks of: a description tells a state already in place, not how it
    began, and before the reports nothing is known of any city. Measured on fakes-dev: a year back (the
    window forward) makes 13 dev probes right and none wrong; two years adds 3 wrong, five 27.
    REPORTED_DAYS for losses and going-on holdings is kept: any shorter window (two years to a week)
    only loses right dev probes (141 -> 138..130), the wrong stay 10. So does a division told only by
    descriptions of parts ("IS attacked southern neighbourhoods held by government troops", the first
    word of the city): divided that long before it too (dev Hasakah: right 184 -> 189, wrong 20 -> 20)."""
    losers = {c.controller for c in members if c.effect == ControlEffect.LOSS} - {after.controller}
    if not losers and not any(c.effect != ControlEffect.HOLD for c in members):
        losers = {c.controller for c in members if c.continuing or (described_days and c.described)}
        if after.controller == DIVIDED and described_days and members and all(c.described for c in members):
            losers = {DIVIDED}  # "neighbourhoods held by government troops": a standing division
        if losers != {after.controller}:
            return day
    if len(losers) != 1 or (losers != {DIVIDED} and any(c.part for c in members)):
        return day
    if rows and not rows[-1][0].detail.startswith(NO_REPORT_SINCE):
        if losers == {rows[-1][0].controller} and after.controller != rows[-1][0].controller \
                and any(c.effect == ControlEffect.LOSS for c in members) and _described_only(rows[-1][0]) \
                and (len(rows) == 1 or rows[-2][0].detail.startswith(NO_REPORT_SINCE)):
            _reach_back(rows, _plus(day, -REPORTED_DAYS), dawn)
        return day
    told = [c for c in members if c.effect == ControlEffect.LOSS or c.continuing]
    if told:
        since = _plus(day, -REPORTED_DAYS)
        if not rows and (not dawn or since <= dawn):
            since = ""
    else:  # descriptions only: as long before them as after them, not before the reports begin
        told, since = [c for c in members if c.described], max(_plus(day, -described_days), dawn or day)
    if rows and since and rows[-1][1] >= since:
        since = rows.pop()[1]
    elif rows:
        rows[-1] = (rows[-1][0], rows[-1][1], since, rows[-1][3])  # no report until then
    if losers == {after.controller}:
        return since  # a holding: its own state, begun that much before it
    rows.append((_State(next(iter(losers)), CLAIM_REPORTED, support=told), since, day, precision))
    return day


def _held_since(rows: list, members: Sequence[Claim]) -> None:
    """A holding told as going on since a date ("Eastern Ghouta has been under government siege since
    2012", `Claim.since`) of the state of rows[-1]: that state began by then. Its start moves back to that
    day, over the no-report row before it, but not over any state told before (a holding, a division, a
    loss: only the time without report)."""
    state, start, end, precision = rows[-1]
    since = min((c.since for c in members if c.since and c.controller == state.controller), default="")
    if not since or not start or start <= since:
        return
    if len(rows) == 1:
        rows[-1] = (state, since, end, precision)
        return
    gap = rows[-2]
    if not gap[0].detail.startswith(NO_REPORT_SINCE):
        return
    _start_into_gap(rows, since)


def _start_into_gap(rows: list, since: str) -> None:
    """rows[-1]'s state starts at `since`, within the no-report row before it (rows[-2]), which
    ends there; or takes the whole gap's place when `since` is at or before the gap's start."""
    gap, (state, _, end, precision) = rows[-2], rows[-1]
    if gap[1] and since > gap[1]:
        rows[-2] = (gap[0], gap[1], since, gap[3])
        rows[-1] = (state, since, end, precision)
    else:
        rows.pop(-2)
        rows[-1] = (state, gap[1], end, precision)


def _reach_back(rows: list, since: str, dawn: str) -> None:
    """A loss of the state of rows[-1], a state begun by descriptions only ("opposition-held Darayya" in
    January, "rebels evacuated Darayya" in August): the loss says its loser held the city back to `since`
    (REPORTED_DAYS before it), as it says with nothing before it (`_held_before`), and the description
    told in between does not shorten that; no further back than the reports reach (`dawn`: open when
    they do not reach that far), nor over a state reported before (only the no-report row before it)."""
    state, start, end, precision = rows[-1]
    if len(rows) == 1:
        new = "" if not dawn or since <= dawn else since
        if start and (not new or new < start):
            rows[-1] = (state, new, end, precision)
        return
    if not start or since >= start:
        return
    _start_into_gap(rows, since)


def _state_name(state: _State) -> str:
    if state.controller == "contested":
        return STATE_CONTESTED
    if state.controller == "divided":
        return STATE_DIVIDED
    if state.controller == "unknown":
        return STATE_NO_REPORT
    return STATE_CONTROLLER


def _interval(city: str, state: _State, valid_from: str, valid_to: str, precision: int,
              sample: Mention | None, around: Sequence[Mention]) -> ControlInterval:
    mentions = [c.mention for c in state.support if c.mention is not None]
    evidence = list(dict.fromkeys(f"[{m.source}] {m.sentence}" for m in mentions))
    if state.provenance != "extracted":
        evidence.insert(0, f"[analyst] {state.detail}")
    # the first few claims around the city in this state's days: stop at MAX_EVIDENCE, so a city
    # with many states and many claims around it costs states x MAX_EVIDENCE, not states x claims
    nearby = list(islice((m for m in around if (not valid_from or m.date_end >= valid_from)
                          and (not valid_to or m.date_start < valid_to)), MAX_EVIDENCE))
    detail = state.detail
    claims_text = "; ".join(dict.fromkeys(_say(c) for c in state.disagree))
    if state.controller == "contested":
        detail = "; ".join(sorted({c.controller for c in state.disagree}))
    return ControlInterval(
        city=city, controller=state.controller, actor_detail=detail, valid_from=valid_from,
        valid_to=valid_to, precision=precision, status=state.status,
        sources="; ".join(sorted({c.source for c in state.support if c.source})),
        evidence=" | ".join(evidence[:MAX_EVIDENCE]),
        latitude=sample.latitude if sample else None, longitude=sample.longitude if sample else None,
        admin1=sample.admin1 if sample else "", state=_state_name(state),
        parts="; ".join(f"{p}: {c}" for p, c in sorted(state.parts.items(), key=lambda i: i[0] == "rest")),
        claims=claims_text,
        nearby=" | ".join(dict.fromkeys(f"[{m.source}, {m.date_end}] {m.sentence}" for m in nearby)),
        provenance=state.provenance)


def control_intervals(mentions: Sequence[Mention], controller_of: Callable[[str], str] | None = None,
                      generic_actors: frozenset[str] | None = None,
                      corrections: Sequence[Correction | tuple] = (),
                      ally_of: Callable[[str], str] | None = None,
                      described_days: int | None = None) -> list[ControlInterval]:
    """Every city's control history, cities in name order. `controller_of`, `ally_of` and
    `generic_actors` default to the configured lexicon's (sides.tsv, actors.tsv), read once.
    `corrections`: analysts' (city, day, controller, who, when), applied and continued from.
    `described_days`: how long a state known only from descriptions holds (default: the setting
    CTE_CONTROL_DESCRIBED_DAYS; 0: for ever).

    >>> fix = Correction("Hama", "2024-12-06", "government", "ana", "2024-12-09")
    >>> [(i.controller, i.valid_from, i.provenance) for i in control_intervals([], corrections=[fix])]
    [('government', '2024-12-06', 'analyst (ana, 2024-12-09)')]
    """
    with collector_paused():  # no reference cycles are made here
        return _control_intervals(mentions, controller_of, generic_actors, corrections, ally_of,
                                  described_days)


def _control_intervals(mentions, controller_of, generic_actors, corrections, ally_of,
                       described_days) -> list[ControlInterval]:
    if controller_of is None:
        controller_of, default_ally = _controller_lookup()
        ally_of = ally_of or default_ally
    generic = lexicon.generic_actors() if generic_actors is None else generic_actors
    fights: dict[str, list[tuple[str, str, bool]]] = {}
    found, around = claims(mentions, controller_of, generic, ally_of, fights)
    fixes: dict[str, list[Correction]] = {}
    for correction in corrections:
        c = correction if isinstance(correction, Correction) else Correction(*correction)
        fixes.setdefault(c.city, []).append(Correction(c.city, day_of(c.day), c.controller, c.who, c.when))
    if described_days is None:
        described_days = Settings.from_env().control_described_days
    days = [c.end for city_claims in found.values() for c in city_claims]
    period = (min(days, default=""), max(days, default=""))
    cities = set(found) | set(fixes)
    city_of = {city: city_of_district(city) for city in cities}
    made: dict[str, list[ControlInterval]] = {}
    by_key: dict[str, list[ControlInterval]] = {}
    for city in sorted(cities, key=lambda c: (bool(city_of[c]), c)):  # a district after its city
        whole = by_key.get(city_of[city], ()) if city_of[city] else ()
        made[city] = city_intervals(city, found.get(city, []), around.get(city, ()), fixes.get(city, ()),
                                    described_days, period, sorted(fights.get(city, ())),
                                    [(i.valid_from, i.controller) for i in whole if i.valid_from])
        if whole:
            made[city] = fell_with_city(made[city], whole, (described_days, max(described_days, REPORTED_DAYS)))
        by_key.setdefault(name_key(city), []).extend(made[city])
    for district, sample in _unclaimed_districts(mentions, cities).items():
        whole = by_key.get(city_of_district(district), ())
        rows = _following(_interval(district, _State("unknown"), "", "", 1, sample, ()), whole) if whole else []
        if any(row.controller not in NO_SIDE for row in rows):
            made[district] = rows
            cities.add(district)
    return [interval for city in sorted(cities) for interval in made[city]]


def _unclaimed_districts(mentions: Sequence[Mention], claimed: set[str]) -> dict[str, Mention]:
    """The districts of cities (the gazetteer's `part_of`) some mention names but no claim is about,
    each with a mention naming it (for its coordinates). Such a district is held by whoever holds its
    whole city, while one side holds it whole (`_following`: no report while the city is divided,
    contested or without report): "the government's recapture of Aleppo" says the Shaar district
    named only as where a strike fell is the government's too. Dev control right 194 -> 202, wrong 20
    -> 21: the Kurdish Sheikh Maqsoud, which the reports' "government-held Aleppo" of 2017 leaves out,
    is the known error of this reading."""
    found: dict[str, Mention] = {}
    for m in mentions:
        if m.place and m.place not in claimed and m.place not in found and city_of_district(m.place):
            found[m.place] = m
    return found


FELL_WITH = "with its city: "  # the detail of a district's state its whole city's holder gives


def _for_want_of_news(gap: ControlInterval, windows: Sequence[int]) -> bool:
    """Did the state before `gap` lapse because its window ran out (`windows`: days after the last claim),
    not because an attack put it at stake or its city was taken?"""
    since = gap.actor_detail[len(NO_REPORT_SINCE):]
    return any(_plus(since, days) == gap.valid_from for days in windows if days)


def fell_with_city(own: Sequence[ControlInterval], whole: Sequence[ControlInterval],
                   windows: Sequence[int] = ()) -> list[ControlInterval]:
    """A district's history once its whole city is taken from the district's holder: "the government's
    recapture of Aleppo" after "the opposition-held al-Qaterji neighbourhood" ends Qaterji's state
    (`city_intervals`: `overruled`) and the district fell with its city; until a claim of its own, it
    is held by whoever holds the whole city (not while the city is divided, contested or without
    report). Only when the district's holder lost the city: it held the city, or one of its parts, the
    day before. "The YPG-held Sheikh Maqsoud" stays without report when the government takes Aleppo
    from the rebels (counter-example: a district of another side than the loser's). Likewise a district
    whose state lapses for want of news (`windows`: the days a state holds after its last claim) on a
    day its whole city is held by the district's own holder ("the regime-controlled district of
    Hamdaniyeh" in 2016, "government-held Aleppo" in 2017); not one whose state an attack put at stake
    (counter-example: its outcome is not known)."""
    out: list[ControlInterval] = []
    for k, interval in enumerate(own):
        if k == 0 or interval.controller != "unknown" or not interval.actor_detail.startswith(NO_REPORT_SINCE):
            out.append(interval)
            continue
        holder, day = own[k - 1].controller, interval.valid_from
        taken = next((w for w in whole if w.valid_from == day and w.controller not in NO_SIDE
                      and w.controller != holder), None)
        before = next((w for w in whole if w.valid_to == day), None)
        same = next((w for w in whole if w.valid_from <= day and (not w.valid_to or day < w.valid_to)
                     and w.controller == holder), None) if _for_want_of_news(interval, windows) else None
        if (taken is None or before is None or holder not in _holders(before)) and same is None:
            out.append(interval)
            continue
        out.extend(_following(interval, whole))
    return out


def _holders(interval: ControlInterval) -> set[str]:
    """The controllers that hold a city or one of its parts in a state ("east: opposition")."""
    return {interval.controller} | {part.rsplit(": ", 1)[-1] for part in interval.parts.split("; ") if part}


def _following(gap: ControlInterval, whole: Sequence[ControlInterval]) -> list[ControlInterval]:
    """The district's states over `gap` (a time without its own report): its city's whole-city holders,
    no report where the city has none (or is divided or contested, or set by an analyst: a correction of
    the city is the analyst's word on the city alone)."""
    start, end = gap.valid_from, gap.valid_to
    rows: list[ControlInterval] = []
    for w in whole:
        if (end and w.valid_from >= end) or (w.valid_to and w.valid_to <= start):
            continue
        lo, hi = max(start, w.valid_from), min(end or w.valid_to, w.valid_to or end) if (end or w.valid_to) else ""
        if w.controller in NO_SIDE or w.provenance != "extracted":  # an analyst's word is about the city
            state = replace(gap, valid_from=lo, valid_to=hi)
        else:
            state = replace(w, city=gap.city, valid_from=lo, valid_to=hi, actor_detail=FELL_WITH + w.city,
                            latitude=gap.latitude, longitude=gap.longitude, admin1=gap.admin1, nearby=gap.nearby)
        if rows and rows[-1].controller == state.controller and rows[-1].actor_detail == state.actor_detail:
            rows[-1] = replace(rows[-1], valid_to=state.valid_to)
        else:
            rows.append(state)
    if rows and end and rows[-1].valid_to and rows[-1].valid_to < end:
        rows.append(replace(gap, valid_from=rows[-1].valid_to))
    return rows or [gap]


def apply_corrections(mentions: Sequence[Mention], corrections: Sequence[Correction | tuple],
                      **options) -> list[ControlInterval]:
    """The control history with analysts' corrections (city, day, controller, who, when) applied:
    each sets its city's state as of its day (provenance: the analyst and when), and the claims
    after it continue from there."""
    return control_intervals(mentions, corrections=corrections, **options)


