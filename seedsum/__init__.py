"""seedsum: structured, quote-grounded summaries of news and policy analysis.

import seedsum
result = seedsum.summarize(text)          # -> seedsum.ArticleSummary
for p in result.predictions:
    print(p.source, p.likelihood, text[p.span.start:p.span.end])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .backends import Backend, Message, MockBackend, ModelReply, ModelRequest, RulesBackend, Usage
from .chunking import Chunk
from .corpus import DocumentResult
from .errors import (
    BackendError,
    BudgetExceededError,
    ConfigurationError,
    InvalidInputError,
    InvalidInputTypeError,
    MalformedReplyError,
    MockExhaustedError,
    RefusalError,
    RequestRejectedError,
    RetriesExhaustedError,
    RetryAfterTooLongError,
    SeedsumError,
    TruncatedReplyError,
    ValidationFailedError,
)
from .estimate import Estimate
from .hedges import find_hedge
from .ledger import Ledger, LedgerRow, ledger
from .pipeline import Summarizer, asummarize, summarize
from .pricing import Price
from .ratelimit import RateLimit
from .schema import (
    Actor,
    ArticleSummary,
    ChunkExtraction,
    CondensedSummary,
    Cue,
    Deadline,
    DocumentInfo,
    Hedge,
    Position,
    Prediction,
    Probability,
    RunMeta,
    Span,
)
from .timeframes import parse_timeframe

if TYPE_CHECKING:
    from .backends.openai import OpenAIBackend


def __getattr__(name: str) -> Any:
    # The OpenAI SDK takes a while to import; load it only for those who use it.
    if name == "OpenAIBackend":
        from .backends.openai import OpenAIBackend

        return OpenAIBackend
    raise AttributeError(f"module 'seedsum' has no attribute {name!r}")


__all__ = [
    "Actor",
    "ArticleSummary",
    "Backend",
    "BackendError",
    "BudgetExceededError",
    "Chunk",
    "ChunkExtraction",
    "CondensedSummary",
    "ConfigurationError",
    "Cue",
    "Deadline",
    "DocumentInfo",
    "DocumentResult",
    "Estimate",
    "Hedge",
    "InvalidInputError",
    "InvalidInputTypeError",
    "Ledger",
    "LedgerRow",
    "MalformedReplyError",
    "Message",
    "MockBackend",
    "MockExhaustedError",
    "ModelReply",
    "ModelRequest",
    "OpenAIBackend",
    "Position",
    "Prediction",
    "Price",
    "Probability",
    "RateLimit",
    "RefusalError",
    "RequestRejectedError",
    "RetriesExhaustedError",
    "RetryAfterTooLongError",
    "RulesBackend",
    "RunMeta",
    "SeedsumError",
    "Span",
    "Summarizer",
    "TruncatedReplyError",
    "Usage",
    "ValidationFailedError",
    "__version__",
    "asummarize",
    "find_hedge",
    "ledger",
    "parse_timeframe",
    "summarize",
]
