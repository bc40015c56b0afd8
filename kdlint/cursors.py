"""Small helpers over clang.cindex cursors; nothing rule-specific lives here.

- :func:`main_functions` lists the function definitions of the main file (header ASTs are ~97 %
  of a TU's nodes and are never walked).
- :func:`unwrap` strips the implicit casts and parentheses libclang wraps around expressions.
- :class:`Call` is a call expression with its callee name folded through :data:`ALIASES`
  (the WDK spells several APIs as macros: ``IoCompleteRequest`` → ``IofCompleteRequest``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

from clang.cindex import Cursor, CursorKind, TypeKind

from kdlint.libclang import children, evaluate_int, is_from_main_file
from kdlint.source import as_utf8, file_text

#: Callee spellings after macro expansion → the documented API name rules use.
ALIASES = {
    "IofCompleteRequest": "IoCompleteRequest",
    "IofCallDriver": "IoCallDriver",
    "ObfDereferenceObject": "ObDereferenceObject",
    "ObfReferenceObject": "ObReferenceObject",
    "KfRaiseIrql": "KeRaiseIrql",
    "KfLowerIrql": "KeLowerIrql",
    "KfAcquireSpinLock": "KeAcquireSpinLock",
    "KfReleaseSpinLock": "KeReleaseSpinLock",
    "KeAcquireSpinLockRaiseToDpc": "KeAcquireSpinLock",
    "ExAllocatePoolWithTagPriority": "ExAllocatePoolWithTagPriority",
}

_TRANSPARENT = {CursorKind.UNEXPOSED_EXPR, CursorKind.PAREN_EXPR}
_CAST_LIKE = _TRANSPARENT | {CursorKind.CSTYLE_CAST_EXPR}
# the same as kind ids: ``cursor._kind_id`` is a plain field, ``cursor.kind`` a lookup
_TRANSPARENT_IDS = frozenset(k.value for k in _TRANSPARENT)
_CAST_LIKE_IDS = frozenset(k.value for k in _CAST_LIKE)


def canonical_name(name: str) -> str:
    """The documented API name for a callee spelling."""
    return ALIASES.get(name, name)


def unwrap(cursor: Optional[Cursor]) -> Optional[Cursor]:
    """Strip implicit casts and parentheses (explicit casts stay: they are the user's)."""
    while cursor is not None and cursor._kind_id in _TRANSPARENT_IDS:
        kids = children(cursor)
        if len(kids) != 1:
            break
        cursor = kids[0]
    return cursor


def strip_casts(expr: Optional[Cursor], kids_of=None) -> Optional[Cursor]:
    """Look through parentheses and implicit *and* explicit casts (``(BOOLEAN)TRUE`` → the
    literal). ``kids_of`` fetches children (a cache such as ``Tree.children``); default libclang."""
    while expr is not None and expr._kind_id in _CAST_LIKE_IDS:
        kids = kids_of(expr) if kids_of is not None else children(expr)
        if not kids:
            break
        expr = kids[-1]
    return expr


def initializer(var: Cursor, kids_of=None) -> Optional[Cursor]:
    """The initialiser expression of a VAR_DECL (its last expression child; the type references
    before it are not), or None. ``kids_of`` as for :func:`strip_casts`."""
    kids = kids_of(var) if kids_of is not None else children(var)
    return next((c for c in reversed(kids) if 100 <= c._kind_id < 200), None)


def main_functions(tu) -> Iterator[Cursor]:
    """Function definitions whose body is in the main file, in source order."""
    for cursor in tu.cursor.get_children():
        if cursor.kind == CursorKind.FUNCTION_DECL and cursor.is_definition() \
                and is_from_main_file(cursor):
            yield cursor


def walk(cursor: Cursor) -> Iterator[Cursor]:
    """Pre-order walk of ``cursor`` and everything below it."""
    stack = [cursor]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(children(node)))


def callee_name(call: Cursor) -> str:
    """The called function's name, or '' for calls through pointers we cannot name."""
    ref = call.referenced
    if ref is not None and ref.kind == CursorKind.FUNCTION_DECL:
        return ref.spelling
    # implicit declarations and unresolved callees: the first child names the callee
    kids = children(call)
    if kids:
        first = unwrap(kids[0])
        if first is not None and first.kind == CursorKind.DECL_REF_EXPR:
            return first.spelling
    return call.spelling or ""


def referenced_decl(expr: Optional[Cursor]) -> Optional[Cursor]:
    """The declaration a (possibly wrapped) name expression refers to, if it is one."""
    expr = unwrap(expr)
    if expr is not None and expr.kind == CursorKind.DECL_REF_EXPR:
        return expr.referenced
    return None


def constant_value(expr: Optional[Cursor]) -> Optional[int]:
    """The value of an integer constant expression (``FALSE``, ``(BOOLEAN)1``, an enumerator)."""
    return evaluate_int(expr) if expr is not None else None


def is_literal(expr: Optional[Cursor]) -> bool:
    """True for an integer literal, also behind casts and macros such as ``TRUE``."""
    expr = strip_casts(expr)
    return expr is not None and expr.kind == CursorKind.INTEGER_LITERAL


def enum_of_constant(decl: Optional[Cursor]) -> Optional[str]:
    """For an enumerator declaration, the enum's type name (typedef name when it has one)."""
    if decl is None or decl.kind != CursorKind.ENUM_CONSTANT_DECL:
        return None
    parent = decl.semantic_parent
    return parent.type.spelling if parent is not None else None


def type_name(expr: Optional[Cursor]) -> str:
    """The spelling of an expression's type as written by the typedefs ('' if unknown)."""
    expr = unwrap(expr)
    if expr is None or expr.type.kind == TypeKind.INVALID:
        return ""
    return expr.type.spelling


def source_text(cursor: Cursor) -> str:
    """The cursor's text as written in its file (macro names, not their expansion)."""
    ext = cursor.extent
    if ext.start.file is not None and ext.start.file.name == (ext.end.file.name if ext.end.file else None):
        raw = (file_text(ext.start.file.name) or "")[ext.start.offset:ext.end.offset]
        if raw:
            return as_utf8(raw)
    return " ".join(t.spelling for t in cursor.get_tokens())


@dataclass
class Call:
    """One call expression in a function body."""

    cursor: Cursor
    name: str  # canonical API name
    args: list  # argument cursors, as written (use unwrap() to look through casts)

    @classmethod
    def from_cursor(cls, cursor: Cursor) -> "Call":
        return cls(cursor, canonical_name(callee_name(cursor)), list(cursor.get_arguments()))

    def arg(self, i: int) -> Optional[Cursor]:
        return self.args[i] if i < len(self.args) else None

    def arg_text(self, i: int) -> str:
        arg = self.arg(i)
        return source_text(arg) if arg is not None else ""
