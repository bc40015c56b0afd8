"""KD112: the dispatch side waits where the completion routine does not signal: a hang."""
from __future__ import annotations

from kdlint.model.event_protocol import completion_side, handshakes, wait_when_not_pending
from kdlint.results import Step
from kdlint.rule import Rule, Severity
from kdlint.rules._event_common import branch_steps, step


class CompletionSignalWaitMismatch(Rule):
    """The routine waits on the event when IoCallDriver did not return STATUS_PENDING, but the completion routine signals it only when the IRP pended.

    ## What it does
    Matches the two sides of the forward-and-wait handshake. The completion routine (defined
    in the same file) calls `KeSetEvent` only under `if (Irp->PendingReturned)`; the routine
    that sent the IRP waits on the event on a path where `IoCallDriver` may have returned
    something other than `STATUS_PENDING` (it waits unconditionally, or under a test that does
    not exclude a synchronous completion). The wait is flagged.

    ## Why is this bad?
    When the lower driver completes the IRP at once, `IoCallDriver` returns its final status,
    `Irp->PendingReturned` is FALSE in the completion routine, and nothing ever signals the
    event: the thread waits forever (a hung PnP or power transition, an unkillable process).
    The two halves of the WDK pattern go together: signal only if `PendingReturned`, and wait
    only if `IoCallDriver` returned `STATUS_PENDING` — or signal always and wait always.

    ## Example
    ```c
    NTSTATUS OnDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
    {
        if (Irp->PendingReturned) {
            KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
        }
        return STATUS_MORE_PROCESSING_REQUIRED;
    }

    NTSTATUS ForwardAndWait(PDEVICE_OBJECT Lower, PIRP Irp)
    {
        KEVENT event;
        NTSTATUS status;
        KeInitializeEvent(&event, NotificationEvent, FALSE);
        IoCopyCurrentIrpStackLocationToNext(Irp);
        IoSetCompletionRoutine(Irp, OnDone, &event, TRUE, TRUE, TRUE);
        status = IoCallDriver(Lower, Irp);
        KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL);
        status = Irp->IoStatus.Status;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return status;
    }
    ```

    Use instead:
    ```c
    NTSTATUS OnDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
    {
        if (Irp->PendingReturned) {
            KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
        }
        return STATUS_MORE_PROCESSING_REQUIRED;
    }

    NTSTATUS ForwardAndWait(PDEVICE_OBJECT Lower, PIRP Irp)
    {
        KEVENT event;
        NTSTATUS status;
        KeInitializeEvent(&event, NotificationEvent, FALSE);
        IoCopyCurrentIrpStackLocationToNext(Irp);
        IoSetCompletionRoutine(Irp, OnDone, &event, TRUE, TRUE, TRUE);
        status = IoCallDriver(Lower, Irp);
        if (status == STATUS_PENDING) {
            KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL);
            status = Irp->IoStatus.Status;
        }
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return status;
    }
    ```

    ## Limitations
    The completion routine must be defined in the file and call `KeSetEvent` itself; a call
    to another function of the file on a path is taken to signal. Only `PendingReturned`
    tests are understood as "signals when pending"; a routine that skips the signal for other
    reasons (only on success, say) is not flagged.

    ## References
    - IoSetCompletionRoutine (wdm.h); "Different ways of handling IRPs — cheat sheet",
      scenario 2; WDK documentation
    - SDV rules SignalEventInCompletion2, SignalEventInCompletion3
    """

    id = "KD112"
    name = "completion-signal-wait-mismatch"
    severity = Severity.ERROR
    precision = "high"
    tags = ("reliability", "correctness", "external/cwe/cwe-833")

    def check_function(self, fn, ctx) -> None:
        for hs in handshakes(fn):
            cs = completion_side(fn, hs)
            if cs is None or cs.always or not cs.when_pending:
                continue
            got = wait_when_not_pending(fn, hs)
            if got is None:
                continue
            wait, edges = got
            signal = cs.sets[0]
            ctx.report(self, wait.cursor,
                       f"'{cs.routine.name}' signals '{hs.ref.text}' only when Irp->PendingReturned, "
                       f"but this wait is reached when IoCallDriver may have completed the IRP "
                       f"at once: nothing signals the event and the thread waits forever; wait "
                       f"only if IoCallDriver returned STATUS_PENDING",
                       code_flow=step(ctx, hs.handoff.cursor,
                                      f"completion routine '{cs.routine.name}' set")
                       + step(ctx, hs.send.cursor, "IoCallDriver may complete the IRP at once")
                       + branch_steps(ctx, edges)
                       + step(ctx, wait.cursor, "waits although the request may not have pended"),
                       related=[Step(ctx.span(signal.cursor),
                                     "the event is signaled only when the IRP pended")])
