"""Publication-anchored temporal tagging: find, underspecify, then resolve against an anchor.

>>> from datetime import date
>>> [(t.text, t.value) for t in tag("Hama fell on Thursday; last week Aleppo did.", date(2024, 12, 6))]
[('Thursday', '2024-12-05'), ('last week', '2024-W48')]
"""
from lib.temporal.tagger import tag
from lib.temporal.timex import Timex, is_valid_value

__all__ = ["Timex", "is_valid_value", "tag"]
