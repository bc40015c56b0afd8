"""What a METHOD_BUFFERED request's output buffer holds: bytes written, and the length reported.

For METHOD_BUFFERED the I/O manager copies ``Irp->IoStatus.Information`` bytes of the system
buffer back to the caller. The system buffer starts with the caller's input
(``InputBufferLength`` bytes) and holds leftover pool contents after it; bytes the driver did not
write there and reports in ``Information`` disclose kernel memory (UP-08).

:class:`OutputWrites` is a forward analysis over one function on top of the address-space
model (:mod:`kdlint.model.address_space`): its state is ``(extent, unknown)`` — the largest
constant byte extent written into the system buffer on some path so far (a write to a field
counts as writing everything before it too: the conservative direction), and whether something
may have written it in a way we cannot measure (a copy of non-constant length, a write through a
pointer moved by arithmetic or a variable index, the buffer or the IRP handed to a routine that
may fill it, the buffer's address stored where we do not follow it). Paths join by the larger
extent and ``unknown`` on any path.

:func:`overstated_information` reports ``Irp->IoStatus.Information = C`` (``C`` a constant,
``sizeof(T)`` included, or the caller's ``OutputBufferLength`` — directly or through a local set
only from it — with no upper bound on it on the path) on a path whose IOCTL is known to be
METHOD_BUFFERED, when at most ``W <
C`` bytes were written on every path to it, nothing unmeasured happened, and the input length was
not shown to be at least ``C`` (the input bytes are the caller's own). The bytes written are
those at the function's exit (``Information`` is often set before the data is copied), and the
output length must have been checked to be at least ``C`` on the path (the "buffer too small"
answer sets ``Information`` to the size needed with an error status: nothing is copied back).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from clang.cindex import Cursor, CursorKind as K, TypeKind

from kdlint.cursors import constant_value
from kdlint.flow.cfg import BO_ASSIGN, UO_ADDROF, binary_op, unary_op
from kdlint.flow.solver import Analysis
from kdlint.model.address_space import (COPIES, METHOD_BUFFERED, TOP, FunctionUserMemory,
                                        _member_chain)
from kdlint.model.values import path_of

#: Routines given the IRP that do not write its system buffer.
IRP_HARMLESS = frozenset({
    "IoGetCurrentIrpStackLocation", "IoGetNextIrpStackLocation", "IoMarkIrpPending",
    "IoSetCancelRoutine", "IoCompleteRequest", "IoSkipCurrentIrpStackLocation",
    "IoCopyCurrentIrpStackLocationToNext", "IoSetCompletionRoutine", "IoReleaseRemoveLock",
    "IoAcquireRemoveLock", "IoReleaseRemoveLockEx", "IoAcquireRemoveLockEx", "IoIs32bitProcess",
    "IoGetRequestorProcess", "IoGetRequestorProcessId", "IoIsOperationSynchronous",
})

START = (0, False)


def _is_irp_pointer(expr: Cursor) -> bool:
    t = expr.type.get_canonical()
    if t.kind != TypeKind.POINTER:
        return False
    return t.get_pointee().get_canonical().spelling.endswith("_IRP")


class OutputWrites(Analysis):
    """Forward analysis: bytes written into the system buffer; see the module docstring."""

    def __init__(self, fm: FunctionUserMemory):
        self.fm = fm

    @property
    def key(self):
        return (type(self), id(self.fm))

    def initial(self):
        return START

    def bottom(self):
        return None

    def join(self, a, b):
        if a is None:
            return b
        if b is None:
            return a
        return (max(a[0], b[0]), a[1] or b[1])

    def equal(self, a, b) -> bool:
        return a == b

    def edge(self, e, state):
        return state

    def transfer(self, node: Cursor, state):
        if state is None or state[1]:
            return state
        fm = self.fm
        um = fm.state_before(node)
        if um is None:
            return state
        extent, unknown = state

        def sysbuf(expr) -> list:
            return [x for x in fm.value(expr, um) if x.kind == "sysbuf"]

        for acc in fm.accesses(node):
            if not acc.write:
                continue
            size = acc.size
            if acc.routine:  # RtlCopyMemory(out->Field, src, n) writes n bytes at Field's offset
                offset = self._offset(acc.pointer, um)
                if offset is None:
                    if self._touches(acc.pointer, um):
                        return (extent, True)
                    continue
                if size is None or size.kind != "const":
                    return (extent, True)
                extent = max(extent, offset + (size.value or 0))
                continue
            srcs = sysbuf(acc.pointer)
            if not srcs:
                continue
            if any(x.derived for x in srcs) or size is None or size.kind != "const" \
                    or acc.steps is None:
                return (extent, True)
            extent = max(extent, size.value or 0)
        if node.kind == K.CALL_EXPR:
            call = fm.fn.call_of(node)
            name = call.name if call is not None else ""
            if name not in COPIES:
                for a in (call.args if call is not None else ()):
                    if self._touches(a, um):
                        return (extent, True)  # a routine given the buffer may fill it
                    if name not in IRP_HARMLESS and _is_irp_pointer(a):
                        return (extent, True)  # ... or given the IRP
        elif node.kind == K.BINARY_OPERATOR and binary_op(node) == BO_ASSIGN:
            kids = fm.kids(node)
            if len(kids) == 2 and (sysbuf(kids[1]) or self._offset(kids[1], um) is not None):
                p = path_of(kids[0])
                if p is None or p.steps or p.address_of:
                    return (extent, True)  # its address escapes into a structure
        return (extent, unknown)


    def _offset(self, expr: Cursor, um) -> Optional[int]:
        """The byte offset into the system buffer an address expression points at: 0 for the
        buffer itself, a field's offset for ``out->ArrayField`` / ``&out->Field``; None when it
        is not (known to be) such an address."""
        fm = self.fm
        e = fm.strip(expr)
        if e is None:
            return None
        if any(x.kind == "sysbuf" and not x.derived for x in fm.value(e, um)) \
                and e.type.get_canonical().kind == TypeKind.POINTER:
            return 0
        if e.kind == K.UNARY_OPERATOR and unary_op(e) == UO_ADDROF:
            kids = fm.kids(e)
            e = fm.strip(kids[0]) if kids else None
        elif e.type.get_canonical().kind != TypeKind.CONSTANTARRAY:
            return None
        if e is None or e.kind != K.MEMBER_REF_EXPR:
            return None
        kids = fm.kids(e)
        base = fm.strip(kids[0]) if kids else None
        decl = e.referenced
        if base is None or decl is None or decl.kind != K.FIELD_DECL \
                or base.type.get_canonical().kind != TypeKind.POINTER \
                or not any(x.kind == "sysbuf" and not x.derived for x in fm.value(base, um)):
            return None
        try:
            off = decl.get_field_offsetof()
        except Exception:  # pragma: no cover - libclang oddities
            return None
        return off // 8 if off is not None and off >= 0 else None

    def _touches(self, expr: Cursor, um) -> bool:
        """Whether any part of ``expr`` evaluates to the system buffer (or an address in it)."""
        fm = self.fm
        stack = [expr]
        seen = 0
        while stack and seen < 200:
            c = stack.pop()
            seen += 1
            if c.kind in (K.DECL_REF_EXPR, K.MEMBER_REF_EXPR) \
                    and any(x.kind == "sysbuf" for x in fm.value(c, um)):
                return True
            if c.kind == K.CXX_UNARY_EXPR:
                continue
            stack.extend(fm.kids(c))
        return False


@dataclass(frozen=True)
class OverstatedInformation:
    node: Cursor         # the assignment to IoStatus.Information
    reported: Optional[int]  # the constant assigned (None: the caller's output length)
    written: int         # the most bytes written into the system buffer on a path to it
    input_bound: Optional[int]  # the input length's lower bound on the path
    length: str = ""     # the output-length expression assigned, when not a constant


def _is_information(lhs: Cursor, fm: FunctionUserMemory) -> bool:
    lhs = fm.strip(lhs)
    return lhs is not None and lhs.kind == K.MEMBER_REF_EXPR \
        and _member_chain(lhs)[-2:] == ["IoStatus", "Information"]


def overstated_information(fm: FunctionUserMemory) -> list:
    """``Irp->IoStatus.Information = C`` on a METHOD_BUFFERED path where fewer than ``C`` bytes
    of the system buffer were written or hold the caller's input."""
    out = []
    if fm.fn._shared and "Information" not in fm.fn.callgraph.scan(fm.fn.name).member_names:
        return out  # no IoStatus.Information: the function need not be solved
    solution = written = None
    for node, state in fm.reachable_nodes():
        if node.kind != K.BINARY_OPERATOR or binary_op(node) != BO_ASSIGN:
            continue
        if state.method != METHOD_BUFFERED or state.ioctl is None or state.mode == "kernel":
            continue
        kids = fm.kids(node)
        if len(kids) != 2 or not _is_information(kids[0], fm):
            continue
        reported = constant_value(kids[1])
        bound = state.lens.get("in")
        length = ""
        if reported is None:
            # the caller's whole output length, with no upper bound on this path: the caller
            # picks it larger than anything written (and than its own input)
            got = fm.length_of(kids[1], state)
            if got is None or got.kind != "out" or bound == TOP or "out<" in state.lens:
                continue
            length = got.text
        else:
            if reported <= 0 or bound == TOP or (bound is not None and bound >= reported):
                continue
            out_bound = state.lens.get("out")
            if out_bound is None or out_bound == TOP or out_bound < reported:
                continue  # the caller's buffer may be smaller: the too-small answer (an error status)
        if solution is None:
            solution = fm.fn.solve(OutputWrites(fm))
            written = solution.at_exit if solution.converged else None
        if written is None or written[1] or (reported is not None and written[0] >= reported):
            continue
        out.append(OverstatedInformation(node, reported, written[0], bound, length))
    return out
