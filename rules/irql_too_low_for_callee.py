"""KD502: a routine is called at an IRQL below the lowest it allows (IQ-02)."""
from __future__ import annotations

from kdlint.model import irql as Q
from kdlint.rule import Rule, Severity


class IrqlTooLowForCallee(Rule):
    """A routine that needs a raised IRQL is called below it.

    ## What it does
    Flags a call whose callee requires at least IRQL *x* (`_IRQL_requires_min_` or
    `_IRQL_requires_`, e.g. `KeAcquireSpinLockAtDpcLevel`, `KeAcquireInStackQueuedSpinLockAtDpcLevel`,
    `ExAcquireSpinLockExclusiveAtDpcLevel`: DISPATCH_LEVEL) while the caller runs below *x*: in
    a dispatch routine, a system thread, a work item or DriverEntry (PASSIVE_LEVEL) with no lock
    or raise on the path. An **error** when the IRQL is certainly too low, a **warning** worded
    "may" when the caller's role lets it run at either level (a completion routine).

    ## Why is this bad?
    The `AtDpcLevel` variants skip raising the IRQL because the caller is supposed to be at
    DISPATCH_LEVEL already. Called at PASSIVE_LEVEL, the thread holding the spin lock can be
    preempted, and another thread on the same processor spinning for the lock deadlocks it.

    ## Example
    ```c
    NTSTATUS DispatchRead(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        PKSPIN_LOCK lock = DeviceObject->DeviceExtension;
        KeAcquireSpinLockAtDpcLevel(lock);
        KeReleaseSpinLockFromDpcLevel(lock);
        return STATUS_SUCCESS;
    }
    DRIVER_DISPATCH DispatchRead;
    NTSTATUS DriverEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
    {
        Driver->MajorFunction[IRP_MJ_READ] = DispatchRead;
        return STATUS_SUCCESS;
    }
    ```

    Use instead:
    ```c
    NTSTATUS DispatchRead(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        PKSPIN_LOCK lock = DeviceObject->DeviceExtension;
        KIRQL old;
        KeAcquireSpinLock(lock, &old);
        KeReleaseSpinLock(lock, old);
        return STATUS_SUCCESS;
    }
    DRIVER_DISPATCH DispatchRead;
    NTSTATUS DriverEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
    {
        Driver->MajorFunction[IRP_MJ_READ] = DispatchRead;
        return STATUS_SUCCESS;
    }
    ```

    ## Limitations
    Release routines (`KeReleaseSpinLock` needs DISPATCH_LEVEL) are left to KD508, which says
    which acquire they fail to match. A helper with no role or annotation is checked only
    against its own raises. Dispatch routines are assumed to run at PASSIVE_LEVEL.

    ## References
    - KeAcquireSpinLockAtDpcLevel (wdm.h), WDK documentation
    - SDV rules IrqlDispatch, IrqlKeReleaseSpinLock; Code Analysis C28120, C28122
    """

    id = "KD502"
    name = "irql-too-low-for-callee"
    severity = Severity.ERROR
    precision = "high"
    tags = ("correctness", "reliability")

    def check_function(self, fn, ctx) -> None:
        for call in fn.calls:
            if call.name in Q.LOCK_ROUTINES:
                continue
            req = Q.requirement(fn, call)
            if req.lo <= Q.PASSIVE:
                continue
            ctxs = Q.contexts_before(fn, call)
            must = [c for c in ctxs if c.hi < req.lo and c.known]
            may = [c for c in ctxs if c.lo < req.lo <= c.hi and c.known]
            if not must and not may:
                continue
            c = must[0] if must else may[0]
            need = f"IRQL >= {Q.level_name(req.lo)}" + (f" ({req.why})" if req.why else "")
            word = "is called at" if must else "may be called at"
            at = Q.level_name(c.hi if must else c.lo)
            msg = f"'{call.name}' requires {need} but {word} {at}: {Q.why_raised(fn, c)}"
            flow = Q.code_flow(fn, c, call.cursor, ctx.span, f"'{call.name}' called at {at}", req.via)
            ctx.report(self, call.cursor, msg, code_flow=flow, level=None if must else "warning")
