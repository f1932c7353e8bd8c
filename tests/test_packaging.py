"""The project installs under one namespace (ogi.crawler, ogi.indexer, ogi.scheduler), so it
can share a virtualenv with PyPI's own `scheduler` package (and `crawler`, `indexer`)."""
from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import scheduler, ogi.scheduler.service, ogi.crawler.run, ogi.indexer.embedded, ogi.crawler.cms
from pathlib import Path
assert hasattr(scheduler, "Scheduler"), scheduler.__file__          # PyPI's scheduler, not ours
assert Path(ogi.scheduler.service.__file__).parent.name == "scheduler", ogi.scheduler.service.__file__
print("ok", scheduler.__file__, ogi.scheduler.service.__file__)
"""


def _venv(tmp_path: Path) -> Path:
    env_dir = tmp_path / "venv"
    # the system site-packages give the project's dependencies; the project itself and PyPI's
    # scheduler go into the venv
    venv.EnvBuilder(system_site_packages=True, with_pip=True).create(env_dir)
    return env_dir / "bin" / "python"


def _pip(python: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *args],
                          capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("editable", [False, True], ids=["wheel", "editable"])
def test_packaging_beside_pypi_scheduler(tmp_path, editable):
    python = _venv(tmp_path)
    got = _pip(python, "scheduler")
    if got.returncode != 0:
        pytest.skip(f"PyPI's scheduler package could not be installed (no package index?): {got.stderr[-300:]}")
    target = ["-e", str(ROOT)] if editable else [str(ROOT)]
    got = _pip(python, "--no-deps", *target)
    assert got.returncode == 0, got.stderr[-2000:]
    # run from a directory outside the checkout: nothing on sys.path but the venv and the system
    ran = subprocess.run([str(python), "-c", PROBE], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert ran.stdout.startswith("ok")
    # the console script is the project's
    ogi = python.parent / "ogi"
    ran = subprocess.run([str(ogi), "--help"], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert ran.returncode == 0 and "usage" in ran.stdout.lower(), ran.stderr[-2000:]


def test_packaging_old_names_not_installed():
    """No module of the project is importable by its folder name outside the checkout."""
    ran = subprocess.run([sys.executable, "-c",
                          "import importlib.util as u; print([n for n in ('crawler', 'indexer', 'scheduler') "
                          "if (s := u.find_spec(n)) and str(s.origin or '').startswith(%r)])" % str(ROOT)],
                         capture_output=True, text=True, cwd="/", timeout=60)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == "[]"
