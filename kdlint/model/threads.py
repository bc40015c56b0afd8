"""System threads: every ``PsCreateSystemThread`` call of a file and what becomes of the thread.

:func:`thread_model` gives the :class:`ThreadModel` of a function's file (built lazily, once per
file, and kept with the file's call graph). It answers the questions of the KD2xx rules:

- :meth:`ThreadModel.creations_in` — the :class:`Creation` s of one function, with their
  arguments resolved as far as the model can:

  - ``ObjectAttributes``: ``"null"``, or the ``OBJ_KERNEL_HANDLE`` state of a local
    ``OBJECT_ATTRIBUTES`` just before the call (``"kernel"``, ``"no-kernel"`` with the attribute
    value, ``"unknown"``), read from the assignments ``InitializeObjectAttributes`` expands to
    and from ``RTL_CONSTANT_OBJECT_ATTRIBUTES`` initialisers by a forward dataflow
    (:class:`_AttributesFlow`);
  - ``ProcessHandle``: ``"null"``, ``"current"`` (``NtCurrentProcess()``, the constant -1) or
    ``"other"``; ``ClientId``: NULL or not;
  - ``StartRoutine``: the function it names (through casts, ``&F`` and variables initialised
    with a function), whether an explicit cast was written, and how its declared type differs
    from ``KSTART_ROUTINE`` (``VOID (PVOID)``);
  - ``StartContext``: its storage (``"null"``, ``"stack"`` for the address of the creator's
    locals, ``"global"``, ``"pointer"`` for anything else) and its access path;
  - the handle's access path and whether it is the creator's own local.

- :meth:`Creation.fate` — the handle's fate on every path of the creating function
  (:class:`_HandleFlow`, a forward may-analysis): whether the NTSTATUS was checked (an
  ``NT_SUCCESS`` test, ``== STATUS_SUCCESS``, a test of the handle itself), whether the handle
  was closed (``ZwClose`` or a helper of the file whose summary closes that parameter), kept
  (stored outside the frame, returned, passed to a routine of another file) or overwritten, and
  whether the creator waited (``KeWaitFor*`` / ``ZwWaitFor*``, directly or in a helper that waits
  on every path). The :class:`Fate` lists the handle uses on unchecked or failed paths, the
  paths on which a created handle reaches a return still open, those on which a stack context
  outlives the creator without a wait, and frees of the context while the thread may use it,
  each with the cursors of a code flow.

- :meth:`ThreadModel.arbitrary_context_chain` — whether a function can run in an arbitrary
  (user) process context: reachable over the file's call graph from a dispatch routine (other
  than one installed only for ``IRP_MJ_PNP`` / ``IRP_MJ_POWER``, which the system sends from
  system threads), StartIo, a completion, cancel, DPC, timer, ISR or CSQ routine. DriverEntry,
  AddDevice, DriverUnload, work items and system threads run in the system process.

- :meth:`ThreadModel.thread_chain` / :meth:`ThreadModel.non_thread_chain` — whether a function
  runs in a driver-created thread (a ``THREAD_START`` routine or reached from one) or is reached
  from a routine that is not one (for ``PsTerminateSystemThread``).

- :meth:`ThreadModel.kept_keys` / :meth:`ThreadModel.waited_keys` — where a thread's handle or
  referenced thread object is kept (the field or global it is stored in, also through
  ``ObReferenceObjectByHandle``'s out parameter and a local copied into a field), and which such
  fields or globals the file waits on (``KeWaitForSingleObject(Ext->Thread, ...)``,
  ``ZwWaitForSingleObject(Ext->ThreadHandle, ...)``), for the unload rule.

Helper summaries (:class:`HelperEffects`, bottom-up over the file's call graph): which handle
parameters a function closes on every path, which it may keep, whether it waits on every path,
and which fields/globals it waits on (directly or in its callees).

Limits: one file at a time (a thread created in one file and stopped in another is judged with
what this file shows); handles copied into other locals count as kept; the OBJECT_ATTRIBUTES
flags are known only for a local structure set up in the creating function.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Optional

from clang.cindex import Cursor, CursorKind as K, TypeKind

from kdlint.cursors import Call, constant_value, initializer, source_text, strip_casts
from kdlint.flow.cfg import (BO_ASSIGN, UO_ADDROF, UO_LNOT, Block, EdgeKind, binary_op, children,
                             success_test, unary_op)
from kdlint.flow.solver import Analysis, Solution, solve
from kdlint.flow.summaries import SummaryAnalysis
from kdlint.model.driver import Role
from kdlint.model.values import AccessPath, RootKind, decl_key, on_stack, path_of, root_decl, root_kind

if TYPE_CHECKING:  # pragma: no cover
    from kdlint.flow.callgraph import CallGraph
    from kdlint.flow.facts import FunctionFacts

#: Thread-creating routines → index of their ThreadHandle argument (the others follow it).
CREATORS = {"PsCreateSystemThread": 0, "IoCreateSystemThread": 1}
# offsets from the ThreadHandle argument
_HANDLE, _ACCESS, _ATTRIBUTES, _PROCESS, _CLIENT, _ROUTINE, _CONTEXT = range(7)

CLOSERS = frozenset({"ZwClose", "NtClose", "ObCloseHandle"})
#: Waits: name → index of the object (or handle) argument (None: an array of them).
WAITS = {"KeWaitForSingleObject": 0, "KeWaitForMutexObject": 0, "ZwWaitForSingleObject": 0,
         "NtWaitForSingleObject": 0, "KeWaitForMultipleObjects": 1,
         "ZwWaitForMultipleObjects": 1}
#: Pool frees: name → index of the block argument.
FREES = {"ExFreePool": 0, "ExFreePoolWithTag": 0, "ExFreePool2": 0, "ExFreeToNPagedLookasideList": 1,
         "ExFreeToPagedLookasideList": 1, "ExFreeToLookasideListEx": 1}
REFERENCE_BY_HANDLE = "ObReferenceObjectByHandle"
#: Routines of the kernel and the HAL: passing them a handle neither closes nor keeps it.
KERNEL_PREFIXES = ("Zw", "Nt", "Ob", "Ke", "Ps", "Io", "Ex", "Rtl", "Mm", "Se", "Fs", "Cc", "Po",
                   "Wmi", "Dbg", "Kd", "Hal", "Interlocked", "_Interlocked", "Etw", "Flt", "Wdf")

OBJ_KERNEL_HANDLE = 0x200
BO_EQ, BO_NE = 15, 16

#: Dispatch routines installed only for these majors run in system threads.
SYSTEM_MAJORS = frozenset({"IRP_MJ_PNP", "IRP_MJ_POWER"})
#: Roles whose code runs in whatever thread happens to be current.
ARBITRARY_ROLES = (Role.DISPATCH, Role.START_IO, Role.COMPLETION, Role.CANCEL, Role.DPC,
                   Role.TIMER, Role.ISR, Role.CSQ)
#: Roles that are not a driver-created thread (PsTerminateSystemThread there is wrong).
NOT_THREAD_ROLES = ARBITRARY_ROLES + (Role.DRIVER_ENTRY, Role.UNLOAD, Role.ADD_DEVICE,
                                      Role.WORK_ITEM)


ROLE_LABELS = {
    Role.DRIVER_ENTRY: "DriverEntry", Role.UNLOAD: "unload routine",
    Role.ADD_DEVICE: "AddDevice routine", Role.WORK_ITEM: "work item", Role.START_IO: "StartIo routine",
    Role.COMPLETION: "completion routine", Role.CANCEL: "cancel routine", Role.DPC: "DPC routine",
    Role.TIMER: "timer routine", Role.ISR: "interrupt service routine",
    Role.CSQ: "cancel-safe queue callback", Role.THREAD_START: "thread start routine",
}


class Check(str, enum.Enum):
    """What the path knows about the creation's NTSTATUS."""

    UNCHECKED = "unchecked"
    SUCCESS = "success"
    FAILED = "failed"


class Own(str, enum.Enum):
    """Who holds the handle on the path."""

    OWNED = "owned"      # in the creator's local, still open
    CLOSED = "closed"
    KEPT = "kept"        # stored outside the frame, returned, handed to another file's routine
    LOST = "lost"        # the local was overwritten while the handle was open


# --------------------------------------------------------------------------------------------
# small expression helpers

def _strip(expr: Optional[Cursor]) -> Optional[Cursor]:
    return strip_casts(expr, children)


def _is_null(expr: Optional[Cursor]) -> bool:
    """NULL, 0, or a cast of them."""
    e = _strip(expr)
    return e is not None and e.kind != K.CALL_EXPR and not _synthesized(e) and constant_value(e) == 0


def _synthesized(expr: Optional[Cursor]) -> bool:
    """A name the header set lacked and :mod:`kdlint.repair` declared (value made up)."""
    from kdlint.repair import is_synthesized

    return expr is not None and expr.kind == K.DECL_REF_EXPR and is_synthesized(expr)


def _constant(expr: Cursor) -> Optional[int]:
    """The value of an integer constant expression none of whose names repair made up."""
    from kdlint.cursors import walk

    if any(_synthesized(n) for n in walk(expr) if n.kind == K.DECL_REF_EXPR):
        return None
    return constant_value(expr)


def _value_path(expr: Optional[Cursor]) -> Optional[AccessPath]:
    """The path of an expression used as a value (``h``, ``Ext->Handle``; not ``&h``)."""
    p = path_of(expr)
    return None if p is None or p.address_of else p


def key_of(path: Optional[AccessPath]) -> Optional[str]:
    """What a stored thread is known by across functions: the last field name of the path
    (``Ext->ThreadObject`` → ``ThreadObject``) or the global's name."""
    if path is None:
        return None
    for step in reversed(path.steps):
        if step != "*" and not step.startswith("["):
            return step
    return path.name


def _is_kernel_api(name: str) -> bool:
    return name.startswith(KERNEL_PREFIXES)


def _cond_test(cond: Cursor) -> Optional[tuple[Cursor, bool, bool]]:
    """What a branch condition says about a status or handle: ``(expression, polarity,
    is_success_test)``. For an NTSTATUS test (``NT_SUCCESS(s)``, ``s >= 0``, ``s < 0``, also
    negated or compared with FALSE) polarity True means "success when the condition is true";
    for a comparison with zero (``x``, ``!x``, ``x != NULL``, ``s == STATUS_SUCCESS``) it means
    "non-zero when the condition is true"."""
    c = _strip(cond)
    if c is None:
        return None
    st = success_test(c)
    if st is not None:
        return st[0], st[1], True
    if c.kind == K.UNARY_OPERATOR and unary_op(c) == UO_LNOT:
        kids = children(c)
        inner = _cond_test(kids[0]) if kids else None
        return (inner[0], not inner[1], inner[2]) if inner else None
    if c.kind == K.BINARY_OPERATOR and binary_op(c) in (BO_EQ, BO_NE):
        kids = children(c)
        if len(kids) == 2:
            for a, b in ((kids[0], kids[1]), (kids[1], kids[0])):
                if _is_null(b) and not _is_null(a):
                    inner = _cond_test(a)
                    if inner is not None and inner[2]:  # NT_SUCCESS(s) == FALSE
                        return inner[0], inner[1] == (binary_op(c) == BO_NE), True
                    return _strip(a), binary_op(c) == BO_NE, False
        return None
    if c.kind in (K.DECL_REF_EXPR, K.MEMBER_REF_EXPR, K.CALL_EXPR):
        return c, True, False
    return None


# --------------------------------------------------------------------------------------------
# StartRoutine

@dataclass
class RoutineInfo:
    """What the StartRoutine argument names."""

    name: Optional[str]            # the function, when the model can tell
    decl: Optional[Cursor]         # its declaration
    cast: Optional[str]            # the type an explicit cast wrote, if any
    problems: list = field(default_factory=list)  # how its type differs from KSTART_ROUTINE
    severe: bool = False           # a difference that breaks the call (extra parameters ...)


def _pointer_sized(t) -> bool:
    """A pointer, or an integer as wide as one (``ULONG_PTR``): passed exactly like PVOID."""
    c = t.get_canonical()
    return c.kind == TypeKind.POINTER or (c.kind in (TypeKind.LONGLONG, TypeKind.ULONGLONG)
                                          and c.get_size() == 8)


def routine_info(expr: Optional[Cursor], kids_of=children) -> RoutineInfo:
    cast = None
    e = expr
    while e is not None and e.kind in (K.UNEXPOSED_EXPR, K.PAREN_EXPR, K.CSTYLE_CAST_EXPR):
        if e.kind == K.CSTYLE_CAST_EXPR and cast is None:
            cast = e.type.spelling
        kids = kids_of(e)
        if not kids:
            break
        e = kids[-1]
    if e is not None and e.kind == K.UNARY_OPERATOR and unary_op(e) == UO_ADDROF:
        kids = kids_of(e)
        e = _strip(kids[-1]) if kids else None
    decl = e.referenced if e is not None and e.kind == K.DECL_REF_EXPR else None
    if decl is None or decl.kind != K.FUNCTION_DECL or _synthesized(e):
        return RoutineInfo(None, None, cast)
    info = RoutineInfo(decl.spelling, decl, cast)
    ftype = decl.type
    if ftype.kind != TypeKind.FUNCTIONPROTO:
        return info  # K&R style: nothing to compare
    result = ftype.get_result()
    if result.get_canonical().kind != TypeKind.VOID:
        info.problems.append(f"returns {result.spelling}")
    args = list(ftype.argument_types())
    if len(args) > 1:
        info.problems.append(f"takes {len(args)} parameters")
        info.severe = True
    elif len(args) == 1 and not _pointer_sized(args[0]):
        info.problems.append(f"takes a {args[0].spelling}")
        info.severe = True
    if ftype.is_function_variadic():
        info.problems.append("is variadic")
    return info


# --------------------------------------------------------------------------------------------
# OBJECT_ATTRIBUTES flags

class _AttributesFlow(Analysis):
    """Forward: for each local OBJECT_ATTRIBUTES (its path), the set of values its
    ``Attributes`` member may hold (None in the set: unknown)."""

    def __init__(self, fn: "FunctionFacts"):
        self.fn = fn

    @property
    def key(self):
        return type(self)

    def initial(self):
        return frozenset()

    def bottom(self):
        return frozenset()

    def join(self, a, b):
        return a | b

    def _set(self, state, obj: AccessPath, value):
        return frozenset(x for x in state if x[0] != obj) | {(obj, value)}

    def transfer(self, node, state):
        k = node.kind
        if k == K.BINARY_OPERATOR and binary_op(node) == BO_ASSIGN:
            kids = self.fn.callgraph.children(node)
            if len(kids) == 2:
                lhs = path_of(kids[0])
                if lhs is not None and lhs.steps and lhs.steps[-1] == "Attributes":
                    obj = AccessPath(lhs.root, lhs.name, lhs.steps[:-1])
                    return self._set(state, obj, _constant(kids[1]))
        elif k == K.VAR_DECL and "OBJECT_ATTRIBUTES" in node.type.spelling:
            kids = self.fn.callgraph.children(node)
            init = next((c for c in kids if c.kind == K.INIT_LIST_EXPR), None)
            if init is not None:
                obj = AccessPath(decl_key(node), node.spelling)
                items = self.fn.callgraph.children(init)
                value = _constant(items[3]) if len(items) > 3 else 0
                return self._set(state, obj, value)
        elif k == K.CALL_EXPR:
            call = self.fn.call_of(node)
            if call is not None and call.name not in CREATORS:
                # a helper filling the structure through a pointer: unknown afterwards
                for a in call.args:
                    p = path_of(a)
                    if p is not None and p.address_of:
                        obj = p.object()
                        if any(x[0] == obj for x in state) or "OBJECT_ATTRIBUTES" in a.type.spelling:
                            state = self._set(state, obj, None)
        return state


# --------------------------------------------------------------------------------------------
# the creation record

@dataclass
class Creation:
    """One call that creates a system thread."""

    fn: "FunctionFacts"
    call: Call
    index: int                       # position among the function's creations
    base: int                        # index of the ThreadHandle argument

    def arg(self, offset: int) -> Optional[Cursor]:
        return self.call.arg(self.base + offset)

    @property
    def cursor(self) -> Cursor:
        return self.call.cursor

    # -- handle ------------------------------------------------------------------------
    @cached_property
    def handle_path(self) -> Optional[AccessPath]:
        """The object that receives the handle (``&h`` → ``h``; ``Ext->h``; ``*OutHandle``)."""
        p = path_of(self.arg(_HANDLE))
        return p.deref() if p is not None else None

    @cached_property
    def handle_is_local(self) -> bool:
        """The handle lands in a local of the creator (not a field, global or out parameter)."""
        a = self.arg(_HANDLE)
        p = path_of(a)
        return p is not None and p.address_of and on_stack(a)

    @property
    def handle_text(self) -> str:
        p = self.handle_path
        return p.text if p is not None else "the handle"

    # -- arguments ---------------------------------------------------------------------
    @cached_property
    def attributes(self) -> tuple[str, Optional[int]]:
        """(``"null"`` | ``"kernel"`` | ``"no-kernel"`` | ``"unknown"``, the Attributes value)."""
        a = self.arg(_ATTRIBUTES)
        if a is None or _is_null(a):
            return "null", None
        p = path_of(a)
        if p is None or not p.address_of:
            return "unknown", None
        obj = p.object()
        state = self.fn.state_before(_AttributesFlow(self.fn), self.call)
        values = {v for o, v in (state or ()) if o == obj}
        if not values or None in values:
            return "unknown", None
        if all(v & OBJ_KERNEL_HANDLE for v in values):
            return "kernel", None
        if all(not v & OBJ_KERNEL_HANDLE for v in values):
            return "no-kernel", next(iter(values))
        return "unknown", None

    @cached_property
    def process(self) -> str:
        """``"null"`` | ``"current"`` (NtCurrentProcess()) | ``"other"`` | ``"unknown"`` (a name
        the headers lacked and repair declared: its value is made up)."""
        a = self.arg(_PROCESS)
        e = _strip(a)
        if e is None or _is_null(a):
            return "null"
        if e.kind == K.CALL_EXPR and e.spelling in ("NtCurrentProcess", "ZwCurrentProcess"):
            return "current"
        if _synthesized(e):
            return "unknown"
        return "current" if constant_value(e) == -1 else "other"

    @cached_property
    def client_id_null(self) -> Optional[bool]:
        """Whether ClientId is NULL (None: a repair-declared name, unknown)."""
        a = self.arg(_CLIENT)
        if a is None or _is_null(a):
            return True
        return None if _synthesized(_strip(a)) else False

    @cached_property
    def routine(self) -> RoutineInfo:
        return routine_info(self.arg(_ROUTINE), self.fn.callgraph.children)

    @cached_property
    def context_storage(self) -> str:
        """``"null"`` | ``"stack"`` | ``"global"`` | ``"pointer"``."""
        a = self.arg(_CONTEXT)
        if a is None or _is_null(a):
            return "null"
        p = path_of(a)
        if p is None:
            return "pointer"
        kind = root_kind(root_decl(a))
        e = _strip(a)
        array = e is not None and e.type.get_canonical().kind in (
            TypeKind.CONSTANTARRAY, TypeKind.INCOMPLETEARRAY)
        if (p.address_of or array) and "*" not in p.steps:
            if kind == RootKind.LOCAL:
                return "stack"
            if kind in (RootKind.GLOBAL, RootKind.STATIC_LOCAL):
                return "global"
        return "pointer"

    @cached_property
    def context_path(self) -> Optional[AccessPath]:
        return path_of(self.arg(_CONTEXT))

    # -- fate --------------------------------------------------------------------------
    def fate(self) -> "Fate":
        return self.fn_model().fate(self)

    def fn_model(self) -> "_FunctionThreads":
        return thread_model(self.fn).function(self.fn)


@dataclass
class Fate:
    """What the handle-flow solution says about one creation."""

    unchecked_uses: list = field(default_factory=list)   # [(use cursor, "unchecked"|"failed", flow)]
    leaks: list = field(default_factory=list)            # [(flow, how)] how: "open" | "unchecked" | "overwritten"
    unwaited_returns: list = field(default_factory=list)  # [flow] creator returns, thread not waited
    early_frees: list = field(default_factory=list)      # [(free call cursor, flow)]
    kept: bool = False                                   # kept outside the frame on some path
    closed: bool = False                                 # closed on some path


# --------------------------------------------------------------------------------------------
# helper summaries

@dataclass(frozen=True)
class Effects:
    closes: frozenset = frozenset()      # parameter indexes closed on every path
    keeps: frozenset = frozenset()       # parameter indexes that may be kept
    waits: bool = False                  # waits on every path
    waited_keys: frozenset = frozenset()  # fields/globals waited on (any path, callees too)
    waits_all_params: frozenset = frozenset()  # parameter indexes waited on (any path)


class HelperEffects(SummaryAnalysis):
    """Per function: handle parameters closed on every path, kept, waits (see :class:`Effects`)."""

    def assume(self, name):
        return Effects()

    def compute(self, fn: "FunctionFacts", table) -> Effects:
        params = {decl_key(p): i for i, p in enumerate(fn.params)}

        def param_of(expr) -> Optional[int]:
            p = _value_path(expr)
            if p is None or p.steps:
                return None
            return params.get(p.root)

        keeps, keys, waited_params = set(), set(), set()
        for call in fn.calls:
            name = call.name
            if name in WAITS:
                obj = call.arg(WAITS[name])
                k = key_of(path_of(obj))
                if k:
                    keys.add(k)
                i = param_of(obj)
                if i is not None:
                    waited_params.add(i)
                continue
            if name in CLOSERS or name in CREATORS or name == REFERENCE_BY_HANDLE:
                continue
            sub = table.at(call) if name in fn.callgraph.functions else None
            if sub is not None:
                keys |= sub.waited_keys
            for j, a in enumerate(call.args):
                i = param_of(a)
                if i is None:
                    continue
                if sub is not None:
                    if j in sub.keeps:
                        keeps.add(i)
                elif not _is_kernel_api(name):
                    keeps.add(i)
        for _node, lhs, rhs in fn.callgraph.scan(fn.name).assignments:
            i = param_of(rhs)
            if i is not None:
                keeps.add(i)
        sol = solve(fn.cfg, _MustCloseFlow(fn, table, param_of))
        closed, waits = sol.at_exit if sol.at_exit is not None else (frozenset(), False)
        return Effects(frozenset(closed), frozenset(keeps), bool(waits), frozenset(keys),
                       frozenset(waited_params))


class _MustCloseFlow(Analysis):
    """Forward must-analysis: (parameters closed, waited) on every path. None is bottom."""

    def __init__(self, fn, table, param_of):
        self.fn, self.table, self.param_of = fn, table, param_of

    def initial(self):
        return (frozenset(), False)

    def bottom(self):
        return None

    def join(self, a, b):
        if a is None:
            return b
        if b is None:
            return a
        return (a[0] & b[0], a[1] and b[1])

    def transfer(self, node, state):
        if state is None or node.kind != K.CALL_EXPR:
            return state
        call = self.fn.call_of(node)
        if call is None:
            return state
        closed, waited = state
        if call.name in CLOSERS:
            i = self.param_of(call.arg(0))
            if i is not None:
                closed = closed | {i}
        elif call.name in WAITS:
            waited = True
        elif call.name in self.fn.callgraph.functions:
            sub = self.table.at(call)
            if sub is not None:
                waited = waited or sub.waits
                for j in sub.closes:
                    i = self.param_of(call.arg(j))
                    if i is not None:
                        closed = closed | {i}
        return (closed, waited)


# --------------------------------------------------------------------------------------------
# the handle flow of one creating function

class _HandleFlow(Analysis):
    """Forward may-analysis over the creating function. State: (facts, bindings) with facts
    a frozenset of (creation index, Check, Own, waited) — one per kind of path — and bindings
    a frozenset of (status variable path, creation index)."""

    def __init__(self, ft: "_FunctionThreads"):
        # the creations only, not ``ft``: the function's model keeps this analysis's solution,
        # and a reference back would be a cycle (see CallGraph.release)
        self.by_cursor = ft.by_cursor
        self.fn = ft.fn
        self.kids = ft.fn.callgraph.children

    @property
    def key(self):
        return type(self)

    def initial(self):
        return (frozenset(), frozenset(), frozenset())

    def bottom(self):
        return (frozenset(), frozenset(), frozenset())

    def join(self, a, b):
        return (a[0] | b[0], a[1] | b[1], a[2] | b[2])

    # -- fact helpers ------------------------------------------------------------------
    @staticmethod
    def _map(facts, cid, f):
        out = set()
        for fact in facts:
            if cid is None or fact[0] == cid:
                new = f(fact)
                if new is not None:
                    out.add(new)
            else:
                out.add(fact)
        return frozenset(out)

    def _own(self, facts, cid, new: Own, only=(Own.OWNED,)):
        return self._map(facts, cid, lambda f: (f[0], f[1], new, f[3]) if f[2] in only else f)

    def _lose(self, facts, cid):
        return self._map(facts, cid, lambda f: (f[0], f[1], Own.LOST, f[3])
                         if f[2] == Own.OWNED and f[1] != Check.FAILED else f)

    @staticmethod
    def held(holds, path: Optional[AccessPath]) -> list:
        """Creations whose handle ``path`` may hold on this path."""
        return [cid for hp, cid in holds if hp == path] if path is not None else []

    # -- transfer ----------------------------------------------------------------------
    def transfer(self, node, state):
        facts, binds, holds = state
        k = node.kind
        creations = self.by_cursor
        if k == K.CALL_EXPR:
            c = creations.get(node)
            if c is not None:
                hp = c.handle_path
                for old in self.held(holds, hp):
                    if old != c.index:
                        facts = self._lose(facts, old)
                facts = frozenset(f for f in facts if f[0] != c.index)
                own = Own.OWNED if c.handle_is_local else Own.KEPT
                facts = facts | {(c.index, Check.UNCHECKED, own, False)}
                if hp is not None:
                    holds = frozenset(h for h in holds if h[0] != hp) | {(hp, c.index)}
                return facts, binds, holds
            call = self.fn.call_of(node)
            if call is None:
                return state
            return self._call(call, facts, holds), binds, holds
        if k in (K.BINARY_OPERATOR, K.VAR_DECL):
            if k == K.BINARY_OPERATOR:
                if binary_op(node) != BO_ASSIGN:
                    return state
                kids = self.kids(node)
                if len(kids) != 2:
                    return state
                rhs = kids[1]
                lhs = path_of(kids[0])
            else:
                rhs = initializer(node, self.kids)
                if rhs is None:
                    return state
                lhs = AccessPath(decl_key(node), node.spelling)
            # status bindings
            if lhs is not None:
                binds = frozenset(b for b in binds if b[0] != lhs)
                src = _strip(rhs)
                c = creations.get(src) if src is not None else None
                if c is not None:
                    binds = binds | {(lhs, c.index)}
            # the handle copied somewhere: kept; a handle local overwritten: lost
            for cid in self.held(holds, _value_path(rhs)):
                facts = self._own(facts, cid, Own.KEPT)
            if lhs is not None and k == K.BINARY_OPERATOR:
                for cid in self.held(holds, lhs):
                    facts = self._lose(facts, cid)
                holds = frozenset(h for h in holds if h[0] != lhs)
            return facts, binds, holds
        if k == K.RETURN_STMT:
            kids = self.kids(node)
            if kids:
                for cid in self.held(holds, _value_path(kids[0])):
                    facts = self._own(facts, cid, Own.KEPT)
            return facts, binds, holds
        return state

    def _call(self, call: Call, facts, holds):
        name = call.name
        if name in WAITS:
            return self._map(facts, None, lambda f: (f[0], f[1], f[2], True))
        sub = None
        if name in self.fn.callgraph.functions:
            sub = self.fn.callgraph.summaries(HelperEffects()).at(call)
            if sub is not None and sub.waits:
                facts = self._map(facts, None, lambda f: (f[0], f[1], f[2], True))
        for j, a in enumerate(call.args):
            p = path_of(a)
            if p is None:
                continue
            if p.address_of:
                for cid in self.held(holds, p.object()):
                    facts = self._own(facts, cid, Own.KEPT)  # &h handed to someone
                continue
            for cid in self.held(holds, p):
                if name in CLOSERS or (sub is not None and j in sub.closes):
                    facts = self._own(facts, cid, Own.CLOSED, (Own.OWNED, Own.KEPT, Own.LOST))
                elif sub is not None:
                    if j in sub.keeps:
                        facts = self._own(facts, cid, Own.KEPT)
                elif name not in self.fn.callgraph.functions and not _is_kernel_api(name):
                    facts = self._own(facts, cid, Own.KEPT)
        return facts

    # -- edges -------------------------------------------------------------------------
    def _targets(self, expr: Cursor, binds, holds) -> list:
        """Creation indexes an expression tests: the creating call itself, a status variable
        bound to one, the handle variable holding one."""
        e = _strip(expr)
        if e is None:
            return []
        c = self.by_cursor.get(e)
        if c is not None:
            return [("status", c.index)]
        p = _value_path(e)
        if p is None:
            return []
        out = [("status", cid) for b, cid in binds if b == p]
        out += [("handle", cid) for cid in self.held(holds, p)]
        return out

    def edge(self, edge, state):
        if edge.kind not in (EdgeKind.TRUE, EdgeKind.FALSE) or edge.cond is None:
            return state
        facts, binds, holders = state
        tested = []
        ct = _cond_test(edge.cond)
        if ct is not None:
            expr, polarity, is_success = ct
            true_here = polarity == (edge.kind == EdgeKind.TRUE)
            for kind, cid in self._targets(expr, binds, holders):
                if is_success:
                    if kind == "status":
                        tested.append((cid, true_here))
                else:
                    # a non-NULL handle means it was created; a zero status means success
                    tested.append((cid, true_here if kind == "handle" else not true_here))
        for cid, ok in tested:
            if ok:
                facts = self._map(facts, cid, lambda f: None if f[1] == Check.FAILED
                                  else (f[0], Check.SUCCESS, f[2], f[3]))
            else:
                facts = self._map(facts, cid, lambda f: None if f[1] == Check.SUCCESS
                                  else (f[0], Check.FAILED, f[2], f[3]))
        return facts, binds, holders


class _FunctionThreads:
    """The creations of one function and their handle flow."""

    def __init__(self, fn: "FunctionFacts"):
        self.fn = fn
        self.creations: list[Creation] = []
        for call in fn.calls:
            base = CREATORS.get(call.name)
            if base is not None and len(call.args) >= base + 7:
                self.creations.append(Creation(fn, call, len(self.creations), base))
        self.by_cursor = {c.cursor: c for c in self.creations}
        self._fates: dict[int, Fate] = {}

    @cached_property
    def solution(self) -> Solution:
        return self.fn.solve(_HandleFlow(self))

    def fate(self, c: Creation) -> Fate:
        got = self._fates.get(c.index)
        if got is None:
            got = self._fates[c.index] = self._compute(c)
        return got

    # -- building the fate -------------------------------------------------------------
    def _facts(self, state, cid):
        return [f for f in (state[0] if state else ()) if f[0] == cid]

    def _compute(self, c: Creation) -> Fate:
        sol, cfg = self.solution, self.fn.cfg
        out = Fate()
        start = cfg.block_of(c.cursor)
        hp = c.handle_path
        ctx = c.context_path
        for b, i, node in cfg.nodes():
            if not sol.reached[b.id]:
                continue
            if node == c.cursor:
                continue
            state = sol.states(b)[i]
            facts = self._facts(state, c.index)
            if not facts:
                continue
            for f in facts:
                out.kept |= f[2] == Own.KEPT
                out.closed |= f[2] == Own.CLOSED
            # handle uses
            if hp is not None and c.index in _HandleFlow.held(state[2], hp) and self._uses(node, hp):
                bad = [f for f in facts if f[1] != Check.SUCCESS]
                if bad and not any(u[0] == node for u in out.unchecked_uses):
                    how = "failed" if all(f[1] == Check.FAILED for f in bad) else "unchecked"
                    flow = self._flow(c, start, b, lambda f: f[1] != Check.SUCCESS)
                    out.unchecked_uses.append((node, how, flow + [(node, "the handle is used here")]))
            # the context freed while the thread may run
            if ctx is not None and node.kind == K.CALL_EXPR:
                call = self.fn.call_of(node)
                if call is not None and call.name in FREES:
                    fp = _value_path(call.arg(FREES[call.name]))
                    if fp is not None and fp == ctx and c.context_storage == "pointer" and \
                            any(f[1] != Check.FAILED and not f[3] for f in facts):
                        flow = self._flow(c, start, b, lambda f: f[1] != Check.FAILED and not f[3])
                        out.early_frees.append((node, flow + [(node, "the context is freed here")]))
        # returns
        for e in cfg.exit.preds:
            if e.kind == EdgeKind.NORETURN or not sol.reached[e.src.id]:
                continue
            facts = self._facts(sol.analysis.edge(e, sol.states(e.src)[-1]), c.index)
            for f in facts:
                out.kept |= f[2] == Own.KEPT
                out.closed |= f[2] == Own.CLOSED
            ret = e.src.nodes[-1] if e.src.nodes and e.src.nodes[-1].kind == K.RETURN_STMT else None
            where = ret if ret is not None else self._closing(e.src)

            def open_(f):
                return f[1] != Check.FAILED and f[2] in (Own.OWNED, Own.LOST)
            leaking = [f for f in facts if open_(f)]
            if leaking and c.handle_is_local:
                how = "overwritten" if all(f[2] == Own.LOST for f in leaking) else (
                    "unchecked" if all(f[1] == Check.UNCHECKED for f in leaking) else "open")
                flow = self._flow(c, start, e.src, open_)
                out.leaks.append((flow + [(where, "the function returns here with the handle open")], how))

            def unwaited(f):
                return f[1] != Check.FAILED and not f[3]
            if any(unwaited(f) for f in facts):
                flow = self._flow(c, start, e.src, unwaited)
                out.unwaited_returns.append(flow + [(where, "the function returns here; the thread may "
                                                            "still be running")])
        return out

    def holds(self, c: Creation, node: Cursor) -> bool:
        """Whether the handle variable may hold ``c``'s handle just before ``node``."""
        state = self.solution.before(node)
        return state is not None and c.index in _HandleFlow.held(state[2], c.handle_path)

    def _closing(self, block: Block) -> Cursor:
        return block.nodes[-1] if block.nodes else self.fn.cursor

    def _uses(self, node: Cursor, hp: AccessPath) -> bool:
        """``node`` reads the handle's value: passes it to a call, copies or returns it."""
        k = node.kind
        if k == K.CALL_EXPR:
            call = self.fn.call_of(node)
            return call is not None and any(_value_path(a) == hp for a in call.args)
        if k == K.BINARY_OPERATOR and binary_op(node) == BO_ASSIGN:
            kids = self.fn.callgraph.children(node)
            return len(kids) == 2 and _value_path(kids[1]) == hp
        if k == K.RETURN_STMT:
            kids = self.fn.callgraph.children(node)
            return bool(kids) and _value_path(kids[0]) == hp
        return False

    def _flow(self, c: Creation, start: Optional[Block], target: Block, holds) -> list:
        """Code-flow steps from the creation to ``target`` through blocks where a fact of the
        creation satisfying ``holds`` flows: the creation, then each branch taken."""
        steps = [(c.cursor, f"{c.call.name} creates the thread; the handle goes to {c.handle_text}")]
        if start is None:
            return steps
        sol = self.solution
        came: dict[int, object] = {}
        queue = [start]
        seen = {start.id}
        for block in queue:
            if block is target:
                break
            for e in block.succs:
                d = e.dst
                if d.id in seen or not sol.reached[d.id]:
                    continue
                if not any(holds(f) for f in self._facts(sol.state_in[d.id], c.index)):
                    continue
                seen.add(d.id)
                came[d.id] = e
                queue.append(d)
        edges = []
        node = target
        while node is not start and node.id in came:
            edges.append(came[node.id])
            node = came[node.id].src
        for e in reversed(edges):
            if e.kind in (EdgeKind.TRUE, EdgeKind.FALSE) and e.cond is not None:
                text = " ".join(source_text(e.cond).split())
                if len(text) > 60:
                    text = text[:57] + "..."
                steps.append((e.cond, f"'{text}' is {e.kind.value}"))
            elif e.kind == EdgeKind.CASE and e.label is not None:
                steps.append((e.label, "case " + (str(e.value) if e.value is not None else "") + " is taken"))
            elif e.kind == EdgeKind.DEFAULT and e.label is not None:
                steps.append((e.label, "the default case is taken"))
        return steps


# --------------------------------------------------------------------------------------------
# the file model

class ThreadModel:
    """The system threads of one file (see the module docstring)."""

    def __init__(self, cg: "CallGraph"):
        self.cg = cg
        self._functions: dict[str, _FunctionThreads] = {}

    def function(self, fn: "FunctionFacts") -> _FunctionThreads:
        got = self._functions.get(fn.name)
        if got is None:
            got = self._functions[fn.name] = _FunctionThreads(fn)
        elif got.fn.cursor != fn.cursor:  # a second definition of one name (broken parse)
            return _FunctionThreads(fn)
        return got

    def creations_in(self, fn: "FunctionFacts") -> list[Creation]:
        return self.function(fn).creations

    def all_creations(self) -> list[Creation]:
        out = []
        for name in self.cg.functions:
            out += self.creations_in(self.cg.facts(name))
        return out

    # -- roles and contexts -------------------------------------------------------------
    @property
    def driver(self):
        return self.cg.driver

    def roles(self, name: str) -> frozenset:
        return self.driver.roles_of(name) if self.driver is not None else frozenset()

    def _arbitrary_role(self, name: str) -> Optional[Role]:
        roles = self.roles(name)
        for r in ARBITRARY_ROLES:
            if r in roles:
                if r == Role.DISPATCH:
                    majors = self.driver.major_functions(name)
                    if majors and majors <= SYSTEM_MAJORS:
                        continue
                return r
        return None

    def _chain(self, name: str, goal) -> Optional[list]:
        """A caller chain [(function, call cursor in it or None), ...] from a function for
        which ``goal(function)`` holds down to ``name`` (breadth-first, shortest)."""
        came: dict[str, tuple] = {}
        queue = [name]
        seen = {name}
        found = None
        for f in queue:
            if goal(f):
                found = f
                break
            for caller in self.cg.callers(f):
                if caller not in seen:
                    seen.add(caller)
                    call = next((c for c in self.cg.calls_from(caller) if c.name == f), None)
                    came[caller] = (f, call)
                    queue.append(caller)
        if found is None:
            return None
        chain = []
        f = found
        while f != name:
            callee, call = came[f]
            chain.append((f, call))
            f = callee
        chain.append((name, None))
        return chain

    def arbitrary_context_chain(self, name: str) -> Optional[list]:
        """A chain from a routine that runs in an arbitrary process context to ``name``."""
        return self._chain(name, lambda f: self._arbitrary_role(f) is not None)

    def role_label(self, name: str) -> str:
        """How messages name ``name``'s role: "dispatch routine (IRP_MJ_CREATE)", "DPC routine"."""
        r = self._arbitrary_role(name)
        if r == Role.DISPATCH:
            majors = sorted(m for m in self.driver.major_functions(name) if m != "*")
            return "dispatch routine" + (f" ({', '.join(majors[:3])})" if majors else "")
        roles = self.roles(name)
        for x in ((r,) if r is not None else ()) + NOT_THREAD_ROLES:
            if x in roles:
                return ROLE_LABELS.get(x, x.value)
        return "function"

    def is_thread_routine(self, name: str) -> bool:
        return Role.THREAD_START in self.roles(name)

    def thread_chain(self, name: str) -> Optional[list]:
        return self._chain(name, self.is_thread_routine)

    def non_thread_chain(self, name: str) -> Optional[list]:
        """A chain to ``name`` from a routine with a role that is not a driver thread's."""
        def goal(f):
            roles = self.roles(f)
            return Role.THREAD_START not in roles and any(r in roles for r in NOT_THREAD_ROLES)
        return self._chain(name, goal)

    # -- unload ------------------------------------------------------------------------
    def unload_routines(self) -> list[str]:
        if self.driver is None:
            return []
        return [n for n in self.driver.functions_with(Role.UNLOAD) if n in self.cg.functions]

    def kept_keys(self, c: Creation) -> set:
        """Fields / globals where the thread's handle or object is kept."""
        keys = set()
        if not c.handle_is_local:
            k = key_of(c.handle_path)
            if k:
                keys.add(k)
        fn = c.fn
        hp = c.handle_path
        objects = []  # locals that receive a referenced thread object
        ft = self.function(fn)
        for call in fn.calls_to(REFERENCE_BY_HANDLE):
            if hp is None or _value_path(call.arg(0)) != hp or not ft.holds(c, call.cursor):
                continue
            out = path_of(call.arg(4))
            if out is None or not out.address_of:
                continue
            obj = out.object()
            if on_stack(call.arg(4)):
                objects.append(obj)
            else:
                k = key_of(obj)
                if k:
                    keys.add(k)
        for node, lhs, rhs in fn.callgraph.scan(fn.name).assignments:
            rp = _value_path(rhs)
            if rp is not None and ((rp == hp and ft.holds(c, node)) or rp in objects):
                lp = path_of(lhs)
                if lp is not None and not on_stack(lhs):
                    k = key_of(lp)
                    if k:
                        keys.add(k)
        return keys

    @cached_property
    def waited_keys(self) -> set:
        """Fields / globals some function of the file waits on."""
        table = self.cg.summaries(HelperEffects())
        out = set()
        for name in self.cg.functions:
            eff = table.of(name)
            if eff is not None:
                out |= eff.waited_keys
        return out


def flow_steps(ctx, flow: list) -> list:
    """[(cursor, message)] from the model → SARIF code-flow :class:`~kdlint.results.Step` s."""
    from kdlint.results import Step

    return [Step(ctx.span(cursor), message) for cursor, message in flow]


def chain_steps(ctx, model: ThreadModel, chain: list) -> list:
    """A caller chain of :meth:`ThreadModel._chain` as code-flow steps: why its first function
    has its role (the evidence the driver model recorded), then each call down the chain."""
    from kdlint.results import Span, Step

    out = []
    root = chain[0][0] if chain else None
    if root is not None and model.driver is not None:
        role = model._arbitrary_role(root) or next(
            (r for r in NOT_THREAD_ROLES if r in model.roles(root)), None)
        found = sorted(model.driver.evidence_of(root, role), key=lambda e: e.major is None)
        ev = found[0] if found else None
        if ev is not None and ev.path:
            out.append(Step(Span(ev.path, ev.line, 1, ev.line, 1),
                            f"{root} is a {model.role_label(root)}: {ev.how}"))
    for name, call in chain:
        if call is not None:
            out.append(Step(ctx.span(call.cursor), f"{name} calls {call.name}"))
    return out


def user_context_flow(ctx, c: Creation, last: str) -> Optional[tuple[str, list]]:
    """When ``c``'s creator can run in an arbitrary (user) process context: ("dispatch routine
    (IRP_MJ_CREATE) DispatchCreate", code-flow steps from that routine to the creation, whose
    last step says ``last``). None otherwise."""
    from kdlint.results import Step

    model = thread_model(c.fn)
    chain = model.arbitrary_context_chain(c.fn.name)
    if chain is None:
        return None
    root = chain[0][0]
    flow = chain_steps(ctx, model, chain)
    flow.append(Step(ctx.span(c.cursor), last))
    return f"{model.role_label(root)} {root}", flow


def thread_model(fn: "FunctionFacts") -> ThreadModel:
    """The :class:`ThreadModel` of ``fn``'s file (one per call graph)."""
    cg = fn.callgraph
    return cg.model("threads", lambda: ThreadModel(cg))


def creations_in(fn: "FunctionFacts") -> list[Creation]:
    """The thread creations in ``fn`` (cheap when there are none)."""
    if not any(c.name in CREATORS for c in fn.calls):
        return []
    return thread_model(fn).creations_in(fn)
