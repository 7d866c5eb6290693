"""The cast under construction: the actors found so far and which actor each form names,
shared by the rules that find them (`places`, then `actors`)."""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field

from . import gazetteer
from .cast import ActorInfo
from .evidence import Evidence
from .names import Candidate
from .sentences import Document


def best_role(ev: Evidence) -> str | None:
    return max(ev.roles, key=lambda r: r[0])[1] if ev.roles else None


@dataclass
class CastBuilder:
    """The cast under construction: actors, and which actor each form names."""

    doc: Document
    candidates: list[Candidate]
    evidence: dict[str, Evidence]
    role_spans: list[tuple[int, int]]
    #: One-word names that are states for what surrounds them: the text uses their demonym
    #: ("Tarvia" -> "Tarvian"), or lists them with a state (-> "").
    likely_states: dict[str, str]
    actors: list[ActorInfo] = field(default_factory=list)
    by_form: dict[str, int] = field(default_factory=dict)
    #: Forms the gazetteer knows, with the place and how the form names it.
    place_forms: dict[str, tuple[gazetteer.Place, str]] = field(default_factory=dict)

    def add(self, info: ActorInfo) -> int:
        for form in info.forms:
            if form in self.by_form:
                return self.by_form[form]
        self.actors.append(info)
        index = len(self.actors) - 1
        for form in info.forms:
            self.by_form.setdefault(form, index)
        return index

    @functools.cached_property
    def name_words(self) -> Counter[str]:
        """In how many names of several words each word stands ("Caldria": two)."""
        return Counter(w for form in self.evidence if " " in form for w in set(form.split()))

    @functools.cached_property
    def occurrences(self) -> dict[str, list[Candidate]]:
        """Each candidate text's occurrences, in text order."""
        found: dict[str, list[Candidate]] = {}
        for c in self.candidates:
            found.setdefault(c.text, []).append(c)
        return found
