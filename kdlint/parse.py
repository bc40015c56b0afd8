"""The libclang boundary: one translation unit per file, its clang errors and its parse health.

:func:`parse` reads the file, chooses its header set (:mod:`kdlint.headers`), parses it with
KeepGoing, and measures how complete the AST is: clang errors per function definition, and
definitions present in the text that clang's AST lost (an undefined annotation macro in front of
a definition silently drops it, PARSING.md §1.4).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from clang.cindex import Diagnostic as ClangDiagnostic
from clang.cindex import TranslationUnit, TranslationUnitLoadError

from kdlint.config import Settings
from kdlint.cursors import main_functions
from kdlint.headers import HeaderSet, choose
from kdlint.libclang import PARSE_KEEP_GOING, index
from kdlint.results import FileHealth, Notice
from kdlint.source import SourceFile

FIRST_ERRORS = 5  # how many clang errors a notice quotes


class ParseFailure(Exception):
    """libclang produced no translation unit for the file."""


@dataclass
class ClangError:
    """One clang error, as plain data."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{Path(self.path).name}:{self.line}:{self.column}: {self.message}"


@dataclass
class ParsedFile:
    """A parsed file: the TU (valid while this object lives), its source and its health."""

    path: Path
    source: SourceFile
    tu: TranslationUnit
    header_set: HeaderSet
    errors: list[ClangError] = field(default_factory=list)
    health: FileHealth = None  # type: ignore[assignment]

    def notices(self) -> list[Notice]:
        """A notice when the file had clang errors (one per file, quoting the first few)."""
        if not self.errors:
            return []
        first = "; ".join(str(e) for e in self.errors[:FIRST_ERRORS])
        more = len(self.errors) - FIRST_ERRORS
        tail = f" (and {more} more)" if more > 0 else ""
        return [Notice(str(self.path), "error",
                       f"clang reported {len(self.errors)} error(s) with the {self.header_set.kind} "
                       f"headers; findings in the affected functions may be missing: {first}{tail}")]


def _errors(tu: TranslationUnit) -> list[ClangError]:
    out = []
    for d in tu.diagnostics:
        if d.severity >= ClangDiagnostic.Error:
            loc = d.location
            out.append(ClangError(loc.file.name if loc.file else "", loc.line, loc.column,
                                  d.spelling))
    return out


def measure(parsed: ParsedFile) -> FileHealth:
    """Parse health of one file: errors, definitions, definitions holding an error."""
    main = str(parsed.path)
    error_lines = {e.line for e in parsed.errors if e.path == main}
    health = FileHealth(str(parsed.path), parsed.header_set.kind, errors=len(parsed.errors),
                        first_errors=[str(e) for e in parsed.errors[:FIRST_ERRORS]])
    for fn in main_functions(parsed.tu):
        health.functions += 1
        start, end = fn.extent.start.line, fn.extent.end.line
        if any(start <= line <= end for line in error_lines):
            health.functions_with_errors += 1
    return health


def parse(path: Path, settings: Settings) -> ParsedFile:
    """Parse one file. Raises UnreadableSource or ParseFailure with a one-line reason."""
    path = Path(path).resolve()
    source = SourceFile.read(path)
    header_set = choose(path, settings)
    try:
        tu = index().parse(str(path), args=header_set.args, options=PARSE_KEEP_GOING)
    except TranslationUnitLoadError:
        raise ParseFailure("libclang could not parse the file") from None
    parsed = ParsedFile(path, source, tu, header_set, _errors(tu))
    parsed.health = measure(parsed)
    return parsed
