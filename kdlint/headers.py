"""Header sets: which kernel headers and flags a file is parsed with, and why.

Order, best first (ECOSYSTEM.md §5.5, PARSING.md §0):

1. a **compilation database** entry for the file (``settings.compile_db``, or a
   ``compile_commands.json`` found upward from the file). ``cl.exe`` entries keep their MSVC
   spelling and get ``--driver-mode=cl``; ``argv[0]``, ``--``, the source file and flags that mean
   nothing to a syntax-only parse are dropped, and relative paths are made absolute against the
   entry's ``directory``. The next layer's headers are appended *after* the entry's own include
   directories, so a database made on Windows still parses on a machine without the WDK;
2. a **real WDK** (``settings.wdk_root``, ``WDKContentRoot``, ``MicrosoftKitRoot`` +
   ``WDKKitVersion``, the ``KitsRoot10`` registry value on Windows, the default install path):
   the newest ``Include/<ver>`` that has ``km/ntddk.h``; ``km/crt``, ``km``, ``shared``;
3. **mingw-w64's DDK headers** when installed (Debian/Ubuntu ``mingw-w64-x86-64-dev``, Fedora,
   MSYS2, Homebrew, or the ``ziglang`` wheel's ``any-windows-any``), with kdlint's compatibility
   layer from ``kdlint/compat`` (intrinsics shim, force-included macro supplement, wrappers);
4. always available: kdlint's own **model** headers in ``kdlint/include``.

``settings.headers`` forces a layer; forcing one that is not available raises
:class:`HeadersUnavailable` (the CLI exits 2 with its one-line message). Every :class:`HeaderSet`
carries a human ``reason`` and the list of what was probed, which ``kdlint doctor`` prints.
"""
from __future__ import annotations

import json
import os
import re
import shlex
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from kdlint.config import Settings

MODEL_INCLUDE = Path(__file__).parent / "include"
COMPAT = Path(__file__).parent / "compat"
#: Stand-ins for clang's resource headers (intrinsics), which the libclang wheel does not ship.
SHIM_DIR = COMPAT / "shim"
#: ``#include_next`` wrappers over mingw-w64's DDK headers (WDK-10 names mingw lacks).
MINGW_WRAP_DIR = COMPAT / "mingw"
#: Force-included macro supplement for the mingw layer.
MINGW_SUPPLEMENT = COMPAT / "kdlint_mingw_supplement.h"

#: What the WDK build environment defines for an x64 kernel-mode driver (ECOSYSTEM.md §5.3).
WDK_DEFINES = [
    "_AMD64_", "AMD64", "_WIN64", "_KERNEL_MODE", "WINNT=1", "NTDDI_VERSION=0x0A000008",
    "_WIN32_WINNT=0x0A00", "POOL_NX_OPTIN=1", "DBG=0",
]
#: mingw-w64's headers need __GNUC__; the MSVC target turns it off (PARSING.md §1.5).
MINGW_DEFINES = ["__GNUC__=4", "__GNUC_MINOR__=9"]

#: Flags every layer shares: MSVC target (SEH, comma elision, __FUNCTION__ pasting), no host
#: headers, keep going after errors, and downgrade the C errors MSVC accepts to warnings.
BASE_ARGS = [
    "--target=x86_64-pc-windows-msvc", "-fms-extensions", "-fms-compatibility", "-nostdinc",
    "-ferror-limit=0", "-w",
    "-Wno-error=implicit-function-declaration", "-Wno-error=implicit-int",
    "-Wno-error=int-conversion", "-Wno-error=incompatible-pointer-types",
    "-Wno-error=return-type", "-Wno-error=invalid-token-paste",
]
#: The same for a ``--driver-mode=cl`` argument list (compile databases made from cl.exe).
CL_BASE_ARGS = [
    "--target=x86_64-pc-windows-msvc", "-fms-compatibility", "/X", "-ferror-limit=0", "/w",
    "-Wno-error=implicit-function-declaration", "-Wno-error=implicit-int",
    "-Wno-error=int-conversion", "-Wno-error=incompatible-pointer-types",
    "-Wno-error=return-type", "-Wno-error=invalid-token-paste",
]

LAYERS = ("compile-db", "wdk", "mingw", "model")


class HeadersUnavailable(Exception):
    """The header layer forced by ``--headers`` (or named in a setting) is not available."""


@dataclass
class HeaderSet:
    """The headers and flags for one file."""

    kind: str  # "model" | "mingw" | "wdk" | "compile-db"
    args: list[str]  # complete clang arguments, without the file name
    reason: str  # why this set was chosen, and what else was looked for and not found
    include_dirs: list[Path] = field(default_factory=list)  # the layer's system include dirs
    probed: list[str] = field(default_factory=list)  # "what: result" lines for doctor
    style: str = "gcc"  # "gcc" | "cl" (argument spelling)
    root: Optional[Path] = None  # WDK include root, mingw include dir, or compile db file
    fallback: Optional[str] = None  # compile-db: the layer appended after the entry's dirs

    # --- argument spelling ------------------------------------------------------------------

    def idirafter(self, directory: str) -> list[str]:
        if self.style == "cl":
            return ["-Xclang", "-idirafter", "-Xclang", directory]
        return ["-idirafter", directory]

    def force_include(self, path: str) -> list[str]:
        return [f"/FI{path}"] if self.style == "cl" else ["-include", path]

    # --- search directories (for the include pre-scan) --------------------------------------

    def user_dirs(self) -> list[str]:
        return _search_dirs(self.args)[0]

    def system_dirs(self) -> list[str]:
        return _search_dirs(self.args)[1]


_USER_FLAGS = ("-I", "/I", "-iquote", "/external:I")
_SYSTEM_FLAGS = ("-isystem", "/imsvc", "-imsvc", "-idirafter", "-isystem-after")


def _search_dirs(args: list[str]) -> tuple[list[str], list[str]]:
    """(user dirs, system dirs) named by ``args``, in search order."""
    user: list[str] = []
    system: list[str] = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "-Xclang" and i + 3 < len(args) and args[i + 1] in _SYSTEM_FLAGS \
                and args[i + 2] == "-Xclang":
            system.append(args[i + 3])
            i += 4
            continue
        matched = False
        for flags, out in ((_SYSTEM_FLAGS, system), (_USER_FLAGS, user)):
            for f in flags:
                if a == f and i + 1 < len(args):
                    out.append(args[i + 1])
                    i += 1
                    matched = True
                    break
                if a.startswith(f) and len(a) > len(f) and not (f == "-I" and a == "-include"):
                    val = a[len(f):]
                    if f in ("-I", "/I") and val.startswith(("ncl", "mport")):
                        continue
                    out.append(val.lstrip("="))
                    matched = True
                    break
            if matched:
                break
        i += 1
    return user, system


def _user_args(settings: Settings, style: str = "gcc") -> list[str]:
    args = []
    for d in settings.include_dirs:
        args += ([f"/I{Path(d).resolve()}"] if style == "cl" else ["-I", str(Path(d).resolve())])
    for d in settings.defines:
        args.append(f"/D{d}" if style == "cl" else f"-D{d}")
    return args + list(settings.extra_clang_args)


def _shim_args(style: str = "gcc") -> list[str]:
    return [f"/imsvc{SHIM_DIR}"] if style == "cl" else ["-isystem", str(SHIM_DIR)]


# ---------------------------------------------------------------------------------------------
# Model layer
# ---------------------------------------------------------------------------------------------


def model_header_set(settings: Settings, probed: Optional[list[str]] = None,
                     why: str = "") -> HeaderSet:
    args = list(BASE_ARGS) + [f"-D{d}" for d in WDK_DEFINES]
    args += ["-isystem", str(MODEL_INCLUDE)]
    reason = "kdlint's model headers" + (f" ({why})" if why else "")
    return HeaderSet("model", args + _user_args(settings), reason, [MODEL_INCLUDE],
                     list(probed or []), root=MODEL_INCLUDE)


# ---------------------------------------------------------------------------------------------
# mingw-w64 layer
# ---------------------------------------------------------------------------------------------


def _ziglang_include() -> Optional[Path]:
    try:
        import importlib.util
        spec = importlib.util.find_spec("ziglang")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for loc in spec.submodule_search_locations:
        p = Path(loc) / "lib" / "libc" / "include" / "any-windows-any"
        if p.is_dir():
            return p
    return None


def mingw_candidates() -> list[Path]:
    """Directories where mingw-w64's headers may live, most likely first."""
    out: list[Path] = []
    env = os.environ.get("KDLINT_MINGW_INCLUDE")
    if env:
        out.append(Path(env))
    out += [Path(p) for p in (
        "/usr/share/mingw-w64/include",  # Debian, Ubuntu
        "/usr/x86_64-w64-mingw32/include",  # Debian (symlinks), Arch
        "/usr/x86_64-w64-mingw32/sys-root/mingw/include",  # Fedora
        "/opt/homebrew/opt/mingw-w64/toolchain-x86_64/x86_64-w64-mingw32/include",
        "/usr/local/opt/mingw-w64/toolchain-x86_64/x86_64-w64-mingw32/include",
        "/mingw64/include", "/ucrt64/include", "/clang64/include",  # MSYS2 shells
    )]
    for root in ("C:/msys64", "D:/msys64", os.environ.get("MSYS2_ROOT", "")):
        if root:
            out += [Path(root) / sub / "include" for sub in ("mingw64", "ucrt64", "clang64")]
    zig = _ziglang_include()
    if zig is not None:
        out.append(zig)
    return out


@lru_cache(maxsize=1)
def find_mingw() -> tuple[Optional[Path], tuple[str, ...]]:
    """The first mingw-w64 include dir that has ``ddk/ntddk.h``, and what was probed."""
    probed = []
    for cand in mingw_candidates():
        if (cand / "ddk" / "ntddk.h").is_file() and (cand / "ddk" / "wdm.h").is_file():
            probed.append(f"mingw-w64: {cand}: found (ddk/ntddk.h)")
            return cand, tuple(probed)
        probed.append(f"mingw-w64: {cand}: " + ("no ddk/ntddk.h" if cand.is_dir() else "absent"))
    return None, tuple(probed)


def mingw_header_set(settings: Settings, root: Path, probed: list[str], why: str) -> HeaderSet:
    args = list(BASE_ARGS) + [f"-D{d}" for d in WDK_DEFINES + MINGW_DEFINES]
    dirs = [MINGW_WRAP_DIR, SHIM_DIR, root / "ddk", root]
    for d in dirs:
        args += ["-isystem", str(d)]
    args += ["-include", str(MINGW_SUPPLEMENT)]
    return HeaderSet("mingw", args + _user_args(settings),
                     f"mingw-w64 DDK headers at {root} with kdlint's compatibility layer"
                     + (f" ({why})" if why else ""), dirs, probed, root=root)


# ---------------------------------------------------------------------------------------------
# WDK layer
# ---------------------------------------------------------------------------------------------


def _registry_kits_root() -> Optional[str]:
    if sys.platform != "win32":
        return None
    try:
        import winreg  # type: ignore[import-not-found]
    except ImportError:
        return None
    for key in (r"SOFTWARE\Microsoft\Windows Kits\Installed Roots",
                r"SOFTWARE\Wow6432Node\Microsoft\Windows Kits\Installed Roots"):
        try:
            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, key) as k:
                value, _ = winreg.QueryValueEx(k, "KitsRoot10")
                if value:
                    return str(value)
        except OSError:
            continue
    return None


def wdk_root_candidates(settings: Settings) -> list[tuple[str, Path]]:
    """(source, kits root) pairs in discovery order (ECOSYSTEM.md §5.4)."""
    out: list[tuple[str, Path]] = []
    if settings.wdk_root:
        out.append(("--wdk-root", Path(settings.wdk_root)))
    env = os.environ.get("WDKContentRoot")
    if env:
        out.append(("WDKContentRoot", Path(env)))
    kit_root = os.environ.get("MicrosoftKitRoot")
    if kit_root:
        out.append(("MicrosoftKitRoot", Path(kit_root) / "Windows Kits"
                    / os.environ.get("WDKKitVersion", "10.0").split(".")[0]))
    reg = _registry_kits_root()
    if reg:
        out.append(("registry KitsRoot10", Path(reg)))
    if sys.platform == "win32":
        for pf in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
            if pf:
                out.append(("default install path", Path(pf) / "Windows Kits" / "10"))
    return out


def _version_key(name: str) -> tuple:
    return tuple(int(x) if x.isdigit() else 0 for x in re.split(r"[.]", name))


def wdk_include(root: Path) -> tuple[Optional[Path], str]:
    """The newest ``Include/<ver>`` under ``root`` with ``km/ntddk.h``, and a note."""
    inc = root / "Include"
    if not inc.is_dir():
        # the root may already be an Include/<ver> directory
        if (root / "km" / "ntddk.h").is_file():
            return root, f"{root}: km/ntddk.h found"
        return None, f"{root}: no Include directory"
    versions = sorted((p for p in inc.iterdir() if p.is_dir() and p.name[:1].isdigit()),
                      key=lambda p: _version_key(p.name), reverse=True)
    pinned = os.environ.get("Version_Number")
    if pinned:
        versions = [p for p in versions if p.name == pinned] + \
                   [p for p in versions if p.name != pinned]
    without = []
    for v in versions:
        if (v / "km" / "ntddk.h").is_file():
            return v, f"{root}: using {v.name}" + (
                f" (newer {', '.join(without)} lack km/ntddk.h)" if without else "")
        without.append(v.name)
    if without:
        return None, (f"{root}: Include/{', '.join(without)} have no km/ntddk.h (the Windows SDK "
                      f"is installed without the matching WDK)")
    return None, f"{root}: no Include/<version> directories"


def find_wdk(settings: Settings) -> tuple[Optional[Path], list[str]]:
    probed = []
    for source, root in wdk_root_candidates(settings):
        found, note = wdk_include(root)
        probed.append(f"WDK via {source}: {note}")
        if found is not None:
            return found, probed
    if not probed:
        probed.append("WDK: no --wdk-root, WDKContentRoot, MicrosoftKitRoot"
                      + (", registry KitsRoot10" if sys.platform == "win32" else "")
                      + " (not on Windows)" * (sys.platform != "win32"))
    return None, probed


def wdk_header_set(settings: Settings, inc: Path, probed: list[str], why: str) -> HeaderSet:
    args = list(BASE_ARGS) + [f"-D{d}" for d in WDK_DEFINES]
    dirs = [inc / "km" / "crt", inc / "km", inc / "shared", SHIM_DIR]
    for d in dirs:
        args += ["-isystem", str(d)]
    args += ["-Wno-nonportable-include-path"]
    return HeaderSet("wdk", args + _user_args(settings),
                     f"WDK headers {inc}" + (f" ({why})" if why else ""), dirs, probed,
                     root=inc)


# ---------------------------------------------------------------------------------------------
# Compilation database layer
# ---------------------------------------------------------------------------------------------

#: Flags (with a separate value) that mean nothing for a syntax-only parse.
_DROP_WITH_VALUE = {"-o", "-MF", "-MT", "-MQ", "-MJ", "-Xlinker", "-x", "--serialize-diagnostics"}
_DROP = {"-c", "/c", "-M", "-MM", "-MD", "-MMD", "-MP", "-E", "-S", "/E", "/P", "-fsyntax-only",
         "--", "-Werror", "/WX", "-pipe"}
_DROP_PREFIX_CL = ("/Fo", "/Fd", "/Fa", "/Fe", "/Fi", "/Fm", "/Fp", "/FR", "/Fr", "/Yc", "/Yu",
                   "/Zi", "/ZI", "/Z7", "/MP", "/WX", "/analyze", "/errorReport", "/nologo",
                   "/showIncludes", "/sourceDependencies", "/FS", "/Gm", "/diagnostics",
                   "-Fo", "-Fd", "-Yc", "-Yu")
_PATH_FLAGS_GCC = ("-I", "-isystem", "-iquote", "-idirafter", "-include", "-imsvc")
_PATH_FLAGS_CL = ("/I", "-I", "/FI", "-FI", "/imsvc", "-imsvc", "/external:I")


def find_compile_db(path: Path, settings: Settings) -> tuple[Optional[Path], list[str]]:
    """The compile_commands.json to use for ``path`` and what was probed."""
    if settings.compile_db:
        p = Path(settings.compile_db)
        f = p if p.name == "compile_commands.json" or p.is_file() else p / "compile_commands.json"
        if not f.is_file():
            raise HeadersUnavailable(f"no compile_commands.json at {p}")
        return f.resolve(), [f"compile database: {f} (given)"]
    d = Path(path).resolve().parent
    while True:
        f = d / "compile_commands.json"
        if f.is_file():
            return f, [f"compile database: {f} (found upward from the file)"]
        if d.parent == d:
            break
        d = d.parent
    return None, ["compile database: none given and no compile_commands.json above the file"]


@lru_cache(maxsize=16)
def _load_db(db: str, mtime: float) -> list[dict]:
    with open(db, encoding="utf-8") as f:
        data = json.load(f)
    return data if isinstance(data, list) else []


def _norm(p: str) -> str:
    return os.path.normcase(os.path.normpath(p.replace("\\", "/")))


def compile_db_entry(db: Path, path: Path) -> Optional[dict]:
    """The database entry for ``path`` (matched on the normalised absolute path)."""
    entries = _load_db(str(db), db.stat().st_mtime)
    target = _norm(str(Path(path).resolve()))
    for e in entries:
        directory = str(e.get("directory", db.parent)).replace("\\", "/")
        file = str(e.get("file", "")).replace("\\", "/")
        full = file if os.path.isabs(file) or re.match(r"^[A-Za-z]:/", file) \
            else os.path.join(directory, file)
        if _norm(full) == target or _norm(file) == target:
            return e
    # fall back: same file name (databases made on another machine)
    name = Path(path).name.lower()
    for e in entries:
        if Path(str(e.get("file", "")).replace("\\", "/")).name.lower() == name:
            return e
    return None


def _split_command(entry: dict) -> list[str]:
    if "arguments" in entry and isinstance(entry["arguments"], list):
        return [str(a) for a in entry["arguments"]]
    command = str(entry.get("command", ""))
    posix = "\\" not in command  # Windows paths: keep backslashes
    try:
        return shlex.split(command, posix=posix) if posix else [
            a[1:-1] if len(a) > 1 and a[0] == a[-1] == '"' else a
            for a in shlex.split(command, posix=False)]
    except ValueError:
        return command.split()


def _is_cl(argv0: str) -> bool:
    name = re.split(r"[\\/]", argv0)[-1].lower()
    name = name[:-4] if name.endswith(".exe") else name
    return name in ("cl", "clang-cl") or name.endswith("-cl")


def compile_db_args(entry: dict, path: Path) -> tuple[list[str], str]:
    """Clean clang arguments from one database entry, and the style ('gcc' or 'cl')."""
    argv = _split_command(entry)
    if not argv:
        return [], "gcc"
    directory = str(entry.get("directory", "")).replace("\\", "/")
    style = "cl" if _is_cl(argv[0]) or "--driver-mode=cl" in argv else "gcc"
    src_names = {_norm(str(entry.get("file", ""))), _norm(str(path)),
                 _norm(os.path.join(directory, str(entry.get("file", ""))))}

    def absolute(p: str) -> str:
        p2 = p.replace("\\", "/") if sys.platform != "win32" else p
        if os.path.isabs(p2) or re.match(r"^[A-Za-z]:[\\/]", p):
            return p2
        return os.path.normpath(os.path.join(directory, p2)) if directory else p2

    out: list[str] = []
    args = argv[1:]
    i = 0
    path_flags = _PATH_FLAGS_CL + _PATH_FLAGS_GCC if style == "cl" else _PATH_FLAGS_GCC
    while i < len(args):
        a = args[i]
        if a == "--":
            i += 1
            continue  # whatever follows is the source file(s)
        if a in _DROP or a == "--driver-mode=cl":
            i += 1
            continue
        if a in _DROP_WITH_VALUE:
            i += 2
            continue
        if style == "gcc" and a.startswith("-o") and len(a) > 2:
            i += 1
            continue
        if style == "cl" and a.startswith(_DROP_PREFIX_CL):
            i += 1
            continue
        if _norm(a) in src_names or _norm(absolute(a)) in src_names:
            i += 1
            continue
        done = False
        for f in path_flags:
            if a == f and i + 1 < len(args):
                out += [a, absolute(args[i + 1])]
                i += 2
                done = True
                break
            if a.startswith(f) and len(a) > len(f) and not (f == "-I" and a.startswith("-include")) \
                    and not (f == "/I" and a.startswith("/imsvc")):
                out.append(f + absolute(a[len(f):]))
                i += 1
                done = True
                break
        if done:
            continue
        out.append(a)
        i += 1
    if style == "cl":
        out = ["--driver-mode=cl"] + out
    return out, style


def compile_db_header_set(settings: Settings, db: Path, entry: dict, path: Path,
                          probed: list[str], fallback: HeaderSet) -> HeaderSet:
    args, style = compile_db_args(entry, path)
    base = CL_BASE_ARGS if style == "cl" else BASE_ARGS
    has_target = any(a.startswith(("--target", "-target")) for a in args)
    extra = [a for a in base if not (has_target and a.startswith("--target"))]
    # the entry's own dirs first; then the fallback layer's, so a database made on Windows
    # still parses here (its WDK paths do not exist)
    after: list[str] = []
    hs = HeaderSet("compile-db", [], "", style=style)
    for d in fallback.include_dirs:
        after += hs.idirafter(str(d))
    if fallback.kind == "mingw":
        after += hs.force_include(str(MINGW_SUPPLEMENT))
        after += [f"/D{d}" if style == "cl" else f"-D{d}" for d in MINGW_DEFINES]
    if not any(d.upper().lstrip("/-").startswith(("D_KERNEL_MODE", "KERNEL")) for d in args):
        after += ["/D_KERNEL_MODE"] if style == "cl" else ["-D_KERNEL_MODE"]
    missing = [d for d in _search_dirs(args)[0] + _search_dirs(args)[1] if not os.path.isdir(d)]
    note = f"; {len(missing)} of its include directories do not exist here" if missing else ""
    hs.args = extra + args + after + _user_args(settings, style)
    hs.reason = (f"compile database {db} ({'cl.exe' if style == 'cl' else 'clang/gcc'} entry"
                 f"{note}); {fallback.kind} headers searched after the entry's own")
    hs.include_dirs = list(fallback.include_dirs)
    hs.probed = probed
    hs.root = db
    hs.fallback = fallback.kind
    return hs


# ---------------------------------------------------------------------------------------------
# Choosing
# ---------------------------------------------------------------------------------------------


def choose(path: Optional[Path], settings: Settings) -> HeaderSet:
    """The header set for ``path`` under ``settings`` (raises HeadersUnavailable)."""
    forced = settings.headers
    probed: list[str] = []
    if forced not in ("auto", "model", "mingw", "wdk", "compile-db"):
        raise HeadersUnavailable(f"unknown header layer {forced!r}")
    # 1. compile database (only in auto mode, or when -p was given explicitly)
    if forced == "auto" and path is not None:
        db, notes = find_compile_db(path, settings)
        probed += notes
        if db is not None:
            entry = compile_db_entry(db, path)
            if entry is not None:
                fallback = _choose_layers(settings, probed_out=[])
                return compile_db_header_set(settings, db, entry, Path(path), probed, fallback)
            probed.append(f"compile database: {db} has no entry for {Path(path).name}")
    if forced == "model":
        return model_header_set(settings, probed + ["forced by --headers model"], "--headers model")
    if forced == "wdk":
        inc, notes = find_wdk(settings)
        probed += notes
        if inc is None:
            raise HeadersUnavailable("--headers wdk: no WDK found (" + "; ".join(notes)
                                     + "); pass --wdk-root or set WDKContentRoot")
        return wdk_header_set(settings, inc, probed, "--headers wdk")
    if forced == "mingw":
        root, notes = find_mingw()
        probed += list(notes)
        if root is None:
            raise HeadersUnavailable(
                "--headers mingw: mingw-w64 headers not found; install mingw-w64-x86-64-dev "
                "(Debian/Ubuntu), mingw64-headers (Fedora), mingw-w64-x86_64-headers (MSYS2) "
                "or `pip install ziglang`, or set KDLINT_MINGW_INCLUDE")
        return mingw_header_set(settings, root, probed, "--headers mingw")
    return _choose_layers(settings, probed)


def _choose_layers(settings: Settings, probed: Optional[list[str]] = None,
                   probed_out: Optional[list[str]] = None) -> HeaderSet:
    probed = list(probed or [])
    inc, notes = find_wdk(settings)
    probed += notes
    if inc is not None:
        return wdk_header_set(settings, inc, probed, "found")
    if settings.wdk_root:
        raise HeadersUnavailable(f"--wdk-root {settings.wdk_root}: " + notes[0].split(": ", 1)[-1])
    root, mnotes = find_mingw()
    if root is not None:
        probed.append(mnotes[-1])
        return mingw_header_set(settings, root, probed, "no WDK or compile database found")
    probed += list(mnotes)
    return model_header_set(settings, probed, "no compile database, WDK or mingw-w64 found")


def validate(settings: Settings) -> None:
    """Raise :class:`HeadersUnavailable` now when ``settings`` name headers that do not exist
    (a forced layer that is absent, a ``-p`` directory without a database, a ``--wdk-root``
    without a WDK), so a run can stop with one message instead of one notice per file."""
    if settings.compile_db:
        find_compile_db(Path("."), settings)
    choose(None, settings)


def clang_args(path: Path, settings: Settings) -> list[str]:
    """The header set's clang arguments for ``path`` (the file itself last), before repair.

    :func:`kdlint.doctor.clang_args` gives the complete list, with stubs and repairs.
    """
    return choose(path, settings).args + [str(Path(path).resolve())]
