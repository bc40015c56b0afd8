"""The repair loop's step: :class:`Repair` learns declarations from one parse's clang errors
(undeclared identifiers, unknown type names, missing members, incomplete types, type
mismatches on names repair declared). :mod:`kdlint.parse` runs the bounded rounds."""
from __future__ import annotations

import os
import re
from typing import Optional

from kdlint.repair.tokens import (
    Lexed, TextDefinition, _CALLCONV, _C_KEYWORDS, _TYPE_KEYWORDS, _lex_file, _matching, _mentions,
    _opening)
from kdlint.repair.includes import VIRTUAL_DIR
from kdlint.repair.declarations import (
    Declarations, Diag, _Name, _Struct, _member_sites, _struct_like_use, _type_mode, _uses)

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
#: Structured exception handling spelled as macros (the WDK's C spellings and older ones).
_SEH_SPELLINGS = {"try": "__try", "except": "__except", "finally": "__finally", "leave": "__leave",
                  "TRY": "__try", "EXCEPT": "__except", "FINALLY": "__finally", "LEAVE": "__leave"}
_LVALUE_AFTER = {"=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "++", "--", "["}
_EXPR_START = {"id", "num", "str"}
#: clang messages that mean "this type must be arithmetic" ('T' (aka 'struct __kdr_T')).
_WANTS_SCALAR = re.compile(
    r"invalid operands to binary expression|used type|arithmetic or pointer type is required|"
    r"requires expression of scalar type|^passing|^assigning to|^initializing|^returning|"
    r"operand of type|cannot convert|array subscript is not an integer|^arithmetic on|"
    r"statement requires expression of integer type|invalid argument type|cannot be narrowed|"
    r"^cannot increment|^cannot decrement|invalid application of")
_AKA = re.compile(r"'(\w+)' \(aka 'struct (__kdr_\w+)'\)")
_MEMBER_BASE = re.compile(r"^member reference (?:base )?type '(long long|int)' is not a (?:structure or union|pointer)")


class Repair(Declarations):
    """Declarations learned round by round from clang's errors (see :meth:`learn`)."""

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
        d = self._function_of_type(name, self.def_names.get(declared))
        if d is None and _struct_like_use(self.lexed, declared):
            return self._add_type(name, where)
        if d is None:
            # no definition here to copy: any return type, unspecified parameters
            return self._add(name, _Name("functype", where, f"typedef long long {name}();",
                                         declared=declared))
        return self._add(name, _Name("functype", where, self._typedef_from(name, d)))

    def _function_of_type(self, name: str, d: Optional[TextDefinition]
                          ) -> Optional[TextDefinition]:
        """``d``, else a definition of this file declared ``name G;`` somewhere."""
        for lexed in ([self.lexed] + [x for x in (_lex_file(p) for p in self.project_files) if x]):
            if d is not None:
                break
            toks = lexed.tokens
            for i in lexed.positions.get(name, ()):
                if i + 2 < len(toks) and toks[i + 1].text in self.def_names \
                        and toks[i + 2].text in (";", ","):
                    d = self.def_names[toks[i + 1].text]
                    break
        return d

    def fit_function_types(self) -> None:
        """After :meth:`adopt`: a function type the block's repair could only guess (no
        definition there to copy) is copied from this file's definition declared with it,
        as learning it here would have done."""
        for name, n in list(self.names.items()):
            if n.kind == "functype" and n.declared:
                d = self._function_of_type(name, self.def_names.get(n.declared))
                if d is not None:
                    n.text = self._typedef_from(name, d)
                    n.declared = ""

    def _typedef_from(self, name: str, d: TextDefinition) -> str:
        toks = self.lexed.tokens
        close = _matching(toks, d.name_index + 1, "(", ")")
        ret = [t.text for t in toks[d.header_start:d.name_index]
               if t.text not in ("static", "extern", "inline", "__inline", "__forceinline",
                                 "FORCEINLINE", "INLINE")]
        params = " ".join(t.text for t in toks[d.name_index + 1:close + 1])
        return f"typedef {' '.join(ret)} {name}{params};"

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
            self._inject_holder(f"__kdr_h_{tag}", member, d, key, path, toks[close].offset)
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
        self._inject_holder(f"__kdr_h_anon{len(self.injections)}_{line}", member, d, key, path,
                            toks[close].offset)
        return True

    def _inject_holder(self, holder_tag: str, member: str, d: Diag, key: str, path: str,
                       offset: int) -> None:
        """Declare ``member`` in a holder struct (typed from its uses) and inject it into the
        header ``path`` just before the closing brace at ``offset``."""
        holder = self.structs.setdefault(holder_tag, _Struct(holder_tag))
        self._add(f"struct {holder_tag}", _Name("struct", "early", tag=holder_tag))
        site_lexed, k = self._context(d, member)
        self._member_chain(holder, site_lexed, k)
        decl = holder.members.setdefault(member, f"long long {member}")
        self.names[key] = _Name("member", "early", text=decl)
        edits = self.injections.setdefault(path, {})
        edits[offset] = edits.get(offset, "") + f" {decl};"

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
