"""Backends: the interface, the mock that ships for tests, and the factory for the default one."""

from __future__ import annotations

import os

from ..errors import ConfigurationError
from .base import Backend, Message, ModelReply, ModelRequest, Usage
from .mock import MockBackend

__all__ = [
    "Backend",
    "Message",
    "MockBackend",
    "ModelReply",
    "ModelRequest",
    "Usage",
    "default_backend",
]


def default_backend() -> Backend:
    """The backend used when none is given: OpenAI when an API key is configured."""
    if os.environ.get("OPENAI_API_KEY"):
        from .openai import OpenAIBackend  # imports the SDK only when it is used

        return OpenAIBackend()
    raise ConfigurationError(
        "no backend given and no model configured: pass backend=seedsum.MockBackend(...) "
        "or set OPENAI_API_KEY"
    )
