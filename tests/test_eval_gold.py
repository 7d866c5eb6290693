"""The hand-made gold annotations in bench/eval stay consistent with their articles and with
GUIDELINES.md (bench/eval/check_gold.py), including the attribution types of issue 13."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from types import ModuleType

import pytest

EVAL = Path(__file__).resolve().parent.parent / "bench" / "eval"

pytestmark = pytest.mark.skipif(not EVAL.is_dir(), reason="no bench/eval here (an sdist)")


def load_checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_gold", EVAL / "check_gold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_gold_file_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert load_checker().main([]) == 0, capsys.readouterr().out


def test_every_split_has_articles() -> None:
    splits = ("heldout", "blind", "blind2", "blind3", "blind4")
    for folder in (EVAL, *(EVAL / split for split in splits)):
        assert len(list(folder.glob("*.gold.json"))) >= 2, folder
    for blind in ("blind", "blind2", "blind3", "blind4"):
        assert (EVAL / blind / "README.md").is_file()


def test_the_second_annotation_is_of_the_development_articles_unchanged() -> None:
    # Its agreement with the first annotation is only meaningful on the same text.
    second = sorted((EVAL / "agreement").glob("*.gold.json"))
    assert len(second) >= 5 and (EVAL / "agreement" / "README.md").is_file()
    for gold in second:
        stem = gold.name.removesuffix(".gold.json")
        copy = (EVAL / "agreement" / f"{stem}.txt").read_bytes()
        assert copy == (EVAL / f"{stem}.txt").read_bytes(), stem
        assert (EVAL / f"{stem}.gold.json").is_file(), stem


def copy_article(tmp_path: Path, stem: str) -> tuple[Path, dict]:
    for suffix in (".txt", ".gold.json"):
        shutil.copy(EVAL / f"{stem}{suffix}", tmp_path / f"{stem}{suffix}")
    gold_path = tmp_path / f"{stem}.gold.json"
    return gold_path, json.loads(gold_path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("attribution", "direct", "'direct' quote is not inside quotation marks"),
        ("attribution", "hearsay", "not in"),
        ("source_description", "officials", "only for attribution 'unnamed'"),
        ("actor", "unnamed", "goes with attribution 'unnamed'"),
    ],
)
def test_wrong_attribution_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str, value: str, message: str
) -> None:
    gold_path, gold = copy_article(tmp_path, "wire_port_strike")
    item = gold["positions"][0]
    assert item["attribution"] == "indirect"  # "is demanding 6.5% a year for two years"
    item[field] = value
    gold_path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    assert load_checker().main([str(gold_path)]) == 1
    assert message in capsys.readouterr().out


def test_quote_over_a_paragraph_break_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold_path, gold = copy_article(tmp_path, "feature_drought_valley")
    text = (EVAL / "feature_drought_valley.txt").read_text(encoding="utf-8")
    first = "two nights is not enough for a peach tree in August."
    second = "If there is no rain by the spring, I will sell the land."
    joined = text[text.index(first) : text.index(second) + len(second) - 1]
    gold["positions"] = [p for p in gold["positions"] if first[:-1] not in p["quote"]]
    gold["predictions"] = [p for p in gold["predictions"] if second[:-1] not in p["quote"]]
    gold["positions"].append(
        {
            "actor": "Giorgio Anselmi",
            "topic": "irrigation",
            "stance": "…",
            "quote": joined,
            "attribution": "direct",
        }
    )
    gold_path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    assert load_checker().main([str(gold_path)]) == 1
    assert "runs over a paragraph break" in capsys.readouterr().out
