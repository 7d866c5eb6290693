"""What an OpenAI-compatible server accepts, learnt once per backend and remembered.

Pure: no SDK import and no I/O. `OpenAIBackend` asks this module how to phrase a request
(`response_format`, the name of the output-limit parameter) and tells it when the server
rejected a structured-output mode; `ServerCapabilities` is the fact it keeps.

Structured-output modes, strongest first (auto negotiation walks down this ladder):

    json_schema          {"type": "json_schema", "json_schema": {..., "strict": true}}
    json_object_schema   {"type": "json_object", "schema": {...}} (llama-cpp-python and others
                         constrain the reply by the schema with a grammar)
    json_object          {"type": "json_object"}, the schema in the instructions
    none                 no response_format at all, the schema in the instructions

Every reply is validated locally whichever mode a server accepts.

Some chat templates drop the system message without a word (llama-cpp-python's `gemma`
format does): a prompt that comes back far shorter than the instructions alone shows it, and
from then on the instructions go at the head of the first user message instead.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

StructuredMode = Literal["json_schema", "json_object_schema", "json_object", "none"]
TokenLimitParam = Literal["max_completion_tokens", "max_tokens", "both"]
Provider = Literal[
    "openai",
    "azure",
    "anthropic",
    "gemini",
    "openrouter",
    "ollama",
    "lmstudio",
    "local",
    "other",
]

MODES: tuple[StructuredMode, ...] = ("json_schema", "json_object_schema", "json_object", "none")

# Statuses a server uses to say "I do not take this parameter": 400 and 422 from most, and
# 500 from llama-cpp-python, whose request model fails before its error handling.
_CAPABILITY_STATUS = frozenset({400, 422, 500})
_RESPONSE_FORMAT_HINTS = ("response_format", "json_schema", "json_object")
_MIN_SYSTEM_TOKENS = 300  # below this, a prompt count says too little to judge by
_REJECTION_WORDS = ("unsupported", "unrecognized", "unknown", "not supported", "not permitted")

# The longest reply a model may produce, by name prefix (longest prefix wins); requests never
# ask for more. Unknown models get no cap beyond the derived limit.
_MAX_OUTPUT_TOKENS = {
    "gpt-4.1": 32_768,
    "gpt-4o": 16_384,
    "gpt-4-turbo": 4_096,
    "gpt-3.5-turbo": 4_096,
    "gpt-5": 128_000,
    "o1": 100_000,
    "o3": 100_000,
    "o4": 100_000,
}

# Ports local servers listen on by default, to name them in messages.
_LOCAL_PORTS = {11434: "ollama", 1234: "lmstudio"}


def provider_for(base_url: str | None) -> Provider:
    """Which provider a base URL points to (None: OpenAI's own API)."""
    if not base_url:
        return "openai"
    parts = urlsplit(base_url if "//" in base_url else f"//{base_url}")
    host = (parts.hostname or "").lower()
    if host == "api.openai.com":
        return "openai"
    if host.endswith((".openai.azure.com", ".cognitiveservices.azure.com", ".azure.com")):
        return "azure"
    if host.endswith("anthropic.com"):
        return "anthropic"
    if host == "generativelanguage.googleapis.com":
        return "gemini"
    if host.endswith("openrouter.ai"):
        return "openrouter"
    port = parts.port
    if port in _LOCAL_PORTS:
        return "ollama" if _LOCAL_PORTS[port] == "ollama" else "lmstudio"
    if host in ("localhost", "127.0.0.1", "::1", "0.0.0.0") or host.endswith(".local"):
        return "local"
    return "other"


def token_limit_param(base_url: str | None) -> TokenLimitParam:
    """OpenAI and Azure read `max_completion_tokens` (and reject `max_tokens` for reasoning
    models); every other compatible server we know reads `max_tokens`."""
    return (
        "max_completion_tokens" if provider_for(base_url) in ("openai", "azure") else "max_tokens"
    )


def ignores_response_format(base_url: str | None) -> bool:
    """Anthropic's OpenAI-compatibility layer accepts `response_format` and ignores it."""
    return provider_for(base_url) == "anthropic"


def model_output_cap(model: str) -> int | None:
    """The most output tokens `model` can produce, if we know it."""
    name = model.lower().rsplit("/", 1)[-1]
    matches = [prefix for prefix in _MAX_OUTPUT_TOKENS if name.startswith(prefix)]
    return _MAX_OUTPUT_TOKENS[max(matches, key=len)] if matches else None


def system_message_dropped(system_tokens: int, user_tokens: int, prompt_tokens: int) -> bool:
    """Whether a server that counted `prompt_tokens` for a system message of `system_tokens`
    and a user message of `user_tokens` (both as cl100k counts them) read only the user
    message. Tokenizers of other models count English prose within a few tens of percent of
    cl100k, so a count below the user message plus half the system message means the system
    message never reached the model."""
    if system_tokens < _MIN_SYSTEM_TOKENS:
        return False
    return user_tokens // 2 <= prompt_tokens < user_tokens + system_tokens // 2


def is_capability_answer(status: int, message: str) -> bool:
    """Whether an error says the server does not take our structured-output request (and so
    asks for the next mode, not for a retry)."""
    lowered = message.lower()
    return status in _CAPABILITY_STATUS and any(h in lowered for h in _RESPONSE_FORMAT_HINTS)


def response_format(
    mode: StructuredMode, name: str, schema: dict[str, Any]
) -> dict[str, Any] | None:
    """The `response_format` parameter for `mode` (None: send none)."""
    if mode == "json_schema":
        return {
            "type": "json_schema",
            "json_schema": {"name": name, "schema": schema, "strict": True},
        }
    if mode == "json_object_schema":
        return {"type": "json_object", "schema": schema}
    if mode == "json_object":
        return {"type": "json_object"}
    return None


def schema_in_instructions(mode: StructuredMode) -> bool:
    """Whether the model only learns the schema from the instructions in this mode."""
    return mode in ("json_object", "none")


def weakest(modes: list[str]) -> str | None:
    """The mode furthest down the ladder among `modes` (what negotiation ended at)."""
    known = [m for m in modes if m in MODES]
    return max(known, key=MODES.index) if known else None


@dataclass
class ServerCapabilities:
    """What one backend has learnt about its server. `structured_output` starts at the mode
    chosen (json_schema for auto negotiation) and only moves down the ladder; `negotiable` is
    False when the user fixed the mode."""

    structured_output: StructuredMode = "json_schema"
    negotiable: bool = True
    token_limit: TokenLimitParam = "max_tokens"
    token_limit_swapped: bool = False
    system_messages: bool = True
    system_checked: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def fall_back(self, rejected: StructuredMode) -> StructuredMode | None:
        """The mode to try after the server rejected `rejected`, or None if there is none (or
        the mode is fixed). Concurrent calls that saw the same rejection move down once."""
        if not self.negotiable:
            return None
        with self._lock:
            if self.structured_output == rejected:
                position = MODES.index(rejected)
                if position + 1 >= len(MODES):
                    return None
                self.structured_output = MODES[position + 1]
            return self.structured_output

    def swap_token_limit(self, message: str) -> bool:
        """Switch the output-limit parameter once, when the server's error rejects the one
        sent or names the other ("use 'max_completion_tokens' instead"); True if it did."""
        sent = self.token_limit
        if sent == "both" or self.token_limit_swapped:
            return False
        other: TokenLimitParam = (
            "max_tokens" if sent == "max_completion_tokens" else ("max_completion_tokens")
        )
        lowered = message.lower()
        rejects_sent = sent in lowered and any(w in lowered for w in _REJECTION_WORDS)
        if rejects_sent or f"use '{other}'" in lowered or f"use {other}" in lowered:
            with self._lock:
                self.token_limit, self.token_limit_swapped = other, True
            return True
        return False

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_lock", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()


__all__ = [
    "MODES",
    "Provider",
    "ServerCapabilities",
    "StructuredMode",
    "TokenLimitParam",
    "ignores_response_format",
    "is_capability_answer",
    "model_output_cap",
    "provider_for",
    "response_format",
    "schema_in_instructions",
    "system_message_dropped",
    "token_limit_param",
    "weakest",
]
