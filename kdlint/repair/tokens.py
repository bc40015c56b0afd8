"""Lexing C text without clang, for the include pre-scan and for repair: comments and
string contents blanked (offsets kept), tokens with line and column, the lexical scan of
top-level definitions (:func:`scan_definitions`), and per-file caches of lexed headers."""
from __future__ import annotations

import os
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple, Optional


#: A comment, string or character literal (the look-ahead on the first character lets the
#: regex engine skip other text without trying each alternative at every character).
_BLANK = re.compile(
    r"""(?=[/"'LuU])(?://(?:[^\n\\]|\\\r?\n|\\.)*|/\*.*?(?:\*/|\Z)|(?:L|u8|u|U)?"(?:[^"\\\n]|\\.)*"?"""
    r"""|(?:L|u|U)?'(?:[^'\\\n]|\\.)*'?)""",
    re.S,
)
_DIRECTIVE = re.compile(r"^[ \t]*#(?:[^\n\\]|\\\r?\n|\\.)*", re.M | re.S)
_INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*([<"])([^>"\n]+)[>"]', re.M)
#: One code token (no whitespace before it: the look-ahead lets the regex engine skip the blank
#: runs that comments and directives leave without trying every alternative at each blank).
#: Alternatives in order: identifier, number, string or character, punctuator.
_TOKEN = re.compile(
    r"""(?=\S)(?:[A-Za-z_]\w*|\.?\d(?:[\w.]|[eEpP][-+])*|"[^\n]*?"|'[^\n]*?'"""
    r"""|->|\+\+|--|<<=|>>=|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^]=|[-+*/%&|^!~<>=?:;,.()\[\]{}#\\@$`])"""
)

#: _TOKEN as the one group of a split: [gap, token, gap, token, ..., gap] (no token is empty)
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
#: The characters an identifier token starts with (see _is_identifier).
_IDENTIFIER_START = frozenset("_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

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


def _kind(text: str) -> str:
    """The kind of a token that :data:`_TOKEN` matched, from its first characters."""
    if _is_identifier(text):
        return "id"
    c = text[0]
    if c.isdecimal() or c == "." and len(text) > 1:
        return "num"
    if c == '"' or c == "'":
        return "str"
    return "p"


def _is_identifier(text: str) -> bool:
    c = text[0]
    return c == "_" or "a" <= c <= "z" or "A" <= c <= "Z"


class Tokens:
    """The tokens of a :class:`Lexed`, as a read-only sequence of :class:`Token` built when
    asked for (repair reads a few tokens around each error; building one object per token of
    every lexed file was most of the lexing time). Scans read :attr:`texts` directly."""

    __slots__ = ("texts", "starts", "_nl")

    def __init__(self, texts: list[str], starts: list[int], nl: list[int]):
        self.texts = texts
        self.starts = starts
        self._nl = nl

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self.texts)))]
        text = self.texts[i]  # IndexError as a list would raise it
        start = self.starts[i]
        nl = self._nl
        line = bisect_left(nl, start)  # newlines before the token = line - 1
        return Token(_kind(text), text, line + 1,
                     start - (nl[line - 1] + 1 if line else 0) + 1, start)

    def __iter__(self):
        return (self[i] for i in range(len(self.texts)))

    def line(self, i: int) -> int:
        return bisect_left(self._nl, self.starts[i]) + 1


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
        # [gap, token, gap, token, ..., gap]: a token starts where the parts before it end
        parts = _TOKEN_SPLIT.split(code)
        self.texts = texts = parts[1::2]
        self._starts = starts = list(accumulate(map(len, parts)))[0:-1:2]
        self.positions: dict[str, list[int]] = {}  # identifier → token indexes
        positions = self.positions
        identifiers = map(_IDENTIFIER_START.__contains__, map(itemgetter(0), texts))
        for i in compress(range(len(texts)), identifiers):
            t = texts[i]
            p = positions.get(t)
            if p is None:
                positions[t] = [i]
            else:
                p.append(i)
        self.tokens = Tokens(texts, starts, nl)

    def index_at(self, line: int, col: int) -> Optional[int]:
        """Index of the token that starts at (line, col), or the first one after it on that line
        (or the last one on that line)."""
        if line < 1 or line > len(self._nl) + 1:
            return None
        line_start = self._nl[line - 2] + 1 if line >= 2 else 0
        i = bisect_left(self._starts, line_start + col - 1)
        if i < len(self.texts) and self.tokens.line(i) == line:
            return i
        if i > 0 and self.tokens.line(i - 1) == line:
            return i - 1
        return None

    def tok(self, i: int) -> Optional[Token]:
        return self.tokens[i] if 0 <= i < len(self.texts) else None

    def includes(self) -> list[tuple[str, str, int]]:
        """(kind '<' or '"', name, line) of every ``#include`` line, active or not."""
        return Lexed_includes(self.text)


def _matching(tokens: Tokens, i: int, open_: str, close: str) -> int:
    """Index of the bracket closing the one at ``i`` (or len(tokens))."""
    depth = 0
    texts = tokens.texts
    for j in range(i, len(texts)):
        t = texts[j]
        if t == open_:
            depth += 1
        elif t == close:
            depth -= 1
            if depth == 0:
                return j
    return len(texts)


def _opening(tokens: Tokens, close: int, lo: int = 0) -> int:
    """Index of the '(' matching the ')' at ``close``, searching no lower than ``lo`` (or lo-1)."""
    depth = 0
    texts = tokens.texts
    j = close
    while j >= lo:
        if texts[j] == ")":
            depth += 1
        elif texts[j] == "(":
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
    texts = toks.texts
    out: list[TextDefinition] = []
    depth = 0
    decl_start = 0
    i = 0
    n = len(texts)
    while i < n:
        t = texts[i]
        if t == "{":
            if depth == 0:
                # the opening brace of a top-level thing: is it a function body?
                d = _definition_before(toks, decl_start, i)
                if d is not None:
                    close = _matching(toks, i, "{", "}")
                    end_line = toks.line(close if close < n else n - 1)
                    out.append(TextDefinition(texts[d], toks.line(d), toks.line(i), end_line,
                                              decl_start, d))
                    i = close + 1
                    decl_start = i
                    continue
            depth += 1
        elif t == "}":
            depth = max(depth - 1, 0)
            if depth == 0:
                decl_start = i + 1
        elif t == ";" and depth == 0:
            decl_start = i + 1
        i += 1
    return out


def _definition_before(toks: Tokens, start: int, brace: int) -> Optional[int]:
    """Token index of the function name when ``toks[start:brace]`` is a definition header."""
    texts = toks.texts
    if brace - start < 3 or texts[brace - 1] != ")":
        return None
    j = _opening(toks, brace - 1, start)  # the '(' matching the ')' before the brace
    if j <= start:
        return None
    name = texts[j - 1]
    if not _is_identifier(name) or name in _C_KEYWORDS:
        return None
    if "=" in texts[start:j - 1]:
        return None  # an initializer; struct S *f(...) { is a definition (struct S { has no '(')
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
