"""Lexing C text without clang, for the include pre-scan and for repair: comments and
string contents blanked (offsets kept), tokens with line and column, the lexical scan of
top-level definitions (:func:`scan_definitions`), and per-file caches of lexed headers."""
from __future__ import annotations

import os
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Optional


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


def Lexed_includes(text: str) -> list[tuple[str, str, int]]:
    code = strip_comments_keep_strings(text)
    return [(m.group(1), m.group(2).strip(), code.count("\n", 0, m.start()) + 1)
            for m in _INCLUDE.finditer(code)]
