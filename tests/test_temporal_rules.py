"""Every example a rule carries in resources/rules.txt is run: the knowledge files test themselves."""
import pytest

from lib.temporal import tag
from lib.temporal.rules import load_rules, parse_rules

EXAMPLES = [(rule.name, example) for rule in load_rules() for example in rule.examples]


def test_every_rule_carries_an_example():
    assert [rule.name for rule in load_rules() if not rule.examples] == []


@pytest.mark.parametrize("rule_name,example", EXAMPLES,
                         ids=[f"{name}:{ex.text[ex.start:ex.end]}" for name, ex in EXAMPLES])
def test_rule_example(rule_name, example):
    timexes = tag(example.text, example.dct)
    at = [t for t in timexes if t.start <= example.start < t.end or example.start <= t.start < example.end]
    assert at, f"nothing found at {example.text[example.start:example.end]!r} in {timexes}"
    found = at[0]
    assert (found.start, found.end) == (example.start, example.end), found
    assert found.value == example.value, found
    assert found.rule == rule_name, found


COUNTERS = [(rule.name, text) for rule in load_rules() for text in rule.counters]


@pytest.mark.parametrize("rule_name,text", COUNTERS)
def test_rule_counter_example_finds_nothing(rule_name, text):
    assert tag(text, "2024-12-06") == []


def test_rule_names_are_unique():
    names = [rule.name for rule in load_rules()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("source,message", [
    ("rule: r\ntype: DATE\nvalue: x\nexample: a => b", "missing match"),
    ("rule: r\ntype: DATE\nmatch: {NOPE}\nvalue: x", "unknown sub-pattern"),
    ("rule: r\ntype: DATE\nmatch: (\nvalue: x", "bad pattern"),
    ("rule: r\ntype: DATE\nmatch: a\nvalue: x\nexample: no arrow", "malformed example"),
])
def test_a_broken_rule_file_says_what_is_wrong(source, message):
    with pytest.raises(ValueError, match=message):
        parse_rules(source)
