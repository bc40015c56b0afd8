"""KD303: an IRP is touched after it was completed, passed down or freed."""
from __future__ import annotations

from kdlint.model.irp import report
from kdlint.rule import Rule, Severity


class IrpUsedAfterCompletion(Rule):
    """The IRP is used after it was completed or passed down to the next driver.

    ## What it does
    Flags a dereference of the IRP (`Irp->IoStatus`, `Irp->Tail...`), a call that reads or writes
    it (`IoGetCurrentIrpStackLocation`, `IoMarkIrpPending`, `IoSetCompletionRoutine`, a helper of
    the same file that dereferences it), a completion or a second forward, after
    `IoCompleteRequest`, `IoCallDriver`/`PoCallDriver` or `IoFreeIrp` on the same path. After
    `IoCallDriver` the IRP is owned again only when a completion routine that may return
    `STATUS_MORE_PROCESSING_REQUIRED` was set: such forwards are not flagged.

    ## Why is this bad?
    After completion the I/O manager may have freed the IRP; after `IoCallDriver` without such a
    completion routine the lower driver may already have completed it and it may have been freed.
    Reading `Irp->IoStatus.Status` then reads freed memory, and writing to it corrupts whatever now
    lives there. Return the status you completed with, or the status `IoCallDriver` returned.

    ## Example
    ```c
    NTSTATUS status;
    Irp->IoStatus.Status = STATUS_SUCCESS;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    status = Irp->IoStatus.Status;
    ```

    Use instead:
    ```c
    NTSTATUS status = STATUS_SUCCESS;
    Irp->IoStatus.Status = status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    ```

    ## Limitations
    Aliases of the IRP through structure fields are not followed; a completion routine set
    through a variable counts as one that may return `STATUS_MORE_PROCESSING_REQUIRED`.

    ## References
    - IoCompleteRequest; IoCallDriver; Passing IRPs down the driver stack (WDK documentation)
    - Static Driver Verifier rules LowerDriverReturn, CompleteRequest
    """

    id = "KD303"
    name = "irp-used-after-completion"
    severity = Severity.ERROR
    precision = "high"
    tags = ("correctness", "security", "external/cwe/cwe-416")
    security_severity = "7.0"

    def check_function(self, fn, ctx) -> None:
        report(self, fn, ctx, "use-after")
