"""A long article, split into chunks, summarized chunk by chunk and merged into one account.

Run from the repository root:  python examples/long_document.py

Offline, MockBackend replays a hand-written annotation of the whole article: each chunk gets
the items whose quotes fall inside it and the actors it names, in the form that chunk uses
("Varga" where only the surname appears), as a model reading that chunk alone would. The
merge then folds the chunk-level actors into one per entity and drops the items that two
overlapping chunks both reported.
"""

from __future__ import annotations

from pathlib import Path

import seedsum
from seedsum.backends.mock import replay

HERE = Path(__file__).parent
ARTICLE = HERE / "articles" / "energy_summit.txt"
ANNOTATION = HERE / "replies" / "energy_summit.json"


def main() -> seedsum.ArticleSummary:
    text = ARTICLE.read_text(encoding="utf-8")
    backend = seedsum.MockBackend(responder=replay(ANNOTATION.read_text(encoding="utf-8")))
    summarizer = seedsum.Summarizer(backend, max_chunk_tokens=1000, chunk_overlap_tokens=100)

    chunks = summarizer.chunk(text)
    print(f"{ARTICLE.name}: {len(text)} characters in {len(chunks)} chunks")
    for c in chunks:
        print(f"  chunk {c.index}: chars {c.start}-{c.end}, {c.tokens} tokens")

    result = summarizer.summarize(text)
    print(f"\n{result.meta.calls} model calls ({len(chunks)} chunks + 1 condense call)\n")
    print(result.summary, "\n")
    for actor in result.actors:
        also = f" (also {', '.join(actor.aliases)})" if actor.aliases else ""
        print(f"- {actor.name}, {actor.kind}{also}")
    print(
        f"\n{len(result.positions)} positions and {len(result.predictions)} predictions, "
        "each quote located in the original text:"
    )
    for p in result.positions[:5]:
        assert p.span is not None
        print(
            f"  [{p.span.start:>5}-{p.span.end:<5}] {p.actor}: “{text[p.span.start : p.span.end]}”"
        )
    return result


if __name__ == "__main__":
    main()
