"""Backends: the interface, the mock that ships for tests, and the factory for the default one."""

from __future__ import annotations

import importlib
import logging
import os
from typing import TYPE_CHECKING, Any

from .base import Backend, Message, ModelReply, ModelRequest, Usage

if TYPE_CHECKING:
    from .mock import MockBackend
    from .rules import RulesBackend

logger = logging.getLogger("seedsum")
_noticed = False

# Loaded when first used, as in seedsum/__init__.py: the rules compile many regular
# expressions, and both build on modules (prompts, schema) that themselves import `.base`.
_LAZY: dict[str, str] = {"MockBackend": "mock", "RulesBackend": "rules"}

__all__ = [
    "Backend",
    "Message",
    "MockBackend",
    "ModelReply",
    "ModelRequest",
    "RulesBackend",
    "Usage",
    "default_backend",
]


def default_backend() -> Backend:
    """The backend used when none is given: OpenAI when an API key is configured, else the
    offline rules extractor (with a one-line notice, once per process)."""
    global _noticed
    if os.environ.get("OPENAI_API_KEY"):
        from .openai import OpenAIBackend  # imports the SDK only when it is used

        return OpenAIBackend()
    if not _noticed:
        _noticed = True
        logger.warning(
            "seedsum: no model configured, so using the offline rules extractor; set "
            "OPENAI_API_KEY (and optionally SEEDSUM_MODEL, OPENAI_BASE_URL) to use a model."
        )
    from .rules import RulesBackend

    return RulesBackend()


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'seedsum.backends' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later lookups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
