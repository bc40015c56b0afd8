"""Access paths (kdlint.model.values) and processor modes (kdlint.model.modes)."""
from __future__ import annotations

from clang.cindex import CursorKind

from cparse import function, parse_snippet
from kdlint.cursors import walk
from kdlint.model.modes import Mode, mode_of, mode_test
from kdlint.model.values import RootKind, on_stack, path_of, root_decl, root_kind

PRELUDE = r"""
typedef struct _KEVENT { int Header; } KEVENT, *PKEVENT;
typedef struct _CTX { KEVENT Stop; KEVENT Many[2]; struct _CTX *Next; } CTX, *PCTX;
typedef char KPROCESSOR_MODE;
typedef enum _MODE { KernelMode, UserMode, MaximumMode } MODE;
typedef struct _IRP { KPROCESSOR_MODE RequestorMode; } IRP, *PIRP;
KPROCESSOR_MODE ExGetPreviousMode(void);
void Use(void *p);
void UseMode(KPROCESSOR_MODE m);
int Test(int c);
KEVENT Global;
"""


def _args(fn, callee):
    """The argument cursors of every call to ``callee`` in ``fn``, in source order."""
    return [list(c.get_arguments()) for c in walk(fn)
            if c.kind == CursorKind.CALL_EXPR and c.spelling == callee]


def test_one_object_many_spellings():
    tu = parse_snippet(PRELUDE + r"""
    void F(PCTX Ctx) {
        CTX local;
        PCTX p = &local;
        Use(&Ctx->Stop); Use((void *)&(*Ctx).Stop); Use(&Ctx[0].Stop);
        Use(&local.Stop); Use(&p->Stop); Use(&local.Many[1]); Use(&Ctx->Next->Stop);
        Use(&Global); Use(Ctx);
    }""")
    fn = function(tu, "F")
    paths = [path_of(a[0]) for a in _args(fn, "Use")]
    assert paths[0] == paths[1] == paths[2]
    assert paths[0].text == "&Ctx->Stop" and paths[0].address_of
    assert paths[3].text == "&local.Stop" and paths[3] != paths[4]
    assert paths[5].steps == ("Many", "[1]")
    assert paths[6].steps == ("*", "Next", "*", "Stop")
    assert paths[7].object().text == "Global"
    assert paths[8].deref().startswith(paths[8])


def test_storage_of_roots():
    tu = parse_snippet(PRELUDE + r"""
    void F(PCTX Ctx) {
        CTX local; static KEVENT kept; PCTX p = &local;
        Use(&local.Stop); Use(&kept); Use(&Global); Use(&Ctx->Stop); Use(&p->Stop);
    }""")
    args = [a[0] for a in _args(function(tu, "F"), "Use")]
    kinds = [root_kind(root_decl(a)) for a in args]
    assert kinds == [RootKind.LOCAL, RootKind.STATIC_LOCAL, RootKind.GLOBAL, RootKind.PARAM, RootKind.LOCAL]
    assert [on_stack(a) for a in args] == [True, False, False, False, False]


def test_modes_of_expressions_and_locals():
    tu = parse_snippet(PRELUDE + r"""
    void F(PIRP Irp, KPROCESSOR_MODE Param, int c) {
        KPROCESSOR_MODE fromIrp = Irp->RequestorMode;
        KPROCESSOR_MODE mixed = KernelMode;
        KPROCESSOR_MODE escaped = KernelMode;
        if (c) mixed = UserMode;
        Use(&escaped);
        UseMode(KernelMode); UseMode(UserMode); UseMode(Irp->RequestorMode);
        UseMode(ExGetPreviousMode()); UseMode(fromIrp); UseMode(mixed); UseMode(Param);
        UseMode((KPROCESSOR_MODE)0); UseMode(escaped);
    }""")
    fn = function(tu, "F")
    got = [mode_of(a[0], fn) for a in _args(fn, "UseMode")]
    assert got == [Mode.KERNEL, Mode.USER, Mode.REQUESTOR, Mode.PREVIOUS, Mode.REQUESTOR,
                   Mode.UNKNOWN, Mode.UNKNOWN, Mode.KERNEL, Mode.UNKNOWN]


def test_mode_guards():
    tu = parse_snippet(PRELUDE + r"""
    void F(PIRP Irp, int c) {
        Test(Irp->RequestorMode != KernelMode); Test(UserMode == ExGetPreviousMode());
        Test(Irp->RequestorMode == KernelMode); Test(c == 1); Test(KernelMode == UserMode);
    }""")
    fn = function(tu, "F")
    tests = [mode_test(a[0], fn) for a in _args(fn, "Test")]
    assert (tests[0].source, tests[0].user_when_true) == (Mode.REQUESTOR, True)
    assert (tests[1].source, tests[1].user_when_true) == (Mode.PREVIOUS, True)
    assert tests[2].user_when_true is False
    assert tests[3] is None and tests[4] is None
