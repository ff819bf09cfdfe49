"""Choosing the date of a mention: the timex governing its clause; and whether the sentence is
background (the conflict's past).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from spacy.tokens import Span

from lib.temporal import Timex
from lib.extract.mentions.index import DocIndex
from lib.extract.mentions.index import TriggerMatch
from lib.extract.mentions.parse import crosses_clause, path_up
from lib.extract.mentions.words import BACKGROUND_DURATION

def timex_for(sentence: Span, trigger: TriggerMatch, timexes: Sequence[Timex]) -> Timex | None:
    inside = [t for t in timexes if sentence.start_char <= t.start < sentence.end_char
              and t.type in ("DATE", "TIME")]
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
    pool = attached or inside
    return min(pool, key=lambda t: abs(t.start - trigger.head.idx))


def governs(trigger: TriggerMatch, timex: Timex) -> bool:
    span_ = trigger.head.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    path = path_up(span_.root, trigger.head) if span_ is not None else None
    return path is not None and not crosses_clause(path)


def is_background(sentence: Span, timexes: Sequence[Timex]) -> bool:
    """A sentence about the long past: "Over the years, government forces besieged ...", "Early
    in the civil war, parts of Homs fell" (data/lexicon/background.tsv), with no date of its own."""
    inside = [t for t in timexes if sentence.start_char <= t.start < sentence.end_char]
    if any(t.type in ("DATE", "TIME") and t.value not in ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
           for t in inside):
        return False
    return (any(t.type == "DURATION" and BACKGROUND_DURATION.match(t.value) for t in inside)
            or bool(_background_regex(DocIndex.of(sentence.doc).folder).search(sentence.text)))


@lru_cache(maxsize=4)
def _background_regex(folder: str) -> re.Pattern:
    path = Path(folder) / "background.tsv"
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")][1:] if path.is_file() else []
    return re.compile("|".join(rf"\b(?:{line})\b" for line in lines) or r"(?!x)x", re.IGNORECASE)
