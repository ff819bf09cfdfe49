"""The death toll a mention states.
"""
from __future__ import annotations


from spacy.tokens import Span

from lib.extract.mentions.index import TriggerMatch

def fatalities_of(sentence: Span, trigger: TriggerMatch) -> int | None:
    if trigger.entry.lemma != "kill":
        return None
    for token in sentence:
        if token.like_num and token.head.lemma_ in ("people", "civilian", "fighter", "soldier", "person"):
            try:
                return int(token.text.replace(",", ""))
            except ValueError:
                return None
    return None
