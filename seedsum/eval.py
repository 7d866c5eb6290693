"""`python -m seedsum.eval`: score seedsum against hand-made gold annotations.

    python -m seedsum.eval                        # the repository's bench/eval (from a checkout)
    python -m seedsum.eval --split dev --split heldout
    python -m seedsum.eval DIR                    # X.txt with X.gold.json in DIR
    python -m seedsum.eval DIR --gold GOLD_DIR    # X.txt in DIR, X.json or X.gold.json in GOLD
    python -m seedsum.eval DIR --gold B.json      # a bundle exported by the review page
    python -m seedsum.eval DIR --results OUT_DIR  # score saved results of any backend
    python -m seedsum.eval --json                 # machine-readable figures

The implementation is the `seedsum.evaluation` package; see there for how items are matched
and what the strict score requires.
"""

from __future__ import annotations

import sys

from .evaluation import (
    DEFAULT_DIR,
    Report,
    Score,
    article_pairs,
    evaluate,
    format_table,
    main,
    score_article,
    throughput,
)

__all__ = [
    "DEFAULT_DIR",
    "Report",
    "Score",
    "article_pairs",
    "evaluate",
    "format_table",
    "main",
    "score_article",
    "throughput",
]

if __name__ == "__main__":
    sys.exit(main())
