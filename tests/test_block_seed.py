"""Files that share a leading #include whose headers need repair start from that block's own
repair (kdlint/parse.py, _block_seed): fewer parses, the same outcome in any order."""
import pytest

from kdlint import parse as parse_mod
from kdlint import pch
from kdlint.config import Settings
from kdlint.parse import parse

PROJECT_H = """#pragma once
#include <ntddk.h>
typedef struct _MY_EXT { KEVENT Event; NEWER_DDK_TYPE Newer; ULONG Count; } MY_EXT, *PMY_EXT;
MY_COMPARE_ROUTINE MyCompare{n};
"""

BODY = """// licence
#include "project.h"
#include "file{n}.tmh"

LONG MyCompare{n}(PVOID First, PVOID Second)
{{
    return First == Second;
}}

VOID Helper{n}(PMY_EXT Ext)
{{
    Ext->Count = {n};
}}
"""


@pytest.fixture
def fresh(monkeypatch):
    parse_mod._BLOCK_SEEDS.clear()
    monkeypatch.delenv("KDLINT_NO_BLOCK_SEED", raising=False)
    yield
    parse_mod._BLOCK_SEEDS.clear()


def _project(tmp_path, n=3, compare="MyCompare0"):
    src = tmp_path / "src"
    src.mkdir()
    (src / "project.h").write_text(PROJECT_H.replace("MyCompare{n}", compare))
    files = []
    for i in range(n):
        f = src / f"file{i}.c"
        f.write_text(BODY.format(n=i))
        files.append(f)
    return files


def _outcome(p):
    return (p.stats.repaired, [str(e) for e in p.errors], [f.spelling for f in p.functions],
            p.args, p.unsaved)


def test_files_of_a_block_start_from_its_repair(tmp_path, fresh, monkeypatch):
    monkeypatch.setenv(pch.ENV_OFF, "1")
    files = _project(tmp_path)
    settings = Settings(headers="model")
    seeded = [parse(f, settings) for f in files]
    for p in seeded:
        assert p.stats.rounds == 1, "the block's names are declared from the first parse on"
        assert "NEWER_DDK_TYPE" in p.stats.repaired
        assert p.errors == []
    monkeypatch.setenv("KDLINT_NO_BLOCK_SEED", "1")
    plain = [parse(f, settings) for f in files]
    assert all(p.stats.rounds == 2 for p in plain)
    for a, b in zip(seeded, plain):
        assert a.stats.repaired == b.stats.repaired
        assert a.errors == b.errors == []
        assert [f.spelling for f in a.functions] == [f.spelling for f in b.functions]


def test_the_outcome_does_not_depend_on_which_file_comes_first(tmp_path, fresh, monkeypatch):
    monkeypatch.setenv(pch.ENV_OFF, "1")
    files = _project(tmp_path)
    settings = Settings(headers="model")
    forward = {f: _outcome(parse(f, settings)) for f in files}
    parse_mod._BLOCK_SEEDS.clear()
    backward = {f: _outcome(parse(f, settings)) for f in reversed(files)}
    assert forward == backward


def test_a_function_type_is_copied_from_the_files_own_definition(tmp_path, fresh, monkeypatch):
    """The block alone cannot know MY_COMPARE_ROUTINE's signature (no definition of
    MyCompare0 there); file0 defines it, so its copy of the seed takes the definition's."""
    monkeypatch.setenv(pch.ENV_OFF, "1")
    files = _project(tmp_path)
    p = parse(files[0], Settings(headers="model"))
    assert p.errors == []  # no "conflicting types for 'MyCompare0'"
    assert "MY_COMPARE_ROUTINE" in p.stats.repaired
    text = b"".join(v for k, v in p.unsaved.items() if "kdlint_repair" in k or "kdlint_block" in k)
    assert b"typedef LONG MY_COMPARE_ROUTINE" in text


def test_a_changed_header_is_repaired_again(tmp_path, fresh, monkeypatch):
    monkeypatch.setenv(pch.ENV_OFF, "1")
    files = _project(tmp_path)
    settings = Settings(headers="model")
    assert "NEWER_DDK_TYPE" in parse(files[0], settings).stats.repaired
    header = files[0].parent / "project.h"
    header.write_text(header.read_text().replace("NEWER_DDK_TYPE", "ULONG") + "\n")
    p = parse(files[1], settings)
    assert "NEWER_DDK_TYPE" not in p.stats.repaired
    assert p.errors == []


def test_per_file_stubs_do_not_split_the_pch(tmp_path, fresh, monkeypatch):
    """Each file includes its own missing WPP file{n}.tmh: the stubs are the main file's
    alone, so the block's PCH is shared from the second file on."""
    d = tmp_path / "pch"
    d.mkdir()
    monkeypatch.setenv(pch.ENV_DIR, str(d))
    monkeypatch.delenv(pch.ENV_OFF, raising=False)
    pch._failed.clear()
    files = _project(tmp_path, 3)
    settings = Settings(headers="model")
    parsed = [parse(f, settings) for f in files]
    assert parsed[0].extra_inputs == []
    assert parsed[2].extra_inputs, "the third file parses through the shared PCH"
    monkeypatch.setenv(pch.ENV_OFF, "1")
    for p in parsed:
        plain = parse(p.path, settings)
        assert _outcome(p)[:3] == _outcome(plain)[:3]


def test_an_eager_build_that_finds_header_errors_saves_nothing_and_seeds(tmp_path, fresh,
                                                                        monkeypatch):
    """A run with three files sharing the block builds its PCH with the first file (kdlint.pch,
    EAGER_SHARE). Before the block's repair is known, that build is the check that the block
    needs repair: it finds the header's error, saves nothing, and the file starts again from
    the block's repair, whose PCH it is then parsed through. Same outcome as without a PCH."""
    d = tmp_path / "pch"
    d.mkdir()
    monkeypatch.setenv(pch.ENV_DIR, str(d))
    monkeypatch.delenv(pch.ENV_OFF, raising=False)
    pch._failed.clear()
    files = _project(tmp_path, 3, compare="MyCompareElsewhere")  # one repair for all three
    settings = Settings(headers="model")
    shares = pch.sharing(files)
    assert [shares[f] for f in files] == [3, 3, 3]
    first = parse(files[0], settings, share=shares[files[0]])
    assert first.extra_inputs, "the first file parses through the PCH of the block's repair"
    assert len(list(d.glob("*.pch"))) == 1, "the build with the header's error was not saved"
    assert "NEWER_DDK_TYPE" in first.stats.repaired and first.errors == []
    rest = [parse(f, settings, share=3) for f in files[1:]]
    assert all(p.extra_inputs for p in rest) and len(list(d.glob("*.pch"))) == 1
    monkeypatch.setenv(pch.ENV_OFF, "1")
    for p in [first] + rest:
        assert _outcome(p)[:3] == _outcome(parse(p.path, settings))[:3]
