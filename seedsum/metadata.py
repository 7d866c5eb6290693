"""A document's metadata (`published`, `source`, `url`, `title`, `id`) as a `DocumentInfo`,
checked: a publication date that cannot be read is an error that says what to write."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from .errors import InvalidInputError, InvalidInputTypeError
from .schema import DocumentInfo

__all__ = ["document_info", "parse_published"]


def parse_published(value: object) -> date | datetime | None:
    """A date (`2025-05-20`) or an ISO 8601 datetime (`2025-05-20T08:30:00+02:00`)."""
    if value is None or isinstance(value, date):  # a datetime is a date too
        return value
    if not isinstance(value, str):
        raise InvalidInputTypeError(
            f"published must be a date, a datetime or an ISO 8601 string, "
            f"got {type(value).__name__}"
        )
    text = value.strip()
    try:
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInputError(
            f"published={value!r} is not a date: write it as YYYY-MM-DD (e.g. 2025-05-20) or "
            f"an ISO 8601 datetime (e.g. 2025-05-20T08:30:00+02:00)"
        ) from None


def document_info(
    metadata: Mapping[str, Any] | DocumentInfo | None = None,
    *,
    id: str | None = None,
    published: object = None,
) -> DocumentInfo | None:
    """The `DocumentInfo` of a document (None when nothing is known); `id` and `published`
    given here win over the same keys in `metadata`. Other keys are kept as they are."""
    if isinstance(metadata, DocumentInfo):
        fields: dict[str, Any] = metadata.model_dump(exclude_none=True)
    elif metadata is None:
        fields = {}
    elif isinstance(metadata, Mapping):
        fields = {str(k).lower(): v for k, v in metadata.items() if v is not None}
    else:
        raise InvalidInputTypeError(
            f"metadata must be a mapping (e.g. {{'published': '2025-05-20'}}), "
            f"got {type(metadata).__name__}"
        )
    if id is not None:
        fields["id"] = id
    if published is not None:
        fields["published"] = published
    if "published" in fields:
        fields["published"] = parse_published(fields["published"])
    if not fields:
        return None
    try:
        return DocumentInfo.model_validate(fields)
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"])
        raise InvalidInputError(f"document metadata {where}: {problem['msg']}") from None
