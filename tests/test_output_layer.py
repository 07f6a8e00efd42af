"""The output layer's shape (issue 12): exports depend on the Program, never the reverse, and
the export package's modules form no import cycle, counting imports inside functions too.

Read from the source with `ast`, so an import that only runs on some path (a lazy import in a
method) counts as much as one at the top of a module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import optimizer
from optimizer.program import EXERCISE_ROW_FIELDS

from helpers import solve_checked

PACKAGE = Path(optimizer.__file__).parent
EXPORT = PACKAGE / "export"


def imported_modules(path: Path, package: str) -> set[str]:
    """Every module `path` imports, anywhere in it, as absolute dotted names.

    `from . import x` and `from .pkg import x` count both the package and `pkg.x` (x may be a
    submodule); `package` is the dotted name of the package holding `path`.
    """
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def export_graph() -> dict[str, set[str]]:
    """optimizer.export.<module> -> the export modules it imports (the package itself aside)."""
    names = {f"optimizer.export.{p.stem}" for p in EXPORT.glob("*.py") if p.stem != "__init__"}
    return {
        f"optimizer.export.{p.stem}": imported_modules(p, "optimizer.export") & names
        for p in EXPORT.glob("*.py")
        if p.stem != "__init__"
    }


def test_export_is_a_package_with_the_expected_modules() -> None:
    assert (EXPORT / "__init__.py").is_file()
    assert not (PACKAGE / "export.py").exists()
    assert not (PACKAGE / "export_html.py").exists()
    assert {p.stem for p in EXPORT.glob("*.py")} >= {"text", "formats", "html", "terminal", "files"}


def test_program_does_not_import_the_exports() -> None:
    imported = imported_modules(PACKAGE / "program.py", "optimizer")
    assert not {m for m in imported if m == "optimizer.export" or m.startswith("optimizer.export.")}


def test_export_modules_import_no_package_init() -> None:
    """A module importing `optimizer.export` itself would go through `__init__`, which imports
    every module: a circle by the back door."""
    for path in EXPORT.glob("*.py"):
        if path.stem != "__init__":
            imported = imported_modules(path, "optimizer.export")
            assert "optimizer.export" not in imported, path.name


def test_cli_modules_import_no_package_init() -> None:
    """`optimizer.cli` builds the app and registers the command modules; none imports it back."""
    for path in (PACKAGE / "cli").glob("*.py"):
        if path.stem != "__init__":
            imported = imported_modules(path, "optimizer.cli")
            assert "optimizer.cli" not in imported, path.name


def test_export_modules_have_no_cycle() -> None:
    graph = export_graph()
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path, module))
        if module in done:
            return
        for child in sorted(graph.get(module, ())):
            visit(child, (*path, module))
        done.add(module)

    for module in graph:
        visit(module, ())
    # the intended direction: the pure text helpers import no other export module
    assert graph["optimizer.export.text"] == set()


def test_public_export_names_still_importable() -> None:
    from optimizer import export

    for name in (
        "to_json",
        "to_csv",
        "to_markdown",
        "to_html",
        "exercise_rows",
        "CSV_FIELDS",
        "PROGRAM_SUFFIXES",
        "program_files",
        "write_outputs",
        "write_atomic",
        "print_program",
        "status_line",
        "proof_text",
        "number_text",
        "reps_text",
        "target_text",
        "volume_rows",
        "dumps",
    ):
        assert hasattr(export, name), name
    assert export.CSV_FIELDS == EXERCISE_ROW_FIELDS


def test_rows_and_csv_share_one_column_list() -> None:
    from optimizer.export import to_csv

    program = solve_checked(
        {"client": "rows", "days": ["mon"], "session_minutes": 30, "targets": {"chest": 4}}
    )
    rows = program.exercise_rows()
    assert rows and all(tuple(row) == EXERCISE_ROW_FIELDS for row in rows)
    assert to_csv(program).splitlines()[0] == ",".join(EXERCISE_ROW_FIELDS)
    assert list(program.to_dataframe().columns) == list(EXERCISE_ROW_FIELDS)


def test_catalog_queries_are_public() -> None:
    from optimizer.catalog import filter_exercises, load_catalog, summary

    book = load_catalog()
    chosen = filter_exercises(book, muscles=["shoulders"], mechanic="isolation")
    assert chosen and all(ex.mechanic == "isolation" for ex in chosen)
    assert all({"front_delts", "side_delts", "rear_delts"} & set(ex.primary) for ex in chosen)
    assert summary(book).startswith(f"{len(book)} exercises valid")
