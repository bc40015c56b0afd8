"""KD308: a completion routine lets completion continue without propagating the pending mark."""
from __future__ import annotations

from kdlint.model.irp import completion_needs_pending_mark, issues_of, steps
from kdlint.rule import Rule, Severity


class CompletionRoutinePendingNotPropagated(Rule):
    """A completion routine returns without `if (Irp->PendingReturned) IoMarkIrpPending(Irp)`.

    ## What it does
    Checks completion routines that a dispatch routine of the same file installs on the IRP it
    received, when that dispatch routine does not mark the IRP pending itself. On every path
    where the routine returns a status other than `STATUS_MORE_PROCESSING_REQUIRED` (letting
    completion continue up the stack), `IoMarkIrpPending(Irp)` must have been called when
    `Irp->PendingReturned` is set. Paths that return `STATUS_MORE_PROCESSING_REQUIRED` (the
    forward-and-wait pattern) are not checked.

    ## Why is this bad?
    When a lower driver returned `STATUS_PENDING`, the I/O manager relies on each stack location
    on the way up carrying the pending mark. A completion routine that lets completion continue
    without copying `PendingReturned` into its own stack location breaks that chain: the final
    completion work for the requester is skipped or done twice, which hangs the requester or
    corrupts its I/O status block.

    ## Example
    ```c
    IO_COMPLETION_ROUTINE MyCompletion;
    NTSTATUS MyCompletion(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
    {
        InterlockedIncrement((PLONG)Context);
        return STATUS_CONTINUE_COMPLETION;
    }

    DRIVER_DISPATCH MyDispatch;
    NTSTATUS MyDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        IoCopyCurrentIrpStackLocationToNext(Irp);
        IoSetCompletionRoutine(Irp, MyCompletion, DeviceObject->DeviceExtension, TRUE, TRUE, TRUE);
        return IoCallDriver(DeviceObject->AttachedDevice, Irp);
    }
    ```

    Use instead:
    ```c
    IO_COMPLETION_ROUTINE MyCompletion;
    NTSTATUS MyCompletion(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
    {
        if (Irp->PendingReturned) {
            IoMarkIrpPending(Irp);
        }
        InterlockedIncrement((PLONG)Context);
        return STATUS_CONTINUE_COMPLETION;
    }

    DRIVER_DISPATCH MyDispatch;
    NTSTATUS MyDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        IoCopyCurrentIrpStackLocationToNext(Irp);
        IoSetCompletionRoutine(Irp, MyCompletion, DeviceObject->DeviceExtension, TRUE, TRUE, TRUE);
        return IoCallDriver(DeviceObject->AttachedDevice, Irp);
    }
    ```

    ## Limitations
    Completion routines installed from another file, or on IRPs the driver allocated or took from
    a queue, are not checked. The other half of the protocol (a routine returning
    `STATUS_MORE_PROCESSING_REQUIRED` leaves the IRP to someone who completes it later) is covered
    for driver-allocated IRPs by KD313 and for the event handshake by the event rules.

    ## References
    - Implementing an IoCompletion routine; IoMarkIrpPending (WDK documentation)
    - Static Driver Verifier rule CompleteRequest (completion routine part)
    """

    id = "KD308"
    name = "completion-routine-pending-not-propagated"
    severity = Severity.WARNING
    precision = "high"
    tags = ("correctness", "reliability")

    def check_function(self, fn, ctx) -> None:
        found = issues_of(fn, "cr-no-pending")
        if not found or not completion_needs_pending_mark(fn):
            return
        for issue in found:
            flow, related = steps(ctx, issue)
            ctx.report(self, issue.node, issue.message, code_flow=flow if len(flow) > 1 else (),
                       related=related)
