"""The file's call graph: edges among definitions, bottom-up order with recursion, and uses of
functions as values; plus the FunctionFacts accessors built on it."""
from __future__ import annotations

from cparse import definitions, parse_snippet
from kdlint.flow.callgraph import CallGraph
from kdlint.flow.facts import FunctionFacts
from kdlint.model.driver import build_driver_model

SRC = r"""
typedef void (*CALLBACK)(int);
void ExternalApi(int);
void Register(CALLBACK cb, int x);
void IofCompleteRequest(void *irp, int boost);
#define IoCompleteRequest IofCompleteRequest
void leaf(int x) { ExternalApi(x); }
void mid(int x) { leaf(x); leaf(x + 1); }
void top(void *irp) { mid(1); IoCompleteRequest(irp, 0); }
void even(int n);
void odd(int n) { if (n) even(n - 1); }
void even(int n) { if (n) odd(n - 1); }
void self(int n) { if (n) self(n - 1); }
CALLBACK pick(int n) { return n ? leaf : mid; }
void uses(void) {
    CALLBACK local = leaf;
    CALLBACK later;
    later = (CALLBACK)&mid;
    Register(leaf, 0);
}
"""


def graph():
    tu = parse_snippet(SRC)
    return CallGraph(definitions(tu), tu)


def test_callees_and_callers_among_definitions():
    cg = graph()
    assert cg.callees("mid") == ["leaf"]
    assert cg.callees("leaf") == []  # ExternalApi is not defined here
    assert [c.name for c in cg.calls_from("leaf")] == ["ExternalApi"]
    assert cg.callers("leaf") == ["mid"]
    assert cg.callees("top") == ["mid"]


def test_call_names_are_canonical():
    cg = graph()
    assert [c.name for c in cg.calls_from("top")] == ["mid", "IoCompleteRequest"]


def test_bottom_up_order_and_recursion():
    cg = graph()
    order = cg.bottom_up()
    assert order.index("leaf") < order.index("mid") < order.index("top")
    assert sorted(cg.component("odd")) == ["even", "odd"]
    assert cg.is_recursive("odd") and cg.is_recursive("self")
    assert not cg.is_recursive("mid")
    comps = cg.sccs()
    assert sum(len(c) for c in comps) == len(cg.functions)


def test_function_pointer_uses():
    cg = graph()
    uses = {(u.name, u.user, u.context) for u in cg.uses}
    assert ("leaf", "pick", "return") in uses and ("mid", "pick", "return") in uses
    assert ("leaf", "uses", "initializer") in uses
    assert ("mid", "uses", "assignment") in uses
    assert ("leaf", "uses", "argument") in uses
    arg = [u for u in cg.uses if u.context == "argument"][0]
    assert arg.call.name == "Register" and arg.arg_index == 0
    assigned = [u for u in cg.uses if u.context == "assignment"][0]
    assert assigned.target.spelling == "later"
    # direct calls are not uses
    assert not any(u.user == "mid" for u in cg.uses)
    assert cg.address_taken == {"leaf", "mid"}


def test_function_facts_share_the_file_caches():
    tu = parse_snippet(SRC)
    fns = definitions(tu)
    model = build_driver_model(fns)
    facts = {f.spelling: FunctionFacts(f, model) for f in fns}
    top = facts["top"]
    assert top.callgraph is model.callgraph
    assert [c.name for c in top.calls_to("IoCompleteRequest")] == ["IoCompleteRequest"]
    assert top.callees == ["mid"]
    assert top.cfg is model.callgraph.facts("top").cfg  # built once per file
    assert [p.spelling for p in top.params] == ["irp"]


def test_function_facts_without_a_driver_model_build_their_own_graph():
    tu = parse_snippet(SRC)
    mid = [f for f in definitions(tu) if f.spelling == "mid"][0]
    facts = FunctionFacts(mid)
    assert facts.callees == ["leaf"] and facts.roles == frozenset()
    assert len(facts.cfg.blocks) >= 3


def test_two_definitions_with_one_name_keep_their_own_facts():
    tu = parse_snippet("void a(void); void b(void);\n"
                       "void f(void) { a(); }\nvoid f(void) { b(); }\n", allow_errors=True)
    first, second = [c for c in definitions(tu) if c.spelling == "f"]
    model = build_driver_model([first, second])
    one, two = FunctionFacts(first, model), FunctionFacts(second, model)
    assert [c.name for c in one.calls] == ["a"] and [c.name for c in two.calls] == ["b"]
    assert one.cfg is not two.cfg


def test_scan_and_cfg_share_cursor_objects():
    tu = parse_snippet(SRC)
    model = build_driver_model(definitions(tu))
    facts = model.callgraph.facts("mid")
    tree = model.callgraph.tree("mid")
    assert tree.children(facts.cursor) is tree.children(facts.cursor)  # fetched once
    nodes = {id(n) for b in facts.cfg.blocks for n in b.nodes}
    assert facts.calls and all(id(c.cursor) in nodes for c in facts.calls)
    assert all(facts.cfg.locations(c.cursor) for c in facts.calls)


def test_call_of_a_cfg_node():
    tu = parse_snippet(SRC)
    model = build_driver_model(definitions(tu))
    facts = model.callgraph.facts("top")
    names = [facts.call_of(n).name for b in facts.cfg.blocks for n in b.nodes
             if facts.call_of(n) is not None]
    assert names == ["mid", "IoCompleteRequest"]
    assert facts.call_of(facts.cfg.blocks[1].nodes[0]).arg(0) is not None


def test_helpers_that_never_return_end_their_callers_paths():
    from cparse import call_paths

    tu = parse_snippet("void a(void); void KeBugCheckEx(unsigned long);\n"
                       "void Fail(int code) { KeBugCheckEx(code); }\n"
                       "void FailTwice(int code) { if (code) Fail(code); else Fail(0); }\n"
                       "void Loop(void) { for (;;) a(); }\n"
                       "int t(int x) { if (x) FailTwice(1); if (x > 1) Loop(); a(); return 0; }\n")
    model = build_driver_model(definitions(tu))
    cg = model.callgraph
    assert call_paths(cg.cfg("t")) == {("a",)}
    assert cg.no_return == {"Fail", "FailTwice", "Loop"}


def _body_cursors(graph_, name):
    """Every cursor of definition ``name``, fetched through the graph's shared children."""
    out, todo = [], [graph_.functions[name]]
    while todo:
        node = todo.pop()
        out.append(node)
        todo.extend(graph_.children(node))
    return out


def _free_the_default():
    """No earlier test's graph still holds the cursors' default translation unit (a graph some
    test left alive keeps it until it is released, as the engine releases each file's)."""
    import gc

    from kdlint import libclang

    gc.collect()
    ref = libclang._default[0]
    holder = ref() if ref is not None else None
    if holder is not None:
        libclang.unshare_children(holder)


def test_fetched_cursors_know_their_translation_unit_while_two_files_are_alive():
    """The first file's translation unit is the cursors' class-wide default (its fetched
    children carry none of their own); a second file analysed meanwhile must not take it."""
    import clang.cindex as cindex

    _free_the_default()
    tu_a, tu_b = parse_snippet(SRC), parse_snippet(SRC)
    graph_a = CallGraph(definitions(tu_a), tu_a)
    first = _body_cursors(graph_a, "mid")
    graph_b = CallGraph(definitions(tu_b), tu_b)
    second = _body_cursors(graph_b, "mid")
    later = _body_cursors(graph_a, "top")
    assert len(first) > 5 and len(second) == len(first)
    assert all(c.translation_unit is tu_a for c in first + later)
    assert all(c.translation_unit is tu_b for c in second)
    assert any("_tu" not in c.__dict__ for c in first)  # the default is used at all
    graph_a.release()
    assert cindex.Cursor.__dict__.get("_tu") is not tu_a
    graph_b.release()


def test_a_released_graph_leaves_its_translation_unit_to_die():
    import gc
    import weakref

    import clang.cindex as cindex

    tu = parse_snippet(SRC)
    graph_ = CallGraph(definitions(tu), tu)
    assert _body_cursors(graph_, "top")
    graph_.release()
    assert "_tu" not in cindex.Cursor.__dict__
    gone = weakref.ref(tu)
    del tu, graph_
    gc.collect()
    assert gone() is None
