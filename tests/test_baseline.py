"""Baselines (keyed by path, rule and normalised line text, with counts) and --diff-base."""
import json
import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kdlint.baseline import line_hash, normalize
from kdlint.cli import main
from kdlint.gitdiff import parse_hunks

BAD = "    KeInitializeEvent(Event, FALSE, NotificationEvent);\n"
GOOD = "    KeInitializeEvent(Event, NotificationEvent, FALSE);\n"


def source(*body: str) -> str:
    return "#include <ntddk.h>\nVOID Init(PKEVENT Event)\n{\n" + "".join(body) + "}\n"


def run(*args, cwd=None):
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, [str(a) for a in args])
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                           "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                          cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path):
    r = tmp_path / "repo"
    (r / "src").mkdir(parents=True)
    (r / "src" / "drv.c").write_text(source(BAD, GOOD, BAD))
    git(r, "init", "-q")
    git(r, "add", ".")
    git(r, "commit", "-q", "-m", "init")
    return r


def test_baseline_holds_todays_findings_and_fails_on_new_ones(repo):
    base = repo / "kdlint-baseline.json"
    code, _, err = run("baseline", "-o", base, repo / "src")
    assert code == 0 and "wrote 2 finding(s)" in err
    doc = json.loads(base.read_text())
    assert doc["findings"] == [{"path": "src/drv.c", "rule": "KD101",
                                "hash": line_hash(BAD), "count": 2}]
    assert run("check", "--baseline", base, repo / "src")[0] == 0
    # lines move (not keyed by line number) and whitespace changes: still held
    (repo / "src" / "drv.c").write_text("\n\n" + source(BAD.replace("    ", "\t"), GOOD, BAD))
    code, out, _ = run("check", "--baseline", base, repo / "src")
    assert code == 0 and "KD101" not in out
    # a third identical finding is new: the count is 2
    (repo / "src" / "drv.c").write_text(source(BAD, BAD, GOOD, BAD))
    code, out, _ = run("check", "--baseline", base, repo / "src")
    assert code == 1 and out.count("[KD101]") == 1
    # a different line is new
    (repo / "src" / "drv.c").write_text(source(BAD, BAD, "    KeInitializeEvent(Event, TRUE, 7);\n"))
    code, out, _ = run("check", "--baseline", base, repo / "src")
    assert code == 1 and "drv.c:6:" in out and "drv.c:4:" not in out


def test_baseline_paths_are_repository_relative_whatever_the_working_directory(repo, tmp_path):
    base = repo / "b.json"
    assert run("baseline", "-o", base, "src", cwd=repo)[0] == 0
    assert run("check", "--baseline", base, repo / "src" / "drv.c", cwd=tmp_path)[0] == 0
    assert run("check", "--baseline", "../b.json", "drv.c", cwd=repo / "src")[0] == 0


def test_fixed_findings_are_reported_as_stale(repo):
    base = repo / "b.json"
    run("baseline", "-o", base, repo / "src")
    (repo / "src" / "drv.c").write_text(source(GOOD))
    code, _, err = run("check", "--baseline", base, repo / "src")
    assert code == 0 and "2 baseline entries no longer found" in err


@pytest.mark.parametrize("content,needle", [
    (None, "no such baseline file"),
    ("{nope", "invalid JSON"),
    ('{"findings": []}', "not a kdlint baseline"),
    ('{"kdlint-baseline": 1, "findings": [{"path": 1}]}', "malformed entry"),
])
def test_bad_baseline_exits_2_with_one_line(repo, content, needle):
    base = repo / "b.json"
    if content is not None:
        base.write_text(content)
    code, _, err = run("check", "--baseline", base, repo / "src")
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2 and len(lines) == 1 and needle in lines[0] and "Traceback" not in err


def test_diff_base_reports_only_changed_lines(repo):
    (repo / "src" / "drv.c").write_text(source(BAD, GOOD, BAD, "    " + BAD.strip() + " /*new*/\n"))
    code, out, _ = run("check", "--diff-base", "HEAD", repo / "src")
    assert code == 1
    assert out.count("[KD101]") == 1 and "drv.c:7:" in out
    code, out, _ = run("check", repo / "src")
    assert out.count("[KD101]") == 3


def test_diff_base_counts_every_line_of_untracked_and_non_git_files(repo, tmp_path):
    (repo / "src" / "new.c").write_text(source(BAD))
    code, out, _ = run("check", "--diff-base", "HEAD", repo / "src")
    assert code == 1 and "new.c:4:" in out and "drv.c" not in out
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.c").write_text(source(BAD))
    assert run("check", "--diff-base", "HEAD", outside / "x.c")[0] == 1


def test_diff_base_unknown_revision_exits_2(repo):
    (repo / "src" / "drv.c").write_text(source(BAD, BAD))
    code, _, err = run("check", "--diff-base", "no-such-rev", repo / "src")
    assert code == 2 and "'no-such-rev' is not a commit" in err and "Traceback" not in err


def test_parse_hunks_and_normalize():
    diff = ("@@ -3 +3 @@\n-a\n+b\n@@ -10,0 +11,2 @@\n+c\n+d\n@@ -20,3 +21,0 @@\n-x\n")
    assert parse_hunks(diff) == {3, 11, 12}
    assert normalize("  a \t b  ") == "a b"
    assert line_hash(" f( x ); ") == line_hash("f( x );")
