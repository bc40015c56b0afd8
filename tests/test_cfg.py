"""CFG construction: one test per statement kind, on self-contained C snippets.

Most tests compare the sequences of calls along every acyclic entry → exit path
(``call_paths``), which is what later dataflow sees, rather than block numbers.
"""
from __future__ import annotations

from clang.cindex import CursorKind

from cparse import call_paths, function, parse_snippet
from kdlint.cursors import callee_name
from kdlint.flow.cfg import EdgeKind, build_cfg, describe

DECLS = """
void a(void); void b(void); void c(void); void d(void); void cleanup(void);
int f(int); int g(int); int h(void); int ok(int);
void KeBugCheckEx(unsigned long, unsigned long long, unsigned long long,
                  unsigned long long, unsigned long long);
"""


def cfg_of(body: str, name: str = "t", params: str = "int x, int y, int *p"):
    tu = parse_snippet(DECLS + f"int {name}({params}) {{\n{body}\n}}\n")
    return build_cfg(function(tu, name))


def block_calling(cfg, callee: str):
    for b in cfg.blocks:
        if any(n.kind == CursorKind.CALL_EXPR and callee_name(n) == callee for n in b.nodes):
            return b
    raise AssertionError(f"no block calls {callee}\n{cfg.dump()}")


def test_entry_and_exit_are_unique_and_empty():
    cfg = cfg_of("a(); return 0;")
    assert cfg.blocks[0] is cfg.entry and cfg.blocks[-1] is cfg.exit
    assert not cfg.entry.nodes and not cfg.exit.nodes
    assert not cfg.entry.preds and not cfg.exit.succs


def test_evaluation_order_of_nested_calls_and_assignment():
    cfg = cfg_of("x = f(g(1)) + h(); return x;")
    nodes = [describe(n) for n in cfg.entry.successors[0].nodes]
    assert nodes[:4] == ["g()", "f()", "h()", nodes[3]]
    assert cfg.entry.successors[0].nodes[3].kind == CursorKind.BINARY_OPERATOR
    assert cfg.entry.successors[0].nodes[-1].kind == CursorKind.RETURN_STMT


def test_declarations_are_nodes_after_their_initialiser_but_static_locals_are_not():
    cfg = cfg_of("static int s = 1; int v = f(2), w; return v;")
    kinds = [n.kind for n in cfg.entry.successors[0].nodes]
    assert kinds == [CursorKind.CALL_EXPR, CursorKind.VAR_DECL, CursorKind.VAR_DECL,
                     CursorKind.RETURN_STMT]


def test_sizeof_operand_is_not_evaluated():
    cfg = cfg_of("return sizeof(f(1));")
    assert call_paths(cfg) == {()}


def test_if_else():
    cfg = cfg_of("if (x) a(); else b(); c(); return 0;")
    assert call_paths(cfg) == {("a", "c"), ("b", "c")}
    branch = [e for e in cfg.edges if e.kind in (EdgeKind.TRUE, EdgeKind.FALSE)]
    assert {e.kind for e in branch} == {EdgeKind.TRUE, EdgeKind.FALSE}
    assert all(e.cond.spelling == "x" for e in branch)


def test_if_without_else():
    cfg = cfg_of("if (x) a(); c(); return 0;")
    assert call_paths(cfg) == {("a", "c"), ("c",)}


def test_negated_condition_swaps_true_and_false():
    cfg = cfg_of("if (!ok(x)) a(); else b(); return 0;")
    test = block_calling(cfg, "ok")
    by_kind = {e.kind: e for e in test.succs}
    assert callee_name(by_kind[EdgeKind.TRUE].cond) == "ok"
    assert by_kind[EdgeKind.FALSE].dst is block_calling(cfg, "a")
    assert by_kind[EdgeKind.TRUE].dst is block_calling(cfg, "b")


def test_short_circuit_and_or():
    cfg = cfg_of("if (f(1) && g(2)) a(); return 0;")
    assert call_paths(cfg) == {("f",), ("f", "g"), ("f", "g", "a")}
    cfg = cfg_of("if (f(1) || g(2)) a(); return 0;")
    assert call_paths(cfg) == {("f", "a"), ("f", "g"), ("f", "g", "a")}
    conds = {callee_name(e.cond) for e in cfg.edges if e.kind == EdgeKind.TRUE}
    assert conds == {"f", "g"}


def test_short_circuit_and_conditional_in_value_context():
    cfg = cfg_of("x = f(1) && g(2); return x;")
    assert call_paths(cfg) == {("f",), ("f", "g")}
    cfg = cfg_of("x = h() ? f(1) : g(2); return x;")
    assert call_paths(cfg) == {("h", "f"), ("h", "g")}


def test_while_loop_has_back_edge_and_exit():
    cfg = cfg_of("while (x) { a(); x--; } b(); return 0;")
    assert call_paths(cfg) == {("a", "b"), ("b",)}
    body = block_calling(cfg, "a")
    head = body.preds[0].src
    assert head in body.successors or any(s is head for s in body.successors)


def test_do_while_runs_body_first():
    cfg = cfg_of("do { a(); } while (x); b(); return 0;")
    assert call_paths(cfg) == {("a", "b")}
    body = block_calling(cfg, "a")
    assert any(e.src is not cfg.entry for e in body.preds)  # the back edge


def test_do_while_zero_has_no_back_edge():
    cfg = cfg_of("do { a(); } while (0); return 0;")
    body = block_calling(cfg, "a")
    assert [e.src for e in body.preds] == [cfg.entry]


def test_for_with_all_parts():
    cfg = cfg_of("int i; for (i = 0; i < x; i++) a(); b(); return 0;")
    assert call_paths(cfg) == {("a", "b"), ("b",)}


def test_for_with_missing_parts_is_classified_by_semicolons():
    cfg = cfg_of("for (x = 0; ; x++) { if (f(x)) break; } return 0;")
    test = block_calling(cfg, "f")
    inc = [e.dst for e in test.succs if e.kind == EdgeKind.FALSE][0]
    assert [n.kind for n in inc.nodes] == [CursorKind.UNARY_OPERATOR]  # x++ is the increment
    cfg = cfg_of("for (int i = 0; i < x; ) { i++; } return 0;")
    assert any(e.kind == EdgeKind.TRUE for e in cfg.edges)  # i < x is the condition


def test_infinite_for_without_break_never_reaches_exit():
    cfg = cfg_of("for (;;) { a(); } b(); return 0;")
    assert call_paths(cfg) == set()
    assert not block_calling(cfg, "b").reachable


def test_while_true_constant_condition():
    cfg = cfg_of("while (1) { if (x) break; a(); } b(); return 0;")
    assert call_paths(cfg) == {("b",)}
    assert not any(e.kind == EdgeKind.FALSE and e.cond.kind == CursorKind.INTEGER_LITERAL
                   for e in cfg.edges)


def test_break_and_continue():
    cfg = cfg_of("while (x) { if (y) continue; if (f(1)) break; a(); } b(); return 0;")
    paths = call_paths(cfg)
    assert ("f", "b") in paths and ("f", "a", "b") in paths and ("b",) in paths
    assert all(p[-1] == "b" for p in paths)


def test_switch_fallthrough_default_and_case_values():
    cfg = cfg_of("switch (x) { case 1: a(); case 2: b(); break; default: c(); } d(); return 0;")
    assert call_paths(cfg) == {("a", "b", "d"), ("b", "d"), ("c", "d")}
    cases = sorted((e.value, describe(e.dst.nodes[0])) for e in cfg.edges if e.kind == EdgeKind.CASE)
    assert cases == [(1, "a()"), (2, "b()")]
    default = [e for e in cfg.edges if e.kind == EdgeKind.DEFAULT]
    assert len(default) == 1 and default[0].label is not None
    assert all(e.cond.kind == CursorKind.DECL_REF_EXPR and e.cond.spelling == "x"
               for e in cfg.edges if e.kind == EdgeKind.CASE)


def test_switch_stacked_labels_and_no_default():
    cfg = cfg_of("switch (x) { case 1: case 2: a(); break; case 3: b(); } d(); return 0;")
    assert call_paths(cfg) == {("a", "d"), ("b", "d"), ("d",)}
    default = [e for e in cfg.edges if e.kind == EdgeKind.DEFAULT]
    assert len(default) == 1 and default[0].label is None  # implicit: no case matched
    target = block_calling(cfg, "a")
    assert sorted(e.value for e in target.preds if e.kind == EdgeKind.CASE) == [1, 2]


def test_nested_switch_break_leaves_only_the_inner_one():
    cfg = cfg_of("switch (x) { case 1: switch (y) { case 2: a(); break; } b(); break; default: c(); }"
                 " return 0;")
    assert call_paths(cfg) == {("a", "b"), ("b",), ("c",)}


def test_goto_cleanup():
    cfg = cfg_of("if (f(1)) goto out; a(); if (f(2)) goto out; b();\nout:\n cleanup(); return 0;")
    assert call_paths(cfg) == {("f", "cleanup"), ("f", "a", "f", "cleanup"),
                               ("f", "a", "f", "b", "cleanup")}


def test_backward_goto_makes_a_loop():
    cfg = cfg_of("again:\n a(); if (f(1)) goto again; return 0;")
    body = block_calling(cfg, "a")
    assert len(body.preds) == 2


def test_early_return_and_unreachable_code_is_kept_but_marked():
    cfg = cfg_of("if (x) return 1; a(); return 0; b();")
    assert call_paths(cfg) == {(), ("a",)}
    dead = block_calling(cfg, "b")
    assert not dead.reachable
    returns = [e for e in cfg.exit.preds if e.src.nodes[-1].kind == CursorKind.RETURN_STMT]
    assert len(returns) == 2


def test_try_finally_with_leave_runs_finally_on_every_way_out():
    cfg = cfg_of("__try { a(); if (x) __leave; b(); if (y) return 1; c(); }"
                 " __finally { cleanup(); } d(); return 0;")
    assert call_paths(cfg) == {("a", "cleanup", "d"), ("a", "b", "cleanup"),
                               ("a", "b", "c", "cleanup", "d")}
    # the finally body is built once per way out (falling off the end and __leave share one
    # copy; the return gets its own), so its call has several locations
    call = block_calling(cfg, "cleanup").nodes[0]
    assert len(cfg.locations(call)) == 2


def test_goto_and_break_out_of_try_finally_run_finally():
    cfg = cfg_of("while (x) { __try { if (f(1)) break; if (f(2)) goto out; a(); }"
                 " __finally { cleanup(); } }\nout:\n d(); return 0;")
    for path in call_paths(cfg):
        if "f" in path:
            assert "cleanup" in path, path


def test_try_except_exception_edges_leave_before_each_node():
    cfg = cfg_of("__try { a(); *p = 1; b(); } __except (1) { c(); } d(); return 0;")
    handler = block_calling(cfg, "c")
    exc = [e for e in cfg.edges if e.kind == EdgeKind.EXCEPTION]
    assert len(exc) == 3  # before a(), before *p = 1, before b()
    filt = exc[0].dst
    assert all(e.dst is filt for e in exc)
    assert handler is filt or handler in filt.successors
    # the state reaching the handler from "before b()" has seen a() and the store
    before_b = [e.src for e in exc if block_calling(cfg, "b") in e.src.successors]
    assert before_b and before_b[0].nodes[-1].kind == CursorKind.BINARY_OPERATOR
    paths = call_paths(cfg)
    assert ("a", "b", "d") in paths and ("c", "d") in paths and ("a", "c", "d") in paths


def test_leave_in_try_except_goes_past_the_handler():
    cfg = cfg_of("__try { if (x) __leave; a(); } __except (1) { c(); } d(); return 0;")
    assert (("d",) in call_paths(cfg))


def test_exception_inside_try_finally_inside_try_except_runs_finally():
    cfg = cfg_of("__try { __try { a(); } __finally { cleanup(); } } __except (1) { c(); }"
                 " return 0;")
    paths = call_paths(cfg)
    assert ("cleanup", "c") in paths  # raised before a(): unwind runs the finally
    assert ("a", "cleanup") in paths


def test_noreturn_call_ends_the_path():
    cfg = cfg_of("if (x) { KeBugCheckEx(1, 0, 0, 0, 0); a(); } b(); return 0;")
    assert call_paths(cfg) == {("b",)}
    bug = block_calling(cfg, "KeBugCheckEx")
    assert [e.kind for e in bug.succs] == [EdgeKind.NORETURN]
    assert bug.succs[0].dst is cfg.exit
    assert not block_calling(cfg, "a").reachable


def test_call_to_a_routine_declared_noreturn_ends_the_path():
    tu = parse_snippet(DECLS + """
static inline __attribute__((noreturn)) void Raise(int s) { KeBugCheckEx(s, 0, 0, 0, 0); }
int t(int x) { if (x) { Raise(1); a(); } b(); return 0; }
""")
    cfg = build_cfg(function(tu, "t"), frozenset())  # not by name: by the callee's type
    assert call_paths(cfg) == {("b",)}
    raise_ = block_calling(cfg, "Raise")
    assert [e.kind for e in raise_.succs] == [EdgeKind.NORETURN]
    assert not block_calling(cfg, "a").reachable


def test_statement_expression():
    cfg = cfg_of("x = ({ int t = f(1); t + g(2); }); return x;")
    assert call_paths(cfg) == {("f", "g")}


def test_declaration_without_body():
    tu = parse_snippet("int proto(int);\nint t(void) { return proto(1); }\n")
    decl = next(c for c in tu.cursor.get_children() if c.spelling == "proto")
    cfg = build_cfg(decl)
    assert cfg.blocks == [cfg.entry, cfg.exit] and cfg.entry.successors == [cfg.exit]


def test_dump_mentions_every_block():
    cfg = cfg_of("if (x) a(); return 0;")
    text = cfg.dump()
    assert text.count("\n") == len(cfg.blocks) - 1 and "a()" in text


def test_non_constant_global_condition_keeps_both_edges():
    tu = parse_snippet(DECLS + "int flag = 1;\nint t(void) { if (flag) a(); else b(); return 0; }\n")
    cfg = build_cfg(function(tu, "t"))
    assert call_paths(cfg) == {("a",), ("b",)}


def test_tree_children_match_get_children():
    from kdlint.cursors import walk
    from kdlint.flow.cfg import Tree

    tu = parse_snippet(DECLS + "int t(int x) { switch (x) { case 1: a(); break; } "
                       "__try { b(); } __finally { c(); } return x ? f(1) : g(2); }\n")
    fn = function(tu, "t")
    tree = Tree(fn)
    for node in walk(fn):
        assert [c.kind for c in tree.children(node)] == [c.kind for c in node.get_children()]


def test_nt_success_edges():
    from kdlint.flow.cfg import edge_success

    tu = parse_snippet(DECLS + "typedef long NTSTATUS;\n"
                       "#define NT_SUCCESS(Status) (((NTSTATUS)(Status)) >= 0)\n"
                       "int t(NTSTATUS status) { if (!NT_SUCCESS(status)) { a(); return 1; }\n"
                       " b(); return 0; }\n")
    cfg = build_cfg(function(tu, "t"))
    tests = {e.dst.nodes[0].spelling if e.dst.nodes[0].kind == CursorKind.CALL_EXPR else "?":
             edge_success(e) for e in cfg.edges if e.kind in (EdgeKind.TRUE, EdgeKind.FALSE)}
    assert tests["a"][1] is False and tests["b"][1] is True
    assert tests["a"][0].spelling == "status"


def test_path_to_a_block_for_code_flows():
    cfg = cfg_of("if (x) { a(); if (y) b(); } return 0;")
    target = block_calling(cfg, "b")
    path = cfg.path(target)
    assert path[0].src is cfg.entry and path[-1].dst is target
    assert [e.kind for e in path if e.kind != EdgeKind.NORMAL] == [EdgeKind.TRUE, EdgeKind.TRUE]
    assert cfg.block_of(target.nodes[0]) is target


def test_goto_within_a_try_finally_does_not_run_finally():
    cfg = cfg_of("__try { if (x) goto inner; a();\ninner:\n b(); } __finally { cleanup(); }"
                 " return 0;")
    assert call_paths(cfg) == {("b", "cleanup"), ("a", "b", "cleanup")}


def test_abnormal_termination_is_known_in_each_finally_copy():
    tu = parse_snippet(DECLS + "int t(int x) {\n __try { if (x) return 1; if (x > 1) __leave; a(); }\n"
                       " __finally { if (AbnormalTermination()) b(); else c(); }\n return 0;\n}\n")
    cfg = build_cfg(function(tu, "t"))
    at = "AbnormalTermination"
    assert call_paths(cfg) == {(at, "b"), (at, "c"), ("a", at, "c")}
