"""KD508: a spin lock release that does not match its acquire (IQ-07)."""
from __future__ import annotations

from kdlint.model import irql as Q
from kdlint.model import locks as L
from kdlint.rule import Rule, Severity

RELEASES = tuple(n for n, a in L.ACTIONS.items() if a.op == "release" and a.kind in L.SPIN_KINDS)


class SpinLockReleaseMismatch(Rule):
    """A spin lock is released twice, with another lock's saved IRQL, or with the wrong variant.

    ## What it does
    Checks each spin-lock release against the acquires on the paths reaching it and flags:
    a lock released again on a path where it was already released and not re-acquired; a
    `KeReleaseSpinLock(B, OldIrql)` whose `OldIrql` was saved by the acquire of a different
    lock A that is still held (the two locks are crossed); and a release with the other variant
    than the acquire: `KeReleaseSpinLockFromDpcLevel` for a lock taken with `KeAcquireSpinLock`
    (the IRQL is never lowered) or `KeReleaseSpinLock` for one taken `AtDpcLevel` (the IRQL is
    lowered to a value the acquire never saved). Same for the in-stack queued and executive
    spin-lock families.

    ## Why is this bad?
    Releasing a spin lock that is not held corrupts the lock (another processor may own it)
    and lowers the IRQL below what the code expects; crossed locks leave one lock held and the
    other released; the wrong variant leaves the processor at DISPATCH_LEVEL after the release,
    or drops it to an arbitrary IRQL while the caller still expects DISPATCH_LEVEL.

    ## Example
    ```c
    KSPIN_LOCK lock;
    KIRQL oldIrql;
    KeInitializeSpinLock(&lock);
    KeAcquireSpinLock(&lock, &oldIrql);
    KeReleaseSpinLockFromDpcLevel(&lock);
    ```

    Use instead:
    ```c
    KSPIN_LOCK lock;
    KIRQL oldIrql;
    KeInitializeSpinLock(&lock);
    KeAcquireSpinLock(&lock, &oldIrql);
    KeReleaseSpinLock(&lock, oldIrql);
    ```

    ## Limitations
    Only locks kdlint can name (variables, fields, parameters) are followed; a release of a
    lock acquired in a caller in another file is not judged. Paths are told apart by simple
    conditions only.

    ## References
    - KeReleaseSpinLock, KeReleaseSpinLockFromDpcLevel (wdm.h), WDK documentation
    - SDV rules SpinlockRelease, QueuedSpinLockRelease, IrqlKeReleaseSpinLock
    """

    id = "KD508"
    name = "spin-lock-release-mismatch"
    severity = Severity.ERROR
    precision = "high"
    tags = ("correctness", "reliability")
    calls = RELEASES

    def check_call(self, call, ctx) -> None:
        pass  # check_function does the work (it needs the facts); `calls` documents the scope

    def check_function(self, fn, ctx) -> None:
        model = Q.file_model(fn)
        flow = Q.seeded_flow(fn)
        for call in fn.calls:
            if call.name not in RELEASES:
                continue
            act = L.ACTIONS[call.name]
            for c in sorted(Q.contexts_before(fn, call), key=lambda c: len(c.held)):
                info = Q.release_info(flow, call, c)
                msg, first = self._problem(info, act, c, model)
                if msg:
                    steps = Q.code_flow(fn, c, call.cursor, ctx.span, f"'{call.name}'",
                                        start=model.sites.get(first) if first else None,
                                        start_text="the lock's earlier acquire or release")
                    ctx.report(self, call.cursor, msg, code_flow=steps)
                    break

    @staticmethod
    def _problem(info, act, c, model):
        if info.held is not None:
            h = info.held
            if h.kind != act.kind and L.DPC_VARIANT.get(h.kind) == act.kind:
                line = model.sites[h.site].location.line if h.site in model.sites else 0
                if act.kind in (L.SPIN_DPC, L.QUEUED_DPC, L.EX_SPIN_DPC):
                    return (f"{h.kind} '{L.render(h.key)}' was acquired at line {line} with a routine "
                            f"that raises the IRQL, but is released with the DPC-level variant, which "
                            f"does not lower it (use {L.RELEASE_OF[h.kind]})"), h.site
                return (f"{h.kind} '{L.render(h.key)}' was acquired at line {line} at DPC level "
                        f"(no IRQL saved), but is released with a routine that lowers the IRQL "
                        f"(use {L.RELEASE_OF[h.kind]})"), h.site
        elif info.guessed or info.lock is None:
            return None, 0
        elif info.released_at is not None:
            cur = model.sites.get(info.released_at)
            line = cur.location.line if cur is not None else 0
            return (f"{act.kind} '{L.render(info.lock)}' is released again: it was already "
                    f"released at line {line} on this path"), info.released_at
        s = info.saved
        if s is not None and s.lock is not None and s.lock != info.lock \
                and any(h.key == s.lock for h in c.held):
            cur = model.sites.get(s.site)
            line = cur.location.line if cur is not None else 0
            return (f"'{L.render(info.lock)}' is released with the IRQL saved when "
                    f"'{L.render(s.lock)}' was acquired at line {line}, and '{L.render(s.lock)}' is "
                    f"still held: the locks are crossed"), s.site
        return None, 0
