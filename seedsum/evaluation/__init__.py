"""Scoring seedsum's results against hand-made gold annotations (`python -m seedsum.eval`).

- actors: a predicted actor matches a gold actor when any of its name and aliases equals
  (ignoring case) any of the gold actor's ("the author"/"the publication" are not scored);
  its `kind` and `role` are then scored;
- positions and predictions: matched one-to-one by overlapping character spans (the span
  seedsum located; the gold quote found in the text), first with the same owner (actor or
  source), then with any (see `scoring`); "the author" and "the publication" are one source,
  and "unnamed" (statements by unnamed sources) is a source a result can match too;
- lenient scores count same-owner matches; strict ones also need the key fields right.

Figures are reported per article, pooled (micro) and averaged over articles (macro). What
the score does not measure: the summary, topics, stances and claims (free text), aliases
beyond matching, and how the statements are worded.
"""

from .gold import DEFAULT_DIR, SPLITS, Gold, article_pairs, find_eval_dir, load_gold, parse_gold
from .report import Report, format_table
from .run import evaluate, main, throughput
from .scoring import FIELDS, ITEMS, Accuracy, ArticleScore, Score, score_article

__all__ = [
    "DEFAULT_DIR",
    "FIELDS",
    "ITEMS",
    "SPLITS",
    "Accuracy",
    "ArticleScore",
    "Gold",
    "Report",
    "Score",
    "article_pairs",
    "evaluate",
    "find_eval_dir",
    "format_table",
    "load_gold",
    "main",
    "parse_gold",
    "score_article",
    "throughput",
]
