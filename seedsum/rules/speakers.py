"""Who speaks: the subject of a speech verb, or the actor a short phrase after a quotation
names ("Holt", "she", "the company").

`SpeakerFinder` holds what `attribution._Attributor` needs to resolve a speaker; what
pronouns and common nouns refer to is in `references`, the units found so far in `units`.
Attribution (where statements are) builds on it; this module decides who says them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..attribution import is_unnamed_source
from .actors import PERSON
from .cast import ActorInfo
from .lexicon import QUOTE_VERBS
from .references import BUSINESSES, SPOKES_NOUNS, STATE_ORGANS, References
from .sentences import Sentence
from .titles import employer_before
from .units import UNNAMED

__all__ = ["QUOTE_VERB_ALT", "SpeakerFinder"]

QUOTE_VERB_ALT = "|".join(sorted(QUOTE_VERBS))


_ADVERB_TAIL = re.compile(
    r"(?:[ \t]+(?:also|has|have|had|again|once|later|then|repeatedly|previously|publicly|"
    r"privately|separately|already|never|often|long|recently|still|now|would|will|has long|"
    r"had earlier|earlier|first|last week|on \w+))+[ \t]*$|[ \t]+$"
)

_ATTRIBUTION_BEFORE = re.compile(
    rf"(?P<who>[^,”\"]{{1,60}}?)[ \t]+(?:{QUOTE_VERB_ALT})\b[^,]*,[ \t]*$"
    # "…,” said Dana Frisk, chief economist at Norrholm Bank, adding that ...": inverted.
    rf"|\b(?:{QUOTE_VERB_ALT})[ \t]+(?P<who2>[^,”\"]{{1,60}}?)(?:,[ \t]+[^,”\"]{{1,60}}?)?,[ \t]*$"
)

# "..., and one of them said": the subject after the conjunction.
_CONJUNCTION_LEAD = re.compile(r"^(?:and|but)\s+")

# "Two officials, speaking privately, said", "A hotel owner who asked not to be named said",
# "..., who asked not to be named, because she sits on its board, said".
_PERSONS_BODY = re.compile(r"(?:^|(?<=[\s“\"]))(?P<p>[Hh]is|[Hh]er)[ \t]+(?:[a-z]+[ \t]+)?[a-z]+$")
# A step of `_subject` that decides there is no speaker it can read (not "undecided").
_NO_ONE = -99
_RELATIVE_TAIL = re.compile(r",[ \t]+(?:which|who)\b[^,;“”\"]{0,80},[ \t]*$")
_A_SPOKESPERSON = re.compile(r"(?:^|[ \t])[Aa][ \t]+spokes(?:man|woman|person)$")
_ACRONYM_TAIL = re.compile(r"[ \t]+\([A-Z][A-Z0-9&]{1,7}\)[ \t]*$")
# "Green Union deputies", "Danuvia officials": a body's people by a plural noun.
_MEMBERS_END = re.compile(r"[ \t]+(?:[a-z][\w\-]*[ \t]+)?[a-z][\w\-]*[a-rt-z]s$")
_PRIVATELY_AFTER = re.compile(
    r"[a-z]+[ \t]+(?:privately|anonymously|off[ \t]+the[ \t]+record|"
    r"on[ \t]+(?:the[ \t]+)?condition[ \t]+of[ \t]+anonymity)\b"
)
_SPEAKING_PRIVATELY = re.compile(
    r"(?:,[ \t]+|[ \t]+)(?:(?:speaking|talking)[ \t]+(?:privately|anonymously|"
    r"off[ \t]+the[ \t]+record|on[ \t]+(?:the[ \t]+)?condition[ \t]+of[ \t]+anonymity)"
    r"|who[ \t]+(?:asked|declined|did[ \t]+not[ \t]+want)[ \t]+(?:not[ \t]+)?to[ \t]+be[ \t]+"
    r"(?:named|identified))"
    r"(?:[^,]{0,80},[ \t]*(?:[^,]{0,80},[ \t]*)?|[ \t]*)$"
)
_COORDINATION = re.compile(r"[\s”\"’,]*(?:and|but|then|and then)?[\s,]*")

_DEMONYM_ORGAN = re.compile(
    r"(?:\b[Tt]he[ \t]+|^|(?<=[\s,]))(?P<dem>[A-Z][\w\-]+)[ \t]+"
    r"(?:delegation|side|government|foreign ministry|ministry|officials|authorities|"
    r"negotiators|leadership|embassy|military|army|cabinet|administration|presidency|"
    r"department)$"
)

# "Castrel holds elections in May. Its government has refused ...": a body of the actor
# named before.
_ITS_END = re.compile(r"(?:^|(?<=\s))[Ii]ts[ \t]+(?:[\w\-]+[ \t]+)?[a-z][\w\-]+$")
# "the federation said", and a person's body: "his ministry is pushing for", "her group wants".
_NOMINAL_END = re.compile(
    # "the trust's finance director said": up to two words before the noun, a possessive one.
    r"\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir)[ \t]+(?:[\w\-’']+[ \t]+){0,2}(?P<noun>[a-z][\w\-]+)$"
)
# Titles whose holder speaks as a person (unlike a spokesperson, who speaks for the body).
_PERSON_HEADS = frozenset(
    {"chair", "chairman", "chairwoman", "chairperson", "president", "director", "leader",
     "governor", "mayor", "secretary", "executive", "head", "founder", "commissioner"}
)  # fmt: skip
# "the trust's board": the possessive noun of a nominal speaker, and the parts of a body
# that speak for it.
_OWNER_NOUN = re.compile(r"\b[Tt]he[ \t]+(?P<noun>[a-z][\w\-]+)[’']s[ \t]")
_BODY_PARTS = frozenset({"board", "management", "leadership", "executive", "council"})
# "Benn has promised a budget and wants lower costs": a second verb of the clause's subject.
_AND_END = re.compile(r"[ \t]+and$")
# What may stand before a clause's subject: a title ("Finance Minister"), "The".
_TITLE_LEAD = re.compile(r"(?:[A-Z][\w\-’']*[ \t]+)*")
_VERB_AFTER = re.compile(r"[ \t]+(?:[a-z]+[ \t]+)?[a-z]+(?:s|ed)\b")

_CLOSE_TO = re.compile(
    r"\b(?:close\s+to|familiar\s+with|briefed\s+on|with\s+knowledge\s+of)[ \t]+"
    r"(?:[\w’'\-]+[ \t]+){0,3}[\w’'\-]+$"
)

_NOMINAL_LEAD = re.compile(r"[ \t]*[Tt]he[ \t]+(?P<noun>[a-z][\w\-]+),")

_NOMINAL_PHRASE = re.compile(r"[Tt]he[ \t]+(?:[\w\-]+[ \t]+)?(?P<noun>[a-z][\w\-]+)")


_ORGAN_END = re.compile(
    r"(?:[’']s?)?[ \t]+(?:[a-z][\w\-]*[ \t]+){0,2}"
    r"(?:ministry|government|delegation|office|spokesman|spokeswoman|spokesperson|embassy|"
    r"cabinet|side|negotiators|administration|presidency|press office|team|leadership|"
    r"department)$"
)

_STATE_SPOKESPERSON = re.compile(
    r"\b(?:[Aa]n?|[Tt]he)[ \t]+(?:[a-z]+[ \t]+)?(?:ministry|government|cabinet|treasury|department)"
    r"[ \t]+(?:spokes(?:wo)?man|spokesperson)$"
)

_PRONOUN_END = re.compile(r"(?:^|[\s,(])(?P<p>[Hh]e|[Ss]he|[Ii]t|[Tt]hey)$")

_PRONOUN_PHRASE = re.compile(r"(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey)")


class SpeakerFinder(References):
    """Resolves speakers against a document's cast and records the units found."""

    def _resolve_phrase(self, start: int, end: int, sentence: Sentence) -> int | None:
        """The actor a short phrase right after a quotation names ("Holt", "she", "the
        company", "Jana Kovel, chief economist at Orsa Bank")."""
        phrase = self.doc.text[start:end].strip()
        pronoun = _PRONOUN_PHRASE.fullmatch(phrase)
        if pronoun:
            return self._pronoun(phrase.lower(), start)
        m = self._speaker_at(start)
        if m is not None:
            return m
        nominal = _NOMINAL_PHRASE.fullmatch(phrase)
        if nominal:
            return self._nominal(nominal.group("noun"), start)
        if _STATE_SPOKESPERSON.search(phrase):
            return self._state_spokesperson(start)  # “...,” a ministry spokeswoman said
        # "economist Nora Quist", "harbour master Ines Calder": a title, then the name.
        for mention in self.cast.mentions_in(start, end):
            if not mention.in_quote and not mention.demonym and not mention.possessive:
                return mention.actor
        return UNNAMED if is_unnamed_source(phrase) else None  # “…,” one agent said

    def _state_spokesperson(self, pos: int) -> int | None:
        """Whom "a ministry spokesman" speaks for: a ministry named by its name a sentence or
        two before ("The Ministry of Mines and Energy urged ... A ministry spokesman said",
        GUIDELINES v7), else the text's main state."""
        ministry = self._last_before(pos, lambda a: "Ministry" in a.name.split())
        return ministry if ministry is not None else self.cast.main_state

    def _body_of_person(self, pronoun: str, pos: int) -> int | None:
        """The organization named in the role of the person "his" or "her" at `pos` is."""
        person = self._pronoun("he" if pronoun == "his" else "she", pos)
        if person is None or person < 0:
            return None
        # A name of two words or more: "a nurse in Brenlow" names a place, not her group.
        return self.cast.body_named_in(self.cast.actors[person].role or "", person, min_words=2)

    def _titled(self, title: str, body: int) -> int | None:
        """The one person whose role ends with `title` and names `body` by a form or noun
        ("the commission's chair"), or is the bare title, if the text has exactly one."""
        owner = self.cast.actors[body]
        words = set(owner.forms) | owner.nouns
        people = [
            i
            for i, a in enumerate(self.cast.actors)
            if a.kind == PERSON
            and a.role
            and a.role.lower().rsplit(None, 1)[-1] == title
            and (len(a.role.split()) == 1 or any(w.lower() in a.role.lower() for w in words))
        ]
        return people[0] if len(people) == 1 else None

    def _last_body_before(self, pos: int) -> int | None:
        """The organization or state mentioned last before `pos`, outside quotations, within
        a few sentences."""
        return self._last_before(pos, lambda a: a.kind != PERSON)

    def _last_before(self, pos: int, wanted: Callable[[ActorInfo], bool]) -> int | None:
        """The actor `wanted` accepts mentioned last before `pos`, outside quotations, within
        a few sentences."""
        i = self.cast.mentions_before(pos) - 1
        while i >= 0 and pos - self.cast.mentions[i].end < 300:
            m = self.cast.mentions[i]
            if not m.in_quote and wanted(self.cast.actors[m.actor]):
                return m.actor
            i -= 1
        return None

    def _subject(self, verb_pos: int, sentence: Sentence, limit: int | None = None) -> int | None:
        """Who is the subject of the verb at `verb_pos`."""
        phrase = self._subject_phrase(verb_pos, sentence, limit)
        if phrase is None:
            return None
        clause_start, core_end, core = phrase
        if _COORDINATION.fullmatch(core):
            # "X called the plan “reckless” and argued that ...": the same speaker.
            return self._last_speaker_in(sentence, verb_pos)
        for step in (self._named_end, self._body_phrase, self._nominal_phrase):
            found = step(core, core_end)
            if found is not None:
                return None if found == _NO_ONE else found
        found = self._plural_phrase(core, clause_start, core_end, verb_pos)
        if found is not None:
            return None if found == _NO_ONE else found
        return self._apposition(clause_start, core_end, verb_pos)

    def _subject_phrase(
        self, verb_pos: int, sentence: Sentence, limit: int | None
    ) -> tuple[int, int, str] | None:
        """Where the clause before the verb at `verb_pos` starts, where its subject phrase
        ends (before adverbs, an acronym in parentheses, a relative clause after "Its X"),
        and its last 80 characters; None when nothing precedes the verb."""
        masked = self.doc.masked
        clause_start = max(sentence.start, limit or 0, self._last_unit_end(sentence, verb_pos))
        semi = masked.rfind(";", clause_start, verb_pos)
        if semi != -1:
            clause_start = semi + 1
        # The patterns below are anchored at the end, so a short window suffices.
        window = max(clause_start, verb_pos - 80)
        tail = _ADVERB_TAIL.search(masked, window, verb_pos)
        core_end = tail.start() if tail else verb_pos
        acronym = _ACRONYM_TAIL.search(masked, window, core_end)
        if acronym is not None:
            core_end = acronym.start()  # "the Airline Pilots Union of Veskaria (APUV) said"
        relative = _RELATIVE_TAIL.search(masked, clause_start, core_end)
        if relative is not None and _ITS_END.search(masked, clause_start, relative.start()):
            # "Its government, which faces an election in May, has refused": the subject is
            # what the relative clause describes.
            core_end = relative.start()
        if core_end < clause_start:
            core_end = clause_start
        if not masked[clause_start:core_end].strip():
            return None
        return clause_start, core_end, masked[max(clause_start, core_end - 80) : core_end]

    def _named_end(self, core: str, core_end: int) -> int | None:
        """A name or a pronoun right before the verb ("Holt said", "the Kremlin said", "she
        said"), or a state's organ ("Varnia's foreign ministry said")."""
        mention = self._mention_ends.get(core_end)
        if mention is not None and not mention.in_quote and not mention.demonym:
            return self._named_speaker(mention)
        pronoun = _PRONOUN_END.search(core)
        if pronoun:
            return self._pronoun(pronoun.group("p").lower(), core_end)
        organ = _ORGAN_END.search(core)
        if organ:
            m = self._mention_ends.get(core_end - len(core) + organ.start())
            if m is not None:
                return m.actor
        dem = _DEMONYM_ORGAN.search(core)
        if dem and dem.group("dem") in self._demonyms:
            return self._demonyms[dem.group("dem")]
        return None

    def _body_phrase(self, core: str, core_end: int) -> int | None:
        """A spokesperson, "Its government", "its chair": the body named before, or its one
        person of that title; "one person close to the company" is an unnamed source."""
        if _A_SPOKESPERSON.search(core):
            # "Oltavia's tourism ministry must approve it, and a spokesman said": for the
            # body named last before (GUIDELINES v7).
            body = self._last_body_before(core_end)
            if body is not None:
                return body
        if _STATE_SPOKESPERSON.search(core):
            spoken_for = self._state_spokesperson(core_end)  # "a ministry spokeswoman said"
            if spoken_for is not None:
                return spoken_for
        its = _ITS_END.search(core)
        if its is not None:
            # "Castrel ... . Its government has refused": the body or state named last
            # before "Its"
            owner = self._last_body_before(core_end - len(core) + its.start())
            head = core.rsplit(None, 1)[-1]
            if owner is not None and head in _PERSON_HEADS:
                # "..., its chair said. Ines Tavola, the commission's chair, ...": the one
                # person of that title, named before or after.
                titled = self._titled(head, owner)
                if titled is not None:
                    return titled
            if owner is not None:
                return owner
        # "one person close to the company said": not the company (an unnamed source).
        if _CLOSE_TO.search(core) and is_unnamed_source(_last_phrase(core)):
            return UNNAMED
        return None

    def _nominal_phrase(self, core: str, core_end: int) -> int | None:
        """ "His group", "the trust's board", "the federation": the body the noun stands
        for."""
        persons = _PERSONS_BODY.search(core)
        if persons is not None:
            # "His group wants ...": the body named in that person's role ("a retired
            # engineer who leads a residents' group called Water for Mirelle").
            body = self._body_of_person(persons.group("p").lower(), core_end)
            if body is not None:
                return body
        nominal = _NOMINAL_END.search(core)
        if nominal is None:
            return None
        noun = nominal.group("noun")
        possessor = _OWNER_NOUN.search(core, nominal.start())
        if possessor is not None and possessor.group("noun") in self._nouns and noun in _BODY_PARTS:
            # "the trust's board said": the body named by the possessive noun.
            return self._nominal(possessor.group("noun"), core_end)
        if (
            noun in self._nouns
            or noun in STATE_ORGANS
            or noun in BUSINESSES
            or noun in SPOKES_NOUNS
        ):
            return self._nominal(noun, core_end)
        return None

    def _plural_phrase(
        self, core: str, clause_start: int, core_end: int, verb_pos: int
    ) -> int | None:
        """A second verb of a named subject ("Benn has promised ... and wants"), sources
        speaking privately or asking not to be named, a body's people ("Green Union
        deputies"), and unnamed sources ("Experts said"); `_NO_ONE` when the phrase names
        no one the rules can read."""
        masked = self.doc.masked
        if _AND_END.search(core):
            first = self._clause_subject(clause_start, core_end)
            if first is not None:
                return first
        private = _SPEAKING_PRIVATELY.search(masked, max(clause_start, core_end - 200), core_end)
        if private is not None:
            # "Two officials at the ministry, speaking privately, said": they do not speak for
            # the ministry (GUIDELINES: an unnamed source, described as written).
            phrase = re.split(r"[,;:(—]", masked[clause_start : private.start()])[-1]
            named = self.cast.mentions_in(private.start() - len(phrase), private.start())
            if not any(self.cast.actors[m.actor].kind == PERSON for m in named):
                # Whoever asks not to be named is an unnamed source ("Hotel owners in the old
                # town, who asked not to be named, said").
                return UNNAMED if named or phrase.strip() else _NO_ONE
        members = _MEMBERS_END.search(core)
        if members is not None:
            group_of = self._mention_ends.get(core_end - len(core) + members.start())
            if group_of is not None and self.cast.actors[group_of.actor].kind != PERSON:
                # "Several Green Union deputies said": the party speaks (GUIDELINES), unless
                # they said it privately: an unnamed source.
                return UNNAMED if _PRIVATELY_AFTER.match(masked, verb_pos) else group_of.actor
        if not core.rstrip().endswith((",", "”", '"', ")")):
            # No actor: an unnamed source ("Experts said", "several travel agents said"), or
            # a subject the rules cannot read.
            return UNNAMED if is_unnamed_source(_last_phrase(core)) else _NO_ONE
        return None

    def _apposition(self, clause_start: int, core_end: int, verb_pos: int) -> int | None:
        """An apposition or relative clause ends right before the verb: the clause's subject
        is its first name, or the noun it describes ("The federation, which represents 6,800
        dockers, rejected ...")."""
        masked = self.doc.masked
        for m in self.cast.mentions_in(clause_start, core_end):
            if m.after_preposition and employer_before(masked[clause_start : m.start].split()):
                return m.actor  # "Analysts at Tallis & Crane, the broker, expect"
            if m.in_quote or m.in_role or m.possessive or m.after_preposition or m.demonym:
                continue
            if self._in_unit(m.start):
                continue
            return m.actor
        lead = _NOMINAL_LEAD.match(masked, clause_start, core_end)
        if lead and lead.group("noun") in self._nouns:
            return self._nominal(lead.group("noun"), verb_pos)
        return None

    def _clause_subject(self, start: int, end: int) -> int | None:
        """The actor named first in `masked[start:end]`, after a title at most, when a verb
        follows the name ("Finance Minister Aurelio Benn has promised ...")."""
        masked = self.doc.masked
        while start < end and masked[start].isspace():
            start += 1
        lead = _TITLE_LEAD.match(masked, start, end)
        m = next(iter(self.cast.mentions_in(start, end)), None)
        if m is None or lead is None or m.start > lead.end():
            return None
        if m.in_quote or m.possessive or m.after_preposition or m.demonym:
            return None
        return m.actor if _VERB_AFTER.match(masked, m.end) else None

    def _last_speaker_in(self, sentence: Sentence, pos: int) -> int | None:
        """The speaker of the last statement before `pos` in `sentence`, or of the
        attribution just before it ("…,” she said, adding that ...")."""
        index = self.doc.sentence_index(sentence.start)
        for u in reversed(self.units):  # in sentence order until `run` sorts them
            if u.sentence < index:
                break
            if u.sentence == index and u.start <= pos:
                return u.speaker
        start = max(sentence.start, pos - 120)
        m = _ATTRIBUTION_BEFORE.search(self.doc.masked[start:pos])
        if m:
            who = "who" if m.group("who") is not None else "who2"
            return self._resolve_phrase(start + m.start(who), start + m.end(who), sentence)
        return None


def _last_phrase(core: str) -> str:
    """The phrase right before a verb, after the last comma or bracket ("Experts said",
    "..., one person close to the company said"), without a leading conjunction."""
    return _CONJUNCTION_LEAD.sub("", re.split(r"[,;:(—]", core)[-1].strip())
