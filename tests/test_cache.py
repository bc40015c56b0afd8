"""The result cache: hits on unchanged inputs, misses on any changed input, safe when corrupt or
shared by concurrent runs; baselines and suppressions still apply after a hit."""
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from kdlint import cache as cache_module
from kdlint.cache import ResultCache
from kdlint.cli import main
from kdlint.config import Settings
from kdlint.engine import check_paths
from kdlint.report import sarif

HEADER = "#define KDLINT_TEST_STATE FALSE\n"
DRIVER = """#include <ntddk.h>
#include "local.h"
VOID Init(PKEVENT Event)
{
    KeInitializeEvent(Event, KDLINT_TEST_STATE, NotificationEvent);
}
VOID Quiet(PKEVENT Event)
{
    KeInitializeEvent(Event, FALSE, NotificationEvent);  // kdlint: ignore[KD101] test
}
"""


@pytest.fixture
def project(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "local.h").write_text(HEADER)
    (src / "drv.c").write_text(DRIVER)
    (src / "other.c").write_text(DRIVER.replace("VOID Init(", "VOID Init2(").replace("VOID Quiet(", "VOID Quiet2("))
    return tmp_path


def _run(project, cache, settings=None, jobs=None):
    run = check_paths([project / "src"], settings or Settings(headers="model"), project,
                      cache=cache, jobs=jobs)
    return run, sarif.render(run, rules=[])


def test_second_run_hits_and_gives_the_same_report(project):
    c1 = ResultCache(project / "cache")
    run1, out1 = _run(project, c1, jobs=2)
    assert c1.hits == 0 and len(run1.diagnostics) == 4  # two findings, two suppressed
    c2 = ResultCache(project / "cache")
    run2, out2 = _run(project, c2)
    assert c2.hits == 2 and c2.misses == 0
    assert out1 == out2
    assert [d.suppressed for d in run1.diagnostics] == [d.suppressed for d in run2.diagnostics]
    assert (project / "cache" / "CACHEDIR.TAG").is_file()


def test_findings_carry_their_line_hash_so_a_cached_report_reads_no_source(project):
    from kdlint.fingerprint import line_hashes

    run1, out1 = _run(project, ResultCache(project / "cache"))
    data = (project / "src" / "drv.c").read_bytes()
    found = [d for d in run1.diagnostics if d.span.path.endswith("drv.c")]
    assert found and all(d.line_hash == line_hashes(data)[d.span.line] for d in found)
    # a SARIF report of cached results has the same fingerprints without reading the sources
    run2 = check_paths([project / "src"], Settings(headers="model"), project,
                       cache=ResultCache(project / "cache"))
    for path in (project / "src").glob("*.c"):
        path.write_text("changed after the run\n")
    assert sarif.render(run2, rules=[]) == out1


@pytest.mark.parametrize("change", ["source", "header", "rules", "defines", "tool"])
def test_any_changed_input_misses(project, change, monkeypatch):
    _run(project, ResultCache(project / "cache"))
    settings = Settings(headers="model")
    if change == "source":
        (project / "src" / "drv.c").write_text(DRIVER + "\n")
    elif change == "header":
        (project / "src" / "local.h").write_text(HEADER.replace("FALSE", "TRUE"))
    elif change == "rules":
        settings = Settings(headers="model", ignore=["KD101"])
    elif change == "defines":
        settings = Settings(headers="model", defines=["EXTRA=1"])
    elif change == "tool":
        monkeypatch.setattr(cache_module, "tool_fingerprint", lambda: "another kdlint")
    c = ResultCache(project / "cache")
    run, _ = _run(project, c, settings)
    expected_misses = 1 if change == "source" else 2
    assert c.misses == expected_misses and c.hits == 2 - expected_misses, change
    fresh = check_paths([project / "src"], settings, project)
    assert [(d.span, d.message, d.suppressed) for d in run.diagnostics] == \
        [(d.span, d.message, d.suppressed) for d in fresh.diagnostics]


def test_corrupt_entries_are_ignored_and_rewritten(project):
    _, before = _run(project, ResultCache(project / "cache"))
    entries = [p for p in (project / "cache").rglob("*.json")
               if "pch" not in p.parts and not p.name.startswith("rules-")]
    assert len(entries) == 2
    entries[0].write_bytes(b"\x00not json")
    entries[1].write_text(json.dumps({"format": 1, "includes": [],
                                      "result": {"__dc": "os.system", "x": 1}}))
    c = ResultCache(project / "cache")
    _, after = _run(project, c)
    assert c.misses == 2 and after == before
    c = ResultCache(project / "cache")
    _run(project, c)
    assert c.hits == 2


def test_rule_cards_are_kept_and_read_back(project):
    from kdlint.registry import all_rules

    made = ResultCache(project / "cache").rule_cards()
    assert made == tuple(r.card() for r in all_rules())
    kept = next((project / "cache").rglob("rules-*.json"))
    cards = json.loads(kept.read_text())
    cards[0]["name"] = "renamed-on-disk"
    kept.write_text(json.dumps(cards))
    assert ResultCache(project / "cache").rule_cards()[0].name == "renamed-on-disk"  # read back
    kept.write_text(json.dumps([{"id": 1}]))
    assert ResultCache(project / "cache").rule_cards() == made  # unreadable: made again
    assert json.loads(kept.read_text()) == [c.to_data() for c in made]


_LOADED = """
import sys
from kdlint.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print("LOADED", *sorted(m for m in sys.modules if m.startswith(
    ("clang.cindex", "kdlint.parse", "kdlint.flow", "kdlint.model", "kdlint.rules."))))
"""


def test_a_run_of_cache_hits_loads_no_libclang_model_or_rule(project):
    # rule entries in the configuration and on the command line are checked against the
    # cache's rule cards, not the rule classes
    (project / "kdlint.toml").write_text('ignore = ["KD2"]\n[per-file-ignores]\n'
                                         '"other.c" = ["irp-not-completed"]\n')
    args = ["check", "--no-progress", "--cache-dir", str(project / "cache"), "--format", "sarif",
            "--extend-select", "KD5", str(project / "src")]

    env = dict(os.environ)
    env.pop("KDLINT_NO_CACHE", None)

    def run():
        out = subprocess.run([sys.executable, "-c", _LOADED, *args], capture_output=True,
                             text=True, cwd=project, env=env)
        sarif_text, _, loaded = out.stdout.rpartition("LOADED")
        return sarif_text, loaded.split()

    cold, loaded_cold = run()
    # (the workers parse; this process made the rule cards from the rule classes)
    assert "kdlint.rules.event_init_bad_arguments" in loaded_cold
    assert "kdlint.model.irp" in loaded_cold
    warm, loaded_warm = run()
    assert loaded_warm == [] and warm == cold and '"ruleId": "KD101"' in warm

    # a rule entry that matches nothing is still an error when the cards answer
    (project / "kdlint.toml").write_text('ignore = ["KD2"]\n[per-file-ignores]\n'
                                         '"other.c" = ["no-such-rule"]\n')
    out = _cli("--cache-dir", project / "cache", project / "src", cwd=project)
    assert out.returncode == 2 and "no rule matches 'no-such-rule'" in out.stderr
    assert "Traceback" not in out.stderr


def test_unwritable_cache_is_not_an_error(project):
    blocker = project / "cache"
    blocker.write_text("a file where the directory should be")
    run, _ = _run(project, ResultCache(blocker))
    assert len(run.diagnostics) == 4 and not run.tool_errors


def _cli(*args, cwd):
    env = dict(os.environ)
    env.pop("KDLINT_NO_CACHE", None)
    return subprocess.run([sys.executable, "-m", "kdlint", "check", "--no-progress",
                           *[str(a) for a in args]], capture_output=True, env=env, cwd=cwd,
                          text=True)


def test_cli_default_directory_no_cache_and_baseline_after_a_hit(project):
    (project / "kdlint.toml").write_text('headers = "model"\n')
    first = _cli("src", cwd=project)
    assert first.returncode == 1 and (project / ".kdlint_cache" / "CACHEDIR.TAG").is_file()
    baseline = project / "base.json"
    r = CliRunner().invoke(main, ["baseline", "--no-cache", "-o", str(baseline),
                                  str(project / "src")])
    assert r.exit_code == 0, r.stderr
    held = _cli("--baseline", baseline, "src", cwd=project)  # every result from the cache
    assert held.returncode == 0 and "[KD101]" not in held.stdout, held.stderr
    again = _cli("src", cwd=project)
    assert again.stdout == first.stdout and again.returncode == 1


def test_cache_dir_option_and_no_cache(project, tmp_path):
    where = tmp_path / "elsewhere"
    assert _cli("--cache-dir", where, "src", cwd=project).returncode == 1
    assert list(where.rglob("*.json"))
    assert _cli("--no-cache", "--cache-dir", tmp_path / "none", "src",
                cwd=project).returncode == 1
    assert not (tmp_path / "none").exists()


def test_concurrent_runs_share_a_cache_safely(project, tmp_path):
    where = tmp_path / "shared"
    env = dict(os.environ)
    env.pop("KDLINT_NO_CACHE", None)
    cmd = [sys.executable, "-m", "kdlint", "check", "--no-progress", "--format", "sarif",
           "--cache-dir", str(where), "-j", "1", "src"]
    procs = [subprocess.Popen(cmd, cwd=project, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE) for _ in range(3)]
    outs = [p.communicate() for p in procs]
    assert all(p.returncode == 1 for p in procs), [o[1] for o in outs]
    assert len({o[0] for o in outs}) == 1
    assert not list(where.rglob("*.part"))
