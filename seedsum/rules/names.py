"""Candidate names: runs of capitalized words outside quotations, cut into names.

Leading sentence words ("When", "The") are dropped, a title is split off ("U.S. President |
Donald Trump"), runs are split at "and"/"of" unless they form one organization name
("National Bank of Lusavia"), and a run spanning whole lines (a list of names) is cut at its
line breaks. What the words themselves say (an organization word, a place the gazetteer
knows, a month) gives each candidate a first kind.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from . import gazetteer
from .cast import GROUP, ORGANIZATION
from .initial_words import QUESTION_START, asks, capitalized_words, lone_common_word
from .lexicon import (
    COMMON_CAPITALIZED,
    GROUP_KEYWORDS,
    GROUP_ROLE_NOUNS,
    HYPHEN_ADJECTIVES,
    NAME_ADJECTIVES,
    NON_ACTOR_KEYWORDS,
    ORG_KEYWORDS,
    ORG_ROLE_NOUNS,
    PERSON_ROLE_NOUNS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    WEEKDAYS_MONTHS,
    words,
)
from .sentences import UPPER, Document

# -- capitalized runs ------------------------------------------------------------------------

_ABBREVIATION_DOT = "|".join(
    f"(?<={a})"
    for a in (
        *(r"\bMr", r"\bMs", r"\bDr", r"\bSt", r"\bLt"),
        *("Mrs", "Gen", "Sen", "Rep", "Gov", "Col", "Adm", "Sgt", "Rev", "Capt", "Prof"),
    )
)
# One capitalized word: "Trump", "O’Brien", "Dubois-Hart", "U.S.", "Mr.", an initial "F.",
# a plural possessive "Employers’", or one inside a name ("Fishermen’s Association",
# "People's Party": plurals without an s; "St Aldric's Hospital"). It starts with an
# upper-case letter and nothing else, which lets the engine skip ahead fast; the word
# boundary before it is checked in Python.
_TOKEN = (
    rf"[{UPPER}](?:\.(?:[{UPPER}]\.)+"
    rf"|(?:[\w\-]|[’'](?=\w)(?!s\b))*"
    rf"(?:(?<=s)[’'](?=[ \t])|(?:(?<=men)|(?<=ple)|(?<=ren))[’']s(?=[ \t]+[{UPPER}])"
    rf"|[’']s(?=[ \t]+(?:Hospital|College|School|Church|Cathedral|Infirmary)\b)"
    rf"|(?:{_ABBREVIATION_DOT})\.|(?<=\b[{UPPER}])\.(?=[ \t]+[{UPPER}]))?)"
)
_CONNECTOR = r"(?:of|for|and|the|de|del|della|van|von|der|den|da|di|du|la|le|al|bin|ibn|on|&)"
_SEP = r"(?:[ \t\u00a0]+|[ \t\u00a0]*\n[ \t\u00a0]*(?!\n))"
_RUN = re.compile(rf"{_TOKEN}(?:{_SEP}(?:{_CONNECTOR}{_SEP})*{_TOKEN})*(?![\w\-])")
_WORD_CHARS_BEFORE = frozenset("’'-.")
_RUN_TOKEN = re.compile(rf"{_TOKEN}|{_CONNECTOR}(?=\s)")
_PARTICLES = words("de del della van von der den da di du la le al bin ibn")
ACRONYM = re.compile(rf"^[{UPPER}][{UPPER}0-9]{{1,5}}$|^(?:[{UPPER}]\.){{2,}}$")

LOCATION_WORDS = words(
    """
    in at from near outside inside around via into across through throughout toward towards to
    above below beyond behind beside
    left visited visiting reached arrived flew
    """
)
TELL_WORDS = words("told tells tell")
_POSSESSOR = re.compile(rf"(?<![\w’'\-])[{UPPER}][\w\-]+[’']s[ \t]+$")
#: First words of the names of rivers, mountains and seas ("River Sarn", "Lake Orvo").
_PLACE_FIRST_WORDS = words("River Lake Mount Mt. Cape Gulf Bay Strait Sea Isle Lough Loch")


def word_before(before: str) -> tuple[str, bool]:
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


# -- candidates ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Piece:
    """A candidate name inside a capitalized run: offsets relative to the run."""

    start: int
    end: int
    text: str
    kind: str  # "name", "org", "group", "place" (gazetteer), "skip"
    title: tuple[int, int] | None = None  # a title right before the name, relative offsets


class Candidate(NamedTuple):
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
    if "&" in words:
        return ORGANIZATION  # a firm's name ("Tallis & Crane")
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
    if len(words) > 1 and words[0] in _PLACE_FIRST_WORDS:
        return "skip"  # "River Sarn", "Mount Tarva"
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
            # "Former Prime Minister Jan Voss", "Central Bank Governor Ada Lind"
            and not (tokens[0][0] in TITLE_MODIFIERS and _title_end(tokens) is not None)
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
        if pieces:
            # "Varnian Trade Minister Ola Brandt and Oskish Foreign Minister Tor Lund"
            group, title = _without_title(group)
        words = [t for t, _ in group if t not in {"the"}]
        if not words:
            continue
        kind = _classify(words)
        if kind == "name" and len(words) == 1 and _is_common(words[0]):
            continue
        pieces.append(_make_piece(run, group, kind, title))
        title = None
    return tuple(pieces)


def _without_title(
    tokens: list[tuple[str, int]],
) -> tuple[list[tuple[str, int]], tuple[int, int] | None]:
    """`tokens` without a leading title, and the title's offsets."""
    title_end = _title_end(tokens)
    if title_end is None:
        return tokens, None
    title = (tokens[0][1], tokens[title_end][1] + len(tokens[title_end][0]))
    return tokens[title_end + 1 :], title


_LEADING_WORDS = words(
    "the The Two Three Four Five Six Seven Eight Nine Ten Several Many Some Most Both"
)


def _make_piece(
    run: str, tokens: list[tuple[str, int]], kind: str, title: tuple[int, int] | None = None
) -> _Piece:
    while tokens and tokens[0][0] in _LEADING_WORDS and len(tokens) > 1:
        tokens = tokens[1:]  # "The Alliance", "Two League councillors"
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
        elif tok == "and" and end is None and i and tokens[i + 1][0] in TITLE_MODIFIERS:
            continue  # "Trade and Industry Minister"
        elif not (
            tok in TITLE_MODIFIERS
            or tok in gazetteer.BY_DEMONYM
            or ACRONYM.match(tok)
            or tok.endswith("’s")
            # A word that qualifies the title right after it: a demonym the gazetteer does
            # not know ("Varnian Trade Minister"), a portfolio ("Competition Commissioner").
            or (_qualifies_title(tokens, i) and (end is None))
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
    if len(rest) == 1 and rest[0].lower() in PERSON_ROLE_NOUNS:
        return None  # "Chief Economist": a title of two words, no name
    return end


_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "an", "i")


def _qualifies_title(tokens: list[tuple[str, int]], i: int) -> bool:
    """Whether an unknown capitalized word at `i` qualifies the title that follows: the next
    word is a title head, or a title modifier when this word looks like a demonym."""
    tok = tokens[i][0]
    if not tok[0].isupper() or i + 1 >= len(tokens) or tok in COMMON_CAPITALIZED:
        return False
    following = tokens[i + 1][0]
    if following in TITLE_HEADS:
        return True
    return following in TITLE_MODIFIERS and tok.endswith(_DEMONYM_ENDINGS)


_PORTFOLIO_HEADS = frozenset({"Ministry", "Department", "Office", "Committee", "Commission"})


def _split_run(tokens: list[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    """Split at "and"/"&" and at "of"/"for"/"on" unless the run is one organization name."""
    if not tokens:
        return []
    last = tokens[-1][0]
    whole_org = (
        last in ORG_KEYWORDS
        or last in NON_ACTOR_KEYWORDS
        or last in GROUP_KEYWORDS
        # "(Kastovian) Ministry of Agriculture and Rural Development": a portfolio of two parts.
        or any(
            tokens[j][0] in _PORTFOLIO_HEADS and tokens[j + 1][0] == "of"
            for j in range(min(2, len(tokens) - 3))
        )
    )
    groups: list[list[tuple[str, int]]] = [[]]
    for i, (tok, off) in enumerate(tokens):
        if tok in {"and", "&"}:
            following = tokens[i + 1][0] if i + 1 < len(tokens) else ""
            # "Brennan & Holt": an ampersand joins the words of one firm's name.
            # "Brenlow General Hospital and St Aldric's Hospital": two whole names.
            ends_a_name = i > 1 and tokens[i - 1][0] in ORG_KEYWORDS and last in ORG_KEYWORDS
            if tok == "and" and (not whole_org or following in {"the", "The"} or ends_a_name):
                groups.append([])
                continue
        if tok in {"of", "for", "on"}:
            if all(t in WEEKDAYS_MONTHS for t, _ in tokens[i + 1 :]):
                break  # "the Vennick Metals Exchange on Tuesday": a date, not a name's part
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


def starts_sentence(masked: str, pos: int) -> bool:
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


_CALLED_BEFORE = re.compile(
    r"\b(?:a|an|the)[ \t]+(?P<role>(?:[\w’'\-]+[ \t]+){0,3}?(?P<noun>[a-z\-]+))"
    r"[ \t]+(?:called|named)[ \t]+$"
)


def called_before(before: str) -> tuple[str, str] | None:
    """The kind and role that "a residents’ group called " gives the name after it."""
    m = _CALLED_BEFORE.search(before)
    if m is None:
        return None
    noun = m.group("noun")
    if noun in GROUP_ROLE_NOUNS or noun == "group":
        return GROUP, m.group("role")
    if noun in ORG_ROLE_NOUNS:
        return ORGANIZATION, m.group("role")
    return None


_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,5}s")


def candidates_of(doc: Document) -> list[Candidate]:
    masked = doc.masked
    found: list[Candidate] = []
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
            initial = starts_sentence(masked, line_start)
            question = QUESTION_START.match(line) if initial else None
            if question is not None and asks(doc, line_start):
                # "Will Selbrook still be independent?": the verb, not a first name.
                line_start, line = line_start + question.end(), line[question.end() :]
            runs.append((line_start, line, initial))
            if not initial:
                inside.add(line)
    uses: Counter[str] | None = None
    for base, run, initial in runs:
        pieces = _pieces(run, initial and run not in inside)
        if masked.endswith(("called ", "named "), 0, base):
            introduced = called_before(masked[max(0, base - 60) : base])
            if introduced:
                # "a residents’ group called Water for Mirelle": one name, whatever its words.
                pieces = (_Piece(0, len(run), run, introduced[0]),)
        for piece in pieces:
            if initial and piece.start == 0 and " " not in piece.text:
                if uses is None:
                    uses = capitalized_words(masked)  # once, when first needed
                if piece.kind == "name" and lone_common_word(
                    masked, base + piece.end, piece.text, uses, inside
                ):
                    continue
            if _PLURAL_ACRONYM.fullmatch(piece.text):
                continue  # "MPs", "NGOs": a common noun's plural, no one's name
            title = None
            if piece.title is not None:
                title_start = base + piece.title[0]
                # "Varnia’s Trade Minister Ola Brandt": the possessive is part of the title.
                owner = _POSSESSOR.search(doc.text, max(0, title_start - 40), title_start)
                if owner:
                    title_start = owner.start()
                title = doc.text[title_start : base + piece.title[1]]
            found.append(
                Candidate(base + piece.start, base + piece.end, piece.text, piece.kind, title)
            )
    return found
