"""Turning raw replies into validated objects, re-asking the model with the error when needed.

The re-ask loop is written once, as a generator that yields the next request and receives the
reply, so the synchronous and asynchronous pipelines drive the same logic. A re-ask sends the
original messages plus only the last failed reply and its errors: the context never grows with
the number of attempts.
"""

from __future__ import annotations

import re
from collections.abc import Generator
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from .backends.base import Message, ModelReply, ModelRequest, Usage
from .errors import ValidationFailedError

ModelT = TypeVar("ModelT", bound=BaseModel)

_FENCE = re.compile(r"^\s*```(?:json)?\s*\n(.*?)\n?```\s*$", re.DOTALL)
_MAX_ERRORS_SHOWN = 12


@dataclass(frozen=True)
class Validated(Generic[ModelT]):
    """A reply that passed validation, with what it cost to get it."""

    value: ModelT
    raw: str
    usage: Usage
    attempts: int  # model calls made for it: 0 when it came from the cache
    cached: bool = False
    #: Replies sent back with their errors: `attempts - 1` for a reply this caller asked
    #: for, 0 for one it got from the cache or shared with another document's identical call.
    reasks: int = 0
    structured_output: str | None = None  # the backend's mode for the last reply, if any
    #: (tier, usage) of each reply it took, so each is priced at its tier (batch, flex).
    tier_usage: tuple[tuple[str, Usage], ...] = ()
    #: Flex requests sent again on the standard tier for it.
    fallbacks: int = 0


def strip_code_fence(text: str) -> str:
    """The JSON inside a Markdown code fence, which some models add despite instructions."""
    match = _FENCE.match(text)
    return match.group(1) if match else text


def describe_errors(error: ValidationError) -> str:
    """A compact, model-readable list of what failed: `path: message` per line."""
    lines = []
    for item in error.errors(include_url=False)[:_MAX_ERRORS_SHOWN]:
        location = ".".join(str(part) for part in item["loc"]) or "(root)"
        lines.append(f"- {location}: {item['msg']}")
    if error.error_count() > _MAX_ERRORS_SHOWN:
        lines.append(f"- ... and {error.error_count() - _MAX_ERRORS_SHOWN} more")
    return "\n".join(lines)


def parse_reply(text: str, output_type: type[ModelT]) -> ModelT:
    """Validate `text` as JSON for `output_type` (tolerating a Markdown code fence)."""
    return output_type.model_validate_json(strip_code_fence(text))


def _value_of(reply: ModelReply, output_type: type[ModelT]) -> ModelT:
    # Exactly the type asked for: a subclass could carry fields the schema does not allow.
    if type(reply.value) is output_type:
        return reply.value
    return parse_reply(reply.text, output_type)


def reask_loop(
    request: ModelRequest, output_type: type[ModelT], max_reasks: int
) -> Generator[ModelRequest, ModelReply, Validated[ModelT]]:
    """Yield requests until a reply validates; raise `ValidationFailedError` after
    `max_reasks` re-asks."""
    usage = Usage()
    tiers: list[tuple[str, Usage]] = []
    fallbacks = 0
    errors: list[str] = []
    current = request
    for attempt in range(1, max_reasks + 2):
        reply = yield current
        usage += reply.usage
        tiers.append((reply.tier, reply.usage))
        fallbacks += reply.fell_back
        try:
            value = _value_of(reply, output_type)
        except ValidationError as exc:
            described = describe_errors(exc)
            errors.append(described)
            current = replace(
                request,
                messages=(
                    *request.messages,
                    Message("assistant", reply.text),
                    Message(
                        "user",
                        "Your reply was not valid JSON for the required schema:\n"
                        f"{described}\n"
                        "Reply again with the complete corrected JSON object only.",
                    ),
                ),
            )
            last_raw = reply.text
            continue
        return Validated(
            value,
            reply.text,
            usage,
            attempt,
            reasks=attempt - 1,
            structured_output=reply.structured_output,
            tier_usage=tuple(tiers),
            fallbacks=fallbacks,
        )
    raise ValidationFailedError(
        f"the model's reply failed validation as {output_type.__name__} on all "
        f"{max_reasks + 1} attempt(s); last errors:\n{errors[-1]}\n"
        "Try a stronger model, a smaller max_chunk_tokens, or a higher max_reasks.",
        raw=last_raw,
        errors=errors,
        attempts=max_reasks + 1,
    )
