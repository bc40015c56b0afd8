"""KD412: a user-mode address is given to a routine that needs kernel memory."""
from __future__ import annotations

from kdlint.model.address_space import expr_text, flow_steps, origin_phrase, user_memory
from kdlint.model.user_queries import user_pointers_to_kernel_routines
from kdlint.rule import Rule, Severity


class UserPointerToKernelRoutine(Rule):
    """A user-mode address is passed where the routine needs a kernel object or pool block.

    ## What it does
    Flags a call that passes a user-mode address (see KD401: `Type3InputBuffer`, a
    METHOD_NEITHER `Irp->UserBuffer`, a pointer read out of a user-controlled buffer, or such a
    pointer handed to a helper or returned by one) as an argument that must be kernel memory:
    the block of `ExFreePool*`, the object of `ObDereferenceObject*` / `ObReferenceObject`, a
    dispatcher object or lock (`KeSetEvent`, `KeWaitForSingleObject`, `KeInitializeEvent`,
    `KeAcquireSpinLock`, fast mutexes, resources, timers, DPCs), an MDL (`IoFreeMdl`,
    `MmUnlockPages`), an IRP (`IoCompleteRequest`, `IoCallDriver`), or a list head / entry
    (`InsertTailList`, `ExInterlocked*List`). Only values that are user addresses on every
    path are flagged, and not on paths where the caller is known to be in kernel mode.

    ## Why is this bad?
    These routines write into the memory they get (wait blocks and list links, lock and
    reference counts) or free it, trusting that it is kernel memory. A pointer chosen by a
    user-mode caller can point anywhere in the kernel — the driver then frees, decrements or
    links memory the attacker picked — and even a genuine user address can be changed or
    unmapped by another thread while the kernel uses it. Probing does not help: a probed
    address is still user memory. Take objects from handles with `ObReferenceObjectByHandle(...,
    Irp->RequestorMode, ...)` and keep dispatcher objects and list entries in pool or the
    device extension.

    ## Example
    ```c
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    PKEVENT event = sp->Parameters.DeviceIoControl.Type3InputBuffer;
    KeSetEvent(event, IO_NO_INCREMENT, FALSE);
    ```

    Use instead:
    ```c
    HANDLE handle = *(PHANDLE)Irp->AssociatedIrp.SystemBuffer;
    PKEVENT event;
    NTSTATUS status = ObReferenceObjectByHandle(handle, EVENT_MODIFY_STATE, *ExEventObjectType,
                                                Irp->RequestorMode, (PVOID *)&event, NULL);
    if (!NT_SUCCESS(status))
        return;
    KeSetEvent(event, IO_NO_INCREMENT, FALSE);
    ObDereferenceObject(event);
    ```

    ## Limitations
    A value that is a user address on some paths and kernel memory on others (a helper that
    returns the system buffer or the caller's buffer) is not flagged. Pointers read from a
    buffer in a routine installed only for kernel-only requests (internal device control) are
    a kernel client's pointers and are not flagged. The plain `InterlockedXxx` intrinsics are
    not listed: on probed user memory inside `__try` they are ordinary user accesses (KD401,
    KD402). Zw* routines are KD405's.

    ## References
    - Handling User-Space Addresses / Errors in Referencing User-Space Addresses (WDK documentation)
    - ObReferenceObjectByHandle (WDK documentation)
    - CWE-822: Untrusted Pointer Dereference
    """

    id = "KD412"
    name = "user-pointer-to-kernel-routine"
    severity = Severity.ERROR
    precision = "high"
    tags = ("security", "external/cwe/cwe-822")
    security_severity = "8.8"

    def check_function(self, fn, ctx) -> None:
        um = user_memory(fn)
        for use in user_pointers_to_kernel_routines(um):
            arg = use.call.args[use.index]
            ctx.report(self, arg,
                       f"{use.call.name} needs kernel memory as argument {use.index + 1}, but "
                       f"'{expr_text(arg)}' is {origin_phrase(use.source)}: the caller chooses "
                       f"where the kernel writes or frees",
                       code_flow=flow_steps(ctx, use.source, arg, f"passed to {use.call.name}"))
