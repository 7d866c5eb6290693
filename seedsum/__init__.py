"""seedsum: structured, quote-grounded summaries of news and policy analysis.

import seedsum
result = seedsum.summarize(text)          # -> seedsum.ArticleSummary
for p in result.predictions:
    print(p.source, p.likelihood, text[p.span.start:p.span.end])
"""

from __future__ import annotations

from .backends import Backend, Message, MockBackend, ModelReply, ModelRequest, Usage
from .chunking import Chunk
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
from .pipeline import Summarizer, asummarize, summarize
from .schema import (
    Actor,
    ArticleSummary,
    ChunkExtraction,
    CondensedSummary,
    Position,
    Prediction,
    RunMeta,
    Span,
)

__version__ = "0.1.0"

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
    "InvalidInputError",
    "InvalidInputTypeError",
    "MalformedReplyError",
    "Message",
    "MockBackend",
    "MockExhaustedError",
    "ModelReply",
    "ModelRequest",
    "Position",
    "Prediction",
    "RefusalError",
    "RequestRejectedError",
    "RetriesExhaustedError",
    "RetryAfterTooLongError",
    "RunMeta",
    "SeedsumError",
    "Span",
    "Summarizer",
    "TruncatedReplyError",
    "Usage",
    "ValidationFailedError",
    "__version__",
    "asummarize",
    "summarize",
]
