"""A capitalized word at a sentence's start: a name, or an ordinary word written with a
capital because it opens the sentence ("Rail is harder", "Care home residents ...",
"Will Selbrook ...?")."""

from __future__ import annotations

import re
from collections import Counter

from .lexicon import ORG_KEYWORDS, words
from .sentences import Document

#: A question's opening verb before a name ("Will Selbrook ...?", "Can Tessaro ...?").
QUESTION_START = re.compile(
    r"(?:Will|Would|Can|Could|Should|Shall|May|Might|Must|Did|Does|Do|Is|Are|Was|Were|Has|"
    r"Have|Had)[ \t]+(?=[A-Z])"
)
_CAPITALIZED = re.compile(r"(?<![\w’'\-])[A-Z][\w’'\-]*")
# The lower-case word after a sentence's first word that makes that word a noun's modifier
# ("Care home residents"), not a name's verb ("Veritane said", "Sarnac has", "Holt will").
_MODIFIED_NOUN = re.compile(r" (?P<next>[a-z][a-z\-]+)\b")
_PLURAL_BEFORE_RELATIVE = re.compile(r",\s+(?:who|which|whose)\b")
_AUXILIARIES = words(
    "said will would could can may might must shall should has had have is was are were "
    "does did told thinks wants expects"
    # nor a function word ("Norvland and Veska", "Brenna of all places")
    " and or but nor of in on at to for with from by as than that which who whose"
)


def asks(doc: Document, start: int) -> bool:
    """Whether the sentence holding `start` ends with a question mark."""
    sentence = doc.sentences[doc.sentence_index(start)]
    return doc.masked[sentence.start : sentence.end].rstrip().endswith("?")


def capitalized_words(masked: str) -> Counter[str]:
    """The text's capitalized words, counted."""
    return Counter(_CAPITALIZED.findall(masked))


def lone_common_word(
    masked: str, end: int, word: str, uses: Counter[str], inside: set[str]
) -> bool:
    """Whether `word`, a one-word candidate opening a sentence and ending at `end`, is an
    ordinary word: a word that only names a kind of body ("Rail is harder", never
    capitalized inside a sentence: `inside`); or the text's only use of it (`uses`), right
    before a lower-case word that is no verb ("Care home residents ...") or, as a plural,
    before a relative clause ("Lashers, who fix the containers, ...")."""
    if " " in word:
        return False
    if word in ORG_KEYWORDS and word not in inside:
        return True
    if uses[word] != 1:
        return False
    if word.endswith(("ian", "ean", "ese", "ish")):
        return False  # a demonym ("Ostrian inflation"): its state's
    if _PLURAL_BEFORE_RELATIVE.match(masked, end) and word.endswith(("ers", "ors", "ists")):
        return True
    after = _MODIFIED_NOUN.match(masked, end)
    if after is None:
        return False
    following = after.group("next")
    return following not in _AUXILIARIES and not following.endswith(("s", "ed"))
