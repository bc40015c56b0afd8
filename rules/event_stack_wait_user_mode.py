"""KD102: a stack event (or other dispatcher object) waited on with a WaitMode other than KernelMode."""
from __future__ import annotations

from kdlint.model.events import WAITS, events_of, Storage
from kdlint.model.modes import Mode
from kdlint.rule import Rule, Severity
from kdlint.rules._event_common import replace_fix, step

MODE_TEXT = {Mode.USER: "UserMode", Mode.REQUESTOR: "the requestor's mode (Irp->RequestorMode)",
             Mode.PREVIOUS: "the previous mode (ExGetPreviousMode())",
             Mode.UNKNOWN: "a mode that may be UserMode"}


class StackEventWaitedInUserMode(Rule):
    """A dispatcher object on the kernel stack is waited on with a WaitMode that may be UserMode.

    ## What it does
    Flags `KeWaitForSingleObject`, `KeWaitForMutexObject` and `KeWaitForMultipleObjects` when a
    waited object lives on the current thread's stack — a local `KEVENT`, a field of a local
    structure, an element of a local array, also reached through a local pointer or a local
    array of object pointers — and the `WaitMode` argument is not `KernelMode`: `UserMode`,
    `Irp->RequestorMode`, `ExGetPreviousMode()`, or a variable whose value is not known.

    ## Why is this bad?
    A thread that waits in `UserMode` may have its kernel stack paged out while it waits. The
    dispatcher object is then in paged-out memory when another thread signals it, and the
    kernel touches it at DISPATCH_LEVEL: the system bug-checks (IRQL_NOT_LESS_OR_EQUAL) or
    corrupts memory. A UserMode wait can also end early with `STATUS_USER_APC` when the
    thread is alerted, returning while the event and the data it guards are still in use.
    The WDK (KeWaitForSingleObject remarks, Code Analysis C28135) requires `KernelMode`
    whenever a waited object is on the stack.

    ## Example
    ```c
    KEVENT event;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    KeWaitForSingleObject(&event, Executive, UserMode, FALSE, NULL);
    ```

    Use instead:
    ```c
    KEVENT event;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL);
    ```

    ## Limitations
    Objects reached through pointers the model cannot follow (parameters, pointers stored in
    other objects) are not known to be on the stack and are not flagged. The fix replaces the
    WaitMode argument with `KernelMode`; a UserMode wait on purpose (to let the thread be
    alerted) needs the object moved off the stack instead.

    ## References
    - KeWaitForSingleObject function (wdm.h), WDK documentation
    - C28135 (Code Analysis for Drivers): "The function must be called with KernelMode when
      the object is on the stack"
    """

    id = "KD102"
    name = "stack-event-waited-in-user-mode"
    severity = Severity.ERROR
    precision = "high"
    tags = ("reliability", "correctness")

    def check_function(self, fn, ctx) -> None:
        for op in events_of(fn).ops:
            if op.kind != "wait" or op.mode == Mode.KERNEL:
                continue
            stack = [r for r in op.refs if r.storage == Storage.STACK]
            if not stack:
                continue
            r = stack[0]
            mode_arg = op.call.arg(WAITS[op.call.name][1])
            what = MODE_TEXT[op.mode]
            flow = step(ctx, r.decl, f"'{r.path.name}' is a local variable: it lives on this "
                                     f"thread's kernel stack")
            flow += step(ctx, op.cursor, f"waited on with {what}")
            level = "error" if op.mode == Mode.USER else "warning"
            ctx.report(self, op.cursor,
                       f"stack object '{r.text}' is waited on with {what}; the kernel stack "
                       f"may be paged out during a UserMode wait: wait in KernelMode",
                       fixes=replace_fix(ctx, mode_arg, "KernelMode", "Wait in KernelMode"),
                       code_flow=flow, level=level)
