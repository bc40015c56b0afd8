"""KD312: a dispatch routine queues the IRP without marking it pending."""
from __future__ import annotations

from kdlint.model.irp import report
from kdlint.rule import Rule, Severity


class IrpQueuedNotPending(Rule):
    """A dispatch routine queues the IRP it received but does not mark it pending.

    ## What it does
    Flags the queuing call (`InsertTailList`/`InsertHeadList`/`ExInterlockedInsert*List` of
    `&Irp->Tail.Overlay.ListEntry`, `KeInsertDeviceQueue`, `IoStartPacket`) in a dispatch
    routine when the path from there to a `return` never calls `IoMarkIrpPending` on the IRP.
    Cancel-safe queues (`IoCsqInsertIrp[Ex]`) mark the IRP themselves and are not flagged.

    ## Why is this bad?
    Once the IRP is in a queue another thread (a worker, StartIo, the cancel routine) may
    complete it at any moment. Unless it was marked pending, that completion and the dispatch
    routine's own return race: the I/O manager finishes the request synchronously, the
    requester's I/O status block and event are updated at the wrong time, and the system can hang
    or corrupt memory. Mark the IRP pending before (or while holding the lock of) the queue.

    ## Example
    ```c
    LIST_ENTRY PendingList;
    DRIVER_DISPATCH MyDispatch;
    NTSTATUS MyDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        InsertTailList(&PendingList, &Irp->Tail.Overlay.ListEntry);
        return STATUS_PENDING;
    }
    ```

    Use instead:
    ```c
    LIST_ENTRY PendingList;
    DRIVER_DISPATCH MyDispatch;
    NTSTATUS MyDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        IoMarkIrpPending(Irp);
        InsertTailList(&PendingList, &Irp->Tail.Overlay.ListEntry);
        return STATUS_PENDING;
    }
    ```

    ## Limitations
    Whether the mark happens while the queue lock is held is not checked (the lock model belongs
    to the IRQL rules). Queuing done by a helper of the same file is not flagged.

    ## References
    - IoMarkIrpPending; Queuing and dequeuing IRPs (WDK documentation)
    - Static Driver Verifier rules MarkingQueuedIrps, MarkingInterlockedQueuedIrps
    """

    id = "KD312"
    name = "irp-queued-not-pending"
    severity = Severity.ERROR
    precision = "high"
    tags = ("correctness", "reliability")

    def check_function(self, fn, ctx) -> None:
        report(self, fn, ctx, "queued-unmarked")
