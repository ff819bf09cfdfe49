"""The place and actor lexicons as a spaCy component that marks their names as entities.

It reads the same token patterns an EntityRuler would take (lib.extract.lexicon.entity_ruler_patterns:
lower-cased words, exact acronyms, optional hyphens, any white space) but matches them by looking
each token up in a dictionary instead of running spaCy's Matcher over hundreds of patterns with
optional tokens, which costs more than the statistical model's own tagger. Longest match wins;
runs before `ner`, which keeps these entities and labels the rest.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("lexicon_entities")
>>> [(e.text, e.label_, e.ent_id_) for e in nlp("HTS fighters entered Deir el-Zour.").ents]
[('HTS', 'ORG', 'Hayat Tahrir al-Sham'), ('Deir el-Zour', 'GPE', 'Deir ez-Zor')]
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from lib.extract.lexicon import HYPHENS, entity_ruler_patterns, lexicon_dir


@dataclass(frozen=True)
class _Compiled:
    steps: tuple[tuple[str, frozenset[str]], ...]  # (attribute "LOWER" or "ORTH", accepted texts)
    label: str
    entity_id: str


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
def _index(directory: str) -> dict[tuple[str, str], tuple[_Compiled, ...]]:
    """First token (attribute, text) -> the patterns starting with it, longest first."""
    index: dict[tuple[str, str], list[_Compiled]] = {}
    for entry in entity_ruler_patterns(directory):
        steps = _compile(entry["pattern"])
        if not steps:
            continue
        compiled = _Compiled(steps, entry["label"], entry["id"])
        attribute, accepted = steps[0]
        for text in accepted:
            index.setdefault((attribute, text), []).append(compiled)
    return {key: tuple(sorted(found, key=lambda c: -len(c.steps))) for key, found in index.items()}


def _text(token, attribute: str) -> str:
    return token.lower_ if attribute == "LOWER" else token.text


class LexiconEntities:
    def __init__(self, directory: str | None = None):
        self.directory = directory
        self.use_gazetteer = False

    def __call__(self, doc: Doc) -> Doc:
        index = _index(str(lexicon_dir(self.directory)))
        view = [t for t in doc if not t.is_space and t.text not in HYPHENS]
        spans: list[Span] = []
        position = 0
        while position < len(view):
            token = view[position]
            match = None
            for key in (("ORTH", token.text), ("LOWER", token.lower_)):
                for candidate in index.get(key, ()):
                    steps = candidate.steps
                    if position + len(steps) <= len(view) and all(
                            _text(view[position + k], attribute) in accepted
                            for k, (attribute, accepted) in enumerate(steps)):
                        if match is None or len(steps) > len(match.steps):
                            match = candidate
                        break
            if match is None:
                position += 1
                continue
            last = view[position + len(match.steps) - 1]
            spans.append(Span(doc, token.i, last.i + 1, label=match.label, span_id=match.entity_id))
            position += len(match.steps)
        doc.set_ents(spans, default="unmodified")
        return doc


@Language.factory("lexicon_entities", assigns=["doc.ents"], default_config={"directory": None})
def make_lexicon_entities(nlp: Language, name: str, directory: str | None) -> LexiconEntities:
    return LexiconEntities(directory)
