"""IRQL model: the range of IRQLs each program point may run at, and the spin locks held there.

**Public API** (what the event, thread and IRP rules may ask; everything else is internal):

- ``irql_at(fn, call) -> IrqlRange | None``: the IRQL just before ``call`` in ``fn`` (a
  :class:`~kdlint.flow.facts.FunctionFacts`), joined over the paths reaching it. ``must_above(l)``
  / ``may_above(l)`` answer "is it certainly / possibly above level l". None when the call is
  unreachable. A helper without a role or annotation is entered at the IRQLs its callers in the
  file call it at (``certain`` is False when nothing in the file says).
- ``locks_held_at(fn, call) -> list[HeldLock]``: spin locks / fast mutexes held on *every* path
  to ``call`` (text, kind, acquire cursor).
- ``entry_irql(fn) -> IrqlRange | None``: the IRQL ``fn`` is entered at from its role
  (:mod:`kdlint.model.driver`) or its own ``_IRQL_requires_*`` annotation; None when unknown.
- ``is_pageable(fn) -> (line, why) | None`` (:mod:`kdlint.model.pageable`).
- ``requirement(fn, call) -> Requirement``: the IRQL range a callee allows.

**How.** A forward dataflow (:class:`IrqlFlow`) over each function's CFG whose state is a small set
of *contexts* (:class:`Ctx`): an IRQL range ``lo..hi`` and whether it is known, the locks held
(:class:`Held`), the IRQL values saved by raises and acquires (:class:`Saved`), locks released
on the path, and the outcomes of simple branch conditions taken (``if (locked)``), so that
``if (x) acquire; ... if (x) release;`` does not yield a path that acquires and never releases.
Contexts with the same facts merge (their branch outcomes intersect); at most
:data:`MAX_CONTEXTS` are kept before all are merged into one.

The entry context comes from the function's roles (dispatch, DriverEntry, unload, AddDevice,
thread start and work items at PASSIVE_LEVEL; DPC, StartIo and timer routines at
DISPATCH_LEVEL; completion routines at PASSIVE..DISPATCH_LEVEL; cancel routines at
DISPATCH_LEVEL holding the cancel spin lock with ``Irp->CancelIrql`` saved; ISRs at DIRQL) or
its own ``_IRQL_requires_(x)`` / ``_IRQL_requires_max_`` / ``_IRQL_requires_min_``
annotation. Dispatch routines are taken at PASSIVE_LEVEL although the documentation lets
read/write/IOCTL dispatch of lower drivers and power dispatch run at up to DISPATCH_LEVEL: that
choice keeps the rules precise. Otherwise the entry is *unknown* (PASSIVE..DISPATCH, not
certain): rules then report only what the function's own raises make certain, never what an
unknown caller might do (the shared-code noise users report from CodeQL's IRQL queries).

Lock and IRQL routines move the state as :data:`kdlint.model.locks.ACTIONS` says. Helpers
defined in the file move it through their **summary** (:class:`IrqlSummary`, bottom-up): the
IRQL they return at (unchanged, a level, or "restored from my parameter i"), the locks they
acquire or release (parameter-rooted paths rewritten into the caller's arguments), the IRQL
range their body needs at entry (with the call that needs it, for code flows), and whether they
are pageable. Branches on ``KeGetCurrentIrql()`` compared with a constant narrow the range.

**API requirements** (:func:`requirement`) are read from the callee declaration's
``kd:IRQL_requires_max:`` / ``kd:IRQL_requires_min:`` / ``kd:IRQL_requires:`` annotate
attributes (what the model headers' and the mingw compatibility layer's SAL macros expand to).
Where the declaration carries none (mingw-w64's DDK headers annotate almost nothing, and a
real WDK's SAL macros expand to nothing outside MSVC's /analyze), the ``_IRQL_requires_*(...)``
written in front of the declaration in its header's text is read, and failing that the small
built-in table :data:`FALLBACK`. Call-dependent rules override both: ``KeWaitFor*`` with a
NULL or non-zero timeout and ``ExAllocatePool*`` of paged pool need IRQL <= APC_LEVEL; all
``Zw*`` routines need PASSIVE_LEVEL.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple, Optional

from clang.cindex import Cursor, CursorKind as K

from kdlint.cursors import Call, initializer, strip_casts
from kdlint.flow.cfg import EdgeKind, binary_op
from kdlint.flow.solver import Analysis, solve
from kdlint.flow.summaries import SummaryAnalysis
from kdlint.libclang import evaluate_int
from kdlint.model import locks as L
from kdlint.model import pageable as P
from kdlint.model.driver import Role
from kdlint.source import file_text

if TYPE_CHECKING:  # pragma: no cover
    from kdlint.flow.facts import FunctionFacts

PASSIVE, APC, DISPATCH, DIRQL, HIGH = L.PASSIVE, L.APC, L.DISPATCH, L.DIRQL, L.HIGH
level_name = L.level_name

#: Contexts kept per program point before they are merged into one.
MAX_CONTEXTS = 12

#: Entry IRQL (lo, hi) of each role.
ROLE_ENTRY = {
    Role.DRIVER_ENTRY: (PASSIVE, PASSIVE), Role.DISPATCH: (PASSIVE, PASSIVE),
    Role.UNLOAD: (PASSIVE, PASSIVE), Role.ADD_DEVICE: (PASSIVE, PASSIVE),
    Role.THREAD_START: (PASSIVE, PASSIVE), Role.WORK_ITEM: (PASSIVE, PASSIVE),
    Role.DPC: (DISPATCH, DISPATCH), Role.START_IO: (DISPATCH, DISPATCH),
    Role.TIMER: (DISPATCH, DISPATCH), Role.CANCEL: (DISPATCH, DISPATCH),
    Role.COMPLETION: (PASSIVE, DISPATCH), Role.ISR: (DIRQL, DIRQL),
}
ROLE_NOUN = {
    Role.DRIVER_ENTRY: "the DriverEntry routine", Role.DISPATCH: "a dispatch routine",
    Role.UNLOAD: "an Unload routine", Role.ADD_DEVICE: "an AddDevice routine",
    Role.THREAD_START: "a system thread start routine", Role.WORK_ITEM: "a work item routine",
    Role.DPC: "a DPC routine", Role.START_IO: "a StartIo routine", Role.TIMER: "a timer routine",
    Role.CANCEL: "a cancel routine", Role.COMPLETION: "a completion routine",
    Role.ISR: "an interrupt service routine",
}
ROLE_WORDS = {
    Role.DRIVER_ENTRY: "DriverEntry runs at PASSIVE_LEVEL",
    Role.DISPATCH: "dispatch routines are taken to run at PASSIVE_LEVEL",
    Role.UNLOAD: "Unload runs at PASSIVE_LEVEL", Role.ADD_DEVICE: "AddDevice runs at PASSIVE_LEVEL",
    Role.THREAD_START: "system threads start at PASSIVE_LEVEL",
    Role.WORK_ITEM: "work items run at PASSIVE_LEVEL",
    Role.DPC: "DPC routines run at DISPATCH_LEVEL", Role.START_IO: "StartIo runs at DISPATCH_LEVEL",
    Role.TIMER: "timer routines run at DISPATCH_LEVEL",
    Role.CANCEL: "cancel routines run at DISPATCH_LEVEL holding the cancel spin lock",
    Role.COMPLETION: "completion routines run at IRQL <= DISPATCH_LEVEL",
    Role.ISR: "interrupt service routines run at DIRQL",
}

#: IRQL limits (max, min) of common routines, used only when the declaration says nothing
#: (mingw-w64's headers; a WDK parsed outside MSVC). From each routine's DDI page.
_P, _A, _D, _H = PASSIVE, APC, DISPATCH, HIGH
FALLBACK: dict[str, tuple[int, int]] = {
    **{n: (_P, _P) for n in (
        "PsCreateSystemThread", "PsTerminateSystemThread", "IoCreateDevice", "IoDeleteDevice",
        "IoCreateSymbolicLink", "IoDeleteSymbolicLink", "IoRegisterDeviceInterface",
        "IoSetDeviceInterfaceState", "IoGetDeviceProperty", "IoOpenDeviceRegistryKey",
        "IoAttachDeviceToDeviceStack", "IoDetachDevice", "IoGetDeviceObjectPointer",
        "IoBuildDeviceIoControlRequest", "IoBuildSynchronousFsdRequest", "RtlQueryRegistryValues",
        "MmGetSystemRoutineAddress", "IoWMIRegistrationControl", "IoRegisterShutdownNotification",
        "ObReferenceObjectByName", "IoCreateFile", "IoCreateFileEx", "KeWaitForMutexObject_",
        "PsSetCreateProcessNotifyRoutine", "PsSetCreateThreadNotifyRoutine",
        "PsSetLoadImageNotifyRoutine", "CmRegisterCallback", "CmRegisterCallbackEx",
        "CmUnRegisterCallback", "ObRegisterCallbacks", "ObUnRegisterCallbacks",
        "IoRegisterPlugPlayNotification", "MmMapViewInSystemSpace", "RtlUpcaseUnicodeString",
        "RtlAnsiStringToUnicodeString", "RtlUnicodeStringToAnsiString",
        "IoAllocateDriverObjectExtension", "FsRtlRegisterUncLoadDriver")},
    **{n: (_A, _P) for n in (
        "KeDelayExecutionThread", "ProbeForRead", "ProbeForWrite", "ObReferenceObjectByHandle",
        "ObReferenceObjectByHandleWithTag", "ExAcquireResourceExclusiveLite",
        "ExAcquireResourceSharedLite", "RtlCompareUnicodeString",
        "ExAcquireFastMutex", "ExAcquireFastMutexUnsafe", "ExReleaseFastMutexUnsafe",
        "KeEnterCriticalRegion", "KeLeaveCriticalRegion", "ExAllocateFromPagedLookasideList",
        "ExFreeToPagedLookasideList", "MmLockPagableDataSection", "MmUnlockPagableImageSection",
        "IoGetCurrentProcess", "FsRtlEnterFileSystem", "FsRtlExitFileSystem",
        "KeAcquireGuardedMutex", "KeReleaseGuardedMutex", "MmProbeAndLockProcessPages",
        "MmSecureVirtualMemory", "MmUnsecureVirtualMemory", "PAGED_CODE")},
    **{n: (_D, _P) for n in (
        "ExReleaseResourceLite", "ExReleaseResourceForThreadLite",
        "IoCompleteRequest", "IoCallDriver", "PoCallDriver", "KeSetEvent", "KeClearEvent",
        "KeResetEvent", "KePulseEvent", "KeReleaseSemaphore", "KeReleaseMutex",
        "KeWaitForSingleObject", "KeWaitForMultipleObjects", "ExAllocatePoolWithTag",
        "ExAllocatePool", "ExAllocatePool2", "ExAllocatePool3", "ExAllocatePoolZero",
        "ExAllocatePoolUninitialized", "ExAllocatePoolWithQuotaTag", "ExAllocatePoolWithTagPriority",
        "ExFreePool", "ExFreePoolWithTag", "ExFreePool2", "IoAllocateIrp", "IoFreeIrp",
        "IoAllocateMdl", "IoFreeMdl", "IoBuildAsynchronousFsdRequest", "IoQueueWorkItem",
        "IoQueueWorkItemEx", "IoAllocateWorkItem", "IoFreeWorkItem", "MmProbeAndLockPages",
        "MmUnlockPages", "MmMapLockedPagesSpecifyCache", "MmGetSystemAddressForMdlSafe",
        "KeAcquireSpinLock", "KeAcquireInStackQueuedSpinLock", "IoAcquireCancelSpinLock",
        "ExAcquireSpinLockExclusive", "ExAcquireSpinLockShared", "KeInitializeEvent",
        "IoStartNextPacket", "IoStartPacket", "IoCancelIrp", "ObfDereferenceObject",
        "ObDereferenceObject", "ObfReferenceObject", "ObReferenceObject",
        "ExAllocateFromNPagedLookasideList", "ExFreeToNPagedLookasideList", "KeSetTimer",
        "KeSetTimerEx", "KeCancelTimer", "IoReleaseRemoveLockEx", "IoAcquireRemoveLockEx",
        "RtlInitUnicodeString", "RtlCopyUnicodeString", "IoInitializeIrp", "IoReuseIrp",
        "KeRaiseIrqlToDpcLevel")},
    **{n: (_H, _D) for n in (
        "KeAcquireSpinLockAtDpcLevel", "KefAcquireSpinLockAtDpcLevel",
        "KeAcquireInStackQueuedSpinLockAtDpcLevel", "ExAcquireSpinLockExclusiveAtDpcLevel",
        "ExAcquireSpinLockSharedAtDpcLevel", "KeTryToAcquireSpinLockAtDpcLevel")},
    **{n: (_H, _P) for n in (
        "KeInsertQueueDpc", "KeGetCurrentIrql", "KeLowerIrql", "KeRaiseIrql",
        "KeStallExecutionProcessor", "ExInterlockedInsertTailList", "ExInterlockedInsertHeadList",
        "ExInterlockedRemoveHeadList", "KeSynchronizeExecution", "KeAcquireInterruptSpinLock",
        "KeReleaseInterruptSpinLock", "IoRequestDpc")},
}

#: Routines whose "requires" the lock rules check instead (releases need the level their
#: acquire raised to; a mismatch there is a pairing bug, reported once, by KD507/KD508).
LOCK_ROUTINES = frozenset(n for n, a in L.ACTIONS.items() if a.op in ("release", "lower"))

POOL_FLAG_PAGED = 0x100


# -- requirements ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Requirement:
    """The IRQL range a callee allows: ``lo <= IRQL <= hi``; ``why`` says where that is from;
    ``via``: for a helper of the file, the (cursor, text) steps down to the routine that needs it."""

    hi: int = HIGH
    lo: int = PASSIVE
    why: str = ""
    via: tuple = ()
    name: str = ""

    @property
    def limits(self) -> bool:
        return self.hi < HIGH or self.lo > PASSIVE


_IRQL_ATTR = re.compile(r"^kd:IRQL_(requires_max|requires_min|requires):(.*)$")
_TEXT_IRQL = re.compile(r"\b(?:_IRQL_(requires_max|requires_min|requires)_|__drv_(maxIRQL|minIRQL|requiresIRQL))"
                        r"\s*\(\s*(\w+)\s*\)")
_TEXT_CACHE: dict = {}


def _strip_when(text: str) -> str:
    """Drop ``_When_(...)`` / ``__drv_when(...)`` spans: their IRQL limits are conditional."""
    out, i = [], 0
    for m in re.finditer(r"\b(_When_|__drv_when)\s*\(", text):
        if m.start() < i:
            continue
        out.append(text[i:m.start()])
        depth, j = 1, m.end()
        while j < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[j], 0)
            j += 1
        i = j
    out.append(text[i:])
    return "".join(out)


def _annotation_limits(decl: Cursor) -> Optional[tuple[int, int]]:
    """(hi, lo) from a declaration's kd:IRQL annotate attributes, else from the
    ``_IRQL_requires_*`` text in front of it in its header; None when neither says anything."""
    hi, lo, found = HIGH, PASSIVE, False
    for ch in decl.get_children():
        if ch.kind != K.ANNOTATE_ATTR:
            continue
        m = _IRQL_ATTR.match(ch.spelling)
        if not m:
            continue
        level = L.parse_level(m.group(2))
        if level is None:
            continue
        found = True
        if m.group(1) in ("requires_max", "requires"):
            hi = min(hi, level)
        if m.group(1) in ("requires_min", "requires"):
            lo = max(lo, level)
    if found:
        return hi, lo
    return _text_limits(decl)


def _text_limits(decl: Cursor) -> Optional[tuple[int, int]]:
    loc = decl.location
    if loc.file is None:
        return None
    path = loc.file.name
    key = (path, loc.offset)
    if key in _TEXT_CACHE:
        return _TEXT_CACHE[key]
    if "kdlint/include" in path.replace("\\", "/"):
        _TEXT_CACHE[key] = None  # our own headers: the attributes are authoritative
        return None
    text = _file_text(path)
    end = loc.offset
    start = max(text.rfind(";", 0, end), text.rfind("}", 0, end), text.rfind("#", 0, end), 0)
    region = _strip_when(text[max(start, end - 1500):end])
    hi, lo, found = HIGH, PASSIVE, False
    for m in _TEXT_IRQL.finditer(region):
        kind = m.group(1) or {"maxIRQL": "requires_max", "minIRQL": "requires_min",
                              "requiresIRQL": "requires"}[m.group(2)]
        level = L.parse_level(m.group(3))
        if level is None:
            continue
        found = True
        if kind in ("requires_max", "requires"):
            hi = min(hi, level)
        if kind in ("requires_min", "requires"):
            lo = max(lo, level)
    _TEXT_CACHE[key] = (hi, lo) if found else None
    return _TEXT_CACHE[key]


def _file_text(path: str) -> str:
    return file_text(path) or ""


def _is_paged_pool(call: Call) -> bool:
    name = call.name
    if name in ("ExAllocatePool2", "ExAllocatePool3"):
        v = evaluate_int(call.arg(0)) if call.arg(0) is not None else None
        return v is not None and bool(v & POOL_FLAG_PAGED)
    if name.startswith("ExAllocatePool"):
        v = evaluate_int(call.arg(0)) if call.arg(0) is not None else None
        return v is not None and v < 512 and bool(v & 1)
    return False


def _wait_blocks(call: Call, fn: "FunctionFacts") -> Optional[str]:
    """For KeWaitFor*: why the wait may block (NULL or non-zero timeout), else None (zero or
    unknown timeout: allowed at DISPATCH_LEVEL, or not known)."""
    idx = 4 if call.name == "KeWaitForSingleObject" else 6
    arg = call.arg(idx)
    if arg is None:
        return None
    expr = strip_casts(arg, fn.callgraph.children)
    if expr is not None and expr.kind in (K.INTEGER_LITERAL, K.GNU_NULL_EXPR) and evaluate_int(expr) in (0, None):
        return "a NULL (infinite) timeout"
    if expr is None or expr.kind != K.UNARY_OPERATOR:
        return None
    kids = fn.callgraph.children(expr)
    var = strip_casts(kids[-1], fn.callgraph.children) if kids else None
    if var is None or var.kind != K.DECL_REF_EXPR or var.referenced is None:
        return None
    target = var.referenced
    values = set()
    for _, lhs, rhs in fn.callgraph.scan(fn.name).assignments:
        lhs = strip_casts(lhs, fn.callgraph.children)
        if lhs is None or lhs.kind != K.MEMBER_REF_EXPR or lhs.spelling != "QuadPart":
            continue
        base = fn.callgraph.children(lhs)
        base = strip_casts(base[0], fn.callgraph.children) if base else None
        if base is not None and base.kind == K.DECL_REF_EXPR and base.referenced == target:
            values.add(evaluate_int(rhs))
    for var_decl, init in fn.callgraph.scan(fn.name).inits:
        if var_decl == target:
            values.add(None)  # initialised some other way: unknown
    if values and None not in values and 0 not in values:
        return "a non-zero timeout"
    return None


_NOT_READ = object()


def api_requirement(call: Call, fn: "FunctionFacts") -> Requirement:
    """The IRQL limits of an API (a callee not defined in this file)."""
    name = call.name
    decl = call.cursor.referenced
    limits = None
    if decl is not None:
        # one reading of a declaration's annotations per file (an API is called many times)
        cache = fn.callgraph.model("irql.decl_limits", dict)
        limits = cache.get(decl, _NOT_READ)
        if limits is _NOT_READ:
            limits = cache[decl] = _annotation_limits(decl)
    why = "its declaration"
    if limits is None and name in FALLBACK:
        limits = FALLBACK[name]
        why = "its documentation"
    if name.startswith("Zw") and (limits is None or limits[0] > PASSIVE):
        limits, why = (PASSIVE, PASSIVE), "Zw routines run at PASSIVE_LEVEL"
    if limits is None:
        return Requirement(name=name)
    hi, lo = limits
    if name in ("KeWaitForSingleObject", "KeWaitForMultipleObjects"):
        blocks = _wait_blocks(call, fn)
        if blocks:
            hi, why = min(hi, APC), f"a wait with {blocks}"
    elif name.startswith("ExAllocatePool") and _is_paged_pool(call):
        hi, why = min(hi, APC), "an allocation from paged pool"
    return Requirement(hi, lo, why, name=name)


# -- the lattice ----------------------------------------------------------------------------
class Held(NamedTuple):
    key: tuple  # the lock object (locks.lock_key)
    kind: str
    site: int  # hash of the acquiring call (0: held at entry)
    handle: Optional[tuple] = None  # in-stack queued: the KLOCK_QUEUE_HANDLE
    saved: Optional[tuple] = None  # (lo, hi, known, src) kept with the lock (queued, fast mutex)


class Saved(NamedTuple):
    var: tuple  # where the old IRQL was stored
    lo: int
    hi: int
    known: bool
    src: object
    lock: Optional[tuple]  # the lock whose acquire saved it (None: a raise)
    site: int
    consumed: bool = False


class Ctx(NamedTuple):
    lo: int
    hi: int
    known: bool  # the range is certain (role, annotation, or set by a raise)
    src: object  # 'entry' | 'guard' | 'abs' | ('restore', key)
    origin: int  # hash of the call that last set the IRQL (0: entry)
    held: frozenset = frozenset()
    released: frozenset = frozenset()  # (key, site)
    saved: frozenset = frozenset()
    pending: Optional[tuple] = None  # (call hash, Saved prototype) awaiting its assignment
    conds: frozenset = frozenset()

    def core(self) -> tuple:
        return self[:-1]


@dataclass(frozen=True)
class Entry:
    lo: int
    hi: int
    known: bool
    why: tuple = ()  # (path, line, text) evidence
    held: tuple = ()
    saved: tuple = ()


UNKNOWN = Entry(PASSIVE, DISPATCH, False)


def _merge(ctxs) -> frozenset:
    by_core: dict = {}
    for c in ctxs:
        k = c.core()
        old = by_core.get(k)
        by_core[k] = c if old is None else old._replace(conds=old.conds & c.conds)
    out = list(by_core.values())
    if len(out) > MAX_CONTEXTS:
        out = [_hull(out)]
    return frozenset(out)


def _hull(ctxs: list) -> Ctx:
    first = ctxs[0]
    held = frozenset.union(*(c.held for c in ctxs))
    same = all(c.src == first.src for c in ctxs)
    return Ctx(min(c.lo for c in ctxs), max(c.hi for c in ctxs), all(c.known for c in ctxs),
               first.src if same else "abs", first.origin, held,
               frozenset.intersection(*(c.released for c in ctxs)),
               frozenset.union(*(c.saved for c in ctxs)), None, frozenset())


# -- the model of one file ------------------------------------------------------------------
class FileModel:
    """Per-file state: the parameter tables, the sites, pageable functions, entry seeds."""

    def __init__(self, cg):
        self.cg = cg
        self.sites: dict[int, Cursor] = {}
        self._params: dict = {}
        self._entries: dict = {}
        self._pageable = None
        self._req: dict = {}
        self._caller_entries: dict = {}
        #: What the flow derives from a cursor alone (access paths, assignment parts, branch
        #: tests), shared by every IrqlFlow of the file (one function is solved from several
        #: entries, each block several times): ``{(what, id(cursor)): (cursor, value)}``. The
        #: entry keeps the cursor alive, so its id cannot be reused while the entry exists.
        self.derived: dict = {}

    def params(self, name: str) -> dict:
        got = self._params.get(name)
        if got is None:
            params = self.cg.facts(name).params
            got = self._params[name] = {p.hash: (i, p.spelling) for i, p in enumerate(params)}
        return got

    def site(self, cursor: Cursor) -> int:
        got = self.derived.get(("site", id(cursor)))
        if got is not None and got[0] is cursor:
            return got[1]
        h = cursor.hash
        self.sites.setdefault(h, cursor)
        self.derived[("site", id(cursor))] = (cursor, h)
        return h

    # -- pageable ----------------------------------------------------------------------
    def pageable(self, name: str) -> Optional[tuple[int, str]]:
        fn = self.cg.functions.get(name)
        if fn is None:
            return None
        path = fn.location.file.name if fn.location.file else ""
        if self._pageable is None:
            self._pageable = P.scan(_file_text(path)) if path else P.PageableFile()
        ext = fn.extent
        text = self._pageable.text
        return self._pageable.reason(name, ext.start.offset, ext.end.offset,
                                     lambda off: text.count("\n", 0, off) + 1)

    # -- entry -------------------------------------------------------------------------
    def entry(self, fn: "FunctionFacts") -> Entry:
        got = self._entries.get(fn.name)
        if got is None:
            got = self._entries[fn.name] = self._entry(fn)
        return got

    def _entry(self, fn: "FunctionFacts") -> Entry:
        ranges, why = [], []
        held, saved = [], []
        for role in sorted(fn.roles, key=lambda r: r.value):
            rng = ROLE_ENTRY.get(role)
            if rng is None:
                continue
            ranges.append(rng)
            ev = fn.evidence(role)
            path, line = (ev[0].path, ev[0].line) if ev else ("", 0)
            how = f" ({ev[0].how})" if ev else ""
            why.append((path, line, f"'{fn.name}' is {ROLE_NOUN[role]}{how}: {ROLE_WORDS[role]}"))
            if role == Role.CANCEL and len(fn.params) > 1:
                held.append(Held(L.CANCEL_KEY, L.CANCEL, 0))
                irp = ("p", 1, fn.params[1].spelling)
                saved.append(Saved((irp, "*", ".CancelIrql"), PASSIVE, DISPATCH, True, "abs",
                                   L.CANCEL_KEY, 0))
        limits = _annotation_limits(fn.cursor) if not ranges else None
        if limits is not None:
            hi, lo = limits
            loc = fn.cursor.location
            ranges.append((lo, hi))
            why.append((loc.file.name if loc.file else "", loc.line,
                        f"'{fn.name}' is annotated to run at {_range_text(lo, hi)}"))
        if not ranges:
            return UNKNOWN
        return Entry(min(r[0] for r in ranges), max(r[1] for r in ranges), True, tuple(why),
                     tuple(held), tuple(saved))

    def caller_entry(self, name: str, depth: int = 0) -> Entry:
        """For a helper with no role or annotation: the join of the IRQLs its callers in this
        file call it at (UNKNOWN when it has none, is used as a value, or recursion)."""
        if name in self._caller_entries:
            return self._caller_entries[name] or UNKNOWN
        self._caller_entries[name] = None  # recursion guard
        result = UNKNOWN
        cg = self.cg
        if depth < 8 and name not in cg.address_taken:
            ranges, why = [], []
            for caller in cg.callers(name):
                facts = cg.facts(caller)
                for call in facts.calls_to(name):
                    for c in contexts_before(facts, call, depth + 1):
                        ranges.append((c.lo, c.hi, c.known))
                    why.append(_where(call.cursor, f"'{name}' is called from '{caller}'"))
            if ranges:
                result = Entry(min(r[0] for r in ranges), max(r[1] for r in ranges),
                               all(r[2] for r in ranges), tuple(why))
        self._caller_entries[name] = result
        return result

    # -- requirements ------------------------------------------------------------------
    def requirement(self, fn: "FunctionFacts", call: Call) -> Requirement:
        h = call.cursor.hash
        got = self._req.get(h)
        if got is None:
            got = self._req[h] = self._requirement(fn, call)
        return got

    def _requirement(self, fn: "FunctionFacts", call: Call) -> Requirement:
        if call.name not in self.cg.functions:
            return api_requirement(call, fn)
        # a helper defined here: what its body needs (its own _IRQL_requires_ annotation, when
        # stricter than the body, is a contract the body does not need; not reported)
        summary = fn.summary(IrqlSummary(), call)
        hi, lo, why, via = HIGH, PASSIVE, "", ()
        if summary is not None:
            if summary.needs_hi is not None and summary.needs_hi[0] < hi:
                hi, why, via = summary.needs_hi[0], summary.needs_hi[1], summary.needs_hi[2]
            if summary.needs_lo is not None and summary.needs_lo[0] > lo:
                lo = summary.needs_lo[0]
                why, via = summary.needs_lo[1], summary.needs_lo[2]
        return Requirement(hi, lo, why, via, call.name)


def _range_text(lo: int, hi: int) -> str:
    if lo == hi:
        return level_name(lo)
    if lo == PASSIVE:
        return f"IRQL <= {level_name(hi)}"
    return f"{level_name(lo)}..{level_name(hi)}"


def _where(cursor: Cursor, text: str) -> tuple:
    loc = cursor.location
    return (loc.file.name if loc.file else "", loc.line, text)


def file_model(fn: "FunctionFacts") -> FileModel:
    cg = fn.callgraph
    return cg.model("irql", lambda: FileModel(cg))


# -- the analysis ---------------------------------------------------------------------------
class IrqlFlow(Analysis):
    """The forward IRQL/lock analysis of one function from a given entry."""

    def __init__(self, fn: "FunctionFacts", entry: Entry, table=None, tag: str = "seed"):
        self.fn = fn
        self.model = file_model(fn)
        self.entry_ = entry
        self.table = table
        self.tag = tag
        self.params = self.model.params(fn.name) if fn.name in fn.callgraph.functions else {}
        self.kids = fn.callgraph.children
        self._irql_vars = None
        self._derived = self.model.derived

    @property
    def key(self):
        e = self.entry_
        return ("kdlint.irql", self.tag, e.lo, e.hi, e.known)

    def initial(self):
        e = self.entry_
        return frozenset({Ctx(e.lo, e.hi, e.known, "entry", 0, frozenset(e.held), frozenset(),
                              frozenset(e.saved))})

    def bottom(self):
        return frozenset()

    def join(self, a, b):
        if not a:
            return b
        if not b:
            return a
        return _merge(a | b)

    # -- keys --------------------------------------------------------------------------
    def key_of(self, expr) -> Optional[tuple]:
        if expr is None:
            return None
        got = self._derived.get(("key", id(expr)))
        if got is not None and got[0] is expr:
            return got[1]
        key = L.expr_key(expr, self.params, self.kids)
        self._derived[("key", id(expr))] = (expr, key)
        return key

    def summary_of(self, name: str):
        if self.table is not None:
            return self.table.of(name)
        return self.fn.callgraph.summaries(IrqlSummary()).of(name)

    # -- transfer ----------------------------------------------------------------------
    def transfer(self, node, state):
        if not state:
            return state
        k = node.kind
        if k == K.CALL_EXPR:
            call = self.fn.call_of(node)
            if call is None:
                return state
            out, same = [], True
            for c in state:
                got = self.call(call, self._settle(c, None))
                if same and (len(got) != 1 or got[0] is not c):
                    same = False
                out.extend(got)
            # every context unchanged: the state itself (states are already merged)
            return state if same else _merge(out)
        if k == K.VAR_DECL or (k in (K.BINARY_OPERATOR, K.COMPOUND_ASSIGNMENT_OPERATOR)):
            out, same = [], True
            for c in state:
                got = self.assign(node, c)
                if got is not c:
                    same = False
                out.append(got)
            return state if same else _merge(out)
        if any(c.pending is not None for c in state):
            return _merge(self._settle(c, None) for c in state)
        return state

    def _settle(self, c: Ctx, target: Optional[tuple]) -> Ctx:
        """Drop (or, with ``target``, record) a pending saved IRQL."""
        if c.pending is None:
            return c
        if target is None:
            return c._replace(pending=None)
        proto = c.pending[1]._replace(var=target)
        saved = frozenset(s for s in c.saved if s.var != target) | {proto}
        return c._replace(pending=None, saved=saved)

    def _assign_parts(self, node: Cursor) -> Optional[tuple]:
        """What :meth:`assign` needs from the node itself: (lhs key, constant value assigned
        or None, hash of the call assigned or None, is a VAR_DECL); None for a binary node
        without two operands."""
        got = self._derived.get(("assign", id(node)))
        if got is not None and got[0] is node:
            return got[1]
        is_var = node.kind == K.VAR_DECL
        parts = None
        if is_var:
            lhs_key, rhs = L.local_key(node), initializer(node, self.kids)
        else:
            kids = self.kids(node)
            lhs_key, rhs = (self.key_of(kids[0]), kids[1]) if len(kids) == 2 else (None, None)
        if is_var or rhs is not None:
            value = None
            stripped = strip_casts(rhs, self.kids) if rhs is not None else None
            if lhs_key is not None and rhs is not None and len(lhs_key) == 1:
                if stripped is not None and \
                        stripped.kind in (K.INTEGER_LITERAL, K.DECL_REF_EXPR, K.CHARACTER_LITERAL):
                    value = evaluate_int(rhs)
            call_hash = stripped.hash if stripped is not None and stripped.kind == K.CALL_EXPR \
                else None
            parts = (lhs_key, value, call_hash, is_var)
        self._derived[("assign", id(node))] = (node, parts)
        return parts

    def assign(self, node: Cursor, c: Ctx) -> Ctx:
        parts = self._assign_parts(node)
        if parts is None:
            return self._settle(c, None)
        lhs_key, value, call_hash, is_var = parts
        if lhs_key is not None:
            root = lhs_key[0]
            conds = frozenset(x for x in c.conds if x[0][0][0] != root)
            if conds != c.conds:
                c = c._replace(conds=conds)
        if value is not None:
            c = c._replace(conds=c.conds | {((lhs_key,), value != 0), ((lhs_key, "==", value), True)})
        if c.pending is not None and call_hash is not None \
                and call_hash == c.pending[0] and lhs_key is not None:
            return self._settle(c, lhs_key)
        c = self._settle(c, None)
        if lhs_key is not None and not is_var and any(s.var == lhs_key for s in c.saved):
            # overwritten by something else: no longer a saved IRQL
            c = c._replace(saved=frozenset(s for s in c.saved if s.var != lhs_key))
        return c

    def call(self, call: Call, c: Ctx) -> list:
        act = L.ACTIONS.get(call.name)
        site = self.model.site(call.cursor)
        if act is not None:
            return [self.action(act, call, c, site)]
        if call.name in self.fn.callgraph.functions:
            s = self.summary_of(call.name)
            if s is not None:
                return [self.apply_summary(s, call, c, site)]
        return [c]

    def _prior(self, c: Ctx) -> tuple:
        return (c.lo, c.hi, c.known, c.src)

    def action(self, act: L.Action, call: Call, c: Ctx, site: int) -> Ctx:
        if act.op in ("acquire", "raise"):
            prior = self._prior(c)
            if act.to is not None:
                to = act.to
                if to == "arg":
                    to = evaluate_int(call.arg(0)) if call.arg(0) is not None else None
                if to is None:
                    c = c._replace(lo=c.lo, hi=HIGH, known=False, src="abs", origin=site)
                else:
                    # the routine requires IRQL <= to beforehand: afterwards it is exactly ``to``
                    level = max(c.lo, to)
                    c = c._replace(lo=level, hi=level, known=True, src="abs", origin=site)
            lock = None
            if act.op == "acquire":
                lock = L.CANCEL_KEY if act.lock is None and act.kind == L.CANCEL else \
                    L.lock_key(self.key_of(call.arg(act.lock))) if act.lock is not None else None
            proto = Saved((), prior[0], prior[1], prior[2], prior[3], lock, site)
            if act.save == "return":
                if act.alt_save is not None and len(call.args) > act.alt_save:
                    var = L.lock_key(self.key_of(call.arg(act.alt_save)))
                    if var is not None:
                        c = c._replace(saved=frozenset(s for s in c.saved if s.var != var)
                                       | {proto._replace(var=var)})
                else:
                    c = c._replace(pending=(call.cursor.hash, proto))
            elif isinstance(act.save, tuple):
                var = L.lock_key(self.key_of(call.arg(act.save[1])))
                if var is not None:
                    c = c._replace(saved=frozenset(s for s in c.saved if s.var != var)
                                   | {proto._replace(var=var)})
            if lock is not None:
                handle = L.lock_key(self.key_of(call.arg(act.handle))) if act.handle is not None else None
                kept = prior if act.save == "lock" else None
                held = frozenset(h for h in c.held if h.key != lock)
                c = c._replace(held=held | {Held(lock, act.kind, site, handle, kept)},
                               released=frozenset(r for r in c.released if r[0] != lock))
            return c
        # release / lower
        info = release_info(self, call, c)
        c = self._restore(c, info.restore, site)
        if info.held is not None:
            c = c._replace(held=c.held - {info.held})
        if info.lock is not None:
            c = c._replace(released=frozenset(r for r in c.released if r[0] != info.lock)
                           | {(info.lock, site)})
        elif info.handle_release is not None:
            c = c._replace(released=c.released | {(info.handle_release, site)})
        if info.saved is not None:
            c = c._replace(saved=(c.saved - {info.saved}) | {info.saved._replace(consumed=True)})
        return c

    def _restore(self, c: Ctx, restore, site: int) -> Ctx:
        """Set the IRQL a release/lower goes back to: ``restore`` is ``None`` (unchanged),
        ``('saved', lo, hi, known, src)``, ``('const', level)``, ``('param', key)``, ``'vague'``."""
        if restore is None:
            return c
        if restore == "vague":
            return c._replace(lo=PASSIVE, known=False, src="abs", origin=site)
        tag = restore[0]
        if tag == "saved":
            _, lo, hi, known, src = restore
            return c._replace(lo=lo, hi=hi, known=known, src=src, origin=site)
        if tag == "const":
            return c._replace(lo=restore[1], hi=restore[1], known=True, src="abs", origin=site)
        if tag == "param":
            return c._replace(lo=PASSIVE, known=False, src=(restore[1], restore[2]), origin=site)
        return c

    def apply_summary(self, s: "Summary", call: Call, c: Ctx, site: int) -> Ctx:
        if not s.deltas:
            return c
        deltas = s.deltas
        locks_same = all(d[1:] == deltas[0][1:] for d in deltas)
        if not locks_same:
            return c
        irqls = {d[0] for d in deltas}
        irql = deltas[0][0] if len(irqls) == 1 else "vague"

        def caller_key(i):
            return self.key_of(call.arg(i))

        prior = Saved((), c.lo, c.hi, c.known, c.src, None, site)
        for key in deltas[0][3]:
            k2 = L.substitute(key, call.args, caller_key)
            if k2 is not None:
                c = c._replace(saved=frozenset(s for s in c.saved if s.var != k2) | {prior._replace(var=k2)})
        if irql == "vague":
            c = self._restore(c, "vague", site)
        elif irql[0] == "set":
            c = c._replace(lo=irql[1], hi=irql[2], known=irql[3], src="abs", origin=site)
        elif irql[0] == "restore":
            key = L.substitute(irql[1], call.args, caller_key)
            c = self._restore(c, self._restore_from(c, key), site)
        elif irql[0] in ("restore-lock", "restore-handle"):
            key = L.substitute(irql[1], call.args, caller_key)
            field_ = "key" if irql[0] == "restore-lock" else "handle"
            h = next((h for h in c.held if key is not None and getattr(h, field_) == key), None)
            restore = ("saved",) + tuple(h.saved) if h is not None and h.saved else "vague"
            c = self._restore(c, restore, site)
        for key, kind in deltas[0][1]:
            k2 = L.substitute(key, call.args, caller_key)
            if k2 is not None:
                c = c._replace(held=frozenset(h for h in c.held if h.key != k2) | {Held(k2, kind, site)},
                               released=frozenset(r for r in c.released if r[0] != k2))
        for key in deltas[0][2]:
            if key[0] == "H":
                k2 = L.substitute(key[1:], call.args, caller_key)
                h = next((h for h in c.held if k2 is not None and h.handle == k2), None)
                if h is not None:
                    c = c._replace(held=c.held - {h}, released=c.released | {(h.key, site)})
                continue
            k2 = L.substitute(key, call.args, caller_key)
            if k2 is not None:
                c = c._replace(held=frozenset(h for h in c.held if h.key != k2),
                               released=frozenset(r for r in c.released if r[0] != k2) | {(k2, site)})
        return c

    def _restore_from(self, c: Ctx, key: Optional[tuple]):
        """What restoring the IRQL saved in ``key`` gives."""
        if key is None:
            return "vague"
        for s in c.saved:
            if s.var == key:
                return ("saved", s.lo, s.hi, s.known, s.src)
        if key[0][0] == "p":
            return ("param", "restore", key)
        return "vague"

    # -- edges -------------------------------------------------------------------------
    def edge(self, edge, state):
        if not state or edge.kind not in (EdgeKind.TRUE, EdgeKind.FALSE) or edge.cond is None:
            return state
        truth = edge.kind == EdgeKind.TRUE
        cond = edge.cond
        got = self._derived.get(("edge", id(cond)))
        if got is None or got[0] is not cond:
            irql = self._irql_test(cond)
            got = self._derived[("edge", id(cond))] = (
                cond, (irql, self._cond_key(cond) if irql is None else None))
        irql, ck = got[1]
        if irql is not None:
            op, level = irql
            out = []
            for c in state:
                lo, hi = _refine(c.lo, c.hi, op, level, truth)
                if lo > hi:
                    continue
                if (lo, hi) != (c.lo, c.hi):
                    c = c._replace(lo=lo, hi=hi, src="guard" if c.src == "entry" else c.src)
                out.append(c)
            return _merge(out) if out else None
        if ck is None:
            return state
        key, invert = ck
        if invert:
            truth = not truth
        out = []
        for c in state:
            if (key, not truth) in c.conds:
                continue
            out.append(c._replace(conds=c.conds | {(key, truth)}))
        return _merge(out) if out else None

    def _cond_key(self, cond: Cursor) -> Optional[tuple]:
        cond = strip_casts(cond, self.kids)
        if cond is None:
            return None
        if cond.kind == K.BINARY_OPERATOR:
            op = binary_op(cond)
            if op not in (15, 16):  # == !=
                return None
            kids = self.kids(cond)
            if len(kids) != 2:
                return None
            value = evaluate_int(kids[1])
            key = self.key_of(kids[0])
            if value is None or key is None:
                return None
            return ((key, "==", value), op == 16)
        key = self.key_of(cond)
        return ((key,), False) if key is not None else None

    def _irql_test(self, cond: Cursor) -> Optional[tuple[int, int]]:
        """``KeGetCurrentIrql() <op> CONST`` (or a variable assigned from it): (op, level)."""
        cond = strip_casts(cond, self.kids)
        if cond is None or cond.kind != K.BINARY_OPERATOR:
            return None
        op = binary_op(cond)
        if op not in (11, 12, 13, 14, 15, 16):
            return None
        kids = self.kids(cond)
        if len(kids) != 2:
            return None
        a, b = kids
        if self._is_current_irql(a):
            level = evaluate_int(b)
            return (op, level) if level is not None else None
        if self._is_current_irql(b):
            level = evaluate_int(a)
            flip = {11: 12, 12: 11, 13: 14, 14: 13, 15: 15, 16: 16}[op]
            return (flip, level) if level is not None else None
        return None

    def _is_current_irql(self, expr: Cursor) -> bool:
        expr = strip_casts(expr, self.kids)
        if expr is None:
            return False
        if expr.kind == K.CALL_EXPR:
            call = self.fn.call_of(expr)
            return call is not None and call.name == "KeGetCurrentIrql"
        if expr.kind == K.DECL_REF_EXPR and expr.referenced is not None:
            return expr.referenced.hash in self.irql_vars()
        return False

    def irql_vars(self) -> set:
        """Locals only ever assigned from KeGetCurrentIrql()."""
        if self._irql_vars is None:
            scan = self.fn.callgraph.scan(self.fn.name) if self.fn.name in self.fn.callgraph.functions else None
            good, bad = set(), set()
            if scan is not None:
                pairs = [(v, i) for v, i in scan.inits] + [(lhs, rhs) for _, lhs, rhs in scan.assignments]
                for target, value in pairs:
                    if target.kind != K.VAR_DECL:
                        target = strip_casts(target, self.kids)
                        target = target.referenced if target is not None and target.kind == K.DECL_REF_EXPR else None
                    if target is None:
                        continue
                    v = strip_casts(value, self.kids)
                    ok = v is not None and v.kind == K.CALL_EXPR and (self.fn.call_of(v) or Call(v, "", [])).name == "KeGetCurrentIrql"
                    (good if ok else bad).add(target.hash)
            self._irql_vars = good - bad
        return self._irql_vars


def _refine(lo: int, hi: int, op: int, level: int, truth: bool) -> tuple[int, int]:
    if not truth:
        op = {11: 14, 12: 13, 13: 12, 14: 11, 15: 16, 16: 15}[op]
    if op == 11:  # <
        hi = min(hi, level - 1)
    elif op == 12:  # >
        lo = max(lo, level + 1)
    elif op == 13:  # <=
        hi = min(hi, level)
    elif op == 14:  # >=
        lo = max(lo, level)
    elif op == 15:
        lo, hi = max(lo, level), min(hi, level)
    return lo, hi


# -- release matching (shared by the transfer and the lock rules) --------------------------
@dataclass
class ReleaseInfo:
    lock: Optional[tuple] = None  # the lock released (None: a KeLowerIrql, or not known)
    held: Optional[Held] = None  # the matching held entry on this path
    restore: object = None  # see IrqlFlow._restore
    saved: Optional[Saved] = None  # the saved IRQL the release restores
    saved_var: Optional[tuple] = None  # the key of the IRQL argument
    released_at: Optional[int] = None  # already released on this path at this site
    kind: Optional[str] = None  # the release routine's kind
    guessed: bool = False  # the lock expression was not understood; matched by kind
    handle_release: Optional[tuple] = None  # ("H", handle key): a parameter's queued handle


def release_info(flow: IrqlFlow, call: Call, c: Ctx) -> ReleaseInfo:
    act = L.ACTIONS[call.name]
    info = ReleaseInfo(kind=act.kind)
    if act.op == "release":
        if act.kind == L.CANCEL:
            info.lock = L.CANCEL_KEY
        elif act.handle is not None:
            handle = L.lock_key(flow.key_of(call.arg(act.handle)))
            h = next((h for h in c.held if h.handle is not None and h.handle == handle), None)
            if h is not None:
                info.lock, info.held = h.key, h
            else:
                info.lock = None
        else:
            info.lock = L.lock_key(flow.key_of(call.arg(act.lock)))
        if info.held is None and info.lock is not None:
            info.held = next((h for h in c.held if h.key == info.lock), None)
        if info.held is None and info.lock is None and act.handle is None:
            same = [h for h in c.held if h.kind in (act.kind, L.DPC_VARIANT.get(act.kind))]
            if len(same) == 1:
                info.held, info.lock, info.guessed = same[0], same[0].key, True
        if info.held is None and info.lock is not None:
            info.released_at = next((r[1] for r in c.released if r[0] == info.lock), None)
    # the IRQL it goes back to
    if act.restore == "lock":
        if info.held is not None and info.held.saved is not None:
            info.restore = ("saved",) + tuple(info.held.saved)
        elif act.handle is not None:
            handle = L.lock_key(flow.key_of(call.arg(act.handle)))
            info.restore = ("param", "restore-handle", handle) \
                if handle is not None and handle[0][0] == "p" else "vague"
            if info.held is None and handle is not None and handle[0][0] == "p":
                info.handle_release = ("H",) + handle
        else:
            lock = info.lock
            info.restore = ("param", "restore-lock", lock) \
                if lock is not None and lock[0][0] == "p" else "vague"
    elif isinstance(act.restore, int):
        arg = call.arg(act.restore)
        value = evaluate_int(arg) if arg is not None else None
        key = flow.key_of(arg) if arg is not None else None
        info.saved_var = key
        saved = next((s for s in c.saved if s.var == key), None) if key is not None else None
        if saved is not None:
            info.saved = saved
            info.restore = ("saved", saved.lo, saved.hi, saved.known, saved.src)
        elif value is not None:
            info.restore = ("const", value)
        else:
            info.restore = flow._restore_from(c, key)
    return info


# -- summaries ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Summary:
    """What a helper does to its caller's IRQL and locks, and what IRQL it needs."""

    #: distinct exit effects: (irql, acquired ((key, kind), ...), released (key, ...), saved
    #: (key, ...): where the entry IRQL was stored); irql is 'same' | ('set', lo, hi, known) |
    #: ('restore' | 'restore-lock' | 'restore-handle', key) | 'vague'
    deltas: tuple = ()
    needs_hi: Optional[tuple] = None  # (level, why, via steps) the entry IRQL must not exceed
    needs_lo: Optional[tuple] = None  # (level, why, via steps) the entry IRQL must reach
    pageable: Optional[tuple] = None  # (line, why)
    completes_irp: Optional[Cursor] = None  # IoCompleteRequest at the entry IRQL


def _exit_delta(c: Ctx) -> tuple:
    if c.src in ("entry", "guard"):
        irql = "same"
    elif isinstance(c.src, tuple):
        irql = c.src
    elif c.src == "abs" and c.known:
        irql = ("set", c.lo, c.hi, True)
    else:
        irql = "vague"
    acquired = tuple(sorted(((h.key, h.kind) for h in c.held if h.site != 0 and h.key[0][0] != "l"),
                            key=repr))
    released = tuple(sorted((r[0] for r in c.released
                             if (r[0][0] == "H" and r[0][1][0] == "p")
                             or (r[0][0] != "H" and r[0][0][0] in ("p", "g", "cancel"))), key=repr))
    saved = tuple(sorted((s.var for s in c.saved if s.src == "entry" and not s.consumed
                          and s.var[0][0] in ("p", "g")), key=repr))
    return (irql, acquired, released, saved)


class IrqlSummary(SummaryAnalysis):
    """Bottom-up :class:`Summary` of each definition of the file."""

    def assume(self, name):
        return Summary()

    def compute(self, fn, table):
        model = file_model(fn)
        flow = IrqlFlow(fn, UNKNOWN, table, tag="summary")
        if fn.callgraph.is_recursive(fn.name):
            sol = solve(fn.cfg, flow)
        else:
            sol = fn.solve(IrqlFlow(fn, UNKNOWN, None, tag="seed"))
            flow = sol.analysis
        deltas = tuple(sorted({_exit_delta(c) for c in sol.at_exit}, key=repr))
        needs_hi = needs_lo = None
        completes = None
        for call in fn.calls:
            before = sol.before(call.cursor)
            if not before:
                continue
            at_entry = [c for c in before if c.src == "entry"]
            if not at_entry:
                continue
            if call.name in ("IoCompleteRequest",) and completes is None:
                completes = call.cursor
            if call.name in LOCK_ROUTINES or call.name == "PAGED_CODE":
                continue
            if call.name in fn.callgraph.functions:
                s = table.of(call.name)
                req = None
                if s is not None and (s.needs_hi or s.needs_lo):
                    req = Requirement(s.needs_hi[0] if s.needs_hi else HIGH,
                                      s.needs_lo[0] if s.needs_lo else PASSIVE,
                                      (s.needs_hi or s.needs_lo)[1], (s.needs_hi or s.needs_lo)[2])
            else:
                req = api_requirement(call, fn)
            if req is None or not req.limits:
                continue
            step = ((call.cursor, f"'{fn.name}' calls '{call.name}'"),)
            if req.hi < HIGH and (needs_hi is None or req.hi < needs_hi[0]):
                needs_hi = (req.hi, req.why or f"'{call.name}'", step + tuple(req.via))
            if req.lo > PASSIVE and (needs_lo is None or req.lo > needs_lo[0]):
                needs_lo = (req.lo, req.why or f"'{call.name}'", step + tuple(req.via))
        return Summary(deltas, needs_hi, needs_lo, model.pageable(fn.name), completes)


# -- queries --------------------------------------------------------------------------------
def seeded_flow(fn: "FunctionFacts") -> IrqlFlow:
    return IrqlFlow(fn, file_model(fn).entry(fn))


def solution(fn: "FunctionFacts"):
    """The IRQL solution of ``fn`` from its seeded entry (cached per file)."""
    return fn.solve(seeded_flow(fn))


def contexts_before(fn: "FunctionFacts", call, depth: int = 0) -> frozenset:
    """The contexts just before ``call`` (a Call or cursor) from the seeded entry."""
    cursor = call.cursor if isinstance(call, Call) else call
    return solution(fn).before(cursor) or frozenset()


@dataclass(frozen=True)
class IrqlRange:
    lo: int
    hi: int
    certain: bool  # False: from an unknown entry (the range is a guess)

    def must_above(self, level: int) -> bool:
        return self.lo > level

    def may_above(self, level: int) -> bool:
        return self.hi > level

    def __str__(self) -> str:
        return _range_text(self.lo, self.hi)


@dataclass(frozen=True)
class HeldLock:
    text: str
    kind: str
    acquired: Optional[Cursor]


def entry_irql(fn: "FunctionFacts") -> Optional[IrqlRange]:
    e = file_model(fn).entry(fn)
    return IrqlRange(e.lo, e.hi, True) if e.known else None


def irql_at(fn: "FunctionFacts", call) -> Optional[IrqlRange]:
    """The IRQL just before ``call`` in ``fn`` (see the module docstring)."""
    model = file_model(fn)
    entry = model.entry(fn)
    if not entry.known and fn.name in fn.callgraph.functions:
        entry = model.caller_entry(fn.name)
    cursor = call.cursor if isinstance(call, Call) else call
    ctxs = fn.solve(IrqlFlow(fn, entry)).before(cursor)
    if not ctxs:
        return None
    return IrqlRange(min(c.lo for c in ctxs), max(c.hi for c in ctxs), all(c.known for c in ctxs))


def locks_held_at(fn: "FunctionFacts", call) -> list[HeldLock]:
    """Locks held on every path to ``call``."""
    ctxs = contexts_before(fn, call)
    if not ctxs:
        return []
    common = frozenset.intersection(*(frozenset((h.key, h.kind) for h in c.held) for c in ctxs))
    model = file_model(fn)
    out = []
    for key, kind in sorted(common, key=repr):
        site = next(h.site for c in ctxs for h in c.held if h.key == key)
        out.append(HeldLock(L.render(key), kind, model.sites.get(site)))
    return out


def is_pageable(fn: "FunctionFacts") -> Optional[tuple[int, str]]:
    return file_model(fn).pageable(fn.name)


def requirement(fn: "FunctionFacts", call: Call) -> Requirement:
    return file_model(fn).requirement(fn, call)


# -- explanations (for messages and SARIF code flows) ---------------------------------------
def why_raised(fn: "FunctionFacts", c: Ctx) -> str:
    """Why the IRQL is what it is in context ``c``: the role, the raise, or the lock."""
    model = file_model(fn)
    if c.src in ("entry", "guard") or not c.origin:
        entry = model.entry(fn)
        if entry.why:
            return entry.why[0][2]
        return f"'{fn.name}' is entered at {_range_text(c.lo, c.hi)}"
    cursor = model.sites.get(c.origin)
    if cursor is None:
        return ""
    name = fn.call_of(cursor).name if fn.call_of(cursor) else cursor.spelling
    held = [h for h in c.held if h.site == c.origin]
    what = f"{held[0].kind} '{L.render(held[0].key)}' acquired" if held else f"'{name}' raises the IRQL"
    return f"{what} at line {cursor.location.line}"


def origin_cursor(fn: "FunctionFacts", c: Ctx) -> Optional[Cursor]:
    return file_model(fn).sites.get(c.origin) if c.origin else None


def code_flow(fn: "FunctionFacts", c: Ctx, target: Cursor, span_of, target_text: str,
              via: tuple = (), start: Optional[Cursor] = None, start_text: str = "") -> list:
    """SARIF code-flow steps: the role evidence or the raise (or ``start`` with ``start_text``),
    the branches taken from there, the call, then ``via`` (cursor, text) steps into helpers.
    ``span_of(cursor)`` gives a Span."""
    from kdlint.results import Span, Step

    steps = []
    start_block = None
    origin = origin_cursor(fn, c) if c.src not in ("entry", "guard") else None
    if start is not None:
        origin = start
    if origin is not None:
        steps.append(Step(span_of(origin), start_text or why_raised(fn, c)))
        start_block = fn.cfg.block_of(origin)
    else:
        for path, line, text in file_model(fn).entry(fn).why[:2]:
            steps.append(Step(Span(path, line, 1, line, 1), text))
    target_block = fn.cfg.block_of(target)
    if target_block is not None:
        for e in fn.cfg.path(target_block, start_block)[:20]:
            if e.kind in (EdgeKind.TRUE, EdgeKind.FALSE) and e.cond is not None:
                steps.append(Step(span_of(e.cond), f"condition is {e.kind.value}"))
            elif e.kind in (EdgeKind.CASE, EdgeKind.DEFAULT) and e.label is not None:
                steps.append(Step(span_of(e.label), "switch case taken"))
    steps.append(Step(span_of(target), target_text))
    for cursor, text in via[:10]:
        steps.append(Step(span_of(cursor), text))
    return steps


def saved_into(fn: "FunctionFacts", call: Call) -> Optional[tuple]:
    """The variable a raise/acquire's old IRQL is stored in (``old = KeRaise...()``,
    ``KeAcquireSpinLock(&l, &old)``), as an access path; None when not stored."""
    act = L.ACTIONS.get(call.name)
    if act is None or act.op not in ("acquire", "raise"):
        return None
    flow = seeded_flow(fn)
    if isinstance(act.save, tuple):
        return L.lock_key(flow.key_of(call.arg(act.save[1])))
    if act.save == "return":
        if act.alt_save is not None and len(call.args) > act.alt_save:
            return L.lock_key(flow.key_of(call.arg(act.alt_save)))
        cg = fn.callgraph
        scan = cg.scan(fn.name)
        for _, lhs, rhs in scan.assignments:
            r = strip_casts(rhs, cg.children)
            if r is not None and r.kind == K.CALL_EXPR and r.hash == call.cursor.hash:
                return flow.key_of(lhs)
        for var, init in scan.inits:
            r = strip_casts(init, cg.children)
            if r is not None and r.kind == K.CALL_EXPR and r.hash == call.cursor.hash:
                return L.local_key(var)
    return None


def exits(fn: "FunctionFacts") -> list:
    """``[(last node or None, contexts)]`` for each way ``fn`` returns normally (the return
    statement, or None when control falls off the end)."""
    sol = solution(fn)
    out = []
    for e in fn.cfg.exit.preds:
        if e.kind == EdgeKind.NORETURN or not sol.reached[e.src.id]:
            continue
        ctxs = sol.analysis.edge(e, sol.state_out[e.src.id])
        if ctxs:
            out.append((e.src.nodes[-1] if e.src.nodes else None, ctxs))
    return out
