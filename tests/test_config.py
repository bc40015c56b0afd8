"""Configuration files: discovery (nearest wins), CLI overrides, per-file ignores, excludes, paths
relative to the config file, and one-line errors (exit 2) for configs that cannot be used."""
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from kdlint.cli import exit_code, main
from kdlint.config import ConfigError, Overrides, Resolver, glob_matches, load_config
from kdlint.results import Diagnostic, FileHealth, FileResult, RunResult, Span

SWAPPED = """#include <ntddk.h>
VOID Init(PKEVENT Event)
{
    KeInitializeEvent(Event, FALSE, NotificationEvent);
}
"""


def run(*args, cwd=None):
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, [str(a) for a in args])
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.fixture
def tree(tmp_path):
    """root/pyproject.toml ignores KD101; root/sub/kdlint.toml selects everything."""
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.kdlint]\nignore = ["KD101"]\n')
    write(tmp_path / "top.c", SWAPPED)
    write(tmp_path / "sub" / "kdlint.toml", 'select = ["KD1"]\n')
    write(tmp_path / "sub" / "inner.c", SWAPPED)
    return tmp_path


def test_nearest_config_wins_per_file(tree):
    code, out, err = run("check", tree)
    assert code == 1, err
    assert "inner.c:4:5" in out and "top.c" not in out


def test_cli_select_overrides_config_ignore(tree):
    code, out, _ = run("check", "--select", "KD101", tree / "top.c")
    assert code == 1 and "top.c:4:5" in out


def test_cli_ignore_adds_to_config(tree):
    code, out, _ = run("check", "--ignore", "KD1", tree / "sub" / "inner.c")
    assert code == 0 and "KD101" not in out


def test_isolated_and_explicit_config(tree):
    assert run("check", "--isolated", tree / "top.c")[0] == 1
    assert run("check", "--config", tree / "sub" / "kdlint.toml", tree / "top.c")[0] == 1
    assert run("check", "--config", tree / "pyproject.toml", tree / "sub" / "inner.c")[0] == 0


def test_kdlint_toml_beats_pyproject_in_the_same_directory(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.kdlint]\nselect = ["KD1"]\n')
    write(tmp_path / "kdlint.toml", 'ignore = ["KD101"]\n')
    write(tmp_path / "a.c", SWAPPED)
    assert run("check", tmp_path / "a.c")[0] == 0


def test_pyproject_without_kdlint_table_is_passed_over(tmp_path):
    write(tmp_path / "kdlint.toml", 'ignore = ["KD101"]\n')
    write(tmp_path / "pkg" / "pyproject.toml", '[tool.ruff]\nline-length = 99\n')
    write(tmp_path / "pkg" / "a.c", SWAPPED)
    assert run("check", tmp_path / "pkg" / "a.c")[0] == 0


def test_per_file_ignores(tmp_path):
    write(tmp_path / "kdlint.toml",
          '[per-file-ignores]\n"legacy/*.c" = ["KD101"]\n"*_gen.c" = ["KD1"]\n')
    write(tmp_path / "legacy" / "old.c", SWAPPED)
    write(tmp_path / "deep" / "x_gen.c", SWAPPED)
    write(tmp_path / "new.c", SWAPPED)
    code, out, _ = run("check", tmp_path)
    assert code == 1
    assert "new.c:4:5" in out and "old.c" not in out and "x_gen.c" not in out
    # per-file-ignores still apply when --select replaces the selection
    code, out, _ = run("check", "--select", "KD101", tmp_path / "legacy" / "old.c")
    assert code == 0


def test_exclude_applies_to_explicit_files_and_directories(tmp_path):
    write(tmp_path / "kdlint.toml", 'exclude = ["third_party", "gen/*.c"]\n')
    write(tmp_path / "third_party" / "lib" / "a.c", SWAPPED)
    write(tmp_path / "gen" / "b.c", SWAPPED)
    write(tmp_path / "mine.c", "int x;\n")
    assert run("check", tmp_path / "third_party" / "lib" / "a.c", tmp_path / "gen" / "b.c") == (0, "", "")
    code, out, _ = run("check", tmp_path)
    assert code == 0 and "KD101" not in out


def test_defines_and_include_dirs_are_relative_to_the_config_file(tmp_path):
    write(tmp_path / "proj" / "kdlint.toml", 'include-dirs = ["inc"]\ndefines = ["USE_SWAP=1"]\n')
    write(tmp_path / "proj" / "inc" / "swap.h",
          "#define INIT_EVENT(e) KeInitializeEvent(e, FALSE, NotificationEvent)\n")
    write(tmp_path / "proj" / "src" / "drv.c", """#include <ntddk.h>
#include "swap.h"
VOID Init(PKEVENT Event)
{
#if USE_SWAP
    INIT_EVENT(Event);
#endif
}
""")
    # run from elsewhere: the paths resolve against the config file, not the working directory
    code, out, err = run("check", tmp_path / "proj" / "src" / "drv.c", cwd=tmp_path)
    assert code == 1, out + err
    assert "drv.c:6:" in out and "KD101" in out
    assert run("check", "--isolated", tmp_path / "proj" / "src" / "drv.c")[0] == 0


def test_show_settings_reports_resolved_paths_and_cli_overrides(tmp_path):
    write(tmp_path / "kdlint.toml",
          'include-dirs = ["inc"]\ncompile-db = "build/compile_commands.json"\n'
          'wdk-root = "kits"\nheaders = "model"\nfail-level = "error"\n')
    c = write(tmp_path / "a.c", "int x;\n")
    code, out, _ = run("check", "--show-settings", "-I", "extra", "--fail-level", "warning", c)
    assert code == 0
    s = json.loads(out)[str(c.resolve())]
    assert s["include-dirs"][0] == str((tmp_path / "inc").resolve())
    assert s["include-dirs"][1].endswith("extra")
    assert s["compile-db"] == str((tmp_path / "build").resolve())
    assert s["wdk-root"] == str((tmp_path / "kits").resolve())
    assert s["headers"] == "model" and s["fail-level"] == "warning"
    assert s["config-path"] == str((tmp_path / "kdlint.toml").resolve())


def test_fail_level_comes_from_each_files_config():
    span = Span("/p/a.c", 1, 1, 1, 2)
    r = RunResult("/p", files=[FileResult("/p/a.c", [Diagnostic("KD101", "warning", "m", span)],
                                          health=FileHealth("/p/a.c", "model"))])
    assert exit_code(r, fail_level_for=lambda p: "error") == 0
    assert exit_code(r, fail_level_for=lambda p: "warning") == 1
    assert exit_code(r, "note", exit_zero=True) == 0


@pytest.mark.parametrize("text,needle", [
    ("select = [", "invalid TOML"),
    ("selct = ['KD1']", "unknown key 'selct' (did you mean 'select'?)"),
    ("select = 'KD1'", "'select' must be a list of strings"),
    ("select = ['KD999']", "no rule matches 'KD999'"),
    ("fail-level = 'fatal'", "'fail-level' must be one of note, warning, error"),
    ("headers = 3", "'headers' must be a string"),
    ("per-file-ignores = ['x']", "'per-file-ignores' must be a table"),
    ("[per-file-ignores]\n'*.c' = ['KD42x']", "no rule matches 'KD42x'"),
], ids=["toml", "unknown-key", "type", "rule-id", "choice", "headers-type", "pfi-type", "pfi-id"])
def test_broken_config_is_one_line_exit_2(tmp_path, text, needle):
    write(tmp_path / "kdlint.toml", text + "\n")
    write(tmp_path / "a.c", SWAPPED)
    code, out, err = run("check", tmp_path / "a.c")
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert needle in lines[0] and "kdlint.toml" in lines[0] and "Traceback" not in err


def test_broken_pyproject_table_names_the_table(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.kdlint]\nignore = [1]\n")
    write(tmp_path / "a.c", SWAPPED)
    code, _, err = run("check", tmp_path / "a.c")
    assert code == 2 and "[tool.kdlint]" in err and "'ignore' must be a list" in err


def test_missing_explicit_config_exits_2(tmp_path):
    write(tmp_path / "a.c", SWAPPED)
    code, _, err = run("check", "--config", tmp_path / "nope.toml", tmp_path / "a.c")
    assert code == 2 and "no such configuration file" in err


def test_loader_and_globs(tmp_path):
    assert load_config(write(tmp_path / "pyproject.toml", "[project]\nname='x'\n")) is None
    with pytest.raises(ConfigError):
        Resolver(Overrides(select=["KD999"]))
    root = tmp_path
    assert glob_matches("third_party", root / "third_party" / "x" / "a.c", root)
    assert glob_matches("**/gen/*.c", root / "gen" / "a.c", root)
    assert glob_matches("src/*.c", root / "src" / "a.c", root)
    assert not glob_matches("src/*.c", root / "other" / "a.c", root)
    assert not glob_matches("*.c", root.parent / "elsewhere.c", root)
