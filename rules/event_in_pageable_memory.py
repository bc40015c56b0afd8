"""KD106: an event in pageable memory (paged pool, a pageable data section)."""
from __future__ import annotations

from kdlint.model.events import Storage, events_of
from kdlint.rule import Rule, Severity
from kdlint.rules._event_common import step

VERB = {"init": "initialised", "set": "signaled", "pulse": "pulsed", "clear": "cleared",
        "reset": "reset", "read": "read", "wait": "waited on"}


class EventInPageableMemory(Rule):
    """A KEVENT lives in paged pool or in a pageable data section.

    ## What it does
    Flags the first event operation (`KeInitializeEvent`, `KeSetEvent`, `KeClearEvent`,
    `KeResetEvent`, `KeReadStateEvent`, `KeWaitFor*`) in a function on an event whose storage
    the model knows to be pageable: memory from `ExAllocatePool*(PagedPool, ...)`,
    `ExAllocatePool2(POOL_FLAG_PAGED, ...)` or a paged lookaside list (through the local
    pointer it was assigned to), or a global declared inside
    `#pragma data_seg("PAGE...")` / `__declspec(allocate("PAGE..."))`.

    ## Why is this bad?
    Dispatcher objects are touched by the kernel at DISPATCH_LEVEL, with the dispatcher lock
    held, whenever they are signaled or waited on — also by other threads and DPCs. Paged
    memory cannot be touched at DISPATCH_LEVEL: when the page is out, the system bug-checks
    (IRQL_NOT_LESS_OR_EQUAL, or DRIVER_IRQL_NOT_LESS_OR_EQUAL). The WDK requires event
    objects to be in non-paged memory: a device extension, non-paged pool, or (waited in
    KernelMode) the stack.

    ## Example
    ```c
    PKEVENT event = ExAllocatePoolWithTag(PagedPool, sizeof(KEVENT), 'tvE1');
    if (event == NULL)
        return;
    KeInitializeEvent(event, NotificationEvent, FALSE);
    ```

    Use instead:
    ```c
    PKEVENT event = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(KEVENT), 'tvE1');
    if (event == NULL)
        return;
    KeInitializeEvent(event, NotificationEvent, FALSE);
    ```

    ## Limitations
    Pool allocated in another function, or with a pool type held in a variable, has unknown
    storage and is not flagged.

    ## References
    - Event Objects; Defining and Using an Event Object, Windows kernel-mode guidance
    - KeInitializeEvent function (wdm.h), Remarks ("storage ... must be resident")
    """

    id = "KD106"
    name = "event-in-pageable-memory"
    severity = Severity.ERROR
    precision = "high"
    tags = ("reliability",)

    def check_function(self, fn, ctx) -> None:
        seen = set()
        for op in events_of(fn).ops:
            for r in op.refs:
                if not r.storage.pageable or r.path in seen:
                    continue
                seen.add(r.path)
                if r.storage == Storage.PAGED_POOL:
                    where = "paged pool"
                    flow = step(ctx, r.origin.where if r.origin else None, "allocated from paged pool")
                else:
                    where = "a pageable data section"
                    flow = step(ctx, r.decl, "declared in a pageable data section")
                flow += step(ctx, op.cursor, f"event {VERB[op.kind]} here")
                ctx.report(self, op.cursor,
                           f"event '{r.text}' is in {where}; dispatcher objects must be in "
                           f"non-paged memory (the kernel touches them at DISPATCH_LEVEL)",
                           code_flow=flow)
