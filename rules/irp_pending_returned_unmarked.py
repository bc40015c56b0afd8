"""KD305: a dispatch path returns STATUS_PENDING without IoMarkIrpPending."""
from __future__ import annotations

from kdlint.model.irp import report
from kdlint.rule import Rule, Severity


class IrpPendingReturnedUnmarked(Rule):
    """A dispatch routine returns STATUS_PENDING without having marked the IRP pending.

    ## What it does
    Flags a `return` of a dispatch routine that certainly returns `STATUS_PENDING` on a path
    where `IoMarkIrpPending` was not called on the IRP (directly or in a helper of the same file,
    or by `IoCsqInsertIrp`, which marks it), unless the value is the status `IoCallDriver`
    returned for that IRP.

    ## Why is this bad?
    When the dispatch routine returns `STATUS_PENDING`, the I/O manager waits for the IRP's
    completion to finish the request. If the IRP was not marked pending, the completion that
    happens later does not queue that final work: the requester waits forever (a hang in
    `NtReadFile`/`DeviceIoControl`), or, if the IRP was already completed, its result is lost.

    ## Example
    ```c
    DRIVER_DISPATCH MyDispatch;
    NTSTATUS MyDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        IoStartPacket(DeviceObject, Irp, NULL, NULL);
        return STATUS_PENDING;
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
    A routine of another file that receives the IRP may mark it pending: such paths are not
    flagged.

    ## References
    - IoMarkIrpPending; DispatchXxx routines returning STATUS_PENDING (WDK documentation)
    - Static Driver Verifier rule MarkIrpPending2
    """

    id = "KD305"
    name = "irp-pending-returned-unmarked"
    severity = Severity.ERROR
    precision = "high"
    tags = ("correctness", "reliability")

    def check_function(self, fn, ctx) -> None:
        report(self, fn, ctx, "pending-unmarked")
