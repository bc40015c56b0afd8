"""KD405: a Zw* routine is given a user-mode pointer or a handle chosen by the caller."""
from __future__ import annotations

from kdlint.model.address_space import expr_text, flow_steps, user_memory
from kdlint.model.user_queries import calls_with_state, user_args
from kdlint.rule import Rule, Severity


class ZwCallWithUserMemory(Rule):
    """A `Zw*` routine receives a user-mode pointer or a handle that came from the caller.

    ## What it does
    Flags a call to a `Zw*` routine (`ZwCreateFile`, `ZwOpenKey`, `ZwReadFile`, `ZwClose`, ...)
    with an argument that is a user-mode pointer (see KD401), a structure that holds one (a
    `UNICODE_STRING` built over a user buffer, `OBJECT_ATTRIBUTES` naming it), or a handle read
    out of a user-controlled buffer. Paths on which the caller is known to be in kernel mode are
    not flagged.

    ## Why is this bad?
    A `Zw*` call from a driver enters the system service with previous mode `KernelMode`: the
    service trusts every pointer (no probe) and every handle (no access check, kernel handles
    allowed). Handing it the caller's pointers or handles lets a user-mode program make the
    kernel read or write any address, or act on objects it has no access to. Capture the data
    into kernel memory first, and reference caller handles with `ObReferenceObjectByHandle(...,
    Irp->RequestorMode, ...)`.

    ## Example
    ```c
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES attributes;
    HANDLE key;
    RtlInitUnicodeString(&name, sp->Parameters.DeviceIoControl.Type3InputBuffer);
    InitializeObjectAttributes(&attributes, &name, OBJ_KERNEL_HANDLE, NULL, NULL);
    ZwOpenKey(&key, KEY_READ, &attributes);
    ```

    Use instead:
    ```c
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES attributes;
    HANDLE key;
    RtlInitUnicodeString(&name, L"\\Registry\\Machine\\Software\\Example");
    InitializeObjectAttributes(&attributes, &name, OBJ_KERNEL_HANDLE, NULL, NULL);
    ZwOpenKey(&key, KEY_READ, &attributes);
    ```

    ## Limitations
    Data copied into kernel memory is no longer flagged even if a pointer inside it is passed on
    (KD401 flags that pointer's use).

    ## References
    - Using Nt and Zw Versions of the Native System Services Routines (WDK documentation)
    - PreviousMode (WDK documentation)
    - CWE-822: Untrusted Pointer Dereference
    """

    id = "KD405"
    name = "zw-call-with-user-memory"
    severity = Severity.ERROR
    precision = "high"
    tags = ("security", "external/cwe/cwe-822")
    security_severity = "8.8"
    calls = ()

    def check_function(self, fn, ctx) -> None:
        um = user_memory(fn)
        for call, state in calls_with_state(um, "Zw*"):
            if state.mode == "kernel":
                continue
            for i, src in user_args(um, call, state):
                arg = call.args[i]
                what = ("a handle chosen by the caller" if src.kind == "handle" else
                        "refers to user-mode memory" if src.kind == "contains" else
                        "a user-mode address")
                ctx.report(self, arg,
                           f"{call.name} runs with previous mode KernelMode and trusts its "
                           f"arguments, but argument {i + 1} '{expr_text(arg)}' is {what}",
                           code_flow=flow_steps(ctx, src, arg, f"passed to {call.name}"))
                break
