"""Reporters: each formats a :class:`~kdlint.results.RunResult` and does nothing else.

Every reporter module has ``render(run, *, rules) -> str``, where ``rules`` are the selected rule
classes sorted by id. ``text`` is for people and editors' problem matchers, ``json`` is a small
stable document for scripts, and ``sarif`` is SARIF 2.1.0 for GitHub code scanning and IDE viewers.
This module holds the path helpers they share.
"""
from __future__ import annotations

import os
from pathlib import PurePath
from typing import Optional

from kdlint.results import Diagnostic, RunResult


def relative_to_root(path: str, root: str) -> Optional[str]:
    """``path`` relative to ``root`` with forward slashes, or None when it is not inside ``root``.

    Uses the platform's own path rules (case-insensitive drive letters and components on
    Windows); a file on another drive, the root itself and ``..`` escapes count as outside.
    """
    if not path or not root:
        return None
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # another drive on Windows
        return None
    if rel == os.curdir or rel == os.pardir or os.path.isabs(rel):
        return None
    if rel.startswith(os.pardir + os.sep) or (os.altsep and rel.startswith(os.pardir + os.altsep)):
        return None
    return PurePath(rel).as_posix()


def display_path(path: str, root: str) -> str:
    """What people see: relative to the run's root when inside it, else the path as given."""
    return relative_to_root(path, root) or path


def visible_diagnostics(run: RunResult, include_suppressed: bool) -> list[Diagnostic]:
    """The run's diagnostics in their sorted order, without suppressed ones unless asked."""
    return [d for d in run.diagnostics if include_suppressed or d.suppressed is None]
