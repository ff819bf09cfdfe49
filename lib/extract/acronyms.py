"""A party's acronym in capitals that spells an English function word ("IS", the Islamic State; "US")
is read by the statistical model as that word: "IS controls 60 percent of Deir Ezzor city" parses with
"IS" as a passive auxiliary and "controls" as a noun, so no one holds anything, and "IS fighters
attacked Marea" loses its doer. The model reads a word through its norm, so this component, first in
the pipeline, gives such a word the norm of another capital spelling of the same party that is no
English word ("isis", "usa"), taken from the actor lexicon (data/lexicon/actors.tsv aliases) and
spaCy's English stop words: nothing to keep by hand. A word in a stretch written all in capitals
("WHAT IS NEXT FOR ALEPPO") is that English word and keeps its norm.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("acronym_norms")
>>> [t.norm_ for t in nlp("IS fighters attacked US bases, it is said.")]
['isis', 'fighters', 'attacked', 'usa', 'bases', ',', 'it', 'is', 'said', '.']
>>> [t.norm_ for t in nlp("WHAT IS NEXT FOR ALEPPO")]
['what', 'is', 'next', 'for', 'aleppo']
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from lib.extract.lexicon import actors
from lib.temporal.component import doc_text


@lru_cache(maxsize=1)
def acronym_norms() -> dict[str, str]:
    """{capital acronym that spells a stop word: the lower case of the party's first capital alias
    that does not}, from the actor lexicon."""
    norms: dict[str, str] = {}
    for actor in actors().values():
        capitals = [a for a in actor.aliases if a.isupper() and a.isalpha()]
        plain = [a for a in capitals if a.lower() not in STOP_WORDS]
        for alias in capitals:
            if alias.lower() in STOP_WORDS and plain:
                norms.setdefault(alias, plain[0].lower())
    return norms


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern | None:
    words = sorted(acronym_norms())
    return re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, words))) if words else None


def _in_capitals(doc: Doc, i: int) -> bool:
    """The word next to it on either side (skipping punctuation) is a word of capitals too."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(doc) and not doc[j].is_alpha:
            j += step
        if 0 <= j < len(doc) and doc[j].is_upper and len(doc[j]) > 1 and doc[j].text not in acronym_norms():
            return True
    return False


@Language.component("acronym_norms")
def acronym_norms_component(doc: Doc) -> Doc:
    pattern = _pattern()
    if pattern is None:
        return doc
    norms = acronym_norms()
    for match in pattern.finditer(doc_text(doc)):
        span = doc.char_span(match.start(), match.end())
        if span is not None and len(span) == 1 and not _in_capitals(doc, span.start):
            span[0].norm_ = norms[match.group()]
    return doc
