"""Scoring a ledger against what happened.

Scoring, per source: `made` predictions, `resolved` (those with an outcome), `hit_rate` (the
share of resolved predictions whose band leaned the right way: midpoint above 0.5 and it
happened, or below 0.5 and it did not; a band on 0.5 or no band has no lean and is left
out), `brier` (the mean of (midpoint - outcome)² over resolved predictions with a band; 0 is
perfect, 0.25 is what always saying 50% scores), and a calibration table: for each band, how
many resolved predictions had it and how often they came true.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from .errors import InvalidInputError
from .ledger_rows import LedgerRow

__all__ = ["CalibrationRow", "Resolution", "SourceScore", "read_resolutions", "score"]


@dataclass(frozen=True)
class Resolution:
    """What happened to a prediction: `outcome` True if it came true."""

    id: str
    outcome: bool
    resolved_on: date | None = None


@dataclass(frozen=True)
class CalibrationRow:
    """Resolved predictions with one band, and how often they came true."""

    low: float
    high: float
    count: int
    observed: float


@dataclass(frozen=True)
class SourceScore:
    """How one source's predictions fared (see the module docstring)."""

    source: str
    made: int
    resolved: int
    hit_rate: float | None
    brier: float | None
    calibration: list[CalibrationRow]


_TRUE = {"true", "yes", "1", "y", "t"}
_FALSE = {"false", "no", "0", "n", "f"}


def read_resolutions(text: str) -> dict[str, Resolution]:
    """Parse a CSV with the header `id,outcome,resolved_on` (outcome true/false; the date may
    be empty). A bad line is an error naming its line number."""
    reader = csv.DictReader(io.StringIO(text))
    missing = {"id", "outcome"} - set(reader.fieldnames or [])
    if missing:
        raise InvalidInputError(
            f"the resolutions CSV needs the columns id,outcome,resolved_on; missing: "
            f"{', '.join(sorted(missing))}"
        )
    resolutions: dict[str, Resolution] = {}
    for line, record in enumerate(reader, start=2):
        outcome = (record.get("outcome") or "").strip().lower()
        if outcome not in _TRUE | _FALSE:
            raise InvalidInputError(
                f"resolutions line {line}: outcome {record.get('outcome')!r} is not true or false"
            )
        when = (record.get("resolved_on") or "").strip()
        try:
            resolved_on = date.fromisoformat(when) if when else None
        except ValueError:
            raise InvalidInputError(
                f"resolutions line {line}: resolved_on {when!r} is not a date (YYYY-MM-DD)"
            ) from None
        identifier = (record.get("id") or "").strip()
        resolutions[identifier] = Resolution(identifier, outcome in _TRUE, resolved_on)
    return resolutions


def score(rows: Iterable[LedgerRow], resolutions: Mapping[str, Resolution]) -> list[SourceScore]:
    """Per source, sorted by name (see the module docstring for the measures)."""
    by_source: dict[str, list[LedgerRow]] = {}
    for row in rows:
        by_source.setdefault(row.source, []).append(row)
    return [_score(name, by_source[name], resolutions) for name in sorted(by_source)]


def _score(
    source: str, rows: list[LedgerRow], resolutions: Mapping[str, Resolution]
) -> SourceScore:
    resolved = [(row, resolutions[row.id].outcome) for row in rows if row.id in resolutions]
    banded = [(row.midpoint, outcome) for row, outcome in resolved if row.midpoint is not None]
    leaning = [(p, o) for p, o in banded if p is not None and p != 0.5]
    hits = sum(1 for p, o in leaning if (p > 0.5) == o)
    bins: dict[tuple[float, float], list[bool]] = {}
    for row, outcome in resolved:
        if row.probability_low is not None and row.probability_high is not None:
            bins.setdefault((row.probability_low, row.probability_high), []).append(outcome)
    return SourceScore(
        source=source,
        made=len(rows),
        resolved=len(resolved),
        hit_rate=hits / len(leaning) if leaning else None,
        brier=sum((p - o) ** 2 for p, o in banded if p is not None) / len(banded)
        if banded
        else None,
        calibration=[
            CalibrationRow(low, high, len(outcomes), sum(outcomes) / len(outcomes))
            for (low, high), outcomes in sorted(bins.items())
        ],
    )
