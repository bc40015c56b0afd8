"""Generic dataflow solver: a bounded worklist fixpoint over a :class:`~kdlint.flow.cfg.CFG`.

An analysis subclasses :class:`Analysis` and supplies its lattice:

- ``initial()``: the boundary state, at entry (forward) or at exit (backward);
- ``bottom()``: the state of a point no path has reached yet (the identity of ``join``);
- ``join(a, b)``: where paths meet;
- ``transfer(node, state)``: the effect of one CFG node; must return a new state, never mutate;
- ``edge(edge, state)`` (optional): refine the state flowing along an edge, e.g. on the TRUE or
  FALSE edge of ``if (!NT_SUCCESS(status))`` (``edge.kind`` and ``edge.cond``); return ``None``
  when the edge cannot be taken in that state. ``NORETURN`` edges (a bug check, a raise) carry
  nothing unless ``follow_noreturn`` is set, so "at exit" means "on a path that returns".
- ``widen(old, new)`` (optional): applied at a block once it has been visited
  ``widen_after`` times, for lattices of unbounded height.

:func:`solve` iterates in reverse postorder (forward) or postorder (backward) until nothing
changes, or until ``MAX_VISITS_PER_BLOCK`` block visits per block have been spent (mypy's
``MAX_ITERATIONS`` guard): then it stops and the :class:`Solution` says ``converged = False``
instead of hanging. Blocks no path reaches (from entry, or to exit for a backward analysis) keep
``bottom`` and ``transfer`` is never called on them (``reached[b]`` says which). States are
always in *program order*: ``state_in[b]`` holds at the start of
block ``b`` and ``state_out[b]`` at its end, for both directions; :meth:`Solution.before` and
:meth:`Solution.after` give the state just before and after a node.
"""
from __future__ import annotations

import enum
import heapq
from typing import Any, Generic, Optional, TypeVar

from clang.cindex import Cursor

from kdlint.flow.cfg import CFG, Block, Edge, EdgeKind

S = TypeVar("S")

#: Visits per block before the solver gives up (the whole run may use blocks × this).
MAX_VISITS_PER_BLOCK = 50


class Direction(str, enum.Enum):
    FORWARD = "forward"
    BACKWARD = "backward"


class Analysis(Generic[S]):
    """Base class of a dataflow analysis; override the lattice methods."""

    direction: Direction = Direction.FORWARD
    follow_noreturn: bool = False
    widen_after: int = 10

    def initial(self) -> S:
        raise NotImplementedError

    def bottom(self) -> S:
        raise NotImplementedError

    def join(self, a: S, b: S) -> S:
        raise NotImplementedError

    def transfer(self, node: Cursor, state: S) -> S:
        return state

    def edge(self, edge: Edge, state: S) -> Optional[S]:
        return state

    def widen(self, old: S, new: S) -> S:
        return new

    def equal(self, a: S, b: S) -> bool:
        return a == b

    @property
    def key(self) -> Any:
        """What caches of results are keyed by: the class, unless instances differ."""
        return type(self)


class Solution(Generic[S]):
    """The fixpoint of one analysis over one CFG."""

    def __init__(self, cfg: CFG, analysis: Analysis[S], state_in: list, state_out: list,
                 converged: bool, visits: int, reached: Optional[list] = None):
        self.cfg = cfg
        self.analysis = analysis
        self.state_in = state_in
        self.state_out = state_out
        self.converged = converged
        self.visits = visits
        self.reached = reached if reached is not None else [True] * len(cfg.blocks)
        self._replayed: dict[int, list] = {}

    def states(self, block: Block) -> list:
        """``len(block.nodes) + 1`` states in program order: before node 0, ..., after the last."""
        got = self._replayed.get(block.id)
        if got is None:
            a = self.analysis
            if not self.reached[block.id]:
                got = [self.state_in[block.id]] * (len(block.nodes) + 1)  # bottom throughout
            elif a.direction == Direction.FORWARD:
                got = [self.state_in[block.id]]
                for n in block.nodes:
                    got.append(a.transfer(n, got[-1]))
            else:
                got = [self.state_out[block.id]]
                for n in reversed(block.nodes):
                    got.append(a.transfer(n, got[-1]))
                got.reverse()
            self._replayed[block.id] = got
        return got

    def _at(self, node: Cursor, offset: int) -> Optional[S]:
        result = None
        for block, i in self.cfg.locations(node):
            s = self.states(block)[i + offset]
            result = s if result is None else self.analysis.join(result, s)
        return result

    def before(self, node: Cursor) -> Optional[S]:
        """The state just before ``node`` (joined over its copies); None if it is not a node."""
        return self._at(node, 0)

    def after(self, node: Cursor) -> Optional[S]:
        """The state just after ``node``; None if it is not a node."""
        return self._at(node, 1)

    @property
    def at_exit(self) -> S:
        """Forward: the state reaching the exit block. Backward: the state at entry."""
        if self.analysis.direction == Direction.FORWARD:
            return self.state_in[self.cfg.exit.id]
        return self.state_out[self.cfg.entry.id]


def solve(cfg: CFG, analysis: Analysis[S], max_visits_per_block: int = MAX_VISITS_PER_BLOCK) -> Solution[S]:
    """Run ``analysis`` over ``cfg`` to a fixpoint (or to the visit bound)."""
    forward = analysis.direction == Direction.FORWARD
    n = len(cfg.blocks)
    order = cfg.reverse_postorder()
    if not forward:
        order = list(reversed(order))
    rank = {b.id: i for i, b in enumerate(order)}
    bottom = analysis.bottom()
    state_in = [bottom] * n
    state_out = [bottom] * n
    boundary = cfg.entry if forward else cfg.exit
    follow_noreturn = analysis.follow_noreturn
    budget = max_visits_per_block * max(n, 1)
    visits = [0] * n
    reached = [False] * n
    total = 0
    heap = [(rank[b.id], b.id) for b in order]
    heapq.heapify(heap)
    queued = set(range(n))
    blocks = cfg.blocks
    converged = True
    kept: dict = {}  # block id -> its states in program order, from its last visit
    while heap:
        if total >= budget:
            converged = False
            break
        _, bid = heapq.heappop(heap)
        queued.discard(bid)
        block = blocks[bid]
        total += 1
        visits[bid] += 1
        # the state flowing into the block, in the direction of the analysis; only from
        # neighbours some path has reached (unreached code keeps bottom, never transferred)
        got = block is boundary
        incoming = analysis.initial() if got else bottom
        for e in (block.preds if forward else block.succs):
            if e.kind == EdgeKind.NORETURN and not follow_noreturn:
                continue
            other = e.src.id if forward else e.dst.id
            if not reached[other]:
                continue
            s = analysis.edge(e, state_out[other] if forward else state_in[other])
            if s is not None:
                incoming = analysis.join(incoming, s)
                got = True
        if not got and not reached[bid]:
            continue
        newly = not reached[bid]
        reached[bid] = True
        # the states between the nodes of this visit: after the last visit of a block they are
        # exactly what Solution.states would recompute, so they are kept instead
        between = [incoming] if forward else None
        if forward:
            if visits[bid] > analysis.widen_after:
                incoming = analysis.widen(state_in[bid], incoming)
                between[0] = incoming
            state_in[bid] = incoming
            s = incoming
            keep = between.append
            for node in block.nodes:
                s = analysis.transfer(node, s)
                keep(s)
            changed = newly or not analysis.equal(s, state_out[bid])
            state_out[bid] = s
            nxt = [e.dst for e in block.succs]
        else:
            if visits[bid] > analysis.widen_after:
                incoming = analysis.widen(state_out[bid], incoming)
            state_out[bid] = incoming
            s = incoming
            between = [s]
            keep = between.append
            for node in reversed(block.nodes):
                s = analysis.transfer(node, s)
                keep(s)
            between.reverse()
            changed = newly or not analysis.equal(s, state_in[bid])
            state_in[bid] = s
            nxt = [e.src for e in block.preds]
        kept[bid] = between
        if changed:
            for b in nxt:
                if b.id not in queued:
                    queued.add(b.id)
                    heapq.heappush(heap, (rank[b.id], b.id))
    sol = Solution(cfg, analysis, state_in, state_out, converged, total, reached)
    sol._replayed = kept
    return sol
