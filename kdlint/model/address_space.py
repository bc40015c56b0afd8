"""Address spaces: which pointer values point into user memory, and what protects each access.

A forward dataflow analysis (:class:`UserMemoryFlow`) over one function gives every tracked
value (locals, parameters, fields of local structures) a set of :class:`Source` s. A source says
where the value came from and which *space* it lives in:

- ``user``: a user-mode address — ``Parameters.DeviceIoControl.Type3InputBuffer`` (also
  ``FileSystemControl``), ``Irp->UserBuffer`` on a path where the IOCTL's transfer method is
  known to be ``METHOD_NEITHER`` (the ``case`` label's ``CTL_CODE`` or a ``(code & 3) ==
  METHOD_NEITHER`` test), a pointer read out of any user-controlled buffer (a user buffer, the
  METHOD_BUFFERED ``SystemBuffer``, or a captured copy of either), and a parameter of a helper
  that a caller in the file passes such a pointer;
- ``kernel``: ``SystemBuffer`` (kernel memory with user-controlled contents), pool allocations,
  the address of a local, a string literal;
- ``data`` / ``handle``: a scalar or a ``HANDLE`` read out of user-controlled memory (a user
  handle must be referenced with the caller's mode);
- ``length``: ``InputBufferLength`` / ``OutputBufferLength`` of the IOCTL;
- ``mapping``: the result of ``MmGetSystemAddressForMdlSafe`` / ``MmMapLockedPagesSpecifyCache``
  (NULL when the system runs low on page-table entries).

Per program point the state also holds: which user sources were probed (``ProbeForRead`` /
``ProbeForWrite`` / ``ProbeAndRead*`` / ``ProbeForReadSmallStructure``, with the probed length:
a constant, the IOCTL's input/output length, or an unknown expression), the caller's processor
mode when a guard on ``Irp->RequestorMode`` / ``ExGetPreviousMode()`` decided it
(:func:`kdlint.model.modes.mode_test`), the IOCTL transfer method of the path and the ``case``
label that decided it, the bounds established on the buffer lengths (``InputBufferLength >=
sizeof(FOO)`` on this path), the user locations already read (double fetch), and the mapping
results not yet tested for NULL.

A value copied into kernel memory (``RtlCopyMemory(&local, user, n)``, ``x = user->Field``) is
*captured*: later uses of the copy are not user accesses (pointers read out of the copy are still
user pointers). Whether an access sits inside ``__try`` with an ``__except`` handler is lexical,
plus the caller's context for helpers whose every call site is guarded.

Interprocedural: parameters get the sources of the arguments their callers in the file pass
(call-site propagation, callers first; a recursive cycle is cut), together with the probes the
caller made, the caller's mode on that path and whether every call sits in a guarded ``__try``.

:func:`user_memory` gives the :class:`FunctionUserMemory` of a function; rules ask it for
:meth:`~FunctionUserMemory.accesses`, :meth:`~FunctionUserMemory.state_before` and
:meth:`~FunctionUserMemory.value`.
"""
from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from clang.cindex import Cursor, CursorKind as K, LinkageKind, TypeKind

from kdlint.cursors import Call, callee_name, canonical_name, constant_value, source_text, strip_casts
from kdlint.flow.cfg import (BO_ASSIGN, UO_ADDROF, UO_DEREF, Edge, EdgeKind, binary_op, children,
                             unary_op)
from kdlint.flow.solver import Analysis, solve
from kdlint.flow.summaries import SummaryAnalysis
from kdlint.model.modes import ASSIGNING_KINDS, mode_test
from kdlint.source import as_utf8, file_text
from kdlint.model.values import AccessPath, path_of

if TYPE_CHECKING:  # pragma: no cover
    from kdlint.flow.facts import FunctionFacts

# CXBinaryOperatorKind values used here
BO_ADD, BO_SUB, BO_LT, BO_GT, BO_LE, BO_GE, BO_EQ, BO_NE, BO_AND = 6, 7, 11, 12, 13, 14, 15, 16, 17

METHOD_BUFFERED, METHOD_IN_DIRECT, METHOD_OUT_DIRECT, METHOD_NEITHER = 0, 1, 2, 3
METHOD_NAMES = {0: "METHOD_BUFFERED", 1: "METHOD_IN_DIRECT", 2: "METHOD_OUT_DIRECT",
                3: "METHOD_NEITHER"}

PROBES = frozenset({"ProbeForRead", "ProbeForWrite", "ProbeForReadSmallStructure",
                    "ProbeForWriteSmallStructure"})
#: ProbeAndReadXxx(p) / ProbeAndWriteXxx(p, v): probe and access sizeof(Xxx) in one go.
PROBE_AND_PREFIXES = ("ProbeAndRead", "ProbeAndWrite")
#: (dst index, src index, length index) of the copy and compare routines.
COPIES = {
    "memcpy": (0, 1, 2), "memmove": (0, 1, 2), "RtlCopyMemory": (0, 1, 2),
    "RtlMoveMemory": (0, 1, 2), "RtlCopyBytes": (0, 1, 2), "RtlCopyMemoryNonTemporal": (0, 1, 2),
    "memcmp": (None, (0, 1), 2), "RtlCompareMemory": (None, (0, 1), 2),
    "RtlEqualMemory": (None, (0, 1), 2),
    "memset": (0, None, 2), "RtlZeroMemory": (0, None, 1), "RtlFillMemory": (0, None, 1),
    "RtlSecureZeroMemory": (0, None, 1), "RtlZeroBytes": (0, None, 1),
}
ALLOCATORS = frozenset({
    "ExAllocatePool", "ExAllocatePoolWithTag", "ExAllocatePoolWithQuotaTag", "ExAllocatePool2",
    "ExAllocatePool3", "ExAllocatePoolWithTagPriority", "ExAllocatePoolZero",
    "ExAllocatePoolQuotaZero", "ExAllocatePoolUninitialized", "ExAllocateFromNPagedLookasideList",
    "ExAllocateFromPagedLookasideList", "ExAllocateFromLookasideListEx", "MmAllocateNonCachedMemory",
    "MmAllocateContiguousMemory", "MmAllocateContiguousMemorySpecifyCache",
})
MAPPINGS = frozenset({"MmMapLockedPagesSpecifyCache", "MmGetSystemAddressForMdlSafe",
                      "MmMapLockedPagesWithReservedMapping", "MmMapLockedPages"})
IOCTL_CODE_FIELDS = frozenset({"IoControlCode", "FsControlCode"})
IOCTL_PARAMS = frozenset({"DeviceIoControl", "FileSystemControl"})
#: Major functions whose Type3InputBuffer can come from user mode.
USER_MAJORS = frozenset({"IRP_MJ_DEVICE_CONTROL", "IRP_MJ_FILE_SYSTEM_CONTROL", "*"})
#: Major functions whose buffering follows the device object's DO_BUFFERED_IO / DO_DIRECT_IO
#: flags ("IRP-based I/O operations that obey device object flags", WDK IFS documentation):
#: on a device with neither flag, ``Irp->UserBuffer`` is the caller's address.
READ_WRITE_MAJORS = frozenset({"IRP_MJ_READ", "IRP_MJ_WRITE", "IRP_MJ_DIRECTORY_CONTROL",
                               "IRP_MJ_QUERY_EA", "IRP_MJ_SET_EA", "IRP_MJ_QUERY_QUOTA",
                               "IRP_MJ_SET_QUOTA"})
#: Major functions that always use neither buffered nor direct I/O whatever the flags, and pass
#: the caller's output buffer in ``Irp->UserBuffer`` ("IRP-based I/O operations that always use
#: neither buffered nor direct I/O"; IRP_MJ_SET_SECURITY's descriptor is captured into
#: Parameters.SetSecurity, and IRP_MJ_PNP / IRP_MJ_SYSTEM_CONTROL come from kernel components).
#: Query/set information and volume information are always buffered: no entry.
ALWAYS_NEITHER_MAJORS = frozenset({"IRP_MJ_QUERY_SECURITY"})
#: Key of ``Irp->UserBuffer`` returned by a helper that does not know the request: the caller
#: decides (its IOCTL method or its major functions).
IRP_USER_BUFFER = ("UserBuffer", "?")
CREATE_DEVICE = frozenset({"IoCreateDevice", "IoCreateDeviceSecure", "WdmlibIoCreateDeviceSecure"})
DO_BUFFERED_IO, DO_DIRECT_IO = 0x4, 0x10
BO_AND_ASSIGN = 30  # CXBinaryOperatorKind of `&=`
#: The length the I/O manager probes a neither-I/O read/write buffer with (NtReadFile/NtWriteFile
#: probe `Buffer` for `Length` bytes before building the IRP when the caller is in user mode).
IO_MANAGER_PROBE = "the request's Length (probed by the I/O manager)"

MAX_WALK = 4000  # subexpressions looked at per node
#: The members where user-controlled values start (see FunctionUserMemory.may_hold_caller_data).
CALLER_DATA_FIELDS = frozenset({"Type3InputBuffer", "UserBuffer", "SystemBuffer"})


# --- values ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    """Where a value came from. Equal sources have equal ``key`` and ``kind``."""

    kind: str     # type3 | userbuffer | nested | param | sysbuf | kernel | data | handle |
                  # length | mapping | code | captured | devext | null | irpuser
    key: tuple    # identity: probes, fetches and null checks are keyed by it
    origin: tuple = field(default=(), compare=False)  # ((cursor, message), ...) for code flows
    derived: bool = field(default=False, compare=False)  # pointer arithmetic on the source

    @property
    def space(self) -> str:
        if self.kind in ("type3", "userbuffer", "nested", "param"):
            return "user"
        if self.kind in ("sysbuf", "kernel", "mapping", "captured"):
            return "kernel"
        return self.kind

    @property
    def is_user(self) -> bool:
        return self.space == "user"

    @property
    def user_controlled(self) -> bool:
        """Reading through it yields values the caller chose."""
        return self.kind in ("type3", "userbuffer", "nested", "param", "sysbuf", "captured")

    def with_step(self, cursor: Cursor, message: str, **changes) -> "Source":
        return Source(changes.get("kind", self.kind), changes.get("key", self.key),
                      self.origin + ((cursor, message),), changes.get("derived", self.derived))


@dataclass(frozen=True)
class Length:
    """A probed length or a copy size: a constant, the IOCTL's input/output length, or other."""

    kind: str                 # const | in | out | expr
    value: Optional[int] = None
    text: str = ""

    def show(self) -> str:
        return str(self.value) if self.kind == "const" else self.text


TOP = "?"  # a buffer length was checked against something we cannot read
RW_USER_BUFFER = ("UserBuffer", "read/write")  # key of a neither-I/O read/write buffer


@dataclass
class State:
    vals: dict = field(default_factory=dict)     # AccessPath -> frozenset[Source]
    probed: dict = field(default_factory=dict)   # source key -> (Length, probe call cursor)
    mode: Optional[str] = None                   # "kernel" | "user" | None (either)
    method: Optional[int] = None                 # IOCTL transfer method on this path
    ioctl: Optional[tuple] = None                # (code, CASE label cursor) deciding it
    lens: dict = field(default_factory=dict)     # "in"/"out" -> lower bound | TOP;
                                                 # "in<"/"out<" -> upper bound | TOP
    fetched: dict = field(default_factory=dict)  # user location -> first reading node
    unchecked: dict = field(default_factory=dict)  # mapping source key -> the mapping cursor
    zeroed: frozenset = frozenset()              # locals written as a whole (init, zeroing, copy)

    def copy(self) -> "State":
        return State(dict(self.vals), dict(self.probed), self.mode, self.method, self.ioctl,
                     dict(self.lens), dict(self.fetched), dict(self.unchecked), self.zeroed)

    def __eq__(self, other) -> bool:
        return isinstance(other, State) and (
            self.vals == other.vals and self.probed.keys() == other.probed.keys()
            and all(self.probed[k][0] == other.probed[k][0] for k in self.probed)
            and self.mode == other.mode and self.method == other.method
            and self.lens == other.lens and self.fetched.keys() == other.fetched.keys()
            and self.unchecked.keys() == other.unchecked.keys() and self.zeroed == other.zeroed
            and (self.ioctl or (None,))[0] == (other.ioctl or (None,))[0])


BOTTOM = None  # no path reached the point yet
#: NULL, in the instances that compute return values (a helper returns a buffer or NULL)
NULL_SOURCES = frozenset({Source("null", ("null",))})
#: ``DeviceObject->DeviceExtension``: driver state that outlives the request (KD413)
DEVICE_EXTENSION = frozenset({Source("devext", ("DeviceExtension",))})


def _holds(state: State, key: tuple) -> bool:
    """Whether some tracked value of ``state`` has a source keyed ``key``."""
    return any(x.key == key for v in state.vals.values() for x in v)


@dataclass(frozen=True)
class Access:
    """A read or write of memory through a pointer (or a copy/compare routine's argument)."""

    node: Cursor        # the CFG node holding it
    expr: Cursor        # the member/deref/subscript expression or the call
    pointer: Cursor     # the pointer expression accessed through
    write: bool
    size: Optional[Length]  # bytes needed from the pointer (None: unknown)
    steps: Optional[tuple]  # field path after the pointer (None: not a fixed location)
    routine: str = ""   # copy/compare routine name for call accesses


@dataclass(frozen=True)
class Context:
    """What the callers of a helper tell about its entry (build it with keywords: the fields
    are added to over time)."""

    params: tuple = ()          # ((param index, frozenset[Source]), ...)
    probed: tuple = ()          # ((source key, (Length, cursor)), ...)
    mode: Optional[str] = None
    in_try: bool = False        # every call site is inside a guarded __try
    method: Optional[int] = None
    ioctl: Optional[tuple] = None
    lens: tuple = ()
    elsewhere: bool = False     # no caller in this file: called only from other files


# --- expression helpers ---------------------------------------------------------------------

def expr_text(c: Cursor) -> str:
    """Source text for messages; tokens of macro arguments are re-joined (``sp->Parameters``)."""
    text = source_text(c)
    text = re.sub(r"\s*(->|\.)\s*", r"\1", text)
    return re.sub(r"\(\s+|\s+\)", lambda m: m.group(0).strip(), text)


def _kids(c: Cursor) -> list:
    return children(c)


def _strip(c: Optional[Cursor]) -> Optional[Cursor]:
    return strip_casts(c, children)


def _is_synthesized(cursor: Cursor) -> bool:
    """:func:`kdlint.repair.is_synthesized`, imported on first use: a run whose files all come
    from the result cache never loads the repair machinery."""
    from kdlint.repair import is_synthesized

    return is_synthesized(cursor)


def _is_pointer(c: Cursor) -> bool:
    t = c.type.get_canonical().kind
    return t in (TypeKind.POINTER, TypeKind.INCOMPLETEARRAY, TypeKind.CONSTANTARRAY)


def _is_handle_type(t) -> bool:
    """HANDLE, or a typedef of it (``typedef HANDLE MY_HANDLE``)."""
    for _ in range(8):
        if t.spelling in ("HANDLE", "const HANDLE"):
            return True
        if t.kind == TypeKind.ELABORATED:
            t = t.get_named_type()
            continue
        if t.kind != TypeKind.TYPEDEF:
            return False
        t = t.get_declaration().underlying_typedef_type
    return False


def _member_chain(expr: Cursor) -> list:
    """Field names of a member expression chain, outermost last (``a.b.c`` -> [b, c])."""
    names = []
    while expr is not None and expr.kind == K.MEMBER_REF_EXPR:
        names.append(expr.spelling)
        kids = _kids(expr)
        expr = _strip(kids[0]) if kids else None
    return list(reversed(names))


def _through_pointer(member: Cursor) -> bool:
    kids = _kids(member)
    return bool(kids) and _strip(kids[0]).type.get_canonical().kind == TypeKind.POINTER


def _pointee_size(ptr: Cursor) -> Optional[int]:
    t = ptr.type.get_canonical()
    if t.kind != TypeKind.POINTER:
        return None
    size = t.get_pointee().get_size()
    return size if size and size > 0 else None


def _field_end(member: Cursor) -> Optional[int]:
    """Offset + size of the field a member expression names, in bytes."""
    decl = member.referenced
    if decl is None or decl.kind != K.FIELD_DECL or _is_synthesized(decl):
        return None
    try:
        off = decl.get_field_offsetof()
    except Exception:  # pragma: no cover - libclang oddities
        return None
    size = decl.type.get_size()
    if off is None or off < 0 or size is None or size <= 0:
        return None
    return off // 8 + size


def is_null(expr: Optional[Cursor]) -> bool:
    """``NULL``, ``0``, ``(PVOID)0``."""
    if expr is None:
        return False
    if constant_value(expr) == 0:
        return True
    inner = _strip(expr)
    return inner is not None and inner is not expr and constant_value(inner) == 0


def _length_kind(expr: Cursor) -> Optional[str]:
    if expr.kind != K.MEMBER_REF_EXPR:
        return None
    chain = _member_chain(expr)
    if len(chain) >= 2 and chain[-2] in IOCTL_PARAMS:
        if chain[-1] == "InputBufferLength":
            return "in"
        if chain[-1] == "OutputBufferLength":
            return "out"
    return None


# --- the analysis ---------------------------------------------------------------------------

class UserMemoryFlow(Analysis):
    """Forward analysis of one function; see the module docstring."""

    def __init__(self, fm: "FunctionUserMemory"):
        # weak: the function's model keeps this analysis's solution, and a reference back
        # would be a cycle holding the file's cursors until the cyclic collector runs
        self._fm = weakref.ref(fm)

    @property
    def fm(self) -> "FunctionUserMemory":
        return self._fm()

    @property
    def key(self):
        return (type(self), id(self.fm))

    def initial(self) -> State:
        return self.fm.entry_state()

    def bottom(self):
        return BOTTOM

    def equal(self, a, b) -> bool:
        return a == b

    def join(self, a: Optional[State], b: Optional[State]) -> Optional[State]:
        if a is None:
            return b
        if b is None:
            return a
        out = State()
        for k in a.vals.keys() & b.vals.keys():
            out.vals[k] = a.vals[k] | b.vals[k]
        if self.fm.summary:  # what a helper may return: the sources some path gives
            for x in (a, b):
                for k in x.vals.keys() - out.vals.keys():
                    out.vals[k] = x.vals[k]
        # a path where the caller is known to be in kernel mode needs no probe: the probes
        # that hold are those of the other paths
        if a.mode == "kernel" and b.mode != "kernel":
            out.probed = dict(b.probed)
        elif b.mode == "kernel" and a.mode != "kernel":
            out.probed = dict(a.probed)
        else:
            self._join_probes(a, b, out)
        if self.fm.summary:  # a path that holds no value of the source needs no probe of it
            for x, y in ((a, b), (b, a)):
                for k in x.probed.keys() - y.probed.keys():
                    if k not in out.probed and not _holds(y, k):
                        out.probed[k] = x.probed[k]
        out.mode = a.mode if a.mode == b.mode else None
        out.method = a.method if a.method == b.method else None
        out.ioctl = a.ioctl if a.ioctl is not None and b.ioctl is not None \
            and a.ioctl[0] == b.ioctl[0] else None
        for k in a.lens.keys() & b.lens.keys():
            x, y = a.lens[k], b.lens[k]
            # lower bounds ("in") join by min, upper bounds ("in<") by max
            out.lens[k] = TOP if TOP in (x, y) else max(x, y) if k.endswith("<") else min(x, y)
        for k in a.lens.keys() ^ b.lens.keys():
            if (a.lens.get(k) or b.lens.get(k)) == TOP:
                out.lens[k] = TOP
        out.fetched = dict(b.fetched)
        out.fetched.update(a.fetched)
        out.unchecked = dict(b.unchecked)
        out.unchecked.update(a.unchecked)
        out.zeroed = a.zeroed & b.zeroed
        return out

    @staticmethod
    def _join_probes(a: State, b: State, out: State) -> None:
        for k in a.probed.keys() & b.probed.keys():
            la, lb = a.probed[k][0], b.probed[k][0]
            if la == lb:
                out.probed[k] = a.probed[k]
            elif la.kind == lb.kind == "const":
                out.probed[k] = a.probed[k] if la.value <= lb.value else b.probed[k]
            else:
                out.probed[k] = (Length("expr", None, "?"), a.probed[k][1])

    def transfer(self, node: Cursor, state: Optional[State]) -> Optional[State]:
        if state is None:
            return None
        return self.fm.transfer(node, state)

    def edge(self, e: Edge, state: Optional[State]) -> Optional[State]:
        if state is None:
            return None
        return self.fm.edge(e, state)


class FunctionUserMemory:
    """The address-space facts of one function definition."""

    def __init__(self, file: "FileUserMemory", fn: "FunctionFacts",
                 main: Optional["FunctionUserMemory"] = None):
        self.file = file
        self.fn = fn
        self._solution = None
        self._accesses: dict[int, list] = {}
        self._context: Optional[Context] = None
        self._try_ranges: Optional[list] = None
        self._node_ids: Optional[set] = None
        self._kernel_only = None
        self.kids = fn.callgraph.children if fn._shared else children
        self._mode_tests: dict = {}
        self._relevant: Optional[bool] = None
        self._rw_neither: Optional[bool] = None
        self._caller_data: Optional[bool] = None
        self._values: dict = {}
        #: the context-free instance that computes what the function returns (see
        #: :meth:`FileUserMemory.returned`): NULL is a value of its own there, and a probe holds
        #: on paths that do not hold the probed source
        self.summary = main is not None
        if main is not None:
            self._context = Context()
            self._relevant = True
            self._accesses = main._accesses
            self._mode_tests = main._mode_tests

    # -- context -------------------------------------------------------------------------
    @property
    def context(self) -> Context:
        if self._context is None:
            self._context = self.file.context_of(self.fn.name)
        return self._context

    def entry_state(self) -> State:
        ctx = self.context
        s = State(mode=ctx.mode, method=ctx.method, ioctl=ctx.ioctl, lens=dict(ctx.lens))
        params = self.fn.params
        for i, sources in ctx.params:
            if i < len(params):
                p = path_of_decl(params[i])
                if p is not None:
                    s.vals[p] = sources
        s.probed = dict(ctx.probed)
        if self.read_write_neither:  # NtReadFile/NtWriteFile probed it for the request's length
            s.probed[RW_USER_BUFFER] = (Length("expr", None, IO_MANAGER_PROBE), None)
        return s

    @property
    def kernel_only(self) -> bool:
        """A dispatch routine installed only for major functions whose buffers are kernel
        memory (IRP_MJ_INTERNAL_DEVICE_CONTROL ...): Type3InputBuffer is not a user pointer."""
        if self._kernel_only is None:
            majors = self.fn.major_functions
            self._kernel_only = bool(majors) and not (majors & USER_MAJORS)
        return self._kernel_only

    @property
    def read_write_neither(self) -> bool:
        """A dispatch routine whose ``Irp->UserBuffer`` is the caller's address: installed only
        for IRP_MJ_QUERY_SECURITY (always neither buffered nor direct I/O), or only for major
        functions that obey the device flags (read, write, directory control, EAs, quotas) —
        also mixed with QUERY_SECURITY — in a file whose device objects use neither buffered
        nor direct I/O (see :meth:`FileUserMemory.neither_io`)."""
        if self._rw_neither is None:
            majors = self.fn.major_functions
            self._rw_neither = bool(majors) and (
                majors <= ALWAYS_NEITHER_MAJORS
                or (majors <= READ_WRITE_MAJORS | ALWAYS_NEITHER_MAJORS and self.file.neither_io))
        return self._rw_neither

    def _user_buffer(self, state: State) -> Optional[tuple]:
        """(key, message) of ``Irp->UserBuffer`` as a user-mode address on this path, or None."""
        if state.method == METHOD_NEITHER:
            return ("UserBuffer",), "the caller's user-mode output buffer for METHOD_NEITHER"
        if self.read_write_neither:
            if self.fn.major_functions <= ALWAYS_NEITHER_MAJORS:
                why = "IRP_MJ_QUERY_SECURITY always uses neither buffered nor direct I/O"
            else:
                why = "this routine's device objects use neither buffered nor direct I/O"
            return RW_USER_BUFFER, f"the caller's user-mode buffer: {why}"
        return None

    @property
    def relevant(self) -> bool:
        """Whether the function can see user memory at all: it names an IOCTL buffer, a
        mapping routine or a probe, calls a helper of the file that returns user memory or a
        system buffer, or a caller passes it user pointers or lengths. Other functions are not
        solved."""
        if self._relevant is None:
            if not self.fn._shared:
                text = bool(RELEVANT.search(_body_text(self.fn.cursor)))
            else:
                # names user memory, or calls a helper of the file that returns some
                text = self.fn.name in self.file.names_user_memory
                if not text and self.fn.name not in self.file.may_see_user_memory:
                    self._relevant = False  # no caller can pass it anything: skip its context
                    return False
            if text:
                self._relevant = True
            else:
                ctx = self.context
                self._relevant = bool(ctx.params or ctx.method is not None or ctx.lens)
        return self._relevant

    @property
    def may_hold_caller_data(self) -> bool:
        """Whether some value of the function can be user-controlled (a source that
        :attr:`Source.user_controlled` accepts, or one read from or copied out of such memory:
        every user-mode address among them).

        Such sources start only at a ``Type3InputBuffer``, ``UserBuffer`` or ``SystemBuffer``
        member, at a call of a helper of the file that returns one
        (:meth:`FileUserMemory.returned`), or at a parameter whose callers pass one (the
        context; only functions that :attr:`FileUserMemory.caller_data_reach` holds can have
        such callers). A function with none of them has no user access, reads no user location
        twice, stores and passes no user address, and uses no IOCTL buffer: the transfer skips
        its double-fetch bookkeeping, and those queries answer at once without solving it."""
        if self._caller_data is None:
            if self.summary or not self.fn._shared:
                self._caller_data = True
            elif self.fn.name in self.file.caller_data_origins:
                self._caller_data = True
            elif self.fn.name not in self.file.caller_data_reach:
                self._caller_data = False
            else:
                self._caller_data = any(x.user_controlled or x.is_user
                                        for _i, srcs in self.context.params for x in srcs)
        return self._caller_data

    @property
    def may_hold_mapping(self) -> bool:
        """Whether some value of the function can be a system-space mapping (``mapping``
        source): it calls a mapping routine (:data:`MAPPINGS`) or a helper of the file that
        returns an unchecked mapping. Callers never pass mappings as parameters (the
        context's parameters carry user-controlled values, handles and lengths only)."""
        if not self.fn._shared or self.summary:
            return True
        return self.fn.name in self.file.mapping_origins

    # -- solution ------------------------------------------------------------------------
    @property
    def solution(self):
        if self._solution is None:
            self._solution = solve(self.fn.cfg, UserMemoryFlow(self))
        return self._solution

    def state_before(self, node: Cursor) -> Optional[State]:
        if not self.relevant:
            return None
        return self.solution.before(node)

    def state_after(self, node: Cursor) -> Optional[State]:
        return self.solution.after(node)

    # -- lexical facts -------------------------------------------------------------------
    def _ranges(self) -> list:
        if self._try_ranges is None:
            out = []
            nodes = self.fn.callgraph.scan(self.fn.name).of_kind(K.SEH_TRY_STMT) \
                if self.fn._shared else _walk(self.fn.cursor)
            for c in nodes:
                if c.kind == K.SEH_TRY_STMT:
                    kids = _kids(c)
                    if len(kids) >= 2 and kids[-1].kind == K.SEH_EXCEPT_STMT:
                        ext = kids[0].extent
                        out.append((ext.start.offset, ext.end.offset))
            self._try_ranges = out
        return self._try_ranges

    def lexically_in_try(self, cursor: Cursor) -> bool:
        off = cursor.extent.start.offset
        return any(a <= off <= b for a, b in self._ranges())

    def in_try(self, cursor: Cursor) -> bool:
        """Inside a ``__try`` with an ``__except`` here, or every caller guards the call."""
        return self.lexically_in_try(cursor) or self.context.in_try

    def strip(self, c: Optional[Cursor]) -> Optional[Cursor]:
        return strip_casts(c, self.kids)

    def is_node(self, cursor: Cursor) -> bool:
        if self._node_ids is None:
            self._node_ids = {id(n) for _, _, n in self.fn.cfg.nodes()}
        return id(cursor) in self._node_ids

    # -- values --------------------------------------------------------------------------
    def value(self, expr: Optional[Cursor], state: Optional[State], _depth: int = 0) -> frozenset:
        """The sources of an expression's value in ``state`` (empty: unknown).

        Remembered per (expression, state object): states are never changed once built (a
        transfer copies before it writes), and about half of the calls repeat one (the solver,
        the replay of the blocks and the queries ask about the same accesses). The entry keeps
        both objects alive, so their ids stay unique while it exists."""
        if _depth == 0:
            key = (id(expr), id(state))
            got = self._values.get(key)
            if got is not None:
                return got[2]
            if len(self._values) >= VALUE_MEMO_ENTRIES:
                self._values.clear()
            val = self._value(expr, state, 0)
            self._values[key] = (expr, state, val)
            return val
        return self._value(expr, state, _depth)

    def _value(self, expr: Optional[Cursor], state: Optional[State], _depth: int) -> frozenset:
        if self.summary and expr is not None and is_null(expr):
            return NULL_SOURCES
        expr = self.strip(expr)
        if expr is None or state is None or _depth > 12:
            return frozenset()
        k = expr.kind
        if k == K.DECL_REF_EXPR:
            p = path_of(expr)
            return state.vals.get(p, frozenset()) if p is not None else frozenset()
        if k == K.MEMBER_REF_EXPR:
            return self._member_value(expr, state, _depth)
        if k == K.UNARY_OPERATOR:
            kids = self.kids(expr)
            if not kids:
                return frozenset()
            op = unary_op(expr)
            if op == UO_DEREF:
                p = path_of(expr)  # `*&x` is x
                if p is not None and p in state.vals:
                    return state.vals[p]
                return self._read_through(expr, self.strip(kids[0]), (), state, _depth)
            if op == UO_ADDROF:
                inner = self.strip(kids[0])
                base = self._deref_base(inner)
                if base is not None:
                    return frozenset(s.with_step(expr, "address inside it", derived=True)
                                     for s in self.value(base[0], state, _depth + 1) if s.is_user)
                p = path_of(inner)
                if p is not None and "*" not in p.steps:
                    inside = [x for q, v in state.vals.items() if q.root == p.root
                              and q.steps[:len(p.steps)] == p.steps for x in v
                              if x.is_user or x.kind in ("contains", "handle")]
                    if inside:
                        return frozenset(x.with_step(expr, f"'{source_text(inner)}' holds it",
                                                     kind="contains") for x in inside)
                return frozenset({Source("kernel", ("addr", source_text(inner)))})
            return frozenset()
        if k == K.ARRAY_SUBSCRIPT_EXPR:
            kids = self.kids(expr)
            if len(kids) == 2:
                base = self.strip(kids[0])
                idx = constant_value(kids[1])
                steps = (f"[{idx}]",) if idx is not None else None
                if base.type.get_canonical().kind == TypeKind.POINTER:
                    return self._read_through(expr, base, steps, state, _depth)
                return self._member_value(expr, state, _depth)
            return frozenset()
        if k == K.BINARY_OPERATOR:
            op = binary_op(expr)
            if op in (BO_ADD, BO_SUB) and _is_pointer(expr):
                out = set()
                for c in self.kids(expr):
                    if _is_pointer(self.strip(c)) or _is_pointer(c):
                        out |= {Source(s.kind, s.key, s.origin, True)
                                for s in self.value(c, state, _depth + 1)}
                return frozenset(out)
            if op == BO_ASSIGN:
                kids = self.kids(expr)
                return self.value(kids[1], state, _depth + 1) if len(kids) == 2 else frozenset()
            return frozenset()
        if k == K.CONDITIONAL_OPERATOR:
            kids = self.kids(expr)
            if len(kids) == 3:
                a = self.value(kids[1], state, _depth + 1)
                b = self.value(kids[2], state, _depth + 1)
                mapped = [s for s in a | b if s.kind == "mapping"]
                if mapped:
                    return frozenset({mapped[0]})
                if a and b:
                    return a | b
            return frozenset()
        if k == K.CALL_EXPR:
            name = canonical_name(callee_name(expr))
            if name in ALLOCATORS:
                return frozenset({Source("kernel", ("pool", expr.extent.start.offset))})
            if name in MAPPINGS:
                return frozenset({Source("mapping", ("map", expr.extent.start.offset),
                                         ((expr, f"{name} returns NULL when it cannot map"),))})
            ret = self.file.returned(self.fn, name)
            if ret is not None:
                out = (self._resolve(x, state) for x in ret.sources)
                return frozenset(x.with_step(expr, f"returned by {name}()") for x in out if x)
            return frozenset()
        if k == K.STRING_LITERAL:
            return frozenset({Source("kernel", ("literal",))})
        return frozenset()

    def _label_steps(self, state: State) -> tuple:
        if state.method != METHOD_NEITHER or state.ioctl is None or state.ioctl[1] is None:
            return ()
        label = state.ioctl[1]
        kids = self.kids(label)
        return ((kids[0] if kids else label, "this case label's CTL_CODE uses METHOD_NEITHER"),)

    def _resolve(self, x: Source, state: State) -> Optional[Source]:
        """A source a helper returned, in the caller's terms: ``Irp->UserBuffer`` becomes user
        memory where the caller's request passes the caller's address, and nothing elsewhere."""
        if x.kind != "irpuser":
            return x
        got = self._user_buffer(state)
        if got is None:
            return None
        return Source("userbuffer", got[0], self._label_steps(state) + x.origin + (
            (x.origin[-1][0] if x.origin else None, f"here that is {got[1]}"),), x.derived)

    def _guessed(self, expr: Cursor) -> bool:
        """Whether a field on the way to ``expr`` was declared by the parse repair: its type is
        a guess (``char *``), so nothing is read from it."""
        cur = self.strip(expr)
        for _ in range(16):
            if cur is None:
                return False
            if cur.kind == K.MEMBER_REF_EXPR and _is_synthesized(cur):
                return True
            if cur.kind not in (K.MEMBER_REF_EXPR, K.ARRAY_SUBSCRIPT_EXPR, K.UNARY_OPERATOR):
                return False
            kids = self.kids(cur)
            cur = self.strip(kids[0]) if kids else None
        return False

    def _deref_base(self, expr: Cursor) -> Optional[tuple]:
        """For an lvalue read through a pointer (``p->a.b``, ``*p``, ``p[2]``), the pointer
        expression and the field steps after it (None steps: a non-constant index on the way);
        None when the lvalue is not behind a pointer."""
        steps: Optional[list] = []
        cur = expr
        while cur is not None:
            k = cur.kind
            kids = self.kids(cur)
            if k == K.MEMBER_REF_EXPR:
                if not kids:
                    return None
                base = self.strip(kids[0])
                if steps is not None:
                    steps.insert(0, cur.spelling)
            elif k == K.UNARY_OPERATOR and unary_op(cur) == UO_DEREF:
                return (self.strip(kids[0]), tuple(steps) if steps is not None else None) if kids else None
            elif k == K.ARRAY_SUBSCRIPT_EXPR:
                if len(kids) != 2:
                    return None
                base = self.strip(kids[0])
                idx = constant_value(kids[1])
                if idx is None:
                    steps = None
                elif steps is not None:
                    steps.insert(0, f"[{idx}]")
            else:
                return None
            if base is None:
                return None
            if base.type.get_canonical().kind == TypeKind.POINTER:
                return base, tuple(steps) if steps is not None else None
            cur = base
        return None

    def _member_value(self, expr: Cursor, state: State, depth: int) -> frozenset:
        name = expr.spelling if expr.kind == K.MEMBER_REF_EXPR else ""
        chain = _member_chain(expr) if expr.kind == K.MEMBER_REF_EXPR else []
        if name == "Type3InputBuffer" and len(chain) >= 2 and chain[-2] in IOCTL_PARAMS:
            if self.kernel_only:
                return frozenset()
            return frozenset({Source("type3", ("Type3InputBuffer",),
                                     ((expr, f"'{expr_text(expr)}' is a user-mode address "
                                              f"for a METHOD_NEITHER request from user mode"),))})
        if name == "UserBuffer" and len(chain) == 1:
            got = self._user_buffer(state)
            if got is not None:
                return frozenset({Source("userbuffer", got[0], self._label_steps(state) + (
                    (expr, f"'{expr_text(expr)}' is {got[1]}"),))})
            if self.summary:  # the helper's callers know what the request is
                return frozenset({Source("irpuser", IRP_USER_BUFFER, (
                    (expr, f"'{expr_text(expr)}' is the caller's buffer unless the I/O manager "
                           f"buffered the request"),))})
            return frozenset()
        if name == "DeviceExtension" and len(chain) == 1:
            return DEVICE_EXTENSION
        if name == "SystemBuffer":
            return frozenset({Source("sysbuf", ("SystemBuffer",),
                                     ((expr, "the system buffer holds the caller's input"),))})
        lk = _length_kind(expr)
        if lk is not None:
            return frozenset({Source("length", (lk,))})
        if name in IOCTL_CODE_FIELDS:
            return frozenset({Source("code", ("code",))})
        p = path_of(expr)
        if p is not None and p in state.vals:
            return state.vals[p]
        base = self._deref_base(expr)
        if base is not None:
            return self._read_through(expr, base[0], base[1], state, depth)
        # a field of a local structure that holds captured user data
        if p is not None and "*" not in p.steps:
            for q, srcs in state.vals.items():
                if q.root == p.root and p.steps[:len(q.steps)] == q.steps:
                    caps = [s for s in srcs if s.kind == "captured"]
                    if caps:
                        return self._read_result(expr, caps, p.steps[len(q.steps):], state)
        return frozenset()

    def _read_through(self, expr: Cursor, pointer: Cursor, steps, state: State, depth: int) -> frozenset:
        srcs = [s for s in self.value(pointer, state, depth + 1) if s.user_controlled]
        return self._read_result(expr, srcs, steps, state)

    def _read_result(self, expr: Cursor, srcs: list, steps, state: State) -> frozenset:
        if not srcs or self._guessed(expr):
            return frozenset()
        out = set()
        text = expr_text(expr)
        handle = _is_handle_type(expr.type)
        for s in srcs:
            key = ("read", s.key, steps) if steps is not None else ("read", s.key, expr.extent.start.offset)
            if handle:
                out.add(s.with_step(expr, f"'{text}' is a handle chosen by the caller",
                                    kind="handle", key=key))
            elif expr.type.get_canonical().kind == TypeKind.POINTER:
                out.add(s.with_step(expr, f"'{text}' is a pointer read from user-controlled memory: "
                                          f"a user-mode address", kind="nested", key=key, derived=False))
            else:
                out.add(s.with_step(expr, f"'{text}' is read from user-controlled memory",
                                    kind="data", key=key))
        return frozenset(out)

    # -- accesses ------------------------------------------------------------------------
    def reachable_nodes(self) -> list:
        """(node, state before it) for every reachable node, once per node. Computed once per
        function: every KD4xx query walks this list, and replaying the blocks' transfers for
        each of them was the largest cost of the family (states are never mutated)."""
        if not self.relevant:
            return []
        got = getattr(self, "_reachable", None)
        if got is not None:
            return got
        sol = self.solution
        seen = set()
        got = []
        for block in self.fn.cfg.blocks:
            if not sol.reached[block.id]:
                continue
            states = sol.states(block)
            for i, node in enumerate(block.nodes):
                if id(node) in seen or states[i] is None:
                    continue
                seen.add(id(node))
                got.append((node, states[i]))
        self._reachable = got
        return got

    def user_accesses(self) -> list:
        """Every access through a user-space pointer where the caller may be in user mode.
        Computed once per function (several KD4xx rules ask; a new list each time)."""
        got = getattr(self, "_user_accesses", None)
        if got is None:
            got = self._user_accesses = self._find_user_accesses()
        return list(got)

    def _find_user_accesses(self) -> list:
        out = []
        if not self.may_hold_caller_data:
            return out
        for node, state in self.reachable_nodes():
            if state.mode == "kernel":
                continue
            for acc in self.accesses(node):
                seen = set()
                for src in self.value(acc.pointer, state):
                    if not src.is_user or src.key in seen:
                        continue
                    seen.add(src.key)
                    out.append(UserAccess(acc, src, state, state.probed.get(src.key),
                                          self.in_try(acc.expr)))
        return out

    def accesses(self, node: Cursor) -> list:
        """The memory accesses through pointers that evaluating ``node`` performs (its nested
        calls and assignments are nodes of their own and are not included)."""
        got = self._accesses.get(id(node))
        if got is None:
            got = self._accesses[id(node)] = self._find_accesses(node)
        return got

    def _find_accesses(self, node: Cursor) -> list:
        out: list = []
        write_targets: set = set()
        if node.kind in (K.BINARY_OPERATOR, K.COMPOUND_ASSIGNMENT_OPERATOR):
            kids = self.kids(node)
            if kids and (node.kind == K.COMPOUND_ASSIGNMENT_OPERATOR or binary_op(node) == BO_ASSIGN):
                cur = self.strip(kids[0])
                while cur is not None:  # `p->a.b[2] = x` writes through `p->a`
                    write_targets.add(id(cur))
                    inner = self.kids(cur)
                    if cur.kind not in (K.MEMBER_REF_EXPR, K.ARRAY_SUBSCRIPT_EXPR) or not inner:
                        break
                    base = self.strip(inner[0])
                    if base.type.get_canonical().kind == TypeKind.POINTER:
                        break
                    cur = base
        if node.kind == K.CALL_EXPR:
            self._call_accesses(node, out)
        stack = [node]
        seen = 0
        while stack and seen < MAX_WALK:
            c = stack.pop()
            seen += 1
            k = c.kind
            if c is not node and self.is_node(c):
                continue
            if k == K.CXX_UNARY_EXPR:
                continue  # sizeof/alignof: not evaluated
            kids = self.kids(c)
            if k == K.MEMBER_REF_EXPR and kids:
                base = self.strip(kids[0])
                if base.type.get_canonical().kind == TypeKind.POINTER:
                    end = self.file.field_end(c)
                    out.append(Access(node, c, base, id(c) in write_targets,
                                      Length("const", end) if end else None, (c.spelling,)))
            elif k == K.UNARY_OPERATOR and unary_op(c) == UO_DEREF and kids:
                size = _pointee_size(self.strip(kids[0]))
                out.append(Access(node, c, self.strip(kids[0]), id(c) in write_targets,
                                  Length("const", size) if size else None, ()))
            elif k == K.ARRAY_SUBSCRIPT_EXPR and len(kids) == 2:
                base = self.strip(kids[0])
                if base.type.get_canonical().kind == TypeKind.POINTER:
                    idx = constant_value(kids[1])
                    elem = _pointee_size(base)
                    size = Length("const", (idx + 1) * elem) if idx is not None and elem else None
                    out.append(Access(node, c, base, id(c) in write_targets, size,
                                      (f"[{idx}]",) if idx is not None else None))
            stack.extend(reversed(kids))
        return out

    def _call_accesses(self, call: Cursor, out: list) -> None:
        name = canonical_name(callee_name(call))
        spec = COPIES.get(name)
        if spec is None:
            return
        args = list(call.get_arguments())
        dst, src, n = spec
        if n >= len(args):
            return
        size = self.length_of(args[n], None)
        if dst is not None and dst < len(args):
            out.append(Access(call, call, _strip(args[dst]), True, size, None, name))
        for i in (src if isinstance(src, tuple) else (src,) if src is not None else ()):
            if i < len(args):
                out.append(Access(call, call, _strip(args[i]), False, size, None, name))

    def length_of(self, expr: Optional[Cursor], state: Optional[State]) -> Optional[Length]:
        """A length expression: constant, the IOCTL input/output length, or other text."""
        if expr is None:
            return None
        v = constant_value(expr)
        if v is not None:
            return Length("const", v)
        e = _strip(expr)
        lk = _length_kind(e) if e is not None else None
        if lk is None and e is not None and e.kind == K.DECL_REF_EXPR:
            lk = self.file.length_var(self, e)
        if lk is not None:
            return Length(lk, None, source_text(expr))
        return Length("expr", None, source_text(expr))

    # -- transfer ------------------------------------------------------------------------
    def transfer(self, node: Cursor, state: State) -> Optional[State]:
        k = node.kind
        s = None
        # reads of user locations (for double fetch), before the node's own effect
        for acc in self.accesses(node) if self.may_hold_caller_data else ():
            if acc.write or acc.steps is None or acc.routine:
                continue
            for src in self.value(acc.pointer, state):
                if src.is_user and not src.derived:
                    loc = (src.key, acc.steps)
                    if loc not in state.fetched:
                        s = s or state.copy()
                        s.fetched[loc] = node
        if k == K.CALL_EXPR:
            s = self._call(node, s or state.copy(), state)
        elif k == K.VAR_DECL:
            kids = [c for c in _kids(node) if c.kind not in (K.TYPE_REF, K.ANNOTATE_ATTR)
                    and c.kind.is_expression()]
            p = path_of_decl(node)
            if p is not None:
                s = s or state.copy()
                val = self.value(kids[-1], state) if kids else frozenset()
                self._assign(s, p, val)
                if kids:
                    s.zeroed = s.zeroed | {p}
        elif k == K.BINARY_OPERATOR and binary_op(node) == BO_ASSIGN:
            kids = _kids(node)
            if len(kids) == 2:
                p = path_of(kids[0])
                if p is not None and "*" not in p.steps and not p.address_of:
                    s = s or state.copy()
                    self._assign(s, p, self.value(kids[1], state))
                    if not p.steps:
                        s.zeroed = s.zeroed | {p}
        elif k in (K.COMPOUND_ASSIGNMENT_OPERATOR, K.UNARY_OPERATOR):
            kids = _kids(node)
            if kids:
                p = path_of(kids[0])
                if p is not None and p in state.vals:
                    s = s or state.copy()
                    srcs = state.vals[p]
                    s.vals[p] = frozenset(Source(x.kind, x.key, x.origin, True) for x in srcs) \
                        if _is_pointer(kids[0]) else frozenset()
        return s if s is not None else state

    @staticmethod
    def _assign(s: State, p: AccessPath, val: frozenset) -> None:
        for q in [q for q in s.vals if q != p and q.root == p.root and q.steps[:len(p.steps)] == p.steps]:
            del s.vals[q]  # fields of an overwritten structure
        if val:
            s.vals[p] = val
        else:
            s.vals.pop(p, None)
        for key in [key for key in s.unchecked if key == ("var", p)]:
            del s.unchecked[key]
        for src in val:
            if src.kind == "mapping":
                s.unchecked[src.key] = src.origin[0][0] if src.origin else None

    def _call(self, node: Cursor, s: State, before: State) -> State:
        call = self.fn.call_of(node) or Call.from_cursor(node)
        name = call.name
        args = call.args
        spec = COPIES.get(name)
        sources = set(spec[1] if isinstance(spec[1], tuple) else (spec[1],)) if spec else set()
        for i, a in enumerate(args):  # a callee given &local may fill it: no longer uninitialised
            if i in sources:
                continue
            p = path_of(a)
            if p is not None and p.address_of and not p.steps:
                s.zeroed = s.zeroed | {p.object()}
        if name in PROBES or name.startswith(PROBE_AND_PREFIXES):
            if args:
                if name.startswith(PROBE_AND_PREFIXES):
                    size = _pointee_size(_strip(args[0]))
                    length = Length("const", size) if size else Length("expr", None, "?")
                else:
                    length = self.length_of(args[1] if len(args) > 1 else None, before) \
                        or Length("expr", None, "?")
                for src in self.value(args[0], before):
                    if src.is_user or src.kind == "irpuser":
                        s.probed[src.key] = (length, node)
            return s
        spec = COPIES.get(name)
        if spec is not None and spec[1] is not None and not isinstance(spec[1], tuple):
            dst_i, src_i, _ = spec
            if max(dst_i, src_i) < len(args):
                srcs = [x for x in self.value(args[src_i], before) if x.user_controlled]
                dst = _strip(args[dst_i])
                target = path_of(dst)
                if target is not None and target.address_of:
                    target = target.object()
                    if srcs:
                        s.vals[target] = frozenset(
                            x.with_step(node, f"copied into '{target.text}'", kind="captured",
                                        key=("captured", x.key)) for x in srcs)
                    else:
                        s.vals.pop(target, None)
            return s
        if name in ("RtlInitUnicodeString", "RtlInitAnsiString", "RtlInitString") and len(args) >= 2:
            target = path_of(args[0])
            if target is not None and target.address_of:
                target = target.object()
                target = AccessPath(target.root, target.name, target.steps + ("Buffer",))
                srcs = [x for x in self.value(args[1], before) if x.is_user]
                if srcs:
                    s.vals[target] = frozenset(x.with_step(node, f"'{target.text}' describes it")
                                               for x in srcs)
                else:
                    s.vals.pop(target, None)
            return s
        ret = self.file.returned(self.fn, name) if name != self.fn.name else None
        if ret is not None:  # the helper probed what it returns
            for key, probe in ret.probed:
                if key == IRP_USER_BUFFER:
                    got = self._user_buffer(before)
                    if got is None:
                        continue
                    key = got[0]
                s.probed.setdefault(key, probe)
        # any other call may write what it gets the address of, and reads the lengths it gets
        for a in args:
            e = _strip(a)
            p = path_of(e)
            if p is not None and p.address_of:
                obj = p.object()
                for q in [q for q in s.vals if q.root == obj.root and q.steps[:len(obj.steps)] == obj.steps]:
                    del s.vals[q]
            for src in self.value(a, before):
                if src.kind == "length":
                    s.lens[src.key[0]] = s.lens[src.key[0] + "<"] = TOP
        return s

    # -- edges ---------------------------------------------------------------------------
    def edge(self, e: Edge, state: State) -> Optional[State]:
        if e.kind in (EdgeKind.CASE, EdgeKind.DEFAULT):
            if not any(x.kind == "code" for x in self.value(e.cond, state)):
                return state
            s = state.copy()
            if e.kind == EdgeKind.CASE and e.value is not None:
                s.method = e.value & 3
                s.ioctl = (e.value, e.label)
            else:
                s.method, s.ioctl = None, None
            return s
        if e.kind not in (EdgeKind.TRUE, EdgeKind.FALSE) or e.cond is None:
            return state
        taken = e.kind == EdgeKind.TRUE
        cond = self.strip(e.cond)
        test = self._mode_test(cond)
        if test is not None:
            s = state.copy()
            s.mode = "user" if test.user_when_true == taken else "kernel"
            if self.summary and s.mode == "kernel":
                # a kernel-mode caller's buffers are kernel memory: nothing on this path needs
                # a probe (so a join keeps the probes of the user-mode paths)
                for q, v in list(s.vals.items()):
                    kept = frozenset(x for x in v if not x.is_user and x.kind != "irpuser")
                    if kept:
                        s.vals[q] = kept
                    else:
                        del s.vals[q]
            return s
        if cond.kind == K.BINARY_OPERATOR:
            op = binary_op(cond)
            kids = self.kids(cond)
            if len(kids) == 2:
                got = self._method_test(op, kids, taken, state)
                if got is not None:
                    return got
                got = self._length_test(op, kids, taken, state)
                if got is not None:
                    return got
                got = self._null_test(op, kids, taken, state)
                if got is not None:
                    return got
        else:
            # `if (len)`: a length that is not 0
            if taken and any(x.kind == "length" for x in self.value(cond, state)):
                s = state.copy()
                for x in self.value(cond, state):
                    if x.kind == "length" and s.lens.get(x.key[0]) in (None,):
                        s.lens[x.key[0]] = 1
                state = s
            # `if (p)`: p is non-NULL on the TRUE edge
            return self._nonnull(cond, taken, state)
        return state

    def _mode_test(self, cond: Cursor):
        key = id(cond)
        if key not in self._mode_tests:
            test = None
            if cond.kind == K.BINARY_OPERATOR and binary_op(cond) in (BO_EQ, BO_NE):
                test = mode_test(cond, self.fn.cursor, self._assigning_nodes())
            self._mode_tests[key] = (test, cond)  # the cursor is kept so its id stays unique
        return self._mode_tests[key][0]

    def _assigning_nodes(self) -> Optional[list]:
        """The body's nodes :func:`~kdlint.model.modes.mode_test` reads to follow a local, from
        the file's body scan (None: it walks the body itself)."""
        if not self.fn._shared:
            return None
        got = getattr(self, "_assigning", None)
        if got is None:
            got = self._assigning = self.fn.callgraph.scan(self.fn.name).of_kind(*ASSIGNING_KINDS)
        return got

    def _nonnull(self, expr: Cursor, nonnull: bool, state: State) -> State:
        if not nonnull or not state.unchecked:
            return state
        keys = [x.key for x in self.value(expr, state) if x.kind == "mapping" and x.key in state.unchecked]
        if not keys:
            return state
        s = state.copy()
        for k in keys:
            del s.unchecked[k]
        return s

    def _null_test(self, op, kids, taken, state) -> Optional[State]:
        if op not in (BO_EQ, BO_NE):
            return None
        a, b = kids
        if is_null(a):
            a, b = b, a
        if is_null(b):
            nonnull = taken == (op == BO_NE)
            got = self._nonnull(a, nonnull, state)
            p = path_of(self.strip(a)) if self.summary and not nonnull else None
            if p is not None and p in got.vals:  # NULL on this edge
                got = got.copy() if got is state else got
                got.vals[p] = NULL_SOURCES
            return got
        return self._same_test(a, b, taken == (op == BO_EQ), state)

    def _same_test(self, a: Cursor, b: Cursor, equal: bool, state: State) -> Optional[State]:
        """``buffer == Irp->AssociatedIrp.SystemBuffer`` (and ``!=``): on the equal edge the
        variable holds only that buffer, on the other edge anything but it."""
        for var, other in ((a, b), (b, a)):
            p = path_of(self.strip(var))
            if p is None or p not in state.vals or "*" in p.steps:
                continue
            keys = _buffer_keys(self.strip(other))
            if not keys:
                continue
            now = state.vals[p]
            kept = frozenset(x for x in now if (x.key in keys) == equal)
            if not kept or kept == now:
                return state
            s = state.copy()
            s.vals[p] = kept
            return s
        return None

    def _method_test(self, op, kids, taken, state) -> Optional[State]:
        """``(code & 3) == METHOD_NEITHER`` and the like."""
        if op not in (BO_EQ, BO_NE):
            return None
        a, b = (self.strip(kids[0]), self.strip(kids[1]))
        if constant_value(a) is not None:
            a, b = b, a
        value = constant_value(b)
        if value is None or a is None or a.kind != K.BINARY_OPERATOR or binary_op(a) != BO_AND:
            return None
        parts = self.kids(a)
        if len(parts) != 2:
            return None
        code = next((p for p in parts if constant_value(p) is None), None)
        if code is None or not any(x.kind == "code" for x in self.value(code, state)):
            return None
        if (op == BO_EQ) != taken:
            return state
        s = state.copy()
        s.method = value & 3
        return s

    def _length_test(self, op, kids, taken, state) -> Optional[State]:
        if op not in (BO_LT, BO_GT, BO_LE, BO_GE, BO_EQ, BO_NE):
            return None
        lhs, rhs = kids
        lk = [x.key[0] for x in self.value(lhs, state) if x.kind == "length"]
        rk = [x.key[0] for x in self.value(rhs, state) if x.kind == "length"]
        if not lk and not rk:
            return None
        if not lk:  # normalise to `length OP other`
            lhs, rhs, lk = rhs, lhs, rk
            op = {BO_LT: BO_GT, BO_GT: BO_LT, BO_LE: BO_GE, BO_GE: BO_LE}.get(op, op)
        n = constant_value(rhs)
        s = state.copy()
        for kind in lk:
            if n is None:
                s.lens[kind] = s.lens[kind + "<"] = TOP
                continue
            # the lower bound on the length that holds along this edge
            bound = None
            if taken:
                bound = {BO_GT: n + 1, BO_GE: n, BO_EQ: n}.get(op)
            else:
                bound = {BO_LT: n, BO_LE: n + 1, BO_NE: n}.get(op)
            if n == 0 and op in (BO_EQ, BO_NE) and taken == (op == BO_NE):
                bound = 1  # an unsigned length that is not 0
            if bound is not None:
                old = s.lens.get(kind)
                s.lens[kind] = bound if old is None or old == TOP or bound > old else old
            # and the upper bound (key "in<" / "out<")
            if taken:
                upper = {BO_LT: n - 1, BO_LE: n, BO_EQ: n}.get(op)
            else:
                upper = {BO_GT: n, BO_GE: n - 1, BO_NE: n}.get(op)
            if upper is not None:
                old = s.lens.get(kind + "<")
                s.lens[kind + "<"] = upper if old is None or old == TOP or upper < old else old
        return s


def _buffer_keys(expr: Optional[Cursor]) -> frozenset:
    """Source keys of an expression that names one of the IRP's buffers."""
    if expr is None or expr.kind != K.MEMBER_REF_EXPR:
        return frozenset()
    chain = _member_chain(expr)
    if expr.spelling == "SystemBuffer":
        return frozenset({("SystemBuffer",)})
    if expr.spelling == "UserBuffer" and len(chain) == 1:
        return frozenset({("UserBuffer",), RW_USER_BUFFER, IRP_USER_BUFFER})
    if expr.spelling == "Type3InputBuffer" and len(chain) >= 2 and chain[-2] in IOCTL_PARAMS:
        return frozenset({("Type3InputBuffer",)})
    return frozenset()


#: Entries of a function's value memo before it is emptied (bounds the states it keeps).
VALUE_MEMO_ENTRIES = 50000

RELEVANT = re.compile(r"Type3InputBuffer|UserBuffer|SystemBuffer|MmGetSystemAddressForMdl|"
                      r"MmMapLockedPages|Probe|BufferLength|ControlCode")


def _body_text(fn: Cursor) -> str:
    ext = fn.extent
    if ext.start.file is None:
        return ""
    return as_utf8((file_text(ext.start.file.name) or "")[ext.start.offset:ext.end.offset])


def path_of_decl(decl: Cursor) -> Optional[AccessPath]:
    """The access path of a variable or parameter declaration."""
    usr = decl.get_usr() or f"{decl.spelling}@{decl.location.line}:{decl.location.column}"
    return AccessPath(usr, decl.spelling)


def _walk(c: Cursor):
    stack = [c]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(_kids(n)))


@dataclass(frozen=True)
class UserAccess:
    """An access through a pointer whose value may be a user-mode address, where the caller
    may be in user mode."""

    access: Access
    source: Source
    state: State
    probe: Optional[tuple]   # (Length, probe call cursor) of the source, if probed on all paths
    in_try: bool

    @property
    def needed(self) -> Optional[Length]:
        return self.access.size

    @property
    def short(self) -> bool:
        """A constant probe length smaller than the constant size accessed."""
        if self.probe is None or self.source.derived:
            return False
        have, need = self.probe[0], self.access.size
        return have.kind == "const" and need is not None and need.kind == "const" \
            and have.value < need.value


# --- the file -------------------------------------------------------------------------------

class FileUserMemory:
    """The per-file model: functions' facts and the call-site contexts of helpers."""

    def __init__(self, callgraph):
        self.callgraph = callgraph
        self._neither_io: Optional[bool] = None
        self._functions: dict[str, FunctionUserMemory] = {}
        self._contexts: dict[str, Context] = {}
        self._busy: set = set()
        self._length_vars: dict = {}
        self._guarded: dict[str, bool] = {}
        self._names: Optional[set] = None
        self._text: Optional[set] = None
        self._may_see: Optional[set] = None
        self._caller_data: Optional[tuple[set, set]] = None
        self._mappings: Optional[set] = None
        #: id(FIELD_DECL) -> (the declaration, offset + size in bytes or None); the field
        #: declarations are the file's one object per declaration (``Cursor.referenced``)
        self._field_ends: dict[int, tuple] = {}

    def release(self) -> None:
        """Drop the functions' models (each refers back to this one)."""
        self._functions.clear()

    def field_end(self, member: Cursor) -> Optional[int]:
        """:func:`_field_end` of a member expression, once per field declaration."""
        decl = member.referenced
        if decl is None or decl.kind != K.FIELD_DECL:
            return None
        got = self._field_ends.get(id(decl))
        if got is None:
            got = self._field_ends[id(decl)] = (decl, _field_end(member))
        return got[1]

    @property
    def text_names(self) -> set:
        """Definitions whose own text names an IOCTL buffer, a mapping routine or a probe
        (:data:`RELEVANT`)."""
        if self._text is None:
            cg = self.callgraph
            self._text = {n for n, c in cg.functions.items() if RELEVANT.search(_body_text(c))}
        return self._text

    @property
    def names_user_memory(self) -> set:
        """Definitions that name user memory (:attr:`text_names`) or call a helper of the file
        whose result has known sources (:meth:`returned`; only pointer-returning helpers that
        name user memory, or call such helpers, are solved for it)."""
        if self._names is None:
            cg = self.callgraph
            names = set(self.text_names)
            table = cg.summaries(RETURNS)
            returning = {n for n, c in cg.functions.items()
                         if _returns_pointer(c) and table.of(n) is not None}
            if returning:
                names |= {n for n in cg.functions
                          if any(c in returning for c in cg.callees(n) if c != n)}
            self._names = names
        return self._names

    @property
    def may_see_user_memory(self) -> set:
        """An over-approximation of the relevant functions, from text and call edges only: the
        functions that name user memory, and every function called directly (not only through
        a pointer) from one of them, transitively. A function outside this set has an empty
        call-site context (no caller of it is relevant), so it needs no context solving."""
        if self._may_see is None:
            self._may_see = self._called_from(self.names_user_memory)
        return self._may_see

    def _called_from(self, names: set) -> set:
        """``names`` and every definition they call directly, transitively, leaving out those
        whose address is taken (also called through a pointer: their context is empty)."""
        cg = self.callgraph
        taken = cg.address_taken
        seen = set(names)
        work = list(seen)
        while work:
            for callee in cg.callees(work.pop()):
                if callee not in seen and callee in cg.functions and callee not in taken:
                    seen.add(callee)
                    work.append(callee)
        return seen

    def _returns_any(self, fn_name: str, calls: list, wanted) -> bool:
        """Whether one of ``calls`` (made in ``fn_name``) is of a helper of the file that
        returns a source ``wanted`` accepts."""
        facts = self.callgraph.facts(fn_name)
        for call in calls:
            ret = self.returned(facts, call.name)
            if ret is not None and any(wanted(x) for x in ret.sources):
                return True
        return False

    @property
    def caller_data_origins(self) -> set:
        """Definitions where a user-controlled value can start (see
        :attr:`FunctionUserMemory.may_hold_caller_data`): they name a ``Type3InputBuffer``,
        ``UserBuffer`` or ``SystemBuffer`` member, or call a helper of the file that returns
        such a value (or ``Irp->UserBuffer``)."""
        self._caller_data_sets()
        return self._caller_data[0]

    @property
    def caller_data_reach(self) -> set:
        """The :attr:`caller_data_origins` and every function they call directly (not one
        whose address is taken: its context is empty), transitively: only these can hold a
        user-controlled value."""
        self._caller_data_sets()
        return self._caller_data[1]

    def _caller_data_sets(self) -> None:
        if self._caller_data is not None:
            return
        cg = self.callgraph
        origins = set()
        for name in cg.functions:
            scan = cg.scan(name)
            if scan.member_names & CALLER_DATA_FIELDS \
                    or self._returns_any(name, scan.calls, lambda x: x.user_controlled
                                         or x.is_user or x.kind == "irpuser"):
                origins.add(name)
        self._caller_data = (origins, self._called_from(origins))

    @property
    def mapping_origins(self) -> set:
        """Definitions that call a mapping routine or a helper of the file that returns an
        unchecked mapping (see :attr:`FunctionUserMemory.may_hold_mapping`)."""
        if self._mappings is None:
            cg = self.callgraph
            self._mappings = set()
            for name in cg.functions:
                calls = cg.scan(name).calls
                if any(c.name in MAPPINGS for c in calls) \
                        or self._returns_any(name, calls, lambda x: x.kind == "mapping"):
                    self._mappings.add(name)
        return self._mappings

    def function(self, fn: "FunctionFacts") -> FunctionUserMemory:
        got = self._functions.get(fn.name)
        if got is None or got.fn.cursor != fn.cursor:
            got = FunctionUserMemory(self, fn)
            if fn._shared:
                self._functions[fn.name] = got
        return got

    @property
    def neither_io(self) -> bool:
        """The file creates its device objects (IoCreateDevice*) and never gives a device object
        DO_BUFFERED_IO or DO_DIRECT_IO: the names appear nowhere in its code (even in an
        inactive ``#if`` branch), and every
        assignment to a device object's ``Flags`` is a constant without those bits (or clears
        bits with ``&=``). Any other assignment (a variable, another object's flags) means the
        method is unknown: False."""
        if self._neither_io is None:
            self._neither_io = self._compute_neither_io()
        return self._neither_io

    def _compute_neither_io(self) -> bool:
        cg = self.callgraph
        if not any(c.name in CREATE_DEVICE for n in cg.functions for c in cg.scan(n).calls):
            return False
        first = next(iter(cg.functions.values()))
        loc = first.location.file
        text = file_text(loc.name) if loc is not None else None
        if text is None:
            return False
        text = as_utf8(text)
        text = re.sub(r"/\*.*?\*/|//[^\n]*", " ", text, flags=re.S)  # comments do not count
        if re.search(r"\bDO_(BUFFERED|DIRECT)_IO\b", text):
            return False
        for name in cg.functions:
            for node in cg.tree(name).walk():
                if node.kind not in (K.BINARY_OPERATOR, K.COMPOUND_ASSIGNMENT_OPERATOR):
                    continue
                op = binary_op(node)
                if node.kind == K.BINARY_OPERATOR and op != BO_ASSIGN:
                    continue
                kids = cg.children(node)
                if len(kids) != 2:
                    continue
                lhs = _strip(kids[0])
                if lhs is None or lhs.kind != K.MEMBER_REF_EXPR or lhs.spelling != "Flags":
                    continue
                base = cg.children(lhs)
                if not base or "DEVICE_OBJECT" not in _strip(base[0]).type.get_canonical().spelling:
                    continue
                if op == BO_AND_ASSIGN:
                    continue
                value = constant_value(kids[1])
                if value is None or value & (DO_BUFFERED_IO | DO_DIRECT_IO):
                    return False
        return True

    # -- what helpers return -----------------------------------------------------------
    def returned(self, fn: "FunctionFacts", name: str) -> Optional[Returned]:
        """The :class:`Returned` summary of ``name`` when it is defined in this file."""
        if not name or name not in self.callgraph.functions or not fn._shared:
            return None
        return self.callgraph.summaries(RETURNS).of(name)

    def compute_returned(self, fn: "FunctionFacts", table) -> Optional[Returned]:
        cg = self.callgraph
        if not fn._shared or not _returns_pointer(fn.cursor):
            return None
        if fn.name not in self.text_names and not any(
                table.of(c) is not None for c in cg.callees(fn.name) if c != fn.name):
            return None
        fm = FunctionUserMemory(self, fn, main=self.function(fn))
        sol = solve(fn.cfg, UserMemoryFlow(fm))
        sources: set = set()
        probes: dict = {}      # key -> probe, or None once a return lacks it
        unchecked: set = set()  # mappings returned without a NULL test
        may_null = False
        for block in fn.cfg.blocks:
            if not sol.reached[block.id]:
                continue
            states = sol.states(block)
            for i, node in enumerate(block.nodes):
                if node.kind != K.RETURN_STMT or states[i] is None:
                    continue
                kids = [c for c in fm.kids(node) if c.kind.is_expression()]
                if not kids:
                    continue
                state = states[i]
                val = fm.value(kids[0], state)  # (a return we cannot name adds nothing)
                direct = fm.strip(kids[0])  # not a variable: no NULL test can be between
                direct = direct is None or direct.kind not in (K.DECL_REF_EXPR, K.MEMBER_REF_EXPR)
                for x in val:
                    if x.kind == "null":
                        may_null = True
                        continue
                    if x.kind == "mapping" and (direct or x.key in state.unchecked):
                        unchecked.add(x.key)  # not tested for NULL before this return
                    sources.add(x)
                    if x.is_user or x.kind == "irpuser":
                        got = state.probed.get(x.key)
                        if x.key not in probes:
                            probes[x.key] = got
                        elif probes[x.key] is not None and (got is None or got[0] != probes[x.key][0]):
                            probes[x.key] = None
        if not sources:
            return None
        if not may_null:  # a mapping tested for NULL (that path raised): kernel memory
            sources = {Source("kernel", x.key, x.origin, x.derived)
                       if x.kind == "mapping" and x.key not in unchecked else x for x in sources}
        return Returned(frozenset(sources), tuple(
            (k, v) for k, v in sorted(probes.items(), key=lambda kv: repr(kv[0])) if v is not None))

    def length_var(self, fm: FunctionUserMemory, ref: Cursor) -> Optional[str]:
        """``in``/``out`` when a local is only ever set from the IOCTL's input/output length."""
        decl = ref.referenced
        if decl is None or decl.kind != K.VAR_DECL:
            return None
        key = decl.get_usr() or id(decl)
        if key in self._length_vars:
            return self._length_vars[key]
        kinds = set()
        scan = self.callgraph.scan(fm.fn.name) if fm.fn._shared else None
        if scan is not None:
            for var, init in scan.inits:
                if var == decl:
                    kinds.add(_length_kind(_strip(init)) if _strip(init) is not None else None)
            for _, lhs, rhs in scan.assignments:
                if _strip(lhs).kind == K.DECL_REF_EXPR and _strip(lhs).referenced == decl:
                    kinds.add(_length_kind(_strip(rhs)) if _strip(rhs) is not None else None)
        got = kinds.pop() if len(kinds) == 1 else None
        self._length_vars[key] = got
        return got

    def context_of(self, name: str) -> Context:
        got = self._contexts.get(name)
        if got is not None:
            return got
        if name in self._busy:
            return Context()
        self._busy.add(name)
        try:
            got = self._compute_context(name)
        finally:
            self._busy.discard(name)
        self._contexts[name] = got
        return got

    def _called_from_other_files(self, name: str) -> bool:
        """A function with external linkage, no driver role, and no caller in this file: its
        callers (and whether they guard the call) are in other files."""
        cg = self.callgraph
        cursor = cg.functions.get(name)
        if cursor is None or cursor.linkage != LinkageKind.EXTERNAL:
            return False
        return not cg.facts(name).roles

    def _compute_context(self, name: str) -> Context:
        cg = self.callgraph
        if name in cg.address_taken:
            return Context()  # also called through a pointer we cannot follow
        sites = []
        for caller in cg.callers(name):
            if caller == name:
                continue
            facts = cg.facts(caller)
            fm = self.function(facts)
            for call in facts.calls_to(name):
                sites.append((fm, call))
        if not sites:
            return Context(elsewhere=self._called_from_other_files(name))
        params: dict[int, set] = {}
        probed: Optional[dict] = None
        modes = set()
        methods, ioctls, lens = set(), set(), []
        guarded = True
        # unguarded only where a caller is itself called only from other files: "elsewhere"
        other_files, unguarded_here = False, False
        for fm, call in sites:
            state = fm.state_before(call.cursor)
            site_guarded = fm.in_try(call.cursor)
            guarded = guarded and site_guarded
            if not site_guarded:
                if fm.context.elsewhere:
                    other_files = True
                else:
                    unguarded_here = True
            if state is None:
                continue  # unreachable call
            modes.add(state.mode)
            methods.add(state.method)
            ioctls.add(state.ioctl)
            lens.append(state.lens)
            for i, a in enumerate(call.args if state.mode != "kernel" else ()):
                srcs = [x for x in fm.value(a, state)
                        if x.is_user or x.kind in ("handle", "length", "contains", "sysbuf")]
                if srcs:
                    params.setdefault(i, set()).update(
                        x.with_step(call.cursor, f"passed to {name}() as parameter {i + 1}")
                        if x.kind != "length" else x for x in srcs)
            if probed is None:
                probed = dict(state.probed)
            else:
                probed = {k: v for k, v in probed.items() if k in state.probed}
        mode = modes.pop() if len(modes) == 1 else None
        method = methods.pop() if len(methods) == 1 else None
        ioctl = ioctls.pop() if len(ioctls) == 1 else None
        common = {}
        if lens:
            for k in set.intersection(*(set(x) for x in lens)):
                vals = [x[k] for x in lens]
                common[k] = TOP if TOP in vals else max(vals) if k.endswith("<") else min(vals)
        return Context(params=tuple((i, frozenset(v)) for i, v in sorted(params.items())),
                       probed=tuple((probed or {}).items()), mode=mode, in_try=guarded,
                       method=method, ioctl=ioctl, lens=tuple(sorted(common.items())),
                       elsewhere=other_files and not unguarded_here)


@dataclass(frozen=True)
class Returned:
    """What a helper returns: the sources of its result over every ``return`` (NULL aside) and
    the probes that hold at each return for the user sources it returns."""

    sources: frozenset
    probed: tuple = ()  # ((source key, (Length, probe cursor)), ...)

    def __eq__(self, other) -> bool:
        return isinstance(other, Returned) and self.sources == other.sources and \
            [(k, v[0]) for k, v in self.probed] == [(k, v[0]) for k, v in other.probed]

    def __hash__(self) -> int:
        return hash(self.sources)


class ReturnedUserMemory(SummaryAnalysis):
    """Summary: :class:`Returned` of a pointer-returning function defined in the file, or None
    (unknown: not a pointer, nothing user-related in its body or callees). Computed by a
    context-free solve of the function (its callers' contexts would need this very summary)
    where the sources of a value are those *some* path gives (``may``: a helper that returns
    the caller's buffer on one path returns user memory), NULL is a value of its own, and a
    probe holds at a join when the other path holds no value of the probed source."""

    def compute(self, fn: "FunctionFacts", table) -> Optional[Returned]:
        return user_memory_file(fn.callgraph).compute_returned(fn, table)


RETURNS = ReturnedUserMemory()


def _returns_pointer(fn: Cursor) -> bool:
    try:
        return fn.result_type.get_canonical().kind == TypeKind.POINTER
    except Exception:  # pragma: no cover - libclang oddities
        return False


def user_memory_file(cg) -> "FileUserMemory":
    """The per-file model of ``cg``'s file."""
    return cg.model("user_memory", lambda: FileUserMemory(cg))


def user_memory(fn: "FunctionFacts") -> FunctionUserMemory:
    """The address-space facts of ``fn`` (computed lazily; shared per file). The file's facts
    live on its call graph, so they go with it (a module-level table keyed by the call graph
    kept every translation unit alive: the facts hold cursors, which pin their TU)."""
    return user_memory_file(fn.callgraph).function(fn)


def origin_phrase(src: Source) -> str:
    """``a user-mode address from Type3InputBuffer, passed to Helper() as parameter 1``."""
    passed = [m for _, m in src.origin if m.startswith(("passed to ", "returned by "))]
    base = {"type3": "a user-mode address (Type3InputBuffer)",
            "userbuffer": "a user-mode address (Irp->UserBuffer of a METHOD_NEITHER request)",
            "nested": "a user-mode address (a pointer read from user-controlled memory)"}.get(
        src.kind, "a user-mode address")
    if src.key == RW_USER_BUFFER:
        base = "a user-mode address (Irp->UserBuffer of a request that uses neither buffered " \
               "nor direct I/O)"
    return base + (f" {passed[-1]}" if passed else "")


def flow_steps(ctx, src: Source, at: Cursor, last: str, extra=()) -> list:
    """SARIF code-flow steps: the value's origin, ``extra`` (cursor, message) pairs, ``at``."""
    from kdlint.results import Step

    steps = []
    seen = set()
    for cursor, message in list(src.origin) + list(extra):
        if cursor is None:
            continue
        span = ctx.span(cursor)
        if (span.line, message) in seen:
            continue
        seen.add((span.line, message))
        steps.append(Step(span, message))
    steps.append(Step(ctx.span(at), last))
    return steps
