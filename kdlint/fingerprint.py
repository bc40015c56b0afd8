"""GitHub's ``primaryLocationLineHash`` for a file's lines: a port of github/codeql-action's
``src/fingerprints.ts``, checked against that project's own test vectors in ``tests/test_sarif.py``.

The engine stamps each finding with the hash of its line (:func:`stamp`) where the file is
analysed, from the bytes that were parsed, so the hash travels with the finding through the
worker pool and the result cache and a SARIF report of cached results reads no file. Hashing a
file is a pure-Python loop over its characters (about 0.5 ms per kB), which is why it is done
once per file, in the workers, and only for files with findings.
"""
from __future__ import annotations

import array
import sys
from pathlib import Path
from typing import Iterable, Optional

from kdlint.results import Diagnostic

_BLOCK = 100
_MASK = (1 << 64) - 1
_FIRST_MOD = pow(37, _BLOCK, 1 << 64)
_TAB, _SPACE, _LF, _CR, _EOF = 9, 32, 10, 13, 0xFFFF


def line_hashes(data: bytes) -> dict[int, str]:
    """``primaryLocationLineHash`` for every line of a file's bytes, keyed by 1-based line.

    Same as the action: the bytes are decoded as UTF-8 (bad bytes become U+FFFD) and hashed as
    UTF-16 code units; spaces and tabs are skipped and CR/CRLF become LF; each line's hash is a
    base-37 rolling hash (64-bit wrap-around) over the 100 characters starting at the line's first
    character, running on into later lines; an end marker and zeros pad the end of the file.
    ``"<hex>:<n>"``'s ``n`` counts earlier lines with the same hash.
    """
    units = array.array("H")
    units.frombytes(data.decode("utf-8", errors="replace").encode("utf-16-le"))
    if sys.byteorder == "big":
        units.byteswap()
    window = [0] * _BLOCK
    line_numbers = [-1] * _BLOCK
    counts: dict[str, int] = {}
    out: dict[int, str] = {}
    hash_ = index = line_number = 0
    line_start, prev_cr = True, False

    def emit() -> None:  # the hash of the line that started _BLOCK characters ago
        value = format(hash_, "x")
        counts[value] = counts.get(value, 0) + 1
        out[line_numbers[index]] = f"{value}:{counts[value]}"
        line_numbers[index] = -1

    for current in [*units, _EOF]:
        if current == _SPACE or current == _TAB or (prev_cr and current == _LF):
            prev_cr = False
            continue
        prev_cr = current == _CR
        if prev_cr:
            current = _LF
        if line_numbers[index] != -1:
            emit()
        if line_start:
            line_start = False
            line_number += 1
            line_numbers[index] = line_number
        if current == _LF:
            line_start = True
        hash_ = (37 * hash_ + current - _FIRST_MOD * window[index]) & _MASK
        window[index] = current
        index = (index + 1) % _BLOCK
    for _ in range(_BLOCK):
        if line_numbers[index] != -1:
            emit()
        hash_ = (37 * hash_ - _FIRST_MOD * window[index]) & _MASK
        window[index] = 0
        index = (index + 1) % _BLOCK
    return out


def stamp(diagnostics: Iterable[Diagnostic], path: str, data: Optional[bytes]) -> None:
    """Set ``line_hash`` on each of ``diagnostics`` that has none. ``data``: the bytes of
    ``path`` as analysed; any other file is read (an unreadable one leaves its findings
    without a hash)."""
    hashes: dict[str, dict[int, str]] = {}
    for d in diagnostics:
        if d.line_hash is not None:
            continue
        where = d.span.path
        if where not in hashes:
            hashes[where] = (line_hashes(data) if where == path and data is not None
                             else file_line_hashes(where))
        d.line_hash = hashes[where].get(max(d.span.line, 1))


def file_line_hashes(path: str) -> dict[int, str]:
    """:func:`line_hashes` of the file at ``path``; empty when it cannot be read."""
    try:
        return line_hashes(Path(path).read_bytes())
    except OSError:
        return {}
