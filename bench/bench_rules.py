"""The offline rules backend: `extract` throughput, the pipeline's cost on top of it, and the
speed-up of `summarize_many` on several processes.

Texts are news articles in the style the rules read: the development articles of
`bench/eval/` and the example articles (never the held-out or blind splits), joined under
distinct datelines into one document of about 2 MB, and cut into 2,000 small documents of
three paragraphs each.

- `rules_extract_mb_per_s`: megabytes (10**6 bytes of UTF-8) per second of `extract()` on
  the 2 MB document, one core, on CPU time (a shared machine's load inflates wall time; both
  are printed); an absolute rate (the target is 2 MB/s), the median of the rounds.
- `rules_pipeline_big` / `rules_pipeline_small`: `extract` time over `Summarizer.summarize`
  time (rules backend, no cache) in the same round, on the 2 MB document and on the 2,000
  small ones: the pipeline's throughput as a fraction of the extractor's (target >= 0.8).
  On the big document the baseline is `extract` on each of the chunks the pipeline sends:
  the document repeats each article about 18 times, and `extract` on the whole of it lists
  a repeated quote once, so it does about a thirtieth of the pipeline's per-item work and the
  ratio would measure the repetition rather than the pipeline (that ratio is printed too).
- `rules_processes`: `summarize_many(processes=1)` time over `summarize_many(processes=N)`
  with N the cores available, on the 2,000 small documents: the speed-up (no target: it
  depends on how busy the machine's cores are).
"""

from __future__ import annotations

import os
import statistics
import time

from _harness import ROOT, cli, interleaved, machine, paired, result, setup, table


def _articles() -> list[str]:
    paths = sorted((ROOT / "bench" / "eval").glob("*.txt"))
    paths += sorted((ROOT / "examples" / "articles").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def big_document(size: int) -> str:
    articles = _articles()
    parts: list[str] = []
    total = i = 0
    while total < size:
        text = f"Dispatch {i} from our correspondent.\n\n{articles[i % len(articles)]}"
        parts.append(text)
        total += len(text.encode("utf-8")) + 2
        i += 1
    return "\n\n".join(parts)


def small_documents(count: int) -> list[str]:
    paragraphs = [p for a in _articles() for p in a.split("\n\n") if len(p) > 200]
    return [
        f"Dispatch {i}.\n\n"
        + "\n\n".join(paragraphs[(3 * i + k) % len(paragraphs)] for k in range(3))
        for i in range(count)
    ]


def main(quick: bool = False) -> list[str]:
    setup(quick)
    import seedsum
    from seedsum.processes import cores
    from seedsum.rules import extract

    big = big_document(60_000 if quick else 2_000_000)
    small = small_documents(40 if quick else 2000)
    repeats = 1 if quick else 3
    megabytes = len(big.encode("utf-8")) / 1e6
    small_mb = sum(len(d.encode("utf-8")) for d in small) / 1e6
    summarizer = seedsum.Summarizer(seedsum.RulesBackend(), cache=False)
    workers = max(2, cores())

    chunks = [c.text for c in summarizer.chunk(big)]
    big_times = interleaved(
        {
            "extract": lambda: extract(big),
            "extract_chunks": lambda: [extract(c) for c in chunks],
            "pipeline": lambda: summarizer.summarize(big),
        },
        repeats,
    )
    small_times = interleaved(
        {
            "extract": lambda: [extract(d) for d in small],
            "pipeline": lambda: [summarizer.summarize(d) for d in small],
            "many_1": lambda: list(summarizer.summarize_many(small, processes=1)),
            f"many_{workers}": lambda: list(summarizer.summarize_many(small, processes=workers)),
        },
        repeats,
    )
    print(
        f"rules: one document of {megabytes:.2f} MB; {len(small)} documents of "
        f"{small_mb / len(small) * 1e3:.1f} kB on average; median of {repeats} interleaved "
        f"rounds; {machine()}"
    )
    rows = []
    for label, times, size in [
        ("extract, big document", big_times["extract"], megabytes),
        (f"extract, its {len(chunks)} chunks", big_times["extract_chunks"], megabytes),
        ("summarize, big document", big_times["pipeline"], megabytes),
        ("extract, small documents", small_times["extract"], small_mb),
        ("summarize, small documents", small_times["pipeline"], small_mb),
        ("summarize_many processes=1", small_times["many_1"], small_mb),
        (f"summarize_many processes={workers}", small_times[f"many_{workers}"], small_mb),
    ]:
        median = statistics.median(times)
        rows.append([label, f"{median:.2f}", f"{size / median:.2f}"])
    table(["run", "s median", "MB/s"], rows)
    # On a shared machine wall time measures the neighbours as much as the code: the rate is
    # taken on CPU time (one core, one process), and wall time is printed beside it.
    cpu = []
    for _ in range(repeats):
        started = time.process_time()
        extract(big)
        cpu.append(time.process_time() - started)
    rate = megabytes / statistics.median(cpu)
    wall_rate = megabytes / statistics.median(big_times["extract"])
    print(f"extract: {rate:.2f} MB/s of CPU time, {wall_rate:.2f} MB/s of wall time")
    big_ratio = paired(big_times, "extract_chunks", "pipeline")
    whole_ratio = paired(big_times, "extract", "pipeline")
    print(f"big document: extract on the whole of it over summarize: {whole_ratio:.2f}")
    small_ratio = paired(small_times, "extract", "pipeline")
    speedup = paired(small_times, "many_1", f"many_{workers}")
    print(f"{os.cpu_count()} cores seen; {cores()} available to this process")
    return [
        result("rules_extract_mb_per_s", rate, ">=2", rate >= 2),
        result("rules_pipeline_big", big_ratio, ">=0.8", big_ratio >= 0.8),
        result("rules_pipeline_small", small_ratio, ">=0.8", small_ratio >= 0.8),
        result("rules_processes", speedup, "none", True),
    ]


if __name__ == "__main__":
    cli(main)
