"""Evidence about each candidate name, gathered in one pass over its occurrences: titles and
roles (see `roles`), speech verbs ("Holt said"), pronouns that follow, and hints that an
unknown name is a state ("X's government") or a capital ("the government in X").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .cast import GROUP, ORGANIZATION, PERSON, span_at
from .lexicon import (
    CLAUSE_VERBS,
    COMMON_CAPITALIZED,
    NAMING_VERBS,
    PLAN_VERBS,
    QUOTE_VERBS,
    STANCE_VERBS,
    TELL_VERBS,
    alternation,
    words,
)
from .names import (
    LOCATION_WORDS,
    TELL_WORDS,
    Candidate,
    called_before,
    starts_sentence,
    word_before,
)
from .roles import RELATIVE_AFTER, TITLE_NOUNS, appositions, head_noun, parenthetical
from .sentences import UPPER, Document
from .titles import (
    body_before,
    employer_before,
    listed_after,
    noun_before,
    role_before,
    title_from_words,
)

_SPEECH_VERBS = QUOTE_VERBS | CLAUSE_VERBS | TELL_VERBS | NAMING_VERBS
_SPEECH_VERB_ALT = "|".join(sorted(_SPEECH_VERBS))
# After a name: the name is the subject of a speech verb.
_SPEECH_AFTER = re.compile(
    r"[ \t]+(?:also[ \t]+|has[ \t]+|had[ \t]+|have[ \t]+|later[ \t]+|then[ \t]+|"
    r"once again[ \t]+|again[ \t]+|previously[ \t]+|repeatedly[ \t]+)*"
    rf"(?:{_SPEECH_VERB_ALT})\b"
)
# Before a name: "said Jana Kovel," (inverted attribution).
_STATE_THINGS = (
    r"(?:general[ \t]+election|government|economy|parliament|president|"
    r"prime[ \t]+minister|capital|voters|currency|central[ \t]+bank|military|armed[ \t]+forces|"
    r"borders?|foreign[ \t]+minister|finance[ \t]+minister|opposition|elections?|"
    r"ruling[ \t]+party|population|constitution|exports|imports|GDP|budget|treasury|army|"
    r"envoy|ambassador|embassy|delegation|(?:chief[ \t]+)?negotiators?|navy|coast[ \t]+guard|"
    r"(?:[a-z]+[ \t]+)?ministry|(?:defen[cs]e|trade|interior|economy|energy|justice|transport|"
    r"health|finance|labou?r|agriculture|fisheries|education|environment)[ \t]+minister|"
    r"national[ \t]+(?:airline|carrier)|"
    r"foreign[ \t]+ministry|(?:steel[ \t]+)?mills|power[ \t]+mix|industry|exporters|farmers|"
    r"manufacturers|households|consumers|(?:two[ \t]+)?(?:largest|biggest)|regions|coast|"
    r"ports)\b"
)
_STATE_POSSESSIVE = re.compile(rf"[’']s[ \t]+{_STATE_THINGS}")
# "Coravia is the second-largest producer. Its agriculture ministry said ...".
_ITS_STATE_NEXT = re.compile(rf"[^.!?\n]{{0,200}}?[.!?][ \t]+Its[ \t]+{_STATE_THINGS}")
# "The government of Caldrea will rule": what only a state has, then "of".
_STATE_OF_BEFORE = re.compile(
    r"\b[Tt]he[ \t]+(?:government|parliament|president|cabinet|prime[ \t]+minister)[ \t]+of[ \t]+$"
)
_CAPITAL_APPOSITION = re.compile(r",[ \t]+the[ \t]+(?:country’s[ \t]+|nation’s[ \t]+)?capital\b")
_CAPITAL_BEFORE = re.compile(r"\b(?:the[ \t]+)?capital(?:[ \t]+city)?,?[ \t]+$")
_CAPITAL_NOUNS = words(
    """
    government parliament authorities administration cabinet leadership regime presidency
    officials lawmakers ministries ministry legislature
    """
)
_HONORIFICS = words("Mr Mrs Ms Miss Dr Sir Dame Lord Lady Prof Professor")
_PRONOUN_SPEAKS = re.compile(
    # "She said" opens a sentence as often as "…,” she said" closes one.
    r"\b(?:[Hh]e|[Ss]he)[ \t]+(?:also[ \t]+)?"
    r"(?:said|added|says|told|argued|insisted|warned|noted)\b"
)
_OTHER_NAME = re.compile(rf"\b[{UPPER}][\w\-]+")


@dataclass
class Evidence:
    kind_votes: Counter[str] = field(default_factory=Counter)
    roles: list[tuple[int, str]] = field(default_factory=list)  # (priority, role)
    nouns: set[str] = field(default_factory=set)
    speaker: bool = False
    outside_roles: int = 0
    state_hint: bool = False
    capital_hint: bool = False
    pronoun_follows: bool = False  # "Reinhold was not ready. “…,” he said."
    first: int = 1 << 62
    count: int = 0
    kind: str = "name"  # what the words themselves say (see `_classify`)
    #: Introduced by name ("a group called X"): an actor even inside someone's role.
    introduced: bool = False


def collect(
    doc: Document, candidates: list[Candidate]
) -> tuple[dict[str, Evidence], list[tuple[int, int]]]:
    """The evidence for every candidate's text, and the spans of roles (sorted)."""
    masked = doc.masked
    evidence: dict[str, Evidence] = {}
    role_spans: list[tuple[int, int]] = []
    for k, c in enumerate(candidates):
        ev = evidence.get(c.text)
        if ev is None:
            ev = evidence[c.text] = Evidence(kind=c.kind, first=c.start)
        if c.end <= doc.dateline_end:
            continue  # "TORRANO, Veskaria, March 4 (Halcyon News) - ": places and the agency
        ev.count += 1
        if c.kind == "skip":
            continue
        before = masked[max(0, c.start - 72) : c.start]
        words_before = before.rsplit(None, 6)[-6:]
        last_word = words_before[-1] if words_before and before[-1:].isspace() else ""
        comma_after = masked.startswith(", ", c.end)
        _roles(masked, c, ev, before, words_before, role_spans)
        following = candidates[k + 1] if k + 1 < len(candidates) else None
        if c.kind == "name" and " " in c.text and _member_of(masked, c, following):
            ev.kind_votes[PERSON] += 1  # "Klara Menn of the Social Progress Party"
        if c.kind == "name" and _CAMPAIGN_AFTER.match(masked, c.end) and before.endswith("The "):
            ev.kind_votes[GROUP] += 2  # "The Save Brenlow General campaign, set up in ..."
        _pronoun_follows(masked, c, ev)
        if not ev.speaker and _speaks(masked, c, before, last_word, comma_after):
            ev.speaker = True
        # States and capitals the gazetteer does not know.
        if not ev.state_hint and (
            (masked.startswith(("’s", "'s"), c.end) and _STATE_POSSESSIVE.match(masked, c.end))
            or (
                " " not in c.text
                and starts_sentence(masked, c.start)
                and _ITS_STATE_NEXT.match(masked, c.end)
            )
            or (" " not in c.text and _STATE_OF_BEFORE.search(before))
        ):
            ev.state_hint = True
        if last_word == "in" and len(words_before) > 1 and words_before[-2] in _CAPITAL_NOUNS:
            ev.capital_hint = True
        if comma_after and _CAPITAL_APPOSITION.match(masked, c.end):
            ev.capital_hint = True
        if "capital" in before[-20:] and _CAPITAL_BEFORE.search(before[-20:]):
            ev.capital_hint = True
    role_spans.sort()
    for c in candidates:
        span = span_at(role_spans, c.start)
        # A name in a relative clause ("Malt, who has led the Competition Authority since
        # 2022") is talked about; only a role proper keeps its names from being actors.
        if c.kind == "skip" or (span is not None and not masked.startswith(", wh", span[0])):
            continue
        if c.end <= doc.dateline_end:
            continue
        if (
            c.kind != "name"
            and word_before(masked[max(0, c.start - 20) : c.start])[0] in TELL_WORDS
        ):
            continue
        evidence[c.text].outside_roles += 1
    return evidence, role_spans


_OF_THE = re.compile(r" of (?:the )?")
_CAMPAIGN_AFTER = re.compile(r"[ \t]+(?:campaign|movement|campaign\s+group|protest\s+group)\b")


def _member_of(masked: str, c: Candidate, following: Candidate | None) -> bool:
    """Whether a name is followed by "of (the)" and an organization's name (the `following`
    candidate): a person's affiliation ("Klara Menn of the Social Progress Party")."""
    of = _OF_THE.match(masked, c.end)
    return (
        of is not None
        and following is not None
        and following.start == of.end()
        and following.kind == "organization"
    )


def _roles(
    masked: str,
    c: Candidate,
    ev: Evidence,
    before: str,
    words_before: list[str],
    role_spans: list[tuple[int, int]],
) -> None:
    """Titles and roles around one occurrence (see `roles`)."""
    last_word = words_before[-1] if words_before and before[-1:].isspace() else ""
    if c.title:
        ev.kind_votes[PERSON] += 2
        if c.title.rstrip(".") not in _HONORIFICS:
            ev.roles.append((2, c.title))
    if c.text.startswith(("Mr.", "Mrs.", "Ms.", "Dr.")):
        ev.kind_votes[PERSON] += 2
    if masked.startswith(", ", c.end):
        appositions(masked, c, ev, before, role_spans)
    elif masked.startswith(" (", c.end):
        parenthetical(masked, c, ev, role_spans)
    listed = listed_after(before) or (noun_before(words_before) if before[-1:].isspace() else None)
    if listed:
        ev.kind_votes[listed] += 2
    elif before[-1:].isspace() and employer_before(words_before):
        ev.kind_votes[ORGANIZATION] += 1
    introduced = called_before(before) if before.endswith(("called ", "named ")) else None
    if introduced:
        ev.kind_votes[introduced[0]] += 3
        ev.roles.append((3, introduced[1]))
        ev.introduced = True
    # A role stated as what the person is: "Teodora Vanek has been deputy governor of the
    # Bank of Tarsenia since 2022".
    copula = _COPULA_ROLE.match(masked, c.end) if c.kind == "name" and " " in c.text else None
    if copula is not None:
        kind, _ = head_noun(copula.group("role"))
        if kind == PERSON:
            ev.kind_votes[PERSON] += 2
            # Not a role span: the body it names is named in a sentence of its own.
            role = copula.group("role")
            current = copula.group("verb") in _CURRENT_ROLE_VERBS and _POSSESSIVE_NAME.match(role)
            ev.roles.append((4 if current else 1, role))
    # Role before the name: "Suriname's chief negotiator, Ivo Samsoedien", "The chief
    # medical officer, Dr Margarethe Morrow"
    start = c.start  # where the words before end
    if words_before and words_before[-1].rstrip(".") in _HONORIFICS and before.endswith(" "):
        cut = before.rstrip().rfind(" ") + 1
        start -= len(before) - cut
        before, words_before = before[:cut], words_before[:-1]
    if before.endswith(", ") and words_before:
        role = role_before(words_before)
        if role:
            ev.kind_votes[PERSON] += 3
            ev.roles.append((3, role))
            role_spans.append((start - len(before) + before.rindex(role.split()[0]), c.start))
        elif body := body_before(before):
            # "The drivers’ union, United Road Workers (URW), opposes ...": the body's role.
            if body[1] == ORGANIZATION:
                ev.kind_votes[ORGANIZATION] += 3
            ev.roles.append((3, body[0]))
            ev.nouns.add(body[0].split()[-1])
    # Lower-case title before the name: "Political analyst Ivan Preobrazhensky"
    if not c.title and last_word.lower() in TITLE_NOUNS:
        title = title_from_words(" ".join(words_before[-4:]))
        if title:
            ev.kind_votes[PERSON] += 2
            ev.roles.append((1, title))
            at = before.rfind(title)
            if title[0].isupper() and at != -1:  # "Orsa Bank economist X": the bank is in it
                role_spans.append((c.start - len(before) + at, c.start))


def _pronoun_follows(masked: str, c: Candidate, ev: Evidence) -> None:
    """A sentence about X, then a quotation "he said" with no other name in between."""
    if (
        not ev.pronoun_follows
        and not ev.speaker
        and c.kind == "name"
        and starts_sentence(masked, c.start)
    ):
        follow = _PRONOUN_SPEAKS.search(masked, c.end, c.end + 300)
        # Names in the candidate's own apposition ("a broker in Westerholt,") are no others.
        apposition = _APPOSITION_AFTER.match(masked, c.end)
        after = apposition.end() if apposition else c.end
        if follow and not any(
            w.group() not in COMMON_CAPITALIZED
            for w in _OTHER_NAME.finditer(masked, after, follow.start())
        ):
            ev.pronoun_follows = True
        elif " " in c.text and _OWN_PRONOUN.match(masked, c.end):
            ev.pronoun_follows = True  # "Adèle Rosquin lost 11 of her 16 hectares"


def _speaks(masked: str, c: Candidate, before: str, last_word: str, comma_after: bool) -> bool:
    """Whether this occurrence is the subject of a speech verb: "X said", "said X"."""
    return bool(
        # "Minister Ola Brandt of Varnia said": the minister speaks, not Varnia; "travel
        # agents in Torrano said": the agents.
        (
            last_word != "of"
            and last_word not in LOCATION_WORDS
            and _SPEECH_AFTER.match(masked, c.end)
        )
        # "The employers' association, VRS, said": a name in apposition, then the verb.
        or (before.endswith(", ") and comma_after and _SPEECH_AFTER.match(masked, c.end + 1))
        # "Halvard Freight, which runs the barges, said": the verb after a relative clause.
        or _speaks_after_relative(masked, c.end)
        # "Green Teveria, the largest of them, said": after an apposition.
        or _speaks_after_apposition(masked, c.end)
        # "According to Mara Tull, a freight broker, ...": attribution without a verb, for
        # a person's name ("according to Eurostat" says nothing of what it is).
        or (
            " " in c.text
            and c.kind == "name"
            and before.endswith(("according to ", "According to "))
        )
        or (
            last_word in _SPEECH_VERBS
            and before[-len(last_word) - 3 : -len(last_word) - 1] in {", ", "” ", '" ', ",”", ',"'}
            # "Imran Desvaux, said Norvasse would close ...": Norvasse is what was said about.
            and not _CLAUSE_VERB_AFTER.match(masked, c.end)
        )
    )


# A person's own "her" or "his" a few words into the sentence they open.
_OWN_PRONOUN = re.compile(r"[ \t]+[a-z]+(?:[ \t]+[a-z\d][\w’'\-]*){0,4}?[ \t]+(?:her|his)\b")
_COPULA_ROLE = re.compile(
    # After the name or its apposition ("Solveig Holloway, an electrical engineer who ran
    # ..., became Tessaro's chief executive in 2022").
    r"(?:,[ \t]+[^,;:.!?“”\"\n]{2,200},)?"
    r"[ \t]+(?P<verb>is|was|has[ \t]+been|had[ \t]+been|became|has[ \t]+become)[ \t]+"
    r"(?:(?:the|a|an)[ \t]+)?"
    r"(?P<role>(?:[a-z][\w’'\-]*|[A-Z][\w\-]*[’']s)(?:[ \t]+[\w’'\-]+){0,7}?)"
    r"(?=[ \t]+(?:since|and|until|for|from|who|when|after|in)\b|[,.;])"
)
# A role the person holds now beats an apposition that only describes them.
_CURRENT_ROLE_VERBS = frozenset({"is", "became"})
_POSSESSIVE_NAME = re.compile(r"[A-Z][\w\-]*[’']s\b")
_CLAUSE_VERB_AFTER = re.compile(
    r"[ \t]+(?:would|will|could|might|may|had|has|have|was|were|is|are|can|should|must)\b"
)


def _speaks_after_relative(masked: str, end: int) -> bool:
    if not masked.startswith(", wh", end):
        return False
    rel = RELATIVE_AFTER.match(masked, end)
    return rel is not None and (
        _SPEECH_AFTER.match(masked, rel.end()) is not None
        or _STANCE_AFTER.match(masked, rel.end()) is not None
    )


def _speaks_after_apposition(masked: str, end: int) -> bool:
    m = _APPOSITION_AFTER.match(masked, end)
    return m is not None and _SPEECH_AFTER.match(masked, m.end()) is not None


_APPOSITION_AFTER = re.compile(
    r",[ \t]+(?:the|a|an|its|their|one[ \t]+of)[ \t][^,;:.!?“”\"\n]{1,60},"
)


# After a relative clause a stance or plan verb is evidence too ("Tallor Shipping, which
# carries the grain, plans to buy ships"); after a bare name it is not, since "Varnia wants"
# says nothing about what Varnia is.
_STANCE_AFTER = re.compile(rf"[ \t]+(?:{alternation(STANCE_VERBS | PLAN_VERBS)})\b")
