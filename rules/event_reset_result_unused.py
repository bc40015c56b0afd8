"""KD104: KeResetEvent whose result is not used (KeClearEvent does the same, faster)."""
from __future__ import annotations

from kdlint.model.events import unused_calls
from kdlint.rule import Rule, Severity
from kdlint.rules._event_common import replace_fix


class ResetEventResultUnused(Rule):
    """KeResetEvent is called for its effect only; KeClearEvent is the routine for that.

    ## What it does
    Flags `KeResetEvent(Event)` calls whose return value (the event's previous state) is
    discarded, and offers to replace them with `KeClearEvent(Event)`.

    ## Why is this bad?
    The WDK documentation says: unless the caller needs the previous state, use
    `KeClearEvent`, which is faster. Both reset the event to not-signaled; `KeResetEvent`
    also reads and returns the old state, work nobody uses here.

    ## Example
    ```c
    KEVENT event;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    KeResetEvent(&event);
    ```

    Use instead:
    ```c
    KEVENT event;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    KeClearEvent(&event);
    ```

    ## References
    - KeResetEvent function (wdm.h), WDK documentation
    """

    id = "KD104"
    name = "reset-event-result-unused"
    severity = Severity.NOTE
    precision = "very-high"
    tags = ("reliability",)

    def check_function(self, fn, ctx) -> None:
        unused = unused_calls(fn)
        for call in fn.calls_to("KeResetEvent"):
            if call.cursor not in unused:
                continue
            callee = next(iter(call.cursor.get_children()), None)
            ctx.report(self, call.cursor,
                       "the value KeResetEvent returns is not used: call KeClearEvent instead",
                       fixes=replace_fix(ctx, callee, "KeClearEvent", "Call KeClearEvent"))
