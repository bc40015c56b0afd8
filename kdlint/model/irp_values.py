"""Scalar values for the IRP model: NTSTATUS classes, small constant sets and symbols.

The IRP model (:mod:`kdlint.model.irp`) keeps, next to the ownership state of each IRP, what it
knows about the function's scalar locals and parameters (``status``, flags, ``Irp->IoStatus.Status``)
so that branches on them prune paths: ``if (status != STATUS_PENDING) IoCompleteRequest(...)``,
``if (!NT_SUCCESS(status)) { complete; return status; }``, ``if (completed) ...``.

A :class:`Val` is

- ``consts``: the set of constants the value may hold, or None when it is not known;
- ``classes``: which NTSTATUS classes it may be in: ``P`` (STATUS_PENDING), ``S`` (success other
  than STATUS_PENDING), ``E`` (error other than STATUS_MORE_PROCESSING_REQUIRED), ``M``
  (STATUS_MORE_PROCESSING_REQUIRED);
- ``sym``: a symbol for "the same value" — ``("const", v)``, ``("param", i)`` (the function's
  parameter i as it was on entry), ``("lower", ident)`` (what IoCallDriver returned for that IRP),
  ``("def", n)`` (the value computed at node n) — or None when the paths disagree.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

P, S, E, M = "P", "S", "E", "M"
ALL = frozenset((P, S, E, M))
#: What IoCallDriver / PoCallDriver may return (a dispatch routine never returns SMPR).
LOWER = frozenset((P, S, E))

STATUS_SUCCESS = 0
STATUS_PENDING = 0x103
STATUS_MORE_PROCESSING_REQUIRED = -0x3FFFFFEA  # 0xC0000016 as a signed 32-bit NTSTATUS


def s32(v: int) -> int:
    """``v`` as a signed 32-bit value (NTSTATUS constants may fold to either sign)."""
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v & 0x80000000 else v


def class_of(v: int) -> str:
    v = s32(v)
    if v == STATUS_PENDING:
        return P
    if v == STATUS_MORE_PROCESSING_REQUIRED:
        return M
    return S if v >= 0 else E


def status_name(v: int) -> str:
    v = s32(v)
    return {STATUS_SUCCESS: "STATUS_SUCCESS", STATUS_PENDING: "STATUS_PENDING",
            STATUS_MORE_PROCESSING_REQUIRED: "STATUS_MORE_PROCESSING_REQUIRED"}.get(
        v, f"0x{v & 0xFFFFFFFF:08X}")


@dataclass(frozen=True)
class Val:
    consts: Optional[frozenset]
    classes: frozenset
    sym: Any = None
    excl: frozenset = frozenset()  # values it certainly is not (meaningful when consts is None)

    @staticmethod
    def const(v: int) -> "Val":
        v = s32(v)
        return Val(frozenset((v,)), frozenset((class_of(v),)), ("const", v))

    @staticmethod
    def unknown(sym: Any = None, classes: frozenset = ALL) -> "Val":
        return Val(None, classes, sym)

    def may_be(self, v: int) -> bool:
        return v in self.consts if self.consts is not None else v not in self.excl

    def join(self, other: "Val") -> "Val":
        if self == other:
            return self
        sym = self.sym if self.sym == other.sym else None
        if self.consts is not None and other.consts is not None:
            return Val(self.consts | other.consts, self.classes | other.classes, sym)
        excl = frozenset(x for x in self.excl | other.excl
                         if not self.may_be(x) and not other.may_be(x))
        return Val(None, self.classes | other.classes, sym, excl)

    def widen(self) -> "Val":
        if self.consts is not None and len(self.consts) > 4:
            return Val(None, self.classes, self.sym)
        if len(self.excl) > 8:
            return Val(self.consts, self.classes, self.sym)
        return self

    # -- refinement along branches ------------------------------------------------------------
    def only_classes(self, classes: frozenset) -> Optional["Val"]:
        """This value restricted to ``classes``; None when it cannot be in any of them."""
        c = self.classes & classes
        if not c:
            return None
        consts = self.consts
        if consts is not None:
            consts = frozenset(x for x in consts if class_of(x) in c)
            if not consts:
                return None
        return Val(consts, c, self.sym, self.excl)

    def equal_to(self, v: int, truth: bool) -> Optional["Val"]:
        """This value where ``value == v`` is ``truth``; None when impossible."""
        v = s32(v)
        if truth:
            if not self.may_be(v) or class_of(v) not in self.classes:
                return None
            return Val(frozenset((v,)), frozenset((class_of(v),)), self.sym)
        if self.consts is not None:
            rest = self.consts - {v}
            if not rest:
                return None
            return Val(rest, frozenset(class_of(x) for x in rest), self.sym)
        c = self.classes
        if class_of(v) in (P, M):  # the class holds only this value
            c = c - {class_of(v)}
            if not c:
                return None
        return Val(None, c, self.sym, self.excl | {v})

    def truth(self, truth: bool) -> Optional["Val"]:
        """This value where ``if (value)`` goes the ``truth`` way."""
        if truth:
            return self.equal_to(0, False)
        return self.equal_to(0, True)

    # -- questions ------------------------------------------------------------------------------
    @property
    def is_pending(self) -> bool:
        """Certainly STATUS_PENDING."""
        return self.classes == frozenset((P,))

    @property
    def never_pending(self) -> bool:
        return P not in self.classes

    def disjoint(self, other: "Val") -> bool:
        """Certainly different values."""
        if self.consts is not None and other.consts is not None:
            return not (self.consts & other.consts)
        if self.consts is not None and all(not other.may_be(x) for x in self.consts):
            return True
        if other.consts is not None and all(not self.may_be(x) for x in other.consts):
            return True
        return not (self.classes & other.classes)

    def text(self) -> str:
        if self.consts is not None and len(self.consts) == 1:
            return status_name(next(iter(self.consts)))
        return ""
