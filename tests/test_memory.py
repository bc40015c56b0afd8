"""A worker analyses many files in one process: nothing may keep an earlier file's translation
unit alive (every cursor pins its TU, ~10 MB each; a module-level cache of cursors made a worker
grow past 2 GB over Windows-driver-samples)."""
from __future__ import annotations

import gc
from pathlib import Path

from clang.cindex import TranslationUnit

from kdlint.config import Settings
from kdlint.engine import check_file
from kdlint.registry import all_rules

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def test_no_translation_unit_outlives_its_file():
    files = sorted(FIXTURES.glob("*.c"))[:12]
    assert len(files) >= 6
    rules = list(all_rules())
    gc.collect()
    before = {id(o) for o in gc.get_objects() if isinstance(o, TranslationUnit)}  # other tests'
    for path in files:
        check_file(path, Settings(headers="model"), rules)
    gc.collect()
    alive = [o for o in gc.get_objects() if isinstance(o, TranslationUnit) and id(o) not in before]
    # the last file's TU may stay in a small "current file" cache; earlier ones must be gone
    assert len(alive) <= 1, f"{len(alive)} translation units still alive after {len(files)} files"


def test_a_checked_file_leaves_no_reference_cycles_of_its_own():
    """The analysis frees a file's cursors and models by reference counting when it ends: a
    cycle among them (a function's model and its flow analysis, CFG blocks and edges, a
    declaration cursor remembering itself as its referenced cursor) would hold them all until
    a collection, and a worker's collections then cost seconds per corpus (kdlint.workers).
    Only the bindings' own cycles (ctypes array types, per-call classes) may remain."""
    files = sorted(FIXTURES.glob("*.c"))
    rules = list(all_rules())
    check_file(files[0], Settings(headers="model"), rules)  # imports, caches
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        for path in files:
            check_file(path, Settings(headers="model"), rules)
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        ours = [o for o in gc.garbage
                if type(o).__module__.startswith(("kdlint", "rules"))
                or type(o).__name__ in ("Cursor", "Type", "TranslationUnit")]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was:
            gc.enable()
    kinds = sorted({f"{type(o).__module__}.{type(o).__qualname__}" for o in ours})
    assert not ours, f"{len(ours)} objects freed only by the cyclic collector: {kinds[:8]}"
