"""KD304: a dispatch path marks the IRP pending but does not return STATUS_PENDING."""
from __future__ import annotations

from kdlint.model.irp import report
from kdlint.rule import Rule, Severity


class IrpPendingStatusNotReturned(Rule):
    """A dispatch routine calls IoMarkIrpPending but returns another status on that path.

    ## What it does
    Flags a `return` of a dispatch routine on a path where `IoMarkIrpPending` was called on the
    IRP it received but the value returned is certainly not `STATUS_PENDING` (a constant, a
    status variable whose value is known on that path), or is the status `IoCallDriver` returned
    (which may be anything the lower driver chose).

    ## Why is this bad?
    `IoMarkIrpPending` promises the I/O manager that the dispatch routine returns
    `STATUS_PENDING`; the I/O manager then waits for completion to run the final completion
    work in the requester's context. Returning a different status breaks that protocol: the
    completion work runs twice or never, the requester's event is signalled at the wrong time,
    and the system may hang or bug-check.

    ## Example
    ```c
    DRIVER_DISPATCH MyDispatch;
    NTSTATUS MyDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        IoMarkIrpPending(Irp);
        IoStartPacket(DeviceObject, Irp, NULL, NULL);
        return STATUS_SUCCESS;
    }
    ```

    Use instead:
    ```c
    DRIVER_DISPATCH MyDispatch;
    NTSTATUS MyDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        IoMarkIrpPending(Irp);
        IoStartPacket(DeviceObject, Irp, NULL, NULL);
        return STATUS_PENDING;
    }
    ```

    ## Limitations
    Only dispatch routines are checked; a helper that marks the IRP pending leaves the return
    to its caller, whose summary carries the mark.

    ## References
    - IoMarkIrpPending; Returning STATUS_PENDING (WDK documentation)
    - Static Driver Verifier rule MarkIrpPending; Code Analysis C28143
    """

    id = "KD304"
    name = "irp-pending-status-not-returned"
    severity = Severity.ERROR
    precision = "high"
    tags = ("correctness", "reliability")

    def check_function(self, fn, ctx) -> None:
        report(self, fn, ctx, "pending-not-returned")
