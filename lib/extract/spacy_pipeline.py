"""Loading the spaCy pipeline the project uses: the configured model, the lexicon entities (place
and actor lexicons before its `ner`, and the timex component. For speed, with the same output: the
model's matrices multiplied by numpy's BLAS on one thread (CTE_SPACY_MATMUL), and its attribute
ruler and lemmatizer replaced by one memoised component (lib.extract.attributes).

>>> nlp = load_pipeline()  # doctest: +SKIP
>>> nlp.pipe_names[-3:]  # doctest: +SKIP
['lexicon_ruler', 'ner', 'timex']
>>> [(e.text, e.label_, e.ent_id_) for e in nlp("HTS fighters entered Deir el-Zour.").ents]  # doctest: +SKIP
[('HTS', 'ORG', 'Hayat Tahrir al-Sham'), ('Deir el-Zour', 'GPE', 'Deir ez-Zor')]
"""
from __future__ import annotations

import contextlib
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import spacy
from spacy.language import Language

import lib.extract.sentences  # noqa: F401  (registers the "line_breaks" component)
from lib.extract import attributes
import lib.temporal.component  # noqa: F401  (registers the "timex" factory)
import lib.extract.entities  # noqa: F401  (registers the "lexicon_entities" factory)
from lib.settings import Settings

LEXICON_RULER = "lexicon_ruler"


class ModelNotFound(RuntimeError):
    """The configured spaCy model is not installed."""


def load_pipeline(model: str | None = None, timex: bool = True, lexicon: bool = True, *,
                  lexicon_dir: str | Path | None = None,
                  exclude: Sequence[str] | None = None, memoised: bool = True,
                  matmul: str | None = None) -> Language:
    """The spaCy pipeline named by `model` (default: the CTE_SPACY_MODEL setting), with an entity
    ruler named "lexicon_ruler" holding the place and actor lexicons (of the CTE_LEXICON_DIR setting)
    before `ner` when `lexicon` is true, and the timex component added last when `timex` is true.
    `lexicon_dir` overrides the folder of the lexicons. `exclude`: the model's components not to
    load at all (spacy.load's `exclude`), e.g. ("ner",) when the lexicon entities are all that
    extraction reads; default: the CTE_SPACY_EXCLUDE setting, none unless set. `memoised`: the
    model's attribute ruler and lemmatizer replaced by one memoised component giving the same
    attributes (lib.extract.attributes); false keeps them as the model has them. `matmul`: who
    multiplies the model's matrices, "numpy" or "blis" (default: the CTE_SPACY_MATMUL setting)."""
    settings = Settings.from_env()
    name = model or settings.spacy_model
    exclude = settings.spacy_exclude if exclude is None else exclude
    try:
        with _matmul(matmul or settings.spacy_matmul):
            nlp = spacy.load(name, exclude=list(exclude))
    except OSError as error:
        raise ModelNotFound(
            f"spaCy model {name!r} is not installed: install it with pip or set CTE_SPACY_MODEL "
            f"to an installed pipeline ({error})") from error
    if memoised:
        attributes.install(nlp)
    if "line_breaks" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("line_breaks", before="parser")
    if lexicon and LEXICON_RULER not in nlp.pipe_names:
        # before ner, so the statistical model keeps the lexicon's entities and labels the rest
        placement = {"before": "ner"} if "ner" in nlp.pipe_names else {}
        config = {"directory": str(lexicon_dir)} if lexicon_dir is not None else {}
        nlp.add_pipe("lexicon_entities", name=LEXICON_RULER, config=config, **placement)
    if timex and "timex" not in nlp.pipe_names:
        nlp.add_pipe("timex")
    return nlp


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
