"""KD202: a thread handle from PsCreateSystemThread is neither closed nor kept on some path."""
from __future__ import annotations

from kdlint.model.threads import creations_in, flow_steps
from kdlint.rule import Rule, Severity


class ThreadHandleLeaked(Rule):
    """The thread handle from PsCreateSystemThread leaks on some path.

    ## What it does
    Follows the `ThreadHandle` that `PsCreateSystemThread` writes into a local variable and
    flags the creation when some path on which the thread was (or may have been) created returns
    with the handle still open: it was not passed to `ZwClose` (directly, or through a helper of
    the same file that closes its parameter on every path), not stored outside the function
    (device extension, global, out parameter), not returned, and not handed to a routine of
    another file. Overwriting the variable while it holds the open handle counts as losing it.
    A path on which the status showed a failure needs no close.

    ## Why is this bad?
    The documentation requires the driver to close the handle with `ZwClose` once it no longer
    needs it. Each leaked handle keeps the thread object (and its kernel stack bookkeeping)
    alive after the thread exits, and occupies the system handle table; a driver that creates
    threads per request or per device leaks without bound. Closing the handle does *not* stop
    the thread: to wait for it later, reference the object (`ObReferenceObjectByHandle`) and
    close the handle anyway.

    ## Example
    ```c
    KSTART_ROUTINE Worker;
    VOID Worker(PVOID Context) { UNREFERENCED_PARAMETER(Context); }

    NTSTATUS StartWorker(BOOLEAN Quick)
    {
        HANDLE thread;
        NTSTATUS status = PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
        if (!NT_SUCCESS(status)) {
            return status;
        }
        if (Quick) {
            return STATUS_SUCCESS;
        }
        ZwClose(thread);
        return STATUS_SUCCESS;
    }
    ```

    Use instead:
    ```c
    KSTART_ROUTINE Worker;
    VOID Worker(PVOID Context) { UNREFERENCED_PARAMETER(Context); }

    NTSTATUS StartWorker(BOOLEAN Quick)
    {
        HANDLE thread;
        NTSTATUS status = PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
        if (!NT_SUCCESS(status)) {
            return status;
        }
        ZwClose(thread);
        return STATUS_SUCCESS;
    }
    ```

    ## Limitations
    Only handles received in a local variable of the creating function are followed; a handle
    stored in a device extension or global is assumed to be closed elsewhere (see
    thread-not-waited-at-unload for what unload must do). A handle copied into another local
    counts as kept.

    ## References
    - PsCreateSystemThread function (wdm.h), WDK documentation ("The driver must close the
      handle with ZwClose once the handle is no longer in use")
    - Releasing Driver-Allocated Resources, Windows kernel-mode guidance
    """

    id = "KD202"
    name = "thread-handle-leaked"
    severity = Severity.WARNING
    precision = "high"
    tags = ("reliability", "external/cwe/cwe-404")

    def check_function(self, fn, ctx) -> None:
        for c in creations_in(fn):
            leaks = c.fate().leaks
            if not leaks:
                continue
            flow, how = leaks[0]
            if how == "unchecked":
                msg = (f"thread handle '{c.handle_text}' is never closed and the status of "
                       f"{c.call.name} is never checked: the handle leaks when the thread is created")
            elif how == "overwritten":
                msg = f"thread handle '{c.handle_text}' is overwritten while still open: the handle leaks"
            else:
                msg = (f"thread handle '{c.handle_text}' is not closed on a path where the thread "
                       f"was created: ZwClose it (closing does not stop the thread)")
            ctx.report(self, c.cursor, msg, code_flow=flow_steps(ctx, flow))
