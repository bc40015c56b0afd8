"""KD113: after forwarding with a completion routine that signals, the IRP is used before the wait."""
from __future__ import annotations

from kdlint.model.event_protocol import completion_side, handshakes, irp_use_while_pending
from kdlint.rule import Rule, Severity
from kdlint.rules._event_common import branch_steps, step


class IrpUsedBeforeEventWait(Rule):
    """The IRP is completed or touched after IoCallDriver may have returned STATUS_PENDING, before waiting on the event its completion routine signals.

    ## What it does
    Follows the forward-and-wait handshake: the routine sets a completion routine whose
    context holds an event (the routine waits on it later, or the completion routine signals
    it), then sends the IRP with `IoCallDriver`. The rule flags an `IoCompleteRequest`,
    `IoFreeIrp`, `IoReuseIrp` or access to a field of the IRP reached after `IoCallDriver` on
    a path where the call may have returned `STATUS_PENDING` (no `== STATUS_PENDING` or
    failure test rules it out) and nothing has waited on the event yet.

    ## Why is this bad?
    `STATUS_PENDING` means the lower driver still owns the IRP: it completes it later, and the
    completion routine runs then, on another thread. Completing the IRP before the event is
    signaled completes it twice (bug check `MULTIPLE_IRP_COMPLETE_REQUESTS`) or lets the lower
    driver touch a freed IRP; reading `Irp->IoStatus` reads a status that is not final yet.
    The wait is what hands the IRP back.

    ## Example
    ```c
    NTSTATUS OnDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
    {
        KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
        return STATUS_MORE_PROCESSING_REQUIRED;
    }

    NTSTATUS Forward(PDEVICE_OBJECT Lower, PIRP Irp)
    {
        KEVENT event;
        NTSTATUS status;
        KeInitializeEvent(&event, NotificationEvent, FALSE);
        IoCopyCurrentIrpStackLocationToNext(Irp);
        IoSetCompletionRoutine(Irp, OnDone, &event, TRUE, TRUE, TRUE);
        status = IoCallDriver(Lower, Irp);
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return status;
    }
    ```

    Use instead:
    ```c
    NTSTATUS OnDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
    {
        KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
        return STATUS_MORE_PROCESSING_REQUIRED;
    }

    NTSTATUS Forward(PDEVICE_OBJECT Lower, PIRP Irp)
    {
        KEVENT event;
        NTSTATUS status;
        KeInitializeEvent(&event, NotificationEvent, FALSE);
        IoCopyCurrentIrpStackLocationToNext(Irp);
        IoSetCompletionRoutine(Irp, OnDone, &event, TRUE, TRUE, TRUE);
        status = IoCallDriver(Lower, Irp);
        KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL);
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return status;
    }
    ```

    ## Limitations
    The event must be named the same way on both sides (the context itself or a field of
    it). A call to another function of the file after `IoCallDriver` stops the search (it may
    be the wait). When the function returns without waiting and the event is on the stack,
    KD109 reports it instead.

    ## References
    - IoSetCompletionRoutine, IoCallDriver (wdm.h); "Different ways of handling IRPs — cheat
      sheet", scenario 2; WDK documentation
    - SDV rule PendedCompletedRequest2
    """

    id = "KD113"
    name = "irp-used-before-event-wait"
    severity = Severity.ERROR
    precision = "high"
    tags = ("reliability", "correctness", "external/cwe/cwe-416")

    def check_function(self, fn, ctx) -> None:
        for hs in handshakes(fn):
            if hs.how != "completion" or hs.send is None:
                continue
            got = irp_use_while_pending(fn, hs)
            if got is None:
                continue
            use, edges = got
            cs = completion_side(fn, hs)
            who = f"'{cs.routine.name}'" if cs is not None else "the completion routine"
            ctx.report(self, use,
                       f"the IRP is used while IoCallDriver may have returned STATUS_PENDING, "
                       f"before waiting on '{hs.ref.text}': the lower driver and {who} still "
                       f"own it; wait on the event first",
                       code_flow=step(ctx, hs.handoff.cursor,
                                      f"{who} set with '{hs.ref.text}'")
                       + step(ctx, hs.send.cursor, "IoCallDriver may return STATUS_PENDING")
                       + branch_steps(ctx, edges)
                       + step(ctx, use, "the IRP is used before the wait"))
