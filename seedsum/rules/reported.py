"""Reported speech: "X said that <clause>", "according to X, <clause>", "<clause>, X said",
stances without a speech verb ("Oskland opposes any cap", "X wants ..."), "In her view,
<clause>" and fragments an actor names something with ("X called the plan “reckless”").

`ReportedSpeech` finds these for `attribution._Attributor`, which adds direct quotations and
decides the order; who speaks is `speakers.SpeakerFinder`'s question.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .lexicon import (
    BARE_CLAUSE_VERBS,
    CLAUSE_VERBS,
    NAMING_VERBS,
    PARTICIPLES,
    PLAN_VERBS,
    STANCE_VERBS,
    TELL_VERBS,
    words,
)
from .sentences import UPPER, Sentence
from .speech_verbs import THAT_WORD, SpeechVerbs

_CLAUSE_INTRODUCERS = CLAUSE_VERBS | TELL_VERBS | PARTICIPLES

_BARE_VERBS = BARE_CLAUSE_VERBS


_GAP_START = words(
    """
    on in at during after before last this earlier late recently yesterday today also again once
    repeatedly publicly privately previously separately later then while as to with of about
    against for over by from when through outside inside afterwards immediately
    """
)

_NO_COMPLEMENT_START = words(
    """of about against for over by from to with and but or nor as if into on upon"""
)

_THAT = re.compile(r"\bthat[ \t]+")
# "said as many as 40,000 jobs could go": a quantity opening the clause, not "said as he left".
_AS_MUCH_AS = re.compile(r"[ \t]*as[ \t]+(?:many|much|few|little|high|low)[ \t]+as\b", re.I)

_STOP_GAP = re.compile(r"[,;:“”\"_.!?]")

# Stances that start a predicate of their own after "and" ("said the budget was unfair, and
# urged deputies to reject it"); not "support" or "backs", which may be nouns there.
_JOINED_STANCES = words("urged demanded rejected welcomed opposed dismissed accused") | {
    "called for",
    "called on",
}

_COMPLEMENT_END = re.compile(
    r",?[ \t]+(?:and|but)[ \t]+(?:also[ \t]+|then[ \t]+|later[ \t]+)?(?:"
    + "|".join(sorted(CLAUSE_VERBS | TELL_VERBS | NAMING_VERBS | _JOINED_STANCES))
    + r")\b|,[ \t]+(?:"
    + "|".join(sorted(PARTICIPLES))
    + r")\b|,[ \t]+according to\b|;"
    # "..., and one of them said ...": a new speaker's attribution ends the clause.
    + r"|,[ \t]+(?:and|but)[ \t]+(?:[\w’'-]+[ \t]+){1,4}?(?:said|told|added|says|warned)\b"
)

_CONDITION_LEAD = re.compile(r"(?:[Ii]f|[Uu]nless|[Ww]hether|[Ss]hould|[Oo]nce)\b")

# A stance's verb phrase ends with its clause: ", and", ", but", ";", " while", " because".
# "wants a 12% raise and an independent inspection": an "and" before a noun phrase joins
# what the actor wants; after a comma or before anything else it starts a clause of its own.
_STANCE_END = re.compile(
    r",[ \t]+(?:and|but|while|whereas|because|as|" + "|".join(sorted(PARTICIPLES)) + r")[ \t]+"
    r"|[ \t]+(?:and(?![ \t]+(?:a|an|the|more|its|their|new|further|any|no|to)[ \t])|but|while|"
    r"whereas|because|as)[ \t]+|;|[ \t]+—"
)

# A common noun, then "who" or "that" with no comma: a relative clause that says which ones
# ("patients who want the drug"), not a stance.
_RESTRICTIVE_LEAD = re.compile(r"\b[a-z][a-z\-]+[ \t]+(?:who|that)[ \t]+$")
# A name, an acronym in brackets at most, then "which" or "who": the verb after is the name's.
_RELATIVE_LEAD = re.compile(r"(?:[ \t]+\([A-Z]{2,6}\))?,[ \t]+(?:which|who)[ \t]+(?:also[ \t]+)?$")

_RELATIVE_END = re.compile(r",|;|[ \t]+—")

_FINITE = re.compile(
    r"\b(?:is|are|was|were|will|would|could|can|may|might|must|should|has|have|had|does|did|"
    r"do|won’t|won't)\b|\w+ed\b"
)

_APPOSITION = re.compile(r"[ \t]+(?:a|an|the)[ \t]+[^,;:.!?“”\"]{2,80}?,")

_TOLD_WHOM = re.compile(
    r"[ \t]+(?:reporters|journalists|the[ \t]+press|lawmakers|legislators|parliament|"
    r"delegates|investors|analysts|students|workers|members|us|me|him|her|them|"
    r"(?:the|a|an)[ \t]+[a-z][\w\-]*(?:[ \t]+[a-z][\w\-]*)?)[ \t]+(?!that\b)"
)

# A time or a medium between the verb and a clause without "that" ("said last month it would
# cut prices", "said on Monday the talks would resume", "said in a statement it was ready").
_TIME_GAP = re.compile(
    r"[ \t]+(?:(?:last|this|earlier[ \t]+this)[ \t]+(?:week|month|year|weekend|spring|summer|"
    r"autumn|winter)|(?:on[ \t]+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"yesterday|earlier|in[ \t]+a[ \t]+(?:statement|note|letter|report|interview|speech))"
    r"[ \t]+(?=(?:it|they|he|she|we|the|its|their)[ \t])"
)

# "asked the CTA to guarantee ...", "has told clients to hedge ...": a demand or advice.
_ASK_VERBS = words("asked asks told tells")

_ASKED_TO = re.compile(r"[ \t]+(?:the[ \t]+)?[\w’'\-]+(?:[ \t]+[\w’'\-]+){0,3}?[ \t]+to[ \t]+[a-z]")

_SAID_COMMA = re.compile(r",[ \t]+(?=[a-z])")

# A leading time or place alone, before "he said," ("In early 2025", "Last year").
_CIRCUMSTANCE_ONLY = re.compile(
    r"[ \t]*(?:(?:In|On|At|By|Since|During|Until|Before|After)[ \t]+[\w’'\-]+"
    r"(?:[ \t]+[\w’'\-]+){0,2}|(?:Last|This|Next)[ \t]+\w+)[ \t]*"
)

_AFTER_CLAUSE_VERBS = words(
    "said says added argued warned noted insisted predicted believes thinks wrote writes "
    "cautioned concluded"
)

_ROLE_AND_NAME = re.compile(
    r",[ \t]+(?:its|their|his|her|the|a|an)[ \t][^,;:“”\"_]{1,50},[ \t]+[^,;:“”\"_]{1,40},[ \t]*$"
)

_OWNER_NOUN = re.compile(r"[Tt]he[ \t]+(?P<noun>[a-z][\w\-]+)[’']s[ \t]+")

_AND_THAT = re.compile(
    r",?[ \t]+(?:and|but)[ \t]+that[ \t]+"
    # "says it is neutral on the merger but wants a guarantee ...": a stance of its own.
    r"|,?[ \t]+(?:and|but)[ \t]+(?=(?:wants|opposes|backs|supports|favours|favors|rejects|"
    r"demands|seeks)\b)"
)

_FIRST_WORD = re.compile(r"[ \t]+(?P<word>[\w’'\-]+)")

_LAST_COMMA_PHRASE = re.compile(r",[ \t]+(?:[^,;:“”\"_]{1,60}?)[ \t]*$")

_SENTENCE_PUNCT = re.compile(r"[.;!?]")

_IN_VIEW = re.compile(
    r"[Ii]n[ \t]+(?:(?P<pronoun>his|her)|the[ \t]+\w+[ \t]+of[ \t]+(?P<name>[A-Z][^,]{1,40})|"
    r"(?P<name2>[A-Z][\w\-]+(?:[ \t]+[A-Z][\w\-]+)?)[’']s)[ \t]+"
    r"(?:view|opinion|assessment|judgment|judgement|estimate|estimation|words),[ \t]+"
)

_SUBORDINATOR = re.compile(
    r"(?:While|Although|Though|As|Because|If|When|Since|After|Before|Whereas|Even though)\b"
)

_MAIN_CLAUSE = re.compile(
    rf",[”\"]?[ \t]+(?=(?:he|she|it|they|we|the|[{UPPER}][\w’'\-]*)[ \t]+[a-z])"
)


class ReportedSpeech(SpeechVerbs):
    """Reported clauses and stances of a document, added to the units found so far."""

    def _in_view(self, index: int, sentence: Sentence) -> None:
        """ "In her view, <clause>" / "In Oddvar’s view, <clause>"."""
        m = _IN_VIEW.match(self.doc.masked, sentence.start)
        if not m:
            return
        if m.group("pronoun"):
            speaker = self._pronoun("she" if m.group("pronoun") == "her" else "he", m.start())
        else:
            speaker = self._speaker_at(m.start("name" if m.group("name") else "name2"))
        if speaker is not None:
            self._add(m.end(), sentence.end, speaker, "reported", index)

    def _reported(self, index: int, sentence: Sentence) -> None:
        self._in_view(index, sentence)
        first = bisect_left(self._verb_starts, sentence.start)
        last = bisect_left(self._verb_starts, sentence.end)
        for v in self._verbs[first:last]:
            verb = v.group()
            if self._covered(v.start()):
                continue
            if verb.lower() == "according to":
                self._according(index, sentence, v)
                continue
            if self._after_quote(v.start(), sentence) or self._before_quote(v.end(), sentence):
                continue
            if verb in STANCE_VERBS or verb in PLAN_VERBS:
                self._stance(index, sentence, v, "stance" if verb in STANCE_VERBS else "plan")
                continue
            if verb in _ASK_VERBS and _ASKED_TO.match(self.doc.masked, v.end()):
                # "it asked the CTA to guarantee step-free access": a demand, so a stance
                self._stance(index, sentence, v, "stance")
                continue
            if verb not in NAMING_VERBS and verb not in _CLAUSE_INTRODUCERS:
                continue  # a quote-only verb ("asked", "continued") used in narration
            if verb in PARTICIPLES or verb.endswith("ing"):
                # "..., she said, adding that"; else the sentence's subject ("Judge Marta Ilic
                # ... quashed the permit, ruling that ...", "..., calling the curbs “...”").
                speaker = self._last_speaker_in(sentence, v.start())
                if speaker is None:
                    speaker = self._sentence_subject(sentence, v.start())
            else:
                speaker = self._subject(v.start(), sentence)
            if verb in NAMING_VERBS:
                if speaker is not None:
                    self._fragment(index, sentence, v.end(), speaker)
                continue
            start = self._complement_start(
                v.end(), sentence, tell=verb in TELL_VERBS, bare=verb in _BARE_VERBS
            )
            if start is None:
                self._clause_before(index, sentence, v, speaker)
                continue
            if speaker is None:
                continue
            if verb not in _BARE_VERBS and not _looks_like_clause(
                self.doc.masked[start : sentence.end]
            ):
                continue  # "acknowledged that pressure in his speech": "that" was not a conjunction
            self._add_clauses(index, sentence, start, speaker)

    def _stance(self, index: int, sentence: Sentence, v: re.Match[str], kind: str) -> None:
        """ "Oskland opposes any cap on wheat", "Varnia wants the tariff scrapped" (a stance:
        a position), "X expects the deal to exclude fuel" (a plan: a prediction): a named
        actor (or a pronoun for one) right before the verb; the statement is the verb phrase,
        up to the end of its clause."""
        masked = self.doc.masked
        lead = masked[sentence.start : v.start()]
        if not lead.strip():
            return  # no subject before the verb
        if _CONDITION_LEAD.match(lead[lead.rfind(",") + 1 :].lstrip()):
            return  # "If the council rejects the sale, ...": a condition, not a stance
        if _RESTRICTIVE_LEAD.search(lead):
            return  # "patients who want the drug will have to pay": a relative clause
        if self._attributed_after(v.end(), sentence):
            return  # "The airline plans to run ..., Brandauer said": Brandauer's statement
        relative = _RELATIVE_LEAD.search(lead)
        if relative is not None:
            # "The Fund (GMF), which expects the economy to grow by 0.8%, said ...": the
            # relative clause's own stance, up to the comma that closes it.
            mention = self._mention_ends.get(sentence.start + relative.start())
            if mention is None or mention.in_quote or mention.demonym:
                return
            speaker: int | None = mention.actor
            stop = _RELATIVE_END.search(masked, v.end(), sentence.end)
        else:
            speaker = self._subject(v.start(), sentence)
            stop = _STANCE_END.search(masked, v.end(), sentence.end)
            if (
                stop is not None
                and v.group().startswith(("dismiss", "regard"))
                and stop.group().strip() == "as"
            ):
                # "dismissed X as Y", "regard that burden as manageable"
                stop = _STANCE_END.search(masked, stop.end(), sentence.end)
        if speaker is None:
            return
        self._add(v.start(), stop.start() if stop else sentence.end, speaker, kind, index)

    def _attributed_after(self, pos: int, sentence: Sentence) -> bool:
        """Whether the rest of the sentence after `pos` ends in the attribution of a clause
        before it ("<clause>, Brandauer said.")."""
        masked = self.doc.masked
        first = bisect_left(self._verb_starts, pos)
        last = bisect_left(self._verb_starts, sentence.end)
        for w in self._verbs[first:last]:
            if w.group() in _AFTER_CLAUSE_VERBS and _LAST_COMMA_PHRASE.search(
                masked, pos, w.start()
            ):
                tail = masked[w.end() : sentence.end]
                return not THAT_WORD.search(tail) and len(tail.split()) <= 6
        return False

    def _complement_start(
        self, pos: int, sentence: Sentence, *, tell: bool, bare: bool = True
    ) -> int | None:
        masked = self.doc.masked
        rest = masked[pos : sentence.end]
        m = _FIRST_WORD.match(rest)
        if not m:
            return None
        word = m.group("word")
        window_end = pos + min(len(rest), 110)
        if not tell and _AS_MUCH_AS.match(rest):
            return pos + m.start("word") if bare else None
        if tell or word.lower() in _GAP_START:
            stop = _STOP_GAP.search(masked, pos, window_end)
            limit = stop.start() if stop else window_end
            that = _THAT.search(masked, pos, limit)
            if that is None:
                # "She told reporters the talks would resume": a short object, then a clause.
                told = (
                    _TOLD_WHOM.match(masked, pos, limit) if tell else _TIME_GAP.match(masked, pos)
                )
                if told and _looks_like_clause(masked[told.end() : sentence.end]):
                    return told.end()
                return None
            return that.end()
        if word.lower() in _NO_COMPLEMENT_START:
            return None
        if word == "that":
            return pos + m.end()
        return pos + m.start("word") if bare else None

    def _add_clauses(self, index: int, sentence: Sentence, start: int, speaker: int) -> None:
        masked = self.doc.masked
        subordinate = _SUBORDINATOR.match(masked, sentence.start) is not None
        while True:
            end = sentence.end
            stop = _COMPLEMENT_END.search(masked, start, end)
            if stop:
                end = stop.start()
            if subordinate:
                # "While Trump declared that <clause>, he made no mention of ...": the
                # reported clause ends where the main clause begins.
                main = _MAIN_CLAUSE.search(masked, start, end)
                if main:
                    end = main.start()
            split = _AND_THAT.search(masked, start, end)
            next_start = None
            if split:
                next_start = split.end()
                end = split.start()
            self._add(start, end, speaker, "reported", index)
            if next_start is None:
                return
            start = next_start

    def _according(self, index: int, sentence: Sentence, v: re.Match[str]) -> None:
        masked = self.doc.masked
        pos = v.end()
        while pos < sentence.end and masked[pos] in " \t":
            pos += 1
        speaker = self._speaker_at(pos)
        if speaker is None:
            # "according to the council’s own finance department": a body named by a common
            # noun and its owner speaks for the owner (GUIDELINES).
            owner = _OWNER_NOUN.match(masked, pos, sentence.end)
            speaker = self._nominal(owner.group("noun"), pos) if owner else None
        comma = masked.find(",", pos, sentence.end)
        if speaker is None:
            return
        if v.start() > sentence.start + 3 and masked[v.start() - 2 : v.start()] == ", ":
            # "<clause>, according to X."
            self._add(sentence.start, v.start() - 2, speaker, "reported", index)
            return
        while comma != -1 and self.cast.in_role(comma):
            comma = masked.find(",", comma + 1, sentence.end)
        if comma == -1:
            return
        # "According to Lars Holm, a freight broker in Tallor, <clause>": the apposition is
        # not the statement, even when its noun is not one the roles know.
        appo = _APPOSITION.match(masked, comma + 1, sentence.end)
        if appo and not _FINITE.search(appo.group()):
            comma = appo.end() - 1
        self._add(comma + 1, sentence.end, speaker, "reported", index)

    def _sentence_subject(self, sentence: Sentence, end: int) -> int | None:
        """The actor named at the start of `sentence`, before `end` (after a title at most):
        the one a participle's clause is attributed to."""
        start = max(sentence.start, self.doc.dateline_end)
        for m in self.cast.mentions_in(start, end):
            if m.start - start > 40:
                return None
            if not (m.in_quote or m.in_role or m.possessive or m.after_preposition or m.demonym):
                return m.actor
        return None

    def _clause_before(
        self, index: int, sentence: Sentence, v: re.Match[str], speaker: int | None
    ) -> None:
        """ "<clause>, she said." : reported speech before its attribution, no quotation."""
        masked = self.doc.masked
        head = masked[sentence.start : v.start()]
        # "<clause>, its leader, Fergus Renwick, said": a role and a name, in apposition.
        m = _LAST_COMMA_PHRASE.search(head) or _ROLE_AND_NAME.search(head)
        if not m or speaker is None or v.group() not in _AFTER_CLAUSE_VERBS:
            return
        clause_end = sentence.start + m.start()
        if "”" in masked[sentence.start : clause_end] or '"' in masked[sentence.start : clause_end]:
            return
        after = _SAID_COMMA.match(masked, v.end())
        if after and _CIRCUMSTANCE_ONLY.fullmatch(masked, sentence.start, clause_end):
            # "In early 2025, he said, prices could swing ...": the words after are the claim.
            self._add(after.end(), sentence.end, speaker, "reported", index)
            return
        self._add(sentence.start, clause_end, speaker, "reported", index)

    def _fragment(self, index: int, sentence: Sentence, pos: int, speaker: int) -> None:
        """ "X called the hold “a missed opportunity”": the quoted fragment after the verb."""
        for q in self.doc.quotes_between(pos, sentence.end):
            gap = self.doc.masked[pos : q.start]
            if len(gap.split()) <= 8 and not _SENTENCE_PUNCT.search(gap):
                self._add(q.inner_start, q.inner_end, speaker, "fragment", index)
            return


_AUXILIARIES = words(
    """
    is are was were be been am has have had do does did will would could can may might shall
    should must won’t can’t isn’t aren’t wasn’t weren’t hasn’t haven’t didn’t doesn’t
    """
)
_NOT_VERBS = words("his its this has was is us as yes less plus thus news ties series")
_SUBJECT_PRONOUNS = words("i we they he she it you there")


def _looks_like_clause(rest: str) -> bool:
    """Whether words after "that" form a clause (they have a verb), not a noun phrase."""
    tokens = rest.lower().split()[:14]
    if tokens and tokens[0] in _SUBJECT_PRONOUNS:
        return True
    return any(
        t in _AUXILIARIES
        or t.endswith("ed")
        or (len(t) > 3 and t.endswith("s") and t not in _NOT_VERBS)
        for t in (tok.strip(',.;:“”"’') for tok in tokens)
    )
