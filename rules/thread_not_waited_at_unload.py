"""KD208: a driver thread is kept for later, but nothing in the file waits for it to exit."""
from __future__ import annotations

from kdlint.model.threads import creations_in, thread_model
from kdlint.results import Span, Step
from kdlint.rule import Rule, Severity


class ThreadNotWaitedAtUnload(Rule):
    """A driver-created thread is never waited for, though the driver has an unload routine.

    ## What it does
    For each `PsCreateSystemThread` in a file that also defines the driver's unload routine,
    finds where the thread is kept: the field or global that receives the handle, or the thread
    object from `ObReferenceObjectByHandle` (also through a local copied into a field). When no
    function of the file waits on that field or global (`KeWaitForSingleObject` /
    `KeWaitForMultipleObjects` on the object, `ZwWaitForSingleObject` on the handle, directly or
    in a helper), the creation is flagged: DriverUnload (and the remove-device path) cannot be
    making sure the thread has exited.

    ## Why is this bad?
    The driver image is unmapped after DriverUnload returns. A thread still running driver code
    — even just returning from its last `KeSetEvent` — then executes freed memory and bug-checks
    the machine, typically minutes later and far from the cause. Device-dedicated threads must
    be told to exit (an event or flag) and then waited for on the thread object before the
    driver frees what they use and returns from unload. Closing the thread handle does not stop
    the thread.

    ## Example
    ```c
    typedef struct _GLOBALS { PKTHREAD Thread; KEVENT Stop; } GLOBALS;
    GLOBALS Globals;
    KSTART_ROUTINE Worker;
    VOID Worker(PVOID Context)
    {
        UNREFERENCED_PARAMETER(Context);
        KeWaitForSingleObject(&Globals.Stop, Executive, KernelMode, FALSE, NULL);
        PsTerminateSystemThread(STATUS_SUCCESS);
    }
    DRIVER_UNLOAD Unload;
    VOID Unload(PDRIVER_OBJECT DriverObject)
    {
        UNREFERENCED_PARAMETER(DriverObject);
        KeSetEvent(&Globals.Stop, IO_NO_INCREMENT, FALSE);
        ObDereferenceObject(Globals.Thread);
    }
    NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
    {
        HANDLE thread;
        NTSTATUS status;
        UNREFERENCED_PARAMETER(RegistryPath);
        KeInitializeEvent(&Globals.Stop, NotificationEvent, FALSE);
        status = PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
        if (!NT_SUCCESS(status)) {
            return status;
        }
        ObReferenceObjectByHandle(thread, THREAD_ALL_ACCESS, NULL, KernelMode, (PVOID *)&Globals.Thread, NULL);
        ZwClose(thread);
        DriverObject->DriverUnload = Unload;
        return STATUS_SUCCESS;
    }
    ```

    Use instead:
    ```c
    typedef struct _GLOBALS { PKTHREAD Thread; KEVENT Stop; } GLOBALS;
    GLOBALS Globals;
    KSTART_ROUTINE Worker;
    VOID Worker(PVOID Context)
    {
        UNREFERENCED_PARAMETER(Context);
        KeWaitForSingleObject(&Globals.Stop, Executive, KernelMode, FALSE, NULL);
        PsTerminateSystemThread(STATUS_SUCCESS);
    }
    DRIVER_UNLOAD Unload;
    VOID Unload(PDRIVER_OBJECT DriverObject)
    {
        UNREFERENCED_PARAMETER(DriverObject);
        KeSetEvent(&Globals.Stop, IO_NO_INCREMENT, FALSE);
        KeWaitForSingleObject(Globals.Thread, Executive, KernelMode, FALSE, NULL);
        ObDereferenceObject(Globals.Thread);
    }
    NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
    {
        HANDLE thread;
        NTSTATUS status;
        UNREFERENCED_PARAMETER(RegistryPath);
        KeInitializeEvent(&Globals.Stop, NotificationEvent, FALSE);
        status = PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
        if (!NT_SUCCESS(status)) {
            return status;
        }
        ObReferenceObjectByHandle(thread, THREAD_ALL_ACCESS, NULL, KernelMode, (PVOID *)&Globals.Thread, NULL);
        ZwClose(thread);
        DriverObject->DriverUnload = Unload;
        return STATUS_SUCCESS;
    }
    ```

    ## Limitations
    Fields are matched by name across functions (`Ext->WorkerThread` in the creator and
    `Context->WorkerThread` in the waiter are the same field). Only files that define the unload
    routine are checked, and a wait anywhere in the file counts (kdlint does not prove the wait
    is reached from unload). Whether the thread is told to exit is not checked. Threads whose
    handle is closed without keeping the object are not reported.

    ## References
    - Device-Dedicated Threads, Windows kernel-mode guidance
    - Releasing Driver-Allocated Resources, Windows kernel-mode guidance
    - PsTerminateSystemThread function (wdm.h), WDK documentation
    """

    id = "KD208"
    name = "thread-not-waited-at-unload"
    severity = Severity.WARNING
    precision = "medium"
    tags = ("reliability",)

    def check_function(self, fn, ctx) -> None:
        found = creations_in(fn)
        if not found:
            return
        model = thread_model(fn)
        unloads = model.unload_routines()
        if not unloads:
            return
        for c in found:
            keys = model.kept_keys(c)
            if not keys or keys & model.waited_keys:
                continue
            unload = model.cg.functions[unloads[0]]
            loc = unload.location
            related = [Step(Span(loc.file.name, loc.line, loc.column, loc.line, loc.column),
                            f"{unloads[0]} is the unload routine")] if loc.file else []
            shown = ", ".join(sorted(keys))
            ctx.report(self, c.cursor,
                       f"the thread created here is kept in '{shown}', but nothing in this file "
                       f"waits on it: {unloads[0]} cannot make sure the thread has exited before "
                       f"the driver is unloaded", related=related)
