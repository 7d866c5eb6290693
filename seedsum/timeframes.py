"""A prediction's timeframe, as text, turned into a `Deadline`: the dates it can come true on.

`parse_timeframe("by the end of next year", published=date(2026, 3, 2))` gives
`not_before=2026-03-02, not_after=2027-12-31`. Deterministic: the same text and date always
give the same interval. Both dates are inclusive. The conventions:

- **Direction.** "in/during/at/on/this X" is X itself; "by/until/no later than X" runs from
  the publication date to the end of X; "before X" ends the day before X starts ("before the
  end of X" and "by the end of X" both end on X's last day); "after X" starts the day after X
  ends; "from/starting/not until X" starts on X's first day. With a publication date every
  interval starts no earlier than it (a forecast cannot come true before it is made).
- **Periods.** "by 2027" ends on 31 December 2027. Seasons are meteorological, northern
  hemisphere: spring March-May, summer June-August, autumn/fall September-November, winter
  December-February (the winter of 2028 is December 2028 to February 2029). Quarters and
  halves are calendar ones (fiscal years differ by country and stay unresolved). "early /
  mid / late X" is the first / middle / last third of X (for a year: January-April, May-August,
  September-December; for a month: days 1-10, 11-20, 21-end); "the end of X" is its last third
  ("by the end of X" ends on X's last day); "the start of X" is X's first day.
- **Which one.** A month, season, quarter or half without a year is the one the publication
  date falls in, else the next one to start ("before X" while X is under way: the next X);
  "next March" / "next summer" is the first one to start after the publication date. "next
  week" is Monday to Sunday of the following week; a weekday ("by Friday") is the first one
  after the publication date.
- **Relative spans** run from the publication date: "within 18 months", "in two years"
  (= within two years), "over the next decade" (10 years), "three weeks from now". Without a
  number: days = 14 days, weeks = 8 weeks, months = 12 months, years = 5 years, decades = 20
  years ("within weeks", "in the coming months"); "a few" = 3, "several" = 6, "a couple of" = 2.
- **Vague words.** "immediately", "imminently", "right away" = within 7 days; "soon",
  "shortly", "before long" = within 91 days (about 3 months); "in the near term", "in the
  near future", "in the short term" = within 365 days; "in the medium term" = within
  5 × 365 days. "In the long
  term", "eventually", "one day", "at some point" stay unresolved.
- **Events.** A timeframe bound to an event ("before the next election", "once the talks end",
  "within weeks of being sworn in") keeps null dates and the event in `event`; when the event
  is dated ("before the sardinella season peaks in July") the dates come from that date and
  the event is kept too.
- **No publication date.** Relative expressions ("next year", "within weeks", "in March")
  stay unresolved and `why` says so; absolute ones ("in 2026", "by the third quarter of 2027")
  still resolve.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta

from ._calendar import Period
from ._timeframe_periods import (
    ANCHORS,
    DURATION,
    EVENT_WORDS,
    FILLER,
    FISCAL,
    NUM,
    PREFIX,
    SPAN_ANCHORS,
    TOO_VAGUE,
    UNIT,
    NeedsPublicationDate,
)
from .metadata import parse_published
from .schema import Deadline

__all__ = ["parse_timeframe"]

NO_DATE = "relative to the publication date, which is unknown"

# The word at the start that says how the timeframe relates to the period it names.
_DIRECTION = re.compile(
    r"^(?:only |even |well |just |sometime |some time |probably )*"
    r"(no later than|not later than|by the time|by|until|till|up to|through|"
    r"before|ahead of|prior to|in advance of|in time for|"
    r"not before|not until|from|starting(?: in| from)?|beginning(?: in)?|as of|"
    r"after|following|once|as soon as|when|upon|beyond|later than|"
    r"for the rest of|for the remainder of|through the rest of|"
    r"into|in|during|at|on|over|within|around|about)\b"
)
_KIND = {
    "no later than": "by", "not later than": "by", "by the time": "by", "by": "by",
    "until": "by", "till": "by", "up to": "by", "through": "by",
    "before": "before", "ahead of": "before", "prior to": "before", "in advance of": "before",
    "in time for": "before", "not before": "from", "not until": "from", "from": "from",
    "starting": "from", "starting in": "from", "starting from": "from", "beginning": "from",
    "beginning in": "from", "as of": "from", "after": "after", "following": "after",
    "once": "after", "as soon as": "after", "when": "after", "upon": "after",
    "beyond": "after", "later than": "after", "for the rest of": "by",
    "for the remainder of": "by", "through the rest of": "by",
}  # fmt: skip


def parse_timeframe(text: str | None, published: date | datetime | str | None = None) -> Deadline:
    """The `Deadline` a timeframe names, resolved against the publication date (a date,
    datetime or ISO string; see the module docstring for the conventions)."""
    if text is None or not text.strip():
        return _unstated(text)
    when = parse_published(published)
    return _parsed(text, when.date() if isinstance(when, datetime) else when)


# Deadlines are frozen and a corpus repeats its timeframes ("next year", "by 2027"): each
# (text, day of publication) is read once.
@functools.lru_cache(maxsize=4096)
def _parsed(text: str, pub: date | None) -> Deadline:
    deadline = _parse(text, pub)
    if deadline.event is None:
        return deadline
    # The event as the text writes it ("before Easter"), not as normalized for matching.
    words = [re.escape(w) for w in deadline.event.split()]
    pattern = r"\s+".join(w.replace("'", "['’]") for w in words)
    found = re.search(pattern, text, re.IGNORECASE)
    return deadline.model_copy(update={"event": found.group(0)}) if found else deadline


@functools.lru_cache(maxsize=64)  # most predictions state no timeframe: None, or blank
def _unstated(text: str | None) -> Deadline:
    return Deadline(text=text, why="no timeframe stated")


def _parse(text: str, pub: date | None) -> Deadline:
    norm = _normalize(text)
    if FISCAL.search(norm):
        return Deadline(text=text, why="fiscal years differ by country and organization")
    if DURATION.match(norm):
        return Deadline(text=text, why="a length of time, not a date")
    bound = _event_bound(norm)
    if bound is not None:
        return Deadline(text=text, event=bound, why="bound to an event, not a date")
    for index, (pattern, anchor) in enumerate(ANCHORS):
        m = pattern.search(norm)
        if m is None or _is_modal_may(norm, m):
            continue
        start, period, edge = m.start(), None, None
        try:
            period = anchor(m, pub)
        except NeedsPublicationDate:
            return Deadline(text=text, event=_event(norm, m.start(), m.end()), why=NO_DATE)
        except ValueError:  # an impossible date such as 31 February
            return Deadline(text=text, why="not a valid date")
        if period is None:
            continue
        prefix = PREFIX.search(norm, 0, m.start()) if index >= SPAN_ANCHORS else None
        if prefix is not None:
            start = prefix.start()
            edge = prefix.group("edge") or prefix.group("third")
        if (
            pub is not None
            and period.start <= pub
            and edge not in ("end", "close")
            and _direction(norm)[0] == "before"
        ):
            # "before winter" in January: the winter under way cannot be meant, the next can.
            following = anchor(m, period.end + timedelta(1))
            period = following if following is not None else period
        if edge is not None:
            period = _edge(period, edge)
        event = _event(norm, start, m.end())
        return _deadline(text, norm, period, pub, event, edge, span=index < SPAN_ANCHORS)
    if TOO_VAGUE.search(norm):
        return Deadline(text=text, why="too vague to date")
    event = _event(norm, len(norm), len(norm))
    if event is not None and (EVENT_WORDS.search(norm) or _direction(norm)[0] != "in"):
        return Deadline(text=text, event=event, why="bound to an event, not a date")
    return Deadline(text=text, why="no date or period found")


def _normalize(text: str) -> str:
    text = text.casefold().replace("’", "'").replace("–", "-").replace("—", "-")
    text = re.sub(r"\s+", " ", text).strip(" .,;:!?")
    text = re.sub(r"\bat the (latest|earliest)\b|\bat least\b", "", text)
    # "before the decade is out" is "before the end of the decade"; "for most of next
    # summer" lasts into next summer, dated as "for next summer".
    text = _IS_OUT.sub(r"the end of the \1", text)
    text = re.sub(r"\b(?:most|much|all|part) of (?=(?:next|this|the) )", "", text)
    return re.sub(r"\s+", " ", text).strip()


_IS_OUT = re.compile(
    r"\bthe (year|decade|month|week|quarter|summer|winter|spring|autumn) is (?:out|over)\b"
)


def _is_modal_may(norm: str, m: re.Match[str]) -> bool:
    """ "may" is a month only after a preposition or before a day or year."""
    if "month" not in m.re.groupindex or m.group("month") != "may":
        return False
    if m.groupdict().get("year") or m.groupdict().get("day") or m.groupdict().get("next"):
        return False
    before = norm[: m.start("month")].split()
    return not (before and before[-1] in {"in", "by", "before", "after", "until", "since",
                                          "from", "of", "during", "early", "mid", "late",
                                          "mid-", "end"})  # fmt: skip


def _edge(period: Period, edge: str) -> Period:
    if edge in ("start", "beginning"):
        return Period(period.start, period.start)
    if edge == "turn":  # the turn of the year: its last day and the next one's first
        return Period(period.end, period.end + timedelta(1))
    if edge == "middle":
        return period.third("mid")
    if edge in ("end", "close"):
        return period.third("late")
    return period.third("late" if edge == "later" else edge)


def _direction(norm: str) -> tuple[str, int]:
    m = _DIRECTION.match(norm)
    if m is None:
        return "in", 0
    return _KIND.get(m.group(1), "in"), m.end()


def _event_bound(norm: str) -> str | None:
    """Spans counted from an event ("within weeks of being sworn in", "within its first 100
    days in office") rather than from the publication date."""
    m = re.search(rf"\bwithin (?:the |a )?(?:{NUM} )?{UNIT}s? of (.+)$", norm)
    if m:
        return m.group(m.lastindex or 0)
    m = re.search(rf"\b(?:its|his|her|their|our|the) first {NUM} {UNIT}s?\b(.*)$", norm)
    if m:
        return m.group(0).strip()
    return None


def _event(norm: str, start: int, end: int) -> str | None:
    """What is left of the timeframe once its direction word and its period are taken out."""
    _, after_direction = _direction(norm)
    rest = norm[after_direction if after_direction <= start else 0 : start] + " " + norm[end:]
    rest = re.sub(r"\s+", " ", rest).strip(" ,;-")
    rest = re.sub(r"^(?:the )?(?:end|start|beginning) of |^'s ", "", rest)
    rest = re.sub(r"\b(?:in|on|at|of|by|during|for)$", "", rest).strip()
    words = [w for w in re.findall(r"[a-z][a-z'-]*|\d+", rest) if w not in FILLER]
    return rest if any(len(w) > 2 for w in words) else None


def _deadline(
    text: str,
    norm: str,
    period: Period,
    pub: date | None,
    event: str | None,
    edge: str | None,
    *,
    span: bool,
) -> Deadline:
    kind, _ = _direction(norm)
    if span:
        kind = "in"
    if edge in ("end", "close") and kind == "before":
        kind = "by"  # "before the end of X" ends on X's last day, as "by the end of X" does
    not_before: date | None
    not_after: date | None
    if kind == "by":
        not_before, not_after = pub, period.end
    elif kind == "before":
        not_before, not_after = pub, period.end if event else period.start - timedelta(1)
    elif kind == "after":
        not_before, not_after = (period.start if event else period.end + timedelta(1)), None
    elif kind == "from":
        not_before, not_after = period.start, None
    else:
        not_before, not_after = period.start, period.end
    if pub is not None and (not_before is None or not_before < pub):
        not_before = pub
    if not_after is not None and not_before is not None and not_after < not_before:
        return Deadline(text=text, event=event, why="the period ended before publication")
    return Deadline(
        text=text, not_before=not_before, not_after=not_after, event=event, resolved=True
    )
