"""Driver roles: each way a function gets a role, with its evidence.

The snippets declare a tiny WDM subset themselves (PRELUDE) so they do not depend on the model
headers; shapes follow the WDK's (the IoSetCancelRoutine and ExInitializeWorkItem macros expand
to a store, IoInitializeDpcRequest to KeInitializeDpc).
"""
from __future__ import annotations

from cparse import definitions, parse_snippet
from kdlint.model.driver import ALL_MAJORS, Role, build_driver_model

PRELUDE = r"""
typedef long NTSTATUS; typedef void *PVOID; typedef unsigned long ULONG; typedef unsigned char BOOLEAN;
typedef struct _IRP IRP, *PIRP;
typedef struct _DEVICE_OBJECT DEVICE_OBJECT, *PDEVICE_OBJECT;
struct _DRIVER_OBJECT;
typedef struct _KDPC KDPC, *PKDPC;
typedef struct _UNICODE_STRING UNICODE_STRING, *PUNICODE_STRING;
typedef NTSTATUS DRIVER_INITIALIZE(struct _DRIVER_OBJECT *, PUNICODE_STRING);
typedef NTSTATUS DRIVER_DISPATCH(PDEVICE_OBJECT, PIRP); typedef DRIVER_DISPATCH *PDRIVER_DISPATCH;
typedef void DRIVER_UNLOAD(struct _DRIVER_OBJECT *); typedef DRIVER_UNLOAD *PDRIVER_UNLOAD;
typedef void DRIVER_STARTIO(PDEVICE_OBJECT, PIRP); typedef DRIVER_STARTIO *PDRIVER_STARTIO;
typedef void DRIVER_CANCEL(PDEVICE_OBJECT, PIRP); typedef DRIVER_CANCEL *PDRIVER_CANCEL;
typedef NTSTATUS DRIVER_ADD_DEVICE(struct _DRIVER_OBJECT *, PDEVICE_OBJECT);
typedef DRIVER_ADD_DEVICE *PDRIVER_ADD_DEVICE;
typedef NTSTATUS IO_COMPLETION_ROUTINE(PDEVICE_OBJECT, PIRP, PVOID);
typedef IO_COMPLETION_ROUTINE *PIO_COMPLETION_ROUTINE;
typedef void KSTART_ROUTINE(PVOID); typedef KSTART_ROUTINE *PKSTART_ROUTINE;
typedef void KDEFERRED_ROUTINE(PKDPC, PVOID, PVOID, PVOID);
typedef KDEFERRED_ROUTINE *PKDEFERRED_ROUTINE;
typedef void IO_WORKITEM_ROUTINE(PDEVICE_OBJECT, PVOID);
typedef IO_WORKITEM_ROUTINE *PIO_WORKITEM_ROUTINE;
typedef void WORKER_THREAD_ROUTINE(PVOID); typedef WORKER_THREAD_ROUTINE *PWORKER_THREAD_ROUTINE;
typedef BOOLEAN KSERVICE_ROUTINE(PVOID, PVOID); typedef KSERVICE_ROUTINE *PKSERVICE_ROUTINE;
typedef struct _IO_CSQ IO_CSQ, *PIO_CSQ;
typedef struct _IO_WORKITEM *PIO_WORKITEM;
typedef struct _WORK_QUEUE_ITEM { PWORKER_THREAD_ROUTINE WorkerRoutine; PVOID Parameter; }
    WORK_QUEUE_ITEM, *PWORK_QUEUE_ITEM;
struct _IRP { PDRIVER_CANCEL CancelRoutine; };
struct _KDPC { PKDEFERRED_ROUTINE DeferredRoutine; };
struct _DEVICE_OBJECT { KDPC Dpc; };
typedef struct _DRIVER_EXTENSION { PDRIVER_ADD_DEVICE AddDevice; } DRIVER_EXTENSION;
typedef struct _DRIVER_OBJECT {
    DRIVER_EXTENSION *DriverExtension; PDRIVER_STARTIO DriverStartIo; PDRIVER_UNLOAD DriverUnload;
    PDRIVER_DISPATCH MajorFunction[28];
} DRIVER_OBJECT, *PDRIVER_OBJECT;
#define IRP_MJ_CREATE 0x00
#define IRP_MJ_CLOSE 0x02
#define IRP_MJ_READ 0x03
#define IRP_MJ_DEVICE_CONTROL 0x0e
#define IRP_MJ_MAXIMUM_FUNCTION 0x1b
#define _Dispatch_type_(x)
#define _Function_class_(x)
PVOID InterlockedExchangePointer(PVOID volatile *Target, PVOID Value);
#define IoSetCancelRoutine(Irp, R) \
    ((PDRIVER_CANCEL)InterlockedExchangePointer((PVOID *)&(Irp)->CancelRoutine, (PVOID)(R)))
#define ExInitializeWorkItem(Item, Routine, Context) \
    { (Item)->WorkerRoutine = (Routine); (Item)->Parameter = (Context); }
void KeInitializeDpc(PKDPC Dpc, PKDEFERRED_ROUTINE Routine, PVOID Context);
#define IoInitializeDpcRequest(D, R) KeInitializeDpc(&(D)->Dpc, (PKDEFERRED_ROUTINE)(R), (D))
void IoSetCompletionRoutine(PIRP, PIO_COMPLETION_ROUTINE, PVOID, BOOLEAN, BOOLEAN, BOOLEAN);
NTSTATUS IoSetCompletionRoutineEx(PDEVICE_OBJECT, PIRP, PIO_COMPLETION_ROUTINE, PVOID,
                                  BOOLEAN, BOOLEAN, BOOLEAN);
NTSTATUS PsCreateSystemThread(PVOID *Handle, ULONG Access, PVOID Attributes, PVOID Process,
                              PVOID ClientId, PKSTART_ROUTINE StartRoutine, PVOID StartContext);
NTSTATUS IoCsqInitialize(PIO_CSQ, PVOID, PVOID, PVOID, PVOID, PVOID, PVOID);
void IoQueueWorkItem(PIO_WORKITEM, PIO_WORKITEM_ROUTINE, int, PVOID);
NTSTATUS IoConnectInterrupt(PVOID *, PKSERVICE_ROUTINE, PVOID, PVOID, ULONG, int, int, ULONG,
                            int, BOOLEAN, BOOLEAN);
"""


def model_of(src: str, files=None):
    tu = parse_snippet(PRELUDE + src, files=files)
    return build_driver_model(definitions(tu))


def lines_of(model, name, role):
    return sorted(e.line for e in model.evidence_of(name, role))


def test_driver_entry_by_name_and_by_typedef():
    m = model_of("""
DRIVER_INITIALIZE MyInit;
NTSTATUS MyInit(PDRIVER_OBJECT d, PUNICODE_STRING r) { return 0; }
NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) { return MyInit(d, r); }
""")
    assert Role.DRIVER_ENTRY in m.roles_of("DriverEntry")
    assert Role.DRIVER_ENTRY in m.roles_of("MyInit")
    assert m.evidence_of("MyInit")[0].how == "declared as DRIVER_INITIALIZE"


def test_major_function_assignment_records_the_major():
    m = model_of("""
NTSTATUS OnRead(PDEVICE_OBJECT d, PIRP i) { return 0; }
NTSTATUS OnIoctl(PDEVICE_OBJECT d, PIRP i) { return 0; }
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING r) {
    DriverObject->MajorFunction[IRP_MJ_READ] = OnRead;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = (PDRIVER_DISPATCH)&OnIoctl;
    return 0;
}
""")
    assert m.roles_of("OnRead") == {Role.DISPATCH}
    assert m.major_functions("OnRead") == {"IRP_MJ_READ"}
    assert m.major_functions("OnIoctl") == {"IRP_MJ_DEVICE_CONTROL"}
    (ev,) = m.evidence_of("OnRead")
    assert ev.how == "assigned to MajorFunction[IRP_MJ_READ]" and ev.path.endswith("snippet.c")
    assert m.roles_of("DriverEntry") == {Role.DRIVER_ENTRY}


def test_major_function_loop_chain_variable_and_alias():
    m = model_of("""
NTSTATUS Pass(PDEVICE_OBJECT d, PIRP i) { return 0; }
NTSTATUS Open(PDEVICE_OBJECT d, PIRP i) { return 0; }
NTSTATUS Read(PDEVICE_OBJECT d, PIRP i) { return 0; }
NTSTATUS Other(PDEVICE_OBJECT d, PIRP i) { return 0; }
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING r) {
    ULONG i;
    PDRIVER_DISPATCH *mf = DriverObject->MajorFunction;
    PDRIVER_DISPATCH chosen;
    for (i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
        DriverObject->MajorFunction[i] = Pass;
    DriverObject->MajorFunction[IRP_MJ_CREATE] = DriverObject->MajorFunction[IRP_MJ_CLOSE] =
        mf[4] = mf[5] = mf[6] = mf[7] = mf[8] = mf[9] = mf[10] = mf[11] = mf[12] = Open;
    mf[IRP_MJ_READ] = Read;
    chosen = r ? Other : Pass;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = chosen;
    return 0;
}
""")
    assert m.major_functions("Pass") == {ALL_MAJORS, "IRP_MJ_DEVICE_CONTROL"}
    assert m.major_functions("Open") >= {"IRP_MJ_CREATE", "IRP_MJ_CLOSE", "IRP_MJ_WRITE"}
    assert len(m.major_functions("Open")) == 11  # a long chain, as in cdfs
    assert m.major_functions("Read") == {"IRP_MJ_READ"}
    assert m.major_functions("Other") == {"IRP_MJ_DEVICE_CONTROL"}
    assert m.dispatch_routines("IRP_MJ_SHUTDOWN") == ["Pass"]
    assert m.dispatch_routines("IRP_MJ_READ") == ["Pass", "Read"]


def test_driver_object_members():
    m = model_of("""
void Unload(PDRIVER_OBJECT d) {}
void StartIo(PDEVICE_OBJECT d, PIRP i) {}
NTSTATUS AddDevice(PDRIVER_OBJECT d, PDEVICE_OBJECT p) { return 0; }
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING r) {
    PDRIVER_OBJECT drv = DriverObject;
    drv->DriverUnload = Unload;
    DriverObject->DriverStartIo = StartIo;
    DriverObject->DriverExtension->AddDevice = AddDevice;
    return 0;
}
""")
    assert m.roles_of("Unload") == {Role.UNLOAD}
    assert m.roles_of("StartIo") == {Role.START_IO}
    assert m.roles_of("AddDevice") == {Role.ADD_DEVICE}


def test_member_of_an_unrelated_struct_gives_no_role():
    m = model_of("""
struct my_table { PVOID AddDevice; PVOID DriverUnload; };
void Helper(PDRIVER_OBJECT d) {}
void Setup(struct my_table *t) { t->AddDevice = (PVOID)Helper; t->DriverUnload = (PVOID)Helper; }
""")
    assert m.roles_of("Helper") == frozenset()


def test_callback_registration_calls():
    m = model_of("""
NTSTATUS Done(PDEVICE_OBJECT d, PIRP i, PVOID c) { return 0; }
NTSTATUS DoneEx(PDEVICE_OBJECT d, PIRP i, PVOID c) { return 0; }
void Dpc(PKDPC dpc, PVOID a, PVOID b, PVOID c) {}
void DpcReq(PKDPC dpc, PVOID a, PVOID b, PVOID c) {}
void Thread(PVOID c) {}
void Cancel(PDEVICE_OBJECT d, PIRP i) {}
void Csq1(void) {} void Csq2(void) {} void Csq3(void) {} void Csq4(void) {} void Csq5(void) {}
void Csq6(void) {}
void Work(PDEVICE_OBJECT d, PVOID c) {}
void Worker(PVOID c) {}
BOOLEAN Isr(PVOID i, PVOID c) { return 1; }
void Setup(PDEVICE_OBJECT dev, PIRP irp, PKDPC dpc, PIO_CSQ csq, PIO_WORKITEM wi,
           PWORK_QUEUE_ITEM item) {
    PVOID h;
    IoSetCompletionRoutine(irp, Done, 0, 1, 1, 1);
    IoSetCompletionRoutineEx(dev, irp, DoneEx, 0, 1, 1, 1);
    KeInitializeDpc(dpc, Dpc, 0);
    IoInitializeDpcRequest(dev, DpcReq);
    PsCreateSystemThread(&h, 0, 0, 0, 0, (PKSTART_ROUTINE)Thread, 0);
    IoSetCancelRoutine(irp, Cancel);
    IoCsqInitialize(csq, Csq1, Csq2, Csq3, Csq4, Csq5, Csq6);
    IoQueueWorkItem(wi, Work, 0, 0);
    ExInitializeWorkItem(item, Worker, 0);
    IoConnectInterrupt(&h, Isr, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
""")
    expected = {"Done": Role.COMPLETION, "DoneEx": Role.COMPLETION, "Dpc": Role.DPC,
                "DpcReq": Role.DPC, "Thread": Role.THREAD_START, "Cancel": Role.CANCEL,
                "Csq1": Role.CSQ, "Csq6": Role.CSQ, "Work": Role.WORK_ITEM,
                "Worker": Role.WORK_ITEM, "Isr": Role.ISR}
    for name, role in expected.items():
        assert m.roles_of(name) == {role}, name
    assert m.evidence_of("Thread")[0].how == "passed to PsCreateSystemThread (argument 6)"
    assert m.roles_of("Setup") == frozenset()


def test_role_typedef_declarations():
    m = model_of("""
DRIVER_DISPATCH Disp;
_Dispatch_type_(IRP_MJ_READ) _Dispatch_type_(IRP_MJ_CLOSE)
DRIVER_DISPATCH DispRead;
IO_COMPLETION_ROUTINE Comp;
KSTART_ROUTINE Thr;
KDEFERRED_ROUTINE Dfr;
DRIVER_UNLOAD Unl;
DRIVER_ADD_DEVICE Add;
DRIVER_STARTIO Sio;
DRIVER_CANCEL Can;
IO_WORKITEM_ROUTINE Wi;
KSERVICE_ROUTINE Svc;
NTSTATUS Disp(PDEVICE_OBJECT d, PIRP i) { return 0; }
NTSTATUS DispRead(PDEVICE_OBJECT d, PIRP i) { return 0; }
NTSTATUS Comp(PDEVICE_OBJECT d, PIRP i, PVOID c) { return 0; }
void Thr(PVOID c) {}
void Dfr(PKDPC dpc, PVOID a, PVOID b, PVOID c) {}
void Unl(struct _DRIVER_OBJECT *d) {}
NTSTATUS Add(struct _DRIVER_OBJECT *d, PDEVICE_OBJECT p) { return 0; }
void Sio(PDEVICE_OBJECT d, PIRP i) {}
void Can(PDEVICE_OBJECT d, PIRP i) {}
void Wi(PDEVICE_OBJECT d, PVOID c) {}
BOOLEAN Svc(PVOID i, PVOID c) { return 1; }
_Function_class_(KSTART_ROUTINE)
void Annotated(PVOID c) {}
""")
    expected = {"Disp": Role.DISPATCH, "DispRead": Role.DISPATCH, "Comp": Role.COMPLETION,
                "Thr": Role.THREAD_START, "Dfr": Role.DPC, "Unl": Role.UNLOAD,
                "Add": Role.ADD_DEVICE, "Sio": Role.START_IO, "Can": Role.CANCEL,
                "Wi": Role.WORK_ITEM, "Svc": Role.ISR, "Annotated": Role.THREAD_START}
    for name, role in expected.items():
        assert m.roles_of(name) == {role}, name
    assert m.major_functions("DispRead") == {"IRP_MJ_READ", "IRP_MJ_CLOSE"}
    assert m.major_functions("Disp") == frozenset()
    (decl,) = [e for e in m.evidence_of("Thr") if e.how.startswith("declared")]
    assert decl.line == PRELUDE.count("\n") + 6  # the snippet's sixth line


def test_prototype_in_a_project_header():
    m = model_of('#include "proto.h"\nNTSTATUS FromHeader(PDEVICE_OBJECT d, PIRP i) { return 0; }\n',
                 files={"proto.h": "DRIVER_DISPATCH FromHeader;\n"})
    assert m.roles_of("FromHeader") == {Role.DISPATCH}
    (ev,) = m.evidence_of("FromHeader")
    assert ev.path.endswith("proto.h") and ev.line == 1


def test_helper_that_registers_its_parameter():
    m = model_of("""
void Worker(PVOID c) {}
static NTSTATUS StartThread(PKSTART_ROUTINE routine, PVOID ctx) {
    PVOID h;
    return PsCreateSystemThread(&h, 0, 0, 0, 0, routine, ctx);
}
static NTSTATUS Outer(PKSTART_ROUTINE r) { return StartThread(r, 0); }
NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING reg) { return Outer(Worker); }
""")
    assert m.roles_of("Worker") == {Role.THREAD_START}
    (ev,) = m.evidence_of("Worker")
    assert "Outer" in ev.how


def test_global_table_a_function_refers_to_is_a_function_use():
    m = model_of("""
NTSTATUS A(PDEVICE_OBJECT d, PIRP i) { return 0; }
static PDRIVER_DISPATCH Table[] = { A };
static PDRIVER_DISPATCH Unused[] = { A };
NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING reg) { return Table[0](0, 0); }
""")
    (use,) = m.callgraph.uses_of("A")
    assert use.user is None and use.context == "initializer" and use.target.spelling == "Table"


def test_annotations_in_a_file_with_crlf_line_endings_and_attribute_annotations():
    src = ("#define _Dispatch_type_(x) __attribute__((annotate(\"dispatch\")))\n"
           "DRIVER_INITIALIZE DriverEntry;\n\n"
           "_Dispatch_type_(IRP_MJ_CREATE)\n"
           "_Dispatch_type_(IRP_MJ_CLOSE)\n"
           "DRIVER_DISPATCH OpenClose;\n"
           "NTSTATUS OpenClose(PDEVICE_OBJECT d, PIRP i) { return 0; }\n"
           "NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) { return 0; }\n")
    m = model_of(src.replace("\n", "\r\n"))
    assert m.major_functions("OpenClose") == {"IRP_MJ_CREATE", "IRP_MJ_CLOSE"}
    assert m.major_functions("DriverEntry") == frozenset()
    first = PRELUDE.count("\n") + 1
    lines = sorted(e.line - first for e in m.evidence_of("OpenClose") if "annotated" in e.how)
    assert lines == [3, 4]


def test_functions_defined_in_another_file_get_roles_too():
    m = model_of("NTSTATUS Elsewhere(PDEVICE_OBJECT d, PIRP i);\n"
                 "NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) {\n"
                 "    d->MajorFunction[IRP_MJ_READ] = Elsewhere; return 0; }\n")
    assert m.major_functions("Elsewhere") == {"IRP_MJ_READ"}


def test_installations_keep_the_site_the_cast_and_the_declaration():
    m = model_of("""
void VoidRead(PDEVICE_OBJECT d, PIRP i) { }
DRIVER_DISPATCH Good;
NTSTATUS Good(PDEVICE_OBJECT d, PIRP i) { return 0; }
static void Install(PDRIVER_OBJECT d, PDRIVER_DISPATCH r) { d->MajorFunction[IRP_MJ_CREATE] = r; }
NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) {
    d->MajorFunction[IRP_MJ_READ] = (PDRIVER_DISPATCH)VoidRead;
    d->MajorFunction[IRP_MJ_CLOSE] = &Good;
    Install(d, Good);
    return 0;
}
void Cancel(PDEVICE_OBJECT d, PIRP i) { }
void Queue(PIRP irp) { IoSetCancelRoutine(irp, Cancel); }
""")
    got = sorted((i.name, i.role.value, i.major, i.owner, i.cast) for i in m.installations)
    assert ("VoidRead", "dispatch", "IRP_MJ_READ", "DriverEntry", "PDRIVER_DISPATCH") in got
    assert ("Good", "dispatch", "IRP_MJ_CLOSE", "DriverEntry", None) in got
    assert ("Good", "dispatch", "IRP_MJ_CREATE", "DriverEntry", None) in got  # through Install
    # the macro's (PVOID) cast is not a cast to a routine type
    assert ("Cancel", "cancel-routine", None, "Queue", None) in got
    assert [i.name for i in m.installations_in("Queue")] == ["Cancel"]
    assert set(m.declared_roles("Good")) == {Role.DISPATCH}
    assert m.declared_roles("VoidRead") == {}


def test_role_type_problems():
    from kdlint.model.driver import role_type_problems
    m = model_of("""
void VoidRead(PDEVICE_OBJECT d, PIRP i) { }
NTSTATUS ThreeArgs(PDEVICE_OBJECT d, PIRP i, PVOID c) { return 0; }
NTSTATUS WrongFirst(PDRIVER_OBJECT d, PIRP i) { return 0; }
NTSTATUS AnyFirst(PVOID d, PIRP i) { return 0; }
BOOLEAN Narrow(PDEVICE_OBJECT d, PIRP i) { return 0; }
NTSTATUS ReturnsStatus(PDEVICE_OBJECT d, PIRP i) { return 0; }
DRIVER_DISPATCH Declared;
NTSTATUS Declared(PDEVICE_OBJECT d, PIRP i) { return 0; }
""")
    def check(name, role):
        return role_type_problems(m.decls[name], role)
    assert check("VoidRead", Role.DISPATCH) == (["returns VOID"], True)
    assert check("ThreeArgs", Role.DISPATCH) == (["takes 3 parameters"], True)
    assert check("ThreeArgs", Role.COMPLETION) == ([], False)
    assert check("WrongFirst", Role.DISPATCH)[1]
    assert check("AnyFirst", Role.DISPATCH) == ([], False)
    assert check("Narrow", Role.DISPATCH) == (["returns BOOLEAN"], True)
    assert check("ReturnsStatus", Role.CANCEL) == (["returns NTSTATUS"], False)
    assert check("Declared", Role.DISPATCH) == ([], False)
    assert check("VoidRead", Role.START_IO) == ([], False)
