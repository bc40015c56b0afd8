"""Lock and IRQL routines, and the access-path keys that name "the same lock" across calls.

This module is data plus two small helpers for :mod:`kdlint.model.irql`:

- :data:`ACTIONS`: what each spin-lock / fast-mutex / raise / lower routine does to the IRQL and
  to the set of held locks (which argument is the lock, where the old IRQL is saved, what
  it raises to). Written from the DDI reference pages of each routine; it does not depend on
  the header set, so the model works the same with the model headers, mingw-w64's and a WDK.
- :func:`expr_key` / :func:`render`: a hashable *access path* for an lvalue or pointer
  expression (``&Ext->Lock`` → ``(('p', 0, 'Ext'), '*', '.Lock', '&')``) so that the lock
  acquired at one call and released at another compare equal, and so that a helper's
  parameter-rooted path can be rewritten into its caller's terms (:func:`substitute`);
  :func:`local_key` is the key of a local variable named by its declaration.

Keys are tuples ``(root, op, op, ...)``: ``root`` is ``('p', index, name)`` for a parameter,
``('g', name)`` for a global, ``('l', name, offset)`` for a local, ``('cancel',)`` for the
global cancel spin lock; ops are ``'*'`` (dereference), ``'&'`` (address of), ``'.field'``
(``a->f`` is ``'*', '.f'``) and ``'[]'`` (any element).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from clang.cindex import Cursor, CursorKind as K

from kdlint.cursors import strip_casts
from kdlint.flow.cfg import UO_ADDROF, UO_DEREF, unary_op

# -- IRQL levels (x64 values; only their order matters) ---------------------------------------
PASSIVE, APC, DISPATCH, DIRQL, SYNCH, HIGH = 0, 1, 2, 3, 12, 15
LEVELS = {
    "PASSIVE_LEVEL": PASSIVE, "LOW_LEVEL": PASSIVE, "APC_LEVEL": APC, "DISPATCH_LEVEL": DISPATCH,
    "DPC_LEVEL": DISPATCH, "DIRQL": DIRQL, "CMCI_LEVEL": 5, "SYNCH_LEVEL": SYNCH,
    "CLOCK_LEVEL": 13, "CLOCK2_LEVEL": 13, "PROFILE_LEVEL": 15, "IPI_LEVEL": 14,
    "POWER_LEVEL": 14, "HIGH_LEVEL": HIGH, "0": PASSIVE, "1": APC, "2": DISPATCH,
}
NAMES = {PASSIVE: "PASSIVE_LEVEL", APC: "APC_LEVEL", DISPATCH: "DISPATCH_LEVEL", DIRQL: "DIRQL",
         SYNCH: "SYNCH_LEVEL", HIGH: "HIGH_LEVEL"}


def level_name(level: int) -> str:
    return NAMES.get(level, f"IRQL {level}")


def parse_level(text: str) -> Optional[int]:
    """An IRQL annotation argument (``DISPATCH_LEVEL``, ``(APC_LEVEL)``) → its value."""
    return LEVELS.get(text.strip().strip("()").strip())


# -- lock kinds -----------------------------------------------------------------------------
SPIN = "spin lock"  # KeAcquireSpinLock / KeReleaseSpinLock
SPIN_DPC = "spin lock (at DPC level)"  # KeAcquireSpinLockAtDpcLevel / ...FromDpcLevel
QUEUED = "in-stack queued spin lock"
QUEUED_DPC = "in-stack queued spin lock (at DPC level)"
CANCEL = "cancel spin lock"
INTERRUPT = "interrupt spin lock"
EX_SPIN = "executive spin lock"
EX_SPIN_DPC = "executive spin lock (at DPC level)"
FAST_MUTEX = "fast mutex"

#: Kinds that hold the processor at DISPATCH_LEVEL or above (IoCompleteRequest under them is KD350).
SPIN_KINDS = frozenset({SPIN, SPIN_DPC, QUEUED, QUEUED_DPC, CANCEL, INTERRUPT, EX_SPIN, EX_SPIN_DPC})

#: The release routine that matches each kind (for messages).
RELEASE_OF = {
    SPIN: "KeReleaseSpinLock", SPIN_DPC: "KeReleaseSpinLockFromDpcLevel",
    QUEUED: "KeReleaseInStackQueuedSpinLock", QUEUED_DPC: "KeReleaseInStackQueuedSpinLockFromDpcLevel",
    CANCEL: "IoReleaseCancelSpinLock", INTERRUPT: "KeReleaseInterruptSpinLock",
    EX_SPIN: "ExRelease...SpinLock...", EX_SPIN_DPC: "ExRelease...SpinLock...FromDpcLevel",
    FAST_MUTEX: "ExReleaseFastMutex",
}

CANCEL_KEY = (("cancel",),)


@dataclass(frozen=True)
class Action:
    """What one routine does.

    ``op``: ``acquire`` | ``release`` | ``raise`` | ``lower``.
    ``lock``: argument index of the lock (``None``: the global cancel spin lock).
    ``handle``: argument index of a KLOCK_QUEUE_HANDLE (in-stack queued locks are released by it).
    ``to``: the IRQL the routine raises to (``None``: leaves it alone, or ``arg`` for KeRaiseIrql).
    ``save``: where the previous IRQL goes: ``'return'``, ``('arg', i)`` (a pointer argument),
    ``'lock'`` (kept with the lock: fast mutex, queued handle).
    ``restore``: argument index of the IRQL a release/lower goes back to (``'lock'``: kept with the lock).
    ``alt_save``: for macros whose function form takes the save pointer as argument ``i``.
    """

    op: str
    kind: Optional[str] = None
    lock: Optional[int] = None
    handle: Optional[int] = None
    to: object = None
    save: object = None
    restore: object = None
    alt_save: Optional[int] = None


ACTIONS: dict[str, Action] = {
    # KeAcquireSpinLock(L, &Old) is a macro for *(&Old) = KeAcquireSpinLockRaiseToDpc(L) (both
    # spellings fold to KeAcquireSpinLock); an x86 function form takes &Old as argument 1.
    "KeAcquireSpinLock": Action("acquire", SPIN, lock=0, to=DISPATCH, save="return", alt_save=1),
    "KeAcquireSpinLockForDpc": Action("acquire", SPIN, lock=0, to=DISPATCH, save="return"),
    "KeReleaseSpinLock": Action("release", SPIN, lock=0, restore=1),
    "KeReleaseSpinLockForDpc": Action("release", SPIN, lock=0, restore=1),
    "KeAcquireSpinLockAtDpcLevel": Action("acquire", SPIN_DPC, lock=0),
    "KefAcquireSpinLockAtDpcLevel": Action("acquire", SPIN_DPC, lock=0),
    "KeReleaseSpinLockFromDpcLevel": Action("release", SPIN_DPC, lock=0),
    "KefReleaseSpinLockFromDpcLevel": Action("release", SPIN_DPC, lock=0),
    "KeAcquireInStackQueuedSpinLock": Action("acquire", QUEUED, lock=0, handle=1, to=DISPATCH, save="lock"),
    "KeAcquireInStackQueuedSpinLockForDpc": Action("acquire", QUEUED, lock=0, handle=1, to=DISPATCH,
                                                   save="lock"),
    "KeReleaseInStackQueuedSpinLock": Action("release", QUEUED, handle=0, restore="lock"),
    "KeReleaseInStackQueuedSpinLockForDpc": Action("release", QUEUED, handle=0, restore="lock"),
    "KeAcquireInStackQueuedSpinLockAtDpcLevel": Action("acquire", QUEUED_DPC, lock=0, handle=1),
    "KeReleaseInStackQueuedSpinLockFromDpcLevel": Action("release", QUEUED_DPC, handle=0),
    "IoAcquireCancelSpinLock": Action("acquire", CANCEL, to=DISPATCH, save=("arg", 0)),
    "IoReleaseCancelSpinLock": Action("release", CANCEL, restore=0),
    "KeAcquireInterruptSpinLock": Action("acquire", INTERRUPT, lock=0, to=DIRQL, save="return"),
    "KeReleaseInterruptSpinLock": Action("release", INTERRUPT, lock=0, restore=1),
    "ExAcquireSpinLockExclusive": Action("acquire", EX_SPIN, lock=0, to=DISPATCH, save="return"),
    "ExAcquireSpinLockShared": Action("acquire", EX_SPIN, lock=0, to=DISPATCH, save="return"),
    "ExReleaseSpinLockExclusive": Action("release", EX_SPIN, lock=0, restore=1),
    "ExReleaseSpinLockShared": Action("release", EX_SPIN, lock=0, restore=1),
    "ExAcquireSpinLockExclusiveAtDpcLevel": Action("acquire", EX_SPIN_DPC, lock=0),
    "ExAcquireSpinLockSharedAtDpcLevel": Action("acquire", EX_SPIN_DPC, lock=0),
    "ExReleaseSpinLockExclusiveFromDpcLevel": Action("release", EX_SPIN_DPC, lock=0),
    "ExReleaseSpinLockSharedFromDpcLevel": Action("release", EX_SPIN_DPC, lock=0),
    "ExAcquireFastMutex": Action("acquire", FAST_MUTEX, lock=0, to=APC, save="lock"),
    "ExReleaseFastMutex": Action("release", FAST_MUTEX, lock=0, restore="lock"),
    # KeRaiseIrql(New, &Old) is a macro for *(&Old) = KfRaiseIrql(New) (folded to KeRaiseIrql)
    "KeRaiseIrql": Action("raise", to="arg", save="return", alt_save=1),
    "KeRaiseIrqlToDpcLevel": Action("raise", to=DISPATCH, save="return"),
    "KeRaiseIrqlToSynchLevel": Action("raise", to=SYNCH, save="return"),
    "KeLowerIrql": Action("lower", restore=0),
}

#: Pairs of (acquire kind, release routine kind) that do not match: released with the other variant.
DPC_VARIANT = {SPIN: SPIN_DPC, SPIN_DPC: SPIN, QUEUED: QUEUED_DPC, QUEUED_DPC: QUEUED,
               EX_SPIN: EX_SPIN_DPC, EX_SPIN_DPC: EX_SPIN}


# -- access paths ---------------------------------------------------------------------------
def _push(ops: list, op: str) -> None:
    if op == "*" and ops and ops[-1] == "&":
        ops.pop()
    elif op == "&" and ops and ops[-1] == "*":
        ops.pop()
    else:
        ops.append(op)


def local_key(var: Cursor) -> tuple:
    """The key of a local variable itself (its VAR_DECL): ``(('l', name, offset),)``."""
    return (("l", var.spelling, var.location.offset),)


def expr_key(expr: Optional[Cursor], params: dict, kids) -> Optional[tuple]:
    """The access path of ``expr`` (None when it is not a variable/field/dereference chain).
    ``params``: PARM_DECL cursor hash → (index, name) of the function the expression is in;
    ``kids``: a children function (the file's cached one)."""
    ops: list = []
    node = expr
    for _ in range(32):
        node = strip_casts(node, kids)
        if node is None:
            return None
        k = node.kind
        if k == K.DECL_REF_EXPR:
            ref = node.referenced
            if ref is None:
                return None
            if ref.kind == K.PARM_DECL:
                p = params.get(ref.hash)
                root = ("p", p[0], p[1]) if p is not None else ("g", ref.spelling)
            elif ref.kind == K.VAR_DECL:
                parent = ref.semantic_parent
                if parent is not None and parent.kind == K.TRANSLATION_UNIT:
                    root = ("g", ref.spelling)
                else:
                    root = local_key(ref)[0]
            else:
                return None
            out: list = []
            for op in reversed(ops):
                _push(out, op)
            return (root, *out)
        if k == K.MEMBER_REF_EXPR:
            ch = kids(node)
            if not ch:
                return None
            ops.append("." + node.spelling)
            # a->f is (*a).f: libclang does not say which; the base's type does
            base = ch[0]
            if base.type.get_canonical().kind.name == "POINTER":
                ops.append("*")
            node = base
            continue
        if k == K.UNARY_OPERATOR:
            ch = kids(node)
            if not ch:
                return None
            op = unary_op(node)
            if op == UO_ADDROF:
                ops.append("&")
            elif op == UO_DEREF:
                ops.append("*")
            else:
                return None
            node = ch[-1]
            continue
        if k == K.ARRAY_SUBSCRIPT_EXPR:
            ch = kids(node)
            if not ch:
                return None
            ops.append("[]")
            node = ch[0]
            continue
        return None
    return None


def substitute(key: tuple, args: list, caller_key) -> Optional[tuple]:
    """Rewrite a callee's parameter-rooted ``key`` in the caller's terms: ``caller_key(i)`` is
    the key of the caller's argument ``i``. Globals and the cancel lock stay; locals vanish."""
    root = key[0]
    if root[0] == "p":
        base = caller_key(root[1]) if root[1] < len(args) else None
        if base is None:
            return None
        out = list(base[1:])
        for op in key[1:]:
            _push(out, op)
        return (base[0], *out)
    if root[0] == "l":
        return None
    return key


def render(key: Optional[tuple]) -> str:
    """C-like text for a key: ``Ext->Lock``, ``&Ext->Lock``, ``*OldIrql``."""
    if not key:
        return "?"
    root = key[0]
    text = {"p": lambda r: r[2], "g": lambda r: r[1], "l": lambda r: r[1],
            "cancel": lambda r: "the cancel spin lock"}[root[0]](root)
    ops = list(key[1:])
    i = 0
    while i < len(ops):
        op = ops[i]
        if op == "*" and i + 1 < len(ops) and ops[i + 1].startswith("."):
            text += "->" + ops[i + 1][1:]
            i += 2
            continue
        if op == "*":
            text = "*" + text
        elif op == "&":
            text = "&" + text
        elif op == "[]":
            text += "[]"
        else:
            text += op
        i += 1
    return text


def lock_key(key: Optional[tuple]) -> Optional[tuple]:
    """The lock object itself from the pointer passed to an acquire/release routine: ``&Ext->Lock``
    → ``Ext->Lock``; a pointer variable ``L`` → ``*L``."""
    if key is None:
        return None
    out = list(key[1:])
    _push(out, "*")
    return (key[0], *out)
