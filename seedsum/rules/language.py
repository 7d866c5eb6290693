"""Whether a text is English: the rules read English only, and say so when a text is not.

A cheap check: the share of a text's words that are among the commonest English function
words, in the first 2,000 characters. English news prose scores 0.33-0.47; German, French,
Spanish or Dutch prose under 0.07; a threshold far below English (0.15) keeps lists and
headings from tripping it.
"""

from __future__ import annotations

from .lexicon import words

_FUNCTION_WORDS = words(
    """the a an of to in and or but is are was were be been has have had it its this that
    these those with for on at by from as not he she they we i you his her their our will
    would said says who which what there than then also can could may more about after
    over into up out one no if all so"""
)
#: Below this share of English function words a text is taken not to be English.
THRESHOLD = 0.15
#: Texts with fewer words are not judged (a headline, a list of names).
MIN_WORDS = 40
#: How much of a text is sampled: the check must cost nothing next to the extraction.
_SAMPLE = 2_000


def english_share(text: str) -> float:
    """The share of the words of `text` (its first 2,000 characters; a word
    with punctuation attached does not count, which lowers every text alike) that are common
    English function words."""
    sample = text[:_SAMPLE].lower()
    found = sample.split()
    return sum(1 for w in found if w in _FUNCTION_WORDS) / len(found) if found else 0.0


def language_warnings(text: str) -> list[str]:
    """A warning if `text` does not look like English, else nothing."""
    if len(text[:_SAMPLE].split()) < MIN_WORDS:
        return []
    share = english_share(text)
    if share >= THRESHOLD:
        return []
    return [
        "the text does not look like English (only "
        f"{share:.0%} of its words are common English words): the rules backend reads "
        "English only, so its actors, positions and predictions will be poor; use a model "
        "backend for other languages"
    ]
