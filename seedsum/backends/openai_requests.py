"""One attempt at a call of OpenAIBackend, without I/O: the request's parameters, and how the
backend adjusts to what a compatible server rejects.

`attempt_exchange` is a generator driven by `complete` (sync) and `acomplete` (async) alike:
it yields request parameters, receives the completion or has the SDK's exception thrown in,
and returns the reply. A capability answer (a response format, `prompt_cache_key`, the name of
the output limit the server does not take), a flex request refused for capacity, and a
truncated reply when `truncation_retry_tokens` is set are each asked again at once, outside
the retry policy: none of them is a transient failure.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Generator
from typing import TYPE_CHECKING, Any

import httpx2

from .base import ModelReply, ModelRequest, Usage
from .capabilities import StructuredMode, is_capability_answer
from .openai_errors import capacity_refusal, error_message, malformed
from .openai_replies import read_reply, usage_of
from .openai_sdk import APIConnectionError, APIStatusError, ChatCompletion, RateLimitError
from .phrasing import learn_from_first_reply, output_limit, phrased
from .redaction import public_url, redact

if TYPE_CHECKING:
    from .openai import OpenAIBackend

logger = logging.getLogger("seedsum")

_NO_CACHE_KEY_HINTS = ("prompt_cache_key",)


def attempt_exchange(
    backend: OpenAIBackend, request: ModelRequest
) -> Generator[dict[str, Any], Any, ModelReply]:
    """One attempt, without I/O: yields request parameters and receives the completion
    (or has the SDK's exception thrown in). Drops what a compatible server rejects, and
    asks once more with a larger output limit after a truncated reply, if configured."""
    larger_limit = False
    discarded = Usage()  # replies asked again because the server dropped the system message
    standard = False  # a flex request refused for capacity goes out again on the standard tier
    while True:
        mode = backend.capabilities.structured_output
        params = request_params(backend, request, mode, larger_limit)
        if backend.service_tier is not None and not standard:
            params["service_tier"] = backend.service_tier
        try:
            completion = yield params
        except RateLimitError as exc:  # before its base class, APIStatusError
            if backend.flex_fallback and not standard and capacity_refusal(exc):
                logger.info("seedsum: flex capacity unavailable; using the standard tier")
                standard = True
                continue
            raise
        except APIStatusError as exc:
            if _adapt_to(backend, exc, mode):
                continue
            raise
        except json.JSONDecodeError as exc:
            raise malformed(backend, f"a body that is not JSON ({exc})") from None
        except RecursionError:
            raise malformed(backend, "a JSON body nested too deeply to read") from None
        except APIConnectionError as exc:
            if isinstance(exc.__cause__, httpx2.DecodingError):
                raise malformed(
                    backend,
                    "a body that could not be decoded (its Content-Encoding, e.g. gzip, "
                    f"does not match its bytes: {exc.__cause__})",
                ) from None
            raise
        if isinstance(completion, ChatCompletion) and learn_from_first_reply(
            backend.capabilities,
            params["messages"],
            usage_of(completion.usage).input_tokens,
            public_url(backend.base_url) or "the server",
        ):
            # Whatever it says, cut off or not, was written without the instructions.
            discarded += usage_of(completion.usage)
            continue
        reply = read_reply(backend, completion, params, mode)
        if reply is not None:
            reply = dataclasses.replace(reply, usage=reply.usage + discarded)
            if backend.service_tier is not None:
                tier = "standard" if standard else backend.service_tier
                return dataclasses.replace(reply, tier=tier, fell_back=standard)
            return reply
        larger_limit = True


def request_params(
    backend: OpenAIBackend, request: ModelRequest, mode: StructuredMode, larger_limit: bool
) -> dict[str, Any]:
    """The body of one Chat Completions request for `request` in structured-output `mode`."""
    limit = output_limit(request, backend.model, backend.max_completion_tokens)
    if larger_limit and backend.truncation_retry_tokens:
        limit = backend.truncation_retry_tokens
    params: dict[str, Any] = {
        "model": backend.model,
        **phrased(request, backend.capabilities, mode, limit),
    }
    if backend.temperature is not None:
        params["temperature"] = backend.temperature
    if backend.send_prompt_cache_key and request.prompt_cache_key:
        params["prompt_cache_key"] = request.prompt_cache_key
    return params


def _adapt_to(backend: OpenAIBackend, exc: APIStatusError, mode: StructuredMode) -> bool:
    """Adjust to what a compatible server rejected (once each); True to send again at
    once, outside the retry policy: a capability answer is not a transient failure."""
    status, message = exc.status_code, error_message(exc)
    lowered = message.lower()
    if status not in (400, 422, 500):
        return False
    if backend.send_prompt_cache_key and any(h in lowered for h in _NO_CACHE_KEY_HINTS):
        logger.info(
            "seedsum: %s rejects prompt_cache_key; not sending it", public_url(backend.base_url)
        )
        backend.send_prompt_cache_key = False
        return True
    if is_capability_answer(status, message):
        following = backend.capabilities.fall_back(mode)
        if following is not None:
            logger.info(
                "seedsum: %s rejected %s output (%s: %s); trying %s",
                public_url(backend.base_url) or "the server",
                mode,
                status,
                redact(message, backend._secrets())[:200],
                following,
            )
            return True
    if status != 500 and backend.capabilities.swap_token_limit(message):
        logger.info(
            "seedsum: %s wants %s for the output limit; sending that",
            public_url(backend.base_url) or "the server",
            backend.capabilities.token_limit,
        )
        return True
    return False
