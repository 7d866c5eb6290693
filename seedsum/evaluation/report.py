"""Figures for a set of articles: per article, pooled over articles (micro) and averaged over
articles (macro), as a table or as JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .scoring import FIELDS, ITEMS, Accuracy, ArticleScore, Score


@dataclass
class Report:
    """Scores per article, with pooled (micro) and averaged (macro) figures."""

    articles: dict[str, ArticleScore] = field(default_factory=dict)

    @property
    def micro(self) -> ArticleScore:
        total = ArticleScore()
        for score in self.articles.values():
            total = total + score
        return total

    @property
    def overall(self) -> dict[str, Score]:
        """The lenient item scores pooled over all articles."""
        return self.micro.lenient

    def macro(self) -> dict[str, Any]:
        """Precision, recall and F1 averaged over articles (each article counts once), and
        each field's accuracy averaged over the articles that have matched items for it."""
        n = max(1, len(self.articles))
        out: dict[str, Any] = {}
        for mode in ("lenient", "strict"):
            out[mode] = {
                kind: {
                    metric: round(
                        sum(getattr(getattr(a, mode)[kind], metric) for a in self.articles.values())
                        / n,
                        4,
                    )
                    for metric in ("precision", "recall", "f1")
                }
                for kind in ITEMS
            }
        fields: dict[str, float | None] = {}
        for kind, name in FIELDS:
            values = [a.fields[f"{kind}.{name}"].value for a in self.articles.values()]
            present = [v for v in values if v is not None]
            fields[f"{kind}.{name}"] = round(sum(present) / len(present), 4) if present else None
        out["fields"] = fields
        return out

    def to_dict(self) -> dict[str, Any]:
        micro = self.micro
        return {
            "articles": {name: _score_dict(s) for name, s in self.articles.items()},
            "overall": {k: s.to_dict() for k, s in micro.lenient.items()},
            "micro": _score_dict(micro),
            "macro": self.macro(),
        }


def _score_dict(score: ArticleScore) -> dict[str, Any]:
    out: dict[str, Any] = {k: s.to_dict() for k, s in score.lenient.items()}
    out["strict"] = {k: s.to_dict() for k, s in score.strict.items()}
    out["fields"] = {k: a.to_dict() for k, a in score.fields.items()}
    return out


def _pr(score: Score) -> str:
    return f" {score.precision:4.2f} {score.recall:4.2f}"


def _acc(accuracy: Accuracy | float | None) -> str:
    value = accuracy.value if isinstance(accuracy, Accuracy) else accuracy
    return "    -" if value is None else f" {value:4.2f}"


_FIELD_HEADS = ("kind", "role", "actor", "source", "subj", "likel", "time", "cond")


def format_table(report: Report, title: str) -> str:
    """Two tables: items (lenient and strict P/R, with counts) and field accuracies."""
    names = [*report.articles, "micro", "macro"]
    width = max(len(n) for n in names) + 2
    head = f"{'':{width}}" + "".join(f"{k:^23}" for k in ITEMS)
    sub = f"{'article':{width}}" + "  lenient P R  strict P R" * len(ITEMS)
    lines = [title, "items (P = precision, R = recall)", head, sub, "-" * len(sub)]
    micro, macro = report.micro, report.macro()

    def items_row(name: str, score: ArticleScore) -> str:
        cells = "".join(f"{_pr(score.lenient[k])}  {_pr(score.strict[k])} " for k in ITEMS)
        return f"{name:{width}}{cells}"

    for name, score in report.articles.items():
        lines.append(items_row(name, score))
    lines.append("-" * len(sub))
    lines.append(items_row("micro", micro))
    macro_cells = "".join(
        " {:4.2f} {:4.2f}   {:4.2f} {:4.2f} ".format(
            macro["lenient"][k]["precision"],
            macro["lenient"][k]["recall"],
            macro["strict"][k]["precision"],
            macro["strict"][k]["recall"],
        )
        for k in ITEMS
    )
    lines.append(f"{'macro':{width}}{macro_cells}")
    counts = " ".join(
        f"{k} {micro.lenient[k].tp}/{micro.lenient[k].predicted}/{micro.lenient[k].gold}"
        for k in ITEMS
    )
    lines.append(f"lenient true positives/predicted/gold: {counts}")
    lines += ["", "field accuracy on matched items (subj, cond: set F1)"]
    fhead = f"{'article':{width}}" + "".join(f"{h:>7}" for h in _FIELD_HEADS)
    lines += [fhead, "-" * len(fhead)]
    keys = [f"{k}.{f}" for k, f in FIELDS]
    for name, score in report.articles.items():
        lines.append(f"{name:{width}}" + "".join("  " + _acc(score.fields[k]) for k in keys))
    lines.append("-" * len(fhead))
    lines.append(f"{'micro':{width}}" + "".join("  " + _acc(micro.fields[k]) for k in keys))
    lines.append(f"{'macro':{width}}" + "".join("  " + _acc(macro["fields"][k]) for k in keys))
    return "\n".join(lines)
