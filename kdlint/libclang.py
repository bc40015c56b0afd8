"""The one place that loads libclang: the PyPI wheel's own library, never a system one.

``clang.cindex`` from the ``libclang`` wheel finds its bundled ``native/libclang.*`` itself, but a
stray ``LIBCLANG_LIBRARY_PATH`` or the bindings-only ``clang`` package can point it elsewhere
(PARSING.md §3.1), so the library file is set explicitly before first use. Also registers the
functions the bindings do not wrap (``clang_Location_isFromMainFile``).
"""
from __future__ import annotations

import ctypes
import os
import sys
import weakref
from functools import lru_cache

import clang.cindex as cindex

#: Parse option missing from cindex.py (PARSING.md §3.3): report fatal errors and keep going.
PARSE_KEEP_GOING = 0x200


class LibclangUnavailable(RuntimeError):
    """libclang could not be loaded; the message says what to install."""


def library_file() -> str | None:
    """The libclang wheel's own library file, or None when it is not there."""
    native = os.path.join(os.path.dirname(cindex.__file__), "native")
    names = {"win32": "libclang.dll", "darwin": "libclang.dylib"}
    candidate = os.path.join(native, names.get(sys.platform, "libclang.so"))
    return candidate if os.path.exists(candidate) else None


@lru_cache(maxsize=1)
def index() -> cindex.Index:
    """A process-wide Index (create lazily; raises LibclangUnavailable)."""
    if not cindex.Config.loaded:
        path = library_file()
        if path:
            cindex.Config.set_library_file(path)
    try:
        idx = cindex.Index.create()
        _register_extras()
    except Exception as exc:  # cindex raises LibclangError or OSError
        raise LibclangUnavailable(
            f"cannot load libclang ({exc}); install it with `pip install libclang==18.1.1`"
        ) from None
    return idx


@lru_cache(maxsize=1)
def pch_index() -> cindex.Index:
    """An Index whose translation units' top level leaves out the declarations of a
    precompiled header (``excludeDeclarationsFromPCH``): a parse through :mod:`kdlint.pch`
    then visits only the main file's own declarations, as :func:`main_file_functions` wants,
    instead of deserialising every header declaration."""
    index()
    return cindex.Index.create(excludeDecls=True)


def version() -> str:
    """libclang's own version string, e.g. 'clang version 18.1.1'."""
    index()
    lib = cindex.conf.lib
    fn = lib.clang_getClangVersion
    fn.restype = cindex._CXString
    fn.errcheck = cindex._CXString.from_result
    return fn()


_is_from_main_file = None
_EVAL_INT = 1  # CXEval_Int


def _fast_kinds() -> None:
    """``Cursor.kind`` and ``Type.kind`` without ``from_id``'s bounds and None checks: the
    analyses ask for kinds millions of times per corpus (1.5 M on dokany, a tenth of the
    analysis time). Same values; an id the bindings do not know still raises ValueError."""
    for cls, kind_cls in ((cindex.Cursor, cindex.CursorKind), (cindex.Type, cindex.TypeKind)):
        table = kind_cls._kinds
        slow = kind_cls.from_id

        def kind(self, _table=table, _slow=slow):
            try:
                got = _table[self._kind_id]
            except IndexError:
                got = None
            return got if got is not None else _slow(self._kind_id)

        cls.kind = property(kind, doc="Return the kind of this cursor (or type).")


#: What ``Cursor._referenced`` holds for a cursor that refers to itself.
_ITSELF = object()


def _one_object_per_declaration() -> None:
    """``Cursor.referenced`` gives one Python object per declaration of the file being analysed
    (see :func:`share_children`), and ``Cursor.get_usr`` is remembered on the object.

    libclang builds a new cursor object for every ``referenced`` call on a new reference, so
    the 30 references to one local were 30 objects, each asking libclang again for its USR,
    spelling, type and parent (the bindings remember those per *object*), and the models'
    caches keyed by object identity missed. The same answers, from fewer calls: a cursor's USR
    never changes, and the object returned is equal (``clang_equalCursors``) to the one
    libclang gave."""
    cursor_cls = cindex.Cursor
    referenced_of = cindex.conf.lib.clang_getCursorReferenced
    usr_of = cindex.conf.lib.clang_getCursorUSR

    def referenced(self):
        try:
            got = self._referenced
        except AttributeError:
            got = referenced_of(self)
            if got is not None:
                got = _interned(got)
            # a declaration refers to itself: remembered without a reference cycle
            self._referenced = _ITSELF if got is self else got
            return got
        return self if got is _ITSELF else got

    def get_usr(self):
        try:
            return self._usr
        except AttributeError:
            got = self._usr = usr_of(self)
            return got

    cursor_cls.referenced = property(referenced, doc=cursor_cls.referenced.__doc__)
    cursor_cls.get_usr = get_usr


def _fast_cursor_results() -> None:
    """The bindings' checks of a returned cursor (``Cursor.from_result`` and
    ``from_cursor_result``, run on every ``referenced``, ``semantic_parent``, ``canonical``,
    argument ... result) compare it with ``clang_getNullCursor()`` through
    ``clang_equalCursors``: two libclang calls per cursor. The null cursor's kind is
    ``CXCursor_InvalidFile`` and ``clang_equalCursors`` compares kinds, so a cursor of any other
    kind is not null: only those of that kind take the bindings' own check. Same results (the
    translation unit is recorded as the bindings do)."""
    lib = cindex.conf.lib
    cursor_cls = cindex.Cursor
    null_kind = lib.clang_getNullCursor()._kind_id
    slow_result, slow_cursor_result = cursor_cls.from_result, cursor_cls.from_cursor_result
    translation_unit = cindex.TranslationUnit

    def from_result(res, fn, args):
        if res._kind_id == null_kind:
            return slow_result(res, fn, args)
        for arg in args:  # as the bindings: the first argument that knows the TU
            if isinstance(arg, translation_unit):
                res._tu = arg
                return res
            if hasattr(arg, "translation_unit"):
                res._tu = arg.translation_unit
                return res
        return slow_result(res, fn, args)  # the bindings' assertion

    def from_cursor_result(res, fn, args):
        if res._kind_id == null_kind:
            return slow_cursor_result(res, fn, args)
        res._tu = args[0]._tu
        return res

    fast = {slow_result: from_result, slow_cursor_result: from_cursor_result}
    for item in cindex.functionList:
        function = getattr(lib, item[0], None) if len(item) > 3 and item[3] in fast else None
        if function is not None:
            function.errcheck = fast[item[3]]


def _interned(decl: cindex.Cursor) -> cindex.Cursor:
    """The first cursor object seen for ``decl`` in the file being analysed (keyed by the
    cursor's bytes: its kind and libclang's pointers; the table lives and dies with the owner
    :func:`share_children` registered, which holds the translation unit); ``decl`` itself for
    any other translation unit."""
    ref = _shared[0]
    owner = ref() if ref is not None else None
    if owner is None or decl._tu is not owner.tu:
        return decl
    table = owner._declarations
    key = bytes(decl)
    got = table.get(key)
    if got is None:
        got = table[key] = decl
    return got


def _register_extras() -> None:
    global _is_from_main_file
    _fast_kinds()
    _fast_cursor_results()
    _one_object_per_declaration()
    lib = cindex.conf.lib
    fn = lib.clang_Location_isFromMainFile
    fn.argtypes = [cindex.SourceLocation]
    fn.restype = ctypes.c_int
    _is_from_main_file = fn
    lib.clang_Cursor_Evaluate.argtypes = [cindex.Cursor]
    lib.clang_Cursor_Evaluate.restype = ctypes.c_void_p
    lib.clang_EvalResult_getKind.argtypes = [ctypes.c_void_p]
    lib.clang_EvalResult_getKind.restype = ctypes.c_int
    lib.clang_EvalResult_getAsLongLong.argtypes = [ctypes.c_void_p]
    lib.clang_EvalResult_getAsLongLong.restype = ctypes.c_longlong
    lib.clang_EvalResult_dispose.argtypes = [ctypes.c_void_p]
    lib.clang_EvalResult_dispose.restype = None


def evaluate_int(cursor: cindex.Cursor) -> int | None:
    """The value of an integer constant expression (macros and enumerators folded), else None."""
    lib = cindex.conf.lib
    result = lib.clang_Cursor_Evaluate(cursor)
    if not result:
        return None
    try:
        if lib.clang_EvalResult_getKind(result) != _EVAL_INT:
            return None
        return int(lib.clang_EvalResult_getAsLongLong(result))
    finally:
        lib.clang_EvalResult_dispose(result)


def is_from_main_file(cursor: cindex.Cursor) -> bool:
    """True when the cursor's start lies in the main file (not a header, not a macro in one)."""
    return bool(_is_from_main_file(cursor.location))


_FUNCTION_DECL = cindex.CursorKind.FUNCTION_DECL.value


def main_file_functions(tu: cindex.TranslationUnit) -> list:
    """Function definitions whose start is in the main file, in source order: what
    :func:`kdlint.cursors.main_functions` yields, at a fraction of the cost. The top level of a
    TU holds every header declaration (thousands); the bindings' ``get_children`` runs a null
    check through libclang and builds a list for each of them, this visitor only looks at the
    kind, in Python, and keeps function declarations."""
    index()
    found: list = []

    def visit(child, _parent, _data):
        if child._kind_id == _FUNCTION_DECL:
            found.append(child)
        return 1  # CXChildVisit_Continue

    cindex.conf.lib.clang_visitChildren(tu.cursor, cindex.callbacks["cursor_visit"](visit), None)
    out = []
    for c in found:
        c._tu = tu
        if c.is_definition() and is_from_main_file(c):
            out.append(c)
    return out


# --- children of a cursor ---------------------------------------------------------------------

_VISIT = cindex.callbacks["cursor_visit"]
_CONTINUE = 1

#: Kinds that never have children in C (checked over the corpora): no libclang call for them.
_CHILDLESS = frozenset(k.value for k in (
    cindex.CursorKind.DECL_REF_EXPR, cindex.CursorKind.INTEGER_LITERAL,
    cindex.CursorKind.FLOATING_LITERAL, cindex.CursorKind.STRING_LITERAL,
    cindex.CursorKind.CHARACTER_LITERAL, cindex.CursorKind.TYPE_REF, cindex.CursorKind.LABEL_REF,
    cindex.CursorKind.MEMBER_REF, cindex.CursorKind.NULL_STMT, cindex.CursorKind.BREAK_STMT,
    cindex.CursorKind.CONTINUE_STMT, cindex.CursorKind.SEH_LEAVE_STMT,
    cindex.CursorKind.ANNOTATE_ATTR, cindex.CursorKind.UNEXPOSED_ATTR))

# One ctypes callback for every fetch (making one per call costs more than the visit itself);
# a fetch never starts another, so the target list can live in a module-level slot.
_target: list = [None, None]  # [list being filled, translation unit to pin]


def _collect(child, parent, _):
    child._tu = _target[1]
    _target[0].append(child)
    return _CONTINUE


def _collect_shared(child, parent, _):
    _target[0].append(child)  # its translation unit is the class-wide one (see share_children)
    return _CONTINUE


_COLLECT = _VISIT(_collect)
_COLLECT_SHARED = _VISIT(_collect_shared)


#: ``weakref`` to the object whose ``tu`` and ``_store`` (children by cursor id, kept cursors)
#: the fetch shares, and whose ``_declarations`` (cursor bytes -> the one object of that
#: declaration) ``Cursor.referenced`` shares: the call graph of the file being analysed (see
#: :func:`share_children`).
_shared: list = [None]

#: ``weakref`` to the owner (see :func:`share_children`) whose translation unit is
#: ``Cursor._tu``, the class-wide default: the children a fetch gets from that translation unit
#: are not given a ``_tu`` of their own. Setting that attribute on each of the file's hundreds
#: of thousands of cursors was a fifth of a fetch's time and gave each cursor an attribute
#: dictionary (a sixth of a large file's analysis memory). Only a file whose owner is the
#: first alive takes the default, so a cursor never sees it change while its file lives.
_default: list = [None]


def share_children(owner) -> None:
    """Let :func:`children` answer from, and add to, ``owner._store`` (a ``(children by cursor
    id, kept cursors)`` pair, :class:`kdlint.flow.cfg.Tree`'s) for cursors of ``owner.tu``, so
    that each cursor's children are fetched from libclang once per file whoever asks. Only a
    weak reference is kept: the store dies with its owner. An owner of the same translation
    unit that is still alive keeps the place. The owner's translation unit also becomes
    ``Cursor._tu`` (see :data:`_default`) unless another owner alive holds that place; the
    owner gives it back with :func:`unshare_children`."""
    ref = _shared[0]
    current = ref() if ref is not None else None
    if current is not None and current.tu is owner.tu:
        return
    _shared[0] = weakref.ref(owner)
    ref = _default[0]
    holder = ref() if ref is not None else None
    if owner.tu is not None and (holder is None or holder.tu is owner.tu):
        _default[0] = weakref.ref(owner)
        cindex.Cursor._tu = owner.tu


def unshare_children(owner) -> None:
    """The end of ``owner``'s file (see :func:`share_children`): its translation unit stops
    being the cursors' default one (its cursors are not to be used after this)."""
    ref = _default[0]
    if ref is not None and ref() is owner:
        _default[0] = None
        if "_tu" in cindex.Cursor.__dict__:
            del cindex.Cursor._tu
    ref = _shared[0]
    if ref is not None and ref() is owner:
        _shared[0] = None


def children(cursor: cindex.Cursor) -> list:
    """``list(cursor.get_children())``, faster: no per-child null-cursor assertion, one shared
    callback, no libclang call for kinds that have no children, and none for a cursor object
    whose children were already fetched in the file being analysed (a new list each time: the
    caller may change it)."""
    if cursor._kind_id in _CHILDLESS:
        return []
    ref = _shared[0]
    owner = ref() if ref is not None else None
    if owner is not None and cursor._tu is owner.tu:
        kids, keep = owner._store
        got = kids.get(id(cursor))  # kept cursors stay alive: an id is never reused meanwhile
        if got is None:
            got = kids[id(cursor)] = fetch_children(cursor)
            keep.append(cursor)
            keep.extend(got)
        return list(got)
    return fetch_children(cursor)


def fetch_children(cursor: cindex.Cursor) -> list:
    """The children of ``cursor`` from libclang, always (a cache's own fetch)."""
    if cursor._kind_id in _CHILDLESS:
        return []
    out: list = []
    tu = cursor._tu
    _target[0], _target[1] = out, tu
    shared = tu is not None and tu is cindex.Cursor.__dict__.get("_tu")
    try:
        cindex.conf.lib.clang_visitChildren(cursor, _COLLECT_SHARED if shared else _COLLECT, None)
    finally:
        _target[0] = _target[1] = None
    return out
