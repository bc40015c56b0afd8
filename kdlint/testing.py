"""Inline expectations for fixture drivers, and the diff against what kdlint reported.

Vocabulary (STYLE.md §1.4), in C comments, on the line they speak of:

- ``kdlint-expect: KD101`` — the rule must fire on this line (several ids: ``KD101, KD102``;
  a quoted string after an id must appear in the message: ``kdlint-expect: KD101 "swapped"``);
- ``kdlint-ok: KD101`` — a deliberate near-miss: the rule must not fire here;
- ``kdlint-todo-expect: KD101`` — a known false negative: it does not fire today, and the test
  fails (asking to update the marker) the day it does;
- ``kdlint-todo-ok: KD101`` — a known false positive: it fires today, and the test fails the
  day it stops;
- ``@+N`` / ``@-N`` after the keyword moves the line: ``kdlint-expect@+1: KD101``;
- ``kdlint-fixture: select=KD101,KD3`` widens the rules run (by default only the ids named in
  the file's annotations run).

Any finding on a line that does not announce it is *unexpected*; any announced one that is
missing is *missing*. Both fail.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kdlint.results import Diagnostic

_MARK = re.compile(
    r"kdlint-(expect|ok|todo-expect|todo-ok)(?:@([+-]\d+))?:\s*"
    r"((?:KD\d{3}(?:\s+\"[^\"]*\")?\s*,?\s*)+)")
_ITEM = re.compile(r"(KD\d{3})(?:\s+\"([^\"]*)\")?")
_SELECT = re.compile(r"kdlint-fixture:\s*select=([A-Za-z0-9_,\-]+)")


@dataclass(frozen=True)
class Mark:
    kind: str  # expect | ok | todo-expect | todo-ok
    line: int
    rule_id: str
    text: str = ""  # a message fragment that must appear (expect only)


@dataclass
class Expectations:
    path: Path
    marks: list[Mark] = field(default_factory=list)
    select: list[str] = field(default_factory=list)

    def firing(self) -> Counter:
        """(line, id) pairs that must be reported today: expect and todo-ok."""
        return Counter((m.line, m.rule_id) for m in self.marks if m.kind in ("expect", "todo-ok"))


def parse_expectations(path: Path) -> Expectations:
    exp = Expectations(Path(path))
    ids = set()
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        for m in _MARK.finditer(line):
            target = number + int(m.group(2) or 0)
            for item in _ITEM.finditer(m.group(3)):
                exp.marks.append(Mark(m.group(1), target, item.group(1), item.group(2) or ""))
                ids.add(item.group(1))
        s = _SELECT.search(line)
        if s:
            ids.update(x.strip() for x in s.group(1).split(",") if x.strip())
    exp.select = sorted(ids)
    return exp


@dataclass
class Mismatch:
    line: int
    rule_id: str
    why: str

    def __str__(self) -> str:
        return f"  line {self.line}: {self.rule_id} {self.why}"


def diff(exp: Expectations, got: list[Diagnostic]) -> tuple[list[Mismatch], list[Mismatch]]:
    """(missing, unexpected) between the expectations and the unsuppressed findings."""
    got = [d for d in got if d.suppressed is None]
    reported = Counter((d.span.line, d.rule_id) for d in got)
    wanted = exp.firing()
    missing, unexpected = [], []
    todo_expect = {(m.line, m.rule_id) for m in exp.marks if m.kind == "todo-expect"}
    for key, n in sorted((wanted - reported).items()):
        kind = next(m.kind for m in exp.marks if (m.line, m.rule_id) == key
                    and m.kind in ("expect", "todo-ok"))
        why = ("known false positive no longer reported: now fixed, update the kdlint-todo-ok "
               "marker" if kind == "todo-ok" else "expected but not reported")
        missing.append(Mismatch(key[0], key[1], why + (f" (x{n})" if n > 1 else "")))
    for key, n in sorted((reported - wanted).items()):
        why = ("known false negative is now reported: now fixed, update the kdlint-todo-expect "
               "marker" if key in todo_expect else "reported but not expected")
        msgs = "; ".join(d.message for d in got if (d.span.line, d.rule_id) == key)
        unexpected.append(Mismatch(key[0], key[1], f"{why}: {msgs}"))
    for m in exp.marks:
        if m.kind == "expect" and m.text:
            if not any(d.span.line == m.line and d.rule_id == m.rule_id and m.text in d.message
                       for d in got):
                missing.append(Mismatch(m.line, m.rule_id, f'message lacks "{m.text}"'))
    return missing, unexpected


def render(missing: list[Mismatch], unexpected: list[Mismatch]) -> str:
    out = []
    if missing:
        out += ["missing:"] + [str(m) for m in missing]
    if unexpected:
        out += ["unexpected:"] + [str(m) for m in unexpected]
    return "\n".join(out)
