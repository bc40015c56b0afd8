"""Inline suppressions: ``// kdlint: ignore[KD101] reason`` on the finding's line, or
``// kdlint: ignore-next-line[KD101] reason`` on the line before it. An id prefix (``KD1``)
matches every rule it starts."""
from __future__ import annotations

import re

from kdlint.results import Diagnostic
from kdlint.source import SourceFile

_COMMENT = re.compile(r"kdlint:\s*(ignore|ignore-next-line)\[([A-Za-z0-9_,\s-]+)\]\s*(.*?)\s*(\*/)?\s*$")


def suppressions(source: SourceFile) -> dict[int, list[tuple[list[str], str]]]:
    """line → [(id prefixes, reason)] for every suppression comment in the file."""
    out: dict[int, list[tuple[list[str], str]]] = {}
    for i, raw in enumerate(source.lines, start=1):
        if b"kdlint:" not in raw:
            continue
        m = _COMMENT.search(raw.decode("utf-8", errors="replace").rstrip("\r"))
        if not m:
            continue
        line = i + 1 if m.group(1) == "ignore-next-line" else i
        ids = [x.strip().upper() for x in m.group(2).split(",") if x.strip()]
        out.setdefault(line, []).append((ids, m.group(3) or "suppressed in source"))
    return out


def apply_suppressions(diagnostics: list[Diagnostic], source: SourceFile) -> list[Diagnostic]:
    """Mark suppressed findings, drop exact duplicates, sort."""
    table = suppressions(source)
    seen = set()
    out = []
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        key = (d.sort_key(), d.span.end_line, d.span.end_column)
        if key in seen:
            continue
        seen.add(key)
        for ids, reason in table.get(d.span.line, ()):
            if any(d.rule_id.startswith(i) for i in ids):
                d.suppressed = reason
                break
        out.append(d)
    return out
