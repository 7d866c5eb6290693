"""Scoring one article's result against its gold annotation.

Items (positions, predictions) are matched one-to-one in two passes: first a predicted item
to a gold item of the same owner (actor or source) whose quote overlaps it; then the rest by
overlap alone, which finds the statement but names the wrong owner. The *lenient* score
counts the first pass. The *strict* score counts a first-pass match only when its key
fields are right too: the spans overlap by at least half of their union (Jaccard >= 0.5) and,
for predictions, `subjects` (as a set), `likelihood` and `timeframe` equal the gold's.
An actor counts strictly when its `kind` and `role` are right as well.

Field accuracies are over the matched items of either pass (so the owner's accuracy shows
how often a statement found is given to the right speaker), and only over the items whose
gold annotates that field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..grounding import QuoteLocator
from ..schema import ArticleSummary
from .gold import Gold, GoldActor, GoldItem, parse_gold

PUBLICATION = "<publication>"
UNATTRIBUTED = frozenset({"the author", "the publication", "author", "publication"})
#: The reserved owner of statements by unnamed sources ("officials said"; GUIDELINES.md):
#: not an actor, but a speaker a result can match.
UNNAMED = "<unnamed>"
_UNNAMED_NAMES = frozenset({"unnamed"})
ITEMS = ("actors", "positions", "predictions")
#: Field accuracies, in report order: (item kind, field).
FIELDS = (
    ("actors", "kind"),
    ("actors", "role"),
    ("positions", "actor"),
    ("predictions", "source"),
    ("predictions", "subjects"),
    ("predictions", "likelihood"),
    ("predictions", "timeframe"),
    ("predictions", "conditions"),
)
_PUNCT = re.compile(r"[^\w\s%$€£]")


@dataclass
class Score:
    """Counts for one kind of item: true positives, predicted items, gold items."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.predicted + other.predicted, self.gold + other.gold)

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Accuracy:
    """A field's accuracy over matched items: the sum of per-item credit (1 or 0, or an F1
    for set-valued fields) and how many items were scored."""

    credit: float = 0.0
    n: int = 0

    @property
    def value(self) -> float | None:
        return self.credit / self.n if self.n else None

    def add(self, credit: float) -> None:
        self.credit += credit
        self.n += 1

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.credit + other.credit, self.n + other.n)

    def to_dict(self) -> dict[str, float | int | None]:
        value = self.value
        return {"accuracy": None if value is None else round(value, 4), "n": self.n}


@dataclass
class ArticleScore:
    """One article's scores: lenient and strict item scores, and field accuracies."""

    lenient: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in ITEMS})
    strict: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in ITEMS})
    fields: dict[str, Accuracy] = field(
        default_factory=lambda: {f"{k}.{f}": Accuracy() for k, f in FIELDS}
    )

    def __getitem__(self, item: str) -> Score:
        """The lenient score of "actors", "positions" or "predictions"."""
        return self.lenient[item]

    def __add__(self, other: ArticleScore) -> ArticleScore:
        return ArticleScore(
            {k: self.lenient[k] + other.lenient[k] for k in ITEMS},
            {k: self.strict[k] + other.strict[k] for k in ITEMS},
            {k: self.fields[k] + other.fields[k] for k in self.fields},
        )


def norm(text: str | None) -> str:
    """Text compared loosely: case, punctuation (not %, currency), articles and spacing."""
    if text is None:
        return ""
    words = _PUNCT.sub(" ", text.casefold()).split()
    while words and words[0] in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words)


def _keys(name: str, aliases: Sequence[str]) -> set[str]:
    return {n.casefold() for n in (name, *aliases)}


def score_article(text: str, result: ArticleSummary, gold: Gold | dict[str, Any]) -> ArticleScore:
    """Score one article's result against its gold annotation."""
    if isinstance(gold, dict):
        gold = parse_gold(gold)
    score = ArticleScore()
    mapping = _score_actors(result, gold.actors, score)

    def who(name: str, predicted: bool) -> str | None:
        if name.casefold() in UNATTRIBUTED:
            return PUBLICATION
        if name.casefold() in _UNNAMED_NAMES:
            return UNNAMED
        return mapping.get(name) if predicted else name

    locator = QuoteLocator(text)
    positions = [(who(p.actor, True), _span(p.span)) for p in result.positions]
    gold_positions = [(who(g.owner, False), _gold_span(text, locator, g)) for g in gold.positions]
    for _, _, owner_ok, jaccard in _match(positions, gold_positions, score, "positions"):
        score.fields["positions.actor"].add(float(owner_ok))
        score.strict["positions"].tp += owner_ok and jaccard >= 0.5
    predictions = [(who(p.source, True), _span(p.span)) for p in result.predictions]
    gold_predictions = [
        (who(g.owner, False), _gold_span(text, locator, g)) for g in gold.predictions
    ]
    for i, j, owner_ok, jaccard in _match(predictions, gold_predictions, score, "predictions"):
        score.fields["predictions.source"].add(float(owner_ok))
        fields_ok = _prediction_fields(result.predictions[i], gold.predictions[j], who, score)
        score.strict["predictions"].tp += owner_ok and jaccard >= 0.5 and fields_ok
    return score


def _span(span: Any) -> tuple[int, int] | None:
    return (span.start, span.end) if span is not None else None


def _gold_span(text: str, locator: QuoteLocator, item: GoldItem) -> tuple[int, int] | None:
    return locate_quote(text, locator, item.quote)


def locate_quote(text: str, locator: QuoteLocator, quote: str) -> tuple[int, int] | None:
    """Where an annotated quote is: found verbatim, else as the quote locator finds it (curly
    or straight quotes, spacing)."""
    start = text.find(quote) if quote else -1
    if start != -1:
        return start, start + len(quote)
    found = locator.locate(quote) if quote.strip() else None
    return (found.start, found.end) if found is not None else None


Owned = tuple[str | None, tuple[int, int] | None]


def _match(
    predicted: Sequence[Owned], gold: Sequence[Owned], score: ArticleScore, kind: str
) -> list[tuple[int, int, bool, float]]:
    """One-to-one matches (predicted index, gold index, owner right, span Jaccard): first
    same owner and overlapping spans (the lenient true positives), then overlap alone."""
    score.lenient[kind].predicted = score.strict[kind].predicted = len(predicted)
    score.lenient[kind].gold = score.strict[kind].gold = len(gold)
    used: set[int] = set()
    matches: list[tuple[int, int, bool, float]] = []
    for same_owner in (True, False):
        matched = {m[0] for m in matches}
        for i, (owner, span) in enumerate(predicted):
            if span is None or i in matched or (same_owner and owner is None):
                continue
            best, best_overlap = None, 0
            for j, (gold_owner, gold_span) in enumerate(gold):
                if gold_span is None or j in used or (same_owner and gold_owner != owner):
                    continue
                overlap = min(span[1], gold_span[1]) - max(span[0], gold_span[0])
                if overlap > best_overlap:
                    best, best_overlap = j, overlap
            if best is None:
                continue
            used.add(best)
            gold_span = gold[best][1]
            assert gold_span is not None
            union = max(span[1], gold_span[1]) - min(span[0], gold_span[0])
            matches.append((i, best, same_owner, best_overlap / union))
            if same_owner:
                score.lenient[kind].tp += 1
    return matches


def _score_actors(
    result: ArticleSummary, gold: list[GoldActor], score: ArticleScore
) -> dict[str, str]:
    """Match actors by any shared name form; score kind and role; return the mapping from
    predicted names to gold names (for owners and subjects)."""
    predicted = [
        a
        for a in result.actors
        if a.name.casefold() not in UNATTRIBUTED and a.name.casefold() not in _UNNAMED_NAMES
    ]
    score.lenient["actors"] = Score(predicted=len(predicted), gold=len(gold))
    score.strict["actors"] = Score(predicted=len(predicted), gold=len(gold))
    matched: set[int] = set()
    mapping: dict[str, str] = {}
    gold_keys = [_keys(g.name, g.aliases) for g in gold]
    for actor in predicted:
        keys = _keys(actor.name, actor.aliases)
        overlapping = [i for i, k in enumerate(gold_keys) if keys & k]
        free = [i for i in overlapping if i not in matched]
        if overlapping:
            mapping[actor.name] = gold[(free or overlapping)[0]].name
        if not free:
            continue
        g = gold[free[0]]
        matched.add(free[0])
        score.lenient["actors"].tp += 1
        right = True
        if g.kind is not None:
            score.fields["actors.kind"].add(float(actor.kind == g.kind))
            right = actor.kind == g.kind
        if g.has_role:
            role_ok = norm(actor.role) == norm(g.role)
            score.fields["actors.role"].add(float(role_ok))
            right = right and role_ok
        score.strict["actors"].tp += right
    return mapping


def _set_f1(predicted: set[str], gold: set[str]) -> float:
    if not predicted and not gold:
        return 1.0
    tp = len(predicted & gold)
    return 2 * tp / (len(predicted) + len(gold)) if tp else 0.0


def _prediction_fields(item: Any, gold: GoldItem, who: Any, score: ArticleScore) -> bool:
    """Score a matched prediction's fields; whether its key fields (subjects, likelihood,
    timeframe) are all right."""
    fields = score.fields
    right = True
    if gold.subjects is not None:
        predicted = {(who(s, True) or s).casefold() for s in item.subjects}
        wanted = {(who(s, False) or s).casefold() for s in gold.subjects}
        f1 = _set_f1(predicted, wanted)
        fields["predictions.subjects"].add(f1)
        right = right and f1 == 1.0
    if gold.likelihood is not None:
        fields["predictions.likelihood"].add(float(item.likelihood == gold.likelihood))
        right = right and item.likelihood == gold.likelihood
    if gold.has_timeframe:
        ok = norm(item.timeframe) == norm(gold.timeframe)
        fields["predictions.timeframe"].add(float(ok))
        right = right and ok
    if gold.conditions is not None:
        f1 = _set_f1({norm(c) for c in item.conditions}, {norm(c) for c in gold.conditions})
        fields["predictions.conditions"].add(f1)
    return right
