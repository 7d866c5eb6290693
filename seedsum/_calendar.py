"""Calendar periods for the timeframe parser: a year, a month, a season, a quarter, as
inclusive date intervals, and how to step them. Pure date arithmetic, no text."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

# Meteorological seasons, northern hemisphere: the month each starts in.
SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


@dataclass(frozen=True)
class Period:
    """An inclusive interval of days."""

    start: date
    end: date

    def third(self, which: str) -> Period:
        """The early / mid / late third of the period (for a month: days 1-10, 11-20, 21-end)."""
        days = (self.end - self.start).days + 1
        if days in (28, 29, 30, 31):  # a month: the usual 10-day thirds
            cuts = [self.start, self.start + timedelta(10), self.start + timedelta(20)]
        elif days in (365, 366):  # a year: January-April, May-August, September-December
            y = self.start.year
            cuts = [date(y, 1, 1), date(y, 5, 1), date(y, 9, 1)]
        else:
            step = days // 3
            cuts = [self.start, self.start + timedelta(step), self.start + timedelta(2 * step)]
        if which == "early":
            return Period(cuts[0], cuts[1] - timedelta(1))
        if which == "mid":
            return Period(cuts[1], cuts[2] - timedelta(1))
        return Period(cuts[2], self.end)


def month(year: int, number: int) -> Period:
    return Period(date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1]))


def months(year: int, first: int, count: int) -> Period:
    """`count` months starting with month `first` of `year` (may run into the next year)."""
    start = month(year, first).start
    last_year, last_month = divmod(first - 1 + count - 1, 12)
    return Period(start, month(year + last_year, last_month + 1).end)


def year(number: int) -> Period:
    return Period(date(number, 1, 1), date(number, 12, 31))


def decade(first_year: int) -> Period:
    return Period(date(first_year, 1, 1), date(first_year + 9, 12, 31))


def season(name: str, year_: int) -> Period:
    """The season that starts in `year_` (winter 2026 = December 2026 to February 2027)."""
    return months(year_, SEASON_START[name], 3)


def quarter(year_: int, number: int) -> Period:
    return months(year_, 3 * number - 2, 3)


def half(year_: int, number: int) -> Period:
    return months(year_, 6 * number - 5, 6)


def add_months(day: date, count: int) -> date:
    y, m = divmod(day.month - 1 + count, 12)
    y += day.year
    return date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


def add_years(day: date, count: int) -> date:
    return add_months(day, 12 * count)


def week_of(day: date) -> Period:
    """Monday to Sunday of the week holding `day`."""
    monday = day - timedelta(day.weekday())
    return Period(monday, monday + timedelta(6))


def next_weekday(day: date, weekday: int) -> date:
    """The first date strictly after `day` that falls on `weekday` (Monday = 0)."""
    return day + timedelta((weekday - day.weekday() - 1) % 7 + 1)
