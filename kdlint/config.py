"""Settings for one run: what the command line (and later config files) decided.

Only plain data lives here; :mod:`kdlint.headers` turns it into clang arguments.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

HEADER_CHOICES = ("auto", "model", "mingw", "wdk")


@dataclass
class Settings:
    """Everything that decides what a run analyses and how."""

    select: list[str] = field(default_factory=list)  # id prefixes or names; empty = all
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    include_dirs: list[Path] = field(default_factory=list)  # -I
    defines: list[str] = field(default_factory=list)  # -D NAME[=VALUE]
    headers: str = "auto"  # one of HEADER_CHOICES
    compile_db: Optional[Path] = None  # -p DIR (a directory holding compile_commands.json)
    wdk_root: Optional[Path] = None  # --wdk-root
    extra_clang_args: list[str] = field(default_factory=list)
    fail_level: str = "note"  # findings at or above this level make exit code 1
    jobs: int = 1
    # Fixture tests: clang errors fail the fixture instead of becoming notices only.
    strict_parse: bool = False
