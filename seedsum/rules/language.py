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
    return _share(_sample_words(text))


def _sample_words(text: str) -> list[str]:
    # Lowering neither makes nor unmakes whitespace (true of every code point), so these are
    # as many words as the sample has before lowering.
    return text[:_SAMPLE].lower().split()


def _share(found: list[str]) -> float:
    # Counted in C (a set lookup per word through `map`): the check runs on every document.
    return sum(map(_FUNCTION_WORDS.__contains__, found)) / len(found) if found else 0.0


def language_warnings(text: str) -> list[str]:
    """A warning if `text` does not look like English, else nothing."""
    found = _sample_words(text)
    if len(found) < MIN_WORDS:
        return []
    share = _share(found)
    if share >= THRESHOLD:
        return []
    return [
        "the text does not look like English (only "
        f"{share:.0%} of its words are common English words): the rules backend reads "
        "English only, so its actors, positions and predictions will be poor; use a model "
        "backend for other languages"
    ]
