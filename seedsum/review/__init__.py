"""The HTML review page: one self-contained file to check every claim against its text.

`page.html`, `review.css` and `review.js` are package data; `render.py` embeds them with the
results as one JSON blob. `command.py` is the `seedsum review` subcommand.
"""

from __future__ import annotations

from .render import ReviewDocument, document_page, review_page

__all__ = ["ReviewDocument", "document_page", "review_page"]
