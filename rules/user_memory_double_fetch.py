"""KD403: the same user-mode location is read twice on a path (double fetch)."""
from __future__ import annotations

from kdlint.model.address_space import expr_text, flow_steps, origin_phrase, user_memory
from kdlint.model.user_queries import double_fetches
from kdlint.rule import Rule, Severity


class UserMemoryDoubleFetch(Rule):
    """A user-mode location is read again after it was already read (double fetch).

    ## What it does
    Flags a read of a field of user memory (`p->Length`, `*p`, `p[2]` where `p` is a user-mode
    pointer, see KD401) when the same location was already read earlier on the same path, in a
    different statement — typically a length validated and then read again for the copy or the
    allocation.

    ## Why is this bad?
    User memory belongs to the calling process: another of its threads can change the value
    between the two reads. The check passes on the first value and the copy uses the second, so
    the driver overflows its buffer or reads past the caller's (time-of-check/time-of-use,
    CWE-367). Capture the value once into a local (or copy the whole structure into kernel memory)
    and use only the copy.

    ## Example
    ```c
    typedef struct _IN { ULONG Length; UCHAR Data[1]; } IN_T, *PIN_T;
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    PIN_T in = sp->Parameters.DeviceIoControl.Type3InputBuffer;
    UCHAR buffer[64];
    __try {
        ProbeForRead(in, sizeof(IN_T) + 64, 1);
        if (in->Length <= sizeof(buffer))
            RtlCopyMemory(buffer, in->Data, in->Length);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
    }
    ```

    Use instead:
    ```c
    typedef struct _IN { ULONG Length; UCHAR Data[1]; } IN_T, *PIN_T;
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    PIN_T in = sp->Parameters.DeviceIoControl.Type3InputBuffer;
    UCHAR buffer[64];
    ULONG length;
    __try {
        ProbeForRead(in, sizeof(IN_T) + 64, 1);
        length = in->Length;
        if (length <= sizeof(buffer))
            RtlCopyMemory(buffer, in->Data, length);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
    }
    ```

    ## Limitations
    Locations are fields at constant offsets; elements at a variable index are not compared.
    Reads inside one statement, and a loop re-reading its own statement, are not reported.

    ## References
    - Errors in Referencing User-Space Addresses (Windows kernel-mode guidance)
    - Static Driver Verifier rule DoubleFetch
    - CWE-367: Time-of-check Time-of-use Race Condition
    """

    id = "KD403"
    name = "user-memory-double-fetch"
    severity = Severity.WARNING
    precision = "high"
    tags = ("security", "external/cwe/cwe-367")
    security_severity = "7.0"

    def check_function(self, fn, ctx) -> None:
        um = user_memory(fn)
        seen = set()
        for df in double_fetches(um):
            acc = df.access
            if id(acc.expr) in seen:
                continue
            seen.add(id(acc.expr))
            text = expr_text(acc.expr)
            line = df.first.location.line
            ctx.report(self, acc.expr,
                       f"'{text}' was already read from user memory on line {line}; the caller "
                       f"can change it in between ({origin_phrase(df.source)}): read it once "
                       f"into a local and use the copy",
                       code_flow=flow_steps(ctx, df.source, acc.expr, "read again here",
                                            extra=[(df.first, "first read")]))
