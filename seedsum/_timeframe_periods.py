"""The periods a timeframe can name, one reader per kind: relative spans ("within 18 months"),
dates, quarters and halves, seasons, months, years, decades, weeks and weekdays. Used by
`seedsum.timeframes`, which holds the conventions; each reader turns a regex match and the
publication date into a `Period`, or raises `NeedsPublicationDate`."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from . import _calendar as cal
from ._calendar import Period

_MONTHS = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
]  # fmt: skip
_MONTH = "(" + "|".join(_MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "eighteen": 18, "twenty": 20, "thirty": 30, "a couple of": 2, "a few": 3, "few": 3,
    "several": 6, "a dozen": 12, "a hundred": 100,
}  # fmt: skip
NUM = r"(?:\d+|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + ")"
UNIT = r"(?:hour|day|week|fortnight|month|quarter|year|decade)"
_BARE = {
    "hour": 48,
    "day": 14,
    "week": 8,
    "fortnight": 4,
    "month": 12,
    "quarter": 4,
    "year": 5,
    "decade": 2,
}
_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_ORDINAL |= {"fourth": 4, "4th": 4, "final": 4, "last": 4}
_YEAR = r"((?:19|20|21)\d\d)"

_VAGUE_SPANS = [
    (r"\b(immediately|imminently|right away|at once|forthwith|straight away)\b", 7),
    (r"\b(soon|shortly|before long|in short order|in the coming period)\b", 91),
    (r"\b(in the (?:near|short) (?:term|future)|near-term|short-term|shortly)\b", 365),
    (r"\b(in the medium term|medium-term)\b", 5 * 365),
]
TOO_VAGUE = re.compile(
    r"\b(long term|long-term|long run|eventually|one day|some ?day|at some point|sooner or "
    r"later|in (?:the )?future|in time|ever|never|indefinitely|in years|in decades|for years|"
    r"further notice)\b"
)
# "delayed by at least six months": how long, not when.
DURATION = re.compile(
    rf"^by (?:at least |up to |about |around |roughly |some |another |a further )?"
    rf"(?:{NUM} )?{UNIT}s?$"
)
FISCAL = re.compile(r"\bfiscal\b|\b(financial|budget|tax) year\b|\bfy ?\d")

EVENT_WORDS = re.compile(
    r"\b(election|vote|referendum|poll|polling|summit|talks|meeting|ceasefire|deal|"
    r"agreement|treaty|session|inauguration|sworn|office|parliament|congress|conference|"
    r"negotiations|review|ruling|verdict|decision|launch|merger|war|crisis|season|games|"
    r"cup|olympics|budget|strike|end|ends|begins|starts|takes|reconvenes|returns|after|before|"
    r"until|once|when|tournament|opening|closure|closes|opens)\b"
)
FILLER = {
    "the", "of", "in", "at", "on", "by", "or", "and", "so", "as", "well", "even", "only",
    "just", "already", "still", "yet", "sometime", "some", "time", "around", "about",
    "roughly", "latest", "earliest", "possible", "early", "late", "then", "this", "its",
    "very", "quite", "fairly", "relatively", "rather", "pretty", "fast", "quickly",
}  # fmt: skip


_OPEN_SPAN = re.compile(r"within|inside|less than|under|next|coming|following|upcoming|matter")


class NeedsPublicationDate(Exception):
    """The period depends on the publication date, which is not known."""


Anchor = Callable[[re.Match[str], "date | None"], "Period | None"]


def _pub(published: date | None) -> date:
    if published is None:
        raise NeedsPublicationDate
    return published


def _number(word: str | None, unit: str, plural: str) -> int:
    if word is None:
        return _BARE[unit] if plural else 1
    return int(word) if word.isdigit() else _NUMBERS[word]


def _month_number(word: str) -> int:
    word = word.rstrip(".")
    return next(i for i, m in enumerate(_MONTHS, 1) if m.startswith(word[:3]))


def _which_year(m: re.Match[str], year_group: int, phrase_group: int, pub: date | None) -> int:
    """An explicit year, "next year" / "this year", or None (the caller picks)."""
    if m.group(year_group):
        return int(m.group(year_group))
    phrase = m.group(phrase_group)
    if phrase in ("next year", "the following year"):
        return _pub(pub).year + 1
    return _pub(pub).year


def _occurrence(build: Callable[[int], Period], pub: date | None, *, strictly_next: bool) -> Period:
    """The period holding the publication date, else the next to start (or, for "next X",
    the first to start after it)."""
    day = _pub(pub)
    for y in (day.year - 1, day.year, day.year + 1):
        period = build(y)
        if strictly_next and period.start > day:
            return period
        if not strictly_next and period.end >= day:
            return period
    return build(day.year + 1)  # pragma: no cover - one of the three always fits


# -- anchors: each reads one kind of period ---------------------------------------------------


def _span(m: re.Match[str], pub: date | None) -> Period | None:
    if m.group("num") is None and m.group("plural") and not _OPEN_SPAN.search(m.group(0)):
        return None  # "in years", "for months": how long something lasts, not when
    day = _pub(pub)
    unit, count = m.group("unit"), _number(m.group("num"), m.group("unit"), m.group("plural"))
    if m.groupdict().get("num2"):  # "two to three years": the later end
        count = max(count, _number(m.group("num2"), unit, "s"))
    if unit == "hour":
        end = day + timedelta(-(-count // 24))
    elif unit == "day":
        end = day + timedelta(count)
    elif unit == "week":
        end = day + timedelta(7 * count)
    elif unit == "fortnight":
        end = day + timedelta(14 * count)
    elif unit == "month":
        end = cal.add_months(day, count)
    elif unit == "quarter":
        end = cal.add_months(day, 3 * count)
    elif unit == "year":
        end = cal.add_years(day, count)
    else:
        end = cal.add_years(day, 10 * count)
    return Period(day, end)


def _iso(m: re.Match[str], pub: date | None) -> Period:
    d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return Period(d, d)


def _day(m: re.Match[str], pub: date | None) -> Period:
    number, day_ = _month_number(m.group("month")), int(m.group("day"))
    if m.group("year"):
        d = date(int(m.group("year")), number, day_)
        return Period(d, d)
    return _occurrence(lambda y: Period(date(y, number, day_), date(y, number, day_)), pub,
                       strictly_next=False)  # fmt: skip


def _month(m: re.Match[str], pub: date | None) -> Period:
    number = _month_number(m.group("month"))
    if m.group("year") or m.group("rel"):
        return cal.month(_which_year(m, m.re.groupindex["year"], m.re.groupindex["rel"], pub),
                         number)  # fmt: skip
    nxt = m.group("next") == "next"
    return _occurrence(lambda y: cal.month(y, number), pub, strictly_next=nxt)


def _season(m: re.Match[str], pub: date | None) -> Period:
    name = m.group("season")
    if m.group("year"):
        return cal.season(name, int(m.group("year")))
    if m.group("rel"):
        return cal.season(name, _which_year(m, m.re.groupindex["year"], m.re.groupindex["rel"],
                                            pub))  # fmt: skip
    nxt = m.group("next") == "next"
    # A winter that started last December is still "this winter" in February.
    return _occurrence(lambda y: cal.season(name, y), pub, strictly_next=nxt)


def _part(build: Callable[[int, int], Period], count: int) -> Anchor:
    def anchor(m: re.Match[str], pub: date | None) -> Period:
        number = _ORDINAL[m.group("ord")]
        if m.group("year") or m.group("rel"):
            return build(_which_year(m, m.re.groupindex["year"], m.re.groupindex["rel"], pub),
                         number)  # fmt: skip
        return _occurrence(lambda y: build(y, number), pub, strictly_next=False)

    return anchor


def _part_letter(build: Callable[[int, int], Period]) -> Anchor:
    def anchor(m: re.Match[str], pub: date | None) -> Period:
        number = int(m.group(2))
        if m.group(3):
            return build(int(m.group(3)), number)
        return _occurrence(lambda y: build(y, number), pub, strictly_next=False)

    return anchor


def _this_quarter(m: re.Match[str], pub: date | None) -> Period:
    day = _pub(pub)
    current = cal.quarter(day.year, (day.month - 1) // 3 + 1)
    if m.group(1) == "next":
        following = current.end + timedelta(1)
        return cal.quarter(following.year, (following.month - 1) // 3 + 1)
    return current


def _decade(m: re.Match[str], pub: date | None) -> Period:
    if m.group("decade"):
        return cal.decade(int(m.group("decade")))
    first = _pub(pub).year // 10 * 10
    return cal.decade(first + 10 if m.group("next") else first)


def _year(m: re.Match[str], pub: date | None) -> Period:
    return cal.year(int(m.group(1)))


def _years(m: re.Match[str], pub: date | None) -> Period:
    first, last = sorted((int(m.group(1)), int(m.group(2))))
    return Period(cal.year(first).start, cal.year(last).end)


def _relative_year(m: re.Match[str], pub: date | None) -> Period:
    shift = 1 if m.group(1) in ("next", "the following", "the coming") else 0
    return cal.year(_pub(pub).year + shift)


def _relative_month(m: re.Match[str], pub: date | None) -> Period:
    day = _pub(pub)
    if m.group(1) == "next":
        following = cal.month(day.year, day.month).end + timedelta(1)
        return cal.month(following.year, following.month)
    return cal.month(day.year, day.month)


def _relative_week(m: re.Match[str], pub: date | None) -> Period:
    week = cal.week_of(_pub(pub))
    if m.group(1) == "next":
        return Period(week.start + timedelta(7), week.end + timedelta(7))
    return week


def _weekend(m: re.Match[str], pub: date | None) -> Period:
    week = _relative_week(m, pub)
    return Period(week.end - timedelta(1), week.end)


# Fixed-date holidays only: Easter and the like move, and stay unresolved.
_HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's eve": (12, 31), "new year's day": (1, 1),
}  # fmt: skip


def _holiday(m: re.Match[str], pub: date | None) -> Period:
    day = _pub(pub)
    if m.group(1) == "the new year":  # January of the coming year
        return cal.month(day.year + 1, 1)
    month_, day_ = _HOLIDAYS[m.group(1)]
    return _occurrence(lambda y: Period(date(y, month_, day_), date(y, month_, day_)), pub,
                       strictly_next=False)  # fmt: skip


def _weekday(m: re.Match[str], pub: date | None) -> Period:
    d = cal.next_weekday(_pub(pub), _WEEKDAYS.index(m.group(1)))
    return Period(d, d)


def _today(m: re.Match[str], pub: date | None) -> Period:
    d = _pub(pub) + timedelta(1 if m.group(1) == "tomorrow" else 0)
    return Period(d, d)


def _fixed_span(days: int) -> Anchor:
    def anchor(m: re.Match[str], pub: date | None) -> Period:
        day = _pub(pub)
        return Period(day, day + timedelta(days))

    return anchor


_SPAN_LEAD = (
    r"(?:within|inside(?: of)?|in less than|in under|in|over|during|for)"
    r"(?: the| a)?(?: next| coming| following| upcoming| matter of)?"
)
ANCHORS: list[tuple[re.Pattern[str], Anchor]] = [
    (
        re.compile(
            rf"\b{_SPAN_LEAD} (?:(?P<num>{NUM})(?: (?:to|or|-) (?P<num2>{NUM}))? )?"
            rf"(?P<unit>{UNIT})(?P<plural>s?)(?!'s)"
            r"(?:[’' ]+time)?\b"
        ),
        _span,
    ),
    (re.compile(rf"\b(?P<num>{NUM}) (?P<unit>{UNIT})(?P<plural>s?) from now\b"), _span),
    *((re.compile(p), _fixed_span(d)) for p, d in _VAGUE_SPANS),
    (re.compile(r"\b(\d{4})-(\d\d)-(\d\d)\b"), _iso),
    (
        re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<month>{_MONTH[1:-4]})\.?"
            rf"(?:,? (?P<year>{_YEAR[1:-1]}))?\b"
        ),
        _day,
    ),
    (
        re.compile(
            rf"\b(?P<month>{_MONTH[1:-4]})\.? (?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
            rf"(?:,? (?P<year>{_YEAR[1:-1]}))?"
        ),
        _day,
    ),
    (
        re.compile(
            rf"\b(?:the )?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last) "
            r"quarter"
            rf"(?: (?:of )?(?:(?P<year>{_YEAR[1:-1]})|(?P<rel>next year|this year|the year|"
            r"the following year)))?"
        ),
        _part(cal.quarter, 4),
    ),
    (re.compile(rf"\b(q)([1-4])(?: {_YEAR})?\b"), _part_letter(cal.quarter)),
    (
        re.compile(r"\b(?:the |this )?(this|next|current) quarter\b|\bthe (quarter)\b"),
        _this_quarter,
    ),
    (
        re.compile(
            rf"\b(?:the )?(?P<ord>first|second|1st|2nd) half"
            rf"(?: (?:of )?(?:(?P<year>{_YEAR[1:-1]})|(?P<rel>next year|this year|the year|"
            r"the following year)))?"
        ),
        _part(cal.half, 2),
    ),
    (re.compile(rf"\b(h)([12])(?: {_YEAR})?\b"), _part_letter(cal.half)),
    (
        re.compile(
            r"\b(?:(?P<next>this|next|coming) |the )?(?P<season>spring|summer|autumn|fall|"
            rf"winter)(?: (?:of )?(?:(?P<year>{_YEAR[1:-1]})(?:[/-]\d\d(?:\d\d)?)?|"
            r"(?P<rel>next year|this year)))?\b"
        ),
        _season,
    ),
    (
        re.compile(
            r"\bthe (?P<decade>(?:19|20|21)\d0)s\b|\b(?:the |this |(?P<next>next) )decade\b"
        ),
        _decade,
    ),
    (
        re.compile(
            r"\b(?:(?P<next>next|this|coming) )?(?P<month>"
            + _MONTH[1:-4]
            + rf")\b(?: (?:of )?(?:(?P<year>{_YEAR[1:-1]})|(?P<rel>next year|this year)))?"
        ),
        _month,
    ),
    (
        re.compile(r"\b(next|this|the coming|the following|the|current) year\b|\byear[- ]end\b"),
        _relative_year,
    ),
    (re.compile(r"\b(next|this|the) month\b"), _relative_month),
    (re.compile(r"\b(next|this|the) weekend\b"), _weekend),
    (re.compile(r"\b(next|this|the) week\b"), _relative_week),
    (
        re.compile(
            r"\b(christmas(?: day)?|christmas eve|new year's eve|new year's day|"
            r"the new year)\b"
        ),
        _holiday,
    ),
    (re.compile(r"\b(?:next |this |on )?(" + "|".join(_WEEKDAYS) + r")\b"), _weekday),
    (re.compile(r"\b(today|tomorrow|tonight)\b"), _today),
    (re.compile(rf"\b(?:between |from )?{_YEAR} ?(?:-|to|and|or) ?{_YEAR}\b"), _years),
    (re.compile(rf"\b{_YEAR}\b"), _year),
]
PREFIX = re.compile(
    r"(?:the )?(?:(?P<edge>end|close|start|beginning|middle|turn) of (?:the )?"
    r"|(?P<third>early|mid|late|later)(?:-| in (?:the )?| )(?:the )?)$"
)
SPAN_ANCHORS = 2 + len(_VAGUE_SPANS)
