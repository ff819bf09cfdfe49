"""A line break ends a sentence: headlines, captions and sidebar links are lines of their own. So does
a dateline after a headline at the top of a text whose line breaks were lost: "Blast at Syria-Turkey
border kills 20 rebels Monitor AFP Thursday 6 Oct 2016 At least 20 Syrian rebels were killed ..." is
a headline, then the report's first sentence with its dateline (lib.corpus.datelines finds it).

Runs before the parser, which keeps boundaries already set.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("line_breaks")
>>> _ = nlp.add_pipe("sentencizer")
>>> [s.text for s in nlp("More on the Middle East\\nMap: where rebels advanced").sents]
['More on the Middle East\\n', 'Map: where rebels advanced']
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import numpy
from spacy.attrs import IDX, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from lib.temporal.component import doc_text

_NEWLINE = re.compile("\n")


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A token after a line break starts a sentence, unless it is white space after a word: found
    from the line breaks of the text (a Token only for those), not by visiting every token. The
    dateline that follows a headline at the top of the text starts one too (after_datelines)."""
    after_datelines(doc)
    text = doc_text(doc)
    place_datelines(doc, text)
    run_in_heads(doc, text)
    within_words(doc, text)
    listed_names(doc, text)
    if "\n" not in text:
        return doc
    breaks = [m.start() for m in _NEWLINE.finditer(text)]
    starts = doc.to_array([IDX, IS_SPACE])
    space = starts[:, 1].tolist()
    # the token whose text or trailing space holds each line break (its space is " " at most)
    holders = sorted(set((numpy.searchsorted(starts[:, 0], breaks, side="right") - 1).tolist()))
    for k in holders:
        if k + 1 < len(space) and (not space[k + 1] or space[k]):
            doc[k + 1].is_sent_start = True
    return doc


# a word cut after its hyphen by a space ("positions near al- Mayadin city", "the clinic in al- Mogambo"):
# the words after it go on the sentence (the parser would start one at the capital)
_CUT_AT_HYPHEN = re.compile(r"(?<=[^\W\d_]-) +(?=[^\W\d_])")


def within_words(doc: Doc, text: str) -> Doc:
    """No sentence starts at the word after a word cut at its hyphen by a space, a spelling of
    transliterated names ("near al- Mayadin city"); a dash set apart by spaces ("Raqqa - the group's
    capital"), or a line break after the hyphen, is no cut.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("line_breaks")
    >>> doc = nlp("Jets struck positions near al- Mayadin city. Rebels - Nusra among them - fled.")
    >>> [t.text for t in doc if t.is_sent_start is False]
    ['Mayadin']
    """
    if "- " not in text:
        return doc
    return _set_starts(doc, (match.end() for match in _CUT_AT_HYPHEN.finditer(text)), False)


def _listed_pattern() -> re.Pattern[str]:
    from lib.extract.mentions.words import WORDS
    nouns = sorted({n + "s" for n in WORDS["town_nouns"] | WORDS["city_part_nouns"]} | {"cities"}, key=len, reverse=True)
    name = r"(?:[a-z]{1,3}-)?[A-Z][\w'’-]*"
    return re.compile(rf"\b(?:{'|'.join(nouns)}) +of +{name}((?: +{name})+)(?= +and +{name})")


def listed_names(doc: Doc, text: str) -> Doc:
    """No sentence starts within a list of names after a plural noun of settlements or of a city's
    parts and "of" (words.tsv town_nouns, city_part_nouns), up to its "and": a list whose commas the
    page lost ("the villages of Jub Ghabsheh Eibed Souran Tal Alam Deir Qaq Sarjeh and al-Zaalaneh",
    where the parser would start one at "Eibed" and at "Qaq"). A capitalised word after a singular
    noun ("the village of Tal Alam. Deir Qaq was hit") starts one still.

    >>> import spacy
    >>> doc = spacy.blank("en")("Jets hit the villages of Jub Ghabsheh Eibed Souran and Sarjeh. Tal Alam was hit.")
    >>> [t.text for t in listed_names(doc, doc.text) if t.is_sent_start is False]
    ['Ghabsheh', 'Eibed', 'Souran']
    """
    if " of " not in text:
        return doc
    return _set_starts(doc, (match.start(1) + word.start() for match in _LISTED.finditer(text)
                             for word in re.finditer(r"\S+", match.group(1))), False)


def _set_starts(doc: Doc, offsets: Iterable[int], start: bool = True) -> Doc:
    """The tokens that begin at these character offsets start a sentence (or, `start` False, go on
    the one before); an offset within a token, or at the text's first token, sets nothing."""
    starts = doc.to_array(IDX)
    for at in offsets:
        k = int(numpy.searchsorted(starts, at, side="left"))
        if 0 < k < len(doc) and doc[k].idx == at:
            doc[k].is_sent_start = start
    return doc


def is_headline(text: str) -> bool:
    """A line that reports nothing itself: a title, caption, subheading or link (no closing
    punctuation, short).

    A longer line without its closing punctuation is a headline only when it is not written as a
    sentence (most of its words capitalised): past HEADLINE_WORDS words, a line mostly in lower case
    is a sentence the parser cut short or a text cut at its end ("Date of publication 4 October 2017
    A Russian airstrike killed at least 38 civilians on Wednesday as they attempted to cross the
    Euphrates River to escape fighting in eastern Syrias", the rest of it parsed apart). However long,
    a line mostly capitalised and unpunctuated is headlines run together: a page's list of related
    links ("211 Related Cairo Opposition Platform Insists Any Deal on Syria Should Be of UN Nature
    Syria Talks Parties Consider ... Comment via Facebook").

    >>> is_headline("Rebel militias take Jordanian border region"), is_headline("Rebels took Hama.")
    (True, False)
    >>> is_headline("Ten civilians some of them children killed in airstrike by US-led coalition in Raqqa")
    True
    >>> is_headline("Syria Death in Damascus Rocket Attack Shakes Syrian Capital as Regime Jets Pound "
    ...             "Eastern Ghouta for a Third Day Monitor Says AFP Video")
    True
    >>> is_headline("211 Related Cairo Opposition Platform Insists Any Deal on Syria Should Be of UN Nature Syria "
    ...             "Talks Parties Consider Creation of Mechanism of Discussing Constitution Clashes With Syrian "
    ...             "Opposition in N Syria Continue - Kurdish YPG Militia Tags civilian casualties Syria Community "
    ...             "standardsDiscussion Comment via FacebookComment via Sputnik News")
    True
    >>> is_headline("Videos recorded on the ground at the time show a dark still night sky interrupted "
    ...             "by bright bursts as the jets struck the town and its outskirts")
    False
    """
    stripped = text.strip()
    if not stripped or stripped[-1] in ".!?\"”’'):":
        return False
    words = stripped.split()
    if len(words) <= HEADLINE_WORDS:
        return True
    lettered = [w for w in words if w[0].isalpha()]
    return sum(w[0].islower() for w in lettered) < 0.6 * len(lettered)


HEADLINE_WORDS = 20  # a headline, even with its outlet's tag and dateline, is rarely longer


def after_datelines(doc: Doc) -> Doc:
    """A dateline at the top of the text that follows words of its line (a headline, an outlet's
    name) starts a sentence: the headline is no part of the report's first sentence, whatever
    punctuation the page lost. The dateline stays with the sentence after it, which it dates.

    >>> import spacy
    >>> doc = after_datelines(spacy.blank("en")("Blast kills 20 rebels AFP Thursday 6 Oct 2016 At least 20 rebels died."))
    >>> [t.text for t in doc if t.is_sent_start]
    ['Blast', 'Thursday']
    """
    from lib.corpus.datelines import read_datelines
    if len(doc) == 0:
        return doc
    text = doc_text(doc)
    parted = []
    for dateline in read_datelines(text):
        start = text.rfind(dateline.quote, 0, dateline.end)
        line = text[text.rfind("\n", 0, max(start, 0)) + 1:max(start, 0)]
        if start <= 0 or not any(c.isalnum() for c in line):
            continue  # the dateline opens its line: nothing to part it from
        parted.append(start)
    _set_starts(doc, parted)
    return doc


TITLE_REACH = 200  # a page repeats its title within this many characters of its text's start
TITLE_MIN = 20  # characters: a shorter title ("Syria") may be any words of the text
_OUTLET_SUFFIX = re.compile(r"\s+[|\u2013\u2014-]\s+[^|\u2013\u2014-]{2,40}$")  # "... | Jordan Times"


def title_span(text: str, title: str) -> tuple[int, int] | None:
    """Where the text repeats the page's title at its top (start and end offsets), None when it
    does not: a headline, whatever punctuation it lost or gained, reports nothing the article does
    not tell again ("18 October 2016 Four killed including two women in terrorist attacks in Aleppo
    and Quneitra. A source at Aleppo Police Command told SANA that ..."). An outlet's name after the
    title ("... | Jordan Times") is not looked for.

    >>> title_span("Sun 16 Apr 2017 Death toll from Aleppo bomb attack at least 112. The death toll ...",
    ...            "Death toll from Aleppo bomb attack at least 112")
    (16, 63)
    >>> title_span("Rebels took Hama on Thursday.", "Rebels take Hama")
    """
    for name in dict.fromkeys((title.strip(), _OUTLET_SUFFIX.sub("", title.strip()))):
        if len(name) < TITLE_MIN:
            continue
        start = text.find(name, 0, TITLE_REACH + len(name))
        if start >= 0:
            return start, start + len(name)
    return None


# a wire dateline of a place and an outlet's tag before the report's first words: "BEIRUT (Sputnik) Clashes
# between ...", "DEIR EZ-ZOR (Syria) (Sputnik) Reportedly ...": capitals (no lower-case letter), then
# capitalised tags in brackets, then a capitalised word
_PLACE_DATELINE = re.compile(r"(?<![\w(])[A-Z][A-Z'-]{3,}(?: [A-Z][A-Z'-]+)*,?(?: \([A-Z][\w .]*\))+ +(?=[A-Z\"])")


def place_datelines(doc: Doc, text: str) -> Doc:
    """A wire dateline of a place and an outlet's tag ("BEIRUT (Sputnik)") is a line of its own, no
    part of the sentences around it, which the parser would hang on it ("BEIRUT (Sputnik) Clashes
    between Faylaq al-Rahman and Jabhat Fatah al Sham in the Damascus suburbs resulted in the death of
    over 100 militants": the clashes the object of the city); a name in capitals told with its gloss
    in a sentence ("the YPG (Peoples Protection Units) took Manbij") is none.
    >>> import spacy
    >>> doc = place_datelines(*(lambda d: (d, d.text))(spacy.blank("en")("Toll rises. BEIRUT (Sputnik) Clashes went on.")))
    >>> [t.text for t in doc if t.is_sent_start]
    ['Toll', 'BEIRUT', 'Clashes']
    """
    if "(" not in text:
        return doc
    return _set_starts(doc, (at for match in _PLACE_DATELINE.finditer(text) for at in (match.start(), match.end())))


# where a sentence starts: the text's or a line's start, or after a stop (and a closing quote) and a space
_SENTENCE_START = r"(?:^|(?<=[.!?] )|(?<=[.!?][\"”’] ))"


def _run_in_pattern() -> re.Pattern[str]:
    from lib.extract.mentions.words import WORDS
    openers = "|".join(sorted((w.capitalize() for w in WORDS["sentence_openers"]), key=len, reverse=True))
    return re.compile(rf"{_SENTENCE_START}(?:[A-Z][\w'-]* +){{1,{HEAD_WORDS}}}"
                      rf"(?=(?:{openers}) +[a-z])", re.MULTILINE)


HEAD_WORDS = 3  # a section head is a place's name, rarely longer ("Damascus Countryside")


def run_in_heads(doc: Doc, text: str) -> Doc:
    """A head of at most HEAD_WORDS capitalised words opening a sentence, directly followed by an
    adverbial opener (words.tsv sentence_openers: "In", "Meanwhile", "Earlier", ...) and a lower-case
    word, is a bulletin's section head the page ran into the report ("Hasaka In a relevant context
    ISIS terrorists detonated ...", "Damascus Countryside Earlier on the day four people were
    injured ..."): the opener starts a sentence, the head is a line of its own, no subject or name of
    the report's sentence. A capitalised word after the head is no opener ("Aleppo Governor Hussein
    Diab said", "Deir Ezzor Military Airport"), nor is an opener before a capitalised word ("Aleppo On
    Monday ..."), nor an opener within a sentence.

    >>> import spacy
    >>> doc = spacy.blank("en")("Shells fell. Hasaka In a relevant context ISIS terrorists detonated a car bomb.")
    >>> [t.text for t in run_in_heads(doc, doc.text) if t.is_sent_start]
    ['Shells', 'In']
    >>> doc = spacy.blank("en")("Shells fell. Aleppo Governor Hussein Diab said rebels in Aleppo In fact fled.")
    >>> [t.text for t in run_in_heads(doc, doc.text) if t.is_sent_start]
    ['Shells']
    """
    return _set_starts(doc, [*(match.end() for match in _RUN_IN.finditer(text)), *_place_heads(text)])


def _place_heads(text: str) -> list[int]:
    """Where the report starts after a place's name that heads a bulletin's section, run in before an
    article ("Aleppo The Syrian Army repelled ...", "Damascus Countryside An army unit ...", "Deir Ezzor
    The armys air force ..."): a place of the lexicon (the governorates and cities that head such
    sections), then "The", "A" or "An". Not a head of other words ("Rebels Capture The Town of Morek",
    a headline in title case), nor a name that goes on ("Aleppo Governor", counter-examples).

    >>> _place_heads("Shells fell. Aleppo The Syrian Army repelled an attack. Rebels Capture The Town.")
    [20]
    >>> _place_heads("Hama Countryside A unit of the army destroyed a vehicle.")  # a rural noun after the place
    [17]
    """
    from lib.extract.lexicon import place_by_alias
    from lib.extract.mentions.words import WORDS
    found = []
    for match in _PLACE_HEAD.finditer(text):
        head = match.group(1)
        place, _, noun = head.rpartition(" ")
        if place_by_alias(head) is not None or (place_by_alias(place) is not None
                                                and noun.lower() in WORDS["rural_nouns"]):
            found.append(match.end(1) + 1)
    return found


_RUN_IN = _run_in_pattern()
_PLACE_HEAD = re.compile(rf"{_SENTENCE_START}((?:[A-Z][\w'-]*)(?: [A-Z][\w'-]*){{0,{HEAD_WORDS - 1}}}) "
                         r"(?=(?:The|A|An) )", re.MULTILINE)


_LISTED = _listed_pattern()
