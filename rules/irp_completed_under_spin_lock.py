"""KD350: IoCompleteRequest (or IoStartNextPacket) called while a spin lock is held (IRP-12)."""
from __future__ import annotations

from kdlint.model import irql as Q
from kdlint.model import locks as L
from kdlint.rule import Rule, Severity

CALLS = ("IoCompleteRequest", "IoStartNextPacket", "IoStartNextPacketByKey")


class IrpCompletedUnderSpinLock(Rule):
    """An IRP is completed (or the next packet started) while a spin lock is held.

    ## What it does
    Flags `IoCompleteRequest`, `IoStartNextPacket` and `IoStartNextPacketByKey` called between
    the acquire and the release of a spin lock (`KeAcquireSpinLock`, in-stack queued, executive
    and interrupt spin locks, the cancel spin lock, and the `AtDpcLevel` variants), directly or
    through a helper of the same file that completes the IRP. An **error** when the lock is
    held on every path to the call, a **warning** when only on some.

    ## Why is this bad?
    Completion runs the completion routines of every driver above, at the current IRQL and
    under the caller's lock: a completion routine that takes the same lock deadlocks, and one
    that sends a new request down re-enters the driver with the lock held. `IoStartNextPacket`
    calls the driver's StartIo, which commonly takes the same lock. The documentation asks
    drivers to release spin locks before completing an IRP.

    ## Example
    ```c
    KSPIN_LOCK lock;
    KIRQL oldIrql;
    KeInitializeSpinLock(&lock);
    KeAcquireSpinLock(&lock, &oldIrql);
    Irp->IoStatus.Status = STATUS_CANCELLED;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    KeReleaseSpinLock(&lock, oldIrql);
    ```

    Use instead:
    ```c
    KSPIN_LOCK lock;
    KIRQL oldIrql;
    KeInitializeSpinLock(&lock);
    KeAcquireSpinLock(&lock, &oldIrql);
    Irp->IoStatus.Status = STATUS_CANCELLED;
    KeReleaseSpinLock(&lock, oldIrql);
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    ```

    ## Limitations
    Locks taken in a caller in another file are not seen. A helper that completes the IRP is
    recognised when it calls `IoCompleteRequest` at the IRQL it was entered at.

    ## References
    - IoCompleteRequest (wdm.h), WDK documentation: "drivers must not hold a spin lock"
    - Completing IRPs (WDK documentation); catalog row IRP-12
    """

    id = "KD350"
    name = "irp-completed-under-spin-lock"
    severity = Severity.ERROR
    precision = "high"
    tags = ("correctness", "reliability")

    def check_function(self, fn, ctx) -> None:
        model = Q.file_model(fn)
        for call in fn.calls:
            via = ()
            if call.name not in CALLS:
                if call.name not in fn.callgraph.functions:
                    continue
                s = fn.summary(Q.IrqlSummary(), call)
                if s is None or s.completes_irp is None:
                    continue
                via = ((s.completes_irp, f"'{call.name}' completes the IRP"),)
            ctxs = Q.contexts_before(fn, call)
            holding = [c for c in ctxs if any(h.kind in L.SPIN_KINDS for h in c.held)]
            if not holding:
                continue
            every = len(holding) == len(ctxs)
            c = holding[0]
            h = sorted((h for h in c.held if h.kind in L.SPIN_KINDS), key=lambda h: h.site)[0]
            where = model.sites.get(h.site)
            since = f" (acquired at line {where.location.line})" if where is not None else \
                f" (held on entry: {Q.why_raised(fn, c)})"
            what = f"{h.kind} '{L.render(h.key)}'"
            msg = (f"'{call.name}' called while {what} is held{since}" if every else
                   f"'{call.name}' may be called while {what} is held{since}, on some paths")
            steps = Q.code_flow(fn, c, call.cursor, ctx.span, f"'{call.name}' with {what} held", via)
            ctx.report(self, call.cursor, msg, code_flow=steps, level=None if every else "warning")
