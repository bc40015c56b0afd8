"""KD406: a pointer is compared with a hard-coded user/kernel address boundary."""
from __future__ import annotations

from kdlint.model.address_space import expr_text, user_memory
from kdlint.model.user_queries import boundary_compares
from kdlint.rule import Rule, Severity


class UserBoundaryHardCoded(Rule):
    """A pointer is compared with a literal such as `0x7FFFFFFF` or `0x80000000` to decide
    whether it is a user address.

    ## What it does
    Flags a comparison of a pointer, or of a pointer cast to an integer (`(ULONG_PTR)p`,
    `(ULONG_PTR)p + Length`), with a constant that is a user/kernel boundary of some Windows
    configuration: `0x7FFFFFFF`, `0x80000000`, `0x7FFEFFFF`, `0xBFFFFFFF`, `0xC0000000`,
    `0x7FFFFFFEFFFF`, `0x7FFFFFFFFFFF`, `0x800000000000`, `0xFFFF800000000000` and neighbours.

    ## Why is this bad?
    The boundary is not a constant. 32-bit Windows gives user mode the low 2 GB by default and up
    to 3 GB with `bcdedit /set increaseuserva`, so a check against `0x80000000` lets kernel
    addresses through or rejects valid user buffers; 64-bit Windows gives user mode 128 TB and
    the highest user address has moved between releases. A hand-written range check also
    forgets the end of the range and its overflow. `ProbeForRead`/`ProbeForWrite` do the check
    correctly; where a comparison is really needed, compare with `MmUserProbeAddress` or
    `MmHighestUserAddress`.

    ## Example
    ```c
    PVOID address = IoGetCurrentIrpStackLocation(Irp)->Parameters.DeviceIoControl.Type3InputBuffer;
    if ((ULONG_PTR)address >= 0x80000000)
        return;
    ```

    Use instead:
    ```c
    PVOID address = IoGetCurrentIrpStackLocation(Irp)->Parameters.DeviceIoControl.Type3InputBuffer;
    if ((ULONG_PTR)address >= (ULONG_PTR)MmUserProbeAddress)
        return;
    ```

    ## Limitations
    An integer variable that holds an address is recognised only at the comparison where it
    is cast from a pointer.

    ## References
    - ProbeForRead; MmUserProbeAddress (WDK documentation)
    - 4-Gigabyte Tuning: BCDEdit increaseuserva (Windows documentation)
    - Virtual Address Spaces (Windows driver documentation)
    - CWE-1284: Improper Validation of Specified Quantity in Input
    """

    id = "KD406"
    name = "user-boundary-hard-coded"
    severity = Severity.WARNING
    precision = "high"
    tags = ("security", "correctness", "external/cwe/cwe-1284")
    security_severity = "6.5"

    def check_function(self, fn, ctx) -> None:
        for cmp in boundary_compares(user_memory(fn)):
            ctx.report(self, cmp.cursor,
                       f"'{expr_text(cmp.pointer)}' is compared with the hard-coded boundary "
                       f"{cmp.value:#x}; the user/kernel boundary depends on the system "
                       f"(increaseuserva on 32-bit, 128 TB on 64-bit): use ProbeForRead/"
                       f"ProbeForWrite or compare with MmUserProbeAddress")
