"""KD110: a notification event waited on in a loop that never resets it."""
from __future__ import annotations

from kdlint.model.event_protocol import loop_without_reset
from kdlint.model.event_state import event_states
from kdlint.model.events import events_of, file_events, unused_calls
from kdlint.rule import Rule, Severity
from kdlint.rules._event_common import branch_steps, step


class NotificationEventWaitLoopNotReset(Rule):
    """A NotificationEvent is waited on in a loop with no KeClearEvent/KeResetEvent on the way round.

    ## What it does
    Flags `KeWaitForSingleObject` on a notification event, inside a loop, when a way round the
    loop back to the wait neither clears, resets, pulses nor re-initialises the event (nor
    passes it to another routine), and the wait's result is not looked at. The event type
    comes from the `KeInitializeEvent` that reaches the wait, or, for a field of a structure
    or a global, from every `KeInitializeEvent` of it in the file (all `NotificationEvent`,
    and no other function of the file clears it).

    ## Why is this bad?
    A notification event stays signaled until someone resets it: `KeSetEvent` signals, it
    never resets, and a satisfied wait does not reset a notification event either (only a
    synchronization event resets itself when it releases one waiter). After the first signal
    every later wait returns at once, and the loop spins at full speed, doing its work with
    nothing to do, forever.

    ## Example
    ```c
    PKEVENT work = (PKEVENT)Irp->Tail.Overlay.DriverContext[0];
    KeInitializeEvent(work, NotificationEvent, FALSE);
    do {
        KeWaitForSingleObject(work, Executive, KernelMode, FALSE, NULL);
        DbgPrint("work");
    } while (TRUE);
    ```

    Use instead:
    ```c
    PKEVENT work = (PKEVENT)Irp->Tail.Overlay.DriverContext[0];
    KeInitializeEvent(work, NotificationEvent, FALSE);
    do {
        KeWaitForSingleObject(work, Executive, KernelMode, FALSE, NULL);
        KeClearEvent(work);
        DbgPrint("work");
    } while (TRUE);
    ```

    ## Limitations
    Waits whose status is tested are not flagged (the test usually leaves the loop), nor are
    `KeWaitForMultipleObjects` waits.

    ## References
    - Event Objects; KeInitializeEvent, KeClearEvent (wdm.h), WDK documentation
    """

    id = "KD110"
    name = "notification-event-wait-loop-not-reset"
    severity = Severity.WARNING
    precision = "medium"
    tags = ("reliability",)

    def check_function(self, fn, ctx) -> None:
        unused = unused_calls(fn)
        model = file_events(fn)
        states = None
        for op in events_of(fn).ops:
            if op.kind != "wait" or op.call.name == "KeWaitForMultipleObjects" \
                    or op.cursor not in unused or len(op.refs) != 1:
                continue
            r = op.refs[0]
            states = states or event_states(fn)
            got = states.before(op.cursor, r.path)
            if got:
                if any(s[0] != "notif" for s in got):
                    continue
            elif not self._notification_in_file(model, r, fn.name):
                continue
            edges = loop_without_reset(fn, op.cursor, r)
            if edges is None:
                continue
            flow = step(ctx, op.cursor, "waited on; the event stays signaled")
            flow += branch_steps(ctx, edges)
            flow += step(ctx, op.cursor, "waited on again: returns at once")
            ctx.report(self, op.cursor,
                       f"notification event '{r.text}' is waited on in a loop that does not "
                       f"reset it: after the first KeSetEvent every wait returns at once; call "
                       f"KeClearEvent after the wait (or use a SynchronizationEvent)",
                       code_flow=flow)

    @staticmethod
    def _notification_in_file(model, r, name) -> bool:
        f = model.facts(r.family)
        if f is None or f.handed_off or model.types_of(r.family) != {0}:
            return False
        return not any(op.kind in ("clear", "reset", "pulse") and where != name
                       for where, op in f.ops)
