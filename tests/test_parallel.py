"""-j N: worker processes, output identical byte for byte whatever N; a crash or a hang in one
file costs only that file."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kdlint.cli import main

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("text", "json", "sarif", "junit", "github")

SWAPPED = """#include <ntddk.h>
VOID Init{n}(PKEVENT Event)
{{
    KeInitializeEvent(Event, FALSE, NotificationEvent);
}}
"""


def run(*args, env=None):
    result = CliRunner().invoke(main, [str(a) for a in args], env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def many(tmp_path):
    """Eight small drivers with one finding each, in two directories."""
    for n in range(8):
        d = tmp_path / ("a" if n % 2 else "b")
        d.mkdir(exist_ok=True)
        (d / f"drv{n}.c").write_text(SWAPPED.format(n=n))
    return tmp_path


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_identical_for_every_jobs_count(fmt, many, tmp_path):
    targets = [ROOT / "fixtures", ROOT / "examples", many]
    outputs = []
    for jobs in ("1", "2", "2", "3"):
        out = tmp_path / f"out-{jobs}-{len(outputs)}.{fmt}"
        code, _, err = run("check", "--no-progress", "-j", jobs, "--format", fmt, "-o", out,
                           *targets)
        assert code == 1, err
        outputs.append(out.read_bytes())
    assert outputs[0] and all(o == outputs[0] for o in outputs[1:])


def test_results_keep_the_sorted_file_order(many, tmp_path):
    out = tmp_path / "r.json"
    run("check", "--no-progress", "-j", "3", "--format", "json", "-o", out, many)
    data = json.loads(out.read_text())
    paths = [f["path"] for f in data["findings"]]
    assert paths == sorted(paths) and len(paths) == 8


def _fault(spec):
    return {"KDLINT_TEST_WORKER_FAULT": spec}


@pytest.mark.parametrize("kind, why", [("crash", "exited unexpectedly"),
                                       ("segv", "crashed (SIGSEGV)")])
def test_a_worker_crash_costs_only_that_file(kind, why, many, tmp_path):
    sarif = tmp_path / "r.sarif"
    code, out, err = run("check", "--no-progress", "-j", "2", "--sarif-output", sarif, many,
                         env=_fault(f"{kind}:drv3.c"))
    assert code == 2, err  # a lost file is a tool error
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if "drv3.c" in line]
    assert len(lines) == 1 and why in lines[0] and "findings are missing" in lines[0]
    assert out.count("[KD101]") == 7 and "drv3.c" not in out
    log = json.loads(sarif.read_text())
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    named = [n for n in notes if "drv3.c" in json.dumps(n)]
    assert named and named[0]["level"] == "error" and why in named[0]["message"]["text"]
    assert len(log["runs"][0]["results"]) == 7


def test_a_hanging_file_is_given_up_after_the_timeout(many):
    code, out, err = run("check", "--no-progress", "-j", "2", "--timeout", "3", many,
                         env=_fault("hang:drv4.c"))
    assert code == 2
    assert "drv4.c" in err and "longer than 3 s" in err and "Traceback" not in err
    assert out.count("[KD101]") == 7
    # the lost file is counted as not analysed, not as one with parse errors
    assert "7 findings in 8 files (0 files with parse errors, 1 not analysed)" in err


def test_timeout_from_the_configuration(many):
    (many / "kdlint.toml").write_text("timeout = 2\n")
    code, out, err = run("check", "--no-progress", "-j", "1", many, env=_fault("hang:drv1.c"))
    assert code == 2 and "longer than 2 s" in err and out.count("[KD101]") == 7


def test_bad_jobs_in_configuration_is_a_usage_error(many):
    (many / "kdlint.toml").write_text("jobs = 0\n")
    code, _, err = run("check", "--no-progress", many)
    assert code == 2 and "'jobs' must be a positive integer" in err


def test_spawned_workers_give_the_same_report(many, tmp_path):
    """The start method used on Windows and macOS (spawn), exercised on every platform."""
    outs = []
    for method in ("spawn", None):
        env = dict(os.environ, KDLINT_NO_CACHE="1")
        if method:
            env["KDLINT_WORKER_START"] = method
        p = subprocess.run([sys.executable, "-m", "kdlint", "check", "--no-progress", "-j", "2",
                            "--format", "sarif", str(many)], capture_output=True, env=env,
                           cwd=tmp_path)
        assert p.returncode == 1, p.stderr
        outs.append(p.stdout)
    assert outs[0] == outs[1]


def test_workers_are_handed_files_by_directory():
    """A worker stays in its directory and workers start in different ones (each worker
    computes a directory's block repair and PCH for itself); the report's order is the
    tasks' whatever the hand-out order (the byte-identical -j tests above)."""
    from kdlint.workers import Task, _Queue

    names = ["a/1.c", "a/2.c", "a/3.c", "b/1.c", "b/2.c", "c/1.c"]
    queue = _Queue([Task(i, Path("/src") / n, None, ()) for i, n in enumerate(names)])
    first = queue.next_for(None, set())
    second = queue.next_for(None, {"/src/a"})
    assert (first.index, second.index) == (0, 3)  # a/1.c, then b/1.c for the other worker
    assert queue.next_for("/src/a", {"/src/b"}).index == 1  # a/2.c: stays in a
    assert queue.next_for("/src/b", {"/src/a"}).index == 4  # b/2.c
    assert queue.next_for("/src/b", {"/src/a"}).index == 5  # b is done: c, where no one is
    assert queue.next_for("/src/c", {"/src/a"}).index == 2  # only a is left: join it
    assert not queue
