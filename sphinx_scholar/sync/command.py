"""``sphinx-scholar sync``: fetch citation counts into the sidecar file, and with ``--import`` the owner's missing works.

Reads ``conf.py`` (``scholar_bibfiles``, ``scholar_profile``,
``scholar_citations``), never rewrites a ``.bib`` file, and saves the
sidecar after every entry, so an interrupted run keeps what it fetched and a
second run continues from the cache.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import sphinx
from sphinx.config import eval_config_file
from sphinx.util.tags import Tags

from ..loaders.bibtex import load_bibliography
from ..loaders.citations import SIDECAR_NAME
from ..loaders.yaml_files import load_data_file
from ..records.richtext import latex_to_plain
from .matching import Work, arxiv_id, deduplicate, match_score, normalise_title
from .options import IMPORT_NAME, add_arguments
from .sidecar import Sidecar
from .sources import Crossref, Dblp, FetchError, Http, OpenAlex, Orcid, SemanticScholar

__all__ = ["run_sync"]

COUNT_SOURCES = ("openalex", "crossref", "semanticscholar")
#: Give up after this many entries in a row fail on the network (the service is down, or we are offline).
MAX_CONSECUTIVE_FAILURES = 5


@dataclass
class Project:
    confdir: Path
    bibfiles: list[Path]
    sidecar: Path
    profile: dict = field(default_factory=dict)
    today: dt.date = field(default_factory=dt.date.today)


class UsageError(Exception):
    pass


def load_project(conf: Path) -> Project:
    """The settings ``sync`` needs, from running conf.py as Sphinx does."""
    conf = conf.resolve()
    if conf.is_dir():
        conf = conf / "conf.py"
    if not conf.is_file():
        raise UsageError(f"{conf} not found (give the site's conf.py with --config)")
    # Sphinx 8.1 compiles the name (a str); later versions take a Path.
    namespace = eval_config_file(conf if sphinx.version_info >= (8, 2) else str(conf), Tags())  # type: ignore[arg-type]
    confdir = conf.parent
    bibfiles = [(confdir / p).resolve() for p in namespace.get("scholar_bibfiles", ()) or ()]
    if not bibfiles:
        raise UsageError(f"{conf}: scholar_bibfiles is empty; there is nothing to sync")
    sidecar = namespace.get("scholar_citations") or ""
    sidecar_path = (confdir / sidecar).resolve() if sidecar else bibfiles[0].parent / SIDECAR_NAME
    profile: dict = {}
    if namespace.get("scholar_profile"):
        data = load_data_file(confdir / namespace["scholar_profile"], "profile")
        if data.records and isinstance(data.records[0], dict):
            profile = data.records[0]
    elif namespace.get("scholar_group"):
        # A lab site: its contact address for the polite pool (its links are not one author's, so no --import).
        data = load_data_file(confdir / namespace["scholar_group"], "group")
        if data.records and isinstance(data.records[0], dict) and isinstance(data.records[0].get("email"), str):
            profile = {"email": data.records[0]["email"]}
    today = dt.date.today()
    if namespace.get("scholar_today"):
        with contextlib.suppress(ValueError):
            today = dt.date.fromisoformat(str(namespace["scholar_today"]))
    return Project(confdir, bibfiles, sidecar_path, profile, today)


def entry_work(pub) -> Work:
    """A ``.bib`` entry as the matching sees it."""
    authors = tuple(f"{a.last}, {a.first}" if a.first else a.last for a in pub.authors if not a.others)
    return Work(
        title=pub.title.text,
        year=pub.year,
        key=pub.key,
        authors=authors,
        doi=pub.field("doi"),
        arxiv=arxiv_id(
            pub.field("arxiv"),
            pub.field("eprint") if pub.field("archiveprefix").lower() in ("arxiv", "") else "",
            pub.field("doi"),
            pub.field("url"),
            latex_to_plain(pub.field("journal")),
        ),
    )


class Progress:
    """``sync: 12/80 Title...`` on one rewritten stderr line when it is a terminal; nothing otherwise."""

    def __init__(self, stream: TextIO, total: int, label: str) -> None:
        self.stream, self.total, self.label = stream, total, label
        self.live = hasattr(stream, "isatty") and stream.isatty()
        self.done = 0

    def step(self, text: str = "") -> None:
        self.done += 1
        if self.live:
            width = 30
            filled = width * self.done // max(self.total, 1)
            line = f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {text[:40]:<40}"
            self.stream.write(line)
            self.stream.flush()

    def close(self) -> None:
        if self.live:
            self.stream.write("\n")
            self.stream.flush()


def _load_entries(bibfiles: Iterable[Path], skip: Path | None) -> tuple[list, list[str]]:
    entries, missing = [], []
    seen: set[str] = set()
    for path in bibfiles:
        if skip is not None and path == skip:
            continue
        try:
            bibliography = load_bibliography(path)
        except OSError:
            missing.append(str(path))
            continue
        for pub in bibliography.entries:
            if pub.key not in seen:
                seen.add(pub.key)
                entries.append(pub)
    return entries, missing


def _profile_ids(profile: dict) -> dict[str, str]:
    links = profile.get("links") if isinstance(profile.get("links"), dict) else {}
    ids = {}
    for kind in ("openalex", "orcid", "dblp"):
        value = links.get(kind)
        if isinstance(value, str) and value.strip():
            ids[kind] = value.strip()
    return ids


def _hint(source: str, error: FetchError) -> str:
    if source == "openalex" and error.status in (401, 403) and not os.environ.get("OPENALEX_API_KEY"):
        return " (OpenAlex wants an API key: set OPENALEX_API_KEY, free at openalex.org/settings/api)"
    return ""


def shared_dois(entries: list) -> dict[str, list[str]]:
    """DOIs that more than one entry carries (duplicates, or chapters inheriting their book's DOI by crossref)."""
    keys: dict[str, list[str]] = {}
    for pub in entries:
        work = entry_work(pub)
        if work.doi:
            keys.setdefault(work.doi, []).append(pub.key)
    return {doi: ks for doi, ks in keys.items() if len(ks) > 1}


def _find(client, name: str, work, threshold: float) -> tuple:
    """One source's record of a work: by DOI, then arXiv id, then title (OpenAlex only)."""
    found, how, score = None, "", 0.0
    if work.doi:
        found, how, score = client.work_by_doi(work.doi), "doi", 1.0
    if found is None and work.arxiv and name in ("openalex", "semanticscholar"):
        found, how, score = client.work_by_arxiv(work.arxiv), "arxiv", 1.0
    if found is None and name == "openalex" and work.title:
        best = None
        for candidate in client.search_title(work.title, work.year):
            kind, value = match_score(work, candidate)
            if kind and value >= threshold and (best is None or value > best[1]):
                best = (candidate, value)
            elif kind in ("doi", "arxiv"):
                best = (candidate, 1.0)
        if best is not None:
            found, how, score = best[0], "title", best[1]
    return found, how, score


def sync_counts(
    entries: list,
    sidecar: Sidecar,
    clients: dict,
    order: list[str],
    threshold: float,
    today: dt.date,
    progress: Progress,
    save: Callable[[], None],
    log: Callable[[str], None],
) -> dict[str, int]:
    """Fetch each entry's counts into the sidecar, saving after each one. Returns tallies."""
    tally = {"matched": 0, "unmatched": 0, "failed": 0}
    consecutive = 0
    for pub in entries:
        record, failed = _fetch_record(pub, clients, order, threshold, today, log)
        if failed and "citations" not in record:
            tally["failed"] += 1
            consecutive += 1
            # Keep what an earlier run found for this entry.
            if consecutive >= MAX_CONSECUTIVE_FAILURES:
                raise FetchError(
                    "", f"{consecutive} entries in a row failed; stopping (the sidecar keeps what was fetched)"
                )
        else:
            consecutive = 0
            if "citations" in record:
                tally["matched"] += 1
            else:
                tally["unmatched"] += 1
                record.update(citations=None, match="")
            sidecar.entries[pub.key] = record
            save()
        progress.step(pub.key)
    return tally


def _fetch_record(
    pub, clients: dict, order: list[str], threshold: float, today: dt.date, log: Callable[[str], None]
) -> tuple[dict, bool]:
    """One entry's sidecar record (the count of the first source in ``order`` that has one,
    and every source's count), and whether a source failed."""
    work = entry_work(pub)
    record: dict = {"as_of": today.isoformat(), "counts": {}}
    failed = False
    for name in order:
        client = clients[name]
        try:
            found, how, score = _find(client, name, work, threshold)
        except FetchError as error:
            log(f"{pub.key}: {name}: {error}{_hint(name, error)}")
            failed = True
            continue
        if found is None or found.extra.get("citations") is None:
            continue
        record["counts"][name] = found.extra["citations"]
        if "citations" not in record:
            record.update(
                citations=found.extra["citations"],
                source=name,
                match=how,
                score=score,
                id=found.extra.get("id", ""),
                title=found.title,
            )
    return record, failed


def import_works(
    entries: list, ids: dict[str, str], openalex: OpenAlex, orcid: Orcid, dblp: Dblp, log: Callable[[str], None]
) -> tuple[list[Work], bool]:
    """The owner's works from every source the profile names, minus those the ``.bib`` files have."""
    found: list[Work] = []
    complete = True
    steps: list[tuple[str, Callable[[], Iterable[Work]]]] = []
    if "openalex" in ids or "orcid" in ids:
        steps.append(
            ("openalex", lambda: openalex.author_works(author_id=ids.get("openalex", ""), orcid=ids.get("orcid", "")))
        )
    if "orcid" in ids:
        steps.append(("orcid", lambda: orcid.works(ids["orcid"])))
    if "dblp" in ids:
        steps.append(("dblp", lambda: dblp.works(ids["dblp"])))
    for name, step in steps:
        try:
            for work in step():
                found.append(work)
        except FetchError as error:
            # Works of the pages already read are kept; the rest are missing from this run.
            log(f"import: {name}: {error}{_hint(name, error)}")
            complete = False
    existing = [entry_work(pub) for pub in entries]
    return deduplicate(found, existing), complete


# --- BibTeX for imported works ----------------------------------------------------------------------------------

# Braces as commands, not \{ \}: BibTeX counts an escaped brace too, so a lone one would swallow the file.
_BIB_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bib_value(text: str) -> str:
    """API text as a BibTeX field value: every TeX special character escaped, never markup."""
    return "".join(_BIB_SPECIAL.get(ch, ch) for ch in text)


def _key(work: Work, taken: set[str]) -> str:
    first = work.authors[0] if work.authors else ""
    family = first.split(",")[0] if "," in first else (first.split() or ["anon"])[-1]
    family = re.sub(r"[^a-z]", "", normalise_title(family)) or "anon"
    word = next((w for w in normalise_title(work.title).split() if len(w) > 3), "work")
    base = f"{family}{work.year or ''}{re.sub(r'[^a-z0-9]', '', word)}"
    key, n = base, 0
    while key.lower() in taken:
        n += 1
        key = f"{base}{chr(ord('a') + n - 1) if n <= 26 else n}"
    taken.add(key.lower())
    return key


def to_bibtex(works: list[Work], taken_keys: Iterable[str], today: dt.date) -> str:
    taken = {k.lower() for k in taken_keys}
    out = [
        f"% Imported by `sphinx-scholar sync --import` on {today.isoformat()}: review, then move entries\n"
        "% you want into your own .bib file. This file is rewritten by the next import.\n"
    ]
    for work in works:
        kind = work.extra.get("type") or "misc"
        fields: list[tuple[str, str]] = [("title", "{" + bib_value(work.title) + "}")]
        if work.authors:
            fields.append(("author", " and ".join(bib_value(re.sub(r"\s+and\s+", " {and} ", a)) for a in work.authors)))
        if work.year:
            fields.append(("year", str(work.year)))
        venue = work.extra.get("venue", "")
        if venue:
            fields.append(({"article": "journal", "misc": "howpublished"}.get(kind, "booktitle"), bib_value(venue)))
        for name in ("volume", "number", "pages"):
            if work.extra.get(name):
                fields.append((name, bib_value(work.extra[name])))
        if work.doi and not work.doi.startswith("10.48550/"):
            fields.append(("doi", bib_value(work.doi)))
        if work.arxiv:
            fields.extend((("eprint", bib_value(work.arxiv)), ("archiveprefix", "arXiv")))
        source = work.extra.get("source", "")
        if work.extra.get("id"):
            fields.append(("note", bib_value(f"Imported from {source}: {work.extra['id']}")))
        key = _key(work, taken)
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        out.append(f"@{kind}{{{key},\n{body}\n}}\n")
    return "\n".join(out)


# --- the command ------------------------------------------------------------------------------------------------


def _show_changes(sidecar: Sidecar, stdout: TextIO) -> None:
    """``--dry-run``: each count that would change."""
    before = json.loads(sidecar.original).get("entries", {})
    for key, record in sidecar.entries.items():
        old = before.get(key, {}).get("citations") if isinstance(before.get(key), dict) else None
        if old != record.get("citations"):
            stdout.write(
                f"  {key}: {'-' if old is None else old} -> {'-' if record.get('citations') is None else record['citations']}"
                f"{' (' + record['match'] + ')' if record.get('match') else ''}\n"
            )


def _import(
    args: argparse.Namespace,
    project,
    entries: list,
    openalex: OpenAlex,
    http: Http,
    import_file: Path,
    verb: str,
    log: Callable[[str], None],
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    """``--import``: the owner's works that the .bib lacks, to a file the user reviews. Returns an exit status."""
    status = 0
    ids = _profile_ids(project.profile)
    if not ids:
        stderr.write(
            "sphinx-scholar sync: --import needs an `openalex`, `orcid` or `dblp` link in the profile file "
            "(scholar_profile)\n"
        )
        return 2
    works, complete = import_works(entries, ids, openalex, Orcid(http, args.orcid_url), Dblp(http, args.dblp_url), log)
    if not complete:
        status = 1
    taken = [pub.key for pub in entries]
    text = to_bibtex(works, taken, project.today)
    if not args.dry_run:
        import_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = import_file.with_name(f".{import_file.name}.{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8", newline="\n")
        os.replace(temporary, import_file)
    stdout.write(
        f"Import: {len(works)} work(s) not in your .bib files; {verb} {import_file}"
        f"{'' if complete else ' (incomplete: a source failed)'}.\n"
    )
    if args.dry_run:
        for work in works:
            stdout.write(f"  + {work.title} ({work.year or 'n.d.'}) [{work.extra.get('source', '')}]\n")
    return status


def run_sync(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Exit status 0: all fetched; 1: some entries or pages failed (what was fetched is saved); 2: usage error."""
    try:
        project = load_project(args.config)
    except UsageError as error:
        stderr.write(f"sphinx-scholar sync: {error}\n")
        return 2
    order = _source_order(args.sources, stderr)
    if order is None:
        return 2
    http, clients = _clients(args, project)
    import_file = (args.import_file or project.bibfiles[0].parent / IMPORT_NAME).resolve()
    entries, missing = _load_entries(project.bibfiles, import_file)
    _warn_about_entries(entries, missing, stderr)
    problems: list[str] = []

    def log(message: str) -> None:
        problems.append(message)

    sidecar = Sidecar(project.sidecar)
    sidecar.document["complete"] = False

    def save() -> None:
        if not args.dry_run:
            sidecar.save()

    progress = Progress(stderr, len(entries), "sync")
    try:
        tally = sync_counts(entries, sidecar, clients, order, args.threshold, project.today, progress, save, log)
    except FetchError as error:
        progress.close()
        stderr.write(f"sphinx-scholar sync: {error}\n")
        for message in problems[-MAX_CONSECUTIVE_FAILURES:]:
            stderr.write(f"  {message}\n")
        return 1
    except KeyboardInterrupt:
        progress.close()
        stderr.write(f"sphinx-scholar sync: interrupted; {project.sidecar} keeps the entries fetched so far\n")
        return 130
    progress.close()
    status = _close_sidecar(sidecar, entries, tally, project.today)
    save()
    verb = "would write" if args.dry_run else "wrote"
    _report_counts(args.dry_run, sidecar, tally, len(entries), verb, http, stdout)
    if args.import_works:
        imported = _import(args, project, entries, clients["openalex"], http, import_file, verb, log, stdout, stderr)
        status = (status or 2) if imported == 2 else max(status, imported)
    for message in problems:
        stderr.write(f"  {message}\n")
    return status


def _report_counts(
    dry_run: bool, sidecar: Sidecar, tally: dict[str, int], total: int, verb: str, http: Http, stdout: TextIO
) -> None:
    """The summary line of the counts (after the changes, on a dry run)."""
    if dry_run:
        _show_changes(sidecar, stdout)
    stdout.write(
        f"Citation counts: {tally['matched']} of {total} entries matched, {tally['unmatched']} not found, "
        f"{tally['failed']} failed; {verb} {sidecar.path} "
        f"({http.requests} requests, {http.cache_hits} from the cache).\n"
    )


def _source_order(sources: str, stderr: TextIO) -> list[str] | None:
    """The count sources of ``--sources``, in order; None (after a message) when one is unknown."""
    order = [s.strip() for s in sources.split(",") if s.strip()]
    unknown = [s for s in order if s not in COUNT_SOURCES]
    if unknown or not order:
        stderr.write(
            f"sphinx-scholar sync: unknown source(s) {', '.join(unknown) or '(none)'}; "
            f"choose from {', '.join(COUNT_SOURCES)}\n"
        )
        return None
    return order


def _clients(args: argparse.Namespace, project: Project) -> tuple[Http, dict]:
    """The HTTP session (cache, politeness, retries) and a client for each count source."""
    mailto = (
        args.mailto or (project.profile.get("email") if isinstance(project.profile.get("email"), str) else "") or ""
    )
    cache_dir = args.cache_dir or project.confdir / ".sphinx-scholar-cache"
    http = Http(
        cache_dir=cache_dir,
        ttl=args.ttl * 86400,
        offline=args.offline,
        mailto=mailto,
        timeout=args.timeout,
        retries=args.retries,
    )
    api_key = os.environ.get("OPENALEX_API_KEY", "")
    clients = {
        "openalex": OpenAlex(http, args.openalex_url, mailto, api_key),
        "crossref": Crossref(http, args.crossref_url, mailto),
        "semanticscholar": SemanticScholar(http, args.semanticscholar_url, os.environ.get("S2_API_KEY", "")),
    }
    return http, clients


def _warn_about_entries(entries: list, missing: list[str], stderr: TextIO) -> None:
    """Say which ``.bib`` files were not read and which entries share a DOI."""
    for path in missing:
        stderr.write(f"sphinx-scholar sync: {path} cannot be read; its entries are skipped\n")
    for doi, keys in shared_dois(entries).items():
        # Each gets the same count, and the h-index counts it more than once.
        stderr.write(f"sphinx-scholar sync: entries {', '.join(keys)} share the DOI {doi}: each gets its count\n")


def _close_sidecar(sidecar: Sidecar, entries: list, tally: dict[str, int], today: dt.date) -> int:
    """Drop the entries no longer in the ``.bib`` files; mark the sidecar complete unless an entry failed
    (exit status 1 then, else 0)."""
    keys = {pub.key for pub in entries}
    for key in [k for k in sidecar.entries if k not in keys]:
        del sidecar.entries[key]  # entries no longer in the .bib files
    if tally["failed"]:
        return 1
    sidecar.document["as_of"] = today.isoformat()
    sidecar.document["complete"] = True
    return 0


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - the console script goes through cli.main
    parser = argparse.ArgumentParser(prog="sphinx-scholar sync")
    add_arguments(parser)
    return run_sync(parser.parse_args(argv), sys.stdout, sys.stderr)
