"""The engine: the only module that drives all the others. The pass order is fixed:

1. **Configure** (:mod:`kdlint.cli`, :mod:`kdlint.config`): files, rule selection, settings.
2. **Parse** (:mod:`kdlint.parse`): one libclang TU per file with the header set chosen by
   :mod:`kdlint.headers`; clang errors become a notice and the file's parse health.
3. **Model** (:mod:`kdlint.model`): driver roles of the file's functions.
4. **Flow** (:mod:`kdlint.flow`): one :class:`FunctionFacts` per definition; CFGs, lattices and
   summaries are computed lazily, the first time a rule asks, and then shared.
5. **Rules**: ``check_call`` for each call to a routine a selected rule names, then
   ``check_function`` for each definition. A rule that raises costs only its own findings on
   that function (a notice says so), never the file or the run.
6. **Suppress**: inline ``// kdlint: ignore[ID]`` comments mark findings suppressed; duplicates
   are dropped and findings sorted by (path, line, column, id).
7. **Report** (:mod:`kdlint.report`): reporters only format a :class:`RunResult`.

Files are independent: one file that cannot be read or parsed becomes a notice, and the others'
findings are kept.

The modules of passes 2-5 (libclang's bindings, parsing, flow, models, the rules themselves) are
imported where a file's analysis starts: a run whose files all come from the result cache selects
and reports with the cache's rule cards and loads none of them.
"""
from __future__ import annotations

import contextlib
import gc
import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Optional, Sequence

from kdlint.config import Settings
from kdlint.fingerprint import stamp as stamp_line_hashes
from kdlint.headers import validate as validate_headers
from kdlint.registry import all_rules, select as select_rules
from kdlint.results import Diagnostic, FileHealth, FileResult, Fix, Notice, RunResult, Span, Step
from kdlint.rule import Rule
from kdlint.source import SourceFile, UnreadableSource, remember as remember_source
from kdlint.suppress import apply_suppressions
from kdlint.workers import Task, WorkerPool, run_with_big_stack

if TYPE_CHECKING:
    from clang.cindex import Cursor

    from kdlint.cache import ResultCache
    from kdlint.flow.callgraph import CallGraph
    from kdlint.parse import ParsedFile

#: What a directory argument contributes: C sources (headers are analysed through them).
SOURCE_SUFFIXES = (".c",)
SKIPPED_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv"}


class RuleContext:
    """What a rule's hook gets besides the call or function: the file, and ``report``."""

    def __init__(self, parsed: ParsedFile):
        self.parsed = parsed
        self.source: SourceFile = parsed.source
        self.diagnostics: list[Diagnostic] = []
        self._once: set = set()  # (rule id, line, column) of findings reported with once=True

    def span(self, cursor: Cursor) -> Span:
        """The cursor's extent in the main file (the expansion site for macro code)."""
        ext = cursor.extent
        start, end = ext.start, ext.end
        if start.file is None or os.path.realpath(start.file.name) != str(self.parsed.path):
            loc = cursor.location
            start = end = loc
        src = self.source
        end_line = end.line if end.line >= start.line else start.line
        return Span(str(self.parsed.path), start.line, src.utf16_column(start.line, start.column),
                    end_line, src.utf16_column(end_line, max(end.column, start.column)))

    def report(self, rule: type[Rule] | Rule, cursor: Cursor, message: str, *,
               fixes: Sequence[Fix] = (), related: Sequence[Step] = (),
               code_flow: Sequence[Step] = (), level: Optional[str] = None,
               once: bool = False) -> None:
        """Record a finding of ``rule`` at ``cursor``. ``once``: skip it if this rule already
        reported (with ``once``) at the same place in the file — for findings about a shared
        routine (a completion routine) that several functions lead to."""
        span = self.span(cursor)
        if once:
            key = (rule.id, span.line, span.column)
            if key in self._once:
                return
            self._once.add(key)
        self.diagnostics.append(Diagnostic(
            rule.id, level or rule.severity.value, message, span,
            related=list(related), code_flow=list(code_flow), fixes=list(fixes)))


class _LazyDriver:
    """The file's DriverModel, built the first time a rule (or a model) asks about roles: a
    selection of rules that only look at calls never pays for it."""

    def __init__(self, callgraph: CallGraph):
        self._callgraph = callgraph
        self._model = None

    def _get(self):
        if self._model is None:
            from kdlint.model.driver import build_driver_model

            cg = self._callgraph
            self._model = build_driver_model(list(cg.functions.values()), callgraph=cg)
            cg.driver = self
        return self._model

    @property
    def callgraph(self) -> CallGraph:
        return self._callgraph

    def __getattr__(self, name):
        return getattr(self._get(), name)


def _analyse(parsed: ParsedFile, rules: list[type[Rule]], result: FileResult) -> None:
    """Passes 3-5 for one parsed file."""
    from kdlint.flow.callgraph import CallGraph
    from kdlint.flow.facts import FunctionFacts

    remember_source(parsed.source)  # the models read the main file's text from memory
    cursors = parsed.functions
    callgraph = CallGraph(cursors, parsed.tu)
    driver = _LazyDriver(callgraph)
    callgraph.driver = driver
    functions = [FunctionFacts(c, driver) for c in cursors]
    instances = [r() for r in rules]
    ctx = RuleContext(parsed)
    for fn in functions:
        for rule in instances:
            try:
                if rule.calls:
                    for call in fn.calls:
                        if call.name in rule.calls:
                            rule.check_call(call, ctx)
                if rule.wants_functions():
                    rule.check_function(fn, ctx)
            except Exception as exc:  # a rule bug costs one function, not the run
                result.notices.append(Notice(
                    str(parsed.path), "error",
                    f"internal error in rule {rule.id} on function {fn.name}: "
                    f"{type(exc).__name__}: {exc}", fn.cursor.location.line))
    result.diagnostics.extend(ctx.diagnostics)
    driver._model = None
    callgraph.release()


#: Allocations between two young-generation collections during the analysis (Python's default is
#: 700). The analysis keeps every AST cursor it fetched alive (hundreds of thousands per file)
#: and allocates many small objects, so with the default the collector runs thousands of times
#: and its older generations rescan all the kept cursors: 10-25% of the analysis on dokany.
#: The models build almost no reference cycles, so collecting less often costs little memory.
GC_YOUNG_THRESHOLD = 100_000


@contextlib.contextmanager
def _few_collections():
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], GC_YOUNG_THRESHOLD), old[1], old[2])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _included_files(parsed: ParsedFile) -> list[str]:
    """The files on disk the final parse read besides the main file (for the result cache)."""
    seen = set()
    for inc in parsed.tu.get_includes():
        f = inc.include
        if f is not None:
            seen.add(f.name)
    seen.update(parsed.extra_inputs)
    return sorted(p for p in seen if os.path.isfile(p))  # repair and stub headers are virtual


def _check(path: Path, settings: Settings, rules: list[type[Rule]], includes: bool = True,
           share: Optional[int] = None) -> tuple[FileResult, Optional[list[str]]]:
    """check_file's work; also returns the files the parse included (None when the file
    could not be parsed, whose result is not cached, or when ``includes`` is false: no cache
    wants them). ``share``: see :func:`kdlint.parse.parse`."""
    from kdlint.libclang import LibclangUnavailable
    from kdlint.parse import ParseFailure, parse

    result = FileResult(str(path))
    try:
        parsed = parse(path, settings, share=share)
    except (UnreadableSource, ParseFailure) as exc:
        result.notices.append(Notice(str(path), "error", f"cannot analyse this file: {exc}"))
        result.health = FileHealth(str(path), settings.headers, failed=str(exc))
        return result, None
    except LibclangUnavailable:
        raise
    except Exception as exc:  # libclang bindings can raise odd things on odd input
        result.notices.append(Notice(str(path), "error",
                                     f"cannot analyse this file: {type(exc).__name__}: {exc}"))
        result.health = FileHealth(str(path), settings.headers, failed=str(exc))
        return result, None
    result.path = str(parsed.path)
    result.health = parsed.health
    result.notices.extend(parsed.notices())
    try:
        with _few_collections():
            _analyse(parsed, rules, result)
    except RecursionError:
        result.notices.append(Notice(str(parsed.path), "error",
                                     "the code is nested too deeply to analyse; findings in "
                                     "this file are missing"))
    except Exception as exc:
        result.notices.append(Notice(str(parsed.path), "error",
                                     f"internal error while analysing: {type(exc).__name__}: {exc}"))
    result.diagnostics = apply_suppressions(result.diagnostics, parsed.source)
    stamp_line_hashes(result.diagnostics, str(parsed.path), parsed.source.data)
    try:
        read = _included_files(parsed) if includes else None
    except Exception:
        read = None
    return result, read


def check_file(path: Path, settings: Settings, rules: list[type[Rule]]) -> FileResult:
    """Parse, model, run the rules and apply suppressions for one file. Never raises.

    The analysis runs in a thread with a large stack (deeply nested code recurses deeply).
    """
    return run_with_big_stack(lambda: _check(path, settings, rules))[0]


def analyse_one(path: Path, settings: Settings, rule_ids: Sequence[str], includes: bool = True,
                share: Optional[int] = None) -> tuple[FileResult, Optional[list[str]]]:
    """A worker's job: check one file with the rules named by ``rule_ids``; return the result
    and the files its parse included (None unless ``includes``). ``share``: how many files of
    the run share its leading block (:func:`kdlint.pch.sharing`)."""
    wanted = set(rule_ids)
    rules = [r for r in all_rules() if r.id in wanted]
    return run_with_big_stack(lambda: _check(path, settings, rules, includes, share))


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """Expand directories into their C sources; return (files, problems)."""
    files: list[Path] = []
    problems: list[str] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = []
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS)
                found += [Path(dirpath) / f for f in sorted(filenames)
                          if f.lower().endswith(SOURCE_SUFFIXES)]
            if not found:
                problems.append(f"{p}: no C source files (*.c) in this directory")
            files += found
        elif p.exists() or p.is_symlink():
            files.append(p)
        else:
            problems.append(f"{p}: no such file or directory")
    unique = sorted({f.resolve() if f.exists() else f.absolute() for f in files}, key=str)
    return unique, problems


def _size_first(task: Task) -> tuple:
    try:
        size = os.path.getsize(task.path)
    except OSError:
        size = 0
    return (-size, task.index)


def check_paths(paths: Sequence[Path], settings: Settings, root: Optional[Path] = None, *,
                settings_for: Optional[Callable[[Path], Settings]] = None,
                progress: Optional[Callable[[Path], None]] = None,
                jobs: Optional[int] = None, timeout: Optional[float] = None,
                cache: Optional["ResultCache"] = None) -> RunResult:
    """Run every pass over ``paths``; the result is what reporters format.

    ``settings_for(path)``, when given, decides each file's settings (configuration files are
    per directory); ``settings`` is then only the run's default. ``progress(path)`` is called
    after each file. Raises HeadersUnavailable when the settings force a header layer that
    does not exist (one clear error instead of one notice per file).

    ``jobs``: None analyses the files in this process, one after the other; a number runs that
    many worker processes (:mod:`kdlint.workers`), each file in a worker, with ``timeout``
    seconds per file, so that a crash or a hang costs only that file. ``cache``: a
    :class:`~kdlint.cache.ResultCache` consulted before and filled after each analysis.
    Either way the files' results are in the order of the sorted file list.
    """
    validate_headers(settings)
    pool = cache.rule_cards() if cache is not None else all_rules()
    rules = select_rules(settings.select, settings.ignore, settings.extend_select, rules=pool)
    run = RunResult(str((root or Path.cwd()).resolve()), rule_ids=[r.id for r in rules])
    files, problems = collect_files(paths)
    run.tool_errors.extend(problems)
    if not files:
        if not problems:
            run.tool_errors.append("nothing to analyse")
        return run
    chosen: dict[tuple, list] = {}  # rule classes, or cards when there is a cache
    results: list[Optional[FileResult]] = [None] * len(files)
    tasks: list[Task] = []
    keys: dict[int, str] = {}
    for i, path in enumerate(files):
        file_settings = settings_for(path) if settings_for else settings
        key = (tuple(file_settings.select), tuple(file_settings.ignore),
               tuple(file_settings.extend_select))
        if key not in chosen:
            chosen[key] = select_rules(*key, rules=pool)
        rule_ids = tuple(r.id for r in chosen[key])
        if cache is not None:
            ckey = cache.key(path, file_settings, rule_ids)
            hit = cache.get(ckey) if ckey is not None else None
            if hit is not None:
                results[i] = hit
                if progress is not None:
                    progress(path)
                continue
            if ckey is not None:
                keys[i] = ckey
        tasks.append(Task(i, path, file_settings, rule_ids, includes=cache is not None))

    def finished(index: int, payload) -> None:
        result, includes = payload
        results[index] = result
        if cache is not None and index in keys and includes is not None \
                and result.aborted is None:
            cache.put(keys[index], result, includes)
        if progress is not None:
            progress(files[index])

    if tasks:  # (a run whose files all come from the cache never loads parsing at all)
        from kdlint.pch import run_directory, sharing

        shares = sharing([t.path for t in tasks])
        for task in tasks:
            task.share = shares.get(task.path)
        # precompiled headers shared by this run's files and workers; kept with the result cache
        keep = cache.subdirectory("pch") if cache is not None else None
        with run_directory(str(keep) if keep is not None else None):
            if jobs is None:
                for task in tasks:
                    finished(task.index, analyse_one(task.path, task.settings, task.rule_ids,
                                                     task.includes, task.share))
            else:
                pool = WorkerPool(jobs, timeout)
                # biggest files first, so that no worker is left with a long file at the end;
                # results still go back in file order
                for index, payload in pool.run(sorted(tasks, key=_size_first)):
                    finished(index, payload)
    kinds = set()
    for fr in results:
        assert fr is not None
        run.files.append(fr)
        if fr.health is not None:
            run.health.add(fr.health)
            if fr.health.failed is None:
                kinds.add(fr.health.headers)
    if settings_for is not None:
        run.rule_ids = sorted({r.id for rs in chosen.values() for r in rs})
    if kinds:
        run.health.headers = "+".join(sorted(kinds))
    return run
