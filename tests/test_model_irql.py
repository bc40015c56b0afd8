"""The IRQL model on self-contained snippets: entry seeds, raises and locks, lock wrappers
through summaries, correlated branches, KeGetCurrentIrql guards, the public query API, access
paths and pageable-section detection."""
from __future__ import annotations

from cparse import definitions, parse_snippet
from kdlint.model import irql as Q
from kdlint.model import locks as L
from kdlint.model import pageable as P
from kdlint.model.driver import build_driver_model

DECLS = r"""
typedef unsigned char KIRQL; typedef unsigned long long KSPIN_LOCK;
typedef struct { void *a; KIRQL OldIrql; } KLOCK_QUEUE_HANDLE;
#define A(x) __attribute__((annotate(x)))
KIRQL KeAcquireSpinLockRaiseToDpc(KSPIN_LOCK *l);
#define KeAcquireSpinLock(l, o) *(o) = KeAcquireSpinLockRaiseToDpc(l)
void KeReleaseSpinLock(KSPIN_LOCK *l, KIRQL o);
void KeAcquireInStackQueuedSpinLock(KSPIN_LOCK *l, KLOCK_QUEUE_HANDLE *h);
void KeReleaseInStackQueuedSpinLock(KLOCK_QUEUE_HANDLE *h);
KIRQL KeRaiseIrqlToDpcLevel(void);
void KeLowerIrql(KIRQL o);
KIRQL KeGetCurrentIrql(void);
A("kd:IRQL_requires_max:PASSIVE_LEVEL") int ZwClose(void *h);
void Work(void);
typedef struct { KSPIN_LOCK Lock; KIRQL Irql; int Flag; } EXT;
"""

SRC = DECLS + r"""
A("kd:IRQL_requires:DISPATCH_LEVEL") void AtDpc(EXT *e) { Work(); }
void Plain(EXT *e) {
    KIRQL old;
    Work();
    KeAcquireSpinLock(&e->Lock, &old);
    Work();
    KeReleaseSpinLock(&e->Lock, old);
    Work();
}
static void Lock(EXT *e) { KeAcquireSpinLock(&e->Lock, &e->Irql); }
static void Unlock(EXT *e) { KeReleaseSpinLock(&e->Lock, e->Irql); }
static void Release(EXT *e, KIRQL irql) { KeReleaseSpinLock(&e->Lock, irql); }
A("kd:IRQL_requires_max:PASSIVE_LEVEL") void Wrapped(EXT *e) {
    KIRQL old;
    Lock(e);
    Work();
    Unlock(e);
    Work();
    KeAcquireSpinLock(&e->Lock, &old);
    Work();
    Release(e, old);
    Work();
}
A("kd:IRQL_requires_max:PASSIVE_LEVEL") void Correlated(EXT *e, int locked) {
    KIRQL old = 0;
    if (locked)
        KeAcquireSpinLock(&e->Lock, &old);
    Work();
    if (locked)
        KeReleaseSpinLock(&e->Lock, old);
    Work();
}
A("kd:IRQL_requires_max:DISPATCH_LEVEL") void Guarded(EXT *e) {
    if (KeGetCurrentIrql() == 0)
        Work();
    Work();
}
static void CloseIt(void *h) { ZwClose(h); }
void Queued(EXT *e) {
    KLOCK_QUEUE_HANDLE h;
    KeAcquireInStackQueuedSpinLock(&e->Lock, &h);
    Work();
    KeReleaseInStackQueuedSpinLock(&h);
    CloseIt(0);
}
"""


def _setup(src=SRC):
    tu = parse_snippet(src)
    model = build_driver_model(definitions(tu))
    return model.callgraph


def _works(cg, name):
    fn = cg.facts(name)
    return fn, fn.calls_to("Work")


def test_entry_from_annotation_and_unknown():
    cg = _setup()
    fn, (w,) = _works(cg, "AtDpc")
    assert Q.entry_irql(fn) == Q.IrqlRange(2, 2, True)
    assert Q.irql_at(fn, w).must_above(Q.APC)
    fn, works = _works(cg, "Plain")
    assert Q.entry_irql(fn) is None
    first = Q.irql_at(fn, works[0])
    assert not first.certain and not first.must_above(Q.PASSIVE)


def test_spin_lock_raises_and_release_restores():
    cg = _setup()
    fn, works = _works(cg, "Plain")
    inside = Q.irql_at(fn, works[1])
    assert (inside.lo, inside.hi, inside.certain) == (2, 2, True)
    assert [h.text for h in Q.locks_held_at(fn, works[1])] == ["e->Lock"]
    assert Q.locks_held_at(fn, works[2]) == []
    after = Q.irql_at(fn, works[2])
    assert not after.must_above(Q.PASSIVE)


def test_lock_wrappers_through_summaries():
    cg = _setup()
    fn, works = _works(cg, "Wrapped")
    got = [(Q.irql_at(fn, w).lo, Q.irql_at(fn, w).hi) for w in works]
    assert got == [(2, 2), (0, 0), (2, 2), (0, 0)]
    assert [h.kind for h in Q.locks_held_at(fn, works[0])] == [L.SPIN]
    assert Q.locks_held_at(fn, works[1]) == []
    assert Q.locks_held_at(fn, works[3]) == []


def test_correlated_branches_do_not_leave_the_lock_held():
    cg = _setup()
    fn, works = _works(cg, "Correlated")
    assert Q.irql_at(fn, works[1]) == Q.IrqlRange(0, 0, True)
    exits = Q.exits(fn)
    assert exits and all(not c.held for _, ctxs in exits for c in ctxs)


def test_current_irql_guard_narrows_the_range():
    cg = _setup()
    fn, works = _works(cg, "Guarded")
    assert (Q.irql_at(fn, works[0]).lo, Q.irql_at(fn, works[0]).hi) == (0, 0)
    assert (Q.irql_at(fn, works[1]).lo, Q.irql_at(fn, works[1]).hi) == (0, 2)


def test_requirements_from_annotations_and_helpers():
    cg = _setup()
    fn = cg.facts("Queued")
    (close,) = fn.calls_to("CloseIt")
    req = Q.requirement(fn, close)
    assert req.hi == Q.PASSIVE and req.via and "ZwClose" in req.via[0][1]
    fn2 = cg.facts("CloseIt")
    (z,) = fn2.calls_to("ZwClose")
    assert Q.requirement(fn2, z).hi == Q.PASSIVE


def test_queued_lock_released_by_handle():
    cg = _setup()
    fn, (w,) = _works(cg, "Queued")
    assert [h.kind for h in Q.locks_held_at(fn, w)] == [L.QUEUED]
    (close,) = fn.calls_to("CloseIt")
    assert Q.locks_held_at(fn, close) == []


def test_helper_entry_from_its_callers():
    src = DECLS + r"""
    static void Inner(EXT *e) { Work(); }
    void Outer(EXT *e) { KIRQL old; KeAcquireSpinLock(&e->Lock, &old); Inner(e); KeReleaseSpinLock(&e->Lock, old); }
    """
    cg = _setup(src)
    fn, (w,) = _works(cg, "Inner")
    assert Q.irql_at(fn, w) == Q.IrqlRange(2, 2, True)


def test_access_paths_render_and_substitute():
    key = (("p", 0, "Ext"), "*", ".Lock", "&")
    assert L.render(key) == "&Ext->Lock"
    assert L.render(L.lock_key(key)) == "Ext->Lock"
    caller = (("l", "dev", 7), "*", ".Inner")
    got = L.substitute((("p", 0, "Ext"), "*", ".Lock"), [None], lambda i: caller)
    assert L.render(got) == "dev->Inner->Lock"
    assert L.substitute((("l", "x", 1),), [], lambda i: None) is None
    assert L.parse_level("(DISPATCH_LEVEL)") == L.DISPATCH and L.parse_level("NewIrql") is None


def test_pageable_sections_from_text():
    text = ("#pragma alloc_text(PAGE, A, B)\n#pragma alloc_text(INIT, DriverEntry)\n"
            "void A(void) {}\n#pragma code_seg(\"PAGE\")\nvoid C(void) {}\n#pragma code_seg()\n"
            "void D(void) { PAGED_CODE(); }\nvoid E(void) { /* PAGED_CODE(); */ }\n")
    pf = P.scan(text)

    def reason(name):
        start = text.index(f"void {name}(")
        end = text.index("}", start) + 1
        return pf.reason(name, start, end, lambda off: text.count("\n", 0, off) + 1)

    assert reason("A")[0] == 1 and pf.alloc_text.get("B") == 1
    assert "DriverEntry" not in pf.alloc_text
    assert "code_seg" in reason("C")[1]
    assert "PAGED_CODE" in reason("D")[1]
    assert reason("E") is None


def test_requirements_read_from_header_text_when_macros_expand_to_nothing():
    header = r"""
#define _IRQL_requires_max_(x)
#define _When_(c, a)
#define APC_LEVEL 1
_IRQL_requires_max_(APC_LEVEL)
int WdkStyleApi(int a);
_When_(a == 0, _IRQL_requires_max_(PASSIVE_LEVEL))
_IRQL_requires_max_(DISPATCH_LEVEL)
int ConditionalApi(int a);
int PlainApi(int a);
"""
    src = '#include "fake.h"\nvoid F(void) { WdkStyleApi(0); ConditionalApi(0); PlainApi(0); ZwQueryKey(0); }\n'
    tu = parse_snippet("int ZwQueryKey(int);\n" + src, files={"fake.h": header})
    cg = build_driver_model(definitions(tu)).callgraph
    fn = cg.facts("F")
    got = {c.name: Q.requirement(fn, c).hi for c in fn.calls}
    assert got == {"WdkStyleApi": Q.APC, "ConditionalApi": Q.DISPATCH, "PlainApi": Q.HIGH,
                   "ZwQueryKey": Q.PASSIVE}
