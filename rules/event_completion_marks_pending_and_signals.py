"""KD116: a forward-and-wait completion routine both marks the IRP pending and signals the waiter."""
from __future__ import annotations

from kdlint.model.event_protocol import completion_side, handshakes
from kdlint.results import Step
from kdlint.rule import Rule, Severity
from kdlint.rules._event_common import step


class CompletionMarksPendingAndSignals(Rule):
    """A completion routine calls both IoMarkIrpPending and KeSetEvent for the IRP it hands back to a waiter.

    ## What it does
    Looks at the forward-and-wait handshake: a routine sets a completion routine whose context
    holds an event, sends the IRP with `IoCallDriver` and waits on the event. When that
    completion routine (defined in the same file) calls `IoMarkIrpPending` as well as
    `KeSetEvent`, the rule flags the `IoMarkIrpPending` call.

    ## Why is this bad?
    Propagating the pending mark (`if (Irp->PendingReturned) IoMarkIrpPending(Irp)`) and
    waking a waiter are two different protocols. The mark is for a routine that lets
    completion go on to the driver above, which will see `STATUS_PENDING` from its own
    `IoCallDriver`. In forward-and-wait the dispatch routine waits, takes the IRP back with
    `STATUS_MORE_PROCESSING_REQUIRED`, and completes it itself with the real status; marking
    it pending in the completion routine then leaves `SL_PENDING_RETURNED` set on a stack
    location whose dispatch routine did not return `STATUS_PENDING`, and the I/O manager's
    completion of the IRP for the original requester follows the wrong path (a second APC,
    or a status copied twice). The WDK's forward-and-wait completion routine only signals.

    ## Example
    ```c
    NTSTATUS OnDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
    {
        if (Irp->PendingReturned) {
            IoMarkIrpPending(Irp);
        }
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

    Use instead:
    ```c
    NTSTATUS OnDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
    {
        if (Irp->PendingReturned) {
            KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
        }
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
    Only completion routines defined in the same file as the forward-and-wait routine, that
    call `KeSetEvent` themselves, are looked at. A completion routine that marks the IRP
    pending and lets completion go on (no event) is the IRP rules' business (KD308).

    ## References
    - "Different ways of handling IRPs — cheat sheet", scenario 2 (forward and wait); WDK
      documentation
    - Implementing an IoCompletion routine, WDK documentation
    - SDV rule CompletionEventChecking
    """

    id = "KD116"
    name = "completion-marks-pending-and-signals"
    severity = Severity.WARNING
    precision = "high"
    tags = ("correctness",)

    def check_function(self, fn, ctx) -> None:
        for hs in handshakes(fn):
            cs = completion_side(fn, hs)
            if cs is None or not cs.marks_pending or not cs.sets:
                continue
            for mark in cs.marks_pending:
                ctx.report(self, mark.cursor,
                           f"completion routine '{cs.routine.name}' marks the IRP pending and also "
                           f"signals the event '{fn.name}' waits on: in forward-and-wait the "
                           f"waiter takes the IRP back, so do not call IoMarkIrpPending here",
                           code_flow=step(ctx, hs.handoff.cursor,
                                          f"'{fn.name}' sets '{cs.routine.name}' with "
                                          f"'{hs.ref.text}' and waits on it")
                           + step(ctx, mark.cursor, "the routine marks the IRP pending")
                           + step(ctx, cs.sets[0].cursor, "and wakes the waiter"),
                           related=[Step(ctx.span(hs.handoff.cursor),
                                         f"forward-and-wait in '{fn.name}'")],
                           once=True)
