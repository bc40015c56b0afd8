"""KD209: PsCreateSystemThread with a ProcessHandle (or ClientId) for a driver thread."""
from __future__ import annotations

from kdlint.cursors import source_text
from kdlint.model.threads import creations_in, user_context_flow
from kdlint.rule import Rule, Severity


class ThreadCreatedInCallerProcess(Rule):
    """A driver thread is created with a non-NULL ProcessHandle (or ClientId).

    ## What it does
    Flags `PsCreateSystemThread` whose `ProcessHandle` is not NULL — most often
    `NtCurrentProcess()` — and, at note level, whose `ClientId` is not NULL. It is reported as an
    error when the creating function can be reached from a routine that runs in an arbitrary
    process context (a dispatch routine other than PnP/power, StartIo, completion, cancel, DPC,
    timer, CSQ), where the current process is whichever user process sent the request.

    ## Why is this bad?
    "For a driver-created thread, this value should be NULL" (PsCreateSystemThread). With a
    process handle the thread is created in *that* process: from a dispatch routine, in the
    calling application. The thread then lives in a user address space the application controls,
    dies or is frozen with that process, and can be tampered with by it; a handle or pointer it
    uses from the user's address space is not the driver's. A NULL `ProcessHandle` creates the
    thread in the system process, where driver threads belong. `ClientId` is harmless but the
    documentation asks for NULL as well.

    ## Example
    ```c
    KSTART_ROUTINE Worker;
    VOID Worker(PVOID Context) { UNREFERENCED_PARAMETER(Context); }

    VOID StartWorker(VOID)
    {
        HANDLE thread;
        if (NT_SUCCESS(PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NtCurrentProcess(), NULL, Worker, NULL))) {
            ZwClose(thread);
        }
    }
    ```

    Use instead:
    ```c
    KSTART_ROUTINE Worker;
    VOID Worker(PVOID Context) { UNREFERENCED_PARAMETER(Context); }

    VOID StartWorker(VOID)
    {
        HANDLE thread;
        if (NT_SUCCESS(PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL))) {
            ZwClose(thread);
        }
    }
    ```

    ## Limitations
    Whether the code can run in a user process is decided over the call graph of one file.

    ## References
    - PsCreateSystemThread function (wdm.h), WDK documentation (ProcessHandle, ClientId)
    """

    id = "KD209"
    name = "thread-created-in-caller-process"
    severity = Severity.WARNING
    precision = "high"
    tags = ("security", "correctness")
    security_severity = "6.0"

    def check_function(self, fn, ctx) -> None:
        for c in creations_in(fn):
            if c.process in ("current", "other"):
                text = source_text(c.arg(3))
                found = user_context_flow(ctx, c, f"{c.call.name} with ProcessHandle {text}") \
                    if c.process == "current" else None
                if found is not None:
                    root, flow = found
                    ctx.report(self, c.arg(3),
                               f"ProcessHandle {text} creates the thread in the current process, "
                               f"and {fn.name} can run in the calling user process's context "
                               f"(reached from {root}); pass NULL", code_flow=flow, level="error")
                else:
                    ctx.report(self, c.arg(3),
                               f"ProcessHandle {text} is not NULL: the thread is created in that "
                               f"process instead of the system process; for a driver thread pass NULL")
            if c.client_id_null is False:
                ctx.report(self, c.arg(4),
                           f"ClientId {source_text(c.arg(4))} is not NULL; for a driver-created "
                           f"thread the documentation asks for NULL", level="note")
