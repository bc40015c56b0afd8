"""KD504: the IRQL is lowered to a value no raise saved, a saved IRQL is overwritten before it
is restored, or the IRQL is lowered below the level the function was entered at (IQ-04)."""
from __future__ import annotations

from clang.cindex import CursorKind as K

from kdlint.cursors import strip_casts
from kdlint.libclang import evaluate_int
from kdlint.model import irql as Q
from kdlint.model import locks as L
from kdlint.rule import Rule, Severity

SAVERS = tuple(n for n, a in L.ACTIONS.items() if a.op in ("acquire", "raise") and a.save not in (None, "lock"))
RESTORERS = tuple(n for n, a in L.ACTIONS.items() if isinstance(a.restore, int))


class IrqlRestoredIncorrectly(Rule):
    """The IRQL is restored from the wrong value.

    ## What it does
    Follows the old IRQL that `KeRaiseIrql`, `KeRaiseIrqlToDpcLevel`, `KeAcquireSpinLock`,
    `IoAcquireCancelSpinLock`, `KeAcquireInterruptSpinLock` and `ExAcquireSpinLock*` save, and
    flags:

    - `KeLowerIrql(v)` or a release with `v` where the local `v` was never set by a raise or
      acquire on the path (it holds garbage);
    - a raise or acquire that stores its old IRQL into a variable that still holds an earlier
      saved IRQL not yet restored (two nested locks sharing one `OldIrql`: the outer release
      then restores DISPATCH_LEVEL instead of the caller's IRQL);
    - lowering to a constant below the IRQL the function was entered at (a DPC that calls
      `KeLowerIrql(PASSIVE_LEVEL)`).

    ## Why is this bad?
    The kernel trusts the value: lowering to garbage or below the entry IRQL lets the thread be
    preempted while its caller still relies on DISPATCH_LEVEL, and a clobbered `OldIrql` leaves
    the processor at DISPATCH_LEVEL after the last release, where the next pageable access
    bug-checks.

    ## Example
    ```c
    KSPIN_LOCK a, b;
    KIRQL oldIrql;
    KeInitializeSpinLock(&a);
    KeInitializeSpinLock(&b);
    KeAcquireSpinLock(&a, &oldIrql);
    KeAcquireSpinLock(&b, &oldIrql);
    KeReleaseSpinLock(&b, oldIrql);
    KeReleaseSpinLock(&a, oldIrql);
    ```

    Use instead:
    ```c
    KSPIN_LOCK a, b;
    KIRQL oldA, oldB;
    KeInitializeSpinLock(&a);
    KeInitializeSpinLock(&b);
    KeAcquireSpinLock(&a, &oldA);
    KeAcquireSpinLock(&b, &oldB);
    KeReleaseSpinLock(&b, oldB);
    KeReleaseSpinLock(&a, oldA);
    ```

    ## Limitations
    Only local variables are checked for "never saved"; an IRQL kept in a structure field or
    passed in by a caller is trusted. Paths are told apart by simple conditions only.

    ## References
    - KeRaiseIrql, KeLowerIrql, KeAcquireSpinLock (wdm.h), WDK documentation
    - SDV rules IrqlKeRaiseLower; Code Analysis C28124, C28141, C28157, C28158
    """

    id = "KD504"
    name = "irql-restored-incorrectly"
    severity = Severity.ERROR
    precision = "high"
    tags = ("correctness", "reliability")

    def check_function(self, fn, ctx) -> None:
        model = Q.file_model(fn)
        flow = Q.seeded_flow(fn)
        entry = model.entry(fn)
        assigned = None
        for call in fn.calls:
            if call.name in SAVERS:
                var = Q.saved_into(fn, call)
                if var is None:
                    continue
                for c in Q.contexts_before(fn, call):
                    old = next((s for s in c.saved if s.var == var and not s.consumed and s.site), None)
                    if old is None:
                        continue
                    first = model.sites.get(old.site)
                    line = first.location.line if first is not None else 0
                    msg = (f"'{call.name}' stores the old IRQL in '{L.render(var)}', which still holds "
                           f"the IRQL saved at line {line} and not yet restored")
                    ctx.report(self, call.cursor, msg, code_flow=Q.code_flow(
                        fn, c, call.cursor, ctx.span, f"'{call.name}' overwrites it", start=first,
                        start_text=f"IRQL saved in '{L.render(var)}'"))
                    break
            elif call.name in RESTORERS:
                act = L.ACTIONS[call.name]
                arg = call.arg(act.restore)
                key = flow.key_of(arg) if arg is not None else None
                ctxs = Q.contexts_before(fn, call)
                if not ctxs:
                    continue
                value = strip_casts(arg, fn.callgraph.children) if arg is not None else None
                if value is not None and value.kind == K.INTEGER_LITERAL or \
                        (value is not None and value.kind == K.DECL_REF_EXPR
                         and value.referenced is not None and value.referenced.kind == K.ENUM_CONSTANT_DECL):
                    level = evaluate_int(value)
                    if entry.known and level is not None and level < entry.lo:
                        c = next(iter(ctxs))
                        msg = (f"'{call.name}' lowers the IRQL to {Q.level_name(level)}, below the "
                               f"{Q.level_name(entry.lo)} '{fn.name}' was entered at: {Q.why_raised(fn, c)}")
                        ctx.report(self, call.cursor, msg, code_flow=Q.code_flow(
                            fn, c._replace(src="entry"), call.cursor, ctx.span, f"'{call.name}'"))
                    continue
                if key is None or len(key) != 1 or key[0][0] != "l":
                    continue
                if assigned is None:
                    assigned = _plainly_assigned(fn, flow)
                if key in assigned:
                    continue
                missing = [c for c in ctxs if not any(s.var == key for s in c.saved)]
                if not missing:
                    continue
                every = len(missing) == len(ctxs)
                msg = (f"'{call.name}' restores the IRQL from '{L.render(key)}', which no raise or "
                       f"acquire saved {'on any path' if every else 'on some paths'} to here")
                ctx.report(self, call.cursor, msg, level=None if every else "warning",
                           code_flow=Q.code_flow(fn, missing[0], call.cursor, ctx.span,
                                                 f"'{call.name}' with an unsaved IRQL"))


def _plainly_assigned(fn, flow) -> set:
    """Locals given a value by something other than a saving call (trusted: set on purpose)."""
    out = set()
    cg = fn.callgraph
    scan = cg.scan(fn.name)
    pairs = [(L.local_key(v), i) for v, i in scan.inits]
    pairs += [(flow.key_of(lhs), rhs) for _, lhs, rhs in scan.assignments]
    for key, value in pairs:
        v = strip_casts(value, cg.children)
        if key is None:
            continue
        if v is not None and v.kind == K.CALL_EXPR:
            call = fn.call_of(v)
            if call is not None and call.name in SAVERS:
                continue
        out.add(key)
    # passed by address to something that is not a saver: may be set there
    for call in fn.calls:
        if call.name in SAVERS:
            continue
        for a in call.args:
            k = flow.key_of(a)
            if k is not None and len(k) == 2 and k[1] == "&":
                out.add((k[0],))
    return out
