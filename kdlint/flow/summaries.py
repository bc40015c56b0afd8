"""Function summaries: a per-function fact computed bottom-up over the file's call graph.

An interprocedural analysis describes its summary by subclassing :class:`SummaryAnalysis`
("helper completes its parameter #0 IRP on all paths", "may return STATUS_PENDING", "calls
PsTerminateSystemThread on every path"). :class:`SummaryTable` computes summaries lazily: asking
for one function first computes every function it calls (its call-graph successors), then the
function itself; the members of a recursive cycle (a strongly connected component) start from
``assume(name)`` and are recomputed together until no summary changes, at most
``max_rounds`` times (then ``converged(name)`` is False and ``give_up`` decides the value).

Inside ``compute`` an analysis reads callee summaries with ``table.at(call)`` (a
:class:`~kdlint.cursors.Call`, a ``CALL_EXPR`` cursor or a name). Callees not defined in the file
get ``external(name)`` (default ``None``: unknown). When ``compute`` runs a dataflow analysis whose
transfer consults the table, call :func:`kdlint.flow.solver.solve` directly rather than the cached
``FunctionFacts.solve``: in a recursive cycle each round must see the new callee summaries.

Shape of an analysis (the full example is ``MustCallX`` in ``tests/test_summaries.py``)::

    class CompletesIrp(SummaryAnalysis):
        def assume(self, name):            # optimistic start for recursion
            return True
        def external(self, name):         # APIs: known summaries, None = unknown
            return True if name == "IoCompleteRequest" else None
        def compute(self, fn, table):      # fn: FunctionFacts; table.at(call) for callees
            return solve(fn.cfg, MustFlow(table)).at_exit

    fn.summary(CompletesIrp(), call)       # at a call site in a rule
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, Optional, TypeVar, Union

from clang.cindex import Cursor

from kdlint.cursors import Call, callee_name, canonical_name

if TYPE_CHECKING:  # pragma: no cover
    from kdlint.flow.callgraph import CallGraph
    from kdlint.flow.facts import FunctionFacts

T = TypeVar("T")

#: Rounds a recursive component may take before its summaries are declared unconverged.
MAX_ROUNDS = 10


class SummaryAnalysis(Generic[T]):
    """What a summary is and how to compute one; subclass and override ``compute``."""

    max_rounds: int = MAX_ROUNDS

    def compute(self, fn: "FunctionFacts", table: "SummaryTable[T]") -> T:
        raise NotImplementedError

    def assume(self, name: str) -> T:
        """The summary assumed for a member of a recursive cycle before its first computation."""
        return None  # type: ignore[return-value]

    def external(self, name: str) -> Optional[T]:
        """The summary of a callee without a definition in this file (an API, another file)."""
        return None

    def give_up(self, name: str, last: T) -> T:
        """The value kept when a recursive cycle did not converge in ``max_rounds``."""
        return last

    def equal(self, a: T, b: T) -> bool:
        return a == b

    @property
    def key(self) -> Any:
        """What the per-file table cache is keyed by: the class, unless instances differ."""
        return type(self)


class SummaryTable(Generic[T]):
    """The summaries of one analysis for the definitions of one file."""

    def __init__(self, callgraph: "CallGraph", analysis: SummaryAnalysis[T]):
        self.callgraph = callgraph
        self.analysis = analysis
        self._values: dict[str, T] = {}
        self._done: set = set()
        self._active: set = set()  # members of the component being iterated
        self._unconverged: set = set()

    def release(self) -> None:
        """The file's analysis is over: drop the summaries, and the analysis's own per-function
        state (see :meth:`CallGraph.release <kdlint.flow.callgraph.CallGraph.release>`)."""
        release = getattr(self.analysis, "release", None)
        if release is not None:
            release()
        self._values.clear()

    def of(self, name: str) -> Optional[T]:
        """The summary of function ``name`` (computed on first request)."""
        if name not in self.callgraph.functions:
            return self.analysis.external(name)
        if name in self._done or name in self._active:
            return self._values.get(name)
        self._compute_component(name)
        return self._values.get(name)

    def at(self, call: Union[Call, Cursor, str]) -> Optional[T]:
        """The summary of the routine a call site calls."""
        if isinstance(call, Call):
            name = call.name
        elif isinstance(call, str):
            name = call
        else:
            name = canonical_name(callee_name(call))
        return self.of(name) if name else None

    def converged(self, name: str) -> bool:
        """False when ``name``'s recursive cycle hit ``max_rounds``."""
        return name not in self._unconverged

    def all(self) -> dict:
        """Every definition's summary (computes them all)."""
        return {name: self.of(name) for name in self.callgraph.bottom_up()}

    def _compute_component(self, name: str) -> None:
        cg, a = self.callgraph, self.analysis
        comp = cg.component(name)
        members = set(comp)
        for m in comp:  # callees outside the cycle first
            for callee in cg.callees(m):
                if callee not in members and callee not in self._done:
                    self.of(callee)
        recursive = len(comp) > 1 or name in cg.callees(name)
        for m in comp:
            self._values[m] = a.assume(m)
        self._active |= members
        try:
            rounds = 0
            while True:
                rounds += 1
                changed = False
                for m in comp:
                    new = a.compute(cg.facts(m), self)
                    if not a.equal(new, self._values[m]):
                        changed = True
                    self._values[m] = new
                if not recursive or not changed:
                    break
                if rounds >= a.max_rounds:
                    for m in comp:
                        self._values[m] = a.give_up(m, self._values[m])
                    self._unconverged |= members
                    break
        finally:
            self._active -= members
        self._done |= members
