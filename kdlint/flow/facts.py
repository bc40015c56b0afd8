"""FunctionFacts: what the engine knows about one function definition, computed lazily, once.

Rules receive a FunctionFacts in ``check_function`` and ask it questions; they never walk the
AST for dataflow themselves (STYLE.md principle 5). What it offers:

- ``name``, ``cursor``, ``params`` (PARM_DECL cursors, in order);
- ``roles`` (:class:`~kdlint.model.driver.Role` set), ``evidence(role)`` (where each role came
  from, for SARIF code flows), ``major_functions`` (``IRP_MJ_*`` names a dispatch routine is
  installed for; ``"*"`` for a loop over all of them);
- ``calls`` (every :class:`~kdlint.cursors.Call` in source order), ``calls_to(*names)``, and
  ``call_of(node)`` (the Call of a CFG node, for transfer functions);
- ``cfg`` (:mod:`kdlint.flow.cfg`), ``solve(analysis)`` (:mod:`kdlint.flow.solver`, cached per
  ``analysis.key`` for the whole file), and ``state_before(analysis, node)`` as a shortcut;
- ``callgraph`` (:class:`~kdlint.flow.callgraph.CallGraph` of the file), ``callees``,
  ``summary(analysis, call)`` (the :mod:`kdlint.flow.summaries` summary of a call's target) and
  ``own_summary(analysis)``.

CFGs, solutions and summaries live in the file's call graph, so every FunctionFacts of the same
file (the engine's and the ones summaries create) shares them. The call graph comes from the
driver model (``build_driver_model`` builds both); a FunctionFacts made without one builds a
graph of its own translation unit on first use.
"""
from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, Optional, Union

from clang.cindex import Cursor, CursorKind

from kdlint.cursors import Call

if TYPE_CHECKING:  # pragma: no cover
    from kdlint.flow.callgraph import CallGraph
    from kdlint.flow.cfg import CFG
    from kdlint.flow.solver import Analysis, Solution
    from kdlint.flow.summaries import SummaryAnalysis
    from kdlint.model.driver import DriverModel, Evidence, Role


class FunctionFacts:
    """One function definition of the main file and the facts derived from it."""

    def __init__(self, cursor: Cursor, driver: "DriverModel | None" = None,
                 callgraph: "CallGraph | None" = None):
        self.cursor = cursor
        self.name: str = cursor.spelling
        self.driver = driver
        self._callgraph = callgraph

    # -- roles -----------------------------------------------------------------------------
    @property
    def roles(self) -> frozenset:
        """The driver roles of this function (DriverEntry, dispatch, ...)."""
        return self.driver.roles_of(self.name) if self.driver else frozenset()

    def evidence(self, role: "Role | None" = None) -> list["Evidence"]:
        """Why this function has ``role`` (all roles when None): one entry per place."""
        return self.driver.evidence_of(self.name, role) if self.driver else []

    @property
    def major_functions(self) -> frozenset:
        """``IRP_MJ_*`` names this dispatch routine is installed for (``"*"``: all, by a loop)."""
        return self.driver.major_functions(self.name) if self.driver else frozenset()

    # -- the file --------------------------------------------------------------------------
    @property
    def callgraph(self) -> "CallGraph":
        """The call graph of this function's file (shared caches live there)."""
        if self._callgraph is None:
            cg = getattr(self.driver, "callgraph", None)
            if cg is None:
                from kdlint.cursors import main_functions
                from kdlint.flow.callgraph import CallGraph

                tu = self.cursor.translation_unit
                cg = CallGraph(main_functions(tu), tu)
            if self.name not in cg.functions:
                cg.functions[self.name] = self.cursor
            self._callgraph = cg
        return self._callgraph

    @cached_property
    def _shared(self) -> bool:
        """Whether the file caches describe this very definition (a broken parse can leave
        two definitions with one name; the second then keeps its facts to itself)."""
        return self.callgraph.functions.get(self.name) == self.cursor

    @cached_property
    def _own(self):
        from kdlint.flow.callgraph import CallGraph

        return CallGraph([self.cursor], self.cursor.translation_unit)

    @property
    def _graph(self) -> "CallGraph":
        return self.callgraph if self._shared else self._own

    @cached_property
    def params(self) -> list[Cursor]:
        return list(self.cursor.get_arguments())

    @property
    def calls(self) -> list[Call]:
        """Every call in the body, in source order (nested calls after their parents)."""
        return self._graph.scan(self.name).calls

    def calls_to(self, *names: str) -> list[Call]:
        return [c for c in self.calls if c.name in names]

    @cached_property
    def _calls_by_id(self) -> dict:
        return {id(c.cursor): c for c in self.calls}

    def call_of(self, node: Cursor) -> Optional[Call]:
        """The :class:`Call` for a CFG node that is a ``CALL_EXPR`` (None for other nodes).
        Cheap enough for transfer functions: CFG nodes and calls share cursor objects."""
        got = self._calls_by_id.get(id(node))
        if got is None and node.kind == CursorKind.CALL_EXPR:
            got = next((c for c in self.calls if c.cursor == node), None) or Call.from_cursor(node)
        return got

    @property
    def callees(self) -> list[str]:
        """Functions defined in this file that this one calls directly."""
        return self.callgraph.callees(self.name)

    # -- flow ------------------------------------------------------------------------------
    @property
    def cfg(self) -> "CFG":
        """The function's control-flow graph (:mod:`kdlint.flow.cfg`)."""
        return self._graph.cfg(self.name)

    def solve(self, analysis: "Analysis") -> "Solution":
        """``analysis`` over this function's CFG; solved once per ``analysis.key`` and file."""
        return self._graph.solve(self.name, analysis)

    def state_before(self, analysis: "Analysis", node: Union[Cursor, Call]) -> Any:
        """The analysis state just before ``node`` (a CFG node cursor or a Call); None when
        the cursor is not a node (e.g. inside ``sizeof``)."""
        cursor = node.cursor if isinstance(node, Call) else node
        return self.solve(analysis).before(cursor)

    def summary(self, analysis: "SummaryAnalysis", call: Union[Call, Cursor, str]) -> Optional[Any]:
        """The summary of the routine ``call`` targets (None when unknown)."""
        return self.callgraph.summaries(analysis).at(call)

    def own_summary(self, analysis: "SummaryAnalysis") -> Optional[Any]:
        """This function's own summary under ``analysis``."""
        return self.callgraph.summaries(analysis).of(self.name)

