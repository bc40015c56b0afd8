"""KD402: user memory is accessed, probed or locked outside __try/__except."""
from __future__ import annotations

from kdlint.model.address_space import expr_text, flow_steps, origin_phrase, user_memory
from kdlint.model.user_queries import raising_calls_outside_try
from kdlint.rule import Rule, Severity


class UserMemoryOutsideTry(Rule):
    """A user-mode address is accessed, or probed or locked, outside `__try`/`__except`.

    ## What it does
    Flags (1) a read, write or copy through a user-mode pointer (see KD401 for where such
    pointers come from) that is not inside a `__try` block with an `__except` handler, and (2) a
    call to `ProbeForRead`, `ProbeForWrite`, `ProbeAndRead*`, `MmProbeAndLockPages` or
    `MmSecureVirtualMemory` outside such a block. A helper counts as guarded when every call to
    it in the file sits inside a guarded `__try`. Paths on which the caller is known to be in
    kernel mode are not checked for (1).

    ## Why is this bad?
    A probe only checks the address range at one moment: another thread of the caller can
    unmap or protect the pages right after it. Any later access then raises an exception, and a
    probe raises on a bad range by design. Outside `__try/__except` that exception is not
    handled and the system bug-checks (a denial of service any user can trigger). A `__finally`
    alone does not handle the exception.

    ## Example
    ```c
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    PULONG in = sp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG value;
    ProbeForRead(in, sizeof(ULONG), sizeof(ULONG));
    value = *in;
    ```

    Use instead:
    ```c
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    PULONG in = sp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG value = 0;
    __try {
        ProbeForRead(in, sizeof(ULONG), sizeof(ULONG));
        value = *in;
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        value = 0;
    }
    ```

    ## Limitations
    The `__try` is looked up lexically in the function and at the call sites of the function in
    the same file. Probe calls in a function that raises exceptions itself (`ExRaiseStatus`,
    a file system's `XxxRaiseStatus`) are not flagged: such code relies on a handler at the
    driver's entry points, in another function. A function with external linkage and no
    driver role that nothing in its file calls (or that is called here, unguarded, only from
    such functions) is reported at **warning** level, with a note that its callers are in other
    files: a file system's entry points often hold one
    `__try/__except` for every request (the finding then only says the helper depends on it),
    while a device driver's IOCTL helper called from a dispatch routine in another file has no
    handler above it.

    ## References
    - Handling Exceptions; Errors in Referencing User-Space Addresses (Windows kernel-mode guidance)
    - Code Analysis for Drivers warning C28125
    - CWE-248: Uncaught Exception
    """

    id = "KD402"
    name = "user-memory-outside-try"
    severity = Severity.ERROR
    precision = "high"
    tags = ("security", "reliability", "external/cwe/cwe-248")
    security_severity = "6.5"

    def check_function(self, fn, ctx) -> None:
        um = user_memory(fn)
        raising = raising_calls_outside_try(um)
        seen = set()
        accesses = []
        for ua in um.user_accesses():
            if ua.in_try or id(ua.access.expr) in seen:
                continue
            seen.add(id(ua.access.expr))
            accesses.append(ua)
        if not raising and not accesses:
            return  # (the callers' context below is asked for only when there is something)
        # callers only in other files may hold the handler (a file system's entry points):
        # said so, at warning level
        elsewhere = um.context.elsewhere
        level = Severity.WARNING.value if elsewhere else None
        where = (f"; {fn.name}() is reached only from other files (directly or through this "
                 f"file's functions), so this holds unless those calls are inside "
                 f"__try/__except") if elsewhere else ""
        for call in raising:
            ctx.report(self, call.cursor,
                       f"{call.name} raises an exception on a bad address but is not inside "
                       f"__try/__except; an unhandled exception here bug-checks the system"
                       f"{where}", level=level)
        for ua in accesses:
            acc = ua.access
            what = f"{acc.routine} on" if acc.routine else ("write through" if acc.write else "read through")
            ctx.report(self, acc.expr,
                       f"{what} '{expr_text(acc.pointer)}', {origin_phrase(ua.source)}, outside "
                       f"__try/__except: the caller can unmap that memory at any time{where}",
                       code_flow=flow_steps(ctx, ua.source, acc.expr, "accessed outside __try"),
                       level=level)
