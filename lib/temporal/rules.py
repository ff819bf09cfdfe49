"""Loading the tagger's knowledge from its data files into compiled rules.

The files under `resources/` say their own format in their header; this module only reads them.

>>> rules = load_rules()
>>> rules[0].name, rules[0].type
('iso_datetime', 'TIME')
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent / "resources"
_REF = re.compile(r"\{([A-Za-z]+)(?:#(\d+))?\}")


@dataclass(frozen=True)
class Example:
    """One example a rule carries: text, the expression's extent in it, DCT and expected value."""

    text: str
    start: int
    end: int
    dct: str
    value: str


@dataclass(frozen=True)
class Rule:
    name: str
    type: str
    regex: re.Pattern
    value: str
    mod: str
    groups: tuple[tuple[str, str], ...]  # (group name in the regex, sub-pattern it came from)
    examples: tuple[Example, ...]
    counters: tuple[str, ...] = ()  # texts in which nothing may be found
    mode: str = ""  # "narrative" or "news" when the rule holds only in texts of that kind


@dataclass(frozen=True)
class SubPattern:
    name: str
    normaliser: str  # "table" or a name from patterns.tsv
    regex: str


def _data_lines(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line


@lru_cache(maxsize=1)
def vocab() -> dict[str, dict[str, str]]:
    """The normalisation tables of vocab.tsv: table -> lower-cased phrase -> value."""
    tables: dict[str, dict[str, str]] = {}
    for line in _data_lines(RESOURCES / "vocab.tsv"):
        table, phrase, value, *_ = line.split("\t")
        tables.setdefault(table, {})[_squash(phrase)] = value
    return tables


@lru_cache(maxsize=1)
def _cased_phrases() -> frozenset[tuple[str, str]]:
    cased = set()
    for line in _data_lines(RESOURCES / "vocab.tsv"):
        fields = line.split("\t")
        if len(fields) > 3 and fields[3] == "cased":
            cased.add((fields[0], fields[1]))
    return frozenset(cased)


def _squash(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def phrase_regex(phrase: str) -> str:
    """A phrase as a regex: spaces match any white space, "mid-" also matches "mid "."""
    parts = [re.escape(word) for word in phrase.split(" ")]
    return r"\s+".join(parts)


def table_regex(table: str) -> str:
    """The alternation of a vocab table's phrases, longest first, case-exact where flagged."""
    cased = _cased_phrases()
    phrases = sorted(vocab()[table], key=len, reverse=True)
    alternatives = []
    firsts = set()
    for phrase in phrases:
        if (table, phrase) in cased:  # only as a capitalised word: "May", not the modal "may"
            alternatives.append(f"(?-i:{phrase_regex(phrase[:1].upper() + phrase[1:])})")
            firsts.add(phrase[:1].upper())
        else:
            alternatives.append(phrase_regex(phrase))
            firsts.update((phrase[:1].lower(), phrase[:1].upper()))
    # A look-ahead on the possible first characters lets the matcher skip most positions at once.
    first = "".join(sorted(re.escape(c) for c in firsts))
    return f"(?=[{first}])(?:{'|'.join(alternatives)})"


@lru_cache(maxsize=1)
def sub_patterns() -> dict[str, SubPattern]:
    """Every named sub-pattern a rule may use: the vocab tables and the patterns.tsv entries."""
    found = {name.upper(): SubPattern(name.upper(), "table:" + name, table_regex(name))
             for name in vocab()}
    for line in _data_lines(RESOURCES / "patterns.tsv"):
        name, normaliser, regex = line.split("\t")
        regex = re.sub(r"\{([a-z]+)\}", lambda m: f"(?:{table_regex(m.group(1))})", regex)
        found[name] = SubPattern(name, normaliser, regex)
    return found


def _expand(pattern: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    subs = sub_patterns()
    groups: list[tuple[str, str]] = []

    def replace(match: re.Match) -> str:
        name, index = match.group(1), match.group(2)
        if name not in subs:
            raise ValueError(f"unknown sub-pattern {{{name}}}")
        group = name if index is None else f"{name}_{index}"
        groups.append((group, name))
        return f"(?P<{group}>{subs[name].regex})"

    regex = _REF.sub(replace, pattern)
    regex = regex.replace(" ?", r"\s*").replace(" ", r"\s+")
    return regex, tuple(groups)


_EXAMPLE = re.compile(r"^(?:\[(\d{4}-\d\d-\d\d)\]\s*)?(.*?)\s*=>\s*(\S+)$")


def _parse_example(line: str, default_dct: str) -> Example:
    match = _EXAMPLE.match(line)
    if not match:
        raise ValueError(f"malformed example: {line!r}")
    dct, text, value = match.group(1) or default_dct, match.group(2), match.group(3)
    if "[[" in text:
        start = text.index("[[")
        end = text.index("]]") - 2
        text = text.replace("[[", "", 1).replace("]]", "", 1)
    else:
        start, end = 0, len(text)
    return Example(text, start, end, dct, value)


def parse_rules(source: str, default_dct: str = "2024-12-06") -> list[Rule]:
    """Parse the block format of rules.txt (see its header) into compiled rules."""
    rules = []
    for block in re.split(r"\n\s*\n", source):
        lines = [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
        if not lines:
            continue
        fields: dict[str, str] = {}
        examples, counters = [], []
        for line in lines:
            key, _, value = line.partition(":")
            key, value = key.strip(), value.strip()
            if key == "example":
                examples.append(_parse_example(value, default_dct))
            elif key == "counter":
                counters.append(value)
            else:
                fields[key] = value
        name = fields.get("rule", "?")
        missing = {"rule", "type", "match", "value"} - fields.keys()
        if missing:
            raise ValueError(f"rule {name}: missing {', '.join(sorted(missing))}")
        regex, groups = _expand(fields["match"])
        try:
            compiled = re.compile(regex, re.IGNORECASE)
        except re.error as error:
            raise ValueError(f"rule {name}: bad pattern: {error}") from error
        rules.append(Rule(name, fields["type"], compiled, fields["value"], fields.get("mod", ""),
                          groups, tuple(examples), tuple(counters), fields.get("mode", "")))
    return rules


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    """The rules of resources/rules.txt, compiled, in priority order."""
    return tuple(parse_rules((RESOURCES / "rules.txt").read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def tense_cues() -> tuple[tuple[str, str], ...]:
    """(direction, phrase) pairs of cues.tsv."""
    return tuple(tuple(line.split("\t")[:2]) for line in _data_lines(RESOURCES / "cues.tsv"))
