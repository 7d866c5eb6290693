"""Roles before a name: a title ("Political analyst Ivan Preobrazhensky", "Orsa Bank
economist Lars Berg"), a role before ", Name" ("Suriname's chief negotiator, Ivo
Samsoedien"; "its head of European operations, Henrik Dahl"), and a plural noun that lists
names ("the two chains, Fresca and Mercato Uno").
"""

from __future__ import annotations

import re

from . import gazetteer
from .cast import GROUP, ORGANIZATION, PERSON, STATE
from .lexicon import (
    COMMON_CAPITALIZED,
    NAME_ADJECTIVES,
    PERSON_ROLE_NOUNS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    WEEKDAYS_MONTHS,
    words,
)
from .roles import ANY, TITLE_NOUNS, head_noun
from .sentences import UPPER

_ROLE_MODIFIERS = words(
    """
    senior chief political opposition former deputy top leading independent veteran local
    regional foreign prominent lead junior principal managing executive associate assistant
    acting state party union government military defense defence security energy oil market
    economic financial finance trade labour labor policy research campaign communications press
    media program programme project country national international general vice influential
    outspoken conservative liberal progressive nationalist centrist pro-government pro-european
    social democratic green left-wing right-wing hardline rights human-rights digital data gas
    grain exporters industry business council city town board
    """
)
_STATE_LISTS = words("neighbours neighbors allies")
_POSSESSIVE_PRONOUNS = words("its his her their our my your")
_ROLE_COMPLEMENT = words("of for at")


_NAME = rf"[{UPPER}][\w’'&\-]*(?:[ \t]+[{UPPER}][\w’'&\-]*)*"
# "the two largest chains, Fresca and Mercato Uno": a plural noun, then the names it
# lists (this one and up to three before it).
_LISTED_AFTER = re.compile(
    rf"\b(?P<noun>[a-z][a-z\-]+s),[ \t]+(?:{_NAME}(?:,[ \t]+|,?[ \t]+and[ \t]+)){{0,3}}$"
)


def listed_after(before: str) -> str | None:
    """The kind a plural noun gives the names listed after it ("chains, Fresca and ...":
    organizations; "neighbours": no kind). Never a person: "its two largest trading
    partners, Varnia and Oskland" are states."""
    if not before.endswith((", ", " and ")):
        return None
    m = _LISTED_AFTER.search(before)
    if m is None:
        return None
    noun = m.group("noun")
    if noun in _STATE_LISTS or before[: m.start()].endswith(("trading ", "member ")):
        return STATE  # "its two neighbours, Varnia and Oskland", "trading partners"
    for singular in (noun[:-3] + "y", noun[:-2], noun[:-1]):
        kind, _ = head_noun(singular)
        if kind is not None:
            return kind if kind not in {ANY, PERSON} else None
    return None


_DETERMINERS = words("the its their a an")


def noun_before(words: list[str]) -> str | None:
    """The kind a common noun right before a name gives it, from the words before the name:
    an organization or a group ("the regulator, Ofgas", "consumer group Fair Bills")."""
    if not words:
        return None
    last = words[-1]
    if last.endswith(","):
        noun = last[:-1]
        # "the state regulator, Ofgas": a determiner within the three words before.
        if not any(w in _DETERMINERS for w in words[-4:-1]):
            return None
    else:
        noun = last
    if not noun.isalpha() or not noun.islower():
        return None
    previous = words[-2] if len(words) > 1 and not words[-2].endswith(",") else ""
    kind, head = head_noun(f"{previous} {noun}".strip())
    return kind if kind in {ORGANIZATION, GROUP} and head == noun else None


_EMPLOYED = words("at for with")
_PEOPLE_PLURALS = words(
    """economists analysts strategists researchers lawyers engineers scientists pilots workers
    employees staff executives managers traders bankers"""
)


def employer_before(words: list[str]) -> str | None:
    """ORGANIZATION for a name right after a person's noun and "at", "for" or "with":
    "analysts at Penrose Hale", "a lawyer for Arkos Midstream" (a name that says nothing
    of what it is otherwise)."""
    if len(words) < 2 or words[-1] not in _EMPLOYED:
        return None
    noun = words[-2]
    if len(words) == 2 or words[-3].endswith((".", "?", "!", ":", "”", '"', "-", "–", "—")):
        noun = noun.lower()  # "Analysts at Penrose Hale expect": the sentence's first word
    if not noun.isalpha() or not noun.islower():
        return None
    kind, _ = head_noun(noun)
    if kind is None and noun.endswith("s"):
        kind, _ = head_noun(noun[:-1])  # "pilots at Veskair"
    return ORGANIZATION if kind == PERSON or noun in _PEOPLE_PLURALS else None


def role_before(words: list[str]) -> str | None:
    """A role right before ", Name": "Suriname’s chief negotiator", "the company’s chief
    executive", "its head of European operations" (without the article or the pronoun)."""
    if not words or words[-1][-1] != ",":
        return None
    head_at = _role_head(words)
    if head_at is None:
        return None
    kept = [*words[head_at:-1], words[-1].rstrip(",")]
    i = head_at - 1
    while i >= 0 and len(kept) < 7:
        word = words[i]
        possessive = word.endswith(("’s", "'s"))
        if word[-1] in '.,;:!?”"' or (
            word[0].isupper() and not possessive and not _title_word(word)
        ):
            break
        if word.lower() in {"the", "a", "an"} or word.lower() in _POSSESSIVE_PRONOUNS:
            break
        kept.insert(0, word)
        i -= 1
        if possessive:
            # The possessor's whole name: "Orsa Bank’s chief economist".
            while i >= 0 and len(kept) < 7 and words[i][0].isupper() and words[i] != "The":
                if words[i][-1] in '.,;:!?”"':
                    break
                kept.insert(0, words[i])
                i -= 1
            break
    # Capitalized title words count as the nouns they are ("the Varnian Trade Minister, X").
    kind, _ = head_noun(" ".join(w.lower() if _title_word(w) else w for w in kept))
    return " ".join(kept) if kind == PERSON else None


_BODY_BEFORE = re.compile(
    r"(?:^|(?<=[.!?”\"]\s)|(?<=\n))The\s+(?P<role>(?:[a-z][\w’'\-]*\s+){0,3}[a-z][\w\-]*),\s+$"
)


def body_before(before: str) -> tuple[str, str] | None:
    """An organization's role opening its sentence right before ", Name": "The drivers’
    union, United Road Workers (URW), opposes ..." gives ("drivers’ union", "organization");
    "The other bidder, Ferrovale Utilities, ..." a role that fits any kind (`ANY`)."""
    m = _BODY_BEFORE.search(before)
    if m is None:
        return None
    kind, _ = head_noun(m.group("role"))
    return (m.group("role"), kind) if kind in {ORGANIZATION, ANY} else None


def _title_word(word: str) -> bool:
    return (
        word in TITLE_HEADS
        or word in TITLE_MODIFIERS
        or word in gazetteer.BY_DEMONYM
        or (word.endswith(("ian", "ean", "ese", "ish")) and word[0].isupper())
    )


def _role_head(words: list[str]) -> int | None:
    """Where the role noun is among `words`: the last word ("chief negotiator,"), or the
    word before "of"/"for"/"at" ("head of European operations,")."""
    if words[-1].rstrip(",").lower() in PERSON_ROLE_NOUNS:
        return len(words) - 1
    for i in range(len(words) - 2, 0, -1):
        word = words[i]
        if word[-1] in '.,;:!?”"':
            return None
        if word in _ROLE_COMPLEMENT and words[i - 1].lower() in PERSON_ROLE_NOUNS:
            return i - 1
    return None


def title_from_words(words: str) -> str | None:
    """A lower-case title ending in a role noun, without leading function words."""
    parts = words.split()
    if not parts or parts[-1].lower() not in TITLE_NOUNS:
        return None
    kept = [parts[-1]]
    for at in range(len(parts) - 2, -1, -1):
        word = parts[at]
        bare = word.lower().strip("’'")
        if word[-1] in '.,;:!?”"':
            break
        modifier = (
            bare in _ROLE_MODIFIERS
            or bare in TITLE_NOUNS
            or word in TITLE_MODIFIERS
            or word in gazetteer.BY_DEMONYM
            or _title_word(word)
        )
        # The name the title begins with: "Orsa Bank economist", "Norrack chief executive".
        of_name = (
            word[0].isupper() and word not in COMMON_CAPITALIZED and word not in WEEKDAYS_MONTHS
        )
        if word.endswith(("’s", "'s")):
            # The owner ends the title: "the company’s chief executive", "Orsa Bank’s ...".
            kept.insert(0, word)
            i = at
            while (
                word[0].isupper()
                and i > 0
                and parts[i - 1][0].isupper()
                and (parts[i - 1] not in COMMON_CAPITALIZED or parts[i - 1] in NAME_ADJECTIVES)
            ):
                i -= 1
                kept.insert(0, parts[i])
            break
        if modifier or of_name:
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
