"""The `seedsum` command: a thin layer over `Summarizer`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .backends import Backend, MockBackend
from .backends.mock import replay
from .cache import SQLiteCache
from .errors import ConfigurationError, SeedsumError
from .pipeline import (
    DEFAULT_CHUNK_OVERLAP_TOKENS,
    DEFAULT_MAX_CHUNK_TOKENS,
    Estimate,
    Summarizer,
)
from .render import to_markdown
from .schema import ArticleSummary

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="seedsum",
        description="Structured, quote-grounded summaries of news and policy analysis.",
    )
    parser.add_argument("--version", action="version", version=f"seedsum {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("summarize", help="summarize one or more text files")
    run.add_argument("files", nargs="+", type=Path, help="UTF-8 text files")
    run.add_argument(
        "--backend",
        choices=["mock", "openai"],
        default=None,
        help="mock replays --replay offline; openai calls the API (default: from environment)",
    )
    run.add_argument("--model", help="model name for the backend")
    run.add_argument(
        "--replay",
        type=Path,
        help="with --backend mock: a JSON annotation of the whole article, replayed per chunk",
    )
    run.add_argument("--format", choices=["json", "markdown"], default="json")
    run.add_argument("--max-chunk-tokens", type=int, default=DEFAULT_MAX_CHUNK_TOKENS)
    run.add_argument("--chunk-overlap-tokens", type=int, default=DEFAULT_CHUNK_OVERLAP_TOKENS)
    run.add_argument("--drop-ungrounded", action="store_true", help="drop items not found")
    run.add_argument("--max-cost-usd", type=float, help="stop before the run would cost more")
    run.add_argument(
        "--max-tokens-per-document", type=int, help="stop a document before it takes more"
    )
    run.add_argument("--cache", type=Path, metavar="PATH", help="the cache file to use")
    run.add_argument("--no-cache", action="store_true", help="neither read nor write a cache")
    run.add_argument(
        "--estimate",
        action="store_true",
        help="print the calls, tokens and cost each file would take, without calling a model",
    )
    cache = commands.add_parser("cache", help="inspect or clear the reply cache")
    cache.add_argument("action", choices=["info", "clear"])
    cache.add_argument(
        "--cache",
        type=Path,
        metavar="PATH",
        help="the cache file (default: $SEEDSUM_CACHE_DIR or the platform cache folder)",
    )
    return parser


def _cache_command(args: argparse.Namespace) -> int:
    cache = SQLiteCache(args.cache)
    if not cache.enabled:
        print(f"seedsum: the cache at {cache.path} cannot be used", file=sys.stderr)
        return EXIT_FAILED
    if args.action == "clear":
        print(f"{cache.path}: removed {cache.clear()} entries")
    else:
        info = cache.info()
        print(
            f"path:    {info['path']}\nentries: {info['entries']}\nsize:    {info['bytes']} bytes"
        )
    return EXIT_OK


def _backend(args: argparse.Namespace) -> Backend | None:
    if args.backend == "mock":
        if args.replay is None:
            raise ConfigurationError("--backend mock needs --replay FILE.json (what to answer)")
        annotation = args.replay.read_text(encoding="utf-8")
        return MockBackend(responder=replay(annotation), model=args.model or "mock")
    if args.backend == "openai":
        from .backends.openai import OpenAIBackend

        return OpenAIBackend(args.model)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "cache":
        return _cache_command(args)
    try:
        summarizer = Summarizer(
            _backend(args),
            max_chunk_tokens=args.max_chunk_tokens,
            chunk_overlap_tokens=args.chunk_overlap_tokens,
            drop_ungrounded=args.drop_ungrounded,
            max_cost_usd=args.max_cost_usd,
            max_tokens_per_document=args.max_tokens_per_document,
            cache=False if args.no_cache else args.cache,
        )
    except (SeedsumError, OSError, ValueError) as exc:
        print(f"seedsum: {exc}", file=sys.stderr)
        return EXIT_USAGE
    results: list[tuple[Path, ArticleSummary]] = []
    failed = 0
    for path in args.files:
        try:
            text = path.read_text(encoding="utf-8")
            if args.estimate:
                _print_estimate(path, summarizer.estimate(text))
                continue
            results.append((path, summarizer.summarize(text)))
        except UnicodeDecodeError as exc:
            failed += 1
            print(
                f"seedsum: {path}: not UTF-8 text ({exc.reason} at byte {exc.start})",
                file=sys.stderr,
            )
        except OSError as exc:
            failed += 1
            print(f"seedsum: {path}: {exc.strerror or exc}", file=sys.stderr)
        except SeedsumError as exc:
            failed += 1
            first_line = str(exc).splitlines()[0]
            print(f"seedsum: {path}: {type(exc).__name__}: {first_line}", file=sys.stderr)
    if not args.estimate:
        _write(results, args.format, several=len(args.files) > 1)
    return EXIT_FAILED if failed else EXIT_OK


def _print_estimate(path: Path, estimate: Estimate) -> None:
    cost = "unknown" if estimate.cost_usd is None else f"${estimate.cost_usd:.4f}"
    print(
        f"{path}: {estimate.calls} call(s), {estimate.input_tokens} input tokens, "
        f"~{estimate.output_tokens} output tokens, estimated cost {cost}"
    )


def _write(results: list[tuple[Path, ArticleSummary]], fmt: str, *, several: bool) -> None:
    if fmt == "markdown":
        sys.stdout.write("\n".join(to_markdown(r, title=str(p)) for p, r in results))
    elif several:
        payload = [{"source": str(p), **r.model_dump(mode="json")} for p, r in results]
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif results:
        sys.stdout.write(results[0][1].model_dump_json(indent=2) + "\n")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
