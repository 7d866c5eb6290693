"""The timeframe parser's table: text + publication date -> inclusive interval (and event).

The publication date of the table is Tuesday 10 March 2026 unless a row says otherwise;
"-" is None. The conventions behind each row are in `seedsum.timeframes`' docstring.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from seedsum.timeframes import NO_DATE, parse_timeframe

PUB = date(2026, 3, 10)

# text | not_before | not_after | event
RESOLVED = """
by 2027                                 | 2026-03-10 | 2027-12-31 | -
by 2030                                 | 2026-03-10 | 2030-12-31 | -
before 2030                             | 2026-03-10 | 2029-12-31 | -
in 2026                                 | 2026-03-10 | 2026-12-31 | -
in 2028                                 | 2028-01-01 | 2028-12-31 | -
after 2027                              | 2028-01-01 | -          | -
from 2028                               | 2028-01-01 | -          | -
not until 2029                          | 2029-01-01 | -          | -
not before 2029                         | 2029-01-01 | -          | -
by 2027 or 2028                         | 2026-03-10 | 2028-12-31 | -
between 2027 and 2029                   | 2027-01-01 | 2029-12-31 | -
by the end of 2026                      | 2026-03-10 | 2026-12-31 | -
by the start of 2027                    | 2026-03-10 | 2027-01-01 | -
before the start of 2027                | 2026-03-10 | 2026-12-31 | -
early 2027                              | 2027-01-01 | 2027-04-30 | -
mid-2027                                | 2027-05-01 | 2027-08-31 | -
late 2026                               | 2026-09-01 | 2026-12-31 | -
by late 2027                            | 2026-03-10 | 2027-12-31 | -
this year                               | 2026-03-10 | 2026-12-31 | -
next year                               | 2027-01-01 | 2027-12-31 | -
some time next year                     | 2027-01-01 | 2027-12-31 | -
early next year                         | 2027-01-01 | 2027-04-30 | -
later this year                         | 2026-09-01 | 2026-12-31 | -
by the end of the year                  | 2026-03-10 | 2026-12-31 | -
before the end of the year              | 2026-03-10 | 2026-12-31 | -
until the end of the year               | 2026-03-10 | 2026-12-31 | -
by year-end                             | 2026-03-10 | 2026-12-31 | -
by the end of next year                 | 2026-03-10 | 2027-12-31 | -
around the turn of the year             | 2026-12-31 | 2027-01-01 | -
by the end of the decade                | 2026-03-10 | 2029-12-31 | -
before the end of the decade            | 2026-03-10 | 2029-12-31 | -
before the decade is out                | 2026-03-10 | 2029-12-31 | -
before the year is over                 | 2026-03-10 | 2026-12-31 | -
for most of next summer                 | 2026-06-01 | 2026-08-31 | -
for next summer                         | 2026-06-01 | 2026-08-31 | -
this decade                             | 2026-03-10 | 2029-12-31 | -
in the 2030s                            | 2030-01-01 | 2039-12-31 | -
next March                              | 2027-03-01 | 2027-03-31 | -
in May                                  | 2026-05-01 | 2026-05-31 | -
by May                                  | 2026-03-10 | 2026-05-31 | -
in February                             | 2027-02-01 | 2027-02-28 | -
before the end of March                 | 2026-03-10 | 2026-03-31 | -
by March 2027                           | 2026-03-10 | 2027-03-31 | -
in early March                          | 2026-03-10 | 2026-03-10 | -
later this month                        | 2026-03-21 | 2026-03-31 | -
before mid-December                     | 2026-03-10 | 2026-12-10 | -
by mid-December                         | 2026-03-10 | 2026-12-20 | -
in late June                            | 2026-06-21 | 2026-06-30 | -
on 9 May                                | 2026-05-09 | 2026-05-09 | -
by 1 November                           | 2026-03-10 | 2026-11-01 | -
before 1 November                       | 2026-03-10 | 2026-10-31 | -
by December 31                          | 2026-03-10 | 2026-12-31 | -
on 2 March                              | 2027-03-02 | 2027-03-02 | -
by 2026-06-30                           | 2026-03-10 | 2026-06-30 | -
by the spring                           | 2026-03-10 | 2026-05-31 | -
in spring                               | 2026-03-10 | 2026-05-31 | -
by next spring                          | 2026-03-10 | 2027-05-31 | -
before winter                           | 2026-03-10 | 2026-11-30 | -
before the spring                       | 2026-03-10 | 2027-02-28 | -
before March                            | 2026-03-10 | 2027-02-28 | -
this summer                             | 2026-06-01 | 2026-08-31 | -
by the summer                           | 2026-03-10 | 2026-08-31 | -
before the summer                       | 2026-03-10 | 2026-05-31 | -
by late summer                          | 2026-03-10 | 2026-08-31 | -
this winter                             | 2026-12-01 | 2027-02-28 | -
over the winter                         | 2026-12-01 | 2027-02-28 | -
next winter                             | 2026-12-01 | 2027-02-28 | -
in the autumn of 2027                   | 2027-09-01 | 2027-11-30 | -
by autumn 2027                          | 2026-03-10 | 2027-11-30 | -
by the winter of 2028                   | 2026-03-10 | 2029-02-28 | -
in the winter of 2027/28                | 2027-12-01 | 2028-02-29 | -
by the fall                             | 2026-03-10 | 2026-11-30 | -
by the third quarter                    | 2026-03-10 | 2026-09-30 | -
in the fourth quarter of 2027           | 2027-10-01 | 2027-12-31 | -
in the first quarter                    | 2026-03-10 | 2026-03-31 | -
in the first quarter of next year       | 2027-01-01 | 2027-03-31 | -
q3 2027                                 | 2027-07-01 | 2027-09-30 | -
by the end of the quarter               | 2026-03-10 | 2026-03-31 | -
before the end of the quarter           | 2026-03-10 | 2026-03-31 | -
next quarter                            | 2026-04-01 | 2026-06-30 | -
in the first half of next year          | 2027-01-01 | 2027-06-30 | -
in the second half                      | 2026-07-01 | 2026-12-31 | -
by the second half of 2027              | 2026-03-10 | 2027-12-31 | -
by h1 2027                              | 2026-03-10 | 2027-06-30 | -
within weeks                            | 2026-03-10 | 2026-05-05 | -
within a few weeks                      | 2026-03-10 | 2026-03-31 | -
in the coming weeks                     | 2026-03-10 | 2026-05-05 | -
in the coming months                    | 2026-03-10 | 2027-03-10 | -
over the next few months                | 2026-03-10 | 2026-06-10 | -
within months                           | 2026-03-10 | 2027-03-10 | -
within days                             | 2026-03-10 | 2026-03-24 | -
within hours                            | 2026-03-10 | 2026-03-12 | -
within a month                          | 2026-03-10 | 2026-04-10 | -
within 18 months                        | 2026-03-10 | 2027-09-10 | -
in 18 months' time                      | 2026-03-10 | 2027-09-10 | -
within two years                        | 2026-03-10 | 2028-03-10 | -
in two years                            | 2026-03-10 | 2028-03-10 | -
in the next two to three years          | 2026-03-10 | 2029-03-10 | -
within the next year                    | 2026-03-10 | 2027-03-10 | -
over the next decade                    | 2026-03-10 | 2036-03-10 | -
over the coming decade                  | 2026-03-10 | 2036-03-10 | -
in the coming years                     | 2026-03-10 | 2031-03-10 | -
three weeks from now                    | 2026-03-10 | 2026-03-31 | -
a year from now                         | 2026-03-10 | 2027-03-10 | -
this week                               | 2026-03-10 | 2026-03-15 | -
next week                               | 2026-03-16 | 2026-03-22 | -
by the end of the week                  | 2026-03-10 | 2026-03-15 | -
next month                              | 2026-04-01 | 2026-04-30 | -
by the end of the month                 | 2026-03-10 | 2026-03-31 | -
by Friday                               | 2026-03-10 | 2026-03-13 | -
by next Tuesday                         | 2026-03-10 | 2026-03-17 | -
on Monday                               | 2026-03-16 | 2026-03-16 | -
tomorrow                                | 2026-03-11 | 2026-03-11 | -
today                                   | 2026-03-10 | 2026-03-10 | -
soon                                    | 2026-03-10 | 2026-06-09 | -
shortly                                 | 2026-03-10 | 2026-06-09 | -
very soon                               | 2026-03-10 | 2026-06-09 | -
immediately                             | 2026-03-10 | 2026-03-17 | -
imminently                              | 2026-03-10 | 2026-03-17 | -
in the near term                        | 2026-03-10 | 2027-03-10 | -
in the near future                      | 2026-03-10 | 2027-03-10 | -
in the medium term                      | 2026-03-10 | 2031-03-09 | -
By 2027.                                | 2026-03-10 | 2027-12-31 | -
by Friday at the latest                 | 2026-03-10 | 2026-03-13 | -
in a matter of days                     | 2026-03-10 | 2026-03-24 | -
well beyond 2029                        | 2030-01-01 | -          | -
into 2028                               | 2028-01-01 | 2028-12-31 | -
for the rest of the month               | 2026-03-10 | 2026-03-31 | -
in next year's budget                   | 2027-01-01 | 2027-12-31 | budget
before the weekend                      | 2026-03-10 | 2026-03-13 | -
this weekend                            | 2026-03-14 | 2026-03-15 | -
before Christmas                        | 2026-03-10 | 2026-12-24 | -
into the new year                       | 2027-01-01 | 2027-01-31 | -
at its next meeting in December         | 2026-12-01 | 2026-12-31 | its next meeting
before the sardinella season peaks in July | 2026-03-10 | 2026-07-31 | the sardinella season peaks
only after the rainy season ends in August | 2026-08-01 | -          | the rainy season ends
after the summit in June                | 2026-06-01 | -          | the summit
by the time parliament reconvenes in September | 2026-03-10 | 2026-09-30 | parliament reconvenes
"""

# text | event | why (a substring)
UNRESOLVED = """
before the next election                | the next election           | event
once the talks end                      | the talks end               | event
before polling day                      | polling day                 | event
after the summit                        | the summit                  | event
by the next election                    | the next election           | event
within weeks of being sworn in          | being sworn in              | event
within its first 100 days in office     | its first 100 days in office | event
by the time parliament reconvenes       | parliament reconvenes       | event
within six months of the decision       | the decision                | event
for three seasons after the tournament | for three seasons after the tournament | event
before Easter                           | Easter                      | event
in the long term                        | -                           | vague
eventually                              | -                           | vague
at some point                           | -                           | vague
one day                                 | -                           | vague
in years                                | -                           | vague
until further notice                    | -                           | vague
in fiscal 2027                          | -                           | fiscal
by the end of the financial year        | -                           | fiscal
in weeks                                | -                           | no date
by at least six months                  | -                           | length of time
by another year                         | -                           | length of time
for months                              | -                           | no date
may                                     | -                           | no date
by 31 February                          | -                           | not a valid date
in 2025                                 | -                           | ended before publication
"""


def _date(cell: str) -> date | None:
    return None if cell == "-" else date.fromisoformat(cell)


def _rows(table: str) -> list[list[str]]:
    return [[c.strip() for c in line.split("|")] for line in table.strip().splitlines()]


@pytest.mark.parametrize(("text", "not_before", "not_after", "event"), _rows(RESOLVED))
def test_resolved(text: str, not_before: str, not_after: str, event: str) -> None:
    deadline = parse_timeframe(text, PUB)
    assert (deadline.not_before, deadline.not_after) == (_date(not_before), _date(not_after))
    assert deadline.event == (None if event == "-" else event)
    assert deadline.resolved
    assert deadline.text == text


@pytest.mark.parametrize(("text", "event", "why"), _rows(UNRESOLVED))
def test_unresolved(text: str, event: str, why: str) -> None:
    deadline = parse_timeframe(text, PUB)
    assert (deadline.not_before, deadline.not_after) == (None, None)
    assert not deadline.resolved
    assert deadline.event == (None if event == "-" else event)
    assert deadline.why is not None and why in deadline.why


def test_table_is_large_enough() -> None:
    assert len(_rows(RESOLVED)) + len(_rows(UNRESOLVED)) >= 80


# Without a publication date: absolute expressions still resolve, relative ones say why not.
WITHOUT_DATE = """
by 2027                                 | -          | 2027-12-31
in 2026                                 | 2026-01-01 | 2026-12-31
before 2030                             | -          | 2029-12-31
in the first half of 2027               | 2027-01-01 | 2027-06-30
by the third quarter of 2027            | -          | 2027-09-30
by the winter of 2028                   | -          | 2029-02-28
on 9 May 2027                           | 2027-05-09 | 2027-05-09
after 2027                              | 2028-01-01 | -
in the 2030s                            | 2030-01-01 | 2039-12-31
"""
RELATIVE = [
    "next year", "this year", "within weeks", "in the coming months", "by the spring", "soon",
    "next March", "in March", "by Friday", "by the end of the year", "within 18 months",
    "this summer", "by the third quarter", "in the near term", "immediately", "next week",
]  # fmt: skip


@pytest.mark.parametrize(("text", "not_before", "not_after"), _rows(WITHOUT_DATE))
def test_absolute_without_publication_date(text: str, not_before: str, not_after: str) -> None:
    deadline = parse_timeframe(text)
    assert (deadline.not_before, deadline.not_after) == (_date(not_before), _date(not_after))
    assert deadline.resolved


@pytest.mark.parametrize("text", RELATIVE)
def test_relative_without_publication_date(text: str) -> None:
    deadline = parse_timeframe(text)
    assert (deadline.not_before, deadline.not_after, deadline.resolved) == (None, None, False)
    assert deadline.why == NO_DATE


def test_a_datetime_counts_as_its_date() -> None:
    assert parse_timeframe("this week", datetime(2026, 3, 10, 23, 59)) == parse_timeframe(
        "this week", PUB
    )


def test_winter_in_february_is_the_current_one() -> None:
    deadline = parse_timeframe("this winter", date(2027, 2, 1))
    assert (deadline.not_before, deadline.not_after) == (date(2027, 2, 1), date(2027, 2, 28))


@pytest.mark.parametrize("text", [None, "", "   "])
def test_no_timeframe(text: str | None) -> None:
    deadline = parse_timeframe(text, PUB)
    assert not deadline.resolved and deadline.why == "no timeframe stated"


def test_a_period_that_is_out_is_its_end_even_in_its_last_month() -> None:
    # In December, "the year" alone may mean the next one; "before the year is out" never does.
    deadline = parse_timeframe("before the year is out", date(2026, 12, 3))
    assert (deadline.not_before, deadline.not_after) == (date(2026, 12, 3), date(2026, 12, 31))
    assert deadline.event is None
