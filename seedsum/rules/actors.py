"""Finding the actors of a text: people, states and organizations, with roles and aliases.

1. Runs of capitalized words (outside quotations) are cut into candidate names: leading
   sentence words ("When", "The") are dropped, a title is split off ("U.S. President | Donald
   Trump"), and runs are split at "and"/"of" unless they form one organization name
   ("National Bank of Lusavia").
2. Evidence decides what a candidate is: a title or a role in an apposition ("Tatiana
   Stanovaya, a senior fellow at ..."; "Suriname's chief negotiator, Ivo Samsoedien"), a
   speech verb ("Holt said"), a known first name, an organization word ("... Union", "...
   Bank"), the built-in gazetteer ("Kyiv", "the Kremlin"), or an apposition naming a country.
3. Organizations named only inside someone's role ("chief economist at Orsa Bank") are not
   actors; capitals count for their state when used for its government ("talks between Moscow
   and Kyiv"), not as a mere location ("a senior fellow ... in Berlin").
4. Aliases: surnames used alone, acronyms ("NBL"), the first word of a company's name
   ("Corvane"), capitals and metonyms of states; a capital the gazetteer does not know is
   attached to the text's main state when the text uses it for a government ("the government
   in Corvel").
5. Every occurrence of every form is then found once, with what surrounds it (inside a
   quotation or a role, possessive, after a preposition), for attribution and subjects.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from . import gazetteer
from .lexicon import (
    CLAUSE_VERBS,
    COMMON_CAPITALIZED,
    FEMALE_FIRST_NAMES,
    GROUP_KEYWORDS,
    GROUP_ROLE_NOUNS,
    HYPHEN_ADJECTIVES,
    MALE_FIRST_NAMES,
    NAME_ADJECTIVES,
    NAMING_VERBS,
    NON_ACTOR_KEYWORDS,
    ORG_KEYWORDS,
    ORG_ROLE_NOUNS,
    PERSON_ROLE_NOUNS,
    QUOTE_VERBS,
    STATE_ROLE_NOUNS,
    TELL_VERBS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    WEEKDAYS_MONTHS,
    alternation,
    words,
)
from .sentences import UPPER, Document

PERSON, STATE, ORGANIZATION, GROUP = "person", "state", "organization", "group"

# -- capitalized runs ------------------------------------------------------------------------

_ABBREVIATION_DOT = "|".join(
    f"(?<={a})"
    for a in (
        *(r"\bMr", r"\bMs", r"\bDr", r"\bSt", r"\bLt"),
        *("Mrs", "Gen", "Sen", "Rep", "Gov", "Col", "Adm", "Sgt", "Rev", "Capt", "Prof"),
    )
)
# One capitalized word: "Trump", "O’Brien", "Dubois-Hart", "U.S.", "Mr.", an initial "F.",
# or a plural possessive "Employers’". It starts with an upper-case letter and nothing else,
# which lets the engine skip ahead fast; the word boundary before it is checked in Python.
_TOKEN = (
    rf"[{UPPER}](?:\.(?:[{UPPER}]\.)+"
    rf"|(?:[\w\-]|[’'](?=\w)(?!s\b))*"
    rf"(?:(?<=s)[’'](?=[ \t])|(?:{_ABBREVIATION_DOT})\.|(?<=\b[{UPPER}])\.(?=[ \t]+[{UPPER}]))?)"
)
_CONNECTOR = r"(?:of|for|and|the|de|del|della|van|von|der|den|da|di|du|la|le|al|bin|ibn|on|&)"
_SEP = r"(?:[ \t\u00a0]+|[ \t\u00a0]*\n[ \t\u00a0]*(?!\n))"
_RUN = re.compile(rf"{_TOKEN}(?:{_SEP}(?:{_CONNECTOR}{_SEP})*{_TOKEN})*(?![\w\-])")
_WORD_CHARS_BEFORE = frozenset("’'-.")
_RUN_TOKEN = re.compile(rf"{_TOKEN}|{_CONNECTOR}(?=\s)")
_PARTICLES = words("de del della van von der den da di du la le al bin ibn")
_ACRONYM = re.compile(rf"^[{UPPER}][{UPPER}0-9]{{1,5}}$|^(?:[{UPPER}]\.){{2,}}$")

_SPEECH_VERBS = QUOTE_VERBS | CLAUSE_VERBS | TELL_VERBS | NAMING_VERBS
_SPEECH_VERB_ALT = "|".join(sorted(_SPEECH_VERBS))
# After a name: the name is the subject of a speech verb.
_SPEECH_AFTER = re.compile(
    r"[ \t]+(?:also[ \t]+|has[ \t]+|had[ \t]+|have[ \t]+|later[ \t]+|then[ \t]+|"
    r"once again[ \t]+|again[ \t]+|previously[ \t]+|repeatedly[ \t]+)*"
    rf"(?:{_SPEECH_VERB_ALT})\b"
)
# Before a name: "said Jana Kovel," (inverted attribution).

_APPOSITION_AFTER = re.compile(
    r",[ \t]+(?P<det>(?:a|an|the)[ \t]+)?(?P<role>[^,;:.!?()“”\"\n]{2,200})"
)
_RELATIVE_AFTER = re.compile(
    r",[ \t]+(?P<rel>who|which|whose)[ \t]+(?P<clause>[^,;.!?“”\"\n]{2,140}),"
)
_ROLE_CUT = re.compile(
    r"[ \t]+(?:and[ \t]+(?:the|a|an|also|is|was|has)|who|which|that|whose|said|says|told|"
    r"added|argued|warned|insisted|noted|wrote)\b|[ \t]+[“\"]"
)
_STATE_POSSESSIVE = re.compile(
    r"[’']s[ \t]+(?:general[ \t]+election|government|economy|parliament|president|"
    r"prime[ \t]+minister|capital|voters|currency|central[ \t]+bank|military|armed[ \t]+forces|"
    r"borders?|foreign[ \t]+minister|finance[ \t]+minister|opposition|elections?|"
    r"ruling[ \t]+party|population|constitution|exports|imports|GDP|budget|treasury|army)\b"
)
_CAPITAL_APPOSITION = re.compile(r",[ \t]+the[ \t]+(?:country’s[ \t]+|nation’s[ \t]+)?capital\b")
_CAPITAL_BEFORE = re.compile(r"\b(?:the[ \t]+)?capital(?:[ \t]+city)?,?[ \t]+$")
_LOCATION_WORDS = words(
    """
    in at from near outside inside around via into across through throughout toward towards to
    left visited visiting reached arrived flew
    """
)
_CAPITAL_NOUNS = words(
    """
    government parliament authorities administration cabinet leadership regime presidency
    officials lawmakers ministries ministry legislature
    """
)
_IN_PLACE_WORDS = words("in at from near outside inside around across through throughout")
_TELL_WORDS = words("told tells tell")


def _word_before(before: str) -> tuple[str, bool]:
    """The last word of `before` (lower case), skipping a final "the"; and whether a "the"
    was skipped. `before` must end right before a name."""
    words = before[-40:].split()
    if not words:
        return "", False
    if words[-1].lower() == "the" and before[-1:].isspace():
        return (words[-2].lower() if len(words) > 1 else ""), True
    if not before[-1:].isspace():
        return "", False
    return words[-1].lower(), False


_HONORIFICS = words("Mr Mrs Ms Miss Dr Sir Dame Lord Lady Prof Professor")
_PRONOUN_SPEAKS = re.compile(
    r"\b(?:he|she)[ \t]+(?:also[ \t]+)?(?:said|added|says|told|argued|insisted|warned|noted)\b"
)
_OTHER_NAME = re.compile(rf"\b[{UPPER}][\w\-]+")
_PREPOSITIONS = words(
    """
    of to about with against behind for by from on in at over into toward towards between among
    under after before than like via
    """
)
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
# he/him/his/she/her/hers, starting with a character class so the engine skips ahead fast;
# the word boundary before is checked in Python.
_PRONOUN = re.compile(r"[HhSs](?:(?<=[Hh])(?:e(?:rs?)?|i[ms])|(?<=[Ss])he)\b")
_ROLE_MODIFIERS = words(
    """
    senior chief political opposition former deputy top leading independent veteran local
    regional foreign prominent lead junior principal managing executive associate assistant
    acting state party union government military defense defence security energy oil market
    economic financial finance trade labour labor policy research campaign communications press
    media program programme project country national international general vice influential
    outspoken conservative liberal progressive nationalist centrist pro-government pro-european
    social democratic green left-wing right-wing hardline rights human-rights digital data gas
    grain exporters industry business
    """
)
_TITLE_NOUNS = PERSON_ROLE_NOUNS | words(
    "counterpart rival ally colleague successor predecessor boss"
)


@dataclass
class ActorInfo:
    """One actor as the rules know it."""

    name: str
    kind: str
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    #: Common nouns that refer back to this actor ("company", "bank", "party").
    nouns: set[str] = field(default_factory=set)
    gender: str | None = None  # "m" or "f" for people, when the text shows it
    #: Forms that stand for the actor without naming it: demonyms ("Russian").
    demonyms: list[str] = field(default_factory=list)
    first: int = 0

    @property
    def forms(self) -> list[str]:
        return [self.name, *self.aliases]


class Mention(NamedTuple):
    """One occurrence of an actor's form in the text."""

    start: int
    end: int
    actor: int
    in_quote: bool
    in_role: bool
    possessive: bool
    after_preposition: bool
    demonym: bool


@dataclass
class Cast:
    """The actors of a document and every place they are mentioned."""

    actors: list[ActorInfo]
    mentions: list[Mention]
    role_spans: list[tuple[int, int]]
    main_state: int | None
    _mention_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._mention_starts = [m.start for m in self.mentions]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        i = bisect_left(self._mention_starts, start)
        j = bisect_left(self._mention_starts, end)
        return [m for m in self.mentions[i:j] if m.end <= end]

    def mentions_before(self, pos: int) -> int:
        """The index of the first mention starting at or after `pos`."""
        return bisect_left(self._mention_starts, pos)

    def in_role(self, pos: int) -> bool:
        return _in_spans(self.role_spans, pos)


def _in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect_right(spans, (pos, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


# -- candidates ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Piece:
    """A candidate name inside a capitalized run: offsets relative to the run."""

    start: int
    end: int
    text: str
    kind: str  # "name", "org", "group", "place" (gazetteer), "skip"
    title: tuple[int, int] | None = None  # a title right before the name, relative offsets


class _Candidate(NamedTuple):
    start: int
    end: int
    text: str
    kind: str
    title: str | None = None


def _is_common(word: str) -> bool:
    return word in COMMON_CAPITALIZED or word in WEEKDAYS_MONTHS


def _classify(words: list[str]) -> str:
    text = " ".join(words)
    bare = text.removeprefix("The ").removeprefix("the ")
    if gazetteer.lookup(bare) is not None:
        return "place"
    # The word that names the kind: the last one, or the one before "of"/"for"
    # ("Bank of Lusavia", "Institute for Regional Affairs").
    heads = [words[-1].rstrip("’'")]
    heads += [words[i - 1] for i, w in enumerate(words) if w in {"of", "for"} and i > 0]
    if len(words) > 1:
        for head in heads:
            if head in GROUP_KEYWORDS:
                return GROUP
            if head in ORG_KEYWORDS:
                return ORGANIZATION
    last = heads[0]
    if last in NON_ACTOR_KEYWORDS or bare in gazetteer.REGIONS or last in gazetteer.REGIONS:
        return "skip"
    if any(w in WEEKDAYS_MONTHS for w in words) and len(words) <= 2:
        return "skip"
    if "-" in last and last.rsplit("-", 1)[1].lower() in HYPHEN_ADJECTIVES:
        return "skip"
    return "name"


@functools.lru_cache(maxsize=65536)
def _pieces(run: str, initial: bool = True) -> tuple[_Piece, ...]:
    """Cut one capitalized run into candidate names (offsets relative to `run`).

    `initial`: the run starts a sentence, so a leading ordinary word ("When", "Instead") is
    not part of a name; inside a sentence only articles are dropped ("told The Moscow Times").
    """
    tokens = [(m.group(), m.start()) for m in _RUN_TOKEN.finditer(run)]
    org_like = _classify([t for t, _ in tokens]) in {ORGANIZATION, GROUP} if tokens else False
    while tokens and (
        tokens[0][0] in {"of", "for", "and", "the", "on", "&", "The", "A", "An", "This", "That"}
        or (
            initial
            and _is_common(tokens[0][0])
            and not _gazetteer_run(tokens)
            and not (org_like and tokens[0][0] in NAME_ADJECTIVES)
        )
    ):
        tokens.pop(0)
    while tokens and tokens[-1][0][0].islower():
        tokens.pop()
    if not tokens:
        return ()
    if _gazetteer_run(tokens):
        return (_make_piece(run, tokens, "place"),)
    title_end = _title_end(tokens)
    title: tuple[int, int] | None = None
    if title_end is not None:
        title = (tokens[0][1], tokens[title_end][1] + len(tokens[title_end][0]))
        tokens = tokens[title_end + 1 :]
        while tokens and tokens[0][0] in {"of", "for", "and", "the", "on", "&"}:
            tokens.pop(0)
    pieces: list[_Piece] = []
    for group in _split_run(tokens):
        words = [t for t, _ in group if t not in {"the"}]
        if not words:
            continue
        kind = _classify(words)
        if kind == "name" and len(words) == 1 and _is_common(words[0]):
            continue
        pieces.append(_make_piece(run, group, kind, title if not pieces else None))
    return tuple(pieces)


def _make_piece(
    run: str, tokens: list[tuple[str, int]], kind: str, title: tuple[int, int] | None = None
) -> _Piece:
    while tokens and tokens[0][0] in {"the", "The"} and len(tokens) > 1:
        tokens = tokens[1:]
    start = tokens[0][1]
    end = tokens[-1][1] + len(tokens[-1][0])
    return _Piece(start, end, run[start:end], kind, title)


def _gazetteer_run(tokens: list[tuple[str, int]]) -> bool:
    words = [t for t, _ in tokens]
    if words and words[0] in {"The", "the"}:
        words = words[1:]
    return bool(words) and gazetteer.lookup(" ".join(words)) is not None


def _title_end(tokens: list[tuple[str, int]]) -> int | None:
    """The index of the last token of a leading title ("U.S. President"), if a name follows."""
    end = None
    for i, (tok, _) in enumerate(tokens[:-1]):
        if tok in TITLE_HEADS:
            end = i
        elif not (
            tok in TITLE_MODIFIERS
            or tok in gazetteer.BY_DEMONYM
            or _ACRONYM.match(tok)
            or tok.endswith("’s")
        ):
            break
    if end is None:
        return None
    rest = []
    for tok, _ in tokens[end + 1 :]:
        if tok[0].islower() or tok == "&":
            break
        rest.append(tok)
    if not rest or rest[-1] in ORG_KEYWORDS or rest[-1] in NON_ACTOR_KEYWORDS:
        return None
    return end


def _split_run(tokens: list[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    """Split at "and"/"&" and at "of"/"for"/"on" unless the run is one organization name."""
    if not tokens:
        return []
    last = tokens[-1][0]
    whole_org = last in ORG_KEYWORDS or last in NON_ACTOR_KEYWORDS or last in GROUP_KEYWORDS
    groups: list[list[tuple[str, int]]] = [[]]
    for i, (tok, off) in enumerate(tokens):
        if tok in {"and", "&"}:
            following = tokens[i + 1][0] if i + 1 < len(tokens) else ""
            if not whole_org or following in {"the", "The"}:
                groups.append([])
                continue
        if tok in {"of", "for", "on"}:
            before = tokens[i - 1][0] if i else ""
            keeps = before in ORG_KEYWORDS or before in NON_ACTOR_KEYWORDS or before in TITLE_HEADS
            if not keeps:
                groups.append([])
                continue
        if "-" in tok and tok.rsplit("-", 1)[1].lower() in HYPHEN_ADJECTIVES:
            groups.append([])
            continue
        groups[-1].append((tok, off))
    out: list[list[tuple[str, int]]] = []
    for g in groups:
        while g and g[0][0] in {"of", "for", "and", "the", "on", "&"}:
            g = g[1:]
        while g and g[-1][0] in {"of", "for", "and", "the", "on", "&"} | _PARTICLES:
            g = g[:-1]
        if g:
            out.append(g)
    return out


def _starts_sentence(masked: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and masked[i] in ' \t\u00a0“"‘(«[':
        i -= 1
    return i < 0 or masked[i] in '.!?\n:;”"»—_'


def _lines_of_run(masked: str, start: int, run: str) -> list[tuple[int, str]]:
    """A run cut at its line breaks when it spans whole lines, as a list of names one a line
    does ("Anna Berg\nLars Holm"); a name wrapped across lines of prose stays whole, since
    a wrapped line goes on past the run or starts before it."""
    if "\n" not in run:
        return [(start, run)]
    end = start + len(run)
    out: list[tuple[int, str]] = []
    piece_start = start
    for offset, char in enumerate(run):
        if char != "\n":
            continue
        newline = start + offset
        line_start = masked.rfind("\n", 0, newline) + 1
        next_end = masked.find("\n", newline + 1)
        whole_before = not masked[line_start:piece_start].strip()
        whole_after = (next_end if next_end != -1 else len(masked)) <= end or not masked[
            end : next_end if next_end != -1 else len(masked)
        ].strip()
        if whole_before and whole_after:
            out.append((piece_start, masked[piece_start:newline].rstrip(" \t\u00a0")))
            piece_start = newline + 1
            while piece_start < end and masked[piece_start] in " \t\u00a0":
                piece_start += 1
    out.append((piece_start, masked[piece_start:end]))
    return [(s, r) for s, r in out if r]


def _candidates(doc: Document) -> list[_Candidate]:
    masked = doc.masked
    found: list[_Candidate] = []
    runs: list[tuple[int, str, bool]] = []
    inside: set[str] = set()
    for m in _RUN.finditer(masked):
        start = m.start()
        if start and (masked[start - 1].isalnum() or masked[start - 1] in _WORD_CHARS_BEFORE):
            continue
        if m.group() in COMMON_CAPITALIZED:
            continue  # "The", "But", "However": never a name on its own
        if masked.startswith("By ", start) and (start == 0 or masked[start - 1] == "\n"):
            continue  # a byline ("By Anna Reyes"): the writer, not an actor of the story
        for line_start, line in _lines_of_run(masked, start, m.group()):
            initial = _starts_sentence(masked, line_start)
            runs.append((line_start, line, initial))
            if not initial:
                inside.add(line)
    for base, run, initial in runs:
        for piece in _pieces(run, initial and run not in inside):
            title = None
            if piece.title is not None:
                title = doc.text[base + piece.title[0] : base + piece.title[1]]
            found.append(
                _Candidate(base + piece.start, base + piece.end, piece.text, piece.kind, title)
            )
    return found


# -- evidence --------------------------------------------------------------------------------


_NOT_APPOSITION = words(
    """
    who whom which whose that where when while and but or nor as if because although though
    since after before with without for from in on at to by of said says told added argued
    warned insisted noted has have had is was are were will would could may might can its his
    her their our my your it he she they we i also including such than then so not only even
    just still yet both either neither whether
    """
)


_FINITE_VERBS = words(
    "has have had is are was were will would could may might can should must does did do"
)


def _head_noun(role: str) -> tuple[str | None, str | None]:
    """The kind an apposition's words give ("person", "organization", ...) and its head noun.

    The head is the last known noun before a preposition, a relative pronoun or a participle.
    """
    kind: str | None = None
    head: str | None = None
    words = role.split()
    if not words or words[0].lower() in _NOT_APPOSITION:
        return None, None
    for position, raw in enumerate(words):
        if position > 6 and kind is None:
            break
        if raw[0].isupper() and raw.lower() not in {"ceo", "mp", "mep"}:
            continue
        word = raw.strip("’'").lower()
        if word in _FINITE_VERBS:
            return None, None
        if word in {
            "of",
            "at",
            "for",
            "in",
            "with",
            "from",
            "on",
            "to",
            "that",
            "who",
            "which",
            "by",
            "whose",
            "and",
            "since",
            "under",
            "between",
        }:
            if kind is not None:
                break
            continue
        if word.endswith("ing") and kind is not None:
            break
        base = word.removesuffix("’s")
        if base in PERSON_ROLE_NOUNS:
            kind, head = PERSON, base
        elif base in GROUP_ROLE_NOUNS:
            kind, head = GROUP, base
        elif base in ORG_ROLE_NOUNS:
            kind, head = ORGANIZATION, base
        elif base in STATE_ROLE_NOUNS and kind is None:
            kind, head = STATE, base
    return kind, head


def _clean_role(role: str) -> str:
    cut = _ROLE_CUT.search(role)
    if cut:
        role = role[: cut.start()]
    return role.strip().rstrip(",;:").strip()


@dataclass
class _Evidence:
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


def _collect(
    doc: Document, candidates: list[_Candidate]
) -> tuple[dict[str, _Evidence], list[tuple[int, int]]]:
    masked = doc.masked
    evidence: dict[str, _Evidence] = {}
    role_spans: list[tuple[int, int]] = []
    for c in candidates:
        ev = evidence.get(c.text)
        if ev is None:
            ev = evidence[c.text] = _Evidence(kind=c.kind, first=c.start)
        ev.count += 1
        if c.kind == "skip":
            continue
        if c.title:
            ev.kind_votes[PERSON] += 2
            if c.title.rstrip(".") not in _HONORIFICS:
                ev.roles.append((2, c.title))
        before = masked[max(0, c.start - 72) : c.start]
        words_before = before.rsplit(None, 6)[-6:]
        last_word = words_before[-1] if words_before and before[-1:].isspace() else ""
        comma_after = masked.startswith(", ", c.end)
        if c.text.startswith(("Mr.", "Mrs.", "Ms.", "Dr.")):
            ev.kind_votes[PERSON] += 2
        if comma_after:
            _appositions(masked, c, ev, before, role_spans)
        # Role before the name: "Suriname's chief negotiator, Ivo Samsoedien"
        if before.endswith(", ") and words_before:
            role = _role_before(words_before)
            if role:
                ev.kind_votes[PERSON] += 3
                ev.roles.append((3, role))
                role_spans.append((c.start - len(before) + before.rindex(role.split()[0]), c.start))
        # Lower-case title before the name: "Political analyst Ivan Preobrazhensky"
        if not c.title and last_word.lower() in _TITLE_NOUNS:
            title = _title_from_words(" ".join(words_before[-4:]))
            if title:
                ev.kind_votes[PERSON] += 2
                ev.roles.append((1, title))
        # A sentence about X, then a quotation "he said" with no other name in between.
        if (
            not ev.pronoun_follows
            and not ev.speaker
            and c.kind == "name"
            and " " not in c.text
            and _starts_sentence(masked, c.start)
        ):
            follow = _PRONOUN_SPEAKS.search(masked, c.end, c.end + 300)
            if follow and not any(
                w.group() not in COMMON_CAPITALIZED
                for w in _OTHER_NAME.finditer(masked, c.end, follow.start())
            ):
                ev.pronoun_follows = True
        # Speech: "X said", "said X"
        if (
            not ev.speaker
            and (
                (
                    _SPEECH_AFTER.match(masked, c.end)
                    # "The employers' association, VRS, said": a name in apposition, then the verb.
                    or (
                        before.endswith(", ")
                        and comma_after
                        and _SPEECH_AFTER.match(masked, c.end + 1)
                    )
                )
                or (
                    last_word in _SPEECH_VERBS
                    and before[-len(last_word) - 3 : -len(last_word) - 1]
                    in {", ", "” ", '" ', ",”", ',"'}
                )
            )
        ):
            ev.speaker = True
        # States and capitals the gazetteer does not know.
        if (
            not ev.state_hint
            and masked.startswith(("’s", "'s"), c.end)
            and _STATE_POSSESSIVE.match(masked, c.end)
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
        if c.kind == "skip" or _in_spans(role_spans, c.start):
            continue
        if (
            c.kind != "name"
            and _word_before(masked[max(0, c.start - 20) : c.start])[0] in _TELL_WORDS
        ):
            continue
        evidence[c.text].outside_roles += 1
    return evidence, role_spans


def _appositions(
    masked: str, c: _Candidate, ev: _Evidence, before: str, role_spans: list[tuple[int, int]]
) -> None:
    """Evidence from what follows "X, ": an apposition ("a senior fellow at ...") or a
    relative clause ("who chairs ...", "which ...")."""
    if masked.startswith(", wh", c.end):
        rel = _RELATIVE_AFTER.match(masked, c.end)
        if rel:
            if rel.group("rel") == "who":
                ev.kind_votes[PERSON] += 2
                ev.roles.append((0, _clean_role(rel.group("clause"))))
            else:
                ev.kind_votes["nonperson"] += 1
            role_spans.append((c.end, rel.end()))
        return
    located = (" " not in c.text or c.kind == "place") and (
        _word_before(before)[0] in _IN_PLACE_WORDS
    )
    appo = None if located else _APPOSITION_AFTER.match(masked, c.end)
    if appo is None:
        return
    kind, head = _head_noun(appo.group("role"))
    role = _clean_role(appo.group("role"))
    if kind is None or not role:
        return
    ev.kind_votes[kind] += 3
    if head:
        ev.nouns.add(head)
    if kind == STATE:
        ev.state_hint = True
    else:
        ev.roles.append((3, role))
    span_end = appo.end("role")
    comma = masked.find(",", span_end, span_end + 200)
    sentence_end = masked.find(".", span_end, span_end + 200)
    if comma != -1 and (sentence_end == -1 or comma < sentence_end):
        span_end = comma
    role_spans.append((c.end, span_end))


def _role_before(words: list[str]) -> str | None:
    """A role right before ", Name": "Suriname’s chief negotiator", "the company’s chief
    executive" (without the article)."""
    if not words or words[-1].rstrip(",").lower() not in PERSON_ROLE_NOUNS:
        return None
    kept = [words[-1].rstrip(",")]
    for word in reversed(words[:-1]):
        if len(kept) >= 5 or word[-1] in '.,;:!?”"':
            break
        possessive = word.endswith(("’s", "'s"))
        if word[0].isupper() and not possessive:
            break
        if word.lower() in {"the", "a", "an"}:
            break
        kept.insert(0, word)
        if possessive:
            break
    kind, _ = _head_noun(" ".join(kept))
    return " ".join(kept) if kind == PERSON else None


def _title_from_words(words: str) -> str | None:
    """A lower-case title ending in a role noun, without leading function words."""
    parts = words.split()
    if not parts or parts[-1].lower() not in _TITLE_NOUNS:
        return None
    kept = [parts[-1]]
    for word in reversed(parts[:-1]):
        bare = word.lower().strip("’'")
        if word[-1] in '.,;:!?”"':
            break
        if (
            bare in _ROLE_MODIFIERS
            or bare in _TITLE_NOUNS
            or word in TITLE_MODIFIERS
            or word in gazetteer.BY_DEMONYM
        ):
            kept.insert(0, word)
        else:
            break
    if len(kept) == 1 and kept[0].lower() in {
        "member",
        "head",
        "chief",
        "officer",
        "official",
        "general",
        "deputy",
        "author",
        "owner",
        "partner",
        "student",
        "resident",
        "writer",
        "observer",
        "associate",
        "principal",
        "host",
        "aide",
    }:
        return None
    return " ".join(kept)


# -- building the cast -----------------------------------------------------------------------


def find_actors(doc: Document) -> Cast:
    """Every actor of `doc`, with roles, aliases and mentions."""
    text, masked = doc.text, doc.masked
    candidates = _candidates(doc)
    evidence, role_spans = _collect(doc, candidates)

    actors: list[ActorInfo] = []
    by_form: dict[str, int] = {}

    def add(info: ActorInfo) -> int:
        for form in info.forms:
            if form in by_form:
                return by_form[form]
        actors.append(info)
        index = len(actors) - 1
        for form in info.forms:
            by_form.setdefault(form, index)
        return index

    # Known places: states (by name, or by capital/metonym used for the government) and
    # international organizations.
    place_forms: dict[str, tuple[gazetteer.Place, str]] = {}
    for c in candidates:
        if c.kind != "place":
            continue
        found = gazetteer.lookup(c.text)
        if found is None:
            continue
        place, how = found
        place_forms[c.text] = (place, how)
        if _in_spans(role_spans, c.start) or how == "demonym":
            continue
        before = masked[max(0, c.start - 30) : c.start]
        word, the = _word_before(before)
        if how == "capital" and (word in _LOCATION_WORDS or the):
            continue
        if word in _TELL_WORDS and place.kind != STATE:
            continue
        ev = evidence[c.text]
        ev.first = min(ev.first, c.start)
        name = place.name
        if name not in by_form:
            add(ActorInfo(name, place.kind, first=ev.first))
        else:
            actors[by_form[name]].first = min(actors[by_form[name]].first, c.start)

    # People, organizations, states the gazetteer does not know.
    lower_case = _LowerCaseWords(text)
    singles: dict[str, _Evidence] = {}
    acronyms: dict[str, _Evidence] = {}
    for form, ev in sorted(evidence.items(), key=lambda kv: kv[1].first):
        if form in place_forms:
            continue
        words = form.split()
        kind = _kind_of(form, ev, lower_case)
        if kind is None:
            continue
        if kind == PERSON and len(words) == 1:
            singles[form] = ev
            continue
        if len(words) == 1 and _ACRONYM.match(form):
            acronyms[form] = ev  # may turn out to be a known organization's short form
            continue
        if kind in {ORGANIZATION, GROUP} and ev.outside_roles == 0:
            continue
        if kind == PERSON and ev.outside_roles == 0 and not ev.roles:
            continue  # named only inside someone else's role
        role = max(ev.roles, key=lambda r: r[0])[1] if ev.roles else None
        info = ActorInfo(form, kind, role=role, nouns=set(ev.nouns), first=ev.first)
        if kind == PERSON:
            info.gender = _first_name_gender(words[0])
        add(info)

    # Surnames used alone join the person; otherwise a lone speaker is a person of their own.
    surname_owner: dict[str, list[int]] = {}
    for i, a in enumerate(actors):
        if a.kind == PERSON and len(a.name.split()) > 1:
            surname_owner.setdefault(a.name.split()[-1], []).append(i)
    org_short_forms = {
        f
        for a in actors
        if a.kind in {ORGANIZATION, GROUP} and " " in a.name
        for f in (a.name.split()[0], "".join(w[0] for w in a.name.split() if w[0].isupper()))
    }
    for form, ev in singles.items():
        owners = surname_owner.get(form, [])
        if len(owners) == 1:
            continue
        if form in by_form or (form in org_short_forms and not ev.kind_votes[PERSON]):
            continue
        role = max(ev.roles, key=lambda r: r[0])[1] if ev.roles else None
        add(ActorInfo(form, PERSON, role=role, first=ev.first))
    for surname, owners in surname_owner.items():
        if len(owners) == 1 and surname not in by_form and surname in evidence:
            actors[owners[0]].aliases.append(surname)
            by_form[surname] = owners[0]

    # Organizations: acronyms and first words used alone ("NBL", "Corvane").
    for i, a in enumerate(list(actors)):
        if a.kind not in {ORGANIZATION, GROUP} or " " not in a.name:
            continue
        a.nouns.add(_org_head(a.name).lower())
        if _org_head(a.name) in {"Party", "Union", "Alliance", "Front", "Movement"}:
            a.nouns.add("party")
        if _org_head(a.name) in {
            "Resources",
            "Energy",
            "Corp",
            "Corporation",
            "Holdings",
            "Industries",
            "Technologies",
            "Capital",
            "Group",
            "Inc",
            "Ltd",
        }:
            a.nouns.add("company")
        initials = "".join(w[0] for w in a.name.split() if w[0].isupper() and w not in {"The"})
        first_word = a.name.split()[0]
        for form in (initials, first_word):
            short = evidence.get(form)
            if short is None or form in by_form or form in place_forms:
                continue
            if (form == initials and len(initials) >= 2) or (
                short.kind_votes[PERSON] == 0
                and form not in gazetteer.BY_DEMONYM
                and form not in NAME_ADJECTIVES
                and not form.endswith(("ean", "ian", "ese", "ish", "ern"))
                and not short.capital_hint
            ):
                a.aliases.append(form)
                by_form[form] = i

    for form, ev in acronyms.items():
        if form not in by_form:
            add(ActorInfo(form, ORGANIZATION, first=ev.first))

    # States the gazetteer does not know, their demonyms and capitals.
    for form, ev in sorted(evidence.items(), key=lambda kv: kv[1].first):
        if form in by_form or form in place_forms or " " in form:
            continue
        if (ev.state_hint and ev.kind_votes[PERSON] == 0) or (
            ev.kind_votes[STATE] > 0 and ev.kind_votes[PERSON] == 0
        ):
            add(ActorInfo(form, STATE, first=ev.first))
    main = _main_state(actors, text)
    for form, ev in evidence.items():
        if form in by_form or " " in form or not ev.capital_hint or main is None:
            continue
        if form in place_forms or ev.kind_votes[PERSON] > 0:
            continue
        actors[main].aliases.append(form)
        by_form[form] = main

    # Gazetteer forms (capitals, metonyms, short names) used in the text join their state.
    for form, (place, how) in place_forms.items():
        name = place.name
        if name not in by_form:
            continue
        owner = by_form[name]
        if how == "demonym":
            if form not in actors[owner].demonyms:
                actors[owner].demonyms.append(form)
            continue
        if form != name and form not in by_form:
            alias = (
                f"the {form}" if f"the {form}" in place.others and f"the {form}" in text else form
            )
            actors[owner].aliases.append(alias)
            by_form[form] = owner
    for name, targets in gazetteer.SHARED_METONYMS.items():
        if name in by_form or name not in evidence:
            continue
        owner_index = next((by_form[t] for t in targets if t in by_form), None)
        if owner_index is None and any(
            c.text == name
            and not _in_spans(role_spans, c.start)
            and _word_before(masked[max(0, c.start - 30) : c.start])[0] not in _LOCATION_WORDS
            for c in candidates
        ):
            # "Brussels wants ...": the first institution it stands for, named after it.
            owner_index = add(ActorInfo(targets[0], ORGANIZATION, first=evidence[name].first))
        if owner_index is not None:
            actors[owner_index].aliases.append(name)
            by_form[name] = owner_index
    # Demonyms of states the gazetteer does not know ("Lusavian" for Lusavia).
    for form in evidence:
        if form in by_form or " " in form:
            continue
        for a in actors:
            if a.kind == STATE and _is_demonym(form, a.name):
                a.demonyms.append(form)
                break
    for a in actors:
        if a.kind == STATE:
            a.nouns.update({"country", "government"})

    actors.sort(key=lambda a: a.first)
    mentions = _mentions(doc, actors, candidates, role_spans)
    cast = Cast(actors, mentions, role_spans, None)
    cast.main_state = _main_state_index(cast)
    _infer_genders(doc, cast)
    return cast


def _kind_of(form: str, ev: _Evidence, lower_case: _LowerCaseWords) -> str | None:
    words = form.split()
    votes = ev.kind_votes
    if votes[STATE] and not votes[PERSON]:
        return None  # handled with the unknown states
    last = words[-1].rstrip("’'")
    if ev.kind in {ORGANIZATION, GROUP}:
        return ev.kind
    if ev.kind == "skip":
        return None
    best = max((ORGANIZATION, GROUP, PERSON), key=lambda k: votes[k])
    if votes[best] > 0:
        return best
    if any(w in WEEKDAYS_MONTHS or w in gazetteer.BY_DEMONYM for w in words):
        return None
    if last in NON_ACTOR_KEYWORDS or ("-" in form and form.split("-")[-1].islower()):
        return None
    if len(words) >= 2:
        if _first_name_gender(words[0]) is not None:
            return PERSON
        if ev.speaker:
            return PERSON
        return None
    # An acronym that speaks ("VRS said") is an organization.
    if _ACRONYM.match(form) and ev.speaker and gazetteer.lookup(form) is None:
        return ORGANIZATION
    # One word: a person only if it speaks and is not an ordinary word.
    if (
        (ev.speaker or ev.pronoun_follows)
        and not ev.capital_hint
        and not ev.state_hint
        and form not in lower_case
        and not _ACRONYM.match(form)
    ):
        return PERSON
    return None


def _org_head(name: str) -> str:
    """The word that says what an organization is ("Bank" in "National Bank of Lusavia")."""
    words = name.split()
    for i, w in enumerate(words):
        if w in {"of", "for"} and i > 0 and words[i - 1] in ORG_KEYWORDS | GROUP_KEYWORDS:
            return words[i - 1]
    return words[-1]


class _LowerCaseWords:
    """Whether a word also occurs in lower case in the text ("Experts" / "experts"): then it
    is an ordinary word, not a name. The text's lower-case words are collected on first use."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._words: frozenset[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self._words is None:
            self._words = frozenset(self.text.split())
        lower = word.lower()
        return any(
            form in self._words
            for form in (lower, f"{lower},", f"{lower}.", f"{lower};", f"{lower}:", f"{lower}’s")
        )


def _first_name_gender(word: str) -> str | None:
    if word in FEMALE_FIRST_NAMES:
        return "f"
    if word in MALE_FIRST_NAMES:
        return "m"
    return None


def _is_demonym(word: str, state: str) -> bool:
    if len(word) <= len(state) or not word[0].isupper():
        return False
    stem = state[:-1] if state[-1] in "aeiouy" else state
    return (
        word.startswith(stem)
        and word[len(stem) :]
        in {
            "n",
            "an",
            "ian",
            "ese",
            "ish",
            "i",
            "ic",
            "er",
            "ean",
            "ite",
            "iote",
        }
    ) or (word.startswith(state) and word[len(state) :] in {"n", "an", "ian", "ese", "ish", "i"})


def _main_state(actors: list[ActorInfo], text: str) -> int | None:
    """The state the text is most about: the most frequent state name (a substring count, so
    "Lusavian" and "National Bank of Lusavia" count for Lusavia)."""
    counts = [(text.count(a.name), -i) for i, a in enumerate(actors) if a.kind == STATE]
    if not counts:
        return None
    return -max(counts)[1]


def _main_state_index(cast: Cast) -> int | None:
    counts: Counter[int] = Counter(
        m.actor for m in cast.mentions if cast.actors[m.actor].kind == STATE and not m.in_role
    )
    return counts.most_common(1)[0][0] if counts else None


# -- mentions --------------------------------------------------------------------------------


def _mentions(
    doc: Document,
    actors: list[ActorInfo],
    candidates: list[_Candidate],
    role_spans: list[tuple[int, int]],
) -> list[Mention]:
    text = doc.text
    owner: dict[str, tuple[int, bool]] = {}
    for i, a in enumerate(actors):
        for form in a.forms:
            owner.setdefault(form.removeprefix("the "), (i, False))
        for form in a.demonyms:
            owner.setdefault(form, (i, True))
    if not owner:
        return []
    pattern = re.compile(rf"{alternation(owner)}(?![\w\-]|[’']\w\w)")
    # Longer names that contain a form without being it ("Corvel Institute", "Carnegie
    # Russia Eurasia Center"): the form inside is not a mention.
    blockers = sorted(
        (c.start, c.end)
        for c in candidates
        if c.text not in owner and " " in c.text and c.kind != "name"
    )
    found: list[Mention] = []
    # Matches come in text order, so quotations, roles and blockers are swept alongside.
    quotes = doc.quotes
    q = r = b = 0
    for m in pattern.finditer(text):
        start, end = m.start(), m.end()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_’'-"):
            continue
        while b < len(blockers) and blockers[b][1] <= start:
            b += 1
        if any(s <= start and end <= e and (s, e) != (start, end) for s, e in blockers[b : b + 3]):
            continue
        while q < len(quotes) and quotes[q].end <= start:
            q += 1
        while r < len(role_spans) and role_spans[r][1] <= start:
            r += 1
        in_quote = q < len(quotes) and quotes[q].start <= start
        in_role = any(s <= start < e for s, e in role_spans[r : r + 2])
        actor, demonym = owner[m.group()]
        tail = text[end : end + 2]
        possessive = tail in {"’s", "'s"} or (tail[:1] in "’'" and m.group().endswith("s"))
        head = text[max(0, start - 16) : start].split()
        prev = head[-1].lower() if head else ""
        if prev in {"the", "a", "an"} and len(head) > 1:
            prev = head[-2].lower()
        found.append(
            Mention(
                start, end, actor, in_quote, in_role, possessive, prev in _PREPOSITIONS, demonym
            )
        )
    return found


# -- gender ----------------------------------------------------------------------------------


def _infer_genders(doc: Document, cast: Cast) -> None:
    """Learn he/she for people from the pronouns that follow their mentions: a pronoun
    within the paragraph after a person's mention, with no other person just before,
    votes for that person. A person stops collecting votes once they clearly agree."""
    votes: dict[int, list[int]] = {}  # actor -> [he, she]
    settled: set[int] = set()
    persons = [m for m in cast.mentions if cast.actors[m.actor].kind == PERSON and not m.in_quote]
    if not persons:
        return
    starts = [m.start for m in persons]
    paragraph_of = doc.paragraph_of
    masked = doc.masked
    for p in _PRONOUN.finditer(masked):
        pos = p.start()
        if pos and (masked[pos - 1].isalnum() or masked[pos - 1] in "_’'-"):
            continue
        i = bisect_left(starts, pos) - 1
        if i < 0:
            continue
        m = persons[i]
        if m.actor in settled or pos - m.end > 250:
            continue
        # Only when one person is in view: the previous person mention is far or the same.
        if i > 0 and persons[i - 1].actor != m.actor and m.start - persons[i - 1].end < 120:
            continue
        if paragraph_of(m.start) != paragraph_of(pos):
            continue
        counts = votes.setdefault(m.actor, [0, 0])
        counts[_PRONOUN_GENDER[p.group().lower()] == "f"] += 1
        he, she = counts
        if max(he, she) >= 4 and min(he, she) == 0:
            settled.add(m.actor)
    for index, (he, she) in votes.items():
        actor = cast.actors[index]
        if he == she:
            continue
        top, n = ("m", he) if he > she else ("f", she)
        if actor.gender is None or n >= 2:
            actor.gender = top
