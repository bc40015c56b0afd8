"""Helpers the event rules (KD1xx) share to turn model answers into findings: code-flow steps
and fixes. Nothing here analyses code; the model (:mod:`kdlint.model.events`) does."""
from __future__ import annotations

from typing import Optional

from clang.cindex import Cursor

from kdlint.flow.cfg import EdgeKind
from kdlint.results import Fix, Step


def step(ctx, cursor: Optional[Cursor], message: str) -> list:
    """One code-flow step at ``cursor`` (none when it is outside the main file)."""
    if cursor is None:
        return []
    span = ctx.span(cursor)
    if span.path != str(ctx.parsed.path) or cursor.location.file is None:
        return []
    return [Step(span, message)]


def branch_steps(ctx, edges: list) -> list:
    """Steps for the TRUE/FALSE/CASE/DEFAULT edges of a path (the decisions that matter)."""
    out = []
    for e in edges:
        if e.kind in (EdgeKind.TRUE, EdgeKind.FALSE) and e.cond is not None:
            out += step(ctx, e.cond, f"condition is {e.kind.value}")
        elif e.kind == EdgeKind.CASE and e.label is not None:
            out += step(ctx, e.label, "case taken")
        elif e.kind == EdgeKind.DEFAULT and e.label is not None:
            out += step(ctx, e.label, "default taken")
    return out


def replace_fix(ctx, cursor: Optional[Cursor], text: str, description: str) -> list:
    """A fix replacing ``cursor``'s text when it is written on one line of the main file."""
    if cursor is None:
        return []
    span = ctx.span(cursor)
    ext = cursor.extent
    if ext.start.file is None or ext.end.file is None or span.path != str(ctx.parsed.path) \
            or ext.start.file.name != ext.end.file.name or span.line != span.end_line \
            or span.column >= span.end_column:
        return []
    return [Fix(description, span, text)]
