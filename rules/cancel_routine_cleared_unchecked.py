"""KD311: an IRP is completed after IoSetCancelRoutine(Irp, NULL) whose result was not checked."""
from __future__ import annotations

from kdlint.model.irp import report
from kdlint.rule import Rule, Severity


class CancelRoutineClearedUnchecked(Rule):
    """An IRP taken off a queue is completed without checking what `IoSetCancelRoutine(Irp, NULL)`
    returned.

    ## What it does
    Follows each IRP variable along the paths of a function and flags `IoCompleteRequest` on an
    IRP whose cancel routine was cleared with `IoSetCancelRoutine(Irp, NULL)` (or its expansion,
    `InterlockedExchangePointer(&Irp->CancelRoutine, NULL)`) as a statement of its own — its
    result thrown away — on the way. Functions that hold the global cancel spin lock
    (`IoAcquireCancelSpinLock`) and cancel routines (called holding it) are not flagged: there
    the `Irp->Cancel` test under the lock settles the race.

    ## Why is this bad?
    `IoSetCancelRoutine(Irp, NULL)` returns the routine it replaced. NULL means `IoCancelIrp`
    already took the routine and has called, or is about to call, it: the cancel routine now
    owns the IRP and will complete it. Completing the IRP as well completes it twice (the I/O
    manager bugchecks with MULTIPLE_IRP_COMPLETE_REQUESTS or frees it under the cancel routine's
    feet). Only complete the IRP when the call returned the routine you set; otherwise leave it
    to the cancel routine.

    ## Example
    ```c
    VOID CompleteNext(PLIST_ENTRY Queue, KSPIN_LOCK *Lock)
    {
        KIRQL irql;
        PLIST_ENTRY entry;
        PIRP irp;
        KeAcquireSpinLock(Lock, &irql);
        entry = RemoveHeadList(Queue);
        KeReleaseSpinLock(Lock, irql);
        irp = CONTAINING_RECORD(entry, IRP, Tail.Overlay.ListEntry);
        IoSetCancelRoutine(irp, NULL);
        irp->IoStatus.Status = STATUS_SUCCESS;
        IoCompleteRequest(irp, IO_NO_INCREMENT);
    }
    ```

    Use instead:
    ```c
    VOID CompleteNext(PLIST_ENTRY Queue, KSPIN_LOCK *Lock)
    {
        KIRQL irql;
        PLIST_ENTRY entry;
        PIRP irp;
        KeAcquireSpinLock(Lock, &irql);
        entry = RemoveHeadList(Queue);
        KeReleaseSpinLock(Lock, irql);
        irp = CONTAINING_RECORD(entry, IRP, Tail.Overlay.ListEntry);
        if (IoSetCancelRoutine(irp, NULL) != NULL) {
            irp->IoStatus.Status = STATUS_SUCCESS;
            IoCompleteRequest(irp, IO_NO_INCREMENT);
        }
    }
    ```

    ## Limitations
    Only `IoCompleteRequest` in the same function as the clearing call is checked, and only on
    IRP variables (not IRPs reached through structure fields). Whether the cancel routine
    itself checks something that makes the double completion impossible is not looked at (it
    still runs on a completed, possibly freed IRP). Cancel-safe queues (`IoCsq*`) do all this
    for you and are the recommended fix.

    ## References
    - IoSetCancelRoutine; Synchronizing IRP cancellation; Cancel-safe IRP queues (WDK
      documentation)
    - Static Driver Verifier rules CancelSpinLock, IrpCancelField
    """

    id = "KD311"
    name = "cancel-routine-cleared-unchecked"
    severity = Severity.ERROR
    precision = "high"
    tags = ("correctness", "reliability", "external/cwe/cwe-362")

    def check_function(self, fn, ctx) -> None:
        report(self, fn, ctx, "cancel-clear-unchecked")
