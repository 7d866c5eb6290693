"""The analyst's ledger: the predictions of a corpus, one row per prediction id, with every
article that carried it (scored by `seedsum.scoring`).

    rows = seedsum.ledger(results)            # results: ArticleSummary or DocumentResult items
    rows.to_pandas()                          # a DataFrame, if pandas is installed

The module is `ledger_rows`, not `ledger`, so that `seedsum.ledger` stays the function.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from .corpus import DocumentResult
from .errors import InvalidInputError
from .questions import prediction_id
from .schema import ArticleSummary, Prediction

__all__ = ["ArticleRef", "Ledger", "LedgerRow", "ledger"]


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
