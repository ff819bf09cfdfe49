"""The place and actor lexicons, and the gazetteer, as a spaCy component that marks their names as
entities.

It reads the same token patterns an EntityRuler would take (lib.extract.lexicon.entity_ruler_patterns:
lower-cased words, exact acronyms, optional hyphens, any white space) but matches them by looking
each token up in a dictionary instead of running spaCy's Matcher over hundreds of patterns with
optional tokens, which costs more than the statistical model's own tagger. Longest match wins;
runs before `ner`, which keeps these entities and labels the rest.

Then the gazetteer (lib/extract/gazetteer.py, GeoNames and a hand list) marks the place names the
lexicon lacks, by the same kind of lookup (one dictionary access per capitalised token, names run on
while a key prefix exists): linear in the tokens. A name may fit several places; the candidates' ids
are kept in `doc.user_data[GAZETTEER_KEY]` by token span, and lib/extract/mentions/places.py resolves
them against the article's other places. A single word the tagger doesn't take for a proper noun
("Seven", "Mosque") is no place.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("lexicon_entities")
>>> [(e.text, e.label_, e.ent_id_) for e in nlp("HTS fighters entered Deir el-Zour.").ents]
[('HTS', 'ORG', 'Hayat Tahrir al-Sham'), ('Deir el-Zour', 'GPE', 'Deir ez-Zor')]
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy
from spacy import symbols
from spacy.attrs import IS_SPACE, LOWER, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc, Span

from lib.extract.lexicon import HYPHENS, actors, entity_ruler_patterns, lexicon_dir

GAZETTEER_KEY = "cte_gazetteer"  # doc.user_data: (start, end) token span -> candidate place ids
# parts of speech no place name begins with ("The", "at", "He", "May" as a verb): not tried
_CLOSED_CLASS = frozenset(int(symbols.IDS[tag]) for tag in ("DET", "PRON", "ADP", "AUX", "CCONJ", "SCONJ", "PART",
                                                            "NUM", "PUNCT", "VERB"))
_LOC_KINDS = frozenset({"crossing", "base", "site", "region"})  # the rest are GPE, as in the lexicon


_OWNERS = frozenset({"ORG", "PERSON"})  # actors whose name may end in a possessive without its apostrophe
# (and the states among the actors, labelled GPE: "Turkeys army", "Russias air force")


def _possessive(word: str) -> str:
    """"assads" -> "assad": a possessive whose apostrophe was lost ("Bashar al-Assads forces", "the
    Syrian armys units"), "" for other words; only an actor's name is read through it."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else ""


@dataclass(frozen=True)
class _Compiled:
    steps: tuple[tuple[str, frozenset[str]], ...]  # (attribute "LOWER" or "ORTH", accepted texts)
    label: str
    entity_id: str
    owner: bool = False  # an actor's name: may end in a possessive that lost its apostrophe


def _compile(pattern: list[dict]) -> tuple[tuple[str, frozenset[str]], ...]:
    steps = []
    for token in pattern:
        if token.get("IS_SPACE") or token.get("OP") == "?":
            continue  # white space and optional hyphens are skipped when matching
        (attribute, wanted), = ((k, v) for k, v in token.items() if k in ("LOWER", "ORTH"))
        accepted = wanted["IN"] if isinstance(wanted, dict) else [wanted]
        steps.append((attribute, frozenset(accepted)))
    return tuple(steps)


@lru_cache(maxsize=4)
def _index(directory: str) -> tuple[dict[str, tuple[_Compiled, ...]], dict[str, tuple[_Compiled, ...]]]:
    """The patterns by their first token, longest first: (by exact text, by lower-case text)."""
    index: dict[tuple[str, str], list[_Compiled]] = {}
    states = {a.name for a in actors(directory).values() if a.kind == "state"}
    for entry in entity_ruler_patterns(directory):
        steps = _compile(entry["pattern"])
        if not steps:
            continue
        compiled = _Compiled(steps, entry["label"], entry["id"],
                             entry["label"] in _OWNERS or entry["id"] in states)
        attribute, accepted = steps[0]
        for text in accepted:
            index.setdefault((attribute, text), []).append(compiled)
    tables: tuple[dict, dict] = ({}, {})
    for (attribute, text), found in index.items():
        tables[attribute == "LOWER"][text] = tuple(sorted(found, key=lambda c: -len(c.steps)))
    return tables


_MAX_JUDGED = 500_000  # word texts whose judgement is kept, across docs


class LexiconEntities:
    def __init__(self, directory: str | None = None, gazetteer: bool = True,
                 gazetteer_dir: str | None = None):
        self.directory = directory
        self.use_gazetteer = gazetteer
        self.gazetteer_dir = gazetteer_dir

    def __call__(self, doc: Doc) -> Doc:
        index = _index(str(lexicon_dir(self.directory)))
        # token texts straight from the doc's arrays: no Token object per word, only per match
        strings = doc.vocab.strings
        table = doc.to_array([ORTH, LOWER, IS_SPACE, POS])
        words = numpy.flatnonzero(table[:, 2] == 0) if len(doc) else numpy.zeros(0, dtype=int)
        where = words.tolist()                       # doc index of each non-space token
        texts = [strings[o] for o in table[words, 0].tolist()]
        lowers = [strings[o] for o in table[words, 1].tolist()]
        view = [k for k, text in enumerate(texts) if text not in HYPHENS]  # the lexicon reads through hyphens
        orth = [texts[k] for k in view]
        lower = [lowers[k] for k in view]
        by_orth, by_lower = index
        spans: list[Span] = []
        taken = bytearray(len(doc))
        position, n = 0, len(view)
        opens = self._opens(index)  # a word's text -> may a pattern begin with it: each text judged once
        begins = [k for k, text in enumerate(orth) if opens.get(text) or (
            text not in opens and self._judge(opens, index, text, lower[k]))] + [n]
        upcoming = 0
        while position < n:
            while begins[upcoming] < position:
                upcoming += 1
            position = begins[upcoming]  # the words before it begin no pattern: passed over
            if position >= n:
                break
            match = None
            for found in (by_orth.get(orth[position]), by_lower.get(lower[position]),
                          by_lower.get(_possessive(lower[position]))):
                for candidate in found or ():
                    steps = candidate.steps
                    if position + len(steps) > n or (match is not None and len(steps) <= len(match.steps)):
                        continue
                    for k in range(len(steps)):
                        attribute, accepted = steps[k]
                        word = (orth if attribute == "ORTH" else lower)[position + k]
                        if word not in accepted and not (
                                k == len(steps) - 1 and candidate.owner
                                and _possessive(word) in accepted):
                            break
                    else:
                        match = candidate
                        break
            if match is None:
                position += 1
                continue
            start, end = where[view[position]], where[view[position + len(match.steps) - 1]] + 1
            spans.append(Span(doc, start, end, label=match.label, span_id=match.entity_id))
            taken[start:end] = b"\x01" * (end - start)
            position += len(match.steps)
        if self.use_gazetteer:
            tags = table[words, 3].tolist()
            spans = self._gazetteer_spans(doc, where, texts, tags, taken, spans)
            spans.sort(key=lambda span: span.start)
        else:
            doc.user_data.pop(GAZETTEER_KEY, None)
        doc.set_ents(spans, default="unmodified")
        return doc

    def _opens(self, index) -> dict[str, bool]:
        if getattr(self, "_opened", (None,))[0] is not index or len(self._opened[1]) > _MAX_JUDGED:
            self._opened = (index, {})
        return self._opened[1]

    @staticmethod
    def _judge(opens: dict[str, bool], index, text: str, lower: str) -> bool:
        """Whether a pattern of the lexicon may begin with the word `text` (lower-cased `lower`)."""
        by_orth, by_lower = index
        opens[text] = found = text in by_orth or lower in by_lower or _possessive(lower) in by_lower
        return found

    def _gazetteer(self):
        """The gazetteer, loaded once per component (Gazetteer.load checks its files on every call)."""
        from lib.extract.gazetteer import Gazetteer
        if getattr(self, "_loaded", None) is None:
            self._loaded = Gazetteer.load(self.gazetteer_dir)
            self._may_begin: dict[str, bool] = {}  # token text -> may a name begin with it
        return self._loaded

    def _gazetteer_spans(self, doc: Doc, where: list[int], texts: list[str], tags: list[int],
                         taken: bytearray, spans: list[Span]) -> list[Span]:
        """`spans` (the lexicon's) with the gazetteer's longest names among the tokens the lexicon
        left, as Gazetteer.matches finds them (only a capitalised word or an article can begin one,
        and no word the tagger takes for a determiner, pronoun, preposition or the like: only those
        are tried). A gazetteer name that begins on a word the lexicon left and runs over the
        lexicon's places is the longer name ("Tariq al-Bab", a district of Aleppo, is no "Tariq"
        and the town al-Bab): it takes their place; never over a lexicon actor."""
        from lib.extract.gazetteer import ARTICLES, surface

        gazetteer = self._gazetteer()
        found: dict[tuple[int, int], tuple[str, ...]] = {}
        added: list[Span] = []
        after = 0  # the first position a new name may begin at
        may_begin = self._may_begin
        for position in [k for k, text in enumerate(texts) if text[:1].isupper() or text in ARTICLES]:
            if position < after or taken[where[position]] or tags[position] in _CLOSED_CLASS:
                continue
            text = texts[position]
            begins = may_begin.get(text)
            if begins is None:
                begins = may_begin[text] = gazetteer.may_begin(text)
            if not begins:
                continue
            match = gazetteer.longest_match(texts, position)
            if match is None:
                continue
            end, candidates = match
            first, last = doc[where[position]], doc[where[end - 1]]
            if _after_name_opener(doc, first.i):
                continue  # "activist Abu Malek al-Jayrudi": a person's name, no village "Malek"
            if end == position + 1 and (
                    (first.tag_ and first.pos_ != "PROPN")
                    or (first.is_sent_start and surface(texts[position]) not in {
                        surface(name) for place in candidates for name in place.names})):
                continue  # "Seven", "Mosque": a common word, or a folded spelling opening a sentence
            if any(taken[first.i:last.i + 1]):
                inside = [span for span in spans if span.start <= last.i and span.end > first.i]
                if not all(first.i < span.start and span.end <= last.i + 1
                           and span.label_ in ("GPE", "LOC") for span in inside):
                    continue
                spans = [span for span in spans if span not in inside]  # the longer name wins
            label = "LOC" if candidates[0].kind in _LOC_KINDS else "GPE"
            added.append(Span(doc, first.i, last.i + 1, label=label))
            found[(first.i, last.i + 1)] = tuple(place.id for place in candidates)
            after = end
        doc.user_data[GAZETTEER_KEY] = found
        return spans + added


def _after_name_opener(doc: Doc, start: int) -> bool:
    """Is the word before position `start` one only a person's name opens with, written with a capital
    and no entity's (data/lexicon/name_cues.tsv name_openers: "Abu Malek", "Umm Ahmad")? What follows
    it is the person's name: no gazetteer place begins there. A place whose name opens with such a
    word ("Abu Kamal") is matched from that word, by the lexicon or the gazetteer."""
    from lib.extract.names import cues
    before = doc[start - 1] if start > 0 else None
    return (before is not None and before.is_title and before.whitespace_ != ""
            and before.lower_ in cues()["name_openers"] and not before.ent_type_)


@Language.factory("lexicon_entities", assigns=["doc.ents"],
                  default_config={"directory": None, "gazetteer": True, "gazetteer_dir": None})
def make_lexicon_entities(nlp: Language, name: str, directory: str | None, gazetteer: bool,
                          gazetteer_dir: str | None) -> LexiconEntities:
    return LexiconEntities(directory, gazetteer, gazetteer_dir)
