"""KD307: the status returned differs from the IRP's completion status, or drops the lower driver's."""
from __future__ import annotations

from kdlint.model.irp import report
from kdlint.rule import Rule, Severity


class IrpStatusMismatch(Rule):
    """The value returned is not the status the IRP was completed with or passed down with.

    ## What it does
    Flags a `return` on a path where the function completed its IRP with one
    `Irp->IoStatus.Status` and returns a status that is certainly different (two different
    constants, or a success against a failure). In dispatch routines it also flags returning a
    constant after passing the IRP down with `IoCallDriver`/`PoCallDriver` (without a completion
    routine that reclaims it), which drops the status the lower driver returned.

    ## Why is this bad?
    Callers of a dispatch routine (the I/O manager, a filter above, `IoCallDriver` in the driver
    above) trust the returned status to match the completion status. A dispatch routine that
    completes with an error but returns `STATUS_SUCCESS` makes the requester believe the request
    succeeded while the output buffer was never filled; returning `STATUS_SUCCESS` after the lower
    driver returned `STATUS_PENDING` makes the requester read results before they exist.

    ## Example
    ```c
    DRIVER_DISPATCH MyDispatch;
    NTSTATUS MyDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        Irp->IoStatus.Status = STATUS_INVALID_PARAMETER;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return STATUS_SUCCESS;
    }
    ```

    Use instead:
    ```c
    DRIVER_DISPATCH MyDispatch;
    NTSTATUS MyDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        NTSTATUS status = STATUS_INVALID_PARAMETER;
        Irp->IoStatus.Status = status;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return status;
    }
    ```

    ## Limitations
    Only values the model knows to differ are flagged (constants and NTSTATUS classes); two
    unknown values are assumed equal.

    ## References
    - Completing IRPs; Passing IRPs down the driver stack (WDK documentation)
    - Static Driver Verifier rules LowerDriverReturn, CompleteRequestStatusCheck
    """

    id = "KD307"
    name = "irp-status-mismatch"
    severity = Severity.WARNING
    precision = "high"
    tags = ("correctness",)

    def check_function(self, fn, ctx) -> None:
        report(self, fn, ctx, "status-mismatch", "lower-status-dropped")
