"""SourceFile: a file's bytes and text, its line index, and clang-byte → UTF-16 column mapping."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


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
