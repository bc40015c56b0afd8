"""Worker processes: each file is analysed in a worker, so that a libclang crash or hang costs
only that file.

:class:`WorkerPool` keeps ``jobs`` worker processes. Each worker takes one file at a time over a
pipe, runs :func:`kdlint.engine.check_file` and sends the :class:`~kdlint.results.FileResult`
back (plain data: it pickles). The parent waits on the pipes and on the processes' sentinels:

* a worker that **dies** while it holds a file (a segfault in libclang, ``os._exit``, the OOM
  killer) costs that file: its result becomes one error notice naming the file and the signal or
  exit status, and a fresh worker takes the next file;
* a worker that holds a file longer than ``timeout`` seconds is killed, with the same outcome
  ("analysis took longer than N s").

Files are handed out by directory (:class:`_Queue`: a worker stays in its directory, and
workers start in different ones). Results are returned in the order of the tasks, whatever
order the workers finish in, so that reports are identical byte for byte for every ``jobs``.

Workers are started with ``fork`` where the platform has it (Linux: no re-import, a few ms per
worker) and ``spawn`` elsewhere (Windows, macOS); everything sent to a worker is picklable and
the worker entry point is a module-level function, so both work.

Inside a worker, the analysis runs in a thread with a large stack (:data:`STACK_BYTES`): the CFG
builder and the models recurse on the AST's depth, and thousands of nested parentheses or braces
must not overflow the C stack of the interpreter.

Test hook (tests only): ``KDLINT_TEST_WORKER_FAULT="crash:NAME,segv:NAME,hang:NAME"`` makes a
worker ``os._exit`` (crash), read address 0 (segv) or sleep (hang) when it is handed a file
whose base name is NAME. It is read in the worker and does nothing unless that variable is set.
"""
from __future__ import annotations

import gc
import os
import signal
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from kdlint.results import FileHealth, FileResult, Notice

#: Stack of the analysis thread (virtual; only the pages used are committed).
STACK_BYTES = 512 * 1024 * 1024
#: Python frames allowed in the analysis thread (the stack above holds them with room to spare).
RECURSION_LIMIT = 60000
#: Default per-file time limit, seconds (``--timeout``, ``timeout`` in the configuration).
DEFAULT_TIMEOUT = 60.0
FAULT_ENV = "KDLINT_TEST_WORKER_FAULT"


@dataclass
class Task:
    """One file for a worker: its path, its settings, the ids of the rules to run, whether
    the files its parse read are wanted back (for the result cache), and how many files of the
    run share its leading ``#include`` (when to build a PCH: :func:`kdlint.pch.sharing`)."""

    index: int
    path: Path
    settings: Any  # kdlint.config.Settings
    rule_ids: tuple
    includes: bool = True
    share: Optional[int] = None  # files of the run sharing its leading block (kdlint.pch)


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _context():
    import multiprocessing  # here: a run whose files all come from the cache starts no worker

    methods = multiprocessing.get_all_start_methods()
    forced = os.environ.get("KDLINT_WORKER_START")  # tests: exercise spawn on Linux too
    if forced in methods:
        return multiprocessing.get_context(forced)
    # fork is cheap and safe here: the parent has no threads and has not loaded libclang
    # (it only imports the bindings), so the child starts from a clean library state.
    if sys.platform.startswith("linux") and "fork" in methods:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


# --------------------------------------------------------------------------- in the worker

def run_with_big_stack(fn: Callable[[], Any]) -> Any:
    """Call ``fn`` in a thread with a large stack and a high recursion limit; re-raise what
    it raises."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller
            box["error"] = exc

    old_stack = threading.stack_size()
    old_limit = sys.getrecursionlimit()
    try:
        threading.stack_size(STACK_BYTES)
    except (ValueError, RuntimeError):  # platform without settable stacks: run as is
        return fn()
    try:
        sys.setrecursionlimit(max(old_limit, RECURSION_LIMIT))
        t = threading.Thread(target=target, name="kdlint-analysis")
        t.start()
        t.join()
    finally:
        threading.stack_size(old_stack)
        sys.setrecursionlimit(old_limit)
    if "error" in box:
        raise box["error"]
    return box.get("value")


def _test_fault(path: Path) -> None:
    spec = os.environ.get(FAULT_ENV)
    if not spec:
        return
    for item in spec.split(","):
        kind, _, name = item.partition(":")
        if name and path.name == name:
            if kind == "crash":
                os._exit(139)
            if kind == "segv":
                # a real invalid read, as a crash in libclang would be: a SIGSEGV sent with
                # kill() can be swallowed by a handler libclang installed (LLVM's crash
                # handler returns, expecting the faulting instruction to fault again)
                import ctypes

                ctypes.string_at(0)
            if kind == "hang":
                time.sleep(3600)


def analyse_task(task: Task) -> Any:
    """What a worker does with one task: check the file and return the engine's payload for
    it. (The engine's serial path, in the caller's process, calls ``analyse_one`` and leaves
    that process's collector alone.)"""
    from kdlint.engine import analyse_one

    _test_fault(task.path)
    if _garbage[0]:
        settle_memory()
    gc.disable()  # and it stays off: settle_memory is a worker's only collection
    _garbage[0] = True
    # analyse_one runs the check in a thread with a large stack itself
    return analyse_one(task.path, task.settings, task.rule_ids, task.includes, task.share)


#: whether a file was checked since the last settle_memory (its garbage is still there)
_garbage: list = [False]


def settle_memory() -> None:
    """Before a worker's next file: one full collection, then freeze what survives it. The
    cyclic collector is otherwise off in a worker, so its only file never pays for a
    collection, and its result is sent back before the collection, not after.

    A file's cursors and models are freed by reference counting when its analysis ends
    (:meth:`CallGraph.release <kdlint.flow.callgraph.CallGraph.release>`; a test checks that
    they leave no cycle), so the collection finds only the bindings' few cycles (ctypes array
    types made per parse, per-call classes). Before that, every file's models were one large
    cycle and the collections cost about 1.8 s over wdsamples; now about 0.1 s. What survives
    is the process's long-lived state (modules, the lexed headers and block repairs kept for
    the next files); without the freeze every later collection would rescan it. A frozen
    object is still freed when its last reference goes; only a cycle among frozen objects
    would never be collected."""
    gc.collect()
    gc.freeze()
    _garbage[0] = False


def _worker_main(conn) -> None:
    """Worker loop: receive a Task, send back (index, payload); None ends the loop."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles ^C
    except (ValueError, AttributeError):
        pass
    import faulthandler

    faulthandler.disable()  # a crash is reported by the parent, in one line
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            payload = analyse_task(task)
        except BaseException as exc:  # noqa: BLE001 - report, never die on a Python error
            payload = failed_result(task.path, task.settings,
                                    f"internal error: {type(exc).__name__}: {exc}")
        try:
            conn.send((task.index, payload))
        except (BrokenPipeError, OSError):
            return


# --------------------------------------------------------------------------- in the parent

def failed_result(path: Path, settings: Any, why: str) -> tuple:
    """The payload for a file whose analysis was lost: one error notice, health 'failed'."""
    result = FileResult(str(path))
    result.notices.append(Notice(str(path), "error",
                                 f"cannot analyse this file: {why}; its findings are missing"))
    headers = getattr(settings, "headers", "model")
    result.health = FileHealth(str(path), headers, failed=why)
    result.aborted = why
    return result, None


def _describe_exit(code: Optional[int]) -> str:
    if code is None:
        return "the worker process died"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"kdlint's worker process crashed ({name})"
    return f"kdlint's worker process exited unexpectedly (status {code})"


class _Queue:
    """The files not handed out yet, grouped by directory in task order. A worker gets the next
    file of the directory it worked in last, else the first file of a directory no other worker
    is in, else the first file left. Files of one directory share a leading block's repair and
    precompiled header (:mod:`kdlint.parse`, :mod:`kdlint.pch`), which each worker process
    computes once for itself: two workers in one directory would both pay for them. Only the
    order in which files are analysed changes, never a result or the report's order."""

    def __init__(self, tasks: list[Task]):
        self._groups: dict[str, deque] = {}
        for task in tasks:
            self._groups.setdefault(_directory(task), deque()).append(task)

    def __bool__(self) -> bool:
        return bool(self._groups)

    def next_for(self, last: Optional[str], busy: set) -> Task:
        """The next file for a worker that last worked in directory ``last``, while other
        workers work in the directories ``busy``."""
        groups = self._groups
        key = last if last in groups else next((d for d in groups if d not in busy), None)
        if key is None:
            key = next(iter(groups))
        files = groups[key]
        task = files.popleft()
        if not files:
            del groups[key]
        return task


def _directory(task: Task) -> str:
    return os.path.dirname(str(task.path))


class _Worker:
    def __init__(self, ctx):
        self.conn, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=_worker_main, args=(child,), daemon=True)
        self.process.start()
        child.close()
        self.task: Optional[Task] = None
        self.started = 0.0
        self.directory: Optional[str] = None  # of the last file given

    def give(self, task: Task) -> None:
        self.task = task
        self.directory = _directory(task)
        self.started = time.monotonic()
        self.conn.send(task)

    def take_next(self, pending: _Queue, workers: list["_Worker"]) -> None:
        busy = {w.directory for w in workers if w is not self and w.task is not None}
        self.give(pending.next_for(self.directory, busy))

    def kill(self) -> None:
        try:
            self.process.kill()
        except (OSError, AttributeError):
            pass
        self.process.join(5)
        self.conn.close()

    def close(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        self.process.join(2)
        if self.process.is_alive():
            self.kill()
        else:
            self.conn.close()


class WorkerPool:
    """``jobs`` worker processes with a per-file time limit (see the module docstring)."""

    def __init__(self, jobs: int, timeout: Optional[float] = DEFAULT_TIMEOUT):
        self.jobs = max(1, int(jobs))
        self.timeout = timeout if timeout and timeout > 0 else None
        self._ctx = _context()

    def run(self, tasks: list[Task]) -> Iterator[tuple[int, Any]]:
        """Yield ``(task.index, payload)`` as files finish (any order)."""
        from multiprocessing.connection import wait

        pending = _Queue(tasks)
        workers: list[_Worker] = []
        try:
            for _ in range(min(self.jobs, len(tasks))):
                workers.append(_Worker(self._ctx))
            for w in workers:
                if pending:
                    w.take_next(pending, workers)
            while any(w.task is not None for w in workers):
                busy = [w for w in workers if w.task is not None]
                waits = [w.conn for w in busy] + [w.process.sentinel for w in busy]
                left = None
                if self.timeout is not None:
                    now = time.monotonic()
                    left = max(0.0, min(w.started + self.timeout - now for w in busy))
                ready = wait(waits, timeout=left)
                now = time.monotonic()
                for w in busy:
                    done: Optional[tuple[int, Any]] = None
                    replace = False
                    if w.conn in ready:
                        try:
                            done = w.conn.recv()
                        except (EOFError, OSError):
                            w.process.join(5)
                            done = (w.task.index, failed_result(
                                w.task.path, w.task.settings, _describe_exit(w.process.exitcode)))
                            replace = True
                    elif w.process.sentinel in ready:
                        w.process.join(5)
                        done = (w.task.index, failed_result(
                            w.task.path, w.task.settings, _describe_exit(w.process.exitcode)))
                        replace = True
                    elif self.timeout is not None and now - w.started >= self.timeout:
                        done = (w.task.index, failed_result(
                            w.task.path, w.task.settings,
                            f"analysis took longer than {self.timeout:g} s (--timeout)"))
                        replace = True
                    if done is None:
                        continue
                    w.task = None
                    if replace:
                        w.kill()
                        workers[workers.index(w)] = w = _Worker(self._ctx) if pending else w
                    if pending and w.task is None and w.process.is_alive():
                        w.take_next(pending, workers)
                    yield done
        finally:
            for w in workers:
                if w.task is not None or not w.process.is_alive():
                    w.kill()
                else:
                    w.close()
