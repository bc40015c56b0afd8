"""KD408: the system address of an MDL is used without a NULL check."""
from __future__ import annotations

from kdlint.model.address_space import expr_text, user_memory
from kdlint.model.user_queries import unchecked_mapping_uses
from kdlint.results import Step
from kdlint.rule import Rule, Severity


class MdlMappingNotChecked(Rule):
    """The result of `MmGetSystemAddressForMdlSafe` is used before it is checked for NULL.

    ## What it does
    Flags a dereference, or a copy to or from, a pointer returned by
    `MmGetSystemAddressForMdlSafe` or `MmMapLockedPagesSpecifyCache` on a path where it was not
    tested against NULL (`if (buffer == NULL)`, `if (!buffer)`, `if (buffer)`).

    ## Why is this bad?
    Mapping an MDL into system space needs free system page-table entries; under memory pressure
    (or when the caller asked for `LowPagePriority`) the routine returns NULL instead of raising.
    Using the result unchecked dereferences NULL plus an offset and crashes the system, which a
    user can often provoke at will (CWE-690).

    ## Example
    ```c
    PUCHAR buffer = MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority);
    buffer[0] = 0;
    ```

    Use instead:
    ```c
    PUCHAR buffer = MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority);
    if (buffer == NULL)
        return;
    buffer[0] = 0;
    ```

    ## Limitations
    Mappings returned by helper functions of the same file are followed (a helper that tests
    the mapping and raises instead of returning NULL gives kernel memory); helpers in other
    files are not. Uses inside `__try/__except` are not
    flagged: the access violation a NULL mapping causes there is handled.

    ## References
    - MmGetSystemAddressForMdlSafe (WDK documentation)
    - Using MDLs (WDK documentation)
    - CWE-690: Unchecked Return Value to NULL Pointer Dereference
    """

    id = "KD408"
    name = "mdl-mapping-not-checked"
    severity = Severity.WARNING
    precision = "high"
    tags = ("reliability", "security", "external/cwe/cwe-690")
    security_severity = "5.5"

    def check_function(self, fn, ctx) -> None:
        um = user_memory(fn)
        seen = set()
        for use in unchecked_mapping_uses(um):
            acc = use.access
            if use.source.key in seen:
                continue
            seen.add(use.source.key)
            origin = use.source.origin[0][0] if use.source.origin else None
            flow = [Step(ctx.span(origin), "may return NULL")] if origin is not None else []
            helpers = [(c, m) for c, m in use.source.origin[1:] if m.startswith("returned by ")]
            flow += [Step(ctx.span(c), m + " (NULL when the mapping failed)") for c, m in helpers]
            flow.append(Step(ctx.span(acc.expr), "used without a NULL check"))
            line = f" (line {origin.location.line})" if origin is not None else ""
            via = f", {helpers[-1][1]}," if helpers else ""
            ctx.report(self, acc.expr,
                       f"'{expr_text(acc.pointer)}' comes from an MDL mapping{line}{via} that "
                       f"returns NULL when system address space runs out, and is used here "
                       f"without a NULL check", code_flow=flow)
