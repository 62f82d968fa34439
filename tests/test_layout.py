"""The layout keeps each concern in one home: only `storage/` knows the tables and builds
queries; the other packages ask it by name (`storage.reads`, `storage.articles`, …)."""

from __future__ import annotations

import ast

from tests.conftest import ROOT

OUTSIDE_STORAGE = ("bot", "jobs", "summit", "extract")
QUERY_BUILDERS = {"select", "update", "insert", "delete", "func", "text", "and_", "or_"}


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, None
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                yield node.lineno, node.module, alias.name


def test_only_storage_knows_the_tables_and_builds_queries():
    """No module of bot/, jobs/, summit/ or extract/ imports storage.models or SQL builders."""
    found = []
    for package in OUTSIDE_STORAGE:
        for path in sorted((ROOT / package).rglob("*.py")):
            for line, module, name in _imports(path):
                where = f"{path.relative_to(ROOT)}:{line}"
                if module == "storage.models" or (module == "storage" and name == "models"):
                    found.append(f"{where} imports storage.models")
                if module.split(".")[0] in ("sqlalchemy", "sqlmodel") and name in QUERY_BUILDERS:
                    found.append(f"{where} imports {module}.{name}")
    assert not found, "\n".join(found)
