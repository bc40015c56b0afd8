"""KD108: an unbounded wait on an event that nothing can signal."""
from __future__ import annotations

from kdlint.model.events import Storage, events_of, file_events, may_escape
from kdlint.rule import Rule, Severity
from kdlint.rules._event_common import step


class WaitOnEventNeverSignaled(Rule):
    """A wait with no timeout on an event that no code can ever signal: the thread hangs.

    ## What it does
    Flags `KeWaitForSingleObject` / `KeWaitForMutexObject` with a NULL `Timeout` on an event
    that is initialised not-signaled and that nothing can signal:

    - a local event that the function never sets (`KeSetEvent`, `KePulseEvent`) and whose
      address (or its containing structure's) never leaves the function — not passed to any
      other routine (an `IoBuild*` request, a completion routine's context, a helper), not
      stored anywhere;
    - an event field of a structure declared in this file, or a `static` global event, that
      no code in the file sets or hands to other code.

    ## Why is this bad?
    A wait without a timeout returns only when the event is signaled. If nothing can signal
    it, the thread blocks forever: the IRP it serves never completes, the process that sent it
    cannot exit, and unloading the driver hangs. This is usually a leftover: the
    `KeSetEvent` or the hand-off to the completion routine was deleted or put on another
    object.

    ## Example
    ```c
    KEVENT event;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL);
    ```

    Use instead:
    ```c
    KEVENT event;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    IoSetCompletionRoutine(Irp, NULL, &event, TRUE, TRUE, TRUE);
    KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL);
    ```

    ## Limitations
    Events reached through parameters or pointers stored in other objects may be signaled by
    other files or components and are never flagged.

    ## References
    - KeWaitForSingleObject function (wdm.h), WDK documentation
    - SDV rules IoBuildDeviceControlWaitTimeout, IoAllocateIrpSignalEventInCompletionTimeout
    """

    id = "KD108"
    name = "wait-on-event-never-signaled"
    severity = Severity.ERROR
    precision = "high"
    tags = ("reliability",)

    def check_function(self, fn, ctx) -> None:
        fe = events_of(fn)
        model = file_events(fn)
        for op in fe.ops:
            if op.kind != "wait" or not op.unbounded or op.call.name == "KeWaitForMultipleObjects" \
                    or len(op.refs) != 1:
                continue
            r = op.refs[0]
            if r.storage == Storage.STACK:
                inits = fe.ops_on(r, "init")
                if not inits or any(i.initial_state != 0 for i in inits):
                    continue
                if fe.ops_on(r, "set", "pulse") or may_escape(fn, r):
                    continue
                flow = step(ctx, inits[0].cursor, "initialised not signaled")
            elif r.key is not None and model.local_to_file(r.key):
                facts = model.facts(r.key)
                if facts is None or facts.handed_off or facts.kinds() & {"set", "pulse"}:
                    continue
                inits = [o for _, o in facts.ops if o.kind == "init"]
                if not inits or any(i.initial_state != 0 for i in inits):
                    continue
                flow = step(ctx, model.declaration(r.key), "declared here; no code in the file "
                                                           "signals it")
            else:
                continue
            flow += step(ctx, op.cursor, "waited on without a timeout")
            ctx.report(self, op.cursor,
                       f"wait without timeout on event '{r.text}', which nothing can signal: "
                       f"no KeSetEvent on it and its address is not handed to other code",
                       code_flow=flow)
