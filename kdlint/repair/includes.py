"""Include resolution before the first parse: ``#include`` names resolved the way MSVC
would (includer directory, directories of the files that include it, ``-I``, system dirs),
case-insensitively; stubs for names found nowhere; ancestor directories guessed as extra search
directories (see :mod:`kdlint.repair`, step 1)."""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

from kdlint.repair.tokens import Lexed_includes


#: Directory that exists nowhere on disk; in-memory stubs and repair headers live under it.
VIRTUAL_DIR = os.path.join(tempfile.gettempdir(), "kdlint-virtual-0d1c")
STUB_DIR = os.path.join(VIRTUAL_DIR, "stubs")


#: Ancestor levels searched for an include the search path cannot resolve.
ANCESTOR_LEVELS = 4
#: Subdirectories of an ancestor also tried (``inc/winfsp/x.h``).
ANCESTOR_SUBDIRS = ("", "inc", "include")
#: Upper bound on project headers scanned per translation unit.
MAX_SCANNED = 600


@lru_cache(maxsize=4096)
def _listing(directory: str) -> dict[str, str]:
    """lower-case name → real name for one directory ({} if it does not exist)."""
    try:
        names = os.listdir(directory)
    except OSError:
        return {}
    out: dict[str, str] = {}
    for name in sorted(names):
        out.setdefault(name.lower(), name)
    return out


def _ci_path(base: str, parts: list[str]) -> Optional[str]:
    """The real path of base/parts..., matching each component case-insensitively."""
    cur = base
    for part in parts:
        if part in ("", "."):
            continue
        if part == "..":
            cur = os.path.dirname(cur)
            continue
        exact = os.path.join(cur, part)
        listing = _listing(cur)
        if part in listing.values():
            cur = exact
            continue
        real = listing.get(part.lower())
        if real is None:
            return None
        cur = os.path.join(cur, real)
    return cur if os.path.isfile(cur) else None


def _split(name: str) -> list[str]:
    return [p for p in name.replace("\\", "/").split("/")]


@lru_cache(maxsize=2048)
def _file_includes(path: str, mtime: float) -> tuple:
    try:
        data = Path(path).read_bytes()
    except OSError:
        return ()
    text = data.decode("utf-8", errors="replace")
    return tuple(Lexed_includes(text))


def _includes_of(path: str) -> tuple:
    try:
        mtime = os.stat(path).st_mtime
    except OSError:
        return ()
    return _file_includes(path, mtime)


@dataclass
class IncludePlan:
    """What the pre-scan decided for one translation unit."""

    unsaved: dict[str, bytes] = field(default_factory=dict)  # probe path → content
    case_folded: dict[str, str] = field(default_factory=dict)  # probe path → real path
    stubbed: list[str] = field(default_factory=list)  # include names stubbed empty
    guessed_dirs: list[str] = field(default_factory=list)  # ancestor dirs added (-idirafter)
    project_files: list[str] = field(default_factory=list)  # project headers reached (real paths)
    #: stubs only the main file itself includes (WPP ``.tmh`` files, mostly): no header reads
    #: them, so a precompiled header of the file's leading block does not depend on them
    main_only: set = field(default_factory=set)

    def add_stub(self, name: str, includer_dir: Optional[str] = None) -> bool:
        """Stub ``name`` in the virtual directory (and next to the includer). True if new."""
        norm = "/".join(p for p in _split(name) if p not in ("", "."))
        targets = [os.path.normpath(os.path.join(STUB_DIR, norm))]
        if includer_dir:
            targets.append(os.path.normpath(os.path.join(includer_dir, *_split(name))))
        new = False
        for t in targets:
            if t not in self.unsaved:
                self.unsaved[t] = b"/* kdlint: stub for a header that was not found */\n"
                new = True
        if new and name not in self.stubbed:
            self.stubbed.append(name)
        return new


class IncludeResolver:
    """Emulates MSVC's include search on a case-sensitive disk (see the module docstring)."""

    def __init__(self, user_dirs: Iterable[str], system_dirs: Iterable[str]):
        self.user_dirs = [os.path.abspath(d) for d in user_dirs]
        self.system_dirs = [os.path.abspath(d) for d in system_dirs]

    def _is_system(self, path: str) -> bool:
        return any(path.startswith(d + os.sep) for d in self.system_dirs)

    def plan(self, main: str, text: Optional[str] = None) -> IncludePlan:
        """The plan for main file ``main``; ``text``: its content when it is not on disk."""
        plan = IncludePlan()
        first = tuple(Lexed_includes(text)) if text is not None else None
        from_main: set[str] = set()
        from_headers: set[str] = set()
        seen: set[str] = set()
        # (probe path as clang names the file, real path on disk, include-stack dirs)
        queue: list[tuple[str, str, tuple]] = [(main, main, ())]
        scanned = 0
        while queue and scanned < MAX_SCANNED:
            probe, real, stack = queue.pop(0)
            if real in seen:
                continue
            seen.add(real)
            if scanned:
                plan.project_files.append(real)
            scanned += 1
            here = os.path.dirname(probe)
            real_here = os.path.dirname(real)
            stack2 = (here,) + stack
            includes = first if first is not None and real == main else _includes_of(real)
            for kind, name, _line in includes:
                if os.path.isabs(name) or re.match(r"^[A-Za-z]:", name):
                    continue
                found = self._resolve(plan, kind, name, here, real_here, stack, main)
                if found is None:
                    plan.add_stub(name)
                    (from_main if real == main else from_headers).add(name)
                    continue
                fprobe, freal = found
                if not self._is_system(freal):
                    queue.append((fprobe, freal, stack2))
        for name in from_main - from_headers:
            norm = "/".join(p for p in _split(name) if p not in ("", "."))
            plan.main_only.add(os.path.normpath(os.path.join(STUB_DIR, norm)))
        return plan

    def _resolve(self, plan: IncludePlan, kind: str, name: str, here: str, real_here: str,
                 stack: tuple, main: str) -> Optional[tuple[str, str]]:
        parts = _split(name)
        rel = os.path.join(*parts) if parts else name
        candidates: list[tuple[str, str]] = []  # (probe dir, real dir)
        if kind == '"':
            candidates.append((here, real_here))
            candidates += [(d, d) for d in stack]
        candidates += [(d, d) for d in self.user_dirs + plan.guessed_dirs + self.system_dirs]
        for probe_dir, real_dir in candidates:
            probe = os.path.normpath(os.path.join(probe_dir, rel))
            if probe in plan.unsaved:
                real = plan.case_folded.get(probe, probe)
                return probe, real
            if os.path.isfile(probe):
                return probe, probe
            real = _ci_path(real_dir, parts)
            if real is not None:
                self._fold(plan, probe, real)
                return probe, real
        # not on the search path: an ancestor directory of the includer (project -I guess)
        anc = real_here
        for _ in range(ANCESTOR_LEVELS):
            parent = os.path.dirname(anc)
            if parent == anc:
                break
            anc = parent
            for sub in ANCESTOR_SUBDIRS:
                base = os.path.join(anc, sub) if sub else anc
                real = _ci_path(base, parts)
                if real is not None:
                    if base not in plan.guessed_dirs:
                        plan.guessed_dirs.append(base)
                    probe = os.path.normpath(os.path.join(base, rel))
                    if probe != real:
                        self._fold(plan, probe, real)
                    return probe, real
        return None

    @staticmethod
    def _fold(plan: IncludePlan, probe: str, real: str) -> None:
        try:
            plan.unsaved[probe] = Path(real).read_bytes()
            plan.case_folded[probe] = real
        except OSError:
            pass
