"""Choosing the actors of a mention: who did it (actor1) to whom (actor2), from the parse.

- The subject of an active trigger, the by-agent of a passive one ("were bombed by government jets":
  the jets' owner), or the owner of the instrument its phrase names ("Russian warplanes struck",
  "killed in regime air strikes") acts; the subject of a passive trigger ("civilians were killed")
  and the object are the target.
- "A-backed B", "A-led B": B acts, A is associated; a second subject conjoined with the first
  ("regime and Russian jets") is associated too.
- A state named as a place ("the border with Turkey", "fled to Iraq") is no party.
- A pronoun or "the group" as subject is the last armed actor named before (this sentence's
  reporting verb's subject first: "The SDF said it had deployed").
- In a clash the parties are named in order, whoever is subject; allies and the parties of a meeting
  are associated, not opponents: actor2 is only ever an adversary or a target.
- A state or government doing violence acts by its forces (actors.tsv `forces`: "Russia" strikes as
  "Russian armed forces").
- A side's own forces named with an ally fighting for it act, the ally is associated ("Hezbollah
  fighters and Syrian troops"); a member named after "including" is associated; what "according to"
  cites, who accuses and who reports are sources, the accused and the agent of "carried out by" act.
- Words that refer back: "its fighters", "their assault", "the rebel group" or "the Lebanese group"
  after a named group of that side or nationality, "the extremists".
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from lib.extract import lexicon
from lib.model import CIVILIANS
from lib.extract.mentions.attribution import cited
from lib.extract.mentions.index import DocIndex, TriggerMatch, actor_for, ents_in, per_span, place_for, span_text
from lib.extract.mentions.places import exposed_subject
from lib.extract.mentions.parse import conjoined_with, governing_prep, in_clause_of, path_up, token_distance
from lib.extract.mentions.triggers import TARGET_KINDS, occurrence_verb
from lib.extract.mentions.words import WORDS, REPORTING_LEMMAS, ACCUSING_VERBS, MEN_NOUNS, TERRITORY_OBJECTS, AWAY_PREPS, BACKING_WORDS, GOVERNMENT_WEAPONS, HARM_WORDS, HOLDING_WORDS, INSTRUMENT_VERBS, MEN, PLACE_PREPS, PRONOUNS, REFERRING_NOUNS

PERSON_PRONOUNS = WORDS["person_pronouns"]

REMOTE_VIOLENCE = "Explosions/Remote violence"
VIOLENT_TYPES = lexicon.VIOLENT_TYPES
ARMED_TYPES = (1, 2, 3, 4, 8)
# A bombing no report claims or blames is an unidentified armed group's, as ACLED codes it (the
# actor of that name in actors.tsv).
UNCLAIMED_BOMBINGS = ("Remote explosive/landmine/IED", "Suicide bomb")
UNIDENTIFIED = "Unidentified armed group"
# remote violence fired from afar, one family for an act told again with another word ("strikes", "hit")
FIRE_FROM_AFAR = ("Air/drone strike", "Shelling/artillery/missile attack")
ACTING_VERBS = WORDS["acting_verbs"]
AREA_NOUNS = WORDS["area_nouns"]
BLANKET_WORDS = WORDS["blanket_words"]
CONTINUING_WORDS = WORDS["continuing_words"]
CLAIMING = WORDS["claiming"]
HARM_CLAUSE_MARKS = WORDS["harm_clause_marks"]
CAMPAIGN_CLAUSE_MARKS = WORDS["campaign_clause_marks"]
AIR_WORDS = WORDS["air_words"]
BLANKET_REACH = 1  # sentences back a blanket word looks for the group it stands for (2 crosses SANA's round-ups)
ACT_NOUNS = WORDS["act_nouns"]
OWNED_ARMS = WORDS["owned_arms"]
ASSAULT_NOUNS = WORDS["assault_nouns"]
UNDERGOING_VERBS = WORDS["undergoing_verbs"]
PATIENT_NOUNS = WORDS["patient_nouns"]
DESCRIBED_SIDES = WORDS["described_sides"]
ESCORT_PREPS = WORDS["escort_preps"]
DECLARING_VERBS = WORDS["declaring_verbs"]
INCLUSION_WORDS = WORDS["inclusion_words"]
# "Turkish civilians": persons a state's people's word describes, no party of the state
NATIONALS = WORDS["nationals_nouns"] | WORDS["civilian_victims"] | WORDS["general_victims"]
GROUP_OPENERS = WORDS["group_openers"]
GROUP_NOUNS = WORDS["group_nouns"]
REFERRING = REFERRING_NOUNS | WORDS["faction_nouns"]  # "the group", "the faction"
THEIR_MEN = MEN | MEN_NOUNS | REFERRING  # "its fighters", "their troops"; not "their helicopter crashed"


@dataclass(frozen=True)
class Parties:
    actor1: lexicon.Actor | None
    actor2: lexicon.Actor | None
    associated: tuple[str, ...] = ()


def choose_actors(sentence: Span, trigger: TriggerMatch, *, event_type: str = "", sub_event_type: str = "",
                  instrument_tokens: frozenset[int] = frozenset(),
                  antecedent: lexicon.Actor | None = None) -> Parties:
    """The parties of the trigger's happening (`event_type`/`sub_event_type`: as the instrument
    decided; `instrument_tokens`: the token indices of the instruments its phrase names;
    `antecedent`: the last armed actor of the sentences before, for "it" and "the group")."""
    by_shape(sentence.doc)
    subject, patient, obj, owner = None, None, None, None
    others, associated, co_subjects = [], [], []
    backers: list[Span] = []  # "Iran" of "Iran-backed terrorist groups"
    with_party = None
    modifiers: list[lexicon.Actor] = []
    nouns: list[lexicon.Actor] = []
    head = trigger.head
    acting = acting_verb(head)
    understood, understood_passive = understood_subject(head)
    if head.dep_ == "relcl" and event_type not in VIOLENT_TYPES:
        understood = None  # "Rebels who once held Palmyra": a relative tells who they are, no happening of its own
    occurring = occurrence_verb(trigger)  # "Battles continued between A and B": the verb takes the noun's parties
    # "terrorists from Jaish al-Islam", "Dozens of Daesh militants": the named actor takes the role of
    # the noun of its men, and the generic word for them ("terrorists") gives way to it
    wholes, named_words = named_groups(sentence)
    for ent in ents_in(sentence):
        actor = actor_for(ent)
        if actor is None or actor.kind in ("outlet", "monitor"):
            continue
        root = head_word(ent)
        if actor.generic and root.i in named_words:
            continue
        if men_word(root):
            continue  # "The coalition of rebel groups": the rebels, in the role of the bare word for their men
        if leads_men(root, head):
            if subject is None:
                subject = actor  # "Hezbollah-led forces captured", "Al-Qaeda-linked fighters attacked": its men
            continue
        if root.dep_ in ("amod", "compound", "nmod", "poss") and attack_noun(root.head) and (
                (root.head.dep_ == "nsubj" and root.head.head == head) or root.head == understood):
            owner = owner or actor  # "The rebel offensive captured Aleppo", "Russia's campaign that retook Palmyra"
            continue
        if backs(root):
            if leads_act(root):
                owner = owner or actor  # "an offensive led by the Nusra Front", "a Nusra-led offensive"
            else:
                associated.append(actor)  # "US-backed SDF": the US is associated, the SDF acts
                backers.append(ent)
            continue
        if ent.start <= head.i < ent.end and event_type in VIOLENT_TYPES:
            owner = owner or actor  # "government bombardment", "coalition airstrikes": a name of the act itself
            continue
        if fired_from(ent, instrument_tokens):
            owner = owner or actor  # "shells from the rebel enclave hit Damascus": the enclave's holders fired
            continue
        if describes_place(ent):
            continue  # "rebel-held Khan Sheikhoun": who holds the place, no party
        if nationality_of(ent, root):
            continue  # "Three Turkish civilians were killed", "Iraqi Shiite militiamen": not the state's forces
        if cited(_climb(root)):
            continue  # "According to the SDF, the attack killed 20": a source
        if actor.kind == "state" and (governing_prep(ent) in (PLACE_PREPS | AWAY_PREPS) - {"by", "with"} or (
                governing_prep(ent) == "with" and root.head.head.lemma_.lower() in TERRITORY_OBJECTS)):
            continue  # a country named as a place ("the border with Turkey", "fled to Iraq")
        climbed = _climb(root)
        if climbed.dep_ == "pobj" and climbed.head.lemma_.lower() in INCLUSION_WORDS:
            associated.append(actor)  # "Rebels, including the Nusra Front, captured": a member of the party before
            continue
        if root.dep_ in ("amod", "compound", "nmod") and climbed != root or (actor.kind == "organisation" and actor.forces):
            modifiers.append(actor)  # "Syrian fighter jets", "Israeli strikes", "the regime's forces"
        else:
            nouns.append(actor)  # "Israel seized": the state itself
        if climbed.i not in wholes and (whole := men_of(climbed)) is not None and (
                not actor.generic or not whole.ent_type_ or men_word(whole)):
            climbed = _climb(whole)  # "Hundreds of rebels left": the rebels, in the role of the hundreds
        if ((climbed.i in instrument_tokens or (climbed == head and head.pos_ in ("NOUN", "PROPN"))) and climbed != root) \
                or ent.end in instrument_tokens or (root.i in instrument_tokens and climbed == root and root.dep_ != "nsubj") or (
                # "rebel shelling", whatever the parse made of it; "government air strikes", a name of both
                climbed != root and attack_noun(climbed) and climbed.dep_ == "pobj"
                and in_clause_of(climbed, head)):  # "in army operations"
            owner = owner or actor  # "Russian warplanes", "regime air strikes"
            if owner is not actor:
                associated.append(actor)
            continue
        if owns_arms(ent, climbed, instrument_tokens):
            owner = owner or actor  # "Jets of the Syrian regime struck", "warplanes belonging to the coalition"
            continue
        if exposed_subject(ent, trigger) is not None:
            patient = patient or actor  # "Government positions came under attack": what the act hit
            continue
        if agent_of(climbed, head, instrument_tokens) or at_hands_of(climbed, head) or came_from(climbed, head) \
                or assailant_of(climbed, head, actor):
            if subject is None:
                subject = actor
            elif subject is not actor:
                associated.append(actor)
            continue
        if climbed.dep_ == "nsubj" and climbed.head == head and head.lemma_.lower() in UNDERGOING_VERBS:
            patient = patient or actor  # "Rebel fighters died in air strikes": they underwent it
            continue
        if undergoer_of_noun(climbed):
            patient = patient or actor  # "the elimination of 34 militants": they underwent it
            continue
        if (climbed.dep_ == "nsubj" and climbed.head == head) or (
                climbed.dep_ in ("nsubj", "nsubjpass") and climbed.head == head.head and head.dep_ in ("xcomp", "conj")
                and not (understood_passive and climbed == understood)  # "were surrounded and killed": the target
                and not actor_between(sentence, climbed, head)) or (  # "are set to discuss": they discuss
                climbed.dep_ == "nsubj" and climbed.head == head.head and head.dep_ == "dobj"
                and (head.head.lemma_.lower() in INSTRUMENT_VERBS  # "the government carried out an attack"
                     or (trigger.entry.many_parties and head.head.lemma_.lower() in DECLARING_VERBS))) or (
                climbed.dep_ == "nsubj" and trigger.entry.many_parties and head.dep_ == "pobj"
                and head.head.dep_ == "prep" and climbed.head == head.head.head
                and climbed.head.lemma_.lower() in DECLARING_VERBS):  # "The rebels agreed to a ceasefire"
            # "Russia and Turkey announced a ceasefire", "Kerry and Lavrov held talks": who made it
            if subject is None:
                subject = actor
            elif subject is not actor:
                associated.append(actor)
                co_subjects.append(actor)
        elif climbed.dep_ == "nsubj" and climbed.head == acting:
            if subject is None:
                subject = actor  # "Syrian soldiers won the battle", "clashed ..., killing 16 of them"
            elif subject is not actor:
                associated.append(actor)
        elif understood is not None and climbed == understood:
            if understood_passive:
                patient = patient or actor  # "a rebel opened fire before being executed": the rebel was
            elif subject is None:
                subject = actor  # "After establishing control over the station, the army advanced"
            elif subject is not actor:
                associated.append(actor)
        elif run_into_subject(climbed, head):
            if subject is None:
                subject = actor  # "In the same context army units killed terrorists": no comma ends the phrase
            elif subject is not actor:
                associated.append(actor)
        elif climbed.dep_ == "nsubjpass" and climbed.head == head:
            patient = patient or actor
        elif (climbed.dep_ == "pobj" and climbed.head.lower_ == "to" and climbed.head.head == head
              and head.lemma_ == "fall"):
            subject = actor  # "Hama fell to the rebels": the rebels took it
        elif (climbed.dep_ == "pobj" and climbed.head.lower_ == "of" and climbed.head.head == head
              and head.pos_ == "NOUN" and trigger.entry.many_parties and event_type not in VIOLENT_TYPES):
            if subject is None:
                subject = actor  # "a meeting of the International Syria Support Group": who meets
            elif subject is not actor:
                associated.append(actor)
        elif climbed.dep_ == "pobj" and climbed.head.lower_ == "between" and (
                # not "hit Douma while clashes continued between rebel and regime fighters": another clause's
                in_clause_of(climbed, head) or _of_verb(climbed, occurring)):
            if subject is None:
                subject = actor  # "fighting between regime forces and ISIS": the first named, then the other
            elif subject is not actor:
                with_party = with_party or actor
        elif climbed.dep_ == "pobj" and climbed.head.lower_ in ("with", "against") and (
                in_clause_of(climbed, head) or _of_verb(climbed, occurring)):
            with_party = with_party or actor  # "clashes with IS", "an offensive against the SDF"
        elif climbed.dep_ in ("dobj", "pobj") and in_clause_of(climbed, head):
            if actor.kind == "state" and event_type not in VIOLENT_TYPES:
                continue  # "left Syria", "called on citizens to leave Syria": a place, not a party
            obj = obj or actor
        else:
            # the subject of another verb does not do what a noun trigger names ("terrorists suffered a
            # blow in strikes"); it does what a verb trigger in its clause tells ("after withdrawing")
            own_clause = (climbed.dep_ in ("nsubj", "nsubjpass") and climbed.head.pos_ == "VERB"
                          and head.pos_ != "VERB")
            others.append((token_distance(ent, trigger), ent.start < head.i, actor, own_clause, climbed, ent.start))
    accused = accused_of(sentence, trigger)
    if accused is not None:
        subject = accused  # "The SDF accused Turkish forces of shelling": the accused, not the accuser
    if subject is None:
        subject = subject_by_grammar(sentence, trigger, violent=event_type in VIOLENT_TYPES)
    if subject is None and event_type in VIOLENT_TYPES:
        subject = doer_in_clause(sentence, trigger)
    if subject is None and antecedent is not None and refers_back(trigger, violent=event_type in VIOLENT_TYPES) \
            and not speaker_disagrees(sentence, trigger):
        subject = antecedent
    if subject is None and blanket_men(trigger, antecedent) and not speaker_disagrees(sentence, trigger):
        subject = antecedent  # "Islamic State attacked Kobani. Jihadist forces shelled the town"
    if subject is None and (possessor := possessor_of_men(sentence, trigger, event_type in VIOLENT_TYPES)) is not None:
        subject = possessor  # "Assad vowed ... His forces shelled", "Russia, whose warplanes struck"
    if subject is None and antecedent is not None and event_type in VIOLENT_TYPES and head.pos_ == "NOUN" \
            and any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in head.children):
        subject = antecedent  # "The SDF entered Raqqa. Their assault on the Old City killed 20 jihadists"
    if subject is None and bare_troops(trigger):
        troops = antecedent if antecedent is not None and antecedent.kind == "state_forces" \
            else government_forces(DocIndex.of(sentence.doc).folder)
        if undergo(trigger):
            patient = patient or troops  # "Twenty soldiers were killed in an Islamic State attack": the target
        else:
            subject = troops
    subject = subject or owner
    if subject is None and event_type in VIOLENT_TYPES:
        subject = wielder_of(sentence, head, instrument_tokens)  # not "their helicopter crashed": a loss
    if subject is None and event_type in VIOLENT_TYPES:
        subject = claimant(sentence)
    if subject is None and not explicit_subject(trigger) and patient is None:
        # the nearest actor before the trigger, unless it is the subject of a verb of its own
        # ("Jaish al-Fateh terrorists suffered another blow in similar strikes")
        # ... nor the object or passive subject of another verb, its patient ("The Air Force killed
        # 100 militants in airstrikes")
        # ... nor who reports violence ("UN says ... regime bombing raids killed 31"): a source, not a
        # party (who reports a deal often made it: "Rebels said fewer fighters left than was agreed")
        before = [item for item in others if item[1] and not item[3] and item[4].dep_ not in ("dobj", "nsubjpass")
                  and not (event_type in VIOLENT_TYPES and reports(item[4]))]
        if before:
            nearest = min(before, key=lambda item: item[0])
            # of coordinated names ("John Kerry and Sergei Lavrov were to hold talks") the first
            subject = min((item for item in before if item[4] == nearest[4]), key=lambda item: item[5])[2]
    if subject is None and sub_event_type == "Air/drone strike" and owner is None:
        subject = air_force_named(sentence, head)
    if subject is None and trigger.entry.kind == DEPARTURE and (sides := leavers(sentence, head)) is not None:
        # "buses left the opposition-besieged al-Foua": its defenders leave (not "Civilians fled the
        # rebel-held town": they are named)
        subject, patient = sides
    if subject is None and trigger.entry.control == "gain" and (
            sub_event_type == GOVERNMENT_REGAINS or taken_from_rebels(head, obj or with_party or patient)):
        # "The town of Morek was recaptured on Monday", "villages were liberated from the control of the
        # Takfiri militants": in this war who takes back or frees a place from the rebels is the army
        subject = government_forces(DocIndex.of(sentence.doc).folder)
    if subject is None and trigger.entry.many_parties and event_type not in VIOLENT_TYPES and head.pos_ == "NOUN" \
            and (sponsor := next((c for c in head.children if c.dep_ in ("amod", "compound") and backs(c)), None)) is not None \
            and (convener := _actor_at(sentence, sponsor)) is not None:
        subject = convener  # "UN-backed peace negotiations are due to begin in Geneva": who convenes them
    if subject is None and event_type == PROTESTS:
        subject = protesters(DocIndex.of(sentence.doc).folder)  # "protests against the Nusra Front": who protests
    if subject is not None and (group := named_before(sentence, subject)) is not None:
        subject = group  # "Jabhat al-Nusra terrorists shelled Hadar. Terrorists also targeted the town"
    elif subject is not None and event_type in VIOLENT_TYPES and (
            group := group_of_act_before(sentence, head, subject)) is not None:
        subject = group  # "... injured by a terrorists sniper shot in Hadar town. Terrorists also targeted the town"
    if described_again(trigger, subject, antecedent) or the_blanket_again(trigger, subject, antecedent):
        subject = antecedent  # "Jaish al-Islam controls Douma. The rebel group shelled Damascus"
    if subject is not None and blanket_named(sentence, subject) and (
            proxy := backed_proxy(sentence, subject, backers)) is not None:
        subject = proxy  # "Iran-backed terrorist groups shelled Saraqeb": the militias Iran backs
    if subject is not None and sub_event_type in UNCLAIMED_BOMBINGS and blanket_named(sentence, subject):
        # "Terrorists detonated an explosive device near the hospital": the outlet's word for its foes
        # claims nothing; a bombing no one claims is an unidentified armed group's
        subject = lexicon.actors(DocIndex.of(sentence.doc).folder).get(UNIDENTIFIED, subject)
    target = patient or obj or with_party
    if target is None and subject is not None and trigger.entry.many_parties and event_type in VIOLENT_TYPES:
        # "Rebels and government forces clashed near Morek": the subjects of a clash are its two sides
        target = next((a for a in co_subjects if a.side != subject.side
                       and not allies(subject, a, DocIndex.of(sentence.doc).folder)), None)
    if sub_event_type == "Armed clash" and subject is None and patient is not None \
            and blanket_named(sentence, patient):
        # "Dozens of terrorists were killed in Daraa countryside": who names its foes "terrorists" tells
        # of the fight against them: by the party they clashed with ("in clashes with the army"), else
        # by the state's forces
        subject = with_party or obj or government_forces(DocIndex.of(sentence.doc).folder)
        target = patient
    if sub_event_type == "Armed clash" and subject is None and patient is not None \
            and trigger.entry.kind not in TARGET_KINDS:  # not "a Russian helicopter was shot down": its target
        subject, target = patient, with_party or obj  # "soldiers were killed in clashes with IS"
    violent = event_type in VIOLENT_TYPES
    if violent:
        folder = DocIndex.of(sentence.doc).folder
        def by_arms(actor):
            return armed(actor, folder) if actor in modifiers and actor not in nouns else actor
        # a state that strikes or shells does it by its forces, named as a noun too ("Russia bombed a
        # market", "warplanes, either Russia or Syrian"), as does a network by its branch ("an offensive
        # by Al-Qaeda"); not a state that takes or kills ("Israel seized the Golan"), nor one attacked
        subject = armed(subject, folder) if subject is not None and subject.forces and (
            subject.kind != "state" or event_type == REMOTE_VIOLENCE) else by_arms(subject)
        target = by_arms(target)
    if target is not None and subject is not None and (
            target.name == subject.name or (target.side and target.side == subject.side and violent)
            or allies(subject, target, DocIndex.of(sentence.doc).folder)):
        associated.append(target)  # allies are no opponents ("The Syrian army, with Russian air support")
        target = None
    if target is not None and trigger.entry.many_parties and not violent:
        associated.append(target)  # the other party of a meeting or an agreement: no adversary
        target = None
    if subject is not None and subject.acled_type == CIVILIANS \
            and (armed_party := escort(sentence, explicit_subject(trigger))) is not None:
        # "The residents alongside hundreds of pro-government fighters had left the villages": the armed party
        associated.append(subject)
        target = None if target is armed_party else target
        subject = armed_party
    folder = DocIndex.of(sentence.doc).folder
    if subject is not None and (own := next((a for a in associated if fights_for(subject, a, folder)), None)):
        associated.append(subject)  # "Hezbollah fighters and Syrian troops captured Qusayr": the side's own forces
        subject = own
    if event_type == REMOTE_VIOLENCE and sub_event_type not in UNCLAIMED_BOMBINGS and subject is None:
        subject = doer_told_before(sentence, head, sub_event_type, target, named_arms=bool(instrument_tokens))
    elif subject is not None and event_type in VIOLENT_TYPES:
        _tell_act(sentence, head, sub_event_type, subject)
    names = tuple(dict.fromkeys(a.name for a in associated
                                if a.name not in {x.name for x in (subject, target) if x is not None}))
    return Parties(subject, target, names)


ACTS_TOLD = "cte_acts_told"  # doc.user_data: {sub-event type: {trigger index: (doer, places)}} of the acts told so far


def _places_named(sentence: Span) -> frozenset[str]:
    return frozenset(place.name for ent in ents_in(sentence) if (place := place_for(ent)) is not None)


def _tell_act(sentence: Span, head: Token, sub_event_type: str, doer: lexicon.Actor) -> None:
    """Note who did an act of violence of the article and the places its sentence names (what
    `doer_told_before` and `group_of_act_before` read)."""
    sentence.doc.user_data.setdefault(ACTS_TOLD, {}).setdefault(sub_event_type, {})[head.i] = (
        doer, _places_named(sentence))


def group_of_act_before(sentence: Span, head: Token, actor: lexicon.Actor) -> lexicon.Actor | None:
    """The named group a blanket word stands for in an act told to go on (words.tsv continuing_words)
    that names no place, when the act of the sentence just before was that group's, named there or
    resolved from a blanket word in turn ("Another woman was killed in a sniper fire of Jabhat al-Nusra
    terrorists ... she was injured by a terrorists sniper shot in Hadar town. Terrorists also targeted
    the town with mortar shells": the Nusra Front); None when the sentence names a place or a group of
    its own, or the act before was a generic word's ("terrorists shelled al-Midan. Terrorists also
    fired rockets": the outlet's word)."""
    if not blanket_named(sentence, actor) or sentence.start == 0 or _places_named(sentence):
        return None
    doc = sentence.doc
    if any((other := actor_for(ent)) is not None and other.acled_type == 2 and not other.generic
           for ent in ents_in(sentence)):
        return None
    if not any(lemma in CONTINUING_WORDS for lemma in DocIndex.of(doc).lemmas[sentence.start:sentence.end]):
        return None
    acts = [(i, doer) for told in doc.user_data.get(ACTS_TOLD, {}).values() for i, (doer, _) in told.items()
            if i < head.i]
    if not acts:
        return None
    at, group = max(acts, key=lambda act: act[0])
    before = doc[sentence.start - 1].sent
    if not before.start <= at < before.end or group.generic or group.acled_type != 2 \
            or group.kind not in ("rebel_group", "coalition", "militia"):
        return None
    return group


def doer_told_before(sentence: Span, head: Token, sub_event_type: str,
                     target: lexicon.Actor | None, named_arms: bool = False) -> lexicon.Actor | None:
    """Who did an act of remote violence its sentence names no doer for ("21 others died in intense
    strikes on several neighbourhoods" after "Regime bombing raids in and around Aleppo killed 31"):
    the one doer the article gave every act of the same kind (sub-event type) told before it, its title
    line included; None when it gave two ("Russia and the coalition carry out separate air strikes")
    or none, or when the act hits the doer's own side or ground ("rocket fire on government-held
    areas" after "regime shelling of Douma")."""
    acts = sentence.doc.user_data.get(ACTS_TOLD, {})
    told = acts.get(sub_event_type, {})
    doers = {actor.name: actor for i, (actor, _) in told.items() if i < head.i}
    if not doers and sub_event_type in FIRE_FROM_AFAR and not named_arms:
        # "A bus on the road was also hit" after "regime air strikes pounded the east": an act of fire
        # whose sentence names no weapon ("hit", "the bombardment") is fire from afar of any kind told
        # before, when one doer did all the remote violence told (not "One rocket hit the school" after
        # Russian air strikes; not "The area that was targeted" after an IS bombing and coalition strikes)
        doers = {actor.name: actor for kind in lexicon.SUB_EVENT_TYPES[REMOTE_VIOLENCE]
                 for i, (actor, _) in acts.get(kind, {}).items() if i < head.i}
    if len(doers) != 1:
        return None
    (doer,) = doers.values()
    folder = DocIndex.of(sentence.doc).folder
    if target is not None and (target.side == doer.side or allies(doer, target, folder)):
        return None
    for ent in ents_in(sentence):
        actor = actor_for(ent)
        if actor is not None and describes_place(ent) and (actor.side == doer.side or allies(doer, actor, folder)):
            return None
    return doer


def backed_proxy(sentence: Span, subject: lexicon.Actor, backers: list[Span]) -> lexicon.Actor | None:
    """The named party a backer's proxies are ("Iran-backed terrorist groups", "Turkish-backed
    militants": a blanket word for armed men the backer backs, words.tsv blanket_words; not "US-backed
    rebels", which names a side and keeps it): the actor most of the lexicon's
    aliases "<backer as written>-backed ..." name (Iran: Iran-backed militias, Turkish: the Syrian
    National Army, US: the SDF), else None."""
    for backer in backers:
        word = next((w for w in (backer.root.head, backer.root.head.head) if w.lemma_.lower() in BACKING_WORDS), None)
        if word is None or not any(actor_for(ent) is subject and head_word(ent) == word.head for ent in ents_in(sentence)):
            continue
        proxy = _proxy_named(span_text(backer).lower(), word.lower_, DocIndex.of(sentence.doc).folder)
        if proxy is not None:
            return proxy
    return None


@lru_cache(maxsize=256)
def _proxy_named(backer: str, backing: str, folder: str) -> lexicon.Actor | None:
    """The non-generic armed actor most aliases "<backer>-<backing> ..." of the lexicon name."""
    prefix = f"{backer}-{backing} "
    counts = Counter(actor.name for actor in lexicon.actors(folder).values() if not actor.generic
                     and actor.acled_type in ARMED_TYPES for alias in actor.aliases if alias.lower().startswith(prefix))
    if not counts:
        return None
    (name, most), *rest = counts.most_common(2)
    return lexicon.actors(folder)[name] if not rest or most > rest[0][1] else None


def leads_men(token: Token, head: Token) -> bool:
    """Is the entity named as leading or owning the trigger's subject, a bare noun of men that names no
    actor of its own ("Hezbollah-led forces captured", "Al-Qaeda-linked fighters attacked": words.tsv
    men, men_nouns; lead and belonging_words)? Its men act; not "Iran-led militias", a name of its own."""
    word = token.head
    if word == token or word.dep_ not in ("amod", "acl", "compound") or (
            word.lemma_.lower() != "lead" and word.lemma_.lower() not in BELONGING):
        return False
    noun = word.head
    return (noun.lemma_.lower() in MEN or _men_noun(noun)) and not noun.ent_type_ \
        and noun.dep_ == "nsubj" and noun.head == head


def leads_act(token: Token) -> bool:
    """Is the entity named as leading an act ("an offensive led by the Nusra Front", "a Nusra-led
    offensive"): who leads an attack makes it, unlike who leads or backs men ("US-led coalition")."""
    for word in (token.head, token.head.head):
        if word.lemma_.lower() == "lead" and word.dep_ in ("amod", "acl", "compound") and word != token:
            return attack_noun(word.head)
    return False


def _ally_of(ally: lexicon.Actor, side: lexicon.Actor, sides) -> bool:
    """Is `ally` an ally (sides.tsv ally_of) of the controller `side` holds territory for?"""
    return ally.side in sides and side.side in sides and bool(sides[ally.side].ally_of) \
        and sides[ally.side].ally_of == sides[side.side].controller


def fights_for(ally: lexicon.Actor, side: lexicon.Actor, folder: str) -> bool:
    """Is `ally` an ally (sides.tsv ally_of) of the controller `side`'s armed forces hold territory for?"""
    return side.kind == "state_forces" and _ally_of(ally, side, lexicon.sides(folder))


def allies(one: lexicon.Actor, other: lexicon.Actor, folder: str) -> bool:
    """Does one fight for the other's side (sides.tsv ally_of: Russia, Iran and Hezbollah for the
    government)?"""
    sides = lexicon.sides(folder)
    return _ally_of(one, other, sides) or _ally_of(other, one, sides)


DEPARTURE = "departure"  # triggers.tsv kind of leaving and evacuating
BESIEGING = "besiege"


def leavers(sentence: Span, head: Token) -> tuple[lexicon.Actor, lexicon.Actor] | None:
    """Who leaves and who stays, when what is left is a place the text says a side holds or besieges
    ("left the opposition-besieged al-Foua and Kefraya towns", "evacuated from opposition-held
    Madaya"): the holders of a held place leave it to their adversary; a besieged place is left by the
    adversaries of its besiegers (in this war, the government's and the opposition's), else None."""
    folder = DocIndex.of(sentence.doc).folder
    for ent in ents_in(sentence):
        actor = actor_for(ent)
        if actor is None or not actor.side or not describes_place(ent):
            continue
        noun = head_word(ent)
        while noun.pos_ not in ("NOUN", "PROPN") or noun.i < ent.end and noun.i >= ent.start:
            if noun.head == noun:
                break
            noun = noun.head
        left = (noun.dep_ == "dobj" and noun.head == head) or (
            noun.dep_ == "pobj" and noun.head.lower_ == "from" and noun.head.head == head)
        if not left:
            continue
        doc = ent.doc
        word = doc[ent.end + 1] if ent.end + 1 < len(doc) and doc[ent.end].text == "-" else head_word(ent).head
        holder = armed(actor, folder)
        other = adversary(holder, folder)
        if other is None:
            return None
        return (other, holder) if word.lemma_.lower() == BESIEGING else (holder, other)
    return None


def adversary(actor: lexicon.Actor, folder: str) -> lexicon.Actor | None:
    """The other side of this war's sieges: the generic opposition for the government side, the
    government's forces for any armed side against it."""
    if actor.side in ("government", "government_ally"):
        return next((a for a in lexicon.actors(folder).values() if a.side == "opposition" and a.generic), None)
    if actor.acled_type in ARMED_TYPES and actor.kind not in ("state", "person", "organisation"):
        return government_forces(folder)
    return None


def reports(word: Token) -> bool:
    """Is the word the subject of a verb of saying (words.tsv reporting: "the UN says", "the
    Observatory reported")?"""
    return word.dep_ == "nsubj" and word.head.lemma_.lower() in REPORTING_LEMMAS


def _of_verb(word: Token, verb: Token | None) -> bool:
    """Is `word` the object of a preposition of `verb` itself, the verb that tells a happening noun
    occurred (`occurrence_verb`: "Battles continued between regime forces and the rebels", "clashes
    broke out with IS")? Not of a verb that tells something else ("talks resumed in Geneva")."""
    return verb is not None and word.head.dep_ == "prep" and word.head.head == verb


def wielder_of(sentence: Span, head: Token, instrument_tokens: frozenset[int]) -> lexicon.Actor | None:
    """The government's forces for an instrument only they use in this war (words.tsv
    `government_weapons`: "helicopters dropped a barrel bomb"), in the trigger's own clause (not
    "were killed when a barrel bomb hit": "hit" tells it), else None."""
    doc = sentence.doc
    own = [doc[i] for i in instrument_tokens
           if doc[i] == head or in_clause_of(doc[i], head)]
    words = {t.lemma_.lower() for t in own} | {c.lemma_.lower() for t in own for c in t.children if c.dep_ == "compound"}
    if not words & GOVERNMENT_WEAPONS:
        return None
    return government_forces(DocIndex.of(doc).folder)


@per_span
def claimant(sentence: Span) -> lexicon.Actor | None:
    """Who claimed the act of violence of this sentence, in it or in the next ("A suicide bomber killed
    20 people in Qamishli. Daesh claimed responsibility for the attack", "an attack claimed by the
    Islamic State group"): the subject of "claim responsibility" or the agent of a passive "claimed"
    (words.tsv claiming)."""
    doc = sentence.doc
    lemmas = DocIndex.of(doc).lemmas
    for part in (sentence, doc[sentence.end].sent if sentence.end < len(doc) else None):
        if part is None:
            continue
        for verb in (doc[i] for i in range(part.start, part.end) if lemmas[i] in CLAIMING):  # a Token only for those
            if verb.pos_ != "VERB":
                continue
            passive = any(c.dep_ == "auxpass" for c in verb.children)
            if passive:
                words = [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
            elif any(c.dep_ == "dobj" and (c.lemma_.lower() in CLAIMING or attack_noun(c)) for c in verb.children):
                # "claimed responsibility for", "claimed the double suicide bomb attack"
                words = [c for c in verb.children if c.dep_ == "nsubj"]
            else:
                continue
            for ent in ents_in(part):
                actor = actor_for(ent)
                if actor is not None and actor.kind not in ("outlet", "monitor", "person") and any(
                        _climb(head_word(ent)) == w or head_word(ent) == w for w in words):
                    return actor
    return None


def doer_in_clause(sentence: Span, trigger: TriggerMatch) -> lexicon.Actor | None:
    """Who did the harm a "when" clause tells how it came ("19 soldiers were killed when rebels blew up a
    tunnel", "civilians died when Russian jets fired missiles on a market": words.tsv harm_clause_marks):
    the subject of that clause, an armed actor, not the victims (the trigger a harm word, words.tsv
    harm_words, or any act told in the passive with no agent: "the road was severed when government
    forces seized a hilltop")."""
    head = trigger.head
    if (verb := occurrence_verb(trigger)) is not None:
        # "Fighting has raged in Hassakeh since the ISIS group attacked several neighbourhoods": who
        # attacked, in a clause that tells how the fighting came
        return _doer_where(sentence, verb) or _doer_of(sentence, [
            c for c in verb.children if c.dep_ == "advcl" and c.pos_ == "VERB" and c.lemma_.lower() in ASSAULT_NOUNS
            and any(m.dep_ == "mark" and m.lower_ in HARM_CLAUSE_MARKS | CAMPAIGN_CLAUSE_MARKS for m in c.children)])
    if head.pos_ != "VERB" or (head.lemma_.lower() not in HARM_WORDS and not any(c.dep_ == "auxpass" for c in head.children)):
        return None  # a harm word, or any act told in the passive ("the road was severed when government forces seized a hilltop")
    clauses = [c for c in head.children if c.dep_ == "advcl" and c.pos_ == "VERB"
               and any(m.dep_ == "advmod" and m.lower_ in HARM_CLAUSE_MARKS or m.dep_ == "mark" and m.lower_ in HARM_CLAUSE_MARKS
                       for m in c.children) or _campaign_clause(c)]
    # "killed by air strikes and shelling since the army began an offensive": the parse may hang the
    # campaign's clause on the conjunct of the harm word
    clauses += [c for conj in head.children if conj.dep_ == "conj" for c in conj.children if _campaign_clause(c)]
    return _doer_of(sentence, clauses)


def _doer_of(sentence: Span, clauses: list[Token]) -> lexicon.Actor | None:
    """The armed actor that is the subject of the first of `clauses` to have one."""
    for clause in clauses:
        doer = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if doer is None:
            continue
        for ent in ents_in(sentence):
            actor = actor_for(ent)
            if actor is not None and actor.acled_type in ARMED_TYPES and actor.kind not in ("person", "outlet", "monitor") \
                    and doer in (ent.root, head_word(ent), _climb(head_word(ent))):
                return actor
    return None


def _campaign_clause(clause: Token) -> bool:
    """A clause that tells the harm came in the course of a campaign it opens ("killed by air strikes
    since the Syrian army began an offensive": words.tsv campaign_clause_marks, the verb's object an
    act noun): its subject waged it; not "killed since the rebels seized the town"."""
    return clause.dep_ == "advcl" and clause.pos_ == "VERB" and any(
        m.dep_ == "mark" and m.lower_ in CAMPAIGN_CLAUSE_MARKS for m in clause.children) and any(
        o.dep_ == "dobj" and attack_noun(o) for o in clause.children)


def _doer_where(sentence: Span, verb: Token) -> lexicon.Actor | None:
    """Who did an act a noun names, told to have happened at a place a "where" clause describes ("Another
    shelling took place in al-Baath, where the Nusra Front terrorists opened rocket fire"): the armed
    subject of that clause, the act told again with its doer."""
    for clause in verb.subtree:
        if clause.dep_ != "relcl" or clause.pos_ != "VERB" or not any(
                c.dep_ == "advmod" and c.lower_ == "where" for c in clause.children):
            continue
        doer = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if doer is None:
            continue
        for ent in ents_in(sentence):
            actor = actor_for(ent)
            if actor is not None and actor.acled_type in ARMED_TYPES and actor.kind not in ("person", "outlet", "monitor", "state") \
                    and doer in (ent.root, head_word(ent), _climb(head_word(ent))):
                return actor
    return None


def air_force_named(sentence: Span, head: Token) -> lexicon.Actor | None:
    """Who flew an air strike its sentence names no one for ("Air raids on the rebel-held parts of
    Aleppo killed 13 civilians"): the air force the article names, a state's or a foreign force's
    whose name is tied to a word of the air (words.tsv air_words: "regime air strikes", "Russian jets",
    "the army's air force"), the last named before the sentence, else the first after; None when the
    article names none (an air raid by an unknown party)."""
    doc = sentence.doc
    if not any(place_for(ent) is not None and actor_for(ent) is None and in_clause_of(ent.root, head)
               for ent in ents_in(sentence)):
        return None  # a strike its clause places nowhere is a summary or a recap, not a raid of its own
    before, after = None, None
    for ent in DocIndex.of(doc).ents:
        if sentence.start <= ent.start < sentence.end:
            continue
        actor = actor_for(ent)
        if actor is None or actor.acled_type not in (1, 8) or actor.kind in ("person", "outlet", "monitor"):
            continue
        if not flies(ent):
            continue
        if ent.start < sentence.start:
            before = actor
        elif after is None:
            after = actor
    return armed(before or after, DocIndex.of(doc).folder)


def flies(ent: Span) -> bool:
    """Is the entity named as flying: a word of the air in it ("Russian jets"), in the noun it
    modifies ("regime air strikes", "the army's air force", "Syrian and Russian warplanes") or in the
    noun conjoined with it ("by either regime or allied Russian warplanes")?"""
    word = _climb(head_word(ent))
    words = list(ent) + [word] + [c for c in word.children if c.dep_ in ("compound", "amod")] + [
        t for c in word.children if c.dep_ == "conj" for t in (c, *c.children) if t.dep_ in ("conj", "compound", "amod")]
    # "by either regime or allied Russian warplanes": the regime flies the warplanes of its conjunct too
    return any(t.lemma_.lower() in AIR_WORDS or t.lower_ in AIR_WORDS for t in words + _phrase_after(ent))


AIR_PHRASE_REACH = 4  # words after a name still of its noun phrase ("Syrian regime bombardment and air strikes")


def _phrase_after(ent: Span) -> list[Token]:
    """The few words after a name up to a verb or a punctuation mark, read in their order: in text
    without commas the parse often loses what a name modifies ("Syrian regime bombardment and air
    strikes killed 21")."""
    words = []
    for token in ent.doc[ent.end:min(ent.end + AIR_PHRASE_REACH, len(ent.doc))]:
        if token.pos_ in ("VERB", "AUX", "PUNCT", "ADP") or token.ent_type_:
            break
        words.append(token)
    return words


PROTESTS = "Protests"
PROTESTERS_TYPE = 6  # ACLED's actor type of protesters


def protesters(folder: str) -> lexicon.Actor | None:
    """Who protests when a protest names no one: the generic protesters (actors.tsv: the first
    generic actor of ACLED type 6), as ACLED codes a protest by unnamed people."""
    return next((a for a in lexicon.actors(folder).values() if a.acled_type == PROTESTERS_TYPE and a.generic), None)


def government_forces(folder: str) -> lexicon.Actor | None:
    """The government side's forces (actors.tsv: the first state_forces actor of side government)."""
    return next((a for a in lexicon.actors(folder).values() if a.side == "government" and a.kind == "state_forces"), None)


def bare_troops(trigger: TriggerMatch) -> bool:
    """"after troops entered the town": "troops" or "soldiers" as subject with nobody named for them
    are the forces of a state, in this war's reporting the government's unless a state's forces were
    the last named."""
    subject = explicit_subject(trigger)
    return (subject is not None and subject.lemma_.lower() in ("troop", "soldier") and subject.ent_type_ == ""
            and not any(c.dep_ in ("amod", "compound", "poss", "nmod", "prep") for c in subject.children))


GOVERNMENT_REGAINS = "Government regains territory"
REBEL_SIDES = ("opposition", "hts", "jihadist")  # sides.tsv: the armed opposition the army fights for ground


def taken_from_rebels(head: Token, loser: lexicon.Actor | None) -> bool:
    """Is the trigger a passive taking with no agent of a place the rebels held ("were liberated from the
    control of the Takfiri militants", "was captured from the Nusra Front")?"""
    return loser is not None and loser.side in REBEL_SIDES and any(c.dep_ == "auxpass" for c in head.children) \
        and not any(c.dep_ == "agent" for c in head.children)


def undergo(trigger: TriggerMatch) -> bool:
    """Does the trigger's subject undergo it: the subject of a passive ("soldiers were killed") or of
    a verb of undergoing (words.tsv undergoing_verbs: "soldiers died")?"""
    subject = explicit_subject(trigger)
    return subject is not None and (subject.dep_ == "nsubjpass" or trigger.head.lemma_.lower() in UNDERGOING_VERBS)


# From the first coalition strikes in Syria (23 September 2014), the United States' air war on the
# Islamic State there is the US-led coalition's (Operation Inherent Resolve), as the reports and
# ACLED's coalition actor have it; its strikes on the government side are its own.
COALITION = "US-led coalition"
COALITION_LEAD = "United States armed forces"
COALITION_SINCE = "2014-09-23"
COALITION_FOES = ("government", "government_ally")


def as_coalition(actor: lexicon.Actor | None, sentence: Span, sub_event_type: str, day: str,
                 folder: str) -> lexicon.Actor | None:
    """The actor of an air strike: the coalition for the United States' forces from COALITION_SINCE
    on, unless its sentence names the government side ("a suspected US airstrike on Monday killed two
    IS leaders": the coalition; "US jets struck Syrian army positions": the United States)."""
    if actor is None or actor.name != COALITION_LEAD or sub_event_type != "Air/drone strike" or day < COALITION_SINCE \
            or any((other := actor_for(ent)) is not None and other.side in COALITION_FOES for ent in ents_in(sentence)):
        return actor
    return lexicon.actors(folder).get(COALITION, actor)


def armed(actor: lexicon.Actor | None, folder: str) -> lexicon.Actor | None:
    """The actor that does violence for `actor`: a state's or a government's forces."""
    if actor is None or not actor.forces:
        return actor
    return lexicon.actors(folder).get(actor.forces, actor)


def nationality_of(ent: Span, root: Token) -> bool:
    """Is the entity a state's people's word describing persons of that nationality who are no party
    of it ("Three Turkish civilians were killed": words.tsv nationals_nouns, civilian_victims,
    general_victims), not its forces ("Turkish troops"), or describing a named armed group that is
    no state's force ("Iraqi Shiite militiamen", "Afghan Fatemiyoun fighters": the group acts)?"""
    actor = actor_for(ent)
    if actor is None or actor.kind != "state" or root.dep_ not in ("amod", "compound", "nmod") \
            or ent.start <= root.head.i < ent.end:
        return False
    noun = root.head
    if noun.lemma_.lower() in NATIONALS:
        return True
    group = next((actor_for(other) for other in ents_in(ent.sent) if other.start <= noun.i < other.end), None)
    # not "Russian and coalition air raids" (the states' coalition), nor "Iranian militants" (a generic
    # word for armed men, which the nationality names better)
    return group is not None and group.acled_type in ARMED_TYPES and group.kind in ("militia", "rebel_group", "coalition") \
        and group.side != "foreign_state" and not group.generic


@per_span
def head_word(ent: Span) -> Token:
    """The entity's word that takes its role: its root, but the noun rather than a determiner or an
    adjective when the parser hung each word of it on a word outside ("The Syrian army men": "army",
    where spaCy's root is "The")."""
    outside = [t for t in ent if not ent.start <= t.head.i < ent.end or t.head == t]
    nouns = [t for t in outside if t.pos_ in ("NOUN", "PROPN")]
    return nouns[-1] if nouns and ent.root not in nouns else ent.root


def men_of(word: Token) -> Token | None:
    """"Dozens of Daesh militants", "terrorists from Jaish al-Islam", "members of Jund al-Aqsa": the
    noun of some of an actor's men (words.tsv men_nouns) that `word` hangs on by "of" or "from", or by
    a word of belonging and "to" or "with" (belonging_words: "fighters loyal to IS")."""
    if word.dep_ == "pobj" and word.head.lower_ in ("of", "from") and word.head.dep_ == "prep":
        noun = word.head.head
        if noun.pos_ in ("NOUN", "PROPN", "NUM") and _men_noun(noun):
            return noun
    if word.dep_ == "pobj" and word.head.lower_ in ("to", "with") and word.head.dep_ == "prep":
        tie = word.head.head  # "fighters loyal to IS", "militants belonging to Jaish al-Islam"
        noun = tie.head
        if tie.dep_ in ("acl", "amod") and _belongs(tie) and noun.pos_ in ("NOUN", "PROPN") \
                and _men_noun(noun):
            return noun
    return None


def men_word(word: Token) -> bool:
    """Is the word a name that is only a noun of men with an actor after "of"/"from" ("The coalition
    of rebel groups", "Terrorists from the Nusra Front"), or a name describing men with a named armed
    group after "of"/"from" ("Kurdish fighters of the YPG", "Turkish-backed fighters of the Hamza
    Division")? That actor is meant, not the name's own."""
    if not word.ent_type_ or not _men_noun(word):
        return False
    objects = [o for p in word.children if p.dep_ == "prep" and p.lower_ in ("of", "from")
               for o in p.subtree if o.dep_ == "pobj" or o.head.dep_ == "pobj"]
    if all(t.dep_ == "det" for t in word.lefts):
        return any(o.ent_type_ in ("ORG", "GPE", "NORP") for o in objects)
    return all(t.dep_ == "det" or _in_name_of(t, word) for t in word.lefts) and any(
        (group := _actor_at(word.sent, o)) is not None and not group.generic and group.acled_type in ARMED_TYPES
        and group.kind not in ("person", "state") for o in objects if o.ent_type_)


def _in_name_of(token: Token, word: Token) -> bool:
    """Is the token a word of the same entity as `word`, before it ("Kurdish" of "Kurdish fighters")?"""
    doc = word.doc
    return token.i < word.i and bool(token.ent_type_) and all(doc[k].ent_iob_ == "I" for k in range(token.i + 1, word.i + 1))


def _men_noun(noun: Token) -> bool:
    """A noun of an actor's men (words.tsv men_nouns), singular or plural: a capitalised plural the
    parser takes for a name keeps its own form as lemma ("Units of the army killed", "Dozens of")."""
    lemma = noun.lemma_.lower()
    return lemma in MEN_NOUNS or (noun.pos_ == "PROPN" and lemma.endswith("s") and lemma[:-1] in MEN_NOUNS)


def tied_to(ent: Span) -> int | None:
    """"terrorist organizations affiliated to Jabhat al-Nusra", "militants belonging to Jaish
    al-Islam", "fighters loyal to IS": the index of the word just before a word of belonging
    (words.tsv belonging_words) and "to" or "with" that come right before the named group, read in
    the words' order (the parse of such a name is often broken), else None."""
    doc, start = ent.doc, ent.start
    if start > 0 and doc[start - 1].lower_ == "the":
        start -= 1  # "loyal to the Islamic State"
    if start < 3 or doc[start - 1].lower_ not in ("to", "with"):
        return None
    return start - 3 if _belongs(doc[start - 2]) else None


BELONGING = WORDS["belonging_words"]


def _belongs(token: Token) -> bool:
    """A word of belonging (words.tsv belonging_words: "loyal", "affiliated", "belonging")."""
    return token.lower_ in BELONGING or token.lemma_.lower() in BELONGING


def _climb(root: Token) -> Token:
    """Up compounds, modifiers, appositions and conjuncts to the word that takes the role."""
    while root.dep_ in ("compound", "amod", "appos", "conj", "nmod", "poss") and root.head != root:
        root = root.head
    return root


def backs(token: Token) -> bool:
    """"US-backed", "Iran-led", "backed by Turkey", "fighters that are backed by the United States": the
    entity backs another, it does not act."""
    for word in (token.head, token.head.head):
        if word.lemma_.lower() in BACKING_WORDS and word.dep_ in ("amod", "compound", "acl", "relcl", "npadvmod") \
                and word != token:
            return True
    index = DocIndex.of(token.doc)  # the two words after it, without a Token a word
    return any(lemma in BACKING_WORDS for lemma in index.lemmas[token.i + 1:token.i + 3]) \
        and "-" in index.lowers[token.i + 1:token.i + 3]


@per_span  # asked for each trigger of the sentence
def describes_place(ent: Span) -> bool:
    """"rebel-held", "ISIS-controlled", "rebel areas", "opposition territory": the entity only says who
    holds a place (words.tsv holding_words, area_nouns)."""
    following = ent.doc[ent.end:ent.end + 2]
    if len(following) == 2 and following[0].text == "-" and following[1].lemma_.lower() in HOLDING_WORDS:
        return True
    root = head_word(ent)
    return root.dep_ in ("amod", "compound", "nmod") and not ent.start <= root.head.i < ent.end \
        and root.head.lemma_.lower() in AREA_NOUNS


def fired_from(ent: Span, instrument_tokens: frozenset[int]) -> bool:
    """"shells from the rebel enclave", "rockets fired from rebel-held areas": the entity says who holds
    the area an instrument of the trigger's phrase came from, and so who fired it."""
    word = head_word(ent)
    while word.dep_ in ("amod", "compound", "nmod", "npadvmod") and word.head != word:
        word = word.head
    if word.dep_ != "pobj" or word.head.lower_ != "from" or word.head.head.pos_ not in ("NOUN", "VERB"):
        return False
    came = word.head.head
    return came.i in instrument_tokens or (came.dep_ == "acl" and came.head.i in instrument_tokens)


RUN_IN_GAP = ("aux", "advmod", "neg")  # what may stand between a run-in subject and its verb


def run_into_subject(word: Token, head: Token) -> bool:
    """"In the same context army units killed al-Nusra terrorists", "In Daraa countryside army units
    destroyed", "In the city of Deir Ezzor ISIL decapitated" (through the phrase's "of"): the sentence
    opens with a phrase no comma closes, and the parser took the subject for
    the phrase's object. The object of the sentence's first preposition, right before the active verb
    trigger (or the verb a noun trigger is the object of) that has no subject of its own, is its subject."""
    prep = word.head
    while prep.dep_ == "prep" and prep.i != prep.sent.start and prep.lower_ == "of" \
            and prep.head.dep_ == "pobj" and prep.head.head.dep_ == "prep":
        prep = prep.head.head  # "In the city of Deir Ezzor ISIL decapitated": the opening phrase's "of" phrase took it
    if word.dep_ != "pobj" or prep.dep_ != "prep" or prep.i != prep.sent.start:
        return False
    verb = head.head if head.dep_ == "dobj" and head.pos_ in ("NOUN", "PROPN") else head
    if verb.pos_ != "VERB" or prep.head != verb or not word.i < verb.i or verb.tag_ in ("VBG", "VBN") and not any(
            c.dep_ == "aux" for c in verb.children):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl", "auxpass") for c in verb.children):
        return False
    return all(t.dep_ in RUN_IN_GAP for t in word.doc[word.i + 1:verb.i])


def at_hands_of(word: Token, head: Token) -> bool:
    """"Twenty civilians were killed at the hands of Islamic State militants": the doer."""
    if word.dep_ != "pobj" or word.head.lower_ != "of":
        return False
    hands = word.head.head
    return hands.lemma_.lower() == "hand" and hands.dep_ == "pobj" and hands.head.lower_ in ("at", "by") \
        and hands.head.head == head


def agent_of(word: Token, head: Token, instrument_tokens: frozenset[int]) -> bool:
    """"by X" attached to the trigger, or to an instrument in its phrase ("air strikes by the
    regime")."""
    if word.dep_ != "pobj" or word.head.lower_ != "by":
        return False
    attached = word.head.head
    if attached.dep_ == "acl" and (attached.head == head or attached.head.i in instrument_tokens or (
            attached.head.dep_ in ("nsubj", "nsubjpass") and attached.head.head == head
            # the act or its instrument as subject, not an actor's men described ("fighters and
            # residents surrounded by opposition fighters have left": who surrounds them does not leave)
            and not attached.head.ent_type_ and attached.head.lemma_.lower() not in THEIR_MEN) or (
            attack_noun(attached.head) and path_up(attached.head, head) is not None)):
        # "air strikes conducted by the regime", "the bombing carried out by the coalition targeted";
        # not "the village held by rebels", which says who holds the target
        return True
    if word.head.i - 1 in instrument_tokens or word.head.i - 1 == head.i:
        # "in airstrikes by regime jets", "killed in air strikes by a US-led coalition" (the trigger
        # noun right before the "by"), wherever the parser attached the "by"
        return True
    if attached.lemma_.lower() in INSTRUMENT_VERBS and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.tag_ == "WDT" for c in attached.children) \
            and (instrument_tokens or attack_noun(head)):
        # "killed in air strikes which the Observatory said were carried out by regime warplanes": the
        # relative stands for the act, wherever the parser hung its clause
        return True
    if attached in head.conjuncts and attached.tag_ == "VBN":
        return True  # "were killed and 30 others wounded ... by regime jets"
    if head.dep_ == "nsubjpass" and head.head == attached and attached.lemma_.lower() in INSTRUMENT_VERBS:
        return True  # "the strikes were likely carried out by Russian jets"
    return attached == head or attached.i in instrument_tokens or (
        (attack_noun(attached) or attacks_of(attached, instrument_tokens)) and path_up(attached, head) is not None)


def escort(sentence: Span, noun: Token | None) -> lexicon.Actor | None:
    """The armed party (no state, no person) named with civilians as one subject (`noun`): conjoined
    with them or going "alongside"/"with" them ("Civilians and rebel fighters left Madaya", "The
    residents alongside hundreds of pro-government fighters had left"); None when there is none."""
    if noun is None:
        return None
    for ent in ents_in(sentence):
        actor = actor_for(ent)
        if actor is None or actor.acled_type not in ARMED_TYPES or actor.kind in ("person", "state"):
            continue
        word = head_word(ent)
        word = whole if (whole := men_of(word)) is not None else word
        if word in noun.conjuncts or (word.dep_ == "pobj" and word.head.lower_ in ESCORT_PREPS
                                      and noun in (word.head.head, word.head.head.head)) \
                or _their_families(ent, noun):  # "along with"
            return actor
    return None


def _their_families(ent: Span, noun: Token) -> bool:
    """"hundreds of rebels and their families evacuated": the civilians named as the armed party's own
    ("and their families", "and its residents") right after its name, however the parser joined them."""
    doc = noun.doc
    if _climb(head_word(ent)).dep_ in ("dobj", "nsubjpass", "attr"):
        return False  # "Government forces shelled the rebels and their families fled": another clause's target
    return ent.end == noun.i - 2 and doc[noun.i - 2].lower_ == "and" and doc[noun.i - 1].dep_ == "poss" \
        and doc[noun.i - 1].lower_ in ("their", "its")


def undergoer_of_noun(word: Token) -> bool:
    """Is the word the "of" phrase of a noun of an act done to someone (words.tsv patient_nouns: "the
    elimination of 34 militants", "the killing of most of the group's members"): who underwent it?"""
    return word.dep_ == "pobj" and word.head.lower_ == "of" and word.head.head.lemma_.lower() in PATIENT_NOUNS


def came_from(word: Token, head: Token) -> bool:
    """"came under attack from Islamic State fighters", "heavy shelling from Turkish troops": the party
    an act noun trigger comes from is its doer, as a "by" phrase's (a place it came from is no party:
    `fired_from`)."""
    return word.dep_ == "pobj" and word.head.lower_ == "from" and word.head.head == head and attack_noun(head)


def assailant_of(word: Token, head: Token, actor: lexicon.Actor) -> bool:
    """"repelled a massive counterattack of jihadist forces": the armed party in the "of" phrase of a
    noun of a ground assault trigger (words.tsv assault_nouns) is the assailant; a place or a civilian
    party there is what was assaulted ("the offensive of Aleppo")."""
    return word.dep_ == "pobj" and word.head.lower_ == "of" and word.head.head == head \
        and head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() in ASSAULT_NOUNS \
        and actor.acled_type in ARMED_TYPES and actor.kind != "state"


def owns_arms(ent: Span, word: Token, instrument_tokens: frozenset[int]) -> bool:
    """"Jets of the Syrian regime", "warplanes belonging to the US-led coalition": an armed party (or a
    state, acting by its forces) named as the whole of the "of" phrase, or after "belonging to", of a
    weapon of the trigger's phrase (words.tsv owned_arms) fired it; not the "of" phrase of a noun of an
    act ("the bombardment of the rebels": the target)."""
    if word.dep_ != "pobj" or not (ent.start <= word.i < ent.end or men_word(word)):
        return False
    actor = actor_for(ent)
    if actor is None or (actor.acled_type not in ARMED_TYPES and not actor.forces):
        return False
    prep = word.head
    if prep.lower_ == "to" and _belongs(prep.head) and prep.head.dep_ in ("acl", "relcl", "amod"):
        prep = prep.head  # "belonging to", "that belong to"
    elif prep.lower_ != "of":
        return False
    arms = prep.head
    return arms.i in instrument_tokens and arms.lemma_.lower() in OWNED_ARMS


def attacks_of(word: Token, instrument_tokens: frozenset[int]) -> bool:
    """"a series of strikes", "a wave of air raids": a noun counting attacks, whose "by" phrase names
    the attacker ("A series of strikes overnight by a US-led coalition killed 14 jihadists")."""
    return any(p.dep_ == "prep" and p.lower_ == "of" and any(
        o.dep_ == "pobj" and (attack_noun(o) or o.i in instrument_tokens) for o in p.children) for p in word.children)


def attack_noun(word: Token) -> bool:
    """"attack", "strike", "raid", "operation"...: a noun whose "by" phrase (or participle's) names the
    attacker ("killed in rocket attacks launched by terrorists"), as does an actor modifying it
    ("killed in army operations")."""
    return word.pos_ in ("NOUN", "PROPN") and word.lemma_.lower() in ACT_NOUNS


def acting_verb(head: Token) -> Token | None:
    """The verb whose subject does what the trigger tells without being its own subject: the verb a
    noun trigger is the object of, or hangs on through its object ("won the battle", "dealt a blow to
    the militants in airstrikes": words.tsv acting_verbs), or the verb a participle clause continues
    ("clashed with the terrorists, killing 16 of them")."""
    if head.pos_ == "VERB":
        if head.dep_ == "advcl" and head.tag_ == "VBG" and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
            return head.head
        return None
    word = head
    while word.dep_ in ("pobj", "prep", "dobj") and word.head != word:
        if word.dep_ == "prep" and word.lower_ not in ("in", "with", "through", "during"):
            return None
        word = word.head
        if word.pos_ == "VERB":
            return word if word.lemma_.lower() in ACTING_VERBS or harms_someone(word) else None
    return None


def harms_someone(verb: Token) -> bool:
    """A word of harm used with its object ("unknown gunmen injured civilians in mortar attacks",
    words.tsv harm_words): its subject did the act its "in" phrase names; not one without an object
    ("soldiers died in air strikes": who died underwent it)."""
    return verb.lemma_.lower() in HARM_WORDS and any(c.dep_ == "dobj" for c in verb.children)


CONTROL_REACH = 4  # verbs climbed to find the subject a subjectless verb trigger shares


def understood_subject(head: Token) -> tuple[Token | None, bool]:
    """The subject a verb trigger without one of its own shares with the verb it hangs on, and whether
    the trigger is passive (that subject is then its target): the noun a relative pronoun subject
    stands for ("the Syrian ground forces who inflicted major casualties"), the first of conjoined verbs ("Kurdish-led
    forces are continuing their assault ... and are advancing ... and seized silos"), the verb whose
    time a participle after a preposition tells ("After establishing control over the station, the
    army continued"; "a rebel opened fire before being executed": the rebel was executed), or the verb
    a participle clause goes on from ("withdrew, leaving ..."). (None, False) when the trigger has a
    subject or hangs on no verb that has one."""
    if head.pos_ != "VERB":
        return None, False
    relative = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP")), None)
    if relative is not None and head.dep_ == "relcl" and head.head.pos_ in ("NOUN", "PROPN"):
        return head.head, relative.dep_ == "nsubjpass"  # "the Syrian ground forces who inflicted casualties"
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in head.children):
        return None, False
    passive = any(c.dep_ == "auxpass" for c in head.children)
    word = head
    for _ in range(CONTROL_REACH):
        if word.dep_ == "conj" and word.head.pos_ in ("VERB", "AUX"):
            shared = word.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in word.children)
            if any(c.dep_ == "auxpass" for c in word.head.children) and not (passive or shared):
                return None, False  # "Iran is irked ... after Israel killed": an active verb shares no passive's subject
            passive = passive or (shared and any(c.dep_ == "auxpass" for c in word.head.children))  # "were killed and wounded"
            word = word.head
        elif word.dep_ == "pcomp" and word.tag_ in ("VBG", "VBN") and word.head.dep_ == "prep" \
                and word.head.head.pos_ in ("VERB", "AUX"):
            word = word.head.head
        elif word.dep_ == "advcl" and word.tag_ == "VBG" and word.head.pos_ in ("VERB", "AUX") \
                and not any(c.dep_ in ("mark", "auxpass") for c in word.head.children) \
                and not any(c.dep_ == "mark" for c in word.children):
            word = word.head  # not "Rebels were shelled by regime artillery, killing 12": the shelling killed
            if word.lemma_.lower() in REPORTING_LEMMAS:
                # "Israeli jets struck the base, Russia's defence ministry said, killing 14": the participle
                # goes on from the act the saying reports, not from who says it
                word = word.head if word.dep_ == "parataxis" else next(
                    (c for c in word.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
                if word is None:
                    return None, False
        else:
            return None, False
        subject = next((c for c in word.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject, passive
    return None, False


def refers_back(trigger: TriggerMatch, violent: bool = False) -> bool:
    """A subject that refers back: "it", "they", "the group", "the militants"; not a passive subject
    ("after it was hit in an air strike": the target) nor a noun an actor or a demonym modifies ("the
    regime jet fighters attacked": the regime's)."""
    subject = explicit_subject(trigger)
    if subject is None:
        return False
    if any(c.dep_ in ("compound", "amod", "nmod", "poss") and c.ent_type_ for c in subject.children):
        return False
    return subject.lower_ in ("it", "they") or _the_group(subject) or any(
        _the_group(o) for p in subject.children if p.dep_ == "prep" and p.lower_ in ("from", "of")
        for o in p.children if o.dep_ == "pobj") or (  # "Fighters from the group withdrew"
        _their_men(subject, violent) and not undergo(trigger))  # "On Monday its fighters captured the Old City"


PERSON_REACH = 60  # tokens back a "his" looks for the person it stands for (about two sentences)


def possessor_of_men(sentence: Span, trigger: TriggerMatch, violent: bool = False) -> lexicon.Actor | None:
    """The party whose men (or, in violence, aircraft) the trigger's subject names by a possessive that
    is no "its"/"their": "his forces" are those of the person named last before ("Assad vowed to retake
    Aleppo. His forces shelled"), if he commands any (actors.tsv `forces`); "Russia, whose warplanes
    struck": the party the relative clause tells of, by its forces. None otherwise."""
    noun = explicit_subject(trigger)
    if noun is None or noun.lemma_.lower() not in (THEIR_MEN | AIR_WORDS if violent else THEIR_MEN):
        return None
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is None:
        return None
    index = DocIndex.of(sentence.doc)
    if poss.lower_ == "whose":
        verb = noun.head
        if verb.dep_ != "relcl":
            return None
        owner = next((a for e in ents_in(sentence) if e.start <= verb.head.i < e.end
                      and (a := actor_for(e)) is not None and (a.acled_type in ARMED_TYPES or a.forces)), None)
        return armed(owner, index.folder)
    if poss.lower_ != "his":
        return None
    for ent in reversed(index.ents):
        if ent.start >= poss.i:
            continue
        if ent.start < poss.i - PERSON_REACH:
            break
        actor = index.actors.get((ent.start, ent.end))
        if actor is not None and actor.kind == "person":
            return lexicon.actors(index.folder).get(actor.forces) if actor.forces else None
    return None


def _their_men(noun: Token, violent: bool = False) -> bool:
    """"its fighters", "their troops": an armed actor's men (words.tsv men, men_nouns, referring_nouns)
    owned by a possessive pronoun that refers back, and in an act of violence (`violent`) its aircraft
    (words.tsv air_words: "Russia's defence ministry said its jets had struck"); not "their families",
    nor "their helicopter crashed" (a loss, no act of the owner)."""
    nouns = THEIR_MEN | AIR_WORDS if violent else THEIR_MEN  # "its jets had struck": aircraft in an act of violence
    return noun.lemma_.lower() in nouns and any(c.dep_ == "poss" and c.lower_ in ("its", "their")
                                                  for c in noun.children)


def described_again(trigger: TriggerMatch, subject: lexicon.Actor | None, antecedent: lexicon.Actor | None) -> bool:
    """Is the trigger's subject "the" with a referring noun that a word of the antecedent's side or of
    a nationality describes ("The rebel group shelled Damascus" after Jaish al-Islam, "The Lebanese
    group captured Qusayr" after Hezbollah), standing for that named group, not for the generic side
    or the state its describing word names?"""
    noun = explicit_subject(trigger)
    if subject is None or antecedent is None or antecedent.generic or noun is None or noun.ent_type_ \
            or noun.dep_ != "nsubj" or not _the_group(noun):
        return False
    if not any(c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ for c in noun.children):
        return False
    return antecedent.acled_type in ARMED_TYPES and antecedent.kind not in ("person", "state") and (
        subject.kind == "state" or (subject.generic and subject.side == antecedent.side))


def the_blanket_again(trigger: TriggerMatch, subject: lexicon.Actor | None, antecedent: lexicon.Actor | None) -> bool:
    """Is the trigger's subject a blanket word (words.tsv blanket_words) with "the" and nothing else
    describing it ("Islamic State fighters attacked Kobani on Thursday. The militants then shelled Tal
    Abyad"), standing for the named armed group before it of a side such a word may describe (words.tsv
    described_sides), not for the generic side? Not "the rebels": that names a side."""
    noun = explicit_subject(trigger)
    if subject is None or not subject.generic or antecedent is None or antecedent.generic or noun is None \
            or noun.dep_ != "nsubj" or noun.lemma_.lower() not in BLANKET_WORDS or not _the_group(noun) \
            or any(c.dep_ in ("amod", "compound", "nmod", "poss") for c in noun.children):
        return False
    return antecedent.acled_type in ARMED_TYPES and antecedent.kind not in ("person", "state") \
        and subject.side in DESCRIBED_SIDES and antecedent.side in DESCRIBED_SIDES


def _blanket(word: Token) -> bool:
    lemma = word.lemma_.lower()
    return lemma in BLANKET_WORDS or (lemma.endswith("s") and lemma[:-1] in BLANKET_WORDS)


def blanket_men(trigger: TriggerMatch, antecedent: lexicon.Actor | None) -> bool:
    """Is the trigger's subject, no name in it, a blanket word (words.tsv blanket_words) alone or
    describing men ("Jihadists shelled the town", "Jihadist forces shelled", "extremist fighters"),
    standing for the named armed group before it of a side such a word may describe (words.tsv
    described_sides)? Not after the state's forces: the outlet's word for its foes is no name of theirs."""
    noun = explicit_subject(trigger)
    if antecedent is None or antecedent.generic or noun is None or noun.dep_ != "nsubj" or any(
            actor_for(e) is not None for e in DocIndex.of(noun.doc).ents_within(noun.doc[noun.left_edge.i:noun.i + 1])):
        return False
    if not (_blanket(noun) or (noun.lemma_.lower() in THEIR_MEN | MEN_NOUNS and any(
            c.dep_ in ("amod", "compound") and _blanket(c) for c in noun.children))):
        return False
    return antecedent.acled_type in ARMED_TYPES and antecedent.kind not in ("person", "state") \
        and antecedent.side in DESCRIBED_SIDES


def _the_group(noun: Token) -> bool:
    """"the group", "the militants": a referring noun with a definite determiner."""
    return noun.lemma_.lower() in REFERRING and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children)


def explicit_subject(trigger: TriggerMatch) -> Token | None:
    return next((c for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def subject_by_grammar(sentence: Span, trigger: TriggerMatch, violent: bool = False) -> lexicon.Actor | None:
    """"The SDF said it had deployed": a pronoun subject is the subject of the verb that reports it;
    so is the pronoun a participle shares with the verb it hangs on ("Rebels said they were at the gates
    of Homs, after taking Rastan": the rebels took it)."""
    subject, governing = _partitive_of(explicit_subject(trigger)), trigger.head
    if subject is None:
        understood, passive = understood_subject(trigger.head)
        if understood is not None and not passive and understood.lower_ in PRONOUNS:
            subject, governing = understood, understood.head
    if subject is None or (subject.lower_ not in PRONOUNS and subject.lemma_.lower() not in MEN
                           and not _their_men(subject, violent)):  # "The rebels said their fighters had captured"
        return None
    speaker = _speaker_of(governing)
    if speaker is None:
        return None
    for ent in ents_in(sentence):
        if ent.start <= speaker.i < ent.end or ent.root.head == speaker or ent.root == speaker:
            actor = actor_for(ent)
            if actor is not None and actor.kind not in ("outlet", "monitor") and agrees(subject, actor):
                return actor
    return None


def _partitive_of(subject: Token | None) -> Token | None:
    """The whole a partitive subject names some of ("one of its fighters", "two of their suicide
    bombers", "some of its troops": the fighters, the bombers, the troops), else the subject itself
    ("One man was killed": no "of")."""
    if subject is None or not (subject.pos_ == "NUM" or subject.lemma_.lower() in PARTITIVES):
        return subject
    return next((o for p in subject.children if p.dep_ == "prep" and p.lower_ == "of"
                 for o in p.children if o.dep_ == "pobj"), subject)


PARTITIVES = WORDS["partitives"]


def _speaker(trigger: TriggerMatch) -> Token | None:
    """The subject of the nearest verb above the trigger that has one: who reports or governs it
    ("The SDF said it had deployed", "Moustafa praised the group for ... after it occupied")."""
    return _speaker_of(trigger.head)


def _speaker_of(word: Token) -> Token | None:
    """The subject of the nearest verb above `word` that has one."""
    return next((c for verb in word.ancestors for c in verb.children if c.dep_ == "nsubj"), None)


def agrees(pronoun: Token, actor: lexicon.Actor) -> bool:
    """Can the pronoun stand for the actor: "he"/"she" only for a person, "it"/"they" never for
    one person (words.tsv person_pronouns); a noun subject ("the fighters") for any actor."""
    if pronoun.lower_ not in PRONOUNS:
        return True
    return (pronoun.lower_ in PERSON_PRONOUNS) == (actor.kind == "person")


def speaker_disagrees(sentence: Span, trigger: TriggerMatch) -> bool:
    """Is the trigger's pronoun subject inside what a person's verb governs, without standing for
    that person ("Moustafa praised the group for ... after it occupied the city")? The pronoun then
    stands for a noun of its own sentence ("the group"), not for the actor of the sentences before."""
    subject = explicit_subject(trigger)
    if subject is None or subject.lower_ not in PRONOUNS:
        return False
    speaker = _speaker(trigger)
    return speaker is not None and any(not agrees(subject, actor) for ent in ents_in(sentence)
                                       if (ent.start <= speaker.i < ent.end or ent.root == speaker)
                                       and (actor := actor_for(ent)) is not None)


def accused_of(sentence: Span, trigger: TriggerMatch) -> lexicon.Actor | None:
    """"The opposition accused government forces of killing 1000 civilians", "the regime was blamed
    for the attack": the accused did what the accusation's "of"/"for" phrase tells (words.tsv
    accusing_verbs), not the accuser; "the attack was blamed on the Islamic State group": who
    follows "on"."""
    word = trigger.head
    while word.dep_ == "conj" and word.head != word:
        word = word.head  # "of launching a chemical attack and killing 1000"
    if word.dep_ == "advcl" and word.tag_ == "VBG" and word.head.lemma_.lower() in ACCUSING_VERBS:
        # "Activists accused government forces of launching a gas attack, killing hundreds": the
        # participle goes on from the act of the accusation's "of"/"for" phrase, the accused's
        accused = next((c for c in word.head.children if c.dep_ == "dobj"), None)
        if accused is not None and any(p.dep_ == "prep" and p.lower_ in ("of", "for")
                                       for w in (word.head, accused) for p in w.children):
            return _actor_at(sentence, accused)
    if word.dep_ == "nsubjpass" and word.head.lemma_.lower() in ACCUSING_VERBS:
        accused = next((o for p in word.head.children if p.dep_ == "prep" and p.lower_ == "on"
                        for o in p.children if o.dep_ == "pobj"), None)
        return _actor_at(sentence, accused)
    # "accused government forces of gassing hundreds by firing rockets": the means of what the accused did
    # (the parse hangs the "by" phrase on the act or on the accusing verb); not without an accusation's
    # "of"/"for" phrase ("accused the regime on Wednesday by firing rockets")
    while word.dep_ == "pcomp" and word.head.lower_ == "by" and word.head.head != word.head:
        word = word.head.head
        if word.lemma_.lower() in ACCUSING_VERBS:
            accused = next((c for c in word.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if accused is None or not any(p.dep_ == "prep" and p.lower_ in ("of", "for")
                                          for w in (word, accused) for p in w.children):
                return None
            return _actor_at(sentence, accused)
    if word.dep_ not in ("pcomp", "pobj") or word.head.lower_ not in ("of", "for"):
        return None
    holder = word.head.head  # the verb, or the accused when the parser hung the phrase on it
    if holder.lemma_.lower() in ACCUSING_VERBS:
        accused = next((c for c in holder.children if c.dep_ in ("dobj", "nsubjpass")), None)
    elif holder.dep_ in ("dobj", "nsubjpass") and holder.head.lemma_.lower() in ACCUSING_VERBS:
        accused = holder
    else:
        return None
    return _actor_at(sentence, accused)


def _actor_at(sentence: Span, word: Token | None) -> lexicon.Actor | None:
    """The party (no outlet or monitor) the sentence names at `word`, or whose name takes its role there."""
    if word is None:
        return None
    for ent in ents_in(sentence):
        actor = actor_for(ent)
        if actor is not None and actor.kind not in ("outlet", "monitor") and (
                ent.start <= word.i < ent.end or _climb(head_word(ent)) == word):
            return actor
    return None


def named_before(sentence: Span, actor: lexicon.Actor) -> lexicon.Actor | None:
    """The named group a blanket word stands for (words.tsv blanket_words: "terrorists", "militants"
    after "Jabhat al-Nusra terrorists"), else None: the last named armed group of the sentences
    before (at most BLANKET_REACH back, passing those that name only generic words), when it is a
    non-state group, this sentence tells the act goes on (words.tsv continuing_words: "also",
    "continued") or has no date of its own (the same incident told again), and names no group of its
    own."""
    if not blanket_named(sentence, actor):
        return None
    if any((other := actor_for(ent)) is not None and other.acled_type == 2 and not other.generic
           for ent in ents_in(sentence)):
        return None  # "terrorists from Jaish al-Islam": the sentence's own group
    if not (any(lemma in CONTINUING_WORDS for lemma in DocIndex.of(sentence.doc).lemmas[sentence.start:sentence.end]) or not any(
            sentence.start <= span.start < sentence.end and span.label_ in ("DATE", "TIME")
            for span in sentence.doc.spans.get("timex", ()))):
        return None  # not "On Thursday two children were injured in a terrorist attack": another incident
    doc, before = sentence.doc, sentence
    for _ in range(BLANKET_REACH):
        if before.start == 0:
            return None
        before = doc[before.start - 1].sent
        groups = [other for ent in ents_in(before) if (other := actor_for(ent)) is not None and not other.generic
                  and other.acled_type in ARMED_TYPES and other.kind not in ("person", "state")
                  and not in_headline(ent)]
        if groups:
            group = groups[-1]
            if group.acled_type != 2 or group.kind not in ("rebel_group", "coalition", "militia"):
                return None
            speaker, told_by = reporter(sentence), reporter(before)
            return None if speaker and told_by and speaker != told_by else group
    return None


def reporter(sentence: Span) -> str:
    """Who the sentence says reports it: the noun subject of its first verb of saying, as written
    ("a source at Aleppo Police Command said six civilians were injured when terrorist groups
    launched rocket attacks"), "" when it names none. A blanket word another reporter uses does not
    stand for the group the one before named ("The center added that al-Nusra terrorists shelled
    al-Foaa"): each source says "terrorists" of whom it means."""
    for verb in sentence:
        if verb.pos_ == "VERB" and verb.lemma_.lower() in REPORTING_LEMMAS:
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ not in PRONOUNS:
                return " ".join(t.lower_ for t in subject.subtree)
    return ""


HEADLINE = "cte_headline"  # doc.user_data: the offsets of the page's title repeated atop the text (assemble)


def in_headline(ent: Span) -> bool:
    """Is the entity in the page's title repeated at the top of the text: a headline sums up the whole
    article ("Three civilians killed in rocket attack in Aleppo ISIS attacks Hasaka city"), it tells
    no group a blanket word of the body stands for ("Terrorists attacked al-Ramouseh")?"""
    title = ent.doc.user_data.get(HEADLINE)
    return title is not None and title[0] <= ent.start_char < title[1]


def blanket_named(sentence: Span, actor: lexicon.Actor) -> bool:
    """Is the generic actor named in the sentence by a blanket word (words.tsv blanket_words:
    "terrorists", "Takfiri militants")?"""
    return actor.generic and any(t.lemma_.lower() in BLANKET_WORDS or t.lower_.rstrip("s") in BLANKET_WORDS
                                 for ent in ents_in(sentence) if actor_for(ent) is actor for t in ent)


@per_span
def named_groups(sentence: Span, armed_only: bool = False) -> tuple[set[int], set[int]]:
    """The words of the sentence that a named actor's men take ("terrorists from Jaish al-Islam",
    "Dozens of Daesh militants": the noun of its men, and the word that noun climbs to), and with them
    the generic nouns a name modifies ("Daesh militants", "Jabhat al-Nusra terrorists"); `armed_only`:
    of named armed groups only (not "Iranian militants"). The sets are shared by every caller: not to
    be changed."""
    groups = [ent for ent in ents_in(sentence) if (actor := actor_for(ent)) is not None and not actor.generic
              and (not armed_only or (actor.acled_type in ARMED_TYPES and actor.kind not in ("person", "state")))]
    named = [head_word(ent) for ent in groups]
    wholes = {i for word in named if (whole := men_of(_climb(word))) is not None for i in (whole.i, _climb(whole).i)}
    # "terrorists affiliated to Jabhat al-Nusra": the generic word before the tie gives way to the group
    tied = {head_word(generic).i for ent in groups if (i := tied_to(ent)) is not None
            for generic in ents_in(sentence) if generic.start <= i < generic.end}
    return wholes, wholes | tied | _describing(sentence, named) | {
        word.head.i for word in named if word.dep_ in ("amod", "compound", "nmod")}


def _describing(sentence: Span, named: list[Token]) -> set[int]:
    """The generic words that only describe a named group as the noun of its name ("the so-called
    Islamic State of Iraq and the Levant (ISIL) terrorist organization": "terrorist" modifies a noun
    the name is conjoined or apposed with), not another party."""
    if not named:
        return set()
    names = {_climb(word).i for word in named}
    found = set()
    for ent in ents_in(sentence):
        actor = actor_for(ent)
        word = head_word(ent)
        if actor is not None and actor.generic and word.dep_ in ("amod", "compound", "nmod") \
                and word.head.dep_ in ("conj", "appos") and word.head.pos_ in ("NOUN", "PROPN") \
                and _climb(word).i in names and word.head.lemma_.lower() in REFERRING:
            found.add(word.i)
    return found


def last_armed_actor(sentence: Span) -> lexicon.Actor | None:
    """The armed party a sentence is about, which "it" or "the group" in the next one means: the
    subject or by-agent of its main verb first, else of any verb, else the first named; None when
    it names none in such a role and its own subject refers back (the actor before goes on)."""
    by_shape(sentence.doc)
    ranked = []
    named_words: set[int] | None = None  # worked out only for a generic actor (most sentences name none)
    for ent in ents_in(sentence):
        actor = actor_for(ent)
        if actor is None or actor.acled_type not in ARMED_TYPES or actor.kind in ("person", "state") \
                or backs(ent.root) or men_word(head_word(ent)):
            continue  # not "The coalition of advancing rebels": the rebels
        if actor.generic:
            if named_words is None:
                named_words = named_groups(sentence, armed_only=True)[1]
            if head_word(ent).i in named_words:
                continue  # "terrorists from Jaish al-Islam": Jaish al-Islam, in the terrorists' role
        word = _climb(head_word(ent))  # "The Islamic State group attacked": the group, not "The"
        if (whole := men_of(word)) is not None and (not actor.generic or men_word(whole)):
            word = _climb(whole)
        agent = word.dep_ == "pobj" and word.head.lower_ == "by"
        verb = word.head.head if agent else word.head
        role = word.dep_ in ("nsubj", "nsubjpass") or agent
        rank = 0 if role and verb.dep_ == "ROOT" else 1 if role else 2
        ranked.append((rank, ent.start, actor))
    if not ranked:
        return None
    best = min(ranked, key=lambda item: item[:2])
    if best[0] == 2 and _about_the_last(sentence):
        return None  # "the group withdrew ... after coming under attack from rival Islamist fighters": still the group
    return best[2]


def _about_the_last(sentence: Span) -> bool:
    """Is the subject of the sentence's main verb a word that refers back ("it", "they", "the group"):
    the sentence goes on about the actor named before it; not "The Islamic State group attacked
    Kobani", the noun of a name the sentence gives."""
    root = sentence.root
    return any(c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in ("it", "they") or (
        _the_group(c) and not any(m.dep_ in ("compound", "amod", "nmod") and m.ent_type_ for m in c.children)))
               for c in root.children)


def actor_between(sentence: Span, left: Token, right: Token) -> bool:
    """Is another actor named between the subject and the trigger (not one conjoined with it)?"""
    low, high = sorted((left.i, right.i))
    return any(low < ent.root.i < high and actor_for(ent) is not None and not conjoined_with(ent.root, left)
               for ent in ents_in(sentence))


SHAPED = "cte_groups_by_shape"  # DocIndex.memo: the doc's names were read for the shape of a group's


def by_shape(doc: Doc) -> None:
    """The organisations' names the lexicon does not know that have the shape of an armed group's
    name (words.tsv group_openers, group_nouns: "Liwa Suqour al-Janoub", "the Omar ibn al-Khattab
    Brigade") name the generic opposition in the doc's index, as the lexicon's rebels do: news of the
    war names hundreds of small factions no list holds. Once a doc."""
    index = DocIndex.of(doc)
    if index.memo.get(SHAPED):
        return
    index.memo[SHAPED] = True
    rebels = None
    for ent in index.ents:
        key = (ent.start, ent.end)
        if ent.label_ == "ORG" and index.actors.get(key) is None and group_shaped(ent):
            rebels = rebels or adversary(government_forces(index.folder), index.folder)
            index.actors[key] = rebels


def group_shaped(ent: Span) -> bool:
    """Has the name the shape of an armed group's: an Arabic word of a unit then a name of its own
    ("Liwa Suqour al-Janoub", "Jaish al-Watani"), or a name of its own then a noun of a unit ("the Omar
    ibn al-Khattab Brigade"); not a numbered unit ("the 93rd Brigade"), a unit an actor owns ("the
    army's 25th Division", "the Golani Brigade of the Israeli army") or one a word of a side other than
    the opposition describes ("the pro-government Desert Lions Brigade")?"""
    words = [t for t in ent if t.lower_ not in ("the", "-") and not t.is_punct]
    if len(words) < 2 or any(t.like_num or any(c.isdigit() for c in t.text) for t in words):
        return False
    opens = words[0].lower_ in GROUP_OPENERS and any(t.text[:1].isupper() for t in words[1:])
    ends = words[-1].lower_ in GROUP_NOUNS and any(
        t.text[:1].isupper() and t.lower_ not in GROUP_NOUNS for t in words[:-1])
    if not (opens or ends):
        return False
    head = head_word(ent)
    doc = ent.doc
    owners = [c for c in head.children if not ent.start <= c.i < ent.end and (
        c.dep_ == "poss" or (c.dep_ in ("amod", "compound", "nmod") and c.ent_type_)
        or (c.dep_ == "prep" and c.lower_ == "of" and any(t.ent_type_ for t in c.subtree)))]
    if owners:
        return False
    before = " ".join(t.lower_ for t in doc[max(ent.sent.start, ent.start - 3):ent.start]).replace(" - ", "-")
    sides = DocIndex.of(doc).sides
    others = {word for side in sides.values() if side.side != "opposition" for word in side.held_words}
    return not any(word in others or word.removeprefix("pro-") in others for word in before.split())
