"""Boilerplate: the lines of a page that are not the story, classified by rules kept as data
(`data/corpus-rules/boilerplate.tsv`: site menus, image file names, "more on" link lists, photo
credits, share buttons, "read more").

Extraction blanks them rather than deleting them, so that every offset into the text it parses is
still an offset into the stored article:

>>> text = "Rebels took Hama.\\n06iran-syria-4-cpbt-mobileMasterAt3x.jpg\\nShare this\\nThe army withdrew."
>>> strip_boilerplate(text).splitlines()[1:3] == [" " * 40, " " * 10]
True
>>> [(line.text, line.rule) for line in boilerplate_lines(text)]
[('06iran-syria-4-cpbt-mobileMasterAt3x.jpg', 'image_file'), ('Share this', 'share')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lib.settings import DATA_DIR

RULES_FILE = DATA_DIR / "corpus-rules" / "boilerplate.tsv"
COLUMNS = ("rule", "applies", "pattern", "example", "keep")
APPLIES = ("line", "opens", "item", "run")
MIN_RUN = 3          # lines of a "run" rule (a menu) needed before any of them is dropped
MAX_CHARS = 400      # a line longer than this is story text whatever it ends with (one-line articles)
_PROSE_END = re.compile(r"[.!?\"”’']\s*$")


@dataclass(frozen=True)
class Rule:
    name: str
    applies: str         # one of APPLIES
    pattern: re.Pattern
    example: str         # lines the rules drop ("\n"-separated)
    keep: str            # lines no rule may drop


@dataclass(frozen=True)
class Line:
    start: int           # offsets into the text, end exclusive, without the line break
    end: int
    text: str            # the line as written
    rule: str            # the rule that drops it


def _unescape(cell: str) -> str:
    return cell.replace("\\n", "\n").replace("\\t", "\t")


@lru_cache(maxsize=4)
def _rules(path: str, _stamp: int) -> tuple[Rule, ...]:
    rules, header = [], False
    for number, raw in enumerate(Path(path).read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if not header:
            if tuple(cells) != COLUMNS:
                raise ValueError(f"{path}, line {number}: the header row should be {' TAB '.join(COLUMNS)}")
            header = True
            continue
        if len(cells) != len(COLUMNS):
            raise ValueError(f"{path}, line {number}: expected {len(COLUMNS)} TAB-separated columns")
        name, applies, pattern, example, keep = cells
        if applies not in APPLIES:
            raise ValueError(f"{path}, line {number}: applies {applies!r} is not one of {', '.join(APPLIES)}")
        try:
            compiled = re.compile(pattern, re.IGNORECASE)
        except re.error as error:
            raise ValueError(f"{path}, line {number}: rule {name}: bad pattern ({error})") from None
        rules.append(Rule(name, applies, compiled, _unescape(example), _unescape(keep)))
    return tuple(rules)


def rules(path: str | Path | None = None) -> tuple[Rule, ...]:
    """The rules of `path` (default data/corpus-rules/boilerplate.tsv), re-read when the file changes."""
    path = Path(path) if path is not None else RULES_FILE
    return _rules(str(path), path.stat().st_mtime_ns if path.exists() else 0)


def _lines(text: str):
    position = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        yield position, position + len(body), body
        position += len(raw)


def _first(rules_: tuple[Rule, ...], applies: str, line: str) -> Rule | None:
    return next((r for r in rules_ if r.applies == applies and r.pattern.search(line)), None)


def boilerplate_lines(text: str, path: str | Path | None = None) -> list[Line]:
    """The lines of `text` that the rules drop, in order, each with the rule that drops it.

    >>> page = "More on the Middle East\\nSyrian rebels attack another major city on Dec. 5, 2024\\n"
    >>> page += '"Syria is on the verge of collapse," a lawmaker said on Friday.'
    >>> [line.rule for line in boilerplate_lines(page)]
    ['more_on', 'list_item']
    """
    rules_ = rules(path)
    found: list[Line] = []
    in_list = False
    run: list[tuple[int, int, str, Rule]] = []

    def flush_run():
        if len(run) >= MIN_RUN:
            found.extend(Line(s, e, t, r.name) for s, e, t, r in run)
        run.clear()

    for start, end, raw in _lines(text):
        line = raw.strip()
        if not line:
            continue
        if len(line) > MAX_CHARS:
            flush_run()
            in_list = False
            continue
        rule = _first(rules_, "line", line) or _first(rules_, "opens", line)
        if rule is None and in_list and not _PROSE_END.search(line):
            rule = _first(rules_, "item", line)
        if rule is not None:
            flush_run()
            found.append(Line(start, end, raw, rule.name))
            in_list = rule.applies in ("opens", "item")
            continue
        in_list = False
        menu = _first(rules_, "run", line)
        if menu is not None:
            run.append((start, end, raw, menu))
        else:
            flush_run()
    flush_run()
    return sorted(found, key=lambda line: line.start)


def strip_boilerplate(text: str, path: str | Path | None = None) -> str:
    """`text` with its boilerplate lines blanked: each character of a dropped line becomes a space,
    line breaks stay, so offsets into the result are offsets into `text`.

    >>> strip_boilerplate("Share this\\nRebels took Hama.")
    '          \\nRebels took Hama.'
    """
    dropped = boilerplate_lines(text, path)
    if not dropped:
        return text
    parts, position = [], 0
    for line in dropped:
        parts.append(text[position:line.start])
        parts.append(" " * (line.end - line.start))
        position = line.end
    parts.append(text[position:])
    return "".join(parts)


__all__ = ["Rule", "Line", "rules", "boilerplate_lines", "strip_boilerplate"]
