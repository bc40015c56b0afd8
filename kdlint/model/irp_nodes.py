"""What each CFG node and branch condition means to the IRP model, decoded once per cursor.

:class:`Decoder` (one per file) turns a CFG node into a :class:`NodeInfo`: a call with its
arguments classified (an IRP variable, the address of something inside an IRP such as
``&Irp->Tail.Overlay.ListEntry``, the address of a scalar local), an assignment or initialisation
with its target classified (IRP variable, scalar local, ``Irp->IoStatus.Status``, anything else), a
return, and the IRP variables the node dereferences itself (``Irp->...``, ``*Irp``; nested calls are
their own nodes and are not counted again). :meth:`Decoder.cond` decodes a branch condition into a
test the model can apply (NT_SUCCESS, ``==``/``!=`` against a constant, truth of a local, IRP
NULL checks, ``Irp->PendingReturned``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from clang.cindex import Cursor, CursorKind as K, TypeKind

from kdlint.cursors import Call, canonical_name, callee_name, constant_value, initializer, strip_casts
from kdlint.flow.cfg import BO_ASSIGN, UO_ADDROF, UO_DEREF, binary_op, children, is_assignment, \
    success_test, unary_op
from kdlint.model.conditions import constant_comparison
from kdlint.model.values import path_of

_SCALAR_KINDS = {
    TypeKind.BOOL, TypeKind.CHAR_U, TypeKind.UCHAR, TypeKind.USHORT, TypeKind.UINT, TypeKind.ULONG,
    TypeKind.ULONGLONG, TypeKind.CHAR_S, TypeKind.SCHAR, TypeKind.WCHAR, TypeKind.SHORT, TypeKind.INT,
    TypeKind.LONG, TypeKind.LONGLONG, TypeKind.ENUM,
}

# kinds of tracked variables
IRP_VAR, SCALAR_VAR = "irp", "scalar"


def is_irp_type(t) -> bool:
    t = t.get_canonical()
    return t.kind == TypeKind.POINTER and t.get_pointee().get_canonical().spelling == "struct _IRP"


@dataclass
class Arg:
    kind: str  # "var" | "addr_in" (address of a part of an IRP) | "addr_var" | "other"
    key: Optional[str] = None
    var_kind: Optional[str] = None  # for "var": IRP_VAR | SCALAR_VAR | None
    cursor: Optional[Cursor] = None


@dataclass
class NodeInfo:
    idx: int
    node: Cursor
    kind: str  # "call" | "assign" | "decl" | "clobber" | "return" | "other"
    call: Optional[Call] = None
    args: list = field(default_factory=list)
    lhs_kind: str = ""  # "irp" | "scalar" | "iost" | "other"
    lhs_key: Optional[str] = None
    rhs: Optional[Cursor] = None
    rhs_irp: Optional[str] = None  # rhs is this IRP variable
    rhs_call: str = ""  # rhs is a call to this routine
    rhs_null: bool = False
    touches: tuple = ()
    inert: bool = False
    #: IoSetCancelRoutine(X, R) (or its expansion, InterlockedExchangePointer(&X->CancelRoutine,
    #: R)) with X an IRP variable: (X's key, whether R is NULL)
    cancel: Optional[tuple] = None
    cancel_reads: tuple = ()  # IRP variables whose ``->Cancel`` flag the node reads


class Decoder:
    """Per-file cache of decoded nodes and conditions."""

    def __init__(self, kids=children):
        self.kids = kids  # the file's shared children cache: CFG nodes and sub-cursors stay one object
        self._nodes: dict[int, NodeInfo] = {}
        self._conds: dict[int, object] = {}
        self._vars: dict[str, Optional[str]] = {}
        self._var_objs: dict[int, tuple] = {}  # id(cursor) -> (cursor, kind); keeps the cursor
        self.by_idx: list = []
        self._keep: list = []

    # -- variables ----------------------------------------------------------------------------
    def var_kind(self, decl: Optional[Cursor]) -> Optional[str]:
        """IRP_VAR / SCALAR_VAR for a local or parameter the model tracks, else None."""
        if decl is None or decl.kind not in (K.VAR_DECL, K.PARM_DECL):
            return None
        got = self._var_objs.get(id(decl))  # the same cursor object again: no USR to build
        if got is not None and got[0] is decl:
            return got[1]
        usr = decl.get_usr() or f"{decl.spelling}@{decl.location.line}"
        if usr in self._vars:
            self._var_objs[id(decl)] = (decl, self._vars[usr])
            return self._vars[usr]
        kind = None
        local = decl.kind == K.PARM_DECL or (
            decl.semantic_parent is not None and decl.semantic_parent.kind == K.FUNCTION_DECL
            and decl.storage_class.name not in ("STATIC", "EXTERN"))
        if local:
            t = decl.type
            if is_irp_type(t):
                kind = IRP_VAR
            elif t.get_canonical().kind in _SCALAR_KINDS or t.get_canonical().kind == TypeKind.POINTER:
                kind = SCALAR_VAR
        self._vars[usr] = kind
        self._var_objs[id(decl)] = (decl, kind)
        return kind

    def var_of(self, expr: Optional[Cursor]) -> tuple[Optional[str], Optional[str]]:
        """(key, kind) when ``expr`` names a tracked variable itself (casts looked through)."""
        e = strip_casts(expr, self.kids)
        if e is None or e.kind != K.DECL_REF_EXPR:
            return None, None
        decl = e.referenced
        kind = self.var_kind(decl)
        if kind is None:
            return None, None
        p = path_of(e)
        return (p.root if p is not None else None), kind

    def _iost_target(self, expr: Cursor) -> Optional[str]:
        """For ``X->IoStatus.Status`` with X an IRP variable: X's key."""
        e = strip_casts(expr, self.kids)
        if e is None or e.kind != K.MEMBER_REF_EXPR or e.spelling != "Status":
            return None
        kids = self.kids(e)
        inner = strip_casts(kids[0], self.kids) if kids else None
        if inner is None or inner.kind != K.MEMBER_REF_EXPR or inner.spelling != "IoStatus":
            return None
        kids = self.kids(inner)
        key, kind = self.var_of(kids[0]) if kids else (None, None)
        return key if kind == IRP_VAR else None

    def _arg(self, a: Cursor) -> Arg:
        key, kind = self.var_of(a)
        if key is not None:
            return Arg("var", key, kind, a)
        p = path_of(a)
        if p is not None and p.address_of:
            root = strip_casts(a, self.kids)
            while root is not None and root.kind not in (K.DECL_REF_EXPR,):
                kids = self.kids(root)
                root = strip_casts(kids[0], self.kids) if kids else None
            rkind = self.var_kind(root.referenced) if root is not None else None
            if not p.steps and rkind == SCALAR_VAR:
                return Arg("addr_var", p.root, rkind, a)
            if p.steps and p.steps[0] == "*" and rkind == IRP_VAR:
                return Arg("addr_in", p.root, rkind, a)
        return Arg("other", cursor=a)

    # -- nodes --------------------------------------------------------------------------------
    def node(self, node: Cursor) -> NodeInfo:
        got = self._nodes.get(id(node))
        if got is not None:
            return got
        idx = len(self.by_idx)
        k = node.kind
        info = NodeInfo(idx, node, "other")
        if k == K.CALL_EXPR:
            call = Call.from_cursor(node)
            info.kind, info.call = "call", call
            info.args = [self._arg(a) for a in call.args]
            info.cancel = self._cancel_setting(call)
        elif k == K.RETURN_STMT:
            kids = self.kids(node)
            info.kind, info.rhs = "return", (kids[0] if kids else None)
            if info.rhs is not None:
                key, kind = self.var_of(info.rhs)
                info.rhs_irp = key if kind == IRP_VAR else None
        elif k == K.VAR_DECL:
            init = initializer(node, self.kids)
            kind = self.var_kind(node)
            info.kind = "assign" if init is not None else "decl"
            info.lhs_kind = kind or "none"
            p = node.get_usr() or f"{node.spelling}@{node.location.line}"
            info.lhs_key = p
            self._rhs(info, init)
        elif k == K.BINARY_OPERATOR and binary_op(node) == BO_ASSIGN:
            lhs, rhs = self.kids(node)
            info.kind = "assign"
            self._lhs(info, lhs)
            self._rhs(info, rhs)
        elif is_assignment(node) or (k == K.UNARY_OPERATOR and unary_op(node) in (1, 2, 3, 4)):
            kids = self.kids(node)
            info.kind = "clobber"
            if kids:
                self._lhs(info, kids[0])
        reads: list = []
        info.touches = tuple(self._touches(node, reads))
        info.cancel_reads = tuple(reads)
        info.inert = (info.kind in ("other", "decl") and not info.touches) or (
            info.kind == "call" and all(a.kind == "other" for a in info.args) and not info.touches
            and info.call.name not in _RESULT_APIS and info.cancel is None)
        self._nodes[id(node)] = info
        self.by_idx.append(info)
        self._keep.append(node)
        return info

    def _lhs(self, info: NodeInfo, lhs: Cursor) -> None:
        key, kind = self.var_of(lhs)
        if key is not None:
            info.lhs_kind, info.lhs_key = kind, key
            return
        irp = self._iost_target(lhs)
        if irp is not None:
            info.lhs_kind, info.lhs_key = "iost", irp
            return
        info.lhs_kind = "other"

    def _rhs(self, info: NodeInfo, rhs: Optional[Cursor]) -> None:
        info.rhs = rhs
        if rhs is None:
            return
        key, kind = self.var_of(rhs)
        if kind == IRP_VAR:
            info.rhs_irp = key
        e = strip_casts(rhs, self.kids)
        if e is not None and e.kind == K.CALL_EXPR:
            info.rhs_call = canonical_name(callee_name(e))
        elif e is not None and constant_value(e) == 0:
            info.rhs_null = True

    def _cancel_setting(self, call: Call) -> Optional[tuple]:
        if call.name == "IoSetCancelRoutine":
            key, kind = self.var_of(call.arg(0))
        elif call.name in ("InterlockedExchangePointer", "_InterlockedExchangePointer"):
            e = strip_casts(call.arg(0), self.kids)
            if e is None or e.kind != K.UNARY_OPERATOR or unary_op(e) != UO_ADDROF:
                return None
            kids = self.kids(e)
            m = strip_casts(kids[0], self.kids) if kids else None
            if m is None or m.kind != K.MEMBER_REF_EXPR or m.spelling != "CancelRoutine":
                return None
            kids = self.kids(m)
            key, kind = self.var_of(kids[0]) if kids else (None, None)
        else:
            return None
        if kind != IRP_VAR or call.arg(1) is None:
            return None
        return key, constant_value(strip_casts(call.arg(1), self.kids)) == 0

    def _touches(self, root: Cursor, cancel_reads: Optional[list] = None) -> list:
        """IRP variables dereferenced by the node itself (not by nested calls); the IRP
        variables whose ``Cancel`` member it reads are added to ``cancel_reads``."""
        out = []
        stack = [root]
        while stack:
            n = stack.pop()
            k = n.kind
            if n is not root and k == K.CALL_EXPR:
                continue
            if k == K.CXX_UNARY_EXPR:  # sizeof / alignof: not evaluated
                continue
            kids = self.kids(n)
            if k == K.MEMBER_REF_EXPR and kids:
                base = strip_casts(kids[0], self.kids)
                if base is not None and base.kind == K.DECL_REF_EXPR \
                        and base.type.get_canonical().kind == TypeKind.POINTER:
                    key, kind = self.var_of(base)
                    if kind == IRP_VAR and key not in out:
                        out.append(key)
                    if kind == IRP_VAR and cancel_reads is not None and n.spelling == "Cancel":
                        cancel_reads.append(key)
            elif k == K.UNARY_OPERATOR and kids and unary_op(n) == UO_DEREF:
                key, kind = self.var_of(kids[0])
                if kind == IRP_VAR and key not in out:
                    out.append(key)
            stack.extend(kids)
        return out

    # -- conditions ---------------------------------------------------------------------------
    def operand(self, expr: Optional[Cursor]):
        """How to find a tested value: ("var", key) | ("call", idx) | ("iost", irpkey) |
        ("irp", key) | None."""
        e = strip_casts(expr, self.kids)
        if e is None:
            return None
        if e.kind == K.BINARY_OPERATOR and binary_op(e) == BO_ASSIGN:
            kids = self.kids(e)
            return self.operand(kids[0]) if kids else None
        key, kind = self.var_of(e)
        if kind == SCALAR_VAR:
            return ("var", key)
        if kind == IRP_VAR:
            return ("irp", key)
        if e.kind == K.CALL_EXPR:
            return ("call", self.node(e).idx)
        irp = self._iost_target(e)
        if irp is not None:
            return ("iost", irp)
        return None

    def cond(self, cond: Cursor):
        got = self._conds.get(id(cond))
        if got is None:
            got = self._conds[id(cond)] = self._cond(cond) or ()
            self._keep.append(cond)
        return got or None

    def _cond(self, cond: Cursor):
        test = success_test(cond)
        if test is not None:
            op = self.operand(test[0])
            return ("success", op, test[1]) if op is not None else None
        e = strip_casts(cond, self.kids)
        if e is None:
            return None
        sides = constant_comparison(e, self.kids)
        if sides is not None:
            for a, v, eq in sides:
                op = self.operand(a)
                if op is None:
                    continue
                if op[0] == "irp":
                    return ("irpnull", op[1], eq) if v == 0 else None
                return ("eq", op, v, eq)
            return None
        if e.kind == K.MEMBER_REF_EXPR and e.spelling == "PendingReturned":
            kids = self.kids(e)
            key, kind = self.var_of(kids[0]) if kids else (None, None)
            return ("pr", key) if kind == IRP_VAR else None
        op = self.operand(e)
        if op is not None:
            if op[0] == "irp":
                return ("irpnull", op[1], False)
            return ("truth", op)
        keys = set()
        if self._arith(e, keys) and len(keys) == 1:
            return ("expr", e, next(iter(keys)))
        return None

    def _arith(self, e: Cursor, keys: set, depth: int = 0) -> bool:
        """Whether ``e`` is integer arithmetic over constants and tracked scalar variables
        (collected in ``keys``) that :func:`evaluate` can compute."""
        e = strip_casts(e, self.kids)
        if e is None or depth > 12:
            return False
        if constant_value(e) is not None:
            return True
        key, kind = self.var_of(e)
        if kind == SCALAR_VAR:
            keys.add(key)
            return True
        if e.kind == K.BINARY_OPERATOR and binary_op(e) in _ARITH_BINARY:
            return all(self._arith(c, keys, depth + 1) for c in self.kids(e))
        if e.kind == K.UNARY_OPERATOR and unary_op(e) in _ARITH_UNARY:
            return all(self._arith(c, keys, depth + 1) for c in self.kids(e))
        return False

    def evaluate(self, e: Cursor, key: str, value: int) -> Optional[int]:
        """``e`` (accepted by :meth:`_arith`) computed with variable ``key`` = ``value``."""
        e = strip_casts(e, self.kids)
        c = constant_value(e)
        if c is not None:
            return c
        k, kind = self.var_of(e)
        if k is not None:
            return value if k == key else None
        kids = self.kids(e)
        vals = [self.evaluate(x, key, value) for x in kids]
        if any(v is None for v in vals):
            return None
        if e.kind == K.UNARY_OPERATOR:
            op, (a,) = unary_op(e), vals
            return {7: a, 8: -a, 9: ~a, 10: int(not a)}.get(op)
        op, (a, b) = binary_op(e), vals
        try:
            return {3: lambda: a * b, 4: lambda: int(a / b), 5: lambda: a % b, 6: lambda: a + b,
                    7: lambda: a - b, 8: lambda: a << b, 9: lambda: a >> b, 11: lambda: int(a < b),
                    12: lambda: int(a > b), 13: lambda: int(a <= b), 14: lambda: int(a >= b),
                    15: lambda: int(a == b), 16: lambda: int(a != b), 17: lambda: a & b,
                    18: lambda: a ^ b, 19: lambda: a | b, 20: lambda: int(bool(a and b)),
                    21: lambda: int(bool(a or b))}[op]()
        except (KeyError, ZeroDivisionError, ValueError):
            return None


_ARITH_BINARY = frozenset(range(3, 22)) - {10}
_ARITH_UNARY = frozenset({7, 8, 9, 10})

#: Calls whose result the model gives a value to even when no argument is tracked.
_RESULT_APIS = frozenset({"IoCallDriver", "PoCallDriver"})

__all__ = ["Decoder", "NodeInfo", "Arg", "IRP_VAR", "SCALAR_VAR", "is_irp_type",
           "UO_ADDROF"]
