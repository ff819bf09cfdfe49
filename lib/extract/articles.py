"""Running the NLP over articles: the spaCy pipeline once per article, timexes and mentions out.

>>> from lib.corpus import Article
>>> article = Article("a1", "", "Wire", "", "2024-12-06", "metadata", "Rebels captured Hama on Thursday.")
>>> [(a.id, [t.value for t in timexes], [m.place for m in mentions])
...  for a, timexes, mentions in analyse([article])]  # doctest: +SKIP
[('a1', ['2024-12-05'], ['Hama'])]

On several cores (`workers`, or `lib.extract.parallel.using(workers=N)` around the caller) the
articles go to a pool of processes, each with its own pipeline (lib.extract.parallel); under
`using(engine=...)` to that engine (lib.extract.dask_engine). The output is the same.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from lib.corpus import Article
from lib.corpus.boilerplate import strip_boilerplate
from lib.extract import parallel
from lib.extract.mentions import mentions_in, sentence_model
from lib.model import Mention
from lib.extract.spacy_pipeline import load_pipeline
from lib.temporal import Timex
from lib.temporal.component import SPANS_KEY, TEXT_KEY
from lib.temporal.spans import day_of

BATCH_SIZE = 16
# The parser parses its batch a quarter at a time, every doc of a quarter a step at a time, with
# one small matrix product a step: with 64 (10 docs a quarter in the cost benchmark, 10 articles a
# call) instead of BATCH_SIZE (4 a quarter) the extraction took ~7% less CPU (fakes-dev's first 40
# dev articles, paired over 5 rounds), every parse the same
# (Parsing only the sentences that can carry a mention was measured and dropped: those with a
# trigger lemma or a lexicon entity hold 94% of the words of fakes-dev's first 40 dev articles;
# those with neither a trigger word, a digit, a timex nor a lexicon entity 3.5% of the tokens, and
# leaving them out changes what tok2vec and the parser read around them.)
PARSER_BATCH = 64
COMPONENT_CFG = {"parser": {"batch_size": PARSER_BATCH}}  # nlp.pipe's, per component


def analyse(articles: Sequence[Article], nlp: Language | None = None, *,
            lexicon_dir: str | Path | None = None,
            workers: int | None = None) -> Iterator[tuple[Article, list[Timex], list[Mention]]]:
    """Each article with its timexes and mentions, in the order given (the model loads lazily).
    `lexicon_dir`: the folder of the lexicons (default: the CTE_LEXICON_DIR setting). The
    publication day is worked out once per article, for the tagger and the mentions alike.
    `workers`: processes to analyse on (default: as set by `parallel.using`, else 1); a pool
    starts only when there are enough articles to pay for it, and loads its own pipelines.
    Boilerplate lines (menus, image names, link lists, credits) are blanked before parsing, so
    they give no timexes or mentions and every offset is still one into `article.text`."""
    if not articles:
        return
    engine = parallel.configured_engine() if workers is None else None
    if engine is not None:
        yield from engine.analyse(articles, lexicon_dir)
        return
    workers = parallel.configured_workers() if workers is None else workers
    if parallel.worth_parallel(len(articles), workers):
        yield from parallel.analyse_parallel(articles, workers, lexicon_dir=lexicon_dir)
        return
    nlp = nlp or load_pipeline(lexicon_dir=lexicon_dir)
    dcts = [day_of(article.published) for article in articles]

    # the docs made as the pipe asks for them: no Doc outlives its article's analysis
    docs = (article_doc(nlp, article, dct) for article, dct in zip(articles, dcts))
    model = sentence_model.loaded()  # the setting read, and the model file checked, once a run
    parsed = nlp.pipe(docs, batch_size=BATCH_SIZE, component_cfg=COMPONENT_CFG)
    for article, dct, doc in zip(articles, dcts, parsed):
        yield article, *article_output(doc, article, dct, model, lexicon_dir=lexicon_dir)


def article_doc(nlp: Language, article: Article, dct: str) -> Doc:
    """The Doc the pipeline reads for `article` (boilerplate blanked, `dct` its publication day)."""
    text = strip_boilerplate(article.text)
    doc = nlp.make_doc(text)
    doc._.dct = dct or None
    doc.user_data[TEXT_KEY] = text  # what doc.text would join again from its Tokens
    return doc


def article_output(doc: Doc, article: Article, dct: str, model, *,
                   lexicon_dir: str | Path | None = None) -> tuple[list[Timex], list[Mention]]:
    """The timexes and mentions of `article` from its Doc, once the pipeline has run over it
    (`model`: the sentence model, `sentence_model.loaded()`)."""
    timexes = [span._.timex for span in doc.spans[SPANS_KEY]]
    found = mentions_in(doc, article, timexes, dct=dct, lexicon_dir=lexicon_dir)
    return timexes, sentence_model.revise(doc, article, timexes, dct, found, model)
