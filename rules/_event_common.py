"""Helpers the event rules (KD1xx) share to turn model answers into findings: code-flow steps
and fixes. Nothing here analyses code; the model (:mod:`kdlint.model.events`) does."""
from __future__ import annotations

from typing import Optional

from clang.cindex import Cursor

from kdlint.model.conditions import decisions
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
    for c, what in decisions(edges):
        out += step(ctx, c, _DECISION_TEXT.get(what) or f"condition is {what}")
    return out


_DECISION_TEXT = {"case": "case taken", "default": "default taken"}


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
