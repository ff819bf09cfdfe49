"""Only the components extraction uses: without the model's `ner` (the lexicon entities mark the
places and actors) the seeds give the same mentions and events; `CTE_SPACY_EXCLUDE` says so. The
memoised attribute ruler and lemmatizer (lib.extract.attributes) give what the model's own give."""
from __future__ import annotations

import pytest

from lib.corpus import Article, read_articles
from lib.extract.events import consolidate
from lib.extract.spacy_pipeline import load_pipeline
from lib.settings import DATA_DIR, Settings


def extraction(exclude: tuple[str, ...], memoised: bool = True, ner_scope: str = "doc"):
    from lib.extract.articles import analyse

    seeds = [a for a in read_articles([DATA_DIR / "corpus"]) if isinstance(a, Article)]
    nlp = load_pipeline(exclude=exclude, memoised=memoised, ner_scope=ner_scope)
    results = [(a.id, timexes, mentions) for a, timexes, mentions in analyse(seeds, nlp, workers=1)]
    mentions = [m for _, _, article_mentions in results for m in article_mentions]
    return nlp.pipe_names, results, mentions, consolidate(mentions)


@pytest.mark.parametrize("excluded", [("ner",)])
def test_without_the_components_the_output_is_the_same(excluded):
    names, results, mentions, events = extraction(())
    names_without, results_without, mentions_without, events_without = extraction(excluded)
    assert set(excluded) <= set(names) and not set(excluded) & set(names_without)
    assert mentions and events
    assert results_without == results
    assert mentions_without == mentions
    assert events_without == events


def test_the_memoised_attributes_give_the_same_output():
    names, results, mentions, events = extraction((), memoised=False)
    names_memoised, results_memoised, _, events_memoised = extraction(())
    assert "lemmatizer" in names and "lemmatizer" not in names_memoised
    assert results_memoised == results and events_memoised == events


def test_the_setting_lists_the_components_to_exclude():
    assert Settings.from_env({}).spacy_exclude == ()
    assert Settings.from_env({"CTE_SPACY_EXCLUDE": "ner, lemmatizer"}).spacy_exclude == ("ner", "lemmatizer")


def test_the_ner_on_names_gives_the_seeds_the_same_output():
    _, results, _, events = extraction(())
    names, results_names, _, events_names = extraction((), ner_scope="names")
    assert "ner_on_names" in names and "ner" not in names
    assert results_names == results and events_names == events


def test_the_name_rules_give_the_seeds_the_same_output():
    _, results, _, events = extraction(())
    names, results_rules, _, events_rules = extraction((), ner_scope="rules")
    assert "name_rules" in names and "ner" not in names
    assert results_rules == results and events_rules == events
