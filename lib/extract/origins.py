"""Independent origins: which reports of a happening are one report passed on.

A mention traces to an origin, in this order:
1. the outlet its sentence credits ("The New York Times reported", "according to Reuters": the
   patterns of data/lexicon/credits.tsv over the outlets of actors.tsv);
2. else the origin of an earlier article's sentence it nearly repeats (the same text re-posted,
   lightly edited or machine-translated word for word: lib/extract/near_duplicates.py);
3. else its own article's outlet (the outlet named in its source, "The New York Times (re-posted
   copy)" being The New York Times), or the source as written.
Consolidation adds a fourth, per event: an article that credits an outlet for a happening in one
sentence owes its other sentences on it to that outlet too.

>>> credited_outlet("Iran has begun evacuating, according to The New York Times.")
'The New York Times'
>>> credited_outlet("Jolani said in an interview with The New York Times this week that ...") is None
True
>>> outlet_of_source("The New York Times (re-posted, machine-translated copy)")
'The New York Times'
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np

from lib.extract import lexicon
from lib.extract.near_duplicates import copied_from, near_duplicates, sentences_of, shingles
from lib.model import Mention

CREDITS_FILE = "credits.tsv"


# --- outlets and credits -----------------------------------------------------------------------------

def _name_pattern(alias: str) -> str:
    words = [re.escape(w) for w in re.split(r"[\s\-\u2010-\u2014]+", alias.strip()) if w]
    body = r"[\s\-]+".join(words)
    letters = alias.replace(".", "").replace(" ", "")
    if letters.isupper() and len(letters) <= 5:
        return f"(?-i:{body})"  # acronyms only as capitals: "SANA", not "sana"
    return body


@lru_cache(maxsize=8)
def _outlets(folder: str, _stamp: int) -> tuple[re.Pattern | None, dict[str, str]]:
    names: dict[str, str] = {}
    for actor in lexicon.actors(folder).values():
        if actor.kind == "outlet":
            for alias in actor.names:
                names[lexicon.normalise(alias)] = actor.name
    if not names:
        return None, names
    aliases = sorted({a for actor in lexicon.actors(folder).values() if actor.kind == "outlet"
                      for a in actor.names}, key=len, reverse=True)
    pattern = r"(?P<outlet>(?:the\s+)?(?:" + "|".join(_name_pattern(a) for a in aliases) + r"))\b"
    return re.compile(r"\b" + pattern, re.IGNORECASE), names


def _folder(directory: str | Path | None) -> str:
    return str(lexicon.lexicon_dir(directory))


def _stamp(folder: str) -> int:
    path = Path(folder) / lexicon.ACTORS_FILE
    return path.stat().st_mtime_ns if path.exists() else 0


@lru_cache(maxsize=8)
def _credits(folder: str, _stamps: tuple[int, int]) -> tuple[re.Pattern, ...]:
    outlet, _ = _outlets(folder, _stamps[0])
    path = Path(folder) / CREDITS_FILE
    if outlet is None or not path.is_file():
        return ()
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    if not lines or lines[0].split("\t") != ["pattern", "example"]:
        raise ValueError(f"{path}: the header row should be pattern TAB example")
    patterns = []
    for number, line in enumerate(lines[1:], start=2):
        pattern = line.split("\t")[0]
        if "{outlet}" not in pattern:
            raise ValueError(f"{path}: pattern {pattern!r} has no {{outlet}}")
        patterns.append(re.compile(pattern.replace("{outlet}", outlet.pattern[2:]), re.IGNORECASE))
    return tuple(patterns)


def credit_examples(directory: str | Path | None = None) -> list[str]:
    """The example sentences of credits.tsv, for the tests."""
    path = Path(_folder(directory)) / CREDITS_FILE
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return [line.split("\t")[1] for line in lines[1:]]


def outlet_named(text: str, directory: str | Path | None = None) -> str | None:
    """The canonical name of an outlet `text` is a name or alias of (actors.tsv, kind outlet)."""
    folder = _folder(directory)
    return _outlets(folder, _stamp(folder))[1].get(lexicon.normalise(text))


class _Outlets:
    """The outlets and credit patterns of one lexicon folder, read once for many sentences."""

    def __init__(self, directory: str | Path | None = None):
        folder = _folder(directory)
        credits_path = Path(folder) / CREDITS_FILE
        stamp = _stamp(folder)
        self.outlet, self.names = _outlets(folder, stamp)
        self.credits = _credits(folder, (stamp, credits_path.stat().st_mtime_ns if credits_path.exists() else 0))
        # an outlet named holds every word of one of its aliases, so its longest word: a substring
        # test for these rules most sentences out before the outlet pattern runs
        # and every word of it: an ASCII sentence naming the alias holds each of its ASCII words in
        # lower case (case-insensitive matching of ASCII text is plain; other text may match a
        # word through Unicode's case equivalences, "ſ" for "s", so only the key is asked of it)
        words: dict[str, list[tuple[str, ...]]] = {}
        for actor in lexicon.actors(folder).values():
            for alias in actor.names if actor.kind == "outlet" else ():
                if alias.strip():
                    split = re.split(r"[\s\-\u2010-\u2014]+", alias.strip())
                    words.setdefault(max(split, key=len).lower(), []).append(
                        tuple(w.lower() for w in split if w and w.isascii()))
        self.keys = tuple(sorted(words))
        self.words = {key: tuple(found) for key, found in words.items()}

    def credited(self, sentence: str) -> str | None:
        if self.outlet is None or not self.keys:
            return None
        low = sentence.lower()
        keys = [key for key in self.keys if key in low]
        if not keys or (sentence.isascii() and not any(all(w in low for w in alias) for key in keys
                                                        for alias in self.words[key])):
            return None  # most sentences name no outlet: substring tests instead of the patterns
        if not self.outlet.search(sentence):
            return None
        for pattern in self.credits:
            found = pattern.search(sentence)
            if found:
                return self.names.get(lexicon.normalise(found.group("outlet")))
        return None

    def credits_of(self, sentences: Iterable[str]) -> dict[str, str | None]:
        """`credited` of each distinct sentence."""
        distinct = list(dict.fromkeys(sentences))
        return dict(zip(distinct, self.credits_each(distinct)))

    def credits_each(self, distinct: Sequence[str]) -> list[str | None]:
        """`credited` of each of these sentences (each once). Most name no outlet: only the
        sentences holding a key (`_holding_keys`) are asked."""
        found: list[str | None] = [None] * len(distinct)
        if self.outlet is None or not self.keys or not distinct:
            return found
        for i in self._holding_keys([s.lower() for s in distinct]):
            found[i] = self.credited(distinct[i])
        return found

    def _holding_keys(self, lowered: list[str]) -> list[int]:
        """The positions of the lower-cased sentences holding one of the keys: all of them at once
        by pyarrow's regular expressions (RE2: one pass over their text for every key together),
        else each key searched for once in all the sentences joined."""
        try:
            import pyarrow as pa
            import pyarrow.compute as pc

            data = "".join(lowered).encode("utf-8")
            lengths = map(len, lowered) if len(data) == sum(map(len, lowered)) else \
                (len(s.encode("utf-8")) for s in lowered)  # bytes a sentence: its characters when ASCII
            offsets = np.zeros(len(lowered) + 1, dtype=np.int64)
            np.cumsum(np.fromiter(lengths, dtype=np.int64, count=len(lowered)), out=offsets[1:])
            text = pa.LargeStringArray.from_buffers(len(lowered), pa.py_buffer(offsets), pa.py_buffer(data))
            holding = pc.match_substring_regex(text, "|".join(re.escape(key) for key in self.keys))
            return np.flatnonzero(holding.to_numpy(zero_copy_only=False)).tolist()
        except (ImportError, ValueError, NotImplementedError):  # no pyarrow, or a key RE2 reads otherwise
            pass
        starts = np.cumsum([0] + [len(s) + 1 for s in lowered[:-1]])
        joined = "\n".join(lowered)  # no key holds a line break: none is found across two sentences
        hits: list[int] = []
        for key in self.keys:
            at = joined.find(key)
            while at >= 0:
                hits.append(at)
                at = joined.find(key, at + 1)
        return np.unique(np.searchsorted(starts, hits, side="right") - 1).tolist()

    def of_source(self, source: str) -> str | None:
        exact = self.names.get(lexicon.normalise(source))  # a source is a name: "sana" is SANA
        if exact is not None:
            return exact
        found = self.outlet.search(source) if self.outlet is not None and source else None
        return self.names.get(lexicon.normalise(found.group("outlet"))) if found else None


def credited_outlet(sentence: str, directory: str | Path | None = None) -> str | None:
    """The outlet `sentence` credits for what it tells, by the patterns of credits.tsv; None if none."""
    return _Outlets(directory).credited(sentence)


def outlet_of_source(source: str, directory: str | Path | None = None) -> str | None:
    """The outlet an article's source names ("The New York Times (re-posted copy)"), or None."""
    return _Outlets(directory).of_source(source)


# --- origins ------------------------------------------------------------------------------------------

def own_origins(mentions: Sequence[Mention], directory: str | Path | None = None) -> dict[str, str]:
    """Each article's own origin: the outlet its source names, else the source, else its id."""
    outlets = _Outlets(directory)
    own: dict[str, str] = {}
    named: dict[str, str | None] = {}  # few sources for many articles: each looked up once
    for m in mentions:
        if m.article_id not in own:
            source = m.source
            outlet = named[source] if source in named else named.setdefault(source, outlets.of_source(source))
            own[m.article_id] = outlet or source or m.article_id
    return own


def mention_origins(mentions: Sequence[Mention], directory: str | Path | None = None,
                    own: Mapping[str, str] | None = None) -> dict[str, str]:
    """Each mention's origin (rules 1-3 of the module): an outlet's canonical name, else the source
    as written, else the article id. `own`: `own_origins` of the same mentions, when the caller has
    it."""
    names, origin = _origins(mentions, directory, own)
    return dict(zip([m.mention_id for m in mentions], names[origin].tolist()))


def origins_passed_on(mentions: Sequence[Mention], directory: str | Path | None = None,
                      own: Mapping[str, str] | None = None) -> dict[str, str]:
    """`mention_origins` of the mentions whose origin is not what `event_origins` takes for a
    mention it is not given (its source as written, else its article id): most mentions' origin is
    their source, and a small table is made and read faster than one of every mention."""
    names, origin = _origins(mentions, directory, own)
    numbers = {name: number for number, name in enumerate(names.tolist())}
    told = np.fromiter((numbers.get(m.source or m.article_id, -1) for m in mentions), dtype=np.int64,
                       count=len(mentions))  # the origin a mention is taken to have: its source
    other = np.flatnonzero(origin != told).tolist()
    return dict(zip([mentions[i].mention_id for i in other], names[origin[other]].tolist()))


def _origins(mentions: Sequence[Mention], directory: str | Path | None,
             own: Mapping[str, str] | None) -> tuple[np.ndarray, np.ndarray]:
    """The origins of the mentions (`mention_origins`) as the distinct names (an array of strings) and
    each mention's among them. Worked out over arrays: each distinct sentence's credit and each
    mention's own origin numbered, the mentions' origins chosen among them at once."""
    outlets = _Outlets(directory)
    sentences = sentences_of(mentions)  # each distinct sentence once, for its copies and its credit
    original = copied_from(mentions, sentences)
    own = own_origins(mentions, directory) if own is None else own
    names: dict[str, int] = {}  # the origins, numbered
    credit = np.fromiter((names.setdefault(c, len(names)) if c else -1 for c in outlets.credits_each(sentences[0])),
                         dtype=np.int64, count=len(sentences[0]))  # each sentence's, -1 for none
    own_origin = np.fromiter((names.setdefault(own[m.article_id], len(names)) for m in mentions),
                             dtype=np.int64, count=len(mentions))
    text_of = sentences[1]
    told = np.where(original >= 0, original, np.arange(len(mentions)))  # the copied one tells it
    passed_on = credit[text_of[told]]
    origin = credit[text_of]  # a credit of its own first, else what the copied one credits or is
    origin = np.where(origin >= 0, origin, np.where(passed_on >= 0, passed_on, own_origin[told]))
    return np.array(list(names), dtype=object), origin


def event_origins(mentions: Iterable[Mention], origins: Mapping[str, str],
                  own: Mapping[str, str]) -> list[str]:
    """The independent origins of one event's mentions, sorted: per article, the outlet it credits
    for the happening (or the text it copies), else its own origin (`own`, by article id)."""
    if (type(mentions) is list or isinstance(mentions, Sequence)) and len(mentions) == 1:  # most events: one report, one origin
        return [origins.get(mentions[0].mention_id, mentions[0].source or mentions[0].article_id)]
    mentions = mentions if type(mentions) is list else list(mentions)
    told = [origins.get(m.mention_id, m.source or m.article_id) for m in mentions]
    if len({m.article_id for m in mentions}) == len(told):  # a report an article: each passes on its origin
        return sorted(set(told))
    per_article: dict[str, set[str]] = {}
    for m, origin in zip(mentions, told):
        per_article.setdefault(m.article_id, set()).add(origin)
    found: set[str] = set()
    for article, traced in per_article.items():
        passed_on = traced - {own.get(article, article)}
        found |= passed_on or traced
    return sorted(found)


__all__ = ["credited_outlet", "outlet_of_source", "outlet_named", "near_duplicates", "shingles",
           "mention_origins", "origins_passed_on", "own_origins", "event_origins", "credit_examples"]
