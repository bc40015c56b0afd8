"""Baseline files: today's findings, so that ``kdlint check --baseline FILE`` fails only on new ones.

A finding's key is (repository-relative path, rule id, hash of its line's text with whitespace
collapsed), never a line number, so code moving up or down does not make old findings new. The
file stores a count per key; a run matches at most that many findings per key (in source order)
and reports the rest. Paths are relative to the top of the git work tree holding the baseline
file, or to the baseline file's directory outside git.

The format (JSON, sorted, one entry per key)::

    {"kdlint-baseline": 1,
     "findings": [{"path": "src/drv.c", "rule": "KD101", "hash": "3f1c...", "count": 1}]}
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections import Counter
from pathlib import Path
from typing import Iterable

from kdlint.results import Diagnostic, RunResult

FORMAT_VERSION = 1
Key = tuple[str, str, str]


class BaselineError(ValueError):
    """A baseline file that cannot be read or written; the message is one line."""


def normalize(text: str) -> str:
    """Line text with runs of whitespace collapsed and the ends stripped."""
    return " ".join(text.split())


def line_hash(text: str) -> str:
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()[:16]


def repo_root(directory: Path) -> Path:
    """The git work tree's top holding ``directory``, else ``directory`` itself."""
    directory = Path(directory).absolute()
    try:
        r = subprocess.run(["git", "-C", str(directory), "rev-parse", "--show-toplevel"],
                           capture_output=True, text=True, check=False)
        if r.returncode == 0 and r.stdout.strip():
            return Path(r.stdout.strip()).resolve()
    except OSError:
        pass
    return directory.resolve()


class _Lines:
    """Source lines per file, read once."""

    def __init__(self) -> None:
        self._files: dict[str, list[str]] = {}

    def get(self, path: str, line: int) -> str:
        if path not in self._files:
            try:
                data = Path(path).read_bytes()
            except OSError:
                data = b""
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode("cp1252", errors="replace")
            self._files[path] = text.split("\n")
        lines = self._files[path]
        return lines[line - 1] if 1 <= line <= len(lines) else ""


def _rel(path: str, root: Path) -> str:
    try:
        return Path(os.path.relpath(path, root)).as_posix()
    except ValueError:  # another drive
        return Path(path).as_posix()


def keys(diagnostics: Iterable[Diagnostic], root: Path, lines: _Lines | None = None) -> list[Key]:
    lines = lines or _Lines()
    return [(_rel(d.span.path, root), d.rule_id, line_hash(lines.get(d.span.path, d.span.line)))
            for d in diagnostics]


def build(run: RunResult, root: Path) -> dict:
    """The baseline document for the run's unsuppressed findings."""
    counts = Counter(keys((d for d in run.diagnostics if d.suppressed is None), root))
    return {
        "kdlint-baseline": FORMAT_VERSION,
        "findings": [{"path": p, "rule": r, "hash": h, "count": n}
                     for (p, r, h), n in sorted(counts.items())],
    }


def write(run: RunResult, output: Path) -> int:
    """Write the baseline for ``run`` to ``output``; return the number of findings recorded."""
    output = Path(output)
    root = repo_root(output.parent if output.parent.exists() else Path.cwd())
    doc = build(run, root)
    try:
        output.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    except OSError as exc:
        raise BaselineError(f"cannot write {output}: {exc.strerror or exc}") from None
    return sum(e["count"] for e in doc["findings"])


class Baseline:
    """A loaded baseline: counts per key, and the root its paths are relative to."""

    def __init__(self, counts: Counter, root: Path):
        self.counts = counts
        self.root = root

    @classmethod
    def load(cls, path: Path) -> "Baseline":
        path = Path(path)
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"{path}: no such baseline file "
                                f"(write one with `kdlint baseline --output {path}`)") from None
        except OSError as exc:
            raise BaselineError(f"{path}: cannot read: {exc.strerror or exc}") from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise BaselineError(f"{path}: not a kdlint baseline (invalid JSON: {exc})") from None
        if not isinstance(doc, dict) or doc.get("kdlint-baseline") != FORMAT_VERSION:
            raise BaselineError(f"{path}: not a kdlint baseline (version {FORMAT_VERSION})")
        counts: Counter = Counter()
        entries = doc.get("findings")
        if not isinstance(entries, list):
            raise BaselineError(f"{path}: not a kdlint baseline ('findings' must be a list)")
        for e in entries:
            try:
                key = (str(e["path"]), str(e["rule"]), str(e["hash"]))
                n = int(e.get("count", 1))
            except (TypeError, KeyError, ValueError):
                raise BaselineError(f"{path}: malformed entry {e!r}") from None
            counts[key] += n
        return cls(counts, repo_root(path.absolute().parent))

    def apply(self, run: RunResult) -> tuple[int, int]:
        """Drop the run's findings the baseline holds; return (dropped, stale baseline entries).

        Suppressed findings are left alone. Stale entries are findings the baseline holds that
        this run did not produce (fixed ones, or files not analysed this time); they are counted
        only for files that were analysed.
        """
        remaining = Counter(self.counts)
        lines = _Lines()
        dropped = 0
        seen_paths = set()
        for fr in run.files:
            fr_keys = keys(fr.diagnostics, self.root, lines)
            kept = []
            for d, key in zip(fr.diagnostics, fr_keys):
                if d.suppressed is None and remaining[key] > 0:
                    remaining[key] -= 1
                    dropped += 1
                    continue
                kept.append(d)
            fr.diagnostics = kept
            seen_paths.add(_rel(fr.path, self.root))
        stale = sum(n for (p, _, _), n in remaining.items() if n > 0 and p in seen_paths)
        return dropped, stale
