"""A ledger written as CSV, JSON lines, markdown or HTML, read back from CSV or JSON lines,
and its scores as a plain-text report. Markdown and HTML escape the data: quotes come from
articles and may hold markup."""

from __future__ import annotations

import csv
import html
import io
import json
import re

from .errors import InvalidInputError
from .ledger_rows import Ledger, LedgerRow
from .scoring import SourceScore

__all__ = ["FORMATS", "format_scores", "read_ledger", "write_ledger"]

FORMATS = ("csv", "jsonl", "markdown", "html")
COLUMNS = [
    "id", "source", "question", "claim", "timeframe", "not_before", "not_after", "event",
    "probability_low", "probability_high", "likelihood", "attribution", "quote", "articles",
]  # fmt: skip
_SHOWN = [
    ("id", "id"), ("source", "source"), ("question", "question"), ("deadline", "deadline"),
    ("probability", "probability"), ("attribution", "attribution"), ("quote", "quote"),
    ("articles", "articles"),
]  # fmt: skip


def write_ledger(rows: Ledger, fmt: str) -> str:
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            data = row.as_dict()
            data["articles"] = json.dumps(data["articles"], ensure_ascii=False)
            writer.writerow(data)
        return out.getvalue()
    if fmt == "jsonl":
        return "".join(json.dumps(r.as_dict(), ensure_ascii=False) + "\n" for r in rows)
    if fmt == "markdown":
        return _markdown(rows)
    if fmt == "html":
        return _html(rows)
    raise InvalidInputError(f"unknown ledger format {fmt!r}: use one of {', '.join(FORMATS)}")


def read_ledger(text: str) -> Ledger:
    """A ledger from `seedsum predictions --format csv` or `--format jsonl` output."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    rows.append(LedgerRow.from_dict(json.loads(line)))
                except json.JSONDecodeError as exc:
                    raise InvalidInputError(f"ledger line {number}: not JSON ({exc.msg})") from None
        return Ledger(rows)
    reader = csv.DictReader(io.StringIO(text))
    if "id" not in (reader.fieldnames or []):
        raise InvalidInputError(
            "the ledger is neither JSON lines nor a CSV with an id column: write it with "
            "`seedsum predictions ... --format csv` (or jsonl)"
        )
    return Ledger(LedgerRow.from_dict(record) for record in reader)


def _cells(row: LedgerRow) -> dict[str, str]:
    low, high = row.probability_low, row.probability_high
    deadline = " – ".join(d or "…" for d in (row.not_before, row.not_after))
    if row.not_before is None and row.not_after is None:
        deadline = row.event or row.timeframe or ""
    elif row.event:
        deadline += f" ({row.event})"
    articles = "; ".join(
        " ".join(x for x in (a.title or a.id or "", f"({a.date[:10]})" if a.date else "") if x)
        for a in row.articles
    )
    return {
        "id": row.id,
        "source": row.source,
        "question": row.question or row.claim,
        "deadline": deadline,
        "probability": f"{low:.2f}–{high:.2f}" if low is not None and high is not None else "",
        "attribution": row.attribution or "",
        "quote": row.quote,
        "articles": articles,
    }


def _md(text: str) -> str:
    text = html.escape(text, quote=False)  # no raw HTML from an article reaches the page
    text = re.sub(r"([\\`*_\[\]|~])", r"\\\1", text)
    return " ".join(text.split())


def _markdown(rows: Ledger) -> str:
    lines = [
        "| " + " | ".join(title for _, title in _SHOWN) + " |",
        "|" + "---|" * len(_SHOWN),
    ]
    for row in rows:
        cells = _cells(row)
        lines.append("| " + " | ".join(_md(cells[key]) for key, _ in _SHOWN) + " |")
    return "\n".join(lines) + "\n"


def _html(rows: Ledger) -> str:
    head = "".join(f"<th>{html.escape(title)}</th>" for _, title in _SHOWN)
    body = []
    for row in rows:
        cells = _cells(row)
        body.append(
            "<tr>" + "".join(f"<td>{html.escape(cells[k])}</td>" for k, _ in _SHOWN) + "</tr>"
        )
    return (
        '<!doctype html>\n<html><head><meta charset="utf-8"><title>seedsum predictions</title>'
        "</head><body>\n<table>\n<thead><tr>" + head + "</tr></thead>\n<tbody>\n"
        + "\n".join(body) + "\n</tbody>\n</table>\n</body></html>\n"
    )  # fmt: skip


def format_scores(scores: list[SourceScore]) -> str:
    """A plain-text report: per source, counts, hit rate, Brier score, calibration table."""
    out: list[str] = []
    for s in scores:
        hit = "n/a" if s.hit_rate is None else f"{s.hit_rate:.0%}"
        brier = "n/a" if s.brier is None else f"{s.brier:.3f}"
        out.append(
            f"{s.source}: {s.made} made, {s.resolved} resolved, hit rate {hit}, Brier {brier}"
        )
        for c in s.calibration:
            out.append(
                f"  band {c.low:.2f}-{c.high:.2f}: {c.count} resolved, "
                f"{c.observed:.0%} came true (forecast {(c.low + c.high) / 2:.0%})"
            )
    return "\n".join(out) + "\n" if out else "no predictions\n"
