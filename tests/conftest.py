"""Shared test set-up: runs of the CLI inside tests neither read nor write the result cache
(tests/test_cache.py turns it back on with an explicit --cache-dir)."""
import pytest


@pytest.fixture(autouse=True)
def _no_result_cache(monkeypatch):
    monkeypatch.setenv("KDLINT_NO_CACHE", "1")
