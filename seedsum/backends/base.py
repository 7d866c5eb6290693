"""The backend interface: one required method, `complete`, and the request and reply types.

A backend turns a `ModelRequest` (messages plus the Pydantic type the reply must validate
against) into a `ModelReply` (the raw text and token usage). Validation, re-asks, caching and
merging happen above it, so a backend stays small. `acomplete` defaults to running `complete`
in a worker thread; backends with a native async client override it.
"""

from __future__ import annotations

import asyncio
import functools
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from pydantic import BaseModel

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True, slots=True)
class Message:
    """One chat message; `tokens`, when the sender already knows how many tokens `content`
    holds, spares budgets and rate limits from encoding it again."""

    role: Role
    content: str
    tokens: int | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, str]:
        return {"role": self.role, "content": self.content}


@dataclass(frozen=True)
class ModelRequest:
    """What a backend is asked: `messages`, answered with JSON that validates as `output_type`."""

    messages: tuple[Message, ...]
    output_type: type[BaseModel]
    purpose: str = "extract"
    max_output_tokens: int | None = None
    prompt_cache_key: str | None = None

    @property
    def json_schema(self) -> dict[str, Any]:
        return schema_of(self.output_type)

    @property
    def schema_name(self) -> str:
        return self.output_type.__name__


@functools.cache
def schema_of(model: type[BaseModel]) -> dict[str, Any]:
    """`model`'s JSON schema; generating it takes a millisecond, so once per model."""
    return model.model_json_schema()


@dataclass(frozen=True, slots=True)
class Usage:
    """Tokens one or more calls consumed, as reported by the server."""

    input_tokens: int = 0
    output_tokens: int = 0
    cached_input_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.input_tokens + other.input_tokens,
            self.output_tokens + other.output_tokens,
            self.cached_input_tokens + other.cached_input_tokens,
        )


@dataclass(frozen=True)
class ModelReply:
    """A backend's answer: the raw text (expected to be JSON) and the usage of the call."""

    text: str
    usage: Usage = field(default_factory=Usage)
    model: str | None = None
    #: How the reply was constrained (`seedsum.backends.capabilities` modes), if the backend
    #: negotiates one; None for backends that do not.
    structured_output: str | None = None
    #: How the call was served and billed: "standard", "batch" (the Batch API) or "flex".
    tier: str = "standard"
    #: True when a flex request was refused for capacity and sent again on the standard tier.
    fell_back: bool = False
    #: The reply already built as the request's `output_type`, by a backend that makes it in
    #: this process (the rules): it is taken as it is, not validated again from `text`.
    value: BaseModel | None = field(default=None, compare=False, repr=False)


class Backend(ABC):
    """A language model seedsum can call. Implement `complete`; override `acomplete` if the
    backend has a native async client."""

    #: Short name used in `RunMeta.backend` and in cache keys.
    name: ClassVar[str] = "backend"
    #: The model the backend calls.
    model: str = "unknown"
    #: Whether replies are cached by default (worth it for paid, slow models; not for mocks,
    #: whose scripted replies a cache would hide).
    cacheable: ClassVar[bool] = False
    #: The tiktoken encoding to count this backend's tokens with; None: the model's own.
    #: Backends without a real model name one that needs no download.
    token_encoding: ClassVar[str | None] = None
    #: Whether requests' instructions reach a model (and cost tokens); False for backends,
    #: like the rules, that read only the document.
    sends_instructions: ClassVar[bool] = True
    #: Whether answering is CPU work in this process (the rules): a long document's chunks
    #: are then extracted one after another, as threads would only contend for the GIL.
    cpu_bound: ClassVar[bool] = False

    @abstractmethod
    def complete(self, request: ModelRequest) -> ModelReply:
        """Answer `request`, or raise a `seedsum.BackendError`."""

    async def acomplete(self, request: ModelRequest) -> ModelReply:
        """Async `complete`; by default runs `complete` in a worker thread."""
        return await asyncio.to_thread(self.complete, request)

    def text_warnings(self, text: str) -> list[str]:
        """Warnings about a whole document this backend cannot read well (for
        `meta.warnings`); none by default."""
        return []

    def identity(self) -> dict[str, str | None]:
        """What identifies this backend's answers (for cache keys): never a secret."""
        return {"backend": self.name, "model": self.model}
