"""The JSON reporter: a small stable document for scripts."""
from __future__ import annotations

import json

import pytest

import kdlint
from kdlint.report import json as json_report
from sarif_validate import sample_rules, sample_run

RULES = sample_rules()


@pytest.fixture
def run(tmp_path):
    return sample_run(tmp_path / "repo", tmp_path / "elsewhere")


def test_document(run, tmp_path):
    doc = json.loads(json_report.render(run, rules=RULES))
    assert list(doc) == ["version", "tool", "root", "findings", "notices", "parseHealth",
                         "toolErrors"]
    assert doc["version"] == 1
    assert doc["tool"] == {"name": "kdlint", "version": kdlint.__version__}
    assert doc["root"] == str(tmp_path / "repo")
    assert doc["parseHealth"] == run.health.as_json()
    assert doc["toolErrors"] == []
    assert doc["notices"] == [{"path": "b.c", "level": "error", "line": 0,
                               "message": run.files[1].notices[0].message}]
    assert [(f["ruleId"], f["path"], f["line"], f["suppressed"]) for f in doc["findings"]] == [
        ("KD401", str(tmp_path / "elsewhere" / "o.c"), 1, False),
        ("KD401", "b.c", 1, True),
        ("KD401", "b.c", 2, False),
        ("KD101", "src dir/drv \u00e9.c", 5, False),
    ]


def test_finding_fields(run):
    doc = json_report.document(run)
    kd101 = doc["findings"][-1]
    assert {k: kd101[k] for k in ("ruleId", "level", "message", "path", "line", "column",
                                  "endLine", "endColumn", "suppressed", "justification")} == {
        "ruleId": "KD101", "level": "warning",
        "message": "stack event 'e' is waited on in UserMode", "path": "src dir/drv \u00e9.c",
        "line": 5, "column": 5, "endLine": 5, "endColumn": 64, "suppressed": False,
        "justification": None}
    assert kd101["related"] == [{"path": "src dir/drv \u00e9.c", "line": 4, "column": 12,
                                 "endLine": 4, "endColumn": 13,
                                 "message": "event 'e' declared on the stack [KEVENT]"}]
    assert [s["message"] for s in kd101["codeFlow"]] == [
        "'e' is a stack variable", "'e' initialised", "waited on with UserMode"]
    assert kd101["fixes"] == [{"description": "wait in KernelMode", "path": "src dir/drv \u00e9.c",
                               "line": 5, "column": 42, "endLine": 5, "endColumn": 50,
                               "text": "KernelMode"}]
    suppressed = doc["findings"][1]
    assert suppressed["suppressed"] is True
    assert suppressed["justification"] == "probed by the caller"


def test_suppressed_can_be_left_out(run):
    doc = json_report.document(run, include_suppressed=False)
    assert all(not f["suppressed"] for f in doc["findings"])
    assert len(doc["findings"]) == 3


def test_stable_and_ascii(run):
    out = json_report.render(run, rules=RULES)
    assert out == json_report.render(run, rules=RULES)
    assert out.isascii() and out.endswith("\n")
