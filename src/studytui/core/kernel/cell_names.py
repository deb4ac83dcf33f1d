"""Which names a cell reads from the cells before it, and which it binds for the cells after it; headless.

An `ast` walk in the order Python runs a cell: a name is read from earlier cells when the cell
loads it before binding it itself. Bindings are what Python's scoping rules make global:
assignments (augmented, annotated, unpacked), imports, `def` and `class`, `for` and `with`
targets, `except ... as`, `match` captures, the walrus (also inside a comprehension, where it binds
outside), and a function's `global` names it assigns. Comprehensions, functions, lambdas and class
bodies keep their own names; the free names of a function or lambda body count as read by the cell
(when it is called is unknown). Branches count as taken. A cell with IPython syntax (`%magic`,
`!cmd`) is turned into Python by IPython's own input transformer, imported only for such a cell.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from functools import lru_cache

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


@dataclass(frozen=True)
class CellNames:
    reads: tuple[str, ...]  # read from earlier cells, in the order first read
    binds: frozenset[str]  # global names the cell sets


@lru_cache(maxsize=4096)
def cell_names(code: str) -> CellNames:
    tree = _parse(code)
    if tree is None:
        return CellNames((), frozenset())
    walker = _CellWalker()
    for statement in tree.body:
        walker.visit(statement)
    walker.bound |= walker.global_binds
    for name in walker.deferred:  # function bodies: they run later, when the cell's names exist
        walker.read(name)
    return CellNames(tuple(walker.reads), frozenset(walker.bound))


def _parse(code: str) -> ast.Module | None:
    try:
        return ast.parse(code)
    except (SyntaxError, ValueError):
        pass
    try:
        from IPython.core.inputtransformer2 import TransformerManager  # 0.1 s, for IPython syntax only

        return ast.parse(TransformerManager().transform_cell(code))
    except Exception:  # not Python even for IPython: it reads and binds nothing we can know
        return None


# ----- a scope whose order does not matter: a function's body, a class body, a comprehension ------


@dataclass
class _Scope:
    loads: set[str] = field(default_factory=set)
    stores: set[str] = field(default_factory=set)
    declared: set[str] = field(default_factory=set)  # global or nonlocal: not local here
    declared_global: set[str] = field(default_factory=set)
    nested_global_binds: set[str] = field(default_factory=set)  # set through `global` in a nested function
    passing: set[str] = field(default_factory=set)  # free in a scope nested in a class: the class does not hold them
    outer_stores: set[str] = field(default_factory=set)  # walrus in a comprehension: the enclosing scope's

    def free(self) -> set[str]:
        return (self.loads - (self.stores - self.declared)) | self.passing

    def global_binds(self) -> set[str]:
        return (self.declared_global & self.stores) | self.nested_global_binds


class _Binder(ast.NodeVisitor):
    """The statements and patterns that bind names the same way in every scope, in the order they
    run: imports, `except ... as`, `match` captures."""

    def bind(self, name: str) -> None:
        raise NotImplementedError

    def visit_Import(self, node: ast.Import | ast.ImportFrom) -> None:
        for alias in node.names:
            if alias.name != "*":
                self.bind(alias.asname or alias.name.split(".")[0])

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        self.visit_Import(node)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.type is not None:
            self.visit(node.type)
        if node.name:
            self.bind(node.name)
        for statement in node.body:
            self.visit(statement)

    def visit_MatchAs(self, node: ast.MatchAs) -> None:
        if node.pattern is not None:
            self.visit(node.pattern)
        if node.name:
            self.bind(node.name)

    def visit_MatchStar(self, node: ast.MatchStar) -> None:
        if node.name:
            self.bind(node.name)

    def visit_MatchMapping(self, node: ast.MatchMapping) -> None:
        self.generic_visit(node)
        if node.rest:
            self.bind(node.rest)


class _ScopeWalker(_Binder):
    """Collects one scope's loads and stores; nested scopes add their free names as loads."""

    def __init__(self, scope: _Scope, kind: str = "function") -> None:
        self.scope = scope
        self.kind = kind  # "function", "class" or "comprehension"

    def visit_Name(self, node: ast.Name) -> None:
        (self.scope.loads if isinstance(node.ctx, ast.Load) else self.scope.stores).add(node.id)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        (self.scope.outer_stores if self.kind == "comprehension" else self.scope.stores).add(node.target.id)

    def visit_Global(self, node: ast.Global) -> None:
        self.scope.declared.update(node.names)
        self.scope.declared_global.update(node.names)

    def visit_Nonlocal(self, node: ast.Nonlocal) -> None:
        self.scope.declared.update(node.names)

    def bind(self, name: str) -> None:
        self.scope.stores.add(name)

    def _nested(self, inner: _Scope) -> None:
        (self.scope.passing if self.kind == "class" else self.scope.loads).update(inner.free())
        self.scope.nested_global_binds |= inner.global_binds()
        (self.scope.outer_stores if self.kind == "comprehension" else self.scope.stores).update(inner.outer_stores)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        _visit_signature(self, node)
        self.scope.stores.add(node.name)
        self._nested(function_scope(node))

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        _visit_signature(self, node)
        self._nested(function_scope(node))

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for part in (*node.decorator_list, *node.bases, *node.keywords):
            self.visit(part)
        self.scope.stores.add(node.name)
        self._nested(class_scope(node))

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp) -> None:
        self.visit(node.generators[0].iter)  # evaluated in this scope
        self._nested(comprehension_scope(node))

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _comprehension


def _visit_signature(walker: ast.NodeVisitor, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
    """What a `def` or `lambda` evaluates where it stands: decorators, defaults, annotations."""
    args = node.args
    parts: list[ast.AST | None] = [*args.defaults, *args.kw_defaults]
    if not isinstance(node, ast.Lambda):
        parts += [*node.decorator_list, node.returns]
        parts += [arg.annotation for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg)
                  if arg is not None]
    for part in parts:
        if part is not None:
            walker.visit(part)


def function_scope(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> _Scope:
    scope = _Scope()
    args = node.args
    scope.stores.update(arg.arg for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg)
                        if arg is not None)
    walker = _ScopeWalker(scope)
    for statement in node.body if isinstance(node.body, list) else [node.body]:
        walker.visit(statement)
    return scope


def class_scope(node: ast.ClassDef) -> _Scope:
    """A class body runs at once; its names stay in the class, which its methods do not see."""
    scope = _Scope()
    walker = _ScopeWalker(scope, "class")
    for statement in node.body:
        walker.visit(statement)
    return scope


def comprehension_scope(node: ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp) -> _Scope:
    """All but the first iterable, which the enclosing scope evaluates."""
    scope = _Scope()
    walker = _ScopeWalker(scope, "comprehension")
    for number, generator in enumerate(node.generators):
        walker.visit(generator.target)
        if number:
            walker.visit(generator.iter)
        for condition in generator.ifs:
            walker.visit(condition)
    for part in (node.key, node.value) if isinstance(node, ast.DictComp) else (node.elt,):
        walker.visit(part)
    return scope


# ----- the cell itself, in the order it runs ----------------------------------------------------


class _CellWalker(_Binder):
    def __init__(self) -> None:
        self.bound: set[str] = set()
        self.reads: dict[str, None] = {}  # ordered
        self.deferred: dict[str, None] = {}
        self.global_binds: set[str] = set()

    def read(self, name: str) -> None:
        if name not in self.bound:
            self.reads.setdefault(name)

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            self.read(node.id)
        elif isinstance(node.ctx, ast.Store):
            self.bound.add(node.id)

    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        for target in node.targets:
            self.visit(target)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.target, ast.Name):
            self.read(node.target.id)
        self.visit(node.value)
        self.visit(node.target)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)
        self.visit(node.annotation)
        if node.value is not None or not isinstance(node.target, ast.Name):
            self.visit(node.target)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        self.bound.add(node.target.id)

    def visit_For(self, node: ast.For | ast.AsyncFor) -> None:
        self.visit(node.iter)
        self.visit(node.target)
        for statement in (*node.body, *node.orelse):
            self.visit(statement)

    visit_AsyncFor = visit_For

    def visit_With(self, node: ast.With | ast.AsyncWith) -> None:
        for item in node.items:
            self.visit(item.context_expr)
            if item.optional_vars is not None:
                self.visit(item.optional_vars)
        for statement in node.body:
            self.visit(statement)

    visit_AsyncWith = visit_With

    def bind(self, name: str) -> None:
        self.bound.add(name)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        _visit_signature(self, node)
        self.bound.add(node.name)
        self._defer(function_scope(node))

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        _visit_signature(self, node)
        self._defer(function_scope(node))

    def _defer(self, scope: _Scope) -> None:
        for name in sorted(scope.free()):
            self.deferred.setdefault(name)
        self.global_binds |= scope.global_binds()

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for part in (*node.decorator_list, *node.bases, *node.keywords):
            self.visit(part)
        scope = class_scope(node)
        for name in sorted(scope.free()):  # the class body runs now
            self.read(name)
        self.global_binds |= scope.global_binds()
        self.bound.add(node.name)

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp) -> None:
        self.visit(node.generators[0].iter)
        scope = comprehension_scope(node)
        for name in sorted(scope.free()):
            self.read(name)
        self.global_binds |= scope.global_binds()
        self.bound |= scope.outer_stores

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _comprehension

    def visit_TypeAlias(self, node: ast.AST) -> None:  # `type X = ...` (Python 3.12)
        name = getattr(node, "name", None)
        if isinstance(name, ast.Name):
            self.bound.add(name.id)
