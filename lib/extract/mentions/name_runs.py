"""Runs of place names whose commas the page lost, read by the statistical model as one entity ("the
jets pounded strongholds in Tabaret al-Deibeh Abu Hanaya Abu Hbeilat and al-Hardaneh"): split into
their names, by the shape of Syrian place names (a name opens with a word of words.tsv
place_name_openers, "Abu Hanaya", "Tal Dahab"), each an entity of its own and a name of one list.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from lib.extract.mentions.words import WORDS

OPENERS = WORDS["place_name_openers"]
TOWN_NOUNS = WORDS["town_nouns"]
RUNS_KEY = "cte_name_runs"  # doc.user_data: (start, end) of a name split from a run -> the run's start
RUN_LABELS = ("GPE", "LOC", "FAC")  # what the statistical model labels a run it takes for a place
MIN_NAME_WORDS = 2  # words of each name split from a run ("Abu Hanaya"): a run of one-word names has no shape to split by
_ARTICLE = re.compile(r"(?:al|el|as|ad|ash|az|ez|an|ar|at|ed|es|et)-", re.IGNORECASE)


def _words(ent: Span) -> list[tuple[int, int]]:
    """The words of a name, as written between spaces ("al-Deibeh" one word), by token offsets."""
    words, start = [], ent.start
    for token in ent:
        if token.whitespace_ or token.i == ent.end - 1:
            words.append((start, token.i + 1))
            start = token.i + 1
    return words


def run_names(ent: Span) -> list[tuple[int, int]]:
    """The names of a run whose commas the page lost, by token offsets, or [] when `ent` is no run:
    every word a capitalised one or one of the article ("al-Deibeh"), a name begun at each opener that
    follows a word of no opener ("Tabaret al-Deibeh | Abu Hanaya | Abu Hbeilat"; "Tal Abu Zaid" one
    name), two names at least, each of MIN_NAME_WORDS words at least."""
    doc = ent.doc
    words = _words(ent)
    texts = [doc[s:e].text for s, e in words]
    if not all(t[:1].isupper() or _ARTICLE.match(t) for t in texts):
        return []
    names, begun = [], 0
    for k in range(1, len(words)):
        if texts[k].lower() in OPENERS and texts[k - 1].lower() not in OPENERS:
            names.append((words[begun][0], words[k - 1][1]))
            begun = k
    names.append((words[begun][0], words[-1][1]))
    if len(names) < 2:
        return []
    sizes = [sum(1 for s, _ in words if a <= s < b) for a, b in names]
    return names if min(sizes) >= MIN_NAME_WORDS else []


def _placed(ent: Span) -> bool:
    """Is the run read as a place: by its label, or, whatever its label, as the names after a plural
    noun of settlements and "of" ("the villages of Tal Abu Zaid Abu Hanaya": words.tsv town_nouns)?"""
    root = ent.root
    return ent.label_ in RUN_LABELS or (root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.tag_ == "NNS"
                                        and root.head.head.lemma_.lower() in TOWN_NOUNS)


def split_runs(doc: Doc, known: set[tuple[int, int]]) -> None:
    """Split each run of place names in `doc.ents` (`run_names`) that no lexicon or gazetteer entry
    names whole (`known`: the token spans they name), recording its names in doc.user_data[RUNS_KEY]."""
    runs = doc.user_data.setdefault(RUNS_KEY, {})
    ents, changed = [], False
    for ent in doc.ents:
        names = [] if ent.ent_id_ or (ent.start, ent.end) in known or not _placed(ent) else run_names(ent)
        if not names:
            ents.append(ent)
            continue
        changed = True
        for start, end in names:
            ents.append(Span(doc, start, end, label="GPE"))  # a place, whatever label the run had
            runs[(start, end)] = ent.start
    if changed:
        doc.set_ents(ents, default="unmodified")


def same_run(ent: Span, other: Span) -> bool:
    """Are the two names split from one run (`split_runs`): names of one list?"""
    runs = ent.doc.user_data.get(RUNS_KEY, {})
    run = runs.get((ent.start, ent.end))
    return run is not None and ent != other and runs.get((other.start, other.end)) == run


JOIN_LABELS = ("GPE", "LOC", "FAC", "ORG")  # what the statistical model labels the words of a village's name


def join_openers(doc: Doc, known: set[tuple[int, int]]) -> None:
    """Join an entity of one word that opens Syrian place names (words.tsv place_name_openers: "Tal",
    "Deir", "Kafr") to the entity right after it, when the model cut the name there ("the villages of
    ... Tal Alam Deir Qaq": "Tal" an ORG, "Alam" a GPE, whatever the gazetteer finds for "Alam"
    alone): an opener alone names no place. Not when the opener is a name the lexicon or gazetteer
    knows (`known`: token spans) or either has an id (an actor's), nor across a comma or "and"."""
    ents, changed, skip = list(doc.ents), False, False
    joined = []
    for k, ent in enumerate(ents):
        if skip:
            skip = False
            continue
        after = ents[k + 1] if k + 1 < len(ents) else None
        if len(ent) == 1 and ent.text.lower() in OPENERS and after is not None and after.start == ent.end \
                and ent.label_ in JOIN_LABELS and after.label_ in JOIN_LABELS and not ent.ent_id_ and not after.ent_id_ \
                and (ent.start, ent.end) not in known:
            joined.append(Span(doc, ent.start, after.end, label="GPE"))
            changed = skip = True
            continue
        joined.append(ent)
    if changed:
        doc.set_ents(joined, default="unmodified")


def join_cut_names(doc: Doc) -> None:
    """Join a person's name the statistical model cut at a hyphen ("the archaeologist Khaled al-Asaad":
    "Khaled al-" a PERSON, "Asaad" a GPE) into one person: a PERSON entity whose last word runs on,
    with no space, into the entity right after it, whatever the gazetteer finds for the cut-off word
    ("Asaad": an Ein el Asad of Lebanon). Not when that entity has an id (an actor's)."""
    ents, changed = list(doc.ents), False
    joined: list[Span] = []
    for ent in ents:
        last = joined[-1] if joined else None
        if last is not None and last.label_ == "PERSON" and last.end == ent.start and not doc[last.end - 1].whitespace_ \
                and not ent.ent_id_:
            joined[-1] = Span(doc, last.start, ent.end, label="PERSON")
            changed = True
            continue
        joined.append(ent)
    if changed:
        doc.set_ents(joined, default="unmodified")
