"""Every rule is well-formed, uniquely named, selectable and has a fixture with both kinds of case."""
from pathlib import Path

import pytest

from kdlint import registry, testing
from kdlint.registry import SelectionError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
RULES = registry.all_rules()


def test_rules_are_discovered():
    assert RULES, "no rules discovered in kdlint.rules"
    assert [r.id for r in RULES] == sorted({r.id for r in RULES})


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_metadata(rule):
    assert rule.metadata_problems() == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_fixture_with_expect_and_ok(rule):
    stem = rule.__module__.rsplit(".", 1)[-1]
    paths = [FIXTURES / f"{stem}.c", *FIXTURES.glob(f"{stem}_*.c")]
    marks = [m for p in paths if p.exists() for m in testing.parse_expectations(p).marks
             if m.rule_id == rule.id]
    assert any(m.kind == "expect" for m in marks), f"{stem}.c has no kdlint-expect: {rule.id}"
    assert any(m.kind == "ok" for m in marks), f"{stem}.c has no kdlint-ok: {rule.id}"


def test_selection_by_prefix_name_and_ignore():
    first = RULES[0]
    assert registry.select([first.id[:3]]) == [r for r in RULES if r.id.startswith(first.id[:3])]
    assert registry.select([first.name]) == [first]
    assert first not in registry.select([], ignore=[first.id])
    assert registry.select([]) == list(RULES)
    assert registry.find(first.id.lower()) is first


def test_unknown_selection_is_an_error():
    with pytest.raises(SelectionError):
        registry.select(["KD999"])
