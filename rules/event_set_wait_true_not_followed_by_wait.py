"""KD105: KeSetEvent with Wait=TRUE not followed at once by a wait, or with a non-literal Wait."""
from __future__ import annotations

from kdlint.cursors import constant_value, is_literal, source_text
from kdlint.model.event_protocol import WAIT_ROUTINES, first_calls_after
from kdlint.cursors import callee_name, canonical_name
from kdlint.rule import Rule, Severity
from kdlint.rules._event_common import step


class SetEventWaitTrueNotFollowedByWait(Rule):
    """KeSetEvent(..., Wait=TRUE) is not followed immediately by a KeWaitXxx call.

    ## What it does
    Flags `KeSetEvent` (and `KePulseEvent`) calls whose `Wait` argument is `TRUE` when some
    path after the call reaches another call or the end of the function before a
    `KeWaitForSingleObject` / `KeWaitForMultipleObjects` / `KeWaitForMutexObject`; and calls
    whose `Wait` argument is not a literal `TRUE` or `FALSE`.

    ## Why is this bad?
    With `Wait` set to `TRUE`, KeSetEvent returns *without* lowering the IRQL or releasing the
    dispatcher database lock, on the promise that the very next thing the caller does is wait.
    Any other call in between runs at DISPATCH_LEVEL holding the dispatcher lock (a pageable
    routine faults, a wait-free routine that needs the lock deadlocks); returning from the
    function breaks the promise for good. The WDK annotates the parameter `_Literal_` (C28137):
    the compiler and readers must see which contract applies.

    ## Example
    ```c
    KEVENT event;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    KeSetEvent(&event, IO_NO_INCREMENT, TRUE);
    ```

    Use instead:
    ```c
    KEVENT event;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    KeSetEvent(&event, IO_NO_INCREMENT, FALSE);
    ```

    ## Limitations
    A wait done inside a helper function right after the call counts as "another call".

    ## References
    - KeSetEvent function (wdm.h), Remarks, WDK documentation
    - C28137 (Code Analysis for Drivers)
    """

    id = "KD105"
    name = "set-event-wait-true-not-followed-by-wait"
    severity = Severity.ERROR
    precision = "high"
    tags = ("reliability", "correctness")

    def check_function(self, fn, ctx) -> None:
        for call in fn.calls_to("KeSetEvent", "KePulseEvent"):
            wait = call.arg(2)
            if wait is None:
                continue
            if not is_literal(wait):
                ctx.report(self, wait, f"{call.name} Wait argument '{source_text(wait)}' is not "
                                       f"a literal TRUE or FALSE", level="warning")
                continue
            if not constant_value(wait):
                continue
            bad = [n for n in first_calls_after(fn, call.cursor)
                   if n is None or canonical_name(callee_name(n)) not in WAIT_ROUTINES]
            if not bad:
                continue
            first = bad[0]
            if first is None:
                what = "the function returns"
                flow = step(ctx, call.cursor, "KeSetEvent with Wait=TRUE") + \
                    step(ctx, fn.cursor, "the path reaches the end of the function without a wait")
            else:
                what = f"{canonical_name(callee_name(first))} is called"
                flow = step(ctx, call.cursor, "KeSetEvent with Wait=TRUE") + \
                    step(ctx, first, "called at DISPATCH_LEVEL with the dispatcher lock held")
            ctx.report(self, call.cursor,
                       f"{call.name} with Wait=TRUE must be followed at once by a KeWaitXxx call, "
                       f"but on some path {what} first; pass FALSE unless a wait follows",
                       code_flow=flow)
