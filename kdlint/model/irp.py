"""IRP ownership model: who owns each IRP at each program point, path by path.

**Lattice.** The state at a program point is a set of *facts* (a disjunction, in the style of
ESP property simulation). A fact binds IRP variables to IRP identities and gives each identity an
:class:`Irp` state:

- ``own``: OWNED (the function holds it), COMPLETED (IoCompleteRequest), FORWARDED
  (IoCallDriver / PoCallDriver: the lower driver owns it), RECLAIMED (forwarded with a completion
  routine that may return STATUS_MORE_PROCESSING_REQUIRED: owned again once that routine ran),
  QUEUED (handed off: a list or device queue, IoStartPacket, a cancel-safe queue, stored into a
  structure or global, returned), ESCAPED (passed to a routine the model does not know), FREED
  (IoFreeIrp), NULL (a NULL check failed);
- ``pending`` (IoMarkIrpPending on this path), ``origin`` (a parameter, IoAllocateIrp,
  IoBuild*Request, a local that came from anywhere else), ``cr`` (the completion routine set for
  the next forward: none / may return SMPR / never returns SMPR), ``stk`` (how the next stack
  location was prepared: skip / copy / next / not at all), ``cst`` (the :class:`Val` stored into
  ``Irp->IoStatus.Status`` when it was completed), ``pr`` (``Irp->PendingReturned`` known
  true/false), ``where`` (the node of the last ownership event, for code flows), and ``cancel``
  (the cancel-routine protocol: a routine set and ``Irp->Cancel`` not read since, or
  ``IoSetCancelRoutine(Irp, NULL)`` with its result discarded — see :data:`Irp`).

Next to that a fact keeps scalar values (:mod:`kdlint.model.irp_values`) of the function's locals,
``Irp->IoStatus.Status``, the value returned, and helper call results, which branches refine.
Facts with the same IRP part are merged (their values joined), so the number of facts is bounded
by the IRP states, not by the paths; past :data:`MAX_FACTS` the code-flow details are dropped and
then the function is marked ``overflow`` (its path findings are not reported).

**Summaries.** :class:`IrpSummaries` computes, bottom-up over the file's call graph, a
:class:`Summary` per function: its *outcomes* (for each way out: conditions on its scalar
parameters, what happened to each IRP parameter, and what it returned), which IRP parameters it
dereferences before anything else happens to them, and whether it may return
STATUS_MORE_PROCESSING_REQUIRED (for completion routines). At a call site each outcome whose
conditions fit the arguments becomes a fact of its own, so ``status = Helper(Irp); if (status !=
STATUS_PENDING) ...`` stays path-precise through several levels of helpers.

**Issues.** :func:`irp_model` gives the :class:`IrpModel` of a function: the solved states and the
list of :class:`Issue` s the rules report (double completion, use after completion/forwarding,
paths out of a dispatch routine that still own the IRP, pending-status mismatches, ...).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Optional

from clang.cindex import Cursor, CursorKind as K

from kdlint.cursors import strip_casts
from kdlint.flow.cfg import UO_ADDROF, EdgeKind, unary_op
from kdlint.flow.solver import Analysis, solve
from kdlint.flow.summaries import SummaryAnalysis
from kdlint.model.conditions import decisions
from kdlint.model.driver import Role
from kdlint.model.irp_nodes import IRP_VAR, SCALAR_VAR, Decoder, NodeInfo
from kdlint.model.irp_values import ALL, LOWER, M, P, STATUS_PENDING as STATUS_PENDING_VALUE, Val
from kdlint.results import Step

_BRANCH_TEXT = {"case": "branch taken: this case", "default": "branch taken: default"}

OWNED, COMPLETED, FORWARDED, RECLAIMED = "owned", "completed", "forwarded", "reclaimed"
QUEUED, ESCAPED, FREED, NULL = "queued", "escaped", "freed", "null"
#: A helper passed down its IRP parameter with whatever completion routine its caller had set:
#: the caller decides (RECLAIMED when its routine may return SMPR, else FORWARDED).
FWD_ENTRY = "forwarded-with-callers-routine"
#: States in which the function must not touch the IRP any more.
DEAD = frozenset((COMPLETED, FORWARDED, FREED))

MAX_FACTS = 48

# -- the routines the model knows -----------------------------------------------------------------
FORWARDERS = {"IoCallDriver": 1, "PoCallDriver": 1, "IoCallDriverStackSafeDefault": 1}
SET_COMPLETION = {"IoSetCompletionRoutine": (0, 1), "IoSetCompletionRoutineEx": (1, 2)}
QUEUERS = {"IoStartPacket": 1, "IoCsqInsertIrp": 1, "IoCsqInsertIrpEx": 1}
MARKS_PENDING_ITSELF = {"IoCsqInsertIrp", "IoCsqInsertIrpEx"}
LIST_INSERTS = frozenset({
    "InsertTailList", "InsertHeadList", "ExInterlockedInsertTailList", "ExInterlockedInsertHeadList",
    "PushEntryList", "ExInterlockedPushEntryList", "KeInsertDeviceQueue", "KeInsertByKeyDeviceQueue",
    "InterlockedPushEntrySList", "ExInterlockedPushEntrySList", "RtlInsertTailList"})
ALLOCATORS = {"IoAllocateIrp": "alloc", "IoAllocateIrpEx": "alloc",
              "IoBuildAsynchronousFsdRequest": "alloc",
              "IoBuildDeviceIoControlRequest": "build", "IoBuildSynchronousFsdRequest": "build",
              "IoMakeAssociatedIrp": "assoc"}
#: Routines that read or write the IRP (touching it after completion is a use after free).
TOUCHERS = frozenset({
    "IoGetCurrentIrpStackLocation", "IoGetNextIrpStackLocation", "IoMarkIrpPending",
    "IoSetCompletionRoutine", "IoSetCompletionRoutineEx", "IoCopyCurrentIrpStackLocationToNext",
    "IoSkipCurrentIrpStackLocation", "IoSetCancelRoutine", "IoSetNextIrpStackLocation",
    "IoIsOperationSynchronous", "IoGetRequestorProcess", "IoGetRequestorProcessId",
    "IoGetRequestorSessionId", "IoInitializeIrp", "IoReuseIrp", "IoGetIoPriorityHint",
    "IoSetIoPriorityHint", "IoGetRequestorMode", "IoGetRequestorProcessId"})
#: Routines that take an IRP only as a tag or for a query that stays valid (no ownership change).
NEUTRAL = frozenset({
    "IoAcquireRemoveLock", "IoReleaseRemoveLock", "IoReleaseRemoveLockAndWait",
    "IoAcquireRemoveLockEx", "IoReleaseRemoveLockEx", "IoReleaseRemoveLockAndWaitEx",
    "IoCancelIrp", "IoSetTopLevelIrp", "DbgPrint", "DbgPrintEx", "vDbgPrintEx", "KdPrint",
    "KdPrintEx", "IoGetTopLevelIrp", "ObReferenceObject", "KeSetEvent", "ExFreePool",
    "ExFreePoolWithTag", "memset", "RtlZeroMemory", "InterlockedExchangePointer",
    "_InterlockedExchangePointer", "InterlockedCompareExchangePointer",
    "_InterlockedCompareExchangePointer", "IoSizeOfIrp"})
_LOG_WORDS = ("print", "trace", "log", "dbg", "debug", "wpp_", "dump")


def is_logging(name: str) -> bool:
    low = name.lower()
    return any(w in low for w in _LOG_WORDS)


def completes_by_name(name: str) -> bool:
    """A routine of another file whose name says it completes the IRP it is given
    (``DokanCompleteIrpRequest``, ``FatCompleteRequest_Real``, ``CompleteIrp``)."""
    low = name.lower()
    return "complete" in low and ("irp" in low or "request" in low) and "routine" not in low \
        and "completion" not in low and not low.startswith(("io", "ke", "ex"))


@dataclass(frozen=True)
class Irp:
    own: str = OWNED
    pending: bool = False
    origin: str = "param"  # param | alloc | build | assoc | local
    cr: str = "none"  # none | smpr | nosmpr
    stk: str = ""  # "" | skip | copy | next
    cst: Optional[Val] = None
    pr: str = "?"
    where: int = -1  # node index of the last ownership event (-1: none in this function)
    qname: str = ""  # for QUEUED/COMPLETED/ESCAPED: the routine that did it ("" for a store)
    #: the cancel routine protocol in this function: "" (nothing done), "set" (a routine set,
    #: the result discarded, Irp->Cancel not read since), "checked" (read since, or the result
    #: of setting it tested), "cleared" (set to NULL, the result tested), "unchecked" (set to
    #: NULL, the result discarded)
    cancel: str = ""
    cwhere: int = -1  # node of the last IoSetCancelRoutine


class Fact:
    """One disjunct: IRP bindings and states, plus scalar values."""

    __slots__ = ("binds", "irps", "vals", "_key")

    def __init__(self, binds: dict, irps: dict, vals: dict):
        self.binds, self.irps, self.vals = binds, irps, vals
        self._key = None

    @property
    def key(self):
        if self._key is None:
            self._key = (frozenset(self.binds.items()), frozenset(self.irps.items()))
        return self._key

    def copy(self) -> "Fact":
        return Fact(dict(self.binds), dict(self.irps), dict(self.vals))

    def irp_of(self, var: Optional[str]):
        ident = self.binds.get(var) if var is not None else None
        return ident, (self.irps.get(ident) if ident is not None else None)

    def set_irp(self, ident, irp: Irp) -> None:
        self.irps[ident] = irp
        self._key = None

    def bind(self, var: str, ident) -> None:
        if ident is None:
            self.binds.pop(var, None)
        else:
            self.binds[var] = ident
        self._key = None

    def join_vals(self, other: "Fact") -> "Fact":
        if self.vals == other.vals:
            return self
        vals = {}
        for k, v in self.vals.items():
            w = other.vals.get(k)
            if w is not None:
                vals[k] = v.join(w) if isinstance(v, Val) else (v if v == w else None)
        return Fact(self.binds, self.irps, vals)

    def __eq__(self, other):
        return isinstance(other, Fact) and self.key == other.key and self.vals == other.vals

    def __hash__(self):
        return hash(self.key)


class State:
    __slots__ = ("facts", "overflow")

    def __init__(self, facts: dict, overflow: bool = False):
        self.facts, self.overflow = facts, overflow

    def __eq__(self, other):
        return isinstance(other, State) and self.overflow == other.overflow \
            and self.facts == other.facts

    def __iter__(self):
        return iter(self.facts.values())


EMPTY = State({})


def _coarse(s: "Irp") -> "Irp":
    """``s`` without the code-flow details (the last event, the completion status and the
    routine's name); ``s`` itself when it has none (an equal object, without a copy)."""
    if s.where == -1 and s.cst is None and s.qname == "":
        return s
    return replace(s, where=-1, cst=None, qname="")


def make_state(facts, overflow: bool = False) -> State:
    out: dict = {}
    for f in facts:
        g = out.get(f.key)
        out[f.key] = f if g is None else g.join_vals(f)
    if len(out) > MAX_FACTS:
        coarse: dict = {}
        for f in out.values():
            irps = {i: _coarse(s) for i, s in f.irps.items()}
            g = Fact(f.binds, irps, f.vals)
            h = coarse.get(g.key)
            coarse[g.key] = g if h is None else h.join_vals(g)
        out = coarse
        if len(out) > MAX_FACTS:
            overflow = True
    return State(out, overflow)


# -- summaries --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Effect:
    index: int
    own: str
    pending: bool
    stk: str
    cr: str
    cst: Optional[Val]
    iost: Optional[Val]
    qname: str = ""


@dataclass(frozen=True)
class Outcome:
    conds: tuple  # ((param index, Val), ...)
    effects: tuple  # (Effect, ...)
    ret: Optional[Val]


@dataclass
class Summary:
    outcomes: tuple
    touches: frozenset = frozenset()  # IRP parameter indices dereferenced first thing
    overflow: bool = False

    @property
    def ret_classes(self) -> frozenset:
        out = frozenset()
        for o in self.outcomes:
            out |= o.ret.classes if o.ret is not None else ALL
        return out

    def __eq__(self, other):
        return isinstance(other, Summary) and set(self.outcomes) == set(other.outcomes) \
            and self.touches == other.touches


# -- issues ------------------------------------------------------------------------------------------
@dataclass
class Issue:
    kind: str
    node: Cursor  # where to report
    var: str  # the IRP variable's spelling
    message: str = ""
    steps: list = field(default_factory=list)  # [(cursor, message)]
    related: list = field(default_factory=list)  # [(cursor, message)]
    extra: dict = field(default_factory=dict)


_BODY_LAST = (K.WHILE_STMT, K.FOR_STMT, K.CASE_STMT, K.DEFAULT_STMT, K.LABEL_STMT)


# -- the analysis --------------------------------------------------------------------------------------
class IrpAnalysis(Analysis):
    """The forward analysis of one function (see the module docstring)."""

    def __init__(self, fn, table, decoder: Decoder):
        self.fn, self.table, self.dec = fn, table, decoder
        self.functions = fn.callgraph.functions
        self.params = fn.params
        self._discarded: Optional[set] = None

    def discarded(self, call: Cursor) -> bool:
        """Whether ``call``'s value is thrown away: it is a statement of its own (through
        casts and parentheses, ``(VOID)`` included)."""
        if self._discarded is None:
            self._discarded = set()
            kids = self.dec.kids
            stack = [self.fn.cursor]
            while stack:
                n = stack.pop()
                ks = kids(n)
                k = n.kind
                stmts = ks if k == K.COMPOUND_STMT else ks[1:] if k == K.IF_STMT else \
                    ks[:1] if k == K.DO_STMT else ks[-1:] if k in _BODY_LAST else ()
                for c in stmts:
                    e = strip_casts(c, kids)
                    if e is not None and e.kind == K.CALL_EXPR:
                        self._discarded.add(e.hash)
                stack.extend(ks)
        return call.hash in self._discarded

    # lattice ---------------------------------------------------------------------------------
    def initial(self) -> State:
        binds, irps, vals = {}, {}, {}
        for i, p in enumerate(self.params):
            kind = self.dec.var_kind(p)
            key = p.get_usr() or f"{p.spelling}@{p.location.line}"
            if kind == IRP_VAR:
                binds[key] = ("p", i)
                irps[("p", i)] = Irp(cr="none" if is_dispatch(self.fn) else "entry")
            elif kind == SCALAR_VAR:
                vals[key] = Val.unknown(("param", i))
        return make_state([Fact(binds, irps, vals)])

    def bottom(self) -> State:
        return EMPTY

    def join(self, a: State, b: State) -> State:
        if not a.facts:
            return b
        if not b.facts:
            return a
        return make_state(list(a.facts.values()) + list(b.facts.values()), a.overflow or b.overflow)

    def widen(self, old: State, new: State) -> State:
        facts = []
        for f in new:
            g = f.copy()
            g.vals = {k: (v.widen() if isinstance(v, Val) else v) for k, v in f.vals.items()}
            facts.append(g)
        return make_state(facts, new.overflow)

    # values ----------------------------------------------------------------------------------
    def eval(self, expr: Optional[Cursor], f: Fact, idx: int) -> Val:
        e = strip_casts(expr, self.dec.kids)
        if e is None:
            return Val.unknown()
        if e.kind == K.CONDITIONAL_OPERATOR:
            kids = self.dec.kids(e)
            if len(kids) == 3:
                return self.eval(kids[1], f, idx).join(self.eval(kids[2], f, idx))
        key, kind = self.dec.var_of(e)
        if kind == SCALAR_VAR:
            return f.vals.get(key) or Val.unknown()
        if e.kind == K.CALL_EXPR:
            info = self.dec.node(e)
            got = f.vals.get(("$call", info.idx))
            if got is not None:
                return got
            name = info.call.name
            if name in FORWARDERS:
                a = info.args[FORWARDERS[name]] if len(info.args) > FORWARDERS[name] else None
                ident = f.binds.get(a.key) if a is not None and a.kind == "var" else None
                return Val.unknown(("lower", ident) if ident is not None else ("def", info.idx), LOWER)
            return Val.unknown(("def", info.idx))
        if e.kind == K.UNARY_OPERATOR and unary_op(e) == UO_ADDROF:
            return Val(None, ALL, ("def", idx), frozenset((0,)))
        if e.kind == K.BINARY_OPERATOR or e.kind == K.UNARY_OPERATOR:
            from kdlint.cursors import constant_value
            v = constant_value(e)
            if v is not None:
                return Val.const(v)
            return Val.unknown()
        if e.kind == K.MEMBER_REF_EXPR:
            irp = self.dec._iost_target(e)
            if irp is not None:
                ident = f.binds.get(irp)
                got = f.vals.get(("iost", ident)) if ident is not None else None
                return got or Val.unknown()
            return Val.unknown()
        from kdlint.cursors import constant_value
        v = constant_value(e)
        if v is not None:
            return Val.const(v)
        return Val.unknown()

    # transfer --------------------------------------------------------------------------------
    def transfer(self, node: Cursor, state: State) -> State:
        if not state.facts:
            return state
        info = self.dec.node(node)
        if info.inert and not (info.kind == "call" and info.call.name in self.functions):
            return state
        out = []
        changed = False
        for f in state:
            got = self.step(info, f)
            if len(got) != 1 or got[0] is not f:
                changed = True
            out.extend(got)
        if not changed:
            return state
        return make_state(out, state.overflow)

    def step(self, info: NodeInfo, f: Fact) -> list:
        for key in info.cancel_reads:  # Irp->Cancel read after a cancel routine was set
            ident, irp = f.irp_of(key)
            if irp is not None and irp.cancel == "set":
                f = f.copy()
                f.set_irp(ident, replace(irp, cancel="checked"))
        k = info.kind
        if k == "call":
            return self.call(info, f)
        if k == "assign":
            return [self.assign(info, f)]
        if k == "clobber":
            if info.lhs_kind == SCALAR_VAR and info.lhs_key in f.vals:
                g = f.copy()
                g.vals[info.lhs_key] = Val.unknown(("def", info.idx))
                return [g]
            if info.lhs_kind == "iost":
                ident = f.binds.get(info.lhs_key)
                if ident is not None:
                    g = f.copy()
                    g.vals[("iost", ident)] = Val.unknown(("def", info.idx))
                    return [g]
            return [f]
        if k == "return":
            g = f.copy()
            g.vals["$ret"] = self.eval(info.rhs, f, info.idx) if info.rhs is not None else Val.unknown()
            g.vals["$retat"] = info.idx
            if info.rhs_irp is not None:
                ident, irp = g.irp_of(info.rhs_irp)
                if irp is not None and irp.own in (OWNED, RECLAIMED, FWD_ENTRY):
                    g.set_irp(ident, replace(irp, own=QUEUED, where=info.idx, qname="return"))
            return [g]
        return [f]

    def assign(self, info: NodeInfo, f: Fact) -> Fact:
        lk = info.lhs_kind
        g = f.copy()
        if lk == IRP_VAR:
            if info.rhs_irp is not None:
                g.bind(info.lhs_key, f.binds.get(info.rhs_irp))
            elif info.rhs is None or info.rhs_null:
                g.bind(info.lhs_key, None)
            else:
                ident = ("n", info.lhs_key, info.idx)
                origin = ALLOCATORS.get(info.rhs_call, "local")
                g.bind(info.lhs_key, ident)
                g.set_irp(ident, Irp(origin=origin, where=info.idx if origin != "local" else -1))
            self._gc(g)
            return g
        if lk == SCALAR_VAR:
            g.vals[info.lhs_key] = self.eval(info.rhs, f, info.idx) if info.rhs is not None \
                else Val.unknown()
            if g.vals[info.lhs_key].sym is None and info.rhs is not None:
                v = g.vals[info.lhs_key]
                g.vals[info.lhs_key] = Val(v.consts, v.classes, ("def", info.idx))
            return g
        if lk == "iost":
            ident = f.binds.get(info.lhs_key)
            if ident is not None:
                g.vals[("iost", ident)] = self.eval(info.rhs, f, info.idx)
            return g
        if info.rhs_irp is not None:  # stored into a structure, a global, an untracked pointer
            ident, irp = g.irp_of(info.rhs_irp)
            if irp is not None and irp.own in (OWNED, RECLAIMED, FWD_ENTRY):
                g.set_irp(ident, replace(irp, own=QUEUED, where=info.idx, qname=""))
                return g
        return f

    @staticmethod
    def _gc(g: Fact) -> None:
        live = set(g.binds.values())
        dead = [i for i in g.irps if i[0] == "n" and i not in live]
        for i in dead:
            del g.irps[i]
        if dead:
            g._key = None

    def _irp_arg(self, info: NodeInfo, f: Fact, i: int):
        if i >= len(info.args):
            return None, None
        a = info.args[i]
        if a.kind != "var" or a.var_kind != IRP_VAR:
            return None, None
        return f.irp_of(a.key)

    def routine_kind(self, expr: Optional[Cursor]) -> str:
        """Completion routine passed as ``expr``: 'smpr' if it may return SMPR (or is unknown),
        'nosmpr' if it never does, 'none' for NULL."""
        e = strip_casts(expr, self.dec.kids)
        while e is not None and e.kind == K.UNARY_OPERATOR:
            kids = self.dec.kids(e)
            e = strip_casts(kids[0], self.dec.kids) if kids else None
        if e is None:
            return "smpr"
        from kdlint.cursors import constant_value
        if e.kind != K.DECL_REF_EXPR:
            return "none" if constant_value(e) == 0 else "smpr"
        ref = e.referenced
        if ref is None or ref.kind != K.FUNCTION_DECL or ref.spelling not in self.functions:
            return "smpr"
        s = self.table.of(ref.spelling)
        if s is None or s.overflow:
            return "smpr"
        return "smpr" if M in s.ret_classes else "nosmpr"

    def call(self, info: NodeInfo, f: Fact) -> list:
        name = info.call.name
        idx = info.idx
        g = None

        def upd(ident, irp):
            nonlocal g
            if g is None:
                g = f.copy()
            g.set_irp(ident, irp)

        def clobber_addr():
            nonlocal g
            for a in info.args:
                if a.kind == "addr_var" and a.key in f.vals:
                    if g is None:
                        g = f.copy()
                    g.vals.pop(a.key, None)

        if name == "IoCompleteRequest":
            ident, irp = self._irp_arg(info, f, 0)
            if irp is not None:
                upd(ident, replace(irp, own=COMPLETED, where=idx, cst=f.vals.get(("iost", ident)),
                                   qname=name))
        elif name in FORWARDERS:
            ident, irp = self._irp_arg(info, f, FORWARDERS[name])
            if irp is not None:
                own = RECLAIMED if irp.cr == "smpr" else FWD_ENTRY if irp.cr == "entry" else FORWARDED
                upd(ident, replace(irp, own=own, where=idx, cr="none", stk="", qname=name))
        elif name == "IoMarkIrpPending":
            ident, irp = self._irp_arg(info, f, 0)
            if irp is not None and not irp.pending:
                upd(ident, replace(irp, pending=True))
        elif name in SET_COMPLETION:
            irp_i, r_i = SET_COMPLETION[name]
            ident, irp = self._irp_arg(info, f, irp_i)
            if irp is not None:
                upd(ident, replace(irp, cr=self.routine_kind(info.call.arg(r_i))))
        elif name == "IoSkipCurrentIrpStackLocation":
            ident, irp = self._irp_arg(info, f, 0)
            if irp is not None:
                upd(ident, replace(irp, stk="skip", cr="none"))
        elif name == "IoCopyCurrentIrpStackLocationToNext":
            ident, irp = self._irp_arg(info, f, 0)
            if irp is not None:
                upd(ident, replace(irp, stk="copy"))
        elif name in ("IoGetNextIrpStackLocation", "IoSetNextIrpStackLocation"):
            ident, irp = self._irp_arg(info, f, 0)
            if irp is not None and not irp.stk:
                upd(ident, replace(irp, stk="next"))
        elif name == "IoFreeIrp":
            ident, irp = self._irp_arg(info, f, 0)
            if irp is not None:
                upd(ident, replace(irp, own=FREED, where=idx, qname=name))
        elif name == "IoReuseIrp":
            ident, irp = self._irp_arg(info, f, 0)
            if irp is not None:
                upd(ident, replace(irp, own=OWNED, where=idx, cr="none", stk="", pending=False))
        elif name in QUEUERS:
            ident, irp = self._irp_arg(info, f, QUEUERS[name])
            if irp is not None:
                upd(ident, replace(irp, own=QUEUED, where=idx, qname=name,
                                   pending=irp.pending or name in MARKS_PENDING_ITSELF))
        elif name in LIST_INSERTS:
            for a in info.args:
                if a.kind == "addr_in":
                    ident, irp = f.irp_of(a.key)
                    if irp is not None and irp.own in (OWNED, RECLAIMED, FWD_ENTRY):
                        upd(ident, replace(irp, own=QUEUED, where=idx, qname=name))
        elif info.cancel is not None:
            ident, irp = f.irp_of(info.cancel[0])
            if irp is not None:
                # a routine set and the result tested is the re-arm idiom (NULL: a cancel is
                # under way), a check in itself
                discarded = self.discarded(info.node)
                state = ("set" if discarded else "checked") if not info.cancel[1] else \
                    "unchecked" if discarded else "cleared"
                upd(ident, replace(irp, cancel=state, cwhere=idx))
        elif name in TOUCHERS or name in NEUTRAL or name in ALLOCATORS:
            pass
        elif name in self.functions:
            summary = self.table.of(name)
            if summary is not None and not summary.overflow:
                return self.apply_summary(info, f, summary)
            self._escape(info, f, upd)
        else:
            if completes_by_name(name):
                for i, a in enumerate(info.args):
                    if a.kind == "var" and a.var_kind == IRP_VAR:
                        ident, irp = f.irp_of(a.key)
                        if irp is not None and irp.own not in (QUEUED, ESCAPED, NULL):
                            upd(ident, replace(irp, own=COMPLETED, where=idx, qname=name,
                                               cst=self._status_arg(info, f, idx)))
            elif not is_logging(name):
                self._escape(info, f, upd)
        clobber_addr()
        return [g if g is not None else f]

    def _status_arg(self, info: NodeInfo, f: Fact, idx: int) -> Optional[Val]:
        """For a completing routine of another file: the value of its status argument (the
        last scalar argument typed NTSTATUS), if any."""
        for a in reversed(info.args):
            if a.cursor is not None and a.cursor.type.spelling == "NTSTATUS":
                return self.eval(a.cursor, f, idx)
        return None

    def _escape(self, info: NodeInfo, f: Fact, upd) -> None:
        for a in info.args:
            if a.kind == "var" and a.var_kind == IRP_VAR:
                ident, irp = f.irp_of(a.key)
                if irp is not None and irp.own in (OWNED, RECLAIMED, FWD_ENTRY):
                    upd(ident, replace(irp, own=ESCAPED, where=info.idx, qname=info.call.name))

    def _subst(self, v: Optional[Val], info: NodeInfo, f: Fact) -> Optional[Val]:
        if v is None:
            return None
        sym = v.sym
        if isinstance(sym, tuple) and sym and sym[0] == "param":
            j = sym[1]
            if j < len(info.args):
                av = self.eval(info.args[j].cursor, f, info.idx)
                return meet(av, v) or av
            return Val(v.consts, v.classes, None)
        if isinstance(sym, tuple) and sym and sym[0] == "lower" and isinstance(sym[1], tuple) \
                and sym[1] and sym[1][0] == "p":
            j = sym[1][1]
            ident, _ = self._irp_arg(info, f, j)
            return Val(v.consts, v.classes, ("lower", ident) if ident is not None else ("def", info.idx))
        if isinstance(sym, tuple) and sym and sym[0] == "const":
            return v
        return Val(v.consts, v.classes, ("def", info.idx))

    def apply_summary(self, info: NodeInfo, f: Fact, s: Summary) -> list:
        out = []
        for o in s.outcomes:
            g = f.copy()
            ok = True
            for j, cv in o.conds:
                if j >= len(info.args):
                    continue
                a = info.args[j]
                av = self.eval(a.cursor, f, info.idx)
                r = meet(av, cv)
                if r is None:
                    ok = False
                    break
                if a.kind == "var" and a.var_kind == SCALAR_VAR:
                    g.vals[a.key] = r
            if not ok:
                continue
            for eff in o.effects:
                ident, irp = self._irp_arg(info, g, eff.index)
                if irp is None:
                    continue
                if eff.own == NULL:
                    ok = False
                    break
                new = irp
                if eff.own != OWNED and irp.own in (OWNED, RECLAIMED, FWD_ENTRY):
                    own = eff.own
                    if own == FWD_ENTRY:
                        own = RECLAIMED if irp.cr == "smpr" else own if irp.cr == "entry" \
                            else FORWARDED
                    new = replace(new, own=own, where=info.idx, qname=info.call.name)
                    if eff.own == COMPLETED:
                        new = replace(new, cst=self._subst(eff.cst, info, f))
                if eff.pending and not new.pending:
                    new = replace(new, pending=True)
                if eff.stk:
                    new = replace(new, stk=eff.stk)
                if eff.cr not in ("none", "entry"):
                    new = replace(new, cr=eff.cr)
                if new != irp:
                    g.set_irp(ident, new)
                if eff.iost is not None:
                    g.vals[("iost", ident)] = self._subst(eff.iost, info, f)
            if not ok:
                continue
            for a in info.args:
                if a.kind == "addr_var":
                    g.vals.pop(a.key, None)
            g.vals[("$call", info.idx)] = self._subst(o.ret, info, f) if o.ret is not None \
                else Val.unknown(("def", info.idx))
            out.append(g)
        if not out:  # no outcome fits: keep the path, nothing known about the call
            g = f.copy()
            self._escape(info, f, lambda ident, irp: g.set_irp(ident, irp))
            out.append(g)
        return out

    # edges -----------------------------------------------------------------------------------
    def edge(self, edge, state: State) -> Optional[State]:
        if not state.facts:
            return state
        kind = edge.kind
        if kind in (EdgeKind.TRUE, EdgeKind.FALSE) and edge.cond is not None:
            test = self.dec.cond(edge.cond)
            if test is None:
                return state
            truth = kind == EdgeKind.TRUE
        elif kind == EdgeKind.CASE and edge.value is not None and edge.cond is not None:
            op = self.dec.operand(edge.cond)
            if op is None or op[0] == "irp":
                return state
            test, truth = ("eq", op, edge.value, True), True
        elif kind == EdgeKind.DEFAULT and edge.cond is not None:
            op = self.dec.operand(edge.cond)
            if op is None or op[0] == "irp":
                return state
            values = [e.value for e in edge.src.succs if e.kind == EdgeKind.CASE
                      and e.value is not None]
            out = []
            for f in state:
                g = f
                for v in values:
                    g = self.refine(("eq", op, v, False), True, g)
                    if g is None:
                        break
                if g is not None:
                    out.append(g)
            return make_state(out, state.overflow) if out else None
        else:
            return state
        out = []
        for f in state:
            g = self.refine(test, truth, f)
            if g is not None:
                out.append(g)
        if not out:
            return None
        return make_state(out, state.overflow)

    def _get(self, op, f: Fact):
        kind, key = op
        if kind == "var":
            return f.vals.get(key) or Val.unknown()
        if kind == "call":
            return f.vals.get(("$call", key))
        if kind == "iost":
            ident = f.binds.get(key)
            return f.vals.get(("iost", ident)) if ident is not None else None
        return None

    def _put(self, op, f: Fact, v: Val) -> Fact:
        kind, key = op
        g = f.copy()
        if kind == "var":
            g.vals[key] = v
        elif kind == "call":
            g.vals[("$call", key)] = v
        elif kind == "iost":
            g.vals[("iost", f.binds.get(key))] = v
        return g

    def refine(self, test, truth: bool, f: Fact) -> Optional[Fact]:
        t = test[0]
        if t == "pr":
            ident, irp = f.irp_of(test[1])
            if irp is None:
                return f
            g = f.copy()
            g.set_irp(ident, replace(irp, pr="T" if truth else "F"))
            return g
        if t == "irpnull":
            key, eq = test[1], test[2]
            is_null = truth == eq
            ident, irp = f.irp_of(key)
            if irp is None:
                return f
            if not is_null:
                return f
            if irp.own != OWNED and irp.origin == "param":
                return f
            g = f.copy()
            g.set_irp(ident, replace(irp, own=NULL))
            return g
        if t == "expr":
            cur = f.vals.get(test[2])
            if cur is None or cur.consts is None:
                return f
            keep = frozenset(c for c in cur.consts
                             if (lambda r: r is not None and bool(r) == truth)(
                                 self.dec.evaluate(test[1], test[2], c)) or
                             self.dec.evaluate(test[1], test[2], c) is None)
            if not keep:
                return None
            if keep == cur.consts:
                return f
            from kdlint.model.irp_values import class_of
            g = f.copy()
            g.vals[test[2]] = Val(keep, frozenset(class_of(c) for c in keep), cur.sym)
            return g
        op = test[1]
        if op is None:
            return f
        if op[0] == "call" and ("$call", op[1]) not in f.vals:
            info = self.dec.by_idx[op[1]]
            cur = self.eval(info.node, f, info.idx)
        else:
            cur = self._get(op, f)
        if cur is None:
            return f
        if t == "success":
            pol = test[2] == truth
            new = cur.only_classes(frozenset(("P", "S")) if pol else frozenset(("E", "M")))
        elif t == "eq":
            new = cur.equal_to(test[2], test[3] == truth)
        elif t == "truth":
            new = cur.truth(truth)
        else:
            return f
        if new is None:
            return None
        if new == cur:
            return f
        return self._put(op, f, new)


def meet(a: Val, b: Val) -> Optional[Val]:
    """Values both ``a`` and ``b`` allow (``a``'s symbol kept); None when none."""
    from kdlint.model.irp_values import class_of
    classes = a.classes & b.classes
    if not classes:
        return None
    excl = a.excl | b.excl
    if a.consts is not None and b.consts is not None:
        consts = a.consts & b.consts
    else:
        consts = a.consts if a.consts is not None else b.consts
    if consts is not None:
        consts = frozenset(c for c in consts if class_of(c) in classes and c not in excl)
        if not consts:
            return None
        excl = frozenset()
    return Val(consts, classes, a.sym, excl)


# -- per-function results ---------------------------------------------------------------------------
class IrpModel:
    """The solved IRP states of one function and the issues found in it."""

    def __init__(self, fn, analysis: IrpAnalysis, solution):
        self.fn = fn
        self.analysis = analysis
        self.solution = solution
        self.dec = analysis.dec
        self.issues: list[Issue] = []
        self.overflow = False
        self.touch_first: set = set()
        self.seconds = 0.0
        self._seen: set = set()
        self._focus = None  # (ident, Irp) the check being made is about

    @property
    def cfg(self):
        return self.solution.cfg

    def cursor(self, idx: int) -> Optional[Cursor]:
        return self.dec.by_idx[idx].node if 0 <= idx < len(self.dec.by_idx) else None

    def var_name(self, key: str) -> str:
        for p in self.fn.params:
            if (p.get_usr() or "") == key:
                return p.spelling
        return key.rsplit("@", 1)[-1] if "@" in key else key

    def ident_name(self, ident) -> str:
        if ident[0] == "p" and ident[1] < len(self.fn.params):
            return self.fn.params[ident[1]].spelling
        if ident[0] == "n":
            return self.var_name(ident[1])
        return "Irp"

    # -- building ------------------------------------------------------------------------------
    def scan(self) -> None:
        sol = self.solution
        for block in self.cfg.blocks:
            if not sol.reached[block.id]:
                continue
            states = sol.states(block)
            for i, node in enumerate(block.nodes):
                st = states[i]
                if st.overflow:
                    self.overflow = True
                info = self.dec.node(node)
                if info.inert and info.kind != "call":
                    continue
                for f in st:
                    self.check_node(info, f, block)
        for e in self.cfg.exit.preds:
            if e.kind == EdgeKind.NORETURN or not sol.reached[e.src.id]:
                continue
            st = sol.state_out[e.src.id]
            if st.overflow:
                self.overflow = True
            for f in st:
                self.check_exit(f, e.src)

    def add(self, kind: str, node: Cursor, var: str, message: str, where: int = -1,
            where_msg: str = "", block=None, extra=None, ident=None, irp: Optional[Irp] = None) -> None:
        key = (kind, node.hash if node is not None else 0, var)
        if kind == "use-after" and where >= 0:
            key = (kind, "event", where, var)  # one finding per completion: its first use
        if key in self._seen:
            return
        steps, related = [], []
        start = None
        if where >= 0:
            wc = self.cursor(where)
            if wc is not None and block is not None and kind in ("double-complete", "use-after"):
                # an event that reaches the use only around a loop: the loop-carried state is
                # where the model loses correlations (retry loops of file systems); not reported
                rank = self._rank()
                eb = self.cfg.block_of(wc)
                if eb is not None and rank.get(eb.id, 0) >= rank.get(block.id, 0) \
                        and not (eb is block and self._before_in_block(wc, node, block)):
                    return
            if wc is not None:
                start = self.cfg.block_of(wc)
                if start is not None:
                    steps.extend(self._branches(self.cfg.path(start)))
                steps.append((wc, where_msg))
                related.append((wc, where_msg))
        if block is not None:
            if ident is None and self._focus is not None:
                ident, irp = self._focus
            steps.extend(self._branches(self.path(block, start, ident, irp)))
        steps.append((node, message))
        self._seen.add(key)
        self.issues.append(Issue(kind, node, var, message, steps, related, extra or {}))

    @staticmethod
    def _branches(edges) -> list:
        return [(c, _BRANCH_TEXT.get(what) or f"branch taken: condition is {what}")
                for c, what in decisions(edges)]

    def _rank(self) -> dict:
        if not hasattr(self, "_ranks"):
            self._ranks = {b.id: i for i, b in enumerate(self.cfg.reverse_postorder())}
        return self._ranks

    @staticmethod
    def _before_in_block(a, b, block) -> bool:
        ia = next((i for i, n in enumerate(block.nodes) if n == a), None)
        ib = next((i for i, n in enumerate(block.nodes) if n == b), None)
        return ia is not None and ib is not None and ia < ib

    def path(self, to, start, ident, irp: Optional[Irp]) -> list:
        """Edges from ``start`` (entry when None) to ``to`` along blocks whose states hold the
        IRP ``ident`` with the same ownership and event as ``irp`` (the path of the finding)."""
        cfg, sol = self.cfg, self.solution
        start = start or cfg.entry
        if ident is None or irp is None:
            return cfg.path(to, start)

        def ok(b) -> bool:
            if b is start or b is cfg.entry:
                return True
            for f in sol.state_out[b.id]:
                s = f.irps.get(ident)
                if s is not None and s.own == irp.own and s.where == irp.where:
                    return True
            return False

        came: dict = {}
        queue, seen = [to], {to.id}
        found = False
        for b in queue:
            if b is start:
                found = True
                break
            for e in b.preds:
                src = e.src
                if src.id in seen or not sol.reached[src.id] or e.kind == EdgeKind.NORETURN:
                    continue
                if not ok(src):
                    continue
                seen.add(src.id)
                came[src.id] = e
                queue.append(src)
        if not found:
            return cfg.path(to, start)
        out, b = [], start
        while b is not to:
            e = came.get(b.id)
            if e is None:
                break
            out.append(e)
            b = e.dst
        return out

    def _event_text(self, irp: Irp, name: str) -> str:
        what = {COMPLETED: "completed", FORWARDED: "passed down", FREED: "freed",
                QUEUED: "queued", ESCAPED: "handed to", RECLAIMED: "passed down"}.get(irp.own, irp.own)
        via = f" by {irp.qname}" if irp.qname and irp.qname not in ("IoCompleteRequest",
                                                                     "IoCallDriver") else ""
        return f"{name} {what} here{via}"

    def check_node(self, info: NodeInfo, f: Fact, block) -> None:
        node = info.node
        for key in info.touches:
            ident, irp = f.irp_of(key)
            if irp is None:
                continue
            self._focus = (ident, irp)
            name = self.var_name(key)
            if irp.own in DEAD:
                self.add("use-after", node, name,
                         f"{name} is used after it was {_past(irp)}", irp.where,
                         self._event_text(irp, name), block, {"own": irp.own})
            elif irp.own == OWNED and irp.where < 0 and ident[0] == "p":
                self.touch_first.add(ident[1])
        if info.kind != "call":
            return
        name = info.call.name
        a = self.analysis
        if name == "IoCompleteRequest":
            ident, irp = a._irp_arg(info, f, 0)
            self._focus = (ident, irp)
            if irp is None:
                return
            v = self.ident_name(ident)
            if irp.own == COMPLETED:
                self.add("double-complete", node, v, f"{v} is completed twice: it was already "
                         f"completed on this path", irp.where, self._event_text(irp, v), block)
            elif irp.own in (FORWARDED, FREED):
                self.add("use-after", node, v, f"{v} is completed after it was {_past(irp)}",
                         irp.where, self._event_text(irp, v), block, {"own": irp.own})
            if irp.cancel == "unchecked" and irp.own not in DEAD and not self.holds_cancel_lock:
                self.add("cancel-clear-unchecked", node, v, f"{v} is completed although "
                         f"IoSetCancelRoutine({v}, NULL) may have returned NULL: then its cancel "
                         f"routine is already running and completes {v} too", irp.cwhere,
                         f"the cancel routine of {v} is cleared here and the result is not "
                         f"checked", block)
            if irp.origin == "alloc" and irp.own in (OWNED, RECLAIMED, FWD_ENTRY):
                self.add("alloc-completed", node, v, f"{v} was allocated by the driver "
                         f"and must be released with IoFreeIrp, not IoCompleteRequest",
                         irp.where, f"{v} allocated here", block)
        elif name in FORWARDERS:
            ident, irp = a._irp_arg(info, f, FORWARDERS[name])
            self._focus = (ident, irp)
            if irp is None:
                return
            v = self.ident_name(ident)
            if irp.own in DEAD:
                self.add("use-after", node, v, f"{v} is passed down after it was {_past(irp)}",
                         irp.where, self._event_text(irp, v), block, {"own": irp.own})
            if irp.origin == "alloc" and irp.own in (OWNED, RECLAIMED, FWD_ENTRY) and irp.cr != "smpr":
                why = "no completion routine is set" if irp.cr == "none" else \
                    "its completion routine never returns STATUS_MORE_PROCESSING_REQUIRED"
                self.add("alloc-no-smpr", node, v, f"{v} was allocated by the driver but {why}: "
                         f"the I/O manager would complete it as if it came from above",
                         irp.where, f"{v} allocated here", block)
            if irp.origin == "param" and ident[0] == "p" and irp.own == OWNED and not irp.stk \
                    and irp.cr == "none" and self.is_dispatch:
                self.add("no-stack-setup", node, v, f"{v} is passed down without "
                         f"IoSkipCurrentIrpStackLocation or IoCopyCurrentIrpStackLocationToNext: "
                         f"the lower driver reads an unprepared stack location", block=block)
        elif name in SET_COMPLETION:
            ident, irp = a._irp_arg(info, f, SET_COMPLETION[name][0])
            self._focus = (ident, irp)
            if irp is None:
                return
            v = self.ident_name(ident)
            if irp.own in DEAD:
                self.add("use-after", node, v, f"{v} is used after it was {_past(irp)}",
                         irp.where, self._event_text(irp, v), block, {"own": irp.own})
            elif irp.stk == "skip" and irp.own == OWNED:
                self.add("skip-then-completion", node, v, f"{name} after "
                         f"IoSkipCurrentIrpStackLocation sets the routine in the caller's "
                         f"stack location; use IoCopyCurrentIrpStackLocationToNext", block=block)
        elif name in TOUCHERS:
            ident, irp = a._irp_arg(info, f, 0)
            self._focus = (ident, irp)
            if irp is not None and irp.own == OWNED and irp.where < 0 and ident[0] == "p":
                self.touch_first.add(ident[1])
            if irp is not None and irp.own in DEAD:
                v = self.ident_name(ident)
                self.add("use-after", node, v, f"{v} is used by {name} after it was {_past(irp)}",
                         irp.where, self._event_text(irp, v), block, {"own": irp.own})
        elif name == "IoFreeIrp":
            ident, irp = a._irp_arg(info, f, 0)
            self._focus = (ident, irp)
            if irp is not None and irp.origin == "param" and ident[0] == "p" and self.is_dispatch:
                v = self.ident_name(ident)
                self.add("free-not-allocated", node, v, f"IoFreeIrp on {v}, which the driver did "
                         f"not allocate (it came with the dispatch call)", block=block)
        elif name in a.functions:
            s = a.table.of(name)
            if s is None or s.overflow:
                return
            for j, arg in enumerate(info.args):
                if arg.kind != "var" or arg.var_kind != IRP_VAR:
                    continue
                ident, irp = f.irp_of(arg.key)
                if irp is None or irp.own not in DEAD:
                    continue
                self._focus = (ident, irp)
                v = self.ident_name(ident)
                completes = any(e.index == j and e.own in (COMPLETED, FORWARDED)
                                for o in s.outcomes for e in o.effects)
                if completes and irp.own == COMPLETED:
                    self.add("double-complete", node, v, f"{v} is completed twice: {name} "
                             f"completes it again", irp.where, self._event_text(irp, v), block)
                elif completes or j in s.touches:
                    self.add("use-after", node, v, f"{v} is used by {name} after it was "
                             f"{_past(irp)}", irp.where, self._event_text(irp, v), block,
                             {"own": irp.own})
        elif completes_by_name(name):
            for arg in info.args:
                if arg.kind == "var" and arg.var_kind == IRP_VAR:
                    ident, irp = f.irp_of(arg.key)
                    self._focus = (ident, irp)
                    if irp is not None and irp.own == COMPLETED:
                        v = self.ident_name(ident)
                        self.add("double-complete", node, v, f"{v} is completed twice: {name} "
                                 f"completes it again", irp.where, self._event_text(irp, v), block)

    @property
    def is_dispatch(self) -> bool:
        return is_dispatch(self.fn)

    @property
    def holds_cancel_lock(self) -> bool:
        """The function runs the cancel protocol under the global cancel spin lock (acquires
        it, or is a cancel routine, called holding it): then Irp->Cancel tested under the lock
        settles the race, whatever IoSetCancelRoutine returned."""
        return Role.CANCEL in self.fn.roles or bool(self.fn.calls_to("IoAcquireCancelSpinLock"))

    def dispatch_irp(self) -> Optional[int]:
        for i, p in enumerate(self.fn.params):
            if self.dec.var_kind(p) == IRP_VAR:
                return i
        return None

    def check_exit(self, f: Fact, block) -> None:
        retat = f.vals.get("$retat")
        node = self.cursor(retat) if isinstance(retat, int) else None
        if node is None:
            node = self.fn.cursor
        ret = f.vals.get("$ret")
        for ident, irp in f.irps.items():
            v = self.ident_name(ident)
            if ident[0] == "n" and irp.origin == "alloc" and irp.own == OWNED:
                where = self.cursor(irp.where)
                if where is not None:
                    self.add("alloc-leak", where, v, f"{v} is allocated here but neither sent, "
                             f"freed nor stored on the path through this return", -1, "",
                             None, {"exit": node})
        for ident, irp in f.irps.items():
            if irp.cancel == "set" and irp.own not in DEAD and irp.cwhere >= 0 \
                    and not self.holds_cancel_lock:
                where = self.cursor(irp.cwhere)
                v = self.ident_name(ident)
                self._focus = (ident, irp)
                if where is not None:
                    before = len(self.issues)
                    self.add("cancel-set-unchecked", where, v, f"a cancel routine is set on {v} "
                             f"but {v}->Cancel is not checked afterwards on the path through this "
                             f"return: if {v} was cancelled before, it is never cancelled",
                             -1, "", None, {"exit": node})
                    if len(self.issues) > before:  # code flow: the set, the branches, the return
                        start = self.cfg.block_of(where)
                        self.issues[-1].steps[:] = [(where, f"cancel routine of {v} set here")] \
                            + self._branches(self.path(block, start, ident, irp)) \
                            + [(node, f"returns without reading {v}->Cancel")]
        if self.is_dispatch:
            i = self.dispatch_irp()
            if i is not None:
                irp = f.irps.get(("p", i))
                self._focus = (("p", i), irp)
                if irp is not None:
                    self.check_dispatch_exit(("p", i), irp, ret, node, block)
        if Role.COMPLETION in self.fn.roles and len(self.fn.params) >= 2:
            irp = f.irps.get(("p", 1))
            self._focus = (("p", 1), irp)
            if irp is not None and irp.own == OWNED and not irp.pending and irp.pr != "F" \
                    and ret is not None and M not in ret.classes:
                self.add("cr-no-pending", node, self.ident_name(("p", 1)),
                         "completion routine returns without 'if (Irp->PendingReturned) "
                         "IoMarkIrpPending(Irp)' although it lets completion continue",
                         block=block)
        # returned status vs IoStatus.Status, in any function that completed its IRP parameter
        if ret is not None:
            for ident, irp in f.irps.items():
                if ident[0] != "p" or irp.own != COMPLETED or irp.cst is None or irp.where < 0:
                    continue
                if ret.is_pending:
                    continue
                if irp.cst.disjoint(ret):
                    self._focus = (ident, irp)
                    v = self.ident_name(ident)
                    shown = ret.text() or "a different status"
                    cs = irp.cst.text() or "another status"
                    self.add("status-mismatch", node, v, f"returns {shown} but {v} was "
                             f"completed with IoStatus.Status {cs}", irp.where,
                             self._event_text(irp, v), block)

    def check_dispatch_exit(self, ident, irp: Irp, ret: Optional[Val], node, block) -> None:
        v = self.ident_name(ident)
        if irp.own == OWNED:
            if not irp.pending and (ret is None or not ret.never_pending):
                return  # STATUS_PENDING may be returned: someone the model does not see may own it
            if irp.pending:
                msg = (f"{v} is marked pending but neither queued, passed down nor completed "
                       f"on this path: nobody will complete it")
            else:
                msg = (f"{v} is neither completed, passed down nor queued on this path out of "
                       f"the dispatch routine")
            self.add("not-completed", node, v, msg, block=block)
            return
        if ret is None:
            return
        if irp.pending and ret.never_pending and irp.own not in (ESCAPED, NULL):
            shown = ret.text() or "a status other than STATUS_PENDING"
            self.add("pending-not-returned", node, v, f"{v} was marked pending (IoMarkIrpPending) "
                     f"but the dispatch routine returns {shown}", block=block)
        elif irp.pending and irp.own in (FORWARDED, RECLAIMED) and isinstance(ret.sym, tuple) \
                and ret.sym[:1] == ("lower",) and not ret.is_pending:
            self.add("pending-not-returned", node, v, f"{v} was marked pending but the dispatch "
                     f"routine returns the status of {irp.qname or 'IoCallDriver'}, which may "
                     f"not be STATUS_PENDING", irp.where, self._event_text(irp, v), block)
        if ret.is_pending and not irp.pending:
            lower = isinstance(ret.sym, tuple) and ret.sym[:1] == ("lower",)
            if irp.own == COMPLETED:
                self.add("completed-returns-pending", node, v, f"returns STATUS_PENDING for {v}, "
                         f"which was completed on this path without IoMarkIrpPending",
                         irp.where, self._event_text(irp, v), block)
            elif not lower and irp.own in (OWNED, QUEUED, FORWARDED, RECLAIMED):
                self.add("pending-unmarked", node, v, f"returns STATUS_PENDING without "
                         f"IoMarkIrpPending({v}) on this path", irp.where if irp.where >= 0 else -1,
                         self._event_text(irp, v) if irp.where >= 0 else "", block)
        if irp.own == QUEUED and not irp.pending and irp.qname in (LIST_INSERTS | {"IoStartPacket"}):
            where = self.cursor(irp.where)
            if where is not None:
                self.add("queued-unmarked", where, v, f"{v} is queued by {irp.qname} but not "
                         f"marked pending (IoMarkIrpPending) on the path through this return",
                         -1, "", None, {"exit": node})
        if irp.own == FORWARDED and not irp.pending and ret.consts is not None \
                and not ret.is_pending and not (isinstance(ret.sym, tuple) and ret.sym[:1] == ("lower",)):
            self.add("lower-status-dropped", node, v, f"{v} was passed down by "
                     f"{irp.qname or 'IoCallDriver'} but the dispatch routine returns "
                     f"{ret.text() or 'a constant'} instead of the status it returned",
                     irp.where, self._event_text(irp, v), block)


def is_dispatch(fn) -> bool:
    """A dispatch routine: installed in ``MajorFunction[]``, or declared/annotated as one and
    not called directly by another function of the file (then it is a helper that happens to
    be declared with the dispatch type)."""
    if Role.DISPATCH not in fn.roles:
        return False
    if any(e.major and e.how.startswith("assigned") for e in fn.evidence(Role.DISPATCH)):
        return True
    return not fn.callgraph.callers(fn.name)


def _past(irp: Irp) -> str:
    if irp.own == COMPLETED:
        return "completed" + (f" by {irp.qname}" if irp.qname and irp.qname != "IoCompleteRequest" else "")
    if irp.own == FORWARDED:
        return f"passed down by {irp.qname or 'IoCallDriver'} (the lower driver may have completed it)"
    if irp.own == FREED:
        return "freed by IoFreeIrp"
    return irp.own


# -- summaries ---------------------------------------------------------------------------------------
MAX_OUTCOMES = 24


class IrpSummaries(SummaryAnalysis):
    """Bottom-up IRP summaries; also keeps each function's :class:`IrpModel`."""

    def __init__(self):
        self.models: dict[str, IrpModel] = {}
        self.decoder: Optional[Decoder] = None

    def release(self) -> None:
        """Drop the functions' models (they refer back to the summary table)."""
        self.models.clear()

    def compute(self, fn, table) -> Summary:
        t0 = time.perf_counter()
        if self.decoder is None:
            self.decoder = Decoder(fn.callgraph.children)
        if not self._handles_irps(fn):  # nothing to track: a trivial model, no solve
            model = IrpModel(fn, IrpAnalysis(fn, table, self.decoder), None)
            self.models[fn.name] = model
            return Summary((Outcome((), (), None),))
        analysis = IrpAnalysis(fn, table, self.decoder)
        sol = solve(fn.cfg, analysis)
        model = IrpModel(fn, analysis, sol)
        model.scan()
        if not sol.converged:
            model.overflow = True
        model.seconds = time.perf_counter() - t0
        self.models[fn.name] = model
        return self.summarize(fn, model)

    def _handles_irps(self, fn) -> bool:
        """Whether ``fn`` has an IRP parameter or variable, or calls an IRP allocator."""
        dec = self.decoder
        if any(dec.var_kind(p) == IRP_VAR for p in fn.params):
            return True
        scan = fn.callgraph.scan(fn.name)
        if any(dec.var_kind(v) == IRP_VAR for v in scan.variables):
            return True
        return any(c.name in ALLOCATORS for c in scan.calls)

    def summarize(self, fn, model: IrpModel) -> Summary:
        sol = model.solution
        outs = set()
        irp_params = [i for i, p in enumerate(fn.params) if self.decoder.var_kind(p) == IRP_VAR]
        scalar_params = [(i, p.get_usr() or f"{p.spelling}@{p.location.line}")
                         for i, p in enumerate(fn.params) if self.decoder.var_kind(p) == SCALAR_VAR]
        for e in model.cfg.exit.preds:
            if e.kind == EdgeKind.NORETURN or not sol.reached[e.src.id]:
                continue
            for f in sol.state_out[e.src.id]:
                conds = []
                for i, key in scalar_params:
                    v = f.vals.get(key)
                    if v is not None and v.sym == ("param", i) and (v.consts is not None or v.classes != ALL):
                        conds.append((i, Val(v.consts, v.classes, None)))
                effects = []
                for i in irp_params:
                    irp = f.irps.get(("p", i))
                    if irp is None:
                        continue
                    iost = f.vals.get(("iost", ("p", i)))
                    effects.append(Effect(i, irp.own, irp.pending, irp.stk, irp.cr, irp.cst, iost,
                                          irp.qname))
                ret = f.vals.get("$ret")
                outs.add(Outcome(tuple(conds), tuple(effects), ret))
        outs = _status_protocol(outs)
        overflow = model.overflow
        if len(outs) > MAX_OUTCOMES:
            overflow = True
        return Summary(tuple(sorted(outs, key=repr)), frozenset(model.touch_first), overflow)


def _status_protocol(outs: set) -> set:
    """Helpers often say with a status what they did: ``return STATUS_PENDING`` or
    ``STATUS_CANT_WAIT`` when they kept or posted the IRP, anything else once they completed it.
    When the outcomes that leave the IRP with the caller return known constants, the outcomes
    that complete or forward it and return an unknown value are taken not to return those."""
    done = (COMPLETED, FORWARDED, FREED)
    kept: set = set()
    for o in outs:
        if o.effects and all(e.own not in done for e in o.effects):
            if o.ret is not None and o.ret.consts is not None and len(o.ret.consts) <= 4:
                kept |= o.ret.consts
    if not kept:
        return outs
    new = set()
    for o in outs:
        if o.ret is not None and o.ret.consts is None and any(e.own in done for e in o.effects):
            classes = o.ret.classes
            if P in classes and STATUS_PENDING_VALUE in kept:
                classes = classes - {P}
            if classes:
                o = Outcome(o.conds, o.effects, Val(None, classes, o.ret.sym, o.ret.excl | kept))
        new.add(o)
    return new


def irp_model(fn) -> Optional[IrpModel]:
    """The IRP model of ``fn`` (computed with the summaries of the functions it calls)."""
    table = fn.callgraph.summaries(IrpSummaries())  # one table (and decoder) per file
    table.of(fn.name)
    return table.analysis.models.get(fn.name)


def issues_of(fn, *kinds: str) -> list[Issue]:
    """The issues of the given kinds in ``fn`` (none when its states overflowed)."""
    model = irp_model(fn)
    if model is None or model.overflow or model.solution is None:
        return []
    return [i for i in model.issues if i.kind in kinds]


def steps(ctx, issue: Issue) -> tuple[list[Step], list[Step]]:
    """SARIF code flow and related locations of an issue."""
    flow = [Step(ctx.span(c), m) for c, m in issue.steps]
    related = [Step(ctx.span(c), m) for c, m in issue.related]
    return flow, related


def report(rule, fn, ctx, *kinds: str, level: Optional[str] = None) -> None:
    """Report ``fn``'s issues of ``kinds`` as findings of ``rule`` with their code flows."""
    for issue in issues_of(fn, *kinds):
        flow, related = steps(ctx, issue)
        ctx.report(rule, issue.node, issue.message, code_flow=flow if len(flow) > 1 else (),
                   related=related, level=issue.extra.get("level", level))


def setters_of(fn) -> list:
    """The ``IoSetCompletionRoutine[Ex]`` calls of this file that install ``fn``:
    [(setter FunctionFacts, Call)]."""
    cg = fn.callgraph
    out = []
    for use in cg.uses_of(fn.name):
        if use.context != "argument" or use.call is None or use.user is None:
            continue
        spec = SET_COMPLETION.get(use.call.name)
        if spec is None or use.arg_index != spec[1] or use.user not in cg.functions:
            continue
        out.append((cg.facts(use.user), use.call))
    return out


def completion_needs_pending_mark(fn) -> bool:
    """Whether the completion routine ``fn`` must propagate the pending mark: some dispatch
    routine of this file installs it on the IRP it received, without marking that IRP pending
    itself before forwarding it. False when no setter is known."""
    found = False
    for setter, call in setters_of(fn):
        model = irp_model(setter)
        if model is None or model.solution is None or model.overflow or not is_dispatch(setter):
            return False
        locs = model.cfg.locations(call.cursor)
        if not locs:
            return False
        node = locs[0][0].nodes[locs[0][1]]
        state = model.solution.before(node)
        if state is None:
            return False
        info = model.dec.node(node)
        irp_i = SET_COMPLETION[call.name][0]
        for f in state:
            ident, irp = model.analysis._irp_arg(info, f, irp_i)
            if irp is None or ident[0] != "p" or irp.pending:
                return False
        found = True
    return found
