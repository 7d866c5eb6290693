"""Whose future a forecast is about when nothing in its words says (see `subjects`): the
sentence's other actors, else the speaker or the body a person speaks for, else the state or
town the text is about."""

from __future__ import annotations

from .affiliation import Affiliation
from .cast import PERSON, STATE, located
from .subject_nouns import located_states, town_of_the_text
from .units import AUTHOR, Unit

__all__ = ["fallback_subjects"]


def fallback_subjects(
    aff: Affiliation, unit: Unit, expectation: bool, subject: tuple[int, int]
) -> list[int]:
    """The sentence's other actors (not people, not places), else the speaker (an
    organization or state) or the body a person speaks for, unless the speaker states an
    `expectation` about something else or the body is a firm of analysts, else a state the
    `subject` phrase places itself in, else for the text's own forecasts the body the
    sentences before are about, else the town the text is about, else the text's main state,
    else the speaker."""
    doc, cast = aff.doc, aff.cast
    found: list[int] = []
    sentence = doc.sentences[unit.sentence]
    skip_before = aff.dateline_end
    for m in cast.mentions_in(sentence.start, sentence.end):
        if m.in_role or m.actor == unit.speaker or m.actor in found or m.start < skip_before:
            continue
        kind = cast.actors[m.actor].kind
        if kind == STATE and located(doc.text, m):
            continue
        if kind != PERSON or m.possessive:
            found.append(m.actor)
    if found:
        return found
    # An expectation, or an analysts' firm's forecast, is about others than the firm.
    own_future = unit.speaker >= 0 and not expectation
    if own_future and cast.actors[unit.speaker].kind != PERSON:
        if not aff.is_analysts_firm(unit.speaker):
            return [unit.speaker]
    elif own_future:
        # A person speaking for a body forecasts that body's future, not the country's.
        own = aff.speakers_organization(unit.speaker)
        if own and cast.actors[own[0]].kind != STATE and not aff.is_analysts_firm(own[0]):
            return own
    # "no lignite plant in Teveria would make money": an unnamed group's fate is that of the
    # state where it is (GUIDELINES).
    found = located_states(aff, *subject)
    if found:
        return found[:1]
    if unit.speaker == AUTHOR:
        before = aff.first_reference(unit.sentence)
        if before is not None:
            return [before]
    town = town_of_the_text(cast)
    if town is not None:
        return [town]  # "the fleet" of the harbour town the feature is about (GUIDELINES v4)
    if cast.main_state is not None:
        return [cast.main_state]
    if unit.speaker >= 0:
        return [unit.speaker]
    counts = cast.mention_counts
    if not counts:
        return [0] if cast.actors else []
    return [max(counts, key=lambda i: (cast.actors[i].kind != PERSON, counts[i], -i))]
