"""``kdlint doctor``: which headers and flags kdlint uses for a file, and why.

:func:`explain` is the human explanation (layer and reason, what was probed, include
directories, defines, libclang version and library, and for a file what tolerant parsing did).

:func:`clang_args` is the exact argument list kdlint parses FILE with, the file last, usable as
``clang -fsyntax-only <args...>`` with a real clang binary. Tolerant parsing hands libclang
*in-memory* files (case-folded includes, stubs for missing headers, repair headers, and headers
with a repair ``#include`` appended; see :mod:`kdlint.repair`). A clang binary cannot see those,
so doctor writes each one to a cache directory and adds a clang VFS overlay
(``-ivfsoverlay overlay.yaml``) that maps the path libclang saw to the written copy. Clang then
reads exactly what libclang read. The cache is ``$KDLINT_CACHE_DIR`` or
``$XDG_CACHE_HOME/kdlint`` (``~/.cache/kdlint``), else the temp directory, under
``doctor/<digest>/``; nothing outside it is written.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Optional

from kdlint.config import Settings
from kdlint.headers import HeaderSet, _search_dirs, choose

NAMES_SHOWN = 40


def _cache_root() -> Path:
    env = os.environ.get("KDLINT_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "kdlint"
    home = Path.home()
    if home and (home / ".cache").is_dir():
        return home / ".cache" / "kdlint"
    return Path(tempfile.gettempdir()) / "kdlint-cache"


def _overlay(unsaved: dict[str, bytes], key: str) -> Optional[Path]:
    """Write ``unsaved`` to the cache and return a clang VFS overlay file mapping them."""
    if not unsaved:
        return None
    digest = hashlib.sha256(key.encode())
    for name in sorted(unsaved):
        digest.update(name.encode())
        digest.update(unsaved[name])
    root = _cache_root() / "doctor" / digest.hexdigest()[:16]
    files_dir = root / "files"
    files_dir.mkdir(parents=True, exist_ok=True)
    by_dir: dict[str, list[dict]] = {}
    for n, (name, data) in enumerate(sorted(unsaved.items())):
        target = files_dir / f"{n:04d}_{Path(name).name}"
        target.write_bytes(data)
        by_dir.setdefault(os.path.dirname(name), []).append(
            {"type": "file", "name": os.path.basename(name), "external-contents": str(target)})
    overlay = {
        "version": 0,
        "case-sensitive": "true",
        "roots": [{"type": "directory", "name": d, "contents": entries}
                  for d, entries in sorted(by_dir.items())],
    }
    path = root / "overlay.yaml"
    path.write_text(json.dumps(overlay, indent=1), encoding="utf-8")
    return path


def _vfs_flag(header_set: HeaderSet, overlay: Path) -> list[str]:
    # -Xclang spelling works for both driver modes (gcc and --driver-mode=cl)
    return ["-Xclang", "-ivfsoverlay", "-Xclang", str(overlay)]


def clang_args(path: Path, settings: Settings) -> list[str]:
    """The exact clang arguments kdlint uses for ``path``, the file last (see module doc)."""
    from kdlint.parse import parse

    parsed = parse(Path(path), settings)
    args = list(parsed.args)
    overlay = _overlay(parsed.unsaved, str(parsed.path))
    if overlay is not None:
        args += _vfs_flag(parsed.header_set, overlay)
    return args + [str(parsed.path)]


def _libclang_line() -> str:
    try:
        from kdlint.libclang import library_file, version
        ver = version()
        import clang.cindex as cindex
        lib = getattr(cindex.conf.lib, "_name", None) or library_file() or "(default search)"
        return f"{ver} ({lib})"
    except Exception as exc:  # libclang missing: say so, do not fail the explanation
        return f"unavailable: {exc}"


def _flags_summary(hs: HeaderSet) -> tuple[list[str], list[str], list[str]]:
    """(defines, forced includes, other flags) of a header set."""
    defines, forced, other = [], [], []
    args = hs.args
    user, system = _search_dirs(args)
    dirs = set(user) | set(system)
    i = 0
    while i < len(args):
        a = args[i]
        if a.startswith(("-D", "/D")):
            defines.append(a[2:] or (args[i + 1] if i + 1 < len(args) else ""))
            i += 2 if a in ("-D", "/D") else 1
            continue
        if a in ("-include", "/FI") or a.startswith("/FI"):
            forced.append(args[i + 1] if a == "-include" else a[3:])
            i += 2 if a == "-include" else 1
            continue
        if a in ("-I", "-isystem", "-idirafter", "-iquote", "/I", "/imsvc") and i + 1 < len(args):
            i += 2
            continue
        if any(a.endswith(d) for d in dirs) and a.startswith(("-I", "/I", "/imsvc", "-isystem")):
            i += 1
            continue
        other.append(a)
        i += 1
    return defines, forced, other


def explain(path: Optional[Path], settings: Settings) -> str:
    """A multi-line human explanation of the header set (and, for a file, of its parse)."""
    hs = choose(Path(path).resolve() if path else None, settings)
    lines = ["kdlint doctor", ""]
    lines.append(f"libclang:      {_libclang_line()}")
    lines.append(f"header layer:  {hs.kind}" + (f" (--headers {settings.headers})"
                                                  if settings.headers != "auto" else " (auto)"))
    lines.append(f"reason:        {hs.reason}")
    if hs.fallback:
        lines.append(f"after entry:   {hs.fallback} headers")
    if hs.kind != "model":
        lines.append("fallback:      kdlint's model headers (always available; --headers model)")
    lines.append("probed:")
    for p in hs.probed or ["(nothing)"]:
        lines.append(f"  - {p}")
    user, system = _search_dirs(hs.args)
    lines.append("include directories, in search order:")
    for d in user:
        lines.append(f"  -I {d}" + ("" if os.path.isdir(d) else "   (does not exist)"))
    for d in system:
        lines.append(f"  system {d}" + ("" if os.path.isdir(d) else "   (does not exist)"))
    defines, forced, other = _flags_summary(hs)
    lines.append("defines:       " + (" ".join(defines) if defines else "(none)"))
    if forced:
        lines.append("force-included: " + " ".join(forced))
    lines.append("other flags:   " + " ".join(other))
    if path is None:
        lines.append("")
        lines.append("Give a FILE to see how it parses (stubs, case folding, repairs, health), and")
        lines.append("`kdlint doctor --clang-args FILE` for the exact clang command line.")
        return "\n".join(lines) + "\n"

    from kdlint.parse import parse

    parsed = parse(Path(path), settings)
    st = parsed.stats
    h = parsed.health
    lines.append("")
    lines.append(f"file:          {parsed.path}")
    lines.append(f"parses:        {st.rounds} ({st.seconds * 1000:.0f} ms); clang errors "
                 f"{st.errors_before_repair} on the first parse, {h.errors} after repair")
    lines.append(f"functions:     {h.functions} defined, {h.functions_with_errors} holding a clang "
                 f"error, {h.functions_dropped} missing from the AST")
    if st.guessed_dirs:
        lines.append("guessed include directories (ancestors of the file; pass -I to make them "
                     "explicit):")
        lines += [f"  {d}" for d in st.guessed_dirs]
    if st.case_folded:
        lines.append("includes resolved case-insensitively (file on disk has another case):")
        lines += [f"  {p}" for p in st.case_folded[:NAMES_SHOWN]]
    if st.stubbed:
        lines.append("headers not found, replaced by empty stubs: " + ", ".join(st.stubbed))
    if st.repaired:
        shown = ", ".join(st.repaired[:NAMES_SHOWN])
        more = len(st.repaired) - NAMES_SHOWN
        lines.append(f"names unknown to the {hs.kind} headers, declared by repair "
                     f"({len(st.repaired)}): {shown}" + (f" (and {more} more)" if more > 0 else ""))
    if st.dropped:
        lines.append("definitions missing from the AST: " + ", ".join(st.dropped))
    if parsed.errors:
        lines.append("remaining clang errors (first 10):")
        lines += [f"  {e}" for e in parsed.errors[:10]]
    lines.append("")
    lines.append("`kdlint doctor --clang-args FILE` prints these flags for a clang binary; the "
                 "in-memory files above are written to a cache and mapped with -ivfsoverlay.")
    return "\n".join(lines) + "\n"
