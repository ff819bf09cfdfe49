"""Loading the spaCy pipeline the project uses: the configured model plus the timex component.

>>> nlp = load_pipeline()  # doctest: +SKIP
>>> "timex" in nlp.pipe_names  # doctest: +SKIP
True
"""
from __future__ import annotations

import spacy
from spacy.language import Language

import lib.temporal.component  # noqa: F401  (registers the "timex" factory)
from lib.settings import Settings


class ModelNotFound(RuntimeError):
    """The configured spaCy model is not installed."""


def load_pipeline(model: str | None = None, timex: bool = True) -> Language:
    """The spaCy pipeline named by `model` (default: the CTE_SPACY_MODEL setting), with the timex
    component added last when `timex` is true."""
    name = model or Settings.from_env().spacy_model
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelNotFound(
            f"spaCy model {name!r} is not installed: install it with pip or set CTE_SPACY_MODEL "
            f"to an installed pipeline ({error})") from error
    if timex and "timex" not in nlp.pipe_names:
        nlp.add_pipe("timex")
    return nlp
