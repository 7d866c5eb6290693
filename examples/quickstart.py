"""Summarize one article and print who predicts what, with the quote behind each claim.

Run from the repository root:  python examples/quickstart.py

With OPENAI_API_KEY set it calls the model (SEEDSUM_MODEL, default gpt-4.1-mini; set
OPENAI_BASE_URL for an OpenAI-compatible server). With no API key it runs offline with
seedsum.RulesBackend, the built-in rule-based extractor: a simpler analysis than a model's,
but a real one, of whatever article you give it:

    python examples/quickstart.py path/to/your_article.txt
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import seedsum

ARTICLE = Path(__file__).parent / "articles" / "grain_corridor.txt"


def main(article: Path = ARTICLE) -> seedsum.ArticleSummary:
    text = article.read_text(encoding="utf-8")
    backend: seedsum.Backend
    if os.environ.get("OPENAI_API_KEY"):
        backend = seedsum.OpenAIBackend()
        print(f"Calling {backend.model} through the OpenAI API.\n")
    else:
        print(
            "Offline run (no OPENAI_API_KEY): the built-in rules extractor "
            "(seedsum.RulesBackend), not a model.\n"
        )
        backend = seedsum.RulesBackend()
    result = seedsum.summarize(text, backend=backend)

    print(f"{article.name}: {result.summary}\n")
    print(
        f"{len(result.actors)} actors, {len(result.positions)} positions, "
        f"{len(result.predictions)} predictions\n"
    )
    for actor in result.actors:
        role = f", {actor.role}" if actor.role else ""
        print(f"- {actor.name} ({actor.kind}{role})")
    print()
    for p in result.positions:
        where = f"chars {p.span.start}-{p.span.end}" if p.span else "quote not located"
        print(f"- {p.actor} on {p.topic}: “{p.quote}” [{where}]")
    print()
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
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ARTICLE)
