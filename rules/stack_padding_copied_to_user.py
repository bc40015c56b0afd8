"""KD410: a local structure with padding is copied to the caller without being zeroed."""
from __future__ import annotations

from kdlint.model.address_space import user_memory
from kdlint.model.user_queries import padding_leaks
from kdlint.results import Step
from kdlint.rule import Rule, Severity

WHERE = {"sysbuf": "the system buffer", "mapping": "an MDL mapping of the caller's buffer"}


class StackPaddingCopiedToUser(Rule):
    """A local structure with padding bytes is copied to the caller's buffer without being zeroed.

    ## What it does
    Flags `RtlCopyMemory(out, &local, ...)` (also `memcpy`, `RtlMoveMemory`) and `*out = local`
    where `out` is memory the caller reads back — the METHOD_BUFFERED system buffer, a user
    buffer, an MDL mapping — and `local` is a stack structure whose type has padding (alignment
    gaps between or after its fields) and that was not written as a whole on the path (no
    initialiser, no `RtlZeroMemory`/`memset`, no whole-structure assignment, no call that was
    given its address).

    ## Why is this bad?
    Setting every field leaves the padding holding whatever the stack held before: return
    addresses, pointers, other requests' data. Copying the structure out discloses those bytes to
    user mode (CWE-200), which defeats KASLR and leaks secrets. Zero the structure first
    (`RtlZeroMemory(&local, sizeof(local))` or `= {0}`) or copy field by field.

    ## Example
    ```c
    typedef struct _ANSWER { UCHAR Kind; ULONGLONG Value; } ANSWER;
    ANSWER answer;
    answer.Kind = 1;
    answer.Value = 2;
    RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, &answer, sizeof(answer));
    ```

    Use instead:
    ```c
    typedef struct _ANSWER { UCHAR Kind; ULONGLONG Value; } ANSWER;
    ANSWER answer;
    RtlZeroMemory(&answer, sizeof(answer));
    answer.Kind = 1;
    answer.Value = 2;
    RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, &answer, sizeof(answer));
    ```

    ## Limitations
    Unions and structures with bit-fields are not measured. A structure whose fields are all
    set but which has no padding is not flagged; fields left unset in a padding-free structure
    are not tracked. `IoStatus.Information` larger than the bytes written is not checked.

    ## References
    - Failure to Initialize Output Buffers (Windows kernel-mode guidance)
    - CodeQL query PaddingByteInformationDisclosure
    - CWE-200: Exposure of Sensitive Information to an Unauthorized Actor
    """

    id = "KD410"
    name = "stack-padding-copied-to-user"
    severity = Severity.WARNING
    precision = "high"
    tags = ("security", "external/cwe/cwe-200")
    security_severity = "5.5"

    def check_function(self, fn, ctx) -> None:
        for leak in padding_leaks(user_memory(fn)):
            where = WHERE.get(leak.destination.kind, "user-mode memory")
            name = leak.local.spelling
            ctx.report(self, leak.node,
                       f"'{name}' ({leak.local.type.spelling}, {leak.padding} bytes of padding) is "
                       f"copied to {where} without being zeroed first: its padding leaks kernel "
                       f"stack contents to the caller",
                       related=[Step(ctx.span(leak.local), f"'{name}' is declared here without an "
                                                            f"initialiser")])
