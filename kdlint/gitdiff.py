"""Changed lines since a git revision, for ``kdlint check --diff-base REV``.

For each file, ``git diff --unified=0 REV -- file`` (the working tree against ``REV``) gives the
hunks; the lines a hunk adds or changes are the new side's ``+start,count`` ranges. A file that
is not in a git work tree, or that git does not track, counts as changed on every line.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Optional

_HUNK = re.compile(r"^@@ -\S+ \+(\d+)(?:,(\d+))? @@", re.M)


class GitError(RuntimeError):
    """git is missing, or the revision does not exist; the message is one line."""


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True,
                              encoding="utf-8", errors="replace", check=False)
    except FileNotFoundError:
        raise GitError("--diff-base needs git, and git is not on the PATH") from None


def parse_hunks(diff: str) -> set[int]:
    """The new-side line numbers that ``diff`` (``--unified=0`` output) adds or changes."""
    lines: set[int] = set()
    for m in _HUNK.finditer(diff):
        start = int(m.group(1))
        count = 1 if m.group(2) is None else int(m.group(2))
        lines.update(range(start, start + count))
    return lines


class ChangedLines:
    """Answers "which lines of this file changed since ``rev``", caching per repository."""

    def __init__(self, rev: str):
        self.rev = rev
        self._checked: dict[str, bool] = {}  # repository top level → rev verified

    def _toplevel(self, directory: Path) -> Optional[str]:
        r = _git(directory, "rev-parse", "--show-toplevel")
        return r.stdout.strip() if r.returncode == 0 else None

    def lines(self, path: Path) -> Optional[set[int]]:
        """Changed lines of ``path``; None when every line counts (not in git, untracked)."""
        path = Path(path).absolute()
        directory = path.parent
        top = self._toplevel(directory)
        if top is None:
            return None
        if top not in self._checked:
            r = _git(directory, "rev-parse", "--verify", "--quiet", f"{self.rev}^{{commit}}")
            if r.returncode != 0:
                raise GitError(f"--diff-base: {self.rev!r} is not a commit in {top}")
            self._checked[top] = True
        r = _git(directory, "ls-files", "--error-unmatch", "--", path.name)
        if r.returncode != 0:
            return None
        r = _git(directory, "diff", "--no-color", "--no-ext-diff", "--unified=0", self.rev,
                 "--", path.name)
        if r.returncode != 0:
            raise GitError(f"--diff-base: git diff failed for {path}: "
                           f"{(r.stderr.strip().splitlines() or ['?'])[0]}")
        return parse_hunks(r.stdout)
