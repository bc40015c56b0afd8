"""Condition shapes several models read, decoded in one place.

- :func:`constant_comparison`: ``a == K`` / ``a != K`` (either order) — the IRP model's
  ``status == STATUS_PENDING`` and NULL tests, the event protocol's pending, ``PendingReturned``
  and flag tests;
- :func:`decisions`: the branch decisions along a path of CFG edges, for code-flow steps.

NT_SUCCESS tests are :func:`kdlint.flow.cfg.success_test` / :func:`~kdlint.flow.cfg.edge_success`.
"""
from __future__ import annotations

from typing import Iterator, Optional

from clang.cindex import Cursor, CursorKind as K

from kdlint.cursors import constant_value, strip_casts
from kdlint.flow.cfg import EdgeKind, binary_op, children

BO_EQ, BO_NE = 15, 16


def constant_comparison(cond: Optional[Cursor], kids=children) -> Optional[Iterator[tuple]]:
    """For ``a == b`` / ``a != b`` (casts and parentheses around it looked through): the sides
    compared with a constant, lazily, as ``(other side, constant, operator is ==)`` — the right
    side constant first, then the left. None when ``cond`` is no such comparison. ``kids``
    fetches children (a shared cache keeps cursor identities)."""
    c = strip_casts(cond, kids)
    if c is None or c.kind != K.BINARY_OPERATOR:
        return None
    op = binary_op(c)
    if op not in (BO_EQ, BO_NE):
        return None
    parts = kids(c)
    if len(parts) != 2:
        return None
    return _constant_sides(parts, kids, op == BO_EQ)


def _constant_sides(parts: list, kids, eq: bool) -> Iterator[tuple]:
    for a, b in (parts, parts[::-1]):
        v = constant_value(strip_casts(b, kids))
        if v is not None:
            yield a, v, eq


def decisions(edges) -> Iterator[tuple[Cursor, str]]:
    """The decisions along a path: ``(condition, "true" | "false")`` for TRUE/FALSE edges,
    ``(label, "case" | "default")`` for CASE/DEFAULT edges."""
    for e in edges:
        if e.kind in (EdgeKind.TRUE, EdgeKind.FALSE) and e.cond is not None:
            yield e.cond, e.kind.value
        elif e.kind in (EdgeKind.CASE, EdgeKind.DEFAULT) and e.label is not None:
            yield e.label, e.kind.value
