"""What mention extraction asks of a doc again and again, worked out once per doc: the trigger index
and the actor or place each entity names (the lexicon's, else the gazetteer's resolved in the
article's context: lib/extract/mentions/places.py).
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache, wraps
from pathlib import Path
from typing import Callable, Collection, Iterable, Iterator, TypeVar

import numpy
from spacy.attrs import LEMMA, LOWER, SENT_START
from spacy.tokens import Doc, Span, Token

from lib.extract import lexicon
from lib.temporal.component import SPANS_KEY, doc_text

T = TypeVar("T")


@dataclass(frozen=True)
class TriggerMatch:
    tokens: tuple[Token, ...]
    entry: lexicon.Trigger

    @property
    def head(self) -> Token:
        return self.tokens[0]


def trigger_index(directory: str) -> dict[str, list[tuple[tuple[str, ...], lexicon.Trigger]]]:
    """Trigger entries by the lemma of their first word, longest first (rebuilt when the file changes)."""
    path = Path(directory) / "triggers.tsv"
    return _trigger_index_of(directory, path.stat().st_mtime_ns if path.exists() else 0)


def by_first_word(entries: Iterable[tuple[str, T]]) -> dict[str, list[tuple[tuple[str, ...], T]]]:
    """Lexicon entries keyed by space-separated words, indexed by their first word, longest first
    (so a scan of a sentence tries "take control" before "take").

    >>> by_first_word([("take", 1), ("take control", 2)])
    {'take': [(('take', 'control'), 2), (('take',), 1)]}
    """
    index: dict[str, list[tuple[tuple[str, ...], T]]] = {}
    for key, entry in entries:
        words = tuple(key.split())
        index.setdefault(words[0], []).append((words, entry))
    for found in index.values():
        found.sort(key=lambda item: -len(item[0]))
    return index


@lru_cache(maxsize=4)
def _trigger_index_of(directory: str, _stamp: int) -> dict[str, list[tuple[tuple[str, ...], lexicon.Trigger]]]:
    return by_first_word(lexicon.triggers(directory).items())


class DocIndex:
    """What mention extraction asks of a doc again and again, worked out once: each sentence's
    entities and the lexicon place and actor each entity names."""

    KEY = "cte_mentions_index"

    def __init__(self, doc: Doc, folder: str):
        places, actors = lexicon.places(folder), lexicon.actors(folder)
        self.folder = folder
        self.places_by_name = places
        self.sides = lexicon.sides(folder)
        self.triggers = trigger_index(folder)
        self.by_sentence: dict[int, list[Span]] = {}
        self.places: dict[tuple[int, int], lexicon.Place | None] = {}
        self.actors: dict[tuple[int, int], lexicon.Actor | None] = {}
        self.memo: dict[tuple, object] = {}  # per_span results, cleared when the parse changes
        self._once: dict[Callable, object] = {}
        # doc.ents, doc.text and doc.spans build their Spans and Tokens anew at every call: once here
        self.ents = ents = doc.ents
        self._ent_starts = [ent.start for ent in ents]
        self.text = text = doc_text(doc)
        self.timex_spans: list[Span] = list(doc.spans.get(SPANS_KEY, ()))
        # each token's lemma and text lower-cased, to scan a sentence for a word without a Token a word
        self.lemmas, self.lowers = _lower_strings(doc)
        sentence_of: dict[tuple[int, int], int] = {}
        for ent, sentence in zip(ents, sentence_starts(doc, [ent.start for ent in ents])):
            self.by_sentence.setdefault(sentence, []).append(ent)
            key, name = (ent.start, ent.end), ent.ent_id_
            sentence_of[key] = sentence
            place, actor = places.get(name), actors.get(name)
            if place is None or actor is None:
                words = text[ent.start_char:ent.end_char]  # ent.text, without a Token a word
                place = place or _alias("place", folder, words)
                actor = actor or _alias("actor", folder, words)
            self.places[key], self.actors[key] = place, actor
        from lib.extract.entities import GAZETTEER_KEY
        if GAZETTEER_KEY in doc.user_data:  # the entity component ran with the gazetteer
            from lib.extract.mentions.places import resolve_places
            ents = [e for e in ents if self.actors[(e.start, e.end)] is None]
            self.places = resolve_places(ents, self.places, doc.user_data.get(GAZETTEER_KEY, {}), folder, sentence_of)

    def ents_within(self, span: Span) -> list[Span]:
        """The entities wholly inside `span` (what `span.ents` gives, without building every entity
        of the doc)."""
        found = []
        for k in range(bisect_left(self._ent_starts, span.start), len(self.ents)):
            if self.ents[k].end > span.end:
                break
            found.append(self.ents[k])
        return found

    def once(self, read: Callable[[str], T]) -> T:
        """`read(folder)` once for this doc: a lexicon's reader checks its file's date at every call."""
        try:
            return self._once[read]  # type: ignore[return-value]
        except KeyError:
            self._once[read] = found = read(self.folder)
            return found

    def controller_of(self, side: str) -> str:
        """The controller an actor's side holds territory for (sides.tsv), or takes it for as an
        ally ("ally_of": Russian forces taking a town for the government), "" when none."""
        entry = self.sides.get(side)
        return (entry.controller or entry.ally_of) if entry else ""

    @classmethod
    def build(cls, doc: Doc, folder: str | None = None) -> "DocIndex":
        """Index `doc` with the lexicons of `folder` (default: the configured lexicon folder)."""
        doc.user_data[cls.KEY] = cls(doc, str(lexicon.lexicon_dir(folder)))
        return doc.user_data[cls.KEY]

    @classmethod
    def of(cls, doc: Doc) -> "DocIndex":
        try:  # asked ~900 times a doc: one look-up
            return doc.user_data[cls.KEY]
        except KeyError:
            return cls.build(doc)


def _lower_strings(doc: Doc) -> tuple[list[str], list[str]]:
    """Each token's `lemma_.lower()` and `lower_`."""
    global _LOWERED
    if len(_LOWERED) > _LOWERED_MAX:
        _LOWERED = {}  # a new one: a thread still reading the old keeps what it reads
    strings, lowered = doc.vocab.strings, _LOWERED
    columns = []
    for ids in doc.to_array([LEMMA, LOWER]).T.tolist():
        for key in set(ids).difference(lowered):
            lowered[key] = strings[key].lower()
        columns.append(list(map(lowered.__getitem__, ids)))
    return columns[0], columns[1]


# a string's hash (the same in every vocabulary) -> the string lower-cased, across docs
_LOWERED: dict[int, str] = {}
_LOWERED_MAX = 500_000


def per_span(compute: Callable[..., T]) -> Callable[..., T]:
    """`compute(span, ...)` worked out once per span of a doc (a sentence, an entity) and arguments,
    kept in the doc's DocIndex, so anew for each mention extraction. For functions of the parse and
    the lexicons only: a change of the parse (triggers.repair_reported_object) clears what was kept."""
    @wraps(compute)
    def memoised(span: Span, *args, **kwargs):
        memo = _memo(span.doc)
        key = (compute, span.start, span.end, *args, *kwargs.items()) if kwargs else (compute, span.start, span.end, *args)
        try:
            return memo[key]
        except KeyError:
            memo[key] = found = compute(span, *args, **kwargs)
            return found
    return memoised


def per_token(compute: Callable[[Token], T]) -> Callable[[Token], T]:
    """`compute(token)` worked out once per token of a doc, kept with per_span's results (and cleared
    with them when the parse changes)."""
    @wraps(compute)
    def memoised(token: Token) -> T:
        memo, key = _memo(token.doc), (compute, token.i)
        try:
            return memo[key]  # type: ignore[return-value]
        except KeyError:
            memo[key] = found = compute(token)
            return found
    return memoised


def _memo(doc: Doc) -> dict:
    """The memo of the doc's DocIndex (DocIndex.of, without its call: asked ~500 times a doc)."""
    index = doc.user_data.get(DocIndex.KEY)
    return (index if index is not None else DocIndex.build(doc)).memo


def tokens_with(span: Span, lowers: Collection[str] = (), lemmas: Collection[str] = ()) -> Iterator[Token]:
    """The tokens of `span` whose text lower-cased is one of `lowers` or whose lemma is one of
    `lemmas`, in order: a Token is made only for those (the doc's index holds every word as strings),
    so a rule looking for a few words in a sentence does not build a Token a word."""
    index, doc = DocIndex.of(span.doc), span.doc
    for i in range(span.start, span.end):
        if index.lowers[i] in lowers or index.lemmas[i] in lemmas:
            yield doc[i]


def sentence_starts(doc: Doc, positions: list[int]) -> list[int]:
    """The first token of the sentence of each token position (what `doc[i].sent.start` gives),
    from the doc's sentence starts at once.

    >>> import spacy
    >>> doc = spacy.blank("en")("Rebels took Hama . Iran left .")
    >>> for token in doc: token.is_sent_start = token.i in (0, 4)
    >>> sentence_starts(doc, [2, 4, 5])
    [0, 4, 4]
    """
    starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1)
    found = numpy.searchsorted(starts, positions, side="right") - 1
    return [int(starts[k]) if k >= 0 else 0 for k in found.tolist()]


@lru_cache(maxsize=4096)
def _alias(kind: str, folder: str, text: str):
    lookup = lexicon.place_by_alias if kind == "place" else lexicon.actor_by_alias
    return lookup(text, folder)


def actor_for(ent: Span) -> lexicon.Actor | None:
    return DocIndex.of(ent.doc).actors.get((ent.start, ent.end))


def place_for(ent: Span) -> lexicon.Place | None:
    return DocIndex.of(ent.doc).places.get((ent.start, ent.end))


def span_text(span: Span) -> str:
    """`span.text`, cut from the doc's text (a Span builds it from a Token a word)."""
    return DocIndex.of(span.doc).text[span.start_char:span.end_char]


def ents_in(sentence: Span) -> list[Span]:
    return DocIndex.of(sentence.doc).by_sentence.get(sentence.start, [])
