"""Declaration synthesis: what repair declares (:class:`_Name`, :class:`_Struct`), where it
goes (placements in preprocessing order) and how it is spelled (:meth:`Declarations.text`,
:meth:`Declarations.inject`); the clang messages repair understands; :func:`is_synthesized`."""
from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from kdlint.repair.tokens import Lexed, scan_definitions
from kdlint.repair.includes import VIRTUAL_DIR


REPAIR_EARLY = os.path.join(VIRTUAL_DIR, "kdlint_repair_early.h")


#: Words that start type names with a P that is not "pointer to" (PHYSICAL_ADDRESS).
_P_WORDS = re.compile(
    r"^P(?:HYSICAL|OWER|OOL|ROCESS|NP|ORT|AGE|ARTITION|ACKET|RIORITY|ROCESSOR|ROPERTY|"
    r"RIVILEGE|ROTOCOL|ERF|CI|LUGPLAY|EB|RINT|ATH|ARAM|OLICY|ROFILE|REFIX|ASSWORD|IPE|"
    r"ENDING|LATFORM|ARSE|HASE|AYLOAD)")


ENUM_BASE = 0x4B00


@dataclass
class Diag:
    """One clang error as plain data (what repair needs of a diagnostic)."""

    path: str
    line: int
    column: int
    message: str


@dataclass
class _Struct:
    name: str  # struct tag
    members: dict[str, str] = field(default_factory=dict)  # member → declaration text


_SCALAR = re.compile(
    r"^(?:U?(?:CHAR|SHORT|INT|LONG|LONGLONG|INT8|INT16|INT32|INT64|LONG32|LONG64|INT_PTR|LONG_PTR|"
    r"HALF_PTR)|[US]?INT\d*(?:_PTR)?|U?LONG\d*|BYTE|WORD|DWORD\d*(?:_PTR)?|QWORD|BOOL|BOOLEAN|"
    r"CCHAR|CSHORT|CLONG|W?CHAR|TCHAR|SIZE_T|SSIZE_T|\w+_PTR|KIRQL|KPRIORITY|KAFFINITY|"
    r"ACCESS_MASK|DEVICE_TYPE|NTSTATUS|HRESULT|LCID|LANGID|ERESOURCE_THREAD|KSPIN_LOCK|FLOAT|"
    r"DOUBLE|HANDLE|\w*_HANDLE|SECURITY_INFORMATION|EXECUTION_STATE|LOGICAL|"
    r"\w+_(?:CLASS|TYPE|MODE|STATE|PRIORITY|MASK|FLAGS|LEVEL|INDEX|NUMBER|COUNT|SIZE|OPERATION|"
    r"REASON|CODE|KIND|STATUS|PRIVILEGE|ACCESS))$"
)
_STRING = re.compile(r"^(?:C?W?T?STR|CW?STR|SZ|CH|WCH|CCH)$")


@dataclass
class _Name:
    kind: str  # "macro" | "type" | "functype" | "value" | "proto" | "struct" (completes a tag)
    #        | "member" (injected into a header's struct; rendered by Repair.inject)
    where: str  # "early" | "late"
    text: str = ""  # macro: "" or "(...)"; value: its declaration; proto: the prototype
    tag: str = ""  # type and struct values: the struct tag
    mode: str = "struct"  # type: struct | pointer | scalar | scalar_ptr | void | void_ptr
    declared: str = ""  # functype guessed without a definition: the function declared with it


#: The first lines of every repair header, and the whole text of one that declares nothing.
_PROLOGUE = ("/* kdlint: declarations synthesized by repair; not from any real header */",
             "#pragma once")
_EMPTY_HEADER = "\n".join(_PROLOGUE) + "\n"


class Declarations:
    """The repair declarations accumulated over the rounds for one translation unit, and
    their rendering: repair headers per placement and members injected into headers' text.
    :class:`~kdlint.repair.loop.Repair` adds the learning from clang's errors."""

    def __init__(self, main: str, lexed: "Lexed | Callable[[], Lexed]",
                 path_map: Optional[dict[str, str]] = None):
        """``lexed``: the main file's tokens, or a function that lexes it (called the first time
        the tokens are needed: a file that parses without error is never lexed)."""
        self.main = main
        self.path_map = path_map if path_map is not None else {}
        self._lexed = lexed if isinstance(lexed, Lexed) else None
        self._lex = None if isinstance(lexed, Lexed) else lexed
        self._defs: Optional[list] = None
        self._def_names: Optional[dict] = None
        self.names: dict[str, _Name] = {}
        self.structs: dict[str, _Struct] = {}
        self.banned: set[str] = set()
        self.project_files: list[str] = []  # real paths of the project headers reached
        self.injections: dict[str, dict[int, str]] = {}  # header → {offset of '}': members}
        # where a declaration can go: "early" (force-included first) or the path of a header
        # whose (in-memory) text gets an #include of a repair file appended: the last header a
        # file includes before the line that needs the name
        self.inclusions: dict[str, list[tuple[int, str]]] = {}  # includer → [(line, included)]
        self.order: dict[str, int] = {"early": -1}  # placement → preprocessing order
        self._enum_next = ENUM_BASE
        # what :meth:`adopt` took from a leading block's repair: its names and struct tags are
        # rendered in a header of their own at each placement, before this file's own
        self.adopted: frozenset = frozenset()
        self.adopted_tags: frozenset = frozenset()

    @property
    def lexed(self) -> Lexed:
        if self._lexed is None:
            self._lexed = self._lex()
        return self._lexed

    @property
    def defs(self) -> list:
        """The main file's top-level function definitions, by the lexical scan."""
        if self._defs is None:
            self._defs = scan_definitions(self.lexed)
        return self._defs

    @property
    def def_names(self) -> dict:
        if self._def_names is None:
            self._def_names = {d.name: d for d in self.defs}
        return self._def_names

    def add_inclusions(self, inclusions: Iterable[tuple[str, int, str]]) -> None:
        """Record (includer, line, included file) triples of a parse, in preprocessing order."""
        for includer, line, included in inclusions:
            includer = os.path.normpath(includer)
            included = os.path.normpath(included)
            lst = self.inclusions.setdefault(includer, [])
            if (line, included) not in lst:
                lst.append((line, included))
        # text appended to a header runs when that header ends: after all it includes. So the
        # order of placements is the post-order of the include tree.
        order: dict[str, int] = {"early": -1}
        seen = set()
        stack: list[tuple[str, int]] = [(os.path.normpath(self.main), 0)]
        while stack:
            node, k = stack.pop()
            children = sorted(self.inclusions.get(node, ()))
            if k == 0:
                if node in seen:
                    continue
                seen.add(node)
            if k < len(children):
                stack.append((node, k + 1))
                child = children[k][1]
                if child not in seen:
                    stack.append((child, 0))
            else:
                order[node] = len(order)
        self.order = order

    def adopt(self, other: "Declarations", at_line: int) -> None:
        """Start from what ``other`` learned: the repair of a leading ``#include`` block parsed
        as a file of its own (see :func:`kdlint.parse._block_seed`), whose main file's only
        line becomes line ``at_line`` of this one."""
        self.names = copy.deepcopy(other.names)
        self.structs = copy.deepcopy(other.structs)
        self.adopted = frozenset(self.names)
        self.adopted_tags = frozenset(other._tags())
        self.banned = set(other.banned)
        self.injections = copy.deepcopy(other.injections)
        self._enum_next = other._enum_next
        old_main, main = os.path.normpath(other.main), os.path.normpath(self.main)
        triples = []
        for includer, lst in other.inclusions.items():
            for line, included in lst:
                if includer == old_main:
                    triples.append((main, at_line, included))
                else:
                    triples.append((includer, line, included))
        self.add_inclusions(triples)

    def placements(self) -> list[str]:
        """Placements in use, in preprocessing order."""
        used = {n.where for n in self.names.values()}
        return sorted(used, key=lambda k: self.order.get(k, 1 << 30))

    # --- the names a user should hear about -------------------------------------------------

    @property
    def repaired(self) -> list[str]:
        return sorted(self.names)

    def empty(self) -> bool:
        return not self.names

    def has_early(self) -> bool:
        return any(n.where == "early" for n in self.names.values())

    # --- rendering ------------------------------------------------------------------------------

    def _tags(self) -> dict[str, str]:
        """struct tag → the earliest placement of a name that needs it."""
        out: dict[str, str] = {}
        rank = self.order.get
        for n in self.names.values():
            if n.tag and (n.kind in ("value", "struct") or n.mode in ("struct", "pointer")):
                cur = out.get(n.tag)
                if cur is None or rank(n.where, 1 << 30) < rank(cur, 1 << 30):
                    out[n.tag] = n.where
        # nested member structs follow their outermost parent
        for tag in self.structs:
            if tag not in out:
                for parent, w in list(out.items()):
                    if tag.startswith(parent + "__"):
                        out[tag] = w
                        break
        return out

    def _render(self, where: str, block: Optional[bool] = None) -> str:
        """The repair header text for ``where``. ``block``: None renders every declaration
        placed there; True only those adopted from a leading block's repair; False only the
        file's own."""
        out = list(_PROLOGUE)
        names = sorted((name, n) for name, n in self.names.items()
                       if block is None or (name in self.adopted) == block)
        for name, n in names:
            if n.kind == "macro" and n.where == where:
                out.append(f"#ifndef {name}\n#define {name}{n.text}\n#endif")
        tags = sorted((t for t, w in self._tags().items() if w == where
                       and (block is None or (t in self.adopted_tags) == block)),
                      key=lambda t: (-t.count("__"), t))
        for tag in tags:
            out.append(f"struct {tag};")
        for tag in tags:
            s = self.structs.setdefault(tag, _Struct(tag))
            body = " ".join(f"{decl};" for decl in s.members.values())
            out.append(f"struct {tag} {{ long long __kdr_pad; {body} }};")
        for name, n in names:
            if n.kind != "type" or n.where != where:
                continue
            spelled = {"struct": f"struct {n.tag} ", "pointer": f"struct {n.tag} *",
                       "scalar": "long long ", "scalar_ptr": "long long *", "void": "void ",
                       "void_ptr": "void *"}[n.mode]
            out.append(f"typedef {spelled}{name};")
        for name, n in names:
            if n.kind == "value" and n.where == where:
                out.append(n.text)
        for kind in ("functype", "proto"):
            for name, n in names:
                if n.kind == kind and n.where == where:
                    out.append(n.text)
        return "\n".join(out) + "\n"

    def text(self, where: str) -> str:
        """The repair header for one placement ("early" or an anchor header's path)."""
        return self._render(where)

    def layers(self, where: str) -> list[tuple[bool, str]]:
        """The repair headers for a placement in a header, in the order they are appended to
        it, as (from the block, text). A file that adopted a leading block's repair gets the
        block's declarations in a header of their own, then its own in another (when it has
        any): the first is then the same text for every file of the block, so a precompiled
        header of the block can hold it while the file's own go after it (see
        :meth:`kdlint.parse._Session.through_pch`). Other files get one header."""
        if not self.adopted:
            return [(False, self._render(where))]
        out = [(block, self._render(where, block)) for block in (True, False)]
        # a placement whose names render nothing (injected members) keeps its one empty header
        return [(block, text) for block, text in out if text != _EMPTY_HEADER] or [out[1]]

    def _included_files(self) -> list[str]:
        seen: list[str] = []
        for includer, lst in self.inclusions.items():
            for _line, included in lst:
                if included not in seen and not included.startswith(VIRTUAL_DIR):
                    seen.append(included)
        return seen

    def inject(self, path: str, data: bytes) -> bytes:
        """``data`` (a header's bytes) with the members injected into its structs."""
        edits = self.injections.get(path)
        if not edits:
            return data
        text = data.decode("utf-8", "surrogateescape")
        for offset in sorted(edits, reverse=True):
            text = text[:offset] + edits[offset] + " " + text[offset:]
        return text.encode("utf-8", "surrogateescape")


def _type_mode(name: str) -> tuple[str, str]:
    """How to declare an unknown type name: (mode, struct base name)."""
    if name == "VOID":
        return "void", ""
    if name in ("PVOID", "LPVOID", "PCVOID", "LPCVOID"):
        return "void_ptr", ""
    if _SCALAR.match(name):
        return "scalar", ""
    m = re.match(r"^(?:LP|P)(C?)([A-Z0-9_]\w*)$", name)
    if m and len(name) > 2 and not _P_WORDS.match(name):
        base = m.group(2)
        if _SCALAR.match(base) or _STRING.match(base) or _SCALAR.match(m.group(1) + base):
            return "scalar_ptr", ""
        return "pointer", (m.group(1) + base)
    return "struct", name


def _uses(lexed: Lexed, name: str) -> list[str]:
    """How ``name`` is used in the file: the operator after (or '&' before) each occurrence."""
    out = []
    toks = lexed.tokens
    for i in lexed.positions.get(name, ()):
        nxt = toks[i + 1].text if i + 1 < len(toks) else ""
        prev = toks[i - 1].text if i > 0 else ""
        if prev in ("&", "++", "--") and (i < 2 or toks[i - 2].kind != "id"
                                          and toks[i - 2].text not in (")", "]")):
            out.append("&" if prev == "&" else "++")
        out.append(nxt)
    return out


def _member_sites(lexed: Lexed, name: str, op: str) -> list[int]:
    """Token indexes of the members accessed as ``name op member``."""
    toks = lexed.tokens
    return [i + 2 for i in lexed.positions.get(name, ())
            if i + 2 < len(toks) and toks[i + 1].text == op and toks[i + 2].kind == "id"]


def _struct_like_use(lexed: Lexed, name: str) -> bool:
    """True when ``name`` is used as a struct somewhere (``name.x``, ``&name``, ``name->x``)."""
    toks = lexed.tokens
    for i in lexed.positions.get(name, ()):
        nxt = toks[i + 1].text if i + 1 < len(toks) else ""
        prev = toks[i - 1].text if i > 0 else ""
        if nxt in (".", "->") or prev == "&":
            return True
    return False


def is_synthesized(cursor) -> bool:
    """True when ``cursor`` (a declaration, or an expression naming one) comes from a repair
    header. Its type is a guess and its value (for enum constants: 0x4B01, 0x4B02, ...) is
    made up, so rules must not reason about it."""
    decl = cursor.referenced if cursor.referenced is not None else cursor
    f = decl.location.file
    return f is not None and f.name.startswith(VIRTUAL_DIR)
