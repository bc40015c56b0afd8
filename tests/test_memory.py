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
