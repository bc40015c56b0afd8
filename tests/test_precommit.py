"""The pre-commit hook, end to end: `pre-commit try-repo <this repo> kdlint --files ...` against a
sample driver in a temporary git repository, then `pre-commit run` with a config naming this
repository for the cases that need several runs (try-repo rebuilds its environment every call).

Each environment build is a virtualenv plus a pip install of kdlint (with PyPI's libclang wheel,
as any user's hook gets), so the module takes ~40 s and needs what pip needs; it is marked
``slow`` (deselect with ``-m "not slow"``). It installs a snapshot of this checkout's working tree
(tracked files, plus untracked files under kdlint/ and rules/ that git does not ignore), so it
tests the code as it is now, committed or not. Skipped when pre-commit is not installed (`pip install -e '.[test]'`).
"""
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = shutil.which("pre-commit")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed"),
]

SWAPPED = """#include <ntddk.h>
#include "drv.h"
VOID Init(PKEVENT Event)
{
    KeInitializeEvent(Event, FALSE, NotificationEvent);
}
"""
CLEAN = """#include <ntddk.h>
#include "drv.h"
VOID Init2(PKEVENT Event)
{
    KeInitializeEvent(Event, NotificationEvent, FALSE);
}
"""
HEADER = "#pragma once\nVOID Init(PKEVENT Event);\n"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "GIT_CONFIG_NOSYSTEM": "1"}


def _git(cwd: Path, *args: str) -> str:
    env = dict(os.environ, **GIT_ENV)
    return subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main",
                           *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """A one-commit git repository holding this checkout's working tree."""
    snap = tmp_path_factory.mktemp("kdlint-hook-repo")
    # tracked files as they are now, plus new package files not yet added (but never, say, an
    # unignored virtualenv at the top of the checkout)
    listed = (_git(ROOT, "ls-files", "-z").split("\0")
              + _git(ROOT, "ls-files", "-o", "--exclude-standard", "-z", "--", "kdlint",
                     "rules").split("\0"))
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            (snap / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, snap / rel)
    _git(snap, "init", "-q")
    _git(snap, "add", "-A")
    _git(snap, "commit", "-q", "-m", "snapshot")
    return snap


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def project(tmp_path) -> Path:
    """A driver project, as a user would have it: a git repo with sources and a header."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "drv.c").write_text(SWAPPED)
    (tmp_path / "src" / "clean.c").write_text(CLEAN)
    (tmp_path / "src" / "drv.h").write_text(HEADER)
    (tmp_path / "README.txt").write_text("not C\n")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    return tmp_path


def _env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(GIT_ENV, PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never", NO_COLOR="1",
               PIP_DISABLE_PIP_VERSION_CHECK="1")
    return env


def pre_commit(project: Path, home: Path, *args: str):
    proc = subprocess.run([PRE_COMMIT, *args], cwd=project, env=_env(home),
                          capture_output=True, text=True, timeout=300)
    return proc.returncode, proc.stdout + proc.stderr


def finding_lines(out: str, name: str) -> list[str]:
    """Findings (not tool notices) that kdlint printed for files called ``name``."""
    return re.findall(rf"^\S*{re.escape(name)}:\d+:\d+: \w+: .*\[KD\d+\]$", out, re.M)


def test_try_repo_fails_on_a_finding_and_skips_headers(project, hook_repo, pre_commit_home):
    code, out = pre_commit(project, pre_commit_home, "try-repo", str(hook_repo), "kdlint",
                           "--files", "src/drv.c", "src/drv.h", "src/clean.c")
    assert code == 1, out
    assert "kdlint" in out and "Failed" in out
    assert "src/drv.c:5:5: error:" in out and "[KD101]" in out
    assert not finding_lines(out, "clean.c") and "drv.h:" not in out
    assert "Traceback" not in out


@pytest.fixture(scope="module")
def installed(hook_repo, pre_commit_home, tmp_path_factory):
    """A .pre-commit-config.yaml using the hook repository; its environment is built once
    (try-repo rebuilds one on every call) and shared by the tests below."""
    rev = _git(hook_repo, "rev-parse", "HEAD").strip()
    config = tmp_path_factory.mktemp("config") / ".pre-commit-config.yaml"
    config.write_text(f"repos:\n- repo: {hook_repo.as_posix()}\n  rev: {rev}\n"
                      f"  hooks:\n  - id: kdlint\n")
    return config


def run_hook(project: Path, home: Path, config: Path, *args: str):
    return pre_commit(project, home, "run", "--config", str(config), "kdlint", *args)


def test_hook_passes_on_clean_files_and_on_a_header_alone(project, pre_commit_home, installed):
    code, out = run_hook(project, pre_commit_home, installed, "--files", "src/clean.c",
                         "src/drv.h")
    assert code == 0 and "Passed" in out, out
    code, out = run_hook(project, pre_commit_home, installed, "--verbose", "--files",
                         "src/drv.h")
    assert code == 0 and "Passed" in out and "- duration" in out, out
    assert "error" not in out.lower() and "drv.h" not in out, out  # skipped quietly
    code, out = run_hook(project, pre_commit_home, installed, "--files", "README.txt")
    assert code == 0 and "no files to check" in out.lower(), out


def test_hook_honours_the_projects_config(project, pre_commit_home, installed):
    code, out = run_hook(project, pre_commit_home, installed, "--all-files")
    assert code == 1 and finding_lines(out, "drv.c"), out
    (project / "pyproject.toml").write_text(
        '[tool.kdlint]\nper-file-ignores = {"src/drv.c" = ["KD101"]}\n')
    _git(project, "add", "-A")
    code, out = run_hook(project, pre_commit_home, installed, "--all-files")
    assert code == 0 and "Passed" in out, out


def test_installed_hook_parses_a_plain_driver_cleanly(project, pre_commit_home, installed):
    code, out = run_hook(project, pre_commit_home, installed, "--verbose", "--files",
                         "src/clean.c")  # --verbose: pre-commit hides a passing hook's output
    assert code == 0, out
    assert "file not found" not in out and "parse errors" not in out, out
