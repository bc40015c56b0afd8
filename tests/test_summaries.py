"""Function summaries bottom-up over the call graph, through several levels of helpers and
recursion, with the round bound; the example analysis is "calls X() on every path to exit"."""
from __future__ import annotations

from clang.cindex import CursorKind

from cparse import definitions, parse_snippet
from kdlint.flow.solver import Analysis, solve
from kdlint.flow.summaries import SummaryAnalysis
from kdlint.model.driver import build_driver_model

DECLS = "void X(void); void other(void); void ApiThatCallsX(void); int cond(void);\n"


class MustCallX(SummaryAnalysis):
    """Summary: True when every path through the function to a normal return calls X()."""

    def assume(self, name):
        return True  # optimistic start: the greatest fixpoint

    def external(self, name):
        return name in ("X", "ApiThatCallsX") or None

    def compute(self, fn, table):
        class Flow(Analysis):
            def initial(self):
                return False

            def bottom(self):
                return True

            def join(self, a, b):
                return a and b

            def transfer(self, node, state):
                if node.kind == CursorKind.CALL_EXPR and table.at(node):
                    return True
                return state

        return solve(fn.cfg, Flow()).at_exit


SRC = DECLS + r"""
void level3(void) { X(); }
void level2(void) { other(); level3(); }
void level1_some(void) { if (cond()) level2(); }
void level1_all(void) { if (cond()) level2(); else ApiThatCallsX(); }
void top_ok(void) { level1_all(); }
void top_bad(void) { level1_some(); }
void rec(int n) { if (n) { X(); return; } rec(n - 1); }
void ping(int n);
void pong(int n) { if (n) ping(n - 1); else X(); }
void ping(int n) { if (n) pong(n - 1); else X(); }
void never(int n) { if (n) never(n - 1); }
"""


def table_for(src=SRC, analysis=None):
    tu = parse_snippet(src)
    model = build_driver_model(definitions(tu))
    return model.callgraph, model.callgraph.summaries(analysis or MustCallX())


def test_summaries_through_several_levels_of_helpers():
    cg, table = table_for()
    assert table.of("level3") is True
    assert table.of("level2") is True
    assert table.of("level1_all") is True  # one branch through helpers, one through an API
    assert table.of("level1_some") is False
    assert table.of("top_ok") is True
    assert table.of("top_bad") is False
    assert table.of("other") is None  # external, unknown


def test_lookup_at_a_call_site_and_through_function_facts():
    cg, table = table_for()
    facts = cg.facts("top_ok")
    (call,) = facts.calls_to("level1_all")
    assert table.at(call) is True and table.at(call.cursor) is True
    assert facts.summary(MustCallX(), call) is True
    assert facts.own_summary(MustCallX()) is True
    assert cg.summaries(MustCallX()) is table  # one table per analysis per file


def test_recursion_reaches_a_fixpoint():
    cg, table = table_for()
    assert table.of("rec") is True
    assert table.of("ping") is True and table.of("pong") is True
    assert table.converged("ping")
    # the n == 0 path returns without calling X, whatever the recursive call is assumed to do
    assert table.of("never") is False


class Depth(SummaryAnalysis):
    """A summary that grows on every round in a cycle: must stop at the bound."""

    max_rounds = 4

    def assume(self, name):
        return 0

    def compute(self, fn, table):
        return 1 + max([table.at(c) or 0 for c in fn.calls] or [0])

    def give_up(self, name, last):
        return -1


def test_round_bound_on_a_diverging_recursive_summary():
    cg, table = table_for(analysis=Depth())
    assert table.of("level2") == 2
    assert table.of("ping") == -1 and not table.converged("ping")
    assert table.converged("level2")


def test_all_computes_every_definition():
    cg, table = table_for()
    everything = table.all()
    assert set(everything) == set(cg.functions)


class CompletesParams(SummaryAnalysis):
    """Summary: the parameter indices passed to Complete() on every path to a normal return,
    directly or through helpers (the shape of "this helper completes its IRP parameter")."""

    def assume(self, name):
        return None  # "everything" (optimistic) until computed

    def external(self, name):
        return frozenset({0}) if name == "Complete" else frozenset()

    def compute(self, fn, table):
        params = {p.spelling: i for i, p in enumerate(fn.params)}
        everything = frozenset(params.values())

        def completed_by(call):
            done = table.at(call)
            done = everything if done is None else done
            out = set()
            for i in done:
                arg = call.arg(i)
                name = arg.spelling if arg is not None else ""
                if name in params:
                    out.add(params[name])
            return out

        class Flow(Analysis):
            def initial(self):
                return frozenset()

            def bottom(self):
                return everything

            def join(self, a, b):
                return a & b

            def transfer(self, node, state):
                call = fn.call_of(node)
                return state | completed_by(call) if call is not None else state

        return solve(fn.cfg, Flow()).at_exit


def test_parameter_summaries_map_arguments_through_helpers():
    src = ("void Complete(void *irp);\nint cond(void);\n"
           "void inner(void *p) { Complete(p); }\n"
           "void middle(void *a, void *b) { if (cond()) inner(b); else Complete(b); }\n"
           "void some(void *a, void *b) { if (cond()) inner(a); }\n"
           "void outer(void *x, void *irp) { middle(x, irp); }\n")
    cg, table = table_for(src, CompletesParams())
    assert table.of("inner") == {0}
    assert table.of("middle") == {1}
    assert table.of("some") == frozenset()
    assert table.of("outer") == {1}
