"""KD203: OBJECT_ATTRIBUTES without OBJ_KERNEL_HANDLE for a thread created in an arbitrary process."""
from __future__ import annotations

from kdlint.model.threads import creations_in, user_context_flow
from kdlint.rule import Rule, Severity


class ThreadAttributesWithoutKernelHandle(Rule):
    """PsCreateSystemThread gets OBJECT_ATTRIBUTES without OBJ_KERNEL_HANDLE in code that can run in a user process.

    ## What it does
    Flags `PsCreateSystemThread` whose `ObjectAttributes` is a local `OBJECT_ATTRIBUTES` set up
    (by `InitializeObjectAttributes` or `RTL_CONSTANT_OBJECT_ATTRIBUTES`) with `Attributes`
    that lack `OBJ_KERNEL_HANDLE`, when the creating function can be reached from a routine that
    runs in an arbitrary process context: a dispatch routine (other than IRP_MJ_PNP/IRP_MJ_POWER
    only), StartIo, a completion, cancel, DPC, timer or CSQ routine. `ObjectAttributes` == NULL
    is not flagged, nor code reached only from DriverEntry, AddDevice, unload, work items and
    system threads (the system process).

    ## Why is this bad?
    The documentation says that on Windows XP and later a caller that is not running in the
    system process context must set `OBJ_KERNEL_HANDLE`. Without it, on systems where the
    handle is not forced into the kernel table, the thread handle lands in the handle table of
    whatever user process sent the request: that process can use or close it, and the driver's
    later `ZwClose` may close some other object of the process. Since Windows Vista the handle is
    always a kernel handle, so this is reported as a note; the flag documents intent and keeps the
    code right for other `Zw*` calls that reuse the same attributes.

    ## Example
    ```c
    KSTART_ROUTINE Worker;
    VOID Worker(PVOID Context) { UNREFERENCED_PARAMETER(Context); }

    DRIVER_DISPATCH DispatchCreate;
    NTSTATUS DispatchCreate(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        HANDLE thread;
        OBJECT_ATTRIBUTES attributes;
        InitializeObjectAttributes(&attributes, NULL, 0, NULL, NULL);
        if (NT_SUCCESS(PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, &attributes, NULL, NULL, Worker, DeviceObject))) {
            ZwClose(thread);
        }
        Irp->IoStatus.Status = STATUS_SUCCESS;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return STATUS_SUCCESS;
    }
    ```

    Use instead:
    ```c
    KSTART_ROUTINE Worker;
    VOID Worker(PVOID Context) { UNREFERENCED_PARAMETER(Context); }

    DRIVER_DISPATCH DispatchCreate;
    NTSTATUS DispatchCreate(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        HANDLE thread;
        OBJECT_ATTRIBUTES attributes;
        InitializeObjectAttributes(&attributes, NULL, OBJ_KERNEL_HANDLE, NULL, NULL);
        if (NT_SUCCESS(PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, &attributes, NULL, NULL, Worker, DeviceObject))) {
            ZwClose(thread);
        }
        Irp->IoStatus.Status = STATUS_SUCCESS;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return STATUS_SUCCESS;
    }
    ```

    ## Limitations
    The attributes are known only for a local structure set up in the creating function with a
    constant `Attributes` value; a structure filled by a helper or passed in is not judged.
    Reachability uses the call graph of one file.

    ## References
    - PsCreateSystemThread function (wdm.h), WDK documentation (ObjectAttributes)
    - Object Handles, Windows kernel-mode guidance
    """

    id = "KD203"
    name = "thread-attributes-without-kernel-handle"
    severity = Severity.NOTE
    precision = "high"
    tags = ("security",)
    security_severity = "3.0"

    def check_function(self, fn, ctx) -> None:
        for c in creations_in(fn):
            state, value = c.attributes
            if state != "no-kernel":
                continue
            found = user_context_flow(ctx, c, f"{c.call.name} with Attributes 0x{value:X}")
            if found is None:
                continue
            root, flow = found
            ctx.report(self, c.arg(2),
                       f"ObjectAttributes lack OBJ_KERNEL_HANDLE (Attributes 0x{value:X}) but "
                       f"{fn.name} can run in a user process's context (reached from {root}); "
                       f"set OBJ_KERNEL_HANDLE", code_flow=flow)
