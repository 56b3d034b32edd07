"""A normal install works: the wheel carries the shipped term base and runs from any folder.

Slow-ish (a wheel build and a venv, about 10 s), kept in the default run:
the first wave's wheel had no ``terms/`` and every README example failed
with exit 3 on a fresh machine, with every test green.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from glossary.store import SHIPPED_PATH

REPO = Path(__file__).resolve().parent.parent
DRAFT = REPO / "examples" / "draft.tsv"

#: What a clean clone holds that a build reads.
SOURCES = ("glossary", "terms", "setup.py", "setup.cfg", "pyproject.toml", "MANIFEST.in", "README.md", "babel.cfg")

pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the checkout without any build leftovers."""
    src = tmp_path_factory.mktemp("src")
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build", "_shipped", "*.sqlite*")
    for name in SOURCES:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=ignore)
        elif path.exists():
            shutil.copy2(path, src / name)
    out = tmp_path_factory.mktemp("wheel")
    proc = run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", ".", "-w", out, cwd=src)
    assert proc.returncode == 0, proc.stderr[-2000:]
    (built,) = out.glob("glossary-*.whl")
    return built


def test_the_editable_checkout_reads_its_own_terms_folder():
    assert SHIPPED_PATH == REPO / "terms" / "glossary.jsonl"


def test_the_wheel_carries_the_shipped_term_base(wheel):
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        assert zf.read("glossary/_shipped/glossary.jsonl") == (REPO / "terms" / "glossary.jsonl").read_bytes()
        assert zf.read("glossary/_shipped/glossary.tbx") == (REPO / "terms" / "glossary.tbx").read_bytes()
        (meta_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        meta = Parser().parsestr(zf.read(meta_name).decode("utf-8"))
    for module in ("store/__init__.py", "store/base.py", "store/merge.py", "store/sqlite.py", "store/jsonl.py"):
        assert f"glossary/{module}" in names
    assert "glossary/locale/zh_Hans/LC_MESSAGES/glossary.mo" in names
    required = [r for r in meta.get_all("Requires-Dist") if "extra ==" not in r]
    assert not any(r.startswith("translate-toolkit") for r in required), required
    assert any(r.startswith("click") for r in required)


def test_the_installed_wheel_lints_the_example_from_another_folder(wheel, tmp_path):
    """Installed non-editable in a fresh venv: the main job finds the term base inside the package."""
    venv = tmp_path / "venv"
    assert run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    proc = run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index", wheel, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    # The dependencies come from the running environment (listed after the
    # venv's own packages, so glossary itself is the installed wheel).
    purelib = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path).stdout.strip())
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (purelib / "_test_deps.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GLOSSARY_", "PYTHON"))}
    env["LANG"] = "C.UTF-8"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy2(DRAFT, elsewhere / "draft.tsv")

    where = run(python, "-c", "import glossary.store as s; print(s.SHIPPED_PATH); print(s.__file__)", cwd=elsewhere, env=env)
    shipped, module = where.stdout.split()
    assert Path(shipped).is_relative_to(venv) and Path(shipped).is_file(), where.stdout + where.stderr
    assert Path(module).is_relative_to(venv)

    lint = run(venv / "bin" / "glossary", "lint", "draft.tsv", cwd=elsewhere, env=env)
    assert lint.returncode == 1, lint.stdout + lint.stderr
    assert "findings in 10 segments" in lint.stdout
    assert "term " in lint.stdout.splitlines()[-1]
