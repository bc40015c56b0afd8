"""KD306: a dispatch path completes the IRP and then returns STATUS_PENDING."""
from __future__ import annotations

from kdlint.model.irp import report
from kdlint.rule import Rule, Severity


class IrpCompletedReturnsPending(Rule):
    """A dispatch routine completes the IRP and returns STATUS_PENDING without marking it pending.

    ## What it does
    Flags a `return` that certainly returns `STATUS_PENDING` on a path where the dispatch routine
    completed the IRP it received (directly or through a helper) without calling
    `IoMarkIrpPending` first. Marking the IRP pending, completing it and returning
    `STATUS_PENDING` is allowed and not flagged.

    ## Why is this bad?
    The I/O manager treats a `STATUS_PENDING` return as "completion will come later". The IRP
    was completed without the pending mark, so the I/O manager finished the request synchronously
    and may have freed it; the caller then waits for a completion that already happened and
    hangs, or reads a status that was never the request's.

    ## Example
    ```c
    DRIVER_DISPATCH MyDispatch;
    NTSTATUS MyDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        Irp->IoStatus.Status = STATUS_SUCCESS;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return STATUS_PENDING;
    }
    ```

    Use instead:
    ```c
    DRIVER_DISPATCH MyDispatch;
    NTSTATUS MyDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        Irp->IoStatus.Status = STATUS_SUCCESS;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return STATUS_SUCCESS;
    }
    ```

    ## References
    - IoMarkIrpPending; Completing IRPs (WDK documentation)
    - Static Driver Verifier rules PendedCompletedRequest, PendedCompletedRequest3
    """

    id = "KD306"
    name = "irp-completed-returns-pending"
    severity = Severity.ERROR
    precision = "high"
    tags = ("correctness", "reliability")

    def check_function(self, fn, ctx) -> None:
        report(self, fn, ctx, "completed-returns-pending")
