"""The libclang boundary: one translation unit per file, its clang errors and its parse health.

:func:`parse` reads the file, chooses its header set (:mod:`kdlint.headers`), and parses it
tolerantly (:mod:`kdlint.repair`): includes are resolved case-insensitively, missing headers are
stubbed in memory, and names the headers do not declare are declared by a bounded number of
repair rounds (each round is one re-parse, done only when the previous parse reported something
repairable). It then measures how complete the AST is: clang errors per function definition,
and definitions present in the text that clang's AST lost (an undefined annotation macro in
front of a definition silently drops it, PARSING.md §1.4).
"""
from __future__ import annotations

import ctypes
import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import clang.cindex as cindex
from clang.cindex import Diagnostic as ClangDiagnostic
from clang.cindex import TranslationUnit, TranslationUnitLoadError

from kdlint.config import Settings
from kdlint.headers import HeaderSet, choose
from kdlint.libclang import PARSE_KEEP_GOING, index, main_file_functions, pch_index
from kdlint.repair import (REPAIR_EARLY, STUB_DIR, VIRTUAL_DIR, Diag, IncludePlan,
                           IncludeResolver, Lexed, Repair, TextDefinition, _NOT_FOUND,
                           scan_definitions)
from kdlint.results import FileHealth, Notice
from kdlint.source import SourceFile

FIRST_ERRORS = 5  # how many clang errors a notice quotes
MAX_ROUNDS = 3  # repair re-parses per file, at most
NAMES_QUOTED = 12  # how many repaired names / dropped functions a notice lists

_PARSE_SKIP_BODIES = 0x40
_PARSE_DETAILED = 0x01


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
class ParseStats:
    """What tolerant parsing did for one file (plain data; see ParsedFile.notices)."""

    rounds: int = 0  # parses done (1 = no re-parse)
    seconds: float = 0.0  # wall time of all parses
    case_folded: list[str] = field(default_factory=list)  # include paths folded to another case
    stubbed: list[str] = field(default_factory=list)  # include names replaced by empty headers
    guessed_dirs: list[str] = field(default_factory=list)  # ancestor dirs added to the search path
    repaired: list[str] = field(default_factory=list)  # names declared by repair
    dropped: list[str] = field(default_factory=list)  # "name (line N)" lost by clang
    errors_before_repair: int = 0  # clang errors of the first parse
    trouble: Optional[str] = None  # tolerant parsing gave up on something (an internal error)


@dataclass
class ParsedFile:
    """A parsed file: the TU (valid while this object lives), its source and its health."""

    path: Path
    source: SourceFile
    tu: TranslationUnit
    header_set: HeaderSet
    errors: list[ClangError] = field(default_factory=list)
    health: FileHealth = None  # type: ignore[assignment]
    stats: ParseStats = field(default_factory=ParseStats)
    #: the arguments and in-memory files of the final parse (what doctor reproduces)
    args: list[str] = field(default_factory=list)
    unsaved: dict[str, bytes] = field(default_factory=dict)
    #: the main file's function definitions (cursors, source order), as main_functions(tu)
    #: lists them; measured once here so callers need not walk the TU's top level again
    functions: list = field(default_factory=list)
    #: files the parse read that ``tu.get_includes()`` does not list (a precompiled header's)
    extra_inputs: list[str] = field(default_factory=list)

    def notices(self) -> list[Notice]:
        """Notices about parse completeness: clang errors, dropped definitions, repairs, stubs."""
        out: list[Notice] = []
        p = str(self.path)
        kind = self.header_set.kind
        if self.errors:
            first = "; ".join(str(e) for e in self.errors[:FIRST_ERRORS])
            more = len(self.errors) - FIRST_ERRORS
            tail = f" (and {more} more)" if more > 0 else ""
            out.append(Notice(p, "error",
                              f"clang reported {len(self.errors)} error(s) with the {kind} "
                              f"headers; findings in the affected functions may be missing: "
                              f"{first}{tail}"))
        if self.stats.dropped:
            out.append(Notice(p, "error",
                              f"{len(self.stats.dropped)} function definition(s) in the text are "
                              f"missing from clang's AST and were not analysed: "
                              f"{_listing(self.stats.dropped)}"))
        if self.stats.repaired:
            out.append(Notice(p, "note",
                              f"{len(self.stats.repaired)} name(s) were unknown to the {kind} "
                              f"headers and were declared by repair: "
                              f"{_listing(self.stats.repaired)}", detail=True))
        if self.stats.trouble:
            out.append(Notice(p, "warning", f"tolerant parsing: {self.stats.trouble}"))
        if self.stats.stubbed:
            out.append(Notice(p, "note",
                              f"{len(self.stats.stubbed)} header(s) not found were replaced by "
                              f"empty stubs: {_listing(self.stats.stubbed)}", detail=True))
        return out


def _listing(names: list[str]) -> str:
    more = len(names) - NAMES_QUOTED
    return ", ".join(names[:NAMES_QUOTED]) + (f" (and {more} more)" if more > 0 else "")


def _errors(tu: TranslationUnit) -> list[ClangError]:
    out = []
    for d in tu.diagnostics:
        if d.severity >= ClangDiagnostic.Error:
            loc = d.location
            out.append(ClangError(loc.file.name if loc.file else "", loc.line, loc.column,
                                  d.spelling))
    return out


def measure(parsed: ParsedFile, text_defs: Optional[list[TextDefinition]] = None) -> FileHealth:
    """Parse health of one file: errors, definitions, definitions holding an error, dropped."""
    main = str(parsed.path)
    error_lines = sorted({e.line for e in parsed.errors if e.path == main})
    health = FileHealth(str(parsed.path), parsed.header_set.kind, errors=len(parsed.errors),
                        first_errors=[str(e) for e in parsed.errors[:FIRST_ERRORS]])
    extents = []
    names = set()
    parsed.functions = main_file_functions(parsed.tu)
    for fn in parsed.functions:
        health.functions += 1
        start, end = fn.extent.start.line, fn.extent.end.line
        extents.append((start, end))
        names.add(fn.spelling)
        if any(start <= line <= end for line in error_lines):
            health.functions_with_errors += 1
    if text_defs is None:
        text_defs = scan_definitions(Lexed(parsed.source.text))
    missing = [d for d in text_defs if d.name not in names
               and not any(s <= d.line <= e or s <= d.body_line <= e for s, e in extents)]
    if missing:
        missing = _active(parsed, missing)
    parsed.stats.dropped = [f"{d.name} (line {d.line})" for d in missing]
    health.functions_dropped = len(missing)
    return health


class _RangeList(ctypes.Structure):
    _fields_ = [("count", ctypes.c_uint), ("ranges", ctypes.POINTER(cindex.SourceRange))]


def _skipped_lines(tu: TranslationUnit, path: str) -> list[tuple[int, int]]:
    lib = cindex.conf.lib
    fn = lib.clang_getSkippedRanges
    fn.argtypes = [cindex.TranslationUnit, cindex.File]
    fn.restype = ctypes.POINTER(_RangeList)
    lib.clang_disposeSourceRangeList.argtypes = [ctypes.POINTER(_RangeList)]
    f = tu.get_file(path)
    lst = fn(tu, f)
    try:
        return [(lst.contents.ranges[i].start.line, lst.contents.ranges[i].end.line)
                for i in range(lst.contents.count)]
    finally:
        lib.clang_disposeSourceRangeList(lst)


def _active(parsed: ParsedFile, candidates: list[TextDefinition]) -> list[TextDefinition]:
    """The candidates not inside an inactive #if branch (one cheap extra parse decides)."""
    if not _conditional_lines(parsed.source.text, candidates):
        return candidates
    try:
        tu = index().parse(str(parsed.path), args=parsed.args,
                           unsaved_files=list(parsed.unsaved.items()),
                           options=PARSE_KEEP_GOING | _PARSE_SKIP_BODIES | _PARSE_DETAILED)
        skipped = _skipped_lines(tu, str(parsed.path))
    except Exception:
        return candidates
    return [d for d in candidates if not any(s <= d.line <= e for s, e in skipped)]


def _conditional_lines(text: str, candidates: list[TextDefinition]) -> bool:
    """True when any candidate lies inside some #if/#ifdef block (lexically)."""
    depth = 0
    inside: list[tuple[int, int]] = []
    start = 0
    for n, line in enumerate(text.split("\n"), 1):
        s = line.lstrip()
        if not s.startswith("#"):
            continue
        word = s[1:].lstrip().split(None, 1)[0] if s[1:].strip() else ""
        if word in ("if", "ifdef", "ifndef"):
            if depth == 0:
                start = n
            depth += 1
        elif word == "endif" and depth > 0:
            depth -= 1
            if depth == 0:
                inside.append((start, n))
    return any(s <= d.line <= e for d in candidates for s, e in inside)


class _Session:
    """One file's parse rounds: include plan, repair state, arguments and unsaved files."""

    def __init__(self, path: Path, source: SourceFile, header_set: HeaderSet, tolerant: bool,
                 virtual: bool = False):
        """``virtual``: ``source`` is not on disk (a leading block's own file, in memory)."""
        self.path = str(path)
        self.header_set = header_set
        self.tolerant = tolerant
        if tolerant:
            resolver = IncludeResolver(header_set.user_dirs(), header_set.system_dirs())
            try:
                self.plan = resolver.plan(self.path, source.text if virtual else None)
            except Exception as exc:  # never let tolerance cost the file: parse plainly
                self.plan = IncludePlan()
                self.trouble = f"include pre-scan failed ({type(exc).__name__}: {exc})"
        else:
            self.plan = IncludePlan()
        self.trouble: Optional[str] = getattr(self, "trouble", None)
        if virtual:
            self.plan.unsaved[self.path] = source.data
        self.repair = Repair(self.path, lambda: Lexed(source.text), self.plan.case_folded)
        self.repair.project_files = list(self.plan.project_files)
        self.parses = 0
        self.seconds = 0.0
        #: stop after the first parse if it has errors outside the main file (see parse())
        self.check_block = False

    def stop_if_block_needs_repair(self, errors: list[ClangError]) -> None:
        """Raise _Reseed when the block's repair is not known yet and this first parse has
        errors in a header: the leading block may need repair."""
        if self.check_block and any(e.path and os.path.normpath(e.path) != self.path
                                    and not e.path.startswith(VIRTUAL_DIR) for e in errors):
            raise _Reseed()

    def adopt(self, seed: "_BlockSeed", line: int) -> None:
        """Start from the repair of the file's leading block, which is on ``line`` (see
        :func:`_block_seed`)."""
        self.repair.adopt(seed.repair, line)
        self.repair.fit_function_types()
        for name, data in seed.unsaved.items():
            self.plan.unsaved.setdefault(name, data)
        for name in seed.stubbed:
            if name not in self.plan.stubbed:
                self.plan.stubbed.append(name)

    def args(self) -> list[str]:
        hs = self.header_set
        args = list(hs.args)
        if not self.tolerant:
            return args
        for d in self.plan.guessed_dirs:
            args += hs.idirafter(d)
        args += hs.idirafter(STUB_DIR)
        if self.repair.has_early():
            args += hs.force_include(REPAIR_EARLY)
        return args

    def unsaved(self) -> dict[str, bytes]:
        return self._render()[0]

    def _render(self, anchor: Optional[str] = None) -> tuple[dict[str, bytes], list[str]]:
        """The in-memory files of the next parse, and the repair headers to force-include after
        a precompiled header: the file's own declarations placed after ``anchor`` (the header
        a PCH's block includes) go there instead of being appended to ``anchor``'s text, which
        is inside the PCH (those a seeded file adopted from the block are in the PCH: see
        :meth:`~kdlint.repair.declarations.Declarations.layers`)."""
        files = dict(self.plan.unsaved)
        after: list[str] = []
        for path in self.repair.injections:
            base = files.get(path)
            if base is None:
                try:
                    base = Path(path).read_bytes()
                except OSError:
                    continue
            files[path] = self.repair.inject(path, base)
        for n, where in enumerate(self.repair.placements()):
            if where == "early":
                files[REPAIR_EARLY] = self.repair.text(where).encode()
                continue
            for from_block, text in self.repair.layers(where):
                name = os.path.join(VIRTUAL_DIR, _block_header(where) if from_block
                                    else f"kdlint_repair_{n}.h")
                files[name] = text.encode()
                if where == anchor and not from_block:
                    after.append(name)
                    continue
                base = files.get(where)
                if base is None:
                    try:
                        base = Path(where).read_bytes()
                    except OSError:
                        base = b""
                files[where] = base + f'\n#include "{name}"\n'.encode()
        return files, after

    def parse(self) -> TranslationUnit:
        t0 = time.perf_counter()
        try:
            tu = index().parse(self.path, args=self.args(),
                               unsaved_files=list(self.unsaved().items()),
                               options=PARSE_KEEP_GOING)
        except TranslationUnitLoadError:
            raise ParseFailure("libclang could not parse the file") from None
        finally:
            self.seconds += time.perf_counter() - t0
            self.parses += 1
        return tu

    def through_pch(self, data: bytes, max_rounds: int, share: Optional[int] = None
                    ) -> Optional[tuple]:
        """Parse through a shared precompiled header of the leading ``#include``
        (:mod:`kdlint.pch`), with repair rounds when the file's own text needs them: (TU,
        errors, arguments, in-memory files, repaired names, files the PCH read (none when the
        best round was a plain parse), errors of the first parse), or None when there is no
        usable PCH or the first parse through it has errors the PCH's build did not record
        inside it (the caller then parses plainly, with a fresh session). From the first
        round whose repairs would change what the PCH holds, the rounds go on with plain
        parses of the same repair state: what the plain path would parse in that round.

        The outcome is the plain parse's: repair declarations placed after the block's header
        are force-included right after the PCH (the main file has only comments and blank
        lines before that ``#include``), which is where appending them to that header puts
        them; errors beyond those its build recorded may only be in files outside it; and the
        arguments and in-memory files recorded are the plain parse's (what ``doctor``
        reproduces).

        ``share``: how many files of the run share the block (:func:`kdlint.pch.sharing`:
        enough of them build its PCH now). A build for a file whose block's repair is not known yet
        that finds errors in the block's headers raises _Reseed before anything is saved (the
        block may need repair: the build was that check, instead of a whole first parse)."""
        from kdlint import pch

        unsaved = self.unsaved()
        args0 = self.args()
        prepared = pch.prepare(index(), self.path, unsaved.get(self.path, data), args0, unsaved,
                               frozenset(self.plan.main_only), share=share,
                               stop_on_errors=self.check_block)
        if prepared is pch.BLOCK_HAS_ERRORS:
            raise _Reseed()
        if prepared is None:
            return None
        inputs = {os.path.normpath(p) for p in prepared.inputs}
        anchor = os.path.normpath(prepared.anchor) if prepared.anchor else None
        tu = self._parse_pch(prepared, prepared.args, prepared.unsaved)
        if tu is None:
            return None
        built = [ClangError(*e) for e in prepared.errors]  # the PCH's: first, as in a plain parse
        errors = built + _errors(tu)
        self.stop_if_block_needs_repair(errors)
        first = len(errors)
        best = (tu, errors, args0, unsaved, self.repair.repaired)
        if errors:
            if anchor is None or not _outside(errors[len(built):], inputs):
                return None
            self.repair.add_inclusions(
                [(self.path, prepared.line, dst) if src is None else (src, line, dst)
                 for src, line, dst in prepared.inclusions
                 if not dst.startswith(VIRTUAL_DIR)])
        rounds = 0
        plain = False  # the rounds go on without the PCH once a repair would change it
        best_via_pch = True
        while rounds < max_rounds and errors:
            try:
                if not self.learn(tu, errors):
                    break
            except Exception:  # the plain path repeats this and reports the trouble
                return None
            rounds += 1
            tu = None
            if not plain:
                files, after = self._render(anchor)
                if self._pch_compatible(prepared, args0, inputs, files):
                    files[self.path] = prepared.unsaved[self.path]
                    args = list(prepared.args)
                    for name in after:
                        args += self.header_set.force_include(name)
                    tu = self._parse_pch(prepared, args, files)
                    if tu is None:
                        return None
                    errors = built + _errors(tu)
                    if not _outside(errors[len(built):], inputs):
                        tu = None  # a new error inside the PCH: this round, parsed plainly
                plain = tu is None
            if plain:
                tu = self.parse()
                errors = _errors(tu)
            if _score(errors, self.path) <= _score(best[1], self.path):
                best = (tu, errors, self.args(), self.unsaved(), self.repair.repaired)
                best_via_pch = not plain
        return best + (prepared.inputs if best_via_pch else [], first)

    def _parse_pch(self, prepared, args: list[str], files: dict[str, bytes]
                   ) -> Optional[TranslationUnit]:
        from kdlint import pch

        t0 = time.perf_counter()
        try:
            return pch_index().parse(self.path, args=args, unsaved_files=list(files.items()),
                                     options=PARSE_KEEP_GOING)
        except TranslationUnitLoadError:
            pch.failed(prepared)
            return None
        finally:
            self.seconds += time.perf_counter() - t0
            self.parses += 1

    def _pch_compatible(self, prepared, args0: list[str], inputs: set,
                        files: dict[str, bytes]) -> bool:
        """Whether the repairs learned so far leave everything the PCH read as it was: the same
        arguments, and every in-memory file the PCH read (headers with members injected or
        repair declarations appended, repair headers, stubs, the "early" declarations that a
        seeded file adopted and the PCH force-included) the same in ``files`` (the next
        round's, from :meth:`_render`, where declarations placed after the block's header go
        after the PCH) as when it was built."""
        if self.args() != args0:
            return False  # among others: the first "early" declaration
        if self.repair.has_early() and os.path.normpath(REPAIR_EARLY) not in inputs:
            return False
        for name in set(files) | set(prepared.unsaved):
            if name != self.path and os.path.normpath(name) in inputs \
                    and files.get(name) != prepared.unsaved.get(name):
                return False
        return True

    def learn(self, tu: TranslationUnit, errors: list[ClangError]) -> bool:
        changed = False
        for e in errors:
            m = _NOT_FOUND.match(e.message)
            if m and self.plan.add_stub(m.group(1), os.path.dirname(e.path) if e.path else None):
                changed = True
        incs = []
        for inc in tu.get_includes():
            src = inc.source.name if inc.source else None
            dst = inc.include.name if inc.include else None
            if src and dst and not dst.startswith(VIRTUAL_DIR):
                incs.append((src, inc.location.line, dst))
        self.repair.add_inclusions(incs)
        diags = [Diag(e.path, e.line, e.column, e.message) for e in errors]
        if self.repair.learn(diags):
            changed = True
        return changed


def _block_header(where: str) -> str:
    """The name of the repair header holding a leading block's declarations placed after the
    header ``where``: the same for every file of the block, whatever else each one places."""
    return f"kdlint_block_{hashlib.sha256(where.encode()).hexdigest()[:12]}.h"


def _score(errors: list[ClangError], main: str) -> tuple[int, int]:
    return (sum(1 for e in errors if e.path == main), len(errors))


def _outside(errors: list[ClangError], inputs: set) -> bool:
    """No error is in a file the PCH read (or in no file at all): the parse through it added
    none to those the PCH's build recorded."""
    return all(e.path and os.path.normpath(e.path) not in inputs for e in errors)


def _plain_rounds(session: _Session, path: Path, tolerant: bool, max_rounds: int) -> tuple:
    """The plain parse and its repair rounds: (TU, errors, arguments, in-memory files,
    repaired names) of the best round (fewest errors in the main file, then overall), and the
    number of errors of the first parse."""
    tu = session.parse()
    errors = _errors(tu)
    session.stop_if_block_needs_repair(errors)
    first = len(errors)
    best = (tu, errors, session.args(), session.unsaved(), session.repair.repaired)
    rounds = 0
    while tolerant and rounds < max_rounds and errors:
        try:
            if not session.learn(tu, errors):
                break
        except Exception as exc:  # a repair bug costs the repair, never the file
            session.trouble = f"repair stopped ({type(exc).__name__}: {exc})"
            break
        rounds += 1
        tu = session.parse()
        errors = _errors(tu)
        if _score(errors, str(path)) <= _score(best[1], str(path)):
            best = (tu, errors, session.args(), session.unsaved(), session.repair.repaired)
    return best + (first,)


@dataclass
class _BlockSeed:
    """The repair of a leading ``#include`` block parsed as a file of its own: the state that
    every file starting with that block begins its repair rounds from."""

    repair: Repair
    unsaved: dict  # stubs the block's rounds added (probe path -> content)
    stubbed: list


#: Block repairs computed by this process: (directory, block line, clang arguments) ->
#: (seed or None when the block needs no repair, stamps of the headers it read). A seed
#: depends only on its key and those headers, never on which file came first.
_BLOCK_SEEDS: dict = {}
MAX_BLOCK_SEEDS = 64
#: The in-memory main file of a block repair, in the directory of the files that share it
#: (quoted includes resolve as from them).
BLOCK_FILE = "kdlint_leading_block.c"
_UNKNOWN = object()


class _Reseed(Exception):
    """The first parse showed that the file's leading block needs repair: start again from
    the block's repair (see :func:`_block_seed`)."""


def _block_key(path: Path, source: SourceFile, header_set: HeaderSet) -> Optional[tuple]:
    from kdlint import pch

    if os.environ.get("KDLINT_NO_BLOCK_SEED"):
        return None
    idx, lines = pch.leading_block(source.data)
    if not lines:
        return None
    return (str(path.parent), lines[0], tuple(header_set.args), idx[0] + 1)


def _known_seed(key: tuple):
    """The memoised seed of a block key (None: the block needs no repair), or _UNKNOWN."""
    from kdlint.pch import stamps

    got = _BLOCK_SEEDS.get(key[:3])
    if got is None or stamps([p for p, _s, _m in got[1]]) != got[1]:
        return _UNKNOWN
    return got[0]


def _block_seed(key: tuple, header_set: HeaderSet, max_rounds: int) -> Optional["_BlockSeed"]:
    """The repair state that a leading ``#include`` block needs on its own, or None.

    Files of one project mostly start with the same header (``precomp.h``, ``classp.h``),
    and when that header uses names the header set lacks, every file used to pay the same
    repair rounds (2-4 full parses each). The block is repaired once per process as a file of
    its own (its text: the one ``#include`` line), and each file that starts with it begins
    with those declarations: usually one parse, then rounds only for names of its own. The
    state depends on the block, its directory, the arguments and the headers' contents only,
    so results are the same for every ``-j`` and every order of the files."""
    from kdlint import pch

    seed = _known_seed(key)
    if seed is _UNKNOWN:
        folder, line, _args, _n = key
        seed, read = _repair_block(Path(folder) / BLOCK_FILE, line, header_set, max_rounds)
        _BLOCK_SEEDS[key[:3]] = (seed, pch.stamps(read))
        if len(_BLOCK_SEEDS) > MAX_BLOCK_SEEDS:
            del _BLOCK_SEEDS[next(iter(_BLOCK_SEEDS))]
    return seed


def _repair_block(block_path: Path, line: bytes, header_set: HeaderSet,
                  max_rounds: int) -> tuple[Optional[_BlockSeed], list[str]]:
    """(the seed, the project headers the block read)."""
    session = _Session(block_path, SourceFile(block_path, line + b"\n"), header_set, True,
                       virtual=True)
    read = list(session.plan.project_files)
    try:
        _tu, _errors, _args, _unsaved, repaired, _first = _plain_rounds(
            session, block_path, True, max_rounds)
    except ParseFailure:
        return None, read
    if not repaired or repaired != session.repair.repaired or session.trouble:
        return None, read  # nothing to repair, or the last round was not the best: no seed
    extra = {k: v for k, v in session.plan.unsaved.items() if k != str(block_path)}
    return _BlockSeed(session.repair, extra, list(session.plan.stubbed)), read


def _new_session(path: Path, source: SourceFile, header_set: HeaderSet, tolerant: bool,
                 key: Optional[tuple], seed) -> _Session:
    """A session for the file; seeded with ``seed`` (a _BlockSeed), or, when the block's seed
    is not known yet (_UNKNOWN), one that stops after its first parse if that parse shows
    errors outside the main file (the block may need repair: see :func:`parse`)."""
    session = _Session(path, source, header_set, tolerant)
    if seed is _UNKNOWN:
        session.check_block = True
    elif seed is not None:
        session.adopt(seed, key[3])
    return session


def parse(path: Path, settings: Settings, *, tolerant: bool = True,
          max_rounds: int = MAX_ROUNDS, share: Optional[int] = None) -> ParsedFile:
    """Parse one file. Raises UnreadableSource or ParseFailure with a one-line reason.

    ``tolerant=False`` parses once with the header set's arguments only (no case folding,
    stubs or repair): what a plain ``clang -fsyntax-only`` with the same flags sees.
    ``share``: how many files of the run start with the same ``#include`` line in this
    directory (:func:`kdlint.pch.sharing`; None: unknown). It only decides when a PCH is built,
    never what the parse gives.
    """
    path = Path(path).resolve()
    source = SourceFile.read(path)
    header_set = choose(path, settings)
    key = _block_key(path, source, header_set) if tolerant else None
    seed = _known_seed(key) if key is not None else None
    seconds = 0.0
    while True:
        session = _new_session(path, source, header_set, tolerant, key, seed)
        session.seconds = seconds
        try:
            through = session.through_pch(source.data, max_rounds, share) if tolerant else None
            if through is None and session.parses:  # the PCH was given up: start afresh
                seconds = session.seconds  # (the parses counted: the path that gave the TU)
                session = _new_session(path, source, header_set, tolerant, key, seed)
                session.seconds = seconds
            plain = None if through is not None else _plain_rounds(session, path, tolerant,
                                                                    max_rounds)
            break
        except _Reseed:  # the leading block may need repair of its own: start from it
            t0 = time.perf_counter()
            try:
                seed = _block_seed(key, header_set, max_rounds)
            except Exception:  # never let the seed cost the file: parse as before
                seed = None
            seconds = session.seconds + time.perf_counter() - t0
    if through is not None:
        tu, errors, args, unsaved, repaired, extra_inputs, first_errors = through
    else:
        tu, errors, args, unsaved, repaired, first_errors = plain
        extra_inputs = []
    stats = ParseStats(rounds=session.parses, seconds=session.seconds,
                       case_folded=sorted(session.plan.case_folded),
                       stubbed=list(session.plan.stubbed),
                       guessed_dirs=list(session.plan.guessed_dirs),
                       repaired=repaired,
                       errors_before_repair=first_errors, trouble=session.trouble)
    parsed = ParsedFile(path, source, tu, header_set, errors, stats=stats, args=args,
                        unsaved=unsaved, extra_inputs=extra_inputs)
    # clang drops a definition only on an error: an error-free parse needs no lexical scan
    parsed.health = measure(parsed, session.repair.defs if errors else [])
    return parsed
