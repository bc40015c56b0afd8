"""Event state along paths: uninitialized → initialized(type) → handed off / waited.

:class:`EventStates` is a forward :class:`~kdlint.flow.solver.Analysis`. Its state maps the
canonical access path of each object the function can name (:mod:`kdlint.model.events`) to the
set of *path states* that reach the point, each a pair ``(init, handed)``:

- ``init``: ``"uninit"`` (a local declared without an event initialisation, or fresh pool),
  ``"notif"`` / ``"sync"`` / ``"init"`` (initialised: notification, synchronization, type not
  known), ``"escaped"`` (its address went to code the model cannot follow, which may have
  initialised it);
- ``handed``: True once the event (or a structure holding it) was handed to code that will
  signal it later (``IoBuild*`` event argument, completion-routine or thread context, see
  :data:`~kdlint.model.events.HANDOFFS`) and not yet waited on.

A path absent from the map is not tracked (parameters, globals and fields of other objects are
unknown at entry); lookups fall back to the longest tracked prefix (``ctx`` covers ``ctx.Event``).
Helper functions of the file act through :class:`EventEffects` summaries: a helper that
initialises, waits on, hands off or lets escape an object its parameter points to does so at
every call site.
"""
from __future__ import annotations

from typing import Optional

from clang.cindex import Cursor, CursorKind as K, StorageClass, TypeKind

from kdlint.cursors import strip_casts
from kdlint.flow.cfg import children
from kdlint.flow.solver import Analysis
from kdlint.flow.summaries import SummaryAnalysis
from kdlint.model.events import EVENT_ROUTINES, HANDOFFS, INERT, address_paths, \
    assignment_parts, events_of, is_allocation
from kdlint.model.values import AccessPath, decl_key, path_of

UNINIT, ESCAPED = "uninit", "escaped"
TYPE_NAMES = {0: "notif", 1: "sync", None: "init"}
INITIALIZED = frozenset({"notif", "sync", "init"})


def lookup(state: dict, path: AccessPath) -> Optional[frozenset]:
    """The path states of ``path``, from its own entry or its longest tracked prefix."""
    got = state.get(path)
    if got is not None:
        return got
    for n in range(len(path.steps) - 1, -1, -1):
        got = state.get(AccessPath(path.root, path.name, path.steps[:n]))
        if got is not None:
            return got
    return None


def _under(state: dict, path: AccessPath) -> list:
    return [k for k in state if k.root == path.root and k.steps[:len(path.steps)] == path.steps]


def _tracked_type(decl: Cursor) -> bool:
    t = decl.type.get_canonical()
    return t.kind in (TypeKind.RECORD, TypeKind.CONSTANTARRAY, TypeKind.ELABORATED)


class EventStates(Analysis):
    """Per-point path states of the function's event objects (see the module docstring)."""

    def __init__(self, fn):
        self.fn = fn
        self.events = events_of(fn)
        self.table = fn.callgraph.summaries(EventEffects())

    @property
    def key(self):
        return (type(self), self.fn.name)

    def initial(self):
        return {}

    def bottom(self):
        return None

    def join(self, a, b):
        if a is None:
            return b
        if b is None:
            return a
        out = {}
        for k in set(a) | set(b):
            va, vb = lookup(a, k), lookup(b, k)
            if va is not None and vb is not None:
                out[k] = va | vb
        return out

    def equal(self, a, b):
        return a == b

    # -- helpers --------------------------------------------------------------------------
    def _canon(self, path: AccessPath) -> AccessPath:
        return self.events.canonical(path)[0]

    @staticmethod
    def _set(state: dict, path: AccessPath, value: frozenset) -> dict:
        out = {k: v for k, v in state.items() if k not in _under(state, path)}
        out[path] = value
        return out

    @staticmethod
    def _map(state: dict, path: AccessPath, f) -> dict:
        """Apply ``f`` to each path state of ``path`` and of everything under it."""
        out = dict(state)
        base = lookup(state, path)
        if base is not None and path not in state:
            out[path] = base
        for k in _under(out, path):
            out[k] = frozenset(f(s) for s in out[k])
        return out

    def _escape(self, state, path):
        return self._map(state, path, lambda s: (ESCAPED, s[1]))

    def _hand(self, state, path):
        return self._map(state, path, lambda s: (s[0], True))

    def _waited(self, state, path):
        return self._map(state, path, lambda s: (s[0], False))

    def edge(self, edge, state):
        """On the branch where IoCallDriver did not return STATUS_PENDING (a ``== / !=
        STATUS_PENDING`` test, or a failure test of its status) the request is over: its
        events are no longer handed off."""
        if state is None or edge.cond is None:
            return state
        from kdlint.model.event_protocol import settled_on
        for ref in settled_on(self.fn, edge):
            state = self._waited(state, ref.path)
        return state

    # -- transfer -------------------------------------------------------------------------
    def transfer(self, node: Cursor, state):
        if state is None:
            return state
        k = node.kind
        if k == K.VAR_DECL:
            return self._decl(node, state)
        if k == K.CALL_EXPR:
            return self._call(node, state)
        parts = assignment_parts(node)
        if parts is not None:
            return self._assign(parts[0], parts[1], state)
        return state

    def _decl(self, decl: Cursor, state):
        if decl.storage_class in (StorageClass.STATIC, StorageClass.EXTERN):
            return state
        path = path_of_decl(decl)
        kids = [c for c in children(decl) if c.kind.is_expression()]
        if _tracked_type(decl) and (not kids or strip_casts(kids[-1], children).kind == K.INIT_LIST_EXPR):
            return self._set(state, path, frozenset({(UNINIT, False)}))
        state = {k: v for k, v in state.items() if k not in _under(state, path)}
        if kids and decl.type.get_canonical().kind == TypeKind.POINTER:
            return self._pointer_value(path, kids[-1], state)
        return state

    def _pointer_value(self, path: AccessPath, value: Cursor, state):
        pointee = path.deref()
        state = {k: v for k, v in state.items() if k not in _under(state, pointee)}
        v = strip_casts(value, children)
        if v is not None and v.kind == K.CALL_EXPR:
            call = self.fn.call_of(v)
            if call is not None and is_allocation(call):
                return self._set(state, pointee, frozenset({(UNINIT, False)}))
        return state

    def _assign(self, lhs: Cursor, rhs: Cursor, state):
        lp = path_of(lhs)
        if lp is None:
            for p in address_paths(rhs):
                state = self._escape(state, self._canon(p))
            return state
        obj = self._canon(lp.object())
        state = {k: v for k, v in state.items() if k not in _under(state, obj)}
        plain_local = not lp.steps and lhs.type.get_canonical().kind == TypeKind.POINTER
        if plain_local:
            return self._pointer_value(lp, rhs, state)
        if lp.steps and all(s == "*" or s.startswith("[") for s in lp.steps) and len(lp.steps) == 1 \
                and self.events.array_elements(_base(lhs)) is not None:
            return state  # an element of a local array of wait objects: read by the wait
        for p in address_paths(rhs):
            state = self._escape(state, self._canon(p))
        return state

    def _call(self, node: Cursor, state):
        call = self.fn.call_of(node)
        if call is None:
            return state
        spec = EVENT_ROUTINES.get(call.name)
        if spec is not None:
            op = next((o for o in self.events.ops if o.call.cursor == node), None)
            if op is None:
                return state
            for r in op.refs:
                if op.kind == "init":
                    state = self._set(state, r.path, frozenset({(TYPE_NAMES[op.event_type], False)}))
                elif op.kind == "wait":
                    state = self._waited(state, r.path)
            return state
        handed = HANDOFFS.get(call.name)
        summary = self.table.at(call) if call.name in self.fn.callgraph.functions else None
        for i, arg in enumerate(call.args):
            paths = [self._canon(p) for p in address_paths(arg)]
            if not paths:
                continue
            if i == handed:
                for p in paths:
                    state = self._hand(state, p)
            elif summary is not None:
                state = self._apply(summary, i, paths, state)
            elif call.name not in INERT and not (call.name.startswith("Rtl") and "Zero" in call.name):
                for p in paths:
                    state = self._escape(state, p)
        return state

    def _apply(self, summary: dict, index: int, paths: list, state):
        for (i, steps), kinds in summary.items():
            if i != index:
                continue
            rest = steps[1:] if steps and steps[0] == "*" else ()
            for p in paths:
                target = AccessPath(p.root, p.name, p.steps + rest)
                if "escape" in kinds:
                    state = self._escape(state, target)
                if "init" in kinds:
                    state = self._set(state, target, frozenset({("init", False)}))
                if "handoff" in kinds:
                    state = self._hand(state, target)
                if "wait" in kinds:
                    state = self._waited(state, target)
        return state

    # -- queries --------------------------------------------------------------------------
    def before(self, node: Cursor, path: AccessPath) -> Optional[frozenset]:
        s = self.fn.solve(self).before(node)
        return lookup(s, path) if s is not None else None


def _base(expr: Cursor) -> Optional[Cursor]:
    e = strip_casts(expr, children)
    kids = children(e) if e is not None else []
    return kids[0] if e is not None and e.kind == K.ARRAY_SUBSCRIPT_EXPR and kids else None


def path_of_decl(decl: Cursor) -> AccessPath:
    return AccessPath(decl_key(decl), decl.spelling)


def event_states(fn) -> EventStates:
    """The (cached) event-state analysis of ``fn``; ``fn.solve(it)`` is shared."""
    cache = fn.callgraph.model("events.states", dict)
    got = cache.get(fn.name)
    if got is None:
        got = cache[fn.name] = EventStates(fn)
    return got


class EventEffects(SummaryAnalysis):
    """What a function does to the objects its parameters point to: ``{(param index, steps):
    {"init", "set", "reset", "wait", "handoff", "escape"}}`` (steps from the parameter, ``"*"`` first
    for its pointee). Flow-insensitive: an effect on some path counts."""

    def assume(self, name):
        return {}

    def compute(self, fn, table):
        params = {decl_key(p): i for i, p in enumerate(fn.params)}
        out: dict = {}

        def add(path: AccessPath, kind: str):
            i = params.get(path.root)
            if i is not None:
                out.setdefault((i, path.steps), set()).add(kind)

        fe = events_of(fn)
        for op in fe.ops:
            arg = op.call.arg(EVENT_ROUTINES[op.call.name][1])
            p = path_of(arg)
            if p is None or op.kind == "read":
                continue
            obj = p.object() if p.address_of else p.deref()
            add(obj, {"init": "init", "wait": "wait", "clear": "reset", "reset": "reset",
                      "pulse": "reset"}.get(op.kind, "set"))
        for call in fn.calls:
            if call.name in EVENT_ROUTINES:
                continue
            handed = HANDOFFS.get(call.name)
            callee = table.at(call) if call.name in fn.callgraph.functions else None
            for i, arg in enumerate(call.args):
                for p in address_paths(arg):
                    if params.get(p.root) is None:
                        continue
                    if i == handed:
                        add(p, "handoff")
                    elif callee is not None:
                        for (j, steps), kinds in callee.items():
                            if j == i:
                                rest = steps[1:] if steps and steps[0] == "*" else ()
                                for kind in kinds:
                                    add(AccessPath(p.root, p.name, p.steps + rest), kind)
                    elif call.name not in INERT:
                        add(p, "escape")
        for _, lhs, rhs in fn.callgraph.scan(fn.name).assignments:
            lp = path_of(lhs)
            if lp is not None and not lp.steps and lp.root not in params:
                continue  # into a local: an alias, not a store
            for p in address_paths(rhs):
                add(p, "escape")
        return {k: frozenset(v) for k, v in out.items()}
