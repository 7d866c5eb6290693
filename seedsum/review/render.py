"""Embed results into the review page: the template, the stylesheet, the script and the data.

The data goes in as one JSON blob inside a `<script type="application/json">` element, with
every `<`, `>`, `&`, U+2028 and U+2029 written as a `\\u` escape, so nothing in a model's reply
or a document (`</script>`, `<!--`) can end that element early. The page builds its DOM with
`textContent` only; a Content-Security-Policy allows the page's own script (by hash) and no
fetches at all, as a second wall.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from ..corpus import DocumentResult
from ..errors import InvalidInputError
from ..schema import ArticleSummary

#: Bump when the shape of the embedded data changes (the page checks it).
DATA_VERSION = 1
_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_UNSAFE = re.compile("[<>&\u2028\u2029]")
#: The page's script, in the order it is joined (see model.js).
SCRIPTS = ("model.js", "text.js", "panel.js", "forms.js", "corpus.js", "review.js")
_SLOT = re.compile(r"\{\{(TITLE|CSP|CSS|DATA|JS)\}\}")


@dataclass(frozen=True)
class ReviewDocument:
    """One document of a review page: its text and result (or the error that stopped it)."""

    id: str
    text: str | None
    result: ArticleSummary | None = None
    error: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)


@cache
def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


@cache
def _script() -> str:
    # The parts share one scope; see model.js.
    body = "\n".join(_asset(name) for name in SCRIPTS)
    return '(function () {\n"use strict";\n' + body + "})();\n"


def json_for_script(value: Any) -> str:
    """`value` as JSON that is safe inside a `<script>` element (see the module docstring)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _UNSAFE.sub(lambda m: _ESCAPES[m.group()], text)


def text_hash(text: str) -> str:
    """The key a document's review state is stored under in the browser."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def _document(doc: ReviewDocument) -> dict[str, Any]:
    metadata = {str(k): v for k, v in doc.metadata.items()}
    return {
        "id": doc.id,
        "title": str(metadata.get("title") or doc.id),
        "date": None if metadata.get("date") is None else str(metadata["date"]),
        "hash": text_hash(doc.text) if doc.text is not None else None,
        "text": doc.text,
        "result": None if doc.result is None else doc.result.model_dump(mode="json"),
        "error": doc.error,
        "metadata": metadata,
    }


def _coerce(
    items: Iterable[ReviewDocument | DocumentResult[ArticleSummary]],
    texts: Mapping[str, str] | None,
) -> list[ReviewDocument]:
    documents: list[ReviewDocument] = []
    for item in items:
        if isinstance(item, ReviewDocument):
            documents.append(item)
        elif isinstance(item, DocumentResult):
            text = None if texts is None else texts.get(item.id)
            error = None if item.error is None else f"{type(item.error).__name__}: {item.error}"
            if text is None and item.output is not None:
                raise InvalidInputError(
                    f"review_page: no text for document {item.id!r}; pass texts={{id: text}} "
                    "with the text of every document (the page shows each quote in its text)"
                )
            documents.append(ReviewDocument(item.id, text, item.output, error))
        else:
            raise InvalidInputError(
                f"review_page: expected ReviewDocument or DocumentResult items, got "
                f"{type(item).__name__}; wrap a single result as result.to_html(text)"
            )
    return documents


def review_page(
    results: Iterable[ReviewDocument | DocumentResult[ArticleSummary]],
    texts: Mapping[str, str] | None = None,
    *,
    title: str | None = None,
) -> str:
    """One self-contained HTML page reviewing many documents (a corpus view when several).

    `results` are `ReviewDocument`s, or the `DocumentResult`s of `summarize_many` with
    `texts` mapping each id to its text. Failed documents are listed with their error.
    """
    documents = [_document(d) for d in _coerce(results, texts)]
    if not documents:
        raise InvalidInputError("review_page: no documents to show; pass at least one result")
    name = title or (documents[0]["title"] if len(documents) == 1 else "seedsum review")
    return _page(name, {"version": DATA_VERSION, "title": name, "documents": documents})


def document_page(text: str, result: ArticleSummary, *, title: str | None = None) -> str:
    """The review page of one document (what `ArticleSummary.to_html` returns)."""
    if not isinstance(text, str):
        raise InvalidInputError(
            f"to_html: text must be the str the result was made from, not {type(text).__name__}"
        )
    doc = ReviewDocument(title or "document", text, result)
    return review_page([doc], title=title)


def _page(title: str, data: dict[str, Any]) -> str:
    script = _script()
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )
    slots = {
        "TITLE": html.escape(title),
        "CSP": html.escape(csp),
        "CSS": _asset("review.css"),
        "DATA": json_for_script(data),
        "JS": script,
    }
    # One pass over the template only, so a slot name inside the data is never expanded.
    return _SLOT.sub(lambda m: slots[m.group(1)], _asset("page.html"))
