"""The model's `attribute_ruler` and rule `lemmatizer` as one memoised component: the same parts of
speech, morphology and lemmas at a fraction of the cost.

The ruler runs a Matcher of about 180 one- and two-word patterns over every token and sets each
match's attributes through a Span; the lemmatizer then makes a Token per word. Both cost more
than the tagger they follow (about 14% of the whole analysis). But what the ruler gives a token
depends only on what its patterns read (the lower-case text, tag, dependency label, whether it is
white space) and, for a two-word pattern, on its neighbour; what the lemmatizer gives depends
only on the token's text, part of speech and morphology (its own cache key). So each is worked
out once per distinct key, by the original components' own rules and code, and the doc's arrays
are written in one go. A model whose ruler uses a pattern this cannot read (an operator such as
"?" or "*", another attribute) keeps its own components (`install` returns False).

>>> nlp = load_pipeline()  # doctest: +SKIP
>>> install(nlp), nlp.pipe_names  # doctest: +SKIP
(True, ['tok2vec', 'tagger', 'parser', 'token_attributes', 'ner'])
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

NAME = "token_attributes"
RULER, LEMMATIZER = "attribute_ruler", "lemmatizer"
_READ = ("LOWER", "TAG", "DEP", "IS_SPACE")  # what a supported pattern may test, in key order
_MAX_CACHED = 500_000  # lemmas kept before the cache starts afresh (its contents never change output)


class _Field:
    """Which pattern tokens (bits) accept a value of one attribute."""

    def __init__(self) -> None:
        self.always = 0  # the tokens that do not test this attribute
        self.equal: dict[object, int] = {}
        self.tests: list[tuple] = []  # (test of the value, bit)

    def add(self, bit: int, wanted) -> bool:
        """Record what the token `bit` wants of this attribute; False if it cannot be read."""
        if wanted is None:
            self.always |= bit
        elif isinstance(wanted, dict):
            if len(wanted) != 1:
                return False
            (operator, value), = wanted.items()
            if operator == "IN":
                for each in value:
                    self.equal[each] = self.equal.get(each, 0) | bit
            elif operator == "NOT_IN":
                self.tests.append(((lambda v, s=frozenset(value): v not in s), bit))
            elif operator == "REGEX":
                self.tests.append(((lambda v, r=re.compile(value): bool(r.search(v))), bit))
            else:
                return False
        else:
            self.equal[wanted] = self.equal.get(wanted, 0) | bit
        return True

    def bits(self, value) -> int:
        found = self.always | self.equal.get(value, 0)
        for test, bit in self.tests:
            if test(value):
                found |= bit
        return found


@dataclass(frozen=True)
class _Rule:
    order: int  # the ruler applies its rules in this order, later ones winning
    bits: tuple[int, ...]  # the bit of each token of the pattern
    index: int  # which token of a match gets the attributes
    attrs: dict  # attribute id -> value, as the ruler sets them


def _rules(ruler) -> tuple[list[_Rule], list[_Field]] | None:
    """The ruler's patterns as rules over bits, and the fields that give a token its bits; None
    when a pattern uses what this cannot read."""
    rules, fields, bit = [], [_Field() for _ in _READ], 1
    for order, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices)):
        _, patterns = ruler.matcher.get(str(order))
        for pattern in patterns:
            if not isinstance(pattern, list) or not pattern:
                return None
            bits = []
            for spec in pattern:
                if set(spec) - set(_READ):
                    return None  # an operator ("OP") or another attribute
                if not all(field.add(bit, spec.get(name)) for name, field in zip(_READ, fields)):
                    return None
                bits.append(bit)
                bit <<= 1
            rules.append(_Rule(order, tuple(bits), index if index >= 0 else len(bits) + index, dict(attrs)))
    return rules, fields


class TokenAttributes:
    """What `ruler` and then `lemmatizer` would set, memoised (see the module's docstring)."""

    def __init__(self, ruler, lemmatizer, compiled: tuple[list[_Rule], list[_Field]]):
        self.lemmatizer = lemmatizer
        self.overwrite = bool(getattr(lemmatizer, "overwrite", False))
        rules, self.fields = compiled
        self.single = [r for r in rules if len(r.bits) == 1]
        self.multi = [r for r in rules if len(r.bits) > 1]
        self.single_mask = sum(r.bits[0] for r in self.single)
        self.first_mask = sum(r.bits[0] for r in self.multi)
        self._field_bits: list[dict[int, int]] = [{} for _ in _READ]
        self._folded: dict[int, tuple[dict, tuple[_Rule, ...]]] = {}
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def _bits(self, k: int, value: int, strings) -> int:
        found = self.fields[k].bits(bool(value) if _READ[k] == "IS_SPACE" else strings[value])
        self._field_bits[k][value] = found
        return found

    def _fold(self, bits: int) -> tuple[dict, tuple[_Rule, ...]]:
        """The attributes of the one-token rules of `bits`, applied in order, and those rules."""
        matched = tuple(r for r in self.single if r.bits[0] & bits)
        folded: dict[int, int] = {}
        for rule in matched:
            folded.update(rule.attrs)
        self._folded[bits] = (folded, matched)
        return self._folded[bits]

    def _multi_matches(self, bits: list[int]) -> dict[int, list[_Rule]]:
        """The rules of several tokens that match, by the token they give attributes to."""
        extra: dict[int, list[_Rule]] = {}
        n = len(bits)
        for start in [i for i, b in enumerate(bits) if b & self.first_mask]:
            for rule in self.multi:
                width = len(rule.bits)
                if start + width <= n and all(bits[start + j] & rule.bits[j] for j in range(width)):
                    extra.setdefault(start + rule.index, []).append(rule)
        return extra

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        strings = doc.vocab.strings
        table = doc.to_array([LOWER, TAG, DEP, IS_SPACE, ORTH, POS, MORPH, LEMMA])
        bits = []
        (lowers, tags, deps, spaces), field_bits = self._field_bits, self._bits
        for lower, tag, dep, space in table[:, :4].tolist():
            found = lowers.get(lower)
            if found is None:
                found = field_bits(0, lower, strings)
            found &= tags.get(tag) or field_bits(1, tag, strings)
            found &= deps.get(dep) or field_bits(2, dep, strings)
            found &= spaces.get(space) or field_bits(3, space, strings)
            bits.append(found)
        extra = self._multi_matches(bits) if self.first_mask else {}
        orths, old = table[:, 4].tolist(), table[:, 5:8].tolist()
        out = numpy.empty((len(doc), 3), dtype="uint64")
        lemmas, lemmatize, overwrite = self._lemmas, self.lemmatizer.lemmatize, self.overwrite
        folds, single_mask = self._folded, self.single_mask
        for i, token_bits in enumerate(bits):
            key = token_bits & single_mask
            folded, matched = folds.get(key) or self._fold(key)
            if i in extra:
                folded = {}
                for rule in sorted([*matched, *extra[i]], key=lambda r: r.order):
                    folded.update(rule.attrs)
            pos, morph, lemma = (folded.get(POS, old[i][0]), folded.get(MORPH, old[i][1]),
                                 folded.get(LEMMA, old[i][2]))
            if TAG in folded or DEP in folded:  # white space re-tagged: as the ruler sets it
                set_token_attrs(doc[i], {a: v for a, v in folded.items() if a in (TAG, DEP)})
            if overwrite or lemma == 0:
                found = lemmas.get((orths[i], pos, morph))
                if found is None:
                    token = doc[i]
                    set_token_attrs(token, {POS: pos, MORPH: morph})  # what the lemmatizer reads
                    found = strings.add(lemmatize(token)[0])
                    if len(lemmas) > _MAX_CACHED:
                        lemmas.clear()
                    lemmas[(orths[i], pos, morph)] = found
                lemma = found
            out[i] = (pos, morph, lemma)
        doc.from_array([POS, MORPH, LEMMA], out)
        return doc


@Language.factory(NAME, assigns=["token.pos", "token.morph", "token.lemma"], default_config={})
def make_token_attributes(nlp: Language, name: str) -> TokenAttributes:
    ruler, lemmatizer = nlp.get_pipe(RULER), nlp.get_pipe(LEMMATIZER)
    return TokenAttributes(ruler, lemmatizer, _rules(ruler) or ([], [_Field() for _ in _READ]))


def install(nlp: Language) -> bool:
    """Put the memoised component in place of the model's attribute ruler and lemmatizer (they
    stay in the pipeline, disabled); False, with the pipeline unchanged, when the model lacks
    either, has them apart, or its ruler has a pattern the memo cannot read."""
    names = nlp.pipe_names
    if RULER not in names or LEMMATIZER not in names or NAME in names:
        return False
    if names.index(LEMMATIZER) != names.index(RULER) + 1:
        return False
    lemmatizer = nlp.get_pipe(LEMMATIZER)
    if getattr(lemmatizer, "mode", None) not in ("rule", "lookup") or _rules(nlp.get_pipe(RULER)) is None:
        return False
    nlp.add_pipe(NAME, after=LEMMATIZER)
    nlp.disable_pipe(RULER)
    nlp.disable_pipe(LEMMATIZER)
    return True
