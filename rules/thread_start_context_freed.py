"""KD206: the StartContext block is freed after the thread was created, without waiting for it."""
from __future__ import annotations

from kdlint.cursors import source_text
from kdlint.model.threads import creations_in, flow_steps
from kdlint.rule import Rule, Severity


class ThreadStartContextFreed(Rule):
    """StartContext is freed by the creator while the new thread may still use it.

    ## What it does
    Flags `ExFreePool`/`ExFreePoolWithTag` (and lookaside frees) of the very pointer passed as
    `StartContext`, in the creating function, on a path where the thread was (or may have been)
    created and nothing was waited on since. Freeing it on the failure path is right (the
    creator still owns the context when the creation fails) and is not flagged.

    ## Why is this bad?
    On success the context belongs to the thread (the WDK headers annotate it
    `_When_(return >= 0, __drv_aliasesMem)`). The thread may not even have started when the
    creator frees the block, and reads freed pool: a use-after-free that corrupts whatever
    reuses it.

    ## Example
    ```c
    KSTART_ROUTINE Worker;
    VOID Worker(PVOID Context) { *(PULONG)Context = 1; }

    VOID StartWorker(VOID)
    {
        HANDLE thread;
        PULONG context = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(ULONG), 'krwT');
        if (context == NULL) {
            return;
        }
        if (NT_SUCCESS(PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, context))) {
            ZwClose(thread);
        }
        ExFreePoolWithTag(context, 'krwT');
    }
    ```

    Use instead:
    ```c
    KSTART_ROUTINE Worker;
    VOID Worker(PVOID Context) { *(PULONG)Context = 1; ExFreePoolWithTag(Context, 'krwT'); }

    VOID StartWorker(VOID)
    {
        HANDLE thread;
        PULONG context = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(ULONG), 'krwT');
        if (context == NULL) {
            return;
        }
        if (NT_SUCCESS(PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, context))) {
            ZwClose(thread);
        } else {
            ExFreePoolWithTag(context, 'krwT');
        }
    }
    ```

    ## Limitations
    Only frees in the creating function, of the same variable or field that was passed, are
    seen. Any wait between the creation and the free counts as waiting for the thread.

    ## References
    - PsCreateSystemThread function (wdm.h), WDK documentation (StartContext)
    """

    id = "KD206"
    name = "thread-start-context-freed"
    severity = Severity.ERROR
    precision = "high"
    tags = ("correctness", "security", "external/cwe/cwe-416")
    security_severity = "7.5"

    def check_function(self, fn, ctx) -> None:
        for c in creations_in(fn):
            for node, flow in c.fate().early_frees[:1]:
                ctx.report(self, node,
                           f"StartContext '{source_text(c.arg(6))}' is freed here while the thread "
                           f"created on line {c.cursor.location.line} may still use it",
                           code_flow=flow_steps(ctx, flow))
