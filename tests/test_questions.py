"""Questions a later reader can resolve, and ids that recognise the same forecast."""

from __future__ import annotations

from datetime import date

import pytest

from seedsum.questions import build_question, prediction_id
from seedsum.timeframes import parse_timeframe

BY_2027 = parse_timeframe("by 2027", date(2026, 3, 1))


@pytest.mark.parametrize(
    ("claim", "source", "question"),
    [
        ("The bank will cut rates.", None, "Will the bank cut rates before 2028-01-01?"),
        ("that Hungary won’t pay", None, "Will Hungary not pay before 2028-01-01?"),
        ("we will reopen the deal", "Horváth", "Will Horváth reopen the deal before 2028-01-01?"),
        ("the line would carry gas", None, "Will the line carry gas before 2028-01-01?"),
        ("If we win, we will", None, "Will it happen that if we win, we will before 2028-01-01?"),
        ("a ceasefire", None, "Will it happen that a ceasefire before 2028-01-01?"),
    ],
)  # fmt: skip
def test_questions(claim: str, source: str | None, question: str) -> None:
    assert build_question(claim, BY_2027, source) == question


def test_event_bound_and_open_deadlines() -> None:
    event = parse_timeframe("before the next election")
    assert build_question("talks will collapse", event) == (
        "Will talks collapse (before the next election)?"
    )
    after = parse_timeframe("after 2027")
    assert build_question("prices will fall", after) == "Will prices fall on or after 2028-01-01?"
    assert build_question("prices will fall", None) == "Will prices fall?"


def test_the_same_forecast_in_two_articles_has_one_id() -> None:
    later = parse_timeframe("by 2027", date(2026, 6, 1))
    assert prediction_id("Maren Holt", "The bank will cut rates.", BY_2027) == prediction_id(
        "maren  holt", "“the bank will cut rates”", later
    )
    assert prediction_id("Maren Holt", "The bank will cut rates.", BY_2027) != prediction_id(
        "Maren Holt", "The bank will cut rates.", parse_timeframe("by 2028", date(2026, 6, 1))
    )
    assert prediction_id("A", "x will happen", None).startswith("p-")
