"""One parametrized test over every fixture driver: inline expectations must match exactly.

Each fixture runs with kdlint's model headers and with mingw-w64's DDK headers, so both header
layers are exercised. Where mingw-w64 is not installed the mingw runs skip, except in CI
(``CI=true``), where .ci/run installs it and its absence is a failure.
"""
import os
from pathlib import Path

import pytest

from kdlint import registry, testing
from kdlint.config import Settings
from kdlint.engine import check_file
from kdlint.headers import find_mingw

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FIXTURE_FILES = sorted(FIXTURES.glob("*.c"))


HEADER_LAYERS = ["model", "mingw"]


def _require_layer(headers: str) -> None:
    if headers == "mingw" and find_mingw()[0] is None:
        if os.environ.get("CI") == "true":
            pytest.fail("mingw-w64 DDK headers are not installed (.ci/run installs them)")
        pytest.skip("mingw-w64 DDK headers not installed (apt-get install mingw-w64-x86-64-dev)")


@pytest.mark.parametrize("headers", HEADER_LAYERS)
@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_fixture(path, headers):
    _require_layer(headers)
    exp = testing.parse_expectations(path)
    assert exp.marks, f"{path.name} has no kdlint-expect/kdlint-ok annotations"
    rules = registry.select(exp.select)
    got = check_file(path, Settings(headers=headers), rules)
    assert got.health is not None and got.health.failed is None, got.notices
    assert got.health.errors == 0, "fixture does not parse cleanly:\n" + "\n".join(
        got.health.first_errors)
    assert got.health.functions_dropped == 0, got.notices
    assert not [n for n in got.notices if "internal error" in n.message], got.notices
    missing, unexpected = testing.diff(exp, got.diagnostics)
    assert not (missing or unexpected), "\n" + testing.render(missing, unexpected)


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_all_rules_run_on_fixture_without_internal_errors(path):
    got = check_file(path, Settings(headers="model"), list(registry.all_rules()))
    assert not [n for n in got.notices if "internal error" in n.message], got.notices
