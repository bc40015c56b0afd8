"""The command line: exit codes, bad input, output formats, rule docs."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kdlint.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "eventdrv" / "eventdrv.c"

CLEAN = """#include <ntddk.h>
VOID Init(PKEVENT Event) { KeInitializeEvent(Event, NotificationEvent, FALSE); }
"""
SWAPPED = """#include <ntddk.h>
VOID Init(PKEVENT Event)
{
    KeInitializeEvent(Event, FALSE, NotificationEvent);
}
"""


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def drivers(tmp_path):
    (tmp_path / "clean.c").write_text(CLEAN)
    (tmp_path / "swapped.c").write_text(SWAPPED)
    return tmp_path


def test_swapped_arguments_exit_1_and_report_the_line(drivers):
    code, out, _ = run("check", drivers / "swapped.c")
    assert code == 1
    assert "swapped.c:4:5: error:" in out and "[KD101]" in out


def test_clean_driver_exits_0(drivers):
    code, out, _ = run("check", drivers / "clean.c")
    assert code == 0, out
    assert "KD101" not in out


def test_missing_path_exits_2_with_one_line(tmp_path):
    code, _, err = run("check", tmp_path / "nope.c")
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "nope.c" in lines[0] and "Traceback" not in err


def test_no_paths_is_a_usage_error():
    code, _, err = run("check")
    assert code == 2 and "no paths" in err


def test_directory_without_c_files_exits_2(tmp_path):
    (tmp_path / "readme.txt").write_text("hello")
    code, _, err = run("check", tmp_path)
    assert code == 2 and "no C source files" in err


@pytest.mark.parametrize("name,data,why", [
    ("binary.c", bytes(range(256)) * 4, "binary"),
    ("utf16.c", "int x;\n".encode("utf-16"), "UTF-16"),
], ids=["binary", "utf16"])
def test_bad_file_is_a_notice_and_other_findings_are_kept(drivers, name, data, why):
    (drivers / name).write_bytes(data)
    code, out, err = run("check", drivers)
    assert code == 1
    assert "swapped.c:4:5" in out
    assert why in err and name in err
    assert "Traceback" not in out + err


def test_only_bad_files_exit_2(tmp_path):
    (tmp_path / "binary.c").write_bytes(b"\0\1\2\3" * 100)
    code, _, err = run("check", tmp_path / "binary.c")
    assert code == 2 and "binary" in err


def test_unknown_rule_selection_exits_2(drivers):
    code, _, err = run("check", "--select", "KD999", drivers)
    assert code == 2 and "KD999" in err


def test_exit_zero_and_fail_level(drivers):
    assert run("check", "--exit-zero", drivers / "swapped.c")[0] == 0
    assert run("check", "--fail-level", "error", drivers / "swapped.c")[0] == 1


def test_json_and_sarif_formats_are_json(drivers, tmp_path):
    code, out, _ = run("check", "--format", "json", drivers / "swapped.c")
    assert code == 1 and json.loads(out)
    target = tmp_path / "out.sarif"
    code, out, _ = run("check", "--format", "sarif", "-o", target, drivers / "swapped.c")
    assert code == 1
    log = json.loads(target.read_text())
    assert log["version"] == "2.1.0"
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["KD101"]


def test_unwritable_output_exits_2(drivers, tmp_path):
    code, _, err = run("check", "-o", tmp_path / "no" / "such" / "dir" / "x.txt", drivers)
    assert code == 2 and "cannot write" in err


def test_rules_and_rule_docs():
    code, out, _ = run("rules")
    assert code == 0 and "KD101" in out and "event-init-bad-arguments" in out
    code, out, _ = run("rule", "KD101")
    assert code == 0 and "## What it does" in out and "severity: error" in out
    assert run("rule", "event-init-bad-arguments")[0] == 0
    assert run("rule", "KD999")[0] == 2


def test_example_driver_is_flagged_on_the_swapped_line():
    code, out, _ = run("check", EXAMPLE)
    assert code == 1
    line = next(i for i, text in enumerate(EXAMPLE.read_text().splitlines(), 1)
                if "FALSE, SynchronizationEvent" in text)
    assert f"eventdrv.c:{line}:" in out


def test_doctor_clang_args_is_one_json_array(drivers):
    code, out, _ = run("doctor", "--clang-args", drivers / "swapped.c")
    assert code == 0
    args = json.loads(out)
    assert isinstance(args, list) and all(isinstance(a, str) for a in args)
    assert args[-1].endswith("swapped.c")


def test_doctor_explains(drivers):
    code, out, _ = run("doctor", drivers / "swapped.c")
    assert code == 0 and "model" in out


def test_headers_named_explicitly_are_skipped_quietly(drivers):
    (drivers / "drv.h").write_text("#pragma once\nint f(void);\n")
    assert run("check", drivers / "drv.h") == (0, "", "")
    code, out, _ = run("check", drivers / "drv.h", drivers / "swapped.c")
    assert code == 1 and "swapped.c:4:5" in out and "drv.h" not in out


def test_baseline_command_needs_paths_and_a_writable_output(drivers, tmp_path):
    code, _, err = run("baseline", "-o", tmp_path / "b.json")
    assert code == 2 and "no paths" in err
    code, _, err = run("baseline", "-o", tmp_path / "no" / "dir" / "b.json", drivers)
    assert code == 2 and "cannot write" in err and "Traceback" not in err
    code, _, err = run("baseline", "-o", tmp_path / "b.json", drivers / "nope.c")
    assert code == 2 and "nope.c" in err


def test_forced_missing_header_layer_is_one_line_exit_2(drivers, monkeypatch):
    for var in ("WDKContentRoot", "MicrosoftKitRoot"):
        monkeypatch.delenv(var, raising=False)
    code, _, err = run("check", "--headers", "wdk", "--wdk-root", drivers / "no-kit", drivers)
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "WDK" in lines[0] and "Traceback" not in err


def test_background_notices_only_with_verbose(tmp_path):
    (tmp_path / "uses_missing.c").write_text(
        '#include <ntddk.h>\n#include "generated_by_mc.h"\n'
        "VOID Init(PKEVENT Event) { KeInitializeEvent(Event, NotificationEvent, FALSE); }\n")
    code, _, err = run("check", "--headers", "model", tmp_path)
    assert code == 0 and "stubs" not in err
    code, _, err = run("check", "-v", "--headers", "model", tmp_path)
    assert code == 0 and "generated_by_mc.h" in err and "stubs" in err
