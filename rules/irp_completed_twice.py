"""KD302: an IRP is completed twice on some path."""
from __future__ import annotations

from kdlint.model.irp import report
from kdlint.rule import Rule, Severity


class IrpCompletedTwice(Rule):
    """An IRP is completed again after it was already completed on this path.

    ## What it does
    Flags `IoCompleteRequest` (or a helper of the same file that completes its IRP argument, or
    a routine of another file whose name says it completes a request) on an IRP that an earlier
    call on the same path already completed, directly or through a helper, several levels deep.

    ## Why is this bad?
    Once completed, the IRP belongs to the I/O manager, which may free or reuse it at once.
    Completing it again bug-checks with MULTIPLE_IRP_COMPLETE_REQUESTS (0x44) or corrupts an IRP
    that now belongs to another request.

    ## Example
    ```c
    NTSTATUS CompleteIrp(PIRP Irp, NTSTATUS Status)
    {
        Irp->IoStatus.Status = Status;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return Status;
    }

    NTSTATUS MyDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        NTSTATUS status = STATUS_INVALID_PARAMETER;
        if (DeviceObject->DeviceExtension == NULL) {
            CompleteIrp(Irp, status);
        }
        Irp->IoStatus.Status = status;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return status;
    }
    ```

    Use instead:
    ```c
    NTSTATUS CompleteIrp(PIRP Irp, NTSTATUS Status)
    {
        Irp->IoStatus.Status = Status;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return Status;
    }

    NTSTATUS MyDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        NTSTATUS status = STATUS_INVALID_PARAMETER;
        if (DeviceObject->DeviceExtension == NULL) {
            return CompleteIrp(Irp, status);
        }
        Irp->IoStatus.Status = status;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return status;
    }
    ```

    ## Limitations
    Completion inside completion or cancel routines of the same IRP is not matched with the
    dispatch routine's own completion. Paths are merged per IRP state, so two correlated but
    untracked conditions can produce an impossible path.

    ## References
    - IoCompleteRequest; Completing IRPs (WDK documentation)
    - Bug check 0x44 MULTIPLE_IRP_COMPLETE_REQUESTS
    - Static Driver Verifier rule DoubleCompletion
    """

    id = "KD302"
    name = "irp-completed-twice"
    severity = Severity.ERROR
    precision = "high"
    tags = ("correctness", "reliability", "external/cwe/cwe-415")

    def check_function(self, fn, ctx) -> None:
        report(self, fn, ctx, "double-complete")
