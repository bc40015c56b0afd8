"""Human output in the gcc/clang style that editors' problem matchers understand.

One line per unsuppressed finding::

    src/driver.c:12:5: warning: KeInitializeEvent type is not an EVENT_TYPE [KD101]

Tool notices (clang errors, unreadable files, internal errors) use the same shape with
``[kdlint]`` in place of a rule id; a notice about a whole file points at line 1, column 1 so that
matchers such as VS Code's ``$gcc`` still pick it up::

    src/broken.c:1:1: error: clang reported 2 error(s) ... [kdlint]

Lines are ordered by path, line and column, a file's notices before its findings on the same
line. Paths are relative to the run's root when inside it. :func:`summary` is separate so the CLI
can print it to stderr.
"""
from __future__ import annotations

from typing import Sequence

from kdlint.report import display_path, visible_diagnostics
from kdlint.results import RunResult
from kdlint.rule import Rule

NOTICE_TAG = "kdlint"


def render(run: RunResult, *, rules: Sequence[type[Rule]] = (), notices: bool = True,
           include_suppressed: bool = False) -> str:
    """Findings (and, unless ``notices=False``, tool notices) one per line; '' when none."""
    entries = []
    for d in visible_diagnostics(run, include_suppressed):
        s = d.span
        path = display_path(s.path, run.root)
        tail = f" (suppressed: {d.suppressed})" if d.suppressed else (
            " (suppressed)" if d.suppressed is not None else "")
        entries.append(((path, s.line, s.column, 1),
                        f"{path}:{s.line}:{s.column}: {d.level}: {d.message}{tail} [{d.rule_id}]"))
    if notices:
        entries.extend(_notice_entries(run))
    entries.sort(key=lambda e: e[0])
    return "".join(line + "\n" for _, line in entries)


def render_notices(run: RunResult, *, details: bool = True) -> str:
    """Only the tool notices, in the same format (for the CLI's stderr); ``details=False`` leaves
    out background notices (names declared by repair, stubbed headers)."""
    entries = _notice_entries(run, details)
    entries.sort(key=lambda e: e[0])
    return "".join(line + "\n" for _, line in entries)


def _notice_entries(run: RunResult, details: bool = True) -> list[tuple[tuple, str]]:
    out = []
    for n in run.notices:
        if n.detail and not details:
            continue
        path = display_path(n.path, run.root)
        line = n.line if n.line > 0 else 1
        message = " ".join(n.message.split())  # one physical line per notice
        out.append(((path, line, 1, 0), f"{path}:{line}:1: {n.level}: {message} [{NOTICE_TAG}]"))
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(run: RunResult) -> str:
    """One line: ``N findings in M files (K files with parse errors)``, plus the suppressed
    count and the files that could not be analysed (a crash or the time limit), if any."""
    findings = [d for d in run.diagnostics if d.suppressed is None]
    suppressed = sum(1 for d in run.diagnostics if d.suppressed is not None)
    files = run.health.files or len(run.files)
    text = f"{_plural(len(findings), 'finding')} in {_plural(files, 'file')}"
    if suppressed:
        text += f", {suppressed} suppressed"
    text += f" ({_plural(run.health.files_with_errors, 'file')} with parse errors"
    if run.health.files_failed:
        text += f", {run.health.files_failed} not analysed"
    text += ")"
    return text
