"""Headless Chromium for the review page's tests: Debian's `chromium` driven by Playwright.

Never `playwright install` (it downloads a browser): the system Chromium is launched by
path. Every page is watched: any request that is not `file:`, `data:` or `blob:` is
aborted and recorded, and so are console errors, uncaught exceptions and dialogs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest


def unavailable(why: str) -> None:
    """Skip on a developer's machine; fail in CI, where the browser tests must run."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {why}; .ci/run installs chromium and the browser extra")
    pytest.skip(why)


# Per module, not per session: a live sync Playwright holds an event loop in this thread,
# which would break later asyncio tests and any other Playwright user (the review benchmark).
@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    from seedsum.errors import ConfigurationError
    from seedsum.review.browser import headless_chromium

    with ExitStack() as stack:
        try:
            browser = stack.enter_context(headless_chromium())
        except ConfigurationError as error:
            unavailable(str(error))
        yield browser


@dataclass
class Watched:
    """A page and what it tried to do that it must not."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.requests == [], f"the page made network requests: {self.requests}"
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.dialogs == [], f"dialogs opened: {self.dialogs}"


@pytest.fixture
def open_page(chromium: Any, tmp_path: Path) -> Iterator[Any]:
    """`open_page(html, width=1280, height=900)`: the page loaded from a file:// URL, ready."""
    contexts: list[Any] = []
    watched: list[Watched] = []

    def opener(html: str, width: int = 1280, height: int = 900, name: str = "page") -> Watched:
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        context = chromium.new_context(
            viewport={"width": width, "height": height}, accept_downloads=True
        )
        contexts.append(context)
        page = context.new_page()
        w = Watched(page)
        watched.append(w)

        def route(request_route: Any) -> None:
            url = request_route.request.url
            if url.startswith(("file:", "data:", "blob:")):
                request_route.continue_()
            else:
                w.requests.append(url)
                request_route.abort()

        context.route("**/*", route)
        page.on("console", lambda m: w.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: w.errors.append(f"uncaught: {e}"))

        def dialog(d: Any) -> None:
            w.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)
        page.goto(path.as_uri())
        page.wait_for_function("window.seedsumReady === true", timeout=20_000)
        return w

    yield opener
    for context in contexts:
        context.close()
    for w in watched:
        w.assert_clean()
