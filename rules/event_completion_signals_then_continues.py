"""KD111: a forward-and-wait completion routine signals the event, then lets completion go on."""
from __future__ import annotations

from kdlint.cursors import source_text
from kdlint.flow.cfg import children
from kdlint.model.event_protocol import completion_side, handshakes, irp_used_after
from kdlint.model.events import events_of
from kdlint.results import Step
from kdlint.rule import Rule, Severity
from kdlint.rules._event_common import step


class CompletionSignalsThenContinues(Rule):
    """The completion routine signals the waiter, then returns a status that lets the I/O manager go on completing the IRP.

    ## What it does
    Looks at the forward-and-wait handshake: a routine sets a completion routine whose context
    holds an event, sends the IRP with `IoCallDriver`, waits on the event and then uses the
    IRP again (reads `Irp->IoStatus`, completes it, frees or reuses it). When that completion
    routine (defined in the same file) calls `KeSetEvent` and then returns a constant other
    than `STATUS_MORE_PROCESSING_REQUIRED` (`STATUS_SUCCESS`, `STATUS_CONTINUE_COMPLETION`),
    the rule flags the `return`.

    ## Why is this bad?
    Returning anything but `STATUS_MORE_PROCESSING_REQUIRED` tells the I/O manager to go on
    completing the IRP: it runs the higher completion routines, copies the status out and
    frees the IRP. The `KeSetEvent` has already woken the waiter, which now reads or completes
    an IRP that is being (or has been) completed and freed: a use after free, or a second
    completion (bug check `MULTIPLE_IRP_COMPLETE_REQUESTS`). The waiting routine owns the IRP
    only if the completion routine stops completion.

    ## Example
    ```c
    NTSTATUS OnDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
    {
        KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
        return STATUS_SUCCESS;
    }

    NTSTATUS ForwardAndWait(PDEVICE_OBJECT Lower, PIRP Irp)
    {
        KEVENT event;
        NTSTATUS status;
        KeInitializeEvent(&event, NotificationEvent, FALSE);
        IoCopyCurrentIrpStackLocationToNext(Irp);
        IoSetCompletionRoutine(Irp, OnDone, &event, TRUE, TRUE, TRUE);
        status = IoCallDriver(Lower, Irp);
        if (status == STATUS_PENDING) {
            KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL);
            status = Irp->IoStatus.Status;
        }
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return status;
    }
    ```

    Use instead:
    ```c
    NTSTATUS OnDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
    {
        KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
        return STATUS_MORE_PROCESSING_REQUIRED;
    }

    NTSTATUS ForwardAndWait(PDEVICE_OBJECT Lower, PIRP Irp)
    {
        KEVENT event;
        NTSTATUS status;
        KeInitializeEvent(&event, NotificationEvent, FALSE);
        IoCopyCurrentIrpStackLocationToNext(Irp);
        IoSetCompletionRoutine(Irp, OnDone, &event, TRUE, TRUE, TRUE);
        status = IoCallDriver(Lower, Irp);
        if (status == STATUS_PENDING) {
            KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL);
            status = Irp->IoStatus.Status;
        }
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return status;
    }
    ```

    ## Limitations
    Only constant return values are judged (`return Irp->IoStatus.Status` is not). The
    completion routine must be defined in the file and call `KeSetEvent` itself. The general
    return protocol of completion routines (IoMarkIrpPending, returning the status) belongs
    to the IRP rules; this rule only covers the routine that wakes a waiter.

    ## References
    - IoSetCompletionRoutine (wdm.h); "Different ways of handling IRPs — cheat sheet",
      scenario 2 (forward and wait); WDK documentation
    - SDV rule SignalEventInCompletion
    """

    id = "KD111"
    name = "completion-signals-then-continues"
    severity = Severity.ERROR
    precision = "high"
    tags = ("reliability", "correctness", "external/cwe/cwe-416")

    def check_function(self, fn, ctx) -> None:
        for hs in handshakes(fn):
            cs = completion_side(fn, hs)
            if cs is None or not cs.bad_returns:
                continue
            waits = events_of(fn).ops_on(hs.ref, "wait")
            wait, used = next(((w, u) for w in waits for u in [irp_used_after(fn, hs, w.cursor)]
                               if u), (None, None))
            if used is None:
                continue
            for signal, ret in cs.bad_returns:
                kids = children(ret)
                value = source_text(kids[0]) if kids else "?"
                ctx.report(self, ret,
                           f"completion routine '{cs.routine.name}' signals the waiter and then "
                           f"returns {value}: the I/O manager goes on completing (and frees) the "
                           f"IRP that '{fn.name}' uses after its wait; return "
                           f"STATUS_MORE_PROCESSING_REQUIRED",
                           code_flow=step(ctx, hs.handoff.cursor,
                                          f"'{fn.name}' sets '{cs.routine.name}' with "
                                          f"'{hs.ref.text}'")
                           + step(ctx, signal.cursor, "the routine wakes the waiter")
                           + step(ctx, ret, f"and returns {value}: completion goes on")
                           + step(ctx, wait.cursor, "the waiter runs")
                           + step(ctx, used[0], "and uses the IRP"),
                           related=[Step(ctx.span(hs.handoff.cursor),
                                         f"forward-and-wait in '{fn.name}'")],
                           once=True)
