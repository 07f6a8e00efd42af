"""The package's shape, checked from the source: data flows one way.

Every `import` is read with `ast`, those inside functions included (a function-level import is
still a dependency; it only hides a circle until the function runs). Implicit imports of a
parent package's `__init__` are not edges, as in import-linter.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import optimizer

ROOT = Path(optimizer.__file__).resolve().parent
PACKAGE = "optimizer"


def _module_name(path: Path) -> str:
    parts = [PACKAGE, *path.relative_to(ROOT).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in ROOT.rglob("*.py")}


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _imports(name: str) -> Iterator[str]:
    """Every module `name` imports: absolute names, internal or not."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    here = name if _is_package(name) else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            # `from . import x` imports the submodule x when there is one
            subs = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in MODULES]
            yield from subs or [target]
            if subs and len(subs) < len(node.names):
                yield target


GRAPH = {
    name: {dep for dep in _imports(name) if dep in MODULES and dep != name} for name in MODULES
}


def _cycles() -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(GRAPH[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return found


def _reaches(start: str, prefix: str) -> list[str]:
    """Modules under `prefix` that `start` depends on, directly or not."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for dep in GRAPH[todo.pop()]:
            if dep not in seen:
                seen.add(dep)
                todo.append(dep)
    return sorted(m for m in seen if m == prefix or m.startswith(prefix + "."))


def test_the_graph_was_read() -> None:
    assert GRAPH["optimizer.planner"] >= {"optimizer.cpsat.solver", "optimizer.problem"}
    assert "optimizer.cpsat.rules.base" in MODULES


def test_no_import_cycle() -> None:
    assert _cycles() == []


def test_only_cpsat_imports_ortools() -> None:
    outside = sorted(
        name
        for name in MODULES
        if not name.startswith("optimizer.cpsat")
        and any(dep == "ortools" or dep.startswith("ortools.") for dep in _imports(name))
    )
    assert outside == []


def test_the_validator_is_independent_of_the_model() -> None:
    for name in MODULES:
        if name == "optimizer.validate" or name.startswith("optimizer.validate."):
            for banned in ("optimizer.cpsat", "optimizer.planner", "optimizer.greedy"):
                assert _reaches(name, banned) == [], name


def test_exports_depend_on_the_program_never_the_reverse() -> None:
    assert _reaches("optimizer.program", "optimizer.export") == []


def test_problem_data_has_no_solver() -> None:
    for name in ("optimizer.problem", "optimizer.result", "optimizer.edits", "optimizer.greedy"):
        assert _reaches(name, "optimizer.cpsat") == [], name


def test_the_cli_is_a_package() -> None:
    assert _is_package("optimizer.cli")
