"""No underscore name is reached from outside its class: `x._name` only as `self._name`, `cls._name`,
`super()._name` or `TheClass._name` inside that class. Textual's private names are reached only
through `ui/textual_private.py`, the one module allowed here (tests/ui/test_textual_private.py
fails when a Textual upgrade changes one)."""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "src" / "studytui"
# The module that reaches Textual's private names for everyone else.
ALLOWED_MODULES = {"ui/textual_private.py"}
# Public names that start with an underscore, each with why.
ALLOWED_NAMES = {
    "os._exit",  # the standard library's exit without clean-up, for a process whose parent died
}


def private_accesses(tree: ast.Module) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST, classes: tuple[str, ...]) -> None:
        if isinstance(node, ast.ClassDef):
            classes = (*classes, node.name)
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            owner = node.value
            inside = (
                (isinstance(owner, ast.Name) and (owner.id in ("self", "cls") or owner.id in classes))
                or (isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "super")
            )
            if not inside:
                found.append((node.lineno, ast.unparse(node)))
        for child in ast.iter_child_nodes(node):
            visit(child, classes)

    visit(tree, ())
    return found


def test_no_underscore_name_is_used_across_a_class_boundary() -> None:
    problems = []
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE).as_posix()
        if relative in ALLOWED_MODULES:
            continue
        for line, text in private_accesses(ast.parse(path.read_text(encoding="utf-8"))):
            if text not in ALLOWED_NAMES:
                problems.append(f"{relative}:{line}: {text}")
    assert not problems, "private names used from outside their class:\n" + "\n".join(problems)


def test_the_check_sees_what_it_forbids() -> None:
    tree = ast.parse(
        "class A:\n"
        "    def f(self, other):\n"
        "        self._x; A._y; super()._z\n"
        "        other._w\n"
        "def g(a):\n"
        "    return a._v\n"
    )
    assert [text for _, text in private_accesses(tree)] == ["other._w", "a._v"]
