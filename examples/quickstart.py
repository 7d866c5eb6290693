"""Summarize one article and print who predicts what, with the quote behind each claim.

Run from the repository root:  python examples/quickstart.py

With OPENAI_API_KEY set it calls the model (SEEDSUM_MODEL, default gpt-4.1-mini; set
OPENAI_BASE_URL for an OpenAI-compatible server). With no API key it replays, through
seedsum.MockBackend, a reply written by hand for the bundled article, so it runs offline and
prints what the pipeline does with a model's answer.
"""

from __future__ import annotations

import os
from pathlib import Path

import seedsum
from seedsum.backends.mock import replay

HERE = Path(__file__).parent
ARTICLE = HERE / "articles" / "grain_corridor.txt"
REPLY = HERE / "replies" / "grain_corridor.json"


def main() -> seedsum.ArticleSummary:
    text = ARTICLE.read_text(encoding="utf-8")
    backend: seedsum.Backend
    if os.environ.get("OPENAI_API_KEY"):
        backend = seedsum.OpenAIBackend()
        print(f"Calling {backend.model} through the OpenAI API.\n")
    else:
        print("Offline run: replaying a hand-written model reply through seedsum.MockBackend.\n")
        backend = seedsum.MockBackend(responder=replay(REPLY.read_text(encoding="utf-8")))
    result = seedsum.summarize(text, backend=backend)

    print(f"{ARTICLE.name}: {result.summary}\n")
    print(
        f"{len(result.actors)} actors, {len(result.positions)} positions, "
        f"{len(result.predictions)} predictions\n"
    )
    for p in result.predictions:
        where = f"chars {p.span.start}-{p.span.end}" if p.span else "quote not located"
        print(f"- {p.source} ({p.likelihood}, {p.timeframe or 'no timeframe'}): {p.claim}")
        print(f"    “{text[p.span.start : p.span.end] if p.span else p.quote}” [{where}]")
    if result.meta.cost_usd is not None:
        print(
            f"\n{result.meta.input_tokens} input tokens ({result.meta.cached_input_tokens} "
            f"cached), {result.meta.output_tokens} output, ${result.meta.cost_usd:.5f}"
        )
    for warning in result.meta.warnings:
        print(f"warning: {warning}")
    return result


if __name__ == "__main__":
    main()
