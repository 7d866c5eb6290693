"""Kinds: whether a candidate is a person, state, organization or group, from the evidence,
known first names, organization words and the gazetteer; and which state a text is mostly
about.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from . import gazetteer
from .cast import GROUP, ORGANIZATION, PERSON, STATE, ActorInfo, Cast
from .evidence import Evidence
from .lexicon import (
    FEMALE_FIRST_NAMES,
    GROUP_KEYWORDS,
    MALE_FIRST_NAMES,
    NON_ACTOR_KEYWORDS,
    ORG_KEYWORDS,
    PARTY_KEYWORDS,
    WEEKDAYS_MONTHS,
)
from .names import ACRONYM, Candidate
from .roles import collective_group


def kind_of(form: str, ev: Evidence, lower_case: LowerCaseWords) -> str | None:
    words = form.split()
    votes = ev.kind_votes
    if votes[STATE] and not votes[PERSON]:
        return None  # handled with the unknown states
    last = words[-1].rstrip("’'")
    if ev.kind in {ORGANIZATION, GROUP}:
        # An apposition tells a collective from an institution better than the name does
        # ("the Drava Alliance, a coalition of eleven towns"; "the Green Front, a party").
        named = ev.kind
        if last == "Group" and len(words) > 1 and collective_group(words[-2]):
            named = GROUP  # "the Skerry Residents’ Group", as "a residents’ group"
        other = GROUP if named == ORGANIZATION else ORGANIZATION
        return other if votes[other] > votes[named] else named
    if ev.kind == "skip":
        return None
    if last in PARTY_KEYWORDS and len(words) <= 3:
        return ORGANIZATION  # "the Greens, who together run the council": a party
    best = max((ORGANIZATION, GROUP, PERSON), key=lambda k: votes[k])
    if votes[best] > 0:
        return best
    if ev.state_hint and len(words) == 1:
        return None  # "Oskland, whose port ..., said": one of the unknown states
    if votes["nonperson"] and (ev.speaker or votes["nonperson subject"]):
        return ORGANIZATION  # "X, which ..., said": it speaks, and it is not a person
    if any(w in WEEKDAYS_MONTHS or w in gazetteer.BY_DEMONYM for w in words):
        return None
    if last in NON_ACTOR_KEYWORDS or ("-" in form and form.split("-")[-1].islower()):
        return None
    if len(words) >= 2:
        if first_name_gender(words[0]) is not None:
            return PERSON
        if ev.speaker or ev.pronoun_follows:
            return PERSON  # "Leopold Farrell, a broker, is cautious. “…,” he said."
        return None
    # An acronym that speaks ("VRS said") is an organization.
    if ACRONYM.match(form) and ev.speaker and gazetteer.lookup(form) is None:
        return ORGANIZATION
    # One word: a person only if it speaks and is not an ordinary word.
    if (
        (ev.speaker or ev.pronoun_follows)
        and not ev.capital_hint
        and not ev.state_hint
        and form not in lower_case
        and not ACRONYM.match(form)
    ):
        return PERSON
    return None


def org_head(name: str) -> str:
    """The word that says what an organization is ("Bank" in "National Bank of Lusavia")."""
    words = name.split()
    for i, w in enumerate(words):
        if w in {"of", "for"} and i > 0 and words[i - 1] in ORG_KEYWORDS | GROUP_KEYWORDS:
            return words[i - 1]
    return words[-1]


class LowerCaseWords:
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


def first_name_gender(word: str) -> str | None:
    if word in FEMALE_FIRST_NAMES:
        return "f"
    if word in MALE_FIRST_NAMES:
        return "m"
    return None


def is_demonym(word: str, state: str) -> bool:
    if (
        state.endswith("land")
        and word.endswith("ish")
        and word[:-3] in {state[:-4], state[:-4] + state[-5]}
        and len(word) > 4
    ):
        return True  # "Oskland" -> "Oskish", as Poland -> Polish, Finland -> Finnish
    if (
        state.endswith("land")
        and word.endswith("ish")
        and len(word) > 6
        and state[:-4].startswith(word[:-3])
        and len(state) - 4 - len(word[:-3]) <= 2
    ):
        return True  # "Torvenland" -> "Torvish", as Ireland -> Irish
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


_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "an", "n", "i")


def states_by_demonym(forms: Iterable[str]) -> dict[str, str]:
    """The one-word `forms` whose demonym is among `forms` too, or opens one of them, each
    with that demonym ("Tarvia" -> "Tarvian", also from "Tarvians"): a state the text
    talks about."""
    forms = list(forms)
    singles = {f for f in forms if " " not in f and f[:1].isupper() and f not in gazetteer.REGIONS}
    # The demonym may open a name ("the Dravonian Builders' Federation").
    leading = {w for f in forms if " " in f and (w := f.split()[0]).endswith(_DEMONYM_ENDINGS)}
    found: dict[str, str] = {}
    for word in singles | leading:
        bare = word[:-1] if word.endswith("ns") else word
        for ending in _DEMONYM_ENDINGS:
            base = bare.removesuffix(ending)
            if base == bare or len(base) < 3:
                continue
            stems = (base, *(base + v for v in "aeiouy"))
            if ending == "ish":
                stems = (*stems, base + "land", base[:-1] + "land")
            for state in stems:
                if state in singles and state != bare and is_demonym(bare, state):
                    found.setdefault(state, word)
    return found


def coordinated(masked: str, candidates: list[Candidate]) -> list[list[str]]:
    """Names listed together with "and" or "or" ("Varnia, Oskland and Lenmark"), as lists
    of their texts; `candidates` in text order. "Eskeholm, Varnia" is a place, not a list."""
    lists: list[list[str]] = []
    current: list[str] = []
    joined = False
    previous_end = -1
    for c in candidates:
        gap = masked[previous_end : c.start] if current else ""
        if gap in _LIST_GAPS:
            current.append(c.text)
            joined = joined or gap != ", "
            previous_end = c.end
            continue
        if joined:
            lists.append(current)
        current, joined, previous_end = [c.text], False, c.end
    if joined:
        lists.append(current)
    return lists


_LIST_GAPS = frozenset({", ", " and ", ", and ", " or ", ", or "})


def main_state(actors: list[ActorInfo], text: str) -> int | None:
    """The state the text is most about: the most frequent state name (a substring count, so
    "Lusavian" and "National Bank of Lusavia" count for Lusavia)."""
    counts = [(text.count(a.name), -i) for i, a in enumerate(actors) if a.kind == STATE]
    if not counts:
        return None
    return -max(counts)[1]


def main_state_index(cast: Cast) -> int | None:
    counts: Counter[int] = Counter(
        m.actor for m in cast.mentions if cast.actors[m.actor].kind == STATE and not m.in_role
    )
    return counts.most_common(1)[0][0] if counts else None
