"""KD309: the next stack location is set up wrongly before passing the IRP down."""
from __future__ import annotations

from kdlint.model.irp import report
from kdlint.rule import Rule, Severity


class IrpStackLocationMisuse(Rule):
    """IoSetCompletionRoutine after IoSkipCurrentIrpStackLocation, or forwarding unprepared.

    ## What it does
    Flags `IoSetCompletionRoutine[Ex]` on an IRP whose current stack location was just skipped
    with `IoSkipCurrentIrpStackLocation` (no `IoCopyCurrentIrpStackLocationToNext` in between),
    and, in dispatch routines, `IoCallDriver`/`PoCallDriver` on the received IRP when the next
    stack location was not prepared at all on that path (no skip, no copy, no
    `IoGetNextIrpStackLocation`/`IoSetNextIrpStackLocation`, no completion routine).

    ## Why is this bad?
    After `IoSkipCurrentIrpStackLocation` the "next" stack location is the current one, which
    belongs to the driver above: `IoSetCompletionRoutine` then overwrites that driver's
    completion routine, which is never called, and yours runs in its place with the wrong
    context. Forwarding without preparing the next location hands the lower driver whatever
    parameters were left there, usually zeroes or another request's values.

    ## Example
    ```c
    IO_COMPLETION_ROUTINE MyCompletion;
    DRIVER_DISPATCH MyDispatch;
    NTSTATUS MyDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        IoSkipCurrentIrpStackLocation(Irp);
        IoSetCompletionRoutine(Irp, MyCompletion, NULL, TRUE, TRUE, TRUE);
        return IoCallDriver(DeviceObject->AttachedDevice, Irp);
    }
    ```

    Use instead:
    ```c
    IO_COMPLETION_ROUTINE MyCompletion;
    DRIVER_DISPATCH MyDispatch;
    NTSTATUS MyDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
    {
        IoCopyCurrentIrpStackLocationToNext(Irp);
        IoSetCompletionRoutine(Irp, MyCompletion, NULL, TRUE, TRUE, TRUE);
        return IoCallDriver(DeviceObject->AttachedDevice, Irp);
    }
    ```

    ## Limitations
    A stack location copied by hand with `RtlCopyMemory`/`memcpy` (Code Analysis C28114) is
    treated as prepared when `IoGetNextIrpStackLocation` was called; the copy size is not checked.

    ## References
    - IoSkipCurrentIrpStackLocation; IoCopyCurrentIrpStackLocationToNext; IoSetCompletionRoutine
      (WDK documentation)
    - Static Driver Verifier rule CompletionRoutineRegistered; Code Analysis C28114
    """

    id = "KD309"
    name = "irp-stack-location-misuse"
    severity = Severity.ERROR
    precision = "high"
    tags = ("correctness",)

    def check_function(self, fn, ctx) -> None:
        report(self, fn, ctx, "skip-then-completion", "no-stack-setup")
