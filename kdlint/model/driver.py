"""Driver roles: which functions the I/O manager or the kernel calls, and as what.

A role is known from one of these kinds of evidence (each recorded as an :class:`Evidence` with
file and line, for SARIF code flows):

1. **Name**: ``DriverEntry``.
2. **Declaration through a role typedef** (:data:`TYPEDEF_ROLES`): ``DRIVER_DISPATCH Foo;``,
   ``IO_COMPLETION_ROUTINE Done;``, ``KSTART_ROUTINE Worker;`` ... on the first declaration of a
   function defined in the main file, wherever it is (a project header, usually; clang shows the
   typedef as a TYPE_REF child), and on any such declaration in the main file's text (found by
   a regular expression: asking libclang for every declaration of the TU costs more than the
   rest of the model). ``_Dispatch_type_(IRP_MJ_X)`` and ``_Function_class_(T)`` annotations in
   front of those declarations are read from the source text, since they may expand to nothing.
3. **Installation by assignment** (:data:`MEMBER_ROLES`): ``Driver->MajorFunction[IRP_MJ_X] = F``
   (the major function is recorded; ``"*"`` when the index is not a constant, as in a loop over
   all of them), ``->DriverUnload``, ``->DriverStartIo``, ``->DriverExtension->AddDevice``,
   ``Irp->CancelRoutine``, ``Item->WorkerRoutine`` ...; also through
   ``InterlockedExchangePointer(&X->CancelRoutine, F)`` (how ``IoSetCancelRoutine`` expands).
4. **Registration by call** (:data:`REGISTRATIONS`): the routine argument of
   ``IoSetCompletionRoutine[Ex]``, ``KeInitializeDpc``, ``PsCreateSystemThread`` (argument 5),
   ``IoSetCancelRoutine``, ``IoCsqInitialize[Ex]``, ``IoQueueWorkItem[Ex]``, ``ExInitializeWorkItem``,
   ``IoConnectInterrupt``, ``IoInitializeTimer`` ...

Values are followed through casts, ``&F``, ``c ? F : G``, chained assignments, variables assigned
or initialised with functions anywhere in the file (flow-insensitively), and parameters: when a
helper registers its own parameter, the functions its callers pass for it get the role.

Every installation by assignment or registration is also kept as an :class:`Installation` (where,
which function body, the value expression, an explicit cast written on it, the function's
declaration), and :func:`role_type_problems` compares a declaration with the signature the
I/O manager calls a role with (:data:`ROLE_SIGNATURES`): the dispatch-table role rule asks both.

Only main-file function bodies and global initialisers are walked (header ASTs are most of a TU);
headers are read only for the first declarations of functions the main file defines. Functions installed here
but defined in another file of the driver get their roles too (``roles_of`` answers for them).
"""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from clang.cindex import Cursor, CursorKind as K, TypeKind

from kdlint.flow.callgraph import CallGraph, Scan
from kdlint.flow.cfg import BO_ASSIGN, UO_ADDROF, binary_op, unary_op
from kdlint.cursors import strip_casts
from kdlint.libclang import evaluate_int
from kdlint.source import file_text


class Role(str, enum.Enum):
    DRIVER_ENTRY = "DriverEntry"
    DISPATCH = "dispatch"
    UNLOAD = "unload"
    COMPLETION = "completion-routine"
    DPC = "dpc"
    THREAD_START = "thread-start"
    CANCEL = "cancel-routine"
    ADD_DEVICE = "add-device"
    START_IO = "start-io"
    WORK_ITEM = "work-item"
    ISR = "isr"
    CSQ = "csq-callback"
    TIMER = "timer-routine"


#: Function typedefs whose use in a declaration gives the function a role.
TYPEDEF_ROLES = {
    "DRIVER_INITIALIZE": Role.DRIVER_ENTRY,
    "DRIVER_DISPATCH": Role.DISPATCH, "DRIVER_DISPATCH_PAGED": Role.DISPATCH,
    "DRIVER_DISPATCH_RAISED": Role.DISPATCH,
    "DRIVER_UNLOAD": Role.UNLOAD,
    "DRIVER_ADD_DEVICE": Role.ADD_DEVICE,
    "DRIVER_STARTIO": Role.START_IO,
    "DRIVER_CANCEL": Role.CANCEL,
    "IO_COMPLETION_ROUTINE": Role.COMPLETION,
    "KSTART_ROUTINE": Role.THREAD_START,
    "KDEFERRED_ROUTINE": Role.DPC, "IO_DPC_ROUTINE": Role.DPC,
    "IO_WORKITEM_ROUTINE": Role.WORK_ITEM, "IO_WORKITEM_ROUTINE_EX": Role.WORK_ITEM,
    "WORKER_THREAD_ROUTINE": Role.WORK_ITEM,
    "KSERVICE_ROUTINE": Role.ISR, "KMESSAGE_SERVICE_ROUTINE": Role.ISR,
    "IO_CSQ_INSERT_IRP": Role.CSQ, "IO_CSQ_INSERT_IRP_EX": Role.CSQ, "IO_CSQ_REMOVE_IRP": Role.CSQ,
    "IO_CSQ_PEEK_NEXT_IRP": Role.CSQ, "IO_CSQ_ACQUIRE_LOCK": Role.CSQ,
    "IO_CSQ_RELEASE_LOCK": Role.CSQ, "IO_CSQ_COMPLETE_CANCELED_IRP": Role.CSQ,
    "IO_TIMER_ROUTINE": Role.TIMER, "EXT_CALLBACK": Role.TIMER,
}

#: Routine → {argument index: role} for APIs that register a callback.
REGISTRATIONS = {
    "IoSetCompletionRoutine": {1: Role.COMPLETION},
    "IoSetCompletionRoutineEx": {2: Role.COMPLETION},
    "KeInitializeDpc": {1: Role.DPC},
    "KeInitializeThreadedDpc": {1: Role.DPC},
    "IoInitializeDpcRequest": {1: Role.DPC},
    "PsCreateSystemThread": {5: Role.THREAD_START},
    "IoCreateSystemThread": {6: Role.THREAD_START},
    "IoSetCancelRoutine": {1: Role.CANCEL},
    "IoCsqInitialize": {i: Role.CSQ for i in range(1, 7)},
    "IoCsqInitializeEx": {i: Role.CSQ for i in range(1, 7)},
    "IoQueueWorkItem": {1: Role.WORK_ITEM},
    "IoQueueWorkItemEx": {1: Role.WORK_ITEM},
    "IoTryQueueWorkItem": {1: Role.WORK_ITEM},
    "ExInitializeWorkItem": {1: Role.WORK_ITEM},
    "IoConnectInterrupt": {1: Role.ISR},
    "IoInitializeTimer": {1: Role.TIMER},
    "ExAllocateTimer": {0: Role.TIMER},
}

#: Field name → (role, substrings one of which the containing struct's name must hold).
MEMBER_ROLES = {
    "DriverUnload": (Role.UNLOAD, ("DRIVER_OBJECT",)),
    "DriverStartIo": (Role.START_IO, ("DRIVER_OBJECT",)),
    "AddDevice": (Role.ADD_DEVICE, ("DRIVER_EXTENSION",)),
    "CancelRoutine": (Role.CANCEL, ("IRP",)),
    "WorkerRoutine": (Role.WORK_ITEM, ("WORK_QUEUE_ITEM",)),
    "DeferredRoutine": (Role.DPC, ("KDPC",)),
    "CompletionRoutine": (Role.COMPLETION, ("IO_STACK_LOCATION",)),
    "ServiceRoutine": (Role.ISR, ("INTERRUPT",)),
    "MessageServiceRoutine": (Role.ISR, ("INTERRUPT",)),
}

#: Calls that store their value argument through their target argument: name → (target, value).
STORING_CALLS = {
    "InterlockedExchangePointer": (0, 1), "_InterlockedExchangePointer": (0, 1),
    "InterlockedCompareExchangePointer": (0, 1), "_InterlockedCompareExchangePointer": (0, 1),
}

IRP_MJ = [
    "IRP_MJ_CREATE", "IRP_MJ_CREATE_NAMED_PIPE", "IRP_MJ_CLOSE", "IRP_MJ_READ", "IRP_MJ_WRITE",
    "IRP_MJ_QUERY_INFORMATION", "IRP_MJ_SET_INFORMATION", "IRP_MJ_QUERY_EA", "IRP_MJ_SET_EA",
    "IRP_MJ_FLUSH_BUFFERS", "IRP_MJ_QUERY_VOLUME_INFORMATION", "IRP_MJ_SET_VOLUME_INFORMATION",
    "IRP_MJ_DIRECTORY_CONTROL", "IRP_MJ_FILE_SYSTEM_CONTROL", "IRP_MJ_DEVICE_CONTROL",
    "IRP_MJ_INTERNAL_DEVICE_CONTROL", "IRP_MJ_SHUTDOWN", "IRP_MJ_LOCK_CONTROL", "IRP_MJ_CLEANUP",
    "IRP_MJ_CREATE_MAILSLOT", "IRP_MJ_QUERY_SECURITY", "IRP_MJ_SET_SECURITY", "IRP_MJ_POWER",
    "IRP_MJ_SYSTEM_CONTROL", "IRP_MJ_DEVICE_CHANGE", "IRP_MJ_QUERY_QUOTA", "IRP_MJ_SET_QUOTA",
    "IRP_MJ_PNP",
]
ALL_MAJORS = "*"

_ANNOTATION = re.compile(r"\b(_Dispatch_type_|_Function_class_)\s*\(\s*(\w+)\s*\)")
_TYPED_DECL = re.compile(r"\b(" + "|".join(sorted(TYPEDEF_ROLES, key=len, reverse=True))
                         + r")\s+(\w+)\s*;")


@dataclass(frozen=True)
class Evidence:
    """Where a role came from."""

    role: Role
    path: str
    line: int
    how: str  # e.g. "declared as DRIVER_DISPATCH", "assigned to MajorFunction[IRP_MJ_READ]"
    major: Optional[str] = None  # DISPATCH: the IRP_MJ_* name, or "*"


@dataclass(eq=False)
class Installation:
    """One place a routine is installed (assigned to a role member or passed to a registering
    routine) — the ``installed`` kind of evidence, with the cursors rules report at."""

    name: str  # the function installed
    evidence: Evidence
    where: Cursor  # the assignment or the registering call
    value: Cursor  # the expression naming the routine
    owner: Optional[str]  # the function whose body installs it (None: a global initialiser)
    cast: Optional[str] = None  # the type an explicit cast on ``value`` wrote, if any

    @property
    def role(self) -> Role:
        return self.evidence.role

    @property
    def major(self) -> Optional[str]:
        return self.evidence.major


@dataclass
class DriverModel:
    """Roles of the functions of one file, with their evidence."""

    roles: dict[str, set[Role]] = field(default_factory=dict)
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    callgraph: Optional[CallGraph] = None
    installations: list[Installation] = field(default_factory=list)
    #: function name → a declaration of it seen in the file (its definition when there is one)
    decls: dict[str, Cursor] = field(default_factory=dict)

    def add(self, name: str, role: Role, evidence: Optional[Evidence] = None) -> None:
        self.roles.setdefault(name, set()).add(role)
        if evidence is not None:
            known = self.evidence.setdefault(name, [])
            if evidence not in known:
                known.append(evidence)

    def roles_of(self, name: str) -> frozenset:
        return frozenset(self.roles.get(name, ()))

    def evidence_of(self, name: str, role: Optional[Role] = None) -> list[Evidence]:
        return [e for e in self.evidence.get(name, []) if role is None or e.role == role]

    def major_functions(self, name: str) -> frozenset:
        """IRP_MJ_* names ``name`` is installed for ("*": by a loop / computed index)."""
        return frozenset(e.major for e in self.evidence_of(name, Role.DISPATCH) if e.major)

    def functions_with(self, role: Role) -> list[str]:
        return sorted(n for n, roles in self.roles.items() if role in roles)

    def installations_in(self, owner: str) -> list[Installation]:
        """Installations written in the body of function ``owner``."""
        return [i for i in self.installations if i.owner == owner]

    def declared_roles(self, name: str) -> dict[Role, Evidence]:
        """Roles ``name`` gets from its declarations: a role typedef (``DRIVER_DISPATCH F;``) or
        ``_Function_class_(T)``; ``_Dispatch_type_`` annotations are in :meth:`dispatch_types`."""
        out: dict[Role, Evidence] = {}
        for e in self.evidence.get(name, []):
            if e.how.startswith(("declared as ", "annotated _Function_class_")):
                out.setdefault(e.role, e)
        return out

    def dispatch_types(self, name: str) -> dict[str, Evidence]:
        """IRP_MJ_* names of the ``_Dispatch_type_(...)`` annotations on ``name``."""
        return {e.major: e for e in self.evidence_of(name, Role.DISPATCH)
                if e.major and e.how.startswith("annotated _Dispatch_type_")}

    def dispatch_routines(self, major: str) -> list[str]:
        """Functions installed for ``major`` explicitly or through an all-majors loop."""
        return sorted(n for n in self.functions_with(Role.DISPATCH)
                      if self.major_functions(n) & {major, ALL_MAJORS})


_FUNCTION_TYPES = (TypeKind.FUNCTIONPROTO, TypeKind.FUNCTIONNOPROTO)

#: How the system calls the routines of a role that receive an IRP: (role typedef, returns
#: NTSTATUS?, the record each parameter points to — None: any pointer-sized value).
ROLE_SIGNATURES = {
    Role.DISPATCH: ("DRIVER_DISPATCH", True, ("DEVICE_OBJECT", "IRP")),
    Role.COMPLETION: ("IO_COMPLETION_ROUTINE", True, ("DEVICE_OBJECT", "IRP", None)),
    Role.CANCEL: ("DRIVER_CANCEL", False, ("DEVICE_OBJECT", "IRP")),
    Role.START_IO: ("DRIVER_STARTIO", False, ("DEVICE_OBJECT", "IRP")),
}

_ORDINAL = ("first", "second", "third", "fourth")


def _record_name(t) -> str:
    return t.get_canonical().spelling.replace("struct ", "").replace("const ", "").strip().lstrip("_")


def _begins_with(t, want: str, depth: int = 0) -> bool:
    """``t`` is record ``want``, or a record whose first member is one (recursively): the C
    idiom of an extended object, e.g. a file system's ``VOLUME_DEVICE_OBJECT`` that starts with
    its ``DEVICE_OBJECT``, so a pointer to it is a pointer to the device object."""
    t = t.get_canonical()
    if _record_name(t) == want:
        return True
    if t.kind != TypeKind.RECORD or depth > 3:
        return False
    first = next(iter(t.get_fields()), None)
    return first is not None and _begins_with(first.type, want, depth + 1)


def role_type_problems(decl: Optional[Cursor], role: Role) -> tuple[list[str], bool]:
    """How the declared type of function ``decl`` differs from the signature the system calls
    ``role`` with (:data:`ROLE_SIGNATURES`), and whether some difference is harmful (wrong
    parameters, a status read from a routine that returns none or a narrower one) rather than
    harmless (a value returned where none is read). A pointer parameter to ``VOID``, to the
    expected record or to a record that begins with it is accepted; so is any 32-bit integer
    result for NTSTATUS."""
    spec = ROLE_SIGNATURES.get(role)
    if decl is None or spec is None:
        return [], False
    t = decl.type  # as written, so that messages name NTSTATUS, PIRP ...
    if t.kind not in _FUNCTION_TYPES:
        t = t.get_canonical()
        if t.kind not in _FUNCTION_TYPES:
            return [], False
    _, returns_status, params = spec
    problems: list[str] = []
    severe = False
    result = t.get_result()
    rc = result.get_canonical()
    if returns_status:
        if rc.kind == TypeKind.VOID:
            problems.append("returns VOID")
            severe = True
        elif rc.kind not in (TypeKind.INT, TypeKind.UINT, TypeKind.LONG, TypeKind.ULONG) \
                or rc.get_size() != 4:
            problems.append(f"returns {result.spelling}")
            severe = True
    elif rc.kind != TypeKind.VOID:
        problems.append(f"returns {result.spelling}")
    if t.kind == TypeKind.FUNCTIONPROTO:
        args = list(t.argument_types())
        if len(args) != len(params):
            problems.append(f"takes {len(args)} parameter{'s' if len(args) != 1 else ''}")
            severe = True
        else:
            for i, (a, want) in enumerate(zip(args, params)):
                ac = a.get_canonical()
                if ac.kind != TypeKind.POINTER:
                    if want is None and ac.get_size() == 8:
                        continue
                    problems.append(f"takes a {a.spelling} as its {_ORDINAL[i]} parameter")
                    severe = True
                    continue
                pointee = ac.get_pointee()
                if want is None or pointee.kind == TypeKind.VOID or _begins_with(pointee, want):
                    continue
                problems.append(f"takes a {a.spelling} as its {_ORDINAL[i]} parameter")
                severe = True
        if t.is_function_variadic():
            problems.append("is variadic")
            severe = True
    return problems, severe


def _strip(expr: Optional[Cursor], kids_of=lambda c: list(c.get_children())) -> Optional[Cursor]:
    """Look through parentheses, implicit and explicit casts and ``&``."""
    while True:
        expr = strip_casts(expr, kids_of)
        if expr is None or expr.kind != K.UNARY_OPERATOR or unary_op(expr) != UO_ADDROF:
            return expr
        kids = kids_of(expr)
        if not kids:
            return expr
        expr = kids[-1]


_MAJORS = ("majors",)  # marker value: a variable that points at DriverObject->MajorFunction


class _Finder:
    """Collects roles for one file."""

    def __init__(self, cg: CallGraph, model: DriverModel):
        self.cg = cg
        self.model = model
        self.values: dict = {}  # VAR_DECL / PARM_DECL cursor → set of values
        self.params: dict = {}  # PARM_DECL cursor → (function name, index)
        self.pending: list = []  # (function, index, role, major, how) a helper registers
        self.kids = cg.children

    def strip(self, expr: Optional[Cursor]) -> Optional[Cursor]:
        return _strip(expr, self.kids)

    # -- values ------------------------------------------------------------------------
    def resolve(self, expr: Optional[Cursor], depth: int = 0) -> set:
        """Function names, (function, param index) pairs and _MAJORS that ``expr`` may be."""
        expr = self.strip(expr)
        if expr is None or depth > 100:  # structural recursion; the bound is only a guard
            return set()
        k = expr.kind
        if k == K.DECL_REF_EXPR:
            ref = expr.referenced
            if ref is None:
                return set()
            if ref.kind == K.FUNCTION_DECL:
                self.model.decls.setdefault(ref.spelling, ref)
                return {ref.spelling}
            out = set(self.values.get(ref, ()))
            if ref.kind == K.PARM_DECL and ref in self.params:
                out.add(self.params[ref])
            return out
        if k == K.MEMBER_REF_EXPR and expr.spelling == "MajorFunction":
            return {_MAJORS}
        if k == K.CONDITIONAL_OPERATOR:
            kids = self.kids(expr)
            return set().union(*(self.resolve(c, depth + 1) for c in kids[1:]))
        if k == K.BINARY_OPERATOR:
            kids = self.kids(expr)
            if len(kids) == 2 and binary_op(expr) == BO_ASSIGN:
                return self.resolve(kids[1], depth + 1)
        return set()

    def _bind(self, target: Optional[Cursor], value: Cursor) -> bool:
        target = self.strip(target)
        if target is None or target.kind != K.DECL_REF_EXPR:
            return False
        ref = target.referenced
        if ref is None or ref.kind not in (K.VAR_DECL, K.PARM_DECL):
            return False
        vals = self.resolve(value)
        known = self.values.setdefault(ref, set())
        if vals - known:
            known |= vals
            return True
        return False

    def collect_values(self, scans: list) -> None:
        """Variables and parameters bound to functions anywhere in the file (to a fixpoint)."""
        for name, fn in self.cg.functions.items():
            for i, p in enumerate(fn.get_arguments()):
                self.params[p] = (name, i)
        bindings = []
        for s in scans:
            bindings += [(var, init) for var, init in s.inits]
            bindings += [(lhs, rhs) for _, lhs, rhs in s.assignments]
        # keep only bindings whose value could be a function or the MajorFunction array
        for _ in range(4):
            changed = False
            for target, value in bindings:
                if target.kind == K.VAR_DECL:
                    vals = self.resolve(value)
                    known = self.values.setdefault(target, set())
                    if vals - known:
                        known |= vals
                        changed = True
                elif self._bind(target, value):
                    changed = True
            if not changed:
                break

    # -- evidence ----------------------------------------------------------------------
    def written_cast(self, expr: Optional[Cursor]) -> Optional[str]:
        """The type of the outermost explicit cast on ``expr`` (through parentheses and ``&``)."""
        while expr is not None:
            k = expr.kind
            if k == K.CSTYLE_CAST_EXPR:  # only casts to a function pointer type hide a role
                t = expr.type.get_canonical()
                if t.kind == TypeKind.POINTER and t.get_pointee().kind in _FUNCTION_TYPES:
                    return expr.type.spelling
                kids = self.kids(expr)
                expr = kids[-1] if kids else None
                continue
            if k in (K.PAREN_EXPR, K.UNEXPOSED_EXPR) or (
                    k == K.UNARY_OPERATOR and unary_op(expr) == UO_ADDROF):
                kids = self.kids(expr)
                expr = kids[-1] if kids else None
                continue
            return None
        return None

    def give(self, values: set, role: Role, where: Cursor, how: str, major: Optional[str] = None,
             value: Optional[Cursor] = None, owner: Optional[str] = None) -> None:
        loc = where.location
        path = loc.file.name if loc.file is not None else ""
        for v in values:
            if isinstance(v, str):  # also functions defined in another file of the driver
                ev = Evidence(role, path, loc.line, how, major)
                self.model.add(v, role, ev)
                if value is not None:
                    self.model.installations.append(Installation(
                        v, ev, where, value, owner, self.written_cast(value)))
            elif v is not _MAJORS:
                self.pending.append((v[0], v[1], role, major, how))

    def assignment(self, lhs: Cursor, rhs: Cursor, where: Cursor, owner: Optional[str] = None) -> None:
        lhs = self.strip(lhs)
        if lhs is None:
            return
        if lhs.kind == K.ARRAY_SUBSCRIPT_EXPR:
            kids = self.kids(lhs)
            if len(kids) != 2:
                return
            base = self.strip(kids[0])
            if base is None:
                return
            if not ((base.kind == K.MEMBER_REF_EXPR and base.spelling == "MajorFunction")
                    or (base.kind == K.DECL_REF_EXPR and _MAJORS in self.resolve(base))):
                return
            value = evaluate_int(kids[1])
            major = IRP_MJ[value] if value is not None and 0 <= value < len(IRP_MJ) else ALL_MAJORS
            self.give(self.resolve(rhs), Role.DISPATCH, where,
                      f"assigned to MajorFunction[{major}]", major, rhs, owner)
        elif lhs.kind == K.MEMBER_REF_EXPR:
            member = lhs.spelling
            spec = MEMBER_ROLES.get(member)
            if spec is None:
                return
            role, structs = spec
            fld = lhs.referenced
            parent = fld.semantic_parent if fld is not None else None
            struct = parent.spelling if parent is not None else ""
            if struct and not any(s in struct for s in structs):
                return
            self.give(self.resolve(rhs), role, where, f"assigned to {member}", None, rhs, owner)

    def scan_body(self, s: Scan, owner: Optional[str] = None) -> None:
        for call in s.calls:
            spec = REGISTRATIONS.get(call.name)
            if spec:
                for i, role in spec.items():
                    arg = call.arg(i)
                    if arg is not None:
                        self.give(self.resolve(arg), role, call.cursor,
                                  f"passed to {call.name} (argument {i + 1})", None, arg, owner)
            store = STORING_CALLS.get(call.name)
            if store:
                target, value = call.arg(store[0]), call.arg(store[1])
                if target is not None and value is not None:
                    self.assignment(target, value, call.cursor, owner)
        for node, lhs, rhs in s.assignments:
            k = self.strip(lhs)
            if k is not None and k.kind in (K.ARRAY_SUBSCRIPT_EXPR, K.MEMBER_REF_EXPR):
                self.assignment(lhs, rhs, node, owner)

    def propagate_params(self) -> None:
        """A helper registering its parameter: the callers' arguments get the role."""
        done = set()
        rounds = 0
        while self.pending and rounds <= len(self.cg.functions):
            rounds += 1
            work, self.pending = self.pending, []
            for owner, index, role, major, how in work:
                if (owner, index, role, major) in done:
                    continue
                done.add((owner, index, role, major))
                for caller in self.cg.functions:
                    for call in self.cg.calls_from(caller):
                        if call.name == owner and call.arg(index) is not None:
                            self.give(self.resolve(call.arg(index)), role, call.cursor,
                                      f"passed to {owner} (argument {index + 1}), which is {how}",
                                      major, call.arg(index), caller)

    # -- declarations ------------------------------------------------------------------
    def _text(self, path: str) -> str:
        return file_text(path) or ""  # one character per byte, so clang's offsets index it

    def declarations(self, name: str, definition: Cursor) -> None:
        """Role typedefs and annotations on the definition and its first declaration."""
        decls = [definition]
        first = self.cg.first_declaration(name)
        if first is not None:
            decls.append(first)
        for d in decls:
            loc = d.location
            path = loc.file.name if loc.file is not None else ""
            for ch in d.get_children():
                if ch.kind == K.TYPE_REF and ch.spelling in TYPEDEF_ROLES:
                    role = TYPEDEF_ROLES[ch.spelling]
                    self.model.add(name, role, Evidence(role, path, loc.line,
                                                        f"declared as {ch.spelling}"))
            if path:
                first_tok = d.extent.start
                begin = first_tok.offset if first_tok.file is not None \
                    and first_tok.file.name == path else loc.offset
                self._annotations(name, path, min(begin, loc.offset), loc.offset, loc.line)

    def main_file_declarations(self, path: str) -> None:
        """``DRIVER_DISPATCH Foo;``-style declarations anywhere in the main file's text (the
        AST gives only a function's first declaration cheaply; later ones are found here)."""
        text = self._text(path)
        for m in _TYPED_DECL.finditer(text):
            typedef, name = m.group(1), m.group(2)
            line_start = text.rfind("\n", 0, m.start()) + 1
            prefix = text[line_start:m.start()]
            if "//" in prefix or prefix.lstrip().startswith(("#", "*", "/*")):
                continue  # commented out or a macro definition
            line = text.count("\n", 0, m.start()) + 1
            role = TYPEDEF_ROLES[typedef]
            self.model.add(name, role, Evidence(role, path, line, f"declared as {typedef}"))
            self._annotations(name, path, m.start(), m.start(2), line)

    def _annotations(self, name: str, path: str, begin: int, end: int, end_line: int) -> None:
        """``_Dispatch_type_(IRP_MJ_X)`` / ``_Function_class_(T)`` written in front of the
        declaration whose first token is at ``begin`` and name at ``end`` (on ``end_line``)."""
        text = self._text(path)
        if not text or end <= 0 or end > len(text):
            return
        start = max(text.rfind(";", 0, begin), text.rfind("}", 0, begin), text.rfind("{", 0, begin), 0)
        if end - start > 2000:
            start = end - 2000
        region = text[start:end]
        if "_Dispatch_type_" not in region and "_Function_class_" not in region:
            return
        for m in _ANNOTATION.finditer(region):
            kind, arg = m.group(1), m.group(2)
            if region[region.rfind("\n", 0, m.start()) + 1:m.start()].lstrip().startswith("#"):
                continue  # the macro's own #define
            line = end_line - region.count("\n", m.start())  # the annotation's line
            if kind == "_Dispatch_type_":
                self.model.add(name, Role.DISPATCH, Evidence(
                    Role.DISPATCH, path, line, f"annotated _Dispatch_type_({arg})", arg))
            elif arg in TYPEDEF_ROLES:
                role = TYPEDEF_ROLES[arg]
                self.model.add(name, role, Evidence(role, path, line,
                                                    f"annotated _Function_class_({arg})"))


def build_driver_model(functions: Iterable[Cursor], callgraph: Optional[CallGraph] = None) -> DriverModel:
    """Find the roles of the main file's function definitions ``functions``.

    Builds the file's :class:`CallGraph` too (unless given) and keeps it in ``model.callgraph``,
    which is how every FunctionFacts of the file reaches the shared caches.
    """
    functions = list(functions)
    cg = callgraph if callgraph is not None else CallGraph(functions)
    model = DriverModel(callgraph=cg)
    cg.driver = model
    finder = _Finder(cg, model)
    main_path = ""
    for name, fn in cg.functions.items():
        if not main_path and fn.location.file is not None:
            main_path = fn.location.file.name
        if name == "DriverEntry":
            loc = fn.location
            model.add(name, Role.DRIVER_ENTRY, Evidence(
                Role.DRIVER_ENTRY, loc.file.name if loc.file else "", loc.line, "named DriverEntry"))
        model.decls[name] = fn
        finder.declarations(name, fn)
    if main_path:
        finder.main_file_declarations(main_path)
    scans = [cg.scan(name) for name in cg.functions] + [s for _, s in cg.globals]
    finder.collect_values(scans)
    for name in cg.functions:
        finder.scan_body(cg.scan(name), name)
    finder.propagate_params()
    return model
