"""Entities the lexicons and the gazetteer leave, labelled by rules on the parse instead of the
model's `ner` (CTE_NER_SCOPE=rules): the `ner` and its own embedding are ~17% of a first extraction's
CPU, and what extraction reads of its entities is a few labels these rules give (measured on
fakes-dev's dev articles and the seeds, README Benchmarks).

- a run of proper nouns (with the hyphens inside it: "Amer al-Rafdan") is PERSON after a title or a
  word for a person, in apposition to one, conjoined with a person's name, or opening with a word
  only a person's name opens with (data/lexicon/name_cues.tsv); GPE when a place noun follows it or
  a preposition of place governs it or it is conjoined with such a place; LOC when it ends in a word
  of direction after "the" (a region: "the Middle East"); EVENT when a word of it
  is a trigger's or it ends in a noun of a happening ("the Six-Day War"); ORG when it ends in a noun of a
  building, a body or a military unit ("the 17th Division"), or is an acronym of at most four capitals
  ("an IDP camp"); ORG otherwise (a building or a body: "Salem Mosque"); and no
  name at all when its words are written in lower case elsewhere in the article ("Casualties pile
  up");
- a day's or a month's name the temporal tagger left ("Saturdays convoy attack", "in mid-July") is DATE;
- a capitalised word the tagger took for an adjective or a common noun right before a singular place
  noun ("Harfa village") is a proper noun of a run, unless a people's word ("Kurdish town").

What the model's `ner` labels besides names (its dates, numbers, peoples' adjectives) was given by
these rules too (the timexes as DATE, numbers CARDINAL, capitalised adjectives NORP) and changed
nothing on fakes-dev's dev articles: they are left out (fewer entities for mention extraction to
go through).

>>> import spacy
>>> nlp = spacy.blank("en")
>>> words = ["Its", "director", "Amjad", "al", "-", "Danaf", "was", "killed", "in", "Salsana", "village"]
>>> doc = spacy.tokens.Doc(nlp.vocab, words=words, spaces=[True] * 3 + [False] * 2 + [True] * 6,
...     pos=["PRON", "NOUN", "PROPN", "PROPN", "PUNCT", "PROPN", "AUX", "VERB", "ADP", "PROPN", "NOUN"])
>>> [(e.text, e.label_) for e in NameRules()(doc).ents]
[('Amjad al-Danaf', 'PERSON'), ('Salsana', 'GPE')]
"""
from __future__ import annotations

from functools import lru_cache

import numpy
from spacy import symbols
from spacy.attrs import ENT_IOB, IS_LOWER, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from lib.extract.lexicon import HYPHENS
from lib.settings import DATA_DIR

CUES_FILE = DATA_DIR / "lexicon" / "name_cues.tsv"
DEMONYM_ENDINGS = ("ian", "ese", "ish")  # "Syrian", "Lebanese", "Kurdish"
ACRONYM_LETTERS = 4  # "IDP", "UN", "SAA": an acronym of a noun, no place's name written in capitals
_PROPN = int(symbols.IDS["PROPN"])


@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """The lists of data/lexicon/name_cues.tsv by name."""
    from lib.extract.mentions.words import word_lists

    return word_lists(CUES_FILE)


@lru_cache(maxsize=1)
def _act_words() -> frozenset[str]:
    """The one-word trigger lemmas of the lexicon (data/lexicon/triggers.tsv): "attack", "war", "shell"."""
    from lib.extract.lexicon import triggers

    return frozenset(lemma for lemma in triggers() if " " not in lemma)


class NameRules:
    """The component: labels the names no entity covers yet (`doc.ents`)."""

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        table = doc.to_array([POS, ENT_IOB])
        taken = bytearray(numpy.isin(table[:, 1], (1, 3)).astype("uint8").tobytes())  # inside an entity
        spans: list[Span] = []
        tags = table[:, 0]
        labels: dict[int, str] = {}  # the tokens of each name found -> its label, for its conjuncts
        common: set[str] | None = None  # the words the doc writes in lower case somewhere
        people: set[str] = set()  # the last words of the people's names found so far
        proper = sorted(numpy.flatnonzero(tags == _PROPN).tolist() + _mistagged_before_place_noun(doc))
        for start, end in _runs(doc, proper, taken):
            while start < end - 1 and doc[start].is_lower and doc[start + 1].text not in HYPHENS:
                start += 1  # "Minister of health Mohammad Jundi": the name begins at its capital ("al-" aside)
            if (whole := _unit_named_with_of(doc, start, end)) != start:
                start = whole  # "the Lions of Sunna Brigade": one unit's name across its "of"
                while spans and spans[-1].end > start:
                    spans.pop()
            span = Span(doc, start, end)
            if common is None:
                lowered = doc.to_array([ORTH, IS_LOWER])  # no Token a word
                common = {doc.vocab.strings[o] for o in set(lowered[lowered[:, 1] == 1, 0].tolist())}
            if not _a_name(span, common):
                continue
            label = _label(span, labels, people)
            if label == "PERSON":
                people.add(span[-1].text)  # "Mohammad Jundi said ... Jundi appealed"
            labels.update(dict.fromkeys(range(start, end), label))
            if label == "PERSON":  # a lexicon name ending the person's ("Abu Osama al-Iraqi") is of it, for its conjuncts
                labels.update(dict.fromkeys(_touching(doc, end), label))
            spans.append(Span(doc, start, end, label=label))
        if spans:
            doc.set_ents(sorted(spans, key=lambda span: span.start), default="unmodified")
        return doc


def _mistagged_before_place_noun(doc: Doc) -> list[int]:
    """The capitalised words inside a sentence that the tagger took for an adjective or a common noun
    right before a singular place noun ("Harfa village", "Salsana town"): a place's name it does not
    know, unless a people's word ("Kurdish town", "Alawite village": name_cues.tsv has no such list,
    their endings tell them)."""
    nouns = cues()["place_nouns_after"]
    return [t.i for t in doc[:-1] if t.pos_ in ("ADJ", "NOUN") and t.is_title and not t.is_sent_start
            and doc[t.i + 1].lower_ in nouns and not doc[t.i + 1].lower_.endswith("s")
            and not t.lower_.endswith(DEMONYM_ENDINGS + ("ite", "i", "ic"))]


def _runs(doc: Doc, proper: list[int], taken: bytearray) -> list[tuple[int, int]]:
    """The runs of proper nouns no entity covers, a hyphen between two of them inside the run, none
    across a sentence's start."""
    found: list[tuple[int, int]] = []
    for i in proper:
        if taken[i]:
            continue
        if found and found[-1][1] == i and not doc[i].is_sent_start:
            found[-1] = (found[-1][0], i + 1)
        elif found and found[-1][1] == i - 1 and doc[i - 1].text in HYPHENS and not doc[i].is_sent_start:
            found[-1] = (found[-1][0], i + 1)
        else:
            found.append((i, i + 1))
    return found


def _unit_named_with_of(doc: Doc, start: int, end: int) -> int:
    """Where a military unit's name begins that runs across an "of" ("the Lions of Sunna Brigade",
    "Martyrs of Qusayr Battalion": a run ending in a unit noun, name_cues.tsv unit_nouns, right after
    "of" and capitalised proper nouns of the same sentence), else `start`."""
    if doc[end - 1].lower_ not in cues()["unit_nouns"] or start < 2 or doc[start - 1].lower_ != "of" \
            or doc[start - 1].is_sent_start:
        return start
    first = start - 1
    while first > 0 and doc[first - 1].pos == _PROPN and doc[first - 1].is_title and not doc[first].is_sent_start:
        first -= 1
    return first if first < start - 1 else start


def _touching(doc: Doc, end: int) -> range:
    """The tokens of the entity right after position `end` with no space between (none: empty)."""
    if end < len(doc) and doc[end].ent_iob_ == "B" and not doc[end - 1].whitespace_:
        last = end + 1
        while last < len(doc) and doc[last].ent_iob_ == "I":
            last += 1
        return range(end, last)
    return range(0)


def _a_name(span: Span, common: set[str]) -> bool:
    """A name has a capital ("syriahr" in brackets is a handle) and more than one letter, and is not
    only common words written with capitals: words of the cue lists, or words the doc writes in lower
    case elsewhere ("Casualties pile up", "Countryside" in a headline)."""
    lists = cues()
    if len(span) == 1 and span[0].tag_ == "NNPS":
        return False  # a lone plural ("Casualties pile up", "Afghans"): a common noun or a people
    return any(t.text[:1].isupper() for t in span) and len(span.text) > 1 and not all(
        t.lower_ in common or t.lower_ in lists["place_nouns_after"] or t.lower_ in lists["person_titles"]
        or t.lower_ in lists["direction_words"] for t in span)


def _label(span: Span, labels: dict[int, str], people: set[str]) -> str:
    lists = cues()
    titles, root, doc = lists["person_titles"], span.root, span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if span[-1].lower_ in lists["institution_nouns"] or (after is not None and after.lower_ in lists["institution_nouns"]) \
            or span[-1].lower_ in lists["unit_nouns"]:
        return "ORG"  # "Salem Mosque", "Albir hospital", "the General Command", "17th Division": a building or a body
    if any(t.lemma_.lower() in _act_words() for t in span) or span[-1].lower_ in lists["event_nouns"]:
        return "EVENT"  # "the Six-Day War", "Mortar Shells Bomb Attack" in a headline: a happening's words, no place
    if _date_words(span, lists["date_words"]):
        return "DATE"  # "Saturdays convoy attack": a day's name the tagger left (an apostrophe lost); "mid-July"
    if len(span) == 1 and (span.text.endswith(DEMONYM_ENDINGS) or _demonym_of_city(span[0].lower_)):
        return "NORP"  # "fighting terrorism in Syrian", "the Damascan suburb of Douma": a people's adjective, no place
    before = doc[span.start - 1] if span.start > 0 and doc[span.start - 1].text != "." else (
        doc[span.start - 2] if span.start > 1 else None)  # "Capt. Abu Hamza al-Naimi"
    if span[0].lower_ in lists["name_openers"] or span[0].lower_.rstrip(".") in titles or span.text in people \
            or (before is not None and before.lower_.rstrip(".") in titles) \
            or _names_a_person(root, titles):
        return "PERSON"
    if len(span) > 1 and span[-1].lower_ in lists["direction_words"] and before is not None and before.lower_ == "the":
        return "LOC"  # "the Middle East", "the Far East": a region named by a direction, no state's place
    conjunct = next((t.head.i for t in span if t.dep_ == "conj" and t.head.i in labels), None)
    if conjunct is not None:
        return labels[conjunct]  # "Abu Osama al-Iraqi and Amer al-Rafdan", "Masqan and Ehras"
    if len(span) == 1 and span.text.isupper() and len(span.text) > 1 \
            and (len(span.text) <= ACRONYM_LETTERS or not (after is not None and after.lower_ in lists["place_nouns_after"])):
        return "ORG"  # an acronym ("UNICEF", "an IDP camp": of a noun, the camp's kind), unless a longer
        # word in capitals before a place noun ("DARAYA city" in a headline)
    if span.start > 0 and doc[span.start - 1].ent_type_ in ("GPE", "LOC") and doc[span.start - 1].whitespace_ \
            and doc[span.start - 1].i not in labels and not doc[span.start - 1].is_punct:
        return "ORG"  # "in Daraa al-Mahatta": a quarter of the place named before it, no place of its own
    if (after is not None and after.lower_ in lists["place_nouns_after"]) \
            or (root.dep_ == "pobj" and root.head.lower_ in lists["place_name_preps"]) \
            or any(t.dep_ == "conj" and _listed_place(t.head, lists["place_nouns_after"]) for t in span):
        return "GPE"
    return "ORG"


CITY_DEMONYM_ENDINGS = ("ene", "ine", "an", "wi", "i")  # "Damascene", "Damascan", "Aleppine", "Raqqawi", "Homsi"


@lru_cache(maxsize=1)
def _city_names() -> frozenset[str]:
    """The one-word names of the lexicon's cities and governorates, lower case ("damascus", "homs")."""
    from lib.extract.lexicon import places

    return frozenset(name.lower() for place in places().values() if place.kind in ("city", "province")
                     for name in (place.name, *place.aliases) if " " not in name and "-" not in name)


def _demonym_of_city(word: str) -> bool:
    """Is the word a city's name with an ending of its people, no name of its own ("damascan",
    "homsi", "aleppine"): the stem before the ending begins a city's name of the lexicon, and is all
    of it but for two letters at the most?"""
    for ending in CITY_DEMONYM_ENDINGS:
        stem = word[:-len(ending)]
        if word.endswith(ending) and len(stem) >= 4 and any(
                name.startswith(stem) and len(stem) >= len(name) - 2 and name != word for name in _city_names()):
            return True
    return False


def _date_words(span: Span, date_words: frozenset[str]) -> bool:
    """Days' or months' names, or one after a lower-case part and a hyphen ("mid-July", "early-March":
    a part of the month, no place "in mid-July")."""
    words = span.text.lower()
    if span[0].text[:1].islower():
        words = words.rpartition("-")[2]
    return all(word in date_words for word in words.split())


def _listed_place(token: Token, place_nouns: frozenset[str]) -> bool:
    """Is the token a place entity's, in a list after a place noun and "of" ("the nearby towns of
    Rastan Talbeesah Ter Maaleh and Zafarana", "the villages of Masqan and Ehras")?"""
    if token.ent_type_ not in ("GPE", "LOC", "FAC"):
        return False
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in place_nouns


def _names_a_person(root: Token, titles: frozenset[str]) -> bool:
    """Is the name in apposition to a word for a person, or that word's own name ("its director
    Amjad al-Danaf": the title a compound of the name, or the name of the title)?"""
    if root.dep_ == "appos" and root.head.lemma_.lower() in titles and root.head.pos_ == "NOUN":
        return True
    return any(c.dep_ in ("appos", "compound") and c.lemma_.lower() in titles and c.pos_ == "NOUN"
               for c in root.children)


NAME_RULES = "name_rules"  # the component's name in a pipeline


@Language.factory(NAME_RULES, assigns=["doc.ents"])
def make_name_rules(nlp: Language, name: str) -> NameRules:
    return NameRules()
