"""Running the evaluation: the rules backend (or saved results) on annotated folders."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..backends.rules import RulesBackend
from ..pipeline import Summarizer
from ..rules import extract
from ..schema import ArticleSummary
from .annotation import annotation_as_result
from .gold import SPLITS, article_pairs, find_eval_dir, load_gold
from .report import Report, format_table
from .scoring import score_article


def _pairs_or_raise(directory: Path, gold_directory: Path | None) -> list[tuple[Path, Path]]:
    pairs = article_pairs(directory, gold_directory)
    if not pairs:
        raise FileNotFoundError(
            f"no annotated articles in {directory} (expected X.txt with X.gold.json"
            + (f", or X.json in {gold_directory}" if gold_directory else "")
            + ")"
        )
    return pairs


def evaluate(
    directory: Path, gold_directory: Path | None = None, results: Path | None = None
) -> Report:
    """Score every annotated article of `directory`: run the rules backend on it, or, with
    `results`, read the saved `ArticleSummary` JSON of any backend (X.json or X.txt.json),
    or another annotation of the article (X.gold.json: see `seedsum.evaluation.annotation`)."""
    pairs = _pairs_or_raise(directory, gold_directory)
    summarizer: Summarizer[ArticleSummary] = Summarizer(RulesBackend())
    report = Report()
    for txt, gold_path in pairs:
        text = txt.read_text(encoding="utf-8")
        if results is not None:
            saved = _saved_result(results, txt)
            if saved is None:
                raise FileNotFoundError(f"no saved result for {txt.name} in {results}")
            raw = saved.read_text(encoding="utf-8")
            if saved.name.endswith(".gold.json"):  # another annotator's reading
                result = annotation_as_result(text, json.loads(raw))
            else:
                result = ArticleSummary.model_validate_json(raw)
        else:
            result = summarizer.summarize(text)
        report.articles[txt.stem] = score_article(text, result, load_gold(gold_path, txt.stem))
    return report


def _saved_result(results: Path, txt: Path) -> Path | None:
    for name in (f"{txt.stem}.json", f"{txt.name}.json", f"{txt.stem}.gold.json"):
        if (results / name).is_file():
            return results / name
    return None


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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m seedsum.eval",
        description="Score seedsum's results against hand-made gold annotations (X.txt with "
        "X.gold.json). The articles are not installed with the package: give a folder, or "
        "run from a checkout of the repository, whose bench/eval is then found.",
    )
    parser.add_argument(
        "directories", nargs="*", type=Path, metavar="DIR", help="folders of X.txt articles"
    )
    parser.add_argument(
        "--split",
        action="append",
        choices=list(SPLITS),
        help="a split of the repository's bench/eval: dev (bench/eval), heldout, blind, blind2, "
        "blind3, blind4; "
        "repeat for several (default, with no DIR: dev)",
    )
    parser.add_argument(
        "--gold",
        type=Path,
        help="folder of X.json or X.gold.json annotations (default: DIR), or a gold bundle "
        "exported by the review page",
    )
    parser.add_argument(
        "--results",
        type=Path,
        help="score saved ArticleSummary JSON files (X.json) from any backend instead of "
        "running the rules backend; a second annotation (X.gold.json) is scored the same "
        "way, which measures how far two annotators agree",
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable figures")
    parser.add_argument(
        "--no-throughput", action="store_true", help="skip the throughput measurement"
    )
    return parser


def _folders(args: argparse.Namespace) -> list[tuple[str, Path]]:
    folders = [(str(d), d) for d in args.directories]
    splits = args.split or ([] if folders else ["dev"])
    if splits:
        root = find_eval_dir()
        if root is None:
            raise FileNotFoundError(
                "no folder given and no bench/eval found here: the evaluation articles are "
                "not installed with the package; pass a folder (python -m seedsum.eval DIR) "
                "or run from a checkout of the repository"
            )
        folders += [(name, (root / SPLITS[name]).resolve()) for name in splits]
    return folders


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    backend = "saved results" if args.results else "rules"
    try:
        folders = _folders(args)
        reports = [(label, d, evaluate(d, args.gold, args.results)) for label, d in folders]
    except FileNotFoundError as exc:
        print(f"seedsum.eval: {exc}", file=sys.stderr)
        return 2
    speed = None
    if not args.no_throughput:
        label, first, _ = reports[0]
        speed = throughput(
            [p.read_text(encoding="utf-8") for p, _ in article_pairs(first, args.gold)]
        )
    if args.json:
        outs: list[dict[str, Any]] = []
        for label, directory, report in reports:
            out = report.to_dict()
            out.update(backend=backend, split=label, directory=str(directory))
            outs.append(out)
        if speed is not None:
            outs[0]["throughput"] = speed
        print(json.dumps(outs[0] if len(outs) == 1 else {"splits": outs}, indent=2))
        return 0
    for label, directory, report in reports:
        print(format_table(report, f"backend: {backend}; articles: {label} ({directory})"))
        print()
    if speed is not None:
        print(
            f"throughput: extract() on {speed['bytes'] / 1e6:.2f} MB in {speed['seconds']:.2f} s "
            f"= {speed['mb_per_s']:.2f} MB/s ({speed['cpu_mb_per_s']:.2f} MB/s of CPU time; "
            "best of 3 runs)"
        )
    return 0
