"""KD103: a wait routine's WaitReason and WaitMode arguments are swapped or of the wrong enum."""
from __future__ import annotations

from typing import Optional

from kdlint.cursors import Call, enum_of_constant, referenced_decl, source_text
from kdlint.model.events import WAITS
from kdlint.results import Fix
from kdlint.rule import Rule, Severity

REASON_ENUMS = ("KWAIT_REASON", "enum _KWAIT_REASON")
MODE_ENUMS = ("MODE", "enum _MODE")
WAIT_TYPE_ENUMS = ("WAIT_TYPE", "enum _WAIT_TYPE")


def _enum(expr) -> Optional[str]:
    name = enum_of_constant(referenced_decl(expr))
    if name in REASON_ENUMS:
        return "reason"
    if name in MODE_ENUMS:
        return "mode"
    if name in WAIT_TYPE_ENUMS:
        return "wait-type"
    return None


class WaitArgumentsSwapped(Rule):
    """KeWaitFor* gets a KPROCESSOR_MODE as WaitReason or a KWAIT_REASON as WaitMode.

    ## What it does
    Checks the `WaitReason` and `WaitMode` arguments of `KeWaitForSingleObject`,
    `KeWaitForMutexObject` and `KeWaitForMultipleObjects` (and its `WaitType`): `WaitReason`
    must be a `KWAIT_REASON` (`Executive`, `UserRequest`, ...), `WaitMode` a processor mode
    (`KernelMode`, `UserMode`), `WaitType` a `WAIT_TYPE` (`WaitAll`, `WaitAny`). It flags an
    enumerator of one of these types in the place of another, such as
    `KeWaitForSingleObject(&e, KernelMode, Executive, FALSE, NULL)`.

    ## Why is this bad?
    The parameters are plain integers to the compiler (the WDK marks them
    `_Strict_type_match_`, C28139), so swapped arguments compile. `KernelMode` and
    `Executive` are both 0 and the swap happens to work, until someone edits it: `UserMode`
    (1) as WaitReason is `FreePage`, and `UserRequest` (6) as WaitMode is not a processor mode
    at all. A wait whose mode is not the one the author meant can let the kernel stack be
    paged out under a stack event, or make the wait alertable by user APCs.

    ## Example
    ```c
    KEVENT event;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    KeWaitForSingleObject(&event, KernelMode, Executive, FALSE, NULL);
    ```

    Use instead:
    ```c
    KEVENT event;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL);
    ```

    ## Limitations
    Only enumerators are checked; a variable of the wrong type is not.

    ## References
    - KeWaitForSingleObject, KeWaitForMultipleObjects (wdm.h), WDK documentation
    - C28139 (Code Analysis for Drivers), StrictTypeMatch (CodeQL Windows driver queries)
    """

    id = "KD103"
    name = "wait-arguments-swapped"
    severity = Severity.WARNING
    precision = "very-high"
    tags = ("correctness",)
    calls = tuple(WAITS)

    def check_call(self, call: Call, ctx) -> None:
        reason_i, mode_i, _, _ = WAITS[call.name]
        reason, mode = call.arg(reason_i), call.arg(mode_i)
        if reason is None or mode is None:
            return
        r, m = _enum(reason), _enum(mode)
        rt, mt = source_text(reason), source_text(mode)
        if r == "mode" and m == "reason":
            a, b = ctx.span(reason), ctx.span(mode)
            fixes = []
            if a.line == b.line == a.end_line == b.end_line and a.column < b.column:
                whole = type(a)(a.path, a.line, a.column, b.end_line, b.end_column)
                fixes = [Fix("Swap WaitReason and WaitMode", whole, f"{mt}, {rt}")]
            ctx.report(self, call.cursor,
                       f"{call.name} WaitReason and WaitMode are swapped: WaitReason is '{rt}' "
                       f"and WaitMode is '{mt}'; write ({mt}, {rt})", fixes=fixes)
            return
        if r not in (None, "reason"):
            ctx.report(self, reason, f"{call.name} WaitReason '{rt}' is not a KWAIT_REASON "
                                     f"(such as Executive)")
        if m not in (None, "mode"):
            ctx.report(self, mode, f"{call.name} WaitMode '{mt}' is not a processor mode "
                                   f"(KernelMode or UserMode)")
        if call.name == "KeWaitForMultipleObjects":
            wt = call.arg(2)
            if wt is not None and _enum(wt) not in (None, "wait-type"):
                ctx.report(self, wt, f"KeWaitForMultipleObjects WaitType '{source_text(wt)}' is "
                                     f"not WaitAll or WaitAny")
