"""KD407: an IOCTL buffer is used as a structure before its length is checked."""
from __future__ import annotations

from kdlint.model.address_space import METHOD_NAMES, expr_text, flow_steps, user_memory
from kdlint.model.user_queries import unvalidated_buffer_uses
from kdlint.rule import Rule, Severity

LENGTH_NAMES = {"in": "InputBufferLength", "out": "OutputBufferLength"}


class IoctlBufferLengthNotValidated(Rule):
    """An IOCTL buffer is read or written as a structure before its length is checked.

    ## What it does
    On a path where the IOCTL is known (a `case` of a `switch` on `IoControlCode` or
    `FsControlCode`, here or in a caller), flags a read of the METHOD_BUFFERED system buffer as a
    structure (`((PFOO)Irp->AssociatedIrp.SystemBuffer)->Field`, or through a local `PFOO`), or a
    write into it, when neither `InputBufferLength` nor `OutputBufferLength` was checked to be at
    least the bytes accessed (the system buffer is as large as the larger of the two). A METHOD_NEITHER buffer probed with the IOCTL's own
    length gets the same check. A length passed to a helper or compared with a non-constant is
    taken as checked.

    ## Why is this bad?
    The I/O manager allocates the system buffer with the sizes the caller chose. Reading a
    structure out of a 1-byte input reads past the buffer into other pool allocations
    (information disclosure, or a crash); writing a structure into a short output buffer
    corrupts the pool (CWE-787). A METHOD_NEITHER buffer probed for `InputBufferLength` bytes
    is only valid for that many.

    ## Example
    ```c
    typedef struct _QUERY { ULONG Id; ULONG Flags; } QUERY, *PQUERY;

    ULONG QueryId(PIRP Irp)
    {
        PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
        PQUERY query = Irp->AssociatedIrp.SystemBuffer;
        ULONG id = 0;
        switch (sp->Parameters.DeviceIoControl.IoControlCode) {
        case CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_BUFFERED, FILE_ANY_ACCESS):
            id = query->Id;
            break;
        }
        return id;
    }
    ```

    Use instead:
    ```c
    typedef struct _QUERY { ULONG Id; ULONG Flags; } QUERY, *PQUERY;

    ULONG QueryId(PIRP Irp)
    {
        PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
        PQUERY query = Irp->AssociatedIrp.SystemBuffer;
        ULONG id = 0;
        switch (sp->Parameters.DeviceIoControl.IoControlCode) {
        case CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_BUFFERED, FILE_ANY_ACCESS):
            if (sp->Parameters.DeviceIoControl.InputBufferLength < sizeof(QUERY))
                break;
            id = query->Id;
            break;
        }
        return id;
    }
    ```

    ## Limitations
    Variable-length structures (a header followed by `Count` elements) are checked only for
    their fixed part. Accesses at a variable offset are not checked. Paths where the IOCTL is not
    known (the system buffer of other major functions) are not checked.

    ## References
    - Failure to Check the Size of Buffers (Windows kernel-mode guidance)
    - Buffer Descriptions for I/O Control Codes (WDK documentation)
    - CWE-1284: Improper Validation of Specified Quantity in Input; CWE-20
    """

    id = "KD407"
    name = "ioctl-buffer-length-not-validated"
    severity = Severity.ERROR
    precision = "high"
    tags = ("security", "external/cwe/cwe-1284", "external/cwe/cwe-20")
    security_severity = "7.8"

    def check_function(self, fn, ctx) -> None:
        um = user_memory(fn)
        seen = set()
        for use in unvalidated_buffer_uses(um):
            acc = use.access
            if id(acc.expr) in seen:
                continue
            seen.add(id(acc.expr))
            name = LENGTH_NAMES[use.length]
            what = "written to" if acc.write else "read from"
            buffer = "the system buffer" if use.source.kind == "sysbuf" else f"'{expr_text(acc.pointer)}'"
            if use.source.kind == "sysbuf":
                name = "neither InputBufferLength nor OutputBufferLength"
                checked = (f"the buffer is only known to hold {use.bound} bytes"
                           if use.bound is not None else f"{name} is checked on this path")
            else:
                checked = (f"{name} is only known to be at least {use.bound}"
                           if use.bound is not None else f"{name} is not checked on this path")
            method = ""
            extra = []
            if use.state.ioctl is not None:
                method = f" ({METHOD_NAMES.get(use.state.ioctl[0] & 3, '')} IOCTL)"
                if use.state.ioctl[1] is not None:
                    extra.append((use.state.ioctl[1], "IOCTL case"))
            ctx.report(self, acc.expr,
                       f"{acc.size.value} bytes are {what} {buffer}{method} but {checked}",
                       code_flow=flow_steps(ctx, use.source, acc.expr, f"{acc.size.value} bytes "
                                            f"{what} the buffer", extra=extra))
