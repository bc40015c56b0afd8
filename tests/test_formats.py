"""Output formats: github workflow commands, JUnit XML, several outputs in one run, colour on a
terminal only, the progress bar on a terminal only, and the same exit code in every format."""
import json
import os
import select
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from kdlint.cli import FORMATS, colorize, main
from kdlint.report.github import annotation, escape_data, escape_property
from kdlint.report.junit import render as junit_render
from kdlint.results import Diagnostic, FileHealth, FileResult, Notice, RunResult, Span

SWAPPED = """#include <ntddk.h>
VOID Init(PKEVENT Event)
{
    KeInitializeEvent(Event, FALSE, NotificationEvent);
}
"""
CLEAN = "#include <ntddk.h>\nVOID Init(PKEVENT E) { KeInitializeEvent(E, NotificationEvent, FALSE); }\n"
ANSI = "\x1b["


def run(*args, env=None):
    result = CliRunner().invoke(main, [str(a) for a in args], env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def drivers(tmp_path):
    (tmp_path / "swapped.c").write_text(SWAPPED)
    (tmp_path / "clean.c").write_text(CLEAN)
    return tmp_path


def test_github_escaping_follows_the_actions_toolkit():
    assert escape_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert annotation("note", "x: y, z", file="a,b:c.c", line=3, title="KD101") == \
        "::notice file=a%2Cb%3Ac.c,line=3,title=KD101::x: y, z"


def test_github_format(drivers):
    code, out, _ = run("check", "--format", "github", drivers / "swapped.c")
    assert code == 1
    [line] = [x for x in out.splitlines() if x.startswith("::error")]
    assert line.startswith("::error file=")
    props, message = line[len("::error "):].split("::", 1)
    fields = dict(p.split("=", 1) for p in props.split(","))
    assert fields["file"].endswith("swapped.c") and fields["title"] == "KD101"
    assert (fields["line"], fields["col"], fields["endLine"]) == ("4", "5", "4")
    assert int(fields["endColumn"]) > 5
    assert "swapped" in message and "\n" not in message


def test_junit_format_is_valid_xml(drivers):
    code, out, _ = run("check", "--format", "junit", drivers)
    assert code == 1
    root = ET.fromstring(out.encode())
    suite = root.find("testsuite")
    assert suite.get("tests") == "2" and suite.get("failures") == "1"
    failing = [c for c in suite if c.find("failure") is not None]
    assert failing[0].get("classname").endswith("swapped.c")
    assert failing[0].find("failure").get("type") == "KD101"


def test_junit_escapes_and_reports_unanalysable_files():
    span = Span("/r/a.c", 1, 1, 1, 2)
    r = RunResult("/r", files=[
        FileResult("/r/a.c", [Diagnostic("KD101", "error", 'bad <&> "x" \x01', span)],
                   health=FileHealth("/r/a.c", "model")),
        FileResult("/r/b.c", notices=[Notice("/r/b.c", "error", "binary data")],
                   health=FileHealth("/r/b.c", "model", failed="binary data")),
    ])
    root = ET.fromstring(junit_render(r, rules=[]).encode())
    assert root.get("tests") == "2" and root.get("failures") == "1" and root.get("errors") == "1"
    assert root.find(".//failure").get("message").startswith('bad <&> "x"')


def test_several_outputs_in_one_run(drivers, tmp_path):
    sarif, js, junit = tmp_path / "k.sarif", tmp_path / "k.json", tmp_path / "k.xml"
    code, out, _ = run("check", "--sarif-output", sarif, "--json-output", js,
                       "--junit-output", junit, drivers / "swapped.c")
    assert code == 1 and "swapped.c:4:5: error:" in out
    assert json.loads(sarif.read_text())["runs"][0]["results"][0]["ruleId"] == "KD101"
    assert json.loads(js.read_text())["findings"][0]["ruleId"] == "KD101"
    assert ET.fromstring(junit.read_bytes()).get("failures") == "1"


def test_exit_code_is_the_same_in_every_format(drivers):
    for fmt in FORMATS:
        assert run("check", "--format", fmt, drivers / "swapped.c")[0] == 1, fmt
        assert run("check", "--format", fmt, drivers / "clean.c")[0] == 0, fmt
        assert run("check", "--format", fmt, "--exit-zero", drivers / "swapped.c")[0] == 0, fmt


def test_colour_only_when_asked_or_on_a_terminal(drivers):
    code, out, _ = run("check", "--color", "always", drivers / "swapped.c")
    assert code == 1 and ANSI in out and "KD101" in out
    assert ANSI not in run("check", drivers / "swapped.c")[1]  # not a terminal
    assert ANSI not in run("check", "--color", "never", drivers / "swapped.c")[1]


def test_colorize_keeps_the_text():
    line = "a.c:4:5: error: msg [KD101]"
    coloured = colorize(line + "\nplain")
    assert ANSI in coloured
    import re
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == line + "\nplain"


def _run_on_pty(args, env_extra, cwd):
    """Run kdlint with stdout and stderr on a pseudo-terminal; return what the terminal saw."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items()
           if k not in ("CI", "PRE_COMMIT", "GITHUB_ACTIONS", "TF_BUILD", "NO_COLOR")}
    env.update(env_extra)
    proc = subprocess.Popen([sys.executable, "-m", "kdlint", *args], stdout=slave,
                            stderr=slave, stdin=subprocess.DEVNULL, env=env, cwd=cwd)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_terminal_gets_colour_and_progress_but_not_with_no_color_or_in_ci(drivers):
    for i in range(3):
        (drivers / f"more{i}.c").write_text(CLEAN)
    code, seen = _run_on_pty(["check", "."], {}, drivers)
    assert code == 1 and ANSI in seen and "swapped.c" in seen
    assert "kdlint" in seen and "5/5" in seen  # click's progress bar, with its position
    code, seen = _run_on_pty(["check", "."], {"NO_COLOR": "1", "CI": "true"}, drivers)
    assert code == 1 and ANSI not in seen and "5/5" not in seen
    # a pipe never gets either
    proc = subprocess.run([sys.executable, "-m", "kdlint", "check", "."], cwd=drivers,
                          capture_output=True, text=True)
    assert proc.returncode == 1 and ANSI not in proc.stdout + proc.stderr
    assert "5/5" not in proc.stderr


def test_statistics(drivers):
    code, _, err = run("check", "--statistics", drivers)
    assert code == 1 and "     1  KD101" in err and "parse health:" in err


def test_fail_level(drivers):
    assert run("check", "--fail-level", "error", drivers / "swapped.c")[0] == 1


def test_github_leaves_out_suppressed_findings_and_note_level_notices():
    from kdlint.report.github import render

    span = Span("/r/src/a.c", 2, 3, 2, 9)
    r = RunResult("/r", files=[FileResult(
        "/r/src/a.c",
        [Diagnostic("KD101", "warning", "50% done,\nreally", span),
         Diagnostic("KD102", "error", "hidden", span, suppressed="reviewed")],
        notices=[Notice("/r/src/a.c", "error", "clang reported 1 error(s)", 7),
                 Notice("/r/src/a.c", "note", "unused suppression", 3)],
        health=FileHealth("/r/src/a.c", "model"))])
    assert render(r, rules=[]).splitlines() == [
        "::warning file=src/a.c,line=2,col=3,endLine=2,endColumn=9,title=KD101::50%25 done,%0Areally",
        "::error file=src/a.c,line=7,title=kdlint::clang reported 1 error(s)",
    ]


def test_github_paths_are_relative_to_the_workspace(drivers, tmp_path):
    sub = drivers / "driver"
    sub.mkdir()
    (sub / "x.c").write_text(SWAPPED)
    code, out, _ = run("check", "--format", "github", sub / "x.c",
                       env={"GITHUB_WORKSPACE": str(drivers)})
    assert code == 1 and "::error file=driver/x.c,line=4," in out
