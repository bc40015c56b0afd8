"""One parametrized test over every fixture driver: inline expectations must match exactly."""
from pathlib import Path

import pytest

from kdlint import registry, testing
from kdlint.config import Settings
from kdlint.engine import check_file

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FIXTURE_FILES = sorted(FIXTURES.glob("*.c"))


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_fixture(path):
    exp = testing.parse_expectations(path)
    assert exp.marks, f"{path.name} has no kdlint-expect/kdlint-ok annotations"
    rules = registry.select(exp.select)
    got = check_file(path, Settings(headers="model"), rules)
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
