"""Hostile input: each case gives a clear message, no traceback, the documented exit code, and
the other files' findings are kept.

Exit codes (README): a file kdlint cannot read as C (binary, UTF-16, a dangling symlink) is an
error *notice* about that file, and the exit code is decided by the other files' findings; only
when nothing at all could be analysed is it 2. A file whose analysis was lost (worker crash, time
limit) is a tool error: exit 2 (tests/test_parallel.py).
"""
import os
import random

import pytest
from click.testing import CliRunner

from kdlint.cli import main

GOOD = """#include <ntddk.h>
VOID Init(PKEVENT Event)
{
    KeInitializeEvent(Event, FALSE, NotificationEvent);
}
"""
DEPTH = 3000


def run(*args):
    result = CliRunner().invoke(main, ["check", "--no-progress", "-j", "2",
                                       *[str(a) for a in args]])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def _nested_parens():
    return "#include <ntddk.h>\nint F(int x) { return " + "(" * DEPTH + "x" + ")" * DEPTH + "; }\n"


def _nested_braces():
    return "#include <ntddk.h>\nvoid F(int x) { " + "{" * DEPTH + "x++;" + "}" * DEPTH + " }\n"


def _else_if_chain():
    body = "".join(f"if (x == {i}) {{ x++; }} else " for i in range(DEPTH)) + "{ x--; }"
    return "#include <ntddk.h>\nvoid F(int x) { " + body + " }\n"


def _nested_ifs():
    return ("#include <ntddk.h>\nvoid F(int x) { " + "".join(f"if (x > {i}) " for i in range(DEPTH))
            + "x++; }\n")


def _long_expression():
    return "#include <ntddk.h>\nint F(int x) { return x" + " + x" * DEPTH + "; }\n"


def _random_bytes(nul):
    rng = random.Random(1234 + nul)
    data = bytes(rng.randrange(256) for _ in range(4096))
    return data if nul else data.replace(b"\0", b"\1")


CASES = {
    "random_with_nul.c": (_random_bytes(True), "binary data"),
    "random_text.c": (_random_bytes(False), None),
    "utf16.c": (GOOD.encode("utf-16"), "UTF-16"),
    "empty.c": (b"", None),
    "parens.c": (_nested_parens().encode(), None),
    "braces.c": (_nested_braces().encode(), None),
    "elseif.c": (_else_if_chain().encode(), None),
    "nestedif.c": (_nested_ifs().encode(), None),
    "longexpr.c": (_long_expression().encode(), None),
}


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "good.c").write_text(GOOD)
    return tmp_path


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_beside_a_good_one(tree, name):
    data, why = CASES[name]
    (tree / name).write_bytes(data)
    code, out, err = run(tree)
    assert code == 1, err  # the good file's finding decides
    assert "Traceback" not in out + err
    assert "good.c:4:5: error:" in out and "[KD101]" in out
    if why is not None:
        lines = [line for line in err.splitlines() if name in line]
        assert len(lines) == 1 and why in lines[0], err


@pytest.mark.parametrize("name", ["elseif.c", "nestedif.c"])
def test_deep_nesting_is_analysed_in_process_too(tmp_path, name):
    """check_file (no worker) survives 3000-deep nesting: the analysis thread has a big stack."""
    from kdlint.config import Settings
    from kdlint.engine import check_file
    from kdlint.registry import all_rules

    path = tmp_path / name
    path.write_bytes(CASES[name][0])
    result = check_file(path, Settings(headers="model"), list(all_rules()))
    assert result.health is not None and result.health.failed is None
    assert result.health.functions == 1


def test_only_hostile_files_exit_2(tmp_path):
    (tmp_path / "a.c").write_bytes(b"\0\1\2")
    (tmp_path / "b.c").write_bytes(GOOD.encode("utf-16"))
    code, _, err = run(tmp_path)
    assert code == 2 and "Traceback" not in err
    assert "binary data" in err and "UTF-16" in err


def test_a_200000_line_file(tmp_path):
    lines = ["#include <ntddk.h>"]
    n = 0
    while len(lines) < 200_000 - 4:
        lines += [f"VOID Init{n}(PKEVENT Event)", "{",
                  "    KeInitializeEvent(Event, NotificationEvent, FALSE);", "}"]
        lines += [f"/* block {n} */" if i == 0 else "" for i in range(996)]
        n += 1
    last = len(lines) + 3
    lines += ["VOID Last(PKEVENT Event)", "{",
              "    KeInitializeEvent(Event, FALSE, NotificationEvent);", "}"]
    assert len(lines) >= 200_000
    (tmp_path / "big.c").write_text("\n".join(lines) + "\n")
    (tmp_path / "good.c").write_text(GOOD)
    code, out, err = run("--timeout", "300", tmp_path)
    assert code == 1 and "Traceback" not in err
    assert f"big.c:{last}:5: error:" in out and "good.c:4:5: error:" in out
    assert out.count("[KD101]") == 2


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_dangling_symlinks(tree):
    try:
        os.symlink(tree / "nowhere.c", tree / "dangling.c")
    except OSError:
        pytest.skip("cannot create symlinks here")
    code, out, err = run(tree)
    assert code == 1 and "good.c:4:5" in out and "Traceback" not in err
    lines = [line for line in err.splitlines() if "dangling.c" in line]
    assert len(lines) == 1 and "no such file" in lines[0]
    code, out, err = run(tree / "dangling.c")  # named explicitly, and nothing else
    assert code == 2 and "Traceback" not in err and "dangling.c" in err


def test_directory_without_c_files_beside_a_good_one(tree, tmp_path):
    empty = tmp_path / "docs"
    empty.mkdir()
    (empty / "notes.txt").write_text("no C here")
    code, out, err = run(tree / "good.c", empty)
    assert code == 2  # a path that names nothing to analyse is a usage error
    assert "no C source files" in err and "good.c:4:5" in out and "Traceback" not in err


@pytest.mark.parametrize("text, why", [
    ("select = [", "invalid TOML"),
    ("timeout = -1\n", "'timeout' must be a positive number"),
    ("jobs = 'many'\n", "'jobs' must be a positive integer"),
    ("bogus = 1\n", "unknown key 'bogus'"),
    (b"\xff\xfe\x00", "not UTF-8"),
])
def test_broken_config_is_one_line_exit_2(tree, text, why):
    target = tree / "kdlint.toml"
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text)
    code, out, err = run(tree)
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2 and len(lines) == 1 and why in lines[0], err
    assert "Traceback" not in err


def test_nesting_that_crashes_libclang_costs_only_that_file(tree):
    """15,000 nested ifs overflow libclang's own parser stack (a segfault inside libclang, seen
    with 18.1.1): the worker dies, the file gets one error line, the run exits 2 and the other
    file's finding is kept. Should a later libclang parse it, it is simply analysed."""
    text = ("#include <ntddk.h>\nvoid F(int x) { "
            + "".join(f"if (x > {i}) " for i in range(15000)) + "x++; }\n")
    (tree / "deep.c").write_text(text)
    code, out, err = run(tree)
    assert "Traceback" not in err and "good.c:4:5: error:" in out
    lines = [line for line in err.splitlines() if "deep.c" in line]
    if code == 2:
        assert len(lines) == 1 and "crashed" in lines[0] and "findings are missing" in lines[0]
    else:
        assert code == 1
