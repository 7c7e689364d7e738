"""Parse a ``.bib`` file entry by entry, re-using what an earlier parse made.

Editing one entry of a 5,000-entry file should cost one entry's parse, not
the file's. The text is cut into top-level ``@`` blocks (brace depth 0); each
entry block is parsed on its own (with the file's ``@string`` macros) and its
records are cached by the hash of the block and of the macros (and, for an
entry with a ``crossref``, of its parent's block, parsed with it).
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re
from collections.abc import MutableMapping

from ..records.problem import Problem
from ..records.publication import Publication

__all__ = ["duplicate_key_problem", "parse_by_blocks", "split_blocks"]

_TOKENS = re.compile(r"[{}]|^[ \t]*@", re.M)
_KIND = re.compile(r"@\s*([A-Za-z]+)")
_CROSSREF = re.compile(r"\bcrossref\s*=", re.I)
# pybtex says "premature end of file" at the end of a block: the file goes on.
_UNCLOSED = "syntax error: a brace or quote is not closed before the next entry; the fields after it are lost"

#: Kinds of block that hold no entry.
_NOT_ENTRY = frozenset({"string", "preamble", "comment"})

BlockCache = MutableMapping[str, tuple[tuple[Publication, ...], tuple[Problem, ...]]]


def split_blocks(text: str) -> list[tuple[int, str, str]]:
    """``(first line, kind, text)`` of each top-level ``@`` block, in order."""
    return _split(text)[0]


def _split(text: str) -> tuple[list[tuple[int, str, str]], bool]:
    """The blocks, and whether an unclosed brace had to be cut at a new entry."""
    forced = False
    starts: list[int] = []
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(depth - 1, 0)
        elif depth == 0 or _looks_like_entry(text, match.end()):
            # An "@" at the start of a line with unbalanced braces before it
            # still starts an entry: a missing brace must not swallow the rest.
            forced = forced or depth > 0
            starts.append(match.start())
            depth = 0
    blocks = []
    line, previous = 1, 0
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(text)
        chunk = text[start:end]
        kind = _KIND.search(chunk)
        line += text.count("\n", previous, start)
        previous = start
        blocks.append((line, (kind.group(1) if kind else "").lower(), chunk))
    return blocks, forced


def _looks_like_entry(text: str, position: int) -> bool:
    return re.match(r"\s*[A-Za-z]+\s*[{(]", text[position : position + 64]) is not None


def _shift(items, offset: int, default: int | None = None):
    shifted = []
    for item in items:
        changes = {"line": (item.line + offset) if item.line is not None else default}
        if getattr(item, "entry_line", None) is not None:
            changes["entry_line"] = item.entry_line + offset
        shifted.append(dataclasses.replace(item, **changes))
    return shifted


def parse_by_blocks(text: str, path: str, parse, cache: BlockCache) -> tuple[list[Publication], list[Problem]]:
    """Parse ``text`` with ``parse(text, path)``, re-using ``cache`` block by block.

    ``cache`` maps a block's hash to its records and problems, with lines
    counted from the block's first line (0); it is refilled with exactly the
    blocks of this text. With a cold cache the whole file is parsed at once
    (faster than block by block) and the cache filled from the result.
    """
    blocks, forced = _split(text)
    macros, entry_blocks, parents, hashes = _hashed_blocks(blocks)
    # An unclosed brace is cut at the next line-start "@" (so it cannot swallow
    # later entries): such a file is always parsed block by block.
    if not forced and sum(h in cache for h in hashes) * 2 < len(hashes):
        entries, problems = parse(text, path)
        _fill(cache, entries, problems, entry_blocks, hashes, [line for line, kind, _ in blocks if kind in _NOT_ENTRY])
        return entries, problems

    head = text[: blocks[0][2] and text.find(blocks[0][2])] if blocks else text
    problems: list[Problem] = []
    if macros or head.strip():
        # Problems before the first entry and in @string blocks, once, at their own lines:
        # the file with each entry block made an empty @comment (its line breaks kept).
        rest = (chunk if kind in _NOT_ENTRY else "@comment{}" + "\n" * chunk.count("\n") for _, kind, chunk in blocks)
        problems.extend(parse(head + "".join(rest), path)[1])
    entries: list[Publication] = []
    seen: dict[str, int] = {}
    fresh: dict = {}
    for (line, chunk), parent, digest in zip(entry_blocks, parents, hashes):
        result = cache.get(digest)
        if result is None:
            result = _parse_block(parse, path, macros, chunk, parent)
        fresh[digest] = result
        parsed_entries, found = result
        problems.extend(_shift(found, line, line))
        for pub in _shift(parsed_entries, line, line):
            pub = _unique_key(pub, seen, path, problems)
            seen[pub.key] = pub.line or 0
            entries.append(dataclasses.replace(pub, index=len(entries)))
    cache.clear()
    cache.update(fresh)
    problems.sort(key=lambda p: p.line or 0)
    return entries, problems


def _hashed_blocks(
    blocks: list[tuple[int, str, str]],
) -> tuple[str, list[tuple[int, str]], list[str], list[str]]:
    """The file's macro text, its entry blocks ``(line, text)``, each one's
    ``crossref`` parent text and each one's hash (of the macros, the block and
    the parent)."""
    # Blank lines between blocks change nothing: hashes ignore them.
    macros = "".join(chunk.strip() + "\n" for _, kind, chunk in blocks if kind in {"string", "preamble"})
    macro_digest = hashlib.sha256(macros.encode("utf-8", "surrogatepass")).hexdigest()
    entry_blocks = [(line, chunk.rstrip() + "\n") for line, kind, chunk in blocks if kind not in _NOT_ENTRY]
    # An entry with a crossref is parsed with its parent's block after it (so
    # its own lines keep their place): its records depend on both.
    parents = _parent_chunks(entry_blocks)
    hashes = [
        hashlib.sha256((macro_digest + "\0" + chunk + parent).encode("utf-8", "surrogatepass")).hexdigest()
        for (_, chunk), parent in zip(entry_blocks, parents)
    ]
    return macros, entry_blocks, parents, hashes


def _parse_block(
    parse, path: str, macros: str, chunk: str, parent: str
) -> tuple[tuple[Publication, ...], tuple[Problem, ...]]:
    """One entry block parsed after the file's macros (and before its parent),
    with lines counted from the block's first line (0)."""
    macro_lines = macros.count("\n")
    parsed, found = parse(macros + chunk + parent, path)
    end = macro_lines + chunk.count("\n")
    if parent:
        parsed = parsed[:1]  # the parent is listed from its own block
    # Problems inside the prepended @string blocks are reported once, by the caller.
    inside = [
        dataclasses.replace(p, message=_UNCLOSED) if p.message.endswith("premature end of file") else p
        for p in found
        if not (p.line is not None and (p.line <= macro_lines or (parent and p.line > end)))
    ]
    return tuple(_shift(parsed, -macro_lines - 1, 0)), tuple(_shift(inside, -macro_lines - 1, 0))


def _unique_key(pub: Publication, seen: dict[str, int], path: str, problems: list[Problem]) -> Publication:
    """``pub``, renamed ``key-2`` (``-3``...) with a problem when its key was seen before."""
    if pub.key not in seen:
        return pub
    new_key = _free_key(pub.key, seen)
    problems.append(duplicate_key_problem(pub.key, seen[pub.key], new_key, path, pub.line))
    return dataclasses.replace(pub, key=new_key, bibtex=pub.bibtex.replace(pub.key, new_key, 1))


def duplicate_key_problem(key: str, first: int | None, new_key: str, path: str, line: int | None) -> Problem:
    """The problem of an entry whose key is already used, shown as ``new_key``."""
    return Problem(
        "bibtex-duplicate-key",
        f"duplicate key {key!r} (first defined at line {first}); this entry is shown under the key {new_key!r}",
        path,
        line,
    )


_KEY = re.compile(r"@\s*[A-Za-z]+\s*[{(]\s*([^,\s{}()]+)")
_CROSSREF_VALUE = re.compile(r"\bcrossref\s*=\s*[{\"]\s*([^}\"\s]+)", re.I)


def _parent_chunks(entry_blocks: list[tuple[int, str]]) -> list[str]:
    """For each block, the text of the block its ``crossref`` names ("" if none)."""
    by_key: dict[str, str] = {}
    for _, chunk in entry_blocks:
        match = _KEY.match(chunk)
        if match:
            by_key.setdefault(match.group(1).lower(), chunk)
    parents = []
    for _, chunk in entry_blocks:
        match = _CROSSREF_VALUE.search(chunk) if _CROSSREF.search(chunk) else None
        parent = by_key.get(match.group(1).lower(), "") if match else ""
        parents.append(parent if parent is not chunk else "")
    return parents


def _fill(cache: BlockCache, entries, problems, entry_blocks, hashes, others: list[int]) -> None:
    """Store a whole-file parse block by block (lines made block-relative).

    ``others`` are the first lines of the blocks that hold no entry (``@string``...):
    their problems, and those before the first entry, are found again by each parse.
    """
    cache.clear()
    if any(p.subtype == "bibtex-duplicate-key" for p in problems):
        return  # renamed keys would not survive a per-block re-parse
    starts = [line for line, _ in entry_blocks]
    bounds = sorted(starts + others)
    by_block: dict[int, tuple[list, list]] = {i: ([], []) for i in range(len(starts))}
    for pub in entries:
        index = bisect.bisect_right(starts, pub.line or 0) - 1
        if index < 0:
            return
        by_block[index][0].append(dataclasses.replace(pub, line=(pub.line or 0) - starts[index]))
    for problem in problems:
        # A problem goes with the entry it is in (pybtex may locate it at the next entry's "@").
        anchor = problem.entry_line or problem.line or 0
        index = bisect.bisect_right(starts, anchor) - 1
        if index >= 0 and bounds[bisect.bisect_right(bounds, anchor) - 1] == starts[index]:
            by_block[index][1].extend(_shift([problem], -starts[index]))
    for index, digest in enumerate(hashes):
        parsed, found = by_block[index]
        cache[digest] = (tuple(parsed), tuple(found))


def _free_key(key: str, seen: dict[str, int]) -> str:
    number = 2
    while f"{key}-{number}" in seen:
        number += 1
    return f"{key}-{number}"
