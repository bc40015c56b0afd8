"""Pageable code: which functions of the main file the linker may place in a pageable section.

A function is pageable when, in the main file's text,

- a ``#pragma alloc_text(PAGE..., Name, ...)`` names it (``PAGE``, ``PAGEXXXX``, ``"PAGE"``;
  ``INIT`` is discardable, not pageable, and is not counted), or
- it is defined between ``#pragma code_seg("PAGE...")`` and the next ``#pragma code_seg(...)``, or
- its body calls ``PAGED_CODE()`` (the WDK's assertion that the caller runs at IRQL <= APC_LEVEL;
  with mingw-w64's and the WDK's free-build headers it expands to nothing, so it is read from
  the text). ``PAGED_CODE_LOCKED()`` marks code that is locked in memory and is not counted.

The text is read rather than the preprocessed AST because the pragmas and the macro leave no
trace in it. Pragmas inside ``#if 0`` are still counted (rare, and the intent is clear).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

_ALLOC_TEXT = re.compile(r"#\s*pragma\s+alloc_text\s*\(\s*\"?(\w+)\"?\s*,([^)]*)\)")
_CODE_SEG = re.compile(r"#\s*pragma\s+code_seg\s*\(([^)]*)\)")
_PAGED_CODE = re.compile(r"\bPAGED_CODE\s*\(\s*\)")
_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)


def _is_page(section: str) -> bool:
    return section.upper().startswith("PAGE")


@dataclass
class PageableFile:
    """The pageable functions of one file, with the line of the evidence."""

    alloc_text: dict[str, int] = field(default_factory=dict)  # name → line of the pragma
    code_seg: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, pragma line)
    text: str = ""

    def reason(self, name: str, start_offset: int, end_offset: int, line_of) -> Optional[tuple[int, str]]:
        """(line, why) when function ``name`` defined at ``[start_offset, end_offset)`` is pageable."""
        if name in self.alloc_text:
            return self.alloc_text[name], f"placed in a pageable section by '#pragma alloc_text' ({name})"
        for start, end, line in self.code_seg:
            if start <= start_offset < end:
                return line, "defined after '#pragma code_seg(\"PAGE\")'"
        body = self.text[start_offset:end_offset]
        m = _PAGED_CODE.search(_COMMENT.sub(lambda c: " " * len(c.group(0)), body))
        if m:
            return line_of(start_offset + m.start()), "marked pageable by PAGED_CODE()"
        return None


def scan(text: str) -> PageableFile:
    """Find the pageable-section pragmas of a file's text."""
    out = PageableFile(text=text)
    if "alloc_text" not in text and "code_seg" not in text:
        return out
    clean = _COMMENT.sub(lambda c: re.sub(r"[^\n]", " ", c.group(0)), text)
    for m in _ALLOC_TEXT.finditer(clean):
        if not _is_page(m.group(1)):
            continue
        line = clean.count("\n", 0, m.start()) + 1
        for name in re.findall(r"\w+", m.group(2)):
            out.alloc_text.setdefault(name, line)
    open_at: Optional[tuple[int, int]] = None
    for m in _CODE_SEG.finditer(clean):
        arg = m.group(1).strip()
        line = clean.count("\n", 0, m.start()) + 1
        if open_at is not None:
            out.code_seg.append((open_at[0], m.start(), open_at[1]))
            open_at = None
        name = re.findall(r"\"(\w*)\"", arg)
        if name and _is_page(name[-1]):
            open_at = (m.end(), line)
    if open_at is not None:
        out.code_seg.append((open_at[0], len(clean), open_at[1]))
    return out
