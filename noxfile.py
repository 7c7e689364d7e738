"""Run the suite on the oldest and the newest supported Sphinx: `nox -s tests_oldest tests_newest`."""

import nox

nox.options.default_venv_backend = "venv"


@nox.session(python="3.10")
def tests_oldest(session: nox.Session) -> None:
    """Python 3.10 with the oldest supported Sphinx (8.1)."""
    session.install("-e", ".[test]", "sphinx==8.1.*", "docutils==0.21.*", "myst-parser==4.0.*")
    session.run("python", "-m", "pytest", "--run-slow", "-m", "not browser", *session.posargs)


@nox.session(python="3.13")
def tests_newest(session: nox.Session) -> None:
    """Python 3.13 with the newest Sphinx and every dependency at its latest: everything,
    browser tests included (Debian's Chromium, skipped with a reason when missing)."""
    session.install("-e", ".[test]", "--upgrade", "--upgrade-strategy", "eager")
    session.run("python", "-m", "pytest", "--run-slow", *session.posargs)
