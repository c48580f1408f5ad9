"""Shared fixtures: the spaCy pipeline and the seed's graph are built once per session;
the system packages the browser and server tests need are installed, or their absence reported."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_419dad81a3bebef5.txt"
SEED_GOLD = Path(__file__).resolve().parent / "000_419dad81a3bebef5.json"
DEV = Path(__file__).resolve().parent / "data" / "dev"
IN_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


# --- system packages: Chromium for the browser tests, Virtuoso for the server tests --------------

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("KG_CHROMEDRIVER", "/usr/bin/chromedriver")
VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
#: Debian package -> what the tests run from it (an executable, or a file that must exist)
SYSTEM_PACKAGES = {"chromium": (CHROMIUM,), "chromium-driver": (CHROMEDRIVER,),
                   "virtuoso-opensource": ("virtuoso-t", "isql-vt", str(VIRTUOSO_INI))}
APT_COMMAND = "sudo apt-get install " + " ".join(SYSTEM_PACKAGES)


def _present(thing: str) -> bool:
    if thing.endswith(".ini"):
        return Path(thing).is_file()
    found = shutil.which(thing)
    return bool(found) and os.access(found, os.X_OK)


def missing_packages() -> list[str]:
    """The system packages whose programs or files are not on this machine."""
    return [pkg for pkg, things in SYSTEM_PACKAGES.items() if not all(map(_present, things))]


def _can_install() -> bool:
    """Root with apt-get, as on a fresh container or CI; KG_INSTALL_SYSTEM_PACKAGES=0 says never."""
    return (os.environ.get("KG_INSTALL_SYSTEM_PACKAGES", "1") != "0" and hasattr(os, "geteuid")
            and os.geteuid() == 0 and shutil.which("apt-get") is not None)


def _apt_install(packages: list[str]) -> None:
    """``apt-get install`` the packages, as .ci/run does; a failure is left for the caller to report."""
    sys.__stderr__.write(f"\nkg tests: installing {' '.join(packages)} with apt-get (root, as .ci/run does)\n")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-q"],
                ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages]):
        done = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              timeout=1800)
        if done.returncode:
            sys.__stderr__.write(f"kg tests: {' '.join(cmd)} failed: {done.stdout.strip()[-300:]}\n")
            return


def ensure_packages() -> list[str]:
    """Install the missing system packages when running as root with apt; returns what is still missing."""
    missing = missing_packages()
    if missing and _can_install():
        _apt_install(missing)
        missing = missing_packages()
    return missing


@pytest.fixture(scope="session")
def system_packages() -> list[str]:
    """:func:`ensure_packages`, once; only the tests that need the packages ask, so a run of
    other tests never calls apt."""
    return ensure_packages()


def require_packages(missing: list[str], *needed: str) -> None:
    """Skip the calling test (fail it under CI) when one of ``needed`` is missing.

    The message names every missing package and the one command that installs them,
    and is the same for every test, so ``pytest -ra`` sums them up in one line.
    """
    if any(pkg in missing for pkg in needed):
        msg = f"{', '.join(missing)} not installed; install with: {APT_COMMAND}"
        if IN_CI:
            pytest.fail(msg + " (CI must run every test)", pytrace=False)
        pytest.skip(msg)


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_pipeline
    return load_pipeline()


@pytest.fixture(scope="session")
def seed_graph():
    import kg
    return kg.build([SEED])


def parse_entry(nlp, text: str, entry_id: str = "e0001"):
    """An Entry and its parse for an invented sentence (extractor unit tests)."""
    from kg.entries import Entry
    entry = Entry(id=entry_id, ordinal=1, position=0, text=text)
    return entry, nlp(text)


def doc_from_texts(*texts: str, doc_id: str = "t"):
    """A Document of invented entries, oldest first."""
    from kg.entries import Document, Entry
    entries = [Entry(id=f"e{i + 1:04d}", ordinal=i + 1, position=i, text=t) for i, t in enumerate(texts)]
    return Document(id=doc_id, entries=entries)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Tests skipped for a missing system package are reported at one place, so that
    ``pytest -ra`` folds them into one summary line with their count, not one line per test."""
    report = yield
    if report.skipped and isinstance(report.longrepr, tuple) and APT_COMMAND in str(report.longrepr[2]):
        report.longrepr = (__file__, require_packages.__code__.co_firstlineno, report.longrepr[2])
    return report
