"""Processor modes: what a KPROCESSOR_MODE expression says about who the caller is.

Wait modes (``KeWaitForSingleObject(..., WaitMode, ...)``), access modes
(``ObReferenceObjectByHandle(..., AccessMode, ...)``) and the guards around probes all compare
or pass a ``KPROCESSOR_MODE``. :func:`mode_of` classifies such an expression as a :class:`Mode`:

- ``KERNEL`` / ``USER``: the enumerators ``KernelMode`` / ``UserMode`` (or the constants 0 / 1
  written with a KPROCESSOR_MODE type);
- ``REQUESTOR``: ``Irp->RequestorMode`` — user or kernel depending on who sent the IRP;
- ``PREVIOUS``: ``ExGetPreviousMode()`` / ``KeGetPreviousMode()`` — the mode of the thread's last
  system-service entry;
- ``UNKNOWN``: anything else (a parameter, a field we cannot follow).

A local variable is followed through its initializer and the assignments to it in the function
(flow-insensitively): when they all classify the same way, the variable has that mode.

:func:`mode_test` reads a condition such as ``Irp->RequestorMode != KernelMode`` or
``ExGetPreviousMode() == UserMode`` and says on which branch the caller's mode is user mode —
the guard that makes a probe conditional.
"""
from __future__ import annotations

import enum
from collections import OrderedDict
from dataclasses import dataclass
from typing import Optional

from clang.cindex import Cursor, CursorKind as K

from kdlint.cursors import callee_name, canonical_name, constant_value, strip_casts, walk
from kdlint.flow.cfg import BO_ASSIGN, UO_ADDROF, binary_op, children, unary_op

BO_EQ, BO_NE = 15, 16

PREVIOUS_MODE_CALLS = frozenset({"ExGetPreviousMode", "KeGetPreviousMode"})


#: The node kinds :func:`_assignments_in` reads (assignments, ``&var``).
ASSIGNING_KINDS = (K.BINARY_OPERATOR, K.COMPOUND_ASSIGNMENT_OPERATOR, K.UNARY_OPERATOR)


class Mode(str, enum.Enum):
    KERNEL = "KernelMode"
    USER = "UserMode"
    REQUESTOR = "Irp->RequestorMode"
    PREVIOUS = "ExGetPreviousMode()"
    UNKNOWN = "unknown"

    @property
    def may_be_user(self) -> bool:
        """User mode is possible (USER for sure; REQUESTOR/PREVIOUS depending on the caller)."""
        return self in (Mode.USER, Mode.REQUESTOR, Mode.PREVIOUS)

    @property
    def is_constant(self) -> bool:
        return self in (Mode.KERNEL, Mode.USER)


_ENUMERATORS = {"KernelMode": Mode.KERNEL, "UserMode": Mode.USER}


def _direct(expr: Cursor) -> Optional[Mode]:
    """The mode of an expression without following variables (None: not decided here)."""
    k = expr.kind
    if k == K.DECL_REF_EXPR:
        decl = expr.referenced
        if decl is not None and decl.kind == K.ENUM_CONSTANT_DECL and decl.spelling in _ENUMERATORS:
            return _ENUMERATORS[decl.spelling]
        return None
    if k == K.MEMBER_REF_EXPR:
        return Mode.REQUESTOR if expr.spelling == "RequestorMode" else Mode.UNKNOWN
    if k == K.CALL_EXPR:
        return Mode.PREVIOUS if canonical_name(callee_name(expr)) in PREVIOUS_MODE_CALLS else Mode.UNKNOWN
    if k == K.INTEGER_LITERAL:
        value = constant_value(expr)
        return {0: Mode.KERNEL, 1: Mode.USER}.get(value, Mode.UNKNOWN)
    return Mode.UNKNOWN


#: function (file, offset) -> {local's USR: [assigned values]}; a few functions of the current
#: translation unit are kept. Only of the current one: the values are cursors, and a cursor keeps
#: its whole TU alive (with a WDK or mingw, tens of MB each; keeping the functions of 16 files
#: held over 1 GB on wdsamples), and a file parsed again must not get the old parse's cursors.
_ASSIGNMENTS: "OrderedDict[tuple, dict]" = OrderedDict()
_ASSIGNMENTS_KEPT = 16
_ASSIGNMENTS_TU: list = [None]


def _assignments_in(function: Cursor, operators: Optional[list] = None) -> dict:
    """For every variable assigned in ``function``: the right-hand sides of plain assignments
    (None for a compound assignment or an ``&var`` that lets a callee write it). One walk per
    function, cached for the last few functions asked about. ``operators``: the function's
    binary, compound-assignment and unary operators in pre-order, when the caller has them
    (:data:`ASSIGNING_KINDS` of the body scan): the only nodes the walk looks at."""
    tu = getattr(function, "_tu", None)
    if tu is not _ASSIGNMENTS_TU[0]:
        _ASSIGNMENTS.clear()
        _ASSIGNMENTS_TU[0] = tu
    loc = function.extent.start
    key = (loc.file.name if loc.file else "", loc.offset, function.spelling)
    got = _ASSIGNMENTS.get(key)
    if got is not None:
        _ASSIGNMENTS.move_to_end(key)
        return got
    got = {}

    def target(expr):
        expr = strip_casts(expr, children)
        if expr is not None and expr.kind == K.DECL_REF_EXPR and expr.referenced is not None:
            return expr.referenced.get_usr() or expr.referenced.spelling
        return None

    for node in walk(function) if operators is None else operators:
        k = node.kind
        if k == K.BINARY_OPERATOR and binary_op(node) == BO_ASSIGN:
            kids = children(node)
            if len(kids) >= 2:
                t = target(kids[0])
                if t is not None:
                    got.setdefault(t, []).append(kids[1])
        elif k == K.COMPOUND_ASSIGNMENT_OPERATOR:
            kids = children(node)
            t = target(kids[0]) if kids else None
            if t is not None:
                got.setdefault(t, []).append(None)
        elif k == K.UNARY_OPERATOR and unary_op(node) == UO_ADDROF:
            kids = children(node)
            t = target(kids[0]) if kids else None
            if t is not None:
                got.setdefault(t, []).append(None)  # &mode passed somewhere: it may be written there
    _ASSIGNMENTS[key] = got
    if len(_ASSIGNMENTS) > _ASSIGNMENTS_KEPT:
        _ASSIGNMENTS.popitem(last=False)
    return got


def _assigned_values(decl: Cursor, function: Cursor, operators: Optional[list] = None) -> list:
    """The initializer and the right-hand sides of plain assignments to ``decl`` in ``function``
    (None in the list for an assignment we cannot read, e.g. ``&var`` escaping)."""
    values = []
    init = [c for c in children(decl) if c.kind not in (K.TYPE_REF, K.ANNOTATE_ATTR)]
    if init:
        values.append(init[-1])
    values.extend(_assignments_in(function, operators).get(decl.get_usr() or decl.spelling, ()))
    return values


def mode_of(expr: Optional[Cursor], function: Optional[Cursor] = None, _depth: int = 0,
            operators: Optional[list] = None) -> Mode:
    """Classify a KPROCESSOR_MODE expression; ``function`` lets local variables be followed
    (``operators`` as for :func:`_assignments_in`)."""
    expr = strip_casts(expr, children)
    if expr is None:
        return Mode.UNKNOWN
    direct = _direct(expr)
    if direct is not None:
        return direct
    decl = expr.referenced if expr.kind == K.DECL_REF_EXPR else None
    if decl is None or decl.kind != K.VAR_DECL or function is None or _depth > 3:
        return Mode.UNKNOWN
    if decl.semantic_parent is None or decl.semantic_parent.kind != K.FUNCTION_DECL:
        return Mode.UNKNOWN  # a global: any function may write it
    values = _assigned_values(decl, function, operators)
    if not values or any(v is None for v in values):
        return Mode.UNKNOWN
    modes = {mode_of(v, function, _depth + 1, operators) for v in values}
    return modes.pop() if len(modes) == 1 else Mode.UNKNOWN


@dataclass(frozen=True)
class ModeTest:
    """A condition that compares a caller-mode expression with a constant mode."""

    source: Mode          # REQUESTOR, PREVIOUS (or a constant when both sides are constants)
    user_when_true: bool  # True: the TRUE branch is the user-mode caller


def mode_test(cond: Optional[Cursor], function: Optional[Cursor] = None,
              operators: Optional[list] = None) -> Optional[ModeTest]:
    """Read ``X != KernelMode``, ``X == UserMode``, ``KernelMode == X`` ... (X a caller mode).
    Returns None for any other condition. ``operators`` as for :func:`_assignments_in`."""
    cond = strip_casts(cond, children)
    if cond is None or cond.kind != K.BINARY_OPERATOR:
        return None
    op = binary_op(cond)
    if op not in (BO_EQ, BO_NE):
        return None
    kids = children(cond)
    if len(kids) != 2:
        return None
    a = mode_of(kids[0], function, 0, operators)
    if not a.is_constant and a not in (Mode.REQUESTOR, Mode.PREVIOUS):
        return None  # neither the constant nor the caller's mode: whatever the other side is
    b = mode_of(kids[1], function, 0, operators)
    if a.is_constant and not b.is_constant:
        a, b = b, a
    if not b.is_constant or a not in (Mode.REQUESTOR, Mode.PREVIOUS):
        return None
    equal_means_user = b == Mode.USER
    return ModeTest(a, equal_means_user if op == BO_EQ else not equal_means_user)
