"""The death toll a mention states, as ACLED counts it: the dead of this happening, from digits or
words ("eleven", "twenty-two", "a dozen", "two dozen", "one hundred and twenty", "a woman", "both
men", "17 lives", the dead named: one each), the lower bound of "at least" or of a range ("10 to
15"; none of a ceiling: "up to 80", nor of "no one"), the attacker counted among the dead left out
("including the bomber"), summed over coordinated victims ("129 loyalists and 116 rebels", "two men
from X and three men from Y", "four children along with their mother") and over coordinated death
clauses of one fight ("346 IS fighters were killed and 170 soldiers died", not at two places), the
whole where parts are "among" it or follow "including", the lowest of conflicting reports in the
paragraph ("killing at least 100 ... The Observatory counted 24 dead"); never a year or a date,
never a cumulative or war-wide total ("since 2011", "so far", "in total", "killed in the civil war",
"in less than one month", "over the past three days", "since the army began an offensive", "the
conflict has killed"; but "the deadliest since the start of the war" only compares, a total told
apart leaves the act its own dead: "bringing the toll over three days to 80", and a campaign told as
going on keeps its running total: "have so far been killed in the ongoing bombing campaign"), nor a
part of a toll told before ("10 of the dead came in strikes at the hospital"). The words are data
(data/lexicon/words.tsv: death_words, victim_nouns, cumulative, war_words, toll_nouns, onset_words,
tally_verbs, upper_bounds, attacker_nouns, ongoing_words)."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from lib.extract.mentions.dating import compares, counts_from_war, war_clause
from lib.extract.mentions.numbers import number_value
from lib.extract.tolls import STRICT_BOUND, strict_bound
from lib.extract.mentions.index import DocIndex, TriggerMatch, actor_for, per_span, per_token, tokens_with
from lib.extract.mentions.triggers import HARM_OR_DEATH_VERBS, find_triggers, instruments_in
from lib.temporal.component import SPANS_KEY
from lib.extract.mentions.words import (WORDS, PLACE_NOUNS, PLACE_PREPS, ABSTRACT_SUBJECTS, CUMULATIVE, DEATH_NOUNS, DEATH_VERBS, DEATH_WORDS,
                                        REPORTING_LEMMAS, SEQUENCE_WORDS, TOLL_NOUNS, VICTIM_NOUNS,
                                        WAR_WORDS)

DYING_VERBS = WORDS["dying_verbs"]  # intransitive: their subject is the dead
LOSING_VERBS = WORDS["losing_verbs"]  # "has lost over one hundred militants": their object, a count of men, the dead
MEN_NOUNS_LOST = (WORDS["men"] - {"unit", "force"}) | {"man", "member"}  # "lost 20 men", "lost 12 members"; not "lost two units"
ACT_NOUNS = WORDS["act_nouns"]  # "the attack", "the strike": an act referred back to
INJURY_VERBS = WORDS["injury_verbs"]
INJURY_WORDS = INJURY_VERBS | {"injury", "wound"}  # "20 deaths and injuries"
EARLIER_FIGURES = WORDS["earlier_figures"]  # "earlier put the toll at 5": an outdated figure
CIVILIAN_VICTIMS, COMBATANT_VICTIMS = WORDS["civilian_victims"], WORDS["combatant_victims"]
SHARE_NOUNS = WORDS["share_nouns"]  # "90 percent": a share, not a count
VAGUE_COUNTS = WORDS["vague_counts"]  # "dozens": no number stated
COLLECTIVE_NOUNS = WORDS["collective_nouns"]  # "a family of six": as many dead as the "of" phrase counts
# "a woman", "a father", "the driver", "a volunteer": one dead each
ANIMAL_NOUNS = WORDS["animal_nouns"]  # "killed 2,000 sheep and 3 shepherds": no dead of the toll
TITLE_NOUNS = WORDS["title_nouns"]  # "Defence Minister Dawoud Rajha": a title before a name
ONE_VICTIM = VICTIM_NOUNS | WORDS["kin_nouns"] | WORDS["role_nouns"] | CIVILIAN_VICTIMS | COMBATANT_VICTIMS | WORDS["told_victims"]
PEOPLE_NOUNS = ONE_VICTIM | {"people", "person"}
SHIFT_MARKERS, SHIFT_PHRASES = WORDS["shift_markers"], WORDS["shift_phrases"]  # "Meanwhile", "In the meantime"
CONTRAST_MARKS = WORDS["contrast_marks"]  # "while another group shelled X killing 15": another act
SINGLES = {"a", "an", "another", "one"}
PART_PREPS = {"including", "among", "excluding"}  # "including 15 rebels and 10 soldiers": parts of a count
TALLY_VERBS = WORDS["tally_verbs"]  # "bringing the toll over three days to 80": the running total after this act
ONGOING_WORDS = WORDS["ongoing_words"]  # "the ongoing bombing campaign": its running total is its toll
CAMPAIGN_NOUNS = {"campaign", "onslaught"}
GENERAL_VICTIMS = WORDS["general_victims"]  # "12 people": the dead in general, of whom "seven children" are a group
UPPER_BOUNDS = WORDS["upper_bounds"]  # "up to 80", "as many as 1300": a ceiling, no lower figure
ATTACKER_NOUNS = WORDS["attacker_nouns"]  # "12 people including the bomber": the attacker is not among the toll
DEFINITE_ONE = SINGLES | {"the", "this", "that"}  # "the woman succumbed to her wounds": one dead
YEAR = re.compile(r"^(?:19|20)\d\d$")
# the unions of word lists the loops below test every word against, made once
DEAD_NOUNS = {"body", "corpse"}  # "with another 10 bodies yet to be identified": the dead
SENTENCING_VERBS = WORDS["sentencing_verbs"]  # "sentenced two men to death": a sentence, no death
KILLING_VERBS = WORDS["killing_verbs"]  # "massacred 12 villagers": more verbs whose victims are the dead
TOLL_WORDS = DEATH_WORDS | DEATH_NOUNS | DEATH_VERBS | KILLING_VERBS | DYING_VERBS | TOLL_NOUNS
DYING_WORDS = DEATH_WORDS | DEATH_VERBS | KILLING_VERBS
DEATH_OR_TOLL = DEATH_WORDS | DEATH_NOUNS | TOLL_NOUNS
_CUMULATIVE_CUES = CUMULATIVE | {"far", "since"}
_PART_CUES = DEATH_WORDS | {"dead"}
_AMONG_CUES = _PART_CUES | {"victim"}  # "among the dead", "among the victims"


def in_timex(token: Token) -> bool:
    """Is the token part of a date the temporal tagger found ("30 September 2016")?"""
    return token.i in _timex_tokens(token.doc)


def _timex_tokens(doc) -> frozenset[int]:
    """The positions of the tokens inside the temporal tagger's dates, once per doc (DocIndex)."""
    memo = DocIndex.of(doc).memo
    found = memo.get(SPANS_KEY)
    if found is None:
        found = memo[SPANS_KEY] = frozenset(i for span in DocIndex.of(doc).timex_spans for i in range(span.start, span.end))
    return found


def _number_tokens(token: Token) -> list[Token]:
    """The run of number words around a numeric token ("twenty - two", "two hundred", "a dozen");
    digits stand alone ("2016 13 civilians" is a date then a count)."""
    doc = token.doc
    if not token.is_alpha:
        # "Over 1 000 civilians": thousands set apart by a space (a text whose commas were stripped)
        if _group(token) and token.i > 0 and _group(doc[token.i - 1], lead=True) and doc[token.i - 1].whitespace_:
            return [doc[token.i - 1], token]
        if _group(token, lead=True) and token.i + 1 < len(doc) and _group(doc[token.i + 1]) and token.whitespace_:
            return [token, doc[token.i + 1]]
        return [token]

    def word(t: Token) -> bool:
        return t.is_alpha and t.like_num and not in_timex(t)

    def joins(t: Token) -> bool:  # "twenty - two"; "one hundred and twenty", "and" after a scale word
        return t.text == "-" or (t.lower_ == "and" and t.i > 0 and t.nbor(-1).lower_ in ("hundred", "thousand"))
    start = end = token.i
    while start > 0 and (word(doc[start - 1]) or (joins(doc[start - 1]) and start > 1 and word(doc[start - 2]))):
        start -= 1
    while end + 1 < len(doc) and (word(doc[end + 1]) or (joins(doc[end + 1]) and end + 2 < len(doc)
                                                          and word(doc[end + 2]))):
        end += 1
    return list(doc[start:end + 1])


def _group(token: Token, lead: bool = False) -> bool:
    """Is the token a group of three digits ("000" of "1 000"), or with `lead` the one to three digits
    that lead such a number ("1")?"""
    return token.text.isdigit() and (0 < len(token.text) <= 3 if lead else len(token.text) == 3) and not in_timex(token)


def _value(token: Token) -> int | None:
    # a year or a date is no toll: the temporal tagger's dates decide (the statistical model also
    # calls "13" in "30 September 2016 13 civilians" a date), the model's only without them
    tagged = SPANS_KEY in token.doc.spans
    if in_timex(token) or (not tagged and token.ent_type_ in ("DATE", "TIME")) \
            or (YEAR.match(token.text) and token.ent_type_ != "CARDINAL"):
        return None
    words = _number_tokens(token)
    return number_value(" ".join(t.text for t in words))


@per_token  # asked for each trigger of the sentence
def count_of(noun: Token) -> int | None:
    """How many the victim phrase headed by `noun` counts: "at least 10 soldiers", "eleven", "a
    woman", "129 loyalists and 116 rebels" (summed), "two women ... among eight people" (eight), "a
    total of 40 militants" (40)."""
    if noun.lower_ == "total":
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        totalled = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        return count_of(totalled) if totalled is not None else None
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "among"):
        whole = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if whole is not None and count_of(whole) is not None:
            return count_of(whole)
    # coordinated victims are summed ("129 loyalists and 116 rebels"); a conjunct the parser made of
    # two phrases with no "and" between ("4 citizens killed ... At least four citizens") is no sum
    # ("a senior commander and four of his aides": a partitive figure is a phrase of its own)
    parts = [noun] + [c for c in noun.conjuncts if c.i > noun.i and (c.pos_ in ("NOUN", "PROPN") or noun.like_num or (
        c.like_num and any(g.dep_ == "prep" and g.lower_ == "of" for g in c.children)))]
    if len(parts) == 1 and any(c.dep_ == "cc" and c.i > noun.i for c in noun.children) \
            and noun.dep_ in ("nsubj", "nsubjpass", "dobj"):
        # "45 militants and 20 fighters had been killed" parsed as two subjects of the verb: one phrase
        # (not "As well as the 10 killed on the bus, 21 others died": an "as well as" before the noun
        # opens dead told apart, each of its own act)
        parts += [c for c in noun.head.children if c.dep_ == noun.dep_ and c.i > noun.i][:1]
    if len(parts) == 1:
        parts += _listed_in_apposition(noun)
    if not any(c.dep_ == "cc" for part in parts for c in part.children):
        parts = [noun]
    # "the toll rose to 32 and more than 115 wounded persons": a conjunct that counts the wounded is
    # no part of the dead (not "32 soldiers and 15 rebels")
    parts = parts[:1] + [part for part in parts[1:] if not counts_the_wounded(part)]
    if len(parts) > 1 and any(_vaguely_counted(part) for part in parts[1:]):
        return None  # "killing its leader and several other members": at least one, no number stated
    total, found = 0, False
    for part in parts + _stray_conjuncts(noun) + _counted_before(noun, parts) + _counted_along(noun) + _men_of_the_named(noun):
        value = _one_count(part)
        if value is not None:
            total, found = total + value, True
    return max(total - _attackers_among(noun) + _leader_of_the_part(noun), 0) if found else None


def _leader_of_the_part(noun: Token) -> int:
    """"Saud al-Asaf the commander of Ansar al-Haq affiliated to Ahrar al-Sham and three of his comrades
    were killed": a figure of "his" or "her" men (comrades, aides, bodyguards) right after "and", which
    the parser hung apart from the one named before it, counts them only; the man they are his of, named
    or told by a victim noun in the same phrase, no verb of a clause between, is one more dead (1). Not
    "The commander survived and three of his comrades were killed" (a clause of its own: 0)."""
    if not noun.like_num or noun.dep_ == "conj" or noun.left_edge.i < 2:
        return 0
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    group = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if group is None or not any(c.dep_ == "poss" and c.lower_ in ("his", "her") for c in group.children):
        return 0
    doc = noun.doc
    if doc[noun.left_edge.i - 1].lower_ != "and":
        return 0
    before = []
    for t in reversed(doc[noun.sent.start:noun.left_edge.i - 1]):
        if t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.lower_ in (",", ";", ":"):
            break
        before.append(t)
    return int(any(t.ent_type_ == "PERSON" or (t.pos_ == "NOUN" and t.lemma_.lower() in ONE_VICTIM) for t in before))


def _men_of_the_named(noun: Token) -> list[Token]:
    """"killed Jaish al-Islam leader Zahran Alloush and five of his aides": a figure of "his" or "her"
    men right after the object's phrase and "and", which the parser hung on the verb, not on the object:
    counted beside it (not "killed the commander and wounded five of his aides": a verb of its own)."""
    doc = noun.doc
    after = noun.right_edge.i + 1
    if noun.dep_ != "dobj" or after + 1 >= noun.sent.end or doc[after].lower_ != "and":
        return []
    number = doc[after + 1]
    if not number.like_num or number.dep_ != "conj" or number.head != noun.head:
        return []
    of = next((c for c in number.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    group = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return [number] if group is not None and any(
        c.dep_ == "poss" and c.lower_ in ("his", "her", "their") for c in group.children) else []


def counts_the_wounded(part: Token) -> bool:
    """Does a conjunct of a victims' phrase count the wounded: a word of injury its modifier or right
    after its figure ("more than 115 wounded persons", "20 injured"; words.tsv injury_verbs), or itself
    ("the injured")?"""
    def injury(t: Token) -> bool:
        return t.lower_ in ("wounded", "injured") or t.lemma_.lower() in INJURY_WORDS
    after = part.doc[part.i + 1] if part.like_num and part.i + 1 < len(part.doc) else None
    return injury(part) or (after is not None and injury(after)) or any(
        c.dep_ in ("amod", "acl") and injury(c) for c in part.children)


def _vaguely_counted(part: Token) -> bool:
    """Is a conjunct of a victims' phrase counted by a word of no number ("several other members",
    "dozens of civilians", "many others": words.tsv vague_counts)?"""
    return part.lower_ in VAGUE_COUNTS or any(
        c.dep_ in ("amod", "det", "nummod", "quantmod") and c.lower_ in VAGUE_COUNTS for c in part.children)


def _attackers_among(noun: Token) -> int:
    """"killed 12 people including the bomber", "12 people including himself": the attacker counted
    among the dead, whom ACLED leaves out of the toll (one each: words.tsv attacker_nouns, or a
    reflexive pronoun)."""
    found = 0
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("including", "among")):
        for part in (c for c in prep.children if c.dep_ == "pobj"):
            for each in (part, *part.conjuncts):
                if each.lower_ in ("himself", "herself") or (
                        each.lemma_.lower() in ATTACKER_NOUNS and each.tag_ == "NN"
                        and any(c.dep_ == "det" and c.lower_ == "the" for c in each.children)):
                    found += 1
    return found


def _counted_along(noun: Token) -> list[Token]:
    """"killed four children along with their mother", "together with two women", "in addition to six
    fighters", "with another 10 bodies yet to be identified": victims told beside the counted ones by
    "along with", "together with", "in addition to" or "with" and a word of addition, hung on the victims' noun or their
    verb, each with a count of its own ("their mother": one; not "along with their families")."""
    found = []
    for holder in (noun, noun.head):
        # "Ramadan al-Sabta alongside nine of his comrades": "alongside" is "along with"
        for alongside in (c for c in holder.children if c.dep_ == "prep" and c.lower_ == "alongside"):
            found.extend(c for c in alongside.children if c.dep_ == "pobj" and _one_count(c) is not None)
        for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ in ("along", "together")):
            for with_ in (c for c in prep.children if c.dep_ == "prep" and c.lower_ == "with"):
                found.extend(c for c in with_.children if c.dep_ == "pobj" and _one_count(c) is not None)
    for holder in (noun, *noun.conjuncts):
        # "killed 15 civilians and 27 fighters with another 10 bodies yet to be identified"
        for with_ in (c for c in holder.children if c.dep_ == "prep" and c.lower_ == "with"):
            found.extend(c for c in with_.children if c.dep_ == "pobj" and c.lemma_.lower() in PEOPLE_NOUNS | DEAD_NOUNS
                         and any(d.lower_ in ADDED for d in c.children if d.dep_ in ("det", "amod"))
                         and not any(t.lemma_.lower() in INJURY_WORDS for t in c.subtree) and _one_count(c) is not None)
    for holder in (noun, noun.head):
        # "killed nine civilians in addition to six fighters"
        for in_ in (c for c in holder.children if c.dep_ == "prep" and c.lower_ == "in"):
            for addition in (c for c in in_.children if c.dep_ == "pobj" and c.lower_ == "addition"):
                for to in (c for c in addition.children if c.dep_ == "prep" and c.lower_ == "to"):
                    found.extend(c for c in to.children if c.dep_ == "pobj" and _one_count(c) is not None
                                 and c.lemma_.lower() in PEOPLE_NOUNS | {noun.lemma_.lower()})  # not "six vehicles"
    return found


def _counted_before(noun: Token, parts: list[Token]) -> list[Token]:
    """"with four children and one man killed in earlier shelling": a counted phrase of people right
    before the victims' own count and "and", which the parser hung elsewhere: the first of the same
    coordinated victims."""
    numbers = [c for c in noun.children if c.dep_ == "nummod" and c.i < noun.i]
    if not numbers or noun.lemma_.lower() not in PEOPLE_NOUNS:
        return []
    first = min(numbers, key=lambda t: t.i).i
    if first < 3 or noun.doc[first - 1].lower_ != "and":
        return []
    before = noun.doc[first - 2]
    if before in parts or before.lemma_.lower() not in PEOPLE_NOUNS or before.sent != noun.sent \
            or before.head == noun or before.dep_ in ("nsubj", "nsubjpass", "dobj") \
            or not any(c.dep_ == "nummod" and c.like_num for c in before.children):
        return []
    return [before]


def _listed_in_apposition(noun: Token) -> list[Token]:
    """"A father a mother and a son were killed": a list of victims written without commas, which the
    parser reads as the first noun and an apposition that heads the rest ("a mother and a son"): the
    apposition and its conjuncts, when each is one victim of its own, a victim noun with a determiner and
    no number (not "its leader Abu X", nor the parts of a count: "23 civilians among them eight children
    and six women"); after the first, kin counted by a possessive ("A man, his wife and their four
    children": six)."""
    def one(t: Token, kin: bool = False) -> bool:
        return t.lemma_.lower() in ONE_VICTIM and t.pos_ == "NOUN" and any(c.dep_ in ("det", "poss") for c in t.children) \
            and (not any(c.dep_ == "nummod" for c in t.children) or (kin and any(c.tag_ == "PRP$" for c in t.children)))
    for appos in (c for c in noun.children if c.dep_ == "appos" and c.i > noun.i):
        rest = [appos, *appos.conjuncts]
        if len(rest) > 1 and one(noun) and all(one(t, kin=True) for t in rest):
            return rest
    return []


def _stray_conjuncts(noun: Token) -> list[Token]:
    """"killing two men from Hezbollah and three men from the committees", "killing six civilians and
    five militiamen": a second counted phrase of the same victims after "and" that the parser hung on
    another word (a conjunct outside the first phrase, its noun the first's or another person noun,
    with its own number), unless its clause tells the injured ("seven civilians were killed among them
    a child and two women and nine others were injured")."""
    if not noun.is_alpha or noun.lemma_.lower() not in VICTIM_NOUNS:
        return []
    inside = {t.i for t in noun.subtree}
    found = []
    for token in noun.doc[noun.i + 1:min(noun.i + 12, noun.sent.end)]:
        if token.dep_ != "conj" or token.i in inside or token.head.i in inside or token.head == noun:
            continue
        if token.head.dep_ == "pobj" and token.head.head.lower_ in PART_PREPS:
            continue  # "left 25 fighters dead, including 15 rebels and 10 soldiers": parts of the count
        if any(c.dep_ == "prep" and c.lower_ in PART_PREPS for c in token.head.children):
            continue  # "killed 33 people, among them 12 children and 4 women": "among them" hung on the first part
        numbers = [c for c in token.children if c.dep_ == "nummod"]
        same = token.lemma_.lower() == noun.lemma_.lower() or token.lemma_.lower() in PEOPLE_NOUNS
        if same and numbers and token.doc[min(numbers, key=lambda t: t.i).i - 1].lower_ == "and" \
                and _clause_of(token).lemma_.lower() not in INJURY_VERBS:  # "... and two women were injured": no dead
            found.append(token)
            break
    return found


def _one_count(noun: Token) -> int | None:
    if noun.lemma_.lower() in SHARE_NOUNS | ANIMAL_NOUNS or noun.lower_ in SHARE_NOUNS | VAGUE_COUNTS:
        return None  # "90 percent killed by gas"; "Dozens Killed", which the parser may take for a name; "2,000 sheep"
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return None  # "killing no one": no dead, no toll (ACLED leaves it blank)
    if noun.like_num:
        if any(g.lemma_.lower() in ANIMAL_NOUNS for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children if g.dep_ == "pobj"):
            return None  # "a shepherd and 40 of his sheep"
        return _value(noun)
    if noun.lemma_.lower() in COLLECTIVE_NOUNS and noun.tag_ == "NN":  # not "the families of five rebels"
        return _members(noun)
    if noun.ent_type_ == "PERSON" or ((noun.pos_ == "PROPN" or (noun.tag_ == "NN" and noun.lemma_.lower() in ONE_VICTIM)) and any(
            c.dep_ == "compound" and c.ent_type_ == "PERSON" for c in noun.children)) or (noun.pos_ == "PROPN" and any(
            c.dep_ == "compound" and c.lemma_.lower() in TITLE_NOUNS and c.i < noun.i - 1 for c in noun.children)):
        # ... "Defence Minister Dawoud Rajha": a title before a name, which the model may call an organisation
        # ... "lawyer Dawood Suleiman al-Shaher member of the commission": one victim noun and a name
        return named_people(noun)  # "Abu Osama al-Iraqi and Amer al-Rafdan", "the group's leader Abu Abdelrahman Salqeen"
    # a number word opening a sentence the parser can take for a name ("Eleven/compound regime fighters")
    numbers = [c for c in noun.children if (c.dep_ in ("nummod", "compound") and (c.like_num or c.lower_ == "dozen"))
               or (c.dep_ in ("amod", "quantmod") and c.like_num and _value(c) is not None)]
    # "fifteen rebels", a number word the parser took for an adjective; "10 to 15 people", a range's
    # first figure hung on the noun or on the second figure (the lower bound counts)
    numbers += [q for n in numbers for q in n.children if q.dep_ == "quantmod" and q.like_num and _value(q) is not None]
    if not numbers:  # "Fifteen SARC volunteers", "At least 23 ISIS (Daesh) militants": the number hung on a
        # name before the noun, a compound or a modifier of it
        numbers = [n for c in noun.children if c.dep_ in ("compound", "nmod") and c.i < noun.i
                   for n in c.children if n.dep_ == "nummod" and n.like_num and n.i < c.i]
    # "40 people 25 of them civilians" with its comma stripped: "25 of them" is a part, no second figure
    numbers = [n for n in numbers if not _partitive(n)] or numbers
    if numbers:
        if any(q.dep_ in ("quantmod", "advmod", "amod") and q.lower_ in UPPER_BOUNDS and q.i < n.i
               for n in numbers for q in n.children):
            return None  # "up to 80 fighters", "as many as 1300": a ceiling, no lower figure
        values = [v for v in (_scaled(n) for n in numbers) if v is not None]
        return min(values) if values else None  # a range: the lower bound
    for child in noun.children:
        if child.dep_ in ("compound", "nmod", "quantmod") and child.lower_ == "dozen":
            return 12
    stray = _number_before(noun)
    if stray is not None:
        return stray
    if noun.lemma_.lower() in PEOPLE_NOUNS and noun.tag_ in ("NNS", "NNPS") and any(
            c.dep_ in ("det", "predet") and c.lower_ == "both" for c in noun.children):
        return 2  # "killing both men", "both drivers"
    if noun.lemma_.lower() in ONE_VICTIM and noun.tag_ in ("NN", "NNP") and any(
            (c.dep_ == "det" and c.lower_ in DEFINITE_ONE) or (c.dep_ == "poss" and c.tag_ == "PRP$") for c in noun.children):
        return 1  # "a woman", "another man", "the woman succumbed to her wounds", "their father"
    if noun.lower_ == "dozen" and any(c.lower_ == "a" for c in noun.children):
        return 12
    return _counted_in_sentence_before(noun)


def _partitive(number: Token) -> bool:
    """Is the figure a part of the dead told before it ("25 of them", "six of whom")?"""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(
        g.dep_ == "pobj" and g.lower_ in ("them", "whom", "those") for g in c.children) for c in number.children)


def _scaled(number: Token) -> int | None:
    """The value of a number word of a victims' phrase with the dozens it counts: "two dozen" 24,
    "half a dozen" 6, "a dozen" 12 (the parser hangs "dozen" on the number or the number on it)."""
    if number.lower_ == "dozen":
        if any(c.lower_ == "half" for c in number.children):
            return 6
        counts = [v for c in number.children if c.like_num and (v := _value(c)) is not None]
        return 12 * (counts[0] if counts else 1)
    value = _value(number)
    if value is not None and any(c.lower_ == "dozen" for c in number.children):
        return 12 * value
    return value


def _counted_in_sentence_before(noun: Token) -> int | None:
    """"A series of strikes killed 14 jihadists and five civilians. The Observatory said the militants
    were killed in strikes in Deir Ezzor and the civilians died in raids in Hasakeh.": victims made
    definite with no number of their own ("the militants", "the civilians") are the victims counted in
    the sentence before in the paragraph, of the same noun or the same kind (words.tsv
    civilian_victims, combatant_victims): their count (not "the rebels" after "100 rebels attacked":
    only victims a death word counts)."""
    if noun.tag_ != "NNS" or not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) \
            or noun.lemma_.lower() not in PEOPLE_NOUNS:
        return None
    before = _previous_in_paragraph(noun.sent)
    if before is None:
        return None
    for death in tokens_with(before, DEATH_WORDS, TOLL_WORDS):
        victims = victims_of(death)
        for counted in [victims, *victims.conjuncts] if victims is not None else []:
            numbers = [c for c in counted.children if c.dep_ == "nummod" and c.like_num]
            if numbers and (counted.lemma_.lower() == noun.lemma_.lower()
                            or _victim_kind(counted) == _victim_kind(noun) != ""):
                return _value(min(numbers, key=lambda t: t.i))
    return None


def _members(group: Token) -> int | None:
    """"a family of six", "a family of five people": as many as the "of" phrase counts, a bare number
    or counted people (not "the family of a soldier": one who was not the dead)."""
    of = next((c for c in group.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    members = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if members is None:
        return None
    if members.like_num:
        return _value(members)
    return count_of(members) if any(c.dep_ == "nummod" and c.like_num for c in members.children) else None


def named_people(noun: Token) -> int:
    """"Abu Osama al-Iraqi and Amer al-Rafdan were killed": the people named in the victims' phrase,
    one each (not the names of what they belong to: "leader of Ahrar al-Sham"); of a list joined by
    "and", which `count_of` sums conjunct by conjunct, the noun's own name only ("Abu Osama al-Iraqi,
    Amer al-Rafdan and Abu Ali al-Anbari": three, not each counting those after it)."""
    summed = any(c.dep_ == "cc" for t in (noun, *noun.conjuncts) for c in t.children)
    apart = ("prep", "appos", "acl", "relcl") + (("conj", "cc") if summed else ())
    inside: set[int] = set()
    stack = [noun]
    while stack:
        token = stack.pop()
        inside.add(token.i)
        stack.extend(c for c in token.children if c.dep_ not in apart)
    names = [e for e in DocIndex.of(noun.doc).ents_within(noun.sent) if e.label_ == "PERSON" and any(t.i in inside for t in e)]
    return max(len(names), 1)


def _number_before(noun: Token) -> int | None:
    """"Also Wednesday 22 Daesh fighters were killed": a number right before the victims' phrase
    that the parser hung on the date before it (the date itself no number of the toll)."""
    first = min([noun] + [c for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i],
                key=lambda t: t.i)
    if first.i == 0:
        return None
    number = first.nbor(-1)
    if number.like_num and not in_timex(number) and number.head != noun and in_timex(number.head):
        return _value(number)
    return None


UNARMED_VICTIMS = CIVILIAN_VICTIMS | WORDS["kin_nouns"] | WORDS["unarmed_roles"]


def kills_civilians(death: Token) -> bool:
    """Does a death word count unarmed people named by what they are ("shot dead a civilian", "killed a
    teacher and his son", "a judge was killed": words.tsv civilian_victims, kin_nouns, unarmed_roles),
    and no fighter among them ("killed a commander and his driver")?"""
    if death.dep_ == "advcl":
        return False  # "clashed ..., killing a teacher": the dead of another act, told by its verb
    if death.lemma_.lower() in DYING_WORDS:
        victims = victims_of(death)
    elif any(c.lower_ == "dead" for c in death.children):  # "shot dead a teacher", "a teacher was shot dead"
        victims = next((c for c in death.children if c.dep_ in ("dobj", "nsubjpass")), None)
    else:
        victims = None
    if victims is None or victims.pos_ not in ("NOUN", "PROPN"):
        return False
    every = [victims, *victims.conjuncts]
    return all(v.lemma_.lower() in UNARMED_VICTIMS for v in every)


@per_token  # asked for each trigger of the sentence
def victims_of(death: Token) -> Token | None:
    """The phrase a death word counts: "were killed" its subject, "killed 20 people" its object,
    "people killed" the noun it describes, "16 dead" its number, "claimed the lives of X" X, "X lost
    their lives" X."""
    lemma = death.lemma_.lower()
    number = death.head.head if death.dep_ == "pobj" and death.head.lower_ == "of" else \
        death.head if death.dep_ == "acl" else None
    if number is not None and death.dep_ == "acl" and number.dep_ == "pobj" and number.head.lower_ == "of":
        number = number.head.head  # "the number of people killed rose to 33": the number the dead are of
    if number is not None and number.lemma_.lower() == "number" and number.pos_ == "NOUN":
        # "The number of dead reached 20", "the number of people killed rose to 20": the figure it is given as
        return toll_figure(number)
    if _with_injured(death):
        return None  # "Twenty people were killed or injured", "causing 20 deaths and injuries": casualties
    if lemma in LOSING_VERBS:
        return _men_lost(death)
    of = next((c for c in death.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if (lemma in DEATH_NOUNS or lemma == "life") and death.pos_ in ("NOUN", "PROPN") and of is not None:
        return next((c for c in of.children if c.dep_ == "pobj"), None)  # "the death of five", "the killing of one"
    if lemma in DEATH_NOUNS and lemma != "death" and death.pos_ in ("NOUN", "PROPN"):
        return death  # "claiming 4 martyrs": the noun is counted itself
    if lemma == "death" and death.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in death.children):
        return death  # "resulting in seven civilian deaths", "reported 15 deaths": the deaths counted themselves
    if lemma in TOLL_NOUNS:
        return toll_figure(death)
    if lemma == "life" and any(c.dep_ == "nummod" for c in death.children):
        return death  # "claimed 17 lives", "cost more than 500 lives": the lives counted themselves
    if lemma == "life" and death.dep_ == "dobj" and death.head.lemma_.lower() == "lose":
        # "three civilians lost their lives": who lost them
        return next((c for c in death.head.children if c.dep_ == "nsubj"), None)
    if lemma == "death" and death.dep_ == "pobj" and death.head.lower_ == "to" and death.head.head.pos_ == "VERB" \
            and death.head.head.lemma_.lower() not in SENTENCING_VERBS:
        # "stabbed two men to death", "a man was beaten to death", "tortured to death a detainee": who
        # the verb acted on, its object or its passive's subject
        verb = death.head.head
        return next((c for c in verb.children if c.dep_ == "dobj"), None) or next(
            (c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if lemma in ("life", "death"):
        return None
    if lemma == "dead" or death.lower_ == "dead":
        if any(c.dep_ == "conj" and c.lemma_.lower() in INJURY_VERBS and not _counted_apart(c) for c in death.children):
            return None  # "leaving 20 people dead or wounded": the dead not counted apart
        if any(c.dep_ == "conj" and c.lemma_.lower() in INJURY_VERBS and 0 < c.i - death.i <= 2
               and all(t.dep_ == "cc" for t in death.doc[death.i + 1:c.i]) and not list(c.children)
               for c in death.head.children):
            return None  # "left 20 dead and wounded", the injury hung on the verb: casualties, not the dead
        number = next((c for c in death.children if c.dep_ == "nummod"), None)
        if number is not None:
            return number
        if death.dep_ in ("oprd", "xcomp", "ccomp", "advcl", "acomp", "advmod") and death.head.pos_ == "VERB":
            # "left 28 militants dead", "shot two civilians dead", "shot dead a civilian" (an advmod to
            # the parser): the object of the verb the state
            # completes ("gunmen shot dead three civilians", the state read as the verb's complement);
            # "two civilians were shot dead", "with 20 people reported dead": the subject of
            # a passive or of a verb of reporting
            return next((c for c in death.head.children if c.dep_ == "dobj"), None) or (next(
                (c for c in death.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if death.head.lemma_.lower() in REPORTING_LEMMAS
                or any(c.dep_ == "auxpass" for c in death.head.children) else None)
        listed = _listed_before_dead(death)
        if listed is not None:
            return listed
        return death.head if death.dep_ in ("amod", "acomp") and death.head.pos_ in ("NOUN", "NUM") else None
    killed = next((c for c in death.children if c.dep_ == "dobj"), None)
    if killed is not None and any(c.dep_ == "auxpass" for c in death.children):
        killed = None  # "34 people were killed 6 of them women": a passive's "object" is a part of its subject
    if killed is not None and any(c.dep_ in ("acl", "amod") and c.tag_ == "VBN" and c.lemma_.lower() in INJURY_VERBS
                                  for c in killed.children):
        killed = None  # a headline's "Child killed two others injured": the object is the injured's subject
    if killed is None and death.pos_ == "VERB" and not any(c.dep_ == "auxpass" for c in death.children):
        # "killed and crucified five civilians": the object the verbs share, hung on the second (not
        # "killed and wounded 20 people": the wounded are no dead)
        shared = next((c for c in death.children if c.dep_ == "conj" and c.pos_ == "VERB"
                       and c.lemma_.lower() not in INJURY_VERBS), None)
        if shared is not None and any(c.dep_ == "cc" for c in death.children):
            killed = next((c for c in shared.children if c.dep_ == "dobj"), None)
    if killed is None and death.pos_ == "VERB" and not any(c.dep_ == "auxpass" for c in death.children):
        killed = _object_read_as_subject(death)
    if killed is None and death.pos_ == "VERB" and not any(c.dep_ == "auxpass" for c in death.children):
        # "killed at least nine": a bare figure after an active death verb, which the parser hung on it
        # as a modifier, is its object
        killed = next((c for c in death.children if c.i > death.i and c.like_num and c.dep_ in ("npadvmod", "advmod")
                       and _value(c) is not None), None) or _range_object(death)
    if killed is not None and (death.tag_ in ("VBG", "VBN") or death.dep_ in ("relcl", "acl")):
        # "fired shells on the neighbourhoods killing two persons"; a past participle with an object
        # is a main verb the parser hung on the noun before it ("A bomb blast killed 16 people"); a
        # relative clause with an object kills it, not the noun it describes ("an attack that killed 213");
        # so does a past tense hung on a noun before it ("airstrikes on a region near Damascus killed 22")
        return killed
    if death.dep_ in ("acl", "amod", "relcl") and death.head.pos_ in ("NOUN", "PROPN", "NUM") and not _own_subject(death):
        return death.head
    # "were killed"; "were slain", which the parser reads as "were" and an adjective
    passive = any(c.dep_ == "auxpass" for c in death.children) or (death.dep_ == "acomp" and death.head.lemma_ == "be")
    # of two subjects the parser gave ("west eight civilians ... were killed"), the one that counts
    subjects = [c for c in death.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) > 1:  # "As well as the 10 killed on the bus, 21 others died": the dead told apart are no subject
        subjects = [c for c in subjects if not _told_as_well_as(c)] or subjects
    counted = [c for c in subjects if count_of(c) is not None]
    # of two counted, the count of people ("01.10.2017 Get short URL 4016 At least 12 civilians were killed")
    subject = next((c for c in counted if c.like_num or c.lemma_.lower() in PEOPLE_NOUNS), counted[0] if counted else
                   subjects[0] if subjects else None)
    if subject is None:
        # "More than 30 people were injured, at least three killed": an elided clause's own number, hung
        # on the death word, counts its dead, not the subject of the clause it follows
        own = next((c for c in death.children if c.i < death.i and c.like_num and c.dep_ in ("npadvmod", "nummod", "advmod")), None)
        if own is not None and not any(c.dep_ in ("aux", "auxpass") for c in death.children):
            return own
    if subject is None and not passive and killed is None:
        # "have been shot beheaded or executed": a participle listed after a passive shares its subject
        listed = _passive_listed_with(death)
        if listed is not None:
            subject, passive = listed, True
    if subject is None and passive:
        subject = _stranded_subject(death)
    if subject is None and death.dep_ in ("xcomp", "oprd", "ccomp", "conj", "acomp"):
        # "Six people were reported killed", "were killed and 13 injured": the governing verb's subject
        subject = next((c for c in death.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and count_of(subject) is None:
        # "(presstv) - "At least 23 civilians ... were killed": a source's tag the parser took for the
        # subject, the counted victims in apposition to it
        subject = next((c for c in subject.children if c.dep_ == "appos" and count_of(c) is not None), subject)
    if passive or lemma in DYING_VERBS or (subject is not None and headline_victim(subject, death)) \
            or (death.dep_ == "xcomp" and death.head.lemma_.lower() in REPORTING_LEMMAS and killed is None):
        return subject  # ... "with 20 people reported killed": who is reported so
    return killed


def _men_lost(lose: Token) -> Token | None:
    """The men a side lost, the dead of its side: the object of a verb of losing (words.tsv losing_verbs)
    when it counts combatants or people ("Jeish al-Fatah has lost over one hundred militants in the
    battle"); none of "lost three tanks", "lost control", "lost their lives" (the lives' own rule)."""
    lost = next((c for c in lose.children if c.dep_ == "dobj"), None)
    if lost is None or lose.pos_ != "VERB":
        return None
    men = COMBATANT_VICTIMS | MEN_NOUNS_LOST | PEOPLE_NOUNS
    if lost.like_num and any(g.lemma_.lower() in men for c in lost.children if c.dep_ == "prep" and c.lower_ == "of"
                             for g in c.children if g.dep_ == "pobj"):
        return lost  # "losing four of its fighters"
    return lost if lost.lemma_.lower() in men else None


def _counted_apart(injured: Token) -> bool:
    """"leaving at least 25 people dead and dozens wounded", "25 dead and 40 wounded": has the word of
    injury coordinated with "dead" a subject or a count of its own, so that the wounded are told apart
    from the dead (not "20 people dead or wounded": one count of casualties)?"""
    return any(c.dep_ in ("nsubj", "nsubjpass", "nummod") for c in injured.children)


def _listed_before_dead(death: Token) -> Token | None:
    """"left 14 jihadists and five Kurds dead": "dead" after the last of coordinated victims, which the
    parser hung on that last one alone, is said of them all: the first, the object of the verb, whose
    count sums the list (not "five dead Kurds": the adjective before its noun)."""
    if death.dep_ != "amod" or death.i < death.head.i or death.head.dep_ != "conj":
        return None
    first = death.head
    while first.dep_ == "conj":
        first = first.head
    return first if first.dep_ == "dobj" else None


def _told_as_well_as(noun: Token) -> bool:
    """Does the noun's phrase open with "as well as" ("As well as the 10 civilians killed on the bus"):
    dead told beside the clause's own, each of its own act, not its subject?"""
    start = noun.left_edge.i  # the parser may hang "as well as" on the noun or before it
    before = [t.lower_ for t in noun.doc[max(start - 3, 0):noun.i] if not t.is_punct]
    within = [t.lower_ for t in noun.doc[start:noun.i] if not t.is_punct]
    return within[:3] == ["as", "well", "as"] or before[:3] == ["as", "well", "as"]


def _passive_listed_with(death: Token) -> Token | None:
    """"15 of the hostages have been shot beheaded or executed": the subject of the passive verb a bare
    past participle is listed after (with its commas stripped the parser hangs it as a clause or a
    conjunct of the one before), none when the participle has a subject, an object or a marker of its
    own ("killed when ..." is a clause of its own)."""
    token = death
    while token.tag_ == "VBN" and token.dep_ in ("conj", "advcl") and not any(
            c.dep_ in ("nsubj", "nsubjpass", "dobj", "mark", "aux", "auxpass") for c in token.children) \
            and not (token.i > 0 and token.nbor(-1).like_num):  # "... and two killed": a count of its own
        token = token.head
        if token.lemma_.lower() in INJURY_VERBS:
            return None  # "five people were wounded ... and two killed": the passive's subject are the wounded
        if any(c.dep_ == "auxpass" for c in token.children):
            return next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    return None


def _range_object(death: Token) -> Token | None:
    """"killing between 1000 and 1800 people", "killed from 500 to well over 1000 people": a range the
    parser hung on an active death verb as a phrase of "between" or "from" is its object, its first
    counted member the lower bound (not "killed between Aleppo and Idlib": no count)."""
    for prep in (c for c in death.children if c.dep_ == "prep" and c.lower_ in ("between", "from") and c.i > death.i):
        members = sorted((c for c in prep.children if c.dep_ == "pobj"), key=lambda t: t.i)
        first = next((c for c in members if (c.like_num and _value(c) is not None) or (
            c.lemma_.lower() in PEOPLE_NOUNS and count_of(c) is not None)), None)
        if first is not None:
            return first
    return None


def _with_injured(death: Token) -> bool:
    """Is the death word coordinated with a word of injury right after it ("were killed or seriously
    injured", "20 people killed and injured", "20 deaths and injuries"), so that the count is of
    casualties, the dead not told apart (not "were killed and 13 injured", "killed at least 16 people
    and wounded 40", "were killed and many more wounded")?"""
    doc = death.doc
    return any(c.dep_ == "conj" and c.lemma_.lower() in INJURY_WORDS and c.i - death.i <= 3 and all(
        t.dep_ == "cc" or (t.dep_ == "advmod" and t.head == c and t.lower_ not in ADDED)
        for t in doc[death.i + 1:c.i]) for c in death.children)


def _object_read_as_subject(death: Token) -> Token | None:
    """"ISIL decapitated another three men also hanging their corpses from crosses": an active death
    verb left with no object, the counted phrase right after it read by the parser as the subject of
    the participle clause that follows (a clause that tells what the doers did next, with the same
    doers, has no subject of its own): that phrase is the verb's object (not "killed as fighting
    raged": no counted phrase right after the verb)."""
    for clause in death.children:
        if clause.dep_ not in ("ccomp", "xcomp", "advcl") or clause.tag_ != "VBG" or clause.i < death.i:
            continue
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.left_edge.i == death.i + 1 and any(
                c.dep_ == "nummod" and c.like_num for c in subject.children):
            return subject
    return _object_read_as_reporters_subject(death)


def _object_read_as_reporters_subject(death: Token) -> Token | None:
    """"Military jets killed at least 60 civilians trying to flee ... activists and a war monitor said":
    a report whose commas were stripped, the counted phrase right after an active death verb with no
    object read by the parser as the subject of the verb of saying that closes the sentence: the death
    verb's object (not the injured of a headline: "Child killed two others injured")."""
    if death.i + 1 >= len(death.doc) or death.i + 1 >= death.sent.end:
        return None
    for token in death.sent:
        if token.dep_ == "nsubj" and token.i > death.i and token.left_edge.i == death.i + 1 \
                and token.head.lemma_.lower() in REPORTING_LEMMAS and token.head.i > token.i \
                and any(c.dep_ == "nummod" and c.like_num for c in token.children):
            return token
    return None


def _own_subject(clause: Token) -> bool:
    """"fighting in which 17 people were killed": a relative clause whose subject is a phrase of its
    own, not its relative pronoun ("militants who were killed"): it counts its subject, not the noun
    it describes."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WDT", "WP", "WP$") and c.lower_ != "that"
               for c in clause.children)


def _stranded_subject(death: Token) -> Token | None:
    """"as a result of the bombing of Raqqa 20 civilians have been killed": a passive death verb left
    with no subject, the counted phrase right before its auxiliaries hung by the parser on the phrase
    before it: that phrase is its subject."""
    auxiliaries = [c for c in death.children if c.dep_ in ("aux", "auxpass") and c.i < death.i]
    if not auxiliaries or min(auxiliaries, key=lambda t: t.i).i == 0:
        return None
    before = death.doc[min(auxiliaries, key=lambda t: t.i).i - 1]
    if before.pos_ in ("NOUN", "PROPN") and before.sent == death.sent and before.head != death and any(
            c.dep_ == "nummod" and c.like_num for c in before.children):
        return before
    return None


def toll_figure(toll: Token) -> Token | None:
    """The figure a death toll is given as: "the death toll reached at least 112 people", "rose to
    25", "was put at 8 civilians", "was 213", "a toll of 44 dead"."""
    of = next((c for c in toll.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    figure = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if figure is not None and (figure.like_num or count_of(figure) is not None):
        return figure  # "gave a toll of 44 dead", "giving a toll of eight dead civilians"
    # "the death toll rose to 25"; as the object: "put the death toll at 494", "raising the toll to 25"
    verb = toll.head if toll.dep_ in ("nsubj", "nsubjpass", "dobj") else None
    if verb is None:
        return None
    for child in verb.children:
        if child.dep_ in ("dobj", "attr") and (child.like_num or count_of(child) is not None):
            return child
        if child.dep_ == "prep" and child.lower_ in ("at", "to"):
            figure = next((c for c in child.children if c.dep_ == "pobj"), None)
            if figure is not None:
                return figure
    return None


def headline_victim(subject: Token, death: Token) -> bool:
    """"2 persons killed 13 injured", "4 citizens killed in rocket attack": a headline's passive
    without its auxiliary, the subject a count of people."""
    if any(c.dep_ in ("aux", "auxpass") for c in death.children):
        return False
    return subject.like_num or (subject.lemma_.lower() in VICTIM_NOUNS | {"people", "person", "citizen"}
                                and any(c.dep_ == "nummod" for c in subject.children))


@per_span
def cumulative(sentence: Span) -> bool:
    """A total over a long time, not one happening's toll: "since 2011", "since the war began",
    "so far", "in total", "the conflict has killed"."""
    if counts_from_war(sentence) or over_months(sentence):
        return True
    for token in tokens_with(sentence, _CUMULATIVE_CUES, DEATH_WORDS):  # the words tested below
        lower = token.lower_
        if in_tally(token) or in_total_apart(token):
            continue  # "bringing the total killed since the offensive began to 200": the act's own dead told apart
        if lower in CUMULATIVE and not counts_things(token) and not days_total(token) or (
                lower == "far" and token.i > 0 and token.nbor(-1).lower_ == "so"):
            return True
        if token.lemma_.lower() in DEATH_WORDS and any(
                c.dep_ == "nsubj" and c.lemma_.lower() in ABSTRACT_SUBJECTS | WAR_WORDS for c in token.children):
            return True
        if token.lemma_.lower() in DEATH_WORDS and war_clause(token):
            return True
        if lower == "since" and (counts_from_onset(token) or counts_from_date(token)):
            return True
    return False


# a timex value of one day: "2017-10-03", a weekday before it is anchored "XXXX-WXX-2"
DAY = re.compile(r"^(?:\d{4}|XXXX)-(?:(?:\d\d|XX)-\d\d|W(?:\d\d|XX)-\d)")


def days_total(total: Token) -> bool:
    """"A total of 40 militants were killed in Russian air strikes near Mayadin on Tuesday", "killed a
    total of 70 terrorists on Monday": "a total of" whose death clause dates the dead by one day counts
    that day's dead (an act's, as Russian and Syrian ministries sum a day's strikes), no running total
    (not "A total of 300 civilians have been killed in Idlib", no day; nor "On Tuesday the Observatory
    said a total of 350 had died": the day dates the saying, not the dead)."""
    if total.lower_ != "total" or not any(c.dep_ == "det" and c.lower_ == "a" for c in total.children) \
            or not any(c.dep_ == "prep" and c.lower_ == "of" for c in total.children):
        return False
    death = next((a for a in total.ancestors if a.lemma_.lower() in DYING_WORDS), None)
    return death is not None and any(
        span_.label_ == "DATE" and DAY.match(span_._.timex.value) and death.is_ancestor(span_.root)
        for span_ in DocIndex.of(total.doc).timex_spans)


ONSET_WORDS = WORDS["onset_words"]


def counts_from_onset(since: Token) -> bool:
    """"127 people have been killed by air strikes and shelling since the army began an offensive
    nearly two weeks ago", "killed since the start of the assault": a toll counted from the start of
    a campaign is its running total, whatever the campaign (the war's own is `counts_from_war`);
    not the yardstick of a superlative ("the deadliest day since the offensive began"), nor a span
    that is no death clause's ("besieged since the assault began")."""
    if compares(since):
        return False
    scope = since.head if since.dep_ == "mark" else next((c for c in since.children if c.dep_ == "pobj"), None)
    if scope is None or scope.lemma_.lower() not in ONSET_WORDS:
        return False
    return any(t.lemma_.lower() in DYING_WORDS for t in scope.ancestors)


def counts_from_date(since: Token) -> bool:
    """"More than 1,200 civilians have been killed by Russian strikes since September": a toll counted
    from a month or a year is a running total from then, not one happening's (not from a day: "since
    Tuesday in the fight over Tabqa base" opens one battle's span; not the yardstick of a superlative:
    "the deadliest attack since January", nor a span that is no death clause's: "besieged since July")."""
    if compares(since) or since.dep_ != "prep":
        return False
    date = next((c for c in since.children if c.dep_ == "pobj"), None)
    if date is None or not in_timex(date):
        return False
    timex = next((span_ for span_ in DocIndex.of(since.doc).timex_spans if span_.start <= date.i < span_.end), None)
    if timex is None or timex.label_ != "DATE" or not MONTH_OR_YEAR.match(timex._.timex.value):
        return False  # "killed since Tuesday in the fight over Tabqa base": a day opens one battle's span
    return any(t.lemma_.lower() in DYING_WORDS for t in since.ancestors)


MONTH_OR_YEAR = re.compile(r"^(?:\d{4}|XXXX)(?:-\d\d)?$")  # "2016-09", "XXXX-09", "2015": no day


# a toll counted over days or more ("killed over the past three days", "executing 23 others in the
# past five days", "in less than one month have killed over 350", "over three years"): a running
# total of many acts, not one happening's (a day's "in the past 24 hours" is one day's toll)
RUNNING_DURATION = re.compile(r"^P(?:X|\d+)(?:D|W|M|Y|DE|CE)$")


# words after a duration that make it the distance to a point in time ("a week after", "days before",
# "three days ago", "two weeks later"), not a span the dead are counted over
OFFSET_WORDS = SEQUENCE_WORDS | {"ago", "later", "earlier"}


def _several_days(value: str) -> bool:
    days = re.fullmatch(r"P(\d+)D", value)
    return days is None or int(days.group(1)) >= 2


def over_months(sentence: Span) -> bool:
    """Does the sentence count its dead over a duration of two days or more ("killed over the past
    three days", "in less than one month have killed over 350", "killed in over three years of
    turmoil")? Not a duration of something else ("a town under siege for more than a year", "the
    350 hostages taken in the past week have been shot") nor the yardstick of a superlative ("the
    deadliest such incident in almost a year")."""
    for span_ in DocIndex.of(sentence.doc).timex_spans:
        if not sentence.start <= span_.start < sentence.end:
            continue
        if not (span_.label_ == "DURATION" and RUNNING_DURATION.match(span_._.timex.value)
                and _several_days(span_._.timex.value)) and not recent_span(span_):
            continue
        if span_.end < sentence.end and sentence.doc[span_.end].lower_ in OFFSET_WORDS:
            continue  # "a week after an attack that killed 20", "two days ago": a point in time, no span
        token = span_.root
        if token.head.dep_ == "prep" and compares(token.head):
            continue  # "the deadliest such incident in almost a year"
        if _dead_in_the_span(token):
            return True  # "after a 17-day offensive in which at least 500 rebels were killed"
        if _ends_before(token):
            continue  # "killing 30 soldiers, after a siege of 55 days": the dead come after the span
        if in_tally(token):
            continue  # "killed 23 on Monday, bringing the toll over three days to 80": the act's own dead told apart
        while token.pos_ not in ("VERB", "AUX") and token.head != token:
            token = token.head
            if any(c.tag_ == "JJS" or c.lower_ == "first" for c in token.children if c.dep_ == "amod"):
                break  # a superlative's yardstick
        else:
            if token.lemma_.lower() in DYING_WORDS or any(
                    c.lemma_.lower() in DEATH_NOUNS | TOLL_NOUNS for c in token.children):
                return True
    return False


def _dead_in_the_span(token: Token) -> bool:
    """Does the duration measure a noun of the fighting whose relative clause tells its dead ("after a
    17-day offensive in which at least 500 rebels were killed", "after days of fighting in which more
    than 500 people died")? They are counted over the span, a running total."""
    nouns = [token, *([token.head] if token.dep_ in ("compound", "amod", "nmod") else []),
             *(g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj")]
    return any(c.dep_ == "relcl" and c.lemma_.lower() in DYING_WORDS for n in nouns for c in n.children)


def _ends_before(token: Token) -> bool:
    """Is the duration inside a phrase of "after", "following" or "before" below its verb ("killing 30
    soldiers, after a siege of 55 days")? The span ends at a point the dead are told from, no span they
    are counted over."""
    for a in token.ancestors:
        if a.pos_ in ("VERB", "AUX") and a.dep_ != "prep":
            return False
        if a.dep_ == "prep" and a.lower_ in ("after", "following", "before"):
            return True
    return False


RECENT_SPAN_WORDS = WORDS["recent_span_words"]
SPAN_UNITS = WORDS["span_units"]
SPAN_PREPS = {"in", "over", "during", "within", "throughout"}


def recent_span(span_: Span) -> bool:
    """Is the time expression a span of a week or more reaching up to now, after a preposition of
    extent ("killed there in the last month", "during the past year": words.tsv recent_span_words,
    span_units), which the tagger may date as a point ("PAST_REF") rather than measure? Not the
    unit alone ("last month": when, not how long), nor a day ("in the last 24 hours")."""
    words = [t.lower_ for t in span_]
    return len(words) == 3 and words[0] == "the" and words[1] in RECENT_SPAN_WORDS \
        and span_[2].lemma_.lower() in SPAN_UNITS and span_.start > 0 \
        and span_.doc[span_.start - 1].lower_ in SPAN_PREPS


def in_tally(token: Token) -> bool:
    """Is the word inside a participle clause that tells the running total an act brings the toll to,
    beside a clause of the act's own dead ("Air strikes killed 23 civilians on Monday, bringing the toll
    over three days to 80", "raising the death toll from a week of strikes to 80": words.tsv
    tally_verbs)? The total is that clause's; the sentence's own toll is not a total for it."""
    return any(a.tag_ == "VBG" and a.lemma_.lower() in TALLY_VERBS and (
        (a.dep_ in ("advcl", "xcomp", "conj", "dep") and a.head.lemma_.lower() in DYING_WORDS | REPORTING_LEMMAS)
        # "killed 12 people bringing the toll ... to 300" with its comma stripped: hung on the victims
        or (a.dep_ == "acl" and a.head.head.lemma_.lower() in DYING_WORDS)) for a in (token, *token.ancestors))


def tallied_campaign(token: Token) -> bool:
    """Is the act word inside a clause of the running total an act brings the toll to (`in_tally`),
    the total counted over a span ("since", a month or a year, days or more): the campaign whose total
    it is, told in passing ("Coalition strikes on Raqqa killed 11 civilians, bringing to 224 the toll of
    coalition strikes on the city since June 6", "bringing the number of civilians killed in coalition
    strikes this year to 500")? Not an act whose toll the clause updates ("bringing the toll from
    Monday's car bomb to 45")."""
    tally = next((a for a in (token, *token.ancestors) if a.tag_ == "VBG" and a.lemma_.lower() in TALLY_VERBS), None)
    if tally is None or not in_tally(token):
        return False
    inside = {t.i for t in tally.subtree}
    return any(t.lower_ == "since" for t in tally.subtree) or any(
        span_.root.i in inside and (MONTH_OR_YEAR.match(span_._.timex.value) or (
            span_.label_ == "DURATION" and RUNNING_DURATION.match(span_._.timex.value)))
        for span_ in DocIndex.of(token.doc).timex_spans)


def in_total_apart(token: Token) -> bool:
    """"Russian air strikes killed 30 civilians in Mayadin on Monday the Observatory said adding that the
    overall toll since Friday stood at 120": is the word inside the phrase of a toll noun (words.tsv
    toll_nouns) whose own clause tells the total, beside a death word outside that clause that tells the
    act's own dead? The total is that clause's; the sentence's own toll is not a total for it."""
    toll = next((t for t in (token, *token.ancestors) if t.lemma_.lower() in TOLL_NOUNS and t.pos_ == "NOUN"), None)
    if toll is None or toll.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return False
    clause = toll.head
    inside = {t.i for t in clause.subtree}
    return any(t.i not in inside and t.lemma_.lower() in DYING_WORDS for t in token.sent)


def counts_things(total: Token) -> bool:
    """"a total of 18 airstrikes": the total counts acts or things, not the dead."""
    of = next((c for c in total.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return counted is not None and counted.pos_ == "NOUN" and not counted.like_num and \
        counted.lemma_.lower() not in VICTIM_NOUNS | {"people", "person", "citizen"}


def connected(death: Token, head: Token) -> bool:
    """Does a death word tell of the trigger's happening: the trigger itself, within its phrase
    ("struck, killing 12"), or governing it ("were killed when warplanes struck")? Not the dead of
    another act the trigger is timed by ("struck Idlib a day after an attack that killed 20")."""
    if death.is_ancestor(head) and _in_contrast_clause(head, death):
        return False  # "Three children were killed in air raids on X while a car bomb exploded": the bomb's own
    if not death.is_ancestor(head) and _timed_apart(death, head):
        return False  # "Shelling hit Douma after 18 people were reported dead in Harasta": the other happening's dead
    listed = _listed_before_dead(death)
    if listed is not None:  # "Clashes left 14 jihadists and five Kurds dead": the dead the act's verb leaves
        return connected(listed, head)
    if _commented_on(death, head):
        return True
    if death == head or death.is_ancestor(head) or (head.is_ancestor(death) and not _timed_by(death, head)):
        return True
    # words of one clause: "the fighting claimed the lives of 245", "a bomb exploded and killed six"
    if death.head == head.head:
        return True
    if death.dep_ == "acl" and death.head.dep_ == "dobj" and death.head.head == head.head and head.dep_ == "nsubj":
        return True  # the dead the act's verb leaves: "The shelling left 12 people killed"
    if head.dep_ == "acl" and head.head.dep_ in ("nsubj", "nsubjpass") and connected(death, head.head.head):
        return True  # the act describes its verb's subject: "a shell fired by troops hit X, killing five"
    clause = _clause_of(death)
    if clause != death and any(c.dep_ == "nsubj" and c.is_ancestor(head) for c in clause.children):
        return True  # the act is the subject of the death word's clause: "rounds of shelling ... left 11 people dead"
    if clause != death and any(c.dep_ == "nsubj" and c == head for c in clause.children) and not _timed_by(death, clause):
        # the act itself is that subject, the dead in its verb's phrase: "the shelling led to the death of
        # seven civilians", "resulted in the deaths of six" (not "came a day after the death of seven")
        return True
    # a death word the object or complement of another verb tells through it: "claiming the lives of
    # ten in an airstrike", "two people were reported killed and 22 injured in an attack"
    # a state of the dead completing a verb tells through it too: "18 people were reported dead after air strikes"
    return death.dep_ in ("dobj", "xcomp", "oprd") and death.head != death and connected(death.head, head)


TOPIC_VERBS = WORDS["topic_verbs"]


def _commented_on(death: Token, head: Token) -> bool:
    """""The elimination of 34 militants has been confirmed" Konashenkov stated commenting on airstrikes
    near Hatla": is the trigger the act a speaker comments on ("commenting on", "speaking about":
    words.tsv topic_verbs, a clause of the verb of saying), the death word inside what the speaker says?
    The dead reported are that act's (as the Russian defence ministry's briefings are written), unless
    they are placed apart ("20 civilians were killed in Idlib, commenting on the strikes near Palmyra")."""
    prep = head.head
    if head.dep_ != "pobj" or prep.lower_ not in ("on", "about") or prep.dep_ != "prep":
        return False
    topic = prep.head
    if topic.lemma_.lower() not in TOPIC_VERBS or topic.dep_ not in ("xcomp", "advcl") or topic.tag_ != "VBG":
        return False
    speaker = topic.head
    return speaker.lemma_.lower() in REPORTING_LEMMAS and not _placed(_clause_of(death)) and any(
        c.dep_ == "ccomp" and (c == death or c.is_ancestor(death)) for c in speaker.children)


def _in_contrast_clause(head: Token, death: Token) -> bool:
    """Is the trigger, below the death word, inside a clause of contrast ("while", "whereas": words.tsv
    contrast_marks) that tells another act beside the dead ("Three children were killed in five air
    raids on Jisr al-Shigour while a car bomb exploded outside a mosque")?"""
    token = head
    while token != death and token.head != token:
        if any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in token.children):
            return True
        token = token.head
    return False


def _timed_by(death: Token, head: Token) -> bool:
    """Is the death word, below the trigger, inside a phrase that times it by another happening
    ("after", "before", "following"), inside a clause that tells another act beside it ("while",
    "whereas": words.tsv contrast_marks), or inside a relative clause that tells what an instrument
    other than the trigger did ("protests ... suppressed with a bomb at a mosque in which killed 10":
    the bomb's dead, told by the death word's own trigger)?"""
    token = death
    while token != head and token.head != token:
        if token.lower_ in SEQUENCE_WORDS and token.dep_ in ("prep", "mark"):
            return True
        if token.dep_ == "relcl" and token.head != head and token.head.i in _instrument_words(head.sent):
            return True  # "protests ... suppressed with a bomb at a mosque in which killed 10": the bomb's dead
        if any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in token.children):
            return True  # "X shelled al-Midan while another group shelled Bab al-Faraj killing 15": another act's dead
        token = token.head
    return False


def _timed_apart(death: Token, head: Token) -> bool:
    """Is the death word, on its way up to the clause it shares with the trigger, inside a phrase or a
    clause that times the trigger's act by another happening ("after", "before", "following": words.tsv
    sequence_words), as a preposition ("came a day after the death of seven civilians") or as the mark
    of a clause ("hit Douma after 18 people were reported dead")? Those dead are the other happening's."""
    token = death
    while token != head and not token.is_ancestor(head) and token.head != token:
        if token.lower_ in SEQUENCE_WORDS and token.dep_ in ("prep", "mark"):
            return True
        if any(c.dep_ == "mark" and c.lower_ in SEQUENCE_WORDS for c in token.children):
            return True
        token = token.head
    return False


def _instrument_words(sentence: Span) -> frozenset[int]:
    """The positions of the words of the instruments the sentence names (data/lexicon/instruments.tsv)."""
    return frozenset(t.i for words, _ in instruments_in(sentence) for t in words)


def fatalities_of(sentence: Span, trigger: TriggerMatch) -> int | None:
    """The toll of the trigger's happening: the death statement of its sentence nearest to it."""
    return toll_of(sentence, trigger)[0]


def toll_of(sentence: Span, trigger: TriggerMatch) -> tuple[int | None, str]:
    """(the toll, the victims' words as written: "at least 10 Syrian soldiers"), (None, "") when
    the sentence states none for the trigger's happening. Any happening but a change of hands has
    its dead ("five crewmen killed when their helicopter crashed")."""
    entry = trigger.entry
    if entry.control:
        return None, ""
    if (cumulative(sentence) or totalled_after(sentence)) and not ongoing_campaign(sentence):
        return None, ""
    tolls = []
    head = trigger.head
    for token in tokens_with(sentence, DEATH_WORDS, TOLL_WORDS | LOSING_VERBS):  # a death word
        if not connected(token, head):
            continue  # the dead of another clause's happening
        victims = victims_of(token)
        victims = _whole_before_among(victims) or victims if victims is not None else None
        value = count_of(victims) if victims is not None else None
        if value is not None:
            tolls.append((abs(token.i - trigger.head.i), value, victims, token))
    if not tolls:
        return (None, "") if counts_a_part(sentence) else follow_up_toll(sentence)
    updated = _earlier_toll_updated(tolls)
    if updated is not None:
        return updated
    _, value, victims, death = min(tolls, key=lambda item: item[0])
    for _, more, others, word in tolls:
        if others != victims and both_clauses(death, word, victims, others):
            value += more  # "346 fighters were killed and more than 170 soldiers had died": one toll
    for word, others in _also_died_beside(death, head):
        value += count_of(others)  # "killed 12 soldiers while 20 rebels also died": the fight's other dead
    risen, risen_text = risen_toll(sentence)
    if risen is not None and risen > value:
        return risen, risen_text  # "... killing 40 people. The toll rose to 45.": the count updated
    other_report, other_text = follow_up_toll(sentence, another_report=True, of=victims)
    if other_report is not None and other_report > value and STRICT_BOUND.match(victims_text(victims)) \
            and not strict_bound(other_text):
        # "killed more than 50 people ... The Observatory said the attack killed 15 civilians and 27 fighters
        # with another 10 bodies": a rounded bound gives way to the figure above it, the same count told exactly
        return other_report, other_text
    if other_report is not None and other_report < value and not strict_bound(other_text):
        # "... killing at least 100. The Observatory counted 24 dead.": of conflicting reports, the lowest;
        # not the dead counted one by one ("the mother died shortly after"), nor a bound below ("more than 20")
        return other_report, other_text
    # not another report taken: dead the next sentence adds (a bound, "the mother died shortly after", is no report)
    added, added_text = follow_up_addition(sentence)
    if added:  # "... killing the group's leader. Six other members also died.": all the event's dead
        return value + added, f"{victims_text(victims)} and {added_text}"
    return value, victims_text(victims)


def _earlier_toll_updated(tolls: list[tuple[int, int, Token, Token]]) -> tuple[int, str] | None:
    """The toll of a sentence that updates an earlier count by the dead told added to it ("The
    monitoring group updated its earlier death toll of 15 for the strike on Urum al-Joz saying three
    more people had died of serious injuries"): the earlier figure, a toll noun marked earlier
    (words.tsv earlier_figures), and the addition (`told_as_added`) summed, 18; None when the
    sentence tells no such pair (its toll the nearest as ever: "three more people died" alone adds)."""
    earlier = [(value, victims, death) for _, value, victims, death in tolls if death.lemma_.lower() in TOLL_NOUNS
               and any(c.lower_ in EARLIER_FIGURES for c in death.children if c.dep_ in ("amod", "advmod"))]
    added = [(value, victims) for _, value, victims, death in tolls if told_as_added(death, victims)]
    if len(earlier) != 1 or len(added) != 1:
        return None
    (value, victims, _), (more, others) = earlier[0], added[0]
    return value + more, f"{victims_text(victims)} and {victims_text(others)}"


@per_span
def risen_toll(sentence: Span) -> tuple[int | None, str]:
    """The figure the next sentence of the paragraph says the toll rose to ("The death toll has since
    risen to 45", "The toll rose to 45": a toll noun the subject of a verb of rise, words.tsv
    update_verbs), when it turns to no other act and names no place nor date of another act: a later
    count of the act's dead, which supersedes the one its sentence told (not the lower of two reports:
    a toll that rose is the same count, updated), nor told by other sources ("Other opposition websites
    stated that the death toll has risen to 85": another report, of which the lowest counts).
    (None, "") when there is none."""
    following = _next_in_paragraph(sentence)
    if following is None or cumulative(following) or turns_to_another_act(following) or any(
            t.lemma_.lower() in REPORTING_LEMMAS and any(c.dep_ == "nsubj" and any(
                w.lower_ in ("other", "another") for w in c.subtree) for c in t.children) for t in following):
        return None, ""
    for toll in tokens_with(following, TOLL_NOUNS):
        if not updated_toll(toll):
            continue
        figure = toll_figure(toll)
        value = count_of(figure) if figure is not None else None
        if value is not None and _names_nothing_new(_clause_of(toll), sentence, toll):
            return value, victims_text(figure)
    return None, ""


def _also_died_beside(death: Token, head: Token) -> list[tuple[Token, Token]]:
    """"Clashes killed 12 soldiers while 20 rebels also died": a clause of contrast (words.tsv
    contrast_marks) on the death word whose own verb is a death word told with "also", no act and no
    place of its own: other dead of the same happening, with their victims (not "while six children
    were also killed in Damascus air raids": an act and a place of its own). Of a participle that tells
    the dead, the clause may hang on the verb it goes on from ("attacked army positions, killing 20
    soldiers, while 15 rebels also died")."""
    found = []
    participle = death.tag_ == "VBG" and death.dep_ == "advcl"
    for clause in [*death.children, *(c for c in death.head.children if c != death and participle)]:
        losing = clause.lemma_.lower() in LOSING_VERBS and clause.tag_ == "VBG"  # "while losing four of its fighters"
        if clause.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in clause.children) \
                or (clause.lemma_.lower() not in DYING_WORDS | DYING_VERBS and not losing) \
                or not (losing or any(c.dep_ == "advmod" and c.lower_ in ALSO for c in clause.children)) \
                or _placed(clause) or any(c.dep_ == "agent" for c in clause.children):
            continue
        victims = victims_of(clause)
        if victims is not None and count_of(victims) is not None and victims.i != head.i:
            found.append((clause, victims))
    return found


@per_span
def ongoing_campaign(sentence: Span) -> bool:
    """Does the sentence count its dead in a campaign told as going on ("Over 750 people have so far been
    killed in the ongoing bombing campaign on the city", "in the ongoing ferocious assault on eastern Aleppo
    since it was launched on November 15": words.tsv ongoing_words)? Its running total is the campaign's
    toll, as ACLED keeps it for a campaign reported as one happening (not a war's: "the ongoing conflict")."""
    for ongoing in tokens_with(sentence, ONGOING_WORDS):
        act = ongoing.head
        if ongoing.dep_ == "amod" and act.dep_ == "pobj" and act.head.lower_ == "in" \
                and act.lemma_.lower() in ACT_NOUNS | CAMPAIGN_NOUNS and act.lemma_.lower() not in WAR_WORDS:
            return True
    return False


@per_span
def totalled_after(sentence: Span) -> bool:
    """"At least 327 people have been killed in clashes in Aleppo. SOHR said 76 children and 41 women
    were among those killed in clashes over the last 15 days.": the next sentence of the paragraph
    counts some of the same dead ("among those killed", "among the dead") over a duration of days or
    more (`over_months`), so the toll is a running total."""
    following = _next_in_paragraph(sentence)
    return following is not None and _among_the_dead(following) and over_months(following)


def _among_the_dead(sentence: Span) -> bool:
    for token in tokens_with(sentence, ("those",), _AMONG_CUES):  # a cue word
        if token.dep_ == "pobj" and token.head.lower_ == "among" and (
                (token.lower_ == "those" and any(c.lemma_.lower() in DEATH_WORDS for c in token.children))
                or (token.lemma_.lower() in _AMONG_CUES
                    and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children))):
            return True
    return False


@per_span
def counts_a_part(sentence: Span) -> bool:
    """"at least 10 of the dead came in strikes outside the hospital", "the rest of the dead were IS
    fighters": the sentence places part of a toll told before (a count "of" the dead made definite);
    it tells no toll of its own, and a toll the next sentence gives is the whole's, not the part's."""
    for token in tokens_with(sentence, ("those", "them"), _PART_CUES):  # a word of the dead
        if token.dep_ != "pobj" or token.head.lower_ != "of" or token.head.head.pos_ not in ("NUM", "NOUN", "ADJ", "PRON"):
            continue
        dead = token.lemma_.lower() in _PART_CUES or (token.lower_ in ("those", "them") and (
            token.lower_ == "them" or any(c.lemma_.lower() in DEATH_WORDS for c in token.children)))
        if dead and (token.lower_ in ("those", "them") or any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)):
            return True
    return False


# words that make a toll an addition to one told before ("another five", "three more died"), not
# another report of it
ADDED = {"another", "more", "other", "others", "additional", "further"}
ALSO = {"also", "too"}  # "seven rebels were also killed": dead beside those told before


def told_as_added(death: Token, victims: Token, words: frozenset[str] | set[str] = ADDED) -> bool:
    """Are the dead told as others beside those told before ("six other members also died", "another
    five", "three more people", "seven rebels were also killed"), not as another count of the same dead?
    With `words` {"other", "others"}: as other victims of the same act, not as a later count ("another
    five died in hospital" may update the toll told)."""
    return any(t.lower_ in words for t in _phrase_words(victims)) or any(
        c.dep_ == "advmod" and c.lower_ in ALSO for c in _clause_of(death).children)


def _phrase_words(noun: Token) -> list[Token]:
    """The words of a victims' phrase but those of its prepositional phrases ("15 civilians and 27
    fighters with another 10 bodies": "another" counts more dead within the phrase, it does not make
    the phrase an addition to dead told before)."""
    words, stack = [], [noun]
    while stack:
        token = stack.pop()
        words.append(token)
        stack.extend(c for c in token.children if c.dep_ != "prep")
    return words


LATER = {"later", "afterwards", "afterward", "subsequently"}


def died_later(death: Token) -> bool:
    """Is the death told as coming after the act ("the mother died shortly after from shock", "a man
    died later of his wounds"): one more dead of the same act?"""
    return any((c.dep_ == "advmod" and c.lower_ in LATER)
               or (c.dep_ == "prep" and c.lower_ == "after" and not any(g.dep_ == "pobj" for g in c.children))
               for c in _clause_of(death).children)


@per_span
def follow_up_addition(sentence: Span) -> tuple[int, str]:
    """The dead the next sentence of the paragraph adds to the act just told, when it tells no act of
    its own, nor a place or date the act's sentence does not name, told as other victims ("other",
    "also") or as dying after the act ("the mother died shortly after from shock"): "... killing the group's leader Abu Abdelrahman Salqeen. The Observatory said six other
    Ahrar al-Sham members also died." (ACLED counts all the dead of the event: 1 + 6); (0, "") when it
    adds none (nor for "another five died in hospital", which may be a later count of the same toll)."""
    following = _next_in_paragraph(sentence)
    if following is None or cumulative(following) or counts_a_part(following) or _opens_with_shift(following) \
            or any(t.dep_ == "advmod" and t.lower_ in EARLIER_FIGURES for t in following):
        return 0, ""
    for trigger in find_triggers(following):
        if trigger.head.lemma_.lower() not in HARM_OR_DEATH_VERBS and not refers_back(trigger.head):
            return 0, ""
    for token in tokens_with(following, DEATH_WORDS, TOLL_WORDS):
        victims = victims_of(token)
        value = count_of(victims) if victims is not None else None
        if value is not None and (told_as_added(token, victims, {"other", "others"}) or died_later(token)) \
                and _names_nothing_new(_act_clause(token), sentence) \
                and not _kills_object(token, victims):
            return value, victims_text(victims)
    return 0, ""


def both_clauses(death: Token, other: Token, victims: Token | None = None, others: Token | None = None) -> bool:
    """Two coordinated death clauses of one happening ("346 IS fighters were killed and more than 170
    members of government forces had died"), not of two places ("five were killed in Aleppo and three
    died in Idlib"), nor of two acts that each kill their own victims ("the rebel barrage killed 10
    people in Damascus while the air strikes fired at Ghouta killed 82 people": each clause's object
    is what its own act killed; "killed and crucified two more citizens in al-Hessan executed two
    others in Mouhessen": the first verb's victims the object it shares with the verb beside it)."""
    losing = other.lemma_.lower() in LOSING_VERBS or death.lemma_.lower() in LOSING_VERBS
    if not ((other.dep_ == "conj" and other.head == death) or (death.dep_ == "conj" and death.head == other)):
        return False
    if _kills_object(death, victims) and _kills_object(other, others) and not losing:
        return False  # (a verb of losing tells the side's own dead, no act of its own: "killed 25 and lost four")
    return not (_placed(death) and _placed(other))


def _kills_object(death: Token, victims: Token | None = None) -> bool:
    """Is the death word an active verb with its victims as object ("killed 10 people", "killed and
    crucified five civilians": `victims`, the object it shares), so that its clause tells an act of its
    own, not the dead of a shared one ("170 soldiers had died")?"""
    return death.pos_ in ("VERB", "AUX") and (any(c.dep_ == "dobj" for c in death.children) or (
        victims is not None and victims.dep_ == "dobj" and not any(c.dep_ == "auxpass" for c in death.children)))


# clauses of their own below a word ("15 deaths citing a statement from Istanbul"): not where the dead died
CLAUSES = ("acl", "relcl", "advcl", "ccomp", "xcomp")


def _placed(death: Token, apart: tuple[str, ...] = ()) -> bool:
    """Does the death clause name a place of its own: a preposition of place with a name or a noun
    of place in its phrase ("in the Bab al-Nasr area", "in Fardous neighbourhood"), the clause's
    conjoined clauses apart (and the clauses of `apart`)?"""
    stack = [c for c in death.children if c.dep_ != "conj" and c.dep_ not in apart]
    while stack:
        token = stack.pop()
        if token.dep_ == "prep" and token.lower_ in PLACE_PREPS and any(
                t.pos_ == "PROPN" or t.lemma_.lower() in PLACE_NOUNS for t in token.subtree):
            return True
        stack.extend(c for c in token.children if c.dep_ != "conj" and c.dep_ not in apart)
    return False


@per_span
def follow_up_toll(sentence: Span, another_report: bool = False, of: Token | None = None) -> tuple[int | None, str]:
    """The toll the next sentence of the paragraph states for the act just told, when it tells no
    act of its own: "Syrian jets struck al-Bab. The report said at least 70 terrorists were slain.",
    "... Four people were killed in the attack.", "The death toll was put at 8." It tells none of its
    own when its only acts are the dead themselves or a noun that refers back ("the attack",
    "Saturday's strike"), and it names no place nor date the act's sentence does not. With
    `another_report`, a toll told as an addition ("another five", "three more") is none: the act's
    sentence told its own toll, and only another report of it is wanted: of the same dead as `of`,
    the victims it told (not "Six civilians were killed" after "38 fighters were killed")."""
    following = _next_in_paragraph(sentence)
    if following is not None and another_report and not find_triggers(following) and not any(
            lemma in DEATH_OR_TOLL for lemma in DocIndex.of(following.doc).lemmas[following.start:following.end]):
        following = _next_in_paragraph(following)  # "... Images showed bodies. The monitor counted 24 dead."
    if following is None or cumulative(following) or turns_to_another_act(following):
        return None, ""
    if another_report and any(t.dep_ == "advmod" and t.lower_ in EARLIER_FIGURES for t in following):
        return None, ""  # "The source earlier put the death toll at 5": outdated, not another report
    for trigger in find_triggers(following):
        word = trigger.head
        if word.lemma_.lower() not in HARM_OR_DEATH_VERBS and not refers_back(word):
            return None, ""
    index = DocIndex.of(following.doc)
    for i in range(following.start, following.end):  # a Token only for a death word
        if index.lemmas[i] in TOLL_WORDS or index.lowers[i] in DEATH_WORDS:
            token = following.doc[i]
            victims = victims_of(token)
            value = count_of(victims) if victims is not None else None
            if value is not None and not (another_report and told_as_added(token, victims)):
                if not _names_nothing_new(_act_clause(token), sentence, token) or (of is not None and (
                        other_dead(of, victims) or a_group_of(victims, of) or _part_told_again(victims, of, value)
                        or _other_sides(of, victims))) or (
                        not another_report and _counted_before_as_the(victims, sentence)):
                    return None, ""
                return value, victims_text(victims)
    return (None, "") if another_report else _included_dead(following, sentence)


def _whole_before_among(victims: Token) -> Token | None:
    """The counted dead a part follows with "among them" ("At least 11 civilians among them three
    children were killed", the comma lost, which the parser may hang apart from the part after a
    dateline): the whole, the noun counted right before "among them" or "among whom", not the part
    (11, not 3); None when no such count is told before."""
    start = victims.left_edge.i
    doc = victims.doc
    if start < 3 or doc[start - 1].lower_ not in ("them", "whom") or doc[start - 2].lower_ != "among":
        return None
    whole = doc[start - 3]
    if whole.pos_ not in ("NOUN", "PROPN", "NUM") or whole.sent != victims.sent:
        return None
    return whole if count_of(whole) is not None else None


def _other_sides(first: Token, then: Token) -> bool:
    """Do two victims' phrases name the dead of two different sides ("Another 17 IS group fighters were
    killed in air strikes", then "It said two Syrian rebels had been killed": Islamic State's and the
    opposition's dead, by the actor lexicon)? Other dead, not a lower report of the same; not "17 IS
    group fighters" then "15 IS militants", nor a phrase naming no side ("15 people")."""
    sides = [_side_named(first), _side_named(then)]
    return all(sides) and sides[0] != sides[1]


def _side_named(victims: Token) -> str:
    """The side of the actor the victims' phrase names up to its noun ("17 IS group fighters",
    "two Syrian rebels"), "" when none."""
    index = DocIndex.of(victims.doc)
    for ent in index.ents_within(victims.sent):
        if victims.left_edge.i <= ent.start and ent.end - 1 <= victims.i:
            actor = actor_for(ent)
            if actor is not None and actor.side:
                return actor.side
    return ""


def _part_told_again(victims: Token, of: Token, value: int) -> bool:
    """Does a count of the dead with "the" ("Most of the 50 fighters killed in the attacks west of
    Aleppo were foreigners") refer back to one of the coordinated counts of the toll told before ("US
    air strikes killed 50 Al-Qaeda militants and eight civilians"): that part again, its figure one
    of theirs, not another report of the whole (58)? Not "the 40 people killed" after "45 people"."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in victims.children):
        return False
    parts = [of, *(c for c in of.conjuncts if c.i > of.i)]
    return len(parts) > 1 and any(_one_count(part) == value for part in parts)


def _counted_before_as_the(victims: Token, sentence: Span) -> bool:
    """"Airstrikes on Idlib province killed at least 26 civilians. The Observatory said warplanes
    carried out six strikes in Hass. It said 11 children were among the 26 civilians killed.": a count
    of the dead with "the" ("the 26 civilians") refers back to dead a sentence before the act's in the
    paragraph counted: the toll of that act, told already, not of the act just told. With no dead
    counted before ("Warplanes struck Hass. The 26 civilians killed included 11 children.") it is."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in victims.children) and _toll_told_before(sentence)


def _included_dead(following: Span, sentence: Span) -> tuple[int | None, str]:
    """"Air strikes hit Saraqeb on Tuesday. The dead included four children and two women.", "Among the
    dead were four children": the dead the next sentence lists as included among the act's, when the
    act's sentence tells no toll and that sentence names no place nor date of its own: their count is
    the least the toll can be, the figure ACLED codes (none beside a toll the act's sentence or one
    before it in the paragraph told: "killing at least 56 civilians. The most intense airstrikes
    targeted Jalloum. The victims included 25 displaced" lists a part of the 56)."""
    if _toll_told_before(sentence):
        return None, ""
    for verb in following:
        if verb.lemma_ == "include" and verb.pos_ == "VERB":
            whole = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            listed = next((c for c in verb.children if c.dep_ == "dobj"), None)
        elif verb.lemma_ == "be":
            whole = next((p for c in verb.children if c.dep_ == "prep" and c.lower_ == "among"
                          for p in c.children if p.dep_ == "pobj"), None)
            listed = next((c for c in verb.children if c.dep_ in ("nsubj", "attr")), None)
        else:
            continue
        if whole is None or listed is None or not _the_dead(whole) or not _names_nothing_new(verb, sentence):
            continue
        value = count_of(listed)
        if value is not None:
            return value, victims_text(listed)
    return None, ""


def _toll_told_before(sentence: Span) -> bool:
    """Does a sentence before this one in its paragraph count dead (a death word and a number)?"""
    before = _previous_in_paragraph(sentence)
    while before is not None:
        if any(t.like_num for t in before) and any(
                t.lemma_.lower() in DEATH_OR_TOLL or t.lower_ in DEATH_WORDS for t in before):
            return True
        before = _previous_in_paragraph(before)
    return False


def _the_dead(noun: Token) -> bool:
    """"the dead", "the victims", "those killed": the dead of an act told before, as a whole."""
    if noun.lower_ == "those":
        return any(c.lemma_.lower() in DEATH_WORDS for c in noun.children)
    return noun.lemma_.lower() in _AMONG_CUES and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)


@per_span
def reported_toll(sentence: Span) -> tuple[int | None, str]:
    """The toll a sentence of no act reports, another figure for the dead of an act told before it
    ("Turkey's state-run Anadolu Agency reported 15 deaths citing a statement", "some saying more than
    40 people were dead"): its death statement when it tells no happening of its own (no trigger), no
    total (`cumulative`), no turn to another act, no figure told as outdated ("earlier put the toll at
    5"), no active verb that kills its object ("targeted Waer ... killing two children": an act told),
    and no place of the dead's own ("five died in Idlib" is news of its own). (None, "") otherwise."""
    if find_triggers(sentence) or cumulative(sentence) or turns_to_another_act(sentence) or counts_a_part(sentence) \
            or any(t.dep_ == "advmod" and t.lower_ in EARLIER_FIGURES for t in sentence):
        return None, ""  # "The source earlier put the death toll at 5": outdated, no other report
    for death in tokens_with(sentence, DEATH_WORDS, TOLL_WORDS):
        victims = victims_of(death)
        value = count_of(victims) if victims is not None else None
        if value is None or _kills_object(death, victims):
            continue  # "Regime forces targeted Waer ... killing two children": an act told, not a report of one
        if not _placed(death, CLAUSES) and not any(t.lower_ in ADDED for t in victims.subtree):
            return value, victims_text(victims)
    return None, ""


def dead_of_act_told(sentence: Span) -> bool:
    """Does the sentence tell its dead as those of an act or weapon it refers back to, the subject of
    the death clause a definite act noun or instrument ("The rocket bomb packed with heavy explosive
    material led to the killing of one person", "The blast killed two")?"""
    instruments = _instrument_words(sentence)
    for death in tokens_with(sentence, DEATH_WORDS, TOLL_WORDS):
        for verb in (death, *death.ancestors):
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                if refers_back(subject) and (subject.lemma_.lower() in ACT_NOUNS or subject.i in instruments):
                    return True
                break
    return False


@per_span  # asked for the sentence after each act of the one before
def turns_to_another_act(sentence: Span) -> bool:
    """Does the sentence open by turning to another happening ("Meanwhile ...", "In the meantime ...":
    words.tsv shift_markers, shift_phrases) or tell what other doers did, the subject of one of its acts
    marked as other ("other ISIL terrorists shot two civilians dead", "another group shelled ...")?
    Its dead are not the act's told before it."""
    if _opens_with_shift(sentence):
        return True
    acts = {trigger.head.i for trigger in find_triggers(sentence)}

    def act(verb: Token) -> bool:  # "shelled", "killed", "shot two civilians dead"; not "sustained injuries"
        return verb.i in acts or verb.lemma_.lower() in HARM_OR_DEATH_VERBS or any(
            c.lemma_.lower() in DEATH_WORDS for c in verb.children)
    return any(t.lower_ in ("other", "another") and t.dep_ in ("amod", "det") and t.head.dep_ == "nsubj"
               and act(t.head.head) for t in sentence)


def _opens_with_shift(sentence: Span) -> bool:
    """Does the sentence open by turning to another happening ("Meanwhile ...", "In the meantime ...")?"""
    words = [t for t in sentence if not (t.is_punct or t.is_space)]
    return bool(words) and (words[0].lower_ in SHIFT_MARKERS or any(t.lower_ in SHIFT_PHRASES for t in words[:3]))


def a_group_of(part: Token, whole: Token) -> bool:
    """Does the victims' phrase `part` count one group of the dead `whole` counts in general ("Seven
    children were killed" after "killing 12 people": words.tsv general_victims)? A count of one group is a
    part of the toll, not another report of it; a list of groups is none ("15 civilians and 27 popular
    fighters": the dead of every group, another count of the whole)."""
    return whole.lemma_.lower() in GENERAL_VICTIMS and part.lemma_.lower() not in GENERAL_VICTIMS \
        and part.lemma_.lower() != whole.lemma_.lower() and part.pos_ == "NOUN" \
        and not any(c.dep_ == "conj" for c in part.children)


def other_dead(first: Token, then: Token) -> bool:
    """Do two victims' phrases count different dead: civilians against combatants (words.tsv
    civilian_victims, combatant_victims)?"""
    kinds = [k for k in (_victim_kind(first), _victim_kind(then)) if k]
    return len(kinds) == 2 and kinds[0] != kinds[1]


IRREGULAR_PLURALS = {"children": "child", "women": "woman", "men": "man"}


def told_kind(text: str) -> str:
    """The kind of dead a toll as written counts, by its first victim noun: "civilian", "combatant" or
    "" ("15 deaths").

    >>> told_kind("at least 21 civilians including two children"), told_kind("18 regime forces and allied fighters"), told_kind("15 deaths")
    ('civilian', 'combatant', '')
    """
    for word in re.findall(r"[a-z]+", text.lower()):
        lemma = IRREGULAR_PLURALS.get(word) or (word[:-1] if word.endswith("s") else word)
        if kind := _kind_of(lemma, word):
            return kind
    return ""


def _kind_of(*names: str) -> str:
    """"civilian" when one of a victim noun's `names` (its lemma, its form) is of words.tsv
    civilian_victims, else "combatant" when one is of combatant_victims, else ""."""
    if any(name in CIVILIAN_VICTIMS for name in names):
        return "civilian"
    return "combatant" if any(name in COMBATANT_VICTIMS for name in names) else ""


def _victim_kind(victims: Token) -> str:
    return _kind_of(victims.lemma_.lower())


def _previous_in_paragraph(sentence: Span) -> Span | None:
    doc = sentence.doc
    if sentence.start == 0 or any(t.is_space and "\n" in t.text for t in (doc[sentence.start], doc[sentence.start - 1])):
        return None
    return doc[sentence.start - 1].sent


@per_span  # asked for each act of the sentence
def _next_in_paragraph(sentence: Span) -> Span | None:
    doc = sentence.doc
    # a line break is a white-space token of its own (spaCy keeps only a single space as a token's
    # trailing white space): at the end of this sentence or the start of the next
    if sentence.end >= len(doc) or any(t.is_space and "\n" in t.text for t in (doc[sentence.end - 1], doc[sentence.end])):
        return None
    return doc[sentence.end].sent


def victims_text(victims: Token) -> str:
    """The victims' words as written ("at least 10 Syrian soldiers"); when long, up to their head
    ("the 10 civilians" of "the 10 civilians killed in strikes on the bus ..."), else the head alone."""
    words = list(victims.subtree)
    if (victims.lemma_.lower() in COLLECTIVE_NOUNS or victims.lower_ == "total") and len(words) > 12:
        # "a family of six", not "a family"; "A total of 70 Daesh terrorists", not "A total"
        end = max((t.i for c in victims.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree),
                  default=victims.i)
        return victims.doc[words[0].i:end + 1].text
    if len(words) <= 12:
        return victims.doc[words[0].i:words[-1].i + 1].text
    return victims.doc[words[0].i:victims.i + 1].text if victims.i - words[0].i < 12 else victims.text


def refers_back(noun: Token) -> bool:
    """"the attack", "Saturday's convoy attack", "this strike": a noun of an act made definite."""
    return noun.pos_ in ("NOUN", "PROPN") and any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")) or c.dep_ == "poss"
        for c in noun.children)


def _clause_of(death: Token) -> Token:
    """The verb of the clause a death word tells the dead in ("were killed", "the death toll rose")."""
    token = death
    while token.pos_ not in ("VERB", "AUX") and token.head != token:
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else death


def _act_clause(death: Token) -> Token:
    """The clause of the act a death word tells the dead of: its own clause, or the verb its participle
    follows ("Regime forces targeted Waer neighbourhood ... killing two children": "targeted")."""
    clause = _clause_of(death)
    while clause.tag_ == "VBG" and clause.head != clause and _clause_of(clause.head).pos_ in ("VERB", "AUX"):
        clause = _clause_of(clause.head)
    return clause


def _names_nothing_new(clause: Token, sentence: Span, death: Token | None = None) -> bool:
    """Does the death clause name only places and dates `sentence` names too (or none)? Names outside
    it are not where or when the dead died: "Fifteen volunteers were killed in the strike said the
    Civil Defence also known as the White Helmets". With `death` a toll noun the clause tells the
    rise of ("The death toll rose to 60 on Wednesday"), a date outside the toll noun's own phrase
    dates the count, not the dead: no new date (not "the toll from Monday's strike": the act's)."""
    index = DocIndex.of(sentence.doc)
    named = {e.text.lower() for e in index.ents_within(sentence)}
    inside = range(clause.left_edge.i, clause.right_edge.i + 1)
    counted = death is not None and updated_toll(death)
    new = [e for e in index.ents_within(clause.sent) if e.label_ in ("GPE", "LOC", "FAC", "DATE", "TIME")
           and e.root.i in inside and e.text.lower() not in named
           and not (counted and e.label_ in ("DATE", "TIME") and not death.is_ancestor(e.root))]
    return not new


UPDATE_VERBS = WORDS["update_verbs"]
HEDGES, PLANNING = WORDS["hedges"], WORDS["planning"]


def updated_toll(death: Token) -> bool:
    """Is the word a toll noun whose clause tells its rise ("the death toll rose to 60", "the toll
    climbed to 35": words.tsv update_verbs; "The Observatory raised the death toll to 45": the object
    of a verb of words.tsv tally_verbs)? Not a rise foreseen ("the toll could rise to 40", "is expected
    to rise": a hedge of words.tsv hedges, or a verb of words.tsv planning or "likely" the verb completes)."""
    return death.lemma_.lower() in TOLL_NOUNS and (
        (death.dep_ in ("nsubj", "nsubjpass") and death.head.lemma_.lower() in UPDATE_VERBS)
        or (death.dep_ == "dobj" and death.head.lemma_.lower() in TALLY_VERBS)) and not _foreseen(death.head)


def _foreseen(verb: Token) -> bool:
    governor = verb.head if verb.dep_ == "xcomp" else verb
    return any(c.dep_ == "aux" and c.lower_ in HEDGES for t in (verb, governor) for c in t.children) \
        or (governor != verb and (governor.lemma_.lower() in PLANNING or governor.lower_ == "likely"))
