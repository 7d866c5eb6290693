"""Summarize a folder of articles concurrently, writing one JSON line per article as each
finishes; a bad input becomes an error line and the others go on.

Run from the repository root:  python examples/corpus.py [FOLDER] [OUT.jsonl]

By default it reads examples/articles and writes results.jsonl in the current folder. With
OPENAI_API_KEY set it calls the model (replies are cached, so a second run costs nothing);
without one it uses the offline rules extractor.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import seedsum

FOLDER = Path(__file__).parent / "articles"


def documents(folder: Path) -> Iterator[seedsum.Document]:
    """The folder's articles, read lazily (a folder of any size is never held in memory) and
    as stored, so that offsets index the files; named by file name."""
    for document in seedsum.read_documents([folder]):
        yield seedsum.Document(Path(document.id).name, document.text, document.metadata)
    yield seedsum.Document("empty.txt", "   ")  # a bad input, to show that it fails alone


def main(folder: Path = FOLDER, out: Path = Path("results.jsonl")) -> tuple[int, int]:
    backend = seedsum.OpenAIBackend() if os.environ.get("OPENAI_API_KEY") else None
    summarizer = seedsum.Summarizer(backend or seedsum.RulesBackend(), max_concurrency=8)
    done = failed = 0
    with out.open("w", encoding="utf-8") as sink:
        for result in summarizer.summarize_many(documents(folder), progress=False):
            if result.output is not None:
                done += 1
                record = {"id": result.id, **result.output.model_dump(mode="json")}
                print(
                    f"ok     {result.id}: {len(result.output.actors)} actors, "
                    f"{len(result.output.positions)} positions, "
                    f"{len(result.output.predictions)} predictions"
                )
            else:
                failed += 1
                record = {
                    "id": result.id,
                    "error": f"{type(result.error).__name__}: {result.error}",
                }
                print(f"failed {result.id}: {record['error']}")
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"\n{done} summarized, {failed} failed; results in {out}")
    return done, failed


if __name__ == "__main__":
    arguments = sys.argv[1:]
    main(
        Path(arguments[0]) if arguments else FOLDER,
        Path(arguments[1]) if len(arguments) > 1 else Path("results.jsonl"),
    )
