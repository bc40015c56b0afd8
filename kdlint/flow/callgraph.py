"""The file's call graph, and the one walk of each function body that feeds it.

:func:`scan_function` walks a definition's body once and records what several passes need:
its calls (:class:`~kdlint.cursors.Call`, in source order, nested calls after their parents),
its plain assignments, its local initialisers, and every *use of a function as a value*
(:class:`FunctionUse`: passed as an argument, assigned, used in an initialiser or returned).
The driver model (:mod:`kdlint.model.driver`) reads roles from these records.
It also lists the variables a body refers to, which is how the file's global tables are found.

:class:`CallGraph` holds those scans for every definition of the main file (and the uses in the
initialisers of main-file globals those functions refer to, such as callback tables), the
caller → callee edges among the file's definitions (by canonical name), strongly connected
components in bottom-up order (callees before callers; a recursive cycle is one component),
and the per-file caches that all :class:`~kdlint.flow.facts.FunctionFacts` of the file share:
CFGs, solved analyses and function summaries (:mod:`kdlint.flow.summaries`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional

from clang.cindex import Cursor, CursorKind as K

from kdlint.cursors import Call, initializer
from kdlint.flow.cfg import BO_ASSIGN, UO_ADDROF, Tree, binary_op, children, unary_op
from kdlint.libclang import (_CHILDLESS, fetch_children, is_from_main_file, share_children,
                              unshare_children)

if TYPE_CHECKING:  # pragma: no cover
    from kdlint.flow.cfg import CFG
    from kdlint.flow.facts import FunctionFacts
    from kdlint.flow.solver import Analysis, Solution
    from kdlint.flow.summaries import SummaryAnalysis, SummaryTable

_CALL, _DECL_REF, _BINARY, _VAR, _FUNCTION = (
    K.CALL_EXPR.value, K.DECL_REF_EXPR.value, K.BINARY_OPERATOR.value, K.VAR_DECL.value,
    K.FUNCTION_DECL.value)

_NO_KIDS: list = []  # shared by childless nodes; never mutated

# Wrappers a function value passes through unchanged on its way to where it is used.
_VALUE_WRAPPERS = {K.UNEXPOSED_EXPR, K.PAREN_EXPR, K.CSTYLE_CAST_EXPR}


@dataclass
class FunctionUse:
    """A function named as a value (not called): ``IoSetCompletionRoutine(Irp, Done, ...)``,
    ``Driver->DriverUnload = Unload``, ``PKSTART_ROUTINE r = Worker``, ``{ PreCreate, ... }``."""

    name: str  # the function used
    user: Optional[str]  # the function whose body holds the use; None at file scope
    cursor: Cursor  # the DECL_REF_EXPR
    context: str  # "argument" | "assignment" | "initializer" | "return" | "other"
    call: Optional[Call] = None  # "argument": the call it is passed to
    arg_index: Optional[int] = None  # "argument": 0-based position
    target: Optional[Cursor] = None  # "assignment": left-hand side; "initializer": the VAR_DECL

    @property
    def line(self) -> int:
        return self.cursor.location.line


@dataclass
class Scan:
    """What one walk of a function body (or a global initialiser) found."""

    calls: list = field(default_factory=list)  # [Call], pre-order
    assignments: list = field(default_factory=list)  # [(assignment, lhs, rhs)] for plain '='
    inits: list = field(default_factory=list)  # [(VAR_DECL, initialiser expression)]
    uses: list = field(default_factory=list)  # [FunctionUse]
    variables: list = field(default_factory=list)  # [VAR_DECL] referenced (with repeats)
    nodes: list = field(default_factory=list)  # every cursor of the walk, pre-order
    _by_kind: Optional[dict] = field(default=None, repr=False)
    _members: Optional[frozenset] = field(default=None, repr=False)

    @property
    def by_kind(self) -> dict:
        """``{kind id: [cursor, ...]}`` over :attr:`nodes` (pre-order within each kind): ask
        ``scan.by_kind.get(CursorKind.X.value, ())`` instead of walking the body again."""
        got = self._by_kind
        if got is None:
            got = self._by_kind = {}
            for node in self.nodes:
                k = node._kind_id
                lst = got.get(k)
                if lst is None:
                    got[k] = [node]
                else:
                    lst.append(node)
        return got

    @property
    def member_names(self) -> frozenset:
        """The spellings of the members the body names (``p->Field``, ``s.Field``), macro
        expansions included: a lexical pre-check before a model solves the function."""
        got = self._members
        if got is None:
            got = self._members = frozenset(m.spelling for m in self.of_kind(K.MEMBER_REF_EXPR))
        return got

    def of_kind(self, *kinds) -> list:
        """The nodes of the given kinds (``CursorKind`` members), in pre-order."""
        if len(kinds) == 1:
            return self.by_kind.get(kinds[0].value, [])
        ids = {k.value for k in kinds}
        return [n for n in self.nodes if n._kind_id in ids]


def _use_context(path: list, user: Optional[str], ref: Cursor, name: str) -> Optional[FunctionUse]:
    """Classify the DECL_REF_EXPR at ``path[-1]`` naming function ``name`` (None: a direct call)."""
    child = path[-1][0]
    for i in range(len(path) - 2, -1, -1):
        node, kids = path[i]
        k = node.kind
        if k in _VALUE_WRAPPERS or (k == K.UNARY_OPERATOR and unary_op(node) == UO_ADDROF):
            child = node
            continue
        if k == K.CONDITIONAL_OPERATOR and kids and child is not kids[0]:
            child = node
            continue
        if k == K.CALL_EXPR:
            pos = next((j for j, c in enumerate(kids) if c is child), 0)
            if pos == 0:
                return None  # the callee of a direct call
            return FunctionUse(name, user, ref, "argument", Call.from_cursor(node), pos - 1)
        if k == K.BINARY_OPERATOR and len(kids) == 2 and child is kids[1] \
                and binary_op(node) == BO_ASSIGN:
            return FunctionUse(name, user, ref, "assignment", target=kids[0])
        if k == K.VAR_DECL:
            return FunctionUse(name, user, ref, "initializer", target=node)
        if k == K.INIT_LIST_EXPR:
            var = next((p for p, _ in reversed(path[:i]) if p.kind == K.VAR_DECL), None)
            return FunctionUse(name, user, ref, "initializer", target=var)
        if k == K.RETURN_STMT:
            return FunctionUse(name, user, ref, "return")
        return FunctionUse(name, user, ref, "other")
    return FunctionUse(name, user, ref, "other")


def scan(root: Cursor, user: Optional[str], tree: Optional[Tree] = None) -> Scan:
    """One pre-order walk of ``root`` (a function definition or a global VAR_DECL). With a
    ``tree`` whose root is ``root``, the walk's node order is kept on the tree so that
    :meth:`Tree.walk <kdlint.flow.cfg.Tree.walk>` needs no second walk."""
    if tree is None:
        tree = Tree(None)  # a private cache: each node's children are fetched once
    got_kids = tree._kids.get
    store_kids = tree._kids.__setitem__
    keep = tree._keep.extend
    out = Scan()
    calls, assignments, inits = out.calls, out.assignments, out.inits
    order = out.nodes
    add = order.append
    if tree.root is not root:
        keep((root,))
    stack = [(root, 0)]
    pop, push = stack.pop, stack.append
    path: list = []  # [(node, children)] from root to the current node
    for_path = path.append
    while stack:
        node, depth = pop()
        del path[depth:]
        add(node)
        k = node._kind_id  # the int: CursorKind lookups cost more than the rest of the loop
        if k in _CHILDLESS:
            kids = _NO_KIDS
        else:
            kids = got_kids(id(node))
            if kids is None:
                kids = fetch_children(node)
                store_kids(id(node), kids)
                keep(kids)  # the node itself is kept already: the root, or a fetched child
        for_path((node, kids))
        if k == _CALL:
            calls.append(Call.from_cursor(node))
        elif k == _DECL_REF:
            ref = node.referenced
            if ref is not None:
                rk = ref._kind_id
                if rk == _FUNCTION:
                    use = _use_context(path, user, node, ref.spelling)
                    if use is not None:
                        out.uses.append(use)
                elif rk == _VAR:
                    out.variables.append(ref)
        elif k == _BINARY and len(kids) == 2 and binary_op(node) == BO_ASSIGN:
            assignments.append((node, kids[0], kids[1]))
        elif k == _VAR:
            init = initializer(node, lambda _: kids)
            if init is not None:
                inits.append((node, init))
        if kids:
            depth += 1
            for c in reversed(kids):
                push((c, depth))
    if tree.root is root:
        tree.order = order
    return out


def scan_function(fn: Cursor, tree: Optional[Tree] = None) -> Scan:
    """Scan one function definition (parameters included; they have no initialisers in C)."""
    return scan(fn, fn.spelling, tree)


class CallGraph:
    """Definitions of the main file, who calls whom among them, and shared per-file caches."""

    def __init__(self, functions: Iterable[Cursor], tu=None):
        """``functions``: the main file's definitions; ``tu`` is kept for callers' use."""
        self.functions: dict[str, Cursor] = {}
        for fn in functions:
            self.functions.setdefault(fn.spelling, fn)
        if tu is None and self.functions:
            tu = next(iter(self.functions.values())).translation_unit
        self.tu = tu
        self.driver = None  # the DriverModel built on this graph, if any (set by it)
        self._scans: dict[str, Scan] = {}
        self._trees: dict[str, Tree] = {}
        self._store: tuple[dict, list] = ({}, [])  # children by cursor id, shared by the trees
        self._any = Tree(None, self._store)
        #: one cursor object per declaration referenced in the file, by the cursor's bytes
        #: (filled by ``Cursor.referenced``, see :mod:`kdlint.libclang`)
        self._declarations: dict[bytes, Cursor] = {}
        if tu is not None:
            share_children(self)  # the models' own children() calls use the same store
        self._globals: Optional[list] = None
        self._sccs: Optional[list] = None
        self._callees: dict[str, list] = {}
        self._cfgs: dict[str, Any] = {}
        self._building: set = set()
        #: Definitions of this file that never return to their caller (known once their CFG is)
        self.no_return: set = set()
        self._declared_no_return: dict = {}  # callee declaration -> its type is noreturn
        self._facts: dict[str, Any] = {}
        self._solutions: dict = {}
        self._summaries: dict = {}
        self._models: dict = {}  # per-file model objects, by key (see model())
        # derived from the scans; rebuilt when a definition is added to ``functions``
        self._uses: Optional[tuple[int, list]] = None
        self._taken: Optional[tuple[int, set]] = None
        self._callers: Optional[tuple[int, dict]] = None

    # -- scans ---------------------------------------------------------------------------
    def scan(self, name: str) -> Scan:
        """The body scan of definition ``name`` (computed once)."""
        got = self._scans.get(name)
        if got is None:
            got = self._scans[name] = scan_function(self.functions[name], self.tree(name))
        return got

    def tree(self, name: str) -> Tree:
        """The children of every cursor of definition ``name`` (fetched once, shared by
        the scan and the CFG)."""
        got = self._trees.get(name)
        if got is None:
            got = self._trees[name] = Tree(self.functions[name], self._store)
        return got

    def children(self, cursor: Cursor) -> list:
        """Children of any cursor, cached for the whole file (shared with the trees)."""
        return self._any.children(cursor)

    def _find_globals(self) -> None:
        """The main file's global variables that some function of the file refers to (a
        callback table nobody names cannot matter). Found through the bodies' references, since
        a pass over the TU's top level visits every header declaration (tens of thousands with
        a WDK)."""
        self._globals = []
        seen: set = set()
        for name in self.functions:
            for var in self.scan(name).variables:
                if var in seen:
                    continue
                seen.add(var)
                parent = var.semantic_parent
                if parent is None or parent.kind != K.TRANSLATION_UNIT:
                    continue  # a local or a parameter
                definition = var.get_definition() or var
                if is_from_main_file(definition):
                    self._globals.append((definition, scan(definition, None)))

    @property
    def globals(self) -> list:
        """[(VAR_DECL, Scan)] for the main file's global variables the functions refer to."""
        if self._globals is None:
            self._find_globals()
        return self._globals

    def first_declaration(self, name: str) -> Optional[Cursor]:
        """The first declaration of definition ``name`` when it is not the definition itself
        (usually the prototype in a project header or at the top of the file)."""
        fn = self.functions[name]
        canon = fn.canonical
        return canon if canon is not None and canon != fn else None

    @property
    def uses(self) -> list:
        """Every :class:`FunctionUse` in the file: bodies first, then global initialisers.
        (Computed once; the models ask for it per function.)"""
        n = len(self.functions)
        if self._uses is None or self._uses[0] != n:
            out = [u for name in self.functions for u in self.scan(name).uses]
            self._uses = (n, out + [u for _, s in self.globals for u in s.uses])
        return list(self._uses[1])

    def uses_of(self, name: str) -> list:
        return [u for u in self.uses if u.name == name]

    @property
    def address_taken(self) -> set:
        """Functions used as values anywhere in the file (callbacks, dispatch tables)."""
        n = len(self.functions)
        if self._taken is None or self._taken[0] != n:
            self._taken = (n, {u.name for u in self.uses})
        return set(self._taken[1])

    # -- edges ---------------------------------------------------------------------------
    def calls_from(self, name: str) -> list:
        """Every call in ``name``'s body (to anything, defined here or not)."""
        return self.scan(name).calls

    def callees(self, name: str) -> list:
        """Definitions of this file that ``name`` calls directly, in first-call order."""
        got = self._callees.get(name)
        if got is None:
            seen: dict[str, None] = {}
            for call in self.scan(name).calls:
                if call.name in self.functions:
                    seen.setdefault(call.name)
            got = self._callees[name] = list(seen)
        return got

    def callers(self, name: str) -> list:
        """Definitions of this file that call ``name`` directly, in definition order."""
        n = len(self.functions)
        if self._callers is None or self._callers[0] != n:
            index: dict[str, list] = {}
            for f in self.functions:
                for callee in self.callees(f):
                    index.setdefault(callee, []).append(f)
            self._callers = (n, index)
        return list(self._callers[1].get(name, ()))

    def sccs(self) -> list:
        """Strongly connected components, callees before callers (Tarjan, iterative)."""
        if self._sccs is not None:
            return self._sccs
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        on_stack: set = set()
        stack: list = []
        out: list = []
        counter = 0
        for root in self.functions:
            if root in index:
                continue
            work = [(root, iter(self.callees(root)))]
            index[root] = low[root] = counter
            counter += 1
            stack.append(root)
            on_stack.add(root)
            while work:
                v, it = work[-1]
                w = next(it, None)
                if w is not None:
                    if w not in index:
                        index[w] = low[w] = counter
                        counter += 1
                        stack.append(w)
                        on_stack.add(w)
                        work.append((w, iter(self.callees(w))))
                    elif w in on_stack:
                        low[v] = min(low[v], index[w])
                    continue
                work.pop()
                if work:
                    u = work[-1][0]
                    low[u] = min(low[u], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    out.append(comp)
        self._sccs = out
        return out

    def bottom_up(self) -> list:
        """All definitions, callees before callers (members of a cycle in arbitrary order)."""
        return [f for comp in self.sccs() for f in comp]

    def component(self, name: str) -> list:
        """The SCC holding ``name``."""
        for comp in self.sccs():
            if name in comp:
                return comp
        return [name]

    def is_recursive(self, name: str) -> bool:
        comp = self.component(name)
        return len(comp) > 1 or name in self.callees(name)

    # -- shared caches -------------------------------------------------------------------
    def cfg(self, name: str) -> "CFG":
        """The CFG of definition ``name``. Its callees' CFGs are built first, so that a call to
        a helper of this file that never returns (every path ends in a bug check, a raise or an
        endless loop) ends the path like a call to ``KeBugCheckEx`` does (:attr:`no_return`), as
        does a call to a routine declared noreturn (:func:`~kdlint.flow.cfg.declared_no_return`)."""
        got = self._cfgs.get(name)
        if got is None:
            from kdlint.flow.cfg import NO_RETURN, EdgeKind, build_cfg

            self._building.add(name)
            try:
                for callee in self.callees(name):
                    if callee not in self._cfgs and callee not in self._building:
                        self.cfg(callee)  # members of a recursive cycle are assumed to return
            finally:
                self._building.discard(name)
            got = self._cfgs[name] = build_cfg(self.functions[name], NO_RETURN | self.no_return,
                                               tree=self.tree(name),
                                               declared=self._declared_no_return)
            if not any(e.kind != EdgeKind.NORETURN and e.src.reachable for e in got.exit.preds):
                self.no_return.add(name)
        return got

    def facts(self, name: str) -> "FunctionFacts":
        """A FunctionFacts for definition ``name`` sharing this graph's caches."""
        got = self._facts.get(name)
        if got is None:
            from kdlint.flow.facts import FunctionFacts

            got = self._facts[name] = FunctionFacts(self.functions[name], self.driver, callgraph=self)
        return got

    def solve(self, name: str, analysis: "Analysis") -> "Solution":
        """``analysis`` solved over ``name``'s CFG, once per (function, analysis.key)."""
        key = (name, analysis.key)
        got = self._solutions.get(key)
        if got is None:
            from kdlint.flow.solver import solve

            got = self._solutions[key] = solve(self.cfg(name), analysis)
        return got

    def release(self) -> None:
        """Drop every per-file cache and model (the analysis of the file is over). The models
        and the graph refer to each other; emptying the tables lets reference counting free
        them at once instead of leaving a large cycle to the garbage collector. A model or
        summary table whose parts refer back to it (a file's model and its functions' models)
        has a ``release()`` that empties its own tables, and CFGs unlink their blocks: with no
        cycle left, the file's cursors and models are freed here, not by the next collection
        (see :func:`kdlint.workers.settle_memory`)."""
        self.driver = None
        for cfg in self._cfgs.values():
            cfg.release()
        for owner in (*self._models.values(), *self._summaries.values()):
            release = getattr(owner, "release", None)
            if release is not None:
                release()
        for table in (self._models, self._solutions, self._summaries, self._facts, self._cfgs,
                      self._scans, self._trees, self._callees, self._declarations):
            table.clear()
        unshare_children(self)

    def model(self, key: str, factory: Callable[[], Any]) -> Any:
        """The per-file object a model keeps under ``key`` (``factory()`` on first use). Models
        keep their file-wide state here so that it lives and dies with the file's graph (a
        module-level table of cursors would keep every translation unit alive)."""
        got = self._models.get(key)
        if got is None:
            got = self._models[key] = factory()
        return got

    def summaries(self, analysis: "SummaryAnalysis") -> "SummaryTable":
        """The summary table of ``analysis`` for this file (computed lazily, bottom-up)."""
        got = self._summaries.get(analysis.key)
        if got is None:
            from kdlint.flow.summaries import SummaryTable

            got = self._summaries[analysis.key] = SummaryTable(self, analysis)
        return got
