"""Tolerant parsing: case-insensitive includes, stubs, repair rounds, the coverage check."""
from __future__ import annotations

from pathlib import Path

from kdlint.config import Settings
from kdlint.parse import parse
from kdlint.repair import IncludeResolver, Lexed, scan_definitions

MODEL = Settings(headers="model")


def write(root: Path, files: dict) -> None:
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)


def main_errors(parsed) -> list:
    return [e for e in parsed.errors if e.path == str(parsed.path)]


# --- case folding and stubs -------------------------------------------------------------------


def test_include_found_under_another_case(tmp_path):
    write(tmp_path, {
        "Sub/MyHdr.h": "#pragma once\ntypedef int KDT_MYINT;\n#include \"Other.H\"\n",
        "Sub/other.h": "#pragma once\ntypedef int KDT_OTHER;\n",
        "drv.c": '#include "sub\\myhdr.h"\nKDT_MYINT f(void) { KDT_OTHER o = 1; return o; }\n',
    })
    parsed = parse(tmp_path / "drv.c", MODEL)
    assert main_errors(parsed) == []
    folded = [Path(p).name for p in parsed.stats.case_folded]
    assert "myhdr.h" in folded and "Other.H" in folded
    assert parsed.health.functions == 1 and parsed.health.functions_with_errors == 0


def test_plain_parse_does_not_fold_case(tmp_path):
    write(tmp_path, {"Hdr.h": "typedef int KDT_T;\n", "drv.c": '#include "hdr.h"\nKDT_T x;\n'})
    parsed = parse(tmp_path / "drv.c", MODEL, tolerant=False)
    assert any("file not found" in e.message for e in parsed.errors)


def test_missing_generated_headers_are_stubbed(tmp_path):
    write(tmp_path, {"drv.c": '#include "drv.tmh"\n#include <kdt_msg_generated.h>\n'
                              "int f(void) { return 0; }\n"})
    parsed = parse(tmp_path / "drv.c", MODEL)
    assert not any("file not found" in e.message for e in parsed.errors)
    assert {"drv.tmh", "kdt_msg_generated.h"} <= set(parsed.stats.stubbed)
    assert any("empty stubs" in n.message for n in parsed.notices())


def test_ancestor_directory_is_guessed_for_project_includes(tmp_path):
    write(tmp_path, {
        "proj/inc/kdtlib/api.h": "#pragma once\ntypedef int KDT_API_T;\n",
        "proj/src/sys/drv.c": "#include <kdtlib/api.h>\nKDT_API_T f(void) { return 0; }\n",
    })
    parsed = parse(tmp_path / "proj/src/sys/drv.c", MODEL)
    assert main_errors(parsed) == []
    assert str(tmp_path / "proj" / "inc") in parsed.stats.guessed_dirs


def test_resolver_prefers_exact_match_in_a_later_directory(tmp_path):
    write(tmp_path, {"a/X.h": "", "b/x.h": "", "drv.c": "#include <x.h>\n"})
    plan = IncludeResolver([str(tmp_path / "a"), str(tmp_path / "b")], []).plan(str(tmp_path / "drv.c"))
    # a/ comes first, and holds the name under another case: MSVC would take a/X.h
    assert plan.case_folded == {str(tmp_path / "a" / "x.h"): str(tmp_path / "a" / "X.h")}


# --- repair ------------------------------------------------------------------------------------

REPAIR_SRC = """\
#include <kdt_missing_api.h>

int use_widget(int n)
{
    KDT_WIDGET w;
    PKDT_WIDGET p = &w;
    w.Size = n;
    p->Next = 0;
    switch (n) {
    case KDT_FLAG_ONE: return KdtGlobalCount;
    case KDT_FLAG_TWO: KdtGlobalCount = 2; break;
    }
    return (int)sizeof(KDT_HEADER);
}
"""


def test_repair_declares_unknown_types_and_values(tmp_path):
    write(tmp_path, {"drv.c": REPAIR_SRC})
    plain = parse(tmp_path / "drv.c", MODEL, tolerant=False)
    assert plain.health.functions_with_errors == 1
    parsed = parse(tmp_path / "drv.c", MODEL)
    assert main_errors(parsed) == [], parsed.errors
    assert parsed.health.functions_with_errors == 0
    for name in ("KDT_WIDGET", "PKDT_WIDGET", "KDT_FLAG_ONE", "KDT_FLAG_TWO", "KdtGlobalCount"):
        assert name in parsed.stats.repaired
    notice = [n for n in parsed.notices() if "declared by repair" in n.message]
    assert notice and notice[0].level == "note" and "KDT_WIDGET" in notice[0].message
    assert 1 < parsed.stats.rounds <= 4


def test_repair_rounds_are_bounded(tmp_path):
    write(tmp_path, {"drv.c": REPAIR_SRC})
    assert parse(tmp_path / "drv.c", MODEL, max_rounds=0).stats.rounds == 1
    assert parse(tmp_path / "drv.c", MODEL, max_rounds=1).stats.rounds == 2


def test_clean_file_is_parsed_once(tmp_path):
    write(tmp_path, {"drv.c": "static int twice(int x) { return 2 * x; }\n"})
    parsed = parse(tmp_path / "drv.c", MODEL)
    assert parsed.stats.rounds == 1 and parsed.stats.repaired == [] and parsed.errors == []


def test_function_type_declaration_keeps_the_definition(tmp_path):
    write(tmp_path, {"drv.c": "KDT_THING_ROUTINE KdtThing;\n\n"
                              "long KdtThing(void *Context, unsigned long Code)\n"
                              "{\n    return Code != 0;\n}\n"})
    parsed = parse(tmp_path / "drv.c", MODEL)
    assert main_errors(parsed) == []
    assert parsed.health.functions == 1 and parsed.health.functions_with_errors == 0


def test_unknown_annotation_macro_does_not_drop_definitions(tmp_path):
    src = ("_Kdt_annot_(KdtClass) _Kdt_max_(2)\nint first(void) { return 1; }\n"
           "int second(void) { return 2; }\nint third;\nint fourth(void) { return 4; }\n")
    write(tmp_path, {"drv.c": src})
    plain = parse(tmp_path / "drv.c", MODEL, tolerant=False)
    assert plain.health.functions_dropped >= 1
    assert any("missing from clang's AST" in n.message and "first" in n.message
               for n in plain.notices())
    parsed = parse(tmp_path / "drv.c", MODEL)
    assert parsed.health.functions_dropped == 0 and parsed.health.functions == 3
    assert {"_Kdt_annot_", "_Kdt_max_"} <= set(parsed.stats.repaired)


def test_struct_declared_but_not_defined_is_completed(tmp_path):
    write(tmp_path, {
        "api.h": "#pragma once\ntypedef struct _KDT_OBJ KDT_OBJ, *PKDT_OBJ;\n",
        "drv.c": '#include "api.h"\nint f(PKDT_OBJ o) { o->Flags = 1; return o->Count; }\n',
    })
    parsed = parse(tmp_path / "drv.c", MODEL)
    assert main_errors(parsed) == []
    assert "struct _KDT_OBJ" in parsed.stats.repaired


# --- coverage check ----------------------------------------------------------------------------


def test_scan_definitions_skips_comments_strings_prototypes_and_data():
    text = """
    // int commented(void) { }
    /* int block(void) { } */
    const char *s = "int instring(void) { }";
    int proto(void);
    struct S { int (*fn)(void); };
    int table[] = { 1, 2 };
    #define MACRO(x) { x }
    static int real_one(int a)
    {
        if (a) { return 1; }
        return 0;
    }
    NTSTATUS
    Dispatch(
        PDEVICE_OBJECT DeviceObject,
        PIRP Irp
        )
    {
        return 0;
    }
    """
    defs = scan_definitions(Lexed(text))
    assert [d.name for d in defs] == ["real_one", "Dispatch"]
    assert defs[1].line == 15 and defs[1].body_line == 19


def test_inactive_definitions_are_not_counted_as_dropped(tmp_path):
    write(tmp_path, {"drv.c": "#if 0\nint dead(void) { return 0; }\n#endif\n"
                              "#ifdef KDT_NOT_DEFINED\nint also_dead(void) { return 1; }\n#endif\n"
                              "int alive(void) { return 2; }\n"})
    parsed = parse(tmp_path / "drv.c", MODEL)
    assert parsed.health.functions == 1 and parsed.health.functions_dropped == 0


def test_crlf_continuation_lines_stay_in_the_directive():
    text = "#define LONG_MACRO(x) \\\r\n    (x) + 1; }\r\nint f(void)\r\n{\r\n  return 0;\r\n}\r\n"
    assert [d.name for d in scan_definitions(Lexed(text))] == ["f"]


def test_lexed_tokens_have_kind_line_column_and_offset():
    text = ('/* c */ int x = .5 + 0x1Fu; // tail\n'
            '  p->f(L"s", \'c\');\n'
            '#define M 1\n'
            'x <<= 2;\n')
    lexed = Lexed(text)
    got = [(t.kind, t.text, t.line, t.col) for t in lexed.tokens]
    assert got[:7] == [("id", "int", 1, 9), ("id", "x", 1, 13), ("p", "=", 1, 15),
                       ("num", ".5", 1, 17), ("p", "+", 1, 20), ("num", "0x1Fu", 1, 22),
                       ("p", ";", 1, 27)]
    assert [(t.kind, t.text) for t in lexed.tokens[7:13]] == [
        ("id", "p"), ("p", "->"), ("id", "f"), ("p", "("), ("str", '"  "'), ("p", ",")]
    assert lexed.tokens[-1] == lexed.tokens[len(lexed.tokens) - 1] == lexed.tok(len(lexed.tokens) - 1)
    assert lexed.tok(len(lexed.tokens)) is None
    assert (lexed.tokens[-3].text, lexed.tokens[-3].line) == ("<<=", 4)
    assert "M" not in lexed.positions  # directives are not code tokens
    assert lexed.positions["x"] == [1, len(lexed.tokens) - 4]
    i = lexed.index_at(2, 3)
    assert lexed.tokens[i].text == "p" and lexed.tokens[i].offset == text.index("p->")
    assert [t.text for t in Lexed(text, directives=True).tokens].count("M") == 1


def test_errors_are_counted_per_function(tmp_path):
    write(tmp_path, {"drv.c": "int ok(void) { return 0; }\n"
                              "int bad(void) { return 1 +; }\n"})
    parsed = parse(tmp_path / "drv.c", MODEL)
    assert parsed.health.functions == 2 and parsed.health.functions_with_errors == 1
    assert parsed.health.errors >= 1 and parsed.header_set.kind == "model"


def test_missing_member_is_added_to_a_header_struct_without_moving_lines(tmp_path):
    write(tmp_path, {
        "api.h": "#pragma once\ntypedef struct _KDT_DEV {\n    int Flags;\n} KDT_DEV;\n",
        "drv.c": '#include "api.h"\nint f(KDT_DEV *d)\n{\n    d->Extension->Count = 1;\n'
                 "    return d->Flags;\n}\n",
    })
    parsed = parse(tmp_path / "drv.c", MODEL)
    assert main_errors(parsed) == []
    assert "_KDT_DEV.Extension" in parsed.stats.repaired
    header = parsed.unsaved[str(tmp_path / "api.h")].decode()
    assert header.count("\n") == 4 and "Extension" in header.splitlines()[3]
    assert (tmp_path / "api.h").read_text().count("Extension") == 0  # disk untouched


def test_seh_macro_spellings_keep_the_guarded_block(tmp_path):
    write(tmp_path, {"drv.c": "void kdt_work(void);\nvoid f(void)\n{\n    TRY {\n        kdt_work();\n"
                              "    } FINALLY {\n        kdt_work();\n    }\n}\n"})
    parsed = parse(tmp_path / "drv.c", MODEL)
    assert main_errors(parsed) == [] and {"TRY", "FINALLY"} <= set(parsed.stats.repaired)


def test_a_repair_bug_costs_the_repair_not_the_file(tmp_path, monkeypatch):
    from kdlint import repair

    def boom(self, diags):
        raise RuntimeError("synthetic")

    monkeypatch.setattr(repair.Repair, "learn", boom)
    write(tmp_path, {"drv.c": REPAIR_SRC})
    parsed = parse(tmp_path / "drv.c", MODEL)
    assert parsed.stats.rounds == 1 and "synthetic" in parsed.stats.trouble
    assert any("tolerant parsing" in n.message for n in parsed.notices())
