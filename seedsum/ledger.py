"""The analyst's ledger: the predictions of a corpus, one row per prediction id, with every
article that carried it; and their scores once outcomes are known.

    rows = seedsum.ledger(results)            # results: ArticleSummary or DocumentResult items
    rows.to_pandas()                          # a DataFrame, if pandas is installed
    scores = score(rows, read_resolutions(open("resolutions.csv").read()))

Scoring, per source: `made` predictions, `resolved` (those with an outcome), `hit_rate` (the
share of resolved predictions whose band leaned the right way: midpoint above 0.5 and it
happened, or below 0.5 and it did not; a band on 0.5 or no band has no lean and is left
out), `brier` (the mean of (midpoint - outcome)² over resolved predictions with a band; 0 is
perfect, 0.25 is what always saying 50% scores), and a calibration table: for each band, how
many resolved predictions had it and how often they came true.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from .corpus import DocumentResult
from .errors import InvalidInputError
from .questions import prediction_id
from .schema import ArticleSummary, Prediction

__all__ = [
    "ArticleRef",
    "CalibrationRow",
    "Ledger",
    "LedgerRow",
    "Resolution",
    "SourceScore",
    "ledger",
    "read_resolutions",
    "score",
]


@dataclass(frozen=True)
class ArticleRef:
    """An article that carried a prediction."""

    id: str | None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class LedgerRow:
    """One prediction, however many articles carried it."""

    id: str
    source: str
    question: str | None
    claim: str
    timeframe: str | None
    not_before: str | None
    not_after: str | None
    event: str | None
    probability_low: float | None
    probability_high: float | None
    likelihood: str
    attribution: str | None
    quote: str
    articles: tuple[ArticleRef, ...] = field(default_factory=tuple)

    @property
    def midpoint(self) -> float | None:
        if self.probability_low is None or self.probability_high is None:
            return None
        return (self.probability_low + self.probability_high) / 2

    def as_dict(self) -> dict[str, Any]:
        """The row as plain data (`articles` as a list of dicts)."""
        return asdict(self) | {"articles": [asdict(a) for a in self.articles]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LedgerRow:
        articles = data.get("articles") or []
        if isinstance(articles, str):  # a CSV cell
            articles = json.loads(articles)
        fields: dict[str, Any] = {
            k: data.get(k) for k in cls.__dataclass_fields__ if k != "articles"
        }
        for key in ("probability_low", "probability_high"):
            fields[key] = None if fields[key] in (None, "") else float(fields[key])
        for key, value in fields.items():
            if value == "" and key not in ("claim", "quote", "source", "id", "likelihood"):
                fields[key] = None
        if not fields.get("id"):
            raise InvalidInputError(f"a ledger row has no id: {dict(data)!r:.80}")
        return cls(**fields, articles=tuple(ArticleRef(**a) for a in articles))


class Ledger(Sequence[LedgerRow]):
    """The rows of a ledger, in the order predictions were first seen."""

    def __init__(self, rows: Iterable[LedgerRow]) -> None:
        self.rows = list(rows)

    def __getitem__(self, index: int) -> LedgerRow:  # type: ignore[override]
        return self.rows[index]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[LedgerRow]:
        return iter(self.rows)

    def to_dicts(self) -> list[dict[str, Any]]:
        return [row.as_dict() for row in self.rows]

    def to_pandas(self) -> Any:
        """A pandas DataFrame of the rows (pip install 'seedsum[pandas]')."""
        try:
            pd = importlib.import_module("pandas")
        except ImportError:
            raise InvalidInputError(
                "to_pandas() needs pandas: pip install 'seedsum[pandas]' (or pandas)"
            ) from None
        return pd.DataFrame(self.to_dicts())

    def filter(
        self,
        *,
        since: date | None = None,
        due_before: date | None = None,
        source: str | None = None,
    ) -> Ledger:
        """Rows carried by an article published on or after `since`, due (`not_after`) before
        `due_before`, made by a source whose name contains `source` (case-insensitive)."""
        kept = []
        for row in self.rows:
            if since is not None and not any(
                a.date is not None and a.date[:10] >= since.isoformat() for a in row.articles
            ):
                continue
            if due_before is not None and not (
                row.not_after is not None and row.not_after < due_before.isoformat()
            ):
                continue
            if source is not None and source.casefold() not in row.source.casefold():
                continue
            kept.append(row)
        return Ledger(kept)


def ledger(results: Iterable[ArticleSummary | DocumentResult[Any]]) -> Ledger:
    """The ledger of a corpus's results: one row per prediction id (failed documents have
    none); the articles that carried a prediction are listed on its row."""
    rows: dict[str, LedgerRow] = {}
    for result in results:
        article, summary = _article(result)
        if summary is None:
            continue
        for prediction in summary.predictions:
            row = _row(prediction, article)
            seen = rows.get(row.id)
            if seen is None:
                rows[row.id] = row
            elif article not in seen.articles:
                rows[row.id] = LedgerRow(**{**seen.__dict__, "articles": (*seen.articles, article)})
    return Ledger(rows.values())


def _article(result: ArticleSummary | DocumentResult[Any]) -> tuple[ArticleRef, Any]:
    identifier: str | None = None
    summary: object = result
    if isinstance(result, DocumentResult):
        identifier, summary = result.id, result.output
    if not isinstance(summary, ArticleSummary):
        return ArticleRef(identifier), None
    info = summary.document
    if info is None:
        return ArticleRef(identifier), summary
    published = info.published
    return ArticleRef(
        id=info.id or identifier,
        title=info.title,
        date=published.isoformat() if isinstance(published, (date, datetime)) else None,
        url=info.url,
        outlet=info.source,
    ), summary


def _row(p: Prediction, article: ArticleRef) -> LedgerRow:
    deadline = p.deadline
    return LedgerRow(
        id=p.id or prediction_id(p.source, p.claim, deadline),
        source=p.source,
        question=p.question,
        claim=p.claim,
        timeframe=p.timeframe,
        not_before=_iso(deadline.not_before) if deadline else None,
        not_after=_iso(deadline.not_after) if deadline else None,
        event=deadline.event if deadline else None,
        probability_low=p.probability.low if p.probability else None,
        probability_high=p.probability.high if p.probability else None,
        likelihood=p.likelihood,
        attribution=p.attribution,
        quote=p.quote,
        articles=(article,),
    )


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


# -- scoring -----------------------------------------------------------------------------------


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
