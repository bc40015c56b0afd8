"""Event objects: which KEVENT (or other dispatcher object) an expression names, where it lives,
and what the event routines do to it.

The rules of the event family (KD1xx) ask this module; it answers from the access paths of
:mod:`kdlint.model.values`, the processor modes of :mod:`kdlint.model.modes`, and, for state along
paths, the dataflow of :mod:`kdlint.model.event_state`.

**Objects.** :func:`EventModel.ref` turns an argument such as ``&ctx.Event``, ``pEvent``,
``&Ext->StopEvent`` or ``(PVOID)&GlobalEvent`` into an :class:`EventRef`:

- ``path``: the object's canonical access path. A local pointer assigned only ``&x`` (or
  ``&x.f``) anywhere in the function is looked through: ``p->Event`` becomes ``x.Event``.
- ``storage`` (:class:`Storage`): ``STACK`` (a local, a field of a local struct, an element of
  a local array), ``GLOBAL`` / ``PAGED_GLOBAL`` (a global or function-static; paged when it is
  declared inside ``#pragma data_seg("PAGE...")`` / ``bss_seg`` or with
  ``__declspec(allocate("PAGE..."))``), ``NONPAGED_POOL`` / ``PAGED_POOL`` (through a local
  pointer whose every assignment is an ``ExAllocatePool*`` / ``ExAllocatePool2/3`` /
  lookaside allocation of that kind; the pool type or ``POOL_FLAG_PAGED`` must be a constant),
  ``DEVICE_EXTENSION`` (through ``DeviceObject->DeviceExtension``, directly or via a local
  pointer assigned from it), else ``UNKNOWN``.
- ``key``: the identity across the functions of the file, for events that outlive a call:
  ``("field", record, field)`` for a struct field (an event initialised in AddDevice and waited
  on in a dispatch routine share it), ``("global", usr)`` for a global. Locals have none.

**Operations.** :meth:`EventModel.ops` lists the event operations of a function
(:class:`EventOp`: ``init``, ``set``, ``pulse``, ``clear``, ``reset``, ``read``, ``wait``), with
the wait's mode (:class:`~kdlint.model.modes.Mode`), reason and timeout. Waits on several
objects (``KeWaitForMultipleObjects``) resolve the array: a local array whose elements are
assigned (or initialised with) event addresses.

**Hand-offs.** An event whose address goes to the I/O manager or other code is *signaled
elsewhere*: the ``Event`` argument of ``IoBuildDeviceIoControlRequest`` /
``IoBuildSynchronousFsdRequest``, the context of ``IoSetCompletionRoutine[Ex]`` and of
``PsCreateSystemThread`` / work items / DPCs, events returned by ``IoCreateNotificationEvent`` /
``IoCreateSynchronizationEvent`` or referenced through ``ObReferenceObjectByHandle``, and any
address passed to a routine the model does not know or stored into memory.
:meth:`FileEvents.signaled_elsewhere` answers for a key over the whole file.

The model is built lazily and cached on the file's call graph, once per file.
"""
from __future__ import annotations

import enum
import os
import re
from dataclasses import dataclass, field
from typing import Optional

from clang.cindex import Cursor, CursorKind as K, TypeKind

from kdlint.cursors import Call, constant_value, strip_casts
from kdlint.flow.cfg import BO_ASSIGN, UO_ADDROF, binary_op, children, unary_op
from kdlint.model.modes import Mode, mode_of
from kdlint.model.values import AccessPath, RootKind, path_of, root_decl, root_kind
from kdlint.source import as_utf8, file_text


class Storage(str, enum.Enum):
    STACK = "stack"
    GLOBAL = "global"
    PAGED_GLOBAL = "pageable data section"
    NONPAGED_POOL = "non-paged pool"
    PAGED_POOL = "paged pool"
    DEVICE_EXTENSION = "device extension"
    UNKNOWN = "unknown"

    @property
    def pageable(self) -> bool:
        return self in (Storage.PAGED_POOL, Storage.PAGED_GLOBAL)


#: Event routine → (operation, index of the event argument).
EVENT_ROUTINES = {
    "KeInitializeEvent": ("init", 0),
    "KeSetEvent": ("set", 0),
    "KePulseEvent": ("pulse", 0),
    "KeClearEvent": ("clear", 0),
    "KeResetEvent": ("reset", 0),
    "KeReadStateEvent": ("read", 0),
    "KeWaitForSingleObject": ("wait", 0),
    "KeWaitForMutexObject": ("wait", 0),
    "KeWaitForMultipleObjects": ("wait", 1),
}

#: Wait routines → argument indexes of (reason, mode, alertable, timeout).
WAITS = {
    "KeWaitForSingleObject": (1, 2, 3, 4),
    "KeWaitForMutexObject": (1, 2, 3, 4),
    "KeWaitForMultipleObjects": (3, 4, 5, 6),
}

#: Routines that take an event (or a context holding one) and signal it later: name → argument.
HANDOFFS = {
    "IoBuildDeviceIoControlRequest": 7,
    "IoBuildSynchronousFsdRequest": 5,
    "IoSetCompletionRoutine": 2,
    "IoSetCompletionRoutineEx": 3,
    "PsCreateSystemThread": 6,
    "IoCreateSystemThread": 7,
    "IoQueueWorkItem": 3,
    "IoQueueWorkItemEx": 3,
    "ExInitializeWorkItem": 2,
    "KeInitializeDpc": 2,
    "KeInsertQueueDpc": 1,
}

#: Routines that return an event someone else signals (a named event, a referenced handle).
SHARED_EVENT_SOURCES = frozenset({"IoCreateNotificationEvent", "IoCreateSynchronizationEvent"})
REFERENCE_BY_HANDLE = {"ObReferenceObjectByHandle": 5, "ObReferenceObjectByHandleWithTag": 6}

#: Routines that neither keep nor signal the address they are given.
INERT = frozenset({"RtlZeroMemory", "memset", "RtlFillMemory", "RtlSecureZeroMemory",
                   "KeReadStateEvent", "DbgPrint", "DbgPrintEx", "KdPrint", "KdPrintEx"})

#: Allocators: name → (index of the pool type / flags argument, "type" or "flags").
ALLOCATORS = {
    "ExAllocatePool": (0, "type"), "ExAllocatePoolWithTag": (0, "type"),
    "ExAllocatePoolWithQuota": (0, "type"), "ExAllocatePoolWithQuotaTag": (0, "type"),
    "ExAllocatePoolWithTagPriority": (0, "type"), "ExAllocatePoolZero": (0, "type"),
    "ExAllocatePoolUninitialized": (0, "type"), "ExAllocatePoolQuotaZero": (0, "type"),
    "ExAllocatePoolPriorityZero": (0, "type"), "ExAllocatePool2": (0, "flags"),
    "ExAllocatePool3": (0, "flags"),
}
LOOKASIDE = {"ExAllocateFromNPagedLookasideList": Storage.NONPAGED_POOL,
             "ExAllocateFromPagedLookasideList": Storage.PAGED_POOL,
             "ExAllocateFromLookasideListEx": Storage.UNKNOWN}
POOL_FLAG_PAGED = 0x100
POOL_FLAG_NON_PAGED = 0x40 | 0x80


def pool_storage(call: Call) -> Storage:
    """Where an allocation call's memory comes from."""
    if call.name in LOOKASIDE:
        return LOOKASIDE[call.name]
    index, how = ALLOCATORS[call.name]
    value = constant_value(strip_casts(call.arg(index), children))
    if value is None:
        return Storage.UNKNOWN
    if how == "flags":
        if value & POOL_FLAG_PAGED:
            return Storage.PAGED_POOL
        return Storage.NONPAGED_POOL if value & POOL_FLAG_NON_PAGED else Storage.UNKNOWN
    # POOL_TYPE: PagedPool (1), PagedPoolCacheAligned (5), PagedPoolSession (33) ... are odd;
    # 3 is DontUseThisType. Bits 8 and 16 are quota/raise flags.
    base = value & ~(8 | 16)
    if base & 1 and base & 3 != 3:
        return Storage.PAGED_POOL
    return Storage.NONPAGED_POOL


def is_allocation(call: Call) -> bool:
    return call.name in ALLOCATORS or call.name in LOOKASIDE


@dataclass(frozen=True)
class Origin:
    """What a local pointer variable holds, when every assignment to it agrees."""

    kind: str                       # "address" | "pool" | "devext" | "shared"
    storage: Storage = Storage.UNKNOWN
    target: Optional[AccessPath] = None   # "address": the object pointed to
    where: Optional[Cursor] = None  # the assignment's value (allocation call, &x ...)


@dataclass(frozen=True)
class EventRef:
    """One object named by an expression."""

    path: AccessPath
    storage: Storage
    key: Optional[tuple] = None        # identity across the file's functions (fields, globals)
    family: Optional[tuple] = None     # the same for every object: (record, field) also of locals
    decl: Optional[Cursor] = None      # the root declaration
    origin: Optional[Origin] = None    # the pointer's origin, when the path went through one
    text: str = ""

    @property
    def local(self) -> bool:
        return self.storage == Storage.STACK


@dataclass
class EventOp:
    """An event routine call on one object."""

    call: Call
    kind: str                     # init | set | pulse | clear | reset | read | wait
    refs: list                    # [EventRef]; several for KeWaitForMultipleObjects
    mode: Mode = Mode.UNKNOWN     # waits: the WaitMode
    unbounded: bool = False       # waits: Timeout is NULL
    event_type: Optional[int] = None  # init: 0 notification, 1 synchronization, None unknown
    initial_state: Optional[int] = None  # init: 0/1, None unknown

    @property
    def cursor(self) -> Cursor:
        return self.call.cursor


_PAGED_SECTION = re.compile(r'#\s*pragma\s+(data_seg|bss_seg|const_seg)\s*\(\s*(?:push\s*,\s*)?'
                            r'(?:"([^"]*)")?')
_ALLOCATE = re.compile(r'__declspec\s*\(\s*allocate\s*\(\s*"([^"]*)"')


def _paged_lines(path: str) -> set:
    """Lines of a file inside a pageable data section (``#pragma data_seg("PAGE...")`` up to the
    next ``data_seg``), plus lines with ``__declspec(allocate("PAGE..."))``."""
    text = file_text(path)
    if text is None:
        return set()
    lines = as_utf8(text).splitlines()
    out = set()
    paged = {"data_seg": False, "bss_seg": False, "const_seg": False}
    for number, line in enumerate(lines, start=1):
        m = _PAGED_SECTION.search(line)
        if m:
            name = m.group(2) or ""
            paged[m.group(1)] = name.upper().startswith("PAGE")
            continue
        a = _ALLOCATE.search(line)
        if any(paged.values()) or (a and a.group(1).upper().startswith("PAGE")):
            out.add(number)
    return out


def _is_null(expr: Optional[Cursor]) -> bool:
    expr = strip_casts(expr, children)
    if expr is None:
        return True
    if expr.kind == K.GNU_NULL_EXPR or expr.kind == K.CXX_NULL_PTR_LITERAL_EXPR:
        return True
    return expr.kind == K.INTEGER_LITERAL and constant_value(expr) == 0


def _record_of_field(member: Cursor) -> Optional[str]:
    decl = member.referenced
    if decl is None or decl.kind != K.FIELD_DECL:
        return None
    parent = decl.semantic_parent
    if parent is None:
        return None
    return parent.get_usr() or parent.type.spelling or parent.spelling


def identity(expr: Optional[Cursor]) -> Optional[tuple]:
    """The file-wide identity of the object ``expr`` (or ``&expr``) names: ``("field", record,
    field)`` or ``("global", usr)``; None for locals and what has no name."""
    e = strip_casts(expr, children)
    if e is not None and e.kind == K.UNARY_OPERATOR and unary_op(e) == UO_ADDROF:
        kids = children(e)
        e = strip_casts(kids[0], children) if kids else None
    if e is None:
        return None
    if e.kind == K.MEMBER_REF_EXPR:
        record = _record_of_field(e)
        return ("field", record, e.spelling) if record else None
    if e.kind == K.DECL_REF_EXPR:
        decl = e.referenced
        if decl is not None and root_kind(decl) in (RootKind.GLOBAL, RootKind.STATIC_LOCAL):
            return ("global", decl.get_usr() or decl.spelling)
    if e.kind == K.ARRAY_SUBSCRIPT_EXPR:
        kids = children(e)
        return identity(kids[0]) if kids else None
    return None


def _address_paths(expr: Optional[Cursor]) -> list:
    """Access paths of the objects whose address ``expr`` carries: ``&x``, ``&x.f``, ``p``
    (a pointer local: its pointee), inside casts, ``?:`` and commas."""
    expr = strip_casts(expr, children)
    if expr is None:
        return []
    if expr.kind == K.CONDITIONAL_OPERATOR:
        kids = children(expr)
        return [p for k in kids[1:] for p in _address_paths(k)]
    p = path_of(expr)
    if p is None:
        return []
    if p.address_of:
        return [p.object()]
    t = expr.type.get_canonical()
    if t.kind in (TypeKind.POINTER, TypeKind.CONSTANTARRAY, TypeKind.INCOMPLETEARRAY):
        if t.kind == TypeKind.POINTER:
            return [p.deref()]
        return [p]  # an array decays to its own storage
    return []


#: Unary operators that change their operand or let it be changed: ++, --, & (address).
_CHANGING_UNARY = frozenset({1, 2, 3, 4, UO_ADDROF})


class FunctionEvents:
    """The event objects and operations of one function."""

    def __init__(self, fn, model: "FileEvents"):
        self.fn = fn
        self.model = model
        self._origins: Optional[dict] = None
        self._ops: Optional[list] = None
        self._array_values: Optional[dict] = None
        self._escaped_pointers: set = set()
        self._known: Optional[dict] = None

    # -- pointer origins -----------------------------------------------------------------
    def _scan(self) -> None:
        values: dict = {}
        arrays: dict = {}
        scan = self.fn.callgraph.scan(self.fn.name)
        for decl, init in scan.inits:
            values.setdefault(decl, []).append(init)
            init = strip_casts(init, children)
            if init is not None and init.kind == K.INIT_LIST_EXPR:
                for i, el in enumerate(children(init)):
                    arrays.setdefault((decl.get_usr(), i), []).append(el)
        for _, lhs, rhs in scan.assignments:
            lhs_s = strip_casts(lhs, children)
            if lhs_s is not None and lhs_s.kind == K.DECL_REF_EXPR:
                values.setdefault(lhs_s.referenced, []).append(rhs)
                continue
            lp = path_of(lhs)
            if lp is not None and len(lp.steps) == 1 and not lp.address_of:
                step = lp.steps[0]
                index = 0 if step == "*" else int(step[1:-1]) if step.startswith("[") else None
                if index is not None:
                    arrays.setdefault((lp.root, index), []).append(rhs)
        # locals whose address is taken (&p) may be written anywhere
        for c in self.fn.calls:
            for a in c.args:
                a_s = strip_casts(a, children)
                if a_s is not None and a_s.kind == K.UNARY_OPERATOR and unary_op(a_s) == UO_ADDROF:
                    inner = strip_casts(children(a_s)[0], children) if children(a_s) else None
                    if inner is not None and inner.kind == K.DECL_REF_EXPR:
                        self._escaped_pointers.add(inner.referenced)
        self._origins = {}
        self._targets = {}
        for decl, vals in values.items():
            if decl is not None and decl.type.get_canonical().kind == TypeKind.POINTER:
                for v in vals:
                    o = self._origin_of(v)
                    if o is not None and o.kind == "address":
                        self._targets.setdefault(decl.get_usr(), []).append(o.target)
            if decl is None or root_kind(decl) != RootKind.LOCAL:
                continue
            if decl.type.get_canonical().kind != TypeKind.POINTER or decl in self._escaped_pointers:
                continue
            origins = {self._origin_of(v) for v in vals}
            if len(origins) == 1:
                o = origins.pop()
                if o is not None:
                    self._origins[decl.get_usr()] = o
            elif origins and None not in origins:
                kinds = {(o.kind, o.storage) for o in origins}
                if len(kinds) == 1 and next(iter(kinds))[0] in ("pool", "devext"):
                    o = next(iter(origins))
                    self._origins[decl.get_usr()] = Origin(o.kind, o.storage)
        self._array_values = arrays

    def _origin_of(self, value: Optional[Cursor]) -> Optional[Origin]:
        v = strip_casts(value, children)
        if v is None:
            return None
        if v.kind == K.CALL_EXPR:
            call = self.fn.call_of(v)
            if call is not None and is_allocation(call):
                return Origin("pool", pool_storage(call), where=v)
            if call is not None and call.name in SHARED_EVENT_SOURCES:
                return Origin("shared", where=v)
            return None
        if v.kind == K.MEMBER_REF_EXPR and v.spelling == "DeviceExtension":
            return Origin("devext", Storage.DEVICE_EXTENSION, where=v)
        p = path_of(v)
        if p is not None and p.address_of:
            return Origin("address", target=p.object(), where=v)
        return None

    def origin(self, decl: Optional[Cursor]) -> Optional[Origin]:
        """What local pointer ``decl`` points to, when all its assignments agree."""
        if self._origins is None:
            self._scan()
        return self._origins.get(decl.get_usr()) if decl is not None else None

    def targets(self, root: str) -> list:
        """Every object whose address is assigned to local pointer ``root`` somewhere."""
        if self._origins is None:
            self._scan()
        return self._targets.get(root, [])

    def origin_by_root(self, root: str) -> Optional[Origin]:
        if self._origins is None:
            self._scan()
        return self._origins.get(root)

    # -- objects -------------------------------------------------------------------------
    def canonical(self, path: AccessPath, depth: int = 0) -> tuple[AccessPath, Optional[Origin]]:
        """Look through local pointers that only ever point at one named object."""
        if path.steps and path.steps[0] == "*" and depth < 4:
            o = self.origin_by_root(path.root)
            if o is not None and o.kind == "address" and o.target is not None:
                t = o.target
                moved = AccessPath(t.root, t.name, t.steps + path.steps[1:], path.address_of)
                inner, _ = self.canonical(moved, depth + 1)
                return inner, o
            return path, o
        return path, None

    def ref(self, expr: Optional[Cursor], pointer: bool = True) -> Optional[EventRef]:
        """The object ``expr`` points to (``pointer``: ``expr`` is its address, as for the event
        argument of the event routines) or names (``pointer=False``)."""
        p = path_of(expr)
        if p is None:
            return None
        if pointer:
            obj = p.object() if p.address_of else p.deref()
        else:
            obj = p.object()
        decl = root_decl(expr)
        canon, origin = self.canonical(obj)
        key = identity(expr) if p.address_of or not pointer else None
        if key is None and canon.steps and canon.steps[-1] not in ("*",) \
                and not canon.steps[-1].startswith("["):
            # p->Event with p a pointer: the member's record names it across functions
            e = strip_casts(expr, children)
            if e is not None and e.kind == K.UNARY_OPERATOR and unary_op(e) == UO_ADDROF:
                key = identity(e)
        if key is None and origin is not None and origin.kind == "address":
            key = identity(origin.where)
        if canon.root != obj.root:  # moved to the pointer's target
            decl = root_decl(origin.where) if origin is not None and origin.where is not None else None
        storage = self._storage(canon, decl, origin)
        family = key
        if storage == Storage.STACK:
            key = None  # a local is its own object; other instances of its type are others
        return EventRef(canon, storage, key, family, decl, origin, canon.text)

    def _storage(self, path: AccessPath, decl: Optional[Cursor], origin: Optional[Origin]) -> Storage:
        steps = path.steps
        if origin is not None and origin.kind in ("pool", "devext"):
            return origin.storage
        if origin is not None and origin.kind == "shared":
            return Storage.UNKNOWN
        if "*" not in steps:
            kind = self.model.root_kinds.get(path.root)
            if kind is None and decl is not None:
                kind = root_kind(decl)
                self.model.root_kinds[path.root] = kind
                if kind in (RootKind.GLOBAL, RootKind.STATIC_LOCAL):
                    self.model.root_lines[path.root] = (decl.location.file.name if decl.location.file
                                                        else "", decl.location.line)
            if kind == RootKind.LOCAL:
                return Storage.STACK
            if kind in (RootKind.GLOBAL, RootKind.STATIC_LOCAL):
                return Storage.PAGED_GLOBAL if self.model.in_paged_section(path.root) else Storage.GLOBAL
            return Storage.UNKNOWN
        # through a pointer: the device extension is the one place we can name
        first = steps.index("*")
        if first == 0:
            o = self.origin_by_root(path.root)
            if o is not None and o.kind in ("pool", "devext"):
                return o.storage
        for i in range(len(steps) - 1):
            if steps[i] == "DeviceExtension" and steps[i + 1] == "*":
                return Storage.DEVICE_EXTENSION
        return Storage.UNKNOWN

    # -- values of plain locals --------------------------------------------------------
    def known_value(self, expr: Optional[Cursor]) -> Optional[Cursor]:
        """For ``expr`` reading a local variable: the expression the variable always holds —
        every initialiser and ``=`` assignment of it in the function has the same constant
        value, and its address is never taken, nor is it incremented or compound-assigned.
        The first such expression is returned (``TRUE``, ``SynchronizationEvent``, ``2``),
        so callers can tell what was written; None when unknown."""
        e = strip_casts(expr, children)
        if e is None or e.kind != K.DECL_REF_EXPR:
            return None
        decl = e.referenced
        if decl is None or root_kind(decl) != RootKind.LOCAL:
            return None
        if self._known is None:
            self._known = self._scan_known()
        return self._known.get(decl.get_usr())

    def _scan_known(self) -> dict:
        scan = self.fn.callgraph.scan(self.fn.name)
        values: dict = {}
        for decl, init in scan.inits:
            values.setdefault(decl.get_usr(), []).append(init)
        for _, lhs, rhs in scan.assignments:
            lhs_s = strip_casts(lhs, children)
            if lhs_s is not None and lhs_s.kind == K.DECL_REF_EXPR and lhs_s.referenced is not None:
                values.setdefault(lhs_s.referenced.get_usr(), []).append(rhs)
        spoiled = set()
        tree = self.fn.callgraph.tree(self.fn.name)
        by_kind = self.fn.callgraph.scan(self.fn.name).by_kind
        for node in (n for kind in (K.COMPOUND_ASSIGNMENT_OPERATOR, K.UNARY_OPERATOR)
                     for n in by_kind.get(kind.value, ())):
            target = None
            if node.kind == K.COMPOUND_ASSIGNMENT_OPERATOR:
                kids = tree.children(node)
                target = kids[0] if kids else None
            elif node.kind == K.UNARY_OPERATOR and unary_op(node) in _CHANGING_UNARY:
                kids = tree.children(node)
                target = kids[0] if kids else None
            t = strip_casts(target, children)
            if t is not None and t.kind == K.DECL_REF_EXPR and t.referenced is not None:
                spoiled.add(t.referenced.get_usr())
        out = {}
        for usr, vals in values.items():
            if usr in spoiled:
                continue
            consts = {constant_value(strip_casts(v, children)) for v in vals}
            if len(consts) == 1 and None not in consts:
                out[usr] = vals[0]
        return out

    # -- operations ----------------------------------------------------------------------
    def array_elements(self, expr: Optional[Cursor]) -> Optional[list]:
        """The element values of a local array of object pointers (KeWaitForMultipleObjects)."""
        p = path_of(expr)
        if p is None or p.address_of or p.steps:
            return None
        decl = root_decl(expr)
        if decl is None or root_kind(decl) != RootKind.LOCAL:
            return None
        t = decl.type.get_canonical()
        if t.kind not in (TypeKind.CONSTANTARRAY, TypeKind.INCOMPLETEARRAY):
            return None
        if self._array_values is None:
            self._scan()
        out = []
        for (root, _index), vals in sorted(self._array_values.items(), key=lambda kv: str(kv[0])):
            if root in (p.root, decl.get_usr()):
                out.extend(vals)
        return out

    def array_elements_of(self, decl: Cursor) -> bool:
        t = decl.type.get_canonical()
        return t.kind in (TypeKind.CONSTANTARRAY, TypeKind.INCOMPLETEARRAY) \
            and t.element_type.get_canonical().kind == TypeKind.POINTER

    @property
    def ops(self) -> list:
        """Every event routine call of the function, in source order."""
        if self._ops is None:
            self._ops = [op for c in self.fn.calls for op in [self._op(c)] if op is not None]
        return self._ops

    def _op(self, call: Call) -> Optional[EventOp]:
        spec = EVENT_ROUTINES.get(call.name)
        if spec is None:
            return None
        kind, index = spec
        if call.name == "KeWaitForMultipleObjects":
            values = self.array_elements(call.arg(index))
            refs = [r for v in (values or []) for r in [self.ref(v)] if r is not None]
        else:
            r = self.ref(call.arg(index))
            refs = [r] if r is not None else []
        op = EventOp(call, kind, refs)
        fn_cursor = self.fn.cursor
        if kind == "wait":
            _reason, mode_i, _alert, timeout_i = WAITS[call.name]
            op.mode = mode_of(call.arg(mode_i), fn_cursor)
            op.unbounded = len(call.args) > timeout_i and _is_null(call.arg(timeout_i))
        elif kind == "init":
            op.event_type = constant_value(strip_casts(call.arg(1), children))
            op.initial_state = constant_value(strip_casts(call.arg(2), children))
            if op.event_type not in (0, 1):
                op.event_type = None
        return op

    def ops_on(self, ref: EventRef, *kinds: str) -> list:
        return [op for op in self.ops if (not kinds or op.kind in kinds)
                and any(same_object(ref, r) for r in op.refs)]


def same_object(a: EventRef, b: EventRef) -> bool:
    if a.path == b.path:
        return True
    return a.key is not None and a.key == b.key


@dataclass
class KeyFacts:
    """Everything the file does to one event identity (field or global)."""

    ops: list = field(default_factory=list)        # [(function name, EventOp)]
    handed_off: list = field(default_factory=list)  # [(function name, Call or None, why)]

    def kinds(self) -> set:
        return {op.kind for _, op in self.ops}


class FileEvents:
    """The event model of one file (cached on its call graph)."""

    def __init__(self, callgraph):
        self.cg = callgraph
        self._functions: dict = {}
        self._keys: Optional[dict] = None
        self._paged: dict = {}
        self.root_kinds: dict = {}
        self.root_lines: dict = {}

    def release(self) -> None:
        """Drop the functions' models (each refers back to this one)."""
        self._functions.clear()

    def function(self, fn) -> FunctionEvents:
        got = self._functions.get(fn.name)
        if got is None or got.fn is not fn and got.fn.cursor != fn.cursor:
            got = self._functions[fn.name] = FunctionEvents(fn, self)
        return got

    def in_paged_section(self, root: str) -> bool:
        where = self.root_lines.get(root)
        if where is None:
            return False
        path, line = where
        if path not in self._paged:
            self._paged[path] = _paged_lines(path)
        return line in self._paged[path]

    # -- file-wide facts by identity -----------------------------------------------------
    @property
    def keys(self) -> dict:
        if self._keys is None:
            self._index()
        return self._keys

    def _index(self) -> None:
        keys: dict = {}
        for name in self.cg.functions:
            fn = self.cg.facts(name)
            fe = self.function(fn)
            for op in fe.ops:
                for r in op.refs:
                    if r.family is not None:
                        keys.setdefault(r.family, KeyFacts()).ops.append((name, op))
            for call in fn.calls:
                if call.name in EVENT_ROUTINES and call.name != "KeWaitForMultipleObjects":
                    continue
                for a in call.args:
                    k = identity(a)
                    if k is not None and _takes_address(a):
                        keys.setdefault(k, KeyFacts()).handed_off.append((name, call, call.name))
            scan = self.cg.scan(name)
            for _, lhs, rhs in scan.assignments:
                k = identity(rhs)
                if k is not None and _takes_address(rhs):
                    keys.setdefault(k, KeyFacts()).handed_off.append((name, None, "stored"))
            for _, init in scan.inits:
                for el in _init_values(init):
                    k = identity(el)
                    if k is not None and _takes_address(el):
                        keys.setdefault(k, KeyFacts()).handed_off.append((name, None, "stored"))
        for _, s in self.cg.globals:
            for _, init in s.inits:
                for el in _init_values(init):
                    k = identity(el)
                    if k is not None and _takes_address(el):
                        keys.setdefault(k, KeyFacts()).handed_off.append((None, None, "stored"))
        self._keys = keys

    def facts(self, key: Optional[tuple]) -> Optional[KeyFacts]:
        return self.keys.get(key) if key is not None else None

    def signaled_elsewhere(self, ref: EventRef) -> bool:
        """Whether some code in the file (or outside it) may signal ``ref``: a KeSetEvent or
        KePulseEvent on it anywhere in the file, or its address handed to other code."""
        f = self.facts(ref.family)
        if f is None:
            return ref.family is not None
        return bool(f.handed_off) or bool(f.kinds() & {"set", "pulse"})

    def initialized_somewhere(self, key: tuple) -> bool:
        f = self.facts(key)
        return f is not None and ("init" in f.kinds() or bool(f.handed_off))

    def never_initialized(self, key: tuple) -> bool:
        """A field of a structure declared in this file, or a ``static`` global, that no code of
        the file initialises or hands to other code (which could initialise it)."""
        if not self.local_to_file(key):
            return False
        f = self.facts(key)
        return f is not None and not f.handed_off and "init" not in f.kinds()

    def local_to_file(self, key: tuple) -> bool:
        """Whether only this file can name ``key``: a record declared in the main file (not a
        header), or a ``static`` global."""
        decl = self.declaration(key)
        if decl is None or decl.location.file is None:
            return False
        if os.path.realpath(decl.location.file.name) != os.path.realpath(self.cg.tu.spelling):
            return False
        if key[0] == "global":
            from clang.cindex import StorageClass
            return decl.storage_class == StorageClass.STATIC
        return True

    def declaration(self, key: tuple):
        """The field's or global's declaration, from one of the operations on it."""
        f = self.facts(key)
        if f is None:
            return None
        for _, op in f.ops:
            for r in op.refs:
                if r.family == key:
                    e = _member_or_decl(op.call.arg(EVENT_ROUTINES[op.call.name][1]))
                    if e is not None:
                        return e
        return None

    def types_of(self, key: Optional[tuple]) -> set:
        """The EVENT_TYPE values (0, 1, None for unknown) this file initialises ``key`` with."""
        f = self.facts(key)
        if f is None:
            return set()
        return {op.event_type for _, op in f.ops if op.kind == "init"}


    def waited_by_thread(self, fn, ref: EventRef) -> Optional[tuple]:
        """For ``ref`` (a field or global) initialised in dispatch routine ``fn``: ``(wait op,
        its function, setup init op)`` when a system thread or work item of the file waits on
        the same object and DriverEntry or AddDevice already initialises it — the event is
        long-lived and may have a waiter whenever a request arrives. None when ``fn`` is not
        a dispatch routine, is also a setup routine, or itself starts a thread or work item
        (the waiter may only exist after this initialisation)."""
        from kdlint.model.driver import Role
        setup = {Role.DRIVER_ENTRY, Role.ADD_DEVICE}
        waiters = {Role.THREAD_START, Role.WORK_ITEM}
        roles = fn.roles
        if Role.DISPATCH not in roles or roles & setup or ref.key is None:
            return None
        if any(c.name in ("PsCreateSystemThread", "IoCreateSystemThread", "IoQueueWorkItem",
                          "IoQueueWorkItemEx", "ExQueueWorkItem") for c in fn.calls):
            return None
        f = self.facts(ref.key)
        if f is None:
            return None
        init = next((op for name, op in f.ops if op.kind == "init" and name != fn.name
                     and self.cg.facts(name).roles & setup), None)
        wait = next(((op, name) for name, op in f.ops if op.kind == "wait" and name != fn.name
                     and self.cg.facts(name).roles & waiters), None)
        if init is None or wait is None:
            return None
        return wait[0], wait[1], init


def _member_or_decl(expr: Optional[Cursor]) -> Optional[Cursor]:
    e = strip_casts(expr, children)
    if e is not None and e.kind == K.UNARY_OPERATOR and unary_op(e) == UO_ADDROF:
        kids = children(e)
        e = strip_casts(kids[0], children) if kids else None
    if e is None or e.kind not in (K.MEMBER_REF_EXPR, K.DECL_REF_EXPR):
        return None
    return e.referenced


def _takes_address(expr: Cursor) -> bool:
    e = strip_casts(expr, children)
    return e is not None and e.kind == K.UNARY_OPERATOR and unary_op(e) == UO_ADDROF


def _init_values(init: Cursor) -> list:
    init = strip_casts(init, children)
    if init is None:
        return []
    if init.kind == K.INIT_LIST_EXPR:
        return [v for c in children(init) for v in _init_values(c)]
    return [init]


def file_events(fn) -> FileEvents:
    """The event model of ``fn``'s file (one per call graph)."""
    cg = fn.callgraph
    return cg.model("events", lambda: FileEvents(cg))


def events_of(fn) -> FunctionEvents:
    """The event objects and operations of function ``fn`` (a FunctionFacts)."""
    return file_events(fn).function(fn)


def address_paths(expr: Optional[Cursor]) -> list:
    """Public form of :func:`_address_paths`, for the state analysis."""
    return _address_paths(expr)


def assignment_parts(node: Cursor) -> Optional[tuple]:
    """(lhs, rhs) of a plain assignment node, else None."""
    if node.kind == K.BINARY_OPERATOR and binary_op(node) == BO_ASSIGN:
        kids = children(node)
        if len(kids) == 2:
            return kids[0], kids[1]
    return None


# -- statement-level facts -------------------------------------------------------------------
_BODY_PARENTS = {K.COMPOUND_STMT, K.IF_STMT, K.WHILE_STMT, K.FOR_STMT, K.DO_STMT, K.CASE_STMT,
                 K.DEFAULT_STMT, K.LABEL_STMT}


def unused_calls(fn) -> set:
    """Call cursors of ``fn`` whose value is discarded: expression statements, also behind a
    ``(VOID)`` cast or parentheses."""
    cache = fn.callgraph.model("events.unused_calls", dict)
    got = cache.get(fn.name)
    if got is not None:
        return got
    tree = fn.callgraph.tree(fn.name)
    by_kind = fn.callgraph.scan(fn.name).by_kind
    out = set()
    for node in (n for kind in _BODY_PARENTS for n in by_kind.get(kind.value, ())):
        kids = tree.children(node)
        if node.kind == K.IF_STMT or node.kind == K.WHILE_STMT:
            kids = kids[1:]
        elif node.kind == K.DO_STMT:
            kids = kids[:1]
        elif node.kind == K.FOR_STMT:
            kids = kids[-1:]
        elif node.kind == K.CASE_STMT:
            kids = kids[1:]
        for k in kids:
            e = k
            while e is not None and e.kind in (K.CSTYLE_CAST_EXPR, K.PAREN_EXPR, K.UNEXPOSED_EXPR):
                sub = tree.children(e)
                if e.kind == K.CSTYLE_CAST_EXPR and e.type.kind != TypeKind.VOID:
                    break
                e = sub[-1] if sub else None
            if e is not None and e.kind == K.CALL_EXPR:
                out.add(e)
    cache[fn.name] = out
    return out


def escaped_paths(fn) -> list:
    """Canonical paths of the objects whose address leaves ``fn``'s own event operations:
    passed to any routine other than the event routines (as their event argument), stored
    into memory, put into an initializer, or handed off (:data:`HANDOFFS`)."""
    fe = events_of(fn)
    got = getattr(fe, "_escaped", None)
    if got is not None:
        return got
    out = []
    for call in fn.calls:
        spec = EVENT_ROUTINES.get(call.name)
        for i, a in enumerate(call.args):
            if spec is not None and i == spec[1]:
                continue
            if is_allocation(call) or call.name in INERT:
                continue
            out += [fe.canonical(p)[0] for p in _address_paths(a)]
    scan = fn.callgraph.scan(fn.name)
    for _, lhs, rhs in scan.assignments:
        lp = path_of(lhs)
        if lp is not None and not lp.address_of and (not lp.steps or (
                len(lp.steps) == 1 and fe.array_elements(_array_base(lhs)) is not None)):
            if not lp.steps and root_kind(root_decl(lhs)) != RootKind.LOCAL:
                out += [fe.canonical(p)[0] for p in _address_paths(rhs)]
            continue  # a local pointer or a local array of wait objects: an alias
        out += [fe.canonical(p)[0] for p in _address_paths(rhs)]
    for decl, init in scan.inits:
        if decl.type.get_canonical().kind == TypeKind.POINTER or fe.array_elements_of(decl):
            if root_kind(decl) == RootKind.LOCAL:
                continue
        for v in _init_values(init):
            out += [fe.canonical(p)[0] for p in _address_paths(v)]
    for p in list(out):  # a pointer that escapes takes every object it may point to along
        if p.steps[:1] == ("*",):
            for t in fe.targets(p.root):
                out.append(fe.canonical(AccessPath(t.root, t.name, t.steps + p.steps[1:]))[0])
    fe._escaped = out
    return out


def _array_base(expr: Cursor) -> Optional[Cursor]:
    e = strip_casts(expr, children)
    kids = children(e) if e is not None else []
    return kids[0] if e is not None and e.kind == K.ARRAY_SUBSCRIPT_EXPR and kids else None


def may_escape(fn, ref: EventRef) -> bool:
    """Whether ``ref`` (or an object holding it, or one inside it) escapes ``fn``."""
    for p in escaped_paths(fn):
        if p.root == ref.path.root and (p.steps[:len(ref.path.steps)] == ref.path.steps
                                        or ref.path.steps[:len(p.steps)] == p.steps):
            return True
    return False
