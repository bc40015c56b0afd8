"""KD314: a routine installed as a dispatch, completion, cancel or StartIo routine does not have
that role's type, or was declared for another role (IRP-14)."""
from __future__ import annotations

import os

from kdlint.model.driver import ALL_MAJORS, ROLE_SIGNATURES, Role, role_type_problems
from kdlint.results import Span, Step
from kdlint.rule import Rule, Severity

_SIGNATURE_TEXT = {
    Role.DISPATCH: "NTSTATUS (PDEVICE_OBJECT, PIRP)",
    Role.COMPLETION: "NTSTATUS (PDEVICE_OBJECT, PIRP, PVOID)",
    Role.CANCEL: "VOID (PDEVICE_OBJECT, PIRP)",
    Role.START_IO: "VOID (PDEVICE_OBJECT, PIRP)",
}
_ROLE_TEXT = {
    Role.DISPATCH: "a dispatch routine", Role.COMPLETION: "a completion routine",
    Role.CANCEL: "a cancel routine", Role.START_IO: "a StartIo routine",
}


def _span_at(ctx, path: str, line: int, column: int = 1) -> Span:
    if path and os.path.realpath(path) == str(ctx.parsed.path):
        return Span(str(ctx.parsed.path), line, ctx.source.utf16_column(line, column), line,
                    ctx.source.utf16_column(line, column))
    return Span(path, line, column, line, column)


class IrpRoutineRoleMismatch(Rule):
    """A routine installed in the dispatch table (or as a completion, cancel or StartIo routine)
    does not have the type that role is called with, or is declared for a different role.

    ## What it does
    For each `DriverObject->MajorFunction[...] = F`, `DriverStartIo = F`,
    `IoSetCompletionRoutine[Ex](..., F, ...)` and `IoSetCancelRoutine(Irp, F)` of the file (also
    through variables, `&F`, casts, and helpers that install their parameter), compares the
    declared type of `F` with the role's signature — `DRIVER_DISPATCH` and
    `IO_COMPLETION_ROUTINE` return an NTSTATUS, `DRIVER_CANCEL` and `DRIVER_STARTIO` return
    nothing; all take `(PDEVICE_OBJECT, PIRP[, PVOID Context])`. It flags a wrong number of
    parameters, a parameter that points to another structure, a dispatch or completion routine
    that returns `VOID` or a type other than a 32-bit status (error level), and a routine of a
    `VOID` role that returns a value (warning). Such an installation compiles only through a cast,
    named in the message when one is written. It also flags a routine declared with another
    role's typedef (`IO_COMPLETION_ROUTINE Foo;` installed in `MajorFunction`, `DRIVER_DISPATCH`
    passed to `IoSetCompletionRoutine`, `DRIVER_CANCEL` installed as `DriverStartIo`), and, as a
    note, a dispatch routine whose `_Dispatch_type_(...)` annotations do not name the major
    function it is installed for (Code Analysis C28168).

    ## Why is this bad?
    The I/O manager calls every MajorFunction entry as `NTSTATUS (PDEVICE_OBJECT, PIRP)` and
    uses the returned value as the request's status: a routine returning `VOID` or a `BOOLEAN`
    hands it whatever the return register held, a routine expecting a device extension or a
    third parameter reads the wrong object or garbage. A role typedef states which callbacks a
    routine serves; installing it elsewhere means its IRQL, its completion protocol and every
    analysis keyed on the role (Code Analysis, SDV, kdlint) describe another routine.

    ## Example
    ```c
    VOID BadRead(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        UNREFERENCED_PARAMETER(DeviceObject);
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
    }

    NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
    {
        UNREFERENCED_PARAMETER(RegistryPath);
        DriverObject->MajorFunction[IRP_MJ_READ] = (PDRIVER_DISPATCH)BadRead;
        return STATUS_SUCCESS;
    }
    ```

    Use instead:
    ```c
    DRIVER_DISPATCH GoodRead;
    NTSTATUS GoodRead(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        UNREFERENCED_PARAMETER(DeviceObject);
        Irp->IoStatus.Status = STATUS_SUCCESS;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return STATUS_SUCCESS;
    }

    NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
    {
        UNREFERENCED_PARAMETER(RegistryPath);
        DriverObject->MajorFunction[IRP_MJ_READ] = GoodRead;
        return STATUS_SUCCESS;
    }
    ```

    ## Limitations
    Routines reached through function-pointer tables, structure fields or parameters whose
    callers are in other files are not resolved. A parameter of type `PVOID` is accepted where a
    pointer to a device object or IRP is expected, and any 32-bit integer as a status. Calling
    conventions are not checked (x64 and ARM64 ignore them). `_Dispatch_type_` is checked only
    for constant MajorFunction indices and routines that carry at least one annotation.

    ## References
    - DRIVER_DISPATCH, IO_COMPLETION_ROUTINE, DRIVER_CANCEL, DRIVER_STARTIO callback functions
      (wdm.h), WDK documentation; Declaring functions by using function role types for WDM drivers
    - Code Analysis for Drivers C28168, C28169; CodeQL WrongDispatchTableAssignment
    """

    id = "KD314"
    name = "irp-routine-role-mismatch"
    severity = Severity.ERROR
    precision = "very-high"
    tags = ("correctness",)

    def check_function(self, fn, ctx) -> None:
        driver = fn.driver
        if driver is None:
            return
        seen = set()
        for inst in driver.installations_in(fn.name):
            role = inst.role
            if role not in ROLE_SIGNATURES:
                continue
            key = (inst.name, role, inst.where.location.line, inst.major)
            if key in seen:
                continue
            seen.add(key)
            self._check(inst, driver, ctx)

    def _check(self, inst, driver, ctx) -> None:
        role, name = inst.role, inst.name
        typedef = ROLE_SIGNATURES[role][0]
        where = inst.evidence.how.replace("assigned to ", "installed in ")
        decl = driver.decls.get(name)
        problems, severe = role_type_problems(decl, role)
        declared = driver.declared_roles(name)
        other = [e for r, e in declared.items() if r != role] if role not in declared else []
        flow = []
        if decl is not None and decl.location.file is not None:
            loc = decl.location
            flow.append(Step(_span_at(ctx, loc.file.name, loc.line, loc.column),
                             f"{name} is declared here"))
        for e in other:
            flow.append(Step(_span_at(ctx, e.path, e.line), f"{name} is {e.how}"))
        flow.append(Step(ctx.span(inst.value), f"{name} is {where}"))
        cast = f" (the cast to {inst.cast} hides it)" if inst.cast else ""
        if problems:
            ctx.report(self, inst.value,
                       f"{name} is {_ROLE_TEXT[role]} ({where}) but {' and '.join(problems)}; "
                       f"it is called as {typedef}, {_SIGNATURE_TEXT[role]}{cast}",
                       code_flow=flow, level=None if severe else "warning")
            return
        if other:
            how = " and ".join(e.how for e in other)
            ctx.report(self, inst.value,
                       f"{name} is {how} but {where}, which makes it {_ROLE_TEXT[role]} "
                       f"(a {typedef}){cast}",
                       code_flow=flow, level="warning")
            return
        if role == Role.DISPATCH and inst.major and inst.major != ALL_MAJORS:
            types = driver.dispatch_types(name)
            if types and inst.major not in types and ALL_MAJORS not in types:
                for e in types.values():
                    flow.insert(-1, Step(_span_at(ctx, e.path, e.line), f"{name} is {e.how}"))
                ctx.report(self, inst.value,
                           f"{name} is {where} but its _Dispatch_type_ annotations name only "
                           f"{', '.join(sorted(types))}", code_flow=flow, level="note")
