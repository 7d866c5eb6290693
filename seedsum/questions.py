"""A prediction's resolvable yes/no question and its stable id.

- `prediction_id(source, claim, deadline)`: "p-" and 16 hex digits of the SHA-256 of the
  normalized source, claim and deadline (case, quotes, punctuation and spacing folded; the
  deadline as its last date, else its event, else its timeframe text), so the same forecast
  reported by several articles gets the same id. The deadline's first date is left out: it is
  the publication date, which differs between the articles that carry the forecast.
- `build_question(claim, deadline, source)`: "Will the bank cut rates before 2027-01-01?",
  from a claim with a modal ("the bank will cut rates") turned into a question, else "Will it
  happen that ...?"; the deadline is written as "before" the day after `not_after`, or names
  the event. For backends that give no question of their own (the rules backend).
"""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

from .schema import Deadline

__all__ = ["build_question", "normalize", "prediction_id"]

_MODAL = re.compile(
    r"\b(will not|won['’]t|would not|wouldn['’]t|will|would|shall|is going to|are going to|"
    r"is set to|are set to|is likely to|are likely to|is expected to|are expected to|"
    r"is unlikely to|are unlikely to|could|may|might)\b\s*",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[,;:“”\"]|\b(that|which|who|if|when|unless|and|but|is|are|was|has)\b", re.I)
_PUNCTUATION = re.compile(r"[^\w\s'%.-]|(?<!\w)['.-]|['.-](?!\w)")
_THAT = re.compile(r"^that\s+")
_LEADING_THAT = re.compile(r"^that\s+", re.IGNORECASE)
_LOWER_FIRST = {
    "the", "a", "an", "this", "these", "those", "its", "their", "our", "we", "it", "if", "when",
    "what", "whatever", "everyone", "nobody", "there", "unless", "once", "after", "before", "no",
}  # fmt: skip


def normalize(text: str) -> str:
    """Lower case, quotes and punctuation folded away, single spaces."""
    text = text.casefold().replace("’", "'")
    text = _PUNCTUATION.sub(" ", text)
    text = _THAT.sub("", text.strip())
    # `\s` and `str.split` know the same whitespace: this is `\s+` made one space, stripped.
    return " ".join(text.split())


def prediction_id(source: str, claim: str, deadline: Deadline | None) -> str:
    when = ""
    if deadline is not None:
        if deadline.not_after is not None:
            when = deadline.not_after.isoformat()
        else:
            when = normalize(deadline.event or deadline.text or "")
    key = "\x1f".join([normalize(source), normalize(claim), when])
    return "p-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def build_question(claim: str, deadline: Deadline | None, source: str | None = None) -> str:
    """One yes/no question a later reader can resolve (see the module docstring); a "we" or
    "I" as the claim's subject becomes the `source`."""
    body = _LEADING_THAT.sub("", claim.strip().rstrip(".;:!? "))
    m = _MODAL.search(body)
    subject = body[: m.start()].strip(" ,") if m is not None else ""
    if m is not None and _plain_subject(subject):
        rest = body[m.end() :]
        negated = "not" in m.group(1).lower() or "n't" in m.group(1).lower().replace("’", "'")
        if source and subject.lower() in ("we", "i"):
            subject = source
        question = f"Will {_lower_first(subject)} {'not ' if negated else ''}{rest}"
    else:
        question = f"Will it happen that {_lower_first(body)}"
    return question.rstrip() + _when(deadline) + "?"


def _plain_subject(subject: str) -> bool:
    """A short noun phrase ("the bank", "Hungary"), not a clause ("If we win, Hungary")."""
    words = subject.split()
    return 0 < len(words) <= 6 and not _CLAUSE.search(subject)


def _lower_first(phrase: str) -> str:
    first, _, rest = phrase.partition(" ")
    if first.lower() in _LOWER_FIRST:
        return f"{first.lower()} {rest}".strip()
    return phrase


def _when(deadline: Deadline | None) -> str:
    if deadline is None:
        return ""
    if deadline.not_after is not None:
        return f" before {(deadline.not_after + timedelta(days=1)).isoformat()}"
    if deadline.not_before is not None:
        return f" on or after {deadline.not_before.isoformat()}"
    if deadline.event:
        return f" ({deadline.text})" if deadline.text else f" (before {deadline.event})"
    return ""
