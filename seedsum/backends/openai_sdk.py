"""The one module of seedsum that imports the `openai` SDK (tests/test_public_api.py checks
it): the SDK's clients, exceptions and reply types that the rest of the backend uses, how its
clients are built, and what makes a chat completion it built usable.

Keeping the SDK behind one module keeps its version differences in one place, and keeps it
out of `import seedsum` (it is imported when an OpenAIBackend is first used).
"""

from __future__ import annotations

from typing import Any

import openai
from openai import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncOpenAI,
    OpenAI,
    OpenAIError,
    RateLimitError,
)
from openai.types.chat import ChatCompletion, ChatCompletionMessage
from openai.types.chat.chat_completion import Choice

from .deadline import DeadlineClient


def sync_client(options: dict[str, Any]) -> OpenAI:
    """An SDK client with the SDK's own connection limits, on an HTTP client that enforces
    `deadline()` (seedsum.backends.deadline) around each request."""
    http_client = DeadlineClient(
        timeout=options["timeout"],
        limits=openai.DEFAULT_CONNECTION_LIMITS,
        follow_redirects=True,
    )
    return OpenAI(**options, http_client=http_client)


def async_client(options: dict[str, Any]) -> AsyncOpenAI:
    """An async SDK client (its whole requests are bounded by `within` instead)."""
    return AsyncOpenAI(**options)


def validated_completion(body: dict[str, Any]) -> ChatCompletion | None:
    """A chat completion from a batch output line, or None if the line is not one."""
    try:
        return ChatCompletion.model_validate(body)
    except ValueError:
        return None


def checked_completion(completion: object) -> ChatCompletion | str:
    """`completion` if it is a usable chat completion, else what makes it unusable. The SDK
    builds one without validation, so any field may hold any JSON value."""
    if not isinstance(completion, ChatCompletion):
        return f"a {type(completion).__name__} instead of a chat completion"
    choices: object = completion.choices
    if not isinstance(choices, list):
        return f"a chat completion whose choices is a {type(choices).__name__}, not a list"
    if not choices:
        return "a chat completion whose choices list is empty"
    choice = choices[0]
    if not isinstance(choice, Choice) or not isinstance(choice.message, ChatCompletionMessage):
        return "a chat completion whose first choice is not a choice with a message"
    message = choice.message
    for field in ("content", "refusal"):
        value = getattr(message, field)
        if value is not None and not isinstance(value, str):
            return (
                f"a chat completion whose message {field} is a {type(value).__name__}, not a string"
            )
    return completion


__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncOpenAI",
    "ChatCompletion",
    "OpenAI",
    "OpenAIError",
    "RateLimitError",
    "async_client",
    "checked_completion",
    "sync_client",
    "validated_completion",
]
