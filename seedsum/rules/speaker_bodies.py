"""Who a speaker speaks for: the body a person's role names ("Kovina's chief executive"), the
one linked to a mention of them ("Sofia Aaltmann of the Progress Alliance", "Malt, who has
led the Competition Authority"), the antecedent of "its" in their introduction ("Its
chairman, Piet Aro, said" after a sentence about the federation), the body their sentence
says they lead, else an organization mentioned just before them or, for an executive, the
one the text is most about. An organization or state speaks for itself. `Affiliation` has
these as methods (see `affiliation`).
"""

from __future__ import annotations

import re

from .cast import GROUP, ORGANIZATION, PERSON, ActorInfo, Cast, Mention
from .lexicon import PERSON_ROLE_NOUNS, words
from .sentences import Document

__all__ = ["SpeakerBodies", "is_central_bank"]

# Between a mention of a person and of their organization ("X of the Y", "X, who leads the Y").
_LINK = re.compile(
    r"\s+(?:of|at|from)\s+(?:the\s+)?"
    r"|,\s+(?:who|which)\s+(?:has\s+|had\s+)?(?:led|leads|heads|headed|runs|ran|chairs|chaired|"
    r"directs|founded|joined|joins)\s+(?:the\s+)?"
)
# "Its chairman, " / "their spokeswoman, " right before the person's first mention.
_LED_BY_PRONOUN = re.compile(
    r",\s+(?:whose\s+(?:board|council|committee)\s+|which\s+)(?:she|he)\s+"
    r"(?:chairs|leads|heads|runs|founded|co-founded)\b"
)
_ITS_ROLE = re.compile(r"\b(?:[Ii]ts|[Tt]heir)\s+[^,.;“”\"]{1,60},\s*$")
_EXECUTIVE = re.compile(
    r"(?i:chief\s+(?:executive|financial|operating|commercial)(?:\s+officer)?|managing\s+director|"
    r"finance\s+director)"
)
_EMPLOYER_IN_ROLE = re.compile(r"\b(?:for|of|at|with)\s+(?:the\s+)?[\w’'\-]")
_CENTRAL_BANK = re.compile(
    r"\b(?:Central|National|Reserve|People’s)\s+Bank\b|\bBank\s+of\b|\bFederal\s+Reserve\b"
)


def is_central_bank(actor: ActorInfo) -> bool:
    return actor.kind == ORGANIZATION and any(_CENTRAL_BANK.search(f) for f in actor.forms)


# Bodies a title may name before its noun: "Council leader", "union chairman".
_BODY_NOUNS = words("council union party board federation association authority agency")
# A role owned by a body named by a common noun: "council's chief engineer".
_ROLE_OWNER = re.compile(r"(?:[Tt]he\s+)?(?P<noun>[a-z][a-z\-]*)[’']s\s")


class SpeakerBodies:
    """The bodies one document's speakers speak for (a part of `Affiliation`)."""

    doc: Document
    cast: Cast
    _organizations: dict[int, list[int]]

    @property
    def _by_actor(self) -> dict[int, list[Mention]]:
        raise NotImplementedError  # `Affiliation` has it

    def described(
        self, noun: str, pos: int, speaker: int | None = None, head: bool = True
    ) -> list[int]:
        raise NotImplementedError  # `Affiliation` has it

    def first_reference(self, sentence: int, back: int = 4) -> int | None:
        raise NotImplementedError  # `Affiliation` has it

    def speakers_organization(self, speaker: int) -> list[int]:
        """The organization or state the speaker speaks for (see the module docstring)."""
        found = self._organizations.get(speaker)
        if found is None:
            found = self._organizations[speaker] = self._organization(speaker)
        return found

    def _organization(self, speaker: int) -> list[int]:
        actor = self.cast.actors[speaker]
        if actor.kind != PERSON:
            return [speaker]
        role = actor.role or ""
        # The body whose form the role holds as whole words, the longest one ("chief executive
        # of the Dravonian Water Services Authority": the authority, not Dravonia), else one
        # whose form begins a word of it ("Varnian Trade Minister": Varnia).
        named = self.cast.body_named_in(role, speaker)
        if named is not None:
            return [named]
        for i, other in enumerate(self.cast.actors):
            if i != speaker and other.kind != PERSON and any(f in role for f in other.forms):
                return [i]
        body = self._body_in_role(speaker, role)
        if body is not None:
            return [body]
        if role.lower() == "governor":  # a governor, and the text names its central bank
            banks = [i for i, a in enumerate(self.cast.actors) if is_central_bank(a)]
            if len(banks) == 1:
                return banks
        own = self._by_actor.get(speaker, [])
        text = self.doc.text
        for m in own:
            j = self.cast.mentions_before(m.end)
            if j < len(self.cast.mentions):
                nxt = self.cast.mentions[j]
                if self.cast.actors[nxt.actor].kind != PERSON and _LINK.fullmatch(
                    text, m.end, nxt.start
                ):
                    return [nxt.actor]
        if not own:
            return []
        led = self._led_by_pronoun(own)
        if led is not None:
            return [led]
        first = own[0]
        sentence = self.doc.sentence_index(first.start)
        start = self.doc.sentences[sentence].start
        if _ITS_ROLE.search(text, max(start, first.start - 80), first.start):
            # "The Social Labour Party backs the claim, and its leader, X, said": the body
            # the sentence opens with, else the one the sentences before are about.
            antecedent = self._opening_body(start, first.start)
            if antecedent is None:
                antecedent = self.first_reference(sentence)
            if antecedent is not None:
                return [antecedent]
        if _EMPLOYER_IN_ROLE.search(role):
            return []  # "spokesman for the opposition Civic Renewal party": not an actor here
        i = self.cast.mentions_before(first.start) - 1
        while i >= 0 and first.start - self.cast.mentions[i].end < 200:
            m = self.cast.mentions[i]
            if self.cast.actors[m.actor].kind in {ORGANIZATION, GROUP}:
                return [m.actor]
            i -= 1
        if _EXECUTIVE.fullmatch(role):
            # "Chief financial officer Jonas Mettler" on the company's results: an executive
            # with no body named near speaks for the organization the text is most about.
            counts = self.cast.mention_counts
            firms = [j for j in counts if self.cast.actors[j].kind == ORGANIZATION]
            if firms:
                return [max(firms, key=lambda j: (counts[j], -j))]
        return []

    def _body_in_role(self, speaker: int, role: str) -> int | None:
        """The body a role names by a common noun: "the council's chief engineer", "Council
        leader", "Deputy council leader" are the council the text's "the council" is."""
        owner = _ROLE_OWNER.match(role)
        nouns = [owner.group("noun")] if owner is not None else []
        parts = role.split()
        if owner is None and len(parts) > 1 and parts[-1].lower() in PERSON_ROLE_NOUNS:
            nouns = [w.lower() for w in parts[:-1] if w.lower() in _BODY_NOUNS]
        own = self._by_actor.get(speaker, [])
        at = own[0].start if own else len(self.doc.text)
        for noun in nouns:
            for i in self.described(noun, at):
                if i != speaker and self.cast.actors[i].kind != PERSON:
                    return i
        return None

    def _opening_body(self, start: int, end: int) -> int | None:
        """The organization, group or state named first between `start` (a sentence's start)
        and `end`, as a subject: not in a role, a quotation or a possessive."""
        for m in self.cast.mentions_in(start, end):
            if m.in_role or m.in_quote or m.possessive or m.demonym:
                continue
            return m.actor if self.cast.actors[m.actor].kind != PERSON else None
        return None

    def _led_by_pronoun(self, own: list[Mention]) -> int | None:
        """A body the person's own sentence says they lead: "Mayor Noor Castellan ... the
        Saltrey Port Authority, whose board she chairs"."""
        cast = self.cast
        for m in own:
            sentence = self.doc.sentences[self.doc.sentence_index(m.start)]
            for led in _LED_BY_PRONOUN.finditer(self.doc.masked, m.end, sentence.end):
                j = cast.mentions_before(led.start()) - 1
                if j >= 0 and cast.mentions[j].end == led.start():
                    body = cast.mentions[j].actor
                    if cast.actors[body].kind in {ORGANIZATION, GROUP}:
                        return body
        return None
