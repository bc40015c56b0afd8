"""KD107: an event used (waited, set, cleared) before KeInitializeEvent, or never initialised."""
from __future__ import annotations

from kdlint.model.event_protocol import infeasible, search
from kdlint.model.event_state import UNINIT, event_states
from kdlint.model.events import events_of, file_events, same_object
from kdlint.rule import Rule, Severity
from kdlint.rules._event_common import branch_steps, step

VERB = {"set": "signaled", "pulse": "pulsed", "clear": "cleared", "reset": "reset",
        "read": "read", "wait": "waited on"}


class EventUsedUninitialized(Rule):
    """An event is waited on, set or cleared before KeInitializeEvent, or never initialised.

    ## What it does
    Flags `KeSetEvent`, `KePulseEvent`, `KeClearEvent`, `KeResetEvent`, `KeReadStateEvent` and
    `KeWaitFor*` on an event that has not been initialised with `KeInitializeEvent`:

    - on every path (an error) or on some path (a warning) from the declaration of a local
      event, or from the allocation of the pool that holds it, to the use — unless the event's
      address went to code that may have initialised it;
    - an event field of a structure declared in this file, or a `static` global event, that no
      code in the file initialises at all (or hands to other code).

    ## Why is this bad?
    A `KEVENT` is a dispatcher object with a header and a wait list; until `KeInitializeEvent`
    fills them in, its contents are stack garbage or pool garbage (zeroed pool is not an
    initialised event either: the wait list head must point to itself). Waiting on or
    signaling it walks a garbage list: the system hangs or bug-checks.

    ## Example
    ```c
    KEVENT event;
    KeSetEvent(&event, IO_NO_INCREMENT, FALSE);
    ```

    Use instead:
    ```c
    KEVENT event;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    KeSetEvent(&event, IO_NO_INCREMENT, FALSE);
    ```

    ## Limitations
    Paths the code cannot take (two tests of the same flag) are not recognised, so the "some
    path" form may be a false alarm. Events reached through parameters and fields of other
    objects are initialised elsewhere as far as one function can see; only the file-wide
    "never initialised" form covers them.

    ## References
    - KeInitializeEvent function (wdm.h), WDK documentation
    - Event Objects, Windows kernel-mode guidance
    """

    id = "KD107"
    name = "event-used-uninitialized"
    severity = Severity.ERROR
    precision = "high"
    tags = ("correctness", "external/cwe/cwe-457")

    def __init__(self):
        self._never_reported: set = set()

    def check_function(self, fn, ctx) -> None:
        fe = events_of(fn)
        states = None
        model = file_events(fn)
        for op in fe.ops:
            if op.kind == "init":
                continue
            for r in op.refs:
                if r.local or (r.origin is not None and r.origin.kind == "pool"):
                    states = states or event_states(fn)
                    got = states.before(op.cursor, r.path)
                    if got and any(s[0] == UNINIT for s in got):
                        self._report_path(fn, ctx, op, r, got)
                        break
                elif r.key is not None and r.key not in self._never_reported \
                        and model.never_initialized(r.key):
                    self._never_reported.add(r.key)
                    ctx.report(self, op.cursor,
                               f"event '{r.text}' is {VERB[op.kind]} but no code in this file "
                               f"initialises it with KeInitializeEvent",
                               code_flow=step(ctx, model.declaration(r.key), "declared here")
                               + step(ctx, op.cursor, f"{VERB[op.kind]} here"))

    def _report_path(self, fn, ctx, op, r, got) -> None:
        must = all(s[0] == UNINIT for s in got)
        start = r.decl if r.local else (r.origin.where if r.origin else None)
        inits = {o.cursor for o in events_of(fn).ops
                 if o.kind == "init" and any(same_object(r, x) for x in o.refs)}
        start_node = _node_of(fn, start)
        edges = search(fn, start_node, lambda n: n in inits, target=op.cursor) \
            if start_node is not None else None
        if not must:
            if edges is None:
                return  # no path the model can show
            states = event_states(fn)

            def armed_ok(node):
                got = states.before(node, r.path)
                return got is not None and not any(s[0] == UNINIT for s in got)

            if infeasible(fn, edges, armed_ok):
                return  # the path needs a flag to be both set and clear
        what = "declared" if r.local else "allocated"
        flow = step(ctx, start, f"'{r.text}' {what} here, not initialised")
        flow += branch_steps(ctx, edges or [])
        flow += step(ctx, op.cursor, f"{VERB[op.kind]} before KeInitializeEvent")
        if must:
            msg = f"event '{r.text}' is {VERB[op.kind]} before it is initialised with KeInitializeEvent"
        else:
            msg = (f"event '{r.text}' may be {VERB[op.kind]} before it is initialised: "
                   f"KeInitializeEvent is skipped on some path")
        ctx.report(self, op.cursor, msg, code_flow=flow, level=None if must else "warning")


def _node_of(fn, cursor):
    """The CFG node for a declaration or allocation call (None when it is not one)."""
    if cursor is None:
        return None
    if fn.cfg.locations(cursor):
        return cursor
    return None
