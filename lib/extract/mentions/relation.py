"""How a mention's place word relates to the place it names: the city itself, a part of it, or a
place around it (data/lexicon/place_relations.tsv), and who the text says holds it ("rebel-held").

The reading is a short string, Mention.place_relation:

- "in": the place itself ("captured Hama", "the town of Palmyra", "in Homs");
- "near", "outskirts", "countryside", "north of" (any direction), "around:<noun>" ("villages
  near Aleppo", "the outskirts of Damascus", "the Aleppo countryside", "villages north of Manbij",
  "the airport of Aleppo", "the province of Idlib": words.tsv governorate_nouns): a place around
  it, evidence only for the city's control;
- "part:<word>" ("the eastern districts of Aleppo", "eastern Aleppo"): a part of the city;
- followed by ";held:<side>" when the text says who holds it: "rebel-held east Aleppo" is
  "part:east;held:opposition", "the IS-held town of al-Bab" is "in;held:islamic_state" (the side
  of sides.tsv whose held_words name it), and so is "the IS stronghold of Raqqa" (words.tsv
  holding_nouns: a noun of a place a side holds, the side named before it); "the mostly
  Kurdish-controlled city" is a part, "part:mostly;held:sdf" (words.tsv partial_state_words), and
  "the formerly rebel-held town" says no holder (words.tsv past_state_words).

lib.model.split_relation reads such a string into its parts, lib.model.is_around its relation.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span, Token

from lib.extract import lexicon
from lib.extract.mentions.index import DocIndex, TriggerMatch, actor_for, ents_in, per_span, place_for, span_text
from lib.extract.mentions.parse import path_up
from lib.extract.mentions.words import WORDS
from lib.model import is_around, split_relation

RELATIONS_FILE = "place_relations.tsv"
RELATION_COLUMNS = ("relation", "words", "place", "example")
HOLDING_LEMMAS = ("hold", "control")
# verbs that say a side holds a place, as hold and control do: "Idlib, which is run by HTS", "HTS-run
# Idlib", "the Kurdish-administered city" (words.tsv governing_verbs; lib/extract/mentions/held.py too)
STATE_HOLDING_LEMMAS = frozenset(HOLDING_LEMMAS) | WORDS["governing_verbs"]
GOVERNORATE_NOUNS = WORDS["governorate_nouns"]  # "the province of Idlib": the governorate, not the city
HOLDING_NOUNS = WORDS["holding_nouns"]  # "the IS stronghold of Raqqa": held by the side named before
PAST_STATE_WORDS = WORDS["past_state_words"]  # "the formerly rebel-held town": a holding no longer so
PARTIAL_STATE_WORDS = WORDS["partial_state_words"]  # "the mostly Kurdish-controlled city": a part of it


@dataclass(frozen=True)
class RelationWords:
    by_relation: dict[str, frozenset[str]]
    examples: tuple[tuple[str, str, str], ...]  # (relation, place, sentence)

    def has(self, relation: str, word: str) -> bool:
        return word in self.by_relation.get(relation, frozenset())


def relation_words(directory: str | Path | None = None) -> RelationWords:
    """The word lists of place_relations.tsv (read once per version of the file)."""
    path = lexicon.lexicon_dir(directory) / RELATIONS_FILE
    return _read(path, path.stat().st_mtime_ns if path.exists() else 0)


@lru_cache(maxsize=4)
def _read(path: Path, _stamp: int) -> RelationWords:
    by_relation: dict[str, set[str]] = {}
    examples = []
    for _, row in lexicon._rows(path, RELATION_COLUMNS):
        relation, words, place, example = (row[c] for c in RELATION_COLUMNS)
        by_relation.setdefault(relation, set()).update(words.lower().split())
        examples.append((relation, place, example))
    return RelationWords({k: frozenset(v) for k, v in by_relation.items()}, tuple(examples))


@per_span  # asked when the place is chosen, then for the mention
def relation_of(sentence: Span, place_name: str, trigger: TriggerMatch) -> str:
    """The place_relation of the place named `place_name` in `sentence` for `trigger` ("in" when the
    place is not written in the sentence: "the city" standing for the last city named)."""
    ent = _place_ent(sentence, place_name, trigger)
    if ent is None or _refers_instead(ent, trigger):
        return _reference(sentence, place_name, trigger)
    words = DocIndex.of(sentence.doc).once(relation_words)
    root = ent.root
    while root.dep_ in ("conj", "appos") and root.head != root:
        root = root.head
    relation = _relation(root, words)
    if relation == "in":
        relation = _with_its_surroundings(root, words) or relation
    if relation == "in" and trigger.head.pos_ == "VERB":
        relation = _taken_inside(root, trigger.head, words) or relation
    holder, holding, _ = _holding(root, words, sentence)
    if holding is None:
        return relation
    if relation == "in" and _words_before(holding, PARTIAL_STATE_WORDS):
        relation = f"part:{_words_before(holding, PARTIAL_STATE_WORDS)}"  # "the mostly Kurdish-controlled city"
    return f"{relation};held:{holder}"


def _reference(sentence: Span, place_name: str, trigger: TriggerMatch) -> str:
    """"the city", "the town", "there" standing for the last place named: the place itself, unless
    "the town" stands for a city ("the town has been held by rebels" after naming Damascus is
    about a town near it; news call a town a city often, a city a town seldom), or the words around
    "the city" put the happening around it ("took control of the plain outside the city", "the
    outskirts of the town")."""
    place = DocIndex.of(sentence.doc).places_by_name.get(place_name)
    lowers = DocIndex.of(sentence.doc).lowers
    words = set(lowers[sentence.start:sentence.end])
    if place is not None and place.kind == "city" and "town" in words and "city" not in words:
        return "around:town"
    relations = DocIndex.of(sentence.doc).once(relation_words)
    standing = [t for t in (sentence.doc[i] for i in range(sentence.start, sentence.end)
                            if relations.has("itself", lowers[i]))  # a Token only for such a word
                if any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)]
    nearest = min(standing, key=lambda t: abs(t.i - trigger.head.i), default=None)
    if nearest is not None:
        relation = _relation(nearest, relations, title=True)
        if is_around(split_relation(relation)[0]):
            return relation
    return "in"


def _refers_instead(ent: Span, trigger: TriggerMatch) -> bool:
    """"Fierce fighting raged north of Hama as the army sent reinforcements to the city": the trigger's
    own phrase names its place by "the city" (words the place_relations.tsv `itself` row lists, after
    "the"), and the name the sentence gives lies outside the trigger's clause: the place is what "the
    city" is, not what the name's phrase says of it ("north of"). "The army sent reinforcements to
    Hama, the city ..." names it in the clause (counter-example)."""
    head = trigger.head
    if path_up(ent.root, head) is not None:
        return False
    words = DocIndex.of(ent.doc).once(relation_words)
    return any(words.has("itself", t.lower_) and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)
               and path_up(t, head) is not None for t in head.subtree if t.i > head.i)


def _place_ent(sentence: Span, place_name: str, trigger: TriggerMatch) -> Span | None:
    found = [e for e in ents_in(sentence)
             if (place.name if (place := place_for(e)) is not None else span_text(e)) == place_name]
    # the one the parse ties to the trigger (as places.py chooses), else the nearest: a dateline
    # "Aleppo" opening the sentence is not the "Aleppo countryside" of its clause
    return min(found, key=lambda e: (path_up(e.root, trigger.head) is None, abs(e.root.i - trigger.head.i)),
               default=None)


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _modifier_part(root: Token, words: RelationWords) -> str:
    """The part of a city a modifier word names ("eastern Aleppo": "east"), "" when none. Not a word
    of a place's own name ("Eastern Ghouta" is a region, not the east of Ghouta: _in_name_of)."""
    for child in root.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.i < root.i and words.has("part_modifier", child.lower_) \
                and not _in_name_of(child):
            return child.lower_.replace("ern", "") if child.lower_.endswith("ern") else child.lower_
    return ""


def _in_name_of(word: Token) -> bool:
    """Is the word part of the name of a place the text names, a name the gazetteer knows with that
    word in it ("Eastern Ghouta", "Western Qalamoun")? "eastern Aleppo" tagged as one name is Aleppo,
    whose name has no "eastern": the word names a part of it."""
    for ent in ents_in(word.sent):
        if ent.start <= word.i < ent.end and len(ent) > 1:
            place = place_for(ent)
            return place is not None and word.lower_ in place.name.lower().split()
    return False


def _noun_relation(noun: Token, words: RelationWords, via_of: bool) -> str:
    """What the noun a city name hangs from makes of it: "outskirts", "part:east", "around:village"."""
    lemma, text = _lemma(noun), noun.lower_
    if lemma in GOVERNORATE_NOUNS or text in GOVERNORATE_NOUNS:
        return "around:province"  # "the northwestern province of Idlib", "Idlib province"
    if via_of and words.has("itself", text):
        return "in"  # "the town of Palmyra"
    if words.has("outskirts", lemma) or words.has("outskirts", text):
        return "outskirts"
    if words.has("countryside", lemma):
        return "countryside"
    if words.has("direction", text) and via_of:
        if any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
            return f"part:{text}"  # "the rebel-held east of Aleppo": a part ("villages east of" it: around)
        return f"{text} of"
    if words.has("near", text) or words.has("near", lemma):
        return "near"  # "10 km from Homs", "km north of"
    if words.has("part", text) or words.has("part", lemma):
        modifier = _modifier_part(noun, words)
        if not modifier and words.has("pocket", text):
            return f"around:{lemma}"  # "the opposition-held Qaboun neighborhood": a pocket
        return "part:" + (modifier or text)
    if words.has("around", text) or words.has("around", lemma):
        return f"around:{lemma}"
    return ""


def _with_its_surroundings(root: Token, words: RelationWords) -> str:
    """"in Daraa city and its surroundings", "on Aleppo and its countryside": the place named with
    the land around it, conjoined by "its" ("their"), is the place and its surroundings, which ACLED
    codes near the town: the relation of that noun ("outskirts", "countryside"); "" when the name has
    no such conjunct ("in Daraa city and Busra al-Sham": two places)."""
    heads = [root]
    if root.dep_ == "compound" and root.head != root and words.has("itself", root.head.lower_):
        heads.append(root.head)  # "Daraa city and its surroundings": the conjunct hangs on "city"
    for head in heads:
        for conj in head.children:
            if conj.dep_ == "conj" and any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in conj.children):
                relation = _noun_relation(conj, words, via_of=False)
                if relation and is_around(split_relation(relation)[0]):
                    return relation
    return ""


def _taken_inside(root: Token, verb: Token, words: RelationWords) -> str:
    """"liberated two villages in Aleppo": the verb's object is a smaller place in the city;
    "captured more territory inside Zabadani": a part of it."""
    if not (root.dep_ == "pobj" and root.head.head == verb and root.head.lower_ in ("in", "inside", "within")):
        return ""
    for child in verb.children:
        if child.dep_ == "dobj" and words.has("around", child.lower_):
            return f"around:{_lemma(child)}"
        if child.dep_ == "dobj" and (words.has("part", child.lower_) or words.has("part", _lemma(child))):
            return f"part:{child.lower_}"
    return ""


def _relation(root: Token, words: RelationWords, title: bool = False) -> str:
    """The relation of a city name (or, `title`, of the noun standing for it: "the central city of
    Hama", whose adjective places the city in the country, not a part in the city)."""
    if root.dep_ == "pobj" and root.head.lower_ == "of" and _names_the_places(root.head.head, root, words):
        return "in"  # "the central towns of Rastan and Talbiseh": the names are those towns
    if root.dep_ == "pobj" and root.head.lower_ in ("in", "of") and _is_place(root.head.head, words):
        # "the town of Ibtta in northern Daraa", "a village in Aleppo": a smaller place in it
        return f"around:{_lemma(root.head.head)}"
    part = "" if title else _modifier_part(root, words)
    if part and root.dep_ in ("compound", "nmod", "amod") and root.head.i > root.i \
            and _noun_relation(root.head, words, via_of=False) in ("countryside", "outskirts"):
        part = ""  # "the southern Idlib countryside": the side of the countryside, no part of the city
    if part:
        return f"part:{part}"
    if root.dep_ in ("poss", "compound", "nmod", "amod") and root.head != root:
        if words.has("itself", root.head.lower_) and root.head.i > root.i:
            return _relation(root.head, words, title=True)  # "Deir Ezzor city" stands where the city does
        return _noun_relation(root.head, words, via_of=False) or "in"
    if root.dep_ == "pobj" and root.head.dep_ in ("prep", "agent", "dative") or root.dep_ == "pobj":
        prep = root.head
        if words.has("near", prep.lower_):
            return "near"
        above = prep.head
        if prep.lower_ == "of" and above.pos_ in ("NOUN", "PROPN", "ADV", "ADJ"):
            relation = _noun_relation(above, words, via_of=True)
            if relation == "in" and above != root:
                return _relation(above, words, title=True)  # "near the city of Aleppo": as "near Aleppo"
            return relation or "in"
        if prep.lower_ == "from" and any(words.has("near", t.lower_) for t in above.children):
            return "near"  # "10 km from Homs"
        if prep.lower_ in ("in", "at", "inside", "into", "within", "across") and above.pos_ == "NOUN":
            return _noun_relation(above, words, via_of=False) or "in"
    return "in"


def _names_the_places(noun: Token, root: Token, words: RelationWords) -> bool:
    """"the towns of Rastan and Talbiseh", "the villages of Foua and Kefraya": a plural word for a
    settlement whose "of" names several places names those places themselves; "two villages of
    Aleppo" (one name) are villages in or by Aleppo."""
    return (words.has("itself", _lemma(noun)) and noun.tag_ in ("NNS", "NNPS")
            and any(child.dep_ == "conj" for child in root.children))


def _is_place(token: Token, words: RelationWords) -> bool:
    """A smaller place a city name can be "in": a named place or a word for one (not a part)."""
    if token.ent_type_ in ("GPE", "LOC", "FAC") and token.pos_ == "PROPN":
        return True
    return token.pos_ == "NOUN" and words.has("around", token.lower_) and token.head.lower_ != "of"


def description_of(ent: Span) -> tuple[str, Token] | None:
    """The place_relation of a place name described as held now, and the word saying so ("held" of
    "rebel-held", "stronghold"), whatever happens in its sentence: "rebels shelled government-held
    Aleppo" gives ("in;held:government", held). None when no side is said to hold it, or when the
    holding is a past one. "the mostly Kurdish-controlled city of Hasaka" holds a part ("part:mostly")."""
    words = DocIndex.of(ent.doc).once(relation_words)
    root = ent.root
    while root.dep_ in ("conj", "appos") and root.head.pos_ in ("NOUN", "PROPN") and root.head != root:
        root = root.head  # "the rebel-held towns of Douma and Harasta", not "struck ... and IS-held Palmyra"
    side, holding, noun = _holding(root, words, ent.sent)
    if not side or holding is None:
        return None
    if noun is root or noun.dep_ == "appos":  # "rebel-held eastern Aleppo", "near government-held Damascus"
        relation = f"part:{_modifier_part(root, words)}" if _modifier_part(root, words) else "in"
    else:  # "the rebel-held eastern districts of Aleppo", "the IS-held town of al-Bab"
        relation = _noun_relation(noun, words, via_of=True) or "in"
    partial = _words_before(holding, PARTIAL_STATE_WORDS)
    if partial and relation == "in":
        relation = f"part:{partial}"
    return f"{relation};held:{side}", holding


def _holding(root: Token, words: RelationWords, sentence: Span) -> tuple[str, Token | None, Token | None]:
    """(side, the word saying it holds the place, the noun it describes); the word is None when the
    holding is past."""
    nouns = [root]
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ in ("NOUN", "PROPN"):
        nouns.append(root.head.head)  # "the IS-held town of al-Bab"
    nouns.extend(c for c in root.children if c.dep_ == "appos")  # "Raqqa, the IS stronghold"
    held_words = DocIndex.of(sentence.doc).once(_held_words)
    for noun in nouns:
        if _lemma(noun) in HOLDING_NOUNS:
            side = _side_naming(noun, held_words)
            if side:
                return side, (None if _past(noun) else noun), noun
        if noun.dep_ == "dobj" and unhyphenated_holding(noun.head):  # "the government held western Aleppo"
            return held_words[noun.doc[noun.head.i - 1].lower_], noun.head, noun
        left = [t for t in noun.subtree if t.i < noun.i]  # "rebel-held east Aleppo"
        for child in left + [c for c in noun.children if c.i > noun.i and c.dep_ == "acl"]:
            if _lemma(child) not in STATE_HOLDING_LEMMAS or child.dep_ not in ("amod", "acl", "compound", "nmod"):
                continue
            side = _side_before(child, held_words) or _agent_side(child, held_words)
            if side:
                return side, (None if _past(child) else child), noun
    return "", None, None


def unhyphenated_holding(verb: Token) -> bool:
    """Is a verb of holding a "side-held" written without its hyphen, which the parser read as a verb:
    "a shelling attack by terrorist groups on the government held western Aleppo" (no subject of its
    own; the side word before it is a preposition's object)? Not "the government held Aleppo" (its
    subject), "rebels held talks" (no side word before it is another word's object)."""
    if _lemma(verb) not in HOLDING_LEMMAS or verb.pos_ != "VERB" or verb.i == 0 or verb.tag_ != "VBD" \
            or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children):
        return False
    before = verb.doc[verb.i - 1]
    held_words = DocIndex.of(verb.doc).once(_held_words)
    return before.lower_ in held_words and before.dep_ in ("pobj", "dobj") and before.head.i < before.i


def _past(holding: Token) -> bool:
    """"the formerly rebel-held town", "the once IS-held city", "the former IS stronghold": one of
    the few words before the holding word (or a modifier of it) says the holding is over."""
    return bool(_words_before(holding, PAST_STATE_WORDS))


def _words_before(holding: Token, listed: frozenset[str]) -> str:
    """The first of `listed` among the few words before the holding word, or its modifiers ("")."""
    before = holding.doc[max(holding.sent.start, holding.i - 4):holding.i]
    return next((t.lower_ for t in [*before, *holding.children] if t.lower_ in listed), "")


def _side_naming(noun: Token, held_words: dict[str, str]) -> str:
    """"the IS stronghold", "a rebel bastion", "the Islamic State's stronghold": the side that an
    actor or a side word among the few words before the noun names (read by position: the parser
    often makes "IS" a verb or a head here)."""
    doc = noun.doc
    for at in range(noun.i - 1, max(noun.i - 4, noun.sent.start - 1), -1):
        token = doc[at]
        if token.pos_ in ("DET", "PUNCT", "ADP", "VERB") and token.lower_ != "is":
            break
        for ent in DocIndex.of(doc).ents:
            if ent.start <= at < ent.end and actor_for(ent) is not None:
                return actor_for(ent).side
        if token.lower_ in held_words:
            return held_words[token.lower_]
    return ""


def _side_before(held: Token, held_words: dict[str, str]) -> str:
    """"rebel-held": the word before the hyphen (or two: "Islamic State-held")."""
    doc = held.doc
    at = held.i - 1
    if at >= 0 and doc[at].text in ("-", "\u2010", "\u2011"):
        at -= 1
    if at < 0 or at == held.i - 1 and doc[at].dep_ not in ("npadvmod", "compound", "nmod", "amod"):
        return ""
    word = doc[at].lower_
    if word in held_words:
        return held_words[word]
    if at >= 1 and f"{doc[at - 1].lower_} {word}" in ("islamic state",):
        return held_words.get("is", "")
    return ""


def _agent_side(held: Token, held_words: dict[str, str]) -> str:
    """"held by the Islamic State group": the side of the actor after "by"."""
    for child in held.children:
        if child.dep_ == "agent":
            for token in child.subtree:
                for ent in DocIndex.of(held.doc).ents:
                    if ent.start <= token.i < ent.end and actor_for(ent) is not None:
                        return actor_for(ent).side
                if token.lower_ in held_words and token.lower_ != "is":
                    return held_words[token.lower_]
    return ""


def _held_words(folder: str) -> dict[str, str]:
    return {word: side.side for side in lexicon.sides(folder).values() for word in side.held_words}
