"""Boilerplate lines (menus, image file names, link lists, photo credits, share buttons) dropped
before extraction, by the rules of data/corpus-rules/boilerplate.tsv; offsets stay valid."""
from __future__ import annotations

import pytest

from lib.corpus.boilerplate import boilerplate_lines, rules, strip_boilerplate
from lib.corpus.readers import html_article

RULES = rules()


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_every_rule_drops_its_example(rule):
    lines = [line for line in rule.example.splitlines() if line.strip()]
    dropped = boilerplate_lines(rule.example)
    assert [d.text for d in dropped] == lines
    assert rule.name in {d.rule for d in dropped}


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_no_rule_drops_the_story_lines_it_keeps(rule):
    text = rule.keep
    if rule.applies == "item":  # read after the list's opener
        text = rule.example.splitlines()[0] + "\n" + rule.keep
    kept = [d for d in boilerplate_lines(text) if d.text in rule.keep.splitlines()]
    assert kept == []


@pytest.mark.parametrize("text, dropped", [
    ("Rebels took Hama.\nShare this\nThe army withdrew.", ["Share this"]),
    ("Read more\nRebels took Hama.", ["Read more"]),
    # a link list runs until the first line of prose
    ("More on Syria\nRebels reach Homs\nIran pulls out\n\"We will not leave,\" he said.",
     ["More on Syria", "Rebels reach Homs", "Iran pulls out"]),
    # a short headline alone is no menu; three one-word lines are
    ("Iran begins evacuating\nIran began evacuating its commanders on Friday.", []),
    ("Home\nWorld\nSport\nRebels took Hama.", ["Home", "World", "Sport"]),
    ("A fighter near Hama on Wednesday. Credit... Omar Haj Kadour/AFP\nRebels took Hama.",
     ["A fighter near Hama on Wednesday. Credit... Omar Haj Kadour/AFP"]),
    # an article on one line is never dropped, whatever it ends with
    ("Rebels took Hama on Thursday after days of fighting, the monitor said. " * 8 + "Photo: AFP", []),
])
def test_lines_dropped(text, dropped):
    assert [line.text for line in boilerplate_lines(text)] == dropped


def test_blanking_keeps_every_offset():
    text = "Share this\r\nRebels took Hama on Thursday.\n06iran-mobileMasterAt3x.jpg\nThe army withdrew."
    stripped = strip_boilerplate(text)
    assert len(stripped) == len(text)
    for word in ("Rebels took Hama on Thursday.", "The army withdrew."):
        assert stripped[text.index(word):text.index(word) + len(word)] == word
    assert "Share" not in stripped and "jpg" not in stripped
    assert stripped.count("\n") == text.count("\n")


def test_text_from_html_goes_through_the_same_rules():
    page = ("<html><head><title>Rebels enter Homs</title></head><body><article>"
            "<p>Rebels said on Saturday they had entered Homs after government forces withdrew.</p>"
            "<p>Share this</p><p>homs-rebels-mobileMasterAt3x.jpg</p>"
            "<p>The Syrian Observatory said Kurdish-led forces had taken Deir al-Zour.</p>"
            "</article></body></html>")
    article = html_article(page, path="page.html", default_id="page")
    stripped = strip_boilerplate(article.text)
    assert "Rebels said on Saturday" in stripped and "Deir al-Zour" in stripped
    assert "Share this" not in stripped and "MasterAt3x" not in stripped


def test_the_bundled_copy_loses_its_image_names_and_sidebar():
    from lib.bench.seeds import seed_articles
    copy = next(a for a in seed_articles() if a.id.startswith("001"))
    stripped = strip_boilerplate(copy.text)
    assert "MasterAt3x" not in stripped and "More on the Middle East" not in stripped
    assert "Iran began evacuating its commanders" in stripped
