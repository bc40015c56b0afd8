"""Questions the user-memory rules (KD4xx) ask of the address-space model.

Each function here reads :class:`~kdlint.model.address_space.FunctionUserMemory` (the solved
per-function facts) and returns plain records; the rules only word and report them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from clang.cindex import Cursor, CursorKind as K, TypeKind

from kdlint.cursors import Call, constant_value, strip_casts
from kdlint.flow.cfg import BO_ASSIGN as BO_ASSIGN_, binary_op
from kdlint.model.address_space import (BO_EQ, BO_GE, BO_GT, BO_LE, BO_LT, BO_NE, METHOD_NEITHER,
                                        PROBE_AND_PREFIXES, PROBES, TOP, Access, FunctionUserMemory,
                                        Length, Source, State)

#: Routines that raise on bad user addresses and so belong inside __try/__except.
RAISING = PROBES | {"MmProbeAndLockPages", "MmProbeAndLockProcessPages",
                    "MmProbeAndLockSelectedPages", "MmSecureVirtualMemory"}


@dataclass(frozen=True)
class DoubleFetch:
    access: Access
    source: Source
    first: Cursor       # the node that read the location first


def double_fetches(fm: FunctionUserMemory) -> list:
    """Reads of a user location already read earlier on the path (a different node)."""
    out = []
    for ua in fm.user_accesses():
        acc, src = ua.access, ua.source
        if acc.write or acc.steps is None or acc.routine or src.derived:
            continue
        first = ua.state.fetched.get((src.key, acc.steps))
        if first is not None and first is not acc.node and first != acc.node:
            out.append(DoubleFetch(acc, src, first))
    return out


def calls_with_state(fm: FunctionUserMemory, *names: str) -> list:
    """(Call, state before it) for every reachable call to one of ``names``."""
    out = []
    wanted = set(names)
    if not any(c.name in wanted or _matches_prefix(c.name, wanted) for c in fm.fn.calls):
        return out  # no such call: the function need not be solved
    for node, state in fm.reachable_nodes():
        if node.kind != K.CALL_EXPR:
            continue
        call = fm.fn.call_of(node)
        if call is not None and (call.name in wanted or _matches_prefix(call.name, wanted)):
            out.append((call, state))
    return out


def _matches_prefix(name: str, wanted: set) -> bool:
    return any(w.endswith("*") and name.startswith(w[:-1]) for w in wanted)


def raises_itself(fm: FunctionUserMemory) -> bool:
    """Whether the function raises exceptions on purpose (``ExRaiseStatus``, a file system's
    ``XxxRaiseStatus``): it is written for a handler in its callers (file systems handle
    exceptions at their dispatch entry points)."""
    return any(c.name in ("ExRaiseStatus", "RtlRaiseStatus", "ExRaiseException")
               or c.name.endswith("RaiseStatus") for c in fm.fn.calls)


def raising_calls_outside_try(fm: FunctionUserMemory) -> list:
    """Probe / probe-and-lock calls that are not inside a guarded ``__try`` (here or at every
    call site of the function), in functions that do not raise exceptions themselves."""
    out = []
    if raises_itself(fm):
        return out
    for call in fm.fn.calls:
        if call.name in RAISING or call.name.startswith(PROBE_AND_PREFIXES):
            if not fm.in_try(call.cursor):
                out.append(call)
    return out


@dataclass(frozen=True)
class MappingUse:
    access: Access
    source: Source


def unchecked_mapping_uses(fm: FunctionUserMemory) -> list:
    """Accesses through a system-space mapping that was not tested for NULL on the path."""
    out = []
    if not fm.may_hold_mapping:
        return out
    for node, state in fm.reachable_nodes():
        if not state.unchecked:
            continue
        for acc in fm.accesses(node):
            if fm.in_try(acc.expr):
                continue  # a NULL access raises an exception the handler takes
            for src in fm.value(acc.pointer, state):
                if src.kind == "mapping" and src.key in state.unchecked:
                    out.append(MappingUse(acc, src))
                    break
    return out


@dataclass(frozen=True)
class BufferUse:
    """An access to an IOCTL buffer whose length was not shown to cover it."""

    access: Access
    source: Source
    state: State
    length: str            # "in" | "out"
    bound: Optional[int]   # the bound established on the path (None: never checked)


def unvalidated_buffer_uses(fm: FunctionUserMemory) -> list:
    """Accesses to the METHOD_BUFFERED system buffer (on a path whose IOCTL is known) or to a
    user buffer probed with the IOCTL's own length, beyond the length checked on the path."""
    out = []
    if not fm.may_hold_caller_data:
        return out
    for node, state in fm.reachable_nodes():
        for acc in fm.accesses(node):
            size = acc.size
            if size is None or size.kind != "const" or not size.value:
                continue
            for src in fm.value(acc.pointer, state):
                if src.derived:
                    continue
                if src.kind == "sysbuf":
                    if state.ioctl is None or state.method == METHOD_NEITHER:
                        continue
                    # the system buffer is max(input, output) bytes: either check bounds it
                    kind = "out" if acc.write else "in"
                    other = state.lens.get("in" if acc.write else "out")
                    if other == TOP or (other is not None and other >= size.value):
                        continue
                elif src.is_user and state.mode != "kernel":
                    probe = state.probed.get(src.key)
                    if probe is None or probe[0].kind not in ("in", "out"):
                        continue
                    kind = probe[0].kind
                else:
                    continue
                bound = state.lens.get(kind)
                if bound == TOP or (bound is not None and bound >= size.value):
                    continue
                out.append(BufferUse(acc, src, state, kind, bound))
                break
    return out


#: Literal user/kernel boundaries of 32-bit and 64-bit Windows.
BOUNDARIES = frozenset({
    0x7FFFFFFF, 0x80000000, 0x7FFEFFFF, 0x7FFF0000, 0xBFFFFFFF, 0xC0000000, 0xBFFEFFFF,
    0x7FFFFFFEFFFF, 0x7FFFFFFF0000, 0x7FFFFFFFFFFF, 0x800000000000, 0x7FFFFFFEFFFF,
    0xFFFF800000000000, 0xFFFF080000000000,
})


@dataclass(frozen=True)
class BoundaryCompare:
    cursor: Cursor      # the comparison
    literal: Cursor     # the boundary constant
    value: int
    pointer: Cursor     # the pointer side


def boundary_compares(fm: FunctionUserMemory) -> list:
    """Comparisons of a pointer (or a pointer cast to an integer) with a literal user/kernel
    address boundary."""
    out = []
    kids = fm.kids
    for node in fm.fn.callgraph.scan(fm.fn.name).of_kind(K.BINARY_OPERATOR) \
            if fm.fn._shared else ():
        if binary_op(node) not in (BO_LT, BO_GT, BO_LE, BO_GE, BO_EQ, BO_NE):
            continue
        parts = kids(node)
        if len(parts) != 2:
            continue
        for lit, other in ((parts[1], parts[0]), (parts[0], parts[1])):
            value = constant_value(lit)
            if value is None:
                value = constant_value(strip_casts(lit, kids))  # (PUCHAR)0x7FFFFFFEFFFF
            if value is None:
                continue
            value &= 0xFFFFFFFFFFFFFFFF
            if value in BOUNDARIES and _pointerish(other, kids):
                out.append(BoundaryCompare(node, lit, value, other))
                break
    return out


def _pointerish(expr: Cursor, kids) -> bool:
    """A pointer, or an integer made from a pointer by a cast (``(ULONG_PTR)p``)."""
    cur = expr
    for _ in range(8):
        if cur is None:
            return False
        if cur.type.get_canonical().kind == TypeKind.POINTER:
            return True
        if cur.kind in (K.UNEXPOSED_EXPR, K.PAREN_EXPR, K.CSTYLE_CAST_EXPR):
            inner = kids(cur)
            cur = inner[-1] if inner else None
            continue
        if cur.kind == K.BINARY_OPERATOR:  # (ULONG_PTR)p + len
            return any(_pointerish(c, kids) for c in kids(cur))
        return False
    return False


def user_args(fm: FunctionUserMemory, call: Call, state: State) -> list:
    """(argument index, Source) for each argument that is a user pointer, holds one, or is a
    handle chosen by the caller."""
    out = []
    for i, a in enumerate(call.args):
        for src in fm.value(a, state):
            if src.is_user or src.kind in ("contains", "handle"):
                out.append((i, src))
                break
    return out


def probe_length(call: Call) -> Optional[Length]:
    """The constant length a ProbeForRead/ProbeForWrite call probes, when it is one."""
    if len(call.args) < 2:
        return None
    v = constant_value(call.args[1])
    return Length("const", v) if v is not None else None


@dataclass(frozen=True)
class PaddingLeak:
    node: Cursor        # the copy call or assignment
    local: Cursor       # the local structure copied
    destination: Source
    padding: int        # bytes of padding in the structure


def padding_bytes(t) -> Optional[int]:
    """Bytes of a structure type not covered by its fields (also inside nested structures);
    None for types we cannot measure (unions, bit-fields, incomplete types)."""
    t = t.get_canonical()
    if t.kind != TypeKind.RECORD:
        return None
    decl = t.get_declaration()
    if decl.kind != K.STRUCT_DECL:
        return None
    size = t.get_size()
    if size is None or size <= 0:
        return None
    covered = 0
    inner = 0
    for f in t.get_fields():
        if f.is_bitfield():
            return None
        fs = f.type.get_size()
        if fs is None or fs <= 0:
            if f.type.get_canonical().kind == TypeKind.INCOMPLETEARRAY:
                continue
            return None
        covered += fs
        ft = f.type.get_canonical()
        while ft.kind == TypeKind.CONSTANTARRAY:
            ft = ft.element_type.get_canonical()
        if ft.kind == TypeKind.RECORD:
            nested = padding_bytes(ft)
            if nested is None:
                return None
            inner += nested * max(fs // max(ft.get_size(), 1), 1)
    return (size - covered) + inner


def _user_visible(src: Source) -> bool:
    return src.is_user or src.kind in ("sysbuf", "mapping")


def padding_leaks(fm: FunctionUserMemory) -> list:
    """Copies of a whole local structure that has padding and was never written as a whole
    (initialiser, zeroing, copy) into a buffer the caller reads (the system buffer, a user
    buffer, an MDL mapping)."""
    from kdlint.model.address_space import COPIES
    from kdlint.model.values import path_of

    out = []
    if not (fm.may_hold_caller_data or fm.may_hold_mapping):
        return out  # no destination the caller reads
    for node, state in fm.reachable_nodes():
        pairs = []
        if node.kind == K.CALL_EXPR:
            call = fm.fn.call_of(node)
            spec = COPIES.get(call.name) if call is not None else None
            if spec and spec[0] is not None and isinstance(spec[1], int) and len(call.args) > spec[1]:
                pairs.append((call.args[spec[0]], call.args[spec[1]], True))
        elif node.kind == K.BINARY_OPERATOR and binary_op(node) == BO_ASSIGN_:
            kids = fm.kids(node)
            if len(kids) == 2:
                pairs.append((kids[0], kids[1], False))
        for dst, src, by_address in pairs:
            p = path_of(src)
            if p is None or p.steps or p.address_of != by_address:
                continue
            obj = p.object()
            if obj in state.zeroed:
                continue
            local = strip_casts(src, fm.kids)
            if by_address:
                inner = fm.kids(local)
                local = strip_casts(inner[0], fm.kids) if inner else None
            if local is None or local.kind != K.DECL_REF_EXPR or local.referenced is None \
                    or local.referenced.kind != K.VAR_DECL:
                continue
            from kdlint.model.values import RootKind, root_kind
            if root_kind(local.referenced) != RootKind.LOCAL:
                continue
            pad = padding_bytes(local.referenced.type)
            if not pad:
                continue
            target = dst
            if not by_address:
                base = fm._deref_base(strip_casts(dst, fm.kids))
                if base is None:
                    continue
                target = base[0]
            dest = next((x for x in fm.value(target, state) if _user_visible(x)), None)
            if dest is not None:
                out.append(PaddingLeak(node, local.referenced, dest, pad))
    return out


#: Routines whose argument (by index) must be a kernel-mode address: pool blocks, objects,
#: dispatcher objects and locks, MDLs, interlocked lists (UP-04). The kernel writes into these
#: (wait blocks, list links, lock state) or frees them: a user address lets the caller aim
#: those writes anywhere, and the memory can vanish while the kernel uses it. Not listed: the
#: Zw* routines (KD405), MmProbeAndLockPages / IoAllocateMdl (they take user addresses), and
#: the plain InterlockedXxx intrinsics (an atomic access to probed user memory inside __try is
#: a user access like any other, KD401/KD402).
KERNEL_ADDRESS_ARGS = {
    "ExFreePool": (0,), "ExFreePoolWithTag": (0,), "ExFreePool2": (0,), "ExFreeToNPagedLookasideList": (1,),
    "ExFreeToPagedLookasideList": (1,),
    "ObDereferenceObject": (0,), "ObDereferenceObjectWithTag": (0,),
    "ObDereferenceObjectDeferDelete": (0,), "ObReferenceObject": (0,),
    "KeInitializeEvent": (0,), "KeSetEvent": (0,), "KeResetEvent": (0,), "KeClearEvent": (0,),
    "KePulseEvent": (0,), "KeReadStateEvent": (0,), "KeWaitForSingleObject": (0,),
    "KeInitializeSemaphore": (0,), "KeReleaseSemaphore": (0,), "KeInitializeMutex": (0,),
    "KeReleaseMutex": (0,), "ExInitializeFastMutex": (0,), "ExAcquireFastMutex": (0,),
    "ExReleaseFastMutex": (0,), "KeInitializeSpinLock": (0,), "KeAcquireSpinLock": (0,),
    "KeReleaseSpinLock": (0,), "KeAcquireSpinLockAtDpcLevel": (0,),
    "KeReleaseSpinLockFromDpcLevel": (0,), "KeAcquireInStackQueuedSpinLock": (0, 1),
    "KeInitializeTimer": (0,), "KeInitializeTimerEx": (0,), "KeSetTimer": (0, 2),
    "KeSetTimerEx": (0, 3), "KeCancelTimer": (0,), "KeInitializeDpc": (0,), "KeInsertQueueDpc": (0,),
    "ExInitializeResourceLite": (0,), "ExAcquireResourceExclusiveLite": (0,),
    "ExAcquireResourceSharedLite": (0,), "ExReleaseResourceLite": (0,),
    "ExDeleteResourceLite": (0,),
    "IoFreeMdl": (0,), "MmUnlockPages": (0,), "MmBuildMdlForNonPagedPool": (0,),
    "IoCompleteRequest": (0,), "IoCallDriver": (0, 1), "IoFreeIrp": (0,),
    "ExInterlockedInsertHeadList": (0, 1, 2), "ExInterlockedInsertTailList": (0, 1, 2),
    "ExInterlockedRemoveHeadList": (0, 1), "ExInterlockedPushEntryList": (0, 1, 2),
    "ExInterlockedPopEntryList": (0, 1), "InsertHeadList": (0, 1), "InsertTailList": (0, 1),
    "RemoveEntryList": (0,), "InitializeListHead": (0,),
}


def must_user(fm: FunctionUserMemory, expr: Cursor, state: State) -> Optional[Source]:
    """The source of ``expr`` when every source of its value is a user-mode address (a value
    that may also be kernel memory gives None). Pointers read from a buffer in a routine
    installed only for kernel-only major functions (internal device control) are a kernel
    client's pointers, not the caller's."""
    srcs = fm.value(expr, state)
    if not srcs or not all(x.is_user for x in srcs):
        return None
    if fm.kernel_only and any(x.kind == "nested" for x in srcs):
        return None
    return min(srcs, key=lambda x: (x.kind, repr(x.key)))


@dataclass(frozen=True)
class KernelArgument:
    call: Call
    index: int
    source: Source


def user_pointers_to_kernel_routines(fm: FunctionUserMemory) -> list:
    """Arguments of :data:`KERNEL_ADDRESS_ARGS` routines that are user-mode addresses on a path
    where the caller may be in user mode."""
    out = []
    if not fm.may_hold_caller_data:
        return out  # no user-mode address
    for call, state in calls_with_state(fm, *KERNEL_ADDRESS_ARGS):
        if state.mode == "kernel":
            continue
        for i in KERNEL_ADDRESS_ARGS[call.name]:
            if i < len(call.args):
                src = must_user(fm, call.args[i], state)
                if src is not None:
                    out.append(KernelArgument(call, i, src))
                    break
    return out


@dataclass(frozen=True)
class LongLivedStore:
    node: Cursor        # the assignment
    target: Cursor      # its left side
    source: Source
    where: str          # "the device extension" | "global 'name'"


def _long_lived(fm: FunctionUserMemory, lhs: Cursor, state: State) -> Optional[str]:
    from kdlint.model.values import RootKind, root_decl, root_kind

    decl = root_decl(lhs)
    if decl is not None and root_kind(decl) in (RootKind.GLOBAL, RootKind.STATIC_LOCAL):
        return f"global '{decl.spelling}'"
    base = fm._deref_base(strip_casts(lhs, fm.kids))
    if base is None:
        return None
    if any(x.kind == "devext" for x in fm.value(base[0], state)):
        return "the device extension"
    t = base[0].type.get_canonical()
    if t.kind == TypeKind.POINTER:
        name = t.get_pointee().get_canonical().spelling
        if "DEVICE_EXTENSION" in name.upper():
            return "the device extension"
    return None


def user_pointer_stores(fm: FunctionUserMemory) -> list:
    """Assignments of a user-mode address (every source user) into driver state that outlives
    the request: a global or static variable, or the device extension (reached through
    ``DeviceObject->DeviceExtension`` or a pointer to a ``*DEVICE_EXTENSION`` structure), on a
    path where the caller may be in user mode."""
    out = []
    if not fm.may_hold_caller_data:
        return out  # no user-mode address
    for node, state in fm.reachable_nodes():
        if state.mode == "kernel" or node.kind != K.BINARY_OPERATOR or binary_op(node) != BO_ASSIGN_:
            continue
        kids = fm.kids(node)
        if len(kids) != 2 or kids[0].type.get_canonical().kind != TypeKind.POINTER:
            continue
        src = must_user(fm, kids[1], state)
        if src is None:
            continue
        where = _long_lived(fm, kids[0], state)
        if where is not None:
            out.append(LongLivedStore(node, kids[0], src, where))
    return out
