"""The release: ``python -m build`` makes an sdist and a wheel that
``twine check`` passes, and the wheel, installed in a fresh virtual
environment with its declared dependencies only, builds the example site and
a scaffolded site with ``-W``.

Slow (a minute or two: the virtual environment installs Sphinx and the rest
from the package index), and needs the network, as the release itself does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _run(*args, cwd=None, env=None) -> subprocess.CompletedProcess:
    run = subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd, env=env)
    assert run.returncode == 0, (args, run.stdout[-3000:], run.stderr[-3000:])
    return run


def test_wheel_installs_in_a_fresh_venv_and_builds_the_example_site(tmp_path):
    pytest.importorskip("build")
    pytest.importorskip("twine")
    # Build from a copy: the source tree gets no build/ or egg-info folder.
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "sphinx_scholar", source / "sphinx_scholar", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", dist, source)
    wheels, sdists = list(dist.glob("*.whl")), list(dist.glob("*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, list(dist.iterdir())
    _run(sys.executable, "-m", "twine", "check", "--strict", *wheels, *sdists)
    # Everything a site needs is in the wheel: stylesheets, scripts, the theme, schemas, scaffold.
    names = set(zipfile.ZipFile(wheels[0]).namelist())
    for needed in (
        "sphinx_scholar/static/sphinx-scholar.css",
        "sphinx_scholar/static/sphinx-scholar-filter.js",
        "sphinx_scholar/theme/sphinx_scholar/theme.toml",
        "sphinx_scholar/theme/sphinx_scholar/layout.html",
        "sphinx_scholar/schemas/people.schema.json",
        "sphinx_scholar/scaffold/conf.py.tmpl",
        "sphinx_scholar/outputs/images.py",
    ):
        assert needed in names, needed
    assert any(n.endswith("entry_points.txt") for n in names)

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    _run(python, "-m", "pip", "install", "-q", "--disable-pip-version-check", wheels[0], env=env)
    where = _run(python, "-c", "import sphinx_scholar; print(sphinx_scholar.__file__)", cwd=tmp_path, env=env)
    assert str(env_dir) in where.stdout, where.stdout

    site = tmp_path / "example_site"
    shutil.copytree(ROOT / "example_site", site, ignore=shutil.ignore_patterns("_build"))
    _run(
        python, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", site, tmp_path / "out", cwd=tmp_path, env=env
    )
    assert (tmp_path / "out" / "publications.html").is_file()
    # The scaffold, made and built by the installed command.
    scripts = python.parent
    _run(scripts / "sphinx-scholar", "new", tmp_path / "mysite", "--no-input", cwd=tmp_path, env=env)
    _run(
        python,
        "-m",
        "sphinx",
        "-W",
        "--keep-going",
        "-q",
        "-b",
        "html",
        tmp_path / "mysite",
        tmp_path / "mysite-out",
        cwd=tmp_path,
        env=env,
    )
