"""A shared precompiled header for a file's leading ``#include`` block.

Most of a driver file's parse is the headers (``ntifs.h`` and the project's own header, which
includes it): PARSING.md measures ~40 ms per translation unit with the headers against ~5 ms
without. Files of one project mostly start with the same ``#include`` lines, so the first parse
of such a file can load those headers from a precompiled header (PCH) built once:

- the **leading block** is the first ``#include`` line of the file when only blank lines and
  comments come before it (no ``#define``/``#if``, no line continuation). Only the first: it
  is usually the heavy one (``ntifs.h``, or the project header that includes it), and files of
  one directory share it far more often than their whole include lists (on dokany 1 PCH
  serves the 26 files, against 15 distinct include lists);
- the PCH is built from a virtual header *in the file's own directory* holding exactly those
  lines (so quoted includes resolve as they do from the file), with the file's own clang
  arguments, forced includes (``-include``) and in-memory files. Its **key** is a hash of the
  directory, the block's text, the arguments and the in-memory files, except the stubs that
  only the main file itself includes (each file's own missing WPP ``.tmh``: no header of the
  block reads them, and keying on them gave every such file a PCH of its own);
- the file is then parsed with ``-include-pch`` and the forced includes dropped, from an
  in-memory copy of itself where the block's line is overwritten by spaces (lines, columns and
  byte offsets unchanged: source text is read from the file on disk by offset);
- only when that is safe. The PCH build may have errors in its headers (a line that repair
  cannot mend, such as classpnp's lvalue cast in ``classp.h``; parses keep going after any
  error, so a plain parse also goes on to the main file), but none in no file or on the
  block's own line (such a build is not used again in this process). The build's errors are
  recorded with the PCH and reported first for every file parsed through it, as a
  plain parse reports them (libclang loads a PCH built with errors). A file whose own text
  needs repair (names its headers do not declare) is repaired through the PCH: the
  declarations that a plain parse appends to the block's header are force-included right
  after the PCH instead (only comments and blank lines come before that ``#include``, so it is
  the same place), and the build's inclusions and anchor header are recorded so that repair
  sees the include tree of a plain parse. From the first round whose repair would change what
  the PCH holds (a new "early" declaration, a member injected into one of its headers, a
  declaration placed inside it) or that shows a new error in one of its headers, the rounds go
  on with plain parses of the same repair state; a first parse with such an error starts the
  file afresh without the PCH. So the errors, repairs and notices are always those of the
  plain parse (one difference: for an error inside a macro expansion whose macro comes from
  the PCH, clang may give another column of the same line);
- a PCH pays from the third file sharing a block (building one costs about 1.5 plain parses and
  a parse with it about a quarter of one). The engine counts the files of the run that share
  each directory's leading block (:func:`sharing`): with :data:`EAGER_SHARE` or more, the
  first of them builds the PCH and parses through it. Otherwise (a run of one or two such
  files, as pre-commit's) a key is only built the second time it is seen, in this run or an
  earlier one with the same cache: the first file parses plainly and leaves a marker. While
  the block's own repair is not known yet (:func:`kdlint.parse.parse`), a build that finds
  errors in the block's headers is not saved: it was the check that the block needs repair
  (instead of a whole first parse of the file), and the file starts again from that repair.
  Markers and PCHs live in one directory per run (``KDLINT_PCH_DIR``, which
  :func:`run_directory` sets for the worker processes to inherit), written atomically, so
  concurrent workers share them and at worst build one twice;
- the files the PCH read (``clang_getInclusions`` does not list a PCH's) are recorded beside it
  with their sizes and modification times, and become
  :attr:`~kdlint.parse.ParsedFile.extra_inputs` (for the result cache);
- with the result cache on, the directory is ``<cache>/pch`` and **outlives the run**
  (:func:`run_directory` ``keep=``), so that a pre-commit run of one edited file parses through
  the PCH its project's earlier runs built. A PCH whose recorded inputs changed size or time
  on disk is ignored and rebuilt; the least recently used PCHs beyond :data:`KEEP_PCHS` are
  deleted at the start of a run.

``KDLINT_NO_PCH=1`` turns it off.
"""
from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from typing import Iterator, Optional

from clang.cindex import Diagnostic as ClangDiagnostic

from kdlint.repair.includes import VIRTUAL_DIR

#: Parse options for building: incomplete TU (a header), for serialization, keep going.
_BUILD_OPTIONS = 0x02 | 0x10 | 0x200
ENV_DIR = "KDLINT_PCH_DIR"
ENV_OFF = "KDLINT_NO_PCH"
_VERSION = b"kdlint-pch-3"

#: PCHs kept in a persistent directory (each is 4-20 MB); older ones are deleted.
KEEP_PCHS = 16

_process_dir: Optional[str] = None
_failed: set = set()  # keys whose build or use failed in this process


@dataclass
class Prepared:
    """What parsing with a PCH needs: its path, the arguments and in-memory files to use, and
    the files the PCH read."""

    pch: str
    args: list[str]
    unsaved: dict[str, bytes]
    inputs: list[str]
    key: str
    #: the header the block's ``#include`` line names, as clang found it (None: unknown), and
    #: that line's number: repair declarations placed after it can be force-included after
    #: the PCH instead (see :func:`kdlint.parse.parse`)
    anchor: Optional[str] = None
    line: int = 0
    #: what the PCH's headers include, in preprocessing order, as (includer, line, included);
    #: the includer None stands for the block's line in the file (repair reads these to place
    #: declarations and find struct definitions exactly as in a plain parse)
    inclusions: list = field(default_factory=list)
    #: the errors of the build, in clang's order, as (path, line, column, message): a plain
    #: parse reports them first, and a parse through the PCH does not (they happened in it)
    errors: list = field(default_factory=list)


def enabled() -> bool:
    return os.environ.get(ENV_OFF, "") in ("", "0")


def leading_block(data: bytes, limit: int = 1) -> tuple[list[int], list[bytes]]:
    """(line indexes, lines) of the leading ``#include`` lines, at most ``limit``; empty when
    there are none or the top of the file is anything else than includes, blank lines and
    comments."""
    idx: list[int] = []
    out: list[bytes] = []
    in_comment = False
    for n, raw in enumerate(data.split(b"\n")):
        line = raw.rstrip(b"\r")
        s = line.strip()
        if in_comment:
            end = s.find(b"*/")
            if end < 0:
                continue
            in_comment = False
            s = s[end + 2:].strip()
            if s and not s.startswith(b"//"):
                break
            continue
        if not s or s.startswith(b"//"):
            continue
        if s.startswith(b"/*"):
            end = s.find(b"*/", 2)
            if end < 0:
                in_comment = True
                continue
            rest = s[end + 2:].strip()
            if rest and not rest.startswith(b"//"):
                break
            continue
        if line.endswith(b"\\") or b"/*" in s:
            break
        if s.startswith(b"#"):
            word = s[1:].lstrip()
            if word.startswith(b"include") and (word[7:8] in (b" ", b"\t", b"<", b'"')):
                idx.append(n)
                out.append(s)
                if len(out) >= limit:
                    break
                continue
        break
    return idx, out


def blank_lines(data: bytes, indexes: list[int]) -> bytes:
    """``data`` with the given lines overwritten by spaces (line ending kept): lines, columns
    *and byte offsets* stay those of the file on disk, which code reading source text by
    offset relies on."""
    lines = data.split(b"\n")
    for i in indexes:
        cr = lines[i].endswith(b"\r")
        lines[i] = b" " * (len(lines[i]) - cr) + (b"\r" if cr else b"")
    return b"\n".join(lines)


def _directory() -> str:
    global _process_dir
    d = os.environ.get(ENV_DIR)
    if d and os.path.isdir(d):
        return d
    if _process_dir is None or not os.path.isdir(_process_dir):
        _process_dir = tempfile.mkdtemp(prefix="kdlint-pch-")
        atexit.register(shutil.rmtree, _process_dir, True)
    return _process_dir


@contextlib.contextmanager
def run_directory(keep: Optional[str] = None) -> Iterator[None]:
    """One PCH directory for a run and the worker processes it starts: ``keep`` (kept after the
    run, pruned to :data:`KEEP_PCHS` first), else a temporary one removed afterwards."""
    if os.environ.get(ENV_DIR) or not enabled():
        yield
        return
    d = None
    if keep is not None:
        try:
            os.makedirs(keep, exist_ok=True)
            prune(keep)
            d = keep
        except OSError:
            d = None
    temporary = d is None
    if temporary:
        d = tempfile.mkdtemp(prefix="kdlint-pch-")
    os.environ[ENV_DIR] = d
    try:
        yield
    finally:
        os.environ.pop(ENV_DIR, None)
        if temporary:
            shutil.rmtree(d, ignore_errors=True)


def prune(directory: str, keep: int = KEEP_PCHS) -> None:
    """Delete the least recently used PCHs of ``directory`` beyond ``keep`` (with their
    metadata), and leftover temporary files."""
    entries = []
    for name in os.listdir(directory):
        full = os.path.join(directory, name)
        if name.startswith(".tmp-"):
            with contextlib.suppress(OSError):
                if os.path.getmtime(full) < time.time() - 3600:
                    os.unlink(full)
        elif name.endswith(".pch"):
            with contextlib.suppress(OSError):
                entries.append((os.path.getmtime(full), full[:-4]))
    entries.sort(reverse=True)
    for _, base in entries[keep:]:
        for ext in (".pch", ".json"):
            with contextlib.suppress(OSError):
                os.unlink(base + ext)


def stamps(paths: list[str]) -> list:
    """[path, size, mtime_ns] of each file (None for one that is gone)."""
    out = []
    for p in paths:
        try:
            st = os.stat(p)
            out.append([p, st.st_size, st.st_mtime_ns])
        except OSError:
            out.append([p, None, None])
    return out


def _current(recorded) -> Optional[list]:
    """The inputs recorded in a PCH's metadata (as :func:`_read` returns it), if none of them
    changed on disk since (None: missing, unreadable, old format or stale)."""
    if isinstance(recorded, dict):
        recorded = recorded.get("inputs")
    if not isinstance(recorded, list) or any(not isinstance(r, list) or len(r) != 3
                                             for r in recorded):
        return None
    if stamps([r[0] for r in recorded]) != recorded:
        return None
    return [r[0] for r in recorded]


def _read(marker: str):
    try:
        with open(marker, "rb") as f:
            return json.loads(f.read() or b"null")
    except (OSError, ValueError):
        return None


def _layout(recorded) -> tuple[Optional[str], list, list]:
    """(anchor, inclusions, build errors) recorded in a PCH's metadata: (None, [], None) when
    absent. Errors that are not readable are None (the PCH is then not used: its files would
    miss errors), inclusions that are not are [] (repair then knows less of the tree)."""
    if not isinstance(recorded, dict):
        return None, [], None
    anchor = recorded.get("anchor")
    inclusions = _rows(recorded.get("inclusions"), 3) or []
    return (anchor if isinstance(anchor, str) else None), inclusions, _rows(
        recorded.get("errors"), 4)


def _rows(value, width: int) -> Optional[list]:
    """A recorded list of fixed-width rows as tuples, or None when it is malformed."""
    if not isinstance(value, list) or any(
            not isinstance(i, list) or len(i) != width for i in value):
        return None
    return [tuple(i) for i in value]


def _split_forced(args: list[str]) -> tuple[list[str], list[str]]:
    """(arguments without ``-include FILE``, the forced include arguments)."""
    rest: list[str] = []
    forced: list[str] = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "-include" and i + 1 < len(args):
            forced += args[i:i + 2]
            i += 2
            continue
        if a.startswith("-include") and a not in ("-include-pch",) and len(a) > 8 \
                and not a.startswith("-include-pch"):
            forced.append(a)
            i += 1
            continue
        rest.append(a)
        i += 1
    return rest, forced


def _atomic_write(path: str, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


#: How many files of a run must share a leading block for its PCH to be built by the first
#: of them (see :func:`sharing`): a build costs about 1.5 plain parses and saves about three
#: quarters of one per file, so it pays from the third file.
EAGER_SHARE = 3
#: What :func:`prepare` returns when ``stop_on_errors`` is set and the build found errors in
#: the block's headers (the block may need repair of its own: see :func:`kdlint.parse.parse`)
BLOCK_HAS_ERRORS = object()
#: How much of a file :func:`sharing` reads to find its leading block.
HEAD_BYTES = 32 * 1024


def sharing(paths: list) -> dict:
    """``{path: number of the paths with the same directory and leading block}``, for the
    paths whose leading block shows in their first :data:`HEAD_BYTES` (the others are left
    out). The engine passes it to each file's parse: a block that at least
    :data:`EAGER_SHARE` files of the run share has its PCH built by the first of them instead
    of the second, which spares the first a plain parse (usually the largest file: workers
    take the largest first). Unreadable files are left out; never raises."""
    groups: dict = {}
    for path in paths:
        try:
            with open(path, "rb") as f:
                head = f.read(HEAD_BYTES)
            if len(head) == HEAD_BYTES:
                head = head[:head.rfind(b"\n") + 1]  # whole lines only
            _idx, block = leading_block(head)
        except Exception:
            continue
        if block:
            groups.setdefault((os.path.dirname(str(path)), block[0]), []).append(path)
    return {p: len(members) for members in groups.values() for p in members}


def prepare(index, path: str, data: bytes, args: list[str], unsaved: dict[str, bytes],
            unkeyed: frozenset = frozenset(), *, share: Optional[int] = None,
            stop_on_errors: bool = False):
    """The PCH parse of ``path`` (whose text is ``data``), or None: no leading block, not seen
    before, a build that failed, or any trouble at all (the caller then parses plainly).
    ``unkeyed``: in-memory files that only the main file itself includes (stubs of WPP
    ``.tmh`` files): left out of the key, so that files of one block share the PCH.
    ``share``: how many files of the run share the block (:func:`sharing`; None: unknown);
    from :data:`EAGER_SHARE` on, the PCH is built on the first sighting of its key.
    ``stop_on_errors``: when a build finds errors in the
    block's headers, save nothing and return :data:`BLOCK_HAS_ERRORS`."""
    if not enabled():
        return None
    try:
        eager = share is not None and share >= EAGER_SHARE
        return _prepare(index, path, data, args, unsaved, unkeyed, eager, stop_on_errors)
    except Exception:
        return None


def _prepare(index, path, data, args, unsaved, unkeyed=frozenset(), eager=False,
             stop_on_errors=False):
    lines, block = leading_block(data)
    if not block or any(a.startswith("-include-pch") for a in args):
        return None
    folder = os.path.dirname(path)
    h = hashlib.sha256(_VERSION)
    for part in [folder.encode(), b"\n".join(block)] + [a.encode() for a in args]:
        h.update(len(part).to_bytes(8, "little") + part)
    for name in sorted(unsaved):
        if name == path or name in unkeyed:
            continue
        h.update(name.encode() + b"\0" + hashlib.sha256(unsaved[name]).digest())
    key = h.hexdigest()[:32]
    if key in _failed:
        return None
    d = _directory()
    base = os.path.join(d, key)
    pch, meta, seen = base + ".pch", base + ".json", base + ".seen"
    recorded = _read(meta) if os.path.exists(pch) else None
    inputs = _current(recorded)
    if inputs is None:
        if not eager and not os.path.exists(seen):
            with contextlib.suppress(OSError):
                open(seen, "wb").close()
            return None  # the first file of a block parses plainly
        header = os.path.join(folder, f"__kdlint_pch_{key[:12]}.h")
        files = dict(unsaved)
        files.pop(path, None)
        files[header] = b"\n".join(block) + b"\n"
        tu = index.parse(header, args=list(args) + ["-x", "c-header"],
                         unsaved_files=list(files.items()), options=_BUILD_OPTIONS)
        includes = [inc for inc in tu.get_includes() if inc.include is not None]
        inputs = sorted({inc.include.name for inc in includes})
        anchor = next((inc.include.name for inc in includes
                       if inc.source is not None and inc.source.name == header), None)
        inclusions = [(None if inc.source.name == header else inc.source.name,
                       inc.location.line, inc.include.name)
                      for inc in includes if inc.source is not None]
        errors = [dg for dg in tu.diagnostics if dg.severity >= ClangDiagnostic.Error]
        if stop_on_errors and any(
                dg.location.file is not None and dg.location.file.name != header
                and not dg.location.file.name.startswith(VIRTUAL_DIR) for dg in errors):
            return BLOCK_HAS_ERRORS
        if any(dg.location.file is None or dg.location.file.name == header for dg in errors):
            # an error in no file (the arguments) would be reported again by every parse
            # through the PCH; one on the block's own line belongs to the main file
            _failed.add(key)
            return None
        fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-", suffix=".pch")
        os.close(fd)
        try:
            tu.save(tmp)
            os.replace(tmp, pch)
        except Exception:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        errors = [[dg.location.file.name, dg.location.line, dg.location.column, dg.spelling]
                  for dg in errors]
        _atomic_write(meta, json.dumps({"inputs": stamps(inputs), "anchor": anchor,
                                        "inclusions": inclusions, "errors": errors}).encode())
    else:
        anchor, inclusions, errors = _layout(recorded)
        if errors is None:
            return None
        with contextlib.suppress(OSError):
            os.utime(pch)  # recently used: kept by prune()
    rest, _forced = _split_forced(args)
    files = dict(unsaved)
    files[path] = blank_lines(files.get(path, data), lines)
    return Prepared(pch, rest + ["-include-pch", pch], files, inputs, key, anchor, lines[0] + 1,
                    inclusions, [tuple(e) for e in errors])


def failed(prepared: Prepared) -> None:
    """Remember that parsing with this PCH did not work out (this process stops trying it)."""
    _failed.add(prepared.key)
