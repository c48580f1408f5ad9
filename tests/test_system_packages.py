"""A fresh machine: the suite installs the system packages when it can, else says so in one line.

The browser and server tests need Chromium, chromedriver and Virtuoso (Debian packages).
Run as root with apt, the suite installs what is missing (as .ci/run does); otherwise
those tests are skipped with one summary line naming the apt command, and the run
passes; under CI (``CI=true``) a missing package fails them instead.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

import tests.conftest as conftest
from tests.conftest import APT_COMMAND, ROOT

#: tests that need each kind of system package, and nothing slow before it
NEEDS_PACKAGES = ["tests/test_view_browser.py", "tests/test_servers.py::test_wrong_password_is_a_store_error"]


def test_the_command_names_every_package():
    assert APT_COMMAND == "sudo apt-get install chromium chromium-driver virtuoso-opensource"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert all(pkg in ci for pkg in conftest.SYSTEM_PACKAGES), ".ci/run installs the same packages"


def test_a_missing_package_skips_outside_ci_and_fails_in_ci(monkeypatch):
    monkeypatch.setattr(conftest, "IN_CI", False)
    conftest.require_packages([], "chromium")                           # nothing missing: runs
    conftest.require_packages(["virtuoso-opensource"], "chromium")      # another one missing: runs
    with pytest.raises(pytest.skip.Exception, match=re.escape(APT_COMMAND)):
        conftest.require_packages(["chromium"], "chromium", "chromium-driver")
    monkeypatch.setattr(conftest, "IN_CI", True)
    with pytest.raises(pytest.fail.Exception, match=re.escape(APT_COMMAND)):
        conftest.require_packages(["chromium"], "chromium", "chromium-driver")


def _run_without_packages(ci: str) -> subprocess.CompletedProcess:
    """pytest on the tests that need the packages, on a machine where none is found or installable."""
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(PATH=os.path.dirname(sys.executable), KG_CHROMIUM="/nonexistent/chromium",
               KG_CHROMEDRIVER="/nonexistent/chromedriver", KG_INSTALL_SYSTEM_PACKAGES="0",
               PYTHONPATH=str(ROOT), CI=ci)
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *NEEDS_PACKAGES],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def test_without_the_packages_the_run_passes_with_one_line_naming_the_command():
    run = _run_without_packages(ci="")
    assert run.returncode == 0, run.stdout[-3000:]
    skipped = [line for line in run.stdout.splitlines() if line.startswith("SKIPPED")]
    assert len(skipped) == 1 and APT_COMMAND in skipped[0], run.stdout[-3000:]
    assert "chromium, chromium-driver, virtuoso-opensource not installed" in skipped[0]
    assert not re.search(r"\d+ (failed|errors?)\b", run.stdout), run.stdout[-3000:]


def test_under_ci_a_missing_package_fails():
    run = _run_without_packages(ci="true")
    assert run.returncode == 1, run.stdout[-3000:]
    assert re.search(r"\d+ (failed|errors?)\b", run.stdout) and "skipped" not in run.stdout.splitlines()[-1]
    assert APT_COMMAND in run.stdout


def test_as_root_with_apt_the_missing_packages_are_installed(tmp_path, monkeypatch, capfd):
    """A fake apt-get that 'installs' by creating the programs: ensure_packages calls it for the
    missing package only, and then finds nothing missing."""
    bin_dir, log = tmp_path / "bin", tmp_path / "apt.log"
    bin_dir.mkdir()
    tool = bin_dir / "widget-viewer"
    apt = bin_dir / "apt-get"
    apt.write_text(f"#!/bin/sh\nPATH=/usr/bin:/bin\necho \"$@\" >> {log}\n"
                   f"case \"$1\" in install) printf '#!/bin/sh\\n' > {tool}; chmod +x {tool};; esac\n")
    apt.chmod(0o755)
    (bin_dir / "present-tool").write_text("#!/bin/sh\n")
    (bin_dir / "present-tool").chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.delenv("KG_INSTALL_SYSTEM_PACKAGES", raising=False)
    monkeypatch.setattr(conftest, "SYSTEM_PACKAGES", {"widget-viewer-pkg": ("widget-viewer",),
                                                      "present-pkg": ("present-tool",)})
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert conftest.ensure_packages() == ["widget-viewer-pkg"] and not log.exists()   # not root: no apt
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    monkeypatch.setenv("KG_INSTALL_SYSTEM_PACKAGES", "0")
    assert conftest.ensure_packages() == ["widget-viewer-pkg"] and not log.exists()   # told not to
    monkeypatch.delenv("KG_INSTALL_SYSTEM_PACKAGES")
    assert conftest.ensure_packages() == []
    assert log.read_text().splitlines() == [
        "update -q", "install -y -q --no-install-recommends widget-viewer-pkg"]
    assert "installing widget-viewer-pkg with apt-get" in capfd.readouterr().err
