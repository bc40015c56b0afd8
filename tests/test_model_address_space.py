"""The address-space model (kdlint.model.address_space): sources, probes, modes, captures,
IOCTL methods and lengths, call-site contexts, mapping NULL checks."""
from __future__ import annotations

from pathlib import Path

import pytest

from kdlint.config import Settings
from kdlint.flow.facts import FunctionFacts
from kdlint.model.address_space import TOP, user_memory
from kdlint.model.driver import build_driver_model
from kdlint.model.user_queries import double_fetches, unchecked_mapping_uses
from kdlint.parse import parse

PRELUDE = """#include <ntddk.h>
#define IOCTL_N CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_B CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_BUFFERED, FILE_ANY_ACCESS)
typedef struct _REQ { ULONG A; ULONG B; PVOID P; } REQ, *PREQ;
"""


@pytest.fixture
def model(tmp_path):
    def build(src: str) -> dict:
        path = tmp_path / "t.c"
        path.write_text(PRELUDE + src)
        parsed = parse(Path(path), Settings(headers="model"))
        assert parsed.health.errors == 0, parsed.health.first_errors
        driver = build_driver_model(parsed.functions)
        facts = {c.spelling: FunctionFacts(c, driver) for c in parsed.functions}
        # keep the parse alive as long as the facts
        return {name: user_memory(f) for name, f in facts.items()} | {"_parsed": parsed}
    return build


def _line(cursor) -> int:
    return cursor.location.line - PRELUDE.count("\n")


def test_type3_is_user_and_probe_length_is_recorded(model):
    m = model("""
ULONG F(PIRP Irp) {
    PREQ r = IoGetCurrentIrpStackLocation(Irp)->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG v = 0;
    __try {
        ProbeForRead(r, sizeof(ULONG), 1);
        v = r->B;
    } __except (EXCEPTION_EXECUTE_HANDLER) { v = 0; }
    return v + r->A;
}""")["F"]
    accesses = sorted(m.user_accesses(), key=lambda a: _line(a.access.expr))
    assert [(_line(a.access.expr), a.in_try) for a in accesses] == [(7, True), (9, False)]
    first = accesses[0]
    assert first.source.kind == "type3" and first.probe[0].value == 4
    assert first.access.size.value == 8 and first.short
    assert not accesses[1].short  # r->A (4 bytes) is within the probe


def test_kernel_mode_paths_are_not_user_accesses_and_need_no_probe(model):
    m = model("""
ULONG F(PIRP Irp) {
    PREQ r = IoGetCurrentIrpStackLocation(Irp)->Parameters.DeviceIoControl.Type3InputBuffer;
    if (Irp->RequestorMode != KernelMode)
        ProbeForRead(r, sizeof(REQ), 1);
    return r->A;
}
ULONG G(PIRP Irp) {
    PREQ r = IoGetCurrentIrpStackLocation(Irp)->Parameters.DeviceIoControl.Type3InputBuffer;
    if (UserMode == Irp->RequestorMode)
        return 0;
    return r->A;
}""")
    (only,) = m["F"].user_accesses()
    assert only.probe is not None  # probed on the user-mode path, kernel path needs none
    assert m["G"].user_accesses() == []


def test_captured_copies_are_kernel_but_pointers_inside_stay_user(model):
    m = model("""
UCHAR F(PIRP Irp) {
    PREQ r = IoGetCurrentIrpStackLocation(Irp)->Parameters.DeviceIoControl.Type3InputBuffer;
    REQ copy;
    __try {
        ProbeForRead(r, sizeof(REQ), 1);
        RtlCopyMemory(&copy, r, sizeof(REQ));
        return *(PUCHAR)copy.P + (UCHAR)copy.A;
    } __except (EXCEPTION_EXECUTE_HANDLER) { return 0; }
}""")["F"]
    kinds = sorted((a.access.routine or str(_line(a.access.expr)), a.source.kind)
                   for a in m.user_accesses())
    assert kinds == [("8", "nested"), ("memcpy", "type3")]


def test_case_label_method_decides_user_buffer(model):
    m = model("""
VOID F(PIRP Irp) {
    switch (IoGetCurrentIrpStackLocation(Irp)->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_N: *(PULONG)Irp->UserBuffer = 1; break;
    case IOCTL_B: *(PULONG)Irp->UserBuffer = 2; break;
    }
}""")["F"]
    (only,) = m.user_accesses()
    assert _line(only.access.expr) == 4 and only.source.kind == "userbuffer"
    assert "METHOD_NEITHER" in only.source.origin[0][1]


def test_helper_parameters_get_the_callers_sources_and_probes(model):
    m = model("""
static ULONG Helper(PREQ R) { return R->A; }
static ULONG Probed(PREQ R) { return R->B; }
ULONG F(PIRP Irp) {
    PREQ r = IoGetCurrentIrpStackLocation(Irp)->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG v = Helper(r);
    __try {
        ProbeForRead(r, sizeof(REQ), 1);
        v += Probed(r);
    } __except (EXCEPTION_EXECUTE_HANDLER) { v = 0; }
    return v;
}""")
    (h,) = m["Helper"].user_accesses()
    assert h.probe is None and any("passed to Helper()" in msg for _, msg in h.source.origin)
    assert not m["Helper"].context.in_try
    (p,) = m["Probed"].user_accesses()
    assert p.probe is not None and p.in_try  # the only call is guarded


def test_length_checks_bound_the_buffers(model):
    m = model("""
ULONG F(PIRP Irp) {
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    ULONG len = sp->Parameters.DeviceIoControl.InputBufferLength;
    if (len < sizeof(REQ))
        return 0;
    if (sp->Parameters.DeviceIoControl.OutputBufferLength == 0)
        return 1;
    return ExGetPreviousMode();
}""")["F"]
    ret = [n for n, _ in m.reachable_nodes() if n.kind.name == "RETURN_STMT"][-1]
    state = m.state_before(ret)
    assert state.lens == {"in": 16, "out": 1}


def test_double_fetch_and_unchecked_mapping(model):
    m = model("""
ULONG F(PIRP Irp, PREQ r) {
    PUCHAR va;
    ULONG v;
    r = IoGetCurrentIrpStackLocation(Irp)->Parameters.DeviceIoControl.Type3InputBuffer;
    if (r->A > 4) return 0;
    v = r->A;
    va = MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority);
    va[0] = 1;
    if (va == NULL) return 0;
    va[1] = 2;
    return v;
}""")["F"]
    (df,) = double_fetches(m)
    assert _line(df.access.expr) == 7 and _line(df.first) == 6
    (use,) = unchecked_mapping_uses(m)
    assert _line(use.access.expr) == 9


def test_functions_without_user_memory_are_not_solved(model):
    m = model("ULONG F(ULONG x) { return x + 1; }")["F"]
    assert not m.relevant and m.user_accesses() == [] and m._solution is None
    assert TOP == "?"


def test_helper_return_values_carry_sources_probes_and_relevance(model):
    m = model("""
static PVOID Raw(PIRP Irp) {
    return IoGetCurrentIrpStackLocation(Irp)->Parameters.DeviceIoControl.Type3InputBuffer;
}
static PVOID Probed(PIRP Irp) {
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    PVOID p = sp->Parameters.DeviceIoControl.Type3InputBuffer;
    if (Irp->RequestorMode != KernelMode) {
        __try { ProbeForRead(p, sizeof(REQ), 1); }
        __except (EXCEPTION_EXECUTE_HANDLER) { p = NULL; }
    }
    return p;
}
static PVOID Pool(void) { return ExAllocatePoolWithTag(NonPagedPool, 8, 'x'); }
ULONG UsesRaw(PIRP Irp) { PREQ r = Raw(Irp); return r->A; }
ULONG UsesProbed(PIRP Irp) { PREQ r = Probed(Irp); return r ? r->A : 0; }
ULONG UsesPool(void) { PREQ r = Pool(); return r->A; }
""")
    # only the helper's result makes UsesRaw see user memory: the pre-filter must know it
    raw = m["UsesRaw"]
    assert raw.relevant
    [ua] = raw.user_accesses()
    assert ua.source.kind == "type3" and ua.probe is None
    assert any(msg == "returned by Raw()" for _, msg in ua.source.origin)
    # the helper's probe (made on every user-mode path that returns the pointer) holds
    [ua] = m["UsesProbed"].user_accesses()
    assert ua.probe is not None and ua.probe[0].value == 16  # sizeof(REQ)
    # pool memory is not followed: nothing user-related in the helper
    assert not m["UsesPool"].relevant and m["UsesPool"].user_accesses() == []


def test_kd402_level_depends_on_where_the_callers_are():
    """A dispatch routine (installed here) is an error; a helper whose callers are all in other
    files is a warning that says so; a helper guarded by its caller here is quiet."""
    from kdlint.engine import check_file
    from kdlint.registry import select

    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "user_memory_outside_try.c"
    result = check_file(fixture, Settings(headers="model"), list(select(["KD402"], [], [])))
    by_function = {}
    text = fixture.read_text().splitlines()
    for d in result.diagnostics:
        owner = next(line.split("(")[0].split()[-1] for line in reversed(text[:d.span.line])
                     if line[:1].isalpha() and "(" in line)
        by_function.setdefault(owner, set()).add((d.level, "other files" in d.message))
    assert by_function["ProbeWithoutTry"] == {("error", False)}
    assert by_function["ZeroCallerOutputElsewhere"] == {("warning", True)}
    assert by_function["ZeroThroughHelper"] == {("warning", True)}
    assert "ZeroCallerOutputHere" not in by_function


def test_only_functions_that_can_hold_caller_data_are_solved_for_user_accesses(model):
    """A function that names no Type3InputBuffer / UserBuffer / SystemBuffer member, calls no
    helper returning one and gets none from its callers answers the user-access queries
    without being solved, even when it reads the IOCTL's lengths."""
    ms = model("""
NTSTATUS Lengths(PIRP Irp) {
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    PULONG p = ExAllocatePoolWithTag(NonPagedPool, 8, 'x');
    if (sp->Parameters.DeviceIoControl.InputBufferLength < 8 || !p) return STATUS_INVALID_PARAMETER;
    *p = 1;
    return STATUS_SUCCESS;
}
static ULONG Sum(PREQ r) { return r->A + r->B; }
NTSTATUS Buffered(PIRP Irp) {
    PREQ r = Irp->AssociatedIrp.SystemBuffer;
    return Sum(r->P) + r->A;
}""")
    lengths = ms["Lengths"]
    assert lengths.relevant and not lengths.may_hold_caller_data
    assert lengths.user_accesses() == [] and lengths._solution is None
    buffered, helper = ms["Buffered"], ms["Sum"]
    assert buffered.may_hold_caller_data
    assert helper.may_hold_caller_data  # given a pointer read out of the system buffer
    assert {a.source.kind for a in helper.user_accesses()} == {"nested"}
    assert helper._solution is not None
