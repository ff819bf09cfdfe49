"""Walking the dependency parse: paths between tokens, the preposition governing a phrase, clauses.
"""
from __future__ import annotations

from typing import Sequence

from spacy.tokens import Span, Token

from lib.extract.mentions.index import DocIndex, TriggerMatch
from lib.extract.mentions.words import QUOTES, REPORTING_LEMMAS

def quoted(sentence: Span, token: Token) -> bool:
    """Inside quotation marks: someone's words, not the report's; unless a verb of saying right after
    the closing mark, or right before the opening one, makes them a source's account, which the report
    relays as any attributed report ("in air strikes targeting the outskirts of Tal Hamis" said the
    Observatory; Havidar told AFP: "clashes are continuing ..."), when they tell what happened, not
    what the speaker intends (`intended`)."""
    doc, lowers = sentence.doc, DocIndex.of(sentence.doc).lowers  # a Token only for a quotation mark
    before = [doc[i] for i in range(sentence.start, token.i) if lowers[i] in QUOTES]
    if len(before) % 2 == 0:
        return False
    opening = before[-1]
    closing = next((doc[i] for i in range(token.i, sentence.end) if lowers[i] in QUOTES), None)
    if closing is not None and closing.i - opening.i <= SCARE_QUOTE:
        return True  # "the "deliberate attacks" that targeted a convoy": a term, not a source's account
    return not (_credited(sentence, opening, closing) or _continued_account(sentence, opening, closing)
                or _account_framed(sentence, opening, closing)) or intended(token)


def _account_framed(sentence: Span, opening: Token, closing: Token | None) -> bool:
    """A quotation the report frames with words of its own that tell nothing themselves, no verb among
    them ('In the province's west "eight civilians including three children were killed when regime
    warplanes struck the village of Daret Izza" held by Islamist fighters'), one sentence after a
    quotation a verb of saying credits ('"A woman and her three children ... were killed when
    helicopters dropped a barrel bomb on the village of Taduf" said the Syrian Observatory'): that
    source's account goes on, a sentence of the report's own between at most. Not a quotation whose
    framing words have a verb ('the minister called it "a massacre"')."""
    if closing is None or sentence.start == 0:
        return False
    outside = [t for t in sentence if not opening.i <= t.i <= closing.i]
    if any(t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBN",) for t in outside):
        return False
    lowers = DocIndex.of(sentence.doc).lowers
    before = sentence.doc[sentence.start - 1].sent
    for _ in range(2):
        marks = [before.doc[i] for i in range(before.start, before.end) if lowers[i] in QUOTES]
        if len(marks) >= 2 and len(marks) % 2 == 0 and _credited(before, marks[-2], marks[-1], hung=True):
            return True
        if before.start == 0:
            return False
        before = sentence.doc[before.start - 1].sent
    return False


def _credited(sentence: Span, opening: Token, closing: Token | None, hung: bool = False) -> bool:
    """A verb of saying right before the opening mark or right after the closing one; with `hung`, also
    the one outside them the parse hangs the quotation on, however long the speaker's name ('"..." Abu
    Shadi al-Hamwi a local media activist told The New Arab'): that names the source whose account
    the quoted sentences after it go on with (`_continued_account`)."""
    around = list(sentence.doc[max(sentence.start, opening.i - SAYING_REACH):opening.i])
    if closing is not None:
        around += list(sentence.doc[closing.i + 1:min(sentence.end, closing.i + 1 + SAYING_REACH)])
        if hung:
            around += [t.head for t in sentence.doc[opening.i:closing.i + 1]
                       if not opening.i <= t.head.i <= closing.i]
    return any(t.lemma_.lower() in REPORTING_LEMMAS and t.pos_ == "VERB" for t in around)


def _continued_account(sentence: Span, opening: Token, closing: Token | None, depth: int = 0) -> bool:
    """A sentence wholly in quotation marks right after a quoted sentence a verb of saying credits
    goes on with that source's account ('"A regime helicopter dropped six barrels on al-Latamineh" an
    activist told The New Arab. "One woman and one of her children were killed in a rocket attack by
    regime forces on al-Latamineh."'); not a quotation within the sentence, nor one after a sentence
    of the report's own words."""
    words = [t for t in sentence if not (t.is_space or (t.is_punct and t.lower_ not in QUOTES))]
    if not words or words[0] != opening or closing is None or words[-1] != closing or sentence.start == 0:
        return False
    before = sentence.doc[sentence.start - 1].sent
    lowers = DocIndex.of(sentence.doc).lowers
    marks = [before.doc[i] for i in range(before.start, before.end) if lowers[i] in QUOTES]
    if len(marks) < 2 or len(marks) % 2:
        return False
    if _credited(before, marks[-2], marks[-1], hung=True):
        return True
    return depth < CONTINUED_REACH and _continued_account(before, marks[-2], marks[-1], depth + 1)


CONTINUED_REACH = 3  # quoted sentences in a row that go on with one credited account


def intended(token: Token) -> bool:
    """The token's clause is under a modal: what a speaker will, would or can do, not what happened
    ("We will strike Damascus," the commander said)."""
    for verb in [token, *token.ancestors]:
        if verb.pos_ in ("VERB", "AUX") and any(c.tag_ == "MD" for c in verb.children):
            return True
        if verb.dep_ in ("ROOT", "ccomp") and verb.pos_ == "VERB":
            return False
    return False


# How many words from a quotation mark a verb of saying attributes the quotation ("..." the
# organisation known as the White Helmets said)
SAYING_REACH = 8
SCARE_QUOTE = 4  # a quotation of fewer words is a term set apart, not an account


def crosses_clause(path: Sequence[Token]) -> bool:
    return any(t.dep_ in ("relcl", "acl", "advcl", "ccomp") for t in path[:-1])


def apposed(noun: Token) -> Token | None:
    """The noun a phrase stands in apposition to: "Sweida" for "Sweida, a Druze heartland"."""
    if noun.dep_ == "appos":
        return noun.head
    start = noun.left_edge.i
    if start >= 2 and noun.doc[start - 1].text == ",":
        return noun.doc[start - 2]
    return None


def in_clause_of(token: Token, root: Token) -> bool:
    """Is `token` under `root` within root's own clause, not inside a clause of another verb hung on
    it (`crosses_clause`)?"""
    path = path_up(token, root)
    return path is not None and not crosses_clause(path)


def path_up(token: Token, root: Token) -> list[Token] | None:
    """The tokens from `token` up to `root` (both included), or None when root is not above it."""
    path = [token]
    while token != root:
        head = token.head  # a new Token at every ask: once a step
        if head == token:
            return None
        token = head
        path.append(token)
    return path


def preps_on(path: Sequence[Token]) -> set[str]:
    return {t.lower_ for t in path if t.dep_ == "prep"}


def governing_prep(ent: Span) -> str:
    """The preposition an entity is the object of ("in" for "in Homs", also for "Hama" in
    "in Aleppo and Hama"), or ""."""
    head = ent.root
    while head.dep_ == "conj" and head.head != head:
        head = head.head
    if head.dep_ == "pobj" and head.head.dep_ == "prep":
        return head.head.lower_
    return ""


def token_distance(ent: Span, trigger: TriggerMatch) -> int:
    return abs(ent.root.i - trigger.head.i)


def conjoined_with(token: Token, other: Token) -> bool:
    while token.dep_ in ("conj", "appos") and token.head != token:
        token = token.head
        if token == other:
            return True
    return False


def short_text(token: Token) -> str:
    words = list(token.subtree)
    text = token.doc[words[0].i:words[-1].i + 1].text
    return text if len(words) <= 10 else token.doc[token.left_edge.i:token.i + 1].text


def clause_spine(head: Token) -> list[Token]:
    """The trigger and the verbs above it, up to a relative clause or a noun (own assertions)."""
    spine = [head]
    token = head
    while token.head != token and token.dep_ != "relcl":
        token = token.head
        if token.pos_ in ("NOUN", "PROPN", "PRON"):
            break
        if token.pos_ in ("VERB", "AUX", "ADJ"):
            spine.append(token)
    return spine
