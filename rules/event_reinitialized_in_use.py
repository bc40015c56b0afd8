"""KD115: KeInitializeEvent on an event that may be in use (handed off, or waited on by a thread)."""
from __future__ import annotations

from kdlint.model.event_protocol import reinit_while_handed
from kdlint.model.events import events_of, file_events
from kdlint.results import Step
from kdlint.rule import Rule, Severity
from kdlint.rules._event_common import branch_steps, replace_fix, step


class EventReinitializedInUse(Rule):
    """KeInitializeEvent re-initialises an event that another routine may be waiting on or about to signal.

    ## What it does
    Flags a `KeInitializeEvent` on an event the model knows may be in use at that point:

    - the event (or a structure holding it) was handed to code that signals it later — the
      `Event` of `IoBuildDeviceIoControlRequest` / `IoBuildSynchronousFsdRequest`, the context
      of a completion routine, system thread, work item or DPC — and there is a path from that
      hand-off to the initialisation on which nothing waited on it and, for an IRP, on which
      `IoCallDriver` may have returned `STATUS_PENDING` (typically a loop that re-initialises
      the event for the next request while the previous one is still pending);
    - a field or global event initialised in DriverEntry or AddDevice and waited on by a
      system thread or work item of the file is initialised again in a dispatch routine
      (warning: the thread may be waiting when the request arrives).

    ## Why is this bad?
    `KeInitializeEvent` rewrites the dispatcher header, including the list of waiting threads.
    A thread blocked on the event is unlinked from nothing: it is never woken (a hang), or the
    wait list is corrupted and the next `KeSetEvent` walks freed memory (a bug check). A
    request still pending will signal the freshly initialised event, so the next wait returns
    early. To make an event not signaled again, use `KeClearEvent`, which only changes its
    state; to reuse it for a new request, wait for the previous one first.

    ## Example
    ```c
    KEVENT event;
    IO_STATUS_BLOCK iosb;
    PIRP irp;
    ULONG i;
    for (i = 0; i < 4; i++) {
        KeInitializeEvent(&event, NotificationEvent, FALSE);
        irp = IoBuildDeviceIoControlRequest(0x2d1400, DeviceObject, NULL, 0, NULL, 0, FALSE,
                                            &event, &iosb);
        if (irp == NULL)
            break;
        IoCallDriver(DeviceObject, irp);
    }
    KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL);
    ```

    Use instead:
    ```c
    KEVENT event;
    IO_STATUS_BLOCK iosb;
    PIRP irp;
    ULONG i;
    for (i = 0; i < 4; i++) {
        KeInitializeEvent(&event, NotificationEvent, FALSE);
        irp = IoBuildDeviceIoControlRequest(0x2d1400, DeviceObject, NULL, 0, NULL, 0, FALSE,
                                            &event, &iosb);
        if (irp == NULL)
            break;
        if (IoCallDriver(DeviceObject, irp) == STATUS_PENDING)
            KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL);
    }
    ```

    ## Limitations
    Only hand-offs in the same function, and waiters the file's role model knows (threads
    started with PsCreateSystemThread, work items), are seen. A dispatch routine that starts
    the thread or queues the work item itself is not flagged.

    ## References
    - KeInitializeEvent, KeClearEvent (wdm.h), WDK documentation ("KeInitializeEvent ... must
      not be called on an event that is in use")
    """

    id = "KD115"
    name = "event-reinitialized-in-use"
    severity = Severity.ERROR
    precision = "high"
    tags = ("reliability", "correctness", "concurrency")

    def check_function(self, fn, ctx) -> None:
        model = file_events(fn)
        for op in events_of(fn).ops:
            if op.kind != "init":
                continue
            got = reinit_while_handed(fn, op)
            if got is not None:
                call, edges, every = got
                text = op.refs[0].text if op.refs else "the event"
                ctx.report(self, op.cursor,
                           f"'{text}' is re-initialised while it may still be handed to "
                           f"{call.name} and not waited on: a pending request will signal (or a "
                           f"waiter is lost from) the re-initialised event; wait for the "
                           f"request first, or use KeClearEvent to reset it",
                           level=None if every else Severity.WARNING.value,
                           code_flow=step(ctx, call.cursor, f"handed to {call.name}")
                           + branch_steps(ctx, edges)
                           + step(ctx, op.cursor, "re-initialised without a wait"))
                continue
            for ref in op.refs:
                used = model.waited_by_thread(fn, ref)
                if used is None:
                    continue
                wait, waiter, setup = used
                ctx.report(self, op.cursor,
                           f"'{ref.text}' is already initialised in setup and waited on by "
                           f"'{waiter}'; re-initialising it in dispatch routine '{fn.name}' "
                           f"can lose a waiting thread; use KeClearEvent to reset it",
                           level=Severity.WARNING.value,
                           fixes=_clear_fix(ctx, op) if setup.event_type == op.event_type else [],
                           code_flow=step(ctx, setup.cursor, "initialised at setup")
                           + step(ctx, wait.cursor, f"'{waiter}' waits on it")
                           + step(ctx, op.cursor, "initialised again while the thread may wait"),
                           related=[Step(ctx.span(wait.cursor), "the waiter")])
                break


def _clear_fix(ctx, op) -> list:
    """KeInitializeEvent(E, NotificationEvent, FALSE) → KeClearEvent(E)."""
    if op.initial_state != 0 or op.event_type is None:
        return []
    from kdlint.cursors import source_text
    return replace_fix(ctx, op.cursor, f"KeClearEvent({source_text(op.call.arg(0))})",
                       "Reset the event with KeClearEvent")
