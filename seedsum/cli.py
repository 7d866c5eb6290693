"""The `seedsum` command: a thin layer over `Summarizer`.

Exit codes: 0 all inputs summarized, 1 some input failed, 2 a usage error, 130 interrupted
(Ctrl-C), 143 stopped by SIGTERM.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import closing
from pathlib import Path
from typing import IO, Any

from . import batch_cli, cache_cli, ledger_cli
from ._version import __version__
from .backends import Backend, MockBackend, RulesBackend
from .backends.mock import replay
from .corpus import DocumentResult
from .documents import DEFAULT_MAX_FILE_SIZE, Document, InputProblem, check_encoding, read_documents
from .errors import ConfigurationError, SeedsumError
from .estimate import Estimate
from .output import Output, check_out_folder, open_output
from .pipeline import (
    DEFAULT_CHUNK_OVERLAP_TOKENS,
    DEFAULT_MAX_CHUNK_TOKENS,
    DEFAULT_MAX_CONCURRENCY,
    Summarizer,
)
from .ratelimit import RateLimit
from .review import command as review_command
from .schema import ArticleSummary
from .stopping import Stop

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 1, 2, 130, 143


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
        help="text files, folders (searched for *.txt and *.md, skipping hidden folders and "
        "environments such as .venv), or - for stdin",
    )
    add_reading_options(run)
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
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="seconds the model has per request (default 60; local models on a CPU may "
        "need several minutes per chunk)",
    )
    run.add_argument(
        "--max-retries",
        type=int,
        metavar="N",
        help="retries after a transient failure, per call (default 3)",
    )
    run.add_argument(
        "--replay",
        type=Path,
        help="with --backend mock: a JSON annotation of the whole article, replayed per chunk",
    )
    run.add_argument(
        "--format",
        choices=["json", "jsonl", "markdown"],
        default="json",
        help="json: one object (a list for several inputs, streamed and always closed, "
        "even on Ctrl-C); jsonl: one line per input, written as each finishes (best for "
        "large runs); markdown: a readable report",
    )
    run.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="write one file per input here, at the input's relative path plus .json or .md "
        "(a/x.txt -> DIR/a/x.txt.json)",
    )
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
    batch_cli.add_summarize_options(run)

    cache = commands.add_parser("cache", help="inspect or clear the reply cache")
    cache.add_argument("action", choices=["info", "clear"])
    cache.add_argument(
        "--cache",
        type=Path,
        metavar="PATH",
        help="the cache file (default: $SEEDSUM_CACHE_DIR or the platform cache folder)",
    )
    review_command.register(commands, run)
    batch_cli.add_batch_command(commands)
    ledger_cli.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "cache":
        return _cache_command(args)
    if args.command == "review":
        return review_command.main(args)
    if args.command == "batch":
        return batch_cli.batch_command(args)
    if args.command in ledger_cli.COMMANDS:
        return ledger_cli.main(args)
    return _summarize_command(args)


def _summarize_command(args: argparse.Namespace) -> int:
    stop = Stop()
    with stop.installed():
        run: _Run | None = None
        try:
            try:
                summarizer = _prepare(args)
            except (SeedsumError, OSError, ValueError) as exc:
                print(f"seedsum: {exc}", file=sys.stderr)
                return EXIT_USAGE
            run = _Run(args, stop)
            return run.execute(summarizer)
        except KeyboardInterrupt:
            done = run.output.written if run is not None else 0
            lead = "\n" if sys.stderr.isatty() else ""  # past the ^C the terminal echoed
            if args.batch and not args.estimate:
                print(f"{lead}{batch_cli.INTERRUPTED}", file=sys.stderr)
                return stop.exit_code
            print(
                f"{lead}seedsum: {stop.what} after {done} finished document(s); "
                "their results are written and their model replies cached, so a re-run "
                "picks up from there",
                file=sys.stderr,
            )
            return stop.exit_code


def _prepare(args: argparse.Namespace) -> Summarizer[ArticleSummary]:
    """Everything that can be refused before a model is called."""
    if args.encoding is not None:
        check_encoding(args.encoding)
    summarizer = _summarizer(args)
    if args.out is not None:  # last, as it creates the folder
        check_out_folder(args.out)
    return summarizer


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
    if args.backend == "openai" or (args.backend is None and os.environ.get("OPENAI_API_KEY")):
        from .backends.openai import OpenAIBackend

        options: dict[str, Any] = dict(_flex(args))
        if args.timeout is not None:
            options["timeout"] = args.timeout
        if args.max_retries is not None:
            options["max_retries"] = args.max_retries
        return OpenAIBackend(args.model, **options)
    if args.backend == "rules":
        return RulesBackend()
    return None


class _Run:
    """Reads the inputs lazily and hands each result to the output as it finishes."""

    def __init__(self, args: argparse.Namespace, stop: Stop) -> None:
        self.args = args
        self.stop = stop
        self.failed = 0
        self.output = Output()  # until the run starts: --estimate writes no results

    def execute(self, summarizer: Summarizer[ArticleSummary]) -> int:
        if self.args.estimate:
            return self.estimate(summarizer)
        args = self.args
        several = len(args.inputs) > 1 or any(Path(i).is_dir() for i in args.inputs)
        self.output = open_output(args.format, args.out, args.inputs, several, self._warn)
        progress = False if args.quiet else None
        pending = batch_cli.Pending()
        try:
            # The array opens inside the `try` and with signals held, so a signal cannot fall
            # between its "[" and the `finally` that closes it.
            with self.stop.held():
                self.output.open()
            many = summarizer.summarize_many(
                self.documents(), progress=progress, **batch_cli.run_options(args)
            )
            with closing(many) as run:
                for result in run:
                    if pending.take(result):
                        continue
                    with self.stop.held():
                        self.handle(result)
        except ConfigurationError as exc:  # e.g. --batch with no Batch API or no cache file
            print(f"seedsum: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except SeedsumError as exc:  # a run-wide stop, such as the cost budget
            print(f"seedsum: stopped: {exc}", file=sys.stderr)
            return EXIT_FAILED
        finally:
            with self.stop.held():
                self.output.close()
        pending.report()
        return EXIT_FAILED if self.failed else EXIT_OK

    def estimate(self, summarizer: Summarizer[ArticleSummary]) -> int:
        for document in self.documents():
            try:
                _print_estimate(document.id, summarizer.estimate(document.text))
            except SeedsumError as exc:
                self._fail(document.id, str(exc))
        return EXIT_FAILED if self.failed else EXIT_OK

    def documents(self) -> Iterator[Document]:
        documents = read_documents(
            self.args.inputs,
            encoding=self.args.encoding,
            max_file_size=self.args.max_file_size,
            on_problem=self._problem,
            stdin=self._stdin(),
        )
        published = self.args.published
        if published is None:
            return documents
        # --published fills in the date where a document's front matter gives none.
        return (Document(d.id, d.text, {"published": published, **d.metadata}) for d in documents)

    def _stdin(self) -> IO[bytes] | IO[str] | None:
        """Stdin, read here in the main thread, where Ctrl-C can stop the wait for it; the
        documents are read on the run's loop, which could not be stopped while it waits."""
        if "-" not in self.args.inputs or sys.stdin is None:
            return None
        source = getattr(sys.stdin, "buffer", sys.stdin)
        try:
            data = source.read(self.args.max_file_size + 1)
        except OSError:
            return None  # read again on the loop, which reports the error
        return io.BytesIO(data) if isinstance(data, bytes) else io.StringIO(data)

    def handle(self, result: DocumentResult[ArticleSummary]) -> None:
        if result.error is not None or result.output is None:
            error = result.error
            first_line = str(error).splitlines()[0] if str(error) else ""
            self._fail(result.id, f"{type(error).__name__}: {first_line}")
            self.output.skip(result.index)
            return
        try:
            self.output.write(result.index, result.id, result.output)
        except OSError as exc:
            self._fail(result.id, f"could not write its result: {exc.strerror or exc}")

    def _problem(self, problem: InputProblem) -> None:
        if problem.kind == "error":
            self._fail(problem.source, problem.message)
        else:
            self._warn(str(problem))

    def _fail(self, name: str, why: str) -> None:
        self.failed += 1
        print(f"seedsum: {name}: {why}", file=sys.stderr)

    @staticmethod
    def _warn(message: str) -> None:
        print(f"seedsum: warning: {message}", file=sys.stderr)


def add_reading_options(parser: argparse.ArgumentParser) -> None:
    """How inputs are read (`seedsum.read_documents`), for every command that reads articles."""
    parser.add_argument(
        "--encoding",
        help="the inputs' text encoding, e.g. latin-1, cp1252, utf-16 (default: UTF-8)",
    )
    parser.add_argument(
        "--max-file-size",
        type=_megabytes,
        default=DEFAULT_MAX_FILE_SIZE,
        metavar="MB",
        help=f"skip inputs larger than this (default: {DEFAULT_MAX_FILE_SIZE // 2**20})",
    )


def _megabytes(value: str) -> int:
    try:
        size = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of megabytes: {value!r}") from None
    if not size > 0:
        raise argparse.ArgumentTypeError(f"must be positive, got {value}")
    return int(size * 2**20)


def _has_key() -> bool:
    return bool(os.environ.get("OPENAI_API_KEY"))


def _flex(args: argparse.Namespace) -> dict[str, Any]:
    if not (args.flex or args.flex_fallback):
        return {}
    return {"service_tier": "flex", "flex_fallback": args.flex_fallback}


def _print_estimate(name: str, estimate: Estimate) -> None:
    e = estimate
    cost = "unknown"
    if e.cost_usd is not None:
        cost = f"${e.cost_usd:.4f} (input ${e.input_cost_usd:.4f}, output ${e.output_cost_usd:.4f})"
        if e.batch_cost_usd is not None:
            cost += f"; ${e.batch_cost_usd:.4f} through the Batch API"
    print(
        f"{name}: {e.calls} call(s), {e.input_tokens} input tokens, "
        f"~{e.output_tokens} output tokens (likely {e.output_tokens_low}-{e.output_tokens_high}), "
        f"estimated cost {cost}"
    )
    for warning in e.warnings:
        print(f"{name}: warning: {warning}")


def _cache_command(args: argparse.Namespace) -> int:
    return cache_cli.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
