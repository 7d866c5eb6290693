"""Attribution from the text around a span: direct, indirect, mixed, publication, unnamed."""

from __future__ import annotations

import pytest

from seedsum.attribution import attribute

# sentence, the quote (its first occurrence), kind, cue, source_description ("-": None)
TABLE = [
    (
        "A: We will publish our findings before the end of the year.",
        "We will publish our findings before the end of the year.",
        "direct",
        "A:",
        "-",
    ),
    (
        "Varnia, the region’s largest exporter, wants the tariff scrapped by 2028.",
        "wants the tariff scrapped by 2028",
        "indirect",
        "wants",
        "-",
    ),
    (
        "The fund is unlikely to be agreed before the spring.",
        "The fund is unlikely to be agreed before the spring",
        "publication",
        "-",
        "-",
    ),
    (
        "The freeze will almost certainly take effect as planned in July.",
        "The freeze will almost certainly take effect as planned in July",
        "publication",
        "-",
        "-",
    ),
    (
        "The paper counters in towns like Vesk will stay open.",
        "The paper counters in towns like Vesk will stay open",
        "publication",
        "-",
        "-",
    ),
    (
        "He argued that the survey, known as the “blue line,” followed the wrong river.",
        "the survey, known as the “blue line,” followed the wrong river",
        "indirect",
        "argued",
        "-",
    ),
    (
        "Analysts at Greyharbor Capital expect the currency will weaken.",
        "the currency will weaken",
        "indirect",
        "expect",
        "-",
    ),
    (
        "Dealers in Harlow said buyers were paying record premiums.",
        "buyers were paying record premiums",
        "unnamed",
        "said",
        "Dealers in Harlow",
    ),
    (
        "Officials at the Football Union, speaking privately, said the bids were close.",
        "the bids were close",
        "unnamed",
        "said",
        "-",
    ),
    ("“We will not cut rates,” Holt said.", "We will not cut rates", "direct", "said", "-"),
    (
        "Holt said: “We will not cut rates this year.”",
        "We will not cut rates this year.",
        "direct",
        "said",
        "-",
    ),
    (
        "“Prices will rise,” said Maren Holt, the governor.",
        "Prices will rise",
        "direct",
        "said",
        "-",
    ),
    (
        "Holt said that the bank would not cut rates.",
        "the bank would not cut rates",
        "indirect",
        "said",
        "-",
    ),
    (
        "Holt warned the bank would hold rates for longer.",
        "the bank would hold rates for longer",
        "indirect",
        "warned",
        "-",
    ),
    (
        "According to Holt, the bank will hold rates.",
        "the bank will hold rates",
        "indirect",
        "According to",
        "-",
    ),
    (
        "The bank will hold rates, Holt told reporters.",
        "The bank will hold rates",
        "indirect",
        "told",
        "-",
    ),
    (
        "Holt said the fight against inflation was “not yet won” despite better figures.",
        "the fight against inflation was “not yet won” despite better figures",
        "mixed",
        "said",
        "-",
    ),
    (
        "Sandel called the decision “a missed opportunity” on Friday.",
        "a missed opportunity",
        "direct",
        "called",
        "-",
    ),
    (
        "The bank is likely to cut rates in June.",
        "The bank is likely to cut rates in June",
        "publication",
        "-",
        "-",
    ),
    (
        "Inflation has fallen for six months.",
        "Inflation has fallen for six months",
        "publication",
        "-",
        "-",
    ),
    (
        "Western officials said the talks would resume in May.",
        "the talks would resume in May",
        "unnamed",
        "said",
        "Western officials",
    ),
    (
        "The talks will resume in May, according to two people familiar with the matter.",
        "The talks will resume in May",
        "unnamed",
        "according to",
        "two people familiar with the matter",
    ),
    (
        "“The deal is dead,” a senior diplomat said.",
        "The deal is dead",
        "unnamed",
        "said",
        "a senior diplomat",
    ),
    (
        "“We found out from the local paper,” one midwife said.",
        "We found out from the local paper",
        "unnamed",
        "said",
        "one midwife",
    ),
    (
        "“The deal is dead,” said a senior diplomat.",
        "The deal is dead",
        "unnamed",
        "said",
        "a senior diplomat",
    ),
    (
        "Analysts expect the currency will weaken.",
        "the currency will weaken",
        "unnamed",
        "expect",
        "Analysts",
    ),
    (
        "Experts say the reservoir will run dry by August.",
        "the reservoir will run dry by August",
        "unnamed",
        "say",
        "Experts",
    ),
    (
        "Ministry officials, speaking on condition of anonymity, said the law would pass.",
        "the law would pass",
        "unnamed",
        "said",
        "-",
    ),
    (
        "Critics on both the left and the right say it has pushed up prices.",
        "it has pushed up prices",
        "unnamed",
        "say",
        "Critics on both the left and the right",
    ),
    (
        "Several travel agents in Torrano said bookings had fallen by a fifth.",
        "bookings had fallen by a fifth",
        "unnamed",
        "said",
        "Several travel agents in Torrano",
    ),
    (
        "She said the pipeline would open in 2028.",
        "the pipeline would open in 2028",
        "indirect",
        "said",
        "-",
    ),
    (
        "The lanes are so crowded that residents say they plan their shopping around it.",
        "they plan their shopping around it",
        "unnamed",
        "say",
        "residents",
    ),
    (
        "Yet some younger growers want drought-tolerant varieties from further south.",
        "drought-tolerant varieties from further south",
        "unnamed",
        "want",
        "some younger growers",
    ),
    (
        "One member argued that the weaker florin was doing the work of a rate rise.",
        "the weaker florin was doing the work of a rate rise",
        "unnamed",
        "argued",
        "One member",
    ),
    (
        "Several Green Union deputies said privately that they could vote against it.",
        "they could vote against it",
        "unnamed",
        "said",
        "-",
    ),
    (
        "The depot won nothing, and local councillors fear a private operator will go.",
        "a private operator will go",
        "unnamed",
        "fear",
        "local councillors",
    ),
]


@pytest.mark.parametrize(("sentence", "quote", "kind", "cue", "description"), TABLE)
def test_attribution_table(
    sentence: str, quote: str, kind: str, cue: str, description: str
) -> None:
    text = "An earlier paragraph.\n\n" + sentence + "\n\nA later paragraph, officials said."
    start = text.index(quote)
    found = attribute(text, start, start + len(quote))
    assert found.kind == kind
    if cue == "-":
        assert found.cue is None
    else:
        assert found.cue is not None
        assert found.cue.text.lower() == cue.lower()
        assert text[found.cue.span.start : found.cue.span.end] == found.cue.text
    if description != "-":
        assert found.source_description == description


def test_a_direct_quote_takes_its_cue_from_the_paragraph() -> None:
    text = (
        "“We are being asked to build a cathedral,” Varga told reporters. “Hungary has "
        "always paid its share, and it will keep paying it.”"
    )
    quote = "Hungary has always paid its share, and it will keep paying it."
    start = text.index(quote)
    found = attribute(text, start, start + len(quote))
    assert found.kind == "direct"
    assert found.cue is not None and found.cue.text == "told"


def test_quotes_in_another_paragraph_do_not_count() -> None:
    text = "“A quote,” he said.\n\nThe plant will close next year."
    start = text.index("The plant")
    assert attribute(text, start, len(text) - 1).kind == "publication"


def test_a_quotation_with_the_reporters_words_before_it_is_mixed_however_short() -> None:
    # check_gold.py (and the review page's gold export) wants a 'direct' quote wholly inside
    # quotation marks; "it was" is the reporter's, though 93% of the letters are quoted.
    text = (
        "Russia's foreign ministry said it was “prepared to support navigation that is safe "
        "for everyone, not only for some,” and accused Western governments of blocking it."
    )
    quote = "it was “prepared to support navigation that is safe for everyone, not only for some,”"
    start = text.index(quote)
    assert attribute(text, start, start + len(quote)).kind == "mixed"
    inner = "prepared to support navigation that is safe for everyone, not only for some,"
    start = text.index(inner)
    assert attribute(text, start, start + len(inner)).kind == "direct"
