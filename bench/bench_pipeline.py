"""Pipeline overhead: a single-chunk news article through `Summarizer.summarize` (and a
corpus of them through `Summarizer.summarize_many`) with a
zero-latency `MockBackend` and no cache, against the floor any such pipeline pays: one
`encode_ordinary` of the article (to know it fits in one call) and one
`ChunkExtraction.model_validate_json` of the model's reply.

The articles are the example article under distinct datelines; the reply is the hand-written
one for it (`examples/replies/grain_corridor.json`: 9 actors, 5 positions, 6 predictions),
so every quote is located in the article, as with a real model.
"""

from __future__ import annotations

import statistics

from _harness import (
    cli,
    encoding,
    grain_documents,
    grain_reply,
    interleaved,
    paired,
    result,
    setup,
    table,
)

TARGET = 2.0
TARGET_MANY = 2.2
# summarize_many against summarize() in a loop, document for document: the event loop and
# the hand-off of each batch of results should cost little.
TARGET_MANY_LOOP = 1.2


def main(quick: bool = False) -> list[str]:
    setup(quick)
    import seedsum
    from seedsum.schema import ChunkExtraction

    enc = encoding()
    reply = grain_reply()
    documents = grain_documents(10 if quick else 100)
    repeats = 2 if quick else 9
    backend = seedsum.MockBackend(responder=lambda request: reply, keep_requests=False)
    summarizer = seedsum.Summarizer(backend, cache=False)
    assert summarizer.chunk(documents[0])[0].end == len(documents[0]), "not a single chunk"
    check = summarizer.summarize(documents[0])
    grounded = sum(p.span is not None for p in check.positions)
    grounded += sum(p.span is not None for p in check.predictions)

    def floor() -> None:
        for text in documents:
            enc.encode_ordinary(text)
            ChunkExtraction.model_validate_json(reply)

    def pipeline() -> None:
        for text in documents:
            summarizer.summarize(text)

    def many() -> None:
        for r in summarizer.summarize_many(documents, progress=False):
            assert r.ok

    times = interleaved({"floor": floor, "summarize": pipeline, "many": many}, repeats)
    n = len(documents)
    rows = [
        [name, f"{1e3 * min(t) / n:.3f}", f"{1e3 * statistics.median(t) / n:.3f}"]
        for name, t in [
            ("floor: encode_ordinary + model_validate_json", times["floor"]),
            ("Summarizer.summarize (mock, no cache)", times["summarize"]),
            ("Summarizer.summarize_many (mock, no cache)", times["many"]),
        ]
    ]
    print(
        f"pipeline: {n} single-chunk articles of {len(documents[0])} characters, "
        f"{len(enc.encode_ordinary(documents[0]))} tokens; {grounded} quotes located per "
        f"article; best and median of {repeats} interleaved runs"
    )
    table(["per document", "ms best", "ms median"], rows)
    best_ratio = min(times["summarize"]) / min(times["floor"])
    ratio = paired(times, "summarize", "floor")
    many_ratio = paired(times, "many", "floor")
    many_loop = paired(times, "many", "summarize")
    print(f"median of per-round ratios {ratio:.2f} (ratio of bests {best_ratio:.2f})")
    return [
        result("pipeline", ratio, f"<={TARGET:g}", ratio <= TARGET),
        result("pipeline_many", many_ratio, f"<={TARGET_MANY:g}", many_ratio <= TARGET_MANY),
        result(
            "pipeline_many_loop",
            many_loop,
            f"<={TARGET_MANY_LOOP:g}",
            many_loop <= TARGET_MANY_LOOP,
        ),
    ]


if __name__ == "__main__":
    cli(main)
