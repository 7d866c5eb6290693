"""Who says what: direct quotations and reported speech, as spans of the text.

A *unit* is one statement: the words inside one pair of quotation marks, or one reported
clause ("X said that <clause>", "according to X, <clause>", "<clause>, X said"), or a quoted
fragment an actor names something with ("X called the plan “reckless”"). Each gets the actor
who says it:

- a name or alias right before the verb ("Holt said", "the Kremlin said"), or the subject of
  the clause when an apposition sits between them ("Eldon Caesar, chairman of ..., said");
- after a quotation: “…,” Holt said / “…,” said Holt / “…,” she said, where "he"/"she" is
  the last person mentioned before it (outside other people's statements) whose gender fits;
- "the company", "the bank": the last actor those words describe;
- a quotation with no attribution right after an attributed one, in the same paragraph,
  continues that speaker's words.

Statements by unnamed people ("Experts said", "officials said") are left out, and so are
quoted titles and slogans (“Our Data, Our Rules”). Forecasts the text makes itself, with no
one quoted, are found in `predictions`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .actors import PERSON, Cast
from .lexicon import CLAUSE_VERBS, TELL_VERBS
from .reported import ReportedSpeech
from .sentences import Document, Quote, Sentence
from .speakers import QUOTE_VERB_ALT as _QUOTE_VERB_ALT
from .speech_verbs import TRAILING, is_title
from .units import Unit

_NAME_AFTER_ROLE = re.compile(r",[ \t]+")
_JUST_AND = re.compile(r"[\s,]*(?:and|but)?[\s,]*")


# Varga told reporters: “…” / Aydemir said, “…”
_LEADING = re.compile(
    rf"\b(?P<verb>{_QUOTE_VERB_ALT}|{'|'.join(sorted(CLAUSE_VERBS | TELL_VERBS))})"
    r"\b[^.!?“”\"]{0,80}?[:,][ \t]*$"
)


class _Attributor(ReportedSpeech):
    def run(self) -> list[Unit]:
        prev_direct: tuple[int, int] | None = None  # (paragraph, speaker) of the last quote unit
        doc = self.doc
        relevant = self.speech_sentences | {doc.sentence_index(q.start) for q in doc.quotes}
        for index, sentence in enumerate(doc.sentences):
            if index not in relevant and not doc.masked.startswith("In ", sentence.start):
                prev_direct = None  # a sentence with neither speech nor quotation
                continue
            before = len(self.units)
            self._reported(index, sentence)
            self._direct(index, sentence, prev_direct)
            new = self.units[before:]
            directs = [u for u in new if u.kind == "direct"]
            if directs:
                prev_direct = (sentence.paragraph, directs[-1].speaker)
            elif new or self._has_verb(sentence) or not self._only_quotes(sentence):
                prev_direct = None
        self.units.sort(key=lambda u: u.start)
        return self.units

    def _direct(self, index: int, sentence: Sentence, prev_direct: tuple[int, int] | None) -> None:
        doc = self.doc
        quotes = doc.quotes_between(sentence.start, sentence.end)
        last_speaker: int | None = None
        cursor = sentence.start
        for q in quotes:
            if self._covered(q.start) or is_title(doc.text[q.inner_start : q.inner_end]):
                cursor = q.end
                continue
            speaker = self._trailing(q, sentence)
            if speaker is None:
                lead = _LEADING.search(doc.masked, cursor, q.start)
                if lead:
                    speaker = last_speaker
                    if speaker is None:
                        speaker = self._subject(lead.start("verb"), sentence, limit=cursor)
            if speaker is None and last_speaker is not None:
                gap = doc.masked[cursor : q.start]
                if not gap.strip(" \t,") or _JUST_AND.fullmatch(gap):
                    speaker = last_speaker
            if (
                speaker is None
                and prev_direct is not None
                and prev_direct[0] == sentence.paragraph
                and not doc.masked[sentence.start : q.start].strip()
            ):
                speaker = prev_direct[1]
            cursor = q.end
            if speaker is None:
                continue
            last_speaker = speaker
            self._add(q.inner_start, q.inner_end, speaker, "direct", index)

    def _trailing(self, q: Quote, sentence: Sentence) -> int | None:
        doc = self.doc
        inner = doc.text[q.inner_start : q.inner_end].rstrip()
        after = doc.masked[q.end : sentence.end]
        if not (inner.endswith((",", "?", "!", "—", "–", "-")) or after.startswith(",")):
            return None
        m = TRAILING.match(doc.masked, q.end, sentence.end)
        if not m:
            return None
        group = "who" if m.group("who") is not None else "who2"
        start = m.start(group)
        speaker = self._resolve_phrase(start, m.end(group), sentence)
        if speaker is None and group == "who2":
            # "…,” said its president, Dalia Orsk.": the role, then the name after a comma.
            named = _NAME_AFTER_ROLE.match(doc.masked, m.end(group))
            if named is not None:
                mention = self._mention_starts.get(named.end())
                if mention is not None and self.cast.actors[mention.actor].kind == PERSON:
                    return mention.actor
        return speaker


@dataclass
class Attribution:
    """The attributed statements of a document, and which sentences report speech at all."""

    units: list[Unit]
    speech_sentences: set[int]


def find_units(doc: Document, cast: Cast) -> Attribution:
    """Every attributed statement in `doc`, in text order."""
    from .continued import continued_quotes  # both build on this module's Unit
    from .interviews import interview

    attributor = _Attributor(doc, cast)
    units = attributor.run()
    qa = interview(doc, cast)
    units = sorted([*units, *continued_quotes(doc, units)], key=lambda u: u.start)
    if qa is not None:
        # An answer is one statement: what else was found inside it is dropped, and so is
        # all that was found in a question.
        lines = sorted([(a.start, a.end) for a in qa.answers] + qa.questions)
        starts = [start for start, _ in lines]  # lines: sorted, disjoint

        def in_line(pos: int) -> bool:
            i = bisect_right(starts, pos) - 1
            return i >= 0 and pos < lines[i][1]

        units = [u for u in units if not in_line(u.start)]
        units = sorted([*units, *qa.answers], key=lambda u: u.start)
    return Attribution(units, attributor.speech_sentences)
