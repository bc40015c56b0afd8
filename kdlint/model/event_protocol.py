"""Event protocols along paths: what happens *after* an event operation.

- :func:`search`: explore the paths leaving a CFG node until a stop node; report one that
  reaches a target node (or the function's exit) — the engine of the queries below.
- :func:`first_calls_after`: the first calls on the paths after a node (KeSetEvent with
  ``Wait=TRUE`` must be followed at once by a wait).
- :func:`loop_without_reset`: a way round a loop from a wait back to itself that clears no event.
- :class:`Handshake` / :func:`handshakes`: events handed to the I/O manager or to a completion
  routine (``IoBuildDeviceIoControlRequest`` / ``IoBuildSynchronousFsdRequest`` ``Event``
  argument, ``IoSetCompletionRoutine[Ex]`` context), the ``IoCallDriver`` that sends the IRP,
  the status variable it returns into, and the ``IO_STATUS_BLOCK``.
- :func:`pending_exit_without_wait`: a path from that ``IoCallDriver`` to the exit (or to a
  read of the I/O status block) on which the call may have returned ``STATUS_PENDING`` (no
  ``status == STATUS_PENDING`` test excluded it) and nothing waited on the event.
- :func:`signals_on_every_path` / :func:`returns_after_signal`: a completion routine's side of
  the handshake.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from clang.cindex import Cursor, CursorKind as K

from kdlint.cursors import Call, constant_value, strip_casts
from kdlint.flow.cfg import EdgeKind, children, edge_success
from kdlint.model.event_state import EventEffects
from kdlint.model.events import EventRef, events_of, same_object
from kdlint.model.conditions import constant_comparison
from kdlint.model.irp_values import STATUS_MORE_PROCESSING_REQUIRED, STATUS_PENDING, s32
from kdlint.model.values import AccessPath, path_of
WAIT_ROUTINES = frozenset({"KeWaitForSingleObject", "KeWaitForMutexObject",
                           "KeWaitForMultipleObjects"})


def search(fn, start: Cursor, is_stop: Callable[[Cursor], bool],
           target: Optional[Cursor] = None,
           prune: Optional[Callable] = None) -> Optional[list]:
    """Edges of a path from just after ``start`` to ``target`` (the exit when None) on which no
    node satisfies ``is_stop``; None when every path stops first. ``prune(edge)`` True drops an
    edge (a branch that cannot be taken in the situation being searched)."""
    cfg = fn.cfg
    locs = cfg.locations(start)
    if not locs:
        return None
    first_block, index = locs[0]

    def scan(block, begin) -> Optional[str]:
        for n in block.nodes[begin:]:
            if target is not None and n == target:
                return "found"
            if is_stop(n):
                return "stop"
        return None

    got = scan(first_block, index + 1)
    if got == "found":
        return []
    if got == "stop":
        return None
    came: dict = {}
    queue = [first_block]
    seen: set = set()
    goal = cfg.exit if target is None else None
    for block in queue:
        for e in block.succs:
            if e.kind == EdgeKind.NORETURN or (prune is not None and prune(e)):
                continue
            dst = e.dst
            if dst.id in seen:
                continue
            seen.add(dst.id)
            came[dst.id] = e
            if dst is goal:
                return _trace(came, dst, first_block)
            r = scan(dst, 0)
            if r == "found":
                return _trace(came, dst, first_block)
            if r == "stop":
                continue
            queue.append(dst)
    return None


def _trace(came: dict, dst, start) -> list:
    out = []
    blk = dst
    while blk.id in came:
        e = came[blk.id]
        out.append(e)
        blk = e.src
        if blk is start:
            break
    return list(reversed(out))


def first_calls_after(fn, node: Cursor) -> list:
    """The first call node on each path after ``node`` (None for a path reaching the exit
    without another call)."""
    found: list = []
    seen_ids: set = set()

    def stop(n):
        if n.kind == K.CALL_EXPR:
            if id(n) not in seen_ids:
                seen_ids.add(id(n))
                found.append(n)
            return True
        return False

    exit_path = search(fn, node, stop)
    return found + ([None] if exit_path is not None else [])


def _op_nodes(fn, ref: EventRef, kinds) -> set:
    return {op.cursor for op in events_of(fn).ops
            if op.kind in kinds and any(same_object(ref, r) for r in op.refs)}


def loop_without_reset(fn, wait: Cursor, ref: EventRef) -> Optional[list]:
    """A path from ``wait`` round a loop back to it on which nothing resets ``ref``: no
    KeClearEvent / KeResetEvent / KeInitializeEvent / KePulseEvent on it, and no call that gets
    the event itself (it may reset it), and no helper of the file whose summary resets, lets
    escape or hands off the event or a structure holding it."""
    resets = _op_nodes(fn, ref, ("clear", "reset", "init", "pulse"))
    fe = events_of(fn)
    table = fn.callgraph.summaries(EventEffects())
    others = set()
    for call in fn.calls:
        if call.cursor == wait or call.name in WAIT_ROUTINES or call.name == "KeSetEvent":
            continue
        summary = table.at(call) if call.name in fn.callgraph.functions else None
        for i, a in enumerate(call.args):
            p = path_of(a)
            if p is None:
                continue
            p = fe.canonical(p.object() if p.address_of else p.deref())[0]
            if p.root != ref.path.root:
                continue
            if summary is not None:
                for (j, steps), kinds in summary.items():
                    rest = steps[1:] if steps and steps[0] == "*" else ()
                    full = p.steps + rest
                    n = min(len(full), len(ref.path.steps))
                    if j == i and full[:n] == ref.path.steps[:n] \
                            and kinds & {"reset", "init", "escape", "handoff"}:
                        others.add(call.cursor)
            elif p.steps[:len(ref.path.steps)] == ref.path.steps:
                others.add(call.cursor)  # the event itself goes to code we cannot see
    return search(fn, wait, lambda n: n in resets or n in others, target=wait)


# -- the forward-and-wait handshake ----------------------------------------------------------
@dataclass
class Handshake:
    """An event handed to whoever completes an IRP, and the IoCallDriver that sends it."""

    how: str                       # "IoBuild" | "completion"
    handoff: Call                  # the IoBuild* or IoSetCompletionRoutine call
    ref: EventRef                  # the event (the context's event for completion routines)
    send: Optional[Call]           # the IoCallDriver after it
    status: Optional[AccessPath]   # where IoCallDriver's result goes
    iosb: Optional[EventRef] = None  # IoBuild*: the IO_STATUS_BLOCK
    routine: Optional[str] = None  # completion: the routine's name
    irp: Optional[AccessPath] = None  # the IRP (completion: the one the routine is set on;
    #                                   IoBuild: the variable the new IRP is assigned to)


def _assigned_to(fn, call: Cursor) -> Optional[AccessPath]:
    scan = fn.callgraph.scan(fn.name)
    for _, lhs, rhs in scan.assignments:
        if strip_casts(rhs, children) == call:
            return path_of(lhs)
    for decl, init in scan.inits:
        if strip_casts(init, children) == call:
            return AccessPath(decl.get_usr() or decl.spelling, decl.spelling)
    return None


def handshakes(fn) -> list:
    """Every event the function hands to an IRP's completer, with its IoCallDriver."""
    fe = events_of(fn)
    got = getattr(fe, "_handshakes", None)
    if got is not None:
        return got
    out = []
    sends = fn.calls_to("IoCallDriver")
    calls = fn.calls
    for call in calls:
        if call.name in ("IoBuildDeviceIoControlRequest", "IoBuildSynchronousFsdRequest"):
            ev_i, io_i = (7, 8) if call.name == "IoBuildDeviceIoControlRequest" else (5, 6)
            ref = fe.ref(call.arg(ev_i))
            if ref is None:
                continue
            irp = _assigned_to(fn, call.cursor)
            send = None
            if irp is not None:
                send = next((s for s in sends if _later(s, call)
                             and path_of(s.arg(1)) == irp), None)
            out.append(Handshake("IoBuild", call, ref, send,
                                 _assigned_to(fn, send.cursor) if send else None,
                                 iosb=fe.ref(call.arg(io_i)), irp=irp))
        elif call.name in ("IoSetCompletionRoutine", "IoSetCompletionRoutineEx"):
            ctx_i, routine_i = (2, 1) if call.name == "IoSetCompletionRoutine" else (3, 2)
            routine = strip_casts(call.arg(routine_i), children)
            name = routine.spelling if routine is not None and routine.kind == K.DECL_REF_EXPR else None
            ctx_ref = fe.ref(call.arg(ctx_i))
            if ctx_ref is None:
                continue
            irp = path_of(call.arg(0))
            matched = False
            # the event is the context, or an event inside it that this function waits on
            for op in fe.ops:
                if op.kind != "wait" or not _later(op.call, call):
                    continue
                for r in op.refs:
                    if r.path.root == ctx_ref.path.root and \
                            r.path.steps[:len(ctx_ref.path.steps)] == ctx_ref.path.steps:
                        send = next((s for s in sends if _later(s, call) and not _later(s, op.call)),
                                    None)
                        out.append(Handshake("completion", call, r, send,
                                             _assigned_to(fn, send.cursor) if send else None,
                                             routine=name, irp=irp))
                        matched = True
                        break
                else:
                    continue
                break
            if not matched and name in fn.callgraph.functions:
                # no wait here: the event the routine signals in its context, if it does
                for steps in _routine_signals(fn, name):
                    path = AccessPath(ctx_ref.path.root, ctx_ref.path.name,
                                      ctx_ref.path.steps + steps)
                    ref = EventRef(path, ctx_ref.storage, None if steps else ctx_ref.key,
                                   None if steps else ctx_ref.family, ctx_ref.decl,
                                   ctx_ref.origin, path.text)
                    send = next((s for s in sends if _later(s, call)), None)
                    out.append(Handshake("completion", call, ref, send,
                                         _assigned_to(fn, send.cursor) if send else None,
                                         routine=name, irp=irp))
                    break
    fe._handshakes = out
    return out


def _routine_signals(fn, routine: str) -> list:
    """Steps, from the pointee of a completion routine's Context, of the objects it signals
    (``()`` for the Context itself), from its :class:`EventEffects` summary."""
    summary = fn.callgraph.summaries(EventEffects()).of(routine) or {}
    return [tuple(steps[1:]) for (i, steps), kinds in summary.items()
            if i == 2 and "set" in kinds and steps[:1] == ("*",)]


def _later(a: Call, b: Call) -> bool:
    la, lb = a.cursor.extent.start, b.cursor.extent.start
    return (la.line, la.column) > (lb.line, lb.column)


def _pending_test(cond: Cursor, status: Optional[AccessPath], send: Cursor) -> Optional[bool]:
    """For ``status == STATUS_PENDING`` (or ``!=``, either order, or the call itself): True when
    the condition being true means "pending"; None for other conditions."""
    for a, v, eq in constant_comparison(cond) or ():
        if v != STATUS_PENDING:
            continue
        a_s = strip_casts(a, children)
        if a_s == send or (status is not None and path_of(a) == status):
            return eq
    return None


def pending_exit_without_wait(fn, hs: Handshake, to_iosb_read: bool = False) -> Optional[list]:
    """A path from ``hs.send`` to the exit (``to_iosb_read``: to a read of the I/O status
    block) on which IoCallDriver may have returned STATUS_PENDING and nothing waited on the
    event. None when there is none, or when the model cannot tell (no IoCallDriver found)."""
    if hs.send is None:
        return None
    waits = _op_nodes(fn, hs.ref, ("wait",))
    helpers = {c.cursor for c in fn.calls if c.name in fn.callgraph.functions}
    prune = _status_prune(fn, hs, keep_pending=True)
    # a use of the IRP before the wait is the finding of irp_use_while_pending, not this one
    uses = set(irp_uses(fn, hs.irp)) - {hs.send.cursor} if hs.how == "completion" else set()
    stop = waits | _status_reassigned(fn, hs) | helpers | uses
    if to_iosb_read:
        if hs.iosb is None:
            return None
        reads = _reads_of(fn, hs.iosb)
        if not reads:
            return None
        for r in reads:
            got = search(fn, hs.send.cursor, lambda n: n in stop, target=r, prune=prune)
            if got is not None:
                return got + [r]
        return None
    got = search(fn, hs.send.cursor, lambda n: n in stop, prune=prune)
    if got is None:
        return None
    # the way to the hand-off and on to the send, then this path: one flag tested both ways
    # on it (the hand-off under ``if (Sync)``, the wait under ``if (Sync)``) is no path
    cfg = fn.cfg
    before = cfg.path(cfg.block_of(hs.handoff.cursor)) + (
        search(fn, hs.handoff.cursor, lambda n: False, target=hs.send.cursor) or [])
    if infeasible(fn, before + got):
        return None
    return got


def _reads_of(fn, ref: EventRef) -> list:
    """CFG nodes (statement roots, conditions, calls, assignments) that read a field of ``ref``."""
    return [n for _, _, n in fn.cfg.nodes() if _mentions(fn, n, ref)]


def _mentions(fn, node: Cursor, ref: EventRef) -> bool:
    fe = events_of(fn)
    stack = [node]
    while stack:
        c = stack.pop()
        if c.kind == K.MEMBER_REF_EXPR:
            p = path_of(c)
            if p is not None:
                p = fe.canonical(p)[0]
                if p.root == ref.path.root and p.steps[:len(ref.path.steps)] == ref.path.steps \
                        and len(p.steps) > len(ref.path.steps):
                    return True
        if c.kind == K.CALL_EXPR and c is not node:
            continue
        stack.extend(children(c))
    return False


def signals_on_every_path(fn) -> bool:
    """Whether every path through ``fn`` (a completion routine) to a return calls KeSetEvent."""
    sets = {c.cursor for c in fn.calls_to("KeSetEvent")}
    return search_from_entry(fn, lambda n: n in sets) is None


def search_from_entry(fn, is_stop, prune: Optional[Callable] = None) -> Optional[list]:
    """Edges of a path from the entry to the exit on which no node satisfies ``is_stop``
    (``prune(edge)`` True drops an edge); None when there is none."""
    cfg = fn.cfg
    queue = [cfg.entry]
    seen = {cfg.entry.id}
    came: dict = {}
    for block in queue:
        if any(is_stop(n) for n in block.nodes):
            continue
        if block is cfg.exit:
            return _trace(came, block, cfg.entry)
        for e in block.succs:
            if e.kind == EdgeKind.NORETURN or e.dst.id in seen or (
                    prune is not None and prune(e)):
                continue
            seen.add(e.dst.id)
            came[e.dst.id] = e
            queue.append(e.dst)
    return None


def returns_after_signal(fn) -> list:
    """Return statements of ``fn`` reached after a KeSetEvent whose value is a constant other
    than STATUS_MORE_PROCESSING_REQUIRED: the IRP goes on completing while the waiter owns it."""
    out = []
    for call in fn.calls_to("KeSetEvent"):
        for _, _, n in fn.cfg.nodes():
            if n.kind != K.RETURN_STMT:
                continue
            kids = children(n)
            value = constant_value(strip_casts(kids[0], children)) if kids else None
            if value is None or s32(value) == STATUS_MORE_PROCESSING_REQUIRED:
                continue
            if search(fn, call.cursor, lambda x: False, target=n) is not None:
                out.append((call, n))
    return out


# -- the forward-and-wait handshake, both sides ------------------------------------------------
def _pending_returned_test(cond: Cursor) -> Optional[bool]:
    """For ``Irp->PendingReturned`` (also ``== TRUE`` / ``!= FALSE`` ...; ``!`` is folded by the
    CFG): True when the condition being true means the IRP pended; None for other conditions."""
    c = strip_casts(cond, children)
    if c is None:
        return None
    if c.kind == K.MEMBER_REF_EXPR and c.spelling == "PendingReturned":
        return True
    for a, v, eq in constant_comparison(c) or ():
        a_s = strip_casts(a, children)
        if a_s is not None and a_s.kind == K.MEMBER_REF_EXPR and a_s.spelling == "PendingReturned":
            return (v != 0) == eq
    return None


@dataclass
class CompletionSide:
    """What the completion routine of a forward-and-wait handshake does.

    - ``sets``: its KeSetEvent calls;
    - ``always``: every path through it signals (a KeSetEvent, or a call to a helper of the
      file that may, on it);
    - ``when_pending``: every path on which ``Irp->PendingReturned`` may be TRUE signals (the
      WDK pattern ``if (Irp->PendingReturned) KeSetEvent(...)``);
    - ``unsignaled``: when not ``always``, the edges of a path that does not signal;
    - ``bad_returns``: ``(KeSetEvent call, return statement)`` pairs where the routine returns
      a constant other than STATUS_MORE_PROCESSING_REQUIRED after signaling;
    - ``marks_pending``: its IoMarkIrpPending calls.
    """

    routine: object
    sets: list
    always: bool
    when_pending: bool
    unsignaled: Optional[list]
    bad_returns: list
    marks_pending: list


def completion_side(fn, hs: Handshake) -> Optional[CompletionSide]:
    """The completion routine's side of ``hs`` (a ``completion`` handshake), when the routine
    is defined in the file and signals with KeSetEvent itself; None otherwise."""
    if hs.how != "completion" or hs.routine is None or hs.routine not in fn.callgraph.functions:
        return None
    cache = fn.callgraph.model("events.completion_sides", dict)
    if hs.routine in cache:
        return cache[hs.routine]
    rf = fn.callgraph.facts(hs.routine)
    sets = rf.calls_to("KeSetEvent")
    got = None
    if sets:
        stops = {c.cursor for c in sets} | {c.cursor for c in rf.calls
                                            if c.name in rf.callgraph.functions}
        unsignaled = search_from_entry(rf, lambda n: n in stops)

        def not_pended(e):
            if e.kind not in (EdgeKind.TRUE, EdgeKind.FALSE) or e.cond is None:
                return False
            t = _pending_returned_test(e.cond)
            return t is not None and (e.kind == EdgeKind.TRUE) != t

        when_pending = search_from_entry(rf, lambda n: n in stops, prune=not_pended) is None
        got = CompletionSide(rf, sets, unsignaled is None, when_pending, unsignaled,
                             returns_after_signal(rf), rf.calls_to("IoMarkIrpPending"))
    cache[hs.routine] = got
    return got


def _status_prune(fn, hs: Handshake, keep_pending: bool) -> Callable:
    """Edge filter after ``hs.send``: drops exception edges, and the branches of
    ``status ==/!= STATUS_PENDING`` tests where the status is not pending (``keep_pending``)
    or is pending (not ``keep_pending``); with ``keep_pending`` also failure branches of
    NT_SUCCESS tests (STATUS_PENDING is a success code)."""
    status = hs.status

    def prune(e):
        if e.kind == EdgeKind.EXCEPTION:
            return True
        if e.kind not in (EdgeKind.TRUE, EdgeKind.FALSE) or e.cond is None:
            return False
        if keep_pending and hs.how == "IoBuild" and hs.irp is not None:
            t = _flag_test(e.cond)
            if t is not None and t[0] == hs.irp and (e.kind == EdgeKind.TRUE) != t[1]:
                return True  # IoBuild* returned NULL: no request, nothing handed off
        if keep_pending:
            ok = edge_success(e)
            if ok is not None and not ok[1] and (ok[0] == hs.send.cursor or (
                    status is not None and path_of(ok[0]) == status)):
                return True
        t = _pending_test(e.cond, status, hs.send.cursor)
        if t is None:
            return False
        return ((e.kind == EdgeKind.TRUE) == t) != keep_pending

    return prune


def settled_on(fn, edge) -> list:
    """The events of ``fn``'s handshakes whose request is over on ``edge``: the branch where
    IoCallDriver's status is not STATUS_PENDING, or is a failure."""
    if edge.kind not in (EdgeKind.TRUE, EdgeKind.FALSE) or edge.cond is None:
        return []
    out = []
    for hs in handshakes(fn):
        if hs.send is not None and _status_prune(fn, hs, keep_pending=True)(edge):
            out.append(hs.ref)
    return out


def reinit_while_handed(fn, op) -> Optional[tuple]:
    """For a KeInitializeEvent ``op``: ``(hand-off call, edges, every)`` when its event may
    still be handed off there — a path from a hand-off of the event (IoBuild* / completion /
    thread / work-item / DPC context, see :data:`~kdlint.model.events.HANDOFFS`) to ``op`` on
    which nothing waited on it and, for an IRP, IoCallDriver may have pended. ``every``: the
    event is handed off on every path to ``op``."""
    from kdlint.model.event_state import event_states
    from kdlint.model.events import HANDOFFS, address_paths
    fe = events_of(fn)
    states = event_states(fn)
    for ref in op.refs:
        before = states.before(op.cursor, ref.path)
        if not before or not any(handed for _, handed in before):
            continue
        every = all(handed for _, handed in before)
        waits = _op_nodes(fn, ref, ("wait",))
        for call in fn.calls:
            index = HANDOFFS.get(call.name)
            if index is None:
                continue
            paths = [fe.canonical(p)[0] for p in address_paths(call.arg(index))]
            if not any(ref.path.startswith(p) for p in paths):
                continue
            hs = next((h for h in handshakes(fn) if h.handoff.cursor == call.cursor
                       and h.send is not None), None)
            prune = _status_prune(fn, hs, keep_pending=True) if hs is not None else \
                (lambda e: e.kind == EdgeKind.EXCEPTION)
            got = search(fn, call.cursor, lambda n: n in waits, target=op.cursor, prune=prune)
            if got is not None and not infeasible(fn, got):
                return call, got, every
    return None


def _status_reassigned(fn, hs: Handshake) -> set:
    if hs.status is None:
        return set()
    scan = fn.callgraph.scan(fn.name)
    return {a for a, lhs, rhs in scan.assignments if path_of(lhs) == hs.status
            and strip_casts(rhs, children) != hs.send.cursor}


def wait_when_not_pending(fn, hs: Handshake) -> Optional[tuple]:
    """``(wait call, edges)``: a wait on ``hs.ref`` reached from ``hs.send`` on a path where
    IoCallDriver may have returned something other than STATUS_PENDING (no test excluded it);
    None when every wait is under a pending test."""
    if hs.send is None:
        return None
    prune = _status_prune(fn, hs, keep_pending=False)
    stop = _status_reassigned(fn, hs)
    for op in events_of(fn).ops_on(hs.ref, "wait"):
        got = search(fn, hs.send.cursor, lambda n: n in stop, target=op.cursor, prune=prune)
        if got is not None and not infeasible(fn, got):
            return op, got
    return None


def inits_reaching(fn, hs: Handshake) -> list:
    """``(init op, edges)`` for each KeInitializeEvent on ``hs.ref`` that reaches the hand-off
    with no other initialisation, KeClearEvent or KeResetEvent of the event in between: the
    state the event is in when the IRP goes down."""
    fe = events_of(fn)
    resets = _op_nodes(fn, hs.ref, ("init", "clear", "reset"))
    out = []
    for op in fe.ops_on(hs.ref, "init"):
        got = search(fn, op.cursor, lambda n: n in resets and n != op.cursor,
                     target=hs.handoff.cursor)
        if got is not None:
            out.append((op, got))
    return out


def irp_uses(fn, irp: Optional[AccessPath]) -> list:
    """CFG nodes that complete, free or reuse the IRP ``irp`` or touch a field of it."""
    if irp is None:
        return []
    out = []
    for _, _, n in fn.cfg.nodes():
        if _touches_irp(fn, n, irp):
            out.append(n)
    return out


IRP_ENDS = frozenset({"IoCompleteRequest", "IoFreeIrp", "IoReuseIrp"})


def _touches_irp(fn, node: Cursor, irp: AccessPath) -> bool:
    stack = [node]
    while stack:
        c = stack.pop()
        if c.kind == K.CALL_EXPR:
            call = fn.call_of(c)
            if call is not None and call.name in IRP_ENDS and path_of(call.arg(0)) == irp:
                return True
            if c is not node:
                continue
        if c.kind == K.MEMBER_REF_EXPR:
            p = path_of(c)
            if p is not None and p.root == irp.root and \
                    p.steps[:len(irp.steps) + 1] == irp.steps + ("*",):
                return True
        stack.extend(children(c))
    return False


def irp_use_while_pending(fn, hs: Handshake) -> Optional[tuple]:
    """``(use node, edges)``: after ``hs.send``, a node that completes or touches the IRP on a
    path where IoCallDriver may have returned STATUS_PENDING and nothing waited on the event
    — the completion routine may be running, or the IRP already gone."""
    if hs.send is None or hs.irp is None:
        return None
    uses = irp_uses(fn, hs.irp)
    if not uses:
        return None
    waits = _op_nodes(fn, hs.ref, ("wait",))
    helpers = {c.cursor for c in fn.calls if c.name in fn.callgraph.functions}
    stop = waits | helpers | _status_reassigned(fn, hs)
    prune = _status_prune(fn, hs, keep_pending=True)
    for u in uses:
        if u == hs.send.cursor:
            continue
        got = search(fn, hs.send.cursor, lambda n: n in stop, target=u, prune=prune)
        if got is not None and not infeasible(fn, got):
            return u, got
    return None


def irp_used_after(fn, hs: Handshake, wait: Cursor) -> Optional[tuple]:
    """``(use node, edges)``: a node after ``wait`` that completes or touches the IRP."""
    if hs.irp is None:
        return None
    for u in irp_uses(fn, hs.irp):
        got = search(fn, wait, lambda n: False, target=u)
        if got is not None:
            return u, got
    return None


# -- feasibility of a witness path -----------------------------------------------------------
def _flag_test(cond: Cursor) -> Optional[tuple]:
    """``V`` / ``V != 0`` / ``V == NULL`` ... → (V's path, True when the condition being true
    means V is non-zero); None for other conditions."""
    c = strip_casts(cond, children)
    if c is None:
        return None
    p = path_of(c)
    if p is not None and not p.address_of:
        return p, True
    for a, v, eq in constant_comparison(c) or ():
        if v == 0:
            pa = path_of(a)
            if pa is not None and not pa.address_of:
                return pa, not eq
    return None


def _nonzero_value(expr: Cursor) -> Optional[bool]:
    """True: certainly non-zero (a non-zero constant, an address); False: zero; None: unknown."""
    e = strip_casts(expr, children)
    if e is None:
        return None
    v = constant_value(e)
    if v is not None:
        return v != 0
    p = path_of(e)
    return True if p is not None and p.address_of else None


def infeasible(fn, edges: list, armed_ok: Optional[Callable[[Cursor], bool]] = None) -> bool:
    """Whether a witness path is, as far as flags tell, one the code cannot take:

    - two tests of the same variable on it disagree (``if (Flag)`` false, later ``if (Flag)``
      true) and nothing on the path between assigns the variable;
    - a test finds a variable non-zero whose initializer is zero and which is only ever set to
      a non-zero value at points where ``armed_ok(assignment)`` holds (the flag is "armed" only
      after the event is initialised).
    """
    scan = fn.callgraph.scan(fn.name)
    assigns: dict = {}
    for node, lhs, rhs in scan.assignments:
        p = path_of(lhs)
        if p is not None:
            assigns.setdefault(p, []).append((node, rhs))
    tests = []
    for i, e in enumerate(edges):
        if e.kind not in (EdgeKind.TRUE, EdgeKind.FALSE) or e.cond is None:
            continue
        t = _flag_test(e.cond)
        if t is None:
            continue
        var, nonzero_when_true = t
        tests.append((i, var, nonzero_when_true == (e.kind == EdgeKind.TRUE)))
    for a in range(len(tests)):
        for b in range(a + 1, len(tests)):
            i, var, nz = tests[a]
            j, var2, nz2 = tests[b]
            if var != var2 or nz == nz2:
                continue
            between = {n for e in edges[i:j] for n in e.dst.nodes}
            if not any(node in between for node, _ in assigns.get(var, [])):
                return True
    if armed_ok is not None:
        inits = {AccessPath(d.get_usr() or d.spelling, d.spelling): v for d, v in scan.inits}
        for _, var, nz in tests:
            if not nz or var not in inits or _nonzero_value(inits[var]) is not False:
                continue
            sets = [(n, v) for n, v in assigns.get(var, []) if _nonzero_value(v) is not False]
            if sets and all(_nonzero_value(v) and armed_ok(n) for n, v in sets):
                return True
    return False
