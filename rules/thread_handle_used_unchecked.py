"""KD201: the handle from PsCreateSystemThread is used on a path where the creation may have failed."""
from __future__ import annotations

from kdlint.model.threads import creations_in, flow_steps
from kdlint.rule import Rule, Severity


class ThreadHandleUsedUnchecked(Rule):
    """The thread handle is used without checking that PsCreateSystemThread succeeded.

    ## What it does
    Follows the `ThreadHandle` that `PsCreateSystemThread` writes and flags the first use of it
    (`ObReferenceObjectByHandle`, `ZwClose`, `ZwWaitForSingleObject`, copying it into a device
    extension, returning it) on a path where the returned NTSTATUS was never tested, or was
    tested and showed a failure. A test is `NT_SUCCESS(status)` (also negated, or on the call
    itself), `status == STATUS_SUCCESS` / `!= STATUS_SUCCESS`, `status < 0`, or a test of the
    handle itself against NULL (for code that initialises it to NULL).

    ## Why is this bad?
    When the creation fails (no memory, quota, a process being deleted) the routine does not
    write a handle: the variable holds whatever it held before, usually stack garbage.
    `ObReferenceObjectByHandle` on it fails or, worse, finds some other object in the kernel
    handle table; `ZwClose` on an invalid kernel handle bug-checks (INVALID_KERNEL_HANDLE).
    A thread object "referenced" this way is then waited on and dereferenced at unload.

    ## Example
    ```c
    KSTART_ROUTINE Worker;
    VOID Worker(PVOID Context) { UNREFERENCED_PARAMETER(Context); }

    VOID StartWorker(PVOID *Object)
    {
        HANDLE thread;
        PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
        ObReferenceObjectByHandle(thread, THREAD_ALL_ACCESS, NULL, KernelMode, Object, NULL);
        ZwClose(thread);
    }
    ```

    Use instead:
    ```c
    KSTART_ROUTINE Worker;
    VOID Worker(PVOID Context) { UNREFERENCED_PARAMETER(Context); }

    NTSTATUS StartWorker(PVOID *Object)
    {
        HANDLE thread;
        NTSTATUS status = PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
        if (!NT_SUCCESS(status)) {
            return status;
        }
        status = ObReferenceObjectByHandle(thread, THREAD_ALL_ACCESS, NULL, KernelMode, Object, NULL);
        ZwClose(thread);
        return status;
    }
    ```

    ## Limitations
    The status must be tested in the creating function, through the variable it was assigned
    to (copies of the status are not followed). Only the first unchecked use of each handle is
    reported.

    ## References
    - PsCreateSystemThread function (wdm.h), WDK documentation
    - C28193 (_Must_inspect_result_), Code Analysis for Drivers
    """

    id = "KD201"
    name = "thread-handle-used-unchecked"
    severity = Severity.ERROR
    precision = "high"
    tags = ("correctness", "reliability", "external/cwe/cwe-252")

    def check_function(self, fn, ctx) -> None:
        for c in creations_in(fn):
            uses = c.fate().unchecked_uses
            if not uses:
                continue
            node, how, flow = min(uses, key=lambda u: (u[0].location.line, u[0].location.column))
            if how == "failed":
                why = f"on a path where {c.call.name} failed"
            else:
                why = f"before the status of {c.call.name} (line {c.cursor.location.line}) is checked"
            ctx.report(self, node, f"thread handle '{c.handle_text}' is used {why}; on failure it "
                                   f"holds no valid handle", code_flow=flow_steps(ctx, flow))
