"""`seedsum predictions` and `seedsum score-predictions`: the ledger on the command line.

    seedsum predictions ARTICLES_OR_RESULTS... [--since DATE] [--due-before DATE]
                        [--source NAME] [--format csv|jsonl|markdown|html]
                        [--encoding NAME] [--max-file-size MB]
    seedsum score-predictions LEDGER RESOLUTIONS

Inputs ending in .json or .jsonl are results saved by `seedsum summarize`; anything else is
read as articles, as `seedsum summarize` reads them (`seedsum.read_documents`: files, folders
of *.txt/*.md, - for stdin), and summarized first, with the summarize command's backend
options. A front-matter block at the top of an article gives its
`published` date, `title`, `source` and `url`; `--published` is the date of those without.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .documents import InputProblem, read_documents
from .errors import InvalidInputError, SeedsumError
from .ledger_format import FORMATS, format_scores, read_ledger, write_ledger
from .ledger_rows import ledger
from .schema import ArticleSummary, DocumentInfo
from .scoring import read_resolutions, score

COMMANDS = ("predictions", "score-predictions")
_RESULT_SUFFIXES = (".json", ".jsonl")
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: use YYYY-MM-DD") from None


def add_published_option(parser: argparse.ArgumentParser) -> None:
    """`--published DATE`, for `seedsum summarize` as for `seedsum predictions`."""
    parser.add_argument(
        "--published", type=_day, help="publication date of inputs whose front matter has none"
    )


def add_commands(commands: Any) -> None:
    """Register the two subcommands on `seedsum`'s subparsers."""
    run = commands.add_parser(
        "predictions", help="list the predictions of articles or saved results, one per id"
    )
    run.add_argument("inputs", nargs="+", metavar="INPUT", help="articles, folders, or results")
    run.add_argument("--since", type=_day, help="only predictions published on or after DATE")
    run.add_argument("--due-before", type=_day, help="only predictions due before DATE")
    run.add_argument("--source", help="only predictions by a source whose name contains NAME")
    run.add_argument("--format", choices=FORMATS, default="csv")
    add_published_option(run)
    from .cli import add_reading_options  # cli imports this module: not at the top

    add_reading_options(run)
    run.add_argument("--backend", choices=["rules", "openai", "mock"], default=None)
    run.add_argument("--model")
    run.add_argument("--replay", type=Path)
    run.add_argument("--cache", type=Path, metavar="PATH")
    run.add_argument("--no-cache", action="store_true")
    run.add_argument("-q", "--quiet", action="store_true")
    # What the summarize command's summarizer construction reads, at its defaults.
    from .pipeline import (
        DEFAULT_CHUNK_OVERLAP_TOKENS,
        DEFAULT_MAX_CHUNK_TOKENS,
        DEFAULT_MAX_CONCURRENCY,
    )

    run.set_defaults(
        max_chunk_tokens=DEFAULT_MAX_CHUNK_TOKENS,
        chunk_overlap_tokens=DEFAULT_CHUNK_OVERLAP_TOKENS,
        concurrency=DEFAULT_MAX_CONCURRENCY,
        rpm=None,
        tpm=None,
        drop_ungrounded=False,
        max_cost_usd=None,
        max_tokens_per_document=None,
    )
    scoring = commands.add_parser(
        "score-predictions", help="score a ledger against a CSV of outcomes"
    )
    scoring.add_argument("ledger", type=Path, help="a ledger from `seedsum predictions`")
    scoring.add_argument("resolutions", type=Path, help="a CSV with id,outcome,resolved_on")


def main(args: argparse.Namespace) -> int:
    try:
        if args.command == "score-predictions":
            rows = read_ledger(args.ledger.read_text(encoding="utf-8"))
            resolutions = read_resolutions(args.resolutions.read_text(encoding="utf-8"))
            unknown = sorted(set(resolutions) - {row.id for row in rows})
            if unknown:
                print(f"seedsum: {len(unknown)} resolution(s) match no prediction in the "
                      f"ledger, e.g. {unknown[0]!r}", file=sys.stderr)  # fmt: skip
            sys.stdout.write(format_scores(score(rows, resolutions)))
            return EXIT_OK
        results, failed = _results(args)
        rows = ledger(results).filter(
            since=args.since, due_before=args.due_before, source=args.source
        )
        sys.stdout.write(write_ledger(rows, args.format))
        return EXIT_FAILED if failed else EXIT_OK
    except (SeedsumError, OSError) as exc:
        print(f"seedsum: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _results(args: argparse.Namespace) -> tuple[list[ArticleSummary], int]:
    saved = [i for i in args.inputs if Path(i).suffix.lower() in _RESULT_SUFFIXES]
    articles = [i for i in args.inputs if i not in saved]
    results = [r for path in saved for r in _saved(Path(path))]
    failed = 0
    if articles:
        from .cli import _summarizer

        summarizer = _summarizer(args)
        problems: list[InputProblem] = []
        # The reader `seedsum summarize` uses: front matter, encodings, folders without
        # hidden or environment entries, size limits, and offsets into the text as stored.
        documents = read_documents(
            articles,
            encoding=args.encoding,  # an unknown one is refused before any file is read
            max_file_size=args.max_file_size,
            on_problem=_reporter(problems),
        )
        for document in documents:
            metadata = {"id": document.id, **document.metadata}
            if args.published and "published" not in metadata:
                metadata["published"] = args.published
            try:
                results.append(summarizer.summarize(document.text, metadata=metadata))
            except SeedsumError as exc:
                failed += 1
                print(f"seedsum: {document.id}: {type(exc).__name__}: {exc}", file=sys.stderr)
        failed += sum(problem.kind == "error" for problem in problems)
    return results, failed


def _reporter(problems: list[InputProblem]) -> Callable[[InputProblem], None]:
    """Report an input that was not read, in input order, and keep it (to count failures)."""

    def report(problem: InputProblem) -> None:
        problems.append(problem)
        print(f"seedsum: {problem}", file=sys.stderr)

    return report


def _saved(path: Path) -> Iterator[ArticleSummary]:
    """Results as `seedsum summarize` writes them: one object, a list, or JSON lines; each
    may carry the input's name as "source"."""
    text = path.read_text(encoding="utf-8")
    try:
        if path.suffix.lower() == ".jsonl":
            records = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            loaded = json.loads(text)
            records = loaded if isinstance(loaded, list) else [loaded]
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"{path}: not JSON ({exc.msg}, line {exc.lineno})") from None
    for record in records:
        name = record.pop("source", None) if isinstance(record, dict) else None
        try:
            summary = ArticleSummary.model_validate(record)
        except ValidationError as exc:
            raise InvalidInputError(
                f"{path}: not a seedsum result ({exc.error_count()} problem(s), first: "
                f"{exc.errors()[0]['msg']}); give results written by `seedsum summarize`"
            ) from None
        if summary.document is None and name is not None:
            summary.document = DocumentInfo(id=name)
        elif summary.document is not None and summary.document.id is None and name is not None:
            summary.document = summary.document.model_copy(update={"id": name})
        yield summary
