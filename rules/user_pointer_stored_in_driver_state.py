"""KD413: a user-mode address is stored where it outlives the request."""
from __future__ import annotations

from kdlint.model.address_space import expr_text, flow_steps, origin_phrase, user_memory
from kdlint.model.user_queries import user_pointer_stores
from kdlint.rule import Rule, Severity


class UserPointerStoredInDriverState(Rule):
    """A user-mode address is saved in a global or the device extension.

    ## What it does
    Flags an assignment that stores a user-mode address (see KD401: `Type3InputBuffer`, a
    METHOD_NEITHER `Irp->UserBuffer`, a pointer read out of a user-controlled buffer, or such a
    pointer handed to a helper or returned by one) into a global or static variable or into the
    device extension (`DeviceObject->DeviceExtension`, or a pointer to a `*DEVICE_EXTENSION`
    structure). Only values that are user addresses on every path are flagged, and not on paths
    where the caller is known to be in kernel mode.

    ## Why is this bad?
    A user address means something only in the address space of the process that sent the
    request, and only while that process keeps the memory mapped. Driver state outlives the
    request: the later use runs in a DPC, a work item, a system thread or another process's
    request, where the same address names some other process's memory or nothing at all. Keep
    a kernel view instead: lock the pages with an MDL (`IoAllocateMdl` +
    `MmProbeAndLockPages` inside `__try`) and store the MDL or its system-space mapping, or
    copy the data into pool.

    ## Example
    ```c
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    *(PVOID *)DeviceObject->DeviceExtension = sp->Parameters.DeviceIoControl.Type3InputBuffer;
    ```

    Use instead:
    ```c
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    PMDL mdl = IoAllocateMdl(sp->Parameters.DeviceIoControl.Type3InputBuffer,
                             sp->Parameters.DeviceIoControl.InputBufferLength, FALSE, FALSE, NULL);
    *(PMDL *)DeviceObject->DeviceExtension = mdl;
    ```

    ## Limitations
    Per-request structures (an IRP context allocated for the request) are not driver state and
    are not checked, even when they are queued and used later. A device extension is recognised
    by `DeviceObject->DeviceExtension` in the function or by its structure's name.

    ## References
    - Handling User-Space Addresses / Using Neither Buffered nor Direct I/O (WDK documentation)
    - Driver Thread Context (WDK documentation)
    - CWE-822: Untrusted Pointer Dereference
    """

    id = "KD413"
    name = "user-pointer-stored-in-driver-state"
    severity = Severity.WARNING
    precision = "medium"
    tags = ("security", "reliability", "external/cwe/cwe-822")
    security_severity = "7.0"

    def check_function(self, fn, ctx) -> None:
        um = user_memory(fn)
        for st in user_pointer_stores(um):
            ctx.report(self, st.node,
                       f"'{expr_text(st.target)}' in {st.where} keeps "
                       f"{origin_phrase(st.source)} beyond the request: later uses run in another "
                       f"process's context or after the caller unmapped it",
                       code_flow=flow_steps(ctx, st.source, st.node, f"stored in {st.where}"))
