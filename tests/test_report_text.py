"""The text reporter: gcc-style lines that editors' problem matchers pick up, and a summary."""
from __future__ import annotations

import re

import pytest

from kdlint.report import text
from kdlint.results import Diagnostic, FileHealth, FileResult, Notice, RunResult, Span
from sarif_validate import sample_rules, sample_run

RULES = sample_rules()
# VS Code's $gcc problem matcher: file, line, column, severity, message.
GCC = re.compile(r"^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error|note):\s+(.*)$")


@pytest.fixture
def run(tmp_path):
    return sample_run(tmp_path / "repo", tmp_path / "elsewhere")


def test_lines(run, tmp_path):
    out = text.render(run, rules=RULES)
    outside = str(tmp_path / "elsewhere" / "o.c")
    assert out.splitlines() == [
        f"{outside}:1:10: error: user pointer 'UserBuffer' read [KD401]",
        "b.c:1:1: error: clang reported 1 error(s) with the model headers; findings in the "
        "affected functions may be missing: 1:9: use of undeclared identifier 'UserBuffer' "
        "[kdlint]",
        "b.c:2:10: note: user pointer 'UserBuffer' read [KD401]",
        "src dir/drv \u00e9.c:5:5: warning: stack event 'e' is waited on in UserMode [KD101]",
    ]
    assert out.endswith("\n")


def test_every_line_matches_the_gcc_problem_matcher(run):
    for line in text.render(run, rules=RULES).splitlines():
        assert GCC.match(line), line


def test_suppressed_findings_are_left_out_unless_asked(run):
    assert "probed by the caller" not in text.render(run, rules=RULES)
    out = text.render(run, rules=RULES, include_suppressed=True)
    assert "b.c:1:10: warning: user pointer 'UserBuffer' read (suppressed: probed by the caller) " \
           "[KD401]" in out.splitlines()


def test_notices_can_be_rendered_separately(run):
    findings = text.render(run, rules=RULES, notices=False)
    notices = text.render_notices(run)
    assert "[kdlint]" not in findings
    assert notices.splitlines() == [line for line in text.render(run, rules=RULES).splitlines()
                                    if line.endswith("[kdlint]")]


def test_notice_on_a_line_and_multiline_message(tmp_path):
    path = str(tmp_path / "a.c")
    run = RunResult(str(tmp_path), [FileResult(path, [], [
        Notice(path, "error", "internal error in rule KD101:\n  KeyError: 'x'", 7)])])
    assert text.render(run, rules=RULES) == (
        "a.c:7:1: error: internal error in rule KD101: KeyError: 'x' [kdlint]\n")


def test_nothing_to_say_is_empty(tmp_path):
    assert text.render(RunResult(str(tmp_path)), rules=RULES) == ""


def test_summary(run):
    assert text.summary(run) == "3 findings in 4 files, 1 suppressed (2 files with parse errors)"


def test_summary_singular(tmp_path):
    path = str(tmp_path / "a.c")
    fr = FileResult(path, [Diagnostic("KD101", "warning", "m", Span(path, 1, 1, 1, 2))], [],
                    FileHealth(path, "model", errors=1))
    run = RunResult(str(tmp_path), [fr])
    run.health.add(fr.health)
    assert text.summary(run) == "1 finding in 1 file (1 file with parse errors)"
    assert text.summary(RunResult(str(tmp_path))) == "0 findings in 0 files (0 files with parse errors)"


def test_summary_counts_a_lost_file_apart_from_parse_errors(tmp_path):
    run = RunResult(str(tmp_path))
    for name, health in (("a.c", FileHealth("a.c", "model", errors=2)),
                         ("b.c", FileHealth("b.c", "model", failed="analysis took longer than 3 s")),
                         ("c.c", FileHealth("c.c", "model"))):
        fr = FileResult(str(tmp_path / name), [], [], health)
        run.files.append(fr)
        run.health.add(health)
    assert text.summary(run) == "0 findings in 3 files (1 file with parse errors, 1 not analysed)"
    assert run.health.as_json()["filesNotAnalysed"] == 1
