"""Hedges: which words carry a prediction's likelihood, where, and what band they mean."""

from __future__ import annotations

import pytest

from seedsum.hedges import band_for_likelihood, find_hedge, likelihood_for
from seedsum.schema import Probability

# sentence | hedge | low | high | likelihood (a figure on the guidelines' scale for figures)
TABLE = """
It is conceivable that the talks collapse before March. | conceivable | 0.05 | 0.50 | possible
The bank will almost certainly cut rates in June. | almost certainly | 0.95 | 0.99 | certain
I’d put it at maybe 30 percent. | put it at maybe 30 percent | 0.25 | 0.35 | unlikely
We put the odds at 70% that rates rise. | put the odds at 70% | 0.70 | 0.70 | likely
There is a one-in-three chance of a deal this year. | one-in-three chance | 0.33 | 0.33 | possible
There is a 50 percent chance of a recession. | 50 percent chance | 0.50 | 0.50 | possible
Default odds are at least 90 percent. | odds are at least 90 percent | 0.90 | 1.00 | certain
A cut is unlikely before March. | unlikely | 0.20 | 0.45 | unlikely
A breakthrough is highly unlikely. | highly unlikely | 0.05 | 0.20 | unlikely
Growth is very likely to slow. | very likely | 0.80 | 0.95 | likely
Growth is likely to slow. | likely | 0.55 | 0.80 | likely
The bank is expected to hold rates. | is expected | 0.55 | 0.80 | likely
The company is set to raise prices. | set to | 0.55 | 0.80 | likely
The outcome is a toss-up. | toss-up | 0.45 | 0.55 | possible
Prices could rise further. | could | 0.20 | 0.60 | possible
The talks might fail. | might | 0.20 | 0.60 | possible
The line will open in 2028. | will | 0.55 | 0.95 | likely
We won’t cut rates this year. | won’t | 0.55 | 0.95 | likely
The government would be surprised if growth picked up. | would be surprised | 0.20 | 0.45 | unlikely
I'd be surprised if the board approved it. | I'd be surprised | 0.20 | 0.45 | unlikely
A default cannot be ruled out. | cannot be ruled out | 0.05 | 0.50 | possible
Inflation is certain to fall. | is certain | 0.99 | 1.00 | certain
There is almost no chance of a deal. | almost no chance | 0.01 | 0.05 | unlikely
The ministry plans to open bids. | plans to | - | - | unspecified
Nobody believes the strike will end this week. | Nobody believes | 0.20 | 0.45 | unlikely
We do not expect a deal before May. | do not expect | 0.20 | 0.45 | unlikely
I don’t think this one will. | don’t think | 0.20 | 0.45 | unlikely
Inflation will fall to 3 percent by 2027. | will | 0.55 | 0.95 | likely
The vote was held by May and nothing changed. | - | - | - | -
I'd put the odds of it at 30 percent. | put the odds of it at 30 percent | 0.30 | 0.30 | unlikely
There is a 40 percent chance of a deal. | 40 percent chance | 0.40 | 0.40 | possible
I would put them at 40 percent. | put them at 40 percent | 0.40 | 0.40 | possible
A 90 percent chance that it passes. | 90 percent chance | 0.90 | 0.90 | certain
"""


def _rows() -> list[list[str]]:
    return [[c.strip() for c in line.split("|")] for line in TABLE.strip().splitlines()]


@pytest.mark.parametrize(("sentence", "hedge", "low", "high", "likelihood"), _rows())
def test_hedge_table(sentence: str, hedge: str, low: str, high: str, likelihood: str) -> None:
    found = find_hedge(sentence, 0, len(sentence))
    if hedge == "-":
        assert found is None
        return
    assert found is not None
    assert found.hedge.text == hedge
    span = found.hedge.span
    assert span is not None and sentence[span.start : span.end] == hedge
    if low == "-":
        assert found.band is None
    else:
        assert found.band == Probability(low=float(low), high=float(high))
    assert likelihood_for(found.band, found.hedge.kind) == likelihood


def test_a_figure_beats_a_word() -> None:
    text = "It will likely pass; I'd put it at maybe 80 percent."
    found = find_hedge(text, 0, len(text))
    assert found is not None and found.hedge.kind == "percentage"
    assert found.band == Probability(low=0.75, high=0.85)


def test_an_estimative_word_just_outside_a_quote_without_hedge_counts() -> None:
    text = "A rate cut in June is unlikely, Kovel said."
    found = find_hedge(text, 0, len("A rate cut in June"))
    assert found is not None and found.hedge.text == "unlikely"


def test_a_hedge_inside_the_quote_wins_over_one_outside() -> None:
    text = "Strikes are likely to spread, and the dispute could drag on until May."
    start = text.index("the dispute")
    found = find_hedge(text, start, len(text) - 1)
    assert found is not None and found.hedge.text == "could"


def test_a_modal_outside_the_quote_does_not_count() -> None:
    text = "He would later say that prices rise. Nothing else."
    start = text.index("prices")
    assert find_hedge(text, start, start + len("prices rise")) is None


def test_offsets_are_into_the_whole_text() -> None:
    text = "Intro paragraph.\n\nThe deal will almost certainly collapse."
    start = text.index("The deal")
    found = find_hedge(text, start, len(text))
    assert found is not None and found.hedge.span is not None
    assert text[found.hedge.span.start : found.hedge.span.end] == "almost certainly"


@pytest.mark.parametrize("word", ["certain", "likely", "possible", "unlikely", "unspecified"])
def test_band_and_word_round_trip(word: str) -> None:
    assert likelihood_for(band_for_likelihood(word)) == word  # type: ignore[arg-type]


def test_a_percentage_in_words_is_a_figure_like_its_digits() -> None:
    text = "I’d put the chance of strikes before Christmas at seventy percent, she said."
    found = find_hedge(text, 0, len(text))
    assert found is not None and found.band is not None
    assert (found.band.low, found.band.high) == (0.7, 0.7)
    assert likelihood_for(found.band, found.hedge.kind) == "likely"
