"""KD310: a cancel routine is set on an IRP and Irp->Cancel is not checked afterwards."""
from __future__ import annotations

from kdlint.model.irp import report
from kdlint.rule import Rule, Severity


class CancelRoutineSetWithoutCancelCheck(Rule):
    """A cancel routine is set on an IRP that is kept, but `Irp->Cancel` is not checked after
    setting it.

    ## What it does
    Follows each IRP variable along the paths of a function and flags `IoSetCancelRoutine(Irp,
    Routine)` (a non-NULL routine) when some path from it leaves the function with the IRP
    neither completed nor passed down and without reading `Irp->Cancel` after the call.
    Functions that hold the global cancel spin lock (`IoAcquireCancelSpinLock`, where testing
    `Irp->Cancel` before setting the routine is enough) and cancel routines are not flagged.

    ## Why is this bad?
    The IRP may have been cancelled before the routine was set: `IoCancelIrp` then set
    `Irp->Cancel` and found no routine to call, and nobody will ever cancel the IRP — it stays
    in the driver's queue until something else completes it, and the thread that issued it
    cannot exit (a hung process at shutdown). After setting the routine, test `Irp->Cancel`; if
    it is TRUE and `IoSetCancelRoutine(Irp, NULL)` returns the routine again, complete the IRP
    with STATUS_CANCELLED yourself (if it returns NULL, the cancel routine is running and will).

    ## Example
    ```c
    LIST_ENTRY PendingList;
    KSPIN_LOCK PendingLock;
    DRIVER_CANCEL MyCancel;

    NTSTATUS QueueIt(PIRP Irp)
    {
        KIRQL irql;
        KeAcquireSpinLock(&PendingLock, &irql);
        IoMarkIrpPending(Irp);
        IoSetCancelRoutine(Irp, MyCancel);
        InsertTailList(&PendingList, &Irp->Tail.Overlay.ListEntry);
        KeReleaseSpinLock(&PendingLock, irql);
        return STATUS_PENDING;
    }
    ```

    Use instead:
    ```c
    LIST_ENTRY PendingList;
    KSPIN_LOCK PendingLock;
    DRIVER_CANCEL MyCancel;

    NTSTATUS QueueIt(PIRP Irp)
    {
        KIRQL irql;
        KeAcquireSpinLock(&PendingLock, &irql);
        IoSetCancelRoutine(Irp, MyCancel);
        if (Irp->Cancel && IoSetCancelRoutine(Irp, NULL) != NULL) {
            KeReleaseSpinLock(&PendingLock, irql);
            Irp->IoStatus.Status = STATUS_CANCELLED;
            Irp->IoStatus.Information = 0;
            IoCompleteRequest(Irp, IO_NO_INCREMENT);
            return STATUS_CANCELLED;
        }
        IoMarkIrpPending(Irp);
        InsertTailList(&PendingList, &Irp->Tail.Overlay.ListEntry);
        KeReleaseSpinLock(&PendingLock, irql);
        return STATUS_PENDING;
    }
    ```

    ## Limitations
    The check must be in the function that sets the routine; a caller that tests `Irp->Cancel`
    afterwards is not seen. Any read of `Irp->Cancel` counts as the check (what the code does
    with it is not verified). IRPs reached through structure fields are not followed.

    ## References
    - IoSetCancelRoutine; Points to consider when canceling IRPs; Cancel-safe IRP queues (WDK
      documentation)
    - Static Driver Verifier rule IrpCancelField; Code Analysis C28144
    """

    id = "KD310"
    name = "cancel-routine-set-without-cancel-check"
    severity = Severity.WARNING
    precision = "high"
    tags = ("correctness", "reliability", "external/cwe/cwe-362")

    def check_function(self, fn, ctx) -> None:
        report(self, fn, ctx, "cancel-set-unchecked")
