"""The system-thread model (kdlint.model.threads): creation arguments, handle fate, summaries,
contexts and where threads are kept. Snippets declare the few kernel names they use."""
from __future__ import annotations

from cparse import definitions, parse_snippet
from kdlint.model.driver import build_driver_model
from kdlint.model.threads import HelperEffects, creations_in, thread_model

PRELUDE = r"""
typedef void VOID, *PVOID, **PPVOID;
typedef long NTSTATUS;
typedef void *HANDLE, **PHANDLE;
typedef unsigned long ULONG;
typedef unsigned long long ULONG_PTR;
typedef struct _OBJECT_ATTRIBUTES { ULONG Length; HANDLE RootDirectory; void *ObjectName;
    ULONG Attributes; void *SecurityDescriptor; void *SecurityQualityOfService; }
    OBJECT_ATTRIBUTES, *POBJECT_ATTRIBUTES;
typedef struct _CLIENT_ID { HANDLE P; HANDLE T; } CLIENT_ID, *PCLIENT_ID;
typedef VOID KSTART_ROUTINE(PVOID StartContext);
typedef KSTART_ROUTINE *PKSTART_ROUTINE;
typedef struct _DEVICE_OBJECT *PDEVICE_OBJECT;
typedef struct _IRP *PIRP;
typedef NTSTATUS DRIVER_DISPATCH(PDEVICE_OBJECT, PIRP);
typedef VOID DRIVER_UNLOAD(void *);
NTSTATUS PsCreateSystemThread(PHANDLE ThreadHandle, ULONG DesiredAccess,
    POBJECT_ATTRIBUTES ObjectAttributes, HANDLE ProcessHandle, PCLIENT_ID ClientId,
    PKSTART_ROUTINE StartRoutine, PVOID StartContext);
NTSTATUS PsTerminateSystemThread(NTSTATUS);
NTSTATUS ZwClose(HANDLE);
NTSTATUS ZwWaitForSingleObject(HANDLE, int, void *);
NTSTATUS KeWaitForSingleObject(PVOID, int, int, int, void *);
NTSTATUS ObReferenceObjectByHandle(HANDLE, ULONG, void *, int, PVOID *, void *);
void ExFreePool(PVOID);
void Other(HANDLE);
int Cond(void);
#define NT_SUCCESS(s) (((NTSTATUS)(s)) >= 0)
#define NULL ((void *)0)
#define OBJ_KERNEL_HANDLE 0x200
typedef struct _EXT { HANDLE Handle; PVOID Thread; PVOID Work; } EXT, *PEXT;
KSTART_ROUTINE Worker;
VOID Worker(PVOID c) { }
"""


def _facts(src):
    tu = parse_snippet(PRELUDE + src)
    model = build_driver_model(definitions(tu))
    return {name: model.callgraph.facts(name) for name in model.callgraph.functions}


def _only(fn):
    (c,) = creations_in(fn)
    return c


def test_arguments_are_resolved():
    fns = _facts(r"""
    NTSTATUS Two(PVOID a, ULONG b) { return 0; }
    VOID F(PEXT Ext, HANDLE P) {
        HANDLE h; OBJECT_ATTRIBUTES oa, ob; CLIENT_ID id; int local;
        oa.Attributes = 0x40 | OBJ_KERNEL_HANDLE;
        ob.Attributes = 0x40;
        PsCreateSystemThread(&h, 0, &oa, NULL, NULL, Worker, Ext);
        PsCreateSystemThread(&h, 0, &ob, (HANDLE)(long long)-1, &id, (PKSTART_ROUTINE)Two, &local);
        PsCreateSystemThread(&Ext->Handle, 0, NULL, P, NULL, (PKSTART_ROUTINE)&Worker, &Ext->Work);
    }""")
    a, b, c = creations_in(fns["F"])
    assert (a.attributes, b.attributes[0], c.attributes[0]) == (("kernel", None), "no-kernel", "null")
    assert (a.process, b.process, c.process) == ("null", "current", "other")
    assert a.client_id_null and not b.client_id_null
    assert a.routine.name == "Worker" and not a.routine.problems and a.routine.cast is None
    assert b.routine.name == "Two" and b.routine.severe and b.routine.cast == "PKSTART_ROUTINE"
    assert b.routine.problems == ["returns NTSTATUS", "takes 2 parameters"]
    assert c.routine.name == "Worker" and not c.routine.problems
    assert (a.context_storage, b.context_storage, c.context_storage) == ("pointer", "stack", "pointer")
    assert a.handle_is_local and not c.handle_is_local and c.handle_text == "Ext->Handle"


def test_handle_fate_paths():
    fns = _facts(r"""
    NTSTATUS Leaks(PEXT Ext) {
        HANDLE h;
        NTSTATUS s = PsCreateSystemThread(&h, 0, NULL, NULL, NULL, Worker, Ext);
        if (!NT_SUCCESS(s)) return s;
        if (Cond()) return 1;
        ZwClose(h);
        return 0;
    }
    VOID Unchecked(PEXT Ext) {
        HANDLE h;
        PsCreateSystemThread(&h, 0, NULL, NULL, NULL, Worker, Ext);
        ObReferenceObjectByHandle(h, 0, NULL, 0, &Ext->Thread, NULL);
        ZwClose(h);
    }
    VOID Fine(PEXT Ext) {
        HANDLE h = NULL;
        NTSTATUS s = PsCreateSystemThread(&h, 0, NULL, NULL, NULL, Worker, Ext);
        if (s != 0) goto out;
        ObReferenceObjectByHandle(h, 0, NULL, 0, &Ext->Thread, NULL);
    out:
        if (h) ZwClose(h);
    }""")
    leak = _only(fns["Leaks"]).fate()
    assert [how for _, how in leak.leaks] == ["open"]
    flow = leak.leaks[0][0]
    assert "creates the thread" in flow[0][1] and "returns" in flow[-1][1]
    assert [m for _, m in flow[1:-1]] == ["'NT_SUCCESS(s)' is true", "'Cond()' is true"]
    un = _only(fns["Unchecked"]).fate()
    assert [(n.location.line, how) for n, how, _ in un.unchecked_uses][0][1] == "unchecked"
    assert un.leaks == [] and un.closed
    fine = _only(fns["Fine"]).fate()
    assert fine.unchecked_uses == [] and fine.leaks == []


def test_helper_summaries_close_keep_wait():
    fns = _facts(r"""
    VOID Closes(HANDLE h) { ZwClose(h); }
    VOID Sometimes(HANDLE h) { if (Cond()) ZwClose(h); }
    VOID Keeps(PEXT e, HANDLE h) { e->Handle = h; }
    VOID Passes(HANDLE h) { Other(h); }
    VOID Waits(HANDLE h) { ZwWaitForSingleObject(h, 0, NULL); Closes(h); }
    VOID WaitsField(PEXT e) { KeWaitForSingleObject(e->Thread, 0, 0, 0, NULL); }
    VOID Top(PEXT e) { WaitsField(e); }
    """)
    table = fns["Top"].callgraph.summaries(HelperEffects())
    assert table.of("Closes").closes == {0}
    assert table.of("Sometimes").closes == frozenset()
    assert table.of("Keeps").keeps == {1}
    assert table.of("Passes").keeps == {0}
    assert table.of("Waits").waits and table.of("Waits").closes == {0}
    assert table.of("Top").waited_keys == {"Thread"}


def test_contexts_and_chains():
    fns = _facts(r"""
    static VOID Helper(PEXT e) { HANDLE h; PsCreateSystemThread(&h, 0, NULL, NULL, NULL, Worker, e); }
    static VOID FromEntry(PEXT e) { PsTerminateSystemThread(0); }
    DRIVER_DISPATCH Dispatch;
    NTSTATUS Dispatch(PDEVICE_OBJECT d, PIRP i) { Helper(0); return 0; }
    NTSTATUS DriverEntry(void *d, void *r) { FromEntry(0); return 0; }
    VOID Thread(PVOID c) { PsTerminateSystemThread(0); }
    VOID Starter(void) { HANDLE h; PsCreateSystemThread(&h, 0, NULL, NULL, NULL, Thread, 0); }
    """)
    model = thread_model(fns["Helper"])
    chain = model.arbitrary_context_chain("Helper")
    assert [name for name, _ in chain] == ["Dispatch", "Helper"]
    assert model.arbitrary_context_chain("Starter") is None
    assert [n for n, _ in model.non_thread_chain("FromEntry")] == ["DriverEntry", "FromEntry"]
    assert model.is_thread_routine("Thread") and model.non_thread_chain("Thread") is None


def test_kept_keys_follow_the_current_handle():
    fns = _facts(r"""
    DRIVER_UNLOAD Unload;
    VOID Unload(void *d) { }
    VOID Start(PEXT e) {
        HANDLE h; PVOID obj;
        if (!NT_SUCCESS(PsCreateSystemThread(&h, 0, NULL, NULL, NULL, Worker, e))) return;
        ObReferenceObjectByHandle(h, 0, NULL, 0, &obj, NULL);
        e->Thread = obj;
        ZwClose(h);
        if (!NT_SUCCESS(PsCreateSystemThread(&h, 0, NULL, NULL, NULL, Worker, e))) return;
        e->Handle = h;
        PsCreateSystemThread(&e->Work, 0, NULL, NULL, NULL, Worker, e);
    }""")
    fn = fns["Start"]
    model = thread_model(fn)
    a, b, c = creations_in(fn)
    assert model.kept_keys(a) == {"Thread"}
    assert model.kept_keys(b) == {"Handle"}
    assert model.kept_keys(c) == {"Work"}
    assert model.unload_routines() == ["Unload"]
