"""Inline suppressions: same line, next line, block comments, prefixes, not inside strings;
suppressed findings never fail the run; unused suppressions are note-level notices."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kdlint.cli import main
from kdlint.source import SourceFile
from kdlint.suppress import parse_suppressions, unused_suppressions

HEAD = "#include <ntddk.h>\nVOID Init(PKEVENT Event)\n{\n"
BAD = "KeInitializeEvent(Event, FALSE, NotificationEvent);"
GOOD = "KeInitializeEvent(Event, NotificationEvent, FALSE);"


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def driver(tmp_path: Path, *body: str) -> Path:
    path = tmp_path / "drv.c"
    path.write_text(HEAD + "".join(f"    {line}\n" for line in body) + "}\n")
    return path


def src(text: str) -> SourceFile:
    return SourceFile(Path("x.c"), text.encode())


@pytest.mark.parametrize("body", [
    [BAD + " // kdlint: ignore[KD101] legacy code"],
    [BAD + " /* kdlint: ignore[KD1] legacy code */"],
    ["// kdlint: ignore-next-line[KD101] legacy code", BAD],
    ["/* kdlint: ignore-next-line[KD101]", "   legacy code, reviewed */", BAD],
    ["/* kdlint: ignore[kd101] lower-case id */ " + BAD],
], ids=["line", "block-prefix", "next-line", "multi-line-block", "block-before-code"])
def test_suppressed_finding_does_not_fail_and_is_kept_with_its_reason(tmp_path, body):
    path = driver(tmp_path, *body)
    code, out, err = run("check", path)
    assert code == 0, out + err
    assert "KD101" not in out and "unused suppression" not in err
    code, out, _ = run("check", "--format", "json", path)
    [finding] = json.loads(out)["findings"]
    assert code == 0 and finding["ruleId"] == "KD101" and finding["suppressed"] is True
    assert finding["justification"] in ("legacy code", "legacy code, reviewed",
                                        "lower-case id")


def test_suppression_elsewhere_does_not_apply(tmp_path):
    path = driver(tmp_path, "// kdlint: ignore[KD101] wrong place", "", BAD)
    code, out, err = run("check", path)
    assert code == 1 and "KD101" in out
    assert "unused suppression" in err


def test_marker_in_a_string_is_not_a_suppression(tmp_path):
    path = driver(tmp_path, BAD + ' DbgPrint("// kdlint: ignore[KD101]");')
    assert run("check", path)[0] == 1


def test_sarif_carries_in_source_suppressions_when_asked(tmp_path):
    path = driver(tmp_path, BAD + " // kdlint: ignore[KD101] reviewed by X")
    code, out, _ = run("check", "--format", "sarif", "--include-suppressed", path)
    assert code == 0
    results = json.loads(out)["runs"][0]["results"]
    assert results[0]["suppressions"] == [{"kind": "inSource", "justification": "reviewed by X"}]
    code, out, _ = run("check", "--format", "sarif", path)
    assert json.loads(out)["runs"][0]["results"] == []


def test_unused_and_unknown_suppressions_are_notes_that_never_fail(tmp_path):
    path = driver(tmp_path, GOOD + " // kdlint: ignore[KD101] stale",
                  GOOD + " // kdlint: ignore[KD9Z9] typo",
                  GOOD + " // kdlint: ignore")
    code, out, err = run("check", path)
    assert code == 0, err
    assert "drv.c:4:1: note: unused suppression: no KD101 finding on line 4" in err
    assert "no known rule: 'KD9Z9'" in err
    assert "without rule ids does nothing" in err


def test_unused_is_not_reported_for_rules_that_did_not_run(tmp_path):
    path = driver(tmp_path, GOOD + " // kdlint: ignore[KD101] only with KD1 selected")
    code, _, err = run("check", "--ignore", "KD101", path)
    assert code == 0 and "unused suppression" not in err


def test_parse_suppressions_lines_and_reasons():
    s = parse_suppressions(src(
        "a(); // kdlint: ignore[KD101, kd3] why not\n"
        "/* kdlint: ignore-next-line[KD2]\n"
        " * reason */\n"
        "b();\n"
        'c("/* kdlint: ignore[KD4] */");\n'
        "d(); /* kdlint: ignore[KD5] */ e(); // kdlint: ignore[KD6]: colon reason\n"))
    assert [(x.line, x.comment_line, x.ids, x.reason) for x in s] == [
        (1, 1, ["KD101", "KD3"], "why not"),
        (4, 2, ["KD2"], "reason"),
        (6, 6, ["KD5"], "suppressed in source"),
        (6, 6, ["KD6"], "colon reason"),
    ]


def test_unused_suppressions_unit():
    from kdlint.results import Diagnostic, Span

    source = src("x(); // kdlint: ignore[KD1,KD3]\n")
    d = Diagnostic("KD101", "error", "m", Span("x.c", 1, 1, 1, 2))
    notes = unused_suppressions(source, "x.c", [d], ran=["KD101", "KD301"],
                                known=["KD101", "KD301"])
    assert [n.message for n in notes] == [
        "unused suppression: no KD3 finding on line 1 (`kdlint: ignore[KD1,KD3]`)"]
    assert all(n.level == "note" for n in notes)


def test_begin_end_blocks(tmp_path):
    path = driver(tmp_path, "// kdlint: ignore-begin[KD101] generated code", BAD, BAD,
                  "// kdlint: ignore-end", BAD)
    code, out, err = run("check", path)
    assert code == 1 and out.count("[KD101]") == 1 and "drv.c:8:" in out
    assert "unused suppression" not in err and "no matching" not in err


def test_unmatched_begin_or_end_suppresses_nothing_and_says_so(tmp_path):
    path = driver(tmp_path, "/* kdlint: ignore-begin[KD101] forgot the end */", BAD,
                  "// kdlint: ignore-end[KD3]")
    code, out, err = run("check", path)
    assert code == 1 and "drv.c:5:" in out
    assert "`kdlint: ignore-begin[KD101]` has no matching `kdlint: ignore-end`" in err
    assert "`kdlint: ignore-end[KD3]` has no matching `kdlint: ignore-begin`" in err


def test_begin_end_unit():
    source = src("// kdlint: ignore-begin[KD1]\na();\n/* kdlint: ignore-begin[KD3] */\n"
                 "b();\n// kdlint: ignore-end[KD1]\nc();\n// kdlint: ignore-end\n")
    blocks = [(s.ids, s.line, s.last_line) for s in parse_suppressions(source)]
    assert blocks == [(["KD1"], 1, 5), (["KD3"], 3, 7)]
    notes = unused_suppressions(source, "x.c", [], ran=["KD101", "KD301"],
                                known=["KD101", "KD301"])
    assert [n.message for n in notes] == [
        "unused suppression: no KD1 finding on lines 1-5 (`kdlint: ignore-begin[KD1]`)",
        "unused suppression: no KD3 finding on lines 3-7 (`kdlint: ignore-begin[KD3]`)"]
