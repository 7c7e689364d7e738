"""The options of ``sphinx-scholar sync``, apart from the command so that building the parser stays light."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from .matching import TITLE_THRESHOLD

__all__ = ["DEFAULT_URLS", "IMPORT_NAME", "add_arguments"]

DEFAULT_URLS = {
    "openalex": "https://api.openalex.org",
    "crossref": "https://api.crossref.org",
    "orcid": "https://pub.orcid.org",
    "dblp": "https://dblp.org",
    "semanticscholar": "https://api.semanticscholar.org",
}
IMPORT_NAME = "imported.bib"


# long: a flat list of argparse declarations, one per option, read top to bottom as the --help text
def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        default=Path("conf.py"),
        metavar="CONF_PY",
        help="the site's conf.py (default: ./conf.py); its scholar_bibfiles and scholar_profile are read",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="fetch (or read the cache) and report, but write no file"
    )
    parser.add_argument(
        "--import",
        dest="import_works",
        action="store_true",
        help="also find the owner's works that the .bib files lack (OpenAlex author id, ORCID iD or "
        "DBLP pid from the profile's links) and write them to imported.bib for review",
    )
    parser.add_argument(
        "--import-file",
        type=Path,
        metavar="BIB",
        help=f"where --import writes (default: {IMPORT_NAME} next to the first .bib file)",
    )
    parser.add_argument(
        "--sources",
        default="openalex",
        metavar="LIST",
        help="comma-separated sources of citation counts, first preferred: openalex, crossref, "
        "semanticscholar (default: openalex)",
    )
    parser.add_argument(
        "--mailto",
        metavar="EMAIL",
        help="contact address sent to the APIs (their 'polite pool'); default: the profile's email",
    )
    parser.add_argument("--offline", action="store_true", help="use only cached responses, never the network")
    parser.add_argument(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        help="where raw responses are cached (default: .sphinx-scholar-cache next to conf.py)",
    )
    parser.add_argument(
        "--ttl",
        type=float,
        default=7.0,
        metavar="DAYS",
        help="reuse cached responses younger than this (default: 7 days; 0 fetches everything again)",
    )
    parser.add_argument(
        "--threshold",
        type=float,
        default=TITLE_THRESHOLD,
        metavar="0..1",
        help=f"title similarity needed to match an entry without DOI or arXiv id (default: {TITLE_THRESHOLD})",
    )
    parser.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS", help="per request (default: 20)")
    parser.add_argument("--retries", type=int, default=4, metavar="N", help="per request, with back-off (default: 4)")
    for name, url in DEFAULT_URLS.items():
        parser.add_argument(
            f"--{name}-url",
            default=os.environ.get(f"SPHINX_SCHOLAR_{name.upper()}_URL", url),
            metavar="URL",
            help=f"{name} API base URL (default: {url}; env SPHINX_SCHOLAR_{name.upper()}_URL)",
        )
