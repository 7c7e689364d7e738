"""No function of the package is over 50 lines without a reason written next
to it: a ``# long: <reason>`` comment on the line directly above its ``def``
(or above its first decorator)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "sphinx_scholar"
LIMIT = 50


def long_functions_without_reason(source: str) -> list[tuple[str, int, int]]:
    """(name, first line, length) of each function over LIMIT lines whose
    definition is not preceded by a ``# long:`` comment."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        length = node.end_lineno - node.lineno + 1
        first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        above = lines[first - 2].strip() if first > 1 else ""
        if length > LIMIT and not (above.startswith("# long:") and len(above) > len("# long:") + 10):
            found.append((node.name, node.lineno, length))
    return found


def test_no_long_function_without_a_reason():
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line} {name} ({length} lines)"
        for path in sorted(PACKAGE.rglob("*.py"))
        for name, line, length in long_functions_without_reason(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, "split these, or write '# long: <reason>' above the def:\n" + "\n".join(offenders)


def test_the_length_test_can_fail():
    body = "\n".join(f"    x{i} = {i}" for i in range(LIMIT))
    assert long_functions_without_reason(f"def f():\n{body}\n") == [("f", 1, LIMIT + 1)]
    assert long_functions_without_reason(f"# long: a flat table of registrations\ndef f():\n{body}\n") == []
    assert long_functions_without_reason(f"# long:\ndef f():\n{body}\n") == [("f", 2, LIMIT + 1)]  # a reason, not a tag
    assert long_functions_without_reason("def g():\n    pass\n") == []
