"""KD204: the StartRoutine of PsCreateSystemThread is not a KSTART_ROUTINE (a cast hides it)."""
from __future__ import annotations

from kdlint.model.threads import creations_in
from kdlint.results import Step
from kdlint.rule import Rule, Severity


class ThreadStartRoutineWrongType(Rule):
    """The StartRoutine passed to PsCreateSystemThread does not have the KSTART_ROUTINE type.

    ## What it does
    Resolves the `StartRoutine` argument of `PsCreateSystemThread` to the function it names
    (through casts, `&F`) and compares the function's declared type with `KSTART_ROUTINE`,
    `VOID (PVOID StartContext)`. It flags a function that takes more than one parameter, or one
    parameter that is not passed like a pointer (an `int`, a `ULONG`, a structure) — the thread
    then reads registers or stack the kernel never set — and, at warning level, a function that
    returns a value. Such a call compiles only with a cast (`(PKSTART_ROUTINE)F`), which is what
    hides the mismatch. A single pointer parameter of another pointer type (`PDEVICE_EXTENSION`)
    is passed exactly like `PVOID` and is not flagged, and neither is the calling convention,
    which x64 and ARM64 ignore.

    ## Why is this bad?
    The kernel calls the routine with one argument, `StartContext`. A second parameter holds
    garbage; a non-pointer first parameter is truncated or read from the wrong place. A return
    value is silently discarded: returning an NTSTATUS does not set the thread's exit status
    (only `PsTerminateSystemThread(Status)` does), so code that "returns the error" misleads its
    readers. Declaring the routine as `KSTART_ROUTINE Worker;` lets the compiler and Code
    Analysis check it, and gives kdlint the thread role (entry at PASSIVE_LEVEL).

    ## Example
    ```c
    NTSTATUS Worker(PVOID Context, ULONG Flags) { UNREFERENCED_PARAMETER(Context); return Flags; }

    VOID StartWorker(VOID)
    {
        HANDLE thread;
        if (NT_SUCCESS(PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NULL, NULL, (PKSTART_ROUTINE)Worker, NULL))) {
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
    A routine reached through a function-pointer variable or structure field is not resolved.
    On 32-bit x86 a `__fastcall` or `__cdecl` routine cast to the `__stdcall` type would also
    be wrong; kdlint analyses for x64 and does not check calling conventions.

    ## References
    - KSTART_ROUTINE callback function (wdm.h), WDK documentation
    - C28127 / C28165, Code Analysis for Drivers (function type mismatches)
    """

    id = "KD204"
    name = "thread-start-routine-wrong-type"
    severity = Severity.ERROR
    precision = "very-high"
    tags = ("correctness",)

    def check_function(self, fn, ctx) -> None:
        for c in creations_in(fn):
            info = c.routine
            if info.name is None or not info.problems:
                continue
            decl = info.decl
            related = [Step(ctx.span(decl), f"{info.name} is declared here")] \
                if decl is not None and decl.location.file is not None else []
            cast = f" (the cast to {info.cast} hides it)" if info.cast else ""
            ctx.report(self, c.arg(5),
                       f"StartRoutine {info.name} {' and '.join(info.problems)}, but the kernel "
                       f"calls a KSTART_ROUTINE, VOID (PVOID StartContext){cast}",
                       related=related, level=None if info.severe else "warning")
