"""Tolerant parsing: make libclang's AST as complete as possible without the real headers.

Windows driver sources assume a case-insensitive file system, generated headers (WPP ``.tmh``,
``mc.exe`` output) and the full WDK. Without those, clang drops statements, calls and whole
definitions (PARSING.md §1.4). This module works around that *in memory*, never touching disk:

1. **Include pre-scan** (:class:`IncludeResolver`): the ``#include`` lines of the main file and
   the project headers it reaches are resolved the way MSVC would (includer directory, the
   directories of the files that include it, ``-I``, system dirs), case-insensitively. A name
   that exists only under another case is passed to clang as an unsaved file at the exact path
   clang probes (the main file must be absolute, §1.5). A name found nowhere is stubbed with an
   empty in-memory header in a virtual directory appended last to the search path. A name found
   under an ancestor directory of the includer (``<sys/driver.h>`` from ``src/sys/x.c``, or
   ``<winfsp/x.h>`` under ``../inc``) makes that ancestor an extra ``-idirafter`` directory:
   drivers pass such directories from their project files, which kdlint cannot read.
2. **Stubs after a parse**: each ``'X' file not found`` that the pre-scan missed becomes an empty
   header next to the includer and in the virtual directory; the file is parsed again.
3. **Repair** (:class:`Repair`): ``use of undeclared identifier``, ``unknown type name``,
   ``no member named 'm' in 'struct S'``, ``incomplete definition of type`` and a few type
   mismatches on names repair itself declared are turned into declarations, and the file is
   parsed again (a bounded number of rounds; a round happens only when the previous parse
   reported something new to repair). Where a declaration goes matters, since it must come
   before its first use and may need the real headers' types:

   * a name first needed in file F at line L goes right after the last header F includes before
     L: that header's in-memory copy gets an ``#include`` of a repair header appended (so no line
     of any file moves). Placements are ordered by when their header *ends* during
     preprocessing (post-order of the include tree), and each synthesized struct is defined at
     the earliest placement that needs it;
   * a name needed before any include (or by a macro) goes in an *early* header, force-included
     first, which uses builtin types only;
   * a member missing from a struct a header defines is added to that definition, just before
     its closing brace, in the header's in-memory copy (same line). The main file is never
     edited.

   Unknown types become complete synthesized structs (``struct __kdr_T``) that grow the members
   later found missing; ``P``/``LP`` names become pointers to them, integer-looking names
   (``ULONG``, ``*_FLAGS``, ``*_TYPE``) scalars; ``T F;`` with F a function defined in the file
   becomes a function typedef copied from F's definition. Undeclared values become enum
   constants with made-up distinct values (so ``case`` labels do not collide) unless the code
   assigns to them or accesses members, in which case they become ``extern`` variables.
   SAL-style names and unknown decoration words in front of a type (``INLINE VOID``) become empty
   macros. Names the repair declares are reported, never hidden: see ``ParseStats.repaired``
   and :func:`is_synthesized`.
4. **Coverage** (:func:`scan_definitions`): a cheap lexical scan of top-level ``name(...) {``
   (outside comments, strings, preprocessor lines and inactive ``#if`` branches) finds the
   definitions the AST lost.
"""
from __future__ import annotations

import os
import re
import tempfile
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple, Optional

#: Directory that exists nowhere on disk; in-memory stubs and repair headers live under it.
VIRTUAL_DIR = os.path.join(tempfile.gettempdir(), "kdlint-virtual-0d1c")
STUB_DIR = os.path.join(VIRTUAL_DIR, "stubs")
REPAIR_EARLY = os.path.join(VIRTUAL_DIR, "kdlint_repair_early.h")


#: Ancestor levels searched for an include the search path cannot resolve.
ANCESTOR_LEVELS = 4
#: Subdirectories of an ancestor also tried (``inc/winfsp/x.h``).
ANCESTOR_SUBDIRS = ("", "inc", "include")
#: Upper bound on project headers scanned per translation unit.
MAX_SCANNED = 600

# ---------------------------------------------------------------------------------------------
# Lexing
# ---------------------------------------------------------------------------------------------

_BLANK = re.compile(
    r"""//(?:[^\n\\]|\\\r?\n|\\.)*|/\*.*?(?:\*/|\Z)|(?:L|u8|u|U)?"(?:[^"\\\n]|\\.)*"?|(?:L|u|U)?'(?:[^'\\\n]|\\.)*'?""",
    re.S,
)
_DIRECTIVE = re.compile(r"^[ \t]*#(?:[^\n\\]|\\\r?\n|\\.)*", re.M | re.S)
_INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*([<"])([^>"\n]+)[>"]', re.M)
_TOKEN = re.compile(
    r"""(?P<id>[A-Za-z_]\w*)|(?P<num>\.?\d(?:[\w.]|[eEpP][-+])*)|(?P<str>"[^\n]*?"|'[^\n]*?')"""
    r"""|(?P<p>->|\+\+|--|<<=|>>=|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^]=|[-+*/%&|^!~<>=?:;,.()\[\]{}#\\@$`])"""
)

_C_KEYWORDS = frozenset("""
auto break case char const continue default do double else enum extern float for goto if inline
int long register restrict return short signed sizeof static struct switch typedef union unsigned
void volatile while _Bool _Complex _Static_assert _Alignas _Alignof __int8 __int16 __int32 __int64
__try __except __finally __leave __declspec __attribute__ __inline __forceinline __stdcall
__cdecl __fastcall __ptr64 __ptr32 __unaligned __restrict __typeof__ typeof __asm __asm__ asm
__builtin_va_list __w64 __unaligned _Noreturn static_assert
""".split())
_TYPE_KEYWORDS = frozenset("""
void char short int long float double signed unsigned struct union enum const volatile static
extern _Bool __int8 __int16 __int32 __int64 __declspec __inline __forceinline inline register
""".split())
_CALLCONV = frozenset("""
NTAPI WINAPI CALLBACK FASTCALL NTKERNELAPI NTSYSAPI NTHALAPI STDCALL __stdcall __cdecl __fastcall
DECLSPEC_IMPORT DECLSPEC_EXPORT APIENTRY
""".split())


def _blank(match: re.Match) -> str:
    text = match.group(0)
    if text[0] in "\"'" or text[-1:] in "\"'" and not text.startswith("/"):
        quote = '"' if '"' in text[:3] else "'"
        inner = _spaces(text[2:-1]) if len(text) > 2 else ""
        return quote + " " + inner + quote if len(text) > 2 else quote + quote
    return _spaces(text)


def _spaces(text: str) -> str:
    """``text`` with every character but newlines replaced by a space (same length)."""
    if "\n" not in text:
        return " " * len(text)
    return "\n".join(" " * len(part) for part in text.split("\n"))


def _blank_comment_only(match: re.Match) -> str:
    text = match.group(0)
    if text.startswith(("//", "/*")):
        return _spaces(text)
    return text


def strip_comments_keep_strings(text: str) -> str:
    """Comments replaced by spaces; strings kept (for #include names)."""
    return _BLANK.sub(_blank_comment_only, text)


def strip_comments(text: str) -> str:
    """Comments and string/char contents replaced by spaces (offsets and newlines kept)."""
    return _BLANK.sub(_blank, text)


class Token(NamedTuple):
    kind: str  # "id" | "num" | "str" | "p"
    text: str
    line: int
    col: int  # 1-based column (characters)
    offset: int  # character offset in the text


class Lexed:
    """The code tokens of a C file: no comments, and no preprocessor lines unless
    ``directives`` (then macro bodies are tokens too, for looking up how a name is used)."""

    def __init__(self, text: str, directives: bool = False):
        self.text = text
        code = strip_comments(text)
        self.no_comments = code
        if not directives:
            code = _DIRECTIVE.sub(lambda m: _spaces(m.group(0)), code)
        else:
            code = code.replace("\\\n", "  ").replace("\\\r\n", "   ")
        self._nl = nl = [m.start() for m in re.finditer("\n", text)]
        self.positions: dict[str, list[int]] = {}  # identifier → token indexes
        tokens: list[Token] = []
        append = tokens.append
        positions = self.positions
        new = tuple.__new__
        for m in _TOKEN.finditer(code):
            start = m.start()
            line = bisect_left(nl, start)  # newlines before the token = line - 1
            kind = m.lastgroup or "p"
            text_ = m.group()
            if kind == "id":
                p = positions.get(text_)
                if p is None:
                    positions[text_] = [len(tokens)]
                else:
                    p.append(len(tokens))
            append(new(Token, (kind, text_, line + 1,
                               start - (nl[line - 1] + 1 if line else 0) + 1, start)))
        self.tokens = tokens
        self._starts = [t[4] for t in tokens]

    def index_at(self, line: int, col: int) -> Optional[int]:
        """Index of the token that starts at (line, col), or the first one after it on that line
        (or the last one on that line)."""
        if line < 1 or line > len(self._nl) + 1:
            return None
        line_start = self._nl[line - 2] + 1 if line >= 2 else 0
        i = bisect_left(self._starts, line_start + col - 1)
        if i < len(self.tokens) and self.tokens[i].line == line:
            return i
        if i > 0 and self.tokens[i - 1].line == line:
            return i - 1
        return None

    def tok(self, i: int) -> Optional[Token]:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def includes(self) -> list[tuple[str, str, int]]:
        """(kind '<' or '"', name, line) of every ``#include`` line, active or not."""
        return Lexed_includes(self.text)


def _matching(tokens: list[Token], i: int, open_: str, close: str) -> int:
    """Index of the bracket closing the one at ``i`` (or len(tokens))."""
    depth = 0
    for j in range(i, len(tokens)):
        t = tokens[j].text
        if t == open_:
            depth += 1
        elif t == close:
            depth -= 1
            if depth == 0:
                return j
    return len(tokens)


def _opening(tokens: list[Token], close: int, lo: int = 0) -> int:
    """Index of the '(' matching the ')' at ``close``, searching no lower than ``lo`` (or lo-1)."""
    depth = 0
    j = close
    while j >= lo:
        if tokens[j].text == ")":
            depth += 1
        elif tokens[j].text == "(":
            depth -= 1
            if depth == 0:
                return j
        j -= 1
    return j


@dataclass
class TextDefinition:
    name: str
    line: int  # line of the name
    body_line: int  # line of the opening brace
    end_line: int  # line of the closing brace
    header_start: int  # token index where the declaration starts
    name_index: int  # token index of the name


def scan_definitions(lexed: Lexed) -> list[TextDefinition]:
    """Function definitions visible in the text: ``name ( ... ) {`` at brace depth 0."""
    toks = lexed.tokens
    out: list[TextDefinition] = []
    depth = 0
    decl_start = 0
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if t.text == "{":
            if depth == 0:
                # the opening brace of a top-level thing: is it a function body?
                d = _definition_before(toks, decl_start, i)
                if d is not None:
                    close = _matching(toks, i, "{", "}")
                    end_line = toks[close].line if close < n else toks[-1].line
                    out.append(TextDefinition(toks[d].text, toks[d].line, t.line, end_line,
                                              decl_start, d))
                    i = close + 1
                    decl_start = i
                    continue
            depth += 1
        elif t.text == "}":
            depth = max(depth - 1, 0)
            if depth == 0:
                decl_start = i + 1
        elif t.text == ";" and depth == 0:
            decl_start = i + 1
        i += 1
    return out


def _definition_before(toks: list[Token], start: int, brace: int) -> Optional[int]:
    """Token index of the function name when ``toks[start:brace]`` is a definition header."""
    if brace - start < 3 or toks[brace - 1].text != ")":
        return None
    j = _opening(toks, brace - 1, start)  # the '(' matching the ')' before the brace
    if j <= start:
        return None
    name = toks[j - 1]
    if name.kind != "id" or name.text in _C_KEYWORDS:
        return None
    for k in range(start, j):
        if toks[k].text in ("=", "struct", "union", "enum") and k < j - 1:
            if toks[k].text == "=":
                return None
            # struct S *f(...) { is a definition; struct S { is not (no '(' before the brace)
    return j - 1


# ---------------------------------------------------------------------------------------------
# Include resolution, case folding and stubs
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _listing(directory: str) -> dict[str, str]:
    """lower-case name → real name for one directory ({} if it does not exist)."""
    try:
        names = os.listdir(directory)
    except OSError:
        return {}
    out: dict[str, str] = {}
    for name in sorted(names):
        out.setdefault(name.lower(), name)
    return out


def _ci_path(base: str, parts: list[str]) -> Optional[str]:
    """The real path of base/parts..., matching each component case-insensitively."""
    cur = base
    for part in parts:
        if part in ("", "."):
            continue
        if part == "..":
            cur = os.path.dirname(cur)
            continue
        exact = os.path.join(cur, part)
        listing = _listing(cur)
        if part in listing.values():
            cur = exact
            continue
        real = listing.get(part.lower())
        if real is None:
            return None
        cur = os.path.join(cur, real)
    return cur if os.path.isfile(cur) else None


def _split(name: str) -> list[str]:
    return [p for p in name.replace("\\", "/").split("/")]


@lru_cache(maxsize=2048)
def _file_includes(path: str, mtime: float) -> tuple:
    try:
        data = Path(path).read_bytes()
    except OSError:
        return ()
    text = data.decode("utf-8", errors="replace")
    return tuple(Lexed_includes(text))


def Lexed_includes(text: str) -> list[tuple[str, str, int]]:
    code = strip_comments_keep_strings(text)
    return [(m.group(1), m.group(2).strip(), code.count("\n", 0, m.start()) + 1)
            for m in _INCLUDE.finditer(code)]


def _includes_of(path: str) -> tuple:
    try:
        mtime = os.stat(path).st_mtime
    except OSError:
        return ()
    return _file_includes(path, mtime)


@dataclass
class IncludePlan:
    """What the pre-scan decided for one translation unit."""

    unsaved: dict[str, bytes] = field(default_factory=dict)  # probe path → content
    case_folded: dict[str, str] = field(default_factory=dict)  # probe path → real path
    stubbed: list[str] = field(default_factory=list)  # include names stubbed empty
    guessed_dirs: list[str] = field(default_factory=list)  # ancestor dirs added (-idirafter)
    project_files: list[str] = field(default_factory=list)  # project headers reached (real paths)

    def add_stub(self, name: str, includer_dir: Optional[str] = None) -> bool:
        """Stub ``name`` in the virtual directory (and next to the includer). True if new."""
        norm = "/".join(p for p in _split(name) if p not in ("", "."))
        targets = [os.path.normpath(os.path.join(STUB_DIR, norm))]
        if includer_dir:
            targets.append(os.path.normpath(os.path.join(includer_dir, *_split(name))))
        new = False
        for t in targets:
            if t not in self.unsaved:
                self.unsaved[t] = b"/* kdlint: stub for a header that was not found */\n"
                new = True
        if new and name not in self.stubbed:
            self.stubbed.append(name)
        return new


class IncludeResolver:
    """Emulates MSVC's include search on a case-sensitive disk (see the module docstring)."""

    def __init__(self, user_dirs: Iterable[str], system_dirs: Iterable[str]):
        self.user_dirs = [os.path.abspath(d) for d in user_dirs]
        self.system_dirs = [os.path.abspath(d) for d in system_dirs]

    def _is_system(self, path: str) -> bool:
        return any(path.startswith(d + os.sep) for d in self.system_dirs)

    def plan(self, main: str) -> IncludePlan:
        plan = IncludePlan()
        seen: set[str] = set()
        # (probe path as clang names the file, real path on disk, include-stack dirs)
        queue: list[tuple[str, str, tuple]] = [(main, main, ())]
        scanned = 0
        while queue and scanned < MAX_SCANNED:
            probe, real, stack = queue.pop(0)
            if real in seen:
                continue
            seen.add(real)
            if scanned:
                plan.project_files.append(real)
            scanned += 1
            here = os.path.dirname(probe)
            real_here = os.path.dirname(real)
            stack2 = (here,) + stack
            for kind, name, _line in _includes_of(real):
                if os.path.isabs(name) or re.match(r"^[A-Za-z]:", name):
                    continue
                found = self._resolve(plan, kind, name, here, real_here, stack, main)
                if found is None:
                    plan.add_stub(name)
                    continue
                fprobe, freal = found
                if not self._is_system(freal):
                    queue.append((fprobe, freal, stack2))
        return plan

    def _resolve(self, plan: IncludePlan, kind: str, name: str, here: str, real_here: str,
                 stack: tuple, main: str) -> Optional[tuple[str, str]]:
        parts = _split(name)
        rel = os.path.join(*parts) if parts else name
        candidates: list[tuple[str, str]] = []  # (probe dir, real dir)
        if kind == '"':
            candidates.append((here, real_here))
            candidates += [(d, d) for d in stack]
        candidates += [(d, d) for d in self.user_dirs + plan.guessed_dirs + self.system_dirs]
        for probe_dir, real_dir in candidates:
            probe = os.path.normpath(os.path.join(probe_dir, rel))
            if probe in plan.unsaved:
                real = plan.case_folded.get(probe, probe)
                return probe, real
            if os.path.isfile(probe):
                return probe, probe
            real = _ci_path(real_dir, parts)
            if real is not None:
                self._fold(plan, probe, real)
                return probe, real
        # not on the search path: an ancestor directory of the includer (project -I guess)
        anc = real_here
        for _ in range(ANCESTOR_LEVELS):
            parent = os.path.dirname(anc)
            if parent == anc:
                break
            anc = parent
            for sub in ANCESTOR_SUBDIRS:
                base = os.path.join(anc, sub) if sub else anc
                real = _ci_path(base, parts)
                if real is not None:
                    if base not in plan.guessed_dirs:
                        plan.guessed_dirs.append(base)
                    probe = os.path.normpath(os.path.join(base, rel))
                    if probe != real:
                        self._fold(plan, probe, real)
                    return probe, real
        return None

    @staticmethod
    def _fold(plan: IncludePlan, probe: str, real: str) -> None:
        try:
            plan.unsaved[probe] = Path(real).read_bytes()
            plan.case_folded[probe] = real
        except OSError:
            pass


# ---------------------------------------------------------------------------------------------
# Repair of undeclared names
# ---------------------------------------------------------------------------------------------

_SAL = re.compile(
    r"^(?:_[A-Z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*_|__drv_\w+|__(?:in|out|inout|deref|ecount|bcount|"
    r"range|field|success|checkReturn|nullterminated|reserved|typefix|kernel_entry|user_code|"
    r"allocator|callback|format_string|control_entrypoint|analysis_assume|on_failure|"
    r"post|pre|valid|notvalid|maybenull|readonly|opt|override)\w*)$"
)
_QUALIFIER_NAMES = re.compile(
    r"^(?:INLINE|FORCEINLINE|DECLSPEC_\w+|NTKERNELAPI|NTSYSAPI|NTHALAPI|NTAPI|WINAPI|CALLBACK|"
    r"FASTCALL|EXTERN_C|CDECL|STDCALL|__\w+|\w+_API|\w+API|\w*INLINE)$"
)
_FUNCTION_TYPE_NAMES = re.compile(
    r"(?:_ROUTINE|_DISPATCH|_CALLBACK|_FUNCTION|_FN|_HANDLER|_NOTIFY|_INITIALIZE|_UNLOAD|"
    r"_STARTIO|_CANCEL|_ADD_DEVICE|_FUNC)$|^DRIVER_|^KDEFERRED|^KSTART|^IO_WORKITEM|^EVT_"
)
_UNDECLARED = re.compile(r"^use of undeclared identifier '(\w+)'")
_UNKNOWN_TYPE = re.compile(r"^unknown type name '(\w+)'")
_NO_MEMBER_UNNAMED = re.compile(
    r"^no member named '(\w+)' in '(?:struct|union) [^']*\(unnamed (?:struct |union )?at (.+):(\d+):(\d+)\)'")
_NO_MEMBER = re.compile(r"^no member named '(\w+)' in '(?:struct |union )?(\w+)'")
_INCOMPLETE = re.compile(
    r"incomplete (?:definition of )?type '(?:struct |union )?(\w+)'(?: \(aka '(?:struct|union) (\w+)'\))?")
_NOT_FOUND = re.compile(r"^'(.+)' file not found")
_CONFLICT = re.compile(
    r"^(?:redefinition of|conflicting types for|redeclaration of|typedef redefinition with "
    r"different types \(.*\) vs|redefinition of '\w+' as different kind of symbol|"
    r"'\w+' redeclared as different kind of symbol) '?(\w+)'?")
_NOT_POINTER = re.compile(r"member reference type '(\w+)'.* is not a pointer")
_IS_POINTER = re.compile(r"member reference type '(\w+)'.* is a pointer")
_MEMBER_WANTS = re.compile(
    r"^(?:assigning to|initializing|returning) '(\w+(?: \*)?)'(?: \(aka '[^']*'\))? "
    r"(?:from|with an expression of) incompatible type 'struct (\w+)__(\w+)'")
_MEMBER_PASSED = re.compile(
    r"^passing 'struct (\w+)__(\w+)' to parameter of incompatible type '(\w+(?: \*)?)'")
_UNEXPECTED_TYPE = re.compile(r"^unexpected type name '(\w+)': expected expression")
_BASE_NOT_STRUCT = re.compile(r"^member reference base type '(\w+)' \(aka '[^']*'\) is not a structure")
#: Words that start type names with a P that is not "pointer to" (PHYSICAL_ADDRESS).
_P_WORDS = re.compile(
    r"^P(?:HYSICAL|OWER|OOL|ROCESS|NP|ORT|AGE|ARTITION|ACKET|RIORITY|ROCESSOR|ROPERTY|"
    r"RIVILEGE|ROTOCOL|ERF|CI|LUGPLAY|EB|RINT|ATH|ARAM|OLICY|ROFILE|REFIX|ASSWORD|IPE|"
    r"ENDING|LATFORM|ARSE|HASE|AYLOAD)")

#: Structured exception handling spelled as macros (the WDK's C spellings and older ones).
_SEH_SPELLINGS = {"try": "__try", "except": "__except", "finally": "__finally", "leave": "__leave",
                  "TRY": "__try", "EXCEPT": "__except", "FINALLY": "__finally", "LEAVE": "__leave"}

_LVALUE_AFTER = {"=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "++", "--", "["}
_EXPR_START = {"id", "num", "str"}
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
#: clang messages that mean "this type must be arithmetic" ('T' (aka 'struct __kdr_T')).
_WANTS_SCALAR = re.compile(
    r"invalid operands to binary expression|used type|arithmetic or pointer type is required|"
    r"requires expression of scalar type|^passing|^assigning to|^initializing|^returning|"
    r"operand of type|cannot convert|array subscript is not an integer|^arithmetic on|"
    r"statement requires expression of integer type|invalid argument type|cannot be narrowed|"
    r"^cannot increment|^cannot decrement|invalid application of")
_AKA = re.compile(r"'(\w+)' \(aka 'struct (__kdr_\w+)'\)")
_MEMBER_BASE = re.compile(r"^member reference (?:base )?type '(long long|int)' is not a (?:structure or union|pointer)")


@dataclass
class _Name:
    kind: str  # "macro" | "type" | "functype" | "value" | "proto" | "struct" (completes a tag)
    #        | "member" (injected into a header's struct; rendered by Repair.inject)
    where: str  # "early" | "late"
    text: str = ""  # macro: "" or "(...)"; value: its declaration; proto: the prototype
    tag: str = ""  # type and struct values: the struct tag
    mode: str = "struct"  # type: struct | pointer | scalar | scalar_ptr | void | void_ptr


class Repair:
    """The repair declarations accumulated over the rounds for one translation unit."""

    def __init__(self, main: str, lexed: Lexed, path_map: Optional[dict[str, str]] = None):
        self.main = main
        self.path_map = path_map if path_map is not None else {}
        self.lexed = lexed
        self.defs = scan_definitions(lexed)
        self.def_names = {d.name: d for d in self.defs}
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

    def _render(self, where: str) -> str:
        out = ["/* kdlint: declarations synthesized by repair; not from any real header */",
               "#pragma once"]
        for name, n in sorted(self.names.items()):
            if n.kind == "macro" and n.where == where:
                out.append(f"#ifndef {name}\n#define {name}{n.text}\n#endif")
        tags = sorted((t for t, w in self._tags().items() if w == where),
                      key=lambda t: (-t.count("__"), t))
        for tag in tags:
            out.append(f"struct {tag};")
        for tag in tags:
            s = self.structs.setdefault(tag, _Struct(tag))
            body = " ".join(f"{decl};" for decl in s.members.values())
            out.append(f"struct {tag} {{ long long __kdr_pad; {body} }};")
        for name, n in sorted(self.names.items()):
            if n.kind != "type" or n.where != where:
                continue
            spelled = {"struct": f"struct {n.tag} ", "pointer": f"struct {n.tag} *",
                       "scalar": "long long ", "scalar_ptr": "long long *", "void": "void ",
                       "void_ptr": "void *"}[n.mode]
            out.append(f"typedef {spelled}{name};")
        for name, n in sorted(self.names.items()):
            if n.kind == "value" and n.where == where:
                out.append(n.text)
        for kind in ("functype", "proto"):
            for name, n in sorted(self.names.items()):
                if n.kind == kind and n.where == where:
                    out.append(n.text)
        return "\n".join(out) + "\n"

    def text(self, where: str) -> str:
        """The repair header for one placement ("early" or an anchor header's path)."""
        return self._render(where)

    # --- learning from one round's diagnostics -----------------------------------------------

    def learn(self, diags: list[Diag]) -> bool:
        """Add declarations for what ``diags`` report. True when anything new was added."""
        changed = False
        consumed: set[str] = set()  # local variables of a type just repaired
        for d in diags:
            msg = d.message
            m = _CONFLICT.match(msg)
            if m and (m.group(1) in self.names or f"struct {m.group(1)}" in self.names):
                self._forget(m.group(1))
                self._forget(f"struct {m.group(1)}")
                changed = True
                continue
            m = _UNDECLARED.match(msg)
            if m:
                if m.group(1) not in consumed:
                    changed |= self._undeclared(m.group(1), d, consumed)
                continue
            m = _UNKNOWN_TYPE.match(msg)
            if m:
                changed |= self._unknown_type(m.group(1), d)
                continue
            if msg.startswith(("expected function body after function declarator",
                               "expected ';' after top level declarator")):
                changed |= self._annotation_macros(d)
                continue
            m = _NO_MEMBER_UNNAMED.match(msg)
            if m:
                changed |= self._inject_member_at(m.group(2), int(m.group(3)), int(m.group(4)),
                                                  m.group(1), d)
                continue
            m = _NO_MEMBER.match(msg)
            if m:
                tag = m.group(2)
                if tag in self.names and self.names[tag].tag:
                    tag = self.names[tag].tag
                if tag in self.structs:
                    changed |= self._member(tag, m.group(1), d)
                else:
                    changed |= self._anonymous_member(tag, m.group(1), d) or \
                        self._inject_member(tag, m.group(1), d)
                continue
            m = _INCOMPLETE.search(msg)
            if m and ("struct " in msg or "union " in msg):
                changed |= self._complete(m.group(2) or m.group(1), d)
                continue
            m = _NOT_POINTER.search(msg) or _IS_POINTER.search(msg)
            if m and m.group(1) in self.names and self.names[m.group(1)].kind == "type":
                changed |= self._retype(m.group(1), "pointer" if "not a pointer" in msg
                                        else "struct")
                continue
            m = _BASE_NOT_STRUCT.match(msg)
            if m and m.group(1) in self.names and self.names[m.group(1)].kind == "type":
                changed |= self._retype(m.group(1), "struct")
                continue
            m = _UNEXPECTED_TYPE.match(msg)
            if m and m.group(1) in self.names and self.names[m.group(1)].kind == "type":
                name = m.group(1)
                where = self.names.pop(name).where
                self.banned.discard(name)
                changed |= self._add(name, _Name("value", where,
                                                 f"enum {{ {name} = {self._new_enum()} }};"))
                continue
            if msg.startswith("called object type 'long long' is not a function"):
                changed |= self._called_member(d)
                continue
            if msg.startswith("member reference type 'int' is not a pointer"):
                changed |= self._implicit_returns_pointer(d)
                continue
            m = _MEMBER_BASE.match(msg)
            if m:
                changed |= self._member_base(d)
                continue
            m = _MEMBER_WANTS.match(msg) or _MEMBER_PASSED.match(msg)
            if m:
                want, tag, member = (m.group(1), m.group(2), m.group(3)) if m.re is _MEMBER_WANTS \
                    else (m.group(3), m.group(1), m.group(2))
                st = self.structs.get(tag)
                if st is not None and member in st.members and "struct" not in want \
                        and not st.members[member].startswith(want + " "):
                    st.members[member] = f"{want} {member}"
                    changed = True
                    continue
            if _WANTS_SCALAR.search(msg):
                for name, _tag in _AKA.findall(msg):
                    n = self.names.get(name)
                    if n is not None and n.kind == "type" and n.mode == "struct":
                        n.mode = "scalar"
                        changed = True
        return changed

    def _forget(self, name: str) -> None:
        self.banned.add(name)
        self.names.pop(name, None)


    def _where(self, d: Diag) -> str:
        """The placement for a name first needed at ``d``: after the last header that file
        includes before that line ("early" when there is none)."""
        best = None
        for line, included in self.inclusions.get(os.path.normpath(d.path), ()):
            if line < d.line and (best is None or line >= best[0]):
                best = (line, included)
        return best[1] if best is not None else "early"

    def _earlier(self, a: str, b: str) -> bool:
        return self.order.get(a, 1 << 30) < self.order.get(b, 1 << 30)

    def _context(self, d: Diag, name: Optional[str]) -> tuple[Optional[Lexed], Optional[int]]:
        """The lexed file and token index of ``name`` at the diagnostic's location."""
        lexed = self.lexed if d.path == self.main else \
            _lex_file(self.path_map.get(os.path.normpath(d.path), d.path))
        if lexed is None:
            return None, None
        i = lexed.index_at(d.line, d.column)
        if name is None:
            return lexed, i
        if i is not None:
            for j in range(i, min(i + 4, len(lexed.tokens))):
                if lexed.tokens[j].text == name:
                    return lexed, j
            for j in range(i - 1, max(i - 4, -1), -1):
                if lexed.tokens[j].text == name:
                    return lexed, j
        # not written there: the name comes from a macro expansion. An object-like macro that
        # stands for the name (FSP_API → FSP_DDI) is used the way the name is:
        if i is not None and lexed.tokens[i].kind == "id" and lexed.tokens[i].col == d.column \
                and (i + 1 >= len(lexed.tokens) or lexed.tokens[i + 1].text != "("):
            return lexed, i
        # otherwise look at how it is written anywhere: the main file, then the project
        # headers (macro bodies included).
        for path in [self.main] + self.project_files:
            raw = _lex_file(path, directives=True)
            if raw is not None and name in raw.positions:
                return raw, raw.positions[name][0]
        return lexed, None

    def _new_enum(self) -> int:
        self._enum_next += 1
        return self._enum_next

    def _add(self, name: str, n: _Name) -> bool:
        if name in self.banned:
            return False
        old = self.names.get(name)
        if old is not None:
            if old.kind == n.kind:
                if self._earlier(n.where, old.where):
                    old.where = n.where
                    return True
                return False
            if old.kind in ("type", "functype") and n.kind != "macro":
                return False  # a type stays a type
        self.names[name] = n
        return True

    def _macro(self, name: str, lexed: Optional[Lexed], i: Optional[int]) -> bool:
        nxt = lexed.tok(i + 1) if lexed is not None and i is not None else None
        value = "(...)" if nxt is not None and nxt.text == "(" else ""
        # macros are always early: a later real definition simply replaces them
        return self._add(name, _Name("macro", "early", value))

    def _annotation_macros(self, d: Diag) -> bool:
        """Unknown function-like macros in front of a declarator (``_Foo_(x) VOID f(...)``)."""
        lexed, i = self._context(d, None)
        if lexed is None or i is None:
            return False
        toks = lexed.tokens
        start = i
        while start > 0 and toks[start - 1].text not in (";", "}") and i - start < 200:
            start -= 1
        changed = False
        j = start
        while j < i:
            t = toks[j]
            if t.kind == "id" and j + 1 < i and toks[j + 1].text == "(" \
                    and t.text not in _C_KEYWORDS and t.text not in self.def_names:
                changed |= self._add(t.text, _Name("macro", "early", "(...)"))
                j = _matching(toks, j + 1, "(", ")")
            j += 1
        return changed

    def _undeclared(self, name: str, d: Diag, consumed: set) -> bool:
        if name in self.banned or name in _C_KEYWORDS:
            return False
        lexed, i = self._context(d, name)
        where = self._where(d)
        if _SAL.match(name):
            return self._macro(name, lexed, i)
        if name in _SEH_SPELLINGS and lexed is not None and i is not None \
                and lexed.tok(i + 1) is not None and lexed.tok(i + 1).text in ("{", "("):
            return self._add(name, _Name("macro", "early", " " + _SEH_SPELLINGS[name]))
        if name in self.def_names:
            return self._prototype(name)
        if re.match(r"^(?:GUID_\w+|\w+_GUID)$", name) and name not in self.names:
            return self._add(name, _Name("value", where, f"extern struct _GUID {name};"))
        old = self.names.get(name)
        if old is not None:
            if self._earlier(where, old.where):
                old.where = where
                return True
            return False
        if lexed is None or i is None:
            return self._add(name, _Name("value", where, f"enum {{ {name} = {self._new_enum()} }};"))
        prev = lexed.tok(i - 1)
        nxt = lexed.tok(i + 1)
        nxt2 = lexed.tok(i + 2)
        # a type in expression position: a cast "(T)x", "(T *)", or a declaration "T *p ="
        if nxt is not None and prev is not None:
            prev2 = lexed.tok(i - 2)
            if prev.text == "(" and nxt.text == ")" and nxt2 is not None and (
                    nxt2.kind in _EXPR_START or nxt2.text in ("(", "&", "*", "-", "!", "~")) \
                    and name[:1].isupper() and not (prev2 is not None and (
                        prev2.kind == "id" and prev2.text not in _C_KEYWORDS
                        or prev2.text in (")", "]"))):
                return self._add_type(name, where)
            if nxt.text == "*" and nxt2 is not None and nxt2.text in (")", "*"):
                return self._add_type(name, where)
            if prev.text in (";", "{", "}") and nxt.text == "*" and nxt2 is not None \
                    and nxt2.kind == "id" and lexed.tok(i + 3) is not None \
                    and lexed.tok(i + 3).text in ("=", ";", ",", "["):
                consumed.add(nxt2.text)
                return self._add_type(name, where)
            if prev.text in (";", "{", "}", ",", "(") and nxt.kind == "id" and nxt2 is not None \
                    and nxt2.text in ("=", ";", ",", "[", ")") and name[:1].isupper():
                # "T x;" where clang did not take T for a type
                consumed.add(nxt.text)
                return self._add_type(name, where)
        return self._value(name, lexed, where)

    def _value(self, name: str, lexed: Lexed, where: str) -> bool:
        uses = _uses(lexed, name)
        tag = f"__kdr_v_{name}"
        for op in ("->", "."):
            if op in uses:
                self.structs.setdefault(tag, _Struct(tag))
                for k in _member_sites(lexed, name, op):
                    self._member_chain(self.structs[tag], lexed, k)
                star = "*" if op == "->" else ""
                return self._add(name, _Name("value", where, f"extern struct {tag} {star}{name};",
                                             tag=tag))
        if "[" in uses:
            return self._add(name, _Name("value", where, f"extern long long {name}[];"))
        if any(u in _LVALUE_AFTER or u == "&" for u in uses):
            return self._add(name, _Name("value", where, f"extern long long {name};"))
        return self._add(name, _Name("value", where, f"enum {{ {name} = {self._new_enum()} }};"))

    def _prototype(self, name: str) -> bool:
        if name in self.names:
            return False
        d = self.def_names[name]
        toks = self.lexed.tokens
        close = _matching(toks, d.name_index + 1, "(", ")")
        text = " ".join(t.text for t in toks[d.header_start:close + 1]) + ";"
        return self._add(name, _Name("proto", self._where_def(d), text))

    def _where_def(self, d: TextDefinition) -> str:
        """A placement before definition ``d`` (for prototypes of the file's own functions)."""
        return self._where(Diag(self.main, d.line, 1, ""))

    def _unknown_type(self, name: str, d: Diag) -> bool:
        if name in self.banned:
            return False
        lexed, i = self._context(d, name)
        where = self._where(d)
        if _SAL.match(name):
            return self._macro(name, lexed, i)
        nxt = lexed.tok(i + 1) if lexed is not None and i is not None else None
        nxt2 = lexed.tok(i + 2) if lexed is not None and i is not None else None
        if nxt is not None and nxt.text == "(" and (_QUALIFIER_NAMES.match(name) or name.isupper()):
            return self._macro(name, lexed, i)
        if nxt is not None and (nxt.text in _TYPE_KEYWORDS or nxt.text in _CALLCONV
                                and _QUALIFIER_NAMES.match(name)):
            return self._macro(name, lexed, i)
        if nxt is not None and nxt.kind == "id" and nxt2 is not None and (
                nxt2.kind == "id" or nxt2.text == "*") and nxt.text not in _CALLCONV \
                and re.match(r"^[A-Z][A-Z0-9_]*$", nxt.text) and not _SAL.match(nxt.text):
            # "INLINE VOID f(", "NTKERNELAPI NTSTATUS f(": a decoration in front of a type
            return self._macro(name, lexed, i)
        if _QUALIFIER_NAMES.match(name) and nxt is not None and nxt.kind == "id":
            return self._macro(name, lexed, i)
        if _FUNCTION_TYPE_NAMES.search(name) and not re.match(r"^L?P[A-Z]", name):
            # "DRIVER_DISPATCH Foo;" declares a function: a struct typedef would make the later
            # definition of Foo a redefinition. Leave the error (it is outside any definition).
            if nxt is not None and nxt.kind == "id" and nxt2 is not None \
                    and nxt2.text in (";", ","):
                return self._function_type(name, nxt.text, where)
        return self._add_type(name, where)

    def _function_type(self, name: str, declared: str, where: str) -> bool:
        """``T F;`` declares function F with function type T: typedef T from a definition of
        this file declared that way (F itself, or another ``T G;`` with G defined here)."""
        if name in self.names:
            return False
        d = self.def_names.get(declared)
        for lexed in ([self.lexed] + [x for x in (_lex_file(p) for p in self.project_files) if x]):
            if d is not None:
                break
            toks = lexed.tokens
            for i in lexed.positions.get(name, ()):
                if i + 2 < len(toks) and toks[i + 1].text in self.def_names \
                        and toks[i + 2].text in (";", ","):
                    d = self.def_names[toks[i + 1].text]
                    break
        if d is None and _struct_like_use(self.lexed, declared):
            return self._add_type(name, where)
        if d is None:
            # no definition here to copy: any return type, unspecified parameters
            return self._add(name, _Name("functype", where, f"typedef long long {name}();"))
        toks = self.lexed.tokens
        close = _matching(toks, d.name_index + 1, "(", ")")
        ret = [t.text for t in toks[d.header_start:d.name_index]
               if t.text not in ("static", "extern", "inline", "__inline", "__forceinline",
                                 "FORCEINLINE", "INLINE")]
        params = " ".join(t.text for t in toks[d.name_index + 1:close + 1])
        text = f"typedef {' '.join(ret)} {name}{params};"
        return self._add(name, _Name("functype", where, text))

    def _add_type(self, name: str, where: str) -> bool:
        old = self.names.get(name)
        if old is not None and old.kind in ("type", "functype"):
            if self._earlier(where, old.where):
                old.where = where
                return True
            return False
        mode, base = _type_mode(name)
        tag = f"__kdr_{base}" if mode in ("struct", "pointer") else ""
        if tag:
            self.structs.setdefault(tag, _Struct(tag))
        if name in self.banned:
            return False
        self.names[name] = _Name("type", where, tag=tag, mode=mode)
        return True

    def _member(self, tag: str, member: str, d: Diag) -> bool:
        s = self.structs.setdefault(tag, _Struct(tag))
        if member in s.members:
            return False
        lexed, i = self._context(d, member)
        self._member_chain(s, lexed, i)
        if member not in s.members:
            s.members[member] = f"long long {member}"
        return True

    def _member_chain(self, s: _Struct, lexed: Optional[Lexed], i: Optional[int],
                      depth: int = 0) -> None:
        """Declare the member at token ``i`` (and the members accessed through it, ``m.x->y``)
        with types that fit how the file uses it: this site first, then every ``->m``/``.m``."""
        if lexed is None or i is None or depth > 5:
            return
        t = lexed.tok(i)
        if t is None or t.kind != "id":
            return
        member = t.text
        if member in s.members:
            return
        nxt = lexed.tok(i + 1)
        prev = lexed.tok(i - 3)
        op = nxt.text if nxt is not None else ""
        sites = self._sites(lexed, member)
        if op not in ("->", ".", "(", "["):
            wide = {lx.tokens[k + 1].text for lx, k in sites}
            op = next((o for o in ("->", ".", "(", "[") if o in wide), op)
        if op == "[":
            # m[i].x / m[i]->x: an array of synthesized structs
            after = set()
            for lx, k in sites:
                if lx.tokens[k + 1].text == "[":
                    close = _matching(lx.tokens, k + 1, "[", "]")
                    if close + 2 < len(lx.tokens) and lx.tokens[close + 1].text in ("->", "."):
                        after.add((lx, close + 1))
            if after:
                sub = f"{s.name}__{member}"
                sub_s = self.structs.setdefault(sub, _Struct(sub))
                ops = {lx.tokens[k].text for lx, k in after}
                star = "*" if "->" in ops else ""
                s.members[member] = f"struct {sub} {star}{member}[1]"
                for lx, k in after:
                    self._member_chain(sub_s, lx, k + 1, depth + 1)
                return
        if op in ("->", "."):
            sub = f"{s.name}__{member}"
            sub_s = self.structs.setdefault(sub, _Struct(sub))
            s.members[member] = f"struct {sub} {'*' if op == '->' else ''}{member}"
            self._populate(sub_s, sites, depth + 1)
        elif op == "(":
            s.members[member] = f"long long (*{member})()"
        elif op == "[" or prev is not None and prev.text == "*":
            s.members[member] = f"char *{member}"
        else:
            s.members[member] = f"long long {member}"

    def _inject_member(self, tag: str, member: str, d: Diag) -> bool:
        """``no member named 'm' in 'struct T'`` where a header defines T: add ``m`` to that
        definition in the header's in-memory copy, just before its closing brace (same line,
        so no line moves). The main file is never edited."""
        key = f"{tag}.{member}"
        if key in self.names or key in self.banned:
            return False
        for path in self._included_files():
            real = self.path_map.get(path, path)
            if not _mentions(real, tag):
                continue
            lexed = _lex_file(real)
            if lexed is None or tag not in lexed.positions:
                continue
            toks = lexed.tokens
            close = None
            for i in lexed.positions[tag]:
                if i > 0 and toks[i - 1].text in ("struct", "union") and i + 1 < len(toks) \
                        and toks[i + 1].text == "{":
                    close = _matching(toks, i + 1, "{", "}")
                elif i > 0 and toks[i - 1].text == "}":
                    close = i - 1  # typedef struct { ... } T;
                if close is not None and close < len(toks):
                    break
                close = None
            if close is None:
                continue
            holder_tag = f"__kdr_h_{tag}"
            holder = self.structs.setdefault(holder_tag, _Struct(holder_tag))
            self._add(f"struct {holder_tag}", _Name("struct", "early", tag=holder_tag))
            site_lexed, j = self._context(d, member)
            self._member_chain(holder, site_lexed, j)
            decl = holder.members.setdefault(member, f"long long {member}")
            self.names[key] = _Name("member", "early", text=decl)
            self.injections.setdefault(path, {})[toks[close].offset] = \
                self.injections.get(path, {}).get(toks[close].offset, "") + f" {decl};"
            return True
        self.banned.add(key)
        return False

    def _inject_member_at(self, path: str, line: int, col: int, member: str, d: Diag) -> bool:
        """Like _inject_member, for an unnamed struct/union that starts at path:line:col."""
        key = f"(unnamed at {os.path.basename(path)}:{line}).{member}"
        if key in self.names or key in self.banned or path.startswith(VIRTUAL_DIR):
            return False
        lexed = _lex_file(self.path_map.get(path, path))
        i = lexed.index_at(line, col) if lexed is not None else None
        if lexed is None or i is None:
            self.banned.add(key)
            return False
        toks = lexed.tokens
        j = i
        while j < len(toks) and toks[j].text != "{" and j - i < 4:
            j += 1
        if j >= len(toks) or toks[j].text != "{":
            self.banned.add(key)
            return False
        close = _matching(toks, j, "{", "}")
        if close >= len(toks):
            return False
        holder_tag = f"__kdr_h_anon{len(self.injections)}_{line}"
        holder = self.structs.setdefault(holder_tag, _Struct(holder_tag))
        self._add(f"struct {holder_tag}", _Name("struct", "early", tag=holder_tag))
        site_lexed, k = self._context(d, member)
        self._member_chain(holder, site_lexed, k)
        decl = holder.members.setdefault(member, f"long long {member}")
        self.names[key] = _Name("member", "early", text=decl)
        edits = self.injections.setdefault(path, {})
        edits[toks[close].offset] = edits.get(toks[close].offset, "") + f" {decl};"
        return True

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

    def _anonymous_member(self, tag: str, member: str, d: Diag) -> bool:
        """``no member named 'm' in 'struct T'`` for a project struct T: T may embed a repaired
        struct anonymously (``FSRTL_ADVANCED_FCB_HEADER;``, an MS extension); give it ``m``."""
        for path in [self.main] + self.project_files:
            lexed = self.lexed if path == self.main else _lex_file(path)
            if lexed is None:
                continue
            toks = lexed.tokens
            for i in lexed.positions.get(tag, ()):
                if i == 0 or toks[i - 1].text not in ("struct", "union") \
                        or i + 1 >= len(toks) or toks[i + 1].text != "{":
                    continue
                close = _matching(toks, i + 1, "{", "}")
                for k in range(i + 2, close - 1):
                    n = self.names.get(toks[k].text)
                    if n is not None and n.kind == "type" and n.mode == "struct" and \
                            toks[k + 1].text == ";" and toks[k - 1].text in (";", "{", "}"):
                        st = self.structs.setdefault(n.tag, _Struct(n.tag))
                        if member in st.members:
                            continue
                        _lx, j = self._context(d, member)
                        self._member_chain(st, _lx, j)
                        st.members.setdefault(member, f"long long {member}")
                        return True
        return False

    def _retype(self, name: str, want: str) -> bool:
        """Feedback: a repaired type is used as a pointer to a struct, or as a struct."""
        n = self.names[name]
        if n.mode == want or n.mode in ("void", "void_ptr"):
            return False
        if not n.tag:
            base = re.sub(r"^(?:LP|P)", "", name) if want == "pointer" else name
            n.tag = f"__kdr_{base}"
            self.structs.setdefault(n.tag, _Struct(n.tag))
        n.mode = want
        return True

    def _called_member(self, d: Diag) -> bool:
        """``x->m(...)`` where member m was declared as a scalar: make it a function pointer."""
        lexed, i = self._context(d, None)
        if lexed is None or i is None:
            return False
        j = i
        while j + 1 < len(lexed.tokens) and lexed.tokens[j + 1].text != "(" and j - i < 12:
            j += 1
        member = lexed.tokens[j].text
        changed = False
        for st in self.structs.values():
            if st.members.get(member, "").startswith("long long "):
                st.members[member] = f"long long (*{member})()"
                changed = True
        return changed

    def _implicit_returns_pointer(self, d: Diag) -> bool:
        """``F(x)->m`` where F is undeclared (implicitly returns int): declare F as returning a
        pointer to a synthesized struct with the members used."""
        lexed, i = self._context(d, None)
        if lexed is None or i is None:
            return False
        toks = lexed.tokens
        op = i if toks[i].text == "->" else i - 1 if i > 0 and toks[i - 1].text == "->" else None
        if op is None or op < 3 or toks[op - 1].text != ")":
            return False
        j = max(_opening(toks, op - 1, 1), 0)
        fn = toks[j - 1] if j > 0 else None
        if fn is None or fn.kind != "id" or fn.text in self.def_names or fn.text in self.names \
                or fn.text in _C_KEYWORDS:
            return False
        tag = f"__kdr_fr_{fn.text}"
        st = self.structs.setdefault(tag, _Struct(tag))
        for k in lexed.positions.get(fn.text, ()):
            # F(...)->m sites
            if k + 1 < len(toks) and toks[k + 1].text == "(":
                close = _matching(toks, k + 1, "(", ")")
                if close + 2 < len(toks) and toks[close + 1].text == "->":
                    self._member_chain(st, lexed, close + 2)
        return self._add(fn.text, _Name("value", self._where(d), f"struct {tag} *{fn.text}();",
                                        tag=tag))

    def _sites(self, lexed: Lexed, member: str) -> list[tuple[Lexed, int]]:
        """Where ``->member`` / ``.member`` is written: in ``lexed`` and in the main file."""
        out = []
        for lx in (lexed, self.lexed) if lexed is not self.lexed else (lexed,):
            toks = lx.tokens
            out += [(lx, k) for k in lx.positions.get(member, ())
                    if k > 0 and toks[k - 1].text in ("->", ".") and k + 1 < len(toks)]
        return out

    def _populate(self, sub: _Struct, sites: list[tuple[Lexed, int]], depth: int) -> None:
        """Declare the members accessed through a member at ``sites`` (``m->x``, ``m.y``)."""
        for lx, k in sites:
            if lx.tokens[k + 1].text in ("->", ".") and k + 2 < len(lx.tokens):
                self._member_chain(sub, lx, k + 2, depth)

    def _complete(self, tag: str, d: Diag) -> bool:
        """A struct the headers declare but never define: define it, with the members used."""
        if tag.startswith("__kdr_") or f"struct {tag}" in self.banned:
            return False
        changed = self._add(f"struct {tag}", _Name("struct", self._where(d), tag=tag))
        s = self.structs.setdefault(tag, _Struct(tag))
        lexed, i = self._context(d, None)
        if lexed is not None and i is not None:
            for j in (i, i - 1, i + 1):
                t = lexed.tok(j)
                nxt = lexed.tok(j + 1)
                if t is not None and t.text in ("->", ".") and nxt is not None and nxt.kind == "id":
                    if nxt.text not in s.members:
                        self._member_chain(s, lexed, j + 1)
                        changed = True
                    break
        return changed

    def _member_base(self, d: Diag) -> bool:
        """``x.m`` / ``x->m`` on a repaired value or member that was given a scalar type."""
        lexed, i = self._context(d, None)
        if lexed is None or i is None or i < 2:
            return False
        if lexed.tokens[i].text in ("->", ".") and i + 1 < len(lexed.tokens):
            i += 1  # make i the member, i - 1 the operator
        op = lexed.tokens[i - 1].text
        base = lexed.tokens[i - 2]
        if op not in ("->", ".") or base.kind != "id":
            return False
        n = self.names.get(base.text)
        if n is not None and n.kind == "value":
            del self.names[base.text]
            return self._value(base.text, lexed, n.where) or True
        # a member of a synthesized struct
        if i >= 3 and lexed.tokens[i - 3].text in ("->", "."):
            changed = False
            for s in list(self.structs.values()):
                if base.text in s.members and s.members[base.text].startswith("long long "):
                    sub = f"{s.name}__{base.text}"
                    self.structs.setdefault(sub, _Struct(sub))
                    s.members[base.text] = f"struct {sub} {'*' if op == '->' else ''}{base.text}"
                    self._member_chain(self.structs[sub], lexed, i)
                    self._populate(self.structs[sub], self._sites(lexed, base.text), 1)
                    changed = True
            return changed
        return False


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


@lru_cache(maxsize=512)
def _lex_cached(path: str, mtime: float, directives: bool) -> Optional[Lexed]:
    try:
        return Lexed(Path(path).read_bytes().decode("utf-8", errors="replace"), directives)
    except OSError:
        return None


@lru_cache(maxsize=1024)
def _bytes_cached(path: str, mtime: float) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError:
        return b""


def _mentions(path: str, word: str) -> bool:
    """Cheap pre-check before lexing a (possibly large) header: does it contain ``word``?"""
    try:
        return word.encode() in _bytes_cached(path, os.stat(path).st_mtime)
    except OSError:
        return False


def _lex_file(path: str, directives: bool = False) -> Optional[Lexed]:
    try:
        return _lex_cached(path, os.stat(path).st_mtime, directives)
    except OSError:
        return None


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
