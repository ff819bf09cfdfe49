"""Phase one: find temporal expressions and give each an underspecified value template.

Nothing here looks at the publication date: a candidate says what an expression means
("the Friday before or after the anchor", "the week before the anchor"), not which day that is.

>>> [(c.text, c.template, c.rule) for c in find_candidates("They fled on Friday, a day earlier.")]
[('Friday', 'weekday(5)', 'weekday'), ('a day earlier', 'refoffset(1,D,earlier)', 'ref_offset')]
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

try:  # the parser of Python's own regular expressions
    import re._parser as _sre_parser, re._constants as _sre
except ImportError:  # Python < 3.11
    import sre_parse as _sre_parser, sre_constants as _sre  # type: ignore[no-redef]

from lib.temporal.rules import Rule, load_rules, sub_patterns, table_regex, vocab
from lib.temporal.scan import look_alikes, scanner


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    text: str
    type: str
    template: str
    mod: str
    rule: str
    priority: int
    mode: str = ""  # the kind of text the rule holds in, "" for any


def _year2(digits: str) -> str:
    value = int(digits)
    return str(2000 + value if value < 50 else 1900 + value)


def _decade(text: str) -> str:
    text = text.lower()
    if text[0].isdigit():
        return text[:3]
    if text.startswith("'"):
        return "19" + text[1]
    return "19" + vocab()["decadeword"][text]


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}


def _num(text: str) -> str:
    """A count as digits: "1,200" -> 1200, "3 1/2" -> 3.5, "twenty-four" -> 24, "several" -> X."""
    squashed = " ".join(text.lower().replace(",", "").split())
    if squashed[0].isdigit():
        if "/" in squashed:
            whole, fraction = squashed.split(" ")
            top, bottom = fraction.split("/")
            return f"{int(whole) + int(top) / int(bottom):g}"
        return squashed
    words = squashed.replace("-", " ").split()
    if len(words) > 1 and ("hundred" in words or "thousand" in words):
        return _compound(words)
    tens, _, unit = squashed.replace("-", " ").partition(" ")
    if tens in _TENS and unit:
        ones = vocab()["numword"].get(unit, "X")
        return str(_TENS[tens] + int(ones)) if ones.isdigit() else "X"
    return vocab()["numword"].get(squashed, "X")


def _compound(words: list[str]) -> str:
    """ "two thousand" -> 2000, "three hundred and fifty" -> 350, "a hundred" -> 100 (X when a
    word is not a number)."""
    total = current = 0
    for word in words:
        if word == "and":
            continue
        if word in ("hundred", "thousand"):
            current = max(current, 1) * (100 if word == "hundred" else 1000)
            if word == "thousand":
                total, current = total + current, 0
            continue
        value = vocab()["numword"].get(word, "X")
        if not value.isdigit():
            return "X"
        current += int(value)
    return str(total + current)


def _year(text: str) -> str:
    """A year as digits: "1996" as it is; read aloud, "nineteen ninety-six" -> 1996,
    "nineteen oh five" -> 1905, "two thousand and one" -> 2001."""
    if text[0].isdigit():
        return str(int(text))
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return str(2000 + (int(_num(" ".join(rest))) if rest else 0))
    century, rest = int(vocab()["numword"][words[0]]), words[1:]
    if rest[0] == "oh":
        rest = rest[1:]
    return str(century * 100 + int(_num(" ".join(rest))))


_NORMALISERS = {
    "int": lambda text: str(int(text)),
    "year": _year,
    "int2": lambda text: f"{int(text):02d}",
    "year2": _year2,
    "num": _num,
    "decade": _decade,
    "ampm": lambda text: "pm" if text.lower().startswith("p") else "am",
    "text": lambda text: " ".join(text.lower().split()),
}


def normalise(sub_pattern: str, text: str) -> str:
    """The value piece a sub-pattern's match stands for.

    >>> normalise("MONTH", "Dec."), normalise("NUM", "several"), normalise("DECADE", "1980s")
    ('12', 'X', '198')
    """
    kind = sub_patterns()[sub_pattern].normaliser
    if kind.startswith("table:"):
        return vocab()[kind[6:]][" ".join(text.lower().split())]
    return _NORMALISERS[kind](text)


_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9]+)(?:#(\d+))?\}")


def _fill(rule: Rule, match: re.Match) -> str:
    kinds = dict(rule.groups)

    def replace_one(placeholder: re.Match) -> str:
        name, index = placeholder.group(1), placeholder.group(2)
        if name == "0":
            return match.group(0)
        group = name if index is None else f"{name}_{index}"
        text = match.group(group)
        if text is None:
            return ""
        if group in kinds:
            return normalise(kinds[group], text)
        return _NORMALISERS["text"](text)

    return _PLACEHOLDER.sub(replace_one, rule.value)


def _raw_candidates(text: str) -> list[Candidate]:
    found = []
    any_of = _Present(text).any_of
    for priority, rule, scan, needs in _scans(load_rules()):
        if not all(map(any_of, needs)):
            continue  # a word every match of the rule holds is missing from the text: no match
        for match in scan.finditer(text):  # the same matches, found sooner
            if match.end() == match.start():
                continue
            found.append(Candidate(match.start(), match.end(), match.group(0), rule.type,
                                   _fill(rule, match), rule.mod, rule.name, priority, rule.mode))
    return found


_SCANS: list = [None, ()]  # the rules last scanned with, and each one's priority, scanner and needs


def _scans(rules: tuple[Rule, ...]) -> tuple[tuple[int, Rule, re.Pattern, tuple[frozenset[str], ...]], ...]:
    """Each rule with its priority, its scanner and the words it requires, worked out once per
    version of the rules (not at every text)."""
    if _SCANS[0] is not rules:
        _SCANS[:] = [rules, tuple((k, rule, scanner(rule.regex), required_words(rule.regex))
                                  for k, rule in enumerate(rules))]
    return _SCANS[1]


# --- the prefilter: a rule's scan is skipped when the text lacks a word every match of it holds ---

def required_words(regex: re.Pattern) -> tuple[frozenset[str], ...]:
    """What every match of `regex` holds: sets of lower-case strings, one of each set at least (worked
    out from the parsed pattern: runs of literal characters, alternatives, repeats of at least one;
    nothing is required of classes, look-arounds and optional parts). Scanning the 93 rules over a
    text costs ~15% of a first extraction; most rules need a word the text lacks.

    >>> [sorted(words) for words in required_words(re.compile(r"\\b(?:the )?(?:last|past) (?:weeks?|days)", re.I))]
    [['last', 'past'], [' days', ' week']]
    """
    return _required_words(regex.pattern, regex.flags)


@lru_cache(maxsize=None)
def _required_words(pattern: str, flags: int) -> tuple[frozenset[str], ...]:
    return tuple(_needs(_sre_parser.parse(pattern, flags)))


def _needs(items) -> list[frozenset[str]]:
    """The sets a sequence of parsed items requires (each set: one of its strings at least)."""
    needs: list[frozenset[str]] = []
    run = ""
    for op, value in items:
        if op is _sre.LITERAL and value < 128:
            run += chr(value).lower()
            continue
        if run and op is _sre.BRANCH:  # "BCE?|B\.C": the parser takes the common "b" out
            heads = [_leading_run(alternative) for alternative in value[1]]
            if all(heads):
                needs.append(frozenset(run + head for head in heads))
                run = ""
                continue
        if run:
            needs.append(frozenset({run}))
            run = ""
        if op is _sre.SUBPATTERN:
            needs += _needs(value[-1])
        elif op is _sre.ATOMIC_GROUP:
            needs += _needs(value)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and value[0] >= 1:
            needs += _needs(value[2])
        elif op is _sre.BRANCH:
            alternatives = [_best(_needs(alternative)) for alternative in value[1]]
            if all(alternatives):
                needs.append(frozenset().union(*alternatives))
        elif op is _sre.IN and all(o is _sre.LITERAL and v < 128 for o, v in value):
            needs.append(frozenset(chr(v).lower() for _, v in value))
    if run:
        needs.append(frozenset({run}))
    return needs


def _leading_run(items) -> str:
    """The literal characters a parsed sequence begins with."""
    run = ""
    for op, value in items:
        if op is not _sre.LITERAL or value >= 128:
            break
        run += chr(value).lower()
    return run


def _best(needs: list[frozenset[str]]) -> frozenset[str]:
    """Of a sequence's required sets, the most telling (its shortest string the longest)."""
    return max(needs, key=lambda words: (min(map(len, words)), -len(words)), default=frozenset())


class _Present:
    """Which strings a text holds, as a case-insensitive pattern sees it: lower-cased, and every
    other character that re.IGNORECASE takes for an ASCII letter ("İ", "ſ", the Kelvin sign) as
    that letter."""

    def __init__(self, text: str):
        self.folded = (text if text.isascii() else text.translate(look_alikes())).lower()
        self.known: dict[str, bool] = {}

    def any_of(self, words: frozenset[str]) -> bool:
        known = self.known
        for word in words:
            found = known.get(word)
            if found is None:
                found = known[word] = word in self.folded
            if found:
                return True
        return False




def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Keep non-overlapping candidates: the longer first, then the rule written first."""
    chosen: list[Candidate] = []
    starts: list[int] = []  # of the chosen extents, which never overlap: kept sorted
    ends: list[int] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.priority, c.start)):
        at = bisect_right(starts, cand.start)
        if at and ends[at - 1] > cand.start:  # the chosen extent starting before overlaps
            continue
        if at < len(starts) and starts[at] < cand.end:  # the one starting after overlaps
            continue
        starts.insert(at, cand.start)
        ends.insert(at, cand.end)
        chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


@lru_cache(maxsize=None)
def _modifier_regex(table: str) -> re.Pattern:
    return re.compile(rf"(?:^|(?<=[^\w-]))(?P<word>{table_regex(table)})[\s-]*$", re.IGNORECASE)


# Which modifier tables may stand before which types (or rules), and whether the modifier joins
# the extent: "early 2024", "about two years", "nearly two weeks ago".
_MODIFIERS = (
    ("partmod", ("DATE", "TIME"), True),
    ("quantmod", ("DURATION", "ago", "ref_offset"), True),
    ("signal", ("DATE", "TIME"), False),
)
_THE_BEFORE = re.compile(r"(?:^|(?<=\W))the\s+$", re.IGNORECASE)


_DAY_TEMPLATE = re.compile(r"^(?:ymd|monthday|weekday|numdate)\([^&]*$")


def _part_of_day(text: str, cand: Candidate, previous_end: int) -> Candidate:
    """ "the night of June 3": a day's part before a day joins the extent and makes it a TIME."""
    if cand.type != "DATE" or not _DAY_TEMPLATE.match(cand.template):
        return cand
    match = _modifier_regex("partof").search(text, max(previous_end, cand.start - 40), cand.start)
    if not match:
        return cand
    part = vocab()["partof"][" ".join(match.group("word").lower().split())]
    start = match.start("word")
    return replace(cand, start=start, text=text[start:cand.end], type="TIME",
                   template=f"{cand.template}&part({part})")


def _with_modifiers(text: str, cands: list[Candidate]) -> list[Candidate]:
    out = []
    previous_end = 0
    for cand in cands:
        cand = _part_of_day(text, cand, previous_end)
        for table, types, extends in _MODIFIERS:
            if (cand.type not in types and cand.rule not in types) or cand.mod:
                continue
            window_start = max(previous_end, cand.start - 30)
            match = _modifier_regex(table).search(text, window_start, cand.start)
            if not match:
                continue
            word = " ".join(match.group("word").lower().split())
            mod = vocab()[table][word]
            if extends:
                start = match.start("word")
                the = _THE_BEFORE.search(text, max(previous_end, start - 5), start)
                if the and table == "partmod" and not word.startswith("the"):
                    start = the.start()  # "the late 1970s", "the early summer"
                cand = replace(cand, start=start, text=text[start:cand.end], mod=mod)
            else:
                cand = replace(cand, mod=mod)
        out.append(cand)
        previous_end = cand.end
    return out


def find_candidates(text: str) -> list[Candidate]:
    """Every temporal expression in `text`, with its value template, in text order."""
    return _with_modifiers(text, _select(_raw_candidates(text)))
