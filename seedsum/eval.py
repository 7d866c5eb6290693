"""Evaluate seedsum's rule-based backend against hand-made gold annotations.

    python -m seedsum.eval                      # the repository's bench/eval articles
    python -m seedsum.eval DIR                  # X.txt with X.gold.json in DIR
    python -m seedsum.eval DIR --gold GOLD_DIR  # X.txt in DIR, X.json (or X.gold.json) in GOLD_DIR
    python -m seedsum.eval DIR --gold B.json    # a bundle exported by the review page's corpus view
    python -m seedsum.eval --json               # machine-readable figures

Each article runs through the whole pipeline (`seedsum.Summarizer(RulesBackend())`), and the
result is scored against its gold file:

- actors: a predicted actor matches a gold actor when any of its name and aliases equals
  (ignoring case) any of the gold actor's; "the author"/"the publication" are not scored;
- positions: same actor (the predicted actor mapped to its gold actor) and overlapping
  character spans (the span seedsum located; the gold quote found with `str.find`);
- predictions: same source and overlapping spans; "the author" and "the publication" are the
  same source.

Matching is one-to-one: each gold item is matched at most once. Precision, recall and F1 are
reported per article and overall (summed over articles), with the throughput of `extract()`
on the articles joined and repeated to about 2 MB.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .backends.rules import RulesBackend
from .pipeline import Summarizer
from .review.gold import bundle_pairs, read_gold
from .rules import extract
from .schema import ArticleSummary

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "bench" / "eval"
_PUBLICATION = "<publication>"
_UNATTRIBUTED = {"the author", "the publication", "author", "publication"}
FIELDS = ("actors", "positions", "predictions")


@dataclass
class Score:
    """Counts for one field: true positives, predicted items, gold items."""

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
class Report:
    """Scores per article and overall."""

    articles: dict[str, dict[str, Score]] = field(default_factory=dict)

    @property
    def overall(self) -> dict[str, Score]:
        total = {f: Score() for f in FIELDS}
        for scores in self.articles.values():
            for f in FIELDS:
                total[f] = total[f] + scores[f]
        return total

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": {
                name: {f: s.to_dict() for f, s in scores.items()}
                for name, scores in self.articles.items()
            },
            "overall": {f: s.to_dict() for f, s in self.overall.items()},
        }


# -- scoring -----------------------------------------------------------------------------------


def _keys(actor: dict[str, Any]) -> set[str]:
    return {str(n).casefold() for n in (actor["name"], *actor.get("aliases", []))}


def score_article(text: str, result: ArticleSummary, gold: dict[str, Any]) -> dict[str, Score]:
    """Score one article's result against its gold annotation."""
    predicted_actors = [
        a.model_dump() for a in result.actors if a.name.casefold() not in _UNATTRIBUTED
    ]
    gold_actors: list[dict[str, Any]] = list(gold["actors"])
    actors = Score(predicted=len(predicted_actors), gold=len(gold_actors))
    matched: set[int] = set()
    mapping: dict[str, str] = {}
    for actor in predicted_actors:
        keys = _keys(actor)
        overlapping = [i for i, g in enumerate(gold_actors) if keys & _keys(g)]
        free = [i for i in overlapping if i not in matched]
        if free:
            matched.add(free[0])
            actors.tp += 1
        if overlapping:
            mapping[actor["name"]] = gold_actors[(free or overlapping)[0]]["name"]

    def who(name: str, predicted: bool) -> str | None:
        if name.casefold() in _UNATTRIBUTED:
            return _PUBLICATION
        return mapping.get(name) if predicted else name

    positions = _match_items(
        text,
        [
            (who(p.actor, True), p.span.start, p.span.end) if p.span else None
            for p in result.positions
        ],
        [(who(g["actor"], False), g["quote"]) for g in gold["positions"]],
    )
    predictions = _match_items(
        text,
        [
            (who(p.source, True), p.span.start, p.span.end) if p.span else None
            for p in result.predictions
        ],
        [(who(g["source"], False), g["quote"]) for g in gold["predictions"]],
    )
    return {"actors": actors, "positions": positions, "predictions": predictions}


def _match_items(
    text: str,
    predicted: Sequence[tuple[str | None, int, int] | None],
    gold: Sequence[tuple[str | None, str]],
) -> Score:
    gold_spans: list[tuple[str | None, int, int] | None] = []
    for owner, quote in gold:
        start = text.find(quote)
        gold_spans.append((owner, start, start + len(quote)) if start != -1 else None)
    score = Score(predicted=len(predicted), gold=len(gold))
    used: set[int] = set()
    for item in predicted:
        if item is None or item[0] is None:
            continue
        owner, start, end = item
        best, best_overlap = None, 0
        for i, g in enumerate(gold_spans):
            if g is None or i in used or g[0] != owner:
                continue
            overlap = min(end, g[2]) - max(start, g[1])
            if overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is not None:
            used.add(best)
            score.tp += 1
    return score


# -- running -----------------------------------------------------------------------------------


def article_pairs(directory: Path, gold_directory: Path | None = None) -> list[tuple[Path, Path]]:
    """(article, gold) paths: X.txt with X.gold.json (or X.json in `gold_directory`)."""
    if gold_directory is not None and gold_directory.is_file():
        return bundle_pairs(directory, gold_directory)
    pairs: list[tuple[Path, Path]] = []
    for txt in sorted(directory.glob("*.txt")):
        for folder in (gold_directory or directory,):
            for name in (f"{txt.stem}.gold.json", f"{txt.stem}.json"):
                candidate = folder / name
                if candidate.exists():
                    pairs.append((txt, candidate))
                    break
    return pairs


def evaluate(directory: Path = DEFAULT_DIR, gold_directory: Path | None = None) -> Report:
    """Run the rules backend on every annotated article of `directory` and score it."""
    pairs = article_pairs(directory, gold_directory)
    if not pairs:
        raise FileNotFoundError(
            f"no annotated articles in {directory} (expected X.txt with X.gold.json"
            + (f", or X.json in {gold_directory}" if gold_directory else "")
            + ")"
        )
    summarizer: Summarizer[ArticleSummary] = Summarizer(RulesBackend())
    report = Report()
    for txt, gold_path in pairs:
        text = txt.read_text(encoding="utf-8")
        gold = read_gold(gold_path, txt.stem)
        report.articles[txt.stem] = score_article(text, summarizer.summarize(text), gold)
    return report


def throughput(
    texts: Sequence[str], target_bytes: int = 2_000_000, repeat: int = 3
) -> dict[str, float]:
    """Megabytes (10**6 bytes of UTF-8) per second of `extract()` on `texts` joined and repeated
    to about `target_bytes`: the best of `repeat` runs, in wall-clock and in CPU time."""
    joined = "\n\n".join(texts)
    size = max(1, len(joined.encode("utf-8")))
    big = "\n\n".join([joined] * max(1, -(-target_bytes // size)))
    nbytes = len(big.encode("utf-8"))
    wall = cpu = float("inf")
    for _ in range(max(1, repeat)):
        started, started_cpu = time.perf_counter(), time.process_time()
        extract(big)
        wall = min(wall, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - started_cpu)
    return {
        "bytes": nbytes,
        "seconds": round(wall, 4),
        "cpu_seconds": round(cpu, 4),
        "mb_per_s": round(nbytes / 1e6 / wall, 3),
        "cpu_mb_per_s": round(nbytes / 1e6 / max(cpu, 1e-9), 3),
    }


def format_table(report: Report, title: str) -> str:
    """The report as a fixed-width table: P, R, F1 (and tp/predicted/gold) per field."""
    name_width = max([len("overall"), *(len(n) for n in report.articles)]) + 2
    head = f"{'':{name_width}}" + "".join(f"{f:^27}" for f in FIELDS)
    sub = f"{'article':{name_width}}" + "   P     R     F1  tp/pr/gd" * len(FIELDS)
    lines = [title, head, sub, "-" * len(sub)]

    def row(name: str, scores: dict[str, Score]) -> str:
        cells = "".join(
            f" {s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f} "
            f"{s.tp:>3}/{s.predicted:>2}/{s.gold:>2}"
            for s in (scores[f] for f in FIELDS)
        )
        return f"{name:{name_width}}{cells}"

    for name, scores in report.articles.items():
        lines.append(row(name, scores))
    lines.append("-" * len(sub))
    lines.append(row("overall", report.overall))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m seedsum.eval",
        description="Score the rule-based backend against hand-made gold annotations.",
    )
    parser.add_argument(
        "directory",
        nargs="?",
        type=Path,
        default=DEFAULT_DIR,
        help="folder of X.txt articles (default: the repository's bench/eval)",
    )
    parser.add_argument(
        "--gold",
        type=Path,
        default=None,
        help="folder of X.json or X.gold.json annotations, or a review page's gold bundle "
        "(default: DIR)",
    )
    parser.add_argument(
        "--backend",
        choices=["rules"],
        default="rules",
        help="the backend to evaluate (only the offline rules backend)",
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable figures")
    parser.add_argument(
        "--no-throughput", action="store_true", help="skip the throughput measurement"
    )
    args = parser.parse_args(argv)
    try:
        report = evaluate(args.directory, args.gold)
    except FileNotFoundError as exc:
        print(f"seedsum.eval: {exc}", file=sys.stderr)
        return 2
    speed = None
    if not args.no_throughput:
        texts = [p.read_text(encoding="utf-8") for p, _ in article_pairs(args.directory, args.gold)]
        speed = throughput(texts)
    if args.json:
        out = report.to_dict()
        out["backend"] = args.backend
        out["directory"] = str(args.directory)
        if speed is not None:
            out["throughput"] = speed
        print(json.dumps(out, indent=2))
        return 0
    print(format_table(report, f"backend: {args.backend}; articles: {args.directory}"))
    if speed is not None:
        print(
            f"throughput: extract() on {speed['bytes'] / 1e6:.2f} MB in {speed['seconds']:.2f} s "
            f"= {speed['mb_per_s']:.2f} MB/s ({speed['cpu_mb_per_s']:.2f} MB/s of CPU time; "
            "best of 3 runs)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
