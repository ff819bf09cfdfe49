"""The examples of the mention lexicons (data/lexicon/mention_examples.tsv), each run as an article."""
from __future__ import annotations

import csv
import io

import pytest

from lib.corpus import Article
from lib.extract.articles import analyse
from lib.settings import DATA_DIR

EXAMPLES = DATA_DIR / "lexicon" / "mention_examples.tsv"


def _examples() -> list[dict[str, str]]:
    lines = [line for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE))


def _pairs(expect: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    wanted, unwanted = [], []
    for part in expect.split("; "):
        negated = part.startswith("no ")
        field, _, value = part[3 if negated else 0:].partition("=")
        (unwanted if negated else wanted).append((field.strip(), value.strip()))
    return wanted, unwanted


def _has(mention, field: str, value: str) -> bool:
    actual = getattr(mention, field)
    return ("" if actual is None else str(actual)) == value


@pytest.mark.parametrize("example", _examples(), ids=lambda e: e["sentence"][:60])
def test_each_example_gives_its_mention(example, shared_nlp):
    article = Article("example", "", "Wire", "", example["published"], "metadata", example["sentence"])
    ((_, _, mentions),) = list(analyse([article], shared_nlp))
    if example["expect"] == "none":
        assert mentions == [], f"{example['shows']}: expected no mention"
        return
    wanted, unwanted = _pairs(example["expect"])
    assert any(all(_has(m, f, v) for f, v in wanted) for m in mentions), (
        f"{example['shows']}: no mention has {wanted}; got "
        f"{[{f: getattr(m, f) for f, _ in wanted} for m in mentions]}")
    assert not any(_has(m, f, v) for m in mentions for f, v in unwanted), example["shows"]


def test_every_word_list_has_an_example():
    from lib.extract.mentions.words import WORDS

    shown = " ".join(e["shows"] for e in _examples())
    missing = [name for name in ("hedges", "planning", "denials", "non_implicative", "abstract_subjects",
                                 "light_territory_verbs", "descriptive_deps") if name not in shown]
    assert not missing and set(WORDS) >= {"hedges", "planning"}


@pytest.mark.parametrize("between, toll", [(" ", 70), ("\n\n", None)])
def test_a_toll_told_after_a_strike_is_its_own_only_within_the_paragraph(between, toll, shared_nlp):
    """"Syrian jets struck al-Bab on Monday. The report said at least 70 militants were slain.": the
    next sentence's toll is the strike's; after a line break it is another paragraph's."""
    text = f"Syrian jets struck al-Bab on Monday.{between}The report said at least 70 militants were slain."
    article = Article("example", "", "Wire", "", "2017-01-10", "metadata", text)
    ((_, _, mentions),) = list(analyse([article], shared_nlp))
    struck = [m for m in mentions if m.trigger.startswith("struck")]
    assert struck and struck[0].fatalities == toll


@pytest.mark.parametrize("between, kept", [(" ", True), (".\n", False)])
def test_a_title_run_into_the_first_sentence_is_no_line_of_its_own(between, kept, shared_nlp):
    """A page's title run into the report's first sentence, no stop between ("Death toll from Aleppo
    bus convoy bomb attack at least 126 Observatory The death toll from a bomb attack ... has reached
    at least 126"): the mention its words give is that sentence's, kept with its toll though the body
    tells a blast later (assemble._without_headline). A title on a line of its own is dropped when
    the body tells its kind."""
    title = "Death toll from Aleppo bus convoy bomb attack at least 126 Observatory"
    text = (f"{title}{between}The death toll from a bomb attack on a crowded bus convoy outside Aleppo has "
            "reached at least 126 in the deadliest such incident in Syria in almost a year the Syrian Observatory "
            "said on Sunday. Rescue workers said they had taken away at least 100 bodies from the site of "
            "Saturdays blast which hit buses carrying Shiite residents.")
    article = Article("example", title, "Wire", "", "2017-04-16", "metadata", text)
    ((_, _, mentions),) = list(analyse([article], shared_nlp))
    in_title = [m for m in mentions if m.trigger_start < len(title)]
    assert bool(in_title) == kept
    assert any(m.fatalities == 126 for m in mentions)
