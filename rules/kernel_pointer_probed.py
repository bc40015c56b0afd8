"""KD409: ProbeForRead/ProbeForWrite is applied to a kernel-mode address."""
from __future__ import annotations

from kdlint.model.address_space import expr_text, user_memory
from kdlint.model.user_queries import calls_with_state, probe_length
from kdlint.rule import Rule, Severity

WHAT = {"sysbuf": "the system buffer (kernel memory the I/O manager allocated)",
        "kernel": "a kernel-mode address", "mapping": "a system-space mapping of an MDL"}


class KernelPointerProbed(Rule):
    """`ProbeForRead`/`ProbeForWrite` is given a kernel-mode address, such as the system buffer.

    ## What it does
    Flags `ProbeForRead(p, ...)` and `ProbeForWrite(p, ...)` where every value `p` can have on
    the path is kernel memory: `Irp->AssociatedIrp.SystemBuffer`, a pool allocation, the address
    of a local or global variable, a string literal or an MDL's system-space mapping. Probes of
    length 0 are not flagged (they check nothing).

    ## Why is this bad?
    A probe checks that a range lies in *user* space and raises `STATUS_ACCESS_VIOLATION`
    otherwise. Probing kernel memory therefore always fails (for a non-zero length): the request
    fails for every caller, or — outside `__try` — the system bug-checks. It usually means the
    driver confused METHOD_BUFFERED with METHOD_NEITHER: the system buffer needs no probe, only
    a length check; the user pointer is `Type3InputBuffer` / `Irp->UserBuffer`.

    ## Example
    ```c
    PVOID in = Irp->AssociatedIrp.SystemBuffer;
    __try {
        ProbeForRead(in, sizeof(ULONG), sizeof(ULONG));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        in = NULL;
    }
    ```

    Use instead:
    ```c
    PVOID in = Irp->AssociatedIrp.SystemBuffer;
    if (IoGetCurrentIrpStackLocation(Irp)->Parameters.DeviceIoControl.InputBufferLength < sizeof(ULONG))
        in = NULL;
    ```

    ## References
    - ProbeForRead, ProbeForWrite (WDK documentation)
    - Buffer Descriptions for I/O Control Codes (WDK documentation)
    - CWE-628: Function Call with Incorrectly Specified Arguments
    """

    id = "KD409"
    name = "kernel-pointer-probed"
    severity = Severity.WARNING
    precision = "high"
    tags = ("correctness", "reliability", "external/cwe/cwe-628")

    def check_function(self, fn, ctx) -> None:
        um = user_memory(fn)
        for call, state in calls_with_state(um, "ProbeForRead", "ProbeForWrite"):
            if not call.args:
                continue
            length = probe_length(call)
            if length is not None and length.value == 0:
                continue
            srcs = um.value(call.args[0], state)
            if not srcs or any(s.space != "kernel" or s.kind == "captured" for s in srcs):
                continue
            kind = sorted(s.kind for s in srcs)[0]
            ctx.report(self, call.args[0],
                       f"{call.name} is given '{expr_text(call.args[0])}', {WHAT.get(kind, 'kernel memory')}; "
                       f"a probe of a kernel address always raises STATUS_ACCESS_VIOLATION")
