"""KD404: a handle chosen by the caller is referenced with AccessMode KernelMode."""
from __future__ import annotations

from kdlint.model.address_space import expr_text, flow_steps, is_null, user_memory
from kdlint.model.modes import Mode, mode_of
from kdlint.model.user_queries import calls_with_state
from kdlint.rule import Rule, Severity

ROUTINES = ("ObReferenceObjectByHandle", "ObReferenceObjectByHandleWithTag")


class UserHandleReferencedInKernelMode(Rule):
    """A handle taken from the caller's buffer is referenced with `KernelMode` or without a type.

    ## What it does
    Flags `ObReferenceObjectByHandle(Handle, Access, ObjectType, AccessMode, ...)` (and
    `...WithTag`) where `Handle` was read out of a user-controlled buffer (Type3InputBuffer, a
    METHOD_BUFFERED system buffer, a captured copy, or a helper parameter fed from one) and
    `AccessMode` is `KernelMode`, or `ObjectType` is NULL. Paths where the caller is known to be
    in kernel mode are not flagged.

    ## Why is this bad?
    With `AccessMode` `KernelMode` the object manager skips the access check and accepts
    kernel handles: a user-mode caller can name a handle it has no right to — or a kernel handle
    of the System process — and the driver operates on that object with full rights. With a NULL
    `ObjectType` any kind of object is accepted and the driver then treats, say, a process as a
    file object. Pass `Irp->RequestorMode` (or `ExGetPreviousMode()`) and the expected object
    type.

    ## Example
    ```c
    HANDLE handle = *(PHANDLE)Irp->AssociatedIrp.SystemBuffer;
    PVOID object;
    NTSTATUS status = ObReferenceObjectByHandle(handle, EVENT_MODIFY_STATE, *ExEventObjectType,
                                                KernelMode, &object, NULL);
    ```

    Use instead:
    ```c
    HANDLE handle = *(PHANDLE)Irp->AssociatedIrp.SystemBuffer;
    PVOID object;
    NTSTATUS status = ObReferenceObjectByHandle(handle, EVENT_MODIFY_STATE, *ExEventObjectType,
                                                Irp->RequestorMode, &object, NULL);
    ```

    ## Limitations
    Handles the driver created itself and handles passed through other files are not followed.

    ## References
    - Failure to Validate Object Handles (Windows kernel-mode guidance)
    - ObReferenceObjectByHandle (WDK documentation)
    - Code Analysis for Drivers warning C28126
    - CWE-269: Improper Privilege Management
    """

    id = "KD404"
    name = "user-handle-referenced-in-kernel-mode"
    severity = Severity.ERROR
    precision = "high"
    tags = ("security", "external/cwe/cwe-269")
    security_severity = "8.8"

    def check_function(self, fn, ctx) -> None:
        um = user_memory(fn)
        for call, state in calls_with_state(um, *ROUTINES):
            if state.mode == "kernel" or len(call.args) < 4:
                continue
            # a pointer-sized value read from user memory is a handle here, whatever its type
            handle = next((s for s in um.value(call.args[0], state) if s.kind in ("handle", "nested")), None)
            if handle is None:
                continue
            text = expr_text(call.args[0])
            flow = flow_steps(ctx, handle, call.cursor, f"referenced by {call.name}")
            if mode_of(call.args[3], fn.cursor) == Mode.KERNEL:
                ctx.report(self, call.args[3],
                           f"'{text}' is a handle chosen by the caller but {call.name} references "
                           f"it with KernelMode, which skips the access check and accepts kernel "
                           f"handles; pass Irp->RequestorMode", code_flow=flow)
            elif is_null(call.args[2]):
                ctx.report(self, call.args[2],
                           f"'{text}' is a handle chosen by the caller but {call.name} is given "
                           f"no ObjectType, so any kind of object is accepted; pass the "
                           f"expected type (*ExEventObjectType, *IoFileObjectType, ...)",
                           code_flow=flow, level="warning")
