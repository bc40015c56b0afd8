"""KD411: IoStatus.Information reports more output bytes than the driver wrote."""
from __future__ import annotations

from kdlint.model.address_space import user_memory
from kdlint.model.user_output import overstated_information
from kdlint.rule import Rule, Severity


class IoctlInformationExceedsOutput(Rule):
    """`Irp->IoStatus.Information` of a METHOD_BUFFERED request is larger than what was written.

    ## What it does
    Flags `Irp->IoStatus.Information = N` (a constant, `sizeof(T)` included) on a path whose
    IOCTL is known to use `METHOD_BUFFERED`, when every write into the system buffer on the paths
    to it (field stores, `RtlCopyMemory`, `RtlZeroMemory`, whole-structure stores) ends before
    byte `N`, and the input length was not checked to be at least `N` on that path. Also flags
    `Information = OutputBufferLength` (or a local set only from it) after such constant-size
    writes when nothing on the path bounds the output length from above (`len > N`, `len != N`
    checks, or a length given to another routine, count as bounds).

    ## Why is this bad?
    For `METHOD_BUFFERED` the I/O manager copies `Information` bytes of the system buffer back to
    the caller. The system buffer is pool memory that holds the caller's input and, after it,
    whatever the pool held before. Reporting more bytes than were written discloses those stale
    kernel bytes to user mode (CWE-200). Set `Information` to the bytes actually written, or zero
    the buffer first.

    ## Example
    ```c
    typedef struct _ANSWER { ULONG Value; ULONG Reserved[7]; } ANSWER;
    NTSTATUS Dispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
        PULONG out = Irp->AssociatedIrp.SystemBuffer;
        UNREFERENCED_PARAMETER(DeviceObject);
        switch (sp->Parameters.DeviceIoControl.IoControlCode) {
        case CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS):
            if (sp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(ANSWER)) break;
            *out = 42;
            Irp->IoStatus.Information = sizeof(ANSWER);
            break;
        }
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return STATUS_SUCCESS;
    }
    ```

    Use instead:
    ```c
    typedef struct _ANSWER { ULONG Value; ULONG Reserved[7]; } ANSWER;
    NTSTATUS Dispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
        PULONG out = Irp->AssociatedIrp.SystemBuffer;
        UNREFERENCED_PARAMETER(DeviceObject);
        switch (sp->Parameters.DeviceIoControl.IoControlCode) {
        case CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS):
            if (sp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(ANSWER)) break;
            RtlZeroMemory(out, sizeof(ANSWER));
            *out = 42;
            Irp->IoStatus.Information = sizeof(ANSWER);
            break;
        }
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return STATUS_SUCCESS;
    }
    ```

    ## Limitations
    Only constant `Information` values and the unbounded output length are checked (not other
    variables, nor a length capped by assignment), only
    on paths whose IOCTL's method is known (a `case` label's `CTL_CODE`, or a caller's), and only
    the system buffer. A write to a field counts as writing every byte before it. Anything the
    model cannot measure keeps the rule quiet: a copy of non-constant length, a write through a
    moved pointer or a variable index, the buffer or the IRP given to another routine (a helper
    may fill it), the buffer's address stored in a structure. The request's final status is not
    read: an error status (no copy-back) on the same path is not recognised.

    ## References
    - Failure to Initialize Output Buffers (Windows kernel-mode guidance)
    - Buffer Descriptions for I/O Control Codes (WDK documentation)
    - CWE-200: Exposure of Sensitive Information to an Unauthorized Actor
    """

    id = "KD411"
    name = "ioctl-information-exceeds-output"
    severity = Severity.WARNING
    precision = "medium"
    tags = ("security", "external/cwe/cwe-200")
    security_severity = "5.5"

    def check_function(self, fn, ctx) -> None:
        for o in overstated_information(user_memory(fn)):
            written = f"at most {o.written} bytes were written" if o.written else \
                "nothing was written"
            if o.reported is None:
                ctx.report(self, o.node,
                           f"IoStatus.Information reports the caller's whole output length "
                           f"'{o.length}', which nothing bounds on this path, but {written} into "
                           f"the system buffer on any path of this routine: a caller that asks "
                           f"for more gets the rest (stale pool contents)")
                continue
            ctx.report(self, o.node,
                       f"IoStatus.Information reports {o.reported} bytes of the METHOD_BUFFERED "
                       f"output but {written} into the system buffer on any path of this "
                       f"routine: the I/O manager copies the rest (stale pool contents) to the "
                       f"caller")
