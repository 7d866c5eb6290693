"""Reading a chat completion into a ModelReply: refusals, content filters and truncation
raise their own errors, and token counts are taken only when they are counts."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from ..errors import RefusalError, TruncatedReplyError
from .base import ModelReply, Usage
from .capabilities import StructuredMode
from .openai_errors import malformed
from .openai_sdk import checked_completion
from .redaction import public_url

if TYPE_CHECKING:
    from .openai import OpenAIBackend

logger = logging.getLogger("seedsum")


def read_reply(
    backend: OpenAIBackend, completion: object, params: dict[str, Any], mode: StructuredMode
) -> ModelReply | None:
    """The reply in `completion` (asked with `params`), or None to ask once more with a
    larger output limit (`truncation_retry_tokens`)."""
    checked = checked_completion(completion)
    if isinstance(checked, str):
        raise malformed(backend, checked)
    choice = checked.choices[0]
    content = choice.message.content
    if choice.message.refusal:
        raise RefusalError(
            f"the model refused to answer: {choice.message.refusal!r}. The text may touch "
            "a topic the model declines; try another model or rephrase nothing: the "
            "document is sent as data.",
            backend=backend.name,
            model=backend.model,
            raw=choice.message.refusal,
        )
    if choice.finish_reason == "content_filter":
        raise RefusalError(
            "the provider's content filter stopped the reply; try another model",
            backend=backend.name,
            model=backend.model,
            raw=content,
        )
    usage = usage_of(checked.usage)
    if choice.finish_reason == "length":
        limit = params.get("max_completion_tokens", params.get("max_tokens"))
        if backend.truncation_retry_tokens and limit != backend.truncation_retry_tokens:
            return None
        truncated = TruncatedReplyError(
            f"the reply was cut off at the output limit ({limit} tokens) after "
            f"{len(content or '')} characters; use a smaller max_chunk_tokens, or set "
            "max_completion_tokens / truncation_retry_tokens higher",
            backend=backend.name,
            model=backend.model,
            raw=content,
        )
        truncated.usage = usage
        raise truncated
    if content is None:
        raise malformed(backend, "a chat completion whose message has no content")
    where = public_url(backend.base_url) or "OpenAI"
    logger.debug("seedsum: %s answered in %s mode", where, mode)
    model = checked.model if isinstance(checked.model, str) else None
    return ModelReply(content, usage, model or backend.model, structured_output=mode)


def usage_of(usage: object) -> Usage:
    """Token counts as reported; a count that is not a non-negative int is not trusted (0)."""

    def count(owner: object, name: str) -> int:
        value = getattr(owner, name, None)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        return 0

    details = getattr(usage, "prompt_tokens_details", None)
    return Usage(
        count(usage, "prompt_tokens"),
        count(usage, "completion_tokens"),
        count(details, "cached_tokens"),
    )
