"""A small, stable JSON document for scripts (``kdlint check --format json``).

Shape (``version`` is the version of this document's format, bumped on incompatible change)::

    {
      "version": 1,
      "tool": {"name": "kdlint", "version": "0.1.0"},
      "root": "/abs/checkout",
      "findings": [
        {"ruleId": "KD101", "level": "warning", "message": "...",
         "path": "src/a.c", "line": 3, "column": 5, "endLine": 3, "endColumn": 20,
         "suppressed": false, "justification": null,
         "related": [{"path", "line", "column", "endLine", "endColumn", "message"}],
         "codeFlow": [same as related],
         "fixes": [{"description", "path", "line", "column", "endLine", "endColumn", "text"}]}
      ],
      "notices": [{"path": "src/b.c", "level": "error", "message": "...", "line": 0}],
      "parseHealth": {...},            # ParseHealth.as_json()
      "toolErrors": ["..."]
    }

Paths are relative to ``root`` with forward slashes when inside it, else as given. Columns are
1-based UTF-16 code units, end columns exclusive. Findings are in the run's sorted order; suppressed
ones are included (``"suppressed": true``) unless ``include_suppressed=False``.
"""
from __future__ import annotations

import json as _json
from typing import Sequence

from kdlint import __version__
from kdlint.report import display_path, visible_diagnostics
from kdlint.results import Diagnostic, RunResult, Span, Step
from kdlint.rule import Rule

FORMAT_VERSION = 1


def render(run: RunResult, *, rules: Sequence[type[Rule]] = (),
           include_suppressed: bool = True) -> str:
    return _json.dumps(document(run, include_suppressed=include_suppressed), indent=2,
                       ensure_ascii=True) + "\n"


def document(run: RunResult, *, include_suppressed: bool = True) -> dict:
    """The document as plain Python data."""
    return {
        "version": FORMAT_VERSION,
        "tool": {"name": "kdlint", "version": __version__},
        "root": run.root,
        "findings": [_finding(d, run.root) for d in visible_diagnostics(run, include_suppressed)],
        "notices": [{"path": display_path(n.path, run.root), "level": n.level,
                     "message": n.message, "line": n.line} for n in run.notices],
        "parseHealth": run.health.as_json(),
        "toolErrors": list(run.tool_errors),
    }


def _span(span: Span, root: str) -> dict:
    return {"path": display_path(span.path, root), "line": span.line, "column": span.column,
            "endLine": span.end_line, "endColumn": span.end_column}


def _step(step: Step, root: str) -> dict:
    return {**_span(step.span, root), "message": step.message}


def _finding(d: Diagnostic, root: str) -> dict:
    return {
        "ruleId": d.rule_id,
        "level": d.level,
        "message": d.message,
        **_span(d.span, root),
        "suppressed": d.suppressed is not None,
        "justification": d.suppressed or None,
        "related": [_step(s, root) for s in d.related],
        "codeFlow": [_step(s, root) for s in d.code_flow],
        "fixes": [{"description": f.description, **_span(f.span, root), "text": f.text}
                  for f in d.fixes],
    }
