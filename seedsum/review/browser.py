"""Headless Chromium for looking at the review page: the system browser driven by Playwright.

The tests of the page, its benchmark and the screenshot script all launch the browser the
same way, so the way lives here, in the package they all import. Playwright is imported only
when a browser is launched: it is the `browser` extra, never a dependency of seedsum itself,
and nothing else in the package imports this module. The browser is the system's Chromium,
found by path (`SEEDSUM_CHROMIUM`, then /usr/bin/chromium, then the PATH): never
`playwright install`, which downloads one.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigurationError

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# No GPU, sandbox or first-run work in a container, and no traffic of the browser's own
# (updates, safe browsing): the page is a file:// URL that must not need the network.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)


def chromium_path() -> str | None:
    """The Chromium to launch, or None if there is none here."""
    for candidate in (os.environ.get("SEEDSUM_CHROMIUM"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def headless_chromium(executable: str | None = None) -> Iterator[Browser]:
    """A launched headless Chromium (`executable`, or `chromium_path()`), closed on exit.

    Raises ConfigurationError, before launching anything, if Playwright is not installed or
    there is no Chromium.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise ConfigurationError(
            'Playwright is not installed: pip install "seedsum[browser]" (never playwright'
            " install; the system Chromium is used)"
        ) from None
    executable = executable or chromium_path()
    if executable is None or not Path(executable).is_file():
        raise ConfigurationError(
            f"no Chromium at {executable or '/usr/bin/chromium'}: apt-get install chromium,"
            " or set SEEDSUM_CHROMIUM to its path"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()
