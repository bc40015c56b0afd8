"""KD506: pageable code that runs, or may run, at DISPATCH_LEVEL or above (IQ-06)."""
from __future__ import annotations

from kdlint.model import irql as Q
from kdlint.results import Span, Step
from kdlint.rule import Rule, Severity


class IrqlRaisedInPageableCode(Rule):
    """Pageable code runs at DISPATCH_LEVEL or above.

    ## What it does
    A function is pageable when `#pragma alloc_text(PAGE, f)` names it, when it follows
    `#pragma code_seg("PAGE")`, or when it calls `PAGED_CODE()`. The rule flags:

    - a pageable function whose role runs it at DISPATCH_LEVEL or above: a DPC, StartIo,
      timer, cancel or interrupt routine (error), or a completion routine, which may run at
      DISPATCH_LEVEL (warning);
    - a spin-lock acquire or IRQL raise to DISPATCH_LEVEL inside a pageable function: the code
      up to the release runs at DISPATCH_LEVEL from a pageable section;
    - a call to a pageable function of the same file made while a spin lock is held or the
      IRQL is raised (error), or from a caller that may be at DISPATCH_LEVEL (warning).

    ## Why is this bad?
    The memory manager may page a pageable section out at any time. Taking a page fault at
    DISPATCH_LEVEL or above cannot be serviced and bug-checks the system with
    IRQL_NOT_LESS_OR_EQUAL or DRIVER_IRQL_NOT_LESS_OR_EQUAL, typically only under memory
    pressure, long after testing.

    ## Example
    ```c
    KSPIN_LOCK lock;
    KIRQL oldIrql;
    PAGED_CODE();
    KeInitializeSpinLock(&lock);
    KeAcquireSpinLock(&lock, &oldIrql);
    KeReleaseSpinLock(&lock, oldIrql);
    ```

    Use instead:
    ```c
    PAGED_CODE();
    ```

    ## Limitations
    Pageable callers in other files, and function pointers called at raised IRQL, are not seen.
    `#pragma alloc_text` inside `#if 0` still counts.

    ## References
    - Making Drivers Pageable; PAGED_CODE macro (WDK documentation)
    - SDV rule PagedCode; Code Analysis C28170, C28171, C28172
    """

    id = "KD506"
    name = "irql-raised-in-pageable-code"
    severity = Severity.ERROR
    precision = "high"
    tags = ("correctness", "reliability")

    def check_function(self, fn, ctx) -> None:
        model = Q.file_model(fn)
        mine = Q.is_pageable(fn)
        path = fn.cursor.location.file.name if fn.cursor.location.file else ""
        if mine is not None:
            line, why = mine
            entry = model.entry(fn)
            if entry.known and entry.hi >= Q.DISPATCH:
                must = entry.lo >= Q.DISPATCH
                role = entry.why[0][2] if entry.why else ""
                word = "runs" if must else "may run"
                msg = f"pageable function '{fn.name}' {word} at {Q.level_name(entry.hi)}: {role}"
                steps = [Step(Span(p, ln, 1, ln, 1), t) for p, ln, t in entry.why[:2]]
                steps.append(Step(Span(path, line, 1, line, 1), why))
                ctx.report(self, fn.cursor, msg, code_flow=steps, level=None if must else "warning")
            else:
                sol = Q.solution(fn)
                for call in fn.calls:
                    before, after = sol.before(call.cursor), sol.after(call.cursor)
                    if not before or not after:
                        continue
                    site = call.cursor.hash
                    if any(c.lo >= Q.DISPATCH and c.origin == site for c in after) and \
                            all(c.lo < Q.DISPATCH for c in before):
                        c = next(c for c in after if c.lo >= Q.DISPATCH and c.origin == site)
                        msg = (f"'{call.name}' raises the IRQL to {Q.level_name(c.lo)} inside pageable "
                               f"function '{fn.name}' ({why}, line {line})")
                        ctx.report(self, call.cursor, msg, related=[Step(Span(path, line, 1, line, 1), why)])
        for call in fn.calls:
            if call.name not in fn.callgraph.functions or call.name == fn.name:
                continue
            target = model.pageable(call.name)
            if target is None:
                continue
            ctxs = Q.contexts_before(fn, call)
            must = [c for c in ctxs if c.lo >= Q.DISPATCH]
            may = [c for c in ctxs if c.hi >= Q.DISPATCH and c.known]
            if not must and not may:
                continue
            c = must[0] if must else may[0]
            word = "at" if must else "possibly at"
            at = Q.level_name(c.lo if must else c.hi)
            msg = (f"pageable function '{call.name}' ({target[1]}) is called {word} {at}: "
                   f"{Q.why_raised(fn, c)}")
            steps = Q.code_flow(fn, c, call.cursor, ctx.span, f"'{call.name}' called at {at}")
            ctx.report(self, call.cursor, msg, code_flow=steps, level=None if must else "warning")
