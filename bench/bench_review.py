"""The review page: its size, and its time to interactive for one article and 1,000 documents.

- Size: the bytes of the page next to the bytes of what it carries (the texts and the results
  as compact JSON), so the ratio is the page's own overhead (its HTML, CSS and JS, and the
  escaping of the data).
- Time to interactive: from `page.goto` of the file:// URL to the page's script having built
  its first view (`window.seedsumReady`), in headless Chromium, next to the same for an
  empty page, interleaved, best of several loads. For the corpus the first view is the index
  of documents; "open" is then the time to open one document from it (click to highlights
  drawn), next to opening the one-article page's document from nothing (a fresh load).

The articles are `examples/articles/grain_corridor.txt` under 1,000 distinct datelines,
summarized once with the rules backend and the spans shifted for each dateline. Without
Chromium or Playwright the times are skipped (and said so); the sizes are still reported.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from _harness import GRAIN_TEXT, cli, result, setup, table

CORPUS = 1000
TARGET_SIZE = 1.25  # a corpus page at most 25% larger than the data it carries
# One article's page is mostly the page itself (its script and style), not its data.
TARGET_SIZE_ONE = 8.0
TARGET_TTI_ONE = 10.0  # an article's page interactive within 10 empty-page loads
TARGET_TTI_CORPUS = 40.0


def _documents(count: int) -> tuple[Any, list[Any]]:
    from seedsum import RulesBackend, Summarizer
    from seedsum.render import ReviewDocument
    from seedsum.schema import Span

    text = GRAIN_TEXT.read_text(encoding="utf-8")
    base = Summarizer(RulesBackend(), cache=False).summarize(text)
    docs = []
    for i in range(count):
        prefix = f"Dispatch {i} from our correspondent.\n\n"
        shift = len(prefix)

        def moved(item: Any, by: int = shift) -> Any:
            span = item.span
            if span is None:
                return item
            new = Span(start=span.start + by, end=span.end + by, match=span.match)
            return item.model_copy(update={"span": new})

        summary = base.model_copy(
            update={
                "positions": [moved(p) for p in base.positions],
                "predictions": [moved(p) for p in base.predictions],
            }
        )
        docs.append(ReviewDocument(f"dispatch_{i:04d}.txt", prefix + text, summary))
    return base, docs


def _carried(docs: list[Any]) -> int:
    payload = [{"text": d.text, "result": d.result.model_dump(mode="json")} for d in docs]
    return len(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _load(page: Any, url: str) -> float:
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function("window.seedsumReady === true", timeout=120_000)
    return time.perf_counter() - start


def _open_first(page: Any, url: str) -> float:
    _load(page, url)
    start = time.perf_counter()
    page.click("#corpus tbody tr a")
    page.wait_for_selector("#doc-text .hl")
    return time.perf_counter() - start


def _times(pages: dict[str, Path], repeats: int) -> dict[str, float]:
    """Best load times per page, or {} (and why) without Playwright or Chromium here."""
    from seedsum.errors import ConfigurationError
    from seedsum.review.browser import headless_chromium

    best: dict[str, float] = {}
    try:
        with headless_chromium() as browser:
            page = browser.new_page()
            _load(page, pages["empty"].as_uri())  # warm the browser up once
            for _ in range(repeats):
                for name, path in pages.items():
                    seconds = _load(page, path.as_uri())
                    best[name] = min(best.get(name, float("inf")), seconds)
                seconds = _open_first(page, pages["corpus"].as_uri())
                best["open"] = min(best.get("open", float("inf")), seconds)
    except ConfigurationError as error:
        print(f"time to interactive: skipped ({error})")
        return {}
    return best


def main(quick: bool = False) -> list[str]:
    setup(quick)
    from seedsum.render import ReviewDocument, review_page

    count = 20 if quick else CORPUS
    base, docs = _documents(count)
    text = GRAIN_TEXT.read_text(encoding="utf-8")
    one = base.to_html(text, title="grain_corridor.txt")
    corpus = review_page(docs, title=f"{count} documents")
    with tempfile.TemporaryDirectory() as folder:
        pages = {
            "empty": Path(folder) / "empty.html",
            "one": Path(folder) / "one.html",
            "corpus": Path(folder) / "corpus.html",
        }
        pages["empty"].write_text(
            "<!DOCTYPE html><title>empty</title><script>window.seedsumReady = true</script>",
            encoding="utf-8",
        )
        pages["one"].write_text(one, encoding="utf-8")
        pages["corpus"].write_text(corpus, encoding="utf-8")
        times = _times(pages, 1 if quick else 5)

    one_size, corpus_size = len(one.encode()), len(corpus.encode())
    one_data = _carried([ReviewDocument("grain", text, base)])
    corpus_data = _carried(docs)
    rows = [
        ["one article: page", f"{one_size / 1e3:,.1f} kB", f"data {one_data / 1e3:,.1f} kB"],
        [
            f"{count} documents: page",
            f"{corpus_size / 1e6:,.2f} MB",
            f"data {corpus_data / 1e6:,.2f} MB",
        ],
    ]
    if times:
        empty = times["empty"]
        rows += [
            ["empty page: load", f"{1e3 * empty:.1f} ms", "baseline"],
            [
                "one article: interactive",
                f"{1e3 * times['one']:.1f} ms",
                f"{times['one'] / empty:.1f}x",
            ],
            [
                f"{count} documents: interactive",
                f"{1e3 * times['corpus']:.1f} ms",
                f"{times['corpus'] / empty:.1f}x",
            ],
            [f"{count} documents: open one", f"{1e3 * times['open']:.1f} ms", ""],
        ]
    table(["case", "figure", "vs"], rows)
    lines = [
        result(
            "review_page_size_one",
            one_size / one_data,
            f"<={TARGET_SIZE_ONE:g}",
            one_size / one_data <= TARGET_SIZE_ONE,
        ),
        result(
            "review_page_size_corpus",
            corpus_size / corpus_data,
            f"<={TARGET_SIZE}",
            corpus_size / corpus_data <= TARGET_SIZE,
        ),
    ]
    if times:
        lines.append(
            result(
                "review_tti_one",
                times["one"] / times["empty"],
                f"<={TARGET_TTI_ONE:g}",
                times["one"] / times["empty"] <= TARGET_TTI_ONE,
            )
        )
        lines.append(
            result(
                "review_tti_corpus",
                times["corpus"] / times["empty"],
                f"<={TARGET_TTI_CORPUS:g}",
                times["corpus"] / times["empty"] <= TARGET_TTI_CORPUS,
            )
        )
    return lines


if __name__ == "__main__":
    cli(main)
