"""Loading the spaCy pipeline the project uses: the configured model, the lexicon entities (place
and actor lexicons before its `ner`, and the timex component. For speed, with the same output: the
model's matrices multiplied by numpy's BLAS on one thread (CTE_SPACY_MATMUL), and its attribute
ruler and lemmatizer replaced by one memoised component (lib.extract.attributes). And by default
(CTE_NER_SCOPE=rules) the model's `ner` is not loaded: the names the lexicon entities leave are
labelled by rules on the parse (lib.extract.names, ~0.89x the CPU of the pipeline with the `ner` on
names; fakes-dev dev recall 446 -> 453 of 647, README Benchmarks). CTE_NER_SCOPE=names runs the
`ner` only around the words that may begin a name (`NamesNer`, the default before), `doc` on every word.

>>> nlp = load_pipeline()  # doctest: +SKIP
>>> nlp.pipe_names[-3:]  # doctest: +SKIP
['lexicon_ruler', 'timex', 'name_rules']
>>> [(e.text, e.label_, e.ent_id_) for e in nlp("HTS fighters entered Deir el-Zour.").ents]  # doctest: +SKIP
[('HTS', 'ORG', 'Hayat Tahrir al-Sham'), ('Deir el-Zour', 'GPE', 'Deir ez-Zor')]
"""
from __future__ import annotations

import contextlib
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import numpy
import spacy
from spacy import symbols
from spacy.attrs import ENT_IOB, ENT_TYPE, NORM, ORTH, POS, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

import lib.extract.sentences  # noqa: F401  (registers the "line_breaks" component)
from lib.extract import attributes
import lib.temporal.component  # noqa: F401  (registers the "timex" factory)
import lib.extract.entities  # noqa: F401  (registers the "lexicon_entities" factory)
import lib.extract.acronyms  # noqa: F401  (registers the "acronym_norms" component)
from lib.extract.names import NAME_RULES  # (importing it registers the component)
from lib.settings import Settings

LEXICON_RULER = "lexicon_ruler"


class ModelNotFound(RuntimeError):
    """The configured spaCy model is not installed."""


def load_pipeline(model: str | None = None, timex: bool = True, lexicon: bool = True, *,
                  lexicon_dir: str | Path | None = None,
                  exclude: Sequence[str] | None = None, memoised: bool = True,
                  matmul: str | None = None, ner_scope: str | None = None) -> Language:
    """The spaCy pipeline named by `model` (default: the CTE_SPACY_MODEL setting), with an entity
    ruler named "lexicon_ruler" holding the place and actor lexicons (of the CTE_LEXICON_DIR setting)
    before `ner` when `lexicon` is true, and the timex component added last when `timex` is true.
    `lexicon_dir` overrides the folder of the lexicons. `exclude`: the model's components not to
    load at all (spacy.load's `exclude`), e.g. ("ner",) when the lexicon entities are all that
    extraction reads; default: the CTE_SPACY_EXCLUDE setting, none unless set. `memoised`: the
    model's attribute ruler and lemmatizer replaced by one memoised component giving the same
    attributes (lib.extract.attributes); false keeps them as the model has them. `matmul`: who
    multiplies the model's matrices, "numpy" or "blis" (default: the CTE_SPACY_MATMUL setting).
    `ner_scope`: where the model's `ner` runs, "doc" (every word) or "names" (NamesNer), or
    "rules": not loaded, the names the lexicon entities leave labelled by rules on the parse
    (lib.extract.names, added last); default: the CTE_NER_SCOPE setting."""
    settings = Settings.from_env()
    name = model or settings.spacy_model
    exclude = settings.spacy_exclude if exclude is None else exclude
    scope = ner_scope or settings.ner_scope
    if scope == "rules":
        exclude = (*exclude, "ner")  # the rules of lib.extract.names label what the ner would
    try:
        with _matmul(matmul or settings.spacy_matmul):
            nlp = spacy.load(name, exclude=list(exclude))
    except OSError as error:
        raise ModelNotFound(
            f"spaCy model {name!r} is not installed: install it with pip or set CTE_SPACY_MODEL "
            f"to an installed pipeline ({error})") from error
    if memoised:
        attributes.install(nlp)
    if lexicon and "acronym_norms" not in nlp.pipe_names:
        nlp.add_pipe("acronym_norms", first=True)  # before tok2vec reads the words' norms
    if "line_breaks" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("line_breaks", before="parser")
    if lexicon and LEXICON_RULER not in nlp.pipe_names:
        # before ner, so the statistical model keeps the lexicon's entities and labels the rest
        placement = {"before": "ner"} if "ner" in nlp.pipe_names else {}
        config = {"directory": str(lexicon_dir)} if lexicon_dir is not None else {}
        nlp.add_pipe("lexicon_entities", name=LEXICON_RULER, config=config, **placement)
    if scope == "names" and "ner" in nlp.pipe_names and NAMES_NER not in nlp.pipe_names:
        nlp.add_pipe(NAMES_NER, after="ner")
        nlp.disable_pipe("ner")
    if timex and "timex" not in nlp.pipe_names:
        nlp.add_pipe("timex")
    if scope == "rules" and lexicon and NAME_RULES not in nlp.pipe_names:
        nlp.add_pipe(NAME_RULES)  # last: it reads the parse
    return nlp


NAMES_NER = "ner_on_names"
NAME_CONTEXT = 2  # words each side of a possible name that the ner reads with it
FUNCTION_WORDS = frozenset({"DET", "PRON", "ADP", "AUX", "CCONJ", "SCONJ", "PART"})
_FUNCTION_POS = frozenset(int(symbols.IDS[pos]) for pos in FUNCTION_WORDS)
_FUNCTION_POS_IDS = numpy.array(sorted(_FUNCTION_POS), dtype="uint64")


def may_begin_name(word: str, pos: str) -> bool:
    """Whether a word outside the lexicon's entities may begin a name the ner should read: a
    capital or a digit first, unless the word is a function word (FUNCTION_WORDS), capitalised for
    its place in the sentence rather than for a name ("The", "In", "He", "But" opening it; the words
    after it are read with it when they begin a name themselves).

    >>> may_begin_name("Hama", "PROPN"), may_begin_name("Rebels", "NOUN"), may_begin_name("12", "NUM")
    (True, True, True)
    >>> may_begin_name("The", "DET"), may_begin_name("Among", "ADP"), may_begin_name("rebels", "NOUN")
    (False, False, False)
    """
    first = word[:1]
    return (first.isupper() or first.isdigit()) and pos not in FUNCTION_WORDS


class NamesNer:
    """The model's `ner` run only where its entities are read: around the words that may begin a
    name (`may_begin_name`) outside the lexicon's and gazetteer's entities, with NAME_CONTEXT
    words each side; entities of the rest of the text (common words) changed nothing extraction
    gives in the dev articles, and the ner's cost is per word. Each stretch is a sentence of one
    Doc an article, so no entity runs from one into the next; its entities are copied back.
    (Numbers as name starts were measured: 19% of the words the ner reads in fakes-dev's first 40
    dev articles; without them the mentions of 3 of its 260 dev articles change, so they stay.)"""

    def __init__(self, ner, context: int = NAME_CONTEXT):
        self.ner = ner
        self.context = context
        self._begins: dict[int, bool] = {}  # token text (orth id) -> may it begin a name

    def __call__(self, doc: Doc) -> Doc:
        self._annotate([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            self._annotate(batch)
            yield from batch

    def _annotate(self, docs: list[Doc]) -> None:
        parts = [self._stretches(doc) for doc in docs]
        found = iter(self.ner.pipe([part for part, _ in parts if part is not None]))
        for doc, (part, rows) in zip(docs, parts):
            if part is None:
                continue
            part = next(found)
            new = [Span(doc, rows[e.start], rows[e.end - 1] + 1, label=e.label) for e in part.ents
                   if doc[rows[e.start]].ent_iob == 0]  # the lexicon's entities were kept as they were
            doc.set_ents(sorted([*doc.ents, *new], key=lambda span: span.start), default="outside")

    def _stretches(self, doc: Doc) -> tuple[Doc | None, numpy.ndarray]:
        """The stretches of `doc` the ner reads as one Doc (None when there are none), and the
        doc position of each of its tokens."""
        table = doc.to_array([ORTH, SPACY, NORM, ENT_IOB, ENT_TYPE, SENT_START, POS])
        if not len(doc):
            return None, numpy.zeros(0, dtype=int)
        strings, begins = doc.vocab.strings, self._begins
        seeds = numpy.zeros(len(doc) + 2 * self.context, dtype=bool)
        # the words outside the lexicon's entities that are no function words, each text judged once
        open_words = numpy.flatnonzero((table[:, 3] == 0) & ~numpy.isin(table[:, 6], _FUNCTION_POS_IDS))
        orths = table[open_words, 0].tolist()
        for orth in set(orths).difference(begins):
            begins[orth] = may_begin_name(strings[orth], "")
        seeds[open_words + self.context] = [begins[orth] for orth in orths]
        window = numpy.convolve(seeds, numpy.ones(2 * self.context + 1, dtype=int), mode="valid") > 0
        rows = numpy.flatnonzero(window)
        if not len(rows):
            return None, rows
        picked = table[rows]
        first = numpy.ones(len(rows), dtype=bool)
        first[1:] = rows[1:] != rows[:-1] + 1  # where a stretch begins
        picked[first & (picked[:, 3] == 1), 3] = 3  # an entity cut at a stretch's start begins there
        picked[first, 5] = 1
        part = Doc(doc.vocab, words=[strings[o] for o in picked[:, 0].tolist()],
                   spaces=[bool(x) for x in picked[:, 1].tolist()])
        part.from_array([NORM, ENT_IOB, ENT_TYPE, SENT_START], picked[:, 2:6])
        return part, rows


@Language.factory(NAMES_NER, assigns=["doc.ents"])
def make_names_ner(nlp: Language, name: str) -> NamesNer:
    return NamesNer(nlp.get_pipe("ner"))


def _matmul(who: str):
    """The context the model is built in: numpy's BLAS on one thread for "numpy" (thinc's blis
    gemm runs at ~10 GFLOPS on this machine, numpy's OpenBLAS at ~35 on one thread; the tags,
    parses and entities came out the same on the seeds and the 260 dev articles of fakes-dev),
    thinc's own ops for "blis"."""
    if who != "numpy":
        return contextlib.nullcontext()
    _one_blas_thread()
    from thinc.api import use_ops

    return use_ops("numpy", use_blis=False)


@lru_cache(maxsize=1)
def _one_blas_thread() -> None:
    """One BLAS thread in this process: its cores are the pool's to use (lib.extract.parallel),
    and a second thread would only spin."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
