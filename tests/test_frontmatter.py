"""Front matter and document metadata: split, parsed, checked, carried into results."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

import seedsum
from seedsum.errors import InvalidInputError, InvalidInputTypeError
from seedsum.frontmatter import split_front_matter
from seedsum.metadata import document_info, parse_published
from seedsum.schema import ArticleSummary, DocumentInfo

FILE = """---
title: "Talks resume in Vienna"
published: 2025-05-20
source: The Example Times
# a comment
url: https://example.org/talks

---
The body starts here.
"""


def test_front_matter_is_split_from_the_body_with_its_offset() -> None:
    split = split_front_matter(FILE)
    assert split.metadata == {
        "title": "Talks resume in Vienna",
        "published": "2025-05-20",
        "source": "The Example Times",
        "url": "https://example.org/talks",
    }
    assert split.body == "The body starts here.\n"
    assert FILE[split.offset :] == split.body


@pytest.mark.parametrize(
    "text",
    [
        "No front matter here.\n",
        "---\nnot a key value line\n---\nBody\n",  # a horizontal rule, not front matter
        "---\ntitle: never closed\nBody\n",
        "--- \r\n",
        "",
    ],
)
def test_text_without_front_matter_is_all_body(text: str) -> None:
    split = split_front_matter(text)
    assert (split.body, split.metadata, split.offset) == (text, {}, 0)


def test_windows_line_ends_and_a_dots_closing_line() -> None:
    split = split_front_matter("---\r\npublished: 2026-01-02\r\n...\r\nBody")
    assert split.metadata == {"published": "2026-01-02"} and split.body == "Body"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-05-20", date(2025, 5, 20)),
        (" 2025-05-20 ", date(2025, 5, 20)),
        (
            "2025-05-20T08:30:00+02:00",
            datetime(2025, 5, 20, 8, 30, tzinfo=timezone(timedelta(hours=2))),
        ),
        (date(2025, 5, 20), date(2025, 5, 20)),
        (None, None),
    ],
)
def test_published_values(value: object, expected: object) -> None:
    assert parse_published(value) == expected


def test_a_bad_publication_date_says_how_to_write_it() -> None:
    with pytest.raises(InvalidInputError, match="YYYY-MM-DD"):
        parse_published("20 May 2025")
    with pytest.raises(InvalidInputTypeError):
        parse_published(20250520)


def test_document_info_merges_and_keeps_other_keys() -> None:
    info = document_info({"Title": "T", "author": "A. Writer"}, id="doc-1", published="2025-05-20")
    assert info is not None
    assert (info.id, info.title, info.published) == ("doc-1", "T", date(2025, 5, 20))
    assert DocumentInfo.model_validate_json(info.model_dump_json()) == info
    assert info.model_dump()["author"] == "A. Writer"
    assert document_info(None) is None
    with pytest.raises(InvalidInputTypeError):
        document_info(["published"])  # type: ignore[arg-type]


TEXT = (
    "“The bank will cut rates by the spring,” Maren Holt said on Monday.\n\n"
    "Officials said the bank is unlikely to cut rates next year."
)
REPLY = {
    "summary": "A governor on rates.",
    "actors": [{"name": "Maren Holt", "kind": "person", "role": None, "aliases": []}],
    "positions": [],
    "predictions": [
        {
            "source": "Maren Holt",
            "claim": "The bank will cut rates by the spring",
            "subjects": ["Maren Holt"],
            "timeframe": "by the spring",
            "conditions": [],
            "likelihood": "possible",
            "quote": "The bank will cut rates by the spring",
        },
        {
            "source": "the publication",
            "claim": "the bank will cut rates next year",
            "subjects": ["Maren Holt"],
            "timeframe": "next year",
            "conditions": [],
            "likelihood": "likely",
            "quote": "the bank is unlikely to cut rates next year",
        },
    ],
}


def _summarize(**kwargs: object) -> ArticleSummary:
    import json

    backend = seedsum.MockBackend(responder=lambda request: json.dumps(REPLY))
    return seedsum.summarize(TEXT, backend=backend, **kwargs)  # type: ignore[arg-type]


def test_published_resolves_deadlines_and_metadata_is_carried() -> None:
    result = _summarize(published="2026-01-15", metadata={"title": "Rates", "url": "u"})
    assert result.document == DocumentInfo(title="Rates", url="u", published=date(2026, 1, 15))
    holt, officials = result.predictions
    assert holt.deadline is not None
    assert (holt.deadline.not_before, holt.deadline.not_after) == (
        date(2026, 1, 15),
        date(2026, 5, 31),
    )
    assert holt.question == "Will the bank cut rates by the spring before 2026-06-01?"
    assert holt.attribution == "direct" and holt.cue is not None and holt.cue.text == "said"
    assert holt.hedge is not None and holt.hedge.text == "will"
    assert holt.likelihood == "likely"  # derived from the hedge's band, not the backend's word
    assert officials.attribution == "unnamed" and officials.source_description == "Officials"
    assert officials.probability is not None and officials.probability.high == 0.45
    assert officials.likelihood == "unlikely"
    assert holt.id is not None and holt.id != officials.id
    again = ArticleSummary.model_validate_json(result.model_dump_json())
    assert again == result


def test_without_a_publication_date_relative_deadlines_say_why() -> None:
    result = _summarize()
    assert result.document is None
    deadline = result.predictions[0].deadline
    assert deadline is not None and not deadline.resolved
    assert deadline.why is not None and "publication date" in deadline.why


def test_a_cached_result_gets_this_calls_date_and_metadata() -> None:
    from seedsum.cache import MemoryCache

    cache = MemoryCache()
    first = _summarize(published="2026-01-15", metadata={"title": "A"}, cache=cache)
    second = _summarize(published="2026-07-01", metadata={"title": "B"}, cache=cache)
    third = _summarize(published="2026-07-01", metadata={"title": "C"}, cache=cache)
    assert [r.document.title for r in (first, second, third) if r.document] == ["A", "B", "C"]
    deadlines = [r.predictions[1].deadline for r in (first, second)]
    assert [d.not_after for d in deadlines if d] == [date(2027, 12, 31), date(2027, 12, 31)]
    assert [d.not_before for d in deadlines if d] == [date(2027, 1, 1), date(2027, 1, 1)]
    spring = [r.predictions[0].deadline for r in (first, second)]
    assert [d.not_after for d in spring if d] == [date(2026, 5, 31), date(2027, 5, 31)]
    assert third.meta.cache_hits > 0 and third.meta.calls == 0


def test_summarize_many_carries_each_documents_metadata() -> None:
    import json

    backend = seedsum.MockBackend(responder=lambda request: json.dumps(REPLY))
    summarizer = seedsum.Summarizer(backend)
    items = [
        ("a", TEXT, {"published": "2026-01-15", "title": "First"}),
        ("b", TEXT),
        ("c", TEXT, {"published": "bad date"}),
    ]
    results = {r.id: r for r in summarizer.summarize_many(items, progress=False)}
    first = results["a"].output
    assert first is not None and first.document == DocumentInfo(
        id="a", title="First", published=date(2026, 1, 15)
    )
    assert first.predictions[0].deadline is not None
    assert first.predictions[0].deadline.not_after == date(2026, 5, 31)
    second = results["b"].output
    assert second is not None and second.document is None
    assert isinstance(results["c"].error, InvalidInputError)  # the others still finished
