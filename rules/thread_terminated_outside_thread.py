"""KD207: PsTerminateSystemThread is reached from code that is not a driver-created thread."""
from __future__ import annotations

from kdlint.model.threads import chain_steps, thread_model
from kdlint.results import Step
from kdlint.rule import Rule, Severity


class ThreadTerminatedOutsideThread(Rule):
    """PsTerminateSystemThread is called from code that does not run in a thread the driver created.

    ## What it does
    Flags a call to `PsTerminateSystemThread` in a function that is reached (directly or through
    the file's helpers) from a routine that is not a driver-created thread: DriverEntry, a
    dispatch routine, DriverUnload, AddDevice, StartIo, a completion, cancel, DPC, timer, ISR,
    CSQ or work-item routine. Calls in a `KSTART_ROUTINE` (a routine passed to
    `PsCreateSystemThread` or declared as one) and in helpers only such routines call are fine;
    a function nobody in the file calls and without a role is not judged.

    ## Why is this bad?
    `PsTerminateSystemThread` terminates the *calling* thread. Called from DriverEntry or a
    dispatch routine it tries to end a system worker or a user's thread that the driver does
    not own ("the driver must not terminate any threads that the system or other drivers
    created"): it fails with an error status for a user thread (and the code after it, assumed
    unreachable, runs), or kills a system worker thread that others rely on. From a work item it
    ends a thread of the system's worker pool.

    ## Example
    ```c
    DRIVER_DISPATCH DispatchClose;
    NTSTATUS DispatchClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        UNREFERENCED_PARAMETER(DeviceObject);
        Irp->IoStatus.Status = STATUS_SUCCESS;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        PsTerminateSystemThread(STATUS_SUCCESS);
        return STATUS_SUCCESS;
    }
    ```

    Use instead:
    ```c
    KSTART_ROUTINE Worker;
    VOID Worker(PVOID Context)
    {
        UNREFERENCED_PARAMETER(Context);
        PsTerminateSystemThread(STATUS_SUCCESS);
    }
    ```

    ## Limitations
    Roles and callers come from one file; a helper called only from another file is not judged.

    ## References
    - PsTerminateSystemThread function (wdm.h), WDK documentation
    """

    id = "KD207"
    name = "thread-terminated-outside-thread"
    severity = Severity.ERROR
    precision = "high"
    tags = ("correctness", "reliability")

    def check_function(self, fn, ctx) -> None:
        calls = fn.calls_to("PsTerminateSystemThread")
        if not calls:
            return
        model = thread_model(fn)
        chain = model.non_thread_chain(fn.name)
        if chain is None:
            return
        root = chain[0][0]
        label = model.role_label(root)
        if root == fn.name:
            where = f"{fn.name} is not a thread the driver created (it is the driver's {label})"
        else:
            where = f"{fn.name} is called from {label} {root}, which is not a thread the driver created"
        call = calls[0]
        flow = chain_steps(ctx, model, chain)
        flow.append(Step(ctx.span(call.cursor), "PsTerminateSystemThread ends the calling thread"))
        ctx.report(self, call.cursor,
                   f"PsTerminateSystemThread terminates the calling thread, but {where}",
                   code_flow=flow)
