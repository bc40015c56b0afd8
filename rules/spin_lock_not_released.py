"""KD507: a spin lock acquired in a function is not released on some path out of it (IQ-07)."""
from __future__ import annotations

from kdlint.model import irql as Q
from kdlint.model import locks as L
from kdlint.model.driver import Role
from kdlint.rule import Rule, Severity


def _on_stack(key) -> bool:
    """The lock (or its queue handle) is a local variable of the function, not reached through
    a pointer: no caller can release it."""
    return key is not None and key[0][0] == "l" and "*" not in key[1:]


class SpinLockNotReleased(Rule):
    """A spin lock is still held on some path out of the function that acquired it.

    ## What it does
    Follows each spin lock (`KeAcquireSpinLock`, `KeAcquireSpinLockAtDpcLevel`, in-stack queued,
    executive and interrupt spin locks, `IoAcquireCancelSpinLock`) from its acquire to the function's returns and flags the acquire when some returns still hold it
    and others do not (an early return or error path that forgets the release), or when every
    return holds a lock the caller cannot release: an in-stack queued lock whose handle lives on
    the stack, or any lock in a driver callback (dispatch, DPC, completion routine, ...). A cancel
    routine that returns without `IoReleaseCancelSpinLock` is flagged too. Helpers that acquire
    a lock on every path and leave it to their caller (lock wrappers) are followed into the
    caller through their summary, and not flagged.

    ## Why is this bad?
    A spin lock left held keeps the processor at DISPATCH_LEVEL and makes every other processor
    that wants the lock spin forever: the system hangs, or Driver Verifier bug-checks.

    ## Example
    ```c
    KSPIN_LOCK lock;
    KIRQL oldIrql;
    KeInitializeSpinLock(&lock);
    KeAcquireSpinLock(&lock, &oldIrql);
    if (Irp->Cancel)
        return;
    KeReleaseSpinLock(&lock, oldIrql);
    ```

    Use instead:
    ```c
    KSPIN_LOCK lock;
    KIRQL oldIrql;
    BOOLEAN cancelled;
    KeInitializeSpinLock(&lock);
    KeAcquireSpinLock(&lock, &oldIrql);
    cancelled = Irp->Cancel;
    KeReleaseSpinLock(&lock, oldIrql);
    if (cancelled)
        return;
    ```

    ## Limitations
    Paths are told apart by simple conditions (a variable or field tested again later); a lock
    whose release depends on a more complex correlation (a status returned by a helper, a loop
    counter) may be reported. `KeTryToAcquireSpinLockAtDpcLevel` is not followed. Locks named by
    an expression kdlint cannot name (an array element chosen at run time, a function result)
    are not followed.

    ## References
    - KeAcquireSpinLock / KeReleaseSpinLock (wdm.h), WDK documentation
    - SDV rules SpinLock, SpinLockDpc, QueuedSpinLock; Code Analysis C26115
    """

    id = "KD507"
    name = "spin-lock-not-released"
    severity = Severity.ERROR
    precision = "high"
    tags = ("correctness", "reliability")

    def check_function(self, fn, ctx) -> None:
        exits = Q.exits(fn)
        if not exits:
            return
        model = Q.file_model(fn)
        callback = bool(fn.roles - {Role.CSQ})
        # lock key -> [exits holding it], [exits not holding it]
        holding: dict = {}
        for node, ctxs in exits:
            for c in ctxs:
                for h in c.held:
                    if h.kind not in L.SPIN_KINDS:
                        continue
                    holding.setdefault((h.key, h.kind, h.site, h.handle), []).append((node, c))
        for (key, kind, site, handle), where in sorted(holding.items(), key=lambda kv: repr(kv[0])):
            total = sum(len(ctxs) for _, ctxs in exits)
            some = len(where) < total
            local = _on_stack(key) or _on_stack(handle)
            if not (some or callback or local):
                continue  # a lock wrapper: every path returns holding it, the caller releases
            if site == 0 and Role.CANCEL not in fn.roles:
                continue
            acquire = model.sites.get(site)
            node, c = where[0]
            text = f"{kind} '{L.render(key)}'"
            ret = f" at line {node.location.line}" if node is not None else " at the end"
            if acquire is None:  # held on entry: the cancel spin lock
                msg = (f"cancel routine '{fn.name}' returns{ret} without releasing the cancel spin "
                       "lock (IoReleaseCancelSpinLock(Irp->CancelIrql))")
                anchor = node if node is not None else fn.cursor
            else:
                how = "on some paths" if some else "on every path"
                msg = (f"{text} acquired here is not released {how}: it is still held at the "
                       f"return{ret}")
                anchor = acquire
            steps = Q.code_flow(fn, c, node if node is not None else anchor, ctx.span,
                                f"returns with {text} held", start=acquire,
                                start_text=f"{text} acquired" if acquire is not None else "")
            ctx.report(self, anchor, msg, code_flow=steps)
