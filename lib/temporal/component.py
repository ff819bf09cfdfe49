"""The tagger as a spaCy component: writes every timex to `doc.spans["timex"]`.

The publication date comes from `doc._.dct` (set it before the pipeline runs, or pass it through
`nlp.pipe(..., component_cfg)`), else from the component's `dct` setting. Each span's label is the
TIMEX3 type and `span._.timex` holds the full Timex (value, mod, anchor, rule).

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("timex", config={"dct": "2024-12-06"})
>>> doc = nlp("Hama fell on Thursday.")
>>> [(span.text, span.label_, span._.timex.value) for span in doc.spans["timex"]]
[('Thursday', 'DATE', '2024-12-05')]
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from lib.temporal.tagger import tag

SPANS_KEY = "timex"
TEXT_KEY = "cte_text"  # doc.user_data: the string the doc was made from, when its maker kept it there

if not Doc.has_extension("dct"):
    Doc.set_extension("dct", default=None)
if not Span.has_extension("timex"):
    Span.set_extension("timex", default=None)


def doc_text(doc: Doc) -> str:
    """`doc.text`, read from `doc.user_data[TEXT_KEY]` when the doc's maker kept the string there
    (`doc.text` joins a Token a word: ~0.25 ms for a 450-word article, asked for by several steps)."""
    text = doc.user_data.get(TEXT_KEY)
    return text if text is not None else doc.text


class TimexComponent:
    def __init__(self, dct: str | None = None):
        self.dct = dct or None

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for timex in tag(doc_text(doc), doc._.dct or self.dct):
            span = doc.char_span(timex.start, timex.end, label=timex.type, alignment_mode="expand")
            if span is None:
                continue
            span._.timex = timex
            spans.append(span)
        doc.spans[SPANS_KEY] = spans
        return doc


@Language.factory("timex", assigns=["doc.spans"], default_config={"dct": None})
def make_timex(nlp: Language, name: str, dct: str | None) -> TimexComponent:
    return TimexComponent(dct)
