"""The IRP ownership model (kdlint.model.irp): values, facts at program points, summaries."""
from __future__ import annotations

from cparse import definitions, parse_snippet
from kdlint.flow.facts import FunctionFacts
from kdlint.model.driver import build_driver_model
from kdlint.model.irp import COMPLETED, ESCAPED, FORWARDED, OWNED, QUEUED, RECLAIMED, \
    IrpSummaries, irp_model
from kdlint.model.irp_values import LOWER, P, S, STATUS_PENDING, Val

PRELUDE = r"""
typedef long NTSTATUS;
typedef unsigned char BOOLEAN;
typedef struct _IO_STATUS_BLOCK { NTSTATUS Status; unsigned long Information; } IO_STATUS_BLOCK;
typedef struct _LIST_ENTRY { struct _LIST_ENTRY *Flink, *Blink; } LIST_ENTRY, *PLIST_ENTRY;
typedef struct _IRP { IO_STATUS_BLOCK IoStatus; BOOLEAN PendingReturned;
                      struct { struct { LIST_ENTRY ListEntry; } Overlay; } Tail; } IRP, *PIRP;
typedef struct _DEVICE_OBJECT { int Flags; } DEVICE_OBJECT, *PDEVICE_OBJECT;
typedef NTSTATUS DRIVER_DISPATCH(PDEVICE_OBJECT, PIRP);
typedef NTSTATUS IO_COMPLETION_ROUTINE(PDEVICE_OBJECT, PIRP, void *);
void IofCompleteRequest(PIRP Irp, char Boost);
NTSTATUS IofCallDriver(PDEVICE_OBJECT D, PIRP Irp);
void IoMarkIrpPending(PIRP Irp);
void IoSetCompletionRoutine(PIRP Irp, IO_COMPLETION_ROUTINE *R, void *C, BOOLEAN a, BOOLEAN b, BOOLEAN c);
void IoSkipCurrentIrpStackLocation(PIRP Irp);
void IoCopyCurrentIrpStackLocationToNext(PIRP Irp);
void InsertTailList(PLIST_ENTRY Head, PLIST_ENTRY Entry);
void SomethingElse(PIRP Irp);
#define STATUS_SUCCESS ((NTSTATUS)0)
#define STATUS_PENDING ((NTSTATUS)0x103)
#define STATUS_MORE_PROCESSING_REQUIRED ((NTSTATUS)0xC0000016L)
#define STATUS_INVALID_PARAMETER ((NTSTATUS)0xC000000DL)
#define NT_SUCCESS(s) (((NTSTATUS)(s)) >= 0)
LIST_ENTRY Queue;
"""


def _models(src):
    tu = parse_snippet(PRELUDE + src)
    fns = definitions(tu)
    driver = build_driver_model(fns)
    facts = {c.spelling: FunctionFacts(c, driver) for c in fns}
    return facts, {name: irp_model(fn) for name, fn in facts.items()}


def _exit_owns(model, param=1):
    sol = model.solution
    return {f.irps[("p", param)].own for f in sol.at_exit if ("p", param) in f.irps}


def test_values_refine_along_branches():
    v = Val.unknown()
    assert v.equal_to(STATUS_PENDING, True).is_pending
    assert v.equal_to(STATUS_PENDING, False).never_pending
    assert Val.const(0).equal_to(0, False) is None
    assert Val.const(0x103).only_classes(frozenset((S,))) is None
    lower = Val.unknown(("lower", 1), LOWER)
    assert lower.only_classes(frozenset((P,))).is_pending
    assert Val.const(0).join(Val.const(5)).consts == frozenset((0, 5))
    not_zero = Val.unknown().equal_to(0, False)
    assert not_zero.truth(False) is None and not_zero.truth(True) is not None
    assert Val.const(0).disjoint(Val.const(-1))


def test_ownership_states_at_exit():
    _, models = _models(r"""
    NTSTATUS Done(PDEVICE_OBJECT D, PIRP Irp, void *C) { return STATUS_MORE_PROCESSING_REQUIRED; }
    NTSTATUS Complete(PDEVICE_OBJECT D, PIRP Irp) { IofCompleteRequest(Irp, 0); return 0; }
    NTSTATUS Forward(PDEVICE_OBJECT D, PIRP Irp) { IoSkipCurrentIrpStackLocation(Irp); return IofCallDriver(D, Irp); }
    NTSTATUS Reclaim(PDEVICE_OBJECT D, PIRP Irp) {
        IoCopyCurrentIrpStackLocationToNext(Irp);
        IoSetCompletionRoutine(Irp, Done, 0, 1, 1, 1);
        return IofCallDriver(D, Irp);
    }
    NTSTATUS Queue1(PDEVICE_OBJECT D, PIRP Irp) {
        IoMarkIrpPending(Irp); InsertTailList(&Queue, &Irp->Tail.Overlay.ListEntry); return STATUS_PENDING;
    }
    NTSTATUS Unknown(PDEVICE_OBJECT D, PIRP Irp) { SomethingElse(Irp); return 0; }
    NTSTATUS Alias(PDEVICE_OBJECT D, PIRP Irp) { PIRP p = Irp; IofCompleteRequest(p, 0); return 0; }
    """)
    assert _exit_owns(models["Complete"]) == {COMPLETED}
    assert _exit_owns(models["Forward"]) == {FORWARDED}
    assert _exit_owns(models["Reclaim"]) == {RECLAIMED}
    assert _exit_owns(models["Queue1"]) == {QUEUED}
    assert _exit_owns(models["Unknown"]) == {ESCAPED}
    assert _exit_owns(models["Alias"]) == {COMPLETED}


def test_status_branches_keep_paths_apart():
    _, models = _models(r"""
    NTSTATUS F(PDEVICE_OBJECT D, PIRP Irp) {
        NTSTATUS status = STATUS_PENDING;
        if (D->Flags) status = STATUS_INVALID_PARAMETER;
        if (status != STATUS_PENDING) { Irp->IoStatus.Status = status; IofCompleteRequest(Irp, 0); }
        else { IoMarkIrpPending(Irp); InsertTailList(&Queue, &Irp->Tail.Overlay.ListEntry); }
        return status;
    }""")
    m = models["F"]
    by_own = {}
    for f in m.solution.at_exit:
        by_own[f.irps[("p", 1)].own] = f
    assert set(by_own) == {COMPLETED, QUEUED}
    assert by_own[QUEUED].vals["$ret"].is_pending
    assert by_own[COMPLETED].vals["$ret"].never_pending
    assert by_own[COMPLETED].irps[("p", 1)].pending is False
    assert by_own[QUEUED].irps[("p", 1)].pending is True


def test_summaries_through_levels_and_conditions():
    facts, models = _models(r"""
    void L2(PIRP Irp) { IofCompleteRequest(Irp, 0); }
    void L1(PIRP Irp) { L2(Irp); }
    NTSTATUS IfFailed(PIRP Irp, NTSTATUS s) { if (!NT_SUCCESS(s)) L1(Irp); return s; }
    NTSTATUS Top(PDEVICE_OBJECT D, PIRP Irp) {
        NTSTATUS s = IfFailed(Irp, STATUS_INVALID_PARAMETER);
        return s;
    }
    NTSTATUS Top2(PDEVICE_OBJECT D, PIRP Irp) {
        NTSTATUS s = IfFailed(Irp, STATUS_SUCCESS);
        return s;
    }""")
    summary = facts["IfFailed"].callgraph.summaries(IrpSummaries()).of("IfFailed")
    owns = {e.own for o in summary.outcomes for e in o.effects}
    assert owns == {COMPLETED, OWNED}
    assert _exit_owns(models["Top"]) == {COMPLETED}
    assert _exit_owns(models["Top2"]) == {OWNED}


def test_double_completion_and_use_after_issues():
    _, models = _models(r"""
    void Finish(PIRP Irp) { Irp->IoStatus.Status = 0; IofCompleteRequest(Irp, 0); }
    NTSTATUS F(PDEVICE_OBJECT D, PIRP Irp) {
        if (D->Flags) Finish(Irp);
        IofCompleteRequest(Irp, 0);
        return Irp->IoStatus.Status;
    }""")
    kinds = sorted(i.kind for i in models["F"].issues)
    assert kinds == ["double-complete", "use-after"]
    double = next(i for i in models["F"].issues if i.kind == "double-complete")
    assert [c.location.line for c, _ in double.steps][0] < double.node.location.line
    assert any("branch taken" in m for _, m in double.steps)
