"""The HTML review page: one self-contained file to check every claim against its text.

`page.html`, `review.css` and the script's parts (`model.js` ... `review.js`, see `model.js`)
are package data; `render.py` embeds them with the results as one JSON blob. `command.py` is
the `seedsum review` subcommand; `gold.py` reads the gold files and bundles the page exports.
"""

from __future__ import annotations

from .render import ReviewDocument, document_page, review_page

__all__ = ["ReviewDocument", "document_page", "review_page"]
