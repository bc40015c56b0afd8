"""The dataflow solver: convergence, the visit bound, reaching definitions, branch refinement,
backward analyses and per-node states."""
from __future__ import annotations

from clang.cindex import CursorKind

from cparse import function, parse_snippet
from kdlint.cursors import callee_name
from kdlint.flow.cfg import EdgeKind, build_cfg, is_assignment
from kdlint.flow.solver import Analysis, Direction, solve

DECLS = "void a(void); void b(void); int f(int); int ok(int); void use(int);\n"


def cfg_of(body: str, params: str = "int x, int y"):
    tu = parse_snippet(DECLS + f"int t({params}) {{\n{body}\n}}\n")
    return build_cfg(function(tu, "t"))


def calls_named(cfg, name):
    return [n for _, _, n in cfg.nodes() if n.kind == CursorKind.CALL_EXPR and callee_name(n) == name]


class ReachingDefs(Analysis):
    """Which (variable, line) definitions may reach each point."""

    def initial(self):
        return frozenset()

    def bottom(self):
        return frozenset()

    def join(self, a, b):
        return a | b

    def transfer(self, node, state):
        if node.kind == CursorKind.VAR_DECL:
            name = node.spelling
        elif is_assignment(node):
            name = list(node.get_children())[0].spelling
        else:
            return state
        return frozenset(d for d in state if d[0] != name) | {(name, node.location.line)}


def test_reaching_definitions_through_if_and_loop():
    cfg = cfg_of("int v = 0;\nif (x)\n v = 1;\nwhile (y) {\n use(v);\n v = 2;\n}\nuse(v);\nreturn v;")
    sol = solve(cfg, ReachingDefs())
    assert sol.converged
    first, last = calls_named(cfg, "use")
    # line numbers: the snippet body starts on line 3
    assert sol.before(first) == {("v", 3), ("v", 5), ("v", 8)}
    assert sol.before(last) == {("v", 3), ("v", 5), ("v", 8)}
    ret = [n for _, _, n in cfg.nodes() if n.kind == CursorKind.RETURN_STMT][0]
    assert sol.after(ret) == sol.before(ret)
    assert sol.at_exit == {("v", 3), ("v", 5), ("v", 8)}


def test_straight_line_definition_kills_the_previous_one():
    cfg = cfg_of("int v = 0;\nv = 1;\nuse(v);\nreturn 0;")
    sol = solve(cfg, ReachingDefs())
    (call,) = calls_named(cfg, "use")
    assert sol.before(call) == {("v", 4)}


def test_node_that_is_not_in_the_cfg_has_no_state():
    tu = parse_snippet(DECLS + "int t(int x) { return sizeof(f(1)); }\n")
    fn = function(tu, "t")
    cfg = build_cfg(fn)
    sol = solve(cfg, ReachingDefs())
    inner = [c for c in fn.walk_preorder() if c.kind == CursorKind.CALL_EXPR][0]
    assert sol.before(inner) is None


class Counter(Analysis):
    """An infinite-height lattice (counts loop trips): never converges on a loop."""

    def initial(self):
        return 0

    def bottom(self):
        return 0

    def join(self, a, b):
        return max(a, b)

    def transfer(self, node, state):
        return state + 1 if node.kind == CursorKind.CALL_EXPR else state


def test_visit_bound_stops_a_diverging_analysis():
    cfg = cfg_of("while (x) { a(); } return 0;")
    sol = solve(cfg, Counter(), max_visits_per_block=5)
    assert not sol.converged
    assert sol.visits == 5 * len(cfg.blocks)


def test_widening_makes_it_converge():
    class Widened(Counter):
        widen_after = 2

        def widen(self, old, new):
            return 10**9 if new > old else new

    cfg = cfg_of("while (x) { a(); } return 0;")
    sol = solve(cfg, Widened())
    assert sol.converged


def test_finite_lattice_converges_without_hitting_the_bound():
    cfg = cfg_of("while (x) { if (y) a(); else b(); } return 0;")
    sol = solve(cfg, ReachingDefs())
    assert sol.converged and sol.visits < 5 * len(cfg.blocks)


class StatusKnown(Analysis):
    """Tracks whether ``s`` is known to be a success: refined on ``if (!ok(s))`` branches."""

    def initial(self):
        return "unknown"

    def bottom(self):
        return None

    def join(self, a, b):
        if a is None:
            return b
        if b is None:
            return a
        return a if a == b else "unknown"

    def edge(self, edge, state):
        if edge.kind in (EdgeKind.TRUE, EdgeKind.FALSE) and edge.cond.kind == CursorKind.CALL_EXPR \
                and callee_name(edge.cond) == "ok":
            return "success" if edge.kind == EdgeKind.TRUE else "failure"
        return state


def test_branch_refinement_on_negated_condition():
    cfg = cfg_of("int s = f(x);\nif (!ok(s)) {\n a();\n return s;\n}\nb();\nreturn 0;")
    sol = solve(cfg, StatusKnown())
    (a_call,) = calls_named(cfg, "a")
    (b_call,) = calls_named(cfg, "b")
    assert sol.before(a_call) == "failure"
    assert sol.before(b_call) == "success"
    assert sol.at_exit == "unknown"


def test_edge_returning_none_prunes_the_branch():
    class Pruned(StatusKnown):
        def edge(self, edge, state):
            if edge.kind == EdgeKind.FALSE:
                return None
            return super().edge(edge, state)

    cfg = cfg_of("if (ok(x)) a(); else b(); return 0;")
    sol = solve(cfg, Pruned())
    (b_call,) = calls_named(cfg, "b")
    assert sol.before(b_call) is None  # bottom: no path gets there


class MustCall(Analysis):
    """Backward: is ``a()`` called on every path from here to a normal return?"""

    direction = Direction.BACKWARD

    def initial(self):
        return False

    def bottom(self):
        return True

    def join(self, x, y):
        return x and y

    def transfer(self, node, state):
        if node.kind == CursorKind.CALL_EXPR and callee_name(node) == "a":
            return True
        return state


def test_backward_analysis_and_program_order_states():
    cfg = cfg_of("b();\nif (x) { a(); return 1; }\na();\nreturn 0;")
    sol = solve(cfg, MustCall())
    assert sol.converged and sol.at_exit is True
    (b_call,) = calls_named(cfg, "b")
    assert sol.before(b_call) is True and sol.after(b_call) is True
    cfg = cfg_of("b();\nif (x) { return 1; }\na();\nreturn 0;")
    sol = solve(cfg, MustCall())
    assert sol.at_exit is False
    (a_call,) = calls_named(cfg, "a")
    assert sol.before(a_call) is True and sol.after(a_call) is False


def test_noreturn_edges_carry_no_state_unless_asked():
    tu = parse_snippet("void a(void); void KeBugCheckEx(unsigned long);\n"
                       "int t(int x) { if (x) KeBugCheckEx(1); a(); return 0; }\n")
    cfg = build_cfg(function(tu, "t"))
    sol = solve(cfg, MustCall())
    assert sol.at_exit is True  # the bug-check path never returns, so it does not count

    class Following(MustCall):
        follow_noreturn = True

    assert solve(cfg, Following()).at_exit is False


def test_unreached_blocks_keep_bottom_and_are_never_transferred():
    class Strict(StatusKnown):
        def transfer(self, node, state):
            assert state is not None, "transfer called on bottom"
            return state

    cfg = cfg_of("if (x) return 1;\nreturn 0;\na();\nwhile (1) { b(); }\n")
    sol = solve(cfg, Strict())
    (dead,) = calls_named(cfg, "a")
    assert sol.before(dead) is None and sol.after(dead) is None
    assert sol.reached[cfg.exit.id] and not sol.reached[cfg.block_of(dead).id]


def test_a_state_equal_to_bottom_still_flows():
    cfg = cfg_of("a();\nb();\nreturn 0;")
    sol = solve(cfg, Counter())  # bottom and initial are both 0
    (b_call,) = calls_named(cfg, "b")
    assert sol.before(b_call) == 1 and sol.at_exit == 2
