"""KD313: a driver-allocated IRP is completed, sent without a reclaiming completion routine, or leaked."""
from __future__ import annotations

from kdlint.model.irp import report
from kdlint.rule import Rule, Severity


class DriverIrpLifecycle(Rule):
    """An IRP the driver allocated is completed, sent unprotected or leaked; or a received IRP is freed.

    ## What it does
    Follows IRPs from `IoAllocateIrp`/`IoAllocateIrpEx`/`IoBuildAsynchronousFsdRequest` and flags:
    `IoCompleteRequest` on them; `IoCallDriver` with no completion routine, or with one that never
    returns `STATUS_MORE_PROCESSING_REQUIRED`; a path to `return` on which the IRP is neither sent,
    freed (`IoFreeIrp`), stored nor returned (a NULL check counts as "not allocated"). It also
    flags `IoFreeIrp` in a dispatch routine on the IRP the routine received.

    ## Why is this bad?
    An IRP from `IoAllocateIrp` has no thread and no stack location of the driver's caller: the
    I/O manager cannot finish it the usual way. Its completion routine must return
    `STATUS_MORE_PROCESSING_REQUIRED` and the driver must free it with `IoFreeIrp`; letting the
    completion continue or calling `IoCompleteRequest` on it corrupts memory or bug-checks. An
    allocated IRP that is dropped leaks non-paged pool. An IRP that came from above belongs to the
    I/O manager: freeing it is a double free once it is completed.

    ## Example
    ```c
    VOID SendIt(PDEVICE_OBJECT Target)
    {
        PIRP irp = IoAllocateIrp(Target->StackSize, FALSE);
        if (irp == NULL) {
            return;
        }
        IoCompleteRequest(irp, IO_NO_INCREMENT);
    }
    ```

    Use instead:
    ```c
    VOID SendIt(PDEVICE_OBJECT Target)
    {
        PIRP irp = IoAllocateIrp(Target->StackSize, FALSE);
        if (irp == NULL) {
            return;
        }
        IoFreeIrp(irp);
    }
    ```

    ## Limitations
    The completion routine is followed only when it is named directly and defined in the same
    file; `IoReuseIrp` on IRPs the driver did not allocate is not checked.

    ## References
    - IoAllocateIrp; IoFreeIrp; IoBuildAsynchronousFsdRequest (WDK documentation)
    - Static Driver Verifier rules IoAllocateComplete, IoAllocateForward, IoAllocateFree,
      IoBuildFsdFree
    """

    id = "KD313"
    name = "driver-irp-lifecycle"
    severity = Severity.ERROR
    precision = "high"
    tags = ("correctness", "reliability", "external/cwe/cwe-401")

    def check_function(self, fn, ctx) -> None:
        report(self, fn, ctx, "alloc-completed", "alloc-no-smpr", "alloc-leak", "free-not-allocated")
