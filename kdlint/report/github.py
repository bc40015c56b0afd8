"""GitHub Actions workflow commands: one annotation per finding on the pull request.

``::error file=src/drv.c,line=4,col=5,endLine=4,endColumn=60,title=KD101::message``; finding
levels map to ``error``, ``warning`` and ``notice``. Escaping follows the Actions toolkit
(``@actions/core`` ``command.ts``): in the message ``%``, ``\\r`` and ``\\n``; in property values
also ``:`` and ``,``. Suppressed findings are left out. Tool notices about a file at warning or
error level (clang errors, unreadable input) become annotations titled ``kdlint``; note-level
notices stay in the log (the CLI prints every notice on stderr). GitHub shows at most 10 annotations of
each level per step on the pull request; all of them stay in the log.
"""
from __future__ import annotations

import os
from pathlib import Path

from kdlint.report import display_path, relative_to_root

COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _path(path: str, root: str) -> str:
    """Relative to the checkout (``GITHUB_WORKSPACE``) when inside it, as annotations need even
    when kdlint runs in a subdirectory; else relative to the run's root."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        rel = relative_to_root(path, workspace)
        if rel is not None:
            return rel
    return Path(display_path(path, root)).as_posix()


def annotation(level: str, message: str, **props) -> str:
    fields = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items()
                      if v is not None)
    return f"::{COMMAND.get(level, 'warning')} {fields}::{escape_data(message)}"


def render(run, *, rules) -> str:
    out = []
    for d in run.diagnostics:
        if d.suppressed is not None:
            continue
        s = d.span
        out.append(annotation(d.level, d.message, file=_path(s.path, run.root), line=s.line,
                              col=s.column, endLine=s.end_line, endColumn=s.end_column,
                              title=d.rule_id))
    for n in run.notices:
        if n.level == "note":  # tool chatter (header stubs, unused suppressions): log only
            continue
        out.append(annotation(n.level, n.message, file=_path(n.path, run.root),
                              line=n.line or None, title="kdlint"))
    return "\n".join(out) + ("\n" if out else "")
