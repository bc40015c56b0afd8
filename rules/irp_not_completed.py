"""KD301: a path out of a dispatch routine neither completes, passes down nor queues the IRP."""
from __future__ import annotations

from kdlint.model.irp import report
from kdlint.rule import Rule, Severity


class IrpNotCompleted(Rule):
    """A path out of a dispatch routine leaves the IRP it received unhandled.

    ## What it does
    Follows the IRP a dispatch routine receives along every path to a `return`, through helper
    functions of the same file (their summaries say whether they complete, pass down, queue or
    mark pending the IRP, and under which status), `switch` dispatch, `goto` cleanup and
    `__try/__finally`. It flags a return on a path where the IRP is still owned: not completed
    with `IoCompleteRequest`, not passed down with `IoCallDriver`/`PoCallDriver`, not queued
    (cancel-safe queue, `IoStartPacket`, a list through `Irp->Tail.Overlay.ListEntry`, stored in a
    structure) and not handed to a routine of another file. Branches on the status variable
    (`if (status != STATUS_PENDING)`, `NT_SUCCESS`) and on local flags prune impossible paths.

    ## Why is this bad?
    The dispatch routine owns the IRP until it completes it, passes it down or queues it. An IRP
    that is simply dropped is never completed: the thread that sent it waits forever (a hung
    process that cannot be killed), the file object and the IRP leak, and PnP removal or unload
    blocks. A path that marks the IRP pending and returns `STATUS_PENDING` without queuing it has
    the same effect.

    ## Example
    ```c
    DRIVER_DISPATCH MyDispatch;
    NTSTATUS MyDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        if (DeviceObject->DeviceExtension == NULL) {
            return STATUS_INVALID_DEVICE_STATE;
        }
        Irp->IoStatus.Status = STATUS_SUCCESS;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return STATUS_SUCCESS;
    }
    ```

    Use instead:
    ```c
    DRIVER_DISPATCH MyDispatch;
    NTSTATUS MyDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        NTSTATUS status = STATUS_SUCCESS;
        if (DeviceObject->DeviceExtension == NULL) {
            status = STATUS_INVALID_DEVICE_STATE;
        }
        Irp->IoStatus.Status = status;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return status;
    }
    ```

    ## Limitations
    Only functions known to be dispatch routines (installed in `MajorFunction[]`, declared
    `DRIVER_DISPATCH` or annotated `_Dispatch_type_`) are checked. An IRP passed to a routine of
    another file counts as handed off (a routine whose name says it completes a request, such as
    `XxxCompleteIrp`, counts as completing it). Paths are merged per IRP state, so a correlation
    between two unrelated conditions can still produce an impossible path.

    ## References
    - Completing IRPs; Passing IRPs down the driver stack; DispatchXxx routines (WDK documentation)
    - Static Driver Verifier rules IrpProcessingComplete, CompleteRequest
    """

    id = "KD301"
    name = "irp-not-completed"
    severity = Severity.WARNING
    precision = "high"
    tags = ("reliability", "correctness", "external/cwe/cwe-772")

    def check_function(self, fn, ctx) -> None:
        report(self, fn, ctx, "not-completed")
