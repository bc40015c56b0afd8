"""SourceFile: a file's bytes and text, its line index, and clang-byte → UTF-16 column mapping;
:func:`file_text`: the one reader of source text for the models (main file and headers)."""
from __future__ import annotations

import os
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional


class UnreadableSource(Exception):
    """The file cannot be analysed as C source (missing, a directory, binary, not text)."""


@dataclass
class SourceFile:
    """The text of one C file as clang sees it (UTF-8, or Windows-1252 as a fallback)."""

    path: Path
    data: bytes
    text: str = field(init=False)
    lines: list[bytes] = field(init=False)

    def __post_init__(self) -> None:
        self.lines = self.data.split(b"\n")
        try:
            self.text = self.data.decode("utf-8")
        except UnicodeDecodeError:
            self.text = self.data.decode("cp1252", errors="replace")

    @classmethod
    def read(cls, path: Path) -> "SourceFile":
        """Read ``path``; raise :class:`UnreadableSource` with a one-line reason."""
        try:
            data = path.read_bytes()
        except IsADirectoryError:
            raise UnreadableSource("is a directory") from None
        except FileNotFoundError:
            raise UnreadableSource("no such file") from None
        except OSError as exc:
            raise UnreadableSource(exc.strerror or str(exc)) from None
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise UnreadableSource("UTF-16 text; save the file as UTF-8 or ANSI")
        if b"\0" in data:
            raise UnreadableSource("binary data (NUL bytes), not C source")
        if data.startswith(b"\xef\xbb\xbf"):
            pass  # clang skips a UTF-8 BOM itself
        return cls(path, data)

    def line_text(self, line: int) -> str:
        """The text of 1-based ``line`` without its line end ('' when out of range)."""
        if 1 <= line <= len(self.lines):
            raw = self.lines[line - 1].rstrip(b"\r")
            return raw.decode("utf-8", errors="replace")
        return ""

    def utf16_column(self, line: int, byte_column: int) -> int:
        """Convert clang's 1-based byte column on ``line`` to a 1-based UTF-16 column."""
        if not 1 <= line <= len(self.lines) or byte_column <= 1:
            return max(byte_column, 1)
        prefix = self.lines[line - 1][: byte_column - 1]
        text = prefix.decode("utf-8", errors="replace")
        return len(text.encode("utf-16-le")) // 2 + 1


# --- source text for the models -------------------------------------------------------------

#: path -> ((mtime_ns, size), text): the files read last, most recent at the end
_TEXTS: "OrderedDict[str, tuple[tuple[int, int], str]]" = OrderedDict()
_KEEP = 64


def _stamp(path: str) -> Optional[tuple[int, int]]:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_mtime_ns, st.st_size


def _keep(path: str, stamp: tuple[int, int], text: str) -> None:
    _TEXTS[path] = (stamp, text)
    _TEXTS.move_to_end(path)
    while len(_TEXTS) > _KEEP:
        _TEXTS.popitem(last=False)


def file_text(path: str) -> Optional[str]:
    """The bytes of file ``path`` (the main file or a header) as on disk, one character per byte
    (latin-1), so that clang's byte offsets index it; None when it cannot be read. The files
    read last are kept (checked against the file's modification time and size), so the models
    asking again and again for the same file read it once; :func:`as_utf8` gives UTF-8 text."""
    stamp = _stamp(path)
    if stamp is None:
        return None
    got = _TEXTS.get(path)
    if got is not None and got[0] == stamp:
        _TEXTS.move_to_end(path)
        return got[1]
    try:
        with open(path, "rb") as f:
            text = f.read().decode("latin-1")
    except OSError:
        return None
    _keep(path, stamp, text)
    return text


def as_utf8(text: str) -> str:
    """:func:`file_text`'s text (or a slice of it) decoded as UTF-8, bad bytes replaced."""
    return text.encode("latin-1").decode("utf-8", "replace")


def remember(source: SourceFile) -> None:
    """Let :func:`file_text` answer from a file already read (the parsed main file)."""
    path = str(source.path)
    stamp = _stamp(path)
    if stamp is not None and stamp[1] == len(source.data):
        _keep(path, stamp, source.data.decode("latin-1"))
