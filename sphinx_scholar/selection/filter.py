"""The ``:filter:`` language of ``publications``.

A filter is a Python-like expression parsed with :mod:`ast` and evaluated by
walking the tree; nothing is ever passed to ``eval``. Names:

``type``, ``key``, ``year`` (int or None), ``month``, ``author`` (the author
names; ``"Picard" in author`` and ``"D. Picard" in author`` match by name, with
initials and accents handled as for ``scholar_me``), ``title``, ``venue``, ``keywords`` (list), ``selected`` (bool),
and any other BibTeX field by its lower-case name (its text, or ``""`` when
absent, so ``code`` alone tests a field's presence).

Operators: ``and or not``, comparisons (``== != < <= > >=``), ``in``/``not in``
(membership, or substring when both sides are text), literals (numbers,
strings, ``True``/``False``/``None``, lists, tuples and sets).
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..records.publication import Author, Publication

__all__ = ["FilterError", "compile_filter"]


class FilterError(ValueError):
    """A filter expression that cannot be used; the message says why."""


_COMPARE: dict[type, Callable[[Any, Any], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}


class _AuthorList(list[str]):
    """Author names; ``"Picard" in author`` or ``"D. Picard" in author`` match by name."""

    def __init__(self, authors: Iterable[Author]) -> None:
        super().__init__(a.full_name for a in authors if not a.others)
        self.authors = [a for a in authors if not a.others]

    def __contains__(self, item: object) -> bool:
        if not isinstance(item, str):
            return False
        from .names import NamePattern

        pattern = NamePattern.parse(item)
        return any(pattern.matches(a) for a in self.authors)


def _contains(container: Any, item: Any) -> bool:
    if isinstance(container, _AuthorList):
        return item in container
    if isinstance(container, str) and isinstance(item, str):
        return item.lower() in container.lower()
    if isinstance(container, (list, tuple, set, frozenset)) and isinstance(item, str):
        folded = item.lower()
        return any(isinstance(x, str) and x.lower() == folded for x in container) or item in container
    try:
        return item in container
    except TypeError:
        return False


@dataclass
class _Context:
    pub: Publication

    def lookup(self, name: str) -> Any:
        pub = self.pub
        if name == "type":
            return pub.type
        if name == "key":
            return pub.key
        if name == "year":
            return pub.year
        if name == "month":
            return pub.month
        if name in {"author", "authors"}:
            return _AuthorList(pub.authors)
        if name == "title":
            return pub.title.text
        if name == "venue":
            return pub.venue.text
        if name == "keywords":
            return list(pub.keywords)
        if name == "selected":
            return pub.selected
        return pub.field(name)


MAX_LENGTH = 2000  # characters of an expression
MAX_DEPTH = 50  # nested operations (``not not ... x``): deeper ones are refused, not a RecursionError


def _number(text: str) -> bool:
    """A string that compares as a number: ASCII digits, no more than int() takes."""
    text = text.strip()
    return text.isascii() and text.isdigit() and len(text) <= 18


def _depth(node: ast.AST) -> int:
    deepest, stack = 0, [(node, 1)]
    while stack:  # not recursive: the tree may be deep
        current, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(current))
    return deepest


def compile_filter(expression: str) -> Callable[[Publication], bool]:
    """Compile a filter expression; raise :class:`FilterError` when it is not valid."""
    shown = expression if len(expression) <= 80 else expression[:77] + "..."
    if len(expression) > MAX_LENGTH:
        raise FilterError(f"invalid filter {shown!r}: longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError as error:
        raise FilterError(f"invalid filter {shown!r}: {error.msg} at column {error.offset}") from None
    except (RecursionError, MemoryError, ValueError) as error:
        raise FilterError(f"invalid filter {shown!r}: {type(error).__name__}: nested too deep or too large") from None
    if _depth(tree.body) > MAX_DEPTH:
        raise FilterError(f"invalid filter {shown!r}: nested more than {MAX_DEPTH} deep")
    _check(tree.body, shown)

    def predicate(pub: Publication) -> bool:
        try:
            return bool(_evaluate(tree.body, _Context(pub)))
        except TypeError:
            # e.g. ``year >= 2020`` for an entry without a year: not a match.
            return False

    return predicate


def _check(node: ast.AST, expression: str) -> None:
    allowed = (
        ast.BoolOp,
        ast.And,
        ast.Or,
        ast.UnaryOp,
        ast.Not,
        ast.Compare,
        ast.Name,
        ast.Load,
        ast.Constant,
        ast.List,
        ast.Tuple,
        ast.Set,
        ast.In,
        ast.NotIn,
        ast.USub,
        *(_COMPARE.keys()),
    )
    for child in ast.walk(node):
        if not isinstance(child, allowed):
            what = type(child).__name__
            raise FilterError(
                f"invalid filter {expression!r}: {what} is not allowed "
                "(use field names, literals, comparisons, 'in', 'and', 'or', 'not')"
            )
        if (
            isinstance(child, ast.UnaryOp)
            and isinstance(child.op, ast.USub)
            and not isinstance(child.operand, ast.Constant)
        ):
            raise FilterError(f"invalid filter {expression!r}: '-' only before a number")
        if isinstance(child, ast.Name) and not child.id.isidentifier():
            raise FilterError(f"invalid filter {expression!r}: unknown name {child.id!r}")


def _evaluate(node: ast.AST, ctx: _Context) -> Any:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id in {"True", "False", "None"}:
            return {"True": True, "False": False, "None": None}[node.id]
        return ctx.lookup(node.id)
    if isinstance(node, ast.BoolOp):
        if isinstance(node.op, ast.And):
            return all(_evaluate(v, ctx) for v in node.values)
        return any(_evaluate(v, ctx) for v in node.values)
    if isinstance(node, ast.UnaryOp):
        value = _evaluate(node.operand, ctx)
        return (not value) if isinstance(node.op, ast.Not) else -value
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [_evaluate(e, ctx) for e in node.elts]
    if isinstance(node, ast.Compare):
        left = _evaluate(node.left, ctx)
        for op, comparator in zip(node.ops, node.comparators):
            right = _evaluate(comparator, ctx)
            if isinstance(op, ast.In):
                ok = _contains(right, left)
            elif isinstance(op, ast.NotIn):
                ok = not _contains(right, left)
            else:
                if isinstance(left, str) and isinstance(right, int) and _number(left):
                    left = int(left)
                if isinstance(right, str) and isinstance(left, int) and _number(right):
                    right = int(right)
                if isinstance(left, str) and isinstance(right, str) and isinstance(op, (ast.Eq, ast.NotEq)):
                    ok = _COMPARE[type(op)](left.lower(), right.lower())
                else:
                    ok = _COMPARE[type(op)](left, right)
            if not ok:
                return False
            left = right
        return True
    raise FilterError(f"unsupported expression {type(node).__name__}")  # pragma: no cover
