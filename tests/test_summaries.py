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
