"""Choosing the date of a mention: the timex governing its clause; and whether the sentence is
background (the conflict's past).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from spacy.tokens import Span, Token

from datetime import date, timedelta

from lib.model import PRECISION_DAY, PRECISION_MONTH, PRECISION_WEEK, PRECISION_YEAR
from lib.temporal import Timex
from lib.corpus.datelines import read_datelines
from lib.temporal.spans import span
from lib.extract import lexicon
from lib.extract.mentions.index import DocIndex, per_span, span_text, tokens_with
from lib.extract.mentions.index import TriggerMatch
from lib.extract.mentions.numbers import number_value
from lib.extract.mentions.parse import in_clause_of, path_up
from lib.extract.mentions.triggers import occurring
from lib.extract.mentions.words import (ABSTRACT_SUBJECTS, BACKGROUND_DURATION, DEATH_WORDS, REPORTING_LEMMAS, WAR_WORDS,
                                        WORDS)

IN_FORCE_PREPS = WORDS["in_force_preps"]
COMPARISON_MARKS = WORDS["comparison_marks"]
TALLY_VERBS = WORDS["tally_verbs"]  # "raising the death toll since ... to 38": the running total's clause

def timex_for(sentence: Span, trigger: TriggerMatch, timexes: Sequence[Timex], dct: str = "") -> Timex | None:
    """The date of the trigger's clause: the timex it governs, else one hanging on its ancestors, else
    the nearest; never the yardstick of a comparison ("the most lethal attack since the 1980s
    prompted an emergency meeting": the meeting is not of the 1980s), nor the date of the report
    when the sentence has another (`reports_date`: "the Observatory announced on Sunday that
    militants mounted an attack on Thursday"), nor, given the publication day `dct`, a date long
    before it in a relative clause that describes a place or party of the act (`in_description`:
    "killed two civilians in the city that has been divided since July 2012": the city's history)."""
    inside = [t for t in timexes if sentence.start_char <= t.start < sentence.end_char
              and t.type in ("DATE", "TIME") and not _yardstick(sentence, t, "since")
              and not in_code_name(sentence.doc.text, t)
              and not in_apposition(sentence, t, trigger) and not times_onset(sentence, t, trigger)
              and not (dct and in_description(sentence, t, trigger) and long_before(span(t.value, dct, t.mod), dct))]
    # the report's date gives way to any other date of the sentence; alone, it dates the act too (a
    # wire report tells the day's news: "fired rocket shells on al-Qusour" a source told SANA on Wednesday)
    inside = [t for t in inside if not reports_date(sentence, t, trigger)] or inside
    # the page's own date gives way to any other date of the sentence; alone, a wire's dateline dates
    # the day's news, a cued date of publication only a text that tells no date of its own
    inside = [t for t in inside if not page_dated(sentence.doc, t)] or \
        [t for t in inside if not (page_dated(sentence.doc, t, cued=True) and _dates_told(sentence, timexes))]
    if not inside and dct:
        # no date but a span counted back from publication: "over the past 48 hours" (`past_window`)
        inside = [t for t in timexes if sentence.start_char <= t.start < sentence.end_char and past_window(t, dct)]
    if not inside:
        return None
    doc = sentence.doc
    governed = [timex for timex in inside if governs(trigger, timex)]
    if governed:
        return min(governed, key=lambda t: abs(t.start - trigger.head.idx))
    ancestors = set(trigger.head.ancestors)
    attached = []
    for timex in inside:
        span_ = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span_ is not None and (span_.root.head in ancestors
                                  or (span_.root.head.dep_ == "prep" and span_.root.head.head in ancestors)):
            attached.append(timex)
    pool = attached or [t for t in inside if not timed_after(sentence, t, trigger)]
    return min(pool, key=lambda t: abs(t.start - trigger.head.idx)) if pool else None


AFTER_MARKS = frozenset({"after"})


def _after_clause(word: Token) -> Token | None:
    """The "after" clause `word` is in (its verb), or None."""
    for up in (word, *word.ancestors):
        if up.pos_ in ("VERB", "AUX") and up.dep_ == "advcl" and any(
                c.dep_ in ("mark", "prep") and c.lower_ in AFTER_MARKS for c in up.children):
            return up
        if up.dep_ == "pcomp" and up.head.lower_ in AFTER_MARKS:
            return up
    return None


ONSET_NOUNS = WORDS["onset_nouns"]


def times_onset(sentence: Span, timex: Timex, trigger: TriggerMatch) -> bool:
    """Does the timex date the start of a campaign that the trigger's act came in, not the act ("The
    city fell to the rebels within three days of the start of the assault on Wednesday", "since the
    launch of the offensive on Wednesday")? It hangs on a noun that an onset noun (words.tsv
    onset_nouns) governs, or on the onset noun itself, neither the trigger; not "the attack on
    Wednesday killed 20" (the act's own noun), nor "were killed in an air strike on Tuesday"."""
    span_ = sentence.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span_ is None or span_.root.head.dep_ != "prep":
        return False
    prep = span_.root.head
    # the noun it hangs on, or the noun right before its preposition (the parser often hangs "on
    # Wednesday" on the verb across "the start of the assault")
    nouns = {prep.head, *(prep.doc[prep.i - 1:prep.i] if prep.i > sentence.start else ())}
    for noun in nouns:
        if noun.pos_ not in ("NOUN", "PROPN") or noun == trigger.head:
            continue
        onset = noun if noun.lemma_.lower() in ONSET_NOUNS else (
            noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None)
        if onset is not None and onset.lemma_.lower() in ONSET_NOUNS and onset != trigger.head:
            return True
    return False


def timed_after(sentence: Span, timex: Timex, trigger: TriggerMatch) -> bool:
    """Does the timex date an act of a clause told as before the trigger's, a clause that does not
    hold the trigger ("Rebels seized villages after they launched the offensive on Wednesday, and took
    Saraqib": Wednesday is the launch's day, the taking only after it)? Such a date bounds the act,
    it does not date it; not "Rebels took Saraqib on Wednesday after heavy fighting" (the date is the
    taking's own), nor the trigger inside that clause ("after rebels took Saraqib on Wednesday"), nor
    the trigger's own "after" clause ("took Hama after government forces withdrew on Thursday": the
    taking followed at once)."""
    span_ = sentence.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span_ is None or _after_clause(trigger.head) is not None:
        return False  # the trigger is itself the earlier act: the date is its yardstick (`sequence_offset`)
    clause = _after_clause(span_.root)
    if clause is None or clause.left_edge.i <= trigger.head.i <= clause.right_edge.i:
        return False  # no "after" clause, or the trigger inside it: its own date
    timed = clause.head.head if clause.dep_ == "pcomp" else clause.head
    # the trigger's own "after" clause times it closely when it tells the other side's departure
    # ("took Hama after government forces withdrew on Thursday": Thursday), not a campaign's start
    # ("seized villages after they launched the offensive on Wednesday": over the days after) nor
    # any other act; another verb's "after" clause only bounds it
    return timed != trigger.head or clause.lemma_.lower() not in lexicon.departure_words()


def in_apposition(sentence: Span, timex: Timex, trigger: TriggerMatch) -> bool:
    """A date inside an apposition that does not hold the trigger dates the name it describes, not
    the act: "Rebels seized Daraa, the cradle of the 2011 uprising, on Friday" (Friday); "Daraa,
    birthplace of the 2011 revolt, fell to rebels" (no date of its own: the report's day). Not "the
    uprising of 2011, the first protests, began in Daraa" (the trigger is in the phrase), nor a date
    that is itself the apposition of a place: a caption's when ("in Idlib province, Syria, August 6
    2016")."""
    span_ = sentence.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span_ is None:
        return False
    if span_.root.dep_ == "appos":
        return False  # the date is the apposition: a caption's when ("in Idlib province, Syria, August 6 2016")
    return apposed_away(span_.root, trigger.head)


def in_description(sentence: Span, timex: Timex, trigger: TriggerMatch) -> bool:
    """A date inside a relative clause that describes a place or party of the act, the trigger outside
    it, dates what the clause says of that noun, not the act: "rebel bombardment killed two civilians
    in the city that has been divided since July 2012" (`timex_for` sets such a date aside when it is
    long before publication, the noun's history; a recent one, "the town of Jayrud where rebels killed
    the pilot on Friday", may well be the act's day). Not a
    clause of the act's own noun or doer ("air strikes, which began on Monday, killed 20": the
    strikes' date), nor one that holds the trigger ("the town, which rebels shelled on Monday")."""
    span_ = sentence.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span_ is None:
        return False
    word = trigger.head
    for token in span_.root.ancestors:
        if token == word:
            return False
        if token.dep_ == "relcl":
            noun = token.head
            doers = {c for c in word.children if c.dep_ in ("nsubj", "nsubjpass", "agent")}
            return word not in token.subtree and noun != word and noun not in doers
    return False


def apposed_away(root: Token, word: Token) -> bool:
    """Does an apposition above `root` (a date's word) leave `word` out: does the date describe a name
    rather than `word`'s clause? (held.outside_appositions asks the same of a state's clause.)"""
    for token in root.ancestors:
        if token == word:
            return False
        if token.dep_ == "appos":
            return word not in token.subtree
    return False


def page_dated(doc, timex: Timex, cued: bool = False) -> bool:
    """The date the page states about itself at the top of its text (lib.corpus.datelines: "Published
    April 24 2017", "Date of publication 29 August 2016", "Last updated at Jul 282016", "24.07.2016Get
    short URL"), run into the report's first sentence when the page lost its line breaks: it dates
    the page, not the happening ("Last updated at Jul 282016 QAMISHLI A massive bomb blast ... killed
    at least 44 people on Wednesday": Wednesday). `cued`: only a date after a cue of publication
    ("Published", "Date of publication", "Posted on", "Last updated"), which names the day the page
    went out, not a wire's dateline ("27 Jul 2016 At least 48 people dead ...": the day's news)."""
    return any(d.start <= timex.start < d.end and (not cued or d.kind != "dateline")
               for d in _datelines(DocIndex.of(doc).text))


def _dates_told(sentence: Span, timexes: Sequence[Timex]) -> bool:
    """Does the text tell a date of its own, in another sentence than the page's date (not a
    dateline)? A page that tells its acts' days tells its opening summary's too, later ("Published
    April 24 2017 Assad regime forces have carried out 18 airstrikes ... Regime warplanes struck Kafr
    Laha on Sunday")."""
    return any(t.type == "DATE" and not (sentence.start_char <= t.start < sentence.end_char)
               and not page_dated(sentence.doc, t) for t in timexes)


@lru_cache(maxsize=64)
def _datelines(text: str) -> tuple:
    return tuple(read_datelines(text))


def reports_date(sentence: Span, timex: Timex, trigger: TriggerMatch) -> bool:
    """The date of a verb of saying (words.tsv reporting) whose clausal complement tells the act in
    the past: it dates the report, not the act ("the Observatory said on Sunday that rebels had
    captured Hama on Friday"). The date inside the reported clause is the act's ("Rebels captured
    Hama on Sunday, the Observatory said"), and so is the report's for an act told as going on when
    it was said ("clashes are continuing" the activist told AFP on Saturday)."""
    verb = _saying_verb(sentence.doc, timex)
    if verb is None:
        return False
    path = path_up(trigger.head, verb)
    if path is None or len(path) < 2 or not any(t.dep_ in ("ccomp", "parataxis") for t in path[:-1]):
        return False
    clause = next(t for t in path if t.pos_ in ("VERB", "AUX") or t.dep_ in ("ccomp", "parataxis"))
    return told_past(clause)


def _saying_verb(doc, timex: Timex) -> Token | None:
    """The verb of saying (words.tsv reporting) a date hangs on ("a monitor said Monday"), if any."""
    span_ = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span_ is None:
        return None
    verb = span_.root.head.head if span_.root.head.dep_ == "prep" else span_.root.head
    return verb if verb.lemma_.lower() in REPORTING_LEMMAS and verb.pos_ == "VERB" else None


def news_day(doc, timex: Timex | None, dct: str) -> bool:
    """Is a date the publication day itself dating the acts told, the day whose news a roundup tells
    ("The Syrian army continued on Tuesday military operations ..." published on Tuesday), not the
    day a report was given ("a monitor said Monday") nor the page's own date (`page_dated`: "03-11-2014
    ISIL Beheads ...")? "Meanwhile" after it turns to another happening of that same day: the day goes
    on dating the undated acts told after it."""
    date_span = span(timex.value, dct, timex.mod) if timex is not None and dct else None
    return date_span is not None and date_span[0] == date_span[1] == dct and _saying_verb(doc, timex) is None \
        and not page_dated(doc, timex)


def told_past(verb: Token) -> bool:
    """A clause told in the simple past, the past perfect or the present perfect ("were hit", "had
    captured", "have been killed"), not as going on when said ("are continuing", "said Saturday that
    it was redeploying in Daraa": the past progressive of reported speech is the speaker's present)."""
    if verb.tag_ == "VBG":
        return False
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return verb.tag_ == "VBD" or bool(auxiliaries & {"was", "were", "had", "has", "have"}) \
        or (verb.tag_ == "VBN" and not auxiliaries & {"is", "are", "am"})


def governs(trigger: TriggerMatch, timex: Timex) -> bool:
    span_ = trigger.head.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    return span_ is not None and in_clause_of(span_.root, trigger.head)


# A happening dated by its own clause more than this before publication is history recalled in
# passing, not the news of the article (current reports date what they tell within days of it): more
# than a week, as the gold's rule (data/gold/README.md) says ("an airstrike on a hospital ... August
# 6" in an article of 15 August is a recap). 14 days kept five recaps of 8-13 days on the timeline
# (fakes-dev dev precision 198/320 -> 198/315, recall unchanged); 7 days took two current reports
# of a week ago off it (recall 198 -> 196).
BACKGROUND_DAYS = 8


def is_background_mention(sentence: Span, timexes: Sequence[Timex], timex: Timex | None, governed: bool,
                          dct: str, trigger: TriggerMatch | None = None) -> bool:
    """Background: history recalled in passing. Its own date (the timex governing its clause) ends
    more than BACKGROUND_DAYS before publication ("in August 2013", "the war of 1967", "last
    year"); or it counts from the war's start ("since 2011", "since the war began"); or the sentence
    is a recap with no current date of its own (`is_background`), or tells a campaign that has been
    going on (`ongoing`) without one, or names one by a bare noun doing something in the progressive
    with no date of its own clause (`campaign`), or tells who is in a photograph (`captioned`, `photo_caption`), or is
    timed a measured interval before a day so that it falls long before (`timed_long_before`), or
    counts "since then" from a date long before (`since_then_long`). A clause counted "since" a date
    of the last SINCE_DAYS is not history by that date (`since_recently`): it runs to publication."""
    if timex is not None and governed and dct \
            and (long_before(span(timex.value, dct, timex.mod), dct) or recalled_period(timex, dct)) \
            and not (trigger is not None and since_recently(sentence, timex, trigger, dct)):
        return True
    if trigger is not None and (in_force(trigger) or compared(trigger) or habitual(trigger) or photo_caption(trigger)
                                or (not (timex is not None and governed) and summed_up(trigger))
                                or ((campaign(trigger) or captioned(trigger))
                                    and (timex is None or not governs(trigger, timex)))):
        return True
    if trigger is not None and (lasted_years(sentence, trigger, timexes) or generic_kind(trigger)
                                or counted_since_act(trigger, timexes)):
        return True
    if trigger is not None and timex is not None and dct and timed_long_before(trigger, timex, dct):
        return True
    return counts_from_war_for(sentence, trigger) or since_then_long(sentence, timexes, dct) or is_background(sentence, timexes, dct) \
        or (ever_since(sentence) and not has_current_date(sentence, timexes, dct)) or (
        trigger is not None and ongoing(trigger) and not has_current_date(sentence, timexes, dct))


def timed_long_before(trigger: TriggerMatch, timex: Timex, dct: str) -> bool:
    """A happening timed from the date of another clause (`sequence_offset`: "The latest attack on
    Tuesday comes one week after a suicide bomber blew himself up at a border crossing killing 29",
    in a Thursday article) whose own day, so counted, is more than BACKGROUND_DAYS before
    publication: recalled as the yardstick of the news, background."""
    if governs(trigger, timex):
        return False
    date_span = span(timex.value, dct, timex.mod)
    offset = sequence_offset(trigger) if date_span is not None else 0
    return bool(offset) and long_before(shifted(date_span, offset), dct)


def lasted_years(sentence: Span, trigger: TriggerMatch, timexes: Sequence[Timex]) -> bool:
    """The trigger's own clause lasts years ("areas of Eastern Ghouta where opposition fighters have
    been battling Assad's troops for six years"): a long campaign, background, whatever current date
    another clause of the sentence has ("regime bombardment on Tuesday also hit other areas ...")."""
    return any(t.type == "DURATION" and BACKGROUND_DURATION.match(t.value) and not _yardstick(sentence, t)
               and not _describes_noun(sentence, t) and governs(trigger, t)
               for t in timexes if sentence.start_char <= t.start < sentence.end_char)


def _describes_noun(sentence: Span, timex: Timex) -> bool:
    """A duration written as a modifier of a noun ("after breaking a three-year siege", "the six-year
    war"): it says how long that thing lasted, not that the clause's act goes on for years."""
    span_ = sentence.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    return span_ is not None and span_.root.dep_ in ("amod", "compound", "nmod") and span_.root.head.pos_ == "NOUN" \
        and span_.root.head.i >= span_.end


GENERIC_DETERMINERS = {"det", "nummod", "poss"}


def generic_kind(trigger: TriggerMatch) -> bool:
    """An act told in the simple present of a relative clause of a bare plural: what a kind of party
    does, not a happening ("rebel groups that have failed to break ranks with Al-Qaeda and continue
    to fight alongside it are legitimate targets", "militias that attack checkpoints"): background.
    Not a past or perfect clause ("rebels who attacked the town", "groups that have seized Hama"), nor
    a plural with an article, number or owner ("the rebels who fight in Daraa", "two groups that
    fight"), nor a progressive ("fighters who are attacking")."""
    verb = trigger.head
    while verb.dep_ == "xcomp" and verb.head != verb:
        verb = verb.head  # "continue to fight": the finite verb
    if not _simple_present(verb):
        return False
    clause = verb
    while clause.dep_ == "conj" and clause.head != clause:
        clause = clause.head  # "have failed ... and continue": the relative clause's first verb
    if clause.dep_ != "relcl":
        return False
    kind = clause.head
    return kind.tag_ == "NNS" and not any(c.dep_ in GENERIC_DETERMINERS for c in kind.children)


def _simple_present(verb: Token) -> bool:
    """A finite verb in the simple present: "attack", "continues"; also a bare form the tagger reads
    as an infinitive where it is the second verb of a coordination with no auxiliary of its own
    ("have failed ... and continue")."""
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    return verb.tag_ in ("VBP", "VBZ") or (verb.tag_ == "VB" and verb.dep_ == "conj")


def recalled_period(timex: Timex, dct: str) -> bool:
    """A clause dated by a whole month or year that began more than BACKGROUND_DAYS before
    publication, not named as the current one ("Last month the opposition launched an assault", "In
    July a suicide bomb killed 16 people in Hasaka" in a late-July article): a recap, told without
    the day because the day is not the news ("earlier this month", "this year" are the news's)."""
    date_span = span(timex.value, dct, timex.mod)
    if date_span is None or date_span[2] not in (PRECISION_MONTH, PRECISION_YEAR) or CURRENT_PERIOD.search(timex.text):
        return False
    return date_span[0] < _days_before(dct, BACKGROUND_DAYS)


CURRENT_PERIOD = re.compile(r"\b(?:this|current)\b", re.IGNORECASE)


def in_force(trigger: TriggerMatch) -> bool:
    """An agreement named as the object of "despite", "under", "in violation of" (words.tsv
    in_force_preps): one already in force, told in passing ("eight people killed on Tuesday despite
    a ceasefire", "they left under a deal"), not an agreement of the news."""
    head = trigger.head
    if trigger.entry.sub_event_type != "Agreement" or head.dep_ != "pobj":
        return False
    prep = head.head
    return prep.lower_ in IN_FORCE_PREPS or (prep.lower_ == "of" and prep.head.lemma_.lower() in IN_FORCE_PREPS)


def summed_up(trigger: TriggerMatch) -> bool:
    """A strategic development in the present perfect whose object is a bare plural (no name), with no
    date of its own: "one of several zones where Russia has brokered deals" sums up a series of past
    happenings, told as context; "Russia has brokered a deal", "have signed three agreements",
    "people have fled Homs" tell one of the news."""
    head = trigger.head
    if trigger.entry.event_type != "Strategic developments" or trigger.entry.control:
        return False  # acts of violence and of territory: assemble._sweeping
    perfect = head.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ")
                                         for c in head.children)
    objects = [c for c in head.children if c.dep_ == "dobj"]
    return perfect and bool(objects) and all(
        o.tag_ == "NNS" and not o.ent_type_ and not any(c.dep_ in ("det", "nummod", "poss") for c in o.children) for o in objects)


def campaign(trigger: TriggerMatch) -> bool:
    """A happening named by a bare noun (no article, number or owner) that is the subject of a verb in
    the progressive: "UN investigators last week said aerial bombardment by Syrian forces was causing
    huge casualties" tells a campaign by what it keeps doing (the report is dated, not the
    bombardment); "the bombardment of Douma was causing panic on Monday" is one of the news, and so
    is a noun that only occurs ("scattered fighting was taking place along the axis", `occurring`)."""
    head = trigger.head
    if head.pos_ != "NOUN" or head.tag_ != "NN" or head.dep_ not in ("nsubj", "nsubjpass") or occurring(trigger):
        return False
    verb = head.head
    progressive = verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)
    return progressive and not any(c.dep_ in ("det", "nummod", "poss") for c in head.children)


def captioned(trigger: TriggerMatch) -> bool:
    """A photograph's caption: persons shown doing something in the present simple, named by what
    happened to them earlier in a "who" clause ("People who were evacuated from Kefraya and Foua wait
    near buses at Rashideen", "A boy who was injured in a blast sits inside a tent"), and the
    happenings of the scene ("wait near buses after a stall in an agreement"): the happening
    identifies them or the scene, the article tells it (or not) elsewhere. Not a saying ("Residents
    who fled Douma say ...": their word on the news)."""
    head = trigger.head
    if _pictured(head):
        return True
    scene = head.sent.root
    return head != scene and _scene(scene) and any(
        c.dep_ == "nsubj" and any(r.dep_ == "relcl" and any(w.lower_ == "who" for w in r.children) for r in c.children)
        for c in scene.children)


def photo_caption(trigger: TriggerMatch) -> bool:
    """A scene in the present simple closed by the photograph's date (`photo_dated`: "Obama speaks
    during a cabinet meeting in Washington September 12 2013", "Damaged vehicles are parked at the
    base after it was seized by IS fighters August 10 2014"): an agency's caption, the happenings it
    names told (or not) by the article; not the scene's own verb ("Rebels seize Hama", a headline), nor
    a sentence without the date ("Obama speaks during a cabinet meeting on Thursday" is news)."""
    head = trigger.head
    scene = head.sent.root
    return head != scene and _scene(scene) and photo_dated(head.sent)


def _scene(verb: Token) -> bool:
    """A sentence's root telling what is seen in the present simple, active or passive ("Obama speaks",
    "vehicles are parked"), not a saying, "be" or "have"."""
    present = verb.tag_ in ("VBP", "VBZ") or (verb.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.tag_ in ("VBP", "VBZ") for c in verb.children))
    return present and verb.lemma_.lower() not in REPORTING_LEMMAS | {"be", "have"}


CAPTION_DATE = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
                          r"December) \d{1,2},? (?:19|20)\d\d\W*$")


def photo_dated(sentence: Span) -> bool:
    """A sentence closed by the full calendar date of a photograph ("... in Washington September 12
    2013."), as agency captions are."""
    return bool(CAPTION_DATE.search(sentence.text))


HABITUAL_ADVERBS = WORDS["habitual_adverbs"]


def habitual(trigger: TriggerMatch) -> bool:
    """An act told as a habit by an adverb that is also an adjective (words.tsv habitual_adverbs; the
    others are background.tsv's phrases): "UN aid through airdrops carried out daily by Russian
    warplanes": what goes on, context, not a happening of the news; not "the daily toll"."""
    return any(c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS for c in trigger.head.children)


PICTURE_NOUNS = WORDS["picture_nouns"]
SHOWING_VERBS = WORDS["showing_verbs"]


def _pictured(word: Token) -> bool:
    """What a picture shows (words.tsv picture_nouns, showing_verbs: "A photo apparently showing a
    family of six killed in a suspected chlorine gas attack in eastern Aleppo has gone viral", "videos
    showing the destruction caused by the raids"): the happening the article tells, or recalls,
    seen again."""
    for verb in word.ancestors:
        if verb.lemma_.lower() in SHOWING_VERBS and verb.pos_ == "VERB":
            shown_by = verb.head if verb.dep_ == "acl" else next(
                (c for c in verb.children if c.dep_ == "nsubj"), None)
            return shown_by is not None and shown_by.lemma_.lower() in PICTURE_NOUNS
    return False


def compared(trigger: TriggerMatch) -> bool:
    """A clause of comparison (words.tsv comparison_marks): "fewer fighters had left than was
    agreed" recalls an earlier arrangement, it does not report one."""
    return any(c.dep_ == "mark" and c.lower_ in COMPARISON_MARKS for c in trigger.head.children)


def carries_over(sentence: Span, timex: Timex, dct: str) -> bool:
    """Whether a date of the sentence goes on dating the undated sentences after it (narrative):
    yes, unless it ends more than BACKGROUND_DAYS before publication and sits in a subordinate
    clause, an aside of history ("The blast hit Salaheddin, on the front line before Assad's forces
    retook the city in December. The attack took place as ...": not December). A date after "since"
    starts a span that runs to publication ("fighting has intensified in Aleppo since mid-2012.
    Rebels fired a barrage ...", "Russia's intervention since September has helped ..."): it dates
    no happening told after it. A date of another age (more than a year before publication) is an
    aside of history even in a main clause ("In 1988 Iraqi Kurds were gassed at Halabja. ... Activists
    said rockets hit the Damascus suburbs"): it dates no sentence after it either; nor does a recap's
    month or year (`recalled_period`: "Last month a suicide terrorist blew himself up in Safiyeh. Two
    persons injured in rocket attack in Homs ...": the text is back at the news), nor a past year named
    as a whole ("Russia deployed warplanes to Syria last year ... Air raids in Maarat al-Numan killed
    another six people": the aside recalls the year, the news goes on undated)."""
    span_ = sentence.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if _after_since(span_) or _flashback(span_, sentence):
        return False
    date_span = span(timex.value, dct, timex.mod) if dct else None
    if date_span is not None and date_span[1] >= _days_before(dct, BACKGROUND_DAYS) and recalled_period(timex, dct):
        return False
    if date_span is not None and date_span[2] == PRECISION_YEAR and recalled_period(timex, dct):
        return False
    if date_span is None or date_span[1] >= _days_before(dct, BACKGROUND_DAYS):
        return True
    if date_span[1] < _days_before(dct, 366):
        return False
    return span_ is not None and in_clause_of(span_.root, sentence.root)


def _flashback(span_: Span | None, sentence: Span) -> bool:
    """A date of a clause in the past perfect below the sentence's main clause: a happening before
    the one the sentence tells ("The attack came as the Observatory reported that troops had executed
    48 people earlier this week"): the narrative goes on at the main clause's time, so the date dates
    no sentence after it. Not a main clause in the past perfect ("By Monday the army had taken the
    town.": the narrative's own time)."""
    if span_ is None:
        return False
    verb = next((t for t in (span_.root, *span_.root.ancestors) if t.pos_ in ("VERB", "AUX") and t.dep_ != "aux"), None)
    return verb is not None and verb != sentence.root \
        and any(c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for c in verb.children)


# A span counted "since" a day of the last this-many days is the news's: a campaign the article tells
# as going on ("have intensified attacks since April 21", "U.S. air strikes since January have hit",
# "killed in the assault since it was launched on November 15"); one counted from longer ago is the
# backdrop ("Russia's intervention since September has helped", "since mid-January Daesh rockets
# have been targeting towns"). Four months: fakes-dev's current campaigns start 25-93 days before
# publication, its background ones 160 days and more.
SINCE_DAYS = 122


def since_recently(sentence: Span, timex: Timex, trigger: TriggerMatch, dct: str) -> bool:
    """The trigger's clause counted from a date of the last SINCE_DAYS: the date after "since", or in
    a clause "since" opens ("since it was launched on November 15"), counting the trigger's clause
    (`_counted`); the trigger outside it (not "since it seized Tabqa on April 21": that happening
    starts the span, its own date dates it); no yardstick ("the deadliest since April")."""
    span_ = sentence.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span_ is None:
        return False
    since = _since_of(span_)
    if since is None or compares(since):
        return False
    scope = since.head if since.dep_ == "mark" else since
    if trigger.head in scope.subtree or not _counted(trigger.head, scope.head):
        return False
    date_span = span(timex.value, dct, timex.mod)
    return date_span is not None and _days_before(dct, SINCE_DAYS) <= date_span[0] <= dct[:10]


def _counted(word: Token, counted: Token) -> bool:
    """Is `word` of the clause whose span "since" counts, hung on `counted`: the word itself, one of
    its clause ("killed in the assault since it was launched": the assault's span), or a clause it
    is part of, not through a relative clause ("IS, which has fought the army, has made gains since
    June 10": the fighting describes IS)."""
    path = path_up(word, counted)
    if path is None:
        return path_up(counted, word) is not None
    return not any(t.dep_ == "relcl" for t in path[:-1])


def _since_of(span_: Span) -> Token | None:
    """The "since" a date follows, or the "since" that opens the clause the date is in."""
    if _after_since(span_):
        return span_.doc[span_.start - 1]
    for verb in (span_.root, *span_.root.ancestors):
        if verb.pos_ in ("VERB", "AUX"):
            return next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "since"), None)
    return None


def _after_since(span_: Span | None) -> bool:
    return span_ is not None and span_.start > 0 and span_.doc[span_.start - 1].lower_ == "since"


def since_span(date_span: tuple[str, str, int], timex: Timex, sentence: Span, dct: str) -> tuple[str, str, int]:
    """"346 fighters were killed and 170 had died since Tuesday": the dead counted since a recent day
    (within SINCE_DAYS: "have intensified attacks since April 21") are the dead of the days from then
    to publication (a week's precision within a week, else a month's); other dates, and "since" a day
    long before (background), stay as they are."""
    span_ = sentence.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if not _after_since(span_) or not dct or date_span[0] < _days_before(dct, SINCE_DAYS) or date_span[1] >= dct[:10]:
        return date_span
    days = (date.fromisoformat(dct[:10]) - date.fromisoformat(date_span[0])).days
    return date_span[0], dct[:10], PRECISION_WEEK if days <= 7 else PRECISION_MONTH


def long_before(date_span: tuple[str, str] | None, dct: str) -> bool:
    """A span ending more than BACKGROUND_DAYS before publication: the past of the conflict, also for
    a happening dated by the paragraph's narrative ("In December government forces retook Aleppo.
    Rebels attacked the city.")."""
    return date_span is not None and bool(dct) and date_span[1] < _days_before(dct, BACKGROUND_DAYS)


def ongoing(trigger: TriggerMatch) -> bool:
    """A present perfect progressive: "groups have been shelling the city", "Russia has been bombing
    for years": a campaign that goes on, told as context, not a happening of the news (unless its
    sentence dates it: "have been shelling Ghouta since Sunday")."""
    head = trigger.head
    auxiliaries = [c.lower_ for c in head.children if c.dep_ == "aux"]
    return head.tag_ == "VBG" and "been" in auxiliaries and any(a in ("have", "has", "'ve") for a in auxiliaries)


def counted_since_act(trigger: TriggerMatch, timexes: Sequence[Timex]) -> bool:
    """A happening in the present perfect counted from an act told by a "since" clause without a date
    ("37 government fighters and 101 militants have been killed since the regime launched its
    offensive for Tabaqa", "Hundreds of people have been killed there since peace talks broke off"): a
    running total of the campaign, no happening of the news; a since-clause with a date is counted by
    `since_recently` or is history ("have shelled Douma since they lost it in 2012"), and a past tense
    is no total ("30 were killed on Monday since the truce broke down" is the day's news)."""
    verb = trigger.head
    if verb.pos_ != "VERB" or not any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ")
                                      for c in verb.children):
        return False
    for clause in verb.children:
        if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "since" for c in clause.children):
            start, end = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge)
            if not any(start <= t.start < end for t in timexes):
                return True
    return False


def has_current_date(sentence: Span, timexes: Sequence[Timex], dct: str) -> bool:
    """The sentence holds a date of its own within BACKGROUND_DAYS of publication (any date when
    publication is unknown)."""
    for t in timexes:
        if not sentence.start_char <= t.start < sentence.end_char or t.type not in ("DATE", "TIME") \
                or t.value in ("PAST_REF", "PRESENT_REF", "FUTURE_REF"):
            continue
        date_span = span(t.value, dct, t.mod) if dct else None
        if date_span is None or date_span[1] >= _days_before(dct, BACKGROUND_DAYS):
            return True
    return False


def _days_before(day: str, days: int) -> str:
    return (date.fromisoformat(day[:10]) - timedelta(days=days)).isoformat()


@per_span
def counts_from_war(sentence: Span) -> bool:
    """"since 2011", "since the war began", "since March 2011": a span from the war's early years; not
    the yardstick of a superlative ("the deadliest attack on the city since the beginning of the
    conflict", `compares`)."""
    return bool(_war_sinces(sentence))


def _war_sinces(sentence: Span) -> list[Token]:
    """The "since"s of a sentence that count from the war's early years (`counts_from_war`)."""
    found = []
    for token in tokens_with(sentence, lowers=("since",)):
        if compares(token):
            continue
        if any(a.tag_ == "VBG" and a.lemma_.lower() in TALLY_VERBS and a.head.pos_ == "VERB" for a in token.ancestors):
            continue  # "killed 10 civilians, raising the death toll since the start of the offensive to 38": the total's span
        scope = token.head if token.dep_ == "mark" else token
        words = list(scope.subtree)
        if any(re.fullmatch(r"(?:19|20)\d\d", t.text) or t.lemma_.lower() in WAR_WORDS for t in words):
            found.append(token)
    return found


def counts_from_war_for(sentence: Span, trigger: TriggerMatch | None) -> bool:
    """`counts_from_war`, save a "since" in a relative clause that describes a noun, the trigger outside
    it ("rebel bombardment of government-held districts killed two civilians in the city that has been
    divided since July 2012": the span is the city's state, the killing is of the news); a trigger
    inside it ("the city, where fighting has raged since 2012") is counted from the war."""
    if trigger is None:
        return counts_from_war(sentence)
    return any(not any(r.dep_ == "relcl" and trigger.head not in r.subtree for r in token.ancestors)
               for token in _war_sinces(sentence))


def since_then_long(sentence: Span, timexes: Sequence[Timex], dct: str) -> bool:
    """"Since then" counts from the last date told before the sentence; from more than SINCE_DAYS
    before publication it is a span of the conflict's past, background ("Syria has been locked in a
    civil war since early 2011 ... Since then more than a quarter of a million people have been
    killed"); from a recent day it counts the news ("The army launched an offensive on Monday. Since
    then 30 people have been killed")."""
    if not dct or not any(t.lower_ == "then" and t.head.lower_ == "since" for t in tokens_with(sentence, lowers=("then",))):
        return False
    before = [t for t in timexes if t.start < sentence.start_char and t.type == "DATE"
              and span(t.value, dct, t.mod) is not None]
    if not before:
        return False
    antecedent = max(before, key=lambda t: t.start)
    return span(antecedent.value, dct, antecedent.mod)[0] < _days_before(dct, SINCE_DAYS)


@per_span
def ever_since(sentence: Span) -> bool:
    """A clause closed by a bare "since" ("IS withdrew from several of its positions and there have
    been few reports of clashes since", "were arrested and have not been seen since"): it counts a
    span from the happening the sentence tells, so that happening lies before the span, recalled;
    with no current date of its own (`has_current_date`: "The army took the town on Monday and has
    held it since" is the news), background. Not "since" before what it counts from ("since
    Tuesday", "since the war began": `since_recently`, `counts_from_war`)."""
    return any(not list(t.children) and (t.i + 1 == sentence.end or sentence.doc[t.i + 1].is_punct)
               for t in tokens_with(sentence, lowers=("since",)))


def compares(word: Token) -> bool:
    """"one of the deadliest confrontations since the start of the war", "the first such attack since
    2013", "the deadliest incident in almost a year": the word ("since", "in") bounds a comparison (a
    superlative or "first" before it in the phrase it hangs on), it does not count a toll or tell a
    span from then. A clause so bounded hangs on a noun through its relative clause ("the first time
    they have entered the city since they were driven out in 2016")."""
    head = word.head.head
    if head.dep_ in ("relcl", "acl") and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head
    return any((t.tag_ in ("JJS", "RBS") and (t.lower_ not in NOT_SUPERLATIVES or _grades(t)) or t.lower_ == "first")
               and t.i < word.i for t in head.subtree)


NOT_SUPERLATIVES = {"least", "most"}  # "at least 20", "most of them": quantities, no comparison


def _grades(word: Token) -> bool:
    """"most lethal", "least deadly": "most" or "least" grading an adjective is a superlative."""
    return word.dep_ == "advmod" and word.head.pos_ == "ADJ"


def is_background(sentence: Span, timexes: Sequence[Timex], dct: str = "") -> bool:
    """A sentence about the long past: "Over the years, government forces besieged ...", "Early
    in the civil war, parts of Homs fell" (data/lexicon/background.tsv), with no current date of its
    own (a date within BACKGROUND_DAYS of publication, or any date when publication is unknown)."""
    if has_current_date(sentence, timexes, dct):
        return False
    inside = [t for t in timexes if sentence.start_char <= t.start < sentence.end_char]
    return (any(t.type == "DURATION" and BACKGROUND_DURATION.match(t.value) and not _yardstick(sentence, t)
                for t in inside)
            or bool(_background_regex(DocIndex.of(sentence.doc).folder).search(span_text(sentence))))


def _yardstick(sentence: Span, timex: Timex, prep: str = "") -> bool:
    """"the deadliest such incident in almost a year", "the most lethal attack since the 1980s": a
    timex (after `prep`, when given) that measures a superlative, no span of the past the sentence
    tells."""
    span_ = sentence.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    return span_ is not None and span_.root.head.dep_ == "prep" and span_.root.head.lower_ == (prep or span_.root.head.lower_) \
        and compares(span_.root.head)


@lru_cache(maxsize=4)
def _background_regex(folder: str) -> re.Pattern:
    path = Path(folder) / "background.tsv"
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")][1:] if path.is_file() else []
    return re.compile("|".join(rf"\b(?:{line})\b" for line in lines) or r"(?!x)x", re.IGNORECASE)


def in_the_war(death: Token) -> bool:
    """"More than 170000 people have been killed in Syria's civil war", "died during the conflict":
    the dead of the whole war (words.tsv war_words), not of a happening."""
    return any(c.dep_ == "prep" and c.lower_ in WAR_PREPS and any(
        g.dep_ == "pobj" and g.lemma_.lower() in WAR_WORDS for g in c.children) for c in death.children)


WAR_PREPS = {"in", "during", "throughout"}


def war_toll(trigger: TriggerMatch) -> bool:
    """"the conflict has killed 300,000", "a war that has killed more than 100,000 people", "170000
    people have been killed in Syria's civil war": the war's toll, told in passing (background)."""
    head = trigger.head
    if head.lemma_.lower() not in DEATH_WORDS:
        return False
    subjects = [c for c in head.children if c.dep_ == "nsubj"]
    if any(s.lemma_.lower() in WAR_WORDS | ABSTRACT_SUBJECTS for s in subjects):
        return True
    return war_clause(head)


def war_clause(death: Token) -> bool:
    """A death word telling what the war did: in a relative clause of the war ("a war that has killed
    100,000", "the war that began with protests and has since killed 300000", "the conflict in which
    hundreds of thousands are believed to have been killed": through the verb of estimate the death
    word completes) or counting the dead "in the war"."""
    head = death
    while head.dep_ in ("conj", "xcomp") and head.head != head:
        head = head.head
    return (head.dep_ == "relcl" and head.head.lemma_.lower() in WAR_WORDS) or in_the_war(death)


# Units of a measured sequence ("a day after", "two weeks before"), in days
SEQUENCE_UNITS = {"day": 1, "week": 7}


def sequence_offset(trigger: TriggerMatch) -> int:
    """Days from the date of the clause a happening's clause is timed by to its own: "Rebels shelled
    Aleppo on Tuesday, a day after government air strikes killed 20 people in Idlib" (-1: the strikes
    were on Monday), "two days after Russian jets hit an aid convoy" (-2), "a week before the talks"
    (+7); 0 when no measured "after" or "before" times it ("hours after": the same day, or its eve).
    A participle telling what the clause's act did is timed with it ("one week after a bomber blew
    himself up at a border crossing killing 29": -7 for the killing too)."""
    word = trigger.head
    clause = word
    while clause.pos_ not in ("VERB", "AUX") and clause.head != clause and clause.dep_ != "pobj":
        clause = clause.head
    if clause.tag_ == "VBG" and clause.dep_ == "advcl" and not any(c.dep_ in ("mark", "nsubj") for c in clause.children):
        clause = clause.head  # "a week after a bomber blew himself up at a crossing killing 29": the blast's
    if clause.dep_ == "pobj" and clause.head.lower_ in ("after", "before"):
        mark = clause.head  # "a day after the attack on Idlib"
    elif clause.dep_ == "advcl":
        mark = next((c for c in clause.children if c.dep_ in ("mark", "prep") and c.lower_ in ("after", "before")), None)
    else:
        return 0
    if mark is None:
        return 0
    # the measure hangs on "after", on the clause, or on the verb the clause times ("The attacks came
    # one day after four neighborhoods were targeted": "day" modifies "came")
    timed = (*clause.head.children,) if clause.dep_ == "advcl" else ()
    measure = next((c for c in (*mark.children, *mark.head.children, *clause.children, *timed)
                    if c.dep_ == "npadvmod" and c.lemma_.lower() in SEQUENCE_UNITS
                    and (c.head != clause.head or c.i < mark.i)), None)
    if measure is None:
        return 0
    count = next((c for c in measure.children if c.dep_ == "nummod"), None)
    if count is not None:
        value = _count(count)
        if value is None:
            return 0
    elif any(c.dep_ == "det" and c.lower_ in ("a", "an", "one") for c in measure.children):
        value = 1
    else:
        return 0
    days = value * SEQUENCE_UNITS[measure.lemma_.lower()]
    return -days if mark.lower_ == "after" else days


def _count(token: Token) -> int | None:
    """A count of days, weeks or months in digits (three at most: no year) or in words."""
    text = token.lower_
    return None if text.isdigit() and len(text) > 3 else number_value(text)


def shifted(date_span: tuple[str, str, int], days: int) -> tuple[str, str, int]:
    """A date span moved by whole days, its precision kept."""
    start, end, precision = date_span
    move = timedelta(days=days)
    return ((date.fromisoformat(start) + move).isoformat(), (date.fromisoformat(end) + move).isoformat(), precision)


def told_overnight(trigger: TriggerMatch) -> bool:
    """Is the act told as done "overnight", a word of the trigger's own clause (of the trigger, or of
    the verb a noun trigger is the object of: "Warplanes pounded Idlib overnight", "launched air
    strikes on Raqqa overnight")? With no date of its own, it is then of the night before publication
    (`overnight_span`), not of any day of the week before it. Not "overnight" of another clause."""
    head = trigger.head
    told_by = head.pos_ == "NOUN" and head.dep_ in ("dobj", "nsubj", "nsubjpass") or (
        head.dep_ == "advcl" and head.tag_ == "VBG")  # "pounded Idlib overnight, killing 12": the pounding's night
    words = list(head.children) + (list(head.head.children) if told_by else [])
    return any(w.lower_ == "overnight" for w in words)


def overnight_span(dct: str) -> tuple[str, str, int]:
    """The night before publication: the day before and the day of it.

    >>> overnight_span("2019-05-10")
    ('2019-05-09', '2019-05-10', 1)
    """
    day = dct[:10]
    return _days_before(day, 1), day, PRECISION_DAY


_PAST_WINDOW_TEXT = re.compile(r"^(?:the )?(?:past|last) ", re.IGNORECASE)
_DURATION_PARTS = re.compile(r"^P(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?)?$")
PAST_WINDOW_DAYS = 31  # a window of the last month at most: "the past year" tells a period, not a day


def past_window(timex: Timex, dct: str) -> tuple[str, str, int] | None:
    """The days a duration counted back from publication covers ("over the past 48 hours", "in the
    last three days"): from that many days before publication to it, at day precision for a day or
    two, week precision up to a week, month precision beyond; None for another duration ("for three
    days", "a six-year war") or one longer than PAST_WINDOW_DAYS.

    >>> from lib.temporal.timex import Timex
    >>> past_window(Timex(0, 17, "the past 48 hours", "DURATION", "PT48H"), "2024-12-10")
    ('2024-12-08', '2024-12-10', 1)
    """
    match = _DURATION_PARTS.match(timex.value or "")
    if timex.type != "DURATION" or match is None or not _PAST_WINDOW_TEXT.match(timex.text):
        return None
    months, weeks, days, hours = (int(g) if g else 0 for g in match.groups())
    count = months * 30 + weeks * 7 + days + -(-hours // 24)
    if not 0 < count <= PAST_WINDOW_DAYS:
        return None
    day = dct[:10]
    precision = PRECISION_DAY if count <= 2 else PRECISION_WEEK if count <= 7 else PRECISION_MONTH
    return _days_before(day, count), day, precision


_CODE_NAME = re.compile(r"\bOperation(?:\s+[A-Z][\w'-]*){0,3}\s*$")


def in_code_name(text: str, timex: Timex) -> bool:
    """Is the timex a word of a military operation's code name ("since the start of Operation Peace
    Spring", launched in October 2019; "Operation Dawn of Freedom")? A code name's season or day is
    no date of the act; the temporal tagger keeps it, as TimeML suites annotate "the German Spring
    Offensive" of 1918 (a name that does tell its season), but the events' dating does not."""
    return timex.text[:1].isupper() and _CODE_NAME.search(text, max(0, timex.start - 60), timex.start) is not None
