"""KD501: a routine is called at an IRQL above the highest it allows (IQ-01)."""
from __future__ import annotations

from kdlint.model import irql as Q
from kdlint.rule import Rule, Severity


class IrqlTooHighForCallee(Rule):
    """A routine is called at an IRQL higher than it allows.

    ## What it does
    Flags a call whose callee allows at most IRQL *x* (its `_IRQL_requires_max_` annotation,
    its documentation, or, for a helper of the same file, the routines its body calls) while
    the caller runs above *x*: inside a spin lock, after `KeRaiseIrql`, in a DPC, StartIo,
    timer or cancel routine (DISPATCH_LEVEL) or an ISR (DIRQL). It covers `PsCreateSystemThread`,
    `ZwClose` and every `Zw*` routine (PASSIVE_LEVEL), `ExAllocatePool*` from paged pool and
    `KeWaitForSingleObject`/`KeWaitForMultipleObjects` with a NULL or non-zero timeout
    (APC_LEVEL), and `IoCompleteRequest`/`IoCallDriver` at DIRQL.

    A finding is an **error** when the IRQL is certainly too high on some path (a lock or raise
    on that path, or the routine's role says so). It is a **warning** worded "may" when the
    caller only *may* run that high: a completion routine runs at PASSIVE_LEVEL or
    DISPATCH_LEVEL, a cancel routine after releasing the cancel spin lock returns to the
    caller's IRQL, a helper annotated `_IRQL_requires_max_(DISPATCH_LEVEL)`.

    ## Why is this bad?
    At DISPATCH_LEVEL the processor cannot take a page fault or wait: touching pageable code
    or data, or blocking on a dispatcher object, bug-checks with IRQL_NOT_LESS_OR_EQUAL or
    deadlocks the processor. `Zw*` routines and thread creation may block or page.

    ## Example
    ```c
    KSPIN_LOCK lock;
    KIRQL oldIrql;
    HANDLE handle = NULL;
    KeInitializeSpinLock(&lock);
    KeAcquireSpinLock(&lock, &oldIrql);
    ZwClose(handle);
    KeReleaseSpinLock(&lock, oldIrql);
    ```

    Use instead:
    ```c
    KSPIN_LOCK lock;
    KIRQL oldIrql;
    HANDLE handle = NULL;
    KeInitializeSpinLock(&lock);
    KeAcquireSpinLock(&lock, &oldIrql);
    KeReleaseSpinLock(&lock, oldIrql);
    ZwClose(handle);
    ```

    ## Limitations
    A helper with no role and no IRQL annotation is checked only against what its own body
    raises; its callers in the same file are checked against what it needs (the finding is at
    the caller's call, with the helper's call as a later step). Callers in other files are not
    seen. Dispatch routines are assumed to run at PASSIVE_LEVEL. A wait whose timeout is not a
    literal NULL or a local `LARGE_INTEGER` set to a constant is not checked.

    ## References
    - Managing Hardware Priorities; Always Preemptible and Always Interruptible (WDK documentation)
    - IRQL annotations for drivers (`_IRQL_requires_max_`), WDK documentation
    - SDV rules IrqlExPassive, IrqlPsPassive, IrqlZwPassive, IrqlKeWaitForSingleObject
    """

    id = "KD501"
    name = "irql-too-high-for-callee"
    severity = Severity.ERROR
    precision = "high"
    tags = ("correctness", "reliability")

    def check_function(self, fn, ctx) -> None:
        for call in fn.calls:
            if call.name in Q.LOCK_ROUTINES or call.name == "PAGED_CODE":
                continue
            req = Q.requirement(fn, call)
            if req.hi >= Q.HIGH:
                continue
            ctxs = Q.contexts_before(fn, call)
            must = sorted((c for c in ctxs if c.lo > req.hi), key=lambda c: -c.lo)
            may = [c for c in ctxs if c.hi > req.hi and c.known]
            if not must and not may:
                continue
            c = must[0] if must else may[0]
            need = f"IRQL <= {Q.level_name(req.hi)}" + (f" ({req.why})" if req.why else "")
            if must:
                at = Q.level_name(c.lo)
                msg = f"'{call.name}' requires {need} but is called at {at}: {Q.why_raised(fn, c)}"
                level = None
            else:
                at = Q.level_name(c.hi)
                msg = (f"'{call.name}' requires {need} but may be called at {at}: "
                       f"{Q.why_raised(fn, c)}")
                level = "warning"
            flow = Q.code_flow(fn, c, call.cursor, ctx.span, f"'{call.name}' called at {at}", req.via)
            ctx.report(self, call.cursor, msg, code_flow=flow, level=level,
                       related=flow[-len(req.via):] if req.via else ())
