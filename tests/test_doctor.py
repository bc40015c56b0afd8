"""kdlint doctor: the explanation and the exact clang argument list."""
from __future__ import annotations

import json
from pathlib import Path

from kdlint.config import Settings
from kdlint.doctor import clang_args, explain
from kdlint.libclang import PARSE_KEEP_GOING, index
from kdlint.parse import parse

MODEL = Settings(headers="model")

SRC = """\
#include "Drv.h"
#include "drv.tmh"

int f(void)
{
    KDT_THING t;
    t.Size = KDT_SIZE;
    return t.Size;
}
"""


def driver(tmp_path: Path) -> Path:
    (tmp_path / "drv.h").write_text("#pragma once\n#define KDT_SIZE 4\n")
    (tmp_path / "drv.c").write_text(SRC)
    return tmp_path / "drv.c"


def test_explain_without_a_file_names_layer_libclang_and_dirs(monkeypatch):
    out = explain(None, MODEL)
    assert "header layer:  model" in out and "libclang:" in out and "clang version" in out
    assert "include directories" in out and "defines:" in out and "_KERNEL_MODE" in out


def test_explain_for_a_file_reports_what_tolerant_parsing_did(tmp_path, monkeypatch):
    monkeypatch.setenv("KDLINT_CACHE_DIR", str(tmp_path / "cache"))
    out = explain(driver(tmp_path), MODEL)
    assert str(tmp_path / "drv.c") in out
    assert "case-insensitively" in out and "Drv.h" in out
    assert "empty stubs: drv.tmh" in out
    assert "declared by repair" in out and "KDT_THING" in out


def test_clang_args_reproduce_the_parse_without_in_memory_files(tmp_path, monkeypatch):
    monkeypatch.setenv("KDLINT_CACHE_DIR", str(tmp_path / "cache"))
    path = driver(tmp_path)
    args = clang_args(path, MODEL)
    assert args[-1] == str(path)
    overlay = Path(args[args.index("-ivfsoverlay") + 2])
    assert overlay.is_file() and str(tmp_path / "cache") in str(overlay)
    data = json.loads(overlay.read_text())
    mapped = [Path(f["external-contents"]) for r in data["roots"] for f in r["contents"]]
    assert mapped and all(p.is_file() for p in mapped)
    # libclang with only these arguments (no unsaved files) sees what parse() saw
    tu = index().parse(None, args=args, options=PARSE_KEEP_GOING)
    errors = [d for d in tu.diagnostics if d.severity >= 3]
    parsed = parse(path, MODEL)
    assert len(errors) == len(parsed.errors)
    assert parsed.health.functions_with_errors == 0


def test_clang_args_for_a_plain_file_need_no_overlay(tmp_path):
    (tmp_path / "plain.c").write_text("int g(void) { return 1; }\n")
    args = clang_args(tmp_path / "plain.c", MODEL)
    assert "-ivfsoverlay" not in args and args[-1] == str(tmp_path / "plain.c")
    assert "--target=x86_64-pc-windows-msvc" in args
