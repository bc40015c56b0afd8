"""Control-flow graph of one function, built from libclang cursors.

:func:`build_cfg` turns a function definition into basic :class:`Block` s joined by typed
:class:`Edge` s, with a unique ``entry`` and ``exit`` block (both always empty).

**Nodes.** A block holds, in evaluation order, the cursors dataflow transfers over:

- every ``CALL_EXPR`` (after its arguments, so nested calls come first);
- every assignment (``=``, ``+=`` ...) and ``++``/``--`` (after both operands);
- every local ``VAR_DECL`` (after its initialiser's nodes; ``static``/``extern`` locals are not
  nodes because their initialiser does not run on the path);
- every ``RETURN_STMT`` (after its value's nodes);
- the root of an expression statement, and every leaf branch condition, when they are not
  already one of the above (so ``*p;`` and ``if (*p)`` still show up as a node).

Unevaluated operands (``sizeof``, ``__alignof``) contribute nothing.

**Edges.** :class:`EdgeKind` says why control moves: ``NORMAL``; ``TRUE``/``FALSE`` out of a
branch, with ``edge.cond`` the *leaf* condition cursor (``&&``, ``||``, ``?:`` and ``!`` are
decomposed, so ``if (!NT_SUCCESS(s))`` yields edges on ``NT_SUCCESS(s)``'s expansion with TRUE
and FALSE swapped); ``CASE`` (``edge.value`` the case value, ``edge.label`` the ``CASE_STMT``)
and ``DEFAULT`` (``edge.label`` is ``None`` when the switch has no ``default:``) out of a
switch, with ``edge.cond`` the switch condition; ``EXCEPTION`` into an ``__except`` filter;
``NORETURN`` from a call that never returns (:data:`NO_RETURN`, a callee whose declared type is
noreturn — ``__declspec(noreturn)``/``__attribute__((noreturn))``, such as a header's inline raise
helper — plus the file's own helpers that never return when the CFG comes from
:meth:`CallGraph.cfg <kdlint.flow.callgraph.CallGraph.cfg>`) to the exit block. A condition clang folds to a
constant (``while (TRUE)``, ``do {} while (0)``) gets only its taken edge.
:func:`edge_success` reads ``NT_SUCCESS`` tests off TRUE/FALSE edges.

**Statements.** All of C: compound, if/else, while, do, for (any part missing), switch with
fallthrough, nested and missing ``default``, break/continue, goto/labels, return, GNU statement
expressions, and SEH. ``__try/__except``: before each node of the guarded body the current
block ends with an ``EXCEPTION`` edge to the filter block, so the handler sees the state *before*
the node that raised; the filter's nodes then flow into the handler body. ``__try/__finally``:
the finally body is built once per way out of the guarded body (falling off the end or
``__leave``, each ``return``/``break``/``continue``/``goto`` that leaves it, and the exceptional
path to an enclosing ``__except``), so paths stay apart; such nodes appear in several blocks
(:meth:`CFG.locations`). In each copy ``AbnormalTermination()`` is a known constant: false when
the body was left normally or by ``__leave``, true for a jump out or an exception.

Blocks that cannot be reached from entry are kept with ``reachable = False``. Empty blocks with a
single ``NORMAL`` successor are merged away. :meth:`CFG.locations` / :meth:`CFG.block_of` find a
node, :meth:`CFG.path` gives a shortest edge path to a block (for SARIF code flows), and
:meth:`CFG.dump` a readable listing. The builder takes children from a :class:`Tree`
(children fetched once per cursor, shared with the body scan of :mod:`kdlint.flow.callgraph`),
so finally bodies built several times cost no libclang calls.
"""
from __future__ import annotations

import ctypes
import enum
import sys
from dataclasses import dataclass, field
from typing import Iterator, Optional

import clang.cindex as ci
from clang.cindex import Cursor, CursorKind as K

from kdlint.cursors import callee_name, canonical_name, strip_casts as strip
from kdlint.libclang import children, evaluate_int, fetch_children  # noqa: F401  (children: re-exported)

#: Routines after which the path ends (the bug check or raise never returns to the caller).
#: PsTerminateSystemThread is here because it may only end the *calling* thread.
NO_RETURN = frozenset({
    "KeBugCheck", "KeBugCheckEx", "ExRaiseStatus", "ExRaiseAccessViolation",
    "ExRaiseDatatypeMisalignment", "RtlRaiseStatus", "RtlRaiseException", "ExRaiseException",
    "__fastfail", "PsTerminateSystemThread", "RtlFailFast", "abort",
})


#: Spellings of the SEH intrinsic that tells a __finally body why it runs.
ABNORMAL_TERMINATION = frozenset({"AbnormalTermination", "_abnormal_termination",
                                  "__abnormal_termination"})


class EdgeKind(str, enum.Enum):
    NORMAL = "normal"
    TRUE = "true"
    FALSE = "false"
    CASE = "case"
    DEFAULT = "default"
    EXCEPTION = "exception"
    NORETURN = "noreturn"


@dataclass(eq=False)
class Edge:
    """A control transfer ``src → dst``. ``cond`` is set on TRUE/FALSE/CASE/DEFAULT edges."""

    src: "Block"
    dst: "Block"
    kind: EdgeKind = EdgeKind.NORMAL
    cond: Optional[Cursor] = None
    value: Optional[int] = None  # CASE: the case value (None if clang cannot fold it)
    label: Optional[Cursor] = None  # CASE/DEFAULT: the CASE_STMT / DEFAULT_STMT

    def __repr__(self) -> str:
        extra = f" {self.value}" if self.kind == EdgeKind.CASE else ""
        return f"<Edge B{self.src.id}->B{self.dst.id} {self.kind.value}{extra}>"


@dataclass(eq=False)
class Block:
    """A basic block: ``nodes`` run in order, then control follows one of ``succs``."""

    id: int
    nodes: list = field(default_factory=list)
    succs: list = field(default_factory=list)
    preds: list = field(default_factory=list)
    reachable: bool = True
    what: str = ""  # "entry", "exit", "finally", "except", ... (for dumps only)
    _dead: bool = False  # started after a jump; edges out of it are dropped while it is empty

    @property
    def successors(self) -> list["Block"]:
        return [e.dst for e in self.succs]

    @property
    def predecessors(self) -> list["Block"]:
        return [e.src for e in self.preds]

    def __repr__(self) -> str:
        return f"<Block B{self.id} {len(self.nodes)} nodes>"


class CFG:
    """The blocks of one function; ``blocks[0]`` is entry and ``blocks[-1]`` is exit."""

    def __init__(self, function: Cursor, blocks: list[Block]):
        self.function = function
        self.blocks = blocks
        self.entry = blocks[0]
        self.exit = blocks[-1]
        self._locations: Optional[dict] = None
        self._rpo: Optional[list[Block]] = None

    def __iter__(self) -> Iterator[Block]:
        return iter(self.blocks)

    def release(self) -> None:
        """Unlink the blocks (the analysis of the file is over): blocks and edges refer to each
        other, and every object a block holds would wait for the cyclic collector."""
        for b in self.blocks:
            b.succs = []
            b.preds = []
        self._locations = None

    def __len__(self) -> int:
        return len(self.blocks)

    @property
    def edges(self) -> Iterator[Edge]:
        for b in self.blocks:
            yield from b.succs

    def nodes(self) -> Iterator[tuple[Block, int, Cursor]]:
        """Every (block, index, node), block by block."""
        for b in self.blocks:
            for i, n in enumerate(b.nodes):
                yield b, i, n

    def locations(self, node: Cursor) -> list[tuple[Block, int]]:
        """Where ``node`` (any cursor equal to it) sits: usually one place, several for nodes
        of ``__finally`` bodies, none for cursors that are not nodes."""
        if self._locations is None:
            locs: dict = {}
            for b, i, n in self.nodes():
                locs.setdefault(n, []).append((b, i))
            self._locations = locs
        return self._locations.get(node, [])

    def reverse_postorder(self) -> list[Block]:
        """Blocks in reverse postorder from entry; unreachable blocks follow in id order."""
        if self._rpo is None:
            seen = {self.entry.id}
            post: list[Block] = []
            stack = [(self.entry, iter(self.entry.successors))]
            while stack:
                block, it = stack[-1]
                nxt = next((s for s in it if s.id not in seen), None)
                if nxt is None:
                    post.append(block)
                    stack.pop()
                else:
                    seen.add(nxt.id)
                    stack.append((nxt, iter(nxt.successors)))
            post.reverse()
            self._rpo = post + [b for b in self.blocks if b.id not in seen]
        return self._rpo

    def block_of(self, node: Cursor) -> Optional[Block]:
        """The first block holding ``node`` (see :meth:`locations` for all of them)."""
        locs = self.locations(node)
        return locs[0][0] if locs else None

    def path(self, to: Block, start: Optional[Block] = None) -> list[Edge]:
        """A shortest edge path ``start`` (default entry) → ``to``, e.g. for a SARIF code
        flow; empty when ``to`` is ``start`` or cannot be reached from it."""
        start = start or self.entry
        came: dict[int, Edge] = {}
        queue = [start]
        seen = {start.id}
        for block in queue:
            if block is to:
                break
            for e in block.succs:
                if e.dst.id not in seen:
                    seen.add(e.dst.id)
                    came[e.dst.id] = e
                    queue.append(e.dst)
        out: list[Edge] = []
        node = to
        while node is not start and node.id in came:
            out.append(came[node.id])
            node = came[node.id].src
        return list(reversed(out)) if node is start else []

    def dump(self) -> str:
        """A readable listing (tests and debugging): one line per block."""
        out = []
        for b in self.blocks:
            nodes = ", ".join(describe(n) for n in b.nodes)
            succs = " ".join(f"B{e.dst.id}" + ("" if e.kind == EdgeKind.NORMAL else f"({e.kind.value}"
                             + (f" {e.value}" if e.kind == EdgeKind.CASE else "") + ")")
                             for e in b.succs)
            tag = f" {b.what}" if b.what else ""
            dead = " unreachable" if not b.reachable else ""
            out.append(f"B{b.id}{tag}{dead}: [{nodes}] -> {succs}")
        return "\n".join(out)


def describe(node: Cursor) -> str:
    """Short text for a node: the callee for calls, else kind and spelling."""
    if node.kind == K.CALL_EXPR:
        return f"{canonical_name(callee_name(node))}()"
    name = node.spelling
    return f"{node.kind.name.lower()}{' ' + name if name else ''}@{node.location.line}"


# --- operator kinds (libclang 17+ C API; the Python bindings of 18.1 do not wrap them) -----

_OPS_READY = False


def _ops() -> None:
    global _OPS_READY
    if not _OPS_READY:
        lib = ci.conf.lib
        for fn in (lib.clang_getCursorBinaryOperatorKind, lib.clang_getCursorUnaryOperatorKind):
            fn.argtypes = [ci.Cursor]
            fn.restype = ctypes.c_int
        _OPS_READY = True


# CXBinaryOperatorKind / CXUnaryOperatorKind values
BO_LAND, BO_LOR, BO_ASSIGN, BO_COMMA = 20, 21, 22, 33
UO_POSTINC, UO_POSTDEC, UO_PREINC, UO_PREDEC, UO_ADDROF, UO_DEREF, UO_LNOT = 1, 2, 3, 4, 5, 6, 10
_INCDEC = {UO_POSTINC, UO_POSTDEC, UO_PREINC, UO_PREDEC}


def binary_op(cursor: Cursor) -> int:
    """CXBinaryOperatorKind of a BINARY_OPERATOR / COMPOUND_ASSIGNMENT_OPERATOR cursor."""
    _ops()
    return ci.conf.lib.clang_getCursorBinaryOperatorKind(cursor)


def unary_op(cursor: Cursor) -> int:
    """CXUnaryOperatorKind of a UNARY_OPERATOR cursor."""
    _ops()
    return ci.conf.lib.clang_getCursorUnaryOperatorKind(cursor)


def is_assignment(cursor: Cursor) -> bool:
    """``=`` or a compound assignment."""
    k = cursor.kind
    return k == K.COMPOUND_ASSIGNMENT_OPERATOR or (k == K.BINARY_OPERATOR and binary_op(cursor) == BO_ASSIGN)


# --- children, fetched once per cursor --------------------------------------------------------

# ``children`` (the fast fetch) lives in kdlint.libclang so that kdlint.cursors can use it too.


class Tree:
    """The children of the cursors below ``root``, each fetched from libclang once.

    ``children(c)`` is cached by cursor *object* identity (every cursor seen is kept alive with
    the tree, so identities stay unique). The CFG builder and the body scan of
    :mod:`kdlint.flow.callgraph` share one Tree per function, so each function's AST is fetched
    once (a fetch costs a few microseconds per node). A single recursive libclang visit would be
    a little faster but reports constant-expression wrappers (case labels) as extra nested nodes
    that ``get_children`` does not show, so it is not used.
    """

    def __init__(self, root: Optional[Cursor], store: Optional[tuple[dict, list]] = None):
        """``store``: a (children by id, kept cursors) pair several trees share (one per file,
        so any cursor of the file's bodies can be looked up); ``root`` may then be None."""
        self.root = root
        self._kids, self._keep = store if store is not None else ({}, [])
        #: every cursor below ``root`` in pre-order, once a walk went all the way (the body
        #: scan of :mod:`kdlint.flow.callgraph` leaves it here)
        self.order: Optional[list] = None
        if root is not None:
            self._keep.append(root)

    def children(self, cursor: Cursor) -> list:
        got = self._kids.get(id(cursor))
        if got is None:
            got = self._kids[id(cursor)] = fetch_children(cursor)
            self._keep.append(cursor)
            self._keep.extend(got)
        return got

    def walk(self):
        """Pre-order walk of the whole tree (the first complete walk is remembered)."""
        if self.order is not None:
            return iter(self.order)
        return self._walk()

    def _walk(self):
        order = []
        stack = [self.root]
        while stack:
            node = stack.pop()
            order.append(node)
            yield node
            stack.extend(reversed(self.children(node)))
        self.order = order


BO_LT, BO_GE = 11, 14


def success_test(cond: Cursor) -> Optional[tuple[Cursor, bool]]:
    """For a branch condition that tests an NTSTATUS, ``(status expression, polarity)``:
    polarity True when the condition being true means ``NT_SUCCESS``. Recognises the
    ``NT_SUCCESS(s)`` expansion ``((NTSTATUS)(s)) >= 0``, its negation ``s < 0``, and a call
    to an ``NT_SUCCESS`` function. None for other conditions."""
    cond = strip(cond)
    if cond is None:
        return None
    if cond.kind == K.CALL_EXPR and callee_name(cond) == "NT_SUCCESS":
        args = list(cond.get_arguments())
        return (strip(args[0]), True) if args else None
    if cond.kind == K.BINARY_OPERATOR:
        op = binary_op(cond)
        if op in (BO_GE, BO_LT):
            lhs, rhs = list(cond.get_children())
            if evaluate_int(rhs) == 0:
                return strip(lhs), op == BO_GE
    return None


def edge_success(edge: "Edge") -> Optional[tuple[Cursor, bool]]:
    """Along a TRUE/FALSE edge whose condition tests an NTSTATUS: ``(status expression,
    NT_SUCCESS holds on this edge)``. ``if (!NT_SUCCESS(s))`` needs no special care: its
    edges are already on the inner test with TRUE and FALSE swapped."""
    if edge.kind not in (EdgeKind.TRUE, EdgeKind.FALSE) or edge.cond is None:
        return None
    test = success_test(edge.cond)
    if test is None:
        return None
    return test[0], test[1] == (edge.kind == EdgeKind.TRUE)


# Kinds that have nothing to evaluate below them (or must not be evaluated).
_LEAF = {K.INTEGER_LITERAL, K.FLOATING_LITERAL, K.STRING_LITERAL, K.CHARACTER_LITERAL,
         K.DECL_REF_EXPR, K.TYPE_REF, K.CXX_UNARY_EXPR, K.IMAGINARY_LITERAL, K.LABEL_REF,
         K.TEMPLATE_REF, K.MEMBER_REF, K.NAMESPACE_REF}
_TRANSPARENT = {K.UNEXPOSED_EXPR, K.PAREN_EXPR}


@dataclass
class _Frame:
    kind: str  # "loop" | "switch" | "finally" | "except"
    stmt: Optional[Cursor] = None
    brk: Optional[Block] = None
    cont: Optional[Block] = None
    leave: Optional[Block] = None  # __try frames: where __leave goes
    handler: Optional[Block] = None  # "except": the filter block
    finally_body: Optional[Cursor] = None  # "finally"
    dispatch: Optional[Block] = None  # "switch"
    cond: Optional[Cursor] = None  # "switch"
    has_default: bool = False


def declared_no_return(call: Cursor, cache: Optional[dict] = None) -> bool:
    """The callee of ``call`` is declared ``__declspec(noreturn)`` / ``__attribute__((noreturn))``
    (its type says so). ``cache`` maps declaration cursors to the answer; keep one per
    translation unit."""
    decl = call.referenced
    if decl is None:
        return False
    got = cache.get(decl) if cache is not None else None
    if got is None:
        got = decl.type.spelling.endswith("__attribute__((noreturn))")
        if cache is not None:
            cache[decl] = got
    return got


class _Builder:
    def __init__(self, function: Cursor, no_return: frozenset, tree: Tree,
                 declared: Optional[dict] = None):
        self.function = function
        self.no_return = no_return
        self._declared = declared if declared is not None else {}
        self._kids = tree.children
        self.blocks: list[Block] = []
        self.entry = self._new("entry")
        self.exit = self._new("exit")
        self.frames: list[_Frame] = []
        self.labels: dict[str, Block] = {}
        self._exc_targets: dict = {}
        self._abnormal: list[bool] = []  # one per finally body being built, innermost last

    # -- blocks and edges ------------------------------------------------------------------
    def _new(self, what: str = "") -> Block:
        b = Block(len(self.blocks), what=what)
        self.blocks.append(b)
        return b

    def _dead(self) -> Block:
        b = self._new()
        b._dead = True
        return b

    def _edge(self, src: Block, dst: Block, kind: EdgeKind = EdgeKind.NORMAL, cond=None,
              value=None, label=None) -> None:
        if src._dead and not src.nodes and not src.preds:
            return  # code after a jump that has not started yet: no fallthrough
        e = Edge(src, dst, kind, cond, value, label)
        src.succs.append(e)
        dst.preds.append(e)

    def _emit(self, node: Cursor, blk: Block) -> Block:
        if any(f.kind == "except" for f in self.frames):
            target = self._exception_target()
            if target is not None:
                self._edge(blk, target, EdgeKind.EXCEPTION)
                nxt = self._new()
                self._edge(blk, nxt)
                blk = nxt
        blk.nodes.append(node)
        return blk

    # -- jumps through __finally ---------------------------------------------------------
    def _finally_copy(self, index: int, blk: Block, abnormal: bool) -> Block:
        """Build frame ``index``'s finally body once more, entered from ``blk``. ``abnormal``:
        the copy runs because of a jump out of the guarded body or an exception, which is what
        ``AbnormalTermination()`` tests inside it."""
        frame = self.frames[index]
        saved = self.frames
        self.frames = saved[:index]
        self._abnormal.append(abnormal)
        start = self._new("finally")
        self._edge(blk, start)
        try:
            end = self._stmt(frame.finally_body, start)
        finally:
            self.frames = saved
            self._abnormal.pop()
        return end

    def _jump(self, blk: Block, target: Block, depth: int, kind=EdgeKind.NORMAL) -> None:
        """Go to ``target``, running the finally bodies of the frames above ``depth``."""
        for i in range(len(self.frames) - 1, depth - 1, -1):
            if self.frames[i].kind == "finally":
                blk = self._finally_copy(i, blk, True)
        self._edge(blk, target, kind)

    def _exception_target(self) -> Optional[Block]:
        """Where an exception raised here goes: the innermost filter, through any finally."""
        j = max(i for i, f in enumerate(self.frames) if f.kind == "except")
        key = tuple(id(f) for f in self.frames[j:])
        if key in self._exc_targets:
            return self._exc_targets[key]
        finals = [i for i in range(len(self.frames) - 1, j, -1) if self.frames[i].kind == "finally"]
        handler = self.frames[j].handler
        if not finals:
            self._exc_targets[key] = handler
            return handler
        start = self._new("unwind")
        self._exc_targets[key] = start
        blk = start
        for i in finals:
            blk = self._finally_copy(i, blk, True)
        self._edge(blk, handler)
        return start

    def _innermost(self, *kinds: str) -> int:
        for i in range(len(self.frames) - 1, -1, -1):
            if self.frames[i].kind in kinds:
                return i
        return -1

    # -- statements ----------------------------------------------------------------------
    def _stmt(self, s: Cursor, blk: Block) -> Block:
        k = s.kind
        handler = self._STMTS.get(k)
        if handler is not None:
            return handler(self, s, blk)
        if 100 <= k.value < 200:  # an expression statement
            blk, emitted = self._expr(s, blk)
            return blk if emitted else self._emit(s, blk)
        # asm, unexposed statements, anything else: evaluate below, then the statement itself
        for ch in self._kids(s):
            blk = self._stmt(ch, blk) if ch.kind.value >= 200 else self._expr(ch, blk)[0]
        return self._emit(s, blk)

    def _compound(self, s, blk):
        for ch in self._kids(s):
            blk = self._stmt(ch, blk)
        return blk

    def _null(self, s, blk):
        return blk

    def _decl(self, s, blk):
        for var in self._kids(s):
            if var.kind != K.VAR_DECL:
                continue  # local typedefs, struct and function declarations
            if var.storage_class in (ci.StorageClass.STATIC, ci.StorageClass.EXTERN):
                continue
            for ch in self._kids(var):
                if ch.kind not in _LEAF:
                    blk = self._expr(ch, blk)[0]
            blk = self._emit(var, blk)
        return blk

    def _return(self, s, blk):
        for ch in self._kids(s):
            blk = self._expr(ch, blk)[0]
        blk = self._emit(s, blk)
        self._jump(blk, self.exit, 0)
        return self._dead()

    def _if(self, s, blk):
        kids = self._kids(s)
        cond, then = kids[0], kids[1]
        t, f = self._new(), self._new()
        self._cond(cond, blk, t, f)
        t_end = self._stmt(then, t)
        if len(kids) > 2:
            f_end = self._stmt(kids[2], f)
            join = self._new()
            self._edge(t_end, join)
            self._edge(f_end, join)
            return join
        self._edge(t_end, f)
        return f

    def _while(self, s, blk):
        cond, body = self._kids(s)[:2]
        head, first, after = self._new("loop"), self._new(), self._new()
        self._edge(blk, head)
        self._cond(cond, head, first, after)
        self.frames.append(_Frame("loop", s, brk=after, cont=head))
        end = self._stmt(body, first)
        self.frames.pop()
        self._edge(end, head)
        return after

    def _do(self, s, blk):
        body, cond = self._kids(s)[:2]
        first, test, after = self._new("loop"), self._new(), self._new()
        self._edge(blk, first)
        self.frames.append(_Frame("loop", s, brk=after, cont=test))
        end = self._stmt(body, first)
        self.frames.pop()
        self._edge(end, test)
        self._cond(cond, test, first, after)
        return after

    def _for(self, s, blk):
        kids = self._kids(s)
        init, cond, inc = _for_parts(s, kids)
        if init is not None:
            blk = self._stmt(init, blk)
        head, first, step, after = self._new("loop"), self._new(), self._new(), self._new()
        self._edge(blk, head)
        if cond is not None:
            self._cond(cond, head, first, after)
        else:
            self._edge(head, first)
        self.frames.append(_Frame("loop", s, brk=after, cont=step))
        end = self._stmt(kids[-1], first)
        self.frames.pop()
        self._edge(end, step)
        if inc is not None:
            step = self._stmt(inc, step)
        self._edge(step, head)
        return after

    def _switch(self, s, blk):
        kids = self._kids(s)
        cond, body = kids[-2], kids[-1]
        while cond.kind in _TRANSPARENT and len(self._kids(cond)) == 1:
            cond = self._kids(cond)[0]  # as for branch conditions: the expression as written
        blk, emitted = self._expr(cond, blk)
        if not emitted:
            blk = self._emit(cond, blk)
        after = self._new()
        frame = _Frame("switch", s, brk=after, dispatch=blk, cond=cond)
        self.frames.append(frame)
        end = self._stmt(body, self._dead())
        self.frames.pop()
        self._edge(end, after)
        if not frame.has_default:
            self._edge(blk, after, EdgeKind.DEFAULT, cond=cond)
        return after

    def _case(self, s, blk):
        kids = self._kids(s)
        return self._switch_label(s, blk, EdgeKind.CASE, evaluate_int(kids[0]), kids[-1])

    def _default(self, s, blk):
        return self._switch_label(s, blk, EdgeKind.DEFAULT, None, self._kids(s)[-1])

    def _switch_label(self, s, blk, kind, value, sub):
        """A case or default label: reached from the switch's dispatch or by fallthrough."""
        i = self._innermost("switch")
        target = self._new()
        self._edge(blk, target)  # fallthrough from the previous statement
        if i >= 0:
            frame = self.frames[i]
            frame.has_default |= kind == EdgeKind.DEFAULT
            self._edge(frame.dispatch, target, kind, cond=frame.cond, value=value, label=s)
        return self._stmt(sub, target)

    def _break(self, s, blk):
        i = self._innermost("loop", "switch")
        if i >= 0:
            self._jump(blk, self.frames[i].brk, i + 1)
        return self._dead()

    def _continue(self, s, blk):
        i = self._innermost("loop")
        if i >= 0:
            self._jump(blk, self.frames[i].cont, i + 1)
        return self._dead()

    def _label_block(self, name: str) -> Block:
        b = self.labels.get(name)
        if b is None:
            b = self.labels[name] = self._new("label " + name)
        return b

    def _label(self, s, blk):
        target = self._label_block(s.spelling)
        self._edge(blk, target)
        kids = self._kids(s)
        return self._stmt(kids[-1], target) if kids else target

    def _goto(self, s, blk):
        kids = self._kids(s)
        if not kids:
            return self._dead()
        ref = kids[0]
        depth = len(self.frames)
        if any(f.kind == "finally" for f in self.frames):
            label = ref.referenced
            depth = 0
            if label is not None:
                off = label.extent.start.offset
                for i, f in enumerate(self.frames):
                    ext = f.stmt.extent if f.stmt is not None else None
                    if ext is not None and ext.start.offset <= off <= ext.end.offset:
                        depth = i + 1
        self._jump(blk, self._label_block(ref.spelling), depth)
        return self._dead()

    def _indirect_goto(self, s, blk):
        for ch in self._kids(s):
            blk = self._expr(ch, blk)[0]
        blk = self._emit(s, blk)
        # every label could be the target; those defined later are linked at the end
        self._indirect.append(blk)
        return self._dead()

    def _leave(self, s, blk):
        i = self._innermost("finally", "except")
        if i >= 0:
            self._jump(blk, self.frames[i].leave, i + 1)
        return self._dead()

    def _try(self, s, blk):
        kids = self._kids(s)
        body, handler = kids[0], kids[-1]
        after = self._new()
        if handler.kind == K.SEH_EXCEPT_STMT:
            hkids = self._kids(handler)
            filt = self._new("except")
            self.frames.append(_Frame("except", s, leave=after, handler=filt))
            end = self._stmt(body, blk)
            self.frames.pop()
            self._edge(end, after)
            fblk = filt
            for ch in hkids[:-1]:
                fblk, emitted = self._expr(ch, fblk)
                if not emitted:
                    fblk = self._emit(ch, fblk)
            h_end = self._stmt(hkids[-1], fblk)
            self._edge(h_end, after)
            return after
        if handler.kind != K.SEH_FINALLY_STMT:  # unexpected shape: treat as plain block
            return self._compound(s, blk)
        try_end = self._new()
        fbody = self._kids(handler)[-1]
        self.frames.append(_Frame("finally", s, leave=try_end, finally_body=fbody))
        end = self._stmt(body, blk)
        self._edge(end, try_end)
        # the normal-path copy (falling off the end, __leave) runs with the outer frames only
        f_end = self._finally_copy(len(self.frames) - 1, try_end, False)
        self.frames.pop()
        self._edge(f_end, after)
        return after

    _STMTS = {
        K.COMPOUND_STMT: _compound, K.NULL_STMT: _null, K.DECL_STMT: _decl,
        K.RETURN_STMT: _return, K.IF_STMT: _if, K.WHILE_STMT: _while, K.DO_STMT: _do,
        K.FOR_STMT: _for, K.SWITCH_STMT: _switch, K.CASE_STMT: _case,
        K.DEFAULT_STMT: _default, K.BREAK_STMT: _break, K.CONTINUE_STMT: _continue,
        K.LABEL_STMT: _label, K.GOTO_STMT: _goto, K.INDIRECT_GOTO_STMT: _indirect_goto,
        K.SEH_LEAVE_STMT: _leave, K.SEH_TRY_STMT: _try,
    }

    # -- expressions ---------------------------------------------------------------------
    def _cond(self, e: Cursor, blk: Block, t: Block, f: Block) -> None:
        """Evaluate ``e`` as a branch condition: control goes to ``t`` or ``f``."""
        while e.kind in _TRANSPARENT:
            kids = self._kids(e)
            if len(kids) != 1:
                break
            e = kids[0]
        k = e.kind
        if k == K.UNARY_OPERATOR and unary_op(e) == UO_LNOT:
            return self._cond(self._kids(e)[0], blk, f, t)
        if k == K.BINARY_OPERATOR:
            op = binary_op(e)
            if op in (BO_LAND, BO_LOR):
                lhs, rhs = self._kids(e)
                mid = self._new()
                if op == BO_LAND:
                    self._cond(lhs, blk, mid, f)
                else:
                    self._cond(lhs, blk, t, mid)
                return self._cond(rhs, mid, t, f)
            if op == BO_COMMA:
                lhs, rhs = self._kids(e)
                return self._cond(rhs, self._expr(lhs, blk)[0], t, f)
        if k == K.CONDITIONAL_OPERATOR:
            kids = self._kids(e)
            if len(kids) == 3:
                a, b = self._new(), self._new()
                self._cond(kids[0], blk, a, b)
                self._cond(kids[1], a, t, f)
                return self._cond(kids[2], b, t, f)
        blk, emitted = self._expr(e, blk)
        if not emitted:
            blk = self._emit(e, blk)
        value = None
        if k != K.CALL_EXPR:
            value = evaluate_int(e)
        elif self._abnormal and callee_name(e) in ABNORMAL_TERMINATION:
            value = int(self._abnormal[-1])  # known in each copy of the finally body
        if value is None or value:
            self._edge(blk, t, EdgeKind.TRUE, cond=e)
        if value is None or not value:
            self._edge(blk, f, EdgeKind.FALSE, cond=e)

    def _expr(self, e: Cursor, blk: Block) -> tuple[Block, bool]:
        """Evaluate ``e`` for its value; return the block after it and whether ``e`` itself
        was emitted as a node."""
        k = e.kind
        if k in _LEAF:
            return blk, False
        if k == K.CALL_EXPR:
            for ch in self._kids(e):
                blk = self._expr(ch, blk)[0]
            blk = self._emit(e, blk)
            if canonical_name(callee_name(e)) in self.no_return \
                    or declared_no_return(e, self._declared):
                self._edge(blk, self.exit, EdgeKind.NORETURN)
                return self._dead(), True
            return blk, True
        if k == K.BINARY_OPERATOR:
            op = binary_op(e)
            if op in (BO_LAND, BO_LOR):
                lhs, rhs = self._kids(e)
                right, join = self._new(), self._new()
                if op == BO_LAND:
                    self._cond(lhs, blk, right, join)
                else:
                    self._cond(lhs, blk, join, right)
                r_end = self._expr(rhs, right)[0]
                self._edge(r_end, join)
                return join, False
            if op == BO_ASSIGN:
                lhs, rhs = self._kids(e)
                blk = self._expr(rhs, blk)[0]
                blk = self._expr(lhs, blk)[0]
                return self._emit(e, blk), True
        elif k == K.COMPOUND_ASSIGNMENT_OPERATOR:
            for ch in self._kids(e):
                blk = self._expr(ch, blk)[0]
            return self._emit(e, blk), True
        elif k == K.UNARY_OPERATOR:
            for ch in self._kids(e):
                blk = self._expr(ch, blk)[0]
            if unary_op(e) in _INCDEC:
                return self._emit(e, blk), True
            return blk, False
        elif k == K.CONDITIONAL_OPERATOR:
            kids = self._kids(e)
            if len(kids) == 3:
                a, b, join = self._new(), self._new(), self._new()
                self._cond(kids[0], blk, a, b)
                self._edge(self._expr(kids[1], a)[0], join)
                self._edge(self._expr(kids[2], b)[0], join)
                return join, False
        elif k == K.StmtExpr:
            for ch in self._kids(e):
                blk = self._stmt(ch, blk)
            return blk, False
        for ch in self._kids(e):
            blk = self._expr(ch, blk)[0]
        return blk, False

    # -- whole function ------------------------------------------------------------------
    def build(self) -> CFG:
        self._indirect: list[Block] = []
        body = None
        for ch in self._kids(self.function):
            if ch.kind == K.COMPOUND_STMT:
                body = ch
        first = self._new()
        self._edge(self.entry, first)
        end = self._stmt(body, first) if body is not None else first
        self._edge(end, self.exit)
        for blk in self._indirect:
            for target in self.labels.values():
                self._edge(blk, target)
        return _finish(self.function, self.blocks, self.entry, self.exit)


def _for_parts(s: Cursor, kids: list) -> tuple:
    """(init, cond, inc) of a FOR_STMT; libclang omits the missing ones from its children."""
    parts = kids[:-1]
    if len(parts) == 3:
        return tuple(parts)
    if not parts:
        return None, None, None
    init = cond = inc = None
    semis = _for_semicolons(s, kids[-1])
    if semis is not None:
        for p in parts:
            off = p.extent.start.offset
            if off < semis[0]:
                init = p
            elif off < semis[1]:
                cond = p
            else:
                inc = p
        return init, cond, inc
    # No usable tokens (the loop comes from a macro): guess from the shapes.
    rest = []
    for p in parts:
        if p.kind == K.DECL_STMT:
            init = p
        else:
            rest.append(p)
    if len(rest) == 2:
        return (rest[0], None, rest[1]) if init is None else (init, rest[0], rest[1])
    if rest:
        cond = rest[0]
    return init, cond, inc


def _for_semicolons(s: Cursor, body: Cursor) -> Optional[tuple[int, int]]:
    """File offsets of the two ``;`` in ``for ( ; ; )``, from the tokens before the body."""
    start, end = s.extent.start, body.extent.start
    if start.file is None or end.file is None or start.file.name != end.file.name \
            or end.offset <= start.offset:
        return None
    rng = ci.SourceRange.from_locations(start, end)
    depth, semis = 0, []
    for tok in s.translation_unit.get_tokens(extent=rng):
        sp = tok.spelling
        if sp == "(":
            depth += 1
        elif sp == ")":
            depth -= 1
            if depth == 0:
                break
        elif sp == ";" and depth == 1:
            semis.append(tok.extent.start.offset)
    return (semis[0], semis[1]) if len(semis) == 2 else None


def _finish(function: Cursor, blocks: list[Block], entry: Block, exit_: Block) -> CFG:
    """Merge empty pass-through blocks, drop empty dead ones, mark reachability, renumber."""
    for b in blocks:
        if b is entry or b is exit_ or b.nodes or len(b.succs) != 1:
            continue
        out = b.succs[0]
        if out.kind != EdgeKind.NORMAL or out.dst is b:
            continue
        target = out.dst
        target.preds.remove(out)
        for e in b.preds:
            e.dst = target
            target.preds.append(e)
        b.preds, b.succs = [], []
        b._dead = True
    kept = [b for b in blocks if b in (entry, exit_) or b.nodes or b.succs or b.preds]
    seen = {id(entry)}
    stack = [entry]
    while stack:
        for s in stack.pop().successors:
            if id(s) not in seen:
                seen.add(id(s))
                stack.append(s)
    ordered = [entry] + [b for b in kept if b is not entry and b is not exit_] + [exit_]
    for i, b in enumerate(ordered):
        b.id = i
        b.reachable = id(b) in seen
    return CFG(function, ordered)


def build_cfg(function: Cursor, no_return: frozenset = NO_RETURN, tree: Optional[Tree] = None,
              declared: Optional[dict] = None) -> CFG:
    """The CFG of a FUNCTION_DECL (a declaration without body gives entry → exit).

    Pass the function's :class:`Tree` when another pass already has one, and ``declared`` (a
    per-translation-unit cache for :func:`declared_no_return`) when building several CFGs.
    """
    limit = sys.getrecursionlimit()
    if limit < 20000:
        sys.setrecursionlimit(20000)  # deeply nested else-if ladders and long expressions
    return _Builder(function, no_return, tree if tree is not None else Tree(function),
                    declared).build()
