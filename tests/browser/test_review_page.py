"""The review page in a real browser (headless Chromium; see conftest.py here).

Every page is loaded from a file:// URL with all other requests refused; the fixture fails
a test whose page made a request, logged a console error or opened a dialog.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from seedsum import ArticleSummary, RulesBackend, Summarizer
from seedsum.eval import article_pairs, evaluate
from seedsum.render import ReviewDocument, review_page
from seedsum.review.render import json_for_script
from seedsum.schema import Actor, Position, Prediction, RunMeta, Span

pytestmark = pytest.mark.browser

META = RunMeta(backend="test", model="hand-made", prompt_version="v0")

# Nested and overlapping on purpose: the prediction sits inside Alpha's position, and Beta's
# position starts inside both and runs past them.
SMALL = (
    "Alpha said the plan will fail by May, and Beta agreed it would. "
    "“Nothing will change,” Gamma said."
)


def span_of(text: str, quote: str) -> Span:
    start = text.index(quote)
    return Span(start=start, end=start + len(quote))


def small_result() -> ArticleSummary:
    actors = [
        Actor(name="Alpha", kind="person", role=None, aliases=[]),
        Actor(name="Beta", kind="person", role="minister", aliases=["B."]),
    ]
    positions = [
        Position(
            actor="Alpha",
            topic="plan",
            stance="the plan fails",
            quote="the plan will fail by May",
            span=span_of(SMALL, "the plan will fail by May"),
        ),
        Position(
            actor="Beta",
            topic="plan",
            stance="agrees",
            quote="fail by May, and Beta agreed",
            span=span_of(SMALL, "fail by May, and Beta agreed"),
        ),
        Position(
            actor="Beta", topic="weather", stance="sunny", quote="It will be sunny.", span=None
        ),
    ]
    predictions = [
        Prediction(
            source="Alpha",
            claim="the plan will fail",
            subjects=["Alpha"],
            timeframe="by May",
            conditions=[],
            likelihood="likely",
            quote="plan will fail",
            span=span_of(SMALL, "plan will fail"),
        )
    ]
    meta = META.model_copy(
        update={
            "warnings": [
                "position of 'Beta': quote not found in the text (span is None): "
                "'It will be sunny.'"
            ]
        }
    )
    return ArticleSummary(
        summary="Alpha expects failure.",
        actors=actors,
        positions=positions,
        predictions=predictions,
        meta=meta,
    )


@pytest.fixture(scope="module")
def energy(energy_text: str) -> ArticleSummary:
    return Summarizer(RulesBackend(), cache=False).summarize(energy_text)


def located(result: ArticleSummary) -> int:
    return sum(i.span is not None for i in [*result.positions, *result.predictions])


HIGHLIGHTED = """() => {
  const texts = {};
  for (const seg of document.querySelectorAll('#doc-text .hl')) {
    for (const id of seg.dataset.ids.split('\\n')) texts[id] = (texts[id] || '') + seg.textContent;
  }
  return texts;
}"""


def test_every_located_item_is_highlighted_with_its_exact_text(open_page: Any):
    result = small_result()
    w = open_page(result.to_html(SMALL))
    texts: dict[str, str] = w.page.evaluate(HIGHLIGHTED)
    assert len(texts) == located(result) == 3
    wanted = sorted(SMALL[i.span.start : i.span.end] for i in result.positions if i.span)
    wanted += [SMALL[result.predictions[0].span.start : result.predictions[0].span.end]]  # type: ignore[union-attr]
    assert sorted(texts.values()) == sorted(wanted)
    # The text itself is whole: segments cut at every boundary, nothing lost or doubled.
    assert w.page.inner_text("#doc-text") == SMALL
    nested = w.page.eval_on_selector_all("#doc-text .hl.nested", "els => els.length")
    assert nested >= 2


def test_the_example_article_highlights_every_located_item(
    open_page: Any, energy: ArticleSummary, energy_text: str
):
    w = open_page(energy.to_html(energy_text))
    texts: dict[str, str] = w.page.evaluate(HIGHLIGHTED)
    assert len(texts) == located(energy) > 20
    items = w.page.eval_on_selector_all("#items li.item", "els => els.length")
    assert items == located(energy)


def test_clicking_an_item_selects_and_scrolls_to_its_highlight(
    open_page: Any, energy: ArticleSummary, energy_text: str
):
    w = open_page(energy.to_html(energy_text), height=600)
    page = w.page
    last = page.locator("#items li.item").last
    item_id = last.get_attribute("data-id")
    last.locator(".item-main").click()
    assert last.get_attribute("aria-current") == "true"
    in_view = page.evaluate(
        """(id) => {
          const segs = [...document.querySelectorAll('#doc-text .hl.sel')];
          const mine = (s) => s.dataset.ids.split('\\n').includes(id);
          if (!segs.length || !segs.every(mine)) return false;
          const r = segs[0].getBoundingClientRect();
          return r.top >= 0 && r.bottom <= innerHeight && scrollY > 0;
        }""",
        item_id,
    )
    assert in_view
    # And the other way: clicking a highlight selects its item in the panel.
    first = page.locator("#doc-text .hl[data-first]").first
    first_id = first.get_attribute("data-first")
    first.click()
    assert page.get_attribute("#panel li.item.selected", "data-id") == first_id


def test_filters_hide_the_right_items(open_page: Any, energy: ArticleSummary, energy_text: str):
    page = open_page(energy.to_html(energy_text)).page
    actor = energy.actors[0].name
    page.select_option("#f-actor", actor.lower())
    whos = page.eval_on_selector_all("#items li.item .who", "els => els.map(e => e.textContent)")
    expected = [i for i in [*energy.positions, *energy.predictions] if i.span]
    mine = [i for i in expected if (i.actor if isinstance(i, Position) else i.source) == actor]
    assert whos == [actor] * len(mine) and mine
    assert len(page.evaluate(HIGHLIGHTED)) == len(mine)

    page.select_option("#f-actor", "")
    page.uncheck("#f-prediction")
    kinds = page.eval_on_selector_all("#items li.item", "els => els.map(e => e.className)")
    assert len(kinds) == sum(p.span is not None for p in energy.positions)
    assert all("position" in k for k in kinds)

    page.check("#f-prediction")
    page.select_option("#f-likelihood", "possible")
    shown = page.eval_on_selector_all("#items li.item", "els => els.length")
    assert shown == sum(
        p.likelihood == "possible" and p.span is not None for p in energy.predictions
    )

    page.select_option("#f-likelihood", "")
    word = energy.predictions[0].claim.split()[-1]
    page.fill("#search", word)
    claims = page.eval_on_selector_all("#items li.item", "els => els.map(e => e.textContent)")
    assert claims and all(word.lower() in c.lower() for c in claims)


def test_an_unlocated_item_is_listed_as_such_with_its_warning(open_page: Any):
    page = open_page(small_result().to_html(SMALL)).page
    section = page.locator("#unlocated")
    assert "Not found in the text (1)" in section.locator("h3").inner_text()
    assert section.locator("li.item").count() == 1
    text = section.inner_text()
    assert "It will be sunny." in text
    assert "quote not found in the text (span is None)" in text
    assert "sunny" not in page.inner_text("#items")


def test_an_unlocated_item_gets_its_quote_from_a_selection(open_page: Any):
    page = open_page(small_result().to_html(SMALL, title="small.txt")).page
    page.locator("#unlocated li.item").get_by_role("button", name="Edit").click()
    words = "Beta agreed it would"
    start = SMALL.index(words)
    page.evaluate(SELECT, [start, start + len(words)])
    page.get_by_role("button", name="Use selection as quote").click()
    page.click("#unlocated form button[type=submit]")
    assert "Not found in the text (0)" in page.inner_text("#unlocated h3")
    assert words in page.evaluate(HIGHLIGHTED).values()
    gold = export(page)
    assert words in [p["quote"] for p in gold["positions"]]


def test_keyboard_moves_searches_and_clears(
    open_page: Any, energy: ArticleSummary, energy_text: str
):
    page = open_page(energy.to_html(energy_text)).page
    ids = page.eval_on_selector_all("#items li.item", "els => els.map(e => e.dataset.id)")
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert page.get_attribute("#panel li.item.selected", "data-id") == ids[1]
    page.keyboard.press("k")
    assert page.get_attribute("#panel li.item.selected", "data-id") == ids[0]
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search"
    page.keyboard.type("zzzz-nothing")
    assert page.eval_on_selector_all("#items li.item", "els => els.length") == 0
    page.keyboard.press("Escape")
    assert page.input_value("#search") == ""
    assert page.eval_on_selector_all("#items li.item", "els => els.length") == len(ids)
    assert page.locator("#panel li.item.selected").count() == 0


SELECT = """([start, end]) => {
  const segs = [...document.querySelectorAll('#doc-text [data-s]')];
  const at = (o) => segs.find(s => +s.dataset.s <= o && o < +s.dataset.e);
  const a = at(start), b = at(end - 1);
  getSelection().setBaseAndExtent(
    a.firstChild, start - a.dataset.s, b.firstChild, end - b.dataset.s);
}"""


def utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def export(page: Any, selector: str = "#export") -> Any:
    with page.expect_download() as info:
        page.click(selector)
    return json.loads(Path(info.value.path()).read_text(encoding="utf-8"))


def review_small(page: Any, text: str, missed: str) -> None:
    """Edit Alpha's position, mark Beta's wrong, add a missed statement by selection."""
    first = page.locator("#items li.item.position").first
    first.get_by_role("button", name="Edit").click()
    page.fill("#items form textarea[name=stance]", "the plan is doomed")
    page.click("#items form button[type=submit]")
    page.locator("#items li.item.position").nth(1).get_by_role("button", name="✗ Wrong").click()
    start = text.index(missed)
    page.evaluate(SELECT, [utf16(text, start), utf16(text, start + len(missed))])
    page.click("#add-from-selection")
    page.select_option("#add-form select[name=kind]", "position")
    page.select_option("#add-form select[name=actor]", "Beta")
    page.fill("#add-form input[name=topic]", "agreement")
    page.fill("#add-form textarea[name=stance]", "Beta agrees")
    page.click("#add-form button[type=submit]")


def check_gold_module() -> Any:
    """bench/eval/check_gold.py, the guardian of the gold format (absent from an sdist)."""
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "bench" / "eval" / "check_gold.py"
    if not path.is_file():
        pytest.skip("no bench/eval/check_gold.py here (an sdist)")
    spec = importlib.util.spec_from_file_location("check_gold", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def assert_gold_format(gold: dict[str, Any], text: str) -> None:
    """The keys and the attribution of every item as check_gold.py wants them; what it checks
    about the annotation's completeness is the reviewer's business, not the page's."""
    check = check_gold_module()
    mask, _ = check.quoted_mask(text)
    assert set(gold) == check.TOP_KEYS
    assert all(set(a) == check.ACTOR_KEYS for a in gold["actors"])
    for field, keys, who in (
        ("positions", check.POSITION_KEYS, "actor"),
        ("predictions", check.PREDICTION_KEYS, "source"),
    ):
        for n, item in enumerate(gold[field]):
            assert set(item) - check.OPTIONAL_KEYS == keys, item
            checker = check.Checker(field)
            check.check_attribution(checker, f"{field}[{n}]", item, who, text, mask)
            assert checker.errors == []


def test_the_example_article_exports_in_the_gold_format(open_page: Any, grain_text: str):
    result = Summarizer(RulesBackend(), cache=False).summarize(grain_text)
    page = open_page(result.to_html(grain_text, title="grain_corridor.txt")).page
    gold = export(page)
    assert len(gold["positions"]) + len(gold["predictions"]) == located(result)
    attributions = {i["attribution"] for i in gold["positions"] + gold["predictions"]}
    assert {"direct", "indirect"} <= attributions
    assert_gold_format(gold, grain_text)


def test_review_export_gives_a_gold_file_that_eval_loads(open_page: Any, tmp_path: Path):
    # An astral character before the selection: offsets must be the text's, not UTF-16's.
    text = "🌾 " + SMALL
    base = small_result()
    shift = len("🌾 ")

    def moved(span: Span | None) -> Span | None:
        return None if span is None else Span(start=span.start + shift, end=span.end + shift)

    result = base.model_copy(
        update={
            "positions": [p.model_copy(update={"span": moved(p.span)}) for p in base.positions],
            "predictions": [p.model_copy(update={"span": moved(p.span)}) for p in base.predictions],
        }
    )
    page = open_page(result.to_html(text, title="small.txt")).page
    review_small(page, text, "Nothing will change")
    gold = export(page)
    assert set(gold) == {"summary", "actors", "positions", "predictions"}
    for item in gold["positions"] + gold["predictions"]:
        assert item["quote"] in text
    stances = {p["stance"]: p for p in gold["positions"]}
    assert "the plan is doomed" in stances and "agrees" not in stances
    assert stances["Beta agrees"]["quote"] == "Nothing will change"
    assert stances["Beta agrees"]["attribution"] == "direct"  # read from the quotation marks
    assert stances["the plan is doomed"]["attribution"] == "indirect"
    assert_gold_format(gold, text)
    assert stances["Beta agrees"]["actor"] == "Beta"
    assert all(p["quote"] != "It will be sunny." for p in gold["positions"])  # not located

    folder = tmp_path / "eval"
    folder.mkdir()
    (folder / "small.txt").write_text(text, encoding="utf-8")
    (folder / "small.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    assert article_pairs(folder)
    report = evaluate(folder)
    assert report.articles["small"]["positions"].gold == len(gold["positions"])

    # The review survives a reload.
    page.reload()
    page.wait_for_function("window.seedsumReady === true")
    assert "the plan is doomed" in page.inner_text("#items")
    assert "Beta agrees" in page.inner_text("#items")
    assert page.locator("#items li.item.v-wrong").count() == 1


def test_actors_can_be_renamed_merged_and_added(open_page: Any):
    page = open_page(small_result().to_html(SMALL, title="small.txt")).page
    actors = page.locator("#actors")
    actors.get_by_role("button", name="Edit or rename Alpha").click()
    page.fill("#actors form input[name=name]", "Alpha Prime")
    page.click("#actors form button[type=submit]")
    page.get_by_role("button", name="Merge Beta into another actor").click()
    page.select_option("#actors form select[name=into]", "Alpha Prime")
    page.click("#actors form button[type=submit]")
    page.get_by_role("button", name="Add actor").click()
    page.fill("#actors form input[name=name]", "Delta")
    page.select_option("#actors form select[name=kind]", "organization")
    page.click("#actors form button[type=submit]")
    gold = export(page)
    names = {a["name"]: a for a in gold["actors"]}
    assert set(names) == {"Alpha Prime", "Delta"}
    assert {"Beta", "B."} <= set(names["Alpha Prime"]["aliases"])
    assert {p["actor"] for p in gold["positions"]} == {"Alpha Prime"}
    assert gold["predictions"][0]["source"] == "Alpha Prime"
    assert gold["predictions"][0]["subjects"] == ["Alpha Prime"]


def corpus_page(grain_text: str, energy_text: str) -> tuple[str, dict[str, str]]:
    texts = {"docs/grain_corridor.txt": grain_text, "docs/energy_summit.txt": energy_text}
    results = list(Summarizer(RulesBackend(), cache=False).summarize_many(texts.items()))
    return review_page(results, texts=texts, title="Two articles"), texts


def test_the_corpus_view_indexes_sorts_and_exports_all_reviewed(
    open_page: Any, grain_text: str, energy_text: str, tmp_path: Path
):
    html, texts = corpus_page(grain_text, energy_text)
    page = open_page(html).page
    assert page.locator("#corpus table tbody tr").count() == 2
    assert page.inner_text("#doc-text") == ""  # no document is built until one is opened
    page.click("#tabs a[data-tab=predictions]")
    page.get_by_role("button", name="Source").click()
    ordered = page.eval_on_selector_all(
        "#corpus tbody tr td:first-child",
        "els => els.length > 10 && els.every((e, i) => !i || "
        "els[i - 1].textContent.localeCompare(e.textContent) <= 0)",
    )
    assert ordered
    page.click("#tabs a[data-tab=actors]")
    assert page.locator("#corpus tbody tr").count() > 5

    page.click("#tabs a[data-tab=index]")
    page.get_by_role("link", name="docs/grain_corridor.txt").click()
    page.wait_for_selector("#doc-text .hl")
    page.locator("#items li.item").first.get_by_role("button", name="✓ Correct").click()
    page.click("#tabs a[data-tab=index]")
    bundle = export(page, "#export-all")
    assert list(bundle["documents"]) == ["docs/grain_corridor.txt"]
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    saved = tmp_path / "reviewed.gold-bundle.json"
    saved.write_text(json.dumps(bundle), encoding="utf-8")
    assert list(evaluate(folder, saved).articles) == ["grain_corridor"]


def test_unknown_fields_are_shown_generically(open_page: Any):
    html = small_result().to_html(SMALL)
    match = re.search(r'(<script id="seedsum-data" type="application/json">)(.*?)(</script>)', html)
    assert match is not None
    data = json.loads(match.group(2))
    prediction = data["documents"][0]["result"]["predictions"][0]
    prediction.update({"deadline": "2027-05-31", "probability": 0.7, "hedge": {"cue": "will"}})
    html = html[: match.start(2)] + json_for_script(data) + html[match.end(2) :]
    page = open_page(html).page
    item = page.locator("#items li.item.prediction").first.inner_text()
    assert "deadline" in item and "2027-05-31" in item
    assert "probability" in item and "0.7" in item
    assert '{"cue":"will"}' in item


PAYLOADS = [
    "<script>window.__xss = 1</script>",
    '<img src=x onerror="window.__xss = 1">',
    "javascript:window.__xss = 1",
    "</script><script>window.__xss = 1</script><!--",
]


@pytest.mark.parametrize("csp", [True, False], ids=["with-csp", "without-csp"])
def test_untrusted_text_never_runs(open_page: Any, csp: bool):
    evil = " ".join(PAYLOADS)
    text = f"Intro. {evil} said {evil}. The end."
    quote = f"said {evil}"
    result = ArticleSummary(
        summary=evil,
        actors=[Actor(name=evil, kind="person", role=evil, aliases=[evil])],
        positions=[
            Position(actor=evil, topic=evil, stance=evil, quote=quote, span=span_of(text, quote))
        ],
        predictions=[
            Prediction(
                source=evil,
                claim=evil,
                subjects=[evil],
                timeframe=evil,
                conditions=[evil],
                likelihood="likely",
                quote=evil,
                span=None,
            )
        ],
        meta=META.model_copy(update={"model": evil, "warnings": [evil]}),
    )
    html = review_page([ReviewDocument(evil, text, result)], title=evil)
    if not csp:  # the DOM handling alone must be safe, not only the policy
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
        assert "Content-Security-Policy" not in html
    w = open_page(html)
    page = w.page
    page.hover("#doc-text .hl")
    page.locator("#items li.item .item-main").first.click()
    page.locator("#items li.item").first.get_by_role("button", name="Edit").click()
    page.locator("#meta summary").click()
    page.wait_for_timeout(200)
    assert page.evaluate("window.__xss") is None
    assert page.evaluate("document.querySelectorAll('script').length") == 2
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.getAttribute('href'))")
    assert not any(h.lower().startswith("javascript") for h in hrefs)
    assert PAYLOADS[0] in page.inner_text("#doc-text")
    assert PAYLOADS[1] in page.inner_text("#tip")
    assert page.title() == evil


def test_the_page_prints_and_reflows_at_200_percent(
    open_page: Any, energy: ArticleSummary, energy_text: str
):
    # 640 CSS pixels wide is a 1280-pixel window at 200% zoom.
    page = open_page(energy.to_html(energy_text), width=640, height=450).page
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    text_box = page.locator("#doc-text").bounding_box()
    panel_box = page.locator("#panel").bounding_box()
    assert text_box and panel_box and panel_box["y"] >= text_box["y"] + text_box["height"] - 1
    page.emulate_media(media="print")
    assert page.locator("#filters").is_hidden()
    assert page.locator("#doc-text").is_visible()
    assert page.locator("#items li.item").first.is_visible()
