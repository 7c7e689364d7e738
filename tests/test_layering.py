"""The package's layers: data flows one way, and the imports say so.

A module may import from its own package and from packages of a lower rank,
never from a higher one; an import inside a function is allowed only where
it is listed below with its reason (never to dodge a cycle).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "sphinx_scholar"

#: rank of each top-level package or module; lower ranks never import higher ones
RANKS = {
    "records": 0,  # plain immutable data
    "loaders": 1,  # files -> records + problems
    "selection": 2,  # choose, order, match names
    "formats": 3,  # records -> BibTeX, CSL-JSON, RIS, Atom, metadata
    "sync": 3,  # scholarly APIs -> sidecar files (no Sphinx)
    "nodes": 4,  # node classes, visitors, post-transforms
    "render": 5,  # records -> docutils nodes
    "config": 6,
    "sphinxext": 6,  # the build's state: sources, incremental hooks, domain, assets
    "outputs": 7,  # files and pages written beside the HTML
    "directives": 8,  # glue: options -> sources -> selection -> render
    "theme": 9,
    "cli": 10,
    "__init__": 10,
}

#: (module, imported module): why the import is inside a function
LAZY_IMPORTS = {
    ("__init__", "*"): "setup() imports what it registers, so importing the package stays cheap",
    ("theme", "__init__"): "the theme's entry point loads the extension",
    ("sphinxext.sources", "loaders.bibtex"): "pybtex is imported when a .bib is first parsed",
    ("selection.filter", "selection.names"): "name patterns are compiled only for filters that use them",
    ("cli", "*"): "each subcommand imports what it needs",
}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        yield path, ".".join(parts)


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> list[str]:
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    if module == "__init__":
        package = []
    if node.level:
        base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
        target = ".".join([*base, node.module] if node.module else base)
        if not target:  # "from . import x" at the top: x is a module or a name of __init__
            return [
                alias.name if (PACKAGE / alias.name).exists() or (PACKAGE / f"{alias.name}.py").exists() else "__init__"
                for alias in node.names
            ]
        return [target]
    if node.module and node.module.split(".")[0] == "sphinx_scholar":
        return [".".join(node.module.split(".")[1:]) or "__init__"]
    return []


def _rank(module: str) -> int:
    return RANKS[module.split(".")[0]]


def test_every_package_has_a_rank():
    for _, module in _modules():
        assert module.split(".")[0] in RANKS, f"{module}: give its package a rank in RANKS"


def test_imports_only_go_down_the_layers():
    wrong = []
    for path, module in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                targets = _resolve(module, path, node)
            elif isinstance(node, ast.Import):
                targets = [
                    ".".join(a.name.split(".")[1:]) or "__init__"
                    for a in node.names
                    if a.name.split(".")[0] == "sphinx_scholar"
                ]
            else:
                continue
            for target in targets:
                if target.split(".")[0] == module.split(".")[0]:
                    continue  # inside its own package
                if _rank(target) >= _rank(module) and target != "__init__":
                    wrong.append(f"{module} imports {target} (rank {_rank(target)} >= {_rank(module)})")
    assert not wrong, "\n".join(wrong)


def test_no_function_level_import_without_a_reason():
    unexplained = []
    for path, module in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom):
                    for target in _resolve(module, path, node):
                        if (
                            (module, target) not in LAZY_IMPORTS
                            and (module, "*") not in LAZY_IMPORTS
                            and (module.split(".")[0], "*") not in LAZY_IMPORTS
                        ):
                            unexplained.append(f"{module}: {target} imported inside {function.name}()")
    assert not unexplained, "\n".join(unexplained)


def test_the_layering_test_can_fail(tmp_path):
    # A lower layer importing a higher one is caught.
    fake = ast.parse("from ..render.publications import STYLES")
    node = fake.body[0]
    assert isinstance(node, ast.ImportFrom)
    target = _resolve("records.publication", PACKAGE / "records" / "publication.py", node)[0]
    assert target == "render.publications" and _rank(target) > _rank("records.publication")
