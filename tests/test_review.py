"""The review page on the Python side: the embedded data, the renderers and `seedsum review`.

What the page does in a browser is tested in test_review_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import seedsum
from seedsum import ArticleSummary, DocumentResult, InvalidInputError, RulesBackend, Summarizer
from seedsum.cli import main
from seedsum.eval import evaluate
from seedsum.render import ReviewDocument, review_page
from seedsum.review.gold import read_gold
from seedsum.review.render import json_for_script, text_hash

from .conftest import ROOT

BLOB = re.compile(r'<script id="seedsum-data" type="application/json">(.*?)</script>', re.DOTALL)


def page_data(page: str) -> dict:
    match = BLOB.search(page)
    assert match is not None
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def grain(grain_text: str) -> ArticleSummary:
    return Summarizer(RulesBackend(), cache=False).summarize(grain_text)


@pytest.mark.parametrize(
    "nasty",
    ["</script><script>alert(1)</script>", "<!-- <script>", "a\u2028b\u2029c", "</SCRIPT >&amp;"],
)
def test_json_for_script_cannot_end_its_element_and_round_trips(nasty: str):
    encoded = json_for_script({"text": nasty})
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded
    assert "\u2028" not in encoded and "\u2029" not in encoded
    assert json.loads(encoded) == {"text": nasty}


def test_to_html_embeds_the_text_and_result_as_one_blob(grain: ArticleSummary, grain_text: str):
    page = grain.to_html(grain_text, title="Grain <talks>")
    assert page.startswith("<!DOCTYPE html>")
    assert len(BLOB.findall(page)) == 1
    data = page_data(page)
    [doc] = data["documents"]
    assert doc["text"] == grain_text
    assert doc["hash"] == text_hash(grain_text)
    assert ArticleSummary.model_validate(doc["result"]) == grain
    assert "<title>Grain &lt;talks&gt;</title>" in page


def test_the_page_is_self_contained_and_its_script_is_pinned_by_hash(
    grain: ArticleSummary, grain_text: str
):
    page = grain.to_html(grain_text)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    [policy] = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert f"script-src 'sha256-{digest}'" in html.unescape(policy)
    assert "default-src 'none'" in html.unescape(policy)


def test_the_script_never_writes_markup():
    from seedsum.review.render import SCRIPTS

    sinks = re.compile(
        r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|Function\("
    )
    root = ROOT / "seedsum" / "review"
    comments = re.compile(r"/\*.*?\*/|//[^\n]*", re.DOTALL)
    for name in SCRIPTS:
        code = comments.sub("", (root / name).read_text(encoding="utf-8"))
        assert not sinks.findall(code), name


def test_a_placeholder_in_the_data_is_not_expanded(grain: ArticleSummary):
    text = "{{JS}} {{CSS}} {{DATA}}"
    result = grain.model_copy(update={"positions": [], "predictions": []})
    data = page_data(result.to_html(text))
    assert data["documents"][0]["text"] == text


def test_review_page_takes_the_results_of_summarize_many(grain_text: str, energy_text: str):
    texts = {"grain.txt": grain_text, "energy.txt": energy_text}
    results = list(Summarizer(RulesBackend(), cache=False).summarize_many(texts.items()))
    failed = DocumentResult(index=2, id="broken.txt", error=InvalidInputError("empty text"))
    page = review_page([*results, failed], texts=texts, title="Corpus")
    docs = page_data(page)["documents"]
    assert {d["id"] for d in docs} == {"grain.txt", "energy.txt", "broken.txt"}
    broken = next(d for d in docs if d["id"] == "broken.txt")
    assert broken["result"] is None
    assert "empty text" in broken["error"]


def test_review_page_says_what_is_missing(grain: ArticleSummary):
    result = DocumentResult(index=0, id="a.txt", output=grain)
    with pytest.raises(InvalidInputError, match="texts="):
        review_page([result])
    with pytest.raises(InvalidInputError, match="no documents"):
        review_page([])
    with pytest.raises(InvalidInputError, match="ReviewDocument or DocumentResult"):
        review_page([grain])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError, match="text must be"):
        grain.to_html(None)  # type: ignore[arg-type]


def test_review_document_carries_title_and_date(grain: ArticleSummary, grain_text: str):
    doc = ReviewDocument(
        "x.txt", grain_text, grain, metadata={"title": "Talks", "date": "2026-03-01"}
    )
    [data] = page_data(review_page([doc]))["documents"]
    assert (data["title"], data["date"]) == ("Talks", "2026-03-01")


def test_seedsum_render_exports_review_page():
    assert seedsum.render.review_page is review_page


# -- the command ------------------------------------------------------------------------------


def test_review_summarizes_an_article_and_prints_the_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    out = tmp_path / "pages" / "review.html"
    article = ROOT / "examples" / "articles" / "grain_corridor.txt"
    code = main(["review", str(article), "-o", str(out), "--backend", "rules", "-q"])
    assert code == 0
    assert capsys.readouterr().out.strip() == str(out)
    [doc] = page_data(out.read_text(encoding="utf-8"))["documents"]
    assert doc["id"] == str(article)
    assert doc["result"]["meta"]["backend"] == "rules"


def test_review_reads_an_article_from_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, grain_text: str
):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(grain_text))
    out = tmp_path / "r.html"
    assert main(["review", "-", "-o", str(out), "--backend", "rules", "-q"]) == 0
    [doc] = page_data(out.read_text(encoding="utf-8"))["documents"]
    assert (doc["id"], doc["text"]) == ("-", grain_text)


def test_review_shares_the_summarize_options():
    from seedsum.cli import build_parser

    args = build_parser().parse_args(
        ["review", "a.txt", "--backend", "mock", "--max-chunk-tokens", "300", "--no-cache"]
    )
    assert (args.backend, args.max_chunk_tokens, args.no_cache) == ("mock", 300, True)
    with pytest.raises(SystemExit):
        build_parser().parse_args(["review", "a.txt", "--format", "json"])


def test_review_renders_saved_jsonl_without_a_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    articles = ROOT / "examples" / "articles"
    assert main(["summarize", str(articles), "--backend", "rules", "--format", "jsonl", "-q"]) == 0
    saved = tmp_path / "results.jsonl"
    saved.write_text(capsys.readouterr().out, encoding="utf-8")
    monkeypatch.setattr("seedsum.cli._summarizer", lambda _a: pytest.fail("no model call"))
    out = tmp_path / "r.html"
    assert main(["review", str(saved), "--sources", str(articles), "-o", str(out)]) == 0
    docs = page_data(out.read_text(encoding="utf-8"))["documents"]
    # jsonl lines come in completion order; the page keeps the order of the file.
    assert sorted(Path(d["id"]).name for d in docs) == ["energy_summit.txt", "grain_corridor.txt"]
    assert all(d["text"] and d["error"] is None for d in docs)


def test_review_renders_a_folder_saved_with_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, grain_text: str
):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "grain.txt").write_text(grain_text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert (
        main(["summarize", "articles/grain.txt", "--backend", "rules", "--out", "out", "-q"]) == 0
    )
    monkeypatch.setattr("seedsum.cli._summarizer", lambda _a: pytest.fail("no model call"))
    assert main(["review", "out", "--sources", "articles", "-o", "r.html"]) == 0
    [doc] = page_data((tmp_path / "r.html").read_text(encoding="utf-8"))["documents"]
    assert doc["text"] == grain_text
    assert doc["id"] == str(Path("articles") / "grain.txt")


def test_review_takes_title_and_date_from_a_saved_record(
    tmp_path: Path, grain: ArticleSummary, grain_text: str
):
    (tmp_path / "grain.txt").write_text(grain_text, encoding="utf-8")
    record = {"source": "grain.txt", "title": "Grain talks", **grain.model_dump(mode="json")}
    record["metadata"] = {"date": "2026-03-01"}
    saved = tmp_path / "r.jsonl"
    saved.write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["review", str(saved), "--sources", str(tmp_path), "-o", str(out)]) == 0
    [doc] = page_data(out.read_text(encoding="utf-8"))["documents"]
    assert (doc["title"], doc["date"], doc["id"]) == ("Grain talks", "2026-03-01", "grain.txt")


def test_review_lists_a_result_without_its_text_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], grain: ArticleSummary
):
    saved = tmp_path / "lost.json"
    saved.write_text(grain.model_dump_json(), encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["review", str(saved), "--sources", str(tmp_path / "nowhere"), "-o", str(out)]) == 1
    assert "source text not found" in capsys.readouterr().err
    [doc] = page_data(out.read_text(encoding="utf-8"))["documents"]
    assert doc["result"] is not None and doc["text"] is None


def test_review_reports_a_file_that_is_not_a_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    bad = tmp_path / "bad.json"
    bad.write_text('{"summary": 3}', encoding="utf-8")
    assert main(["review", str(bad), "-o", str(tmp_path / "r.html")]) == 1
    assert "not a seedsum result" in capsys.readouterr().err


def test_review_lists_a_document_that_failed_with_its_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    out = tmp_path / "r.html"
    articles = ROOT / "examples" / "articles"
    argv = ["review", str(articles), "-o", str(out), "--backend", "rules", "-q"]
    assert main([*argv, "--max-tokens-per-document", "1"]) == 1
    assert "BudgetExceededError" in capsys.readouterr().err
    docs = page_data(out.read_text(encoding="utf-8"))["documents"]
    assert len(docs) == 2
    assert all(d["text"] and d["result"] is None and "max_tokens" in d["error"] for d in docs)


def test_review_open_uses_the_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    out = tmp_path / "r.html"
    article = ROOT / "examples" / "articles" / "grain_corridor.txt"
    assert main(["review", str(article), "-o", str(out), "--backend", "rules", "-q", "--open"]) == 0
    assert opened == [out.resolve().as_uri()]


# -- gold bundles in seedsum.eval ---------------------------------------------------------------


def test_eval_reads_a_gold_bundle(tmp_path: Path):
    eval_dir = ROOT / "bench" / "eval"
    name = "economy_rate_decision"
    gold = json.loads((eval_dir / f"{name}.gold.json").read_text(encoding="utf-8"))
    bundle = tmp_path / "reviewed.gold-bundle.json"
    bundle.write_text(
        json.dumps({"seedsum_gold_bundle": 1, "documents": {f"some/dir/{name}.txt": gold}}),
        encoding="utf-8",
    )
    assert read_gold(bundle, name) == gold
    from_bundle = evaluate(eval_dir, bundle)
    assert list(from_bundle.articles) == [name]
    assert from_bundle.articles[name] == evaluate(eval_dir).articles[name]


# -- the browser helper ----------------------------------------------------------------------


def test_the_browser_helper_loads_playwright_only_to_launch():
    code = "import sys, seedsum.review.browser; print('playwright' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_missing_chromium_is_a_configuration_error_that_says_what_to_do(tmp_path: Path):
    pytest.importorskip("playwright")
    from seedsum.review.browser import headless_chromium

    missing = tmp_path / "no-chromium"
    opened = headless_chromium(str(missing))
    with pytest.raises(seedsum.ConfigurationError, match="apt-get install chromium"):
        opened.__enter__()


# -- packaging ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_wheel_ships_the_page_assets(wheel: Path):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    from seedsum.review.render import SCRIPTS

    for asset in ("page.html", "review.css", "render.py", "command.py", *SCRIPTS):
        assert f"seedsum/review/{asset}" in names
