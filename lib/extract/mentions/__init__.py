"""Mentions: one report of a happening in one sentence, with who, where, when and on whose word.

A happening is found by its trigger word (data/lexicon/triggers.tsv, matched on lemmas:
`triggers.py`), and what kind of violence it was by the instrument its phrase names
(data/lexicon/instruments.tsv: an air strike, shelling, a car bomb, a chemical weapon); its actors
(`actors.py`) and place (`places.py`) are the lexicon entities the parse ties to the trigger; its
date (`dating.py`) is the timex governing the trigger's clause, else the last date of the paragraph,
else the publication date (flagged, with the lower precision that deserves); who says so and how
(`attribution.py`); the toll (`fatalities.py`); whether it is history recalled in passing
(`Mention.background`, `dating.py`), which consolidation into the current timeline leaves out
(`lib.model.current`). `assemble.py` puts a mention together; the word lists are data (`words.py`
reads data/lexicon/words.tsv).
"""
from lib.extract.mentions.assemble import mentions_in
from lib.extract.mentions.triggers import find_triggers

__all__ = ["find_triggers", "mentions_in"]
