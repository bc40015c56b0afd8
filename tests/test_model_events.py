"""The event model (kdlint.model.events, event_state, event_protocol) and the event rules'
mechanical fixes, applied to the source to check they produce the intended code."""
from __future__ import annotations

from pathlib import Path

import pytest

from kdlint import registry
from kdlint.config import Settings
from kdlint.engine import check_file
from kdlint.model.driver import build_driver_model
from kdlint.model.event_protocol import first_calls_after, handshakes, pending_exit_without_wait
from kdlint.model.event_state import event_states
from kdlint.model.events import Storage, events_of, file_events, unused_calls
from kdlint.model.modes import Mode
from kdlint.parse import parse


def _parse(tmp_path: Path, body: str):
    src = tmp_path / "drv.c"
    src.write_text("#include <ntddk.h>\n" + body)
    parsed = parse(src, Settings(headers="model"))
    model = build_driver_model(parsed.functions)
    return parsed, model.callgraph


def _fix_applied(tmp_path: Path, rule_id: str, body: str) -> str:
    src = tmp_path / "fix.c"
    text = "#include <ntddk.h>\n" + body
    src.write_text(text)
    got = check_file(src, Settings(headers="model"), registry.select([rule_id]))
    fixes = [f for d in got.diagnostics for f in d.fixes]
    assert fixes, got.diagnostics
    lines = text.split("\n")
    for f in sorted(fixes, key=lambda f: (f.span.line, f.span.column), reverse=True):
        s = f.span
        assert s.line == s.end_line
        line = lines[s.line - 1]
        lines[s.line - 1] = line[:s.column - 1] + f.text + line[s.end_column - 1:]
    return "\n".join(lines)


MODEL_SRC = r"""
typedef struct _CTX { KEVENT Ev; ULONG x; } CTX, *PCTX;
typedef struct _DEVICE_EXTENSION { KEVENT Stop; } DEVICE_EXTENSION, *PDEVICE_EXTENSION;
KEVENT Global;
VOID Helper(PCTX c) { KeInitializeEvent(&c->Ev, NotificationEvent, FALSE); }
NTSTATUS F(PDEVICE_OBJECT DeviceObject, PIRP Irp, KPROCESSOR_MODE m)
{
    KEVENT e; CTX ctx, ctx2; PKEVENT pe = &ctx.Ev;
    PDEVICE_EXTENSION ext = DeviceObject->DeviceExtension;
    PCTX pool = ExAllocatePoolWithTag(PagedPool, sizeof(CTX), 'x');
    PCTX np = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(CTX), 'x');
    PVOID objs[2];
    objs[0] = &e; objs[1] = &ctx.Ev;
    KeWaitForSingleObject(&e, Executive, UserMode, FALSE, NULL);
    KeInitializeEvent(&e, NotificationEvent, FALSE);
    Helper(&ctx2);
    KeWaitForSingleObject(pe, Executive, Irp->RequestorMode, FALSE, NULL);
    KeWaitForSingleObject(&ctx2.Ev, Executive, m, FALSE, NULL);
    KeWaitForSingleObject(&ext->Stop, Executive, KernelMode, FALSE, NULL);
    KeSetEvent(&pool->Ev, 0, FALSE);
    KeWaitForMultipleObjects(2, objs, WaitAll, Executive, UserMode, FALSE, NULL, NULL);
    KeSetEvent(&Global, 0, FALSE);
    KeSetEvent(&np->Ev, 0, FALSE);
    return 0;
}
"""


def test_storage_modes_and_states(tmp_path):
    parsed, cg = _parse(tmp_path, MODEL_SRC)
    fn = cg.facts("F")
    ops = events_of(fn).ops
    states = event_states(fn)
    seen = [(op.kind, op.mode, [(r.text, r.storage) for r in op.refs],
             [frozenset(states.before(op.cursor, r.path) or ()) for r in op.refs]) for op in ops]
    uninit = frozenset({("uninit", False)})
    assert seen[0] == ("wait", Mode.USER, [("e", Storage.STACK)], [uninit])
    assert seen[2][1] == Mode.REQUESTOR and seen[2][2] == [("ctx.Ev", Storage.STACK)]
    assert seen[2][3] == [uninit]  # the pointer is looked through; ctx.Ev never initialised
    assert seen[3][2] == [("ctx2.Ev", Storage.STACK)]
    assert seen[3][3] == [frozenset({("init", False)})]  # initialised by the helper
    assert seen[4][2] == [("ext->Stop", Storage.DEVICE_EXTENSION)] and seen[4][3] == [frozenset()]
    assert seen[5][2] == [("pool->Ev", Storage.PAGED_POOL)] and seen[5][3] == [uninit]
    assert seen[6][2] == [("e", Storage.STACK), ("ctx.Ev", Storage.STACK)]
    assert seen[6][3][0] == frozenset({("notif", False)})
    assert seen[7][2] == [("Global", Storage.GLOBAL)]
    assert seen[8][2] == [("np->Ev", Storage.NONPAGED_POOL)]
    keys = file_events(fn).keys
    assert any(k[0] == "field" and k[2] == "Ev" for k in keys)
    assert any(k[0] == "global" for k in keys)


def test_escapes_and_handoffs(tmp_path):
    parsed, cg = _parse(tmp_path, r"""
    VOID Unknown(PVOID p);
    NTSTATUS G(PDEVICE_OBJECT Lower)
    {
        KEVENT a, b; IO_STATUS_BLOCK iosb; PIRP irp; NTSTATUS status;
        KeInitializeEvent(&a, NotificationEvent, FALSE);
        Unknown(&a);
        KeSetEvent(&a, 0, FALSE);
        KeInitializeEvent(&b, NotificationEvent, FALSE);
        irp = IoBuildDeviceIoControlRequest(1, Lower, NULL, 0, NULL, 0, FALSE, &b, &iosb);
        status = IoCallDriver(Lower, irp);
        KeClearEvent(&b);
        return status;
    }""")
    fn = cg.facts("G")
    ops = events_of(fn).ops
    st = event_states(fn)
    assert st.before(ops[1].cursor, ops[1].refs[0].path) == frozenset({("escaped", False)})
    assert st.before(ops[3].cursor, ops[3].refs[0].path) == frozenset({("notif", True)})
    (hs,) = handshakes(fn)
    assert hs.how == "IoBuild" and hs.ref.text == "b" and hs.send is not None
    assert pending_exit_without_wait(fn, hs) is not None


def test_unused_results_and_first_calls(tmp_path):
    parsed, cg = _parse(tmp_path, r"""
    VOID H(PKEVENT e) {
        LONG x = KeResetEvent(e);
        KeResetEvent(e);
        KeSetEvent(e, 0, TRUE);
        KeWaitForSingleObject(e, Executive, KernelMode, FALSE, NULL);
    }""")
    fn = cg.facts("H")
    resets = fn.calls_to("KeResetEvent")
    unused = unused_calls(fn)
    assert resets[0].cursor not in unused and resets[1].cursor in unused
    (set_call,) = fn.calls_to("KeSetEvent")
    (wait,) = fn.calls_to("KeWaitForSingleObject")
    assert first_calls_after(fn, set_call.cursor) == [wait.cursor]


# -- fixes ---------------------------------------------------------------------------------
def test_fix_swapped_event_init_arguments(tmp_path):
    out = _fix_applied(tmp_path, "KD101", "VOID F(VOID) { KEVENT e; "
                       "KeInitializeEvent(&e, FALSE, NotificationEvent); }\n")
    assert "KeInitializeEvent(&e, NotificationEvent, FALSE);" in out


@pytest.mark.parametrize("mode", ["UserMode", "Irp->RequestorMode", "ExGetPreviousMode()"])
def test_fix_stack_wait_to_kernel_mode(tmp_path, mode):
    out = _fix_applied(tmp_path, "KD102", "VOID F(PIRP Irp) { KEVENT e; "
                       "KeInitializeEvent(&e, NotificationEvent, FALSE); "
                       f"KeWaitForSingleObject(&e, Executive, {mode}, FALSE, NULL); }}\n")
    assert "KeWaitForSingleObject(&e, Executive, KernelMode, FALSE, NULL);" in out


def test_fix_reset_to_clear(tmp_path):
    out = _fix_applied(tmp_path, "KD104", "VOID F(PKEVENT e) { (VOID)KeResetEvent(e); }\n")
    assert "(VOID)KeClearEvent(e);" in out


def test_fix_swapped_wait_arguments(tmp_path):
    out = _fix_applied(tmp_path, "KD103", "VOID F(PKEVENT e) { "
                       "KeWaitForSingleObject(e, KernelMode, Executive, FALSE, NULL); }\n")
    assert "KeWaitForSingleObject(e, Executive, KernelMode, FALSE, NULL);" in out


def test_fix_forward_wait_event_not_signaled(tmp_path):
    out = _fix_applied(tmp_path, "KD114", "NTSTATUS F(PDEVICE_OBJECT T) { KEVENT e; "
                       "IO_STATUS_BLOCK io; PIRP irp; NTSTATUS s;\n"
                       "KeInitializeEvent(&e, NotificationEvent, TRUE);\n"
                       "irp = IoBuildSynchronousFsdRequest(IRP_MJ_FLUSH_BUFFERS, T, NULL, 0, NULL, &e, &io);\n"
                       "s = IoCallDriver(T, irp);\n"
                       "if (s == STATUS_PENDING) KeWaitForSingleObject(&e, Executive, KernelMode, FALSE, NULL);\n"
                       "return s; }\n")
    assert "KeInitializeEvent(&e, NotificationEvent, FALSE);" in out


def test_completion_sides(tmp_path):
    _, cg = _parse(tmp_path, r"""
NTSTATUS OnlyPending(PDEVICE_OBJECT D, PIRP Irp, PVOID Context)
{ if (Irp->PendingReturned) KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
  return STATUS_MORE_PROCESSING_REQUIRED; }
NTSTATUS Always(PDEVICE_OBJECT D, PIRP Irp, PVOID Context)
{ KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE); return STATUS_SUCCESS; }
NTSTATUS A(PDEVICE_OBJECT L, PIRP Irp)
{ KEVENT e; NTSTATUS s; KeInitializeEvent(&e, NotificationEvent, FALSE);
  IoSetCompletionRoutine(Irp, OnlyPending, &e, TRUE, TRUE, TRUE);
  s = IoCallDriver(L, Irp);
  KeWaitForSingleObject(&e, Executive, KernelMode, FALSE, NULL);
  IoCompleteRequest(Irp, IO_NO_INCREMENT); return s; }
NTSTATUS B(PDEVICE_OBJECT L, PIRP Irp)
{ KEVENT e; NTSTATUS s; KeInitializeEvent(&e, NotificationEvent, FALSE);
  IoSetCompletionRoutine(Irp, Always, &e, TRUE, TRUE, TRUE);
  s = IoCallDriver(L, Irp);
  IoCompleteRequest(Irp, IO_NO_INCREMENT); return s; }
""")
    from kdlint.model.event_protocol import completion_side, irp_use_while_pending, \
        wait_when_not_pending
    (a,) = handshakes(cg.facts("A"))
    cs = completion_side(cg.facts("A"), a)
    assert (cs.always, cs.when_pending, cs.bad_returns) == (False, True, [])
    assert wait_when_not_pending(cg.facts("A"), a) is not None
    assert irp_use_while_pending(cg.facts("A"), a) is None
    (b,) = handshakes(cg.facts("B"))  # no wait: found from what Always signals
    assert b.ref.text == "e"
    cs = completion_side(cg.facts("B"), b)
    assert cs.always and len(cs.bad_returns) == 1
    assert irp_use_while_pending(cg.facts("B"), b) is not None
