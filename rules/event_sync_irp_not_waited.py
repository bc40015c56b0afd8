"""KD109: an IRP sent with a stack event to signal is not waited on when IoCallDriver pends."""
from __future__ import annotations

from kdlint.model.event_protocol import handshakes, pending_exit_without_wait
from kdlint.model.events import Storage
from kdlint.rule import Rule, Severity
from kdlint.rules._event_common import branch_steps, step


class SyncIrpNotWaitedOnPending(Rule):
    """IoCallDriver may return STATUS_PENDING and the function goes on without waiting on the stack event.

    ## What it does
    Follows the event handed with an IRP — the `Event` argument of
    `IoBuildDeviceIoControlRequest` / `IoBuildSynchronousFsdRequest`, or an event inside the
    context of `IoSetCompletionRoutine[Ex]` that the function waits on — to the `IoCallDriver`
    that sends the IRP. When the event or the `IO_STATUS_BLOCK` is on the stack, it flags:

    - a path from `IoCallDriver` to the end of the function on which the call may have
      returned `STATUS_PENDING` (no `== STATUS_PENDING` or failure test rules it out) and
      nothing waits on the event;
    - a read of the I/O status block on such a path before the wait.

    ## Why is this bad?
    `STATUS_PENDING` means the request is still in progress: the lower driver completes it
    later, and the I/O manager then writes the I/O status block and signals the event. If
    the function has returned, both are in a dead stack frame: the completion writes over
    whatever the stack holds by then (memory corruption that shows up far away), and a
    status read before the wait is not the request's status yet.

    ## Example
    ```c
    KEVENT event;
    IO_STATUS_BLOCK iosb;
    PIRP irp;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    irp = IoBuildDeviceIoControlRequest(0x2d1400, DeviceObject, NULL, 0, NULL, 0, FALSE,
                                        &event, &iosb);
    if (irp == NULL)
        return;
    IoCallDriver(DeviceObject, irp);
    ```

    Use instead:
    ```c
    KEVENT event;
    IO_STATUS_BLOCK iosb;
    PIRP irp;
    NTSTATUS status;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    irp = IoBuildDeviceIoControlRequest(0x2d1400, DeviceObject, NULL, 0, NULL, 0, FALSE,
                                        &event, &iosb);
    if (irp == NULL)
        return;
    status = IoCallDriver(DeviceObject, irp);
    if (status == STATUS_PENDING)
        KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL);
    ```

    ## Limitations
    Waits done by a helper function stop the search (they are assumed to be the wait).
    Events in pool or in a device extension are not flagged: another routine may wait.

    ## References
    - IoBuildDeviceIoControlRequest, IoBuildSynchronousFsdRequest (wdm.h), WDK documentation
    - SDV rules IoBuildDeviceControlWait, IoBuildSynchronousFsdRequestWait
    """

    id = "KD109"
    name = "sync-irp-not-waited-on-pending"
    severity = Severity.ERROR
    precision = "high"
    tags = ("reliability", "correctness", "external/cwe/cwe-562")

    def check_function(self, fn, ctx) -> None:
        for hs in handshakes(fn):
            if hs.send is None:
                continue
            on_stack = hs.ref.storage == Storage.STACK or (
                hs.iosb is not None and hs.iosb.storage == Storage.STACK)
            if not on_stack:
                continue
            head = step(ctx, hs.handoff.cursor, f"'{hs.ref.text}' handed to {hs.handoff.name}")
            head += step(ctx, hs.send.cursor, "IoCallDriver may return STATUS_PENDING")
            edges = pending_exit_without_wait(fn, hs)
            if edges is not None:
                ctx.report(self, hs.send.cursor,
                           f"IoCallDriver may return STATUS_PENDING and the function can return "
                           f"without waiting on '{hs.ref.text}': the request will later signal "
                           f"an event (and write a status block) in a stack frame that is gone",
                           code_flow=head + branch_steps(ctx, edges)
                           + step(ctx, fn.cursor, "the function returns without waiting"))
                continue
            read = pending_exit_without_wait(fn, hs, to_iosb_read=True) if hs.how == "IoBuild" \
                else None
            if read is not None:
                node = read[-1]
                ctx.report(self, node,
                           f"'{hs.iosb.text}' is read before waiting on '{hs.ref.text}', while "
                           f"the request may still be pending",
                           code_flow=head + branch_steps(ctx, read[:-1])
                           + step(ctx, node, "status block read before the wait"))
