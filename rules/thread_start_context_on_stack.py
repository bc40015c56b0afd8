"""KD205: StartContext points into the creator's stack frame, which ends before the thread does."""
from __future__ import annotations

from kdlint.cursors import source_text
from kdlint.model.threads import creations_in, flow_steps
from kdlint.rule import Rule, Severity


class ThreadStartContextOnStack(Rule):
    """StartContext points at the creating function's stack, and the function may return before the thread is done.

    ## What it does
    Flags `PsCreateSystemThread` whose `StartContext` is the address of a local variable (or of
    a field or element of one) of the creating function, when some path on which the thread was
    created returns without first waiting (`KeWaitForSingleObject` on the thread or on a
    handshake event, `ZwWaitForSingleObject` on the handle, or a helper of the file that waits
    on every path).

    ## Why is this bad?
    The new thread starts whenever the scheduler runs it, often after the creating function has
    returned and its frame has been reused by other calls. The thread then reads (and maybe
    writes) whatever now occupies that stack memory: corrupted state, or another routine's
    locals overwritten. The context must live in pool, a device extension or a global until the
    thread has stopped using it; or the creator must wait for the thread (or for an event the
    thread sets once it has copied what it needs).

    ## Example
    ```c
    typedef struct _WORK { ULONG Count; } WORK;
    KSTART_ROUTINE Worker;
    VOID Worker(PVOID Context) { ((WORK *)Context)->Count++; }

    VOID StartWorker(VOID)
    {
        HANDLE thread;
        WORK work = { 0 };
        if (NT_SUCCESS(PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, &work))) {
            ZwClose(thread);
        }
    }
    ```

    Use instead:
    ```c
    typedef struct _WORK { ULONG Count; } WORK;
    KSTART_ROUTINE Worker;
    VOID Worker(PVOID Context) { ((WORK *)Context)->Count++; }

    VOID StartWorker(VOID)
    {
        HANDLE thread;
        WORK work = { 0 };
        if (NT_SUCCESS(PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, &work))) {
            ZwWaitForSingleObject(thread, FALSE, NULL);
            ZwClose(thread);
        }
    }
    ```

    ## Limitations
    Any wait after the creation counts as waiting for the thread (a handshake event is a valid
    pattern); kdlint does not check which object is waited on. A pointer variable that holds the
    address of a local is not followed.

    ## References
    - PsCreateSystemThread function (wdm.h), WDK documentation (StartContext)
    - KSTART_ROUTINE callback function (wdm.h), WDK documentation
    """

    id = "KD205"
    name = "thread-start-context-on-stack"
    severity = Severity.ERROR
    precision = "high"
    tags = ("correctness", "security", "external/cwe/cwe-562")
    security_severity = "7.0"

    def check_function(self, fn, ctx) -> None:
        for c in creations_in(fn):
            if c.context_storage != "stack":
                continue
            returns = c.fate().unwaited_returns
            if not returns:
                continue
            ctx.report(self, c.arg(6),
                       f"StartContext '{source_text(c.arg(6))}' is on {fn.name}'s stack, and "
                       f"{fn.name} may return before the thread is done with it",
                       code_flow=flow_steps(ctx, returns[0]))
