"""Running the NLP over articles: the spaCy pipeline once per article, timexes and mentions out.

>>> from lib.corpus import Article
>>> article = Article("a1", "", "Wire", "", "2024-12-06", "metadata", "Rebels captured Hama on Thursday.")
>>> [(a.id, [t.value for t in timexes], [m.place for m in mentions])
...  for a, timexes, mentions in analyse([article])]  # doctest: +SKIP
[('a1', ['2024-12-05'], ['Hama'])]
"""
from __future__ import annotations

from typing import Iterator, Sequence

from spacy.language import Language

from lib.corpus import Article
from lib.mentions import mentions_in
from lib.model import Mention
from lib.nlp import load_pipeline
from lib.temporal import Timex
from lib.temporal.component import SPANS_KEY

BATCH_SIZE = 16


def analyse(articles: Sequence[Article], nlp: Language | None = None
            ) -> Iterator[tuple[Article, list[Timex], list[Mention]]]:
    """Each article with its timexes and mentions, in the order given (the model loads lazily)."""
    if not articles:
        return
    nlp = nlp or load_pipeline()
    docs = []
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.dct = article.published[:10] if article.published else None
        docs.append(doc)
    for article, doc in zip(articles, nlp.pipe(docs, batch_size=BATCH_SIZE)):
        timexes = [span._.timex for span in doc.spans[SPANS_KEY]]
        yield article, timexes, mentions_in(doc, article, timexes)
