"""Parse a self-contained C snippet for unit tests (no kernel headers: declare what you use).

``parse_snippet(src)`` returns the translation unit; ``function(tu, name)`` a definition in it.
The snippet is written to a temporary file (the driver model reads annotations from the source
text) and parsed with kdlint's base clang flags (MSVC target, SEH on), and clang
errors fail the test so a typo cannot silently shrink the AST.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from clang.cindex import CursorKind, Diagnostic

from kdlint.headers import BASE_ARGS
from kdlint.libclang import PARSE_KEEP_GOING, index

SNIPPET = "snippet.c"
_TMP = tempfile.TemporaryDirectory(prefix="kdlint-snippets-")
_count = [0]


def parse_snippet(src: str, name: str = SNIPPET, allow_errors: bool = False,
                  files: dict | None = None):
    """Parse ``src``; ``files`` are extra files (project headers) written beside it."""
    _count[0] += 1
    folder = Path(_TMP.name) / str(_count[0])
    folder.mkdir()
    for other, text in (files or {}).items():
        (folder / other).write_text(text)
    path = folder / name
    path.write_text(src)
    tu = index().parse(str(path), args=list(BASE_ARGS) + ["-I", str(folder)],
                       options=PARSE_KEEP_GOING)
    errors = [d for d in tu.diagnostics if d.severity >= Diagnostic.Error]
    if errors and not allow_errors:
        raise AssertionError("snippet does not parse: " + "; ".join(str(e) for e in errors))
    return tu


def function(tu, name: str):
    for c in tu.cursor.get_children():
        if c.kind == CursorKind.FUNCTION_DECL and c.spelling == name and c.is_definition():
            return c
    raise KeyError(name)


def definitions(tu) -> list:
    return [c for c in tu.cursor.get_children()
            if c.kind == CursorKind.FUNCTION_DECL and c.is_definition()]


def call_paths(cfg, follow_noreturn: bool = False) -> set:
    """The callee names along every entry → exit path that takes each edge at most once."""
    from kdlint.cursors import callee_name
    from kdlint.flow.cfg import EdgeKind

    out = set()

    def names(block):
        return [callee_name(n) for n in block.nodes if n.kind == CursorKind.CALL_EXPR]

    stack = [(cfg.entry, (), frozenset())]
    while stack:
        block, seq, seen = stack.pop()
        seq = seq + tuple(names(block))
        if block is cfg.exit:
            out.add(seq)
            continue
        for e in block.succs:
            if e.kind == EdgeKind.NORETURN and not follow_noreturn:
                continue
            if id(e) not in seen:
                stack.append((e.dst, seq, seen | {id(e)}))
    return out
