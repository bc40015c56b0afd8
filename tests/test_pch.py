"""The shared precompiled header of a file's first #include (kdlint/pch.py): used from the
second file of a directory on, gives the same parse as without it, and falls back cleanly."""
import os
from pathlib import Path

import pytest

from kdlint import pch
from kdlint.config import Settings
from kdlint.engine import check_file
from kdlint.registry import all_rules
from kdlint.parse import parse

PROJECT_H = """#pragma once
#include <ntddk.h>
typedef struct _MY_EXT { KEVENT Event; ULONG Count; } MY_EXT, *PMY_EXT;
"""

BODY = """/* a licence comment
   over two lines */
// and a line comment
#include "project.h"
#include "other.h"

VOID Helper{n}(PMY_EXT Ext)
{{
    KeInitializeEvent(&Ext->Event, SynchronizationEvent, 3);
    Ext->Count = __LINE__;
}}
"""


@pytest.fixture
def pch_dir(tmp_path, monkeypatch):
    d = tmp_path / "pch"
    d.mkdir()
    monkeypatch.setenv(pch.ENV_DIR, str(d))
    monkeypatch.delenv(pch.ENV_OFF, raising=False)
    pch._failed.clear()
    return d


def _project(tmp_path: Path, n: int, project_h: str = PROJECT_H) -> list[Path]:
    src = tmp_path / "src"
    src.mkdir()
    (src / "project.h").write_text(project_h)
    (src / "other.h").write_text("#define OTHER 1\n")
    files = []
    for i in range(n):
        f = src / f"file{i}.c"
        f.write_text(BODY.format(n=i))
        files.append(f)
    return files


def test_leading_block():
    data = b"/* a\n b */\n\n// c\n#include <a.h>\r\n  #  include \"b.h\" // x\nint x;\n"
    assert pch.leading_block(data, limit=5) == ([4, 5], [b"#include <a.h>", b'#  include "b.h" // x'])
    assert pch.leading_block(data) == ([4], [b"#include <a.h>"])
    assert pch.leading_block(b"#define X 1\n#include <a.h>\n") == ([], [])
    assert pch.leading_block(b"#ifdef X\n#include <a.h>\n#endif\n") == ([], [])
    assert pch.leading_block(b"int x; /* */\n#include <a.h>\n") == ([], [])
    assert pch.blank_lines(b"a\r\nbb\r\nc\n", [1]) == b"a\r\n  \r\nc\n"


def test_second_file_on_uses_the_pch_and_parses_the_same(tmp_path, pch_dir, monkeypatch):
    files = _project(tmp_path, 3)
    settings = Settings(headers="model")
    parsed = [parse(files[0], settings)]
    assert parsed[0].extra_inputs == []  # first sighting: plain parse, a marker left
    assert not list(pch_dir.glob("*.pch"))
    parsed += [parse(f, settings) for f in files + files]
    assert any(p.extra_inputs for p in parsed[1:])
    used = [p for p in parsed if p.extra_inputs]
    assert all(any(x.endswith("project.h") for x in p.extra_inputs) for p in used)
    monkeypatch.setenv(pch.ENV_OFF, "1")
    for p in used:
        plain = parse(p.path, settings)
        assert [f.spelling for f in p.functions] == [f.spelling for f in plain.functions]
        assert [f.extent.start.line for f in p.functions] == \
            [f.extent.start.line for f in plain.functions]
        assert p.errors == plain.errors == []
        assert p.args == plain.args


def test_findings_identical_with_and_without_pch(tmp_path, pch_dir, monkeypatch):
    files = _project(tmp_path, 3)
    settings = Settings(headers="model")
    rules = all_rules()
    with_pch = [check_file(f, settings, rules) for f in files + files]
    assert any("KD101" == d.rule_id for r in with_pch for d in r.diagnostics)
    monkeypatch.setenv(pch.ENV_OFF, "1")
    plain = [check_file(f, settings, rules) for f in files + files]
    assert [r.diagnostics for r in with_pch] == [r.diagnostics for r in plain]
    assert [r.notices for r in with_pch] == [r.notices for r in plain]


def test_a_header_with_errors_is_precompiled_and_its_errors_reported(tmp_path, pch_dir,
                                                                     monkeypatch):
    broken = PROJECT_H + "int Broken = \"a\" * 2;\n"  # an error repair cannot mend
    files = _project(tmp_path, 3, broken)
    settings = Settings(headers="model")
    parsed = [parse(f, settings) for f in files]
    assert parsed[2].extra_inputs and list(pch_dir.glob("*.pch"))  # through the PCH
    monkeypatch.setenv(pch.ENV_OFF, "1")
    plain = [parse(f, settings) for f in files]
    for p, q in zip(parsed, plain):
        assert p.errors == q.errors and len(p.errors) == 1
        assert p.errors[0].path.endswith("project.h")
        assert p.stats.errors_before_repair == q.stats.errors_before_repair
        assert p.health == q.health


def test_a_build_error_on_the_block_line_is_never_precompiled(tmp_path, pch_dir):
    from kdlint.libclang import index

    src = tmp_path / "src"
    src.mkdir()
    f = src / "file.c"
    data = b'#include "missing.h"\nint x;\n'  # not found: the error is on the block's line
    f.write_bytes(data)
    assert pch.prepare(index(), str(f), data, [], {}) is None  # first sight: a marker
    assert pch.prepare(index(), str(f), data, [], {}) is None  # the build fails
    assert not list(pch_dir.glob("*.pch")) and pch._failed


def test_a_stale_pch_falls_back(tmp_path, pch_dir):
    files = _project(tmp_path, 2)
    settings = Settings(headers="model")
    for f in files:
        parse(f, settings)
    assert list(pch_dir.glob("*.pch"))
    for p in pch_dir.glob("*.pch"):
        p.write_bytes(b"not a precompiled header")
    p = parse(files[1], settings)
    assert p.extra_inputs == [] and p.errors == []
    assert [f.spelling for f in p.functions] == ["Helper1"]


def test_a_pch_whose_header_changed_is_rebuilt(tmp_path, pch_dir):
    files = _project(tmp_path, 2)
    settings = Settings(headers="model")
    for f in files:
        parse(f, settings)
    [built] = list(pch_dir.glob("*.pch"))
    old = built.read_bytes()
    project_h = files[0].parent / "project.h"
    project_h.write_text(PROJECT_H.replace("ULONG Count;", "ULONG Count; ULONG Added;"))
    files[1].write_text(BODY.format(n=1).replace("Ext->Count = __LINE__;", "Ext->Added = 1;"))
    p = parse(files[1], settings)
    assert p.errors == [] and p.extra_inputs  # through a PCH, and the new field is known
    assert built.read_bytes() != old  # rebuilt, not the stale one


def test_a_pch_whose_recorded_errors_are_unreadable_is_not_used(tmp_path, pch_dir):
    import json

    files = _project(tmp_path, 3, PROJECT_H + "int Broken = \"a\" * 2;\n")
    settings = Settings(headers="model")
    for f in files[:2]:
        parse(f, settings)
    [meta] = list(pch_dir.glob("*.json"))
    recorded = json.loads(meta.read_text())
    assert recorded["errors"]  # the build's error, recorded
    recorded["errors"] = "not a list"
    meta.write_text(json.dumps(recorded))
    p = parse(files[2], settings)
    assert p.extra_inputs == []  # parsed plainly: a PCH whose errors are unknown is not used
    assert len(p.errors) == 1 and p.errors[0].path.endswith("project.h")


def test_a_pch_built_with_errors_is_rebuilt_once_its_header_is_fixed(tmp_path, pch_dir):
    files = _project(tmp_path, 2, PROJECT_H + "int Broken = \"a\" * 2;\n")
    settings = Settings(headers="model")
    for f in files:
        parse(f, settings)
    [built] = list(pch_dir.glob("*.pch"))
    assert parse(files[1], settings).errors  # the recorded error of the build
    (files[0].parent / "project.h").write_text(PROJECT_H)
    p = parse(files[1], settings)
    assert p.errors == [] and p.extra_inputs


def test_the_result_cache_keeps_pchs_for_later_runs(tmp_path, monkeypatch):
    from kdlint.cache import ResultCache
    from kdlint.engine import check_paths

    monkeypatch.delenv(pch.ENV_DIR, raising=False)
    monkeypatch.delenv(pch.ENV_OFF, raising=False)
    pch._failed.clear()
    files = _project(tmp_path, 3)
    cache = ResultCache(tmp_path / "cache")
    first = check_paths([files[0].parent], Settings(headers="model"), cache=cache)
    kept = list((tmp_path / "cache" / "pch").glob("*.pch"))
    assert kept  # still there after the run
    files[2].write_text(BODY.format(n=2) + "/* edited */\n")
    second = check_paths([files[2]], Settings(headers="model"), cache=ResultCache(tmp_path / "cache"))
    assert [d.message for d in second.files[0].diagnostics] == \
        [d.message for d in first.files[2].diagnostics]
    assert os.environ.get(pch.ENV_DIR) is None


def test_prune_keeps_the_most_recently_used(tmp_path):
    for i in range(5):
        (tmp_path / f"k{i}.pch").write_bytes(b"x")
        (tmp_path / f"k{i}.json").write_bytes(b"[]")
        os.utime(tmp_path / f"k{i}.pch", (1000 + i, 1000 + i))
    pch.prune(str(tmp_path), keep=2)
    assert sorted(p.name for p in tmp_path.glob("*.pch")) == ["k3.pch", "k4.pch"]
    assert sorted(p.name for p in tmp_path.glob("*.json")) == ["k3.json", "k4.json"]


BODY_NEEDS_REPAIR = """#include "project.h"

VOID Helper{n}(PMY_EXT Ext)
{{
    NEWER_DDK_TYPE Local = 0;
    Ext->Count = NEWER_DDK_CONSTANT + {n} + (ULONG)Local;
}}
"""

BODY_NEEDS_A_MEMBER = """#include "project.h"

VOID Helper{n}(PMY_EXT Ext)
{{
    Ext->AddedInANewerDdk = {n};
}}
"""


def _plain(path, settings, monkeypatch):
    monkeypatch.setenv(pch.ENV_OFF, "1")
    try:
        return parse(path, settings)
    finally:
        monkeypatch.delenv(pch.ENV_OFF)


def test_repair_rounds_go_through_the_pch_and_match_the_plain_parse(tmp_path, pch_dir,
                                                                     monkeypatch):
    files = _project(tmp_path, 3)
    for i, f in enumerate(files):
        f.write_text(BODY_NEEDS_REPAIR.format(n=i))
    settings = Settings(headers="model")
    parsed = [parse(f, settings) for f in files]
    assert parsed[0].extra_inputs == []  # first sighting: plain
    for p in parsed[1:]:
        assert p.extra_inputs, "repaired through the PCH"
        assert p.stats.rounds == 2
        plain = _plain(p.path, settings, monkeypatch)
        assert plain.extra_inputs == []
        assert p.stats.repaired == plain.stats.repaired == ["NEWER_DDK_CONSTANT", "NEWER_DDK_TYPE"]
        assert p.errors == plain.errors == []
        assert p.stats.errors_before_repair == plain.stats.errors_before_repair > 0
        assert (p.args, p.unsaved) == (plain.args, plain.unsaved)  # what doctor reproduces
        assert [f.spelling for f in p.functions] == [f.spelling for f in plain.functions]


def test_a_repair_inside_the_pch_headers_falls_back_to_the_plain_parse(tmp_path, pch_dir,
                                                                      monkeypatch):
    files = _project(tmp_path, 3)
    for i, f in enumerate(files):
        f.write_text(BODY_NEEDS_A_MEMBER.format(n=i))
    settings = Settings(headers="model")
    parsed = [parse(f, settings) for f in files]
    assert list(pch_dir.glob("*.pch"))  # the block itself is clean
    for p in parsed:
        # the member goes into MY_EXT's definition in project.h, which the PCH holds
        assert p.extra_inputs == []
        plain = _plain(p.path, settings, monkeypatch)
        assert p.stats.repaired == plain.stats.repaired
        assert any(name.endswith("AddedInANewerDdk") for name in p.stats.repaired)
        assert p.errors == plain.errors == []
        assert p.unsaved == plain.unsaved
        assert p.stats.errors_before_repair == plain.stats.errors_before_repair
    # the first parse goes through the PCH and the rounds go on plainly from there: as many
    # parses in all as the plain path (not a fresh plain start after the PCH's)
    from kdlint import parse as parse_module

    plain_parses = _plain(files[2], settings, monkeypatch).stats.rounds
    done = []
    for name in ("parse", "_parse_pch"):
        real = getattr(parse_module._Session, name)
        monkeypatch.setattr(parse_module._Session, name,
                            lambda self, *a, _real=real, _name=name: done.append(_name)
                            or _real(self, *a))
    again = parse(files[2], settings)
    assert done[0] == "_parse_pch" and again.errors == []
    assert len(done) == again.stats.rounds == plain_parses


def test_a_block_the_run_shares_is_precompiled_by_its_first_file(tmp_path, pch_dir,
                                                                 monkeypatch):
    """With EAGER_SHARE files of the run sharing the block, the first of them builds the PCH
    (the engine passes pch.sharing's counts); with fewer, the first parses plainly."""
    files = _project(tmp_path, 3)
    settings = Settings(headers="model")
    few = parse(files[0], settings, share=pch.EAGER_SHARE - 1)
    assert few.extra_inputs == [] and not list(pch_dir.glob("*.pch"))
    for f in pch_dir.glob("*.seen"):
        f.unlink()  # forget the sighting: the next first parse is a first one again
    first = parse(files[0], settings, share=pch.EAGER_SHARE)
    assert first.extra_inputs and len(list(pch_dir.glob("*.pch"))) == 1
    monkeypatch.setenv(pch.ENV_OFF, "1")
    plain = parse(files[0], settings)
    assert [str(e) for e in first.errors] == [str(e) for e in plain.errors]
    assert [f.spelling for f in first.functions] == [f.spelling for f in plain.functions]


def test_sharing_counts_files_by_directory_and_leading_block(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    files = {
        "a/1.c": "// x\n#include \"p.h\"\nint a;\n",
        "a/2.c": "/* y */\n#include \"p.h\"\n",
        "a/3.c": "#include <ntddk.h>\n",
        "a/4.c": "#define X 1\n#include \"p.h\"\n",  # no leading block
        "b/1.c": "#include \"p.h\"\n",
    }
    paths = []
    for name, text in files.items():
        (tmp_path / name).write_text(text)
        paths.append(tmp_path / name)
    paths.append(tmp_path / "a" / "missing.c")
    got = {str(p.relative_to(tmp_path)): n for p, n in pch.sharing(paths).items()}
    assert got == {"a/1.c": 2, "a/2.c": 2, "a/3.c": 1, "b/1.c": 1}
