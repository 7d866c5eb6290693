"""The speech verbs of a document, found once (outside quotations, not nouns after a
determiner), and what stands right around a quotation: an attribution after it ("“…,” she
said") or a verb that introduces it. Reported speech and direct quotations build on these.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left

from .actors import Cast
from .lexicon import (
    CLAUSE_VERBS,
    NAMING_VERBS,
    PARTICIPLES,
    PLAN_VERBS,
    QUOTE_VERBS,
    STANCE_VERBS,
    TELL_VERBS,
    alternation,
    words,
)
from .sentences import Document, Sentence
from .speakers import QUOTE_VERB_ALT as _QUOTE_VERB_ALT
from .speakers import SpeakerFinder

_ALL_VERBS = (
    CLAUSE_VERBS | TELL_VERBS | NAMING_VERBS | PARTICIPLES | QUOTE_VERBS | STANCE_VERBS
) | PLAN_VERBS

_VERB = re.compile(r"\b" + alternation(_ALL_VERBS | {"according to", "According to"}) + r"\b")

# “…,” Holt said / “…,” said Holt : what follows the closing mark.
TRAILING = re.compile(
    # "its general secretary, Amos Dube, told": a role, then the name between commas.
    r"[ \t]*,?[ \t]*(?:(?P<who>[^\s,.;:!?“”\"_][^,.;:!?“”\"_]{0,60}?"
    r"(?:,[ \t]+[^\s,.;:!?“”\"_][^,.;:!?“”\"_]{0,40}?,)?)[ \t]+"
    rf"(?:also[ \t]+|later[ \t]+|then[ \t]+)?(?P<v1>{_QUOTE_VERB_ALT})\b"
    rf"|(?P<v2>{_QUOTE_VERB_ALT})[ \t]+(?P<who2>(?:(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov)\.[ \t]+)?"
    r"[^,.;:!?“”\"_]{1,60}?)(?=[,.;:!?]|$|[ \t]+"
    r"(?:in|on|at|to|during|after|before|as|while|when)\b))"
)

# The verbs of an attribution after its clause ("<clause>, they wrote in a note").
_WHATEVER_BEFORE = re.compile(r"(?:^|[.!?]\s+|\n)Whatever\b[^,.;]*$")

#: Participles that are nouns too ("the ruling"): verbs only after a comma.
_NOUN_PARTICIPLES = words("ruling")

# A quotation whose words are mostly capitalized is a title or a slogan.
_TITLE_WORD = re.compile(r"[\w’'\-]+")

_INTRODUCES_QUOTE = re.compile(r"[^.!?“”\"]{0,80}?[:,][ \t]*[“\"]")

THAT_WORD = re.compile(r"\bthat\b")

_CONJUNCTIONS = frozenset(("while", "and", "but", "as", "whereas", "although", "though"))

_DETERMINER_BEFORE = re.compile(r"\b(?:[Tt]he|an?|its|their|this|our)[ \t]+$")

_ANONYMITY_AFTER = re.compile(r"[ \t]+not[ \t]+to[ \t]+be[ \t]+(?:named|identified|quoted)\b")

_PASSIVE_BEFORE = re.compile(r"\b(?:be|been|being)[ \t]+$")

_QUOTE_ONLY_CHARS = str.maketrans("", "", '“”"_.,?!—–-')


class SpeechVerbs(SpeakerFinder):
    """A document's speech verbs and the sentences that hold them."""

    def __init__(self, doc: Document, cast: Cast) -> None:
        super().__init__(doc, cast)
        # Every speech verb outside quotations, found in one pass.
        masked = doc.masked
        # Not after a hyphen or an apostrophe, nor a noun after a determiner ("the support
        # fund", "their claims").
        self._verbs = [
            v
            for v in _VERB.finditer(masked)
            if (not v.start() or masked[v.start() - 1] not in "-’'")
            and not _DETERMINER_BEFORE.search(masked, max(0, v.start() - 7), v.start())
            # "A ruling on the tariff is unlikely": a noun; ", ruling that" is the verb.
            and (v.group() not in _NOUN_PARTICIPLES or masked.endswith(", ", 0, v.start()))
            # "an official who asked not to be named said ...": the verb is the "said".
            and not (v.group().startswith("ask") and _ANONYMITY_AFTER.match(masked, v.end()))
        ]
        self._verb_starts = [v.start() for v in self._verbs]
        #: The sentences that contain a speech verb (outside quotations), not a passive one
        #: ("the fund is unlikely to be agreed": nobody speaks).
        self.speech_sentences = {
            doc.sentence_index(p)
            for p in self._verb_starts
            if not _PASSIVE_BEFORE.search(masked, max(0, p - 7), p)
            # "Whatever the plan says, the first boats are unlikely to ...": nobody speaks.
            and not _WHATEVER_BEFORE.search(masked, max(0, p - 60), p)
        }

    def _after_quote(self, pos: int, sentence: Sentence) -> bool:
        """Whether the verb at `pos` attributes a quotation just before it (“…,” Holt said)."""
        before = [q for q in self.doc.quotes_between(sentence.start, pos) if q.end <= pos]
        if not before:
            return False
        q = before[-1]
        inner = self.doc.text[q.inner_start : q.inner_end].rstrip()
        if is_title(inner):
            return False
        if not (inner.endswith((",", "?", "!", "—", "–", "-")) or self.doc.masked[q.end] == ","):
            return False
        if self._covered(q.inner_start):
            return False  # a fragment already attributed ("called the bill “a good start”")
        m = TRAILING.match(self.doc.masked, q.end, sentence.end)
        if m is None or pos not in (m.start("v1"), m.start("v2")):
            return False
        who = m.group("who") or ""
        return who.split(maxsplit=1)[0].lower() not in _CONJUNCTIONS if who else True

    def _before_quote(self, pos: int, sentence: Sentence) -> bool:
        """Whether the verb at `pos` introduces a quotation ("Varga told reporters: “…”")."""
        rest = self.doc.masked[pos : sentence.end]
        m = _INTRODUCES_QUOTE.match(rest)
        return m is not None and not THAT_WORD.search(m.group())

    def _has_verb(self, sentence: Sentence) -> bool:
        i = bisect_left(self._verb_starts, sentence.start)
        return i < len(self._verb_starts) and self._verb_starts[i] < sentence.end

    def _only_quotes(self, sentence: Sentence) -> bool:
        rest = self.doc.masked[sentence.start : sentence.end]
        return not rest.translate(_QUOTE_ONLY_CHARS).strip()


@functools.lru_cache(maxsize=4096)
def is_title(inner: str) -> bool:
    """Whether a quotation's words are a title or slogan (“Our Data, Our Rules”), not speech."""
    words = _TITLE_WORD.findall(inner)
    if not words or len(words) > 10:
        return False
    long_words = [w for w in words if len(w) > 3] or words
    capitalized = sum(1 for w in long_words if w[0].isupper())
    return (
        words[0][0].isupper()
        and capitalized / len(long_words) >= 0.75
        and (len(words) > 1 or inner.strip()[-1:] not in ",.!?")
    )
