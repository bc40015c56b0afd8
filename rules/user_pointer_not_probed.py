"""KD401: a user-mode pointer is dereferenced or copied without a probe of sufficient length."""
from __future__ import annotations

from kdlint.model.address_space import expr_text, flow_steps, origin_phrase, user_memory
from kdlint.rule import Rule, Severity


class UserPointerNotProbed(Rule):
    """A user-mode address is read or written with no probe covering the bytes accessed.

    ## What it does
    Follows pointer values that come from user mode — `Type3InputBuffer`, `Irp->UserBuffer` of a
    `METHOD_NEITHER` IOCTL (decoded from the `case` label's `CTL_CODE`), pointers read out of any
    user-controlled buffer (including the contents of a METHOD_BUFFERED `SystemBuffer`), and
    parameters of helpers that callers in the file pass such pointers — and flags a dereference,
    or a `RtlCopyMemory`/`memcpy`/`RtlCompareMemory` of it, that is not preceded on every path by
    `ProbeForRead`/`ProbeForWrite` (or `ProbeAndRead*`) of that pointer, or whose probe covers
    fewer bytes than the access needs (`ProbeForRead(p, sizeof(ULONG), 1)` then `p->Field` at
    offset 8). A path on which the caller is known to be in kernel mode (`if
    (Irp->RequestorMode != KernelMode)`, `ExGetPreviousMode() == KernelMode`) needs no probe.

    ## Why is this bad?
    A user-mode caller chooses the address. Without a probe it can pass a *kernel* address, and
    the driver then reads or overwrites kernel memory on the caller's behalf — the classic
    privilege escalation (CWE-822). A probe that covers only the first bytes of a structure
    leaves the rest of it unchecked: the caller puts the structure at the end of user space so
    that the later fields are kernel memory.

    ## Example
    ```c
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    PULONG in = sp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG value = 0;
    __try {
        value = *in;
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        value = 0;
    }
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
    A probe whose length is not a constant (`ProbeForRead(p, InputBufferLength, 1)`) is taken
    as covering the access; KD407 checks that such lengths were validated. Pointers returned by
    helpers of the same file carry their sources and the probes the helper made (on every
    path that returns them, kernel-mode paths aside); helpers in other files are not followed. `Irp->UserBuffer` is treated as user memory where the IOCTL's
    method is known to be `METHOD_NEITHER`, and in IRP_MJ_READ/IRP_MJ_WRITE dispatch routines of
    a file whose device objects never get DO_BUFFERED_IO or DO_DIRECT_IO; the latter counts as
    probed (NtReadFile/NtWriteFile probe it for the request's length), so only KD402/KD403 apply
    to it. File systems' `Irp->UserBuffer` (directory control, query information) is not a
    source.

    ## References
    - Errors in Referencing User-Space Addresses (Windows kernel-mode guidance)
    - Using Neither Buffered Nor Direct I/O (WDK documentation)
    - ProbeForRead, ProbeForWrite (WDK documentation)
    - CWE-822: Untrusted Pointer Dereference
    """

    id = "KD401"
    name = "user-pointer-not-probed"
    severity = Severity.ERROR
    precision = "high"
    tags = ("security", "external/cwe/cwe-822")
    security_severity = "8.8"

    def check_function(self, fn, ctx) -> None:
        um = user_memory(fn)
        for ua in um.user_accesses():
            acc, src = ua.access, ua.source
            ptr = expr_text(acc.pointer)
            if ua.probe is None:
                if acc.routine:
                    verb = "copies to" if acc.write else "copies from"
                    if acc.routine in ("memcmp", "RtlCompareMemory", "RtlEqualMemory"):
                        verb = "compares"
                    msg = (f"{acc.routine} {verb} '{ptr}', {origin_phrase(src)}, which is not "
                           f"probed on this path; call ProbeForRead/ProbeForWrite on it inside "
                           f"__try/__except first")
                else:
                    what = "written" if acc.write else "read"
                    msg = (f"'{ptr}' is {origin_phrase(src)} and is {what} here but not probed "
                           f"on this path; call ProbeForRead/ProbeForWrite on it inside "
                           f"__try/__except first")
                ctx.report(self, acc.expr, msg, code_flow=flow_steps(ctx, src, acc.expr,
                                                                    "accessed without a probe"))
            elif ua.short:
                length, probe = ua.probe
                msg = (f"the probe covers {length.value} bytes of '{ptr}' (line "
                       f"{probe.location.line}) but this access needs {acc.size.value}; "
                       f"probe the whole structure")
                ctx.report(self, acc.expr, msg, code_flow=flow_steps(
                    ctx, src, acc.expr, "accessed beyond the probed range",
                    extra=[(probe, f"probes only {length.value} bytes")]))
