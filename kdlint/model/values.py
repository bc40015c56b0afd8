"""Access paths: how the models name "the same object" across the expressions of a function.

Every lattice in :mod:`kdlint.model` is keyed by the objects a rule can name: the event
``&Ctx->StopEvent``, the IRP ``Irp``, the handle ``ThreadHandle``, the lock ``&ext->Lock``.
:func:`path_of` turns an expression into an :class:`AccessPath` that two spellings of one object
share, and :func:`root_kind` says where the root variable lives.

- Casts, parentheses and the implicit wrappers are looked through: ``(PKEVENT)&ctx->Event`` and
  ``&ctx->Event`` give the same path.
- ``&x`` gives the path of ``x`` with ``address_of`` set; ``*p`` and ``p[0]`` give ``p``'s path
  plus a ``*`` step. ``p->f`` is ``(*p).f``: the ``->`` and ``.`` forms of one field are equal.
- Roots are declarations, keyed by their USR (two locals named ``i`` in different functions or
  scopes stay apart) and shown by their spelling.
- Anything else (calls, arithmetic, array elements with a non-constant index) has no path: None.
  A model that meets one treats the object as unknown rather than guessing.

The module holds no lattice state: the models keep their own maps from paths to lattice
values. :func:`path_of` remembers its answers for the cursors of the current translation unit
(the models ask about the same expressions many times: 73,000 calls for 25,000 expressions on
dokany).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Optional

from clang.cindex import Cursor, CursorKind as K, StorageClass, TypeKind

from kdlint.cursors import constant_value, strip_casts
from kdlint.flow.cfg import UO_ADDROF, UO_DEREF, children, unary_op


class RootKind(str, enum.Enum):
    """Where the root variable of a path is declared."""

    LOCAL = "local"          # automatic variable: the function's stack
    STATIC_LOCAL = "static"  # `static` inside a function: global storage
    PARAM = "param"
    GLOBAL = "global"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class AccessPath:
    """``root`` then ``steps`` (field names, ``*`` for a dereference, ``[n]`` for a constant
    index), and whether the expression took the address of that object."""

    root: str                 # the root declaration's USR (or spelling when it has none)
    name: str                 # the root's spelling, for messages
    steps: tuple = ()
    address_of: bool = False

    def object(self) -> "AccessPath":
        """The object itself: ``&x`` and ``x`` name the same storage."""
        return AccessPath(self.root, self.name, self.steps, False) if self.address_of else self

    def deref(self) -> "AccessPath":
        """The object a pointer-valued path points to (``p`` → ``*p``; ``&x`` → ``x``)."""
        if self.address_of:
            return self.object()
        return AccessPath(self.root, self.name, self.steps + ("*",), False)

    def startswith(self, other: "AccessPath") -> bool:
        """Whether ``other`` is this path or one of its prefixes (a containing object)."""
        return self.root == other.root and self.steps[:len(other.steps)] == other.steps

    @property
    def text(self) -> str:
        """C-like spelling: ``Ctx->StopEvent``, ``&event``, ``*p``."""
        out = self.name
        steps = list(self.steps)
        i = 0
        while i < len(steps):
            s = steps[i]
            if s == "*" and i + 1 < len(steps) and steps[i + 1] not in ("*",) and not steps[i + 1].startswith("["):
                out += "->" + steps[i + 1]
                i += 2
                continue
            if s == "*":
                out = "*" + out
            elif s.startswith("["):
                out += s
            else:
                out += "." + s
            i += 1
        return ("&" + out) if self.address_of else out


def decl_key(decl: Cursor) -> str:
    return decl.get_usr() or f"{decl.spelling}@{decl.location.line}:{decl.location.column}"


#: path_of's answers for the cursors of one translation unit, keyed by the cursor's bytes (its
#: kind and libclang's pointers identify it within the TU). The TU is held while its answers are
#: kept, so its memory (and so its cursors' pointers) cannot be reused by another TU meanwhile.
_memo: dict = {}
_memo_tu: list = [None]
_MEMO_MAX = 200_000


def path_of(expr: Optional[Cursor]) -> Optional[AccessPath]:
    """The access path of an lvalue-ish expression, or None when it has none."""
    if expr is None:
        return None
    tu = getattr(expr, "_tu", None)
    if tu is None:
        return _path_of(expr)
    if _memo_tu[0] is not tu or len(_memo) > _MEMO_MAX:
        _memo.clear()
        _memo_tu[0] = tu
    key = bytes(expr)
    try:
        return _memo[key]
    except KeyError:
        got = _memo[key] = _path_of(expr)
        return got


def _path_of(expr: Cursor) -> Optional[AccessPath]:
    expr = strip_casts(expr, children)
    if expr is None:
        return None
    k = expr.kind
    if k == K.DECL_REF_EXPR:
        decl = expr.referenced
        if decl is None or decl.kind not in (K.VAR_DECL, K.PARM_DECL):
            return None
        return AccessPath(decl_key(decl), decl.spelling)
    if k == K.MEMBER_REF_EXPR:
        kids = children(expr)
        if not kids:
            return None
        base_expr = kids[0]
        base = path_of(base_expr)
        if base is None:
            return None
        through_pointer = strip_casts(base_expr, children).type.get_canonical().kind == TypeKind.POINTER
        if through_pointer:
            base = base.deref()
        elif base.address_of:
            return None
        return AccessPath(base.root, base.name, base.steps + (expr.spelling,))
    if k == K.UNARY_OPERATOR:
        kids = children(expr)
        if not kids:
            return None
        op = unary_op(expr)
        inner = path_of(kids[0])
        if inner is None:
            return None
        if op == UO_ADDROF:
            return None if inner.address_of else AccessPath(inner.root, inner.name, inner.steps, True)
        if op == UO_DEREF:
            return inner.deref()
        return None
    if k == K.ARRAY_SUBSCRIPT_EXPR:
        kids = children(expr)
        if len(kids) != 2:
            return None
        base, index = path_of(kids[0]), constant_value(kids[1])
        if base is None or index is None:
            return None
        step = "*" if index == 0 else f"[{index}]"
        if base.address_of:
            return base.object() if index == 0 else None
        return AccessPath(base.root, base.name, base.steps + (step,))
    return None


def root_decl(expr: Optional[Cursor]) -> Optional[Cursor]:
    """The VAR_DECL / PARM_DECL at the root of ``expr``'s access path."""
    expr = strip_casts(expr, children)
    while expr is not None:
        if expr.kind == K.DECL_REF_EXPR:
            decl = expr.referenced
            return decl if decl is not None and decl.kind in (K.VAR_DECL, K.PARM_DECL) else None
        if expr.kind in (K.MEMBER_REF_EXPR, K.UNARY_OPERATOR, K.ARRAY_SUBSCRIPT_EXPR):
            kids = children(expr)
            expr = strip_casts(kids[0], children) if kids else None
            continue
        return None
    return None


def root_kind(decl: Optional[Cursor]) -> RootKind:
    """Where a root declaration lives."""
    if decl is None:
        return RootKind.UNKNOWN
    if decl.kind == K.PARM_DECL:
        return RootKind.PARAM
    if decl.kind != K.VAR_DECL:
        return RootKind.UNKNOWN
    parent = decl.semantic_parent
    in_function = parent is not None and parent.kind == K.FUNCTION_DECL
    if not in_function:
        return RootKind.GLOBAL
    if decl.storage_class in (StorageClass.STATIC, StorageClass.EXTERN):
        return RootKind.STATIC_LOCAL
    return RootKind.LOCAL


def on_stack(expr: Optional[Cursor]) -> bool:
    """Whether ``expr`` names (or takes the address of) storage in the function's own frame:
    a local variable, a field of one, or an element of a local array. Locals reached through a
    pointer (``p->f`` with ``p`` a local pointer) are not the stack."""
    path = path_of(expr)
    if path is None or "*" in path.steps:
        return False
    return root_kind(root_decl(expr)) == RootKind.LOCAL
