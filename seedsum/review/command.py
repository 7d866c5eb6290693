"""`seedsum review`: write the review page of articles (summarized now) or of saved results.

    seedsum review article.txt -o review.html            # summarize, then write the page
    seedsum review results.jsonl --sources DIR -o r.html  # saved results: no model call
    seedsum review out/ --sources articles/               # results saved with summarize --out

Articles (.txt, .md, or folders of them) are summarized with the same options as `summarize`;
results (.json, .jsonl, or with `--sources` folders of them) are read back and paired with
their text. Several documents make one page with a corpus view.
"""

from __future__ import annotations

import argparse
import json
import sys
import webbrowser
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import SeedsumError
from ..schema import ArticleSummary
from .render import ReviewDocument, review_page

ARTICLE_SUFFIXES = (".txt", ".md")
RESULT_SUFFIXES = (".json", ".jsonl")
# Options of `summarize` that make no sense for a page (the page is the output).
_NOT_SHARED = {"inputs", "format", "out", "estimate", "help"}


def register(commands: Any, summarize: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add the `review` subcommand, sharing `summarize`'s model options (the same objects, as
    argparse's `parents=` does, so the two never drift apart)."""
    review: argparse.ArgumentParser = commands.add_parser(
        "review",
        help="write an HTML page to review results against their text",
        description="Write one self-contained HTML page to check every quote against its text, "
        "correct the items and export gold files for python -m seedsum.eval.",
    )
    review.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="articles (.txt/.md files, folders, or - for stdin: summarized now) or saved results "
        "(.json/.jsonl from summarize; with --sources, folders of them)",
    )
    review.add_argument(
        "--sources",
        type=Path,
        metavar="DIR",
        help="where the texts of saved results are; makes folder inputs folders of results",
    )
    review.add_argument(
        "-o", "--output", type=Path, default=Path("review.html"), help="the page to write"
    )
    review.add_argument("--title", help="the page's title")
    review.add_argument("--open", action="store_true", help="open the page in a browser")
    for action in summarize._actions:
        if action.dest not in _NOT_SHARED:
            review._add_action(action)
    return review


def main(args: argparse.Namespace) -> int:
    """Run `seedsum review`; exit codes as `summarize`'s (0 ok, 1 a document failed, 2 usage)."""
    from ..cli import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE

    articles, results = _classify(args.inputs, args.sources)
    if not articles and not results:
        print("seedsum: review: no articles or results found in the inputs", file=sys.stderr)
        return EXIT_USAGE
    documents: list[ReviewDocument] = []
    for path in results:
        documents.extend(_saved(path, args.sources))
    try:
        documents.extend(_summarized(args, articles))
    except (SeedsumError, OSError, ValueError) as exc:
        print(f"seedsum: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("\nseedsum: interrupted; finished model replies are cached", file=sys.stderr)
        return EXIT_INTERRUPTED
    for doc in documents:
        if doc.error is not None:
            print(f"seedsum: {doc.id}: {doc.error}", file=sys.stderr)
    try:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(review_page(documents, title=args.title), encoding="utf-8")
    except OSError as exc:
        print(f"seedsum: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    print(args.output)
    if args.open and not webbrowser.open(args.output.resolve().as_uri()):
        print("seedsum: no browser available here; open the file yourself", file=sys.stderr)
    return EXIT_FAILED if any(d.error is not None for d in documents) else EXIT_OK


def _classify(inputs: Sequence[str], sources: Path | None) -> tuple[list[Path], list[Path]]:
    """Articles and result files, folders searched (sorted): for results when `--sources`."""
    articles: list[Path] = []
    results: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            wanted = RESULT_SUFFIXES if sources is not None else ARTICLE_SUFFIXES
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in wanted and p.is_file())
            (results if sources is not None else articles).extend(found)
        elif path.suffix.lower() in RESULT_SUFFIXES:
            results.append(path)
        else:
            articles.append(path)
    return articles, results


def _summarized(args: argparse.Namespace, articles: list[Path]) -> Iterator[ReviewDocument]:
    if not articles:
        return
    from ..cli import _summarizer

    summarizer = _summarizer(args)
    texts: dict[str, str] = {}
    for path in articles:
        try:
            name = str(path)
            texts[name] = sys.stdin.read() if name == "-" else path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            yield ReviewDocument(str(path), None, error=f"not UTF-8 text ({exc.reason})")
        except OSError as exc:
            yield ReviewDocument(str(path), None, error=exc.strerror or str(exc))
    progress = False if args.quiet else None
    found = []
    try:
        for result in summarizer.summarize_many(texts.items(), progress=progress):
            found.append(result)
    except SeedsumError as exc:  # a run-wide stop (the cost budget): keep what finished
        done = {r.id for r in found}
        for name in texts:
            if name not in done:
                yield ReviewDocument(name, texts[name], error=f"not summarized: run stopped: {exc}")
    for result in sorted(found, key=_index):
        error = None
        if result.error is not None:
            error = f"{type(result.error).__name__}: {str(result.error).splitlines()[0]}"
        yield ReviewDocument(result.id, texts[result.id], result.output, error)


def _index(result: Any) -> int:
    return int(result.index)


def _records(path: Path) -> Iterator[tuple[str, Any]]:
    """(name, record) for each result saved in `path`: JSON lines, a list, or one object."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".jsonl":
        for number, line in enumerate(raw.splitlines(), 1):
            if line.strip():
                yield f"{path}:{number}", json.loads(line)
        return
    value = json.loads(raw)
    if isinstance(value, list):
        for number, record in enumerate(value, 1):
            yield f"{path}[{number}]", record
    else:
        yield str(path), value


def _saved(path: Path, sources: Path | None) -> Iterator[ReviewDocument]:
    try:
        records = list(_records(path))
    except (OSError, ValueError) as exc:
        yield ReviewDocument(str(path), None, error=f"cannot read saved results: {exc}")
        return
    for where, record in records:
        if not isinstance(record, dict):
            yield ReviewDocument(where, None, error="not a saved result (expected an object)")
            continue
        # summarize --format jsonl and multi-input json name the source; --out files are it.
        name = str(record.get("source") or path.with_suffix("").name)
        metadata = dict(record["metadata"]) if isinstance(record.get("metadata"), dict) else {}
        for key in ("title", "date"):  # as a record may carry them beside the result
            if record.get(key) is not None:
                metadata.setdefault(key, record[key])
        try:
            result = ArticleSummary.model_validate(record)
        except ValidationError as exc:
            first = exc.errors()[0]
            where_in = ".".join(str(p) for p in first["loc"])
            yield ReviewDocument(
                name, None, error=f"{where}: not a seedsum result ({where_in}: {first['msg']})"
            )
            continue
        found, text, looked = _source_text(name, path, sources)
        if found is not None and not record.get("source"):
            name = str(found)  # an --out file: name it after its article, as summarize did
        error = None
        if text is None:
            tried = ", ".join(looked[:3]) + (", ..." if len(looked) > 3 else "")
            error = f"source text not found (looked for {tried}); pass --sources DIR"
        yield ReviewDocument(name, text, result, error, metadata)


def _source_text(
    name: str, saved: Path, sources: Path | None
) -> tuple[Path | None, str | None, list[str]]:
    stem = Path(name).with_suffix("")
    roots = [sources] if sources is not None else [Path.cwd(), saved.parent]
    candidates: list[Path] = []
    for root in roots:
        candidates.append(root / name)
        candidates.append(root / Path(name).name)
        # `summarize --out` names files after the input path with "/" made "__".
        unfolded = stem.as_posix().replace("__", "/")
        for suffix in ARTICLE_SUFFIXES:
            candidates.append(root / f"{unfolded}{suffix}")
            candidates.append(root / f"{Path(unfolded).name}{suffix}")
    seen: list[str] = []
    for candidate in candidates:
        if str(candidate) in seen:
            continue
        seen.append(str(candidate))
        if candidate.is_file() and candidate.suffix.lower() not in RESULT_SUFFIXES:
            try:
                return candidate, candidate.read_text(encoding="utf-8"), seen
            except (OSError, UnicodeDecodeError):
                continue
    return None, None, seen
