"""Inline suppressions in C comments.

* ``// kdlint: ignore[KD101] reason`` suppresses the listed rules on the comment's line;
* ``// kdlint: ignore-next-line[KD101,KD3] reason`` on the first line after the comment;
* ``// kdlint: ignore-begin[KD101] reason`` ... ``// kdlint: ignore-end`` on every line from the
  begin marker's to the end marker's (as clang-tidy's NOLINTBEGIN/NOLINTEND); an end marker
  with ids closes the latest begin with the same ids, one without closes the latest begin. A
  begin without an end suppresses nothing;
* all of them work in ``/* ... */`` comments too (for a block comment over several lines, "the
  next line" is the line after the comment ends).

Entries are rule ids or id prefixes (``KD1`` matches every KD1xx rule), case-insensitive; the
rest of the comment after ``]`` (an optional ``:`` dropped, block-comment ``*`` decoration and
whitespace collapsed) is the reason, kept as the finding's ``suppressed`` justification (SARIF
``suppressions`` of kind ``inSource`` with ``--include-suppressed``). Markers inside string
literals are not comments and do nothing.

Files whose parse had clang errors get no unused-suppression notes (their findings may be
missing, so a suppression may look unused when it is not).

Unused suppressions are reported (like ruff's RUF100) as **note-level notices**, not findings:
they never change the exit code and need no rule selection. :func:`unused_suppressions` reports an
entry that matched no finding on its line when the entry names a rule that ran on the file, an
entry that matches no rule at all, a marker without ``[ids]``, and unmatched begin/end markers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

from kdlint.results import Diagnostic, Notice
from kdlint.source import SourceFile

_MARKER = re.compile(
    r"kdlint:\s*(?P<kind>ignore-next-line|ignore-begin|ignore-end|ignore)\b\s*"
    r"(?:\[(?P<ids>[^\]\n]*)\])?")
DEFAULT_REASON = "suppressed in source"


@dataclass
class Suppression:
    """One ``kdlint: ignore[...]`` marker."""

    line: int  # the first line whose findings it suppresses
    comment_line: int  # where the marker is written
    kind: str  # "ignore" | "ignore-next-line" | "ignore-begin" (ignore-end closes a begin)
    ids: list[str]  # upper-cased id prefixes (or names); empty: the marker had no [ids]
    reason: str
    text: str  # the marker as written, for messages
    end_line: int = 0  # the last line it suppresses (0: same as ``line``)
    problem: Optional[str] = None  # why the marker suppresses nothing (malformed, unmatched)

    @property
    def last_line(self) -> int:
        return self.end_line or self.line


def comments(text: str) -> Iterator[tuple[int, int, str]]:
    """(first line, last line, text) of every comment, skipping string and char literals."""
    i, n, line = 0, len(text), 1
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            i = j + 1 if j < n and text[j] == c else j
        elif text.startswith("//", i):
            j = i
            while True:  # a line comment continues over backslash-newlines
                k = text.find("\n", j)
                if k == -1:
                    k = n
                if k < n and text[j:k].rstrip("\r").endswith("\\"):
                    j = k + 1
                    continue
                break
            body = text[i + 2:k]
            yield line, line + body.count("\n"), body
            line += body.count("\n")
            i = k
        elif text.startswith("/*", i):
            k = text.find("*/", i + 2)
            end = n if k == -1 else k
            body = text[i + 2:end]
            yield line, line + body.count("\n"), body
            line += body.count("\n")
            i = end + 2
        else:
            i += 1


def parse_suppressions(source: SourceFile) -> list[Suppression]:
    """Every suppression marker in the file, in order."""
    text = source.text
    if "kdlint:" not in text:
        return []
    out: list[Suppression] = []
    open_blocks: list[Suppression] = []
    for first, last, body in comments(text):
        if "kdlint:" not in body:
            continue
        markers = list(_MARKER.finditer(body))
        for k, m in enumerate(markers):
            line = first + body.count("\n", 0, m.start())
            kind = m.group("kind")
            target = last + 1 if kind == "ignore-next-line" else line
            ids_text = m.group("ids")
            ids = [x.strip().upper() for x in (ids_text or "").split(",") if x.strip()]
            # the reason: the rest of the comment up to the next marker, each line's leading
            # '*' (block-comment decoration) dropped, whitespace collapsed
            tail = body[m.end():markers[k + 1].start() if k + 1 < len(markers) else len(body)]
            tail = " ".join(part.strip().lstrip("*").strip() for part in tail.split("\n"))
            reason = " ".join(tail.split()).lstrip(":").strip()
            written = f"kdlint: {kind}" + (f"[{ids_text}]" if ids_text is not None else "")
            sup = Suppression(target, line, kind, ids, reason or DEFAULT_REASON, written)
            if kind == "ignore-end":
                match = next((b for b in reversed(open_blocks)
                              if not ids or sorted(b.ids) == sorted(ids)), None)
                if match is None:
                    sup.problem = f"`{written}` has no matching `kdlint: ignore-begin`"
                    out.append(sup)
                else:
                    open_blocks.remove(match)
                    match.end_line = line
                continue
            if not ids:
                sup.problem = (f"`{written}` without rule ids does nothing; write "
                               f"`kdlint: {kind}[KD101] reason`")
            elif kind == "ignore-begin":
                open_blocks.append(sup)
            out.append(sup)
    for b in open_blocks:
        b.problem = f"`{b.text}` has no matching `kdlint: ignore-end`; it suppresses nothing"
    return out


def suppressions(source: SourceFile) -> dict[int, list[tuple[list[str], str]]]:
    """line → [(id prefixes, reason)] for every suppression comment in the file."""
    out: dict[int, list[tuple[list[str], str]]] = {}
    for s in parse_suppressions(source):
        if s.problem is None:
            for line in range(s.line, s.last_line + 1):
                out.setdefault(line, []).append((s.ids, s.reason))
    return out


def _matches(rule_id: str, entry: str) -> bool:
    return rule_id.startswith(entry)


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
            if any(_matches(d.rule_id, i) for i in ids):
                d.suppressed = reason
                break
        out.append(d)
    return out


def unused_suppressions(source: SourceFile, path: str, diagnostics: Iterable[Diagnostic],
                        ran: Iterable[str], known: Optional[Iterable[str]] = None) -> list[Notice]:
    """Note-level notices for suppression entries that did nothing (ruff's RUF100).

    ``ran`` are the ids of the rules that ran on the file; an entry is reported as unused only
    if it names one of them and no finding of such a rule sits on its line. ``known`` are all
    rule ids (default: the registry's); an entry matching none of them is reported as unknown.
    """
    if known is None:
        from kdlint.registry import all_rules

        known = [r.id for r in all_rules()]
    known, ran = list(known), list(ran)
    by_line: dict[int, list[str]] = {}
    for d in diagnostics:
        by_line.setdefault(d.span.line, []).append(d.rule_id)
    notices = []
    for s in parse_suppressions(source):
        if s.problem is not None:
            notices.append(Notice(path, "note", s.problem, s.comment_line))
            continue
        lines = range(s.line, s.last_line + 1)
        where = f"line {s.line}" if s.last_line == s.line else f"lines {s.line}-{s.last_line}"
        unused = []
        for entry in s.ids:
            if not any(_matches(k, entry) for k in known):
                notices.append(Notice(path, "note",
                                      f"suppression names no known rule: {entry!r} in `{s.text}`",
                                      s.comment_line))
            elif (any(_matches(r, entry) for r in ran)
                  and not any(_matches(r, entry) for n in lines for r in by_line.get(n, ()))):
                unused.append(entry)
        if unused:
            notices.append(Notice(path, "note",
                                  f"unused suppression: no {', '.join(unused)} finding on {where} "
                                  f"(`{s.text}`)", s.comment_line))
    return notices
