"""The shape of the code, checked: imports run one way (no circle), the store never reaches the model,
display code never calls it, and the command line and the chat use nothing but ``rag``'s public names."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import rag

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("rag", "embeddings", "ui")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """``(module, names)`` for every import of ``path`` that runs (under ``TYPE_CHECKING`` excluded)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for n in ast.walk(node))
    out: list[tuple[str, list[str]]] = []
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out.extend((a.name, []) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            out.append((base, [a.name for a in node.names]))
    return out


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for pkg in PACKAGES for p in sorted((REPO / pkg).rglob("*.py"))}


def _graph() -> dict[str, set[str]]:
    """Module -> the project modules it imports (``from rag import x`` counts ``rag.x`` when it is one)."""
    mods = _modules()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for mod, path in mods.items():
        for target, names in _imports(path):
            if target.split(".")[0] not in PACKAGES:
                continue
            subs = [f"{target}.{n}" for n in names if f"{target}.{n}" in mods]
            graph[mod].update(subs or ([target] if target in mods else []))
    return graph


def test_imports_have_no_circle() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        path.append(m)
        for n in sorted(graph[m] - {m}):
            if state.get(n) == 1:
                pytest.fail("import circle: " + " -> ".join([*path[path.index(n) :], n]))
            if n not in state:
                visit(n)
        path.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)


def _reach(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        m = todo.pop()
        for n in graph.get(m, ()):
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return seen


@pytest.mark.parametrize(
    "module",
    [m for m in sorted(_modules()) if m.startswith("rag.store")]
    + ["rag.highlight", "rag.assemble", "rag.pageimage", "ui.render"],
)
def test_the_store_and_display_code_never_reach_the_model(module: str) -> None:
    reached = _reach(_graph(), module)
    assert not {m for m in reached if m == "rag.model" or m.startswith("embeddings")}, reached


@pytest.mark.parametrize("path", [*sorted((REPO / "ui").glob("*.py")), REPO / "rag" / "cli.py"])
def test_the_cli_and_the_chat_use_only_public_names(path: Path) -> None:
    for target, names in _imports(path):
        top = target.split(".")[0]
        if top == "rag":
            assert target == "rag", f"{path.name} imports the private module {target}"
            assert set(names) <= set(rag.__all__), f"{path.name} imports {set(names) - set(rag.__all__)}"
        assert top != "embeddings", f"{path.name} imports {target}: the model is rag's business"
