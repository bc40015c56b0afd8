"""Plain data that crosses module (and process) boundaries: findings, notices, parse health.

Nothing here holds a libclang object: a held cursor keeps its whole translation unit alive
(PARSING.md §3.8) and cannot be pickled, so rules turn cursors into these before returning.
Lines are 1-based; columns are 1-based UTF-16 code units (what SARIF's ``utf16CodeUnits`` and
editors expect), converted from clang's byte columns by :mod:`kdlint.source`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass(frozen=True)
class Span:
    """A region of one file."""

    path: str  # absolute path of the file
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Step:
    """One step of a code flow, or a related location: where and what happened there."""

    span: Span
    message: str


@dataclass(frozen=True)
class Fix:
    """A mechanical repair: replace ``span`` with ``text``."""

    description: str
    span: Span
    text: str


@dataclass
class Diagnostic:
    """One finding of one rule."""

    rule_id: str
    level: str  # "error" | "warning" | "note"
    message: str
    span: Span
    related: list[Step] = field(default_factory=list)
    code_flow: list[Step] = field(default_factory=list)
    fixes: list[Fix] = field(default_factory=list)
    suppressed: Optional[str] = None  # justification when an inline suppression matched
    line_hash: Optional[str] = None  # GitHub's primaryLocationLineHash (kdlint.fingerprint.stamp)

    def sort_key(self) -> tuple:
        s = self.span
        return (s.path, s.line, s.column, self.rule_id, self.message)


@dataclass
class Notice:
    """Something the tool itself has to say about one file (clang errors, unreadable input)."""

    path: str
    level: str  # "error" | "warning" | "note"
    message: str
    line: int = 0  # 0: the whole file
    detail: bool = False  # background (repairs, stubs): on stderr only with --verbose; always in SARIF


@dataclass
class FileHealth:
    """How completely one file parsed."""

    path: str
    headers: str  # "model" | "mingw" | "wdk" | "compile-db"
    errors: int = 0  # clang errors in the main file and its headers, after repair
    functions: int = 0  # function definitions in the main file
    functions_with_errors: int = 0  # definitions whose extent holds a clang error
    functions_dropped: int = 0  # definitions in the text that clang's AST lost
    first_errors: list[str] = field(default_factory=list)  # "line:col: message", a few
    failed: Optional[str] = None  # the file could not be analysed at all: why

    @property
    def has_errors(self) -> bool:
        return self.errors > 0 or self.failed is not None


@dataclass
class ParseHealth:
    """Totals over a run; serialised as SARIF ``runs[0].properties.parseHealth``."""

    headers: str = "model"
    files: int = 0
    files_with_errors: int = 0  # parsed, with clang errors
    files_failed: int = 0  # not analysed at all (a worker crash, the time limit)
    functions: int = 0
    functions_with_errors: int = 0
    functions_dropped: int = 0

    def add(self, f: FileHealth) -> None:
        self.files += 1
        self.files_with_errors += int(f.errors > 0 and f.failed is None)
        self.files_failed += int(f.failed is not None)
        self.functions += f.functions
        self.functions_with_errors += f.functions_with_errors
        self.functions_dropped += f.functions_dropped

    def as_json(self) -> dict:
        return {
            "headers": self.headers,
            "files": self.files,
            "filesWithErrors": self.files_with_errors,
            "filesNotAnalysed": self.files_failed,
            "functions": self.functions,
            "functionsWithErrors": self.functions_with_errors,
            "functionsDropped": self.functions_dropped,
        }


@dataclass
class FileResult:
    """Everything the analysis of one file produced."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    health: Optional[FileHealth] = None
    #: the analysis itself was lost (worker crash or time limit): why. A tool error (exit 2).
    aborted: Optional[str] = None


@dataclass
class RunResult:
    """Everything one `kdlint check` produced, in a fixed order; what reporters format."""

    root: str  # absolute directory that SARIF URIs are relative to
    files: list[FileResult] = field(default_factory=list)
    health: ParseHealth = field(default_factory=ParseHealth)
    rule_ids: list[str] = field(default_factory=list)  # the selected rules, sorted
    tool_errors: list[str] = field(default_factory=list)  # usage/tool problems (exit 2)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return sorted((d for f in self.files for d in f.diagnostics), key=Diagnostic.sort_key)

    @property
    def notices(self) -> list[Notice]:
        return [n for f in self.files for n in f.notices]
