"""Interviews in question-and-answer form: each answer is its speaker's statement.

An answer is a line that starts with "A:" or "Answer:" (the interviewee: the person the
introduction says spoke to us, or else the person the text mentions most), or with a
person's name and a colon ("Maar: We will ..."), in a text with at least two such lines and
a question, or four lines labelled with people's names (a hearing's transcript: "Pettit:
..."); lines starting "Q:" or "Question:" are the interviewer's, and nothing in them ("Q: The union
says it will strike. Is the plan dead?") is a statement of the text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .cast import PERSON, Cast
from .sentences import Document
from .units import Unit

_LABEL = re.compile(
    r"^[ \t]*(?:\*\*|__)?(?P<label>[A-Z][\w’'\-.]*(?:[ \t][A-Z][\w’'\-]+){0,2})(?:\*\*|__)?"
    r"[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*(?P<body>\S[^\n]*)$",
    re.MULTILINE,
)
_TRANSCRIPT_LINES = 4
_QUESTION_LABELS = frozenset({"Q", "Question", "Q.", "Interviewer"})
_ANSWER_LABELS = frozenset({"A", "Answer", "A."})
_INTERVIEW_CUE = re.compile(
    r"\b(?:spoke|talked)\s+(?:to|with)\s+us\b|\btold\s+us\b|\bin\s+an\s+interview\b"
    r"|\bwas\s+interviewed\b|\banswered\s+(?:our|my)\s+questions\b|\bsat\s+down\s+with\s+us\b"
)


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
_COURTESY_WORDS = 4


@dataclass
class Interview:
    """A Q&A text's answers, as units ("direct": the interviewee's own words), and where its
    questions are (start, end)."""

    answers: list[Unit]
    questions: list[tuple[int, int]]


def interview(doc: Document, cast: Cast) -> Interview | None:
    """The text's Q&A section, if it has one."""
    lines = list(_LABEL.finditer(doc.text))
    labels = [m.group("label") for m in lines]
    asked = sum(label in _QUESTION_LABELS for label in labels)
    # A hearing's transcript has no "Q:": every line is labelled with its speaker's name.
    named = sum(_person_named(cast, m.start("label")) is not None for m in lines)
    if (asked < 1 and named < _TRANSCRIPT_LINES) or len(lines) < 2:
        return None
    interviewee = _introduced(doc.text, cast, lines[0].start())
    if interviewee is None:
        interviewee = _interviewee(cast)
    units: list[Unit] = []
    questions: list[tuple[int, int]] = []
    for m in lines:
        label = m.group("label")
        if label in _QUESTION_LABELS:
            questions.append((m.start(), m.end()))
            continue
        speaker = interviewee if label in _ANSWER_LABELS else _person_named(cast, m.start("label"))
        if speaker is None:
            continue
        start, end = m.start("body"), m.end("body")
        while end > start and doc.text[end - 1] in " \t.":
            end -= 1
        if label not in _ANSWER_LABELS and _only_asks(doc.text[start:end]):
            continue  # an analyst's question on a call: it states nothing (GUIDELINES v9)
        if len(doc.text[start:end].split()) >= 3:
            units.append(Unit(start, end, speaker, "direct", doc.sentence_index(start)))
    return Interview(units, questions)


def _only_asks(body: str) -> bool:
    """Whether a transcript line only asks: each of its sentences but short courtesies
    ("Thank you.", "Good morning, Jonas.") is a question."""
    said = [s for s in _SENTENCE_END.split(body) if len(s.split()) > _COURTESY_WORDS]
    return bool(said) and all(s.rstrip().endswith("?") for s in said)


def _introduced(text: str, cast: Cast, intro_end: int) -> int | None:
    """The person the introduction says gave the interview ("She spoke to us in her office"):
    the person named in that sentence, or else the last one named before it."""
    cue = _INTERVIEW_CUE.search(text, 0, intro_end)
    if cue is None:
        return None
    sentence_end = text.find(".", cue.end(), intro_end)
    people = [
        m
        for m in cast.mentions_in(0, sentence_end if sentence_end >= 0 else intro_end)
        if not m.in_role and cast.actors[m.actor].kind == PERSON
    ]
    return people[-1].actor if people else None


def _interviewee(cast: Cast) -> int | None:
    counts = Counter(
        m.actor for m in cast.mentions if not m.in_role and cast.actors[m.actor].kind == PERSON
    )
    return min(counts, key=lambda i: (-counts[i], i)) if counts else None


def _person_named(cast: Cast, pos: int) -> int | None:
    for m in cast.mentions_in(pos, pos + 80):
        if m.start == pos and cast.actors[m.actor].kind == PERSON:
            return m.actor
    return None
