"""KD114: the event of a forward-and-wait handshake starts signaled."""
from __future__ import annotations

from kdlint.model.event_protocol import handshakes, inits_reaching
from kdlint.model.events import events_of
from kdlint.rule import Rule, Severity
from kdlint.rules._event_common import branch_steps, replace_fix, step


class ForwardWaitEventInitiallySignaled(Rule):
    """The event a routine waits on for its IRP to complete is initialised signaled (State TRUE).

    ## What it does
    Follows the event handed with an IRP — the context of `IoSetCompletionRoutine[Ex]` that the
    routine waits on after `IoCallDriver`, or the `Event` argument of
    `IoBuildDeviceIoControlRequest` / `IoBuildSynchronousFsdRequest` — back to the
    `KeInitializeEvent` that reaches the hand-off (no `KeClearEvent` in between) and flags it
    when its `State` is TRUE.

    ## Why is this bad?
    An event that starts signaled satisfies the wait at once: the routine goes on before the
    lower driver has completed the IRP, reads a status that is not final, completes or frees
    an IRP the lower driver still owns, and returns while the completion routine will later
    write into its stack frame. The waiter needs an event that only the completion signals:
    `KeInitializeEvent(&event, NotificationEvent, FALSE)`.

    ## Example
    ```c
    KEVENT event;
    IO_STATUS_BLOCK iosb;
    PIRP irp;
    NTSTATUS status;
    KeInitializeEvent(&event, NotificationEvent, TRUE);
    irp = IoBuildDeviceIoControlRequest(0x2d1400, DeviceObject, NULL, 0, NULL, 0, FALSE,
                                        &event, &iosb);
    if (irp == NULL)
        return;
    status = IoCallDriver(DeviceObject, irp);
    if (status == STATUS_PENDING)
        KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL);
    ```

    Use instead:
    ```c
    KEVENT event;
    IO_STATUS_BLOCK iosb;
    PIRP irp;
    NTSTATUS status;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    irp = IoBuildDeviceIoControlRequest(0x2d1400, DeviceObject, NULL, 0, NULL, 0, FALSE,
                                        &event, &iosb);
    if (irp == NULL)
        return;
    status = IoCallDriver(DeviceObject, irp);
    if (status == STATUS_PENDING)
        KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL);
    ```

    ## Limitations
    Only a constant `State` is judged. A SynchronizationEvent there is not flagged (it works
    for a single waiter).

    ## References
    - KeInitializeEvent (wdm.h); "Different ways of handling IRPs — cheat sheet", scenario 2;
      WDK documentation
    - SDV rule SignalEventInCompletion (related)
    """

    id = "KD114"
    name = "forward-wait-event-initially-signaled"
    severity = Severity.ERROR
    precision = "very-high"
    tags = ("reliability", "correctness")

    def check_function(self, fn, ctx) -> None:
        seen = set()
        for hs in handshakes(fn):
            if hs.send is None or not events_of(fn).ops_on(hs.ref, "wait"):
                continue
            for op, edges in inits_reaching(fn, hs):
                if op.initial_state != 1 or op.cursor in seen:
                    continue
                seen.add(op.cursor)
                ctx.report(self, op.call.arg(2),
                           f"'{hs.ref.text}' starts signaled but is the event the IRP's "
                           f"completion signals: the wait after IoCallDriver returns at once, "
                           f"before the request completes; initialise it with State FALSE",
                           fixes=replace_fix(ctx, op.call.arg(2), "FALSE",
                                             "Initialise the event not signaled"),
                           code_flow=step(ctx, op.cursor, "initialised signaled")
                           + branch_steps(ctx, edges)
                           + step(ctx, hs.handoff.cursor, f"handed to {hs.handoff.name}")
                           + step(ctx, hs.send.cursor, "the IRP is sent"))
