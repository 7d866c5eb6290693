"""The `seedsum` command: a thin layer over `Summarizer`.

Exit codes: 0 all inputs summarized, 1 some input failed, 2 a usage error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from . import cache_cli, ledger_cli
from ._version import __version__
from .backends import Backend, MockBackend, RulesBackend
from .backends.mock import replay
from .corpus import DocumentResult
from .errors import ConfigurationError, SeedsumError
from .estimate import Estimate
from .pipeline import (
    DEFAULT_CHUNK_OVERLAP_TOKENS,
    DEFAULT_MAX_CHUNK_TOKENS,
    DEFAULT_MAX_CONCURRENCY,
    Summarizer,
)
from .ratelimit import RateLimit
from .render import to_markdown
from .review import command as review_command
from .schema import ArticleSummary

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
SUFFIXES = (".txt", ".md")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="seedsum",
        description="Structured, quote-grounded summaries of news and policy analysis.",
    )
    parser.add_argument("--version", action="version", version=f"seedsum {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("summarize", help="summarize text files, folders or stdin")
    run.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="UTF-8 text files, folders (searched for *.txt and *.md), or - for stdin",
    )
    run.add_argument(
        "--backend",
        choices=["rules", "openai", "mock"],
        default=None,
        help="rules: the offline extractor; openai: the API (OpenAI or compatible, by "
        "OPENAI_BASE_URL); mock: replays --replay. Default: openai if OPENAI_API_KEY is set, "
        "else rules",
    )
    run.add_argument("--model", help="model name for the backend")
    run.add_argument(
        "--replay",
        type=Path,
        help="with --backend mock: a JSON annotation of the whole article, replayed per chunk",
    )
    run.add_argument(
        "--format",
        choices=["json", "jsonl", "markdown"],
        default="json",
        help="json: one object (a list for several inputs); jsonl: one line per input, "
        "written as each finishes (best for large runs); markdown: a readable report",
    )
    run.add_argument("--out", type=Path, metavar="DIR", help="write one file per input here")
    run.add_argument("--max-chunk-tokens", type=int, default=DEFAULT_MAX_CHUNK_TOKENS)
    run.add_argument("--chunk-overlap-tokens", type=int, default=DEFAULT_CHUNK_OVERLAP_TOKENS)
    run.add_argument(
        "--concurrency",
        type=int,
        default=DEFAULT_MAX_CONCURRENCY,
        help="model calls in flight at once",
    )
    run.add_argument("--rpm", type=float, help="at most this many requests per minute")
    run.add_argument("--tpm", type=float, help="at most this many input tokens per minute")
    run.add_argument("--drop-ungrounded", action="store_true", help="drop items not found")
    run.add_argument("--max-cost-usd", type=float, help="stop before the run would cost more")
    run.add_argument(
        "--max-tokens-per-document", type=int, help="stop a document before it takes more"
    )
    run.add_argument("--cache", type=Path, metavar="PATH", help="the cache file to use")
    run.add_argument("--no-cache", action="store_true", help="neither read nor write a cache")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress line on stderr")
    ledger_cli.add_published_option(run)
    run.add_argument(
        "--estimate",
        action="store_true",
        help="print the calls, tokens and cost each input would take, without calling a model",
    )

    cache = commands.add_parser("cache", help="inspect or clear the reply cache")
    cache.add_argument("action", choices=["info", "clear"])
    cache.add_argument(
        "--cache",
        type=Path,
        metavar="PATH",
        help="the cache file (default: $SEEDSUM_CACHE_DIR or the platform cache folder)",
    )
    review_command.register(commands, run)
    ledger_cli.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "cache":
        return _cache_command(args)
    if args.command == "review":
        return review_command.main(args)
    if args.command in ledger_cli.COMMANDS:
        return ledger_cli.main(args)
    try:
        summarizer = _summarizer(args)
    except (SeedsumError, OSError, ValueError) as exc:
        print(f"seedsum: {exc}", file=sys.stderr)
        return EXIT_USAGE
    run = _Run(args)
    try:
        if args.estimate:
            for name, text in run.documents():
                _print_estimate(name, summarizer.estimate(text))
        else:
            progress = False if args.quiet else None
            documents = ledger_cli.with_metadata(run.documents(), args.published)
            for result in summarizer.summarize_many(documents, progress=progress):
                run.handle(result)
            run.finish()
    except KeyboardInterrupt:
        print(
            f"\nseedsum: interrupted after {run.written} finished document(s); their results "
            "are written and their model replies cached, so a re-run picks up from there",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    except SeedsumError as exc:  # a run-wide stop, such as the cost budget
        print(f"seedsum: stopped: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_FAILED if run.failed else EXIT_OK


def _summarizer(args: argparse.Namespace) -> Summarizer[ArticleSummary]:
    rate_limit = None
    if args.rpm or args.tpm:
        rate_limit = RateLimit(requests_per_minute=args.rpm, tokens_per_minute=args.tpm)
    return Summarizer(
        _backend(args),
        max_chunk_tokens=args.max_chunk_tokens,
        chunk_overlap_tokens=args.chunk_overlap_tokens,
        max_concurrency=args.concurrency,
        drop_ungrounded=args.drop_ungrounded,
        max_cost_usd=args.max_cost_usd,
        max_tokens_per_document=args.max_tokens_per_document,
        cache=False if args.no_cache else args.cache,
        rate_limit=rate_limit,
    )


def _backend(args: argparse.Namespace) -> Backend | None:
    if args.backend == "mock":
        if args.replay is None:
            raise ConfigurationError("--backend mock needs --replay FILE.json (what to answer)")
        annotation = args.replay.read_text(encoding="utf-8")
        return MockBackend(responder=replay(annotation), model=args.model or "mock")
    if args.backend == "openai":
        from .backends.openai import OpenAIBackend

        return OpenAIBackend(args.model)
    if args.backend == "rules":
        return RulesBackend()
    return None


class _Run:
    """Reads the inputs lazily and writes each result as the format asks."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.failed = 0
        self.written = 0
        self.several = len(args.inputs) > 1 or any(Path(i).is_dir() for i in args.inputs)
        self.buffered: list[tuple[int, str, ArticleSummary]] = []
        if args.out is not None:
            args.out.mkdir(parents=True, exist_ok=True)

    def documents(self) -> Iterator[tuple[str, str]]:
        for name in _expand(self.args.inputs):
            try:
                text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                self._fail(name, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
                continue
            except OSError as exc:
                self._fail(name, exc.strerror or str(exc))
                continue
            yield name, text

    def handle(self, result: DocumentResult[ArticleSummary]) -> None:
        if result.error is not None or result.output is None:
            error = result.error
            first_line = str(error).splitlines()[0] if str(error) else ""
            self._fail(result.id, f"{type(error).__name__}: {first_line}")
            return
        self.written += 1
        name, output = result.id, result.output
        if self.args.out is not None:
            self._write_file(name, output)
        elif self.args.format == "jsonl":
            _emit(
                json.dumps({"source": name, **output.model_dump(mode="json")}, ensure_ascii=False)
            )
        elif self.args.format == "markdown":
            _emit(to_markdown(output, title=name))
        else:
            self.buffered.append((result.index, name, output))

    def finish(self) -> None:
        if not self.buffered:
            return
        self.buffered.sort(key=lambda entry: entry[0])  # input order, not completion order
        if self.several:
            payload = [{"source": n, **o.model_dump(mode="json")} for _, n, o in self.buffered]
            _emit(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            _emit(self.buffered[0][2].model_dump_json(indent=2))

    def _write_file(self, name: str, output: ArticleSummary) -> None:
        stem = "stdin" if name == "-" else Path(name).with_suffix("").as_posix()
        safe = stem.strip("/").replace("/", "__").replace("..", "_")
        if self.args.format == "markdown":
            target, body = self.args.out / f"{safe}.md", to_markdown(output, title=name)
        else:
            target, body = self.args.out / f"{safe}.json", output.model_dump_json(indent=2) + "\n"
        target.write_text(body, encoding="utf-8")

    def _fail(self, name: str, why: str) -> None:
        self.failed += 1
        print(f"seedsum: {name}: {why}", file=sys.stderr)


def _expand(inputs: Sequence[str]) -> Iterator[str]:
    """Files as given, folders searched (sorted) for *.txt and *.md, "-" for stdin."""
    for item in inputs:
        path = Path(item)
        if item != "-" and path.is_dir():
            for found in sorted(path.rglob("*")):
                if found.suffix.lower() in SUFFIXES and found.is_file():
                    yield str(found)
        else:
            yield item


def _emit(text: str, stream: TextIO | None = None) -> None:
    out = stream or sys.stdout
    out.write(text if text.endswith("\n") else text + "\n")
    out.flush()


def _print_estimate(name: str, estimate: Estimate) -> None:
    e = estimate
    cost = "unknown"
    if e.cost_usd is not None:
        cost = f"${e.cost_usd:.4f} (input ${e.input_cost_usd:.4f}, output ${e.output_cost_usd:.4f})"
    print(
        f"{name}: {e.calls} call(s), {e.input_tokens} input tokens, "
        f"~{e.output_tokens} output tokens (likely {e.output_tokens_low}-{e.output_tokens_high}), "
        f"estimated cost {cost}"
    )
    for warning in e.warnings:
        print(f"{name}: note: {warning}")


def _cache_command(args: argparse.Namespace) -> int:
    return cache_cli.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
