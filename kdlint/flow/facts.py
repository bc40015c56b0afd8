"""FunctionFacts: what the engine knows about one function definition, computed lazily, once.

Rules receive a FunctionFacts in ``check_function`` and ask it questions; they never walk the
AST for dataflow themselves (STYLE.md principle 5).
"""
from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from clang.cindex import Cursor, CursorKind

from kdlint.cursors import Call, walk

if TYPE_CHECKING:  # pragma: no cover
    from kdlint.model.driver import DriverModel


class FunctionFacts:
    """One function definition of the main file and the facts derived from it."""

    def __init__(self, cursor: Cursor, driver: "DriverModel | None" = None):
        self.cursor = cursor
        self.name: str = cursor.spelling
        self.driver = driver

    @property
    def roles(self) -> frozenset:
        """The driver roles of this function (DriverEntry, dispatch, ...)."""
        return self.driver.roles_of(self.name) if self.driver else frozenset()

    @cached_property
    def calls(self) -> list[Call]:
        """Every call in the body, in source order (nested calls after their parents)."""
        return [Call.from_cursor(c) for c in walk(self.cursor) if c.kind == CursorKind.CALL_EXPR]

    def calls_to(self, *names: str) -> list[Call]:
        return [c for c in self.calls if c.name in names]

    @cached_property
    def cfg(self):
        """The function's control-flow graph (:mod:`kdlint.flow.cfg`)."""
        from kdlint.flow.cfg import build_cfg

        return build_cfg(self.cursor)
